//! Human-readable reports, rendered by miette.
//!
//! `Style::Graphical` draws source snippets with box-drawing characters (and colour when asked);
//! `Style::Plain` narrates the same content in sentences, for screen readers and logs. Rendering takes its
//! width and colour as arguments and never reads the terminal or global state, so tests are deterministic.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NarratableReportHandler};
use textwrap::WordSeparator;

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::is_about_whole_file;
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
    let mut out = String::new();
    if diagnostics.is_empty() {
        return out;
    }
    // Snippets are read through a line index built once: miette's own reading of a string counts lines from the
    // start of the file for every snippet, which makes a report of many findings in a large file quadratic.
    let named = SnippetSource::new(source).with_language("charter");
    let graphical = match style {
        Style::Graphical { color } => Some(Graphical::new(color, width)),
        Style::Plain => None,
    };
    for diagnostic in diagnostics {
        // miette has no notes; they go in the footer, one `note:` line each, after the help.
        let notes = (!diagnostic.notes.is_empty()).then(|| {
            let notes: Vec<String> = diagnostic
                .notes
                .iter()
                .map(|note| format!("note: {note}"))
                .collect();
            notes.join("\n")
        });
        let result = match &graphical {
            Some(graphical) => graphical.render(&mut out, diagnostic, &named, notes),
            None => {
                let view = MietteView {
                    diagnostic,
                    source: &named,
                    message: None,
                    help: None,
                };
                let mut handler = NarratableReportHandler::new();
                if let Some(notes) = notes {
                    handler = handler.with_footer(notes);
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
                diagnostic.message
            ));
        }
        out.push('\n');
    }
    out
}

/// miette's graphical handlers for one file, built once, and the widths of the indents it wraps text under.
///
/// miette wraps the message, the help and the footer with textwrap, which costs about a third of a report (words
/// are found, split at hyphens and measured through boxed iterators, for every line). `fill` gives the same lines
/// for plain ASCII text at a fraction of that; such text is handed to a handler that does not wrap, already
/// wrapped, and anything else to one that wraps as before.
struct Graphical {
    wrapping: GraphicalReportHandler,
    prewrapped: GraphicalReportHandler,
    /// The wrapping width miette uses for the message, the help and the footer.
    text_width: usize,
    /// The widths of the first and following indents of an error's and a warning's message.
    error_indents: (usize, usize),
    warning_indents: (usize, usize),
}

impl Graphical {
    fn new(color: bool, width: usize) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        // miette indents a message with "  <icon> " and then "  <vbar> "; colour codes take no columns.
        let indent = |icon: &str| 3 + textwrap::core::display_width(icon);
        let vbar = indent(&theme.characters.vbar.to_string());
        let error_indents = (indent(&theme.characters.error), vbar);
        let warning_indents = (indent(&theme.characters.warning), vbar);
        let wrapping = GraphicalReportHandler::new_themed(theme)
            .with_width(width)
            .with_links(false)
            .with_word_separator(WordSeparator::AsciiSpace);
        let prewrapped = wrapping.clone().with_wrap_lines(false);
        Graphical {
            wrapping,
            prewrapped,
            text_width: width.saturating_sub(2),
            error_indents,
            warning_indents,
        }
    }

    fn render(
        &self,
        out: &mut String,
        diagnostic: &Diagnostic,
        source: &SnippetSource,
        notes: Option<String>,
    ) -> fmt::Result {
        let (first, rest) = match diagnostic.severity {
            Severity::Error => self.error_indents,
            Severity::Warning => self.warning_indents,
        };
        let width = self.text_width;
        let message = fill(&diagnostic.message, first, rest, width);
        // "  help: " and then eight spaces; the footer "  " throughout.
        let help = diagnostic.help.as_ref().map(|help| fill(help, 8, 8, width));
        let footer = notes.as_ref().map(|notes| fill(notes, 2, 2, width));
        let prewrapped = message.is_some()
            && help.as_ref().is_none_or(Option::is_some)
            && footer.as_ref().is_none_or(Option::is_some);
        let (handler, view, footer) = if prewrapped {
            let view = MietteView {
                diagnostic,
                source,
                message,
                help: help.flatten(),
            };
            (&self.prewrapped, view, footer.flatten())
        } else {
            let view = MietteView {
                diagnostic,
                source,
                message: None,
                help: None,
            };
            (&self.wrapping, view, notes)
        };
        match footer {
            // The footer is a field of the handler: a diagnostic with notes has a handler of its own.
            Some(footer) => handler
                .clone()
                .with_footer(footer)
                .render_report(out, &view),
            None => handler.render_report(out, &view),
        }
    }
}

