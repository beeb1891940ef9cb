//! The LDK side of the `htlc_round` bench: two LDK 0.2 `ChannelManager`s
//! in one process, each with its own production `ChainMonitor` (the
//! `ChannelMonitor` every commitment update is applied to), `KeysManager`
//! and `InMemorySigner`s, messages passed as wire bytes (LDK's own
//! `Writeable` encoding, read back with `LengthReadable`).
//!
//! It follows LDK's own benchmark of this round (`bench_sends` in
//! `lightning/src/ln/channelmanager.rs`, behind `cfg(ldk_bench)`), without
//! the functional-test harness (`_test_utils`): that harness's
//! `TestChainMonitor` serializes and re-reads the whole `ChannelMonitor` on
//! every update and its `TestLogger` prints every log line, costs no
//! production node pays. What is left out on purpose, and why:
//! - persistence: the `Persist` here stores nothing and reports every update
//!   complete at once (as LDK's bench's `TestPersister` does); the lnp side
//!   stores nothing either;
//! - routing: the route is found once in setup (LDK's `find_route` over the
//!   two nodes' first hops) and each payment is sent with
//!   `send_payment_with_route`; the lnp side has no routing;
//! - logging: records are dropped unformatted;
//! - the chain: one block with the funding transaction (which has no inputs,
//!   as in LDK's bench) is connected to both managers and monitors.
//!
//! What is in: the payee's invoice secret (`create_inbound_payment_for_hash`),
//! onion construction and decoding for a one-hop path, the HTLC
//! forwarding/claim pipeline, events, and both monitors.
//!
//! Not a test of LDK or of interoperability (see
//! `protocols/tests/ldk_differential.rs` for that).

use bitcoin::block::{Header, Version as BlockVersion};
use bitcoin::hash_types::TxMerkleNode;
use bitcoin::hashes::{sha256, Hash};
use bitcoin::locktime::absolute::LockTime;
use bitcoin::secp256k1::PublicKey;
use bitcoin::transaction::Version;
use bitcoin::{Amount, Block, CompactTarget, Network, Script, Transaction, TxOut, Txid};
use lightning::chain::chaininterface::{BroadcasterInterface, ConfirmationTarget, FeeEstimator};
use lightning::chain::chainmonitor::{ChainMonitor, Persist};
use lightning::chain::channelmonitor::{ChannelMonitor, ChannelMonitorUpdate};
use lightning::chain::{BestBlock, ChannelMonitorUpdateStatus, Filter, Listen, WatchedOutput};
use lightning::events::{Event, EventsProvider, ReplayEvent};
use lightning::ln::channel_state::ChannelDetails;
use lightning::ln::channelmanager::{ChainParameters, ChannelManager, PaymentId, RecipientOnionFields};
use lightning::ln::msgs::{BaseMessageHandler, ChannelMessageHandler, Init, MessageSendEvent};
use lightning::onion_message::messenger::DefaultMessageRouter;
use lightning::routing::gossip::NetworkGraph;
use lightning::routing::router::{find_route, InFlightHtlcs, PaymentParameters, Route, RouteParameters, Router};
use lightning::routing::scoring::FixedPenaltyScorer;
use lightning::sign::{InMemorySigner, KeysManager, NodeSigner};
use lightning::types::payment::{PaymentHash, PaymentPreimage};
use lightning::util::config::{MaxDustHTLCExposure, UserConfig};
use lightning::util::logger::{Logger, Record};
use lightning::util::persist::MonitorName;
use lightning::util::ser::{LengthReadable, Writeable};
use std::cell::RefCell;
use std::sync::{Arc, Mutex};

/// The channel, as on the lnp side: 1 000 000 sat, 100 000 sat pushed.
pub const CAPACITY_SAT: u64 = 1_000_000;
pub const PUSH_MSAT: u64 = 100_000_000;
/// HTLCs expire 40 blocks after the tip, as on the lnp side.
const FINAL_CLTV_DELTA: u32 = 40;

