//! BOLT 11 invoices: creating one signed with the node key, and decoding
//! (and checking) one from its text.
//!
//! The encoding and the bech32 checksum are LDK's `lightning-invoice` (the
//! version matching the `lightning` crate the workspace tests against); the
//! field rules and the signature check are its `Bolt11Invoice::from_signed`'s,
//! made again here so that the payee's key is recovered once ([`decode`]).
//! This module chooses what goes into the invoices the node writes and turns
//! a decoded invoice into plain data ([`DecodedInvoice`]) for the RPC and
//! the CLI.
//!
//! What it is not: it draws no randomness and reads no clock — the preimage,
//! the payment secret and the timestamp are the caller's — and it stores
//! nothing (the daemon keeps the preimages of the invoices it issued).
use std::str::FromStr;
use std::time::Duration;

use bitcoin::hashes::{sha256, Hash};
use bitcoin::secp256k1::{ecdsa, Message, PublicKey, Secp256k1, SecretKey};
use bitcoin::Network;
use bitcoin::{Address, WitnessProgram};
use lightning_invoice::{
    Bolt11ParseError, Bolt11SemanticError, CreationError, Currency, Fallback, InvoiceBuilder, PaymentSecret,
    RawBolt11Invoice, SignedRawBolt11Invoice, TaggedField,
};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// BOLT 11's expiry when an invoice has no `x` field, in seconds.
pub const DEFAULT_EXPIRY_SECS: u64 = lightning_invoice::DEFAULT_EXPIRY_TIME;
/// BOLT 11's `min_final_cltv_expiry_delta` when an invoice has no `c` field.
pub const DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA: u64 = lightning_invoice::DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA;
/// The longest description an invoice carries, in bytes (BOLT 11's 639).
pub const MAX_DESCRIPTION_LEN: usize = 639;

/// Why an invoice could not be created or was refused.
#[derive(Debug, Error)]
pub enum InvoiceError {
    /// The text is not a well-formed BOLT 11 invoice (bech32, prefix,
    /// amount, field encoding, signature encoding).
    #[error("not a valid BOLT 11 invoice: {}", describe_parse_error(.0))]
    Malformed(Bolt11ParseError),
    /// Well-formed, but it breaks a BOLT 11 rule (a missing or repeated
    /// field, unknown required features, a bad signature…).
    #[error("invalid BOLT 11 invoice: {}", describe_semantic_error(.0))]
    Invalid(Bolt11SemanticError),
    /// The signature does not recover a public key.
    #[error("invalid BOLT 11 invoice: the signature does not recover a public key ({0})")]
    Unrecoverable(bitcoin::secp256k1::Error),
    /// The description does not fit in an invoice.
    #[error("the description is {len} bytes; an invoice holds at most {MAX_DESCRIPTION_LEN}")]
    DescriptionTooLong { len: usize },
    /// The parameters cannot make an invoice (amount above the bitcoin
    /// supply, timestamp outside 35 bits…).
    #[error("cannot create the invoice: {0}")]
    Create(CreationError),
}

fn describe_parse_error(e: &Bolt11ParseError) -> String {
    match e {
        Bolt11ParseError::Bech32Error(inner) => format!("bad bech32 encoding ({inner})"),
        Bolt11ParseError::ParseAmountError(inner) => format!("bad amount ({inner})"),
        Bolt11ParseError::MalformedSignature(inner) => format!("malformed signature ({inner})"),
        Bolt11ParseError::BadPrefix => "the prefix is not `ln`".into(),
        Bolt11ParseError::UnknownCurrency => "unknown network prefix".into(),
        Bolt11ParseError::UnknownSiPrefix => "invalid amount multiplier".into(),
        Bolt11ParseError::MalformedHRP => "malformed human-readable part".into(),
        Bolt11ParseError::TooShortDataPart => "the data part is too short".into(),
        Bolt11ParseError::UnexpectedEndOfTaggedFields => "a tagged field runs past the end".into(),
        Bolt11ParseError::DescriptionDecodeError(inner) => format!("the description is not UTF-8 ({inner})"),
        Bolt11ParseError::PaddingError => "bad padding".into(),
        Bolt11ParseError::IntegerOverflowError => "an integer overflows".into(),
        Bolt11ParseError::InvalidSegWitProgramLength => "a fallback witness program has a bad length".into(),
        Bolt11ParseError::InvalidPubKeyHashLength => "a fallback public key hash has a bad length".into(),
        Bolt11ParseError::InvalidScriptHashLength => "a fallback script hash has a bad length".into(),
        Bolt11ParseError::InvalidSliceLength(got, expected, what) => {
            format!("{what} is {got} long, expected {expected}")
        }
        Bolt11ParseError::Skip => "a field to skip was not skipped".into(),
    }
}

