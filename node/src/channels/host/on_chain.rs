//! The channel host's side of the chain: at each new tip, the wallet
//! follows the chain (reorgs included), every channel's watches are polled
//! and their events fed to the machines, the fee estimate is read and
//! followed with `update_fee` ([`crate::fees`]), and what the channels
//! broadcast is handed to the chain again until it is safely in it
//! ([`super::super::rebroadcast`]); and the funder's funding broadcast.
//! What this is not: the chain backends themselves (`crate::chain`).
use bitcoin::consensus::encode::deserialize_hex;
use bitcoin::Transaction;
use lnp_protocols::generated::bolt_channel::*;
use tracing::{debug, info, warn};

use super::super::rebroadcast::{self, Outcome};
use super::super::view::Kind;
use super::super::{ChannelError, Opened};
use super::{channel_id_of, commitment_of, hex, Host};
use crate::chain::backend::ChainBackend;
use crate::fees;

impl Host {
    /// The funder broadcasts the funding transaction once the machine holds
    /// the peer's signature on its first commitment.
    pub(super) fn broadcast_funding(&mut self, index: u32) {
        let Some(chan) = self.chans.get(&index) else { return };
        if chan.env.role != Role::Funder || chan.state.kind != Kind::AwaitLocked {
            return;
        }
        let Some(tx_hex) = chan.rec.funding_tx.clone() else { return };
        let tx: Transaction = match deserialize_hex(&tx_hex) {
            Ok(tx) => tx,
            Err(e) => return warn!("channel {index}: the stored funding transaction is damaged: {e}"),
        };
        let txid = tx.compute_txid();
        // The steps and the record behind it are on disk before it leaves.
        if let Err(e) = self.sync() {
            return warn!("channel {index}: not broadcasting the funding transaction {txid}: {e}");
        }
        let Some(chan) = self.chans.get(&index) else { return };
        match self.parts.chain.broadcast_blocking(&tx) {
            Ok(_) => {
                info!("channel {index}: funding transaction {txid} broadcast");
                if let Some(reply) = self.open_waiters.remove(&index) {
                    let (capacity_sat, funding, commit) = commitment_of(&chan.state);
                    let _ = reply.send(Ok(Opened {
                        channel_id: channel_id_of(&chan.state).map(|id| hex(&id.0)).unwrap_or_default(),
                        funding_txid: txid.to_string(),
                        funding_outpoint: funding.map(|f| f.to_string()).unwrap_or_default(),
                        capacity_sat,
                        push_msat: commit.map(|c| c.to_remote.0).unwrap_or(0),
                    }));
                }
            }
            Err(e) => {
                warn!("channel {index}: the chain refused the funding transaction {txid}: {e}");
                if let Some(reply) = self.open_waiters.remove(&index) {
                    let _ = reply.send(Err(e.into()));
                }
            }
        }
    }


    /// A new tip: the wallet scans the new blocks, every watch is polled
    /// (again while steps arm watches the chain already satisfies); peers
    /// we have live channels with are dialed if away.
    pub(super) fn tick(&mut self) -> Result<(), ChannelError> {
        let height = self.parts.chain.height_blocking()?;
        // A new wallet on bitcoind starts at the tip (it can hold nothing
        // older); on the embedded chain it scans from genesis. A reorg is
        // undone first (then the watches are polled even at the same
        // height); a wallet that fails does not keep the watches waiting.
        let fresh_from = if matches!(self.parts.chain, ChainBackend::Bitcoind(_)) { height } else { 0 };
        let synced = self.parts.wallet.sync(&self.parts.chain, height, fresh_from);
        let moved = self.tip != Some(height) || synced.as_ref().is_ok_and(|s| s.disconnected > 0);
        self.tip = Some(height);
        if moved || self.watches_dirty {
            for _ in 0..100 {
                self.watches_dirty = false;
                // Every channel's watches against one reading of the chain
                // (on bitcoind one sync, not one per watch), then the events.
                let mut fired = Vec::new();
                {
                    let snapshot = self.parts.chain.snapshot_blocking()?;
                    for (index, chan) in self.chans.iter_mut().filter(|(_, c)| !c.watches.is_empty()) {
                        fired.extend(snapshot.poll(&mut chan.watches)?.into_iter().map(|(id, event)| (*index, id, event)));
                    }
                }
                let fired_any = !fired.is_empty();
                for (index, id, event) in fired {
                    if let Err(e) = self.input(index, Input::Chain(event)) {
                        warn!("channel {index}: {e}");
                    }
                    self.store.disarm(&id).map_err(|source| ChannelError::Engine { index, source: source.into() })?;
                    // Each channel's events now: a block that confirms a
                    // thousand channels queues a handful at a time.
                    self.drain_events();
                }
                if !fired_any && !self.watches_dirty {
                    break;
                }
            }
        }
        if moved {
            self.check_deadlines(height);
            self.follow_feerate();
        }
        if moved || self.rebroadcast_due {
            self.rebroadcast_due = false;
            if let Err(e) = self.rebroadcast(height) {
                warn!("rebroadcasting: {e}");
            }
        }
        self.redial();
        synced?;
        Ok(())
    }

