//! What the channel host keeps in memory of each channel machine's state
//! between its steps: a [`StateView`].
//!
//! The machine's whole state is in the store (and, for the channels that
//! stepped last, in [`super::hot`]). Between steps the host only needs a
//! little of it: the channel id (to route a peer's
//! message), the state's name, capacity, funding and our latest commitment
//! (to list the channel and pick it for a payment), the next HTLC id, and
//! whether a `commit` is due. A `State` is 1,440 bytes (its largest variant holds ten
//! basepoints, three commitments and three points); the view of an idle
//! channel is a sixth of that. What this is not: a copy to step from —
//! steps start from the whole state, hot or read back from the store.
use bitcoin::{OutPoint, Txid};
use lnp_engine::rt;
use lnp_protocols::generated::bolt_channel::{CommitView, State, FULFILL_MARGIN, FUNDING_TIMEOUT, OFFERED_GRACE};

/// Which kind of state, as far as the host tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Before the funding transaction may be broadcast.
    Opening,
    /// The funder may broadcast the funding transaction.
    AwaitLocked,
    /// Open and usable.
    Normal,
    /// Funded and not closing on chain: `ShuttingDown`, `Disconnected`,
    /// `Reestablishing` (a peer's error makes us publish our commitment).
    Funded,
    /// Closing or closed.
    Closing,
}

/// A channel's state name, commitment numbers (ours, the peer's) and
/// whether we await the peer's revocation: what moves when an HTLC's
/// settlement may have moved.
pub type Progress = (&'static str, u64, u64, bool);

/// A channel machine's state, as much as the host reads between steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateView {
    name: &'static str,
    terminal: bool,
    pub kind: Kind,
    /// The funded channel id, if the state knows it.
    pub channel_id: Option<rt::ChannelId>,
    pub capacity_sat: u64,
    pub funding: Option<OutPoint>,
    /// Our latest commitment, where the state has one.
    pub local_commit: Option<CommitView>,
    /// The id of the next HTLC we offer (`Normal` only, else 0).
    pub next_htlc_id: u64,
    /// Updates to sign for the peer, and we may sign now.
    pub commit_due: bool,
    /// The peer's `channel_ready` arrived (`Normal`, `ShuttingDown`): HTLCs
    /// may be offered.
    pub peer_ready: bool,
    /// Our published commitment (`ForceClosed`).
    pub commitment_txid: Option<Txid>,
    /// `Normal` with a shutdown script we committed to at the opening
    /// (`option_upfront_shutdown_script`).
    pub upfront_committed: bool,
    /// In the states with both commitments.
    pub progress: Option<Progress>,
    /// The first height at which the spec's `check_deadlines` may have
    /// something to do: an HTLC in either commitment past its BOLT 2
    /// deadline (for one offered to us the spec also needs the preimage),
    /// or, in `AwaitLocked`, a funding transaction 2016 blocks late (the
    /// spec forgets the channel if we are the fundee).
    pub deadline_from: Option<u32>,
}

/// The earliest height at which one of these HTLCs may be past its
/// deadline: `OFFERED_GRACE` blocks after the expiry of one we offered,
/// `FULFILL_MARGIN` blocks before the expiry of one offered to us.
fn deadline_from(commits: [&CommitView; 2]) -> Option<u32> {
    commits
        .into_iter()
        .flat_map(|c| c.htlcs.iter())
        .map(|p| if p.offered { p.cltv_expiry.saturating_add(OFFERED_GRACE) } else { p.cltv_expiry.saturating_sub(FULFILL_MARGIN) })
        .min()
}

fn progress(state: &State) -> Option<Progress> {
    let (awaiting_revoke, local, remote) = match state {
        State::Normal(s) => (s.awaiting_revoke, s.local_commit.number, s.remote_commit.number),
        State::ShuttingDown(s) => (s.awaiting_revoke, s.local_commit.number, s.remote_commit.number),
        State::Disconnected(s) => (s.awaiting_revoke, s.local_commit.number, s.remote_commit.number),
        State::Reestablishing(s) => (s.awaiting_revoke, s.local_commit.number, s.remote_commit.number),
        _ => return None,
    };
    Some((state.name(), local, remote, awaiting_revoke))
}

