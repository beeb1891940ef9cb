//! Durable payments per second over one channel (issue 5's bar): two
//! complete nodes (each its own sled stores, every machine step on disk
//! before its messages leave) on one embedded chain, talking over real
//! loopback TCP with BOLT 8, one channel between them; the payer pays the
//! payee's BOLT 11 invoices — first one at a time (each `pay` waits for the
//! settlement), then many in flight at once: 200 started together (the
//! burst this bench first measured), then N workers each paying a few
//! invoices in a row (invoice made, paid, settled, next), so about N
//! payments are in flight all the time.
//!
//! The baseline, measured in the same run on the same disk: one sled
//! insert plus flush, the cost a node paid per step before group commit.
//! Each mode also reports, from both hosts' counters, the flushes per
//! payment and the updates each `commitment_signed` signed on average.
//!
//! Both nodes run in this one process (not as two `lnpd` processes): the
//! daemons are the same code `lnpd` runs, started with a shared chain.
//!
//! Run: `cargo bench -p lnp-node --bench payments`.

use bitcoin::ScriptBuf;
use lnp_node::chain::backend::ChainBackend;
use lnp_node::channels::HostStats;
use lnp_node::config::Config;
use lnp_node::daemon::{Daemon, Node};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

const WARM_UP: usize = 5;
const SEQUENTIAL: usize = 50;
/// (workers, payments each makes in a row): about as many payments in
/// flight as workers. The peer accepts at most 483 HTLCs, those being
/// removed included: up to twice the workers.
const CONCURRENT: [(usize, usize); 3] = [(200, 1), (100, 3), (200, 3)];
/// Above the dust limit: every HTLC has its output and its signatures.
const AMOUNT_MSAT: u64 = 2_000_000;
const FLUSHES: usize = 500;

async fn until(what: &str, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn normal(x: &Node, y: &Node) -> bool {
    let peer = y.node_id().to_string();
    x.list_channels().await.ok().and_then(|cs| cs.into_iter().find(|c| c.peer == peer)).is_some_and(|c| c.status() == "active")
}

async fn quiet(x: &Node) -> bool {
    x.list_channels().await.ok().is_some_and(|cs| cs.iter().all(|c| c.pending_htlcs.is_empty()))
}

async fn pay(from: &Node, to: &Node, k: usize) {
    let invoice = to.create_invoice(Some(AMOUNT_MSAT), format!("bench {k}"), Some(3600)).unwrap_or_else(|e| panic!("invoice: {e}"));
    from.pay(&invoice.bolt11).await.unwrap_or_else(|e| panic!("payment {k}: {e}"));
}

async fn stats(x: &Node) -> HostStats {
    x.channels().stats().await.unwrap_or_else(|e| panic!("stats: {e}"))
}

/// The seconds one small sled write plus flush takes on the disk under `dir`.
fn flush_cost(dir: &Path) -> f64 {
    let db = sled::open(dir.join("flush-baseline")).unwrap_or_else(|e| panic!("baseline store: {e}"));
    let started = Instant::now();
    for k in 0..FLUSHES {
        db.insert((k as u64).to_be_bytes(), vec![7u8; 200]).unwrap_or_else(|e| panic!("insert: {e}"));
        db.flush().unwrap_or_else(|e| panic!("flush: {e}"));
    }
    started.elapsed().as_secs_f64() / FLUSHES as f64
}

/// The CPU time this process has used (user and system, all threads).
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields 14 and 15 (utime, stime, in clock ticks of 1/100 s) follow the
    // command name, which ends at the last ')'.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let ticks: u64 = rest.split_whitespace().skip(11).take(2).filter_map(|t| t.parse::<u64>().ok()).sum();
    Duration::from_millis(ticks * 10)
}

/// Wall and CPU time since `(wall, cpu)`.
fn since((wall, cpu): (Instant, Duration)) -> (Duration, Duration) {
    (wall.elapsed(), cpu_time().saturating_sub(cpu))
}

/// One mode's line: rate, and what the two hosts did for it.
struct Measured {
    label: String,
    payments: usize,
    elapsed: Duration,
    /// The process's CPU time (both nodes and the bench's own work).
    cpu: Duration,
    syncs: u64,
    updates: u64,
    commitments: u64,
    htlc_signatures: u64,
    most: u64,
}

