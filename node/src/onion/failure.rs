//! Failures sent back along a route (BOLT 4 "Returning Errors"): the
//! failure messages, the failure packet the failing node creates
//! ([`create_failure_packet`]), the obfuscation each hop on the way back
//! adds ([`obfuscate_failure`]) and the origin's decryption, which finds
//! the failing hop ([`decrypt_failure`]).
//!
//! A failure packet is `hmac (32) || failure_len (u16) || failuremsg ||
//! pad_len (u16) || pad`, the HMAC keyed with the failing hop's `um` key over
//! everything after it, `failure_len + pad_len` at least 256; then each hop,
//! the failing one first, XORs in its `ammag` stream.
//!
//! What this is not: the origin tries each hop once (no constant-time
//! padding to 20 hops), and attribution data (the optional HMAC chain of
//! `update_fail_htlc`'s TLV) is neither made nor read. The failure messages
//! are typed for the codes a final hop and an onion check need; every other
//! code is kept as [`FailureMessage::Other`].
use lnp_engine::rt::Msat;
use lnp_engine::wire::{Reader, WireError, Writer};
use thiserror::Error;

use super::crypto::{self, KeyType};
use super::packet::HMAC_LEN;
use super::SharedSecret;

/// Failure code flag: the onion could not be parsed (sent in `update_fail_malformed_htlc`).
pub const BADONION: u16 = 0x8000;
/// Failure code flag: permanent failure.
pub const PERM: u16 = 0x4000;
/// Failure code flag: the node failed (otherwise a channel).
pub const NODE: u16 = 0x2000;
/// Failure code flag: a `channel_update` is enclosed.
pub const UPDATE: u16 = 0x1000;

/// `temporary_node_failure`.
pub const TEMPORARY_NODE_FAILURE: u16 = NODE | 2;
/// `permanent_node_failure`.
pub const PERMANENT_NODE_FAILURE: u16 = PERM | NODE | 2;
/// `invalid_onion_version`.
pub const INVALID_ONION_VERSION: u16 = BADONION | PERM | 4;
/// `invalid_onion_hmac`.
pub const INVALID_ONION_HMAC: u16 = BADONION | PERM | 5;
/// `invalid_onion_key`.
pub const INVALID_ONION_KEY: u16 = BADONION | PERM | 6;
/// `unknown_next_peer`.
pub const UNKNOWN_NEXT_PEER: u16 = PERM | 10;
/// `incorrect_or_unknown_payment_details`.
pub const INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS: u16 = PERM | 15;
/// `final_incorrect_cltv_expiry`.
pub const FINAL_INCORRECT_CLTV_EXPIRY: u16 = 18;
/// `final_incorrect_htlc_amount`.
pub const FINAL_INCORRECT_HTLC_AMOUNT: u16 = 19;
/// `invalid_onion_payload`.
pub const INVALID_ONION_PAYLOAD: u16 = PERM | 22;
/// `mpp_timeout`.
pub const MPP_TIMEOUT: u16 = 23;

/// The least `failure_len + pad_len` of a failure packet (BOLT 4 asks for
/// exactly this when the message fits).
pub const MIN_FAILURE_LEN: usize = 256;

