//! BOLT 3 commitment and HTLC transaction vectors (Appendix C, and Appendix F
//! with `option_anchors_zero_fee_htlc_tx`), reproduced byte for byte by the code
//! generated from `specs/bolt/` (the `commitment`, `htlc_timeout` and
//! `htlc_success` templates and the functions beside them).
//!
//! Each case builds the template's inputs from `vectors/bolt03-commitments.json`
//! (a copy of the shared vector file), then checks the unsigned transaction,
//! the fee, both signatures (RFC 6979, made through the engine's
//! `SoftContext` with the vector's private keys) and the fully signed
//! transaction. Every expected value comes from the vector file. This is not
//! a test of the channel state machine: no messages are exchanged here.

use bitcoin::consensus::encode::{deserialize, serialize};
use bitcoin::secp256k1::SecretKey;
use lnp_engine::rt::{self, Signer};
use lnp_engine::soft::SoftContext;
use lnp_protocols::generated::bolt_channel as bc;
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("vectors/bolt03-commitments.json")).expect("the vector file is JSON")
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("`{key}` is a string in the vector file"))
}

fn u(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or_else(|| panic!("`{key}` is a number in the vector file"))
}

fn point(v: &Value, key: &str) -> rt::Point {
    s(v, key).parse().unwrap_or_else(|_| panic!("`{key}` is a public key"))
}

/// A private key as the spec writes it: 32 bytes and a trailing `01`.
fn secret(v: &Value, key: &str) -> SecretKey {
    let hex = s(v, key);
    let hex = hex.strip_suffix("01").unwrap_or_else(|| panic!("`{key}` ends with the compressed-key 01"));
    hex.parse().unwrap_or_else(|_| panic!("`{key}` is a private key"))
}

fn hex_of(b: &[u8]) -> String {
    hex::encode(b)
}

fn tx_from_hex(hex: &str, what: &str) -> bitcoin::Transaction {
    deserialize(&hex::decode(hex).unwrap_or_else(|_| panic!("{what}: hex"))).unwrap_or_else(|_| panic!("{what}: a transaction"))
}

/// The transaction without its witnesses: what the templates build unsigned.
fn unsigned(mut tx: bitcoin::Transaction) -> bitcoin::Transaction {
    for i in &mut tx.input {
        i.witness.clear();
    }
    tx
}

/// What every case shares: the funding output, the keys of the local
/// commitment, the HTLCs and a context holding the four signing keys.
struct Common {
    funding: rt::OutPoint,
    capacity: rt::Sat,
    local_funding: rt::Point,
    remote_funding: rt::Point,
    local_payment: rt::Point,
    remote_payment: rt::Point,
    commitment_number: u64,
    keys: bc::CommitKeys,
    htlcs: Vec<(bc::Pending, [u8; 32])>,
    local_htlc: rt::Point,
    remote_htlc: rt::Point,
}

fn common(v: &Value, ctx: &mut SoftContext) -> Common {
    let c = &v["appendix_c"]["common"];
    let internal = &c["internal"];
    let local_funding = ctx.add_key(secret(c, "local_funding_privkey"));
    let remote_funding = ctx.add_key(secret(internal, "remote_funding_privkey"));
    assert_eq!(local_funding, point(c, "local_funding_pubkey"), "local funding key");
    assert_eq!(remote_funding, point(c, "remote_funding_pubkey"), "remote funding key");
    // The HTLC keys of the local commitment (the vector's local_privkey and remote_privkey).
    let local_htlc = ctx.add_key(secret(c, "local_privkey"));
    let remote_htlc = ctx.add_key(secret(internal, "remote_privkey"));
    assert_eq!(local_htlc, point(c, "local_htlcpubkey"), "local HTLC key");
    assert_eq!(remote_htlc, point(c, "remote_htlcpubkey"), "remote HTLC key");
    let htlcs = c["htlcs"]
        .as_array()
        .expect("htlcs")
        .iter()
        .map(|h| {
            let pending = bc::Pending {
                id: u(h, "index"),
                amount: rt::Msat(u(h, "amount_msat")),
                cltv_expiry: u32::try_from(u(h, "expiry")).expect("expiry fits u32"),
                offered: match s(h, "direction") {
                    "local->remote" => true,
                    "remote->local" => false,
                    other => panic!("unknown HTLC direction {other}"),
                },
                lock: hex::decode(s(h, "payment_hash")).expect("payment hash hex"),
            };
            let preimage: [u8; 32] =
                hex::decode(s(h, "payment_preimage")).expect("preimage hex").try_into().expect("32-byte preimage");
            (pending, preimage)
        })
        .collect();
    Common {
        funding: rt::OutPoint {
            txid: s(c, "funding_tx_id").parse().expect("funding txid"),
            vout: u32::try_from(u(c, "funding_output_index")).expect("index fits u32"),
        },
        capacity: rt::Sat(u(c, "funding_amount_satoshi")),
        local_funding,
        remote_funding,
        local_payment: point(c, "local_payment_basepoint"),
        remote_payment: point(c, "remote_payment_basepoint"),
        commitment_number: u(c, "commitment_number"),
        keys: bc::CommitKeys {
            revocation: point(c, "local_revocation_pubkey"),
            local_delayed: point(c, "local_delayedpubkey"),
            // static_remotekey: to_remote pays the remote payment basepoint itself.
            remote_payment: point(c, "remote_payment_basepoint"),
            local_htlc,
            remote_htlc,
            // The delay of the to_local script, and the holder's dust limit.
            to_self_delay: u16::try_from(u(c, "local_delay")).expect("delay fits u16"),
            dust_limit: rt::Sat(u(c, "local_dust_limit_satoshi")),
        },
        htlcs,
        local_htlc,
        remote_htlc,
    }
}

