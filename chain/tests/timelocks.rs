//! Time locks: a P2WSH `<n> OP_CSV OP_DROP <key> OP_CHECKSIG` spend is refused with
//! `SequenceLockNotReached` until n blocks have passed, likewise CLTV with
//! `LocktimeNotReached`; time-based variants are judged by median time past; script
//! arguments larger than the transaction's own lock fail in the interpreter.

mod common;

use bitcoin::opcodes::all::{OP_CHECKSIG, OP_CLTV, OP_CSV, OP_DROP};
use bitcoin::script::Builder;
use bitcoin::{absolute, Amount, OutPoint, ScriptBuf, Sequence, Transaction};
use common::{fund_p2wsh, funded, miner_script, p2wsh_witness, unsigned_spend};
use lnp_chain::locks::median_time_past;
use lnp_chain::testkit::TestWallet;
use lnp_chain::{EmbeddedChain, LockPoint, RejectReason, ScriptFailure, ScriptKind};

const VALUE: Amount = Amount::from_sat(200_000);
const FEE: Amount = Amount::from_sat(1_000);

fn csv_script(sequence_arg: i64, key: &TestWallet) -> ScriptBuf {
    Builder::new()
        .push_int(sequence_arg)
        .push_opcode(OP_CSV)
        .push_opcode(OP_DROP)
        .push_key(&key.public_key())
        .push_opcode(OP_CHECKSIG)
        .into_script()
}

fn cltv_script(lock: i64, key: &TestWallet) -> ScriptBuf {
    Builder::new()
        .push_int(lock)
        .push_opcode(OP_CLTV)
        .push_opcode(OP_DROP)
        .push_key(&key.public_key())
        .push_opcode(OP_CHECKSIG)
        .into_script()
}

fn signed_spend(
    prev: OutPoint,
    sequence: Sequence,
    lock_time: absolute::LockTime,
    script: &ScriptBuf,
    key: &TestWallet,
) -> Transaction {
    let mut tx = unsigned_spend(prev, sequence, lock_time, VALUE - FEE, &miner_script());
    let sig = key.sign_p2wsh(&tx, 0, script, VALUE).unwrap();
    tx.input[0].witness = p2wsh_witness(&[&sig], script, false);
    tx
}

#[test]
fn csv_spend_waits_for_n_blocks() {
    let (mut chain, funder) = funded();
    let key = TestWallet::from_seed(5);
    let n: u16 = 5;
    let script = csv_script(i64::from(n), &key);
    let outpoint = fund_p2wsh(&mut chain, &funder, &script, VALUE);
    let coin_height = chain.height();
    let tx = signed_spend(
        outpoint,
        Sequence::from_height(n),
        absolute::LockTime::ZERO,
        &script,
        &key,
    );

    for _ in 1..n {
        assert_eq!(
            chain.test_accept(&tx),
            Err(RejectReason::SequenceLockNotReached {
                input: 0,
                required: LockPoint::Height(coin_height + u32::from(n)),
                available: LockPoint::Height(chain.height() + 1),
            })
        );
        chain.mine(1, &miner_script()).unwrap();
    }
    let txid = chain.submit(tx).unwrap();
    chain.mine(1, &miner_script()).unwrap();
    assert_eq!(chain.height(), coin_height + u32::from(n));
    assert_eq!(chain.confirmations(&txid), Some(1));
}

#[test]
fn csv_unexpired_message_is_readable() {
    let (mut chain, funder) = funded();
    let key = TestWallet::from_seed(5);
    let script = csv_script(10, &key);
    let outpoint = fund_p2wsh(&mut chain, &funder, &script, VALUE);
    let tx = signed_spend(
        outpoint,
        Sequence::from_height(10),
        absolute::LockTime::ZERO,
        &script,
        &key,
    );
    let err = chain.submit(tx).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "input 0: its relative lock needs block height {}, the next block offers block height {}",
            chain.height() + 10,
            chain.height() + 1
        )
    );
}

#[test]
fn sequence_below_the_script_csv_fails_in_the_interpreter() {
    let (mut chain, funder) = funded();
    let key = TestWallet::from_seed(5);
    let script = csv_script(5, &key);
    let outpoint = fund_p2wsh(&mut chain, &funder, &script, VALUE);
    chain.mine(10, &miner_script()).unwrap();
    let tx = signed_spend(
        outpoint,
        Sequence::from_height(4),
        absolute::LockTime::ZERO,
        &script,
        &key,
    );
    assert_eq!(
        chain.test_accept(&tx),
        Err(RejectReason::ScriptFailed {
            input: 0,
            reason: ScriptFailure::Rejected {
                kind: ScriptKind::P2wsh
            },
        })
    );
}

#[test]
fn version_one_transactions_ignore_relative_locks_so_csv_fails() {
    let (mut chain, funder) = funded();
    let key = TestWallet::from_seed(5);
    let script = csv_script(1, &key);
    let outpoint = fund_p2wsh(&mut chain, &funder, &script, VALUE);
    let mut tx = unsigned_spend(
        outpoint,
        Sequence::from_height(1),
        absolute::LockTime::ZERO,
        VALUE - FEE,
        &miner_script(),
    );
    tx.version = bitcoin::transaction::Version::ONE;
    let sig = key.sign_p2wsh(&tx, 0, &script, VALUE).unwrap();
    tx.input[0].witness = p2wsh_witness(&[&sig], &script, false);
    chain.mine(3, &miner_script()).unwrap();
    // BIP 112: OP_CSV fails for version < 2.
    assert!(matches!(
        chain.test_accept(&tx),
        Err(RejectReason::ScriptFailed { input: 0, .. })
    ));
}

