// Generated from specs/bolt/peer.lnp by lnp-codegen. Do not edit: change the spec and run
// `cargo run -p lnpc -- compile specs/ --out protocols/src/generated`.

//! The `peer` protocol, generated from its spec and the modules it imports.
#![allow(
    clippy::all,
    unused_imports,
    unused_mut,
    unused_variables,
    unused_parens,
    unused_braces,
    unused_assignments,
    dead_code
)]
use lnp_engine::rt;
use lnp_engine::rt::OrReject;
use lnp_engine::wire;
/// The parameters of one machine, fixed when it is created.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Params {
    /// Spec: `specs/bolt/peer.lnp:12`.
    pub chain: rt::ChainHash,
    /// Spec: `specs/bolt/peer.lnp:14`.
    pub local_features: Vec<u8>,
    /// Spec: `specs/bolt/peer.lnp:15`.
    pub ping_interval: u32,
    /// Spec: `specs/bolt/peer.lnp:16`.
    pub pong_wait: u32,
    /// Spec: `specs/bolt/peer.lnp:17`.
    pub ping_pong_bytes: u16,
}

impl Params {
    /// Parameters with every default from the spec; the rest are arguments.
    pub fn new(chain: rt::ChainHash, local_features: Vec<u8>) -> Self {
        Params {
            chain,
            local_features,
            ping_interval: 30,
            pong_wait: 20,
            ping_pong_bytes: 8,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Initiator,
    Responder,
}

/// The `warning` message (wire type 1).
/// Spec: `specs/bolt/peer.lnp:19`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Warning {
    /// Spec: `specs/bolt/peer.lnp:19`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/peer.lnp:19`.
    pub data: Vec<u8>,
}

impl Warning {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 1;
}

impl Warning {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.channel_id.clone()).0);
        w.var_bytes(&self.data.clone())?;
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let channel_id = rt::ChannelId(r.array()?);
        let data = r.var_bytes()?.to_vec();
        Ok(Warning { channel_id, data })
    }
}

/// The `init` message (wire type 16).
/// Spec: `specs/bolt/peer.lnp:20`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Init {
    /// Spec: `specs/bolt/peer.lnp:21`.
    pub globalfeatures: Vec<u8>,
    /// Spec: `specs/bolt/peer.lnp:22`.
    pub features: Vec<u8>,
    /// Spec: `specs/bolt/peer.lnp:24`.
    pub networks: Option<Vec<u8>>,
    /// Spec: `specs/bolt/peer.lnp:25`.
    pub remote_addr: Option<Vec<u8>>,
}

impl Init {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 16;
}

impl Init {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.var_bytes(&self.globalfeatures.clone())?;
        w.var_bytes(&self.features.clone())?;
        let mut records: Vec<(u64, Vec<u8>)> = Vec::new();
        if let Some(v) = &self.networks {
            let mut w = wire::Writer::new();
            w.bytes(&v.clone());
            records.push((1u64, w.into_bytes()));
        }
        if let Some(v) = &self.remote_addr {
            let mut w = wire::Writer::new();
            w.bytes(&v.clone());
            records.push((3u64, w.into_bytes()));
        }
        w.bytes(&wire::tlv::encode(&mut records));
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let globalfeatures = r.var_bytes()?.to_vec();
        let features = r.var_bytes()?.to_vec();
        let stream = wire::TlvStream::decode(r.rest(), |t| [1u64, 3u64].contains(&t))?;
        let networks = match stream.get(1u64) {
            Some(bytes) => {
                let mut r = wire::Reader::new(bytes);
                let v = r.bytes(r.remaining())?.to_vec();
                r.finish()?;
                Some(v)
            }
            None => None,
        };
        let remote_addr = match stream.get(3u64) {
            Some(bytes) => {
                let mut r = wire::Reader::new(bytes);
                let v = r.bytes(r.remaining())?.to_vec();
                r.finish()?;
                Some(v)
            }
            None => None,
        };
        Ok(Init {
            globalfeatures,
            features,
            networks,
            remote_addr,
        })
    }
}

/// The `error` message (wire type 17).
/// Spec: `specs/bolt/peer.lnp:28`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Error {
    /// Spec: `specs/bolt/peer.lnp:28`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/peer.lnp:28`.
    pub data: Vec<u8>,
}

impl Error {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 17;
}

