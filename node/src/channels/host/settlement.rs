//! Settling the HTLCs offered to us: each decided answer (see
//! [`super::super::onions`]) is carried out once its HTLC is irrevocably
//! committed, its payment recorded once the removal is in both
//! commitments, made again if a disconnection made the peer forget it,
//! and ended for good when the HTLC is gone without us seeing it settle
//! (withdrawn unsigned, or removed before a restart). What this is not:
//! the decision itself (`onions.rs`) or our own payments' outcomes.
use std::collections::{HashMap, HashSet};

use lnp_engine::rt;
use lnp_protocols::generated::bolt_channel::*;
use tracing::{debug, warn};

use super::super::onions::Answer;
use super::super::records::{Direction, PaymentStatus};
use super::Host;

impl Host {
    /// Settles the HTLCs now irrevocably committed, and checks those
    /// settled before. What an HTLC's settlement waits for — a commitment
    /// signed, revoked or rolled back, a connection lost — moves the
    /// state's [`Progress`]; until it moves there is nothing to look at.
    pub(super) fn settlements(&mut self, index: u32) {
        let Some(chan) = self.chans.get_mut(&index) else { return };
        let moved = chan.state.progress;
        if moved.is_none() || chan.settlements_checked == moved || (chan.to_settle.is_empty() && chan.settling.is_empty()) {
            return;
        }
        chan.settlements_checked = moved;
        // Progress moves with steps: the machine is hot (read back if not).
        if let Err(e) = self.make_hot(index) {
            return warn!("channel {index}: {e}");
        }
        self.end_gone(index);
        self.check_settling(index);
        let (Some(chan), Some(state)) = (self.chans.get(&index), self.hot.state(index)) else { return };
        let ready: Vec<u64> = if chan.to_settle.is_empty() {
            Vec::new()
        } else {
            let committed = irrevocably_committed(state);
            chan.to_settle.keys().copied().filter(|id| committed.contains(id)).collect()
        };
        let removing = if ready.is_empty() { HashSet::new() } else { being_removed(state) };
        let expiries: HashMap<u64, u32> = if ready.is_empty() { HashMap::new() } else { received_expiries(state) };
        let height = self.height();
        for id in ready {
            let Some(chan) = self.chans.get_mut(&index) else { return };
            let Some(decision) = chan.to_settle.remove(&id) else { continue };
            if removing.contains(&id) {
                // Settled before a restart; the removal is on its way.
                chan.settling.insert(id, decision);
                continue;
            }
            let decision = match decision {
                Answer::Fulfill { too_late, .. } if expiries.get(&id).is_some_and(|&expiry| past_fulfillment_deadline(expiry, height)) => {
                    warn!("channel {index}: HTLC {id} is settleable only past its fulfillment deadline (height {height}): failing it, not fulfilling it (BOLT 2)");
                    Answer::Fail { reason: too_late }
                }
                other => other,
            };
            self.settle(index, id, decision);
        }
    }

    /// The HTLCs offered to us and decided that are gone from the channel
    /// without us seeing them settle, each ended for good:
    /// - withdrawn: a disconnection made both sides forget the peer's
    ///   unsigned `update_add_htlc` (BOLT 2), and its id is the peer's to
    ///   give out again. No payment was received, so none is recorded; the
    ///   payer may offer it again, under any id, and it is recorded anew.
    /// - removed: neither commitment nor any pending update holds it any
    ///   more — our fulfill or fail of it was signed out of both before a
    ///   restart, which forgot that we were settling it. It ended as we
    ///   answered.
    fn end_gone(&mut self, index: u32) {
        let (Some(chan), Some(state)) = (self.chans.get_mut(&index), self.hot.state(index)) else { return };
        let (Some(next), Some(held)) = (next_remote_htlc_id(state), received_in_flight(state)) else { return };
        let gone: Vec<(u64, bool)> = chan.to_settle.iter().filter(|(id, _)| **id >= next || !held.contains(id)).map(|(id, a)| (*id, matches!(a, Answer::Fulfill { .. }))).collect();
        for (id, _) in &gone {
            chan.to_settle.remove(id);
        }
        for (id, fulfilled) in gone {
            if id >= next {
                debug!("channel {index}: the peer's HTLC {id} was withdrawn unsigned at a disconnection");
                let forgotten = self.records.payment_by_htlc(index, id, Direction::Received).and_then(|p| match p {
                    Some(p) => self.records.forget_payment(&p),
                    None => Ok(()),
                });
                if let Err(e) = forgotten {
                    warn!("channel {index}: forgetting the withdrawn HTLC {id}'s payment: {e}");
                }
            } else {
                debug!("channel {index}: HTLC {id} was settled before a restart");
                self.record_settled(index, id, if fulfilled { PaymentStatus::Succeeded } else { PaymentStatus::Failed });
            }
        }
    }

