//! [`BitcoindChain`]: Bitcoin Core as the engine's
//! [`ChainView`], over its JSON-RPC ([`super::rpc`]).
//!
//! # Which RPCs, and how
//!
//! - `getblockchaininfo` — the tip (`blocks`, `bestblockhash`) and the chain name.
//! - `getblockhash [height]` and `getblock [hash, 0]` — following the chain
//!   block by block; blocks are decoded from hex with `bitcoin`'s consensus
//!   decoder and checked against the hash asked for and their merkle root.
//! - `getrawtransaction [txid, true]` then `getblockheader [blockhash]` — only
//!   for transactions confirmed below the start height (see below).
//! - `gettxout [txid, n, false]` — whether an outpoint is unspent in the chain
//!   (null when spent or unknown), to skip a rescan for a new spend watch.
//! - `sendrawtransaction [hex]` — broadcast; its default `maxfeerate` applies.
//! - `estimatesmartfee [conf_target]` — [`BitcoindChain::estimate_smart_fee`],
//!   not part of [`ChainView`].
//!
//! # The scanned-block index, and its limits
//!
//! Without `-txindex`, bitcoind cannot say in which block a transaction
//! confirmed, and no RPC at all says which transaction spent an outpoint. So
//! this backend follows the active chain itself from a **start height** given
//! at construction (say, a little before the channel's funding was
//! broadcast): it remembers the hash of every block from there up to the tip
//! and, for the txids and outpoints it has been asked about, the height that
//! confirmed or spent them (and the spending transaction). A txid or outpoint
//! asked about for the first time costs one pass over the remembered blocks
//! (`getblock` of each; skipped for an outpoint `gettxout` reports unspent);
//! afterwards each new block is fetched once.
//!
//! Every read first syncs: `getblockchaininfo`, and when the best block is
//! not the remembered tip, a walk back comparing `getblockhash(h)` with the
//! remembered hashes down to the fork point; everything recorded at or above
//! the fork is forgotten and the new branch scanned. A block whose parent is
//! not the remembered tip (a reorg during the scan) also steps back. Many
//! reads against one sync go through [`BitcoindChain::synced`] (a host with
//! a thousand channels polls their watches with one `getblockchaininfo`,
//! not one per watch).
//!
//! Limits:
//! - Spends below the start height are never found (reported as `None`).
//! - A transaction confirmed below the start height is found only if
//!   bitcoind runs with `-txindex` (without it `getrawtransaction` knows only
//!   the mempool and answers -5). A watched txid not found in the followed
//!   range costs that `getrawtransaction` call at every read — unless
//!   bitcoind once answered it is in its mempool: then it can only confirm
//!   in a block this backend follows, and is not asked about again.
//! - Reads see the synced tip, which may trail bitcoind's by the blocks that
//!   arrived during the scan; a reorg deeper than the start height rescans
//!   everything from the start height.
//! - Memory grows with the followed range (32 bytes a block) and the watched
//!   items; nothing is persisted: a restarted host rescans from its start height.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::str::FromStr;
use std::sync::{Mutex, MutexGuard};

use bitcoin::consensus::encode::{deserialize_hex, serialize_hex};
use bitcoin::{Block, BlockHash, FeeRate, Network, OutPoint, Transaction, Txid};
use lnp_engine::chain_view::ChainView;
use serde_json::{json, Value};

use super::error::{codes, BitcoindError};
use super::rpc::RpcClient;

/// How many blocks one sync may step back because a fetched block does not
/// extend the followed chain, before giving up on a server whose chain keeps
/// changing (or contradicts itself).
const MAX_STEPS_BACK: u32 = 1000;

/// `getblockchaininfo`'s reply, the fields this backend reads.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockchainInfo {
    /// `main`, `test`, `testnet4`, `signet` or `regtest`.
    pub chain: String,
    /// Height of the best validated block.
    pub blocks: u32,
    /// Height of the best known header.
    pub headers: u32,
    /// Hash of the best validated block.
    pub best_block_hash: BlockHash,
    /// Whether bitcoind considers itself in initial block download.
    pub initial_block_download: bool,
}