impl Error {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.channel_id.clone()).0);
        w.var_bytes(&self.data.clone())?;
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let channel_id = rt::ChannelId(r.array()?);
        let data = r.var_bytes()?.to_vec();
        Ok(Error { channel_id, data })
    }
}

/// The `ping` message (wire type 18).
/// Spec: `specs/bolt/peer.lnp:29`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ping {
    /// Spec: `specs/bolt/peer.lnp:29`.
    pub num_pong_bytes: u16,
    /// Spec: `specs/bolt/peer.lnp:29`.
    pub ignored: Vec<u8>,
}

impl Ping {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 18;
}

impl Ping {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.u16(self.num_pong_bytes.clone());
        w.var_bytes(&self.ignored.clone())?;
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let num_pong_bytes = r.u16()?;
        let ignored = r.var_bytes()?.to_vec();
        Ok(Ping { num_pong_bytes, ignored })
    }
}

/// The `pong` message (wire type 19).
/// Spec: `specs/bolt/peer.lnp:30`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pong {
    /// Spec: `specs/bolt/peer.lnp:30`.
    pub ignored: Vec<u8>,
}

impl Pong {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 19;
}

impl Pong {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.var_bytes(&self.ignored.clone())?;
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let ignored = r.var_bytes()?.to_vec();
        Ok(Pong { ignored })
    }
}

/// Every message of this protocol.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Message {
    Warning(Warning),
    Init(Init),
    Error(Error),
    Ping(Ping),
    Pong(Pong),
}

impl Message {
    pub fn wire_type(&self) -> u16 {
        match self {
            Message::Warning(_) => Warning::WIRE_TYPE,
            Message::Init(_) => Init::WIRE_TYPE,
            Message::Error(_) => Error::WIRE_TYPE,
            Message::Ping(_) => Ping::WIRE_TYPE,
            Message::Pong(_) => Pong::WIRE_TYPE,
        }
    }

    /// The message's name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            Message::Warning(_) => "warning",
            Message::Init(_) => "init",
            Message::Error(_) => "error",
            Message::Ping(_) => "ping",
            Message::Pong(_) => "pong",
        }
    }

    /// The message as BOLT 1 bytes: the type, then the payload.
    pub fn encode(&self) -> Result<Vec<u8>, wire::WireError> {
        let mut w = wire::Writer::new();
        w.u16(self.wire_type());
        match self {
            Message::Warning(m) => m.encode_payload(&mut w)?,
            Message::Init(m) => m.encode_payload(&mut w)?,
            Message::Error(m) => m.encode_payload(&mut w)?,
            Message::Ping(m) => m.encode_payload(&mut w)?,
            Message::Pong(m) => m.encode_payload(&mut w)?,
        }
        Ok(w.into_bytes())
    }

    /// Reads a message; `Ok(None)` for a type this protocol does not
    /// know (the host answers by its parity, BOLT 1).
    pub fn decode(bytes: &[u8]) -> Result<Option<Message>, wire::WireError> {
        let mut r = wire::Reader::new(bytes);
        let t = r.u16()?;
        Ok(
            Some(
                match t {
                    Warning::WIRE_TYPE => {
                        Message::Warning(Warning::decode_payload(&mut r)?)
                    }
                    Init::WIRE_TYPE => Message::Init(Init::decode_payload(&mut r)?),
                    Error::WIRE_TYPE => Message::Error(Error::decode_payload(&mut r)?),
                    Ping::WIRE_TYPE => Message::Ping(Ping::decode_payload(&mut r)?),
                    Pong::WIRE_TYPE => Message::Pong(Pong::decode_payload(&mut r)?),
                    _ => return Ok(None),
                },
            ),
        )
    }
}

/// Spec: `specs/bolt/peer.lnp:32`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Connected {}
/// Spec: `specs/bolt/peer.lnp:33`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Disconnect {}
/// A user command this machine accepts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Connected(Connected),
    Disconnect(Disconnect),
}

impl Command {
    /// The name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Connected(_) => "connected",
            Command::Disconnect(_) => "disconnect",
        }
    }
}

/// Spec: `specs/bolt/peer.lnp:35`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ready {
    /// Spec: `specs/bolt/peer.lnp:35`.
    pub features: Vec<u8>,
}

/// Spec: `specs/bolt/peer.lnp:36`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PeerWarning {
    /// Spec: `specs/bolt/peer.lnp:36`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/peer.lnp:36`.
    pub data: Vec<u8>,
}

