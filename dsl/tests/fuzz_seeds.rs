//! Runs the `parse_check` fuzz target's body over its committed seed corpus
//! (`fuzz/corpus/parse_check/`) on every `cargo test`, plus a property test
//! feeding token soup: no input may panic the front end.

include!("../../fuzz/bodies/parse_check.rs");

use proptest::prelude::*;

#[test]
fn every_seed_passes_through_without_panicking() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/parse_check");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("seed corpus folder") {
        let path = entry.expect("entry").path();
        let data = std::fs::read(&path).expect("readable seed");
        parse_check(&data);
        n += 1;
    }
    assert!(n >= 30, "only {n} seeds");
}

const TOKENS: &[&str] = &[
    "module", "protocol", "m", "{", "}", "(", ")", "[", "]", "<", ">", ";", ":", ",", ".", "=", "==", "->", "=>", "+",
    "-", "*", "&&", "!", "state", "initial", "terminal", "on", "recv", "command", "chain", "timer", "in", "as", "when",
    "let", "require", "else", "error", "\"x\"", "if", "then", "for", "send", "message", "= 32", "u8", "msat", "5 sat",
    "0x1f", "hex\"ab\"", "raw", "OP_DUP", "miniscript", "pk", "template", "input", "output", "amount", "script",
    "order", "bip69", "fn", "record", "R", "tlv", "import", "slot", "fill", "with", "invariant", "*", "//c\n", "/*", "*/",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..60)) {
        parse_check(tokens.join(" ").as_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..200)) {
        parse_check(&data);
    }
}
