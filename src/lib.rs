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

pub mod analysis;
pub mod ast;
pub mod checks;
pub mod config;
pub mod diagnostic;
pub mod ir;
pub mod lower;
pub mod report;
pub mod source;
pub mod suppress;
pub mod syntax;

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

/// Runs the whole pipeline on one file: parse, lower, check, apply `allow` statements, then `levels`.
pub fn check_with(source: &SourceFile, levels: &config::Levels) -> Analysis {
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
    let (charter, mut diagnostics) = lower::lower(&source.text, &ast);
    let mut suppressed = Vec::new();
    // Checks on an IR with unresolved parts would report the holes as findings (a misspelt role makes the real
    // one look unused), so they, and the `allow` statements that answer them, wait until lowering is clean.
    if !diagnostics
        .iter()
        .any(|d| d.severity == diagnostic::Severity::Error)
    {
        diagnostics.extend(checks::run(&charter));
        let (kept, accepted) = suppress::apply(&charter, diagnostics);
        diagnostics = kept;
        suppressed = accepted;
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

/// The analysis of a file whose bytes are not UTF-8: one `not-utf8` error at the first invalid byte.
pub fn check_bytes(name: &str, bytes: &[u8], levels: &config::Levels) -> Analysis {
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
