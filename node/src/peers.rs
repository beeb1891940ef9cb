//! The peer manager: accepting BOLT 8 connections on the listen socket,
//! dialing `node_id@host:port`, running each connection's BOLT 1 peer
//! machine ([`crate::peer::run`]) in its own task, and keeping the table of
//! connected peers.
//!
//! A connection that fails the handshake (garbage, a wrong key, silence
//! past the deadline) is dropped and logged; nothing else is affected. One
//! connection per node id: a new one from the same peer replaces the old.
//! Messages the peer machine hands up go, with each connection's readiness
//! and end, to the channel sink when one is set ([`PeerManager::set_channel_sink`]:
//! the channel manager routes them); without one, BOLT 1's parity rule
//! applies here: an even (compulsory) type ends the connection and an odd
//! one is ignored.
//!
//! What this is not: reconnection policy (the channel manager dials the
//! peers it has channels with), address gossip, or channel logic.
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use bitcoin::secp256k1::{PublicKey, Secp256k1, SecretKey};
use bitcoin::Network;
use lnp_engine::rt::ChainHash;
use lnp_protocols::generated::peer::{Env, Params, Role};
use serde::Serialize;
use thiserror::Error;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot, watch, OwnedSemaphorePermit, Semaphore};
use tracing::{debug, info, warn};

use crate::peer::{self, PeerCommand, PeerEvent};
use crate::transport::{Connection, ConnectionError, HandshakeError, Initiator, Responder};

/// How long a handshake (and, for `connect`, the `init` exchange) may take.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// How many inbound handshakes may be in progress at once; connections
/// beyond that are closed at once (a flood of silent sockets then costs at
/// most this many tasks, each for at most [`HANDSHAKE_TIMEOUT`]).
pub const MAX_PENDING_HANDSHAKES: usize = 64;
/// Our BOLT 9 features in `init`, the ones the channel spec implements:
/// `option_data_loss_protect` (bit 0: `channel_reestablish` carries and
/// checks the last secret and point), `option_static_remotekey` (bit 12),
/// `payment_secret` (bit 14: invoices carry one and a received HTLC's onion
/// must match it) and `option_channel_type` (bit 44), all required as
/// LDK and the other implementations require them; `var_onion_optin`
/// (bit 9) and `option_upfront_shutdown_script` (bit 5: each channel
/// commits to a wallet address for its cooperative close, and holds the
/// peer to the script it committed to), optional. Bit 0 is the last
/// byte's lowest bit.
pub const LOCAL_FEATURES: [u8; 6] = [0x10, 0x00, 0x00, 0x00, 0x52, 0x21];

/// Whether `kind` is a BOLT 7 gossip message a peer may send us unasked
/// (`channel_announcement`, `node_announcement`, `channel_update`: LDK, for
/// one, sends a `channel_update` of a private channel to its peer). This
/// node does no gossip: they are known messages it ignores, not unknown
/// even types that would end the connection.
pub fn is_ignored_gossip(kind: u16) -> bool {
    matches!(kind, 256..=258)
}

/// Why a peer could not be connected or found.
#[derive(Debug, Error)]
pub enum PeerManagerError {
    #[error("cannot reach {addr}: {source}")]
    Dial {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("{addr} did not complete the handshake within {}s", HANDSHAKE_TIMEOUT.as_secs())]
    Timeout { addr: SocketAddr },
    #[error("handshake with {addr} failed: {source}")]
    Handshake {
        addr: SocketAddr,
        #[source]
        source: ConnectionError,
    },
    #[error("no randomness for the handshake: {0}")]
    Entropy(#[source] HandshakeError),
    #[error("{node_id} closed the connection before init: {reason}")]
    ClosedBeforeInit { node_id: PublicKey, reason: String },
    #[error("not connected to {node_id}")]
    NotConnected { node_id: PublicKey },
    #[error("that is this node's own id")]
    SelfConnection,
}

/// What the channel sink hears of each connection (`conn` tells a
/// replaced connection's end from the current one's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeerSignal {
    /// Both `init`s are exchanged.
    Ready { node_id: PublicKey, conn: u64 },
    /// A message the peer machine does not handle, whole.
    Message { node_id: PublicKey, conn: u64, bytes: Vec<u8> },
    /// The connection ended.
    Closed { node_id: PublicKey, conn: u64 },
    /// The peer sent a BOLT 1 `error` naming `channel_id` (all zeros: every channel).
    Error { node_id: PublicKey, channel_id: [u8; 32], data: Vec<u8> },
}

