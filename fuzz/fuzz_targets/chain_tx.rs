//! Fuzz target: see `fuzz/bodies/chain_tx.rs`.
#![no_main]

include!("../bodies/chain_tx.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| chain_tx(data));
