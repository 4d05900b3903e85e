//! A SARIF 2.1.0 log, for GitHub code scanning and other SARIF consumers.
//!
//! One run; its tool's `rules` are the whole registry, each with its documentation as help text and Markdown, and
//! a `helpUri` only when the location of `docs/checks.md` is an absolute URL (SARIF requires one there). Results
//! point into files by the path as given, relative to `%SRCROOT%` (an absolute path becomes a `file:` URI), with
//! a region whose columns count UTF-16 code units (`columnKind` says so); secondary labels are related locations,
//! and findings accepted by an `allow` in the charter are results with an in-source suppression carrying the
//! reason. A finding about a whole file (one that could not be read) has a location without a region.
//!
//! These types are ours, written from the specification (OASIS SARIF 2.1.0), and only as wide as charterc needs.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::Analysis;
use crate::checks;
use crate::diagnostic::{Diagnostic, Label, Lint};
use crate::report::{DocsUrl, is_about_whole_file, sentence};
use crate::source::{LineIndex, Span};

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";

/// The schema the log declares: the SARIF 2.1.0 schema as published by SchemaStore, which GitHub's documentation
/// and the SARIF Multitool accept.
pub const SARIF_SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The base that every relative artifact URI is resolved against: the root of the checked-out sources.
pub const SRCROOT: &str = "%SRCROOT%";

/// The key of charterc's own fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "charterc/v1";

/// A SARIF log.
#[derive(Debug, Serialize)]
pub struct SarifLog {
    /// The schema URI.
    #[serde(rename = "$schema")]
    pub schema: &'static str,
    /// Always `2.1.0`.
    pub version: &'static str,
    /// One run.
    pub runs: Vec<Run>,
}

/// One run of charterc.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    /// charterc and its rules.
    pub tool: Tool,
    /// How columns are counted: `utf16CodeUnits`.
    pub column_kind: &'static str,
    /// Every finding, file by file.
    pub results: Vec<SarifResult>,
}

/// The tool.
#[derive(Debug, Serialize)]
pub struct Tool {
    /// charterc itself.
    pub driver: Driver,
}

/// charterc.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Driver {
    /// `charterc`.
    pub name: &'static str,
    /// The crate version.
    pub version: &'static str,
    /// The crate version, which follows semantic versioning.
    pub semantic_version: &'static str,
    /// Every finding in the registry, in code order.
    pub rules: Vec<ReportingDescriptor>,
}

/// A rule: one finding of the registry.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportingDescriptor {
    /// The code, such as `CH101`.
    pub id: &'static str,
    /// The name in PascalCase, such as `UndefinedReference`.
    pub name: String,
    /// The first sentence of what it finds.
    pub short_description: Message,
    /// What it finds.
    pub full_description: Message,
    /// The whole explanation, as `charterc explain` prints it.
    pub help: MultiformatMessage,
    /// The explanation's URL, when an absolute one is configured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help_uri: Option<String>,
    /// The default level.
    pub default_configuration: ReportingConfiguration,
    /// The kebab-case name and the severity, as tags.
    pub properties: RuleProperties,
}

/// Tags of a rule.
#[derive(Debug, Serialize)]
pub struct RuleProperties {
    /// The kebab-case name and the family.
    pub tags: Vec<String>,
}

/// A rule's default level.
#[derive(Debug, Serialize)]
pub struct ReportingConfiguration {
    /// `error` or `warning`.
    pub level: &'static str,
}

/// Plain text.
#[derive(Debug, Serialize)]
pub struct Message {
    /// The text.
    pub text: String,
}

/// Text with a Markdown form.
#[derive(Debug, Serialize)]
pub struct MultiformatMessage {
    /// Plain text.
    pub text: String,
    /// GitHub-flavoured Markdown.
    pub markdown: String,
}

/// One finding.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult {
    /// The code.
    pub rule_id: &'static str,
    /// The rule's index in `tool.driver.rules`.
    pub rule_index: usize,
    /// `error` or `warning`, after configuration.
    pub level: &'static str,
    /// The message, with help and notes.
    pub message: Message,
    /// The primary location.
    pub locations: Vec<Location>,
    /// Secondary labels.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<Location>,
    /// A fingerprint that survives edits elsewhere in the file: the code, the path, the message and its rank
    /// among identical findings, hashed.
    pub partial_fingerprints: BTreeMap<&'static str, String>,
    /// Present when an `allow` in the charter accepts the finding.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<Suppression>,
}

