//! Connecting a block to the tip: validating and applying its transactions one by one
//! to the UTXO set (recording undo data), building the coinbase and the block, and
//! recording indexes and events.
//!
//! All or nothing: if a caller-supplied transaction is invalid, the transactions
//! already applied are undone and the chain is as before. This module does not touch
//! the mempool's contents (the caller re-checks it afterwards) and does not disconnect.

use bitcoin::{Amount, BlockHash, OutPoint, Transaction, Txid};

use crate::block::{assemble, coinbase, COINBASE_WEIGHT_RESERVE};
use crate::chain::{BlockSpec, ConnectedBlock, EmbeddedChain};
use crate::error::{ChainError, RejectReason};
use crate::events::ChainEvent;
use crate::locks::{median_time_past, LockContext};
use crate::params::{block_subsidy, BLOCK_INTERVAL_SECS, MAX_BLOCK_WEIGHT};
use crate::utxo::{Coin, ConfirmedSpend};
use crate::validate::{check_inputs, check_transaction, CoinView, Scripts};

/// A transaction applied to the UTXO set while a block is being built.
struct Applied {
    tx: Transaction,
    txid: Txid,
    fee: Amount,
    undo: Vec<Coin>,
}

impl EmbeddedChain {
    /// Builds the block `spec` describes on the tip and connects it.
    pub(crate) fn connect(&mut self, spec: BlockSpec) -> Result<BlockHash, ChainError> {
        let parent = self.tip();
        let height = parent.height + 1;
        let mtp = median_time_past(&self.times, parent.height);
        let previous = self.times.last().copied().unwrap_or(0);
        let time = match spec.time {
            Some(t) => t,
            None => previous
                .checked_add(BLOCK_INTERVAL_SECS)
                .ok_or(ChainError::TimeOverflow { previous })?,
        };
        if time <= mtp {
            return Err(ChainError::BlockTimeTooOld {
                time,
                median_time_past: mtp,
            });
        }

        let mut applied: Vec<Applied> = Vec::new();
        let mut weight = COINBASE_WEIGHT_RESERVE;
        for (index, tx) in spec.transactions.into_iter().enumerate() {
            let txid = tx.compute_txid();
            weight = weight.saturating_add(tx.weight().to_wu());
            let result = if weight > MAX_BLOCK_WEIGHT.to_wu() {
                Err(ChainError::BlockTooHeavy { weight_wu: weight })
            } else {
                self.apply(&tx, txid, height, Scripts::Verify)
                    .map_err(|reason| ChainError::InvalidBlockTransaction {
                        index,
                        txid,
                        reason,
                    })
            };
            match result {
                Ok((fee, undo)) => applied.push(Applied {
                    tx,
                    txid,
                    fee,
                    undo,
                }),
                Err(e) => {
                    self.roll_back(applied);
                    return Err(e);
                }
            }
        }
        if spec.include_mempool {
            // Mempool transactions were script-verified on entry; whatever no longer
            // fits or is no longer valid is skipped (the mempool re-check drops the
            // invalid ones afterwards).
            let candidates: Vec<(Transaction, Txid)> = self
                .mempool
                .iter()
                .map(|e| (e.tx.clone(), e.txid))
                .collect();
            for (tx, txid) in candidates {
                let w = tx.weight().to_wu();
                if weight.saturating_add(w) > MAX_BLOCK_WEIGHT.to_wu() {
                    continue;
                }
                if let Ok((fee, undo)) = self.apply(&tx, txid, height, Scripts::AlreadyVerified) {
                    weight += w;
                    applied.push(Applied {
                        tx,
                        txid,
                        fee,
                        undo,
                    });
                }
            }
        }

        let fees = applied.iter().fold(Amount::ZERO, |acc, a| {
            acc.checked_add(a.fee).unwrap_or(Amount::MAX)
        });
        let reward = block_subsidy(height)
            .checked_add(fees)
            .unwrap_or(Amount::MAX);
        let cb = coinbase(height, self.blocks_made, &spec.reward_script, reward);
        self.blocks_made += 1;

        let mut txids = Vec::with_capacity(applied.len() + 1);
        let mut undo = Vec::with_capacity(applied.len() + 1);
        let mut txs = Vec::with_capacity(applied.len());
        undo.push(Vec::new());
        for a in applied {
            txids.push(a.txid);
            undo.push(a.undo);
            txs.push(a.tx);
        }
        let block = assemble(parent.hash, time, cb, txs);
        let hash = block.block_hash();
        if let Some(cb) = block.txdata.first() {
            let cb_txid = cb.compute_txid();
            self.utxos.add_outputs(cb, cb_txid, height);
            txids.insert(0, cb_txid);
        }

        self.events
            .push(ChainEvent::BlockConnected { height, hash });
        for (pos, (tx, txid)) in block.txdata.iter().zip(&txids).enumerate() {
            self.tx_index.insert(*txid, (height, pos));
            self.events.push(ChainEvent::TxConfirmed {
                txid: *txid,
                height,
                block_hash: hash,
            });
            if tx.is_coinbase() {
                continue;
            }
            for txin in &tx.input {
                self.events.push(ChainEvent::OutputSpent {
                    outpoint: txin.previous_output,
                    by: *txid,
                    height,
                });
            }
        }
        self.times.push(time);
        self.active.push(ConnectedBlock {
            block,
            hash,
            txids,
            undo,
        });
        Ok(hash)
    }