/// A `failuremsg`: a failure code and its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailureMessage {
    /// NODE|2: a transient failure of the whole node.
    TemporaryNodeFailure,
    /// PERM|NODE|2: a permanent failure of the whole node.
    PermanentNodeFailure,
    /// BADONION|PERM|4.
    InvalidOnionVersion { sha256_of_onion: [u8; 32] },
    /// BADONION|PERM|5.
    InvalidOnionHmac { sha256_of_onion: [u8; 32] },
    /// BADONION|PERM|6.
    InvalidOnionKey { sha256_of_onion: [u8; 32] },
    /// PERM|10: no channel by that `short_channel_id`.
    UnknownNextPeer,
    /// PERM|15: unknown payment hash, wrong payment secret, too little paid,
    /// or an expiry too close; `height` is the final node's best block.
    IncorrectOrUnknownPaymentDetails { htlc_msat: Msat, height: u32 },
    /// 18: the HTLC expires before the onion's `outgoing_cltv_value`.
    FinalIncorrectCltvExpiry { cltv_expiry: u32 },
    /// 19: the HTLC carries less than the onion's `amt_to_forward`.
    FinalIncorrectHtlcAmount { incoming_htlc_amt: Msat },
    /// PERM|22: the payload was not understood, with the TLV type and its
    /// offset when known.
    InvalidOnionPayload { type_and_offset: Option<(u64, u16)> },
    /// 23: the rest of a multi-part payment did not arrive in time.
    MppTimeout,
    /// Any other code, its data as received.
    Other { code: u16, data: Vec<u8> },
}

impl FailureMessage {
    /// The 2-byte failure code.
    pub fn code(&self) -> u16 {
        match self {
            FailureMessage::TemporaryNodeFailure => TEMPORARY_NODE_FAILURE,
            FailureMessage::PermanentNodeFailure => PERMANENT_NODE_FAILURE,
            FailureMessage::InvalidOnionVersion { .. } => INVALID_ONION_VERSION,
            FailureMessage::InvalidOnionHmac { .. } => INVALID_ONION_HMAC,
            FailureMessage::InvalidOnionKey { .. } => INVALID_ONION_KEY,
            FailureMessage::UnknownNextPeer => UNKNOWN_NEXT_PEER,
            FailureMessage::IncorrectOrUnknownPaymentDetails { .. } => {
                INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS
            }
            FailureMessage::FinalIncorrectCltvExpiry { .. } => FINAL_INCORRECT_CLTV_EXPIRY,
            FailureMessage::FinalIncorrectHtlcAmount { .. } => FINAL_INCORRECT_HTLC_AMOUNT,
            FailureMessage::InvalidOnionPayload { .. } => INVALID_ONION_PAYLOAD,
            FailureMessage::MppTimeout => MPP_TIMEOUT,
            FailureMessage::Other { code, .. } => *code,
        }
    }

    /// What a node sends back, encrypted, when the next hop answered with
    /// `update_fail_malformed_htlc`: the code and the onion's hash as data.
    pub fn from_malformed(failure_code: u16, sha256_of_onion: [u8; 32]) -> Self {
        match failure_code {
            INVALID_ONION_VERSION => FailureMessage::InvalidOnionVersion { sha256_of_onion },
            INVALID_ONION_HMAC => FailureMessage::InvalidOnionHmac { sha256_of_onion },
            INVALID_ONION_KEY => FailureMessage::InvalidOnionKey { sha256_of_onion },
            code => FailureMessage::Other {
                code,
                data: sha256_of_onion.to_vec(),
            },
        }
    }

