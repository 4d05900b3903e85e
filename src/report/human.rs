//! Human-readable reports, rendered by miette.
//!
//! `Style::Graphical` draws source snippets with box-drawing characters (and colour when asked);
//! `Style::Plain` narrates the same content in sentences, for screen readers and logs. Rendering takes its
//! width and colour as arguments and never reads the terminal or global state, so tests are deterministic.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NarratableReportHandler};
use textwrap::{WordSeparator, WordSplitter};

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::is_about_whole_file;
use crate::report::visible::visible;
use crate::source::{SnippetSource, SourceFile};

/// How to draw a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Source snippets with box drawing; colour if `color` is set.
    Graphical {
        /// Whether to use ANSI colours.
        color: bool,
    },
    /// The same content as sentences, with no drawing characters.
    Plain,
}

/// Renders the diagnostics of one file, each followed by a blank line.
pub fn render(
    source: &SourceFile,
    diagnostics: &[Diagnostic],
    style: Style,
    width: usize,
) -> String {
    // Snippets are read through a line index built once: miette's own reading of a string counts lines from the
    // start of the file for every snippet, which makes a report of many findings in a large file quadratic.
    let named = SnippetSource::new(source).with_language("charter");
    let mut out = String::new();
    for diagnostic in diagnostics {
        let view = MietteView {
            diagnostic,
            source: &named,
        };
        // miette has no notes; they go in the footer, one `note:` line each, after the help.
        let notes: Vec<String> = diagnostic
            .notes
            .iter()
            .map(|note| format!("note: {}", visible(note)))
            .collect();
        let result = match style {
            Style::Graphical { color } => {
                let theme = if color {
                    GraphicalTheme::unicode()
                } else {
                    GraphicalTheme::unicode_nocolor()
                };
                let mut handler = GraphicalReportHandler::new_themed(theme)
                    .with_width(width)
                    .with_links(false)
                    .with_word_separator(WordSeparator::AsciiSpace)
                    // As in the diff and compare reports (`report::wrap`): a name such as `role-without-exit`
                    // or `add-maintainer` is never split at its hyphens.
                    .with_word_splitter(WordSplitter::NoHyphenation);
                if !notes.is_empty() {
                    handler = handler.with_footer(notes.join("\n"));
                }
                handler.render_report(&mut out, &view)
            }
            Style::Plain => {
                let mut handler = NarratableReportHandler::new();
                if !notes.is_empty() {
                    handler = handler.with_footer(notes.join("\n"));
                }
                handler.render_report(&mut out, &view)
            }
        };
        if result.is_err() {
            // Rendering into a String only fails on a formatting bug; keep the essentials rather than nothing.
            out.push_str(&format!(
                "{}[{}]: {}\n",
                diagnostic.severity.as_str(),
                diagnostic.lint.code,
                visible(&diagnostic.message)
            ));
        }
        out.push('\n');
    }
    out
}

/// A diagnostic with its source, as miette sees it.
struct MietteView<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a SnippetSource,
}

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.diagnostic.fmt(f)
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible(&self.diagnostic.message))
    }
}

impl std::error::Error for MietteView<'_> {}

impl miette::Diagnostic for MietteView<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let lint = self.diagnostic.lint;
        Some(Box::new(format!(
            "{}[{}]: {}",
            self.diagnostic.severity.as_str(),
            lint.code,
            lint.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|help| Box::new(visible(help)) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        // A file that could not be read has no text to show.
        (!is_about_whole_file(self.diagnostic)).then_some(self.source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if is_about_whole_file(self.diagnostic) {
            return None;
        }
        let primary = &self.diagnostic.primary;
        let label = |message: &str| {
            if message.is_empty() {
                None
            } else {
                Some(visible(message).into_owned())
            }
        };
        // miette reads the source's display copy, in which control characters take more bytes: every span is
        // moved onto it.
        let source = self.source;
        let primary =
            LabeledSpan::new_primary_with_span(label(&primary.message), source.span(primary.span));
        let secondary = self
            .diagnostic
            .secondary
            .iter()
            .map(move |l| LabeledSpan::new_with_span(label(&l.message), source.span(l.span)));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}
