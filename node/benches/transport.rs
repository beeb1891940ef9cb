//! BOLT 8 speed (issue 5's bar: handshakes per second): one full Noise_XK
//! handshake between an initiator and a responder held in memory (acts one
//! to three, both sides' work), and one 1 KiB message encrypted and
//! decrypted; beside them, in the same run, the secp256k1 ECDH the handshake
//! cannot avoid (three per side) as the floor to compare with.
//!
//! What it leaves out: sockets and tokio (the loopback tests show those
//! work); the figure is the CPU cost of the protocol.
//!
//! Run: `cargo bench -p lnp-node --bench transport`.

use bitcoin::secp256k1::{ecdh::SharedSecret, PublicKey, Secp256k1, SecretKey};
use criterion::{criterion_group, criterion_main, Criterion};
use lnp_node::transport::{Initiator, Responder};
use std::hint::black_box;

fn key(b: u8) -> SecretKey {
    SecretKey::from_slice(&[b; 32]).unwrap_or_else(|e| panic!("a fixed key: {e}"))
}

fn handshake(c: &mut Criterion) {
    let secp = Secp256k1::new();
    let (a, b) = (key(0x11), key(0x22));
    let b_pub = PublicKey::from_secret_key(&secp, &b);
    let mut g = c.benchmark_group("bolt8");
    g.bench_function("handshake", |bench| {
        bench.iter(|| {
            let initiator = Initiator::new(a, b_pub, key(0x33));
            let act_one = initiator.act_one();
            let waiting = Responder::new(b, key(0x44)).process_act_one(&act_one).unwrap_or_else(|e| panic!("act one: {e}"));
            let (act_three, _a_session) = initiator.process_act_two(&waiting.act_two()).unwrap_or_else(|e| panic!("act two: {e}"));
            let (_b_session, who) = waiting.process_act_three(&act_three).unwrap_or_else(|e| panic!("act three: {e}"));
            black_box(who)
        })
    });
    let initiator = Initiator::new(a, b_pub, key(0x33));
    let waiting = Responder::new(b, key(0x44)).process_act_one(&initiator.act_one()).unwrap_or_else(|e| panic!("act one: {e}"));
    let (act_three, mut a_session) = initiator.process_act_two(&waiting.act_two()).unwrap_or_else(|e| panic!("act two: {e}"));
    let (mut b_session, _) = waiting.process_act_three(&act_three).unwrap_or_else(|e| panic!("act three: {e}"));
    let msg = vec![0x5a; 1024];
    g.bench_function("message_1KiB", |bench| {
        bench.iter(|| {
            let frame = a_session.encrypt(black_box(&msg)).unwrap_or_else(|e| panic!("encrypt: {e}"));
            let len = b_session.decrypt_length(&frame[..18]).unwrap_or_else(|e| panic!("length: {e}"));
            let body = b_session.decrypt_body(&frame[18..18 + usize::from(len) + 16]).unwrap_or_else(|e| panic!("body: {e}"));
            black_box(body)
        })
    });
    let point = PublicKey::from_secret_key(&secp, &key(0x55));
    g.bench_function("ecdh", |bench| bench.iter(|| black_box(SharedSecret::new(black_box(&point), black_box(&a)))));
    g.finish();
}

criterion_group!(transport, handshake);
criterion_main!(transport);