    /// `failure_code || data`.
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.u16(self.code());
        match self {
            FailureMessage::TemporaryNodeFailure
            | FailureMessage::PermanentNodeFailure
            | FailureMessage::UnknownNextPeer
            | FailureMessage::MppTimeout => {}
            FailureMessage::InvalidOnionVersion { sha256_of_onion }
            | FailureMessage::InvalidOnionHmac { sha256_of_onion }
            | FailureMessage::InvalidOnionKey { sha256_of_onion } => w.bytes(sha256_of_onion),
            FailureMessage::IncorrectOrUnknownPaymentDetails { htlc_msat, height } => {
                w.u64(htlc_msat.0);
                w.u32(*height);
            }
            FailureMessage::FinalIncorrectCltvExpiry { cltv_expiry } => w.u32(*cltv_expiry),
            FailureMessage::FinalIncorrectHtlcAmount { incoming_htlc_amt } => {
                w.u64(incoming_htlc_amt.0)
            }
            FailureMessage::InvalidOnionPayload { type_and_offset } => {
                if let Some((tlv_type, offset)) = type_and_offset {
                    w.bigsize(*tlv_type);
                    w.u16(*offset);
                }
            }
            FailureMessage::Other { data, .. } => w.bytes(data),
        }
        w.into_bytes()
    }

    /// Reads a `failuremsg`. Bytes after a known code's data (a TLV stream,
    /// say) are ignored, as BOLT 4 asks of the origin.
    pub fn decode(bytes: &[u8]) -> Result<Self, FailureError> {
        let mut r = Reader::new(bytes);
        let code = r
            .u16()
            .map_err(|source| FailureError::BadMessage { code: None, source })?;
        let bad = |source| FailureError::BadMessage {
            code: Some(code),
            source,
        };
        Ok(match code {
            TEMPORARY_NODE_FAILURE => FailureMessage::TemporaryNodeFailure,
            PERMANENT_NODE_FAILURE => FailureMessage::PermanentNodeFailure,
            INVALID_ONION_VERSION => FailureMessage::InvalidOnionVersion {
                sha256_of_onion: r.array().map_err(bad)?,
            },
            INVALID_ONION_HMAC => FailureMessage::InvalidOnionHmac {
                sha256_of_onion: r.array().map_err(bad)?,
            },
            INVALID_ONION_KEY => FailureMessage::InvalidOnionKey {
                sha256_of_onion: r.array().map_err(bad)?,
            },
            UNKNOWN_NEXT_PEER => FailureMessage::UnknownNextPeer,
            INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS => {
                FailureMessage::IncorrectOrUnknownPaymentDetails {
                    htlc_msat: Msat(r.u64().map_err(bad)?),
                    height: r.u32().map_err(bad)?,
                }
            }
            FINAL_INCORRECT_CLTV_EXPIRY => FailureMessage::FinalIncorrectCltvExpiry {
                cltv_expiry: r.u32().map_err(bad)?,
            },
            FINAL_INCORRECT_HTLC_AMOUNT => FailureMessage::FinalIncorrectHtlcAmount {
                incoming_htlc_amt: Msat(r.u64().map_err(bad)?),
            },
            INVALID_ONION_PAYLOAD if r.is_empty() => FailureMessage::InvalidOnionPayload {
                type_and_offset: None,
            },
            INVALID_ONION_PAYLOAD => {
                let tlv_type = r.bigsize().map_err(bad)?;
                let offset = r.u16().map_err(bad)?;
                FailureMessage::InvalidOnionPayload {
                    type_and_offset: Some((tlv_type, offset)),
                }
            }
            MPP_TIMEOUT => FailureMessage::MppTimeout,
            code => FailureMessage::Other {
                code,
                data: r.rest().to_vec(),
            },
        })
    }
}

/// Why a failure could not be created or read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FailureError {
    /// A `failuremsg` longer than its 2-byte length can say.
    #[error("a failure message of {len} bytes is too long for a failure packet")]
    MessageTooLong { len: usize },
    /// Too short to hold an HMAC and the two lengths.
    #[error("a failure packet of {len} bytes is too short")]
    PacketTooShort { len: usize },
    /// No hop's HMAC matches: the packet was altered on the way back, or
    /// does not belong to this route.
    #[error("no hop of the {hops}-hop route authenticates the failure")]
    Unattributable { hops: usize },
    /// The failing hop is known, but its `failure_len` overruns the packet.
    #[error("hop {hop}'s failure claims {failure_len} bytes, more than the packet holds")]
    Malformed { hop: usize, failure_len: u16 },
    /// A `failuremsg` whose code or data is cut short.
    #[error("failure message{}: {source}", .code.map(|c| format!(" {c:#06x}")).unwrap_or_default())]
    BadMessage {
        code: Option<u16>,
        source: WireError,
    },
}

