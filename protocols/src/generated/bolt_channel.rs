// Generated from specs/bolt/bolt_channel.lnp, specs/bolt/channel.lnp, specs/bolt/htlc.lnp by lnp-codegen. Do not edit: change the spec and run
// `cargo run -p lnpc -- compile specs/ --out protocols/src/generated`.

//! The `bolt_channel` protocol, generated from its spec and the modules it imports.
#![allow(clippy::all, unused_imports, dead_code)]
use lnp_engine::rt;
/// The parameters of one machine, fixed when it is created.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Params {
    /// Spec: `specs/bolt/channel.lnp:12`.
    pub chain: rt::ChainHash,
    /// Spec: `specs/bolt/channel.lnp:13`.
    pub dust_limit: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:14`.
    pub channel_reserve: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:15`.
    pub htlc_minimum: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:16`.
    pub max_in_flight: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:17`.
    pub to_self_delay: u16,
    /// Spec: `specs/bolt/channel.lnp:18`.
    pub max_accepted_htlcs: u16,
    /// Spec: `specs/bolt/channel.lnp:19`.
    pub minimum_depth: u32,
    /// Spec: `specs/bolt/channel.lnp:20`.
    pub feerate_per_kw: u32,
}

impl Params {
    /// Parameters with every default from the spec; the rest are arguments.
    pub fn new(chain: rt::ChainHash) -> Self {
        Params {
            chain,
            dust_limit: rt::Sat(546),
            channel_reserve: rt::Sat(10000),
            htlc_minimum: rt::Msat(1),
            max_in_flight: rt::Msat(5000000000),
            to_self_delay: 144,
            max_accepted_htlcs: 483,
            minimum_depth: 3,
            feerate_per_kw: 253,
        }
    }
}

/// Spec: `specs/bolt/channel.lnp:23`.
pub const BOLT_MAX_HTLCS: u16 = 483;
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Funder,
    Fundee,
}

/// Spec: `specs/bolt/channel.lnp:26`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Basepoints {
    /// Spec: `specs/bolt/channel.lnp:27`.
    pub funding: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:28`.
    pub revocation: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:29`.
    pub payment: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:30`.
    pub delayed_payment: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:31`.
    pub htlc: rt::Point,
}

/// Spec: `specs/bolt/channel.lnp:35`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CommitKeys {
    /// Spec: `specs/bolt/channel.lnp:36`.
    pub revocation: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:37`.
    pub local_delayed: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:38`.
    pub remote_payment: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:39`.
    pub local_htlc: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:40`.
    pub remote_htlc: rt::Point,
}

/// Spec: `specs/bolt/channel.lnp:44`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pending {
    /// Spec: `specs/bolt/channel.lnp:44`.
    pub id: u64,
    /// Spec: `specs/bolt/channel.lnp:44`.
    pub amount: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:44`.
    pub cltv_expiry: u32,
    /// Spec: `specs/bolt/channel.lnp:44`.
    pub offered: bool,
    /// Spec: `specs/bolt/channel.lnp:44`.
    pub lock: Vec<u8>,
}

/// The `open_channel` message (wire type 32).
/// Spec: `specs/bolt/channel.lnp:53`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OpenChannel {
    /// Spec: `specs/bolt/channel.lnp:54`.
    pub chain_hash: rt::ChainHash,
    /// Spec: `specs/bolt/channel.lnp:55`.
    pub temporary_channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:56`.
    pub funding_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:57`.
    pub push_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:58`.
    pub dust_limit_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:59`.
    pub max_htlc_value_in_flight_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:60`.
    pub channel_reserve_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:61`.
    pub htlc_minimum_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:62`.
    pub feerate_per_kw: u32,
    /// Spec: `specs/bolt/channel.lnp:63`.
    pub to_self_delay: u16,
    /// Spec: `specs/bolt/channel.lnp:64`.
    pub max_accepted_htlcs: u16,
    /// Spec: `specs/bolt/channel.lnp:65`.
    pub funding_pubkey: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:66`.
    pub revocation_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:67`.
    pub payment_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:68`.
    pub delayed_payment_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:69`.
    pub htlc_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:70`.
    pub first_per_commitment_point: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:71`.
    pub channel_flags: u8,
    /// Spec: `specs/bolt/channel.lnp:73`.
    pub upfront_shutdown_script: Option<Vec<u8>>,
    /// Spec: `specs/bolt/channel.lnp:74`.
    pub channel_type: Option<Vec<u8>>,
}

