//! The BOLT 4 test vectors (copied into `tests/vectors/bolt04/`):
//! `onion-test.json` — the five-hop onion with variable-length payloads,
//! built byte for byte, then peeled hop by hop with each node's key; and
//! `onion-error-test.json` — the shared secrets of that route and the
//! failure packet hop 4 sends back, obfuscated by every hop on the way,
//! then attributed by the origin.
use bitcoin::secp256k1::{PublicKey, SecretKey};
use lnp_engine::rt::{Msat, ShortChannelId};
use lnp_engine::wire::bigsize;
use lnp_node::onion::{
    build_onion, create_failure_packet, decrypt_failure, obfuscate_failure, peel_onion,
    route_shared_secrets, FailureMessage, FinalPayload, ForwardPayload, PeelError, Peeled,
    SharedSecret, PACKET_LEN,
};
use serde_json::Value;

fn vectors(name: &str) -> Value {
    let path = format!("{}/tests/vectors/bolt04/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("vector file"))
        .expect("vector JSON")
}

fn bytes(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))).expect("hex")
}

fn array32(v: &Value) -> [u8; 32] {
    bytes(v).try_into().expect("32 bytes")
}

fn secret(v: &Value) -> SecretKey {
    SecretKey::from_slice(&bytes(v)).expect("a secret key")
}

fn public(v: &Value) -> PublicKey {
    PublicKey::from_slice(&bytes(v)).expect("a public key")
}

/// A vector payload is given with its BigSize length: strip it.
fn without_length(prefixed: &[u8]) -> Vec<u8> {
    let (len, used) = bigsize::read(prefixed).expect("a BigSize length");
    assert_eq!(
        len as usize,
        prefixed.len() - used,
        "the length prefix covers the payload"
    );
    prefixed[used..].to_vec()
}

/// The vector's route: each hop's public key and payload (without its length).
fn route(v: &Value) -> Vec<(PublicKey, Vec<u8>)> {
    let hops = v["generate"]["hops"].as_array().expect("hops");
    hops.iter()
        .map(|hop| {
            (
                public(&hop["pubkey"]),
                without_length(&bytes(&hop["payload"])),
            )
        })
        .collect()
}

#[test]
fn the_onion_is_built_byte_for_byte() {
    let v = vectors("onion-test.json");
    let g = &v["generate"];
    let packet = build_onion(
        &secret(&g["session_key"]),
        &route(&v),
        &array32(&g["associated_data"]),
    )
    .expect("built");
    let expected = bytes(&v["onion"]);
    assert_eq!(expected.len(), PACKET_LEN);
    assert_eq!(hex::encode(packet), hex::encode(expected));
}

#[test]
fn each_hop_peels_its_layer_and_the_last_is_final() {
    let v = vectors("onion-test.json");
    let associated_data = array32(&v["generate"]["associated_data"]);
    let route = route(&v);
    let node_keys: Vec<SecretKey> = v["decode"]
        .as_array()
        .expect("decode")
        .iter()
        .map(secret)
        .collect();
    assert_eq!(node_keys.len(), route.len());

    let mut packet: [u8; PACKET_LEN] = bytes(&v["onion"]).try_into().expect("1366 bytes");
    for (hop, key) in node_keys.iter().enumerate() {
        let public = PublicKey::from_secret_key(&bitcoin::secp256k1::Secp256k1::new(), key);
        assert_eq!(public, route[hop].0, "hop {hop}'s key matches the route");
        match peel_onion(key, &packet, &associated_data)
            .unwrap_or_else(|e| panic!("hop {hop}: {e}"))
        {
            Peeled::Forward {
                payload,
                next_packet,
                ..
            } => {
                assert!(hop < 4, "hop {hop} forwards");
                assert_eq!(payload.encode(), route[hop].1, "hop {hop}'s payload");
                assert_eq!(payload.short_channel_id, ShortChannelId(hop as u64 + 1));
                packet = *next_packet;
            }
            Peeled::Final { payload, .. } => {
                assert_eq!(hop, 4, "only the last hop is final");
                assert_eq!(payload.encode(), route[hop].1, "the final payload");
                check_final_payload(&payload);
            }
        }
    }
}

