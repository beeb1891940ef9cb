//! The daemon's wallet follows reorgs: `lnpd` in process on `--chain
//! bitcoind` against the mock bitcoind (tests/mock_bitcoind: an embedded
//! chain, with its reorgs, in Core's reply shapes), its channel host's tick
//! undoing the blocks the chain dropped and scanning the new ones; then a
//! restart across a reorg that happened while it was down.

#[allow(dead_code)]
mod mock_bitcoind;

use std::time::{Duration, Instant};

use bitcoin::{Amount, ScriptBuf};
use lnp_chain::testkit::TestWallet;
use lnp_chain::{BlockSpec, EmbeddedChain};
use lnp_node::config::{BitcoindAuth, BitcoindConfig, ChainKind, Config, Password};
use lnp_node::daemon::{Daemon, Node};
use lnp_node::wallet::Balance;
use mock_bitcoind::Mock;

async fn eventually(what: &str, node: &Node, mock: &Mock, check: impl Fn(&Balance, Option<u32>, u32) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let balance = node.balance().await.expect("balance");
        let scanned = node.wallet().scanned_height().expect("scanned height");
        let tip = mock.chain.lock().expect("chain").height();
        if check(&balance, scanned, tip) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting until {what}: {balance:?}, scanned {scanned:?}, tip {tip}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Empty blocks of a miner the original chain does not use (so other hashes).
fn branch(n: usize) -> Vec<BlockSpec> {
    (0..n).map(|_| BlockSpec::new(ScriptBuf::new_op_return([7])).without_mempool()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_daemons_wallet_follows_reorgs_and_so_does_a_restarted_one() {
    let payer = TestWallet::from_seed(31);
    let mut chain = EmbeddedChain::new();
    payer.fund(&mut chain, 3).expect("mine");
    let mock = Mock::start(chain);
    let dir = tempfile::tempdir().expect("tempdir");
    let config = Config {
        chain: ChainKind::Bitcoind,
        bitcoind: Some(BitcoindConfig { url: mock.url.clone(), auth: BitcoindAuth::UserPass { user: mock_bitcoind::USER.into(), pass: Password(mock_bitcoind::PASSWORD.into()) } }),
        ..Config::local(dir.path().join("lnp"))
    };
    let daemon = Daemon::start(config.clone()).await.expect("lnpd starts");
    let node = daemon.node().clone();
    let ours = node.new_address().expect("address").0.script_pubkey();
    eventually("the new wallet starts at the tip", &node, &mock, |_, scanned, tip| scanned == Some(tip)).await;

    // A payment to the wallet confirms.
    {
        let mut chain = mock.chain.lock().expect("chain");
        let pay = payer.pay_to(&chain, ours.clone(), Amount::from_sat(1_000_000), Amount::from_sat(1_000)).expect("pays");
        chain.submit(pay).expect("submit");
        chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
    }
    eventually("the payment is seen", &node, &mock, |b, _, _| b.confirmed_sat == 1_000_000).await;

    // Its block is replaced by two without it: the payment goes back to the mempool.
    mock.chain.lock().expect("chain").reorg(1, branch(2)).expect("reorg");
    eventually("the reorged-out coin is gone", &node, &mock, |b, scanned, tip| scanned == Some(tip) && b.total_sat() == 0).await;

    // The next block confirms it again.
    mock.chain.lock().expect("chain").mine(1, &ScriptBuf::new_op_return([])).expect("mine");
    eventually("the coin is back", &node, &mock, |b, scanned, tip| scanned == Some(tip) && b.confirmed_sat == 1_000_000).await;

    // Down while its block is replaced again; a restart undoes it.
    drop(node);
    daemon.shutdown().await.expect("stops");
    mock.chain.lock().expect("chain").reorg(1, branch(3)).expect("reorg");
    let daemon = Daemon::start(config).await.expect("lnpd restarts");
    let node = daemon.node().clone();
    eventually("the restarted wallet undoes the block", &node, &mock, |b, scanned, tip| scanned == Some(tip) && b.total_sat() == 0).await;
    drop(node);
    daemon.shutdown().await.expect("stops");
}
