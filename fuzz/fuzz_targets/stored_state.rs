//! Fuzz target: see `fuzz/bodies/stored_state.rs`.
#![no_main]

include!("../bodies/stored_state.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| stored_state(data));
