//! Spending tests: a valid P2WPKH spend confirms and moves coins in the UTXO set; bad
//! signatures, wrong keys, immature coinbases and malformed transactions are refused
//! with the precise reason; fees reach the miner; a BOLT 3 style 2-of-2 P2WSH spend
//! verifies; taproot spends are refused rather than accepted unverified.

mod common;

use bitcoin::key::Secp256k1;
use bitcoin::{absolute, Amount, OutPoint, ScriptBuf, Sequence, TxOut, Witness};
use common::{fund_p2wsh, funded, miner_script, p2wsh_witness, unsigned_spend};
use lnp_chain::params::{block_subsidy, COINBASE_MATURITY};
use lnp_chain::testkit::{multisig_2of2, TestWallet};
use lnp_chain::{ConfirmedSpend, EmbeddedChain, RejectReason, ScriptFailure, ScriptKind, TxStatus};

const FEE: Amount = Amount::from_sat(1_000);

#[test]
fn valid_p2wpkh_spend_confirms_and_updates_utxo_set() {
    let (mut chain, alice) = funded();
    let bob = TestWallet::from_seed(2);
    let tx = alice
        .pay_to(
            &chain,
            bob.script_pubkey().to_owned(),
            Amount::from_sat(1_000_000),
            FEE,
        )
        .unwrap();
    let spent = tx.input[0].previous_output;
    assert!(chain.utxo(&spent).is_some());

    let txid = chain.submit(tx.clone()).unwrap();
    assert_eq!(chain.tx_status(&txid), TxStatus::InMempool);
    assert_eq!(chain.confirmations(&txid), Some(0));
    assert_eq!(chain.mempool_spender(&spent), Some(txid));
    // A mempool spend does not touch the confirmed UTXO set.
    assert!(chain.utxo(&spent).is_some());

    let hash = chain.mine(1, &miner_script()).unwrap()[0];
    let height = chain.height();
    assert_eq!(
        chain.tx_status(&txid),
        TxStatus::Confirmed {
            height,
            block_hash: hash
        }
    );
    assert_eq!(chain.confirmations(&txid), Some(1));
    assert!(chain.utxo(&spent).is_none());
    assert_eq!(
        chain.confirmed_spender(&spent),
        Some(ConfirmedSpend { txid, height })
    );
    let coin = chain.utxo(&OutPoint { txid, vout: 0 }).unwrap();
    assert_eq!(coin.output.value, Amount::from_sat(1_000_000));
    assert_eq!(coin.output.script_pubkey.as_script(), bob.script_pubkey());
    assert_eq!((coin.height, coin.is_coinbase), (height, false));
    assert_eq!(chain.get_tx(&txid), Some(&tx));
    assert_eq!(chain.mempool_len(), 0);
    assert_eq!(bob.balance(&chain), Amount::from_sat(1_000_000));

    chain.mine(2, &miner_script()).unwrap();
    assert_eq!(chain.confirmations(&txid), Some(3));
}

#[test]
fn signature_by_the_wrong_key_is_rejected_with_script_failed() {
    let (chain, alice) = funded();
    let mallory = TestWallet::from_seed(666);
    let (outpoint, prev) = alice.spendable(&chain)[0].clone();
    let mut tx = unsigned_spend(
        outpoint,
        Sequence::MAX,
        absolute::LockTime::ZERO,
        prev.value - FEE,
        mallory.script_pubkey(),
    );
    // Mallory signs Alice's input over the right sighash, with her own key, and puts
    // Alice's public key next to it.
    let script_code = alice.script_pubkey().p2wpkh_script_code().unwrap();
    let sig = mallory
        .sign_p2wsh(&tx, 0, &script_code, prev.value)
        .unwrap();
    tx.input[0].witness = Witness::p2wpkh(&sig, &alice.public_key().inner);

    let err = chain.test_accept(&tx).unwrap_err();
    assert_eq!(
        err,
        RejectReason::ScriptFailed {
            input: 0,
            reason: ScriptFailure::SignatureInvalid {
                pubkey: alice.public_key()
            },
        }
    );
    let text = err.to_string();
    assert!(
        text.contains("input 0: script verification failed"),
        "{text}"
    );
    assert!(text.contains("does not verify for public key"), "{text}");
}

