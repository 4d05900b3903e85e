//! Human-readable reports, rendered by miette.
//!
//! `Style::Graphical` draws source snippets with box-drawing characters (and colour when asked);
//! `Style::Plain` narrates the same content in sentences, for screen readers and logs. Rendering takes its
//! width and colour as arguments and never reads the terminal or global state, so tests are deterministic.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NarratableReportHandler};

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::is_about_whole_file;
use crate::report::visible::visible;
use crate::report::wrap;
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
            wrapped: None,
        };
        // miette has no notes; they go in the footer, one `note:` line each, after the help.
        let notes = diagnostic
            .notes
            .iter()
            .map(|note| format!("note: {}", visible(note)));
        let result = match style {
            Style::Graphical { color } => {
                let theme = if color {
                    GraphicalTheme::unicode()
                } else {
                    GraphicalTheme::unicode_nocolor()
                };
                let view = MietteView {
                    wrapped: Some(Wrapped::for_graphical(diagnostic, width)),
                    ..view
                };
                // The texts come wrapped (see `Wrapped`): miette only indents their lines.
                let mut handler = GraphicalReportHandler::new_themed(theme)
                    .with_width(width)
                    .with_links(false)
                    .with_wrap_lines(false);
                let columns = graphical_columns(width, FOOTER_INDENT);
                let footer: Vec<String> = notes.map(|note| wrap::block(&note, columns)).collect();
                if !footer.is_empty() {
                    handler = handler.with_footer(footer.join("\n"));
                }
                handler.render_report(&mut out, &view)
            }
            Style::Plain => {
                let mut handler = NarratableReportHandler::new();
                let notes: Vec<String> = notes.collect();
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
    /// The message and help, wrapped for the graphical report; `None` for the narrated one, which does not
    /// wrap.
    wrapped: Option<Wrapped>,
}

/// Columns of the indent miette's graphical handler puts before each line of the message (`  × `, then `  │ `).
const MESSAGE_INDENT: usize = 4;
/// Columns of the indent before each line of the help (`  help: `, then eight spaces).
const HELP_INDENT: usize = 8;
/// Columns of the indent before each line of the footer.
const FOOTER_INDENT: usize = 2;

/// The columns left for text on a line of a graphical report `width` columns wide after an indent of `indent`:
/// miette keeps two columns spare.
fn graphical_columns(width: usize, indent: usize) -> usize {
    width.saturating_sub(2).saturating_sub(indent)
}

/// The message and help of a diagnostic, wrapped to the columns miette leaves for them.
///
/// miette would wrap them itself, calling textwrap with its indents; textwrap then takes its slow path for
/// every text, one that fits on a line included, and that was a sixth of the instructions of `check charters/`.
/// Wrapped here without the indents, a text that fits takes textwrap's fast path, and the lines are the same:
/// each indent is as wide on the first line as on the others, so the same columns are left for every line.
struct Wrapped {
    message: String,
    help: Option<String>,
}

impl Wrapped {
    fn for_graphical(diagnostic: &Diagnostic, width: usize) -> Wrapped {
        Wrapped {
            message: wrap::block(
                &visible(&diagnostic.message),
                graphical_columns(width, MESSAGE_INDENT),
            ),
            help: diagnostic
                .help
                .as_ref()
                .map(|help| wrap::block(&visible(help), graphical_columns(width, HELP_INDENT))),
        }
    }
}

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.diagnostic.fmt(f)
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.wrapped {
            Some(wrapped) => f.write_str(&wrapped.message),
            None => f.write_str(&visible(&self.diagnostic.message)),
        }
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
        match &self.wrapped {
            Some(wrapped) => wrapped
                .help
                .as_deref()
                .map(|help| Box::new(help) as Box<dyn fmt::Display + 'a>),
            None => self
                .diagnostic
                .help
                .as_ref()
                .map(|help| Box::new(visible(help)) as Box<dyn fmt::Display + 'a>),
        }
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
