//! Odd inputs and limits: every one has a defined behaviour, pinned by a snapshot of exactly what a user sees.
//!
//! - `fixtures/odd/*.charter`: an empty file, a file of comments only, a byte-order mark, CRLF and lone CR line
//!   ends, a NUL byte, Latin-1 text (not UTF-8), control characters and bidirectional overrides (which no text
//!   output may send to the terminal);
//! - the limits: file size (`file-too-large`, in memory and through the real binary), numbers and shares at
//!   the edges of exact arithmetic, durations at the largest number, long and deep inputs (thousands of
//!   conditions, steps, thresholds naming thresholds) checked on a small stack;
//! - the saved fuzzing corpus (`fuzz/corpus/*`) and every fuzzing finding (`fixtures/fuzz/*`) run through the
//!   whole pipeline and every output format without a panic or a broken span.
//!
//! Name and string lengths and expanded conditions have check fixtures (`fixtures/checks/CH009-*`, `CH010-*`,
//! `CH011-*`), snapshotted by `tests/fixtures.rs`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use charterc::config::Levels;
use charterc::ir::ExitKind;
use charterc::report::human::{self, Style};
use charterc::testing::exercise;
use charterc::{Analysis, MAX_INPUT_BYTES, check_bytes};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Text with every character that would not show (control characters other than LF, the BOM, zero-width
/// characters) written as `<U+XXXX>`, so that snapshots show exactly which bytes a file holds.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' => "\n".to_owned(),
            c if c.is_control() || matches!(c, '\u{FEFF}' | '\u{200B}'..='\u{200F}') => {
                format!("<U+{:04X}>", u32::from(c))
            }
            c => c.to_string(),
        })
        .collect()
}

/// The snapshot text: the source made visible, then the report exactly as rendered (made visible too).
fn report(analysis: &Analysis) -> String {
    let rendered = human::render(
        &analysis.source,
        &analysis.diagnostics,
        Style::Graphical { color: false },
        80,
    );
    format!(
        "----- SOURCE {} ({} bytes of text)\n{}\n----- DIAGNOSTICS\n{}",
        analysis.source.name,
        analysis.source.text.len(),
        visible(&analysis.source.text),
        visible(&rendered)
    )
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
        .replace('\\', "/")
}

#[test]
fn odd_inputs_have_a_defined_behaviour() {
    insta::glob!("fixtures/odd/*.charter", |path| {
        let bytes = std::fs::read(path).unwrap();
        let analysis = exercise(&relative(path), &bytes).unwrap();
        insta::assert_snapshot!(report(&analysis));
    });
}

#[test]
fn a_file_over_the_size_limit_is_one_error_found_before_parsing() {
    let mut bytes = vec![b' '; MAX_INPUT_BYTES + 1];
    // Not UTF-8 either: the size is checked first.
    bytes[0] = 0xFF;
    let analysis = check_bytes("huge.charter", &bytes, &Levels::default());
    assert_eq!(analysis.diagnostics.len(), 1);
    assert!(analysis.charter.is_none());
    assert!(analysis.source.text.is_empty(), "the text is not kept");
    insta::assert_snapshot!(report(&analysis));
}