fn check_final_payload(payload: &FinalPayload) {
    assert_eq!(payload.amt_to_forward, Msat(10_000));
    assert_eq!(payload.outgoing_cltv_value, 1000);
    let data = payload.payment_data.as_ref().expect("payment_data");
    assert_eq!(
        hex::encode(data.payment_secret),
        "24a33562c54507a9334e79f0dc4f17d407e6d7c61f0e2f3d0d38599502f61704"
    );
    assert_eq!(data.total_msat, Msat(10_000));
    // The padding record: odd type 301, 224 bytes of 0x2a.
    assert_eq!(payload.unknown_odd, vec![(301, vec![0x2a; 224])]);
}

#[test]
fn the_second_hop_keeps_its_unknown_odd_record() {
    let v = vectors("onion-test.json");
    let payload = ForwardPayload::decode(&route(&v)[1].1).expect("hop 1's payload");
    assert_eq!(payload.amt_to_forward, Msat(14000));
    assert_eq!(payload.outgoing_cltv_value, 1400);
    assert_eq!(payload.unknown_odd.len(), 1);
    assert_eq!(payload.unknown_odd[0].0, 513);
    assert_eq!(payload.unknown_odd[0].1.len(), 60);
}

#[test]
fn other_associated_data_fails_the_hmac() {
    let v = vectors("onion-test.json");
    let packet: [u8; PACKET_LEN] = bytes(&v["onion"]).try_into().expect("1366 bytes");
    let key = secret(&v["decode"][0]);
    let err = peel_onion(&key, &packet, &[0x43; 32]).expect_err("wrong payment hash");
    assert!(matches!(err, PeelError::BadHmac { .. }), "{err}");
    assert_eq!(err.failure_code(), 0x8000 | 0x4000 | 5);
    assert_eq!(
        err.sha256_of_onion().map(hex::encode),
        Some(sha256_hex(&packet))
    );
}

fn sha256_hex(bytes: &[u8]) -> String {
    use bitcoin::hashes::{sha256, Hash};
    hex::encode(sha256::Hash::hash(bytes).to_byte_array())
}

#[test]
fn the_route_shares_the_vector_secrets() {
    let v = vectors("onion-error-test.json");
    let hops = v["generate"]["hops"].as_array().expect("hops");
    let nodes: Vec<PublicKey> = hops.iter().map(|h| public(&h["pubkey"])).collect();
    let secrets =
        route_shared_secrets(&secret(&v["generate"]["session_key"]), &nodes).expect("secrets");
    for (hop, (ours, theirs)) in secrets.iter().zip(hops).enumerate() {
        assert_eq!(
            ours.as_bytes(),
            &array32(&theirs["hop_shared_secret"]),
            "hop {hop}"
        );
    }
}

#[test]
fn the_failure_packet_is_built_obfuscated_and_attributed() {
    let v = vectors("onion-error-test.json");
    let hops = v["generate"]["hops"].as_array().expect("hops");
    let secrets: Vec<SharedSecret> = hops
        .iter()
        .map(|h| SharedSecret::from_bytes(array32(&h["hop_shared_secret"])))
        .collect();
    let failuremsg = bytes(&v["generate"]["failure_message"]);
    let message = FailureMessage::decode(&failuremsg).expect("a failure message");
    assert_eq!(message, FailureMessage::TemporaryNodeFailure);
    assert_eq!(message.encode(), failuremsg);

    // At hop 4: the packet before obfuscation is the HMAC then the vector's payload.
    let mut packet = create_failure_packet(&secrets[4], &message).expect("a short message");
    let mut clear = packet.clone();
    obfuscate_failure(&secrets[4], &mut clear);
    assert_eq!(
        hex::encode(&clear[32..]),
        hex::encode(bytes(&hops[4]["payload"]))
    );

    // Back through hops 3, 2, 1, 0.
    for secret in secrets[..4].iter().rev() {
        obfuscate_failure(secret, &mut packet);
    }
    assert_eq!(hex::encode(&packet), hex::encode(bytes(&v["errorpacket"])));

    let found = decrypt_failure(&secrets, &packet).expect("attributed");
    assert_eq!(found.hop, 4);
    assert_eq!(found.failuremsg, failuremsg);
    assert_eq!(found.message(), Ok(FailureMessage::TemporaryNodeFailure));
}
