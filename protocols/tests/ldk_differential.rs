//! Differential check of the generated BOLT 2 codecs (`bolt_channel`) against
//! LDK's `lightning::ln::msgs`, the dev-dependency used only here.
//!
//! What it checks, for every channel message the spec defines (open_channel,
//! accept_channel, funding_created, funding_signed, channel_ready, shutdown,
//! closing_signed, commitment_signed, revoke_and_ack, update_fee,
//! update_add_htlc, update_fulfill_htlc, update_fail_htlc,
//! update_fail_malformed_htlc):
//! - ours → LDK: random messages (proptest) encoded by our codecs decode with
//!   LDK, mean the same field by field, and LDK re-encodes them byte-equal;
//! - LDK → ours: the same values built as LDK messages and encoded by LDK
//!   decode with ours, mean the same, and ours re-encodes them byte-equal
//!   (and the two independent encoders agree byte for byte);
//! - TLV records LDK writes that our spec does not know are all odd, so by
//!   the BOLT 1 rule we may ignore them: ours must decode such a message, and
//!   its re-encoding must be LDK's bytes with exactly those records left out;
//! - the committed corpus `tests/vectors/ldk_messages.json` (LDK-encoded
//!   hex, written by this file when `LNP_WRITE_LDK_CORPUS=1`) decodes with
//!   ours and re-encodes byte-equal, so it keeps its meaning if LDK changes.
//!
//! What it is not: a test of LDK's or our channel *behaviour*, of BOLT 1 setup
//! messages (init, error, warning, ping), or of interactive-tx / splicing
//! messages, which the spec does not define.

use std::sync::OnceLock;

use bitcoin::hashes::Hash;
use bitcoin::secp256k1::{self, ecdsa, All, PublicKey, Secp256k1, SecretKey};
use lightning::ln::msgs;
use lightning::ln::types::ChannelId as LdkChannelId;
use lightning::ln::wire::Type;
use lightning::types::features::ChannelTypeFeatures;
use lightning::types::payment::{PaymentHash, PaymentPreimage};
use lightning::util::ser::LengthReadable;
use lnp_engine::rt::{ChainHash, ChannelId, Hash256, Msat, Sat, Secret, ShortChannelId};
use lnp_protocols::generated::bolt_channel::*;
use proptest::prelude::*;

const CORPUS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/ldk_messages.json");
const ONION_LEN: usize = 1366;

fn secp() -> &'static Secp256k1<All> {
    static CTX: OnceLock<Secp256k1<All>> = OnceLock::new();
    CTX.get_or_init(Secp256k1::new)
}

// ------------------------------------------------------------------ LDK side

/// One LDK message of a type our spec defines. (Test data mirroring LDK's
/// types one to one; boxing the big ones would only add noise.)
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
enum Ldk {
    OpenChannel(msgs::OpenChannel),
    AcceptChannel(msgs::AcceptChannel),
    FundingCreated(msgs::FundingCreated),
    FundingSigned(msgs::FundingSigned),
    ChannelReady(msgs::ChannelReady),
    Shutdown(msgs::Shutdown),
    ClosingSigned(msgs::ClosingSigned),
    CommitmentSigned(msgs::CommitmentSigned),
    RevokeAndAck(msgs::RevokeAndACK),
    UpdateFee(msgs::UpdateFee),
    ChannelReestablish(msgs::ChannelReestablish),
    UpdateAddHtlc(msgs::UpdateAddHTLC),
    UpdateFulfillHtlc(msgs::UpdateFulfillHTLC),
    UpdateFailHtlc(msgs::UpdateFailHTLC),
    UpdateFailMalformedHtlc(msgs::UpdateFailMalformedHTLC),
}

/// LDK's `Writeable` writes the payload only; the BOLT 1 type comes first.
fn ldk_frame<M: Type>(m: &M) -> Vec<u8> {
    let mut out = m.type_id().to_be_bytes().to_vec();
    out.extend(m.encode());
    out
}

fn ldk_read<M: LengthReadable>(mut payload: &[u8]) -> M {
    M::read_from_fixed_length_buffer(&mut payload).expect("LDK decodes the message")
}

impl Ldk {
    /// The message as BOLT 1 bytes, encoded by LDK.
    fn encode(&self) -> Vec<u8> {
        match self {
            Ldk::OpenChannel(m) => ldk_frame(m),
            Ldk::AcceptChannel(m) => ldk_frame(m),
            Ldk::FundingCreated(m) => ldk_frame(m),
            Ldk::FundingSigned(m) => ldk_frame(m),
            Ldk::ChannelReady(m) => ldk_frame(m),
            Ldk::Shutdown(m) => ldk_frame(m),
            Ldk::ClosingSigned(m) => ldk_frame(m),
            Ldk::CommitmentSigned(m) => ldk_frame(m),
            Ldk::RevokeAndAck(m) => ldk_frame(m),
            Ldk::UpdateFee(m) => ldk_frame(m),
            Ldk::ChannelReestablish(m) => ldk_frame(m),
            Ldk::UpdateAddHtlc(m) => ldk_frame(m),
            Ldk::UpdateFulfillHtlc(m) => ldk_frame(m),
            Ldk::UpdateFailHtlc(m) => ldk_frame(m),
            Ldk::UpdateFailMalformedHtlc(m) => ldk_frame(m),
        }
    }

    /// Decodes BOLT 1 bytes with LDK (panics on a type outside the spec or on LDK's refusal).
    fn decode(bytes: &[u8]) -> Ldk {
        assert!(bytes.len() >= 2, "a message has a type");
        let message_type = u16::from_be_bytes([bytes[0], bytes[1]]);
        let payload = &bytes[2..];
        match message_type {
            32 => Ldk::OpenChannel(ldk_read(payload)),
            33 => Ldk::AcceptChannel(ldk_read(payload)),
            34 => Ldk::FundingCreated(ldk_read(payload)),
            35 => Ldk::FundingSigned(ldk_read(payload)),
            36 => Ldk::ChannelReady(ldk_read(payload)),
            38 => Ldk::Shutdown(ldk_read(payload)),
            39 => Ldk::ClosingSigned(ldk_read(payload)),
            132 => Ldk::CommitmentSigned(ldk_read(payload)),
            133 => Ldk::RevokeAndAck(ldk_read(payload)),
            134 => Ldk::UpdateFee(ldk_read(payload)),
            136 => Ldk::ChannelReestablish(ldk_read(payload)),
            128 => Ldk::UpdateAddHtlc(ldk_read(payload)),
            130 => Ldk::UpdateFulfillHtlc(ldk_read(payload)),
            131 => Ldk::UpdateFailHtlc(ldk_read(payload)),
            135 => Ldk::UpdateFailMalformedHtlc(ldk_read(payload)),
            other => panic!("type {other} is not a channel message of the spec"),
        }
    }
}

