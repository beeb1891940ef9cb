//! Shared helpers for the integration tests: a funded chain, hand-built transactions
//! spending one output, and P2WSH witness assembly. Not a test by itself.

#![allow(dead_code)]

use bitcoin::transaction::Version;
use bitcoin::{
    absolute, ecdsa, Amount, OutPoint, Script, ScriptBuf, Sequence, Transaction, TxIn, TxOut,
    Witness,
};
use lnp_chain::testkit::TestWallet;
use lnp_chain::EmbeddedChain;

/// A chain where wallet `seed 1` can spend the coinbases of blocks 1 and 2 (tip 101).
pub fn funded() -> (EmbeddedChain, TestWallet) {
    let mut chain = EmbeddedChain::new();
    let wallet = TestWallet::from_seed(1);
    wallet
        .fund(&mut chain, 1)
        .expect("mining on a fresh chain works");
    (chain, wallet)
}

/// A miner's script that no test wallet spends from.
pub fn miner_script() -> ScriptBuf {
    TestWallet::from_seed(99).script_pubkey().to_owned()
}

/// An unsigned version-2 transaction spending `prev` with `sequence` and `lock_time`
/// into one output of `value` paying `script`.
pub fn unsigned_spend(
    prev: OutPoint,
    sequence: Sequence,
    lock_time: absolute::LockTime,
    value: Amount,
    script: &Script,
) -> Transaction {
    Transaction {
        version: Version::TWO,
        lock_time,
        input: vec![TxIn {
            previous_output: prev,
            script_sig: ScriptBuf::new(),
            sequence,
            witness: Witness::new(),
        }],
        output: vec![TxOut {
            value,
            script_pubkey: script.to_owned(),
        }],
    }
}

/// A witness `[sigs..., witness_script]`, with an empty first element when
/// `multisig_dummy` (OP_CHECKMULTISIG's extra pop).
pub fn p2wsh_witness(
    sigs: &[&ecdsa::Signature],
    witness_script: &Script,
    multisig_dummy: bool,
) -> Witness {
    let mut w = Witness::new();
    if multisig_dummy {
        w.push([]);
    }
    for sig in sigs {
        w.push(sig.to_vec());
    }
    w.push(witness_script.as_bytes());
    w
}

/// Pays `value` from `wallet` to a P2WSH of `witness_script`, confirms it in one block,
/// and returns the new outpoint.
pub fn fund_p2wsh(
    chain: &mut EmbeddedChain,
    wallet: &TestWallet,
    witness_script: &Script,
    value: Amount,
) -> OutPoint {
    let script = ScriptBuf::new_p2wsh(&witness_script.wscript_hash());
    let tx = wallet
        .pay_to(chain, script, value, Amount::from_sat(1_000))
        .expect("wallet is funded");
    let txid = chain
        .submit(tx)
        .expect("a valid funding transaction is accepted");
    chain.mine(1, &miner_script()).expect("mining works");
    OutPoint { txid, vout: 0 }
}

/// Two transactions spending `alice`'s first spendable coin (to wallets 2 and 3, fees
/// 1,000 and 2,000 sat): a double spend in waiting.
pub fn conflicting_pair(chain: &EmbeddedChain, alice: &TestWallet) -> (OutPoint, Transaction, Transaction) {
    let coin = alice.spendable(chain)[0].clone();
    let to = |seed, fee: u64| {
        alice
            .spend(
                std::slice::from_ref(&coin),
                vec![TxOut {
                    value: coin.1.value - Amount::from_sat(fee),
                    script_pubkey: TestWallet::from_seed(seed).script_pubkey().to_owned(),
                }],
            )
            .expect("alice signs her own coin")
    };
    (coin.0, to(2, 1_000), to(3, 2_000))
}
