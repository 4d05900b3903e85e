//! The one diagnostic type every stage produces and every output renders.
//!
//! A [`Diagnostic`] is plain data: which finding ([`Lint`]), its severity, a message with the concrete figures, a
//! primary label, secondary labels on the other half of a conflict, and help. Human output (`report::human`)
//! and JSON output (`report::json`) are two views of the same value, so they cannot drift apart.

use crate::source::Span;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// An ambiguity or hazard: the charter can be followed, but readers may disagree.
    Warning,
    /// A contradiction: the charter cannot be followed as written.
    Error,
}

impl Severity {
    /// The lower-case word used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The declaration of a finding: a stable code, a kebab-case name, a default severity and its documentation.
///
/// Declared with [`declare_lint!`](crate::declare_lint), one per file under `src/checks/`.
#[derive(Debug, PartialEq, Eq)]
pub struct Lint {
    /// The stable code, such as `CH101`.
    pub code: &'static str,
    /// The stable kebab-case name, such as `undefined-reference`.
    pub name: &'static str,
    /// The severity unless configured otherwise.
    pub default_severity: Severity,
    /// The explanation printed by `charterc explain`: what it finds, why it matters, an example.
    pub docs: &'static str,
}

impl Lint {
    /// The documentation as `charterc explain` prints it: the doc comment without its leading spaces.
    pub fn explanation(&self) -> String {
        let mut res = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            res.push_str(line.strip_prefix(' ').unwrap_or(line));
            res.push('\n');
        }
        res
    }

    /// The text of one `## Title` section of the documentation, without its heading, trimmed; `None` when the
    /// documentation has no such section.
    pub fn section(&self, title: &str) -> Option<String> {
        let explanation = self.explanation();
        let heading = format!("## {title}");
        let mut lines = explanation
            .lines()
            .skip_while(|line| line.trim_end() != heading);
        lines.next()?;
        let body: Vec<&str> = lines.take_while(|line| !line.starts_with("## ")).collect();
        Some(body.join("\n").trim().to_owned())
    }

    /// What the finding finds, in one sentence: the first sentence of its `## What it finds` section.
    pub fn summary(&self) -> String {
        let what = self
            .section("What it finds")
            .unwrap_or_else(|| self.name.to_owned());
        let paragraph = what.split("\n\n").next().unwrap_or_default();
        // One line, without a list marker, with single spaces.
        let words: Vec<&str> = paragraph.split_whitespace().collect();
        let text = words.strip_prefix(&["-"]).unwrap_or(&words).join(" ");
        // The first period outside backticks that ends a word (not an ellipsis) and is followed by a space.
        let mut in_code = false;
        let mut previous = ' ';
        let mut chars = text.char_indices().peekable();
        while let Some((index, c)) = chars.next() {
            if c == '`' {
                in_code = !in_code;
            }
            let next = chars.peek().map(|&(_, next)| next);
            if c == '.' && !in_code && previous != '.' && next == Some(' ') {
                return text.get(..=index).unwrap_or(&text).to_owned();
            }
            previous = c;
        }
        text
    }
}

/// Declares a finding: `declare_lint!(/// docs... pub NAME, "CH101", "kebab-name", Error);`.
///
/// The doc comment is kept both on the constant and as the `docs` text that `charterc explain` prints.
#[macro_export]
macro_rules! declare_lint {
    ($(#[doc = $doc:literal])* $vis:vis $ident:ident, $code:literal, $name:literal, $severity:ident) => {
        $(#[doc = $doc])*
        $vis static $ident: $crate::diagnostic::Lint = $crate::diagnostic::Lint {
            code: $code,
            name: $name,
            default_severity: $crate::diagnostic::Severity::$severity,
            docs: concat!($($doc, "\n"),*),
        };
    };
}

/// A span with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// What is labelled.
    pub span: Span,
    /// What the label says; may be empty.
    pub message: String,
}

impl Label {
    /// Creates a label.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label {
            span,
            message: message.into(),
        }
    }
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Which finding this is.
    pub lint: &'static Lint,
    /// The severity after configuration.
    pub severity: Severity,
    /// One sentence, lower-case, no final period, with the concrete figures.
    pub message: String,
    /// The narrowest span that shows the problem.
    pub primary: Label,
    /// Context: the other half of a conflict, the first definition, ...
    pub secondary: Vec<Label>,
    /// How to fix it, in the imperative.
    pub help: Option<String>,
    /// Further facts, such as the figures under each reading of an ambiguous rule.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// Creates a diagnostic of `lint` at its default severity.
    pub fn new(lint: &'static Lint, message: impl Into<String>, primary: Label) -> Self {
        Diagnostic {
            lint,
            severity: lint.default_severity,
            message: message.into(),
            primary,
            secondary: Vec::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label::new(span, message));
        self
    }

    /// Sets the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The canonical order of diagnostics in one file: by position, then code, then message.
    pub fn sort_key(&self) -> (usize, usize, &'static str, &str) {
        (
            self.primary.span.start,
            self.primary.span.end,
            self.lint.code,
            self.message.as_str(),
        )
    }
}

/// Sorts diagnostics into their canonical, deterministic order and removes exact duplicates.
pub fn sort_diagnostics(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // Exact duplicates share a sort key, but another diagnostic with the same key (other labels or notes) may
    // sit between them, so each is compared with the whole run of its key kept so far, not only its neighbour.
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics.drain(..) {
        let run_start = kept
            .iter()
            .rposition(|k| k.sort_key() != diagnostic.sort_key())
            .map_or(0, |last_other| last_other + 1);
        let run = kept.get(run_start..).unwrap_or_default();
        if !run.contains(&diagnostic) {
            kept.push(diagnostic);
        }
    }
    *diagnostics = kept;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ALL;

    #[test]
    fn exact_duplicates_go_even_when_a_diagnostic_with_the_same_key_stands_between_them() {
        let lint = ALL.first().copied().unwrap();
        let at = |note: &str| {
            let mut diagnostic =
                Diagnostic::new(lint, "message", Label::new(Span::new(3, 5), "here"));
            diagnostic.notes.push(note.to_owned());
            diagnostic
        };
        let mut diagnostics = vec![at("a"), at("b"), at("a"), at("b"), at("c")];
        sort_diagnostics(&mut diagnostics);
        let notes: Vec<String> = diagnostics.iter().map(|d| d.notes.concat()).collect();
        assert_eq!(notes, ["a", "b", "c"]);
    }
}