impl StateView {
    pub fn of(state: &State) -> StateView {
        let mut view = StateView {
            name: state.name(),
            terminal: state.is_terminal(),
            kind: Kind::Opening,
            channel_id: None,
            capacity_sat: 0,
            funding: None,
            local_commit: None,
            next_htlc_id: 0,
            commit_due: false,
            peer_ready: false,
            commitment_txid: None,
            upfront_committed: false,
            progress: None,
            deadline_from: None,
        };
        let mut set = |kind, channel_id, capacity: rt::Sat, funding, local_commit: Option<&CommitView>| {
            view.kind = kind;
            view.channel_id = channel_id;
            view.capacity_sat = capacity.0;
            view.funding = funding;
            view.local_commit = local_commit.cloned();
        };
        match state {
            State::Init(_) | State::AwaitOpen(_) => {}
            State::AwaitAccept(s) => set(Kind::Opening, None, s.capacity, None, None),
            State::AwaitFundingBuilt(s) => set(Kind::Opening, None, s.capacity, None, None),
            State::AwaitFundingCreated(s) => set(Kind::Opening, None, s.capacity, None, None),
            State::AwaitFundingSigned(s) => set(Kind::Opening, Some(s.channel_id), s.capacity, Some(s.funding), Some(&s.local_commit)),
            State::AwaitLocked(s) => set(Kind::AwaitLocked, Some(s.channel_id), s.capacity, Some(s.funding), Some(&s.local_commit)),
            State::Normal(s) => {
                set(Kind::Normal, Some(s.channel_id), s.capacity, Some(s.funding), Some(&s.local_commit));
                view.next_htlc_id = s.next_htlc_id;
                view.commit_due = !s.to_sign.is_empty() && !s.awaiting_revoke && s.remote_ready;
                view.peer_ready = s.remote_ready;
                view.upfront_committed = !s.local_upfront.is_empty();
            }
            State::Disconnected(s) => set(Kind::Funded, Some(s.channel_id), s.capacity, Some(s.funding), Some(&s.local_commit)),
            State::Reestablishing(s) => set(Kind::Funded, Some(s.channel_id), s.capacity, Some(s.funding), Some(&s.local_commit)),
            State::ShuttingDown(s) => {
                set(Kind::Funded, Some(s.channel_id), s.capacity, Some(s.funding), Some(&s.local_commit));
                view.commit_due = !s.to_sign.is_empty() && !s.awaiting_revoke && s.remote_ready;
                view.peer_ready = s.remote_ready;
            }
            State::Negotiating(s) => set(Kind::Closing, Some(s.channel_id), s.capacity, Some(s.funding), Some(&s.local_commit)),
            State::ForceClosed(s) => {
                set(Kind::Closing, Some(s.channel_id), s.capacity, Some(s.funding), Some(&s.local_commit));
                view.commitment_txid = Some(s.commitment_txid);
            }
            State::RemoteClosed(s) => set(Kind::Closing, Some(s.channel_id), s.capacity, Some(s.funding), None),
            State::Closed(s) => set(Kind::Closing, Some(s.channel_id), rt::Sat(0), None, None),
            State::Punishing(s) => set(Kind::Closing, Some(s.channel_id), rt::Sat(0), None, None),
        }
        view.progress = progress(state);
        view.deadline_from = match state {
            State::Normal(s) => deadline_from([&s.local_commit, &s.remote_commit]),
            State::ShuttingDown(s) => deadline_from([&s.local_commit, &s.remote_commit]),
            State::Negotiating(s) => deadline_from([&s.local_commit, &s.remote_commit]),
            State::Disconnected(s) => deadline_from([&s.local_commit, &s.remote_commit]),
            State::Reestablishing(s) => deadline_from([&s.local_commit, &s.remote_commit]),
            State::AwaitLocked(s) => Some(s.funding_wait_from.saturating_add(FUNDING_TIMEOUT)),
            _ => None,
        };
        view
    }

    /// The state's name in the spec.
    pub fn name(&self) -> &'static str {
        self.name
    }

    pub fn is_terminal(&self) -> bool {
        self.terminal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_machine_is_opening_with_nothing_known() {
        let view = StateView::of(&State::initial());
        assert_eq!((view.name(), view.is_terminal(), view.kind), ("Init", false, Kind::Opening));
        assert_eq!((view.channel_id, view.funding, view.local_commit.is_none()), (None, None, true));
        assert!(std::mem::size_of::<StateView>() * 5 < std::mem::size_of::<State>(), "a view is a fraction of a state");
    }

    #[test]
    fn the_first_deadline_is_a_block_after_an_offered_expiry_or_seven_before_a_received_one() {
        use lnp_protocols::generated::bolt_channel::Pending;
        let htlc = |id, cltv_expiry, offered| Pending { id, amount: rt::Msat(1_000_000), cltv_expiry, offered, lock: Vec::new() };
        let commit = |htlcs| CommitView { number: 1, to_local: rt::Msat(0), to_remote: rt::Msat(0), htlcs, feerate: 253 };
        let none = commit(Vec::new());
        assert_eq!(deadline_from([&none, &none]), None);
        let offered = commit(vec![htlc(0, 500, true)]);
        assert_eq!(deadline_from([&offered, &none]), Some(501));
        // A received HTLC's margin comes first; the peer's commitment counts too.
        let received = commit(vec![htlc(0, 505, false)]);
        assert_eq!(deadline_from([&offered, &received]), Some(498));
    }
}
