//! The default in-memory software [`Context`]: secp256k1 keys held in memory,
//! BOLT 3 per-commitment secrets from a seed, a chain height and a
//! deterministic random stream set by the caller.
//!
//! It is for tests, the explorer and the embedded demo; a node may supply a
//! context backed by a hardware or remote signer instead. It holds secrets:
//! its `Debug` prints no key material.

use crate::rt::{builtins, Context, Entropy, Point, Secret, SignError, Signature, Signer, Tx};
use bitcoin::hashes::{sha256, Hash};
use bitcoin::secp256k1::{All, Secp256k1, SecretKey};
use std::collections::HashMap;

pub struct SoftContext {
    secp: Secp256k1<All>,
    keys: HashMap<Point, SecretKey>,
    commitment_seed: [u8; 32],
    height: u32,
    random_state: [u8; 32],
    /// The last few per-commitment points handed out, by index, with their
    /// secrets: a channel asks for the same two or three points again and
    /// again (each costs a point multiplication), and reveals each secret
    /// two commitments after handing out its point.
    recent_points: Vec<(u64, Point, Secret, SecretKey)>,
    /// BOLT 3's walk from the seed, its shared upper part kept.
    walk: crate::keys::SeedWalk,
}

/// How many per-commitment points [`SoftContext`] remembers.
const RECENT_POINTS: usize = 4;

impl std::fmt::Debug for SoftContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SoftContext").field("keys", &self.keys.len()).field("height", &self.height).finish()
    }
}

impl SoftContext {
    /// A context whose per-commitment secrets derive from `commitment_seed`
    /// and whose random stream starts from `random_seed`.
    pub fn new(commitment_seed: [u8; 32], random_seed: [u8; 32]) -> Self {
        SoftContext {
            secp: Secp256k1::new(),
            keys: HashMap::new(),
            commitment_seed,
            height: 0,
            random_state: random_seed,
            recent_points: Vec::with_capacity(RECENT_POINTS),
            walk: crate::keys::SeedWalk::default(),
        }
    }

    /// Adds a signing key; returns its public key.
    pub fn add_key(&mut self, secret: SecretKey) -> Point {
        let point = Point::from_secret_key(&self.secp, &secret);
        self.keys.insert(point, secret);
        point
    }

    pub fn set_height(&mut self, height: u32) {
        self.height = height;
    }
}

pub use crate::keys::generate_from_seed;

/// The BOLT 3 index of commitment number `n`: secrets count down from 2^48 - 1.
fn bolt3_index(commitment_number: u64) -> u64 {
    (1u64 << 48) - 1 - (commitment_number & ((1 << 48) - 1))
}

impl Signer for SoftContext {
    /// Signs with a key added with [`SoftContext::add_key`] or one of the
    /// last few per-commitment points handed out.
    fn sign(&mut self, tx: &Tx, input: u32, key: &Point) -> Result<Signature, SignError> {
        let secret = match self.keys.get(key) {
            Some(secret) => *secret,
            None => self.recent_points.iter().find(|(_, p, ..)| p == key).map(|(.., k)| *k).ok_or(SignError::UnknownKey(*key))?,
        };
        self.sign_input(tx, input, &secret)
    }

    fn sign_derived(&mut self, tx: &Tx, input: u32, basepoint: &Point, per_commitment_point: &Point) -> Result<Signature, SignError> {
        let base = self.keys.get(basepoint).ok_or(SignError::UnknownKey(*basepoint))?;
        // The map's key is the basepoint: no need to compute it again.
        let secret = crate::keys::derive_privkey_of(base, basepoint, per_commitment_point).map_err(|_| SignError::UnknownKey(*basepoint))?;
        self.sign_input(tx, input, &secret)
    }

    fn sign_revocation(&mut self, tx: &Tx, input: u32, revocation_basepoint: &Point, per_commitment_secret: &Secret) -> Result<Signature, SignError> {
        let base = self.keys.get(revocation_basepoint).ok_or(SignError::UnknownKey(*revocation_basepoint))?;
        let revealed = SecretKey::from_slice(&per_commitment_secret.0).map_err(|_| SignError::UnknownKey(*revocation_basepoint))?;
        let secret = crate::keys::derive_revocation_privkey(base, &revealed).map_err(|_| SignError::UnknownKey(*revocation_basepoint))?;
        self.sign_input(tx, input, &secret)
    }

    fn per_commitment_secret(&mut self, index: u64) -> Secret {
        if let Some((_, _, secret, _)) = self.recent_points.iter().find(|(i, ..)| *i == index) {
            return *secret;
        }
        Secret(self.walk.generate(&self.commitment_seed, bolt3_index(index)))
    }

