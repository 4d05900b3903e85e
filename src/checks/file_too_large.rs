//! `CH008` `file-too-large`: a file larger than charterc reads.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A file larger than 64 MiB (67,108,864 bytes). charterc checks the size before it decodes or parses
    /// anything, and reads no more of the file than that.
    ///
    /// ## Why it matters
    /// The largest published charters are tens of kilobytes; a file of many megabytes is almost certainly not a
    /// charter (a log, a binary, a generated dump). A fixed limit keeps the time and memory of a check bounded
    /// (about 20 bytes of memory per byte of input), so that a wrong path cannot exhaust the machine that runs
    /// charterc in CI.
    ///
    /// ## Example
    /// `charterc check build/` on a folder that holds a 100 MB file named `dump.charter`. Check the path, or
    /// split the charter into files under the limit.
    pub(crate) FILE_TOO_LARGE, "CH008", "file-too-large", Error
}

/// The diagnostic for a file of more than `limit` bytes.
pub(crate) fn diagnostic(limit: usize) -> Diagnostic {
    Diagnostic::new(
        &FILE_TOO_LARGE,
        format!(
            "the file is larger than {} MiB ({limit} bytes), the most charterc checks",
            limit / (1024 * 1024)
        ),
        Label::new(Span::new(0, 0), "the file starts here"),
    )
    .with_help("check that this is the charter you meant; a charter this large must be split into several files")
}
