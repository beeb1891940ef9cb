//! The wallet's coins: the outputs paying the wallet's scripts, found by
//! scanning every block the node sees, kept in sled (`wallet/coins`, with
//! the last scanned height), and removed when a block spends them.
//!
//! A coin is `confirmed` (in a block) or `unconfirmed` (the change of a
//! transaction this wallet made, not yet mined); a coin this wallet is
//! spending in an unconfirmed transaction is `locked` and not offered again.
//! Coinbase outputs wait 100 blocks.
//!
//! Reorgs: each scanned block leaves a [`BlockRecord`] (`wallet/blocks`:
//! its hash, its parent's hash, and every coin it created or spent as it
//! was before the block), written in one sled transaction with the coins
//! and the scanned height. [`Coins::disconnect`] undoes the top block from
//! its record: coins it created go, coins it spent come back. A lock taken
//! since survives the undo: a coin the wallet is spending stays locked
//! (its transaction may confirm again), even when the block that created
//! it is gone (then it is kept unconfirmed). Records older than
//! [`KEPT_BLOCKS`] below the scanned height are pruned. What this is not:
//! deciding which blocks to undo (see [`super::sync`]) nor the choice of
//! scripts (the caller says which scripts are the wallet's, see
//! [`super::Wallet`]).
use std::collections::{BTreeMap, HashMap};

use bitcoin::{Block, BlockHash, OutPoint, ScriptBuf, Txid};
use serde::{Deserialize, Serialize};
use sled::transaction::{ConflictableTransactionResult, TransactionError, TransactionalTree, UnabortableTransactionError};
use sled::Transactional;

use super::WalletError;

/// The sled tree of coins (outpoint → [`Coin`] as JSON).
pub const COINS_TREE: &str = "wallet/coins";
const SCANNED_HEIGHT: &[u8] = b"scanned-height";
/// The sled tree of scanned blocks (height → [`BlockRecord`] as JSON).
pub const BLOCKS_TREE: &str = "wallet/blocks";
/// How many blocks below the scanned height keep their record: the
/// deepest reorg the wallet can undo.
pub const KEPT_BLOCKS: u32 = 10_000;
/// The version of [`BlockRecord`]'s encoding.
pub const RECORD_VERSION: u8 = 1;
/// Blocks before a coinbase output may be spent (consensus).
pub const COINBASE_MATURITY: u32 = 100;

/// Which key spends a coin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyRef {
    /// The receive descriptor (`…/0/*`) at this index.
    Receive(u32),
    /// The change descriptor (`…/1/*`) at this index.
    Change(u32),
    /// The payment basepoint of channel `n` (where force closes and the
    /// fundee's side of a cooperative close pay).
    ChannelPayment(u32),
}

/// One output the wallet can spend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coin {
    #[serde(with = "text")]
    pub outpoint: OutPoint,
    pub value_sat: u64,
    #[serde(with = "script_hex")]
    pub script: ScriptBuf,
    pub key: KeyRef,
    /// The height of the block that confirmed it; `None` while unconfirmed.
    pub height: Option<u32>,
    pub coinbase: bool,
    /// The unconfirmed wallet transaction spending it, if any.
    #[serde(with = "opt_text")]
    pub locked_by: Option<Txid>,
}

/// What a scanned block did to the coins, to undo it after a reorg.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockRecord {
    /// [`RECORD_VERSION`].
    pub version: u8,
    #[serde(with = "text")]
    pub hash: BlockHash,
    #[serde(with = "text")]
    pub prev: BlockHash,
    /// Each coin the block created or spent, as it was before the block.
    pub undo: Vec<Undo>,
}

/// One coin as it was before a block: `None` when the block created it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Undo {
    #[serde(with = "text")]
    pub outpoint: OutPoint,
    pub before: Option<Coin>,
}

/// Stored as its `Display` text.
mod text {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};
    use std::fmt::Display;
    use std::str::FromStr;

    pub fn serialize<T: Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    pub fn deserialize<'de, T: FromStr, D: Deserializer<'de>>(d: D) -> Result<T, D::Error>
    where
        T::Err: Display,
    {
        let text = String::deserialize(d)?;
        T::from_str(&text).map_err(D::Error::custom)
    }
}

