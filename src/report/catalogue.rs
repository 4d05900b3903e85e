//! The catalogue of findings as Markdown: the text of `docs/checks.md`, generated from the registry.
//!
//! `charterc explain --markdown` prints it; `tests/docs.rs` fails when the committed file differs, and rewrites it
//! under `UPDATE_DOCS=1`. Each finding has an anchor named after its code in lower case (`#ch101`), which is what
//! the explanation URLs of the JSON and SARIF outputs point at.

use crate::checks;
use crate::diagnostic::Lint;

/// The whole of `docs/checks.md`.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Findings\n\
         \n\
         <!-- Generated from the registry in src/checks/ by `charterc explain --markdown`; do not edit by hand.\n\
         \x20    Regenerate with `UPDATE_DOCS=1 cargo test --test docs`. -->\n\
         \n\
         Every finding charterc reports, in code order: its stable code and name, its default severity, and its\n\
         explanation, as `charterc explain CODE` prints it.\n\
         Errors are contradictions and cannot be allowed; warnings are ambiguities and hazards, which a charter can\n\
         accept with `allow CODE because \"reason\"` and a project can configure in `charterc.toml`.\n\
         \n\
         | Code | Name | Severity | What it finds |\n\
         | --- | --- | --- | --- |\n",
    );
    for lint in checks::ALL {
        out.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} |\n",
            lint.code,
            anchor(lint),
            lint.name,
            lint.default_severity.as_str(),
            lint.summary().replace('|', "\\|")
        ));
    }
    for lint in checks::ALL {
        out.push('\n');
        out.push_str(&section(lint));
    }
    out
}

/// The section of one finding: an anchor, a heading, and the explanation with its headings one level down.
pub fn section(lint: &Lint) -> String {
    let mut out = format!(
        "<a id=\"{}\"></a>\n\n## {} `{}` ({})\n\n",
        anchor(lint),
        lint.code,
        lint.name,
        lint.default_severity.as_str()
    );
    let mut in_code = false;
    for line in lint.explanation().trim_end().lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && line.starts_with('#') {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The anchor of a finding in `docs/checks.md`: its code in lower case.
pub fn anchor(lint: &Lint) -> String {
    lint.code.to_ascii_lowercase()
}
