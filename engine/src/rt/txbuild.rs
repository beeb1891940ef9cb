//! Assembling template transactions: inputs with what signing needs, outputs
//! that exist only above dust, and BIP 69 ordering with a BOLT 3 tie-break.

use super::{OutPoint, Sat, Script, SpendInfo, Tx};
use bitcoin::hashes::Hash;
use bitcoin::{absolute, transaction, Amount, Sequence, TxIn, TxOut, Witness};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// As declared.
    Declared,
    /// BIP 69; outputs equal in amount and script keep `tiebreak` order (BOLT 3 uses CLTV).
    Bip69,
}

/// Builds one template's transaction.
#[derive(Debug, Clone)]
pub struct TxBuilder {
    version: i32,
    locktime: u32,
    inputs: Vec<(TxIn, SpendInfo)>,
    outputs: Vec<(TxOut, u64)>,
}

impl Default for TxBuilder {
    fn default() -> Self {
        TxBuilder { version: 2, locktime: 0, inputs: Vec::new(), outputs: Vec::new() }
    }
}

impl TxBuilder {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn version(&mut self, v: u32) {
        self.version = v as i32;
    }
    pub fn locktime(&mut self, l: u32) {
        self.locktime = l;
    }
    pub fn input(&mut self, outpoint: OutPoint, sequence: u32, spend: SpendInfo, witness: Vec<Vec<u8>>) {
        let txin = TxIn {
            previous_output: outpoint,
            script_sig: Script::new(),
            sequence: Sequence(sequence),
            witness: Witness::from_slice(&witness),
        };
        self.inputs.push((txin, spend));
    }
    pub fn output(&mut self, amount: Sat, script: Script, tiebreak: u64) {
        self.outputs.push((TxOut { value: Amount::from_sat(amount.0), script_pubkey: script }, tiebreak));
    }
    pub fn build(mut self, order: Order) -> Tx {
        if order == Order::Bip69 {
            // BIP 69: inputs by previous txid (as displayed) then index; outputs by
            // amount then scriptPubKey; then the tie-break (stable sort keeps the rest).
            self.inputs.sort_by(|(a, _), (b, _)| {
                // The displayed txid is the internal bytes reversed.
                let key = |i: &TxIn| {
                    let mut txid = i.previous_output.txid.to_byte_array();
                    txid.reverse();
                    (txid, i.previous_output.vout)
                };
                key(a).cmp(&key(b))
            });
            self.outputs.sort_by(|(a, ta), (b, tb)| {
                (a.value, a.script_pubkey.as_bytes(), ta).cmp(&(b.value, b.script_pubkey.as_bytes(), tb))
            });
        }
        let (inputs, spends): (Vec<TxIn>, Vec<SpendInfo>) = self.inputs.into_iter().unzip();
        let tx = bitcoin::Transaction {
            version: transaction::Version(self.version),
            lock_time: absolute::LockTime::from_consensus(self.locktime),
            input: inputs,
            output: self.outputs.into_iter().map(|(o, _)| o).collect(),
        };
        Tx { tx, spends }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bip69_orders_inputs_by_the_displayed_txid_then_the_index() {
        // Internal byte order would put `b` first (0x01 < 0x02 in byte 0);
        // the displayed (reversed) txid puts `a` first (0x00 < 0xff at the end).
        let mut a = [0u8; 32];
        a[0] = 0x02;
        let mut b = [0u8; 32];
        b[0] = 0x01;
        b[31] = 0xff;
        let txid = |bytes: [u8; 32]| bitcoin::Txid::from_byte_array(bytes);
        let spend = SpendInfo { script: Script::new(), amount: Sat(1), sighash: bitcoin::EcdsaSighashType::All };
        let mut builder = TxBuilder::new();
        for (t, vout) in [(txid(b), 0), (txid(a), 1), (txid(a), 0)] {
            builder.input(OutPoint { txid: t, vout }, 0, spend.clone(), Vec::new());
        }
        let tx = builder.build(Order::Bip69).tx;
        let order: Vec<(bitcoin::Txid, u32)> = tx.input.iter().map(|i| (i.previous_output.txid, i.previous_output.vout)).collect();
        assert_eq!(order, [(txid(a), 0), (txid(a), 1), (txid(b), 0)]);
        assert!(txid(a).to_string() < txid(b).to_string(), "as displayed");
    }
}
