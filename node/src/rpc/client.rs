//! A blocking JSON-RPC 2.0 client for `lnpd` (what `lnp-cli` uses): finds
//! the daemon through its data directory (`.cookie`, and `rpc-address` or
//! else `rpc-socket`) or an explicit TCP address or unix socket, and sends
//! one call per HTTP request (`minreq` over TCP, [`super::unix::post`] over
//! the socket).
//!
//! [`PooledClient`] is the same over TCP for async programs that make many
//! calls (a payment service, the benches): it keeps its HTTP/1.1
//! connections open and reuses them, where [`Client`] connects anew for
//! every call as a one-shot `lnp-cli` does.
//!
//! What this is not: a client for other servers (bitcoind's is
//! [`crate::chain::rpc`]).
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use thiserror::Error;

use super::cookie::{Cookie, CookieError, COOKIE_FILE_NAME};
use super::jsonrpc::RpcError;
use super::unix;
use crate::daemon::{RPC_ADDRESS_FILE, RPC_SOCKET_FILE};

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
    #[error("cannot reach lnpd on the socket {}: {source}", path.display())]
    Socket {
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
    /// A [`PooledClient`] could not connect, send or read the reply.
    #[error("cannot reach lnpd at {url}: {reason}")]
    Connection { url: String, reason: String },
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

/// Where the daemon answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// `http://host:port/`.
    Tcp(String),
    /// A unix socket.
    Unix(PathBuf),
}

/// A connection's settings: where and with which cookie.
#[derive(Debug, Clone)]
pub struct Client {
    endpoint: Endpoint,
    cookie: Cookie,
}

/// The first line of `path`, if the file exists.
fn read_line_file(path: PathBuf) -> Result<Option<String>, ClientError> {
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text.trim().to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ClientError::AddressFile { path, source }),
    }
}

impl Client {
    /// A client for `address` (`host:port`) with `cookie`.
    pub fn new(address: &str, cookie: Cookie) -> Client {
        Client { endpoint: Endpoint::Tcp(format!("http://{address}/")), cookie }
    }

    /// A client for the unix socket at `path` with `cookie`.
    pub fn unix(path: &Path, cookie: Cookie) -> Client {
        Client { endpoint: Endpoint::Unix(path.to_path_buf()), cookie }
    }

    /// A client for the daemon of `datadir`; `address` overrides the
    /// `rpc-address` file.
    pub fn from_datadir(datadir: &Path, address: Option<&str>) -> Result<Client, ClientError> {
        let cookie = Cookie::read(&datadir.join(COOKIE_FILE_NAME))?;
        if let Some(a) = address {
            return Ok(Client::new(a, cookie));
        }
        if let Some(a) = read_line_file(datadir.join(RPC_ADDRESS_FILE))? {
            return Ok(Client::new(&a, cookie));
        }
        match read_line_file(datadir.join(RPC_SOCKET_FILE))? {
            Some(socket) => Ok(Client::unix(Path::new(&socket), cookie)),
            None => Err(ClientError::AddressFile {
                path: datadir.join(RPC_ADDRESS_FILE),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, format!("neither it nor {RPC_SOCKET_FILE} exists")),
            }),
        }
    }

    /// A client for the daemon of `datadir` (its cookie) on the unix socket at `socket`.
    pub fn from_datadir_socket(datadir: &Path, socket: &Path) -> Result<Client, ClientError> {
        Ok(Client::unix(socket, Cookie::read(&datadir.join(COOKIE_FILE_NAME))?))
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// Sends one request body; the HTTP status and the reply's text.
    fn post(&self, body: String) -> Result<(i32, String), ClientError> {
        match &self.endpoint {
            Endpoint::Tcp(url) => {
                let reply = minreq::post(url)
                    .with_header("Content-Type", "application/json")
                    .with_header("Authorization", self.cookie.authorization())
                    .with_body(body)
                    .with_timeout(TIMEOUT_SECS)
                    .send()
                    .map_err(|source| ClientError::Http { url: url.clone(), source })?;
                Ok((reply.status_code, reply.as_str().unwrap_or("<not UTF-8>").to_string()))
            }
            Endpoint::Unix(path) => {
                let reply = unix::post(path, &self.cookie.authorization(), &body, std::time::Duration::from_secs(TIMEOUT_SECS))
                    .map_err(|source| ClientError::Socket { path: path.clone(), source })?;
                Ok((i32::from(reply.status), String::from_utf8(reply.body).unwrap_or_else(|_| "<not UTF-8>".into())))
            }
        }
    }

    /// Calls `method` with `params` (an object, an array or null).
    pub fn call(&self, method: &str, params: Value) -> Result<Value, ClientError> {
        let (status_code, text) = self.post(request_body(method, params))?;
        interpret(status_code, text)
    }
}

