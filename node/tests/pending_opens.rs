//! A peer cannot make us keep any number of channels that are still being
//! opened: two complete nodes in this process (one embedded chain, loopback
//! TCP with BOLT 8); A opens channels to B without any block confirming
//! them. B takes `MAX_PENDING_OPENS_PER_PEER` of them and refuses the next
//! with a BOLT 1 `error`, which A's open reports; once a block locks the
//! pending ones in, B takes new ones again. Also: opens the node refuses
//! before the peer hears of them, with the reason.

#[allow(dead_code)]
mod two_nodes;


use lnp_node::channels::host::MAX_PENDING_OPENS_PER_PEER;
use lnp_node::daemon::Node;
use two_nodes::{burn, until, TwoNodes};

const CAPACITY_SAT: u64 = 100_000;

async fn count(x: &Node, status: &str) -> usize {
    x.list_channels().await.map(|cs| cs.iter().filter(|c| c.status() == status).count()).unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_opening_too_many_channels_at_once_is_refused_until_they_lock_in() {
    let n = MAX_PENDING_OPENS_PER_PEER;
    let w = TwoNodes::start(n as u32 + 2).await;
    let (a, b) = (w.a.clone(), w.b.clone());

    for k in 0..n {
        w.open(CAPACITY_SAT, 0).await.unwrap_or_else(|e| panic!("open {k}: {e}"));
    }
    until("B holds every pending open", async || count(&b, "pending").await == n).await;
    let refused = a.open_channel(b.node_id(), CAPACITY_SAT, 0).await.expect_err("one open too many");
    assert!(refused.to_string().contains("too many channels being opened"), "{refused}");
    assert_eq!(count(&b, "pending").await, n, "B kept nothing of the refused open");
    let b_id = b.node_id().to_string();
    assert!(a.peers().list().iter().any(|p| p.node_id == b_id && p.ready), "the peer stays connected: only the open is refused");

    // A block locks them in: B takes opens again.
    w.chain.mine(3, burn()).await.expect("mine");
    until("the pending channels are active", async || count(&b, "active").await == n).await;
    a.open_channel(b.node_id(), CAPACITY_SAT, 0).await.expect("an open once the others are locked in");
    drop((a, b));
    w.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_the_node_cannot_make_is_refused_with_its_reason_and_leaves_no_channel() {
    let w = TwoNodes::start(1).await;
    let (a, b) = (w.a.clone(), w.b.clone());
    until("the host knows the peer", async || a.open_channel(b.node_id(), 16_777_216, 0).await.is_err_and(|e| !e.to_string().contains("not connected"))).await;
    let large = a.open_channel(b.node_id(), 16_777_216, 0).await.expect_err("2^24 sat");
    assert!(large.to_string().contains("option_support_large_channel"), "{large}");
    let pushed = a.open_channel(b.node_id(), 100_000, 100_000_001).await.expect_err("push above the channel");
    assert!(pushed.to_string().contains("is more than the channel"), "{pushed}");
    assert!(a.list_channels().await.expect("channels").is_empty(), "no channel is left behind");
    a.open_channel(b.node_id(), 16_777_215, 0).await.expect("the largest channel without option_support_large_channel");
    drop((a, b));
    w.shutdown().await;
}
