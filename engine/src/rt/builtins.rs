//! The builtin functions of the `.lnp` language, as generated code calls them.
//!
//! Each function here is the meaning of one builtin listed in
//! `docs/language.md` (`sha256`, `p2wsh`, `fee`, `derive_pubkey`, …). The
//! ones that need keys or the chain (`sign`, `per_commitment_point`,
//! `chain_height`, `random32`) are methods of [`super::Context`] instead.

use super::{ChannelId, Hash256, Msat, Overflow, Point, Sat, Script, Secret, Signature, Tx, Txid};
use bitcoin::hashes::{hash160, ripemd160, sha256, Hash};
use bitcoin::secp256k1::{self, Secp256k1};

/// `sha256(x)`
pub fn sha256(data: &[u8]) -> Hash256 {
    Hash256(sha256::Hash::hash(data).to_byte_array())
}

/// `ripemd160(x)`
pub fn ripemd160(data: &[u8]) -> [u8; 20] {
    ripemd160::Hash::hash(data).to_byte_array()
}

/// `hash160(x)`: RIPEMD160(SHA256(x)).
pub fn hash160(data: &[u8]) -> [u8; 20] {
    hash160::Hash::hash(data).to_byte_array()
}

/// `txid(tx)`
pub fn txid(tx: &Tx) -> Txid {
    tx.tx.compute_txid()
}

/// `output_count(tx)`: how many outputs `tx` has.
pub fn output_count(tx: &Tx) -> u64 {
    tx.tx.output.len() as u64
}

/// `output_script(tx, i)`: the scriptPubKey of output `i`, or `None` past
/// the last output (generated code rejects the step then).
pub fn output_script(tx: &Tx, i: u64) -> Option<Script> {
    tx.tx.output.get(usize::try_from(i).ok()?).map(|o| o.script_pubkey.clone())
}

/// `output_amount(tx, i)`: the value of output `i`, or `None` past the last.
pub fn output_amount(tx: &Tx, i: u64) -> Option<Sat> {
    tx.tx.output.get(usize::try_from(i).ok()?).map(|o| Sat(o.value.to_sat()))
}

/// `locktime(tx)`: the transaction's nLockTime.
pub fn locktime(tx: &Tx) -> u32 {
    tx.tx.lock_time.to_consensus_u32()
}

/// `input_count(tx)`: how many inputs `tx` has.
pub fn input_count(tx: &Tx) -> u64 {
    tx.tx.input.len() as u64
}

/// The BOLT 3 index of the per-commitment secret of commitment `n`.
fn secret_index(n: u64) -> u64 {
    (1u64 << 48) - 1 - (n & ((1 << 48) - 1))
}

/// The peer's revealed per-commitment secrets, kept as BOLT 3's "Efficient
/// Per-commitment Secret Storage" (at most 49 entries, however old the
/// channel): `count` (8 bytes, big-endian) — the secrets of commitments
/// 0 … count − 1 were revealed — then the [`crate::keys::RevocationStore`].
/// The empty byte string is the empty store.
fn secrets_of(store: &[u8]) -> Option<(u64, crate::keys::RevocationStore)> {
    if store.is_empty() {
        return Some((0, crate::keys::RevocationStore::default()));
    }
    let count = u64::from_be_bytes(store.get(..8)?.try_into().ok()?);
    Some((count, crate::keys::RevocationStore::from_bytes(&store[8..])?))
}

/// `secrets_len(store)`: how many secrets the store holds (those of
/// commitments 0 … n − 1); 0 for bytes that are no store.
pub fn secrets_len(store: &[u8]) -> u64 {
    secrets_of(store).map_or(0, |(count, _)| count)
}

/// `secrets_add(store, secret)`: the store with `secret` as the secret of
/// the next commitment (number `secrets_len(store)`), or `None` when it does
/// not derive the secrets stored before it (BOLT 3: the peer's secrets were
/// not generated from one seed) or the store is full or malformed.
pub fn secrets_add(store: &[u8], secret: &Secret) -> Option<Vec<u8>> {
    let (count, mut known) = secrets_of(store)?;
    if count >= 1 << 48 {
        return None;
    }
    known.insert(secret.0, secret_index(count)).ok()?;
    let mut out = (count + 1).to_be_bytes().to_vec();
    out.extend_from_slice(&known.to_bytes());
    Some(out)
}

/// `secret_at(store, n)`: the secret of commitment `n`, if the store holds it.
pub fn secret_at(store: &[u8], n: u64) -> Option<Secret> {
    let (count, known) = secrets_of(store)?;
    if n >= count {
        return None;
    }
    known.get(secret_index(n)).map(Secret)
}

