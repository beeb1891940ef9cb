//! Resident memory per open channel inside a real `lnpd` (issue 5's bar:
//! at most 8 KiB per idle channel).
//!
//! The measured node is the built `lnpd` binary in its own process, the
//! fundee of every channel; the opener is a complete node in this process
//! (the same daemon code, `Daemon::start`), whose one wallet funds every
//! channel. Two processes cannot share an in-process embedded chain, so
//! both run `--chain bitcoind` against the mock bitcoind of the tests
//! (`tests/mock_bitcoind`: one embedded chain, Bitcoin Core's consensus
//! checks on every transaction, Core's JSON-RPC reply shapes); the bench
//! mines on it as a miner would.
//!
//! `lnpd`'s resident set is read after startup with no channel, then with
//! 100, then with 1,000 channels open (`Normal` on both sides, connected)
//! and idle, and last after a restart of the node with its 1,000 channels
//! (reopened from the store and reestablished, none opened since): `VmRSS` of `/proc/PID/status` (everything resident, the
//! binary's code included: code first run when channels open counts too),
//! `RssAnon` (anonymous memory: heap, stacks) and `Private_Dirty` of
//! `/proc/PID/smaps_rollup` (the pages only this process wrote). Each
//! reading is taken after the node has been quiet for a while and is the
//! largest of a few samples a second apart. The figures are
//! (RSS_N − RSS_0) / N, which carries the one-off costs of the first
//! channels (the peer's connection, the channel store's write buffers,
//! code pages), and the slope between 100 and 1,000: what one more idle
//! channel costs.
//!
//! The opener's wallet gets one mature coinbase per channel (a funding
//! spends the largest confirmed coin and its change stays unconfirmed
//! until the next block), so the opens run back to back, a few in flight,
//! in waves of the most channels a peer may have being opened to the node
//! at once (`MAX_PENDING_OPENS_PER_PEER`), each wave locked in by blocks
//! before the next.
//!
//! Run: `cargo bench -p lnp-node --bench channel_rss` (set `CHANNEL_RSS_N`
//! to change the 1,000, and `CHANNEL_RSS_HOLD=SECS` to keep the node up,
//! idle, that long after the last reading, to profile it;
//! `CHANNEL_RSS_HOLD_OPENED=SECS` does the same right after the channels
//! are opened, before the restart).

#[allow(dead_code)]
#[path = "../tests/mock_bitcoind/mod.rs"]
mod mock_bitcoind;
#[allow(dead_code)]
#[path = "../tests/lnpd_process/mod.rs"]
mod lnpd_process;

use std::net::SocketAddr;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bitcoin::secp256k1::PublicKey;
use bitcoin::ScriptBuf;
use lnp_chain::EmbeddedChain;
use lnp_node::config::{BitcoindAuth, BitcoindConfig, ChainKind, Config, Password};
use lnp_node::channels::host::MAX_PENDING_OPENS_PER_PEER;
use lnp_node::daemon::{Daemon, Node};
use lnp_node::rpc::client::Client;
use lnpd_process::Lnpd;
use serde_json::{json, Value};

/// The channels' size: a small channel, above the reserves of both sides.
const CHANNEL_SAT: u64 = 200_000;
/// Opens in flight at once.
const IN_FLIGHT: usize = 8;
/// How long the node is left alone before its memory is read.
const SETTLE: Duration = Duration::from_secs(5);

/// `lnpd`'s memory at one moment, in bytes.
#[derive(Debug, Clone, Copy, Default)]
struct Memory {
    rss: u64,
    anon: u64,
    private_dirty: u64,
}

/// A `kB` field of a `/proc` file, in bytes.
fn proc_field(text: &str, name: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with(name) && l[name.len()..].starts_with(':'))?;
    let kb: u64 = line[name.len() + 1..].trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
}

fn memory_of(pid: u32) -> Memory {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_else(|e| panic!("/proc/{pid}/status: {e}"));
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    Memory {
        rss: proc_field(&status, "VmRSS").unwrap_or_else(|| panic!("no VmRSS in /proc/{pid}/status")),
        anon: proc_field(&status, "RssAnon").unwrap_or(0),
        private_dirty: proc_field(&rollup, "Private_Dirty").unwrap_or(0),
    }
}

