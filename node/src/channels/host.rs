//! The channel host task: owns every channel machine and performs what
//! their steps decide, after each step is stored ("persist before you
//! speak"), as `tests/src/bolt_channel.rs` does in process:
//!
//! - `Send` → the peer's connection (queued during the step, handed to the
//!   connection at the end of the request; a peer that is away misses it,
//!   and `channel_reestablish` recovers);
//! - `Broadcast` → the chain backend (already in the mempool is success),
//!   then armed in the store and followed ([`rebroadcast`]): handed to the
//!   chain again after each new tip until it is 6 blocks deep or replaced;
//! - watches → armed in the store, polled on every new tip (again while a
//!   step arms a watch the chain already satisfies);
//! - timers → armed in the store, tokio sleeps that come back as inputs;
//! - events → the node: `funding_needed` (the wallet signs the funding
//!   transaction; it is broadcast once the machine is `AwaitLocked`, i.e.
//!   after the peer's signature on our first commitment is verified),
//!   `htlc_received` (fulfilled if we issued an invoice for the hash and
//!   the amount covers it, else failed — once irrevocably committed; the
//!   payment is recorded as settled once the removal is in both
//!   commitments, and a removal a disconnection made the peer forget is
//!   made again), `htlc_settled`/`htlc_failed`
//!   (the payment's outcome), `htlc_dropped` (added again).
//!
//! The host works in batches (group commit): it takes every request already
//! queued (up to [`MAX_BATCH`]), handling each and the events it causes;
//! then signs what is due — one `commit` per channel that has updates to
//! sign and may sign them, so the HTLCs of many queued payments land in one
//! `commitment_signed`; then flushes the machines' store and the node's
//! records to disk once ([`Store::sync`], [`Records::sync`]); and only then
//! sends the batch's messages and answers the payments it settled. Steps
//! are staged without a flush of their own, so a batch costs one flush
//! however many steps it took; nothing leaves the node — a message, a
//! broadcast (which syncs first), a payment's outcome — before the steps
//! that decided it are on disk. A store that cannot be flushed stops the
//! host.
//!
//! A restart reopens every
//! channel from the store (replaying its unperformed effects, re-arming
//! its watches and timers) and tells each live channel its peer is gone
//! until the peer is back. What this is not: the wallet's coin logic
//! ([`crate::wallet`]) or the wire transport ([`crate::peers`]).
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::path::Path;
use std::str::FromStr;
use std::time::{Duration, Instant};

use bitcoin::consensus::encode::{deserialize_hex, serialize_hex};
use bitcoin::hashes::{sha256, Hash};
use bitcoin::secp256k1::{PublicKey, SecretKey};
use bitcoin::{Network, OutPoint, Transaction};
use lnp_engine::chain_view::{WatchKind, Watches};
use lnp_engine::driver::{Decided, Driver, DriverError};
use lnp_engine::machine::Machine;
use lnp_engine::rt::{self, Effect as Fx, RejectKind};
use lnp_engine::soft::SoftContext;
use lnp_engine::store::{EffectId, Store};
use lnp_protocols::generated::bolt_channel::*;
use lnp_protocols::generated::peer as bolt1;
use tokio::sync::{mpsc, oneshot};
use tracing::{debug, error, info, warn};

use super::onions::{self, Answer, Offered, OurInvoice};
use super::hot::{self, Hot};
use super::rebroadcast::Rebroadcasts;
use super::records::{ChannelRecord, Direction, PaymentRecord, PaymentStatus, Records, SentOnion};
use super::view::{Kind, Progress, StateView};
use super::{ChannelError, ChannelManager, ChannelSummary, Closing, HostStats, HtlcSummary, Opened, Request, FUNDING_FEERATE_SAT_VB, TICK};
use crate::chain::backend::ChainBackend;
use crate::daemon::StoredInvoice;
use crate::fees;
use crate::invoice::{self, DecodedInvoice};
use crate::keys::NodeKeys;
use crate::onion::PACKET_LEN;
use crate::peers::{PeerManager, PeerSignal};
use crate::wallet::Wallet;

mod on_chain;
mod settlement;

/// The largest channel this node opens or accepts: BOLT 2's limit without
/// `option_support_large_channel` (2^24 − 1 sat), which it does not offer.
pub const MAX_CHANNEL_SAT: u64 = 16_777_215;

/// How long to wait between two dials of the same peer.
const REDIAL_AFTER: Duration = Duration::from_secs(2);
/// Blocks added to the invoice's final CLTV delta when we pay: the payee
/// may see a block or two before we do.
const CLTV_MARGIN: u32 = 3;
/// The most requests one batch takes before it signs, syncs and sends.
pub const MAX_BATCH: usize = 1024;
/// How long the host waits, quiet after activity, before it hands the
/// heap's free pages back ([`crate::memory::release_free`]).
const TRIM_AFTER_QUIET: Duration = Duration::from_secs(2);
/// Room kept in the event queue once it is drained (each slot is about
/// 1.4 KiB).
const EVENTS_KEPT: usize = 16;
/// The most channels one peer may have being opened to us at once (from
/// its `open_channel` until the funding is deep enough): each costs a
/// record, keys and a watch before any money is committed, so a peer
/// could otherwise make us keep any number of them.
pub const MAX_PENDING_OPENS_PER_PEER: usize = 16;

/// What the host needs from the node.
pub struct HostParts {
    pub keys: NodeKeys,
    pub network: Network,
    pub db: sled::Db,
    pub wallet: std::sync::Arc<Wallet>,
    pub chain: ChainBackend,
    pub peers: PeerManager,
    pub invoices: sled::Tree,
    /// Channels kept whole in memory (see [`Hot`]).
    pub hot_channels: usize,
}

/// One live channel.
///
/// Boxed in the host's map (a map node then holds pointers, not half-empty
/// slots of this size). Its machine's whole state and signer are not here:
/// [`Hot`] has them for the channels that stepped last, the store and the
/// seed for all.
struct Chan {
    rec: ChannelRecord,
    peer: PublicKey,
    env: Env,
    /// What the host reads of the machine's state between steps.
    state: StateView,
    watches: Watches<EffectId>,
    /// Running timers, by name: the armed effect.
    timers: HashMap<&'static str, EffectId>,
    /// HTLCs offered to us and decided (see [`onions`]), waiting until
    /// they are irrevocably committed.
    to_settle: BTreeMap<u64, Answer>,
    /// HTLCs we fulfilled or failed whose removal is not yet in both
    /// commitments: their payment is recorded as settled once it is, and
    /// they are settled again if a disconnection made the peer forget it.
    settling: BTreeMap<u64, Answer>,
    /// Our payments whose HTLC a disconnection dropped before it was
    /// signed (payment keys), offered again once the channel is `Normal`.
    to_offer_again: Vec<String>,
    /// The state's name and commitment numbers when the settlements were
    /// last looked at, and whether a revocation was awaited: nothing to
    /// look at again until they move.
    settlements_checked: Option<Progress>,
}

impl Chan {
    fn key(&self) -> Vec<u8> {
        machine_key(self.rec.index)
    }
}

