//! A tiny deterministic wallet for tests: one key, derived from a seed, that mines
//! coinbases to its P2WPKH script and builds and signs spends to any script, so other
//! crates' tests can fund funding outputs, commitment outputs and the like.
//!
//! It is not a real wallet: no persistence, no fee estimation, no dust or standardness
//! rules, one key, coin selection in outpoint order, and it only sees confirmed coins
//! (minus those a mempool transaction already spends). Compiled for this crate's tests
//! and behind the `testkit` feature for others.

use bitcoin::hashes::{sha256, Hash};
use bitcoin::script::Builder;
use bitcoin::secp256k1::{All, Message, Secp256k1, SecretKey};
use bitcoin::sighash::{EcdsaSighashType, SighashCache};
use bitcoin::transaction::Version;
use bitcoin::{
    absolute, ecdsa, opcodes, Amount, BlockHash, CompressedPublicKey, OutPoint, PublicKey, Script,
    ScriptBuf, Sequence, Transaction, TxIn, TxOut, Witness,
};

use crate::chain::EmbeddedChain;
use crate::error::ChainError;
use crate::params::COINBASE_MATURITY;

/// Why the test wallet could not build or sign a transaction.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WalletError {
    /// Not enough mature, unspent coins.
    #[error("the wallet can spend {available}, but {needed} is needed")]
    InsufficientFunds {
        /// Outputs plus fee.
        needed: Amount,
        /// What the wallet can spend now.
        available: Amount,
    },
    /// The input to sign does not exist.
    #[error("input {input} does not exist (the transaction has {inputs})")]
    InputOutOfRange {
        /// The requested input.
        input: usize,
        /// How many inputs there are.
        inputs: usize,
    },
    /// Amounts overflowed.
    #[error("the amounts overflow")]
    AmountOverflow,
}

/// A one-key wallet paying to and spending from P2WPKH.
#[derive(Debug, Clone)]
pub struct TestWallet {
    secp: Secp256k1<All>,
    secret: SecretKey,
    public: CompressedPublicKey,
    script: ScriptBuf,
}

impl TestWallet {
    /// The wallet for `seed`: the same seed always gives the same key.
    pub fn from_seed(seed: u64) -> Self {
        let mut material =
            sha256::Hash::hash(&[b"lnp-chain/testkit/".as_slice(), &seed.to_le_bytes()].concat());
        // A hash is a valid secret key except with probability ~2^-128; rehash then.
        let secret = loop {
            match SecretKey::from_slice(material.as_byte_array()) {
                Ok(k) => break k,
                Err(_) => material = sha256::Hash::hash(material.as_byte_array()),
            }
        };
        let secp = Secp256k1::new();
        let public = CompressedPublicKey(secret.public_key(&secp));
        let script = ScriptBuf::new_p2wpkh(&public.wpubkey_hash());
        Self {
            secp,
            secret,
            public,
            script,
        }
    }

    /// The secret key (to build other scripts' witnesses by hand).
    pub fn secret_key(&self) -> SecretKey {
        self.secret
    }

    /// The compressed public key.
    pub fn public_key(&self) -> PublicKey {
        PublicKey::from(self.public)
    }

    /// The wallet's P2WPKH script.
    pub fn script_pubkey(&self) -> &Script {
        &self.script
    }

    /// Mines `n` blocks paying the wallet, then [`COINBASE_MATURITY`] more (also paying
    /// it), so that the first `n` coinbases can be spent in the next block.
    pub fn fund(&self, chain: &mut EmbeddedChain, n: u32) -> Result<Vec<BlockHash>, ChainError> {
        chain.mine(n.saturating_add(COINBASE_MATURITY), &self.script)
    }

    /// Coins the wallet can spend in the next block: confirmed, paying its script,
    /// mature, not spent by a mempool transaction. In outpoint order.
    pub fn spendable(&self, chain: &EmbeddedChain) -> Vec<(OutPoint, TxOut)> {
        let next = chain.height() + 1;
        chain
            .utxos_for_script(&self.script)
            .into_iter()
            .filter(|(op, coin)| {
                let mature = !coin.is_coinbase || next - coin.height >= COINBASE_MATURITY;
                mature && chain.mempool_spender(op).is_none()
            })
            .map(|(op, coin)| (op, coin.output))
            .collect()
    }

    /// Sum of [`Self::spendable`].
    pub fn balance(&self, chain: &EmbeddedChain) -> Amount {
        self.spendable(chain).iter().map(|(_, o)| o.value).sum()
    }

