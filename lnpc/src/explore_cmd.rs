//! `lnpc explore PROTOCOL [--depth N] [--max-states N]`: breadth-first
//! exploration of a protocol compiled into this build, with its scenario
//! (`lnp_protocols::scenarios`). Exit 0 when every property holds within the
//! bound, 1 with the shortest counterexample of each violation, 2 on usage
//! errors.
//!
//! It explores compiled protocols only: a spec changed on disk is explored
//! after `lnpc compile` and a rebuild.

use lnp_protocols::scenarios::{explore, PROTOCOLS};
use std::process::ExitCode;

pub fn run(protocol: Option<&str>, depth: usize, max_states: usize, list: bool) -> ExitCode {
    if list {
        for p in PROTOCOLS {
            println!("{p}");
        }
        return ExitCode::SUCCESS;
    }
    let Some(name) = protocol else {
        eprintln!("lnpc: name a protocol; `lnpc explore --list` lists them");
        return ExitCode::from(2);
    };
    let Some(report) = explore(name, depth, max_states) else {
        eprintln!("lnpc: no exploration scenario for `{name}`; explorable: {}", PROTOCOLS.join(", "));
        return ExitCode::from(2);
    };
    print!("{}", report.render());
    if report.violations().next().is_some() { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