/// Spec: `specs/bolt/peer.lnp:37`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PeerError {
    /// Spec: `specs/bolt/peer.lnp:37`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/peer.lnp:37`.
    pub data: Vec<u8>,
}

/// Spec: `specs/bolt/peer.lnp:38`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Unresponsive {}
/// An event this machine reports to the user.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Event {
    Ready(Ready),
    PeerWarning(PeerWarning),
    PeerError(PeerError),
    Unresponsive(Unresponsive),
}

impl Event {
    /// The name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Ready(_) => "ready",
            Event::PeerWarning(_) => "peer_warning",
            Event::PeerError(_) => "peer_error",
            Event::Unresponsive(_) => "unresponsive",
        }
    }
}

/// The data of each state: one struct per state of the spec.
pub mod state {
    use super::*;
    /// Spec: `specs/bolt/peer.lnp:43`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Connecting {}
    /// Spec: `specs/bolt/peer.lnp:44`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitingInit {}
    /// Spec: `specs/bolt/peer.lnp:45`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Ready {
        /// Spec: `specs/bolt/peer.lnp:45`.
        pub features: Vec<u8>,
    }

    /// Spec: `specs/bolt/peer.lnp:46`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitingPong {
        /// Spec: `specs/bolt/peer.lnp:46`.
        pub features: Vec<u8>,
    }

    /// Spec: `specs/bolt/peer.lnp:47`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Disconnected {}
}

/// The state of a machine: exactly one of the spec's states, with its data.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum State {
    Connecting(state::Connecting),
    AwaitingInit(state::AwaitingInit),
    Ready(state::Ready),
    AwaitingPong(state::AwaitingPong),
    Disconnected(state::Disconnected),
}

impl State {
    /// The state a new machine starts in.
    pub fn initial() -> State {
        State::Connecting(state::Connecting {})
    }

    /// The state's name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            State::Connecting(_) => "Connecting",
            State::AwaitingInit(_) => "AwaitingInit",
            State::Ready(_) => "Ready",
            State::AwaitingPong(_) => "AwaitingPong",
            State::Disconnected(_) => "Disconnected",
        }
    }

    /// Whether the spec declares this state `terminal`.
    pub fn is_terminal(&self) -> bool {
        matches!(self, State::Disconnected(_))
    }
}

/// A timer of this protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Timer {
    PingEvery,
    PongDeadline,
}

impl Timer {
    pub fn name(&self) -> &'static str {
        match self {
            Timer::PingEvery => "ping_every",
            Timer::PongDeadline => "pong_deadline",
        }
    }

    /// The timer a `StartTimer`/`StopTimer` effect names, for the
    /// host that fires it.
    pub fn from_name(name: &str) -> Option<Timer> {
        match name {
            "ping_every" => Some(Timer::PingEvery),
            "pong_deadline" => Some(Timer::PongDeadline),
            _ => None,
        }
    }
}

/// What a machine can be given.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Input {
    Command(Command),
    Recv(Message),
    Chain(rt::ChainEvent),
    Timer(Timer),
}

impl Input {
    /// `recv open_channel`, `command open`, …: how rejects name the input.
    pub fn describe(&self) -> String {
        match self {
            Input::Command(c) => format!("command {}", c.name()),
            Input::Recv(m) => format!("recv {}", m.name()),
            Input::Chain(e) => format!("chain {}", e.name()),
            Input::Timer(t) => format!("timer {}", t.name()),
        }
    }
}

/// An effect of this protocol: a message, a transaction, a watch, an event, a timer.
pub type Effect = rt::Effect<Message, Event>;
/// What a machine is run with: its parameters and its role.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Env {
    pub params: Params,
    pub role: Role,
}

/// One step: the next state and the effects, or a reject (the state is then
/// unchanged). Debug builds check every invariant of the spec on the new
/// state and panic on a violation: that is a bug in the spec, not an input.
pub fn step<C: rt::Context>(
    state: State,
    input: Input,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let (next, effects) = dispatch(state, input, lnp_env, lnp_ctx)?;
    #[cfg(debug_assertions)]
    {
        let broken = violated_invariants(&next, lnp_env, lnp_ctx);
        assert!(
            broken.is_empty(), "invariant(s) {broken:?} violated in state {}", next
            .name()
        );
    }

    Ok((next, effects))
}

