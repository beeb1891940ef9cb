//! Fuzz target: see `fuzz/bodies/peer_message.rs`.
#![no_main]

include!("../bodies/peer_message.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| peer_message(data));
