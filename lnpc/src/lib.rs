//! lnpc as a library: the subcommands other than `check`, kept testable.

use lnp_dsl::{check, render_all, Checked, Program};
use std::path::PathBuf;
use std::process::ExitCode;

/// Loads and checks specs for a command that needs them clean: on an I/O
/// error exit 2, on diagnostics print them and exit 1.
pub fn load_clean(paths: &[PathBuf]) -> Result<(Program, Checked), ExitCode> {
    let program = Program::load(paths).map_err(|e| {
        eprintln!("lnpc: {e}");
        ExitCode::from(2)
    })?;
    let checked = check(&program);
    if checked.has_errors() {
        eprint!("{}", render_all(&checked.diagnostics, &program.sources));
        return Err(ExitCode::from(1));
    }
    Ok((program, checked))
}
pub mod compile_cmd;
pub mod format_cmd;
pub mod diagram_cmd;
#[cfg(feature = "explore")]
pub mod explore_cmd;
