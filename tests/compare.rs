//! Comparing charters: `diff` and `compare`.
//!
//! - every kind of difference, each from a pair of small fixtures under `tests/fixtures/compare/<kind>/`, with
//!   its expected kind and direction, and the human and Markdown output snapshotted;
//! - a reformatted and reordered copy of every shipped charter diffs as identical;
//! - properties: `diff A A` is empty, and `diff A B` mirrors `diff B A` (stricter and weaker, added and removed
//!   swap);
//! - the table of the three CNCF-template charters, snapshotted;
//! - the real binary: a pull-request-sized edit of `kitops.charter` fails `--fail-on weaker`, git revisions are
//!   read, broken input exits 2, and titles and file names in CJK keep the table aligned and within 100
//!   columns.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use charterc::compare::{
    self, ChangeKind, Diff, Direction, NameMap, Prepared, Scope, Subject, table::Aspect,
};
use charterc::report::{compare_json, compare_table, diff_text};
use charterc::source::SourceFile;
use proptest::prelude::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn prepare(name: &str, text: &str) -> Prepared {
    match compare::prepare(&SourceFile::new(name, text)) {
        Ok(prepared) => prepared,
        Err(diagnostics) => panic!("{name} cannot be compared: {diagnostics:#?}"),
    }
}

fn prepare_file(path: &Path) -> Prepared {
    let name = path
        .strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string();
    prepare(&name, &std::fs::read_to_string(path).unwrap())
}

fn fixture(kind: &str) -> (Prepared, Prepared) {
    let folder = root().join("tests/fixtures/compare").join(kind);
    (
        prepare_file(&folder.join("old.charter")),
        prepare_file(&folder.join("new.charter")),
    )
}

fn shipped_charters() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("charters"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "charter"))
        .collect();
    files.sort();
    files
}

fn kinds(diff: &Diff) -> Vec<(ChangeKind, Option<Direction>)> {
    diff.changes.iter().map(|c| (c.kind, c.direction)).collect()
}

// ---------------------------------------------------------------------------------------------------------------
// Every kind of difference
// ---------------------------------------------------------------------------------------------------------------

/// A kind of change with its direction.
type Expected = (ChangeKind, Option<Direction>);

/// Each fixture pair, the map to read it with, and the kinds of change (with their directions) it must show.
const EXPECTED: &[(&str, &[&str], &[Expected])] = {
    use ChangeKind as K;
    use Direction as D;
    &[
        (
            "role-added",
            &[],
            &[(K::GroupAdded, None), (K::DecisionAdded, None)],
        ),
        (
            "body-removed",
            &[],
            &[(K::GroupRemoved, None), (K::DeciderChanged, None)],
        ),
        ("resized", &[], &[(K::Resized, None)]),
        ("decision-added", &[], &[(K::DecisionAdded, None)]),
        ("decision-removed", &[], &[(K::DecisionRemoved, None)]),
        (
            "threshold-stricter",
            &[],
            &[(K::ThresholdChanged, Some(D::Stricter))],
        ),
        (
            "threshold-weaker",
            &[],
            &[(K::ThresholdChanged, Some(D::Weaker))],
        ),
        (
            "threshold-incomparable",
            &[],
            &[(K::ThresholdChanged, Some(D::Incomparable))],
        ),
        (
            "base-stated",
            &[],
            &[
                (K::ThresholdChanged, Some(D::Stricter)),
                (K::FindingResolved, None),
            ],
        ),
        (
            "quorum-changed",
            &[],
            &[(K::QuorumChanged, Some(D::Stricter))],
        ),
        (
            "abstention-changed",
            &[],
            &[(K::AbstentionChanged, Some(D::Stricter))],
        ),
        ("tie-changed", &[], &[(K::TieChanged, Some(D::Weaker))]),
        (
            "window-lengthened",
            &[],
            &[(K::WindowChanged, Some(D::Stricter))],
        ),
        (
            "phase-shortened",
            &[],
            &[(K::PhaseChanged, Some(D::Weaker))],
        ),
        (
            "escalation-step-added",
            &[],
            &[(K::EscalationChanged, None)],
        ),
        (
            "escalation-step-removed",
            &[],
            &[(K::EscalationChanged, None)],
        ),
        ("escalation-reordered", &[], &[(K::EscalationChanged, None)]),
        (
            "recusal-added",
            &[],
            &[
                (K::RecusalAdded, Some(D::Stricter)),
                (K::FindingResolved, None),
            ],
        ),
        (
            "recusal-dropped",
            &[],
            &[
                (K::RecusalDropped, Some(D::Weaker)),
                (K::FindingIntroduced, None),
            ],
        ),
        (
            "finding-introduced",
            &[],
            &[
                (K::ThresholdChanged, Some(D::Weaker)),
                (K::FindingIntroduced, None),
            ],
        ),
        (
            "lazy-consensus-added",
            &[],
            &[(K::LazyConsensusAdded, Some(D::Weaker))],
        ),
        ("renamed-decision", &[], &[]),
        ("reworded", &[], &[]),
        ("mapped-role", &["tsc_member=maintainer"], &[]),
    ]
};