/// Who opened the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Inbound,
    Outbound,
}

/// A peer as `listpeers` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeerInfo {
    pub node_id: String,
    pub address: String,
    pub direction: Direction,
    /// Both `init`s exchanged.
    pub ready: bool,
    /// The peer's `init` features, hex (empty before `init`).
    pub features: String,
}

struct Entry {
    conn_id: u64,
    address: SocketAddr,
    direction: Direction,
    features: Option<Vec<u8>>,
    commands: mpsc::Sender<PeerCommand>,
}

/// How the peer manager treats its connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerOptions {
    /// Inbound handshakes in progress at once (see [`MAX_PENDING_HANDSHAKES`]).
    pub handshake_limit: usize,
    /// Seconds between pings to a quiet peer (the peer machine's `ping_interval`).
    pub ping_interval_secs: u32,
    /// Seconds a peer has to answer a ping (the peer machine's `pong_wait`).
    pub pong_wait_secs: u32,
}

impl Default for PeerOptions {
    /// The spec's defaults (`peer.lnp`'s params), [`MAX_PENDING_HANDSHAKES`].
    fn default() -> Self {
        let spec = Params::new(ChainHash([0; 32]), Vec::new());
        PeerOptions { handshake_limit: MAX_PENDING_HANDSHAKES, ping_interval_secs: spec.ping_interval, pong_wait_secs: spec.pong_wait }
    }
}

struct Inner {
    node_secret: SecretKey,
    node_id: PublicKey,
    chain_hash: ChainHash,
    ping_interval_secs: u32,
    pong_wait_secs: u32,
    peers: Mutex<HashMap<PublicKey, Entry>>,
    next_conn_id: AtomicU64,
    handshakes: Arc<Semaphore>,
    channel_sink: Mutex<Option<mpsc::UnboundedSender<PeerSignal>>>,
}

/// The peer table and the tasks behind it. Cheap to clone.
#[derive(Clone)]
pub struct PeerManager {
    inner: Arc<Inner>,
}

/// Messages go out as soon as they are written (the host writes each
/// peer's messages of a batch together): no waiting for the peer's
/// acknowledgement of the previous segment (Nagle), which a peer delaying
/// its acknowledgements turns into tens of milliseconds per exchange.
fn no_delay(stream: &TcpStream) {
    if let Err(e) = stream.set_nodelay(true) {
        debug!("TCP_NODELAY not set: {e}");
    }
}

/// A fresh ephemeral key's entropy: OS randomness (all zeros if the OS has
/// none, which the handshake refuses as a broken source).
fn entropy() -> [u8; 32] {
    let mut bytes = [0u8; 32];
    if getrandom::getrandom(&mut bytes).is_err() {
        bytes = [0; 32];
    }
    bytes
}

impl PeerManager {
    pub fn new(node_secret: SecretKey, network: Network) -> PeerManager {
        PeerManager::with_options(node_secret, network, PeerOptions::default())
    }

    /// As [`PeerManager::new`], allowing `limit` inbound handshakes at once.
    pub fn with_handshake_limit(node_secret: SecretKey, network: Network, limit: usize) -> PeerManager {
        PeerManager::with_options(node_secret, network, PeerOptions { handshake_limit: limit, ..PeerOptions::default() })
    }

    /// As [`PeerManager::new`], with `options`.
    pub fn with_options(node_secret: SecretKey, network: Network, options: PeerOptions) -> PeerManager {
        let node_id = node_secret.public_key(&Secp256k1::signing_only());
        let chain_hash = ChainHash(bitcoin::constants::ChainHash::using_genesis_block(network).to_bytes());
        PeerManager {
            inner: Arc::new(Inner {
                node_secret,
                node_id,
                chain_hash,
                ping_interval_secs: options.ping_interval_secs,
                pong_wait_secs: options.pong_wait_secs,
                peers: Mutex::new(HashMap::new()),
                next_conn_id: AtomicU64::new(1),
                handshakes: Arc::new(Semaphore::new(options.handshake_limit)),
                channel_sink: Mutex::new(None),
            }),
        }
    }

