//! The cost of the exact vote arithmetic: `analyze` on every reading of a rule over sizes 1 to 1000.
//!
//! The rule is `yes >= 60% of cast` with `quorum 60% of members` that does not say how abstentions count: two
//! readings, one where a single abstention meets the quorum and one where 36% of the members must vote yes.
//! Run with `cargo bench --bench arithmetic`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "benchmark code")]

use std::hint::black_box;

use charterc::analysis::arithmetic::{analyze, readings};
use charterc::check;
use charterc::source::SourceFile;
use criterion::{Criterion, criterion_group, criterion_main};

/// The binary's allocator (`src/main.rs`), so that the figures are those of `charterc`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CHARTER: &str = r#"
charter "Bench" { source "https://example.org/GOVERNANCE.md" }
role maintainer { size at least 1; join by add_maintainer; leave by resignation }
decision add_maintainer {
  purpose amend charter
  vote { voters maintainer; passes when yes >= 60% of cast; quorum 60% of members }
}
"#;

fn bench_analyze(c: &mut Criterion) {
    let analysis = check(&SourceFile::new("bench.charter", CHARTER));
    let charter = analysis.charter.expect("the benchmark charter parses");
    let decision = charter
        .decisions
        .first()
        .expect("the charter has a decision");
    let vote = decision.vote.clone().expect("the decision has a vote rule");
    assert_eq!(
        readings(&vote).unwrap().len(),
        2,
        "the quorum has two readings"
    );

    c.bench_function(
        "readings + analyze, 60% of cast, unstated quorum of 60%, sizes 1..=1000",
        |b| {
            b.iter(|| {
                let readings = readings(black_box(&vote)).unwrap();
                readings
                    .iter()
                    .map(|(_, rule)| analyze(rule, 1..=1000))
                    .collect::<Vec<_>>()
            });
        },
    );
}

criterion_group!(benches, bench_analyze);
criterion_main!(benches);
