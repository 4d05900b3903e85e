//! The registry of findings is consistent with its documentation and its fixtures.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code")]

use std::collections::BTreeSet;
use std::path::Path;

use charterc::checks::{ALL, find};

/// Findings that no charter can trigger on purpose, with the reason they have no fixture.
const WITHOUT_FIXTURES: &[(&str, &str)] = &[
    (
        "CH000",
        "an internal error is a bug in charterc; no input should cause it",
    ),
    (
        "CH007",
        "a fixture is a file that can be read; tests/cli.rs checks unreadable paths on the real binary",
    ),
    (
        "CH008",
        "a fixture over 64 MiB is too large to commit; tests/robustness.rs builds one in memory and on disk",
    ),
];

#[test]
fn codes_are_unique_sorted_and_well_formed() {
    let codes: Vec<&str> = ALL.iter().map(|lint| lint.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(codes, sorted, "codes must be unique and sorted");
    for code in codes {
        assert!(
            code.len() == 5
                && code.starts_with("CH")
                && code.chars().skip(2).all(|c| c.is_ascii_digit()),
            "{code}"
        );
    }
}

#[test]
fn names_are_unique_kebab_case() {
    let mut names = BTreeSet::new();
    for lint in ALL {
        assert!(names.insert(lint.name), "duplicate name {}", lint.name);
        assert!(
            lint.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                && !lint.name.starts_with('-')
                && !lint.name.ends_with('-'),
            "{} is not kebab-case",
            lint.name
        );
    }
}

#[test]
fn docs_have_the_three_sections() {
    for lint in ALL {
        for section in ["## What it finds", "## Why it matters", "## Example"] {
            assert!(
                lint.docs.contains(section),
                "{} docs lack `{section}`",
                lint.code
            );
        }
    }
}

#[test]
fn find_accepts_codes_and_names() {
    for lint in ALL {
        assert_eq!(find(lint.code).map(|l| l.code), Some(lint.code));
        assert_eq!(
            find(&lint.code.to_lowercase()).map(|l| l.code),
            Some(lint.code)
        );
        assert_eq!(find(lint.name).map(|l| l.code), Some(lint.code));
    }
    assert!(find("CH999").is_none());
}

#[test]
fn every_finding_has_fixtures_and_every_fixture_a_finding() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks");
    let mut dirs = BTreeSet::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        dirs.insert(entry.unwrap().file_name().to_string_lossy().into_owned());
    }
    let exempt: BTreeSet<&str> = WITHOUT_FIXTURES.iter().map(|(code, _)| *code).collect();
    for lint in ALL {
        let dir = format!("{}-{}", lint.code, lint.name);
        if exempt.contains(lint.code) {
            assert!(!dirs.contains(&dir), "{dir} is exempt but has fixtures");
            continue;
        }
        assert!(dirs.contains(&dir), "missing tests/fixtures/checks/{dir}");
        for file in ["fail.charter", "pass.charter"] {
            assert!(
                root.join(&dir).join(file).is_file(),
                "missing tests/fixtures/checks/{dir}/{file}"
            );
        }
    }
    for dir in &dirs {
        let registered = ALL
            .iter()
            .any(|lint| *dir == format!("{}-{}", lint.code, lint.name));
        assert!(
            registered,
            "tests/fixtures/checks/{dir} belongs to no registered finding"
        );
    }
}
