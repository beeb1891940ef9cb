//! lnp's BOLT 4 onions against LDK's (`lightning` 0.2, a dev-dependency):
//! an onion LDK builds (`create_payment_onion`) is peeled by lnp hop after
//! hop, and an onion lnp builds is peeled by LDK (`peel_payment_onion`, its
//! context-free checks of an incoming HTLC) as a forwarding hop and as the
//! payee. The BOLT 4 vectors (`bolt04_vectors.rs`) are the primary check;
//! this one catches what the vectors do not exercise (LDK's choice of
//! payload fields, its random initial bytes, its checks as a receiver).
use bitcoin::secp256k1::{PublicKey, Secp256k1, SecretKey};
use lightning::ln::channelmanager::{PendingHTLCRouting, RecipientOnionFields};
use lightning::ln::msgs::{OnionPacket, UpdateAddHTLC};
use lightning::ln::onion_payment::peel_payment_onion;
use lightning::ln::onion_utils::create_payment_onion;
use lightning::ln::types::ChannelId;
use lightning::routing::router::{Path, RouteHop};
use lightning::sign::{KeysManager, NodeSigner, Recipient};
use lightning::types::features::{ChannelFeatures, NodeFeatures};
use lightning::types::payment::{PaymentHash, PaymentSecret};
use lightning::util::logger::{Logger, Record};
use lnp_engine::rt::{Msat, ShortChannelId};
use lnp_node::onion::{
    build_onion, peel_onion, FinalPayload, ForwardPayload, PaymentData, Peeled, PACKET_LEN,
};

const PAYMENT_HASH: [u8; 32] = [0x42; 32];
const PAYMENT_SECRET: [u8; 32] = [0x5e; 32];
const HEIGHT: u32 = 100;

struct Quiet;

impl Logger for Quiet {
    fn log(&self, _record: Record) {}
}

fn key(byte: u8) -> SecretKey {
    SecretKey::from_slice(&[byte; 32]).expect("a valid secret key")
}

fn to_bytes(packet: &OnionPacket) -> [u8; PACKET_LEN] {
    let mut bytes = [0u8; PACKET_LEN];
    bytes[0] = packet.version;
    bytes[1..34].copy_from_slice(&packet.public_key.expect("a valid key").serialize());
    bytes[34..1334].copy_from_slice(&packet.hop_data);
    bytes[1334..].copy_from_slice(&packet.hmac);
    bytes
}

fn from_bytes(bytes: &[u8; PACKET_LEN]) -> OnionPacket {
    OnionPacket {
        version: bytes[0],
        public_key: PublicKey::from_slice(&bytes[1..34]),
        hop_data: bytes[34..1334].try_into().expect("1300 bytes"),
        hmac: bytes[1334..].try_into().expect("32 bytes"),
    }
}

fn route_hop(pubkey: PublicKey, scid: u64, fee_msat: u64, cltv_expiry_delta: u32) -> RouteHop {
    RouteHop {
        pubkey,
        node_features: NodeFeatures::empty(),
        short_channel_id: scid,
        channel_features: ChannelFeatures::empty(),
        fee_msat,
        cltv_expiry_delta,
        maybe_announced_channel: true,
    }
}

#[test]
fn lnp_peels_an_onion_ldk_built() {
    let secp = Secp256k1::new();
    let nodes = [key(1), key(2), key(3)];
    let ids: Vec<PublicKey> = nodes
        .iter()
        .map(|k| PublicKey::from_secret_key(&secp, k))
        .collect();
    // Channels 101 (to node 0), 102 (to node 1), 103 (to node 2); the payee
    // gets 50_000 msat, nodes 0 and 1 charge 1_000 and 2_000.
    let path = Path {
        hops: vec![
            route_hop(ids[0], 101, 1_000, 40),
            route_hop(ids[1], 102, 2_000, 40),
            route_hop(ids[2], 103, 50_000, 18),
        ],
        blinded_tail: None,
    };
    let (onion, htlc_msat, htlc_cltv) = create_payment_onion(
        &secp,
        &path,
        &key(9),
        50_000,
        &RecipientOnionFields::secret_only(PaymentSecret(PAYMENT_SECRET)),
        HEIGHT,
        &PaymentHash(PAYMENT_HASH),
        &None,
        None,
        [7; 32],
    )
    .expect("LDK builds the onion");
    assert_eq!((htlc_msat, htlc_cltv), (53_000, HEIGHT + 18 + 40 + 40));

    let mut packet = to_bytes(&onion);
    let expected = [
        (ShortChannelId(102), 52_000, HEIGHT + 18 + 40),
        (ShortChannelId(103), 50_000, HEIGHT + 18),
    ];
    for (hop, (scid, amt, cltv)) in expected.into_iter().enumerate() {
        match peel_onion(&nodes[hop], &packet, &PAYMENT_HASH).expect("a valid layer") {
            Peeled::Forward {
                payload,
                next_packet,
                ..
            } => {
                assert_eq!(payload.short_channel_id, scid, "hop {hop}");
                assert_eq!(payload.amt_to_forward, Msat(amt), "hop {hop}");
                assert_eq!(payload.outgoing_cltv_value, cltv, "hop {hop}");
                packet = *next_packet;
            }
            other => panic!("hop {hop} should forward: {other:?}"),
        }
    }
    match peel_onion(&nodes[2], &packet, &PAYMENT_HASH).expect("the last layer") {
        Peeled::Final { payload, .. } => {
            assert_eq!(payload.amt_to_forward, Msat(50_000));
            assert_eq!(payload.outgoing_cltv_value, HEIGHT + 18);
            assert_eq!(
                payload.payment_data,
                Some(PaymentData {
                    payment_secret: PAYMENT_SECRET,
                    total_msat: Msat(50_000)
                })
            );
        }
        other => panic!("the payee's layer should be final: {other:?}"),
    }
}

