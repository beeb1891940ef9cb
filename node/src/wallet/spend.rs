//! Spending the wallet's coins: coin selection (largest first), the fee
//! from a feerate and the transaction's weight, a change output above the
//! dust limit, and P2WPKH signatures through `bitcoin`'s BIP 143 sighash
//! (`SighashCache`), one per input.
//!
//! Pure: it takes the candidate coins and the keys and returns a signed
//! transaction; locking the inputs and recording the change is the
//! wallet's ([`super::Wallet::fund`]). What this is not: RBF, CPFP, or any
//! script type other than P2WPKH.
use bitcoin::absolute::LockTime;
use bitcoin::secp256k1::{All, Message, Secp256k1, SecretKey};
use bitcoin::sighash::{EcdsaSighashType, SighashCache};
use bitcoin::transaction::Version;
use bitcoin::{Amount, ScriptBuf, Sequence, Transaction, TxIn, TxOut, Witness};

use super::coins::Coin;
use super::WalletError;

/// Outputs below this are not worth making (Core's P2WPKH dust limit is 294;
/// 546 covers every output type).
pub const DUST_LIMIT_SAT: u64 = 546;

/// A signed transaction and what it pays.
#[derive(Debug, Clone)]
pub struct Signed {
    pub tx: Transaction,
    /// The coins it spends.
    pub inputs: Vec<Coin>,
    pub fee_sat: u64,
    /// The change output's index, if there is one.
    pub change_vout: Option<u32>,
}

/// Weight of a transaction with `inputs` P2WPKH inputs and `outputs`.
fn weight(inputs: usize, outputs: &[&ScriptBuf]) -> u64 {
    // version, locktime, input and output counts; segwit marker and flag.
    let base = 4 * (4 + 4 + 1 + 1) + 2;
    // outpoint, empty scriptSig, sequence; witness: count, signature (≤ 72 + 1), key.
    let per_input = 4 * (36 + 1 + 4) + (1 + 1 + 72 + 1 + 33);
    let outs: u64 = outputs.iter().map(|s| 4 * (8 + 1 + s.len() as u64)).sum();
    base + per_input * inputs as u64 + outs
}