#[derive(serde::Deserialize)]
struct BlockchainInfoReply {
    chain: String,
    blocks: u32,
    headers: u32,
    bestblockhash: String,
    #[serde(default)]
    initialblockdownload: bool,
}

/// `estimatesmartfee`'s reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeEstimate {
    /// The estimate (bitcoind's BTC/kvB, rounded up to sat/kwu); `None` when
    /// bitcoind has none (then `errors` says why).
    pub fee_rate: Option<FeeRate>,
    /// The target the estimate is for (may differ from the one asked).
    pub blocks: u32,
    /// bitcoind's `errors`, e.g. "Insufficient data or no feerate found".
    pub errors: Vec<String>,
}

#[derive(serde::Deserialize)]
struct FeeReply {
    feerate: Option<f64>,
    #[serde(default)]
    errors: Vec<String>,
    blocks: u32,
}

#[derive(serde::Deserialize)]
struct RawTxReply {
    blockhash: Option<String>,
}

#[derive(serde::Deserialize)]
struct HeaderReply {
    height: u32,
    confirmations: i64,
}

/// What the backend has followed and found. Heights `start..start + hashes.len()`.
#[derive(Debug)]
struct Index {
    start: u32,
    hashes: Vec<BlockHash>,
    /// Watched txids: the height that confirmed them in the followed range.
    txs: HashMap<Txid, Option<u32>>,
    /// Watched outpoints: their spender in the followed range, with its
    /// height (boxed: most watched outpoints stay unspent, and an entry is
    /// then 48 bytes, less than half an unboxed one; each channel's funding
    /// outpoint is one).
    spends: HashMap<OutPoint, Option<Box<(Transaction, u32)>>>,
    /// Watched txids bitcoind said were in its mempool (after the sync
    /// that preceded the question): they confirm, if ever, in a followed block.
    in_mempool: HashSet<Txid>,
}

impl Index {
    fn next_height(&self) -> u32 {
        self.start + self.hashes.len() as u32
    }

    fn tip(&self) -> Option<(u32, BlockHash)> {
        self.hashes.last().map(|h| (self.next_height() - 1, *h))
    }

    /// Forgets the blocks at `height` and above, and what was found in them.
    fn disconnect_from(&mut self, height: u32) {
        let keep = height.saturating_sub(self.start) as usize;
        self.hashes.truncate(keep);
        for found in self.txs.values_mut() {
            if matches!(found, Some(h) if *h >= height) {
                *found = None;
            }
        }
        for found in self.spends.values_mut() {
            if matches!(found.as_deref(), Some((_, h)) if *h >= height) {
                *found = None;
            }
        }
    }

    /// Records what `block` (at `height`) confirms and spends among the watched items.
    fn record(&mut self, height: u32, block: &Block) {
        for tx in &block.txdata {
            if !self.txs.is_empty() {
                if let Some(found) = self.txs.get_mut(&tx.compute_txid()) {
                    found.get_or_insert(height);
                }
            }
            for input in &tx.input {
                if let Some(found) = self.spends.get_mut(&input.previous_output) {
                    if found.is_none() {
                        *found = Some(Box::new((tx.clone(), height)));
                    }
                }
            }
        }
    }
}

/// Bitcoin Core as a [`ChainView`]; see the module docs for how confirmations
/// and spends are found.
#[derive(Debug)]
pub struct BitcoindChain {
    rpc: RpcClient,
    index: Mutex<Index>,
}

impl BitcoindChain {
    /// A backend following the chain from `start_height` (inclusive).
    pub fn new(rpc: RpcClient, start_height: u32) -> Self {
        BitcoindChain {
            rpc,
            index: Mutex::new(Index {
                start: start_height,
                hashes: Vec::new(),
                txs: HashMap::new(),
                spends: HashMap::new(),
                in_mempool: HashSet::new(),
            }),
        }
    }

