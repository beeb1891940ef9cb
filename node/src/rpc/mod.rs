//! `lnpd`'s RPC: JSON-RPC 2.0 over HTTP/1.1 on loopback TCP, authenticated
//! with a bitcoind-style cookie.
//!
//! - [`jsonrpc`]: requests, responses, error codes, parameters by name or
//!   position;
//! - [`cookie`]: the `.cookie` file and HTTP Basic checking;
//! - [`server`]: the hyper server (POST, auth, body limit, batches);
//! - [`methods`]: what each method does on the running node;
//! - [`client`]: the blocking client `lnp-cli` uses.
//!
//! What this is not: TLS or remote access — the server binds only to
//! loopback (the config refuses anything else).
pub mod client;
pub mod cookie;
pub mod jsonrpc;
pub mod methods;
pub mod server;