    /// Fulfills or fails HTLC `id` as decided; its payment is recorded
    /// once the removal is in both commitments ([`Host::check_settling`]).
    fn settle(&mut self, index: u32, id: u64, answer: Answer) {
        let command = match answer.clone() {
            Answer::Fulfill { preimage, .. } => Command::Fulfill(Fulfill { id, preimage }),
            Answer::Fail { reason } => Command::Fail(Fail { id, reason }),
            Answer::Malformed { sha256_of_onion, failure_code } => {
                Command::FailMalformed(FailMalformed { id, sha256_of_onion: rt::Hash256(sha256_of_onion), failure_code })
            }
        };
        match self.step(index, Input::Command(command)) {
            Ok(()) => {
                if let Some(chan) = self.chans.get_mut(&index) {
                    chan.settling.insert(id, answer);
                }
            }
            Err(e) => {
                warn!("channel {index}: settling HTLC {id}: {e}");
                self.record_settled(index, id, PaymentStatus::Failed);
            }
        }
    }

    /// The HTLCs settled on channel `index` whose removal is now in both
    /// commitments are recorded as succeeded or failed; those whose
    /// removal a disconnection made the peer forget (our update unsigned,
    /// or our commitment_signed lost) are settled again once the channel
    /// is back.
    fn check_settling(&mut self, index: u32) {
        if self.chans.get(&index).is_none_or(|c| c.settling.is_empty()) {
            return;
        }
        if let Err(e) = self.make_hot(index) {
            return warn!("channel {index}: {e}");
        }
        let (Some(chan), Some(state)) = (self.chans.get_mut(&index), self.hot.state(index)) else { return };
        let Some((local, remote)) = commitments(state) else { return };
        let (ours, theirs) = (received_ids(local), received_ids(remote));
        let removing = being_removed(state);
        let mut done = Vec::new();
        let mut again = Vec::new();
        for (&id, decision) in &chan.settling {
            let decision = decision.clone();
            if !ours.contains(&id) && !theirs.contains(&id) {
                done.push((id, decision));
            } else if !removing.contains(&id) {
                again.push((id, decision));
            }
        }
        for (id, decision) in again {
            debug!("channel {index}: the peer forgot our settlement of HTLC {id}: settling it again");
            chan.settling.remove(&id);
            chan.to_settle.insert(id, decision);
        }
        for (id, _) in &done {
            chan.settling.remove(id);
        }
        for (id, decision) in done {
            let status = if matches!(decision, Answer::Fulfill { .. }) { PaymentStatus::Succeeded } else { PaymentStatus::Failed };
            self.record_settled(index, id, status);
        }
    }

    /// Records how the payment of HTLC `id`, offered to us, ended.
    fn record_settled(&mut self, index: u32, id: u64, status: PaymentStatus) {
        match self.records.payment_by_htlc(index, id, Direction::Received) {
            Ok(Some(mut p)) => {
                p.status = status;
                if let Err(e) = self.records.put_payment(&p) {
                    warn!("channel {index}: recording payment {}: {e}", p.payment_hash);
                }
            }
            Ok(None) => {}
            Err(e) => warn!("channel {index}: {e}"),
        }
    }
}

/// BOLT 2: an HTLC offered to us may no longer be fulfilled once it is
/// within the spec's `fulfill_margin` (2R+G+S blocks) of its expiry: the
/// claim on chain could lose the race with the peer's timeout.
pub(super) fn past_fulfillment_deadline(cltv_expiry: u32, height: u32) -> bool {
    cltv_expiry <= height.saturating_add(FULFILL_MARGIN)
}

/// The expiry of each HTLC offered to us in our commitment.
fn received_expiries(state: &State) -> HashMap<u64, u32> {
    commitments(state).map(|(local, _)| local.htlcs.iter().filter(|p| !p.offered).map(|p| (p.id, p.cltv_expiry)).collect()).unwrap_or_default()
}

/// The ids of the HTLCs offered to us in commitment `c`.
fn received_ids(c: &CommitView) -> HashSet<u64> {
    c.htlcs.iter().filter(|p| !p.offered).map(|p| p.id).collect()
}

