//! Double spends: against a mempool transaction, against a confirmed one, and twice
//! within one block; each refusal names the contested outpoint and the rival.

mod common;

use bitcoin::OutPoint;
use common::{conflicting_pair, funded, miner_script};
use lnp_chain::{BlockSpec, ChainError, RejectReason};

#[test]
fn double_spend_of_a_mempool_spend_is_rejected() {
    let (mut chain, alice) = funded();
    let (outpoint, first, second) = conflicting_pair(&chain, &alice);
    let first_id = chain.submit(first).unwrap();
    let err = chain.submit(second).unwrap_err();
    assert_eq!(
        err,
        RejectReason::DoubleSpend {
            outpoint,
            spent_by: first_id,
            confirmed_at: None
        }
    );
    let text = err.to_string();
    assert!(
        text.contains(&outpoint.to_string()) && text.contains("in the mempool"),
        "{text}"
    );
    assert_eq!(chain.mempool_len(), 1);
}

#[test]
fn double_spend_of_a_confirmed_spend_is_rejected() {
    let (mut chain, alice) = funded();
    let (outpoint, first, second) = conflicting_pair(&chain, &alice);
    let first_id = chain.submit(first.clone()).unwrap();
    chain.mine(2, &miner_script()).unwrap();
    let height = chain.height() - 1;
    let err = chain.submit(second).unwrap_err();
    assert_eq!(
        err,
        RejectReason::DoubleSpend {
            outpoint,
            spent_by: first_id,
            confirmed_at: Some(height)
        }
    );
    assert!(
        err.to_string()
            .contains(&format!("confirmed at height {height}")),
        "{err}"
    );
    // Resubmitting the confirmed transaction itself is a different mistake.
    assert_eq!(
        chain.submit(first),
        Err(RejectReason::AlreadyConfirmed {
            txid: first_id,
            height
        })
    );
}

#[test]
fn resubmitting_a_mempool_transaction_is_rejected() {
    let (mut chain, alice) = funded();
    let (_, first, _) = conflicting_pair(&chain, &alice);
    let id = chain.submit(first.clone()).unwrap();
    assert_eq!(chain.submit(first), Err(RejectReason::AlreadyInMempool(id)));
}

#[test]
fn a_block_cannot_spend_an_output_twice_and_failure_changes_nothing() {
    let (mut chain, alice) = funded();
    let (outpoint, first, second) = conflicting_pair(&chain, &alice);
    let first_id = first.compute_txid();
    let tip = chain.tip();
    let cursor = chain.event_cursor();
    let spec = BlockSpec::new(miner_script())
        .with_tx(first)
        .with_tx(second.clone());
    let err = chain.mine_block(spec).unwrap_err();
    assert_eq!(
        err,
        ChainError::InvalidBlockTransaction {
            index: 1,
            txid: second.compute_txid(),
            reason: RejectReason::DoubleSpend {
                outpoint,
                spent_by: first_id,
                confirmed_at: Some(tip.height + 1),
            },
        }
    );
    assert_eq!(chain.tip(), tip);
    assert_eq!(chain.event_cursor(), cursor);
    assert!(chain.utxo(&outpoint).is_some());
    assert!(chain
        .utxo(&OutPoint {
            txid: first_id,
            vout: 0
        })
        .is_none());
}

#[test]
fn a_block_confirming_a_conflict_drops_the_mempool_transaction() {
    let (mut chain, alice) = funded();
    let (outpoint, first, second) = conflicting_pair(&chain, &alice);
    let first_id = chain.submit(first).unwrap();
    let second_id = second.compute_txid();
    chain
        .mine_block(
            BlockSpec::new(miner_script())
                .with_tx(second)
                .without_mempool(),
        )
        .unwrap();
    assert_eq!(chain.mempool_len(), 0);
    assert_eq!(chain.confirmations(&second_id), Some(1));
    assert_eq!(chain.confirmations(&first_id), None);
    let dropped = chain
        .events_since(lnp_chain::EventCursor::START)
        .last()
        .cloned();
    assert_eq!(
        dropped,
        Some(lnp_chain::ChainEvent::TxDropped {
            txid: first_id,
            reason: RejectReason::DoubleSpend {
                outpoint,
                spent_by: second_id,
                confirmed_at: Some(chain.height()),
            },
        })
    );
}