#[test]
fn tampering_after_signing_breaks_the_signature() {
    let (chain, alice) = funded();
    let mut tx = alice
        .pay_to(&chain, miner_script(), Amount::from_sat(50_000), FEE)
        .unwrap();
    tx.output[0].value = Amount::from_sat(40_000);
    assert_eq!(
        chain.test_accept(&tx),
        Err(RejectReason::ScriptFailed {
            input: 0,
            reason: ScriptFailure::SignatureInvalid {
                pubkey: alice.public_key()
            },
        })
    );
}

#[test]
fn wrong_public_key_and_empty_witness_are_named() {
    let (chain, alice) = funded();
    let bob = TestWallet::from_seed(2);
    let tx = alice
        .pay_to(&chain, miner_script(), Amount::from_sat(50_000), FEE)
        .unwrap();

    let mut wrong_key = tx.clone();
    let sig = wrong_key.input[0].witness.nth(0).unwrap().to_vec();
    let mut w = Witness::new();
    w.push(sig);
    w.push(bob.public_key().to_bytes());
    wrong_key.input[0].witness = w;
    assert_eq!(
        chain.test_accept(&wrong_key),
        Err(RejectReason::ScriptFailed {
            input: 0,
            reason: ScriptFailure::PubkeyHashMismatch
        })
    );

    let mut unsigned = tx;
    unsigned.input[0].witness = Witness::new();
    assert_eq!(
        chain.test_accept(&unsigned),
        Err(RejectReason::ScriptFailed {
            input: 0,
            reason: ScriptFailure::EmptyWitness
        })
    );
}

#[test]
fn immature_coinbase_is_rejected_until_100_blocks() {
    let mut chain = EmbeddedChain::new();
    let alice = TestWallet::from_seed(1);
    chain.mine(1, alice.script_pubkey()).unwrap();
    chain.mine(COINBASE_MATURITY - 2, &miner_script()).unwrap();
    assert_eq!(chain.height(), 99);

    let cb = chain.block_at(1).unwrap().txdata[0].clone();
    let outpoint = OutPoint {
        txid: cb.compute_txid(),
        vout: 0,
    };
    let coin = chain.utxo(&outpoint).unwrap().clone();
    assert!(coin.is_coinbase);
    let tx = alice
        .spend(
            &[(outpoint, coin.output.clone())],
            vec![TxOut {
                value: coin.output.value - FEE,
                script_pubkey: miner_script(),
            }],
        )
        .unwrap();

    let err = chain.test_accept(&tx).unwrap_err();
    assert_eq!(
        err,
        RejectReason::ImmatureCoinbase {
            outpoint,
            coinbase_height: 1,
            spend_height: 100
        }
    );
    assert!(err.to_string().contains("from height 101 on"), "{err}");

    chain.mine(1, &miner_script()).unwrap();
    let txid = chain.submit(tx).unwrap();
    chain.mine(1, &miner_script()).unwrap();
    assert_eq!(chain.confirmations(&txid), Some(1));
}

