//! The BOLT 8 handshake (Noise_XK) as state machines over bytes.
//!
//! The initiator knows the responder's static key in advance. Three acts:
//!
//! 1. [`Initiator::new`] computes act one ([`Initiator::act_one`], 50 bytes);
//! 2. [`Responder::process_act_one`] checks it and computes act two
//!    ([`ResponderAwaitingActThree::act_two`], 50 bytes);
//! 3. [`Initiator::process_act_two`] checks it and returns act three (66
//!    bytes) with the [`Transport`]; [`ResponderAwaitingActThree::process_act_three`]
//!    checks act three and returns the [`Transport`] with the initiator's
//!    static key, which the responder learns only now.
//!
//! Each step consumes the previous state, so an act cannot be processed twice
//! or out of order. Ephemeral keys are arguments (`new`) or drawn from a
//! caller-provided entropy source (`with_entropy`): nothing here reads a
//! clock, a random number generator or a socket. Any input is either accepted
//! or refused with a [`HandshakeError`]; none panics.
use bitcoin::secp256k1::{PublicKey, Secp256k1, SecretKey};

use super::cipher::{Transport, TAG_LEN};
use super::error::{Act, HandshakeError};
use super::noise::{decrypt_with_ad, ecdh, encrypt_with_ad, Key, SymmetricState};

/// Act one's length: version, compressed ephemeral key, MAC.
pub const ACT_ONE_LEN: usize = 1 + 33 + TAG_LEN;
/// Act two's length: version, compressed ephemeral key, MAC.
pub const ACT_TWO_LEN: usize = 1 + 33 + TAG_LEN;
/// Act three's length: version, encrypted static key with its MAC, MAC.
pub const ACT_THREE_LEN: usize = 1 + 33 + TAG_LEN + TAG_LEN;
/// The only handshake version.
const VERSION: u8 = 0;
/// How many 32-byte draws `with_entropy` makes before giving up. A uniform
/// draw is an invalid secret key with probability below 2^-127, so only a
/// broken source (say, all zeros) exhausts this.
const ENTROPY_DRAWS: usize = 8;

/// A secret key from a caller's entropy source: the first draw that is a
/// valid secp256k1 scalar.
fn secret_from_entropy(mut entropy: impl FnMut() -> [u8; 32]) -> Result<SecretKey, HandshakeError> {
    (0..ENTROPY_DRAWS)
        .find_map(|_| SecretKey::from_slice(&entropy()).ok())
        .ok_or(HandshakeError::BadEntropy {
            draws: ENTROPY_DRAWS,
        })
}

/// Splits act one or two into its ephemeral key and MAC, checking length,
/// version and key.
fn parse_ephemeral_act(act: Act, bytes: &[u8]) -> Result<(PublicKey, &[u8]), HandshakeError> {
    if bytes.len() != ACT_ONE_LEN {
        return Err(HandshakeError::ReadFailed {
            act,
            expected: ACT_ONE_LEN,
            got: bytes.len(),
        });
    }
    if bytes[0] != VERSION {
        return Err(HandshakeError::BadVersion {
            act,
            version: bytes[0],
        });
    }
    let remote_ephemeral =
        PublicKey::from_slice(&bytes[1..34]).map_err(|_| HandshakeError::BadPublicKey { act })?;
    Ok((remote_ephemeral, &bytes[34..]))
}

/// `version || pubkey || c` for acts one and two.
fn ephemeral_act(public_key: &PublicKey, c: &[u8]) -> [u8; ACT_ONE_LEN] {
    let mut out = [0u8; ACT_ONE_LEN];
    out[0] = VERSION;
    out[1..34].copy_from_slice(&public_key.serialize());
    out[34..].copy_from_slice(c);
    out
}

/// The initiator after sending act one, awaiting act two.
pub struct Initiator {
    local_static: SecretKey,
    remote_static: PublicKey,
    ephemeral: SecretKey,
    state: SymmetricState,
    act_one: [u8; ACT_ONE_LEN],
}

impl Initiator {
    /// Starts a handshake with the node whose static key is `remote_static`,
    /// using `ephemeral` as this handshake's ephemeral key (fresh for every
    /// handshake), and computes act one.
    pub fn new(local_static: SecretKey, remote_static: PublicKey, ephemeral: SecretKey) -> Self {
        let secp = Secp256k1::signing_only();
        let mut state = SymmetricState::initialize(&remote_static);
        let ephemeral_pub = ephemeral.public_key(&secp);
        state.mix_hash(&ephemeral_pub.serialize());
        let temp_k1 = state.mix_key(&ecdh(&ephemeral, &remote_static));
        let c = state.encrypt_and_hash(&temp_k1, 0, &[]);
        let act_one = ephemeral_act(&ephemeral_pub, &c);
        Initiator {
            local_static,
            remote_static,
            ephemeral,
            state,
            act_one,
        }
    }

