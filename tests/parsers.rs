//! The hand-written parser (`src/syntax/descent.rs`) gives exactly the AST that pest and the builder give, and
//! gives up exactly where they report an error (`charterc::testing::parsers_agree`): on every fixture and shipped
//! charter, on generated charters with and without mistakes, on inputs written to tell the grammar's ordered
//! choices apart, and on generated charters mutated with fragments of the grammar.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::path::{Path, PathBuf};

use charterc::source::SourceFile;
use charterc::syntax::parse_by_descent;
use charterc::testing::{Options, charter, parsers_agree, splice};
use proptest::prelude::*;

fn agree(name: &str, text: &str) {
    if let Err(disagreement) = parsers_agree(name, &SourceFile::new(name, text)) {
        panic!("{disagreement}");
    }
}

/// Every `.charter` file under `folder`, in name order.
fn charter_files(folder: &Path) -> impl Iterator<Item = PathBuf> {
    walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "charter"))
}

/// Every fixture (valid, with syntax errors, over limits, odd inputs) and every shipped charter; the files that
/// parse take the fast path.
#[test]
fn the_parsers_agree_on_every_fixture_and_shipped_charter() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<PathBuf> = charter_files(&root.join("tests/fixtures"))
        .chain(charter_files(&root.join("charters")))
        .collect();
    let mut fast = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue; // not UTF-8: never parsed
        };
        agree(&path.display().to_string(), &text);
        fast += usize::from(parse_by_descent(&text).is_some());
    }
    assert!(
        files.len() > 100,
        "only {} charter files found",
        files.len()
    );
    // Every shipped charter and most fixtures parse.
    assert!(
        fast > files.len() / 2,
        "{fast} of {} files took the fast path",
        files.len()
    );
}

#[test]
fn the_parsers_agree_on_generated_charters() {
    for seed in 0..40 {
        for mistake_rate in [0.0, 0.05, 0.2] {
            let text = charter(&Options {
                seed,
                size: 2_000 + 500 * seed as usize,
                mistake_rate,
            });
            agree(&format!("seed {seed}, mistakes {mistake_rate}"), &text);
            if mistake_rate == 0.0 {
                assert!(parse_by_descent(&text).is_some(), "seed {seed} is valid");
            }
        }
    }
}

