//! BOLT 2 channel establishment in `specs/bolt/channel.lnp`: what the fundee
//! checks of `open_channel` and the funder of `accept_channel`, each refusal
//! a BOLT 1 `error` with a precise message and the state left as it was; and
//! the `channel_type` both sides name.

use bitcoin::secp256k1::{PublicKey, Secp256k1, SecretKey};
use lnp_engine::rt::{ChainHash, ChannelId, Effect as Fx, Msat, Reject, RejectKind, Sat};
use lnp_engine::soft::SoftContext;
use lnp_protocols::generated::bolt_channel::*;

struct Side {
    state: State,
    env: Env,
    ctx: SoftContext,
    basepoints: Basepoints,
}

impl Side {
    fn new(role: Role, seed: u8) -> Side {
        let mut ctx = SoftContext::new([seed; 32], [seed ^ 0x55; 32]);
        let mut key = |i: u8| ctx.add_key(SecretKey::from_slice(&[seed, i, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]).expect("key"));
        let basepoints = Basepoints { funding: key(1), revocation: key(2), payment: key(3), delayed_payment: key(4), htlc: key(5) };
        Side { state: State::initial(), env: Env { params: Params::new(ChainHash([6; 32])), role }, ctx, basepoints }
    }

    fn feed(&mut self, input: Input) -> Result<Vec<Effect>, Reject> {
        let (next, fx) = step(self.state.clone(), input, &self.env, &mut self.ctx)?;
        self.state = next;
        Ok(fx)
    }
}

fn sent(fx: &[Effect]) -> Vec<Message> {
    fx.iter()
        .filter_map(|e| if let Fx::Send(m) = e { Some(m) } else { None })
        .map(|m| Message::decode(&m.encode().expect("encodes")).expect("decodes").expect("a channel message"))
        .collect()
}

/// The one message a step sent.
fn one(fx: &[Effect]) -> Message {
    let mut msgs = sent(fx);
    assert_eq!(msgs.len(), 1, "one message expected: {msgs:?}");
    msgs.remove(0)
}

/// The funder's `open_channel` and a fundee ready to receive it.
fn opened() -> (Side, Side, OpenChannel) {
    let mut a = Side::new(Role::Funder, 1);
    let mut b = Side::new(Role::Fundee, 2);
    let local = a.basepoints.clone();
    let fx = a
        .feed(Input::Command(Command::Open(Open { funding: Sat(500_000), push: Msat(0), temporary_channel_id: ChannelId([7; 32]), local, shutdown_script: Vec::new() })))
        .expect("open");
    let Message::OpenChannel(open) = one(&fx) else { panic!("open_channel expected") };
    let local = b.basepoints.clone();
    b.feed(Input::Command(Command::Listen(Listen { local, shutdown_script: Vec::new() }))).expect("listen");
    (a, b, open)
}

