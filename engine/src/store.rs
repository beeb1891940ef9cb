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
//!
//! Group commit: a host that steps many machines before any of their
//! effects leaves the process stages each step ([`Store::stage_step`], or
//! [`Store::stage_effects`] now and [`Store::stage_state`] once at the end)
//! and calls [`Store::sync`] once: the group's steps and effect changes are
//! kept in memory, then written in one sled transaction and one flush. A
//! machine stepped many times in a group is written once; an effect staged
//! and performed in the same group is never written. A crash before the
//! sync loses the whole group and nothing it decided left the process; a
//! crash after it loses nothing. Marking effects done, armed or disarmed
//! joins the group too: a crash before the next sync performs such an
//! effect again, which at-least-once already allows.

use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

const VERSION: u8 = 1;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store: {0}")]
    Sled(#[from] sled::Error),
    #[error("a stored value has format version {0}, which this build does not read")]
    UnknownVersion(u8),
    #[error("a stored value is damaged: {0}")]
    Corrupt(&'static str),
    #[error("a machine's step was staged without its state")]
    StateNotStaged,
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
    /// What machines put into their `archive` fields ([`Store::stage_archived`]),
    /// keyed by machine, archive name and entry key.
    archives: sled::Tree,
    /// What was staged since the last [`Store::sync`], not yet in sled.
    group: Mutex<Group>,
    /// Flushes to disk so far ([`Store::syncs`]).
    syncs: AtomicU64,
}

/// The writes of a group commit, kept in memory until [`Store::sync`]
/// writes them in one sled transaction: a machine stepped many times in the
/// group is written once, and an effect staged and performed in the group
/// is never written at all.
#[derive(Default)]
struct Group {
    /// Per machine key: its last staged step and that step's state (stored
    /// form, version first), once given.
    states: BTreeMap<Vec<u8>, (u64, Option<Vec<u8>>)>,
    /// Per effect key: the entry to insert (stored form), or `None` to remove.
    outbox: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
    armed: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
    /// Per archive entry key: its value (stored form), or `None` to remove.
    archives: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
}

impl Group {
    fn is_empty(&self) -> bool {
        self.states.is_empty() && self.outbox.is_empty() && self.armed.is_empty() && self.archives.is_empty()
    }
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
        let archives = db.open_tree("archives")?;
        Ok(Store { db, states, outbox, armed, archives, group: Mutex::new(Group::default()), syncs: AtomicU64::new(0) })
    }

    fn group(&self) -> MutexGuard<'_, Group> {
        // Every change to the group is one statement: a panic elsewhere
        // while holding the lock leaves it consistent.
        self.group.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The machine's last step number and state, if it has one (a staged
    /// step included, once its state is given).
    pub fn state(&self, machine: &[u8]) -> Result<Option<(u64, Vec<u8>)>, StoreError> {
        let key = machine_prefix(machine);
        if let Some((step, state)) = self.group().states.get(&key) {
            let state = state.as_ref().ok_or(StoreError::StateNotStaged)?;
            return Ok(Some((*step, state[9..].to_vec())));
        }
        let Some(v) = self.states.get(key)? else { return Ok(None) };
        decode_state_value(&v).map(Some)
    }

    /// Atomically stores the machine's next state and the effects of the step
    /// that produced it, then flushes to disk (with anything staged before).
    /// Returns the step number.
    pub fn commit_step(&self, machine: &[u8], state: &[u8], effects: &[Vec<u8>]) -> Result<u64, StoreError> {
        let step = self.stage_step(machine, state, effects)?;
        self.sync()?;
        Ok(step)
    }

    /// As [`Store::commit_step`] without writing: the step joins the group
    /// that the next [`Store::sync`] writes and flushes as one transaction.
    /// Until then none of its effects may leave the process.
    pub fn stage_step(&self, machine: &[u8], state: &[u8], effects: &[Vec<u8>]) -> Result<u64, StoreError> {
        let step = self.stage_effects(machine, effects)?;
        self.stage_state(machine, state);
        Ok(step)
    }

    /// Stages a step's effects, its state to follow ([`Store::stage_state`])
    /// before the next sync — a machine stepped many times in a group is
    /// encoded once. Returns the step number.
    pub fn stage_effects(&self, machine: &[u8], effects: &[Vec<u8>]) -> Result<u64, StoreError> {
        let key = machine_prefix(machine);
        let mut group = self.group();
        let step = match group.states.get(&key) {
            Some((step, _)) => step + 1,
            None => match self.states.get(&key)? {
                Some(v) => decode_state_value(&v)?.0 + 1,
                None => 0,
            },
        };
        for (i, e) in effects.iter().enumerate() {
            let id = EffectId { machine: machine.to_vec(), step, index: i as u16 };
            group.outbox.insert(id.key(), Some(versioned(e)));
        }
        group.states.insert(key, (step, None));
        Ok(step)
    }

    /// The state of the machine's last staged step. A machine with no step
    /// staged since the last sync has its state stored already: nothing to do.
    pub fn stage_state(&self, machine: &[u8], state: &[u8]) {
        if let Some((step, slot)) = self.group().states.get_mut(&machine_prefix(machine)) {
            let mut value = Vec::with_capacity(9 + state.len());
            value.push(VERSION);
            value.extend_from_slice(&step.to_be_bytes());
            value.extend_from_slice(state);
            *slot = Some(value);
        }
    }

    /// Writes everything staged since the last sync in one transaction and
    /// flushes to disk: one flush however many steps the group holds.
    /// Fails, writing nothing, if a staged step's state was never given.
    pub fn sync(&self) -> Result<(), StoreError> {
        let mut group = self.group();
        if !group.is_empty() {
            if group.states.values().any(|(_, state)| state.is_none()) {
                return Err(StoreError::StateNotStaged);
            }
            let g = &*group;
            (&self.states, &self.outbox, &self.armed, &self.archives).transaction(|(states, outbox, armed, archives)| {
                for (key, (_, state)) in &g.states {
                    if let Some(state) = state {
                        states.insert(key.as_slice(), state.as_slice())?;
                    }
                }
                for (tree, changes) in [(outbox, &g.outbox), (armed, &g.armed)] {
                    for (key, change) in changes {
                        match change {
                            Some(v) => tree.insert(key.as_slice(), v.as_slice())?,
                            None => tree.remove(key.as_slice())?,
                        };
                    }
                }
                for (key, change) in &g.archives {
                    match change {
                        Some(v) => archives.insert(key.as_slice(), v.as_slice())?,
                        None => archives.remove(key.as_slice())?,
                    };
                }
                Ok::<_, ConflictableTransactionError<StoreError>>(())
            })?;
            *group = Group::default();
        }
        drop(group);
        self.db.flush()?;
        self.syncs.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Stages an entry of the machine's archive `archive` (a state field
    /// of type `archive<K, V>`): `value` under `key`, replacing what the
    /// key held. It joins the group like a step: written at the next
    /// [`Store::sync`], readable with [`Store::archived`] at once.
    pub fn stage_archived(&self, machine: &[u8], archive: &str, key: &[u8], value: &[u8]) {
        self.group().archives.insert(archive_key(machine, archive, key), Some(versioned(value)));
    }

    /// Stages the removal of every archived entry of the machine (a closed
    /// channel can no longer be cheated nor claim on chain).
    pub fn forget_archives(&self, machine: &[u8]) -> Result<(), StoreError> {
        let prefix = machine_prefix(machine);
        let mut keys = Vec::new();
        for item in self.archives.scan_prefix(&prefix) {
            keys.push(item?.0.to_vec());
        }
        let mut group = self.group();
        let staged: Vec<Vec<u8>> = group.archives.range(prefix.clone()..).take_while(|(k, _)| k.starts_with(&prefix)).map(|(k, _)| k.clone()).collect();
        for k in keys.into_iter().chain(staged) {
            group.archives.insert(k, None);
        }
        Ok(())
    }

    /// The value the machine's archive `archive` holds under `key` (staged
    /// entries included).
    pub fn archived(&self, machine: &[u8], archive: &str, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        let k = archive_key(machine, archive, key);
        let stored = match self.group().archives.get(&k) {
            Some(change) => change.clone(),
            None => self.archives.get(&k)?.map(|v| v.to_vec()),
        };
        let Some(v) = stored else { return Ok(None) };
        match v.first() {
            Some(&VERSION) => Ok(Some(v[1..].to_vec())),
            Some(&other) => Err(StoreError::UnknownVersion(other)),
            None => Err(StoreError::Corrupt("empty archive entry")),
        }
    }

    /// Stages into `to` every archived entry of the machine (a backup of a
    /// machine is its state and its archives); `to` writes them at its next
    /// sync. Returns how many entries were copied.
    pub fn copy_archives(&self, machine: &[u8], to: &Store) -> Result<usize, StoreError> {
        let prefix = machine_prefix(machine);
        let mut entries: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
        for item in self.archives.scan_prefix(&prefix) {
            let (k, v) = item?;
            entries.insert(k.to_vec(), v.to_vec());
        }
        for (k, change) in self.group().archives.range(prefix.clone()..).take_while(|(k, _)| k.starts_with(&prefix)) {
            match change {
                Some(v) => entries.insert(k.clone(), v.clone()),
                None => entries.remove(k),
            };
        }
        let n = entries.len();
        to.group().archives.extend(entries.into_iter().map(|(k, v)| (k, Some(v))));
        Ok(n)
    }

    /// How many times this store was flushed to disk since it was opened.
    pub fn syncs(&self) -> u64 {
        self.syncs.load(Ordering::Relaxed)
    }

    /// The effects committed or staged for `machine` and not yet marked
    /// done, in order.
    pub fn outbox(&self, machine: &[u8]) -> Result<Vec<(EffectId, Vec<u8>)>, StoreError> {
        scan(&self.outbox, &self.group().outbox, machine)
    }

    /// Marks an effect performed: it will not be replayed once the group
    /// is synced (an effect staged and performed in the same group is never
    /// written). A crash before the sync replays it — at least once.
    pub fn done(&self, id: &EffectId) -> Result<(), StoreError> {
        let key = id.key();
        let mut group = self.group();
        match group.outbox.get(&key) {
            Some(Some(_)) => {
                group.outbox.remove(&key);
            }
            Some(None) => {}
            None => {
                group.outbox.insert(key, None);
            }
        }
        Ok(())
    }

    /// The host has set up the standing effect `id` (a chain watch, a
    /// timer): it leaves the outbox and is kept, in the same group, among
    /// the armed effects until it has fired into the machine or been
    /// cancelled ([`Store::disarm`]).
    pub fn arm(&self, id: &EffectId) -> Result<(), StoreError> {
        let key = id.key();
        let mut group = self.group();
        let value = match group.outbox.get(&key) {
            Some(Some(_)) => group.outbox.remove(&key).flatten().ok_or(StoreError::Corrupt("arming an effect not in the outbox"))?,
            Some(None) => return Err(StoreError::Corrupt("arming an effect not in the outbox")),
            None => {
                let v = self.outbox.get(&key)?.ok_or(StoreError::Corrupt("arming an effect not in the outbox"))?.to_vec();
                group.outbox.insert(key.clone(), None);
                v
            }
        };
        group.armed.insert(key, Some(value));
        Ok(())
    }

    /// The armed effects of `machine`, in the order they were decided.
    pub fn armed(&self, machine: &[u8]) -> Result<Vec<(EffectId, Vec<u8>)>, StoreError> {
        scan(&self.armed, &self.group().armed, machine)
    }

    /// The armed effect fired into the machine (or was cancelled): forget it
    /// (durably with the next sync; a crash before it re-arms the effect).
    pub fn disarm(&self, id: &EffectId) -> Result<(), StoreError> {
        let key = id.key();
        let mut group = self.group();
        match group.armed.get(&key) {
            Some(Some(_)) => {
                group.armed.remove(&key);
            }
            Some(None) => {}
            None => {
                group.armed.insert(key, None);
            }
        }
        Ok(())
    }
}

fn versioned(e: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(1 + e.len());
    v.push(VERSION);
    v.extend_from_slice(e);
    v
}

/// `machine_prefix(machine) || len(archive) as u8 || archive || key`.
fn archive_key(machine: &[u8], archive: &str, key: &[u8]) -> Vec<u8> {
    let mut k = machine_prefix(machine);
    k.push(archive.len().min(255) as u8);
    k.extend_from_slice(&archive.as_bytes()[..archive.len().min(255)]);
    k.extend_from_slice(key);
    k
}

/// The entries of `machine` in an effect-keyed tree, with the group's
/// changes to it, in key order.
fn scan(tree: &sled::Tree, group: &BTreeMap<Vec<u8>, Option<Vec<u8>>>, machine: &[u8]) -> Result<Vec<(EffectId, Vec<u8>)>, StoreError> {
    let prefix = machine_prefix(machine);
    let mut entries = BTreeMap::new();
    for item in tree.scan_prefix(&prefix) {
        let (k, v) = item?;
        entries.insert(k.to_vec(), v.to_vec());
    }
    for (k, change) in group.range(prefix.clone()..).take_while(|(k, _)| k.starts_with(&prefix)) {
        match change {
            Some(v) => entries.insert(k.clone(), v.clone()),
            None => entries.remove(k),
        };
    }
    let mut out = Vec::with_capacity(entries.len());
    for (k, v) in entries {
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

    /// Opens the store in `dir` again, waiting for the previous handle's
    /// background flusher to let go of the file lock (sled releases it a
    /// moment after the last handle is dropped).
    fn reopen(dir: &Path) -> Store {
        for _ in 0..100 {
            match Store::open(dir) {
                Ok(store) => return store,
                Err(StoreError::Sled(sled::Error::Io(e))) if e.to_string().contains("could not acquire lock") => {
                    std::thread::sleep(std::time::Duration::from_millis(20))
                }
                Err(e) => panic!("reopen: {e}"),
            }
        }
        panic!("the store's lock was never released");
    }

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
    fn archived_entries_join_the_group_and_are_per_machine_and_archive() {
        let dir = tempfile::tempdir().expect("dir");
        {
            let store = Store::open(dir.path()).expect("store");
            store.stage_archived(b"m", "a", b"k1", b"lost");
            assert_eq!(store.archived(b"m", "a", b"k1").expect("read"), Some(b"lost".to_vec()), "staged entries are read");
            // Crash before the sync.
        }
        {
            let store = reopen(dir.path());
            assert_eq!(store.archived(b"m", "a", b"k1").expect("read"), None, "an unsynced entry is lost with its group");
            store.stage_archived(b"m", "a", b"k1", b"v1");
            store.stage_archived(b"m", "a", b"k1", b"v2");
            store.stage_archived(b"m", "b", b"k1", b"other archive");
            store.stage_archived(b"mm", "a", b"k1", b"other machine");
            store.sync().expect("sync");
        }
        let store = reopen(dir.path());
        assert_eq!(store.archived(b"m", "a", b"k1").expect("read"), Some(b"v2".to_vec()), "the last put wins");
        assert_eq!(store.archived(b"m", "b", b"k1").expect("read"), Some(b"other archive".to_vec()));
        assert_eq!(store.archived(b"mm", "a", b"k1").expect("read"), Some(b"other machine".to_vec()));
        assert_eq!(store.archived(b"m", "a", b"k2").expect("read"), None);
        assert_eq!(store.state(b"m").expect("read"), None, "archives are no state");
        store.stage_archived(b"m", "a", b"k3", b"staged");
        store.forget_archives(b"m").expect("forget");
        assert_eq!(store.archived(b"m", "a", b"k3").expect("read"), None, "staged entries are forgotten");
        store.sync().expect("sync");
        drop(store);
        let store = reopen(dir.path());
        assert_eq!(store.archived(b"m", "a", b"k1").expect("read"), None, "stored entries are forgotten");
        assert_eq!(store.archived(b"m", "b", b"k1").expect("read"), None);
        assert_eq!(store.archived(b"mm", "a", b"k1").expect("read"), Some(b"other machine".to_vec()), "other machines keep theirs");
    }

    #[test]
    fn a_group_is_written_whole_at_its_sync_or_lost_whole_before() {
        let dir = tempfile::tempdir().expect("dir");
        {
            let store = Store::open(dir.path()).expect("store");
            store.stage_step(b"a", b"a0", &[b"send".to_vec()]).expect("stage");
            assert_eq!(store.state(b"a").expect("read"), Some((0, b"a0".to_vec())), "a staged step is read back");
            // Crash: dropped before the sync.
        }
        {
            let store = reopen(dir.path());
            assert_eq!(store.state(b"a").expect("read"), None, "nothing of an unsynced group survives");
            for (i, m) in [b"a".as_slice(), b"b", b"a"].into_iter().enumerate() {
                store.stage_step(m, &[i as u8], &[vec![i as u8]]).expect("stage");
            }
            assert_eq!(store.syncs(), 0, "staging does not flush");
            store.sync().expect("sync");
            assert_eq!(store.syncs(), 1);
        }
        let store = reopen(dir.path());
        assert_eq!(store.state(b"a").expect("read"), Some((1, vec![2])), "a machine's last step");
        assert_eq!(store.state(b"b").expect("read"), Some((0, vec![1])));
        let effects: Vec<Vec<u8>> = store.outbox(b"a").expect("outbox").into_iter().map(|(_, e)| e).collect();
        assert_eq!(effects, [vec![0u8], vec![2]]);
    }

    #[test]
    fn effects_performed_in_their_group_are_never_written_and_armed_ones_are() {
        let dir = tempfile::tempdir().expect("dir");
        let armed = {
            let store = Store::open(dir.path()).expect("store");
            let step = store.stage_effects(b"m", &[b"send".to_vec(), b"watch".to_vec(), b"emit".to_vec()]).expect("stage");
            let id = |index| EffectId { machine: b"m".to_vec(), step, index };
            store.done(&id(0)).expect("done");
            store.arm(&id(1)).expect("arm");
            assert_eq!(store.outbox(b"m").expect("outbox"), vec![(id(2), b"emit".to_vec())]);
            assert!(matches!(store.sync(), Err(StoreError::StateNotStaged)), "a step's state is needed before the sync");
            store.stage_state(b"m", b"s0");
            store.sync().expect("sync");
            // A later group disarms the watch and performs the rest.
            store.done(&id(2)).expect("done");
            id(1)
        };
        let store = reopen(dir.path());
        assert_eq!(store.state(b"m").expect("read"), Some((0, b"s0".to_vec())));
        assert_eq!(store.armed(b"m").expect("armed"), vec![(armed.clone(), b"watch".to_vec())]);
        assert_eq!(store.outbox(b"m").expect("outbox").len(), 1, "the unsynced done is replayed");
        store.disarm(&armed).expect("disarm");
        store.done(&EffectId { machine: b"m".to_vec(), step: 0, index: 2 }).expect("done");
        store.sync().expect("sync");
        drop(store);
        let store = reopen(dir.path());
        assert!(store.armed(b"m").expect("armed").is_empty());
        assert!(store.outbox(b"m").expect("outbox").is_empty());
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
            store.sync().expect("sync");
            out[0].0.clone()
        };
        let store = reopen(dir.path());
        assert_eq!(store.outbox(b"m").expect("outbox").len(), 1);
        assert_eq!(store.armed(b"m").expect("armed"), vec![(id.clone(), b"watch".to_vec())]);
        store.disarm(&id).expect("disarm");
        assert!(store.armed(b"m").expect("armed").is_empty());
    }
}
