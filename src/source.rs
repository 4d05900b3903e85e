//! Source files and spans.
//!
//! A [`Span`] is a half-open byte range into one file's text, always on `char` boundaries. Line and column
//! numbers are never stored: they are computed when rendering, from a [`LineIndex`] built once per file.

use std::sync::Arc;

/// One charter's text and the name it is reported under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path (or `<stdin>`) shown in diagnostics.
    pub name: String,
    /// The file's text.
    pub text: Arc<str>,
}

impl SourceFile {
    /// Creates a source file from a name and its text.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// A half-open byte range `start..end` in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// Creates a span; `end` is clamped to be at least `start`.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The number of bytes covered.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        miette::SourceSpan::new(span.start.into(), span.len())
    }
}

/// A position in a file, in the three forms that editors and tools use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    /// Byte offset from the start of the file.
    pub offset: usize,
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, counted in Unicode scalar values.
    pub column: u32,
    /// The Language Server Protocol position: 0-based line and UTF-16 code unit.
    pub lsp: LspPosition,
}

/// A Language Server Protocol position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LspPosition {
    /// 0-based line.
    pub line: u32,
    /// 0-based UTF-16 code unit within the line.
    pub character: u32,
}

/// Converts byte offsets of one file to line/column positions; built once per file.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    index: line_index::LineIndex,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            index: line_index::LineIndex::new(text),
        }
    }

    /// The position of a byte offset; offsets past the end or inside a character are moved back to the nearest
    /// character boundary, so the result is always a valid position.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let size = line_index::TextSize::try_from(offset).unwrap_or_default();
        let line_col = self
            .index
            .try_line_col(size)
            .unwrap_or(line_index::LineCol { line: 0, col: 0 });
        let line_start = offset - line_col.col as usize;
        let column = self
            .text
            .get(line_start..offset)
            .unwrap_or_default()
            .chars()
            .count() as u32;
        let utf16 = self
            .index
            .to_wide(line_index::WideEncoding::Utf16, line_col)
            .map_or(column, |wide| wide.col);
        Position {
            offset,
            line: line_col.line + 1,
            column: column + 1,
            lsp: LspPosition {
                line: line_col.line,
                character: utf16,
            },
        }
    }
}

/// A file as miette reads it for snippets, with its line starts indexed once.
///
/// miette's own `SourceCode` for a string counts lines from the start of the text for every snippet, so a report
/// of d findings in a file of n bytes costs O(d × n): minutes for a 10 MB charter. This finds the lines around each
/// span by binary search in the line starts and computes what miette's reading would give (the snippet, its line,
/// and column, quirks included) without reading the text, so snippets are byte for byte the same (lines are
/// counted as miette counts them: `\n`, `\r\n` and a lone `\r` each end a line). One thing differs on purpose: the
/// line count is that of the snippet, as miette's `SpanContents` documents it, not the count from the start of
/// the text that miette's own reading gives, so that only labels whose snippets overlap or touch share one.
///
/// Control characters are shown as [`visible`](crate::report::visible::visible) shows them: when the file holds
/// any, miette reads a display copy of the text with them replaced, and the spans of its labels must be moved onto
/// the copy with [`SnippetSource::span`], so that underlines stay under the characters they mark.
#[derive(Debug, Clone)]
pub struct SnippetSource {
    name: String,
    /// The text as shown: the file's text, or its display copy if it holds control characters.
    text: Arc<str>,
    /// The byte offset at which each line of `text` starts; the first is 0.
    line_starts: Vec<usize>,
    /// The characters replaced in the display copy, in order; empty when `text` is the file's own.
    shifts: Vec<Shift>,
    language: Option<String>,
}

/// A character replaced in the display copy of a [`SnippetSource`].
#[derive(Debug, Clone, Copy)]
struct Shift {
    /// Its offset in the file's text.
    original: usize,
    /// The offset of its replacement in the display copy.
    shown: usize,
    /// The bytes by which the copy is longer than the text up to the end of this replacement.
    extra: usize,
    /// The same, counting each character replaced so far as one byte: the header's column counts a replaced
    /// character as one, as the JSON's column counts it.
    wide: usize,
}

impl SnippetSource {
    /// Indexes the lines of `source`, shown as [`visible`](crate::report::visible::visible) shows them.
    pub fn new(source: &SourceFile) -> Self {
        let mut shifts = Vec::new();
        let mut extra = 0;
        let mut wide = 0;
        let shown = crate::report::visible::replace(&source.text, |original, more| {
            let shown = original + extra;
            extra += more;
            // The replacement is `more` bytes longer than the character, which is `len` bytes long.
            let len = source
                .text
                .get(original..)
                .and_then(|rest| rest.chars().next())
                .map_or(1, char::len_utf8);
            wide += len + more - 1;
            shifts.push(Shift {
                original,
                shown,
                extra,
                wide,
            });
        });
        let text: Arc<str> = match shown {
            std::borrow::Cow::Borrowed(_) => source.text.clone(),
            std::borrow::Cow::Owned(copy) => copy.into(),
        };
        let mut res = Self::verbatim(&crate::report::visible::visible(&source.name), text);
        res.shifts = shifts;
        res
    }

