//! `lnpc explore PROTOCOL [--depth N] [--max-states N] [--commands N]
//! [--payments N] [--fee-updates N] [--disconnects N] [--crashes N] [--threads N]`:
//! breadth-first exploration of a protocol compiled into this build, with
//! its scenario (`lnp_protocols::scenarios`). Exit 0 when every property
//! holds within the bounds, 1 with the shortest counterexample of each
//! violation, 2 on usage errors. A progress bar on stderr (when it is a
//! terminal) counts states against `--max-states`.
//!
//! It explores compiled protocols only: a spec changed on disk is explored
//! after `lnpc compile` and a rebuild.

use indicatif::{ProgressBar, ProgressStyle};
use lnp_protocols::scenarios::{run as run_scenario, Bounds, Outcome, Run, PROTOCOLS};
use std::process::ExitCode;

pub fn run(protocol: Option<&str>, bounds: &Bounds, list: bool) -> ExitCode {
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
    if !PROTOCOLS.contains(&name) {
        eprintln!("lnpc: no exploration scenario for `{name}`; explorable: {}", PROTOCOLS.join(", "));
        return ExitCode::from(2);
    }
    let bar = ProgressBar::new(bounds.max_states as u64);
    if let Ok(style) = ProgressStyle::with_template("{spinner} {pos}/{len} states {per_sec} [{elapsed}]") {
        bar.set_style(style);
    }
    let mut progress = |states: usize| bar.set_position(states as u64);
    let outcome = run_scenario(name, bounds, Run::Explore(&mut progress));
    bar.finish_and_clear();
    let Some(Outcome::Explored(report)) = outcome else {
        eprintln!("lnpc: no exploration scenario for `{name}`");
        return ExitCode::from(2);
    };
    print!("{}", report.render());
    if report.violations().next().is_some() { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