fn dispatch<C: rt::Context>(
    state: State,
    input: Input,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    match (state, input) {
        (State::Connecting(lnp_s), Input::Command(Command::Connected(lnp_trig))) => {
            t0_connecting(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::AwaitingInit(lnp_s), Input::Recv(Message::Init(lnp_trig))) => {
            t1_awaitinginit(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Connecting(lnp_s), Input::Recv(Message::Init(lnp_trig))) => {
            t2_connecting(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Ready(lnp_s), Input::Recv(Message::Ping(lnp_trig))) => {
            t3_ready(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::AwaitingPong(lnp_s), Input::Recv(Message::Ping(lnp_trig))) => {
            t3_awaitingpong(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Ready(lnp_s), Input::Timer(Timer::PingEvery)) => {
            t4_ready(lnp_s, lnp_env, lnp_ctx)
        }
        (State::AwaitingPong(lnp_s), Input::Recv(Message::Pong(lnp_trig))) => {
            t5_awaitingpong(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::AwaitingPong(lnp_s), Input::Timer(Timer::PongDeadline)) => {
            t6_awaitingpong(lnp_s, lnp_env, lnp_ctx)
        }
        (State::AwaitingInit(lnp_s), Input::Recv(Message::Warning(lnp_trig))) => {
            t7_awaitinginit(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Ready(lnp_s), Input::Recv(Message::Warning(lnp_trig))) => {
            t7_ready(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::AwaitingPong(lnp_s), Input::Recv(Message::Warning(lnp_trig))) => {
            t7_awaitingpong(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::AwaitingInit(lnp_s), Input::Recv(Message::Error(lnp_trig))) => {
            t8_awaitinginit(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Ready(lnp_s), Input::Recv(Message::Error(lnp_trig))) => {
            t8_ready(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::AwaitingPong(lnp_s), Input::Recv(Message::Error(lnp_trig))) => {
            t8_awaitingpong(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Connecting(lnp_s), Input::Command(Command::Disconnect(lnp_trig))) => {
            t9_connecting(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::AwaitingInit(lnp_s), Input::Command(Command::Disconnect(lnp_trig))) => {
            t9_awaitinginit(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Ready(lnp_s), Input::Command(Command::Disconnect(lnp_trig))) => {
            t9_ready(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::AwaitingPong(lnp_s), Input::Command(Command::Disconnect(lnp_trig))) => {
            t9_awaitingpong(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (state, input) => Err(rt::Reject::unexpected(&input.describe(), state.name())),
    }
}

/// The spec's properties, for the explorer and for debug-build checks.
pub const PROPERTIES: &[(&str, rt::PropertyKind)] = &[
    ("pinging", rt::PropertyKind::Sometimes),
];
/// Whether the property `name` holds in `state` (unknown names do not hold).
pub fn property_holds<C: rt::Context>(
    name: &str,
    state: &State,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> bool {
    match name {
        "pinging" => {
            match state {
                State::AwaitingPong(s) => {
                    p0_awaitingpong(s.clone(), lnp_env, lnp_ctx).unwrap_or(false)
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// The invariants `state` violates; empty when all hold.
pub fn violated_invariants<C: rt::Context>(
    state: &State,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Vec<&'static str> {
    PROPERTIES
        .iter()
        .filter(|(name, kind)| {
            *kind == rt::PropertyKind::Invariant
                && !property_holds(name, state, lnp_env, lnp_ctx)
        })
        .map(|(name, _)| *name)
        .collect()
}

/// `on command connected in Connecting -> AwaitingInit` in `Connecting` (specs/bolt/peer.lnp:50).
fn t0_connecting<C: rt::Context>(
    lnp_state: state::Connecting,
    _lnp_trig: Connected,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Connecting {} = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::Init(Init {
                    globalfeatures: ([]).to_vec(),
                    features: lnp_env.params.local_features.clone(),
                    networks: Some(((lnp_env.params.chain.clone()).0).to_vec()),
                    remote_addr: None,
                }),
            ),
        );
    Ok((State::AwaitingInit(state::AwaitingInit {}), lnp_fx))
}

/// `on recv init in AwaitingInit -> Ready` in `AwaitingInit` (specs/bolt/peer.lnp:56).
fn t1_awaitinginit<C: rt::Context>(
    lnp_state: state::AwaitingInit,
    m: Init,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitingInit {} = lnp_state;
    let mut features: Vec<u8>;
    if !(!(rt::builtins::requires_unknown_feature(
        &(m.globalfeatures.clone())[..],
        &(lnp_env.params.local_features.clone())[..],
    ))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the peer requires an unknown global feature",
                "specs/bolt/peer.lnp:57",
            ),
        );
    }

    if !(!(rt::builtins::requires_unknown_feature(
        &(m.features.clone())[..],
        &(lnp_env.params.local_features.clone())[..],
    ))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the peer requires an unknown feature",
                "specs/bolt/peer.lnp:58",
            ),
        );
    }

    features = m.features.clone();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::Ready(Ready {
                    features: m.features.clone(),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::StartTimer {
            name: "ping_every",
            after_secs: lnp_env.params.ping_interval.clone(),
        });
    Ok((State::Ready(state::Ready { features }), lnp_fx))
}

/// `on recv init in Connecting -> Ready` in `Connecting` (specs/bolt/peer.lnp:66).
fn t2_connecting<C: rt::Context>(
    lnp_state: state::Connecting,
    m: Init,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Connecting {} = lnp_state;
    let mut features: Vec<u8>;
    if !(!(rt::builtins::requires_unknown_feature(
        &(m.globalfeatures.clone())[..],
        &(lnp_env.params.local_features.clone())[..],
    ))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the peer requires an unknown global feature",
                "specs/bolt/peer.lnp:67",
            ),
        );
    }

    if !(!(rt::builtins::requires_unknown_feature(
        &(m.features.clone())[..],
        &(lnp_env.params.local_features.clone())[..],
    ))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the peer requires an unknown feature",
                "specs/bolt/peer.lnp:68",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::Init(Init {
                    globalfeatures: ([]).to_vec(),
                    features: lnp_env.params.local_features.clone(),
                    networks: Some(((lnp_env.params.chain.clone()).0).to_vec()),
                    remote_addr: None,
                }),
            ),
        );
    features = m.features.clone();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::Ready(Ready {
                    features: m.features.clone(),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::StartTimer {
            name: "ping_every",
            after_secs: lnp_env.params.ping_interval.clone(),
        });
    Ok((State::Ready(state::Ready { features }), lnp_fx))
}

/// `on recv ping in Ready, AwaitingPong` in `Ready` (specs/bolt/peer.lnp:76).
fn t3_ready<C: rt::Context>(
    lnp_state: state::Ready,
    m: Ping,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Ready { mut features } = lnp_state;
    if !((m.num_pong_bytes.clone() < 65532u16)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Ignore,
                "a ping that asks for no pong",
                "specs/bolt/peer.lnp:77",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::Pong(Pong {
                    ignored: vec![0u8; usize::from(m.num_pong_bytes.clone())],
                }),
            ),
        );
    Ok((State::Ready(state::Ready { features }), lnp_fx))
}

/// `on recv ping in Ready, AwaitingPong` in `AwaitingPong` (specs/bolt/peer.lnp:76).
fn t3_awaitingpong<C: rt::Context>(
    lnp_state: state::AwaitingPong,
    m: Ping,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitingPong { mut features } = lnp_state;
    if !((m.num_pong_bytes.clone() < 65532u16)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Ignore,
                "a ping that asks for no pong",
                "specs/bolt/peer.lnp:77",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::Pong(Pong {
                    ignored: vec![0u8; usize::from(m.num_pong_bytes.clone())],
                }),
            ),
        );
    Ok((State::AwaitingPong(state::AwaitingPong { features }), lnp_fx))
}

/// `on timer ping_every in Ready -> AwaitingPong` in `Ready` (specs/bolt/peer.lnp:81).
fn t4_ready<C: rt::Context>(
    lnp_state: state::Ready,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Ready { mut features } = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::Ping(Ping {
                    num_pong_bytes: lnp_env.params.ping_pong_bytes.clone(),
                    ignored: ([]).to_vec(),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::StartTimer {
            name: "pong_deadline",
            after_secs: lnp_env.params.pong_wait.clone(),
        });
    Ok((State::AwaitingPong(state::AwaitingPong { features }), lnp_fx))
}

/// `on recv pong in AwaitingPong -> Ready` in `AwaitingPong` (specs/bolt/peer.lnp:86).
fn t5_awaitingpong<C: rt::Context>(
    lnp_state: state::AwaitingPong,
    m: Pong,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitingPong { mut features } = lnp_state;
    if !((((m.ignored).len() as u64)
        == <u64>::from(lnp_env.params.ping_pong_bytes.clone())))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the pong does not answer our ping",
                "specs/bolt/peer.lnp:87",
            ),
        );
    }

    lnp_fx
        .push(rt::Effect::StopTimer {
            name: "pong_deadline",
        });
    lnp_fx
        .push(rt::Effect::StartTimer {
            name: "ping_every",
            after_secs: lnp_env.params.ping_interval.clone(),
        });
    Ok((State::Ready(state::Ready { features }), lnp_fx))
}

/// `on timer pong_deadline in AwaitingPong -> Disconnected` in `AwaitingPong` (specs/bolt/peer.lnp:92).
fn t6_awaitingpong<C: rt::Context>(
    lnp_state: state::AwaitingPong,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitingPong { mut features } = lnp_state;
    lnp_fx.push(rt::Effect::Emit(Event::Unresponsive(Unresponsive {})));
    Ok((State::Disconnected(state::Disconnected {}), lnp_fx))
}

/// `on recv warning in AwaitingInit, Ready, AwaitingPong` in `AwaitingInit` (specs/bolt/peer.lnp:96).
fn t7_awaitinginit<C: rt::Context>(
    lnp_state: state::AwaitingInit,
    m: Warning,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitingInit {} = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::PeerWarning(PeerWarning {
                    channel_id: m.channel_id.clone(),
                    data: m.data.clone(),
                }),
            ),
        );
    Ok((State::AwaitingInit(state::AwaitingInit {}), lnp_fx))
}

/// `on recv warning in AwaitingInit, Ready, AwaitingPong` in `Ready` (specs/bolt/peer.lnp:96).
fn t7_ready<C: rt::Context>(
    lnp_state: state::Ready,
    m: Warning,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Ready { mut features } = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::PeerWarning(PeerWarning {
                    channel_id: m.channel_id.clone(),
                    data: m.data.clone(),
                }),
            ),
        );
    Ok((State::Ready(state::Ready { features }), lnp_fx))
}

/// `on recv warning in AwaitingInit, Ready, AwaitingPong` in `AwaitingPong` (specs/bolt/peer.lnp:96).
fn t7_awaitingpong<C: rt::Context>(
    lnp_state: state::AwaitingPong,
    m: Warning,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitingPong { mut features } = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::PeerWarning(PeerWarning {
                    channel_id: m.channel_id.clone(),
                    data: m.data.clone(),
                }),
            ),
        );
    Ok((State::AwaitingPong(state::AwaitingPong { features }), lnp_fx))
}

/// `on recv error in AwaitingInit, Ready, AwaitingPong` in `AwaitingInit` (specs/bolt/peer.lnp:100).
fn t8_awaitinginit<C: rt::Context>(
    lnp_state: state::AwaitingInit,
    m: Error,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitingInit {} = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::PeerError(PeerError {
                    channel_id: m.channel_id.clone(),
                    data: m.data.clone(),
                }),
            ),
        );
    Ok((State::AwaitingInit(state::AwaitingInit {}), lnp_fx))
}

/// `on recv error in AwaitingInit, Ready, AwaitingPong` in `Ready` (specs/bolt/peer.lnp:100).
fn t8_ready<C: rt::Context>(
    lnp_state: state::Ready,
    m: Error,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Ready { mut features } = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::PeerError(PeerError {
                    channel_id: m.channel_id.clone(),
                    data: m.data.clone(),
                }),
            ),
        );
    Ok((State::Ready(state::Ready { features }), lnp_fx))
}

/// `on recv error in AwaitingInit, Ready, AwaitingPong` in `AwaitingPong` (specs/bolt/peer.lnp:100).
fn t8_awaitingpong<C: rt::Context>(
    lnp_state: state::AwaitingPong,
    m: Error,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitingPong { mut features } = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::PeerError(PeerError {
                    channel_id: m.channel_id.clone(),
                    data: m.data.clone(),
                }),
            ),
        );
    Ok((State::AwaitingPong(state::AwaitingPong { features }), lnp_fx))
}