/// The lines `textwrap::fill` gives for `text` under miette's options (first-fit, words separated by ASCII
/// spaces, split after hyphens between letters or digits, words longer than a line broken), with indents of
/// `first` and `rest` columns, joined by newlines and without their indents; `None` unless every line is plain
/// ASCII and none is blank, which is when miette's unwrapped output of these lines is byte for byte its wrapped
/// output of `text`.
///
/// Each step is textwrap's, in the same order, so that ties break the same way: a line of `text` is cut into
/// words (a run of non-spaces with the spaces after it; spaces that start the line are a word of their own), each
/// word is split after its hyphens, a piece wider than a following line is broken into pieces of that width, an
/// empty word goes in front (textwrap's, so that the first word can go to the second line), and the words fill
/// each line in turn. Widths are byte lengths, as every character is printable ASCII.
fn fill(text: &str, first: usize, rest: usize, width: usize) -> Option<String> {
    let widths = [width.saturating_sub(first), width.saturating_sub(rest)];
    let mut out = String::with_capacity(text.len() + 8);
    let mut lines = 0usize;
    // Pieces as (start, end of the word, end of its trailing spaces), byte offsets into the line.
    let mut pieces: Vec<(usize, usize, usize)> = Vec::with_capacity(text.len() / 2 + 2);
    for line in text.split('\n') {
        let bytes = line.as_bytes();
        pieces.clear();
        // textwrap's empty first word.
        pieces.push((0, 0, 0));
        // One pass: `word` is where the current word starts, `piece` where its current piece starts, and
        // `spaces` where its trailing spaces start, if they have. Spaces that start the line make a word of their
        // own, with an empty piece.
        let (mut word, mut piece, mut spaces) = (0, 0, None);
        let (mut before, mut last) = (0u8, 0u8);
        for (at, &byte) in bytes.iter().enumerate() {
            if !(b' '..=b'~').contains(&byte) {
                return None;
            }
            if byte == b' ' {
                spaces.get_or_insert(at);
            } else if let Some(word_end) = spaces.take() {
                push_broken(&mut pieces, piece, word_end, at, widths[1]);
                (word, piece) = (at, at);
            } else if last == b'-'
                && at >= word + 2
                && before.is_ascii_alphanumeric()
                && byte.is_ascii_alphanumeric()
            {
                // Split after a hyphen with a letter or digit on both sides.
                push_broken(&mut pieces, piece, at, at, widths[1]);
                piece = at;
            }
            (before, last) = (last, byte);
        }
        if !bytes.is_empty() {
            push_broken(
                &mut pieces,
                piece,
                spaces.unwrap_or(bytes.len()),
                bytes.len(),
                widths[1],
            );
        }
        // First fit: a piece goes to the next line when it does not fit after the pieces before it, unless it is
        // the first of its line. The first line of every line of `text` has the first width, as in textwrap.
        let mut line_start = 0;
        let mut used = 0;
        let mut wrapped = 0usize;
        let mut emit = |from: usize, to: usize, out: &mut String| -> Option<()> {
            let (start, _, _) = *pieces.get(from)?;
            let (_, end, _) = *pieces.get(to.checked_sub(1)?)?;
            let content = line.get(start..end)?;
            // Plain ASCII: blank is all spaces.
            if content.bytes().all(|b| b == b' ') {
                return None;
            }
            if lines > 0 {
                out.push('\n');
            }
            out.push_str(content);
            lines += 1;
            Some(())
        };
        for (index, &(start, end, spaces_end)) in pieces.iter().enumerate() {
            let line_width = widths.get(wrapped).copied().unwrap_or(widths[1]);
            if used + (end - start) > line_width && index > line_start {
                emit(line_start, index, &mut out)?;
                wrapped += 1;
                line_start = index;
                used = 0;
            }
            used += spaces_end - start;
        }
        emit(line_start, pieces.len(), &mut out)?;
    }
    Some(out)
}

