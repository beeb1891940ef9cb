//! lnp-protocols: the Rust modules generated from `specs/`.
//!
//! Everything under `generated/` is written by `lnpc compile` from the specs
//! and committed, so reviewers read exactly what runs; a test fails when a
//! file is stale. Hand-written glue, when a protocol needs any, sits beside
//! it and stays small.

pub mod generated;
pub mod scenarios;
