//! Arbitrary bytes through parse, lower, check and every output format.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = charterc::testing::exercise("fuzz.charter", data) {
        panic!("{broken}");
    }
});