/// `preimage_in(tx, payment_hash)`: a 32-byte witness element of any input
/// of `tx` whose SHA256 is `payment_hash` — the preimage a claim of an HTLC
/// output reveals — if there is one.
pub fn preimage_in(tx: &Tx, payment_hash: &[u8]) -> Option<[u8; 32]> {
    tx.tx
        .input
        .iter()
        .flat_map(|i| i.witness.iter())
        .filter_map(|e| <[u8; 32]>::try_from(e).ok())
        .find(|e| sha256::Hash::hash(e).as_byte_array()[..] == *payment_hash)
}

/// `input_sequence(tx, i)`: the nSequence of input `i`, or `None` past the last.
pub fn input_sequence(tx: &Tx, i: u32) -> Option<u32> {
    tx.tx.input.get(usize::try_from(i).ok()?).map(|x| x.sequence.0)
}

/// `range(n)`: `[0, 1, …, n - 1]`.
pub fn range(n: u64) -> Vec<u64> {
    (0..n).collect()
}

/// `outpoint(txid, vout)`
pub fn outpoint(txid: Txid, vout: u32) -> bitcoin::OutPoint {
    bitcoin::OutPoint { txid, vout }
}

/// `weight(tx)`: the transaction's weight units, as signed (witnesses included).
pub fn weight(tx: &Tx) -> u64 {
    tx.tx.weight().to_wu()
}

/// `fee(feerate_per_kw, weight)`: BOLT 3's `feerate_per_kw * weight / 1000`, rounded down.
pub fn fee(feerate_per_kw: u32, weight: u64) -> Result<Sat, Overflow> {
    u64::from(feerate_per_kw).checked_mul(weight).map(|f| Sat(f / 1000)).ok_or(Overflow)
}

/// `p2wsh(script)`
pub fn p2wsh(script: &Script) -> Script {
    Script::new_p2wsh(&script.wscript_hash())
}

/// `p2wpkh(key)`
pub fn p2wpkh(key: &Point) -> Script {
    Script::new_p2wpkh(&bitcoin::CompressedPublicKey(*key).wpubkey_hash())
}

/// `p2pkh(key)`
pub fn p2pkh(key: &Point) -> Script {
    Script::new_p2pkh(&bitcoin::PublicKey::new(*key).pubkey_hash())
}

/// `p2tr(key)`: a key-path-only taproot output for internal key `key` (BIP 86 tweak).
pub fn p2tr(key: &Point) -> Script {
    Script::new_p2tr(verifier(), key.x_only_public_key().0, None)
}

/// `point_of(secret)`: the public key of a secret; an invalid secret (zero or
/// above the curve order) is an error of the input that carried it.
pub fn point_of(secret: &Secret) -> Result<Point, Overflow> {
    #[cfg(feature = "op-count")]
    op_count::POINTS_OF.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let sk = secp256k1::SecretKey::from_slice(&secret.0).map_err(|_| Overflow)?;
    Ok(Point::from_secret_key(crate::keys::signer(), &sk))
}

/// BOLT 3 `derive_pubkey` (see [`crate::keys::derive_pubkey`]).
pub fn derive_pubkey(basepoint: &Point, per_commitment_point: &Point) -> Result<Point, Overflow> {
    #[cfg(feature = "op-count")]
    op_count::DERIVED_PUBKEYS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    crate::keys::derive_pubkey(basepoint, per_commitment_point).map_err(|_| Overflow)
}

/// BOLT 3 revocation pubkey (see [`crate::keys::derive_revocation_pubkey`]).
pub fn derive_revocation_pubkey(revocation_basepoint: &Point, per_commitment_point: &Point) -> Result<Point, Overflow> {
    #[cfg(feature = "op-count")]
    op_count::DERIVED_REVOCATION_PUBKEYS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    crate::keys::derive_revocation_pubkey(revocation_basepoint, per_commitment_point).map_err(|_| Overflow)
}

/// `derive_revocation_pubkey(basepoint, point)` as generated code calls it:
/// through the signer ([`super::Signer::revocation_pubkey`]), which may hold
/// one of the two secrets; the same value as [`derive_revocation_pubkey`].
pub fn derive_revocation_pubkey_in<S: super::Signer + ?Sized>(signer: &mut S, revocation_basepoint: &Point, per_commitment_point: &Point) -> Result<Point, Overflow> {
    #[cfg(feature = "op-count")]
    op_count::DERIVED_REVOCATION_PUBKEYS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    signer.revocation_pubkey(revocation_basepoint, per_commitment_point).map_err(|_| Overflow)
}

