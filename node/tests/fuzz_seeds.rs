//! Runs the `transport` fuzz target's body over its committed seed corpus
//! (`fuzz/corpus/transport/`, made from the BOLT 8 vectors), over seeds
//! derived from the vectors here (every prefix of every act and of the
//! spec's encrypted frames), and over random bytes: no input panics the
//! responder, and messages round-trip. Likewise the `onion_peel` and
//! `onion_payload` targets' bodies over their corpora (made from the BOLT 4
//! onion vector) and random bytes: no input panics, genuine layers peel,
//! payloads round-trip, a changed byte is refused.

include!("../../fuzz/bodies/transport.rs");
include!("../../fuzz/bodies/onion_peel.rs");
include!("../../fuzz/bodies/onion_payload.rs");

use proptest::prelude::*;

#[test]
fn every_seed_passes_through_without_panicking() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/transport");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("seed corpus folder") {
        transport(&std::fs::read(entry.expect("entry").path()).expect("readable seed"));
        n += 1;
    }
    assert!(n >= 20, "only {n} seeds");
}

#[test]
fn every_prefix_of_every_vector_input_passes_through() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/bolt08-transport.json"
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("vector file"))
            .expect("vector JSON");
    let hex_field = |case: &serde_json::Value, field: &str| {
        case[field].as_str().map(|s| hex::decode(s).expect("hex"))
    };
    let mut seeds: Vec<Vec<u8>> = Vec::new();
    for case in v["responder"]
        .as_array()
        .into_iter()
        .chain(v["initiator"].as_array())
        .flatten()
    {
        for (mode, field) in [
            (0u8, "act_one_input"),
            (0, "act_two_input"),
            (1, "act_three_input"),
        ] {
            if let Some(bytes) = hex_field(case, field) {
                seeds.push([&[mode][..], &bytes].concat());
            }
        }
    }
    let outputs = &v["message_encryption"]["outputs"];
    let frames: Vec<u8> = ["0", "1"]
        .iter()
        .flat_map(|n| hex_field(outputs, n).expect("an encrypted frame"))
        .collect();
    seeds.push([&[2u8][..], &frames].concat());
    let mut n = 0;
    for seed in &seeds {
        for end in 0..=seed.len() {
            transport(&seed[..end]);
            n += 1;
        }
    }
    assert!(n > 1000, "only {n} inputs");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..200)) {
        transport(&data);
    }

    #[test]
    fn arbitrary_acts_never_panic(
        mode in 0u8..2,
        act in prop::collection::vec(any::<u8>(), 45..70),
    ) {
        transport(&[&[mode][..], &act].concat());
    }

}

proptest! {
    // Few cases: each runs a handshake and up to 524 warm-up messages.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_messages_round_trip(
        // Short of the first key rotation, or just past it (500 messages).
        warm_up in prop_oneof![0u8..4, 125u8..132],
        messages in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..40), 0..6),
    ) {
        let mut data = vec![3, warm_up];
        for msg in &messages {
            data.push(msg.len() as u8);
            data.extend_from_slice(msg);
        }
        transport(&data);
    }
}

/// Runs `body` over every seed in `fuzz/corpus/<target>/`; returns how many.
fn run_corpus(target: &str, body: fn(&[u8])) -> usize {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("seed corpus folder") {
        body(&std::fs::read(entry.expect("entry").path()).expect("readable seed"));
        n += 1;
    }
    n
}

#[test]
fn every_onion_seed_passes_through_without_panicking() {
    let peel = run_corpus("onion_peel", onion_peel);
    assert!(peel >= 15, "only {peel} onion_peel seeds");
    let payload = run_corpus("onion_payload", onion_payload);
    assert!(payload >= 10, "only {payload} onion_payload seeds");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_payloads_never_panic(data in prop::collection::vec(any::<u8>(), 0..80)) {
        onion_payload(&data);
    }

    #[test]
    fn arbitrary_packets_never_panic(data in prop::collection::vec(any::<u8>(), 0..1400)) {
        onion_peel(&[&[0u8][..], &data].concat());
    }

    #[test]
    fn arbitrary_routes_peel_or_refuse_consistently(
        flip in proptest::option::of((any::<u16>(), any::<u8>())),
        payloads in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..60), 1..8),
    ) {
        let mut data = match flip {
            Some((at, mask)) => [&[2u8][..], &at.to_be_bytes(), &[mask]].concat(),
            None => vec![1],
        };
        for p in &payloads {
            data.extend_from_slice(&(p.len() as u16).to_be_bytes());
            data.extend_from_slice(p);
        }
        onion_peel(&data);
    }
}