/// Inputs where an alternative matches a prefix and fails, where a keyword is also a name, or where a token
/// ends where another could go on: the places a parser written by hand could choose differently from pest.
#[test]
fn the_parsers_agree_where_the_grammar_chooses() {
    let decision = |body: &str| format!("decision d {{\n  {body}\n}}\n");
    let vote = |body: &str| decision(&format!("vote {{ {body} }}"));
    let role = |body: &str| format!("role r {{ {body} }}\n");
    let body = |stmts: &str| format!("body b {{ {stmts} }}\n");
    let cases = [
        // `decider`: `default vote`, `any [N] ACTOR`, or an actor that may be named `any` or `default`.
        decision("decided by default vote"),
        decision("decided by default"),
        decision("decided by any"),
        decision("decided by any 2"),
        decision("decided by any 2 maintainer"),
        decision("decided by any anyone"),
        decision("decided by anyone"),
        decision("decided by anyone2"),
        decision("decided by any-one"),
        // Durations and their bounds.
        decision("review at least 7 days"),
        decision("review at 7 days"),
        decision("review at most ~2 weeks"),
        decision("review exactly 3-5 business days"),
        decision("review exactly 3 - 5 business \t days"),
        decision("review 3 business"),
        decision("review 3 business ;"),
        decision("review 3 business 1"),
        decision("review 3 businessdays"),
        decision("review 7days"),
        decision("review 7 days2"),
        decision("review periodically"),
        decision("review at least periodically"),
        decision("review ~ 7 days"),
        decision("review 7 -"),
        // Shares, counts and bases.
        vote("passes when yes >= 2/3 of members and yes >= 3"),
        vote("passes when yes >= 2/3of members"),
        vote("passes when yes >= 2/ of members"),
        vote("passes when yes >= 66.7% of cast"),
        vote("passes when yes >= 66.% of cast"),
        vote("passes when yes >= 66.7 of cast"),
        vote("passes when yes > no"),
        vote("passes when yes=>no"),
        vote("passes when yes == 0"),
        vote("passes when no <= abstain and turnout < 10"),
        vote("passes when majority of foo"),
        vote("passes when majority of votes"),
        vote("passes when unanimous"),
        vote("passes when approved and supermajority"),
        vote("passes when yes"),
        vote("passes when yesno"),
        vote("quorum 60% of members counting abstentions"),
        vote("quorum >= 3 not counting abstentions"),
        vote("quorum 3 not counting"),
        vote("quorum 2/3"),
        vote("tie casting vote by chair"),
        vote("tie casting vote chair"),
        vote("tie fails; tie passes; tie revote"),
        vote("voters a, b except subject, accused, nominator, c"),
        vote("voters a, b except"),
        vote("voters a, except b"),
        vote("veto by a, anyone; no veto; ballot secret; ballot public"),
        vote("open at least 7 days"),
        vote("allow CH205 because \"why\""),
        vote("allow minority-decides because \"why\""),
        vote("allow and because \"a reserved word is a lint name\""),
        vote("allow _x because \"\""),
        // Names, reserved words and keywords as names.
        role("join by add, remove"),
        role("join open"),
        role("join by and"),
        role("join by role"),
        role("join by _x-1"),
        role("join by x,"),
        role("leave by resignation -> emeritus"),
        role("leave by resignation ->"),
        role("leave by resignation - > emeritus"),
        role("remove by a -> b"),
        role("inactive after 1 year -> emeritus"),
        role("inactive after 1 year-> emeritus"),
        role("reinstate by a"),
        role("term 2 years"),
        role("term limit 2"),
        role("term 2"),
        role("seat limit 2 per \"employer\""),
        role("size 3 to 7"),
        role("size 3 to"),
        role("size 3to 7"),
        role("size at least 2"),
        role("size at most"),
        role("size 5"),
        role("members \"Ada\", \"Grace\""),
        role("members \"Ada\","),
        role("cadence \"meeting\" every 1 month"),
        role("cadence \"meeting\" periodically"),
        role("cadence \"meeting\" every periodically"),
        body("consists of all a, b"),
        body("drawn from a; appointed by x; chair anyone"),
        body("chair"),
        // Strings and their escapes.
        "charter \"a \\\"b\\\" \\\\ \\n \\t\" { source \"s\"; version \"1\"; adopted \"2025\" }\n"
            .to_owned(),
        "charter \"a \\x\" { }\n".to_owned(),
        "charter \"a\nb\" { }\n".to_owned(),
        "charter \"unclosed { }".to_owned(),
        "charter \"é 𝔘 \u{200B}\" { }\n".to_owned(),
        "external e \"E\"external f \"F\"".to_owned(),
        // Purposes, lazy consensus and escalation.
        decision("purpose no confidence tsc"),
        decision("purpose no tsc"),
        decision("purpose amend charter; purpose resolve conflicts; purpose enforce conduct"),
        decision("purpose handle security; purpose dissolve project; purpose other \"x\""),
        decision("purpose admit maintainer; proposed by anyone, a"),
        decision("recuse subject, x"),
        decision("designate 2 maintainer with cncf_coc"),
        decision("designate 2 maintainer with"),
        decision("lazy consensus { silence 48 hours; on objection -> vote }"),
        decision("lazy consensus { on objection -> default vote }"),
        decision("lazy consensus { on objection -> default }"),
        decision("lazy consensus { on objection -> tsc; allow x because \"y\" }"),
        decision("escalate { step parties; step mediator a; step decision d2 }"),
        decision("escalate { step external x; step vote { voters a }; step decided by any a }"),
        decision("escalate { step }"),
        // Thresholds and the default vote.
        "threshold t { yes >= 2/3 of votes and t2 allow x because \"y\" }\n".to_owned(),
        "threshold t { allow x because \"y\" }\n".to_owned(),
        "default vote { voters a; passes when majority }\n".to_owned(),
        "default { }\n".to_owned(),
        // Trivia.
        "\u{FEFF}role r { size 1 } # c".to_owned(),
        "role r { size 1 }\r# c\r\nrole s { size 2 }\r".to_owned(),
        "role r {\u{000B}size 1 }".to_owned(),
        "role r {\u{00A0}size 1 }".to_owned(),
        ";;; # only trivia".to_owned(),
        String::new(),
        "roles r { }".to_owned(),
        "role r { } trailing".to_owned(),
    ];
    for (index, text) in cases.iter().enumerate() {
        agree(&format!("case {index}: {text:?}"), text);
    }
}

/// Names and strings over their limits: the fast path gives up, and pest's path reports the limit.
#[test]
fn the_fast_path_gives_up_over_a_limit() {
    let long_name = "n".repeat(129);
    let long_string = "s".repeat(4_097);
    for text in [
        format!("role {long_name} {{ }}"),
        format!("external e \"{long_string}\""),
        format!("role r {{ allow {long_name} because \"\" }}"),
    ] {
        assert!(parse_by_descent(&text).is_none());
        agree("over a limit", &text);
    }
    let longest_name = "n".repeat(128);
    assert!(parse_by_descent(&format!("role {longest_name} {{ }}")).is_some());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Generated charters, mutated by fragments of the grammar inserted, cut and copied anywhere.
    #[test]
    fn the_parsers_agree_on_mutated_charters(
        seed in 0u64..1_000,
        rate in 0u8..32,
        ops in proptest::collection::vec(any::<u8>(), 0..24),
    ) {
        let text = charter(&Options { seed, size: 600, mistake_rate: f64::from(rate) / 256.0 });
        let text = splice(&text, &ops);
        if let Err(disagreement) = parsers_agree("mutated", &SourceFile::new("mutated", text.as_str())) {
            prop_assert!(false, "{}\n{}", disagreement, text);
        }
    }
}
