//! The BOLT 4 onion packet (version 0, 1366 bytes): building it at the
//! origin ([`build_onion`]) and peeling one layer at a hop ([`peel_onion`]).
//!
//! A packet is `version (1) || ephemeral public key (33) || hop_payloads
//! (1300) || hmac (32)`. Each hop's part of `hop_payloads` is a BigSize
//! length, the payload (a TLV stream, see `payload`) and the HMAC of the next
//! packet (all zero for the final hop). The origin derives a shared secret
//! per hop from its session key, blinding the ephemeral key at each step;
//! `rho` keys obfuscate, `mu` keys authenticate (over `hop_payloads ||
//! associated_data`, the payment hash), and a filler makes every hop see a
//! full-length packet.
//!
//! What this is not: it chooses no route and draws no randomness (the
//! session key is the caller's); it does not check a payload against the
//! HTLC carrying it, nor remember packets already seen (replays); route
//! blinding is not supported.
use bitcoin::secp256k1::{PublicKey, Secp256k1, SecretKey};
use lnp_engine::wire::bigsize;
use thiserror::Error;

use super::crypto::{self, KeyType};
use super::failure::{
    FailureMessage, INVALID_ONION_HMAC, INVALID_ONION_KEY, INVALID_ONION_PAYLOAD,
    INVALID_ONION_VERSION,
};
use super::payload::{FinalPayload, ForwardPayload, PayloadError};
use super::SharedSecret;

/// The only packet version.
pub const VERSION: u8 = 0;
/// The length of `hop_payloads`.
pub const HOP_PAYLOADS_LEN: usize = 1300;
/// The length of an HMAC.
pub const HMAC_LEN: usize = 32;
/// The length of a packet: version, public key, hop payloads, HMAC.
pub const PACKET_LEN: usize = 1 + 33 + HOP_PAYLOADS_LEN + HMAC_LEN;

const KEY_RANGE: std::ops::Range<usize> = 1..34;
const PAYLOADS_RANGE: std::ops::Range<usize> = 34..34 + HOP_PAYLOADS_LEN;
const HMAC_RANGE: std::ops::Range<usize> = 34 + HOP_PAYLOADS_LEN..PACKET_LEN;

/// Why an onion could not be built.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BuildError {
    #[error("a route needs at least one hop")]
    EmptyRoute,
    /// A payload of 0 or 1 bytes: those lengths are reserved.
    #[error("hop {hop}'s payload is {len} bytes; lengths 0 and 1 are reserved")]
    PayloadTooShort { hop: usize, len: usize },
    /// The payloads, with their lengths and HMACs, exceed `hop_payloads`.
    #[error("the hop payloads need {needed} bytes; an onion holds {HOP_PAYLOADS_LEN}")]
    RouteTooLong { needed: usize },
    /// A blinded ephemeral key came out invalid (a hash equal to zero or
    /// above the curve order: practically never).
    #[error("the ephemeral key for hop {hop} cannot be derived")]
    KeyDerivation { hop: usize },
}

/// Why a hop refused an onion.
///
/// The first three are answered with `update_fail_malformed_htlc`
/// ([`PeelError::failure_code`], [`PeelError::sha256_of_onion`]); a payload
/// that does not decode is answered with an encrypted `invalid_onion_payload`
/// failure, for which the shared secret is kept here.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeelError {
    #[error("unknown onion version {version}")]
    BadVersion {
        version: u8,
        sha256_of_onion: [u8; 32],
    },
    /// The ephemeral key is not a valid point (or the next hop's cannot be
    /// derived from it).
    #[error("the onion's ephemeral public key is not a valid point")]
    BadKey { sha256_of_onion: [u8; 32] },
    #[error("the onion's HMAC does not match")]
    BadHmac { sha256_of_onion: [u8; 32] },
    /// The packet is genuine but the payload in it is not acceptable.
    #[error("the hop payload is refused: {source}")]
    BadPayload {
        shared_secret: SharedSecret,
        source: PayloadError,
    },
}

impl PeelError {
    /// The BOLT 4 failure code answering this refusal:
    /// `invalid_onion_version`, `invalid_onion_key`, `invalid_onion_hmac`
    /// (BADONION: sent in `update_fail_malformed_htlc`), or
    /// `invalid_onion_payload` (PERM|22, sent encrypted).
    pub fn failure_code(&self) -> u16 {
        match self {
            PeelError::BadVersion { .. } => INVALID_ONION_VERSION,
            PeelError::BadKey { .. } => INVALID_ONION_KEY,
            PeelError::BadHmac { .. } => INVALID_ONION_HMAC,
            PeelError::BadPayload { .. } => INVALID_ONION_PAYLOAD,
        }
    }

