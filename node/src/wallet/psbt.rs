//! The funding flow as a PSBT (BIP 174): the [`super::spend`] selection
//! becomes a [`Psbt`] whose inputs carry their `witness_utxo` and BIP 32
//! key origin (from the descriptors for receive and change coins; the
//! channel key's path, `m/1017'/coin'/100'/n'/2'`, for a closed channel's
//! payment-basepoint coins), and whose change output carries the change
//! descriptor's origin. The wallet signs it with the node's keys (a
//! [`GetKey`] over [`NodeKeys::key_at`], which answers only the paths the
//! wallet spends from), miniscript's `PsbtExt::finalize_mut` builds the
//! witnesses, and `bitcoin` extracts the transaction (refusing an absurd
//! fee rate).
//!
//! The unsigned PSBT is available ([`Wallet::draft_funding`], and
//! [`to_base64`] / [`from_base64`]) for an external signer. What this is
//! not: a general PSBT signer: [`Wallet::sign_psbt`] signs only PSBTs whose
//! every input is one of the wallet's coins, as the wallet knows it.
use base64::Engine;
use bitcoin::psbt::{GetKey, KeyRequest, Psbt};
use bitcoin::secp256k1::{Secp256k1, Signing};
use bitcoin::sighash::EcdsaSighashType;
use bitcoin::{Amount, PrivateKey, ScriptBuf, TxOut};
use miniscript::psbt::PsbtExt;

use super::coins::{Coin, KeyRef};
use super::descriptors::Branch;
use super::spend::Selection;
use super::{Wallet, WalletError};
use crate::keys::{KeyError, NodeKeys};

/// An unsigned funding PSBT and what it pays.
#[derive(Debug, Clone)]
pub struct Draft {
    pub psbt: Psbt,
    /// The coins it spends, in input order.
    pub inputs: Vec<Coin>,
    pub fee_sat: u64,
    /// The change output's index, if there is one, and its change index.
    pub change: Option<(u32, u32)>,
}

/// The PSBT in its base64 text form (what `bitcoin-cli` and hardware
/// wallets exchange).
pub fn to_base64(psbt: &Psbt) -> String {
    base64::engine::general_purpose::STANDARD.encode(psbt.serialize())
}

/// A PSBT from its base64 text form.
pub fn from_base64(text: &str) -> Result<Psbt, WalletError> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(text.trim()).map_err(WalletError::PsbtBase64)?;
    Psbt::deserialize(&bytes).map_err(WalletError::PsbtDecode)
}

/// The node's keys as a PSBT signer: BIP 32 requests from the node's
/// master fingerprint, for the paths [`NodeKeys::key_at`] answers.
struct Signer<'a>(&'a NodeKeys);

impl GetKey for Signer<'_> {
    type Error = KeyError;

    fn get_key<C: Signing>(&self, request: KeyRequest, _: &Secp256k1<C>) -> Result<Option<PrivateKey>, KeyError> {
        match request {
            KeyRequest::Bip32((fingerprint, path)) if fingerprint == self.0.master_fingerprint() => {
                Ok(self.0.key_at(&path)?.map(|k| PrivateKey::new(k, self.0.network())))
            }
            _ => Ok(None),
        }
    }
}

fn utxo(coin: &Coin) -> TxOut {
    TxOut { value: Amount::from_sat(coin.value_sat), script_pubkey: coin.script.clone() }
}

