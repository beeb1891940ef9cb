//! What a node broadcast is not lost when the chain's mempool forgets it
//! (a bitcoind restarted without its `mempool.dat`, say): two complete
//! nodes in this process on one embedded chain, whose mempool the test
//! clears. The funder hands its unconfirmed funding transaction to the
//! chain again at the next block; a force-closing node hands its commitment
//! again, also after a restart of its own (the broadcast is kept in the
//! store), until the commitment confirms.

use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bitcoin::{ScriptBuf, Txid};
use lnp_node::chain::backend::ChainBackend;
use lnp_node::config::Config;
use lnp_node::daemon::{Daemon, Node};

async fn until(what: &str, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The embedded chain behind `chain`, to act on it as the test's "bitcoind".
fn with_chain<T>(chain: &ChainBackend, f: impl FnOnce(&mut lnp_node::chain::embedded::PersistentChain) -> T) -> T {
    match chain {
        ChainBackend::Embedded(c) => f(&mut c.lock().unwrap_or_else(|p| p.into_inner())),
        ChainBackend::Bitcoind(_) => unreachable!("the test runs the embedded chain"),
    }
}

fn in_mempool(chain: &ChainBackend, txid: Txid) -> bool {
    with_chain(chain, |c| c.chain().confirmations(&txid) == Some(0))
}

async fn status_with(x: &Node, peer: &Node) -> String {
    let peer = peer.node_id().to_string();
    x.list_channels().await.ok().and_then(|cs| cs.into_iter().find(|c| c.peer == peer)).map(|c| c.status().to_string()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_funding_and_a_commitment_the_mempool_forgot_are_broadcast_again_and_confirm() {
    let dir = tempfile::tempdir().expect("temp dir");
    let chain_db = sled::open(dir.path().join("chain")).expect("chain store");
    let chain = ChainBackend::embedded(&chain_db).expect("chain");
    let start = |name: &str| Daemon::start_with_chain(Config::local(dir.path().join(name)), Some(chain.clone()));
    let (da, db) = (start("a").await.expect("a daemon"), start("b").await.expect("a daemon"));
    let (a, b): (Arc<Node>, Arc<Node>) = (da.node().clone(), db.node().clone());
    let burn = ScriptBuf::new_op_return([]);
    a.mine(1, None).await.expect("mine");
    chain.mine(100, burn.clone()).await.expect("mine");
    until("A's coinbase is spendable", async || a.balance().await.is_ok_and(|x| x.confirmed_sat > 0)).await;
    a.connect(b.node_id(), b.listen_addr()).await.expect("connect");
    let deadline = Instant::now() + Duration::from_secs(30);
    let opened = loop {
        match a.open_channel(b.node_id(), 500_000, 0).await {
            Ok(opened) => break opened,
            // The channel host hears of the connection a moment after `connect`.
            Err(e) if e.to_string().contains("not connected") && Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(20)).await,
            Err(e) => panic!("open: {e}"),
        }
    };
    let funding = Txid::from_str(&opened.funding_txid).expect("a txid");

    // The chain forgets the funding; the next block (empty) makes A hand
    // it over again, and the one after confirms it.
    assert_eq!(with_chain(&chain, |c| c.clear_mempool()), vec![funding]);
    chain.mine(1, burn.clone()).await.expect("mine");
    until("A handed its funding to the chain again", async || in_mempool(&chain, funding)).await;
    chain.mine(3, burn.clone()).await.expect("mine");
    until("the channel is active on both sides", async || status_with(&a, &b).await == "active" && status_with(&b, &a).await == "active").await;

    // A force-closes; the chain forgets the commitment, and A restarts
    // (its broadcast is in its store): A hands it over again.
    let closing = a.close_channel(opened.channel_id.clone(), true).await.expect("force close");
    let commitment = Txid::from_str(&closing.txid).expect("a txid");
    assert!(in_mempool(&chain, commitment), "the commitment was broadcast");
    assert_eq!(with_chain(&chain, |c| c.clear_mempool()), vec![commitment]);
    drop(a);
    da.shutdown().await.expect("A stops");
    let da = start("a").await.expect("A starts again");
    let a = da.node().clone();
    until("A handed its commitment to the chain again", async || in_mempool(&chain, commitment)).await;
    chain.mine(1, burn.clone()).await.expect("mine");
    assert_eq!(with_chain(&chain, |c| c.chain().confirmations(&commitment)), Some(1));
    until("B saw A's commitment", async || status_with(&b, &a).await != "active").await;

    // Once confirmed, it is not handed over again when the mempool is
    // cleared: nothing of A's waits there.
    chain.mine(1, burn.clone()).await.expect("mine");
    with_chain(&chain, |c| c.clear_mempool());
    chain.mine(1, burn).await.expect("mine");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!in_mempool(&chain, commitment));
    let _ = da.shutdown().await;
    let _ = db.shutdown().await;
}