    /// SHA-256 of the whole 1366-byte packet as received, for
    /// `update_fail_malformed_htlc`; `None` for a payload refusal, which is
    /// not malformed. (Core Lightning hashes the whole packet too; LDK 0.2
    /// hashes only `hop_payloads`. A mismatch only means the sender MAY
    /// retry, per BOLT 2.)
    pub fn sha256_of_onion(&self) -> Option<[u8; 32]> {
        match self {
            PeelError::BadVersion {
                sha256_of_onion, ..
            }
            | PeelError::BadKey { sha256_of_onion }
            | PeelError::BadHmac { sha256_of_onion } => Some(*sha256_of_onion),
            PeelError::BadPayload { .. } => None,
        }
    }

    /// The failure message answering this refusal. For a bad payload,
    /// this node encrypts it with the shared secret
    /// ([`super::create_failure_packet`]) for `update_fail_htlc`; for a
    /// malformed onion, it is what the previous node encrypts once it
    /// receives `update_fail_malformed_htlc` (see
    /// [`FailureMessage::from_malformed`]).
    pub fn failure_message(&self) -> FailureMessage {
        match self {
            PeelError::BadPayload { source, .. } => FailureMessage::InvalidOnionPayload {
                type_and_offset: source.type_and_offset(),
            },
            PeelError::BadVersion {
                sha256_of_onion, ..
            }
            | PeelError::BadKey { sha256_of_onion }
            | PeelError::BadHmac { sha256_of_onion } => {
                FailureMessage::from_malformed(self.failure_code(), *sha256_of_onion)
            }
        }
    }
}

/// One layer peeled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Peeled {
    /// The HTLC goes on: `next_packet` is for the next hop.
    Forward {
        payload: ForwardPayload,
        next_packet: Box<[u8; PACKET_LEN]>,
        shared_secret: SharedSecret,
    },
    /// This node is the payee (the next HMAC is all zero).
    Final {
        payload: FinalPayload,
        shared_secret: SharedSecret,
    },
}

impl Peeled {
    /// The secret shared with the origin: it encrypts failures sent back.
    pub fn shared_secret(&self) -> &SharedSecret {
        match self {
            Peeled::Forward { shared_secret, .. } | Peeled::Final { shared_secret, .. } => {
                shared_secret
            }
        }
    }
}

/// The secret shared with each hop of a route, in route order, from the
/// session key: what the origin needs to read a failure sent back
/// ([`super::decrypt_failure`]).
pub fn route_shared_secrets(
    session_key: &SecretKey,
    hops: &[PublicKey],
) -> Result<Vec<SharedSecret>, BuildError> {
    Ok(route_keys(session_key, hops)?
        .into_iter()
        .map(|(_, secret)| secret)
        .collect())
}

/// Each hop's ephemeral public key and shared secret.
fn route_keys(
    session_key: &SecretKey,
    hops: &[PublicKey],
) -> Result<Vec<(PublicKey, SharedSecret)>, BuildError> {
    let secp = Secp256k1::new();
    let mut ephemeral = *session_key;
    let mut keys = Vec::with_capacity(hops.len());
    for (hop, node) in hops.iter().enumerate() {
        let public = PublicKey::from_secret_key(&secp, &ephemeral);
        let secret = crypto::shared_secret(&ephemeral, node);
        if hop + 1 < hops.len() {
            let factor = crypto::blinding_factor(&public, &secret)
                .ok_or(BuildError::KeyDerivation { hop: hop + 1 })?;
            ephemeral = ephemeral
                .mul_tweak(&factor)
                .map_err(|_| BuildError::KeyDerivation { hop: hop + 1 })?;
        }
        keys.push((public, secret));
    }
    Ok(keys)
}

/// The bytes a hop's part takes in `hop_payloads`: BigSize length, payload, HMAC.
fn shift_size(payload: &[u8]) -> usize {
    bigsize::len(payload.len() as u64) + payload.len() + HMAC_LEN
}

