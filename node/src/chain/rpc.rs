//! A blocking JSON-RPC client for Bitcoin Core over plain HTTP: one POST per
//! call, HTTP Basic auth from `rpcuser`/`rpcpassword` or the datadir's
//! `.cookie` file, replies decoded into typed values.
//!
//! Requests are JSON-RPC 1.0 style (`{"jsonrpc":"1.0","id":n,"method":..,
//! "params":[..]}`, positional params), the form `bitcoin-cli` uses. bitcoind
//! then answers an RPC error with HTTP 500 and `{"result":null,"error":
//! {"code":..,"message":..},"id":n}`; an error object is honoured whatever the
//! status (JSON-RPC 2.0 servers answer errors with HTTP 200), and HTTP 401
//! (bitcoind's wrong-credentials answer, with an empty body) is its own error.
//!
//! What this is not: TLS (bitcoind has none), batching, wallet paths
//! (`/wallet/<name>`), or retries — a failed call is reported, the caller
//! decides.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use base64::Engine as _;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::error::BitcoindError;

/// How to authenticate to bitcoind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// `rpcuser` / `rpcpassword` (or an `rpcauth` entry's user and password).
    UserPass { user: String, password: String },
    /// The `.cookie` file bitcoind writes in its datadir (per network
    /// subdirectory: `regtest/.cookie`…), holding `__cookie__:<hex>`. Read at
    /// every call, so a restarted bitcoind's new cookie is picked up.
    CookieFile(PathBuf),
    /// No `Authorization` header (only useful against a proxy that adds it).
    None,
}

impl Auth {
    /// The `Authorization` header value, if any.
    fn header(&self) -> Result<Option<String>, BitcoindError> {
        let credentials = match self {
            Auth::None => return Ok(None),
            Auth::UserPass { user, password } => format!("{user}:{password}"),
            Auth::CookieFile(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| BitcoindError::Cookie {
                    path: path.clone(),
                    source,
                })?;
                let line = text.lines().next().unwrap_or("").trim();
                if !line.contains(':') {
                    return Err(BitcoindError::CookieFormat { path: path.clone() });
                }
                line.to_string()
            }
        };
        Ok(Some(format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(credentials)
        )))
    }
}

/// A JSON-RPC connection to one bitcoind (`http://host:port`, regtest's
/// default being `http://127.0.0.1:18443`).
#[derive(Debug)]
pub struct RpcClient {
    url: String,
    auth: Auth,
    timeout_secs: u64,
    next_id: AtomicU64,
}

/// The reply envelope: `result` and `error`, one of them null.
#[derive(serde::Deserialize)]
struct Reply {
    #[serde(default)]
    result: Value,
    #[serde(default)]
    error: Value,
    #[serde(default)]
    id: Value,
}

#[derive(serde::Deserialize)]
struct ErrorObject {
    code: i64,
    message: String,
}

impl RpcClient {
    /// A client for `url` (scheme, host, port; no trailing path needed).
    /// Calls time out after 30 seconds.
    pub fn new(url: impl Into<String>, auth: Auth) -> Self {
        RpcClient {
            url: url.into(),
            auth,
            timeout_secs: 30,
            next_id: AtomicU64::new(1),
        }
    }

    /// Sets the per-call timeout.
    pub fn with_timeout(mut self, secs: u64) -> Self {
        self.timeout_secs = secs;
        self
    }

    /// The URL calls go to.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Calls `method` with positional `params` and decodes `result` as `T`
    /// (use `Option<T>` for methods documented to return null, like `gettxout`).
    pub fn call<T: DeserializeOwned>(&self, method: &str, params: &[Value]) -> Result<T, BitcoindError> {
        let result = self.call_raw(method, params)?;
        serde_json::from_value(result).map_err(|e| BitcoindError::malformed(method, e))
    }

    /// Calls `method` and returns `result` undecoded (`Value::Null` when null).
    pub fn call_raw(&self, method: &str, params: &[Value]) -> Result<Value, BitcoindError> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let body = json!({ "jsonrpc": "1.0", "id": id, "method": method, "params": params });
        let mut request = minreq::post(&self.url)
            .with_header("Content-Type", "application/json")
            .with_body(body.to_string())
            .with_timeout(self.timeout_secs);
        if let Some(header) = self.auth.header()? {
            request = request.with_header("Authorization", header);
        }
        let response = request.send().map_err(|e| BitcoindError::Transport {
            method: method.to_string(),
            url: self.url.clone(),
            detail: e.to_string(),
        })?;
        let status = response.status_code;
        if status == 401 {
            return Err(BitcoindError::Unauthorized {
                method: method.to_string(),
                url: self.url.clone(),
            });
        }
        let text = String::from_utf8_lossy(response.as_bytes());
        let reply: Reply = match serde_json::from_str(&text) {
            Ok(reply) => reply,
            Err(e) if status == 200 => {
                return Err(BitcoindError::malformed(
                    method,
                    format!("not a JSON-RPC reply ({e}): {}", snippet(&text)),
                ))
            }
            Err(_) => {
                return Err(BitcoindError::Http {
                    method: method.to_string(),
                    status,
                    body: snippet(&text),
                });
            }
        };
        if !reply.error.is_null() {
            let error: ErrorObject = serde_json::from_value(reply.error.clone())
                .map_err(|e| BitcoindError::malformed(method, format!("error object {} ({e})", reply.error)))?;
            return Err(BitcoindError::Rpc {
                method: method.to_string(),
                code: error.code,
                message: error.message,
            });
        }
        if status != 200 {
            return Err(BitcoindError::Http {
                method: method.to_string(),
                status,
                body: snippet(&text),
            });
        }
        if reply.id != json!(id) {
            return Err(BitcoindError::malformed(
                method,
                format!("reply id {} for request id {id}", reply.id),
            ));
        }
        Ok(reply.result)
    }
}

/// The start of a body, for an error message.
fn snippet(text: &str) -> String {
    text.chars().take(200).collect()
}
