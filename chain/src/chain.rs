//! [`EmbeddedChain`]: the state (active blocks, UTXO set, mempool, indexes, event log)
//! and its public face: queries, `submit`, mining, and event polling.
//!
//! Block connection lives in `connect`, disconnection and reorgs in `reorg`; the rules
//! themselves in `validate`, `locks` and `script`. Nothing here reads a clock, draws a
//! random number or starts a thread: the same calls give the same chain, hashes and
//! events every time.

use std::collections::BTreeMap;

use bitcoin::constants::genesis_block;
use bitcoin::hashes::Hash;
use bitcoin::{Amount, Block, BlockHash, Network, OutPoint, Script, ScriptBuf, Transaction, Txid};

use crate::error::{ChainError, RejectReason};
use crate::events::{ChainEvent, EventCursor, EventLog, Watch};
use crate::locks::{median_time_past, LockContext};
use crate::mempool::{Mempool, MempoolEntry};
use crate::utxo::{Coin, ConfirmedSpend, SpentIndex, UtxoSet};
use crate::validate::{check_inputs, check_transaction, CoinView, Scripts};

/// A block in the active chain, with what is needed to take it out again.
#[derive(Debug, Clone)]
pub(crate) struct ConnectedBlock {
    pub block: Block,
    pub hash: BlockHash,
    /// Txids of `block.txdata`, in order.
    pub txids: Vec<Txid>,
    /// Undo data: for each transaction, the coins its inputs spent, in input order
    /// (empty for the coinbase).
    pub undo: Vec<Vec<Coin>>,
}

/// What to put in the next block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockSpec {
    /// Receives the subsidy plus all fees.
    pub reward_script: ScriptBuf,
    /// Transactions placed first (after the coinbase), in this order. Each is fully
    /// validated, scripts included; they need not have been submitted, and may conflict
    /// with mempool transactions (which are then dropped). One invalid transaction
    /// fails the whole block.
    pub transactions: Vec<Transaction>,
    /// Whether to append the mempool's transactions (in arrival order, those still
    /// valid and fitting the weight limit) after `transactions`.
    pub include_mempool: bool,
    /// Block time; `None` means the parent's time plus 600 seconds. Must exceed the
    /// parent's median time past.
    pub time: Option<u32>,
}

impl BlockSpec {
    /// A block paying `reward_script` and taking the whole mempool.
    pub fn new(reward_script: ScriptBuf) -> Self {
        Self {
            reward_script,
            transactions: Vec::new(),
            include_mempool: true,
            time: None,
        }
    }

    /// Adds `tx` to the caller's transactions.
    pub fn with_tx(mut self, tx: Transaction) -> Self {
        self.transactions.push(tx);
        self
    }

    /// Leaves the mempool out: the block holds only the caller's transactions.
    pub fn without_mempool(mut self) -> Self {
        self.include_mempool = false;
        self
    }

    /// Sets the block time.
    pub fn at_time(mut self, time: u32) -> Self {
        self.time = Some(time);
        self
    }
}

/// A block of the active chain, by height and hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BlockRef {
    /// Height (genesis is 0).
    pub height: u32,
    /// Hash.
    pub hash: BlockHash,
}

/// Where a transaction is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxStatus {
    /// In the active chain.
    Confirmed {
        /// Height of its block.
        height: u32,
        /// Hash of its block.
        block_hash: BlockHash,
    },
    /// Waiting in the mempool.
    InMempool,
    /// Neither.
    Unknown,
}

/// A deterministic, in-memory, regtest-shaped Bitcoin chain with a mempool and blocks
/// on demand. See the crate documentation for what is and is not validated.
#[derive(Debug, Clone)]
pub struct EmbeddedChain {
    /// Index = height; never empty (genesis).
    pub(crate) active: Vec<ConnectedBlock>,
    /// `times[h]` = time of the active block at height `h`.
    pub(crate) times: Vec<u32>,
    /// Blocks that left the active chain, for `get_block`.
    pub(crate) stale: BTreeMap<BlockHash, Block>,
    pub(crate) utxos: UtxoSet,
    pub(crate) spent: SpentIndex,
    /// Confirmed txid -> (height, position in block).
    pub(crate) tx_index: BTreeMap<Txid, (u32, usize)>,
    pub(crate) mempool: Mempool,
    pub(crate) events: EventLog,
    /// Blocks produced so far; the coinbase extra nonce.
    pub(crate) blocks_made: u64,
}

impl Default for EmbeddedChain {
    fn default() -> Self {
        Self::new()
    }
}