mod opt_text {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};
    use std::fmt::Display;
    use std::str::FromStr;

    pub fn serialize<T: Display, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: FromStr, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error>
    where
        T::Err: Display,
    {
        Option::<String>::deserialize(d)?.map(|t| T::from_str(&t).map_err(D::Error::custom)).transpose()
    }
}

mod script_hex {
    use bitcoin::ScriptBuf;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &ScriptBuf, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_hex_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ScriptBuf, D::Error> {
        ScriptBuf::from_hex(&String::deserialize(d)?).map_err(D::Error::custom)
    }
}

impl Coin {
    /// Whether it may be spent in the block after `tip`.
    pub fn spendable(&self, tip: u32) -> bool {
        match self.height {
            None => false,
            Some(h) => self.locked_by.is_none() && (!self.coinbase || tip + 1 >= h + COINBASE_MATURITY),
        }
    }
}

/// What the wallet holds, in satoshis.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    /// Confirmed and spendable now.
    pub confirmed_sat: u64,
    /// Confirmed coinbase outputs younger than 100 blocks.
    pub immature_sat: u64,
    /// Change of the wallet's own unconfirmed transactions.
    pub unconfirmed_sat: u64,
    /// Coins being spent by an unconfirmed wallet transaction (confirmed,
    /// or unconfirmed again after a reorg).
    pub locked_sat: u64,
}

impl Balance {
    /// Everything the wallet will hold once its transactions confirm.
    pub fn total_sat(&self) -> u64 {
        self.confirmed_sat + self.immature_sat + self.unconfirmed_sat
    }
}

/// The coin set and the scanned blocks' records in sled.
pub struct Coins {
    tree: sled::Tree,
    blocks: sled::Tree,
}

fn store_err(during: &'static str) -> impl FnOnce(sled::Error) -> WalletError {
    move |source| WalletError::Store { during, source }
}

fn transaction_err(during: &'static str) -> impl FnOnce(TransactionError<()>) -> WalletError {
    move |e| match e {
        TransactionError::Storage(source) => WalletError::Store { during, source },
        TransactionError::Abort(()) => WalletError::Corrupt { what: "an aborted store transaction" },
    }
}

fn to_json<T: Serialize>(value: &T, what: &'static str) -> Result<Vec<u8>, WalletError> {
    serde_json::to_vec(value).map_err(|_| WalletError::Corrupt { what })
}

/// A coin's key and new value (`None` removes it).
type Write = (Vec<u8>, Option<Vec<u8>>);

/// Applies `writes` to the coins tree inside a store transaction.
fn apply(coins: &TransactionalTree, writes: &[Write]) -> Result<(), UnabortableTransactionError> {
    for (key, value) in writes {
        match value {
            Some(v) => coins.insert(key.as_slice(), v.as_slice())?,
            None => coins.remove(key.as_slice())?,
        };
    }
    Ok(())
}

/// The coins a block changes: each one's value after the block, and the
/// undo entries (its value before, on first touch).
#[derive(Default)]
struct Changes {
    after: BTreeMap<OutPoint, Option<Coin>>,
    undo: Vec<Undo>,
}

impl Changes {
    /// The coin at `outpoint` as the block has left it so far.
    fn now(&self, coins: &Coins, outpoint: OutPoint) -> Result<Option<Coin>, WalletError> {
        match self.after.get(&outpoint) {
            Some(c) => Ok(c.clone()),
            None => coins.get(&outpoint),
        }
    }

    fn set(&mut self, coins: &Coins, outpoint: OutPoint, coin: Option<Coin>) -> Result<(), WalletError> {
        if !self.after.contains_key(&outpoint) {
            self.undo.push(Undo { outpoint, before: coins.get(&outpoint)? });
        }
        self.after.insert(outpoint, coin);
        Ok(())
    }

    /// The coin writes, encoded.
    fn writes(&self) -> Result<Vec<Write>, WalletError> {
        self.after.iter().map(|(o, c)| Ok((outpoint_key(o), c.as_ref().map(|c| to_json(c, "a coin to store")).transpose()?))).collect()
    }
}

fn outpoint_key(o: &OutPoint) -> Vec<u8> {
    bitcoin::consensus::serialize(o)
}

