//! Runs the `peer_message` and `stored_state` fuzz targets' bodies over their
//! seed corpora (`fuzz/corpus/{peer_message,stored_state}/`: real encodings
//! of the toy channel's messages and states) and over random and mutated
//! bytes: no peer bytes or stored bytes panic a generated decoder, and what
//! decodes round-trips. `LNP_WRITE_SEEDS=1 cargo test -p lnp-protocols --test
//! fuzz_seeds` rewrites the corpora from the seeds built here.

include!("../../fuzz/bodies/peer_message.rs");
include!("../../fuzz/bodies/stored_state.rs");

use bitcoin::secp256k1::SecretKey;
use lnp_engine::rt::{self, Msat, Sat};
use lnp_engine::soft::SoftContext;
use lnp_protocols::generated::paychan::*;
use proptest::prelude::*;
use std::path::PathBuf;

/// Every message and state (and effect) a short run of the toy channel
/// produces, encoded: (messages, stored values).
fn seeds() -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let env = |role| Env { params: Params::new(Sat(100_000)), role };
    let mut ctx = [SoftContext::new([1; 32], [2; 32]), SoftContext::new([3; 32], [4; 32])];
    let payer_key = ctx[0].add_key(SecretKey::from_slice(&[7; 32]).expect("key"));
    let funding = rt::OutPoint { txid: "44".repeat(32).parse().expect("txid"), vout: 1 };
    let envs = [env(Role::Payer), env(Role::Payee)];
    let mut states = [State::initial(), State::initial()];
    let (mut messages, mut stored) = (Vec::new(), Vec::new());
    let confirmed = Input::Chain(rt::ChainEvent::Confirmed("funding_deep", rt::Confirmed { txid: funding.txid, height: 9 }));
    let script: Vec<(usize, Input)> = vec![
        (0, Input::Command(Command::Open(Open { payer_key }))),
        (0, Input::Command(Command::Fund(Fund { funding }))),
        (0, confirmed.clone()),
        (1, confirmed),
        (0, Input::Command(Command::Send(Send { amount: Msat(1_234_000) }))),
        (0, Input::Command(Command::Send(Send { amount: Msat(5_000) }))),
        (1, Input::Command(Command::Settle(Settle {}))),
    ];
    let mut queue: Vec<(usize, Input)> = script.into_iter().rev().collect();
    while let Some((p, input)) = queue.pop() {
        let Ok((next, effects)) = step(states[p].clone(), input, &envs[p], &mut ctx[p]) else { continue };
        states[p] = next;
        stored.push(states[p].encode().expect("state encodes"));
        for e in &effects {
            stored.push(encode_effect(e).expect("effect encodes"));
            if let rt::Effect::Send(m) = e {
                messages.push(m.encode().expect("message encodes"));
                queue.push((1 - p, Input::Recv(m.clone())));
            }
        }
    }
    messages.push(
        Message::Propose(Propose { capacity: Sat(100_000), payer_key, note: Some("hello".into()) }).encode().expect("encodes"),
    );
    (messages, stored)
}

fn corpus(name: &str, fresh: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus").join(name);
    if std::env::var_os("LNP_WRITE_SEEDS").is_some() {
        std::fs::create_dir_all(&dir).expect("corpus folder");
        for (i, bytes) in fresh.iter().enumerate() {
            std::fs::write(dir.join(format!("seed_{i:02}.bin")), bytes).expect("write seed");
        }
    }
    std::fs::read_dir(&dir)
        .expect("seed corpus folder")
        .map(|e| std::fs::read(e.expect("entry").path()).expect("readable seed"))
        .collect()
}

#[test]
fn every_seed_passes_through_without_panicking() {
    let (messages, stored) = seeds();
    assert!(messages.len() >= 6 && stored.len() >= 10, "the run produced too little");
    let committed_messages = corpus("peer_message", &messages);
    let committed_stored = corpus("stored_state", &stored);
    assert!(committed_messages.len() >= 6 && committed_stored.len() >= 10);
    for m in committed_messages.iter().chain(&messages) {
        peer_message(m);
    }
    for s in committed_stored.iter().chain(&stored) {
        stored_state(s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..200)) {
        peer_message(&data);
        stored_state(&data);
    }

    /// Real encodings with one byte changed or cut short.
    #[test]
    fn mutated_encodings_never_panic(pick in any::<prop::sample::Index>(), at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<bool>()) {
        let (messages, stored) = seeds();
        let all: Vec<&Vec<u8>> = messages.iter().chain(&stored).collect();
        let mut bytes = all[pick.index(all.len())].clone();
        let i = at.index(bytes.len().max(1)).min(bytes.len().saturating_sub(1));
        if cut { bytes.truncate(i) } else if let Some(b) = bytes.get_mut(i) { *b = byte }
        peer_message(&bytes);
        stored_state(&bytes);
    }
}
