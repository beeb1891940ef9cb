// The body of the `onion_peel` fuzz target, shared with the seed test in
// `node/tests/fuzz_seeds.rs` (both `include!` this file).
//
// BOLT 4 onion peeling. Node `i` of a route has the secret key `[0x41 + i;
// 32]`, the origin's session key is `[0x41; 32]` and the payment hash
// `[0x42; 32]` — the keys of BOLT 4's `onion-test.json`, so its onion peels
// in mode 0 and its payloads rebuild it in mode 1. The first byte picks what
// the rest is:
//   0: a packet from a peer (cut or zero-padded to 1366 bytes), peeled by
//      node 0: no panic;
//   1: a route: hop payloads, each a 2-byte big-endian length and its bytes
//      (at most 27 hops), built into an onion and peeled hop by hop: every
//      layer authenticates; hops before the last forward and the last is
//      final; a payload that decodes re-encodes to its bytes, one refused
//      at a hop is refused by the decoder for that hop's role too;
//   2: the next two bytes choose a byte of the packet (big-endian, modulo
//      1366) and the third a nonzero XOR mask; the rest is a route as in
//      mode 1, whose packet gets that byte changed: node 0 refuses it as a
//      bad version, key or HMAC, never reaching the payload.

/// Peels `data` as a packet, or builds a route from it and peels that.
pub fn onion_peel(data: &[u8]) {
    use bitcoin::secp256k1::{PublicKey, Secp256k1, SecretKey};
    use lnp_node::onion::{build_onion, peel_onion, FinalPayload, ForwardPayload, PeelError, Peeled, PACKET_LEN};

    const PAYMENT_HASH: [u8; 32] = [0x42; 32];
    let node_key = |i: usize| SecretKey::from_slice(&[0x41 + i as u8; 32]).expect("a valid key");
    let Some((&mode, rest)) = data.split_first() else { return };

    if mode % 3 == 0 {
        let mut packet = [0u8; PACKET_LEN];
        let n = rest.len().min(PACKET_LEN);
        packet[..n].copy_from_slice(&rest[..n]);
        let _ = peel_onion(&node_key(0), &packet, &PAYMENT_HASH);
        return;
    }

    let (flip, mut rest) = match (mode % 3, rest) {
        (2, [hi, lo, mask, tail @ ..]) => (Some((usize::from(u16::from_be_bytes([*hi, *lo])) % PACKET_LEN, *mask | 1)), tail),
        (2, _) => return,
        _ => (None, rest),
    };
    let mut payloads: Vec<&[u8]> = Vec::new();
    while let [hi, lo, tail @ ..] = rest {
        if payloads.len() == 27 {
            break;
        }
        let (payload, tail) = tail.split_at(usize::from(u16::from_be_bytes([*hi, *lo])).min(tail.len()));
        payloads.push(payload);
        rest = tail;
    }
    let secp = Secp256k1::signing_only();
    let hops: Vec<(PublicKey, Vec<u8>)> =
        payloads.iter().enumerate().map(|(i, p)| (PublicKey::from_secret_key(&secp, &node_key(i)), p.to_vec())).collect();
    let Ok(mut packet) = build_onion(&node_key(0), &hops, &PAYMENT_HASH) else { return };

    if let Some((at, mask)) = flip {
        packet[at] ^= mask;
        match peel_onion(&node_key(0), &packet, &PAYMENT_HASH) {
            Err(PeelError::BadVersion { .. } | PeelError::BadKey { .. } | PeelError::BadHmac { .. }) => {}
            other => panic!("byte {at} changed, yet: {other:?}"),
        }
        return;
    }

    for (i, payload) in payloads.iter().enumerate() {
        let last = i + 1 == payloads.len();
        match peel_onion(&node_key(i), &packet, &PAYMENT_HASH) {
            Ok(Peeled::Forward { payload: decoded, next_packet, .. }) => {
                assert!(!last, "the last hop forwards");
                assert_eq!(decoded.encode(), *payload, "hop {i}'s payload round trip");
                packet = *next_packet;
            }
            Ok(Peeled::Final { payload: decoded, .. }) => {
                assert!(last, "hop {i} of {} is final", payloads.len());
                assert_eq!(decoded.encode(), *payload, "the final payload round trip");
            }
            Err(PeelError::BadPayload { .. }) => {
                let refused =
                    if last { FinalPayload::decode(payload).is_err() } else { ForwardPayload::decode(payload).is_err() };
                assert!(refused, "hop {i}: the onion refuses a payload the decoder accepts");
                return;
            }
            Err(e) => panic!("hop {i}: a genuine layer refused: {e}"),
        }
    }
}
