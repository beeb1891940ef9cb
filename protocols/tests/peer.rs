//! BOLT 1 between peers, from `specs/bolt/peer.lnp`: `init` both ways with
//! BOLT 9 feature negotiation, `ping`/`pong` with the liveness timers,
//! `warning`/`error` reported to the host; message bytes checked against
//! LDK's encodings.

use lightning::util::ser::Writeable;
use lnp_engine::rt::{ChainHash, ChannelId, Effect as Fx, RejectKind};
use lnp_engine::soft::SoftContext;
use lnp_protocols::generated::peer::*;

const REGTEST: [u8; 32] = [
    0x06, 0x22, 0x6e, 0x46, 0x11, 0x1a, 0x0b, 0x59, 0xca, 0xaf, 0x12, 0x60, 0x43, 0xeb, 0x5b, 0xbf, 0x28, 0xc3, 0x4f, 0x3a,
    0x5e, 0x33, 0x2a, 0x1f, 0xc7, 0xb2, 0xb7, 0x3c, 0xf1, 0x88, 0x91, 0x0f,
];

struct Peer {
    state: State,
    env: Env,
    ctx: SoftContext,
}

impl Peer {
    fn new(features: Vec<u8>) -> Peer {
        Peer {
            state: State::initial(),
            env: Env { params: Params::new(ChainHash(REGTEST), features), role: Role::Initiator },
            ctx: SoftContext::new([1; 32], [2; 32]),
        }
    }

    fn feed(&mut self, input: Input) -> Result<Vec<Effect>, lnp_engine::rt::Reject> {
        let (next, fx) = step(self.state.clone(), input, &self.env, &mut self.ctx)?;
        self.state = next;
        Ok(fx)
    }
}

/// The messages a step sent, each through its wire bytes.
fn sent(fx: &[Effect]) -> Vec<Message> {
    fx.iter()
        .filter_map(|e| if let Fx::Send(m) = e { Some(m) } else { None })
        .map(|m| Message::decode(&m.encode().expect("encodes")).expect("decodes").expect("a peer message"))
        .collect()
}

/// Two peers that exchanged `init`; both `Ready`.
fn ready_pair() -> (Peer, Peer) {
    // var_onion_optin (bit 9, optional) on one side, nothing on the other.
    let (mut a, mut b) = (Peer::new(vec![0x02, 0x00]), Peer::new(Vec::new()));
    let [init_a] = sent(&a.feed(Input::Command(Command::Connected(Connected {}))).expect("connected")).try_into().expect("init");
    let [init_b] = sent(&b.feed(Input::Command(Command::Connected(Connected {}))).expect("connected")).try_into().expect("init");
    let fx = b.feed(Input::Recv(init_a)).expect("a's init is acceptable");
    assert!(fx.iter().any(|e| matches!(e, Fx::Emit(Event::Ready(r)) if r.features == [0x02, 0x00])));
    assert!(fx.iter().any(|e| matches!(e, Fx::StartTimer { name: "ping_every", after_secs: 30 })));
    a.feed(Input::Recv(init_b)).expect("b's init is acceptable");
    assert_eq!((a.state.name(), b.state.name()), ("Ready", "Ready"));
    (a, b)
}

#[test]
fn init_names_our_chain_and_features_in_the_bolt_layout() {
    let mut a = Peer::new(vec![0x02, 0x00]);
    let fx = a.feed(Input::Command(Command::Connected(Connected {}))).expect("connected");
    let Fx::Send(init) = &fx[0] else { panic!("init first: {fx:?}") };
    let mut expected = vec![0x00, 0x10, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x01, 0x20];
    expected.extend_from_slice(&REGTEST);
    assert_eq!(init.encode().expect("encodes"), expected, "type 16, gflen 0, flen 2, features, networks TLV");
}

#[test]
fn a_peer_requiring_a_feature_we_do_not_know_is_refused_with_an_error() {
    let mut b = Peer::new(vec![0x02, 0x00]);
    b.feed(Input::Command(Command::Connected(Connected {}))).expect("connected");
    // Bit 14 set (payment_secret, required); we only know bits 8/9.
    let init = Message::Init(Init { globalfeatures: Vec::new(), features: vec![0x40, 0x00], networks: None, remote_addr: None });
    let err = b.feed(Input::Recv(init)).expect_err("unknown required feature");
    assert_eq!((err.kind, err.message.as_str()), (RejectKind::Error, "the peer requires an unknown feature"));
    assert_eq!(b.state.name(), "AwaitingInit");
    // The same bit as optional (15) is fine.
    let init = Message::Init(Init { globalfeatures: Vec::new(), features: vec![0x80, 0x00], networks: None, remote_addr: None });
    b.feed(Input::Recv(init)).expect("optional unknown features are fine");
    assert_eq!(b.state.name(), "Ready");
}

