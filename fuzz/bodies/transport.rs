// The body of the `transport` fuzz target, shared with the seed test in
// `node/tests/fuzz_seeds.rs` (both `include!` this file).
//
// The BOLT 8 responder fed bytes a peer controls. The first byte picks what
// the rest is:
//   0: act one;
//   1: act three, after the genuine act one;
//   2: a stream of encrypted frames, after a complete handshake;
//   3: messages the initiator encrypts (each a length byte and its bytes),
//      after `rest[0] % 132 * 4` warm-up messages (up to 524: past the key
//      rotation at 500), the last with a bit flipped in its frame.
// Nothing may panic; every message round-trips; a flipped bit is refused.
// The keys are the BOLT 8 test vectors', so the spec's encrypted "hello"
// frames decrypt in mode 2.

/// Feeds `data` to the responder side of a BOLT 8 transport.
pub fn transport(data: &[u8]) {
    use bitcoin::secp256k1::{Secp256k1, SecretKey};
    use lnp_node::transport::{Initiator, Responder, Transport, LENGTH_HEADER_LEN, TAG_LEN};

    let Some((&mode, rest)) = data.split_first() else { return };
    let key = |byte: u8| SecretKey::from_slice(&[byte; 32]).expect("a valid key");
    let responder = Responder::new(key(0x21), key(0x22));
    let initiator = Initiator::new(key(0x11), key(0x21).public_key(&Secp256k1::signing_only()), key(0x12));

    if mode % 4 == 0 {
        let _ = responder.process_act_one(rest);
        return;
    }
    let responder = responder.process_act_one(&initiator.act_one()).expect("the genuine act one");
    if mode % 4 == 1 {
        let _ = responder.process_act_three(rest);
        return;
    }
    let (act_three, mut sender) = initiator.process_act_two(&responder.act_two()).expect("the genuine act two");
    let (mut receiver, _) = responder.process_act_three(&act_three).expect("the genuine act three");

    // One frame through the receiver, as a reader would see it.
    fn receive(receiver: &mut Transport, frame: &[u8]) -> Option<Vec<u8>> {
        let header = &frame[..LENGTH_HEADER_LEN.min(frame.len())];
        let len = receiver.decrypt_length(header).ok()?;
        let body_end = (LENGTH_HEADER_LEN + usize::from(len) + TAG_LEN).min(frame.len());
        receiver.decrypt_body(&frame[header.len()..body_end]).ok()
    }

    if mode % 4 == 2 {
        let mut stream = rest;
        while !stream.is_empty() {
            let Some(msg) = receive(&mut receiver, stream) else { return };
            stream = &stream[LENGTH_HEADER_LEN + msg.len() + TAG_LEN..];
        }
        return;
    }

    let Some((&warm_up, mut rest)) = rest.split_first() else { return };
    for i in 0..usize::from(warm_up % 132) * 4 {
        let msg = i.to_le_bytes();
        let frame = sender.encrypt(&msg).expect("a short message");
        assert_eq!(receive(&mut receiver, &frame).as_deref(), Some(&msg[..]), "warm-up round trip");
    }
    while let Some((&len, tail)) = rest.split_first() {
        let (msg, tail) = tail.split_at(usize::from(len).min(tail.len()));
        let mut frame = sender.encrypt(msg).expect("a short message");
        if tail.is_empty() && !msg.is_empty() {
            let bit = usize::from(msg[0]) % (frame.len() * 8);
            frame[bit / 8] ^= 1 << (bit % 8);
            assert_eq!(receive(&mut receiver, &frame), None, "a flipped bit is refused");
            return;
        }
        assert_eq!(receive(&mut receiver, &frame).as_deref(), Some(msg), "round trip");
        rest = tail;
    }
}