impl Wallet {
    /// The PSBT of `selection`, its change at change index `change_index`.
    pub(super) fn psbt_of(&self, selection: Selection, change_index: u32) -> Result<Draft, WalletError> {
        let Selection { tx, inputs, fee_sat, change_vout } = selection;
        let mut psbt = Psbt::from_unsigned_tx(tx).map_err(WalletError::PsbtDecode)?;
        for (i, coin) in inputs.iter().enumerate() {
            psbt.inputs[i].witness_utxo = Some(utxo(coin));
            let branch = match coin.key {
                KeyRef::Receive(n) => (Branch::Receive, n),
                KeyRef::Change(n) => (Branch::Change, n),
                KeyRef::ChannelPayment(n) => {
                    // Not under a descriptor: the channel key's own origin.
                    let public = self.keys.channel_secrets(n)?.payment.public_key(self.keys.secp());
                    psbt.inputs[i].bip32_derivation.insert(public, (self.keys.master_fingerprint(), self.keys.channel_payment_path(n)?));
                    continue;
                }
            };
            let descriptor = self.descriptors.at(branch.0, branch.1)?;
            psbt.update_input_with_descriptor(i, &descriptor).map_err(|source| WalletError::PsbtInput { input: i, source })?;
        }
        if let Some(vout) = change_vout {
            let descriptor = self.descriptors.at(Branch::Change, change_index)?;
            psbt.update_output_with_descriptor(vout as usize, &descriptor).map_err(|source| WalletError::PsbtOutput { output: vout as usize, source })?;
        }
        Ok(Draft { psbt, inputs, fee_sat, change: change_vout.map(|v| (v, change_index)) })
    }

    /// Signs and finalizes `psbt`, each of whose inputs must be one of the
    /// wallet's coins (same outpoint, value and script), signed with
    /// `SIGHASH_ALL`: then every input has its final witness.
    pub fn sign_psbt(&self, psbt: &mut Psbt) -> Result<(), WalletError> {
        for (i, (txin, input)) in psbt.unsigned_tx.input.iter().zip(&psbt.inputs).enumerate() {
            let ours = self.coins.get(&txin.previous_output)?;
            if ours.as_ref().map(utxo) != input.witness_utxo || input.non_witness_utxo.is_some() {
                return Err(WalletError::ForeignInput { input: i, outpoint: txin.previous_output });
            }
            if let Some(asked) = input.sighash_type.filter(|t| *t != EcdsaSighashType::All.into()) {
                return Err(WalletError::Sighash { input: i, asked });
            }
        }
        let signed = psbt
            .sign(&Signer(&self.keys), self.keys.secp())
            .map_err(|(_, errors)| errors.into_iter().next().map_or(WalletError::Sign { input: 0, reason: "unknown".into() }, |(input, e)| WalletError::Sign { input, reason: e.to_string() }))?;
        if let Some(input) = (0..psbt.inputs.len()).find(|i| signed.get(i).is_none_or(|keys| matches!(keys, bitcoin::psbt::SigningKeys::Ecdsa(k) if k.is_empty()))) {
            return Err(WalletError::Sign { input, reason: "no key of this wallet signs it".into() });
        }
        psbt.finalize_mut(self.keys.secp()).map_err(WalletError::Finalize)
    }

