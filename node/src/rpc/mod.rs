//! `lnpd`'s RPC: JSON-RPC 2.0 over HTTP/1.1 on loopback TCP or a unix
//! socket, authenticated with a bitcoind-style cookie.
//!
//! - [`jsonrpc`]: requests, responses, error codes, parameters by name or
//!   position;
//! - [`cookie`]: the `.cookie` file and HTTP Basic checking;
//! - [`server`]: the hyper server (POST, auth, body limit, batches);
//! - [`unix`]: the unix socket, both ends (binding it, and the blocking
//!   POST the client sends over it);
//! - [`methods`]: what each method does on the running node;
//! - [`client`]: the blocking client `lnp-cli` uses.
//!
//! What this is not: TLS or remote access — the server binds only to
//! loopback or a local socket (the config refuses anything else).
pub mod client;
pub mod cookie;
pub mod jsonrpc;
pub mod methods;
pub mod server;
pub mod unix;
