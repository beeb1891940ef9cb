//! Fuzz target: see `fuzz/bodies/wire_tlv.rs`.
#![no_main]

include!("../bodies/wire_tlv.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| wire_tlv(data));