fn machine_key(index: u32) -> Vec<u8> {
    let mut k = b"channel/".to_vec();
    k.extend_from_slice(&index.to_be_bytes());
    k
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The funded channel id a state knows, if any.
fn channel_id_of(state: &StateView) -> Option<rt::ChannelId> {
    state.channel_id
}

/// Capacity, funding and our latest commitment, where the state has them.
fn commitment_of(state: &StateView) -> (u64, Option<OutPoint>, Option<&CommitView>) {
    (state.capacity_sat, state.funding, state.local_commit.as_ref())
}

/// Whether the machine has updates to sign for the peer and may sign now.
fn commit_due(state: &StateView) -> bool {
    state.commit_due
}

/// The channel id a message names (temporary before funding).
fn message_channel_id(m: &Message) -> rt::ChannelId {
    match m {
        Message::OpenChannel(m) => m.temporary_channel_id,
        Message::AcceptChannel(m) => m.temporary_channel_id,
        Message::FundingCreated(m) => m.temporary_channel_id,
        Message::FundingSigned(m) => m.channel_id,
        Message::ChannelReady(m) => m.channel_id,
        Message::Shutdown(m) => m.channel_id,
        Message::ClosingSigned(m) => m.channel_id,
        Message::CommitmentSigned(m) => m.channel_id,
        Message::RevokeAndAck(m) => m.channel_id,
        Message::UpdateFee(m) => m.channel_id,
        Message::ChannelReestablish(m) => m.channel_id,
        Message::UpdateAddHtlc(m) => m.channel_id,
        Message::UpdateFulfillHtlc(m) => m.channel_id,
        Message::UpdateFailHtlc(m) => m.channel_id,
        Message::UpdateFailMalformedHtlc(m) => m.channel_id,
    }
}

/// Where a `pay` call waits for its payment's outcome.
type PayReply = oneshot::Sender<Result<PaymentRecord, ChannelError>>;

/// The host task's state.
pub struct Host {
    parts: HostParts,
    store: Store,
    records: Records,
    chans: BTreeMap<u32, Box<Chan>>,
    /// The whole machines of the channels that stepped last.
    hot: Hot,
    /// Current connection id per ready peer.
    connected: HashMap<PublicKey, u64>,
    dialing: HashSet<PublicKey>,
    last_dial: HashMap<PublicKey, Instant>,
    /// The last tip the watches and the wallet were brought to.
    tip: Option<u32>,
    /// A watch was armed since the last poll.
    watches_dirty: bool,
    /// Messages decided during this batch, handed to the peers at its end.
    outbox: Vec<(PublicKey, Vec<u8>)>,
    /// Channels that may have updates to sign at the end of this batch.
    to_commit: BTreeSet<u32>,
    /// Channels stepped since the last sync: their state is encoded and
    /// staged once, at the sync.
    unsaved: BTreeSet<u32>,
    /// Payment outcomes decided during this batch, answered at its end.
    answers: Vec<(PayReply, Result<PaymentRecord, ChannelError>)>,
    /// Per channel: update messages sent since its last `commitment_signed`.
    unsigned_updates: HashMap<u32, u64>,
    stats: HostStats,
    /// When the last batch that was not a lone tick ended, if the heap has
    /// not been trimmed since.
    busy_until: Option<Instant>,
    /// Events decided and not yet handled.
    events: VecDeque<(u32, Event)>,
    draining: bool,
    me: mpsc::UnboundedSender<Request>,
    open_waiters: HashMap<u32, oneshot::Sender<Result<Opened, ChannelError>>>,
    pay_waiters: HashMap<String, PayReply>,
    close_waiters: HashMap<u32, oneshot::Sender<Result<Closing, ChannelError>>>,
    /// The channels' broadcasts not yet safely in the chain.
    rebroadcasts: Rebroadcasts,
    /// Review the broadcasts at the next tick even if the tip has not moved
    /// (after a restart).
    rebroadcast_due: bool,
    /// The chain's fee estimate at the last new tip, in sat/kw ([`fees`]).
    feerate: Option<u32>,
}

/// Starts the host: opens the machines' store at `store_path`, reopens
/// every channel, and runs until [`ChannelManager::stop`].
pub fn start(parts: HostParts, store_path: &Path) -> Result<(ChannelManager, tokio::task::JoinHandle<()>), ChannelError> {
    let store = Store::open_with_cache(store_path, crate::daemon::STORE_CACHE_BYTES).map_err(|source| ChannelError::OpenStore { path: store_path.display().to_string(), source })?;
    let records = Records::open(&parts.db)?;
    let hot_channels = parts.hot_channels;
    let (tx, rx) = mpsc::unbounded_channel();
    let (peer_tx, mut peer_rx) = mpsc::unbounded_channel();
    parts.peers.set_channel_sink(peer_tx);
    let mut host = Host {
        parts,
        store,
        records,
        chans: BTreeMap::new(),
        hot: Hot::new(hot_channels),
        connected: HashMap::new(),
        dialing: HashSet::new(),
        last_dial: HashMap::new(),
        tip: None,
        watches_dirty: true,
        outbox: Vec::new(),
        to_commit: BTreeSet::new(),
        unsaved: BTreeSet::new(),
        answers: Vec::new(),
        unsigned_updates: HashMap::new(),
        stats: HostStats::default(),
        busy_until: None,
        events: VecDeque::new(),
        draining: false,
        me: tx.clone(),
        open_waiters: HashMap::new(),
        rebroadcasts: Rebroadcasts::default(),
        rebroadcast_due: true,
        feerate: None,
        pay_waiters: HashMap::new(),
        close_waiters: HashMap::new(),
    };
    host.reopen()?;
    host.sign_due();
    host.sync().map_err(|e| {
        error!("the channels' stores cannot be flushed: {e}");
        e
    })?;
    let forward = tx.clone();
    tokio::spawn(async move {
        while let Some(signal) = peer_rx.recv().await {
            if forward.send(Request::Peer(signal)).is_err() {
                return;
            }
        }
    });
    let ticker = tx.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(TICK);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            every.tick().await;
            if ticker.send(Request::Tick).is_err() {
                return;
            }
        }
    });
    let task = tokio::spawn(host.run(rx));
    Ok((ChannelManager { tx }, task))
}

impl Host {
    async fn run(mut self, mut rx: mpsc::UnboundedReceiver<Request>) {
        // What the reopened channels replayed, already on disk.
        self.flush_outbox().await;
        let mut stopping = false;
        while !stopping {
            let Some(first) = rx.recv().await else { break };
            // The batch: this request and every one already queued.
            let mut next = Some(first);
            let mut taken = 0;
            let mut only_ticks = true;
            while let Some(request) = next.take() {
                if matches!(request, Request::Stop) {
                    stopping = true;
                    break;
                }
                only_ticks &= matches!(request, Request::Tick);
                self.handle(request);
                self.drain_events();
                taken += 1;
                if taken < MAX_BATCH {
                    next = rx.try_recv().ok();
                }
            }
            self.sign_due();
            self.stats.batches += 1;
            // Persist before you speak: the batch's steps and records are
            // on disk before any message or answer leaves.
            if let Err(e) = self.sync() {
                error!("the channels' stores cannot be flushed ({e}): the channel host stops, sending nothing more");
                return;
            }
            self.flush_outbox().await;
            for (reply, answer) in self.answers.drain(..) {
                let _ = reply.send(answer);
            }
            // What a burst allocated and freed is handed back once it is over.
            if !only_ticks {
                self.busy_until = Some(Instant::now());
            } else if self.busy_until.is_some_and(|at| at.elapsed() >= TRIM_AFTER_QUIET) {
                self.busy_until = None;
                crate::memory::release_free();
            }
        }
        debug!("channel host stopped");
    }

    /// Flushes the machines' store (each channel stepped since the last
    /// sync encoded once) and the node's records to disk.
    fn sync(&mut self) -> Result<(), ChannelError> {
        for index in std::mem::take(&mut self.unsaved) {
            // A channel stepped since the last sync is hot: one pushed out
            // had its state staged then.
            if let Some(state) = self.hot.state(index) {
                Driver::<BoltChannel>::stage_state(&self.store, &machine_key(index), state).map_err(|source| ChannelError::Engine { index, source })?;
            }
        }
        self.store.sync().map_err(ChannelError::Flush)?;
        self.records.sync()?;
        self.stats.syncs = self.store.syncs();
        Ok(())
    }

    /// Hands the batch's messages to the connections: each peer's, in
    /// order, in one write.
    async fn flush_outbox(&mut self) {
        let mut by_peer: Vec<(PublicKey, Vec<Vec<u8>>)> = Vec::new();
        for (peer, bytes) in std::mem::take(&mut self.outbox) {
            match by_peer.iter_mut().find(|(p, _)| *p == peer) {
                Some((_, msgs)) => msgs.push(bytes),
                None => by_peer.push((peer, vec![bytes])),
            }
        }
        for (peer, msgs) in by_peer {
            let n = msgs.len();
            if let Err(e) = self.parts.peers.send_all(peer, msgs).await {
                debug!("{n} messages to {peer} are lost ({e}); channel_reestablish will recover");
            }
        }
    }

    /// Queues a BOLT 1 `warning` or `error` for `peer`.
    fn queue_bolt1(&mut self, peer: PublicKey, m: bolt1::Message) {
        match m.encode() {
            Ok(bytes) => self.outbox.push((peer, bytes)),
            Err(e) => warn!("cannot encode a {} for {peer}: {e}", m.name()),
        }
    }

