//! `lnp-cli`, the command line for a running `lnpd`: one subcommand per RPC
//! method. The daemon is found through its data directory (`.cookie`, and
//! `rpc-address` or else `rpc-socket`), or `--rpc HOST:PORT` or
//! `--rpc-socket PATH` with the data directory's cookie.
//! Output is human-readable, or the raw JSON result with `--json`; errors
//! go to stderr with exit code 1 (2 for usage errors).
//!
//! All the RPC work is in `lnp_node::rpc::client`; this is the shell.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use lnp_node::rpc::client::{Client, ClientError};
use serde_json::{json, Value};

/// Talk to a running lnpd.
#[derive(Parser)]
#[command(name = "lnp-cli", version)]
struct Cli {
    /// lnpd's data directory [default: $LNPD_DATADIR, else $HOME/.lnp].
    #[arg(long, value_name = "DIR")]
    datadir: Option<PathBuf>,
    /// lnpd's RPC address [default: read from DATADIR/rpc-address].
    #[arg(long, value_name = "HOST:PORT", conflicts_with = "rpc_socket")]
    rpc: Option<String>,
    /// lnpd's RPC unix socket [default: read from DATADIR/rpc-socket when
    /// there is no rpc-address].
    #[arg(long, value_name = "PATH")]
    rpc_socket: Option<PathBuf>,
    /// Print the raw JSON result.
    #[arg(long)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The node's id, network, chain height, addresses and counts.
    Getinfo,
    /// Connect to a peer: NODE_ID@HOST:PORT.
    Connect { id: String },
    /// Hang up on a peer.
    Disconnect { node_id: String },
    /// The connected peers.
    Listpeers,
    /// Create a BOLT 11 invoice.
    Invoice {
        /// Millisatoshis, or `any` to let the payer choose.
        amount_msat: String,
        description: String,
        /// Seconds until it expires [default: 3600].
        #[arg(long)]
        expiry: Option<u64>,
    },
    /// Decode and check a BOLT 11 invoice.
    Decodeinvoice { invoice: String },
    /// Mine blocks on the embedded chain.
    Mine {
        blocks: u32,
        /// Pay the blocks to this address [default: a new wallet address].
        #[arg(long)]
        address: Option<String>,
    },
    /// A new on-chain receive address of the node's wallet.
    Newaddress,
    /// Open a channel with a connected peer, funded from the wallet.
    Openchannel {
        node_id: String,
        amount_sat: u64,
        /// Millisatoshis given to the peer at opening.
        #[arg(long)]
        push_msat: Option<u64>,
    },
    /// The channels: id, peer, state, balances, pending HTLCs.
    Listchannels,
    /// Pay a BOLT 11 invoice over a channel with its payee (direct peers only).
    Pay { invoice: String },
    /// The payments sent and received.
    Listpayments,
    /// Close a channel cooperatively, to a new wallet address.
    Close { channel_id: String },
    /// Close a channel by publishing our commitment.
    Forceclose { channel_id: String },
    /// Propose a commitment feerate (sat per 1,000 weight) on a channel we
    /// funded; the chain's fee estimate may move it again later.
    Setfeerate { channel_id: String, feerate_per_kw: u32 },
    /// The on-chain wallet's balance.
    Balance,
    /// Stop lnpd.
    Stop,
}