impl OpenChannel {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 32;
}

/// The `accept_channel` message (wire type 33).
/// Spec: `specs/bolt/channel.lnp:78`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AcceptChannel {
    /// Spec: `specs/bolt/channel.lnp:79`.
    pub temporary_channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:80`.
    pub dust_limit_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:81`.
    pub max_htlc_value_in_flight_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:82`.
    pub channel_reserve_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:83`.
    pub htlc_minimum_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:84`.
    pub minimum_depth: u32,
    /// Spec: `specs/bolt/channel.lnp:85`.
    pub to_self_delay: u16,
    /// Spec: `specs/bolt/channel.lnp:86`.
    pub max_accepted_htlcs: u16,
    /// Spec: `specs/bolt/channel.lnp:87`.
    pub funding_pubkey: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:88`.
    pub revocation_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:89`.
    pub payment_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:90`.
    pub delayed_payment_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:91`.
    pub htlc_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:92`.
    pub first_per_commitment_point: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:94`.
    pub upfront_shutdown_script: Option<Vec<u8>>,
    /// Spec: `specs/bolt/channel.lnp:95`.
    pub channel_type: Option<Vec<u8>>,
}

impl AcceptChannel {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 33;
}

/// The `funding_created` message (wire type 34).
/// Spec: `specs/bolt/channel.lnp:99`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FundingCreated {
    /// Spec: `specs/bolt/channel.lnp:100`.
    pub temporary_channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:101`.
    pub funding_txid: rt::Txid,
    /// Spec: `specs/bolt/channel.lnp:102`.
    pub funding_output_index: u16,
    /// Spec: `specs/bolt/channel.lnp:103`.
    pub signature: rt::Signature,
}

impl FundingCreated {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 34;
}

/// The `funding_signed` message (wire type 35).
/// Spec: `specs/bolt/channel.lnp:106`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FundingSigned {
    /// Spec: `specs/bolt/channel.lnp:106`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:106`.
    pub signature: rt::Signature,
}

impl FundingSigned {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 35;
}

/// The `channel_ready` message (wire type 36).
/// Spec: `specs/bolt/channel.lnp:108`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChannelReady {
    /// Spec: `specs/bolt/channel.lnp:109`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:110`.
    pub second_per_commitment_point: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:112`.
    pub short_channel_id: Option<rt::ShortChannelId>,
}

impl ChannelReady {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 36;
}

/// The `shutdown` message (wire type 38).
/// Spec: `specs/bolt/channel.lnp:116`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Shutdown {
    /// Spec: `specs/bolt/channel.lnp:116`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:116`.
    pub scriptpubkey: Vec<u8>,
}

impl Shutdown {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 38;
}

/// The `closing_signed` message (wire type 39).
/// Spec: `specs/bolt/channel.lnp:118`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClosingSigned {
    /// Spec: `specs/bolt/channel.lnp:118`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:118`.
    pub fee_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:118`.
    pub signature: rt::Signature,
}

impl ClosingSigned {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 39;
}

/// The `commitment_signed` message (wire type 132).
/// Spec: `specs/bolt/channel.lnp:120`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CommitmentSigned {
    /// Spec: `specs/bolt/channel.lnp:121`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:122`.
    pub signature: rt::Signature,
    /// Spec: `specs/bolt/channel.lnp:123`.
    pub htlc_signatures: Vec<rt::Signature>,
}

impl CommitmentSigned {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 132;
}

/// The `revoke_and_ack` message (wire type 133).
/// Spec: `specs/bolt/channel.lnp:126`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RevokeAndAck {
    /// Spec: `specs/bolt/channel.lnp:127`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:128`.
    pub per_commitment_secret: rt::Secret,
    /// Spec: `specs/bolt/channel.lnp:129`.
    pub next_per_commitment_point: rt::Point,
}

impl RevokeAndAck {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 133;
}

/// The `update_fee` message (wire type 134).
/// Spec: `specs/bolt/channel.lnp:132`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UpdateFee {
    /// Spec: `specs/bolt/channel.lnp:132`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:132`.
    pub feerate_per_kw: u32,
}

