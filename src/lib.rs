//! `charterc`: a compiler and linter for governance charters.
//!
//! A charter is written in a small declarative language (see `docs/language.md`). The pipeline is:
//!
//! ```text
//! text ─► syntax::parse ─► ast::Charter ─► lower::lower ─► ir::Charter ─► checks::run ─► Vec<Diagnostic> ─► report
//! ```
//!
//! [`check`] runs the whole pipeline on one file and returns the IR (when the file parses) and every
//! diagnostic, sorted. The library never reads files, never prints and never panics on input: the CLI
//! (`src/cli.rs`) does the IO.
//!
//! ```
//! use charterc::{check, source::SourceFile};
//!
//! let text = r#"
//! charter "Tiny" { source "https://example.org/GOVERNANCE.md" }
//! role maintainer { size at least 1; join by add_maintainer; leave by resignation }
//! decision add_maintainer {
//!   vote { voters maintainer; passes when yes >= 2/3 of members }
//! }
//! decision amend_charter {
//!   purpose amend charter
//!   vote { voters maintainer; passes when yes >= 2/3 of members }
//! }
//! "#;
//! let analysis = check(&SourceFile::new("tiny.charter", text));
//! assert!(analysis.diagnostics.is_empty());
//! let charter = analysis.charter.expect("the charter parses");
//! // `yes >= 2/3 of members` is `3y - 2n >= 0`.
//! let linear = &charter.decisions[0].vote.as_ref().unwrap().conditions[0].readings[0].linear;
//! assert_eq!((linear.yes, linear.members), (3, -2));
//! ```

// The parser pest derives without its `std` feature names `::alloc`.
extern crate alloc;

pub mod analysis;
pub mod ast;
pub mod checks;
pub mod compare;
pub mod config;
pub mod diagnostic;
pub mod ir;
pub mod lower;
pub mod report;
pub mod source;
pub mod suppress;
pub mod syntax;
#[doc(hidden)]
pub mod testing;

use diagnostic::Diagnostic;
use source::SourceFile;

/// The result of checking one file.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The file checked.
    pub source: SourceFile,
    /// The checked IR, when the file parses.
    pub charter: Option<ir::Charter>,
    /// Every finding, after suppression and levels, in canonical order.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings accepted by an `allow` in the charter, with their reasons.
    pub suppressed: Vec<suppress::Suppressed>,
}

/// Runs the whole pipeline on one file with default levels: parse, lower, check.
pub fn check(source: &SourceFile) -> Analysis {
    check_with(source, &config::Levels::default())
}

/// The largest file charterc checks: 64 MiB. A larger input gets one `file-too-large` error, found before it is
/// decoded or parsed; the CLI reads no more than one byte past the limit.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Runs the whole pipeline on one file: parse, lower, check, apply `allow` statements, then `levels`.
pub fn check_with(source: &SourceFile, levels: &config::Levels) -> Analysis {
    if source.text.len() > MAX_INPUT_BYTES {
        return too_large(&source.name);
    }
    let ast = match syntax::parse(source) {
        Ok(ast) => ast,
        Err(diagnostic) => {
            return Analysis {
                source: source.clone(),
                charter: None,
                diagnostics: vec![diagnostic],
                suppressed: Vec::new(),
            };
        }
    };
    let (charter, mut diagnostics) = lower::lower_owned(&source.text, ast);
    let mut suppressed = Vec::new();
    // Checks on an IR with unresolved parts would report the holes as findings (a misspelt role makes the real
    // one look unused), so they, and the `allow` statements that answer them, wait until lowering is clean.
    if !diagnostics
        .iter()
        .any(|d| d.severity == diagnostic::Severity::Error)
    {
        (diagnostics, suppressed) = analyze(&charter, diagnostics);
    }
    let mut diagnostics = levels.apply(diagnostics);
    diagnostic::sort_diagnostics(&mut diagnostics);
    Analysis {
        source: source.clone(),
        charter: Some(charter),
        diagnostics,
        suppressed,
    }
}

/// The stage after [`lower::lower`] when lowering found no error: every IR check (with the vote arithmetic),
/// then the charter's own `allow` statements. `diagnostics` are lowering's findings; returns the findings kept
/// and those an `allow` accepted, before levels are applied.
pub fn analyze(
    charter: &ir::Charter,
    mut diagnostics: Vec<Diagnostic>,
) -> (Vec<Diagnostic>, Vec<suppress::Suppressed>) {
    diagnostics.extend(checks::run(charter));
    suppress::apply(charter, diagnostics)
}

/// The analysis of raw bytes: a file larger than [`MAX_INPUT_BYTES`] gets `file-too-large`, one that is not
/// UTF-8 one `not-utf8` error at the first invalid byte; any other goes through [`check_with`].
pub fn check_bytes(name: &str, bytes: &[u8], levels: &config::Levels) -> Analysis {
    if bytes.len() > MAX_INPUT_BYTES {
        return too_large(name);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => check_with(&SourceFile::new(name, text), levels),
        Err(error) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            // The lossy text has replacement characters, so the offset is re-measured in it.
            let valid = error.valid_up_to();
            Analysis {
                source: SourceFile::new(name, text),
                charter: None,
                diagnostics: vec![checks::not_utf8::diagnostic(valid)],
                suppressed: Vec::new(),
            }
        }
    }
}

/// [`check_bytes`] of bytes the caller no longer needs: they are freed once the [`SourceFile`] holds the text, so a
/// large file is in memory once, not twice, while it is checked.
pub fn check_owned(name: &str, bytes: Vec<u8>, levels: &config::Levels) -> Analysis {
    if bytes.len() > MAX_INPUT_BYTES {
        return too_large(name);
    }
    match String::from_utf8(bytes) {
        Ok(text) => check_with(&SourceFile::new(name, text), levels),
        Err(error) => check_bytes(name, error.as_bytes(), levels),
    }
}

/// The analysis of a file over the size limit: no text is kept, so the only label is at offset 0.
fn too_large(name: &str) -> Analysis {
    Analysis {
        source: SourceFile::new(name, ""),
        charter: None,
        diagnostics: vec![checks::file_too_large::diagnostic(MAX_INPUT_BYTES)],
        suppressed: Vec::new(),
    }
}

/// The analysis of a file that could not be read: an empty text and one `io-error` finding, so that every output
/// lists the file. `detail` is the operating system's reason, such as `No such file or directory (os error 2)`.
pub fn unreadable(name: &str, detail: &str) -> Analysis {
    Analysis {
        source: SourceFile::new(name, ""),
        charter: None,
        diagnostics: vec![checks::io_error::diagnostic(name, detail)],
        suppressed: Vec::new(),
    }
}
