//! The lnp side of the `htlc_round` bench: two generated `bolt_channel`
//! machines (specs/bolt/{channel,htlc}.lnp) stepped directly through
//! [`lnp_engine::machine::Machine::step`], as `Driver::handle` steps them but
//! without the sled store: each step starts from a clone of the state (the
//! driver's way of keeping the state on a reject), every message goes through
//! its wire bytes (encode by the sender, decode by the receiver), events are
//! collected as a host would.
//!
//! Setup opens a channel with a fixed funding outpoint and feeds the
//! `funding_deep` confirmation itself (no chain). A round is the one of
//! `tests/tests/bolt_channel_on_chain.rs`: the payer `add`s and `commit`s,
//! messages are delivered until both sides are quiet, the payee `fulfill`s
//! and `commit`s, delivered until quiet.
//!
//! The context is a [`SoftContext`] wrapped in [`CountingContext`], which
//! counts the signatures made; verifications are counted by lnp-engine's
//! `op-count` feature (the bench enables it) and, independently, from the
//! `commitment_signed` messages received, so the two can be checked against
//! each other. Not a test of the protocol (the tests under `tests/` are).

use bitcoin::hashes::{sha256, Hash};
use bitcoin::secp256k1::SecretKey;
use lnp_engine::machine::Machine;
use lnp_engine::rt::{self, Effect as Fx, Entropy, Msat, Point, RejectKind, Sat, Secret, SignError, Signature, Signer, Tx};
use lnp_engine::soft::SoftContext;
use lnp_engine::wire::WireError;
use lnp_protocols::generated::bolt_channel::*;

/// The channel, as in `tests/tests/bolt_channel_on_chain.rs`.
pub const CAPACITY_SAT: u64 = 1_000_000;
pub const PUSH_MSAT: u64 = 100_000_000;
/// The chain height the contexts report; HTLCs expire 40 blocks later.
pub const HEIGHT: u32 = 1_000;

/// Why the lnp side could not open or complete a round.
#[derive(Debug)]
pub enum PairError {
    /// A machine refused an input it should have accepted.
    Refused { who: Role, state: &'static str, reject: rt::Reject },
    /// A message did not encode or decode.
    Wire(WireError),
    /// Bytes that decode to no `bolt_channel` message.
    NotAChannelMessage,
    /// An effect a round never produces (a broadcast, a timer).
    UnexpectedEffect { who: Role, effect: String },
    /// Messages kept flowing.
    NeverQuiet,
    /// The machines are not where the step should have left them.
    WrongState { who: Role, expected: &'static str, got: &'static str },
    /// The round did not reach its end: what was missing.
    Incomplete(&'static str),
}

impl std::fmt::Display for PairError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PairError::Refused { who, state, reject } => write!(f, "{who:?} in {state} refused an input: {reject}"),
            PairError::Wire(e) => write!(f, "wire: {e}"),
            PairError::NotAChannelMessage => write!(f, "bytes that are no channel message"),
            PairError::UnexpectedEffect { who, effect } => write!(f, "{who:?} produced an unexpected effect: {effect}"),
            PairError::NeverQuiet => write!(f, "the parties never went quiet"),
            PairError::WrongState { who, expected, got } => write!(f, "{who:?} is in {got}, expected {expected}"),
            PairError::Incomplete(what) => write!(f, "the round did not complete: {what}"),
        }
    }
}

impl std::error::Error for PairError {}

impl From<WireError> for PairError {
    fn from(e: WireError) -> Self {
        PairError::Wire(e)
    }
}

/// What a [`CountingContext`] counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// ECDSA signatures: `sign`, `sign_derived`, `sign_revocation`.
    pub signs: u64,
    /// `per_commitment_point` calls: one EC point multiplication each.
    pub per_commitment_points: u64,
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts { signs: self.signs + o.signs, per_commitment_points: self.per_commitment_points + o.per_commitment_points }
    }
}

impl std::ops::Sub for Counts {
    type Output = Counts;
    fn sub(self, o: Counts) -> Counts {
        Counts { signs: self.signs - o.signs, per_commitment_points: self.per_commitment_points - o.per_commitment_points }
    }
}

