// Generated from specs/toy/paychan.lnp by lnp-codegen. Do not edit: change the spec and run
// `cargo run -p lnpc -- compile specs/ --out protocols/src/generated`.

//! The `paychan` protocol, generated from its spec and the modules it imports.
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
    /// Spec: `specs/toy/paychan.lnp:11`.
    pub capacity: rt::Sat,
    /// Spec: `specs/toy/paychan.lnp:12`.
    pub refund_delay: u16,
    /// Spec: `specs/toy/paychan.lnp:13`.
    pub min_depth: u32,
    /// Spec: `specs/toy/paychan.lnp:14`.
    pub dust_limit: rt::Sat,
    /// Spec: `specs/toy/paychan.lnp:17`.
    pub close_fee: rt::Sat,
}

impl Params {
    /// Parameters with every default from the spec; the rest are arguments.
    pub fn new(capacity: rt::Sat) -> Self {
        Params {
            capacity,
            refund_delay: 144,
            min_depth: 3,
            dust_limit: rt::Sat(546),
            close_fee: rt::Sat(330),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Payer,
    Payee,
}

/// Spec: `specs/toy/paychan.lnp:19`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Keys {
    /// Spec: `specs/toy/paychan.lnp:19`.
    pub payer: rt::Point,
    /// Spec: `specs/toy/paychan.lnp:19`.
    pub payee: rt::Point,
}

/// The `propose` message (wire type 40000).
/// Spec: `specs/toy/paychan.lnp:21`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Propose {
    /// Spec: `specs/toy/paychan.lnp:22`.
    pub capacity: rt::Sat,
    /// Spec: `specs/toy/paychan.lnp:23`.
    pub payer_key: rt::Point,
    /// Spec: `specs/toy/paychan.lnp:25`.
    pub note: Option<rt::Utf8>,
}

impl Propose {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 40000;
}

impl Propose {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.u64((self.capacity.clone()).0);
        w.point(&self.payer_key.clone());
        let mut records: Vec<(u64, Vec<u8>)> = Vec::new();
        if let Some(v) = &self.note {
            let mut w = wire::Writer::new();
            w.bytes((v.clone()).as_bytes());
            records.push((1u64, w.into_bytes()));
        }
        w.bytes(&wire::tlv::encode(&mut records));
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let capacity = rt::Sat(r.u64()?);
        let payer_key = r.point()?;
        let stream = wire::TlvStream::decode(r.rest(), |t| [1u64].contains(&t))?;
        let note = match stream.get(1u64) {
            Some(bytes) => {
                let mut r = wire::Reader::new(bytes);
                let v = String::from_utf8_lossy(r.bytes(r.remaining())?).into_owned();
                r.finish()?;
                Some(v)
            }
            None => None,
        };
        Ok(Propose {
            capacity,
            payer_key,
            note,
        })
    }
}

/// The `accept` message (wire type 40002).
/// Spec: `specs/toy/paychan.lnp:28`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Accept {
    /// Spec: `specs/toy/paychan.lnp:28`.
    pub payee_key: rt::Point,
}

impl Accept {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 40002;
}

impl Accept {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.point(&self.payee_key.clone());
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let payee_key = r.point()?;
        Ok(Accept { payee_key })
    }
}

/// The `funded` message (wire type 40008).
/// Spec: `specs/toy/paychan.lnp:29`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Funded {
    /// Spec: `specs/toy/paychan.lnp:29`.
    pub funding: rt::OutPoint,
}

impl Funded {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 40008;
}

impl Funded {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        let op = self.funding.clone();
        w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid));
        w.u32(op.vout);
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let funding = rt::OutPoint {
            txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(r.array()?),
            vout: r.u32()?,
        };
        Ok(Funded { funding })
    }
}

/// The `pay` message (wire type 40004).
/// Spec: `specs/toy/paychan.lnp:30`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pay {
    /// Spec: `specs/toy/paychan.lnp:30`.
    pub total: rt::Msat,
    /// Spec: `specs/toy/paychan.lnp:30`.
    pub sig: rt::Signature,
}

impl Pay {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 40004;
}

impl Pay {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.u64((self.total.clone()).0);
        w.signature(&self.sig.clone());
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let total = rt::Msat(r.u64()?);
        let sig = r.signature()?;
        Ok(Pay { total, sig })
    }
}

/// The `ack` message (wire type 40006).
/// Spec: `specs/toy/paychan.lnp:31`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ack {
    /// Spec: `specs/toy/paychan.lnp:31`.
    pub total: rt::Msat,
}

impl Ack {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 40006;
}

impl Ack {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.u64((self.total.clone()).0);
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let total = rt::Msat(r.u64()?);
        Ok(Ack { total })
    }
}

/// Every message of this protocol.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Message {
    Propose(Propose),
    Accept(Accept),
    Funded(Funded),
    Pay(Pay),
    Ack(Ack),
}

impl Message {
    pub fn wire_type(&self) -> u16 {
        match self {
            Message::Propose(_) => Propose::WIRE_TYPE,
            Message::Accept(_) => Accept::WIRE_TYPE,
            Message::Funded(_) => Funded::WIRE_TYPE,
            Message::Pay(_) => Pay::WIRE_TYPE,
            Message::Ack(_) => Ack::WIRE_TYPE,
        }
    }

