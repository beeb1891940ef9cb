//! Events: every change is reported, in order, as values read with a cursor; a
//! `Watch` narrows them to the transactions and outputs a watcher cares about.

mod common;

use bitcoin::{Amount, OutPoint};
use common::{funded, miner_script};
use lnp_chain::{ChainEvent, EventCursor, Watch};

#[test]
fn submit_and_mine_report_events_in_order() {
    let (mut chain, alice) = funded();
    let mut cursor = chain.event_cursor();
    let tx = alice
        .pay_to(
            &chain,
            miner_script(),
            Amount::from_sat(30_000),
            Amount::from_sat(700),
        )
        .unwrap();
    let spent = tx.input[0].previous_output;
    let txid = chain.submit(tx).unwrap();
    let hash = chain.mine(1, &miner_script()).unwrap()[0];
    let height = chain.height();
    let coinbase = chain.block_at(height).unwrap().txdata[0].compute_txid();

    assert_eq!(
        chain.poll_events(&mut cursor),
        vec![
            ChainEvent::TxAccepted { txid },
            ChainEvent::BlockConnected { height, hash },
            ChainEvent::TxConfirmed {
                txid: coinbase,
                height,
                block_hash: hash
            },
            ChainEvent::TxConfirmed {
                txid,
                height,
                block_hash: hash
            },
            ChainEvent::OutputSpent {
                outpoint: spent,
                by: txid,
                height
            },
        ]
    );
    assert!(chain.poll_events(&mut cursor).is_empty());
    assert_eq!(cursor, chain.event_cursor());
}

#[test]
fn the_log_starts_at_genesis_and_counts_blocks() {
    let (chain, _) = funded();
    let connected = chain
        .events_since(EventCursor::START)
        .iter()
        .filter(|e| matches!(e, ChainEvent::BlockConnected { .. }))
        .count();
    assert_eq!(connected as u32, chain.height());
    assert!(chain.events_since(EventCursor::START).len() as u64 == chain.event_cursor().position());
}

#[test]
fn watch_filters_by_transaction_and_output() {
    let (mut chain, alice) = funded();
    let mut cursor = chain.event_cursor();
    // Unrelated activity first.
    let other = alice
        .send(
            &chain,
            vec![bitcoin::TxOut {
                value: Amount::from_sat(1_000),
                script_pubkey: miner_script(),
            }],
            Amount::from_sat(300),
        )
        .unwrap();
    chain.submit(other).unwrap();
    // The wallet skips the coin the mempool already spends.
    let funding = alice
        .pay_to(
            &chain,
            miner_script(),
            Amount::from_sat(40_000),
            Amount::from_sat(700),
        )
        .unwrap();
    let funding_id = funding.compute_txid();
    let funding_out = OutPoint {
        txid: funding_id,
        vout: 0,
    };
    let watch = Watch::new().tx(funding_id).output(funding_out);
    chain.mine(1, &miner_script()).unwrap();
    assert!(chain.poll_watched(&mut cursor, &watch).is_empty());

    chain.submit(funding).unwrap();
    let hash = chain.mine(1, &miner_script()).unwrap()[0];
    let height = chain.height();
    let seen = chain.poll_watched(&mut cursor, &watch);
    assert_eq!(seen.len(), 1 + 1 + alice_inputs(&chain, funding_id));
    assert_eq!(seen[0], ChainEvent::TxAccepted { txid: funding_id });
    assert_eq!(
        seen[1],
        ChainEvent::TxConfirmed {
            txid: funding_id,
            height,
            block_hash: hash
        }
    );

    // The watched output gets spent by a transaction the watcher did not know about.
    let spend = lnp_chain::testkit::TestWallet::from_seed(99)
        .spend(
            &[(
                funding_out,
                chain.utxo(&funding_out).unwrap().output.clone(),
            )],
            vec![bitcoin::TxOut {
                value: Amount::from_sat(39_000),
                script_pubkey: miner_script(),
            }],
        )
        .unwrap();
    let spend_id = chain.submit(spend).unwrap();
    chain.mine(1, &miner_script()).unwrap();
    assert_eq!(
        chain.poll_watched(&mut cursor, &watch),
        vec![ChainEvent::OutputSpent {
            outpoint: funding_out,
            by: spend_id,
            height: chain.height()
        }]
    );
    let blocks = Watch::new().blocks();
    let mut from_start = EventCursor::START;
    assert_eq!(
        chain.poll_watched(&mut from_start, &blocks).len() as u32,
        chain.height()
    );
}

fn alice_inputs(chain: &lnp_chain::EmbeddedChain, txid: bitcoin::Txid) -> usize {
    chain.get_tx(&txid).map_or(0, |t| t.input.len())
}
