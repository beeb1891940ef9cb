// The body of the `stored_state` fuzz target, shared with the seed test in
// `protocols/tests/fuzz_seeds.rs` (both `include!` this file).
//
// Bytes read back from the store (a corrupted or foreign database) go
// through the generated state and effect decoders: no panic, and what
// decodes round-trips.

/// Decodes one stored value as a state and as an effect.
pub fn stored_state(data: &[u8]) {
    use lnp_protocols::generated::{bolt_channel, paychan};
    if let Ok(s) = paychan::State::decode(data) {
        let again = s.encode().expect("a decoded state encodes");
        assert_eq!(paychan::State::decode(&again), Ok(s), "paychan state round trip");
    }
    if let Ok(e) = paychan::decode_effect(data) {
        let again = paychan::encode_effect(&e).expect("a decoded effect encodes");
        assert_eq!(paychan::decode_effect(&again), Ok(e), "paychan effect round trip");
    }
    if let Ok(s) = bolt_channel::State::decode(data) {
        let again = s.encode().expect("a decoded state encodes");
        assert_eq!(bolt_channel::State::decode(&again), Ok(s), "bolt_channel state round trip");
    }
}
