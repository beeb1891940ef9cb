//! Runs one machine against the store: persist the step, then hand the
//! effects to the host; on restart, resume the state and replay what was
//! decided but not yet done.
//!
//! The driver does no I/O besides the store: performing effects (sending,
//! broadcasting, watching, notifying) is the host's job, which reports each
//! one done with [`Driver::performed`].
//!
//! [`Driver::handle`] flushes every step to disk. A host that steps many
//! machines before any effect leaves the process (group commit) keeps each
//! machine's state itself, picks the machine up with [`Driver::resume`]
//! (nothing read or decoded), steps it with [`Driver::stage`] (nothing
//! encoded or written but the effects), gives each stepped machine's state
//! once with [`Driver::stage_state`], and makes the whole group durable with
//! one [`Store::sync`] before any effect leaves the process.

use crate::machine::Machine;
use crate::rt::{Context, Entropy, Point, Reject, Secret, SignError, Signature, Signer, Tx};
use crate::store::{EffectId, Store, StoreError};
use crate::wire::WireError;

#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    #[error("input rejected: {0}")]
    Rejected(Reject),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("stored data cannot be decoded: {0}")]
    Decode(WireError),
    #[error("a value cannot be encoded for the store: {0}")]
    Encode(WireError),
}

/// Effects decided by a step, each with its stable id.
pub type Decided<M> = Vec<(EffectId, <M as Machine>::Effect)>;

pub struct Driver<'s, M: Machine> {
    store: &'s Store,
    id: Vec<u8>,
    state: M::State,
}

impl<'s, M: Machine> Driver<'s, M> {
    /// Opens machine `id`: its stored state, or `initial` for a new machine,
    /// and the effects committed earlier but not yet performed.
    pub fn open(store: &'s Store, id: &[u8], initial: M::State) -> Result<(Self, Decided<M>), DriverError> {
        let state = match store.state(id)? {
            Some((_, bytes)) => M::decode_state(&bytes).map_err(DriverError::Decode)?,
            None => initial,
        };
        let pending = store
            .outbox(id)?
            .into_iter()
            .map(|(eid, bytes)| M::decode_effect(&bytes).map(|e| (eid, e)).map_err(DriverError::Decode))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((Driver { store, id: id.to_vec(), state }, pending))
    }

    /// Machine `id` in `state`, which the caller holds as the store last
    /// recorded it (from [`Driver::open`], [`Driver::into_state`] or
    /// [`Driver::state`]): nothing is read.
    pub fn resume(store: &'s Store, id: &[u8], state: M::State) -> Self {
        Driver { store, id: id.to_vec(), state }
    }

    pub fn state(&self) -> &M::State {
        &self.state
    }

    /// The machine's current state (the new one after a step, the old one
    /// after a reject).
    pub fn into_state(self) -> M::State {
        self.state
    }

    /// Steps the machine. On success the new state and the effects are on
    /// disk before they are returned (with anything staged before); on a
    /// reject nothing is written.
    pub fn handle<C: Context>(
        &mut self,
        input: M::Input,
        env: &M::Env,
        ctx: &mut C,
    ) -> Result<Decided<M>, DriverError> {
        let decided = self.stage(input, env, ctx)?;
        Self::stage_state(self.store, &self.id, &self.state)?;
        self.store.sync()?;
        Ok(decided)
    }

    /// As [`Driver::handle`], but the step only joins the store's group:
    /// its effects are staged, its state is not even encoded — the caller
    /// gives the machine's state with [`Driver::stage_state`] before the
    /// next [`Store::sync`] (which fails otherwise), and lets none of the
    /// returned effects leave the process before that sync.
    pub fn stage<C: Context>(
        &mut self,
        input: M::Input,
        env: &M::Env,
        ctx: &mut C,
    ) -> Result<Decided<M>, DriverError> {
        let mut reader = StoreContext { ctx, store: self.store, machine: &self.id };
        let (mut next, effects) = M::step(self.state.clone(), input, env, &mut reader).map_err(DriverError::Rejected)?;
        for a in M::take_archived(&mut next).map_err(DriverError::Encode)? {
            self.store.stage_archived(&self.id, a.archive, &a.key, &a.value);
        }
        let effect_bytes = effects.iter().map(M::encode_effect).collect::<Result<Vec<_>, _>>().map_err(DriverError::Encode)?;
        let step = self.store.stage_effects(&self.id, &effect_bytes)?;
        self.state = next;
        Ok(effects
            .into_iter()
            .enumerate()
            .map(|(i, e)| (EffectId { machine: self.id.clone(), step, index: i as u16 }, e))
            .collect())
    }