/// `on command disconnect in Connecting, AwaitingInit, Ready, AwaitingPong -> Disconnected` in `Connecting` (specs/bolt/peer.lnp:104).
fn t9_connecting<C: rt::Context>(
    lnp_state: state::Connecting,
    _lnp_trig: Disconnect,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Connecting {} = lnp_state;
    lnp_fx
        .push(rt::Effect::StopTimer {
            name: "ping_every",
        });
    lnp_fx
        .push(rt::Effect::StopTimer {
            name: "pong_deadline",
        });
    Ok((State::Disconnected(state::Disconnected {}), lnp_fx))
}

/// `on command disconnect in Connecting, AwaitingInit, Ready, AwaitingPong -> Disconnected` in `AwaitingInit` (specs/bolt/peer.lnp:104).
fn t9_awaitinginit<C: rt::Context>(
    lnp_state: state::AwaitingInit,
    _lnp_trig: Disconnect,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitingInit {} = lnp_state;
    lnp_fx
        .push(rt::Effect::StopTimer {
            name: "ping_every",
        });
    lnp_fx
        .push(rt::Effect::StopTimer {
            name: "pong_deadline",
        });
    Ok((State::Disconnected(state::Disconnected {}), lnp_fx))
}

/// `on command disconnect in Connecting, AwaitingInit, Ready, AwaitingPong -> Disconnected` in `Ready` (specs/bolt/peer.lnp:104).
fn t9_ready<C: rt::Context>(
    lnp_state: state::Ready,
    _lnp_trig: Disconnect,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Ready { mut features } = lnp_state;
    lnp_fx
        .push(rt::Effect::StopTimer {
            name: "ping_every",
        });
    lnp_fx
        .push(rt::Effect::StopTimer {
            name: "pong_deadline",
        });
    Ok((State::Disconnected(state::Disconnected {}), lnp_fx))
}

