//! An LDK node for interop tests: LDK 0.2's production `ChannelManager`,
//! `ChainMonitor`, `KeysManager` and `PeerManager` (over real sockets with
//! `lightning-net-tokio`), its chain view fed block by block from the same
//! embedded chain lnpd uses, its broadcasts submitted to that chain (so the
//! consensus verifier checks every transaction LDK signs), and a small
//! P2WPKH wallet of its own to fund the channels it opens.
//!
//! A background thread drives it as LDK's background processor would:
//! connects new blocks, forwards pending HTLCs, collects events (kept for
//! the test to wait on) and flushes the peer manager's messages.
//!
//! What it is not: persistence (monitors are kept in memory), routing (a
//! payment's route is LDK's `find_route` over its first hops, which is all
//! a direct channel needs) or gossip.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bitcoin::hashes::Hash;
use bitcoin::secp256k1::{PublicKey, Secp256k1, SecretKey};
use bitcoin::sighash::{EcdsaSighashType, SighashCache};
use bitcoin::{
    Amount, Network, OutPoint, Script, ScriptBuf, Sequence, Transaction, TxIn, TxOut, Txid, Witness,
};
use lightning::chain::chaininterface::{BroadcasterInterface, ConfirmationTarget, FeeEstimator};
use lightning::chain::chainmonitor::{ChainMonitor, Persist};
use lightning::chain::channelmonitor::{ChannelMonitor, ChannelMonitorUpdate};
use lightning::chain::{BestBlock, ChannelMonitorUpdateStatus, Filter, Listen, WatchedOutput};
use lightning::events::{Event, EventsProvider, ReplayEvent};
use lightning::ln::channel_state::ChannelDetails;
use lightning::ln::channelmanager::{ChainParameters, ChannelManager};
use lightning::ln::peer_handler::{IgnoringMessageHandler, MessageHandler, PeerManager};
use lightning::onion_message::messenger::DefaultMessageRouter;
use lightning::routing::gossip::NetworkGraph;
use lightning::routing::router::{InFlightHtlcs, Route, RouteParameters, Router};
use lightning::sign::{InMemorySigner, KeysManager, NodeSigner};
use lightning::util::config::{MaxDustHTLCExposure, UserConfig};
use lightning::util::logger::{Logger, Record};
use lightning::util::persist::MonitorName;
use lightning_net_tokio::SocketDescriptor;
use lnp_node::chain::backend::ChainBackend;

/// The feerate LDK estimates for everything: 253 sat/kw, lnp's default.
pub const FEERATE_PER_KW: u32 = 253;

/// LDK's log lines, kept to show on failure.
#[derive(Default)]
pub struct LdkLog(Mutex<Vec<String>>);

impl Logger for LdkLog {
    fn log(&self, record: Record) {
        let line = format!(
            "{} [{}:{}] {}",
            record.level, record.module_path, record.line, record.args
        );
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(line);
    }
}

impl LdkLog {
    pub fn dump(&self) -> String {
        let lines = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let skip = lines.len().saturating_sub(200);
        lines[skip..].join("\n")
    }
}

pub struct FixedFee;
impl FeeEstimator for FixedFee {
    fn get_est_sat_per_1000_weight(&self, _: ConfirmationTarget) -> u32 {
        FEERATE_PER_KW
    }
}

/// Submits what LDK broadcasts to the embedded chain, keeping a copy.
pub struct ToChain {
    chain: ChainBackend,
    pub sent: Mutex<Vec<Transaction>>,
    log: Arc<LdkLog>,
}

impl BroadcasterInterface for ToChain {
    fn broadcast_transactions(&self, txs: &[&Transaction]) {
        for tx in txs {
            self.sent
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((*tx).clone());
            let outcome = self.chain.broadcast_blocking(tx);
            let line = format!("TEST broadcast {} -> {outcome:?}", tx.compute_txid());
            self.log
                .0
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(line);
        }
    }
}

