//! Time locks: median time past (BIP 113), absolute lock time (`nLockTime`, Bitcoin
//! Core's `IsFinalTx`) and BIP 68 relative locks (`CalculateSequenceLocks` +
//! `EvaluateSequenceLocks`), always judged against the block the transaction would be
//! mined in.
//!
//! Not here: the script opcodes `OP_CHECKLOCKTIMEVERIFY` / `OP_CHECKSEQUENCEVERIFY`,
//! which compare a script argument with the transaction's own lock time or sequence;
//! Bitcoin Core's interpreter checks those (see `script`). This module checks that the
//! chain has actually reached what the transaction's lock time and sequences claim.

use bitcoin::{Sequence, Transaction};

use crate::error::{LockPoint, RejectReason};
use crate::params::{LOCKTIME_THRESHOLD, MEDIAN_TIME_SPAN};

/// BIP 68: when set in an input's sequence, the input has no relative lock.
const SEQUENCE_DISABLE_FLAG: u32 = 1 << 31;
/// BIP 68: when set, the lock counts units of 512 seconds instead of blocks.
const SEQUENCE_TYPE_FLAG: u32 = 1 << 22;
/// BIP 68: the lock value lives in the low 16 bits.
const SEQUENCE_VALUE_MASK: u32 = 0x0000_ffff;
/// BIP 68: time-based values count units of 2^9 = 512 seconds.
const SEQUENCE_GRANULARITY: u32 = 9;

/// Median of the times of the block at `height` and up to ten blocks before it
/// (Bitcoin Core's `GetMedianTimePast`). `times[h]` is the time of the block at height
/// `h`; a height beyond the slice is clamped to its last block. Zero for no blocks.
pub fn median_time_past(times: &[u32], height: u32) -> u32 {
    let end = usize::try_from(height)
        .map_or(times.len(), |h| h.saturating_add(1))
        .min(times.len());
    let start = end.saturating_sub(MEDIAN_TIME_SPAN);
    let mut window: Vec<u32> = times[start..end].to_vec();
    window.sort_unstable();
    window.get(window.len() / 2).copied().unwrap_or(0)
}

/// The block a transaction is judged for: its height, and the times of all its
/// ancestors.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LockContext<'a> {
    /// Height of the block the transaction would be mined in.
    pub height: u32,
    /// Times of the blocks at heights `0..height`, indexed by height.
    pub times: &'a [u32],
}

impl LockContext<'_> {
    /// Median time past of the parent of the block being judged (BIP 113's clock).
    pub(crate) fn parent_median_time_past(&self) -> u32 {
        median_time_past(self.times, self.height.saturating_sub(1))
    }
}

/// Absolute lock time: a non-zero `nLockTime` must be below the block's height (height
/// locks) or below its parent's median time past (time locks), unless every input
/// has the final sequence `0xffffffff`. Applies to every transaction version.
pub(crate) fn check_final(tx: &Transaction, ctx: &LockContext<'_>) -> Result<(), RejectReason> {
    let lock = tx.lock_time.to_consensus_u32();
    if lock == 0 {
        return Ok(());
    }
    let mtp = ctx.parent_median_time_past();
    let cutoff = if lock < LOCKTIME_THRESHOLD {
        ctx.height
    } else {
        mtp
    };
    if lock < cutoff || tx.input.iter().all(|i| i.sequence == Sequence::MAX) {
        return Ok(());
    }
    Err(RejectReason::LocktimeNotReached {
        locktime: tx.lock_time,
        height: ctx.height,
        median_time_past: mtp,
    })
}

/// BIP 68 relative locks, for transactions whose version, read as unsigned, is at least
/// 2. `coin_heights[i]` is the height of the block that created input `i`'s coin (the
/// judged block's own height for a coin created by a mempool transaction).
///
/// A height lock of `n` on a coin from height `h` is reached in blocks of height
/// `h + n` and above. A time lock of `n` units is reached when the judged block's
/// parent has a median time past of at least `mtp(h - 1) + n * 512`.
pub(crate) fn check_sequence_locks(
    tx: &Transaction,
    coin_heights: &[u32],
    ctx: &LockContext<'_>,
) -> Result<(), RejectReason> {
    // Bitcoin Core compares `static_cast<uint32_t>(tx.version) >= 2`.
    if (tx.version.0 as u32) < 2 {
        return Ok(());
    }
    let mtp = ctx.parent_median_time_past();
    for (input, (txin, &coin_height)) in tx.input.iter().zip(coin_heights).enumerate() {
        let seq = txin.sequence.to_consensus_u32();
        if seq & SEQUENCE_DISABLE_FLAG != 0 {
            continue;
        }
        let value = seq & SEQUENCE_VALUE_MASK;
        if seq & SEQUENCE_TYPE_FLAG != 0 {
            let coin_time = median_time_past(ctx.times, coin_height.saturating_sub(1));
            let required = u64::from(coin_time) + (u64::from(value) << SEQUENCE_GRANULARITY);
            if u64::from(mtp) < required {
                return Err(RejectReason::SequenceLockNotReached {
                    input,
                    required: LockPoint::MedianTime(clamp_u32(required)),
                    available: LockPoint::MedianTime(mtp),
                });
            }
        } else {
            let required = u64::from(coin_height) + u64::from(value);
            if u64::from(ctx.height) < required {
                return Err(RejectReason::SequenceLockNotReached {
                    input,
                    required: LockPoint::Height(clamp_u32(required)),
                    available: LockPoint::Height(ctx.height),
                });
            }
        }
    }
    Ok(())
}

fn clamp_u32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_last_eleven() {
        let times: Vec<u32> = (0..20).map(|i| 1000 + i * 10).collect();
        // Blocks 9..=19 -> median is block 14.
        assert_eq!(median_time_past(&times, 19), 1140);
        // Near genesis fewer blocks count: blocks 0..=2 -> block 1.
        assert_eq!(median_time_past(&times, 2), 1010);
        assert_eq!(median_time_past(&[], 5), 0);
    }

    #[test]
    fn median_ignores_order() {
        let times = [5, 1, 9];
        assert_eq!(median_time_past(&times, 2), 5);
    }
}
