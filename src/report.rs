//! Outputs: every rendering of diagnostics and of the IR. Each is a view of the same data.
//!
//! `human` renders rich reports with miette (graphical or narrated); `short` one line per finding; `json` defines
//! the JSON documents and embeds their schemas; `sarif` builds a SARIF 2.1.0 log; `github` writes GitHub Actions
//! workflow commands; `catalogue` renders the registry as the Markdown of `docs/checks.md`; `diff_text`,
//! `compare_table` and `compare_json` render `charterc diff` and `charterc compare` (text wrapped by `wrap`).
//! Every text meant for a terminal shows control characters through `visible`, so that a charter cannot send
//! escape sequences to the terminal of whoever checks it; `json_writer` writes JSON with the same characters
//! escaped.
//! Nothing here does IO: renderers return values or `String`s that the CLI prints. Output depends only on the
//! arguments, so the same input gives the same bytes.

pub mod catalogue;
pub mod compare_json;
pub mod compare_table;
pub mod diff_text;
pub mod github;
pub mod human;
pub mod json;
pub mod json_writer;
pub mod sarif;
pub mod short;
pub mod visible;
pub mod wrap;

use crate::Analysis;
use crate::diagnostic::{Diagnostic, Lint, Severity};

/// Counts of findings over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Findings accepted by an `allow` in the charter.
    pub suppressed: usize,
}

impl Summary {
    /// Counts the findings of several analyses.
    pub fn of(analyses: &[Analysis]) -> Summary {
        let mut res = Summary {
            files: analyses.len(),
            ..Summary::default()
        };
        res.suppressed = analyses.iter().map(|a| a.suppressed.len()).sum();
        for diagnostic in analyses.iter().flat_map(|a| &a.diagnostics) {
            match diagnostic.severity {
                Severity::Error => res.errors += 1,
                Severity::Warning => res.warnings += 1,
            }
        }
        res
    }
}

/// "1 error", "2 warnings".
pub fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// Where `docs/checks.md` is read when no other location is configured: a path relative to charterc's own
/// repository, which is where the file is committed. It is not a URL of any site.
pub const DEFAULT_DOCS_URL: &str = "docs/checks.md";

/// Where the explanations of findings are published: the location of `docs/checks.md` (a URL or a relative path),
/// set with `--docs-url` or `CHARTERC_DOCS_URL`. The link of a finding is that location with the code, lower-cased,
/// as its fragment: `docs/checks.md#ch101`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocsUrl {
    base: String,
}

impl DocsUrl {
    /// A location of `docs/checks.md`; a trailing `#` is dropped.
    pub fn new(base: &str) -> Self {
        DocsUrl {
            base: base.trim().trim_end_matches('#').to_owned(),
        }
    }

    /// The link to the explanation of `lint`.
    pub fn for_lint(&self, lint: &Lint) -> String {
        format!("{}#{}", self.base, catalogue::anchor(lint))
    }

    /// Whether the location is an absolute URI (it has a scheme, such as `https:`), as SARIF's `helpUri` requires.
    pub fn is_absolute(&self) -> bool {
        let Some((scheme, _)) = self.base.split_once(':') else {
            return false;
        };
        let mut chars = scheme.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            // A Windows drive letter (`C:`) is not a scheme.
            && scheme.len() > 1
    }
}

impl Default for DocsUrl {
    fn default() -> Self {
        DocsUrl::new(DEFAULT_DOCS_URL)
    }
}

/// Whether a finding is about the file as a whole rather than a place in it: a file that could not be read has no
/// text, so formats that point into files (SARIF regions, workflow commands) give no line or column for it.
pub fn is_about_whole_file(diagnostic: &Diagnostic) -> bool {
    std::ptr::eq(diagnostic.lint, &crate::checks::io_error::IO_ERROR)
}

/// Ends a message with a period unless it already ends with punctuation, for formats whose readers expect
/// sentences (SARIF, GitHub annotations). charterc's own messages have no final period.
pub(crate) fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '?', '!']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}