fn update_add(onion: &[u8; PACKET_LEN], amount_msat: u64, cltv_expiry: u32) -> UpdateAddHTLC {
    UpdateAddHTLC {
        channel_id: ChannelId::new_zero(),
        htlc_id: 0,
        amount_msat,
        payment_hash: PaymentHash(PAYMENT_HASH),
        cltv_expiry,
        skimmed_fee_msat: None,
        onion_routing_packet: from_bytes(onion),
        blinding_point: None,
        hold_htlc: None,
    }
}

#[test]
fn ldk_peels_an_onion_lnp_built() {
    let secp = Secp256k1::new();
    let ldk = KeysManager::new(&[3; 32], 0, 0, true);
    let ldk_id = ldk.get_node_id(Recipient::Node).expect("a node id");
    let payee = key(4);
    let payee_id = PublicKey::from_secret_key(&secp, &payee);

    // LDK forwards over channel 777 to the payee, which then peels with lnp.
    let forward = ForwardPayload {
        amt_to_forward: Msat(50_000),
        outgoing_cltv_value: HEIGHT + 200,
        short_channel_id: ShortChannelId(777),
        unknown_odd: vec![],
    };
    let final_payload = FinalPayload {
        amt_to_forward: Msat(50_000),
        outgoing_cltv_value: HEIGHT + 200,
        payment_data: Some(PaymentData {
            payment_secret: PAYMENT_SECRET,
            total_msat: Msat(50_000),
        }),
        unknown_odd: vec![],
    };
    let onion = build_onion(
        &key(9),
        &[
            (ldk_id, forward.encode()),
            (payee_id, final_payload.encode()),
        ],
        &PAYMENT_HASH,
    )
    .expect("built");
    let info = peel_payment_onion(
        &update_add(&onion, 51_000, HEIGHT + 300),
        &ldk,
        &Quiet,
        &secp,
        HEIGHT,
        false,
    )
    .expect("LDK accepts the forward");
    assert_eq!(
        (info.outgoing_amt_msat, info.outgoing_cltv_value),
        (50_000, HEIGHT + 200)
    );
    let PendingHTLCRouting::Forward {
        onion_packet,
        short_channel_id,
        ..
    } = info.routing
    else {
        panic!("LDK should forward")
    };
    assert_eq!(short_channel_id, 777);
    match peel_onion(&payee, &to_bytes(&onion_packet), &PAYMENT_HASH).expect("the payee's layer") {
        Peeled::Final { payload, .. } => assert_eq!(payload, final_payload),
        other => panic!("final expected: {other:?}"),
    }

    // LDK as the payee of a one-hop onion.
    let onion =
        build_onion(&key(10), &[(ldk_id, final_payload.encode())], &PAYMENT_HASH).expect("built");
    let info = peel_payment_onion(
        &update_add(&onion, 50_000, HEIGHT + 200),
        &ldk,
        &Quiet,
        &secp,
        HEIGHT,
        false,
    )
    .expect("LDK accepts the payment");
    let PendingHTLCRouting::Receive {
        payment_data,
        incoming_cltv_expiry,
        ..
    } = info.routing
    else {
        panic!("LDK should receive")
    };
    assert_eq!(payment_data.payment_secret, PaymentSecret(PAYMENT_SECRET));
    assert_eq!(payment_data.total_msat, 50_000);
    assert_eq!(incoming_cltv_expiry, HEIGHT + 200);
    assert_eq!(info.outgoing_amt_msat, 50_000);
}