/// A change to a message, and the refusal it must meet.
type Case<M> = (Box<dyn Fn(&mut M)>, &'static str);

fn refused(side: &mut Side, m: Message) -> String {
    let before = side.state.clone();
    let err = side.feed(Input::Recv(m)).expect_err("refused");
    assert_eq!(err.kind, RejectKind::Error, "{}", err.message);
    assert_eq!(side.state, before, "a refused message changes nothing");
    err.message
}

#[test]
fn open_channel_names_static_remotekey_and_is_accepted_as_is() {
    let (mut a, mut b, open) = opened();
    assert_eq!(open.channel_type, Some(vec![0x10, 0x00]), "option_static_remotekey, bit 12");
    let fx = b.feed(Input::Recv(Message::OpenChannel(open))).expect("a sound open_channel");
    let Message::AcceptChannel(accept) = one(&fx) else { panic!("accept_channel expected") };
    assert_eq!(accept.channel_type, Some(vec![0x10, 0x00]));
    assert_eq!(accept.funding_pubkey, b.basepoints.funding, "the fundee's keys come from its host");
    a.feed(Input::Recv(Message::AcceptChannel(accept))).expect("a sound accept_channel");
    assert_eq!((a.state.name(), b.state.name()), ("AwaitFundingBuilt", "AwaitFundingCreated"));
}

#[test]
fn the_fundee_refuses_what_bolt_2_says_it_must() {
    let (_, mut b, open) = opened();
    let cases: Vec<Case<OpenChannel>> = vec![
        (Box::new(|m| m.chain_hash = ChainHash([9; 32])), "unknown chain"),
        (Box::new(|m| m.dust_limit_satoshis = Sat(353)), "dust_limit_satoshis below 354"),
        (Box::new(|m| m.max_accepted_htlcs = 484), "max_accepted_htlcs above 483"),
        (Box::new(|m| m.push_msat = Msat(500_000_001)), "push_msat exceeds funding"),
        (Box::new(|m| m.feerate_per_kw = 252), "feerate below the floor"),
        (Box::new(|m| m.feerate_per_kw = 1_000_000), "feerate unreasonably high"),
        (Box::new(|m| m.to_self_delay = 5_000), "to_self_delay unreasonably large"),
        (Box::new(|m| m.channel_reserve_satoshis = Sat(500)), "dust limit above channel reserve"),
        (Box::new(|m| m.funding_satoshis = Sat(15_000)), "funding below twice our reserve"),
        (Box::new(|m| m.channel_type = Some(vec![0x40, 0x10, 0x00])), "unsupported channel_type"),
        (Box::new(|m| m.funding_satoshis = Sat(16_777_216)), "funding_satoshis of 2^24 or more without option_support_large_channel"),
        (
            Box::new(|m| {
                m.channel_reserve_satoshis = Sat(300_000);
                m.push_msat = Msat(250_000_000);
            }),
            "both sides' first balances at or below the channel reserve",
        ),
    ];
    for (change, why) in cases {
        let mut m = open.clone();
        change(&mut m);
        assert_eq!(refused(&mut b, Message::OpenChannel(m)), why);
    }
    // A legacy open_channel without channel_type is still fine.
    let mut m = open;
    m.channel_type = None;
    b.feed(Input::Recv(Message::OpenChannel(m))).expect("no channel_type: the default");
}

#[test]
fn a_channel_of_2_24_sat_needs_option_support_large_channel_on_both_sides() {
    let mut a = Side::new(Role::Funder, 1);
    let local = a.basepoints.clone();
    let big = |local: Basepoints| Input::Command(Command::Open(Open { funding: Sat(16_777_216), push: Msat(0), temporary_channel_id: ChannelId([7; 32]), local, shutdown_script: Vec::new() }));
    let err = a.feed(big(local.clone())).expect_err("refused without large channels");
    assert_eq!(err.message, "a channel of 2^24 sat or more needs option_support_large_channel");
    assert_eq!(a.state.name(), "Init");
    a.env.params.large_channels = true;
    let Message::OpenChannel(open) = one(&a.feed(big(local)).expect("open")) else { panic!("open_channel expected") };
    let (_, mut b, _) = opened();
    b.env.params.large_channels = true;
    let Message::AcceptChannel(_) = one(&b.feed(Input::Recv(Message::OpenChannel(open))).expect("a large channel, negotiated")) else { panic!("accept_channel expected") };
}

#[test]
fn the_funder_refuses_an_unreasonable_accept_channel() {
    let (mut a, mut b, open) = opened();
    let Message::AcceptChannel(accept) = one(&b.feed(Input::Recv(Message::OpenChannel(open))).expect("open")) else { panic!("accept_channel expected") };
    let cases: Vec<Case<AcceptChannel>> = vec![
        (Box::new(|m| m.temporary_channel_id = ChannelId([1; 32])), "unknown temporary channel id"),
        (Box::new(|m| m.minimum_depth = 1_000), "minimum_depth unreasonably large"),
        (Box::new(|m| m.dust_limit_satoshis = Sat(20_000)), "dust limit above channel reserve"),
        (Box::new(|m| m.channel_reserve_satoshis = Sat(100)), "dust limit above channel reserve"),
        (Box::new(|m| m.to_self_delay = 4_032), "to_self_delay unreasonably large"),
        (Box::new(|m| m.channel_type = Some(vec![0x40, 0x10, 0x00])), "the peer answered another channel_type"),
    ];
    for (change, why) in cases {
        let mut m = accept.clone();
        change(&mut m);
        assert_eq!(refused(&mut a, Message::AcceptChannel(m)), why);
    }
    a.feed(Input::Recv(Message::AcceptChannel(accept))).expect("the genuine one");
}

#[test]
fn a_funding_signed_on_the_wrong_commitment_is_refused() {
    let (mut a, mut b, open) = opened();
    let accept = one(&b.feed(Input::Recv(Message::OpenChannel(open))).expect("open"));
    a.feed(Input::Recv(accept)).expect("accept");
    let outpoint = bitcoin::OutPoint { txid: bitcoin::Txid::from_raw_hash(bitcoin::hashes::Hash::all_zeros()), vout: 1 };
    let created = one(&a.feed(Input::Command(Command::FundingBuilt(FundingBuilt { outpoint }))).expect("built"));
    let Message::FundingSigned(signed) = one(&b.feed(Input::Recv(created)).expect("created")) else { panic!("funding_signed expected") };
    // A signature by the right key over another message.
    let secp = Secp256k1::new();
    let key = SecretKey::from_slice(&[2, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]).expect("key");
    assert_eq!(PublicKey::from_secret_key(&secp, &key), b.basepoints.funding);
    let other = secp.sign_ecdsa(&bitcoin::secp256k1::Message::from_digest([5; 32]), &key);
    let forged = FundingSigned { channel_id: signed.channel_id, signature: other };
    assert_eq!(refused(&mut a, Message::FundingSigned(forged)), "invalid funding_signed signature");
    a.feed(Input::Recv(Message::FundingSigned(signed))).expect("the genuine signature");
    assert_eq!(a.state.name(), "AwaitLocked");
}
