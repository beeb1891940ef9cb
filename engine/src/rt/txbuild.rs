//! Assembling template transactions: inputs with what signing needs, outputs
//! that exist only above dust, and BIP 69 ordering with a BOLT 3 tie-break.

use super::{OutPoint, Sat, Script, SpendInfo, Tx};
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
                let key = |i: &TxIn| (i.previous_output.txid.to_string(), i.previous_output.vout);
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