    /// The message's name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            Message::Propose(_) => "propose",
            Message::Accept(_) => "accept",
            Message::Funded(_) => "funded",
            Message::Pay(_) => "pay",
            Message::Ack(_) => "ack",
        }
    }

    /// The message as BOLT 1 bytes: the type, then the payload.
    pub fn encode(&self) -> Result<Vec<u8>, wire::WireError> {
        let mut w = wire::Writer::new();
        w.u16(self.wire_type());
        match self {
            Message::Propose(m) => m.encode_payload(&mut w)?,
            Message::Accept(m) => m.encode_payload(&mut w)?,
            Message::Funded(m) => m.encode_payload(&mut w)?,
            Message::Pay(m) => m.encode_payload(&mut w)?,
            Message::Ack(m) => m.encode_payload(&mut w)?,
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
                    Propose::WIRE_TYPE => {
                        Message::Propose(Propose::decode_payload(&mut r)?)
                    }
                    Accept::WIRE_TYPE => Message::Accept(Accept::decode_payload(&mut r)?),
                    Funded::WIRE_TYPE => Message::Funded(Funded::decode_payload(&mut r)?),
                    Pay::WIRE_TYPE => Message::Pay(Pay::decode_payload(&mut r)?),
                    Ack::WIRE_TYPE => Message::Ack(Ack::decode_payload(&mut r)?),
                    _ => return Ok(None),
                },
            ),
        )
    }
}

/// Spec: `specs/toy/paychan.lnp:33`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Open {
    /// Spec: `specs/toy/paychan.lnp:33`.
    pub payer_key: rt::Point,
}

/// Spec: `specs/toy/paychan.lnp:34`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fund {
    /// Spec: `specs/toy/paychan.lnp:34`.
    pub funding: rt::OutPoint,
}

/// Spec: `specs/toy/paychan.lnp:35`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Send {
    /// Spec: `specs/toy/paychan.lnp:35`.
    pub amount: rt::Msat,
}

/// Spec: `specs/toy/paychan.lnp:36`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Settle {}
/// Spec: `specs/toy/paychan.lnp:37`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Refund {}
/// A user command this machine accepts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Open(Open),
    Fund(Fund),
    Send(Send),
    Settle(Settle),
    Refund(Refund),
}

impl Command {
    /// The name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Open(_) => "open",
            Command::Fund(_) => "fund",
            Command::Send(_) => "send",
            Command::Settle(_) => "settle",
            Command::Refund(_) => "refund",
        }
    }
}

/// Spec: `specs/toy/paychan.lnp:39`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FundingNeeded {
    /// Spec: `specs/toy/paychan.lnp:39`.
    pub script: rt::Script,
    /// Spec: `specs/toy/paychan.lnp:39`.
    pub amount: rt::Sat,
}

/// Spec: `specs/toy/paychan.lnp:40`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Paid {
    /// Spec: `specs/toy/paychan.lnp:40`.
    pub total: rt::Msat,
}

/// Spec: `specs/toy/paychan.lnp:41`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Settled {
    /// Spec: `specs/toy/paychan.lnp:41`.
    pub txid: rt::Txid,
    /// Spec: `specs/toy/paychan.lnp:41`.
    pub payee_gets: rt::Sat,
}

/// An event this machine reports to the user.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Event {
    FundingNeeded(FundingNeeded),
    Paid(Paid),
    Settled(Settled),
}

impl Event {
    /// The name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            Event::FundingNeeded(_) => "funding_needed",
            Event::Paid(_) => "paid",
            Event::Settled(_) => "settled",
        }
    }
}

/// The data of each state: one struct per state of the spec.
pub mod state {
    use super::*;
    /// Spec: `specs/toy/paychan.lnp:43`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Idle {}
    /// Spec: `specs/toy/paychan.lnp:44`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Proposed {
        /// Spec: `specs/toy/paychan.lnp:44`.
        pub keys_payer: rt::Point,
    }

    /// Spec: `specs/toy/paychan.lnp:45`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Accepted {
        /// Spec: `specs/toy/paychan.lnp:45`.
        pub keys: Keys,
    }

    /// Spec: `specs/toy/paychan.lnp:46`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitingFunding {
        /// Spec: `specs/toy/paychan.lnp:46`.
        pub keys: Keys,
    }

    /// Spec: `specs/toy/paychan.lnp:47`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Funding {
        /// Spec: `specs/toy/paychan.lnp:47`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/toy/paychan.lnp:47`.
        pub keys: Keys,
    }

    /// Spec: `specs/toy/paychan.lnp:48`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Open {
        /// Spec: `specs/toy/paychan.lnp:48`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/toy/paychan.lnp:48`.
        pub keys: Keys,
        /// Spec: `specs/toy/paychan.lnp:48`.
        pub total: rt::Msat,
        /// Spec: `specs/toy/paychan.lnp:48`.
        pub sig: Option<rt::Signature>,
        /// Spec: `specs/toy/paychan.lnp:48`.
        pub pending: rt::Msat,
    }

    /// Spec: `specs/toy/paychan.lnp:49`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Closing {
        /// Spec: `specs/toy/paychan.lnp:49`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/toy/paychan.lnp:49`.
        pub txid: rt::Txid,
    }

    /// Spec: `specs/toy/paychan.lnp:50`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Closed {}
}

