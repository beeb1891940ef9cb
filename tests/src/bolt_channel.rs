//! The host the BOLT channel end-to-end tests share: two parties, each a
//! generated `bolt_channel` machine in its own sled store with its keys,
//! wired in-process through wire bytes, with watches polled on the embedded
//! chain and timers fired when the parties are quiet.
//!
//! It is test support, not a node: `lnp-node` is the real host.

use bitcoin::hashes::{sha256, Hash};
use bitcoin::secp256k1::SecretKey;
use bitcoin::{Amount, OutPoint, ScriptBuf, Transaction};
use lnp_chain::testkit::TestWallet;
use lnp_chain::{EmbeddedChain, RejectReason};
use lnp_engine::chain_view::{ChainView, WatchKind, Watches};
use lnp_engine::driver::{Decided, Driver, DriverError};
use lnp_engine::rt::{self, Effect as Fx, Msat, RejectKind, Sat};
use lnp_engine::soft::SoftContext;
use lnp_engine::store::{EffectId, Store};
use lnp_protocols::generated::bolt_channel::*;
use std::collections::VecDeque;

pub const CAPACITY: u64 = 1_000_000;
pub const PUSH_MSAT: u64 = 100_000_000;

/// One side: its machine in its store, its keys, its watches and timers,
/// and what its user saw.
pub struct Party<'s> {
    pub driver: Driver<'s, BoltChannel>,
    pub env: Env,
    pub ctx: SoftContext,
    pub basepoints: Basepoints,
    pub watches: Watches<EffectId>,
    pub timers: VecDeque<Timer>,
    pub events: Vec<Event>,
    pub broadcasts: Vec<Transaction>,
    pub refused: Vec<RejectReason>,
}

impl<'s> Party<'s> {
    pub fn new(store: &'s Store, role: Role, seed: u8) -> Party<'s> {
        Party::restore(store, role, seed, State::initial())
    }

    /// The party of `seed` with its machine in `state` (a new store): how a
    /// node restored from an old backup starts.
    pub fn restore(store: &'s Store, role: Role, seed: u8, state: State) -> Party<'s> {
        let (driver, pending) = Driver::<BoltChannel>::open(store, b"chan", state).expect("open machine");
        assert!(pending.is_empty(), "a new machine owes nothing");
        let mut ctx = SoftContext::new([seed; 32], [seed ^ 0x55; 32]);
        let mut key = |i: u8| ctx.add_key(SecretKey::from_slice(&[seed, i, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7]).expect("key"));
        let basepoints = Basepoints { funding: key(1), revocation: key(2), payment: key(3), delayed_payment: key(4), htlc: key(5) };
        let env = Env { params: Params::new(rt::ChainHash(bitcoin::constants::ChainHash::REGTEST.to_bytes())), role };
        Party {
            driver,
            env,
            ctx,
            basepoints,
            watches: Watches::new(),
            timers: VecDeque::new(),
            events: Vec::new(),
            broadcasts: Vec::new(),
            refused: Vec::new(),
        }
    }

    pub fn state(&self) -> &'static str {
        self.driver.state().name()
    }

    /// Steps the machine; an input the spec ignores (`fail ignore`) is no step.
    pub fn handle(&mut self, input: Input) -> Decided<BoltChannel> {
        match self.driver.handle(input, &self.env, &mut self.ctx) {
            // A closed channel needs no watches.
            Ok(fx) if self.driver.state().is_terminal() => {
                for (id, _) in self.driver.armed().expect("armed") {
                    self.driver.disarm(&id).expect("disarm");
                }
                self.watches = Watches::new();
                fx
            }
            Ok(fx) => fx,
            Err(DriverError::Rejected(r)) if r.kind == RejectKind::Ignore => Vec::new(),
            Err(e) => panic!("{:?} refused an input in {}: {e}", self.env.role, self.state()),
        }
    }

    /// A command the machine may refuse with a `warning` (a payment that does
    /// not fit, an HTLC not yet settleable): `None` then, and nothing changed.
    pub fn try_command(&mut self, c: Command) -> Option<Decided<BoltChannel>> {
        match self.driver.handle(Input::Command(c), &self.env, &mut self.ctx) {
            Ok(fx) => Some(fx),
            Err(DriverError::Rejected(r)) if matches!(r.kind, RejectKind::Warning | RejectKind::Ignore) => None,
            Err(e) => panic!("{:?} failed a command in {}: {e}", self.env.role, self.state()),
        }
    }

    pub fn command(&mut self, c: Command) -> Decided<BoltChannel> {
        self.handle(Input::Command(c))
    }

    /// Performs effects after their step is stored; returns the peer's messages as wire bytes.
    pub fn perform(&mut self, effects: Decided<BoltChannel>, chain: &mut EmbeddedChain) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for (id, fx) in effects {
            if let Some((name, kind)) = WatchKind::of(&fx) {
                self.driver.arm(&id).expect("arm");
                self.watches.add(id, name, kind);
                continue;
            }
            match fx {
                Fx::Send(m) => out.push(m.encode().expect("encodes")),
                Fx::Broadcast(tx) => {
                    match chain.broadcast(&tx) {
                        // Both sides publish the same closing transaction.
                        Ok(_) | Err(RejectReason::AlreadyInMempool(_)) => {}
                        Err(why) => self.refused.push(why),
                    }
                    self.broadcasts.push(tx);
                }
                Fx::Emit(e) => self.events.push(e),
                // One timer per name: starting a running one restarts it.
                Fx::StartTimer { name, .. } => {
                    let t = Timer::from_name(name).expect("a timer of the spec");
                    self.timers.retain(|x| *x != t);
                    self.timers.push_back(t);
                }
                other => panic!("unexpected effect {other:?}"),
            }
            self.driver.performed(&id).expect("done");
        }
        out
    }