    /// Indexes the lines of `text` as it is, with no character replaced.
    fn verbatim(name: &str, text: Arc<str>) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        // memchr finds the line ends many bytes at a time; the shipped charters are mostly comments, and a byte at a
        // time this loop cost as much as rendering a finding.
        let mut ends = memchr::memchr2_iter(b'\n', b'\r', bytes).peekable();
        while let Some(end) = ends.next() {
            let mut next = end + 1;
            if bytes.get(end) == Some(&b'\r') && bytes.get(next) == Some(&b'\n') {
                // `\r\n` ends one line: skip its `\n`.
                ends.next_if_eq(&next);
                next += 1;
            }
            line_starts.push(next);
        }
        SnippetSource {
            name: name.to_owned(),
            text,
            line_starts,
            shifts: Vec::new(),
            language: None,
        }
    }

    /// A span of the file's text as a span of the text miette reads: moved past the replacements before it, and
    /// covering the whole replacement of a character it covers.
    pub fn span(&self, span: Span) -> miette::SourceSpan {
        let start = self.shown(span.start);
        let end = self.shown(span.end).max(start);
        miette::SourceSpan::new(start.into(), end - start)
    }

    /// An offset of the file's text as an offset of the text shown: a replaced character at `offset` is not yet
    /// counted, so a span that starts on it starts on its replacement.
    fn shown(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|shift| shift.original < offset);
        let extra = before
            .checked_sub(1)
            .and_then(|last| self.shifts.get(last))
            .map_or(0, |shift| shift.extra);
        offset + extra
    }

    /// How many bytes the replacements before `offset` of the text shown add to a column.
    fn wide_before(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|shift| shift.shown < offset);
        before
            .checked_sub(1)
            .and_then(|last| self.shifts.get(last))
            .map_or(0, |shift| shift.wide)
    }

    /// Names the language of the snippets, for highlighters.
    pub fn with_language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }

    /// The 0-based line that contains `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// What miette's `<[u8] as SourceCode>::read_span` gives for a span that lies within the text, computed from the
    /// line starts. miette walks the bytes up to the end of the snippet; a line end is a "break" here, and the
    /// position of a break is that of its last byte (the `\n` of a `\r\n`), as in miette's walk.
    fn snippet(&self, start: usize, len: usize, before: usize, after: usize) -> Snippet {
        let bytes = self.text.as_bytes();
        // The line of the span's start, and the number of breaks before it.
        let line = self.line_of(start);
        // miette stops once it has walked past `last`, the span's last byte (the byte before the span when it is
        // empty). It steps over a `\r\n` at once, so a walk that reaches the `\r` stands on the `\n`.
        let last = (start + len).saturating_sub(1);
        let reached = if bytes.get(last) == Some(&b'\r') && bytes.get(last + 1) == Some(&b'\n') {
            last + 1
        } else {
            last
        };
        // The breaks after `reached` are the line starts after `reached + 1`, from this index on.
        let first_break_after = self.line_starts.partition_point(|&s| s < reached + 2);
        let end = if reached >= bytes.len() {
            // Only an empty text: the walk ends at once.
            bytes.len()
        } else if after == 0 {
            reached + 1
        } else {
            // The first break after `reached` only marks that the span's line has ended; the walk stops after
            // `after` more, or at the end of the text.
            self.line_starts
                .get(first_break_after + after)
                .copied()
                .unwrap_or(bytes.len())
        };
        let first_line = line.saturating_sub(before);
        // The lines the snippet covers, as `SpanContents::line_count` documents it. miette's own reading counts
        // the lines from the start of the text instead, and miette joins two labels' snippets when the first
        // one's line plus this count reaches the second one's line: with the count from the start of the text,
        // two labels a screen apart were drawn as one snippet of every line between them.
        let line_count = self.line_of(end.saturating_sub(1)).max(first_line) + 1 - first_line;
        let snippet_start = if before == 0 {
            start
        } else {
            self.line_starts.get(first_line).copied().unwrap_or(0)
        };
        let column = if before > 0 {
            0
        } else if after > 0 && first_break_after < self.line_starts.len() {
            // miette resets its column at every break it walks after the span.
            0
        } else {
            // Bytes, not characters, as miette counts them; a span that starts between `\r` and `\n` does not count
            // the `\r`.
            let line_start = self.line_starts.get(line).copied().unwrap_or(0);
            let straddles = start > 0
                && bytes.get(start - 1) == Some(&b'\r')
                && bytes.get(start) == Some(&b'\n');
            // A replaced character counts as one, as in the JSON's column, not as its replacement's bytes.
            (start - line_start)
                .saturating_sub(usize::from(straddles))
                .saturating_sub(
                    self.wide_before(start)
                        .saturating_sub(self.wide_before(line_start)),
                )
        };
        Snippet {
            start: snippet_start,
            end,
            line: first_line,
            column,
            line_count,
        }
    }
}