/// The id the peer's next HTLC must have, in the states that count them.
fn next_remote_htlc_id(state: &State) -> Option<u64> {
    Some(match state {
        State::Normal(s) => s.next_remote_htlc_id,
        State::ShuttingDown(s) => s.next_remote_htlc_id,
        State::Disconnected(s) => s.next_remote_htlc_id,
        State::Reestablishing(s) => s.next_remote_htlc_id,
        _ => return None,
    })
}

/// The ids of the HTLCs offered to us that a commitment or a pending
/// update holds, in the states that have both commitments.
fn received_in_flight(state: &State) -> Option<HashSet<u64>> {
    let (local, remote, lists): (_, _, [&Vec<Update>; 3]) = match state {
        State::Normal(s) => (&s.local_commit, &s.remote_commit, [&s.to_sign, &s.unacked, &s.to_expect]),
        State::ShuttingDown(s) => (&s.local_commit, &s.remote_commit, [&s.to_sign, &s.unacked, &s.to_expect]),
        State::Disconnected(s) => (&s.local_commit, &s.remote_commit, [&s.to_sign, &s.unacked, &s.to_expect]),
        State::Reestablishing(s) => (&s.local_commit, &s.remote_commit, [&s.to_sign, &s.unacked, &s.to_expect]),
        _ => return None,
    };
    let mut ids = received_ids(local);
    ids.extend(received_ids(remote));
    ids.extend(lists.into_iter().flatten().filter(|u| !u.htlc.offered).map(|u| u.htlc.id));
    Some(ids)
}

/// Our commitment and the peer's, in the states that have both.
fn commitments(state: &State) -> Option<(&CommitView, &CommitView)> {
    Some(match state {
        State::Normal(s) => (&s.local_commit, &s.remote_commit),
        State::ShuttingDown(s) => (&s.local_commit, &s.remote_commit),
        State::Disconnected(s) => (&s.local_commit, &s.remote_commit),
        State::Reestablishing(s) => (&s.local_commit, &s.remote_commit),
        _ => return None,
    })
}

/// The HTLCs offered to us that one of our updates removes and that the
/// peer has not yet signed out of our commitment (the spec's
/// `being_removed`): a fulfill or fail not yet signed, signed but not
/// acknowledged, or acknowledged and awaiting the peer's signature.
fn being_removed(state: &State) -> HashSet<u64> {
    let lists: [&Vec<Update>; 3] = match state {
        State::Normal(s) => [&s.to_sign, &s.unacked, &s.to_expect],
        State::ShuttingDown(s) => [&s.to_sign, &s.unacked, &s.to_expect],
        State::Disconnected(s) => [&s.to_sign, &s.unacked, &s.to_expect],
        State::Reestablishing(s) => [&s.to_sign, &s.unacked, &s.to_expect],
        _ => return HashSet::new(),
    };
    lists
        .into_iter()
        .flatten()
        .filter(|u| matches!(u.kind, UpdateKind::FulfillHtlc | UpdateKind::FailHtlc) && !u.htlc.offered)
        .map(|u| u.htlc.id)
        .collect()
}

/// The HTLCs offered to us that are irrevocably committed (BOLT 2), the
/// only ones we may fulfill or fail: in our commitment and the peer's, and
/// in the peer's previous one too while it has not revoked it (until then
/// it could still publish a commitment without them).
fn irrevocably_committed(state: &State) -> HashSet<u64> {
    let (local, remote, previous, awaiting_revoke) = match state {
        State::Normal(s) => (&s.local_commit, &s.remote_commit, &s.remote_prev_commit, s.awaiting_revoke),
        State::ShuttingDown(s) => (&s.local_commit, &s.remote_commit, &s.remote_prev_commit, s.awaiting_revoke),
        _ => return HashSet::new(),
    };
    let (theirs, before) = (received_ids(remote), if awaiting_revoke { received_ids(previous) } else { HashSet::new() });
    let mut ids = received_ids(local);
    ids.retain(|id| theirs.contains(id) && (!awaiting_revoke || before.contains(id)));
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fulfillment_deadline_is_seven_blocks_before_the_expiry() {
        assert!(!past_fulfillment_deadline(108, 100), "8 blocks left");
        assert!(past_fulfillment_deadline(107, 100), "7 blocks left");
        assert!(past_fulfillment_deadline(90, 100), "expired");
        assert!(!past_fulfillment_deadline(u32::MAX, u32::MAX - 8));
    }
}
