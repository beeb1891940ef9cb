//! The confirmed coin state: the UTXO set of the active chain, and the index of which
//! confirmed transaction spent each spent output (so a double spend can name its rival).
//!
//! This is bookkeeping only: no validation happens here, and nothing here knows about
//! the mempool. Both maps are `BTreeMap`s so every iteration order is deterministic.

use std::collections::BTreeMap;

use bitcoin::{OutPoint, Script, Transaction, TxOut, Txid};

/// An unspent output together with where it was created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coin {
    /// The output itself (value and script).
    pub output: TxOut,
    /// Height of the block that created it.
    pub height: u32,
    /// Whether a coinbase created it (then [`crate::params::COINBASE_MATURITY`] applies).
    pub is_coinbase: bool,
}

/// The set of unspent confirmed outputs.
#[derive(Debug, Clone, Default)]
pub(crate) struct UtxoSet {
    coins: BTreeMap<OutPoint, Coin>,
}

impl UtxoSet {
    pub(crate) fn get(&self, outpoint: &OutPoint) -> Option<&Coin> {
        self.coins.get(outpoint)
    }

    pub(crate) fn insert(&mut self, outpoint: OutPoint, coin: Coin) {
        self.coins.insert(outpoint, coin);
    }

    pub(crate) fn remove(&mut self, outpoint: &OutPoint) -> Option<Coin> {
        self.coins.remove(outpoint)
    }

    pub(crate) fn len(&self) -> usize {
        self.coins.len()
    }

    /// Adds every output of `tx`, created at `height`.
    pub(crate) fn add_outputs(&mut self, tx: &Transaction, txid: Txid, height: u32) {
        let is_coinbase = tx.is_coinbase();
        for (vout, output) in (0u32..).zip(tx.output.iter()) {
            let coin = Coin {
                output: output.clone(),
                height,
                is_coinbase,
            };
            self.coins.insert(OutPoint { txid, vout }, coin);
        }
    }

    /// All coins locked to exactly `script`, in outpoint order.
    pub(crate) fn for_script<'a>(
        &'a self,
        script: &'a Script,
    ) -> impl Iterator<Item = (&'a OutPoint, &'a Coin)> + 'a {
        self.coins
            .iter()
            .filter(move |(_, c)| c.output.script_pubkey.as_script() == script)
    }
}

/// Where a confirmed spend happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfirmedSpend {
    /// The spending transaction.
    pub txid: Txid,
    /// Height of the block holding it.
    pub height: u32,
}

/// Which confirmed transaction spent each output spent in the active chain.
#[derive(Debug, Clone, Default)]
pub(crate) struct SpentIndex {
    spends: BTreeMap<OutPoint, ConfirmedSpend>,
}

impl SpentIndex {
    pub(crate) fn get(&self, outpoint: &OutPoint) -> Option<ConfirmedSpend> {
        self.spends.get(outpoint).copied()
    }

    pub(crate) fn insert(&mut self, outpoint: OutPoint, spend: ConfirmedSpend) {
        self.spends.insert(outpoint, spend);
    }

    pub(crate) fn remove(&mut self, outpoint: &OutPoint) {
        self.spends.remove(outpoint);
    }
}
