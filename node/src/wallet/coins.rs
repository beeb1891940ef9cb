//! The wallet's coins: the outputs paying the wallet's scripts, found by
//! scanning every block the node sees, kept in sled (`wallet/coins`, with
//! the last scanned height), and removed when a block spends them.
//!
//! A coin is `confirmed` (in a block) or `unconfirmed` (the change of a
//! transaction this wallet made, not yet mined); a coin this wallet is
//! spending in an unconfirmed transaction is `locked` and not offered again.
//! Coinbase outputs wait 100 blocks. What this is not: reorg handling (a
//! block once scanned stays scanned) nor the choice of scripts (the caller
//! says which scripts are the wallet's, see [`super::Wallet`]).
use std::collections::HashMap;

use bitcoin::{Block, OutPoint, ScriptBuf, Txid};
use serde::{Deserialize, Serialize};

use super::WalletError;

/// The sled tree of coins (outpoint → [`Coin`] as JSON).
pub const COINS_TREE: &str = "wallet/coins";
const SCANNED_HEIGHT: &[u8] = b"scanned-height";
/// Blocks before a coinbase output may be spent (consensus).
pub const COINBASE_MATURITY: u32 = 100;

/// Which key spends a coin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyRef {
    /// The BIP 84 receive key at this index.
    Receive(u32),
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
    /// Confirmed coins being spent by an unconfirmed wallet transaction.
    pub locked_sat: u64,
}

impl Balance {
    /// Everything the wallet will hold once its transactions confirm.
    pub fn total_sat(&self) -> u64 {
        self.confirmed_sat + self.immature_sat + self.unconfirmed_sat
    }
}

/// The coin set in sled.
pub struct Coins {
    tree: sled::Tree,
}

fn store_err(during: &'static str) -> impl FnOnce(sled::Error) -> WalletError {
    move |source| WalletError::Store { during, source }
}

fn outpoint_key(o: &OutPoint) -> Vec<u8> {
    bitcoin::consensus::serialize(o)
}

impl Coins {
    pub fn open(db: &sled::Db) -> Result<Coins, WalletError> {
        Ok(Coins { tree: db.open_tree(COINS_TREE).map_err(store_err("opening the coins"))? })
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
        Ok(())
    }

    /// Records block `height`: its spends of our coins and its outputs to
    /// `scripts`, then the new scanned height (one flush).
    pub fn scan_block(&self, height: u32, block: &Block, scripts: &HashMap<ScriptBuf, KeyRef>) -> Result<(), WalletError> {
        for (i, tx) in block.txdata.iter().enumerate() {
            if i > 0 {
                for input in &tx.input {
                    self.tree.remove(outpoint_key(&input.previous_output)).map_err(store_err("removing a spent coin"))?;
                }
            }
            let txid = tx.compute_txid();
            for (vout, out) in tx.output.iter().enumerate() {
                if let Some(key) = scripts.get(&out.script_pubkey) {
                    self.put(&Coin {
                        outpoint: OutPoint { txid, vout: vout as u32 },
                        value_sat: out.value.to_sat(),
                        script: out.script_pubkey.clone(),
                        key: *key,
                        height: Some(height),
                        coinbase: i == 0,
                        locked_by: None,
                    })?;
                }
            }
        }
        self.tree.insert(SCANNED_HEIGHT, &height.to_be_bytes()).map_err(store_err("storing the scanned height"))?;
        self.flush()
    }

    /// The balance at `tip`.
    pub fn balance(&self, tip: u32) -> Result<Balance, WalletError> {
        let mut b = Balance::default();
        for c in self.all()? {
            match c.height {
                None => b.unconfirmed_sat += c.value_sat,
                Some(_) if c.locked_by.is_some() => b.locked_sat += c.value_sat,
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
}
