//! The daemon behind `lnpd`: opening the data directory (seed, keys, sled
//! store), starting the chain backend, the peer listener and the RPC server,
//! the node's operations the RPC calls ([`Node`]), and a clean shutdown on
//! SIGINT, SIGTERM or the `stop` call.
//!
//! Files in the data directory: `seed` (0600, see [`crate::seed`]),
//! `store/` (sled: the embedded chain's blocks, the wallet's indices and
//! coins, issued invoices with their preimages, channel records and
//! payments), `channels/` (sled: the engine's store of the channel
//! machines — states, effects to perform, armed watches and timers),
//! `lnpd.toml` (optional config), and while running `.cookie` (0600),
//! `rpc-address` (the address the RPC server actually bound, for
//! `lnp-cli`) and, with `--rpc-socket`, `rpc-socket` (the socket's path),
//! all removed at shutdown with the socket itself.
//!
//! What this is not: the channels' logic (see [`crate::channels`]) nor the
//! RPC's framing (see [`crate::rpc`]).
use std::net::SocketAddr;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bitcoin::{Address, BlockHash, Network};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tracing::{info, warn};

use crate::chain::backend::{BackendError, ChainBackend};
use crate::channels::{self, ChannelError, ChannelManager, ChannelSummary, Closing, Opened, PaymentRecord};
use crate::wallet::Balance;
use crate::config::{ChainKind, Config};
use crate::invoice::{self, DecodedInvoice, InvoiceError, InvoiceParams};
use crate::keys::{KeyError, NodeKeys};
use crate::peers::{PeerManager, PeerOptions};
use crate::rpc::cookie::{Cookie, CookieError};
use crate::rpc::server;
use crate::rpc::unix::{self, SocketError};
use crate::seed::{self, SeedError, SeedOrigin};
use crate::wallet::{Wallet, WalletError};

/// The file naming the RPC server's bound address.
pub const RPC_ADDRESS_FILE: &str = "rpc-address";
/// The file naming the RPC server's unix socket.
pub const RPC_SOCKET_FILE: &str = "rpc-socket";
/// The sled store's directory in the data directory.
pub const STORE_DIR: &str = "store";
/// The channel machines' store (the engine's) in the data directory.
pub const CHANNELS_DIR: &str = "channels";
/// The page cache of each of the two sled stores, in bytes. sled's
/// default, 1 GiB, lets it keep every page it ever touched; with this,
/// beyond some thousands of channels the pages of idle ones are read back
/// from the file when needed (the OS caches it). sled splits the cache in
/// 256 shards, each keeping at least its last page: 32 KiB a shard holds a
/// full leaf of channel states. (At 1,000 channels the data is smaller
/// than this: `benches/channel_rss.rs` measured no difference with 1 MiB.)
pub const STORE_CACHE_BYTES: u64 = 8 << 20;
/// The sled tree of issued invoices (payment hash → [`StoredInvoice`]).
pub const INVOICES_TREE: &str = "invoices";
/// The `min_final_cltv_expiry_delta` of the node's invoices.
pub const MIN_FINAL_CLTV_EXPIRY_DELTA: u64 = 40;
/// The most blocks one `mine` call makes.
pub const MAX_BLOCKS_PER_MINE: u32 = 1000;
/// How long shutdown waits for the servers to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);
/// Connections the kernel holds for the peer and RPC listeners before we
/// accept them (capped by `net.core.somaxconn`). The default of 128 lets a
/// burst of RPC clients (an operator's script paying with 200 workers)
/// overflow the queue; each dropped SYN then costs its client a one-second
/// retransmission.
pub const LISTEN_BACKLOG: u32 = 1024;

