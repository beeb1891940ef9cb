//! The chain backend the daemon runs, chosen by `--chain`: the embedded
//! chain ([`PersistentChain`], in process) or Bitcoin Core
//! ([`BitcoindChain`]), behind the few async calls the daemon makes. The
//! blocking work (bitcoind's HTTP, mining) runs on tokio's blocking pool.
//!
//! It also answers what the channels and the wallet ask of the chain: the
//! blocks to scan and their hashes (the wallet's [`crate::wallet::BlockSource`],
//! to follow reorgs), broadcasts (a transaction already in the mempool or the
//! chain counts as sent), and polls of the engine's `Watches` against the
//! backend's `ChainView` — many channels' watches against one [`Snapshot`].
//! What this is not: fee estimation. Rebroadcasting is the channel host's
//! ([`crate::channels::rebroadcast`]), through [`Snapshot::review`].
use std::sync::{Arc, Mutex};

use bitcoin::{Block, BlockHash, Network, ScriptBuf, Transaction, Txid};
use lnp_chain::RejectReason;
use lnp_engine::chain_view::Watches;
use lnp_engine::rt::ChainEvent;

use crate::channels::rebroadcast::{self, Rebroadcasts, Review};
use thiserror::Error;

use super::bitcoind::Synced;
use super::embedded::{EmbeddedError, PersistentChain};
use super::{Auth, BitcoindChain, BitcoindError, RpcClient};
use crate::config::{BitcoindAuth, BitcoindConfig};
use crate::fees;

