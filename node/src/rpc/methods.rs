//! The RPC methods: each call's parameters (by name, or by position in the
//! order listed), what it does on the [`Node`], and its result.
//!
//! | method | parameters | result |
//! | --- | --- | --- |
//! | `getinfo` | — | node id, network, chain, height, listen/RPC addresses, peer and channel counts |
//! | `connect` | `id` (`node_id@host:port`) | the peer, once both `init`s are exchanged |
//! | `disconnect` | `node_id` | `{}` |
//! | `listpeers` | — | `{peers: [...]}` |
//! | `invoice` | `amount_msat`?, `description`, `expiry`? (seconds) | the decoded invoice, text in `bolt11` |
//! | `decodeinvoice` | `invoice` | the decoded invoice |
//! | `mine` | `blocks`, `address`? | `{address, block_hashes, height}` (embedded chain only) |
//! | `newaddress` | — | `{address, index}` |
//! | `openchannel` | `node_id`, `amount_sat`, `push_msat`? | `{channel_id, funding_txid, funding_outpoint, capacity_sat, push_msat}` once the funding is broadcast |
//! | `listchannels` | — | `{channels: [...]}`: id, peer, role, state, balances, pending HTLCs, commitment feerate |
//! | `pay` | `invoice` | the payment once settled (direct channel peers only; an all-zero onion) |
//! | `listpayments` | — | `{payments: [...]}` |
//! | `close` | `channel_id` | `{channel_id, txid, state}` once the closing transaction is broadcast |
//! | `forceclose` | `channel_id` | `{channel_id, txid, state}`: our commitment, broadcast |
//! | `setfeerate` | `channel_id`, `feerate_per_kw` | `{}` once `update_fee` is sent (channels we fund) |
//! | `balance` | — | the on-chain wallet: `confirmed_sat`, `immature_sat`, `unconfirmed_sat`, `locked_sat` |
//! | `stop` | — | `"lnpd stopping"` |
//!
//! What this is not: HTTP or JSON-RPC framing (see `server` and `jsonrpc`).
use std::net::SocketAddr;
use std::str::FromStr;

use bitcoin::secp256k1::PublicKey;
use bitcoin::Address;
use serde::Deserialize;
use serde_json::{json, Value};

use super::jsonrpc::{codes, params, RpcError};
use crate::chain::backend::BackendError;
use crate::channels::ChannelError;
use crate::wallet::WalletError;
use crate::daemon::{Node, NodeError};
use crate::invoice;
use crate::peers::PeerManagerError;