/// The environment of the local (funder) side for one case.
fn env(v: &Value, anchors: bool) -> bc::Env {
    let c = &v["appendix_c"]["common"];
    let mut params = bc::Params::new(rt::ChainHash::default());
    params.to_self_delay = u16::try_from(u(c, "local_delay")).expect("delay fits u16");
    params.anchors = anchors;
    bc::Env { params, role: bc::Role::Funder }
}

/// The HTLCs of a case. The spec: "the HTLCs are not used for the first
/// 'simple commitment tx with no HTLCs' test, and HTLCs 5 and 6 are only used
/// in the 'same amount and preimage' test". Value conservation checks the pick.
fn case_htlcs(common: &Common, case: &Value, uses_htlcs: bool) -> Vec<(bc::Pending, [u8; 32])> {
    let name = s(case, "name");
    let picked: Vec<_> = if !uses_htlcs {
        Vec::new()
    } else if name.contains("same amount and preimage") {
        common.htlcs.iter().filter(|(p, _)| [1, 5, 6].contains(&p.id)).cloned().collect()
    } else {
        common.htlcs.iter().filter(|(p, _)| p.id <= 4).cloned().collect()
    };
    let in_flight: u64 = picked.iter().map(|(p, _)| p.amount.0).sum();
    assert_eq!(
        u(case, "to_local_msat") + u(case, "to_remote_msat") + in_flight,
        common.capacity.0 * 1000,
        "{name}: balances and HTLCs add up to the capacity"
    );
    picked
}

