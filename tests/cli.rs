//! The real binary, run as a user would: exit codes, formats, standard input, files and folders.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
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
        .env_remove("CHARTERC_DOCS_URL")
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
    // In the report, an unreadable file is a finding of that file (CH007).
    let run = charterc(&["check", "does/not/exist.charter", ERRORS], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains("error[CH007]: io-error")
            && run.stdout.contains("cannot read `does/not/exist.charter`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("`maintainers` is not defined"),
        "{}",
        run.stdout
    );
    // Machine formats list it too, and say why the exit status is 2 on stderr.
    for format in ["json", "sarif", "short", "github"] {
        let run = charterc(
            &[
                "check",
                "--format",
                format,
                "does/not/exist.charter",
                ERRORS,
            ],
            None,
        );
        assert_eq!(run.code, 2, "{format}");
        assert!(
            run.stderr.contains("cannot read `does/not/exist.charter`"),
            "{format}: {}",
            run.stderr
        );
        assert!(run.stdout.contains("CH007"), "{format}: {}", run.stdout);
    }
    let json = charterc(
        &["check", "--format", "json", "does/not/exist.charter"],
        None,
    );
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let file = &document["files"][0];
    assert_eq!(file["path"], "does/not/exist.charter");
    assert_eq!(file["diagnostics"][0]["code"], "CH007");
    assert_eq!(file["diagnostics"][0]["severity"], "error");
    assert_eq!(document["summary"]["errors"], 1);
}

/// Files are checked in parallel, but reported in the order they were named, whatever order they finish in.
#[test]
fn files_are_reported_in_the_order_given() {
    let mut names: Vec<&str> = vec![
        "charters/wasmedge.charter",
        "charters/kitops.charter",
        "charters/modelspec.charter",
        "charters/llama-stack.charter",
        "charters/example.charter",
        "charters/wasm-sandbox.charter",
    ];
    for _ in 0..2 {
        let mut args = vec!["check", "--format", "json"];
        args.extend(&names);
        let run = charterc(&args, None);
        let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let reported: Vec<&str> = document["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|file| file["path"].as_str().unwrap())
            .collect();
        assert_eq!(reported, names);
        // The human report too: each file's first finding comes in the order given (`example` has none).
        args[2] = "human";
        let human = charterc(&args, None).stdout;
        let first_mentions: Vec<usize> = names
            .iter()
            .filter(|name| !name.contains("example"))
            .map(|name| human.find(&format!("[{name}:")).unwrap())
            .collect();
        assert!(first_mentions.is_sorted(), "{first_mentions:?}");
        names.reverse();
    }
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
    assert_eq!(first["url"], "docs/checks.md#ch101");
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

#[test]
fn short_format_is_one_line_per_finding() {
    let run = charterc(&["check", "--format", "short", ERRORS, WARNINGS], None);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(transcript(&run));
    for line in run.stdout.lines() {
        let (location, rest) = line.split_once(": ").unwrap();
        assert_eq!(location.split(':').count(), 3, "{line}");
        assert!(
            rest.starts_with("error[CH") || rest.starts_with("warning[CH"),
            "{line}"
        );
    }
}

#[test]
fn github_format_writes_workflow_commands() {
    let run = charterc(&["check", "--format", "github", ERRORS, WARNINGS], None);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(transcript(&run));
    assert!(
        run.stdout
            .lines()
            .all(|l| l.starts_with("::error file=") || l.starts_with("::warning file=")),
        "{}",
        run.stdout
    );
}

#[test]
fn sarif_format_is_one_log_with_every_rule() {
    let run = charterc(&["check", "--format", "sarif", ERRORS], None);
    assert_eq!(run.code, 1);
    let mut log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run0 = &mut log["runs"][0];
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap().clone();
    assert_eq!(rules.len(), charterc::checks::ALL.len());
    for result in run0["results"].as_array_mut().unwrap() {
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], result["ruleId"]);
        // The index moves when a finding is added to the registry; it is checked above.
        result["ruleIndex"] = serde_json::json!("[checked]");
    }
    // The snapshot keeps the one rule the fixture uses, so that it stays readable.
    let rules = run0["tool"]["driver"]["rules"].as_array_mut().unwrap();
    rules.retain(|rule| rule["id"] == "CH101");
    insta::assert_json_snapshot!(log);
}