    /// Queues `m` for `peer`, counting updates and the commitments that sign them.
    fn queue_message(&mut self, index: u32, peer: PublicKey, m: &Message) {
        let bytes = match m.encode() {
            Ok(b) => b,
            Err(e) => return warn!("channel {index}: cannot encode {}: {e}", m.name()),
        };
        match m {
            Message::UpdateAddHtlc(_)
            | Message::UpdateFulfillHtlc(_)
            | Message::UpdateFailHtlc(_)
            | Message::UpdateFailMalformedHtlc(_)
            | Message::UpdateFee(_) => {
                self.stats.updates_sent += 1;
                *self.unsigned_updates.entry(index).or_default() += 1;
            }
            Message::CommitmentSigned(c) => {
                self.stats.commitments_sent += 1;
                self.stats.htlc_signatures_sent += c.htlc_signatures.len() as u64;
                let covered = self.unsigned_updates.remove(&index).unwrap_or(0);
                self.stats.most_updates_in_a_commitment = self.stats.most_updates_in_a_commitment.max(covered);
            }
            _ => {}
        }
        self.outbox.push((peer, bytes));
    }

    /// Signs, for every channel touched in this batch, the updates it may
    /// sign now: one `commit` each, covering everything queued since its
    /// last commitment.
    fn sign_due(&mut self) {
        while let Some(index) = self.to_commit.pop_first() {
            if !self.chans.get(&index).is_some_and(|c| commit_due(&c.state)) {
                continue;
            }
            if let Err(e) = self.step(index, Input::Command(Command::Commit(Commit {}))) {
                warn!("channel {index}: {e}");
            }
            self.follow_up(index);
            self.drain_events();
        }
    }

    fn height(&self) -> u32 {
        self.tip.unwrap_or(0)
    }

    // ------------------------------------------------------------ requests

    fn handle(&mut self, request: Request) {
        match request {
            Request::Peer(signal) => self.peer_signal(signal),
            Request::Tick => {
                // bitcoind answers over blocking HTTP: keep the runtime's
                // other tasks running meanwhile where the runtime allows it.
                let multi_thread = tokio::runtime::Handle::try_current()
                    .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
                let outcome = if multi_thread { tokio::task::block_in_place(|| self.tick()) } else { self.tick() };
                if let Err(e) = outcome {
                    warn!("following the chain: {e}");
                }
            }
            Request::Timer { index, name, id } => self.timer_fired(index, name, id),
            Request::Dialed { node_id } => {
                self.dialing.remove(&node_id);
            }
            Request::Remember { node_id, addr } => {
                if let Err(e) = self.records.put_address(&node_id, &addr.to_string()) {
                    warn!("remembering {node_id}'s address: {e}");
                }
            }
            Request::Open { node_id, amount_sat, push_msat, reply } => match self.open(node_id, amount_sat, push_msat) {
                Ok(index) => {
                    self.open_waiters.insert(index, reply);
                }
                Err(e) => {
                    let _ = reply.send(Err(e));
                }
            },
            Request::Pay { invoice, reply } => match self.pay(&invoice) {
                Ok(key) => {
                    self.pay_waiters.insert(key, reply);
                }
                Err(e) => {
                    let _ = reply.send(Err(e));
                }
            },
            Request::List { reply } => {
                let _ = reply.send(Ok(self.list()));
            }
            Request::Stats { reply } => {
                let _ = reply.send(Ok(self.stats));
            }
            Request::Payments { reply } => {
                let _ = reply.send(self.records.payments());
            }
            Request::Close { channel_id, force, reply } => match self.close(&channel_id, force) {
                Err(e) => {
                    let _ = reply.send(Err(e));
                }
                Ok((_, Some(done))) => {
                    let _ = reply.send(Ok(done));
                }
                Ok((index, None)) => {
                    self.close_waiters.insert(index, reply);
                }
            },
            Request::SetFeerate { channel_id, feerate_per_kw, reply } => {
                let _ = reply.send(self.set_feerate(&channel_id, feerate_per_kw));
            }
            Request::Stop => {}
        }
    }
}

// ------------------------------------------------------------ channels: creation and reopening

impl Host {
    /// The machine parameters of this node's channels.
    fn env(&self, role: Role) -> Env {
        let chain = rt::ChainHash(bitcoin::constants::ChainHash::using_genesis_block(self.parts.network).to_bytes());
        Env { params: Params::new(chain), role }
    }

    /// Channel `index`'s signer and basepoints, from the node's seed.
    fn signer(&self, index: u32) -> Result<(SoftContext, Basepoints), ChannelError> {
        let secrets = self.parts.keys.channel_secrets(index)?;
        let mut ctx = SoftContext::new(secrets.commitment_seed, secrets.random_seed);
        let basepoints = Basepoints {
            funding: ctx.add_key(secrets.funding),
            revocation: ctx.add_key(secrets.revocation),
            payment: ctx.add_key(secrets.payment),
            delayed_payment: ctx.add_key(secrets.delayed_payment),
            htlc: ctx.add_key(secrets.htlc),
        };
        ctx.set_height(self.height());
        Ok((ctx, basepoints))
    }

    /// A new channel with `peer` in the store (its record first).
    fn create(&mut self, peer: PublicKey, role: Role, temporary_channel_id: rt::ChannelId) -> Result<(u32, Basepoints), ChannelError> {
        let index = self.parts.wallet.new_channel_index()?;
        let rec = ChannelRecord {
            index,
            peer: peer.to_string(),
            role: match role {
                Role::Funder => "funder".into(),
                Role::Fundee => "fundee".into(),
            },
            temporary_channel_id: hex(&temporary_channel_id.0),
            funding_tx: None,
            close_txids: Vec::new(),
        };
        self.records.put_channel(&rec)?;
        let (signer, basepoints) = self.signer(index)?;
        self.keep_hot(index, hot::Machine { state: State::initial(), signer })?;
        let chan = Chan {
            rec,
            peer,
            env: self.env(role),
            state: StateView::of(&State::initial()),
            watches: Watches::new(),
            timers: HashMap::new(),
            to_settle: BTreeMap::new(),
            settling: BTreeMap::new(),
            to_offer_again: Vec::new(),
            settlements_checked: None,
        };
        self.chans.insert(index, Box::new(chan));
        Ok((index, basepoints))
    }

    /// Reopens every stored channel: pending effects performed, watches
    /// and timers set up again, live channels told their peer is away.
    fn reopen(&mut self) -> Result<(), ChannelError> {
        self.tip = Some(self.parts.chain.height_blocking()?);
        // Read once for every channel (not once per channel).
        let pending_received: Vec<PaymentRecord> = self
            .records
            .payments()?
            .into_iter()
            .filter(|p| p.direction == Direction::Received && p.status == PaymentStatus::Pending)
            .collect();
        for rec in self.records.channels()? {
            let index = rec.index;
            let peer = PublicKey::from_str(&rec.peer).map_err(|e| ChannelError::Corrupt(format!("channel {index}'s peer: {e}")))?;
            let role = if rec.role == "funder" { Role::Funder } else { Role::Fundee };
            let (driver, pending) = Driver::<BoltChannel>::open(&self.store, &machine_key(index), State::initial())
                .map_err(|source| ChannelError::Engine { index, source })?;
            let state = StateView::of(driver.state());
            let armed = driver.armed().map_err(|source| ChannelError::Engine { index, source })?;
            let mut to_settle = BTreeMap::new();
            for p in &pending_received {
                if p.channel == index {
                    let answer = match (self.records.answer(index, p.htlc_id)?, p.preimage.as_deref().and_then(preimage_from_hex)) {
                        (Some(answer), _) => answer,
                        (None, Some(preimage)) => Answer::Fulfill { preimage, too_late: Vec::new() },
                        // Decided before answers were stored: a failure the payer cannot read.
                        (None, None) => Answer::Fail { reason: Vec::new() },
                    };
                    to_settle.insert(p.htlc_id, answer);
                }
            }
            let mut chan = Box::new(Chan {
                rec,
                peer,
                env: self.env(role),
                state,
                watches: Watches::new(),
                timers: HashMap::new(),
                to_settle,
                settling: BTreeMap::new(),
                to_offer_again: Vec::new(),
                settlements_checked: None,
            });
            let tip = self.tip.unwrap_or(0);
            for (id, fx) in armed {
                if let Some((name, kind)) = WatchKind::of(&fx) {
                    chan.watches.add(id, name, kind);
                } else if let Fx::StartTimer { name, after_secs } = fx {
                    self.spawn_timer(index, name, after_secs, id.clone());
                    chan.timers.insert(name, id);
                } else if let Fx::Broadcast(tx) = fx {
                    // Sent again at the first tick (the mempool may have
                    // lost it while the node was down).
                    self.rebroadcasts.follow(id, index, tx, tip);
                }
            }
            let terminal = chan.state.is_terminal();
            info!("channel {index} with {peer}: {}", chan.state.name());
            self.chans.insert(index, chan);
            self.perform(index, pending);
            if !terminal {
                if let Err(e) = self.input(index, Input::Command(Command::PeerDisconnected(PeerDisconnected {}))) {
                    debug!("channel {index}: {e}");
                }
                // The embedded chain's mempool does not survive a restart.
                self.broadcast_funding(index);
            }
        }
        self.drain_events();
        Ok(())
    }

