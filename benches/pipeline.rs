//! The cost of every stage of the pipeline, and of the whole, on synthetic charters of 1 KB, 100 KB, 1 MB and
//! 10 MB (`charterc::testing::charter`, seed 1, valid, so that every IR check runs).
//!
//! Groups (run one with `cargo bench --bench pipeline -- GROUP`):
//! - `parse` (the hand-written parser, which `check` uses for a file that parses), `parse_pest` (pest and the AST
//!   builder, the path a file with a syntax error takes), `pest` (the grammar alone, counting pairs, no AST),
//!   `lower`, `analyze` (every IR check with the vote arithmetic, and `allow` statements),
//!   `render_human` (the graphical report of every finding), `render_json` (the diagnostics document) and
//!   `render_ir_json` (the IR document, `charterc compile`);
//! - `end_to_end`: what `charterc check FILE` does after reading the file: decode, check, render the report;
//! - `check`: the same without the report;
//! - `check_vs_serde_json`: charterc's check of the 1 MB charter beside `serde_json` reading the same charter's IR
//!   JSON into a `serde_json::Value`, the practical limit for reading structured text, in one run;
//! - `compare`: `compare::compare` over 1,000 prepared charters of about 10 KB, and with `compare::prepare` of
//!   each on every core first, as `charterc compare` does.
//!
//! Throughput is reported in bytes of charter text (of JSON text for `serde_json`). The 10 MB inputs use the
//! smallest sample criterion allows, so that a full `cargo bench --bench pipeline` takes about ten minutes on
//! two cores. Figures and the machine are in `docs/performance.md`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr,
    missing_docs,
    reason = "benchmark code"
)]

use std::hint::black_box;
use std::time::Duration;

use charterc::config::Levels;
use charterc::report::{DocsUrl, human, json};
use charterc::source::SourceFile;
use charterc::testing::{Options, charter};
use charterc::{analyze, check_bytes, compare, lower, syntax};
use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main,
};
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};

/// The binary's allocator (`src/main.rs`), so that the figures are those of `charterc`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZES: &[(&str, usize)] = &[
    ("1KB", 1_000),
    ("100KB", 100_000),
    ("1MB", 1_000_000),
    ("10MB", 10_000_000),
];

/// One input: the source, its AST and IR, and its findings.
struct Input {
    label: &'static str,
    source: SourceFile,
    ast: charterc::ast::Charter,
    ir: charterc::ir::Charter,
    analysis: charterc::Analysis,
}

fn inputs() -> Vec<Input> {
    SIZES
        .iter()
        .map(|&(label, size)| {
            let text = charter(&Options::valid(1, size));
            let source = SourceFile::new(format!("synthetic-{label}.charter"), text);
            let ast = syntax::parse(&source).expect("the synthetic charter parses");
            let (ir, lowering) = lower::lower(&source.text, &ast);
            assert!(lowering.is_empty(), "the synthetic charter lowers cleanly");
            let analysis = check_bytes(&source.name, source.text.as_bytes(), &Levels::default());
            Input {
                label,
                source,
                ast,
                ir,
                analysis,
            }
        })
        .collect()
}

/// Fewer, shorter samples for the largest inputs.
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, input: &Input) {
    group.throughput(Throughput::Bytes(input.source.text.len() as u64));
    if input.source.text.len() >= 10_000_000 {
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(10));
    } else {
        group.sample_size(20);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(4));
    }
}

fn render_human(source: &SourceFile, analysis: &charterc::Analysis) -> String {
    human::render(
        source,
        &analysis.diagnostics,
        human::Style::Graphical { color: false },
        100,
    )
}

/// Whether the human report costs time linear in the file size: a renderer that reads each snippet from the
/// start of the file (miette's own `SourceCode` for a string) takes minutes on the 10 MB charter, so the
/// `render_human` and `end_to_end` groups then skip it rather than run for hours (see docs/performance.md).
fn human_report_is_linear(inputs: &[Input]) -> bool {
    let Some(input) = inputs.iter().find(|input| input.label == "1MB") else {
        return true;
    };
    let start = std::time::Instant::now();
    black_box(render_human(&input.source, &input.analysis));
    let linear = start.elapsed() < Duration::from_secs(1);
    if !linear {
        eprintln!(
            "render_human and end_to_end skip the 10 MB charter: the report of the 1 MB charter took {:?}",
            start.elapsed()
        );
    }
    linear
}

