//! The real binary, run as a user would: exit codes, formats, standard input, files and folders.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::io::Write;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

#[track_caller]
fn charterc(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_charterc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or_default().as_bytes())
        .unwrap();
    drop(pipe);
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// The run as one text for snapshots: exit code, stdout, stderr.
fn transcript(run: &Run) -> String {
    format!(
        "exit code: {}\n----- stdout\n{}----- stderr\n{}",
        run.code, run.stdout, run.stderr
    )
}

const CLEAN: &str = "tests/fixtures/syntax/ok/minimal.charter";
const ERRORS: &str = "tests/fixtures/checks/CH101-undefined-reference/fail.charter";
const WARNINGS: &str = "tests/fixtures/checks/CH104-unused-definition/fail.charter";

#[test]
fn clean_charter_exits_0() {
    let run = charterc(&["check", CLEAN], None);
    insta::assert_snapshot!(transcript(&run));
    assert_eq!(run.code, 0);
}

#[test]
fn errors_exit_1_with_the_report() {
    let run = charterc(&["check", ERRORS], None);
    insta::assert_snapshot!(transcript(&run));
    assert_eq!(run.code, 1);
}

#[test]
fn warnings_exit_0_unless_denied() {
    assert_eq!(charterc(&["check", WARNINGS], None).code, 0);
    assert_eq!(
        charterc(&["check", "--deny", "warnings", WARNINGS], None).code,
        1
    );
    // Levels by code or name: `--deny CODE` makes one finding fail the run, `--allow` hides one.
    let denied = charterc(
        &["check", "--allow", "warnings", "--deny", "CH104", WARNINGS],
        None,
    );
    assert_eq!(denied.code, 1, "{}", denied.stdout);
    assert!(denied.stdout.contains("error[CH104]"), "{}", denied.stdout);
    let allowed = charterc(&["check", "--allow", "unused-definition", WARNINGS], None);
    assert!(!allowed.stdout.contains("[CH104]"), "{}", allowed.stdout);
    // An error cannot be allowed.
    let refused = charterc(&["check", "--allow", "CH101", WARNINGS], None);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("cannot be allowed"),
        "{}",
        refused.stderr
    );
}

#[test]
fn unreadable_file_exits_2_and_the_other_files_are_still_checked() {
    let run = charterc(&["check", "does/not/exist.charter", ERRORS], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read `does/not/exist.charter`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("`maintainers` is not defined"),
        "{}",
        run.stdout
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(charterc(&["check"], None).code, 2);
    assert_eq!(charterc(&["check", "--format", "xml", CLEAN], None).code, 2);
    assert_eq!(charterc(&["frobnicate"], None).code, 2);
}

#[test]
fn stdin_is_read_with_a_dash() {
    let run = charterc(
        &["check", "-"],
        Some("role maintainer {\n  sise at least 1\n}\n"),
    );
    insta::assert_snapshot!(transcript(&run));
    assert_eq!(run.code, 1);
}

#[test]
fn folders_are_searched_recursively_in_a_stable_order() {
    let run = charterc(&["check", "tests/fixtures/syntax"], None);
    assert_eq!(run.code, 1, "syntax/err holds broken files");
    let summary: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("tests/fixtures/syntax/"))
        .collect();
    insta::assert_snapshot!(summary.join("\n"));
}

#[test]
fn json_format_is_one_document() {
    let run = charterc(&["check", "--format", "json", ERRORS, WARNINGS], None);
    assert_eq!(run.code, 1);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(document["version"], 1);
    assert_eq!(document["files"].as_array().unwrap().len(), 2);
    assert_eq!(document["summary"]["errors"], 5);
    let first = &document["files"][0]["diagnostics"][0];
    assert_eq!(first["code"], "CH101");
    assert_eq!(first["name"], "undefined-reference");
    assert_eq!(first["primary"]["start"]["line"], 3);
    assert_eq!(first["primary"]["start"]["lsp"]["line"], 2);
}

