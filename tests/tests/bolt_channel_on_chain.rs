//! The BOLT channel, end to end: `specs/bolt/{channel,htlc}.lnp` compiled,
//! two engines wired in-process (every message through its wire bytes),
//! each persisted in its own sled store, funded on and closed to the
//! embedded chain, where Bitcoin Core's consensus verifier checks every
//! transaction.
//!
//! The payments are HTLCs with real preimages; each commitment_signed
//! carries real signatures on the commitment and on every HTLC
//! transaction, which the receiver verifies before it revokes.

use bitcoin::hashes::{sha256, Hash};
use bitcoin::{OutPoint, ScriptBuf};
use lnp_chain::EmbeddedChain;
use lnp_engine::driver::{Decided, DriverError};
use lnp_engine::rt::{self, Msat, RejectKind};
use lnp_engine::store::Store;
use lnp_protocols::generated::bolt_channel::*;
use lnp_tests::bolt_channel::*;

#[test]
fn two_hundred_payments_both_ways_then_a_cooperative_close() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, funding) = open(&sa, &sb, &mut chain);
    let height = chain.height();

    // Expected balances, in msat, from the payments alone.
    let (mut a_bal, mut b_bal) = (CAPACITY * 1000 - PUSH_MSAT, PUSH_MSAT);
    let (mut paid, mut failed, mut settled) = (0u32, 0u32, 0u32);
    let mut n = 0u64;
    let mut state_size_after_round_10 = 0;
    // 50 rounds; in each both sides offer two HTLCs at once, commit
    // concurrently, then settle them together: 200 payments in all, every
    // seventh failed back instead of fulfilled.
    for round in 0..50u64 {
        let (mut fx_a, mut fx_b) = (Vec::new(), Vec::new());
        let mut offered = Vec::new();
        for k in 0..2u64 {
            n += 1;
            let amount = 1_000_000 + round * 10_000 + k * 1_000;
            fx_a.extend(a.command(add(amount, n, height)));
            offered.push((n, amount, true));
            n += 1;
            let amount = 500_000 + round * 7_000 + k * 500;
            fx_b.extend(b.command(add(amount, n, height)));
            offered.push((n, amount, false));
        }
        if round == 20 {
            fx_a.extend(a.command(Command::SetFeerate(SetFeerate { feerate_per_kw: 1_000 })));
        }
        fx_a.extend(a.command(Command::Commit(Commit {})));
        fx_b.extend(b.command(Command::Commit(Commit {})));
        settle_down(&mut a, &mut b, fx_a, fx_b, &mut chain);
        assert_views_agree(&a, &b);
        assert_eq!(a.local_commit().htlcs.len(), 4, "four HTLCs in flight in round {round}");

        // Each side settles what it was offered.
        let (mut fx_a, mut fx_b) = (Vec::new(), Vec::new());
        for (party, fx, from_a) in [(&mut b, &mut fx_b, true), (&mut a, &mut fx_a, false)] {
            let events = party.take_events();
            settled += events.iter().filter(|e| matches!(e, Event::HtlcSettled(_))).count() as u32;
            let locked: Vec<u64> = events.iter().filter_map(|e| if let Event::PaymentLockedIn(l) = e { Some(l.id) } else { None }).collect();
            let offered_ids: Vec<u64> = received(&events).iter().map(|r| r.id).collect();
            assert_eq!(locked, offered_ids, "each HTLC offered is reported locked in once committed on both sides");
            for r in received(&events) {
                let (num, amount, _) = *offered.iter().find(|(_, amt, by_a)| *by_a == from_a && *amt == r.amount.0).expect("an HTLC we offered");
                assert_eq!(r.payment_hash.0, sha256::Hash::hash(&preimage(num)).to_byte_array());
                if num % 7 == 0 {
                    fx.extend(party.command(Command::Fail(Fail { id: r.id, reason: vec![0x40, 0x0f] })));
                    failed += 1;
                } else {
                    fx.extend(party.command(Command::Fulfill(Fulfill { id: r.id, preimage: preimage(num) })));
                    paid += 1;
                    if from_a {
                        a_bal -= amount;
                        b_bal += amount;
                    } else {
                        b_bal -= amount;
                        a_bal += amount;
                    }
                }
            }
            fx.extend(party.command(Command::Commit(Commit {})));
        }
        settle_down(&mut a, &mut b, fx_a, fx_b, &mut chain);
        assert_views_agree(&a, &b);
        let (la, lb) = (a.local_commit(), b.local_commit());
        assert!(la.htlcs.is_empty() && lb.htlcs.is_empty(), "round {round} left HTLCs");
        assert_eq!((la.to_local.0, la.to_remote.0), (a_bal, b_bal), "A's commitment after round {round}");
        assert_eq!((lb.to_local.0, lb.to_remote.0), (b_bal, a_bal), "B's commitment after round {round}");
        // What piles up (revoked HTLCs, preimages) goes to the store's
        // archives: the state a step copies and writes does not grow with
        // the channel's age (only within the per-commitment secrets' store,
        // which is bounded, and the numbers' values).
        let size = a.driver.state().encode().expect("encodes").len();
        if round == 10 {
            state_size_after_round_10 = size;
        }
        if round > 10 {
            assert!(size <= state_size_after_round_10 + 512, "A's state grew from {state_size_after_round_10} to {size} bytes by round {round}");
        }
    }
    assert_eq!(paid + failed, 200);
    assert!(failed > 0 && paid > 150);
    settled += a.take_events().iter().chain(b.take_events().iter()).filter(|e| matches!(e, Event::HtlcSettled(_))).count() as u32;
    assert_eq!(settled, paid, "every fulfilled HTLC reached its payer");
    assert_eq!(a.local_commit().feerate, 1_000, "the fee update was committed");
    // Both sides sign at once in each half-round, so each side receives two
    // commitment_signed per half-round: one for the peer's updates, one
    // for its own once the peer has revoked.
    assert_eq!(a.local_commit().number, 200, "four commitments per round for each side");

    // Cooperative close: A asks, B answers, A proposes the fee, both sign.
    let a_script = ScriptBuf::new_p2wpkh(&bitcoin::WPubkeyHash::hash(&[0xa1; 33])).to_bytes();
    let fx = a.command(Command::Close(Close { scriptpubkey: a_script.clone() }));
    settle_down(&mut a, &mut b, fx, Vec::new(), &mut chain);
    assert_eq!((a.state(), b.state()), ("Closed", "Closed"));
    assert!(a.refused.is_empty() && b.refused.is_empty(), "the chain refused: {:?} {:?}", a.refused, b.refused);
    let Some(Event::ChannelClosed(closed)) = a.take_events().pop() else { panic!("channel_closed expected") };
    assert_eq!(chain.mempool_len(), 1, "one closing transaction");
    mine(1, &mut a, &mut b, &mut chain);
    let spend = chain.confirmed_spender(&funding).expect("the funding output is spent");
    assert_eq!(spend.txid, closed.txid);
    let tx = chain.get_tx(&closed.txid).expect("confirmed").clone();
    let to_a = tx.output.iter().find(|o| o.script_pubkey.as_bytes() == a_script.as_slice()).expect("A's output").value.to_sat();
    let to_b = tx.output.iter().find(|o| o.script_pubkey.as_bytes() != a_script.as_slice()).expect("B's output").value.to_sat();
    assert_eq!(to_b, b_bal / 1000, "the fundee gets its balance");
    assert_eq!((closed.to_local.0, closed.to_remote.0), (to_a, to_b));
    // The funder pays the fee; what both balances lose to whole satoshis
    // (under one satoshi each) goes to the miners too.
    let fee = a_bal / 1000 - to_a;
    let to_miners = CAPACITY - tx.output.iter().map(|o| o.value.to_sat()).sum::<u64>();
    assert_eq!(to_miners - fee, (a_bal % 1000 + b_bal % 1000) / 1000);
    assert!(fee > 0 && fee < 2_000, "a fee from the weight at 1000 sat/kw: {fee}");
}