#[test]
fn a_ping_gets_its_pong_and_an_oversized_request_is_ignored() {
    let (mut a, _) = ready_pair();
    let fx = a.feed(Input::Recv(Message::Ping(Ping { num_pong_bytes: 5, ignored: vec![0xaa; 3] }))).expect("ping");
    assert_eq!(sent(&fx), [Message::Pong(Pong { ignored: vec![0; 5] })]);
    let err = a.feed(Input::Recv(Message::Ping(Ping { num_pong_bytes: 65532, ignored: Vec::new() }))).expect_err("no pong");
    assert_eq!(err.kind, RejectKind::Ignore);
    assert_eq!(a.state.name(), "Ready");
}

#[test]
fn the_ping_timer_sends_a_ping_and_a_missing_pong_ends_the_connection() {
    let (mut a, mut b) = ready_pair();
    let fx = a.feed(Input::Timer(Timer::PingEvery)).expect("timer");
    assert_eq!(a.state.name(), "AwaitingPong");
    assert!(fx.iter().any(|e| matches!(e, Fx::StartTimer { name: "pong_deadline", after_secs: 20 })));
    let [ping] = sent(&fx).try_into().expect("a ping");
    let [pong] = sent(&b.feed(Input::Recv(ping)).expect("b answers")).try_into().expect("a pong");
    let fx = a.feed(Input::Recv(pong)).expect("the pong answers the ping");
    assert_eq!(a.state.name(), "Ready");
    assert!(fx.iter().any(|e| matches!(e, Fx::StopTimer { name: "pong_deadline" })));
    // A pong of the wrong size is an error; silence until the deadline ends it.
    a.feed(Input::Timer(Timer::PingEvery)).expect("timer");
    let err = a.feed(Input::Recv(Message::Pong(Pong { ignored: vec![0; 3] }))).expect_err("wrong size");
    assert_eq!((err.kind, err.message.as_str()), (RejectKind::Error, "the pong does not answer our ping"));
    let fx = a.feed(Input::Timer(Timer::PongDeadline)).expect("deadline");
    assert_eq!(a.state.name(), "Disconnected");
    assert!(fx.iter().any(|e| matches!(e, Fx::Emit(Event::Unresponsive(_)))));
}

#[test]
fn warnings_and_errors_reach_the_host_and_messages_before_init_are_refused() {
    let mut b = Peer::new(Vec::new());
    let early = b.feed(Input::Recv(Message::Ping(Ping { num_pong_bytes: 1, ignored: Vec::new() }))).expect_err("before init");
    assert_eq!(early.message, "unexpected recv ping in state Connecting");
    let (mut a, _) = ready_pair();
    let id = ChannelId([7; 32]);
    let fx = a.feed(Input::Recv(Message::Error(Error { channel_id: id, data: b"bad sig".to_vec() }))).expect("error");
    assert!(fx.iter().any(|e| matches!(e, Fx::Emit(Event::PeerError(p)) if p.channel_id == id && p.data == b"bad sig")));
    let fx = a.feed(Input::Recv(Message::Warning(Warning { channel_id: id, data: b"slow".to_vec() }))).expect("warning");
    assert!(fx.iter().any(|e| matches!(e, Fx::Emit(Event::PeerWarning(_)))));
}

#[test]
fn ping_pong_and_init_bytes_match_ldk() {
    use lightning::ln::msgs;
    let ours = |m: Message| m.encode().expect("encodes")[2..].to_vec();
    let ping = msgs::Ping { ponglen: 12, byteslen: 4 };
    assert_eq!(ours(Message::Ping(Ping { num_pong_bytes: 12, ignored: vec![0; 4] })), ping.encode());
    assert_eq!(ours(Message::Pong(Pong { ignored: vec![0; 9] })), msgs::Pong { byteslen: 9 }.encode());
    let init = msgs::Init {
        features: lightning::types::features::InitFeatures::empty(),
        networks: Some(vec![bitcoin::constants::ChainHash::from(REGTEST)]),
        remote_network_address: None,
    };
    let ldk = init.encode();
    let mut with_type = vec![0x00, 0x10];
    with_type.extend_from_slice(&ldk);
    let decoded = Message::decode(&with_type).expect("decodes").expect("an init");
    assert_eq!(ours(decoded), ldk, "LDK's init round-trips through ours");
}

#[test]
fn an_init_that_arrives_before_we_know_we_are_connected_is_answered() {
    let mut a = Peer::new(Vec::new());
    let init = Message::Init(Init { globalfeatures: Vec::new(), features: vec![0x02, 0x00], networks: None, remote_addr: None });
    let fx = a.feed(Input::Recv(init)).expect("an early init");
    assert_eq!(a.state.name(), "Ready");
    assert!(matches!(sent(&fx).as_slice(), [Message::Init(_)]), "ours goes out: {fx:?}");
}
