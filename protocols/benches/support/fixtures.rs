//! Fixtures of the `step_overhead` bench: a generated payer/payee pair driven
//! to `Open` exactly as `protocols/tests/paychan_run.rs` does, the
//! hand-written pair ([`super::hand_paychan`]) on the same channel, and
//! [`assert_equivalent`], which proves the two agree byte for byte before
//! anything is measured.
//!
//! Not a test harness of the protocol itself (that is `tests/paychan_run.rs`):
//! only what makes the comparison fair is checked here. Messages pass between
//! machines as values, not through the wire codec, so the bench measures
//! steps and nothing else.

use super::hand_paychan::{self as hand, ChannelTerms, PayError};
use bitcoin::secp256k1::{Secp256k1, SecretKey};
use lnp_engine::rt::{self, Confirmed, Effect as Fx, Msat, RejectKind, Sat};
use lnp_engine::soft::SoftContext;
use lnp_protocols::generated::paychan::{self as gen, Command, Env, Input, Message, Params, Role, State};

/// The channel every fixture opens.
pub const CAPACITY_SAT: u64 = 10_000_000;
/// The payer's signing key (the same as in `tests/paychan_run.rs`).
pub const PAYER_SECRET: [u8; 32] = [7; 32];

/// One generated machine with what `step` needs beside the state.
pub struct GenParty {
    pub state: State,
    pub env: Env,
    pub ctx: SoftContext,
}

impl GenParty {
    fn new(role: Role, seed: u8) -> GenParty {
        let mut ctx = SoftContext::new([seed; 32], [seed ^ 0x55; 32]);
        ctx.set_height(100);
        GenParty { state: State::initial(), env: Env { params: Params::new(Sat(CAPACITY_SAT)), role }, ctx }
    }

    /// One step; on success the state advances, on reject it stays as it was
    /// (which is why the state is cloned: `step` consumes it).
    pub fn feed(&mut self, input: Input) -> Result<Vec<gen::Effect>, rt::Reject> {
        let (next, fx) = gen::step(self.state.clone(), input, &self.env, &mut self.ctx)?;
        self.state = next;
        Ok(fx)
    }

    /// The `Open` state's data; panics in any other state (a fixture bug).
    pub fn open(&self) -> &gen::state::Open {
        match &self.state {
            State::Open(open) => open,
            other => panic!("fixture expects Open, the machine is in {}", other.name()),
        }
    }
}

/// The one message a step sent; panics otherwise (a fixture bug).
pub fn sent_message(fx: Vec<gen::Effect>) -> Message {
    let mut sent = fx.into_iter().filter_map(|e| if let Fx::Send(m) = e { Some(m) } else { None });
    let first = sent.next().expect("the step sent a message");
    assert!(sent.next().is_none(), "the step sent more than one message");
    first
}

pub fn funding() -> rt::OutPoint {
    rt::OutPoint { txid: "11".repeat(32).parse().expect("a 64-digit hex txid"), vout: 1 }
}

/// A generated payer and payee, opened through the spec's handshake.
pub fn open_generated() -> (GenParty, GenParty) {
    let mut payer = GenParty::new(Role::Payer, 1);
    let mut payee = GenParty::new(Role::Payee, 2);
    let payer_key = payer.ctx.add_key(SecretKey::from_slice(&PAYER_SECRET).expect("a valid secret key"));
    let propose = sent_message(payer.feed(Input::Command(Command::Open(gen::Open { payer_key }))).expect("open"));
    let accept = sent_message(payee.feed(Input::Recv(propose)).expect("propose accepted"));
    payer.feed(Input::Recv(accept)).expect("accept accepted");
    let funded =
        sent_message(payer.feed(Input::Command(Command::Fund(gen::Fund { funding: funding() }))).expect("fund"));
    payee.feed(Input::Recv(funded)).expect("funded accepted");
    let deep = Input::Chain(rt::ChainEvent::Confirmed("funding_deep", Confirmed { txid: funding().txid, height: 103 }));
    payer.feed(deep.clone()).expect("funding confirmed (payer)");
    payee.feed(deep).expect("funding confirmed (payee)");
    (payer, payee)
}

