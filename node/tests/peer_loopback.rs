//! Two peers over real loopback TCP: the BOLT 8 handshake, then the BOLT 1
//! peer machine on each side (`specs/bolt/peer.lnp`) exchanging `init`,
//! answering pings, handing channel messages to the host; and a peer that
//! requires an unknown feature, or stops answering pings, is dropped.

use bitcoin::secp256k1::{Secp256k1, SecretKey};
use lnp_engine::rt::ChainHash;
use lnp_node::peer::{run, PeerCommand, PeerEvent};
use lnp_node::transport::{Connection, Initiator, Responder};
use lnp_protocols::generated::peer::{Env, Init, Message, Params, Role};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::time::timeout;

fn key(byte: u8) -> SecretKey {
    SecretKey::from_slice(&[byte; 32]).expect("a valid test key")
}

fn env(role: Role, ping_interval: u32) -> Env {
    let mut params = Params::new(ChainHash([6; 32]), vec![0x02, 0x00]);
    params.ping_interval = ping_interval;
    params.pong_wait = 1;
    Env { params, role }
}

/// A connected pair of raw BOLT 8 connections (client, server).
async fn connected() -> (Connection<TcpStream>, Connection<TcpStream>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("accept");
        Connection::accept(stream, Responder::new(key(0x21), key(0x22))).await.expect("handshake")
    });
    let stream = TcpStream::connect(addr).await.expect("connect");
    let remote = key(0x21).public_key(&Secp256k1::signing_only());
    let client = Connection::connect(stream, Initiator::new(key(0x11), remote, key(0x12))).await.expect("handshake");
    (client, server.await.expect("server task"))
}

async fn next(events: &mut mpsc::Receiver<PeerEvent>) -> PeerEvent {
    timeout(Duration::from_secs(10), events.recv()).await.expect("an event in time").expect("the peer task is alive")
}

#[tokio::test]
async fn two_peers_exchange_init_stay_alive_on_pings_and_pass_channel_messages() {
    let (a, b) = connected().await;
    let (a_events_tx, mut a_events) = mpsc::channel(16);
    let (b_events_tx, mut b_events) = mpsc::channel(16);
    let (a_cmd, a_cmd_rx) = mpsc::channel(16);
    let (_b_cmd, b_cmd_rx) = mpsc::channel(16);
    let a_task = tokio::spawn(run(a, env(Role::Initiator, 1), a_events_tx, a_cmd_rx));
    let b_task = tokio::spawn(run(b, env(Role::Responder, 1), b_events_tx, b_cmd_rx));
    assert_eq!(next(&mut a_events).await, PeerEvent::Ready { features: vec![0x02, 0x00] });
    assert_eq!(next(&mut b_events).await, PeerEvent::Ready { features: vec![0x02, 0x00] });
    // Pings every second, each answered within the second allowed: after
    // three seconds neither side has dropped the other.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(a_events.try_recv().is_err() && b_events.try_recv().is_err(), "no event while both answer pings");
    // A channel message (update_fee, type 134) goes through to the other host.
    let update_fee = [&[0x00, 0x86][..], &[7; 32], &[0, 0, 0, 253]].concat();
    a_cmd.send(PeerCommand::Send(update_fee.clone())).await.expect("command");
    assert_eq!(next(&mut b_events).await, PeerEvent::Message(update_fee));
    a_cmd.send(PeerCommand::Disconnect).await.expect("command");
    assert!(matches!(next(&mut a_events).await, PeerEvent::Closed { .. }));
    assert!(matches!(next(&mut b_events).await, PeerEvent::Closed { .. }), "b sees the connection end");
    a_task.await.expect("a task").expect("a ends cleanly");
    b_task.await.expect("b task").expect("b ends cleanly");
}

#[tokio::test]
async fn a_peer_that_requires_an_unknown_feature_gets_an_error_and_is_dropped() {
    let (a, mut raw) = connected().await;
    let (events_tx, mut events) = mpsc::channel(16);
    let (_cmd, cmd_rx) = mpsc::channel(16);
    let task = tokio::spawn(run(a, env(Role::Initiator, 30), events_tx, cmd_rx));
    let theirs = raw.recv().await.expect("read").expect("our init");
    assert!(matches!(Message::decode(&theirs), Ok(Some(Message::Init(_)))));
    // Bit 14 (payment_secret, required): not among our features.
    let init = Message::Init(Init { globalfeatures: Vec::new(), features: vec![0x40, 0x00], networks: None, remote_addr: None });
    raw.send(&init.encode().expect("encodes")).await.expect("send");
    let answer = raw.recv().await.expect("read").expect("an answer");
    match Message::decode(&answer) {
        Ok(Some(Message::Error(e))) => assert_eq!(e.data, b"the peer requires an unknown feature"),
        other => panic!("an error was expected: {other:?}"),
    }
    assert!(matches!(next(&mut events).await, PeerEvent::Closed { .. }));
    assert_eq!(raw.recv().await.expect("read"), None, "the connection is closed");
    task.await.expect("task").expect("ends cleanly");
}

#[tokio::test]
async fn a_peer_that_stops_answering_pings_is_dropped() {
    let (a, mut raw) = connected().await;
    let (events_tx, mut events) = mpsc::channel(16);
    let (_cmd, cmd_rx) = mpsc::channel(16);
    let task = tokio::spawn(run(a, env(Role::Initiator, 1), events_tx, cmd_rx));
    raw.recv().await.expect("read").expect("our init");
    let init = Message::Init(Init { globalfeatures: Vec::new(), features: Vec::new(), networks: None, remote_addr: None });
    raw.send(&init.encode().expect("encodes")).await.expect("send");
    assert!(matches!(next(&mut events).await, PeerEvent::Ready { .. }));
    let ping = raw.recv().await.expect("read").expect("a ping after a second");
    assert!(matches!(Message::decode(&ping), Ok(Some(Message::Ping(_)))));
    // No pong: within pong_wait the peer is declared unresponsive.
    assert_eq!(next(&mut events).await, PeerEvent::Unresponsive);
    assert!(matches!(next(&mut events).await, PeerEvent::Closed { .. }));
    task.await.expect("task").expect("ends cleanly");
}