#[test]
fn a_forged_commitment_signature_is_refused_and_changes_nothing() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _) = open(&sa, &sb, &mut chain);
    let mut fx = a.command(add(5_000_000, 1, chain.height()));
    fx.extend(a.command(Command::Commit(Commit {})));
    let msgs = a.perform(fx, &mut chain);
    let [add_bytes, cs_bytes] = msgs.as_slice() else { panic!("update_add_htlc and commitment_signed expected") };
    let Some(Message::UpdateAddHtlc(m)) = Message::decode(add_bytes).expect("decodes") else { panic!() };
    let fx = b.handle(Input::Recv(Message::UpdateAddHtlc(m)));
    assert!(b.perform(fx, &mut chain).is_empty(), "an add alone is not answered");
    let Some(Message::CommitmentSigned(cs)) = Message::decode(cs_bytes).expect("decodes") else { panic!() };
    let before = b.driver.state().clone();

    // The commitment signature of another transaction.
    let mut forged = cs.clone();
    forged.signature = cs.htlc_signatures[0];
    match b.driver.handle(Input::Recv(Message::CommitmentSigned(forged)), &b.env, &mut b.ctx) {
        Err(DriverError::Rejected(r)) => {
            assert_eq!(r.kind, RejectKind::Error);
            assert_eq!(r.message, "invalid commitment signature");
        }
        other => panic!("a forged signature was accepted: {other:?}"),
    }
    assert_eq!(b.driver.state(), &before, "the refused step changed nothing");

    // A missing HTLC signature.
    let mut short = cs.clone();
    short.htlc_signatures.clear();
    match b.driver.handle(Input::Recv(Message::CommitmentSigned(short)), &b.env, &mut b.ctx) {
        Err(DriverError::Rejected(r)) => assert_eq!(r.message, "invalid or missing HTLC signatures"),
        other => panic!("a commitment without its HTLC signature was accepted: {other:?}"),
    }
    assert_eq!(b.driver.state(), &before);

    // The genuine one goes through, and the dance completes.
    let fx_b = b.handle(Input::Recv(Message::CommitmentSigned(cs)));
    settle_down(&mut a, &mut b, Vec::new(), fx_b, &mut chain);
    assert_views_agree(&a, &b);
    assert_eq!(b.local_commit().htlcs.len(), 1);
}

#[test]
fn a_force_close_pays_each_side_and_the_delayed_output_waits_for_its_csv() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, funding) = open(&sa, &sb, &mut chain);
    let (a_bal, b_bal) = pay_both_ways(&mut a, &mut b, 3, 0, &mut chain);
    assert_eq!(a_bal + b_bal, CAPACITY * 1000);

    let fx = a.command(Command::ForceClose(ForceClose {}));
    settle_down(&mut a, &mut b, fx, Vec::new(), &mut chain);
    assert_eq!(a.state(), "ForceClosed");
    // A late message from the peer is dropped without a warning.
    let State::ForceClosed(fc) = a.driver.state().clone() else { panic!("force closed") };
    let late = Message::ChannelReady(ChannelReady { channel_id: fc.channel_id, second_per_commitment_point: b.basepoints.funding, short_channel_id: None });
    match a.driver.handle(Input::Recv(late), &a.env, &mut a.ctx) {
        Err(DriverError::Rejected(r)) => assert_eq!(r.kind, RejectKind::Ignore),
        other => panic!("a late channel_ready after a force close: {other:?}"),
    }
    assert!(a.refused.is_empty(), "the commitment was refused: {:?}", a.refused);
    let commitment = a.broadcasts.last().expect("the commitment").clone();
    mine(1, &mut a, &mut b, &mut chain);
    assert_eq!(chain.confirmed_spender(&funding).expect("spent").txid, commitment.compute_txid());
    assert_eq!(b.state(), "Closed", "the peer sees the commitment and is done");
    assert_eq!(paid_to(&commitment, &payment_output(&b)), b_bal / 1000, "B's balance pays B at once");

    // The delayed output matures `to_self_delay` (144) blocks after the commitment.
    mine(142, &mut a, &mut b, &mut chain);
    assert_eq!(a.state(), "ForceClosed", "143 confirmations are not enough");
    mine(1, &mut a, &mut b, &mut chain);
    assert_eq!(a.state(), "Closed");
    assert!(a.refused.is_empty(), "the sweep was refused: {:?}", a.refused);
    let Some(Event::Swept(swept)) = a.take_events().pop() else { panic!("swept expected") };
    mine(1, &mut a, &mut b, &mut chain);
    let sweep = chain.get_tx(&swept.txid).expect("the sweep confirmed").clone();
    assert_eq!(paid_to(&sweep, &payment_output(&a)), swept.amount.0);
    let fee = CAPACITY - commitment.output.iter().map(|o| o.value.to_sat()).sum::<u64>();
    assert!(swept.amount.0 < a_bal / 1000 - fee && swept.amount.0 > a_bal / 1000 - fee - 1_000, "A's balance less the fees");
}

#[test]
fn a_revoked_commitment_loses_the_cheater_everything() {
    let (dir, sa, sb) = two_stores();
    let s_old = Store::open(&dir.path().join("a-backup")).expect("store");
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, funding) = open(&sa, &sb, &mut chain);
    pay_both_ways(&mut a, &mut b, 2, 0, &mut chain);
    // A keeps a copy of a state in which it had more, then pays on.
    let backup = a.driver.state().clone();
    // A backup is the state and its archives (the preimages it learnt).
    sa.copy_archives(b"chan", &s_old).expect("copy archives");
    s_old.sync().expect("sync");
    let (_, b_bal) = pay_both_ways(&mut a, &mut b, 4, 10, &mut chain);

    let latest = b.remote_commit().number;
    let mut cheater = Party::restore(&s_old, Role::Funder, 1, backup);
    let fx = cheater.command(Command::ForceClose(ForceClose {}));
    cheater.perform(fx, &mut chain);
    assert!(cheater.refused.is_empty(), "the chain takes the revoked commitment: it is validly signed");
    let revoked = cheater.broadcasts.last().expect("the revoked commitment").clone();
    chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
    let fx = feed_chain_events(&mut b, &chain);
    b.perform(fx, &mut chain);
    // No HTLC output to contest: the channel is done at once.
    b.run_timers(&mut chain);
    assert_eq!(b.state(), "Closed");
    assert!(b.refused.is_empty(), "the justice transaction was refused: {:?}", b.refused);
    let Some(Event::Penalized(p)) = b.take_events().pop() else { panic!("penalized expected") };
    assert!(p.revoked < latest, "commitment {} is older than the latest, {latest}", p.revoked);
    chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
    let justice = chain.get_tx(&p.txid).expect("the justice transaction confirmed").clone();
    assert_eq!(chain.confirmed_spender(&funding).expect("spent").txid, revoked.compute_txid());

    // B holds everything: its own output of the revoked commitment and the cheater's.
    let to_b = paid_to(&revoked, &payment_output(&b)) + paid_to(&justice, &payment_output(&b));
    let commitment_fee = CAPACITY - revoked.output.iter().map(|o| o.value.to_sat()).sum::<u64>();
    let justice_fee = revoked.output.iter().map(|o| o.value.to_sat()).sum::<u64>() - paid_to(&revoked, &payment_output(&b)) - justice.output[0].value.to_sat();
    assert_eq!(to_b + commitment_fee + justice_fee, CAPACITY, "nothing is left for the cheater");
    assert!(to_b > b_bal / 1000, "B ends with more than its balance");

    // The cheater's own sweep, once its delay is over, finds the output gone.
    for _ in 0..144 {
        chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
        let fx = feed_chain_events(&mut cheater, &chain);
        cheater.perform(fx, &mut chain);
        cheater.run_timers(&mut chain);
    }
    assert_eq!(cheater.state(), "Closed");
    assert_eq!(cheater.refused.len(), 1, "the cheater's sweep is refused: {:?}", cheater.refused);
}