/// Why the LDK side could not open or complete a round.
#[derive(Debug)]
pub enum LdkError {
    /// An LDK API call failed.
    Api(String),
    /// A message did not read back from its bytes.
    Decode(lightning::ln::msgs::DecodeError),
    /// A message or event this bench does not expect.
    Unexpected(String),
    /// Messages kept flowing.
    NeverQuiet,
    /// The round did not reach its end: what was missing.
    Incomplete(&'static str),
}

impl std::fmt::Display for LdkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LdkError::Api(e) => write!(f, "LDK refused: {e}"),
            LdkError::Decode(e) => write!(f, "a message does not decode: {e:?}"),
            LdkError::Unexpected(what) => write!(f, "unexpected {what}"),
            LdkError::NeverQuiet => write!(f, "the nodes never went quiet"),
            LdkError::Incomplete(what) => write!(f, "the round did not complete: {what}"),
        }
    }
}

impl std::error::Error for LdkError {}

fn api<E: std::fmt::Debug>(e: E) -> LdkError {
    LdkError::Api(format!("{e:?}"))
}

/// Drops every record, unformatted.
pub struct NullLogger;
impl Logger for NullLogger {
    fn log(&self, _record: Record) {}
}

/// A fixed feerate: 253 sat/kw, the lnp spec's default.
pub struct FixedFee;
impl FeeEstimator for FixedFee {
    fn get_est_sat_per_1000_weight(&self, _: ConfirmationTarget) -> u32 {
        253
    }
}

/// Keeps what it is asked to broadcast (the funding transaction only).
#[derive(Default)]
pub struct Broadcasts(Mutex<Vec<Transaction>>);
impl BroadcasterInterface for Broadcasts {
    fn broadcast_transactions(&self, txs: &[&Transaction]) {
        self.0.lock().expect("not poisoned").extend(txs.iter().map(|t| (*t).clone()));
    }
}

/// Watches nothing: this bench plays the chain.
pub struct NoFilter;
impl Filter for NoFilter {
    fn register_tx(&self, _: &Txid, _: &Script) {}
    fn register_output(&self, _: WatchedOutput) {}
}

/// Stores nothing and completes every update at once (see the module doc).
pub struct InMemoryOnly;
impl Persist<InMemorySigner> for InMemoryOnly {
    fn persist_new_channel(&self, _: MonitorName, _: &ChannelMonitor<InMemorySigner>) -> ChannelMonitorUpdateStatus {
        ChannelMonitorUpdateStatus::Completed
    }
    fn update_persisted_channel(&self, _: MonitorName, _: Option<&ChannelMonitorUpdate>, _: &ChannelMonitor<InMemorySigner>) -> ChannelMonitorUpdateStatus {
        ChannelMonitorUpdateStatus::Completed
    }
    fn archive_persisted_channel(&self, _: MonitorName) {}
}

/// Never asked: payments carry their route (see the module doc).
pub struct NoRouter;
impl Router for NoRouter {
    fn find_route(&self, _: &PublicKey, _: &RouteParameters, _: Option<&[&ChannelDetails]>, _: InFlightHtlcs) -> Result<Route, &'static str> {
        Err("this bench routes in setup only")
    }
    fn create_blinded_payment_paths<T: bitcoin::secp256k1::Signing + bitcoin::secp256k1::Verification>(
        &self,
        _: PublicKey,
        _: Vec<ChannelDetails>,
        _: lightning::blinded_path::payment::ReceiveTlvs,
        _: Option<u64>,
        _: &bitcoin::secp256k1::Secp256k1<T>,
    ) -> Result<Vec<lightning::blinded_path::payment::BlindedPaymentPath>, ()> {
        Err(())
    }
}

type Graph = NetworkGraph<Arc<NullLogger>>;
type Monitor = ChainMonitor<InMemorySigner, Arc<NoFilter>, Arc<Broadcasts>, Arc<FixedFee>, Arc<NullLogger>, Arc<InMemoryOnly>, Arc<KeysManager>>;
type Manager = ChannelManager<
    Arc<Monitor>,
    Arc<Broadcasts>,
    Arc<KeysManager>,
    Arc<KeysManager>,
    Arc<KeysManager>,
    Arc<FixedFee>,
    Arc<NoRouter>,
    Arc<DefaultMessageRouter<Arc<Graph>, Arc<NullLogger>, Arc<KeysManager>>>,
    Arc<NullLogger>,
