//! BOLT 4 payment onions: what lnpd puts in an `update_add_htlc` it
//! originates, reads from one it receives, and sends back when an HTLC
//! fails.
//!
//! - [`payload`]: the hop payloads (a TLV stream): [`ForwardPayload`] for a
//!   forwarding hop, [`FinalPayload`] for the payee;
//! - [`packet`]: the 1366-byte Sphinx packet — [`build_onion`] at the
//!   origin, [`peel_onion`] at each hop, which checks the version, the
//!   ephemeral key and the HMAC and yields [`Peeled::Forward`] (with the next
//!   hop's packet) or [`Peeled::Final`];
//! - [`failure`]: failure messages and the failure packet — created by the
//!   failing hop, obfuscated by each hop back, decrypted by the origin to
//!   name the failing hop;
//! - `crypto` (private): the keys, streams and HMACs Sphinx is made of, over
//!   libsecp256k1, `bitcoin::hashes` and RustCrypto's ChaCha20.
//!
//! Everything here is a pure function of its arguments: no I/O, no clock,
//! no randomness (session keys are the caller's). It is not the channel
//! integration (which HTLC carries which onion, when to fail back), nor a
//! router, nor a replay log; route blinding, trampoline and attributable
//! failures are not supported.
pub mod failure;
pub mod packet;
pub mod payload;

mod crypto;

pub use failure::{
    create_failure_packet, decrypt_failure, obfuscate_failure, DecryptedFailure, FailureError,
    FailureMessage,
};
pub use packet::{
    build_onion, peel_onion, route_shared_secrets, BuildError, PeelError, Peeled, PACKET_LEN,
};
pub use payload::{FinalPayload, ForwardPayload, HopRole, PayloadError, PaymentData};

use thiserror::Error;

/// The secret one hop shares with the origin of an onion (SHA-256 of the
/// ECDH point). A hop keeps it with the HTLC to encrypt a failure; the origin
/// derives one per hop to decrypt one. `Debug` does not show it.
#[derive(Clone, PartialEq, Eq)]
pub struct SharedSecret([u8; 32]);

impl SharedSecret {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        SharedSecret(bytes)
    }
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for SharedSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedSecret(..)")
    }
}

/// Any failure of this module, for callers that build, peel and fail in
/// one place; each operation returns its own narrower error.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OnionError {
    #[error("cannot build the onion: {0}")]
    Build(#[from] BuildError),
    #[error("onion refused: {0}")]
    Peel(#[from] PeelError),
    #[error("failure packet: {0}")]
    Failure(#[from] FailureError),
}
