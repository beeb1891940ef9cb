//! Taking blocks out of the active chain: disconnecting the tip with its undo data,
//! `invalidate` (drop blocks from a height up), `reorg` (drop some, mine a competing
//! branch), and the mempool re-check that follows every change of tip.
//!
//! There is no proof-of-work contest: the caller decides which branch is active, and a
//! replacement branch may even be shorter than the one it replaces. Disconnected blocks
//! stay readable through `get_block` but are never reconnected automatically.

use bitcoin::{BlockHash, Transaction};

use crate::chain::BlockSpec;
use crate::chain::EmbeddedChain;
use crate::error::ChainError;
use crate::events::ChainEvent;
use crate::mempool::MempoolEntry;
use crate::validate::Scripts;

impl EmbeddedChain {
    /// Disconnects every block from `height` up to the tip, newest first, and returns
    /// their hashes in that order. Their non-coinbase transactions go back to the
    /// mempool (ahead of what was there) when still valid; the others are reported as
    /// `TxDropped`. The caller can then mine a different branch.
    pub fn invalidate(&mut self, height: u32) -> Result<Vec<BlockHash>, ChainError> {
        let tip = self.height();
        if height == 0 {
            return Err(ChainError::GenesisNotDisconnectable);
        }
        if height > tip {
            return Err(ChainError::HeightOutOfRange { height, tip });
        }
        let snapshot = self.clone();
        let mut hashes = Vec::new();
        let mut returned = Vec::new();
        for _ in height..=tip {
            match self.disconnect_tip() {
                Ok((hash, txs)) => {
                    hashes.push(hash);
                    returned.push(txs);
                }
                Err(e) => {
                    *self = snapshot;
                    return Err(e);
                }
            }
        }
        self.resync_mempool(returned.into_iter().rev().flatten().collect());
        Ok(hashes)
    }

    /// Disconnects the top `depth` blocks, then connects `new_blocks` in order, then
    /// returns the disconnected non-coinbase transactions to the mempool when still
    /// valid (reported as `TxDropped` otherwise). Returns the new blocks' hashes.
    ///
    /// While the new blocks are built, the disconnected transactions are not in the
    /// mempool: put them in a [`BlockSpec`]'s `transactions` to have the new branch
    /// confirm them. All or nothing: on error the chain, mempool and event log are
    /// exactly as before the call.
    pub fn reorg(
        &mut self,
        depth: u32,
        new_blocks: Vec<BlockSpec>,
    ) -> Result<Vec<BlockHash>, ChainError> {
        let tip = self.height();
        if depth > tip {
            return Err(ChainError::GenesisNotDisconnectable);
        }
        let snapshot = self.clone();
        match self.reorg_inner(depth, new_blocks) {
            Ok(hashes) => Ok(hashes),
            Err(e) => {
                *self = snapshot;
                Err(e)
            }
        }
    }

    fn reorg_inner(
        &mut self,
        depth: u32,
        new_blocks: Vec<BlockSpec>,
    ) -> Result<Vec<BlockHash>, ChainError> {
        let mut returned = Vec::new();
        for _ in 0..depth {
            let (_, txs) = self.disconnect_tip()?;
            returned.push(txs);
        }
        let mut hashes = Vec::with_capacity(new_blocks.len());
        for spec in new_blocks {
            hashes.push(self.connect(spec)?);
        }
        self.resync_mempool(returned.into_iter().rev().flatten().collect());
        Ok(hashes)
    }

    /// Disconnects the tip using its undo data; returns its hash and its non-coinbase
    /// transactions in block order.
    fn disconnect_tip(&mut self) -> Result<(BlockHash, Vec<Transaction>), ChainError> {
        if self.active.len() <= 1 {
            return Err(ChainError::GenesisNotDisconnectable);
        }
        let height = self.height();
        let Some(connected) = self.active.pop() else {
            return Err(ChainError::GenesisNotDisconnectable);
        };
        let hash = connected.hash;
        let n = connected.block.txdata.len();
        if connected.undo.len() != n || connected.txids.len() != n {
            return Err(ChainError::Inconsistent {
                hash,
                what: "undo data does not match the block",
            });
        }
        self.times.pop();
        self.events
            .push(ChainEvent::BlockDisconnected { height, hash });
        for ((tx, txid), undo) in connected
            .block
            .txdata
            .iter()
            .zip(&connected.txids)
            .zip(&connected.undo)
            .rev()
        {
            self.unapply(tx, *txid, undo);
            self.tx_index.remove(txid);
            if !tx.is_coinbase() {
                for txin in &tx.input {
                    self.events.push(ChainEvent::SpendReverted {
                        outpoint: txin.previous_output,
                        by: *txid,
                        height,
                    });
                }
            }
            self.events.push(ChainEvent::TxUnconfirmed {
                txid: *txid,
                height,
                block_hash: hash,
            });
        }
        let returned = connected
            .block
            .txdata
            .iter()
            .filter(|tx| !tx.is_coinbase())
            .cloned()
            .collect();
        self.stale.insert(hash, connected.block);
        Ok((hash, returned))
    }

    /// Re-checks the mempool against the new tip: `returned` (transactions of
    /// disconnected blocks, oldest first) go first, then the previous entries in
    /// arrival order. Transactions now confirmed leave silently; invalid ones leave
    /// with `TxDropped`. Scripts are not re-run: they were verified on entry or when
    /// their block was connected, and script validity does not depend on the tip.
    pub(crate) fn resync_mempool(&mut self, returned: Vec<Transaction>) {
        let previous = self.mempool.take_all();
        let candidates = returned
            .into_iter()
            .chain(previous.into_iter().map(|e| e.tx));
        for tx in candidates {
            let txid = tx.compute_txid();
            if self.tx_index.contains_key(&txid) {
                continue;
            }
            match self.check_for_mempool(&tx, Scripts::AlreadyVerified) {
                Ok((txid, fee)) => self.mempool.insert(MempoolEntry { tx, txid, fee }),
                Err(reason) => self.events.push(ChainEvent::TxDropped { txid, reason }),
            }
        }
    }
}