    /// The RPC client.
    pub fn rpc(&self) -> &RpcClient {
        &self.rpc
    }

    fn lock(&self) -> MutexGuard<'_, Index> {
        // A panic while holding the lock cannot leave the index half-updated
        // in a way that matters: at worst an item is rescanned.
        self.index.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `getblockchaininfo`.
    pub fn blockchain_info(&self) -> Result<BlockchainInfo, BitcoindError> {
        let method = "getblockchaininfo";
        let r: BlockchainInfoReply = self.rpc.call(method, &[])?;
        Ok(BlockchainInfo {
            best_block_hash: parse(method, &r.bestblockhash)?,
            chain: r.chain,
            blocks: r.blocks,
            headers: r.headers,
            initial_block_download: r.initialblockdownload,
        })
    }

    /// Checks that bitcoind serves `network` (`getblockchaininfo`'s `chain`).
    pub fn check_network(&self, network: Network) -> Result<BlockchainInfo, BitcoindError> {
        let info = self.blockchain_info()?;
        let expected = network.to_core_arg();
        if info.chain != expected {
            return Err(BitcoindError::WrongChain {
                expected: expected.to_string(),
                found: info.chain,
            });
        }
        Ok(info)
    }

    /// `getblockhash [height]`.
    pub fn block_hash(&self, height: u32) -> Result<BlockHash, BitcoindError> {
        let method = "getblockhash";
        let hex: String = self.rpc.call(method, &[json!(height)])?;
        parse(method, &hex)
    }

    /// `getblock [hash, 0]`, decoded and checked against `hash` and its merkle root.
    pub fn block(&self, hash: &BlockHash) -> Result<Block, BitcoindError> {
        let method = "getblock";
        let hex: String = self.rpc.call(method, &[json!(hash.to_string()), json!(0)])?;
        let block: Block = deserialize_hex(&hex)
            .map_err(|e| BitcoindError::malformed(method, format!("block {hash} does not decode: {e}")))?;
        if block.block_hash() != *hash {
            return Err(BitcoindError::malformed(
                method,
                format!("asked for block {hash}, got {}", block.block_hash()),
            ));
        }
        if !block.check_merkle_root() {
            return Err(BitcoindError::malformed(
                method,
                format!("block {hash}'s transactions do not match its merkle root"),
            ));
        }
        Ok(block)
    }

    /// `gettxout [txid, n, include_mempool]` is not null: the output exists
    /// and is unspent (by the chain, and by the mempool too if `include_mempool`).
    pub fn is_unspent(&self, outpoint: &OutPoint, include_mempool: bool) -> Result<bool, BitcoindError> {
        let reply = self.rpc.call_raw(
            "gettxout",
            &[
                json!(outpoint.txid.to_string()),
                json!(outpoint.vout),
                json!(include_mempool),
            ],
        )?;
        match reply {
            Value::Null => Ok(false),
            Value::Object(_) => Ok(true),
            other => Err(BitcoindError::malformed(
                "gettxout",
                format!("expected an object or null, got {other}"),
            )),
        }
    }

    /// `estimatesmartfee [conf_target]` (bitcoind's default estimate mode).
    pub fn estimate_smart_fee(&self, conf_target: u16) -> Result<FeeEstimate, BitcoindError> {
        let method = "estimatesmartfee";
        let r: FeeReply = self.rpc.call(method, &[json!(conf_target)])?;
        let fee_rate = match r.feerate {
            None => None,
            Some(btc_per_kvb) if btc_per_kvb.is_finite() && (0.0..=21e6).contains(&btc_per_kvb) => {
                let sat_per_kvb = (btc_per_kvb * 1e8).round() as u64;
                Some(FeeRate::from_sat_per_kwu(sat_per_kvb.div_ceil(4)))
            }
            Some(other) => return Err(BitcoindError::malformed(method, format!("feerate {other} BTC/kvB"))),
        };
        Ok(FeeEstimate {
            fee_rate,
            blocks: r.blocks,
            errors: r.errors,
        })
    }

