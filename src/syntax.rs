//! Text to AST: the pest boundary.
//!
//! [`parse`] returns the AST of a file or exactly one diagnostic, from a hand-written parser (`descent`) for a file
//! that parses and from pest for every other. This is the only module that knows pest: `Rule`, `Pair` and pest's
//! errors never leave it. Syntax errors are rewritten in the words of a charter author
//! ("expected a duration such as `7 days`"), with a "did you mean" when the word found is close to one expected.

mod build;
mod descent;
mod grammar;

use pest::Parser as _;

use crate::ast;
use crate::checks::{internal_error, syntax_error};
use crate::diagnostic::{Diagnostic, Label};
use crate::source::{SourceFile, Span};
use grammar::{CharterParser, Rule, describe};

/// Parses one file into its AST, or returns the first syntax error.
///
/// A hand-written recursive-descent parser of the grammar (`syntax/descent.rs`) builds the AST of a file that
/// parses, in one pass with no token queue. When it gives up (a syntax error, or a name or a string over its
/// limit), the file is parsed again by [`parse_with_pest`], which accepts it or reports its error: pest defines
/// the language and words every error, and the fast path is held to the same AST by tests and fuzzing.
pub fn parse(source: &SourceFile) -> Result<ast::Charter, Diagnostic> {
    match descent::parse(&source.text) {
        Some(charter) => Ok(charter),
        None => parse_with_pest(source),
    }
}

/// The AST of `text` from the hand-written parser alone (`syntax/descent.rs`): `None` when the text does not
/// parse or is over a limit, where [`parse`] falls back to pest. Only for tests and fuzzing, which hold it to
/// [`parse_with_pest`].
#[doc(hidden)]
pub fn parse_by_descent(text: &str) -> Option<ast::Charter> {
    descent::parse(text)
}

/// [`parse`] without its hand-written fast path: pest and the AST builder, which word every syntax error and
/// every limit. [`parse`] takes this path whenever the fast path gives up; tests and fuzzing compare the two.
///
/// pest is asked for a few top-level items at a time (`next_items`, on the rest of the file), and their pairs are
/// built into AST and dropped before the next items are parsed: pest's token queue then holds at most 16 items,
/// never the whole file, which bounds the memory parsing takes and keeps its cost linear (a queue of millions of
/// tokens grows by copying and faulting in fresh pages). Items do not depend on each other, so this accepts
/// exactly the files that `file` accepts, item for item.
///
/// A syntax error is reported from a parse of the whole file with `file`, which costs a second parse of the text
/// before the error but words the error exactly as one parse of the file always has (what `file` expects at the
/// end of an item includes the end of the file). For the same reason a name or a string over its limit is only
/// reported once the rest of the file has parsed: a syntax error anywhere in the file comes first.
#[doc(hidden)]
pub fn parse_with_pest(source: &SourceFile) -> Result<ast::Charter, Diagnostic> {
    let text: &str = &source.text;
    let mut items = Vec::new();
    let mut first_build_error = None;
    let mut offset = 0;
    loop {
        // `offset` is the end of a pair, hence on a char boundary.
        let rest = text.get(offset..).unwrap_or_default();
        let Ok(pairs) = CharterParser::parse(Rule::next_items, rest) else {
            return Err(whole_file_error(text));
        };
        let mut end = offset;
        for pair in pairs.filter(build::is_not_comment) {
            if pair.as_rule() == Rule::EOI {
                items.shrink_to_fit();
                return match first_build_error {
                    Some(build::BuildError::Internal { span, message }) => {
                        Err(internal_error::diagnostic(span, &message))
                    }
                    Some(build::BuildError::Limit(diagnostic)) => Err(diagnostic),
                    None => Ok(ast::Charter {
                        items,
                        span: build::file_span(text),
                    }),
                };
            }
            end = offset + pair.as_span().end();
            if first_build_error.is_none() {
                match build::Builder::at(offset).build_item(pair) {
                    Ok(item) => items.push(item),
                    Err(error) => first_build_error = Some(error),
                }
            }
        }
        if end <= offset {
            return Err(internal_error::diagnostic(
                Span::new(offset, offset),
                "the parser returned no item",
            ));
        }
        offset = end;
    }
}

/// pest alone: runs the grammar over `text` in the batches [`parse_with_pest`] uses and counts the pairs it
/// produces, without building an AST; `None` when the text does not parse. Only for measuring what share of
/// [`parse_with_pest`] is pest's (the `pest` group of `benches/pipeline.rs`).
#[doc(hidden)]
pub fn recognize(text: &str) -> Option<usize> {
    let mut pair_count = 0;
    let mut offset = 0;
    loop {
        let rest = text.get(offset..)?;
        let pairs = CharterParser::parse(Rule::next_items, rest).ok()?;
        let mut end = offset;
        for pair in pairs.filter(build::is_not_comment) {
            if pair.as_rule() == Rule::EOI {
                return Some(pair_count);
            }
            end = offset + pair.as_span().end();
            pair_count += 1 + pair.into_inner().flatten().count();
        }
        if end <= offset {
            return None;
        }
        offset = end;
    }
}

