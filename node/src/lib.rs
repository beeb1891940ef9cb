//! lnp-node: the networking host of lnp.
//!
//! What exists now: the [`transport`], BOLT 8's encrypted and
//! authenticated transport (the Noise_XK handshake and the length-prefixed
//! message encryption with key rotation), as a sans-IO core over bytes plus a
//! thin tokio adapter; and [`chain`], the bitcoind chain backend (a blocking
//! JSON-RPC client implementing the engine's `ChainView`). It is not yet a
//! node: BOLT 1 messages, peers, the store, the RPC server and the `lnpd` /
//! `lnp-cli` binaries come later.
pub mod chain;
pub mod transport;