#[test]
fn stdin_filename_reports_the_buffer_under_that_name() {
    let buffer = "role maintainer {\n  sise at least 1\n}\n";
    for args in [
        &[
            "check",
            "--format",
            "short",
            "--stdin-filename",
            "gov/gov.charter",
        ][..],
        &[
            "check",
            "--format",
            "short",
            "--stdin-filename",
            "gov/gov.charter",
            "-",
        ][..],
    ] {
        let run = charterc(args, Some(buffer));
        assert_eq!(run.code, 1);
        assert!(
            run.stdout.starts_with("gov/gov.charter:2:3: error[CH001]"),
            "{}",
            run.stdout
        );
    }
    let json = charterc(
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "gov.charter",
        ],
        Some(buffer),
    );
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(document["files"][0]["path"], "gov.charter");
    let compile = charterc(
        &["compile", "--stdin-filename", "tiny.charter"],
        Some(&std::fs::read_to_string(CLEAN).unwrap()),
    );
    assert_eq!(compile.code, 0, "{}", compile.stderr);
    assert!(compile.stdout.contains("\"path\": \"tiny.charter\""));
    // With paths, one of them must be `-`.
    let refused = charterc(&["check", "--stdin-filename", "gov.charter", CLEAN], None);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("no path is `-`"),
        "{}",
        refused.stderr
    );
}

