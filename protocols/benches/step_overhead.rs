//! The cost of one step of a generated machine against the same step written
//! by hand: `paychan` (specs/toy/paychan.lnp), `Open` state, payment path.
//!
//! Each group has two variants: `generated` calls
//! `lnp_protocols::generated::paychan::step` directly (not the sled driver:
//! no storage, no wire codec); `hand_written` calls the plain-Rust version in
//! `support/hand_paychan.rs`. Groups:
//! - `payment_round`: payer `send` → payee `pay` → payer `ack`, messages
//!   passed as values; dominated by one ECDSA sign and one verify;
//! - `send_step`: the payer's `send` alone (build the payout, sign it);
//! - `pay_step`: the payee's `pay` alone (rebuild the payout, verify);
//! - `ack_step`: the payer's `ack` alone: no crypto, so what is left is
//!   dispatch, state handling and checked arithmetic.
//!
//! What is measured differs by API, on purpose: the generated `step` consumes
//! the state and returns nothing of it on a reject, so a caller that must keep
//! the old state on a reject (the driver, the tests) clones it first, and the
//! `generated` variants include that clone and the building of the `Input`.
//! The hand-written methods take `&mut self` and change nothing on a
//! refusal, so they need no clone. Where a hand-written step cannot be
//! repeated on the same state (`pay` refuses a total it already has), the
//! state is restored by a clone outside the timed part (`iter_batched_ref`).
//!
//! Every routine hands its result to `std::hint::black_box` ([`sink`]) and returns `()`:
//! criterion 0.5's own `black_box` (without its nightly feature) is a
//! `read_volatile`, which copies a value byte by byte: on the 272-byte
//! `Result` of the generated `step` that alone cost ~25 ns per iteration.
//!
//! Before measuring, the setup asserts that both implementations produce the
//! same payout transactions, signatures, messages and refusals
//! (`support/fixtures.rs`); `cargo test -p lnp-protocols --bench step_overhead`
//! runs just that and each routine once.
//!
//! Run: `cargo bench -p lnp-protocols --bench step_overhead`. Target (issue):
//! generated ≤ 1.2 × hand-written.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use lnp_engine::rt::Msat;
use lnp_protocols::generated::paychan::{self as gen, Command, Input};
use std::hint::black_box;

#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/hand_paychan.rs"]
mod hand_paychan;

use fixtures::{open_generated, open_hand_written, sent_message, to_gen_ack, to_gen_pay, GenParty};

/// Paid before measuring, so every payout has both outputs (10 000 sat is far above dust).
const ALREADY_PAID_MSAT: u64 = 10_000_000;
/// Paid per measured payment, one satoshi (the spec pays whole satoshis): the
/// channel holds millions of rounds, more than any measurement runs.
const STEP_MSAT: u64 = 1_000;

/// Keeps the optimizer from discarding a result, without copying it (see above).
fn sink<T>(value: T) {
    black_box(value);
}

fn send_input(amount_msat: u64) -> Input {
    Input::Command(Command::Send(gen::Send { amount: Msat(amount_msat) }))
}

/// Both pairs, equivalent, after the same first payment.
fn paid_pairs() -> (GenParty, GenParty, hand_paychan::Payer, hand_paychan::Payee) {
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let (mut g_payer, mut g_payee) = open_generated();
    let (mut h_payer, mut h_payee) = open_hand_written(&g_payer);
    let pay = sent_message(g_payer.feed(send_input(ALREADY_PAID_MSAT)).expect("send"));
    let ack = sent_message(g_payee.feed(Input::Recv(pay)).expect("pay"));
    g_payer.feed(Input::Recv(ack)).expect("ack");
    let pay = h_payer.send(ALREADY_PAID_MSAT, &secp).expect("send");
    let ack = h_payee.on_pay(&pay, &secp).expect("pay");
    h_payer.on_ack(&ack).expect("ack");
    (g_payer, g_payee, h_payer, h_payee)
}

