//! Many payments queued at once share commitments and flushes: two
//! complete nodes in this process (the daemons `lnpd` runs, on one embedded
//! chain, over loopback TCP with BOLT 8), one channel, and 60 payments
//! queued together. Each host signs once per batch for everything queued
//! since its last commitment, so all the adds land in the payer's first
//! `commitment_signed` and all the fulfills in the payee's — two
//! commitments a side for the lot, where signing after the first update
//! (and the rest behind its revocation) takes three — and each host
//! flushes its store once per batch, not once per step.
//!
//! The runtime has one thread, so the 60 `pay` calls are all queued before
//! the payer's host task runs again: the batch is the whole burst.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bitcoin::ScriptBuf;
use lnp_node::chain::backend::ChainBackend;
use lnp_node::channels::HostStats;
use lnp_node::config::Config;
use lnp_node::daemon::{Daemon, Node};

const PAYMENTS: u64 = 60;
const AMOUNT_MSAT: u64 = 1_000_000;

async fn until(what: &str, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn normal(x: &Node) -> bool {
    x.list_channels().await.ok().is_some_and(|cs| cs.iter().any(|c| c.status() == "active"))
}

async fn quiet(x: &Node) -> bool {
    x.list_channels().await.is_ok_and(|cs| cs.iter().all(|c| c.pending_htlcs.is_empty()))
}

async fn stats(x: &Node) -> HostStats {
    x.channels().stats().await.expect("the host's counters")
}

#[tokio::test]
async fn queued_payments_share_commitments_and_flushes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let chain_db = sled::open(dir.path().join("chain")).expect("chain store");
    let chain = ChainBackend::embedded(&chain_db).expect("chain");
    let mut daemons = Vec::new();
    for name in ["payer", "payee"] {
        let config = Config::local(dir.path().join(name));
        daemons.push(Daemon::start_with_chain(config, Some(chain.clone())).await.expect("a daemon"));
    }
    let (a, b): (Arc<Node>, Arc<Node>) = (daemons[0].node().clone(), daemons[1].node().clone());
    a.mine(1, None).await.expect("mine");
    let burn = ScriptBuf::new_op_return([]);
    chain.mine(100, burn.clone()).await.expect("mine");
    until("the payer's coins are spendable", async || a.balance().await.is_ok_and(|b| b.confirmed_sat > 0)).await;
    a.connect(b.node_id(), b.listen_addr()).await.expect("connect");
    // The host sees the coins at its next look at the chain.
    until("the channel opens", async || a.open_channel(b.node_id(), 1_000_000, 0).await.is_ok()).await;
    chain.mine(3, burn).await.expect("mine");
    until("the channel is open on both sides", async || normal(&a).await && normal(&b).await).await;
    // One payment first, once the payee's channel_ready has reached the payer.
    let first = b.create_invoice(Some(AMOUNT_MSAT), "first".into(), Some(600)).expect("invoice");
    until("a first payment goes through", async || a.pay(&first.bolt11).await.is_ok()).await;

    until("the first payment is settled on both sides", async || quiet(&a).await && quiet(&b).await).await;

    let invoices: Vec<_> = (0..PAYMENTS)
        .map(|k| lnp_node::invoice::decode(&b.create_invoice(Some(AMOUNT_MSAT), format!("batched {k}"), Some(600)).expect("invoice").bolt11).expect("decodes"))
        .collect();
    let before = [stats(&a).await, stats(&b).await];
    let tasks: Vec<_> = invoices
        .into_iter()
        .map(|invoice| {
            let a = a.clone();
            tokio::spawn(async move { a.channels().pay(invoice).await })
        })
        .collect();
    for t in tasks {
        t.await.expect("a payment task").expect("every payment succeeds");
    }
    let after = [stats(&a).await, stats(&b).await];
    let d = |i: usize, f: fn(&HostStats) -> u64| f(&after[i]) - f(&before[i]);

    // The payer sent one add per payment, the payee one fulfill.
    assert_eq!(d(0, |s| s.updates_sent), PAYMENTS);
    assert_eq!(d(1, |s| s.updates_sent), PAYMENTS);
    // The payer: the adds, then its answer to the payee's fulfills. The
    // payee: its answer to the adds, then the fulfills.
    for (i, side) in ["payer", "payee"].iter().enumerate() {
        assert_eq!(d(i, |s| s.commitments_sent), 2, "the {side}'s commitment_signed: {before:?} -> {after:?}");
        assert_eq!(after[i].most_updates_in_a_commitment, PAYMENTS, "the {side} signed all its updates at once: {after:?}");
    }
    // Group commit: fewer flushes than payments, on each side.
    for (i, side) in ["payer", "payee"].iter().enumerate() {
        let syncs = d(i, |s| s.syncs);
        assert!(syncs < PAYMENTS, "the {side} flushed {syncs} times for {PAYMENTS} payments");
    }
    // Every payment is on both sides, and the channel is back to no HTLCs.
    until("no HTLC is left in flight", async || quiet(&a).await && quiet(&b).await).await;
    let received = b.list_payments().await.expect("payments").iter().filter(|p| p.status == lnp_node::channels::PaymentStatus::Succeeded).count();
    assert_eq!(received as u64, PAYMENTS + 1);
    let channel = &b.list_channels().await.expect("channels")[0];
    assert_eq!(channel.our_msat, (PAYMENTS + 1) * AMOUNT_MSAT);
    for d in daemons {
        d.shutdown().await.expect("shutdown");
    }
}
