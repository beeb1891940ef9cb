//! Durable payments per second over one channel (issue 5's bar): two
//! complete nodes (each its own sled store, every machine step stored and
//! flushed before its messages leave) on one embedded chain, talking over
//! real loopback TCP with BOLT 8, one channel between them; the payer pays
//! the payee's BOLT 11 invoices — first one at a time (each `pay` waits for
//! the settlement), then many in flight at once.
//!
//! Both nodes run in this one process (not as two `lnpd` processes): the
//! daemons are the same code `lnpd` runs, started with a shared chain.
//!
//! Run: `cargo bench -p lnp-node --bench payments`.

use bitcoin::ScriptBuf;
use lnp_node::chain::backend::ChainBackend;
use lnp_node::config::Config;
use lnp_node::daemon::{Daemon, Node};
use std::sync::Arc;
use std::time::{Duration, Instant};

const SEQUENTIAL: usize = 50;
const CONCURRENT: usize = 200;
const AMOUNT_MSAT: u64 = 10_000_000;

async fn until(what: &str, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn normal(x: &Node, y: &Node) -> bool {
    let peer = y.node_id().to_string();
    x.list_channels().await.ok().and_then(|cs| cs.into_iter().find(|c| c.peer == peer)).is_some_and(|c| c.state == "Normal" && c.connected)
}

async fn pay(from: &Node, to: &Node, k: usize) {
    let invoice = to.create_invoice(Some(AMOUNT_MSAT), format!("bench {k}"), Some(3600)).unwrap_or_else(|e| panic!("invoice: {e}"));
    from.pay(&invoice.bolt11).await.unwrap_or_else(|e| panic!("payment {k}: {e}"));
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let chain_db = sled::open(dir.path().join("chain")).unwrap_or_else(|e| panic!("chain store: {e}"));
    let chain = ChainBackend::embedded(&chain_db).unwrap_or_else(|e| panic!("chain: {e}"));
    let mut daemons = Vec::new();
    for name in ["payer", "payee"] {
        let config = Config::local(dir.path().join(name));
        daemons.push(Daemon::start_with_chain(config, Some(chain.clone())).await.unwrap_or_else(|e| panic!("{name}: {e}")));
    }
    let (a, b): (Arc<Node>, Arc<Node>) = (daemons[0].node().clone(), daemons[1].node().clone());
    a.mine(1, None).await.unwrap_or_else(|e| panic!("mine: {e}"));
    let burn = ScriptBuf::new_op_return([]);
    chain.mine(100, burn.clone()).await.unwrap_or_else(|e| panic!("mine: {e}"));
    until("the payer's coins are spendable", async || a.balance().await.is_ok_and(|b| b.confirmed_sat > 0)).await;
    a.connect(b.node_id(), b.listen_addr()).await.unwrap_or_else(|e| panic!("connect: {e}"));
    a.open_channel(b.node_id(), 16_000_000, 0).await.unwrap_or_else(|e| panic!("open: {e}"));
    chain.mine(3, burn).await.unwrap_or_else(|e| panic!("mine: {e}"));
    until("the channel is open on both sides", async || normal(&a, &b).await && normal(&b, &a).await).await;

    let started = Instant::now();
    for k in 0..SEQUENTIAL {
        pay(&a, &b, k).await;
    }
    let sequential = started.elapsed();

    let started = Instant::now();
    let mut tasks = Vec::new();
    for k in 0..CONCURRENT {
        let (a, b) = (a.clone(), b.clone());
        tasks.push(tokio::spawn(async move { pay(&a, &b, SEQUENTIAL + k).await }));
    }
    for t in tasks {
        t.await.unwrap_or_else(|e| panic!("a payment task: {e}"));
    }
    let concurrent = started.elapsed();

    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("== payments (load average: {}) ==", load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    println!("  one at a time       {SEQUENTIAL} payments in {:.2} s: {:.1} payments/s", sequential.as_secs_f64(), SEQUENTIAL as f64 / sequential.as_secs_f64());
    println!("  {CONCURRENT} in flight      {CONCURRENT} payments in {:.2} s: {:.1} payments/s (target ≥ 1,000/s)", concurrent.as_secs_f64(), CONCURRENT as f64 / concurrent.as_secs_f64());
    for d in daemons {
        let _ = d.shutdown().await;
    }
}