/// A location in a file.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// An identifier within the result, for related locations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<usize>,
    /// The file and region.
    pub physical_location: PhysicalLocation,
    /// The label's message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
}

/// A file and a region in it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalLocation {
    /// The file.
    pub artifact_location: ArtifactLocation,
    /// The region; absent for a finding about the whole file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
}

/// A file.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactLocation {
    /// A relative URI reference (resolved against `uriBaseId`), or an absolute `file:` URI.
    pub uri: String,
    /// `%SRCROOT%` for a relative `uri`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri_base_id: Option<&'static str>,
}

/// A range of text: 1-based lines, 1-based columns in UTF-16 code units, end column exclusive.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    /// The first line.
    pub start_line: u32,
    /// The first column.
    pub start_column: u32,
    /// The last line.
    pub end_line: u32,
    /// The column after the last character.
    pub end_column: u32,
    /// The text of a region on one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<Snippet>,
}

/// Source text.
#[derive(Debug, Serialize)]
pub struct Snippet {
    /// The text.
    pub text: String,
}

/// An accepted finding.
#[derive(Debug, Serialize)]
pub struct Suppression {
    /// `inSource`: the `allow` is written in the charter.
    pub kind: &'static str,
    /// The reason given.
    pub justification: String,
    /// Where the `allow` is written.
    pub location: Location,
}

/// Builds the SARIF log of a run.
pub fn log(analyses: &[Analysis], docs: &DocsUrl) -> SarifLog {
    let rules = checks::ALL.iter().map(|lint| rule(lint, docs)).collect();
    let mut results = Vec::new();
    for analysis in analyses {
        let file = File::new(analysis);
        let mut seen: BTreeMap<(&str, String), usize> = BTreeMap::new();
        let mut fingerprint = |diagnostic: &Diagnostic| {
            let rank = seen
                .entry((diagnostic.lint.code, diagnostic.message.clone()))
                .or_default();
            *rank += 1;
            fnv1a(&[
                diagnostic.lint.code,
                &analysis.source.name,
                &diagnostic.message,
                &rank.to_string(),
            ])
        };
        for diagnostic in &analysis.diagnostics {
            let print = fingerprint(diagnostic);
            results.push(file.result(diagnostic, print, Vec::new()));
        }
        for suppressed in &analysis.suppressed {
            let print = fingerprint(&suppressed.diagnostic);
            let suppression = Suppression {
                kind: "inSource",
                justification: suppressed.reason.clone(),
                location: file.location(None, &Label::new(suppressed.allow, ""), false),
            };
            results.push(file.result(&suppressed.diagnostic, print, vec![suppression]));
        }
    }
    SarifLog {
        schema: SARIF_SCHEMA_URI,
        version: SARIF_VERSION,
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "charterc",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            column_kind: "utf16CodeUnits",
            results,
        }],
    }
}

fn rule(lint: &'static Lint, docs: &DocsUrl) -> ReportingDescriptor {
    let explanation = lint.explanation();
    let what = lint
        .section("What it finds")
        .unwrap_or_else(|| lint.summary());
    ReportingDescriptor {
        id: lint.code,
        name: pascal_case(lint.name),
        short_description: Message {
            text: lint.summary(),
        },
        full_description: Message {
            text: what.replace('\n', " "),
        },
        help: MultiformatMessage {
            text: plain_text(&explanation),
            markdown: explanation,
        },
        help_uri: docs.is_absolute().then(|| docs.for_lint(lint)),
        default_configuration: ReportingConfiguration {
            level: lint.default_severity.as_str(),
        },
        properties: RuleProperties {
            tags: vec![lint.name.to_owned(), "governance".to_owned()],
        },
    }
}

