//! The channel signers the host keeps at hand: those of the channels that
//! stepped last, no more than [`KEPT`].
//!
//! A channel's signer (its `SoftContext`: the five basepoint secrets and
//! the per-commitment seed) derives from the node's seed whenever it is
//! needed ([`crate::keys::NodeKeys::channel_secrets`]), and everything it
//! does is deterministic (RFC 6979 signatures, BOLT 3 per-commitment
//! secrets; the channel machine draws no randomness), so an idle channel
//! need not hold one in memory: a thousand idle channels hold none, and a
//! busy one derives its signer once while it stays among the last
//! [`KEPT`]. What this is not: key storage — nothing here is persisted.
use lnp_engine::soft::SoftContext;

/// How many signers are kept.
pub const KEPT: usize = 32;

/// The kept signers, the most recently used last.
#[derive(Default)]
pub struct Signers {
    kept: Vec<(u32, SoftContext)>,
}

impl Signers {
    /// Channel `index`'s signer if it is kept, taken out (give it back with
    /// [`Signers::put`]).
    pub fn take(&mut self, index: u32) -> Option<SoftContext> {
        let at = self.kept.iter().position(|(i, _)| *i == index)?;
        Some(self.kept.remove(at).1)
    }

    /// Keeps channel `index`'s signer as the most recently used, dropping
    /// the least recently used beyond [`KEPT`].
    pub fn put(&mut self, index: u32, signer: SoftContext) {
        self.kept.retain(|(i, _)| *i != index);
        if self.kept.len() == KEPT {
            self.kept.remove(0);
        }
        self.kept.push((index, signer));
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

    #[test]
    fn the_last_used_are_kept_and_no_more() {
        let mut signers = Signers::default();
        for index in 0..(KEPT as u32 + 5) {
            signers.put(index, SoftContext::new([index as u8; 32], [0; 32]));
        }
        assert_eq!(signers.len(), KEPT);
        assert!(signers.take(0).is_none() && signers.take(4).is_none(), "the least recently used went first");
        let five = signers.take(5).expect("kept");
        assert_eq!(signers.len(), KEPT - 1, "taken out");
        signers.put(5, five);
        signers.put(1000, SoftContext::new([9; 32], [0; 32]));
        assert!(signers.take(5).is_some(), "used again, so kept");
        assert!(signers.take(6).is_none(), "the oldest went instead");
        assert!(signers.take(2000).is_none());
    }
}