/// `on command disconnect in Connecting, AwaitingInit, Ready, AwaitingPong -> Disconnected` in `AwaitingPong` (specs/bolt/peer.lnp:104).
fn t9_awaitingpong<C: rt::Context>(
    lnp_state: state::AwaitingPong,
    _lnp_trig: Disconnect,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitingPong { mut features } = lnp_state;
    lnp_fx
        .push(rt::Effect::StopTimer {
            name: "ping_every",
        });
    lnp_fx
        .push(rt::Effect::StopTimer {
            name: "pong_deadline",
        });
    Ok((State::Disconnected(state::Disconnected {}), lnp_fx))
}

/// `pinging` in `AwaitingPong` (specs/bolt/peer.lnp:110).
fn p0_awaitingpong<C: rt::Context>(
    lnp_state: state::AwaitingPong,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::AwaitingPong { features } = lnp_state;
    Ok(true)
}

/// The name as declared, with the `'static` lifetime effects carry.
fn static_name(s: &str) -> Result<&'static str, wire::WireError> {
    match s {
        "ping_every" => Ok("ping_every"),
        "pong_deadline" => Ok("pong_deadline"),
        other => Err(wire::WireError::UnknownName(other.to_string())),
    }
}

impl State {
    /// The state as stored: a format version, the state's tag, its data.
    pub fn encode(&self) -> Result<Vec<u8>, wire::WireError> {
        let mut w = wire::Writer::new();
        w.u8(1u8);
        let state = self;
        match state {
            State::Connecting(v) => {
                w.u16(0u16);
            }
            State::AwaitingInit(v) => {
                w.u16(1u16);
            }
            State::Ready(v) => {
                w.u16(2u16);
                w.var_bytes(&v.features.clone())?;
            }
            State::AwaitingPong(v) => {
                w.u16(3u16);
                w.var_bytes(&v.features.clone())?;
            }
            State::Disconnected(v) => {
                w.u16(4u16);
            }
        }
        Ok(w.into_bytes())
    }