/// The state of a machine: exactly one of the spec's states, with its data.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum State {
    Idle(state::Idle),
    Proposed(state::Proposed),
    Accepted(state::Accepted),
    AwaitingFunding(state::AwaitingFunding),
    Funding(state::Funding),
    Open(state::Open),
    Closing(state::Closing),
    Closed(state::Closed),
}

impl State {
    /// The state a new machine starts in.
    pub fn initial() -> State {
        State::Idle(state::Idle {})
    }

    /// The state's name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            State::Idle(_) => "Idle",
            State::Proposed(_) => "Proposed",
            State::Accepted(_) => "Accepted",
            State::AwaitingFunding(_) => "AwaitingFunding",
            State::Funding(_) => "Funding",
            State::Open(_) => "Open",
            State::Closing(_) => "Closing",
            State::Closed(_) => "Closed",
        }
    }

    /// Whether the spec declares this state `terminal`.
    pub fn is_terminal(&self) -> bool {
        matches!(self, State::Closed(_))
    }
}

/// A timer of this protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Timer {}
impl Timer {
    pub fn name(&self) -> &'static str {
        match *self {}
    }

    /// The timer a `StartTimer`/`StopTimer` effect names, for the
    /// host that fires it.
    pub fn from_name(name: &str) -> Option<Timer> {
        match name {
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
        (
            State::Idle(lnp_s),
            Input::Command(Command::Open(lnp_trig)),
        ) if t0_idle_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t0_idle(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Idle(lnp_s), Input::Recv(Message::Propose(lnp_trig))) => {
            t1_idle(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Proposed(lnp_s), Input::Recv(Message::Accept(lnp_trig))) => {
            t2_proposed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Accepted(lnp_s),
            Input::Command(Command::Fund(lnp_trig)),
        ) if t3_accepted_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t3_accepted(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::AwaitingFunding(lnp_s), Input::Recv(Message::Funded(lnp_trig))) => {
            t4_awaitingfunding(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Funding(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("funding_deep", lnp_trig)),
        ) => t5_funding(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Open(lnp_s),
            Input::Command(Command::Send(lnp_trig)),
        ) if t6_open_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t6_open(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Open(lnp_s), Input::Recv(Message::Pay(lnp_trig))) => {
            t7_open(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Open(lnp_s), Input::Recv(Message::Ack(lnp_trig))) => {
            t8_open(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Open(lnp_s),
            Input::Command(Command::Settle(lnp_trig)),
        ) if t9_open_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t9_open(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Open(lnp_s),
            Input::Command(Command::Refund(lnp_trig)),
        ) if t10_open_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t10_open(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Open(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) => t11_open(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Closing(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) => t12_closing(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (state, input) => Err(rt::Reject::unexpected(&input.describe(), state.name())),
    }
}

/// The spec's properties, for the explorer and for debug-build checks.
pub const PROPERTIES: &[(&str, rt::PropertyKind)] = &[
    ("within_capacity", rt::PropertyKind::Invariant),
    ("something_paid", rt::PropertyKind::Sometimes),
    ("closes", rt::PropertyKind::Eventually),
];
/// Whether the property `name` holds in `state` (unknown names do not hold).
pub fn property_holds<C: rt::Context>(
    name: &str,
    state: &State,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> bool {
    match name {
        "within_capacity" => {
            match state {
                State::Open(s) => p0_open(s.clone(), lnp_env, lnp_ctx).unwrap_or(false),
                _ => true,
            }
        }
        "something_paid" => {
            match state {
                State::Open(s) => p1_open(s.clone(), lnp_env, lnp_ctx).unwrap_or(false),
                _ => false,
            }
        }
        "closes" => {
            match state {
                State::Closed(s) => true,
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

/// `fn channel_script` (specs/toy/paychan.lnp:54).
pub fn f_paychan_channel_script<C: rt::Context>(
    k: Keys,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok({
        let lnp_sb = bitcoin::script::Builder::new();
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(99u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(82u8));
        let lnp_sb = rt::script::Push::push(&(k.payer.clone()), lnp_sb);
        let lnp_sb = rt::script::Push::push(&(k.payee.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(82u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(174u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(103u8));
        let lnp_sb = rt::script::Push::push(
            &(lnp_env.params.refund_delay.clone()),
            lnp_sb,
        );
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(178u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(117u8));
        let lnp_sb = rt::script::Push::push(&(k.payer.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(172u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(104u8));
        lnp_sb.into_script()
    })
}

/// `template payout` (specs/toy/paychan.lnp:62).
pub fn tpl_paychan_payout<C: rt::Context>(
    funding: rt::OutPoint,
    k: Keys,
    total: rt::Msat,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    let mut lnp_tx = rt::txbuild::TxBuilder::new();
    lnp_tx.version(2u32);
    lnp_tx.locktime(0u32);
    lnp_tx
        .input(
            funding.clone(),
            4294967295u32,
            rt::SpendInfo {
                script: f_paychan_channel_script(k.clone(), lnp_env, lnp_ctx)?,
                amount: lnp_env.params.capacity.clone(),
                sighash: bitcoin::EcdsaSighashType::All,
            },
            vec![],
        );
    if ((total.clone()).to_sat() >= lnp_env.params.dust_limit.clone()) {
        lnp_tx.output((total.clone()).to_sat(), rt::builtins::p2wpkh(&k.payee), 0u64);
    }

    if (((lnp_env.params.capacity.clone())
        .checked_sub(lnp_env.params.close_fee.clone())
        .or_reject("specs/toy/paychan.lnp:67")?)
        .checked_sub((total.clone()).to_sat())
        .or_reject("specs/toy/paychan.lnp:67")? >= lnp_env.params.dust_limit.clone())
    {
        lnp_tx
            .output(
                ((lnp_env.params.capacity.clone())
                    .checked_sub(lnp_env.params.close_fee.clone())
                    .or_reject("specs/toy/paychan.lnp:67")?)
                    .checked_sub((total.clone()).to_sat())
                    .or_reject("specs/toy/paychan.lnp:67")?,
                rt::builtins::p2wpkh(&k.payer),
                0u64,
            );
    }

    Ok(lnp_tx.build(rt::txbuild::Order::Bip69))
}

/// `template settlement` (specs/toy/paychan.lnp:73).
pub fn tpl_paychan_settlement<C: rt::Context>(
    funding: rt::OutPoint,
    k: Keys,
    total: rt::Msat,
    payer_sig: rt::Signature,
    payee_sig: rt::Signature,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    let mut lnp_tx = rt::txbuild::TxBuilder::new();
    lnp_tx.version(2u32);
    lnp_tx.locktime(0u32);
    lnp_tx
        .input(
            funding.clone(),
            4294967295u32,
            rt::SpendInfo {
                script: f_paychan_channel_script(k.clone(), lnp_env, lnp_ctx)?,
                amount: lnp_env.params.capacity.clone(),
                sighash: bitcoin::EcdsaSighashType::All,
            },
            vec![
                ([]).to_vec(), { let mut s = (payer_sig.clone()).serialize_der()
                .to_vec(); s.push(bitcoin::EcdsaSighashType::All.to_u32() as u8); s }, {
                let mut s = (payee_sig.clone()).serialize_der().to_vec(); s
                .push(bitcoin::EcdsaSighashType::All.to_u32() as u8); s }, if true {
                vec![1u8] } else { Vec::new() }, ((f_paychan_channel_script(k.clone(),
                lnp_env, lnp_ctx) ?).to_bytes()).to_vec()
            ],
        );
    if ((total.clone()).to_sat() >= lnp_env.params.dust_limit.clone()) {
        lnp_tx.output((total.clone()).to_sat(), rt::builtins::p2wpkh(&k.payee), 0u64);
    }

    if (((lnp_env.params.capacity.clone())
        .checked_sub(lnp_env.params.close_fee.clone())
        .or_reject("specs/toy/paychan.lnp:78")?)
        .checked_sub((total.clone()).to_sat())
        .or_reject("specs/toy/paychan.lnp:78")? >= lnp_env.params.dust_limit.clone())
    {
        lnp_tx
            .output(
                ((lnp_env.params.capacity.clone())
                    .checked_sub(lnp_env.params.close_fee.clone())
                    .or_reject("specs/toy/paychan.lnp:78")?)
                    .checked_sub((total.clone()).to_sat())
                    .or_reject("specs/toy/paychan.lnp:78")?,
                rt::builtins::p2wpkh(&k.payer),
                0u64,
            );
    }

    Ok(lnp_tx.build(rt::txbuild::Order::Bip69))
}

/// `template refund` (specs/toy/paychan.lnp:85).
pub fn tpl_paychan_refund<C: rt::Context>(
    funding: rt::OutPoint,
    k: Keys,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    let mut lnp_tx = rt::txbuild::TxBuilder::new();
    lnp_tx.version(2u32);
    lnp_tx.locktime(0u32);
    lnp_tx
        .input(
            funding.clone(),
            rt::builtins::int::<u32>(lnp_env.params.refund_delay.clone())
                .or_reject("specs/toy/paychan.lnp:88")?,
            rt::SpendInfo {
                script: f_paychan_channel_script(k.clone(), lnp_env, lnp_ctx)?,
                amount: lnp_env.params.capacity.clone(),
                sighash: bitcoin::EcdsaSighashType::All,
            },
            vec![],
        );
    lnp_tx
        .output(
            (lnp_env.params.capacity.clone())
                .checked_sub(lnp_env.params.close_fee.clone())
                .or_reject("specs/toy/paychan.lnp:89")?,
            rt::builtins::p2wpkh(&k.payer),
            0u64,
        );
    Ok(lnp_tx.build(rt::txbuild::Order::Declared))
}

/// `template refund_signed` (specs/toy/paychan.lnp:92).
pub fn tpl_paychan_refund_signed<C: rt::Context>(
    funding: rt::OutPoint,
    k: Keys,
    payer_sig: rt::Signature,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    let mut lnp_tx = rt::txbuild::TxBuilder::new();
    lnp_tx.version(2u32);
    lnp_tx.locktime(0u32);
    lnp_tx
        .input(
            funding.clone(),
            rt::builtins::int::<u32>(lnp_env.params.refund_delay.clone())
                .or_reject("specs/toy/paychan.lnp:95")?,
            rt::SpendInfo {
                script: f_paychan_channel_script(k.clone(), lnp_env, lnp_ctx)?,
                amount: lnp_env.params.capacity.clone(),
                sighash: bitcoin::EcdsaSighashType::All,
            },
            vec![
                { let mut s = (payer_sig.clone()).serialize_der().to_vec(); s
                .push(bitcoin::EcdsaSighashType::All.to_u32() as u8); s }, if false {
                vec![1u8] } else { Vec::new() }, ((f_paychan_channel_script(k.clone(),
                lnp_env, lnp_ctx) ?).to_bytes()).to_vec()
            ],
        );
    lnp_tx
        .output(
            (lnp_env.params.capacity.clone())
                .checked_sub(lnp_env.params.close_fee.clone())
                .or_reject("specs/toy/paychan.lnp:96")?,
            rt::builtins::p2wpkh(&k.payer),
            0u64,
        );
    Ok(lnp_tx.build(rt::txbuild::Order::Declared))
}

/// `on command open in Idle -> Proposed` in `Idle` (specs/toy/paychan.lnp:99).
fn t0_idle<C: rt::Context>(
    lnp_state: state::Idle,
    c: Open,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Idle {} = lnp_state;
    let mut keys_payer: rt::Point;
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::Propose(Propose {
                    capacity: lnp_env.params.capacity.clone(),
                    payer_key: c.payer_key.clone(),
                    note: None,
                }),
            ),
        );
    keys_payer = c.payer_key.clone();
    Ok((State::Proposed(state::Proposed { keys_payer }), lnp_fx))
}

fn t0_idle_when<C: rt::Context>(
    lnp_state: &state::Idle,
    c: &Open,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Idle {} = lnp_state;
    Ok((lnp_env.role == Role::Payer))
}

/// `on recv propose in Idle -> AwaitingFunding` in `Idle` (specs/toy/paychan.lnp:104).
fn t1_idle<C: rt::Context>(
    lnp_state: state::Idle,
    m: Propose,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Idle {} = lnp_state;
    let mut keys: Keys;
    if !((m.capacity.clone() == lnp_env.params.capacity.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "capacity differs from the agreed one",
                "specs/toy/paychan.lnp:105",
            ),
        );
    }

    if !((m.capacity.clone()
        >= ((lnp_env.params.dust_limit.clone())
            .checked_mul(2u64)
            .or_reject("specs/toy/paychan.lnp:106")?)
            .checked_add(lnp_env.params.close_fee.clone())
            .or_reject("specs/toy/paychan.lnp:106")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "channel too small",
                "specs/toy/paychan.lnp:106",
            ),
        );
    }

    let me = lnp_ctx.per_commitment_point(0u64);
    lnp_fx.push(rt::Effect::Send(Message::Accept(Accept { payee_key: me.clone() })));
    keys = Keys {
        payer: m.payer_key.clone(),
        payee: me.clone(),
    };
    Ok((State::AwaitingFunding(state::AwaitingFunding { keys }), lnp_fx))
}

/// `on recv accept in Proposed -> Accepted` in `Proposed` (specs/toy/paychan.lnp:114).
fn t2_proposed<C: rt::Context>(
    lnp_state: state::Proposed,
    m: Accept,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Proposed { mut keys_payer } = lnp_state;
    let mut keys: Keys;
    let k = Keys {
        payer: keys_payer.clone(),
        payee: m.payee_key.clone(),
    };
    keys = k.clone();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::FundingNeeded(FundingNeeded {
                    script: rt::builtins::p2wsh(
                        &f_paychan_channel_script(k.clone(), lnp_env, lnp_ctx)?,
                    ),
                    amount: lnp_env.params.capacity.clone(),
                }),
            ),
        );
    Ok((State::Accepted(state::Accepted { keys }), lnp_fx))
}

/// `on command fund in Accepted -> Funding` in `Accepted` (specs/toy/paychan.lnp:120).
fn t3_accepted<C: rt::Context>(
    lnp_state: state::Accepted,
    c: Fund,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Accepted { mut keys } = lnp_state;
    let mut funding: rt::OutPoint;
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::Funded(Funded {
                    funding: c.funding.clone(),
                }),
            ),
        );
    funding = c.funding.clone();
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "funding_deep",
            txid: c.funding.txid.clone(),
            depth: lnp_env.params.min_depth.clone(),
        });
    Ok((State::Funding(state::Funding { funding, keys }), lnp_fx))
}

fn t3_accepted_when<C: rt::Context>(
    lnp_state: &state::Accepted,
    c: &Fund,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Accepted { keys } = lnp_state;
    Ok((lnp_env.role == Role::Payer))
}

/// `on recv funded in AwaitingFunding -> Funding` in `AwaitingFunding` (specs/toy/paychan.lnp:126).
fn t4_awaitingfunding<C: rt::Context>(
    lnp_state: state::AwaitingFunding,
    m: Funded,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitingFunding { mut keys } = lnp_state;
    let mut funding: rt::OutPoint;
    funding = m.funding.clone();
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "funding_deep",
            txid: m.funding.txid.clone(),
            depth: lnp_env.params.min_depth.clone(),
        });
    Ok((State::Funding(state::Funding { funding, keys }), lnp_fx))
}

/// `on chain funding_deep in Funding -> Open` in `Funding` (specs/toy/paychan.lnp:131).
fn t5_funding<C: rt::Context>(
    lnp_state: state::Funding,
    _lnp_trig: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Funding { mut funding, mut keys } = lnp_state;
    let mut total: rt::Msat;
    let mut sig: Option<rt::Signature>;
    let mut pending: rt::Msat;
    total = rt::Msat(0);
    sig = None;
    pending = rt::Msat(0);
    lnp_fx
        .push(rt::Effect::WatchSpend {
            name: "funding_spent",
            outpoint: funding.clone(),
        });
    Ok((
        State::Open(state::Open {
            funding,
            keys,
            total,
            sig,
            pending,
        }),
        lnp_fx,
    ))
}

/// `on command send in Open` in `Open` (specs/toy/paychan.lnp:138).
fn t6_open<C: rt::Context>(
    lnp_state: state::Open,
    c: Send,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Open { mut funding, mut keys, mut total, mut sig, mut pending } = lnp_state;
    if !((c.amount.clone() > rt::Msat(0))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "nothing to pay",
                "specs/toy/paychan.lnp:139",
            ),
        );
    }

    if !((c.amount.clone()
        == ((c.amount.clone()).to_sat())
            .to_msat()
            .or_reject("specs/toy/paychan.lnp:141")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "pay whole satoshis",
                "specs/toy/paychan.lnp:141",
            ),
        );
    }

    let next = ((total.clone())
        .checked_add(pending.clone())
        .or_reject("specs/toy/paychan.lnp:142")?)
        .checked_add(c.amount.clone())
        .or_reject("specs/toy/paychan.lnp:142")?;
    if !((next.clone()
        <= ((lnp_env.params.capacity.clone())
            .checked_sub(lnp_env.params.close_fee.clone())
            .or_reject("specs/toy/paychan.lnp:143")?)
            .to_msat()
            .or_reject("specs/toy/paychan.lnp:143")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "not enough funds",
                "specs/toy/paychan.lnp:143",
            ),
        );
    }

    let tx = tpl_paychan_payout(
        funding.clone(),
        keys.clone(),
        next.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::Pay(Pay {
                    total: next.clone(),
                    sig: {
                        let (lnp_tx, lnp_key) = (tx.clone(), keys.payer.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/toy/paychan.lnp:145",
                            ))?
                    },
                }),
            ),
        );
    pending = (pending.clone())
        .checked_add(c.amount.clone())
        .or_reject("specs/toy/paychan.lnp:146")?;
    Ok((
        State::Open(state::Open {
            funding,
            keys,
            total,
            sig,
            pending,
        }),
        lnp_fx,
    ))
}

