//! BOLT 3 keys: per-commitment secrets from a seed, their compact storage
//! (the "shachain"), and the derivation of per-commitment keys.
//!
//! Pure functions over secp256k1 values; no key is stored here except in
//! [`RevocationStore`], which holds the counterparty's revealed secrets.

use bitcoin::hashes::{sha256, Hash};
use bitcoin::secp256k1::{PublicKey, Scalar, Secp256k1, SecretKey};

/// Why a key operation failed (only on inputs that are not valid keys).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("the tweak is not a valid scalar or gives an invalid key")]
    InvalidTweak,
    #[error("secret {index} does not derive the secrets stored before it")]
    SecretMismatch { index: u64 },
    #[error("secrets must be inserted in decreasing index order: {index} after {previous}")]
    OutOfOrder { previous: u64, index: u64 },
}

/// BOLT 3 `derive_secret(base, bits, I)`: flips and hashes from bit `bits - 1` down.
fn derive_secret(base: &[u8; 32], bits: u8, index: u64) -> [u8; 32] {
    let mut p = *base;
    for b in (0..bits).rev() {
        if (index >> b) & 1 == 1 {
            p[usize::from(b / 8)] ^= 1 << (b % 8);
            p = sha256::Hash::hash(&p).to_byte_array();
        }
    }
    p
}

/// [`derive_secret`] over bits `high - 1` down to `low` only: the value
/// every index agreeing with `index` on those bits passes through.
fn derive_secret_bits(base: &[u8; 32], high: u8, low: u8, index: u64) -> [u8; 32] {
    let mut p = *base;
    for b in (low..high).rev() {
        if (index >> b) & 1 == 1 {
            p[usize::from(b / 8)] ^= 1 << (b % 8);
            p = sha256::Hash::hash(&p).to_byte_array();
        }
    }
    p
}

/// BOLT 3 `generate_from_seed(seed, I)`: the per-commitment secret at index `I`
/// (indices count down from 2^48 - 1 as commitments advance).
pub fn generate_from_seed(seed: &[u8; 32], index: u64) -> [u8; 32] {
    derive_secret(seed, 48, index)
}

/// The bits of an index [`SeedWalk`] derives on each call; the 32 above
/// them are walked once per 2^16 commitments.
const WALK_LOW_BITS: u8 = 16;

/// [`generate_from_seed`] for one seed asked index after index: a channel's
/// indices share their upper 32 bits for 65,536 commitments, and walking
/// them costs one SHA-256 per set bit — about 32 of the ~46 a young channel's
/// index needs. The walk's value there is kept (it derives only secrets the
/// seed derives anyway), so each call hashes at most 16 times.
#[derive(Clone, Default)]
pub struct SeedWalk {
    /// `index >> 16` and the value after bits 47 … 16 of it.
    upper: Option<(u64, [u8; 32])>,
}

impl std::fmt::Debug for SeedWalk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SeedWalk").finish_non_exhaustive()
    }
}

impl SeedWalk {
    /// `generate_from_seed(seed, index)`; `seed` must be the same on every call.
    pub fn generate(&mut self, seed: &[u8; 32], index: u64) -> [u8; 32] {
        let upper = index >> WALK_LOW_BITS;
        let at = match self.upper {
            Some((u, at)) if u == upper => at,
            _ => {
                let at = derive_secret_bits(seed, 48, WALK_LOW_BITS, index);
                self.upper = Some((upper, at));
                at
            }
        };
        derive_secret_bits(&at, WALK_LOW_BITS, 0, index)
    }
}

/// The process's verification context: creating one per call costs an
/// allocation and libsecp256k1's self-test, and it holds no secret.
pub(crate) fn verifier() -> &'static Secp256k1<bitcoin::secp256k1::VerifyOnly> {
    static VERIFIER: std::sync::OnceLock<Secp256k1<bitcoin::secp256k1::VerifyOnly>> = std::sync::OnceLock::new();
    VERIFIER.get_or_init(Secp256k1::verification_only)
}

/// The process's signing context, for public keys of secrets (as the
/// per-call contexts it replaces, it is not randomized).
pub(crate) fn signer() -> &'static Secp256k1<bitcoin::secp256k1::SignOnly> {
    static SIGNER: std::sync::OnceLock<Secp256k1<bitcoin::secp256k1::SignOnly>> = std::sync::OnceLock::new();
    SIGNER.get_or_init(Secp256k1::signing_only)
}