    fn revocation_pubkey(&mut self, revocation_basepoint: &Point, per_commitment_point: &Point) -> Result<Point, crate::keys::KeyError> {
        use crate::keys::{derive_revocation_pubkey, derive_revocation_pubkey_knowing, KnownSecret};
        // Our revocation basepoint (the peer's commitments) or one of our
        // recent per-commitment points (ours).
        if let Some(secret) = self.keys.get(revocation_basepoint) {
            return derive_revocation_pubkey_knowing(revocation_basepoint, per_commitment_point, KnownSecret::Basepoint(secret));
        }
        if let Some((.., secret)) = self.recent_points.iter().find(|(_, p, ..)| p == per_commitment_point) {
            return derive_revocation_pubkey_knowing(revocation_basepoint, per_commitment_point, KnownSecret::PerCommitment(secret));
        }
        derive_revocation_pubkey(revocation_basepoint, per_commitment_point)
    }

    fn per_commitment_point(&mut self, index: u64) -> Point {
        if let Some((_, point, ..)) = self.recent_points.iter().find(|(i, ..)| *i == index) {
            return *point;
        }
        let secret = self.per_commitment_secret(index);
        let (point, key) = self.compute_per_commitment_point(secret);
        if self.recent_points.len() == RECENT_POINTS {
            self.recent_points.remove(0);
        }
        self.recent_points.push((index, point, secret, key));
        point
    }
}

impl SoftContext {
    /// Signs input `input` of `tx` (BIP 143) with `secret`.
    fn sign_input(&self, tx: &Tx, input: u32, secret: &SecretKey) -> Result<Signature, SignError> {
        let msg = builtins::sighash(tx, input).ok_or(SignError::NoSuchInput(input))?;
        Ok(self.secp.sign_ecdsa(&msg, secret))
    }

    /// The point of per-commitment secret `secret`, and its secret key.
    /// (Not added to the keys this context signs with: one per commitment
    /// would grow without bound in a busy channel.)
    fn compute_per_commitment_point(&mut self, secret: Secret) -> (Point, SecretKey) {
        // A SHA-256 output is a valid secret key except with probability ~2^-128;
        // re-hashing keeps this total without a panic path.
        let mut bytes = secret.0;
        loop {
            if let Ok(sk) = SecretKey::from_slice(&bytes) {
                return (Point::from_secret_key(&self.secp, &sk), sk);
            }
            bytes = sha256::Hash::hash(&bytes).to_byte_array();
        }
    }
}

impl Entropy for SoftContext {
    fn random32(&mut self) -> [u8; 32] {
        self.random_state = sha256::Hash::hash(&self.random_state).to_byte_array();
        self.random_state
    }
}

impl Context for SoftContext {
    fn chain_height(&self) -> u32 {
        self.height
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_points_are_the_computed_ones_and_stay_few() {
        let mut ctx = SoftContext::new([9; 32], [0; 32]);
        let seed_secret = |n: u64| Secret(generate_from_seed(&[9; 32], bolt3_index(n)));
        let fresh: Vec<Point> = (0..10).map(|n| ctx.compute_per_commitment_point(seed_secret(n)).0).collect();
        for round in 0..3 {
            for n in 0..10u64 {
                assert_eq!(ctx.per_commitment_point(n), fresh[n as usize], "point {n}, round {round}");
                // Remembered or walked, the secret is BOLT 3's.
                assert_eq!(ctx.per_commitment_secret(n), seed_secret(n), "secret {n}, round {round}");
                assert_eq!(ctx.per_commitment_secret(n + 7), seed_secret(n + 7), "secret {}, round {round}", n + 7);
            }
        }
        assert!(ctx.recent_points.len() <= RECENT_POINTS);
        assert_eq!(ctx.keys.len(), 0, "per-commitment points do not pile up in the signing keys");
    }

    #[test]
    fn revocation_pubkeys_with_a_known_secret_are_the_derived_ones() {
        let mut ctx = SoftContext::new([9; 32], [0; 32]);
        let ours = ctx.add_key(SecretKey::from_slice(&[3; 32]).expect("valid"));
        let theirs = Point::from_secret_key(&Secp256k1::new(), &SecretKey::from_slice(&[4; 32]).expect("valid"));
        let their_point = Point::from_secret_key(&Secp256k1::new(), &SecretKey::from_slice(&[5; 32]).expect("valid"));
        for n in 0..5 {
            let our_point = ctx.per_commitment_point(n);
            // Our commitment: the peer's basepoint, our point.
            assert_eq!(ctx.revocation_pubkey(&theirs, &our_point), crate::keys::derive_revocation_pubkey(&theirs, &our_point), "ours {n}");
            // The peer's commitment: our basepoint, its point.
            assert_eq!(ctx.revocation_pubkey(&ours, &their_point), crate::keys::derive_revocation_pubkey(&ours, &their_point), "theirs {n}");
        }
        // Neither secret known: the public derivation.
        assert_eq!(ctx.revocation_pubkey(&theirs, &their_point), crate::keys::derive_revocation_pubkey(&theirs, &their_point));
    }

    #[test]
    fn generation_matches_bolt3_vector() {
        // BOLT 3 Appendix D, "generate_from_seed FF final node".
        let seed = [0xff; 32];
        let out = generate_from_seed(&seed, 281474976710655);
        let hex: String = out.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "7cc854b54e3e0dcdb010d7a3fee464a9687be6e8db3be6854c475621e007a5dc");
    }
}
