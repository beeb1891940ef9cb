//! The machine's window on the chain, for the host: what a chain backend
//! must answer ([`ChainView`]), and the set of watches a machine asked for
//! ([`Watches`]), polled against a view to produce the [`ChainEvent`]s the
//! machine is fed.
//!
//! Polling, not callbacks: after each new block (or whenever it likes) the
//! host calls [`Watches::poll`]; a watch fires once and is then forgotten.
//! The embedded chain (`lnp-chain`) and a bitcoind backend both implement
//! [`ChainView`]. What this is not: a wallet (no coin selection, no fee
//! estimation) and a reorg handler (a confirmation reported before a reorg is
//! not taken back; the spec language has no event for it yet — the node
//! does hand its own broadcasts to the chain again until they are deep).

use crate::rt::{ChainEvent, Confirmed, Effect, Spent, Tx};
use bitcoin::{OutPoint, Transaction, Txid};

/// What the host's chain backend must answer. Reads see the active chain
/// only (mempool transactions are neither confirmed nor spending).
pub trait ChainView {
    /// Why the backend could not answer or refused a broadcast.
    type Error: std::error::Error + Send + Sync + 'static;

    /// Height of the best block.
    fn tip_height(&self) -> Result<u32, Self::Error>;
    /// Height of the block that confirmed `txid`, if it is in the active chain.
    fn confirmed_height(&self, txid: &Txid) -> Result<Option<u32>, Self::Error>;
    /// The confirmed transaction that spent `outpoint`, with its block height.
    fn confirmed_spend(&self, outpoint: &OutPoint) -> Result<Option<(Transaction, u32)>, Self::Error>;
    /// Hands `tx` to the mempool (bitcoind: `sendrawtransaction`).
    fn broadcast(&mut self, tx: &Transaction) -> Result<Txid, Self::Error>;
}

impl WatchKind {
    /// The watch an effect sets up, with its name; `None` for other effects.
    pub fn of<M, E>(effect: &Effect<M, E>) -> Option<(&'static str, WatchKind)> {
        match effect {
            Effect::WatchConfirm { name, txid, depth } => Some((name, WatchKind::Confirm { txid: *txid, depth: *depth })),
            Effect::WatchSpend { name, outpoint } => Some((name, WatchKind::Spend { outpoint: *outpoint })),
            _ => None,
        }
    }
}

/// What a watch waits for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum WatchKind {
    /// `txid` confirmed `depth` blocks deep (1 = in the tip block).
    Confirm { txid: Txid, depth: u32 },
    /// `outpoint` spent by a confirmed transaction.
    Spend { outpoint: OutPoint },
}

/// The watches a host has open, by the name the spec gave them and a key
/// of the host's choosing (the watch effect's store id, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watches<K> {
    open: Vec<(K, &'static str, WatchKind)>,
}

impl<K> Default for Watches<K> {
    fn default() -> Self {
        Watches { open: Vec::new() }
    }
}

impl<K: PartialEq> Watches<K> {
    pub fn new() -> Self {
        Watches::default()
    }

    /// Opens a watch. Opening one with a key already open (an effect
    /// replayed after a crash) keeps the first.
    pub fn add(&mut self, key: K, name: &'static str, kind: WatchKind) {
        if !self.open.iter().any(|(k, _, _)| *k == key) {
            self.open.push((key, name, kind));
        }
    }

    pub fn len(&self) -> usize {
        self.open.len()
    }

    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }

    /// The events of every watch that the chain now satisfies, with their
    /// keys, in the order the watches were opened; those watches are closed.
    pub fn poll<V: ChainView>(&mut self, view: &V) -> Result<Vec<(K, ChainEvent)>, V::Error> {
        let tip = view.tip_height()?;
        let mut fired = Vec::new();
        let mut still_open = Vec::with_capacity(self.open.len());
        for (key, name, kind) in std::mem::take(&mut self.open) {
            let event = match &kind {
                WatchKind::Confirm { txid, depth } => match view.confirmed_height(txid)? {
                    Some(height) if tip.saturating_sub(height) + 1 >= *depth => {
                        Some(ChainEvent::Confirmed(name, Confirmed { txid: *txid, height }))
                    }
                    _ => None,
                },
                WatchKind::Spend { outpoint } => view
                    .confirmed_spend(outpoint)?
                    .map(|(tx, height)| ChainEvent::Spent(name, Spent { tx: Tx { tx, spends: Vec::new() }, height, outpoint: *outpoint })),
            };
            match event {
                Some(e) => fired.push((key, e)),
                None => still_open.push((key, name, kind)),
            }
        }
        self.open = still_open;
        Ok(fired)
    }
}
