//! Writes a synthetic charter to standard output, deterministically from a seed.
//!
//! ```sh
//! cargo run --release --example generate -- --seed 7 --size 1000000 > big.charter
//! cargo run --release --example generate -- --seed 7 --size 10000 --mistakes 0.01 > broken.charter
//! ```
//!
//! `--size` is the least number of bytes (the charter stops at the end of the first family past it);
//! `--mistakes` is the probability that a statement is replaced by a mistaken one (0 by default: a valid charter).
//! See `src/testing.rs` for what the charter contains.
#![allow(clippy::print_stderr, reason = "a command-line tool")]

use std::io::Write;
use std::process::ExitCode;

use charterc::testing::{Options, charter};

const USAGE: &str = "usage: generate [--seed N] [--size BYTES] [--mistakes RATE]";

fn main() -> ExitCode {
    let mut options = Options::valid(0, 10_000);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next();
        let parsed = match (flag.as_str(), value.as_deref()) {
            ("--seed", Some(v)) => v.parse().map(|seed| options.seed = seed).is_ok(),
            ("--size", Some(v)) => v.parse().map(|size| options.size = size).is_ok(),
            ("--mistakes", Some(v)) => v
                .parse::<f64>()
                .ok()
                .filter(|rate| (0.0..=1.0).contains(rate))
                .map(|rate| options.mistake_rate = rate)
                .is_some(),
            _ => false,
        };
        if !parsed {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    let text = charter(&options);
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(text.as_bytes()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
