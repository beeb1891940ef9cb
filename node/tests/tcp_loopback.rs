//! The tokio adapter over real loopback TCP sockets: a handshake, messages
//! both ways across key rotations, a clean close; batches of messages
//! written together and read through the buffered reading half; and a
//! stream that ends inside an act.
use bitcoin::secp256k1::{Secp256k1, SecretKey};
use lnp_node::transport::{
    Act, Connection, ConnectionError, HandshakeError, Initiator, Responder, MAX_MESSAGE_LEN,
};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

fn key(byte: u8) -> SecretKey {
    SecretKey::from_slice(&[byte; 32]).expect("a valid test key")
}

#[tokio::test]
async fn a_handshake_and_messages_over_loopback_tcp() {
    let secp = Secp256k1::signing_only();
    let (initiator_static, responder_static) = (key(0x11), key(0x21));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");

    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("accept");
        let mut entropy = [0x22u8; 32];
        let responder = Responder::with_entropy(responder_static, || {
            entropy[0] = entropy[0].wrapping_add(1);
            entropy
        })
        .expect("a valid ephemeral key");
        let mut conn = Connection::accept(stream, responder)
            .await
            .expect("handshake");
        let remote = conn.remote_static();
        // Echo every message back, reversed, until the client closes.
        let mut count = 0usize;
        while let Some(mut msg) = conn.recv().await.expect("a message") {
            msg.reverse();
            conn.send(&msg).await.expect("echo");
            count += 1;
        }
        (remote, count)
    });

    let stream = TcpStream::connect(addr).await.expect("connect");
    let initiator = Initiator::new(
        initiator_static,
        responder_static.public_key(&secp),
        key(0x12),
    );
    let mut conn = Connection::connect(stream, initiator)
        .await
        .expect("handshake");
    assert_eq!(conn.remote_static(), responder_static.public_key(&secp));

    // 600 round trips cross a key rotation in each direction (every 500).
    for i in 0..600u32 {
        let msg = format!("message {i}").into_bytes();
        conn.send(&msg).await.expect("send");
        let mut echoed = conn.recv().await.expect("recv").expect("an echo");
        echoed.reverse();
        assert_eq!(echoed, msg);
    }
    let big: Vec<u8> = (0..MAX_MESSAGE_LEN).map(|i| i as u8).collect();
    conn.send(&big).await.expect("send the largest message");
    let mut echoed = conn.recv().await.expect("recv").expect("an echo");
    echoed.reverse();
    assert_eq!(echoed, big);

    conn.shutdown().await.expect("shutdown");
    assert_eq!(conn.recv().await.expect("a clean close"), None);
    let (remote, count) = server.await.expect("the server task");
    assert_eq!(remote, initiator_static.public_key(&secp));
    assert_eq!(count, 601);
}

#[tokio::test]
async fn a_stream_ending_inside_act_one_is_a_short_read() {
    let (mut client, server) = tokio::io::duplex(1024);
    let accept = tokio::spawn(Connection::accept(
        server,
        Responder::new(key(0x21), key(0x22)),
    ));
    client.write_all(&[0u8; 49]).await.expect("write");
    client.shutdown().await.expect("shutdown");
    match accept.await.expect("the accept task") {
        Err(ConnectionError::Handshake(e)) => {
            assert_eq!(
                e,
                HandshakeError::ReadFailed {
                    act: Act::One,
                    expected: 50,
                    got: 49
                }
            )
        }
        other => panic!("expected a short read, got {other:?}"),
    }
}

#[tokio::test]
async fn messages_written_together_arrive_in_order_through_the_split_halves() {
    let secp = Secp256k1::signing_only();
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("accept");
        let conn = Connection::accept(stream, Responder::new(key(0x21), key(0x22))).await.expect("handshake");
        let (mut reader, _writer) = conn.into_split();
        let mut got = Vec::new();
        while let Some(msg) = reader.recv().await.expect("a message") {
            got.push(msg);
        }
        got
    });
    let stream = TcpStream::connect(addr).await.expect("connect");
    let conn = Connection::connect(stream, Initiator::new(key(0x11), key(0x21).public_key(&secp), key(0x12)))
        .await
        .expect("handshake");
    let (_reader, mut writer) = conn.into_split();
    // 1,200 messages in batches of 100 cross two key rotations.
    let sent: Vec<Vec<u8>> = (0..1_200u32).map(|i| format!("message {i}").into_bytes()).collect();
    for batch in sent.chunks(100) {
        writer.send_all(batch).await.expect("send a batch");
    }
    writer.shutdown().await.expect("shutdown");
    assert_eq!(server.await.expect("the server task"), sent);
}
