//! Hop payloads: the BOLT 4 `payload` TLV stream one hop reads from the onion.
//!
//! A forwarding hop's payload ([`ForwardPayload`]) names the amount and CLTV
//! expiry of the HTLC to offer next and the outgoing channel; the final
//! hop's ([`FinalPayload`]) names the amount and expiry it should receive and
//! the invoice's payment secret with the payment's total. Records of odd
//! types this module does not know are kept (in type order) so they
//! re-encode unchanged; an unknown even type is refused, as BOLT 1 says.
//!
//! The BigSize, TLV and truncated-integer rules are the engine's
//! (`lnp_engine::wire`). What this is not: the onion's framing (the BigSize
//! length before the payload and the HMAC after it belong to `packet`), and
//! route blinding (`encrypted_recipient_data`, `current_blinding_point`,
//! `total_amount_msat`) or `payment_metadata`, whose even types are refused
//! as unknown. Checking the payload against the incoming HTLC (amount, CLTV,
//! known payment) is the caller's.
use lnp_engine::rt::{Msat, ShortChannelId};
use lnp_engine::wire::{bigsize, tlv, Reader, TlvStream, WireError, Writer};
use thiserror::Error;

/// TLV type of `amt_to_forward` (`tu64`).
pub const AMT_TO_FORWARD: u64 = 2;
/// TLV type of `outgoing_cltv_value` (`tu32`).
pub const OUTGOING_CLTV_VALUE: u64 = 4;
/// TLV type of `short_channel_id` (8 bytes).
pub const SHORT_CHANNEL_ID: u64 = 6;
/// TLV type of `payment_data` (`payment_secret` 32 bytes, `total_msat` `tu64`).
pub const PAYMENT_DATA: u64 = 8;

/// A payload for a hop that forwards the HTLC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForwardPayload {
    /// The amount of the HTLC to offer the next hop.
    pub amt_to_forward: Msat,
    /// The CLTV expiry of the HTLC to offer the next hop.
    pub outgoing_cltv_value: u32,
    /// The channel to forward over (any channel to the same peer will do).
    pub short_channel_id: ShortChannelId,
    /// Records of odd types not known here, in increasing type order. When
    /// encoding, each type must be odd and appear once.
    pub unknown_odd: Vec<(u64, Vec<u8>)>,
}

/// A payload for the final hop, the payee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalPayload {
    /// The amount the payee should receive in this HTLC.
    pub amt_to_forward: Msat,
    /// The CLTV expiry the HTLC should have (at most its actual expiry).
    pub outgoing_cltv_value: u32,
    /// The invoice's payment secret and the payment's total amount.
    pub payment_data: Option<PaymentData>,
    /// Records of odd types not known here (a keysend preimage, say), in
    /// increasing type order. When encoding, each type must be odd and
    /// appear once.
    pub unknown_odd: Vec<(u64, Vec<u8>)>,
}

/// The `payment_data` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentData {
    /// The invoice's `payment_secret`.
    pub payment_secret: [u8; 32],
    /// The total of all the payment's HTLCs (the amount, without MPP).
    pub total_msat: Msat,
}

/// Whose payload was being read: a forwarding hop's or the final hop's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HopRole {
    Forward,
    Final,
}

impl std::fmt::Display for HopRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            HopRole::Forward => "forwarding",
            HopRole::Final => "final",
        })
    }
}

/// Why a hop payload was refused. All of these are answered with
/// `invalid_onion_payload` (see [`PayloadError::type_and_offset`]).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PayloadError {
    /// The length before the payload is 0 (the legacy format, no longer
    /// supported) or 1 (reserved).
    #[error("payload length {len} is reserved (0: the legacy format, 1: unassigned)")]
    ReservedLength { len: u64 },
    /// The length, the payload and its HMAC do not fit in the packet.
    #[error("the payload claims {len} bytes but only {available} remain in the packet")]
    LengthExceedsPacket { len: u64, available: usize },
    /// The length itself is not a valid BigSize.
    #[error("the payload length is not a valid BigSize: {0}")]
    BadLength(WireError),
    /// The payload is not a valid TLV stream (BigSize, order, lengths).
    #[error("the payload is not a valid TLV stream: {0}")]
    Tlv(WireError),
    /// An even type this node does not know.
    #[error("unknown even TLV type {tlv_type} at offset {offset}")]
    UnknownEvenType { tlv_type: u64, offset: u16 },
    /// A known record whose value does not decode.
    #[error("TLV type {tlv_type} ({}) at offset {offset}: {source}", field_name(*tlv_type))]
    BadField {
        tlv_type: u64,
        offset: u16,
        source: WireError,
    },
    /// A record this hop needs is absent.
    #[error("the {role} payload lacks TLV type {tlv_type} ({})", field_name(*tlv_type))]
    Missing { role: HopRole, tlv_type: u64 },
    /// A record this hop must not be given.
    #[error("TLV type {tlv_type} ({}) at offset {offset} is not allowed in a {role} payload", field_name(*tlv_type))]
    NotAllowed {
        role: HopRole,
        tlv_type: u64,
        offset: u16,
    },
}

