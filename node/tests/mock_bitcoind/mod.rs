//! A tiny in-process stand-in for bitcoind's JSON-RPC server, for the
//! bitcoind backend's tests: one thread on 127.0.0.1, HTTP/1.1 with Basic
//! auth, answering from an [`EmbeddedChain`] in Bitcoin Core's reply shapes
//! (hex blocks, `getblockchaininfo` objects, error objects with HTTP 500,
//! HTTP 401 with an empty body for bad credentials). It checks each call's
//! params the way bitcoind's RPC layer types them, and records every call.
//!
//! Not a bitcoind: only the methods the backend uses, no wallet, no
//! keep-alive, one connection at a time.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use bitcoin::consensus::encode::{deserialize_hex, serialize_hex};
use bitcoin::{BlockHash, OutPoint, Transaction, Txid};
use lnp_chain::{EmbeddedChain, RejectReason, TxStatus};
use serde_json::{json, Value};

pub const USER: &str = "lnp";
pub const PASSWORD: &str = "hunter2";

/// What the mock does besides answering from the chain.
#[derive(Default)]
pub struct MockState {
    /// Whether `getrawtransaction` finds confirmed transactions (bitcoind's `-txindex`).
    pub txindex: bool,
    /// Every authorised call: method and params.
    pub calls: Vec<(String, Value)>,
    /// Canned replies by method: HTTP status and body (`{id}` is replaced by the request id).
    pub canned: HashMap<String, (u16, String)>,
    /// `estimatesmartfee`'s result.
    pub fee_reply: Option<Value>,
    /// Extra accepted `Authorization` header values (cookie auth).
    pub extra_auth: Vec<String>,
}

pub struct Mock {
    pub url: String,
    pub chain: Arc<Mutex<EmbeddedChain>>,
    pub state: Arc<Mutex<MockState>>,
}

impl Mock {
    pub fn start(chain: EmbeddedChain) -> Mock {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let chain = Arc::new(Mutex::new(chain));
        let state = Arc::new(Mutex::new(MockState::default()));
        let (c, s) = (chain.clone(), state.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                serve(stream, &c, &s);
            }
        });
        Mock { url, chain, state }
    }

    pub fn calls(&self) -> Vec<(String, Value)> {
        self.state.lock().unwrap().calls.clone()
    }

    pub fn clear_calls(&self) {
        self.state.lock().unwrap().calls.clear();
    }
}

fn basic(credentials: &str) -> String {
    use base64::Engine as _;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(credentials)
    )
}

