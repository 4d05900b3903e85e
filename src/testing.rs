//! Support for benchmarks, property tests and fuzzing; not part of the product.
//!
//! - [`charter`] writes synthetic charters;
//! - [`splice`] mutates them with fragments of the grammar;
//! - [`exercise`] runs bytes through the whole pipeline and every output format, and checks the invariants that
//!   hold for every input (spans within the file and on char boundaries, no raw control character in a text
//!   output).
//!
//! [`charter`] writes a charter of a chosen size, deterministically from a seed, that uses every construct of the
//! language: the metadata block, external bodies, named thresholds that name other thresholds, the default vote,
//! roles with every lifecycle statement, bodies of both compositions, and decisions with multi-condition votes,
//! quorums, ties, vetoes, windows, phases, lazy consensus, recusals, designations and escalation chains with every
//! kind of step. A charter is a header followed by *families*: a family is a group of items (two roles, two bodies,
//! an external body, two thresholds and up to eight decisions) that refer to each other and to nothing outside
//! the family and the header, so that the charter is valid wherever it stops, and escalation chains stay a few
//! steps long whatever the size. Smaller families fill the last bytes, so a charter is at least `size` bytes and
//! at most about 1 KB more (the header alone is about 1 KB).
//!
//! With a `mistake_rate` above zero, each statement is, with that probability, replaced by a mistaken version:
//! a misspelt name (`undefined-reference`), a number above the limit (`invalid-number`), an unknown unit, a
//! reversed range, a share above one, a statement written twice (`duplicate-statement`), or, one time in eight, a
//! misspelt keyword (a syntax error, which ends the analysis of the file at that point).
//!
//! [`splice`] mutates a charter with grammar-aware fragments (keywords, punctuation, names, numbers and whole
//! statements) driven by a byte string, for the grammar-aware fuzz target and the property tests.
//!
//! The random numbers come from SplitMix64, written out below, so that a seed gives the same charter on every
//! platform and with every version of every dependency.
//!
//! This module lives in the library (hidden from the documentation) rather than under `benches/` or `tests/`
//! because four separate crates use it: the `generate` example, the benchmarks, the property tests and the fuzz
//! crate, which is its own workspace and can only reach the library's public items.

use std::fmt::Write as _;

use crate::config::Levels;
use crate::diagnostic::Label;
use crate::report::{DocsUrl, github, human, json, sarif, short};
use crate::{Analysis, check_bytes};

/// Checks `bytes` as the file `name` and renders the result in every output format; returns the analysis, or
/// the first broken invariant: the two parsers disagreeing (see [`parsers_agree`]), a label outside the file or
/// off a char boundary, a raw control character in the plain, short or GitHub output, or an output that cannot
/// be serialized. A panic anywhere in the pipeline is,
/// of course, a failure too.
pub fn exercise(name: &str, bytes: &[u8]) -> Result<Analysis, String> {
    let analysis = check_bytes(name, bytes, &Levels::default());
    let text: &str = &analysis.source.text;
    parsers_agree(name, &analysis.source)?;
    let labels = analysis
        .diagnostics
        .iter()
        .chain(analysis.suppressed.iter().map(|s| &s.diagnostic))
        .flat_map(|d| {
            std::iter::once(&d.primary)
                .chain(&d.secondary)
                .map(move |l| (d, l))
        });
    for (diagnostic, Label { span, .. }) in labels {
        if span.start > span.end
            || span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            return Err(format!(
                "{}: a label of `{}` ({}) at {}..{} is not a range of char boundaries in a text of {} bytes",
                name,
                diagnostic.lint.code,
                diagnostic.message,
                span.start,
                span.end,
                text.len()
            ));
        }
    }
    for suppressed in &analysis.suppressed {
        if suppressed.allow.end > text.len() {
            return Err(format!("{name}: an `allow` span lies outside the file"));
        }
    }
    let analyses = std::slice::from_ref(&analysis);
    let docs = DocsUrl::default();
    let mut outputs = vec![
        human::render(
            &analysis.source,
            &analysis.diagnostics,
            human::Style::Graphical { color: true },
            80,
        ),
        human::render(
            &analysis.source,
            &analysis.diagnostics,
            human::Style::Plain,
            80,
        ),
        short::render(analyses),
        github::render(analyses),
    ];
    let json = |result: serde_json::Result<String>| result.map_err(|e| format!("{name}: {e}"));
    outputs.push(json(serde_json::to_string(&json::diagnostics_document(
        analyses, &docs,
    )))?);
    outputs.push(json(serde_json::to_string(&sarif::log(analyses, &docs)))?);
    if let Some(charter) = &analysis.charter {
        outputs.push(json(serde_json::to_string(&json::ir_document(
            name, charter,
        )))?);
    }
    // The plain, short and GitHub outputs go to terminals and logs: whatever the charter holds, they send no
    // control character but LF and tab, and no bidirectional override (the coloured report holds miette's own
    // colours).
    for output in outputs.get(1..4).unwrap_or_default() {
        if let Some(c) = output.chars().find(|&c| {
            (c.is_control() && !matches!(c, '\n' | '\t'))
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        }) {
            return Err(format!(
                "{name}: a text output holds the raw character U+{:04X}",
                u32::from(c)
            ));
        }
    }
    if outputs.first().is_some_and(String::is_empty) && !analysis.diagnostics.is_empty() {
        return Err(format!(
            "{name}: the human report is empty although there are findings"
        ));
    }
    Ok(analysis)
}