>;

/// One LDK node: its manager, its monitor, and the events it handed out.
pub struct Node {
    pub manager: Manager,
    pub monitor: Arc<Monitor>,
    pub id: PublicKey,
    events: RefCell<Vec<Event>>,
}

impl Node {
    fn new(seed: u8, network: Network, shared: &Shared) -> Node {
        let keys = Arc::new(KeysManager::new(&[seed; 32], 42, 42, true));
        let monitor = Arc::new(ChainMonitor::new(
            Some(Arc::new(NoFilter)),
            shared.broadcasts.clone(),
            shared.logger.clone(),
            shared.fee.clone(),
            Arc::new(InMemoryOnly),
            keys.clone(),
            keys.get_peer_storage_key(),
        ));
        let mut config = UserConfig::default();
        config.channel_handshake_config.minimum_depth = 1;
        config.channel_config.max_dust_htlc_exposure = MaxDustHTLCExposure::FeeRateMultiplier(5_000_000 / 253);
        let message_router = Arc::new(DefaultMessageRouter::new(shared.graph.clone(), keys.clone()));
        let manager = ChannelManager::new(
            shared.fee.clone(),
            monitor.clone(),
            shared.broadcasts.clone(),
            Arc::new(NoRouter),
            message_router,
            shared.logger.clone(),
            keys.clone(),
            keys.clone(),
            keys,
            config,
            ChainParameters { network, best_block: BestBlock::from_network(network) },
            bitcoin::constants::genesis_block(network).header.time,
        );
        let id = manager.get_our_node_id();
        Node { manager, monitor, id, events: RefCell::new(Vec::new()) }
    }

    /// Collects the manager's pending events.
    fn poll_events(&self) {
        self.manager.process_pending_events(&|e: Event| -> Result<(), ReplayEvent> {
            self.events.borrow_mut().push(e);
            Ok(())
        });
    }

    fn take_events(&self) -> Vec<Event> {
        std::mem::take(&mut *self.events.borrow_mut())
    }

    /// What this node can still send over the channel, in msat.
    pub fn outbound_msat(&self) -> Result<u64, LdkError> {
        let channels = self.manager.list_channels();
        let [c] = channels.as_slice() else { return Err(LdkError::Unexpected(format!("{} channels", channels.len()))) };
        Ok(c.outbound_capacity_msat)
    }
}

/// What both nodes share: the chain's stand-ins and the (empty) graph.
struct Shared {
    broadcasts: Arc<Broadcasts>,
    fee: Arc<FixedFee>,
    logger: Arc<NullLogger>,
    graph: Arc<Graph>,
}

/// A message through its wire bytes.
fn wire<M: Writeable + LengthReadable>(m: &M) -> Result<M, LdkError> {
    let bytes = m.encode();
    M::read_from_fixed_length_buffer(&mut &bytes[..]).map_err(LdkError::Decode)
}

