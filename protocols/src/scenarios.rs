//! Exploration scenarios: for each protocol the explorer can run, the two
//! parties, their parameters and the commands their users may issue.
//!
//! This is hand-written glue: concrete command values (a funding outpoint, a
//! key, payment amounts) are choices of a scenario, not of the spec. It grows
//! one function per protocol.

use bitcoin::secp256k1::SecretKey;
use lnp_engine::explore::{Composition, Report, Setup};
use lnp_engine::rt::{Msat, Sat};
use lnp_engine::soft::SoftContext;

/// The protocols with a scenario.
pub const PROTOCOLS: &[&str] = &["paychan", "paychan_broken"];

/// Explores protocol `name` breadth-first to `depth` steps and at most
/// `max_states` states; `None` when it has no scenario.
pub fn explore(name: &str, depth: usize, max_states: usize) -> Option<Report> {
    let mut payer = SoftContext::new([1; 32], [2; 32]);
    let payee = SoftContext::new([3; 32], [4; 32]);
    let key = payer.add_key(SecretKey::from_slice(&[7; 32]).ok()?);
    let funding = bitcoin::OutPoint { txid: "33".repeat(32).parse().ok()?, vout: 0 };
    macro_rules! paychan_like {
        ($m:ident, $proto:ident) => {{
            use crate::generated::$m::*;
            let env = |role| Env { params: Params::new(Sat(100_000)), role };
            let setup = Setup::<$proto> {
                names: ["payer", "payee"],
                initial: [State::initial(), State::initial()],
                envs: [env(Role::Payer), env(Role::Payee)],
                commands: vec![
                    (0, Input::Command(Command::Open(Open { payer_key: key })), 1),
                    (0, Input::Command(Command::Fund(Fund { funding })), 1),
                    (0, Input::Command(Command::Send(Send { amount: Msat(40_000_000) })), 2),
                    (1, Input::Command(Command::Settle(Settle {})), 1),
                    (0, Input::Command(Command::Refund(Refund {})), 1),
                ],
            };
            Some(Composition::new(setup, [payer, payee]).check(depth, max_states))
        }};
    }
    match name {
        "paychan" => paychan_like!(paychan, Paychan),
        "paychan_broken" => paychan_like!(paychan_broken, PaychanBroken),
        _ => None,
    }
}