fn payment_round(c: &mut Criterion) {
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let (mut g_payer, mut g_payee, mut h_payer, mut h_payee) = paid_pairs();
    let mut g = c.benchmark_group("payment_round");
    g.bench_function("generated", |b| {
        b.iter(|| {
            let pay = sent_message(g_payer.feed(send_input(STEP_MSAT)).expect("send"));
            let ack = sent_message(g_payee.feed(Input::Recv(pay)).expect("pay"));
            sink(g_payer.feed(Input::Recv(ack)).expect("ack"));
        })
    });
    g.bench_function("hand_written", |b| {
        b.iter(|| {
            let pay = h_payer.send(STEP_MSAT, &secp).expect("send");
            let ack = h_payee.on_pay(&pay, &secp).expect("pay");
            h_payer.on_ack(&ack).expect("ack");
        })
    });
    g.finish();
    // Every measured round completed: nothing is left pending on either side.
    assert_eq!(g_payer.open().pending, Msat(0));
    assert_eq!(h_payer.pending_msat(), 0);
}

fn send_step(c: &mut Criterion) {
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let (mut g_payer, _, h_payer, _) = paid_pairs();
    let mut g = c.benchmark_group("send_step");
    g.bench_function("generated", |b| {
        b.iter(|| {
            sink(gen::step(g_payer.state.clone(), black_box(send_input(STEP_MSAT)), &g_payer.env, &mut g_payer.ctx));
        })
    });
    g.bench_function("hand_written", |b| {
        b.iter_batched_ref(
            || h_payer.clone(),
            |payer| {
                sink(payer.send(black_box(STEP_MSAT), &secp));
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn pay_step(c: &mut Criterion) {
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let (mut g_payer, mut g_payee, mut h_payer, h_payee) = paid_pairs();
    // The next payment, signed (identically) by both payers.
    let g_pay = sent_message(g_payer.feed(send_input(STEP_MSAT)).expect("send"));
    let h_pay = h_payer.send(STEP_MSAT, &secp).expect("send");
    assert_eq!(g_pay, to_gen_pay(&h_pay));
    gen::step(g_payee.state.clone(), Input::Recv(g_pay.clone()), &g_payee.env, &mut g_payee.ctx).expect("pay accepted");
    h_payee.clone().on_pay(&h_pay, &secp).expect("pay accepted");

    let mut g = c.benchmark_group("pay_step");
    g.bench_function("generated", |b| {
        b.iter(|| {
            sink(gen::step(
                g_payee.state.clone(),
                black_box(Input::Recv(g_pay.clone())),
                &g_payee.env,
                &mut g_payee.ctx,
            ));
        })
    });
    g.bench_function("hand_written", |b| {
        b.iter_batched_ref(
            || h_payee.clone(),
            |payee| {
                sink(payee.on_pay(black_box(&h_pay), &secp));
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn ack_step(c: &mut Criterion) {
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let (mut g_payer, mut g_payee, mut h_payer, mut h_payee) = paid_pairs();
    // Both payers with one payment pending, and the payee's ack for it.
    let g_pay = sent_message(g_payer.feed(send_input(STEP_MSAT)).expect("send"));
    let g_ack = sent_message(g_payee.feed(Input::Recv(g_pay)).expect("pay"));
    let h_pay = h_payer.send(STEP_MSAT, &secp).expect("send");
    let h_ack = h_payee.on_pay(&h_pay, &secp).expect("pay");
    assert_eq!(g_ack, to_gen_ack(&h_ack));
    gen::step(g_payer.state.clone(), Input::Recv(g_ack.clone()), &g_payer.env, &mut g_payer.ctx).expect("ack accepted");
    h_payer.clone().on_ack(&h_ack).expect("ack accepted");

    let mut g = c.benchmark_group("ack_step");
    g.bench_function("generated", |b| {
        b.iter(|| {
            sink(gen::step(
                g_payer.state.clone(),
                black_box(Input::Recv(g_ack.clone())),
                &g_payer.env,
                &mut g_payer.ctx,
            ));
        })
    });
    // Accepting the same ack again leaves the payer as it was, so no restore is needed.
    g.bench_function("hand_written", |b| {
        b.iter(|| {
            sink(black_box(&mut h_payer).on_ack(black_box(&h_ack)));
        })
    });
    g.finish();
}

fn equivalence(_: &mut Criterion) {
    fixtures::assert_equivalent();
}

criterion_group!(step_overhead, equivalence, payment_round, send_step, pay_step, ack_step);
criterion_main!(step_overhead);
