//! Notifications as values: every change the chain makes is appended to an event log;
//! a watcher keeps an [`EventCursor`] and asks for what happened since, optionally
//! through a [`Watch`] filter. No callbacks, no channels, no threads.
//!
//! The log is append-only and never trimmed (the chain is for tests and demos), so any
//! cursor ever handed out stays valid. The order of events is the order of the changes:
//!
//! - `submit` accepted: `TxAccepted`.
//! - a block connected: `BlockConnected`, then for each transaction in block order
//!   `TxConfirmed` followed by one `OutputSpent` per input (none for the coinbase);
//!   then `TxDropped` for each mempool transaction the block made invalid (a conflict,
//!   for instance).
//! - a block disconnected: `BlockDisconnected`, then for each transaction in reverse
//!   block order one `SpendReverted` per input followed by `TxUnconfirmed`. After the
//!   whole disconnect (or reorg), the non-coinbase transactions go back to the mempool;
//!   those that are no longer valid get `TxDropped`. For a non-coinbase transaction, a
//!   `TxUnconfirmed` without a later `TxDropped` therefore means "back in the mempool"
//!   (a disconnected coinbase simply ceases to exist; it gets no `TxDropped`).

use std::collections::BTreeSet;

use bitcoin::{BlockHash, OutPoint, Txid};

use crate::error::RejectReason;

/// One thing that happened to the chain or the mempool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainEvent {
    /// `submit` accepted the transaction into the mempool.
    TxAccepted {
        /// The transaction.
        txid: Txid,
    },
    /// The transaction left the mempool, or did not return to it after a disconnect,
    /// because it is no longer valid.
    TxDropped {
        /// The transaction.
        txid: Txid,
        /// Why it is invalid now.
        reason: RejectReason,
    },
    /// A block joined the active chain.
    BlockConnected {
        /// Its height.
        height: u32,
        /// Its hash.
        hash: BlockHash,
    },
    /// A transaction was confirmed by the block just connected.
    TxConfirmed {
        /// The transaction.
        txid: Txid,
        /// The block's height.
        height: u32,
        /// The block's hash.
        block_hash: BlockHash,
    },
    /// A confirmed transaction spent an output.
    OutputSpent {
        /// The spent output.
        outpoint: OutPoint,
        /// The spending transaction.
        by: Txid,
        /// Height of the block holding the spend.
        height: u32,
    },
    /// A block left the active chain.
    BlockDisconnected {
        /// Its height.
        height: u32,
        /// Its hash.
        hash: BlockHash,
    },
    /// A transaction of the block just disconnected is no longer confirmed.
    TxUnconfirmed {
        /// The transaction.
        txid: Txid,
        /// The height it had been confirmed at.
        height: u32,
        /// The block it had been confirmed in.
        block_hash: BlockHash,
    },
    /// A confirmed spend was undone by a disconnect: the output is unspent again.
    SpendReverted {
        /// The output.
        outpoint: OutPoint,
        /// The transaction whose spend was undone.
        by: Txid,
        /// The height the spend had been confirmed at.
        height: u32,
    },
}

/// A position in the event log: "everything before this has been seen".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventCursor(u64);

impl EventCursor {
    /// The cursor before the first event.
    pub const START: EventCursor = EventCursor(0);

    /// Number of events before this cursor.
    pub fn position(self) -> u64 {
        self.0
    }
}

/// The append-only event log.
#[derive(Debug, Clone, Default)]
pub(crate) struct EventLog {
    events: Vec<ChainEvent>,
}

impl EventLog {
    pub(crate) fn push(&mut self, event: ChainEvent) {
        self.events.push(event);
    }

    pub(crate) fn end(&self) -> EventCursor {
        EventCursor(self.events.len() as u64)
    }

    /// Events from `cursor` on (empty if the cursor is at or past the end).
    pub(crate) fn since(&self, cursor: EventCursor) -> &[ChainEvent] {
        let start = usize::try_from(cursor.0)
            .unwrap_or(usize::MAX)
            .min(self.events.len());
        &self.events[start..]
    }
}

/// A filter over events: the transactions, outputs and (optionally) blocks a watcher
/// cares about.
///
/// - A watched txid matches `TxAccepted`, `TxDropped`, `TxConfirmed` and
///   `TxUnconfirmed` of that transaction, and `OutputSpent` / `SpendReverted` whose
///   spender (`by`) it is.
/// - A watched outpoint matches `OutputSpent` and `SpendReverted` of that output.
/// - `blocks()` matches `BlockConnected` and `BlockDisconnected`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Watch {
    txids: BTreeSet<Txid>,
    outpoints: BTreeSet<OutPoint>,
    blocks: bool,
}

impl Watch {
    /// A filter matching nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Also watch transaction `txid`.
    pub fn tx(mut self, txid: Txid) -> Self {
        self.watch_tx(txid);
        self
    }

    /// Also watch output `outpoint`.
    pub fn output(mut self, outpoint: OutPoint) -> Self {
        self.watch_output(outpoint);
        self
    }

    /// Also watch block connections and disconnections.
    pub fn blocks(mut self) -> Self {
        self.blocks = true;
        self
    }

    /// Adds transaction `txid` to an existing filter.
    pub fn watch_tx(&mut self, txid: Txid) {
        self.txids.insert(txid);
    }

    /// Adds output `outpoint` to an existing filter.
    pub fn watch_output(&mut self, outpoint: OutPoint) {
        self.outpoints.insert(outpoint);
    }

    /// Whether `event` concerns something watched.
    pub fn matches(&self, event: &ChainEvent) -> bool {
        match event {
            ChainEvent::TxAccepted { txid }
            | ChainEvent::TxDropped { txid, .. }
            | ChainEvent::TxConfirmed { txid, .. }
            | ChainEvent::TxUnconfirmed { txid, .. } => self.txids.contains(txid),
            ChainEvent::OutputSpent { outpoint, by, .. }
            | ChainEvent::SpendReverted { outpoint, by, .. } => {
                self.outpoints.contains(outpoint) || self.txids.contains(by)
            }
            ChainEvent::BlockConnected { .. } | ChainEvent::BlockDisconnected { .. } => self.blocks,
        }
    }
}