/// The hand-written pair on the channel the generated payer has open.
pub fn open_hand_written(generated_payer: &GenParty) -> (hand::Payer, hand::Payee) {
    let open = generated_payer.open();
    let params = &generated_payer.env.params;
    let terms = ChannelTerms {
        funding: open.funding,
        payer_key: open.keys.payer,
        payee_key: open.keys.payee,
        capacity_sat: params.capacity.0,
        dust_limit_sat: params.dust_limit.0,
        close_fee_sat: params.close_fee.0,
        refund_delay: params.refund_delay,
    };
    let secret = SecretKey::from_slice(&PAYER_SECRET).expect("a valid secret key");
    let payer = hand::Payer::new(terms.clone(), secret).expect("the terms fit u64 arithmetic");
    let payee = hand::Payee::new(terms).expect("the terms fit u64 arithmetic");
    (payer, payee)
}

pub fn to_hand_pay(m: &Message) -> hand::Pay {
    match m {
        Message::Pay(p) => hand::Pay { total_msat: p.total.0, sig: p.sig },
        other => panic!("expected pay, got {}", other.name()),
    }
}

pub fn to_hand_ack(m: &Message) -> hand::Ack {
    match m {
        Message::Ack(a) => hand::Ack { total_msat: a.total.0 },
        other => panic!("expected ack, got {}", other.name()),
    }
}

pub fn to_gen_pay(p: &hand::Pay) -> Message {
    Message::Pay(gen::Pay { total: Msat(p.total_msat), sig: p.sig })
}

pub fn to_gen_ack(a: &hand::Ack) -> Message {
    Message::Ack(gen::Ack { total: Msat(a.total_msat) })
}

/// The transaction the generated payee broadcasts on `settle` from its
/// current state (the state itself is left as it is).
fn generated_settlement(payee: &mut GenParty) -> bitcoin::Transaction {
    let input = Input::Command(Command::Settle(gen::Settle {}));
    let (_, fx) = gen::step(payee.state.clone(), input, &payee.env, &mut payee.ctx).expect("settle");
    fx.into_iter().find_map(|e| if let Fx::Broadcast(tx) = e { Some(tx) } else { None }).expect("settle broadcasts")
}

