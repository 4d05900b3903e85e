//! `CH007` `io-error`: a file that could not be read.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A path given to `charterc check` (or found in a folder) that cannot be read: it does not exist, it is not
    /// readable by the user running charterc, or it is a folder that cannot be listed.
    ///
    /// ## Why it matters
    /// A charter that is not read is not checked. Reporting the failure as a finding of that file keeps every
    /// output complete: the JSON and SARIF documents list the file with this error instead of leaving it out, and
    /// the run still exits with status 2, as for any I/O error, after checking the other files.
    ///
    /// ## Example
    /// `charterc check governance/gov.charter` when the file was renamed. Fix the path, or the file's
    /// permissions, and run the check again.
    pub(crate) IO_ERROR, "CH007", "io-error", Error
}

/// The diagnostic for the file `name` that cannot be read; `detail` is the operating system's reason.
pub(crate) fn diagnostic(name: &str, detail: &str) -> Diagnostic {
    Diagnostic::new(
        &IO_ERROR,
        format!("cannot read `{name}`: {detail}"),
        Label::new(Span::new(0, 0), ""),
    )
    .with_help("check that the path exists and is readable")
}
