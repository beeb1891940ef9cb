//! Interop with an independent BOLT 1/8 implementation: LDK's `PeerManager`
//! (`lightning` 0.2, driven over tokio sockets by `lightning-net-tokio`)
//! against a real lnp daemon started in-process (temp data directory,
//! embedded chain, peers and RPC on 127.0.0.1:0).
//!
//! What it shows, both ways round: the BOLT 8 handshake completes, both
//! `init`s are exchanged (LDK lists a peer only after that, and so does
//! lnp's `listpeers`), and LDK's pings get lnp's pongs (LDK drops a peer
//! that has not answered the previous tick's ping). lnpd pings on a fixed
//! 30 s timer, so the other way (lnp pings, LDK pongs) is shown with the
//! same peer machine lnpd runs (`lnp_node::peer::run`) on a 1 s interval.
//! Also: LDK dialing with the wrong node id for lnp fails the handshake and
//! the daemon keeps serving; and, as a control on the ping test, LDK does
//! drop a peer that completes `init` but never answers a ping.
//!
//! What it is not: channels, gossip or onion messages — LDK runs here with
//! its erroring channel handler and ignoring gossip/onion handlers.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bitcoin::secp256k1::{PublicKey, Secp256k1, SecretKey};
use bitcoin::Network;
use lightning::ln::peer_handler::{ErroringMessageHandler, IgnoringMessageHandler, MessageHandler, PeerManager};
use lightning::sign::{KeysManager, NodeSigner, Recipient};
use lightning::util::logger::{Logger, Record};
use lightning_net_tokio::SocketDescriptor;
use lnp_engine::rt::ChainHash;
use lnp_node::config::Config;
use lnp_node::daemon::Daemon;
use lnp_node::peer::{run, PeerEvent};
use lnp_node::rpc::client::Client;
use lnp_node::transport::{Connection, Initiator, Responder};
use lnp_protocols::generated::peer::{Env, Init, Message, Params, Role};
use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// LDK's log lines, kept to wait on (a received pong) and to show on failure.
#[derive(Default)]
struct LdkLog(Mutex<Vec<String>>);

impl Logger for LdkLog {
    fn log(&self, record: Record) {
        let line = format!("{} {}", record.level, record.args);
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(line);
    }
}

impl LdkLog {
    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn dump(&self) -> String {
        self.lines().join("\n")
    }

    /// How many pongs LDK has received (it logs every message it reads).
    fn pongs_received(&self) -> usize {
        self.lines().iter().filter(|l| l.contains("Received message Pong")).count()
    }
}

type LdkPeerManager = PeerManager<
    SocketDescriptor,
    Arc<ErroringMessageHandler>,
    Arc<IgnoringMessageHandler>,
    Arc<IgnoringMessageHandler>,
    Arc<LdkLog>,
    Arc<IgnoringMessageHandler>,
    Arc<KeysManager>,
    Arc<IgnoringMessageHandler>,
>;

/// An LDK node: its peer manager, node id and log.
struct Ldk {
    peers: Arc<LdkPeerManager>,
    node_id: PublicKey,
    log: Arc<LdkLog>,
}

impl Ldk {
    fn new(seed: u8) -> Ldk {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("the clock is after 1970");
        let keys = Arc::new(KeysManager::new(&[seed; 32], now.as_secs(), now.subsec_nanos(), true));
        let node_id = keys.get_node_id(Recipient::Node).expect("LDK's node id");
        let log = Arc::new(LdkLog::default());
        let ignoring = Arc::new(IgnoringMessageHandler {});
        let handlers = MessageHandler {
            chan_handler: Arc::new(ErroringMessageHandler::new()),
            route_handler: Arc::clone(&ignoring),
            onion_message_handler: Arc::clone(&ignoring),
            custom_message_handler: Arc::clone(&ignoring),
            send_only_message_handler: ignoring,
        };
        let mut ephemeral = [0u8; 32];
        getrandom::getrandom(&mut ephemeral).expect("OS randomness");
        let peers = Arc::new(PeerManager::new(handlers, now.as_secs() as u32, &ephemeral, log.clone(), keys));
        Ldk { peers, node_id, log }
    }