/// BOLT 3 obscuring factor: the lower 48 bits of
/// `SHA256(opener_payment_basepoint || accepter_payment_basepoint)`.
pub fn obscuring_factor(opener: &Point, accepter: &Point) -> u64 {
    let mut data = Vec::with_capacity(66);
    data.extend_from_slice(&opener.serialize());
    data.extend_from_slice(&accepter.serialize());
    let h = sha256::Hash::hash(&data).to_byte_array();
    h[26..32].iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b))
}

/// BOLT 2 `channel_id`: the funding txid (in wire order) XOR the output index
/// in its last two bytes.
pub fn channel_id(funding_txid: Txid, output_index: u16) -> ChannelId {
    let mut id = funding_txid.to_byte_array();
    id[30] ^= (output_index >> 8) as u8;
    id[31] ^= (output_index & 0xff) as u8;
    ChannelId(id)
}

/// BOLT 9 feature negotiation: whether `theirs` sets an even ("required")
/// bit whose pair (the bit itself or its odd twin) `known` does not set.
/// Bit 0 is the least significant bit of the *last* byte (BOLT 1).
pub fn requires_unknown_feature(theirs: &[u8], known: &[u8]) -> bool {
    let bit = |field: &[u8], i: usize| -> bool {
        let byte = i / 8;
        byte < field.len() && field[field.len() - 1 - byte] & (1 << (i % 8)) != 0
    };
    (0..theirs.len() * 8).step_by(2).any(|even| bit(theirs, even) && !bit(known, even) && !bit(known, even + 1))
}

/// One verification context for the process: building one per call costs
/// an allocation, and a verification context holds no secrets.
fn verifier() -> &'static Secp256k1<secp256k1::VerifyOnly> {
    crate::keys::verifier()
}

/// `verify(sig, tx, input, key)`: checks an ECDSA signature over input
/// `input` of `tx` (BIP 143), with the sighash the template declared.
pub fn verify(sig: &Signature, tx: &Tx, input: u32, key: &Point) -> bool {
    #[cfg(feature = "op-count")]
    op_count::VERIFIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    match sighash(tx, input) {
        Some(msg) => verifier().verify_ecdsa(&msg, sig, key).is_ok(),
        None => false,
    }
}

/// How many of the builtins that cost an elliptic-curve operation generated
/// code called in this process (with the `op-count` feature only):
/// [`verify`], [`derive_pubkey`], [`derive_revocation_pubkey`] and
/// [`point_of`]. Benchmarks read the counts before and after the steps they
/// measure; generated code calls these functions directly, so this is the one
/// place every call passes. (Signing and per-commitment points go through the
/// [`super::Context`], which a benchmark can wrap to count.)
#[cfg(feature = "op-count")]
pub mod op_count {
    use std::sync::atomic::{AtomicU64, Ordering};

    pub(super) static VERIFIES: AtomicU64 = AtomicU64::new(0);
    pub(super) static DERIVED_PUBKEYS: AtomicU64 = AtomicU64::new(0);
    pub(super) static DERIVED_REVOCATION_PUBKEYS: AtomicU64 = AtomicU64::new(0);
    pub(super) static POINTS_OF: AtomicU64 = AtomicU64::new(0);

    /// The counts since the process started (all threads).
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub struct Counts {
        pub verifies: u64,
        pub derived_pubkeys: u64,
        pub derived_revocation_pubkeys: u64,
        pub points_of: u64,
    }

    impl std::ops::Sub for Counts {
        type Output = Counts;
        fn sub(self, o: Counts) -> Counts {
            Counts {
                verifies: self.verifies - o.verifies,
                derived_pubkeys: self.derived_pubkeys - o.derived_pubkeys,
                derived_revocation_pubkeys: self.derived_revocation_pubkeys - o.derived_revocation_pubkeys,
                points_of: self.points_of - o.points_of,
            }
        }
    }

    pub fn counts() -> Counts {
        Counts {
            verifies: VERIFIES.load(Ordering::Relaxed),
            derived_pubkeys: DERIVED_PUBKEYS.load(Ordering::Relaxed),
            derived_revocation_pubkeys: DERIVED_REVOCATION_PUBKEYS.load(Ordering::Relaxed),
            points_of: POINTS_OF.load(Ordering::Relaxed),
        }
    }
}