impl Coins {
    pub fn open(db: &sled::Db) -> Result<Coins, WalletError> {
        Ok(Coins {
            tree: db.open_tree(COINS_TREE).map_err(store_err("opening the coins"))?,
            blocks: db.open_tree(BLOCKS_TREE).map_err(store_err("opening the block records"))?,
        })
    }

    /// The coin at `outpoint`, if the wallet has it.
    pub fn get(&self, outpoint: &OutPoint) -> Result<Option<Coin>, WalletError> {
        match self.tree.get(outpoint_key(outpoint)).map_err(store_err("reading a coin"))? {
            None => Ok(None),
            Some(v) => serde_json::from_slice(&v).map(Some).map_err(|_| WalletError::Corrupt { what: "a stored coin" }),
        }
    }

    /// The record of the block scanned at `height`, if one is kept.
    pub fn block(&self, height: u32) -> Result<Option<BlockRecord>, WalletError> {
        match self.blocks.get(height.to_be_bytes()).map_err(store_err("reading a block record"))? {
            None => Ok(None),
            Some(v) => {
                let record: BlockRecord = serde_json::from_slice(&v).map_err(|_| WalletError::Corrupt { what: "a block record" })?;
                if record.version != RECORD_VERSION {
                    return Err(WalletError::Corrupt { what: "a block record of an unknown version" });
                }
                Ok(Some(record))
            }
        }
    }

    /// The last height scanned, if any.
    pub fn scanned_height(&self) -> Result<Option<u32>, WalletError> {
        match self.tree.get(SCANNED_HEIGHT).map_err(store_err("reading the scanned height"))? {
            None => Ok(None),
            Some(v) => <[u8; 4]>::try_from(v.as_ref())
                .map(|b| Some(u32::from_be_bytes(b)))
                .map_err(|_| WalletError::Corrupt { what: "the scanned height" }),
        }
    }

    /// Every coin, confirmed or not.
    pub fn all(&self) -> Result<Vec<Coin>, WalletError> {
        let mut out = Vec::new();
        for item in self.tree.iter() {
            let (k, v) = item.map_err(store_err("reading the coins"))?;
            if k.as_ref() == SCANNED_HEIGHT {
                continue;
            }
            out.push(serde_json::from_slice(&v).map_err(|_| WalletError::Corrupt { what: "a stored coin" })?);
        }
        Ok(out)
    }

    pub fn put(&self, coin: &Coin) -> Result<(), WalletError> {
        let value = serde_json::to_vec(coin).map_err(|_| WalletError::Corrupt { what: "a coin to store" })?;
        self.tree.insert(outpoint_key(&coin.outpoint), value).map_err(store_err("storing a coin"))?;
        Ok(())
    }

    pub fn remove(&self, outpoint: &OutPoint) -> Result<(), WalletError> {
        self.tree.remove(outpoint_key(outpoint)).map_err(store_err("removing a coin"))?;
        Ok(())
    }

    pub fn flush(&self) -> Result<(), WalletError> {
        self.tree.flush().map_err(store_err("flushing the coins"))?;
        self.blocks.flush().map_err(store_err("flushing the block records"))?;
        Ok(())
    }

    /// Records block `height`: its spends of our coins and its outputs to
    /// `scripts`, its [`BlockRecord`] and the new scanned height, in one
    /// store transaction. A coin found again keeps its lock.
    pub fn scan_block(&self, height: u32, block: &Block, scripts: &HashMap<ScriptBuf, KeyRef>) -> Result<(), WalletError> {
        let mut changes = Changes::default();
        for (i, tx) in block.txdata.iter().enumerate() {
            if i > 0 {
                for input in &tx.input {
                    if changes.now(self, input.previous_output)?.is_some() {
                        changes.set(self, input.previous_output, None)?;
                    }
                }
            }
            let txid = tx.compute_txid();
            for (vout, out) in tx.output.iter().enumerate() {
                if let Some(key) = scripts.get(&out.script_pubkey) {
                    let outpoint = OutPoint { txid, vout: vout as u32 };
                    let locked_by = changes.now(self, outpoint)?.and_then(|c| c.locked_by);
                    let coin = Coin { outpoint, value_sat: out.value.to_sat(), script: out.script_pubkey.clone(), key: *key, height: Some(height), coinbase: i == 0, locked_by };
                    changes.set(self, outpoint, Some(coin))?;
                }
            }
        }
        let writes = changes.writes()?;
        let record = BlockRecord { version: RECORD_VERSION, hash: block.block_hash(), prev: block.header.prev_blockhash, undo: changes.undo };
        let record = to_json(&record, "a block record to store")?;
        let pruned = height.checked_sub(KEPT_BLOCKS);
        (&self.tree, &self.blocks)
            .transaction(|(coins, blocks)| -> ConflictableTransactionResult<(), ()> {
                apply(coins, &writes)?;
                coins.insert(SCANNED_HEIGHT, &height.to_be_bytes())?;
                blocks.insert(&height.to_be_bytes(), record.as_slice())?;
                if let Some(old) = pruned {
                    blocks.remove(&old.to_be_bytes())?;
                }
                Ok(())
            })
            .map_err(transaction_err("recording a block"))?;
        self.flush()
    }

