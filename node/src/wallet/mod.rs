//! The on-chain wallet of the node seed, described by two miniscript
//! descriptors ([`descriptors`]: `wpkh([fingerprint/84'/coin'/0']xpub/0/*)`
//! to receive, `…/1/*` for change, the BIP 84 keys of [`crate::keys`]).
//! Addresses are handed out at increasing indices kept in sled, so an
//! address is never handed out twice, even across restarts; so is the
//! index of the next channel's keys. The coins paying the wallet's scripts
//! ([`coins`]: receive and change addresses and channels' payment
//! basepoints, found by scanning blocks) follow the chain through reorgs
//! ([`sync`]), and are spent by PSBTs ([`spend`] chooses, [`psbt`] builds,
//! signs and finalizes: funding transactions).
//!
//! A closed channel's outputs to its payment basepoint (the peer's
//! commitment's `to_remote` with `static_remotekey`, our delayed outputs
//! and penalties swept by the channel machine) are the wallet's coins like
//! any other, and fund later channels.
//!
//! What this is not: a general sender (no `sendtoaddress`), nor fee
//! estimation (the caller gives a feerate).
use std::collections::HashMap;
use std::sync::Mutex;

use bitcoin::{Address, Block, CompressedPublicKey, OutPoint, ScriptBuf};
use thiserror::Error;

use crate::keys::{KeyError, NodeKeys};

pub mod coins;
pub mod descriptors;
pub mod psbt;
pub mod spend;
pub mod sync;

pub use coins::{Balance, Coin, KeyRef};
pub use descriptors::{Branch, Descriptors};
pub use psbt::Draft;
pub use sync::{BlockSource, Synced};

/// Addresses scanned beyond the last one handed out, on each branch (a
/// restored seed finds coins at addresses this store never handed out).
pub const ADDRESS_GAP: u32 = 20;

/// The sled tree of the wallet's counters.
pub const WALLET_TREE: &str = "wallet";
const NEXT_RECEIVE_INDEX: &[u8] = b"next-receive-index";
const NEXT_CHANGE_INDEX: &[u8] = b"next-change-index";
const NEXT_CHANNEL_INDEX: &[u8] = b"next-channel-index";

