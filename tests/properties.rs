//! Invariants over generated charters (`charterc::testing`), valid, with injected mistakes, and spliced with
//! fragments of the grammar:
//! - checking never panics, and every output format renders (`testing::exercise`);
//! - every label lies within its file, on char boundaries (`testing::exercise`);
//! - every JSON document validates against its schema;
//! - output is byte-identical across runs, and a file's findings and report do not depend on which other files
//!   are checked with it, nor in which order; `charterc check FOLDER` lists files in name order whatever order
//!   they were written in.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::process::Command;

use charterc::report::{DocsUrl, human, json};
use charterc::testing::{Options, charter, exercise, splice};
use charterc::{Analysis, check_bytes, config::Levels};
use proptest::prelude::*;
use serde_json::Value;

fn validator(schema: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(schema).unwrap();
    jsonschema::options().build(&schema).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|error| format!("{error} (at `{}`)", error.instance_path()))
        .take(10)
        .collect();
    assert!(errors.is_empty(), "{what}: {}", errors.join("\n"));
}

/// Every rendering of one analysis, as one string.
fn rendered(analysis: &Analysis) -> String {
    let graphical = human::render(
        &analysis.source,
        &analysis.diagnostics,
        human::Style::Graphical { color: false },
        80,
    );
    let plain = human::render(
        &analysis.source,
        &analysis.diagnostics,
        human::Style::Plain,
        80,
    );
    let diagnostics = serde_json::to_string(&json::diagnostics_document(
        std::slice::from_ref(analysis),
        &DocsUrl::default(),
    ))
    .unwrap();
    let ir = analysis
        .charter
        .as_ref()
        .map(|charter| {
            serde_json::to_string(&json::ir_document(&analysis.source.name, charter)).unwrap()
        })
        .unwrap_or_default();
    format!("{graphical}\n{plain}\n{diagnostics}\n{ir}")
}

/// A generated charter: valid or with mistakes, then spliced.
fn generated() -> impl Strategy<Value = String> {
    (
        any::<u64>(),
        200usize..3_000,
        prop_oneof![Just(0.0), 0.0f64..0.1],
        proptest::collection::vec(any::<u8>(), 0..30),
    )
        .prop_map(|(seed, size, mistake_rate, ops)| {
            let text = charter(&Options {
                seed,
                size,
                mistake_rate,
            });
            splice(&text, &ops)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn checking_never_panics_and_labels_are_in_bounds(text in generated()) {
        if let Err(broken) = exercise("generated.charter", text.as_bytes()) {
            panic!("{broken}\n----- input\n{text}");
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Err(broken) = exercise("bytes.charter", &bytes) {
            panic!("{broken}\n----- input\n{bytes:?}");
        }
    }

    #[test]
    fn json_documents_match_their_schemas(text in generated()) {
        let analysis = check_bytes("generated.charter", text.as_bytes(), &Levels::default());
        let document = serde_json::to_value(json::diagnostics_document(
            std::slice::from_ref(&analysis),
            &DocsUrl::default(),
        ))
        .unwrap();
        assert_valid(&validator(json::DIAGNOSTICS_SCHEMA), &document, "diagnostics document");
        if let Some(charter) = &analysis.charter {
            let document = serde_json::to_value(json::ir_document("generated.charter", charter)).unwrap();
            assert_valid(&validator(json::IR_SCHEMA), &document, "IR document");
        }
    }

    #[test]
    fn output_is_the_same_on_every_run_and_in_any_company(
        first in generated(),
        second in generated(),
    ) {
        let check = |name: &str, text: &str| check_bytes(name, text.as_bytes(), &Levels::default());
        let a = check("a.charter", &first);
        let again = check("a.charter", &first);
        prop_assert_eq!(rendered(&a), rendered(&again));
        // Checked alone, or after another file: the same findings and the same bytes.
        let b = check("b.charter", &second);
        let together = [b.clone(), a.clone()];
        let reversed = [a.clone(), b];
        let per_file = |analyses: &[Analysis; 2], name: &str| {
            let analysis = analyses.iter().find(|x| x.source.name == name).unwrap();
            rendered(analysis)
        };
        prop_assert_eq!(per_file(&together, "a.charter"), rendered(&a));
        prop_assert_eq!(per_file(&together, "b.charter"), per_file(&reversed, "b.charter"));
    }
}

/// The same files, written in two different orders: `charterc check FOLDER` prints the same bytes.
#[test]
fn a_folder_gives_the_same_output_whatever_order_its_files_were_written_in() {
    let base = std::env::temp_dir().join(format!("charterc-order-{}", std::process::id()));
    let texts: Vec<(String, String)> = (0..4)
        .map(|seed| {
            let text = charter(&Options {
                seed,
                size: 1_500,
                mistake_rate: 0.02,
            });
            (format!("c{seed}.charter"), text)
        })
        .collect();
    let mut outputs = Vec::new();
    for (run, order) in [[0, 1, 2, 3], [3, 1, 0, 2]].iter().enumerate() {
        let dir = base.join(format!("run{run}"));
        std::fs::create_dir_all(&dir).unwrap();
        for &index in order {
            let (name, text) = &texts[index];
            std::fs::write(dir.join(name), text).unwrap();
        }
        let mut stdout = Vec::new();
        for format in ["human", "json"] {
            let output = Command::new(env!("CARGO_BIN_EXE_charterc"))
                .current_dir(&dir)
                .args(["check", "--no-config", "--format", format, "."])
                .output()
                .unwrap();
            stdout.push(String::from_utf8(output.stdout).unwrap());
        }
        outputs.push(stdout);
    }
    std::fs::remove_dir_all(&base).unwrap();
    assert_eq!(outputs[0], outputs[1]);
    assert!(
        outputs[0][0].contains("checked 4 files"),
        "{}",
        outputs[0][0]
    );
}