fn ldk_channel_id(id: &ChannelId) -> LdkChannelId {
    LdkChannelId(id.0)
}

fn ldk_onion(onion: &[u8; ONION_LEN]) -> msgs::OnionPacket {
    let mut hop_data = [0u8; 1300];
    hop_data.copy_from_slice(&onion[34..1334]);
    let mut hmac = [0u8; 32];
    hmac.copy_from_slice(&onion[1334..]);
    msgs::OnionPacket {
        version: onion[0],
        public_key: PublicKey::from_slice(&onion[1..34]),
        hop_data,
        hmac,
    }
}

/// The same message built as LDK's struct, field by field, without going
/// through any encoder (except for the two messages whose LDK fields are
/// crate-private: those LDK reads from BOLT 2 bytes assembled here by hand).
fn to_ldk(m: &Message) -> Ldk {
    match m {
        Message::OpenChannel(m) => Ldk::OpenChannel(msgs::OpenChannel {
            common_fields: msgs::CommonOpenChannelFields {
                chain_hash: bitcoin::constants::ChainHash::from(m.chain_hash.0),
                temporary_channel_id: ldk_channel_id(&m.temporary_channel_id),
                funding_satoshis: m.funding_satoshis.0,
                dust_limit_satoshis: m.dust_limit_satoshis.0,
                max_htlc_value_in_flight_msat: m.max_htlc_value_in_flight_msat.0,
                htlc_minimum_msat: m.htlc_minimum_msat.0,
                commitment_feerate_sat_per_1000_weight: m.feerate_per_kw,
                to_self_delay: m.to_self_delay,
                max_accepted_htlcs: m.max_accepted_htlcs,
                funding_pubkey: m.funding_pubkey,
                revocation_basepoint: m.revocation_basepoint,
                payment_basepoint: m.payment_basepoint,
                delayed_payment_basepoint: m.delayed_payment_basepoint,
                htlc_basepoint: m.htlc_basepoint,
                first_per_commitment_point: m.first_per_commitment_point,
                channel_flags: m.channel_flags,
                shutdown_scriptpubkey: m.upfront_shutdown_script.clone().map(bitcoin::ScriptBuf::from_bytes),
                channel_type: m.channel_type.clone().map(ChannelTypeFeatures::from_be_bytes),
            },
            push_msat: m.push_msat.0,
            channel_reserve_satoshis: m.channel_reserve_satoshis.0,
        }),
        Message::AcceptChannel(m) => Ldk::AcceptChannel(msgs::AcceptChannel {
            common_fields: msgs::CommonAcceptChannelFields {
                temporary_channel_id: ldk_channel_id(&m.temporary_channel_id),
                dust_limit_satoshis: m.dust_limit_satoshis.0,
                max_htlc_value_in_flight_msat: m.max_htlc_value_in_flight_msat.0,
                htlc_minimum_msat: m.htlc_minimum_msat.0,
                minimum_depth: m.minimum_depth,
                to_self_delay: m.to_self_delay,
                max_accepted_htlcs: m.max_accepted_htlcs,
                funding_pubkey: m.funding_pubkey,
                revocation_basepoint: m.revocation_basepoint,
                payment_basepoint: m.payment_basepoint,
                delayed_payment_basepoint: m.delayed_payment_basepoint,
                htlc_basepoint: m.htlc_basepoint,
                first_per_commitment_point: m.first_per_commitment_point,
                shutdown_scriptpubkey: m.upfront_shutdown_script.clone().map(bitcoin::ScriptBuf::from_bytes),
                channel_type: m.channel_type.clone().map(ChannelTypeFeatures::from_be_bytes),
            },
            channel_reserve_satoshis: m.channel_reserve_satoshis.0,
        }),
        Message::FundingCreated(m) => Ldk::FundingCreated(msgs::FundingCreated {
            temporary_channel_id: ldk_channel_id(&m.temporary_channel_id),
            funding_txid: m.funding_txid,
            funding_output_index: m.funding_output_index,
            signature: m.signature,
        }),
        Message::FundingSigned(m) => {
            Ldk::FundingSigned(msgs::FundingSigned { channel_id: ldk_channel_id(&m.channel_id), signature: m.signature })
        }
        Message::ChannelReady(m) => Ldk::ChannelReady(msgs::ChannelReady {
            channel_id: ldk_channel_id(&m.channel_id),
            next_per_commitment_point: m.second_per_commitment_point,
            short_channel_id_alias: m.short_channel_id.map(|scid| scid.0),
        }),
        Message::Shutdown(m) => Ldk::Shutdown(msgs::Shutdown {
            channel_id: ldk_channel_id(&m.channel_id),
            scriptpubkey: bitcoin::ScriptBuf::from_bytes(m.scriptpubkey.clone()),
        }),
        Message::ClosingSigned(m) => Ldk::ClosingSigned(msgs::ClosingSigned {
            channel_id: ldk_channel_id(&m.channel_id),
            fee_satoshis: m.fee_satoshis.0,
            signature: m.signature,
            fee_range: m.fee_range.as_ref().map(|r| msgs::ClosingSignedFeeRange {
                min_fee_satoshis: r.min_fee_satoshis.0,
                max_fee_satoshis: r.max_fee_satoshis.0,
            }),
        }),
        Message::CommitmentSigned(m) => Ldk::CommitmentSigned(msgs::CommitmentSigned {
            channel_id: ldk_channel_id(&m.channel_id),
            signature: m.signature,
            htlc_signatures: m.htlc_signatures.clone(),
            funding_txid: None,
        }),
        Message::RevokeAndAck(m) => Ldk::RevokeAndAck(msgs::RevokeAndACK {
            channel_id: ldk_channel_id(&m.channel_id),
            per_commitment_secret: m.per_commitment_secret.0,
            next_per_commitment_point: m.next_per_commitment_point,
            release_htlc_message_paths: Vec::new(),
        }),
        Message::UpdateFee(m) => {
            Ldk::UpdateFee(msgs::UpdateFee { channel_id: ldk_channel_id(&m.channel_id), feerate_per_kw: m.feerate_per_kw })
        }
        Message::ChannelReestablish(m) => Ldk::ChannelReestablish(msgs::ChannelReestablish {
            channel_id: ldk_channel_id(&m.channel_id),
            next_local_commitment_number: m.next_commitment_number,
            next_remote_commitment_number: m.next_revocation_number,
            your_last_per_commitment_secret: m.your_last_per_commitment_secret.0,
            my_current_per_commitment_point: m.my_current_per_commitment_point,
            next_funding: None,
            my_current_funding_locked: None,
        }),
        Message::UpdateAddHtlc(m) => Ldk::UpdateAddHtlc(msgs::UpdateAddHTLC {
            channel_id: ldk_channel_id(&m.channel_id),
            htlc_id: m.id,
            amount_msat: m.amount_msat.0,
            payment_hash: PaymentHash(m.payment_hash.0),
            cltv_expiry: m.cltv_expiry,
            skimmed_fee_msat: None,
            onion_routing_packet: ldk_onion(&m.onion_routing_packet),
            blinding_point: m.blinding_point,
            hold_htlc: None,
        }),
        Message::UpdateFulfillHtlc(m) => Ldk::UpdateFulfillHtlc(msgs::UpdateFulfillHTLC {
            channel_id: ldk_channel_id(&m.channel_id),
            htlc_id: m.id,
            payment_preimage: PaymentPreimage(m.payment_preimage),
            attribution_data: None,
        }),
        // `reason` is crate-private in LDK: LDK reads the BOLT 2 layout
        // (channel_id, id, u16 length, reason) assembled here.
        Message::UpdateFailHtlc(m) => {
            let mut payload = m.channel_id.0.to_vec();
            payload.extend(m.id.to_be_bytes());
            payload.extend(u16::try_from(m.reason.len()).expect("reason fits u16").to_be_bytes());
            payload.extend(&m.reason);
            Ldk::UpdateFailHtlc(ldk_read(&payload))
        }
        // `sha256_of_onion` is crate-private in LDK: same approach.
        Message::UpdateFailMalformedHtlc(m) => {
            let mut payload = m.channel_id.0.to_vec();
            payload.extend(m.id.to_be_bytes());
            payload.extend(m.sha256_of_onion.0);
            payload.extend(m.failure_code.to_be_bytes());
            Ldk::UpdateFailMalformedHtlc(ldk_read(&payload))
        }
    }
}