/// Whether the hand-written parser and pest agree on `source`: the hand-written parser must give exactly the AST
/// that pest and the builder give, and give up (`None`) exactly where they report an error, since `parse` then
/// reports pest's error. The error, when they disagree, names the first item that differs.
pub fn parsers_agree(name: &str, source: &crate::source::SourceFile) -> Result<(), String> {
    let by_descent = crate::syntax::parse_by_descent(&source.text);
    let by_pest = crate::syntax::parse_with_pest(source);
    match (&by_descent, &by_pest) {
        (Some(fast), Ok(slow)) if fast == slow => Ok(()),
        (None, Err(_)) => Ok(()),
        (Some(fast), Ok(slow)) => {
            let first_difference = fast
                .items
                .iter()
                .zip(&slow.items)
                .position(|(fast, slow)| fast != slow);
            Err(match first_difference {
                Some(index) => format!(
                    "{name}: the parsers disagree on item {index}:\n  hand-written: {:?}\n  pest:         {:?}",
                    fast.items.get(index),
                    slow.items.get(index)
                ),
                None => format!(
                    "{name}: the parsers disagree: {} items and span {:?} by hand, {} items and span {:?} by pest",
                    fast.items.len(),
                    fast.span,
                    slow.items.len(),
                    slow.span
                ),
            })
        }
        (Some(_), Err(error)) => Err(format!(
            "{name}: the hand-written parser accepts what pest rejects: {}",
            error.message
        )),
        (None, Ok(_)) => Err(format!(
            "{name}: the hand-written parser gives up on a file that pest parses"
        )),
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// The seed: the same options always give the same bytes.
    pub seed: u64,
    /// The least number of bytes to write.
    pub size: usize,
    /// The probability, from 0 to 1, that a statement is replaced by a mistaken version.
    pub mistake_rate: f64,
}

impl Options {
    /// A valid charter of at least `size` bytes.
    pub fn valid(seed: u64, size: usize) -> Self {
        Options {
            seed,
            size,
            mistake_rate: 0.0,
        }
    }
}

/// SplitMix64: a small, fast, well-mixed generator whose output never depends on anything but its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// `true` with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        p > 0.0 && (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

/// Writes a charter; see the module documentation.
pub fn charter(options: &Options) -> String {
    let mut writer = Writer {
        out: String::with_capacity(options.size + 4096),
        rng: Rng::new(options.seed),
        rate: options.mistake_rate.clamp(0.0, 1.0),
    };
    writer.header();
    let mut family = 0;
    while writer.out.len() < options.size {
        let remaining = options.size - writer.out.len();
        if remaining > 3_000 {
            writer.family(family);
        } else {
            writer.small_family(family);
        }
        family += 1;
    }
    writer.out
}

struct Writer {
    out: String,
    rng: Rng,
    rate: f64,
}

/// Pass conditions; `{t}` is the family's first threshold.
const CONDITIONS: &[&str] = &[
    "yes >= 2/3 of members",
    "majority of cast and turnout >= 3",
    "yes >= 60% of participating and no < 1/4 of participating",
    "yes > no and yes >= 2",
    "unanimous of participating and turnout >= 2",
    "majority of members",
    "yes >= 3/4 of cast and abstain <= 1/3 of participating and turnout >= 2",
    "yes >= 66.7% of members and no == 0",
    "{t}",
    "{t} and abstain < 1/2 of participating",
];
const QUORUMS: &[&str] = &[
    "quorum 60% of members counting abstentions",
    "quorum >= 1/2 of members not counting abstentions",
    "quorum > 1/3 of members counting abstentions",
    "quorum 3 counting abstentions",
];
const TIES: &[&str] = &["tie fails", "tie revote", "tie casting vote by chair_{k}"];
const DURATIONS: &[&str] = &[
    "7 days",
    "2 weeks",
    "3-5 business days",
    "1 month",
    "48 hours",
    "10 business days",
    "14 days",
];
const PHASES: &[&str] = &["discussion", "notice", "public", "review"];
const BOUNDS: &[&str] = &["at least", "at most", "exactly"];
const NAMES: &[&str] = &[
    "Ada Quill",
    "Chen Ilori",
    "Dana Vos",
    "Emeka Ruiz",
    "Farah Lind",
    "Gus Okafor",
    "Hana Sato",
    "Ivo Marsh",
    "Jun Abara",
];

impl Writer {
    /// Writes `line` (with `{k}` replaced by the family number and `{t}` by its threshold) indented by
    /// `indent` levels, or, at the mistake rate, a mistaken version of it.
    fn line(&mut self, indent: usize, k: usize, line: &str) {
        let line = line
            .replace("{t}", "majority_{k}")
            .replace("{k}", &k.to_string());
        let line = if self.rng.chance(self.rate) {
            mistake(&line, &mut self.rng)
        } else {
            line
        };
        for _ in 0..indent {
            self.out.push_str("  ");
        }
        self.out.push_str(&line);
        self.out.push('\n');
    }

    /// An opening or closing line, never mistaken (a mistaken brace would only ever be a syntax error).
    fn raw(&mut self, indent: usize, k: usize, line: &str) {
        for _ in 0..indent {
            self.out.push_str("  ");
        }
        self.out.push_str(&line.replace("{k}", &k.to_string()));
        self.out.push('\n');
    }

    fn duration(&mut self) -> &'static str {
        self.rng.pick(DURATIONS)
    }

    fn header(&mut self) {
        let seed = self.rng.next_u64() % 1000;
        let _ = writeln!(
            self.out,
            "# A synthetic charter written by `cargo run --example generate`."
        );
        self.raw(0, seed as usize, "charter \"Synthetic {k}\" {");
        self.line(
            1,
            0,
            "source \"https://example.org/synthetic/GOVERNANCE.md\"",
        );
        self.line(1, 0, "version \"1.0\"");
        self.line(1, 0, "adopted \"2025-01-01\"");
        self.raw(0, 0, "}");
        self.out.push('\n');
        self.raw(0, 0, "role steward {");
        self.line(1, 0, "size 3 to 9");
        self.line(1, 0, "members \"Ada Quill\", \"Chen Ilori\", \"Dana Vos\"");
        self.line(1, 0, "join by add_steward");
        self.line(1, 0, "leave by resignation");
        self.raw(0, 0, "}");
        self.raw(0, 0, "external foundation \"The Example Foundation\"");
        self.raw(0, 0, "default vote {");
        self.line(1, 0, "voters steward");
        self.line(
            1,
            0,
            "passes when majority of participating and turnout >= 2",
        );
        self.line(1, 0, "quorum >= 2/3 of members counting abstentions");
        self.line(1, 0, "tie fails");
        self.line(1, 0, "ballot public");
        self.line(1, 0, "open at least 7 days");
        self.line(
            1,
            0,
            "allow minority-decides because \"routine business; two thirds of the stewards take part\"",
        );
        self.raw(0, 0, "}");
        self.raw(0, 0, "decision add_steward {");
        self.line(1, 0, "proposed by steward");
        self.line(1, 0, "decided by default vote");
        self.raw(0, 0, "}");
        self.raw(0, 0, "decision amend_charter {");
        self.line(1, 0, "purpose amend charter");
        self.line(1, 0, "proposed by steward");
        self.line(1, 0, "public at least 14 days");
        self.raw(1, 0, "vote {");
        self.line(2, 0, "voters steward");
        self.line(2, 0, "passes when yes >= 2/3 of members");
        self.line(2, 0, "ballot public");
        self.line(2, 0, "open exactly 14 days");
        self.raw(1, 0, "}");
        self.raw(0, 0, "}");
        self.raw(0, 0, "decision handle_security {");
        self.line(1, 0, "purpose handle security");
        self.line(1, 0, "decided by any 2 steward");
        self.raw(0, 0, "}");
    }

    /// A vote block over `voters`.
    fn vote(&mut self, indent: usize, k: usize, opening: &str, voters: &str) {
        self.vote_with(indent, k, opening, voters, false);
    }

    /// A vote block over `voters`; in a small family, which has no threshold and no chair, it names neither.
    fn vote_with(&mut self, indent: usize, k: usize, opening: &str, voters: &str, small: bool) {
        let (conditions, ties) = if small {
            (
                CONDITIONS.get(..8).unwrap_or(CONDITIONS),
                TIES.get(..2).unwrap_or(TIES),
            )
        } else {
            (CONDITIONS, TIES)
        };
        self.raw(indent, k, opening);
        let except = if self.rng.chance(0.3) {
            " except subject"
        } else {
            ""
        };
        self.line(indent + 1, k, &format!("voters {voters}{except}"));
        let condition = self.rng.pick(conditions);
        self.line(indent + 1, k, &format!("passes when {condition}"));
        if self.rng.chance(0.6) {
            let quorum = self.rng.pick(QUORUMS);
            self.line(indent + 1, k, quorum);
        }
        let tie = self.rng.pick(ties);
        self.line(indent + 1, k, tie);
        if self.rng.chance(0.2) {
            self.line(indent + 1, k, &format!("veto by {voters}"));
        } else if self.rng.chance(0.2) {
            self.line(indent + 1, k, "no veto");
        }
        let ballot = self.rng.pick(&["ballot secret", "ballot public"]);
        self.line(indent + 1, k, ballot);
        if self.rng.chance(0.8) {
            let bound = self.rng.pick(BOUNDS);
            let duration = self.duration();
            self.line(indent + 1, k, &format!("open {bound} {duration}"));
        }
        self.raw(indent, k, "}");
    }

    fn phase(&mut self, k: usize) {
        let phase = self.rng.pick(PHASES);
        let bound = self.rng.pick(&["at least", "exactly"]);
        let duration = self.duration();
        self.line(1, k, &format!("{phase} {bound} {duration}"));
    }

    /// A complete family of about 3 KB.
    fn family(&mut self, k: usize) {
        self.out.push('\n');
        self.raw(0, k, "# Family {k}");
        self.raw(0, k, "external panel_{k} \"Review panel {k}\"");
        self.raw(0, k, "threshold majority_{k} {");
        let first = self.rng.pick(&[
            "yes >= 2/3 of members",
            "majority of members",
            "yes >= 3/5 of members and turnout >= 2",
        ]);
        self.line(1, k, first);
        self.raw(0, k, "}");
        self.raw(0, k, "threshold strict_{k} { majority_{k} and no == 0 }");

        self.raw(0, k, "role member_{k} {");
        let size = self
            .rng
            .pick(&["size at least 3", "size 3 to 15", "size 2 to 40"]);
        self.line(1, k, size);
        let count = 3 + self.rng.below(3);
        let names: Vec<String> = NAMES
            .iter()
            .skip(self.rng.below(NAMES.len() - count))
            .take(count)
            .map(|name| format!("\"{name}\""))
            .collect();
        self.line(1, k, &format!("members {}", names.join(", ")));
        self.line(1, k, "join by admit_{k}");
        self.line(1, k, "leave by resignation -> emeritus_{k}");
        self.line(1, k, "remove by remove_{k} -> emeritus_{k}");
        self.line(1, k, "inactive after 1 year -> emeritus_{k}");
        self.line(1, k, "reinstate by reinstate_{k}");
        let every = self.duration();
        self.line(1, k, &format!("cadence \"members' meeting\" every {every}"));
        self.raw(0, k, "}");
        self.raw(0, k, "role emeritus_{k} { leave by resignation }");
        self.raw(0, k, "role chair_{k} {");
        self.line(1, k, "size 1");
        self.line(1, k, "join by elect_{k}");
        self.line(1, k, "leave by resignation");
        self.line(1, k, "term 1 year");
        self.line(1, k, "term limit 3");
        self.raw(0, k, "}");

        self.raw(
            0,
            k,
            "body council_{k} { consists of all member_{k}, chair_{k} }",
        );
        self.raw(0, k, "body board_{k} {");
        self.line(1, k, "drawn from member_{k}");
        self.line(1, k, "size 3 to 7");
        self.line(1, k, "appointed by elect_{k}");
        self.line(1, k, "chair chair_{k}");
        self.line(1, k, "term 2 years");
        self.line(1, k, "term limit 2");
        self.line(1, k, "seat limit 2 per \"employer\"");
        self.raw(0, k, "}");

        self.raw(0, k, "decision admit_{k} {");
        self.line(1, k, "purpose admit member_{k}");
        self.line(1, k, "proposed by member_{k}");
        self.phase(k);
        self.vote(1, k, "vote {", "member_{k}");
        self.raw(0, k, "}");

        self.raw(0, k, "decision remove_{k} {");
        self.line(1, k, "proposed by member_{k}");
        self.line(1, k, "recuse subject, nominator");
        self.phase(k);
        self.vote(1, k, "vote {", "member_{k}");
        self.raw(0, k, "}");

        self.raw(0, k, "decision reinstate_{k} {");
        self.line(1, k, "proposed by emeritus_{k}");
        self.line(1, k, "decided by default vote");
        self.raw(0, k, "}");

        self.raw(0, k, "decision elect_{k} {");
        self.line(1, k, "purpose elect board_{k}");
        self.line(1, k, "proposed by member_{k}");
        let every = self.rng.pick(&["1 year", "2 years"]);
        self.line(1, k, &format!("cadence \"election\" every {every}"));
        self.vote(1, k, "vote {", "council_{k}");
        self.raw(0, k, "}");

        self.raw(0, k, "decision change_{k} {");
        self.line(1, k, "purpose other \"technical change\"");
        self.line(1, k, "proposed by anyone");
        self.raw(1, k, "lazy consensus {");
        let silence = self.duration();
        self.line(2, k, &format!("silence at least {silence}"));
        self.line(2, k, "on objection -> vote");
        self.raw(1, k, "}");
        self.vote(1, k, "vote {", "member_{k}");
        self.raw(1, k, "escalate { step decision resolve_{k} }");
        self.raw(0, k, "}");

        self.raw(0, k, "decision resolve_{k} {");
        self.line(1, k, "purpose other \"resolve a dispute\"");
        self.raw(1, k, "escalate {");
        self.line(2, k, "step parties");
        self.line(2, k, "step mediator chair_{k}");
        self.vote(2, k, "step vote {", "board_{k}");
        self.line(2, k, "step external panel_{k}");
        self.line(2, k, "step decided by default vote");
        self.raw(1, k, "}");
        self.raw(0, k, "}");

        self.raw(0, k, "decision conduct_{k} {");
        self.line(1, k, "purpose other \"enforce the code of conduct\"");
        self.line(1, k, "proposed by anyone");
        self.line(1, k, "recuse accused");
        self.line(1, k, "designate 2 member_{k} with panel_{k}");
        self.raw(1, k, "vote {");
        self.line(2, k, "voters board_{k}");
        self.line(2, k, "passes when strict_{k}");
        self.line(2, k, "tie fails");
        self.line(2, k, "ballot secret");
        self.line(2, k, "open at most 14 days");
        self.raw(1, k, "}");
        self.raw(0, k, "}");

        self.raw(0, k, "decision merge_{k} {");
        self.line(1, k, "purpose other \"merge a change\"");
        self.line(1, k, "proposed by member_{k}");
        let approvals = self.rng.pick(&["any", "any 2"]);
        self.line(1, k, &format!("decided by {approvals} member_{k}"));
        self.raw(0, k, "}");
    }

    /// A family of about 600 bytes, to fill the last bytes of a charter.
    fn small_family(&mut self, k: usize) {
        self.out.push('\n');
        self.raw(0, k, "role helper_{k} {");
        self.line(1, k, "size at least 1");
        self.line(1, k, "join by add_helper_{k}");
        self.line(1, k, "leave by resignation");
        self.raw(0, k, "}");
        self.raw(0, k, "decision add_helper_{k} {");
        self.line(1, k, "proposed by helper_{k}, steward");
        self.phase(k);
        self.vote_with(1, k, "vote {", "steward", true);
        self.raw(0, k, "}");
    }
}

