//! The session after the handshake: BOLT 8 message encryption.
//!
//! A message of `l` bytes (`l <= 65535`) goes out as one frame: the 2-byte
//! big-endian length encrypted with its 16-byte MAC (18 bytes), then the body
//! encrypted with its MAC (`l + 16` bytes). Each direction has its own key,
//! chaining key and nonce; a key is rotated (`ck, k = HKDF(ck, k)`, nonce back
//! to 0) after it has been used 1000 times, that is every 500 messages, since
//! each message uses two nonces.
//!
//! Reading is two steps because the body's length is only known after the
//! header is decrypted: [`Decryptor::decrypt_length`] takes the 18-byte
//! header, [`Decryptor::decrypt_body`] the `length + 16` bytes that follow.
//! This module does no I/O and knows nothing of BOLT 1 messages.
use super::error::TransportError;
use super::noise::{decrypt_with_ad, encrypt_with_ad, hkdf, Key};

/// The longest message a frame carries.
pub const MAX_MESSAGE_LEN: usize = u16::MAX as usize;
/// A MAC's length.
pub const TAG_LEN: usize = 16;
/// The encrypted length header: 2 bytes and a MAC.
pub const LENGTH_HEADER_LEN: usize = 2 + TAG_LEN;
/// How many times a key is used before it is rotated.
const KEY_ROTATION_INTERVAL: u64 = 1000;

/// One direction's keys: chaining key, key, nonce.
#[derive(Clone)]
struct CipherState {
    ck: Key,
    k: Key,
    n: u64,
}

impl CipherState {
    fn new(ck: Key, k: Key) -> Self {
        CipherState { ck, k, n: 0 }
    }

    fn encrypt(&mut self, plaintext: &[u8]) -> Vec<u8> {
        let c = encrypt_with_ad(&self.k, self.n, &[], plaintext);
        self.advance();
        c
    }

    fn decrypt(&mut self, ciphertext: &[u8]) -> Option<Vec<u8>> {
        let p = decrypt_with_ad(&self.k, self.n, &[], ciphertext)?;
        self.advance();
        Some(p)
    }

    /// Counts a use of the key, rotating it at the 1000th.
    fn advance(&mut self) {
        self.n += 1;
        if self.n == KEY_ROTATION_INTERVAL {
            let (ck, k) = hkdf(&self.ck, &self.k);
            self.ck = ck;
            self.k = k;
            self.n = 0;
        }
    }
}

/// The sending half of a session.
#[derive(Clone)]
pub struct Encryptor {
    state: CipherState,
}

impl Encryptor {
    /// Encrypts `msg` into one frame: the 18-byte encrypted length header,
    /// then the encrypted body and its MAC.
    pub fn encrypt(&mut self, msg: &[u8]) -> Result<Vec<u8>, TransportError> {
        let len = u16::try_from(msg.len())
            .map_err(|_| TransportError::MessageTooLong { len: msg.len() })?;
        let mut frame = self.state.encrypt(&len.to_be_bytes());
        frame.extend_from_slice(&self.state.encrypt(msg));
        Ok(frame)
    }
}

impl std::fmt::Debug for Encryptor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encryptor")
            .field("nonce", &self.state.n)
            .finish_non_exhaustive()
    }
}

/// Where the decryptor is in the frame it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReadPhase {
    AwaitingLength,
    /// The header announced a body of this many bytes (without its MAC).
    AwaitingBody(u16),
    /// A frame failed: nothing more is decrypted.
    Failed,
}

/// The receiving half of a session.
#[derive(Clone)]
pub struct Decryptor {
    state: CipherState,
    phase: ReadPhase,
}

