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
