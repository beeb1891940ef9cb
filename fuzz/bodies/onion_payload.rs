// The body of the `onion_payload` fuzz target, shared with the seed test in
// `node/tests/fuzz_seeds.rs` (both `include!` this file).
//
// Arbitrary bytes read as a BOLT 4 hop payload, both as a forwarding hop's
// and as the final hop's: no panic; what decodes re-encodes to the same
// bytes (unknown odd records are kept); a refusal narrowed to one record
// names an offset inside the payload.

/// Decodes `data` as a forwarding and as a final hop payload.
pub fn onion_payload(data: &[u8]) {
    use lnp_node::onion::{FinalPayload, ForwardPayload, PayloadError};
    let offset_inside = |e: &PayloadError| {
        if let Some((_, offset)) = e.type_and_offset() {
            assert!(usize::from(offset) <= data.len(), "offset {offset} past the payload: {e}");
        }
    };
    match ForwardPayload::decode(data) {
        Ok(p) => assert_eq!(p.encode(), data, "forward payload round trip"),
        Err(e) => offset_inside(&e),
    }
    match FinalPayload::decode(data) {
        Ok(p) => assert_eq!(p.encode(), data, "final payload round trip"),
        Err(e) => offset_inside(&e),
    }
}