/// A [`SoftContext`] that counts what it is asked to do and forwards every
/// call unchanged.
pub struct CountingContext {
    inner: SoftContext,
    pub counts: Counts,
    /// The archived entries the driver would have moved to the store:
    /// (archive, key) → value.
    archive: std::collections::HashMap<(&'static str, Vec<u8>), Vec<u8>>,
}

impl Signer for CountingContext {
    fn sign(&mut self, tx: &Tx, input: u32, key: &Point) -> Result<Signature, SignError> {
        self.counts.signs += 1;
        self.inner.sign(tx, input, key)
    }
    fn sign_derived(&mut self, tx: &Tx, input: u32, basepoint: &Point, per_commitment_point: &Point) -> Result<Signature, SignError> {
        self.counts.signs += 1;
        self.inner.sign_derived(tx, input, basepoint, per_commitment_point)
    }
    fn sign_revocation(&mut self, tx: &Tx, input: u32, revocation_basepoint: &Point, per_commitment_secret: &Secret) -> Result<Signature, SignError> {
        self.counts.signs += 1;
        self.inner.sign_revocation(tx, input, revocation_basepoint, per_commitment_secret)
    }
    fn per_commitment_point(&mut self, index: u64) -> Point {
        self.counts.per_commitment_points += 1;
        self.inner.per_commitment_point(index)
    }
    fn per_commitment_secret(&mut self, index: u64) -> Secret {
        self.inner.per_commitment_secret(index)
    }
    fn revocation_pubkey(&mut self, revocation_basepoint: &Point, per_commitment_point: &Point) -> Result<Point, lnp_engine::keys::KeyError> {
        self.inner.revocation_pubkey(revocation_basepoint, per_commitment_point)
    }
}

impl Entropy for CountingContext {
    fn random32(&mut self) -> [u8; 32] {
        self.inner.random32()
    }
}

impl rt::Context for CountingContext {
    fn chain_height(&self) -> u32 {
        self.inner.chain_height()
    }
    fn archived(&mut self, archive: &'static str, key: &[u8]) -> Result<Option<Vec<u8>>, String> {
        Ok(self.archive.get(&(archive, key.to_vec())).cloned())
    }
}

/// One side: its machine's state, what `step` needs beside it, and what its
/// user saw.
pub struct Party {
    pub state: State,
    pub env: Env,
    pub ctx: CountingContext,
    pub basepoints: Basepoints,
    pub events: Vec<Event>,
    /// Signatures this party had to verify, from the `commitment_signed`
    /// messages it received: the commitment's and one per HTLC.
    pub signatures_received: u64,
}

impl Party {
    /// The keys are those of `tests/tests/bolt_channel_on_chain.rs`.
    fn new(role: Role, seed: u8) -> Party {
        let mut inner = SoftContext::new([seed; 32], [seed ^ 0x55; 32]);
        inner.set_height(HEIGHT);
        let mut key = |i: u8| {
            let mut secret = [7u8; 32];
            secret[0] = seed;
            secret[1] = i;
            inner.add_key(SecretKey::from_slice(&secret).expect("a valid secret key"))
        };
        let basepoints = Basepoints { funding: key(1), revocation: key(2), payment: key(3), delayed_payment: key(4), htlc: key(5) };
        let env = Env { params: Params::new(rt::ChainHash(bitcoin::constants::ChainHash::REGTEST.to_bytes())), role };
        Party {
            state: State::initial(),
            env,
            ctx: CountingContext { inner, counts: Counts::default(), archive: Default::default() },
            basepoints,
            events: Vec::new(),
            signatures_received: 0,
        }
    }

    /// Steps the machine from a clone of its state, as the driver does,
    /// and moves what the step archived out of the state, as the driver
    /// does to the store (here to a map); an input the spec ignores (`fail
    /// ignore`) is no step.
    fn handle(&mut self, input: Input) -> Result<Vec<Effect>, PairError> {
        let state = self.state.name();
        match BoltChannel::step(self.state.clone(), input, &self.env, &mut self.ctx) {
            Ok((mut next, effects)) => {
                for a in BoltChannel::take_archived(&mut next)? {
                    self.ctx.archive.insert((a.archive, a.key), a.value);
                }
                self.state = next;
                Ok(effects)
            }
            Err(r) if r.kind == RejectKind::Ignore => Ok(Vec::new()),
            Err(reject) => Err(PairError::Refused { who: self.env.role, state, reject }),
        }
    }

    fn command(&mut self, c: Command) -> Result<Vec<Effect>, PairError> {
        self.handle(Input::Command(c))
    }

    /// Performs effects: messages to the peer become wire bytes, events go
    /// to the user; watches are the chain's business, which this bench
    /// plays itself.
    fn perform(&mut self, effects: Vec<Effect>) -> Result<Vec<Vec<u8>>, PairError> {
        let mut out = Vec::new();
        for fx in effects {
            match fx {
                Fx::Send(m) => out.push(m.encode()?),
                Fx::Emit(e) => self.events.push(e),
                Fx::WatchConfirm { .. } | Fx::WatchSpend { .. } => {}
                other => return Err(PairError::UnexpectedEffect { who: self.env.role, effect: format!("{other:?}") }),
            }
        }
        Ok(out)
    }

    /// Decodes wire bytes from the peer and steps on each message.
    fn deliver(&mut self, msgs: Vec<Vec<u8>>) -> Result<Vec<Effect>, PairError> {
        let mut fx = Vec::new();
        for bytes in msgs {
            let m = Message::decode(&bytes)?.ok_or(PairError::NotAChannelMessage)?;
            if let Message::CommitmentSigned(cs) = &m {
                self.signatures_received += 1 + cs.htlc_signatures.len() as u64;
            }
            fx.extend(self.handle(Input::Recv(m))?);
        }
        Ok(fx)
    }

    fn expect_state(&self, expected: &'static str) -> Result<(), PairError> {
        match self.state.name() {
            got if got == expected => Ok(()),
            got => Err(PairError::WrongState { who: self.env.role, expected, got }),
        }
    }

