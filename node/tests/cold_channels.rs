//! Channels that are not hot work like hot ones: two complete nodes in
//! this process (on one embedded chain, over loopback TCP with BOLT 8),
//! each keeping only one channel machine whole in memory
//! (`--hot-channels 1`), with three channels between them. Every step of
//! another channel pushes the hot one out (its state staged in the store
//! first) and reads the next one back from the store with its signer
//! derived again from the seed — in the middle of a batch too: one block
//! confirms all three fundings at once. Payments go over each channel both
//! ways, the nodes restart and pay again, and one channel closes
//! cooperatively; every balance is the sum of the payments.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bitcoin::ScriptBuf;
use lnp_node::chain::backend::ChainBackend;
use lnp_node::config::Config;
use lnp_node::daemon::{Daemon, Node};

const CAPACITY_SAT: u64 = 1_000_000;
/// More than half a channel: each payment A→B takes the next channel.
const FORTH_MSAT: u64 = 600_000_000;
const BACK_MSAT: u64 = 250_000_000;

async fn until(what: &str, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn all_normal(x: &Node, n: usize) -> bool {
    x.list_channels().await.ok().is_some_and(|cs| cs.iter().filter(|c| c.status() == "active").count() == n)
}

async fn quiet(x: &Node) -> bool {
    x.list_channels().await.is_ok_and(|cs| cs.iter().all(|c| c.pending_htlcs.is_empty()))
}

/// Our balance per channel, by channel id.
async fn balances(x: &Node) -> Vec<(String, u64)> {
    let mut cs: Vec<(String, u64)> = x.list_channels().await.expect("channels").into_iter().map(|c| (c.channel_id, c.our_msat)).collect();
    cs.sort();
    cs
}

async fn start(dir: &std::path::Path, name: &str, chain: &ChainBackend) -> Daemon {
    let mut config = Config::local(dir.join(name));
    config.hot_channels = 1;
    Daemon::start_with_chain(config, Some(chain.clone())).await.expect("a daemon")
}

async fn pay(from: &Node, to: &Node, msat: u64, what: &str) {
    let invoice = to.create_invoice(Some(msat), what.into(), Some(600)).expect("invoice");
    let deadline = Instant::now() + Duration::from_secs(30);
    let paid = loop {
        match from.pay(&invoice.bolt11).await {
            // The peer's channel_ready may still be on its way after `Normal`.
            Err(e) if e.to_string().contains("channel_ready has not arrived") && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(20)).await
            }
            outcome => break outcome.unwrap_or_else(|e| panic!("{what}: {e}")),
        }
    };
    assert_eq!(paid.amount_msat, msat, "{what}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn channels_read_back_from_the_store_pay_restart_and_close_like_hot_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let chain_db = sled::open(dir.path().join("chain")).expect("chain store");
    let chain = ChainBackend::embedded(&chain_db).expect("chain");
    let (mut da, mut db) = (start(dir.path(), "a", &chain).await, start(dir.path(), "b", &chain).await);
    let (a, b): (Arc<Node>, Arc<Node>) = (da.node().clone(), db.node().clone());
    let burn = ScriptBuf::new_op_return([]);
    a.mine(3, None).await.expect("mine");
    chain.mine(100, burn.clone()).await.expect("mine");
    until("three coinbases are spendable", async || a.balance().await.is_ok_and(|x| x.confirmed_sat >= 3 * 50 * 100_000_000)).await;
    a.connect(b.node_id(), b.listen_addr()).await.expect("connect");
    for k in 0..3 {
        until(&format!("channel {k} opens"), async || a.open_channel(b.node_id(), CAPACITY_SAT, 0).await.is_ok()).await;
    }
    // One block confirms the three fundings: the three machines step in one batch.
    chain.mine(3, burn.clone()).await.expect("mine");
    until("three channels are open on both sides", async || all_normal(&a, 3).await && all_normal(&b, 3).await).await;

    for k in 0..3 {
        pay(&a, &b, FORTH_MSAT, &format!("forth {k}")).await;
    }
    for k in 0..3 {
        pay(&b, &a, BACK_MSAT, &format!("back {k}")).await;
    }
    until("settled on both sides", async || quiet(&a).await && quiet(&b).await).await;
    let (stats_a, stats_b) = (a.channels().stats().await.expect("stats"), b.channels().stats().await.expect("stats"));
    assert!(stats_a.machines_read_back >= 6 && stats_b.machines_read_back >= 6, "cold channels were read back: {stats_a:?} {stats_b:?}");
    let theirs: Vec<u64> = balances(&b).await.into_iter().map(|(_, msat)| msat).collect();
    assert!(theirs.iter().all(|msat| *msat > 0), "each channel carried a payment: {theirs:?}");
    assert_eq!(theirs.iter().sum::<u64>(), 3 * (FORTH_MSAT - BACK_MSAT), "B's balance is the sum of the payments");
    let ours_before = balances(&a).await;

    // Both restart: what was staged when each machine went cold is what comes back.
    drop((a, b));
    da.shutdown().await.expect("a stops");
    db.shutdown().await.expect("b stops");
    (da, db) = (start(dir.path(), "a", &chain).await, start(dir.path(), "b", &chain).await);
    let (a, b) = (da.node().clone(), db.node().clone());
    // B listens on a new port now.
    a.connect(b.node_id(), b.listen_addr()).await.expect("connect");
    until("the channels are back and connected", async || all_normal(&a, 3).await && all_normal(&b, 3).await).await;
    assert_eq!(balances(&a).await, ours_before, "nothing lost across the restart");
    for k in 0..3 {
        pay(&b, &a, BACK_MSAT, &format!("back again {k}")).await;
    }
    until("settled on both sides", async || quiet(&a).await && quiet(&b).await).await;
    let theirs: Vec<u64> = balances(&b).await.into_iter().map(|(_, msat)| msat).collect();
    assert_eq!(theirs.iter().sum::<u64>(), 3 * (FORTH_MSAT - 2 * BACK_MSAT), "B's balance is the sum of the payments");

    // A cooperative close of one channel pays B its balance on chain.
    let (first, share_msat) = balances(&b).await.into_iter().find(|(_, msat)| *msat > 0).expect("a channel B has a share of");
    a.close_channel(first.clone(), false).await.expect("close");
    chain.mine(1, burn).await.expect("mine");
    until("B's wallet holds its share", async || b.balance().await.is_ok_and(|x| x.confirmed_sat == share_msat / 1000)).await;
    da.shutdown().await.expect("a stops");
    db.shutdown().await.expect("b stops");
}
