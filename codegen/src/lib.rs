//! lnp-codegen: checked `.lnp` specs → readable Rust modules.
//!
//! One protocol (its whole composition: the protocol and every module it
//! imports) becomes one Rust module, built as tokens with `quote` and printed
//! with `prettyplease`. Every generated item carries a doc comment with the
//! spec's `file:line`, so a reviewer can go from the code to the spec.
//!
//! What is generated: parameters, records, enums, roles, messages (with
//! their BOLT wire type), commands, events, the closed enum of states with one
//! struct per state, the input/output vocabularies, every `fn` and template as
//! a Rust function, `step`: the transitions, tried in spec order, and the
//! BOLT 1 wire codec of every message.
//!
//! This crate does not check specs (it refuses unchecked ones) and does not
//! write files: `lnpc compile` and the staleness test do.

mod expr;
mod items;
mod machine;
mod names;
mod persist;
mod wire;
pub mod write;
mod types;

use lnp_dsl::ast::UnitKind;
use lnp_dsl::{Checked, Program};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CodegenError {
    #[error("the spec has errors; run `lnpc check` first")]
    SpecHasErrors,
    #[error("`{0}` is not a protocol; only protocols are compiled (modules are compiled with the protocols that import them)")]
    NotAProtocol(String),
    #[error("no unit named `{0}` was loaded")]
    NoSuchUnit(String),
    #[error("generated code does not parse as Rust ({0}); this is a bug in lnp-codegen")]
    Unparsable(String),
    #[error("{at}: codegen does not support {what} yet")]
    Unsupported { at: String, what: String },
}

/// One generated module: where it comes from and its source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The protocol's name, also the module's file stem.
    pub name: String,
    pub source: String,
}

/// Generates every protocol of a checked program (modules come with the
/// protocols that import them).
pub fn generate_all(program: &Program, checked: &Checked) -> Result<Vec<Generated>, CodegenError> {
    if checked.has_errors() {
        return Err(CodegenError::SpecHasErrors);
    }
    let mut out = Vec::new();
    for (ix, lu) in program.units.iter().enumerate() {
        if lu.unit.kind == UnitKind::Protocol {
            out.push(generate(program, checked, ix)?);
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Generates the module of one protocol.
pub fn generate(program: &Program, checked: &Checked, unit: usize) -> Result<Generated, CodegenError> {
    if checked.has_errors() {
        return Err(CodegenError::SpecHasErrors);
    }
    let lu = program.units.get(unit).ok_or_else(|| CodegenError::NoSuchUnit(unit.to_string()))?;
    if lu.unit.kind != UnitKind::Protocol {
        return Err(CodegenError::NotAProtocol(lu.unit.name.name.to_string()));
    }
    let tokens = items::protocol_module(program, checked, unit)?;
    let file: syn::File = syn::parse2(tokens).map_err(|e| CodegenError::Unparsable(e.to_string()))?;
    let body = space_items(&prettyplease::unparse(&file));
    let sources = items::composition_paths(program, checked, unit);
    let header = format!(
        "// Generated from {} by lnp-codegen. Do not edit: change the spec and run\n\
         // `cargo run -p lnpc -- compile specs/ --out protocols/src/generated`.\n\n",
        sources.join(", ")
    );
    Ok(Generated { name: lu.unit.name.name.to_string(), source: header + &body })
}

/// prettyplease packs items together; a blank line after each item's closing
/// brace (top level and one module deep) makes the module readable.
fn space_items(code: &str) -> String {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = String::with_capacity(code.len() + code.len() / 20);
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        let closes_item = *line == "}" || *line == "    }";
        let next = lines.get(i + 1).map(|l| l.trim());
        if closes_item && next.is_some_and(|n| !n.is_empty() && n != "}") {
            out.push('\n');
        }
    }
    out
}

/// How a spec file is named in generated code: from its `specs/` folder on
/// (`specs/toy/paychan.lnp`), whatever path it was loaded by, so the output
/// does not depend on the directory `lnpc compile` ran in.
pub(crate) fn spec_path(path: &str) -> String {
    let parts: Vec<&str> = path.split(['/', '\\']).collect();
    match parts.iter().rposition(|p| *p == "specs") {
        Some(i) => parts[i..].join("/"),
        None => parts.last().map_or_else(String::new, |s| s.to_string()),
    }
}
