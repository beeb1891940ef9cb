//! The transactions the channels broadcast, kept until the chain has them
//! safely: a commitment, a justice transaction, an HTLC claim or a sweep is
//! worth nothing in a mempool that forgot it (bitcoind restarted without its
//! `mempool.dat`, a full mempool evicting it, a block holding it reorged out
//! and the transaction not taken back). Each one is the machine's stored
//! `Broadcast` effect, *armed* in the store like a watch, so a restart
//! brings it back; after every new tip the host reviews them:
//!
//! - confirmed [`SAFE_DEPTH`] blocks deep: done, the effect is disarmed;
//! - confirmed less deep: left alone (a reorg may still take it out);
//! - an input spent by another confirmed transaction: replaced, disarmed;
//! - unconfirmed for [`GIVE_UP_AFTER`] blocks: given up, with a warning;
//! - otherwise: handed to the chain again (a transaction the mempool
//!   already has is a success).
//!
//! What this is not: fee bumping (no RBF, no CPFP on anchors) and the
//! wallet's own transactions other than a channel's funding.

use std::collections::BTreeMap;

use bitcoin::{Transaction, Txid};
use lnp_engine::chain_view::ChainView;
use lnp_engine::store::EffectId;

/// Confirmations after which a reorg is not worth guarding against.
pub const SAFE_DEPTH: u32 = 6;
/// Blocks after which a transaction the chain keeps refusing is given up
/// (about two weeks).
pub const GIVE_UP_AFTER: u32 = 2016;

/// One broadcast being followed.
#[derive(Debug, Clone)]
pub struct Followed {
    /// The channel that broadcast it.
    pub index: u32,
    pub tx: Transaction,
    pub txid: Txid,
    /// The tip when it was first broadcast (or when the node restarted).
    pub since: u32,
}

/// What a review decided for a transaction no longer followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Confirmed [`SAFE_DEPTH`] deep.
    Deep,
    /// An input was spent by this other confirmed transaction.
    Replaced(Txid),
    /// Unconfirmed after [`GIVE_UP_AFTER`] blocks.
    GivenUp,
}

/// The broadcasts the host follows, by their effect.
#[derive(Debug, Default)]
pub struct Rebroadcasts {
    followed: BTreeMap<EffectId, Followed>,
}

/// A review's result: what to stop following, and what to hand to the chain again.
#[derive(Debug, Default)]
pub struct Review {
    pub finished: Vec<(EffectId, Followed, Outcome)>,
    pub again: Vec<Followed>,
}

impl Rebroadcasts {
    /// Follows `tx`, broadcast by channel `index` through effect `id` at tip `tip`.
    pub fn follow(&mut self, id: EffectId, index: u32, tx: Transaction, tip: u32) {
        let txid = tx.compute_txid();
        self.followed.entry(id).or_insert(Followed { index, tx, txid, since: tip });
    }

    pub fn is_followed(&self, id: &EffectId) -> bool {
        self.followed.contains_key(id)
    }

    pub fn len(&self) -> usize {
        self.followed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.followed.is_empty()
    }

    /// Decides each followed transaction's fate against `view` at `tip`;
    /// the finished ones are no longer followed.
    pub fn review<V: ChainView>(&mut self, view: &V, tip: u32) -> Result<Review, V::Error> {
        let mut review = Review::default();
        let mut kept = BTreeMap::new();
        for (id, f) in std::mem::take(&mut self.followed) {
            let outcome = match unconfirmed_or_outcome(view, &f.tx, f.txid, tip)? {
                Some(State::Confirmed) => None,
                Some(State::Finished(outcome)) => Some(outcome),
                None if tip.saturating_sub(f.since) >= GIVE_UP_AFTER => Some(Outcome::GivenUp),
                None => {
                    review.again.push(f.clone());
                    None
                }
            };
            match outcome {
                Some(outcome) => review.finished.push((id, f, outcome)),
                None => {
                    kept.insert(id, f);
                }
            }
        }
        self.followed = kept;
        Ok(review)
    }
}

enum State {
    Confirmed,
    Finished(Outcome),
}

/// `None` when `tx` is neither confirmed nor replaced: it should be in a mempool.
fn unconfirmed_or_outcome<V: ChainView>(view: &V, tx: &Transaction, txid: Txid, tip: u32) -> Result<Option<State>, V::Error> {
    if let Some(height) = view.confirmed_height(&txid)? {
        let depth = tip.saturating_sub(height) + 1;
        return Ok(Some(if depth >= SAFE_DEPTH { State::Finished(Outcome::Deep) } else { State::Confirmed }));
    }
    for input in &tx.input {
        if let Some((spender, _)) = view.confirmed_spend(&input.previous_output)? {
            let spender = spender.compute_txid();
            if spender != txid {
                return Ok(Some(State::Finished(Outcome::Replaced(spender))));
            }
        }
    }
    Ok(None)
}