    /// Brings the index to bitcoind's best block (handling reorgs) and returns
    /// the height it reached.
    pub fn sync(&self) -> Result<u32, BitcoindError> {
        let mut index = self.lock();
        self.sync_locked(&mut index)
    }

    fn sync_locked(&self, index: &mut Index) -> Result<u32, BitcoindError> {
        let info = self.blockchain_info()?;
        if index.tip() == Some((info.blocks, info.best_block_hash)) {
            return Ok(info.blocks);
        }
        if index.next_height() > info.blocks + 1 {
            index.disconnect_from(info.blocks + 1);
        }
        while let Some((height, hash)) = index.tip() {
            if self.block_hash(height)? == hash {
                break;
            }
            index.disconnect_from(height);
        }
        let mut height = index.next_height();
        let mut steps_back = 0u32;
        while height <= info.blocks {
            let hash = match self.block_hash(height) {
                // The chain got shorter since getblockchaininfo: stop here.
                Err(e) if e.rpc_code() == Some(codes::INVALID_PARAMETER) => break,
                other => other?,
            };
            let block = self.block(&hash)?;
            if let Some((_, tip)) = index.tip() {
                if block.header.prev_blockhash != tip {
                    // A reorg during the scan: step back and look again.
                    steps_back += 1;
                    if steps_back > MAX_STEPS_BACK {
                        return Err(BitcoindError::malformed(
                            "getblock",
                            format!("block {hash} at height {height} does not extend the chain followed so far, still after {MAX_STEPS_BACK} steps back"),
                        ));
                    }
                    height -= 1;
                    index.disconnect_from(height);
                    continue;
                }
            }
            index.record(height, &block);
            index.hashes.push(hash);
            height += 1;
        }
        Ok(match index.tip() {
            Some((h, _)) => h,
            None => info.blocks.min(height.saturating_sub(1)),
        })
    }

    /// Where a transaction below the followed range confirmed, by
    /// `getrawtransaction [txid, true]` (needs `-txindex`) and
    /// `getblockheader`; a transaction in the mempool is remembered as such.
    fn confirmed_below(&self, index: &mut Index, txid: &Txid) -> Result<Option<u32>, BitcoindError> {
        let method = "getrawtransaction";
        let reply = match self.rpc.call_raw(method, &[json!(txid.to_string()), json!(true)]) {
            Err(e) if e.rpc_code() == Some(codes::INVALID_ADDRESS_OR_KEY) => return Ok(None),
            other => other?,
        };
        let raw: RawTxReply = serde_json::from_value(reply).map_err(|e| BitcoindError::malformed(method, e))?;
        let start = index.start;
        let Some(block_hash) = raw.blockhash else {
            index.in_mempool.insert(*txid);
            return Ok(None);
        };
        let block_hash: BlockHash = parse(method, &block_hash)?;
        let header: HeaderReply = self
            .rpc
            .call("getblockheader", &[json!(block_hash.to_string()), json!(true)])?;
        // confirmations is -1 for a block off the active chain.
        Ok((header.confirmations >= 1 && header.height < start).then_some(header.height))
    }
}

impl ChainView for BitcoindChain {
    type Error = BitcoindError;

    fn tip_height(&self) -> Result<u32, BitcoindError> {
        self.sync()
    }

    fn confirmed_height(&self, txid: &Txid) -> Result<Option<u32>, BitcoindError> {
        let mut index = self.lock();
        self.sync_locked(&mut index)?;
        self.confirmed_height_in(&mut index, txid)
    }

    fn confirmed_spend(&self, outpoint: &OutPoint) -> Result<Option<(Transaction, u32)>, BitcoindError> {
        let mut index = self.lock();
        self.sync_locked(&mut index)?;
        self.confirmed_spend_in(&mut index, outpoint)
    }

    fn broadcast(&mut self, tx: &Transaction) -> Result<Txid, BitcoindError> {
        self.send_raw_transaction(tx)
    }
}