impl EmbeddedChain {
    /// A chain holding only Bitcoin's regtest genesis block. Like Bitcoin Core, the
    /// genesis coinbase output is not in the UTXO set (it is unspendable).
    pub fn new() -> Self {
        let block = genesis_block(Network::Regtest);
        let hash = block.block_hash();
        let txids: Vec<Txid> = block.txdata.iter().map(Transaction::compute_txid).collect();
        let tx_index = txids
            .iter()
            .enumerate()
            .map(|(i, txid)| (*txid, (0, i)))
            .collect();
        let undo = vec![Vec::new(); block.txdata.len()];
        let time = block.header.time;
        Self {
            active: vec![ConnectedBlock {
                block,
                hash,
                txids,
                undo,
            }],
            times: vec![time],
            stale: BTreeMap::new(),
            utxos: UtxoSet::default(),
            spent: SpentIndex::default(),
            tx_index,
            mempool: Mempool::default(),
            events: EventLog::default(),
            blocks_made: 0,
        }
    }

    // ----- chain queries -------------------------------------------------------------

    /// Height of the tip (0 for a fresh chain).
    pub fn height(&self) -> u32 {
        u32::try_from(self.active.len().saturating_sub(1)).unwrap_or(u32::MAX)
    }

    /// The tip.
    pub fn tip(&self) -> BlockRef {
        let height = self.height();
        let hash = self
            .active
            .last()
            .map_or_else(BlockHash::all_zeros, |b| b.hash);
        BlockRef { height, hash }
    }

    /// The tip's median time past (BIP 113): the clock absolute time locks are judged
    /// by for the next block.
    pub fn median_time_past(&self) -> u32 {
        median_time_past(&self.times, self.height())
    }

    /// Hash of the active block at `height`.
    pub fn block_hash(&self, height: u32) -> Option<BlockHash> {
        self.connected(height).map(|b| b.hash)
    }

    /// The active block at `height`.
    pub fn block_at(&self, height: u32) -> Option<&Block> {
        self.connected(height).map(|b| &b.block)
    }

    /// Any block this chain produced, active or disconnected since.
    pub fn get_block(&self, hash: &BlockHash) -> Option<&Block> {
        match self.height_of(hash) {
            Some(h) => self.block_at(h),
            None => self.stale.get(hash),
        }
    }

    /// Height of `hash` if it is in the active chain.
    pub fn height_of(&self, hash: &BlockHash) -> Option<u32> {
        let pos = self.active.iter().rposition(|b| &b.hash == hash)?;
        u32::try_from(pos).ok()
    }

    /// A transaction in the active chain or the mempool.
    pub fn get_tx(&self, txid: &Txid) -> Option<&Transaction> {
        if let Some(entry) = self.mempool.get(txid) {
            return Some(&entry.tx);
        }
        let &(height, pos) = self.tx_index.get(txid)?;
        self.block_at(height)?.txdata.get(pos)
    }

    /// Where a transaction is.
    pub fn tx_status(&self, txid: &Txid) -> TxStatus {
        if self.mempool.contains(txid) {
            return TxStatus::InMempool;
        }
        match self
            .tx_index
            .get(txid)
            .and_then(|&(h, _)| Some((h, self.block_hash(h)?)))
        {
            Some((height, block_hash)) => TxStatus::Confirmed { height, block_hash },
            None => TxStatus::Unknown,
        }
    }

    /// Confirmations of a transaction: `Some(0)` in the mempool, `Some(n)` when its
    /// block is `n - 1` blocks below the tip, `None` when unknown.
    pub fn confirmations(&self, txid: &Txid) -> Option<u32> {
        match self.tx_status(txid) {
            TxStatus::Confirmed { height, .. } => Some(self.height() - height + 1),
            TxStatus::InMempool => Some(0),
            TxStatus::Unknown => None,
        }
    }

    /// A confirmed unspent output (mempool spends do not remove it, mempool outputs are
    /// not in it).
    pub fn utxo(&self, outpoint: &OutPoint) -> Option<&Coin> {
        self.utxos.get(outpoint)
    }

    /// Number of confirmed unspent outputs.
    pub fn utxo_count(&self) -> usize {
        self.utxos.len()
    }

    /// Confirmed unspent outputs paying exactly `script`, in outpoint order.
    pub fn utxos_for_script(&self, script: &Script) -> Vec<(OutPoint, Coin)> {
        self.utxos
            .for_script(script)
            .map(|(o, c)| (*o, c.clone()))
            .collect()
    }

    /// The confirmed transaction that spent `outpoint` in the active chain.
    pub fn confirmed_spender(&self, outpoint: &OutPoint) -> Option<ConfirmedSpend> {
        self.spent.get(outpoint)
    }