/// Every method, for `METHOD_NOT_FOUND`'s message.
pub const METHODS: [&str; 17] = [
    "getinfo",
    "connect",
    "disconnect",
    "listpeers",
    "invoice",
    "decodeinvoice",
    "mine",
    "newaddress",
    "openchannel",
    "listchannels",
    "pay",
    "listpayments",
    "close",
    "forceclose",
    "setfeerate",
    "balance",
    "stop",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoParams {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConnectParams {
    id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeIdParams {
    node_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InvoiceParams {
    amount_msat: Option<u64>,
    description: String,
    expiry: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DecodeParams {
    invoice: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MineParams {
    blocks: u32,
    address: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OpenParams {
    node_id: String,
    amount_sat: u64,
    push_msat: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PayParams {
    invoice: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelIdParams {
    channel_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeerateParams {
    channel_id: String,
    feerate_per_kw: u32,
}

/// Runs one call.
pub async fn dispatch(node: &Node, method: &str, raw: Value) -> Result<Value, RpcError> {
    match method {
        "getinfo" => {
            params::<NoParams>(raw, &[])?;
            to_value(node.info().await.map_err(node_error)?)
        }
        "connect" => {
            let p: ConnectParams = params(raw, &["id"])?;
            let (node_id, addr) = parse_peer_address(&p.id).await?;
            to_value(node.connect(node_id, addr).await.map_err(peer_error)?)
        }
        "disconnect" => {
            let p: NodeIdParams = params(raw, &["node_id"])?;
            let node_id = parse_node_id(&p.node_id)?;
            node.peers().disconnect(node_id).map_err(peer_error)?;
            Ok(json!({}))
        }
        "listpeers" => {
            params::<NoParams>(raw, &[])?;
            Ok(json!({ "peers": node.peers().list() }))
        }
        "invoice" => {
            let p: InvoiceParams = params(raw, &["amount_msat", "description", "expiry"])?;
            to_value(node.create_invoice(p.amount_msat, p.description, p.expiry).map_err(node_error)?)
        }
        "decodeinvoice" => {
            let p: DecodeParams = params(raw, &["invoice"])?;
            to_value(invoice::decode(&p.invoice).map_err(|e| RpcError::invalid_params(e.to_string()))?)
        }
        "mine" => {
            let p: MineParams = params(raw, &["blocks", "address"])?;
            let address = match p.address {
                Some(text) => Some(parse_address(&text, node)?),
                None => None,
            };
            to_value(node.mine(p.blocks, address).await.map_err(node_error)?)
        }
        "newaddress" => {
            params::<NoParams>(raw, &[])?;
            let (address, index) = node.new_address().map_err(node_error)?;
            Ok(json!({ "address": address.to_string(), "index": index }))
        }
        "openchannel" => {
            let p: OpenParams = params(raw, &["node_id", "amount_sat", "push_msat"])?;
            let node_id = parse_node_id(&p.node_id)?;
            to_value(node.open_channel(node_id, p.amount_sat, p.push_msat.unwrap_or(0)).await.map_err(node_error)?)
        }
        "listchannels" => {
            params::<NoParams>(raw, &[])?;
            Ok(json!({ "channels": node.list_channels().await.map_err(node_error)? }))
        }
        "pay" => {
            let p: PayParams = params(raw, &["invoice"])?;
            to_value(node.pay(&p.invoice).await.map_err(node_error)?)
        }
        "listpayments" => {
            params::<NoParams>(raw, &[])?;
            Ok(json!({ "payments": node.list_payments().await.map_err(node_error)? }))
        }
        "close" | "forceclose" => {
            let p: ChannelIdParams = params(raw, &["channel_id"])?;
            to_value(node.close_channel(p.channel_id, method == "forceclose").await.map_err(node_error)?)
        }
        "setfeerate" => {
            let p: FeerateParams = params(raw, &["channel_id", "feerate_per_kw"])?;
            node.set_feerate(p.channel_id, p.feerate_per_kw).await.map_err(node_error)?;
            Ok(json!({}))
        }
        "balance" => {
            params::<NoParams>(raw, &[])?;
            to_value(node.balance().await.map_err(node_error)?)
        }
        "stop" => {
            params::<NoParams>(raw, &[])?;
            node.request_stop();
            Ok(json!("lnpd stopping"))
        }
        other => Err(RpcError::new(
            codes::METHOD_NOT_FOUND,
            format!("unknown method `{other}`; the methods are: {}", METHODS.join(", ")),
        )),
    }
}

fn to_value(value: impl serde::Serialize) -> Result<Value, RpcError> {
    serde_json::to_value(value).map_err(|e| RpcError::internal(format!("cannot encode the result: {e}")))
}

fn parse_node_id(text: &str) -> Result<PublicKey, RpcError> {
    PublicKey::from_str(text)
        .map_err(|e| RpcError::invalid_params(format!("{text:?} is not a node id (33-byte compressed key, hex): {e}")))
}

/// `node_id@host:port`, the host resolved.
async fn parse_peer_address(text: &str) -> Result<(PublicKey, SocketAddr), RpcError> {
    let (id, host_port) = text
        .split_once('@')
        .ok_or_else(|| RpcError::invalid_params(format!("{text:?} is not node_id@host:port")))?;
    let node_id = parse_node_id(id)?;
    let addr = tokio::net::lookup_host(host_port)
        .await
        .map_err(|e| RpcError::invalid_params(format!("{host_port:?} is not a reachable host:port: {e}")))?
        .next()
        .ok_or_else(|| RpcError::invalid_params(format!("{host_port:?} resolves to no address")))?;
    Ok((node_id, addr))
}

fn parse_address(text: &str, node: &Node) -> Result<Address, RpcError> {
    Address::from_str(text)
        .map_err(|e| RpcError::invalid_params(format!("{text:?} is not a bitcoin address: {e}")))?
        .require_network(node.network())
        .map_err(|e| RpcError::invalid_params(format!("{text:?}: {e}")))
}

fn peer_error(e: PeerManagerError) -> RpcError {
    RpcError::new(codes::PEER_ERROR, e.to_string())
}

fn node_error(e: NodeError) -> RpcError {
    let code = match &e {
        NodeError::Invoice(_) | NodeError::InvalidArgument(_) => codes::INVALID_PARAMS,
        NodeError::Chain(BackendError::NotSupported { .. }) => codes::NOT_SUPPORTED,
        NodeError::Chain(_) => codes::CHAIN_ERROR,
        NodeError::Wallet(w) => wallet_code(w),
        NodeError::Store { .. } => codes::STORE_ERROR,
        NodeError::Random(_) | NodeError::Encode(_) => codes::INTERNAL_ERROR,
        NodeError::Channel(c) => channel_code(c),
    };
    RpcError::new(code, e.to_string())
}

fn wallet_code(e: &WalletError) -> i64 {
    match e {
        WalletError::InsufficientFunds { .. } => codes::INSUFFICIENT_FUNDS,
        WalletError::Dust { .. } => codes::INVALID_PARAMS,
        _ => codes::STORE_ERROR,
    }
}

fn channel_code(e: &ChannelError) -> i64 {
    match e {
        ChannelError::UnknownChannel(_) => codes::UNKNOWN_CHANNEL,
        ChannelError::Wallet(w) => wallet_code(w),
        ChannelError::NoRoute(_) => codes::NO_ROUTE,
        ChannelError::NotConnected(_) | ChannelError::PeerFailed { .. } => codes::PEER_ERROR,
        ChannelError::Refused { .. } | ChannelError::PaymentFailed(_) => codes::CHANNEL_REFUSED,
        ChannelError::InvalidArgument(_) => codes::INVALID_PARAMS,
        ChannelError::Timeout(_) => codes::TIMEOUT,
        ChannelError::Chain(BackendError::NotSupported { .. }) => codes::NOT_SUPPORTED,
        ChannelError::Chain(_) => codes::CHAIN_ERROR,
        ChannelError::Store { .. }
        | ChannelError::Engine { .. }
        | ChannelError::OpenStore { .. }
        | ChannelError::Flush(_)
        | ChannelError::Corrupt(_) => {
            codes::STORE_ERROR
        }
        ChannelError::Keys(_) | ChannelError::Stopped => codes::INTERNAL_ERROR,
    }
}
