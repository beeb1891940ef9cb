//! Fuzz target: the `.lnp` parser, checker, diagnostics renderer and formatter.
#![no_main]

include!("../bodies/parse_check.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| parse_check(data));
