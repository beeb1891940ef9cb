//! Property: any interleaving of adds, fulfills, fails, fee updates, partial
//! message delivery and disconnections keeps the BOLT channel sound. After
//! every step each side's commitments hold exactly the capacity; once the
//! peers drain their queues and sign what is left, both sides see the same
//! two commitments, with the same HTLCs.
//!
//! Messages travel through per-direction FIFO queues (as over one TCP
//! connection); a disconnection loses whatever is still queued.

use bitcoin::hashes::{sha256, Hash};
use lnp_chain::EmbeddedChain;
use lnp_engine::driver::Decided;
use lnp_protocols::generated::bolt_channel::*;
use lnp_tests::bolt_channel::*;
use proptest::prelude::*;
use std::collections::VecDeque;

#[derive(Debug, Clone)]
enum Op {
    /// Side (true = A) offers an HTLC of this many msat.
    Add(bool, u64),
    /// Side signs what it has.
    Commit(bool),
    /// Up to n queued messages reach this side.
    Deliver(bool, usize),
    /// Side settles (true) or fails (false) the k-th HTLC it was offered.
    Resolve(bool, usize, bool),
    /// The funder proposes a feerate.
    Fee(u32),
    /// The connection drops and comes back.
    Reconnect,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (any::<bool>(), prop_oneof![1_000_000u64..60_000_000, 100_000u64..600_000]).prop_map(|(s, a)| Op::Add(s, a)),
        3 => any::<bool>().prop_map(Op::Commit),
        5 => (any::<bool>(), 1usize..4).prop_map(|(s, n)| Op::Deliver(s, n)),
        3 => (any::<bool>(), 0usize..4, prop::bool::weighted(0.8)).prop_map(|(s, k, f)| Op::Resolve(s, k, f)),
        1 => (253u32..3_000).prop_map(Op::Fee),
        1 => Just(Op::Reconnect),
    ]
}

struct Wire {
    to_a: VecDeque<Vec<u8>>,
    to_b: VecDeque<Vec<u8>>,
}

fn send(p: &mut Party, fx: Decided<BoltChannel>, queue: &mut VecDeque<Vec<u8>>, chain: &mut EmbeddedChain) {
    queue.extend(p.perform(fx, chain));
}

/// The HTLCs a side was offered that are committed on both sides, by id.
fn settleable(p: &Party) -> Vec<Pending> {
    let (local, remote) = (p.local_commit(), p.remote_commit());
    local.htlcs.iter().filter(|h| !h.offered && remote.htlcs.contains(h)).cloned().collect()
}

fn conserved(p: &Party) {
    for c in [p.local_commit(), p.remote_commit()] {
        let total = c.to_local.0 + c.to_remote.0 + c.htlcs.iter().map(|h| h.amount.0).sum::<u64>();
        assert_eq!(total, CAPACITY * 1000, "{:?} commitment {} holds the capacity", p.env.role, c.number);
    }
}

fn run(ops: Vec<Op>) {
    let (_dir, sa, sb) = two_stores();
    let mut chain = EmbeddedChain::new();
    let (mut a, mut b, _) = open(&sa, &sb, &mut chain);
    let height = chain.height();
    let mut wire = Wire { to_a: VecDeque::new(), to_b: VecDeque::new() };
    let mut n = 0u64;
    for op in ops {
        match op {
            Op::Add(side, amount) => {
                n += 1;
                let (p, q) = if side { (&mut a, &mut wire.to_b) } else { (&mut b, &mut wire.to_a) };
                if let Some(fx) = p.try_command(add(amount, n, height)) {
                    send(p, fx, q, &mut chain);
                }
            }
            Op::Commit(side) => {
                let (p, q) = if side { (&mut a, &mut wire.to_b) } else { (&mut b, &mut wire.to_a) };
                if let Some(fx) = p.try_command(Command::Commit(Commit {})) {
                    send(p, fx, q, &mut chain);
                }
            }
            Op::Deliver(side, k) => {
                let (p, inq, outq) = if side { (&mut a, &mut wire.to_a, &mut wire.to_b) } else { (&mut b, &mut wire.to_b, &mut wire.to_a) };
                for _ in 0..k {
                    let Some(bytes) = inq.pop_front() else { break };
                    let fx = deliver(p, &[bytes]);
                    send(p, fx, outq, &mut chain);
                }
            }
            Op::Resolve(side, k, fulfil) => {
                let (p, q) = if side { (&mut a, &mut wire.to_b) } else { (&mut b, &mut wire.to_a) };
                let htlcs = settleable(p);
                if let Some(h) = htlcs.get(k % htlcs.len().max(1)) {
                    let c = if fulfil {
                        let num = (1..=n).find(|i| sha256::Hash::hash(&preimage(*i)).to_byte_array().as_slice() == h.lock.as_slice()).expect("a preimage of ours");
                        Command::Fulfill(Fulfill { id: h.id, preimage: preimage(num) })
                    } else {
                        Command::Fail(Fail { id: h.id, reason: vec![0x40, 0x0f] })
                    };
                    if let Some(fx) = p.try_command(c) {
                        send(p, fx, q, &mut chain);
                    }
                }
            }
            Op::Fee(rate) => {
                if let Some(fx) = a.try_command(Command::SetFeerate(SetFeerate { feerate_per_kw: rate })) {
                    send(&mut a, fx, &mut wire.to_b, &mut chain);
                }
            }
            Op::Reconnect => {
                wire.to_a.clear();
                wire.to_b.clear();
                reconnect(&mut a, &mut b, &mut chain);
            }
        }
        conserved(&a);
        conserved(&b);
    }
    // Drain: deliver everything, sign what is left, until both are quiet.
    for _ in 0..50 {
        let fx_a = [deliver(&mut a, &wire.to_a.drain(..).collect::<Vec<_>>()), a.try_command(Command::Commit(Commit {})).unwrap_or_default()].concat();
        let fx_b = [deliver(&mut b, &wire.to_b.drain(..).collect::<Vec<_>>()), b.try_command(Command::Commit(Commit {})).unwrap_or_default()].concat();
        send(&mut a, fx_a, &mut wire.to_b, &mut chain);
        send(&mut b, fx_b, &mut wire.to_a, &mut chain);
        if wire.to_a.is_empty() && wire.to_b.is_empty() {
            break;
        }
    }
    assert!(wire.to_a.is_empty() && wire.to_b.is_empty(), "the peers never went quiet");
    assert_views_agree(&a, &b);
    let mirror = |hs: Vec<Pending>| {
        let mut v: Vec<(u64, u64, bool)> = hs.into_iter().map(|h| (h.id, h.amount.0, !h.offered)).collect();
        v.sort();
        v
    };
    let mine = |hs: Vec<Pending>| {
        let mut v: Vec<(u64, u64, bool)> = hs.into_iter().map(|h| (h.id, h.amount.0, h.offered)).collect();
        v.sort();
        v
    };
    assert_eq!(mine(a.local_commit().htlcs), mirror(b.local_commit().htlcs), "the same HTLCs on both sides");
    let (local, remote) = (a.local_commit(), a.remote_commit());
    assert_eq!((local.to_local, local.to_remote, local.feerate), (remote.to_local, remote.to_remote, remote.feerate), "at rest A's two commitments hold the same balances");
    assert_eq!(mine(local.htlcs), mine(remote.htlcs), "and the same HTLCs");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, .. ProptestConfig::default() })]
    #[test]
    fn any_interleaving_keeps_the_channel_sound(ops in prop::collection::vec(op(), 1..60)) {
        run(ops);
    }
}