fn feature_bytes(features: &Option<ChannelTypeFeatures>) -> Option<Vec<u8>> {
    features.as_ref().map(|f| f.le_flags().iter().rev().copied().collect())
}

/// Field-level check: every field of ours means the same as LDK's field.
fn assert_same_meaning(ours: &Message, ldk: &Ldk) {
    match (ours, ldk) {
        (Message::OpenChannel(o), Ldk::OpenChannel(l)) => {
            let c = &l.common_fields;
            assert_eq!(bitcoin::constants::ChainHash::from(o.chain_hash.0), c.chain_hash, "chain_hash");
            assert_eq!(o.temporary_channel_id.0, c.temporary_channel_id.0, "temporary_channel_id");
            assert_eq!(o.funding_satoshis.0, c.funding_satoshis, "funding_satoshis");
            assert_eq!(o.push_msat.0, l.push_msat, "push_msat");
            assert_eq!(o.dust_limit_satoshis.0, c.dust_limit_satoshis, "dust_limit_satoshis");
            assert_eq!(o.max_htlc_value_in_flight_msat.0, c.max_htlc_value_in_flight_msat, "max_htlc_value_in_flight_msat");
            assert_eq!(o.channel_reserve_satoshis.0, l.channel_reserve_satoshis, "channel_reserve_satoshis");
            assert_eq!(o.htlc_minimum_msat.0, c.htlc_minimum_msat, "htlc_minimum_msat");
            assert_eq!(o.feerate_per_kw, c.commitment_feerate_sat_per_1000_weight, "feerate_per_kw");
            assert_eq!(o.to_self_delay, c.to_self_delay, "to_self_delay");
            assert_eq!(o.max_accepted_htlcs, c.max_accepted_htlcs, "max_accepted_htlcs");
            assert_eq!(o.funding_pubkey, c.funding_pubkey, "funding_pubkey");
            assert_eq!(o.revocation_basepoint, c.revocation_basepoint, "revocation_basepoint");
            assert_eq!(o.payment_basepoint, c.payment_basepoint, "payment_basepoint");
            assert_eq!(o.delayed_payment_basepoint, c.delayed_payment_basepoint, "delayed_payment_basepoint");
            assert_eq!(o.htlc_basepoint, c.htlc_basepoint, "htlc_basepoint");
            assert_eq!(o.first_per_commitment_point, c.first_per_commitment_point, "first_per_commitment_point");
            assert_eq!(o.channel_flags, c.channel_flags, "channel_flags");
            assert_eq!(
                o.upfront_shutdown_script,
                c.shutdown_scriptpubkey.as_ref().map(|s| s.to_bytes()),
                "upfront_shutdown_script (TLV 0)"
            );
            assert_eq!(o.channel_type, feature_bytes(&c.channel_type), "channel_type (TLV 1)");
        }
        (Message::AcceptChannel(o), Ldk::AcceptChannel(l)) => {
            let c = &l.common_fields;
            assert_eq!(o.temporary_channel_id.0, c.temporary_channel_id.0, "temporary_channel_id");
            assert_eq!(o.dust_limit_satoshis.0, c.dust_limit_satoshis, "dust_limit_satoshis");
            assert_eq!(o.max_htlc_value_in_flight_msat.0, c.max_htlc_value_in_flight_msat, "max_htlc_value_in_flight_msat");
            assert_eq!(o.channel_reserve_satoshis.0, l.channel_reserve_satoshis, "channel_reserve_satoshis");
            assert_eq!(o.htlc_minimum_msat.0, c.htlc_minimum_msat, "htlc_minimum_msat");
            assert_eq!(o.minimum_depth, c.minimum_depth, "minimum_depth");
            assert_eq!(o.to_self_delay, c.to_self_delay, "to_self_delay");
            assert_eq!(o.max_accepted_htlcs, c.max_accepted_htlcs, "max_accepted_htlcs");
            assert_eq!(o.funding_pubkey, c.funding_pubkey, "funding_pubkey");
            assert_eq!(o.revocation_basepoint, c.revocation_basepoint, "revocation_basepoint");
            assert_eq!(o.payment_basepoint, c.payment_basepoint, "payment_basepoint");
            assert_eq!(o.delayed_payment_basepoint, c.delayed_payment_basepoint, "delayed_payment_basepoint");
            assert_eq!(o.htlc_basepoint, c.htlc_basepoint, "htlc_basepoint");
            assert_eq!(o.first_per_commitment_point, c.first_per_commitment_point, "first_per_commitment_point");
            assert_eq!(
                o.upfront_shutdown_script,
                c.shutdown_scriptpubkey.as_ref().map(|s| s.to_bytes()),
                "upfront_shutdown_script (TLV 0)"
            );
            assert_eq!(o.channel_type, feature_bytes(&c.channel_type), "channel_type (TLV 1)");
        }
        (Message::FundingCreated(o), Ldk::FundingCreated(l)) => {
            assert_eq!(o.temporary_channel_id.0, l.temporary_channel_id.0, "temporary_channel_id");
            assert_eq!(o.funding_txid, l.funding_txid, "funding_txid");
            assert_eq!(o.funding_output_index, l.funding_output_index, "funding_output_index");
            assert_eq!(o.signature, l.signature, "signature");
        }
        (Message::FundingSigned(o), Ldk::FundingSigned(l)) => {
            assert_eq!(o.channel_id.0, l.channel_id.0, "channel_id");
            assert_eq!(o.signature, l.signature, "signature");
        }
        (Message::ChannelReady(o), Ldk::ChannelReady(l)) => {
            assert_eq!(o.channel_id.0, l.channel_id.0, "channel_id");
            assert_eq!(o.second_per_commitment_point, l.next_per_commitment_point, "second_per_commitment_point");
            assert_eq!(o.short_channel_id.map(|s| s.0), l.short_channel_id_alias, "short_channel_id (TLV 1)");
        }
        (Message::Shutdown(o), Ldk::Shutdown(l)) => {
            assert_eq!(o.channel_id.0, l.channel_id.0, "channel_id");
            assert_eq!(o.scriptpubkey, l.scriptpubkey.to_bytes(), "scriptpubkey");
        }
        (Message::ClosingSigned(o), Ldk::ClosingSigned(l)) => {
            assert_eq!(o.channel_id.0, l.channel_id.0, "channel_id");
            assert_eq!(o.fee_satoshis.0, l.fee_satoshis, "fee_satoshis");
            assert_eq!(o.signature, l.signature, "signature");
            assert_eq!(
                o.fee_range.as_ref().map(|r| (r.min_fee_satoshis.0, r.max_fee_satoshis.0)),
                l.fee_range.as_ref().map(|r| (r.min_fee_satoshis, r.max_fee_satoshis)),
                "fee_range (TLV 1)"
            );
        }
        (Message::CommitmentSigned(o), Ldk::CommitmentSigned(l)) => {
            assert_eq!(o.channel_id.0, l.channel_id.0, "channel_id");
            assert_eq!(o.signature, l.signature, "signature");
            assert_eq!(o.htlc_signatures, l.htlc_signatures, "htlc_signatures");
        }
        (Message::RevokeAndAck(o), Ldk::RevokeAndAck(l)) => {
            assert_eq!(o.channel_id.0, l.channel_id.0, "channel_id");
            assert_eq!(o.per_commitment_secret.0, l.per_commitment_secret, "per_commitment_secret");
            assert_eq!(o.next_per_commitment_point, l.next_per_commitment_point, "next_per_commitment_point");
        }
        (Message::UpdateFee(o), Ldk::UpdateFee(l)) => {
            assert_eq!(o.channel_id.0, l.channel_id.0, "channel_id");
            assert_eq!(o.feerate_per_kw, l.feerate_per_kw, "feerate_per_kw");
        }
        (Message::ChannelReestablish(o), Ldk::ChannelReestablish(l)) => {
            assert_eq!(o.channel_id.0, l.channel_id.0, "channel_id");
            assert_eq!(o.next_commitment_number, l.next_local_commitment_number, "next_commitment_number");
            assert_eq!(o.next_revocation_number, l.next_remote_commitment_number, "next_revocation_number");
            assert_eq!(o.your_last_per_commitment_secret.0, l.your_last_per_commitment_secret, "your_last_per_commitment_secret");
            assert_eq!(o.my_current_per_commitment_point, l.my_current_per_commitment_point, "my_current_per_commitment_point");
        }
        (Message::UpdateAddHtlc(o), Ldk::UpdateAddHtlc(l)) => {
            assert_eq!(o.channel_id.0, l.channel_id.0, "channel_id");
            assert_eq!(o.id, l.htlc_id, "id");
            assert_eq!(o.amount_msat.0, l.amount_msat, "amount_msat");
            assert_eq!(o.payment_hash.0, l.payment_hash.0, "payment_hash");
            assert_eq!(o.cltv_expiry, l.cltv_expiry, "cltv_expiry");
            let onion = &l.onion_routing_packet;
            assert_eq!(o.onion_routing_packet[0], onion.version, "onion version");
            match onion.public_key {
                Ok(key) => assert_eq!(&o.onion_routing_packet[1..34], &key.serialize()[..], "onion public key"),
                Err(_) => assert_eq!(PublicKey::from_slice(&o.onion_routing_packet[1..34]).ok(), None, "onion public key"),
            }
            assert_eq!(&o.onion_routing_packet[34..1334], &onion.hop_data[..], "onion hop_data");
            assert_eq!(&o.onion_routing_packet[1334..], &onion.hmac[..], "onion hmac");
            assert_eq!(o.blinding_point, l.blinding_point, "blinding_point (TLV 0)");
        }
        (Message::UpdateFulfillHtlc(o), Ldk::UpdateFulfillHtlc(l)) => {
            assert_eq!(o.channel_id.0, l.channel_id.0, "channel_id");
            assert_eq!(o.id, l.htlc_id, "id");
            assert_eq!(o.payment_preimage, l.payment_preimage.0, "payment_preimage");
        }
        // `reason` is crate-private in LDK; the byte comparisons cover it.
        (Message::UpdateFailHtlc(o), Ldk::UpdateFailHtlc(l)) => {
            assert_eq!(o.channel_id.0, l.channel_id.0, "channel_id");
            assert_eq!(o.id, l.htlc_id, "id");
        }
        // `sha256_of_onion` is crate-private in LDK; the byte comparisons cover it.
        (Message::UpdateFailMalformedHtlc(o), Ldk::UpdateFailMalformedHtlc(l)) => {
            assert_eq!(o.channel_id.0, l.channel_id.0, "channel_id");
            assert_eq!(o.id, l.htlc_id, "id");
            assert_eq!(o.failure_code, l.failure_code, "failure_code");
        }
        (ours, ldk) => panic!("different messages: ours {} and LDK {ldk:?}", ours.name()),
    }
}