/// One element of a witness stack given to [`with_witness`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WitnessItem {
    /// A signature: written DER with the input's sighash flag byte appended.
    Signature(Signature),
    /// Any other element, as its bytes.
    Bytes(Vec<u8>),
}

/// `with_witness(tx, input, element, …)`: `tx` with the witness of input
/// `input` replaced by the elements. Segwit sighashes do not cover witnesses,
/// so signatures made over `tx` stay valid. An input that does not exist (or
/// has no spend information, hence no sighash flag) is an error of the step.
pub fn with_witness(mut tx: Tx, input: u32, items: Vec<WitnessItem>) -> Result<Tx, Overflow> {
    let i = input as usize;
    let flag = tx.spends.get(i).ok_or(Overflow)?.sighash.to_u32() as u8;
    let stack: Vec<Vec<u8>> = items
        .into_iter()
        .map(|item| match item {
            WitnessItem::Signature(sig) => {
                let mut der = sig.serialize_der().to_vec();
                der.push(flag);
                der
            }
            WitnessItem::Bytes(b) => b,
        })
        .collect();
    let txin = tx.tx.input.get_mut(i).ok_or(Overflow)?;
    txin.witness = bitcoin::Witness::from_slice(&stack);
    Ok(tx)
}

/// `with_sighash(tx, input, flag)`: `tx` with input `input` signed (and
/// verified) under the sighash `flag` (`0x01` ALL … `0x83`
/// SINGLE|ANYONECANPAY). A flag that is not one of the six standard ones,
/// or an input that does not exist, is an error of the step.
pub fn with_sighash(mut tx: Tx, input: u32, flag: u8) -> Result<Tx, Overflow> {
    let kind = bitcoin::EcdsaSighashType::from_standard(u32::from(flag)).map_err(|_| Overflow)?;
    tx.spends.get_mut(input as usize).ok_or(Overflow)?.sighash = kind;
    Ok(tx)
}

/// The BIP 143 message signed for input `input` of `tx`.
pub fn sighash(tx: &Tx, input: u32) -> Option<secp256k1::Message> {
    let spend = tx.spends.get(input as usize)?;
    let mut cache = bitcoin::sighash::SighashCache::new(&tx.tx);
    let hash = cache
        .p2wsh_signature_hash(
            input as usize,
            &spend.script,
            bitcoin::Amount::from_sat(spend.amount.0),
            spend.sighash,
        )
        .ok()?;
    Some(secp256k1::Message::from_digest(hash.to_byte_array()))
}

/// `msat(sat)`.
pub fn msat_of_sat(s: Sat) -> Result<Msat, Overflow> {
    s.to_msat()
}

/// Checked narrowing or widening between integers: out of range is an overflow.
pub fn int<T: TryFrom<u128>>(v: impl Into<u128>) -> Result<T, Overflow> {
    T::try_from(v.into()).map_err(|_| Overflow)
}

/// Checked left shift: bits shifted out make it an overflow, never a wrap.
pub fn shl<T: Into<u128> + TryFrom<u128> + Copy>(v: T, by: u64) -> Result<T, Overflow> {
    let wide: u128 = v.into();
    let by = u32::try_from(by).ok().filter(|b| *b < 128).ok_or(Overflow)?;
    let shifted = wide.checked_shl(by).filter(|s| s >> by == wide).ok_or(Overflow)?;
    T::try_from(shifted).map_err(|_| Overflow)
}

/// Right shift (never overflows; shifting by the width or more gives zero).
pub fn shr<T: Into<u128> + TryFrom<u128> + Copy>(v: T, by: u64) -> Result<T, Overflow> {
    let wide: u128 = v.into();
    let shifted = if by >= 128 { 0 } else { wide >> by };
    T::try_from(shifted).map_err(|_| Overflow)
}

#[cfg(test)]
mod feature_tests {
    use super::requires_unknown_feature;

