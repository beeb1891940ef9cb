//! The BOLT 8 test vectors (Appendix A of `08-transport.md`, copied into
//! `tests/vectors/bolt08-transport.json`): every initiator and responder
//! case, successful or failing, and the message encryption outputs across
//! key rotations.
use bitcoin::secp256k1::{PublicKey, Secp256k1, SecretKey};
use lnp_node::transport::{HandshakeError, Initiator, Responder, Transport, LENGTH_HEADER_LEN};
use serde_json::Value;

fn vectors() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/bolt08-transport.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("vector file")).expect("vector JSON")
}

fn bytes(case: &Value, field: &str) -> Vec<u8> {
    let text = case[field]
        .as_str()
        .unwrap_or_else(|| panic!("{}: no field {field}", case["name"]));
    hex::decode(text).unwrap_or_else(|e| panic!("{}: {field}: {e}", case["name"]))
}

fn key32(case: &Value, field: &str) -> [u8; 32] {
    bytes(case, field)
        .try_into()
        .unwrap_or_else(|_| panic!("{}: {field} is not 32 bytes", case["name"]))
}

fn secret(case: &Value, field: &str) -> SecretKey {
    SecretKey::from_slice(&bytes(case, field)).expect("valid secret key")
}

fn public(case: &Value, field: &str) -> PublicKey {
    PublicKey::from_slice(&bytes(case, field)).expect("valid public key")
}

/// Checks a failing case's error against the spec's label (`ACT2_BAD_VERSION 1`:
/// the label, then the offending version when the spec gives one) and act.
fn assert_expected_error(case: &Value, error: &HandshakeError) {
    let expected = case["expected_error"].as_str().expect("expected_error");
    let mut words = expected.split_whitespace();
    assert_eq!(
        Some(error.spec_label().as_str()),
        words.next(),
        "{}: {error}",
        case["name"]
    );
    if let Some(version) = words.next() {
        assert_eq!(
            error,
            &HandshakeError::BadVersion {
                act: error.act().expect("an act"),
                version: version.parse().expect("a version")
            }
        );
    }
    let act = case["error_at"].as_str().expect("error_at");
    let number = error.act().map(|a| a.number());
    assert_eq!(
        Some(act),
        number.map(|n| ["act_one", "act_two", "act_three"][usize::from(n) - 1]),
        "{}",
        case["name"]
    );
}

/// The final ck, sk and rk the case expects.
fn assert_final_keys(case: &Value, transport: &Transport) {
    let keys = transport.key_snapshot();
    let name = &case["name"];
    assert_eq!(keys.sending_ck, key32(case, "ck"), "{name}: ck");
    assert_eq!(keys.receiving_ck, key32(case, "ck"), "{name}: ck");
    assert_eq!(keys.sending_key, key32(case, "sk"), "{name}: sk");
    assert_eq!(keys.receiving_key, key32(case, "rk"), "{name}: rk");
    assert_eq!((keys.sending_nonce, keys.receiving_nonce), (0, 0));
}

fn run_initiator(case: &Value) -> Result<Transport, HandshakeError> {
    let initiator = Initiator::new(
        secret(case, "ls_priv"),
        public(case, "rs_pub"),
        secret(case, "e_priv"),
    );
    assert_eq!(
        initiator.act_one().to_vec(),
        bytes(case, "act_one_output"),
        "{}: act one",
        case["name"]
    );
    let (act_three, transport) = initiator.process_act_two(&bytes(case, "act_two_input"))?;
    assert_eq!(
        act_three.to_vec(),
        bytes(case, "act_three_output"),
        "{}: act three",
        case["name"]
    );
    Ok(transport)
}

fn run_responder(case: &Value) -> Result<(Transport, PublicKey), HandshakeError> {
    let responder = Responder::new(secret(case, "ls_priv"), secret(case, "e_priv"));
    let responder = responder.process_act_one(&bytes(case, "act_one_input"))?;
    assert_eq!(
        responder.act_two().to_vec(),
        bytes(case, "act_two_output"),
        "{}: act two",
        case["name"]
    );
    responder.process_act_three(&bytes(case, "act_three_input"))
}