/// Builds the onion for `hops` (each node's public key and its encoded
/// payload, without the length prefix), committing to `associated_data`
/// (the payment hash).
pub fn build_onion(
    session_key: &SecretKey,
    hops: &[(PublicKey, Vec<u8>)],
    associated_data: &[u8; 32],
) -> Result<[u8; PACKET_LEN], BuildError> {
    if hops.is_empty() {
        return Err(BuildError::EmptyRoute);
    }
    if let Some((hop, (_, payload))) = hops.iter().enumerate().find(|(_, (_, p))| p.len() < 2) {
        return Err(BuildError::PayloadTooShort {
            hop,
            len: payload.len(),
        });
    }
    let needed: usize = hops.iter().map(|(_, p)| shift_size(p)).sum();
    if needed > HOP_PAYLOADS_LEN {
        return Err(BuildError::RouteTooLong { needed });
    }
    let nodes: Vec<PublicKey> = hops.iter().map(|(node, _)| *node).collect();
    let keys = route_keys(session_key, &nodes)?;
    let filler = filler(&keys, hops);

    let mut mix = [0u8; HOP_PAYLOADS_LEN];
    crypto::xor_stream(
        &crypto::derive_key(KeyType::Pad, &session_key.secret_bytes()),
        &mut mix,
    );
    let mut next_hmac = [0u8; HMAC_LEN];
    for (i, ((_, secret), (_, payload))) in keys.iter().zip(hops).enumerate().rev() {
        let shift = shift_size(payload);
        mix.copy_within(..HOP_PAYLOADS_LEN - shift, shift);
        let mut head = Vec::with_capacity(shift);
        bigsize::write(&mut head, payload.len() as u64);
        head.extend_from_slice(payload);
        head.extend_from_slice(&next_hmac);
        mix[..shift].copy_from_slice(&head);
        crypto::xor_stream(
            &crypto::derive_key(KeyType::Rho, secret.as_bytes()),
            &mut mix,
        );
        if i + 1 == hops.len() {
            mix[HOP_PAYLOADS_LEN - filler.len()..].copy_from_slice(&filler);
        }
        next_hmac = crypto::hmac(
            &crypto::derive_key(KeyType::Mu, secret.as_bytes()),
            &[&mix, associated_data],
        );
    }

    let mut packet = [0u8; PACKET_LEN];
    packet[0] = VERSION;
    packet[KEY_RANGE].copy_from_slice(&keys[0].0.serialize());
    packet[PAYLOADS_RANGE].copy_from_slice(&mix);
    packet[HMAC_RANGE].copy_from_slice(&next_hmac);
    Ok(packet)
}

/// The filler: what the tail of the last hop's `hop_payloads` looks like
/// after every earlier hop has shifted in its obfuscated zeros.
fn filler(keys: &[(PublicKey, SharedSecret)], hops: &[(PublicKey, Vec<u8>)]) -> Vec<u8> {
    let mut filler: Vec<u8> = Vec::new();
    let mut stream = [0u8; 2 * HOP_PAYLOADS_LEN];
    for ((_, secret), (_, payload)) in keys.iter().zip(hops).take(hops.len().saturating_sub(1)) {
        // Hop i deobfuscates `hop_payloads || zeros` with its stream and
        // drops its `shift` leading bytes: the filler so far (the packet's
        // last bytes) meets the stream at `1300 - len`, the new zeros after.
        let start = HOP_PAYLOADS_LEN - filler.len();
        filler.resize(filler.len() + shift_size(payload), 0);
        stream.fill(0);
        crypto::xor_stream(
            &crypto::derive_key(KeyType::Rho, secret.as_bytes()),
            &mut stream,
        );
        for (byte, key) in filler.iter_mut().zip(&stream[start..]) {
            *byte ^= key;
        }
    }
    filler
}

