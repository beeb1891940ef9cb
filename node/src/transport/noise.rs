//! The Noise building blocks BOLT 8 is made of: SHA-256, HKDF-SHA256 with a
//! zero-length info producing two 32-byte keys, ECDH (SHA-256 of the
//! compressed shared point), ChaCha20-Poly1305 with BOLT 8's nonce layout, and
//! the handshake's symmetric state (`ck`, `h`).
//!
//! Nothing here is a cipher written by hand: the primitives are RustCrypto's
//! (`chacha20poly1305`, `hkdf`, `sha2`) and libsecp256k1's (through
//! `bitcoin::secp256k1`). This module is not the protocol: the acts are in
//! `handshake`, the message framing in `cipher`.

use bitcoin::secp256k1::{ecdh::SharedSecret, PublicKey, SecretKey};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use hkdf::Hkdf;
use sha2::{Digest, Sha256};

/// The Noise protocol name, hashed into the initial handshake state.
pub(crate) const PROTOCOL_NAME: &[u8] = b"Noise_XK_secp256k1_ChaChaPoly_SHA256";
/// BOLT 8's prologue.
pub(crate) const PROLOGUE: &[u8] = b"lightning";

/// A 32-byte symmetric key or chaining key.
pub(crate) type Key = [u8; 32];

/// SHA-256 of the concatenation of `parts`.
pub(crate) fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// `HKDF(salt, ikm)`: HKDF-SHA256 with a zero-length info, 64 bytes of output
/// split into two keys.
pub(crate) fn hkdf(salt: &Key, ikm: &[u8]) -> (Key, Key) {
    let mut okm = [0u8; 64];
    // 64 bytes is far below HKDF-SHA256's limit of 255 * 32, the only case
    // `expand` refuses, so the error branch cannot be taken.
    let _ = Hkdf::<Sha256>::new(Some(salt), ikm).expand(&[], &mut okm);
    let mut first = [0u8; 32];
    let mut second = [0u8; 32];
    first.copy_from_slice(&okm[..32]);
    second.copy_from_slice(&okm[32..]);
    (first, second)
}

/// `ECDH(k, rk)`: SHA-256 of the compressed point `k * rk`, which is exactly
/// libsecp256k1's default ECDH.
pub(crate) fn ecdh(secret: &SecretKey, point: &PublicKey) -> [u8; 32] {
    SharedSecret::new(point, secret).secret_bytes()
}

/// BOLT 8's 96-bit nonce: 32 zero bits, then `n` as 64 bits little-endian.
fn nonce(n: u64) -> Nonce {
    let mut bytes = [0u8; 12];
    bytes[4..].copy_from_slice(&n.to_le_bytes());
    Nonce::from(bytes)
}

/// `encryptWithAD(k, n, ad, plaintext)`: the ciphertext followed by its
/// 16-byte MAC.
///
/// Every caller passes at most 65535 bytes (handshake payloads are 0 or 33
/// bytes, messages are capped at [`crate::transport::MAX_MESSAGE_LEN`]), far
/// below ChaCha20-Poly1305's 256 GiB limit, the only input the AEAD refuses.
pub(crate) fn encrypt_with_ad(key: &Key, n: u64, ad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let cipher = ChaCha20Poly1305::new(key.into());
    cipher
        .encrypt(
            &nonce(n),
            Payload {
                msg: plaintext,
                aad: ad,
            },
        )
        .unwrap_or_else(|_| {
            unreachable!(
                "plaintext of {} bytes is under the AEAD limit",
                plaintext.len()
            )
        })
}

/// `decryptWithAD(k, n, ad, ciphertext)`: the plaintext, or `None` when the
/// MAC does not check (including a ciphertext shorter than a MAC).
pub(crate) fn decrypt_with_ad(key: &Key, n: u64, ad: &[u8], ciphertext: &[u8]) -> Option<Vec<u8>> {
    let cipher = ChaCha20Poly1305::new(key.into());
    cipher
        .decrypt(
            &nonce(n),
            Payload {
                msg: ciphertext,
                aad: ad,
            },
        )
        .ok()
}