    // ----- mempool -------------------------------------------------------------------

    /// The mempool transaction spending `outpoint`.
    pub fn mempool_spender(&self, outpoint: &OutPoint) -> Option<Txid> {
        self.mempool.spender(outpoint)
    }

    /// Mempool entries in arrival order.
    pub fn mempool(&self) -> Vec<&MempoolEntry> {
        self.mempool.iter().collect()
    }

    /// Number of mempool transactions.
    pub fn mempool_len(&self) -> usize {
        self.mempool.len()
    }

    /// Forgets every mempool transaction, as a node restarted without its
    /// saved mempool (or one that expired them) does; returns their txids in
    /// arrival order. No event is logged: nothing about them became invalid,
    /// the chain just no longer knows them.
    pub fn clear_mempool(&mut self) -> Vec<Txid> {
        self.mempool.take_all().into_iter().map(|e| e.txid).collect()
    }

    /// Validates `tx` for the next block and adds it to the mempool. Mempool parents
    /// are allowed; any conflict with the chain or the mempool is a double spend (no
    /// replace-by-fee).
    pub fn submit(&mut self, tx: Transaction) -> Result<Txid, RejectReason> {
        let (txid, fee) = self.check_for_mempool(&tx, Scripts::Verify)?;
        self.mempool.insert(MempoolEntry { tx, txid, fee });
        self.events.push(ChainEvent::TxAccepted { txid });
        Ok(txid)
    }

    /// What [`Self::submit`] would answer, without changing anything; `Ok` carries the
    /// fee.
    pub fn test_accept(&self, tx: &Transaction) -> Result<Amount, RejectReason> {
        self.check_for_mempool(tx, Scripts::Verify)
            .map(|(_, fee)| fee)
    }

    pub(crate) fn check_for_mempool(
        &self,
        tx: &Transaction,
        scripts: Scripts,
    ) -> Result<(Txid, Amount), RejectReason> {
        let txid = tx.compute_txid();
        check_transaction(tx)?;
        if self.mempool.contains(&txid) {
            return Err(RejectReason::AlreadyInMempool(txid));
        }
        if let Some(&(height, _)) = self.tx_index.get(&txid) {
            return Err(RejectReason::AlreadyConfirmed { txid, height });
        }
        let height = self.height() + 1;
        let view = CoinView {
            utxos: &self.utxos,
            spent: &self.spent,
            mempool: Some(&self.mempool),
            mempool_height: height,
        };
        let ctx = LockContext {
            height,
            times: &self.times,
        };
        let validated = check_inputs(tx, &view, &ctx, scripts)?;
        Ok((txid, validated.fee))
    }

    // ----- mining --------------------------------------------------------------------

    /// Mines `n` blocks on the tip, each taking the whole mempool and paying subsidy
    /// plus fees to `reward_script`. Returns their hashes, lowest first.
    pub fn mine(&mut self, n: u32, reward_script: &Script) -> Result<Vec<BlockHash>, ChainError> {
        (0..n)
            .map(|_| self.mine_block(BlockSpec::new(reward_script.to_owned())))
            .collect()
    }

    /// Mines one block as `spec` describes. On error nothing changed.
    pub fn mine_block(&mut self, spec: BlockSpec) -> Result<BlockHash, ChainError> {
        let hash = self.connect(spec)?;
        self.resync_mempool(Vec::new());
        Ok(hash)
    }

    // ----- events --------------------------------------------------------------------

    /// The cursor after the last event so far.
    pub fn event_cursor(&self) -> EventCursor {
        self.events.end()
    }

    /// Every event from `cursor` on.
    pub fn events_since(&self, cursor: EventCursor) -> &[ChainEvent] {
        self.events.since(cursor)
    }

    /// Every event from `*cursor` on; moves `*cursor` past them.
    pub fn poll_events(&self, cursor: &mut EventCursor) -> Vec<ChainEvent> {
        let events = self.events.since(*cursor).to_vec();
        *cursor = self.events.end();
        events
    }

    /// The events from `*cursor` on that `watch` matches; moves `*cursor` past all
    /// events, matched or not.
    pub fn poll_watched(&self, cursor: &mut EventCursor, watch: &Watch) -> Vec<ChainEvent> {
        let events = self
            .events
            .since(*cursor)
            .iter()
            .filter(|e| watch.matches(e))
            .cloned()
            .collect();
        *cursor = self.events.end();
        events
    }

    pub(crate) fn connected(&self, height: u32) -> Option<&ConnectedBlock> {
        self.active.get(usize::try_from(height).ok()?)
    }
}
