//! lnp-engine: the generic runtime for lnp protocol machines.
//!
//! - [`rt`]: the vocabulary generated machines are written in (checked
//!   amounts, builtins, scripts, template transactions, effects, rejects and
//!   the [`rt::Context`] through which keys, the chain height and randomness
//!   arrive);
//! - [`wire`]: the BOLT 1 codec; [`keys`]: BOLT 3 keys and secrets;
//!   [`gmul`]: multiples of the generator for public scalars, from a table;
//! - [`machine`]: what a generated protocol provides; [`driver`] and
//!   [`store`]: a machine run against sled, persisting each step and its
//!   effects before they happen;
//! - [`soft`]: an in-memory software signer implementing the context;
//! - [`chain_view`]: what a chain backend answers, and the watches a host
//!   polls against it to feed machines their chain events; [`timers`]: the
//!   host's clock and the timers machines start.
//!
//! Only [`store`] touches the disk; everything else is sans-IO.
pub mod rt;
pub mod soft;
pub mod wire;
pub mod keys;
pub mod gmul;
pub mod machine;
pub mod driver;
pub mod store;
pub mod explore;
pub mod chain_view;
pub mod timers;
