//! The mempool: validated, unconfirmed transactions in arrival order, with an index of
//! the outputs they spend.
//!
//! Policy, stated once: a mempool transaction may spend outputs of other mempool
//! transactions (unconfirmed chains are allowed; parents always arrive, and therefore
//! are mined, before their children), there is no replace-by-fee (any conflict is a
//! double spend), no fee floor, no dust limit and no package limits. This module does
//! no validation itself: the chain validates before it inserts.

use std::collections::BTreeMap;

use bitcoin::{Amount, OutPoint, Transaction, TxOut, Txid};

/// A transaction waiting in the mempool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MempoolEntry {
    /// The transaction.
    pub tx: Transaction,
    /// Its txid.
    pub txid: Txid,
    /// Inputs minus outputs.
    pub fee: Amount,
}

/// Unconfirmed transactions, in the order they were accepted.
#[derive(Debug, Clone, Default)]
pub(crate) struct Mempool {
    entries: BTreeMap<Txid, (u64, MempoolEntry)>,
    order: BTreeMap<u64, Txid>,
    spenders: BTreeMap<OutPoint, Txid>,
    next_seq: u64,
}

impl Mempool {
    pub(crate) fn get(&self, txid: &Txid) -> Option<&MempoolEntry> {
        self.entries.get(txid).map(|(_, e)| e)
    }

    pub(crate) fn contains(&self, txid: &Txid) -> bool {
        self.entries.contains_key(txid)
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The mempool transaction spending `outpoint`, if any.
    pub(crate) fn spender(&self, outpoint: &OutPoint) -> Option<Txid> {
        self.spenders.get(outpoint).copied()
    }

    /// An output created by a mempool transaction.
    pub(crate) fn output(&self, outpoint: &OutPoint) -> Option<&TxOut> {
        let entry = self.get(&outpoint.txid)?;
        usize::try_from(outpoint.vout)
            .ok()
            .and_then(|i| entry.tx.output.get(i))
    }

    /// Entries in arrival order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &MempoolEntry> + '_ {
        self.order.values().filter_map(|txid| self.get(txid))
    }

    /// Adds an entry the caller has validated; it goes last in arrival order.
    pub(crate) fn insert(&mut self, entry: MempoolEntry) {
        let seq = self.next_seq;
        self.next_seq += 1;
        for input in &entry.tx.input {
            self.spenders.insert(input.previous_output, entry.txid);
        }
        self.order.insert(seq, entry.txid);
        self.entries.insert(entry.txid, (seq, entry));
    }

    /// Empties the mempool, returning its entries in arrival order.
    pub(crate) fn take_all(&mut self) -> Vec<MempoolEntry> {
        let mut entries = std::mem::take(&mut self.entries);
        let order = std::mem::take(&mut self.order);
        self.spenders.clear();
        order
            .into_values()
            .filter_map(|txid| entries.remove(&txid).map(|(_, e)| e))
            .collect()
    }
}
