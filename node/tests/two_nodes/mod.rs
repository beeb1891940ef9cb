//! Two complete nodes in one test process on one embedded chain, the first
//! with a mature coinbase and connected to the second over loopback TCP
//! (BOLT 8): the setup the in-process node tests share. Each node can be
//! stopped and started again on its data directory and the same chain.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bitcoin::ScriptBuf;
use lnp_node::chain::backend::ChainBackend;
use lnp_node::config::Config;
use lnp_node::channels::Opened;
use lnp_node::daemon::{Daemon, Node, NodeError};

/// Polls `check` every 20 ms until it holds; fails the test after 60 s.
pub async fn until(what: &str, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub struct TwoNodes {
    pub dir: tempfile::TempDir,
    pub chain: ChainBackend,
    pub da: Daemon,
    pub db: Daemon,
    pub a: Arc<Node>,
    pub b: Arc<Node>,
}

impl TwoNodes {
    /// A (with `coinbases` mature coinbases) connected to B.
    pub async fn start(coinbases: u32) -> TwoNodes {
        let dir = tempfile::tempdir().expect("temp dir");
        let chain_db = sled::open(dir.path().join("chain")).expect("chain store");
        let chain = ChainBackend::embedded(&chain_db).expect("chain");
        let da = start(&dir, &chain, "a").await;
        let db = start(&dir, &chain, "b").await;
        let (a, b) = (da.node().clone(), db.node().clone());
        a.mine(coinbases, None).await.expect("mine");
        chain.mine(100, burn()).await.expect("mine");
        let want = u64::from(coinbases) * 50 * 100_000_000;
        until("A's coinbases are spendable", async || a.balance().await.is_ok_and(|x| x.confirmed_sat >= want)).await;
        a.connect(b.node_id(), b.listen_addr()).await.expect("connect");
        TwoNodes { dir, chain, da, db, a, b }
    }

    /// A opens a channel to B; the channel host hears of the connection a
    /// moment after `connect`, so "not connected" is tried again for 30 s.
    pub async fn open(&self, amount_sat: u64, push_msat: u64) -> Result<Opened, NodeError> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match self.a.open_channel(self.b.node_id(), amount_sat, push_msat).await {
                Err(e) if e.to_string().contains("not connected") && Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(20)).await,
                other => return other,
            }
        }
    }

    /// Stops A and starts it again on its data directory.
    pub async fn restart_a(self) -> TwoNodes {
        let TwoNodes { dir, chain, da, db, a, b } = self;
        drop(a);
        da.shutdown().await.expect("A stops");
        let da = start(&dir, &chain, "a").await;
        let a = da.node().clone();
        TwoNodes { dir, chain, da, db, a, b }
    }

    pub async fn shutdown(self) {
        let _ = self.da.shutdown().await;
        let _ = self.db.shutdown().await;
    }
}

async fn start(dir: &tempfile::TempDir, chain: &ChainBackend, name: &str) -> Daemon {
    Daemon::start_with_chain(Config::local(dir.path().join(name)), Some(chain.clone())).await.unwrap_or_else(|e| panic!("{name} starts: {e}"))
}

/// An unspendable output script, for blocks nobody is paid by.
pub fn burn() -> ScriptBuf {
    ScriptBuf::new_op_return([])
}
