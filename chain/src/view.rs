//! The embedded chain as the engine's [`ChainView`]: what a host polls its
//! machines' watches against, and where their broadcasts go.
//!
//! Reads cannot fail here; a broadcast fails with the chain's
//! [`RejectReason`] (a bad signature, a double spend, an unexpired lock…).

use bitcoin::{OutPoint, Transaction, Txid};
use lnp_engine::chain_view::ChainView;

use crate::{EmbeddedChain, RejectReason, TxStatus};

impl ChainView for EmbeddedChain {
    type Error = RejectReason;

    fn tip_height(&self) -> Result<u32, RejectReason> {
        Ok(self.height())
    }

    fn confirmed_height(&self, txid: &Txid) -> Result<Option<u32>, RejectReason> {
        Ok(match self.tx_status(txid) {
            TxStatus::Confirmed { height, .. } => Some(height),
            TxStatus::InMempool | TxStatus::Unknown => None,
        })
    }

    fn confirmed_spend(&self, outpoint: &OutPoint) -> Result<Option<(Transaction, u32)>, RejectReason> {
        Ok(self
            .confirmed_spender(outpoint)
            .and_then(|s| Some((self.get_tx(&s.txid)?.clone(), s.height))))
    }

    fn broadcast(&mut self, tx: &Transaction) -> Result<Txid, RejectReason> {
        self.submit(tx.clone())
    }
}
