//! Persist before you speak: the toy channel driven through the engine's
//! store. A crash after a step is stored but before its effects happen loses
//! nothing and doubles nothing; a reject writes nothing.

use bitcoin::secp256k1::SecretKey;
use lnp_engine::driver::{Driver, DriverError};
use lnp_engine::rt::{self, Confirmed, Effect as Fx, Msat, Sat};
use lnp_engine::soft::SoftContext;
use lnp_engine::store::Store;
use lnp_protocols::generated::paychan::*;

fn env(role: Role) -> Env {
    Env { params: Params::new(Sat(100_000)), role }
}

fn funding() -> rt::OutPoint {
    rt::OutPoint { txid: "22".repeat(32).parse().expect("txid"), vout: 0 }
}

#[test]
fn states_and_effects_round_trip_through_their_stored_form() {
    let mut ctx = SoftContext::new([3; 32], [4; 32]);
    let key = ctx.add_key(SecretKey::from_slice(&[9; 32]).expect("key"));
    let (s, fx) = step(
        State::initial(),
        Input::Command(Command::Open(Open { payer_key: key })),
        &env(Role::Payer),
        &mut ctx,
    )
    .expect("open");
    assert_eq!(State::decode(&s.encode().expect("encodes")), Ok(s.clone()));
    for e in &fx {
        assert_eq!(&decode_effect(&encode_effect(e).expect("encodes")).expect("decodes"), e);
    }
    let open = State::Open(state::Open {
        funding: funding(),
        keys: Keys { payer: key, payee: key },
        total: Msat(7),
        sig: None,
        pending: Msat(1),
    });
    assert_eq!(State::decode(&open.encode().expect("encodes")), Ok(open));
    // A state from a future format version is refused, not misread.
    let mut future = s.encode().expect("encodes");
    future[0] = 9;
    assert_eq!(State::decode(&future), Err(lnp_engine::wire::WireError::UnknownVersion(9)));
}

#[test]
fn a_crash_between_storing_a_step_and_performing_it_loses_and_doubles_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("db");
    let mut ctx = SoftContext::new([5; 32], [6; 32]);
    let payee = env(Role::Payee);
    let payer_key = ctx.add_key(SecretKey::from_slice(&[8; 32]).expect("key"));
    let propose = Message::Propose(Propose { capacity: Sat(100_000), payer_key, note: None });
    let funded = Message::Funded(Funded { funding: funding() });
    let decided = {
        let store = Store::open(&path).expect("store");
        let (mut driver, pending) = Driver::<Paychan>::open(&store, b"chan-1", State::initial()).expect("open");
        assert!(pending.is_empty());
        let mut effects = driver.handle(Input::Recv(propose), &payee, &mut ctx).expect("accepted");
        assert_eq!(driver.state().name(), "AwaitingFunding");
        effects.extend(driver.handle(Input::Recv(funded), &payee, &mut ctx).expect("funded"));
        assert_eq!(driver.state().name(), "Funding");
        // Crash: the store is dropped before any effect is performed or acknowledged.
        effects
    };
    assert_eq!(decided.len(), 2, "send accept, then watch the funding");
    assert_eq!((decided[0].0.step, decided[1].0.step), (0, 1));
    let store = Store::open(&path).expect("reopen");
    let (driver, replay) = Driver::<Paychan>::open(&store, b"chan-1", State::initial()).expect("reopen");
    assert_eq!(driver.state().name(), "Funding", "the step survived the crash");
    assert_eq!(replay, decided, "every decided effect is still pending, once, with the same ids");
    // The host performs them and says so; they are not replayed again.
    for (id, _) in &replay {
        driver.performed(id).expect("ack");
    }
    let (driver, replay) = Driver::<Paychan>::open(&store, b"chan-1", State::initial()).expect("reopen");
    assert!(replay.is_empty());
    // The next step continues from the stored state.
    let mut driver = driver;
    let deep = Input::Chain(rt::ChainEvent::Confirmed("funding_deep", Confirmed { txid: funding().txid, height: 9 }));
    let fx = driver.handle(deep, &payee, &mut ctx).expect("confirmed");
    assert_eq!(driver.state().name(), "Open");
    assert!(matches!(fx[0].1, Fx::WatchSpend { name: "funding_spent", .. }));
    assert_eq!(fx[0].0.step, 2);
}

#[test]
fn a_rejected_input_writes_nothing() {
    let store = Store::temporary().expect("store");
    let mut ctx = SoftContext::new([1; 32], [2; 32]);
    let (mut driver, _) = Driver::<Paychan>::open(&store, b"c", State::initial()).expect("open");
    let err = driver.handle(Input::Recv(Message::Ack(Ack { total: Msat(1) })), &env(Role::Payer), &mut ctx);
    assert!(matches!(err, Err(DriverError::Rejected(ref r)) if r.message == "unexpected recv ack in state Idle"), "{err:?}");
    assert_eq!(store.state(b"c").expect("read"), None);
    assert!(store.outbox(b"c").expect("read").is_empty());
}