/// What a top-level item may start with, and the end of the file, in the words of a syntax error.
const TOP_LEVEL: [Rule; 8] = [
    Rule::kw_body,
    Rule::kw_charter,
    Rule::kw_decision,
    Rule::kw_default,
    Rule::kw_external,
    Rule::kw_role,
    Rule::kw_threshold,
    Rule::EOI,
];

/// The syntax error of a file that does not parse, from a parse of the whole file.
fn whole_file_error(text: &str) -> Diagnostic {
    match CharterParser::parse(Rule::file, text) {
        Err(error) => syntax_diagnostic(text, &error),
        Ok(_) => internal_error::diagnostic(
            Span::new(0, 0),
            "the file parses as a whole but not item by item",
        ),
    }
}

fn syntax_diagnostic(text: &str, error: &pest::error::Error<Rule>) -> Diagnostic {
    let offset = match error.location {
        pest::error::InputLocation::Pos(pos) => pos,
        pest::error::InputLocation::Span((start, _)) => start,
    };
    let found = token_at(text, offset);
    let string_expected = matches!(
        &error.variant,
        pest::error::ErrorVariant::ParsingError { positives, .. } if positives.contains(&Rule::string)
    );
    if string_expected
        && found == Some("\"")
        && let Some(diagnostic) = broken_string(text, offset)
    {
        return diagnostic;
    }
    let found_span = match found {
        Some(token) => Span::new(offset, offset + token.len()),
        None => last_token_span(text, offset),
    };
    let mut expected: Vec<&'static str> = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives
            .iter()
            // A comment may stand almost anywhere; naming it in every syntax error would only add noise.
            .filter(|rule| **rule != Rule::COMMENT)
            .flat_map(|rule| match rule {
                // pest names `file` itself when the first item fails where `file` starts; say what an item may
                // start with, as it does for an item anywhere else, so that the wording (and "did you mean")
                // does not depend on where the item is.
                Rule::file => TOP_LEVEL.to_vec(),
                rule => vec![*rule],
            })
            .map(describe)
            .collect(),
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    expected.sort_unstable();
    expected.dedup();
    // `}` reads best last, as in "expected `size`, `join` or `}`".
    if let Some(index) = expected.iter().position(|e| *e == "`}`") {
        let brace = expected.remove(index);
        expected.push(brace);
    }
    let found_words = match found {
        Some(token) => describe_token(token),
        None => "the end of the file".to_owned(),
    };
    let message = if expected.is_empty() {
        format!("unexpected {found_words}")
    } else {
        format!("expected {}, found {found_words}", join_or(&expected))
    };
    let label = match found {
        None => "the file ends here".to_owned(),
        Some(_) if expected.is_empty() || expected.len() > 3 => "not valid here".to_owned(),
        Some(_) => format!("expected {}", join_or(&expected)),
    };
    let mut diagnostic = syntax_error::diagnostic(message, Label::new(found_span, label));
    if let Some(suggestion) = found.and_then(|token| closest_keyword(token, &expected)) {
        diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
    } else if found.is_some_and(is_reserved) {
        diagnostic = diagnostic.with_help(format!(
            "`{}` is a reserved word; choose another name",
            found.unwrap_or_default()
        ));
    }
    diagnostic
}

/// Why the string whose opening quote is at `quote` does not parse, where pest only says that a string was
/// expected there: an escape that is not one, or the end of the line or of the file before the closing quote.
/// `None` when the string is well formed (the error is then about something else).
fn broken_string(text: &str, quote: usize) -> Option<Diagnostic> {
    let start = quote + 1;
    let mut chars = text.get(start..)?.char_indices();
    let opening = Span::new(quote, start);
    let unterminated = |end: &str| {
        syntax_error::diagnostic(
            format!("this string is not closed before the end of the {end}"),
            Label::new(opening, "the string starts here"),
        )
        .with_help("a string ends on the line it starts on: close it with `\"`")
    };
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => return None,
            '\n' | '\r' => return Some(unterminated("line")),
            '\\' => match chars.next() {
                Some((_, '"' | '\\' | 'n' | 't')) => {}
                Some((_, '\n' | '\r')) => return Some(unterminated("line")),
                Some((next, escaped)) => {
                    let escape = Span::new(start + index, start + next + escaped.len_utf8());
                    let written = if escaped.is_control() || is_invisible(escaped) {
                        format!(
                            "`\\` before the invisible character U+{:04X}",
                            u32::from(escaped)
                        )
                    } else {
                        format!("`\\{escaped}`")
                    };
                    return Some(
                        syntax_error::diagnostic(
                            format!("unknown escape {written} in a string"),
                            Label::new(escape, "not an escape"),
                        )
                        .with_help(
                            "the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`; write `\\\\` for a backslash",
                        ),
                    );
                }
                None => return Some(unterminated("file")),
            },
            _ => {}
        }
    }
    Some(unterminated("file"))
}