    /// Undoes the block scanned at `height` (the top one) from its record,
    /// in one store transaction: the scanned height becomes `height - 1`.
    /// Returns the record.
    pub fn disconnect(&self, height: u32) -> Result<BlockRecord, WalletError> {
        if self.scanned_height()? != Some(height) {
            return Err(WalletError::Corrupt { what: "the scanned height, below the block to disconnect" });
        }
        let record = self.block(height)?.ok_or(WalletError::Corrupt { what: "the record of the block to disconnect (missing)" })?;
        let mut changes = Changes::default();
        for undo in &record.undo {
            let now = self.get(&undo.outpoint)?;
            let lock = now.as_ref().and_then(|c| c.locked_by);
            let restored = match &undo.before {
                Some(before) => Some(Coin { locked_by: lock.or(before.locked_by), ..before.clone() }),
                // Created by the block: gone, unless the wallet is spending it.
                None => now.filter(|c| c.locked_by.is_some()).map(|c| Coin { height: None, ..c }),
            };
            changes.after.insert(undo.outpoint, restored);
        }
        let writes = changes.writes()?;
        (&self.tree, &self.blocks)
            .transaction(|(coins, blocks)| -> ConflictableTransactionResult<(), ()> {
                apply(coins, &writes)?;
                match height.checked_sub(1) {
                    Some(below) => coins.insert(SCANNED_HEIGHT, &below.to_be_bytes())?,
                    None => coins.remove(SCANNED_HEIGHT)?,
                };
                blocks.remove(&height.to_be_bytes())?;
                Ok(())
            })
            .map_err(transaction_err("disconnecting a block"))?;
        self.flush()?;
        Ok(record)
    }

    /// The balance at `tip`.
    pub fn balance(&self, tip: u32) -> Result<Balance, WalletError> {
        let mut b = Balance::default();
        for c in self.all()? {
            match c.height {
                _ if c.locked_by.is_some() => b.locked_sat += c.value_sat,
                None => b.unconfirmed_sat += c.value_sat,
                Some(h) if c.coinbase && tip + 1 < h + COINBASE_MATURITY => b.immature_sat += c.value_sat,
                Some(_) => b.confirmed_sat += c.value_sat,
            }
        }
        Ok(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bitcoin::absolute::LockTime;
    use bitcoin::transaction::Version;
    use bitcoin::{Amount, Sequence, Transaction, TxIn, TxOut, Witness};

    fn script(b: u8) -> ScriptBuf {
        ScriptBuf::new_p2wpkh(&bitcoin::WPubkeyHash::from_raw_hash(bitcoin::hashes::Hash::from_byte_array([b; 20])))
    }

    fn tx(inputs: Vec<OutPoint>, outputs: Vec<(u8, u64)>) -> Transaction {
        Transaction {
            version: Version::TWO,
            lock_time: LockTime::ZERO,
            input: inputs.into_iter().map(|o| TxIn { previous_output: o, script_sig: ScriptBuf::new(), sequence: Sequence::MAX, witness: Witness::new() }).collect(),
            output: outputs.into_iter().map(|(s, v)| TxOut { value: Amount::from_sat(v), script_pubkey: script(s) }).collect(),
        }
    }

    fn block(txs: Vec<Transaction>) -> Block {
        let genesis = bitcoin::constants::genesis_block(bitcoin::Network::Regtest);
        Block { header: genesis.header, txdata: txs }
    }

    #[test]
    fn outputs_to_our_scripts_are_found_spends_remove_them_and_coinbases_mature() {
        let dir = tempfile::tempdir().expect("dir");
        let db = sled::open(dir.path()).expect("sled");
        let coins = Coins::open(&db).expect("coins");
        let scripts: HashMap<ScriptBuf, KeyRef> = [(script(1), KeyRef::Receive(0)), (script(2), KeyRef::ChannelPayment(3))].into();
        let coinbase = tx(vec![OutPoint::null()], vec![(1, 5_000)]);
        let pay = tx(vec![OutPoint { txid: coinbase.compute_txid(), vout: 7 }], vec![(2, 700), (9, 300)]);
        coins.scan_block(1, &block(vec![coinbase.clone(), pay.clone()]), &scripts).expect("scan");
        assert_eq!(coins.scanned_height().expect("height"), Some(1));
        let b = coins.balance(1).expect("balance");
        assert_eq!((b.immature_sat, b.confirmed_sat), (5_000, 700));
        assert_eq!(coins.balance(100).expect("balance").confirmed_sat, 5_700, "mature at 100 confirmations");
        let spend = tx(vec![OutPoint { txid: pay.compute_txid(), vout: 0 }], vec![(9, 600)]);
        coins.scan_block(2, &block(vec![tx(vec![OutPoint::null()], vec![(9, 1)]), spend]), &scripts).expect("scan");
        let all = coins.all().expect("all");
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].key, KeyRef::Receive(0));
        drop(coins);
        let coins = Coins::open(&db).expect("reopen");
        assert_eq!(coins.scanned_height().expect("height"), Some(2), "persisted");
    }