#[test]
fn stdin_filename_finds_the_charterc_toml_of_that_file() {
    let dir = std::env::temp_dir().join(format!("charterc-cli-stdin-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("gov")).unwrap();
    std::fs::write(
        dir.join("charterc.toml"),
        "[levels]\nunused-definition = \"deny\"\n",
    )
    .unwrap();
    let name = dir.join("gov/unsaved.charter");
    let buffer = std::fs::read_to_string(WARNINGS).unwrap();
    let run = charterc(
        &[
            "check",
            "--format",
            "short",
            "--stdin-filename",
            name.to_str().unwrap(),
        ],
        Some(&buffer),
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("error[CH104]"), "{}", run.stdout);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn docs_url_sets_the_explanation_links() {
    let json = charterc(
        &[
            "check",
            "--format",
            "json",
            "--docs-url",
            "https://docs.example/checks.md",
            ERRORS,
        ],
        None,
    );
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        document["files"][0]["diagnostics"][0]["url"],
        "https://docs.example/checks.md#ch101"
    );
    let sarif = Command::new(env!("CARGO_BIN_EXE_charterc"))
        .args(["check", "--format", "sarif", ERRORS])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CHARTERC_DOCS_URL", "https://docs.example/checks.md")
        .output()
        .unwrap();
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let ch101 = rules.iter().find(|rule| rule["id"] == "CH101").unwrap();
    assert_eq!(ch101["helpUri"], "https://docs.example/checks.md#ch101");
    // A relative location is no URI: SARIF gets no `helpUri` then.
    let relative = charterc(&["check", "--format", "sarif", ERRORS], None);
    assert!(!relative.stdout.contains("helpUri"));
}

/// A charter with accents, CJK and emoji (one outside the Basic Multilingual Plane, one a ZWJ sequence) before
/// its errors, on the same line and on earlier lines.
const UNICODE_CHARTER: &str = "\
charter \"Café Ünïcode 日本 🎉\" { source \"https://example.org/GOVERNANCE.md\" }

role maintainer { size at least 1; join by add_maintainer; leave by resignation }

decision add_maintainer { purpose other \"réunion 会議 🎉 naïve\"; decided by maintainers }

# Règles de vote — 投票 👩‍👩‍👧 (a ZWJ sequence)
decision amend_charter {
  purpose amend charter
  vote { voters maintainr; passes when yes >= 2/3 of members } # 🎉
}
";

/// The position of byte `offset` of `text`, computed from the text alone: (offset, 1-based line, 1-based column in
/// chars, 0-based line, UTF-16 character).
fn expected_position(text: &str, offset: usize) -> (usize, usize, usize, usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    (
        offset,
        line + 1,
        prefix.chars().count() + 1,
        line,
        prefix.encode_utf16().count(),
    )
}

#[test]
fn positions_after_non_ascii_text_count_bytes_chars_and_utf16_units() {
    let run = charterc(
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "unicode.charter",
        ],
        Some(UNICODE_CHARTER),
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let diagnostics = document["files"][0]["diagnostics"].as_array().unwrap();
    let sarif = charterc(
        &[
            "check",
            "--format",
            "sarif",
            "--stdin-filename",
            "unicode.charter",
        ],
        Some(UNICODE_CHARTER),
    );
    let log: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let short = charterc(
        &[
            "check",
            "--format",
            "short",
            "--stdin-filename",
            "unicode.charter",
        ],
        Some(UNICODE_CHARTER),
    );
    for (token, message) in [
        ("maintainers }", "`maintainers` is not defined"),
        ("maintainr;", "`maintainr` is not defined"),
    ] {
        let start = UNICODE_CHARTER.find(token).unwrap();
        let name = token.trim_end_matches([' ', '}', ';']);
        let end = start + name.len();
        let diagnostic = diagnostics
            .iter()
            .find(|d| d["message"] == message)
            .unwrap_or_else(|| panic!("no `{message}` in {diagnostics:?}"));
        for (offset, position) in [
            (start, &diagnostic["primary"]["start"]),
            (end, &diagnostic["primary"]["end"]),
        ] {
            let (offset, line, column, lsp_line, lsp_character) =
                expected_position(UNICODE_CHARTER, offset);
            assert_eq!(position["offset"], offset, "{message}: {position}");
            assert_eq!(position["line"], line, "{message}: {position}");
            assert_eq!(position["column"], column, "{message}: {position}");
            assert_eq!(position["lsp"]["line"], lsp_line, "{message}: {position}");
            assert_eq!(
                position["lsp"]["character"], lsp_character,
                "{message}: {position}"
            );
        }
        // SARIF columns are 1-based UTF-16 code units; the short format's are 1-based chars.
        let (_, line, column, _, lsp_character) = expected_position(UNICODE_CHARTER, start);
        let result = results
            .iter()
            .find(|r| r["message"]["text"].as_str().unwrap().starts_with(message))
            .unwrap();
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], line);
        assert_eq!(region["startColumn"], lsp_character + 1);
        assert_eq!(region["snippet"]["text"], name);
        assert!(
            short.stdout.contains(&format!(
                "unicode.charter:{line}:{column}: error[CH101]: {message}"
            )),
            "{}",
            short.stdout
        );
    }
    // The test means something: on the first error's line, bytes, chars and UTF-16 units all differ.
    let start = UNICODE_CHARTER.find("maintainers }").unwrap();
    let line_start = UNICODE_CHARTER[..start].rfind('\n').unwrap() + 1;
    let prefix = &UNICODE_CHARTER[line_start..start];
    let (bytes, chars, utf16) = (
        prefix.len(),
        prefix.chars().count(),
        prefix.encode_utf16().count(),
    );
    assert!(bytes > utf16 && utf16 > chars, "{bytes} {utf16} {chars}");
}

/// Runs `charterc` with stdout piped, reads one line, closes the pipe, and returns the exit status and stderr.
fn read_one_line_then_close(args: &[&str]) -> (Option<i32>, String) {
    use std::io::{BufRead, BufReader, Read};
    let mut child = Command::new(env!("CARGO_BIN_EXE_charterc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(!line.is_empty(), "{args:?} printed nothing");
    drop(reader);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    (status.code(), stderr)
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    // Each output is larger than a pipe's buffer, so charterc is still writing when the pipe closes.
    let many: Vec<&str> = std::iter::once("check")
        .chain(std::iter::repeat_n("charters/", 4))
        .collect();
    let many_json: Vec<&str> = ["check", "--format", "json"]
        .into_iter()
        .chain(std::iter::repeat_n("charters/", 4))
        .collect();
    let many_sarif: Vec<&str> = ["check", "--format", "sarif"]
        .into_iter()
        .chain(std::iter::repeat_n("charters/", 4))
        .collect();
    for args in [
        &many[..],
        &many_json[..],
        &many_sarif[..],
        &["compile", "charters/example.charter"][..],
        &["explain", "--markdown"][..],
        &["explain"][..],
        &["schema", "ir"][..],
    ] {
        let (code, stderr) = read_one_line_then_close(args);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            matches!(code, Some(0 | 1)),
            "{args:?} exited with {code:?}: {stderr}"
        );
    }
}
