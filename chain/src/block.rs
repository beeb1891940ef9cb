//! Building blocks: the coinbase (BIP 34 height, reward to the caller's script, BIP 141
//! witness commitment), the header (merkle root from the transactions, regtest bits),
//! and a nonce search against regtest's proof-of-work limit.
//!
//! This module does not validate anything and does not choose transactions; the chain
//! hands it a validated list. Proof of work is produced (against `0x207fffff` about
//! half of all hashes qualify, so it costs two hashes on average) but nothing on the
//! chain's side ever requires or checks it, and difficulty never adjusts.

use bitcoin::block::{Header, Version};
use bitcoin::hashes::Hash;
use bitcoin::script::Builder;
use bitcoin::transaction::Version as TxVersion;
use bitcoin::{
    absolute, Amount, Block, BlockHash, OutPoint, Script, ScriptBuf, Sequence, Target, Transaction,
    TxIn, TxMerkleNode, TxOut, Witness,
};

use crate::params::regtest_bits;

/// The witness reserved value committed to by the coinbase (BIP 141): 32 zero bytes.
const WITNESS_RESERVED_VALUE: [u8; 32] = [0; 32];

/// `OP_RETURN OP_PUSHBYTES_36 0xaa21a9ed`: the prefix of a witness commitment output.
const WITNESS_COMMITMENT_PREFIX: [u8; 6] = [0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed];

/// Weight reserved for the header, transaction count and coinbase when filling a block.
pub(crate) const COINBASE_WEIGHT_RESERVE: u64 = 4_000;

/// Nonces tried before giving up on proof of work (which nothing checks anyway).
const MAX_NONCE_TRIES: u32 = 1 << 16;

/// A coinbase for `height` paying `value` to `reward_script`. `extra_nonce` makes
/// coinbases of competing blocks at the same height differ, so their blocks do too.
pub(crate) fn coinbase(
    height: u32,
    extra_nonce: u64,
    reward_script: &Script,
    value: Amount,
) -> Transaction {
    let script_sig = Builder::new()
        .push_int(i64::from(height))
        .push_slice(extra_nonce.to_le_bytes())
        .push_slice(b"lnp-chain")
        .into_script();
    Transaction {
        version: TxVersion::TWO,
        lock_time: absolute::LockTime::ZERO,
        input: vec![TxIn {
            previous_output: OutPoint::null(),
            script_sig,
            sequence: Sequence::MAX,
            witness: Witness::from_slice(&[WITNESS_RESERVED_VALUE]),
        }],
        output: vec![TxOut {
            value,
            script_pubkey: reward_script.to_owned(),
        }],
    }
}

/// A block on `prev` at `time` holding `coinbase` then `txs`, with its witness
/// commitment, merkle root and a nonce meeting the regtest target.
pub(crate) fn assemble(
    prev: BlockHash,
    time: u32,
    coinbase: Transaction,
    txs: Vec<Transaction>,
) -> Block {
    let mut txdata = Vec::with_capacity(txs.len() + 1);
    txdata.push(coinbase);
    txdata.extend(txs);
    let header = Header {
        version: Version::from_consensus(0x2000_0000),
        prev_blockhash: prev,
        merkle_root: TxMerkleNode::all_zeros(),
        time,
        bits: regtest_bits(),
        nonce: 0,
    };
    let mut block = Block { header, txdata };
    // The witness root ignores the coinbase, so adding the commitment to it is sound.
    if let Some(root) = block.witness_root() {
        let commitment = Block::compute_witness_commitment(&root, &WITNESS_RESERVED_VALUE);
        let mut script = WITNESS_COMMITMENT_PREFIX.to_vec();
        script.extend_from_slice(commitment.as_byte_array());
        if let Some(cb) = block.txdata.first_mut() {
            cb.output.push(TxOut {
                value: Amount::ZERO,
                script_pubkey: ScriptBuf::from_bytes(script),
            });
        }
    }
    if let Some(root) = block.compute_merkle_root() {
        block.header.merkle_root = root;
    }
    grind(&mut block.header);
    block
}

fn grind(header: &mut Header) {
    let target = Target::from_compact(regtest_bits());
    for nonce in 0..MAX_NONCE_TRIES {
        header.nonce = nonce;
        if header.validate_pow(target).is_ok() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assembled_block_is_well_formed() {
        // Heights 1..=16 are encoded as OP_1..OP_16, as Bitcoin Core does, which
        // rust-bitcoin's BIP 34 reader does not accept; check a pushed height.
        let cb = coinbase(20, 7, Script::new(), Amount::from_sat(5_000_000_000));
        let block = assemble(BlockHash::all_zeros(), 1_296_689_202, cb, vec![]);
        assert!(block.check_merkle_root());
        assert!(block.check_witness_commitment());
        assert_eq!(block.bip34_block_height().ok(), Some(20));
        assert!(block
            .header
            .validate_pow(Target::from_compact(regtest_bits()))
            .is_ok());
    }
}