fn name_map(specs: &[&str]) -> NameMap {
    let mut map = NameMap::new();
    for spec in specs {
        map.add_spec(spec).unwrap();
    }
    map
}

#[test]
fn every_fixture_pair_is_listed() {
    let mut folders: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/compare"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut listed: Vec<String> = EXPECTED.iter().map(|(k, _, _)| (*k).to_owned()).collect();
    listed.sort();
    assert_eq!(folders, listed);
}

#[test]
fn every_kind_of_difference_is_found_with_its_direction() {
    for (kind, map, expected) in EXPECTED {
        let (old, new) = fixture(kind);
        let diff = compare::diff(&old, &new, &name_map(map));
        let found = kinds(&diff);
        if expected.is_empty() {
            assert!(
                diff.is_empty(),
                "{kind}: expected no difference, found {found:?}"
            );
        }
        for wanted in *expected {
            assert!(
                found.contains(wanted),
                "{kind}: expected {wanted:?} among {found:?}"
            );
        }
        let human = diff_text::render_human(&diff, &old.label, &new.label, 100);
        assert!(
            human.lines().all(|l| l.chars().count() <= 100),
            "{kind}: a line is longer than 100 columns:\n{human}"
        );
        let markdown = diff_text::render_markdown(&diff, &old.label, &new.label);
        insta::assert_snapshot!(
            format!("diff_{kind}"),
            format!("{human}\n----- markdown\n{markdown}")
        );
    }
}

#[test]
fn rule_changes_carry_witnesses_and_coalitions() {
    let (old, new) = fixture("threshold-weaker");
    let diff = compare::diff(&old, &new, &NameMap::new());
    let change = diff
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::ThresholdChanged)
        .unwrap();
    let rule = change.rule.as_ref().unwrap();
    assert_eq!(rule.comparison.scope, Scope::EveryReading);
    // 2/3 of all members against a simple majority: with 5 members, 3 yes and 2 no passes only the new rule.
    let witness = rule.comparison.newly_passing.as_ref().unwrap().witness;
    assert_eq!(
        (witness.members, witness.tally.yes, witness.tally.no),
        (5, 3, 2)
    );
    assert!(rule.comparison.newly_failing.is_none());
    let figure = |c: &compare::rules::Coalition| {
        let share = c.least.as_ref().unwrap().share;
        (share.numerator, share.denominator)
    };
    assert_eq!(figure(&rule.old_coalition), (2, 3));
    assert_eq!(figure(&rule.new_coalition), (50, 99));
    assert!(change.notes.iter().any(|n| n.contains(
        "with 5 `maintainer` voters, 3 yes and 2 no passes under the new rule and not under the old"
    )));
    assert!(diff.weakens());

    // An ambiguous rule made explicit is stricter under some readings only.
    let (old, new) = fixture("base-stated");
    let diff = compare::diff(&old, &new, &NameMap::new());
    let change = diff
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::ThresholdChanged)
        .unwrap();
    let comparison = &change.rule.as_ref().unwrap().comparison;
    assert_eq!(comparison.scope, Scope::SomeReadings);
    assert!(
        comparison
            .newly_failing
            .as_ref()
            .unwrap()
            .old_reading
            .is_some()
    );
    assert!(!diff.weakens());
}

#[test]
fn escalation_changes_say_what_moved() {
    let summary = |kind: &str| {
        let (old, new) = fixture(kind);
        let diff = compare::diff(&old, &new, &NameMap::new());
        diff.changes[0].summary.clone()
    };
    assert!(summary("escalation-step-added").contains("adds step 2 (mediation by `maintainer`)"));
    assert!(summary("escalation-step-removed").contains("removes step 1 (the parties)"));
    assert!(summary("escalation-reordered").contains("reordered"));
}