    /// This side's latest commitment.
    pub fn local_commit(&self) -> Result<&CommitView, PairError> {
        match &self.state {
            State::Normal(s) => Ok(&s.local_commit),
            other => Err(PairError::WrongState { who: self.env.role, expected: "Normal", got: other.name() }),
        }
    }

    /// How many of the peer's per-commitment secrets this side holds (in
    /// BOLT 3's compact storage: at most 49 entries).
    pub fn remote_secrets(&self) -> usize {
        match &self.state {
            State::Normal(s) => rt::builtins::secrets_len(&s.remote_secrets) as usize,
            _ => 0,
        }
    }
}

/// Delivers messages both ways until both sides are quiet.
fn settle(a: &mut Party, b: &mut Party, mut fx_a: Vec<Effect>, mut fx_b: Vec<Effect>) -> Result<(), PairError> {
    for _ in 0..1_000 {
        let to_b = a.perform(std::mem::take(&mut fx_a))?;
        let to_a = b.perform(std::mem::take(&mut fx_b))?;
        if to_a.is_empty() && to_b.is_empty() {
            return Ok(());
        }
        fx_b = b.deliver(to_b)?;
        fx_a = a.deliver(to_a)?;
    }
    Err(PairError::NeverQuiet)
}

/// Opens a channel: funder A (seed 1), fundee B (seed 2); both end `Normal`.
pub fn open() -> Result<(Party, Party), PairError> {
    let mut a = Party::new(Role::Funder, 1);
    let mut b = Party::new(Role::Fundee, 2);
    let fx_b = b.command(Command::Listen(Listen { local: b.basepoints.clone(), shutdown_script: Vec::new() }))?;
    let fx_a = a.command(Command::Open(Open {
        funding: Sat(CAPACITY_SAT),
        push: Msat(PUSH_MSAT),
        temporary_channel_id: rt::ChannelId([9; 32]),
        local: a.basepoints.clone(),
        shutdown_script: Vec::new(),
    }))?;
    settle(&mut a, &mut b, fx_a, fx_b)?;
    a.expect_state("AwaitFundingBuilt")?;
    if !a.events.iter().any(|e| matches!(e, Event::FundingNeeded(_))) {
        return Err(PairError::Incomplete("funding_needed"));
    }
    // Any outpoint will do: this bench plays the chain and confirms it itself.
    let txid: rt::Txid = bitcoin::Txid::from_byte_array([0x42; 32]);
    let fx_a = a.command(Command::FundingBuilt(FundingBuilt { outpoint: bitcoin::OutPoint { txid, vout: 0 } }))?;
    settle(&mut a, &mut b, fx_a, Vec::new())?;
    a.expect_state("AwaitLocked")?;
    b.expect_state("AwaitLocked")?;
    let deep = || Input::Chain(rt::ChainEvent::Confirmed("funding_deep", rt::Confirmed { txid, height: HEIGHT }));
    let fx_a = a.handle(deep())?;
    let fx_b = b.handle(deep())?;
    settle(&mut a, &mut b, fx_a, fx_b)?;
    a.expect_state("Normal")?;
    b.expect_state("Normal")?;
    a.events.clear();
    b.events.clear();
    Ok((a, b))
}

/// The preimage of payment `n`.
pub fn preimage(n: u64) -> [u8; 32] {
    let mut p = [0u8; 32];
    p[..8].copy_from_slice(&n.to_be_bytes());
    p[31] = 0xaa;
    p
}

/// One HTLC round of `amount_msat`, payment `n`, from `payer` to `payee`:
/// add + commit, delivered until quiet; fulfill + commit, delivered until
/// quiet. Fails unless the payee was offered the HTLC and the payer heard it
/// settled with the preimage.
pub fn round(payer: &mut Party, payee: &mut Party, amount_msat: u64, n: u64) -> Result<(), PairError> {
    let preimage = preimage(n);
    let payment_hash = rt::Hash256(sha256::Hash::hash(&preimage).to_byte_array());
    let mut fx = payer.command(Command::Add(Add { amount: Msat(amount_msat), payment_hash, cltv_expiry: HEIGHT + 40, onion: [0u8; 1366] }))?;
    fx.extend(payer.command(Command::Commit(Commit {}))?);
    settle(payer, payee, fx, Vec::new())?;

    let id = payee
        .events
        .drain(..)
        .find_map(|e| match e {
            Event::HtlcReceived(r) if r.payment_hash == payment_hash && r.amount == Msat(amount_msat) => Some(r.id),
            _ => None,
        })
        .ok_or(PairError::Incomplete("htlc_received"))?;
    let mut fx = payee.command(Command::Fulfill(Fulfill { id, preimage }))?;
    fx.extend(payee.command(Command::Commit(Commit {}))?);
    settle(payer, payee, Vec::new(), fx)?;

    let settled = payer.events.drain(..).any(|e| matches!(e, Event::HtlcSettled(s) if s.preimage == preimage));
    payee.events.clear();
    if settled {
        Ok(())
    } else {
        Err(PairError::Incomplete("htlc_settled"))
    }
}