#[test]
fn the_cli_reads_no_more_than_the_limit_and_reports_it() {
    let dir = std::env::temp_dir().join(format!("charterc-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.charter");
    std::fs::write(&path, vec![b'#'; MAX_INPUT_BYTES + 4096]).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_charterc"))
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostics = &document["files"][0]["diagnostics"];
    assert_eq!(diagnostics.as_array().map(Vec::len), Some(1));
    assert_eq!(diagnostics[0]["code"], "CH008");
}

fn check_text(name: &str, text: &str) -> Analysis {
    exercise(name, text.as_bytes()).unwrap()
}

const HEADER: &str = "charter \"Limits\" { source \"https://example.org/GOVERNANCE.md\" }\n";

#[test]
fn numbers_at_the_edges_of_exact_arithmetic() {
    let text = format!(
        "{HEADER}\
# The largest number, then one more; a number too long for 64 bits.
role a {{ size 1000000000; join open; leave by resignation }}
role b {{ size 1000000001; join open; leave by resignation }}
role c {{ size at most 99999999999999999999999; join open; leave by resignation }}
decision d {{
  purpose amend charter
  vote {{
    voters a
    # The largest share, written two ways; a denominator over the limit; six decimals, then seven.
    passes when yes >= 1000000000/1000000000 of members and yes >= 100.000000% of cast and yes >= 1/1000000001 of members
  }}
}}
decision e {{
  purpose other \"x\"
  vote {{ voters a; passes when yes >= 99.999999% of members and yes >= 66.6666667% of members }}
}}
"
    );
    let analysis = check_text("numbers.charter", &text);
    let codes: Vec<&str> = analysis.diagnostics.iter().map(|d| d.lint.code).collect();
    assert_eq!(codes, ["CH002", "CH002", "CH002", "CH002"], "{codes:?}");
    insta::assert_snapshot!(report(&analysis));
}

#[test]
fn the_longest_durations_are_exact_not_saturated() {
    let text = format!(
        "{HEADER}\
role a {{ size 3; join open; leave by resignation; inactive after 1000000000 years; term 1000000000 business days }}
decision amend {{ purpose amend charter; vote {{ voters a; passes when majority of members; open at most 1000000000 months }} }}
"
    );
    let analysis = check_text("durations.charter", &text);
    let charter = analysis.charter.as_ref().unwrap();
    let role = &charter.roles[0];
    let inactivity = role
        .exits
        .iter()
        .find_map(|exit| match &exit.by {
            ExitKind::Inactivity { after } => Some(after.seconds),
            _ => None,
        })
        .unwrap();
    let term = role.terms.length.as_ref().unwrap().seconds;
    let window = charter.decisions[0]
        .vote
        .as_ref()
        .unwrap()
        .window
        .as_ref()
        .unwrap();
    let window = window.duration.as_ref().unwrap().seconds;
    let (day, billion) = (86_400u64, 1_000_000_000u64);
    assert_eq!(
        (inactivity.min, inactivity.max),
        (billion * 365 * day, billion * 366 * day)
    );
    assert_eq!(
        (term.min, term.max),
        (billion * day, (billion + 2 * billion / 5) * day)
    );
    assert_eq!(
        (window.min, window.max),
        (billion * 28 * day, billion * 31 * day)
    );
    assert!(inactivity.max < u64::MAX / 500, "far from saturation");
}

/// Runs `f` on a thread with a small stack: the pipeline's stack use must not grow with the input.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn long_and_deep_inputs_use_a_bounded_stack() {
    let role = "role m { size at least 1; join open; leave by resignation }\n";
    let conditions = vec!["yes >= 1"; 10_000].join(" and ");
    let many_conditions = format!(
        "{HEADER}{role}decision d {{\n  purpose amend charter\n  vote {{ voters m; passes when {conditions} }}\n}}\n"
    );
    let steps = "    step parties\n    step mediator m\n".repeat(5_000);
    let many_steps = format!(
        "{HEADER}{role}decision d {{\n  purpose amend charter\n  vote {{ voters m; passes when majority of members }}\n  escalate {{\n{steps}  }}\n}}\n"
    );
    let mut chain = format!("{HEADER}{role}threshold t0 {{ majority of members }}\n");
    for i in 1..2_000 {
        chain.push_str(&format!("threshold t{i} {{ t{} }}\n", i - 1));
    }
    chain.push_str("decision d { purpose amend charter; vote { voters m; passes when t1999 } }\n");
    let separators = format!(
        "{HEADER}{role}{}\n{}\n",
        ";".repeat(200_000),
        "#".repeat(200_000)
    );
    let unclosed = format!("{HEADER}{}", "role x {".repeat(20_000));
    let cases = [
        ("many-conditions", many_conditions),
        ("many-steps", many_steps),
        ("threshold-chain", chain),
        ("separators", separators),
        ("unclosed-blocks", unclosed),
    ];
    let mut summary = String::new();
    for (name, text) in cases {
        let analysis = on_small_stack(move || check_text(name, &text));
        let codes: Vec<&str> = analysis.diagnostics.iter().map(|d| d.lint.code).collect();
        summary.push_str(&format!("{name}: {codes:?}\n"));
        for diagnostic in &analysis.diagnostics {
            summary.push_str(&format!(
                "  {}: {}\n",
                diagnostic.lint.code, diagnostic.message
            ));
        }
    }
    insta::assert_snapshot!(summary);
}

