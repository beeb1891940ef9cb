//! Why a call to bitcoind failed: [`BitcoindError`], one variant per layer
//! (reading the cookie, the HTTP exchange, authentication, bitcoind's own
//! JSON-RPC error object, a reply that is not what Bitcoin Core documents),
//! and the RPC error [`codes`] a caller is likely to match on.
//!
//! Every variant names the RPC method it happened in, so a log line says
//! what was being asked.

use std::path::PathBuf;

/// Bitcoin Core's JSON-RPC error codes (`src/rpc/protocol.h`) that this
/// backend meets or that callers will want to match on.
pub mod codes {
    /// `RPC_MISC_ERROR`: `std::exception` thrown in command handling.
    pub const MISC_ERROR: i64 = -1;
    /// `RPC_TYPE_ERROR`: unexpected type was passed as parameter.
    pub const TYPE_ERROR: i64 = -3;
    /// `RPC_INVALID_ADDRESS_OR_KEY`: invalid address or key; also "No such
    /// mempool or blockchain transaction" and "Block not found".
    pub const INVALID_ADDRESS_OR_KEY: i64 = -5;
    /// `RPC_INVALID_PARAMETER`: invalid, missing or duplicate parameter (e.g.
    /// `getblockhash` past the tip: "Block height out of range").
    pub const INVALID_PARAMETER: i64 = -8;
    /// `RPC_DESERIALIZATION_ERROR`: error parsing or validating structure in raw format.
    pub const DESERIALIZATION_ERROR: i64 = -22;
    /// `RPC_VERIFY_ERROR`: general error during transaction or block submission
    /// (e.g. "bad-txns-inputs-missingorspent").
    pub const VERIFY_ERROR: i64 = -25;
    /// `RPC_VERIFY_REJECTED`: transaction or block was rejected by network rules.
    pub const VERIFY_REJECTED: i64 = -26;
    /// `RPC_VERIFY_ALREADY_IN_CHAIN`: transaction already in chain.
    pub const VERIFY_ALREADY_IN_CHAIN: i64 = -27;
    /// `RPC_IN_WARMUP`: client still warming up.
    pub const IN_WARMUP: i64 = -28;
    /// JSON-RPC 2.0 "Method not found".
    pub const METHOD_NOT_FOUND: i64 = -32601;
}

/// Why bitcoind could not answer, or refused.
#[derive(Debug, thiserror::Error)]
pub enum BitcoindError {
    /// The cookie file could not be read (bitcoind not started, wrong datadir,
    /// no permission).
    #[error("cannot read the bitcoind cookie file {path}: {source}")]
    Cookie {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The cookie file is not `user:password` on one line.
    #[error("the bitcoind cookie file {path} is not of the form `__cookie__:<password>`")]
    CookieFormat { path: PathBuf },
    /// No HTTP exchange: connection refused, timeout, broken reply framing.
    #[error("{method}: cannot reach bitcoind at {url}: {detail}")]
    Transport {
        method: String,
        url: String,
        detail: String,
    },
    /// HTTP 401: bitcoind rejected the credentials (it answers with an empty body).
    #[error("{method}: bitcoind at {url} rejected the RPC credentials (HTTP 401); check rpcuser/rpcpassword or the cookie file")]
    Unauthorized { method: String, url: String },
    /// Another HTTP status without a JSON-RPC reply (403 when `rpcallowip`
    /// refuses us, 404 for a wrong path, 503 when the work queue is full…).
    #[error("{method}: bitcoind answered HTTP {status} without a JSON-RPC reply: {body:?}")]
    Http { method: String, status: i32, body: String },
    /// bitcoind's JSON-RPC error object: `{"code": -26, "message": "..."}`.
    #[error("{method}: bitcoind error {code}: {message}")]
    Rpc { method: String, code: i64, message: String },
    /// A reply that is not what Bitcoin Core documents for the method.
    #[error("{method}: malformed reply from bitcoind: {detail}")]
    Malformed { method: String, detail: String },
    /// bitcoind serves another chain than the one asked for.
    #[error("bitcoind serves chain {found:?}, expected {expected:?}")]
    WrongChain { expected: String, found: String },
}

impl BitcoindError {
    /// bitcoind's RPC error code, when bitcoind answered with an error object.
    pub fn rpc_code(&self) -> Option<i64> {
        match self {
            BitcoindError::Rpc { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Whether bitcoind refused a transaction (codes -25, -26, -27), as
    /// opposed to failing to answer.
    pub fn is_tx_rejection(&self) -> bool {
        matches!(
            self.rpc_code(),
            Some(codes::VERIFY_ERROR | codes::VERIFY_REJECTED | codes::VERIFY_ALREADY_IN_CHAIN)
        )
    }

    pub(crate) fn malformed(method: &str, detail: impl std::fmt::Display) -> Self {
        BitcoindError::Malformed {
            method: method.to_string(),
            detail: detail.to_string(),
        }
    }
}
