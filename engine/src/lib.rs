//! lnp-engine: the generic, sans-IO runtime for lnp protocol machines.
pub mod rt;
pub mod soft;
pub mod wire;
pub mod keys;