/// The test feeds whole blocks: nothing to register.
pub struct NoFilter;
impl Filter for NoFilter {
    fn register_tx(&self, _: &Txid, _: &Script) {}
    fn register_output(&self, _: WatchedOutput) {}
}

/// Monitors live in memory: every update completes at once.
pub struct InMemoryOnly;
impl Persist<InMemorySigner> for InMemoryOnly {
    fn persist_new_channel(
        &self,
        _: MonitorName,
        _: &ChannelMonitor<InMemorySigner>,
    ) -> ChannelMonitorUpdateStatus {
        ChannelMonitorUpdateStatus::Completed
    }
    fn update_persisted_channel(
        &self,
        _: MonitorName,
        _: Option<&ChannelMonitorUpdate>,
        _: &ChannelMonitor<InMemorySigner>,
    ) -> ChannelMonitorUpdateStatus {
        ChannelMonitorUpdateStatus::Completed
    }
    fn archive_persisted_channel(&self, _: MonitorName) {}
}

/// Payments carry their route (see [`LdkNode::route_to`]).
pub struct NoRouter;
impl Router for NoRouter {
    fn find_route(
        &self,
        _: &PublicKey,
        _: &RouteParameters,
        _: Option<&[&ChannelDetails]>,
        _: InFlightHtlcs,
    ) -> Result<Route, &'static str> {
        Err("the test routes each payment itself")
    }
    fn create_blinded_payment_paths<
        T: bitcoin::secp256k1::Signing + bitcoin::secp256k1::Verification,
    >(
        &self,
        _: PublicKey,
        _: Vec<ChannelDetails>,
        _: lightning::blinded_path::payment::ReceiveTlvs,
        _: Option<u64>,
        _: &Secp256k1<T>,
    ) -> Result<Vec<lightning::blinded_path::payment::BlindedPaymentPath>, ()> {
        Err(())
    }
}

pub type Graph = NetworkGraph<Arc<LdkLog>>;
pub type Monitor = ChainMonitor<
    InMemorySigner,
    Arc<NoFilter>,
    Arc<ToChain>,
    Arc<FixedFee>,
    Arc<LdkLog>,
    Arc<InMemoryOnly>,
    Arc<KeysManager>,
>;
pub type Manager = ChannelManager<
    Arc<Monitor>,
    Arc<ToChain>,
    Arc<KeysManager>,
    Arc<KeysManager>,
    Arc<KeysManager>,
    Arc<FixedFee>,
    Arc<NoRouter>,
    Arc<DefaultMessageRouter<Arc<Graph>, Arc<LdkLog>, Arc<KeysManager>>>,
    Arc<LdkLog>,
>;
pub type Peers = PeerManager<
    SocketDescriptor,
    Arc<Manager>,
    Arc<IgnoringMessageHandler>,
    Arc<IgnoringMessageHandler>,
    Arc<LdkLog>,
    Arc<IgnoringMessageHandler>,
    Arc<KeysManager>,
    Arc<IgnoringMessageHandler>,
>;

/// One LDK node, driven by a background thread while it lives.
pub struct LdkNode {
    pub manager: Arc<Manager>,
    pub monitor: Arc<Monitor>,
    pub peers: Arc<Peers>,
    pub graph: Arc<Graph>,
    pub broadcaster: Arc<ToChain>,
    pub log: Arc<LdkLog>,
    pub id: PublicKey,
    chain: ChainBackend,
    events: Mutex<Vec<Event>>,
    /// The last block height handed to the manager and the monitor.
    synced: Mutex<u32>,
    /// The key of LDK's own little wallet (a P2WPKH output funds its channels).
    wallet_key: SecretKey,
    stop: AtomicBool,
}