    pub fn decode(bytes: &[u8]) -> Result<State, wire::WireError> {
        let mut r = wire::Reader::new(bytes);
        let version = r.u8()?;
        if version != 1u8 {
            return Err(wire::WireError::UnknownVersion(version));
        }
        let state = match r.u16()? {
            0u16 => State::Connecting({ state::Connecting {} }),
            1u16 => State::AwaitingInit({ state::AwaitingInit {} }),
            2u16 => {
                State::Ready({
                    let features = r.var_bytes()?.to_vec();
                    state::Ready { features }
                })
            }
            3u16 => {
                State::AwaitingPong({
                    let features = r.var_bytes()?.to_vec();
                    state::AwaitingPong { features }
                })
            }
            4u16 => State::Disconnected({ state::Disconnected {} }),
            other => return Err(wire::WireError::UnknownTag(other)),
        };
        r.finish()?;
        Ok(state)
    }
}

impl Event {
    pub fn encode_into(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        let event = self;
        match event {
            Event::Ready(v) => {
                w.u16(0u16);
                w.var_bytes(&v.features.clone())?;
            }
            Event::PeerWarning(v) => {
                w.u16(1u16);
                w.bytes(&(v.channel_id.clone()).0);
                w.var_bytes(&v.data.clone())?;
            }
            Event::PeerError(v) => {
                w.u16(2u16);
                w.bytes(&(v.channel_id.clone()).0);
                w.var_bytes(&v.data.clone())?;
            }
            Event::Unresponsive(v) => {
                w.u16(3u16);
            }
        }
        Ok(())
    }

