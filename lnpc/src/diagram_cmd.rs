//! `lnpc graph FILE --format dot|mermaid`: print a protocol's state machine.
//!
//! The spec is loaded and checked first (a spec with errors draws nothing:
//! diagnostics and exit 1); the diagram of the unit FILE declares goes to
//! standard output.

use lnp_dsl::diagram::{render, Format};
use std::path::Path;
use std::process::ExitCode;

pub fn run(file: &Path, format: Format) -> ExitCode {
    let (program, checked) = match crate::load_clean(&[file.to_path_buf()]) {
        Ok(pc) => pc,
        Err(code) => return code,
    };
    let Some(unit) = program.units.iter().position(|u| u.requested) else {
        eprintln!("lnpc: {} declares no protocol or module", file.display());
        return ExitCode::from(1);
    };
    print!("{}", render(&program, &checked, unit, format));
    ExitCode::SUCCESS
}