#[test]
fn time_based_csv_waits_for_median_time_past() {
    let (mut chain, funder) = funded();
    let key = TestWallet::from_seed(6);
    let units: u16 = 3; // 3 * 512 s
    let sequence = Sequence::from_512_second_intervals(units);
    let script = csv_script(i64::from(sequence.to_consensus_u32()), &key);
    let outpoint = fund_p2wsh(&mut chain, &funder, &script, VALUE);
    let coin_height = chain.height();
    let times: Vec<u32> = (0..=coin_height)
        .map(|h| chain.block_at(h).unwrap().header.time)
        .collect();
    let required = median_time_past(&times, coin_height - 1) + u32::from(units) * 512;
    let tx = signed_spend(outpoint, sequence, absolute::LockTime::ZERO, &script, &key);

    let mut mined = 0;
    while chain.median_time_past() < required {
        assert_eq!(
            chain.test_accept(&tx),
            Err(RejectReason::SequenceLockNotReached {
                input: 0,
                required: LockPoint::MedianTime(required),
                available: LockPoint::MedianTime(chain.median_time_past()),
            })
        );
        chain.mine(1, &miner_script()).unwrap();
        mined += 1;
        assert!(mined < 20, "median time past never reached the lock");
    }
    assert!(mined >= 2);
    chain.submit(tx).unwrap();
}

#[test]
fn cltv_spend_waits_for_the_lock_height() {
    let (mut chain, funder) = funded();
    let key = TestWallet::from_seed(7);
    let lock = chain.height() + 4;
    let script = cltv_script(i64::from(lock), &key);
    let outpoint = fund_p2wsh(&mut chain, &funder, &script, VALUE);
    let lock_time = absolute::LockTime::from_height(lock).unwrap();
    let tx = signed_spend(
        outpoint,
        Sequence::ENABLE_LOCKTIME_NO_RBF,
        lock_time,
        &script,
        &key,
    );

    while chain.height() < lock {
        assert_eq!(
            chain.test_accept(&tx),
            Err(RejectReason::LocktimeNotReached {
                locktime: lock_time,
                height: chain.height() + 1,
                median_time_past: chain.median_time_past(),
            })
        );
        chain.mine(1, &miner_script()).unwrap();
    }
    // Lock time `lock` is final in the block at height `lock + 1`.
    let txid = chain.submit(tx).unwrap();
    chain.mine(1, &miner_script()).unwrap();
    assert_eq!(chain.confirmations(&txid), Some(1));
}

#[test]
fn cltv_argument_above_the_transaction_lock_time_fails_in_the_interpreter() {
    let (mut chain, funder) = funded();
    let key = TestWallet::from_seed(7);
    let script = cltv_script(i64::from(chain.height() + 3), &key);
    let outpoint = fund_p2wsh(&mut chain, &funder, &script, VALUE);
    chain.mine(5, &miner_script()).unwrap();
    let early = absolute::LockTime::from_height(chain.height() - 5).unwrap();
    let tx = signed_spend(
        outpoint,
        Sequence::ENABLE_LOCKTIME_NO_RBF,
        early,
        &script,
        &key,
    );
    assert!(matches!(
        chain.test_accept(&tx),
        Err(RejectReason::ScriptFailed { input: 0, .. })
    ));
    // With a final sequence the lock time is disabled, and OP_CLTV fails too.
    let lock = absolute::LockTime::from_height(chain.height()).unwrap();
    let final_seq = signed_spend(outpoint, Sequence::MAX, lock, &script, &key);
    assert!(matches!(
        chain.test_accept(&final_seq),
        Err(RejectReason::ScriptFailed { input: 0, .. })
    ));
}

#[test]
fn time_based_lock_time_uses_median_time_past() {
    let (mut chain, alice) = funded();
    let lock = chain.median_time_past() + 3_000;
    let (outpoint, prev) = alice.spendable(&chain)[0].clone();
    let lock_time = absolute::LockTime::from_time(lock).unwrap();
    let mut tx = unsigned_spend(
        outpoint,
        Sequence::ENABLE_RBF_NO_LOCKTIME,
        lock_time,
        prev.value - FEE,
        &miner_script(),
    );
    alice.sign_p2wpkh(&mut tx, 0, prev.value).unwrap();

    // Block times far in the future do not help: only the median counts (BIP 113).
    let far = chain.median_time_past() + 100_000;
    chain
        .mine_block(lnp_chain::BlockSpec::new(miner_script()).at_time(far))
        .unwrap();
    assert!(matches!(
        chain.test_accept(&tx),
        Err(RejectReason::LocktimeNotReached { .. })
    ));

    let mut mined = 0;
    while chain.median_time_past() <= lock {
        assert!(matches!(
            chain.test_accept(&tx),
            Err(RejectReason::LocktimeNotReached { .. })
        ));
        chain.mine(1, &miner_script()).unwrap();
        mined += 1;
        assert!(mined < 30);
    }
    chain.submit(tx).unwrap();
}

#[test]
fn block_time_must_exceed_median_time_past() {
    let mut chain = EmbeddedChain::new();
    chain.mine(12, &miner_script()).unwrap();
    let mtp = chain.median_time_past();
    let err = chain
        .mine_block(lnp_chain::BlockSpec::new(miner_script()).at_time(mtp))
        .unwrap_err();
    assert_eq!(
        err,
        lnp_chain::ChainError::BlockTimeTooOld {
            time: mtp,
            median_time_past: mtp
        }
    );
    assert_eq!(chain.height(), 12);
}