/// A mistaken version of a statement; see the module documentation for the kinds.
fn mistake(line: &str, rng: &mut Rng) -> String {
    let kind = rng.below(8);
    let digits = line.find(|c: char| c.is_ascii_digit()).map(|at| {
        let len = line
            .get(at..)
            .and_then(|rest| rest.find(|c: char| !c.is_ascii_digit()))
            .unwrap_or(line.len() - at);
        (at, len)
    });
    let unit = ["days", "weeks", "hours", "year", "month"]
        .iter()
        .find_map(|unit| line.find(unit).map(|at| (at, unit.len())));
    let candidates = [
        // A misspelt reference: `member_3` becomes `membr_3`.
        line.find("member_")
            .and_then(|at| replace(line, at, 6, "membr")),
        // A number above the limit.
        digits.and_then(|(at, len)| replace(line, at, len, "12345678901")),
        // An unknown unit.
        unit.and_then(|(at, len)| replace(line, at, len, "fortnights")),
        // A reversed range.
        line.find("3 to ")
            .and_then(|at| replace(line, at, 1, "99"))
            .or_else(|| line.find("3-5").and_then(|at| replace(line, at, 3, "5-3"))),
        // A share above one.
        line.find("2/3").and_then(|at| replace(line, at, 3, "3/2")),
        // A statement written twice.
        Some(format!("{line}\n{line}")),
        None,
        None,
    ];
    match candidates.get(kind).cloned().flatten() {
        Some(mistaken) => mistaken,
        // A misspelt keyword: the first letter of the statement doubled (`vvoters`), a syntax error.
        None => {
            let mut chars = line.chars();
            match chars.next() {
                Some(first) => format!("{first}{first}{}", chars.as_str()),
                None => line.to_owned(),
            }
        }
    }
}