/// Runs one commitment case; returns how many HTLC transactions it checked.
fn check_case(v: &Value, case: &Value, anchors: bool) -> usize {
    let name = format!("{}{}", if anchors { "anchors: " } else { "" }, s(case, "name"));
    let mut ctx = SoftContext::new([0; 32], [0; 32]);
    let c = common(v, &mut ctx);
    let env = env(v, anchors);
    let uses_htlcs = if anchors {
        case["use_test_htlcs"].as_bool().expect("use_test_htlcs")
    } else {
        s(case, "name") != "simple commitment tx with no HTLCs"
    };
    let htlcs = case_htlcs(&c, case, uses_htlcs);
    let pending: Vec<bc::Pending> = htlcs.iter().map(|(p, _)| p.clone()).collect();
    let feerate = u32::try_from(u(case, "local_feerate_per_kw")).expect("feerate fits u32");
    let dust = rt::Sat(if anchors {
        u(case, "local_dust_limit_satoshi")
    } else {
        u(&v["appendix_c"]["common"], "local_dust_limit_satoshi")
    });

    let obscured = bc::f_channel_obscured_commitment_number(c.local_payment, c.remote_payment, c.commitment_number, &env, &mut ctx)
        .expect("obscured commitment number");
    let tx = bc::tpl_channel_commitment(
        c.funding,
        c.capacity,
        c.local_funding,
        c.remote_funding,
        obscured,
        c.keys.clone(),
        rt::Msat(u(case, "to_local_msat")),
        rt::Msat(u(case, "to_remote_msat")),
        true,
        pending.clone(),
        feerate,
        dust,
        &env,
        &mut ctx,
    )
    .unwrap_or_else(|e| panic!("{name}: the commitment template builds: {e}"));

    let expected = tx_from_hex(s(case, "commit_tx"), &name);
    assert_eq!(
        hex_of(&serialize(&tx.tx)),
        hex_of(&serialize(&unsigned(expected.clone()))),
        "{name}: unsigned commitment transaction"
    );

    // Fees: the base fee of the untrimmed HTLCs, and what the outputs leave.
    let untrimmed = bc::f_channel_untrimmed(pending.clone(), dust, feerate, &env, &mut ctx).expect("untrimmed count");
    assert_eq!(untrimmed, u(case, "num_htlcs"), "{name}: untrimmed HTLCs");
    if let Some(base) = case["base_commitment_tx_fee_sat"].as_u64() {
        let fee = bc::f_channel_commit_fee(feerate, untrimmed, &env, &mut ctx).expect("commit fee");
        assert_eq!(fee, rt::Sat(base), "{name}: base commitment fee");
    }
    if let Some(actual) = case["actual_commitment_tx_fee_sat"].as_u64() {
        let out: u64 = tx.tx.output.iter().map(|o| o.value.to_sat()).sum();
        assert_eq!(c.capacity.0 - out, actual, "{name}: actual commitment fee");
    }

    // Signatures: deterministic, so equal to the vector's.
    let local_sig = ctx.sign(&tx, 0, &c.local_funding).expect("local funding key is known");
    let remote_sig = ctx.sign(&tx, 0, &c.remote_funding).expect("remote funding key is known");
    if let Some(want) = case["local_signature"].as_str() {
        assert_eq!(hex_of(&local_sig.serialize_der()), want, "{name}: local signature");
    }
    assert_eq!(hex_of(&remote_sig.serialize_der()), s(case, "remote_signature"), "{name}: remote signature");
    let signed = bc::f_funding_2of2_signed(tx, c.local_funding, c.remote_funding, local_sig, remote_sig, &env, &mut ctx)
        .expect("the witness is set");
    assert_eq!(hex_of(&serialize(&signed.tx)), s(case, "commit_tx"), "{name}: signed commitment transaction");

    let commit_txid = signed.tx.compute_txid();
    let mut checked = 0;
    for h in case["htlc_txs"].as_array().expect("htlc_txs") {
        // Appendix F labels its HTLC transactions in a `derived` block (see the file's notes).
        let label = if anchors { &h["derived"] } else { h };
        let kind = s(label, "type");
        let index = u(label, "htlc_index");
        let vout = u32::try_from(u(label, "output_number")).expect("output number fits u32");
        let what = format!("{name}: {kind} of HTLC #{index} (output {vout})");
        let (p, preimage) = htlcs.iter().find(|(p, _)| p.id == index).cloned().expect("the case has the HTLC");
        let tx = match kind {
            "htlc-timeout" => bc::tpl_htlc_htlc_timeout(commit_txid, vout, p.clone(), c.keys.clone(), feerate, &env, &mut ctx),
            "htlc-success" => bc::tpl_htlc_htlc_success(commit_txid, vout, p.clone(), c.keys.clone(), feerate, &env, &mut ctx),
            other => panic!("{what}: unknown HTLC transaction type {other}"),
        }
        .unwrap_or_else(|e| panic!("{what}: the template builds: {e}"));
        let expected = tx_from_hex(s(h, "tx"), &what);
        assert_eq!(hex_of(&serialize(&tx.tx)), hex_of(&serialize(&unsigned(expected))), "{what}: unsigned transaction");
        let local_sig = ctx.sign(&tx, 0, &c.local_htlc).expect("local HTLC key is known");
        let as_remote_signs = bc::f_htlc_for_remote_signature(tx.clone(), &env, &mut ctx).expect("the remote's sighash");
        let remote_sig = ctx.sign(&as_remote_signs, 0, &c.remote_htlc).expect("remote HTLC key is known");
        // Appendix F gives only the remote's HTLC signature; the signed transaction checks both.
        if let Some(want) = h["local_htlc_signature"].as_str() {
            assert_eq!(hex_of(&local_sig.serialize_der()), want, "{what}: local signature");
        }
        assert_eq!(hex_of(&remote_sig.serialize_der()), s(h, "remote_htlc_signature"), "{what}: remote signature");
        assert!(
            rt::builtins::verify(&remote_sig, &as_remote_signs, 0, &c.remote_htlc),
            "{what}: the remote signature verifies under the remote's sighash"
        );
        let signed = match kind {
            "htlc-timeout" => bc::f_htlc_signed_htlc_timeout(tx, p, c.keys.clone(), remote_sig, local_sig, &env, &mut ctx),
            _ => bc::f_htlc_signed_htlc_success(tx, p, c.keys.clone(), remote_sig, local_sig, preimage, &env, &mut ctx),
        }
        .expect("the witness is set");
        assert_eq!(hex_of(&serialize(&signed.tx)), s(h, "tx"), "{what}: signed transaction");
        checked += 1;
    }
    checked
}

#[test]
fn appendix_c_commitments_and_htlc_transactions() {
    let v = vectors();
    let cases = v["appendix_c"]["cases"].as_array().expect("appendix C cases");
    assert_eq!(cases.len(), 16, "Appendix C has 16 cases");
    let htlc_txs: usize = cases.iter().map(|case| check_case(&v, case, false)).sum();
    assert_eq!(htlc_txs, 33, "Appendix C has 33 HTLC transactions");
}

#[test]
fn appendix_f_anchor_commitments_and_htlc_transactions() {
    let v = vectors();
    let cases = v["anchors"]["cases"].as_array().expect("anchor cases");
    assert_eq!(cases.len(), 9, "Appendix F has 9 cases");
    let htlc_txs: usize = cases.iter().map(|case| check_case(&v, case, true)).sum();
    assert_eq!(htlc_txs, 15, "Appendix F has 15 HTLC transactions");
}
