//! `lnpd demo`: three nodes A, B and C in one process, on one embedded
//! chain, each a full daemon (its own data directory, seed, sled store,
//! BOLT 8 listener on 127.0.0.1 and RPC server) talking to the others over
//! real loopback TCP. The demo funds their wallets by mining, connects
//! A–B and B–C, opens a channel on each, pays invoices both ways over
//! each (direct peers only), closes A–B cooperatively and B–C by force
//! (B waits out `to_self_delay` and sweeps its delayed output), and
//! accounts for every satoshi: each node's final on-chain balance is what
//! it was funded, less what it paid, plus what it received, less the fees
//! of the transactions it paid for, read from the chain.
//!
//! [`run`] is the library entry (the `lnpd demo` subcommand prints its
//! progress and [`DemoSummary`]); it is not a test harness and uses only
//! the node's public operations. What this is not: multi-hop payments (B
//! does not forward; there is no onion yet).
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bitcoin::{ScriptBuf, Transaction, Txid};
use serde::Serialize;
use thiserror::Error;

use crate::chain::backend::{BackendError, ChainBackend};
use crate::channels::ChannelSummary;
use crate::config::Config;
use crate::daemon::{Daemon, DaemonError, Node, NodeError};

/// The channels' size and the payments the demo makes.
pub const CAPACITY_SAT: u64 = 1_000_000;
/// (payer, payee, amount in msat), in order; payers are 0 = A, 1 = B, 2 = C.
pub const PAYMENTS: [(usize, usize, u64); 8] = [
    (0, 1, 50_000_000),
    (0, 1, 60_000_000),
    (0, 1, 70_000_000),
    (1, 0, 25_000_000),
    (1, 2, 40_000_000),
    (1, 2, 45_000_000),
    (1, 2, 30_000_000),
    (2, 1, 15_000_000),
];
/// How long any one wait may take.
const WAIT: Duration = Duration::from_secs(30);
const NAMES: [&str; 3] = ["A", "B", "C"];

/// Why the demo stopped.
#[derive(Debug, Error)]
pub enum DemoError {
    #[error("cannot make the demo's temporary directory: {0}")]
    TempDir(#[source] std::io::Error),
    #[error("the shared chain's store: {0}")]
    Store(#[source] sled::Error),
    #[error("starting node {name}: {source}")]
    Start {
        name: &'static str,
        #[source]
        source: DaemonError,
    },
    #[error("node {name}: {what}: {source}")]
    Node {
        name: &'static str,
        what: &'static str,
        #[source]
        source: NodeError,
    },
    #[error("the chain: {0}")]
    Chain(#[from] BackendError),
    #[error("connecting {from} to {to}: {source}")]
    Connect {
        from: &'static str,
        to: &'static str,
        #[source]
        source: crate::peers::PeerManagerError,
    },
    #[error("timed out waiting until {0}")]
    Timeout(String),
    #[error("transaction {0} is not on the chain")]
    MissingTx(Txid),
    #[error("the books do not balance: {0}")]
    Books(String),
}

/// One node's accounts, in satoshis (payments in msat).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeAccount {
    pub name: String,
    pub node_id: String,
    pub funded_sat: u64,
    pub paid_msat: u64,
    pub received_msat: u64,
    /// Fees of the transactions this node paid for (funding, closing,
    /// commitment, sweep), read from the chain.
    pub fees_sat: u64,
    /// What the wallet holds at the end.
    pub final_onchain_sat: u64,
}

impl NodeAccount {
    /// funded − paid + received − fees.
    pub fn expected_sat(&self) -> i128 {
        self.funded_sat as i128 - (self.paid_msat / 1000) as i128 + (self.received_msat / 1000) as i128 - self.fees_sat as i128
    }
}

/// One channel of the demo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChannelLine {
    pub name: String,
    pub channel_id: String,
    pub capacity_sat: u64,
    pub funding_txid: String,
    /// `cooperative` or `force`.
    pub close: String,
    pub close_txids: Vec<String>,
    /// The funder's and the fundee's balance (msat) before the close.
    pub funder_msat: u64,
    pub fundee_msat: u64,
}

/// One payment of the demo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaymentLine {
    pub from: String,
    pub to: String,
    pub amount_msat: u64,
    pub status: String,
    pub payment_hash: String,
}

/// What the demo did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DemoSummary {
    pub nodes: Vec<NodeAccount>,
    pub channels: Vec<ChannelLine>,
    pub payments: Vec<PaymentLine>,
    pub final_height: u32,
    pub seconds: f64,
}