/// Pays `amount_sat` to `to` from `candidates` at `feerate_sat_vb`, change
/// to `change`; `secret` gives each coin's key.
pub fn pay(
    secp: &Secp256k1<All>,
    mut candidates: Vec<Coin>,
    to: &ScriptBuf,
    amount_sat: u64,
    feerate_sat_vb: u64,
    change: &ScriptBuf,
    secret: impl Fn(&Coin) -> Result<SecretKey, WalletError>,
) -> Result<Signed, WalletError> {
    if amount_sat < DUST_LIMIT_SAT {
        return Err(WalletError::Dust { amount_sat });
    }
    let available: u64 = candidates.iter().map(|c| c.value_sat).sum();
    candidates.sort_by(|a, b| b.value_sat.cmp(&a.value_sat).then(a.outpoint.cmp(&b.outpoint)));
    let mut chosen = Vec::new();
    let mut total = 0u64;
    let fee_for = |n: usize, with_change: bool| {
        let outs: Vec<&ScriptBuf> = if with_change { vec![to, change] } else { vec![to] };
        weight(n, &outs).div_ceil(4) * feerate_sat_vb
    };
    for coin in candidates {
        total += coin.value_sat;
        chosen.push(coin);
        if total >= amount_sat + fee_for(chosen.len(), false) {
            break;
        }
    }
    let needed = amount_sat + fee_for(chosen.len(), false);
    if total < needed {
        return Err(WalletError::InsufficientFunds { needed_sat: needed, available_sat: available });
    }
    let with_change = total.saturating_sub(amount_sat + fee_for(chosen.len(), true));
    let (outputs, fee_sat, change_vout) = if with_change >= DUST_LIMIT_SAT {
        let outs = vec![
            TxOut { value: Amount::from_sat(amount_sat), script_pubkey: to.clone() },
            TxOut { value: Amount::from_sat(with_change), script_pubkey: change.clone() },
        ];
        (outs, total - amount_sat - with_change, Some(1))
    } else {
        // The dust change goes to the fee.
        (vec![TxOut { value: Amount::from_sat(amount_sat), script_pubkey: to.clone() }], total - amount_sat, None)
    };
    let mut tx = Transaction {
        version: Version::TWO,
        lock_time: LockTime::ZERO,
        input: chosen
            .iter()
            .map(|c| TxIn { previous_output: c.outpoint, script_sig: ScriptBuf::new(), sequence: Sequence::ENABLE_RBF_NO_LOCKTIME, witness: Witness::new() })
            .collect(),
        output: outputs,
    };
    let mut witnesses = Vec::with_capacity(chosen.len());
    {
        let mut cache = SighashCache::new(&tx);
        for (i, coin) in chosen.iter().enumerate() {
            let key = secret(coin)?;
            let sighash = cache
                .p2wpkh_signature_hash(i, &coin.script, Amount::from_sat(coin.value_sat), EcdsaSighashType::All)
                .map_err(|e| WalletError::Sign { input: i, reason: e.to_string() })?;
            let sig = secp.sign_ecdsa(&Message::from(sighash), &key);
            let sig = bitcoin::ecdsa::Signature { signature: sig, sighash_type: EcdsaSighashType::All };
            witnesses.push(Witness::p2wpkh(&sig, &key.public_key(secp)));
        }
    }
    for (input, witness) in tx.input.iter_mut().zip(witnesses) {
        input.witness = witness;
    }
    Ok(Signed { tx, inputs: chosen, fee_sat, change_vout })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wallet::coins::KeyRef;
    use bitcoin::CompressedPublicKey;
    use lnp_chain::EmbeddedChain;

    #[test]
    fn a_signed_payment_is_accepted_by_the_consensus_verifier_and_pays_the_fee_it_says() {
        let secp = Secp256k1::new();
        let key = SecretKey::from_slice(&[7; 32]).expect("key");
        let ours = ScriptBuf::new_p2wpkh(&CompressedPublicKey(key.public_key(&secp)).wpubkey_hash());
        let mut chain = EmbeddedChain::new();
        chain.mine(101, &ours).expect("mine");
        let coins: Vec<Coin> = chain
            .utxos_for_script(&ours)
            .into_iter()
            .filter(|(_, c)| c.height <= 2)
            .map(|(outpoint, c)| Coin { outpoint, value_sat: c.output.value.to_sat(), script: ours.clone(), key: KeyRef::Receive(0), height: Some(c.height), coinbase: true, locked_by: None })
            .collect();
        let to = ScriptBuf::new_p2wsh(&bitcoin::WScriptHash::from_raw_hash(bitcoin::hashes::Hash::from_byte_array([3; 32])));
        let signed = pay(&secp, coins.clone(), &to, 7_000_000_000, 2, &ours, |_| Ok(key)).expect("pays");
        assert_eq!(signed.tx.input.len(), 2, "two 50 BTC coins for 70 BTC");
        let out: u64 = signed.tx.output.iter().map(|o| o.value.to_sat()).sum();
        assert_eq!(10_000_000_000 - out, signed.fee_sat);
        let vsize = signed.tx.weight().to_vbytes_ceil();
        assert!(signed.fee_sat >= 2 * vsize && signed.fee_sat <= 2 * vsize + 4, "fee {} for {vsize} vB", signed.fee_sat);
        chain.submit(signed.tx.clone()).expect("the chain accepts it");
        let too_much = pay(&secp, coins, &to, 10_000_000_000, 2, &ours, |_| Ok(key));
        assert!(matches!(too_much, Err(WalletError::InsufficientFunds { .. })));
    }
}