impl Command {
    /// The method and its parameters.
    fn call(&self) -> Result<(&'static str, Value), String> {
        Ok(match self {
            Command::Getinfo => ("getinfo", json!({})),
            Command::Connect { id } => ("connect", json!({ "id": id })),
            Command::Disconnect { node_id } => ("disconnect", json!({ "node_id": node_id })),
            Command::Listpeers => ("listpeers", json!({})),
            Command::Invoice { amount_msat, description, expiry } => {
                let amount = match amount_msat.as_str() {
                    "any" => Value::Null,
                    n => json!(n.parse::<u64>().map_err(|e| format!("amount {n:?}: {e} (a number of msat, or any)"))?),
                };
                ("invoice", json!({ "amount_msat": amount, "description": description, "expiry": expiry }))
            }
            Command::Decodeinvoice { invoice } => ("decodeinvoice", json!({ "invoice": invoice })),
            Command::Mine { blocks, address } => ("mine", json!({ "blocks": blocks, "address": address })),
            Command::Newaddress => ("newaddress", json!({})),
            Command::Openchannel { node_id, amount_sat, push_msat } => {
                ("openchannel", json!({ "node_id": node_id, "amount_sat": amount_sat, "push_msat": push_msat }))
            }
            Command::Listchannels => ("listchannels", json!({})),
            Command::Pay { invoice } => ("pay", json!({ "invoice": invoice })),
            Command::Listpayments => ("listpayments", json!({})),
            Command::Close { channel_id } => ("close", json!({ "channel_id": channel_id })),
            Command::Forceclose { channel_id } => ("forceclose", json!({ "channel_id": channel_id })),
            Command::Setfeerate { channel_id, feerate_per_kw } => {
                ("setfeerate", json!({ "channel_id": channel_id, "feerate_per_kw": feerate_per_kw }))
            }
            Command::Balance => ("balance", json!({})),
            Command::Stop => ("stop", json!({})),
        })
    }
}

