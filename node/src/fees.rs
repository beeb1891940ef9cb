//! The fee rates the node pays on chain, and when a channel's commitment
//! feerate should move.
//!
//! The rate comes from the chain backend's estimate (bitcoind's
//! `estimatesmartfee` for [`TARGET_BLOCKS`]); without one (the embedded
//! chain, a bitcoind that has not seen enough blocks) the node keeps its
//! defaults: [`FALLBACK_SAT_PER_KW`] for commitments and
//! [`crate::channels::FUNDING_FEERATE_SAT_VB`] for funding transactions.
//!
//! A funder moves its channels' feerate with `update_fee` when the estimate
//! has risen a quarter above it or fallen below half of it: often enough to
//! keep commitments confirmable, not on every wobble of the estimate (each
//! move is a commitment dance with the peer).
//!
//! What this is not: fee bumping of transactions already broadcast.

/// The confirmation target asked of the estimator, in blocks.
pub const TARGET_BLOCKS: u16 = 6;
/// BOLT 2's floor for `feerate_per_kw` (the minimum relay fee, 1 sat/vB).
pub const FLOOR_SAT_PER_KW: u32 = 253;
/// The channel spec's ceiling (`max_feerate` in `specs/bolt/channel.lnp`).
pub const CEILING_SAT_PER_KW: u32 = 100_000;
/// A commitment's feerate when the chain gives no estimate.
pub const FALLBACK_SAT_PER_KW: u32 = FLOOR_SAT_PER_KW;

/// An estimate in sat per 1,000 weight units, clamped to what a channel
/// accepts.
pub fn commitment_rate(estimate_sat_per_kw: u64) -> u32 {
    u32::try_from(estimate_sat_per_kw).unwrap_or(u32::MAX).clamp(FLOOR_SAT_PER_KW, CEILING_SAT_PER_KW)
}

/// sat/kw as the wallet's sat/vB (4,000 weight units per 1,000 vbytes),
/// rounded up, at least 1.
pub fn sat_per_vb(sat_per_kw: u32) -> u64 {
    (u64::from(sat_per_kw) * 4).div_ceil(1000).max(1)
}

/// The feerate a funder should propose for a channel whose commitments are
/// at `current`, given the `estimate`: `None` while the estimate is within
/// [half of `current`, `current` + 25 %].
pub fn update_for(current: u32, estimate: u32) -> Option<u32> {
    let estimate = estimate.clamp(FLOOR_SAT_PER_KW, CEILING_SAT_PER_KW);
    let rose = u64::from(estimate) * 4 > u64::from(current) * 5;
    let fell = u64::from(estimate) * 2 < u64::from(current);
    (rose || fell).then_some(estimate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feerate_follows_a_rise_of_a_quarter_and_a_fall_to_half() {
        assert_eq!(update_for(1_000, 1_250), None, "25 % up is within the band");
        assert_eq!(update_for(1_000, 1_251), Some(1_251));
        assert_eq!(update_for(1_000, 500), None, "half is within the band");
        assert_eq!(update_for(1_000, 499), Some(499));
        assert_eq!(update_for(300, 100), None, "never below the floor: 253 is within the band of 300");
        assert_eq!(update_for(600, 100), Some(FLOOR_SAT_PER_KW));
        assert_eq!(update_for(50_000, 1_000_000), Some(CEILING_SAT_PER_KW));
        assert_eq!(update_for(CEILING_SAT_PER_KW, u32::MAX), None);
    }

    #[test]
    fn rates_convert_and_clamp() {
        assert_eq!(sat_per_vb(253), 2);
        assert_eq!(sat_per_vb(250), 1);
        assert_eq!(sat_per_vb(2_500), 10);
        assert_eq!(sat_per_vb(0), 1);
        assert_eq!(commitment_rate(10), FLOOR_SAT_PER_KW);
        assert_eq!(commitment_rate(2_500), 2_500);
        assert_eq!(commitment_rate(u64::MAX), CEILING_SAT_PER_KW);
    }
}
