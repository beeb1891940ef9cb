//! The node pays what the chain's fee estimate says: two complete nodes in
//! this process on `--chain bitcoind` against the mock bitcoind
//! (`tests/mock_bitcoind`), whose `estimatesmartfee` answer the test sets.
//! The funding transaction pays the estimate, the channel's first
//! commitments use it (the fundee takes the funder's rate), and the funder
//! moves the channel with `update_fee` when the estimate leaves the band
//! around the channel's feerate — not when it wobbles inside it.

#[allow(dead_code)]
mod mock_bitcoind;

use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bitcoin::{ScriptBuf, Txid};
use lnp_chain::EmbeddedChain;
use lnp_node::config::{BitcoindAuth, BitcoindConfig, ChainKind, Config, Password};
use lnp_node::daemon::{Daemon, Node};
use serde_json::json;

async fn until(what: &str, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// `estimatesmartfee` answers `sat_per_kw` (bitcoind speaks BTC per 1,000 vbytes).
fn estimate(mock: &mock_bitcoind::Mock, sat_per_kw: u64) {
    let btc_per_kvb = (sat_per_kw * 4) as f64 / 1e8;
    mock.state.lock().unwrap_or_else(|p| p.into_inner()).fee_reply = Some(json!({ "feerate": btc_per_kvb, "blocks": 6 }));
}

fn mine(mock: &mock_bitcoind::Mock, n: u32, script: &ScriptBuf) {
    mock.chain.lock().unwrap_or_else(|p| p.into_inner()).mine(n, script).expect("mine");
}

/// The feerate of `x`'s channel with `peer`, once `x` holds one.
async fn feerate(x: &Node, peer: &Node) -> Option<u32> {
    let peer = peer.node_id().to_string();
    x.list_channels().await.ok()?.into_iter().find(|c| c.peer == peer && c.status() == "active").map(|c| c.feerate_per_kw)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn funding_commitments_and_update_fee_follow_the_chains_estimate() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mock = mock_bitcoind::Mock::start(EmbeddedChain::new());
    estimate(&mock, 2_500);
    let auth = BitcoindAuth::UserPass { user: mock_bitcoind::USER.into(), pass: Password(mock_bitcoind::PASSWORD.into()) };
    let config = |name: &str| Config {
        chain: ChainKind::Bitcoind,
        bitcoind: Some(BitcoindConfig { url: mock.url.clone(), auth: auth.clone() }),
        ..Config::local(dir.path().join(name))
    };
    let (da, db) = (Daemon::start(config("a")).await.expect("a starts"), Daemon::start(config("b")).await.expect("b starts"));
    let (a, b): (Arc<Node>, Arc<Node>) = (da.node().clone(), db.node().clone());
    let burn = ScriptBuf::new_op_return([]);

    // A wallet on bitcoind starts at the tip it first sees.
    until("A's wallet follows the chain", async || a.wallet().scanned_height().is_ok_and(|h| h.is_some())).await;
    let (address, _) = a.new_address().expect("an address");
    mine(&mock, 1, &address.script_pubkey());
    mine(&mock, 100, &burn);
    until("A's coinbase is spendable", async || a.balance().await.is_ok_and(|x| x.confirmed_sat > 0)).await;
    a.connect(b.node_id(), b.listen_addr()).await.expect("connect");
    let deadline = Instant::now() + Duration::from_secs(30);
    let opened = loop {
        match a.open_channel(b.node_id(), 500_000, 0).await {
            Ok(opened) => break opened,
            Err(e) if e.to_string().contains("not connected") && Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(20)).await,
            Err(e) => panic!("open: {e}"),
        }
    };

    // The funding pays 2,500 sat/kw = 10 sat/vB.
    let funding = Txid::from_str(&opened.funding_txid).expect("a txid");
    let (fee, vsize) = {
        let chain = mock.chain.lock().unwrap_or_else(|p| p.into_inner());
        let entry = chain.mempool().into_iter().find(|e| e.txid == funding).cloned().expect("the funding is in the mempool");
        (entry.fee.to_sat(), entry.tx.vsize() as u64)
    };
    assert!(fee >= 10 * vsize && fee < 11 * vsize, "the funding pays {fee} sat for {vsize} vbytes");

    mine(&mock, 3, &burn);
    until("both sides hold the channel at the funder's 2,500 sat/kw", async || feerate(&a, &b).await == Some(2_500) && feerate(&b, &a).await == Some(2_500)).await;

    // The estimate quadruples: A proposes it at the next block.
    estimate(&mock, 10_000);
    mine(&mock, 1, &burn);
    until("both sides moved to 10,000 sat/kw", async || feerate(&a, &b).await == Some(10_000) && feerate(&b, &a).await == Some(10_000)).await;

    // A wobble of 10 % is left alone...
    estimate(&mock, 11_000);
    mine(&mock, 1, &burn);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!((feerate(&a, &b).await, feerate(&b, &a).await), (Some(10_000), Some(10_000)));

    // ... a fall below half is followed.
    estimate(&mock, 4_000);
    mine(&mock, 1, &burn);
    until("both sides moved down to 4,000 sat/kw", async || feerate(&a, &b).await == Some(4_000) && feerate(&b, &a).await == Some(4_000)).await;

    // Only the funder proposes a feerate (BOLT 2).
    let refused = b.set_feerate(opened.channel_id.clone(), 3_000).await.expect_err("the fundee's setfeerate");
    assert!(refused.to_string().contains("only the channel's funder"), "{refused}");

    // The channel still pays at the new rate.
    let invoice = b.create_invoice(Some(10_000_000), "after the fee moves".into(), Some(600)).expect("invoice");
    a.pay(&invoice.bolt11).await.expect("a payment at 4,000 sat/kw");
    let _ = da.shutdown().await;
    let _ = db.shutdown().await;
}