#[test]
fn a_reconnection_mid_dance_loses_no_committed_htlc() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _) = open(&sa, &sb, &mut chain);
    let height = chain.height();

    // A offers two HTLCs and signs; B gets all of it, and its answer
    // (revoke_and_ack, then its own commitment_signed) is lost.
    let fx = [a.command(add(7_000_000, 1, height)), a.command(add(8_000_000, 2, height)), a.command(Command::Commit(Commit {}))].concat();
    let to_b = a.perform(fx, &mut chain);
    assert_eq!(to_b.len(), 3);
    let fx = deliver(&mut b, &to_b);
    let lost = b.perform(fx, &mut chain);
    assert_eq!(lost.len(), 2, "revoke_and_ack and commitment_signed, never delivered");
    reconnect(&mut a, &mut b, &mut chain);
    // B sent its revoke_and_ack again; its commitment_signed is signed anew.
    let fb = b.command(Command::Commit(Commit {}));
    settle_down(&mut a, &mut b, Vec::new(), fb, &mut chain);
    assert_views_agree(&a, &b);
    assert_eq!(a.local_commit().htlcs.len(), 2, "both HTLCs survived in A's commitment");
    assert_eq!(b.local_commit().htlcs.len(), 2, "and in B's");

    // B settles both; nothing was lost or paid twice.
    let got = received(&b.take_events());
    assert_eq!(got.iter().map(|r| r.id).collect::<Vec<_>>(), vec![0, 1], "B heard of each add once");
    let fx = [b.command(Command::Fulfill(Fulfill { id: 0, preimage: preimage(1) })), b.command(Command::Fulfill(Fulfill { id: 1, preimage: preimage(2) })), b.command(Command::Commit(Commit {}))].concat();
    settle_down(&mut a, &mut b, Vec::new(), fx, &mut chain);
    assert_views_agree(&a, &b);
    assert_eq!((a.local_commit().to_local.0, b.local_commit().to_local.0), (CAPACITY * 1000 - PUSH_MSAT - 15_000_000, PUSH_MSAT + 15_000_000));
}

#[test]
fn a_lost_commitment_signed_is_rewound_and_its_htlcs_handed_back() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _) = open(&sa, &sb, &mut chain);
    let height = chain.height();

    // B gets A's adds but not A's commitment_signed.
    let fx = [a.command(add(7_000_000, 1, height)), a.command(add(8_000_000, 2, height)), a.command(Command::Commit(Commit {}))].concat();
    let to_b = a.perform(fx, &mut chain);
    let fx = deliver(&mut b, &to_b[..2]);
    assert!(b.perform(fx, &mut chain).is_empty());
    let before = b.local_commit();
    reconnect(&mut a, &mut b, &mut chain);
    assert_eq!(b.local_commit(), before, "B forgot the uncommitted adds");
    let dropped: Vec<u64> = a.take_events().iter().filter_map(|e| if let Event::HtlcDropped(d) = e { Some(d.id) } else { None }).collect();
    assert_eq!(dropped, vec![0, 1], "A's host is told both adds must be made again");
    assert_views_agree(&a, &b);

    // The host adds them again (ids 0 and 1 reused) and the dance completes.
    let fx = [a.command(add(7_000_000, 1, height)), a.command(add(8_000_000, 2, height)), a.command(Command::Commit(Commit {}))].concat();
    settle_down(&mut a, &mut b, fx, Vec::new(), &mut chain);
    assert_views_agree(&a, &b);
    let got = received(&b.take_events());
    assert_eq!(got.iter().map(|r| r.id).collect::<Vec<_>>(), vec![0, 1, 0, 1], "B saw the forgotten adds, then the new ones");
    let fx = [b.command(Command::Fulfill(Fulfill { id: 0, preimage: preimage(1) })), b.command(Command::Fulfill(Fulfill { id: 1, preimage: preimage(2) })), b.command(Command::Commit(Commit {}))].concat();
    settle_down(&mut a, &mut b, Vec::new(), fx, &mut chain);
    assert_eq!(a.local_commit().to_local.0, CAPACITY * 1000 - PUSH_MSAT - 15_000_000);
    assert_views_agree(&a, &b);
}

#[test]
fn a_force_close_with_htlcs_in_flight_resolves_every_htlc_on_chain() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, funding) = open(&sa, &sb, &mut chain);
    let h = chain.height();
    // H1: A pays B, B never settles (A times it out). H2: B pays A, A settles
    // but the peer never hears of it (A claims it with the preimage). H3: B
    // pays A, A cannot settle (B times it out).
    let add_at = |amount: u64, n: u64, cltv: u32| {
        Command::Add(Add { amount: Msat(amount), payment_hash: rt::Hash256(sha256::Hash::hash(&preimage(n)).to_byte_array()), cltv_expiry: cltv, onion: [0u8; 1366] })
    };
    let fx_a = [a.command(add_at(30_000_000, 1, h + 20)), a.command(Command::Commit(Commit {}))].concat();
    let fx_b = [b.command(add_at(20_000_000, 2, h + 30)), b.command(add_at(10_000_000, 3, h + 25)), b.command(Command::Commit(Commit {}))].concat();
    settle_down(&mut a, &mut b, fx_a, fx_b, &mut chain);
    assert_eq!((a.local_commit().htlcs.len(), b.local_commit().htlcs.len()), (3, 3));
    let got = received(&a.take_events());
    let h2 = got.iter().find(|r| r.amount.0 == 20_000_000).expect("H2 reached A").id;
    let fx = a.command(Command::Fulfill(Fulfill { id: h2, preimage: preimage(2) }));
    let lost = a.perform(fx, &mut chain);
    assert_eq!(lost.len(), 1, "the update_fulfill_htlc that never arrives");

    let fx = a.command(Command::ForceClose(ForceClose {}));
    a.perform(fx, &mut chain);
    let commitment = a.broadcasts.last().expect("A's commitment").clone();
    let commitment_txid = commitment.compute_txid();
    let htlc_outputs: Vec<OutPoint> = commitment
        .output
        .iter()
        .enumerate()
        .filter(|(_, o)| [30_000, 20_000, 10_000].contains(&o.value.to_sat()))
        .map(|(i, _)| OutPoint { txid: commitment_txid, vout: i as u32 })
        .collect();
    assert_eq!(htlc_outputs.len(), 3, "three HTLC outputs: {commitment:?}");

    // Block by block, until both sides are done.
    for _ in 0..400 {
        mine(1, &mut a, &mut b, &mut chain);
        if a.state() == "Closed" && b.state() == "Closed" {
            break;
        }
    }
    assert_eq!((a.state(), b.state()), ("Closed", "Closed"), "at height {}", chain.height());
    mine(1, &mut a, &mut b, &mut chain);
    assert!(a.refused.is_empty(), "A's claims were refused: {:?}", a.refused);
    for op in &htlc_outputs {
        assert!(chain.confirmed_spender(op).is_some(), "HTLC output {op} is resolved on chain");
    }
    // A's preimage claim of H2 came before H2 expired: B read the preimage
    // from it (its payment succeeded) and never tried to time H2 out.
    assert!(b.refused.is_empty(), "{:?}", b.refused);
    let resolved = |events: &[Event]| events.iter().filter(|e| matches!(e, Event::HtlcResolved(_))).count();
    let (ea, eb) = (a.take_events(), b.take_events());
    assert_eq!(resolved(&ea), 3, "A swept H1 (timeout) and H2 (success), and saw B take H3");
    assert_eq!(resolved(&eb), 3, "B claimed H3, and saw A take H2 (preimage) and H1 (timeout)");
    let settled: Vec<&HtlcSettled> = eb.iter().filter_map(|e| if let Event::HtlcSettled(s) = e { Some(s) } else { None }).collect();
    assert_eq!(settled.len(), 1, "B learned one preimage on chain: {settled:?}");
    assert_eq!(settled[0].preimage, preimage(2), "H2's, from A's claim");
    assert!(ea.iter().any(|e| matches!(e, Event::Swept(_))), "A's own balance came back too");
    assert!(chain.confirmed_spender(&funding).is_some());
    assert!(chain.height() > h + 20 + 144, "the last sweep waited for H1 to expire, then for the CSV delay: {}", chain.height());
}