fn tweak(a: &PublicKey, b: &PublicKey) -> Result<Scalar, KeyError> {
    let mut data = [0u8; 66];
    data[..33].copy_from_slice(&a.serialize());
    data[33..].copy_from_slice(&b.serialize());
    Scalar::from_be_bytes(sha256::Hash::hash(&data).to_byte_array()).map_err(|_| KeyError::InvalidTweak)
}

/// `pubkey = basepoint + SHA256(per_commitment_point || basepoint) * G`.
/// The tweak is public, so `tweak * G` comes from [`crate::gmul`]'s table
/// (no point doubling) rather than libsecp256k1's `add_exp_tweak`.
pub fn derive_pubkey(basepoint: &PublicKey, per_commitment_point: &PublicKey) -> Result<PublicKey, KeyError> {
    let t = tweak(per_commitment_point, basepoint)?;
    crate::gmul::add_exp_public(basepoint, &t).map_err(|_| KeyError::InvalidTweak)
}

/// `privkey = basepoint_secret + SHA256(per_commitment_point || basepoint)`.
pub fn derive_privkey(basepoint_secret: &SecretKey, per_commitment_point: &PublicKey) -> Result<SecretKey, KeyError> {
    let basepoint = PublicKey::from_secret_key(signer(), basepoint_secret);
    derive_privkey_of(basepoint_secret, &basepoint, per_commitment_point)
}

/// [`derive_privkey`] for a caller that knows the basepoint (the public key
/// of `basepoint_secret`): no point multiplication, only a hash and an
/// addition.
pub fn derive_privkey_of(basepoint_secret: &SecretKey, basepoint: &PublicKey, per_commitment_point: &PublicKey) -> Result<SecretKey, KeyError> {
    let t = tweak(per_commitment_point, basepoint)?;
    basepoint_secret.add_tweak(&t).map_err(|_| KeyError::InvalidTweak)
}

/// `revocationpubkey = revocation_basepoint * SHA256(revocation_basepoint || per_commitment_point)
///                   + per_commitment_point * SHA256(per_commitment_point || revocation_basepoint)`.
pub fn derive_revocation_pubkey(revocation_basepoint: &PublicKey, per_commitment_point: &PublicKey) -> Result<PublicKey, KeyError> {
    let secp = verifier();
    let a = revocation_basepoint
        .mul_tweak(secp, &tweak(revocation_basepoint, per_commitment_point)?)
        .map_err(|_| KeyError::InvalidTweak)?;
    let b = per_commitment_point
        .mul_tweak(secp, &tweak(per_commitment_point, revocation_basepoint)?)
        .map_err(|_| KeyError::InvalidTweak)?;
    a.combine(&b).map_err(|_| KeyError::InvalidTweak)
}

/// Which secret a signer holds of a revocation pubkey's two points.
#[derive(Clone, Copy)]
pub enum KnownSecret<'a> {
    /// The secret of the revocation basepoint (the peer's commitments).
    Basepoint(&'a SecretKey),
    /// The secret of the per-commitment point (our own commitments).
    PerCommitment(&'a SecretKey),
}

/// [`derive_revocation_pubkey`] for a signer that holds the secret of one of
/// the two points: that half, `(secret · tweak) · G`, is a generator
/// multiplication (libsecp256k1's constant-time `ecmult_gen`, the right one
/// for a secret) instead of a multiplication of an arbitrary point. The same
/// key, at about 7/8 of the cost.
pub fn derive_revocation_pubkey_knowing(
    revocation_basepoint: &PublicKey,
    per_commitment_point: &PublicKey,
    known: KnownSecret<'_>,
) -> Result<PublicKey, KeyError> {
    let for_basepoint = tweak(revocation_basepoint, per_commitment_point)?;
    let for_point = tweak(per_commitment_point, revocation_basepoint)?;
    let (secret, secret_tweak, public, public_tweak) = match known {
        KnownSecret::Basepoint(r) => (r, for_basepoint, per_commitment_point, for_point),
        KnownSecret::PerCommitment(p) => (p, for_point, revocation_basepoint, for_basepoint),
    };
    let a = PublicKey::from_secret_key(signer(), &secret.mul_tweak(&secret_tweak).map_err(|_| KeyError::InvalidTweak)?);
    let b = public.mul_tweak(verifier(), &public_tweak).map_err(|_| KeyError::InvalidTweak)?;
    a.combine(&b).map_err(|_| KeyError::InvalidTweak)
}

/// The secret of the revocation pubkey, once the per-commitment secret is known.
pub fn derive_revocation_privkey(
    revocation_basepoint_secret: &SecretKey,
    per_commitment_secret: &SecretKey,
) -> Result<SecretKey, KeyError> {
    let secp = signer();
    let rb = PublicKey::from_secret_key(secp, revocation_basepoint_secret);
    let pcp = PublicKey::from_secret_key(secp, per_commitment_secret);
    let a = revocation_basepoint_secret.mul_tweak(&tweak(&rb, &pcp)?).map_err(|_| KeyError::InvalidTweak)?;
    let b = per_commitment_secret.mul_tweak(&tweak(&pcp, &rb)?).map_err(|_| KeyError::InvalidTweak)?;
    a.add_tweak(&Scalar::from(b)).map_err(|_| KeyError::InvalidTweak)
}

/// BOLT 3 compact storage of the counterparty's per-commitment secrets: 49
/// entries suffice for 2^48 secrets, since each can derive the ones with
/// more trailing zero bits below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevocationStore {
    known: [Option<(u64, [u8; 32])>; 49],
}

