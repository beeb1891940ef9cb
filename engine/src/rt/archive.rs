//! `archive<K, V>` state fields: a map a machine writes to and rarely reads,
//! kept out of its state.
//!
//! A channel piles up data it needs only in rare cases — the HTLCs of every
//! commitment the peer revoked (read only if the peer cheats), the
//! preimages it learnt (read only on a unilateral close). Kept in the state,
//! they would be copied, encoded and written at every step, and the cost of
//! a step would grow with the channel's age. An [`Archive`] field holds only
//! the entries put since the machine was last stepped by a
//! [`crate::driver::Driver`], which moves them to the store (see
//! [`crate::machine::Machine::take_archived`]); a read
//! ([`get`]) looks at those first, then asks the [`Context`] for the stored
//! value ([`Context::archived`]).
//!
//! Nothing else drains an archive: in the explorer, in tests and benches
//! that step machines without a driver, every entry stays in the state and
//! is part of its identity, so the context's default answer (nothing
//! stored) is the right one. This module does no I/O; the driver's context
//! reads the store.

use super::{Context, Reject, RejectKind};
use crate::wire::WireError;

/// The entries of an `archive<K, V>` field not yet moved to the store, in
/// the order they were put.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Archive<K, V> {
    pending: Vec<(K, V)>,
}

impl<K, V> Default for Archive<K, V> {
    fn default() -> Self {
        Archive { pending: Vec::new() }
    }
}

impl<K, V> Archive<K, V> {
    pub fn new() -> Self {
        Self::default()
    }

    /// `archive[key] = value;`: the value replaces what `key` held.
    pub fn put(&mut self, key: K, value: V) {
        self.pending.push((key, value));
    }

    /// The entries not yet moved to the store, oldest first.
    pub fn pending(&self) -> &[(K, V)] {
        &self.pending
    }

    /// Takes the entries not yet moved to the store, leaving none.
    pub fn take_pending(&mut self) -> Vec<(K, V)> {
        std::mem::take(&mut self.pending)
    }

    /// An archive holding `pending` (decoding a stored state).
    pub fn from_pending(pending: Vec<(K, V)>) -> Self {
        Archive { pending }
    }
}

/// Why an archived value could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArchiveError {
    #[error("the store could not be read: {0}")]
    Store(String),
    #[error("a stored value cannot be decoded: {0}")]
    Decode(WireError),
    #[error("a key cannot be encoded: {0}")]
    Encode(WireError),
}

/// `archive.get(key)`: the value last put under `key`, from the entries not
/// yet stored or else from the store through `ctx`. `encode_key` and
/// `decode_value` are the generated codecs of the field's types; `name` is
/// the field's name, which names the archive in the store. A failed read
/// rejects the input (`ignore`: the input is dropped, the state kept, and
/// the host sees the reason).
pub fn get<K: PartialEq, V: Clone, C: Context>(
    archive: &Archive<K, V>,
    name: &'static str,
    key: &K,
    ctx: &mut C,
    encode_key: fn(&K) -> Result<Vec<u8>, WireError>,
    decode_value: fn(&[u8]) -> Result<V, WireError>,
    spec: &'static str,
) -> Result<Option<V>, Reject> {
    if let Some((_, v)) = archive.pending.iter().rev().find(|(k, _)| k == key) {
        return Ok(Some(v.clone()));
    }
    let mut read = || -> Result<Option<V>, ArchiveError> {
        let k = encode_key(key).map_err(ArchiveError::Encode)?;
        match ctx.archived(name, &k).map_err(ArchiveError::Store)? {
            Some(bytes) => decode_value(&bytes).map(Some).map_err(ArchiveError::Decode),
            None => Ok(None),
        }
    };
    read().map_err(|e| Reject::new(RejectKind::Ignore, format!("archive `{name}`: {e}"), spec))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::soft::SoftContext;

    fn key(k: &u64) -> Result<Vec<u8>, WireError> {
        Ok(k.to_be_bytes().to_vec())
    }
    fn value(b: &[u8]) -> Result<u8, WireError> {
        b.first().copied().ok_or(WireError::UnexpectedEof { needed: 1, remaining: 0 })
    }

    #[test]
    fn the_last_put_wins_and_a_missing_key_is_none() {
        let mut ctx = SoftContext::new([1; 32], [2; 32]);
        let mut a: Archive<u64, u8> = Archive::new();
        a.put(1, 10);
        a.put(2, 20);
        a.put(1, 11);
        assert_eq!(get(&a, "a", &1, &mut ctx, key, value, "t"), Ok(Some(11)));
        assert_eq!(get(&a, "a", &3, &mut ctx, key, value, "t"), Ok(None));
        assert_eq!(a.take_pending().len(), 3);
        assert!(a.pending().is_empty());
    }
}