#[test]
fn fees_go_to_the_miner() {
    let (mut chain, alice) = funded();
    let bob = TestWallet::from_seed(2);
    let fee_a = Amount::from_sat(12_345);
    let fee_b = Amount::from_sat(6_789);
    let coins = alice.spendable(&chain);
    let pay = |coin: &(OutPoint, TxOut), fee: Amount| {
        alice
            .spend(
                std::slice::from_ref(coin),
                vec![TxOut {
                    value: coin.1.value - fee,
                    script_pubkey: bob.script_pubkey().to_owned(),
                }],
            )
            .unwrap()
    };
    assert_eq!(
        chain.submit(pay(&coins[0], fee_a)).unwrap(),
        chain.mempool()[0].txid
    );
    chain.submit(pay(&coins[1], fee_b)).unwrap();
    assert_eq!(chain.mempool()[0].fee, fee_a);

    let miner = TestWallet::from_seed(3);
    chain.mine(1, miner.script_pubkey()).unwrap();
    let height = chain.height();
    let coinbase = &chain.block_at(height).unwrap().txdata[0];
    let expected = block_subsidy(height) + fee_a + fee_b;
    assert_eq!(coinbase.output[0].value, expected);
    assert_eq!(
        coinbase.output[0].script_pubkey.as_script(),
        miner.script_pubkey()
    );
    let reward = chain
        .utxo(&OutPoint {
            txid: coinbase.compute_txid(),
            vout: 0,
        })
        .unwrap();
    assert_eq!(reward.output.value, expected);
    assert!(reward.is_coinbase);
}

#[test]
fn two_of_two_multisig_p2wsh_spend_verifies() {
    let (mut chain, funder) = funded();
    let (a, b) = (TestWallet::from_seed(10), TestWallet::from_seed(11));
    let script = multisig_2of2(&a.public_key(), &b.public_key());
    let value = Amount::from_sat(1_000_000);
    let funding = fund_p2wsh(&mut chain, &funder, &script, value);

    let mut tx = unsigned_spend(
        funding,
        Sequence::MAX,
        absolute::LockTime::ZERO,
        value - FEE,
        a.script_pubkey(),
    );
    let sig_a = a.sign_p2wsh(&tx, 0, &script, value).unwrap();
    let sig_b = b.sign_p2wsh(&tx, 0, &script, value).unwrap();
    let (first, second) = if a.public_key().to_bytes() <= b.public_key().to_bytes() {
        (&sig_a, &sig_b)
    } else {
        (&sig_b, &sig_a)
    };

    // Signatures out of key order: CHECKMULTISIG fails, yet each matches a key.
    tx.input[0].witness = p2wsh_witness(&[second, first], &script, true);
    assert_eq!(
        chain.test_accept(&tx),
        Err(RejectReason::ScriptFailed {
            input: 0,
            reason: ScriptFailure::Rejected {
                kind: ScriptKind::P2wsh
            },
        })
    );
    // A non-empty dummy element violates NULLDUMMY (BIP 147).
    let mut dummy = p2wsh_witness(&[first, second], &script, false);
    let mut with_dummy = Witness::new();
    with_dummy.push([1u8]);
    for el in dummy.iter() {
        with_dummy.push(el);
    }
    dummy = with_dummy;
    tx.input[0].witness = dummy;
    assert!(matches!(
        chain.test_accept(&tx),
        Err(RejectReason::ScriptFailed { input: 0, .. })
    ));
    // A third party's signature matches none of the keys.
    let mallory = TestWallet::from_seed(666);
    let sig_m = mallory.sign_p2wsh(&tx, 0, &script, value).unwrap();
    tx.input[0].witness = p2wsh_witness(&[first, &sig_m], &script, true);
    assert_eq!(
        chain.test_accept(&tx),
        Err(RejectReason::ScriptFailed {
            input: 0,
            reason: ScriptFailure::SignatureMatchesNoKey { element: 2 },
        })
    );

    tx.input[0].witness = p2wsh_witness(&[first, second], &script, true);
    let txid = chain.submit(tx).unwrap();
    chain.mine(1, &miner_script()).unwrap();
    assert_eq!(chain.confirmations(&txid), Some(1));
    assert!(chain.utxo(&funding).is_none());
}