impl PayloadError {
    /// The TLV type and its byte offset in the payload, when the failure
    /// is narrowed to one record: the optional data of
    /// `invalid_onion_payload`.
    pub fn type_and_offset(&self) -> Option<(u64, u16)> {
        match self {
            PayloadError::UnknownEvenType { tlv_type, offset }
            | PayloadError::BadField {
                tlv_type, offset, ..
            }
            | PayloadError::NotAllowed {
                tlv_type, offset, ..
            } => Some((*tlv_type, *offset)),
            PayloadError::Missing { tlv_type, .. } => Some((*tlv_type, 0)),
            _ => None,
        }
    }
}

fn field_name(tlv_type: u64) -> &'static str {
    match tlv_type {
        AMT_TO_FORWARD => "amt_to_forward",
        OUTGOING_CLTV_VALUE => "outgoing_cltv_value",
        SHORT_CHANNEL_ID => "short_channel_id",
        PAYMENT_DATA => "payment_data",
        _ => "unknown",
    }
}

impl ForwardPayload {
    /// The TLV stream (without the BigSize length the onion puts before it).
    pub fn encode(&self) -> Vec<u8> {
        let mut records = common_records(
            self.amt_to_forward,
            self.outgoing_cltv_value,
            &self.unknown_odd,
        );
        records.push((
            SHORT_CHANNEL_ID,
            self.short_channel_id.0.to_be_bytes().to_vec(),
        ));
        tlv::encode(&mut records)
    }

    /// Reads a forwarding hop's payload: `amt_to_forward`,
    /// `outgoing_cltv_value` and `short_channel_id` required, no
    /// `payment_data`.
    pub fn decode(bytes: &[u8]) -> Result<Self, PayloadError> {
        let role = HopRole::Forward;
        let fields = Fields::decode(bytes)?;
        if let Some((_, offset)) = fields.payment_data {
            return Err(PayloadError::NotAllowed {
                role,
                tlv_type: PAYMENT_DATA,
                offset,
            });
        }
        let (amt_to_forward, outgoing_cltv_value) = fields.required(role)?;
        let (short_channel_id, _) = fields.short_channel_id.ok_or(PayloadError::Missing {
            role,
            tlv_type: SHORT_CHANNEL_ID,
        })?;
        Ok(ForwardPayload {
            amt_to_forward,
            outgoing_cltv_value,
            short_channel_id,
            unknown_odd: fields.unknown_odd,
        })
    }
}

impl FinalPayload {
    /// The TLV stream (without the BigSize length the onion puts before it).
    pub fn encode(&self) -> Vec<u8> {
        let mut records = common_records(
            self.amt_to_forward,
            self.outgoing_cltv_value,
            &self.unknown_odd,
        );
        if let Some(data) = &self.payment_data {
            let mut w = Writer::new();
            w.bytes(&data.payment_secret);
            w.truncated(data.total_msat.0);
            records.push((PAYMENT_DATA, w.into_bytes()));
        }
        tlv::encode(&mut records)
    }

    /// Reads the final hop's payload: `amt_to_forward` and
    /// `outgoing_cltv_value` required, `payment_data` optional, no
    /// `short_channel_id`.
    pub fn decode(bytes: &[u8]) -> Result<Self, PayloadError> {
        let role = HopRole::Final;
        let fields = Fields::decode(bytes)?;
        if let Some((_, offset)) = fields.short_channel_id {
            return Err(PayloadError::NotAllowed {
                role,
                tlv_type: SHORT_CHANNEL_ID,
                offset,
            });
        }
        let (amt_to_forward, outgoing_cltv_value) = fields.required(role)?;
        Ok(FinalPayload {
            amt_to_forward,
            outgoing_cltv_value,
            payment_data: fields.payment_data.map(|(data, _)| data),
            unknown_odd: fields.unknown_odd,
        })
    }
}

fn common_records(amt: Msat, cltv: u32, unknown_odd: &[(u64, Vec<u8>)]) -> Vec<(u64, Vec<u8>)> {
    let truncated = |v: u64| {
        let mut w = Writer::new();
        w.truncated(v);
        w.into_bytes()
    };
    let mut records = vec![
        (AMT_TO_FORWARD, truncated(amt.0)),
        (OUTGOING_CLTV_VALUE, truncated(u64::from(cltv))),
    ];
    records.extend(unknown_odd.iter().cloned());
    records
}