/// Whether `tx` should be handed to the chain again: neither confirmed nor
/// replaced (for transactions not followed through an effect, like a
/// channel's funding).
pub fn needs_broadcast<V: ChainView>(view: &V, tx: &Transaction) -> Result<bool, V::Error> {
    Ok(unconfirmed_or_outcome(view, tx, tx.compute_txid(), 0)?.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;
    use bitcoin::absolute::LockTime;
    use bitcoin::transaction::Version;
    use bitcoin::{Amount, OutPoint, ScriptBuf, Sequence, TxIn, TxOut, Witness};
    use lnp_chain::EmbeddedChain;

    /// A spend of the chain's first mature coinbase, anyone-can-spend
    /// (`OP_TRUE`), paying `fee` sats.
    fn setup() -> (EmbeddedChain, OutPoint, Amount) {
        let mut chain = EmbeddedChain::new();
        let op_true = ScriptBuf::from_bytes(vec![0x51]);
        chain.mine(1, &op_true).expect("mine");
        chain.mine(100, &ScriptBuf::new_op_return([])).expect("mine");
        let block = chain.block_at(1).expect("block 1").clone();
        let coinbase = &block.txdata[0];
        (chain, OutPoint { txid: coinbase.compute_txid(), vout: 0 }, coinbase.output[0].value)
    }

    fn spend(from: OutPoint, value: Amount, fee: u64) -> Transaction {
        Transaction {
            version: Version::TWO,
            lock_time: LockTime::ZERO,
            input: vec![TxIn { previous_output: from, script_sig: ScriptBuf::new(), sequence: Sequence::MAX, witness: Witness::new() }],
            output: vec![TxOut { value: value - Amount::from_sat(fee), script_pubkey: ScriptBuf::new_op_return([1]) }],
        }
    }

    fn id(step: u64) -> EffectId {
        EffectId { machine: b"m".to_vec(), step, index: 0 }
    }

    #[test]
    fn a_forgotten_transaction_is_sent_again_until_it_is_six_blocks_deep() {
        let (mut chain, coin, value) = setup();
        let tx = spend(coin, value, 1_000);
        let txid = chain.submit(tx.clone()).expect("accepted");
        let mut r = Rebroadcasts::default();
        r.follow(id(1), 7, tx, chain.height());
        assert_eq!(chain.clear_mempool(), vec![txid]);

        let again = r.review(&chain, chain.height()).expect("review").again;
        assert_eq!(again.iter().map(|f| (f.index, f.txid)).collect::<Vec<_>>(), vec![(7, txid)]);
        chain.submit(again[0].tx.clone()).expect("accepted again");
        chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
        for _ in 1..SAFE_DEPTH {
            let review = r.review(&chain, chain.height()).expect("review");
            assert!(review.again.is_empty() && review.finished.is_empty(), "{review:?}");
            chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
        }
        let review = r.review(&chain, chain.height()).expect("review");
        assert_eq!(review.finished.iter().map(|(i, f, o)| (i.clone(), f.txid, o.clone())).collect::<Vec<_>>(), vec![(id(1), txid, Outcome::Deep)]);
        assert!(r.is_empty());
    }

    #[test]
    fn a_transaction_whose_input_another_one_spent_is_dropped_as_replaced() {
        let (mut chain, coin, value) = setup();
        let ours = spend(coin, value, 1_000);
        let theirs = spend(coin, value, 2_000);
        let mut r = Rebroadcasts::default();
        r.follow(id(1), 7, ours, chain.height());
        let theirs_id = chain.submit(theirs).expect("accepted");
        chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
        let review = r.review(&chain, chain.height()).expect("review");
        assert!(review.again.is_empty());
        assert_eq!(review.finished.into_iter().map(|(_, _, o)| o).collect::<Vec<_>>(), vec![Outcome::Replaced(theirs_id)]);
    }

    #[test]
    fn a_transaction_refused_for_two_weeks_is_given_up() {
        let (chain, coin, value) = setup();
        let mut r = Rebroadcasts::default();
        r.follow(id(1), 7, spend(coin, value, 1_000), chain.height());
        assert_eq!(r.review(&chain, chain.height() + GIVE_UP_AFTER - 1).expect("review").again.len(), 1);
        let review = r.review(&chain, chain.height() + GIVE_UP_AFTER).expect("review");
        assert_eq!(review.finished.into_iter().map(|(_, _, o)| o).collect::<Vec<_>>(), vec![Outcome::GivenUp]);
    }
}
