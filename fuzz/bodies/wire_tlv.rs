// The body of the `wire_tlv` fuzz target, shared with the seed test in
// `engine/tests/fuzz_seeds.rs` (both `include!` this file).
//
// BigSize and TLV streams (BOLT 1) from arbitrary bytes: no panic; a
// BigSize that decodes is canonical (re-encodes to the same bytes); a TLV
// stream that decodes with every type known re-encodes to the same bytes.

/// Decodes `data` as a BigSize and as a TLV stream.
pub fn wire_tlv(data: &[u8]) {
    use lnp_engine::wire::{bigsize, tlv};
    if let Ok((v, used)) = bigsize::read(data) {
        let mut out = Vec::new();
        bigsize::write(&mut out, v);
        assert_eq!(out.as_slice(), &data[..used], "BigSize is canonical");
    }
    if let Ok(stream) = tlv::TlvStream::decode(data, |_| true) {
        let mut records: Vec<(u64, Vec<u8>)> = stream.records.iter().map(|r| (r.tlv_type, r.value.to_vec())).collect();
        assert_eq!(tlv::encode(&mut records), data, "TLV stream round trip");
    }
    // Only odd types known to nobody: an even type must be refused.
    if let Ok(stream) = tlv::TlvStream::decode(data, |_| false) {
        assert!(stream.records.is_empty());
    }
}
