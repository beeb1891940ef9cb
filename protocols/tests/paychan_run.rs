//! The toy payment channel, compiled from `specs/toy/paychan.lnp`, run by two
//! machines wired in-process: open, pay many times, settle; and the rejects a
//! peer or a user would meet.

use bitcoin::secp256k1::SecretKey;
use lnp_engine::rt::{self, Confirmed, Effect as Fx, Msat, RejectKind, Sat, Signer as _};
use lnp_engine::soft::SoftContext;
use lnp_protocols::generated::paychan::*;

struct Party {
    state: State,
    env: Env,
    ctx: SoftContext,
}

impl Party {
    fn new(role: Role, seed: u8) -> Party {
        let mut ctx = SoftContext::new([seed; 32], [seed ^ 0x55; 32]);
        ctx.set_height(100);
        Party { state: State::initial(), env: Env { params: Params::new(Sat(100_000)), role }, ctx }
    }

    /// Steps; on success the state advances, on reject it stays as it was.
    fn feed(&mut self, input: Input) -> Result<Vec<Effect>, rt::Reject> {
        let (next, fx) = step(self.state.clone(), input, &self.env, &mut self.ctx)?;
        self.state = next;
        Ok(fx)
    }
}

/// The messages a step sent, as the peer receives them: through the wire codec.
fn sent(fx: &[Effect]) -> Vec<Message> {
    fx.iter()
        .filter_map(|e| if let Fx::Send(m) = e { Some(m) } else { None })
        .map(|m| {
            let bytes = m.encode().expect("encodes");
            Message::decode(&bytes).expect("decodes").expect("a paychan message")
        })
        .collect()
}

fn funding() -> rt::OutPoint {
    rt::OutPoint { txid: "11".repeat(32).parse().expect("txid"), vout: 1 }
}

/// Opens a channel between a payer and a payee; returns both in `Open`.
fn open() -> (Party, Party) {
    let mut payer = Party::new(Role::Payer, 1);
    let mut payee = Party::new(Role::Payee, 2);
    let payer_key = payer.ctx.add_key(SecretKey::from_slice(&[7; 32]).expect("valid key"));
    let fx = payer.feed(Input::Command(Command::Open(Open { payer_key }))).expect("open");
    let [propose] = sent(&fx).try_into().expect("one message");
    let fx = payee.feed(Input::Recv(propose)).expect("propose accepted");
    let [accept] = sent(&fx).try_into().expect("one message");
    let fx = payer.feed(Input::Recv(accept)).expect("accept accepted");
    assert!(fx.iter().any(|e| matches!(e, Fx::Emit(Event::FundingNeeded(f)) if f.amount == Sat(100_000))));
    let fx = payer.feed(Input::Command(Command::Fund(Fund { funding: funding() }))).expect("fund");
    let [funded] = sent(&fx).try_into().expect("one message");
    let fx = payee.feed(Input::Recv(funded)).expect("funded accepted");
    assert!(fx.iter().any(|e| matches!(e, Fx::WatchConfirm { name: "funding_deep", depth: 3, .. })));
    let deep = Input::Chain(rt::ChainEvent::Confirmed("funding_deep", Confirmed { txid: funding().txid, height: 103 }));
    for p in [&mut payer, &mut payee] {
        let fx = p.feed(deep.clone()).expect("funding confirmed");
        assert!(fx.iter().any(|e| matches!(e, Fx::WatchSpend { name: "funding_spent", .. })));
        assert_eq!(p.state.name(), "Open");
    }
    (payer, payee)
}

fn pay(payer: &mut Party, payee: &mut Party, amount: u64) -> Result<(), rt::Reject> {
    let fx = payer.feed(Input::Command(Command::Send(Send { amount: Msat(amount) })))?;
    let [pay] = sent(&fx).try_into().expect("one message");
    let fx = payee.feed(Input::Recv(pay))?;
    let [ack] = sent(&fx).try_into().expect("one ack");
    payer.feed(Input::Recv(ack))?;
    Ok(())
}

fn totals(p: &Party) -> (Msat, Msat) {
    match &p.state {
        State::Open(o) => (o.total, o.pending),
        other => panic!("not open: {}", other.name()),
    }
}

