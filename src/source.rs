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
/// of d findings in a file of n bytes costs O(d × n): minutes for a 10 MB charter. This reads only the lines
/// around each span (found by binary search) and hands that window to miette's implementation, so the snippets,
/// line numbers and columns are byte for byte the same (lines are counted as miette counts them: `\n`, `\r\n` and
/// a lone `\r` each end a line).
#[derive(Debug, Clone)]
pub struct SnippetSource {
    name: String,
    text: Arc<str>,
    /// The byte offset at which each line starts; the first is 0.
    line_starts: Vec<usize>,
    language: Option<String>,
}

impl SnippetSource {
    /// Indexes the lines of `source`.
    pub fn new(source: &SourceFile) -> Self {
        let bytes = source.text.as_bytes();
        let mut line_starts = vec![0];
        let mut index = 0;
        while let Some(&byte) = bytes.get(index) {
            index += 1;
            match byte {
                b'\n' => line_starts.push(index),
                b'\r' => {
                    if bytes.get(index) == Some(&b'\n') {
                        index += 1;
                    }
                    line_starts.push(index);
                }
                _ => {}
            }
        }
        SnippetSource {
            name: source.name.clone(),
            text: source.text.clone(),
            line_starts,
            language: None,
        }
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
        // One spare line on each side, so that miette sees the same neighbourhood as in the whole text.
        let first = self
            .line_of(start)
            .saturating_sub(context_lines_before.saturating_add(1));
        let last = self
            .line_of(end)
            .saturating_add(context_lines_after.saturating_add(2));
        let window_start = self.line_starts.get(first).copied().unwrap_or(0);
        let window_end = self
            .line_starts
            .get(last)
            .copied()
            .unwrap_or(self.text.len());
        let window = self.text.get(window_start..window_end).unwrap_or_default();
        let inner = window.read_span(
            &miette::SourceSpan::new((start - window_start).into(), span.len()),
            context_lines_before,
            context_lines_after,
        )?;
        let mut contents = miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            miette::SourceSpan::new(
                (inner.span().offset() + window_start).into(),
                inner.span().len(),
            ),
            inner.line() + first,
            inner.column(),
            // miette counts the line ends from the start of the text up to the end of the snippet.
            inner.line_count() + first,
        );
        if let Some(language) = &self.language {
            contents = contents.with_language(language.clone());
        }
        Ok(Box::new(contents))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test code")]

    use miette::SourceCode;

    use super::{SnippetSource, SourceFile};

    /// Every span of a text with every kind of line end reads the same through the index as through miette's
    /// own implementation.
    #[test]
    fn snippets_match_miettes_own_reading() {
        let text = "a\nbc\r\nd\re\n\n é𝔘 f\r\n\r\ng h i\nlast";
        let source = SourceFile::new("t.charter", text);
        let indexed = SnippetSource::new(&source);
        let named = miette::NamedSource::new("t.charter", text.to_owned());
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &start in &boundaries {
            for &end in boundaries.iter().filter(|&&end| end >= start) {
                for context in [0, 1, 2] {
                    let span = miette::SourceSpan::new(start.into(), end - start);
                    let ours = indexed.read_span(&span, context, context).unwrap();
                    let theirs = named.read_span(&span, context, context).unwrap();
                    assert_eq!(ours.data(), theirs.data(), "{start}..{end} ({context})");
                    assert_eq!(ours.span(), theirs.span(), "{start}..{end} ({context})");
                    assert_eq!(ours.line(), theirs.line(), "{start}..{end} ({context})");
                    assert_eq!(ours.column(), theirs.column(), "{start}..{end}");
                    assert_eq!(ours.line_count(), theirs.line_count(), "{start}..{end}");
                    assert_eq!(ours.name(), theirs.name());
                }
            }
        }
    }
}