    fn lists(&self, node_id: PublicKey) -> bool {
        self.peers.list_peers().iter().any(|p| p.counterparty_node_id == node_id)
    }

    /// Dials `node_id` at `addr`; the returned task ends when the connection does.
    async fn dial(&self, node_id: PublicKey, addr: SocketAddr) -> tokio::task::JoinHandle<()> {
        let done = lightning_net_tokio::connect_outbound(self.peers.clone(), node_id, addr)
            .await
            .expect("LDK reaches the TCP port");
        tokio::spawn(done)
    }

    /// Accepts connections on a fresh loopback port, for as long as the test runs.
    async fn listen(&self) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind LDK's listener");
        let addr = listener.local_addr().expect("LDK's listen address");
        let peers = self.peers.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let stream = stream.into_std().expect("a std socket for lightning-net-tokio");
                tokio::spawn(lightning_net_tokio::setup_inbound(peers.clone(), stream));
            }
        });
        addr
    }

    /// LDK's ping cycle against `node_id`: each tick pings, and a peer that
    /// has not answered the previous tick's ping is dropped at the next one.
    /// Three ticks, each after the pong to the one before: `node_id` stays.
    async fn pings_are_answered_by(&self, node_id: PublicKey) {
        for round in 1..=3 {
            let before = self.log.pongs_received();
            self.peers.timer_tick_occurred();
            assert!(self.lists(node_id), "LDK dropped the peer at tick {round}:\n{}", self.log.dump());
            eventually(&format!("LDK receives a pong for ping {round}"), || self.log.pongs_received() > before, &self.log)
                .await;
        }
        self.peers.timer_tick_occurred();
        assert!(self.lists(node_id), "LDK dropped the peer after its pongs:\n{}", self.log.dump());
    }
}

/// Polls `check` every 20 ms for up to 5 s.
async fn eventually(what: &str, mut check: impl FnMut() -> bool, log: &LdkLog) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}; LDK's log:\n{}", log.dump());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// An lnp daemon on a temporary data directory, the embedded chain, loopback ports.
async fn lnpd() -> (Daemon, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let config = Config::local(dir.path().join("lnp"));
    (Daemon::start(config).await.expect("lnpd starts"), dir)
}

/// One JSON-RPC call to the daemon of `datadir`, as `lnp-cli` makes it.
async fn rpc(datadir: &Path, method: &'static str, params: Value) -> Value {
    let datadir: PathBuf = datadir.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let client = Client::from_datadir(&datadir, None).expect("an RPC client");
        client.call(method, params).unwrap_or_else(|e| panic!("{method} failed: {e}"))
    })
    .await
    .expect("the RPC task")
}