impl UpdateFee {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 134;
}

/// The `update_add_htlc` message (wire type 128).
/// Spec: `specs/bolt/htlc.lnp:10`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UpdateAddHtlc {
    /// Spec: `specs/bolt/htlc.lnp:11`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/htlc.lnp:12`.
    pub id: u64,
    /// Spec: `specs/bolt/htlc.lnp:13`.
    pub amount_msat: rt::Msat,
    /// Spec: `specs/bolt/htlc.lnp:14`.
    pub payment_hash: rt::Hash256,
    /// Spec: `specs/bolt/htlc.lnp:15`.
    pub cltv_expiry: u32,
    /// Spec: `specs/bolt/htlc.lnp:16`.
    pub onion_routing_packet: [u8; 1366usize],
    /// Spec: `specs/bolt/htlc.lnp:18`.
    pub blinding_point: Option<rt::Point>,
}

impl UpdateAddHtlc {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 128;
}

/// The `update_fulfill_htlc` message (wire type 130).
/// Spec: `specs/bolt/htlc.lnp:22`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UpdateFulfillHtlc {
    /// Spec: `specs/bolt/htlc.lnp:22`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/htlc.lnp:22`.
    pub id: u64,
    /// Spec: `specs/bolt/htlc.lnp:22`.
    pub payment_preimage: [u8; 32usize],
}

impl UpdateFulfillHtlc {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 130;
}

/// The `update_fail_htlc` message (wire type 131).
/// Spec: `specs/bolt/htlc.lnp:23`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UpdateFailHtlc {
    /// Spec: `specs/bolt/htlc.lnp:23`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/htlc.lnp:23`.
    pub id: u64,
    /// Spec: `specs/bolt/htlc.lnp:23`.
    pub reason: Vec<u8>,
}

impl UpdateFailHtlc {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 131;
}

/// The `update_fail_malformed_htlc` message (wire type 135).
/// Spec: `specs/bolt/htlc.lnp:24`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UpdateFailMalformedHtlc {
    /// Spec: `specs/bolt/htlc.lnp:25`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/htlc.lnp:26`.
    pub id: u64,
    /// Spec: `specs/bolt/htlc.lnp:27`.
    pub sha256_of_onion: rt::Hash256,
    /// Spec: `specs/bolt/htlc.lnp:28`.
    pub failure_code: u16,
}

impl UpdateFailMalformedHtlc {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 135;
}

/// Every message of this protocol.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Message {
    OpenChannel(OpenChannel),
    AcceptChannel(AcceptChannel),
    FundingCreated(FundingCreated),
    FundingSigned(FundingSigned),
    ChannelReady(ChannelReady),
    Shutdown(Shutdown),
    ClosingSigned(ClosingSigned),
    CommitmentSigned(CommitmentSigned),
    RevokeAndAck(RevokeAndAck),
    UpdateFee(UpdateFee),
    UpdateAddHtlc(UpdateAddHtlc),
    UpdateFulfillHtlc(UpdateFulfillHtlc),
    UpdateFailHtlc(UpdateFailHtlc),
    UpdateFailMalformedHtlc(UpdateFailMalformedHtlc),
}

impl Message {
    pub fn wire_type(&self) -> u16 {
        match self {
            Message::OpenChannel(_) => OpenChannel::WIRE_TYPE,
            Message::AcceptChannel(_) => AcceptChannel::WIRE_TYPE,
            Message::FundingCreated(_) => FundingCreated::WIRE_TYPE,
            Message::FundingSigned(_) => FundingSigned::WIRE_TYPE,
            Message::ChannelReady(_) => ChannelReady::WIRE_TYPE,
            Message::Shutdown(_) => Shutdown::WIRE_TYPE,
            Message::ClosingSigned(_) => ClosingSigned::WIRE_TYPE,
            Message::CommitmentSigned(_) => CommitmentSigned::WIRE_TYPE,
            Message::RevokeAndAck(_) => RevokeAndAck::WIRE_TYPE,
            Message::UpdateFee(_) => UpdateFee::WIRE_TYPE,
            Message::UpdateAddHtlc(_) => UpdateAddHtlc::WIRE_TYPE,
            Message::UpdateFulfillHtlc(_) => UpdateFulfillHtlc::WIRE_TYPE,
            Message::UpdateFailHtlc(_) => UpdateFailHtlc::WIRE_TYPE,
            Message::UpdateFailMalformedHtlc(_) => UpdateFailMalformedHtlc::WIRE_TYPE,
        }
    }