    /// An unsigned PSBT paying `amount_sat` to `script` at `feerate_sat_vb`
    /// from the coins spendable at `tip`, change to a new change address.
    /// Nothing is locked: for an external signer, or to look before
    /// [`Wallet::fund`]. (The change index is used up.)
    pub fn draft_funding(&self, script: &ScriptBuf, amount_sat: u64, feerate_sat_vb: u64, tip: u32) -> Result<Draft, WalletError> {
        let _guard = self.spending.lock().unwrap_or_else(|p| p.into_inner());
        self.draft(script, amount_sat, feerate_sat_vb, tip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::Seed;
    use bitcoin::Network;
    use lnp_chain::EmbeddedChain;

    fn wallet(dir: &tempfile::TempDir, byte: u8) -> Wallet {
        let keys = NodeKeys::derive(&Seed::from_bytes([byte; 32]), Network::Regtest).expect("keys");
        Wallet::open(keys, &sled::open(dir.path()).expect("sled")).expect("wallet")
    }

    fn funding_script() -> ScriptBuf {
        ScriptBuf::new_p2wsh(&bitcoin::WScriptHash::from_raw_hash(bitcoin::hashes::Hash::from_byte_array([1; 32])))
    }

    #[test]
    fn the_funding_psbt_carries_origins_round_trips_in_base64_and_its_transaction_passes_consensus() {
        let dir = tempfile::tempdir().expect("tempdir");
        let wallet = wallet(&dir, 11);
        let mut chain = EmbeddedChain::new();
        for _ in 0..2 {
            chain.mine(1, &wallet.new_address().expect("address").0.script_pubkey()).expect("mine");
        }
        chain.mine(100, &ScriptBuf::new_op_return([])).expect("mine");
        wallet.sync(&chain, chain.height(), 0).expect("sync");
        let tip = chain.height();
        // 70 BTC needs both coinbases.
        let draft = wallet.draft_funding(&funding_script(), 7_000_000_000, 2, tip).expect("draft");
        assert_eq!(draft.psbt.inputs.len(), 2);
        for input in &draft.psbt.inputs {
            assert!(input.witness_utxo.is_some());
            let (_, (fingerprint, path)) = input.bip32_derivation.iter().next().expect("a key origin");
            assert_eq!(*fingerprint, wallet.keys.master_fingerprint());
            assert!(path.to_string().starts_with("84'/1'/0'/0/"), "{path}");
            assert!(input.final_script_witness.is_none(), "unsigned");
        }
        let (vout, change_index) = draft.change.expect("change");
        let (_, (_, change_path)) = draft.psbt.outputs[vout as usize].bip32_derivation.iter().next().expect("the change's origin");
        assert!(change_path.to_string().ends_with(&format!("/1/{change_index}")), "{change_path}");
        let text = to_base64(&draft.psbt);
        assert!(text.starts_with("cHNidP8"), "BIP 174's magic in base64");
        assert_eq!(from_base64(&text).expect("decodes"), draft.psbt);
        assert!(matches!(from_base64("not a psbt"), Err(WalletError::PsbtBase64(_))));
        assert!(matches!(from_base64("AAAA"), Err(WalletError::PsbtDecode(_))));
        // Nothing was locked by the draft; an external signer's flow: sign what came back.
        assert_eq!(wallet.balance(tip).expect("balance").locked_sat, 0);
        let mut psbt = from_base64(&text).expect("decodes");
        wallet.sign_psbt(&mut psbt).expect("signs");
        let tx = psbt.extract_tx().expect("extracts");
        let vsize = tx.weight().to_vbytes_ceil();
        assert!(draft.fee_sat >= 2 * vsize && draft.fee_sat <= 2 * vsize + 4, "fee {} for {vsize} vB", draft.fee_sat);
        chain.submit(tx).expect("the consensus verifier accepts it");
    }

    #[test]
    fn foreign_inputs_are_not_signed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let wallet = wallet(&dir, 12);
        let mut chain = EmbeddedChain::new();
        chain.mine(1, &wallet.new_address().expect("address").0.script_pubkey()).expect("mine");
        chain.mine(100, &ScriptBuf::new_op_return([])).expect("mine");
        wallet.sync(&chain, chain.height(), 0).expect("sync");
        let draft = wallet.draft_funding(&funding_script(), 1_000_000, 2, chain.height()).expect("draft");
        let mut lying = draft.psbt.clone();
        if let Some(u) = lying.inputs[0].witness_utxo.as_mut() {
            u.value = Amount::from_sat(u.value.to_sat() + 1);
        }
        assert!(matches!(wallet.sign_psbt(&mut lying), Err(WalletError::ForeignInput { input: 0, .. })), "a wrong amount is refused");
        let mut other = draft.psbt.clone();
        other.unsigned_tx.input[0].previous_output.vout = 9;
        assert!(matches!(wallet.sign_psbt(&mut other), Err(WalletError::ForeignInput { input: 0, .. })));
        let mut none = draft.psbt.clone();
        none.inputs[0].sighash_type = Some(EcdsaSighashType::None.into());
        assert!(matches!(wallet.sign_psbt(&mut none), Err(WalletError::Sighash { input: 0, .. })), "SIGHASH_NONE would let anyone redirect the outputs");
        let mut fine = draft.psbt;
        wallet.sign_psbt(&mut fine).expect("its own PSBT is signed");
    }
}