/// Drives a generated pair and a hand-written pair through the same
/// payments, crossing the messages over (hand-written payer → generated
/// payee and back, and the reverse), and panics at the first difference:
/// messages, signatures, payout transactions, totals, refusals.
pub fn assert_equivalent() {
    let secp = Secp256k1::new();
    let (mut g_payer, mut g_payee) = open_generated();
    let (mut h_payer, mut h_payee) = open_hand_written(&g_payer);
    // Below dust for the payee, then both outputs, a one-satoshi step, then
    // the payer's change below dust.
    for amount_msat in [1_000, 600_000, 1_000, CAPACITY_SAT * 1_000 - 1_000_000] {
        let g_pay = sent_message(
            g_payer
                .feed(Input::Command(Command::Send(gen::Send { amount: Msat(amount_msat) })))
                .expect("generated send"),
        );
        let h_pay = h_payer.send(amount_msat, &secp).expect("hand-written send");
        assert_eq!(to_hand_pay(&g_pay), h_pay, "pay differs after sending {amount_msat} msat");

        // Crossed over: each payee checks the other implementation's signature.
        let g_ack =
            sent_message(g_payee.feed(Input::Recv(to_gen_pay(&h_pay))).expect("generated payee takes hand pay"));
        let h_ack = h_payee.on_pay(&to_hand_pay(&g_pay), &secp).expect("hand payee takes generated pay");
        assert_eq!(to_hand_ack(&g_ack), h_ack);
        g_payer.feed(Input::Recv(to_gen_ack(&h_ack))).expect("generated payer takes hand ack");
        h_payer.on_ack(&to_hand_ack(&g_ack)).expect("hand payer takes generated ack");

        assert_eq!((g_payer.open().total.0, g_payer.open().pending.0), (h_payer.total_msat(), h_payer.pending_msat()));
        assert_eq!((g_payee.open().total.0, g_payee.open().sig), (h_payee.total_msat(), h_payee.latest_sig()));

        // The payout: the generated settlement is it plus a witness (the txid
        // ignores witnesses), and that witness carries the same payer signature.
        let settlement = generated_settlement(&mut g_payee);
        let payout = h_payer.payout_tx(h_payee.total_msat()).expect("payout");
        let mut unsigned = settlement.clone();
        unsigned.input[0].witness = bitcoin::Witness::new();
        assert_eq!(bitcoin::consensus::serialize(&unsigned), bitcoin::consensus::serialize(&payout));
        let mut der = h_pay.sig.serialize_der().to_vec();
        der.push(bitcoin::EcdsaSighashType::All.to_u32() as u8);
        assert_eq!(settlement.input[0].witness.nth(1), Some(&der[..]), "payer signature in the settlement");
    }
    let paid_msat = CAPACITY_SAT * 1_000 - 398_000;
    assert_eq!(h_payee.total_msat(), paid_msat);
    assert_eq!(payout_values(&h_payer, paid_msat), [CAPACITY_SAT - 398], "payer change below dust is dropped");
    let fee = gen::Params::new(Sat(CAPACITY_SAT)).close_fee.0;
    assert_eq!(payout_values(&h_payer, 1_000), [CAPACITY_SAT - fee - 1], "payee output below dust is dropped");
    assert_eq!(payout_values(&h_payer, 600_000), [600, CAPACITY_SAT - fee - 600], "BIP 69: the smaller output first");

    // The same refusals, for the same reasons.
    let over = g_payer.feed(Input::Command(Command::Send(gen::Send { amount: Msat(1_000_000) }))).expect_err("over");
    assert_eq!((over.kind, over.message.as_str()), (RejectKind::Warning, "not enough funds"));
    assert_eq!(h_payer.send(1_000_000, &secp), Err(PayError::NotEnoughFunds));
    let zero = g_payer.feed(Input::Command(Command::Send(gen::Send { amount: Msat(0) }))).expect_err("zero");
    assert_eq!(zero.message, PayError::NothingToPay.to_string());
    assert_eq!(h_payer.send(0, &secp), Err(PayError::NothingToPay));

    let fraction = g_payer.feed(Input::Command(Command::Send(gen::Send { amount: Msat(1) }))).expect_err("1 msat");
    assert_eq!(fraction.message, PayError::NotWholeSatoshis.to_string());
    assert_eq!(h_payer.send(1, &secp), Err(PayError::NotWholeSatoshis));

    let pay = h_payer.send(1_000, &secp).expect("one more satoshi");
    let g_pay = sent_message(g_payer.feed(Input::Command(Command::Send(gen::Send { amount: Msat(1_000) }))).expect("send"));
    assert_eq!(to_hand_pay(&g_pay), pay);
    // A claim a fraction of a satoshi higher is refused before the signature
    // is checked; a whole satoshi higher, the payout signed does not pay it.
    let mut fractional = pay;
    fractional.total_msat += 999;
    let err = g_payee.feed(Input::Recv(to_gen_pay(&fractional))).expect_err("fractional pay");
    assert_eq!(err.message, PayError::TotalNotWholeSatoshis.to_string());
    assert_eq!(h_payee.on_pay(&fractional, &secp), Err(PayError::TotalNotWholeSatoshis));
    let mut forged = pay;
    forged.total_msat += 1_000;
    let err = g_payee.feed(Input::Recv(to_gen_pay(&forged))).expect_err("forged pay");
    assert_eq!((err.kind, err.message.as_str()), (RejectKind::Error, "bad signature"));
    assert_eq!(h_payee.on_pay(&forged, &secp), Err(PayError::BadSignature));
    let g_ack = sent_message(g_payee.feed(Input::Recv(to_gen_pay(&pay))).expect("genuine pay"));
    let h_ack = h_payee.on_pay(&pay, &secp).expect("genuine pay");
    let err = g_payee.feed(Input::Recv(to_gen_pay(&pay))).expect_err("replayed pay");
    assert_eq!(err.message, PayError::PaymentsOnlyGrow.to_string());
    assert_eq!(h_payee.on_pay(&pay, &secp), Err(PayError::PaymentsOnlyGrow));

    let too_much = hand::Ack { total_msat: h_ack.total_msat + 1 };
    let err = g_payer.feed(Input::Recv(to_gen_ack(&too_much))).expect_err("ack beyond what was sent");
    assert_eq!(err.message, PayError::UnknownPayment.to_string());
    assert_eq!(h_payer.on_ack(&too_much), Err(PayError::UnknownPayment));
    g_payer.feed(Input::Recv(g_ack)).expect("ack");
    h_payer.on_ack(&h_ack).expect("ack");
    assert_eq!((g_payer.open().total.0, g_payer.open().pending.0), (h_payer.total_msat(), h_payer.pending_msat()));
}

fn payout_values(payer: &hand::Payer, total_msat: u64) -> Vec<u64> {
    let tx = payer.payout_tx(total_msat).expect("payout");
    tx.output.iter().map(|o| o.value.to_sat()).collect()
}
