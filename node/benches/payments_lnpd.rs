//! Durable payments per second between two real `lnpd` processes on
//! loopback (issue 5's bar, in the exact setup it names): a payer and a
//! payee, each the built `lnpd` binary in its own process with its own sled
//! stores (every machine step on disk before its messages leave), one
//! channel between them over BOLT 8 on 127.0.0.1. Each payment is what an
//! operator's script does: `invoice` on the payee's JSON-RPC, then `pay` on
//! the payer's, which returns once the payment is settled.
//!
//! Two processes cannot share an in-process embedded chain, so both run
//! `--chain bitcoind` against the mock bitcoind of the tests
//! (`tests/mock_bitcoind`: one embedded chain, Bitcoin Core's consensus
//! checks, Core's JSON-RPC reply shapes); the bench mines on it.
//!
//! Modes: one payment at a time, then N workers each paying invoices in a
//! row, so about N payments are in flight all the time. The workers talk
//! to the daemons as a payment service would, through
//! [`PooledClient`] (HTTP/1.1 connections kept open); the last mode is
//! repeated with `lnp-cli`'s [`Client`], which connects anew for every call
//! (that costs both sides a TCP handshake and teardown per call). Each mode
//! gives the rate, the CPU time each `lnpd` process spent per payment (from
//! `/proc/PID/stat`) and the bench's own (the RPC clients and the mock
//! bitcoind), and the latency of each call: median, 99th percentile and
//! maximum. The baseline, measured in the same run: `getinfo` round trips
//! per second on the payer's RPC (pooled client, one call at a time), the
//! cost of an RPC call without any channel work.
//!
//! `node/benches/payments.rs` measures the same with both nodes in one
//! process and no RPC.
//!
//! Run: `cargo bench -p lnp-node --bench payments_lnpd`.

#[allow(dead_code)]
#[path = "../tests/mock_bitcoind/mod.rs"]
mod mock_bitcoind;
#[allow(dead_code)]
#[path = "../tests/lnpd_process/mod.rs"]
mod lnpd_process;

use std::path::Path;
use std::time::{Duration, Instant};

use bitcoin::ScriptBuf;
use lnp_chain::EmbeddedChain;
use lnp_node::channels::ChannelSummary;
use lnp_node::rpc::client::{Client, PooledClient};
use lnpd_process::Lnpd;
use serde_json::{json, Value};

const WARM_UP: usize = 5;
const SEQUENTIAL: usize = 50;
/// (workers, payments each makes in a row): about as many payments in
/// flight as workers. The peer accepts at most 483 HTLCs, those being
/// removed included: up to twice the workers.
/// Each with the pooled client, then the last with `lnp-cli`'s.
const CONCURRENT: [(usize, usize); 2] = [(100, 10), (200, 5)];
/// Above the dust limit: every HTLC has its output and its signatures.
const AMOUNT_MSAT: u64 = 2_000_000;
const CHANNEL_SAT: u64 = 16_000_000;
const GETINFO_CALLS: usize = 500;

async fn until(what: &str, limit: Duration, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// How the bench talks to a daemon.
#[derive(Clone)]
enum Rpc {
    /// `lnp-cli`'s blocking client, one connection per call (run off the
    /// runtime's workers).
    PerCall(Client),
    /// The async client that keeps its connections open.
    Pooled(PooledClient),
}

impl Rpc {
    fn name(&self) -> &'static str {
        match self {
            Rpc::PerCall(_) => "a connection per call",
            Rpc::Pooled(_) => "pooled connections",
        }
    }
}

/// A JSON-RPC call.
async fn call(client: &Rpc, method: &'static str, params: Value) -> Result<Value, String> {
    match client {
        Rpc::PerCall(client) => {
            let client = client.clone();
            tokio::task::spawn_blocking(move || client.call(method, params).map_err(|e| format!("{method}: {e}")))
                .await
                .unwrap_or_else(|e| panic!("the RPC task: {e}"))
        }
        Rpc::Pooled(client) => client.call(method, params).await.map_err(|e| format!("{method}: {e}")),
    }
}

async fn must(client: &Rpc, method: &'static str, params: Value) -> Value {
    call(client, method, params).await.unwrap_or_else(|e| panic!("{e}"))
}

/// `client`'s node's channels, as `listchannels` gives them.
async fn channels(client: &Rpc) -> Option<Vec<ChannelSummary>> {
    let v = call(client, "listchannels", json!({})).await.ok()?;
    serde_json::from_value(v["channels"].clone()).ok()
}

/// Whether `client`'s node has an active channel with `peer`.
async fn active(client: &Rpc, peer: &str) -> bool {
    channels(client).await.is_some_and(|cs| cs.iter().any(|c| c.peer == peer && c.status() == "active"))
}

/// Whether no HTLC is pending on any of `client`'s channels.
async fn quiet(client: &Rpc) -> bool {
    channels(client).await.is_some_and(|cs| cs.iter().all(|c| c.pending_htlcs.is_empty()))
}