impl Decryptor {
    /// Decrypts a frame's 18-byte length header and returns the length of the
    /// message; the caller then reads `length + TAG_LEN` bytes and passes them
    /// to [`Decryptor::decrypt_body`].
    pub fn decrypt_length(&mut self, header: &[u8]) -> Result<u16, TransportError> {
        match self.phase {
            ReadPhase::AwaitingLength => {}
            ReadPhase::AwaitingBody(len) => {
                return Err(TransportError::LengthBeforeBody {
                    pending: usize::from(len) + TAG_LEN,
                })
            }
            ReadPhase::Failed => return Err(TransportError::PreviousFailure),
        }
        if header.len() != LENGTH_HEADER_LEN {
            return Err(self.fail(TransportError::HeaderLength { got: header.len() }));
        }
        let Some(plain) = self.state.decrypt(header) else {
            return Err(self.fail(TransportError::BadLengthTag));
        };
        let len = match <[u8; 2]>::try_from(plain.as_slice()) {
            Ok(bytes) => u16::from_be_bytes(bytes),
            // A valid MAC over 2 bytes always decrypts to 2 bytes.
            Err(_) => return Err(self.fail(TransportError::BadLengthTag)),
        };
        self.phase = ReadPhase::AwaitingBody(len);
        Ok(len)
    }

    /// Decrypts the body announced by the last header (`length + TAG_LEN`
    /// bytes) and returns the message.
    pub fn decrypt_body(&mut self, body: &[u8]) -> Result<Vec<u8>, TransportError> {
        let len = match self.phase {
            ReadPhase::AwaitingBody(len) => usize::from(len),
            ReadPhase::AwaitingLength => return Err(TransportError::BodyBeforeLength),
            ReadPhase::Failed => return Err(TransportError::PreviousFailure),
        };
        if body.len() != len + TAG_LEN {
            return Err(self.fail(TransportError::BodyLength {
                expected: len + TAG_LEN,
                got: body.len(),
            }));
        }
        let Some(msg) = self.state.decrypt(body) else {
            return Err(self.fail(TransportError::BadBodyTag));
        };
        self.phase = ReadPhase::AwaitingLength;
        Ok(msg)
    }

    /// Whether a frame failed: the connection must then be dropped.
    pub fn has_failed(&self) -> bool {
        self.phase == ReadPhase::Failed
    }

    fn fail(&mut self, error: TransportError) -> TransportError {
        self.phase = ReadPhase::Failed;
        error
    }
}

impl std::fmt::Debug for Decryptor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Decryptor")
            .field("nonce", &self.state.n)
            .field("phase", &self.phase)
            .finish_non_exhaustive()
    }
}

/// A session's current keys, for checking against test vectors and for
/// diagnostics. These are secrets: never log them.
#[derive(Clone, PartialEq, Eq)]
pub struct KeySnapshot {
    /// The sending direction's chaining key.
    pub sending_ck: [u8; 32],
    /// The sending key (`sk`).
    pub sending_key: [u8; 32],
    /// The sending nonce.
    pub sending_nonce: u64,
    /// The receiving direction's chaining key.
    pub receiving_ck: [u8; 32],
    /// The receiving key (`rk`).
    pub receiving_key: [u8; 32],
    /// The receiving nonce.
    pub receiving_nonce: u64,
}

impl std::fmt::Debug for KeySnapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeySnapshot")
            .field("sending_nonce", &self.sending_nonce)
            .field("receiving_nonce", &self.receiving_nonce)
            .finish_non_exhaustive()
    }
}

/// An established BOLT 8 session: both directions' keys.
#[derive(Clone, Debug)]
pub struct Transport {
    encryptor: Encryptor,
    decryptor: Decryptor,
}

impl Transport {
    /// The session the handshake ends in: both directions start from the
    /// final chaining key `ck`, with nonces at 0.
    pub(crate) fn new(ck: Key, sending_key: Key, receiving_key: Key) -> Self {
        Transport {
            encryptor: Encryptor {
                state: CipherState::new(ck, sending_key),
            },
            decryptor: Decryptor {
                state: CipherState::new(ck, receiving_key),
                phase: ReadPhase::AwaitingLength,
            },
        }
    }

    /// See [`Encryptor::encrypt`].
    pub fn encrypt(&mut self, msg: &[u8]) -> Result<Vec<u8>, TransportError> {
        self.encryptor.encrypt(msg)
    }

    /// See [`Decryptor::decrypt_length`].
    pub fn decrypt_length(&mut self, header: &[u8]) -> Result<u16, TransportError> {
        self.decryptor.decrypt_length(header)
    }

    /// See [`Decryptor::decrypt_body`].
    pub fn decrypt_body(&mut self, body: &[u8]) -> Result<Vec<u8>, TransportError> {
        self.decryptor.decrypt_body(body)
    }

