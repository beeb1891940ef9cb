//! Runs the `wire_tlv` fuzz target's body over its committed seed corpus
//! (`fuzz/corpus/wire_tlv/`, the BOLT 1 BigSize and TLV vectors) and over
//! random bytes: no input panics the codec, and what decodes round-trips.

include!("../../fuzz/bodies/wire_tlv.rs");

use proptest::prelude::*;

#[test]
fn every_seed_passes_through_without_panicking() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/wire_tlv");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("seed corpus folder") {
        wire_tlv(&std::fs::read(entry.expect("entry").path()).expect("readable seed"));
        n += 1;
    }
    assert!(n >= 70, "only {n} seeds");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..64)) {
        wire_tlv(&data);
    }
}