impl fmt::Display for DemoSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "channels")?;
        writeln!(f, "  {:<5} {:>12} {:>14} {:>14}  {:<12} funding → close", "", "capacity", "funder msat", "fundee msat", "close")?;
        for c in &self.channels {
            writeln!(
                f,
                "  {:<5} {:>12} {:>14} {:>14}  {:<12} {} → {}",
                c.name,
                c.capacity_sat,
                c.funder_msat,
                c.fundee_msat,
                c.close,
                short(&c.funding_txid),
                c.close_txids.iter().map(|t| short(t)).collect::<Vec<_>>().join(", ")
            )?;
        }
        writeln!(f, "payments")?;
        for p in &self.payments {
            writeln!(f, "  {} → {} {:>12} msat  {}  {}", p.from, p.to, p.amount_msat, p.status, short(&p.payment_hash))?;
        }
        writeln!(f, "on-chain balances (sat)")?;
        writeln!(f, "  {:<4} {:>14} {:>10} {:>10} {:>8} {:>14} {:>14}", "node", "funded", "paid", "received", "fees", "expected", "final")?;
        for n in &self.nodes {
            writeln!(
                f,
                "  {:<4} {:>14} {:>10} {:>10} {:>8} {:>14} {:>14}",
                n.name,
                n.funded_sat,
                n.paid_msat / 1000,
                n.received_msat / 1000,
                n.fees_sat,
                n.expected_sat(),
                n.final_onchain_sat
            )?;
        }
        write!(f, "final height {}, {:.1} s", self.final_height, self.seconds)
    }
}

fn short(txid: &str) -> String {
    txid.get(..12).map(|s| format!("{s}…")).unwrap_or_else(|| txid.to_string())
}

/// Runs the demo, reporting progress lines to `progress`.
pub async fn run(mut progress: impl FnMut(&str)) -> Result<DemoSummary, DemoError> {
    let started = Instant::now();
    let dir = tempfile::tempdir().map_err(DemoError::TempDir)?;
    let chain_db = sled::open(dir.path().join("shared-chain")).map_err(DemoError::Store)?;
    let chain = ChainBackend::embedded(&chain_db)?;
    let mut daemons = Vec::new();
    for name in NAMES {
        let config = Config::local(dir.path().join(name.to_lowercase()));
        let daemon = Daemon::start_with_chain(config, Some(chain.clone())).await.map_err(|source| DemoError::Start { name, source })?;
        progress(&format!("node {name}: {} listening on {}", daemon.node().node_id(), daemon.node().listen_addr()));
        daemons.push(daemon);
    }
    let nodes: Vec<Arc<Node>> = daemons.iter().map(|d| d.node().clone()).collect();
    let outcome = scenario(&nodes, &chain, &mut progress, started).await;
    for d in daemons {
        let _ = d.shutdown().await;
    }
    outcome
}

/// A script no node owns: where the demo's other blocks pay.
fn miner_script() -> ScriptBuf {
    ScriptBuf::new_p2wpkh(&bitcoin::WPubkeyHash::from_raw_hash(bitcoin::hashes::Hash::from_byte_array([0x4d; 20])))
}

async fn mine(chain: &ChainBackend, n: u32) -> Result<u32, DemoError> {
    chain.mine(n, miner_script()).await?;
    Ok(chain.height().await?)
}

/// Polls `check` until it holds.
async fn until<F, Fut>(what: impl Into<String>, mut check: F) -> Result<(), DemoError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if check().await {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Err(DemoError::Timeout(what.into()))
}

fn node_err(name: &'static str, what: &'static str) -> impl FnOnce(NodeError) -> DemoError {
    move |source| DemoError::Node { name, what, source }
}

async fn channel(node: &Node, peer: &Node) -> Option<ChannelSummary> {
    let peer = peer.node_id().to_string();
    node.list_channels().await.ok()?.into_iter().find(|c| c.peer == peer)
}

async fn state_is(node: &Node, peer: &Node, state: &str) -> bool {
    channel(node, peer).await.is_some_and(|c| c.state == state)
}

/// The wallet has scanned the chain's tip.
async fn synced(node: &Node, chain: &ChainBackend) -> bool {
    let Ok(tip) = chain.height().await else { return false };
    node.wallet().scanned_height().ok().flatten() == Some(tip)
}

fn tx(chain: &ChainBackend, txid: Txid) -> Result<Transaction, DemoError> {
    match chain {
        ChainBackend::Embedded(c) => {
            let c = c.lock().unwrap_or_else(|p| p.into_inner());
            c.chain().get_tx(&txid).cloned().ok_or(DemoError::MissingTx(txid))
        }
        ChainBackend::Bitcoind(_) => Err(DemoError::MissingTx(txid)),
    }
}