fn describe_semantic_error(e: &Bolt11SemanticError) -> &'static str {
    match e {
        Bolt11SemanticError::NoPaymentHash => "no payment hash (`p` field)",
        Bolt11SemanticError::MultiplePaymentHashes => "more than one payment hash",
        Bolt11SemanticError::NoDescription => "neither a description (`d`) nor a description hash (`h`)",
        Bolt11SemanticError::MultipleDescriptions => "more than one description or description hash",
        Bolt11SemanticError::NoPaymentSecret => "no payment secret (`s` field)",
        Bolt11SemanticError::MultiplePaymentSecrets => "more than one payment secret",
        Bolt11SemanticError::InvalidFeatures => {
            "its features require one we do not know, or lack payment_secret"
        }
        Bolt11SemanticError::InvalidSignature => "the signature does not verify",
        Bolt11SemanticError::ImpreciseAmount => "the amount is not a whole number of millisatoshis",
    }
}

/// What the node puts into an invoice it issues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceParams {
    /// `None`: the payer chooses ("any amount").
    pub amount_msat: Option<u64>,
    pub description: String,
    pub expiry_secs: u64,
    pub min_final_cltv_expiry_delta: u64,
    /// The payment hash is its SHA-256.
    pub preimage: [u8; 32],
    pub payment_secret: [u8; 32],
    /// Creation time, since the Unix epoch (whole seconds are kept).
    pub timestamp: Duration,
}

/// One hop of a route hint (BOLT 11 `r` field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteHop {
    pub pubkey: String,
    /// `block x tx x output`.
    pub short_channel_id: String,
    pub fee_base_msat: u32,
    pub fee_proportional_millionths: u32,
    pub cltv_expiry_delta: u16,
}

/// A decoded, checked invoice as plain data (hex strings for bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecodedInvoice {
    /// The invoice text as given (or as created).
    pub bolt11: String,
    /// `bitcoin`, `testnet`, `signet` or `regtest`.
    pub network: String,
    pub amount_msat: Option<u64>,
    /// Creation time, seconds since the Unix epoch.
    pub timestamp: u64,
    pub expiry_secs: u64,
    pub min_final_cltv_expiry_delta: u64,
    pub payment_hash: String,
    pub payment_secret: String,
    pub description: Option<String>,
    pub description_hash: Option<String>,
    /// The payee's node id: the `n` field, or recovered from the signature.
    pub payee: String,
    /// Feature bit numbers set in the `9` field.
    pub features: Vec<usize>,
    pub fallback_addresses: Vec<String>,
    pub route_hints: Vec<Vec<RouteHop>>,
    pub metadata: Option<String>,
}

/// The name this module gives a network (what `bitcoind -chain=` says).
pub fn network_name(network: Network) -> &'static str {
    match network {
        Network::Bitcoin => "bitcoin",
        Network::Testnet => "testnet",
        Network::Signet => "signet",
        Network::Regtest => "regtest",
        _ => "unknown",
    }
}

