//! Exploration scenarios: for each protocol the explorer can run, the two
//! parties, their parameters and the commands their users may issue.
//!
//! This is hand-written glue: concrete command values (a funding outpoint, a
//! key, payment amounts) are choices of a scenario, not of the spec. It grows
//! one entry per protocol.

use bitcoin::secp256k1::SecretKey;
use lnp_engine::explore::{Composition, Faults, Finding, Report, Setup};
use lnp_engine::rt::{Msat, Sat};
use lnp_engine::soft::SoftContext;

/// The protocols with a scenario.
pub const PROTOCOLS: &[&str] = &["paychan", "paychan_broken", "peer", "bolt_channel"];

/// How far to explore, and what may go wrong on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// Steps per path.
    pub depth: usize,
    /// Distinct worlds before the search stops.
    pub max_states: usize,
    /// Commands each party's user may issue on one path.
    pub commands_per_party: u8,
    /// How many payments the payer may send on one path.
    pub payments: u8,
    /// The amount of each payment, in msat (the channel holds 100,000,000).
    pub payment_msat: u64,
    /// How many fee updates (`update_fee`, to 2,000 sat/kw then back) the
    /// funder may propose on one path (BOLT channel).
    pub fee_updates: u8,
    pub faults: Faults,
    pub threads: usize,
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds { depth: 40, max_states: 1_000_000, commands_per_party: 8, payments: 2, payment_msat: 40_000_000, fee_updates: 0, faults: Faults::default(), threads: 1 }
    }
}