fn t6_open_when<C: rt::Context>(
    lnp_state: &state::Open,
    c: &Send,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Open { funding, keys, total, sig, pending } = lnp_state;
    Ok((lnp_env.role == Role::Payer))
}

/// `on recv pay in Open` in `Open` (specs/toy/paychan.lnp:149).
fn t7_open<C: rt::Context>(
    lnp_state: state::Open,
    m: Pay,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Open { mut funding, mut keys, mut total, mut sig, mut pending } = lnp_state;
    if !((m.total.clone() > total.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "payments only grow",
                "specs/toy/paychan.lnp:150",
            ),
        );
    }

    if !((m.total.clone()
        <= ((lnp_env.params.capacity.clone())
            .checked_sub(lnp_env.params.close_fee.clone())
            .or_reject("specs/toy/paychan.lnp:151")?)
            .to_msat()
            .or_reject("specs/toy/paychan.lnp:151")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "pays more than the channel holds",
                "specs/toy/paychan.lnp:151",
            ),
        );
    }

    if !((m.total.clone()
        == ((m.total.clone()).to_sat())
            .to_msat()
            .or_reject("specs/toy/paychan.lnp:152")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "a total in whole satoshis was expected",
                "specs/toy/paychan.lnp:152",
            ),
        );
    }

    if !(rt::builtins::verify(
        &m.sig,
        &tpl_paychan_payout(
            funding.clone(),
            keys.clone(),
            m.total.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        0u32,
        &keys.payer,
    )) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "bad signature",
                "specs/toy/paychan.lnp:153",
            ),
        );
    }

    total = m.total.clone();
    sig = Some(m.sig.clone());
    lnp_fx.push(rt::Effect::Send(Message::Ack(Ack { total: m.total.clone() })));
    lnp_fx.push(rt::Effect::Emit(Event::Paid(Paid { total: m.total.clone() })));
    Ok((
        State::Open(state::Open {
            funding,
            keys,
            total,
            sig,
            pending,
        }),
        lnp_fx,
    ))
}

