//! Choosing what to spend: coin selection (largest first), the fee from a
//! feerate and the transaction's weight (every input is P2WPKH), and a
//! change output above the dust limit. The result is the unsigned
//! transaction; [`super::psbt`] makes it a PSBT and signs it.
//!
//! Pure: it takes the candidate coins and returns a [`Selection`]; locking
//! the inputs and recording the change is the wallet's
//! ([`super::Wallet::fund`]). What this is not: RBF, CPFP, or any script
//! type other than P2WPKH.
use bitcoin::absolute::LockTime;
use bitcoin::transaction::Version;
use bitcoin::{Amount, ScriptBuf, Sequence, Transaction, TxIn, TxOut, Witness};

use super::coins::Coin;
use super::WalletError;

/// Outputs below this are not worth making (Core's P2WPKH dust limit is 294;
/// 546 covers every output type).
pub const DUST_LIMIT_SAT: u64 = 546;

/// The coins chosen and the unsigned transaction spending them.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Unsigned: empty scriptSigs and witnesses.
    pub tx: Transaction,
    /// The coins it spends, in input order.
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
/// to `change`.
pub fn select(mut candidates: Vec<Coin>, to: &ScriptBuf, amount_sat: u64, feerate_sat_vb: u64, change: &ScriptBuf) -> Result<Selection, WalletError> {
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
    let tx = Transaction {
        version: Version::TWO,
        lock_time: LockTime::ZERO,
        input: chosen
            .iter()
            .map(|c| TxIn { previous_output: c.outpoint, script_sig: ScriptBuf::new(), sequence: Sequence::ENABLE_RBF_NO_LOCKTIME, witness: Witness::new() })
            .collect(),
        output: outputs,
    };
    Ok(Selection { tx, inputs: chosen, fee_sat, change_vout })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wallet::coins::KeyRef;
    use bitcoin::OutPoint;

    fn coin(n: u8, value_sat: u64) -> Coin {
        let script = ScriptBuf::new_p2wpkh(&bitcoin::WPubkeyHash::from_raw_hash(bitcoin::hashes::Hash::from_byte_array([7; 20])));
        let outpoint = OutPoint { txid: bitcoin::Txid::from_raw_hash(bitcoin::hashes::Hash::from_byte_array([n; 32])), vout: 0 };
        Coin { outpoint, value_sat, script, key: KeyRef::Receive(n.into()), height: Some(1), coinbase: false, locked_by: None }
    }

    #[test]
    fn largest_coins_first_the_fee_from_the_weight_and_dust_change_to_the_fee() {
        let to = ScriptBuf::new_p2wsh(&bitcoin::WScriptHash::from_raw_hash(bitcoin::hashes::Hash::from_byte_array([3; 32])));
        let change = coin(0, 0).script;
        let coins = vec![coin(1, 3_000_000_000), coin(2, 5_000_000_000), coin(3, 5_000_000_000)];
        let s = select(coins.clone(), &to, 7_000_000_000, 2, &change).expect("pays");
        assert_eq!(s.inputs.iter().map(|c| c.value_sat).collect::<Vec<_>>(), [5_000_000_000, 5_000_000_000], "two 50 BTC coins for 70 BTC");
        assert_eq!(s.change_vout, Some(1));
        let out: u64 = s.tx.output.iter().map(|o| o.value.to_sat()).sum();
        assert_eq!(10_000_000_000 - out, s.fee_sat);
        assert_eq!(s.fee_sat, 2 * weight(2, &[&to, &change]).div_ceil(4));
        let exact = select(vec![coin(1, 1_000_000)], &to, 1_000_000 - 2 * weight(1, &[&to]).div_ceil(4) - 100, 2, &change).expect("pays");
        assert_eq!((exact.change_vout, exact.tx.output.len()), (None, 1), "100 sat of change is dust: it goes to the fee");
        assert!(matches!(select(coins.clone(), &to, 13_000_000_000, 2, &change), Err(WalletError::InsufficientFunds { available_sat: 13_000_000_000, .. })));
        assert!(matches!(select(coins, &to, 100, 2, &change), Err(WalletError::Dust { amount_sat: 100 })));
    }
}
