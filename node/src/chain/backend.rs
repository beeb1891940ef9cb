//! The chain backend the daemon runs, chosen by `--chain`: the embedded
//! chain ([`PersistentChain`], in process) or Bitcoin Core
//! ([`BitcoindChain`]), behind the few async calls the daemon makes. The
//! blocking work (bitcoind's HTTP, mining) runs on tokio's blocking pool.
//!
//! What this is not: the watch polling of channels (that is the engine's
//! `Watches` over a `ChainView`, for when channels arrive).
use std::sync::{Arc, Mutex};

use bitcoin::{BlockHash, Network, ScriptBuf};
use thiserror::Error;

use super::embedded::{EmbeddedError, PersistentChain};
use super::{Auth, BitcoindChain, BitcoindError, RpcClient};
use crate::config::{BitcoindAuth, BitcoindConfig};

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

fn lock(chain: &Mutex<PersistentChain>) -> std::sync::MutexGuard<'_, PersistentChain> {
    // `mine` stores each block as it connects it: a panic midway leaves a
    // chain whose stored blocks still replay.
    chain.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