/// A JSON-RPC 2.0 request for `method` with `params`.
fn request_body(method: &str, params: Value) -> String {
    json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params }).to_string()
}

/// A call's result from the HTTP status and the reply's text.
fn interpret(status_code: i32, text: String) -> Result<Value, ClientError> {
    let parsed: Option<Value> = serde_json::from_str(&text).ok();
    let error = parsed
        .as_ref()
        .and_then(|v| v.get("error"))
        .filter(|e| !e.is_null())
        .map(|e| serde_json::from_value::<RpcError>(e.clone()));
    if status_code == 401 {
        let message = match error {
            Some(Ok(e)) => e.message,
            _ => text,
        };
        return Err(ClientError::Unauthorized(message));
    }
    match (parsed, error) {
        (_, Some(Ok(e))) => Err(ClientError::Rpc(e)),
        (_, Some(Err(e))) => Err(ClientError::Malformed(format!("bad error object: {e}"))),
        (Some(mut v), None) if status_code == 200 => {
            v.get_mut("result").map(Value::take).ok_or_else(|| ClientError::Malformed("no `result`".into()))
        }
        _ => Err(ClientError::Status { status: status_code, body: text }),
    }
}

/// An async client over TCP that keeps its connections to the daemon open
/// between calls (HTTP/1.1 keep-alive, one connection per call in flight,
/// idle ones reused). Cheap to clone: clones share the pool.
#[derive(Clone)]
pub struct PooledClient {
    url: hyper::Uri,
    authorization: String,
    http: hyper_util::client::legacy::Client<
        hyper_util::client::legacy::connect::HttpConnector,
        http_body_util::Full<hyper::body::Bytes>,
    >,
}

impl PooledClient {
    /// A client for `address` (`host:port`) with `cookie`.
    pub fn new(address: &str, cookie: &Cookie) -> Result<PooledClient, ClientError> {
        let url = format!("http://{address}/");
        let uri = url.parse::<hyper::Uri>().map_err(|e| ClientError::Malformed(format!("the address {address}: {e}")))?;
        let mut connector = hyper_util::client::legacy::connect::HttpConnector::new();
        connector.set_nodelay(true);
        let http = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .pool_idle_timeout(std::time::Duration::from_secs(30))
            .build(connector);
        Ok(PooledClient { url: uri, authorization: cookie.authorization(), http })
    }

    /// A client for the daemon of `datadir` on TCP: `address`, or else the
    /// one its `rpc-address` file names.
    pub fn from_datadir(datadir: &Path, address: Option<&str>) -> Result<PooledClient, ClientError> {
        let cookie = Cookie::read(&datadir.join(COOKIE_FILE_NAME))?;
        let address = match address {
            Some(a) => a.to_string(),
            None => read_line_file(datadir.join(RPC_ADDRESS_FILE))?.ok_or_else(|| ClientError::AddressFile {
                path: datadir.join(RPC_ADDRESS_FILE),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "the daemon does not serve RPC on TCP"),
            })?,
        };
        PooledClient::new(&address, &cookie)
    }

    /// Calls `method` with `params` (an object, an array or null).
    pub async fn call(&self, method: &str, params: Value) -> Result<Value, ClientError> {
        use http_body_util::BodyExt;
        let http_error = |reason: String| ClientError::Connection { url: self.url.to_string(), reason };
        let request = hyper::Request::post(self.url.clone())
            .header(hyper::header::CONTENT_TYPE, "application/json")
            .header(hyper::header::AUTHORIZATION, &self.authorization)
            .body(http_body_util::Full::new(hyper::body::Bytes::from(request_body(method, params))))
            .map_err(|e| ClientError::Malformed(format!("the request: {e}")))?;
        let call = async {
            let reply = self.http.request(request).await.map_err(|e| http_error(e.to_string()))?;
            let status = i32::from(reply.status().as_u16());
            let body = reply.into_body().collect().await.map_err(|e| http_error(e.to_string()))?.to_bytes();
            Ok::<_, ClientError>((status, String::from_utf8(body.to_vec()).unwrap_or_else(|_| "<not UTF-8>".into())))
        };
        let (status, text) = tokio::time::timeout(std::time::Duration::from_secs(TIMEOUT_SECS), call)
            .await
            .map_err(|_| http_error(format!("no answer in {TIMEOUT_SECS} s")))??;
        interpret(status, text)
    }
}