impl LdkNode {
    /// A node with LDK's default configuration except: inbound channels
    /// are accepted after one confirmation, which the test mines.
    pub fn start(seed: u8, chain: ChainBackend) -> Arc<LdkNode> {
        let network = Network::Regtest;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("the clock is after 1970");
        let keys = Arc::new(KeysManager::new(
            &[seed; 32],
            now.as_secs(),
            now.subsec_nanos(),
            true,
        ));
        let log = Arc::new(LdkLog::default());
        let broadcaster = Arc::new(ToChain {
            chain: chain.clone(),
            sent: Mutex::new(Vec::new()),
            log: log.clone(),
        });
        let fee = Arc::new(FixedFee);
        let monitor = Arc::new(ChainMonitor::new(
            Some(Arc::new(NoFilter)),
            broadcaster.clone(),
            log.clone(),
            fee.clone(),
            Arc::new(InMemoryOnly),
            keys.clone(),
            keys.get_peer_storage_key(),
        ));
        let graph = Arc::new(NetworkGraph::new(network, log.clone()));
        let mut config = UserConfig::default();
        config.channel_handshake_config.minimum_depth = 1;
        // LDK caps the dust HTLCs in flight by default at 10 000 × its
        // feerate estimate (here 2.53 k sat, with its dust threshold taken
        // at a padded feerate: ~2.5 k sat), which would forbid any HTLC
        // under ~2.5 k sat; the test sends dust HTLCs on purpose.
        config.channel_config.max_dust_htlc_exposure =
            MaxDustHTLCExposure::FixedLimitMsat(100_000_000);
        let manager = Arc::new(ChannelManager::new(
            fee,
            monitor.clone(),
            broadcaster.clone(),
            Arc::new(NoRouter),
            Arc::new(DefaultMessageRouter::new(graph.clone(), keys.clone())),
            log.clone(),
            keys.clone(),
            keys.clone(),
            keys.clone(),
            config,
            ChainParameters {
                network,
                best_block: BestBlock::from_network(network),
            },
            now.as_secs() as u32,
        ));
        let ignoring = Arc::new(IgnoringMessageHandler {});
        let handlers = MessageHandler {
            chan_handler: manager.clone(),
            route_handler: Arc::clone(&ignoring),
            onion_message_handler: Arc::clone(&ignoring),
            custom_message_handler: Arc::clone(&ignoring),
            send_only_message_handler: ignoring,
        };
        let mut ephemeral = [0u8; 32];
        getrandom::getrandom(&mut ephemeral).expect("OS randomness");
        let peers = Arc::new(PeerManager::new(
            handlers,
            now.as_secs() as u32,
            &ephemeral,
            log.clone(),
            keys.clone(),
        ));
        let id = manager.get_our_node_id();
        let wallet_key =
            SecretKey::from_slice(&[seed.wrapping_add(0x80); 32]).expect("a valid wallet key");
        let node = Arc::new(LdkNode {
            manager,
            monitor,
            peers,
            graph,
            broadcaster,
            log,
            id,
            chain,
            events: Mutex::new(Vec::new()),
            synced: Mutex::new(0),
            wallet_key,
            stop: AtomicBool::new(false),
        });
        // The thread holds a weak handle: dropping the test's node ends it.
        let driven = Arc::downgrade(&node);
        std::thread::spawn(move || {
            while let Some(node) = driven.upgrade() {
                if node.stop.load(Ordering::Relaxed) {
                    break;
                }
                node.drive();
                drop(node);
                std::thread::sleep(Duration::from_millis(5));
            }
        });
        node
    }

    /// Stops the background thread.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// One pass of the background work.
    fn drive(&self) {
        self.sync_chain();
        self.manager.process_pending_htlc_forwards();
        let keep = |e: Event| -> Result<(), ReplayEvent> {
            self.log
                .0
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(format!("TEST event {e:?}"));
            self.events
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(e);
            Ok(())
        };
        self.manager.process_pending_events(&keep);
        self.monitor.process_pending_events(&keep);
        self.peers.process_events();
    }