    /// [`Initiator::new`] with the ephemeral key drawn from `entropy`, a
    /// caller-provided source of uniformly random 32-byte strings.
    pub fn with_entropy(
        local_static: SecretKey,
        remote_static: PublicKey,
        entropy: impl FnMut() -> [u8; 32],
    ) -> Result<Self, HandshakeError> {
        Ok(Initiator::new(
            local_static,
            remote_static,
            secret_from_entropy(entropy)?,
        ))
    }

    /// Act one, to send to the responder.
    pub fn act_one(&self) -> [u8; ACT_ONE_LEN] {
        self.act_one
    }

    /// The responder's static key this handshake authenticates.
    pub fn remote_static(&self) -> PublicKey {
        self.remote_static
    }

    /// Checks the responder's act two (exactly [`ACT_TWO_LEN`] bytes) and
    /// returns act three, to send, with the established session.
    pub fn process_act_two(
        self,
        act_two: &[u8],
    ) -> Result<([u8; ACT_THREE_LEN], Transport), HandshakeError> {
        let Initiator {
            local_static,
            ephemeral,
            mut state,
            ..
        } = self;
        let (remote_ephemeral, tag) = parse_ephemeral_act(Act::Two, act_two)?;
        state.mix_hash(&remote_ephemeral.serialize());
        let temp_k2 = state.mix_key(&ecdh(&ephemeral, &remote_ephemeral));
        state
            .decrypt_and_hash(&temp_k2, 0, tag)
            .ok_or(HandshakeError::BadTag { act: Act::Two })?;

        let secp = Secp256k1::signing_only();
        let c = state.encrypt_and_hash(&temp_k2, 1, &local_static.public_key(&secp).serialize());
        let temp_k3 = state.mix_key(&ecdh(&local_static, &remote_ephemeral));
        let t = encrypt_with_ad(&temp_k3, 0, &state.h, &[]);
        let (sending_key, receiving_key) = state.split();

        let mut act_three = [0u8; ACT_THREE_LEN];
        act_three[0] = VERSION;
        act_three[1..50].copy_from_slice(&c);
        act_three[50..].copy_from_slice(&t);
        Ok((
            act_three,
            Transport::new(state.ck, sending_key, receiving_key),
        ))
    }
}

impl std::fmt::Debug for Initiator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Initiator").finish_non_exhaustive()
    }
}

/// The responder before act one.
pub struct Responder {
    local_static: SecretKey,
    ephemeral: SecretKey,
}

impl Responder {
    /// Awaits a handshake with our static key `local_static`, using
    /// `ephemeral` as this handshake's ephemeral key (fresh for every
    /// handshake).
    pub fn new(local_static: SecretKey, ephemeral: SecretKey) -> Self {
        Responder {
            local_static,
            ephemeral,
        }
    }

    /// [`Responder::new`] with the ephemeral key drawn from `entropy`, a
    /// caller-provided source of uniformly random 32-byte strings.
    pub fn with_entropy(
        local_static: SecretKey,
        entropy: impl FnMut() -> [u8; 32],
    ) -> Result<Self, HandshakeError> {
        Ok(Responder::new(local_static, secret_from_entropy(entropy)?))
    }

    /// Checks the initiator's act one (exactly [`ACT_ONE_LEN`] bytes) and
    /// computes act two.
    pub fn process_act_one(
        self,
        act_one: &[u8],
    ) -> Result<ResponderAwaitingActThree, HandshakeError> {
        let Responder {
            local_static,
            ephemeral,
        } = self;
        let secp = Secp256k1::signing_only();
        let mut state = SymmetricState::initialize(&local_static.public_key(&secp));
        let (remote_ephemeral, tag) = parse_ephemeral_act(Act::One, act_one)?;
        state.mix_hash(&remote_ephemeral.serialize());
        let temp_k1 = state.mix_key(&ecdh(&local_static, &remote_ephemeral));
        state
            .decrypt_and_hash(&temp_k1, 0, tag)
            .ok_or(HandshakeError::BadTag { act: Act::One })?;

        let ephemeral_pub = ephemeral.public_key(&secp);
        state.mix_hash(&ephemeral_pub.serialize());
        let temp_k2 = state.mix_key(&ecdh(&ephemeral, &remote_ephemeral));
        let c = state.encrypt_and_hash(&temp_k2, 0, &[]);
        let act_two = ephemeral_act(&ephemeral_pub, &c);
        Ok(ResponderAwaitingActThree {
            ephemeral,
            state,
            temp_k2,
            act_two,
        })
    }
}

