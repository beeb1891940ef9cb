//! The BOLT 8 transport: `Noise_XK_secp256k1_ChaChaPoly_SHA256` with the
//! prologue `lightning`, then length-prefixed ChaCha20-Poly1305 messages whose
//! keys rotate every 1000 uses.
//!
//! - [`handshake`]: the three acts as state machines over bytes
//!   ([`Initiator`], [`Responder`]); the caller moves the bytes;
//! - [`cipher`]: the session after the handshake ([`Transport`]: an
//!   [`Encryptor`] and a [`Decryptor`] that reads a frame in two steps, the
//!   18-byte length header then the body);
//! - [`error`]: why a handshake or a frame is refused, one variant per reason
//!   the spec names;
//! - [`io`]: a thin adapter running all of the above over a tokio byte
//!   stream ([`Connection`]).
//!
//! The core (`handshake`, `cipher`) does no I/O and draws no randomness:
//! ephemeral keys come in as arguments, or from a caller-provided entropy
//! source. It does not know BOLT 1 messages: a message here is opaque bytes.
//! The Noise building blocks (HKDF, `encryptWithAD`, the handshake hash) live
//! in the private `noise` module; the cryptography itself is RustCrypto's and
//! libsecp256k1's.
pub mod cipher;
pub mod error;
pub mod handshake;
pub mod io;
mod noise;

pub use cipher::{
    Decryptor, Encryptor, KeySnapshot, Transport, LENGTH_HEADER_LEN, MAX_MESSAGE_LEN, TAG_LEN,
};
pub use error::{Act, HandshakeError, TransportError};
pub use handshake::{
    Initiator, Responder, ResponderAwaitingActThree, ACT_ONE_LEN, ACT_THREE_LEN, ACT_TWO_LEN,
};
pub use io::{Connection, ConnectionError, ConnectionReader, ConnectionWriter};