/// Creates an invoice for `network` (regtest gives `lnbcrt…`), signed with
/// `node_key`; returns it decoded, its text in `bolt11`.
pub fn create(params: &InvoiceParams, network: Network, node_key: &SecretKey) -> Result<DecodedInvoice, InvoiceError> {
    create_as(params, network, node_key, node_key.public_key(&Secp256k1::signing_only()))
}

/// As [`create`], for a caller that has the node key's public key
/// (`node_id`) already: computing it again costs a point multiplication
/// per invoice.
pub fn create_as(params: &InvoiceParams, network: Network, node_key: &SecretKey, node_id: PublicKey) -> Result<DecodedInvoice, InvoiceError> {
    if params.description.len() > MAX_DESCRIPTION_LEN {
        return Err(InvoiceError::DescriptionTooLong { len: params.description.len() });
    }
    let payment_hash = sha256::Hash::hash(&params.preimage);
    let builder = InvoiceBuilder::new(Currency::from(network))
        .description(params.description.clone())
        .payment_hash(payment_hash)
        .payment_secret(PaymentSecret(params.payment_secret))
        .duration_since_epoch(Duration::from_secs(params.timestamp.as_secs()))
        .min_final_cltv_expiry_delta(params.min_final_cltv_expiry_delta)
        .expiry_time(Duration::from_secs(params.expiry_secs));
    let builder = match params.amount_msat {
        Some(msat) => builder.amount_milli_satoshis(msat),
        None => builder,
    };
    let secp = Secp256k1::signing_only();
    let invoice = builder
        .build_signed(|hash: &Message| secp.sign_ecdsa_recoverable(hash, node_key))
        .map_err(InvoiceError::Create)?;
    // Our own invoice, signed by our key just now: described as `decode`
    // would, without recovering and verifying the signature we made.
    let text = invoice.to_string();
    Ok(describe(invoice.into_signed_raw().raw_invoice(), node_id, &text))
}

/// Decodes and checks an invoice (either case, not mixed): bech32, fields,
/// features, signature, amount precision.
///
/// The checks are `Bolt11Invoice::from_signed`'s, made here on the raw
/// invoice ([`check`]) because that constructor recovers the payee's key
/// from the signature only to see that it can, and the key it recovers is
/// not kept: the payer would recover it twice (two point operations of
/// the three a payment's invoice cost it).
pub fn decode(text: &str) -> Result<DecodedInvoice, InvoiceError> {
    let signed = SignedRawBolt11Invoice::from_str(text.trim()).map_err(InvoiceError::Malformed)?;
    let payee = payee(&signed)?;
    check(&signed).map_err(InvoiceError::Invalid)?;
    Ok(describe(signed.raw_invoice(), payee, text))
}

/// `Bolt11Invoice::from_signed`'s checks, in its order, with the same
/// errors: exactly one payment hash, one description or description hash
/// and one payment secret; features given, none required that we do not
/// know, `payment_secret` among them; the signature (an `n` field's key
/// verifies it; without one, [`payee`] has recovered the key already —
/// from the low-S form of the signature, which recovers a key exactly when
/// the signature as given does); a whole number of millisatoshis.
fn check(signed: &SignedRawBolt11Invoice) -> Result<(), Bolt11SemanticError> {
    let raw = signed.raw_invoice();
    let count = |f: fn(&TaggedField) -> bool| raw.known_tagged_fields().filter(|t| f(t)).count();
    match count(|t| matches!(t, TaggedField::PaymentHash(_))) {
        0 => return Err(Bolt11SemanticError::NoPaymentHash),
        1 => {}
        _ => return Err(Bolt11SemanticError::MultiplePaymentHashes),
    }
    match count(|t| matches!(t, TaggedField::Description(_) | TaggedField::DescriptionHash(_))) {
        0 => return Err(Bolt11SemanticError::NoDescription),
        1 => {}
        _ => return Err(Bolt11SemanticError::MultipleDescriptions),
    }
    match count(|t| matches!(t, TaggedField::PaymentSecret(_))) {
        0 => return Err(Bolt11SemanticError::NoPaymentSecret),
        1 => {}
        _ => return Err(Bolt11SemanticError::MultiplePaymentSecrets),
    }
    match raw.features() {
        Some(features) if !features.requires_unknown_bits() && features.supports_payment_secret() => {}
        _ => return Err(Bolt11SemanticError::InvalidFeatures),
    }
    if let Some(n) = raw.payee_pub_key() {
        let message = Message::from_digest(*signed.signable_hash());
        if Secp256k1::verification_only().verify_ecdsa(&message, &signed.signature().0.to_standard(), &n.0).is_err() {
            return Err(Bolt11SemanticError::InvalidSignature);
        }
    }
    if raw.amount_pico_btc().is_some_and(|pico| pico % 10 != 0) {
        return Err(Bolt11SemanticError::ImpreciseAmount);
    }
    Ok(())
}

