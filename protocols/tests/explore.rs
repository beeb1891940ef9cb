//! The explorer over two parties of a generated protocol (the scenarios of
//! `lnp_protocols::scenarios`): the toy channel holds its invariants within
//! the bound and reaches its goals; the deliberately broken fixture is caught
//! with its shortest trace.

use lnp_protocols::scenarios::explore;

#[test]
fn the_toy_channel_holds_its_invariants_and_reaches_its_goals() {
    let report = explore("paychan", 40, 200_000).expect("a scenario");
    let text = report.render();
    assert_eq!(report.violations().count(), 0, "{text}");
    assert!(text.contains("reached: something_paid"), "{text}");
    assert!(report.unreached_goals.is_empty(), "{text}");
    assert!(report.states > 100, "{text}");
}

#[test]
fn the_planted_bug_is_found_with_its_shortest_trace() {
    let report = explore("paychan_broken", 40, 200_000).expect("a scenario");
    let text = report.render();
    let bug = report.violations().find(|f| f.property == "within_capacity").unwrap_or_else(|| panic!("not found:\n{text}"));
    // open, propose, accept, fund, funded, both confirmations, two payments
    // each sent and delivered: the shortest path ends with the payee taking
    // the second.
    assert_eq!(bug.trace.len(), 11, "{text}");
    assert!(bug.trace[10].starts_with("payee: recv pay"), "{text}");
    assert_eq!(report.violations().count(), 1, "only the planted bug:\n{text}");
}
