//! One line per finding, `path:line:column: severity[CODE]: message`, for grep and editors' problem matchers.
//!
//! The line and column are 1-based; the column counts Unicode scalar values, like the `column` of the JSON output
//! and the human report. Findings accepted by an `allow` in the charter are not listed. A message never spans
//! lines: any line break in it becomes a space. Control characters in names and messages are shown as
//! [`visible`] shows them.

use crate::Analysis;
use crate::report::visible::visible;
use crate::source::LineIndex;

/// Renders the findings of several files, in the order given, one line each.
pub fn render(analyses: &[Analysis]) -> String {
    let mut out = String::new();
    for analysis in analyses {
        let index = LineIndex::new(&analysis.source.text);
        for diagnostic in &analysis.diagnostics {
            let start = index.position(diagnostic.primary.span.start);
            out.push_str(&format!(
                "{}:{}:{}: {}[{}]: {}\n",
                visible(&analysis.source.name),
                start.line,
                start.column,
                diagnostic.severity.as_str(),
                diagnostic.lint.code,
                visible(&one_line(&diagnostic.message))
            ));
        }
    }
    out
}

fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