#[test]
fn a_revoked_commitment_with_htlcs_in_flight_loses_every_output() {
    let (dir, sa, sb) = two_stores();
    let s_old = Store::open(&dir.path().join("a-backup")).expect("store");
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _) = open(&sa, &sb, &mut chain);
    let h = chain.height();
    // Two HTLCs each way, committed on both sides: A keeps that state.
    let fx_a = [a.command(add(30_000_000, 1, h)), a.command(add(25_000_000, 2, h)), a.command(Command::Commit(Commit {}))].concat();
    let fx_b = [b.command(add(12_000_000, 3, h)), b.command(add(12_000_000, 4, h)), b.command(Command::Commit(Commit {}))].concat();
    settle_down(&mut a, &mut b, fx_a, fx_b, &mut chain);
    assert_eq!(a.local_commit().htlcs.len(), 4);
    let backup = a.driver.state().clone();
    // A backup is the state and its archives (the preimages it learnt).
    sa.copy_archives(b"chan", &s_old).expect("copy archives");
    s_old.sync().expect("sync");
    // Everything settles; A's old commitment is revoked.
    let mut fx_b = Vec::new();
    for r in received(&b.take_events()) {
        let n = if r.amount.0 == 30_000_000 { 1 } else { 2 };
        fx_b.extend(b.command(Command::Fulfill(Fulfill { id: r.id, preimage: preimage(n) })));
    }
    fx_b.extend(b.command(Command::Commit(Commit {})));
    let mut fx_a = Vec::new();
    for r in received(&a.take_events()) {
        fx_a.extend(a.command(Command::Fail(Fail { id: r.id, reason: vec![0x40, 0x0f] })));
    }
    fx_a.extend(a.command(Command::Commit(Commit {})));
    settle_down(&mut a, &mut b, fx_a, fx_b, &mut chain);
    assert!(a.local_commit().htlcs.is_empty());

    let mut cheater = Party::restore(&s_old, Role::Funder, 1, backup);
    let fx = cheater.command(Command::ForceClose(ForceClose {}));
    cheater.perform(fx, &mut chain);
    let revoked = cheater.broadcasts.last().expect("the revoked commitment").clone();
    chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
    let fx = feed_chain_events(&mut b, &chain);
    b.perform(fx, &mut chain);
    assert!(b.refused.is_empty(), "a justice transaction was refused: {:?}", b.refused);
    let penalties = b.take_events().iter().filter(|e| matches!(e, Event::Penalized(_))).count();
    assert_eq!(penalties, 5, "to_local and four HTLC outputs");
    chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
    let revoked_txid = revoked.compute_txid();
    for (vout, out) in revoked.output.iter().enumerate() {
        if out.script_pubkey == payment_output(&b) {
            continue;
        }
        let spender = chain.confirmed_spender(&OutPoint { txid: revoked_txid, vout: vout as u32 });
        let spent_by = spender.and_then(|s| chain.get_tx(&s.txid).cloned()).expect("every other output is taken");
        assert_eq!(spent_by.output[0].script_pubkey, payment_output(&b), "output {vout} went to B");
    }
}

#[test]
fn a_cheater_that_claims_an_htlc_first_loses_its_second_stage_output_too() {
    let (dir, sa, sb) = two_stores();
    let s_old = Store::open(&dir.path().join("a-backup")).expect("store");
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _) = open(&sa, &sb, &mut chain);
    let h = chain.height();
    // B pays A 30 000 sat; A learns the preimage (it fulfills) and keeps a
    // copy of its state from that moment, whose commitment still holds the HTLC.
    let fx_b = [b.command(add(30_000_000, 1, h)), b.command(Command::Commit(Commit {}))].concat();
    settle_down(&mut a, &mut b, Vec::new(), fx_b, &mut chain);
    let r = received(&a.take_events()).pop().expect("the HTLC reached A");
    let fx_a = [a.command(Command::Fulfill(Fulfill { id: r.id, preimage: preimage(1) })), a.command(Command::Commit(Commit {}))].concat();
    let backup = a.driver.state().clone();
    // A backup is the state and its archives (the preimages it learnt).
    sa.copy_archives(b"chan", &s_old).expect("copy archives");
    s_old.sync().expect("sync");
    settle_down(&mut a, &mut b, fx_a, Vec::new(), &mut chain);
    assert!(a.local_commit().htlcs.is_empty(), "the HTLC is settled; the commitment holding it is revoked");

    // The cheater publishes the revoked commitment and, before B looks,
    // claims the HTLC output with its HTLC-success transaction.
    let mut cheater = Party::restore(&s_old, Role::Funder, 1, backup);
    let fx = cheater.command(Command::ForceClose(ForceClose {}));
    cheater.perform(fx, &mut chain);
    let revoked = cheater.broadcasts.last().expect("the revoked commitment").clone();
    chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
    let fx = feed_chain_events(&mut cheater, &chain);
    cheater.perform(fx, &mut chain);
    assert!(cheater.refused.is_empty(), "{:?}", cheater.refused);
    let success = cheater.broadcasts.last().expect("the cheater's HTLC-success").clone();
    assert_eq!(success.input[0].previous_output.txid, revoked.compute_txid(), "it spends the revoked commitment");
    chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
    assert!(chain.get_tx(&success.compute_txid()).is_some(), "the HTLC-success confirmed");

    // B sees both at once: its justice for the HTLC output comes too late,
    // but the HTLC-success output is revocable until the cheater's delay.
    let fx = feed_chain_events(&mut b, &chain);
    b.perform(fx, &mut chain);
    assert_eq!(b.state(), "Punishing");
    assert_eq!(b.refused.len(), 1, "the HTLC output was already spent: {:?}", b.refused);
    let fx = feed_chain_events(&mut b, &chain);
    b.perform(fx, &mut chain);
    b.run_timers(&mut chain);
    assert_eq!(b.state(), "Closed", "every contested output is resolved");
    let penalties: Vec<Penalized> = b.take_events().into_iter().filter_map(|e| if let Event::Penalized(p) = e { Some(p) } else { None }).collect();
    assert_eq!(penalties.len(), 3, "to_local, the HTLC output (too late) and the second-stage output: {penalties:?}");
    chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
    let second_stage = OutPoint { txid: success.compute_txid(), vout: 0 };
    let taken = chain.confirmed_spender(&second_stage).expect("the second-stage output is spent");
    let taken = chain.get_tx(&taken.txid).expect("the spender").clone();
    assert_eq!(taken.output[0].script_pubkey, payment_output(&b), "and it went to B");
    // Every output of the revoked commitment ends with B.
    let revoked_txid = revoked.compute_txid();
    for (vout, out) in revoked.output.iter().enumerate() {
        if out.script_pubkey == payment_output(&b) {
            continue;
        }
        let spender = chain.confirmed_spender(&OutPoint { txid: revoked_txid, vout: vout as u32 }).expect("spent");
        let tx = chain.get_tx(&spender.txid).expect("the spender");
        let to_b = tx.output[0].script_pubkey == payment_output(&b) || spender.txid == success.compute_txid();
        assert!(to_b, "output {vout} of the revoked commitment went to B, directly or through the second stage");
    }
}