/// What `decode` reports of a checked invoice whose payee is known.
fn describe(invoice: &RawBolt11Invoice, payee: PublicKey, text: &str) -> DecodedInvoice {
    let (description, description_hash) = match (invoice.description(), invoice.description_hash()) {
        (Some(d), _) => (Some(d.as_inner().0.clone()), None),
        (None, h) => (None, h.map(|h| h.0.to_string())),
    };
    let network = Network::from(invoice.currency());
    let features = invoice
        .features()
        .map(|f| {
            f.le_flags()
                .iter()
                .enumerate()
                .flat_map(|(i, byte)| (0..8).filter(move |bit| byte >> bit & 1 == 1).map(move |bit| i * 8 + bit))
                .collect()
        })
        .unwrap_or_default();
    let route_hints = invoice
        .private_routes()
        .into_iter()
        .map(|route| {
            route
                .0
                .iter()
                .map(|hop| RouteHop {
                    pubkey: hop.src_node_id.to_string(),
                    short_channel_id: format!(
                        "{}x{}x{}",
                        hop.short_channel_id >> 40,
                        hop.short_channel_id >> 16 & 0xff_ffff,
                        hop.short_channel_id & 0xffff
                    ),
                    fee_base_msat: hop.fees.base_msat,
                    fee_proportional_millionths: hop.fees.proportional_millionths,
                    cltv_expiry_delta: hop.cltv_expiry_delta,
                })
                .collect()
        })
        .collect();
    let fallback_addresses = invoice
        .fallbacks()
        .into_iter()
        .filter_map(|fallback| match fallback {
            Fallback::SegWitProgram { version, program } => {
                WitnessProgram::new(*version, program).ok().map(|p| Address::from_witness_program(p, network))
            }
            Fallback::PubKeyHash(pkh) => Some(Address::p2pkh(*pkh, network)),
            Fallback::ScriptHash(sh) => Some(Address::p2sh_from_hash(*sh, network)),
        })
        .map(|a| a.to_string())
        .collect();
    DecodedInvoice {
        bolt11: text.trim().to_string(),
        network: network_name(network).to_string(),
        amount_msat: invoice.amount_pico_btc().map(|pico| pico / 10),
        timestamp: invoice.data.timestamp.as_unix_timestamp(),
        expiry_secs: invoice.expiry_time().map_or(DEFAULT_EXPIRY_SECS, |e| e.as_seconds()),
        min_final_cltv_expiry_delta: invoice.min_final_cltv_expiry_delta().map_or(DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA, |d| d.0),
        payment_hash: invoice.payment_hash().map(|h| h.0.to_string()).unwrap_or_default(),
        payment_secret: invoice.payment_secret().map(|s| hex_string(&s.0)).unwrap_or_default(),
        description,
        description_hash,
        payee: payee.to_string(),
        features,
        fallback_addresses,
        route_hints,
        metadata: invoice.payment_metadata().map(|m| hex_string(m)),
    }
}

