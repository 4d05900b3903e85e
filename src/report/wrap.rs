//! Word wrapping, with textwrap, for the reports that must fit a terminal width: the `diff` and `compare`
//! reports, and the message, help and notes of the graphical `check` report, which miette then indents. One
//! set of options, so that every part of them wraps alike.
//!
//! Lines break at spaces only, never at a hyphen inside a word, so a kebab-case name stays whole unless it is
//! longer than a whole line (then it is cut). Widths are display columns ([`display_width`]), so a CJK
//! character or an emoji counts as two, as a terminal shows it.

use std::borrow::Cow;

use textwrap::core::{Word, display_width};
use textwrap::wrap_algorithms::wrap_first_fit;
use textwrap::{Options, WordSeparator, WordSplitter, WrapAlgorithm};

use crate::report::visible::{visible, visible_owned};

/// The fewest columns left for text after an indent, however narrow the width asked for: a line that holds
/// less is too short to read, so a narrower report overflows instead.
const MIN_TEXT: usize = 10;

/// Options to wrap text to `width` columns in all, the first line starting with `first` and the others with
/// `rest` (a hanging indent; both empty for a plain wrap).
fn options<'a>(width: usize, first: &'a str, rest: &'a str) -> Options<'a> {
    let indent = display_width(first).max(display_width(rest));
    Options::new(width.max(indent + MIN_TEXT))
        .initial_indent(first)
        .subsequent_indent(rest)
        // Unicode line breaking would also break after the hyphen of a name, and between CJK characters.
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation)
        .break_words(true)
        // A line is filled before the next is started: the simplest layout, and the one a reader expects of
        // a report (the optimal fit evens lines out at the cost of leaving early lines short).
        .wrap_algorithm(WrapAlgorithm::FirstFit)
}

/// Wraps `text` to `width` columns in all, the first line starting with `first` and the others with `rest`
/// (a hanging indent); each line ends with a newline.
pub fn hanging(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut res = textwrap::fill(&one_line(text), options(width, first, rest));
    res.push('\n');
    res
}

/// Wraps `text` to `width` columns, without indent, keeping its own line breaks: for a renderer that indents
/// the lines itself (miette's graphical report). The lines are those of `textwrap::fill` with this module's options
/// (a test holds it to that).
///
/// It is put together from textwrap's documented building blocks rather than by calling `fill`, which
/// measures every word twice and passes each through a boxed iterator and a word splitter: the reports of the
/// shipped charters spent 2.2 M instructions wrapping their long messages that way, a tenth of `check
/// charters/`.
pub fn block(text: &str, width: usize) -> String {
    let width = width.max(MIN_TEXT);
    let mut wrapped = String::with_capacity(text.len() + text.len() / width.max(1) + 1);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            wrapped.push('\n');
        }
        push_wrapped_line(line, width, &mut wrapped);
    }
    wrapped
}

/// Appends `line` (no line break in it) wrapped to `width` columns as [`options`] wraps it.
fn push_wrapped_line(line: &str, width: usize, wrapped: &mut String) {
    // A line shorter in bytes than the width is shorter in columns too: textwrap's own shortcut.
    if line.len() < width {
        wrapped.push_str(line.trim_end_matches(' '));
        return;
    }
    // Words as `WordSeparator::AsciiSpace` finds them: each with the spaces after it; leading spaces are a word
    // of no letters. `WordSplitter::NoHyphenation` leaves them whole; `break_words` cuts the wider ones.
    let words = textwrap::core::break_words(ascii_space_words(line).map(Word::from), width);
    #[expect(
        clippy::cast_precision_loss,
        reason = "a width of columns is far below 2^52, where f64 stops holding integers exactly"
    )]
    let widths = [width as f64];
    for (index, on_line) in wrap_first_fit(&words, &widths).into_iter().enumerate() {
        if index > 0 {
            wrapped.push('\n');
        }
        if let Some((last, before)) = on_line.split_last() {
            for word in before {
                wrapped.push_str(word.word);
                wrapped.push_str(word.whitespace);
            }
            // A line ends without the spaces after its last word.
            wrapped.push_str(last.word);
        }
    }
}

