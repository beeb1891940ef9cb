//! The whole path for the toy channel: `specs/toy/paychan.lnp` compiled, two
//! engine instances wired in-process (messages through their wire bytes),
//! each persisted in its own sled store, settling on the embedded chain,
//! where every transaction they broadcast is checked by Bitcoin Core's
//! consensus verifier.
//!
//! The host here is the least a node does: perform each effect after its
//! step is stored, mark it done, arm watches in the store and feed the
//! machines the chain events the watches see.

use bitcoin::secp256k1::SecretKey;
use bitcoin::{Amount, OutPoint, ScriptBuf, Transaction};
use lnp_chain::testkit::TestWallet;
use lnp_chain::{EmbeddedChain, RejectReason};
use lnp_engine::chain_view::{ChainView, WatchKind, Watches};
use lnp_engine::driver::{Decided, Driver};
use lnp_engine::rt::{Effect as Fx, Msat, Sat};
use lnp_engine::soft::SoftContext;
use lnp_engine::store::{EffectId, Store};
use lnp_protocols::generated::paychan::*;
use std::path::Path;

const CAPACITY: u64 = 100_000;

/// One party: its machine in its store, its keys, its open watches, and what
/// its user saw (emitted events) and its broadcasts met.
struct Party<'s> {
    driver: Driver<'s, Paychan>,
    env: Env,
    ctx: SoftContext,
    watches: Watches<EffectId>,
    events: Vec<Event>,
    refused: Vec<RejectReason>,
}

impl<'s> Party<'s> {
    /// Opens the party's machine; returns it with the effects its store
    /// still owes (none for a new machine).
    fn open(store: &'s Store, role: Role, seed: u8) -> (Party<'s>, Decided<Paychan>) {
        let (driver, pending) = Driver::<Paychan>::open(store, b"chan", State::initial()).expect("open machine");
        let mut ctx = SoftContext::new([seed; 32], [seed ^ 0x55; 32]);
        ctx.add_key(SecretKey::from_slice(&[seed; 32]).expect("key"));
        let mut watches = Watches::new();
        for (id, fx) in driver.armed().expect("armed watches") {
            let (name, kind) = WatchKind::of(&fx).expect("only watches are armed");
            watches.add(id, name, kind);
        }
        let env = Env { params: Params::new(Sat(CAPACITY)), role };
        (Party { driver, env, ctx, watches, events: Vec::new(), refused: Vec::new() }, pending)
    }

    fn state(&self) -> &'static str {
        self.driver.state().name()
    }

    fn handle(&mut self, input: Input) -> Decided<Paychan> {
        self.driver.handle(input, &self.env, &mut self.ctx).expect("step accepted")
    }

    /// Performs effects; returns the messages for the peer, as wire bytes.
    fn perform(&mut self, effects: Decided<Paychan>, chain: &mut EmbeddedChain) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for (id, fx) in effects {
            if let Some((name, kind)) = WatchKind::of(&fx) {
                self.driver.arm(&id).expect("arm");
                self.watches.add(id, name, kind);
                continue;
            }
            match fx {
                Fx::Send(m) => out.push(m.encode().expect("encodes")),
                Fx::Broadcast(tx) => {
                    if let Err(why) = chain.broadcast(&tx) {
                        self.refused.push(why);
                    }
                }
                Fx::Emit(e) => self.events.push(e),
                other => panic!("paychan has no timers: {other:?}"),
            }
            self.driver.performed(&id).expect("done");
        }
        out
    }
}

/// The public key of the signing key a party of seed `seed` holds.
fn pubkey(seed: u8) -> bitcoin::secp256k1::PublicKey {
    SecretKey::from_slice(&[seed; 32]).expect("key").public_key(&bitcoin::secp256k1::Secp256k1::new())
}

/// Runs effects and delivers messages back and forth until both are quiet.
fn settle_down(a: &mut Party, b: &mut Party, mut fx_a: Decided<Paychan>, mut fx_b: Decided<Paychan>, chain: &mut EmbeddedChain) {
    loop {
        let to_b = a.perform(std::mem::take(&mut fx_a), chain);
        let to_a = b.perform(std::mem::take(&mut fx_b), chain);
        if to_a.is_empty() && to_b.is_empty() {
            return;
        }
        for bytes in to_b {
            let m = Message::decode(&bytes).expect("decodes").expect("a paychan message");
            fx_b.extend(b.handle(Input::Recv(m)));
        }
        for bytes in to_a {
            let m = Message::decode(&bytes).expect("decodes").expect("a paychan message");
            fx_a.extend(a.handle(Input::Recv(m)));
        }
    }
}