    /// Hands every block after the last one synced to the manager and the monitor.
    fn sync_chain(&self) {
        let mut synced = self.synced.lock().unwrap_or_else(|p| p.into_inner());
        let Ok(tip) = self.chain.height_blocking() else {
            return;
        };
        while *synced < tip {
            let Ok(Some(block)) = self.chain.block_at_blocking(*synced + 1) else {
                return;
            };
            Listen::block_connected(&*self.manager, &block, *synced + 1);
            Listen::block_connected(&*self.monitor, &block, *synced + 1);
            *synced += 1;
        }
    }

    /// The height LDK has seen.
    pub fn synced_height(&self) -> u32 {
        *self.synced.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits (up to 20 s) for an event `pick` accepts, and removes it.
    pub async fn event<T>(&self, what: &str, mut pick: impl FnMut(&Event) -> Option<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            {
                let mut events = self.events.lock().unwrap_or_else(|p| p.into_inner());
                if let Some(i) = events.iter().position(|e| pick(e).is_some()) {
                    let e = events.remove(i);
                    return pick(&e).expect("picked once already");
                }
            }
            assert!(
                Instant::now() < deadline,
                "LDK: no {what} event in 20 s; LDK's log:\n{}",
                self.log.dump()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Dials `node_id` at `addr`.
    pub async fn dial(&self, node_id: PublicKey, addr: SocketAddr) {
        let done = lightning_net_tokio::connect_outbound(self.peers.clone(), node_id, addr)
            .await
            .expect("LDK reaches the TCP port");
        tokio::spawn(done);
    }

    /// The channel LDK has with `peer`, if any.
    pub fn channel_with(&self, peer: PublicKey) -> Option<ChannelDetails> {
        self.manager
            .list_channels()
            .into_iter()
            .find(|c| c.counterparty.node_id == peer)
    }

    /// The script LDK's wallet receives to.
    pub fn wallet_script(&self) -> ScriptBuf {
        let public =
            bitcoin::CompressedPublicKey(self.wallet_key.public_key(&Secp256k1::signing_only()));
        ScriptBuf::new_p2wpkh(&public.wpubkey_hash())
    }

    /// A transaction spending `coin` (a P2WPKH output of the wallet worth
    /// `value`) to `output_script` for `amount_sat`, the change back to the
    /// wallet, signed.
    pub fn funding_transaction(
        &self,
        coin: OutPoint,
        value: Amount,
        output_script: ScriptBuf,
        amount_sat: u64,
    ) -> Transaction {
        let fee = Amount::from_sat(1_000);
        let change = value - Amount::from_sat(amount_sat) - fee;
        let mut tx = Transaction {
            version: bitcoin::transaction::Version::TWO,
            lock_time: bitcoin::absolute::LockTime::ZERO,
            input: vec![TxIn {
                previous_output: coin,
                script_sig: ScriptBuf::new(),
                sequence: Sequence::ENABLE_RBF_NO_LOCKTIME,
                witness: Witness::new(),
            }],
            output: vec![
                TxOut {
                    value: Amount::from_sat(amount_sat),
                    script_pubkey: output_script,
                },
                TxOut {
                    value: change,
                    script_pubkey: self.wallet_script(),
                },
            ],
        };
        let secp = Secp256k1::signing_only();
        let sighash = SighashCache::new(&tx)
            .p2wpkh_signature_hash(0, &self.wallet_script(), value, EcdsaSighashType::All)
            .expect("input 0 is P2WPKH");
        let msg = bitcoin::secp256k1::Message::from_digest(sighash.to_byte_array());
        let sig = bitcoin::ecdsa::Signature::sighash_all(secp.sign_ecdsa(&msg, &self.wallet_key));
        tx.input[0].witness = Witness::p2wpkh(&sig, &self.wallet_key.public_key(&secp));
        tx
    }
}
