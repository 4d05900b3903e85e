//! Grammar-aware inputs: a generated charter (seeded by the first 8 bytes, with mistakes at a rate set by the
//! ninth) mutated by splicing fragments of the grammar at positions the rest of the bytes choose
//! (`charterc::testing::grammar_input`), then through parse, lower, check and every output format.
#![no_main]

use charterc::testing::{exercise, grammar_input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = grammar_input(data);
    if let Err(broken) = exercise("fuzz.charter", text.as_bytes()) {
        panic!("{broken}");
    }
});
