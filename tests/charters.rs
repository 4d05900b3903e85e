//! The shipped charters are a living corpus: none has an error, and their findings are pinned by snapshots.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code")]

use std::path::Path;

use charterc::config::Levels;
use charterc::diagnostic::Severity;
use charterc::report::human::{self, Style};
use charterc::report::json;
use charterc::{check_bytes, report};

fn shipped_charters() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("charters");
    let mut files: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "charter"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_seed_and_the_example_is_shipped() {
    let names: Vec<String> = shipped_charters()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "example.charter",
        "kitops.charter",
        "llama-stack.charter",
        "modelspec.charter",
        "wasm-sandbox.charter",
        "wasmedge.charter",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "charters/{expected} is missing"
        );
    }
}

#[test]
fn shipped_charters_have_no_errors_and_their_findings_are_pinned() {
    let mut full_report = String::new();
    for path in shipped_charters() {
        let name = format!("charters/{}", path.file_name().unwrap().to_string_lossy());
        let analysis = check_bytes(&name, &std::fs::read(&path).unwrap(), &Levels::default());
        let rendered = human::render(
            &analysis.source,
            &analysis.diagnostics,
            Style::Graphical { color: false },
            100,
        );
        assert!(
            analysis
                .diagnostics
                .iter()
                .all(|d| d.severity != Severity::Error),
            "{name} has errors:\n{rendered}"
        );
        let summary = report::Summary::of(std::slice::from_ref(&analysis));
        full_report.push_str(&format!(
            "===== {name}: {}\n{rendered}",
            report::plural(summary.warnings, "warning")
        ));
    }
    insta::assert_snapshot!(full_report);
}

#[test]
fn the_example_charter_is_clean() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("charters/example.charter");
    let analysis = check_bytes(
        "charters/example.charter",
        &std::fs::read(path).unwrap(),
        &Levels::default(),
    );
    let rendered = human::render(
        &analysis.source,
        &analysis.diagnostics,
        Style::Graphical { color: false },
        100,
    );
    assert!(analysis.diagnostics.is_empty(), "{rendered}");
}

#[test]
fn kitops_compiles_to_a_stable_ir() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("charters/kitops.charter");
    let analysis = check_bytes(
        "charters/kitops.charter",
        &std::fs::read(path).unwrap(),
        &Levels::default(),
    );
    let charter = analysis.charter.as_ref().unwrap();
    insta::assert_json_snapshot!(json::ir_document(&analysis.source.name, charter));
}
