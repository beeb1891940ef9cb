//! Reorgs: disconnecting blocks restores the UTXO set from undo data, puts their
//! transactions back in the mempool (or drops them when no longer valid), and the
//! caller can mine a competing branch in which a conflicting transaction confirms.

mod common;

use bitcoin::{Amount, OutPoint};
use common::{conflicting_pair, funded, miner_script};
use lnp_chain::{BlockSpec, ChainError, ChainEvent, RejectReason, TxStatus};

#[test]
fn invalidate_returns_tx_to_mempool_and_a_competing_branch_confirms_a_conflict() {
    let (mut chain, alice) = funded();
    let (coin, pay_bob, pay_carol) = conflicting_pair(&chain, &alice);
    let bob_id = chain.submit(pay_bob).unwrap();
    let old = chain.mine(1, &miner_script()).unwrap()[0];
    let height = chain.height();
    let old_coinbase = chain.block_at(height).unwrap().txdata[0].compute_txid();
    assert_eq!(chain.confirmations(&bob_id), Some(1));
    assert!(chain.utxo(&coin).is_none());

    let cursor = chain.event_cursor();
    assert_eq!(chain.invalidate(height).unwrap(), vec![old]);
    assert_eq!(chain.height(), height - 1);
    // Undo data restored the spent coin and removed the created ones.
    assert!(chain.utxo(&coin).is_some());
    assert!(chain
        .utxo(&OutPoint {
            txid: bob_id,
            vout: 0
        })
        .is_none());
    assert!(chain
        .utxo(&OutPoint {
            txid: old_coinbase,
            vout: 0
        })
        .is_none());
    assert_eq!(chain.confirmed_spender(&coin), None);
    // The transaction is back in the mempool; the block is still readable.
    assert_eq!(chain.tx_status(&bob_id), TxStatus::InMempool);
    assert_eq!(chain.mempool_spender(&coin), Some(bob_id));
    assert!(chain.get_block(&old).is_some());
    assert_eq!(chain.height_of(&old), None);
    assert_eq!(
        chain.events_since(cursor),
        &[
            ChainEvent::BlockDisconnected { height, hash: old },
            ChainEvent::SpendReverted {
                outpoint: coin,
                by: bob_id,
                height
            },
            ChainEvent::TxUnconfirmed {
                txid: bob_id,
                height,
                block_hash: old
            },
            ChainEvent::TxUnconfirmed {
                txid: old_coinbase,
                height,
                block_hash: old
            },
        ]
    );

    // A competing branch confirms the conflicting payment instead.
    let carol_id = pay_carol.compute_txid();
    let cursor = chain.event_cursor();
    let new = chain
        .mine_block(
            BlockSpec::new(miner_script())
                .with_tx(pay_carol)
                .without_mempool(),
        )
        .unwrap();
    assert_ne!(new, old);
    assert_eq!(chain.height(), height);
    assert_eq!(
        chain.tx_status(&carol_id),
        TxStatus::Confirmed {
            height,
            block_hash: new
        }
    );
    assert_eq!(chain.tx_status(&bob_id), TxStatus::Unknown);
    assert_eq!(
        chain.confirmed_spender(&coin).map(|s| s.txid),
        Some(carol_id)
    );
    let dropped = ChainEvent::TxDropped {
        txid: bob_id,
        reason: RejectReason::DoubleSpend {
            outpoint: coin,
            spent_by: carol_id,
            confirmed_at: Some(height),
        },
    };
    assert_eq!(chain.events_since(cursor).last(), Some(&dropped));
    chain.mine(2, &miner_script()).unwrap();
    assert_eq!(chain.confirmations(&carol_id), Some(3));
}