    // ------------------------------------------------------------ stepping

    /// Steps channel `index`, performs the effects, then whatever is due
    /// (the funding broadcast, a `commit`). A reject of a peer's message is
    /// answered to the peer; one of a command is returned.
    fn input(&mut self, index: u32, input: Input) -> Result<(), ChannelError> {
        let outcome = self.step(index, input);
        self.follow_up(index);
        outcome
    }

    /// What is due after a step: the funding broadcast, settling the HTLCs
    /// now irrevocably committed; signing the updates waits for the end of
    /// the batch ([`Host::sign_due`]).
    fn follow_up(&mut self, index: u32) {
        self.broadcast_funding(index);
        self.offer_again(index);
        self.settlements(index);
        if self.chans.get(&index).is_some_and(|c| commit_due(&c.state)) {
            self.to_commit.insert(index);
        }
    }

    /// Offers again, once the channel is `Normal`, the HTLCs of our payments
    /// a disconnection dropped, each with its onion and under the id the
    /// channel gives it now (the old one may have gone to another payment).
    fn offer_again(&mut self, index: u32) {
        let Some(chan) = self.chans.get_mut(&index) else { return };
        if chan.to_offer_again.is_empty() || chan.state.kind != Kind::Normal {
            return;
        }
        for key in std::mem::take(&mut chan.to_offer_again) {
            let outcome = (|| {
                let Some(mut p) = self.records.payments.get(key.as_bytes()).map_err(|source| ChannelError::Store { during: "reading a payment", source })?.map(|v| serde_json::from_slice::<PaymentRecord>(&v)).transpose().map_err(|e| ChannelError::Corrupt(format!("payment {key}: {e}")))? else { return Ok(()) };
                let onion = self.records.sent_onion(&key)?.ok_or_else(|| ChannelError::Corrupt(format!("payment {} has no onion", p.payment_hash)))?;
                let Some(chan) = self.chans.get(&index).filter(|c| c.state.kind == Kind::Normal) else { return Ok(()) };
                p.htlc_id = chan.state.next_htlc_id;
                self.input(index, Input::Command(add_command(&p, &onion.packet)?))?;
                self.records.put_payment(&p)
            })();
            if let Err(e) = outcome {
                warn!("channel {index}: offering payment {key} again: {e}");
            }
        }
    }

    /// Channel `index`'s whole machine: hot, or read back from the store
    /// with its signer derived again from the seed.
    fn take_machine(&mut self, index: u32) -> Result<hot::Machine, ChannelError> {
        if let Some(machine) = self.hot.take(index) {
            return Ok(machine);
        }
        let engine = |source: lnp_engine::store::StoreError| ChannelError::Engine { index, source: source.into() };
        let state = match self.store.state(&machine_key(index)).map_err(engine)? {
            Some((_, bytes)) => <BoltChannel as Machine>::decode_state(&bytes).map_err(|e| ChannelError::Engine { index, source: DriverError::Decode(e) })?,
            None => State::initial(),
        };
        let (signer, _) = self.signer(index)?;
        self.stats.machines_read_back += 1;
        Ok(hot::Machine { state, signer })
    }

    /// Keeps channel `index`'s machine hot; the one that pushes out has its
    /// state staged in the store if it stepped since the last sync.
    fn keep_hot(&mut self, index: u32, machine: hot::Machine) -> Result<(), ChannelError> {
        if let Some((cold, out)) = self.hot.put(index, machine) {
            if self.unsaved.remove(&cold) {
                Driver::<BoltChannel>::stage_state(&self.store, &machine_key(cold), &out.state).map_err(|source| ChannelError::Engine { index: cold, source })?;
            }
        }
        Ok(())
    }

    /// Makes channel `index`'s machine hot if it is not.
    fn make_hot(&mut self, index: u32) -> Result<(), ChannelError> {
        if self.hot.state(index).is_none() {
            let machine = self.take_machine(index)?;
            self.keep_hot(index, machine)?;
        }
        Ok(())
    }

    fn step(&mut self, index: u32, input: Input) -> Result<(), ChannelError> {
        if !self.chans.contains_key(&index) {
            return Err(ChannelError::UnknownChannel(index.to_string()));
        }
        let mut machine = self.take_machine(index)?;
        let outcome = self.step_with(index, input, &mut machine);
        self.keep_hot(index, machine)?;
        let terminal = self.chans.get(&index).is_some_and(|c| c.state.is_terminal());
        let effects = match outcome? {
            Some(effects) => effects,
            None => return Ok(()),
        };
        if terminal {
            // A closed channel needs no watches or timers, nor its machine
            // (once the store has its last state).
            if let Some(machine) = self.hot.take(index) {
                if self.unsaved.remove(&index) {
                    Driver::<BoltChannel>::stage_state(&self.store, &machine_key(index), &machine.state).map_err(|source| ChannelError::Engine { index, source })?;
                }
            }
            let engine = |source: lnp_engine::store::StoreError| ChannelError::Engine { index, source: source.into() };
            // Its broadcasts are still followed until the chain has them.
            for (id, _) in self.store.armed(&machine_key(index)).map_err(engine)? {
                if !self.rebroadcasts.is_followed(&id) {
                    self.store.disarm(&id).map_err(engine)?;
                }
            }
            // Nothing can spend a closed channel's outputs any more: what
            // it archived for the chain (revoked HTLCs, preimages) goes.
            self.store.forget_archives(&machine_key(index)).map_err(engine)?;
            if let Some(chan) = self.chans.get_mut(&index) {
                chan.watches = Watches::new();
                chan.timers.clear();
            }
        }
        self.perform(index, effects);
        Ok(())
    }

    /// One step of `machine` (channel `index`'s), staged to be flushed with
    /// the rest of the batch: its effects, or `None` if it was refused
    /// without an error for the caller.
    fn step_with(&mut self, index: u32, input: Input, machine: &mut hot::Machine) -> Result<Option<Decided<BoltChannel>>, ChannelError> {
        let height = self.height();
        let Some(chan) = self.chans.get_mut(&index) else { return Err(ChannelError::UnknownChannel(index.to_string())) };
        machine.signer.set_height(height);
        let described = input.describe();
        let command = if let Input::Command(c) = &input { Some(c.name()) } else { None };
        let key = chan.key();
        let mut driver = Driver::<BoltChannel>::resume(&self.store, &key, std::mem::replace(&mut machine.state, State::initial()));
        let outcome = driver.stage(input, &chan.env, &mut machine.signer);
        machine.state = driver.into_state();
        let effects = match outcome {
            Ok(fx) => {
                self.unsaved.insert(index);
                fx
            }
            Err(DriverError::Rejected(r)) => {
                let channel = channel_id_of(&chan.state).map(|id| id.0).unwrap_or([0; 32]);
                debug!("channel {index} in {} refused {described}: {} ({:?})", chan.state.name(), r.message, r.kind);
                if r.kind == RejectKind::Ignore {
                    return Ok(None);
                }
                if let Some(command) = command {
                    return Err(ChannelError::Refused { channel: index.to_string(), command, reason: r.message });
                }
                if described.starts_with("recv") {
                    warn!("channel {index}: the peer's {described} refused: {}", r.message);
                    let data = r.message.clone().into_bytes();
                    let m = match r.kind {
                        RejectKind::Error => bolt1::Message::Error(bolt1::Error { channel_id: rt::ChannelId(channel), data }),
                        _ => bolt1::Message::Warning(bolt1::Warning { channel_id: rt::ChannelId(channel), data }),
                    };
                    let peer = chan.peer;
                    self.queue_bolt1(peer, m);
                } else {
                    warn!("channel {index} in {} refused {described}: {}", chan.state.name(), r.message);
                }
                return Ok(None);
            }
            Err(source) => return Err(ChannelError::Engine { index, source }),
        };
        chan.state = StateView::of(&machine.state);
        Ok(Some(effects))
    }