/// The records of a payload, each known one with its offset.
#[derive(Default)]
struct Fields {
    amt_to_forward: Option<Msat>,
    outgoing_cltv_value: Option<u32>,
    short_channel_id: Option<(ShortChannelId, u16)>,
    payment_data: Option<(PaymentData, u16)>,
    unknown_odd: Vec<(u64, Vec<u8>)>,
}

impl Fields {
    fn decode(bytes: &[u8]) -> Result<Self, PayloadError> {
        let stream = TlvStream::decode(bytes, |_| true).map_err(PayloadError::Tlv)?;
        let mut fields = Fields::default();
        let mut next = 0usize;
        for record in stream.records {
            let (tlv_type, value) = (record.tlv_type, record.value);
            // Every record is kept (`known` is always true), so the offsets add up.
            let offset = u16::try_from(next).unwrap_or(u16::MAX);
            next += bigsize::len(tlv_type) + bigsize::len(value.len() as u64) + value.len();
            let bad = |source| PayloadError::BadField {
                tlv_type,
                offset,
                source,
            };
            let mut r = Reader::new(value);
            match tlv_type {
                AMT_TO_FORWARD => fields.amt_to_forward = Some(Msat(r.truncated(8).map_err(bad)?)),
                OUTGOING_CLTV_VALUE => {
                    let v = r.truncated(4).map_err(bad)?;
                    // At most 4 bytes: always fits.
                    fields.outgoing_cltv_value = Some(u32::try_from(v).unwrap_or(u32::MAX));
                }
                SHORT_CHANNEL_ID => {
                    let scid = r.u64().and_then(|v| r.finish().map(|()| v)).map_err(bad)?;
                    fields.short_channel_id = Some((ShortChannelId(scid), offset));
                }
                PAYMENT_DATA => {
                    let payment_secret = r.array::<32>().map_err(bad)?;
                    let total_msat = Msat(r.truncated(8).map_err(bad)?);
                    fields.payment_data = Some((
                        PaymentData {
                            payment_secret,
                            total_msat,
                        },
                        offset,
                    ));
                }
                odd if odd % 2 == 1 => fields.unknown_odd.push((odd, value.to_vec())),
                even => {
                    return Err(PayloadError::UnknownEvenType {
                        tlv_type: even,
                        offset,
                    })
                }
            }
        }
        Ok(fields)
    }

    /// `amt_to_forward` and `outgoing_cltv_value`, which every hop needs.
    fn required(&self, role: HopRole) -> Result<(Msat, u32), PayloadError> {
        let amt = self.amt_to_forward.ok_or(PayloadError::Missing {
            role,
            tlv_type: AMT_TO_FORWARD,
        })?;
        let cltv = self.outgoing_cltv_value.ok_or(PayloadError::Missing {
            role,
            tlv_type: OUTGOING_CLTV_VALUE,
        })?;
        Ok((amt, cltv))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
            .collect()
    }

    #[test]
    fn a_vector_forward_payload_decodes_and_re_encodes() {
        // onion-test.json, hops[0] (after its length byte 0x12).
        let bytes = hex("02023a98040205dc06080000000000000001");
        let p = ForwardPayload::decode(&bytes).expect("a forward payload");
        assert_eq!(p.amt_to_forward, Msat(15000));
        assert_eq!(p.outgoing_cltv_value, 1500);
        assert_eq!(p.short_channel_id, ShortChannelId(1));
        assert!(p.unknown_odd.is_empty());
        assert_eq!(p.encode(), bytes);
    }

    #[test]
    fn unknown_odd_records_are_kept_and_even_ones_refused() {
        let mut bytes = hex("02023a98040205dc06080000000000000001");
        bytes.extend(hex("fd0201023c01"));
        let p = ForwardPayload::decode(&bytes).expect("odd type 513 is fine");
        assert_eq!(p.unknown_odd, vec![(513, vec![0x3c, 0x01])]);
        assert_eq!(p.encode(), bytes);

        let mut even = hex("02023a98040205dc06080000000000000001");
        even.extend(hex("fd020001ff"));
        assert_eq!(
            ForwardPayload::decode(&even),
            Err(PayloadError::UnknownEvenType {
                tlv_type: 512,
                offset: 18
            })
        );
    }