    /// A signed version-2 transaction paying `outputs`, `fee` to the miner and the
    /// change (if any) back to the wallet as the last output. Not submitted.
    pub fn send(
        &self,
        chain: &EmbeddedChain,
        outputs: Vec<TxOut>,
        fee: Amount,
    ) -> Result<Transaction, WalletError> {
        let needed = outputs
            .iter()
            .try_fold(fee, |acc, o| acc.checked_add(o.value))
            .ok_or(WalletError::AmountOverflow)?;
        let mut chosen = Vec::new();
        let mut total = Amount::ZERO;
        for coin in self.spendable(chain) {
            if total >= needed {
                break;
            }
            total = total
                .checked_add(coin.1.value)
                .ok_or(WalletError::AmountOverflow)?;
            chosen.push(coin);
        }
        if total < needed {
            return Err(WalletError::InsufficientFunds {
                needed,
                available: total,
            });
        }
        let mut outputs = outputs;
        let change = total - needed;
        if change > Amount::ZERO {
            outputs.push(TxOut {
                value: change,
                script_pubkey: self.script.clone(),
            });
        }
        self.spend(&chosen, outputs)
    }

    /// Pays `value` to `script` with `fee`, change back to the wallet. Not submitted.
    pub fn pay_to(
        &self,
        chain: &EmbeddedChain,
        script: ScriptBuf,
        value: Amount,
        fee: Amount,
    ) -> Result<Transaction, WalletError> {
        self.send(
            chain,
            vec![TxOut {
                value,
                script_pubkey: script,
            }],
            fee,
        )
    }

    /// A signed version-2 transaction spending exactly `coins` (which must pay this
    /// wallet's script) to `outputs`. The fee is whatever is left.
    pub fn spend(
        &self,
        coins: &[(OutPoint, TxOut)],
        outputs: Vec<TxOut>,
    ) -> Result<Transaction, WalletError> {
        let input = coins
            .iter()
            .map(|(op, _)| TxIn {
                previous_output: *op,
                script_sig: ScriptBuf::new(),
                sequence: Sequence::ENABLE_RBF_NO_LOCKTIME,
                witness: Witness::new(),
            })
            .collect();
        let mut tx = Transaction {
            version: Version::TWO,
            lock_time: absolute::LockTime::ZERO,
            input,
            output: outputs,
        };
        for (i, (_, out)) in coins.iter().enumerate() {
            self.sign_p2wpkh(&mut tx, i, out.value)?;
        }
        Ok(tx)
    }

    /// Signs input `input` (spending `value` from this wallet's P2WPKH) with
    /// `SIGHASH_ALL` and sets its witness.
    pub fn sign_p2wpkh(
        &self,
        tx: &mut Transaction,
        input: usize,
        value: Amount,
    ) -> Result<(), WalletError> {
        let inputs = tx.input.len();
        let sighash = SighashCache::new(&*tx)
            .p2wpkh_signature_hash(input, &self.script, value, EcdsaSighashType::All)
            .map_err(|_| WalletError::InputOutOfRange { input, inputs })?;
        let sig = self.sign_digest(sighash.to_byte_array());
        let txin = tx
            .input
            .get_mut(input)
            .ok_or(WalletError::InputOutOfRange { input, inputs })?;
        txin.witness = Witness::p2wpkh(&sig, &self.public.0);
        Ok(())
    }

    /// A `SIGHASH_ALL` signature of input `input` spending `value` from a P2WSH output
    /// with `witness_script` (BIP 143), for the caller to place in the witness.
    pub fn sign_p2wsh(
        &self,
        tx: &Transaction,
        input: usize,
        witness_script: &Script,
        value: Amount,
    ) -> Result<ecdsa::Signature, WalletError> {
        let inputs = tx.input.len();
        let sighash = SighashCache::new(tx)
            .p2wsh_signature_hash(input, witness_script, value, EcdsaSighashType::All)
            .map_err(|_| WalletError::InputOutOfRange { input, inputs })?;
        Ok(self.sign_digest(sighash.to_byte_array()))
    }

    fn sign_digest(&self, digest: [u8; 32]) -> ecdsa::Signature {
        let msg = Message::from_digest(digest);
        ecdsa::Signature::sighash_all(self.secp.sign_ecdsa(&msg, &self.secret))
    }
}

/// `2 <k1> <k2> 2 OP_CHECKMULTISIG` with the keys in lexicographic order of their
/// serialization: the BOLT 3 funding output's witness script.
pub fn multisig_2of2(a: &PublicKey, b: &PublicKey) -> ScriptBuf {
    let (first, second) = if a.to_bytes() <= b.to_bytes() {
        (a, b)
    } else {
        (b, a)
    };
    Builder::new()
        .push_opcode(opcodes::all::OP_PUSHNUM_2)
        .push_key(first)
        .push_key(second)
        .push_opcode(opcodes::all::OP_PUSHNUM_2)
        .push_opcode(opcodes::all::OP_CHECKMULTISIG)
        .into_script()
}

/// A P2WSH output of `value` locked to `witness_script`.
pub fn p2wsh_output(witness_script: &Script, value: Amount) -> TxOut {
    TxOut {
        value,
        script_pubkey: ScriptBuf::new_p2wsh(&witness_script.wscript_hash()),
    }
}