impl std::fmt::Debug for Responder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Responder").finish_non_exhaustive()
    }
}

/// The responder after sending act two, awaiting act three.
pub struct ResponderAwaitingActThree {
    ephemeral: SecretKey,
    state: SymmetricState,
    temp_k2: Key,
    act_two: [u8; ACT_TWO_LEN],
}

impl ResponderAwaitingActThree {
    /// Act two, to send to the initiator.
    pub fn act_two(&self) -> [u8; ACT_TWO_LEN] {
        self.act_two
    }

    /// Checks the initiator's act three (exactly [`ACT_THREE_LEN`] bytes) and
    /// returns the established session and the initiator's static key.
    pub fn process_act_three(
        self,
        act_three: &[u8],
    ) -> Result<(Transport, PublicKey), HandshakeError> {
        let ResponderAwaitingActThree {
            ephemeral,
            mut state,
            temp_k2,
            ..
        } = self;
        if act_three.len() != ACT_THREE_LEN {
            return Err(HandshakeError::ReadFailed {
                act: Act::Three,
                expected: ACT_THREE_LEN,
                got: act_three.len(),
            });
        }
        if act_three[0] != VERSION {
            return Err(HandshakeError::BadVersion {
                act: Act::Three,
                version: act_three[0],
            });
        }
        let (c, t) = act_three[1..].split_at(33 + TAG_LEN);
        let remote_static_bytes = state
            .decrypt_and_hash(&temp_k2, 1, c)
            .ok_or(HandshakeError::BadStaticKeyCiphertext)?;
        let remote_static = PublicKey::from_slice(&remote_static_bytes)
            .map_err(|_| HandshakeError::BadPublicKey { act: Act::Three })?;
        let temp_k3 = state.mix_key(&ecdh(&ephemeral, &remote_static));
        decrypt_with_ad(&temp_k3, 0, &state.h, t)
            .ok_or(HandshakeError::BadTag { act: Act::Three })?;
        let (receiving_key, sending_key) = state.split();
        Ok((
            Transport::new(state.ck, sending_key, receiving_key),
            remote_static,
        ))
    }
}

impl std::fmt::Debug for ResponderAwaitingActThree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponderAwaitingActThree")
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> SecretKey {
        SecretKey::from_slice(&[byte; 32]).expect("a valid test key")
    }

    #[test]
    fn both_sides_agree_on_keys_and_the_responder_learns_the_initiator() {
        let secp = Secp256k1::signing_only();
        let (initiator_static, responder_static) = (key(0x11), key(0x21));
        let initiator = Initiator::new(
            initiator_static,
            responder_static.public_key(&secp),
            key(0x12),
        );
        let responder = Responder::new(responder_static, key(0x22));
        let responder = responder
            .process_act_one(&initiator.act_one())
            .expect("act one accepted");
        let (act_three, i) = initiator
            .process_act_two(&responder.act_two())
            .expect("act two accepted");
        let (r, remote) = responder
            .process_act_three(&act_three)
            .expect("act three accepted");
        assert_eq!(remote, initiator_static.public_key(&secp));
        let (ik, rk) = (i.key_snapshot(), r.key_snapshot());
        assert_eq!(
            (ik.sending_key, ik.receiving_key),
            (rk.receiving_key, rk.sending_key)
        );
        assert_eq!(ik.sending_ck, rk.receiving_ck);
    }

    #[test]
    fn a_broken_entropy_source_is_refused_and_a_good_one_accepted() {
        let secp = Secp256k1::signing_only();
        let remote = key(0x21).public_key(&secp);
        assert_eq!(
            Initiator::with_entropy(key(1), remote, || [0; 32]).map(|i| i.act_one().len()),
            Err(HandshakeError::BadEntropy {
                draws: ENTROPY_DRAWS
            })
        );
        let mut draws = [[0xff; 32], [0x12; 32]].into_iter();
        let from_entropy =
            Initiator::with_entropy(key(0x11), remote, || draws.next().unwrap_or([0; 32]));
        let direct = Initiator::new(key(0x11), remote, key(0x12));
        assert_eq!(from_entropy.map(|i| i.act_one()), Ok(direct.act_one()));
        assert!(Responder::with_entropy(key(0x21), || [0x22; 32]).is_ok());
    }
}
