//! GitHub Actions workflow commands: one `::error` or `::warning` annotation per finding.
//!
//! ```text
//! ::error file=gov.charter,line=12,endLine=12,col=12,endColumn=22,title=CH101 undefined-reference::`maintainers` is not defined%0Ahelp: did you mean `maintainer`?
//! ```
//!
//! Lines and columns are 1-based; columns count Unicode scalar values, as in the short format. Unlike the JSON's,
//! the end column is inclusive, as in GitHub's annotations (where it defaults to the start column); columns are
//! given only for a range on one line, as the runner requires. A finding about a whole file (one that could not be
//! read) has no line. Values are escaped as the runner expects: `%`, CR and LF everywhere, and `:` and `,` in
//! properties too.

use crate::Analysis;
use crate::diagnostic::Diagnostic;
use crate::report::is_about_whole_file;
use crate::report::visible::visible_owned;
use crate::source::LineIndex;

/// Renders the findings of several files, in the order given, one workflow command each.
pub fn render(analyses: &[Analysis]) -> String {
    let mut out = String::new();
    for analysis in analyses {
        let index = LineIndex::new(&analysis.source.text);
        for diagnostic in &analysis.diagnostics {
            out.push_str(&command(&analysis.source.name, diagnostic, &index));
            out.push('\n');
        }
    }
    out
}

fn command(path: &str, diagnostic: &Diagnostic, index: &LineIndex<'_>) -> String {
    let mut properties = vec![format!("file={}", escape_property(path))];
    if !is_about_whole_file(diagnostic) {
        let start = index.position(diagnostic.primary.span.start);
        let end = index.position(diagnostic.primary.span.end);
        properties.push(format!("line={}", start.line));
        properties.push(format!("endLine={}", end.line));
        // GitHub accepts a column range on a single line only.
        if start.line == end.line {
            properties.push(format!("col={}", start.column));
            properties.push(format!(
                "endColumn={}",
                end.column.saturating_sub(1).max(start.column)
            ));
        }
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!(
            "{} {}",
            diagnostic.lint.code, diagnostic.lint.name
        ))
    ));
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    for note in &diagnostic.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    format!(
        "::{} {}::{}",
        diagnostic.severity.as_str(),
        properties.join(","),
        escape_data(&message)
    )
}

/// Escapes a command's message. The runner writes the message to the log as it is, so control characters are
/// shown as [`visible`](crate::report::visible::visible) shows them (after CR and LF are escaped, so that a lone CR is escaped as the runner
/// expects rather than pictured).
fn escape_data(text: &str) -> String {
    let text = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    visible_owned(text)
}

/// Escapes a command's property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(escape_data("50% of\r\nall"), "50%25 of%0D%0Aall");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