#[test]
fn reorg_replaces_blocks_in_one_call() {
    let (mut chain, alice) = funded();
    let (coin, pay_bob, pay_carol) = conflicting_pair(&chain, &alice);
    let bob_id = chain.submit(pay_bob).unwrap();
    let old = chain.mine(2, &miner_script()).unwrap();
    let fork_height = chain.height() - 1;
    let carol_id = pay_carol.compute_txid();

    let new = chain
        .reorg(
            2,
            vec![
                BlockSpec::new(miner_script()).with_tx(pay_carol),
                BlockSpec::new(miner_script()),
                BlockSpec::new(miner_script()),
            ],
        )
        .unwrap();
    assert_eq!(new.len(), 3);
    assert_eq!(chain.height(), fork_height + 2);
    assert_eq!(chain.block_hash(fork_height), Some(new[0]));
    assert!(old.iter().all(|h| chain.height_of(h).is_none()));
    assert_eq!(chain.confirmations(&carol_id), Some(3));
    assert_eq!(chain.tx_status(&bob_id), TxStatus::Unknown);
    assert_eq!(
        chain.confirmed_spender(&coin).map(|s| s.txid),
        Some(carol_id)
    );
}

#[test]
fn reorg_to_a_branch_without_the_tx_puts_it_back_and_it_confirms_again() {
    let (mut chain, alice) = funded();
    let tx = alice
        .pay_to(
            &chain,
            miner_script(),
            Amount::from_sat(10_000),
            Amount::from_sat(500),
        )
        .unwrap();
    let txid = chain.submit(tx).unwrap();
    let old = chain.mine(1, &miner_script()).unwrap()[0];
    let new = chain
        .reorg(1, vec![BlockSpec::new(miner_script()).without_mempool()])
        .unwrap();
    assert_ne!(new[0], old);
    assert_eq!(chain.tx_status(&txid), TxStatus::InMempool);
    let again = chain.mine(1, &miner_script()).unwrap()[0];
    assert_eq!(
        chain.tx_status(&txid),
        TxStatus::Confirmed {
            height: chain.height(),
            block_hash: again
        }
    );
}

#[test]
fn failed_reorg_changes_nothing() {
    let (mut chain, alice) = funded();
    let tx = alice
        .pay_to(
            &chain,
            miner_script(),
            Amount::from_sat(10_000),
            Amount::from_sat(500),
        )
        .unwrap();
    let txid = chain.submit(tx.clone()).unwrap();
    chain.mine(1, &miner_script()).unwrap();
    let tip = chain.tip();
    let cursor = chain.event_cursor();
    let mut bad = tx;
    bad.output[0].value = Amount::from_sat(9_000); // breaks the signature
    let err = chain
        .reorg(1, vec![BlockSpec::new(miner_script()).with_tx(bad)])
        .unwrap_err();
    assert!(matches!(
        err,
        ChainError::InvalidBlockTransaction {
            index: 0,
            reason: RejectReason::ScriptFailed { .. },
            ..
        }
    ));
    assert_eq!(chain.tip(), tip);
    assert_eq!(chain.event_cursor(), cursor);
    assert_eq!(chain.confirmations(&txid), Some(1));
    assert_eq!(
        chain.reorg(chain.height() + 1, vec![]),
        Err(ChainError::GenesisNotDisconnectable)
    );
    assert_eq!(
        chain.invalidate(0),
        Err(ChainError::GenesisNotDisconnectable)
    );
    assert_eq!(
        chain.invalidate(chain.height() + 1),
        Err(ChainError::HeightOutOfRange {
            height: chain.height() + 1,
            tip: chain.height()
        })
    );
}

#[test]
fn spends_of_a_disconnected_coinbase_are_dropped() {
    let (mut chain, alice) = funded();
    let tx = alice
        .pay_to(
            &chain,
            miner_script(),
            Amount::from_sat(10_000),
            Amount::from_sat(500),
        )
        .unwrap();
    let spent = tx.input[0].previous_output;
    let txid = chain.submit(tx).unwrap();
    chain.mine(1, &miner_script()).unwrap();
    let cursor = chain.event_cursor();
    chain.invalidate(1).unwrap();
    assert_eq!(chain.height(), 0);
    assert_eq!(chain.utxo_count(), 0);
    assert_eq!(chain.mempool_len(), 0);
    assert_eq!(
        chain.events_since(cursor).last(),
        Some(&ChainEvent::TxDropped {
            txid,
            reason: RejectReason::MissingInput(spent)
        })
    );
}