#[test]
fn an_anchors_channel_pays_both_ways_and_closes() {
    // option_anchors_zero_fee_htlc_tx: anchor outputs on every commitment,
    // HTLC signatures under SIGHASH_SINGLE|ANYONECANPAY.
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, funding) = open_with(&sa, &sb, &mut chain, |p| p.anchors = true);
    let (a_bal, b_bal) = pay_both_ways(&mut a, &mut b, 5, 0, &mut chain);
    assert_eq!(a_bal + b_bal, CAPACITY * 1000);
    let fx = a.command(Command::Close(Close { scriptpubkey: payment_output(&a).to_bytes() }));
    settle_down(&mut a, &mut b, fx, Vec::new(), &mut chain);
    assert_eq!((a.state(), b.state()), ("Closed", "Closed"));
    assert!(a.refused.is_empty() && b.refused.is_empty(), "{:?} {:?}", a.refused, b.refused);
    mine(1, &mut a, &mut b, &mut chain);
    let close = chain.get_tx(&chain.confirmed_spender(&funding).expect("closed").txid).expect("confirmed").clone();
    assert_eq!(paid_to(&close, &payment_output(&b)), b_bal / 1000);
}

#[test]
fn an_update_add_htlc_against_the_rules_fails_the_channel_and_changes_nothing() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _) = open(&sa, &sb, &mut chain);
    let fx = a.command(add(5_000_000, 1, chain.height()));
    let [bytes] = a.perform(fx, &mut chain).try_into().expect("one update_add_htlc");
    let Some(Message::UpdateAddHtlc(good)) = Message::decode(&bytes).expect("decodes") else { panic!("update_add_htlc expected") };
    let before = b.driver.state().clone();
    let cases: Vec<(UpdateAddHtlc, &str)> = vec![
        (UpdateAddHtlc { cltv_expiry: 500_000_000, ..good.clone() }, "cltv_expiry is not a block height"),
        (UpdateAddHtlc { id: 7, ..good.clone() }, "HTLC id out of sequence"),
        (UpdateAddHtlc { amount_msat: Msat(0), ..good.clone() }, "zero-value HTLC"),
        (UpdateAddHtlc { amount_msat: Msat(950_000_000), ..good.clone() }, "HTLC exceeds the sender's balance"),
        (UpdateAddHtlc { channel_id: rt::ChannelId([1; 32]), ..good.clone() }, "unknown channel id"),
    ];
    for (m, why) in cases {
        match b.driver.handle(Input::Recv(Message::UpdateAddHtlc(m)), &b.env, &mut b.ctx) {
            Err(DriverError::Rejected(r)) => assert_eq!((r.kind, r.message.as_str()), (RejectKind::Error, why)),
            other => panic!("accepted against the rules ({why}): {other:?}"),
        }
        assert_eq!(b.driver.state(), &before, "{why}: nothing changed");
    }
    // The genuine add still goes through afterwards.
    let fx = b.handle(Input::Recv(Message::UpdateAddHtlc(good)));
    assert!(b.perform(fx, &mut chain).is_empty());
    let fx = a.command(Command::Commit(Commit {}));
    settle_down(&mut a, &mut b, fx, Vec::new(), &mut chain);
    assert_views_agree(&a, &b);
    assert_eq!(b.local_commit().htlcs.len(), 1);
}

#[test]
fn upfront_shutdown_scripts_bind_both_sides_and_the_close_pays_them() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let script = |b: u8| ScriptBuf::new_p2wpkh(&bitcoin::WPubkeyHash::from_byte_array([b; 20]));
    let (s_a, s_b) = (script(0xa1), script(0xb2));
    let (mut a, mut b, funding) = open_committing(&sa, &sb, &mut chain, &|_| {}, &|_| {}, (s_a.to_bytes(), s_b.to_bytes()));
    let State::Normal(n) = b.driver.state() else { panic!("B is open") };
    assert_eq!(n.peer.upfront_shutdown, s_a.to_bytes(), "B keeps what A committed to");
    pay_both_ways(&mut a, &mut b, 1, 0, &mut chain);

    // A may not close to another script; the channel is untouched.
    assert!(a.try_command(Command::Close(Close { scriptpubkey: script(0xcc).to_bytes() })).is_none());
    assert_eq!(a.state(), "Normal");
    // A shutdown naming another script than A's upfront one fails B's side.
    let channel_id = match a.driver.state() {
        State::Normal(n) => n.channel_id,
        other => panic!("{}", other.name()),
    };
    let forged = Message::Shutdown(Shutdown { channel_id, scriptpubkey: script(0xcc).to_bytes() });
    match b.driver.handle(Input::Recv(forged), &b.env, &mut b.ctx) {
        Err(DriverError::Rejected(r)) => {
            assert_eq!((r.kind, r.message.as_str()), (RejectKind::Error, "shutdown scriptpubkey is not the upfront_shutdown_script"))
        }
        other => panic!("a shutdown to another script was accepted: {other:?}"),
    }
    assert_eq!(b.state(), "Normal");

    // Closing with no script named closes to the committed one, both sides.
    let fx = a.command(Command::Close(Close { scriptpubkey: Vec::new() }));
    settle_down(&mut a, &mut b, fx, Vec::new(), &mut chain);
    assert_eq!((a.state(), b.state()), ("Closed", "Closed"));
    mine(1, &mut a, &mut b, &mut chain);
    let close = chain.get_tx(&chain.confirmed_spender(&funding).expect("closed").txid).expect("confirmed").clone();
    assert!(paid_to(&close, &s_a) > 0 && paid_to(&close, &s_b) > 0, "the close pays both committed scripts: {close:?}");
    assert_eq!(close.output.len(), 2);
}

/// Delivers messages both ways until none is left, firing no timer.
fn exchange(a: &mut Party, b: &mut Party, mut fx_a: Decided<BoltChannel>, mut fx_b: Decided<BoltChannel>, chain: &mut EmbeddedChain) {
    loop {
        let to_b = a.perform(std::mem::take(&mut fx_a), chain);
        let to_a = b.perform(std::mem::take(&mut fx_b), chain);
        if to_a.is_empty() && to_b.is_empty() {
            return;
        }
        fx_b = deliver(b, &to_b);
        fx_a = deliver(a, &to_a);
    }
}

#[test]
fn a_disconnection_during_shutdown_resumes_it_after_channel_reestablish() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, funding) = open(&sa, &sb, &mut chain);
    let h = chain.height();
    // An HTLC from A to B is committed; A starts the close, B answers: both
    // shut down, waiting for the HTLC.
    let fx = [a.command(add(7_000_000, 1, h)), a.command(Command::Commit(Commit {}))].concat();
    settle_down(&mut a, &mut b, fx, Vec::new(), &mut chain);
    let r = received(&b.take_events()).pop().expect("the HTLC reached B");
    // (Messages only: A's negotiate timer keeps waiting while the HTLC is there.)
    let fx = a.command(Command::Close(Close { scriptpubkey: payment_output(&a).to_bytes() }));
    exchange(&mut a, &mut b, fx, Vec::new(), &mut chain);
    assert_eq!((a.state(), b.state()), ("ShuttingDown", "ShuttingDown"));
    // B's fulfill is lost with the connection.
    let fx = b.command(Command::Fulfill(Fulfill { id: r.id, preimage: preimage(1) }));
    assert_eq!(b.perform(fx, &mut chain).len(), 1, "update_fulfill_htlc, never delivered");
    let fa = a.command(Command::PeerDisconnected(PeerDisconnected {}));
    let fb = b.command(Command::PeerDisconnected(PeerDisconnected {}));
    assert!(a.perform(fa, &mut chain).is_empty() && b.perform(fb, &mut chain).is_empty());
    assert_eq!((a.state(), b.state()), ("Disconnected", "Disconnected"));
    let fa = a.command(Command::PeerConnected(PeerConnected {}));
    let fb = b.command(Command::PeerConnected(PeerConnected {}));
    exchange(&mut a, &mut b, fa, fb, &mut chain);
    assert_eq!((a.state(), b.state()), ("ShuttingDown", "ShuttingDown"), "both sent shutdown again after channel_reestablish");
    assert_views_agree(&a, &b);
    // The unsigned fulfill was forgotten; B fulfills again, and the close completes.
    let fx = [b.command(Command::Fulfill(Fulfill { id: r.id, preimage: preimage(1) })), b.command(Command::Commit(Commit {}))].concat();
    settle_down(&mut a, &mut b, Vec::new(), fx, &mut chain);
    assert_eq!((a.state(), b.state()), ("Closed", "Closed"));
    mine(1, &mut a, &mut b, &mut chain);
    let close = chain.get_tx(&chain.confirmed_spender(&funding).expect("closed").txid).expect("confirmed").clone();
    assert_eq!(paid_to(&close, &payment_output(&b)), (PUSH_MSAT + 7_000_000) / 1000, "B is paid its balance with the HTLC");
    assert!(paid_to(&close, &payment_output(&a)) > 0);
}