fn serve(stream: TcpStream, chain: &Mutex<EmbeddedChain>, state: &Mutex<MockState>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let len: usize = headers.get("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0; len];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let mut out = stream;
    if !request_line.starts_with("POST / HTTP/1.1")
        || headers.get("content-type").map(String::as_str) != Some("application/json")
    {
        let _ = out.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    }

    let auth = headers.get("authorization").cloned().unwrap_or_default();
    let authorised = auth == basic(&format!("{USER}:{PASSWORD}")) || state.lock().unwrap().extra_auth.contains(&auth);
    if !authorised {
        // bitcoind: 401, WWW-Authenticate, empty body.
        let _ = out.write_all(
            b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"jsonrpc\"\r\nContent-Type: text/html; charset=ISO-8859-1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
        return;
    }
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let id = request["id"].clone();
    let method = request["method"].as_str().unwrap_or("").to_string();
    let params = if request["jsonrpc"] == json!("1.0") && request["params"].is_array() {
        request["params"].clone()
    } else {
        json!("not JSON-RPC 1.0 with positional params")
    };
    let canned = {
        let mut s = state.lock().unwrap();
        s.calls.push((method.clone(), params.clone()));
        s.canned.get(&method).cloned()
    };
    let (status, body) = match canned {
        Some((status, body)) => (status, body.replace("{id}", &id.to_string())),
        None => {
            let mut chain = chain.lock().unwrap();
            match answer(&method, &params, &mut chain, state) {
                Ok(result) => (
                    200,
                    json!({"result": result, "error": null, "id": id}).to_string() + "\n",
                ),
                Err((code, message)) => {
                    let status = if code == -32601 { 404 } else { 500 };
                    (
                        status,
                        json!({"result": null, "error": {"code": code, "message": message}, "id": id}).to_string()
                            + "\n",
                    )
                }
            }
        }
    };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Whatever",
    };
    let _ = write!(
        out,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

type RpcResult = Result<Value, (i64, String)>;

fn param(params: &Value, i: usize) -> Option<&Value> {
    params.as_array().and_then(|a| a.get(i))
}

fn str_param(params: &Value, i: usize) -> Result<String, (i64, String)> {
    param(params, i).and_then(Value::as_str).map(str::to_string).ok_or((
        -3,
        format!(
            "JSON value of type {} is not of expected type string",
            param(params, i).cloned().unwrap_or(Value::Null)
        ),
    ))
}

fn hash_param<T: FromStr>(params: &Value, i: usize, name: &str) -> Result<T, (i64, String)> {
    let s = str_param(params, i)?;
    if s.len() != 64 {
        return Err((-8, format!("{name} must be of length 64 (not {}, for '{s}')", s.len())));
    }
    T::from_str(&s).map_err(|_| (-8, format!("{name} must be hexadecimal string (not '{s}')")))
}

/// A request bitcoind would type differently: answered with code -999 so the
/// test sees it.
fn require(ok: bool, what: &str) -> Result<(), (i64, String)> {
    if ok {
        Ok(())
    } else {
        Err((-999, format!("mock: {what}")))
    }
}

fn block_not_found() -> (i64, String) {
    (-5, "Block not found".to_string())
}

fn answer(method: &str, params: &Value, chain: &mut EmbeddedChain, state: &Mutex<MockState>) -> RpcResult {
    let tip = chain.tip();
    match method {
        "getblockchaininfo" => {
            require(params == &json!([]), "getblockchaininfo takes no params")?;
            Ok(json!({
                "chain": "regtest",
                "blocks": tip.height,
                "headers": tip.height,
                "bestblockhash": tip.hash.to_string(),
                "difficulty": 4.656542373906925e-10,
                "time": chain.block_at(tip.height).map(|b| b.header.time).unwrap_or(0),
                "mediantime": chain.median_time_past(),
                "verificationprogress": 1,
                "initialblockdownload": false,
                "chainwork": format!("{:064x}", (u64::from(tip.height) + 1) * 2),
                "size_on_disk": 293,
                "pruned": false,
                "warnings": []
            }))
        }
        "getblockhash" => {
            let height = param(params, 0)
                .and_then(Value::as_u64)
                .ok_or((-3, "Expected type number".to_string()))?;
            u32::try_from(height)
                .ok()
                .and_then(|h| chain.block_hash(h))
                .map(|h| json!(h.to_string()))
                .ok_or((-8, "Block height out of range".to_string()))
        }
        "getblock" => {
            let hash: BlockHash = hash_param(params, 0, "blockhash")?;
            require(param(params, 1) == Some(&json!(0)), "getblock verbosity 0")?;
            chain
                .get_block(&hash)
                .map(|b| json!(serialize_hex(b)))
                .ok_or_else(block_not_found)
        }
        "getblockheader" => {
            let hash: BlockHash = hash_param(params, 0, "hash")?;
            require(
                matches!(param(params, 1), None | Some(Value::Bool(true))),
                "verbose header",
            )?;
            let height = chain.height_of(&hash).ok_or_else(block_not_found)?;
            let block = chain.get_block(&hash).ok_or_else(block_not_found)?;
            Ok(json!({
                "hash": hash.to_string(),
                "confirmations": tip.height - height + 1,
                "height": height,
                "version": block.header.version.to_consensus(),
                "merkleroot": block.header.merkle_root.to_string(),
                "time": block.header.time,
                "nonce": block.header.nonce,
                "bits": format!("{:08x}", block.header.bits.to_consensus()),
                "nTx": block.txdata.len(),
                "previousblockhash": block.header.prev_blockhash.to_string(),
            }))
        }
        "getrawtransaction" => {
            let txid: Txid = hash_param(params, 0, "parameter 1")?;
            require(param(params, 1) == Some(&json!(true)), "getrawtransaction verbose=true")?;
            require(param(params, 2).is_none(), "no blockhash argument")?;
            let txindex = state.lock().unwrap().txindex;
            let tx = chain.get_tx(&txid);
            match (chain.tx_status(&txid), tx) {
                (TxStatus::InMempool, Some(tx)) => Ok(verbose_tx(tx, None)),
                (TxStatus::Confirmed { height, block_hash }, Some(tx)) if txindex => {
                    Ok(verbose_tx(tx, Some((block_hash, tip.height - height + 1))))
                }
                _ if txindex => Err((-5, "No such mempool or blockchain transaction. Use gettransaction for wallet transactions.".into())),
                _ => Err((-5, "No such mempool transaction. Use -txindex or provide a block hash to enable blockchain transaction queries. Use gettransaction for wallet transactions.".into())),
            }
        }
        "gettxout" => {
            let txid: Txid = hash_param(params, 0, "txid")?;
            let vout = param(params, 1)
                .and_then(Value::as_u64)
                .ok_or((-3, "Expected type number".to_string()))?;
            let include_mempool = param(params, 2).and_then(Value::as_bool).unwrap_or(true);
            require(
                param(params, 2).is_some_and(Value::is_boolean),
                "gettxout include_mempool given",
            )?;
            let outpoint = OutPoint {
                txid,
                vout: vout as u32,
            };
            match chain.utxo(&outpoint) {
                Some(_) if include_mempool && chain.mempool_spender(&outpoint).is_some() => Ok(Value::Null),
                Some(coin) => Ok(json!({
                    "bestblock": tip.hash.to_string(),
                    "confirmations": tip.height - coin.height + 1,
                    "value": coin.output.value.to_btc(),
                    "scriptPubKey": { "hex": coin.output.script_pubkey.to_hex_string() },
                    "coinbase": coin.is_coinbase,
                })),
                None => Ok(Value::Null),
            }
        }
        "sendrawtransaction" => {
            let hex = str_param(params, 0)?;
            require(param(params, 1).is_none(), "default maxfeerate")?;
            let tx: Transaction = deserialize_hex(&hex).map_err(|_| {
                (
                    -22,
                    "TX decode failed. Make sure the tx has at least one input.".to_string(),
                )
            })?;
            chain
                .submit(tx)
                .map(|txid| json!(txid.to_string()))
                .map_err(|reason| reject(&reason))
        }
        "estimatesmartfee" => {
            require(
                param(params, 0).and_then(Value::as_u64).is_some() && param(params, 1).is_none(),
                "estimatesmartfee [conf_target]",
            )?;
            Ok(state
                .lock()
                .unwrap()
                .fee_reply
                .clone()
                .unwrap_or(json!({"errors": ["Insufficient data or no feerate found"], "blocks": 0})))
        }
        _ => Err((-32601, "Method not found".to_string())),
    }
}

fn verbose_tx(tx: &Transaction, block: Option<(BlockHash, u32)>) -> Value {
    let mut v = json!({
        "txid": tx.compute_txid().to_string(),
        "hash": tx.compute_wtxid().to_string(),
        "version": tx.version.0,
        "size": tx.total_size(),
        "vsize": tx.vsize(),
        "weight": tx.weight().to_wu(),
        "locktime": tx.lock_time.to_consensus_u32(),
        "vin": [],
        "vout": [],
        "hex": serialize_hex(tx),
    });
    if let Some((hash, confirmations)) = block {
        v["blockhash"] = json!(hash.to_string());
        v["confirmations"] = json!(confirmations);
    }
    v
}

/// bitcoind's code and reject reason for what the embedded chain refused.
fn reject(reason: &RejectReason) -> (i64, String) {
    match reason {
        RejectReason::DoubleSpend { confirmed_at: None, .. } => (-26, "txn-mempool-conflict".into()),
        RejectReason::DoubleSpend {
            confirmed_at: Some(_), ..
        }
        | RejectReason::MissingInput(_) => (-25, "bad-txns-inputs-missingorspent".into()),
        RejectReason::AlreadyConfirmed { .. } => (-27, "Transaction already in block chain".into()),
        RejectReason::AlreadyInMempool(_) => (-26, "txn-already-in-mempool".into()),
        RejectReason::ScriptFailed { .. } => (
            -26,
            "mandatory-script-verify-flag-failed (Signature must be zero for failed CHECK(MULTI)SIG operation)".into(),
        ),
        other => (-26, other.to_string()),
    }
}