fn stages(c: &mut Criterion) {
    let inputs = inputs();
    let docs = DocsUrl::default();
    let render_10mb = human_report_is_linear(&inputs);
    for input in &inputs {
        let render = render_10mb || input.source.text.len() < 10_000_000;
        let mut group = c.benchmark_group("parse");
        configure(&mut group, input);
        group.bench_function(input.label, |b| {
            b.iter(|| syntax::parse(black_box(&input.source)))
        });
        group.finish();

        // The path of a file that does not parse, and of every file before the hand-written parser.
        let mut group = c.benchmark_group("parse_pest");
        configure(&mut group, input);
        group.bench_function(input.label, |b| {
            b.iter(|| syntax::parse_with_pest(black_box(&input.source)))
        });
        group.finish();

        // pest alone, in the same batches, without the AST: the share of `parse_pest` that the grammar costs.
        let mut group = c.benchmark_group("pest");
        configure(&mut group, input);
        group.bench_function(input.label, |b| {
            b.iter(|| syntax::recognize(black_box(&input.source.text)))
        });
        group.finish();

        let mut group = c.benchmark_group("lower");
        configure(&mut group, input);
        group.bench_function(input.label, |b| {
            b.iter(|| lower::lower(black_box(&input.source.text), black_box(&input.ast)))
        });
        group.finish();

        let mut group = c.benchmark_group("analyze");
        configure(&mut group, input);
        group.bench_function(input.label, |b| {
            b.iter(|| analyze(black_box(&input.ir), Vec::new()))
        });
        group.finish();

        if render {
            let mut group = c.benchmark_group("render_human");
            configure(&mut group, input);
            group.bench_function(input.label, |b| {
                b.iter(|| render_human(&input.source, black_box(&input.analysis)))
            });
            group.finish();
        }

        let mut group = c.benchmark_group("render_json");
        configure(&mut group, input);
        group.bench_function(input.label, |b| {
            b.iter(|| {
                let document = json::diagnostics_document(
                    std::slice::from_ref(black_box(&input.analysis)),
                    &docs,
                );
                serde_json::to_string_pretty(&document).unwrap()
            })
        });
        group.finish();

        let mut group = c.benchmark_group("render_ir_json");
        configure(&mut group, input);
        group.bench_function(input.label, |b| {
            b.iter(|| {
                let document = json::ir_document(&input.source.name, black_box(&input.ir));
                serde_json::to_string_pretty(&document).unwrap()
            })
        });
        group.finish();

        if render {
            let mut group = c.benchmark_group("end_to_end");
            configure(&mut group, input);
            group.bench_function(input.label, |b| {
                b.iter(|| {
                    let analysis = check_bytes(
                        &input.source.name,
                        black_box(input.source.text.as_bytes()),
                        &Levels::default(),
                    );
                    render_human(&analysis.source, &analysis)
                })
            });
            group.finish();
        }

        // The check alone, without the report: the figure to set beside serde_json, and the end-to-end figure
        // of `charterc check --format json` minus its (small) serialization.
        let mut group = c.benchmark_group("check");
        configure(&mut group, input);
        group.bench_function(input.label, |b| {
            b.iter(|| {
                check_bytes(
                    &input.source.name,
                    black_box(input.source.text.as_bytes()),
                    &Levels::default(),
                )
            })
        });
        group.finish();
    }
}

fn check_vs_serde_json(c: &mut Criterion) {
    let text = charter(&Options::valid(1, 1_000_000));
    let analysis = check_bytes("synthetic-1MB.charter", text.as_bytes(), &Levels::default());
    let ir = analysis.charter.as_ref().expect("the charter lowers");
    let ir_json =
        serde_json::to_string_pretty(&json::ir_document("synthetic-1MB.charter", ir)).unwrap();
    let mut group = c.benchmark_group("check_vs_serde_json");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function(BenchmarkId::new("charterc_check", "1MB charter"), |b| {
        b.iter(|| {
            check_bytes(
                "synthetic-1MB.charter",
                black_box(text.as_bytes()),
                &Levels::default(),
            )
        })
    });
    group.throughput(Throughput::Bytes(ir_json.len() as u64));
    group.bench_function(BenchmarkId::new("serde_json_value", "its IR JSON"), |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&ir_json)).unwrap())
    });
    group.finish();
}

fn compare_many(c: &mut Criterion) {
    let sources: Vec<SourceFile> = (0..1_000)
        .map(|seed| {
            let text = charter(&Options::valid(seed, 10_000));
            SourceFile::new(format!("synthetic-{seed}.charter"), text)
        })
        .collect();
    // As `charterc compare` does: every core checks charters, the results in input order.
    let prepare = |sources: &[SourceFile]| -> Vec<compare::Prepared> {
        sources
            .par_iter()
            .map(|source| compare::prepare(source).expect("the synthetic charter can be compared"))
            .collect()
    };
    let prepared = prepare(&sources);
    let names = compare::NameMap::default();
    let mut group = c.benchmark_group("compare");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("check and compare 1000 charters of 10KB", |b| {
        b.iter(|| compare::compare(&prepare(black_box(&sources)), &names))
    });
    group.bench_function("compare 1000 checked charters of 10KB", |b| {
        b.iter(|| compare::compare(black_box(&prepared), &names))
    });
    group.finish();
}

criterion_group!(benches, stages, check_vs_serde_json, compare_many);
criterion_main!(benches);