/// Pushes the piece `start..end` followed by spaces up to `spaces_end`, broken into pieces of at most `width`
/// bytes (at least one) when it is wider, the spaces going with the last.
fn push_broken(
    pieces: &mut Vec<(usize, usize, usize)>,
    mut start: usize,
    end: usize,
    spaces_end: usize,
    width: usize,
) {
    if end - start > width {
        let width = width.max(1);
        while end - start > width {
            pieces.push((start, start + width, start + width));
            start += width;
        }
    }
    pieces.push((start, end, spaces_end));
}

/// A diagnostic with its source, as miette sees it.
struct MietteView<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a SnippetSource,
    /// The message and the help already wrapped, for a handler that does not wrap.
    message: Option<String>,
    help: Option<String>,
}

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.diagnostic.fmt(f)
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message.as_deref().unwrap_or(&self.diagnostic.message))
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
        self.help
            .as_ref()
            .or(self.diagnostic.help.as_ref())
            .map(|help| Box::new(help.as_str()) as Box<dyn fmt::Display + 'a>)
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
                Some(message.to_owned())
            }
        };
        let primary = LabeledSpan::new_primary_with_span(label(&primary.message), primary.span);
        let secondary = self
            .diagnostic
            .secondary
            .iter()
            .map(move |l| LabeledSpan::new_with_span(label(&l.message), l.span));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test code")]

    use proptest::prelude::*;

    use super::*;
    use crate::diagnostic::Label;
    use crate::source::Span;

    /// The report as miette renders it when it wraps every text itself.
    fn wrapped_by_miette(
        source: &SourceFile,
        diagnostic: &Diagnostic,
        color: bool,
        width: usize,
    ) -> String {
        let graphical = Graphical::new(color, width);
        let named = SnippetSource::new(source).with_language("charter");
        let view = MietteView {
            diagnostic,
            source: &named,
            message: None,
            help: None,
        };
        let mut handler = graphical.wrapping.clone();
        if !diagnostic.notes.is_empty() {
            let notes: Vec<String> = diagnostic
                .notes
                .iter()
                .map(|n| format!("note: {n}"))
                .collect();
            handler = handler.with_footer(notes.join("\n"));
        }
        let mut out = String::new();
        handler.render_report(&mut out, &view).unwrap();
        out.push('\n');
        out
    }

    /// Text made mostly of short words, spaces and hyphens, with the odd long word, line end, tab or non-ASCII
    /// letter.
    fn text() -> impl Strategy<Value = String> {
        let words = "([a-c]{1,4}|[ -]{1,2}|[A-Z0-9`]{5,30}| )";
        prop_oneof![
            8 => proptest::string::string_regex(&format!("{words}{{0,40}}")).unwrap(),
            1 => proptest::string::string_regex(&format!("{words}{{0,20}}\n{words}{{0,20}}")).unwrap(),
            1 => proptest::string::string_regex(&format!("({words}|é|\t|\n){{0,40}}")).unwrap(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// Text wrapped by `fill` and handed to a handler that does not wrap gives the bytes miette gives when it
        /// wraps the text itself.
        #[test]
        fn prewrapped_reports_are_miettes(
            message in text(),
            help in proptest::option::of(text()),
            notes in proptest::collection::vec(text(), 0..3),
            warning: bool,
            color: bool,
            width in 0usize..120,
        ) {
            let source = SourceFile::new("t.charter", "role a {}\n");
            let lint = crate::checks::ALL.first().copied().unwrap();
            let mut diagnostic = Diagnostic::new(lint, message, Label::new(Span::new(0, 4), "here"));
            diagnostic.severity = if warning { Severity::Warning } else { Severity::Error };
            diagnostic.help = help;
            diagnostic.notes = notes;
            let ours = render(&source, std::slice::from_ref(&diagnostic), Style::Graphical { color }, width);
            prop_assert_eq!(ours, wrapped_by_miette(&source, &diagnostic, color, width));
        }
    }

    #[test]
    fn fill_keeps_textwraps_lines() {
        assert_eq!(
            fill("aaa bbb-ccc ddd", 2, 2, 10).as_deref(),
            Some("aaa bbb-\nccc ddd")
        );
        assert_eq!(
            fill("abcdefghij", 2, 2, 6).as_deref(),
            Some("abcd\nefgh\nij")
        );
        // A blank line, or text that is not plain ASCII, is left to textwrap.
        assert_eq!(fill("a\n\nb", 2, 2, 10), None);
        assert_eq!(fill("café", 2, 2, 10), None);
    }
}