/// Why the backend failed or refused.
#[derive(Debug, Error)]
pub enum BackendError {
    #[error("embedded chain: {0}")]
    Embedded(#[from] EmbeddedError),
    #[error("bitcoind: {0}")]
    Bitcoind(#[from] BitcoindError),
    #[error("{what} is only available with the embedded chain (this node runs --chain bitcoind)")]
    NotSupported { what: &'static str },
    #[error("a chain task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("the embedded chain refused transaction {txid}: {reason}")]
    Refused { txid: Txid, reason: Box<RejectReason> },
}

/// The running backend.
#[derive(Clone)]
pub enum ChainBackend {
    Embedded(Arc<Mutex<PersistentChain>>),
    Bitcoind(Arc<BitcoindChain>),
}

impl ChainBackend {
    /// The embedded chain stored in `db`.
    pub fn embedded(db: &sled::Db) -> Result<ChainBackend, BackendError> {
        Ok(ChainBackend::Embedded(Arc::new(Mutex::new(PersistentChain::open(db)?))))
    }

    /// bitcoind, checked to serve `network`; followed from its current tip.
    pub async fn bitcoind(config: &BitcoindConfig, network: Network) -> Result<ChainBackend, BackendError> {
        let auth = match &config.auth {
            BitcoindAuth::Cookie(path) => Auth::CookieFile(path.clone()),
            BitcoindAuth::UserPass { user, pass } => Auth::UserPass { user: user.clone(), password: pass.0.clone() },
        };
        let probe = BitcoindChain::new(RpcClient::new(config.url.clone(), auth.clone()), 0);
        let info = tokio::task::spawn_blocking(move || probe.check_network(network)).await??;
        let chain = BitcoindChain::new(RpcClient::new(config.url.clone(), auth), info.blocks);
        Ok(ChainBackend::Bitcoind(Arc::new(chain)))
    }

    /// `embedded` or `bitcoind`.
    pub fn name(&self) -> &'static str {
        match self {
            ChainBackend::Embedded(_) => "embedded",
            ChainBackend::Bitcoind(_) => "bitcoind",
        }
    }

    /// The best block's height.
    pub async fn height(&self) -> Result<u32, BackendError> {
        match self {
            ChainBackend::Embedded(chain) => Ok(lock(chain).chain().height()),
            ChainBackend::Bitcoind(chain) => {
                let chain = chain.clone();
                Ok(tokio::task::spawn_blocking(move || chain.blockchain_info()).await??.blocks)
            }
        }
    }

    /// Mines `n` blocks paying `reward_script` (embedded chain only).
    pub async fn mine(&self, n: u32, reward_script: ScriptBuf) -> Result<Vec<BlockHash>, BackendError> {
        match self {
            ChainBackend::Embedded(chain) => {
                let chain = chain.clone();
                Ok(tokio::task::spawn_blocking(move || lock(&chain).mine(n, &reward_script)).await??)
            }
            ChainBackend::Bitcoind(_) => Err(BackendError::NotSupported { what: "mining" }),
        }
    }
}

impl ChainBackend {
    /// Hands `tx` to the chain; a transaction the mempool or the chain
    /// already has is a success. Blocking (bitcoind: one HTTP call).
    pub fn broadcast_blocking(&self, tx: &Transaction) -> Result<Txid, BackendError> {
        let txid = tx.compute_txid();
        match self {
            ChainBackend::Embedded(chain) => match lock(chain).submit(tx.clone()) {
                Ok(t) => Ok(t),
                Err(RejectReason::AlreadyInMempool(_) | RejectReason::AlreadyConfirmed { .. }) => Ok(txid),
                Err(reason) => Err(BackendError::Refused { txid, reason: Box::new(reason) }),
            },
            ChainBackend::Bitcoind(chain) => match chain.send_raw_transaction(tx) {
                Ok(t) => Ok(t),
                Err(e) if e.rpc_code() == Some(super::codes::VERIFY_ALREADY_IN_CHAIN) => Ok(txid),
                Err(e) if e.to_string().contains("txn-already-in-mempool") => Ok(txid),
                Err(e) => Err(e.into()),
            },
        }
    }

    /// The feerate to confirm within [`fees::TARGET_BLOCKS`], in sat per
    /// 1,000 weight units, clamped to what a channel accepts; `None` when
    /// the chain has no estimate (the embedded chain never has one;
    /// bitcoind answers `errors` until it has seen enough blocks). Blocking.
    pub fn feerate_estimate_blocking(&self) -> Result<Option<u32>, BackendError> {
        match self {
            ChainBackend::Embedded(_) => Ok(None),
            ChainBackend::Bitcoind(chain) => {
                let estimate = chain.estimate_smart_fee(fees::TARGET_BLOCKS)?;
                Ok(estimate.fee_rate.map(|r| fees::commitment_rate(r.to_sat_per_kwu())))
            }
        }
    }

    /// The tip's height. Blocking.
    pub fn height_blocking(&self) -> Result<u32, BackendError> {
        match self {
            ChainBackend::Embedded(chain) => Ok(lock(chain).chain().height()),
            ChainBackend::Bitcoind(chain) => Ok(chain.sync()?),
        }
    }

    /// The block at `height` of the active chain, if there is one. Blocking.
    pub fn block_at_blocking(&self, height: u32) -> Result<Option<Block>, BackendError> {
        match self {
            ChainBackend::Embedded(chain) => Ok(lock(chain).chain().block_at(height).cloned()),
            ChainBackend::Bitcoind(chain) => {
                if height > chain.blockchain_info()?.blocks {
                    return Ok(None);
                }
                let hash = chain.block_hash(height)?;
                Ok(Some(chain.block(&hash)?))
            }
        }
    }

    /// The events of the `watches` the chain now satisfies (see
    /// [`Watches::poll`]). Blocking.
    pub fn poll_blocking<K: PartialEq>(&self, watches: &mut Watches<K>) -> Result<Vec<(K, ChainEvent)>, BackendError> {
        self.snapshot_blocking()?.poll(watches)
    }

    /// The chain as of now, to poll many sets of watches against (bitcoind:
    /// one sync for all of them). Blocking. Until it is dropped, it holds
    /// the embedded chain's lock or the bitcoind backend's index: other
    /// calls on the backend (a broadcast) wait.
    pub fn snapshot_blocking(&self) -> Result<Snapshot<'_>, BackendError> {
        Ok(match self {
            ChainBackend::Embedded(chain) => Snapshot::Embedded(lock(chain)),
            ChainBackend::Bitcoind(chain) => Snapshot::Bitcoind(chain.synced()?),
        })
    }
}

/// The chain read for many polls ([`ChainBackend::snapshot_blocking`]).
pub enum Snapshot<'a> {
    Embedded(std::sync::MutexGuard<'a, PersistentChain>),
    Bitcoind(Synced<'a>),
}

impl Snapshot<'_> {
    /// The events of the `watches` the chain satisfies (see [`Watches::poll`]).
    pub fn poll<K: PartialEq>(&self, watches: &mut Watches<K>) -> Result<Vec<(K, ChainEvent)>, BackendError> {
        match self {
            Snapshot::Embedded(chain) => watches.poll(chain.chain()).map_err(embedded_read),
            Snapshot::Bitcoind(view) => Ok(watches.poll(view)?),
        }
    }

    /// [`Rebroadcasts::review`] against this reading of the chain.
    pub fn review(&self, followed: &mut Rebroadcasts, tip: u32) -> Result<Review, BackendError> {
        match self {
            Snapshot::Embedded(chain) => followed.review(chain.chain(), tip).map_err(embedded_read),
            Snapshot::Bitcoind(view) => Ok(followed.review(view, tip)?),
        }
    }

    /// Whether `tx` is neither confirmed nor replaced ([`rebroadcast::needs_broadcast`]).
    pub fn needs_broadcast(&self, tx: &Transaction) -> Result<bool, BackendError> {
        match self {
            Snapshot::Embedded(chain) => rebroadcast::needs_broadcast(chain.chain(), tx).map_err(embedded_read),
            Snapshot::Bitcoind(view) => Ok(rebroadcast::needs_broadcast(view, tx)?),
        }
    }
}

/// Reading the embedded chain cannot fail; its `ChainView` error type is
/// its reject reason.
fn embedded_read(reason: RejectReason) -> BackendError {
    BackendError::Embedded(EmbeddedError::Read(Box::new(reason)))
}

/// The blocks the wallet follows ([`crate::wallet::Wallet::sync`]).
impl crate::wallet::BlockSource for ChainBackend {
    type Error = BackendError;

    fn hash_at(&self, height: u32) -> Result<Option<BlockHash>, BackendError> {
        match self {
            ChainBackend::Embedded(chain) => Ok(lock(chain).chain().block_hash(height)),
            ChainBackend::Bitcoind(chain) => match chain.block_hash(height) {
                // "Block height out of range": above the tip.
                Err(e) if e.rpc_code() == Some(super::codes::INVALID_PARAMETER) => Ok(None),
                other => Ok(Some(other?)),
            },
        }
    }

    fn block_at(&self, height: u32) -> Result<Option<Block>, BackendError> {
        self.block_at_blocking(height)
    }
}

fn lock(chain: &Mutex<PersistentChain>) -> std::sync::MutexGuard<'_, PersistentChain> {
    // `mine` stores each block as it connects it: a panic midway leaves a
    // chain whose stored blocks still replay.
    chain.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