fn join<T: std::fmt::Display>(items: &[T]) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// Why the wallet could not answer, pay or follow the chain.
#[derive(Debug, Error)]
pub enum WalletError {
    #[error("the store failed while {during}: {source}")]
    Store {
        during: &'static str,
        #[source]
        source: sled::Error,
    },
    #[error("the stored receive index is corrupt ({len} bytes, expected 4)")]
    CorruptIndex { len: usize },
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error("the store holds a damaged value: {what}")]
    Corrupt { what: &'static str },
    #[error("insufficient funds: {needed_sat} sat needed (amount and fee), {available_sat} sat spendable")]
    InsufficientFunds { needed_sat: u64, available_sat: u64 },
    #[error("{amount_sat} sat is below the dust limit")]
    Dust { amount_sat: u64 },
    #[error("the {branch} descriptor: {source}")]
    Descriptor {
        branch: Branch,
        #[source]
        source: miniscript::Error,
    },
    #[error("the {branch} descriptor at index {index}: {source}")]
    DescriptorIndex {
        branch: Branch,
        index: u32,
        #[source]
        source: miniscript::descriptor::ConversionError,
    },
    #[error("PSBT input {input}: {source}")]
    PsbtInput {
        input: usize,
        #[source]
        source: miniscript::psbt::UtxoUpdateError,
    },
    #[error("PSBT output {output}: {source}")]
    PsbtOutput {
        output: usize,
        #[source]
        source: miniscript::psbt::OutputUpdateError,
    },
    #[error("the PSBT is not base64: {0}")]
    PsbtBase64(#[source] base64::DecodeError),
    #[error("the PSBT does not decode: {0}")]
    PsbtDecode(#[source] bitcoin::psbt::Error),
    #[error("PSBT input {input} ({outpoint}) is not a coin of this wallet as the wallet knows it")]
    ForeignInput { input: usize, outpoint: OutPoint },
    #[error("PSBT input {input} asks for sighash {asked}; the wallet signs with SIGHASH_ALL only")]
    Sighash { input: usize, asked: bitcoin::psbt::PsbtSighashType },
    #[error("signing input {input} failed: {reason}")]
    Sign { input: usize, reason: String },
    #[error("finalizing the PSBT failed: {}", join(.0))]
    Finalize(Vec<miniscript::psbt::Error>),
    #[error("extracting the signed transaction failed: {0}")]
    Extract(#[source] Box<bitcoin::psbt::ExtractTxError>),
    #[error("reading block {height} from the chain failed: {source}")]
    Chain {
        height: u32,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("the chain reorganised below height {height}, deeper than the blocks the wallet recorded: it cannot undo them")]
    ReorgBeyondHistory { height: u32 },
    #[error("the chain's genesis block is not the one the wallet scanned: another chain")]
    OtherChain,
}

/// A signed transaction and what it pays.
#[derive(Debug, Clone)]
pub struct Signed {
    pub tx: bitcoin::Transaction,
    /// The coins it spends.
    pub inputs: Vec<Coin>,
    pub fee_sat: u64,
    /// The change output's index, if there is one.
    pub change_vout: Option<u32>,
}

/// The wallet over the node's keys and store.
pub struct Wallet {
    keys: NodeKeys,
    descriptors: Descriptors,
    tree: sled::Tree,
    coins: coins::Coins,
    /// Held while choosing and locking coins, so two spends never pick the same.
    spending: Mutex<()>,
}

impl Wallet {
    pub fn open(keys: NodeKeys, db: &sled::Db) -> Result<Wallet, WalletError> {
        let tree = db.open_tree(WALLET_TREE).map_err(|source| WalletError::Store { during: "opening", source })?;
        let coins = coins::Coins::open(db)?;
        let descriptors = Descriptors::new(&keys)?;
        Ok(Wallet { keys, descriptors, tree, coins, spending: Mutex::new(()) })
    }

    /// The public descriptors, receive then change, with their checksums
    /// (for bitcoind's `importdescriptors`, as watch-only).
    pub fn descriptors(&self) -> [String; 2] {
        self.descriptors.strings()
    }

    /// The next unused receive address and its index (persisted before it
    /// is returned).
    pub fn new_address(&self) -> Result<(Address, u32), WalletError> {
        let index = self.next_index(NEXT_RECEIVE_INDEX)?;
        Ok((self.descriptors.address(Branch::Receive, index)?, index))
    }

    /// The index of a new channel's keys (persisted before it is returned).
    pub fn new_channel_index(&self) -> Result<u32, WalletError> {
        self.next_index(NEXT_CHANNEL_INDEX)
    }

    fn counter(&self, key: &[u8]) -> Result<u32, WalletError> {
        match self.tree.get(key).map_err(|source| WalletError::Store { during: "reading a counter", source })? {
            None => Ok(0),
            Some(v) => <[u8; 4]>::try_from(v.as_ref()).map(u32::from_be_bytes).map_err(|_| WalletError::CorruptIndex { len: v.len() }),
        }
    }

    /// Hands out the counter `key`'s value and advances it.
    fn next_index(&self, key: &[u8]) -> Result<u32, WalletError> {
        let mut corrupt = None;
        let updated = self
            .tree
            .update_and_fetch(key, |old| {
                let next = match old {
                    None => 1u32,
                    Some(bytes) => match <[u8; 4]>::try_from(bytes) {
                        Ok(b) => u32::from_be_bytes(b).saturating_add(1),
                        Err(_) => {
                            corrupt = Some(bytes.len());
                            return Some(bytes.to_vec());
                        }
                    },
                };
                Some(next.to_be_bytes().to_vec())
            })
            .map_err(|source| WalletError::Store { during: "advancing an index", source })?;
        if let Some(len) = corrupt {
            return Err(WalletError::CorruptIndex { len });
        }
        let next = updated
            .as_deref()
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(u32::from_be_bytes)
            .ok_or(WalletError::CorruptIndex { len: updated.as_ref().map_or(0, |b| b.len()) })?;
        self.tree.flush().map_err(|source| WalletError::Store { during: "flushing", source })?;
        Ok(next - 1)
    }

    /// The P2WPKH script of channel `index`'s payment basepoint.
    pub fn channel_payment_script(&self, index: u32) -> Result<ScriptBuf, WalletError> {
        let secret = self.keys.channel_secrets(index)?.payment;
        Ok(ScriptBuf::new_p2wpkh(&CompressedPublicKey(secret.public_key(self.keys.secp())).wpubkey_hash()))
    }

    /// Every script the wallet watches: the descriptors' receive and change
    /// addresses handed out (plus [`ADDRESS_GAP`] on each) and every
    /// channel's payment basepoint.
    pub fn scripts(&self) -> Result<HashMap<ScriptBuf, KeyRef>, WalletError> {
        let mut scripts = HashMap::new();
        for i in 0..self.counter(NEXT_RECEIVE_INDEX)?.saturating_add(ADDRESS_GAP) {
            scripts.insert(self.descriptors.script(Branch::Receive, i)?, KeyRef::Receive(i));
        }
        for i in 0..self.counter(NEXT_CHANGE_INDEX)?.saturating_add(ADDRESS_GAP) {
            scripts.insert(self.descriptors.script(Branch::Change, i)?, KeyRef::Change(i));
        }
        for i in 0..self.counter(NEXT_CHANNEL_INDEX)? {
            scripts.insert(self.channel_payment_script(i)?, KeyRef::ChannelPayment(i));
        }
        Ok(scripts)
    }

    /// The last height scanned.
    pub fn scanned_height(&self) -> Result<Option<u32>, WalletError> {
        self.coins.scanned_height()
    }

    /// Scans block `height` for the wallet's coins (the block above the
    /// last scanned; [`Wallet::sync`] follows a chain with its reorgs).
    pub fn scan_block(&self, height: u32, block: &Block) -> Result<(), WalletError> {
        self.scan_block_with(height, block, &self.scripts()?)
    }

    /// As [`Wallet::scan_block`], with the scripts of [`Wallet::scripts`]
    /// computed once for several blocks.
    pub fn scan_block_with(&self, height: u32, block: &Block, scripts: &HashMap<ScriptBuf, KeyRef>) -> Result<(), WalletError> {
        let _guard = self.spending.lock().unwrap_or_else(|p| p.into_inner());
        self.coins.scan_block(height, block, scripts)
    }

    /// The balance with the chain at `tip`.
    pub fn balance(&self, tip: u32) -> Result<Balance, WalletError> {
        self.coins.balance(tip)
    }

    /// The coins (for listings and tests).
    pub fn coins(&self) -> Result<Vec<Coin>, WalletError> {
        self.coins.all()
    }

    /// Forgets the unconfirmed wallet transaction `txid` (it will never be
    /// broadcast): its inputs are spendable again, its change is gone.
    pub fn release(&self, txid: bitcoin::Txid) -> Result<(), WalletError> {
        let _guard = self.spending.lock().unwrap_or_else(|p| p.into_inner());
        for coin in self.coins.all()? {
            if coin.locked_by == Some(txid) {
                self.coins.put(&Coin { locked_by: None, ..coin })?;
            } else if coin.outpoint.txid == txid && coin.height.is_none() {
                self.coins.remove(&coin.outpoint)?;
            }
        }
        self.coins.flush()
    }

    /// The unsigned PSBT paying `amount_sat` to `script` from the coins
    /// spendable at `tip`, change to a new change address (the caller
    /// holds `spending`).
    fn draft(&self, script: &ScriptBuf, amount_sat: u64, feerate_sat_vb: u64, tip: u32) -> Result<Draft, WalletError> {
        let candidates: Vec<Coin> = self.coins.all()?.into_iter().filter(|c| c.spendable(tip)).collect();
        let change_index = self.next_index(NEXT_CHANGE_INDEX)?;
        let change = self.descriptors.script(Branch::Change, change_index)?;
        let selection = spend::select(candidates, script, amount_sat, feerate_sat_vb, &change)?;
        self.psbt_of(selection, change_index)
    }

    /// A signed transaction paying `amount_sat` to `script` at
    /// `feerate_sat_vb`, change to a new change address: a PSBT built,
    /// signed and finalized by the wallet. Its inputs are locked and its
    /// change recorded (unconfirmed) before it is returned.
    pub fn fund(&self, script: &ScriptBuf, amount_sat: u64, feerate_sat_vb: u64, tip: u32) -> Result<Signed, WalletError> {
        let _guard = self.spending.lock().unwrap_or_else(|p| p.into_inner());
        let Draft { mut psbt, inputs, fee_sat, change } = self.draft(script, amount_sat, feerate_sat_vb, tip)?;
        self.sign_psbt(&mut psbt)?;
        let tx = psbt.extract_tx().map_err(|e| WalletError::Extract(Box::new(e)))?;
        let txid = tx.compute_txid();
        for coin in &inputs {
            self.coins.put(&Coin { locked_by: Some(txid), ..coin.clone() })?;
        }
        if let Some((vout, index)) = change {
            let out = &tx.output[vout as usize];
            self.coins.put(&Coin {
                outpoint: OutPoint { txid, vout },
                value_sat: out.value.to_sat(),
                script: out.script_pubkey.clone(),
                key: KeyRef::Change(index),
                height: None,
                coinbase: false,
                locked_by: None,
            })?;
        }
        self.coins.flush()?;
        Ok(Signed { tx, inputs, fee_sat, change_vout: change.map(|(vout, _)| vout) })
    }

    /// The receive address at `index` (whether handed out or not).
    pub fn address_at(&self, index: u32) -> Result<Address, WalletError> {
        self.descriptors.address(Branch::Receive, index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::Seed;
    use bitcoin::Network;

    #[test]
    fn addresses_advance_and_the_index_survives_a_reopen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = NodeKeys::derive(&Seed::from_bytes([5; 32]), Network::Regtest).expect("keys");
        {
            let db = sled::open(dir.path()).expect("sled");
            let wallet = Wallet::open(keys.clone(), &db).expect("wallet");
            let (a0, i0) = wallet.new_address().expect("address");
            let (a1, i1) = wallet.new_address().expect("address");
            assert_eq!((i0, i1), (0, 1));
            assert_ne!(a0, a1);
            assert_eq!(a0, keys.receive_address(0).expect("address"));
        }
        let db = sled::open(dir.path()).expect("sled");
        let wallet = Wallet::open(keys.clone(), &db).expect("wallet");
        let (a2, i2) = wallet.new_address().expect("address");
        assert_eq!(i2, 2);
        assert_eq!(a2, wallet.address_at(2).expect("address"));
        assert!(a2.to_string().starts_with("bcrt1q"));
    }

    #[test]
    fn funding_locks_coins_records_change_and_a_release_undoes_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = NodeKeys::derive(&Seed::from_bytes([6; 32]), Network::Regtest).expect("keys");
        let db = sled::open(dir.path()).expect("sled");
        let wallet = Wallet::open(keys, &db).expect("wallet");
        let (address, _) = wallet.new_address().expect("address");
        let mut chain = lnp_chain::EmbeddedChain::new();
        chain.mine(1, &address.script_pubkey()).expect("mine");
        chain.mine(100, &ScriptBuf::new_op_return([])).expect("mine");
        for h in 0..=chain.height() {
            wallet.scan_block(h, chain.block_at(h).expect("block")).expect("scan");
        }
        let tip = chain.height();
        assert_eq!(wallet.balance(tip).expect("balance").confirmed_sat, 5_000_000_000);
        let to = ScriptBuf::new_p2wsh(&bitcoin::WScriptHash::from_raw_hash(bitcoin::hashes::Hash::from_byte_array([1; 32])));
        let signed = wallet.fund(&to, 1_000_000, 2, tip).expect("funds");
        let b = wallet.balance(tip).expect("balance");
        assert_eq!((b.confirmed_sat, b.locked_sat), (0, 5_000_000_000));
        assert_eq!(b.unconfirmed_sat, 5_000_000_000 - 1_000_000 - signed.fee_sat, "the change");
        assert!(matches!(wallet.fund(&to, 1_000_000, 2, tip), Err(WalletError::InsufficientFunds { .. })), "a locked coin is not spent twice");
        wallet.release(signed.tx.compute_txid()).expect("release");
        let b = wallet.balance(tip).expect("balance");
        assert_eq!((b.confirmed_sat, b.locked_sat, b.unconfirmed_sat), (5_000_000_000, 0, 0));
        // Spent for real: the chain takes it, and the next block's scan settles the books.
        let signed = wallet.fund(&to, 1_000_000, 2, tip).expect("funds");
        chain.submit(signed.tx.clone()).expect("the chain accepts the wallet's transaction");
        chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
        wallet.scan_block(chain.height(), chain.block_at(chain.height()).expect("block")).expect("scan");
        let b = wallet.balance(chain.height()).expect("balance");
        assert_eq!((b.confirmed_sat, b.locked_sat, b.unconfirmed_sat), (5_000_000_000 - 1_000_000 - signed.fee_sat, 0, 0));
    }

    #[test]
    fn a_closed_channels_payment_basepoint_coin_funds_a_new_channel() {
        // What a peer's commitment pays us (`to_remote`, static_remotekey)
        // or our channel machine sweeps to: P2WPKH of channel 0's payment basepoint.
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = NodeKeys::derive(&Seed::from_bytes([7; 32]), Network::Regtest).expect("keys");
        let db = sled::open(dir.path()).expect("sled");
        let wallet = Wallet::open(keys.clone(), &db).expect("wallet");
        let channel = wallet.new_channel_index().expect("index");
        let mut chain = lnp_chain::EmbeddedChain::new();
        let closer = lnp_chain::testkit::TestWallet::from_seed(70);
        closer.fund(&mut chain, 1).expect("mine");
        let to_remote = closer.pay_to(&chain, wallet.channel_payment_script(channel).expect("script"), bitcoin::Amount::from_sat(2_000_000), bitcoin::Amount::from_sat(1_000)).expect("pays");
        chain.submit(to_remote).expect("submit");
        chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
        wallet.sync(&chain, chain.height(), 0).expect("sync");
        let coins = wallet.coins().expect("coins");
        assert_eq!(coins.len(), 1);
        assert_eq!((coins[0].key, coins[0].value_sat), (KeyRef::ChannelPayment(channel), 2_000_000), "counted as the wallet's");
        let tip = chain.height();
        assert_eq!(wallet.balance(tip).expect("balance").confirmed_sat, 2_000_000);
        let to = ScriptBuf::new_p2wsh(&bitcoin::WScriptHash::from_raw_hash(bitcoin::hashes::Hash::from_byte_array([2; 32])));
        let draft = wallet.draft_funding(&to, 1_500_000, 2, tip).expect("draft");
        let origin = draft.psbt.inputs[0].bip32_derivation.values().next().expect("an origin").clone();
        assert_eq!(origin, (keys.master_fingerprint(), keys.channel_payment_path(channel).expect("path")), "the channel key's own path, not a descriptor's");
        let signed = wallet.fund(&to, 1_500_000, 2, tip).expect("the channel payment coin funds a new channel");
        assert_eq!(signed.inputs[0].key, KeyRef::ChannelPayment(channel));
        chain.submit(signed.tx.clone()).expect("the consensus verifier accepts the signature");
        chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
        wallet.sync(&chain, chain.height(), 0).expect("sync");
        let b = wallet.balance(chain.height()).expect("balance");
        assert_eq!((b.confirmed_sat, b.locked_sat, b.unconfirmed_sat), (2_000_000 - 1_500_000 - signed.fee_sat, 0, 0));
        assert!(matches!(wallet.coins().expect("coins")[0].key, KeyRef::Change(_)), "the change is on the change descriptor");
    }

    #[test]
    fn the_public_descriptors_parse_and_derive_the_addresses_handed_out() {
        use std::str::FromStr;
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = NodeKeys::derive(&Seed::from_bytes([8; 32]), Network::Regtest).expect("keys");
        let wallet = Wallet::open(keys, &sled::open(dir.path()).expect("sled")).expect("wallet");
        let [receive, change] = wallet.descriptors();
        assert!(receive.contains("/0/*)#") && change.contains("/1/*)#"), "{receive} {change}");
        let receive = miniscript::Descriptor::<miniscript::DescriptorPublicKey>::from_str(&receive).expect("parses");
        for _ in 0..3 {
            let (address, index) = wallet.new_address().expect("address");
            assert_eq!(receive.at_derivation_index(index).expect("definite").address(Network::Regtest).expect("address"), address);
        }
    }

    #[test]
    fn a_corrupt_index_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = NodeKeys::derive(&Seed::from_bytes([5; 32]), Network::Regtest).expect("keys");
        let db = sled::open(dir.path()).expect("sled");
        db.open_tree(WALLET_TREE).expect("tree").insert(NEXT_RECEIVE_INDEX, vec![1, 2]).expect("insert");
        let wallet = Wallet::open(keys, &db).expect("wallet");
        assert!(matches!(wallet.new_address(), Err(WalletError::CorruptIndex { len: 2 })));
    }
}