/// The handshake's running state: the chaining key `ck` and the handshake
/// hash `h`.
#[derive(Clone)]
pub(crate) struct SymmetricState {
    pub(crate) ck: Key,
    pub(crate) h: [u8; 32],
}

impl SymmetricState {
    /// The state both sides start from: `h = SHA256(protocol name)`,
    /// `ck = h`, then the prologue and the responder's static key mixed into
    /// `h`.
    pub(crate) fn initialize(responder_static: &PublicKey) -> Self {
        let h = sha256(&[PROTOCOL_NAME]);
        let mut state = SymmetricState { ck: h, h };
        state.mix_hash(PROLOGUE);
        state.mix_hash(&responder_static.serialize());
        state
    }

    /// `h = SHA256(h || data)`.
    pub(crate) fn mix_hash(&mut self, data: &[u8]) {
        self.h = sha256(&[&self.h, data]);
    }

    /// `ck, temp_k = HKDF(ck, shared_secret)`; returns `temp_k`.
    pub(crate) fn mix_key(&mut self, shared_secret: &[u8; 32]) -> Key {
        let (ck, temp_k) = hkdf(&self.ck, shared_secret);
        self.ck = ck;
        temp_k
    }

    /// `c = encryptWithAD(temp_k, n, h, plaintext)`, then `h = SHA256(h || c)`.
    pub(crate) fn encrypt_and_hash(&mut self, temp_k: &Key, n: u64, plaintext: &[u8]) -> Vec<u8> {
        let c = encrypt_with_ad(temp_k, n, &self.h, plaintext);
        self.mix_hash(&c);
        c
    }

    /// `p = decryptWithAD(temp_k, n, h, c)`, then `h = SHA256(h || c)`; `None`
    /// (and `h` untouched) when the MAC does not check.
    pub(crate) fn decrypt_and_hash(&mut self, temp_k: &Key, n: u64, c: &[u8]) -> Option<Vec<u8>> {
        let p = decrypt_with_ad(temp_k, n, &self.h, c)?;
        self.mix_hash(c);
        Some(p)
    }

    /// The final `HKDF(ck, zero)`: the initiator's (sending, receiving) keys,
    /// which are the responder's (receiving, sending) keys.
    pub(crate) fn split(&self) -> (Key, Key) {
        hkdf(&self.ck, &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h32(s: &str) -> [u8; 32] {
        hex::decode(s).expect("hex").try_into().expect("32 bytes")
    }

    #[test]
    fn the_initial_hash_is_the_spec_trace() {
        // BOLT 8, Appendix A: h after the prologue and rs.pub, before act one.
        let rs = "028d7500dd4c12685d1f568b4c2b5048e8534b873319f3a8daa612b469132ec7f7";
        let rs = PublicKey::from_slice(&hex::decode(rs).expect("hex")).expect("a valid key");
        let state = SymmetricState::initialize(&rs);
        assert_eq!(
            state.h,
            h32("8401b3fdcaaa710b5405400536a3d5fd7792fe8e7fe29cd8b687216fe323ecbd")
        );
    }

    #[test]
    fn hkdf_rotation_matches_the_spec() {
        let (ck, k) = hkdf(
            &h32("919219dbb2920afa8db80f9a51787a840bcf111ed8d588caf9ab4be716e42b01"),
            &h32("969ab31b4d288cedf6218839b27a3e2140827047f2c0f01bf5c04435d43511a9"),
        );
        assert_eq!(
            ck,
            h32("cc2c6e467efc8067720c2d09c139d1f77731893aad1defa14f9bf3c48d3f1d31")
        );
        assert_eq!(
            k,
            h32("3fbdc101abd1132ca3a0ae34a669d8d9ba69a587e0bb4ddd59524541cf4813d8")
        );
    }

    #[test]
    fn the_nonce_is_little_endian_after_four_zero_bytes() {
        assert_eq!(nonce(1).as_slice(), &[0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            nonce(0x0102).as_slice(),
            &[0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0]
        );
    }

    #[test]
    fn a_ciphertext_shorter_than_a_mac_is_refused() {
        assert_eq!(decrypt_with_ad(&[0; 32], 0, &[], &[0; 15]), None);
    }
}
