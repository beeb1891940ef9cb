//! Fuzz target: see `fuzz/bodies/onion_peel.rs`.
#![no_main]

include!("../bodies/onion_peel.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| onion_peel(data));