    pub fn decode_from(r: &mut wire::Reader) -> Result<Event, wire::WireError> {
        Ok(
            match r.u16()? {
                0u16 => {
                    Event::Ready({
                        let features = r.var_bytes()?.to_vec();
                        Ready { features }
                    })
                }
                1u16 => {
                    Event::PeerWarning({
                        let channel_id = rt::ChannelId(r.array()?);
                        let data = r.var_bytes()?.to_vec();
                        PeerWarning { channel_id, data }
                    })
                }
                2u16 => {
                    Event::PeerError({
                        let channel_id = rt::ChannelId(r.array()?);
                        let data = r.var_bytes()?.to_vec();
                        PeerError { channel_id, data }
                    })
                }
                3u16 => Event::Unresponsive({ Unresponsive {} }),
                other => return Err(wire::WireError::UnknownTag(other)),
            },
        )
    }
}

/// An effect as stored in the outbox (the engine's one codec for effects).
pub fn encode_effect(effect: &Effect) -> Result<Vec<u8>, wire::WireError> {
    rt::stored_effect::encode(effect, Message::encode, Event::encode_into)
}

pub fn decode_effect(bytes: &[u8]) -> Result<Effect, wire::WireError> {
    rt::stored_effect::decode(bytes, Message::decode, Event::decode_from, static_name)
}

/// This protocol as the engine's driver and store see it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Peer;
impl lnp_engine::machine::Machine for Peer {
    type State = State;
    type Input = Input;
    type Effect = Effect;
    type Env = Env;
    fn step<C: rt::Context>(
        state: State,
        input: Input,
        env: &Env,
        ctx: &mut C,
    ) -> Result<(State, Vec<Effect>), rt::Reject> {
        step(state, input, env, ctx)
    }

    fn encode_state(state: &State) -> Result<Vec<u8>, wire::WireError> {
        state.encode()
    }

    fn decode_state(bytes: &[u8]) -> Result<State, wire::WireError> {
        State::decode(bytes)
    }

    fn encode_effect(effect: &Effect) -> Result<Vec<u8>, wire::WireError> {
        encode_effect(effect)
    }

    fn decode_effect(bytes: &[u8]) -> Result<Effect, wire::WireError> {
        decode_effect(bytes)
    }
}

impl lnp_engine::explore::Explorable for Peer {
    type Message = Message;
    fn explore_step<C: rt::Context>(
        state: State,
        input: Input,
        env: &Env,
        ctx: &mut C,
    ) -> Result<(State, Vec<Effect>), rt::Reject> {
        dispatch(state, input, env, ctx)
    }

    fn recv(m: Message) -> Input {
        Input::Recv(m)
    }

    fn chain(e: rt::ChainEvent) -> Input {
        Input::Chain(e)
    }

    fn sent(e: &Effect) -> Option<Message> {
        match e {
            rt::Effect::Send(m) => Some(m.clone()),
            _ => None,
        }
    }

    fn watched(e: &Effect) -> Option<rt::ChainEvent> {
        lnp_engine::explore::fired(e)
    }

    fn timer(name: &str) -> Option<Input> {
        Timer::from_name(name).map(Input::Timer)
    }

    fn timer_change(e: &Effect) -> Option<lnp_engine::explore::TimerChange> {
        lnp_engine::explore::timer_change(e)
    }

    fn properties() -> &'static [(&'static str, rt::PropertyKind)] {
        PROPERTIES
    }

    fn holds<C: rt::Context>(name: &str, state: &State, env: &Env, ctx: &mut C) -> bool {
        property_holds(name, state, env, ctx)
    }

    fn is_terminal(state: &State) -> bool {
        state.is_terminal()
    }

    fn state_name(state: &State) -> &'static str {
        state.name()
    }

    fn describe(input: &Input) -> String {
        input.describe()
    }
}