impl Default for RevocationStore {
    fn default() -> Self {
        RevocationStore { known: [None; 49] }
    }
}

/// The bucket of index `I`: its number of trailing zero bits (48 for 0).
fn where_to_put(index: u64) -> usize {
    (0..48).find(|b| (index >> b) & 1 == 1).unwrap_or(48) as usize
}

impl RevocationStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores the secret of index `index`, after checking it derives every
    /// secret stored in lower buckets (else the peer lied about an old one).
    pub fn insert(&mut self, secret: [u8; 32], index: u64) -> Result<(), KeyError> {
        if let Some(previous) = self.known.iter().flatten().map(|(i, _)| *i).min() {
            if index >= previous {
                return Err(KeyError::OutOfOrder { previous, index });
            }
        }
        let bucket = where_to_put(index);
        for b in 0..bucket {
            if let Some((i, s)) = self.known[b] {
                if derive_secret(&secret, bucket as u8, i) != s {
                    return Err(KeyError::SecretMismatch { index });
                }
            }
        }
        self.known[bucket] = Some((index, secret));
        Ok(())
    }

    /// The stored form: each filled bucket in bucket order as its number
    /// (one byte), its index (six bytes, big-endian) and its secret: at most
    /// 49 × 39 bytes however many secrets were inserted.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(39 * self.known.iter().flatten().count());
        for (b, entry) in self.known.iter().enumerate() {
            if let Some((i, s)) = entry {
                out.push(b as u8);
                out.extend_from_slice(&i.to_be_bytes()[2..]);
                out.extend_from_slice(s);
            }
        }
        out
    }

    /// Reads [`RevocationStore::to_bytes`]; `None` if the bytes are not such a store.
    pub fn from_bytes(bytes: &[u8]) -> Option<RevocationStore> {
        if !bytes.len().is_multiple_of(39) {
            return None;
        }
        let mut store = RevocationStore::default();
        let mut last = None;
        for e in bytes.chunks_exact(39) {
            let b = usize::from(e[0]);
            if b >= 49 || last.is_some_and(|l| b <= l) {
                return None;
            }
            last = Some(b);
            let mut i = [0u8; 8];
            i[2..].copy_from_slice(&e[1..7]);
            store.known[b] = Some((u64::from_be_bytes(i), e[7..].try_into().ok()?));
        }
        Some(store)
    }

    /// The secret of `index`, if it can be derived from what is stored.
    pub fn get(&self, index: u64) -> Option<[u8; 32]> {
        for (b, entry) in self.known.iter().enumerate() {
            if let Some((i, s)) = entry {
                // An entry in bucket b derives every index that agrees with it above bit b.
                let mask = !((1u64 << b) - 1) & ((1u64 << 48) - 1);
                if index & mask == *i & mask {
                    return Some(derive_secret(s, b as u8, index));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_walk_generates_what_generate_from_seed_does() {
        let seed = [0x5c; 32];
        let top = (1u64 << 48) - 1;
        let mut walk = SeedWalk::default();
        // A young channel's indices, then across a 2^16 boundary, then
        // jumping back and forth (a reestablish asks for older ones).
        let indices = (0..40).map(|n| top - n).chain((65_530..65_545).map(|n| top - n)).chain([top, 0, 1 << 16, (1 << 16) - 1, top - 3, 12_345]);
        for i in indices {
            assert_eq!(walk.generate(&seed, i), generate_from_seed(&seed, i), "index {i}");
        }
    }
}