    pub fn local_commit(&self) -> CommitView {
        match self.driver.state() {
            State::Normal(s) => s.local_commit.clone(),
            State::ShuttingDown(s) => s.local_commit.clone(),
            other => panic!("no commitment in {}", other.name()),
        }
    }

    pub fn remote_commit(&self) -> CommitView {
        match self.driver.state() {
            State::Normal(s) => s.remote_commit.clone(),
            State::ShuttingDown(s) => s.remote_commit.clone(),
            other => panic!("no commitment in {}", other.name()),
        }
    }

    /// Fires the timers that are due (all of them: test time does not pass
    /// on its own); for a party without a peer.
    pub fn run_timers(&mut self, chain: &mut EmbeddedChain) {
        while let Some(t) = self.timers.pop_front() {
            let fx = self.handle(Input::Timer(t));
            assert!(self.perform(fx, chain).is_empty(), "no peer to talk to");
        }
    }

    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }
}

/// Delivers messages both ways, then due timers, until both sides are quiet.
pub fn settle_down(a: &mut Party, b: &mut Party, mut fx_a: Decided<BoltChannel>, mut fx_b: Decided<BoltChannel>, chain: &mut EmbeddedChain) {
    for _ in 0..10_000 {
        let to_b = a.perform(std::mem::take(&mut fx_a), chain);
        let to_a = b.perform(std::mem::take(&mut fx_b), chain);
        if to_a.is_empty() && to_b.is_empty() {
            // Quiet: a due timer may have more to say.
            if let Some(t) = a.timers.pop_front() {
                fx_a = a.handle(Input::Timer(t));
                continue;
            }
            if let Some(t) = b.timers.pop_front() {
                fx_b = b.handle(Input::Timer(t));
                continue;
            }
            return;
        }
        for bytes in to_b {
            let m = Message::decode(&bytes).expect("decodes").expect("a channel message");
            fx_b.extend(b.handle(Input::Recv(m)));
        }
        for bytes in to_a {
            let m = Message::decode(&bytes).expect("decodes").expect("a channel message");
            fx_a.extend(a.handle(Input::Recv(m)));
        }
    }
    panic!("the parties never went quiet");
}

pub fn feed_chain_events(p: &mut Party, chain: &EmbeddedChain) -> Decided<BoltChannel> {
    p.ctx.set_height(chain.height());
    let mut fx = Vec::new();
    for (id, event) in p.watches.poll(chain).expect("poll") {
        fx.extend(p.handle(Input::Chain(event)));
        p.driver.disarm(&id).expect("disarm");
    }
    fx
}

/// Mines `n` blocks, then feeds both parties what their watches see, again
/// while a step arms a watch that is already satisfied.
pub fn mine(n: u32, a: &mut Party, b: &mut Party, chain: &mut EmbeddedChain) {
    chain.mine(n, &ScriptBuf::new_op_return([])).expect("mine");
    loop {
        let fa = feed_chain_events(a, chain);
        let fb = feed_chain_events(b, chain);
        if fa.is_empty() && fb.is_empty() {
            return;
        }
        settle_down(a, b, fa, fb, chain);
    }
}

/// Opens a funded channel; both machines end `Normal`.
/// A temporary folder with the two parties' sled stores in it.
pub fn two_stores() -> (tempfile::TempDir, Store, Store) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let a = Store::open(&dir.path().join("a")).expect("store a");
    let b = Store::open(&dir.path().join("b")).expect("store b");
    (dir, a, b)
}