/// The token starting at `offset`: a word, a number, or a single character.
fn token_at(text: &str, offset: usize) -> Option<&str> {
    let rest = text.get(offset..)?;
    let first = rest.chars().next()?;
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let len = if is_word(first) {
        rest.char_indices()
            .find(|(_, c)| !is_word(*c))
            .map_or(rest.len(), |(i, _)| i)
    } else {
        first.len_utf8()
    };
    rest.get(..len)
}

/// A token in words: in backticks, or by its code point when it is a character that would not show (a NUL
/// byte, a control character, a byte-order mark or another invisible format character), so that a message never
/// writes raw control characters to a terminal.
fn describe_token(token: &str) -> String {
    let mut chars = token.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_control() || is_invisible(c) => {
            format!("the invisible character U+{:04X}", u32::from(c))
        }
        _ => format!("`{token}`"),
    }
}

/// Format characters that take no space: zero-width spaces and joiners, directional marks, the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The span of the last character before `offset` that is not whitespace, for errors at the end of the file.
fn last_token_span(text: &str, offset: usize) -> Span {
    let before = text.get(..offset).unwrap_or(text);
    match before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_whitespace())
    {
        Some((index, c)) => Span::new(index, index + c.len_utf8()),
        None => Span::new(offset, offset),
    }
}

/// The expected keyword closest to what was written, if it is close enough to be a typo.
fn closest_keyword<'a>(found: &str, expected: &[&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .filter_map(|e| e.strip_prefix('`').and_then(|e| e.split('`').next()))
        .filter(|keyword| {
            keyword.chars().all(|c| c.is_alphabetic() || c == ' ') && *keyword != found
        })
        .map(|keyword| {
            (
                strsim::damerau_levenshtein(found, keyword.split(' ').next().unwrap_or(keyword)),
                keyword,
            )
        })
        .filter(|(distance, keyword)| {
            *distance <= 2.max(keyword.len() / 3) && *distance < keyword.len()
        })
        .min()
        .map(|(_, keyword)| keyword)
}

fn is_reserved(word: &str) -> bool {
    matches!(
        word,
        "except"
            | "and"
            | "of"
            | "with"
            | "per"
            | "anyone"
            | "to"
            | "yes"
            | "no"
            | "abstain"
            | "turnout"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognize_accepts_what_parse_accepts_and_counts_pairs() {
        let text = "role maintainer { size at least 1 }\nexternal coc \"Code of Conduct\"\n";
        assert!(parse(&SourceFile::new("t.charter", text)).is_ok());
        // role_decl, kw_role, ident, block_start, size_stmt, kw_size, size_at_least, kw_at, kw_least, integer,
        // block_end; external_decl, kw_external, ident, string, string_inner.
        assert_eq!(recognize(text), Some(16));
        assert_eq!(recognize("role maintainer {"), None);
        assert_eq!(recognize(""), Some(0));
    }

    /// Comments are atomic pairs in pest's tree (so that pest skips them with one search); they change neither
    /// the AST nor the wording of a syntax error.
    #[test]
    fn comments_leave_no_trace_in_the_ast_or_in_syntax_errors() {
        let plain = "role maintainer { size at least 1 }\nrole reviewer { size 2 }\n";
        let commented = "# c\nrole maintainer { # c\n size # c\n at least 1 # c\n} # c\n# c\nrole reviewer { size 2 } # c";
        let ast = |text: &str| {
            parse(&SourceFile::new("t.charter", text)).map(|charter| charter.items.len())
        };
        assert_eq!(ast(plain), Ok(2));
        assert_eq!(ast(commented), Ok(2));
        let error = |text: &str| match parse(&SourceFile::new("t.charter", text)) {
            Err(diagnostic) => diagnostic.message,
            Ok(_) => String::new(),
        };
        assert_eq!(
            error("role maintainer { size # c\n at least }"),
            error("role maintainer { size at least }")
        );
        assert!(!error("role maintainer { size at least # c\n}").contains("comment"));
    }
}