/// `on recv ack in Open` in `Open` (specs/toy/paychan.lnp:160).
fn t8_open<C: rt::Context>(
    lnp_state: state::Open,
    m: Ack,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Open { mut funding, mut keys, mut total, mut sig, mut pending } = lnp_state;
    if !((m.total.clone()
        <= (total.clone())
            .checked_add(pending.clone())
            .or_reject("specs/toy/paychan.lnp:161")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "acknowledges an unknown payment",
                "specs/toy/paychan.lnp:161",
            ),
        );
    }

    pending = ((total.clone())
        .checked_add(pending.clone())
        .or_reject("specs/toy/paychan.lnp:162")?)
        .checked_sub(m.total.clone())
        .or_reject("specs/toy/paychan.lnp:162")?;
    total = m.total.clone();
    Ok((
        State::Open(state::Open {
            funding,
            keys,
            total,
            sig,
            pending,
        }),
        lnp_fx,
    ))
}

/// `on command settle in Open -> Closing` in `Open` (specs/toy/paychan.lnp:166).
fn t9_open<C: rt::Context>(
    lnp_state: state::Open,
    _lnp_trig: Settle,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Open { mut funding, mut keys, mut total, mut sig, mut pending } = lnp_state;
    let mut txid: rt::Txid;
    if !((sig).is_some()) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "nothing to settle yet",
                "specs/toy/paychan.lnp:167",
            ),
        );
    }

    let unsigned = tpl_paychan_payout(
        funding.clone(),
        keys.clone(),
        total.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let tx = tpl_paychan_settlement(
        funding.clone(),
        keys.clone(),
        total.clone(),
        (sig.clone())
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/toy/paychan.lnp:169",
            ))?,
        {
            let (lnp_tx, lnp_key) = (unsigned.clone(), keys.payee.clone());
            lnp_ctx
                .sign(&lnp_tx, 0u32, &lnp_key)
                .map_err(|why| rt::Reject::new(
                    rt::RejectKind::Error,
                    why.to_string(),
                    "specs/toy/paychan.lnp:169",
                ))?
        },
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx.push(rt::Effect::Broadcast((tx.clone()).tx));
    txid = rt::builtins::txid(&tx);
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::Settled(Settled {
                    txid: rt::builtins::txid(&tx),
                    payee_gets: (total.clone()).to_sat(),
                }),
            ),
        );
    Ok((State::Closing(state::Closing { funding, txid }), lnp_fx))
}

