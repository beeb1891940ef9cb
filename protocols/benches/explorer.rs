//! The explorer's speed and memory on the toy channel, as a bench binary
//! (`cargo bench -p lnp-protocols --bench explorer`): breadth-first search of
//! `paychan` with ten payments, one disconnect and one crash allowed, on one
//! thread. Prints states per second (best of three runs) and the peak memory
//! the search added per distinct state (from `/proc/self/status`, Linux).
//!
//! Not a test: it asserts nothing about speed, it reports it.

// The allocator `lnpc explore` runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use lnp_engine::explore::Faults;
use lnp_protocols::scenarios::{explore, Bounds};
use std::time::Instant;

/// A field of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`), if readable.
fn status_bytes(field: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing
    // else we use. Either way one fixed workload runs.
    let bounds = Bounds {
        depth: 100,
        max_states: 5_000_000,
        commands_per_party: 30,
        payments: 10,
        payment_msat: 1_000_000,
        fee_updates: 0,
        faults: Faults { disconnects: 1, crashes: 1 },
        threads: 1,
    };
    let rss_before = status_bytes("VmRSS:");
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..3 {
        let started = Instant::now();
        let report = explore("paychan", &bounds).expect("paychan has a scenario");
        best = best.min(started.elapsed().as_secs_f64());
        last = Some(report);
    }
    let Some(report) = last else { return };
    let peak = status_bytes("VmHWM:");
    println!(
        "explorer/paychan: {} states, {} transitions, depth {}: best {:.3} s = {:.0} states/s ({:.2}x the 500,000 states/s target), {:.0} transitions/s",
        report.states,
        report.transitions,
        report.depth,
        best,
        report.states as f64 / best,
        report.states as f64 / best / 500_000.0,
        report.transitions as f64 / best,
    );
    if let (Some(before), Some(peak)) = (rss_before, peak) {
        println!(
            "explorer/paychan: peak memory added {:.1} MiB = {:.0} bytes per distinct state (step memo and frontier included)",
            peak.saturating_sub(before) as f64 / (1024.0 * 1024.0),
            peak.saturating_sub(before) as f64 / report.states as f64
        );
    }
}
