//! Every BOLT 11 example (`node/tests/vectors/bolt11-invoices.json`, from
//! `11-payment-encoding.md`): each valid invoice decodes to the fields the
//! file gives, each invalid one is refused with an error naming the fault.

use lnp_node::invoice::{decode, InvoiceError, DEFAULT_EXPIRY_SECS, DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA};
use serde_json::Value;

fn vectors() -> Value {
    let text = include_str!("vectors/bolt11-invoices.json");
    serde_json::from_str(text).expect("the vector file is JSON")
}

fn str_field<'a>(v: &'a Value, name: &str) -> Option<&'a str> {
    v.get(name).and_then(Value::as_str)
}

#[test]
fn every_valid_example_decodes_to_the_fields_the_spec_gives() {
    let all = vectors();
    let valid = all["valid"].as_array().expect("valid examples");
    assert_eq!(valid.len(), 16);
    let payee_pubkey = str_field(&all, "payee_pubkey").expect("payee_pubkey");
    for v in valid {
        let title = str_field(v, "title").expect("title");
        let text = str_field(v, "invoice").expect("invoice");
        let got = decode(text).unwrap_or_else(|e| panic!("{title}: refused: {e}"));
        let network = match str_field(v, "network").expect("network") {
            "bitcoin mainnet" => "bitcoin",
            "bitcoin testnet" => "testnet",
            other => panic!("{title}: network {other} not in this test"),
        };
        assert_eq!(got.network, network, "{title}");
        assert_eq!(got.amount_msat, v["amount_msat"].as_u64(), "{title}");
        assert_eq!(Some(got.timestamp), v["timestamp"].as_u64(), "{title}");
        assert_eq!(Some(got.payment_hash.as_str()), str_field(v, "payment_hash"), "{title}");
        assert_eq!(Some(got.payment_secret.as_str()), str_field(v, "payment_secret"), "{title}");
        assert_eq!(got.description.as_deref(), str_field(v, "description"), "{title}");
        assert_eq!(got.description_hash.as_deref(), str_field(v, "description_hash"), "{title}");
        assert_eq!(got.expiry_secs, v["expiry"].as_u64().unwrap_or(DEFAULT_EXPIRY_SECS), "{title}");
        assert_eq!(
            got.min_final_cltv_expiry_delta,
            v["min_final_cltv_expiry_delta"].as_u64().unwrap_or(DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA),
            "{title}"
        );
        assert_eq!(got.metadata.as_deref(), str_field(v, "metadata"), "{title}");
        let bits: Vec<usize> = v["features"]["bits"]
            .as_array()
            .expect("feature bits")
            .iter()
            .map(|b| b.as_u64().expect("a bit number") as usize)
            .collect();
        assert_eq!(got.features, bits, "{title}");
        let fallbacks: Vec<&str> = v
            .get("fallback_addresses")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|f| str_field(f, "address").expect("address")).collect())
            .unwrap_or_default();
        assert_eq!(got.fallback_addresses, fallbacks, "{title}");
        let hints = v.get("route_hints").and_then(Value::as_array).cloned().unwrap_or_default();
        assert_eq!(got.route_hints.len(), hints.len(), "{title}");
        for (got_hint, hint) in got.route_hints.iter().zip(&hints) {
            let hops = hint.as_array().expect("hops");
            assert_eq!(got_hint.len(), hops.len(), "{title}");
            for (g, h) in got_hint.iter().zip(hops) {
                assert_eq!(Some(g.pubkey.as_str()), str_field(h, "pubkey"), "{title}");
                assert_eq!(Some(g.short_channel_id.as_str()), str_field(h, "short_channel_id"), "{title}");
                assert_eq!(Some(u64::from(g.fee_base_msat)), h["fee_base_msat"].as_u64(), "{title}");
                assert_eq!(
                    Some(u64::from(g.fee_proportional_millionths)),
                    h["fee_proportional_millionths"].as_u64(),
                    "{title}"
                );
                assert_eq!(Some(u64::from(g.cltv_expiry_delta)), h["cltv_expiry_delta"].as_u64(), "{title}");
            }
        }
        // Every example is signed by the one key; for the high-S example
        // (`payee_pubkey_recovered` null in the file) that is the key
        // recovered after normalising s, which the decoder does.
        assert_eq!(got.payee, payee_pubkey, "{title}");
        if let Some(recovered) = str_field(v, "payee_pubkey_recovered") {
            assert_eq!(got.payee, recovered, "{title}");
        }
    }
}

#[test]
fn the_high_s_example_is_not_the_key_plain_recovery_gives() {
    let all = vectors();
    let example = all["valid"]
        .as_array()
        .expect("valid examples")
        .iter()
        .find(|v| v["signature"]["high_s"].as_bool() == Some(true))
        .expect("the high-S example");
    let plain = str_field(&example["high_s_recovery"], "plain_recovery_with_transmitted_recid").expect("plain recovery");
    let got = decode(str_field(example, "invoice").expect("invoice")).expect("valid");
    assert_ne!(got.payee, plain);
}

/// What the error for each invalid example must say (by the example's
/// heading in the spec).
fn expected_complaint(reason: &str) -> &'static str {
    match reason {
        "Same, but adding invalid unknown feature 100" => "features require one we do not know",
        "Bech32 checksum is invalid." => "bad bech32 encoding",
        "Malformed bech32 string (no 1)" => "bad bech32 encoding",
        "Malformed bech32 string (mixed case)" => "bad bech32 encoding",
        "Signature is not recoverable." => "signature",
        "String is too short." => "too short",
        "Invalid multiplier" => "invalid amount multiplier",
        "Invalid sub-millisatoshi precision." => "not a whole number of millisatoshis",
        "Missing required `s` field." => "no payment secret",
        // The spec's example also carries two `s` fields, and LDK counts
        // fields before it checks the signature; the high-S rule itself is
        // tested in `invoice.rs` on an invoice with one `s`.
        "Non canonical signature (high-S) with 'n' field defined" => "more than one payment secret",
        other => panic!("an invalid example this test does not know: {other}"),
    }
}

#[test]
fn every_invalid_example_is_refused_with_a_clear_error() {
    let all = vectors();
    let invalid = all["invalid"].as_array().expect("invalid examples");
    assert_eq!(invalid.len(), 10);
    for v in invalid {
        let reason = str_field(v, "reason").expect("reason");
        let text = str_field(v, "invoice").expect("invoice");
        let err = match decode(text) {
            Ok(got) => panic!("{reason}: accepted as {got:?}"),
            Err(e) => e,
        };
        assert!(
            matches!(err, InvoiceError::Malformed(_) | InvoiceError::Invalid(_) | InvoiceError::Unrecoverable(_)),
            "{reason}: {err:?}"
        );
        let message = err.to_string();
        assert!(message.contains(expected_complaint(reason)), "{reason}: the error says {message:?}");
    }
}