pub fn open<'a, 'b>(funder_store: &'a Store, fundee_store: &'b Store, chain: &mut EmbeddedChain) -> (Party<'a>, Party<'b>, OutPoint) {
    open_with(funder_store, fundee_store, chain, |_| {})
}

/// [`open`] with both parties' parameters changed by `tune` first (e.g. anchors).
pub fn open_with<'a, 'b>(funder_store: &'a Store, fundee_store: &'b Store, chain: &mut EmbeddedChain, tune: impl Fn(&mut Params)) -> (Party<'a>, Party<'b>, OutPoint) {
    open_with_each(funder_store, fundee_store, chain, &tune, &tune)
}

/// [`open`] with each party's parameters changed by its own function (a
/// channel whose two sides ask for different dust limits or delays).
pub fn open_with_each<'a, 'b>(
    funder_store: &'a Store,
    fundee_store: &'b Store,
    chain: &mut EmbeddedChain,
    tune_funder: &dyn Fn(&mut Params),
    tune_fundee: &dyn Fn(&mut Params),
) -> (Party<'a>, Party<'b>, OutPoint) {
    open_committing(funder_store, fundee_store, chain, tune_funder, tune_fundee, (Vec::new(), Vec::new()))
}

/// [`open_with_each`] with the shutdown scripts each side commits to in
/// open/accept (funder's, fundee's; empty: none).
pub fn open_committing<'a, 'b>(
    funder_store: &'a Store,
    fundee_store: &'b Store,
    chain: &mut EmbeddedChain,
    tune_funder: &dyn Fn(&mut Params),
    tune_fundee: &dyn Fn(&mut Params),
    scripts: (Vec<u8>, Vec<u8>),
) -> (Party<'a>, Party<'b>, OutPoint) {
    let (mut a, mut b, funding, _) = open_unlocked(funder_store, fundee_store, chain, tune_funder, tune_fundee, scripts, true);
    mine(3, &mut a, &mut b, chain);
    assert_eq!((a.state(), b.state()), ("Normal", "Normal"));
    a.take_events();
    b.take_events();
    (a, b, funding)
}

/// Both first commitments signed, both parties `AwaitLocked`; the funding
/// transaction (returned) submitted to the chain if `broadcast`, else not.
pub fn open_unlocked<'a, 'b>(
    funder_store: &'a Store,
    fundee_store: &'b Store,
    chain: &mut EmbeddedChain,
    tune_funder: &dyn Fn(&mut Params),
    tune_fundee: &dyn Fn(&mut Params),
    (funder_script, fundee_script): (Vec<u8>, Vec<u8>),
    broadcast: bool,
) -> (Party<'a>, Party<'b>, OutPoint, Transaction) {
    let wallet = TestWallet::from_seed(7);
    wallet.fund(chain, 1).expect("fund the wallet");
    let mut a = Party::new(funder_store, Role::Funder, 1);
    let mut b = Party::new(fundee_store, Role::Fundee, 2);
    tune_funder(&mut a.env.params);
    tune_fundee(&mut b.env.params);
    // As a host does before every step: the machines know the height.
    a.ctx.set_height(chain.height());
    b.ctx.set_height(chain.height());
    let fx = b.command(Command::Listen(Listen { local: b.basepoints.clone(), shutdown_script: fundee_script }));
    assert!(fx.is_empty());
    let fx = a.command(Command::Open(Open {
        funding: Sat(CAPACITY),
        push: Msat(PUSH_MSAT),
        temporary_channel_id: rt::ChannelId([9; 32]),
        local: a.basepoints.clone(),
        shutdown_script: funder_script,
    }));
    settle_down(&mut a, &mut b, fx, Vec::new(), chain);
    assert_eq!((a.state(), b.state()), ("AwaitFundingBuilt", "AwaitFundingCreated"));
    let Some(Event::FundingNeeded(need)) = a.take_events().pop() else { panic!("funding_needed expected") };
    let funding_tx = wallet.pay_to(chain, need.script.clone(), Amount::from_sat(CAPACITY), Amount::from_sat(1_000)).expect("wallet pays");
    let vout = funding_tx.output.iter().position(|o| o.script_pubkey == need.script).expect("channel output") as u32;
    let txid = if broadcast { chain.submit(funding_tx.clone()).expect("funding accepted") } else { funding_tx.compute_txid() };
    let funding = OutPoint { txid, vout };
    let fx = a.command(Command::FundingBuilt(FundingBuilt { outpoint: funding }));
    settle_down(&mut a, &mut b, fx, Vec::new(), chain);
    assert_eq!((a.state(), b.state()), ("AwaitLocked", "AwaitLocked"), "both first commitments are signed");
    (a, b, funding, funding_tx)
}