    #[test]
    fn a_disconnect_undoes_the_top_block_from_its_record_and_old_records_are_pruned() {
        let dir = tempfile::tempdir().expect("dir");
        let db = sled::open(dir.path()).expect("sled");
        let coins = Coins::open(&db).expect("coins");
        let scripts: HashMap<ScriptBuf, KeyRef> = [(script(1), KeyRef::Receive(0))].into();
        let pay = tx(vec![OutPoint { txid: Txid::from_raw_hash(bitcoin::hashes::Hash::from_byte_array([9; 32])), vout: 0 }], vec![(1, 700)]);
        coins.scan_block(1, &block(vec![tx(vec![OutPoint::null()], vec![(9, 1)]), pay.clone()]), &scripts).expect("scan");
        let spend = tx(vec![OutPoint { txid: pay.compute_txid(), vout: 0 }], vec![(1, 600)]);
        let second = block(vec![tx(vec![OutPoint::null()], vec![(9, 2)]), spend.clone()]);
        coins.scan_block(2, &second, &scripts).expect("scan");
        let record = coins.block(2).expect("read").expect("recorded");
        assert_eq!((record.version, record.hash, record.undo.len()), (RECORD_VERSION, second.block_hash(), 2), "the spent coin and the new one");
        assert_eq!(coins.all().expect("all").len(), 1);
        assert!(matches!(coins.disconnect(1), Err(WalletError::Corrupt { .. })), "only the top block");
        coins.disconnect(2).expect("disconnect");
        assert_eq!(coins.scanned_height().expect("height"), Some(1));
        assert_eq!(coins.block(2).expect("read"), None);
        let all = coins.all().expect("all");
        assert_eq!((all.len(), all[0].outpoint.txid, all[0].value_sat), (1, pay.compute_txid(), 700), "the spent coin is back, the new one gone");
        coins.disconnect(1).expect("disconnect");
        coins.disconnect(0).expect_err("nothing scanned at 0");
        assert!(coins.all().expect("all").is_empty());
        // Records older than KEPT_BLOCKS below the scanned height are pruned.
        coins.scan_block(5, &block(vec![tx(vec![OutPoint::null()], vec![(9, 1)])]), &scripts).expect("scan");
        coins.scan_block(5 + KEPT_BLOCKS - 1, &block(vec![tx(vec![OutPoint::null()], vec![(9, 3)])]), &scripts).expect("scan");
        assert!(coins.block(5).expect("read").is_some());
        coins.scan_block(5 + KEPT_BLOCKS, &block(vec![tx(vec![OutPoint::null()], vec![(9, 4)])]), &scripts).expect("scan");
        assert_eq!(coins.block(5).expect("read"), None);
    }
}
