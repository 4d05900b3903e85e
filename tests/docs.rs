//! `docs/checks.md` is generated from the registry and kept in sync: this test fails when it is stale, and
//! rewrites it when run with `UPDATE_DOCS=1 cargo test --test docs`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code"
)]

use std::path::Path;
use std::process::Command;

use charterc::checks::ALL;
use charterc::report::{DocsUrl, catalogue};

fn checks_md() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/checks.md")
}

#[test]
fn docs_checks_md_is_generated_from_the_registry() {
    let expected = catalogue::markdown();
    let path = checks_md();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != expected {
        let line = committed
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(expected.lines().count()));
        panic!(
            "docs/checks.md is stale (first difference at line {}): regenerate it with \
             `UPDATE_DOCS=1 cargo test --test docs` (or `cargo run -- explain --markdown > docs/checks.md`) \
             and commit it",
            line + 1
        );
    }
}

#[test]
fn every_explanation_url_points_at_an_anchor_of_docs_checks_md() {
    let text = catalogue::markdown();
    let docs = DocsUrl::default();
    for lint in ALL {
        let url = docs.for_lint(lint);
        let (file, anchor) = url.split_once('#').unwrap();
        assert_eq!(file, "docs/checks.md");
        assert!(
            text.contains(&format!("<a id=\"{anchor}\"></a>")),
            "no anchor for {url}"
        );
        assert!(text.contains(&format!("## {} `{}`", lint.code, lint.name)));
    }
}

#[test]
fn explain_markdown_prints_the_catalogue() {
    let output = Command::new(env!("CARGO_BIN_EXE_charterc"))
        .args(["explain", "--markdown"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        catalogue::markdown()
    );
    let one = Command::new(env!("CARGO_BIN_EXE_charterc"))
        .args(["explain", "--markdown", "CH101"])
        .output()
        .unwrap();
    let one = String::from_utf8(one.stdout).unwrap();
    assert!(one.starts_with("<a id=\"ch101\"></a>\n\n## CH101 `undefined-reference` (error)\n"));
    assert!(one.contains("\n### Why it matters\n"), "{one}");
}
