//! Runs one machine against the store: persist the step, then hand the
//! effects to the host; on restart, resume the state and replay what was
//! decided but not yet done.
//!
//! The driver does no I/O besides the store: performing effects (sending,
//! broadcasting, watching, notifying) is the host's job, which reports each
//! one done with [`Driver::performed`].

use crate::machine::Machine;
use crate::rt::{Context, Reject};
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

    pub fn state(&self) -> &M::State {
        &self.state
    }

    /// Steps the machine. On success the new state and the effects are on
    /// disk before they are returned; on a reject nothing is written.
    pub fn handle<C: Context>(
        &mut self,
        input: M::Input,
        env: &M::Env,
        ctx: &mut C,
    ) -> Result<Decided<M>, DriverError> {
        let (next, effects) = M::step(self.state.clone(), input, env, ctx).map_err(DriverError::Rejected)?;
        let state_bytes = M::encode_state(&next).map_err(DriverError::Encode)?;
        let effect_bytes = effects.iter().map(M::encode_effect).collect::<Result<Vec<_>, _>>().map_err(DriverError::Encode)?;
        let step = self.store.commit_step(&self.id, &state_bytes, &effect_bytes)?;
        self.state = next;
        Ok(effects
            .into_iter()
            .enumerate()
            .map(|(i, e)| (EffectId { machine: self.id.clone(), step, index: i as u16 }, e))
            .collect())
    }

    /// The host performed this effect; it will not be replayed.
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