/// What to do with a scenario's composition.
pub enum Run<'a> {
    /// Breadth-first search, reporting progress (distinct states so far).
    Explore(&'a mut dyn FnMut(usize)),
    /// One path chosen by these numbers (see `Composition::random_walk`).
    Walk(&'a [u32]),
}

/// The outcome of a [`Run`].
#[derive(Debug)]
pub enum Outcome {
    Explored(Report),
    Walked(Result<usize, Finding>),
}

/// Runs protocol `name`'s scenario within `bounds`; `None` when it has no
/// scenario.
pub fn run(name: &str, bounds: &Bounds, how: Run) -> Option<Outcome> {
    let mut payer = SoftContext::new([1; 32], [2; 32]);
    let payee = SoftContext::new([3; 32], [4; 32]);
    let key = payer.add_key(SecretKey::from_slice(&[7; 32]).ok()?);
    let funding = bitcoin::OutPoint { txid: "33".repeat(32).parse().ok()?, vout: 0 };
    macro_rules! run {
        ($composition:expr) => {{
            let composition = $composition;
            Some(match how {
                Run::Explore(progress) => Outcome::Explored(composition.check_with_progress(
                    bounds.depth,
                    bounds.max_states,
                    bounds.threads,
                    progress,
                )),
                Run::Walk(choices) => Outcome::Walked(composition.random_walk(choices)),
            })
        }};
    }
    macro_rules! paychan_like {
        ($m:ident, $proto:ident) => {{
            use crate::generated::$m::*;
            let env = |role| Env { params: Params::new(Sat(100_000)), role };
            let setup = Setup::<$proto> {
                names: ["payer", "payee"],
                initial: [State::initial(), State::initial()],
                envs: [env(Role::Payer), env(Role::Payee)],
                commands: vec![
                    (0, Input::Command(Command::Open(Open { payer_key: key })), 1),
                    (0, Input::Command(Command::Fund(Fund { funding })), 1),
                    (0, Input::Command(Command::Send(Send { amount: Msat(bounds.payment_msat) })), bounds.payments),
                    (1, Input::Command(Command::Settle(Settle {})), 1),
                    (0, Input::Command(Command::Refund(Refund {})), 1),
                ],
                commands_per_party: bounds.commands_per_party,
                faults: bounds.faults,
                on_reconnect: Vec::new(),
            };
            run!(Composition::new(setup, [payer, payee]))
        }};
    }
    match name {
        "peer" => {
            use crate::generated::peer::*;
            // Both ends know var_onion_optin (bit 9); either host may hang up
            // once (as when the other end's connection drops).
            let env = |role| Env { params: Params::new(lnp_engine::rt::ChainHash([6; 32]), vec![0x02, 0x00]), role };
            let setup = Setup::<Peer> {
                names: ["initiator", "responder"],
                initial: [State::initial(), State::initial()],
                envs: [env(Role::Initiator), env(Role::Responder)],
                commands: vec![
                    (0, Input::Command(Command::Connected(Connected {})), 1),
                    (1, Input::Command(Command::Connected(Connected {})), 1),
                    (0, Input::Command(Command::Disconnect(Disconnect {})), 1),
                    (1, Input::Command(Command::Disconnect(Disconnect {})), 1),
                ],
                commands_per_party: bounds.commands_per_party,
                faults: bounds.faults,
                on_reconnect: Vec::new(),
            };
            run!(Composition::new(setup, [payer, payee]))
        }
        "bolt_channel" => {
            use crate::generated::bolt_channel::*;
            use lnp_engine::rt::{ChainHash, ChannelId, Hash256};
            // The funder opens 1,000,000 sat and offers `payments` HTLCs of
            // `payment_msat`; the fundee settles the first and fails the
            // second; either signs when it likes; the funder may close and
            // may propose `fee_updates` new feerates. A disconnection drops
            // what is in flight and both sides go through channel_reestablish.
            let mut funder = SoftContext::new([1; 32], [2; 32]);
            let mut fundee = SoftContext::new([3; 32], [4; 32]);
            let basepoints = |ctx: &mut SoftContext, seed: u8| -> Option<Basepoints> {
                let mut key = |i: u8| SecretKey::from_slice(&[seed ^ i; 32]).ok().map(|k| ctx.add_key(k));
                Some(Basepoints { funding: key(1)?, revocation: key(2)?, payment: key(3)?, delayed_payment: key(4)?, htlc: key(5)? })
            };
            let (a, b) = (basepoints(&mut funder, 0x10)?, basepoints(&mut fundee, 0x20)?);
            let env = |role| Env { params: Params::new(ChainHash([6; 32])), role };
            let preimage = |n: u8| [n; 32];
            let hash = |n: u8| Hash256(bitcoin::hashes::Hash::to_byte_array(<bitcoin::hashes::sha256::Hash as bitcoin::hashes::Hash>::hash(&preimage(n))));
            let add = |n: u8| Input::Command(Command::Add(Add { amount: Msat(bounds.payment_msat), payment_hash: hash(n), cltv_expiry: 500, onion: [0; 1366] }));
            // The fundee's host listens before any open_channel can arrive.
            let listening = step(State::initial(), Input::Command(Command::Listen(Listen { local: b, shutdown_script: Vec::new() })), &env(Role::Fundee), &mut fundee).ok()?.0;
            let mut commands = vec![
                (0, Input::Command(Command::Open(Open { funding: Sat(1_000_000), push: Msat(0), temporary_channel_id: ChannelId([9; 32]), local: a, shutdown_script: Vec::new() })), 1),
                (0, Input::Command(Command::FundingBuilt(FundingBuilt { outpoint: funding })), 1),
                (0, Input::Command(Command::Commit(Commit {})), 3),
                (1, Input::Command(Command::Commit(Commit {})), 3),
                (1, Input::Command(Command::Fulfill(Fulfill { id: 0, preimage: preimage(1) })), 1),
                (1, Input::Command(Command::Fail(Fail { id: 1, reason: vec![0x40, 0x0f] })), 1),
                (0, Input::Command(Command::Close(Close { scriptpubkey: vec![0x00, 0x14].into_iter().chain([0xaa; 20]).collect() })), 1),
            ];
            for n in 0..bounds.payments {
                commands.push((0, add(n + 1), 1));
            }
            if bounds.fee_updates > 0 {
                let fee = |feerate_per_kw| Input::Command(Command::SetFeerate(SetFeerate { feerate_per_kw }));
                commands.push((0, fee(2_000), bounds.fee_updates.div_ceil(2)));
                commands.push((0, fee(253), bounds.fee_updates / 2));
            }
            let setup = Setup::<BoltChannel> {
                names: ["funder", "fundee"],
                initial: [State::initial(), listening],
                envs: [env(Role::Funder), env(Role::Fundee)],
                commands,
                commands_per_party: bounds.commands_per_party,
                faults: bounds.faults,
                on_reconnect: vec![
                    Input::Command(Command::PeerDisconnected(PeerDisconnected {})),
                    Input::Command(Command::PeerConnected(PeerConnected {})),
                ],
            };
            let _ = (payer, payee, key);
            run!(Composition::new(setup, [funder, fundee]))
        }
        "paychan" => paychan_like!(paychan, Paychan),
        "paychan_broken" => paychan_like!(paychan_broken, PaychanBroken),
        _ => None,
    }
}

/// Explores protocol `name` breadth-first within `bounds`, without progress
/// reports; `None` when it has no scenario.
pub fn explore(name: &str, bounds: &Bounds) -> Option<Report> {
    match run(name, bounds, Run::Explore(&mut |_| {}))? {
        Outcome::Explored(report) => Some(report),
        Outcome::Walked(_) => None,
    }
}

/// One path of protocol `name` chosen by `choices`; `None` when it has no
/// scenario.
pub fn random_walk(name: &str, bounds: &Bounds, choices: &[u32]) -> Option<Result<usize, Finding>> {
    match run(name, bounds, Run::Walk(choices))? {
        Outcome::Walked(result) => Some(result),
        Outcome::Explored(_) => None,
    }
}
