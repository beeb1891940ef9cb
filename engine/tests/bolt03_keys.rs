//! Every BOLT 3 key vector (Appendices D and E): per-commitment secret
//! generation, the compact storage (8 of the 9 storage tests must fail at the
//! right insert), and the four key derivations.

use bitcoin::secp256k1::{PublicKey, SecretKey};
use lnp_engine::keys::*;
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("vectors/bolt03-keys.json")).expect("the vector file is JSON")
}

fn b32(v: &Value) -> [u8; 32] {
    let bytes = hex::decode(v.as_str().expect("hex")).expect("valid hex");
    bytes.try_into().expect("32 bytes")
}

#[test]
fn per_commitment_secret_generation() {
    let v = vectors();
    let cases = v["per_commitment_secret_generation"].as_array().expect("cases");
    assert_eq!(cases.len(), 5);
    for c in cases {
        let got = generate_from_seed(&b32(&c["seed"]), c["I"].as_u64().expect("I"));
        assert_eq!(got, b32(&c["output"]), "{}", c["name"]);
    }
}

#[test]
fn per_commitment_secret_storage() {
    let v = vectors();
    let tests = v["per_commitment_secret_storage"]["tests"].as_array().expect("tests");
    assert_eq!(tests.len(), 9);
    let mut failing = 0;
    for t in tests {
        let mut store = RevocationStore::new();
        let mut failed = false;
        for step in t["steps"].as_array().expect("steps") {
            let index = step["I"].as_u64().expect("I");
            let secret = b32(&step["secret"]);
            let got = store.insert(secret, index);
            match step["expected"].as_str() {
                Some("OK") => {
                    assert_eq!(got, Ok(()), "{} at {index}", t["name"]);
                    assert_eq!(store.get(index), Some(secret), "{}: stored secret is retrievable", t["name"]);
                }
                _ => {
                    assert!(got.is_err(), "{} must fail at {index}", t["name"]);
                    failed = true;
                }
            }
        }
        assert_eq!(failed, t["must_fail"].as_bool().expect("must_fail"), "{}", t["name"]);
        failing += usize::from(failed);
    }
    assert_eq!(failing, 8);
}

#[test]
fn the_store_derives_older_secrets_from_newer_ones() {
    let seed = [0x42; 32];
    let mut store = RevocationStore::new();
    let top = (1u64 << 48) - 1;
    for i in 0..100u64 {
        store.insert(generate_from_seed(&seed, top - i), top - i).expect("consistent secrets");
    }
    for i in 0..100u64 {
        assert_eq!(store.get(top - i), Some(generate_from_seed(&seed, top - i)), "secret {i}");
    }
    assert_eq!(store.get(top - 100), None, "not revealed yet");
}

#[test]
fn key_derivation() {
    let v = vectors();
    let d = &v["key_derivation"];
    let common = &d["common_inputs"];
    let base_secret = SecretKey::from_slice(&b32(&common["base_secret"])).expect("secret");
    let pcs = SecretKey::from_slice(&b32(&common["per_commitment_secret"])).expect("secret");
    let base_point: PublicKey = common["base_point"].as_str().expect("hex").parse().expect("point");
    let pcp: PublicKey = common["per_commitment_point"].as_str().expect("hex").parse().expect("point");
    let cases = d["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 4);
    for c in cases {
        let want = c["output"].as_str().expect("output");
        let got = match c["output_name"].as_str().expect("name") {
            "localpubkey" => derive_pubkey(&base_point, &pcp).expect("derives").to_string(),
            "localprivkey" => hex::encode(derive_privkey(&base_secret, &pcp).expect("derives").secret_bytes()),
            "revocationpubkey" => {
                // A signer holding either secret takes a shortcut to the same key.
                let by_base = derive_revocation_pubkey_knowing(&base_point, &pcp, KnownSecret::Basepoint(&base_secret)).expect("derives");
                let by_point = derive_revocation_pubkey_knowing(&base_point, &pcp, KnownSecret::PerCommitment(&pcs)).expect("derives");
                assert_eq!((by_base.to_string(), by_point.to_string()), (want.to_string(), want.to_string()), "with a known secret");
                derive_revocation_pubkey(&base_point, &pcp).expect("derives").to_string()
            }
            "revocationprivkey" => hex::encode(derive_revocation_privkey(&base_secret, &pcs).expect("derives").secret_bytes()),
            other => panic!("unknown output {other}"),
        };
        assert_eq!(got, want, "{}", c["name"]);
    }
}