#[test]
fn plain_format_has_no_drawing_characters() {
    let run = charterc(&["check", "--format", "plain", ERRORS], None);
    assert_eq!(run.code, 1);
    assert!(
        !run.stdout.contains('╭') && !run.stdout.contains('│'),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!(transcript(&run));
}

#[test]
fn no_color_output_has_no_escape_codes() {
    let run = charterc(&["check", ERRORS], None);
    assert!(!run.stdout.contains('\u{1b}'));
}

#[test]
fn compile_prints_the_ir() {
    let run = charterc(&["compile", CLEAN], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(document["version"], 1);
    assert_eq!(document["charter"]["meta"]["name"], "Minimal");
    assert_eq!(
        document["charter"]["decisions"][0]["vote"]["conditions"][0]["readings"][0]["linear"]["members"],
        -2
    );
}

#[test]
fn compile_refuses_a_charter_with_errors() {
    let run = charterc(&["compile", ERRORS], None);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("no IR printed"));
}

#[test]
fn compile_is_deterministic() {
    let first = charterc(
        &["compile", "tests/fixtures/syntax/ok/procedures.charter"],
        None,
    );
    let second = charterc(
        &["compile", "tests/fixtures/syntax/ok/procedures.charter"],
        None,
    );
    assert_eq!(first.code, 0);
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn explain_prints_the_documentation() {
    let by_code = charterc(&["explain", "CH101"], None);
    assert_eq!(by_code.code, 0);
    insta::assert_snapshot!(by_code.stdout);
    let by_name = charterc(&["explain", "undefined-reference"], None);
    assert_eq!(by_name.stdout, by_code.stdout);
}

#[test]
fn explain_without_a_code_lists_every_finding() {
    let run = charterc(&["explain"], None);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explain_an_unknown_code_exits_2() {
    let run = charterc(&["explain", "CH999"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("no finding has the code or name `CH999`")
    );
}

#[test]
fn version_and_help() {
    let version = charterc(&["--version"], None);
    assert_eq!(version.code, 0);
    assert!(version.stdout.starts_with("charterc "));
    let help = charterc(&["check", "--help"], None);
    assert_eq!(help.code, 0);
    let help = charterc(&["--help"], None);
    assert!(
        help.stdout.contains("Examples:") && help.stdout.contains("Exit status"),
        "{}",
        help.stdout
    );
}

#[test]
fn levels_come_from_the_nearest_charterc_toml_and_the_command_line_wins() {
    let dir = std::env::temp_dir().join(format!("charterc-cli-config-{}", std::process::id()));
    let nested = dir.join("nested");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(
        dir.join("charterc.toml"),
        "[levels]\nunused-definition = \"deny\"\n",
    )
    .unwrap();
    let charter = nested.join("gov.charter");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(WARNINGS),
        &charter,
    )
    .unwrap();
    let path = charter.to_str().unwrap();
    let from_file = charterc(&["check", path], None);
    assert_eq!(from_file.code, 1, "{}", from_file.stdout);
    assert!(
        from_file.stdout.contains("error[CH104]"),
        "{}",
        from_file.stdout
    );
    let overridden = charterc(&["check", "--warn", "CH104", path], None);
    assert!(
        overridden.stdout.contains("warning[CH104]"),
        "{}",
        overridden.stdout
    );
    let ignored = charterc(&["check", "--no-config", path], None);
    assert!(
        ignored.stdout.contains("warning[CH104]"),
        "{}",
        ignored.stdout
    );
    std::fs::write(
        dir.join("charterc.toml"),
        "[levels]\nno-such-finding = \"allow\"\n",
    )
    .unwrap();
    let broken = charterc(&["check", path], None);
    assert_eq!(broken.code, 2);
    assert!(
        broken.stderr.contains("no-such-finding"),
        "{}",
        broken.stderr
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