fn ours_decode(bytes: &[u8]) -> Message {
    Message::decode(bytes).expect("ours decodes the message").expect("the type is a channel message of the spec")
}

/// ours → LDK: encode with ours, decode with LDK, same meaning, LDK re-encodes byte-equal.
fn check_ours_through_ldk(ours: &Message) {
    let bytes = ours.encode().expect("ours encodes");
    let ldk = Ldk::decode(&bytes);
    assert_same_meaning(ours, &ldk);
    assert_eq!(hex::encode(ldk.encode()), hex::encode(&bytes), "LDK re-encodes {} byte-equal", ours.name());
}

/// LDK → ours: encode with LDK, decode with ours, same meaning, ours re-encodes byte-equal.
fn check_ldk_through_ours(ldk: &Ldk) {
    let bytes = ldk.encode();
    let ours = ours_decode(&bytes);
    assert_same_meaning(&ours, ldk);
    assert_eq!(hex::encode(ours.encode().expect("ours encodes")), hex::encode(&bytes), "ours re-encodes {} byte-equal", ours.name());
}

/// Both directions for one set of values, and the two encoders agree.
fn check_both_ways(ours: &Message) {
    check_ours_through_ldk(ours);
    let ldk = to_ldk(ours);
    assert_same_meaning(ours, &ldk);
    check_ldk_through_ours(&ldk);
    assert_eq!(
        hex::encode(ldk.encode()),
        hex::encode(ours.encode().expect("ours encodes")),
        "LDK and ours encode {} the same",
        ours.name()
    );
}

