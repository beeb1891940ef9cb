//! A blocking JSON-RPC 2.0 client for `lnpd` (what `lnp-cli` uses): finds
//! the daemon through its data directory (`rpc-address`, `.cookie`) or an
//! explicit address, and sends one call per HTTP request (`minreq`).
//!
//! What this is not: async, or a client for other servers (bitcoind's is
//! [`crate::chain::rpc`]).
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use thiserror::Error;

use super::cookie::{Cookie, CookieError, COOKIE_FILE_NAME};
use super::jsonrpc::RpcError;
use crate::daemon::RPC_ADDRESS_FILE;

/// How long one call may take (mining many blocks is the slowest).
pub const TIMEOUT_SECS: u64 = 120;

/// Why a call did not produce a result.
#[derive(Debug, Error)]
pub enum ClientError {
    #[error("cannot read {}: {source} (is lnpd running with this data directory?)", path.display())]
    AddressFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0} (is lnpd running with this data directory?)")]
    Cookie(#[from] CookieError),
    #[error("cannot reach lnpd at {url}: {source}")]
    Http {
        url: String,
        #[source]
        source: minreq::Error,
    },
    #[error("lnpd refused the credentials: {0}")]
    Unauthorized(String),
    #[error("lnpd answered HTTP {status} without a JSON-RPC reply: {body}")]
    Status { status: i32, body: String },
    #[error("lnpd's reply is not a JSON-RPC response: {0}")]
    Malformed(String),
    /// The daemon answered with a JSON-RPC error.
    #[error("{0}")]
    Rpc(RpcError),
}

/// A connection's settings: where and with which cookie.
#[derive(Debug, Clone)]
pub struct Client {
    url: String,
    cookie: Cookie,
}

impl Client {
    /// A client for `address` (`host:port`) with `cookie`.
    pub fn new(address: &str, cookie: Cookie) -> Client {
        Client { url: format!("http://{address}/"), cookie }
    }

    /// A client for the daemon of `datadir`; `address` overrides the
    /// `rpc-address` file.
    pub fn from_datadir(datadir: &Path, address: Option<&str>) -> Result<Client, ClientError> {
        let cookie = Cookie::read(&datadir.join(COOKIE_FILE_NAME))?;
        let address = match address {
            Some(a) => a.to_string(),
            None => {
                let path = datadir.join(RPC_ADDRESS_FILE);
                std::fs::read_to_string(&path)
                    .map_err(|source| ClientError::AddressFile { path, source })?
                    .trim()
                    .to_string()
            }
        };
        Ok(Client::new(&address, cookie))
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Calls `method` with `params` (an object, an array or null).
    pub fn call(&self, method: &str, params: Value) -> Result<Value, ClientError> {
        let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
        let reply = minreq::post(&self.url)
            .with_header("Content-Type", "application/json")
            .with_header("Authorization", self.cookie.authorization())
            .with_body(body.to_string())
            .with_timeout(TIMEOUT_SECS)
            .send()
            .map_err(|source| ClientError::Http { url: self.url.clone(), source })?;
        let text = reply.as_str().unwrap_or("<not UTF-8>").to_string();
        let parsed: Option<Value> = serde_json::from_str(&text).ok();
        let error = parsed
            .as_ref()
            .and_then(|v| v.get("error"))
            .filter(|e| !e.is_null())
            .map(|e| serde_json::from_value::<RpcError>(e.clone()));
        if reply.status_code == 401 {
            let message = match error {
                Some(Ok(e)) => e.message,
                _ => text,
            };
            return Err(ClientError::Unauthorized(message));
        }
        match (parsed, error) {
            (_, Some(Ok(e))) => Err(ClientError::Rpc(e)),
            (_, Some(Err(e))) => Err(ClientError::Malformed(format!("bad error object: {e}"))),
            (Some(mut v), None) if reply.status_code == 200 => {
                v.get_mut("result").map(Value::take).ok_or_else(|| ClientError::Malformed("no `result`".into()))
            }
            _ => Err(ClientError::Status { status: reply.status_code, body: text }),
        }
    }
}
