//! The generated `paychan` module, used as a caller would use it.

use lnp_engine::rt::{Msat, Sat};
use lnp_protocols::generated::paychan::*;

#[test]
fn a_new_machine_starts_idle_and_not_terminal() {
    let s = State::initial();
    assert_eq!(s.name(), "Idle");
    assert!(!s.is_terminal());
    assert!(State::Closed(state::Closed {}).is_terminal());
}

#[test]
fn parameters_take_the_spec_defaults() {
    let p = Params::new(Sat(100_000));
    assert_eq!((p.capacity, p.refund_delay, p.min_depth, p.dust_limit), (Sat(100_000), 144, 3, Sat(546)));
}

#[test]
fn messages_carry_their_wire_types() {
    let ack = Message::Ack(Ack { total: Msat(5) });
    assert_eq!((ack.wire_type(), ack.name()), (40006, "ack"));
    assert_eq!(Propose::WIRE_TYPE, 40000);
}