    /// Performs effects already stored, marking each done (or armed).
    fn perform(&mut self, index: u32, effects: Decided<BoltChannel>) {
        for (id, fx) in effects {
            if let Err(e) = self.perform_one(index, id, fx) {
                warn!("channel {index}: performing an effect: {e}");
            }
        }
    }

    fn perform_one(&mut self, index: u32, id: EffectId, fx: Fx<Message, Event>) -> Result<(), ChannelError> {
        let engine = |source: lnp_engine::store::StoreError| ChannelError::Engine { index, source: source.into() };
        let Some(chan) = self.chans.get_mut(&index) else { return Ok(()) };
        let store = &self.store;
        if chan.state.is_terminal() && matches!(fx, Fx::WatchConfirm { .. } | Fx::WatchSpend { .. } | Fx::StartTimer { .. }) {
            return store.done(&id).map_err(engine);
        }
        if let Some((name, kind)) = WatchKind::of(&fx) {
            store.arm(&id).map_err(engine)?;
            chan.watches.add(id, name, kind);
            self.watches_dirty = true;
            return Ok(());
        }
        match fx {
            Fx::Send(m) => {
                let peer = chan.peer;
                self.queue_message(index, peer, &m);
            }
            Fx::Broadcast(tx) => {
                // The steps that decided it are on disk before it leaves;
                // if they cannot be, it stays in the outbox.
                self.sync()?;
                let txid = tx.compute_txid();
                match self.parts.chain.broadcast_blocking(&tx) {
                    Ok(_) => info!("channel {index}: broadcast {txid}"),
                    Err(e) => warn!("channel {index}: the chain refused {txid} (tried again at each new block): {e}"),
                }
                // Followed (and kept in the store) until it is deep enough.
                self.store.arm(&id).map_err(engine)?;
                let tip = self.tip.unwrap_or(0);
                self.rebroadcasts.follow(id, index, tx, tip);
                return Ok(());
            }
            Fx::Emit(e) => self.events.push_back((index, e)),
            Fx::StartTimer { name, after_secs } => {
                store.arm(&id).map_err(engine)?;
                if let Some(old) = chan.timers.insert(name, id.clone()) {
                    store.disarm(&old).map_err(engine)?;
                }
                self.spawn_timer(index, name, after_secs, id);
                return Ok(());
            }
            Fx::StopTimer { name } => {
                if let Some(old) = chan.timers.remove(name) {
                    store.disarm(&old).map_err(engine)?;
                }
            }
            Fx::WatchConfirm { .. } | Fx::WatchSpend { .. } => {}
        }
        self.store.done(&id).map_err(engine)
    }

