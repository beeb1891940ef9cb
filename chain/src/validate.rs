//! Transaction validation: the context-free checks (Bitcoin Core's `CheckTransaction`)
//! and the checks against a coin view and the block the transaction would be mined in
//! (`CheckTxInputs`, finality, sequence locks, scripts).
//!
//! What this module does not decide: whether a transaction is already known (the chain
//! does), relay policy (there is none: no dust limit, fee floor, standardness or RBF),
//! and signature-operation limits (not enforced; see the crate docs).

use std::collections::BTreeSet;

use bitcoin::consensus::encode::serialize;
use bitcoin::{Amount, OutPoint, Transaction, Txid};

use crate::error::RejectReason;
use crate::locks::{check_final, check_sequence_locks, LockContext};
use crate::mempool::Mempool;
use crate::params::{COINBASE_MATURITY, MAX_BLOCK_WEIGHT, MAX_MONEY};
use crate::script::verify_input;
use crate::utxo::{Coin, SpentIndex, UtxoSet};

/// What a coin view knows about an outpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CoinState {
    /// Spendable.
    Unspent(Coin),
    /// Already spent, by a confirmed (`confirmed_at: Some`) or mempool transaction.
    Spent { by: Txid, confirmed_at: Option<u32> },
    /// Never created, or created by something no longer in the chain or mempool.
    Missing,
}

/// The coins a transaction may spend: the confirmed UTXO set, and, when validating for
/// the mempool, the mempool's outputs minus the mempool's spends.
pub(crate) struct CoinView<'a> {
    pub utxos: &'a UtxoSet,
    pub spent: &'a SpentIndex,
    pub mempool: Option<&'a Mempool>,
    /// Height given to coins created by mempool transactions (the next block's).
    pub mempool_height: u32,
}

impl CoinView<'_> {
    pub(crate) fn lookup(&self, outpoint: &OutPoint) -> CoinState {
        if let Some(by) = self.mempool.and_then(|m| m.spender(outpoint)) {
            return CoinState::Spent {
                by,
                confirmed_at: None,
            };
        }
        if let Some(coin) = self.utxos.get(outpoint) {
            return CoinState::Unspent(coin.clone());
        }
        if let Some(output) = self.mempool.and_then(|m| m.output(outpoint)) {
            return CoinState::Unspent(Coin {
                output: output.clone(),
                height: self.mempool_height,
                is_coinbase: false,
            });
        }
        match self.spent.get(outpoint) {
            Some(s) => CoinState::Spent {
                by: s.txid,
                confirmed_at: Some(s.height),
            },
            None => CoinState::Missing,
        }
    }
}

/// Whether to run the script interpreter. Script validity depends only on the
/// transaction and the outputs it spends (an outpoint always names the same output), so
/// a transaction verified once need not be verified again when it is re-checked against
/// a new tip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scripts {
    Verify,
    AlreadyVerified,
}

/// A transaction that passed [`check_inputs`].
#[derive(Debug, Clone)]
pub(crate) struct Validated {
    pub fee: Amount,
}

/// Checks that need nothing but the transaction.
pub(crate) fn check_transaction(tx: &Transaction) -> Result<(), RejectReason> {
    if tx.input.is_empty() {
        return Err(RejectReason::NoInputs);
    }
    if tx.output.is_empty() {
        return Err(RejectReason::NoOutputs);
    }
    let stripped_weight = (tx.base_size() as u64).saturating_mul(4);
    if stripped_weight > MAX_BLOCK_WEIGHT.to_wu() {
        return Err(RejectReason::TooLarge {
            weight_wu: stripped_weight,
        });
    }
    let mut total = Amount::ZERO;
    for (output, txout) in tx.output.iter().enumerate() {
        if txout.value > MAX_MONEY {
            return Err(RejectReason::OutputValueOutOfRange {
                output,
                value: txout.value,
            });
        }
        total = match total.checked_add(txout.value) {
            Some(t) if t <= MAX_MONEY => t,
            _ => return Err(RejectReason::TotalOutputOutOfRange),
        };
    }
    if tx.is_coinbase() {
        return Err(RejectReason::Coinbase);
    }
    let mut seen = BTreeSet::new();
    for (input, txin) in tx.input.iter().enumerate() {
        if txin.previous_output.is_null() {
            return Err(RejectReason::NullPrevout { input });
        }
        if !seen.insert(txin.previous_output) {
            return Err(RejectReason::DuplicateInput(txin.previous_output));
        }
    }
    Ok(())
}

/// Checks `tx` (which passed [`check_transaction`]) against `view` for the block
/// described by `ctx`: lock time, input availability, coinbase maturity, value, BIP 68
/// sequence locks, then every input's script.
pub(crate) fn check_inputs(
    tx: &Transaction,
    view: &CoinView<'_>,
    ctx: &LockContext<'_>,
    scripts: Scripts,
) -> Result<Validated, RejectReason> {
    check_final(tx, ctx)?;
    let mut spent = Vec::with_capacity(tx.input.len());
    for txin in &tx.input {
        let outpoint = txin.previous_output;
        match view.lookup(&outpoint) {
            CoinState::Missing => return Err(RejectReason::MissingInput(outpoint)),
            CoinState::Spent { by, confirmed_at } => {
                return Err(RejectReason::DoubleSpend {
                    outpoint,
                    spent_by: by,
                    confirmed_at,
                })
            }
            CoinState::Unspent(coin) => {
                if coin.is_coinbase && ctx.height.saturating_sub(coin.height) < COINBASE_MATURITY {
                    return Err(RejectReason::ImmatureCoinbase {
                        outpoint,
                        coinbase_height: coin.height,
                        spend_height: ctx.height,
                    });
                }
                spent.push(coin);
            }
        }
    }
    // Every coin is at most MAX_MONEY and a transaction has far fewer than 2^30
    // inputs, so the sums cannot overflow; saturate anyway rather than trust that.
    let inputs = spent.iter().fold(Amount::ZERO, |acc, c| {
        acc.checked_add(c.output.value).unwrap_or(Amount::MAX)
    });
    let outputs = tx.output.iter().fold(Amount::ZERO, |acc, o| {
        acc.checked_add(o.value).unwrap_or(Amount::MAX)
    });
    let Some(fee) = inputs.checked_sub(outputs) else {
        return Err(RejectReason::FeeNegative { inputs, outputs });
    };
    let heights: Vec<u32> = spent.iter().map(|c| c.height).collect();
    check_sequence_locks(tx, &heights, ctx)?;
    if scripts == Scripts::Verify {
        let bytes = serialize(tx);
        for (input, coin) in spent.iter().enumerate() {
            verify_input(tx, &bytes, input, &coin.output)?;
        }
    }
    Ok(Validated { fee })
}