/// Waits `SETTLE`, then the largest of five readings a second apart.
async fn settled(pid: u32) -> Memory {
    tokio::time::sleep(SETTLE).await;
    let mut most = Memory::default();
    for _ in 0..5 {
        let m = memory_of(pid);
        most = Memory { rss: most.rss.max(m.rss), anon: most.anon.max(m.anon), private_dirty: most.private_dirty.max(m.private_dirty) };
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    most
}

async fn until(what: &str, limit: Duration, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// A JSON-RPC call to the measured `lnpd` (blocking, off the runtime).
async fn call(lnpd: &Client, method: &'static str) -> Value {
    let client = lnpd.clone();
    tokio::task::spawn_blocking(move || client.call(method, json!({})).unwrap_or_else(|e| panic!("lnpd {method}: {e}")))
        .await
        .unwrap_or_else(|e| panic!("the RPC task: {e}"))
}

/// Until `n` channels are `Normal` and connected on both sides.
async fn all_active(lnpd: &Client, opener: &Node, n: usize) {
    until(&format!("{n} channels are active on both sides"), Duration::from_secs(600), async || {
        call(lnpd, "getinfo").await["channels"]["active"].as_u64() == Some(n as u64) && opener_active(opener).await == n
    })
    .await;
}

/// The opener's channels that are `Normal` and connected.
async fn opener_active(opener: &Node) -> usize {
    opener.list_channels().await.map(|cs| cs.iter().filter(|c| c.status() == "active").count()).unwrap_or(0)
}

/// Opens `n` channels from `opener` to `peer`, `IN_FLIGHT` at a time.
async fn open_many(opener: &Arc<Node>, peer: PublicKey, n: usize) {
    let mut running = tokio::task::JoinSet::new();
    for k in 0..n {
        if running.len() == IN_FLIGHT {
            running.join_next().await.unwrap_or_else(|| panic!("a running open")).unwrap_or_else(|e| panic!("an open task: {e}"));
        }
        let opener = opener.clone();
        running.spawn(async move {
            opener.open_channel(peer, CHANNEL_SAT, 0).await.unwrap_or_else(|e| panic!("open {k}: {e}"));
        });
    }
    while let Some(done) = running.join_next().await {
        done.unwrap_or_else(|e| panic!("an open task: {e}"));
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let target: usize = std::env::var("CHANNEL_RSS_N").ok().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let first = (target / 10).max(1);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let mock = mock_bitcoind::Mock::start(EmbeddedChain::new());
    let mine = |n: u32, script: &ScriptBuf| {
        mock.chain.lock().unwrap_or_else(|p| p.into_inner()).mine(n, script).unwrap_or_else(|e| panic!("mine: {e}"));
        mock.clear_calls();
    };
    let burn = ScriptBuf::new_op_return([]);
    let auth = BitcoindAuth::UserPass { user: mock_bitcoind::USER.into(), pass: Password(mock_bitcoind::PASSWORD.into()) };
    let config = Config { chain: ChainKind::Bitcoind, bitcoind: Some(BitcoindConfig { url: mock.url.clone(), auth }), ..Config::local(dir.path().join("opener")) };
    let opener_daemon = Daemon::start(config).await.unwrap_or_else(|e| panic!("the opener: {e}"));
    let opener = opener_daemon.node().clone();

    // One coinbase per channel, matured. A wallet on bitcoind starts at
    // the tip it first sees: the blocks come after its first scan.
    until("the opener's wallet has looked at the chain", Duration::from_secs(30), async || opener.wallet().scanned_height().is_ok_and(|h| h.is_some())).await;
    let started = Instant::now();
    let (address, _) = opener.new_address().unwrap_or_else(|e| panic!("an address: {e}"));
    mine(target as u32, &address.script_pubkey());
    mine(100, &burn);
    until("the opener's wallet holds its coinbases", Duration::from_secs(300), async || {
        let scanned = opener.wallet().scanned_height().ok().flatten().unwrap_or(0);
        opener.wallet().coins().is_ok_and(|c| c.iter().filter(|c| c.spendable(scanned)).count() >= target)
    })
    .await;
    let funded_in = started.elapsed();

    // The measured node starts after the coinbases: a bitcoind backend
    // follows the chain from its start, and every new txid it is asked
    // about costs a pass over the blocks followed so far.
    let datadir = dir.path().join("lnpd");
    let start = |listen: &str| {
        let args = [
            "--network", "regtest", "--listen", listen, "--rpc-listen", "127.0.0.1:0", "--chain", "bitcoind", "--bitcoind-url", &mock.url,
            "--bitcoind-user", mock_bitcoind::USER, "--bitcoind-pass", mock_bitcoind::PASSWORD,
        ];
        Lnpd::spawn(&datadir, "lnpd", &args)
    };
    let mut lnpd = start("127.0.0.1:0");
    let mut client = lnpd.client();
    let mut pid = lnpd.child.id();
    let info = call(&client, "getinfo").await;
    let peer = info["node_id"].as_str().and_then(|s| PublicKey::from_str(s).ok()).unwrap_or_else(|| panic!("getinfo: {info}"));
    let listen: SocketAddr = info["listen"][0].as_str().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("getinfo: {info}"));
    let rss_0 = settled(pid).await;

    opener.connect(peer, listen).await.unwrap_or_else(|e| panic!("connect: {e}"));
    let mut readings = vec![("", 0usize, rss_0, Duration::ZERO)];
    let mut open = 0usize;
    for n in [first, target] {
        let started = Instant::now();
        // The node takes at most MAX_PENDING_OPENS_PER_PEER channels being
        // opened by one peer: the opens go in waves, each locked in by a
        // block or three before the next.
        while open < n {
            let wave = (n - open).min(MAX_PENDING_OPENS_PER_PEER);
            open_many(&opener, peer, wave).await;
            mine(3, &burn);
            open += wave;
            all_active(&client, &opener, open).await;
        }
        let took = started.elapsed();
        readings.push(("", n, settled(pid).await, took));
    }
    // CHANNEL_RSS_HOLD_OPENED=SECS keeps the node up that long right after
    // the last reading of the opened channels, before the restart.
    if let Some(secs) = std::env::var("CHANNEL_RSS_HOLD_OPENED").ok().and_then(|s| s.parse().ok()) {
        println!("  holding lnpd (pid {pid}) with its {target} channels just opened for {secs} s");
        tokio::time::sleep(Duration::from_secs(secs)).await;
    }

    // The same node restarted (same address: the opener dials it again):
    // its channels reopened from the store, none opened since.
    call(&client, "stop").await;
    let status = lnpd.wait_exit();
    assert!(status.success(), "a clean stop: {status}\n{}", lnpd.log());
    drop(lnpd);
    let started = Instant::now();
    lnpd = start(&listen.to_string());
    client = lnpd.client();
    pid = lnpd.child.id();
    all_active(&client, &opener, target).await;
    readings.push(("after a restart", target, settled(pid).await, started.elapsed()));

    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let kib = |b: u64| b as f64 / 1024.0;
    let per = |a: Memory, b: Memory, n: usize, f: fn(Memory) -> u64| (f(b) as f64 - f(a) as f64) / n as f64;
    println!("== lnpd resident memory per idle channel (load average: {}) ==", load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    println!("  opener funded with {target} coinbases in {:.1} s", funded_in.as_secs_f64());
    for (when, n, m, took) in &readings {
        let how = if when.is_empty() { "opened" } else { "reopened" };
        println!(
            "  {n:>5} channels  VmRSS {:>6.0} KiB  RssAnon {:>6.0} KiB  Private_Dirty {:>6.0} KiB  ({how} in {:.1} s) {when}",
            kib(m.rss),
            kib(m.anon),
            kib(m.private_dirty),
            took.as_secs_f64()
        );
    }
    let (_, _, m0, _) = readings[0];
    for (when, n, m, _) in &readings[1..] {
        println!(
            "  (RSS_{n} − RSS_0) / {n}{}: {:.0} bytes per channel (RssAnon: {:.0}, Private_Dirty: {:.0}) — target ≤ 8192",
            if when.is_empty() { String::new() } else { format!(", {when}") },
            per(m0, *m, *n, |m| m.rss),
            per(m0, *m, *n, |m| m.anon),
            per(m0, *m, *n, |m| m.private_dirty)
        );
    }
    if let [_, (_, a, ma, _), (_, b, mb, _), ..] = readings[..] {
        println!(
            "  slope {a} → {b}: {:.0} bytes per channel (RssAnon: {:.0}, Private_Dirty: {:.0})",
            per(ma, mb, b - a, |m| m.rss),
            per(ma, mb, b - a, |m| m.anon),
            per(ma, mb, b - a, |m| m.private_dirty)
        );
    }
    // CHANNEL_RSS_HOLD=SECS keeps the node up that long, idle with every
    // channel open, for a profiler or `gdb -p PID` to look at it.
    if let Some(secs) = std::env::var("CHANNEL_RSS_HOLD").ok().and_then(|s| s.parse().ok()) {
        println!("  holding lnpd (pid {pid}) for {secs} s");
        tokio::time::sleep(Duration::from_secs(secs)).await;
    }
    let _ = client.call("stop", json!({}));
    let _ = opener_daemon.shutdown().await;
}