    fn peers(&self) -> MutexGuard<'_, HashMap<PublicKey, Entry>> {
        // The table is consistent after every statement; a panic elsewhere
        // while holding the lock leaves nothing half-done.
        self.inner.peers.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// From now on, channel messages and connection readiness/ends go to `sink`.
    pub fn set_channel_sink(&self, sink: mpsc::UnboundedSender<PeerSignal>) {
        *self.inner.channel_sink.lock().unwrap_or_else(|p| p.into_inner()) = Some(sink);
    }

    fn sink(&self) -> Option<mpsc::UnboundedSender<PeerSignal>> {
        self.inner.channel_sink.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Sends a whole message (type bytes included) to `node_id`'s current connection.
    pub async fn send(&self, node_id: PublicKey, bytes: Vec<u8>) -> Result<(), PeerManagerError> {
        let commands = self.peers().get(&node_id).map(|e| e.commands.clone()).ok_or(PeerManagerError::NotConnected { node_id })?;
        commands.send(PeerCommand::Send(bytes)).await.map_err(|_| PeerManagerError::NotConnected { node_id })
    }

    /// Sends several whole messages to `node_id`'s current connection, in
    /// order, written together.
    pub async fn send_all(&self, node_id: PublicKey, msgs: Vec<Vec<u8>>) -> Result<(), PeerManagerError> {
        let commands = self.peers().get(&node_id).map(|e| e.commands.clone()).ok_or(PeerManagerError::NotConnected { node_id })?;
        commands.send(PeerCommand::SendAll(msgs)).await.map_err(|_| PeerManagerError::NotConnected { node_id })
    }

    /// Whether `node_id` is connected with both `init`s exchanged.
    pub fn is_ready(&self, node_id: &PublicKey) -> bool {
        self.peers().get(node_id).is_some_and(|e| e.features.is_some())
    }

    /// Accepts peers until `shutdown` turns true.
    pub async fn listen(&self, listener: TcpListener, mut shutdown: watch::Receiver<bool>) {
        loop {
            tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, addr)) => match self.inner.handshakes.clone().try_acquire_owned() {
                        Ok(permit) => {
                            let this = self.clone();
                            tokio::spawn(async move { this.accept(stream, addr, permit).await });
                        }
                        Err(_) => warn!("inbound connection from {addr} dropped: too many handshakes already in progress"),
                    },
                    Err(e) => {
                        // E.g. out of file descriptors: wait rather than spin.
                        warn!("accepting a peer failed: {e}");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                },
                _ = shutdown.changed() => return,
            }
        }
    }

    async fn accept(&self, stream: TcpStream, addr: SocketAddr, permit: OwnedSemaphorePermit) {
        no_delay(&stream);
        let responder = match Responder::with_entropy(self.inner.node_secret, entropy) {
            Ok(r) => r,
            Err(e) => return warn!("inbound connection from {addr} dropped: no randomness for the handshake: {e}"),
        };
        let handshake = tokio::time::timeout(HANDSHAKE_TIMEOUT, Connection::accept(stream, responder)).await;
        drop(permit);
        match handshake {
            Err(_) => warn!("inbound connection from {addr} dropped: no handshake within {}s", HANDSHAKE_TIMEOUT.as_secs()),
            Ok(Err(e)) => warn!("inbound connection from {addr} dropped: {e}"),
            Ok(Ok(conn)) => {
                info!("peer {} connected from {addr}", conn.remote_static());
                self.start(conn, addr, Direction::Inbound);
            }
        }
    }

    /// Dials `node_id` at `addr`, runs the handshake and waits for both
    /// `init`s.
    pub async fn connect(&self, node_id: PublicKey, addr: SocketAddr) -> Result<PeerInfo, PeerManagerError> {
        if node_id == self.inner.node_id {
            return Err(PeerManagerError::SelfConnection);
        }
        let initiator =
            Initiator::with_entropy(self.inner.node_secret, node_id, entropy).map_err(PeerManagerError::Entropy)?;
        let conn = tokio::time::timeout(HANDSHAKE_TIMEOUT, async {
            let stream = TcpStream::connect(addr).await.map_err(|source| PeerManagerError::Dial { addr, source })?;
            no_delay(&stream);
            Connection::connect(stream, initiator).await.map_err(|source| PeerManagerError::Handshake { addr, source })
        })
        .await
        .map_err(|_| PeerManagerError::Timeout { addr })??;
        info!("connected to peer {node_id} at {addr}");
        let ready = self.start(conn, addr, Direction::Outbound);
        match tokio::time::timeout(HANDSHAKE_TIMEOUT, ready).await {
            Err(_) => {
                self.disconnect(node_id).ok();
                Err(PeerManagerError::Timeout { addr })
            }
            Ok(Ok(Ok(features))) => Ok(PeerInfo {
                node_id: node_id.to_string(),
                address: addr.to_string(),
                direction: Direction::Outbound,
                ready: true,
                features: hex(&features),
            }),
            Ok(Ok(Err(reason))) => Err(PeerManagerError::ClosedBeforeInit { node_id, reason }),
            Ok(Err(_)) => Err(PeerManagerError::ClosedBeforeInit { node_id, reason: "the connection task ended".into() }),
        }
    }

    /// Records the connection and runs it; the receiver hears the peer's
    /// features once both `init`s are exchanged, or why it closed before.
    fn start(
        &self,
        conn: Connection<TcpStream>,
        address: SocketAddr,
        direction: Direction,
    ) -> oneshot::Receiver<Result<Vec<u8>, String>> {
        let node_id = conn.remote_static();
        let conn_id = self.inner.next_conn_id.fetch_add(1, Ordering::Relaxed);
        let (events_tx, mut events) = mpsc::channel(32);
        let (commands_tx, commands_rx) = mpsc::channel(16);
        let (ready_tx, ready_rx) = oneshot::channel();
        // The entry holds the only strong sender: dropping it hangs up.
        let commands_weak = commands_tx.downgrade();
        let entry = Entry { conn_id, address, direction, features: None, commands: commands_tx };
        if let Some(old) = self.peers().insert(node_id, entry) {
            info!("peer {node_id} reconnected: dropping its previous connection");
            let _ = old.commands.try_send(PeerCommand::Disconnect);
        }
        let role = match direction {
            Direction::Outbound => Role::Initiator,
            Direction::Inbound => Role::Responder,
        };
        let mut params = Params::new(self.inner.chain_hash, LOCAL_FEATURES.to_vec());
        params.ping_interval = self.inner.ping_interval_secs;
        params.pong_wait = self.inner.pong_wait_secs;
        let env = Env { params, role };
        tokio::spawn(async move {
            if let Err(e) = peer::run(conn, env, events_tx, commands_rx).await {
                debug!("peer {node_id}: connection ended with {e}");
            }
        });
        let this = self.clone();
        tokio::spawn(async move {
            let mut ready_tx = Some(ready_tx);
            while let Some(event) = events.recv().await {
                match event {
                    PeerEvent::Ready { features } => {
                        info!("peer {node_id} is ready (features {})", hex(&features));
                        if let Some(entry) = this.peers().get_mut(&node_id).filter(|e| e.conn_id == conn_id) {
                            entry.features = Some(features.clone());
                        }
                        if let Some(tx) = ready_tx.take() {
                            let _ = tx.send(Ok(features));
                        }
                        if let Some(sink) = this.sink() {
                            let _ = sink.send(PeerSignal::Ready { node_id, conn: conn_id });
                        }
                    }
                    PeerEvent::Message(bytes) if this.sink().is_some() => {
                        if let Some(sink) = this.sink() {
                            let _ = sink.send(PeerSignal::Message { node_id, conn: conn_id, bytes });
                        }
                    }
                    PeerEvent::Message(bytes) => {
                        let kind = bytes.get(..2).map(|t| u16::from_be_bytes([t[0], t[1]])).unwrap_or(0);
                        if is_ignored_gossip(kind) {
                            debug!("peer {node_id}: ignoring gossip message of type {kind}");
                        } else if kind % 2 == 0 {
                            warn!("peer {node_id} sent message type {kind}, which this node cannot handle yet: disconnecting (BOLT 1: unknown even type)");
                            if let Some(commands) = commands_weak.upgrade() {
                                let _ = commands.try_send(PeerCommand::Disconnect);
                            }
                        } else {
                            debug!("peer {node_id}: ignoring message of unknown odd type {kind}");
                        }
                    }
                    PeerEvent::Warning { data, .. } => {
                        warn!("peer {node_id} warns: {}", String::from_utf8_lossy(&data))
                    }
                    PeerEvent::Error { channel_id, data } => {
                        warn!("peer {node_id} sent an error: {}", String::from_utf8_lossy(&data));
                        if let Some(sink) = this.sink() {
                            let _ = sink.send(PeerSignal::Error { node_id, channel_id: channel_id.0, data });
                        }
                    }
                    PeerEvent::Unresponsive => warn!("peer {node_id} stopped answering pings"),
                    PeerEvent::Closed { reason } => {
                        info!("peer {node_id} disconnected: {reason}");
                        let mut peers = this.peers();
                        if peers.get(&node_id).is_some_and(|e| e.conn_id == conn_id) {
                            peers.remove(&node_id);
                        }
                        drop(peers);
                        if let Some(tx) = ready_tx.take() {
                            let _ = tx.send(Err(reason));
                        }
                        if let Some(sink) = this.sink() {
                            let _ = sink.send(PeerSignal::Closed { node_id, conn: conn_id });
                        }
                        return;
                    }
                }
            }
        });
        ready_rx
    }

    /// Hangs up on `node_id`.
    pub fn disconnect(&self, node_id: PublicKey) -> Result<(), PeerManagerError> {
        let entry = self.peers().remove(&node_id).ok_or(PeerManagerError::NotConnected { node_id })?;
        // A full queue means the task is busy; it still hangs up when the
        // entry, holding the only sender, is dropped here.
        let _ = entry.commands.try_send(PeerCommand::Disconnect);
        Ok(())
    }

    /// Hangs up on everyone (at shutdown).
    pub fn disconnect_all(&self) {
        for (_, entry) in self.peers().drain() {
            let _ = entry.commands.try_send(PeerCommand::Disconnect);
        }
    }

    /// The connected peers, by node id.
    pub fn list(&self) -> Vec<PeerInfo> {
        let mut list: Vec<PeerInfo> = self
            .peers()
            .iter()
            .map(|(id, e)| PeerInfo {
                node_id: id.to_string(),
                address: e.address.to_string(),
                direction: e.direction,
                ready: e.features.is_some(),
                features: e.features.as_deref().map(hex).unwrap_or_default(),
            })
            .collect();
        list.sort_by(|a, b| a.node_id.cmp(&b.node_id));
        list
    }

    pub fn count(&self) -> usize {
        self.peers().len()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    fn key(byte: u8) -> SecretKey {
        SecretKey::from_slice(&[byte; 32]).expect("a valid key")
    }

    async fn listening(manager: &PeerManager) -> (SocketAddr, watch::Sender<bool>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = watch::channel(false);
        let m = manager.clone();
        tokio::spawn(async move { m.listen(listener, stopped).await });
        (addr, stop)
    }

    async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
        for _ in 0..100 {
            if check() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("timed out waiting until {what}");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn two_managers_connect_list_each_other_and_disconnect() {
        let a = PeerManager::new(key(1), Network::Regtest);
        let b = PeerManager::new(key(2), Network::Regtest);
        let (b_addr, _stop) = listening(&b).await;
        let b_id = key(2).public_key(&Secp256k1::signing_only());
        let info = a.connect(b_id, b_addr).await.expect("connect");
        assert!(info.ready);
        assert_eq!(info.features, "100000005221");
        eventually("b lists a as ready", || b.list().first().is_some_and(|p| p.ready)).await;
        assert_eq!(b.list()[0].direction, Direction::Inbound);
        assert_eq!(a.list()[0].node_id, b_id.to_string());
        a.disconnect(b_id).expect("disconnect");
        assert_eq!(a.count(), 0);
        eventually("b sees a leave", || b.count() == 0).await;
        assert!(matches!(a.disconnect(b_id), Err(PeerManagerError::NotConnected { .. })));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn garbage_and_wrong_keys_are_dropped_without_harm() {
        let b = PeerManager::new(key(2), Network::Regtest);
        let (b_addr, _stop) = listening(&b).await;
        let mut raw = TcpStream::connect(b_addr).await.expect("connect");
        raw.write_all(&[0xff; 50]).await.expect("garbage");
        // Dialing b with the wrong node id fails the handshake on both sides.
        let a = PeerManager::new(key(1), Network::Regtest);
        let wrong = key(3).public_key(&Secp256k1::signing_only());
        assert!(matches!(a.connect(wrong, b_addr).await, Err(PeerManagerError::Handshake { .. })));
        assert_eq!(b.count(), 0);
        // b still accepts a real peer.
        let b_id = key(2).public_key(&Secp256k1::signing_only());
        a.connect(b_id, b_addr).await.expect("a real peer");
        eventually("b lists a", || b.count() == 1).await;
        let own = key(1).public_key(&Secp256k1::signing_only());
        assert!(matches!(a.connect(own, b_addr).await, Err(PeerManagerError::SelfConnection)));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_configured_ping_interval_reaches_the_peer_machine() {
        use lnp_protocols::generated::peer::{Init, Message};
        let options = PeerOptions { ping_interval_secs: 1, pong_wait_secs: 1, ..PeerOptions::default() };
        let b = PeerManager::with_options(key(2), Network::Regtest, options);
        let (b_addr, _stop) = listening(&b).await;
        let b_id = key(2).public_key(&Secp256k1::signing_only());
        let stream = TcpStream::connect(b_addr).await.expect("connect");
        let mut raw = Connection::connect(stream, Initiator::new(key(1), b_id, key(3))).await.expect("handshake");
        let init = Message::Init(Init { globalfeatures: Vec::new(), features: Vec::new(), networks: None, remote_addr: None });
        raw.send(&init.encode().expect("encodes")).await.expect("our init");
        let started = tokio::time::Instant::now();
        let theirs = raw.recv().await.expect("read").expect("b's init");
        assert!(matches!(Message::decode(&theirs), Ok(Some(Message::Init(_)))));
        // The default would wait 30 s for the first ping.
        let ping = tokio::time::timeout(Duration::from_secs(5), raw.recv()).await.expect("a ping within seconds").expect("read").expect("a message");
        assert!(matches!(Message::decode(&ping), Ok(Some(Message::Ping(_)))), "{ping:?}");
        assert!(started.elapsed() >= Duration::from_millis(900), "not before the interval");
        // Unanswered, it ends the connection after the pong wait.
        let closed = tokio::time::timeout(Duration::from_secs(5), async {
            while let Ok(Some(_)) = raw.recv().await {}
        })
        .await;
        assert!(closed.is_ok(), "b hangs up on a peer that does not answer its ping");
        eventually("b forgets the silent peer", || b.count() == 0).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn connections_past_the_handshake_limit_are_closed_at_once() {
        use tokio::io::AsyncReadExt;
        let b = PeerManager::with_handshake_limit(key(2), Network::Regtest, 1);
        let (b_addr, _stop) = listening(&b).await;
        // A silent connection holds the only handshake slot…
        let mut silent = TcpStream::connect(b_addr).await.expect("connect");
        tokio::time::sleep(Duration::from_millis(100)).await;
        // …so the next one is closed without waiting for the deadline.
        let mut second = TcpStream::connect(b_addr).await.expect("connect");
        let mut buf = [0u8; 1];
        let read = tokio::time::timeout(Duration::from_secs(2), second.read(&mut buf)).await;
        assert!(matches!(read, Ok(Ok(0)) | Ok(Err(_))), "closed at once: {read:?}");
        // The silent one is still waiting for its act one.
        let pending = tokio::time::timeout(Duration::from_millis(200), silent.read(&mut buf)).await;
        assert!(pending.is_err(), "still open: {pending:?}");
    }
}