    fn spawn_timer(&self, index: u32, name: &'static str, after_secs: u32, id: EffectId) {
        let me = self.me.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(u64::from(after_secs))).await;
            let _ = me.send(Request::Timer { index, name, id });
        });
    }

    fn timer_fired(&mut self, index: u32, name: &'static str, id: EffectId) {
        let Some(chan) = self.chans.get_mut(&index) else { return };
        if chan.timers.get(name) != Some(&id) {
            return; // stopped or restarted since
        }
        chan.timers.remove(name);
        let Some(timer) = Timer::from_name(name) else { return };
        if let Err(e) = self.input(index, Input::Timer(timer)) {
            warn!("channel {index}: timer {name}: {e}");
        }
        if let Err(e) = self.store.disarm(&id) {
            warn!("channel {index}: disarming timer {name}: {e}");
        }
    }

    // ------------------------------------------------------------ events

    /// Handles queued events until none is left (events of the steps they
    /// cause included).
    fn drain_events(&mut self) {
        if self.draining {
            return;
        }
        self.draining = true;
        while let Some((index, event)) = self.events.pop_front() {
            if let Err(e) = self.event(index, event) {
                warn!("channel {index}: {e}");
            }
        }
        // An event is large (an HTLC's onion is in it): a burst (a block
        // confirming a thousand channels) must not leave its queue behind.
        self.events.shrink_to(EVENTS_KEPT);
        self.draining = false;
    }

    fn event(&mut self, index: u32, event: Event) -> Result<(), ChannelError> {
        debug!("channel {index}: event {}", event.name());
        match event {
            Event::FundingNeeded(need) => self.fund(index, need),
            Event::ChannelOpened(o) => {
                info!("channel {index} is open: {}", hex(&o.channel_id.0));
                Ok(())
            }
            Event::HtlcReceived(r) => self.htlc_received(index, r),
            // The moment the spec says an HTLC offered to us may be settled.
            Event::PaymentLockedIn(l) => {
                debug!("channel {index}: HTLC {} ({} msat) is locked in", l.id, l.amount.0);
                self.follow_up(index);
                Ok(())
            }
            Event::HtlcSettled(s) => self.htlc_outcome(index, s.id, Ok(s.preimage)),
            Event::HtlcFailed(f) => self.htlc_failed(index, f),
            Event::HtlcDropped(d) => {
                let Some(p) = self.records.payment_by_htlc(index, d.id, Direction::Sent)? else { return Ok(()) };
                info!("channel {index}: HTLC {} was forgotten at a disconnection: it is offered again once the channel is back", d.id);
                if let Some(chan) = self.chans.get_mut(&index) {
                    chan.to_offer_again.push(p.key());
                }
                self.offer_again(index);
                Ok(())
            }
            Event::ChannelClosed(c) => {
                info!("channel {index} closed by {}", c.txid);
                self.closed(index, c.txid, false)
            }
            Event::ForceClosed(c) => {
                info!("channel {index} force-closed: commitment {}", c.txid);
                self.closed(index, c.txid, true)
            }
            Event::Swept(s) => {
                info!("channel {index}: our delayed output swept by {} ({} sat)", s.txid, s.amount.0);
                self.note_txid(index, s.txid)
            }
            Event::Penalized(p) => {
                warn!("channel {index}: the peer published revoked commitment {}; penalty {} ({} sat)", p.revoked, p.txid, p.amount.0);
                self.note_txid(index, p.txid)
            }
            Event::HtlcResolved(r) => {
                info!("channel {index}: HTLC {} resolved on chain by {}", r.id, r.txid);
                self.note_txid(index, r.txid)
            }
            Event::ChannelForgotten(_) => {
                info!("channel {index} forgotten: the connection dropped before it was funded");
                let unsent = self.chans.get(&index).and_then(|c| c.rec.funding_tx.as_deref()).and_then(|t| deserialize_hex::<Transaction>(t).ok());
                if let Some(tx) = unsent {
                    self.parts.wallet.release(tx.compute_txid())?;
                }
                if let (Some(reply), Some(chan)) = (self.open_waiters.remove(&index), self.chans.get(&index)) {
                    let _ = reply.send(Err(ChannelError::NotConnected(chan.peer)));
                }
                Ok(())
            }
            Event::DeadlinePassed(d) => {
                let what = if d.offered { "we offered expired at" } else { "we fulfilled expires at" };
                warn!("channel {index}: HTLC {} {what} {} and is still committed at height {}: failing the channel (BOLT 2 HTLC deadlines)", d.id, d.cltv_expiry, d.height);
                Ok(())
            }
            Event::Committed(c) => {
                debug!("channel {index}: commitment {} signed by both: {} / {} msat, {} HTLCs", c.number, c.to_local.0, c.to_remote.0, c.htlcs);
                Ok(())
            }
        }
    }

    fn note_txid(&mut self, index: u32, txid: bitcoin::Txid) -> Result<(), ChannelError> {
        let Some(chan) = self.chans.get_mut(&index) else { return Ok(()) };
        let t = txid.to_string();
        if !chan.rec.close_txids.contains(&t) {
            chan.rec.close_txids.push(t);
            self.records.put_channel(&chan.rec)?;
        }
        Ok(())
    }

    fn closed(&mut self, index: u32, txid: bitcoin::Txid, _force: bool) -> Result<(), ChannelError> {
        self.note_txid(index, txid)?;
        if let (Some(reply), Some(chan)) = (self.close_waiters.remove(&index), self.chans.get(&index)) {
            let _ = reply.send(Ok(Closing {
                channel_id: channel_id_of(&chan.state).map(|id| hex(&id.0)).unwrap_or_default(),
                txid: txid.to_string(),
                state: chan.state.name().to_string(),
            }));
        }
        Ok(())
    }

    /// The wallet pays the funding output; the machine is told where.
    fn fund(&mut self, index: u32, need: FundingNeeded) -> Result<(), ChannelError> {
        let signed = match self.parts.wallet.fund(&need.script, need.amount.0, self.feerate.map_or(FUNDING_FEERATE_SAT_VB, fees::sat_per_vb), self.height()) {
            Ok(s) => s,
            Err(e) => {
                // The channel cannot be funded: drop it as the spec drops
                // a channel whose peer leaves before funding.
                if let Some(reply) = self.open_waiters.remove(&index) {
                    let _ = reply.send(Err(e.into()));
                }
                return self.input(index, Input::Command(Command::PeerDisconnected(PeerDisconnected {})));
            }
        };
        let txid = signed.tx.compute_txid();
        let vout = signed
            .tx
            .output
            .iter()
            .position(|o| o.script_pubkey == need.script)
            .ok_or_else(|| ChannelError::Corrupt("the funding transaction lacks the channel output".into()))? as u32;
        if let Some(chan) = self.chans.get_mut(&index) {
            chan.rec.funding_tx = Some(serialize_hex(&signed.tx));
            self.records.put_channel(&chan.rec)?;
        }
        info!("channel {index}: funding {txid}:{vout} signed ({} sat fee)", signed.fee_sat);
        self.input(index, Input::Command(Command::FundingBuilt(FundingBuilt { outpoint: OutPoint { txid, vout } })))
    }

    /// An HTLC offered to us: it will be fulfilled (once both commitments
    /// hold it) if it pays one of our invoices, else failed.
    fn htlc_received(&mut self, index: u32, r: HtlcReceived) -> Result<(), ChannelError> {
        let hash = hex(&r.payment_hash.0);
        let peer = self.chans.get(&index).map(|c| c.peer.to_string()).unwrap_or_default();
        let offered = Offered { amount_msat: r.amount.0, payment_hash: r.payment_hash.0, cltv_expiry: r.cltv_expiry, onion: &r.onion };
        let mut lookup_error = None;
        let decision = onions::answer_htlc(self.parts.keys.node_secret(), offered, self.height(), |h| match self.our_invoice(h) {
            Ok(found) => found,
            Err(e) => {
                lookup_error = Some(e);
                None
            }
        });
        if let Some(e) = lookup_error {
            return Err(e);
        }
        let (preimage, failure) = match &decision.answer {
            Answer::Fulfill { preimage, .. } => (Some(hex(preimage)), None),
            _ => (None, Some(decision.why.clone())),
        };
        let record = PaymentRecord {
            payment_hash: hash.clone(),
            direction: Direction::Received,
            amount_msat: r.amount.0,
            status: PaymentStatus::Pending,
            channel: index,
            htlc_id: r.id,
            cltv_expiry: r.cltv_expiry,
            preimage,
            peer,
            failure,
        };
        match &decision.answer {
            Answer::Fulfill { .. } => info!("channel {index}: HTLC {} pays our invoice {hash}: fulfilling once committed", r.id),
            _ => info!("channel {index}: HTLC {} ({hash}) is refused: {}; failing once committed", r.id, decision.why),
        }
        self.records.put_answer(index, r.id, &decision.answer)?;
        self.records.put_payment(&record)?;
        if let Some(chan) = self.chans.get_mut(&index) {
            chan.to_settle.insert(r.id, decision.answer);
        }
        self.follow_up(index);
        Ok(())
    }

    /// Our invoice for `payment_hash`, if we issued one.
    fn our_invoice(&self, payment_hash: &[u8; 32]) -> Result<Option<OurInvoice>, ChannelError> {
        let hash = hex(payment_hash);
        let Some(bytes) = self.parts.invoices.get(hash.as_bytes()).map_err(|source| ChannelError::Store { during: "reading an invoice", source })? else {
            return Ok(None);
        };
        let corrupt = |what: &str| ChannelError::Corrupt(format!("invoice {hash}: {what}"));
        let stored: StoredInvoice = serde_json::from_slice(&bytes).map_err(|e| corrupt(&e.to_string()))?;
        // Our own invoice, signed by us: its terms are read without
        // recovering the signature's key (a curve operation per HTLC).
        let terms = invoice::own_terms(&stored.bolt11).map_err(|e| corrupt(&e.to_string()))?;
        Ok(Some(OurInvoice {
            preimage: preimage_from_hex(&stored.preimage).ok_or_else(|| corrupt("its preimage"))?,
            payment_secret: preimage_from_hex(&stored.payment_secret).ok_or_else(|| corrupt("its payment secret"))?,
            amount_msat: terms.amount_msat,
            min_final_cltv_expiry_delta: terms.min_final_cltv_expiry_delta,
            expires_at: terms.timestamp.saturating_add(terms.expiry_secs),
        }))
    }

    /// An HTLC we offered failed: why, as far as we can read it.
    fn htlc_failed(&mut self, index: u32, f: HtlcFailed) -> Result<(), ChannelError> {
        let Some(p) = self.records.payment_by_htlc(index, f.id, Direction::Sent)? else { return Ok(()) };
        let session_key = self.records.sent_onion(&p.key())?.and_then(|o| SecretKey::from_slice(&o.session_key).ok());
        let payee = PublicKey::from_str(&p.peer).map_err(|e| ChannelError::Corrupt(format!("payment {}'s peer: {e}", p.payment_hash)))?;
        let why = onions::explain_failure(session_key.as_ref(), &payee, &f.reason, f.failure_code);
        self.htlc_outcome(index, f.id, Err(why))
    }

    /// Our HTLC `htlc_id` settled with its preimage, or failed (and why).
    fn htlc_outcome(&mut self, index: u32, htlc_id: u64, outcome: Result<[u8; 32], String>) -> Result<(), ChannelError> {
        let Some(mut p) = self.records.payment_by_htlc(index, htlc_id, Direction::Sent)? else { return Ok(()) };
        match &outcome {
            Ok(preimage) => {
                p.status = PaymentStatus::Succeeded;
                p.preimage = Some(hex(preimage));
                info!("payment {} succeeded", p.payment_hash);
            }
            Err(why) => {
                p.status = PaymentStatus::Failed;
                p.failure = Some(why.clone());
                info!("payment {} failed: {why}", p.payment_hash);
            }
        }
        self.records.put_payment(&p)?;
        if let Some(reply) = self.pay_waiters.remove(&p.key()) {
            // Answered once the batch is on disk.
            self.answers.push((
                reply,
                match outcome {
                    Ok(_) => Ok(p),
                    Err(why) => Err(ChannelError::PaymentFailed(why)),
                },
            ));
        }
        Ok(())
    }

    // ------------------------------------------------------------ peers and chain

    fn peer_signal(&mut self, signal: PeerSignal) {
        match signal {
            PeerSignal::Ready { node_id, conn } => {
                if self.connected.insert(node_id, conn).is_some() {
                    // Messages queued in this batch were for the connection
                    // this one replaces; channel_reestablish recovers them.
                    self.outbox.retain(|(p, _)| *p != node_id);
                    self.tell_peer(node_id, Command::PeerDisconnected(PeerDisconnected {}));
                }
                self.tell_peer(node_id, Command::PeerConnected(PeerConnected {}));
            }
            PeerSignal::Closed { node_id, conn } => {
                if self.connected.get(&node_id) == Some(&conn) {
                    self.connected.remove(&node_id);
                    // Queued in this batch for the connection now gone;
                    // channel_reestablish recovers what they carried.
                    self.outbox.retain(|(p, _)| *p != node_id);
                    self.tell_peer(node_id, Command::PeerDisconnected(PeerDisconnected {}));
                }
            }
            PeerSignal::Message { node_id, conn: _, bytes } => self.message(node_id, bytes),
            PeerSignal::Error { node_id, channel_id, data } => self.peer_error(node_id, channel_id, &data),
        }
    }

    /// BOLT 1: an `error` fails the channels it names (all of the peer's
    /// when the id is all zeros): a channel already funded publishes its
    /// latest commitment; one not yet funded is dropped.
    /// An open waiting for the channel hears the peer's reason.
    fn peer_error(&mut self, node_id: PublicKey, channel_id: [u8; 32], data: &[u8]) {
        let all = channel_id == [0; 32];
        let named = hex(&channel_id);
        let failed: Vec<u32> = self
            .chans
            .iter()
            .filter(|(_, c)| c.peer == node_id && !c.state.is_terminal())
            .filter(|(_, c)| all || channel_id_of(&c.state).is_some_and(|id| id.0 == channel_id) || c.rec.temporary_channel_id == named)
            .map(|(i, _)| *i)
            .collect();
        for index in failed {
            let funded = matches!(self.chans[&index].state.kind, Kind::Normal | Kind::Funded);
            let command = if funded { Command::ForceClose(ForceClose {}) } else { Command::PeerDisconnected(PeerDisconnected {}) };
            warn!("channel {index}: the peer failed it with an error: {}", command.name());
            if let Some(reply) = self.open_waiters.remove(&index) {
                let reason: String = String::from_utf8_lossy(data).chars().filter(|c| !c.is_control()).take(300).collect();
                let _ = reply.send(Err(ChannelError::PeerFailed { peer: node_id, reason }));
            }
            if let Err(e) = self.input(index, Input::Command(command)) {
                warn!("channel {index}: {e}");
            }
        }
    }

    /// Gives `command` to every live channel with `node_id`.
    fn tell_peer(&mut self, node_id: PublicKey, command: Command) {
        let indices: Vec<u32> = self.chans.iter().filter(|(_, c)| c.peer == node_id && !c.state.is_terminal()).map(|(i, _)| *i).collect();
        for index in indices {
            if let Err(e) = self.input(index, Input::Command(command.clone())) {
                debug!("channel {index}: {e}");
            }
        }
    }

    fn message(&mut self, node_id: PublicKey, bytes: Vec<u8>) {
        let m = match Message::decode(&bytes) {
            Ok(Some(m)) => m,
            Ok(None) => {
                let kind = bytes.get(..2).map(|t| u16::from_be_bytes([t[0], t[1]])).unwrap_or(0);
                if crate::peers::is_ignored_gossip(kind) {
                    debug!("peer {node_id}: ignoring gossip message of type {kind}");
                } else if kind % 2 == 0 {
                    warn!("peer {node_id} sent message type {kind}, which this node does not know: disconnecting (BOLT 1: unknown even type)");
                    let _ = self.parts.peers.disconnect(node_id);
                }
                return;
            }
            Err(e) => {
                warn!("peer {node_id} sent a malformed channel message: {e}");
                let w = bolt1::Message::Warning(bolt1::Warning { channel_id: rt::ChannelId([0; 32]), data: format!("malformed message: {e}").into_bytes() });
                self.queue_bolt1(node_id, w);
                return;
            }
        };
        let id = message_channel_id(&m);
        if let Message::OpenChannel(_) = &m {
            let pending = self.chans.values().filter(|c| c.peer == node_id && c.rec.role == "fundee" && matches!(c.state.kind, Kind::Opening | Kind::AwaitLocked)).count();
            if pending >= MAX_PENDING_OPENS_PER_PEER {
                warn!("peer {node_id} opens another channel while {pending} of its channels are still opening: refused");
                let data = format!("too many channels being opened at once ({pending}); open more once they are locked in").into_bytes();
                self.queue_bolt1(node_id, bolt1::Message::Error(bolt1::Error { channel_id: id, data }));
                return;
            }
            let opened = self
                .create(node_id, Role::Fundee, id)
                .and_then(|(index, local)| {
                    let shutdown_script = self.shutdown_script()?;
                    self.input(index, Input::Command(Command::Listen(Listen { local, shutdown_script }))).map(|_| index)
                });
            match opened {
                Ok(index) => {
                    info!("peer {node_id} opens channel {index} with us");
                    if let Err(e) = self.input(index, Input::Recv(m)) {
                        warn!("channel {index}: {e}");
                    }
                }
                Err(e) => warn!("cannot accept a channel from {node_id}: {e}"),
            }
            return;
        }
        let hex_id = hex(&id.0);
        let found = self
            .chans
            .iter()
            .rev()
            .find(|(_, c)| c.peer == node_id && (channel_id_of(&c.state) == Some(id) || c.rec.temporary_channel_id == hex_id) && !c.state.is_terminal())
            .map(|(i, _)| *i);
        match found {
            Some(index) => {
                if let Err(e) = self.input(index, Input::Recv(m)) {
                    warn!("channel {index}: {e}");
                }
            }
            None => debug!("peer {node_id} sent {} for unknown channel {hex_id}", m.name()),
        }
    }

    fn redial(&mut self) {
        let away: HashSet<PublicKey> = self
            .chans
            .values()
            .filter(|c| !c.state.is_terminal() && !self.connected.contains_key(&c.peer))
            .map(|c| c.peer)
            .collect();
        for node_id in away {
            if self.dialing.contains(&node_id) || self.last_dial.get(&node_id).is_some_and(|t| t.elapsed() < REDIAL_AFTER) {
                continue;
            }
            let Ok(Some(addr)) = self.records.address(&node_id) else { continue };
            let Ok(addr) = addr.parse() else { continue };
            self.dialing.insert(node_id);
            self.last_dial.insert(node_id, Instant::now());
            let (peers, me) = (self.parts.peers.clone(), self.me.clone());
            tokio::spawn(async move {
                match peers.connect(node_id, addr).await {
                    Ok(_) => info!("reconnected to {node_id} at {addr}"),
                    Err(e) => debug!("redialing {node_id} at {addr}: {e}"),
                }
                let _ = me.send(Request::Dialed { node_id });
            });
        }
    }

    // ------------------------------------------------------------ user calls

    fn open(&mut self, node_id: PublicKey, amount_sat: u64, push_msat: u64) -> Result<u32, ChannelError> {
        if !self.parts.peers.is_ready(&node_id) {
            return Err(ChannelError::NotConnected(node_id));
        }
        if push_msat > amount_sat.saturating_mul(1000) {
            return Err(ChannelError::InvalidArgument(format!("push_msat {push_msat} is more than the channel ({amount_sat} sat)")));
        }
        if amount_sat > MAX_CHANNEL_SAT {
            return Err(ChannelError::InvalidArgument(format!(
                "{amount_sat} sat is 2^24 sat or more: such a channel needs option_support_large_channel, which this node does not offer (at most {MAX_CHANNEL_SAT} sat)"
            )));
        }
        // Fail early, before the peer is involved, when the wallet cannot pay.
        let balance = self.parts.wallet.balance(self.height())?;
        if balance.confirmed_sat < amount_sat + 1_000 {
            return Err(crate::wallet::WalletError::InsufficientFunds { needed_sat: amount_sat + 1_000, available_sat: balance.confirmed_sat }.into());
        }
        let mut temporary = [0u8; 32];
        getrandom::getrandom(&mut temporary).map_err(|e| ChannelError::InvalidArgument(format!("no randomness: {e}")))?;
        let temporary_channel_id = rt::ChannelId(temporary);
        let (index, local) = self.create(node_id, Role::Funder, temporary_channel_id)?;
        // The first commitments' feerate, which open_channel proposes.
        if let (Some(rate), Some(chan)) = (self.feerate, self.chans.get_mut(&index)) {
            chan.env.params.feerate_per_kw = rate;
        }
        let shutdown_script = self.shutdown_script()?;
        self.input(
            index,
            Input::Command(Command::Open(Open { funding: rt::Sat(amount_sat), push: rt::Msat(push_msat), temporary_channel_id, local, shutdown_script })),
        )?;
        Ok(index)
    }

    /// A fresh wallet address's script: where a channel's cooperative close
    /// pays us, committed to when it opens (BOLT 2 upfront_shutdown_script).
    fn shutdown_script(&self) -> Result<Vec<u8>, ChannelError> {
        Ok(self.parts.wallet.new_address()?.0.script_pubkey().to_bytes())
    }

    /// Offers the HTLC paying `invoice`; returns the payment's key.
    fn pay(&mut self, inv: &DecodedInvoice) -> Result<String, ChannelError> {
        if inv.network != invoice::network_name(self.parts.network) {
            return Err(ChannelError::InvalidArgument(format!("the invoice is for {}, this node runs {}", inv.network, invoice::network_name(self.parts.network))));
        }
        let amount_msat = inv.amount_msat.ok_or_else(|| ChannelError::InvalidArgument("the invoice names no amount; amountless invoices are not supported yet".into()))?;
        let payee = PublicKey::from_str(&inv.payee).map_err(|e| ChannelError::InvalidArgument(format!("payee: {e}")))?;
        if payee == self.parts.keys.node_id() {
            return Err(ChannelError::InvalidArgument("the invoice is this node's own".into()));
        }
        if let Some(p) = self.records.payment(Direction::Sent, &inv.payment_hash)? {
            if p.status != PaymentStatus::Failed {
                return Err(ChannelError::InvalidArgument(format!("invoice {} is already {:?}", inv.payment_hash, p.status).to_lowercase()));
            }
        }
        let index = self
            .chans
            .iter()
            .filter(|(_, c)| c.peer == payee && c.state.kind == Kind::Normal)
            .find(|(_, c)| commitment_of(&c.state).2.is_some_and(|commit| commit.to_local.0 >= amount_msat))
            .map(|(i, _)| *i)
            .ok_or_else(|| ChannelError::NoRoute(format!("no open channel with {payee} that can pay {amount_msat} msat (payments go to direct peers only)")))?;
        if !self.connected.contains_key(&payee) {
            return Err(ChannelError::NotConnected(payee));
        }
        let htlc_id = self.chans[&index].state.next_htlc_id;
        let record = PaymentRecord {
            payment_hash: inv.payment_hash.clone(),
            direction: Direction::Sent,
            amount_msat,
            status: PaymentStatus::Pending,
            channel: index,
            htlc_id,
            cltv_expiry: self.height() + CLTV_MARGIN + u32::try_from(inv.min_final_cltv_expiry_delta).unwrap_or(u32::MAX / 2),
            preimage: None,
            peer: payee.to_string(),
            failure: None,
        };
        let hash = sha256::Hash::from_str(&inv.payment_hash).map_err(|e| ChannelError::InvalidArgument(format!("payment hash {}: {e}", inv.payment_hash)))?;
        let secret = preimage_from_hex(&inv.payment_secret).ok_or_else(|| ChannelError::InvalidArgument("the invoice's payment secret".into()))?;
        let mut session = [0u8; 32];
        getrandom::getrandom(&mut session).map_err(|e| ChannelError::InvalidArgument(format!("no randomness for the onion: {e}")))?;
        let session_key = SecretKey::from_slice(&session).map_err(|e| ChannelError::InvalidArgument(format!("session key: {e}")))?;
        let packet = onions::payment_onion(&session_key, &payee, amount_msat, record.cltv_expiry, &hash.to_byte_array(), secret)
            .map_err(|e| ChannelError::InvalidArgument(format!("the onion: {e}")))?;
        // Stored before the HTLC can leave: a failure is read with its key,
        // and a reconnection that drops the HTLC offers the same onion again.
        self.records.put_sent_onion(&record.key(), &SentOnion { packet: packet.to_vec(), session_key: session })?;
        let add = add_command(&record, &packet)?;
        self.input(index, Input::Command(add))?;
        self.records.put_payment(&record)?;
        Ok(record.key())
    }

    fn list(&self) -> Vec<ChannelSummary> {
        self.chans
            .values()
            .map(|c| {
                let (capacity_sat, funding, commit) = commitment_of(&c.state);
                ChannelSummary {
                    channel_id: channel_id_of(&c.state).map(|id| hex(&id.0)).unwrap_or_else(|| c.rec.temporary_channel_id.clone()),
                    peer: c.rec.peer.clone(),
                    role: c.rec.role.clone(),
                    state: c.state.name().to_string(),
                    connected: self.connected.contains_key(&c.peer),
                    peer_ready: c.state.peer_ready,
                    capacity_sat,
                    our_msat: commit.map_or(0, |x| x.to_local.0),
                    their_msat: commit.map_or(0, |x| x.to_remote.0),
                    pending_htlcs: commit
                        .map(|x| x.htlcs.iter().map(|h| HtlcSummary { id: h.id, amount_msat: h.amount.0, offered: h.offered, cltv_expiry: h.cltv_expiry }).collect())
                        .unwrap_or_default(),
                    feerate_per_kw: commit.map_or(0, |x| x.feerate),
                    funding_outpoint: funding.map(|f| f.to_string()),
                    close_txids: c.rec.close_txids.clone(),
                }
            })
            .collect()
    }

    /// Starts a close; the answer now (force) or when the closing
    /// transaction is out (cooperative).
    /// The channel a user names: by channel id, temporary id or index.
    fn named(&self, channel_id: &str) -> Result<u32, ChannelError> {
        self.chans
            .iter()
            .find(|(i, c)| channel_id_of(&c.state).is_some_and(|id| hex(&id.0) == channel_id) || c.rec.temporary_channel_id == channel_id || i.to_string() == channel_id)
            .map(|(i, _)| *i)
            .ok_or_else(|| ChannelError::UnknownChannel(channel_id.to_string()))
    }

    /// `setfeerate`: a channel we fund proposes `feerate_per_kw` now (the
    /// chain's estimate may move it again at a later block).
    fn set_feerate(&mut self, channel_id: &str, feerate_per_kw: u32) -> Result<(), ChannelError> {
        let index = self.named(channel_id)?;
        let chan = &self.chans[&index];
        if chan.env.role != Role::Funder {
            return Err(ChannelError::InvalidArgument("only the channel's funder proposes its feerate (BOLT 2)".into()));
        }
        if !self.connected.contains_key(&chan.peer) {
            return Err(ChannelError::NotConnected(chan.peer));
        }
        self.input(index, Input::Command(Command::SetFeerate(SetFeerate { feerate_per_kw })))
    }

    fn close(&mut self, channel_id: &str, force: bool) -> Result<(u32, Option<Closing>), ChannelError> {
        let index = self.named(channel_id)?;
        if force {
            self.input(index, Input::Command(Command::ForceClose(ForceClose {})))?;
            let chan = &self.chans[&index];
            let txid = chan.state.commitment_txid.map(|t| t.to_string()).unwrap_or_default();
            return Ok((index, Some(Closing { channel_id: channel_id.to_string(), txid, state: chan.state.name().to_string() })));
        }
        if !self.connected.contains_key(&self.chans[&index].peer) {
            return Err(ChannelError::NotConnected(self.chans[&index].peer));
        }
        // A channel committed to a shutdown script closes to it (the spec
        // takes an empty script to mean that one); older channels get a
        // fresh wallet address.
        let committed = self.chans[&index].state.upfront_committed;
        let scriptpubkey = if committed { Vec::new() } else { self.shutdown_script()? };
        self.input(index, Input::Command(Command::Close(Close { scriptpubkey })))?;
        Ok((index, None))
    }
}

fn preimage_from_hex(text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if text.len() != 64 {
        return None;
    }
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// The `add` command of a payment, with its onion.
fn add_command(p: &PaymentRecord, packet: &[u8]) -> Result<Command, ChannelError> {
    let hash = sha256::Hash::from_str(&p.payment_hash).map_err(|e| ChannelError::InvalidArgument(format!("payment hash {}: {e}", p.payment_hash)))?;
    let onion: [u8; PACKET_LEN] = packet.try_into().map_err(|_| ChannelError::Corrupt(format!("payment {}'s onion is {} bytes", p.payment_hash, packet.len())))?;
    Ok(Command::Add(Add { amount: rt::Msat(p.amount_msat), payment_hash: rt::Hash256(hash.to_byte_array()), cltv_expiry: p.cltv_expiry, onion }))
}
