//! Data-driven tests: every fixture charter goes through the whole pipeline into an insta snapshot that shows
//! the source and exactly what a user sees.
//!
//! - `fixtures/syntax/ok/*.charter` must parse and lower with no syntax or lowering diagnostic (`CH0xx`, `CH1xx`)
//!   and no error; the snapshot is the IR as JSON, with the vote arithmetic's figures. Warnings from the checks
//!   (such as `minority-decides` on a deliberately small threshold) are the checks' business, tested below.
//! - `fixtures/syntax/err/*.charter` must produce exactly one syntax-family (`CH0xx`) diagnostic.
//! - `fixtures/checks/<CODE>-<name>/fail.charter` must produce that finding; the snapshot shows only that code.
//! - `fixtures/checks/<CODE>-<name>/pass.charter` is a near miss and must not produce that finding.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::path::Path;

use charterc::config::Levels;
use charterc::report::human::{self, Style};
use charterc::report::json;
use charterc::{Analysis, check_bytes};

fn analyse(path: &Path) -> Analysis {
    let bytes = std::fs::read(path).unwrap();
    check_bytes(&relative(path), &bytes, &Levels::default())
}

fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
        .replace('\\', "/")
}

/// The snapshot text: the source, then the rendered diagnostics.
fn report(analysis: &Analysis, diagnostics: &[charterc::diagnostic::Diagnostic]) -> String {
    let rendered = human::render(
        &analysis.source,
        diagnostics,
        Style::Graphical { color: false },
        80,
    );
    format!(
        "----- SOURCE {}\n{}\n----- DIAGNOSTICS\n{}",
        analysis.source.name, analysis.source.text, rendered
    )
}

#[test]
fn syntax_ok_fixtures_parse_and_lower_cleanly() {
    insta::glob!("fixtures/syntax/ok/*.charter", |path| {
        let analysis = analyse(path);
        let front_end: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| {
                d.lint.code.starts_with("CH0")
                    || d.lint.code.starts_with("CH1")
                    || d.severity == charterc::diagnostic::Severity::Error
            })
            .cloned()
            .collect();
        assert!(front_end.is_empty(), "{}", report(&analysis, &front_end));
        let charter = analysis
            .charter
            .as_ref()
            .expect("a valid fixture lowers to an IR");
        let document = json::ir_document(&analysis.source.name, charter);
        insta::assert_json_snapshot!(document);
    });
}

#[test]
fn syntax_err_fixtures_have_exactly_one_syntax_diagnostic() {
    insta::glob!("fixtures/syntax/err/*.charter", |path| {
        let analysis = analyse(path);
        assert_eq!(
            analysis.diagnostics.len(),
            1,
            "{}",
            report(&analysis, &analysis.diagnostics)
        );
        let code = analysis.diagnostics[0].lint.code;
        assert!(
            code.starts_with("CH0"),
            "expected a syntax-family code, got {code}"
        );
        insta::assert_snapshot!(report(&analysis, &analysis.diagnostics));
    });
}

/// The code a check fixture directory is named after: `CH101-undefined-reference` -> `CH101`.
fn fixture_code(path: &Path) -> String {
    let dir = path
        .parent()
        .and_then(Path::file_name)
        .unwrap()
        .to_string_lossy()
        .into_owned();
    dir.split('-').next().unwrap().to_owned()
}

/// The diagnostics of the finding with this code.
fn findings_with_code(analysis: &Analysis, code: &str) -> Vec<charterc::diagnostic::Diagnostic> {
    analysis
        .diagnostics
        .iter()
        .filter(|d| d.lint.code == code)
        .cloned()
        .collect()
}

#[test]
fn check_fail_fixtures_fire() {
    insta::glob!("fixtures/checks/*/fail.charter", |path| {
        let analysis = analyse(path);
        let code = fixture_code(path);
        let firing = findings_with_code(&analysis, &code);
        assert!(
            !firing.is_empty(),
            "{code} did not fire:\n{}",
            report(&analysis, &analysis.diagnostics)
        );
        insta::assert_snapshot!(report(&analysis, &firing));
    });
}

#[test]
fn check_pass_fixtures_do_not_fire() {
    insta::glob!("fixtures/checks/*/pass.charter", |path| {
        let analysis = analyse(path);
        let code = fixture_code(path);
        let firing = findings_with_code(&analysis, &code);
        assert!(
            firing.is_empty(),
            "{code} fired on its near miss:\n{}",
            report(&analysis, &firing)
        );
    });
}
