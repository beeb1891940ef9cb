//! Fuzz target: see `fuzz/bodies/onion_payload.rs`.
#![no_main]

include!("../bodies/onion_payload.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| onion_payload(data));
