//! Why the embedded chain refuses something, as typed values: [`RejectReason`] for a
//! transaction, [`ScriptFailure`] for the script part of it, [`ChainError`] for a block
//! or reorg request. Every `Display` is a sentence a person can act on.
//!
//! This module only describes failures; the checks that produce them live in
//! `validate`, `locks` and `script`.

use core::fmt;

use bitcoin::absolute::LockTime;
use bitcoin::{Amount, BlockHash, OutPoint, PublicKey, Txid};

use crate::params::COINBASE_MATURITY;

/// A point a lock waits for: a block height, or a median time past (BIP 113).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LockPoint {
    /// The height of the block that would include the transaction.
    Height(u32),
    /// The median time past of that block's parent, in UNIX seconds.
    MedianTime(u32),
}

impl fmt::Display for LockPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockPoint::Height(h) => write!(f, "block height {h}"),
            LockPoint::MedianTime(t) => write!(f, "median time past {t}"),
        }
    }
}

/// What kind of output an input spends, as far as verification is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScriptKind {
    /// Pay to public key hash.
    P2pkh,
    /// Pay to script hash (possibly wrapping a segwit v0 program).
    P2sh,
    /// Segwit v0 pay to witness public key hash.
    P2wpkh,
    /// Segwit v0 pay to witness script hash.
    P2wsh,
    /// Segwit v1 (taproot).
    P2tr,
    /// A witness program of a version without consensus rules yet (v1 non-taproot
    /// lengths, v2..v16), native or wrapped in P2SH.
    FutureWitness {
        /// The witness version, 1..=16.
        version: u8,
    },
    /// Anything else (bare multisig, P2PK, non-standard scripts).
    Other,
}

impl fmt::Display for ScriptKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScriptKind::P2pkh => f.write_str("P2PKH"),
            ScriptKind::P2sh => f.write_str("P2SH"),
            ScriptKind::P2wpkh => f.write_str("P2WPKH"),
            ScriptKind::P2wsh => f.write_str("P2WSH"),
            ScriptKind::P2tr => f.write_str("P2TR"),
            ScriptKind::FutureWitness { version } => write!(f, "witness v{version}"),
            ScriptKind::Other => f.write_str("non-standard"),
        }
    }
}

/// Why an input's script did not verify.
///
/// Bitcoin Core's verifier (libbitcoinconsensus) is the only authority: it answers
/// "valid" or "invalid" and nothing finer. When it says invalid, `script::diagnose`
/// re-examines the input to name the likely cause; a cause is only named when that
/// re-examination actually found it, otherwise the answer is [`ScriptFailure::Rejected`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScriptFailure {
    /// A native segwit spend carried a non-empty scriptSig.
    #[error("a native segwit spend must have an empty scriptSig")]
    ScriptSigNotEmpty,
    /// A segwit output was spent with no witness at all.
    #[error("the witness is empty")]
    EmptyWitness,
    /// The witness has the wrong number of elements for the output type.
    #[error("the witness has {got} elements, a {kind} spend needs {expected}")]
    WitnessStackSize {
        /// The output type spent.
        kind: ScriptKind,
        /// Elements the output type needs.
        expected: usize,
        /// Elements present.
        got: usize,
    },
    /// P2WPKH: the public key in the witness does not hash to the output's key hash.
    #[error("the public key in the witness does not hash to the output's key hash")]
    PubkeyHashMismatch,
    /// P2WSH: the last witness element does not hash to the output's script hash.
    #[error("the witness script does not hash to the output's script hash")]
    WitnessScriptMismatch,
    /// A signature is not strict DER followed by a standard sighash byte.
    #[error("witness element {element} is not a strict-DER ECDSA signature with a standard sighash byte")]
    SignatureEncoding {
        /// Index of the element in the witness stack.
        element: usize,
    },
    /// P2WPKH: the signature does not verify for the key against the BIP 143 sighash.
    #[error("the signature does not verify for public key {pubkey} (wrong key, wrong amount or a modified transaction)")]
    SignatureInvalid {
        /// The public key the signature was checked against.
        pubkey: PublicKey,
    },
    /// P2WSH: a witness element parses as a signature but verifies for none of the
    /// public keys pushed by the witness script.
    #[error("the signature in witness element {element} verifies for none of the witness script's public keys (wrong key, wrong amount or a modified transaction)")]
    SignatureMatchesNoKey {
        /// Index of the element in the witness stack.
        element: usize,
    },
    /// The interpreter said no and the re-examination found no simpler cause.
    #[error("Bitcoin Core's script interpreter rejected this {kind} spend; libbitcoinconsensus gives no finer reason (check the witness stack order, hash preimages and any OP_CHECKLOCKTIMEVERIFY/OP_CHECKSEQUENCEVERIFY argument against the transaction's lock time and sequence)")]
    Rejected {
        /// The output type spent.
        kind: ScriptKind,
    },
}

