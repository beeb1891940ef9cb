//! Consensus parameters of the embedded chain: regtest's subsidy schedule, coinbase
//! maturity, money range, block weight limit, the proof-of-work target blocks are mined
//! against, and the script verification flags handed to Bitcoin Core's verifier.
//!
//! This is not a general `Params` for every network: the embedded chain is always
//! regtest-shaped, and only the numbers it actually uses live here.

use bitcoin::{Amount, CompactTarget, Weight};

/// A coinbase output can be spent only in a block at least this many blocks above the
/// block that created it (Bitcoin Core's `COINBASE_MATURITY`).
pub const COINBASE_MATURITY: u32 = 100;

/// Regtest halves the subsidy every 150 blocks (mainnet: 210,000).
pub const SUBSIDY_HALVING_INTERVAL: u32 = 150;

/// The subsidy of the first halving era: 50 BTC.
pub const INITIAL_SUBSIDY: Amount = Amount::from_sat(50 * 100_000_000);

/// No amount, output or sum of outputs, may exceed 21 million BTC.
pub const MAX_MONEY: Amount = Amount::MAX_MONEY;

/// The consensus block weight limit (BIP 141).
pub const MAX_BLOCK_WEIGHT: Weight = Weight::MAX_BLOCK;

/// Regtest's proof-of-work limit, in compact form (`0x207fffff`). Blocks are mined
/// against it by trying nonces, which takes two hashes on average.
pub fn regtest_bits() -> CompactTarget {
    CompactTarget::from_consensus(0x207f_ffff)
}

/// Seconds between blocks when the caller does not choose a block time.
pub const BLOCK_INTERVAL_SECS: u32 = 600;

/// Number of blocks whose times make up the median time past (BIP 113).
pub const MEDIAN_TIME_SPAN: usize = 11;

/// Lock times below this are block heights, at or above it UNIX times.
pub const LOCKTIME_THRESHOLD: u32 = 500_000_000;

/// Script verification flags, with the bit values of Bitcoin Core's
/// `script/interpreter.h` (and `bitcoinconsensus.h`, which exposes exactly these).
pub mod flags {
    /// Evaluate P2SH (BIP 16) redeem scripts.
    pub const P2SH: u32 = 1 << 0;
    /// Strict DER signatures (BIP 66).
    pub const DERSIG: u32 = 1 << 2;
    /// The dummy element of `OP_CHECKMULTISIG` must be empty (BIP 147).
    pub const NULLDUMMY: u32 = 1 << 4;
    /// `OP_CHECKLOCKTIMEVERIFY` (BIP 65).
    pub const CHECKLOCKTIMEVERIFY: u32 = 1 << 9;
    /// `OP_CHECKSEQUENCEVERIFY` (BIP 112).
    pub const CHECKSEQUENCEVERIFY: u32 = 1 << 10;
    /// Segregated witness (BIP 141, 143).
    pub const WITNESS: u32 = 1 << 11;
    /// Taproot (BIP 341, 342). Bitcoin Core 25.1's libbitcoinconsensus, which the
    /// `bitcoin` 0.32 crate links (`bitcoinconsensus` 0.105.0+25.1), rejects this bit as
    /// an invalid flag and has no entry point taking all spent outputs, which taproot
    /// signature hashes need. It is therefore never passed; see [`crate::script`].
    pub const TAPROOT: u32 = 1 << 17;

    /// Every flag this chain enforces on every input: all soft forks up to segwit.
    pub const ENFORCED: u32 =
        P2SH | DERSIG | NULLDUMMY | CHECKLOCKTIMEVERIFY | CHECKSEQUENCEVERIFY | WITNESS;
}

/// The block subsidy at `height`: 50 BTC halved every [`SUBSIDY_HALVING_INTERVAL`]
/// blocks, zero after 64 halvings (as in Bitcoin Core's `GetBlockSubsidy`).
pub fn block_subsidy(height: u32) -> Amount {
    let halvings = height / SUBSIDY_HALVING_INTERVAL;
    if halvings >= 64 {
        return Amount::ZERO;
    }
    Amount::from_sat(INITIAL_SUBSIDY.to_sat() >> halvings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsidy_halves_on_regtest_schedule() {
        assert_eq!(block_subsidy(0), INITIAL_SUBSIDY);
        assert_eq!(block_subsidy(149), INITIAL_SUBSIDY);
        assert_eq!(block_subsidy(150), Amount::from_sat(25 * 100_000_000));
        assert_eq!(block_subsidy(150 * 64), Amount::ZERO);
    }
}