    /// The two halves, for a reader and a writer that run apart.
    pub fn split(self) -> (Encryptor, Decryptor) {
        (self.encryptor, self.decryptor)
    }

    /// The current keys (secrets: see [`KeySnapshot`]).
    pub fn key_snapshot(&self) -> KeySnapshot {
        let (e, d) = (&self.encryptor.state, &self.decryptor.state);
        KeySnapshot {
            sending_ck: e.ck,
            sending_key: e.k,
            sending_nonce: e.n,
            receiving_ck: d.ck,
            receiving_key: d.k,
            receiving_nonce: d.n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pair of sessions facing each other (a's sending key is b's receiving).
    fn pair() -> (Transport, Transport) {
        let (ck, k1, k2) = ([7u8; 32], [1u8; 32], [2u8; 32]);
        (Transport::new(ck, k1, k2), Transport::new(ck, k2, k1))
    }

    fn deliver(
        from: &mut Transport,
        to: &mut Transport,
        msg: &[u8],
    ) -> Result<Vec<u8>, TransportError> {
        let frame = from.encrypt(msg)?;
        let len = to.decrypt_length(&frame[..LENGTH_HEADER_LEN])?;
        assert_eq!(usize::from(len), msg.len());
        to.decrypt_body(&frame[LENGTH_HEADER_LEN..])
    }

    #[test]
    fn messages_cross_key_rotations_in_both_directions() {
        let (mut a, mut b) = pair();
        for i in 0..1200u32 {
            let msg = i.to_be_bytes();
            assert_eq!(deliver(&mut a, &mut b, &msg), Ok(msg.to_vec()));
            if i % 3 == 0 {
                assert_eq!(deliver(&mut b, &mut a, &msg), Ok(msg.to_vec()));
            }
        }
        // 1200 messages are 2400 nonces: two rotations, nonce at 400.
        assert_eq!(a.key_snapshot().sending_nonce, 400);
        assert_eq!(b.key_snapshot().receiving_nonce, 400);
    }

    #[test]
    fn the_largest_message_passes_and_one_byte_more_is_refused() {
        let (mut a, mut b) = pair();
        let big = vec![0xabu8; MAX_MESSAGE_LEN];
        assert_eq!(deliver(&mut a, &mut b, &big), Ok(big.clone()));
        assert_eq!(
            a.encrypt(&[0u8; MAX_MESSAGE_LEN + 1]),
            Err(TransportError::MessageTooLong { len: 65536 })
        );
        assert_eq!(deliver(&mut a, &mut b, b""), Ok(vec![]));
    }

    #[test]
    fn a_flipped_bit_fails_the_frame_and_the_decryptor_stays_failed() {
        let (mut a, mut b) = pair();
        let mut frame = a.encrypt(b"hello").expect("encrypts");
        frame[LENGTH_HEADER_LEN] ^= 1;
        assert_eq!(b.decrypt_length(&frame[..LENGTH_HEADER_LEN]), Ok(5));
        assert_eq!(
            b.decrypt_body(&frame[LENGTH_HEADER_LEN..]),
            Err(TransportError::BadBodyTag)
        );
        assert_eq!(
            b.decrypt_length(&frame[..LENGTH_HEADER_LEN]),
            Err(TransportError::PreviousFailure)
        );
        assert!(b.split().1.has_failed());
    }

    #[test]
    fn out_of_order_calls_are_refused() {
        let (mut a, mut b) = pair();
        assert_eq!(
            b.decrypt_body(&[0; 16]),
            Err(TransportError::BodyBeforeLength)
        );
        let frame = a.encrypt(b"hi").expect("encrypts");
        assert_eq!(b.decrypt_length(&frame[..LENGTH_HEADER_LEN]), Ok(2));
        assert_eq!(
            b.decrypt_length(&frame[..LENGTH_HEADER_LEN]),
            Err(TransportError::LengthBeforeBody { pending: 18 })
        );
        assert_eq!(
            b.decrypt_body(&frame[LENGTH_HEADER_LEN..]),
            Ok(b"hi".to_vec())
        );
        assert_eq!(
            b.decrypt_length(&[0; 17]),
            Err(TransportError::HeaderLength { got: 17 })
        );
    }
}