/// Why a transaction was refused by [`crate::EmbeddedChain::submit`] (or could not go
/// into a block, or was dropped from the mempool).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RejectReason {
    /// No inputs.
    #[error("a transaction needs at least one input")]
    NoInputs,
    /// No outputs.
    #[error("a transaction needs at least one output")]
    NoOutputs,
    /// Coinbases are made by mining, never submitted.
    #[error("a coinbase transaction cannot be submitted; coinbases are created by mining")]
    Coinbase,
    /// A non-coinbase input spends the null outpoint.
    #[error("input {input} spends the null outpoint, which only a coinbase may")]
    NullPrevout {
        /// Index of the offending input.
        input: usize,
    },
    /// The same outpoint appears twice among the inputs.
    #[error("the transaction spends {0} twice")]
    DuplicateInput(OutPoint),
    /// An output value outside 0..=21M BTC (a negative value on the wire decodes as a
    /// huge unsigned one and lands here).
    #[error("output {output} is worth {value}, outside 0 to 21,000,000 BTC")]
    OutputValueOutOfRange {
        /// Index of the offending output.
        output: usize,
        /// Its value.
        value: Amount,
    },
    /// The outputs add up to more than 21M BTC.
    #[error("the outputs add up to more than 21,000,000 BTC")]
    TotalOutputOutOfRange,
    /// Stripped of its witness the transaction alone exceeds the block weight limit.
    #[error("the transaction weighs {weight_wu} weight units without its witness, above the block limit of 4,000,000")]
    TooLarge {
        /// Four times the witness-stripped size.
        weight_wu: u64,
    },
    /// The same transaction is already waiting in the mempool.
    #[error("transaction {0} is already in the mempool")]
    AlreadyInMempool(Txid),
    /// The same transaction is already in the active chain.
    #[error("transaction {txid} is already confirmed at height {height}")]
    AlreadyConfirmed {
        /// The transaction.
        txid: Txid,
        /// Height of the block holding it.
        height: u32,
    },
    /// An input refers to an output nobody created (or whose creator is gone).
    #[error("an input spends {0}, which is neither in the UTXO set nor created by a mempool transaction")]
    MissingInput(OutPoint),
    /// An input spends an output some other transaction already spends.
    #[error("{outpoint} is already spent by {spent_by} ({})", spent_where(.confirmed_at))]
    DoubleSpend {
        /// The contested output.
        outpoint: OutPoint,
        /// The transaction that spends it first.
        spent_by: Txid,
        /// `Some(height)` when that spend is confirmed, `None` when it is in the mempool.
        confirmed_at: Option<u32>,
    },
    /// A coinbase output spent before [`COINBASE_MATURITY`] blocks.
    #[error("{outpoint} is a coinbase output from height {coinbase_height}: it can be spent in blocks from height {} on, the next block is {spend_height}", .coinbase_height + COINBASE_MATURITY)]
    ImmatureCoinbase {
        /// The coinbase output.
        outpoint: OutPoint,
        /// Height of the block that created it.
        coinbase_height: u32,
        /// Height of the block the spend would be mined in.
        spend_height: u32,
    },
    /// The outputs are worth more than the inputs.
    #[error("the outputs ({outputs}) are worth more than the inputs ({inputs})")]
    FeeNegative {
        /// Sum of the spent outputs.
        inputs: Amount,
        /// Sum of the new outputs.
        outputs: Amount,
    },
    /// Absolute lock time (`nLockTime`) not reached by the block the transaction would
    /// be mined in. Heights compare with that block's height, times with its parent's
    /// median time past (BIP 113); both must be strictly greater than the lock time.
    #[error("lock time {} is not reached: the next block has height {height} and median time past {median_time_past}", show_locktime(.locktime))]
    LocktimeNotReached {
        /// The transaction's lock time.
        locktime: LockTime,
        /// Height of the block the transaction would be mined in.
        height: u32,
        /// Median time past of that block's parent.
        median_time_past: u32,
    },
    /// A BIP 68 relative lock (input sequence, transaction version >= 2) not reached.
    #[error(
        "input {input}: its relative lock needs {required}, the next block offers {available}"
    )]
    SequenceLockNotReached {
        /// Index of the input whose lock is not reached.
        input: usize,
        /// What the lock needs.
        required: LockPoint,
        /// What the next block offers.
        available: LockPoint,
    },
    /// Bitcoin Core's verifier rejected an input's script.
    #[error("input {input}: script verification failed: {reason}")]
    ScriptFailed {
        /// Index of the failing input.
        input: usize,
        /// The diagnosis.
        reason: ScriptFailure,
    },
    /// The input spends an output this chain cannot verify (taproot or a future
    /// witness version); accepting it unverified would make it anyone-can-spend.
    #[error("input {input} spends a {kind} output, which this chain refuses to treat as anyone-can-spend: the linked libbitcoinconsensus (Bitcoin Core 25.1) has no taproot rules, and witness versions above 1 have none at all")]
    UnverifiableSpend {
        /// Index of the input.
        input: usize,
        /// The output type spent.
        kind: ScriptKind,
    },
}