impl Measured {
    fn new(label: String, payments: usize, (elapsed, cpu): (Duration, Duration), before: [HostStats; 2], after: [HostStats; 2]) -> Measured {
        let d = |f: fn(&HostStats) -> u64| (0..2).map(|i| f(&after[i]) - f(&before[i])).sum::<u64>();
        Measured {
            label,
            payments,
            elapsed,
            cpu,
            syncs: d(|s| s.syncs),
            updates: d(|s| s.updates_sent),
            commitments: d(|s| s.commitments_sent),
            htlc_signatures: d(|s| s.htlc_signatures_sent),
            most: after.iter().map(|s| s.most_updates_in_a_commitment).max().unwrap_or(0),
        }
    }

    fn print(&self, flush_s: f64) {
        let rate = self.payments as f64 / self.elapsed.as_secs_f64();
        let per_flush_time = 1.0 / (rate * flush_s);
        println!(
            "  {:<14} {:>4} payments in {:>5.2} s: {:>7.1} payments/s = one per {:>5.1} flush times; {:.2} ms CPU/payment; {:.2} flushes/payment, {:.1} updates/commitment_signed (most {}), {:.2} commitment_signed and {:.1} HTLC signatures/payment",
            self.label,
            self.payments,
            self.elapsed.as_secs_f64(),
            rate,
            per_flush_time,
            self.cpu.as_secs_f64() * 1e3 / self.payments as f64,
            self.syncs as f64 / self.payments as f64,
            self.updates as f64 / self.commitments.max(1) as f64,
            self.most,
            self.commitments as f64 / self.payments as f64,
            self.htlc_signatures as f64 / self.payments as f64,
        );
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let flush_s = flush_cost(dir.path());
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

    // The first payments on a new channel are slower (tens of ms): warm up,
    // once the payee's channel_ready has reached the payer too.
    let invoice = b.create_invoice(Some(AMOUNT_MSAT), "bench warm-up".into(), Some(3600)).unwrap_or_else(|e| panic!("invoice: {e}"));
    until("the first payment goes through", async || a.pay(&invoice.bolt11).await.is_ok()).await;
    for k in 1..WARM_UP {
        pay(&a, &b, k).await;
    }
    let mut lines = Vec::new();
    let before = [stats(&a).await, stats(&b).await];
    let started = (Instant::now(), cpu_time());
    for k in 0..SEQUENTIAL {
        pay(&a, &b, WARM_UP + k).await;
    }
    let elapsed = since(started);
    lines.push(Measured::new("one at a time".into(), SEQUENTIAL, elapsed, before, [stats(&a).await, stats(&b).await]));

    let mut paid = WARM_UP + SEQUENTIAL;
    for (n, per_worker) in CONCURRENT {
        until("the previous payments are settled", async || quiet(&a).await && quiet(&b).await).await;
        let before = [stats(&a).await, stats(&b).await];
        let started = (Instant::now(), cpu_time());
        let mut tasks = Vec::new();
        for k in 0..n {
            let (a, b) = (a.clone(), b.clone());
            tasks.push(tokio::spawn(async move {
                for j in 0..per_worker {
                    pay(&a, &b, paid + k * per_worker + j).await;
                }
            }));
        }
        for t in tasks {
            t.await.unwrap_or_else(|e| panic!("a payment task: {e}"));
        }
        let elapsed = since(started);
        paid += n * per_worker;
        let label = if per_worker == 1 { format!("{n} at once") } else { format!("{n} in flight") };
        lines.push(Measured::new(label, n * per_worker, elapsed, before, [stats(&a).await, stats(&b).await]));
    }

    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("== payments (load average: {}) ==", load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    println!("  baseline: one sled write + flush on this disk takes {:.3} ms ({:.0} flushes/s)", flush_s * 1e3, 1.0 / flush_s);
    for line in &lines {
        line.print(flush_s);
    }
    println!("  target: ≥ 1,000 payments/s with many in flight");
    for d in daemons {
        let _ = d.shutdown().await;
    }
}