/// One payment as an operator makes it: `invoice` on the payee, then `pay`
/// on the payer, which returns when it is settled; how long each call took.
async fn pay(payer: &Rpc, payee: &Rpc, k: usize) -> Result<[Duration; 2], String> {
    let started = Instant::now();
    let invoice = call(payee, "invoice", json!({ "amount_msat": AMOUNT_MSAT, "description": format!("bench {k}"), "expiry": 3600 })).await?;
    let invoiced = started.elapsed();
    let bolt11 = invoice["bolt11"].as_str().ok_or_else(|| format!("invoice without bolt11: {invoice}"))?.to_string();
    call(payer, "pay", json!({ "invoice": bolt11 })).await?;
    Ok([invoiced, started.elapsed() - invoiced])
}

/// Median, 99th percentile and maximum of `samples`, in ms.
fn percentiles(samples: &mut [Duration]) -> String {
    samples.sort();
    let at = |q: f64| samples.get(((samples.len() as f64 - 1.0) * q).round() as usize).map_or(0.0, |d| d.as_secs_f64() * 1e3);
    format!("{:.1}/{:.1}/{:.1}", at(0.5), at(0.99), at(1.0))
}

/// The CPU time (user and system, all threads) of process `pid`.
fn cpu_of(pid: &str) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields 14 and 15 (utime, stime, in clock ticks) follow the command
    // name, which ends at the last ')'.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let ticks: u64 = rest.split_whitespace().skip(11).take(2).filter_map(|t| t.parse::<u64>().ok()).sum();
    // SAFETY: sysconf only reads a configuration value.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Duration::from_micros(ticks * 1_000_000 / per_second)
}

/// CPU of the payer, the payee and this process.
fn cpus(payer: &Lnpd, payee: &Lnpd) -> [Duration; 3] {
    [cpu_of(&payer.child.id().to_string()), cpu_of(&payee.child.id().to_string()), cpu_of("self")]
}

struct Measured {
    label: String,
    payments: usize,
    elapsed: Duration,
    cpu: [Duration; 3],
    /// Per payment: the `invoice` call, the `pay` call.
    latencies: Vec<[Duration; 2]>,
}

impl Measured {
    fn print(&self, getinfo_per_s: f64) {
        let rate = self.payments as f64 / self.elapsed.as_secs_f64();
        let ms = |d: Duration| d.as_secs_f64() * 1e3 / self.payments as f64;
        println!(
            "  {}:\n    {} payments in {:.2} s: {:.1} payments/s ({:.3} of the getinfo baseline); CPU/payment: payer lnpd {:.2} ms, payee lnpd {:.2} ms, bench {:.2} ms",
            self.label,
            self.payments,
            self.elapsed.as_secs_f64(),
            rate,
            rate / getinfo_per_s,
            ms(self.cpu[0]),
            ms(self.cpu[1]),
            ms(self.cpu[2]),
        );
        let mut invoice: Vec<Duration> = self.latencies.iter().map(|l| l[0]).collect();
        let mut pay: Vec<Duration> = self.latencies.iter().map(|l| l[1]).collect();
        println!("    latency median/p99/max: invoice {} ms, pay {} ms", percentiles(&mut invoice), percentiles(&mut pay));
    }
}