/// Feeds a party what its watches see now; a fed watch is disarmed.
fn feed_chain_events(p: &mut Party, chain: &EmbeddedChain) -> Decided<Paychan> {
    let mut fx = Vec::new();
    for (id, event) in p.watches.poll(chain).expect("poll") {
        fx.extend(p.handle(Input::Chain(event)));
        p.driver.disarm(&id).expect("disarm");
    }
    fx
}

/// Mines `n` blocks, then feeds both parties what their watches saw.
fn mine(n: u32, a: &mut Party, b: &mut Party, chain: &mut EmbeddedChain) {
    chain.mine(n, &ScriptBuf::new_op_return([])).expect("mine");
    let fa = feed_chain_events(a, chain);
    let fb = feed_chain_events(b, chain);
    settle_down(a, b, fa, fb, chain);
}

/// Opens a funded channel: the payer's wallet pays the channel output the
/// machine asks for; both machines end `Open` after `min_depth` blocks.
fn open_channel<'a, 'b>(payer_store: &'a Store, payee_store: &'b Store, chain: &mut EmbeddedChain) -> (Party<'a>, Party<'b>, OutPoint) {
    let wallet = TestWallet::from_seed(42);
    wallet.fund(chain, 1).expect("fund the wallet");
    let (mut payer, _) = Party::open(payer_store, Role::Payer, 1);
    let (mut payee, _) = Party::open(payee_store, Role::Payee, 2);
    let payer_key = pubkey(1);
    let fx = payer.handle(Input::Command(Command::Open(Open { payer_key })));
    settle_down(&mut payer, &mut payee, fx, Vec::new(), chain);
    assert_eq!((payer.state(), payee.state()), ("Accepted", "AwaitingFunding"));
    let Some(Event::FundingNeeded(need)) = payer.events.pop() else { panic!("funding_needed expected") };
    assert_eq!(need.amount, Sat(CAPACITY));
    let funding_tx = wallet.pay_to(chain, need.script.clone(), Amount::from_sat(CAPACITY), Amount::from_sat(500)).expect("wallet pays");
    let funding_txid = chain.submit(funding_tx.clone()).expect("funding accepted");
    let vout = funding_tx.output.iter().position(|o| o.script_pubkey == need.script).expect("channel output") as u32;
    let funding = OutPoint { txid: funding_txid, vout };
    let fx = payer.handle(Input::Command(Command::Fund(Fund { funding })));
    settle_down(&mut payer, &mut payee, fx, Vec::new(), chain);
    assert_eq!((payer.state(), payee.state()), ("Funding", "Funding"));
    mine(2, &mut payer, &mut payee, chain);
    assert_eq!((payer.state(), payee.state()), ("Funding", "Funding"), "two blocks are not min_depth");
    mine(1, &mut payer, &mut payee, chain);
    assert_eq!((payer.state(), payee.state()), ("Open", "Open"));
    (payer, payee, funding)
}

fn pay(payer: &mut Party, payee: &mut Party, msat: u64, chain: &mut EmbeddedChain) {
    let fx = payer.handle(Input::Command(Command::Send(Send { amount: Msat(msat) })));
    settle_down(payer, payee, fx, Vec::new(), chain);
}

/// The output of `tx` paying `key`'s P2WPKH, in sat.
fn paid_to(tx: &Transaction, key: &bitcoin::secp256k1::PublicKey) -> Option<u64> {
    let script = ScriptBuf::new_p2wpkh(&bitcoin::CompressedPublicKey(*key).wpubkey_hash());
    tx.output.iter().find(|o| o.script_pubkey == script).map(|o| o.value.to_sat())
}

fn stores(dir: &Path) -> (Store, Store) {
    (Store::open(&dir.join("payer")).expect("store"), Store::open(&dir.join("payee")).expect("store"))
}

#[test]
fn open_pay_and_settle_on_the_embedded_chain() {
    let dir = tempfile::tempdir().expect("dir");
    let (payer_store, payee_store) = stores(dir.path());
    let mut chain = EmbeddedChain::new();
    let (mut payer, mut payee, funding) = open_channel(&payer_store, &payee_store, &mut chain);
    let mut total = 0;
    for i in 1..=20u64 {
        pay(&mut payer, &mut payee, i * 100_000, &mut chain);
        total += i * 100_000;
    }
    assert_eq!(payee.events.len(), 20, "one `paid` per payment");
    let fx = payee.handle(Input::Command(Command::Settle(Settle {})));
    settle_down(&mut payee, &mut payer, fx, Vec::new(), &mut chain);
    assert!(payee.refused.is_empty(), "the chain refused the settlement: {:?}", payee.refused);
    let Some(Event::Settled(settled)) = payee.events.last().cloned() else { panic!("settled expected") };
    assert_eq!(chain.mempool_len(), 1, "the settlement waits in the mempool");
    mine(1, &mut payer, &mut payee, &mut chain);
    assert_eq!((payer.state(), payee.state()), ("Closed", "Closed"));
    let spend = chain.confirmed_spender(&funding).expect("the channel output is spent");
    assert_eq!(spend.txid, settled.txid);
    let tx = chain.get_tx(&settled.txid).expect("confirmed").clone();
    let fee = Params::new(Sat(CAPACITY)).close_fee.0;
    assert_eq!(paid_to(&tx, &pubkey(1)), Some(CAPACITY - fee - total / 1000));
    assert_eq!(tx.output.iter().map(|o| o.value.to_sat()).sum::<u64>(), CAPACITY - fee, "the payer pays the fee");
    assert!(tx.output.iter().any(|o| o.value.to_sat() == total / 1000), "the payee's output: {tx:?}");
    assert!(payer.watches.is_empty() && payee.watches.is_empty());
    assert!(payer_store.armed(b"chan").expect("armed").is_empty());
}

