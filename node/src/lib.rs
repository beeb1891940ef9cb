//! lnp-node: the networking host of lnp, and the `lnpd` / `lnp-cli`
//! binaries.
//!
//! - [`transport`]: BOLT 8 (the Noise_XK handshake and message encryption
//!   with key rotation), a sans-IO core plus a thin tokio adapter;
//! - [`peer`]: one connection after the handshake, running the BOLT 1 peer
//!   machine generated from `specs/bolt/peer.lnp`; [`peers`]: the peer
//!   manager (listening, dialing, the peer table);
//! - [`chain`]: the chain backends — bitcoind over JSON-RPC, and the
//!   embedded `lnp-chain` kept in the store;
//! - [`config`], [`seed`], [`keys`], [`wallet`]: the daemon's configuration,
//!   its seed file, the BIP32 keys derived from it and receive addresses;
//! - [`invoice`]: BOLT 11 invoices;
//! - [`daemon`]: starting, running and stopping the node; [`rpc`]: its
//!   JSON-RPC server, methods and client.
//!
//! Not yet here: channels — the BOLT channel machine is not wired into the
//! daemon, so there is no open, pay or close.
pub mod chain;
pub mod config;
pub mod daemon;
pub mod invoice;
pub mod keys;
pub mod peer;
pub mod peers;
pub mod rpc;
pub mod seed;
pub mod transport;
pub mod wallet;
