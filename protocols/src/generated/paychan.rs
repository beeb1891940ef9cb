// Generated from specs/toy/paychan.lnp by lnp-codegen. Do not edit: change the spec and run
// `cargo run -p lnpc -- compile specs/ --out protocols/src/generated`.

//! The `paychan` protocol, generated from its spec and the modules it imports.
#![allow(clippy::all, unused_imports, dead_code)]
use lnp_engine::rt;
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
}

impl Params {
    /// Parameters with every default from the spec; the rest are arguments.
    pub fn new(capacity: rt::Sat) -> Self {
        Params {
            capacity,
            refund_delay: 144,
            min_depth: 3,
            dust_limit: rt::Sat(546),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Payer,
    Payee,
}

/// Spec: `specs/toy/paychan.lnp:16`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Keys {
    /// Spec: `specs/toy/paychan.lnp:16`.
    pub payer: rt::Point,
    /// Spec: `specs/toy/paychan.lnp:16`.
    pub payee: rt::Point,
}

/// The `propose` message (wire type 40000).
/// Spec: `specs/toy/paychan.lnp:18`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Propose {
    /// Spec: `specs/toy/paychan.lnp:19`.
    pub funding: rt::OutPoint,
    /// Spec: `specs/toy/paychan.lnp:20`.
    pub capacity: rt::Sat,
    /// Spec: `specs/toy/paychan.lnp:21`.
    pub payer_key: rt::Point,
    /// Spec: `specs/toy/paychan.lnp:23`.
    pub note: Option<rt::Utf8>,
}

impl Propose {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 40000;
}

/// The `accept` message (wire type 40002).
/// Spec: `specs/toy/paychan.lnp:26`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Accept {
    /// Spec: `specs/toy/paychan.lnp:26`.
    pub payee_key: rt::Point,
}

impl Accept {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 40002;
}

/// The `pay` message (wire type 40004).
/// Spec: `specs/toy/paychan.lnp:27`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pay {
    /// Spec: `specs/toy/paychan.lnp:27`.
    pub total: rt::Msat,
    /// Spec: `specs/toy/paychan.lnp:27`.
    pub sig: rt::Signature,
}

impl Pay {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 40004;
}

/// The `ack` message (wire type 40006).
/// Spec: `specs/toy/paychan.lnp:28`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ack {
    /// Spec: `specs/toy/paychan.lnp:28`.
    pub total: rt::Msat,
}

impl Ack {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 40006;
}

/// Every message of this protocol.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Message {
    Propose(Propose),
    Accept(Accept),
    Pay(Pay),
    Ack(Ack),
}

impl Message {
    pub fn wire_type(&self) -> u16 {
        match self {
            Message::Propose(_) => Propose::WIRE_TYPE,
            Message::Accept(_) => Accept::WIRE_TYPE,
            Message::Pay(_) => Pay::WIRE_TYPE,
            Message::Ack(_) => Ack::WIRE_TYPE,
        }
    }

    /// The message's name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            Message::Propose(_) => "propose",
            Message::Accept(_) => "accept",
            Message::Pay(_) => "pay",
            Message::Ack(_) => "ack",
        }
    }
}

/// Spec: `specs/toy/paychan.lnp:30`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Open {
    /// Spec: `specs/toy/paychan.lnp:30`.
    pub funding: rt::OutPoint,
    /// Spec: `specs/toy/paychan.lnp:30`.
    pub payer_key: rt::Point,
}

/// Spec: `specs/toy/paychan.lnp:31`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Send {
    /// Spec: `specs/toy/paychan.lnp:31`.
    pub amount: rt::Msat,
}

/// Spec: `specs/toy/paychan.lnp:32`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Settle {}
/// A user command this machine accepts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Open(Open),
    Send(Send),
    Settle(Settle),
}

/// Spec: `specs/toy/paychan.lnp:34`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Paid {
    /// Spec: `specs/toy/paychan.lnp:34`.
    pub total: rt::Msat,
}

/// Spec: `specs/toy/paychan.lnp:35`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Settled {
    /// Spec: `specs/toy/paychan.lnp:35`.
    pub txid: rt::Txid,
    /// Spec: `specs/toy/paychan.lnp:35`.
    pub payee_gets: rt::Sat,
}

/// An event this machine reports to the user.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Event {
    Paid(Paid),
    Settled(Settled),
}

/// The data of each state: one struct per state of the spec.
pub mod state {
    use super::*;
    /// Spec: `specs/toy/paychan.lnp:37`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Idle {}
    /// Spec: `specs/toy/paychan.lnp:38`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Proposed {
        /// Spec: `specs/toy/paychan.lnp:38`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/toy/paychan.lnp:38`.
        pub keys_payer: rt::Point,
    }

    /// Spec: `specs/toy/paychan.lnp:39`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Funding {
        /// Spec: `specs/toy/paychan.lnp:39`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/toy/paychan.lnp:39`.
        pub keys: Keys,
    }

    /// Spec: `specs/toy/paychan.lnp:40`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Open {
        /// Spec: `specs/toy/paychan.lnp:40`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/toy/paychan.lnp:40`.
        pub keys: Keys,
        /// Spec: `specs/toy/paychan.lnp:40`.
        pub total: rt::Msat,
        /// Spec: `specs/toy/paychan.lnp:40`.
        pub sig: Option<rt::Signature>,
        /// Spec: `specs/toy/paychan.lnp:40`.
        pub pending: rt::Msat,
    }

    /// Spec: `specs/toy/paychan.lnp:41`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Closing {
        /// Spec: `specs/toy/paychan.lnp:41`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/toy/paychan.lnp:41`.
        pub txid: rt::Txid,
    }

    /// Spec: `specs/toy/paychan.lnp:42`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Closed {}
}

/// The state of a machine: exactly one of the spec's states, with its data.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum State {
    Idle(state::Idle),
    Proposed(state::Proposed),
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