#[test]
fn the_key_pairs_are_the_vectors() {
    let secp = Secp256k1::signing_only();
    let v = vectors();
    for case in v["initiator"]
        .as_array()
        .into_iter()
        .chain(v["responder"].as_array())
        .flatten()
    {
        assert_eq!(
            secret(case, "ls_priv").public_key(&secp),
            public(case, "ls_pub")
        );
        assert_eq!(
            secret(case, "e_priv").public_key(&secp),
            public(case, "e_pub")
        );
    }
}

#[test]
fn every_initiator_case() {
    let v = vectors();
    let cases = v["initiator"].as_array().expect("initiator cases");
    assert_eq!(cases.len(), 5);
    for case in cases {
        match (case["success"].as_bool(), run_initiator(case)) {
            (Some(true), Ok(transport)) => assert_final_keys(case, &transport),
            (Some(false), Err(error)) => assert_expected_error(case, &error),
            (_, outcome) => panic!(
                "{}: unexpected outcome {:?}",
                case["name"],
                outcome.map(|_| ())
            ),
        }
    }
}

#[test]
fn every_responder_case() {
    let v = vectors();
    let cases = v["responder"].as_array().expect("responder cases");
    assert_eq!(cases.len(), 10);
    let initiator_static = public(&v["initiator"][0], "ls_pub");
    for case in cases {
        match (case["success"].as_bool(), run_responder(case)) {
            (Some(true), Ok((transport, remote_static))) => {
                assert_final_keys(case, &transport);
                assert_eq!(
                    remote_static, initiator_static,
                    "{}: the initiator's static key",
                    case["name"]
                );
            }
            (Some(false), Err(error)) => assert_expected_error(case, &error),
            (_, outcome) => panic!(
                "{}: unexpected outcome {:?}",
                case["name"],
                outcome.map(|_| ())
            ),
        }
    }
}

/// The initiator of the successful handshake sends "hello" 1001 times; the
/// outputs the spec lists (0, 1, 500, 501, 1000, 1001) match, and the
/// responder of the successful handshake decrypts every one.
#[test]
fn message_encryption_across_key_rotations() {
    let v = vectors();
    let m = &v["message_encryption"];
    let mut initiator = run_initiator(&v["initiator"][0]).expect("the successful handshake");
    assert_eq!(initiator.key_snapshot().sending_ck, key32(m, "ck"));
    assert_eq!(initiator.key_snapshot().sending_key, key32(m, "sk"));
    assert_eq!(initiator.key_snapshot().receiving_key, key32(m, "rk"));
    let (mut responder, _) = run_responder(&v["responder"][0]).expect("the successful handshake");
    let plaintext = bytes(m, "plaintext");
    let outputs = m["outputs"].as_object().expect("outputs");
    assert_eq!(outputs.len(), 6);
    let mut checked = 0;
    for n in 0..=1001u32 {
        let frame = initiator.encrypt(&plaintext).expect("a short message");
        if let Some(expected) = outputs.get(&n.to_string()) {
            assert_eq!(
                hex::encode(&frame),
                expected.as_str().expect("hex"),
                "message {n}"
            );
            checked += 1;
        }
        let len = responder
            .decrypt_length(&frame[..LENGTH_HEADER_LEN])
            .expect("length header");
        assert_eq!(usize::from(len), plaintext.len());
        assert_eq!(
            responder
                .decrypt_body(&frame[LENGTH_HEADER_LEN..])
                .expect("body"),
            plaintext,
            "message {n}"
        );
    }
    assert_eq!(checked, 6);
}

/// The two key rotations the spec lists happen after 500 and 1000 messages.
#[test]
fn the_listed_key_rotations_happen() {
    let v = vectors();
    let rotations = v["message_encryption"]["key_rotations"]
        .as_array()
        .expect("key_rotations");
    let mut initiator = run_initiator(&v["initiator"][0]).expect("the successful handshake");
    for (i, rotation) in rotations.iter().enumerate() {
        let keys = initiator.key_snapshot();
        assert_eq!(
            (keys.sending_ck, keys.sending_key),
            (key32(rotation, "old_ck"), key32(rotation, "old_k")),
            "rotation {i}"
        );
        for _ in 0..500 {
            initiator.encrypt(b"hello").expect("a short message");
        }
        let keys = initiator.key_snapshot();
        assert_eq!(
            (keys.sending_ck, keys.sending_key),
            (key32(rotation, "new_ck"), key32(rotation, "new_k")),
            "rotation {i}"
        );
        assert_eq!(keys.sending_nonce, 0);
    }
}