// -------------------------------------------------------------- strategies

fn secret_key() -> impl Strategy<Value = SecretKey> {
    any::<[u8; 32]>().prop_filter_map("a valid secp256k1 secret", |b| SecretKey::from_slice(&b).ok())
}

fn point() -> impl Strategy<Value = PublicKey> {
    secret_key().prop_map(|sk| PublicKey::from_secret_key(secp(), &sk))
}

/// A real ECDSA signature (by a random key over a random digest).
fn signature() -> impl Strategy<Value = ecdsa::Signature> {
    (secret_key(), any::<[u8; 32]>())
        .prop_map(|(sk, digest)| secp().sign_ecdsa(&secp256k1::Message::from_digest(digest), &sk))
}

fn channel_id() -> impl Strategy<Value = ChannelId> {
    any::<[u8; 32]>().prop_map(ChannelId)
}

fn some_bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..max)
}

/// A feature vector as BOLT 9 writes it: big-endian, no leading zero byte.
fn channel_type() -> impl Strategy<Value = Vec<u8>> {
    some_bytes(6).prop_map(|mut b| {
        while b.first() == Some(&0) {
            b.remove(0);
        }
        b
    })
}

/// An onion: version, a valid ephemeral key or 33 zero bytes (LDK keeps an
/// invalid key as an error and writes it back as zeros), 1300 bytes, an HMAC.
fn onion() -> impl Strategy<Value = [u8; ONION_LEN]> {
    (any::<u8>(), proptest::option::of(point()), proptest::collection::vec(any::<u8>(), 1300), any::<[u8; 32]>())
        .prop_map(|(version, key, hop_data, hmac)| {
            let mut onion = [0u8; ONION_LEN];
            onion[0] = version;
            if let Some(key) = key {
                onion[1..34].copy_from_slice(&key.serialize());
            }
            onion[34..1334].copy_from_slice(&hop_data);
            onion[1334..].copy_from_slice(&hmac);
            onion
        })
}

fn basepoints() -> impl Strategy<Value = [PublicKey; 6]> {
    (point(), point(), point(), point(), point(), point()).prop_map(|(a, b, c, d, e, f)| [a, b, c, d, e, f])
}

fn open_channel() -> impl Strategy<Value = Message> {
    (
        (any::<[u8; 32]>(), channel_id(), any::<u64>(), any::<u64>(), any::<u64>(), any::<u64>(), any::<u64>(), any::<u64>()),
        (any::<u32>(), any::<u16>(), any::<u16>(), any::<u8>()),
        basepoints(),
        (proptest::option::of(some_bytes(40)), proptest::option::of(channel_type())),
    )
        .prop_map(|((chain, id, funding, push, dust, in_flight, reserve, htlc_min), (feerate, delay, max_htlcs, flags), keys, (script, channel_type))| {
            Message::OpenChannel(OpenChannel {
                chain_hash: ChainHash(chain),
                temporary_channel_id: id,
                funding_satoshis: Sat(funding),
                push_msat: Msat(push),
                dust_limit_satoshis: Sat(dust),
                max_htlc_value_in_flight_msat: Msat(in_flight),
                channel_reserve_satoshis: Sat(reserve),
                htlc_minimum_msat: Msat(htlc_min),
                feerate_per_kw: feerate,
                to_self_delay: delay,
                max_accepted_htlcs: max_htlcs,
                funding_pubkey: keys[0],
                revocation_basepoint: keys[1],
                payment_basepoint: keys[2],
                delayed_payment_basepoint: keys[3],
                htlc_basepoint: keys[4],
                first_per_commitment_point: keys[5],
                channel_flags: flags,
                upfront_shutdown_script: script,
                channel_type,
            })
        })
}

fn accept_channel() -> impl Strategy<Value = Message> {
    (
        (channel_id(), any::<u64>(), any::<u64>(), any::<u64>(), any::<u64>()),
        (any::<u32>(), any::<u16>(), any::<u16>()),
        basepoints(),
        (proptest::option::of(some_bytes(40)), proptest::option::of(channel_type())),
    )
        .prop_map(|((id, dust, in_flight, reserve, htlc_min), (depth, delay, max_htlcs), keys, (script, channel_type))| {
            Message::AcceptChannel(AcceptChannel {
                temporary_channel_id: id,
                dust_limit_satoshis: Sat(dust),
                max_htlc_value_in_flight_msat: Msat(in_flight),
                channel_reserve_satoshis: Sat(reserve),
                htlc_minimum_msat: Msat(htlc_min),
                minimum_depth: depth,
                to_self_delay: delay,
                max_accepted_htlcs: max_htlcs,
                funding_pubkey: keys[0],
                revocation_basepoint: keys[1],
                payment_basepoint: keys[2],
                delayed_payment_basepoint: keys[3],
                htlc_basepoint: keys[4],
                first_per_commitment_point: keys[5],
                upfront_shutdown_script: script,
                channel_type,
            })
        })
}

