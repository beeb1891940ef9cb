//! Persistence of machine instances in sled: each machine's state and the
//! outbox of effects it has decided but the host has not yet performed.
//!
//! "Persist before you speak": [`Store::commit_step`] writes a step's new
//! state and all its effects in one sled transaction and flushes it to disk
//! before returning, so after a crash the node finds either the old state
//! and no effects (the input is redelivered: BOLT 2 reestablishment) or the
//! new state and every effect still to perform. Effects are performed at
//! least once; their [`EffectId`]s are stable, so a consumer can drop
//! duplicates. Every stored value starts with a format version byte.

use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;
use std::path::Path;

const VERSION: u8 = 1;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store: {0}")]
    Sled(#[from] sled::Error),
    #[error("a stored value has format version {0}, which this build does not read")]
    UnknownVersion(u8),
    #[error("a stored value is damaged: {0}")]
    Corrupt(&'static str),
}

impl From<TransactionError<StoreError>> for StoreError {
    fn from(e: TransactionError<StoreError>) -> Self {
        match e {
            TransactionError::Abort(e) => e,
            TransactionError::Storage(e) => StoreError::Sled(e),
        }
    }
}

/// Which effect of which step of which machine.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EffectId {
    pub machine: Vec<u8>,
    pub step: u64,
    pub index: u16,
}

impl EffectId {
    fn key(&self) -> Vec<u8> {
        let mut k = machine_prefix(&self.machine);
        k.extend_from_slice(&self.step.to_be_bytes());
        k.extend_from_slice(&self.index.to_be_bytes());
        k
    }
}

/// `len(machine) as u16 || machine`: a prefix no other machine's keys share.
fn machine_prefix(machine: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(2 + machine.len() + 10);
    k.extend_from_slice(&(machine.len() as u16).to_be_bytes());
    k.extend_from_slice(machine);
    k
}

pub struct Store {
    db: sled::Db,
    states: sled::Tree,
    outbox: sled::Tree,
    /// Standing effects (watches, timers) the host has set up and that have
    /// not yet fired into the machine, keyed like the outbox.
    armed: sled::Tree,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("states", &self.states.len()).field("outbox", &self.outbox.len()).finish()
    }
}

impl Store {
    /// Opens (or creates) the store in the folder `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::from_db(sled::open(path)?)
    }

    /// As [`Store::open`], with sled's page cache limited to about
    /// `cache_bytes` (sled's default is 1 GiB): pages beyond it are read
    /// back from the file when needed.
    pub fn open_with_cache(path: &Path, cache_bytes: u64) -> Result<Store, StoreError> {
        Self::from_db(sled::Config::new().path(path).cache_capacity(cache_bytes).open()?)
    }

    /// A store that lives only as long as this value (for tests and the explorer).
    pub fn temporary() -> Result<Store, StoreError> {
        Self::from_db(sled::Config::new().temporary(true).open()?)
    }

    fn from_db(db: sled::Db) -> Result<Store, StoreError> {
        let states = db.open_tree("states")?;
        let outbox = db.open_tree("outbox")?;
        let armed = db.open_tree("armed")?;
        Ok(Store { db, states, outbox, armed })
    }

    /// The machine's last committed step number and state, if it has one.
    pub fn state(&self, machine: &[u8]) -> Result<Option<(u64, Vec<u8>)>, StoreError> {
        let Some(v) = self.states.get(machine_prefix(machine))? else { return Ok(None) };
        decode_state_value(&v).map(Some)
    }

    /// Atomically stores the machine's next state and the effects of the step
    /// that produced it, then flushes to disk. Returns the step number.
    pub fn commit_step(&self, machine: &[u8], state: &[u8], effects: &[Vec<u8>]) -> Result<u64, StoreError> {
        let key = machine_prefix(machine);
        let step = (&self.states, &self.outbox).transaction(|(states, outbox)| {
            let step = match states.get(&key)? {
                Some(v) => decode_state_value(&v).map_err(ConflictableTransactionError::Abort)?.0 + 1,
                None => 0,
            };
            let mut value = Vec::with_capacity(9 + state.len());
            value.push(VERSION);
            value.extend_from_slice(&step.to_be_bytes());
            value.extend_from_slice(state);
            states.insert(key.as_slice(), value)?;
            for (i, e) in effects.iter().enumerate() {
                let id = EffectId { machine: machine.to_vec(), step, index: i as u16 };
                let mut v = Vec::with_capacity(1 + e.len());
                v.push(VERSION);
                v.extend_from_slice(e);
                outbox.insert(id.key(), v)?;
            }
            Ok(step)
        })?;
        self.db.flush()?;
        Ok(step)
    }

    /// The effects committed for `machine` and not yet marked done, in order.
    pub fn outbox(&self, machine: &[u8]) -> Result<Vec<(EffectId, Vec<u8>)>, StoreError> {
        scan(&self.outbox, machine)
    }

    /// Marks an effect performed; it will not be replayed again.
    pub fn done(&self, id: &EffectId) -> Result<(), StoreError> {
        self.outbox.remove(id.key())?;
        self.db.flush()?;
        Ok(())
    }

    /// The host has set up the standing effect `id` (a chain watch, a
    /// timer): it leaves the outbox and is kept, in the same transaction,
    /// among the armed effects until it has fired into the machine or been
    /// cancelled ([`Store::disarm`]).
    pub fn arm(&self, id: &EffectId) -> Result<(), StoreError> {
        let key = id.key();
        (&self.outbox, &self.armed).transaction(|(outbox, armed)| {
            let Some(v) = outbox.remove(key.as_slice())? else {
                return Err(ConflictableTransactionError::Abort(StoreError::Corrupt("arming an effect not in the outbox")));
            };
            armed.insert(key.as_slice(), v)?;
            Ok(())
        })?;
        self.db.flush()?;
        Ok(())
    }

    /// The armed effects of `machine`, in the order they were decided.
    pub fn armed(&self, machine: &[u8]) -> Result<Vec<(EffectId, Vec<u8>)>, StoreError> {
        scan(&self.armed, machine)
    }

    /// The armed effect fired into the machine (or was cancelled): forget it.
    pub fn disarm(&self, id: &EffectId) -> Result<(), StoreError> {
        self.armed.remove(id.key())?;
        self.db.flush()?;
        Ok(())
    }
}