/// The terms of an invoice this node issued, read without checking or
/// recovering its signature (it is ours, from our store): what a payment of
/// it must meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnTerms {
    pub amount_msat: Option<u64>,
    /// Seconds since the Unix epoch.
    pub timestamp: u64,
    pub expiry_secs: u64,
    pub min_final_cltv_expiry_delta: u64,
}

/// See [`OwnTerms`].
pub fn own_terms(text: &str) -> Result<OwnTerms, InvoiceError> {
    let signed = SignedRawBolt11Invoice::from_str(text.trim()).map_err(InvoiceError::Malformed)?;
    let raw = signed.raw_invoice();
    Ok(OwnTerms {
        amount_msat: raw.amount_pico_btc().map(|pico| pico / 10),
        timestamp: raw.data.timestamp.as_unix_timestamp(),
        expiry_secs: raw.expiry_time().map(|e| e.as_seconds()).unwrap_or(lightning_invoice::DEFAULT_EXPIRY_TIME),
        min_final_cltv_expiry_delta: raw.min_final_cltv_expiry_delta().map(|d| d.0).unwrap_or(DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA),
    })
}

/// The payee: the `n` field when there is one (its signature is checked
/// by [`check`]), else the key the signature recovers,
/// with `s` normalised to low-S first — BOLT 11's example "Public-key
/// recovery with high-S signature" is valid for its payee only that way
/// (recovering with the transmitted `s` as is yields another key).
fn payee(signed: &SignedRawBolt11Invoice) -> Result<PublicKey, InvoiceError> {
    if let Some(n) = signed.raw_invoice().payee_pub_key() {
        return Ok(n.0);
    }
    let recoverable = &signed.signature().0;
    let (recovery_id, compact) = recoverable.serialize_compact();
    let mut standard = ecdsa::Signature::from_compact(&compact).map_err(InvoiceError::Unrecoverable)?;
    standard.normalize_s();
    let low_s = ecdsa::RecoverableSignature::from_compact(&standard.serialize_compact(), recovery_id)
        .map_err(InvoiceError::Unrecoverable)?;
    let message = Message::from_digest(*signed.signable_hash());
    Secp256k1::verification_only().recover_ecdsa(&message, &low_s).map_err(InvoiceError::Unrecoverable)
}

fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SecretKey {
        SecretKey::from_slice(&[0x42; 32]).expect("a valid key")
    }

    fn params() -> InvoiceParams {
        InvoiceParams {
            amount_msat: Some(150_000),
            description: "two coffees".into(),
            expiry_secs: 600,
            min_final_cltv_expiry_delta: 40,
            preimage: [7; 32],
            payment_secret: [9; 32],
            timestamp: Duration::from_secs(1_700_000_000),
        }
    }

    #[test]
    fn a_created_regtest_invoice_decodes_to_what_went_in() {
        let made = create(&params(), Network::Regtest, &key()).expect("create");
        assert!(made.bolt11.starts_with("lnbcrt1500n1"), "{}", made.bolt11);
        let decoded = decode(&made.bolt11).expect("decode");
        assert_eq!(decoded, made);
        assert_eq!(decoded.network, "regtest");
        assert_eq!(decoded.amount_msat, Some(150_000));
        let own = own_terms(&made.bolt11).expect("own");
        assert_eq!((own.amount_msat, own.expiry_secs, own.min_final_cltv_expiry_delta, own.timestamp), (Some(150_000), 600, 40, decoded.timestamp));
        assert_eq!(decoded.description.as_deref(), Some("two coffees"));
        assert_eq!(decoded.expiry_secs, 600);
        assert_eq!(decoded.min_final_cltv_expiry_delta, 40);
        assert_eq!(decoded.timestamp, 1_700_000_000);
        assert_eq!(decoded.payment_hash, sha256::Hash::hash(&[7; 32]).to_string());
        assert_eq!(decoded.payment_secret, "09".repeat(32));
        assert_eq!(decoded.payee, key().public_key(&Secp256k1::signing_only()).to_string());
        // var_onion_optin and payment_secret, both required.
        assert_eq!(decoded.features, vec![8, 14]);
    }

    #[test]
    fn every_network_has_its_prefix_and_an_absent_amount_stays_absent() {
        let mut p = params();
        p.amount_msat = None;
        for (network, prefix) in
            [(Network::Bitcoin, "lnbc1"), (Network::Testnet, "lntb1"), (Network::Signet, "lntbs1"), (Network::Regtest, "lnbcrt1")]
        {
            let made = create(&p, network, &key()).expect("create");
            assert!(made.bolt11.starts_with(prefix), "{network}: {}", made.bolt11);
            assert_eq!(made.network, network_name(network));
            assert_eq!(made.amount_msat, None);
        }
    }

    #[test]
    fn a_description_too_long_is_refused_by_length() {
        let mut p = params();
        p.description = "x".repeat(640);
        let err = create(&p, Network::Regtest, &key()).expect_err("too long");
        assert!(matches!(err, InvoiceError::DescriptionTooLong { len: 640 }), "{err}");
    }

    #[test]
    fn a_high_s_signature_with_an_n_field_is_refused() {
        let secp = Secp256k1::new();
        let p = params();
        let builder = InvoiceBuilder::new(Currency::Regtest)
            .description(p.description.clone())
            .payment_hash(sha256::Hash::hash(&p.preimage))
            .payment_secret(PaymentSecret(p.payment_secret))
            .duration_since_epoch(p.timestamp)
            .min_final_cltv_expiry_delta(p.min_final_cltv_expiry_delta)
            .payee_pub_key(key().public_key(&secp));
        let high_s = |hash: &Message| {
            let (id, compact) = secp.sign_ecdsa_recoverable(hash, &key()).serialize_compact();
            // s -> n - s: the same signature, non-canonical; the recovery
            // id's parity flips with it.
            let s = SecretKey::from_slice(&compact[32..]).expect("s is a scalar").negate();
            let flipped = ecdsa::RecoveryId::from_i32(id.to_i32() ^ 1).expect("0..3");
            let mut bytes = compact;
            bytes[32..].copy_from_slice(&s.secret_bytes());
            ecdsa::RecoverableSignature::from_compact(&bytes, flipped).expect("compact")
        };
        let text = builder.build_raw().expect("raw").sign::<_, ()>(|h| Ok(high_s(h))).expect("signed").to_string();
        let err = decode(&text).expect_err("high-S");
        assert!(matches!(err, InvoiceError::Invalid(Bolt11SemanticError::InvalidSignature)), "{err}");
        // The same invoice signed canonically is fine.
        let low = InvoiceBuilder::new(Currency::Regtest)
            .description(p.description.clone())
            .payment_hash(sha256::Hash::hash(&p.preimage))
            .payment_secret(PaymentSecret(p.payment_secret))
            .duration_since_epoch(p.timestamp)
            .min_final_cltv_expiry_delta(p.min_final_cltv_expiry_delta)
            .payee_pub_key(key().public_key(&secp))
            .build_signed(|h| secp.sign_ecdsa_recoverable(h, &key()))
            .expect("signed");
        assert_eq!(decode(&low.to_string()).expect("low-S").payee, key().public_key(&secp).to_string());
    }

    #[test]
    fn a_flipped_character_is_refused_by_the_checksum() {
        let made = create(&params(), Network::Regtest, &key()).expect("create");
        let mut text = made.bolt11.into_bytes();
        let i = text.len() - 10;
        text[i] = if text[i] == b'q' { b'p' } else { b'q' };
        let text = String::from_utf8(text).expect("ascii");
        let err = decode(&text).expect_err("corrupted");
        assert!(matches!(err, InvoiceError::Malformed(_)), "{err}");
        assert!(err.to_string().contains("bech32"), "{err}");
    }
}