    /// Validates `tx` against the UTXO set for a block at `height` (coins spent
    /// earlier in the same block are already gone) and applies it. Returns the fee and
    /// the coins it spent.
    fn apply(
        &mut self,
        tx: &Transaction,
        txid: Txid,
        height: u32,
        scripts: Scripts,
    ) -> Result<(Amount, Vec<Coin>), RejectReason> {
        check_transaction(tx)?;
        if let Some(&(h, _)) = self.tx_index.get(&txid) {
            return Err(RejectReason::AlreadyConfirmed { txid, height: h });
        }
        let view = CoinView {
            utxos: &self.utxos,
            spent: &self.spent,
            mempool: None,
            mempool_height: height,
        };
        let ctx = LockContext {
            height,
            times: &self.times,
        };
        let validated = check_inputs(tx, &view, &ctx, scripts)?;
        let mut undo = Vec::with_capacity(tx.input.len());
        for txin in &tx.input {
            let outpoint = txin.previous_output;
            // check_inputs just found every input unspent in the UTXO set.
            let Some(coin) = self.utxos.remove(&outpoint) else {
                self.restore(&undo, tx);
                return Err(RejectReason::MissingInput(outpoint));
            };
            self.spent.insert(outpoint, ConfirmedSpend { txid, height });
            undo.push(coin);
        }
        self.utxos.add_outputs(tx, txid, height);
        Ok((validated.fee, undo))
    }

    /// Puts back the coins `tx`'s first inputs spent (a partial apply).
    fn restore(&mut self, undo: &[Coin], tx: &Transaction) {
        for (txin, coin) in tx.input.iter().zip(undo) {
            self.utxos.insert(txin.previous_output, coin.clone());
            self.spent.remove(&txin.previous_output);
        }
    }

    fn roll_back(&mut self, applied: Vec<Applied>) {
        for a in applied.into_iter().rev() {
            self.unapply(&a.tx, a.txid, &a.undo);
        }
    }

    /// Reverses an applied transaction: its outputs leave the UTXO set, the coins it
    /// spent return. Also used for coinbases (no undo coins, null inputs).
    pub(crate) fn unapply(&mut self, tx: &Transaction, txid: Txid, undo: &[Coin]) {
        for vout in 0..tx.output.len() {
            if let Ok(vout) = u32::try_from(vout) {
                self.utxos.remove(&OutPoint { txid, vout });
            }
        }
        self.restore(undo, tx);
    }
}