/// The node ids in lnpd's `listpeers` that have exchanged `init`.
async fn lnp_ready_peers(datadir: &Path) -> Vec<String> {
    let peers = rpc(datadir, "listpeers", json!({})).await;
    let peers = peers["peers"].as_array().cloned().unwrap_or_default();
    peers.iter().filter(|p| p["ready"] == json!(true)).filter_map(|p| p["node_id"].as_str().map(String::from)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ldk_dials_lnpd_exchanges_init_and_its_pings_are_answered() {
    let (daemon, dir) = lnpd().await;
    let node = daemon.node().clone();
    let datadir = dir.path().join("lnp");
    let ldk = Ldk::new(0x42);
    let _conn = ldk.dial(node.node_id(), node.listen_addr()).await;
    eventually("LDK lists lnpd (both inits exchanged)", || ldk.lists(node.node_id()), &ldk.log).await;
    let details = ldk.peers.peer_by_node_id(&node.node_id()).expect("LDK's view of lnpd");
    assert!(!details.is_inbound_connection);
    assert!(details.init_features.supports_variable_length_onion(), "lnp's init features: {}", details.init_features);
    let deadline = Instant::now() + Duration::from_secs(5);
    while !lnp_ready_peers(&datadir).await.contains(&ldk.node_id.to_string()) {
        assert!(Instant::now() < deadline, "lnpd never listed LDK as ready; LDK's log:\n{}", ldk.log.dump());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let listed = rpc(&datadir, "listpeers", json!({})).await;
    assert_eq!(listed["peers"][0]["direction"], "inbound");
    assert!(!listed["peers"][0]["features"].as_str().unwrap_or_default().is_empty(), "LDK's init features: {listed}");

    ldk.pings_are_answered_by(node.node_id()).await;
    assert!(node.peers().is_ready(&ldk.node_id), "lnpd still has LDK after the pings");
    daemon.shutdown().await.expect("lnpd stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lnpd_dials_ldk_with_connect_and_answers_its_pings() {
    let (daemon, dir) = lnpd().await;
    let node = daemon.node().clone();
    let datadir = dir.path().join("lnp");
    let ldk = Ldk::new(0x43);
    let ldk_addr = ldk.listen().await;
    // `connect` returns once both inits are exchanged.
    let connected = rpc(&datadir, "connect", json!({ "id": format!("{}@{ldk_addr}", ldk.node_id) })).await;
    assert_eq!(connected["node_id"], ldk.node_id.to_string(), "{connected}");
    assert_eq!(connected["direction"], "outbound");
    assert_eq!(connected["ready"], true);
    eventually("LDK lists lnpd", || ldk.lists(node.node_id()), &ldk.log).await;
    let details = ldk.peers.peer_by_node_id(&node.node_id()).expect("LDK's view of lnpd");
    assert!(details.is_inbound_connection);
    assert_eq!(lnp_ready_peers(&datadir).await, vec![ldk.node_id.to_string()]);

    ldk.pings_are_answered_by(node.node_id()).await;
    assert!(node.peers().is_ready(&ldk.node_id));
    daemon.shutdown().await.expect("lnpd stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ldk_with_the_wrong_node_id_fails_the_handshake_and_lnpd_keeps_serving() {
    let (daemon, dir) = lnpd().await;
    let node = daemon.node().clone();
    let datadir = dir.path().join("lnp");
    let ldk = Ldk::new(0x44);
    let wrong = SecretKey::from_slice(&[0x55; 32]).expect("a key").public_key(&Secp256k1::signing_only());
    // Act one is encrypted to the wrong key: lnpd cannot read it and hangs up,
    // which ends LDK's connection task.
    let failed = ldk.dial(wrong, node.listen_addr()).await;
    tokio::time::timeout(Duration::from_secs(5), failed)
        .await
        .expect("the failed connection ends in time")
        .expect("LDK's connection task");
    assert!(ldk.peers.list_peers().is_empty(), "LDK lists no peer after a failed handshake");
    assert!(lnp_ready_peers(&datadir).await.is_empty());
    assert_eq!(node.peers().count(), 0, "lnpd keeps no entry for the failed connection");

    let _conn = ldk.dial(node.node_id(), node.listen_addr()).await;
    eventually("LDK lists lnpd on the second, correct, dial", || ldk.lists(node.node_id()), &ldk.log).await;
    eventually("lnpd lists LDK", || node.peers().is_ready(&ldk.node_id), &ldk.log).await;
    assert_eq!(lnp_ready_peers(&datadir).await, vec![ldk.node_id.to_string()]);
    daemon.shutdown().await.expect("lnpd stops");
}

/// lnpd's own pings come every 30 s (`peer.lnp`'s default, not configurable
/// in the daemon), so lnp's side of the ping cycle runs here on the same
/// peer machine with a 1 s interval and a 1 s pong deadline.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lnps_peer_machine_pings_ldk_and_accepts_its_pongs() {
    let ldk = Ldk::new(0x45);
    let ldk_addr = ldk.listen().await;
    let secret = SecretKey::from_slice(&[0x11; 32]).expect("a key");
    let lnp_id = secret.public_key(&Secp256k1::signing_only());
    let stream = TcpStream::connect(ldk_addr).await.expect("reach LDK");
    let conn = Connection::connect(stream, Initiator::new(secret, ldk.node_id, SecretKey::from_slice(&[0x12; 32]).expect("a key")))
        .await
        .expect("the handshake with LDK");
    let chain = ChainHash(bitcoin::constants::ChainHash::using_genesis_block(Network::Regtest).to_bytes());
    let mut params = Params::new(chain, vec![0x02, 0x00]);
    params.ping_interval = 1;
    params.pong_wait = 1;
    let (events_tx, mut events) = mpsc::channel(16);
    let (_commands, commands_rx) = mpsc::channel(16);
    let task = tokio::spawn(run(conn, Env { params, role: Role::Initiator }, events_tx, commands_rx));
    let ready = tokio::time::timeout(Duration::from_secs(5), events.recv()).await.expect("init in time");
    assert!(matches!(ready, Some(PeerEvent::Ready { .. })), "{ready:?}; LDK's log:\n{}", ldk.log.dump());
    eventually("LDK lists lnp", || ldk.lists(lnp_id), &ldk.log).await;
    // Three pings, a second apart: each is sent only after the previous one's
    // pong arrived (with its 8 bytes) within the second allowed, else the
    // machine reports `Unresponsive` and hangs up, and no further ping comes.
    let pings = || ldk.log.lines().iter().filter(|l| l.contains("Received message Ping")).count();
    eventually("LDK receives lnp's third ping", || pings() >= 3, &ldk.log).await;
    assert!(events.try_recv().is_err(), "no event (Unresponsive, Closed) while LDK answers");
    assert!(ldk.lists(lnp_id));
    assert!(!task.is_finished());
    task.abort();
}

/// The control for the ping tests above: a peer that completes `init` but
/// never answers LDK's ping is dropped at LDK's next tick.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ldk_drops_a_peer_that_never_answers_its_ping() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let secret = SecretKey::from_slice(&[0x21; 32]).expect("a key");
    let silent_id = secret.public_key(&Secp256k1::signing_only());
    let silent = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("accept");
        let mut conn = Connection::accept(stream, Responder::new(secret, SecretKey::from_slice(&[0x22; 32]).expect("a key")))
            .await
            .expect("the handshake with LDK");
        let init = Message::Init(Init { globalfeatures: Vec::new(), features: Vec::new(), networks: None, remote_addr: None });
        conn.send(&init.encode().expect("init encodes")).await.expect("send init");
        // Read (LDK's init, then its ping) but never answer, until LDK hangs up.
        let mut read = Vec::new();
        while let Ok(Some(bytes)) = conn.recv().await {
            read.push(bytes);
        }
        read
    });
    let ldk = Ldk::new(0x46);
    let _conn = ldk.dial(silent_id, addr).await;
    eventually("LDK lists the silent peer", || ldk.lists(silent_id), &ldk.log).await;
    ldk.peers.timer_tick_occurred();
    assert!(ldk.lists(silent_id), "the first tick only pings");
    tokio::time::sleep(Duration::from_millis(300)).await;
    ldk.peers.timer_tick_occurred();
    assert!(!ldk.lists(silent_id), "LDK drops a peer that did not answer the previous tick's ping");
    let read = tokio::time::timeout(Duration::from_secs(5), silent).await.expect("LDK hangs up").expect("the silent task");
    let kinds: Vec<Option<Message>> = read.iter().map(|b| Message::decode(b).ok().flatten()).collect();
    assert!(matches!(kinds.first(), Some(Some(Message::Init(_)))), "{kinds:?}");
    assert!(kinds.iter().any(|m| matches!(m, Some(Message::Ping(_)))), "LDK pinged: {kinds:?}");
}