/// Hands `from`'s pending messages to `to`; returns how many there were.
fn deliver(from: &Node, to: &Node) -> Result<usize, LdkError> {
    let events = from.manager.get_and_clear_pending_msg_events();
    let n = events.len();
    let (cm, peer) = (&to.manager, from.id);
    for ev in events {
        match ev {
            MessageSendEvent::SendOpenChannel { msg, .. } => cm.handle_open_channel(peer, &wire(&msg)?),
            MessageSendEvent::SendAcceptChannel { msg, .. } => cm.handle_accept_channel(peer, &wire(&msg)?),
            MessageSendEvent::SendFundingCreated { msg, .. } => cm.handle_funding_created(peer, &wire(&msg)?),
            MessageSendEvent::SendFundingSigned { msg, .. } => cm.handle_funding_signed(peer, &wire(&msg)?),
            MessageSendEvent::SendChannelReady { msg, .. } => cm.handle_channel_ready(peer, &wire(&msg)?),
            MessageSendEvent::SendRevokeAndACK { msg, .. } => cm.handle_revoke_and_ack(peer, &wire(&msg)?),
            MessageSendEvent::UpdateHTLCs { updates, .. } => {
                for m in &updates.update_add_htlcs {
                    cm.handle_update_add_htlc(peer, &wire(m)?);
                }
                for m in &updates.update_fulfill_htlcs {
                    cm.handle_update_fulfill_htlc(peer, wire(m)?);
                }
                for m in &updates.update_fail_htlcs {
                    cm.handle_update_fail_htlc(peer, &wire(m)?);
                }
                if updates.update_fee.is_some() || !updates.update_fail_malformed_htlcs.is_empty() {
                    return Err(LdkError::Unexpected("update_fee or update_fail_malformed_htlc".into()));
                }
                for m in &updates.commitment_signed {
                    cm.handle_commitment_signed(peer, &wire(m)?);
                }
            }
            // Gossip about the private channel, for the peer only: nothing to do.
            MessageSendEvent::SendChannelUpdate { .. } => {}
            other => return Err(LdkError::Unexpected(format!("message {other:?}"))),
        }
    }
    Ok(n)
}

/// Delivers messages both ways, forwards pending HTLCs and collects events,
/// until neither node has anything more to send.
fn settle(a: &Node, b: &Node) -> Result<(), LdkError> {
    for _ in 0..1_000 {
        a.manager.process_pending_htlc_forwards();
        b.manager.process_pending_htlc_forwards();
        a.poll_events();
        b.poll_events();
        let sent = deliver(a, b)? + deliver(b, a)?;
        if sent == 0 {
            return Ok(());
        }
    }
    Err(LdkError::NeverQuiet)
}

/// The two nodes with an open channel, and a route each way.
pub struct LdkPair {
    pub a: Node,
    pub b: Node,
    route_ab: Route,
    route_ba: Route,
    _shared: Shared,
}

impl LdkPair {
    /// Opens a channel from A to B (1 000 000 sat, 100 000 sat pushed) and
    /// finds a route each way for `amount_msat`.
    pub fn open(amount_msat: u64) -> Result<LdkPair, LdkError> {
        let network = Network::Regtest;
        let logger = Arc::new(NullLogger);
        let shared = Shared {
            broadcasts: Arc::new(Broadcasts::default()),
            fee: Arc::new(FixedFee),
            graph: Arc::new(NetworkGraph::new(network, logger.clone())),
            logger,
        };
        let a = Node::new(1, network, &shared);
        let b = Node::new(2, network, &shared);
        a.manager.peer_connected(b.id, &Init { features: b.manager.init_features(), networks: None, remote_network_address: None }, true).map_err(api)?;
        b.manager.peer_connected(a.id, &Init { features: a.manager.init_features(), networks: None, remote_network_address: None }, false).map_err(api)?;
        a.manager.create_channel(b.id, CAPACITY_SAT, PUSH_MSAT, 42, None, None).map_err(api)?;
        settle(&a, &b)?;
        let funding = a
            .take_events()
            .into_iter()
            .find_map(|e| match e {
                Event::FundingGenerationReady { temporary_channel_id, output_script, .. } => Some((temporary_channel_id, output_script)),
                _ => None,
            })
            .ok_or(LdkError::Incomplete("funding_generation_ready"))?;
        let tx = Transaction {
            version: Version::TWO,
            lock_time: LockTime::ZERO,
            input: Vec::new(),
            output: vec![TxOut { value: Amount::from_sat(CAPACITY_SAT), script_pubkey: funding.1 }],
        };
        a.manager.funding_transaction_generated(funding.0, b.id, tx.clone()).map_err(api)?;
        settle(&a, &b)?;
        let genesis = bitcoin::constants::genesis_block(network);
        let block = Block {
            header: Header {
                version: BlockVersion::NO_SOFT_FORK_SIGNALLING,
                prev_blockhash: genesis.block_hash(),
                merkle_root: TxMerkleNode::all_zeros(),
                time: genesis.header.time + 600,
                bits: CompactTarget::from_consensus(0x207fffff),
                nonce: 0,
            },
            txdata: vec![tx],
        };
        for n in [&a, &b] {
            Listen::block_connected(&n.manager, &block, 1);
            Listen::block_connected(&*n.monitor, &block, 1);
        }
        settle(&a, &b)?;
        for n in [&a, &b] {
            if !n.take_events().iter().any(|e| matches!(e, Event::ChannelReady { .. })) {
                return Err(LdkError::Incomplete("channel_ready"));
            }
        }
        let route_ab = route(&a, &b, amount_msat, &shared.graph)?;
        let route_ba = route(&b, &a, amount_msat, &shared.graph)?;
        Ok(LdkPair { a, b, route_ab, route_ba, _shared: shared })
    }

