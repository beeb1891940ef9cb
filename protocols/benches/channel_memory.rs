//! Memory per idle BOLT channel (issue 5's bar: ≤ 8 KiB per idle channel
//! with 1,000 channels): what one open channel costs in RAM as the generated
//! machine holds it — its `Normal` state and its signer (`SoftContext`, with
//! the five basepoint secrets) — measured as the resident-set growth of
//! keeping 1,000 of them, and its stored form (the bytes sled keeps).
//!
//! The channels are copies of one channel opened between two machines (as
//! the `htlc_round` bench opens it), each with its own signer; a payment
//! made first gives the state the lists a used channel has. What it leaves
//! out: the node's per-channel host data (its watches, the peer table, sled's
//! caches), which `lnpd` adds on top.
//!
//! Run: `cargo bench -p lnp-protocols --bench channel_memory`.

#[path = "support/lnp_pair.rs"]
#[allow(dead_code)]
mod lnp_pair;

use bitcoin::secp256k1::SecretKey;
use lnp_engine::machine::Machine;
use lnp_engine::soft::SoftContext;
use lnp_protocols::generated::bolt_channel::*;

const CHANNELS: usize = 1_000;

/// Resident memory of this process, in bytes (Linux `/proc/self/statm`).
fn rss() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

fn main() {
    let (mut a, mut b) = lnp_pair::open().unwrap_or_else(|e| panic!("the channel did not open: {e}"));
    lnp_pair::round(&mut a, &mut b, 1_000_000, 0).unwrap_or_else(|e| panic!("a first payment: {e}"));
    lnp_pair::round(&mut b, &mut a, 1_000_000, 1).unwrap_or_else(|e| panic!("a payment back: {e}"));
    assert_eq!(a.state.name(), "Normal");
    let stored = BoltChannel::encode_state(&a.state).unwrap_or_else(|e| panic!("the state encodes: {e}"));

    let before = rss().unwrap_or(0);
    let mut kept: Vec<(State, SoftContext)> = Vec::with_capacity(CHANNELS);
    for i in 0..CHANNELS {
        let mut ctx = SoftContext::new([i as u8; 32], [(i >> 8) as u8; 32]);
        for k in 1..=5u8 {
            let mut secret = [k; 32];
            secret[..8].copy_from_slice(&(i as u64 + 1).to_be_bytes());
            ctx.add_key(SecretKey::from_slice(&secret).unwrap_or_else(|e| panic!("a key: {e}")));
        }
        kept.push((a.state.clone(), ctx));
    }
    let after = rss().unwrap_or(0);
    let per = after.saturating_sub(before) as f64 / CHANNELS as f64;
    println!("== channel_memory ==");
    println!("  channels kept                        {CHANNELS}");
    println!("  resident memory per idle channel     {:.0} B ({:.2} KiB; target ≤ 8 KiB)", per, per / 1024.0);
    println!("  stored state per channel (sled)      {} B", stored.len());
    println!("  (state after 2 payments; it grows by the peer's revealed secrets and revoked HTLCs as the channel is used)");
    std::hint::black_box(&kept);
}