fn spent_where(confirmed_at: &Option<u32>) -> String {
    match confirmed_at {
        Some(h) => format!("confirmed at height {h}"),
        None => "in the mempool".to_owned(),
    }
}

fn show_locktime(lt: &LockTime) -> String {
    match lt {
        LockTime::Blocks(h) => format!("height {}", h.to_consensus_u32()),
        LockTime::Seconds(t) => format!("time {}", t.to_consensus_u32()),
    }
}

/// Why a block could not be mined, or a reorg or invalidation could not be done.
/// A failed request leaves the chain exactly as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    /// A transaction the caller put in the block is invalid there.
    #[error("block transaction {index} ({txid}) is invalid: {reason}")]
    InvalidBlockTransaction {
        /// Position among the caller's transactions (0 = first after the coinbase).
        index: usize,
        /// The transaction.
        txid: Txid,
        /// Why.
        reason: RejectReason,
    },
    /// A block time must exceed its parent's median time past.
    #[error("block time {time} is not after the median time past {median_time_past}")]
    BlockTimeTooOld {
        /// The requested time.
        time: u32,
        /// The parent's median time past.
        median_time_past: u32,
    },
    /// The caller's transactions would make the block exceed 4,000,000 weight units.
    #[error("the block would weigh {weight_wu} weight units, above the limit of 4,000,000")]
    BlockTooHeavy {
        /// The weight the block would have.
        weight_wu: u64,
    },
    /// A height above the tip, or a depth deeper than the chain.
    #[error("height {height} is not in the active chain (tip is {tip})")]
    HeightOutOfRange {
        /// The requested height.
        height: u32,
        /// The current tip height.
        tip: u32,
    },
    /// The genesis block stays.
    #[error("the genesis block cannot be disconnected")]
    GenesisNotDisconnectable,
    /// The block time would overflow `u32`.
    #[error("the next block time overflows after {previous}")]
    TimeOverflow {
        /// The parent's time.
        previous: u32,
    },
    /// Internal bookkeeping disagrees with the blocks (a bug in this crate).
    #[error("internal inconsistency at block {hash}: {what}")]
    Inconsistent {
        /// The block being processed.
        hash: BlockHash,
        /// What was found.
        what: &'static str,
    },
}
