//! Chain backends for the host: what a node polls its machines' watches
//! against and hands its transactions to.
//!
//! Two backends: [`bitcoind::BitcoindChain`], speaking Bitcoin Core's
//! JSON-RPC ([`rpc`]) and implementing the engine's
//! [`ChainView`](lnp_engine::chain_view::ChainView), and [`embedded`], the
//! in-process `lnp-chain` with its blocks kept in the node's store;
//! [`backend`] is the daemon's choice between them. Not here: a wallet, fee
//! bumping, block filters or Electrum/Esplora backends.

pub mod backend;
pub mod bitcoind;
pub mod embedded;
pub mod error;
pub mod rpc;

pub use bitcoind::{BitcoindChain, BlockchainInfo, FeeEstimate};
pub use error::{codes, BitcoindError};
pub use rpc::{Auth, RpcClient};