fn datadir(cli: &Cli) -> Result<PathBuf, String> {
    if let Some(dir) = &cli.datadir {
        return Ok(dir.clone());
    }
    if let Some(dir) = std::env::var_os("LNPD_DATADIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    std::env::var_os("HOME")
        .map(|home| PathBuf::from(home).join(".lnp"))
        .ok_or_else(|| "no data directory: give --datadir (HOME is not set)".to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = datadir(&cli).and_then(|dir| {
        let (method, params) = cli.command.call()?;
        let client = match &cli.rpc_socket {
            Some(socket) => Client::from_datadir_socket(&dir, socket),
            None => Client::from_datadir(&dir, cli.rpc.as_deref()),
        }
        .map_err(|e| e.to_string())?;
        client.call(method, params).map_err(|e| match e {
            ClientError::Rpc(rpc) => format!("{method} failed: {} (error {})", rpc.message, rpc.code),
            other => other.to_string(),
        })
    });
    match outcome {
        Ok(result) => {
            if cli.json {
                println!("{}", serde_json::to_string_pretty(&result).unwrap_or_else(|_| result.to_string()));
            } else {
                print!("{}", human(&cli.command, &result));
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("lnp-cli: {message}");
            ExitCode::FAILURE
        }
    }
}

/// A field as text (`?` when absent, so an older daemon's answer still prints).
fn field(v: &Value, name: &str) -> String {
    match v.get(name) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => "?".into(),
        Some(other) => other.to_string(),
    }
}

fn human(command: &Command, v: &Value) -> String {
    match command {
        Command::Getinfo => {
            let listen: Vec<String> = v
                .get("listen")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                .unwrap_or_default();
            let channels = v.get("channels").cloned().unwrap_or(Value::Null);
            format!(
                "node_id   {}\nnetwork   {}\nchain     {} (height {})\nlisten    {}\nrpc       {}\npeers     {}\nchannels  {} active, {} pending, {} inactive\n",
                field(v, "node_id"),
                field(v, "network"),
                field(v, "chain"),
                field(v, "block_height"),
                listen.join(", "),
                [v.get("rpc"), v.get("rpc_socket")].into_iter().flatten().filter_map(Value::as_str).collect::<Vec<_>>().join(", "),
                field(v, "peers"),
                field(&channels, "active"),
                field(&channels, "pending"),
                field(&channels, "inactive"),
            )
        }
        Command::Connect { .. } => format!("connected to {} at {}\n", field(v, "node_id"), field(v, "address")),
        Command::Disconnect { node_id } => format!("disconnected from {node_id}\n"),
        Command::Listpeers => {
            let peers = v.get("peers").and_then(Value::as_array).cloned().unwrap_or_default();
            if peers.is_empty() {
                return "no peers\n".into();
            }
            peers
                .iter()
                .map(|p| {
                    let state = if p.get("ready") == Some(&Value::Bool(true)) { "ready" } else { "connecting" };
                    format!("{}  {}  {}  {state}\n", field(p, "node_id"), field(p, "address"), field(p, "direction"))
                })
                .collect()
        }
        Command::Invoice { .. } => format!(
            "{}\npayment_hash  {}\nexpires in    {} s\n",
            field(v, "bolt11"),
            field(v, "payment_hash"),
            field(v, "expiry_secs")
        ),
        Command::Decodeinvoice { .. } => {
            let amount = match v.get("amount_msat").and_then(Value::as_u64) {
                Some(msat) => format!("{msat} msat"),
                None => "any".into(),
            };
            let description = match v.get("description").and_then(Value::as_str) {
                Some(d) => d.to_string(),
                None => format!("(hash) {}", field(v, "description_hash")),
            };
            format!(
                "network        {}\namount         {amount}\ndescription    {description}\npayee          {}\npayment_hash   {}\ntimestamp      {}\nexpiry         {} s\nmin_final_cltv {}\n",
                field(v, "network"),
                field(v, "payee"),
                field(v, "payment_hash"),
                field(v, "timestamp"),
                field(v, "expiry_secs"),
                field(v, "min_final_cltv_expiry_delta"),
            )
        }
        Command::Mine { .. } => {
            let n = v.get("block_hashes").and_then(Value::as_array).map_or(0, Vec::len);
            format!("mined {n} block(s) to {}; height {}\n", field(v, "address"), field(v, "height"))
        }
        Command::Newaddress => format!("{}\n", field(v, "address")),
        Command::Openchannel { .. } => format!(
            "channel {}\nfunding {} ({} sat) broadcast; usable after 3 confirmations\n",
            field(v, "channel_id"),
            field(v, "funding_outpoint"),
            field(v, "capacity_sat")
        ),
        Command::Listchannels => {
            let channels = v.get("channels").and_then(Value::as_array).cloned().unwrap_or_default();
            if channels.is_empty() {
                return "no channels\n".into();
            }
            channels
                .iter()
                .map(|c| {
                    let htlcs = c.get("pending_htlcs").and_then(Value::as_array).map_or(0, Vec::len);
                    format!(
                        "{}  peer {}  {} ({})  ours {} msat  theirs {} msat  {htlcs} HTLCs pending  feerate {} sat/kw\n",
                        field(c, "channel_id"),
                        field(c, "peer"),
                        field(c, "state"),
                        field(c, "role"),
                        field(c, "our_msat"),
                        field(c, "their_msat"),
                        field(c, "feerate_per_kw"),
                    )
                })
                .collect()
        }
        Command::Pay { .. } => format!(
            "paid {} msat; preimage {}\n",
            field(v, "amount_msat"),
            field(v, "preimage")
        ),
        Command::Listpayments => {
            let payments = v.get("payments").and_then(Value::as_array).cloned().unwrap_or_default();
            if payments.is_empty() {
                return "no payments\n".into();
            }
            payments
                .iter()
                .map(|p| format!("{:<8} {:>14} msat  {:<9}  {}\n", field(p, "direction"), field(p, "amount_msat"), field(p, "status"), field(p, "payment_hash")))
                .collect()
        }
        Command::Close { .. } | Command::Forceclose { .. } => {
            format!("channel {} is {}; transaction {}\n", field(v, "channel_id"), field(v, "state"), field(v, "txid"))
        }
        Command::Setfeerate { channel_id, feerate_per_kw } => {
            format!("channel {channel_id}: update_fee to {feerate_per_kw} sat/kw sent\n")
        }
        Command::Balance => format!(
            "confirmed    {} sat\nunconfirmed  {} sat\nimmature     {} sat\nlocked       {} sat\n",
            field(v, "confirmed_sat"),
            field(v, "unconfirmed_sat"),
            field(v, "immature_sat"),
            field(v, "locked_sat")
        ),
        Command::Stop => format!("{}\n", v.as_str().unwrap_or("lnpd stopping")),
    }
}
