//! The hand-written payment path the engine-overhead bench compares against
//! (`protocols/benches/support/`) stays equivalent to the generated machine:
//! same messages, transactions, signatures and refusals. Run here so that
//! `cargo test` catches a spec change the hand-written code did not follow.

#![allow(dead_code)]

#[path = "../benches/support/fixtures.rs"]
mod fixtures;
#[path = "../benches/support/hand_paychan.rs"]
mod hand_paychan;

#[test]
fn the_hand_written_payment_path_matches_the_generated_one() {
    fixtures::assert_equivalent();
}