    /// One HTLC round of payment `n`, A to B when `a_pays`, else B to A:
    /// the payee makes its invoice secret, the payer sends along the route,
    /// messages are delivered until quiet (the payee's manager forwards the
    /// HTLC to itself and reports it claimable), the payee claims,
    /// delivered until quiet. Fails unless the payee saw it claimable and
    /// claimed and the payer saw it sent with the preimage.
    pub fn round(&self, a_pays: bool, amount_msat: u64, n: u64) -> Result<(), LdkError> {
        let (payer, payee, route) = if a_pays { (&self.a, &self.b, &self.route_ab) } else { (&self.b, &self.a, &self.route_ba) };
        let mut preimage = [0u8; 32];
        preimage[..8].copy_from_slice(&n.to_be_bytes());
        preimage[31] = 0xbb;
        let preimage = PaymentPreimage(preimage);
        let hash = PaymentHash(sha256::Hash::hash(&preimage.0).to_byte_array());
        let secret = payee.manager.create_inbound_payment_for_hash(hash, Some(amount_msat), 7200, None).map_err(api)?;
        payer.manager.send_payment_with_route(route.clone(), hash, RecipientOnionFields::secret_only(secret), PaymentId(hash.0)).map_err(api)?;
        settle(payer, payee)?;
        let claimable = payee.take_events().into_iter().any(|e| matches!(e, Event::PaymentClaimable { payment_hash, amount_msat: amt, .. } if payment_hash == hash && amt == amount_msat));
        if !claimable {
            return Err(LdkError::Incomplete("payment_claimable"));
        }
        payee.manager.claim_funds(preimage);
        settle(payer, payee)?;
        let claimed = payee.take_events().into_iter().any(|e| matches!(e, Event::PaymentClaimed { payment_hash, .. } if payment_hash == hash));
        let sent = payer.take_events().into_iter().any(|e| matches!(e, Event::PaymentSent { payment_preimage, .. } if payment_preimage == preimage));
        match (claimed, sent) {
            (true, true) => Ok(()),
            (false, _) => Err(LdkError::Incomplete("payment_claimed")),
            (true, false) => Err(LdkError::Incomplete("payment_sent")),
        }
    }
}

/// LDK's pathfinding over the payer's first hop, once.
fn route(payer: &Node, payee: &Node, amount_msat: u64, graph: &Graph) -> Result<Route, LdkError> {
    // No invoice features: a single-path payment needs none.
    let params = PaymentParameters::from_node_id(payee.id, FINAL_CLTV_DELTA);
    let route_params = RouteParameters::from_payment_params_and_value(params, amount_msat);
    let first_hops = payer.manager.list_usable_channels();
    let first_hops: Vec<&ChannelDetails> = first_hops.iter().collect();
    let route = find_route(&payer.id, &route_params, graph, Some(&first_hops), Arc::new(NullLogger), &FixedPenaltyScorer::with_penalty(0), &(), &[7; 32])
        .map_err(api)?;
    match route.paths.as_slice() {
        [p] if p.hops.len() == 1 => Ok(route),
        _ => Err(LdkError::Unexpected(format!("route {route:?}"))),
    }
}
