//! Script verification of one input, by Bitcoin Core's consensus verifier
//! (libbitcoinconsensus through `bitcoin::consensus::verify_script_with_flags`), plus a
//! diagnosis of the likely cause when it says no.
//!
//! Flags enforced on every input: P2SH, DERSIG, NULLDUMMY, CHECKLOCKTIMEVERIFY,
//! CHECKSEQUENCEVERIFY, WITNESS ([`crate::params::flags::ENFORCED`]).
//!
//! Not supported, precisely: taproot. The `bitcoin` 0.32 crate's `bitcoinconsensus`
//! feature links `bitcoinconsensus` 0.105.0+25.1, i.e. Bitcoin Core 25.1's
//! libbitcoinconsensus. Its flag mask is exactly the six flags above (passing
//! `TAPROOT` returns `ERR_INVALID_FLAGS`), and its only entry point,
//! `bitcoinconsensus_verify_script_with_amount`, takes one spent output, while BIP 341
//! signature hashes commit to all of them (the `..._with_spent_outputs` entry point
//! arrived with Core 26 / `bitcoinconsensus` 0.106). Without the flag a witness v1
//! output verifies as anyone-can-spend, so rather than accept it unverified this module
//! refuses any spend of a taproot or future-witness-version output with
//! [`RejectReason::UnverifiableSpend`]. Creating such outputs is fine.
//!
//! Not here either: signature-operation counting (a block limit, not enforced) and any
//! policy flag (low-S, minimal pushes, clean stack, standard sighash types).

use bitcoin::consensus::verify_script_with_flags;
use bitcoin::hashes::{hash160, sha256, Hash};
use bitcoin::script::Instruction;
use bitcoin::secp256k1::{Message, Secp256k1};
use bitcoin::sighash::SighashCache;
use bitcoin::{ecdsa, PublicKey, Script, Transaction, TxOut, WitnessVersion};

use crate::error::{RejectReason, ScriptFailure, ScriptKind};
use crate::params::flags;

/// The kind of output `script_pubkey` is.
pub fn classify(script_pubkey: &Script) -> ScriptKind {
    if script_pubkey.is_p2pkh() {
        ScriptKind::P2pkh
    } else if script_pubkey.is_p2sh() {
        ScriptKind::P2sh
    } else if script_pubkey.is_p2wpkh() {
        ScriptKind::P2wpkh
    } else if script_pubkey.is_p2wsh() {
        ScriptKind::P2wsh
    } else if script_pubkey.is_p2tr() {
        ScriptKind::P2tr
    } else {
        match script_pubkey.witness_version() {
            Some(v) if v != WitnessVersion::V0 => ScriptKind::FutureWitness {
                version: v.to_num(),
            },
            _ => ScriptKind::Other,
        }
    }
}

/// Verifies input `input` of `tx` (serialized as `tx_bytes`) spending `spent`.
///
/// The caller guarantees `input < tx.input.len()` and that `tx_bytes` is `tx`
/// serialized; under those conditions every error libbitcoinconsensus can return other
/// than "script evaluated to false" (bad index, size mismatch, bad flags, missing
/// amount) is impossible, so every error is reported as a script failure.
pub(crate) fn verify_input(
    tx: &Transaction,
    tx_bytes: &[u8],
    input: usize,
    spent: &TxOut,
) -> Result<(), RejectReason> {
    let kind = classify(&spent.script_pubkey);
    if let Some(kind) = unverifiable(tx, input, kind) {
        return Err(RejectReason::UnverifiableSpend { input, kind });
    }
    match verify_script_with_flags(
        &spent.script_pubkey,
        input,
        spent.value,
        tx_bytes,
        flags::ENFORCED,
    ) {
        Ok(()) => Ok(()),
        Err(_) => Err(RejectReason::ScriptFailed {
            input,
            reason: diagnose(tx, input, spent, kind),
        }),
    }
}

