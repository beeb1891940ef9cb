//! What a node broadcast is not lost when the chain's mempool forgets it
//! (a bitcoind restarted without its `mempool.dat`, say): two complete
//! nodes in this process on one embedded chain, whose mempool the test
//! clears. The funder hands its unconfirmed funding transaction to the
//! chain again at the next block; a force-closing node hands its commitment
//! again, also after a restart of its own (the broadcast is kept in the
//! store), until the commitment confirms. And a funding that never
//! confirms: after 2016 blocks the fundee forgets the channel (BOLT 2).

#[allow(dead_code)]
mod two_nodes;

use std::str::FromStr;
use std::time::Duration;

use bitcoin::Txid;
use lnp_node::chain::backend::ChainBackend;
use lnp_node::daemon::Node;
use two_nodes::{burn, until, TwoNodes};

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
    let mut w = TwoNodes::start(1).await;
    let (a, b, chain) = (w.a.clone(), w.b.clone(), w.chain.clone());
    let opened = w.open(500_000, 0).await.expect("A opens to B");
    let funding = Txid::from_str(&opened.funding_txid).expect("a txid");

    // The chain forgets the funding; the next block (empty) makes A hand
    // it over again, and the one after confirms it.
    assert_eq!(with_chain(&chain, |c| c.clear_mempool()), vec![funding]);
    chain.mine(1, burn()).await.expect("mine");
    until("A handed its funding to the chain again", async || in_mempool(&chain, funding)).await;
    chain.mine(3, burn()).await.expect("mine");
    until("the channel is active on both sides", async || status_with(&a, &b).await == "active" && status_with(&b, &a).await == "active").await;

    // A force-closes; the chain forgets the commitment, and A restarts
    // (its broadcast is in its store): A hands it over again.
    let closing = a.close_channel(opened.channel_id.clone(), true).await.expect("force close");
    let commitment = Txid::from_str(&closing.txid).expect("a txid");
    assert!(in_mempool(&chain, commitment), "the commitment was broadcast");
    assert_eq!(with_chain(&chain, |c| c.clear_mempool()), vec![commitment]);
    drop(a);
    w = w.restart_a().await;
    let a = w.a.clone();
    until("A handed its commitment to the chain again", async || in_mempool(&chain, commitment)).await;
    chain.mine(1, burn()).await.expect("mine");
    assert_eq!(with_chain(&chain, |c| c.chain().confirmations(&commitment)), Some(1));
    until("B saw A's commitment", async || status_with(&b, &a).await != "active").await;

    // Once confirmed, it is not handed over again when the mempool is
    // cleared: nothing of A's waits there.
    chain.mine(1, burn()).await.expect("mine");
    with_chain(&chain, |c| c.clear_mempool());
    chain.mine(1, burn()).await.expect("mine");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!in_mempool(&chain, commitment));
    drop((a, b));
    w.shutdown().await;
}

/// BOLT 2: a fundee forgets a channel whose funding transaction it has not
/// seen 2016 blocks after signing; the funder keeps it (its coins).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fundee_forgets_a_channel_whose_funding_never_confirms() {
    let w = TwoNodes::start(1).await;
    let (a, b, chain) = (w.a.clone(), w.b.clone(), w.chain.clone());
    let opened = w.open(500_000, 0).await.expect("A opens to B");
    let funding = Txid::from_str(&opened.funding_txid).expect("a txid");
    assert!(in_mempool(&chain, funding), "A broadcast its funding");
    let state_at = async |x: &Node, peer: &Node| {
        let peer = peer.node_id().to_string();
        x.list_channels().await.ok().and_then(|cs| cs.into_iter().find(|c| c.peer == peer)).map(|c| c.state).unwrap_or_default()
    };
    assert_eq!(state_at(&b, &a).await, "AwaitLocked");

    // The chain never gets the funding (A hands it over again at each new
    // tip; each time it is cleared with the blocks mined at once): 2015
    // empty blocks, B still waits.
    let empty_blocks = |n: u32| {
        with_chain(&chain, |c| {
            c.clear_mempool();
            c.mine(n, &burn())
        })
        .expect("mine")
    };
    empty_blocks(2015);
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(state_at(&b, &a).await, "AwaitLocked");
    empty_blocks(1);
    until("B forgot the channel", async || state_at(&b, &a).await == "Closed").await;
    assert_eq!(state_at(&a, &b).await, "AwaitLocked", "the funder keeps its channel");
    drop((a, b));
    w.shutdown().await;
}