/// A confirmed transaction's fee: its inputs' values less its outputs'.
fn fee(chain: &ChainBackend, txid: Txid) -> Result<u64, DemoError> {
    let t = tx(chain, txid)?;
    let mut inputs = 0u64;
    for i in &t.input {
        let prev = tx(chain, i.previous_output.txid)?;
        inputs += prev.output.get(i.previous_output.vout as usize).map_or(0, |o| o.value.to_sat());
    }
    let outputs: u64 = t.output.iter().map(|o| o.value.to_sat()).sum();
    inputs.checked_sub(outputs).ok_or_else(|| DemoError::Books(format!("{txid} pays out more than it spends")))
}

fn parse_txid(text: &str) -> Result<Txid, DemoError> {
    text.parse().map_err(|_| DemoError::Books(format!("{text:?} is not a txid")))
}

async fn scenario(nodes: &[Arc<Node>], chain: &ChainBackend, progress: &mut impl FnMut(&str), started: Instant) -> Result<DemoSummary, DemoError> {
    let (a, b, c) = (&nodes[0], &nodes[1], &nodes[2]);

    // Fund each wallet with one coinbase, then let the coinbases mature.
    let mut funded = [0u64; 3];
    for (i, node) in nodes.iter().enumerate() {
        let mined = node.mine(1, None).await.map_err(node_err(NAMES[i], "mining to its wallet"))?;
        let hash = mined.block_hashes.first().cloned().unwrap_or_default();
        let reward = match chain {
            ChainBackend::Embedded(c) => {
                let c = c.lock().unwrap_or_else(|p| p.into_inner());
                c.chain().block_at(mined.height).and_then(|b| b.txdata.first()).map_or(0, |cb| cb.output.iter().map(|o| o.value.to_sat()).sum())
            }
            ChainBackend::Bitcoind(_) => 0,
        };
        funded[i] = reward;
        progress(&format!("mined block {} ({}) paying {reward} sat to {}'s wallet", mined.height, short(&hash), NAMES[i]));
    }
    let height = mine(chain, 100).await?;
    progress(&format!("mined 100 more blocks: the coinbases are mature at height {height}"));
    for (i, node) in nodes.iter().enumerate() {
        let want = funded[i];
        until(format!("{}'s wallet sees its coins", NAMES[i]), || async move {
            node.balance().await.is_ok_and(|b| b.confirmed_sat == want)
        })
        .await?;
    }

    // Connect A–B and B–C over loopback, open a channel on each.
    for (from, to) in [(0usize, 1usize), (1, 2)] {
        nodes[from]
            .connect(nodes[to].node_id(), nodes[to].listen_addr())
            .await
            .map_err(|source| DemoError::Connect { from: NAMES[from], to: NAMES[to], source })?;
        progress(&format!("{} connected to {} over BOLT 8", NAMES[from], NAMES[to]));
    }
    let ab = a.open_channel(b.node_id(), CAPACITY_SAT, 0).await.map_err(node_err("A", "opening A–B"))?;
    progress(&format!("A opens A–B ({CAPACITY_SAT} sat): funding {} broadcast", ab.funding_outpoint));
    let bc = b.open_channel(c.node_id(), CAPACITY_SAT, 0).await.map_err(node_err("B", "opening B–C"))?;
    progress(&format!("B opens B–C ({CAPACITY_SAT} sat): funding {} broadcast", bc.funding_outpoint));
    let height = mine(chain, 3).await?;
    for (x, y) in [(a, b), (b, a), (b, c), (c, b)] {
        until("both channels are active on both sides", || async move { channel(x, y).await.is_some_and(|c| c.status() == "active") }).await?;
    }
    progress(&format!("mined 3 blocks (height {height}): A–B and B–C are open"));

    // Payments: invoices issued by the payee, paid by the payer.
    let mut paid = [0u64; 3];
    let mut received = [0u64; 3];
    let mut payments = Vec::new();
    for (k, (from, to, amount)) in PAYMENTS.iter().copied().enumerate() {
        let invoice = nodes[to]
            .create_invoice(Some(amount), format!("demo payment {}", k + 1), Some(600))
            .map_err(node_err(NAMES[to], "issuing an invoice"))?;
        let p = nodes[from].pay(&invoice.bolt11).await.map_err(node_err(NAMES[from], "paying an invoice"))?;
        paid[from] += amount;
        received[to] += amount;
        progress(&format!("{} paid {} {amount} msat (payment hash {})", NAMES[from], NAMES[to], short(&p.payment_hash)));
        payments.push(PaymentLine {
            from: NAMES[from].into(),
            to: NAMES[to].into(),
            amount_msat: amount,
            status: format!("{:?}", p.status).to_lowercase(),
            payment_hash: p.payment_hash,
        });
    }
    // The payee hears of each settlement too.
    until("every payee has recorded its payments", || async {
        let mut ok = true;
        for (i, n) in nodes.iter().enumerate() {
            let got: u64 = n.list_payments().await.unwrap_or_default().iter().filter(|p| p.direction == crate::channels::Direction::Received).map(|p| p.amount_msat).sum();
            ok &= got == received[i];
        }
        ok
    })
    .await?;
    // The last settlements' commitment dances finish.
    for (x, y) in [(a, b), (b, c)] {
        until("every HTLC is off both commitments", || async move {
            match (channel(x, y).await, channel(y, x).await) {
                (Some(p), Some(q)) => p.pending_htlcs.is_empty() && q.pending_htlcs.is_empty() && p.our_msat == q.their_msat && p.their_msat == q.our_msat,
                _ => false,
            }
        })
        .await?;
    }
    let mut lines = Vec::new();
    for (name, x, y, opened) in [("A–B", a, b, &ab), ("B–C", b, c, &bc)] {
        let (cx, cy) = (channel(x, y).await, channel(y, x).await);
        let (Some(cx), Some(_)) = (cx, cy) else { return Err(DemoError::Books(format!("channel {name} vanished"))) };
        progress(&format!("{name}: funder {} msat, fundee {} msat, {} HTLCs pending", cx.our_msat, cx.their_msat, cx.pending_htlcs.len()));
        lines.push(ChannelLine {
            name: name.into(),
            channel_id: opened.channel_id.clone(),
            capacity_sat: opened.capacity_sat,
            funding_txid: opened.funding_txid.clone(),
            close: String::new(),
            close_txids: Vec::new(),
            funder_msat: cx.our_msat,
            fundee_msat: cx.their_msat,
        });
    }

    // A–B: cooperative close.
    let closing = a.close_channel(ab.channel_id.clone(), false).await.map_err(node_err("A", "closing A–B"))?;
    progress(&format!("A closes A–B cooperatively: closing transaction {}", closing.txid));
    let height = mine(chain, 1).await?;
    until("A–B is Closed on both sides", || async { state_is(a, b, "Closed").await && state_is(b, a, "Closed").await }).await?;
    progress(&format!("mined 1 block (height {height}): A–B is closed"));
    lines[0].close = "cooperative".into();
    lines[0].close_txids = vec![closing.txid.clone()];

    // B–C: B forces its commitment, waits out to_self_delay, sweeps.
    let forced = b.close_channel(bc.channel_id.clone(), true).await.map_err(node_err("B", "force-closing B–C"))?;
    progress(&format!("B force-closes B–C: commitment {} broadcast", forced.txid));
    let height = mine(chain, 1).await?;
    until("C sees B's commitment and is done", || state_is(c, b, "Closed")).await?;
    progress(&format!("mined 1 block (height {height}): C's balance is paid out at once; B's waits 144 blocks"));
    let height = mine(chain, 142).await?;
    progress(&format!("mined 142 blocks (height {height}): B's output needs one more"));
    let height = mine(chain, 1).await?;
    let swept = || async {
        channel(b, c).await.is_some_and(|x| x.close_txids.len() >= 2)
    };
    until("B sweeps its delayed output", swept).await?;
    let sweep = channel(b, c).await.map(|x| x.close_txids.clone()).unwrap_or_default();
    progress(&format!("mined 1 block (height {height}): B's delayed output matured; sweep {} broadcast", sweep.last().cloned().unwrap_or_default()));
    let height = mine(chain, 1).await?;
    until("B–C is Closed for B", || state_is(b, c, "Closed")).await?;
    progress(&format!("mined 1 block (height {height}): the sweep confirmed; B–C is closed"));
    lines[1].close = "force".into();
    lines[1].close_txids = sweep.clone();

    for n in nodes {
        until("every wallet has scanned the tip", || synced(n, chain)).await?;
    }

    // The books, from the chain.
    let ab_fees = fee(chain, parse_txid(&ab.funding_txid)?)? + fee(chain, parse_txid(&closing.txid)?)?;
    let mut bc_fees = fee(chain, parse_txid(&bc.funding_txid)?)?;
    for t in &sweep {
        bc_fees += fee(chain, parse_txid(t)?)?;
    }
    let fees = [ab_fees, bc_fees, 0];
    let mut accounts = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        let balance = n.balance().await.map_err(node_err(NAMES[i], "reading the balance"))?;
        let account = NodeAccount {
            name: NAMES[i].into(),
            node_id: n.node_id().to_string(),
            funded_sat: funded[i],
            paid_msat: paid[i],
            received_msat: received[i],
            fees_sat: fees[i],
            final_onchain_sat: balance.total_sat(),
        };
        if account.expected_sat() != account.final_onchain_sat as i128 {
            progress(&format!("{}: expected {} sat on chain, found {}", NAMES[i], account.expected_sat(), account.final_onchain_sat));
        }
        accounts.push(account);
    }
    Ok(DemoSummary {
        nodes: accounts,
        channels: lines,
        payments,
        final_height: chain.height().await?,
        seconds: started.elapsed().as_secs_f64(),
    })
}