fn lnpd(mock: &mock_bitcoind::Mock, datadir: &Path, name: &str) -> Lnpd {
    let args = [
        "--network", "regtest", "--listen", "127.0.0.1:0", "--rpc-listen", "127.0.0.1:0", "--chain", "bitcoind", "--bitcoind-url", &mock.url,
        "--bitcoind-user", mock_bitcoind::USER, "--bitcoind-pass", mock_bitcoind::PASSWORD,
    ];
    Lnpd::spawn(datadir, name, &args)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let mock = mock_bitcoind::Mock::start(EmbeddedChain::new());
    let mine = |n: u32, script: &ScriptBuf| {
        mock.chain.lock().unwrap_or_else(|p| p.into_inner()).mine(n, script).unwrap_or_else(|e| panic!("mine: {e}"));
        mock.clear_calls();
    };
    let burn = ScriptBuf::new_op_return([]);
    let payer_lnpd = lnpd(&mock, &dir.path().join("payer"), "payer");
    let payee_lnpd = lnpd(&mock, &dir.path().join("payee"), "payee");
    let (payer, payee) = (Rpc::PerCall(payer_lnpd.client()), Rpc::PerCall(payee_lnpd.client()));
    let pooled = |l: &Lnpd| Rpc::Pooled(PooledClient::from_datadir(&l.datadir, None).unwrap_or_else(|e| panic!("a pooled client: {e}")));
    let (pooled_payer, pooled_payee) = (pooled(&payer_lnpd), pooled(&payee_lnpd));

    let payee_info = must(&payee, "getinfo", json!({})).await;
    let payer_info = must(&payer, "getinfo", json!({})).await;
    let payee_id = payee_info["node_id"].as_str().unwrap_or_else(|| panic!("getinfo: {payee_info}")).to_string();
    let payer_id = payer_info["node_id"].as_str().unwrap_or_else(|| panic!("getinfo: {payer_info}")).to_string();
    let payee_listen = payee_info["listen"][0].as_str().unwrap_or_else(|| panic!("getinfo: {payee_info}")).to_string();

    // The payer's wallet on bitcoind starts at the tip it first sees: wait
    // for that, then mine its coinbase and mature it.
    until("the payer's wallet follows the chain", Duration::from_secs(30), async || {
        call(&payer, "balance", json!({})).await.is_ok()
    })
    .await;
    let address = must(&payer, "newaddress", json!({})).await;
    let address: bitcoin::Address<bitcoin::address::NetworkUnchecked> =
        address["address"].as_str().and_then(|a| a.parse().ok()).unwrap_or_else(|| panic!("newaddress: {address}"));
    mine(1, &address.assume_checked().script_pubkey());
    mine(100, &burn);
    until("the payer's coinbase is spendable", Duration::from_secs(60), async || {
        call(&payer, "balance", json!({})).await.ok().and_then(|b| b["confirmed_sat"].as_u64()).is_some_and(|s| s > CHANNEL_SAT)
    })
    .await;
    must(&payer, "connect", json!({ "id": format!("{payee_id}@{payee_listen}") })).await;
    must(&payer, "openchannel", json!({ "node_id": payee_id, "amount_sat": CHANNEL_SAT })).await;
    mine(3, &burn);
    until("the channel is active on both sides", Duration::from_secs(60), async || {
        active(&payer, &payee_id).await && active(&payee, &payer_id).await
    })
    .await;

    // The baseline: RPC round trips with no channel work behind them.
    let started = Instant::now();
    for _ in 0..GETINFO_CALLS {
        must(&pooled_payer, "getinfo", json!({})).await;
    }
    let getinfo_per_s = GETINFO_CALLS as f64 / started.elapsed().as_secs_f64();

    until("the first payment goes through", Duration::from_secs(30), async || pay(&payer, &payee, 0).await.is_ok()).await;
    for k in 1..WARM_UP {
        pay(&payer, &payee, k).await.unwrap_or_else(|e| panic!("warm-up payment {k}: {e}"));
    }

    let mut lines = Vec::new();
    let (wall, cpu) = (Instant::now(), cpus(&payer_lnpd, &payee_lnpd));
    let mut latencies = Vec::new();
    for k in 0..SEQUENTIAL {
        latencies.push(pay(&payer, &payee, WARM_UP + k).await.unwrap_or_else(|e| panic!("payment {k}: {e}")));
    }
    let after = cpus(&payer_lnpd, &payee_lnpd);
    lines.push(Measured {
        label: format!("one at a time, {}", payer.name()),
        payments: SEQUENTIAL,
        elapsed: wall.elapsed(),
        cpu: [0, 1, 2].map(|i| after[i].saturating_sub(cpu[i])),
        latencies,
    });

    let mut paid = WARM_UP + SEQUENTIAL;
    let modes = CONCURRENT.iter().map(|&(n, k)| (n, k, (&pooled_payer, &pooled_payee))).chain(CONCURRENT.last().map(|&(n, k)| (n, k, (&payer, &payee))));
    for (n, per_worker, (payer, payee)) in modes {
        until("the previous payments are settled", Duration::from_secs(60), async || quiet(payer).await && quiet(payee).await).await;
        let (wall, cpu) = (Instant::now(), cpus(&payer_lnpd, &payee_lnpd));
        let mut tasks = Vec::new();
        for k in 0..n {
            let (payer, payee) = (payer.clone(), payee.clone());
            tasks.push(tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(per_worker);
                for j in 0..per_worker {
                    let id = paid + k * per_worker + j;
                    latencies.push(pay(&payer, &payee, id).await.unwrap_or_else(|e| panic!("payment {id}: {e}")));
                }
                latencies
            }));
        }
        let mut latencies = Vec::new();
        for t in tasks {
            latencies.extend(t.await.unwrap_or_else(|e| panic!("a payment task: {e}")));
        }
        let elapsed = wall.elapsed();
        let after = cpus(&payer_lnpd, &payee_lnpd);
        paid += n * per_worker;
        lines.push(Measured {
            label: format!("{n} in flight, {}", payer.name()),
            payments: n * per_worker,
            elapsed,
            cpu: [0, 1, 2].map(|i| after[i].saturating_sub(cpu[i])),
            latencies,
        });
    }

    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("== payments between two lnpd processes (load average: {}) ==", load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    println!("  baseline: {getinfo_per_s:.0} getinfo round trips/s on the payer's RPC, one at a time (a payment makes two RPC calls)");
    for line in &lines {
        line.print(getinfo_per_s);
    }
    println!("  target: ≥ 1,000 payments/s with many in flight");
    for (client, name) in [(&payer, "payer"), (&payee, "payee")] {
        if let Err(e) = call(client, "stop", json!({})).await {
            eprintln!("stopping the {name}: {e}");
        }
    }
}
