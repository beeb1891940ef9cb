//! `lnp-chain`: an embedded, deterministic, regtest-shaped Bitcoin chain that lnp's
//! tests and demo use in place of bitcoind.
//!
//! [`EmbeddedChain`] holds a UTXO set, a mempool and an active chain of real
//! [`bitcoin::Block`]s starting at Bitcoin's regtest genesis. Blocks are produced on
//! demand ([`EmbeddedChain::mine`], [`EmbeddedChain::mine_block`]) with a coinbase
//! paying the regtest subsidy (50 BTC halving every 150 blocks) plus fees to a script
//! of the caller's choosing. It is sans-IO: no clock (a block's time is the parent's
//! plus 600 s unless the caller gives one), no randomness, no threads; the same calls
//! always give the same hashes and events.
//!
//! # What is validated, for real
//!
//! Every submitted transaction, and every transaction a caller puts in a block:
//! - structure (Bitcoin Core's `CheckTransaction`): inputs and outputs present, no
//!   duplicate inputs, every output and their sum within 0..=21M BTC, not a coinbase,
//!   no null prevout, witness-stripped weight within the block limit;
//! - inputs exist (in the UTXO set, or as outputs of mempool transactions: unconfirmed
//!   parents are allowed), none already spent in the chain or the mempool (a
//!   [`RejectReason::DoubleSpend`] names the outpoint and the rival; no replace-by-fee),
//!   coinbase outputs only after 100 blocks, outputs not worth more than inputs;
//! - absolute lock time (height, or time against the median time past derived from
//!   block times) and BIP 68 relative locks (height- and time-based, for version >= 2),
//!   judged for the block the transaction would be mined in;
//! - every input's script, by Bitcoin Core's consensus verifier (libbitcoinconsensus via
//!   `bitcoin::consensus::verify_script_with_flags`) with the flags P2SH, DERSIG,
//!   NULLDUMMY, CHECKLOCKTIMEVERIFY, CHECKSEQUENCEVERIFY and WITNESS.
//!
//! # What is not validated, and why
//!
//! - **Taproot spends.** The `bitcoin` 0.32 crate links `bitcoinconsensus` 0.105.0+25.1
//!   (Bitcoin Core 25.1), which cannot verify taproot (no TAPROOT flag, no spent-outputs
//!   entry point). Spends of P2TR and future witness versions are refused with
//!   [`RejectReason::UnverifiableSpend`] instead of being accepted unverified.
//! - **Proof of work and difficulty.** Blocks carry regtest bits and a nonce meeting
//!   them (two hashes on average), but the chain only ever connects blocks it built
//!   itself, so nothing checks work and difficulty never adjusts; which branch is
//!   active is decided by the caller (`invalidate`, `reorg`), not by most work.
//! - **Signature-operation limits** are not counted. The block weight limit is honoured
//!   when filling blocks, but no other block-level limit is checked.
//! - **Relay policy**: no dust limit, fee floor, standardness, package limits or RBF.
//! - **Timestamps against a clock**: there is no clock; a block time only has to exceed
//!   its parent's median time past.
//!
//! # Reorgs and events
//!
//! [`EmbeddedChain::invalidate`] and [`EmbeddedChain::reorg`] disconnect blocks using
//! undo data, return their transactions to the mempool when still valid, and let the
//! caller mine a different branch. Every change is appended to an event log read with an
//! [`EventCursor`] ([`EmbeddedChain::poll_events`]), optionally filtered by a
//! [`Watch`]; see [`events`] for the order of events.
//!
//! # As the engine's chain view
//!
//! [`EmbeddedChain`] implements `lnp_engine::chain_view::ChainView`, so a host polls
//! its machines' watches against it and broadcasts through it.
//!
//! # Test wallet
//!
//! With the `testkit` feature, [`testkit::TestWallet`] mines to a P2WPKH key and signs
//! spends to any script, for other crates' tests.

mod block;
mod chain;
mod connect;
pub mod error;
pub mod events;
pub mod locks;
mod mempool;
pub mod params;
mod reorg;
pub mod script;
#[cfg(any(test, feature = "testkit"))]
pub mod testkit;
mod utxo;
mod validate;
mod view;

pub use chain::{BlockRef, BlockSpec, EmbeddedChain, TxStatus};
pub use error::{ChainError, LockPoint, RejectReason, ScriptFailure, ScriptKind};
pub use events::{ChainEvent, EventCursor, Watch};
pub use mempool::MempoolEntry;
pub use utxo::{Coin, ConfirmedSpend};