/// Both sides shut down, A proposes a fee and the proposal is lost with the
/// connection: A is in `Negotiating`.
fn negotiating_then_cut_off<'s>(sa: &'s Store, sb: &'s Store, chain: &mut EmbeddedChain) -> (Party<'s>, Party<'s>, OutPoint) {
    let (mut a, mut b, funding) = open(sa, sb, chain);
    let fx = a.command(Command::Close(Close { scriptpubkey: payment_output(&a).to_bytes() }));
    exchange(&mut a, &mut b, fx, Vec::new(), chain);
    assert_eq!((a.state(), b.state()), ("ShuttingDown", "ShuttingDown"));
    let t = a.timers.pop_front().expect("A's negotiate timer");
    let fx = a.handle(Input::Timer(t));
    assert_eq!(a.state(), "Negotiating");
    assert_eq!(a.perform(fx, chain).len(), 1, "closing_signed, never delivered");
    let fa = a.command(Command::PeerDisconnected(PeerDisconnected {}));
    let fb = b.command(Command::PeerDisconnected(PeerDisconnected {}));
    assert!(a.perform(fa, chain).is_empty() && b.perform(fb, chain).is_empty());
    assert_eq!((a.state(), b.state()), ("Disconnected", "Disconnected"));
    (a, b, funding)
}

#[test]
fn a_disconnection_during_the_fee_negotiation_starts_it_over_after_channel_reestablish() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, funding) = negotiating_then_cut_off(&sa, &sb, &mut chain);
    let fa = a.command(Command::PeerConnected(PeerConnected {}));
    let fb = b.command(Command::PeerConnected(PeerConnected {}));
    exchange(&mut a, &mut b, fa, fb, &mut chain);
    assert_eq!((a.state(), b.state()), ("ShuttingDown", "ShuttingDown"), "both sent shutdown again after channel_reestablish");
    settle_down(&mut a, &mut b, Vec::new(), Vec::new(), &mut chain);
    assert_eq!((a.state(), b.state()), ("Closed", "Closed"), "A proposed again and B signed");
    mine(1, &mut a, &mut b, &mut chain);
    let close = chain.get_tx(&chain.confirmed_spender(&funding).expect("closed").txid).expect("confirmed").clone();
    assert_eq!(paid_to(&close, &payment_output(&b)), PUSH_MSAT / 1000, "B is paid its balance");
}

#[test]
fn a_funder_stuck_negotiating_can_force_close() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, funding) = open(&sa, &sb, &mut chain);
    let fx = a.command(Command::Close(Close { scriptpubkey: payment_output(&a).to_bytes() }));
    exchange(&mut a, &mut b, fx, Vec::new(), &mut chain);
    let t = a.timers.pop_front().expect("A's negotiate timer");
    let fx = a.handle(Input::Timer(t));
    assert_eq!(a.perform(fx, &mut chain).len(), 1, "closing_signed, which B never answers");
    assert_eq!(a.state(), "Negotiating");
    let fx = a.command(Command::ForceClose(ForceClose {}));
    assert!(a.perform(fx, &mut chain).is_empty());
    assert_eq!(a.state(), "ForceClosed");
    let commitment = a.broadcasts.last().expect("A's commitment").clone();
    assert_eq!(commitment.input[0].previous_output, funding);
    chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
    assert!(chain.get_tx(&commitment.compute_txid()).is_some(), "the chain accepted A's commitment");
}

#[test]
fn the_funder_signs_a_closing_fee_the_fundee_picks_inside_its_range() {
    use lnp_engine::rt::Signer;
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, funding) = open(&sa, &sb, &mut chain);
    pay_both_ways(&mut a, &mut b, 1, 0, &mut chain);
    // Shutdown both ways, then the funder's proposal, held back from B.
    let fx = a.command(Command::Close(Close { scriptpubkey: payment_output(&a).to_bytes() }));
    let [shutdown] = a.perform(fx, &mut chain).try_into().expect("shutdown");
    let fx = deliver(&mut b, &[shutdown]);
    let [reply] = b.perform(fx, &mut chain).try_into().expect("B's shutdown");
    let fx = deliver(&mut a, &[reply]);
    assert!(a.perform(fx, &mut chain).is_empty());
    let negotiate = a.timers.pop_front().expect("negotiate");
    let fx = a.handle(Input::Timer(negotiate));
    let [proposal] = a.perform(fx, &mut chain).try_into().expect("closing_signed");
    let Some(Message::ClosingSigned(proposal)) = Message::decode(&proposal).expect("decodes") else { panic!("closing_signed expected") };
    let range = proposal.fee_range.clone().expect("the funder offers a range");
    assert!(range.min_fee_satoshis < proposal.fee_satoshis && proposal.fee_satoshis < range.max_fee_satoshis);

    // B answers a higher fee inside the range, signed over that transaction.
    let State::ShuttingDown(sd) = b.driver.state().clone() else { panic!("B is shutting down") };
    let fee = rt::Sat(proposal.fee_satoshis.0 + 100);
    let tx = f_channel_closing_tx(sd.local_commit, sd.funding, sd.capacity, false, sd.local.clone(), sd.remote, sd.local_script, sd.remote_script, fee, &b.env, &mut b.ctx).expect("the closing transaction");
    let signature = b.ctx.sign(&tx, 0, &sd.local.funding).expect("B signs");
    let counter = ClosingSigned { channel_id: proposal.channel_id, fee_satoshis: fee, signature, fee_range: None };
    // First a fee above the range: refused, and A still waits.
    let greedy = ClosingSigned { fee_satoshis: rt::Sat(range.max_fee_satoshis.0 + 1), ..counter.clone() };
    match a.driver.handle(Input::Recv(Message::ClosingSigned(greedy)), &a.env, &mut a.ctx) {
        Err(DriverError::Rejected(r)) => assert_eq!(r.message, "the closing fee is outside the range we offered"),
        other => panic!("a fee outside the range was accepted: {other:?}"),
    }
    assert_eq!(a.state(), "Negotiating");
    let fx = a.handle(Input::Recv(Message::ClosingSigned(counter)));
    let [answer] = a.perform(fx, &mut chain).try_into().expect("A signs B's fee");
    assert_eq!(a.state(), "Closed");
    assert!(a.refused.is_empty(), "{:?}", a.refused);
    let Some(Message::ClosingSigned(answer)) = Message::decode(&answer).expect("decodes") else { panic!() };
    assert_eq!(answer.fee_satoshis, fee);
    mine(1, &mut a, &mut b, &mut chain);
    let spend = chain.confirmed_spender(&funding).expect("closed on chain");
    let close = chain.get_tx(&spend.txid).expect("confirmed").clone();
    assert_eq!(close.compute_txid(), tx.tx.compute_txid(), "the transaction at B's fee");
}