/// Every other channel message of the spec, with random values.
fn small_message() -> impl Strategy<Value = Message> {
    prop_oneof![
        (channel_id(), any::<[u8; 32]>(), any::<u16>(), signature()).prop_map(|(id, txid, index, signature)| {
            Message::FundingCreated(FundingCreated {
                temporary_channel_id: id,
                funding_txid: bitcoin::Txid::from_byte_array(txid),
                funding_output_index: index,
                signature,
            })
        }),
        (channel_id(), signature())
            .prop_map(|(channel_id, signature)| Message::FundingSigned(FundingSigned { channel_id, signature })),
        (channel_id(), point(), proptest::option::of(any::<u64>())).prop_map(|(channel_id, point, scid)| {
            Message::ChannelReady(ChannelReady {
                channel_id,
                second_per_commitment_point: point,
                short_channel_id: scid.map(ShortChannelId),
            })
        }),
        (channel_id(), some_bytes(60)).prop_map(|(channel_id, scriptpubkey)| Message::Shutdown(Shutdown { channel_id, scriptpubkey })),
        (channel_id(), any::<u64>(), signature(), proptest::option::of((any::<u64>(), any::<u64>()))).prop_map(
            |(channel_id, fee, signature, range)| {
                Message::ClosingSigned(ClosingSigned {
                    channel_id,
                    fee_satoshis: Sat(fee),
                    signature,
                    fee_range: range.map(|(min, max)| FeeRange { min_fee_satoshis: Sat(min), max_fee_satoshis: Sat(max) }),
                })
            }
        ),
        (channel_id(), signature(), proptest::collection::vec(signature(), 0..6)).prop_map(
            |(channel_id, signature, htlc_signatures)| {
                Message::CommitmentSigned(CommitmentSigned { channel_id, signature, htlc_signatures })
            }
        ),
        (channel_id(), any::<[u8; 32]>(), point()).prop_map(|(channel_id, secret, point)| {
            Message::RevokeAndAck(RevokeAndAck {
                channel_id,
                per_commitment_secret: Secret(secret),
                next_per_commitment_point: point,
            })
        }),
        (channel_id(), any::<u32>()).prop_map(|(channel_id, feerate_per_kw)| Message::UpdateFee(UpdateFee { channel_id, feerate_per_kw })),
        (channel_id(), any::<u64>(), any::<u64>(), any::<[u8; 32]>(), point()).prop_map(|(channel_id, next_commitment_number, next_revocation_number, secret, point)| {
            Message::ChannelReestablish(ChannelReestablish {
                channel_id,
                next_commitment_number,
                next_revocation_number,
                your_last_per_commitment_secret: Secret(secret),
                my_current_per_commitment_point: point,
            })
        }),
        (
            (channel_id(), any::<u64>(), any::<u64>(), any::<[u8; 32]>(), any::<u32>()),
            onion(),
            proptest::option::of(point()),
        )
            .prop_map(|((channel_id, id, amount, hash, cltv), onion, blinding_point)| {
                Message::UpdateAddHtlc(UpdateAddHtlc {
                    channel_id,
                    id,
                    amount_msat: Msat(amount),
                    payment_hash: Hash256(hash),
                    cltv_expiry: cltv,
                    onion_routing_packet: onion,
                    blinding_point,
                })
            }),
        (channel_id(), any::<u64>(), any::<[u8; 32]>()).prop_map(|(channel_id, id, preimage)| {
            Message::UpdateFulfillHtlc(UpdateFulfillHtlc { channel_id, id, payment_preimage: preimage })
        }),
        (channel_id(), any::<u64>(), some_bytes(300))
            .prop_map(|(channel_id, id, reason)| Message::UpdateFailHtlc(UpdateFailHtlc { channel_id, id, reason })),
        (channel_id(), any::<u64>(), any::<[u8; 32]>(), any::<u16>()).prop_map(|(channel_id, id, hash, code)| {
            Message::UpdateFailMalformedHtlc(UpdateFailMalformedHtlc {
                channel_id,
                id,
                sha256_of_onion: Hash256(hash),
                failure_code: code,
            })
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn open_channel_agrees_with_ldk(m in open_channel()) {
        check_both_ways(&m);
    }

    #[test]
    fn accept_channel_agrees_with_ldk(m in accept_channel()) {
        check_both_ways(&m);
    }

    #[test]
    fn other_channel_messages_agree_with_ldk(m in small_message()) {
        check_both_ways(&m);
    }
}

// ------------------------------------------------------- fixed, distinctive

/// Deterministic distinctive values for the corpus: byte `i` of value `tag`.
fn filled(tag: u8) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = tag.wrapping_mul(31).wrapping_add(i as u8);
    }
    out
}

fn fixed_key(tag: u8) -> PublicKey {
    PublicKey::from_secret_key(secp(), &SecretKey::from_slice(&filled(tag)).expect("a valid secret"))
}

/// A deterministic (RFC 6979) signature.
fn fixed_signature(tag: u8) -> ecdsa::Signature {
    let key = SecretKey::from_slice(&filled(tag)).expect("a valid secret");
    secp().sign_ecdsa(&secp256k1::Message::from_digest(filled(tag ^ 0x5a)), &key)
}

fn fixed_onion() -> [u8; ONION_LEN] {
    let mut onion = [0u8; ONION_LEN];
    for (i, b) in onion.iter_mut().enumerate() {
        *b = (i % 251) as u8;
    }
    onion[0] = 0;
    onion[1..34].copy_from_slice(&fixed_key(40).serialize());
    onion
}

/// One message of each type with distinctive values, as ours.
fn fixed_messages() -> Vec<Message> {
    vec![
        Message::OpenChannel(OpenChannel {
            chain_hash: ChainHash(filled(1)),
            temporary_channel_id: ChannelId(filled(2)),
            funding_satoshis: Sat(16_777_215),
            push_msat: Msat(1_000_001),
            dust_limit_satoshis: Sat(546),
            max_htlc_value_in_flight_msat: Msat(0x0102_0304_0506_0708),
            channel_reserve_satoshis: Sat(167_772),
            htlc_minimum_msat: Msat(1_001),
            feerate_per_kw: 0x0a0b_0c0d,
            to_self_delay: 0x0e0f,
            max_accepted_htlcs: 483,
            funding_pubkey: fixed_key(3),
            revocation_basepoint: fixed_key(4),
            payment_basepoint: fixed_key(5),
            delayed_payment_basepoint: fixed_key(6),
            htlc_basepoint: fixed_key(7),
            first_per_commitment_point: fixed_key(8),
            channel_flags: 1,
            upfront_shutdown_script: Some([&[0x00, 0x14][..], &filled(9)[..20]].concat()),
            // option_static_remotekey (bit 12) | option_anchors_zero_fee_htlc_tx (bit 22)
            channel_type: Some(vec![0x40, 0x10, 0x00]),
        }),
        Message::AcceptChannel(AcceptChannel {
            temporary_channel_id: ChannelId(filled(2)),
            dust_limit_satoshis: Sat(354),
            max_htlc_value_in_flight_msat: Msat(0x1112_1314_1516_1718),
            channel_reserve_satoshis: Sat(20_000),
            htlc_minimum_msat: Msat(7),
            minimum_depth: 6,
            to_self_delay: 720,
            max_accepted_htlcs: 30,
            funding_pubkey: fixed_key(10),
            revocation_basepoint: fixed_key(11),
            payment_basepoint: fixed_key(12),
            delayed_payment_basepoint: fixed_key(13),
            htlc_basepoint: fixed_key(14),
            first_per_commitment_point: fixed_key(15),
            upfront_shutdown_script: Some(Vec::new()),
            channel_type: Some(vec![0x10, 0x00]),
        }),
        Message::FundingCreated(FundingCreated {
            temporary_channel_id: ChannelId(filled(2)),
            funding_txid: bitcoin::Txid::from_byte_array(filled(16)),
            funding_output_index: 0x0102,
            signature: fixed_signature(17),
        }),
        Message::FundingSigned(FundingSigned { channel_id: ChannelId(filled(18)), signature: fixed_signature(19) }),
        Message::ChannelReady(ChannelReady {
            channel_id: ChannelId(filled(18)),
            second_per_commitment_point: fixed_key(20),
            short_channel_id: Some(ShortChannelId(0x0001_0203_0405_0607)),
        }),
        Message::Shutdown(Shutdown { channel_id: ChannelId(filled(18)), scriptpubkey: [&[0x00, 0x20][..], &filled(21)[..]].concat() }),
        Message::ClosingSigned(ClosingSigned {
            channel_id: ChannelId(filled(18)),
            fee_satoshis: Sat(1_234),
            signature: fixed_signature(22),
            fee_range: Some(FeeRange { min_fee_satoshis: Sat(253), max_fee_satoshis: Sat(5_000) }),
        }),
        Message::CommitmentSigned(CommitmentSigned {
            channel_id: ChannelId(filled(18)),
            signature: fixed_signature(23),
            htlc_signatures: vec![fixed_signature(24), fixed_signature(25)],
        }),
        Message::RevokeAndAck(RevokeAndAck {
            channel_id: ChannelId(filled(18)),
            per_commitment_secret: Secret(filled(26)),
            next_per_commitment_point: fixed_key(27),
        }),
        Message::UpdateFee(UpdateFee { channel_id: ChannelId(filled(18)), feerate_per_kw: 2_500 }),
        Message::ChannelReestablish(ChannelReestablish {
            channel_id: ChannelId(filled(40)),
            next_commitment_number: 42,
            next_revocation_number: 41,
            your_last_per_commitment_secret: Secret(filled(41)),
            my_current_per_commitment_point: fixed_key(42),
        }),
        Message::UpdateAddHtlc(UpdateAddHtlc {
            channel_id: ChannelId(filled(18)),
            id: 7,
            amount_msat: Msat(5_000_000),
            payment_hash: Hash256(filled(28)),
            cltv_expiry: 800_144,
            onion_routing_packet: fixed_onion(),
            blinding_point: Some(fixed_key(29)),
        }),
        Message::UpdateFulfillHtlc(UpdateFulfillHtlc { channel_id: ChannelId(filled(18)), id: 7, payment_preimage: filled(30) }),
        Message::UpdateFailHtlc(UpdateFailHtlc { channel_id: ChannelId(filled(18)), id: 8, reason: filled(31).repeat(9) }),
        Message::UpdateFailMalformedHtlc(UpdateFailMalformedHtlc {
            channel_id: ChannelId(filled(18)),
            id: 9,
            sha256_of_onion: Hash256(filled(32)),
            failure_code: 0xc005,
        }),
    ]
}

#[test]
fn every_channel_message_of_the_spec_is_covered() {
    let names: Vec<&str> = fixed_messages().iter().map(|m| m.name()).collect();
    assert_eq!(
        names,
        [
            "open_channel",
            "accept_channel",
            "funding_created",
            "funding_signed",
            "channel_ready",
            "shutdown",
            "closing_signed",
            "commitment_signed",
            "revoke_and_ack",
            "update_fee",
            "channel_reestablish",
            "update_add_htlc",
            "update_fulfill_htlc",
            "update_fail_htlc",
            "update_fail_malformed_htlc",
        ]
    );
}

#[test]
fn fixed_messages_agree_with_ldk_both_ways() {
    for m in fixed_messages() {
        check_both_ways(&m);
    }
}

#[test]
fn absent_tlvs_agree_with_ldk() {
    // Neither side writes a record it does not have; LDK reads an absent one as None.
    for m in fixed_messages() {
        let stripped = match m {
            Message::OpenChannel(m) => Message::OpenChannel(OpenChannel { upfront_shutdown_script: None, channel_type: None, ..m }),
            Message::AcceptChannel(m) => Message::AcceptChannel(AcceptChannel { upfront_shutdown_script: None, channel_type: None, ..m }),
            Message::ChannelReady(m) => Message::ChannelReady(ChannelReady { short_channel_id: None, ..m }),
            Message::UpdateAddHtlc(m) => Message::UpdateAddHtlc(UpdateAddHtlc { blinding_point: None, ..m }),
            Message::ClosingSigned(m) => Message::ClosingSigned(ClosingSigned { fee_range: None, ..m }),
            other => other,
        };
        check_both_ways(&stripped);
    }
}

// ------------------------------------------- records only LDK understands

/// LDK messages carrying TLV records our spec does not define. All of them
/// are odd, so BOLT 1 ("it's OK to be odd") lets a reader ignore them: ours
/// must decode the message, mean the same in every field it knows, and
/// re-encode it as LDK's bytes without those records. What the rule says
/// must be equal is everything else, byte for byte.
///
/// - commitment_signed `funding_txid` (type 1, splicing).
/// - update_add_htlc `skimmed_fee_msat` (type 65537) and `hold_htlc`
///   (type 75537), LDK extensions.
/// - update_fulfill_htlc / update_fail_htlc `attribution_data` (type 1) and
///   revoke_and_ack `release_htlc_message_paths` (type 75537) are odd too, but
///   LDK does not let a caller build them, so they are not exercised here.
fn ldk_messages_with_unknown_odd_records() -> Vec<(Ldk, Ldk)> {
    let mut out = Vec::new();
    for m in fixed_messages() {
        let plain = to_ldk(&m);
        let extended = match &plain {
            Ldk::CommitmentSigned(l) => Some(Ldk::CommitmentSigned(msgs::CommitmentSigned {
                funding_txid: Some(bitcoin::Txid::from_byte_array(filled(16))),
                ..l.clone()
            })),
            Ldk::UpdateAddHtlc(l) => {
                Some(Ldk::UpdateAddHtlc(msgs::UpdateAddHTLC { skimmed_fee_msat: Some(1_000), hold_htlc: Some(()), ..l.clone() }))
            }
            _ => None,
        };
        if let Some(extended) = extended {
            out.push((extended, plain));
        }
    }
    out
}

#[test]
fn unknown_odd_ldk_records_are_ignored_and_the_rest_is_byte_equal() {
    let cases = ldk_messages_with_unknown_odd_records();
    assert_eq!(cases.len(), 2);
    for (extended, plain) in cases {
        let extended_bytes = extended.encode();
        let plain_bytes = plain.encode();
        assert!(extended_bytes.len() > plain_bytes.len(), "LDK wrote the extra records");
        let ours = ours_decode(&extended_bytes);
        assert_same_meaning(&ours, &extended);
        assert_eq!(
            hex::encode(ours.encode().expect("ours encodes")),
            hex::encode(&plain_bytes),
            "{}: ours keeps every field and known record, drops only the unknown odd ones",
            ours.name()
        );
    }
}

#[test]
fn both_refuse_an_unknown_even_record() {
    // LDK writes no even record that ours does not know in these messages
    // (its even ones are taproot-only), so add one to an LDK-encoded
    // channel_ready after its record 1: both readers must refuse it.
    let channel_ready = fixed_messages().into_iter().find(|m| m.name() == "channel_ready").expect("channel_ready is fixed");
    let mut bytes = to_ldk(&channel_ready).encode();
    bytes.extend([0x02, 0x01, 0x00]);
    assert_eq!(Message::decode(&bytes), Err(lnp_engine::wire::WireError::UnknownEvenType(2)));
    let ldk = <msgs::ChannelReady as LengthReadable>::read_from_fixed_length_buffer(&mut &bytes[2..]);
    assert!(ldk.is_err(), "LDK refuses it too: {ldk:?}");
}

// ------------------------------------------------------------------ corpus

/// The corpus as LDK encodes it today: each spec message, then the ones with
/// odd records ours does not know (with what ours must re-encode them to).
fn ldk_corpus() -> serde_json::Value {
    let mut entries = Vec::new();
    for m in fixed_messages() {
        entries.push(serde_json::json!({ "name": m.name(), "hex": hex::encode(to_ldk(&m).encode()) }));
    }
    for (extended, plain) in ldk_messages_with_unknown_odd_records() {
        let name = ours_decode(&plain.encode()).name();
        entries.push(serde_json::json!({
            "name": format!("{name} with unknown odd records"),
            "hex": hex::encode(extended.encode()),
            "ours_reencoded": hex::encode(plain.encode()),
        }));
    }
    serde_json::json!({
        "about": "BOLT 2 channel messages encoded by LDK (lightning 0.2.x): type then payload, hex. \
                  Regenerate with LNP_WRITE_LDK_CORPUS=1 cargo test -p lnp-protocols --test ldk_differential. \
                  `ours_reencoded`, where present, is the message without the odd TLV records our spec does not define.",
        "messages": entries,
    })
}

/// The committed corpus, written first from today's LDK when
/// `LNP_WRITE_LDK_CORPUS=1` (once, before any test reads it).
fn committed_corpus() -> serde_json::Value {
    static WRITTEN: OnceLock<()> = OnceLock::new();
    WRITTEN.get_or_init(|| {
        if std::env::var("LNP_WRITE_LDK_CORPUS").as_deref() == Ok("1") {
            let text = serde_json::to_string_pretty(&ldk_corpus()).expect("the corpus serializes");
            std::fs::write(CORPUS_PATH, text + "\n").expect("the corpus file is writable");
        }
    });
    let text = std::fs::read_to_string(CORPUS_PATH).expect("the committed corpus exists (LNP_WRITE_LDK_CORPUS=1 writes it)");
    serde_json::from_str(&text).expect("the corpus is JSON")
}

#[test]
fn committed_ldk_corpus_decodes_with_ours_and_reencodes_byte_equal() {
    let corpus = committed_corpus();
    let entries = corpus["messages"].as_array().expect("the corpus has a message list");
    let mut names = std::collections::BTreeSet::new();
    for entry in entries {
        let name = entry["name"].as_str().expect("an entry has a name");
        let bytes = hex::decode(entry["hex"].as_str().expect("an entry has hex")).expect("the hex is valid");
        let ours = ours_decode(&bytes);
        assert!(name.starts_with(ours.name()), "entry {name} decodes as {}", ours.name());
        let want = match entry.get("ours_reencoded").and_then(|v| v.as_str()) {
            Some(reencoded) => {
                let reencoded = hex::decode(reencoded).expect("the hex is valid");
                assert!(bytes.starts_with(&reencoded), "{name}: the unknown records follow the known bytes");
                reencoded
            }
            None => bytes,
        };
        assert_eq!(hex::encode(ours.encode().expect("ours encodes")), hex::encode(&want), "{name} re-encodes byte-equal");
        names.insert(ours.name());
    }
    assert_eq!(names.len(), fixed_messages().len(), "every channel message of the spec is in the corpus");
    assert_eq!(entries.len(), fixed_messages().len() + 2, "and the two with unknown odd records");
}

#[test]
fn committed_ldk_corpus_still_reads_with_this_ldk() {
    let corpus = committed_corpus();
    for entry in corpus["messages"].as_array().expect("the corpus has a message list") {
        let bytes = hex::decode(entry["hex"].as_str().expect("an entry has hex")).expect("the hex is valid");
        let ldk = Ldk::decode(&bytes);
        assert_eq!(hex::encode(ldk.encode()), hex::encode(&bytes), "{} re-encodes with LDK", entry["name"]);
        assert_same_meaning(&ours_decode(&bytes), &ldk);
    }
}
