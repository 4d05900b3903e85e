//! Word wrapping for plain-text reports that must fit a terminal width (`diff` and `compare`).
//!
//! Widths are counted in characters: the reports are made of names, figures and punctuation, whose characters
//! each take one column.

/// The number of columns `text` takes.
pub fn width_of(text: &str) -> usize {
    text.chars().count()
}

/// Splits `text` into lines of at most `width` characters, breaking at spaces; a word longer than the width is
/// cut. Always returns at least one line (empty for empty text).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let used = width_of(&line);
            let needed = if line.is_empty() { 0 } else { 1 };
            if used + needed + word.len() <= width {
                if needed == 1 {
                    line.push(' ');
                }
                line.extend(word.iter());
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than a whole line: cut it.
            let rest = word.split_off(width.min(word.len()));
            lines.push(word.iter().collect());
            word = rest;
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Wraps `text` to `width` columns in all, the first line starting with `first` and the others with `rest`
/// (a hanging indent); each line ends with a newline.
pub fn hanging(text: &str, width: usize, first: &str, rest: &str) -> String {
    let indent = width_of(first).max(width_of(rest));
    let mut res = String::new();
    for (index, line) in wrap(text, width.saturating_sub(indent).max(10))
        .iter()
        .enumerate()
    {
        res.push_str(if index == 0 { first } else { rest });
        res.push_str(line);
        res.push('\n');
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("a bb ccc dddd", 6), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 5), vec![""]);
        assert_eq!(hanging("a b c", 13, "- ", "  "), "- a b c\n");
    }
}