/// Peels this node's layer off `packet`, checking the version, the
/// ephemeral key and the HMAC over `hop_payloads || associated_data` (the
/// HTLC's payment hash), then reading the payload.
pub fn peel_onion(
    node_secret: &SecretKey,
    packet: &[u8; PACKET_LEN],
    associated_data: &[u8; 32],
) -> Result<Peeled, PeelError> {
    let sha256_of_onion = || crypto::sha256(packet);
    if packet[0] != VERSION {
        return Err(PeelError::BadVersion {
            version: packet[0],
            sha256_of_onion: sha256_of_onion(),
        });
    }
    let ephemeral = PublicKey::from_slice(&packet[KEY_RANGE]).map_err(|_| PeelError::BadKey {
        sha256_of_onion: sha256_of_onion(),
    })?;
    let shared_secret = crypto::shared_secret(node_secret, &ephemeral);
    let mu = crypto::derive_key(KeyType::Mu, shared_secret.as_bytes());
    let expected = crypto::hmac(&mu, &[&packet[PAYLOADS_RANGE], associated_data]);
    if !crypto::constant_time_eq(&expected, &packet[HMAC_RANGE]) {
        return Err(PeelError::BadHmac {
            sha256_of_onion: sha256_of_onion(),
        });
    }

    let mut clear = [0u8; 2 * HOP_PAYLOADS_LEN];
    clear[..HOP_PAYLOADS_LEN].copy_from_slice(&packet[PAYLOADS_RANGE]);
    crypto::xor_stream(
        &crypto::derive_key(KeyType::Rho, shared_secret.as_bytes()),
        &mut clear,
    );
    let HopParts {
        payload,
        next_hmac,
        next_payloads,
    } = match split_hop(&clear) {
        Ok(parts) => parts,
        Err(source) => {
            return Err(PeelError::BadPayload {
                shared_secret,
                source,
            })
        }
    };

    if next_hmac.iter().all(|b| *b == 0) {
        return match FinalPayload::decode(payload) {
            Ok(payload) => Ok(Peeled::Final {
                payload,
                shared_secret,
            }),
            Err(source) => Err(PeelError::BadPayload {
                shared_secret,
                source,
            }),
        };
    }
    let payload = match ForwardPayload::decode(payload) {
        Ok(payload) => payload,
        Err(source) => {
            return Err(PeelError::BadPayload {
                shared_secret,
                source,
            })
        }
    };
    let secp = Secp256k1::verification_only();
    let next_key = crypto::blind_public(&secp, &ephemeral, &shared_secret).ok_or_else(|| {
        PeelError::BadKey {
            sha256_of_onion: sha256_of_onion(),
        }
    })?;
    let mut next_packet = Box::new([0u8; PACKET_LEN]);
    next_packet[0] = VERSION;
    next_packet[KEY_RANGE].copy_from_slice(&next_key.serialize());
    next_packet[PAYLOADS_RANGE].copy_from_slice(next_payloads);
    next_packet[HMAC_RANGE].copy_from_slice(next_hmac);
    Ok(Peeled::Forward {
        payload,
        next_packet,
        shared_secret,
    })
}

/// One hop's part of deobfuscated `hop_payloads`, and what follows it.
struct HopParts<'a> {
    payload: &'a [u8],
    next_hmac: &'a [u8],
    next_payloads: &'a [u8],
}