#[test]
fn two_machines_open_pay_fifty_times_and_settle() {
    let (mut payer, mut payee) = open();
    let mut sum = 0;
    for i in 1..=50u64 {
        pay(&mut payer, &mut payee, i * 1_000).expect("payment");
        sum += i * 1_000;
    }
    assert_eq!(totals(&payee), (Msat(sum), Msat(0)));
    assert_eq!(totals(&payer), (Msat(sum), Msat(0)));
    let fx = payee.feed(Input::Command(Command::Settle(Settle {}))).expect("settle");
    assert_eq!(payee.state.name(), "Closing");
    let tx = fx.iter().find_map(|e| if let Fx::Broadcast(tx) = e { Some(tx.clone()) } else { None }).expect("broadcast");
    // BIP 69 order: the smaller output first; the payee gets exactly what was paid.
    let values: Vec<u64> = tx.output.iter().map(|o| o.value.to_sat()).collect();
    let fee = payee.env.params.close_fee.0;
    assert_eq!(values, vec![sum / 1000, 100_000 - fee - sum / 1000], "the payer's output pays the close fee");
    assert!(fx.iter().any(|e| matches!(e, Fx::Emit(Event::Settled(s)) if s.payee_gets == Sat(sum / 1000))));
}

#[test]
fn a_forged_signature_is_rejected_and_the_state_is_kept() {
    let (mut payer, mut payee) = open();
    pay(&mut payer, &mut payee, 5_000).expect("first payment");
    let before = payee.state.clone();
    let fx = payer.feed(Input::Command(Command::Send(Send { amount: Msat(1_000) }))).expect("send");
    let msgs: [Message; 1] = sent(&fx).try_into().expect("one message");
    let [Message::Pay(mut p)] = msgs else { panic!("expected pay") };
    p.total = Msat(90_000_000); // claims far more than was signed
    let err = payee.feed(Input::Recv(Message::Pay(p))).expect_err("forgery");
    assert_eq!((err.kind, err.message.as_str()), (RejectKind::Error, "bad signature"));
    assert!(err.spec.starts_with("specs/toy/paychan.lnp:"), "{}", err.spec);
    assert_eq!(payee.state, before);
}

#[test]
fn paying_more_than_the_capacity_is_refused_to_the_user() {
    let (mut payer, mut payee) = open();
    let err = pay(&mut payer, &mut payee, 100_001_000).expect_err("over capacity");
    assert_eq!((err.kind, err.message.as_str()), (RejectKind::Warning, "not enough funds"));
}

#[test]
fn only_the_payer_may_open_and_unexpected_messages_are_warnings() {
    let mut payee = Party::new(Role::Payee, 2);
    let key = payee.ctx.per_commitment_point(9);
    let err = payee.feed(Input::Command(Command::Open(Open { payer_key: key }))).expect_err("payee");
    assert_eq!(err.kind, RejectKind::Warning);
    assert_eq!(err.message, "unexpected command open in state Idle");
    let err = payee.feed(Input::Recv(Message::Ack(Ack { total: Msat(1) }))).expect_err("ack in Idle");
    assert_eq!(err.message, "unexpected recv ack in state Idle");
    assert_eq!(payee.state, State::initial());
}

#[test]
fn the_spec_properties_are_evaluated_on_states() {
    let (mut payer, mut payee) = open();
    let names: Vec<&str> = PROPERTIES.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["within_capacity", "something_paid", "closes"]);
    assert!(!property_holds("something_paid", &payee.state, &payee.env, &mut payee.ctx));
    pay(&mut payer, &mut payee, 2_000).expect("payment");
    assert!(property_holds("something_paid", &payee.state, &payee.env, &mut payee.ctx));
    assert!(violated_invariants(&payee.state, &payee.env, &mut payee.ctx).is_empty());
    // A state that breaks `within_capacity`, built by hand, is reported.
    let mut broken = payee.state.clone();
    if let State::Open(o) = &mut broken {
        o.total = Msat(100_000_001);
    }
    assert_eq!(violated_invariants(&broken, &payee.env, &mut payee.ctx), ["within_capacity"]);
    assert!(!property_holds("closes", &payee.state, &payee.env, &mut payee.ctx));
}

#[test]
fn fractions_of_a_satoshi_are_refused_on_both_sides() {
    let (mut payer, mut payee) = open();
    let err = pay(&mut payer, &mut payee, 1_500).expect_err("1.5 sat");
    assert_eq!((err.kind, err.message.as_str()), (RejectKind::Warning, "pay whole satoshis"));
    // A payer that claims 999 msat more than its signature pays is caught.
    pay(&mut payer, &mut payee, 2_000).expect("2 sat");
    let before = payee.state.clone();
    let fx = payer.feed(Input::Command(Command::Send(Send { amount: Msat(3_000) }))).expect("send");
    let [Message::Pay(mut p)] = <[Message; 1]>::try_from(sent(&fx)).expect("one message") else { panic!("expected pay") };
    p.total = Msat(p.total.0 + 999);
    let err = payee.feed(Input::Recv(Message::Pay(p))).expect_err("fraction");
    assert_eq!((err.kind, err.message.as_str()), (RejectKind::Error, "a total in whole satoshis was expected"));
    assert_eq!(payee.state, before);
}
