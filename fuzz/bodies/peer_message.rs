// The body of the `peer_message` fuzz target, shared with the seed test in
// `protocols/tests/fuzz_seeds.rs` (both `include!` this file).
//
// Any bytes a peer sends go through every generated message decoder. None
// may panic; whatever decodes must encode again and decode to the same
// message (the codecs are inverse on what they accept).

/// Decodes one peer message with each generated protocol's codec.
pub fn peer_message(data: &[u8]) {
    use lnp_protocols::generated::{bolt_channel, paychan, peer};
    if let Ok(Some(m)) = paychan::Message::decode(data) {
        let again = m.encode().expect("a decoded message encodes");
        assert_eq!(paychan::Message::decode(&again), Ok(Some(m)), "paychan round trip");
    }
    if let Ok(Some(m)) = peer::Message::decode(data) {
        let again = m.encode().expect("a decoded message encodes");
        assert_eq!(peer::Message::decode(&again), Ok(Some(m)), "peer round trip");
    }
    if let Ok(Some(m)) = bolt_channel::Message::decode(data) {
        let again = m.encode().expect("a decoded message encodes");
        assert_eq!(bolt_channel::Message::decode(&again), Ok(Some(m)), "bolt_channel round trip");
    }
}
