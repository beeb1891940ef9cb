//! The Sphinx building blocks BOLT 4 names: the shared secret (ECDH), the
//! keys derived from it (`rho`, `mu`, `um`, `ammag`, `pad`), the ChaCha20
//! stream with a zero nonce, HMAC-SHA256, and the blinding of ephemeral keys.
//!
//! No cipher or hash is written here: ChaCha20 is RustCrypto's, HMAC and
//! SHA-256 are `bitcoin::hashes`', ECDH and the scalar arithmetic are
//! libsecp256k1's. This module is not the packet format (see `packet`) nor
//! the failure format (see `failure`).
use bitcoin::hashes::{sha256, Hash, HashEngine, Hmac, HmacEngine};
use bitcoin::secp256k1::{ecdh, PublicKey, Scalar, Secp256k1, SecretKey};
use chacha20::cipher::{KeyIvInit, StreamCipher};
use chacha20::ChaCha20;

use super::SharedSecret;

/// The key types of BOLT 4's key generation, used as HMAC keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyType {
    /// Obfuscates the hop payloads.
    Rho,
    /// Keys the packet HMAC.
    Mu,
    /// Keys the failure packet HMAC.
    Um,
    /// Obfuscates the failure packet.
    Ammag,
    /// Seeds the packet's initial random bytes (from the session key).
    Pad,
}

impl KeyType {
    fn label(self) -> &'static [u8] {
        match self {
            KeyType::Rho => b"rho",
            KeyType::Mu => b"mu",
            KeyType::Um => b"um",
            KeyType::Ammag => b"ammag",
            KeyType::Pad => b"pad",
        }
    }
}

/// `HMAC-SHA256(key = key type, message = secret)`.
pub(crate) fn derive_key(key_type: KeyType, secret: &[u8; 32]) -> [u8; 32] {
    hmac(key_type.label(), &[secret])
}

/// HMAC-SHA256 of the concatenation of `parts`.
pub(crate) fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut engine = HmacEngine::<sha256::Hash>::new(key);
    for part in parts {
        engine.input(part);
    }
    Hmac::<sha256::Hash>::from_engine(engine).to_byte_array()
}

/// XORs the ChaCha20 stream of `key` (96-bit zero nonce, counter from 0)
/// into `buf`: the pseudo-random byte stream applied in place.
pub(crate) fn xor_stream(key: &[u8; 32], buf: &mut [u8]) {
    let mut cipher = ChaCha20::new(key.into(), &[0u8; 12].into());
    cipher.apply_keystream(buf);
}

/// SHA-256 of the compressed point `secret * point`.
pub(crate) fn shared_secret(secret: &SecretKey, point: &PublicKey) -> SharedSecret {
    SharedSecret::from_bytes(ecdh::SharedSecret::new(point, secret).secret_bytes())
}

/// The blinding factor `SHA256(ephemeral_pubkey || shared_secret)` as a
/// scalar; `None` in the (practically impossible) case that the hash is
/// zero or not below the curve order.
pub(crate) fn blinding_factor(ephemeral: &PublicKey, secret: &SharedSecret) -> Option<Scalar> {
    let mut engine = sha256::Hash::engine();
    engine.input(&ephemeral.serialize());
    engine.input(secret.as_bytes());
    let bytes = sha256::Hash::from_engine(engine).to_byte_array();
    if bytes == [0u8; 32] {
        return None;
    }
    Scalar::from_be_bytes(bytes).ok()
}

/// The next hop's ephemeral public key, as a processing node computes it.
pub(crate) fn blind_public<C: bitcoin::secp256k1::Verification>(
    secp: &Secp256k1<C>,
    ephemeral: &PublicKey,
    secret: &SharedSecret,
) -> Option<PublicKey> {
    let factor = blinding_factor(ephemeral, secret)?;
    ephemeral.mul_tweak(secp, &factor).ok()
}

/// Equality whose time depends only on the lengths.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// SHA-256 of `bytes`.
pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    sha256::Hash::hash(bytes).to_byte_array()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex32(s: &str) -> [u8; 32] {
        let v: Vec<u8> = (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
            .collect();
        v.try_into().expect("32 bytes")
    }

    #[test]
    fn keys_match_the_error_vector() {
        // onion-error-test.json, hops[4].
        let ss = hex32("b5756b9b542727dbafc6765a49488b023a725d631af688fc031217e90770c328");
        assert_eq!(
            derive_key(KeyType::Um, &ss),
            hex32("4da7f2923edce6c2d85987d1d9fa6d88023e6c3a9c3d20f07d3b10b61a78d646")
        );
        assert_eq!(
            derive_key(KeyType::Ammag, &ss),
            hex32("2f36bb8822e1f0d04c27b7d8bb7d7dd586e032a3218b8d414afbba6f169a4d68")
        );
    }

    #[test]
    fn the_stream_is_chacha20_of_zeros() {
        // Applying the stream twice is the identity; once, it changes the bytes.
        let key = [7u8; 32];
        let mut buf = [0u8; 100];
        xor_stream(&key, &mut buf);
        assert_ne!(buf, [0u8; 100]);
        xor_stream(&key, &mut buf);
        assert_eq!(buf, [0u8; 100]);
    }

    #[test]
    fn constant_time_eq_compares() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