/// Where a snippet lies and how miette numbers it.
struct Snippet {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    line_count: usize,
}

/// A snippet of a [`SnippetSource`], borrowing its name and text (miette's own `MietteSpanContents` would copy
/// the name for every snippet).
#[derive(Debug)]
struct SnippetContents<'a> {
    data: &'a [u8],
    span: miette::SourceSpan,
    line: usize,
    column: usize,
    line_count: usize,
    name: &'a str,
    language: Option<&'a str>,
}

impl<'a> miette::SpanContents<'a> for SnippetContents<'a> {
    fn data(&self) -> &'a [u8] {
        self.data
    }

    fn span(&self) -> &miette::SourceSpan {
        &self.span
    }

    fn name(&self) -> Option<&str> {
        Some(self.name)
    }

    fn line(&self) -> usize {
        self.line
    }

    fn column(&self) -> usize {
        self.column
    }

    fn line_count(&self) -> usize {
        self.line_count
    }

    fn language(&self) -> Option<&str> {
        self.language
    }
}

impl miette::SourceCode for SnippetSource {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let start = span.offset();
        let end = start.saturating_add(span.len());
        if end > self.text.len() {
            // Out of bounds: let miette report it as it would.
            return self
                .text
                .read_span(span, context_lines_before, context_lines_after);
        }
        let snippet = self.snippet(start, span.len(), context_lines_before, context_lines_after);
        let data = self
            .text
            .as_bytes()
            .get(snippet.start..snippet.end)
            .unwrap_or_default();
        Ok(Box::new(SnippetContents {
            data,
            span: miette::SourceSpan::new(snippet.start.into(), snippet.end - snippet.start),
            line: snippet.line,
            column: snippet.column,
            line_count: snippet.line_count,
            name: &self.name,
            language: self.language.as_deref(),
        }))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test code")]

    use miette::SourceCode;

    use super::SnippetSource;

    /// Every span of a text with every kind of line end reads the same through the index as through miette's
    /// own implementation, except for the line count, which is the number of lines the snippet covers.
    #[test]
    fn snippets_match_miettes_own_reading() {
        for text in [
            "a\nbc\r\nd\re\n\n é𝔘 f\r\n\r\ng h i\nlast",
            "",
            "\r\n",
            "\r\r\n\n\r",
            "one line",
            "x\n",
            "\ny\r\n",
        ] {
            matches_miettes_own_reading(text);
        }
    }

    /// The same for every text of up to five characters made of line ends, an ASCII and a two-byte letter.
    #[test]
    fn snippets_of_short_texts_match_miettes_own_reading() {
        let alphabet = ['a', '\n', '\r', 'é'];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .filter(|text| {
                    text.chars().count() == texts.last().map_or(0, |t| t.chars().count())
                })
                .flat_map(|text| alphabet.iter().map(move |&c| format!("{text}{c}")))
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            matches_miettes_own_reading(text);
        }
    }

    fn matches_miettes_own_reading(text: &str) {
        let indexed = SnippetSource::verbatim("t.charter", text.into());
        let named = miette::NamedSource::new("t.charter", text.to_owned());
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &start in &boundaries {
            for &end in boundaries.iter().filter(|&&end| end >= start) {
                for (before, after) in
                    (0..4).flat_map(|before| (0..4).map(move |after| (before, after)))
                {
                    let context = (before, after);
                    let span = miette::SourceSpan::new(start.into(), end - start);
                    let ours = indexed.read_span(&span, before, after).unwrap();
                    let theirs = named.read_span(&span, before, after).unwrap();
                    assert_eq!(ours.data(), theirs.data(), "{start}..{end} {context:?}");
                    assert_eq!(ours.span(), theirs.span(), "{start}..{end} {context:?}");
                    assert_eq!(ours.line(), theirs.line(), "{start}..{end} {context:?}");
                    assert_eq!(ours.column(), theirs.column(), "{start}..{end} {context:?}");
                    // The lines the snippet covers: its line breaks, plus one for the line it ends on unless it
                    // ends just after a break (an empty snippet covers one line).
                    let data = ours.data();
                    let breaks = data.iter().filter(|&&b| b == b'\n' || b == b'\r').count()
                        - data.windows(2).filter(|pair| pair == b"\r\n").count();
                    let ends_after_break = matches!(data.last(), Some(b'\n' | b'\r'));
                    let covered = if data.is_empty() {
                        1
                    } else {
                        breaks + usize::from(!ends_after_break)
                    };
                    assert_eq!(ours.line_count(), covered, "{start}..{end} {context:?}");
                    assert_eq!(ours.name(), theirs.name());
                }
            }
        }
    }
}