#[test]
fn a_renamed_role_differs_without_a_map() {
    let (old, new) = fixture("mapped-role");
    let diff = compare::diff(&old, &new, &NameMap::new());
    let found = kinds(&diff);
    assert!(
        found.contains(&(ChangeKind::GroupRemoved, None)),
        "{found:?}"
    );
    assert!(found.contains(&(ChangeKind::GroupAdded, None)), "{found:?}");
}

#[test]
fn decisions_align_by_what_they_do_when_they_do_not_say() {
    // No `purpose` anywhere: `change_governance` and `amend_charter` both amend the charter by their names.
    let text = |name: &str, rule: &str| {
        format!(
            "charter \"A\" {{ source \"https://example.org\" }}\nrole maintainer {{ size at least 1; join by add; leave by resignation }}\ndecision add {{ vote {{ voters maintainer; passes when yes >= 2/3 of members }} }}\ndecision {name} {{ vote {{ voters maintainer; passes when {rule} }} }}\n"
        )
    };
    let old = prepare("old", &text("change_governance", "yes >= 2/3 of members"));
    let new = prepare("new", &text("amend_charter", "majority of members"));
    let diff = compare::diff(&old, &new, &NameMap::new());
    let change = diff
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::ThresholdChanged)
        .unwrap();
    assert_eq!(change.direction, Some(Direction::Weaker));
    assert!(matches!(
        &change.subject,
        Subject::Decision { procedure: compare::Procedure::AmendCharter, old: Some(o), new: Some(n) }
            if o == "change_governance" && n == "amend_charter"
    ));
    assert!(!kinds(&diff).contains(&(ChangeKind::DecisionAdded, None)));
}

// ---------------------------------------------------------------------------------------------------------------
// Reformatting and reordering
// ---------------------------------------------------------------------------------------------------------------

/// The text without comments (a `#` outside a string, to the end of the line).
fn strip_comments(text: &str) -> String {
    let mut res = String::new();
    let (mut in_string, mut escaped, mut in_comment) = (false, false, false);
    for c in text.chars() {
        if in_comment {
            if c == '\n' {
                in_comment = false;
                res.push(c);
            }
            continue;
        }
        if in_string {
            res.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '#' => in_comment = true,
            '"' => {
                in_string = true;
                res.push(c);
            }
            _ => res.push(c),
        }
    }
    res
}

/// Braces opened minus closed on a line, outside strings.
fn depth_change(line: &str) -> i64 {
    let (mut depth, mut in_string, mut escaped) = (0, false, false);
    for c in line.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else {
            match c {
                '"' => in_string = true,
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
        }
    }
    depth
}

/// A copy with the same meaning and a different text: comments removed, each top-level item on one line with
/// its statements joined by `;`, and the items after the `charter` block in reverse order.
fn reformat(text: &str) -> String {
    let mut items: Vec<Vec<String>> = Vec::new();
    let mut depth = 0;
    for line in strip_comments(text).lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if depth == 0 {
            items.push(Vec::new());
        }
        items.last_mut().unwrap().push(line.to_owned());
        depth += depth_change(line);
    }
    let joined: Vec<String> = items
        .iter()
        .map(|lines| {
            let mut res = String::new();
            for (index, line) in lines.iter().enumerate() {
                if index > 0 {
                    let open = res.ends_with('{');
                    res.push_str(if open || line.starts_with('}') {
                        " "
                    } else {
                        "; "
                    });
                }
                res.push_str(line);
            }
            res
        })
        .collect();
    let (first, rest) = joined.split_first().unwrap();
    assert!(first.starts_with("charter "), "{first}");
    let mut res = format!("{first}\n");
    for item in rest.iter().rev() {
        res.push_str(item);
        res.push('\n');
    }
    res
}