pub fn preimage(n: u64) -> [u8; 32] {
    let mut p = [0u8; 32];
    p[..8].copy_from_slice(&n.to_be_bytes());
    p[31] = 0xaa;
    p
}

pub fn add(amount_msat: u64, n: u64, height: u32) -> Command {
    Command::Add(Add {
        amount: Msat(amount_msat),
        payment_hash: rt::Hash256(sha256::Hash::hash(&preimage(n)).to_byte_array()),
        cltv_expiry: height + 40,
        onion: [0u8; 1366],
    })
}

/// The HTLCs a party was offered in the events it saw, by id and hash.
pub fn received(events: &[Event]) -> Vec<HtlcReceived> {
    events.iter().filter_map(|e| if let Event::HtlcReceived(r) = e { Some(r.clone()) } else { None }).collect()
}

/// Both sides agree on each other's commitment: our view of theirs is the
/// mirror of their view of their own, and vice versa.
pub fn assert_views_agree(a: &Party, b: &Party) {
    let mirror = |c: &CommitView| (c.number, c.to_remote, c.to_local, c.feerate, c.htlcs.len());
    let same = |c: &CommitView| (c.number, c.to_local, c.to_remote, c.feerate, c.htlcs.len());
    assert_eq!(same(&a.remote_commit()), mirror(&b.local_commit()), "A's view of B's commitment");
    assert_eq!(same(&b.remote_commit()), mirror(&a.local_commit()), "B's view of A's commitment");
}

/// A few payments each way, settled; returns the expected balances (A, B) in msat.
pub fn pay_both_ways(a: &mut Party, b: &mut Party, rounds: u64, first: u64, chain: &mut EmbeddedChain) -> (u64, u64) {
    let height = chain.height();
    for r in 0..rounds {
        let n = first + r;
        let fx_a = [a.command(add(20_000_000, 2 * n, height)), a.command(Command::Commit(Commit {}))].concat();
        let fx_b = [b.command(add(3_000_000, 2 * n + 1, height)), b.command(Command::Commit(Commit {}))].concat();
        settle_down(a, b, fx_a, fx_b, chain);
        let (mut fx_a, mut fx_b) = (Vec::new(), Vec::new());
        for r in received(&b.take_events()) {
            fx_b.extend(b.command(Command::Fulfill(Fulfill { id: r.id, preimage: preimage(2 * n) })));
        }
        for r in received(&a.take_events()) {
            fx_a.extend(a.command(Command::Fulfill(Fulfill { id: r.id, preimage: preimage(2 * n + 1) })));
        }
        fx_a.extend(a.command(Command::Commit(Commit {})));
        fx_b.extend(b.command(Command::Commit(Commit {})));
        settle_down(a, b, fx_a, fx_b, chain);
    }
    let c = a.local_commit();
    assert!(c.htlcs.is_empty());
    (c.to_local.0, c.to_remote.0)
}

/// The P2WPKH of a party's payment basepoint: where its swept and
/// to_remote outputs go.
pub fn payment_output(p: &Party) -> ScriptBuf {
    ScriptBuf::new_p2wpkh(&bitcoin::CompressedPublicKey(p.basepoints.payment).wpubkey_hash())
}

pub fn paid_to(tx: &Transaction, script: &ScriptBuf) -> u64 {
    tx.output.iter().filter(|o| &o.script_pubkey == script).map(|o| o.value.to_sat()).sum()
}

/// Delivers wire messages to a party; returns its effects.
pub fn deliver(p: &mut Party, msgs: &[Vec<u8>]) -> Decided<BoltChannel> {
    let mut fx = Vec::new();
    for bytes in msgs {
        let m = Message::decode(bytes).expect("decodes").expect("a channel message");
        fx.extend(p.handle(Input::Recv(m)));
    }
    fx
}

/// Both connections drop, come back, and exchange channel_reestablish.
pub fn reconnect(a: &mut Party, b: &mut Party, chain: &mut EmbeddedChain) {
    let fa = a.command(Command::PeerDisconnected(PeerDisconnected {}));
    let fb = b.command(Command::PeerDisconnected(PeerDisconnected {}));
    assert!(a.perform(fa, chain).is_empty() && b.perform(fb, chain).is_empty(), "nothing is sent to a gone peer");
    let fa = a.command(Command::PeerConnected(PeerConnected {}));
    let fb = b.command(Command::PeerConnected(PeerConnected {}));
    settle_down(a, b, fa, fb, chain);
    assert_eq!((a.state(), b.state()), ("Normal", "Normal"));
}
