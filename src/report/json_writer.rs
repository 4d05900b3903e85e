//! JSON as the command line writes it: serde_json's pretty printing, with a few more characters escaped.
//!
//! serde_json escapes `"`, `\` and the C0 controls, which is all that JSON requires. A charter's strings and
//! comments may also hold DEL, the C1 controls (U+0080 to U+009F, among them the single-byte CSI that starts a
//! terminal escape sequence) and the bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066
//! to U+2069), which the text reports show through [`visible`](crate::report::visible): written raw, JSON printed
//! straight to a terminal or a CI log could still act on it or reorder what is shown. U+2028 and U+2029 end a
//! line in JavaScript source and in some editors. All of these are written as `\uXXXX` escapes, as serde_json
//! writes a C0 control: the document is valid JSON and every parser reads back the same characters, so the data
//! is kept exactly.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// Writes `value` as pretty-printed JSON (two-space indent, as `serde_json::to_writer_pretty`), escaping the
/// characters described in the module documentation.
pub fn write_pretty<W: io::Write, T: Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut serializer =
        serde_json::Serializer::with_formatter(writer, EscapingFormatter(PrettyFormatter::new()));
    value.serialize(&mut serializer)
}

/// [`write_pretty`] into a `String`.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut bytes = Vec::new();
    write_pretty(&mut bytes, value)?;
    // serde_json writes UTF-8, and the escapes are ASCII.
    String::from_utf8(bytes).map_err(|error| serde_json::Error::io(io::Error::other(error)))
}

/// Whether JSON output writes `c` as a `\uXXXX` escape although JSON allows it raw.
fn escaped(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
    )
}

/// serde_json's pretty formatter, escaping [`escaped`] characters inside strings.
struct EscapingFormatter(PrettyFormatter<'static>);

impl Formatter for EscapingFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Every escaped character is DEL or starts with the byte C2 or E2 in UTF-8: most strings have none of
        // the three, and are written in one piece after one vectorised search.
        let Some(first) = memchr::memchr3(0x7f, 0xc2, 0xe2, fragment.as_bytes()) else {
            return writer.write_all(fragment.as_bytes());
        };
        let mut start = 0;
        for (offset, c) in fragment
            .char_indices()
            .skip_while(|&(offset, _)| offset < first)
        {
            if escaped(c) {
                writer.write_all(fragment.get(start..offset).unwrap_or_default().as_bytes())?;
                // Every escaped character is in the Basic Multilingual Plane: one escape, lower-case hex digits
                // as serde_json writes its own.
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = offset + c.len_utf8();
            }
        }
        writer.write_all(fragment.get(start..).unwrap_or_default().as_bytes())
    }

    // Everything else is the pretty formatter's.

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_documents_are_written_as_serde_json_writes_them() {
        let value = serde_json::json!({
            "name": "maintainer — 维护者 é",
            "list": [1, {"nested": []}, {}],
            "control": "a\u{1b}[31mb\tc\n",
            "zero width": "a\u{200b}b"
        });
        let ours = to_string_pretty(&value).ok();
        let theirs = serde_json::to_string_pretty(&value).ok();
        assert!(ours.is_some());
        assert_eq!(ours, theirs);
    }

    #[test]
    fn terminal_and_reordering_characters_are_escaped_and_read_back() {
        let text =
            "del\u{7f} csi\u{9b}31m nel\u{85} rlo\u{202e}txt pdi\u{2069} ls\u{2028} ps\u{2029} end";
        let value = serde_json::json!({ "text": text });
        let written = to_string_pretty(&value).unwrap_or_default();
        assert_eq!(
            written,
            "{\n  \"text\": \"del\\u007f csi\\u009b31m nel\\u0085 rlo\\u202etxt pdi\\u2069 ls\\u2028 ps\\u2029 end\"\n}"
        );
        assert!(written.is_ascii());
        let read: serde_json::Value = serde_json::from_str(&written).unwrap_or_default();
        assert_eq!(read, value);
    }
}