/// `line` with the `len` bytes at `at` replaced by `with`, if they lie on char boundaries.
fn replace(line: &str, at: usize, len: usize, with: &str) -> Option<String> {
    Some(format!(
        "{}{with}{}",
        line.get(..at)?,
        line.get(at + len..)?
    ))
}

/// Fragments that [`splice`] inserts: tokens of every kind and whole statements, valid and invalid.
pub const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "{ }",
    ";",
    "\n",
    "#",
    "\"",
    "\\",
    ",",
    "->",
    "~",
    "/",
    "%",
    ">=",
    "==",
    " and ",
    " of members",
    " of cast",
    " of votes",
    "role",
    "body",
    "decision",
    "vote",
    "threshold",
    "default vote",
    "escalate",
    "step",
    "lazy consensus",
    "passes when",
    "quorum",
    "tie",
    "voters",
    "except",
    "anyone",
    "allow",
    "member_0",
    "steward",
    "majority_0",
    "x",
    "0",
    "1",
    "2/3",
    "0/0",
    "150%",
    "66.6666667%",
    "1000000000",
    "1000000001",
    "99999999999999999999999",
    "4294967296",
    "18446744073709551616",
    "1-2",
    " days",
    " business days",
    " years",
    "yes >= 3",
    "majority of members",
    "unanimous",
    "approved",
    "periodically",
    "size 0",
    "size at most 0",
    "size 1000000000",
    "size at least 1000000000",
    "open at least 1000000000 years",
    "inactive after 1000000000 business days",
    "passes when yes >= 1000000000/1000000000 of members",
    "quorum 1000000000 counting abstentions",
    "designate 1000000000 steward",
    "step decision amend_charter",
    "step vote { voters steward; passes when yes > no }",
    "decided by any 1000000000 steward",
    "allow CH104 because \"r\"",
    "allow minority-decides because \"\"",
    "members \"[Name]\", \"\"",
    "\u{FEFF}",
    "\r\n",
    "\0",
    "é",
    "𝔘",
    "\u{200B}",
];

