//! The explorer over two parties of a generated protocol: the toy channel
//! holds its invariants within the bound and reaches its goals; the
//! deliberately broken fixture is caught with its shortest trace.

use bitcoin::secp256k1::SecretKey;
use lnp_engine::explore::{Composition, Setup};
use lnp_engine::rt::{Msat, Sat};
use lnp_engine::soft::SoftContext;
use lnp_protocols::generated::{paychan, paychan_broken};

fn payer_ctx() -> (SoftContext, bitcoin::secp256k1::PublicKey) {
    let mut ctx = SoftContext::new([1; 32], [2; 32]);
    let key = ctx.add_key(SecretKey::from_slice(&[7; 32]).expect("key"));
    (ctx, key)
}

fn funding() -> bitcoin::OutPoint {
    bitcoin::OutPoint { txid: "33".repeat(32).parse().expect("txid"), vout: 0 }
}

#[test]
fn the_toy_channel_holds_its_invariants_and_reaches_its_goals() {
    use paychan::*;
    let (payer, key) = payer_ctx();
    let env = |role| Env { params: Params::new(Sat(100_000)), role };
    let setup = Setup::<Paychan> {
        names: ["payer", "payee"],
        initial: [State::initial(), State::initial()],
        envs: [env(Role::Payer), env(Role::Payee)],
        commands: vec![
            (0, Input::Command(Command::Open(Open { funding: funding(), payer_key: key })), 1),
            (0, Input::Command(Command::Send(Send { amount: Msat(40_000_000) })), 2),
            (1, Input::Command(Command::Settle(Settle {})), 1),
        ],
    };
    let report = Composition::new(setup, [payer, SoftContext::new([3; 32], [4; 32])]).check(40, 200_000);
    let text = report.render();
    assert_eq!(report.violations().count(), 0, "{text}");
    assert!(text.contains("reached: something_paid"), "{text}");
    assert!(report.states > 100, "{text}");
}

#[test]
fn the_planted_bug_is_found_with_its_shortest_trace() {
    use paychan_broken::*;
    let (payer, key) = payer_ctx();
    let env = |role| Env { params: Params::new(Sat(100_000)), role };
    let setup = Setup::<PaychanBroken> {
        names: ["payer", "payee"],
        initial: [State::initial(), State::initial()],
        envs: [env(Role::Payer), env(Role::Payee)],
        commands: vec![
            (0, Input::Command(Command::Open(Open { funding: funding(), payer_key: key })), 1),
            (0, Input::Command(Command::Send(Send { amount: Msat(40_000_000) })), 2),
        ],
    };
    let report = Composition::new(setup, [payer, SoftContext::new([3; 32], [4; 32])]).check(40, 200_000);
    let text = report.render();
    let bug = report.violations().find(|f| f.property == "within_capacity").unwrap_or_else(|| panic!("not found:\n{text}"));
    // open, propose, accept, both confirmations, two payments sent back to
    // back and delivered: the shortest path ends with the payee taking the second.
    assert_eq!(bug.trace.len(), 9, "{text}");
    assert!(bug.trace[8].starts_with("payee: recv pay"), "{text}");
    assert!(bug.trace.iter().filter(|s| s.contains("recv pay")).count() == 2, "{text}");
    assert!(text.contains("VIOLATED: within_capacity"), "{text}");
    println!("{text}");
}