/// The failure packet a failing node sends back in `update_fail_htlc`:
/// authenticated with its `um` key, padded to [`MIN_FAILURE_LEN`], and
/// obfuscated with its `ammag` key.
pub fn create_failure_packet(
    shared_secret: &SharedSecret,
    message: &FailureMessage,
) -> Result<Vec<u8>, FailureError> {
    let failuremsg = message.encode();
    let failure_len =
        u16::try_from(failuremsg.len()).map_err(|_| FailureError::MessageTooLong {
            len: failuremsg.len(),
        })?;
    let pad_len = MIN_FAILURE_LEN.saturating_sub(failuremsg.len());
    let mut body = Writer::new();
    body.u16(failure_len);
    body.bytes(&failuremsg);
    // At most 256.
    body.u16(pad_len as u16);
    body.bytes(&vec![0u8; pad_len]);
    let body = body.into_bytes();
    let hmac = crypto::hmac(
        &crypto::derive_key(KeyType::Um, shared_secret.as_bytes()),
        &[&body],
    );
    let mut packet = [&hmac[..], &body].concat();
    obfuscate_failure(shared_secret, &mut packet);
    Ok(packet)
}

/// One hop's obfuscation of a failure packet on its way back: the failing
/// node's own (done by [`create_failure_packet`]), then every hop's before
/// it passes the packet on in its `update_fail_htlc`.
pub fn obfuscate_failure(shared_secret: &SharedSecret, packet: &mut [u8]) {
    crypto::xor_stream(
        &crypto::derive_key(KeyType::Ammag, shared_secret.as_bytes()),
        packet,
    );
}

/// A failure read by the origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecryptedFailure {
    /// The failing hop's index in the route (0: the first hop).
    pub hop: usize,
    /// Its `failuremsg`, undecoded (see [`DecryptedFailure::message`]).
    pub failuremsg: Vec<u8>,
}

impl DecryptedFailure {
    /// The failure message decoded.
    pub fn message(&self) -> Result<FailureMessage, FailureError> {
        FailureMessage::decode(&self.failuremsg)
    }
}