    /// Has every channel with something that may be due at `height` (an
    /// HTLC past its BOLT 2 deadline, a funding 2016 blocks late: see
    /// [`super::super::view::StateView::deadline_from`]) check it with the
    /// spec's `check_deadlines`.
    fn check_deadlines(&mut self, height: u32) {
        let due: Vec<u32> = self.chans.iter().filter(|(_, c)| c.state.deadline_from.is_some_and(|h| h <= height)).map(|(i, _)| *i).collect();
        for index in due {
            if let Err(e) = self.input(index, Input::Command(Command::CheckDeadlines(CheckDeadlines {}))) {
                warn!("channel {index}: checking its deadlines: {e}");
            }
            self.drain_events();
        }
    }

    /// Reads the chain's fee estimate, and has every channel we fund that is
    /// active propose it with `update_fee` when it has moved out of the
    /// band around the channel's feerate ([`fees::update_for`]).
    fn follow_feerate(&mut self) {
        self.feerate = match self.parts.chain.feerate_estimate_blocking() {
            Ok(rate) => rate,
            Err(e) => {
                debug!("no fee estimate: {e}");
                None
            }
        };
        let Some(estimate) = self.feerate else { return };
        let due: Vec<(u32, u32)> = self
            .chans
            .iter()
            .filter(|(_, c)| c.env.role == Role::Funder && c.state.kind == Kind::Normal && c.state.peer_ready && self.connected.contains_key(&c.peer))
            .filter_map(|(i, c)| c.state.local_commit.as_ref().and_then(|commit| fees::update_for(commit.feerate, estimate)).map(|rate| (*i, rate)))
            .collect();
        for (index, rate) in due {
            match self.input(index, Input::Command(Command::SetFeerate(SetFeerate { feerate_per_kw: rate }))) {
                Ok(()) => info!("channel {index}: proposing a feerate of {rate} sat/kw (the chain's estimate)"),
                Err(e) => debug!("channel {index}: not proposing {rate} sat/kw: {e}"),
            }
        }
    }

    /// Hands the chain again what the channels broadcast and it does not
    /// have ([`rebroadcast`]), and the funding transactions of the channels
    /// we fund that are still unconfirmed; stops following what is deep
    /// enough, replaced or given up.
    fn rebroadcast(&mut self, tip: u32) -> Result<(), ChannelError> {
        let fundings: Vec<(u32, Transaction)> = self
            .chans
            .iter()
            .filter(|(_, c)| c.env.role == Role::Funder && c.state.kind == Kind::AwaitLocked)
            .filter_map(|(i, c)| c.rec.funding_tx.as_deref().and_then(|h| deserialize_hex(h).ok()).map(|tx| (*i, tx)))
            .collect();
        if self.rebroadcasts.is_empty() && fundings.is_empty() {
            return Ok(());
        }
        let (review, fundings) = {
            let snapshot = self.parts.chain.snapshot_blocking()?;
            let review = snapshot.review(&mut self.rebroadcasts, tip)?;
            let mut unconfirmed = Vec::new();
            for (index, tx) in fundings {
                if snapshot.needs_broadcast(&tx)? {
                    unconfirmed.push((index, tx));
                }
            }
            (review, unconfirmed)
        };
        for (id, f, outcome) in review.finished {
            match outcome {
                Outcome::Deep => debug!("channel {}: {} is {} blocks deep", f.index, f.txid, rebroadcast::SAFE_DEPTH),
                Outcome::Replaced(by) => info!("channel {}: {} was replaced by {by}", f.index, f.txid),
                Outcome::GivenUp => {
                    warn!("channel {}: giving up on {} after {} blocks unconfirmed", f.index, f.txid, rebroadcast::GIVE_UP_AFTER)
                }
            }
            self.store.disarm(&id).map_err(|source| ChannelError::Engine { index: f.index, source: source.into() })?;
        }
        for (index, tx) in review.again.into_iter().map(|f| (f.index, f.tx)).chain(fundings) {
            let txid = tx.compute_txid();
            match self.parts.chain.broadcast_blocking(&tx) {
                Ok(_) => debug!("channel {index}: {txid} handed to the chain again"),
                Err(e) => debug!("channel {index}: the chain still refuses {txid}: {e}"),
            }
        }
        Ok(())
    }
}
