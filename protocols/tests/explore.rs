//! The explorer over two parties of a generated protocol (the scenarios of
//! `lnp_protocols::scenarios`): the toy channel holds its invariants within
//! the bound and reaches its goals; the deliberately broken fixture is caught
//! with its shortest trace.

use lnp_engine::explore::Faults;
use lnp_protocols::scenarios::{explore, random_walk, Bounds};
use proptest::prelude::*;

fn bounds(depth: usize) -> Bounds {
    Bounds { depth, max_states: 200_000, ..Bounds::default() }
}

#[test]
fn the_toy_channel_holds_its_invariants_and_reaches_its_goals() {
    let report = explore("paychan", &bounds(40)).expect("a scenario");
    let text = report.render();
    assert_eq!(report.violations().count(), 0, "{text}");
    assert!(text.contains("reached: something_paid"), "{text}");
    assert!(report.unreached_goals.is_empty(), "{text}");
    assert!(report.states > 100, "{text}");
}

#[test]
fn the_planted_bug_is_found_with_its_shortest_trace() {
    let report = explore("paychan_broken", &bounds(40)).expect("a scenario");
    let text = report.render();
    let bug = report.violations().find(|f| f.property == "within_capacity").unwrap_or_else(|| panic!("not found:\n{text}"));
    // open, propose, accept, fund, funded, both confirmations, two payments
    // each sent and delivered: the shortest path ends with the payee taking
    // the second.
    assert_eq!(bug.trace.len(), 11, "{text}");
    assert!(bug.trace[10].starts_with("payee: recv pay"), "{text}");
    assert_eq!(report.violations().count(), 1, "only the planted bug:\n{text}");
}

#[test]
fn a_lost_message_strands_the_toy_channel_and_the_explorer_says_how() {
    // The toy has no reestablishment: if `propose` is lost, the payer waits
    // in `Proposed` forever. With one disconnect allowed, that is a deadlock.
    let report = explore("paychan", &Bounds { faults: Faults { disconnects: 1, crashes: 0 }, ..bounds(40) }).expect("a scenario");
    let text = report.render();
    let stuck = report.violations().find(|f| f.property == "no deadlock").unwrap_or_else(|| panic!("not found:\n{text}"));
    assert!(stuck.trace.iter().any(|s| s.starts_with("the connection drops (1 message(s) lost)")), "{text}");
    assert_eq!(stuck.trace.len(), 2, "open, propose lost:\n{text}");
    // A lost `funded` leaves the payee unaware of the channel: it never
    // closes, which the `eventually closes` goal reports.
    assert!(report.violations().any(|f| f.property == "closes"), "{text}");
    assert!(report.violations().all(|f| f.property == "no deadlock" || f.property == "closes"), "only liveness:\n{text}");
}

#[test]
fn crashes_restart_from_the_store_without_breaking_an_invariant() {
    let report = explore("paychan", &Bounds { faults: Faults { disconnects: 0, crashes: 1 }, ..bounds(40) }).expect("a scenario");
    let text = report.render();
    // A crash drops the connection too, so a crash can strand the channel
    // the way a disconnect does (liveness); but no invariant breaks.
    assert!(report.violations().all(|f| f.property == "no deadlock" || f.property == "closes"), "{text}");
    assert!(report.states > 267, "crashes add states:\n{text}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Random paths through the toy channel, faults included, keep every
    /// invariant and every state's stored form.
    #[test]
    fn random_walks_keep_the_invariants(choices in proptest::collection::vec(any::<u32>(), 1..60)) {
        let b = Bounds { payments: 6, faults: Faults { disconnects: 1, crashes: 1 }, ..bounds(60) };
        let walked = random_walk("paychan", &b, &choices).expect("a scenario");
        prop_assert!(walked.is_ok(), "{:?}", walked);
    }
}

#[test]
fn random_walks_find_the_planted_bug() {
    // Payer sends twice, payee takes both: some short walk hits it.
    let b = Bounds { payments: 6, ..bounds(60) };
    let found = (0u32..500).find_map(|seed| {
        let choices: Vec<u32> = (0..40).map(|i| seed.wrapping_mul(2_654_435_761).rotate_left(i) ^ i).collect();
        random_walk("paychan_broken", &b, &choices).expect("a scenario").err()
    });
    let finding = found.expect("some walk breaks within_capacity");
    assert_eq!(finding.property, "within_capacity");
}

#[test]
fn the_peer_protocol_explores_with_its_timers_and_faults() {
    // Timers fire at any moment; the ping cycle is reached and nothing is stuck.
    let b = Bounds { faults: Faults { disconnects: 1, crashes: 1 }, ..bounds(30) };
    let report = explore("peer", &b).expect("a scenario");
    let text = report.render();
    assert_eq!(report.violations().count(), 0, "{text}");
    assert!(text.contains("reached: pinging"), "{text}");
}

#[test]
fn the_bolt_channel_conserves_value_and_stays_punishable_across_a_disconnect() {
    // One HTLC offered, settled or failed, a cooperative close, and one
    // connection drop anywhere (messages in flight lost, both sides through
    // channel_reestablish): every commitment holds the capacity, every
    // revoked commitment's secret is held, nothing deadlocks, and every path
    // can still close.
    let b = Bounds { payments: 1, payment_msat: 40_000_000, faults: Faults { disconnects: 1, crashes: 0 }, ..bounds(60) };
    let report = explore("bolt_channel", &b).expect("a scenario");
    let text = report.render();
    assert_eq!(report.violations().count(), 0, "{text}");
    assert!(text.contains("reached: reaches_normal"), "{text}");
    assert!(report.states > 1_000, "{text}");
    // The search saw everything within the bounds, and both of issue 4's
    // properties were among those checked (`punishable` comes from the
    // ln_penalty module, `conserved` from the core).
    assert_eq!(report.cut, None, "{text}");
    for p in ["no deadlock", "conserved", "punishable"] {
        assert!(report.held.iter().any(|h| h == p), "{p} not checked:\n{text}");
    }
    assert!(report.unchecked.is_empty(), "{text}");
}

#[test]
fn a_search_stopped_by_its_depth_limit_says_it_is_incomplete() {
    let report = explore("paychan", &bounds(6)).expect("a scenario");
    let text = report.render();
    assert_eq!(report.cut, Some(lnp_engine::explore::Cut::Depth(6)), "{text}");
    assert!(text.contains("incomplete: paths reached the depth limit (6)"), "{text}");
}

#[test]
fn the_bolt_channel_conserves_value_across_a_fee_update_and_a_disconnect() {
    // One HTLC, one update_fee from the funder (to 2,000 sat/kw) at any
    // point of the dance, and one connection drop anywhere: every
    // commitment holds the capacity at whatever feerate it was signed.
    let b = Bounds { payments: 1, fee_updates: 1, faults: Faults { disconnects: 1, crashes: 0 }, ..bounds(60) };
    let report = explore("bolt_channel", &b).expect("a scenario");
    let text = report.render();
    assert_eq!(report.violations().count(), 0, "{text}");
    assert_eq!(report.cut, None, "{text}");
    assert!(report.states > 10_000, "{text}");
}