/// At the origin: peels each hop's obfuscation in route order until one
/// hop's `um` HMAC authenticates the packet. `shared_secrets` are the
/// route's, as [`super::route_shared_secrets`] gives them.
pub fn decrypt_failure(
    shared_secrets: &[SharedSecret],
    packet: &[u8],
) -> Result<DecryptedFailure, FailureError> {
    if packet.len() < HMAC_LEN + 4 {
        return Err(FailureError::PacketTooShort { len: packet.len() });
    }
    let mut packet = packet.to_vec();
    for (hop, secret) in shared_secrets.iter().enumerate() {
        obfuscate_failure(secret, &mut packet);
        let (hmac, body) = packet.split_at(HMAC_LEN);
        let expected = crypto::hmac(&crypto::derive_key(KeyType::Um, secret.as_bytes()), &[body]);
        if !crypto::constant_time_eq(&expected, hmac) {
            continue;
        }
        let mut r = Reader::new(body);
        let failure_len = r
            .u16()
            .map_err(|_| FailureError::PacketTooShort { len: packet.len() })?;
        let failuremsg = r
            .bytes(usize::from(failure_len))
            .map_err(|_| FailureError::Malformed { hop, failure_len })?;
        return Ok(DecryptedFailure {
            hop,
            failuremsg: failuremsg.to_vec(),
        });
    }
    Err(FailureError::Unattributable {
        hops: shared_secrets.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(byte: u8) -> SharedSecret {
        SharedSecret::from_bytes([byte; 32])
    }

    #[test]
    fn messages_round_trip() {
        let messages = [
            FailureMessage::TemporaryNodeFailure,
            FailureMessage::PermanentNodeFailure,
            FailureMessage::InvalidOnionVersion {
                sha256_of_onion: [1; 32],
            },
            FailureMessage::InvalidOnionHmac {
                sha256_of_onion: [2; 32],
            },
            FailureMessage::InvalidOnionKey {
                sha256_of_onion: [3; 32],
            },
            FailureMessage::UnknownNextPeer,
            FailureMessage::IncorrectOrUnknownPaymentDetails {
                htlc_msat: Msat(100),
                height: 800_000,
            },
            FailureMessage::FinalIncorrectCltvExpiry { cltv_expiry: 500 },
            FailureMessage::FinalIncorrectHtlcAmount {
                incoming_htlc_amt: Msat(42),
            },
            FailureMessage::InvalidOnionPayload {
                type_and_offset: None,
            },
            FailureMessage::InvalidOnionPayload {
                type_and_offset: Some((513, 19)),
            },
            FailureMessage::MppTimeout,
            FailureMessage::Other {
                code: UPDATE | 7,
                data: vec![0, 2, 1, 2],
            },
        ];
        for m in messages {
            assert_eq!(FailureMessage::decode(&m.encode()), Ok(m.clone()), "{m:?}");
        }
    }

    #[test]
    fn the_spec_example_message_encodes_as_shown() {
        // BOLT 4's error test vector: incorrect_or_unknown_payment_details,
        // htlc_msat 100, height 800000 (its TLV extension is ignored here).
        let m = FailureMessage::IncorrectOrUnknownPaymentDetails {
            htlc_msat: Msat(100),
            height: 800_000,
        };
        assert_eq!(
            m.encode(),
            [0x40, 0x0f, 0, 0, 0, 0, 0, 0, 0, 0x64, 0, 0x0c, 0x35, 0x00]
        );
        let mut with_tlv = m.encode();
        with_tlv.extend([0xfd, 0x84, 0xd1, 0x01, 0x80]);
        assert_eq!(FailureMessage::decode(&with_tlv), Ok(m));
    }

    #[test]
    fn short_messages_are_refused() {
        assert!(matches!(
            FailureMessage::decode(&[0x40]),
            Err(FailureError::BadMessage { code: None, .. })
        ));
        assert!(matches!(
            FailureMessage::decode(&[0x40, 0x0f, 0, 0]),
            Err(FailureError::BadMessage {
                code: Some(INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS),
                ..
            })
        ));
    }

    #[test]
    fn the_origin_finds_the_failing_hop() {
        let route = [secret(1), secret(2), secret(3)];
        let message = FailureMessage::FinalIncorrectCltvExpiry { cltv_expiry: 99 };
        for failing in 0..route.len() {
            let mut packet =
                create_failure_packet(&route[failing], &message).expect("a short message");
            assert_eq!(packet.len(), 32 + 2 + MIN_FAILURE_LEN + 2);
            for hop in (0..failing).rev() {
                obfuscate_failure(&route[hop], &mut packet);
            }
            let found = decrypt_failure(&route, &packet).expect("attributable");
            assert_eq!(found.hop, failing);
            assert_eq!(found.message(), Ok(message.clone()));
        }
    }

    #[test]
    fn long_messages_are_not_padded_and_altered_packets_are_unattributable() {
        let route = [secret(1), secret(2)];
        let message = FailureMessage::Other {
            code: UPDATE | 7,
            data: vec![9; 300],
        };
        let mut packet = create_failure_packet(&route[1], &message).expect("fits");
        assert_eq!(packet.len(), 32 + 2 + 302 + 2);
        obfuscate_failure(&route[0], &mut packet);
        assert_eq!(decrypt_failure(&route, &packet).map(|f| f.hop), Ok(1));
        packet[40] ^= 1;
        assert_eq!(
            decrypt_failure(&route, &packet),
            Err(FailureError::Unattributable { hops: 2 })
        );
        assert_eq!(
            decrypt_failure(&route, &packet[..10]),
            Err(FailureError::PacketTooShort { len: 10 })
        );
        let huge = FailureMessage::Other {
            code: 1,
            data: vec![0; 70_000],
        };
        assert_eq!(
            create_failure_packet(&route[0], &huge),
            Err(FailureError::MessageTooLong { len: 70_002 })
        );
    }
}
