//! The channel machines the host keeps whole in memory: those that
//! stepped last, no more than the node's `--hot-channels` (32 by default).
//!
//! A hot channel has its machine's whole state (about 1.4 KiB, more with
//! HTLCs in flight) and its signer (a `SoftContext`: five basepoint secrets
//! and the per-commitment seed) at hand, so a busy channel steps without
//! reading or decoding anything. Every other channel keeps only a
//! [`super::view::StateView`]: its state is in the store, and its signer
//! derives again from the node's seed when it is next needed — everything
//! the signer does is deterministic (RFC 6979 signatures, BOLT 3
//! per-commitment secrets), so nothing is lost by dropping it.
//!
//! The host stages a channel's state in the store before it lets it go
//! cold ([`Hot::put`] hands back the one it pushed out). What this is not:
//! a write-back cache of record — the store is the record.
use lnp_engine::soft::SoftContext;
use lnp_protocols::generated::bolt_channel::State;

/// A hot channel's machine state and signer.
pub struct Machine {
    pub state: State,
    pub signer: SoftContext,
}

/// The hot channels, the most recently used last.
pub struct Hot {
    kept: Vec<(u32, Machine)>,
    capacity: usize,
}

impl Hot {
    /// Keeps up to `capacity` channels (at least one).
    pub fn new(capacity: usize) -> Hot {
        Hot { kept: Vec::new(), capacity: capacity.max(1) }
    }

    /// Channel `index`'s machine, if it is hot, taken out (give it back
    /// with [`Hot::put`]).
    pub fn take(&mut self, index: u32) -> Option<Machine> {
        let at = self.kept.iter().position(|(i, _)| *i == index)?;
        Some(self.kept.remove(at).1)
    }

    /// Channel `index`'s machine state, if it is hot, without touching the
    /// order.
    pub fn state(&self, index: u32) -> Option<&State> {
        self.kept.iter().find(|(i, _)| *i == index).map(|(_, m)| &m.state)
    }

    /// Keeps channel `index`'s machine as the most recently used. Returns
    /// the least recently used one if that made more than the capacity:
    /// the caller makes sure the store has its state.
    pub fn put(&mut self, index: u32, machine: Machine) -> Option<(u32, Machine)> {
        self.kept.retain(|(i, _)| *i != index);
        let out = if self.kept.len() >= self.capacity { Some(self.kept.remove(0)) } else { None };
        self.kept.push((index, machine));
        out
    }

    /// How many are kept.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn machine(seed: u8) -> Machine {
        Machine { state: State::initial(), signer: SoftContext::new([seed; 32], [0; 32]) }
    }

    #[test]
    fn the_last_used_are_kept_and_no_more_and_the_one_pushed_out_is_handed_back() {
        const KEPT: usize = 32;
        let mut hot = Hot::new(KEPT);
        let mut pushed_out = Vec::new();
        for index in 0..(KEPT as u32 + 5) {
            pushed_out.extend(hot.put(index, machine(index as u8)).map(|(i, _)| i));
        }
        assert_eq!(pushed_out, vec![0, 1, 2, 3, 4], "the least recently used went first, and the caller hears of each");
        assert_eq!(hot.len(), KEPT);
        assert!(hot.take(0).is_none() && hot.take(4).is_none());
        let five = hot.take(5).expect("kept");
        assert_eq!(hot.len(), KEPT - 1, "taken out");
        assert!(hot.put(5, five).is_none(), "room for it again");
        assert_eq!(hot.put(1000, machine(9)).map(|(i, _)| i), Some(6), "5 was used again, so 6 is now the oldest");
        assert!(hot.state(5).is_some() && hot.state(6).is_none());
        let mut one = Hot::new(0);
        assert!(one.put(1, machine(1)).is_none(), "room for one at least");
        assert_eq!(one.put(2, machine(2)).map(|(i, _)| i), Some(1));
    }
}