/// `line` cut before every character that is not a space but follows one.
fn ascii_space_words(line: &str) -> impl Iterator<Item = &str> {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut position = 0;
    std::iter::from_fn(move || {
        while position < bytes.len() {
            position += 1;
            // Both bytes are ASCII or inside the same multi-byte character, so `position` is a char boundary
            // whenever it starts a word.
            if bytes.get(position - 1) == Some(&b' ')
                && bytes.get(position).is_some_and(|&b| b != b' ')
            {
                let word = line.get(start..position);
                start = position;
                return word;
            }
        }
        let word = line.get(start..).filter(|rest| !rest.is_empty());
        start = line.len();
        word
    })
}

/// Wraps `text` to `width` columns, without indent, as the cells of a table.
pub fn lines(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(&one_line(text), options(width, "", ""))
        .into_iter()
        .map(Into::into)
        .collect()
}

/// `text` with every tab and line break made a space. A charter's strings (its title, shown in `compare`)
/// may hold `\t` and `\n`: textwrap counts a tab as no column where a terminal moves up to eight, and starts a
/// new line at a line break, which inside a table cell or a heading reads as two items. Read as spaces, as
/// the Markdown table reads a line break, they keep the table aligned.
///
/// Other control characters are then shown as [`visible`] shows them, so that they neither reach the terminal
/// nor upset the widths (textwrap counts them as no column).
fn one_line(text: &str) -> Cow<'_, str> {
    let spaced = if text.contains(|c: char| c.is_ascii_whitespace() && c != ' ') {
        Cow::Owned(text.replace(|c: char| c.is_ascii_whitespace(), " "))
    } else {
        Cow::Borrowed(text)
    };
    match spaced {
        Cow::Borrowed(text) => visible(text),
        Cow::Owned(text) => Cow::Owned(visible_owned(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(lines("a bb ccc dddd eeee", 10), ["a bb ccc", "dddd eeee"]);
        assert_eq!(
            lines("abcdefghijklmnopqrstuvwxyz", 10),
            ["abcdefghij", "klmnopqrst", "uvwxyz"]
        );
        assert_eq!(lines("", 10), [""]);
        assert_eq!(hanging("a b c", 13, "- ", "  "), "- a b c\n");
        assert_eq!(hanging("", 13, "- ", "  "), "- \n");
    }

    #[test]
    fn tabs_and_line_breaks_are_spaces() {
        assert_eq!(lines("a\tb\nc", 20), ["a b c"]);
        assert_eq!(hanging("a\nb", 20, "- ", "  "), "- a b\n");
    }

    #[test]
    fn names_with_hyphens_are_not_split() {
        assert_eq!(
            lines("see add-maintainer now", 16),
            ["see", "add-maintainer", "now"]
        );
    }

    #[test]
    fn block_keeps_line_breaks_and_trailing_words_whole() {
        assert_eq!(block("a bb ccc dddd eeee", 10), "a bb ccc\ndddd eeee");
        assert_eq!(block("one\n\ntwo  ", 10), "one\n\ntwo");
        assert_eq!(block("  lead  in  ", 10), "  lead  in");
        assert_eq!(
            block("abcdefghijklmnopqrstuvwxyz end", 10),
            "abcdefghij\nklmnopqrst\nuvwxyz end"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        /// `block` makes the lines `textwrap::fill` makes with the same options, whatever the text and width:
        /// words of any length, runs of spaces, line breaks, wide and multi-byte characters.
        #[test]
        fn block_wraps_as_textwrap_fills(
            text in "([a-z]{1,14}|-|  ?|   |\n|é|治理|\u{301}|`[a-z_-]{1,30}`){0,40}",
            width in 0usize..40,
        ) {
            proptest::prop_assert_eq!(block(&text, width), textwrap::fill(&text, options(width, "", "")));
        }
    }

    #[test]
    fn wide_characters_take_two_columns() {
        // Six CJK characters are twelve columns: two lines of ten at most.
        assert_eq!(lines("治理章程草案", 10), ["治理章程草", "案"]);
        assert_eq!(display_width("治理 章程"), 9);
        for line in hanging("维护者 维护者 维护者 维护者", 16, "- ", "  ").lines() {
            assert!(display_width(line) <= 16, "{line}");
        }
    }
}