#[test]
fn each_commitment_uses_its_holders_dust_limit_and_the_delay_the_other_side_asked() {
    // A keeps a 546-sat dust limit and asks B to wait 144 blocks; B keeps
    // 354 sat and asks A to wait 200. An HTLC of 600 sat is dust on A's
    // commitment (546 + the HTLC-timeout fee) but an output on B's: each
    // side must build the other's commitment with the other's dust limit,
    // or the signatures would not verify.
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, funding) = open_with_each(&sa, &sb, &mut chain, &|p| p.dust_limit = rt::Sat(546), &|p| {
        p.dust_limit = rt::Sat(354);
        p.to_self_delay = 200;
    });
    let h = chain.height();
    let fx = [a.command(add(600_000, 1, h)), a.command(Command::Commit(Commit {}))].concat();
    settle_down(&mut a, &mut b, fx, Vec::new(), &mut chain);
    assert_views_agree(&a, &b);
    assert_eq!(a.local_commit().htlcs.len(), 1);

    // A's own commitment: the 600-sat HTLC has no output there.
    let fx = a.command(Command::ForceClose(ForceClose {}));
    a.perform(fx, &mut chain);
    let commitment = a.broadcasts.last().expect("A's commitment").clone();
    assert!(!commitment.output.iter().any(|o| o.value.to_sat() == 600), "trimmed on A's side: {commitment:?}");
    mine(1, &mut a, &mut b, &mut chain);
    assert_eq!(chain.confirmed_spender(&funding).expect("spent").txid, commitment.compute_txid());
    // A's delayed output waits the 200 blocks B asked for, not A's own 144.
    mine(198, &mut a, &mut b, &mut chain);
    assert_eq!(a.state(), "ForceClosed", "199 confirmations are not 200");
    mine(1, &mut a, &mut b, &mut chain);
    assert!(a.refused.is_empty(), "the sweep was refused: {:?}", a.refused);
    assert!(a.take_events().iter().any(|e| matches!(e, Event::Swept(_))), "swept after 200 blocks");
}

#[test]
fn the_first_commitments_use_the_funders_feerate_whatever_the_fundees_own() {
    // A (funder) estimates 2,500 sat/kw; B's own parameter is the default
    // 253. BOLT 2: the first commitments use open_channel's
    // feerate_per_kw. Had B built them at its own rate, A's signature on
    // B's commitment would not verify and the open would fail.
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _) = open_with_each(&sa, &sb, &mut chain, &|p| p.feerate_per_kw = 2_500, &|_| {});
    assert_eq!((a.local_commit().feerate, b.local_commit().feerate), (2_500, 2_500));
    assert_views_agree(&a, &b);
    let h = chain.height();
    let fx = [a.command(add(5_000_000, 1, h)), a.command(Command::Commit(Commit {}))].concat();
    settle_down(&mut a, &mut b, fx, Vec::new(), &mut chain);
    assert_views_agree(&a, &b);
    assert_eq!(b.local_commit().htlcs.len(), 1);
}

#[test]
fn a_funder_does_not_propose_a_feerate_it_cannot_pay_or_that_is_unreasonable() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _) = open(&sa, &sb, &mut chain);
    let too_high = a.try_command(Command::SetFeerate(SetFeerate { feerate_per_kw: 100_001 }));
    assert!(too_high.is_none(), "a feerate above the ceiling is refused");
    // An 850,000-sat HTLC in flight leaves A (the funder, 900,000 sat) less
    // than 50,000 sat: at 90,000 sat/kw a commitment with one HTLC output
    // costs about 80,000 sat.
    let h = chain.height();
    let fx = [a.command(add(850_000_000, 1, h)), a.command(Command::Commit(Commit {}))].concat();
    settle_down(&mut a, &mut b, fx, Vec::new(), &mut chain);
    assert_eq!(b.local_commit().htlcs.len(), 1);
    assert!(a.try_command(Command::SetFeerate(SetFeerate { feerate_per_kw: 90_000 })).is_none(), "A cannot pay that fee and keep its reserve");
    let fx = a.command(Command::SetFeerate(SetFeerate { feerate_per_kw: 5_000 }));
    let fx = [fx, a.command(Command::Commit(Commit {}))].concat();
    settle_down(&mut a, &mut b, fx, Vec::new(), &mut chain);
    assert_eq!((a.local_commit().feerate, b.local_commit().feerate), (5_000, 5_000));
    assert_views_agree(&a, &b);
}

#[test]
fn a_side_keeps_the_reserve_and_minimum_its_peer_asked_for() {
    // A asks B to keep 50,000 sat and to offer at least 2,000 sat; B
    // (100,000 sat pushed to it) asks A for the defaults. B can offer at
    // most 50,000 sat, and no HTLC under 2,000 sat.
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _) = open_with_each(
        &sa,
        &sb,
        &mut chain,
        &|p| {
            p.channel_reserve = rt::Sat(50_000);
            p.htlc_minimum = Msat(2_000_000);
        },
        &|_| {},
    );
    let h = chain.height();
    assert!(b.try_command(add(60_000_000, 1, h)).is_none(), "60,000 sat would break the reserve A asked for");
    assert!(b.try_command(add(1_000_000, 3, h)).is_none(), "1,000 sat is below A's htlc_minimum_msat");
    let fx_a = a.try_command(add(1_000_000, 4, h)).expect("B asked no such minimum of A");
    let fx = b.try_command(add(40_000_000, 2, h)).expect("40,000 sat fits above the reserve");
    let fx = [fx, b.command(Command::Commit(Commit {}))].concat();
    settle_down(&mut b, &mut a, fx, fx_a, &mut chain);
    let fx_a = a.command(Command::Commit(Commit {}));
    settle_down(&mut a, &mut b, fx_a, Vec::new(), &mut chain);
    assert_views_agree(&a, &b);
    assert_eq!(b.local_commit().htlcs.len(), 2, "B's 40,000-sat HTLC and A's 1,000-sat one");
}

/// A offers B an HTLC of `amount_msat` for `preimage(n)` expiring at
/// `expiry`, committed on both sides; B's id for it.
fn committed_htlc(a: &mut Party, b: &mut Party, chain: &mut EmbeddedChain, amount_msat: u64, n: u64, expiry: u32) -> u64 {
    let fx_a = [
        a.command(Command::Add(Add { amount: Msat(amount_msat), payment_hash: rt::Hash256(sha256::Hash::hash(&preimage(n)).to_byte_array()), cltv_expiry: expiry, onion: [0u8; 1366] })),
        a.command(Command::Commit(Commit {})),
    ]
    .concat();
    settle_down(a, b, fx_a, Vec::new(), chain);
    assert_eq!(a.local_commit().htlcs.len(), 1);
    received(&b.take_events())[0].id
}

/// `check_deadlines` at every height from `from` to `to` (mining a block
/// before each): nothing happens on either side.
fn no_deadline_until(to: u32, a: &mut Party, b: &mut Party, chain: &mut EmbeddedChain) {
    while chain.height() < to {
        mine(1, a, b, chain);
        for (fx, state) in [(a.command(Command::CheckDeadlines(CheckDeadlines {})), a.state()), (b.command(Command::CheckDeadlines(CheckDeadlines {})), b.state())] {
            assert!(fx.is_empty(), "acted at height {}: {fx:?}", chain.height());
            assert_eq!(state, "Normal");
        }
    }
}

