//! Control characters made visible, for every text meant for a terminal.
//!
//! A charter's comments may hold any character and its strings any but `"`, `\`, CR and LF, and both reach the
//! reports: comments in snippets, strings in messages. Written raw, an escape sequence (ESC, the C1 CSI, OSC with
//! BEL) recolours, hides or rewrites what CI logs and reviewers see, or sets the terminal's title, and a
//! bidirectional override ("Trojan Source") shows text in another order than it is read. Like rustc, text
//! reports show such characters instead of sending them:
//!
//! - C0 controls other than tab and line feed, and DEL, as their Unicode control pictures (ESC as `␛`, NUL as
//!   `␀`, DEL as `␡`); a CR is kept only as part of a CRLF line end, since a lone CR moves the cursor back over
//!   what was written (miette draws a lone CR inside a line);
//! - C1 controls (U+0080 to U+009F) and the bidirectional embeddings, overrides and isolates (U+202A to U+202E,
//!   U+2066 to U+2069), which have no control picture, as Rust escapes: `\u{9b}`, `\u{202e}`.
//!
//! JSON and SARIF keep the original characters, written as `\uXXXX` escapes (`report::json_writer`).

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` as a terminal should show it: every control character above replaced by a visible form. Text that
/// holds none, as every ordinary charter's, is borrowed, at the cost of one scan.
pub fn visible(text: &str) -> Cow<'_, str> {
    replace(text, |_, _| {})
}

/// [`visible`] for a string already owned, which is returned as it is when nothing needs replacing.
pub fn visible_owned(text: String) -> String {
    let shown = match visible(&text) {
        Cow::Owned(shown) => Some(shown),
        Cow::Borrowed(_) => None,
    };
    shown.unwrap_or(text)
}

/// The replacement of [`visible`], calling `replaced(offset, extra)` for each character replaced, in order, with
/// its byte offset in `text` and the bytes by which its replacement is longer; the snippets of the human report
/// use these to move their labels' spans onto the copy.
pub(crate) fn replace(text: &str, mut replaced: impl FnMut(usize, usize)) -> Cow<'_, str> {
    if !may_need_replacing(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    let mut out: Option<String> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        match shown_as(c, next) {
            None => {
                if let Some(out) = &mut out {
                    out.push(c);
                }
            }
            Some(shown) => {
                let out = out.get_or_insert_with(|| {
                    let mut copy = String::with_capacity(text.len() + 16);
                    copy.push_str(text.get(..offset).unwrap_or_default());
                    copy
                });
                let before = out.len();
                match shown {
                    Shown::Picture(picture) => out.push(picture),
                    Shown::Escape(code) => {
                        // Writing to a String cannot fail.
                        let _ = write!(out, "\\u{{{code:x}}}");
                    }
                }
                replaced(offset, (out.len() - before).saturating_sub(c.len_utf8()));
            }
        }
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Whether `bytes` may hold a character that [`visible`] replaces: every such character is a byte below 0x20 other
/// than tab and line feed, DEL, or starts with 0xC2 (U+0080 to U+00BF) or 0xE2 (U+2000 to U+2FFF). One pass over
/// the bytes clears an ordinary text, a whole file for the human report's snippets. Each block of 64 bytes is
/// tested without stopping at the first hit, which the compiler turns into vector instructions; `Iterator::any`
/// stops at each byte and costs about five instructions per byte.
fn may_need_replacing(bytes: &[u8]) -> bool {
    let suspect =
        |b: u8| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7F || b == 0xC2 || b == 0xE2;
    bytes
        .chunks(64)
        .any(|block| block.iter().fold(false, |found, &b| found | suspect(b)))
}

/// How a character that must not reach a terminal raw is shown.
enum Shown {
    /// A character of the Control Pictures block.
    Picture(char),
    /// A Rust escape of the code point, `\u{…}`.
    Escape(u32),
}

/// How `c`, followed by `next`, is shown, or `None` if it is shown as itself.
fn shown_as(c: char, next: Option<char>) -> Option<Shown> {
    match c {
        '\t' | '\n' => None,
        '\r' if next == Some('\n') => None,
        // U+2400 to U+241F picture U+0000 to U+001F, in order.
        '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).map(Shown::Picture),
        '\u{7f}' => Some(Shown::Picture('\u{2421}')),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some(Shown::Escape(u32::from(c)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_borrowed() {
        for text in [
            "",
            "role maintainer {\n\tsize at least 3\r\n}",
            "治理 é – ‘quoted’ “…” €",
        ] {
            assert!(matches!(visible(text), Cow::Borrowed(_)), "{text:?}");
        }
    }

    #[test]
    fn controls_are_shown() {
        assert_eq!(visible("a\u{1b}[31mred"), "a␛[31mred");
        assert_eq!(visible("\u{1b}]0;title\u{7}"), "␛]0;title␇");
        assert_eq!(visible("\0\u{8}\u{7f}"), "␀␈␡");
        assert_eq!(visible("a\rb\r\nc\r"), "a␍b\r\nc␍");
        assert_eq!(visible("\u{9b}31m \u{85}"), "\\u{9b}31m \\u{85}");
        assert_eq!(
            visible("x\u{202e}y\u{2066}z\u{2069}"),
            "x\\u{202e}y\\u{2066}z\\u{2069}"
        );
        // Neighbours of the replaced ranges are kept.
        assert_eq!(
            visible("\u{a0}\u{2029}\u{202f}\u{2065}\u{206a}"),
            "\u{a0}\u{2029}\u{202f}\u{2065}\u{206a}"
        );
    }

    #[test]
    fn replacements_are_reported_with_their_extra_bytes() {
        let mut seen = Vec::new();
        let shown = replace("a\u{1b}b\u{9b}c\u{202e}", |offset, extra| {
            seen.push((offset, extra))
        });
        assert_eq!(shown, "a␛b\\u{9b}c\\u{202e}");
        // ESC (1 byte) becomes 3, U+009B (2 bytes) 6, U+202E (3 bytes) 8.
        assert_eq!(seen, [(1, 2), (3, 4), (6, 5)]);
    }
}