    #[test]
    fn an_unknown_even_bit_is_required_and_an_odd_one_is_optional() {
        // Bit 14 (payment_secret, required): byte 1 from the end, bit 6.
        let theirs = [0b0100_0000, 0];
        assert!(requires_unknown_feature(&theirs, &[]));
        assert!(!requires_unknown_feature(&theirs, &[0b0100_0000, 0]), "known as required");
        assert!(!requires_unknown_feature(&theirs, &[0b1000_0000, 0]), "known as optional (bit 15)");
        // Bit 15 (optional) alone never requires anything.
        assert!(!requires_unknown_feature(&[0b1000_0000, 0], &[]));
        // Leading zero bytes and a shorter `known` line up from the end.
        assert!(!requires_unknown_feature(&[0, 0, 0b10], &[0b10]));
        assert!(requires_unknown_feature(&[0b1, 0, 0], &[0b10]), "bit 16 unknown");
        assert!(!requires_unknown_feature(&[], &[]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_store_keeps_every_secret_in_49_entries_and_refuses_a_stranger() {
        let seed = [0x5a; 32];
        let secret = |n: u64| Secret(crate::keys::generate_from_seed(&seed, secret_index(n)));
        let mut store = Vec::new();
        assert_eq!(secrets_len(&store), 0);
        assert_eq!(secret_at(&store, 0), None);
        for n in 0..1_023u64 {
            store = secrets_add(&store, &secret(n)).expect("the next secret of one seed");
            assert_eq!(secrets_len(&store), n + 1);
            assert!(store.len() <= 8 + 49 * 39);
        }
        for n in 0..1_023u64 {
            assert_eq!(secret_at(&store, n), Some(secret(n)), "commitment {n}");
        }
        assert_eq!(secret_at(&store, 1_023), None);
        // A secret of another seed does not derive the earlier ones (the
        // next one, of commitment 1023, has an index with ten trailing zero
        // bits: it must derive the ten entries stored below it).
        let stranger = Secret(crate::keys::generate_from_seed(&[0x11; 32], secret_index(1_023)));
        assert!(secrets_add(&store, &secret(1_023)).is_some());
        assert_eq!(secrets_add(&store, &stranger), None);
        assert_eq!(secrets_len(&[1, 2, 3]), 0);
        assert_eq!(secrets_add(&[1, 2, 3], &secret(0)), None);
    }

    #[test]
    fn shifts_are_checked() {
        assert_eq!(shl(0x20u32, 24), Ok(0x2000_0000));
        assert_eq!(shl(0x1_0000u32, 16), Err(Overflow));
        assert_eq!(shr(0xffu8, 4), Ok(0x0f));
    }

    #[test]
    fn fee_follows_bolt3() {
        // BOLT 3: fee = feerate_per_kw * weight / 1000, rounded down.
        assert_eq!(fee(15000, 724), Ok(Sat(10860)));
    }

    fn one_input_tx() -> Tx {
        let mut b = crate::rt::txbuild::TxBuilder::new();
        let spend = crate::rt::SpendInfo { script: Script::new(), amount: Sat(1000), sighash: bitcoin::EcdsaSighashType::All };
        b.input(bitcoin::OutPoint::null(), 0, spend, vec![]);
        b.output(Sat(900), Script::new(), 0);
        b.build(crate::rt::txbuild::Order::Declared)
    }

    #[test]
    fn with_witness_appends_the_inputs_sighash_to_signatures() {
        let secp = Secp256k1::new();
        let sk = secp256k1::SecretKey::from_slice(&[7; 32]).expect("valid key");
        let tx = with_sighash(one_input_tx(), 0, 0x83).expect("a standard flag");
        let msg = sighash(&tx, 0).expect("input 0 exists");
        let sig = secp.sign_ecdsa(&msg, &sk);
        let signed = with_witness(tx, 0, vec![WitnessItem::Bytes(Vec::new()), WitnessItem::Signature(sig)]).expect("input 0");
        let stack: Vec<&[u8]> = signed.tx.input[0].witness.iter().collect();
        assert_eq!(stack[0], &[] as &[u8]);
        assert_eq!(stack[1].last(), Some(&0x83));
        assert_eq!(&stack[1][..stack[1].len() - 1], &sig.serialize_der()[..]);
        assert!(verify(&sig, &signed, 0, &Point::from_secret_key(&secp, &sk)), "the witness is not signed over");
    }

    #[test]
    fn with_sighash_and_with_witness_refuse_bad_inputs() {
        assert_eq!(with_sighash(one_input_tx(), 0, 0x04), Err(Overflow));
        assert_eq!(with_sighash(one_input_tx(), 1, 0x01), Err(Overflow));
        assert_eq!(with_witness(one_input_tx(), 1, vec![]), Err(Overflow));
    }

    #[test]
    fn channel_id_xors_the_output_index() {
        let txid: Txid = "0000000000000000000000000000000000000000000000000000000000000001".parse().expect("txid");
        let id = channel_id(txid, 0x0102);
        assert_eq!(id.0[30..], [0x01 ^ txid.to_byte_array()[30], 0x02 ^ txid.to_byte_array()[31]]);
    }
}
