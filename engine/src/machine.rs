//! What the engine needs of a generated protocol: its step function and the
//! encodings of its states and effects. Generated modules implement
//! [`Machine`]; the [`crate::driver`] runs any of them against the store.

use crate::rt::{Context, Reject};
use crate::wire::WireError;

pub trait Machine {
    type State: Clone + std::fmt::Debug + PartialEq;
    type Input: Clone + std::fmt::Debug;
    type Effect: Clone + std::fmt::Debug + PartialEq;
    type Env;

    fn step<C: Context>(state: Self::State, input: Self::Input, env: &Self::Env, ctx: &mut C)
        -> Result<(Self::State, Vec<Self::Effect>), Reject>;
    fn encode_state(state: &Self::State) -> Result<Vec<u8>, WireError>;
    fn decode_state(bytes: &[u8]) -> Result<Self::State, WireError>;
    fn encode_effect(effect: &Self::Effect) -> Result<Vec<u8>, WireError>;
    fn decode_effect(bytes: &[u8]) -> Result<Self::Effect, WireError>;
    /// Takes the entries put into the state's `archive` fields since they
    /// were last taken, encoded: (archive name, key, value), oldest first.
    /// The driver stores them, and the state no longer holds them.
    fn take_archived(state: &mut Self::State) -> Result<Vec<Archived>, WireError> {
        let _ = state;
        Ok(Vec::new())
    }
}

/// One entry of an `archive` field, encoded for the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archived {
    pub archive: &'static str,
    pub key: Vec<u8>,
    pub value: Vec<u8>,
}