/// The entries of `machine` in an effect-keyed tree, in key order.
fn scan(tree: &sled::Tree, machine: &[u8]) -> Result<Vec<(EffectId, Vec<u8>)>, StoreError> {
    let prefix = machine_prefix(machine);
    let mut out = Vec::new();
    for item in tree.scan_prefix(&prefix) {
        let (k, v) = item?;
        let rest = k.get(prefix.len()..).ok_or(StoreError::Corrupt("effect key"))?;
        if rest.len() != 10 {
            return Err(StoreError::Corrupt("effect key"));
        }
        let mut step = [0u8; 8];
        step.copy_from_slice(&rest[..8]);
        let index = u16::from_be_bytes([rest[8], rest[9]]);
        match v.first() {
            Some(&VERSION) => {}
            Some(&other) => return Err(StoreError::UnknownVersion(other)),
            None => return Err(StoreError::Corrupt("empty effect entry")),
        }
        out.push((EffectId { machine: machine.to_vec(), step: u64::from_be_bytes(step), index }, v[1..].to_vec()));
    }
    Ok(out)
}

fn decode_state_value(v: &[u8]) -> Result<(u64, Vec<u8>), StoreError> {
    match v.first() {
        Some(&VERSION) => {}
        Some(&other) => return Err(StoreError::UnknownVersion(other)),
        None => return Err(StoreError::Corrupt("empty state")),
    }
    let step = v.get(1..9).ok_or(StoreError::Corrupt("state header"))?;
    let mut s = [0u8; 8];
    s.copy_from_slice(step);
    Ok((u64::from_be_bytes(s), v[9..].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_commits_state_and_effects_together() {
        let store = Store::temporary().expect("store");
        assert_eq!(store.state(b"m").expect("read"), None);
        assert_eq!(store.commit_step(b"m", b"s0", &[b"e1".to_vec(), b"e2".to_vec()]).expect("commit"), 0);
        assert_eq!(store.commit_step(b"m", b"s1", &[b"e3".to_vec()]).expect("commit"), 1);
        assert_eq!(store.state(b"m").expect("read"), Some((1, b"s1".to_vec())));
        let out = store.outbox(b"m").expect("outbox");
        let effects: Vec<&[u8]> = out.iter().map(|(_, e)| e.as_slice()).collect();
        assert_eq!(effects, [b"e1".as_slice(), b"e2", b"e3"]);
        store.done(&out[0].0).expect("done");
        assert_eq!(store.outbox(b"m").expect("outbox").len(), 2);
        // Machines do not see each other's entries, even with prefix-like ids.
        store.commit_step(b"mm", b"x", &[b"y".to_vec()]).expect("commit");
        assert_eq!(store.outbox(b"m").expect("outbox").len(), 2);
    }

    #[test]
    fn an_armed_watch_leaves_the_outbox_and_survives_until_disarmed() {
        let dir = tempfile::tempdir().expect("dir");
        let id = {
            let store = Store::open(dir.path()).expect("store");
            store.commit_step(b"m", b"s0", &[b"watch".to_vec(), b"send".to_vec()]).expect("commit");
            let out = store.outbox(b"m").expect("outbox");
            store.arm(&out[0].0).expect("arm");
            assert!(matches!(store.arm(&out[0].0), Err(StoreError::Corrupt(_))), "armed twice");
            out[0].0.clone()
        };
        let store = Store::open(dir.path()).expect("reopen");
        assert_eq!(store.outbox(b"m").expect("outbox").len(), 1);
        assert_eq!(store.armed(b"m").expect("armed"), vec![(id.clone(), b"watch".to_vec())]);
        store.disarm(&id).expect("disarm");
        assert!(store.armed(b"m").expect("armed").is_empty());
    }
}