/// A TCP listener on `addr` with [`LISTEN_BACKLOG`] (and `SO_REUSEADDR`, as
/// `TcpListener::bind` sets it).
fn listen_tcp(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

/// Why the daemon could not start or stop cleanly.
#[derive(Debug, Error)]
pub enum DaemonError {
    #[error("cannot create the data directory {}: {source}", path.display())]
    Datadir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Seed(#[from] SeedError),
    #[error("deriving the node's keys: {0}")]
    Keys(#[from] KeyError),
    #[error("cannot open the store {} (is another lnpd using this data directory?): {source}", path.display())]
    Store {
        path: PathBuf,
        #[source]
        source: sled::Error,
    },
    #[error("starting the chain backend: {0}")]
    Chain(#[from] BackendError),
    #[error("opening the wallet: {0}")]
    Wallet(#[from] WalletError),
    #[error("cannot listen for {what} on {addr}: {source}")]
    Bind {
        what: &'static str,
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Socket(#[from] SocketError),
    #[error("the RPC cookie: {0}")]
    Cookie(#[from] CookieError),
    #[error("cannot write {}: {source}", path.display())]
    WriteFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot listen for signals: {0}")]
    Signals(#[source] std::io::Error),
    #[error("starting the channels: {0}")]
    Channels(#[from] ChannelError),
}

/// Why an operation of the running node failed (the RPC maps these to
/// error codes).
#[derive(Debug, Error)]
pub enum NodeError {
    #[error(transparent)]
    Invoice(#[from] InvoiceError),
    #[error(transparent)]
    Chain(#[from] BackendError),
    #[error(transparent)]
    Wallet(#[from] WalletError),
    #[error("the store failed while {during}: {source}")]
    Store {
        during: &'static str,
        #[source]
        source: sled::Error,
    },
    #[error("no randomness from the operating system: {0}")]
    Random(getrandom::Error),
    #[error("cannot encode the invoice for the store: {0}")]
    Encode(#[source] serde_json::Error),
    #[error("{0}")]
    InvalidArgument(String),
    #[error(transparent)]
    Channel(#[from] ChannelError),
}

/// What the node keeps of an invoice it issued.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredInvoice {
    pub bolt11: String,
    pub preimage: String,
    pub payment_secret: String,
}

/// `getinfo`'s answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NodeInfo {
    pub node_id: String,
    pub network: String,
    pub chain: String,
    pub block_height: u32,
    pub listen: Vec<String>,
    /// The RPC's TCP address, if it listens on one.
    pub rpc: Option<String>,
    /// The RPC's unix socket, if it listens on one.
    pub rpc_socket: Option<String>,
    pub peers: usize,
    pub channels: ChannelCounts,
    pub version: String,
}

/// Channel counts: pending (being opened or closed), active (usable now),
/// inactive (the peer is away); closed channels are not counted.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ChannelCounts {
    pub pending: u32,
    pub active: u32,
    pub inactive: u32,
}

/// `mine`'s answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mined {
    pub address: String,
    pub block_hashes: Vec<String>,
    pub height: u32,
}

/// The running node: what the RPC methods act on.
pub struct Node {
    config: Config,
    keys: NodeKeys,
    db: sled::Db,
    chain: ChainBackend,
    wallet: Arc<Wallet>,
    invoices: sled::Tree,
    peers: PeerManager,
    channels: ChannelManager,
    listen_addr: SocketAddr,
    rpc_addr: Option<SocketAddr>,
    shutdown: watch::Sender<bool>,
}

impl Node {
    pub fn network(&self) -> Network {
        self.config.network
    }

    pub fn peers(&self) -> &PeerManager {
        &self.peers
    }

    /// The RPC's bound TCP address, if it listens on TCP.
    pub fn rpc_addr(&self) -> Option<SocketAddr> {
        self.rpc_addr
    }

    /// The RPC's unix socket, if it listens on one.
    pub fn rpc_socket(&self) -> Option<&Path> {
        self.config.rpc_socket.as_deref()
    }

    /// Where this node listens for peers.
    pub fn listen_addr(&self) -> SocketAddr {
        self.listen_addr
    }

    pub fn node_id(&self) -> bitcoin::secp256k1::PublicKey {
        self.keys.node_id()
    }

    pub fn channels(&self) -> &ChannelManager {
        &self.channels
    }

    pub fn chain(&self) -> &ChainBackend {
        &self.chain
    }

    pub fn wallet(&self) -> &Arc<Wallet> {
        &self.wallet
    }

    /// Connects to a peer and remembers its address (to dial it again
    /// after a restart while channels with it are open).
    pub async fn connect(
        &self,
        node_id: bitcoin::secp256k1::PublicKey,
        addr: SocketAddr,
    ) -> Result<crate::peers::PeerInfo, crate::peers::PeerManagerError> {
        let info = self.peers.connect(node_id, addr).await?;
        self.channels.remember_address(node_id, addr);
        Ok(info)
    }

    /// `openchannel`.
    pub async fn open_channel(&self, node_id: bitcoin::secp256k1::PublicKey, amount_sat: u64, push_msat: u64) -> Result<Opened, NodeError> {
        Ok(self.channels.open(node_id, amount_sat, push_msat).await?)
    }

    /// `pay`: a direct payment to a channel peer.
    pub async fn pay(&self, bolt11: &str) -> Result<PaymentRecord, NodeError> {
        let decoded = invoice::decode(bolt11)?;
        Ok(self.channels.pay(decoded).await?)
    }

    /// `listchannels`.
    pub async fn list_channels(&self) -> Result<Vec<ChannelSummary>, NodeError> {
        Ok(self.channels.list().await?)
    }

    /// `listpayments`.
    pub async fn list_payments(&self) -> Result<Vec<PaymentRecord>, NodeError> {
        Ok(self.channels.payments().await?)
    }

    /// `close` (cooperative) or `forceclose`.
    pub async fn close_channel(&self, channel_id: String, force: bool) -> Result<Closing, NodeError> {
        Ok(self.channels.close(channel_id, force).await?)
    }

    /// `setfeerate`: propose a commitment feerate on a channel we fund.
    pub async fn set_feerate(&self, channel_id: String, feerate_per_kw: u32) -> Result<(), NodeError> {
        Ok(self.channels.set_feerate(channel_id, feerate_per_kw).await?)
    }

    /// `balance`: the on-chain wallet, as far as the node has scanned.
    pub async fn balance(&self) -> Result<Balance, NodeError> {
        // Maturity is judged at the height the wallet has scanned, the
        // height the channel host spends at: a coin shown spendable here
        // can fund a channel at once (judged at the chain's tip, a fresh
        // coinbase could show as spendable before the host sees it so).
        let scanned = match self.wallet.scanned_height()? {
            Some(h) => h,
            None => self.chain.height().await?,
        };
        Ok(self.wallet.balance(scanned)?)
    }

    /// `getinfo`.
    pub async fn info(&self) -> Result<NodeInfo, NodeError> {
        Ok(NodeInfo {
            node_id: self.keys.node_id().to_string(),
            network: invoice::network_name(self.config.network).to_string(),
            chain: self.chain.name().to_string(),
            block_height: self.chain.height().await?,
            listen: vec![self.listen_addr.to_string()],
            rpc: self.rpc_addr.map(|a| a.to_string()),
            rpc_socket: self.config.rpc_socket.as_ref().map(|p| p.display().to_string()),
            peers: self.peers.count(),
            channels: {
                let mut counts = ChannelCounts::default();
                for c in self.channels.list().await? {
                    match c.status() {
                        "active" => counts.active += 1,
                        "inactive" => counts.inactive += 1,
                        "pending" | "closing" => counts.pending += 1,
                        _ => {}
                    }
                }
                counts
            },
            version: env!("CARGO_PKG_VERSION").to_string(),
        })
    }

    /// Issues an invoice: a fresh preimage and payment secret, stored
    /// (flushed) before the invoice is returned.
    pub fn create_invoice(
        &self,
        amount_msat: Option<u64>,
        description: String,
        expiry_secs: Option<u64>,
    ) -> Result<DecodedInvoice, NodeError> {
        if amount_msat == Some(0) {
            return Err(NodeError::InvalidArgument("amount_msat must be positive (omit it for any amount)".into()));
        }
        let expiry_secs = expiry_secs.unwrap_or(invoice::DEFAULT_EXPIRY_SECS);
        if expiry_secs == 0 {
            return Err(NodeError::InvalidArgument("expiry must be at least one second".into()));
        }
        let mut preimage = [0u8; 32];
        let mut payment_secret = [0u8; 32];
        getrandom::getrandom(&mut preimage).map_err(NodeError::Random)?;
        getrandom::getrandom(&mut payment_secret).map_err(NodeError::Random)?;
        let timestamp = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        let params = InvoiceParams {
            amount_msat,
            description,
            expiry_secs,
            min_final_cltv_expiry_delta: MIN_FINAL_CLTV_EXPIRY_DELTA,
            preimage,
            payment_secret,
            timestamp,
        };
        let made = invoice::create_as(&params, self.config.network, self.keys.node_secret(), self.keys.node_id())?;
        let stored = StoredInvoice {
            bolt11: made.bolt11.clone(),
            preimage: hex(&preimage),
            payment_secret: made.payment_secret.clone(),
        };
        let value = serde_json::to_vec(&stored).map_err(NodeError::Encode)?;
        self.invoices
            .insert(made.payment_hash.as_bytes(), value)
            .map_err(|source| NodeError::Store { during: "storing the invoice", source })?;
        self.invoices.flush().map_err(|source| NodeError::Store { during: "flushing the invoice", source })?;
        Ok(made)
    }

    /// `newaddress`.
    pub fn new_address(&self) -> Result<(Address, u32), NodeError> {
        Ok(self.wallet.new_address()?)
    }

    /// `mine`: `blocks` blocks to `address`, or to a new wallet address.
    pub async fn mine(&self, blocks: u32, address: Option<Address>) -> Result<Mined, NodeError> {
        if !(1..=MAX_BLOCKS_PER_MINE).contains(&blocks) {
            return Err(NodeError::InvalidArgument(format!("blocks must be 1 to {MAX_BLOCKS_PER_MINE}, not {blocks}")));
        }
        // Checked before a wallet address is spent on a call that fails.
        if self.config.chain != ChainKind::Embedded {
            return Err(BackendError::NotSupported { what: "mining" }.into());
        }
        let address = match address {
            Some(a) => a,
            None => self.wallet.new_address()?.0,
        };
        let hashes: Vec<BlockHash> = self.chain.mine(blocks, address.script_pubkey()).await?;
        Ok(Mined {
            address: address.to_string(),
            block_hashes: hashes.iter().map(ToString::to_string).collect(),
            height: self.chain.height().await?,
        })
    }

    /// Asks the daemon to stop (the `stop` call).
    pub fn request_stop(&self) {
        self.shutdown.send_replace(true);
    }
}

/// A started daemon.
pub struct Daemon {
    node: Arc<Node>,
    tasks: Vec<JoinHandle<()>>,
}

impl Daemon {
    /// Opens the data directory and starts everything; returns once the
    /// listeners are bound and `.cookie`, `rpc-address` and `rpc-socket`
    /// (those that apply) are written.
    pub async fn start(config: Config) -> Result<Daemon, DaemonError> {
        Daemon::start_with_chain(config, None).await
    }

    /// As [`Daemon::start`], on `chain` when given (several nodes of one
    /// process sharing one embedded chain: the demo) instead of the
    /// configured backend.
    pub async fn start_with_chain(config: Config, chain: Option<ChainBackend>) -> Result<Daemon, DaemonError> {
        let datadir = config.datadir.clone();
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&datadir)
            .map_err(|source| DaemonError::Datadir { path: datadir.clone(), source })?;
        let (seed, origin) = seed::load_or_create(&datadir)?;
        if origin == SeedOrigin::Created {
            info!("created a new seed in {}", datadir.join(seed::SEED_FILE_NAME).display());
        }
        let keys = NodeKeys::derive(&seed, config.network)?;
        drop(seed);
        let store_path = datadir.join(STORE_DIR);
        let db = sled::Config::new().path(&store_path).cache_capacity(STORE_CACHE_BYTES).open().map_err(|source| DaemonError::Store { path: store_path.clone(), source })?;
        let chain = match (chain, &config.chain, &config.bitcoind) {
            (Some(shared), _, _) => shared,
            (None, ChainKind::Bitcoind, Some(bitcoind)) => ChainBackend::bitcoind(bitcoind, config.network).await?,
            _ => ChainBackend::embedded(&db)?,
        };
        let wallet = Arc::new(Wallet::open(keys.clone(), &db)?);
        let invoices =
            db.open_tree(INVOICES_TREE).map_err(|source| DaemonError::Store { path: store_path.clone(), source })?;
        let peer_listener = listen_tcp(config.listen)
            .map_err(|source| DaemonError::Bind { what: "peers", addr: config.listen, source })?;
        let bound = |l: &TcpListener, what, addr| l.local_addr().map_err(|source| DaemonError::Bind { what, addr, source });
        let rpc_listener = match config.rpc_listen {
            Some(addr) => {
                let listener = listen_tcp(addr).map_err(|source| DaemonError::Bind { what: "RPC", addr, source })?;
                let bound_addr = bound(&listener, "RPC", addr)?;
                Some((listener, bound_addr))
            }
            None => None,
        };
        let rpc_socket = config.rpc_socket.as_deref().map(unix::bind).transpose()?;
        let listen_addr = bound(&peer_listener, "peers", config.listen)?;
        let rpc_addr = rpc_listener.as_ref().map(|(_, addr)| *addr);
        let cookie = Cookie::generate()?;
        cookie.write(&datadir)?;
        // A crash leaves the files of the last run: only this run's stay.
        for (name, value) in [(RPC_ADDRESS_FILE, rpc_addr.map(|a| a.to_string())), (RPC_SOCKET_FILE, config.rpc_socket.as_ref().map(|p| p.display().to_string()))] {
            match value {
                Some(value) => write_file(&datadir.join(name), &format!("{value}\n"))?,
                None => remove_if_present(&datadir.join(name)),
            }
        }
        let (shutdown, _) = watch::channel(false);
        let peer_options = PeerOptions { ping_interval_secs: config.ping_interval_secs, pong_wait_secs: config.pong_wait_secs(), ..PeerOptions::default() };
        let peers = PeerManager::with_options(*keys.node_secret(), config.network, peer_options);
        let (channels, channels_task) = channels::host::start(
            channels::host::HostParts {
                keys: keys.clone(),
                network: config.network,
                db: db.clone(),
                wallet: wallet.clone(),
                chain: chain.clone(),
                peers: peers.clone(),
                invoices: invoices.clone(),
                hot_channels: config.hot_channels,
            },
            &datadir.join(CHANNELS_DIR),
        )?;
        let rpc_where = [rpc_addr.map(|a| a.to_string()), config.rpc_socket.as_ref().map(|p| p.display().to_string())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" and ");
        info!(
            "lnpd {} on {}: node {} listening for peers on {listen_addr}, RPC on {rpc_where}, chain {}",
            env!("CARGO_PKG_VERSION"),
            invoice::network_name(config.network),
            keys.node_id(),
            chain.name()
        );
        let node = Arc::new(Node {
            config,
            keys,
            db,
            chain,
            wallet,
            invoices,
            peers: peers.clone(),
            channels,
            listen_addr,
            rpc_addr,
            shutdown,
        });
        let mut tasks = vec![
            channels_task,
            tokio::spawn({
                let stop = node.shutdown.subscribe();
                async move { peers.listen(peer_listener, stop).await }
            }),
        ];
        if let Some((listener, _)) = rpc_listener {
            tasks.push(tokio::spawn(server::serve(listener, node.clone(), cookie.clone(), node.shutdown.subscribe())));
        }
        if let Some(listener) = rpc_socket {
            tasks.push(tokio::spawn(server::serve(listener, node.clone(), cookie, node.shutdown.subscribe())));
        }
        Ok(Daemon { node, tasks })
    }

    pub fn node(&self) -> &Arc<Node> {
        &self.node
    }

    /// Runs until SIGINT, SIGTERM or `stop`, then shuts down: the servers
    /// stop accepting, peers are hung up on, the store is flushed, and
    /// `.cookie`, `rpc-address`, `rpc-socket` and the socket are removed.
    pub async fn run(self) -> Result<(), DaemonError> {
        use tokio::signal::unix::{signal, SignalKind};
        let mut interrupt = signal(SignalKind::interrupt()).map_err(DaemonError::Signals)?;
        let mut terminate = signal(SignalKind::terminate()).map_err(DaemonError::Signals)?;
        let mut stop = self.node.shutdown.subscribe();
        tokio::select! {
            _ = interrupt.recv() => info!("SIGINT: shutting down"),
            _ = terminate.recv() => info!("SIGTERM: shutting down"),
            _ = async { let _ = stop.wait_for(|stop| *stop).await; } => info!("stop requested over RPC: shutting down"),
        }
        self.shutdown().await
    }

    /// Shuts down now.
    pub async fn shutdown(self) -> Result<(), DaemonError> {
        self.node.shutdown.send_replace(true);
        self.node.channels.stop();
        self.node.peers.disconnect_all();
        for task in self.tasks {
            if tokio::time::timeout(SHUTDOWN_GRACE, task).await.is_err() {
                warn!("a server task did not stop within {}s", SHUTDOWN_GRACE.as_secs());
            }
        }
        let datadir = &self.node.config.datadir;
        for name in [crate::rpc::cookie::COOKIE_FILE_NAME, RPC_ADDRESS_FILE, RPC_SOCKET_FILE] {
            remove_if_present(&datadir.join(name));
        }
        if let Some(socket) = &self.node.config.rpc_socket {
            remove_if_present(socket);
        }
        if let Err(e) = self.node.db.flush_async().await {
            warn!("flushing the store failed: {e}");
        }
        info!("stopped");
        Ok(())
    }
}

/// Writes `text` to `path` through a temporary file and a rename, so a
/// reader never sees half of it.
fn write_file(path: &Path, text: &str) -> Result<(), DaemonError> {
    let tmp = path.with_extension("tmp");
    let err = |source| DaemonError::WriteFile { path: path.to_path_buf(), source };
    std::fs::write(&tmp, text).map_err(err)?;
    std::fs::rename(&tmp, path).map_err(err)
}

/// Removes `path`; one already gone is fine, another failure is logged.
fn remove_if_present(path: &Path) {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => warn!("cannot remove {}: {e}", path.display()),
        _ => {}
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpStream;

    /// A burst of clients connecting before the node gets round to
    /// accepting them is queued by the kernel, not dropped: with the
    /// default backlog of 128 the connections past it would wait a second
    /// for their SYN to be sent again.
    #[tokio::test]
    async fn a_burst_of_connections_is_queued_not_dropped() {
        let listener = listen_tcp("127.0.0.1:0".parse().expect("address")).expect("listen");
        let addr = listener.local_addr().expect("bound");
        let somaxconn: usize = std::fs::read_to_string("/proc/sys/net/core/somaxconn")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(128);
        let burst = somaxconn.min(LISTEN_BACKLOG as usize).min(300);
        // Nothing accepts: every connection must complete in the queue.
        let streams = tokio::task::spawn_blocking(move || {
            (0..burst).map(|_| TcpStream::connect_timeout(&addr, Duration::from_millis(500))).collect::<Vec<_>>()
        })
        .await
        .expect("connecting");
        let refused = streams.iter().filter(|s| s.is_err()).count();
        assert_eq!(refused, 0, "{refused} of {burst} connections were not queued (backlog too small?)");
        drop(listener);
    }
}