    /// The message's name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            Message::OpenChannel(_) => "open_channel",
            Message::AcceptChannel(_) => "accept_channel",
            Message::FundingCreated(_) => "funding_created",
            Message::FundingSigned(_) => "funding_signed",
            Message::ChannelReady(_) => "channel_ready",
            Message::Shutdown(_) => "shutdown",
            Message::ClosingSigned(_) => "closing_signed",
            Message::CommitmentSigned(_) => "commitment_signed",
            Message::RevokeAndAck(_) => "revoke_and_ack",
            Message::UpdateFee(_) => "update_fee",
            Message::UpdateAddHtlc(_) => "update_add_htlc",
            Message::UpdateFulfillHtlc(_) => "update_fulfill_htlc",
            Message::UpdateFailHtlc(_) => "update_fail_htlc",
            Message::UpdateFailMalformedHtlc(_) => "update_fail_malformed_htlc",
        }
    }
}

/// Spec: `specs/bolt/channel.lnp:134`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Open {
    /// Spec: `specs/bolt/channel.lnp:134`.
    pub funding: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:134`.
    pub push: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:134`.
    pub temporary_channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:134`.
    pub local: Basepoints,
}

/// Spec: `specs/bolt/channel.lnp:135`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FundingBuilt {
    /// Spec: `specs/bolt/channel.lnp:135`.
    pub outpoint: rt::OutPoint,
}

/// Spec: `specs/bolt/channel.lnp:136`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Close {
    /// Spec: `specs/bolt/channel.lnp:136`.
    pub scriptpubkey: Vec<u8>,
}

/// Spec: `specs/bolt/htlc.lnp:31`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Add {
    /// Spec: `specs/bolt/htlc.lnp:31`.
    pub amount: rt::Msat,
    /// Spec: `specs/bolt/htlc.lnp:31`.
    pub payment_hash: rt::Hash256,
    /// Spec: `specs/bolt/htlc.lnp:31`.
    pub cltv_expiry: u32,
    /// Spec: `specs/bolt/htlc.lnp:31`.
    pub onion: [u8; 1366usize],
}

/// A user command this machine accepts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Open(Open),
    FundingBuilt(FundingBuilt),
    Close(Close),
    Add(Add),
}

/// Spec: `specs/bolt/channel.lnp:138`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FundingNeeded {
    /// Spec: `specs/bolt/channel.lnp:138`.
    pub script: rt::Script,
    /// Spec: `specs/bolt/channel.lnp:138`.
    pub amount: rt::Sat,
}

/// Spec: `specs/bolt/channel.lnp:139`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChannelOpened {
    /// Spec: `specs/bolt/channel.lnp:139`.
    pub channel_id: rt::ChannelId,
}

/// Spec: `specs/bolt/channel.lnp:140`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChannelClosed {
    /// Spec: `specs/bolt/channel.lnp:140`.
    pub channel_id: rt::ChannelId,
}

/// Spec: `specs/bolt/htlc.lnp:33`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HtlcSettled {
    /// Spec: `specs/bolt/htlc.lnp:33`.
    pub id: u64,
    /// Spec: `specs/bolt/htlc.lnp:33`.
    pub preimage: [u8; 32usize],
}

/// Spec: `specs/bolt/htlc.lnp:34`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HtlcFailed {
    /// Spec: `specs/bolt/htlc.lnp:34`.
    pub id: u64,
}

/// An event this machine reports to the user.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Event {
    FundingNeeded(FundingNeeded),
    ChannelOpened(ChannelOpened),
    ChannelClosed(ChannelClosed),
    HtlcSettled(HtlcSettled),
    HtlcFailed(HtlcFailed),
}

/// The data of each state: one struct per state of the spec.
pub mod state {
    use super::*;
    /// Spec: `specs/bolt/channel.lnp:142`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Init {}
    /// Spec: `specs/bolt/channel.lnp:144`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitAccept {
        /// Spec: `specs/bolt/channel.lnp:145`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:146`.
        pub push: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:147`.
        pub temporary_channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:148`.
        pub local: Basepoints,
    }

    /// Spec: `specs/bolt/channel.lnp:151`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitFundingBuilt {
        /// Spec: `specs/bolt/channel.lnp:152`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:153`.
        pub push: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:154`.
        pub temporary_channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:155`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:156`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:157`.
        pub remote_point: rt::Point,
    }

    /// Spec: `specs/bolt/channel.lnp:160`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitFundingCreated {
        /// Spec: `specs/bolt/channel.lnp:161`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:162`.
        pub push: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:163`.
        pub temporary_channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:164`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:165`.
        pub remote_point: rt::Point,
    }

    /// Spec: `specs/bolt/channel.lnp:168`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitFundingSigned {
        /// Spec: `specs/bolt/channel.lnp:169`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:170`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:171`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:172`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:173`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:174`.
        pub to_local: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:175`.
        pub to_remote: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:176`.
        pub remote_point: rt::Point,
    }

    /// Spec: `specs/bolt/channel.lnp:179`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitLocked {
        /// Spec: `specs/bolt/channel.lnp:180`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:181`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:182`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:183`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:184`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:185`.
        pub to_local: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:186`.
        pub to_remote: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:187`.
        pub remote_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:188`.
        pub remote_ready: bool,
    }

    /// Spec: `specs/bolt/channel.lnp:191`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Normal {
        /// Spec: `specs/bolt/channel.lnp:192`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:193`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:194`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:195`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:196`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:197`.
        pub to_local: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:198`.
        pub to_remote: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:199`.
        pub remote_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:200`.
        pub pending: Vec<Pending>,
        /// Spec: `specs/bolt/channel.lnp:201`.
        pub next_htlc_id: u64,
        /// Spec: `specs/bolt/channel.lnp:202`.
        pub commitment_number: u64,
        /// Spec: `specs/bolt/channel.lnp:203`.
        pub feerate: u32,
    }

    /// Spec: `specs/bolt/channel.lnp:206`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct ShuttingDown {
        /// Spec: `specs/bolt/channel.lnp:207`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:208`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:209`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:210`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:211`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:212`.
        pub to_local: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:213`.
        pub to_remote: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:214`.
        pub pending: Vec<Pending>,
        /// Spec: `specs/bolt/channel.lnp:215`.
        pub remote_script: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:216`.
        pub local_script: Vec<u8>,
    }

    /// Spec: `specs/bolt/channel.lnp:219`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Negotiating {
        /// Spec: `specs/bolt/channel.lnp:220`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:221`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:222`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:223`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:224`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:225`.
        pub to_local: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:226`.
        pub to_remote: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:227`.
        pub remote_script: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:228`.
        pub local_script: Vec<u8>,
    }

    /// Spec: `specs/bolt/channel.lnp:231`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Closed {
        /// Spec: `specs/bolt/channel.lnp:231`.
        pub channel_id: rt::ChannelId,
    }
}

/// The state of a machine: exactly one of the spec's states, with its data.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum State {
    Init(state::Init),
    AwaitAccept(state::AwaitAccept),
    AwaitFundingBuilt(state::AwaitFundingBuilt),
    AwaitFundingCreated(state::AwaitFundingCreated),
    AwaitFundingSigned(state::AwaitFundingSigned),
    AwaitLocked(state::AwaitLocked),
    Normal(state::Normal),
    ShuttingDown(state::ShuttingDown),
    Negotiating(state::Negotiating),
    Closed(state::Closed),
}

impl State {
    /// The state a new machine starts in.
    pub fn initial() -> State {
        State::Init(state::Init {})
    }

    /// The state's name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            State::Init(_) => "Init",
            State::AwaitAccept(_) => "AwaitAccept",
            State::AwaitFundingBuilt(_) => "AwaitFundingBuilt",
            State::AwaitFundingCreated(_) => "AwaitFundingCreated",
            State::AwaitFundingSigned(_) => "AwaitFundingSigned",
            State::AwaitLocked(_) => "AwaitLocked",
            State::Normal(_) => "Normal",
            State::ShuttingDown(_) => "ShuttingDown",
            State::Negotiating(_) => "Negotiating",
            State::Closed(_) => "Closed",
        }
    }

    /// Whether the spec declares this state `terminal`.
    pub fn is_terminal(&self) -> bool {
        matches!(self, State::Closed(_))
    }
}
