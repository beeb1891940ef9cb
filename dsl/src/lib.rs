//! lnp-dsl: the `.lnp` protocol specification language.
//!
//! The pipeline, in layers: [`parse`] (pest grammar → [`ast`]), [`load`]
//! (files and `import`s → a set of units), [`check`] (names, types and the
//! protocol-level rules) producing [`diag::Diagnostic`]s as data, rendered
//! only at the edge. [`fmt`] prints a unit in canonical layout and [`graph`]
//! draws a protocol's state machine.
//!
//! This crate reads no files itself except in [`load`], and runs nothing:
//! executing a protocol is the engine's job.

// A `Diagnostic` is the error of parsing: large, but built once per failed
// parse, never in a loop, so boxing it would buy nothing.
#![allow(clippy::result_large_err)]

pub mod ast;
pub mod diag;
pub mod diagram;
mod fastparse;
pub mod fxhash;
pub mod name;
pub mod parse;
pub mod printer;
pub mod source;

pub use diag::{render_all, Diagnostic, Severity};
pub use source::SourceMap;
pub mod check;
pub mod load;

pub use check::{check, Checked};
pub use load::{LoadError, Program};
