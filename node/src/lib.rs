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
//!   its seed file, the BIP32 keys derived from it, and the on-chain wallet
//!   (miniscript descriptors, coins found by scanning blocks and undone by
//!   reorgs, funding transactions as PSBTs);
//! - [`channels`]: the BOLT channel machines hosted in the node (open,
//!   pay a direct peer, close), persisted and reopened after a restart;
//! - [`invoice`]: BOLT 11 invoices;
//! - [`onion`]: BOLT 4 payment onions (hop payloads, building and peeling
//!   the packet, failures sent back);
//! - [`daemon`]: starting, running and stopping the node; [`rpc`]: its
//!   JSON-RPC server, methods and client;
//! - [`demo`]: three nodes on one embedded chain, open, pay and close
//!   (`lnpd demo`).
pub mod chain;
pub mod channels;
pub mod config;
pub mod daemon;
pub mod demo;
pub mod fees;
pub mod invoice;
pub mod keys;
pub mod memory;
pub mod onion;
pub mod peer;
pub mod peers;
pub mod rpc;
pub mod seed;
pub mod transport;
pub mod wallet;
