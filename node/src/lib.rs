//! lnp-node: the networking host of lnp.
//!
//! What exists now: the [`transport`], BOLT 8's encrypted and
//! authenticated transport (the Noise_XK handshake and the length-prefixed
//! message encryption with key rotation), as a sans-IO core over bytes plus a
//! thin tokio adapter; [`peer`], one connection after the handshake, running
//! the BOLT 1 peer machine generated from `specs/bolt/peer.lnp` (`init`,
//! feature negotiation, pings) and handing other messages to the host; and
//! [`chain`], the bitcoind chain backend (a blocking JSON-RPC client
//! implementing the engine's `ChainView`). It is not yet a node: the peer
//! manager, channel dispatch, the store, the RPC server and the `lnpd` /
//! `lnp-cli` binaries come later.
pub mod chain;
pub mod config;
pub mod invoice;
pub mod keys;
pub mod peer;
pub mod peers;
pub mod seed;
pub mod transport;
pub mod wallet;
