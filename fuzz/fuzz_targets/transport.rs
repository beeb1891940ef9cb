//! Fuzz target: see `fuzz/bodies/transport.rs`.
#![no_main]

include!("../bodies/transport.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| transport(data));
