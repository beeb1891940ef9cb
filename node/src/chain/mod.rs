//! Chain backends for the host: what a node polls its machines' watches
//! against and hands its transactions to.
//!
//! For now one backend, [`bitcoind::BitcoindChain`], speaking Bitcoin Core's
//! JSON-RPC ([`rpc`]) and implementing the engine's
//! [`ChainView`](lnp_engine::chain_view::ChainView). Not here: a wallet, fee
//! bumping, block filters or Electrum/Esplora backends, and anything async.

pub mod bitcoind;
pub mod error;
pub mod rpc;

pub use bitcoind::{BitcoindChain, BlockchainInfo, FeeEstimate};
pub use error::{codes, BitcoindError};
pub use rpc::{Auth, RpcClient};
