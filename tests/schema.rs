//! The JSON Schemas under `schema/` are true: every fixture and every shipped charter, through the library's document
//! builders and through the real binary, produces documents that validate; the schemas reject documents with
//! mistakes; and the SARIF log validates against the official SARIF 2.1.0 schema when `.ci/run` has installed it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stderr,
    reason = "test code"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use charterc::config::Levels;
use charterc::report::{DocsUrl, json, sarif};
use charterc::{Analysis, check_bytes, unreadable};
use serde_json::{Value, json};

/// The first finding of the first file of a diagnostics document, as a JSON pointer.
const FIRST: &str = "/files/0/diagnostics/0";

/// A named change that makes a valid document invalid.
type Mutation = (&'static str, Box<dyn Fn(&mut Value)>);

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.charter` file under a folder of the repository, sorted.
fn charter_files(folder: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "charter") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join(folder), &mut files);
    files.sort();
    files
}

/// Every fixture and every shipped charter, analysed as the CLI does, named by their relative path.
fn corpus() -> Vec<Analysis> {
    let files: Vec<PathBuf> = charter_files("tests/fixtures")
        .into_iter()
        .chain(charter_files("charters"))
        .collect();
    assert!(files.len() > 90, "the corpus is too small: {}", files.len());
    files
        .iter()
        .map(|path| {
            let name = path.strip_prefix(root()).unwrap().display().to_string();
            check_bytes(&name, &std::fs::read(path).unwrap(), &Levels::default())
        })
        .collect()
}

fn load(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::meta::validate(schema).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap()
}

fn diagnostics_validator() -> jsonschema::Validator {
    validator(&serde_json::from_str(json::DIAGNOSTICS_SCHEMA).unwrap())
}

fn ir_validator() -> jsonschema::Validator {
    validator(&serde_json::from_str(json::IR_SCHEMA).unwrap())
}

/// The validation errors of `instance`, one line each, with where they are.
fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("{} (at `{}`)", error, error.instance_path()))
        .take(20)
        .collect()
}

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors = errors(validator, instance);
    assert!(
        errors.is_empty(),
        "{what} does not match its schema:\n{}",
        errors.join("\n")
    );
}

#[track_caller]
fn assert_invalid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    assert!(
        !validator.is_valid(instance),
        "the schema accepts a document with a mistake: {what}"
    );
}

struct Run {
    code: i32,
    stdout: String,
}

fn charterc(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_charterc"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("CHARTERC_DOCS_URL")
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
    }
}

#[test]
fn the_schemas_are_valid_json_schemas_and_charterc_schema_prints_them() {
    for (document, file, embedded) in [
        (
            "diagnostics",
            "schema/diagnostics.schema.json",
            json::DIAGNOSTICS_SCHEMA,
        ),
        ("ir", "schema/ir.schema.json", json::IR_SCHEMA),
        (
            "diff",
            "schema/diff.schema.json",
            charterc::report::compare_json::DIFF_SCHEMA,
        ),
        (
            "compare",
            "schema/compare.schema.json",
            charterc::report::compare_json::COMPARE_SCHEMA,
        ),
    ] {
        let committed = std::fs::read_to_string(root().join(file)).unwrap();
        assert_eq!(committed, embedded);
        validator(&serde_json::from_str(&committed).unwrap());
        let run = charterc(&["schema", document]);
        assert_eq!(run.code, 0);
        assert_eq!(run.stdout, committed, "`charterc schema {document}`");
    }
}

#[test]
fn the_diagnostics_of_every_fixture_and_charter_match_the_schema() {
    let validator = diagnostics_validator();
    let analyses = corpus();
    let docs = DocsUrl::default();
    let mut suppressed = 0;
    for analysis in &analyses {
        let document = json::diagnostics_document(std::slice::from_ref(analysis), &docs);
        suppressed += document.summary.suppressed;
        assert_valid(
            &validator,
            &serde_json::to_value(&document).unwrap(),
            &analysis.source.name,
        );
    }
    assert!(
        suppressed > 0,
        "the corpus should exercise suppressed findings"
    );
    // All at once, with an unreadable file and an absolute documentation URL.
    let mut all = analyses;
    all.push(unreadable(
        "missing.charter",
        "No such file or directory (os error 2)",
    ));
    let document = json::diagnostics_document(&all, &DocsUrl::new("https://example.org/checks.md"));
    assert_valid(
        &validator,
        &serde_json::to_value(&document).unwrap(),
        "the whole corpus",
    );
}

#[test]
fn the_ir_of_every_fixture_and_charter_matches_the_schema() {
    let validator = ir_validator();
    let mut checked = 0;
    for analysis in corpus() {
        // `compile` prints only charters without errors, but the IR of any charter that lowers must be valid.
        let Some(charter) = &analysis.charter else {
            continue;
        };
        let document = json::ir_document(&analysis.source.name, charter);
        assert_valid(
            &validator,
            &serde_json::to_value(&document).unwrap(),
            &analysis.source.name,
        );
        checked += 1;
    }
    assert!(checked > 60, "only {checked} IR documents checked");
}

#[test]
fn the_real_binary_prints_documents_that_match_the_schemas() {
    let run = charterc(&[
        "check",
        "--format",
        "json",
        "charters/",
        "tests/fixtures/checks/CH101-undefined-reference",
        "tests/fixtures/syntax/err",
        "does/not/exist.charter",
    ]);
    assert_eq!(run.code, 2, "an unreadable file exits 2");
    let document: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_valid(&diagnostics_validator(), &document, "`check --format json`");
    let files = document["files"].as_array().unwrap();
    let missing = files.last().unwrap();
    assert_eq!(missing["path"], "does/not/exist.charter");
    assert_eq!(missing["diagnostics"][0]["code"], "CH007");
    assert_eq!(missing["diagnostics"][0]["url"], "docs/checks.md#ch007");

    let validator = ir_validator();
    for path in charter_files("charters") {
        let path = path.strip_prefix(root()).unwrap().display().to_string();
        let run = charterc(&["compile", &path]);
        assert_eq!(run.code, 0, "{path}");
        let document: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_valid(&validator, &document, &format!("`compile {path}`"));
    }
}

#[test]
fn the_schemas_reject_documents_with_mistakes() {
    let analysis = check_bytes(
        "gov.charter",
        &std::fs::read(root().join("tests/fixtures/checks/CH101-undefined-reference/fail.charter"))
            .unwrap(),
        &Levels::default(),
    );
    let diagnostics = diagnostics_validator();
    let good = serde_json::to_value(json::diagnostics_document(
        std::slice::from_ref(&analysis),
        &DocsUrl::default(),
    ))
    .unwrap();
    assert_valid(&diagnostics, &good, "the unmodified document");
    let mutations: Vec<Mutation> = vec![
        (
            "no url",
            Box::new(|d| {
                d.pointer_mut(FIRST)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .remove("url");
            }),
        ),
        (
            "an unknown severity",
            Box::new(|d| *d.pointer_mut(&format!("{FIRST}/severity")).unwrap() = json!("fatal")),
        ),
        (
            "a malformed code",
            Box::new(|d| *d.pointer_mut(&format!("{FIRST}/code")).unwrap() = json!("E101")),
        ),
        (
            "an unknown field",
            Box::new(|d| {
                d.pointer_mut(FIRST)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .insert("fix".to_owned(), json!(null));
            }),
        ),
        (
            "a 0-based line",
            Box::new(|d| {
                *d.pointer_mut(&format!("{FIRST}/primary/start/line"))
                    .unwrap() = json!(0);
            }),
        ),
        (
            "no LSP position",
            Box::new(|d| {
                d.pointer_mut(&format!("{FIRST}/primary/end"))
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .remove("lsp");
            }),
        ),
        (
            "another version",
            Box::new(|d| *d.pointer_mut("/version").unwrap() = json!(2)),
        ),
    ];
    for (what, mutate) in &mutations {
        let mut bad = good.clone();
        mutate(&mut bad);
        assert_invalid(&diagnostics, &bad, what);
    }

    let ir = ir_validator();
    let analysis = check_bytes(
        "kitops.charter",
        &std::fs::read(root().join("charters/kitops.charter")).unwrap(),
        &Levels::default(),
    );
    let good = serde_json::to_value(json::ir_document(
        "kitops.charter",
        analysis.charter.as_ref().unwrap(),
    ))
    .unwrap();
    assert_valid(&ir, &good, "the unmodified IR");
    let mutations: Vec<Mutation> = vec![
        (
            "no analysis",
            Box::new(|d| {
                d.as_object_mut().unwrap().remove("analysis");
            }),
        ),
        (
            "an unknown relation",
            Box::new(|d| {
                *d.pointer_mut("/analysis/0/readings/0/constraints/0/relation")
                    .unwrap() = json!("=>");
            }),
        ),
        (
            "an unknown vote site",
            Box::new(|d| *d.pointer_mut("/analysis/0/site/kind").unwrap() = json!("nowhere")),
        ),
        (
            "a negative size",
            Box::new(|d| *d.pointer_mut("/charter/roles/0/size/min").unwrap() = json!(-1)),
        ),
        (
            "an unknown field in a role",
            Box::new(|d| {
                d.pointer_mut("/charter/roles/0")
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .insert("colour".to_owned(), json!("blue"));
            }),
        ),
        (
            "a fractional coefficient",
            Box::new(|d| {
                *d.pointer_mut("/analysis/0/readings/0/constraints/0/yes")
                    .unwrap() = json!(1.5);
            }),
        ),
    ];
    for (what, mutate) in &mutations {
        let mut bad = good.clone();
        mutate(&mut bad);
        assert_invalid(&ir, &bad, what);
    }
}

/// The SARIF log of the whole corpus and of an unreadable file.
fn corpus_sarif() -> Value {
    let mut analyses = corpus();
    analyses.push(unreadable(
        "missing.charter",
        "No such file or directory (os error 2)",
    ));
    serde_json::to_value(sarif::log(
        &analyses,
        &DocsUrl::new("https://example.org/charterc/docs/checks.md"),
    ))
    .unwrap()
}

#[test]
fn sarif_results_are_consistent_with_their_rules() {
    let log = corpus_sarif();
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), charterc::checks::ALL.len());
    for rule in rules {
        assert!(
            rule["help"]["text"]
                .as_str()
                .unwrap()
                .contains("Why it matters:")
        );
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("## Why it matters")
        );
        let uri = rule["helpUri"].as_str().unwrap();
        assert!(
            uri.starts_with("https://example.org/charterc/docs/checks.md#ch"),
            "{uri}"
        );
    }
    let results = run["results"].as_array().unwrap();
    assert!(results.len() > 100);
    for result in results {
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(result["ruleId"], rules[index]["id"]);
        let location = &result["locations"][0]["physicalLocation"];
        if result["ruleId"] == "CH007" {
            assert!(location.get("region").is_none());
        } else {
            let region = &location["region"];
            assert!(region["startLine"].as_u64().unwrap() >= 1);
            assert!(region["startColumn"].as_u64().unwrap() >= 1);
        }
    }
    assert!(
        results
            .iter()
            .any(|r| r["suppressions"][0]["kind"] == "inSource"),
        "findings accepted by an `allow` are suppressed results"
    );
    // Without an absolute documentation URL there is no `helpUri`: SARIF requires an absolute URI there.
    let relative = serde_json::to_value(sarif::log(&[], &DocsUrl::default())).unwrap();
    assert!(
        relative["runs"][0]["tool"]["driver"]["rules"][0]
            .get("helpUri")
            .is_none()
    );
}

/// The official SARIF 2.1.0 schema, as shipped in the SARIF Multitool's npm package, which `.ci/run` installs and
/// names in `CHARTERC_SARIF_SCHEMA`. Tests cannot download it; without it this test says so and passes, unless
/// `CHARTERC_REQUIRE_SARIF_SCHEMA` is set (as `.ci/run` does).
#[test]
fn sarif_matches_the_official_sarif_schema() {
    let Some(path) = std::env::var_os("CHARTERC_SARIF_SCHEMA") else {
        assert!(
            std::env::var_os("CHARTERC_REQUIRE_SARIF_SCHEMA").is_none(),
            "CHARTERC_REQUIRE_SARIF_SCHEMA is set but CHARTERC_SARIF_SCHEMA is not"
        );
        eprintln!(
            "skipped: set CHARTERC_SARIF_SCHEMA to the path of sarif-schema-2.1.0.json (`.ci/run` does)"
        );
        return;
    };
    let schema = load(Path::new(&path));
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    assert_valid(&validator, &corpus_sarif(), "the SARIF log of the corpus");
    let run = charterc(&["check", "--format", "sarif", "charters/"]);
    assert_eq!(run.code, 0);
    let log: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_valid(&validator, &log, "`check --format sarif charters/`");
    // The schema is strict enough to notice a mistake.
    let mut bad = log.clone();
    *bad.pointer_mut("/runs/0/results/0/locations/0/physicalLocation/region/startLine")
        .unwrap() = json!(0);
    assert!(!validator.is_valid(&bad));
}
