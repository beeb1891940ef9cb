//! The generated BOLT 2 message codecs: exact bytes where the BOLT fixes
//! them, round trips for every message, and the TLV and unknown-type rules.

use bitcoin::secp256k1::{PublicKey, Secp256k1, SecretKey};
use lnp_engine::rt::{ChainHash, ChannelId, Msat, Sat};
use lnp_engine::wire::WireError;
use lnp_protocols::generated::bolt_channel::*;

fn key(n: u8) -> PublicKey {
    PublicKey::from_secret_key(&Secp256k1::new(), &SecretKey::from_slice(&[n; 32]).expect("valid key"))
}

fn open_channel() -> OpenChannel {
    OpenChannel {
        chain_hash: ChainHash([6; 32]),
        temporary_channel_id: ChannelId([7; 32]),
        funding_satoshis: Sat(1_000_000),
        push_msat: Msat(5_000),
        dust_limit_satoshis: Sat(546),
        max_htlc_value_in_flight_msat: Msat(1 << 40),
        channel_reserve_satoshis: Sat(10_000),
        htlc_minimum_msat: Msat(1),
        feerate_per_kw: 253,
        to_self_delay: 144,
        max_accepted_htlcs: 483,
        funding_pubkey: key(1),
        revocation_basepoint: key(2),
        payment_basepoint: key(3),
        delayed_payment_basepoint: key(4),
        htlc_basepoint: key(5),
        first_per_commitment_point: key(6),
        channel_flags: 1,
        upfront_shutdown_script: Some(vec![0x00, 0x14]),
        channel_type: None,
    }
}

#[test]
fn update_fee_has_the_bolt_layout() {
    let m = Message::UpdateFee(UpdateFee { channel_id: ChannelId([1; 32]), feerate_per_kw: 253 });
    let mut want = vec![0x00, 0x86];
    want.extend([1u8; 32]);
    want.extend([0x00, 0x00, 0x00, 0xfd]);
    assert_eq!(m.encode(), Ok(want.clone()));
    assert_eq!(Message::decode(&want), Ok(Some(m)));
}

#[test]
fn open_channel_has_319_field_bytes_then_its_tlv_stream() {
    let m = Message::OpenChannel(open_channel());
    let bytes = m.encode().expect("encodes");
    // type (2) + the BOLT 2 fields (32+32+6*8+4+2+2+6*33+1 = 319) + TLV record type 0, length 2, value.
    assert_eq!(bytes.len(), 2 + 319 + 4);
    assert_eq!(&bytes[..2], &[0x00, 0x20]);
    assert_eq!(&bytes[321..], &[0x00, 0x02, 0x00, 0x14]);
    assert_eq!(Message::decode(&bytes), Ok(Some(m)));
}

#[test]
fn tlv_rules_apply_to_message_extensions() {
    let base = Message::OpenChannel(OpenChannel { upfront_shutdown_script: None, ..open_channel() }).encode().expect("encodes");
    // An unknown odd record is ignored.
    let mut odd = base.clone();
    odd.extend([0x05, 0x01, 0xaa]);
    assert!(matches!(Message::decode(&odd), Ok(Some(Message::OpenChannel(_)))));
    // An unknown even record is refused.
    let mut even = base.clone();
    even.extend([0x04, 0x01, 0xaa]);
    assert_eq!(Message::decode(&even), Err(WireError::UnknownEvenType(4)));
    // Records out of order are refused.
    let mut unordered = base;
    unordered.extend([0x01, 0x00, 0x00, 0x00]);
    assert_eq!(Message::decode(&unordered), Err(WireError::TlvNotIncreasing { previous: 1, current: 0 }));
}

#[test]
fn lists_carry_their_count() {
    let sig = bitcoin::secp256k1::ecdsa::Signature::from_compact(&[1; 64]).expect("compact signature");
    let m = Message::CommitmentSigned(CommitmentSigned {
        channel_id: ChannelId([2; 32]),
        signature: sig,
        htlc_signatures: vec![sig, sig, sig],
    });
    let bytes = m.encode().expect("encodes");
    assert_eq!(bytes.len(), 2 + 32 + 64 + 2 + 3 * 64);
    assert_eq!(&bytes[98..100], &[0x00, 0x03]);
    assert_eq!(Message::decode(&bytes), Ok(Some(m)));
}

#[test]
fn unknown_types_and_truncation() {
    assert_eq!(Message::decode(&[0x00, 0x11, 0x00]), Ok(None), "error (17) is not a channel message");
    let bytes = Message::UpdateFee(UpdateFee { channel_id: ChannelId([1; 32]), feerate_per_kw: 1 }).encode().expect("encodes");
    assert!(matches!(Message::decode(&bytes[..20]), Err(WireError::UnexpectedEof { .. })));
    let mut bad_point = Message::OpenChannel(open_channel()).encode().expect("encodes");
    bad_point[2 + 32 + 32 + 8 * 6 + 4 + 2 + 2] = 0x05; // funding_pubkey prefix byte
    assert_eq!(Message::decode(&bad_point), Err(WireError::InvalidPoint));
}