#[test]
fn the_refund_waits_for_its_csv_delay_on_chain() {
    let dir = tempfile::tempdir().expect("dir");
    let (payer_store, payee_store) = stores(dir.path());
    let mut chain = EmbeddedChain::new();
    let (mut payer, mut payee, funding) = open_channel(&payer_store, &payee_store, &mut chain);
    let fx = payer.handle(Input::Command(Command::Refund(Refund {})));
    let decided: Vec<Transaction> =
        fx.iter().filter_map(|(_, e)| if let Fx::Broadcast(tx) = e { Some(tx.clone()) } else { None }).collect();
    settle_down(&mut payer, &mut payee, fx, Vec::new(), &mut chain);
    assert_eq!(payer.state(), "Closing");
    // The funding confirmed 3 blocks ago; the refund's relative lock is 144.
    let [why] = payer.refused.as_slice() else { panic!("the early refund must be refused: {:?}", payer.refused) };
    assert!(matches!(why, RejectReason::SequenceLockNotReached { input: 0, .. }), "{why:?}");
    assert!(why.to_string().contains("relative lock"), "{why}");
    assert!(chain.utxo(&funding).is_some(), "nothing moved");
    // The funding confirmed at height 102, so BIP 68 lets the refund into
    // block 102 + 144 = 246 and no earlier: the host retries as blocks come.
    let [refund] = decided.as_slice() else { panic!("one broadcast") };
    chain.mine(140, &ScriptBuf::new_op_return([])).expect("mine");
    assert_eq!(chain.height(), 244);
    assert!(matches!(chain.submit(refund.clone()), Err(RejectReason::SequenceLockNotReached { .. })));
    chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
    chain.submit(refund.clone()).expect("the refund is final for block 246");
    mine(1, &mut payer, &mut payee, &mut chain);
    assert_eq!((payer.state(), payee.state()), ("Closed", "Closed"));
    let tx = chain.get_tx(&refund.compute_txid()).expect("confirmed");
    assert_eq!(paid_to(tx, &pubkey(1)), Some(CAPACITY - Params::new(Sat(CAPACITY)).close_fee.0));
}

#[test]
fn a_crash_before_the_settlement_is_broadcast_loses_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut chain = EmbeddedChain::new();
    let (payer_store, payee_store) = stores(dir.path());
    let (mut payer, mut payee, _) = open_channel(&payer_store, &payee_store, &mut chain);
    pay(&mut payer, &mut payee, 30_000_000, &mut chain);
    // The payee decides to settle; the step is stored, then the process dies
    // before the broadcast.
    let decided = payee.handle(Input::Command(Command::Settle(Settle {})));
    assert!(decided.iter().any(|(_, e)| matches!(e, Fx::Broadcast(_))));
    drop(payee);
    drop(payee_store);
    assert_eq!(chain.mempool_len(), 0);
    // Restart: the state, the owed broadcast and the armed spend watch are back.
    let payee_store = Store::open(&dir.path().join("payee")).expect("reopen");
    let (mut payee, owed) = Party::open(&payee_store, Role::Payee, 2);
    assert_eq!(payee.state(), "Closing");
    assert_eq!(owed, decided, "every decided effect, once, with its id");
    assert_eq!(payee.watches.len(), 1, "the funding_spent watch survived");
    settle_down(&mut payee, &mut payer, owed, Vec::new(), &mut chain);
    assert!(payee.refused.is_empty(), "{:?}", payee.refused);
    assert_eq!(chain.mempool_len(), 1);
    mine(1, &mut payer, &mut payee, &mut chain);
    assert_eq!((payer.state(), payee.state()), ("Closed", "Closed"));
    assert!(payee_store.outbox(b"chan").expect("outbox").is_empty());
}