/// The chain as one sync left it ([`BitcoindChain::synced`]): a
/// [`ChainView`] whose reads do not sync again. It holds the backend's
/// index: other reads of the backend wait until it is dropped.
pub struct Synced<'a> {
    chain: &'a BitcoindChain,
    index: RefCell<MutexGuard<'a, Index>>,
    tip: u32,
}

impl BitcoindChain {
    /// Syncs once; the view answers every read from that tip.
    pub fn synced(&self) -> Result<Synced<'_>, BitcoindError> {
        let mut index = self.lock();
        let tip = self.sync_locked(&mut index)?;
        Ok(Synced { chain: self, index: RefCell::new(index), tip })
    }

    fn confirmed_height_in(&self, index: &mut Index, txid: &Txid) -> Result<Option<u32>, BitcoindError> {
        if !index.txs.contains_key(txid) {
            let mut found = None;
            for (i, hash) in index.hashes.iter().enumerate() {
                if self.block(hash)?.txdata.iter().any(|tx| tx.compute_txid() == *txid) {
                    found = Some(index.start + i as u32);
                    break;
                }
            }
            index.txs.insert(*txid, found);
        }
        match index.txs.get(txid) {
            Some(Some(height)) => Ok(Some(*height)),
            _ if index.in_mempool.contains(txid) => Ok(None),
            _ => self.confirmed_below(index, txid),
        }
    }

    fn confirmed_spend_in(&self, index: &mut Index, outpoint: &OutPoint) -> Result<Option<(Transaction, u32)>, BitcoindError> {
        if !index.spends.contains_key(outpoint) {
            let mut found = None;
            if !self.is_unspent(outpoint, false)? {
                'scan: for (i, hash) in index.hashes.iter().enumerate() {
                    for tx in self.block(hash)?.txdata {
                        if tx.input.iter().any(|input| input.previous_output == *outpoint) {
                            found = Some(Box::new((tx, index.start + i as u32)));
                            break 'scan;
                        }
                    }
                }
            }
            index.spends.insert(*outpoint, found);
        }
        Ok(index.spends.get(outpoint).and_then(|found| found.as_deref().cloned()))
    }
}

impl ChainView for Synced<'_> {
    type Error = BitcoindError;

    fn tip_height(&self) -> Result<u32, BitcoindError> {
        Ok(self.tip)
    }

    fn confirmed_height(&self, txid: &Txid) -> Result<Option<u32>, BitcoindError> {
        self.chain.confirmed_height_in(&mut self.index.borrow_mut(), txid)
    }

    fn confirmed_spend(&self, outpoint: &OutPoint) -> Result<Option<(Transaction, u32)>, BitcoindError> {
        self.chain.confirmed_spend_in(&mut self.index.borrow_mut(), outpoint)
    }

    fn broadcast(&mut self, tx: &Transaction) -> Result<Txid, BitcoindError> {
        self.chain.send_raw_transaction(tx)
    }
}

impl BitcoindChain {
    /// `sendrawtransaction`, checked to answer the transaction's txid.
    pub fn send_raw_transaction(&self, tx: &Transaction) -> Result<Txid, BitcoindError> {
        let method = "sendrawtransaction";
        let txid: String = self.rpc.call(method, &[json!(serialize_hex(tx))])?;
        let txid: Txid = parse(method, &txid)?;
        if txid != tx.compute_txid() {
            return Err(BitcoindError::malformed(
                method,
                format!("sent {}, bitcoind says {txid}", tx.compute_txid()),
            ));
        }
        Ok(txid)
    }
}

/// Parses a hash as bitcoind prints it (byte-reversed hex).
fn parse<T: FromStr>(method: &str, hex: &str) -> Result<T, BitcoindError>
where
    T::Err: std::fmt::Display,
{
    T::from_str(hex).map_err(|e| BitcoindError::malformed(method, format!("{hex:?} is not a hash: {e}")))
}