    #[test]
    fn roles_are_checked() {
        let forward = hex("02023a98040205dc06080000000000000001");
        assert_eq!(
            FinalPayload::decode(&forward),
            Err(PayloadError::NotAllowed {
                role: HopRole::Final,
                tlv_type: SHORT_CHANNEL_ID,
                offset: 8
            })
        );
        let no_scid = hex("02023a98040205dc");
        assert_eq!(
            ForwardPayload::decode(&no_scid),
            Err(PayloadError::Missing {
                role: HopRole::Forward,
                tlv_type: SHORT_CHANNEL_ID
            })
        );
        let final_payload = FinalPayload {
            amt_to_forward: Msat(10_000),
            outgoing_cltv_value: 1000,
            payment_data: Some(PaymentData {
                payment_secret: [7; 32],
                total_msat: Msat(10_000),
            }),
            unknown_odd: vec![],
        };
        let mut bytes = final_payload.encode();
        assert_eq!(FinalPayload::decode(&bytes).as_ref(), Ok(&final_payload));
        bytes.extend(hex("06080000000000000001"));
        // Type 6 after type 8: not increasing.
        assert!(matches!(
            ForwardPayload::decode(&bytes),
            Err(PayloadError::Tlv(WireError::TlvNotIncreasing { .. }))
        ));
        let amount_only = hex("02023a98");
        assert_eq!(
            FinalPayload::decode(&amount_only),
            Err(PayloadError::Missing {
                role: HopRole::Final,
                tlv_type: OUTGOING_CLTV_VALUE
            })
        );
    }

    #[test]
    fn fields_must_be_minimal_and_sized() {
        // amt_to_forward with a leading zero byte.
        let leading_zero = hex("0203003a98040205dc06080000000000000001");
        assert!(matches!(
            ForwardPayload::decode(&leading_zero),
            Err(PayloadError::BadField {
                tlv_type: AMT_TO_FORWARD,
                offset: 0,
                source: WireError::NonMinimalTruncated
            })
        ));
        // outgoing_cltv_value in 5 bytes.
        let long_cltv = hex("02023a9804050000000001");
        assert!(matches!(
            FinalPayload::decode(&long_cltv),
            Err(PayloadError::BadField {
                tlv_type: OUTGOING_CLTV_VALUE,
                offset: 4,
                ..
            })
        ));
        // short_channel_id in 7 bytes.
        let short_scid = hex("02023a98040205dc060700000000000001");
        assert!(matches!(
            ForwardPayload::decode(&short_scid),
            Err(PayloadError::BadField {
                tlv_type: SHORT_CHANNEL_ID,
                offset: 8,
                ..
            })
        ));
        // payment_data with a 31-byte secret.
        let mut short_secret = hex("02023a98040205dc081f");
        short_secret.extend([1u8; 31]);
        assert!(matches!(
            FinalPayload::decode(&short_secret),
            Err(PayloadError::BadField {
                tlv_type: PAYMENT_DATA,
                offset: 8,
                ..
            })
        ));
    }

    fn unknown_odd() -> impl Strategy<Value = Vec<(u64, Vec<u8>)>> {
        prop::collection::btree_map(
            (0u64..1_000_000).prop_map(|t| t * 2 + 9),
            prop::collection::vec(any::<u8>(), 0..40),
            0..4,
        )
        .prop_map(|m| m.into_iter().collect())
    }

    proptest! {
        #[test]
        fn forward_payloads_round_trip(amt in any::<u64>(), cltv in any::<u32>(), scid in any::<u64>(), odd in unknown_odd()) {
            let p = ForwardPayload { amt_to_forward: Msat(amt), outgoing_cltv_value: cltv, short_channel_id: ShortChannelId(scid), unknown_odd: odd };
            prop_assert_eq!(ForwardPayload::decode(&p.encode()), Ok(p));
        }

        #[test]
        fn final_payloads_round_trip(
            amt in any::<u64>(),
            cltv in any::<u32>(),
            data in proptest::option::of((any::<[u8; 32]>(), any::<u64>())),
            odd in unknown_odd(),
        ) {
            let payment_data = data.map(|(payment_secret, total)| PaymentData { payment_secret, total_msat: Msat(total) });
            let p = FinalPayload { amt_to_forward: Msat(amt), outgoing_cltv_value: cltv, payment_data, unknown_odd: odd };
            prop_assert_eq!(FinalPayload::decode(&p.encode()), Ok(p));
        }

        #[test]
        fn what_decodes_re_encodes_to_the_same_bytes(bytes in prop::collection::vec(any::<u8>(), 0..80)) {
            if let Ok(p) = ForwardPayload::decode(&bytes) {
                prop_assert_eq!(p.encode(), bytes.clone());
            }
            if let Ok(p) = FinalPayload::decode(&bytes) {
                prop_assert_eq!(p.encode(), bytes);
            }
        }
    }
}