fn t9_open_when<C: rt::Context>(
    lnp_state: &state::Open,
    _lnp_trig: &Settle,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Open { funding, keys, total, sig, pending } = lnp_state;
    Ok((lnp_env.role == Role::Payee))
}

/// `on command refund in Open -> Closing` in `Open` (specs/toy/paychan.lnp:175).
fn t10_open<C: rt::Context>(
    lnp_state: state::Open,
    _lnp_trig: Refund,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Open { mut funding, mut keys, mut total, mut sig, mut pending } = lnp_state;
    let mut txid: rt::Txid;
    let tx = tpl_paychan_refund_signed(
        funding.clone(),
        keys.clone(),
        {
            let (lnp_tx, lnp_key) = (
                tpl_paychan_refund(funding.clone(), keys.clone(), lnp_env, lnp_ctx)?,
                keys.payer.clone(),
            );
            lnp_ctx
                .sign(&lnp_tx, 0u32, &lnp_key)
                .map_err(|why| rt::Reject::new(
                    rt::RejectKind::Error,
                    why.to_string(),
                    "specs/toy/paychan.lnp:176",
                ))?
        },
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx.push(rt::Effect::Broadcast((tx.clone()).tx));
    txid = rt::builtins::txid(&tx);
    Ok((State::Closing(state::Closing { funding, txid }), lnp_fx))
}

fn t10_open_when<C: rt::Context>(
    lnp_state: &state::Open,
    _lnp_trig: &Refund,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Open { funding, keys, total, sig, pending } = lnp_state;
    Ok((lnp_env.role == Role::Payer))
}

/// `on chain funding_spent in Open -> Closed` in `Open` (specs/toy/paychan.lnp:184).
fn t11_open<C: rt::Context>(
    lnp_state: state::Open,
    _lnp_trig: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Open { mut funding, mut keys, mut total, mut sig, mut pending } = lnp_state;
    Ok((State::Closed(state::Closed {}), lnp_fx))
}

/// `on chain funding_spent in Closing -> Closed` in `Closing` (specs/toy/paychan.lnp:186).
fn t12_closing<C: rt::Context>(
    lnp_state: state::Closing,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Closing { mut funding, mut txid } = lnp_state;
    Ok((State::Closed(state::Closed {}), lnp_fx))
}

/// `within_capacity` in `Open` (specs/toy/paychan.lnp:188).
fn p0_open<C: rt::Context>(
    lnp_state: state::Open,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Open { funding, keys, total, sig, pending } = lnp_state;
    Ok(
        ((total.clone())
            .checked_add(pending.clone())
            .or_reject("specs/toy/paychan.lnp:188")?
            <= (lnp_env.params.capacity.clone())
                .to_msat()
                .or_reject("specs/toy/paychan.lnp:188")?),
    )
}

/// `something_paid` in `Open` (specs/toy/paychan.lnp:189).
fn p1_open<C: rt::Context>(
    lnp_state: state::Open,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Open { funding, keys, total, sig, pending } = lnp_state;
    Ok((total.clone() > rt::Msat(0)))
}

/// The name as declared, with the `'static` lifetime effects carry.
fn static_name(s: &str) -> Result<&'static str, wire::WireError> {
    match s {
        "funding_deep" => Ok("funding_deep"),
        "funding_spent" => Ok("funding_spent"),
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
            State::Idle(v) => {
                w.u16(0u16);
            }
            State::Proposed(v) => {
                w.u16(1u16);
                w.point(&v.keys_payer.clone());
            }
            State::Accepted(v) => {
                w.u16(2u16);
                {
                    let r = v.keys.clone();
                    w.point(&r.payer.clone());
                    w.point(&r.payee.clone());
                }
            }
            State::AwaitingFunding(v) => {
                w.u16(3u16);
                {
                    let r = v.keys.clone();
                    w.point(&r.payer.clone());
                    w.point(&r.payee.clone());
                }
            }
            State::Funding(v) => {
                w.u16(4u16);
                let op = v.funding.clone();
                w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid));
                w.u32(op.vout);
                {
                    let r = v.keys.clone();
                    w.point(&r.payer.clone());
                    w.point(&r.payee.clone());
                }
            }
            State::Open(v) => {
                w.u16(5u16);
                let op = v.funding.clone();
                w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid));
                w.u32(op.vout);
                {
                    let r = v.keys.clone();
                    w.point(&r.payer.clone());
                    w.point(&r.payee.clone());
                }
                w.u64((v.total.clone()).0);
                match &v.sig.clone() {
                    Some(x) => {
                        w.u8(1);
                        w.signature(&x.clone());
                    }
                    None => w.u8(0),
                }
                w.u64((v.pending.clone()).0);
            }
            State::Closing(v) => {
                w.u16(6u16);
                let op = v.funding.clone();
                w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid));
                w.u32(op.vout);
                w.bytes(
                    &<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(v.txid.clone()),
                );
            }
            State::Closed(v) => {
                w.u16(7u16);
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
            0u16 => State::Idle({ state::Idle {} }),
            1u16 => {
                State::Proposed({
                    let keys_payer = r.point()?;
                    state::Proposed { keys_payer }
                })
            }
            2u16 => {
                State::Accepted({
                    let keys = Keys {
                        payer: r.point()?,
                        payee: r.point()?,
                    };
                    state::Accepted { keys }
                })
            }
            3u16 => {
                State::AwaitingFunding({
                    let keys = Keys {
                        payer: r.point()?,
                        payee: r.point()?,
                    };
                    state::AwaitingFunding { keys }
                })
            }
            4u16 => {
                State::Funding({
                    let funding = rt::OutPoint {
                        txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        ),
                        vout: r.u32()?,
                    };
                    let keys = Keys {
                        payer: r.point()?,
                        payee: r.point()?,
                    };
                    state::Funding { funding, keys }
                })
            }
            5u16 => {
                State::Open({
                    let funding = rt::OutPoint {
                        txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        ),
                        vout: r.u32()?,
                    };
                    let keys = Keys {
                        payer: r.point()?,
                        payee: r.point()?,
                    };
                    let total = rt::Msat(r.u64()?);
                    let sig = match r.u8()? {
                        0 => None,
                        1 => Some(r.signature()?),
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    let pending = rt::Msat(r.u64()?);
                    state::Open {
                        funding,
                        keys,
                        total,
                        sig,
                        pending,
                    }
                })
            }
            6u16 => {
                State::Closing({
                    let funding = rt::OutPoint {
                        txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        ),
                        vout: r.u32()?,
                    };
                    let txid = <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                        r.array()?,
                    );
                    state::Closing { funding, txid }
                })
            }
            7u16 => State::Closed({ state::Closed {} }),
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
            Event::FundingNeeded(v) => {
                w.u16(0u16);
                w.var_bytes((v.script.clone()).as_bytes())?;
                w.u64((v.amount.clone()).0);
            }
            Event::Paid(v) => {
                w.u16(1u16);
                w.u64((v.total.clone()).0);
            }
            Event::Settled(v) => {
                w.u16(2u16);
                w.bytes(
                    &<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(v.txid.clone()),
                );
                w.u64((v.payee_gets.clone()).0);
            }
        }
        Ok(())
    }

    pub fn decode_from(r: &mut wire::Reader) -> Result<Event, wire::WireError> {
        Ok(
            match r.u16()? {
                0u16 => {
                    Event::FundingNeeded({
                        let script = rt::Script::from(r.var_bytes()?.to_vec());
                        let amount = rt::Sat(r.u64()?);
                        FundingNeeded { script, amount }
                    })
                }
                1u16 => {
                    Event::Paid({
                        let total = rt::Msat(r.u64()?);
                        Paid { total }
                    })
                }
                2u16 => {
                    Event::Settled({
                        let txid = <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        );
                        let payee_gets = rt::Sat(r.u64()?);
                        Settled { txid, payee_gets }
                    })
                }
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
pub struct Paychan;
impl lnp_engine::machine::Machine for Paychan {
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

impl lnp_engine::explore::Explorable for Paychan {
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
