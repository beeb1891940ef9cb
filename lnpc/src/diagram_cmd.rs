//! `lnpc graph FILE --format dot|mermaid`: print a protocol's state machine.
//!
//! The spec is loaded and checked first (a spec with errors draws nothing:
//! diagnostics and exit 1); the diagram of the unit FILE declares goes to
//! standard output.

use lnp_dsl::diagram::{render, Format};
use lnp_dsl::{check, render_all, Program};
use std::path::Path;
use std::process::ExitCode;

pub fn run(file: &Path, format: Format) -> ExitCode {
    let program = match Program::load(&[file.to_path_buf()]) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("lnpc: {e}");
            return ExitCode::from(2);
        }
    };
    let checked = check(&program);
    if checked.has_errors() {
        eprint!("{}", render_all(&checked.diagnostics, &program.sources));
        return ExitCode::from(1);
    }
    let Some(unit) = program.units.iter().position(|u| u.requested) else {
        eprintln!("lnpc: {} declares no protocol or module", file.display());
        return ExitCode::from(1);
    };
    print!("{}", render(&program, &checked, unit, format));
    ExitCode::SUCCESS
}