fn files_under(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(folder) {
        Ok(entries) => entries
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.is_file() && !path.ends_with("README.md"))
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

/// The corpus that fuzzing saved (a small minimized subset is committed) goes through every stage and output
/// without a panic or a broken span.
#[test]
fn the_saved_fuzzing_corpus_runs_clean() {
    let mut count = 0;
    for target in ["bytes", "grammar"] {
        for path in files_under(&root().join("fuzz/corpus").join(target)) {
            let bytes = std::fs::read(&path).unwrap();
            let bytes = if target == "grammar" {
                charterc::testing::grammar_input(&bytes).into_bytes()
            } else {
                bytes
            };
            if let Err(broken) = exercise(&relative(&path), &bytes) {
                panic!("{}: {broken}", path.display());
            }
            count += 1;
        }
    }
    assert!(count > 0, "no corpus under fuzz/corpus");
}

/// Every input that made a fuzz target fail (crash, panic, hang or broken invariant) is kept under
/// `fixtures/fuzz/` and must now run clean.
#[test]
fn every_fuzzing_finding_is_fixed() {
    for path in files_under(&root().join("tests/fixtures/fuzz")) {
        let bytes = std::fs::read(&path).unwrap();
        if let Err(broken) = exercise(&relative(&path), &bytes) {
            panic!("{}: {broken}", path.display());
        }
    }
}

/// `n` external bodies, one per line: items that parse, lower and check on their own.
fn externals(n: usize) -> String {
    (0..n)
        .map(|i| format!("external e{i} \"E{i}\"\n"))
        .collect()
}

/// The findings of `code` in `analysis`, as (message, start and end of the primary label).
fn findings_of(analysis: &Analysis, code: &str) -> Vec<(String, usize, usize)> {
    analysis
        .diagnostics
        .iter()
        .filter(|d| d.lint.code == code)
        .map(|d| (d.message.clone(), d.primary.span.start, d.primary.span.end))
        .collect()
}

/// pest is asked for up to 16 top-level items at a time (`syntax::parse`): an item in a later batch, or at the
/// edge of one, is located and worded exactly as the same item at the start of the file.
#[test]
fn items_past_the_first_parse_batches_are_located_and_worded_alike() {
    let undefined = "role maintainer { size at least 1; join by add_maintainr }\n";
    let broken_inside = "role maintainer { size at least }\n";
    let broken_between = "roles maintainer { }\n";
    let long_name = format!("role {} {{ size at least 1 }}\n", "r".repeat(129));
    for (item, code) in [
        (undefined, "CH101"),
        (broken_inside, "CH001"),
        (broken_between, "CH001"),
        (long_name.as_str(), "CH009"),
    ] {
        let alone = findings_of(&check_text("alone.charter", item), code);
        assert_eq!(alone.len(), 1, "{item}: {alone:?}");
        // Around the first and the fourth edge of a batch, and far past them.
        for before in [15, 16, 17, 63, 64, 65, 130] {
            let prefix = externals(before);
            let text = format!("{prefix}{item}{}", externals(70));
            let found = findings_of(&check_text("many.charter", &text), code);
            let shifted: Vec<_> = alone
                .iter()
                .map(|(message, start, end)| {
                    (message.clone(), start + prefix.len(), end + prefix.len())
                })
                .collect();
            assert_eq!(found, shifted, "{code} after {before} items");
        }
    }
}

/// A syntax error anywhere in the file comes before a name over its limit, whichever batch holds each.
#[test]
fn a_syntax_error_in_a_later_batch_comes_before_an_earlier_name_over_its_limit() {
    let long_name = format!("role {} {{ size at least 1 }}\n", "r".repeat(129));
    let text = format!(
        "{}{long_name}{}role maintainer {{ size at least }}\n",
        externals(10),
        externals(150)
    );
    let analysis = check_text("both.charter", &text);
    let codes: Vec<&str> = analysis.diagnostics.iter().map(|d| d.lint.code).collect();
    assert_eq!(codes, ["CH001"]);
    let at = text.rfind("least }").unwrap() + "least ".len();
    assert_eq!(analysis.diagnostics[0].primary.span.start, at);
}

/// The characters of `text` that a terminal would act on rather than show: control characters other than LF,
/// and the bidirectional embeddings, overrides and isolates.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

fn run_charterc(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_charterc"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// Messages on stderr quote paths and arguments as the text reports show them: a file name or an argument with
/// an escape sequence in it does not reach the terminal raw.
#[test]
fn control_characters_in_paths_and_arguments_never_reach_the_terminal() {
    let missing = std::env::temp_dir().join("charterc-missing-\u{1b}[31mred\u{9b}.charter");
    let missing = missing.to_str().unwrap();
    for args in [
        vec!["check", "--format", "json", missing],
        vec!["compile", missing],
        vec!["diff", missing, missing],
        vec!["explain", "CH\u{1b}]0;title\u{7}"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_charterc"))
            .args(&args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("␛"), "{args:?}: {stderr}");
        assert_eq!(
            raw_controls(&stderr),
            Vec::<char>::new(),
            "{args:?}: {stderr}"
        );
    }
}

/// clap's own usage errors quote the rejected argument too, and write it raw where they may colour their output
/// (a terminal, or `CLICOLOR_FORCE`): an argument with control characters is quoted as the reports show them, and
/// the error is still a usage error (exit status 2). Without one, clap's error keeps its colours.
#[test]
fn control_characters_in_an_argument_clap_rejects_never_reach_the_terminal() {
    for args in [
        vec!["check", "--bogus\u{1}\u{1b}[31m\u{7}red", "x.charter"],
        vec!["chek\u{1b}]0;title\u{7}"],
        vec!["check", "--format", "json\u{9b}2J", "x.charter"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_charterc"))
            .args(&args)
            .env("CLICOLOR_FORCE", "1")
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert_eq!(
            raw_controls(&stderr),
            Vec::<char>::new(),
            "{args:?}: {stderr}"
        );
    }
    let output = Command::new(env!("CARGO_BIN_EXE_charterc"))
        .args(["check", "--bogus"])
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("\u{1b}[1m"), "{stderr}");
}

/// A charter with ESC, OSC and BEL, a C1 CSI, DEL and a bidirectional override in a comment, in strings and
/// before a label on the same line: no output sends them to the terminal, the text reports show them, and the
/// JSON documents write them as escapes, which read back as the characters written.
#[test]
fn control_characters_never_reach_the_terminal() {
    let fixture = root().join("tests/fixtures/odd/control-characters.charter");
    let fixture = fixture.to_str().unwrap();
    for format in ["human", "plain", "short", "github"] {
        let stdout = run_charterc(&["check", "--format", format, fixture]);
        assert!(
            stdout.contains("TBD") || stdout.contains("placeholder"),
            "{format}: {stdout}"
        );
        assert_eq!(
            raw_controls(&stdout),
            Vec::<char>::new(),
            "{format}: {stdout}"
        );
    }
    // The snippets show the comment's and the strings' characters as pictures and escapes.
    let human = run_charterc(&["check", fixture]);
    for shown in [
        "␛[31mRED␛[0m",
        "\\u{9b} 2J",
        "\\u{202e}reversed\\u{202c}",
        "DEL ␡",
        "␛]0;pwned␇",
    ] {
        assert!(human.contains(shown), "{shown} in {human}");
    }
    // The JSON positions of the label after the control characters agree with the human header.
    let json: serde_json::Value =
        serde_json::from_str(&run_charterc(&["check", "--format", "json", fixture])).unwrap();
    let placeholder = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "CH503")
        .unwrap();
    let start = &placeholder["primary"]["start"];
    assert!(
        human.contains(&format!(
            "control-characters.charter:{}:{}]",
            start["line"], start["column"]
        )),
        "{start} in {human}"
    );
    // The IR keeps the title as written.
    let ir: serde_json::Value = serde_json::from_str(&run_charterc(&["compile", fixture])).unwrap();
    assert!(ir.to_string().contains("\\u001b]0;pwned\\u0007"), "{ir}");
    // No JSON document carries them raw: the IR writes the title's C1 CSI as an escape.
    assert!(run_charterc(&["compile", fixture]).contains("with \\u009b8m C1"));
    for args in [
        vec!["check", "--format", "json", fixture],
        vec!["check", "--format", "sarif", fixture],
        vec!["compile", fixture],
    ] {
        let stdout = run_charterc(&args);
        assert_eq!(
            raw_controls(&stdout),
            Vec::<char>::new(),
            "{args:?}: {stdout}"
        );
    }

    // diff and compare quote titles and member names.
    let dir = std::env::temp_dir().join(format!("charterc-controls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let new = dir.join("new.charter");
    let text = std::fs::read_to_string(fixture).unwrap();
    std::fs::write(
        &new,
        text.replace("Title \u{1b}]0;pwned", "Retitled \u{1b}]2;owned\u{9b}")
            .replace("\"TBD\" #", "\"Bo\u{1b}[1A\u{202e}b\", \"TBD\" #")
            .replace("employer\u{7}", "employer\u{1b}[2J\u{2066}"),
    )
    .unwrap();
    let new = new.to_str().unwrap();
    let mut quoted = false;
    for args in [
        vec!["diff", fixture, new],
        vec!["diff", "--format", "markdown", fixture, new],
        vec!["compare", fixture, new],
        vec!["compare", "--format", "markdown", fixture, new],
    ] {
        let stdout = run_charterc(&args);
        assert!(!stdout.is_empty(), "{args:?}");
        assert_eq!(
            raw_controls(&stdout),
            Vec::<char>::new(),
            "{args:?}: {stdout}"
        );
        quoted |= stdout.contains("␛]2;owned\\u{9b}");
    }
    assert!(quoted, "a report quotes the new title");
    for args in [
        vec!["diff", "--format", "json", fixture, new],
        vec!["compare", "--format", "json", fixture, new],
    ] {
        let stdout = run_charterc(&args);
        assert_eq!(
            raw_controls(&stdout),
            Vec::<char>::new(),
            "{args:?}: {stdout}"
        );
    }
    let diff: serde_json::Value =
        serde_json::from_str(&run_charterc(&["diff", "--format", "json", fixture, new])).unwrap();
    // C0 and C1 controls are written as escapes: the parsed document holds the title as written.
    assert_eq!(
        diff["new"]["title"],
        "Retitled \u{1b}]2;owned\u{9b}\u{7} with \u{9b}8m C1"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
