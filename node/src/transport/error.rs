//! Why a handshake or a frame is refused.
//!
//! [`HandshakeError`] has one variant per failure the BOLT 8 test vectors
//! name (`ACTn_READ_FAILED`, `ACTn_BAD_VERSION`, `ACTn_BAD_PUBKEY`,
//! `ACT3_BAD_CIPHERTEXT`, `ACTn_BAD_TAG`), with the act it happened in;
//! [`TransportError`] covers messages after the handshake. Every error means
//! the connection must be dropped: nothing here is retryable. I/O failures
//! are not here; they belong to the adapter ([`super::io`]).
use thiserror::Error;

/// One of the three handshake acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Act {
    /// Initiator to responder: version, ephemeral key, MAC (50 bytes).
    One,
    /// Responder to initiator: version, ephemeral key, MAC (50 bytes).
    Two,
    /// Initiator to responder: version, encrypted static key, MAC (66 bytes).
    Three,
}

impl Act {
    /// 1, 2 or 3.
    pub fn number(self) -> u8 {
        match self {
            Act::One => 1,
            Act::Two => 2,
            Act::Three => 3,
        }
    }
}

impl std::fmt::Display for Act {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "act {}", self.number())
    }
}

/// A handshake act refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HandshakeError {
    /// The act does not have its exact length (a short read).
    #[error("{act}: expected {expected} bytes, got {got}")]
    ReadFailed {
        act: Act,
        expected: usize,
        got: usize,
    },
    /// The act's leading version byte is not 0.
    #[error("{act}: unknown handshake version {version}")]
    BadVersion { act: Act, version: u8 },
    /// The public key carried by the act (the ephemeral key in acts one and
    /// two, the decrypted static key in act three) is not a valid compressed
    /// secp256k1 point.
    #[error("{act}: the public key is not a valid compressed secp256k1 point")]
    BadPublicKey { act: Act },
    /// Act three's encrypted static key fails its MAC.
    #[error("act 3: the encrypted static key fails its MAC")]
    BadStaticKeyCiphertext,
    /// The act's final MAC does not check.
    #[error("{act}: bad MAC")]
    BadTag { act: Act },
    /// The caller's entropy source gave no valid secp256k1 secret key.
    #[error("the entropy source gave no valid secp256k1 secret key in {draws} draws")]
    BadEntropy { draws: usize },
}

impl HandshakeError {
    /// The act being processed when it failed (`None` before any act).
    pub fn act(&self) -> Option<Act> {
        match self {
            HandshakeError::ReadFailed { act, .. }
            | HandshakeError::BadVersion { act, .. }
            | HandshakeError::BadPublicKey { act }
            | HandshakeError::BadTag { act } => Some(*act),
            HandshakeError::BadStaticKeyCiphertext => Some(Act::Three),
            HandshakeError::BadEntropy { .. } => None,
        }
    }

    /// The label BOLT 8's test vectors give this failure, e.g.
    /// `ACT2_BAD_VERSION` (without the version the spec sometimes appends).
    pub fn spec_label(&self) -> String {
        let reason = match self {
            HandshakeError::ReadFailed { .. } => "READ_FAILED",
            HandshakeError::BadVersion { .. } => "BAD_VERSION",
            HandshakeError::BadPublicKey { .. } => "BAD_PUBKEY",
            HandshakeError::BadStaticKeyCiphertext => "BAD_CIPHERTEXT",
            HandshakeError::BadTag { .. } => "BAD_TAG",
            HandshakeError::BadEntropy { .. } => return "BAD_ENTROPY".to_string(),
        };
        match self.act() {
            Some(act) => format!("ACT{}_{reason}", act.number()),
            None => reason.to_string(),
        }
    }
}

/// A message refused after the handshake.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransportError {
    /// A message to send is longer than the 2-byte length prefix allows.
    #[error("message of {len} bytes is over the 65535-byte limit")]
    MessageTooLong { len: usize },
    /// The length header is not exactly 18 bytes.
    #[error("length header of {got} bytes, expected 18")]
    HeaderLength { got: usize },
    /// The length header's MAC does not check.
    #[error("bad MAC on the length header")]
    BadLengthTag,
    /// The body is not the length the header announced (plus its MAC).
    #[error("body of {got} bytes, the header announced {expected} (with the MAC)")]
    BodyLength { expected: usize, got: usize },
    /// The body's MAC does not check.
    #[error("bad MAC on the message body")]
    BadBodyTag,
    /// A body was given before its length header was decrypted.
    #[error("a body was given while a length header was expected")]
    BodyBeforeLength,
    /// A length header was given while the previous header's body is awaited.
    #[error("a length header was given while the body of {pending} bytes is awaited")]
    LengthBeforeBody { pending: usize },
    /// An earlier frame failed: the decryptor is unusable (the connection
    /// must be dropped).
    #[error("an earlier frame failed to decrypt; the connection must be dropped")]
    PreviousFailure,
}