#[test]
fn malformed_transactions_are_rejected_precisely() {
    let (chain, alice) = funded();
    let tx = alice
        .pay_to(&chain, miner_script(), Amount::from_sat(50_000), FEE)
        .unwrap();
    let prev = tx.input[0].previous_output;

    let mut dup = tx.clone();
    dup.input.push(dup.input[0].clone());
    assert_eq!(
        chain.test_accept(&dup),
        Err(RejectReason::DuplicateInput(prev))
    );

    let mut too_much = tx.clone();
    too_much.output[0].value = Amount::from_sat(21_000_000 * 100_000_000 + 1);
    assert!(matches!(
        chain.test_accept(&too_much),
        Err(RejectReason::OutputValueOutOfRange { output: 0, .. })
    ));

    let mut negative_fee = tx.clone();
    negative_fee.output[0].value = Amount::from_sat(100 * 100_000_000);
    assert!(matches!(
        chain.test_accept(&negative_fee),
        Err(RejectReason::FeeNegative { .. })
    ));

    let mut missing = tx.clone();
    missing.input[0].previous_output.vout = 7;
    let missing_op = missing.input[0].previous_output;
    assert_eq!(
        chain.test_accept(&missing),
        Err(RejectReason::MissingInput(missing_op))
    );

    let mut no_inputs = tx.clone();
    no_inputs.input.clear();
    assert_eq!(chain.test_accept(&no_inputs), Err(RejectReason::NoInputs));

    let coinbase = chain.block_at(5).unwrap().txdata[0].clone();
    assert_eq!(chain.test_accept(&coinbase), Err(RejectReason::Coinbase));
}

#[test]
fn unconfirmed_parents_are_allowed_and_mined_first() {
    let (mut chain, alice) = funded();
    let parent = alice
        .pay_to(
            &chain,
            alice.script_pubkey().to_owned(),
            Amount::from_sat(500_000),
            FEE,
        )
        .unwrap();
    let parent_id = chain.submit(parent.clone()).unwrap();
    let child = alice
        .spend(
            &[(
                OutPoint {
                    txid: parent_id,
                    vout: 0,
                },
                parent.output[0].clone(),
            )],
            vec![TxOut {
                value: Amount::from_sat(400_000),
                script_pubkey: miner_script(),
            }],
        )
        .unwrap();
    let child_id = chain.submit(child).unwrap();
    chain.mine(1, &miner_script()).unwrap();
    let block = chain.block_at(chain.height()).unwrap();
    let ids: Vec<_> = block.txdata.iter().map(|t| t.compute_txid()).collect();
    assert_eq!(&ids[1..], &[parent_id, child_id]);
}

#[test]
fn taproot_spends_are_refused_not_accepted_unverified() {
    let (mut chain, alice) = funded();
    let secp = Secp256k1::verification_only();
    let (xonly, _) = alice.public_key().inner.x_only_public_key();
    let p2tr = ScriptBuf::new_p2tr(&secp, xonly, None);
    let value = Amount::from_sat(100_000);
    let fund = alice.pay_to(&chain, p2tr, value, FEE).unwrap();
    let txid = chain.submit(fund).unwrap();
    chain.mine(1, &miner_script()).unwrap();

    let mut spend = unsigned_spend(
        OutPoint { txid, vout: 0 },
        Sequence::MAX,
        absolute::LockTime::ZERO,
        value - FEE,
        &miner_script(),
    );
    spend.input[0].witness.push([0u8; 64]);
    let err = chain.test_accept(&spend).unwrap_err();
    assert_eq!(
        err,
        RejectReason::UnverifiableSpend {
            input: 0,
            kind: ScriptKind::P2tr
        }
    );
    assert!(err.to_string().contains("taproot"), "{err}");
}

#[test]
fn same_calls_give_the_same_chain() {
    let run = || {
        let (mut chain, alice) = funded();
        let tx = alice
            .pay_to(&chain, miner_script(), Amount::from_sat(77_000), FEE)
            .unwrap();
        chain.submit(tx).unwrap();
        chain.mine(3, &miner_script()).unwrap();
        (
            chain.tip(),
            chain.events_since(lnp_chain::EventCursor::START).to_vec(),
        )
    };
    assert_eq!(run(), run());
}