/// The explanation without Markdown: headings become `Title:` lines and code fences are dropped.
fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        if line.starts_with("```") {
            continue;
        }
        match line.strip_prefix("## ") {
            Some(title) => out.push_str(&format!("{title}:")),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// One file's text and URI, for building its results.
struct File<'a> {
    text: &'a str,
    index: LineIndex<'a>,
    artifact: (String, Option<&'static str>),
}

impl<'a> File<'a> {
    fn new(analysis: &'a Analysis) -> Self {
        File {
            text: &analysis.source.text,
            index: LineIndex::new(&analysis.source.text),
            artifact: artifact_uri(&analysis.source.name),
        }
    }

    fn result(
        &self,
        diagnostic: &Diagnostic,
        fingerprint: String,
        suppressions: Vec<Suppression>,
    ) -> SarifResult {
        let whole_file = is_about_whole_file(diagnostic);
        let mut text = sentence(&diagnostic.message);
        if let Some(help) = &diagnostic.help {
            text.push_str(&format!("\nhelp: {}", sentence(help)));
        }
        for note in &diagnostic.notes {
            text.push_str(&format!("\nnote: {}", sentence(note)));
        }
        SarifResult {
            rule_id: diagnostic.lint.code,
            rule_index: checks::ALL
                .iter()
                .position(|lint| std::ptr::eq(*lint, diagnostic.lint))
                .unwrap_or_default(),
            level: diagnostic.severity.as_str(),
            message: Message { text },
            locations: vec![self.location(None, &diagnostic.primary, whole_file)],
            related_locations: diagnostic
                .secondary
                .iter()
                .enumerate()
                .map(|(id, label)| self.location(Some(id + 1), label, whole_file))
                .collect(),
            partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
            suppressions,
        }
    }

    fn location(&self, id: Option<usize>, label: &Label, whole_file: bool) -> Location {
        let (uri, uri_base_id) = self.artifact.clone();
        Location {
            id,
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri, uri_base_id },
                region: (!whole_file).then(|| self.region(label.span)),
            },
            message: (!label.message.is_empty()).then(|| Message {
                text: sentence(&label.message),
            }),
        }
    }

    fn region(&self, span: Span) -> Region {
        let start = self.index.position(span.start);
        let end = self.index.position(span.end);
        let snippet = self
            .text
            .get(start.offset..end.offset)
            .filter(|text| !text.is_empty() && start.lsp.line == end.lsp.line)
            .map(|text| Snippet {
                text: text.to_owned(),
            });
        Region {
            start_line: start.lsp.line + 1,
            start_column: start.lsp.character + 1,
            end_line: end.lsp.line + 1,
            end_column: end.lsp.character + 1,
            snippet,
        }
    }
}

/// The URI of a path as given: relative paths stay relative to `%SRCROOT%` (with `/` separators, without a
/// leading `./`, percent-encoded); absolute ones become `file:` URIs.
fn artifact_uri(path: &str) -> (String, Option<&'static str>) {
    let mut path = path.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_owned();
    }
    let drive = path.len() >= 2
        && path.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && path.as_bytes().get(1) == Some(&b':');
    if drive {
        (format!("file:///{}", percent_encode(&path, true)), None)
    } else if path.starts_with('/') {
        (format!("file://{}", percent_encode(&path, false)), None)
    } else {
        (percent_encode(&path, false), Some(SRCROOT))
    }
}

/// Percent-encodes every byte but unreserved characters and `/` (and `:` when `keep_colon`, for a drive letter).
fn percent_encode(path: &str, keep_colon: bool) -> String {
    let mut res = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || (keep_colon && byte == b':')
        {
            res.push(char::from(byte));
        } else {
            res.push_str(&format!("%{byte:02X}"));
        }
    }
    res
}

/// `undefined-reference` -> `UndefinedReference`.
fn pascal_case(kebab: &str) -> String {
    kebab
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// A 64-bit FNV-1a hash of the parts, separated by a NUL byte, in hexadecimal: stable across platforms and
/// versions of Rust, unlike `std`'s hasher.
fn fnv1a(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.join("\0").bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_to_the_source_root_or_absolute_file_uris() {
        assert_eq!(
            artifact_uri("./charters/kitops.charter"),
            ("charters/kitops.charter".to_owned(), Some(SRCROOT))
        );
        assert_eq!(
            artifact_uri("my charters\\gov é.charter"),
            (
                "my%20charters/gov%20%C3%A9.charter".to_owned(),
                Some(SRCROOT)
            )
        );
        assert_eq!(
            artifact_uri("/tmp/gov.charter"),
            ("file:///tmp/gov.charter".to_owned(), None)
        );
        assert_eq!(
            artifact_uri("C:\\gov.charter"),
            ("file:///C:/gov.charter".to_owned(), None)
        );
        assert_eq!(artifact_uri("<stdin>").0, "%3Cstdin%3E");
    }

    #[test]
    fn names_become_pascal_case() {
        assert_eq!(pascal_case("undefined-reference"), "UndefinedReference");
        assert_eq!(pascal_case("not-utf8"), "NotUtf8");
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fnv1a(&[""]), "cbf29ce484222325");
        assert_eq!(fnv1a(&["a"]), "af63dc4c8601ec8c");
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }
}