/// Splits deobfuscated `hop_payloads || stream` into this hop's payload,
/// the next HMAC and the next `hop_payloads`.
fn split_hop(clear: &[u8; 2 * HOP_PAYLOADS_LEN]) -> Result<HopParts<'_>, PayloadError> {
    let (len, used) = bigsize::read(clear).map_err(PayloadError::BadLength)?;
    if len < 2 {
        return Err(PayloadError::ReservedLength { len });
    }
    let available = HOP_PAYLOADS_LEN - used - HMAC_LEN;
    if len > available as u64 {
        return Err(PayloadError::LengthExceedsPacket { len, available });
    }
    let end = used + len as usize;
    Ok(HopParts {
        payload: &clear[used..end],
        next_hmac: &clear[end..end + HMAC_LEN],
        next_payloads: &clear[end + HMAC_LEN..end + HMAC_LEN + HOP_PAYLOADS_LEN],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::onion::failure::{create_failure_packet, decrypt_failure};
    use crate::onion::payload::{HopRole, PaymentData, SHORT_CHANNEL_ID};
    use lnp_engine::rt::{Msat, ShortChannelId};
    use proptest::prelude::*;

    fn key(bytes: [u8; 32]) -> SecretKey {
        SecretKey::from_slice(&bytes).expect("a valid secret key")
    }

    fn public(secret: &SecretKey) -> PublicKey {
        PublicKey::from_secret_key(&Secp256k1::new(), secret)
    }

    fn forward(i: usize, pad: usize) -> ForwardPayload {
        ForwardPayload {
            amt_to_forward: Msat(1_000_000_000 + i as u64),
            outgoing_cltv_value: 800_000 - i as u32,
            short_channel_id: ShortChannelId(0x0c_3500_0001_0000 + i as u64),
            unknown_odd: if pad == 0 {
                vec![]
            } else {
                vec![(9, vec![i as u8; pad])]
            },
        }
    }

    fn final_payload(pad: usize) -> FinalPayload {
        FinalPayload {
            amt_to_forward: Msat(1_000_000_000),
            outgoing_cltv_value: 800_000,
            payment_data: Some(PaymentData {
                payment_secret: [0x5e; 32],
                total_msat: Msat(1_000_000_000),
            }),
            unknown_odd: if pad == 0 {
                vec![]
            } else {
                vec![(5_482_373_485, vec![0xaa; pad])]
            },
        }
    }

    /// A route of `pads.len()` hops, each payload padded by an odd record of
    /// (at most) its `pads` entry, trimmed so that everything fits.
    fn payloads(pads: &[usize]) -> (Vec<ForwardPayload>, FinalPayload) {
        let n = pads.len();
        let bare: Vec<usize> = (0..n)
            .map(|i| {
                shift_size(&if i + 1 < n {
                    forward(i, 0).encode()
                } else {
                    final_payload(0).encode()
                })
            })
            .collect();
        let mut used = 0;
        let mut forwards = Vec::new();
        let mut last = final_payload(0);
        for (i, pad) in pads.iter().enumerate() {
            let rest: usize = bare[i + 1..].iter().sum();
            let fits = |bytes: &[u8]| used + shift_size(bytes) + rest <= HOP_PAYLOADS_LEN;
            let padded = if i + 1 < n {
                forward(i, *pad).encode()
            } else {
                final_payload(*pad).encode()
            };
            let pad = if fits(&padded) { *pad } else { 0 };
            if i + 1 < n {
                let p = forward(i, pad);
                used += shift_size(&p.encode());
                forwards.push(p);
            } else {
                last = final_payload(pad);
                used += shift_size(&last.encode());
            }
        }
        (forwards, last)
    }

    fn arb_route() -> impl Strategy<Value = (SecretKey, Vec<SecretKey>, Vec<usize>, [u8; 32])> {
        (1usize..=20).prop_flat_map(|n| {
            (
                prop::array::uniform32(1u8..).prop_map(key),
                prop::collection::vec(prop::array::uniform32(1u8..).prop_map(key), n),
                prop::collection::vec(0usize..400, n),
                any::<[u8; 32]>(),
            )
        })
    }

    fn build(
        session: &SecretKey,
        nodes: &[SecretKey],
        pads: &[usize],
        ad: &[u8; 32],
    ) -> ([u8; PACKET_LEN], Vec<ForwardPayload>, FinalPayload) {
        let (forwards, last) = payloads(pads);
        let encoded = forwards
            .iter()
            .map(ForwardPayload::encode)
            .chain([last.encode()]);
        let hops: Vec<(PublicKey, Vec<u8>)> = nodes.iter().map(public).zip(encoded).collect();
        (
            build_onion(session, &hops, ad).expect("the route fits"),
            forwards,
            last,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn every_hop_peels_what_the_origin_built((session, nodes, pads, ad) in arb_route()) {
            let (mut packet, forwards, last) = build(&session, &nodes, &pads, &ad);
            let secrets = route_shared_secrets(&session, &nodes.iter().map(public).collect::<Vec<_>>()).expect("secrets");
            for (i, node) in nodes.iter().enumerate() {
                let peeled = peel_onion(node, &packet, &ad)
                    .map_err(|e| TestCaseError::fail(format!("hop {i} of {}: {e}", nodes.len())))?;
                prop_assert_eq!(peeled.shared_secret(), &secrets[i]);
                match peeled {
                    Peeled::Forward { payload, next_packet, .. } => {
                        prop_assert!(i + 1 < nodes.len(), "the last hop forwards");
                        prop_assert_eq!(&payload, &forwards[i]);
                        packet = *next_packet;
                    }
                    Peeled::Final { payload, .. } => {
                        prop_assert_eq!(i + 1, nodes.len(), "hop {} is final", i);
                        prop_assert_eq!(&payload, &last);
                    }
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn a_changed_byte_is_refused_before_the_payload(
            (session, nodes, pads, ad) in arb_route(),
            at in 0..PACKET_LEN,
            flip in 1u8..,
        ) {
            let (mut packet, _, _) = build(&session, &nodes, &pads, &ad);
            packet[at] ^= flip;
            match peel_onion(&nodes[0], &packet, &ad) {
                Err(PeelError::BadVersion { version, .. }) => prop_assert_eq!((at, version), (0, flip)),
                Err(PeelError::BadKey { .. }) => prop_assert!(KEY_RANGE.contains(&at)),
                Err(PeelError::BadHmac { sha256_of_onion }) => {
                    prop_assert!(at > 0);
                    prop_assert_eq!(sha256_of_onion, crypto::sha256(&packet));
                }
                other => prop_assert!(false, "byte {} changed: {:?}", at, other),
            }
        }
    }

    #[test]
    fn routes_that_cannot_be_built_are_refused() {
        let node = public(&key([1; 32]));
        let session = key([2; 32]);
        assert_eq!(
            build_onion(&session, &[], &[0; 32]),
            Err(BuildError::EmptyRoute)
        );
        assert_eq!(
            build_onion(&session, &[(node, vec![2, 0]), (node, vec![7])], &[0; 32]),
            Err(BuildError::PayloadTooShort { hop: 1, len: 1 })
        );
        // 1300 bytes exactly fit; one more does not.
        let fits = vec![0x2a; HOP_PAYLOADS_LEN - 3 - HMAC_LEN];
        assert!(build_onion(&session, &[(node, fits.clone())], &[0; 32]).is_ok());
        let mut too_long = fits;
        too_long.push(0x2a);
        assert_eq!(
            build_onion(&session, &[(node, too_long)], &[0; 32]),
            Err(BuildError::RouteTooLong {
                needed: HOP_PAYLOADS_LEN + 1
            })
        );
    }

    #[test]
    fn a_bad_payload_is_failed_back_to_the_origin() {
        // Hop 0 is asked to forward but names no channel.
        let nodes = [key([1; 32]), key([2; 32])];
        let session = key([3; 32]);
        let mut no_scid = forward(0, 0);
        no_scid.short_channel_id = ShortChannelId(0);
        let bytes: Vec<u8> = no_scid.encode();
        let without_scid = bytes[..bytes.len() - 10].to_vec();
        let hops = vec![
            (public(&nodes[0]), without_scid),
            (public(&nodes[1]), final_payload(0).encode()),
        ];
        let packet = build_onion(&session, &hops, &[9; 32]).expect("built");
        let err = peel_onion(&nodes[0], &packet, &[9; 32]).expect_err("no short_channel_id");
        let PeelError::BadPayload {
            shared_secret,
            source,
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!(
            source,
            &PayloadError::Missing {
                role: HopRole::Forward,
                tlv_type: SHORT_CHANNEL_ID
            }
        );
        assert_eq!(err.sha256_of_onion(), None);
        assert_eq!(err.failure_code(), INVALID_ONION_PAYLOAD);

        let failure = create_failure_packet(shared_secret, &err.failure_message()).expect("short");
        let secrets = route_shared_secrets(&session, &[public(&nodes[0]), public(&nodes[1])])
            .expect("secrets");
        let found = decrypt_failure(&secrets, &failure).expect("attributed");
        assert_eq!(found.hop, 0);
        assert_eq!(
            found.message(),
            Ok(FailureMessage::InvalidOnionPayload {
                type_and_offset: Some((SHORT_CHANNEL_ID, 0))
            })
        );
    }

    #[test]
    fn reserved_and_overlong_lengths_are_payload_errors() {
        let clear = |first: &[u8]| {
            let mut c = [0u8; 2 * HOP_PAYLOADS_LEN];
            c[..first.len()].copy_from_slice(first);
            c
        };
        assert!(matches!(
            split_hop(&clear(&[0])),
            Err(PayloadError::ReservedLength { len: 0 })
        ));
        assert!(matches!(
            split_hop(&clear(&[1])),
            Err(PayloadError::ReservedLength { len: 1 })
        ));
        assert!(matches!(
            split_hop(&clear(&[0xfd, 0x05, 0x00])),
            Err(PayloadError::LengthExceedsPacket {
                len: 0x500,
                available: 1265
            })
        ));
        assert!(matches!(
            split_hop(&clear(&[0xfd, 0x00, 0x01])),
            Err(PayloadError::BadLength(_))
        ));
        assert!(
            split_hop(&clear(&[0xfd, 0x04, 0xf1])).is_ok(),
            "1265 bytes fit"
        );
    }
}