    /// Gives the store machine `id`'s `state` after its last staged step,
    /// encoded once however many steps the group holds.
    pub fn stage_state(store: &Store, id: &[u8], state: &M::State) -> Result<(), DriverError> {
        store.stage_state(id, &M::encode_state(state).map_err(DriverError::Encode)?);
        Ok(())
    }

    /// The host performed this effect; it will not be replayed once the
    /// store is next flushed (a crash before that replays it).
    pub fn performed(&self, id: &EffectId) -> Result<(), DriverError> {
        Ok(self.store.done(id)?)
    }

    /// The host set up the standing effect `id` (a watch, a timer); it stays
    /// stored, and returned by [`Driver::armed`] after a restart, until
    /// [`Driver::disarm`].
    pub fn arm(&self, id: &EffectId) -> Result<(), DriverError> {
        Ok(self.store.arm(id)?)
    }

    /// The watches and timers set up and not yet disarmed, to set up again
    /// after a restart.
    pub fn armed(&self) -> Result<Decided<M>, DriverError> {
        self.store
            .armed(&self.id)?
            .into_iter()
            .map(|(eid, bytes)| M::decode_effect(&bytes).map(|e| (eid, e)).map_err(DriverError::Decode))
            .collect()
    }

    /// The watch's event or the timer was handled (or refused) by the
    /// machine, or a `StopTimer` cancelled the timer: forget it.
    /// Between handling and disarming a crash re-delivers the event, which a
    /// machine that has moved on rejects as unexpected.
    pub fn disarm(&self, id: &EffectId) -> Result<(), DriverError> {
        Ok(self.store.disarm(id)?)
    }
}

/// The host's context, with the machine's archived entries read from the
/// store: what a machine stepped by a driver sees.
struct StoreContext<'a, C> {
    ctx: &'a mut C,
    store: &'a Store,
    machine: &'a [u8],
}

impl<C: Context> Signer for StoreContext<'_, C> {
    fn sign(&mut self, tx: &Tx, input: u32, key: &Point) -> Result<Signature, SignError> {
        self.ctx.sign(tx, input, key)
    }
    fn sign_derived(&mut self, tx: &Tx, input: u32, basepoint: &Point, per_commitment_point: &Point) -> Result<Signature, SignError> {
        self.ctx.sign_derived(tx, input, basepoint, per_commitment_point)
    }
    fn sign_revocation(&mut self, tx: &Tx, input: u32, revocation_basepoint: &Point, per_commitment_secret: &Secret) -> Result<Signature, SignError> {
        self.ctx.sign_revocation(tx, input, revocation_basepoint, per_commitment_secret)
    }
    fn per_commitment_point(&mut self, index: u64) -> Point {
        self.ctx.per_commitment_point(index)
    }
    fn per_commitment_secret(&mut self, index: u64) -> Secret {
        self.ctx.per_commitment_secret(index)
    }
    fn revocation_pubkey(&mut self, revocation_basepoint: &Point, per_commitment_point: &Point) -> Result<Point, crate::keys::KeyError> {
        self.ctx.revocation_pubkey(revocation_basepoint, per_commitment_point)
    }
}

impl<C: Context> Entropy for StoreContext<'_, C> {
    fn random32(&mut self) -> [u8; 32] {
        self.ctx.random32()
    }
}

impl<C: Context> Context for StoreContext<'_, C> {
    fn chain_height(&self) -> u32 {
        self.ctx.chain_height()
    }
    fn archived(&mut self, archive: &'static str, key: &[u8]) -> Result<Option<Vec<u8>>, String> {
        self.store.archived(self.machine, archive, key).map_err(|e| e.to_string())
    }
}