/// Mutates `text` under the direction of `ops`: each pair of bytes inserts a fragment, deletes a range or
/// duplicates one, at a position the bytes choose. The result is always valid UTF-8 (cuts are moved to char
/// boundaries), so it exercises the grammar rather than the decoder.
pub fn splice(text: &str, ops: &[u8]) -> String {
    let mut out = text.to_owned();
    for pair in ops.chunks(3) {
        let (op, a, b) = match pair {
            [op, a, b] => (*op, *a, *b),
            _ => break,
        };
        let position = boundary(
            &out,
            (usize::from(a) << 8 | usize::from(b)) * out.len() / 65_536,
        );
        match op % 4 {
            0 | 1 => {
                let fragment = FRAGMENTS
                    .get(usize::from(op / 4) % FRAGMENTS.len())
                    .copied()
                    .unwrap_or_default();
                out.insert_str(position, fragment);
            }
            2 => {
                let end = boundary(&out, position + usize::from(op / 4) + 1);
                out.replace_range(position..end, "");
            }
            _ => {
                let end = boundary(&out, position + usize::from(op / 4) * 4 + 1);
                let copy = out.get(position..end).unwrap_or_default().to_owned();
                out.insert_str(end, &copy);
            }
        }
    }
    out
}

/// The charter the grammar-aware fuzz target checks for `data`: a generated charter seeded by the first 8 bytes
/// (200 to 4,000 bytes long, with mistakes at a rate set by the ninth byte, up to one statement in eight),
/// mutated by [`splice`] under the direction of the rest.
pub fn grammar_input(data: &[u8]) -> String {
    let (seed, rest) = data.split_at(data.len().min(8));
    let mut seed_bytes = [0u8; 8];
    for (to, from) in seed_bytes.iter_mut().zip(seed) {
        *to = *from;
    }
    let seed = u64::from_le_bytes(seed_bytes);
    let (rate, ops) = rest
        .split_first()
        .map_or((0, rest), |(rate, ops)| (*rate, ops));
    let options = Options {
        seed,
        size: 200 + (seed % 3_800) as usize,
        mistake_rate: f64::from(rate % 32) / 256.0,
    };
    splice(&charter(&options), ops)
}

/// The nearest char boundary at or before `index`, within `text`.
fn boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}