/// `Some(kind)` when the spend would pass only because the verifier lacks the rules for
/// it: native taproot, a native future witness version, or one wrapped in P2SH.
fn unverifiable(tx: &Transaction, input: usize, kind: ScriptKind) -> Option<ScriptKind> {
    match kind {
        ScriptKind::P2tr | ScriptKind::FutureWitness { .. } => Some(kind),
        ScriptKind::P2sh => {
            let redeem = tx.input.get(input)?.script_sig.redeem_script()?;
            match redeem.witness_version() {
                Some(v) if v != WitnessVersion::V0 => Some(ScriptKind::FutureWitness {
                    version: v.to_num(),
                }),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Names the likely cause of a failure the verifier reported; only causes this
/// function actually observes are named, anything else is [`ScriptFailure::Rejected`].
fn diagnose(tx: &Transaction, input: usize, spent: &TxOut, kind: ScriptKind) -> ScriptFailure {
    let rejected = ScriptFailure::Rejected { kind };
    let Some(txin) = tx.input.get(input) else {
        return rejected;
    };
    let segwit = matches!(kind, ScriptKind::P2wpkh | ScriptKind::P2wsh);
    if !segwit {
        return rejected;
    }
    if !txin.script_sig.is_empty() {
        return ScriptFailure::ScriptSigNotEmpty;
    }
    if txin.witness.is_empty() {
        return ScriptFailure::EmptyWitness;
    }
    // Both kinds are `OP_0 <push program>`: the program starts at byte 2.
    let program = spent.script_pubkey.as_bytes().get(2..).unwrap_or_default();
    let failure = if kind == ScriptKind::P2wpkh {
        diagnose_p2wpkh(tx, input, spent, program)
    } else {
        diagnose_p2wsh(tx, input, spent, program)
    };
    failure.unwrap_or(rejected)
}

fn diagnose_p2wpkh(
    tx: &Transaction,
    input: usize,
    spent: &TxOut,
    program: &[u8],
) -> Option<ScriptFailure> {
    let witness = &tx.input.get(input)?.witness;
    if witness.len() != 2 {
        return Some(ScriptFailure::WitnessStackSize {
            kind: ScriptKind::P2wpkh,
            expected: 2,
            got: witness.len(),
        });
    }
    let (sig_bytes, key_bytes) = (witness.nth(0)?, witness.nth(1)?);
    if hash160::Hash::hash(key_bytes).as_byte_array().as_slice() != program {
        return Some(ScriptFailure::PubkeyHashMismatch);
    }
    let pubkey = PublicKey::from_slice(key_bytes).ok()?;
    let Ok(sig) = ecdsa::Signature::from_slice(sig_bytes) else {
        return Some(ScriptFailure::SignatureEncoding { element: 0 });
    };
    let sighash = SighashCache::new(tx)
        .p2wpkh_signature_hash(input, &spent.script_pubkey, spent.value, sig.sighash_type)
        .ok()?;
    let msg = Message::from_digest(sighash.to_byte_array());
    (!verifies(&msg, &sig, &pubkey)).then_some(ScriptFailure::SignatureInvalid { pubkey })
}

fn diagnose_p2wsh(
    tx: &Transaction,
    input: usize,
    spent: &TxOut,
    program: &[u8],
) -> Option<ScriptFailure> {
    let witness = &tx.input.get(input)?.witness;
    let script_bytes = witness.last()?;
    if sha256::Hash::hash(script_bytes).as_byte_array().as_slice() != program {
        return Some(ScriptFailure::WitnessScriptMismatch);
    }
    let witness_script = Script::from_bytes(script_bytes);
    let keys: Vec<PublicKey> = witness_script
        .instructions()
        .filter_map(|ins| match ins {
            Ok(Instruction::PushBytes(p)) => PublicKey::from_slice(p.as_bytes()).ok(),
            _ => None,
        })
        .collect();
    if keys.is_empty() {
        return None;
    }
    let mut cache = SighashCache::new(tx);
    for element in 0..witness.len().saturating_sub(1) {
        let bytes = witness.nth(element)?;
        // Empty elements, preimages and other data are not signatures: skip them.
        let Ok(sig) = ecdsa::Signature::from_slice(bytes) else {
            continue;
        };
        let Ok(sighash) =
            cache.p2wsh_signature_hash(input, witness_script, spent.value, sig.sighash_type)
        else {
            continue;
        };
        let msg = Message::from_digest(sighash.to_byte_array());
        if !keys.iter().any(|k| verifies(&msg, &sig, k)) {
            return Some(ScriptFailure::SignatureMatchesNoKey { element });
        }
    }
    None
}

/// ECDSA verification as consensus sees it: high-S signatures are valid (low-S is only
/// policy), so normalize before asking libsecp256k1, which insists on low-S.
fn verifies(msg: &Message, sig: &ecdsa::Signature, key: &PublicKey) -> bool {
    let mut signature = sig.signature;
    signature.normalize_s();
    Secp256k1::verification_only()
        .verify_ecdsa(msg, &signature, &key.inner)
        .is_ok()
}
