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
}