#[test]
fn a_reformatted_and_reordered_copy_of_every_shipped_charter_is_identical() {
    for path in shipped_charters() {
        let original = std::fs::read_to_string(&path).unwrap();
        let copy = reformat(&original);
        assert_ne!(copy, original);
        let old = prepare_file(&path);
        let new = prepare("reformatted", &copy);
        assert_ne!(old.charter, new.charter, "the copy must really move things");
        let diff = compare::diff(&old, &new, &NameMap::new());
        assert!(
            diff.is_empty(),
            "{}: a reformatted copy differs:\n{}\n{copy}",
            path.display(),
            diff_text::render_human(&diff, "original", "reformatted", 100)
        );
        let diff = compare::diff(&new, &old, &NameMap::new());
        assert!(diff.is_empty(), "{}: the other way", path.display());
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------

/// A small charter from a template, with random thresholds, bases, quorums, ties, windows and recusals.
fn template() -> impl Strategy<Value = String> {
    let share = (1i64..=4, 1i64..=4).prop_map(|(a, b)| {
        let (n, d) = if a <= b { (a, b) } else { (b, a) };
        format!("{n}/{d}")
    });
    let base = prop_oneof![
        Just(" of members"),
        Just(" of cast"),
        Just(" of participating"),
        Just(" of votes"),
        Just(""),
    ];
    let comparator = prop_oneof![Just(">="), Just(">")];
    let condition =
        (comparator, share.clone(), base).prop_map(|(c, s, b)| format!("yes {c} {s}{b}"));
    let quorum = prop_oneof![
        Just(String::new()),
        share
            .clone()
            .prop_map(|s| format!("; quorum {s} of members")),
        share
            .clone()
            .prop_map(|s| format!("; quorum >= {s} of members counting abstentions")),
        share.prop_map(|s| format!("; quorum >= {s} of members not counting abstentions")),
    ];
    let tie = prop_oneof![Just(""), Just("; tie fails"), Just("; tie passes")];
    let window = prop_oneof![
        Just(""),
        Just("; open at least 7 days"),
        Just("; open at least 2 weeks")
    ];
    let recusal = prop_oneof![Just(""), Just("recuse subject\n")];
    let size = prop_oneof![
        Just("size at least 1"),
        Just("size 3 to 9"),
        Just("size 2 to 5")
    ];
    (condition, quorum, tie, window, recusal, size, any::<bool>()).prop_map(
        |(condition, quorum, tie, window, recusal, size, default)| {
            let default_vote = if default {
                "default vote { voters maintainer; passes when majority of members }\n"
            } else {
                ""
            };
            format!(
                "charter \"P\" {{ source \"https://example.org\" }}\n\
                 role maintainer {{ {size}; join by add_maintainer; leave by resignation; remove by remove_maintainer }}\n\
                 {default_vote}\
                 decision add_maintainer {{ vote {{ voters maintainer; passes when {condition}{quorum}{tie}{window} }} }}\n\
                 decision remove_maintainer {{\n{recusal}vote {{ voters maintainer; passes when yes >= 2/3 of members }} }}\n\
                 decision amend_charter {{ purpose amend charter; vote {{ voters maintainer; passes when {condition} }} }}\n"
            )
        },
    )
}

/// What a change is, seen from the other side, without its words.
fn mirrored(change: &compare::Change) -> (Subject, ChangeKind, Option<Direction>, String) {
    let subject = match &change.subject {
        Subject::Decision {
            procedure,
            old,
            new,
        } => Subject::Decision {
            procedure: procedure.clone(),
            old: new.clone(),
            new: old.clone(),
        },
        other => other.clone(),
    };
    let rule = change
        .rule
        .as_ref()
        .map(|r| format!("{:?}", r.comparison.mirror()))
        .unwrap_or_default();
    (
        subject,
        change.kind.mirror(),
        change.direction.map(Direction::mirror),
        rule,
    )
}

fn plain(change: &compare::Change) -> (Subject, ChangeKind, Option<Direction>, String) {
    let rule = change
        .rule
        .as_ref()
        .map(|r| format!("{:?}", r.comparison))
        .unwrap_or_default();
    (change.subject.clone(), change.kind, change.direction, rule)
}

fn without_procedure(
    mut key: (Subject, ChangeKind, Option<Direction>, String),
) -> (Subject, ChangeKind, Option<Direction>, String) {
    if let Subject::Decision { procedure, .. } = &mut key.0 {
        *procedure = compare::Procedure::Named {
            name: String::new(),
        };
    }
    key
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_charter_does_not_differ_from_itself(text in template()) {
        let a = prepare("a", &text);
        let diff = compare::diff(&a, &a, &NameMap::new());
        prop_assert!(diff.is_empty(), "{:?}", kinds(&diff));
    }

    #[test]
    fn diffs_both_ways_are_mirror_images(a in template(), b in template()) {
        let (a, b) = (prepare("a", &a), prepare("b", &b));
        let forth = compare::diff(&a, &b, &NameMap::new());
        let back = compare::diff(&b, &a, &NameMap::new());
        let mut expected: Vec<_> = forth.changes.iter().map(mirrored).map(without_procedure).collect();
        let mut found: Vec<_> = back.changes.iter().map(plain).map(without_procedure).collect();
        expected.sort_by(|x, y| format!("{x:?}").cmp(&format!("{y:?}")));
        found.sort_by(|x, y| format!("{x:?}").cmp(&format!("{y:?}")));
        prop_assert_eq!(expected, found);
        prop_assert_eq!(forth.counts().stricter, back.counts().weaker);
        prop_assert_eq!(forth.counts().weaker, back.counts().stricter);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The comparison table
// ---------------------------------------------------------------------------------------------------------------

fn three_seeds() -> Vec<Prepared> {
    ["wasmedge", "kitops", "modelspec"]
        .iter()
        .map(|name| prepare_file(&root().join(format!("charters/{name}.charter"))))
        .collect()
}

#[test]
fn the_three_cncf_template_charters_compare_as_the_brief_says() {
    let table = compare::compare(&three_seeds(), &NameMap::new());
    let row = |aspect: &Aspect| table.rows.iter().find(|r| &r.aspect == aspect).unwrap();

    // Maintainer admission: 2/3 of maintainers (WasmEdge, ModelSpec) against a simple majority (KitOps).
    let admission = row(&Aspect::Rule {
        procedure: compare::Procedure::Admit {
            role: "maintainer".to_owned(),
        },
    });
    assert!(admission.differs);
    assert!(
        admission.cells[0]
            .text
            .contains("at least 2/3 of all members in favour")
    );
    assert!(
        admission.cells[1]
            .text
            .contains("a simple majority of all members")
    );
    assert!(
        admission.cells[2]
            .text
            .contains("at least 2/3 of an unstated base")
    );
    let kitops_vs_wasmedge = admission
        .comparisons
        .iter()
        .find(|c| (c.left, c.right) == (0, 1))
        .unwrap();
    assert_eq!(kitops_vs_wasmedge.comparison.direction, Direction::Weaker);
    assert!(kitops_vs_wasmedge.summary.contains(
        "with 5 `maintainer` voters, 3 yes and 2 no passes in KitOps and not in WasmEdge Runtime"
    ));

    // ModelSpec has no default vote and no Security Response Team.
    let default_vote = row(&Aspect::DefaultVote);
    assert!(default_vote.differs);
    assert!(!default_vote.cells[2].present);
    let security = row(&Aspect::Size {
        group: "security_team".to_owned(),
    });
    assert!(security.differs);
    assert_eq!(
        security.cells.iter().map(|c| c.present).collect::<Vec<_>>(),
        [true, true, false]
    );
    let response = row(&Aspect::Rule {
        procedure: compare::Procedure::HandleSecurity,
    });
    assert!(!response.cells[2].present);

    // Rows that differ come first.
    let first_same = table.rows.iter().position(|r| !r.differs).unwrap();
    assert!(table.rows[first_same..].iter().all(|r| !r.differs));

    let human = compare_table::render_human(&table, 100);
    assert!(
        human.lines().all(|l| l.chars().count() <= 100),
        "a line is longer than 100 columns:\n{human}"
    );
    insta::assert_snapshot!("compare_three_cncf_template_charters", human);
    insta::assert_snapshot!(
        "compare_three_cncf_template_charters_markdown",
        compare_table::render_markdown(&table)
    );
}

#[test]
fn many_charters_are_printed_as_blocks_within_the_width() {
    let charters: Vec<Prepared> = shipped_charters().iter().map(|p| prepare_file(p)).collect();
    let table = compare::compare(&charters, &NameMap::new());
    let human = compare_table::render_human(&table, 100);
    assert!(human.lines().all(|l| l.chars().count() <= 100), "{human}");
    assert!(human.contains("    - KitOps: "), "{human}");
}

#[test]
fn a_map_aligns_differently_named_roles_in_the_table() {
    let (old, new) = fixture("mapped-role");
    let table = compare::compare(
        &[old.clone(), new.clone()],
        &name_map(&["tsc_member=maintainer"]),
    );
    assert!(table.rows.iter().all(|r| !r.differs), "{table:#?}");
    let table = compare::compare(&[old, new], &NameMap::new());
    assert!(table.rows.iter().any(|r| r.differs));
}

// ---------------------------------------------------------------------------------------------------------------
// JSON documents validate against their schemas
// ---------------------------------------------------------------------------------------------------------------

fn validator(schema: &str) -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(schema).unwrap();
    jsonschema::meta::validate(&schema).unwrap();
    jsonschema::options().build(&schema).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, instance: &serde_json::Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn diff_documents_validate_against_their_schema() {
    let validator = validator(compare_json::DIFF_SCHEMA);
    for (kind, map, _) in EXPECTED {
        let (old, new) = fixture(kind);
        let diff = compare::diff(&old, &new, &name_map(map));
        let document = compare_json::diff_document(
            &diff,
            compare_json::DiffSide {
                label: &old.label,
                title: &old.title,
            },
            compare_json::DiffSide {
                label: &new.label,
                title: &new.title,
            },
        );
        assert_valid(&validator, &serde_json::to_value(&document).unwrap(), kind);
    }
    // The schema rejects a document with a mistake.
    let wrong = serde_json::json!({ "version": 1, "changes": [{ "kind": "renamed" }] });
    assert!(!validator.is_valid(&wrong));
}

#[test]
fn compare_documents_validate_against_their_schema() {
    let validator = validator(compare_json::COMPARE_SCHEMA);
    let charters: Vec<Prepared> = shipped_charters().iter().map(|p| prepare_file(p)).collect();
    let table = compare::compare(&charters, &NameMap::new());
    let document = serde_json::to_value(compare_json::compare_document(&table)).unwrap();
    assert_valid(&validator, &document, "all shipped charters");
    let table = compare::compare(&three_seeds(), &NameMap::new());
    let document = serde_json::to_value(compare_json::compare_document(&table)).unwrap();
    assert_valid(&validator, &document, "three seeds");
    let wrong = serde_json::json!({ "version": 1, "columns": [], "rows": [{ "label": 3 }] });
    assert!(!validator.is_valid(&wrong));
}

// ---------------------------------------------------------------------------------------------------------------
// The real binary
// ---------------------------------------------------------------------------------------------------------------

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn charterc_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_charterc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// A fresh empty folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `kitops.charter` with its amendment threshold lowered from two thirds to a simple majority: the kind of edit
/// a pull request makes.
fn kitops_with_a_lower_threshold() -> (String, String) {
    let original = std::fs::read_to_string(root().join("charters/kitops.charter")).unwrap();
    let needle = "passes when yes >= 2/3 of members\n  }\n}\n";
    let at = original.rfind(needle).unwrap();
    let mut edited = original.clone();
    edited.replace_range(
        at..at + needle.len(),
        "passes when majority of members\n  }\n}\n",
    );
    (original, edited)
}

#[test]
fn a_pull_request_that_lowers_a_threshold_fails_on_weaker() {
    let dir = scratch("kitops-pr");
    let (original, edited) = kitops_with_a_lower_threshold();
    std::fs::write(dir.join("old.charter"), &original).unwrap();
    std::fs::write(dir.join("kitops.charter"), &edited).unwrap();
    let run = charterc_in(
        &dir,
        &[
            "diff",
            "--fail-on",
            "weaker",
            "old.charter",
            "kitops.charter",
        ],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("amendment of the charter (`amend_charter`): the pass condition is weaker"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(
        "with 5 `maintainer` voters, 3 yes and 2 no passes under the new rule and not under the old"
    ), "{}", run.stdout);
    insta::assert_snapshot!("diff_kitops_pull_request", run.stdout);

    // Without `--fail-on` the run succeeds; `--fail-on any` fails too; the reverse edit is stricter only.
    assert_eq!(
        charterc_in(&dir, &["diff", "old.charter", "kitops.charter"]).code,
        0
    );
    assert_eq!(
        charterc_in(
            &dir,
            &["diff", "--fail-on", "any", "old.charter", "kitops.charter"]
        )
        .code,
        1
    );
    let back = charterc_in(
        &dir,
        &[
            "diff",
            "--fail-on",
            "weaker",
            "kitops.charter",
            "old.charter",
        ],
    );
    assert_eq!(back.code, 0, "{}", back.stdout);
    assert!(
        back.stdout.contains("is stricter under every reading"),
        "{}",
        back.stdout
    );
    assert_eq!(
        charterc_in(
            &dir,
            &["diff", "--fail-on", "any", "old.charter", "old.charter"]
        )
        .code,
        0
    );

    let markdown = charterc_in(
        &dir,
        &[
            "diff",
            "--format",
            "markdown",
            "old.charter",
            "kitops.charter",
        ],
    );
    assert!(
        markdown.stdout.starts_with("### Governance changes"),
        "{}",
        markdown.stdout
    );
    let json = charterc_in(
        &dir,
        &["diff", "--format", "json", "old.charter", "kitops.charter"],
    );
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(document["weakens"], true);
    assert_valid(
        &validator(compare_json::DIFF_SCHEMA),
        &document,
        "kitops pull request",
    );
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn the_old_charter_can_be_a_git_revision() {
    let dir = scratch("git-revision");
    let (original, edited) = kitops_with_a_lower_threshold();
    std::fs::create_dir_all(dir.join("charters")).unwrap();
    git(&dir, &["init", "-q"]);
    std::fs::write(dir.join("charters/kitops.charter"), &original).unwrap();
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "charter"]);
    std::fs::write(dir.join("charters/kitops.charter"), &edited).unwrap();
    git(
        &dir,
        &["commit", "-q", "-am", "lower the amendment threshold"],
    );

    // `REV:path`, from the repository's root.
    let run = charterc_in(
        &dir,
        &[
            "diff",
            "--fail-on",
            "weaker",
            "HEAD~1:charters/kitops.charter",
            "charters/kitops.charter",
        ],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("HEAD~1:charters/kitops.charter (old)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("3 yes and 2 no passes under the new rule"),
        "{}",
        run.stdout
    );

    // `--git REV`, from the repository's root and from a sub-folder.
    let run = charterc_in(
        &dir,
        &[
            "diff",
            "--git",
            "HEAD~1",
            "--fail-on",
            "weaker",
            "charters/kitops.charter",
        ],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let run = charterc_in(
        &dir.join("charters"),
        &["diff", "--git", "HEAD~1", "kitops.charter"],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("weaker"), "{}", run.stdout);
    let run = charterc_in(
        &dir,
        &[
            "diff",
            "--git",
            "HEAD",
            "--fail-on",
            "any",
            "charters/kitops.charter",
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("no semantic difference"),
        "{}",
        run.stdout
    );

    // A revision or path that does not exist is an error (exit 2) that says so.
    let run = charterc_in(
        &dir,
        &[
            "diff",
            "NOPE:charters/kitops.charter",
            "charters/kitops.charter",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("cannot read `NOPE:charters/kitops.charter` from git"),
        "{}",
        run.stderr
    );
    let run = charterc_in(
        &dir,
        &[
            "diff",
            "HEAD:charters/missing.charter",
            "charters/kitops.charter",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.charter"), "{}", run.stderr);
}

#[test]
fn broken_input_and_bad_arguments_exit_2() {
    let dir = scratch("broken");
    std::fs::write(
        dir.join("broken.charter"),
        "charter \"B\" { source \"https://example.org\" }\ndecision d { vote { voters nobody; passes when majority of members } }\n",
    )
    .unwrap();
    let kitops = root().join("charters/kitops.charter");
    let kitops = kitops.to_str().unwrap();
    let run = charterc_in(&dir, &["diff", "broken.charter", kitops]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("undefined-reference"), "{}", run.stderr);
    assert!(run.stderr.contains("cannot be compared"), "{}", run.stderr);
    assert_eq!(
        charterc_in(&dir, &["compare", "broken.charter", kitops]).code,
        2
    );
    assert_eq!(
        charterc_in(&dir, &["diff", "missing.charter", kitops]).code,
        2
    );
    assert_eq!(charterc_in(&dir, &["diff", kitops]).code, 2);
    assert_eq!(
        charterc_in(&dir, &["diff", "--git", "HEAD", kitops, kitops]).code,
        2
    );
    let run = charterc_in(&dir, &["diff", "--map", "nonsense", kitops, kitops]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("OLD=NEW"), "{}", run.stderr);
}

#[test]
fn compare_prints_every_format() {
    let dir = root();
    let args = [
        "charters/wasmedge.charter",
        "charters/kitops.charter",
        "charters/modelspec.charter",
    ];
    let human = charterc_in(dir, &[&["compare"][..], &args].concat());
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(human.stdout.lines().all(|l| l.chars().count() <= 100));
    let markdown = charterc_in(
        dir,
        &[&["compare", "--format", "markdown"][..], &args].concat(),
    );
    assert!(
        markdown
            .stdout
            .contains("| aspect | WasmEdge Runtime | KitOps | ModelSpec |")
    );
    let json = charterc_in(dir, &[&["compare", "--format", "json"][..], &args].concat());
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_valid(
        &validator(compare_json::COMPARE_SCHEMA),
        &document,
        "compare --format json",
    );
    let mapped = charterc_in(
        dir,
        &[
            "diff",
            "--map",
            "tsc_member=maintainer",
            "--fail-on",
            "any",
            "tests/fixtures/compare/mapped-role/old.charter",
            "tests/fixtures/compare/mapped-role/new.charter",
        ],
    );
    assert_eq!(mapped.code, 0, "{}{}", mapped.stdout, mapped.stderr);
    assert!(
        mapped.stdout.contains("no semantic difference"),
        "{}",
        mapped.stdout
    );
    let schema = charterc_in(dir, &["schema", "compare"]);
    assert_eq!(schema.stdout, compare_json::COMPARE_SCHEMA);
    let schema = charterc_in(dir, &["schema", "diff"]);
    assert_eq!(schema.stdout, compare_json::DIFF_SCHEMA);
}

/// The display columns (as a terminal shows them, a CJK character taking two) at which `line` has a column
/// separator of the compare table.
fn separator_columns(line: &str) -> Vec<usize> {
    line.char_indices()
        .filter(|(_, c)| matches!(c, '│' | '┼'))
        .map(|(at, _)| line.get(..at).map_or(0, textwrap::core::display_width))
        .collect()
}

/// Charter titles and file names in CJK, whose characters each take two columns: the compare table stays
/// aligned and every line of `compare` and `diff` fits in 100 columns. Counting characters instead, the padded
/// title cells were as wide again as their column and the header lines ran past the width.
#[test]
fn wide_characters_are_counted_in_columns_and_keep_the_table_aligned() {
    let dir = scratch("wide-characters");
    let folder = root().join("tests/fixtures/compare/threshold-weaker");
    let titled = |file: &str, title: &str| {
        let text = std::fs::read_to_string(folder.join(file)).unwrap();
        assert!(text.contains("charter \"Fixture\""));
        text.replace("charter \"Fixture\"", &format!("charter \"{title}\""))
    };
    // 40 CJK characters: 88 columns with the extension, 48 characters.
    let old = format!("{}.charter", "旧".repeat(40));
    let new = format!("{}.charter", "新".repeat(40));
    // 19 characters (38 columns) and 22 (44 columns), against title cells 37 columns wide.
    let old_title = "开放源代码基金会技术监督委员会治理章程";
    let new_title = "开放源代码基金会技术监督委员会治理章程修订版";
    std::fs::write(dir.join(&old), titled("old.charter", old_title)).unwrap();
    std::fs::write(dir.join(&new), titled("new.charter", new_title)).unwrap();

    let fits = |output: &str| {
        for line in output.lines() {
            assert!(
                textwrap::core::display_width(line) <= 100,
                "a line is wider than 100 columns: {line:?}\n{output}"
            );
        }
    };

    let compare = charterc_in(&dir, &["compare", &old, &new]);
    assert_eq!(compare.code, 0, "{}", compare.stderr);
    fits(&compare.stdout);
    assert!(compare.stdout.contains(old_title), "{}", compare.stdout);
    let grid: Vec<&str> = compare
        .stdout
        .lines()
        .filter(|l| l.contains('│') || l.contains('┼'))
        .collect();
    assert!(grid.len() >= 3, "no table:\n{}", compare.stdout);
    let columns = separator_columns(grid[0]);
    assert_eq!(columns.len(), 2, "{}", grid[0]);
    for line in &grid {
        assert_eq!(
            separator_columns(line),
            columns,
            "a column is out of line: {line:?}\n{}",
            compare.stdout
        );
    }

    let diff = charterc_in(&dir, &["diff", &old, &new]);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    fits(&diff.stdout);
    assert!(diff.stdout.contains(&old), "{}", diff.stdout);
}