#[test]
fn an_offered_htlc_still_committed_a_block_after_its_expiry_fails_the_channel_and_times_out_on_chain() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _) = open(&sa, &sb, &mut chain);
    let expiry = chain.height() + 20;
    committed_htlc(&mut a, &mut b, &mut chain, 30_000_000, 1, expiry);
    // B never settles it. Up to the expiry itself, A waits.
    no_deadline_until(expiry, &mut a, &mut b, &mut chain);

    // One block later (G = 1), A fails the channel: its commitment goes out.
    chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
    a.ctx.set_height(chain.height());
    let fx = a.command(Command::CheckDeadlines(CheckDeadlines {}));
    a.perform(fx, &mut chain);
    assert_eq!(a.state(), "ForceClosed");
    let events = a.take_events();
    let passed: Vec<&DeadlinePassed> = events.iter().filter_map(|e| if let Event::DeadlinePassed(d) = e { Some(d) } else { None }).collect();
    assert_eq!(passed.len(), 1, "{events:?}");
    assert_eq!((passed[0].offered, passed[0].cltv_expiry, passed[0].height), (true, expiry, expiry + 1));
    assert!(events.iter().any(|e| matches!(e, Event::ForceClosed(_))));
    assert!(a.refused.is_empty(), "A's commitment was refused: {:?}", a.refused);

    // On chain the HTLC times out to A.
    for _ in 0..400 {
        mine(1, &mut a, &mut b, &mut chain);
        if a.state() == "Closed" && b.state() == "Closed" {
            break;
        }
    }
    assert_eq!((a.state(), b.state()), ("Closed", "Closed"), "at height {}", chain.height());
    assert!(a.refused.is_empty() && b.refused.is_empty(), "{:?} {:?}", a.refused, b.refused);
    let resolved: Vec<HtlcResolved> = a.take_events().into_iter().filter_map(|e| if let Event::HtlcResolved(r) = e { Some(r) } else { None }).collect();
    assert!(resolved.iter().any(|r| r.offered), "A timed its HTLC out on chain: {resolved:?}");
}

#[test]
fn a_fulfilled_htlc_the_peer_never_removes_fails_the_channel_seven_blocks_before_its_expiry() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _) = open(&sa, &sb, &mut chain);
    let expiry = chain.height() + 30;
    let id = committed_htlc(&mut a, &mut b, &mut chain, 20_000_000, 2, expiry);
    // B fulfills; A never hears of it (the message is lost, A goes quiet).
    let fx = b.command(Command::Fulfill(Fulfill { id, preimage: preimage(2) }));
    assert_eq!(b.perform(fx, &mut chain).len(), 1, "the update_fulfill_htlc that never arrives");

    // Until 7 blocks before the expiry, B waits for A.
    while chain.height() < expiry - 8 {
        chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
        b.ctx.set_height(chain.height());
        assert!(b.command(Command::CheckDeadlines(CheckDeadlines {})).is_empty(), "B acted at {}", chain.height());
    }
    chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
    b.ctx.set_height(chain.height());
    let fx = b.command(Command::CheckDeadlines(CheckDeadlines {}));
    b.perform(fx, &mut chain);
    assert_eq!(b.state(), "ForceClosed", "at height {} (expiry {expiry})", chain.height());
    let events = b.take_events();
    assert!(events.iter().any(|e| matches!(e, Event::DeadlinePassed(d) if !d.offered && d.id == id && d.cltv_expiry == expiry)), "{events:?}");

    // On chain B claims the HTLC with its preimage before A could time it out.
    for _ in 0..400 {
        mine(1, &mut a, &mut b, &mut chain);
        if b.state() == "Closed" && a.state() == "Closed" {
            break;
        }
    }
    assert_eq!((a.state(), b.state()), ("Closed", "Closed"), "at height {}", chain.height());
    assert!(b.refused.is_empty(), "{:?}", b.refused);
    let resolved: Vec<HtlcResolved> = b.take_events().into_iter().filter_map(|e| if let Event::HtlcResolved(r) = e { Some(r) } else { None }).collect();
    assert!(resolved.iter().any(|r| !r.offered && r.id == id), "B claimed the HTLC on chain: {resolved:?}");
    let settled = a.take_events().into_iter().any(|e| matches!(e, Event::HtlcSettled(s) if s.preimage == preimage(2)));
    assert!(settled, "A learned the preimage from B's claim");
}

#[test]
fn an_htlc_past_its_fulfillment_deadline_is_not_fulfilled() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _) = open(&sa, &sb, &mut chain);
    let expiry = chain.height() + 10;
    let id = committed_htlc(&mut a, &mut b, &mut chain, 20_000_000, 3, expiry);
    // Seven blocks before the expiry the preimage may no longer go out.
    chain.mine(3, &ScriptBuf::new_op_return([])).expect("mine");
    b.ctx.set_height(chain.height());
    assert_eq!(expiry - chain.height(), 7);
    let before = b.driver.state().clone();
    assert!(b.try_command(Command::Fulfill(Fulfill { id, preimage: preimage(3) })).is_none(), "fulfilled 7 blocks before the expiry");
    assert_eq!(b.driver.state(), &before, "a refused fulfill changes nothing");
    // Failing it is still allowed.
    let fx = b.command(Command::Fail(Fail { id, reason: vec![1, 2, 3] }));
    assert_eq!(b.perform(fx, &mut chain).len(), 1, "update_fail_htlc");
}

#[test]
fn a_fundee_forgets_a_channel_whose_funding_never_confirms_after_2016_blocks() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _, _) = open_unlocked(&sa, &sb, &mut chain, &|_| {}, &|_| {}, (Vec::new(), Vec::new()), false);
    let signed_at = chain.height();
    let check = |p: &mut Party, chain: &EmbeddedChain| {
        p.ctx.set_height(chain.height());
        p.command(Command::CheckDeadlines(CheckDeadlines {}))
    };
    // 2015 blocks later both still wait.
    chain.mine(2015, &ScriptBuf::new_op_return([])).expect("mine");
    assert!(check(&mut a, &chain).is_empty());
    assert!(check(&mut b, &chain).is_empty());
    assert_eq!((a.state(), b.state()), ("AwaitLocked", "AwaitLocked"));
    // At 2016 the fundee forgets the channel; the funder keeps waiting for
    // its own transaction.
    chain.mine(1, &ScriptBuf::new_op_return([])).expect("mine");
    assert_eq!(chain.height(), signed_at + 2016);
    let fx = check(&mut b, &chain);
    b.perform(fx, &mut chain);
    assert_eq!(b.state(), "Closed");
    assert!(b.take_events().iter().any(|e| matches!(e, Event::ChannelForgotten(_))));
    assert!(check(&mut a, &chain).is_empty());
    assert_eq!(a.state(), "AwaitLocked");
}

#[test]
fn a_fundee_keeps_a_channel_whose_funding_confirmed_late_but_not_yet_deep() {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _, funding_tx) = open_unlocked(&sa, &sb, &mut chain, &|_| {}, &|_| {}, (Vec::new(), Vec::new()), false);
    let signed_at = chain.height();
    // The funding, kept back until now, confirms at +2015: two blocks deep
    // at +2016, short of the three the channel waits for.
    chain.mine(2014, &ScriptBuf::new_op_return([])).expect("mine");
    chain.submit(funding_tx).expect("funding accepted");
    mine(1, &mut a, &mut b, &mut chain);
    mine(1, &mut a, &mut b, &mut chain);
    assert_eq!(chain.height(), signed_at + 2016);
    assert_eq!(b.state(), "AwaitLocked");
    b.ctx.set_height(chain.height());
    assert!(b.command(Command::CheckDeadlines(CheckDeadlines {})).is_empty(), "the fundee saw the funding: it keeps the channel");
    assert_eq!(b.state(), "AwaitLocked");
    mine(1, &mut a, &mut b, &mut chain);
    assert_eq!((a.state(), b.state()), ("Normal", "Normal"), "three deep: open");
}
