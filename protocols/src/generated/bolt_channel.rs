// Generated from specs/bolt/bolt_channel.lnp, specs/bolt/channel.lnp, specs/bolt/funding_2of2.lnp, specs/bolt/htlc.lnp, specs/bolt/ln_penalty.lnp by lnp-codegen. Do not edit: change the spec and run
// `cargo run -p lnpc -- compile specs/ --out protocols/src/generated`.

//! The `bolt_channel` protocol, generated from its spec and the modules it imports.
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
    /// Spec: `specs/bolt/channel.lnp:22`.
    pub chain: rt::ChainHash,
    /// Spec: `specs/bolt/channel.lnp:23`.
    pub dust_limit: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:24`.
    pub channel_reserve: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:25`.
    pub htlc_minimum: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:26`.
    pub max_in_flight: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:27`.
    pub to_self_delay: u16,
    /// Spec: `specs/bolt/channel.lnp:28`.
    pub max_accepted_htlcs: u16,
    /// Spec: `specs/bolt/channel.lnp:29`.
    pub minimum_depth: u32,
    /// Spec: `specs/bolt/channel.lnp:30`.
    pub feerate_per_kw: u32,
    /// Spec: `specs/bolt/channel.lnp:33`.
    pub anchors: bool,
    /// Spec: `specs/bolt/channel.lnp:36`.
    pub large_channels: bool,
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
            anchors: false,
            large_channels: false,
        }
    }
}

/// Spec: `specs/bolt/channel.lnp:43`.
pub const BOLT_MIN_DUST: rt::Sat = rt::Sat(354);
/// Spec: `specs/bolt/channel.lnp:45`.
pub const MAX_TO_SELF_DELAY: u16 = 2016;
/// Spec: `specs/bolt/channel.lnp:46`.
pub const MAX_FEERATE: u32 = 100000;
/// Spec: `specs/bolt/channel.lnp:48`.
pub const BOLT_MAX_HTLCS: u16 = 483;
/// Spec: `specs/bolt/channel.lnp:50`.
pub const MAX_SMALL_CHANNEL: rt::Sat = rt::Sat(16777215);
/// Spec: `specs/bolt/channel.lnp:53`.
pub const CLOSING_WITNESS_WEIGHT: u64 = 222;
/// Spec: `specs/bolt/channel.lnp:809`.
pub const SWEEP_WEIGHT: u64 = 600;
/// Spec: `specs/bolt/channel.lnp:1035`.
pub const FUNDING_TIMEOUT: u32 = 2016;
/// Spec: `specs/bolt/htlc.lnp:337`.
pub const OFFERED_GRACE: u32 = 1;
/// Spec: `specs/bolt/htlc.lnp:339`.
pub const FULFILL_MARGIN: u32 = 7;
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Funder,
    Fundee,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UpdateKind {
    AddHtlc,
    FulfillHtlc,
    FailHtlc,
    FeeUpdate,
}

/// Spec: `specs/bolt/channel.lnp:56`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Basepoints {
    /// Spec: `specs/bolt/channel.lnp:57`.
    pub funding: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:58`.
    pub revocation: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:59`.
    pub payment: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:60`.
    pub delayed_payment: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:61`.
    pub htlc: rt::Point,
}

/// Spec: `specs/bolt/channel.lnp:67`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CommitKeys {
    /// Spec: `specs/bolt/channel.lnp:68`.
    pub revocation: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:69`.
    pub local_delayed: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:70`.
    pub remote_payment: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:71`.
    pub local_htlc: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:72`.
    pub remote_htlc: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:73`.
    pub to_self_delay: u16,
    /// Spec: `specs/bolt/channel.lnp:74`.
    pub dust_limit: rt::Sat,
}

/// Spec: `specs/bolt/channel.lnp:79`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pending {
    /// Spec: `specs/bolt/channel.lnp:79`.
    pub id: u64,
    /// Spec: `specs/bolt/channel.lnp:79`.
    pub amount: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:79`.
    pub cltv_expiry: u32,
    /// Spec: `specs/bolt/channel.lnp:79`.
    pub offered: bool,
    /// Spec: `specs/bolt/channel.lnp:79`.
    pub lock: Vec<u8>,
}

/// Spec: `specs/bolt/channel.lnp:83`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CommitView {
    /// Spec: `specs/bolt/channel.lnp:84`.
    pub number: u64,
    /// Spec: `specs/bolt/channel.lnp:85`.
    pub to_local: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:86`.
    pub to_remote: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:87`.
    pub htlcs: Vec<Pending>,
    /// Spec: `specs/bolt/channel.lnp:88`.
    pub feerate: u32,
}

/// Spec: `specs/bolt/channel.lnp:95`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PeerLimits {
    /// Spec: `specs/bolt/channel.lnp:96`.
    pub dust_limit: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:97`.
    pub to_self_delay: u16,
    /// Spec: `specs/bolt/channel.lnp:98`.
    pub channel_reserve: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:99`.
    pub htlc_minimum: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:100`.
    pub max_in_flight: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:101`.
    pub max_accepted_htlcs: u16,
    /// Spec: `specs/bolt/channel.lnp:103`.
    pub upfront_shutdown: Vec<u8>,
    /// Spec: `specs/bolt/channel.lnp:106`.
    pub minimum_depth: u32,
}

/// Spec: `specs/bolt/channel.lnp:110`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Claim {
    /// Spec: `specs/bolt/channel.lnp:110`.
    pub htlc: Pending,
    /// Spec: `specs/bolt/channel.lnp:110`.
    pub vout: u32,
}

/// Spec: `specs/bolt/channel.lnp:113`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HtlcOutput {
    /// Spec: `specs/bolt/channel.lnp:113`.
    pub vout: u64,
    /// Spec: `specs/bolt/channel.lnp:113`.
    pub htlc: Pending,
}

/// Spec: `specs/bolt/channel.lnp:119`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Update {
    /// Spec: `specs/bolt/channel.lnp:119`.
    pub kind: UpdateKind,
    /// Spec: `specs/bolt/channel.lnp:119`.
    pub htlc: Pending,
    /// Spec: `specs/bolt/channel.lnp:119`.
    pub feerate: u32,
}

/// Spec: `specs/bolt/channel.lnp:221`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FeeRange {
    /// Spec: `specs/bolt/channel.lnp:221`.
    pub min_fee_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:221`.
    pub max_fee_satoshis: rt::Sat,
}

/// The `open_channel` message (wire type 32).
/// Spec: `specs/bolt/channel.lnp:155`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OpenChannel {
    /// Spec: `specs/bolt/channel.lnp:156`.
    pub chain_hash: rt::ChainHash,
    /// Spec: `specs/bolt/channel.lnp:157`.
    pub temporary_channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:158`.
    pub funding_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:159`.
    pub push_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:160`.
    pub dust_limit_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:161`.
    pub max_htlc_value_in_flight_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:162`.
    pub channel_reserve_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:163`.
    pub htlc_minimum_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:164`.
    pub feerate_per_kw: u32,
    /// Spec: `specs/bolt/channel.lnp:165`.
    pub to_self_delay: u16,
    /// Spec: `specs/bolt/channel.lnp:166`.
    pub max_accepted_htlcs: u16,
    /// Spec: `specs/bolt/channel.lnp:167`.
    pub funding_pubkey: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:168`.
    pub revocation_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:169`.
    pub payment_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:170`.
    pub delayed_payment_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:171`.
    pub htlc_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:172`.
    pub first_per_commitment_point: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:173`.
    pub channel_flags: u8,
    /// Spec: `specs/bolt/channel.lnp:175`.
    pub upfront_shutdown_script: Option<Vec<u8>>,
    /// Spec: `specs/bolt/channel.lnp:176`.
    pub channel_type: Option<Vec<u8>>,
}

impl OpenChannel {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 32;
}

impl OpenChannel {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.chain_hash.clone()).0);
        w.bytes(&(self.temporary_channel_id.clone()).0);
        w.u64((self.funding_satoshis.clone()).0);
        w.u64((self.push_msat.clone()).0);
        w.u64((self.dust_limit_satoshis.clone()).0);
        w.u64((self.max_htlc_value_in_flight_msat.clone()).0);
        w.u64((self.channel_reserve_satoshis.clone()).0);
        w.u64((self.htlc_minimum_msat.clone()).0);
        w.u32(self.feerate_per_kw.clone());
        w.u16(self.to_self_delay.clone());
        w.u16(self.max_accepted_htlcs.clone());
        w.point(&self.funding_pubkey.clone());
        w.point(&self.revocation_basepoint.clone());
        w.point(&self.payment_basepoint.clone());
        w.point(&self.delayed_payment_basepoint.clone());
        w.point(&self.htlc_basepoint.clone());
        w.point(&self.first_per_commitment_point.clone());
        w.u8(self.channel_flags.clone());
        let mut records: Vec<(u64, Vec<u8>)> = Vec::new();
        if let Some(v) = &self.upfront_shutdown_script {
            let mut w = wire::Writer::new();
            w.bytes(&v.clone());
            records.push((0u64, w.into_bytes()));
        }
        if let Some(v) = &self.channel_type {
            let mut w = wire::Writer::new();
            w.bytes(&v.clone());
            records.push((1u64, w.into_bytes()));
        }
        w.bytes(&wire::tlv::encode(&mut records));
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let chain_hash = rt::ChainHash(r.array()?);
        let temporary_channel_id = rt::ChannelId(r.array()?);
        let funding_satoshis = rt::Sat(r.u64()?);
        let push_msat = rt::Msat(r.u64()?);
        let dust_limit_satoshis = rt::Sat(r.u64()?);
        let max_htlc_value_in_flight_msat = rt::Msat(r.u64()?);
        let channel_reserve_satoshis = rt::Sat(r.u64()?);
        let htlc_minimum_msat = rt::Msat(r.u64()?);
        let feerate_per_kw = r.u32()?;
        let to_self_delay = r.u16()?;
        let max_accepted_htlcs = r.u16()?;
        let funding_pubkey = r.point()?;
        let revocation_basepoint = r.point()?;
        let payment_basepoint = r.point()?;
        let delayed_payment_basepoint = r.point()?;
        let htlc_basepoint = r.point()?;
        let first_per_commitment_point = r.point()?;
        let channel_flags = r.u8()?;
        let stream = wire::TlvStream::decode(r.rest(), |t| [0u64, 1u64].contains(&t))?;
        let upfront_shutdown_script = match stream.get(0u64) {
            Some(bytes) => {
                let mut r = wire::Reader::new(bytes);
                let v = r.bytes(r.remaining())?.to_vec();
                r.finish()?;
                Some(v)
            }
            None => None,
        };
        let channel_type = match stream.get(1u64) {
            Some(bytes) => {
                let mut r = wire::Reader::new(bytes);
                let v = r.bytes(r.remaining())?.to_vec();
                r.finish()?;
                Some(v)
            }
            None => None,
        };
        Ok(OpenChannel {
            chain_hash,
            temporary_channel_id,
            funding_satoshis,
            push_msat,
            dust_limit_satoshis,
            max_htlc_value_in_flight_msat,
            channel_reserve_satoshis,
            htlc_minimum_msat,
            feerate_per_kw,
            to_self_delay,
            max_accepted_htlcs,
            funding_pubkey,
            revocation_basepoint,
            payment_basepoint,
            delayed_payment_basepoint,
            htlc_basepoint,
            first_per_commitment_point,
            channel_flags,
            upfront_shutdown_script,
            channel_type,
        })
    }
}

/// The `accept_channel` message (wire type 33).
/// Spec: `specs/bolt/channel.lnp:180`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AcceptChannel {
    /// Spec: `specs/bolt/channel.lnp:181`.
    pub temporary_channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:182`.
    pub dust_limit_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:183`.
    pub max_htlc_value_in_flight_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:184`.
    pub channel_reserve_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:185`.
    pub htlc_minimum_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:186`.
    pub minimum_depth: u32,
    /// Spec: `specs/bolt/channel.lnp:187`.
    pub to_self_delay: u16,
    /// Spec: `specs/bolt/channel.lnp:188`.
    pub max_accepted_htlcs: u16,
    /// Spec: `specs/bolt/channel.lnp:189`.
    pub funding_pubkey: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:190`.
    pub revocation_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:191`.
    pub payment_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:192`.
    pub delayed_payment_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:193`.
    pub htlc_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:194`.
    pub first_per_commitment_point: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:196`.
    pub upfront_shutdown_script: Option<Vec<u8>>,
    /// Spec: `specs/bolt/channel.lnp:197`.
    pub channel_type: Option<Vec<u8>>,
}

impl AcceptChannel {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 33;
}

impl AcceptChannel {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.temporary_channel_id.clone()).0);
        w.u64((self.dust_limit_satoshis.clone()).0);
        w.u64((self.max_htlc_value_in_flight_msat.clone()).0);
        w.u64((self.channel_reserve_satoshis.clone()).0);
        w.u64((self.htlc_minimum_msat.clone()).0);
        w.u32(self.minimum_depth.clone());
        w.u16(self.to_self_delay.clone());
        w.u16(self.max_accepted_htlcs.clone());
        w.point(&self.funding_pubkey.clone());
        w.point(&self.revocation_basepoint.clone());
        w.point(&self.payment_basepoint.clone());
        w.point(&self.delayed_payment_basepoint.clone());
        w.point(&self.htlc_basepoint.clone());
        w.point(&self.first_per_commitment_point.clone());
        let mut records: Vec<(u64, Vec<u8>)> = Vec::new();
        if let Some(v) = &self.upfront_shutdown_script {
            let mut w = wire::Writer::new();
            w.bytes(&v.clone());
            records.push((0u64, w.into_bytes()));
        }
        if let Some(v) = &self.channel_type {
            let mut w = wire::Writer::new();
            w.bytes(&v.clone());
            records.push((1u64, w.into_bytes()));
        }
        w.bytes(&wire::tlv::encode(&mut records));
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let temporary_channel_id = rt::ChannelId(r.array()?);
        let dust_limit_satoshis = rt::Sat(r.u64()?);
        let max_htlc_value_in_flight_msat = rt::Msat(r.u64()?);
        let channel_reserve_satoshis = rt::Sat(r.u64()?);
        let htlc_minimum_msat = rt::Msat(r.u64()?);
        let minimum_depth = r.u32()?;
        let to_self_delay = r.u16()?;
        let max_accepted_htlcs = r.u16()?;
        let funding_pubkey = r.point()?;
        let revocation_basepoint = r.point()?;
        let payment_basepoint = r.point()?;
        let delayed_payment_basepoint = r.point()?;
        let htlc_basepoint = r.point()?;
        let first_per_commitment_point = r.point()?;
        let stream = wire::TlvStream::decode(r.rest(), |t| [0u64, 1u64].contains(&t))?;
        let upfront_shutdown_script = match stream.get(0u64) {
            Some(bytes) => {
                let mut r = wire::Reader::new(bytes);
                let v = r.bytes(r.remaining())?.to_vec();
                r.finish()?;
                Some(v)
            }
            None => None,
        };
        let channel_type = match stream.get(1u64) {
            Some(bytes) => {
                let mut r = wire::Reader::new(bytes);
                let v = r.bytes(r.remaining())?.to_vec();
                r.finish()?;
                Some(v)
            }
            None => None,
        };
        Ok(AcceptChannel {
            temporary_channel_id,
            dust_limit_satoshis,
            max_htlc_value_in_flight_msat,
            channel_reserve_satoshis,
            htlc_minimum_msat,
            minimum_depth,
            to_self_delay,
            max_accepted_htlcs,
            funding_pubkey,
            revocation_basepoint,
            payment_basepoint,
            delayed_payment_basepoint,
            htlc_basepoint,
            first_per_commitment_point,
            upfront_shutdown_script,
            channel_type,
        })
    }
}

/// The `funding_created` message (wire type 34).
/// Spec: `specs/bolt/channel.lnp:201`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FundingCreated {
    /// Spec: `specs/bolt/channel.lnp:202`.
    pub temporary_channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:203`.
    pub funding_txid: rt::Txid,
    /// Spec: `specs/bolt/channel.lnp:204`.
    pub funding_output_index: u16,
    /// Spec: `specs/bolt/channel.lnp:205`.
    pub signature: rt::Signature,
}

impl FundingCreated {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 34;
}

impl FundingCreated {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.temporary_channel_id.clone()).0);
        w.bytes(
            &<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(
                self.funding_txid.clone(),
            ),
        );
        w.u16(self.funding_output_index.clone());
        w.signature(&self.signature.clone());
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let temporary_channel_id = rt::ChannelId(r.array()?);
        let funding_txid = <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
            r.array()?,
        );
        let funding_output_index = r.u16()?;
        let signature = r.signature()?;
        Ok(FundingCreated {
            temporary_channel_id,
            funding_txid,
            funding_output_index,
            signature,
        })
    }
}

/// The `funding_signed` message (wire type 35).
/// Spec: `specs/bolt/channel.lnp:208`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FundingSigned {
    /// Spec: `specs/bolt/channel.lnp:208`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:208`.
    pub signature: rt::Signature,
}

impl FundingSigned {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 35;
}

impl FundingSigned {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.channel_id.clone()).0);
        w.signature(&self.signature.clone());
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let channel_id = rt::ChannelId(r.array()?);
        let signature = r.signature()?;
        Ok(FundingSigned {
            channel_id,
            signature,
        })
    }
}

/// The `channel_ready` message (wire type 36).
/// Spec: `specs/bolt/channel.lnp:210`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChannelReady {
    /// Spec: `specs/bolt/channel.lnp:211`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:212`.
    pub second_per_commitment_point: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:214`.
    pub short_channel_id: Option<rt::ShortChannelId>,
}

impl ChannelReady {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 36;
}

impl ChannelReady {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.channel_id.clone()).0);
        w.point(&self.second_per_commitment_point.clone());
        let mut records: Vec<(u64, Vec<u8>)> = Vec::new();
        if let Some(v) = &self.short_channel_id {
            let mut w = wire::Writer::new();
            w.u64((v.clone()).0);
            records.push((1u64, w.into_bytes()));
        }
        w.bytes(&wire::tlv::encode(&mut records));
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let channel_id = rt::ChannelId(r.array()?);
        let second_per_commitment_point = r.point()?;
        let stream = wire::TlvStream::decode(r.rest(), |t| [1u64].contains(&t))?;
        let short_channel_id = match stream.get(1u64) {
            Some(bytes) => {
                let mut r = wire::Reader::new(bytes);
                let v = rt::ShortChannelId(r.u64()?);
                r.finish()?;
                Some(v)
            }
            None => None,
        };
        Ok(ChannelReady {
            channel_id,
            second_per_commitment_point,
            short_channel_id,
        })
    }
}

/// The `shutdown` message (wire type 38).
/// Spec: `specs/bolt/channel.lnp:218`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Shutdown {
    /// Spec: `specs/bolt/channel.lnp:218`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:218`.
    pub scriptpubkey: Vec<u8>,
}

impl Shutdown {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 38;
}

impl Shutdown {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.channel_id.clone()).0);
        w.var_bytes(&self.scriptpubkey.clone())?;
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let channel_id = rt::ChannelId(r.array()?);
        let scriptpubkey = r.var_bytes()?.to_vec();
        Ok(Shutdown {
            channel_id,
            scriptpubkey,
        })
    }
}

/// The `closing_signed` message (wire type 39).
/// Spec: `specs/bolt/channel.lnp:223`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClosingSigned {
    /// Spec: `specs/bolt/channel.lnp:224`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:225`.
    pub fee_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:226`.
    pub signature: rt::Signature,
    /// Spec: `specs/bolt/channel.lnp:228`.
    pub fee_range: Option<FeeRange>,
}

impl ClosingSigned {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 39;
}

impl ClosingSigned {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.channel_id.clone()).0);
        w.u64((self.fee_satoshis.clone()).0);
        w.signature(&self.signature.clone());
        let mut records: Vec<(u64, Vec<u8>)> = Vec::new();
        if let Some(v) = &self.fee_range {
            let mut w = wire::Writer::new();
            {
                let r = v.clone();
                w.u64((r.min_fee_satoshis.clone()).0);
                w.u64((r.max_fee_satoshis.clone()).0);
            }
            records.push((1u64, w.into_bytes()));
        }
        w.bytes(&wire::tlv::encode(&mut records));
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let channel_id = rt::ChannelId(r.array()?);
        let fee_satoshis = rt::Sat(r.u64()?);
        let signature = r.signature()?;
        let stream = wire::TlvStream::decode(r.rest(), |t| [1u64].contains(&t))?;
        let fee_range = match stream.get(1u64) {
            Some(bytes) => {
                let mut r = wire::Reader::new(bytes);
                let v = FeeRange {
                    min_fee_satoshis: rt::Sat(r.u64()?),
                    max_fee_satoshis: rt::Sat(r.u64()?),
                };
                r.finish()?;
                Some(v)
            }
            None => None,
        };
        Ok(ClosingSigned {
            channel_id,
            fee_satoshis,
            signature,
            fee_range,
        })
    }
}

/// The `commitment_signed` message (wire type 132).
/// Spec: `specs/bolt/channel.lnp:232`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CommitmentSigned {
    /// Spec: `specs/bolt/channel.lnp:233`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:234`.
    pub signature: rt::Signature,
    /// Spec: `specs/bolt/channel.lnp:235`.
    pub htlc_signatures: Vec<rt::Signature>,
}

impl CommitmentSigned {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 132;
}

impl CommitmentSigned {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.channel_id.clone()).0);
        w.signature(&self.signature.clone());
        let items = self.htlc_signatures.clone();
        let n = u16::try_from(items.len())
            .map_err(|_| wire::WireError::TruncatedTooLong {
                len: items.len(),
                max: 65535,
            })?;
        w.u16(n);
        for x in items {
            w.signature(&x);
        }
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let channel_id = rt::ChannelId(r.array()?);
        let signature = r.signature()?;
        let htlc_signatures = {
            let n = r.u16()?;
            let mut items = Vec::with_capacity(usize::from(n).min(r.remaining()));
            for _ in 0..n {
                items.push(r.signature()?);
            }
            items
        };
        Ok(CommitmentSigned {
            channel_id,
            signature,
            htlc_signatures,
        })
    }
}

/// The `revoke_and_ack` message (wire type 133).
/// Spec: `specs/bolt/channel.lnp:238`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RevokeAndAck {
    /// Spec: `specs/bolt/channel.lnp:239`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:240`.
    pub per_commitment_secret: rt::Secret,
    /// Spec: `specs/bolt/channel.lnp:241`.
    pub next_per_commitment_point: rt::Point,
}

impl RevokeAndAck {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 133;
}

impl RevokeAndAck {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.channel_id.clone()).0);
        w.bytes(&(self.per_commitment_secret.clone()).0);
        w.point(&self.next_per_commitment_point.clone());
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let channel_id = rt::ChannelId(r.array()?);
        let per_commitment_secret = rt::Secret(r.array()?);
        let next_per_commitment_point = r.point()?;
        Ok(RevokeAndAck {
            channel_id,
            per_commitment_secret,
            next_per_commitment_point,
        })
    }
}

/// The `update_fee` message (wire type 134).
/// Spec: `specs/bolt/channel.lnp:244`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UpdateFee {
    /// Spec: `specs/bolt/channel.lnp:244`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:244`.
    pub feerate_per_kw: u32,
}

impl UpdateFee {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 134;
}

impl UpdateFee {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.channel_id.clone()).0);
        w.u32(self.feerate_per_kw.clone());
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let channel_id = rt::ChannelId(r.array()?);
        let feerate_per_kw = r.u32()?;
        Ok(UpdateFee {
            channel_id,
            feerate_per_kw,
        })
    }
}

/// The `channel_reestablish` message (wire type 136).
/// Spec: `specs/bolt/channel.lnp:246`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChannelReestablish {
    /// Spec: `specs/bolt/channel.lnp:247`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:248`.
    pub next_commitment_number: u64,
    /// Spec: `specs/bolt/channel.lnp:249`.
    pub next_revocation_number: u64,
    /// Spec: `specs/bolt/channel.lnp:250`.
    pub your_last_per_commitment_secret: rt::Secret,
    /// Spec: `specs/bolt/channel.lnp:251`.
    pub my_current_per_commitment_point: rt::Point,
}

impl ChannelReestablish {
    /// The BOLT 1 message type number.
    pub const WIRE_TYPE: u16 = 136;
}

impl ChannelReestablish {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.channel_id.clone()).0);
        w.u64(self.next_commitment_number.clone());
        w.u64(self.next_revocation_number.clone());
        w.bytes(&(self.your_last_per_commitment_secret.clone()).0);
        w.point(&self.my_current_per_commitment_point.clone());
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let channel_id = rt::ChannelId(r.array()?);
        let next_commitment_number = r.u64()?;
        let next_revocation_number = r.u64()?;
        let your_last_per_commitment_secret = rt::Secret(r.array()?);
        let my_current_per_commitment_point = r.point()?;
        Ok(ChannelReestablish {
            channel_id,
            next_commitment_number,
            next_revocation_number,
            your_last_per_commitment_secret,
            my_current_per_commitment_point,
        })
    }
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

impl UpdateAddHtlc {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.channel_id.clone()).0);
        w.u64(self.id.clone());
        w.u64((self.amount_msat.clone()).0);
        w.bytes(&(self.payment_hash.clone()).0);
        w.u32(self.cltv_expiry.clone());
        w.bytes(&self.onion_routing_packet.clone());
        let mut records: Vec<(u64, Vec<u8>)> = Vec::new();
        if let Some(v) = &self.blinding_point {
            let mut w = wire::Writer::new();
            w.point(&v.clone());
            records.push((0u64, w.into_bytes()));
        }
        w.bytes(&wire::tlv::encode(&mut records));
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let channel_id = rt::ChannelId(r.array()?);
        let id = r.u64()?;
        let amount_msat = rt::Msat(r.u64()?);
        let payment_hash = rt::Hash256(r.array()?);
        let cltv_expiry = r.u32()?;
        let onion_routing_packet = r.array()?;
        let stream = wire::TlvStream::decode(r.rest(), |t| [0u64].contains(&t))?;
        let blinding_point = match stream.get(0u64) {
            Some(bytes) => {
                let mut r = wire::Reader::new(bytes);
                let v = r.point()?;
                r.finish()?;
                Some(v)
            }
            None => None,
        };
        Ok(UpdateAddHtlc {
            channel_id,
            id,
            amount_msat,
            payment_hash,
            cltv_expiry,
            onion_routing_packet,
            blinding_point,
        })
    }
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

impl UpdateFulfillHtlc {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.channel_id.clone()).0);
        w.u64(self.id.clone());
        w.bytes(&self.payment_preimage.clone());
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let channel_id = rt::ChannelId(r.array()?);
        let id = r.u64()?;
        let payment_preimage = r.array()?;
        Ok(UpdateFulfillHtlc {
            channel_id,
            id,
            payment_preimage,
        })
    }
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

impl UpdateFailHtlc {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.channel_id.clone()).0);
        w.u64(self.id.clone());
        w.var_bytes(&self.reason.clone())?;
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let channel_id = rt::ChannelId(r.array()?);
        let id = r.u64()?;
        let reason = r.var_bytes()?.to_vec();
        Ok(UpdateFailHtlc {
            channel_id,
            id,
            reason,
        })
    }
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

impl UpdateFailMalformedHtlc {
    /// Writes the fields (and the TLV stream), without the type.
    pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
        w.bytes(&(self.channel_id.clone()).0);
        w.u64(self.id.clone());
        w.bytes(&(self.sha256_of_onion.clone()).0);
        w.u16(self.failure_code.clone());
        Ok(())
    }

    /// Reads the fields (and the TLV stream) after the type.
    pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
        let channel_id = rt::ChannelId(r.array()?);
        let id = r.u64()?;
        let sha256_of_onion = rt::Hash256(r.array()?);
        let failure_code = r.u16()?;
        Ok(UpdateFailMalformedHtlc {
            channel_id,
            id,
            sha256_of_onion,
            failure_code,
        })
    }
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
    ChannelReestablish(ChannelReestablish),
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
            Message::ChannelReestablish(_) => ChannelReestablish::WIRE_TYPE,
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
            Message::ChannelReestablish(_) => "channel_reestablish",
            Message::UpdateAddHtlc(_) => "update_add_htlc",
            Message::UpdateFulfillHtlc(_) => "update_fulfill_htlc",
            Message::UpdateFailHtlc(_) => "update_fail_htlc",
            Message::UpdateFailMalformedHtlc(_) => "update_fail_malformed_htlc",
        }
    }

    /// The message as BOLT 1 bytes: the type, then the payload.
    pub fn encode(&self) -> Result<Vec<u8>, wire::WireError> {
        let mut w = wire::Writer::new();
        w.u16(self.wire_type());
        match self {
            Message::OpenChannel(m) => m.encode_payload(&mut w)?,
            Message::AcceptChannel(m) => m.encode_payload(&mut w)?,
            Message::FundingCreated(m) => m.encode_payload(&mut w)?,
            Message::FundingSigned(m) => m.encode_payload(&mut w)?,
            Message::ChannelReady(m) => m.encode_payload(&mut w)?,
            Message::Shutdown(m) => m.encode_payload(&mut w)?,
            Message::ClosingSigned(m) => m.encode_payload(&mut w)?,
            Message::CommitmentSigned(m) => m.encode_payload(&mut w)?,
            Message::RevokeAndAck(m) => m.encode_payload(&mut w)?,
            Message::UpdateFee(m) => m.encode_payload(&mut w)?,
            Message::ChannelReestablish(m) => m.encode_payload(&mut w)?,
            Message::UpdateAddHtlc(m) => m.encode_payload(&mut w)?,
            Message::UpdateFulfillHtlc(m) => m.encode_payload(&mut w)?,
            Message::UpdateFailHtlc(m) => m.encode_payload(&mut w)?,
            Message::UpdateFailMalformedHtlc(m) => m.encode_payload(&mut w)?,
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
                    OpenChannel::WIRE_TYPE => {
                        Message::OpenChannel(OpenChannel::decode_payload(&mut r)?)
                    }
                    AcceptChannel::WIRE_TYPE => {
                        Message::AcceptChannel(AcceptChannel::decode_payload(&mut r)?)
                    }
                    FundingCreated::WIRE_TYPE => {
                        Message::FundingCreated(FundingCreated::decode_payload(&mut r)?)
                    }
                    FundingSigned::WIRE_TYPE => {
                        Message::FundingSigned(FundingSigned::decode_payload(&mut r)?)
                    }
                    ChannelReady::WIRE_TYPE => {
                        Message::ChannelReady(ChannelReady::decode_payload(&mut r)?)
                    }
                    Shutdown::WIRE_TYPE => {
                        Message::Shutdown(Shutdown::decode_payload(&mut r)?)
                    }
                    ClosingSigned::WIRE_TYPE => {
                        Message::ClosingSigned(ClosingSigned::decode_payload(&mut r)?)
                    }
                    CommitmentSigned::WIRE_TYPE => {
                        Message::CommitmentSigned(
                            CommitmentSigned::decode_payload(&mut r)?,
                        )
                    }
                    RevokeAndAck::WIRE_TYPE => {
                        Message::RevokeAndAck(RevokeAndAck::decode_payload(&mut r)?)
                    }
                    UpdateFee::WIRE_TYPE => {
                        Message::UpdateFee(UpdateFee::decode_payload(&mut r)?)
                    }
                    ChannelReestablish::WIRE_TYPE => {
                        Message::ChannelReestablish(
                            ChannelReestablish::decode_payload(&mut r)?,
                        )
                    }
                    UpdateAddHtlc::WIRE_TYPE => {
                        Message::UpdateAddHtlc(UpdateAddHtlc::decode_payload(&mut r)?)
                    }
                    UpdateFulfillHtlc::WIRE_TYPE => {
                        Message::UpdateFulfillHtlc(
                            UpdateFulfillHtlc::decode_payload(&mut r)?,
                        )
                    }
                    UpdateFailHtlc::WIRE_TYPE => {
                        Message::UpdateFailHtlc(UpdateFailHtlc::decode_payload(&mut r)?)
                    }
                    UpdateFailMalformedHtlc::WIRE_TYPE => {
                        Message::UpdateFailMalformedHtlc(
                            UpdateFailMalformedHtlc::decode_payload(&mut r)?,
                        )
                    }
                    _ => return Ok(None),
                },
            ),
        )
    }
}

/// Spec: `specs/bolt/channel.lnp:258`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Open {
    /// Spec: `specs/bolt/channel.lnp:259`.
    pub funding: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:260`.
    pub push: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:261`.
    pub temporary_channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:262`.
    pub local: Basepoints,
    /// Spec: `specs/bolt/channel.lnp:263`.
    pub shutdown_script: Vec<u8>,
}

/// Spec: `specs/bolt/channel.lnp:265`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Listen {
    /// Spec: `specs/bolt/channel.lnp:265`.
    pub local: Basepoints,
    /// Spec: `specs/bolt/channel.lnp:265`.
    pub shutdown_script: Vec<u8>,
}

/// Spec: `specs/bolt/channel.lnp:266`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FundingBuilt {
    /// Spec: `specs/bolt/channel.lnp:266`.
    pub outpoint: rt::OutPoint,
}

/// Spec: `specs/bolt/channel.lnp:268`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Commit {}
/// Spec: `specs/bolt/channel.lnp:269`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SetFeerate {
    /// Spec: `specs/bolt/channel.lnp:269`.
    pub feerate_per_kw: u32,
}

/// Spec: `specs/bolt/channel.lnp:270`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Close {
    /// Spec: `specs/bolt/channel.lnp:270`.
    pub scriptpubkey: Vec<u8>,
}

/// Spec: `specs/bolt/channel.lnp:272`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PeerDisconnected {}
/// Spec: `specs/bolt/channel.lnp:273`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PeerConnected {}
/// Spec: `specs/bolt/channel.lnp:275`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ForceClose {}
/// Spec: `specs/bolt/channel.lnp:278`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CheckDeadlines {}
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

/// Spec: `specs/bolt/htlc.lnp:32`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fulfill {
    /// Spec: `specs/bolt/htlc.lnp:32`.
    pub id: u64,
    /// Spec: `specs/bolt/htlc.lnp:32`.
    pub preimage: [u8; 32usize],
}

/// Spec: `specs/bolt/htlc.lnp:33`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fail {
    /// Spec: `specs/bolt/htlc.lnp:33`.
    pub id: u64,
    /// Spec: `specs/bolt/htlc.lnp:33`.
    pub reason: Vec<u8>,
}

/// Spec: `specs/bolt/htlc.lnp:36`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FailMalformed {
    /// Spec: `specs/bolt/htlc.lnp:36`.
    pub id: u64,
    /// Spec: `specs/bolt/htlc.lnp:36`.
    pub sha256_of_onion: rt::Hash256,
    /// Spec: `specs/bolt/htlc.lnp:36`.
    pub failure_code: u16,
}

/// A user command this machine accepts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Open(Open),
    Listen(Listen),
    FundingBuilt(FundingBuilt),
    Commit(Commit),
    SetFeerate(SetFeerate),
    Close(Close),
    PeerDisconnected(PeerDisconnected),
    PeerConnected(PeerConnected),
    ForceClose(ForceClose),
    CheckDeadlines(CheckDeadlines),
    Add(Add),
    Fulfill(Fulfill),
    Fail(Fail),
    FailMalformed(FailMalformed),
}

impl Command {
    /// The name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Open(_) => "open",
            Command::Listen(_) => "listen",
            Command::FundingBuilt(_) => "funding_built",
            Command::Commit(_) => "commit",
            Command::SetFeerate(_) => "set_feerate",
            Command::Close(_) => "close",
            Command::PeerDisconnected(_) => "peer_disconnected",
            Command::PeerConnected(_) => "peer_connected",
            Command::ForceClose(_) => "force_close",
            Command::CheckDeadlines(_) => "check_deadlines",
            Command::Add(_) => "add",
            Command::Fulfill(_) => "fulfill",
            Command::Fail(_) => "fail",
            Command::FailMalformed(_) => "fail_malformed",
        }
    }
}

/// Spec: `specs/bolt/channel.lnp:280`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FundingNeeded {
    /// Spec: `specs/bolt/channel.lnp:280`.
    pub script: rt::Script,
    /// Spec: `specs/bolt/channel.lnp:280`.
    pub amount: rt::Sat,
}

/// Spec: `specs/bolt/channel.lnp:281`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChannelOpened {
    /// Spec: `specs/bolt/channel.lnp:281`.
    pub channel_id: rt::ChannelId,
}

/// Spec: `specs/bolt/channel.lnp:283`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Committed {
    /// Spec: `specs/bolt/channel.lnp:283`.
    pub number: u64,
    /// Spec: `specs/bolt/channel.lnp:283`.
    pub to_local: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:283`.
    pub to_remote: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:283`.
    pub htlcs: u64,
}

/// Spec: `specs/bolt/channel.lnp:286`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PaymentLockedIn {
    /// Spec: `specs/bolt/channel.lnp:286`.
    pub id: u64,
    /// Spec: `specs/bolt/channel.lnp:286`.
    pub amount: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:286`.
    pub lock: Vec<u8>,
}

/// Spec: `specs/bolt/channel.lnp:287`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChannelClosed {
    /// Spec: `specs/bolt/channel.lnp:287`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:287`.
    pub txid: rt::Txid,
    /// Spec: `specs/bolt/channel.lnp:287`.
    pub to_local: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:287`.
    pub to_remote: rt::Sat,
}

/// Spec: `specs/bolt/channel.lnp:289`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HtlcDropped {
    /// Spec: `specs/bolt/channel.lnp:289`.
    pub id: u64,
}

/// Spec: `specs/bolt/channel.lnp:291`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChannelForgotten {
    /// Spec: `specs/bolt/channel.lnp:291`.
    pub channel_id: rt::ChannelId,
}

/// Spec: `specs/bolt/channel.lnp:292`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ForceClosed {
    /// Spec: `specs/bolt/channel.lnp:292`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:292`.
    pub txid: rt::Txid,
}

/// Spec: `specs/bolt/channel.lnp:294`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Swept {
    /// Spec: `specs/bolt/channel.lnp:294`.
    pub txid: rt::Txid,
    /// Spec: `specs/bolt/channel.lnp:294`.
    pub amount: rt::Sat,
}

/// Spec: `specs/bolt/htlc.lnp:40`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HtlcReceived {
    /// Spec: `specs/bolt/htlc.lnp:41`.
    pub id: u64,
    /// Spec: `specs/bolt/htlc.lnp:42`.
    pub amount: rt::Msat,
    /// Spec: `specs/bolt/htlc.lnp:43`.
    pub payment_hash: rt::Hash256,
    /// Spec: `specs/bolt/htlc.lnp:44`.
    pub cltv_expiry: u32,
    /// Spec: `specs/bolt/htlc.lnp:45`.
    pub onion: [u8; 1366usize],
}

/// Spec: `specs/bolt/htlc.lnp:47`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HtlcSettled {
    /// Spec: `specs/bolt/htlc.lnp:47`.
    pub id: u64,
    /// Spec: `specs/bolt/htlc.lnp:47`.
    pub preimage: [u8; 32usize],
}

/// Spec: `specs/bolt/htlc.lnp:51`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HtlcFailed {
    /// Spec: `specs/bolt/htlc.lnp:51`.
    pub id: u64,
    /// Spec: `specs/bolt/htlc.lnp:51`.
    pub reason: Vec<u8>,
    /// Spec: `specs/bolt/htlc.lnp:51`.
    pub failure_code: u16,
}

/// Spec: `specs/bolt/htlc.lnp:296`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HtlcResolved {
    /// Spec: `specs/bolt/htlc.lnp:296`.
    pub id: u64,
    /// Spec: `specs/bolt/htlc.lnp:296`.
    pub offered: bool,
    /// Spec: `specs/bolt/htlc.lnp:296`.
    pub txid: rt::Txid,
}

/// Spec: `specs/bolt/htlc.lnp:341`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DeadlinePassed {
    /// Spec: `specs/bolt/htlc.lnp:341`.
    pub id: u64,
    /// Spec: `specs/bolt/htlc.lnp:341`.
    pub offered: bool,
    /// Spec: `specs/bolt/htlc.lnp:341`.
    pub cltv_expiry: u32,
    /// Spec: `specs/bolt/htlc.lnp:341`.
    pub height: u32,
}

/// Spec: `specs/bolt/ln_penalty.lnp:19`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Penalized {
    /// Spec: `specs/bolt/ln_penalty.lnp:19`.
    pub revoked: u64,
    /// Spec: `specs/bolt/ln_penalty.lnp:19`.
    pub txid: rt::Txid,
    /// Spec: `specs/bolt/ln_penalty.lnp:19`.
    pub amount: rt::Sat,
}

/// An event this machine reports to the user.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Event {
    FundingNeeded(FundingNeeded),
    ChannelOpened(ChannelOpened),
    Committed(Committed),
    PaymentLockedIn(PaymentLockedIn),
    ChannelClosed(ChannelClosed),
    HtlcDropped(HtlcDropped),
    ChannelForgotten(ChannelForgotten),
    ForceClosed(ForceClosed),
    Swept(Swept),
    HtlcReceived(HtlcReceived),
    HtlcSettled(HtlcSettled),
    HtlcFailed(HtlcFailed),
    HtlcResolved(HtlcResolved),
    DeadlinePassed(DeadlinePassed),
    Penalized(Penalized),
}

impl Event {
    /// The name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            Event::FundingNeeded(_) => "funding_needed",
            Event::ChannelOpened(_) => "channel_opened",
            Event::Committed(_) => "committed",
            Event::PaymentLockedIn(_) => "payment_locked_in",
            Event::ChannelClosed(_) => "channel_closed",
            Event::HtlcDropped(_) => "htlc_dropped",
            Event::ChannelForgotten(_) => "channel_forgotten",
            Event::ForceClosed(_) => "force_closed",
            Event::Swept(_) => "swept",
            Event::HtlcReceived(_) => "htlc_received",
            Event::HtlcSettled(_) => "htlc_settled",
            Event::HtlcFailed(_) => "htlc_failed",
            Event::HtlcResolved(_) => "htlc_resolved",
            Event::DeadlinePassed(_) => "deadline_passed",
            Event::Penalized(_) => "penalized",
        }
    }
}

/// The data of each state: one struct per state of the spec.
pub mod state {
    use super::*;
    /// Spec: `specs/bolt/channel.lnp:302`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Init {}
    /// Spec: `specs/bolt/channel.lnp:304`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitOpen {
        /// Spec: `specs/bolt/channel.lnp:304`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:304`.
        pub local_upfront: Vec<u8>,
    }

    /// Spec: `specs/bolt/channel.lnp:306`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitAccept {
        /// Spec: `specs/bolt/channel.lnp:307`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:308`.
        pub push: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:309`.
        pub temporary_channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:310`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:312`.
        pub local_upfront: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:315`.
        pub feerate: u32,
    }

    /// Spec: `specs/bolt/channel.lnp:318`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitFundingBuilt {
        /// Spec: `specs/bolt/channel.lnp:319`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:320`.
        pub push: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:321`.
        pub temporary_channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:322`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:324`.
        pub local_upfront: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:325`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:328`.
        pub peer: PeerLimits,
        /// Spec: `specs/bolt/channel.lnp:329`.
        pub remote_current_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:330`.
        pub feerate: u32,
    }

    /// Spec: `specs/bolt/channel.lnp:333`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitFundingCreated {
        /// Spec: `specs/bolt/channel.lnp:334`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:335`.
        pub push: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:336`.
        pub temporary_channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:337`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:339`.
        pub local_upfront: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:340`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:341`.
        pub peer: PeerLimits,
        /// Spec: `specs/bolt/channel.lnp:342`.
        pub remote_current_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:345`.
        pub feerate: u32,
    }

    /// Spec: `specs/bolt/channel.lnp:348`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitFundingSigned {
        /// Spec: `specs/bolt/channel.lnp:349`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:350`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:351`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:352`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:354`.
        pub local_upfront: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:355`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:356`.
        pub peer: PeerLimits,
        /// Spec: `specs/bolt/channel.lnp:357`.
        pub local_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:358`.
        pub remote_current_point: rt::Point,
    }

    /// Spec: `specs/bolt/channel.lnp:361`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitLocked {
        /// Spec: `specs/bolt/channel.lnp:362`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:363`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:364`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:365`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:367`.
        pub local_upfront: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:368`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:369`.
        pub peer: PeerLimits,
        /// Spec: `specs/bolt/channel.lnp:370`.
        pub local_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:371`.
        pub local_sig: rt::Signature,
        /// Spec: `specs/bolt/channel.lnp:372`.
        pub remote_current_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:373`.
        pub remote_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:374`.
        pub remote_ready: bool,
        /// Spec: `specs/bolt/channel.lnp:377`.
        pub funding_wait_from: u32,
        /// Spec: `specs/bolt/channel.lnp:378`.
        pub funding_seen: bool,
    }

    /// Spec: `specs/bolt/channel.lnp:381`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Normal {
        /// Spec: `specs/bolt/channel.lnp:382`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:383`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:384`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:385`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:387`.
        pub local_upfront: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:388`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:389`.
        pub peer: PeerLimits,
        /// Spec: `specs/bolt/channel.lnp:391`.
        pub local_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:392`.
        pub local_sig: rt::Signature,
        /// Spec: `specs/bolt/channel.lnp:393`.
        pub local_htlc_sigs: Vec<rt::Signature>,
        /// Spec: `specs/bolt/channel.lnp:394`.
        pub remote_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:395`.
        pub to_sign: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:396`.
        pub to_expect: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:397`.
        pub unacked: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:398`.
        pub awaiting_revoke: bool,
        /// Spec: `specs/bolt/channel.lnp:399`.
        pub next_htlc_id: u64,
        /// Spec: `specs/bolt/channel.lnp:400`.
        pub next_remote_htlc_id: u64,
        /// Spec: `specs/bolt/channel.lnp:403`.
        pub remote_prev_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:404`.
        pub remote_current_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:405`.
        pub remote_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:406`.
        pub remote_ready: bool,
        /// Spec: `specs/bolt/channel.lnp:410`.
        pub remote_secrets: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:414`.
        pub remote_prev_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:415`.
        pub last_signed: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:419`.
        pub preimages: rt::Archive<Vec<u8>, [u8; 32usize]>,
        /// Spec: `specs/bolt/channel.lnp:420`.
        pub revoked_htlcs: rt::Archive<u64, Vec<Pending>>,
    }

    /// Spec: `specs/bolt/channel.lnp:425`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Disconnected {
        /// Spec: `specs/bolt/channel.lnp:426`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:427`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:428`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:429`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:431`.
        pub local_upfront: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:432`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:433`.
        pub peer: PeerLimits,
        /// Spec: `specs/bolt/channel.lnp:434`.
        pub local_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:435`.
        pub local_sig: rt::Signature,
        /// Spec: `specs/bolt/channel.lnp:436`.
        pub local_htlc_sigs: Vec<rt::Signature>,
        /// Spec: `specs/bolt/channel.lnp:437`.
        pub remote_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:438`.
        pub to_sign: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:439`.
        pub to_expect: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:440`.
        pub unacked: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:441`.
        pub awaiting_revoke: bool,
        /// Spec: `specs/bolt/channel.lnp:442`.
        pub next_htlc_id: u64,
        /// Spec: `specs/bolt/channel.lnp:443`.
        pub next_remote_htlc_id: u64,
        /// Spec: `specs/bolt/channel.lnp:444`.
        pub remote_prev_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:445`.
        pub remote_current_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:446`.
        pub remote_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:447`.
        pub remote_ready: bool,
        /// Spec: `specs/bolt/channel.lnp:448`.
        pub remote_secrets: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:449`.
        pub remote_prev_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:450`.
        pub last_signed: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:451`.
        pub preimages: rt::Archive<Vec<u8>, [u8; 32usize]>,
        /// Spec: `specs/bolt/channel.lnp:452`.
        pub revoked_htlcs: rt::Archive<u64, Vec<Pending>>,
        /// Spec: `specs/bolt/channel.lnp:456`.
        pub local_script: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:457`.
        pub remote_script: Vec<u8>,
    }

    /// Spec: `specs/bolt/channel.lnp:461`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Reestablishing {
        /// Spec: `specs/bolt/channel.lnp:462`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:463`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:464`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:465`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:467`.
        pub local_upfront: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:468`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:469`.
        pub peer: PeerLimits,
        /// Spec: `specs/bolt/channel.lnp:470`.
        pub local_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:471`.
        pub local_sig: rt::Signature,
        /// Spec: `specs/bolt/channel.lnp:472`.
        pub local_htlc_sigs: Vec<rt::Signature>,
        /// Spec: `specs/bolt/channel.lnp:473`.
        pub remote_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:474`.
        pub to_sign: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:475`.
        pub to_expect: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:476`.
        pub unacked: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:477`.
        pub awaiting_revoke: bool,
        /// Spec: `specs/bolt/channel.lnp:478`.
        pub next_htlc_id: u64,
        /// Spec: `specs/bolt/channel.lnp:479`.
        pub next_remote_htlc_id: u64,
        /// Spec: `specs/bolt/channel.lnp:480`.
        pub remote_prev_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:481`.
        pub remote_current_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:482`.
        pub remote_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:483`.
        pub remote_ready: bool,
        /// Spec: `specs/bolt/channel.lnp:484`.
        pub remote_secrets: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:485`.
        pub remote_prev_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:486`.
        pub last_signed: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:487`.
        pub preimages: rt::Archive<Vec<u8>, [u8; 32usize]>,
        /// Spec: `specs/bolt/channel.lnp:488`.
        pub revoked_htlcs: rt::Archive<u64, Vec<Pending>>,
        /// Spec: `specs/bolt/channel.lnp:489`.
        pub local_script: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:490`.
        pub remote_script: Vec<u8>,
    }

    /// Spec: `specs/bolt/channel.lnp:493`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct ShuttingDown {
        /// Spec: `specs/bolt/channel.lnp:494`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:495`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:496`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:497`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:498`.
        pub local_upfront: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:499`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:500`.
        pub peer: PeerLimits,
        /// Spec: `specs/bolt/channel.lnp:501`.
        pub local_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:502`.
        pub local_sig: rt::Signature,
        /// Spec: `specs/bolt/channel.lnp:503`.
        pub local_htlc_sigs: Vec<rt::Signature>,
        /// Spec: `specs/bolt/channel.lnp:504`.
        pub remote_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:505`.
        pub to_sign: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:506`.
        pub to_expect: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:507`.
        pub unacked: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:508`.
        pub awaiting_revoke: bool,
        /// Spec: `specs/bolt/channel.lnp:509`.
        pub next_htlc_id: u64,
        /// Spec: `specs/bolt/channel.lnp:510`.
        pub next_remote_htlc_id: u64,
        /// Spec: `specs/bolt/channel.lnp:511`.
        pub remote_prev_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:512`.
        pub remote_current_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:513`.
        pub remote_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:514`.
        pub remote_ready: bool,
        /// Spec: `specs/bolt/channel.lnp:515`.
        pub remote_secrets: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:516`.
        pub remote_prev_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:517`.
        pub last_signed: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:518`.
        pub preimages: rt::Archive<Vec<u8>, [u8; 32usize]>,
        /// Spec: `specs/bolt/channel.lnp:519`.
        pub revoked_htlcs: rt::Archive<u64, Vec<Pending>>,
        /// Spec: `specs/bolt/channel.lnp:520`.
        pub local_script: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:521`.
        pub remote_script: Vec<u8>,
    }

    /// Spec: `specs/bolt/channel.lnp:529`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Negotiating {
        /// Spec: `specs/bolt/channel.lnp:530`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:531`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:532`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:533`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:534`.
        pub local_upfront: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:535`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:536`.
        pub peer: PeerLimits,
        /// Spec: `specs/bolt/channel.lnp:537`.
        pub local_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:538`.
        pub local_sig: rt::Signature,
        /// Spec: `specs/bolt/channel.lnp:539`.
        pub local_htlc_sigs: Vec<rt::Signature>,
        /// Spec: `specs/bolt/channel.lnp:540`.
        pub remote_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:541`.
        pub to_sign: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:542`.
        pub to_expect: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:543`.
        pub unacked: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:544`.
        pub awaiting_revoke: bool,
        /// Spec: `specs/bolt/channel.lnp:545`.
        pub next_htlc_id: u64,
        /// Spec: `specs/bolt/channel.lnp:546`.
        pub next_remote_htlc_id: u64,
        /// Spec: `specs/bolt/channel.lnp:547`.
        pub remote_prev_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:548`.
        pub remote_current_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:549`.
        pub remote_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:550`.
        pub remote_ready: bool,
        /// Spec: `specs/bolt/channel.lnp:551`.
        pub remote_secrets: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:552`.
        pub remote_prev_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:553`.
        pub last_signed: Vec<Update>,
        /// Spec: `specs/bolt/channel.lnp:554`.
        pub preimages: rt::Archive<Vec<u8>, [u8; 32usize]>,
        /// Spec: `specs/bolt/channel.lnp:555`.
        pub revoked_htlcs: rt::Archive<u64, Vec<Pending>>,
        /// Spec: `specs/bolt/channel.lnp:556`.
        pub local_script: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:557`.
        pub remote_script: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:558`.
        pub proposed_fee: rt::Sat,
    }

    /// Spec: `specs/bolt/channel.lnp:562`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct ForceClosed {
        /// Spec: `specs/bolt/channel.lnp:563`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:564`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:565`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:566`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:567`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:568`.
        pub peer: PeerLimits,
        /// Spec: `specs/bolt/channel.lnp:569`.
        pub local_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:570`.
        pub local_htlc_sigs: Vec<rt::Signature>,
        /// Spec: `specs/bolt/channel.lnp:571`.
        pub preimages: rt::Archive<Vec<u8>, [u8; 32usize]>,
        /// Spec: `specs/bolt/channel.lnp:572`.
        pub commitment_txid: rt::Txid,
        /// Spec: `specs/bolt/channel.lnp:574`.
        pub to_local_done: bool,
        /// Spec: `specs/bolt/channel.lnp:577`.
        pub pending_timeouts: Vec<Claim>,
        /// Spec: `specs/bolt/channel.lnp:578`.
        pub pending_sweeps: Vec<Claim>,
    }

    /// Spec: `specs/bolt/channel.lnp:582`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct RemoteClosed {
        /// Spec: `specs/bolt/channel.lnp:583`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:584`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:585`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:586`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:587`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:588`.
        pub peer: PeerLimits,
        /// Spec: `specs/bolt/channel.lnp:589`.
        pub their_commit: CommitView,
        /// Spec: `specs/bolt/channel.lnp:590`.
        pub their_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:591`.
        pub commitment_txid: rt::Txid,
        /// Spec: `specs/bolt/channel.lnp:592`.
        pub preimages: rt::Archive<Vec<u8>, [u8; 32usize]>,
        /// Spec: `specs/bolt/channel.lnp:593`.
        pub pending_timeouts: Vec<Claim>,
    }

    /// Spec: `specs/bolt/channel.lnp:596`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Closed {
        /// Spec: `specs/bolt/channel.lnp:596`.
        pub channel_id: rt::ChannelId,
    }

    /// Spec: `specs/bolt/ln_penalty.lnp:25`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Punishing {
        /// Spec: `specs/bolt/ln_penalty.lnp:26`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/ln_penalty.lnp:27`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/ln_penalty.lnp:28`.
        pub revoked: u64,
        /// Spec: `specs/bolt/ln_penalty.lnp:29`.
        pub revoked_secret: rt::Secret,
        /// Spec: `specs/bolt/ln_penalty.lnp:30`.
        pub revoked_keys: CommitKeys,
        /// Spec: `specs/bolt/ln_penalty.lnp:31`.
        pub feerate: u32,
        /// Spec: `specs/bolt/ln_penalty.lnp:33`.
        pub contested: Vec<rt::OutPoint>,
    }
}

/// The state of a machine: exactly one of the spec's states, with its data.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum State {
    Init(state::Init),
    AwaitOpen(state::AwaitOpen),
    AwaitAccept(state::AwaitAccept),
    AwaitFundingBuilt(state::AwaitFundingBuilt),
    AwaitFundingCreated(state::AwaitFundingCreated),
    AwaitFundingSigned(state::AwaitFundingSigned),
    AwaitLocked(state::AwaitLocked),
    Normal(state::Normal),
    Disconnected(state::Disconnected),
    Reestablishing(state::Reestablishing),
    ShuttingDown(state::ShuttingDown),
    Negotiating(state::Negotiating),
    ForceClosed(state::ForceClosed),
    RemoteClosed(state::RemoteClosed),
    Closed(state::Closed),
    Punishing(state::Punishing),
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
            State::AwaitOpen(_) => "AwaitOpen",
            State::AwaitAccept(_) => "AwaitAccept",
            State::AwaitFundingBuilt(_) => "AwaitFundingBuilt",
            State::AwaitFundingCreated(_) => "AwaitFundingCreated",
            State::AwaitFundingSigned(_) => "AwaitFundingSigned",
            State::AwaitLocked(_) => "AwaitLocked",
            State::Normal(_) => "Normal",
            State::Disconnected(_) => "Disconnected",
            State::Reestablishing(_) => "Reestablishing",
            State::ShuttingDown(_) => "ShuttingDown",
            State::Negotiating(_) => "Negotiating",
            State::ForceClosed(_) => "ForceClosed",
            State::RemoteClosed(_) => "RemoteClosed",
            State::Closed(_) => "Closed",
            State::Punishing(_) => "Punishing",
        }
    }

    /// Whether the spec declares this state `terminal`.
    pub fn is_terminal(&self) -> bool {
        matches!(self, State::Closed(_))
    }
}

/// A timer of this protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Timer {
    Negotiate,
    ResolvedCheck,
}

impl Timer {
    pub fn name(&self) -> &'static str {
        match self {
            Timer::Negotiate => "negotiate",
            Timer::ResolvedCheck => "resolved_check",
        }
    }

    /// The timer a `StartTimer`/`StopTimer` effect names, for the
    /// host that fires it.
    pub fn from_name(name: &str) -> Option<Timer> {
        match name {
            "negotiate" => Some(Timer::Negotiate),
            "resolved_check" => Some(Timer::ResolvedCheck),
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
        (State::Normal(lnp_s), Input::Command(Command::Add(lnp_trig))) => {
            t0_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Recv(Message::UpdateAddHtlc(lnp_trig))) => {
            t1_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Command(Command::Fulfill(lnp_trig))) => {
            t2_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ShuttingDown(lnp_s), Input::Command(Command::Fulfill(lnp_trig))) => {
            t2_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Command(Command::Fail(lnp_trig))) => {
            t3_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ShuttingDown(lnp_s), Input::Command(Command::Fail(lnp_trig))) => {
            t3_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Command(Command::FailMalformed(lnp_trig))) => {
            t4_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Command(Command::FailMalformed(lnp_trig)),
        ) => t4_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (State::Normal(lnp_s), Input::Recv(Message::UpdateFulfillHtlc(lnp_trig))) => {
            t5_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Recv(Message::UpdateFulfillHtlc(lnp_trig)),
        ) => t5_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (State::Normal(lnp_s), Input::Recv(Message::UpdateFailHtlc(lnp_trig))) => {
            t6_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ShuttingDown(lnp_s), Input::Recv(Message::UpdateFailHtlc(lnp_trig))) => {
            t6_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Normal(lnp_s),
            Input::Recv(Message::UpdateFailMalformedHtlc(lnp_trig)),
        ) => t7_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::ShuttingDown(lnp_s),
            Input::Recv(Message::UpdateFailMalformedHtlc(lnp_trig)),
        ) => t7_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (State::ForceClosed(lnp_s), Input::Recv(Message::UpdateAddHtlc(lnp_trig))) => {
            t8_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::RemoteClosed(lnp_s), Input::Recv(Message::UpdateAddHtlc(lnp_trig))) => {
            t8_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ForceClosed(lnp_s),
            Input::Recv(Message::UpdateFulfillHtlc(lnp_trig)),
        ) => t9_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::RemoteClosed(lnp_s),
            Input::Recv(Message::UpdateFulfillHtlc(lnp_trig)),
        ) => t9_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (State::ForceClosed(lnp_s), Input::Recv(Message::UpdateFailHtlc(lnp_trig))) => {
            t10_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::RemoteClosed(lnp_s), Input::Recv(Message::UpdateFailHtlc(lnp_trig))) => {
            t10_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ForceClosed(lnp_s),
            Input::Recv(Message::UpdateFailMalformedHtlc(lnp_trig)),
        ) => t11_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::RemoteClosed(lnp_s),
            Input::Recv(Message::UpdateFailMalformedHtlc(lnp_trig)),
        ) => t11_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Normal(lnp_s),
            Input::Command(Command::CheckDeadlines(lnp_trig)),
        ) if t12_normal_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t12_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Command(Command::CheckDeadlines(lnp_trig)),
        ) if t12_shuttingdown_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t12_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Negotiating(lnp_s),
            Input::Command(Command::CheckDeadlines(lnp_trig)),
        ) if t12_negotiating_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t12_negotiating(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Disconnected(lnp_s),
            Input::Command(Command::CheckDeadlines(lnp_trig)),
        ) if t12_disconnected_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t12_disconnected(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Reestablishing(lnp_s),
            Input::Command(Command::CheckDeadlines(lnp_trig)),
        ) if t12_reestablishing_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t12_reestablishing(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Command(Command::CheckDeadlines(lnp_trig))) => {
            t13_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Command(Command::CheckDeadlines(lnp_trig)),
        ) => t13_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Negotiating(lnp_s),
            Input::Command(Command::CheckDeadlines(lnp_trig)),
        ) => t13_negotiating(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Disconnected(lnp_s),
            Input::Command(Command::CheckDeadlines(lnp_trig)),
        ) => t13_disconnected(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Reestablishing(lnp_s),
            Input::Command(Command::CheckDeadlines(lnp_trig)),
        ) => t13_reestablishing(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::ForceClosed(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("commitment_confirmed", lnp_trig)),
        ) => t14_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::ForceClosed(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("htlc_expired", lnp_trig)),
        ) => t15_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::ForceClosed(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("htlc_output_spent", lnp_trig)),
        ) => t16_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::ForceClosed(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("second_stage_matured", lnp_trig)),
        ) => t17_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::RemoteClosed(lnp_s),
            Input::Chain(
                rt::ChainEvent::Confirmed("remote_commitment_confirmed", lnp_trig),
            ),
        ) => t18_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::RemoteClosed(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("remote_htlc_output_spent", lnp_trig)),
        ) => t19_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::RemoteClosed(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("remote_htlc_expired", lnp_trig)),
        ) => t20_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Normal(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) if t21_normal_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t21_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) if t21_shuttingdown_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t21_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Negotiating(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) if t21_negotiating_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t21_negotiating(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Disconnected(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) if t21_disconnected_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t21_disconnected(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Reestablishing(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) if t21_reestablishing_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t21_reestablishing(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Punishing(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("revoked_htlc_spent", lnp_trig)),
        ) => t22_punishing(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Punishing(lnp_s),
            Input::Timer(Timer::ResolvedCheck),
        ) if t23_punishing_when(&lnp_s, lnp_env, lnp_ctx)? => {
            t23_punishing(lnp_s, lnp_env, lnp_ctx)
        }
        (State::Punishing(lnp_s), Input::Timer(Timer::ResolvedCheck)) => {
            t24_punishing(lnp_s, lnp_env, lnp_ctx)
        }
        (
            State::Init(lnp_s),
            Input::Command(Command::Open(lnp_trig)),
        ) if t25_init_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t25_init(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Init(lnp_s),
            Input::Command(Command::Listen(lnp_trig)),
        ) if t26_init_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t26_init(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::AwaitOpen(lnp_s), Input::Recv(Message::OpenChannel(lnp_trig))) => {
            t27_awaitopen(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::AwaitAccept(lnp_s), Input::Recv(Message::AcceptChannel(lnp_trig))) => {
            t28_awaitaccept(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::AwaitFundingBuilt(lnp_s),
            Input::Command(Command::FundingBuilt(lnp_trig)),
        ) => t29_awaitfundingbuilt(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::AwaitFundingCreated(lnp_s),
            Input::Recv(Message::FundingCreated(lnp_trig)),
        ) => t30_awaitfundingcreated(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::AwaitFundingSigned(lnp_s),
            Input::Recv(Message::FundingSigned(lnp_trig)),
        ) => t31_awaitfundingsigned(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::AwaitLocked(lnp_s),
            Input::Command(Command::CheckDeadlines(lnp_trig)),
        ) if t32_awaitlocked_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t32_awaitlocked(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::AwaitLocked(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("funding_confirmed", lnp_trig)),
        ) => t33_awaitlocked(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Normal(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("funding_confirmed", lnp_trig)),
        ) => t34_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::ShuttingDown(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("funding_confirmed", lnp_trig)),
        ) => t34_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Negotiating(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("funding_confirmed", lnp_trig)),
        ) => t34_negotiating(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Disconnected(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("funding_confirmed", lnp_trig)),
        ) => t34_disconnected(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Reestablishing(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("funding_confirmed", lnp_trig)),
        ) => t34_reestablishing(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::ForceClosed(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("funding_confirmed", lnp_trig)),
        ) => t34_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::RemoteClosed(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("funding_confirmed", lnp_trig)),
        ) => t34_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::AwaitLocked(lnp_s),
            Input::Command(Command::CheckDeadlines(lnp_trig)),
        ) => t35_awaitlocked(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (State::AwaitLocked(lnp_s), Input::Recv(Message::ChannelReady(lnp_trig))) => {
            t36_awaitlocked(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::AwaitLocked(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("funding_deep", lnp_trig)),
        ) => t37_awaitlocked(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Normal(lnp_s),
            Input::Recv(Message::ChannelReady(lnp_trig)),
        ) if t38_normal_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t38_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Recv(Message::ChannelReady(lnp_trig)),
        ) if t38_shuttingdown_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t38_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Recv(Message::ChannelReady(lnp_trig))) => {
            t39_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ShuttingDown(lnp_s), Input::Recv(Message::ChannelReady(lnp_trig))) => {
            t39_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Normal(lnp_s),
            Input::Command(Command::Commit(lnp_trig)),
        ) if t40_normal_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t40_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Command(Command::Commit(lnp_trig)),
        ) if t40_shuttingdown_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t40_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Command(Command::Commit(lnp_trig))) => {
            t41_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ShuttingDown(lnp_s), Input::Command(Command::Commit(lnp_trig))) => {
            t41_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Recv(Message::CommitmentSigned(lnp_trig))) => {
            t42_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Recv(Message::CommitmentSigned(lnp_trig)),
        ) => t42_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Normal(lnp_s),
            Input::Recv(Message::RevokeAndAck(lnp_trig)),
        ) if t43_normal_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t43_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Recv(Message::RevokeAndAck(lnp_trig)),
        ) if t43_shuttingdown_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t43_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Recv(Message::RevokeAndAck(lnp_trig))) => {
            t44_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ShuttingDown(lnp_s), Input::Recv(Message::RevokeAndAck(lnp_trig))) => {
            t44_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::AwaitAccept(lnp_s),
            Input::Command(Command::PeerDisconnected(lnp_trig)),
        ) => t45_awaitaccept(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::AwaitFundingBuilt(lnp_s),
            Input::Command(Command::PeerDisconnected(lnp_trig)),
        ) => t45_awaitfundingbuilt(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::AwaitFundingCreated(lnp_s),
            Input::Command(Command::PeerDisconnected(lnp_trig)),
        ) => t45_awaitfundingcreated(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::AwaitOpen(lnp_s),
            Input::Command(Command::PeerDisconnected(lnp_trig)),
        ) => t46_awaitopen(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::AwaitFundingSigned(lnp_s),
            Input::Command(Command::PeerDisconnected(lnp_trig)),
        ) => t47_awaitfundingsigned(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::AwaitLocked(lnp_s),
            Input::Command(Command::PeerDisconnected(lnp_trig)),
        ) => t48_awaitlocked(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (State::AwaitLocked(lnp_s), Input::Command(Command::PeerConnected(lnp_trig))) => {
            t49_awaitlocked(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::AwaitLocked(lnp_s),
            Input::Recv(Message::ChannelReestablish(lnp_trig)),
        ) => t50_awaitlocked(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (State::Normal(lnp_s), Input::Command(Command::PeerDisconnected(lnp_trig))) => {
            t51_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Command(Command::PeerDisconnected(lnp_trig)),
        ) => t52_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Negotiating(lnp_s),
            Input::Command(Command::PeerDisconnected(lnp_trig)),
        ) => t53_negotiating(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Disconnected(lnp_s),
            Input::Command(Command::PeerConnected(lnp_trig)),
        ) => t54_disconnected(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Reestablishing(lnp_s),
            Input::Recv(Message::ChannelReestablish(lnp_trig)),
        ) if t55_reestablishing_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t55_reestablishing(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Reestablishing(lnp_s),
            Input::Recv(Message::ChannelReestablish(lnp_trig)),
        ) if t56_reestablishing_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t56_reestablishing(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Normal(lnp_s),
            Input::Command(Command::SetFeerate(lnp_trig)),
        ) if t57_normal_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t57_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Normal(lnp_s),
            Input::Recv(Message::UpdateFee(lnp_trig)),
        ) if t58_normal_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t58_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Recv(Message::UpdateFee(lnp_trig)),
        ) if t58_shuttingdown_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t58_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Recv(Message::UpdateFee(lnp_trig))) => {
            t59_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ShuttingDown(lnp_s), Input::Recv(Message::UpdateFee(lnp_trig))) => {
            t59_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Command(Command::Close(lnp_trig))) => {
            t60_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Recv(Message::Shutdown(lnp_trig))) => {
            t61_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ShuttingDown(lnp_s), Input::Recv(Message::Shutdown(lnp_trig))) => {
            t62_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Timer(Timer::Negotiate),
        ) if t63_shuttingdown_when(&lnp_s, lnp_env, lnp_ctx)? => {
            t63_shuttingdown(lnp_s, lnp_env, lnp_ctx)
        }
        (State::ShuttingDown(lnp_s), Input::Timer(Timer::Negotiate)) => {
            t64_shuttingdown(lnp_s, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Recv(Message::ClosingSigned(lnp_trig)),
        ) if t65_shuttingdown_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t65_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Negotiating(lnp_s), Input::Recv(Message::ClosingSigned(lnp_trig))) => {
            t66_negotiating(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Command(Command::ForceClose(lnp_trig))) => {
            t67_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ShuttingDown(lnp_s), Input::Command(Command::ForceClose(lnp_trig))) => {
            t67_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Negotiating(lnp_s), Input::Command(Command::ForceClose(lnp_trig))) => {
            t67_negotiating(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Disconnected(lnp_s), Input::Command(Command::ForceClose(lnp_trig))) => {
            t67_disconnected(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Reestablishing(lnp_s), Input::Command(Command::ForceClose(lnp_trig))) => {
            t67_reestablishing(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ForceClosed(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("to_local_matured", lnp_trig)),
        ) => t68_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::ForceClosed(lnp_s),
            Input::Timer(Timer::ResolvedCheck),
        ) if t69_forceclosed_when(&lnp_s, lnp_env, lnp_ctx)? => {
            t69_forceclosed(lnp_s, lnp_env, lnp_ctx)
        }
        (
            State::RemoteClosed(lnp_s),
            Input::Timer(Timer::ResolvedCheck),
        ) if t70_remoteclosed_when(&lnp_s, lnp_env, lnp_ctx)? => {
            t70_remoteclosed(lnp_s, lnp_env, lnp_ctx)
        }
        (State::ForceClosed(lnp_s), Input::Timer(Timer::ResolvedCheck)) => {
            t71_forceclosed(lnp_s, lnp_env, lnp_ctx)
        }
        (State::RemoteClosed(lnp_s), Input::Timer(Timer::ResolvedCheck)) => {
            t71_remoteclosed(lnp_s, lnp_env, lnp_ctx)
        }
        (State::ForceClosed(lnp_s), Input::Recv(Message::CommitmentSigned(lnp_trig))) => {
            t72_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::RemoteClosed(lnp_s),
            Input::Recv(Message::CommitmentSigned(lnp_trig)),
        ) => t72_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (State::ForceClosed(lnp_s), Input::Recv(Message::RevokeAndAck(lnp_trig))) => {
            t73_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::RemoteClosed(lnp_s), Input::Recv(Message::RevokeAndAck(lnp_trig))) => {
            t73_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ForceClosed(lnp_s), Input::Recv(Message::UpdateFee(lnp_trig))) => {
            t74_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::RemoteClosed(lnp_s), Input::Recv(Message::UpdateFee(lnp_trig))) => {
            t74_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ForceClosed(lnp_s), Input::Recv(Message::Shutdown(lnp_trig))) => {
            t75_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::RemoteClosed(lnp_s), Input::Recv(Message::Shutdown(lnp_trig))) => {
            t75_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ForceClosed(lnp_s), Input::Recv(Message::ClosingSigned(lnp_trig))) => {
            t76_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::RemoteClosed(lnp_s), Input::Recv(Message::ClosingSigned(lnp_trig))) => {
            t76_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ForceClosed(lnp_s), Input::Recv(Message::ChannelReady(lnp_trig))) => {
            t77_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::RemoteClosed(lnp_s), Input::Recv(Message::ChannelReady(lnp_trig))) => {
            t77_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ForceClosed(lnp_s),
            Input::Recv(Message::ChannelReestablish(lnp_trig)),
        ) => t78_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::RemoteClosed(lnp_s),
            Input::Recv(Message::ChannelReestablish(lnp_trig)),
        ) => t78_remoteclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::ForceClosed(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) if t79_forceclosed_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t79_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ForceClosed(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) => t80_forceclosed(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Normal(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) if t81_normal_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t81_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) if t81_shuttingdown_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t81_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Negotiating(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) if t81_negotiating_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t81_negotiating(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Disconnected(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) if t81_disconnected_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t81_disconnected(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Reestablishing(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) if t81_reestablishing_when(&lnp_s, &lnp_trig, lnp_env, lnp_ctx)? => {
            t81_reestablishing(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Normal(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) => t82_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::ShuttingDown(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) => t82_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Disconnected(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) => t82_disconnected(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Reestablishing(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) => t82_reestablishing(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Negotiating(lnp_s),
            Input::Chain(rt::ChainEvent::Spent("funding_spent", lnp_trig)),
        ) => t82_negotiating(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (state, input) => Err(rt::Reject::unexpected(&input.describe(), state.name())),
    }
}

/// The spec's properties, for the explorer and for debug-build checks.
pub const PROPERTIES: &[(&str, rt::PropertyKind)] = &[
    ("conserved", rt::PropertyKind::Invariant),
    ("htlc_limit", rt::PropertyKind::Invariant),
    ("reaches_normal", rt::PropertyKind::Sometimes),
    ("closes", rt::PropertyKind::Eventually),
    ("punishable", rt::PropertyKind::Invariant),
];
/// Whether the property `name` holds in `state` (unknown names do not hold).
pub fn property_holds<C: rt::Context>(
    name: &str,
    state: &State,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> bool {
    match name {
        "conserved" => {
            match state {
                State::Normal(s) => {
                    p0_normal(s.clone(), lnp_env, lnp_ctx).unwrap_or(false)
                }
                State::ShuttingDown(s) => {
                    p0_shuttingdown(s.clone(), lnp_env, lnp_ctx).unwrap_or(false)
                }
                State::Disconnected(s) => {
                    p0_disconnected(s.clone(), lnp_env, lnp_ctx).unwrap_or(false)
                }
                State::Reestablishing(s) => {
                    p0_reestablishing(s.clone(), lnp_env, lnp_ctx).unwrap_or(false)
                }
                _ => true,
            }
        }
        "htlc_limit" => {
            match state {
                State::Normal(s) => {
                    p1_normal(s.clone(), lnp_env, lnp_ctx).unwrap_or(false)
                }
                _ => true,
            }
        }
        "reaches_normal" => {
            match state {
                State::Normal(s) => true,
                _ => false,
            }
        }
        "closes" => {
            match state {
                State::Closed(s) => true,
                _ => false,
            }
        }
        "punishable" => {
            match state {
                State::Normal(s) => {
                    p4_normal(s.clone(), lnp_env, lnp_ctx).unwrap_or(false)
                }
                State::ShuttingDown(s) => {
                    p4_shuttingdown(s.clone(), lnp_env, lnp_ctx).unwrap_or(false)
                }
                State::Disconnected(s) => {
                    p4_disconnected(s.clone(), lnp_env, lnp_ctx).unwrap_or(false)
                }
                State::Reestablishing(s) => {
                    p4_reestablishing(s.clone(), lnp_env, lnp_ctx).unwrap_or(false)
                }
                _ => true,
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

/// `fn channel_type` (specs/bolt/channel.lnp:600).
pub fn f_channel_channel_type<C: rt::Context>(
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<u8>, rt::Reject> {
    Ok(
        if lnp_env.params.anchors.clone() {
            ([64u8, 16u8, 0u8]).to_vec()
        } else {
            ([16u8, 0u8]).to_vec()
        },
    )
}

/// `fn obscured_commitment_number` (specs/bolt/channel.lnp:604).
pub fn f_channel_obscured_commitment_number<C: rt::Context>(
    opener_payment: rt::Point,
    accepter_payment: rt::Point,
    n: u64,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<u64, rt::Reject> {
    Ok((rt::builtins::obscuring_factor(&opener_payment, &accepter_payment) ^ n.clone()))
}

/// `fn commit_fee` (specs/bolt/channel.lnp:609).
pub fn f_channel_commit_fee<C: rt::Context>(
    feerate: u32,
    htlcs: u64,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Sat, rt::Reject> {
    Ok(
        rt::builtins::fee(
                feerate.clone(),
                ((if lnp_env.params.anchors.clone() { 1124u64 } else { 724u64 }))
                    .checked_add(
                        (172u64)
                            .checked_mul(htlcs.clone())
                            .or_reject("specs/bolt/channel.lnp:610")?,
                    )
                    .or_reject("specs/bolt/channel.lnp:610")?,
            )
            .or_reject("specs/bolt/channel.lnp:610")?,
    )
}

/// `fn htlc_timeout_fee` (specs/bolt/channel.lnp:613).
pub fn f_channel_htlc_timeout_fee<C: rt::Context>(
    feerate: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Sat, rt::Reject> {
    Ok(
        if lnp_env.params.anchors.clone() {
            rt::Sat(0)
        } else {
            rt::builtins::fee(feerate.clone(), 663u64)
                .or_reject("specs/bolt/channel.lnp:613")?
        },
    )
}

/// `fn htlc_success_fee` (specs/bolt/channel.lnp:615).
pub fn f_channel_htlc_success_fee<C: rt::Context>(
    feerate: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Sat, rt::Reject> {
    Ok(
        if lnp_env.params.anchors.clone() {
            rt::Sat(0)
        } else {
            rt::builtins::fee(feerate.clone(), 703u64)
                .or_reject("specs/bolt/channel.lnp:615")?
        },
    )
}

/// `fn trimmed` (specs/bolt/channel.lnp:619).
pub fn f_channel_trimmed<C: rt::Context>(
    p: Pending,
    dust: rt::Sat,
    feerate: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    Ok(
        ((p.amount.clone()).to_sat()
            < (dust.clone())
                .checked_add(
                    (if p.offered.clone() {
                        f_channel_htlc_timeout_fee(feerate.clone(), lnp_env, lnp_ctx)?
                    } else {
                        f_channel_htlc_success_fee(feerate.clone(), lnp_env, lnp_ctx)?
                    }),
                )
                .or_reject("specs/bolt/channel.lnp:620")?),
    )
}

/// `fn untrimmed` (specs/bolt/channel.lnp:622).
pub fn f_channel_untrimmed<C: rt::Context>(
    pending: Vec<Pending>,
    dust: rt::Sat,
    feerate: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<u64, rt::Reject> {
    Ok(
        rt::list::count(
            &(pending),
            |p: &Pending| -> Result<_, rt::Reject> {
                Ok(
                    !(f_channel_trimmed(
                        p.clone(),
                        dust.clone(),
                        feerate.clone(),
                        lnp_env,
                        lnp_ctx,
                    )?),
                )
            },
        )?,
    )
}

/// `fn funder_cost` (specs/bolt/channel.lnp:626).
pub fn f_channel_funder_cost<C: rt::Context>(
    pending: Vec<Pending>,
    dust: rt::Sat,
    feerate: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Sat, rt::Reject> {
    Ok(
        (f_channel_commit_fee(
            feerate.clone(),
            f_channel_untrimmed(
                pending.clone(),
                dust.clone(),
                feerate.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            lnp_env,
            lnp_ctx,
        )?)
            .checked_add(
                (if lnp_env.params.anchors.clone() { rt::Sat(660) } else { rt::Sat(0) }),
            )
            .or_reject("specs/bolt/channel.lnp:627")?,
    )
}

/// `fn side_amount` (specs/bolt/channel.lnp:631).
pub fn f_channel_side_amount<C: rt::Context>(
    balance: rt::Msat,
    funder: bool,
    cost: rt::Sat,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Sat, rt::Reject> {
    Ok(
        if !(funder.clone()) {
            (balance.clone()).to_sat()
        } else {
            if ((balance.clone()).to_sat() >= cost.clone()) {
                ((balance.clone()).to_sat())
                    .checked_sub(cost.clone())
                    .or_reject("specs/bolt/channel.lnp:632")?
            } else {
                rt::Sat(0)
            }
        },
    )
}

/// `fn to_remote_output` (specs/bolt/channel.lnp:636).
pub fn f_channel_to_remote_output<C: rt::Context>(
    k: CommitKeys,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok(
        if lnp_env.params.anchors.clone() {
            rt::builtins::p2wsh(
                &{
                    let lnp_sb = bitcoin::script::Builder::new();
                    let lnp_sb = rt::script::Push::push(
                        &(k.remote_payment.clone()),
                        lnp_sb,
                    );
                    let lnp_sb = lnp_sb
                        .push_opcode(bitcoin::opcodes::Opcode::from(173u8));
                    let lnp_sb = rt::script::Push::push(&1i64, lnp_sb);
                    let lnp_sb = lnp_sb
                        .push_opcode(bitcoin::opcodes::Opcode::from(178u8));
                    lnp_sb.into_script()
                },
            )
        } else {
            rt::builtins::p2wpkh(&k.remote_payment)
        },
    )
}

/// `fn anchor_script` (specs/bolt/channel.lnp:640).
pub fn f_channel_anchor_script<C: rt::Context>(
    funding_key: rt::Point,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok({
        let lnp_sb = bitcoin::script::Builder::new();
        let lnp_sb = rt::script::Push::push(&(funding_key.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(172u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(115u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(100u8));
        let lnp_sb = rt::script::Push::push(&16i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(178u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(104u8));
        lnp_sb.into_script()
    })
}

/// `fn no_htlc` (specs/bolt/channel.lnp:677).
pub fn f_channel_no_htlc<C: rt::Context>(
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Pending, rt::Reject> {
    Ok(Pending {
        id: 0u64,
        amount: rt::Msat(0),
        cltv_expiry: 0u32,
        offered: false,
        lock: ([]).to_vec(),
    })
}

/// `fn ours` (specs/bolt/channel.lnp:682).
pub fn f_channel_ours<C: rt::Context>(
    u: Update,
    funder: bool,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    Ok(
        if (u.kind.clone() == UpdateKind::FeeUpdate) {
            funder.clone()
        } else {
            if (u.kind.clone() == UpdateKind::AddHtlc) {
                u.htlc.offered.clone()
            } else {
                !(u.htlc.offered.clone())
            }
        },
    )
}

/// `fn added` (specs/bolt/channel.lnp:685).
pub fn f_channel_added<C: rt::Context>(
    us: Vec<Update>,
    offered: bool,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Msat, rt::Reject> {
    Ok(
        rt::Msat::sum(
                (rt::list::map(
                    &(rt::list::filter(
                        &(us),
                        |u: &Update| -> Result<_, rt::Reject> {
                            Ok(
                                ((u.kind.clone() == UpdateKind::AddHtlc)
                                    && (u.htlc.offered.clone() == offered.clone())),
                            )
                        },
                    )?),
                    |u: &Update| -> Result<_, rt::Reject> { Ok(u.htlc.amount.clone()) },
                )?)
                    .iter()
                    .copied(),
            )
            .or_reject("specs/bolt/channel.lnp:686")?,
    )
}

/// `fn returned` (specs/bolt/channel.lnp:690).
pub fn f_channel_returned<C: rt::Context>(
    us: Vec<Update>,
    to_us: bool,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Msat, rt::Reject> {
    Ok(
        rt::Msat::sum(
                (rt::list::map(
                    &(rt::list::filter(
                        &(us),
                        |u: &Update| -> Result<_, rt::Reject> {
                            Ok(
                                ((((u.kind.clone() == UpdateKind::FulfillHtlc)
                                    && (u.htlc.offered.clone() != to_us.clone())))
                                    || (((u.kind.clone() == UpdateKind::FailHtlc)
                                        && (u.htlc.offered.clone() == to_us.clone())))),
                            )
                        },
                    )?),
                    |u: &Update| -> Result<_, rt::Reject> { Ok(u.htlc.amount.clone()) },
                )?)
                    .iter()
                    .copied(),
            )
            .or_reject("specs/bolt/channel.lnp:691")?,
    )
}

/// `fn removes` (specs/bolt/channel.lnp:693).
pub fn f_channel_removes<C: rt::Context>(
    us: Vec<Update>,
    h: Pending,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    Ok(
        rt::list::any(
            &(us),
            |u: &Update| -> Result<_, rt::Reject> {
                Ok(
                    ((((u.kind.clone() != UpdateKind::AddHtlc)
                        && (u.kind.clone() != UpdateKind::FeeUpdate))
                        && (u.htlc.id.clone() == h.id.clone()))
                        && (u.htlc.offered.clone() == h.offered.clone())),
                )
            },
        )?,
    )
}

/// `fn last_feerate` (specs/bolt/channel.lnp:696).
pub fn f_channel_last_feerate<C: rt::Context>(
    fees: Vec<Update>,
    current: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<u32, rt::Reject> {
    Ok(
        if (((fees).len() as u64) == 0u64) {
            current.clone()
        } else {
            ((rt::list::at(
                &(fees),
                (((fees).len() as u64))
                    .checked_sub(1u64)
                    .or_reject("specs/bolt/channel.lnp:697")?,
            ))
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/channel.lnp:697",
                ))?)
                .feerate
                .clone()
        },
    )
}

/// `fn apply` (specs/bolt/channel.lnp:700).
pub fn f_channel_apply<C: rt::Context>(
    c: CommitView,
    us: Vec<Update>,
    number: u64,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<CommitView, rt::Reject> {
    Ok(CommitView {
        number: number.clone(),
        to_local: ((c.to_local.clone())
            .checked_add(f_channel_returned(us.clone(), true, lnp_env, lnp_ctx)?)
            .or_reject("specs/bolt/channel.lnp:701")?)
            .checked_sub(f_channel_added(us.clone(), true, lnp_env, lnp_ctx)?)
            .or_reject("specs/bolt/channel.lnp:701")?,
        to_remote: ((c.to_remote.clone())
            .checked_add(f_channel_returned(us.clone(), false, lnp_env, lnp_ctx)?)
            .or_reject("specs/bolt/channel.lnp:701")?)
            .checked_sub(f_channel_added(us.clone(), false, lnp_env, lnp_ctx)?)
            .or_reject("specs/bolt/channel.lnp:701")?,
        htlcs: [
            &(f_channel_kept(
                c.htlcs.clone(),
                f_channel_removed_ids(us.clone(), true, lnp_env, lnp_ctx)?,
                f_channel_removed_ids(us.clone(), false, lnp_env, lnp_ctx)?,
                lnp_env,
                lnp_ctx,
            )?)[..],
            &(rt::list::map(
                &(rt::list::filter(
                    &(us),
                    |u: &Update| -> Result<_, rt::Reject> {
                        Ok((u.kind.clone() == UpdateKind::AddHtlc))
                    },
                )?),
                |u: &Update| -> Result<_, rt::Reject> { Ok(u.htlc.clone()) },
            )?)[..],
        ]
            .concat(),
        feerate: f_channel_last_feerate(
            rt::list::filter(
                &(us),
                |u: &Update| -> Result<_, rt::Reject> {
                    Ok((u.kind.clone() == UpdateKind::FeeUpdate))
                },
            )?,
            c.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?,
    })
}

/// `fn removed_ids` (specs/bolt/channel.lnp:704).
pub fn f_channel_removed_ids<C: rt::Context>(
    us: Vec<Update>,
    offered: bool,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<u64>, rt::Reject> {
    Ok(
        rt::list::map(
            &(rt::list::filter(
                &(us),
                |u: &Update| -> Result<_, rt::Reject> {
                    Ok(
                        ((((u.kind.clone() == UpdateKind::FulfillHtlc)
                            || (u.kind.clone() == UpdateKind::FailHtlc)))
                            && (u.htlc.offered.clone() == offered.clone())),
                    )
                },
            )?),
            |u: &Update| -> Result<_, rt::Reject> { Ok(u.htlc.id.clone()) },
        )?,
    )
}

/// `fn kept` (specs/bolt/channel.lnp:712).
pub fn f_channel_kept<C: rt::Context>(
    hs: Vec<Pending>,
    offered_ids: Vec<u64>,
    received_ids: Vec<u64>,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<Pending>, rt::Reject> {
    Ok(
        rt::list::filter(
            &(hs),
            |h: &Pending| -> Result<_, rt::Reject> {
                Ok(
                    !((if h.offered.clone() {
                        (offered_ids).contains(&h.id.clone())
                    } else {
                        (received_ids).contains(&h.id.clone())
                    })),
                )
            },
        )?,
    )
}

/// `fn being_removed` (specs/bolt/channel.lnp:716).
pub fn f_channel_being_removed<C: rt::Context>(
    a: Vec<Update>,
    b: Vec<Update>,
    c: Vec<Update>,
    id: u64,
    offered: bool,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    Ok(
        ((f_channel_removes(
            a.clone(),
            Pending {
                id: id.clone(),
                amount: rt::Msat(0),
                cltv_expiry: 0u32,
                offered: offered.clone(),
                lock: ([]).to_vec(),
            },
            lnp_env,
            lnp_ctx,
        )?
            || f_channel_removes(
                b.clone(),
                Pending {
                    id: id.clone(),
                    amount: rt::Msat(0),
                    cltv_expiry: 0u32,
                    offered: offered.clone(),
                    lock: ([]).to_vec(),
                },
                lnp_env,
                lnp_ctx,
            )?)
            || f_channel_removes(
                c.clone(),
                Pending {
                    id: id.clone(),
                    amount: rt::Msat(0),
                    cltv_expiry: 0u32,
                    offered: offered.clone(),
                    lock: ([]).to_vec(),
                },
                lnp_env,
                lnp_ctx,
            )?),
    )
}

/// `fn flipped` (specs/bolt/channel.lnp:720).
pub fn f_channel_flipped<C: rt::Context>(
    hs: Vec<Pending>,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<Pending>, rt::Reject> {
    Ok(
        rt::list::map(
            &(hs),
            |p: &Pending| -> Result<_, rt::Reject> {
                Ok(Pending {
                    id: p.id.clone(),
                    amount: p.amount.clone(),
                    cltv_expiry: p.cltv_expiry.clone(),
                    offered: !(p.offered.clone()),
                    lock: p.lock.clone(),
                })
            },
        )?,
    )
}

/// `fn local_keys` (specs/bolt/channel.lnp:726).
pub fn f_channel_local_keys<C: rt::Context>(
    local: Basepoints,
    remote: Basepoints,
    point: rt::Point,
    delay: u16,
    dust: rt::Sat,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<CommitKeys, rt::Reject> {
    Ok(CommitKeys {
        revocation: rt::builtins::derive_revocation_pubkey_in(
                lnp_ctx,
                &remote.revocation,
                &point,
            )
            .or_reject("specs/bolt/channel.lnp:727")?,
        local_delayed: rt::builtins::derive_pubkey(&local.delayed_payment, &point)
            .or_reject("specs/bolt/channel.lnp:727")?,
        remote_payment: remote.payment.clone(),
        local_htlc: rt::builtins::derive_pubkey(&local.htlc, &point)
            .or_reject("specs/bolt/channel.lnp:727")?,
        remote_htlc: rt::builtins::derive_pubkey(&remote.htlc, &point)
            .or_reject("specs/bolt/channel.lnp:727")?,
        to_self_delay: delay.clone(),
        dust_limit: dust.clone(),
    })
}

/// `fn remote_keys` (specs/bolt/channel.lnp:729).
pub fn f_channel_remote_keys<C: rt::Context>(
    local: Basepoints,
    remote: Basepoints,
    point: rt::Point,
    dust: rt::Sat,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<CommitKeys, rt::Reject> {
    Ok(CommitKeys {
        revocation: rt::builtins::derive_revocation_pubkey_in(
                lnp_ctx,
                &local.revocation,
                &point,
            )
            .or_reject("specs/bolt/channel.lnp:730")?,
        local_delayed: rt::builtins::derive_pubkey(&remote.delayed_payment, &point)
            .or_reject("specs/bolt/channel.lnp:730")?,
        remote_payment: local.payment.clone(),
        local_htlc: rt::builtins::derive_pubkey(&remote.htlc, &point)
            .or_reject("specs/bolt/channel.lnp:730")?,
        remote_htlc: rt::builtins::derive_pubkey(&local.htlc, &point)
            .or_reject("specs/bolt/channel.lnp:730")?,
        to_self_delay: lnp_env.params.to_self_delay.clone(),
        dust_limit: dust.clone(),
    })
}

/// `fn local_keys_of` (specs/bolt/channel.lnp:737).
pub fn f_channel_local_keys_of<C: rt::Context>(
    c: CommitView,
    local: Basepoints,
    remote: Basepoints,
    point: rt::Point,
    delay: u16,
    dust: rt::Sat,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<CommitKeys, rt::Reject> {
    Ok(
        if (((c.htlcs).len() as u64) > 0u64) {
            f_channel_local_keys(
                local.clone(),
                remote.clone(),
                point.clone(),
                delay.clone(),
                dust.clone(),
                lnp_env,
                lnp_ctx,
            )?
        } else {
            CommitKeys {
                revocation: rt::builtins::derive_revocation_pubkey_in(
                        lnp_ctx,
                        &remote.revocation,
                        &point,
                    )
                    .or_reject("specs/bolt/channel.lnp:738")?,
                local_delayed: rt::builtins::derive_pubkey(
                        &local.delayed_payment,
                        &point,
                    )
                    .or_reject("specs/bolt/channel.lnp:738")?,
                remote_payment: remote.payment.clone(),
                local_htlc: local.htlc.clone(),
                remote_htlc: remote.htlc.clone(),
                to_self_delay: delay.clone(),
                dust_limit: dust.clone(),
            }
        },
    )
}

/// `fn remote_keys_of` (specs/bolt/channel.lnp:740).
pub fn f_channel_remote_keys_of<C: rt::Context>(
    c: CommitView,
    local: Basepoints,
    remote: Basepoints,
    point: rt::Point,
    dust: rt::Sat,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<CommitKeys, rt::Reject> {
    Ok(
        if (((c.htlcs).len() as u64) > 0u64) {
            f_channel_remote_keys(
                local.clone(),
                remote.clone(),
                point.clone(),
                dust.clone(),
                lnp_env,
                lnp_ctx,
            )?
        } else {
            CommitKeys {
                revocation: rt::builtins::derive_revocation_pubkey_in(
                        lnp_ctx,
                        &local.revocation,
                        &point,
                    )
                    .or_reject("specs/bolt/channel.lnp:741")?,
                local_delayed: rt::builtins::derive_pubkey(
                        &remote.delayed_payment,
                        &point,
                    )
                    .or_reject("specs/bolt/channel.lnp:741")?,
                remote_payment: local.payment.clone(),
                local_htlc: remote.htlc.clone(),
                remote_htlc: local.htlc.clone(),
                to_self_delay: lnp_env.params.to_self_delay.clone(),
                dust_limit: dust.clone(),
            }
        },
    )
}

/// `fn obscured` (specs/bolt/channel.lnp:743).
pub fn f_channel_obscured<C: rt::Context>(
    funder: bool,
    local: Basepoints,
    remote: Basepoints,
    n: u64,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<u64, rt::Reject> {
    Ok(
        if funder.clone() {
            f_channel_obscured_commitment_number(
                local.payment.clone(),
                remote.payment.clone(),
                n.clone(),
                lnp_env,
                lnp_ctx,
            )?
        } else {
            f_channel_obscured_commitment_number(
                remote.payment.clone(),
                local.payment.clone(),
                n.clone(),
                lnp_env,
                lnp_ctx,
            )?
        },
    )
}

/// `fn local_tx` (specs/bolt/channel.lnp:747).
pub fn f_channel_local_tx<C: rt::Context>(
    c: CommitView,
    funding: rt::OutPoint,
    capacity: rt::Sat,
    funder: bool,
    local: Basepoints,
    remote: Basepoints,
    k: CommitKeys,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    Ok(
        tpl_channel_commitment(
            funding.clone(),
            capacity.clone(),
            local.funding.clone(),
            remote.funding.clone(),
            f_channel_obscured(
                funder.clone(),
                local.clone(),
                remote.clone(),
                c.number.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            k.clone(),
            c.to_local.clone(),
            c.to_remote.clone(),
            funder.clone(),
            c.htlcs.clone(),
            c.feerate.clone(),
            k.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
    )
}

/// `fn remote_tx` (specs/bolt/channel.lnp:751).
pub fn f_channel_remote_tx<C: rt::Context>(
    c: CommitView,
    funding: rt::OutPoint,
    capacity: rt::Sat,
    funder: bool,
    local: Basepoints,
    remote: Basepoints,
    k: CommitKeys,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    Ok(
        tpl_channel_commitment(
            funding.clone(),
            capacity.clone(),
            remote.funding.clone(),
            local.funding.clone(),
            f_channel_obscured(
                funder.clone(),
                local.clone(),
                remote.clone(),
                c.number.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            k.clone(),
            c.to_remote.clone(),
            c.to_local.clone(),
            !(funder.clone()),
            f_channel_flipped(c.htlcs.clone(), lnp_env, lnp_ctx)?,
            c.feerate.clone(),
            k.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
    )
}

/// `fn htlc_at` (specs/bolt/channel.lnp:756).
pub fn f_channel_htlc_at<C: rt::Context>(
    tx: rt::Tx,
    i: u64,
    hs: Vec<Pending>,
    k: CommitKeys,
    feerate: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Option<Pending>, rt::Reject> {
    Ok(
        rt::list::find(
            &(hs),
            |p: &Pending| -> Result<_, rt::Reject> {
                Ok(
                    ((!(f_channel_trimmed(
                        p.clone(),
                        k.dust_limit.clone(),
                        feerate.clone(),
                        lnp_env,
                        lnp_ctx,
                    )?)
                        && (rt::builtins::output_amount(&tx, i.clone())
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "no such output",
                                "specs/bolt/channel.lnp:757",
                            ))? == (p.amount.clone()).to_sat()))
                        && (rt::builtins::output_script(&tx, i.clone())
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "no such output",
                                "specs/bolt/channel.lnp:757",
                            ))?
                            == rt::builtins::p2wsh(
                                &if p.offered.clone() {
                                    f_htlc_offered_script(
                                        p.clone(),
                                        k.clone(),
                                        lnp_env,
                                        lnp_ctx,
                                    )?
                                } else {
                                    f_htlc_received_script(
                                        p.clone(),
                                        k.clone(),
                                        lnp_env,
                                        lnp_ctx,
                                    )?
                                },
                            ))),
                )
            },
        )?,
    )
}

/// `fn htlc_outputs` (specs/bolt/channel.lnp:764).
pub fn f_channel_htlc_outputs<C: rt::Context>(
    tx: rt::Tx,
    hs: Vec<Pending>,
    k: CommitKeys,
    feerate: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<HtlcOutput>, rt::Reject> {
    Ok(
        f_channel_htlc_outputs_matched(
            tx.clone(),
            hs.clone(),
            rt::list::map(
                &(hs),
                |p: &Pending| -> Result<_, rt::Reject> {
                    Ok(
                        !(f_channel_trimmed(
                            p.clone(),
                            k.dust_limit.clone(),
                            feerate.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?),
                    )
                },
            )?,
            rt::list::map(
                &(hs),
                |p: &Pending| -> Result<_, rt::Reject> {
                    Ok((p.amount.clone()).to_sat())
                },
            )?,
            rt::list::map(
                &(hs),
                |p: &Pending| -> Result<_, rt::Reject> {
                    Ok(
                        rt::builtins::p2wsh(
                            &if p.offered.clone() {
                                f_htlc_offered_script(
                                    p.clone(),
                                    k.clone(),
                                    lnp_env,
                                    lnp_ctx,
                                )?
                            } else {
                                f_htlc_received_script(
                                    p.clone(),
                                    k.clone(),
                                    lnp_env,
                                    lnp_ctx,
                                )?
                            },
                        ),
                    )
                },
            )?,
            lnp_env,
            lnp_ctx,
        )?,
    )
}

/// `fn htlc_outputs_matched` (specs/bolt/channel.lnp:770).
pub fn f_channel_htlc_outputs_matched<C: rt::Context>(
    tx: rt::Tx,
    hs: Vec<Pending>,
    untrimmed: Vec<bool>,
    amounts: Vec<rt::Sat>,
    scripts: Vec<rt::Script>,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<HtlcOutput>, rt::Reject> {
    Ok(
        f_channel_htlc_outputs_indexed(
            hs.clone(),
            rt::list::map(
                &(rt::builtins::range(rt::builtins::output_count(&tx))),
                |i: &u64| -> Result<_, rt::Reject> {
                    Ok(
                        rt::list::find(
                            &(rt::builtins::range(((hs).len() as u64))),
                            |j: &u64| -> Result<_, rt::Reject> {
                                Ok(
                                    ((((rt::list::at(&(amounts), j.clone()))
                                        .ok_or_else(|| rt::Reject::new(
                                            rt::RejectKind::Error,
                                            "an empty option was read",
                                            "specs/bolt/channel.lnp:771",
                                        ))?
                                        == rt::builtins::output_amount(&tx, i.clone())
                                            .ok_or_else(|| rt::Reject::new(
                                                rt::RejectKind::Error,
                                                "no such output",
                                                "specs/bolt/channel.lnp:771",
                                            ))?)
                                        && (rt::list::at(&(untrimmed), j.clone()))
                                            .ok_or_else(|| rt::Reject::new(
                                                rt::RejectKind::Error,
                                                "an empty option was read",
                                                "specs/bolt/channel.lnp:771",
                                            ))?)
                                        && ((rt::list::at(&(scripts), j.clone()))
                                            .ok_or_else(|| rt::Reject::new(
                                                rt::RejectKind::Error,
                                                "an empty option was read",
                                                "specs/bolt/channel.lnp:771",
                                            ))?
                                            == rt::builtins::output_script(&tx, i.clone())
                                                .ok_or_else(|| rt::Reject::new(
                                                    rt::RejectKind::Error,
                                                    "no such output",
                                                    "specs/bolt/channel.lnp:771",
                                                ))?)),
                                )
                            },
                        )?,
                    )
                },
            )?,
            lnp_env,
            lnp_ctx,
        )?,
    )
}

/// `fn htlc_outputs_indexed` (specs/bolt/channel.lnp:775).
pub fn f_channel_htlc_outputs_indexed<C: rt::Context>(
    hs: Vec<Pending>,
    index: Vec<Option<u64>>,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<HtlcOutput>, rt::Reject> {
    Ok(
        rt::list::map(
            &(rt::list::filter(
                &(rt::builtins::range(((index).len() as u64))),
                |i: &u64| -> Result<_, rt::Reject> {
                    Ok(
                        ((rt::list::at(&(index), i.clone()))
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "an empty option was read",
                                "specs/bolt/channel.lnp:776",
                            ))?)
                            .is_some(),
                    )
                },
            )?),
            |i: &u64| -> Result<_, rt::Reject> {
                Ok(HtlcOutput {
                    vout: i.clone(),
                    htlc: (rt::list::at(
                        &(hs),
                        ((rt::list::at(&(index), i.clone()))
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "an empty option was read",
                                "specs/bolt/channel.lnp:776",
                            ))?)
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "an empty option was read",
                                "specs/bolt/channel.lnp:776",
                            ))?,
                    ))
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/channel.lnp:776",
                        ))?,
                })
            },
        )?,
    )
}

/// `fn htlc_vouts` (specs/bolt/channel.lnp:779).
pub fn f_channel_htlc_vouts<C: rt::Context>(
    tx: rt::Tx,
    hs: Vec<Pending>,
    k: CommitKeys,
    feerate: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<u64>, rt::Reject> {
    Ok(
        rt::list::map(
            &(f_channel_htlc_outputs(
                tx.clone(),
                hs.clone(),
                k.clone(),
                feerate.clone(),
                lnp_env,
                lnp_ctx,
            )?),
            |o: &HtlcOutput| -> Result<_, rt::Reject> { Ok(o.vout.clone()) },
        )?,
    )
}

/// `fn htlc_signatures` (specs/bolt/channel.lnp:784).
pub fn f_channel_htlc_signatures<C: rt::Context>(
    tx: rt::Tx,
    hs: Vec<Pending>,
    k: CommitKeys,
    feerate: u32,
    htlc_basepoint: rt::Point,
    point: rt::Point,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<rt::Signature>, rt::Reject> {
    Ok(
        f_channel_htlc_signatures_of(
            rt::builtins::txid(&tx),
            f_channel_htlc_outputs(
                tx.clone(),
                hs.clone(),
                k.clone(),
                feerate.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            k.clone(),
            feerate.clone(),
            htlc_basepoint.clone(),
            point.clone(),
            lnp_env,
            lnp_ctx,
        )?,
    )
}

/// `fn htlc_signatures_of` (specs/bolt/channel.lnp:787).
pub fn f_channel_htlc_signatures_of<C: rt::Context>(
    commit_txid: rt::Txid,
    outs: Vec<HtlcOutput>,
    k: CommitKeys,
    feerate: u32,
    htlc_basepoint: rt::Point,
    point: rt::Point,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<rt::Signature>, rt::Reject> {
    Ok(
        rt::list::map(
            &(outs),
            |o: &HtlcOutput| -> Result<_, rt::Reject> {
                Ok({
                    let (lnp_tx, lnp_base, lnp_point) = (
                        f_htlc_second_stage(
                            commit_txid.clone(),
                            rt::builtins::int::<u32>(o.vout.clone())
                                .or_reject("specs/bolt/channel.lnp:788")?,
                            o.htlc.clone(),
                            k.clone(),
                            feerate.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?,
                        htlc_basepoint.clone(),
                        point.clone(),
                    );
                    lnp_ctx
                        .sign_derived(&lnp_tx, 0u32, &lnp_base, &lnp_point)
                        .map_err(|why| rt::Reject::new(
                            rt::RejectKind::Error,
                            why.to_string(),
                            "specs/bolt/channel.lnp:788",
                        ))?
                })
            },
        )?,
    )
}

/// `fn htlc_signatures_valid` (specs/bolt/channel.lnp:792).
pub fn f_channel_htlc_signatures_valid<C: rt::Context>(
    tx: rt::Tx,
    hs: Vec<Pending>,
    k: CommitKeys,
    feerate: u32,
    sigs: Vec<rt::Signature>,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    Ok(
        f_channel_htlc_signatures_match(
            rt::builtins::txid(&tx),
            f_channel_htlc_outputs(
                tx.clone(),
                hs.clone(),
                k.clone(),
                feerate.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            k.clone(),
            feerate.clone(),
            sigs.clone(),
            lnp_env,
            lnp_ctx,
        )?,
    )
}

/// `fn htlc_signatures_match` (specs/bolt/channel.lnp:795).
pub fn f_channel_htlc_signatures_match<C: rt::Context>(
    commit_txid: rt::Txid,
    outs: Vec<HtlcOutput>,
    k: CommitKeys,
    feerate: u32,
    sigs: Vec<rt::Signature>,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    Ok(
        ((((sigs).len() as u64) == ((outs).len() as u64))
            && rt::list::all(
                &(rt::builtins::range(((outs).len() as u64))),
                |j: &u64| -> Result<_, rt::Reject> {
                    Ok(
                        rt::builtins::verify(
                            &(rt::list::at(&(sigs), j.clone()))
                                .ok_or_else(|| rt::Reject::new(
                                    rt::RejectKind::Error,
                                    "an empty option was read",
                                    "specs/bolt/channel.lnp:796",
                                ))?,
                            &f_htlc_second_stage(
                                commit_txid.clone(),
                                rt::builtins::int::<
                                    u32,
                                >(
                                        ((rt::list::at(&(outs), j.clone()))
                                            .ok_or_else(|| rt::Reject::new(
                                                rt::RejectKind::Error,
                                                "an empty option was read",
                                                "specs/bolt/channel.lnp:796",
                                            ))?)
                                            .vout
                                            .clone(),
                                    )
                                    .or_reject("specs/bolt/channel.lnp:796")?,
                                ((rt::list::at(&(outs), j.clone()))
                                    .ok_or_else(|| rt::Reject::new(
                                        rt::RejectKind::Error,
                                        "an empty option was read",
                                        "specs/bolt/channel.lnp:796",
                                    ))?)
                                    .htlc
                                    .clone(),
                                k.clone(),
                                feerate.clone(),
                                lnp_env,
                                lnp_ctx,
                            )?,
                            0u32,
                            &k.remote_htlc,
                        ),
                    )
                },
            )?),
    )
}

/// `fn quiescent` (specs/bolt/channel.lnp:799).
pub fn f_channel_quiescent<C: rt::Context>(
    local_commit: CommitView,
    remote_commit: CommitView,
    to_sign: Vec<Update>,
    to_expect: Vec<Update>,
    unacked: Vec<Update>,
    awaiting_revoke: bool,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    Ok(
        (((((!(awaiting_revoke.clone()) && (((to_sign).len() as u64) == 0u64))
            && (((to_expect).len() as u64) == 0u64))
            && (((unacked).len() as u64) == 0u64))
            && (((local_commit.htlcs).len() as u64) == 0u64))
            && (((remote_commit.htlcs).len() as u64) == 0u64)),
    )
}

/// `fn closing_tx` (specs/bolt/channel.lnp:803).
pub fn f_channel_closing_tx<C: rt::Context>(
    c: CommitView,
    funding: rt::OutPoint,
    capacity: rt::Sat,
    funder: bool,
    local: Basepoints,
    remote: Basepoints,
    local_script: Vec<u8>,
    remote_script: Vec<u8>,
    fee: rt::Sat,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    Ok(
        tpl_channel_closing(
            funding.clone(),
            capacity.clone(),
            f_funding_2of2_script(
                local.funding.clone(),
                remote.funding.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            local_script.clone(),
            remote_script.clone(),
            if funder.clone() {
                ((c.to_local.clone()).to_sat())
                    .checked_sub(fee.clone())
                    .or_reject("specs/bolt/channel.lnp:804")?
            } else {
                (c.to_local.clone()).to_sat()
            },
            if funder.clone() {
                (c.to_remote.clone()).to_sat()
            } else {
                ((c.to_remote.clone()).to_sat())
                    .checked_sub(fee.clone())
                    .or_reject("specs/bolt/channel.lnp:804")?
            },
            lnp_env,
            lnp_ctx,
        )?,
    )
}

/// `fn output_paying` (specs/bolt/channel.lnp:821).
pub fn f_channel_output_paying<C: rt::Context>(
    tx: rt::Tx,
    script: rt::Script,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Option<u64>, rt::Reject> {
    Ok(
        rt::list::find(
            &(rt::builtins::range(rt::builtins::output_count(&tx))),
            |i: &u64| -> Result<_, rt::Reject> {
                Ok(
                    (rt::builtins::output_script(&tx, i.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "no such output",
                            "specs/bolt/channel.lnp:822",
                        ))? == script.clone()),
                )
            },
        )?,
    )
}

/// `fn fee_floor` (specs/bolt/channel.lnp:826).
pub fn f_channel_fee_floor<C: rt::Context>(
    fee: rt::Sat,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Sat, rt::Reject> {
    Ok((fee.clone()).checked_div(2u64).or_reject("specs/bolt/channel.lnp:826")?)
}

/// `fn fee_ceiling` (specs/bolt/channel.lnp:828).
pub fn f_channel_fee_ceiling<C: rt::Context>(
    fee: rt::Sat,
    c: CommitView,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Sat, rt::Reject> {
    Ok(
        std::cmp::min(
            (fee.clone()).checked_mul(2u64).or_reject("specs/bolt/channel.lnp:828")?,
            (c.to_local.clone()).to_sat(),
        ),
    )
}

/// `fn closing_fee` (specs/bolt/channel.lnp:832).
pub fn f_channel_closing_fee<C: rt::Context>(
    c: CommitView,
    funding: rt::OutPoint,
    capacity: rt::Sat,
    funder: bool,
    local: Basepoints,
    remote: Basepoints,
    local_script: Vec<u8>,
    remote_script: Vec<u8>,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Sat, rt::Reject> {
    Ok(
        rt::builtins::fee(
                c.feerate.clone(),
                (rt::builtins::weight(
                    &f_channel_closing_tx(
                        c.clone(),
                        funding.clone(),
                        capacity.clone(),
                        funder.clone(),
                        local.clone(),
                        remote.clone(),
                        local_script.clone(),
                        remote_script.clone(),
                        rt::Sat(0),
                        lnp_env,
                        lnp_ctx,
                    )?,
                ))
                    .checked_add((222u64))
                    .or_reject("specs/bolt/channel.lnp:833")?,
            )
            .or_reject("specs/bolt/channel.lnp:833")?,
    )
}

/// `fn shutdown_script` (specs/bolt/channel.lnp:1385).
pub fn f_channel_shutdown_script<C: rt::Context>(
    asked: Vec<u8>,
    upfront: Vec<u8>,
    local: Basepoints,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<u8>, rt::Reject> {
    Ok(
        if (((asked).len() as u64) > 0u64) {
            asked.clone()
        } else {
            if (((upfront).len() as u64) > 0u64) {
                upfront.clone()
            } else {
                ((rt::builtins::p2wpkh(&local.payment)).to_bytes()).to_vec()
            }
        },
    )
}

/// `fn script` (specs/bolt/funding_2of2.lnp:12).
pub fn f_funding_2of2_script<C: rt::Context>(
    a: rt::Point,
    b: rt::Point,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok(
        if (((a.clone()).serialize()).to_vec() < ((b.clone()).serialize()).to_vec()) {
            f_funding_2of2_multisig(a.clone(), b.clone(), lnp_env, lnp_ctx)?
        } else {
            f_funding_2of2_multisig(b.clone(), a.clone(), lnp_env, lnp_ctx)?
        },
    )
}

/// `fn multisig` (specs/bolt/funding_2of2.lnp:15).
pub fn f_funding_2of2_multisig<C: rt::Context>(
    first: rt::Point,
    second: rt::Point,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok({
        let lnp_sb = bitcoin::script::Builder::new();
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(82u8));
        let lnp_sb = rt::script::Push::push(&(first.clone()), lnp_sb);
        let lnp_sb = rt::script::Push::push(&(second.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(82u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(174u8));
        lnp_sb.into_script()
    })
}

/// `fn signed` (specs/bolt/funding_2of2.lnp:23).
pub fn f_funding_2of2_signed<C: rt::Context>(
    tx: rt::Tx,
    local_funding: rt::Point,
    remote_funding: rt::Point,
    local_sig: rt::Signature,
    remote_sig: rt::Signature,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    Ok(
        if (((local_funding.clone()).serialize()).to_vec()
            < ((remote_funding.clone()).serialize()).to_vec())
        {
            f_funding_2of2_multisig_witness(
                tx.clone(),
                local_sig.clone(),
                remote_sig.clone(),
                f_funding_2of2_script(
                    local_funding.clone(),
                    remote_funding.clone(),
                    lnp_env,
                    lnp_ctx,
                )?,
                lnp_env,
                lnp_ctx,
            )?
        } else {
            f_funding_2of2_multisig_witness(
                tx.clone(),
                remote_sig.clone(),
                local_sig.clone(),
                f_funding_2of2_script(
                    local_funding.clone(),
                    remote_funding.clone(),
                    lnp_env,
                    lnp_ctx,
                )?,
                lnp_env,
                lnp_ctx,
            )?
        },
    )
}

/// `fn multisig_witness` (specs/bolt/funding_2of2.lnp:26).
pub fn f_funding_2of2_multisig_witness<C: rt::Context>(
    tx: rt::Tx,
    first: rt::Signature,
    second: rt::Signature,
    witness_script: rt::Script,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    Ok(
        rt::builtins::with_witness(
                tx.clone(),
                0u32,
                vec![
                    rt::WitnessItem::Bytes(([]).to_vec()),
                    rt::WitnessItem::Signature(first.clone()),
                    rt::WitnessItem::Signature(second.clone()),
                    rt::WitnessItem::Bytes(((witness_script.clone()).to_bytes())
                    .to_vec())
                ],
            )
            .or_reject("specs/bolt/funding_2of2.lnp:27")?,
    )
}

/// `fn offered_script` (specs/bolt/htlc.lnp:55).
pub fn f_htlc_offered_script<C: rt::Context>(
    p: Pending,
    k: CommitKeys,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok(
        if lnp_env.params.anchors.clone() {
            f_htlc_anchored_offered_script(p.clone(), k.clone(), lnp_env, lnp_ctx)?
        } else {
            f_htlc_plain_offered_script(p.clone(), k.clone(), lnp_env, lnp_ctx)?
        },
    )
}

/// `fn received_script` (specs/bolt/htlc.lnp:58).
pub fn f_htlc_received_script<C: rt::Context>(
    p: Pending,
    k: CommitKeys,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok(
        if lnp_env.params.anchors.clone() {
            f_htlc_anchored_received_script(p.clone(), k.clone(), lnp_env, lnp_ctx)?
        } else {
            f_htlc_plain_received_script(p.clone(), k.clone(), lnp_env, lnp_ctx)?
        },
    )
}

/// `fn plain_offered_script` (specs/bolt/htlc.lnp:61).
pub fn f_htlc_plain_offered_script<C: rt::Context>(
    p: Pending,
    k: CommitKeys,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok({
        let lnp_sb = bitcoin::script::Builder::new();
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(118u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(169u8));
        let lnp_sb = rt::script::Push::push(
            &(rt::builtins::hash160(&((k.revocation.clone()).serialize())[..])),
            lnp_sb,
        );
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(135u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(99u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(172u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(103u8));
        let lnp_sb = rt::script::Push::push(&(k.remote_htlc.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(124u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(130u8));
        let lnp_sb = rt::script::Push::push(&32i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(135u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(100u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(117u8));
        let lnp_sb = rt::script::Push::push(&2i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(124u8));
        let lnp_sb = rt::script::Push::push(&(k.local_htlc.clone()), lnp_sb);
        let lnp_sb = rt::script::Push::push(&2i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(174u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(103u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(169u8));
        let lnp_sb = rt::script::Push::push(
            &(rt::builtins::ripemd160(&(p.lock.clone())[..])),
            lnp_sb,
        );
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(136u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(172u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(104u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(104u8));
        lnp_sb.into_script()
    })
}

/// `fn anchored_offered_script` (specs/bolt/htlc.lnp:77).
pub fn f_htlc_anchored_offered_script<C: rt::Context>(
    p: Pending,
    k: CommitKeys,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok({
        let lnp_sb = bitcoin::script::Builder::new();
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(118u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(169u8));
        let lnp_sb = rt::script::Push::push(
            &(rt::builtins::hash160(&((k.revocation.clone()).serialize())[..])),
            lnp_sb,
        );
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(135u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(99u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(172u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(103u8));
        let lnp_sb = rt::script::Push::push(&(k.remote_htlc.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(124u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(130u8));
        let lnp_sb = rt::script::Push::push(&32i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(135u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(100u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(117u8));
        let lnp_sb = rt::script::Push::push(&2i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(124u8));
        let lnp_sb = rt::script::Push::push(&(k.local_htlc.clone()), lnp_sb);
        let lnp_sb = rt::script::Push::push(&2i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(174u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(103u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(169u8));
        let lnp_sb = rt::script::Push::push(
            &(rt::builtins::ripemd160(&(p.lock.clone())[..])),
            lnp_sb,
        );
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(136u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(172u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(104u8));
        let lnp_sb = rt::script::Push::push(&1i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(178u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(117u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(104u8));
        lnp_sb.into_script()
    })
}

/// `fn plain_received_script` (specs/bolt/htlc.lnp:94).
pub fn f_htlc_plain_received_script<C: rt::Context>(
    p: Pending,
    k: CommitKeys,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok({
        let lnp_sb = bitcoin::script::Builder::new();
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(118u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(169u8));
        let lnp_sb = rt::script::Push::push(
            &(rt::builtins::hash160(&((k.revocation.clone()).serialize())[..])),
            lnp_sb,
        );
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(135u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(99u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(172u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(103u8));
        let lnp_sb = rt::script::Push::push(&(k.remote_htlc.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(124u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(130u8));
        let lnp_sb = rt::script::Push::push(&32i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(135u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(99u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(169u8));
        let lnp_sb = rt::script::Push::push(
            &(rt::builtins::ripemd160(&(p.lock.clone())[..])),
            lnp_sb,
        );
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(136u8));
        let lnp_sb = rt::script::Push::push(&2i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(124u8));
        let lnp_sb = rt::script::Push::push(&(k.local_htlc.clone()), lnp_sb);
        let lnp_sb = rt::script::Push::push(&2i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(174u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(103u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(117u8));
        let lnp_sb = rt::script::Push::push(&(p.cltv_expiry.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(177u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(117u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(172u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(104u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(104u8));
        lnp_sb.into_script()
    })
}

/// `fn anchored_received_script` (specs/bolt/htlc.lnp:111).
pub fn f_htlc_anchored_received_script<C: rt::Context>(
    p: Pending,
    k: CommitKeys,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok({
        let lnp_sb = bitcoin::script::Builder::new();
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(118u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(169u8));
        let lnp_sb = rt::script::Push::push(
            &(rt::builtins::hash160(&((k.revocation.clone()).serialize())[..])),
            lnp_sb,
        );
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(135u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(99u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(172u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(103u8));
        let lnp_sb = rt::script::Push::push(&(k.remote_htlc.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(124u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(130u8));
        let lnp_sb = rt::script::Push::push(&32i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(135u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(99u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(169u8));
        let lnp_sb = rt::script::Push::push(
            &(rt::builtins::ripemd160(&(p.lock.clone())[..])),
            lnp_sb,
        );
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(136u8));
        let lnp_sb = rt::script::Push::push(&2i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(124u8));
        let lnp_sb = rt::script::Push::push(&(k.local_htlc.clone()), lnp_sb);
        let lnp_sb = rt::script::Push::push(&2i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(174u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(103u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(117u8));
        let lnp_sb = rt::script::Push::push(&(p.cltv_expiry.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(177u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(117u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(172u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(104u8));
        let lnp_sb = rt::script::Push::push(&1i64, lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(178u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(117u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(104u8));
        lnp_sb.into_script()
    })
}

/// `fn remote_htlc_sighash` (specs/bolt/htlc.lnp:151).
pub fn f_htlc_remote_htlc_sighash<C: rt::Context>(
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<u8, rt::Reject> {
    Ok(if lnp_env.params.anchors.clone() { 131u8 } else { 1u8 })
}

/// `fn for_remote_signature` (specs/bolt/htlc.lnp:154).
pub fn f_htlc_for_remote_signature<C: rt::Context>(
    tx: rt::Tx,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    Ok(
        rt::builtins::with_sighash(
                tx.clone(),
                0u32,
                f_htlc_remote_htlc_sighash(lnp_env, lnp_ctx)?,
            )
            .or_reject("specs/bolt/htlc.lnp:154")?,
    )
}

/// `fn second_stage` (specs/bolt/htlc.lnp:158).
pub fn f_htlc_second_stage<C: rt::Context>(
    commit_txid: rt::Txid,
    vout: u32,
    p: Pending,
    k: CommitKeys,
    feerate: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    Ok(
        f_htlc_for_remote_signature(
            if p.offered.clone() {
                tpl_htlc_htlc_timeout(
                    commit_txid.clone(),
                    vout.clone(),
                    p.clone(),
                    k.clone(),
                    feerate.clone(),
                    lnp_env,
                    lnp_ctx,
                )?
            } else {
                tpl_htlc_htlc_success(
                    commit_txid.clone(),
                    vout.clone(),
                    p.clone(),
                    k.clone(),
                    feerate.clone(),
                    lnp_env,
                    lnp_ctx,
                )?
            },
            lnp_env,
            lnp_ctx,
        )?,
    )
}

/// `fn remote_sig_element` (specs/bolt/htlc.lnp:161).
pub fn f_htlc_remote_sig_element<C: rt::Context>(
    sig: rt::Signature,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<u8>, rt::Reject> {
    Ok(
        [
            &(((sig.clone()).serialize_der().to_vec()).to_vec())[..],
            &(if lnp_env.params.anchors.clone() { [131u8] } else { [1u8] })[..],
        ]
            .concat(),
    )
}

/// `fn signed_htlc_timeout` (specs/bolt/htlc.lnp:166).
pub fn f_htlc_signed_htlc_timeout<C: rt::Context>(
    tx: rt::Tx,
    p: Pending,
    k: CommitKeys,
    remote_sig: rt::Signature,
    local_sig: rt::Signature,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    Ok(
        rt::builtins::with_witness(
                tx.clone(),
                0u32,
                vec![
                    rt::WitnessItem::Bytes(([]).to_vec()),
                    rt::WitnessItem::Bytes((f_htlc_remote_sig_element(remote_sig.clone(),
                    lnp_env, lnp_ctx) ?).to_vec()), rt::WitnessItem::Signature(local_sig
                    .clone()), rt::WitnessItem::Bytes(([]).to_vec()),
                    rt::WitnessItem::Bytes(((f_htlc_offered_script(p.clone(), k.clone(),
                    lnp_env, lnp_ctx) ?).to_bytes()).to_vec())
                ],
            )
            .or_reject("specs/bolt/htlc.lnp:167")?,
    )
}

/// `fn signed_htlc_success` (specs/bolt/htlc.lnp:169).
pub fn f_htlc_signed_htlc_success<C: rt::Context>(
    tx: rt::Tx,
    p: Pending,
    k: CommitKeys,
    remote_sig: rt::Signature,
    local_sig: rt::Signature,
    preimage: [u8; 32usize],
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    Ok(
        rt::builtins::with_witness(
                tx.clone(),
                0u32,
                vec![
                    rt::WitnessItem::Bytes(([]).to_vec()),
                    rt::WitnessItem::Bytes((f_htlc_remote_sig_element(remote_sig.clone(),
                    lnp_env, lnp_ctx) ?).to_vec()), rt::WitnessItem::Signature(local_sig
                    .clone()), rt::WitnessItem::Bytes((preimage.clone()).to_vec()),
                    rt::WitnessItem::Bytes(((f_htlc_received_script(p.clone(), k.clone(),
                    lnp_env, lnp_ctx) ?).to_bytes()).to_vec())
                ],
            )
            .or_reject("specs/bolt/htlc.lnp:170")?,
    )
}

/// `fn spendable` (specs/bolt/htlc.lnp:175).
pub fn f_htlc_spendable<C: rt::Context>(
    c: CommitView,
    funder: bool,
    dust: rt::Sat,
    reserve: rt::Sat,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Msat, rt::Reject> {
    Ok(
        if (c.to_local.clone()
            < ((reserve.clone()).to_msat().or_reject("specs/bolt/htlc.lnp:176")?)
                .checked_add(
                    (if funder.clone() {
                        (f_channel_commit_fee(
                            c.feerate.clone(),
                            (f_channel_untrimmed(
                                c.htlcs.clone(),
                                dust.clone(),
                                c.feerate.clone(),
                                lnp_env,
                                lnp_ctx,
                            )?)
                                .checked_add(1u64)
                                .or_reject("specs/bolt/htlc.lnp:176")?,
                            lnp_env,
                            lnp_ctx,
                        )?)
                            .to_msat()
                            .or_reject("specs/bolt/htlc.lnp:176")?
                    } else {
                        rt::Msat(0)
                    }),
                )
                .or_reject("specs/bolt/htlc.lnp:176")?)
        {
            rt::Msat(0)
        } else {
            ((c.to_local.clone())
                .checked_sub(
                    (reserve.clone()).to_msat().or_reject("specs/bolt/htlc.lnp:176")?,
                )
                .or_reject("specs/bolt/htlc.lnp:176")?)
                .checked_sub(
                    (if funder.clone() {
                        (f_channel_commit_fee(
                            c.feerate.clone(),
                            (f_channel_untrimmed(
                                c.htlcs.clone(),
                                dust.clone(),
                                c.feerate.clone(),
                                lnp_env,
                                lnp_ctx,
                            )?)
                                .checked_add(1u64)
                                .or_reject("specs/bolt/htlc.lnp:176")?,
                            lnp_env,
                            lnp_ctx,
                        )?)
                            .to_msat()
                            .or_reject("specs/bolt/htlc.lnp:176")?
                    } else {
                        rt::Msat(0)
                    }),
                )
                .or_reject("specs/bolt/htlc.lnp:176")?
        },
    )
}

/// `fn earliest` (specs/bolt/htlc.lnp:300).
pub fn f_htlc_earliest<C: rt::Context>(
    cs: Vec<Claim>,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<u32, rt::Reject> {
    Ok(
        (((rt::list::find(
            &(cs),
            |c: &Claim| -> Result<_, rt::Reject> {
                Ok(
                    rt::list::all(
                        &(cs),
                        |d: &Claim| -> Result<_, rt::Reject> {
                            Ok(
                                (d.htlc.cltv_expiry.clone() >= c.htlc.cltv_expiry.clone()),
                            )
                        },
                    )?,
                )
            },
        )?)
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/htlc.lnp:301",
            ))?)
            .htlc
            .clone())
            .cltv_expiry
            .clone(),
    )
}

/// `fn expiry_depth` (specs/bolt/htlc.lnp:303).
pub fn f_htlc_expiry_depth<C: rt::Context>(
    cs: Vec<Claim>,
    height: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<u32, rt::Reject> {
    Ok(
        if (f_htlc_earliest(cs.clone(), lnp_env, lnp_ctx)? > height.clone()) {
            ((f_htlc_earliest(cs.clone(), lnp_env, lnp_ctx)?)
                .checked_sub(height.clone())
                .or_reject("specs/bolt/htlc.lnp:304")?)
                .checked_add(1u32)
                .or_reject("specs/bolt/htlc.lnp:304")?
        } else {
            1u32
        },
    )
}

/// `fn claim_sequence` (specs/bolt/htlc.lnp:308).
pub fn f_htlc_claim_sequence<C: rt::Context>(
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<u32, rt::Reject> {
    Ok(if lnp_env.params.anchors.clone() { 1u32 } else { 4294967294u32 })
}

/// `fn offered_late` (specs/bolt/htlc.lnp:343).
pub fn f_htlc_offered_late<C: rt::Context>(
    c: CommitView,
    height: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<Pending>, rt::Reject> {
    Ok(
        rt::list::filter(
            &(c.htlcs),
            |p: &Pending| -> Result<_, rt::Reject> {
                Ok(
                    (p.offered.clone()
                        && ((p.cltv_expiry.clone())
                            .checked_add((1u32))
                            .or_reject("specs/bolt/htlc.lnp:344")? <= height.clone())),
                )
            },
        )?,
    )
}

/// `fn received_near_expiry` (specs/bolt/htlc.lnp:346).
pub fn f_htlc_received_near_expiry<C: rt::Context>(
    c: CommitView,
    height: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<Pending>, rt::Reject> {
    Ok(
        rt::list::filter(
            &(c.htlcs),
            |p: &Pending| -> Result<_, rt::Reject> {
                Ok(
                    (!(p.offered.clone())
                        && (p.cltv_expiry.clone()
                            <= (height.clone())
                                .checked_add((7u32))
                                .or_reject("specs/bolt/htlc.lnp:347")?)),
                )
            },
        )?,
    )
}

/// `fn not_in` (specs/bolt/htlc.lnp:350).
pub fn f_htlc_not_in<C: rt::Context>(
    ps: Vec<Pending>,
    c: CommitView,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<Vec<Pending>, rt::Reject> {
    Ok(
        rt::list::filter(
            &(ps),
            |p: &Pending| -> Result<_, rt::Reject> {
                Ok(
                    !(rt::list::any(
                        &(c.htlcs),
                        |q: &Pending| -> Result<_, rt::Reject> {
                            Ok(
                                ((q.offered.clone() == p.offered.clone())
                                    && (q.id.clone() == p.id.clone())),
                            )
                        },
                    )?),
                )
            },
        )?,
    )
}

/// `fn to_local_script` (specs/bolt/ln_penalty.lnp:38).
pub fn f_ln_penalty_to_local_script<C: rt::Context>(
    k: CommitKeys,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok({
        let lnp_sb = bitcoin::script::Builder::new();
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(99u8));
        let lnp_sb = rt::script::Push::push(&(k.revocation.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(103u8));
        let lnp_sb = rt::script::Push::push(&(k.to_self_delay.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(178u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(117u8));
        let lnp_sb = rt::script::Push::push(&(k.local_delayed.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(104u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(172u8));
        lnp_sb.into_script()
    })
}

/// `fn delayed_spend` (specs/bolt/ln_penalty.lnp:46).
pub fn f_ln_penalty_delayed_spend<C: rt::Context>(
    tx: rt::Tx,
    sig: rt::Signature,
    script: rt::Script,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    Ok(
        rt::builtins::with_witness(
                tx.clone(),
                0u32,
                vec![
                    rt::WitnessItem::Signature(sig.clone()), rt::WitnessItem::Bytes(if
                    false { vec![1u8] } else { Vec::new() }),
                    rt::WitnessItem::Bytes(((script.clone()).to_bytes()).to_vec())
                ],
            )
            .or_reject("specs/bolt/ln_penalty.lnp:47")?,
    )
}

/// `fn revoked_script` (specs/bolt/ln_penalty.lnp:50).
pub fn f_ln_penalty_revoked_script<C: rt::Context>(
    p: Pending,
    k: CommitKeys,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok(
        if p.offered.clone() {
            f_htlc_offered_script(p.clone(), k.clone(), lnp_env, lnp_ctx)?
        } else {
            f_htlc_received_script(p.clone(), k.clone(), lnp_env, lnp_ctx)?
        },
    )
}

/// `fn commitment_number_of` (specs/bolt/ln_penalty.lnp:55).
pub fn f_ln_penalty_commitment_number_of<C: rt::Context>(
    tx: rt::Tx,
    funder: bool,
    local: Basepoints,
    remote: Basepoints,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<u64, rt::Reject> {
    Ok(
        f_channel_obscured(
            funder.clone(),
            local.clone(),
            remote.clone(),
            rt::u48(
                    u64::try_from(
                            (rt::builtins::shl(
                                    rt::builtins::int::<
                                        u64,
                                    >(
                                            (rt::builtins::input_sequence(&tx, 0u32)
                                                .ok_or_else(|| rt::Reject::new(
                                                    rt::RejectKind::Error,
                                                    "no such input",
                                                    "specs/bolt/ln_penalty.lnp:56",
                                                ))? & 16777215u32),
                                        )
                                        .or_reject("specs/bolt/ln_penalty.lnp:56")?,
                                    24u64,
                                )
                                .or_reject("specs/bolt/ln_penalty.lnp:56")?
                                | rt::builtins::int::<
                                    u64,
                                >((rt::builtins::locktime(&tx) & 16777215u32))
                                    .or_reject("specs/bolt/ln_penalty.lnp:56")?),
                        )
                        .map_err(|_| rt::Overflow)
                        .or_reject("specs/bolt/ln_penalty.lnp:56")?,
                )
                .or_reject("specs/bolt/ln_penalty.lnp:56")?,
            lnp_env,
            lnp_ctx,
        )?,
    )
}

/// `template commitment` (specs/bolt/channel.lnp:648).
pub fn tpl_channel_commitment<C: rt::Context>(
    funding: rt::OutPoint,
    capacity: rt::Sat,
    local_funding: rt::Point,
    remote_funding: rt::Point,
    obscured: u64,
    k: CommitKeys,
    to_local: rt::Msat,
    to_remote: rt::Msat,
    local_funder: bool,
    pending: Vec<Pending>,
    feerate: u32,
    dust: rt::Sat,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    let mut lnp_tx = rt::txbuild::TxBuilder::new();
    lnp_tx.version(2u32);
    lnp_tx
        .locktime(
            (536870912u32
                | rt::builtins::int::<u32>((obscured.clone() & 16777215u64))
                    .or_reject("specs/bolt/channel.lnp:650")?),
        );
    lnp_tx
        .input(
            funding.clone(),
            (2147483648u32
                | rt::builtins::int::<
                    u32,
                >(
                        rt::builtins::shr(obscured.clone(), 24u64)
                            .or_reject("specs/bolt/channel.lnp:651")?,
                    )
                    .or_reject("specs/bolt/channel.lnp:651")?),
            rt::SpendInfo {
                script: f_funding_2of2_script(
                    local_funding.clone(),
                    remote_funding.clone(),
                    lnp_env,
                    lnp_ctx,
                )?,
                amount: capacity.clone(),
                sighash: bitcoin::EcdsaSighashType::All,
            },
            vec![],
        );
    if (f_channel_side_amount(
        to_local.clone(),
        local_funder.clone(),
        f_channel_funder_cost(
            pending.clone(),
            dust.clone(),
            feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )? >= dust.clone())
    {
        lnp_tx
            .output(
                f_channel_side_amount(
                    to_local.clone(),
                    local_funder.clone(),
                    f_channel_funder_cost(
                        pending.clone(),
                        dust.clone(),
                        feerate.clone(),
                        lnp_env,
                        lnp_ctx,
                    )?,
                    lnp_env,
                    lnp_ctx,
                )?,
                rt::builtins::p2wsh(
                    &f_ln_penalty_to_local_script(k.clone(), lnp_env, lnp_ctx)?,
                ),
                0u64,
            );
    }

    if (f_channel_side_amount(
        to_remote.clone(),
        !(local_funder.clone()),
        f_channel_funder_cost(
            pending.clone(),
            dust.clone(),
            feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )? >= dust.clone())
    {
        lnp_tx
            .output(
                f_channel_side_amount(
                    to_remote.clone(),
                    !(local_funder.clone()),
                    f_channel_funder_cost(
                        pending.clone(),
                        dust.clone(),
                        feerate.clone(),
                        lnp_env,
                        lnp_ctx,
                    )?,
                    lnp_env,
                    lnp_ctx,
                )?,
                f_channel_to_remote_output(k.clone(), lnp_env, lnp_ctx)?,
                0u64,
            );
    }

    if (lnp_env.params.anchors.clone()
        && (((f_channel_side_amount(
            to_local.clone(),
            local_funder.clone(),
            f_channel_funder_cost(
                pending.clone(),
                dust.clone(),
                feerate.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            lnp_env,
            lnp_ctx,
        )? >= dust.clone())
            || (f_channel_untrimmed(
                pending.clone(),
                dust.clone(),
                feerate.clone(),
                lnp_env,
                lnp_ctx,
            )? > 0u64))))
    {
        lnp_tx
            .output(
                rt::Sat(330),
                rt::builtins::p2wsh(
                    &f_channel_anchor_script(local_funding.clone(), lnp_env, lnp_ctx)?,
                ),
                0u64,
            );
    }

    if (lnp_env.params.anchors.clone()
        && (((f_channel_side_amount(
            to_remote.clone(),
            !(local_funder.clone()),
            f_channel_funder_cost(
                pending.clone(),
                dust.clone(),
                feerate.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            lnp_env,
            lnp_ctx,
        )? >= dust.clone())
            || (f_channel_untrimmed(
                pending.clone(),
                dust.clone(),
                feerate.clone(),
                lnp_env,
                lnp_ctx,
            )? > 0u64))))
    {
        lnp_tx
            .output(
                rt::Sat(330),
                rt::builtins::p2wsh(
                    &f_channel_anchor_script(remote_funding.clone(), lnp_env, lnp_ctx)?,
                ),
                0u64,
            );
    }

    for p in pending.clone() {
        if (p.offered.clone()
            && !(f_channel_trimmed(
                p.clone(),
                dust.clone(),
                feerate.clone(),
                lnp_env,
                lnp_ctx,
            )?))
        {
            lnp_tx
                .output(
                    (p.amount.clone()).to_sat(),
                    rt::builtins::p2wsh(
                        &f_htlc_offered_script(p.clone(), k.clone(), lnp_env, lnp_ctx)?,
                    ),
                    <u64>::from(p.cltv_expiry.clone()),
                );
        }
        if (!(p.offered.clone())
            && !(f_channel_trimmed(
                p.clone(),
                dust.clone(),
                feerate.clone(),
                lnp_env,
                lnp_ctx,
            )?))
        {
            lnp_tx
                .output(
                    (p.amount.clone()).to_sat(),
                    rt::builtins::p2wsh(
                        &f_htlc_received_script(p.clone(), k.clone(), lnp_env, lnp_ctx)?,
                    ),
                    <u64>::from(p.cltv_expiry.clone()),
                );
        }
    }

    Ok(lnp_tx.build(rt::txbuild::Order::Bip69))
}

/// `template closing` (specs/bolt/channel.lnp:666).
pub fn tpl_channel_closing<C: rt::Context>(
    funding: rt::OutPoint,
    capacity: rt::Sat,
    funding_witness: rt::Script,
    local_script: Vec<u8>,
    remote_script: Vec<u8>,
    to_local: rt::Sat,
    to_remote: rt::Sat,
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
                script: funding_witness.clone(),
                amount: capacity.clone(),
                sighash: bitcoin::EcdsaSighashType::All,
            },
            vec![],
        );
    if (to_local.clone() >= lnp_env.params.dust_limit.clone()) {
        lnp_tx
            .output(
                to_local.clone(),
                rt::Script::from_bytes((local_script.clone()).to_vec()),
                0u64,
            );
    }

    if (to_remote.clone() >= lnp_env.params.dust_limit.clone()) {
        lnp_tx
            .output(
                to_remote.clone(),
                rt::Script::from_bytes((remote_script.clone()).to_vec()),
                0u64,
            );
    }

    Ok(lnp_tx.build(rt::txbuild::Order::Bip69))
}

/// `template sweep` (specs/bolt/channel.lnp:813).
pub fn tpl_channel_sweep<C: rt::Context>(
    prev_txid: rt::Txid,
    vout: u32,
    value: rt::Sat,
    witness_script: rt::Script,
    seq: u32,
    lock_time: u32,
    to: rt::Script,
    feerate: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    let mut lnp_tx = rt::txbuild::TxBuilder::new();
    lnp_tx.version(2u32);
    lnp_tx.locktime(lock_time.clone());
    lnp_tx
        .input(
            rt::builtins::outpoint(prev_txid.clone(), vout.clone()),
            seq.clone(),
            rt::SpendInfo {
                script: witness_script.clone(),
                amount: value.clone(),
                sighash: bitcoin::EcdsaSighashType::All,
            },
            vec![],
        );
    lnp_tx
        .output(
            (value.clone())
                .checked_sub(
                    rt::builtins::fee(feerate.clone(), (600u64))
                        .or_reject("specs/bolt/channel.lnp:817")?,
                )
                .or_reject("specs/bolt/channel.lnp:817")?,
            to.clone(),
            0u64,
        );
    Ok(lnp_tx.build(rt::txbuild::Order::Declared))
}

/// `template htlc_timeout` (specs/bolt/htlc.lnp:132).
pub fn tpl_htlc_htlc_timeout<C: rt::Context>(
    commit_txid: rt::Txid,
    vout: u32,
    p: Pending,
    k: CommitKeys,
    feerate: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    let mut lnp_tx = rt::txbuild::TxBuilder::new();
    lnp_tx.version(2u32);
    lnp_tx.locktime(p.cltv_expiry.clone());
    lnp_tx
        .input(
            rt::builtins::outpoint(commit_txid.clone(), vout.clone()),
            if lnp_env.params.anchors.clone() { 1u32 } else { 0u32 },
            rt::SpendInfo {
                script: f_htlc_offered_script(p.clone(), k.clone(), lnp_env, lnp_ctx)?,
                amount: (p.amount.clone()).to_sat(),
                sighash: bitcoin::EcdsaSighashType::All,
            },
            vec![],
        );
    lnp_tx
        .output(
            ((p.amount.clone()).to_sat())
                .checked_sub(
                    f_channel_htlc_timeout_fee(feerate.clone(), lnp_env, lnp_ctx)?,
                )
                .or_reject("specs/bolt/htlc.lnp:136")?,
            rt::builtins::p2wsh(
                &f_ln_penalty_to_local_script(k.clone(), lnp_env, lnp_ctx)?,
            ),
            0u64,
        );
    Ok(lnp_tx.build(rt::txbuild::Order::Declared))
}

/// `template htlc_success` (specs/bolt/htlc.lnp:141).
pub fn tpl_htlc_htlc_success<C: rt::Context>(
    commit_txid: rt::Txid,
    vout: u32,
    p: Pending,
    k: CommitKeys,
    feerate: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Tx, rt::Reject> {
    let mut lnp_tx = rt::txbuild::TxBuilder::new();
    lnp_tx.version(2u32);
    lnp_tx.locktime(0u32);
    lnp_tx
        .input(
            rt::builtins::outpoint(commit_txid.clone(), vout.clone()),
            if lnp_env.params.anchors.clone() { 1u32 } else { 0u32 },
            rt::SpendInfo {
                script: f_htlc_received_script(p.clone(), k.clone(), lnp_env, lnp_ctx)?,
                amount: (p.amount.clone()).to_sat(),
                sighash: bitcoin::EcdsaSighashType::All,
            },
            vec![],
        );
    lnp_tx
        .output(
            ((p.amount.clone()).to_sat())
                .checked_sub(
                    f_channel_htlc_success_fee(feerate.clone(), lnp_env, lnp_ctx)?,
                )
                .or_reject("specs/bolt/htlc.lnp:145")?,
            rt::builtins::p2wsh(
                &f_ln_penalty_to_local_script(k.clone(), lnp_env, lnp_ctx)?,
            ),
            0u64,
        );
    Ok(lnp_tx.build(rt::txbuild::Order::Declared))
}

/// `on command add in Normal` in `Normal` (specs/bolt/htlc.lnp:178).
fn t0_normal<C: rt::Context>(
    lnp_state: state::Normal,
    c: Add,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    if !(remote_ready.clone()) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "the peer's channel_ready has not arrived",
                "specs/bolt/htlc.lnp:179",
            ),
        );
    }

    if !((c.amount.clone() >= peer.htlc_minimum.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "amount below the peer's htlc_minimum_msat",
                "specs/bolt/htlc.lnp:180",
            ),
        );
    }

    let next = f_channel_apply(
        remote_commit.clone(),
        to_sign.clone(),
        remote_commit.number.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    if !((c.amount.clone()
        <= f_htlc_spendable(
            next.clone(),
            (lnp_env.role == Role::Funder),
            peer.dust_limit.clone(),
            peer.channel_reserve.clone(),
            lnp_env,
            lnp_ctx,
        )?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "insufficient balance",
                "specs/bolt/htlc.lnp:182",
            ),
        );
    }

    if !((rt::list::count(
        &(next.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> { Ok(p.offered.clone()) },
    )?
        < rt::builtins::int::<u64>(peer.max_accepted_htlcs.clone())
            .or_reject("specs/bolt/htlc.lnp:183")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "the peer accepts no more HTLCs",
                "specs/bolt/htlc.lnp:183",
            ),
        );
    }

    if !(((rt::Msat::sum(
            (rt::list::map(
                &(rt::list::filter(
                    &(next.htlcs),
                    |p: &Pending| -> Result<_, rt::Reject> { Ok(p.offered.clone()) },
                )?),
                |p: &Pending| -> Result<_, rt::Reject> { Ok(p.amount.clone()) },
            )?)
                .iter()
                .copied(),
        )
        .or_reject("specs/bolt/htlc.lnp:184")?)
        .checked_add(c.amount.clone())
        .or_reject("specs/bolt/htlc.lnp:184")? <= peer.max_in_flight.clone()))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "above the peer's max_htlc_value_in_flight_msat",
                "specs/bolt/htlc.lnp:184",
            ),
        );
    }

    if !((c.cltv_expiry.clone() < 500000000u32)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "cltv_expiry is not a block height",
                "specs/bolt/htlc.lnp:185",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::UpdateAddHtlc(UpdateAddHtlc {
                    channel_id: channel_id.clone(),
                    id: next_htlc_id.clone(),
                    amount_msat: c.amount.clone(),
                    payment_hash: c.payment_hash.clone(),
                    cltv_expiry: c.cltv_expiry.clone(),
                    onion_routing_packet: c.onion.clone(),
                    blinding_point: None,
                }),
            ),
        );
    to_sign
        .push(Update {
            kind: UpdateKind::AddHtlc,
            htlc: Pending {
                id: next_htlc_id.clone(),
                amount: c.amount.clone(),
                cltv_expiry: c.cltv_expiry.clone(),
                offered: true,
                lock: ((c.payment_hash.clone()).0).to_vec(),
            },
            feerate: 0u32,
        });
    next_htlc_id = next_htlc_id.checked_add(1u64).or_reject("specs/bolt/htlc.lnp:199")?;
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

/// `on recv update_add_htlc in Normal` in `Normal` (specs/bolt/htlc.lnp:202).
fn t1_normal<C: rt::Context>(
    lnp_state: state::Normal,
    m: UpdateAddHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/htlc.lnp:203",
            ),
        );
    }

    if !((m.id.clone() == next_remote_htlc_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "HTLC id out of sequence",
                "specs/bolt/htlc.lnp:204",
            ),
        );
    }

    if !((m.amount_msat.clone() > rt::Msat(0))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "zero-value HTLC",
                "specs/bolt/htlc.lnp:205",
            ),
        );
    }

    if !((m.amount_msat.clone() >= lnp_env.params.htlc_minimum.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "HTLC below htlc_minimum_msat",
                "specs/bolt/htlc.lnp:206",
            ),
        );
    }

    let next = f_channel_apply(
        local_commit.clone(),
        to_expect.clone(),
        local_commit.number.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    if !((m.amount_msat.clone() <= next.to_remote.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "HTLC exceeds the sender's balance",
                "specs/bolt/htlc.lnp:208",
            ),
        );
    }

    if !((rt::list::count(
        &(next.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> { Ok(!(p.offered.clone())) },
    )?
        < rt::builtins::int::<u64>(lnp_env.params.max_accepted_htlcs.clone())
            .or_reject("specs/bolt/htlc.lnp:209")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "too many HTLCs",
                "specs/bolt/htlc.lnp:209",
            ),
        );
    }

    if !(((rt::Msat::sum(
            (rt::list::map(
                &(rt::list::filter(
                    &(next.htlcs),
                    |p: &Pending| -> Result<_, rt::Reject> { Ok(!(p.offered.clone())) },
                )?),
                |p: &Pending| -> Result<_, rt::Reject> { Ok(p.amount.clone()) },
            )?)
                .iter()
                .copied(),
        )
        .or_reject("specs/bolt/htlc.lnp:210")?)
        .checked_add(m.amount_msat.clone())
        .or_reject("specs/bolt/htlc.lnp:210")? <= lnp_env.params.max_in_flight.clone()))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "above max_htlc_value_in_flight_msat",
                "specs/bolt/htlc.lnp:210",
            ),
        );
    }

    if !((m.cltv_expiry.clone() < 500000000u32)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "cltv_expiry is not a block height",
                "specs/bolt/htlc.lnp:211",
            ),
        );
    }

    to_expect
        .push(Update {
            kind: UpdateKind::AddHtlc,
            htlc: Pending {
                id: m.id.clone(),
                amount: m.amount_msat.clone(),
                cltv_expiry: m.cltv_expiry.clone(),
                offered: false,
                lock: ((m.payment_hash.clone()).0).to_vec(),
            },
            feerate: 0u32,
        });
    next_remote_htlc_id = next_remote_htlc_id
        .checked_add(1u64)
        .or_reject("specs/bolt/htlc.lnp:217")?;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::HtlcReceived(HtlcReceived {
                    id: m.id.clone(),
                    amount: m.amount_msat.clone(),
                    payment_hash: m.payment_hash.clone(),
                    cltv_expiry: m.cltv_expiry.clone(),
                    onion: m.onion_routing_packet.clone(),
                }),
            ),
        );
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

/// `on command fulfill in Normal, ShuttingDown` in `Normal` (specs/bolt/htlc.lnp:228).
fn t2_normal<C: rt::Context>(
    lnp_state: state::Normal,
    c: Fulfill,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    let h = rt::list::find(
        &(local_commit.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> {
            Ok((!(p.offered.clone()) && (p.id.clone() == c.id.clone())))
        },
    )?;
    if !(((h).is_some()
        && rt::list::any(
            &(remote_commit.htlcs),
            |p: &Pending| -> Result<_, rt::Reject> {
                Ok((!(p.offered.clone()) && (p.id.clone() == c.id.clone())))
            },
        )?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "no such HTLC committed on both sides",
                "specs/bolt/htlc.lnp:230",
            ),
        );
    }

    if !(!(f_channel_being_removed(
        to_sign.clone(),
        to_expect.clone(),
        unacked.clone(),
        c.id.clone(),
        false,
        lnp_env,
        lnp_ctx,
    )?)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "the HTLC is already being removed",
                "specs/bolt/htlc.lnp:231",
            ),
        );
    }

    if !((((h.clone())
        .ok_or_else(|| rt::Reject::new(
            rt::RejectKind::Error,
            "an empty option was read",
            "specs/bolt/htlc.lnp:232",
        ))?)
        .lock
        .clone() == ((rt::builtins::sha256(&(c.preimage.clone())[..])).0).to_vec()))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "the preimage does not match the payment hash",
                "specs/bolt/htlc.lnp:232",
            ),
        );
    }

    if !((((h.clone())
        .ok_or_else(|| rt::Reject::new(
            rt::RejectKind::Error,
            "an empty option was read",
            "specs/bolt/htlc.lnp:234",
        ))?)
        .cltv_expiry
        .clone()
        > (lnp_ctx.chain_height())
            .checked_add((7u32))
            .or_reject("specs/bolt/htlc.lnp:234")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "the HTLC is past its fulfillment deadline: fail it",
                "specs/bolt/htlc.lnp:234",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::UpdateFulfillHtlc(UpdateFulfillHtlc {
                    channel_id: channel_id.clone(),
                    id: c.id.clone(),
                    payment_preimage: c.preimage.clone(),
                }),
            ),
        );
    to_sign
        .push(Update {
            kind: UpdateKind::FulfillHtlc,
            htlc: (h.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:236",
                ))?,
            feerate: 0u32,
        });
    preimages
        .put(
            ((h.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:239",
                ))?)
                .lock
                .clone(),
            c.preimage.clone(),
        );
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

/// `on command fulfill in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/htlc.lnp:228).
fn t2_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    c: Fulfill,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let h = rt::list::find(
        &(local_commit.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> {
            Ok((!(p.offered.clone()) && (p.id.clone() == c.id.clone())))
        },
    )?;
    if !(((h).is_some()
        && rt::list::any(
            &(remote_commit.htlcs),
            |p: &Pending| -> Result<_, rt::Reject> {
                Ok((!(p.offered.clone()) && (p.id.clone() == c.id.clone())))
            },
        )?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "no such HTLC committed on both sides",
                "specs/bolt/htlc.lnp:230",
            ),
        );
    }

    if !(!(f_channel_being_removed(
        to_sign.clone(),
        to_expect.clone(),
        unacked.clone(),
        c.id.clone(),
        false,
        lnp_env,
        lnp_ctx,
    )?)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "the HTLC is already being removed",
                "specs/bolt/htlc.lnp:231",
            ),
        );
    }

    if !((((h.clone())
        .ok_or_else(|| rt::Reject::new(
            rt::RejectKind::Error,
            "an empty option was read",
            "specs/bolt/htlc.lnp:232",
        ))?)
        .lock
        .clone() == ((rt::builtins::sha256(&(c.preimage.clone())[..])).0).to_vec()))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "the preimage does not match the payment hash",
                "specs/bolt/htlc.lnp:232",
            ),
        );
    }

    if !((((h.clone())
        .ok_or_else(|| rt::Reject::new(
            rt::RejectKind::Error,
            "an empty option was read",
            "specs/bolt/htlc.lnp:234",
        ))?)
        .cltv_expiry
        .clone()
        > (lnp_ctx.chain_height())
            .checked_add((7u32))
            .or_reject("specs/bolt/htlc.lnp:234")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "the HTLC is past its fulfillment deadline: fail it",
                "specs/bolt/htlc.lnp:234",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::UpdateFulfillHtlc(UpdateFulfillHtlc {
                    channel_id: channel_id.clone(),
                    id: c.id.clone(),
                    payment_preimage: c.preimage.clone(),
                }),
            ),
        );
    to_sign
        .push(Update {
            kind: UpdateKind::FulfillHtlc,
            htlc: (h.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:236",
                ))?,
            feerate: 0u32,
        });
    preimages
        .put(
            ((h.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:239",
                ))?)
                .lock
                .clone(),
            c.preimage.clone(),
        );
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on command fail in Normal, ShuttingDown` in `Normal` (specs/bolt/htlc.lnp:242).
fn t3_normal<C: rt::Context>(
    lnp_state: state::Normal,
    c: Fail,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    let h = rt::list::find(
        &(local_commit.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> {
            Ok((!(p.offered.clone()) && (p.id.clone() == c.id.clone())))
        },
    )?;
    if !(((h).is_some()
        && rt::list::any(
            &(remote_commit.htlcs),
            |p: &Pending| -> Result<_, rt::Reject> {
                Ok((!(p.offered.clone()) && (p.id.clone() == c.id.clone())))
            },
        )?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "no such HTLC committed on both sides",
                "specs/bolt/htlc.lnp:244",
            ),
        );
    }

    if !(!(f_channel_being_removed(
        to_sign.clone(),
        to_expect.clone(),
        unacked.clone(),
        c.id.clone(),
        false,
        lnp_env,
        lnp_ctx,
    )?)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "the HTLC is already being removed",
                "specs/bolt/htlc.lnp:245",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::UpdateFailHtlc(UpdateFailHtlc {
                    channel_id: channel_id.clone(),
                    id: c.id.clone(),
                    reason: c.reason.clone(),
                }),
            ),
        );
    to_sign
        .push(Update {
            kind: UpdateKind::FailHtlc,
            htlc: (h.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:247",
                ))?,
            feerate: 0u32,
        });
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

/// `on command fail in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/htlc.lnp:242).
fn t3_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    c: Fail,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let h = rt::list::find(
        &(local_commit.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> {
            Ok((!(p.offered.clone()) && (p.id.clone() == c.id.clone())))
        },
    )?;
    if !(((h).is_some()
        && rt::list::any(
            &(remote_commit.htlcs),
            |p: &Pending| -> Result<_, rt::Reject> {
                Ok((!(p.offered.clone()) && (p.id.clone() == c.id.clone())))
            },
        )?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "no such HTLC committed on both sides",
                "specs/bolt/htlc.lnp:244",
            ),
        );
    }

    if !(!(f_channel_being_removed(
        to_sign.clone(),
        to_expect.clone(),
        unacked.clone(),
        c.id.clone(),
        false,
        lnp_env,
        lnp_ctx,
    )?)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "the HTLC is already being removed",
                "specs/bolt/htlc.lnp:245",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::UpdateFailHtlc(UpdateFailHtlc {
                    channel_id: channel_id.clone(),
                    id: c.id.clone(),
                    reason: c.reason.clone(),
                }),
            ),
        );
    to_sign
        .push(Update {
            kind: UpdateKind::FailHtlc,
            htlc: (h.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:247",
                ))?,
            feerate: 0u32,
        });
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on command fail_malformed in Normal, ShuttingDown` in `Normal` (specs/bolt/htlc.lnp:250).
fn t4_normal<C: rt::Context>(
    lnp_state: state::Normal,
    c: FailMalformed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    if !(((c.failure_code.clone() & 32768u16) != 0u16)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "failure_code lacks the BADONION bit",
                "specs/bolt/htlc.lnp:251",
            ),
        );
    }

    let h = rt::list::find(
        &(local_commit.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> {
            Ok((!(p.offered.clone()) && (p.id.clone() == c.id.clone())))
        },
    )?;
    if !(((h).is_some()
        && rt::list::any(
            &(remote_commit.htlcs),
            |p: &Pending| -> Result<_, rt::Reject> {
                Ok((!(p.offered.clone()) && (p.id.clone() == c.id.clone())))
            },
        )?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "no such HTLC committed on both sides",
                "specs/bolt/htlc.lnp:253",
            ),
        );
    }

    if !(!(f_channel_being_removed(
        to_sign.clone(),
        to_expect.clone(),
        unacked.clone(),
        c.id.clone(),
        false,
        lnp_env,
        lnp_ctx,
    )?)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "the HTLC is already being removed",
                "specs/bolt/htlc.lnp:254",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::UpdateFailMalformedHtlc(UpdateFailMalformedHtlc {
                    channel_id: channel_id.clone(),
                    id: c.id.clone(),
                    sha256_of_onion: c.sha256_of_onion.clone(),
                    failure_code: c.failure_code.clone(),
                }),
            ),
        );
    to_sign
        .push(Update {
            kind: UpdateKind::FailHtlc,
            htlc: (h.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:261",
                ))?,
            feerate: 0u32,
        });
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

/// `on command fail_malformed in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/htlc.lnp:250).
fn t4_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    c: FailMalformed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    if !(((c.failure_code.clone() & 32768u16) != 0u16)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "failure_code lacks the BADONION bit",
                "specs/bolt/htlc.lnp:251",
            ),
        );
    }

    let h = rt::list::find(
        &(local_commit.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> {
            Ok((!(p.offered.clone()) && (p.id.clone() == c.id.clone())))
        },
    )?;
    if !(((h).is_some()
        && rt::list::any(
            &(remote_commit.htlcs),
            |p: &Pending| -> Result<_, rt::Reject> {
                Ok((!(p.offered.clone()) && (p.id.clone() == c.id.clone())))
            },
        )?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "no such HTLC committed on both sides",
                "specs/bolt/htlc.lnp:253",
            ),
        );
    }

    if !(!(f_channel_being_removed(
        to_sign.clone(),
        to_expect.clone(),
        unacked.clone(),
        c.id.clone(),
        false,
        lnp_env,
        lnp_ctx,
    )?)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "the HTLC is already being removed",
                "specs/bolt/htlc.lnp:254",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::UpdateFailMalformedHtlc(UpdateFailMalformedHtlc {
                    channel_id: channel_id.clone(),
                    id: c.id.clone(),
                    sha256_of_onion: c.sha256_of_onion.clone(),
                    failure_code: c.failure_code.clone(),
                }),
            ),
        );
    to_sign
        .push(Update {
            kind: UpdateKind::FailHtlc,
            htlc: (h.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:261",
                ))?,
            feerate: 0u32,
        });
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on recv update_fulfill_htlc in Normal, ShuttingDown` in `Normal` (specs/bolt/htlc.lnp:265).
fn t5_normal<C: rt::Context>(
    lnp_state: state::Normal,
    m: UpdateFulfillHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/htlc.lnp:266",
            ),
        );
    }

    let h = rt::list::find(
        &(local_commit.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> {
            Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
        },
    )?;
    if !((h).is_some()) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "no such offered HTLC",
                "specs/bolt/htlc.lnp:268",
            ),
        );
    }

    if !(!(f_channel_being_removed(
        to_sign.clone(),
        to_expect.clone(),
        unacked.clone(),
        m.id.clone(),
        true,
        lnp_env,
        lnp_ctx,
    )?)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the HTLC is already being removed",
                "specs/bolt/htlc.lnp:269",
            ),
        );
    }

    if !((((h.clone())
        .ok_or_else(|| rt::Reject::new(
            rt::RejectKind::Error,
            "an empty option was read",
            "specs/bolt/htlc.lnp:270",
        ))?)
        .lock
        .clone()
        == ((rt::builtins::sha256(&(m.payment_preimage.clone())[..])).0).to_vec()))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "preimage does not match the payment hash",
                "specs/bolt/htlc.lnp:270",
            ),
        );
    }

    to_expect
        .push(Update {
            kind: UpdateKind::FulfillHtlc,
            htlc: (h.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:271",
                ))?,
            feerate: 0u32,
        });
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::HtlcSettled(HtlcSettled {
                    id: m.id.clone(),
                    preimage: m.payment_preimage.clone(),
                }),
            ),
        );
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

/// `on recv update_fulfill_htlc in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/htlc.lnp:265).
fn t5_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    m: UpdateFulfillHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/htlc.lnp:266",
            ),
        );
    }

    let h = rt::list::find(
        &(local_commit.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> {
            Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
        },
    )?;
    if !((h).is_some()) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "no such offered HTLC",
                "specs/bolt/htlc.lnp:268",
            ),
        );
    }

    if !(!(f_channel_being_removed(
        to_sign.clone(),
        to_expect.clone(),
        unacked.clone(),
        m.id.clone(),
        true,
        lnp_env,
        lnp_ctx,
    )?)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the HTLC is already being removed",
                "specs/bolt/htlc.lnp:269",
            ),
        );
    }

    if !((((h.clone())
        .ok_or_else(|| rt::Reject::new(
            rt::RejectKind::Error,
            "an empty option was read",
            "specs/bolt/htlc.lnp:270",
        ))?)
        .lock
        .clone()
        == ((rt::builtins::sha256(&(m.payment_preimage.clone())[..])).0).to_vec()))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "preimage does not match the payment hash",
                "specs/bolt/htlc.lnp:270",
            ),
        );
    }

    to_expect
        .push(Update {
            kind: UpdateKind::FulfillHtlc,
            htlc: (h.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:271",
                ))?,
            feerate: 0u32,
        });
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::HtlcSettled(HtlcSettled {
                    id: m.id.clone(),
                    preimage: m.payment_preimage.clone(),
                }),
            ),
        );
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on recv update_fail_htlc in Normal, ShuttingDown` in `Normal` (specs/bolt/htlc.lnp:275).
fn t6_normal<C: rt::Context>(
    lnp_state: state::Normal,
    m: UpdateFailHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/htlc.lnp:276",
            ),
        );
    }

    let h = rt::list::find(
        &(local_commit.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> {
            Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
        },
    )?;
    if !((h).is_some()) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "no such offered HTLC",
                "specs/bolt/htlc.lnp:278",
            ),
        );
    }

    if !(!(f_channel_being_removed(
        to_sign.clone(),
        to_expect.clone(),
        unacked.clone(),
        m.id.clone(),
        true,
        lnp_env,
        lnp_ctx,
    )?)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the HTLC is already being removed",
                "specs/bolt/htlc.lnp:279",
            ),
        );
    }

    to_expect
        .push(Update {
            kind: UpdateKind::FailHtlc,
            htlc: (h.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:280",
                ))?,
            feerate: 0u32,
        });
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::HtlcFailed(HtlcFailed {
                    id: m.id.clone(),
                    reason: m.reason.clone(),
                    failure_code: 0u16,
                }),
            ),
        );
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

/// `on recv update_fail_htlc in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/htlc.lnp:275).
fn t6_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    m: UpdateFailHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/htlc.lnp:276",
            ),
        );
    }

    let h = rt::list::find(
        &(local_commit.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> {
            Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
        },
    )?;
    if !((h).is_some()) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "no such offered HTLC",
                "specs/bolt/htlc.lnp:278",
            ),
        );
    }

    if !(!(f_channel_being_removed(
        to_sign.clone(),
        to_expect.clone(),
        unacked.clone(),
        m.id.clone(),
        true,
        lnp_env,
        lnp_ctx,
    )?)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the HTLC is already being removed",
                "specs/bolt/htlc.lnp:279",
            ),
        );
    }

    to_expect
        .push(Update {
            kind: UpdateKind::FailHtlc,
            htlc: (h.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:280",
                ))?,
            feerate: 0u32,
        });
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::HtlcFailed(HtlcFailed {
                    id: m.id.clone(),
                    reason: m.reason.clone(),
                    failure_code: 0u16,
                }),
            ),
        );
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on recv update_fail_malformed_htlc in Normal, ShuttingDown` in `Normal` (specs/bolt/htlc.lnp:284).
fn t7_normal<C: rt::Context>(
    lnp_state: state::Normal,
    m: UpdateFailMalformedHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/htlc.lnp:285",
            ),
        );
    }

    if !(((m.failure_code.clone() & 32768u16) != 0u16)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "failure_code lacks the BADONION bit",
                "specs/bolt/htlc.lnp:286",
            ),
        );
    }

    let h = rt::list::find(
        &(local_commit.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> {
            Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
        },
    )?;
    if !((h).is_some()) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "no such offered HTLC",
                "specs/bolt/htlc.lnp:288",
            ),
        );
    }

    if !(!(f_channel_being_removed(
        to_sign.clone(),
        to_expect.clone(),
        unacked.clone(),
        m.id.clone(),
        true,
        lnp_env,
        lnp_ctx,
    )?)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the HTLC is already being removed",
                "specs/bolt/htlc.lnp:289",
            ),
        );
    }

    to_expect
        .push(Update {
            kind: UpdateKind::FailHtlc,
            htlc: (h.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:290",
                ))?,
            feerate: 0u32,
        });
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::HtlcFailed(HtlcFailed {
                    id: m.id.clone(),
                    reason: ([]).to_vec(),
                    failure_code: m.failure_code.clone(),
                }),
            ),
        );
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

/// `on recv update_fail_malformed_htlc in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/htlc.lnp:284).
fn t7_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    m: UpdateFailMalformedHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/htlc.lnp:285",
            ),
        );
    }

    if !(((m.failure_code.clone() & 32768u16) != 0u16)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "failure_code lacks the BADONION bit",
                "specs/bolt/htlc.lnp:286",
            ),
        );
    }

    let h = rt::list::find(
        &(local_commit.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> {
            Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
        },
    )?;
    if !((h).is_some()) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "no such offered HTLC",
                "specs/bolt/htlc.lnp:288",
            ),
        );
    }

    if !(!(f_channel_being_removed(
        to_sign.clone(),
        to_expect.clone(),
        unacked.clone(),
        m.id.clone(),
        true,
        lnp_env,
        lnp_ctx,
    )?)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the HTLC is already being removed",
                "specs/bolt/htlc.lnp:289",
            ),
        );
    }

    to_expect
        .push(Update {
            kind: UpdateKind::FailHtlc,
            htlc: (h.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:290",
                ))?,
            feerate: 0u32,
        });
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::HtlcFailed(HtlcFailed {
                    id: m.id.clone(),
                    reason: ([]).to_vec(),
                    failure_code: m.failure_code.clone(),
                }),
            ),
        );
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on recv update_add_htlc in ForceClosed, RemoteClosed` in `ForceClosed` (specs/bolt/htlc.lnp:311).
fn t8_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    _lnp_trig: UpdateAddHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    return Err(rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/htlc.lnp:312"));
}

/// `on recv update_add_htlc in ForceClosed, RemoteClosed` in `RemoteClosed` (specs/bolt/htlc.lnp:311).
fn t8_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    _lnp_trig: UpdateAddHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    return Err(rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/htlc.lnp:312"));
}

/// `on recv update_fulfill_htlc in ForceClosed, RemoteClosed` in `ForceClosed` (specs/bolt/htlc.lnp:315).
fn t9_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    _lnp_trig: UpdateFulfillHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    return Err(rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/htlc.lnp:316"));
}

/// `on recv update_fulfill_htlc in ForceClosed, RemoteClosed` in `RemoteClosed` (specs/bolt/htlc.lnp:315).
fn t9_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    _lnp_trig: UpdateFulfillHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    return Err(rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/htlc.lnp:316"));
}

/// `on recv update_fail_htlc in ForceClosed, RemoteClosed` in `ForceClosed` (specs/bolt/htlc.lnp:319).
fn t10_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    _lnp_trig: UpdateFailHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    return Err(rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/htlc.lnp:320"));
}

/// `on recv update_fail_htlc in ForceClosed, RemoteClosed` in `RemoteClosed` (specs/bolt/htlc.lnp:319).
fn t10_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    _lnp_trig: UpdateFailHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    return Err(rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/htlc.lnp:320"));
}

/// `on recv update_fail_malformed_htlc in ForceClosed, RemoteClosed` in `ForceClosed` (specs/bolt/htlc.lnp:323).
fn t11_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    _lnp_trig: UpdateFailMalformedHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    return Err(rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/htlc.lnp:324"));
}

/// `on recv update_fail_malformed_htlc in ForceClosed, RemoteClosed` in `RemoteClosed` (specs/bolt/htlc.lnp:323).
fn t11_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    _lnp_trig: UpdateFailMalformedHtlc,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    return Err(rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/htlc.lnp:324"));
}

/// `on command check_deadlines in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> ForceClosed` in `Normal` (specs/bolt/htlc.lnp:353).
fn t12_normal<C: rt::Context>(
    lnp_state: state::Normal,
    _lnp_trig: CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    let mut commitment_txid: rt::Txid;
    let mut to_local_done: bool;
    let mut pending_timeouts: Vec<Claim>;
    let mut pending_sweeps: Vec<Claim>;
    let height = lnp_ctx.chain_height();
    for p in [
        &(f_htlc_offered_late(
            local_commit.clone(),
            height.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
        &(f_htlc_not_in(
            f_htlc_offered_late(
                remote_commit.clone(),
                height.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            local_commit.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
    ]
        .concat()
    {
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::DeadlinePassed(DeadlinePassed {
                        id: p.id.clone(),
                        offered: true,
                        cltv_expiry: p.cltv_expiry.clone(),
                        height: height.clone(),
                    }),
                ),
            );
    }

    for p in [
        &(f_htlc_received_near_expiry(
            local_commit.clone(),
            height.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
        &(f_htlc_not_in(
            f_htlc_received_near_expiry(
                remote_commit.clone(),
                height.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            local_commit.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
    ]
        .concat()
    {
        if (rt::archive::get(
            &(preimages),
            "preimages",
            &p.lock.clone(),
            lnp_ctx,
            lnp_archive_key_preimages,
            lnp_archive_get_preimages,
            "specs/bolt/htlc.lnp:359",
        )?)
            .is_some()
        {
            lnp_fx
                .push(
                    rt::Effect::Emit(
                        Event::DeadlinePassed(DeadlinePassed {
                            id: p.id.clone(),
                            offered: false,
                            cltv_expiry: p.cltv_expiry.clone(),
                            height: height.clone(),
                        }),
                    ),
                );
        }
    }

    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let tx = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        f_channel_local_keys(
            local.clone(),
            remote.clone(),
            point.clone(),
            peer.to_self_delay.clone(),
            lnp_env.params.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Broadcast(
                (f_funding_2of2_signed(
                    tx.clone(),
                    local.funding.clone(),
                    remote.funding.clone(),
                    {
                        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/htlc.lnp:366",
                            ))?
                    },
                    local_sig.clone(),
                    lnp_env,
                    lnp_ctx,
                )?)
                    .tx,
            ),
        );
    commitment_txid = rt::builtins::txid(&tx);
    to_local_done = false;
    pending_timeouts = Vec::new();
    pending_sweeps = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ForceClosed(ForceClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&tx),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "commitment_confirmed",
            txid: rt::builtins::txid(&tx),
            depth: 1u32,
        });
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "to_local_matured",
            txid: rt::builtins::txid(&tx),
            depth: rt::builtins::int::<u32>(peer.to_self_delay.clone())
                .or_reject("specs/bolt/htlc.lnp:373")?,
        });
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

fn t12_normal_when<C: rt::Context>(
    lnp_state: &state::Normal,
    _lnp_trig: &CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Normal {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
    } = lnp_state;
    Ok(
        ((((((f_htlc_offered_late(
            local_commit.clone(),
            lnp_ctx.chain_height(),
            lnp_env,
            lnp_ctx,
        )?)
            .len() as u64) > 0u64)
            || (((f_htlc_offered_late(
                remote_commit.clone(),
                lnp_ctx.chain_height(),
                lnp_env,
                lnp_ctx,
            )?)
                .len() as u64) > 0u64))
            || rt::list::any(
                &(f_htlc_received_near_expiry(
                    local_commit.clone(),
                    lnp_ctx.chain_height(),
                    lnp_env,
                    lnp_ctx,
                )?),
                |p: &Pending| -> Result<_, rt::Reject> {
                    Ok(
                        (rt::archive::get(
                            &(preimages),
                            "preimages",
                            &p.lock.clone(),
                            lnp_ctx,
                            lnp_archive_key_preimages,
                            lnp_archive_get_preimages,
                            "specs/bolt/htlc.lnp:353",
                        )?)
                            .is_some(),
                    )
                },
            )?)
            || rt::list::any(
                &(f_htlc_received_near_expiry(
                    remote_commit.clone(),
                    lnp_ctx.chain_height(),
                    lnp_env,
                    lnp_ctx,
                )?),
                |p: &Pending| -> Result<_, rt::Reject> {
                    Ok(
                        (rt::archive::get(
                            &(preimages),
                            "preimages",
                            &p.lock.clone(),
                            lnp_ctx,
                            lnp_archive_key_preimages,
                            lnp_archive_get_preimages,
                            "specs/bolt/htlc.lnp:353",
                        )?)
                            .is_some(),
                    )
                },
            )?),
    )
}

/// `on command check_deadlines in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> ForceClosed` in `ShuttingDown` (specs/bolt/htlc.lnp:353).
fn t12_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    _lnp_trig: CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let mut commitment_txid: rt::Txid;
    let mut to_local_done: bool;
    let mut pending_timeouts: Vec<Claim>;
    let mut pending_sweeps: Vec<Claim>;
    let height = lnp_ctx.chain_height();
    for p in [
        &(f_htlc_offered_late(
            local_commit.clone(),
            height.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
        &(f_htlc_not_in(
            f_htlc_offered_late(
                remote_commit.clone(),
                height.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            local_commit.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
    ]
        .concat()
    {
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::DeadlinePassed(DeadlinePassed {
                        id: p.id.clone(),
                        offered: true,
                        cltv_expiry: p.cltv_expiry.clone(),
                        height: height.clone(),
                    }),
                ),
            );
    }

    for p in [
        &(f_htlc_received_near_expiry(
            local_commit.clone(),
            height.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
        &(f_htlc_not_in(
            f_htlc_received_near_expiry(
                remote_commit.clone(),
                height.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            local_commit.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
    ]
        .concat()
    {
        if (rt::archive::get(
            &(preimages),
            "preimages",
            &p.lock.clone(),
            lnp_ctx,
            lnp_archive_key_preimages,
            lnp_archive_get_preimages,
            "specs/bolt/htlc.lnp:359",
        )?)
            .is_some()
        {
            lnp_fx
                .push(
                    rt::Effect::Emit(
                        Event::DeadlinePassed(DeadlinePassed {
                            id: p.id.clone(),
                            offered: false,
                            cltv_expiry: p.cltv_expiry.clone(),
                            height: height.clone(),
                        }),
                    ),
                );
        }
    }

    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let tx = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        f_channel_local_keys(
            local.clone(),
            remote.clone(),
            point.clone(),
            peer.to_self_delay.clone(),
            lnp_env.params.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Broadcast(
                (f_funding_2of2_signed(
                    tx.clone(),
                    local.funding.clone(),
                    remote.funding.clone(),
                    {
                        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/htlc.lnp:366",
                            ))?
                    },
                    local_sig.clone(),
                    lnp_env,
                    lnp_ctx,
                )?)
                    .tx,
            ),
        );
    commitment_txid = rt::builtins::txid(&tx);
    to_local_done = false;
    pending_timeouts = Vec::new();
    pending_sweeps = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ForceClosed(ForceClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&tx),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "commitment_confirmed",
            txid: rt::builtins::txid(&tx),
            depth: 1u32,
        });
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "to_local_matured",
            txid: rt::builtins::txid(&tx),
            depth: rt::builtins::int::<u32>(peer.to_self_delay.clone())
                .or_reject("specs/bolt/htlc.lnp:373")?,
        });
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

fn t12_shuttingdown_when<C: rt::Context>(
    lnp_state: &state::ShuttingDown,
    _lnp_trig: &CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::ShuttingDown {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        ((((((f_htlc_offered_late(
            local_commit.clone(),
            lnp_ctx.chain_height(),
            lnp_env,
            lnp_ctx,
        )?)
            .len() as u64) > 0u64)
            || (((f_htlc_offered_late(
                remote_commit.clone(),
                lnp_ctx.chain_height(),
                lnp_env,
                lnp_ctx,
            )?)
                .len() as u64) > 0u64))
            || rt::list::any(
                &(f_htlc_received_near_expiry(
                    local_commit.clone(),
                    lnp_ctx.chain_height(),
                    lnp_env,
                    lnp_ctx,
                )?),
                |p: &Pending| -> Result<_, rt::Reject> {
                    Ok(
                        (rt::archive::get(
                            &(preimages),
                            "preimages",
                            &p.lock.clone(),
                            lnp_ctx,
                            lnp_archive_key_preimages,
                            lnp_archive_get_preimages,
                            "specs/bolt/htlc.lnp:353",
                        )?)
                            .is_some(),
                    )
                },
            )?)
            || rt::list::any(
                &(f_htlc_received_near_expiry(
                    remote_commit.clone(),
                    lnp_ctx.chain_height(),
                    lnp_env,
                    lnp_ctx,
                )?),
                |p: &Pending| -> Result<_, rt::Reject> {
                    Ok(
                        (rt::archive::get(
                            &(preimages),
                            "preimages",
                            &p.lock.clone(),
                            lnp_ctx,
                            lnp_archive_key_preimages,
                            lnp_archive_get_preimages,
                            "specs/bolt/htlc.lnp:353",
                        )?)
                            .is_some(),
                    )
                },
            )?),
    )
}

/// `on command check_deadlines in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> ForceClosed` in `Negotiating` (specs/bolt/htlc.lnp:353).
fn t12_negotiating<C: rt::Context>(
    lnp_state: state::Negotiating,
    _lnp_trig: CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Negotiating {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
        mut proposed_fee,
    } = lnp_state;
    let mut commitment_txid: rt::Txid;
    let mut to_local_done: bool;
    let mut pending_timeouts: Vec<Claim>;
    let mut pending_sweeps: Vec<Claim>;
    let height = lnp_ctx.chain_height();
    for p in [
        &(f_htlc_offered_late(
            local_commit.clone(),
            height.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
        &(f_htlc_not_in(
            f_htlc_offered_late(
                remote_commit.clone(),
                height.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            local_commit.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
    ]
        .concat()
    {
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::DeadlinePassed(DeadlinePassed {
                        id: p.id.clone(),
                        offered: true,
                        cltv_expiry: p.cltv_expiry.clone(),
                        height: height.clone(),
                    }),
                ),
            );
    }

    for p in [
        &(f_htlc_received_near_expiry(
            local_commit.clone(),
            height.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
        &(f_htlc_not_in(
            f_htlc_received_near_expiry(
                remote_commit.clone(),
                height.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            local_commit.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
    ]
        .concat()
    {
        if (rt::archive::get(
            &(preimages),
            "preimages",
            &p.lock.clone(),
            lnp_ctx,
            lnp_archive_key_preimages,
            lnp_archive_get_preimages,
            "specs/bolt/htlc.lnp:359",
        )?)
            .is_some()
        {
            lnp_fx
                .push(
                    rt::Effect::Emit(
                        Event::DeadlinePassed(DeadlinePassed {
                            id: p.id.clone(),
                            offered: false,
                            cltv_expiry: p.cltv_expiry.clone(),
                            height: height.clone(),
                        }),
                    ),
                );
        }
    }

    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let tx = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        f_channel_local_keys(
            local.clone(),
            remote.clone(),
            point.clone(),
            peer.to_self_delay.clone(),
            lnp_env.params.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Broadcast(
                (f_funding_2of2_signed(
                    tx.clone(),
                    local.funding.clone(),
                    remote.funding.clone(),
                    {
                        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/htlc.lnp:366",
                            ))?
                    },
                    local_sig.clone(),
                    lnp_env,
                    lnp_ctx,
                )?)
                    .tx,
            ),
        );
    commitment_txid = rt::builtins::txid(&tx);
    to_local_done = false;
    pending_timeouts = Vec::new();
    pending_sweeps = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ForceClosed(ForceClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&tx),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "commitment_confirmed",
            txid: rt::builtins::txid(&tx),
            depth: 1u32,
        });
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "to_local_matured",
            txid: rt::builtins::txid(&tx),
            depth: rt::builtins::int::<u32>(peer.to_self_delay.clone())
                .or_reject("specs/bolt/htlc.lnp:373")?,
        });
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

fn t12_negotiating_when<C: rt::Context>(
    lnp_state: &state::Negotiating,
    _lnp_trig: &CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Negotiating {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
        proposed_fee,
    } = lnp_state;
    Ok(
        ((((((f_htlc_offered_late(
            local_commit.clone(),
            lnp_ctx.chain_height(),
            lnp_env,
            lnp_ctx,
        )?)
            .len() as u64) > 0u64)
            || (((f_htlc_offered_late(
                remote_commit.clone(),
                lnp_ctx.chain_height(),
                lnp_env,
                lnp_ctx,
            )?)
                .len() as u64) > 0u64))
            || rt::list::any(
                &(f_htlc_received_near_expiry(
                    local_commit.clone(),
                    lnp_ctx.chain_height(),
                    lnp_env,
                    lnp_ctx,
                )?),
                |p: &Pending| -> Result<_, rt::Reject> {
                    Ok(
                        (rt::archive::get(
                            &(preimages),
                            "preimages",
                            &p.lock.clone(),
                            lnp_ctx,
                            lnp_archive_key_preimages,
                            lnp_archive_get_preimages,
                            "specs/bolt/htlc.lnp:353",
                        )?)
                            .is_some(),
                    )
                },
            )?)
            || rt::list::any(
                &(f_htlc_received_near_expiry(
                    remote_commit.clone(),
                    lnp_ctx.chain_height(),
                    lnp_env,
                    lnp_ctx,
                )?),
                |p: &Pending| -> Result<_, rt::Reject> {
                    Ok(
                        (rt::archive::get(
                            &(preimages),
                            "preimages",
                            &p.lock.clone(),
                            lnp_ctx,
                            lnp_archive_key_preimages,
                            lnp_archive_get_preimages,
                            "specs/bolt/htlc.lnp:353",
                        )?)
                            .is_some(),
                    )
                },
            )?),
    )
}

/// `on command check_deadlines in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> ForceClosed` in `Disconnected` (specs/bolt/htlc.lnp:353).
fn t12_disconnected<C: rt::Context>(
    lnp_state: state::Disconnected,
    _lnp_trig: CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Disconnected {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let mut commitment_txid: rt::Txid;
    let mut to_local_done: bool;
    let mut pending_timeouts: Vec<Claim>;
    let mut pending_sweeps: Vec<Claim>;
    let height = lnp_ctx.chain_height();
    for p in [
        &(f_htlc_offered_late(
            local_commit.clone(),
            height.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
        &(f_htlc_not_in(
            f_htlc_offered_late(
                remote_commit.clone(),
                height.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            local_commit.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
    ]
        .concat()
    {
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::DeadlinePassed(DeadlinePassed {
                        id: p.id.clone(),
                        offered: true,
                        cltv_expiry: p.cltv_expiry.clone(),
                        height: height.clone(),
                    }),
                ),
            );
    }

    for p in [
        &(f_htlc_received_near_expiry(
            local_commit.clone(),
            height.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
        &(f_htlc_not_in(
            f_htlc_received_near_expiry(
                remote_commit.clone(),
                height.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            local_commit.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
    ]
        .concat()
    {
        if (rt::archive::get(
            &(preimages),
            "preimages",
            &p.lock.clone(),
            lnp_ctx,
            lnp_archive_key_preimages,
            lnp_archive_get_preimages,
            "specs/bolt/htlc.lnp:359",
        )?)
            .is_some()
        {
            lnp_fx
                .push(
                    rt::Effect::Emit(
                        Event::DeadlinePassed(DeadlinePassed {
                            id: p.id.clone(),
                            offered: false,
                            cltv_expiry: p.cltv_expiry.clone(),
                            height: height.clone(),
                        }),
                    ),
                );
        }
    }

    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let tx = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        f_channel_local_keys(
            local.clone(),
            remote.clone(),
            point.clone(),
            peer.to_self_delay.clone(),
            lnp_env.params.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Broadcast(
                (f_funding_2of2_signed(
                    tx.clone(),
                    local.funding.clone(),
                    remote.funding.clone(),
                    {
                        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/htlc.lnp:366",
                            ))?
                    },
                    local_sig.clone(),
                    lnp_env,
                    lnp_ctx,
                )?)
                    .tx,
            ),
        );
    commitment_txid = rt::builtins::txid(&tx);
    to_local_done = false;
    pending_timeouts = Vec::new();
    pending_sweeps = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ForceClosed(ForceClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&tx),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "commitment_confirmed",
            txid: rt::builtins::txid(&tx),
            depth: 1u32,
        });
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "to_local_matured",
            txid: rt::builtins::txid(&tx),
            depth: rt::builtins::int::<u32>(peer.to_self_delay.clone())
                .or_reject("specs/bolt/htlc.lnp:373")?,
        });
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

fn t12_disconnected_when<C: rt::Context>(
    lnp_state: &state::Disconnected,
    _lnp_trig: &CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Disconnected {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        ((((((f_htlc_offered_late(
            local_commit.clone(),
            lnp_ctx.chain_height(),
            lnp_env,
            lnp_ctx,
        )?)
            .len() as u64) > 0u64)
            || (((f_htlc_offered_late(
                remote_commit.clone(),
                lnp_ctx.chain_height(),
                lnp_env,
                lnp_ctx,
            )?)
                .len() as u64) > 0u64))
            || rt::list::any(
                &(f_htlc_received_near_expiry(
                    local_commit.clone(),
                    lnp_ctx.chain_height(),
                    lnp_env,
                    lnp_ctx,
                )?),
                |p: &Pending| -> Result<_, rt::Reject> {
                    Ok(
                        (rt::archive::get(
                            &(preimages),
                            "preimages",
                            &p.lock.clone(),
                            lnp_ctx,
                            lnp_archive_key_preimages,
                            lnp_archive_get_preimages,
                            "specs/bolt/htlc.lnp:353",
                        )?)
                            .is_some(),
                    )
                },
            )?)
            || rt::list::any(
                &(f_htlc_received_near_expiry(
                    remote_commit.clone(),
                    lnp_ctx.chain_height(),
                    lnp_env,
                    lnp_ctx,
                )?),
                |p: &Pending| -> Result<_, rt::Reject> {
                    Ok(
                        (rt::archive::get(
                            &(preimages),
                            "preimages",
                            &p.lock.clone(),
                            lnp_ctx,
                            lnp_archive_key_preimages,
                            lnp_archive_get_preimages,
                            "specs/bolt/htlc.lnp:353",
                        )?)
                            .is_some(),
                    )
                },
            )?),
    )
}

/// `on command check_deadlines in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> ForceClosed` in `Reestablishing` (specs/bolt/htlc.lnp:353).
fn t12_reestablishing<C: rt::Context>(
    lnp_state: state::Reestablishing,
    _lnp_trig: CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Reestablishing {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let mut commitment_txid: rt::Txid;
    let mut to_local_done: bool;
    let mut pending_timeouts: Vec<Claim>;
    let mut pending_sweeps: Vec<Claim>;
    let height = lnp_ctx.chain_height();
    for p in [
        &(f_htlc_offered_late(
            local_commit.clone(),
            height.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
        &(f_htlc_not_in(
            f_htlc_offered_late(
                remote_commit.clone(),
                height.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            local_commit.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
    ]
        .concat()
    {
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::DeadlinePassed(DeadlinePassed {
                        id: p.id.clone(),
                        offered: true,
                        cltv_expiry: p.cltv_expiry.clone(),
                        height: height.clone(),
                    }),
                ),
            );
    }

    for p in [
        &(f_htlc_received_near_expiry(
            local_commit.clone(),
            height.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
        &(f_htlc_not_in(
            f_htlc_received_near_expiry(
                remote_commit.clone(),
                height.clone(),
                lnp_env,
                lnp_ctx,
            )?,
            local_commit.clone(),
            lnp_env,
            lnp_ctx,
        )?)[..],
    ]
        .concat()
    {
        if (rt::archive::get(
            &(preimages),
            "preimages",
            &p.lock.clone(),
            lnp_ctx,
            lnp_archive_key_preimages,
            lnp_archive_get_preimages,
            "specs/bolt/htlc.lnp:359",
        )?)
            .is_some()
        {
            lnp_fx
                .push(
                    rt::Effect::Emit(
                        Event::DeadlinePassed(DeadlinePassed {
                            id: p.id.clone(),
                            offered: false,
                            cltv_expiry: p.cltv_expiry.clone(),
                            height: height.clone(),
                        }),
                    ),
                );
        }
    }

    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let tx = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        f_channel_local_keys(
            local.clone(),
            remote.clone(),
            point.clone(),
            peer.to_self_delay.clone(),
            lnp_env.params.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Broadcast(
                (f_funding_2of2_signed(
                    tx.clone(),
                    local.funding.clone(),
                    remote.funding.clone(),
                    {
                        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/htlc.lnp:366",
                            ))?
                    },
                    local_sig.clone(),
                    lnp_env,
                    lnp_ctx,
                )?)
                    .tx,
            ),
        );
    commitment_txid = rt::builtins::txid(&tx);
    to_local_done = false;
    pending_timeouts = Vec::new();
    pending_sweeps = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ForceClosed(ForceClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&tx),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "commitment_confirmed",
            txid: rt::builtins::txid(&tx),
            depth: 1u32,
        });
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "to_local_matured",
            txid: rt::builtins::txid(&tx),
            depth: rt::builtins::int::<u32>(peer.to_self_delay.clone())
                .or_reject("specs/bolt/htlc.lnp:373")?,
        });
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

fn t12_reestablishing_when<C: rt::Context>(
    lnp_state: &state::Reestablishing,
    _lnp_trig: &CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Reestablishing {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        ((((((f_htlc_offered_late(
            local_commit.clone(),
            lnp_ctx.chain_height(),
            lnp_env,
            lnp_ctx,
        )?)
            .len() as u64) > 0u64)
            || (((f_htlc_offered_late(
                remote_commit.clone(),
                lnp_ctx.chain_height(),
                lnp_env,
                lnp_ctx,
            )?)
                .len() as u64) > 0u64))
            || rt::list::any(
                &(f_htlc_received_near_expiry(
                    local_commit.clone(),
                    lnp_ctx.chain_height(),
                    lnp_env,
                    lnp_ctx,
                )?),
                |p: &Pending| -> Result<_, rt::Reject> {
                    Ok(
                        (rt::archive::get(
                            &(preimages),
                            "preimages",
                            &p.lock.clone(),
                            lnp_ctx,
                            lnp_archive_key_preimages,
                            lnp_archive_get_preimages,
                            "specs/bolt/htlc.lnp:353",
                        )?)
                            .is_some(),
                    )
                },
            )?)
            || rt::list::any(
                &(f_htlc_received_near_expiry(
                    remote_commit.clone(),
                    lnp_ctx.chain_height(),
                    lnp_env,
                    lnp_ctx,
                )?),
                |p: &Pending| -> Result<_, rt::Reject> {
                    Ok(
                        (rt::archive::get(
                            &(preimages),
                            "preimages",
                            &p.lock.clone(),
                            lnp_ctx,
                            lnp_archive_key_preimages,
                            lnp_archive_get_preimages,
                            "specs/bolt/htlc.lnp:353",
                        )?)
                            .is_some(),
                    )
                },
            )?),
    )
}

/// `on command check_deadlines in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing` in `Normal` (specs/bolt/htlc.lnp:378).
fn t13_normal<C: rt::Context>(
    lnp_state: state::Normal,
    _lnp_trig: CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

/// `on command check_deadlines in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing` in `ShuttingDown` (specs/bolt/htlc.lnp:378).
fn t13_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    _lnp_trig: CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on command check_deadlines in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing` in `Negotiating` (specs/bolt/htlc.lnp:378).
fn t13_negotiating<C: rt::Context>(
    lnp_state: state::Negotiating,
    _lnp_trig: CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Negotiating {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
        mut proposed_fee,
    } = lnp_state;
    Ok((
        State::Negotiating(state::Negotiating {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
            proposed_fee,
        }),
        lnp_fx,
    ))
}

/// `on command check_deadlines in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing` in `Disconnected` (specs/bolt/htlc.lnp:378).
fn t13_disconnected<C: rt::Context>(
    lnp_state: state::Disconnected,
    _lnp_trig: CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Disconnected {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    Ok((
        State::Disconnected(state::Disconnected {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on command check_deadlines in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing` in `Reestablishing` (specs/bolt/htlc.lnp:378).
fn t13_reestablishing<C: rt::Context>(
    lnp_state: state::Reestablishing,
    _lnp_trig: CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Reestablishing {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    Ok((
        State::Reestablishing(state::Reestablishing {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on chain commitment_confirmed in ForceClosed` in `ForceClosed` (specs/bolt/htlc.lnp:383).
fn t14_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    e: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let k = f_channel_local_keys(
        local.clone(),
        remote.clone(),
        point.clone(),
        peer.to_self_delay.clone(),
        lnp_env.params.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let tx = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        k.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let vouts = f_channel_htlc_vouts(
        tx.clone(),
        local_commit.htlcs.clone(),
        k.clone(),
        local_commit.feerate.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    for j in rt::builtins::range(((vouts).len() as u64)) {
        let vout = (rt::list::at(&(vouts), j.clone()))
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/htlc.lnp:389",
            ))?;
        let p = (f_channel_htlc_at(
            tx.clone(),
            vout.clone(),
            local_commit.htlcs.clone(),
            k.clone(),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?)
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/htlc.lnp:390",
            ))?;
        lnp_fx
            .push(rt::Effect::WatchSpend {
                name: "htlc_output_spent",
                outpoint: rt::builtins::outpoint(
                    rt::builtins::txid(&tx),
                    rt::builtins::int::<u32>(vout.clone())
                        .or_reject("specs/bolt/htlc.lnp:391")?,
                ),
            });
        if p.offered.clone() {
            pending_timeouts
                .push(Claim {
                    htlc: p.clone(),
                    vout: rt::builtins::int::<u32>(vout.clone())
                        .or_reject("specs/bolt/htlc.lnp:393")?,
                });
        } else {
            if (rt::archive::get(
                &(preimages),
                "preimages",
                &p.lock.clone(),
                lnp_ctx,
                lnp_archive_key_preimages,
                lnp_archive_get_preimages,
                "specs/bolt/htlc.lnp:395",
            )?)
                .is_some()
            {
                let success = tpl_htlc_htlc_success(
                    rt::builtins::txid(&tx),
                    rt::builtins::int::<u32>(vout.clone())
                        .or_reject("specs/bolt/htlc.lnp:396")?,
                    p.clone(),
                    k.clone(),
                    local_commit.feerate.clone(),
                    lnp_env,
                    lnp_ctx,
                )?;
                lnp_fx
                    .push(
                        rt::Effect::Broadcast(
                            (f_htlc_signed_htlc_success(
                                success.clone(),
                                p.clone(),
                                k.clone(),
                                (rt::list::at(&(local_htlc_sigs), j.clone()))
                                    .ok_or_else(|| rt::Reject::new(
                                        rt::RejectKind::Error,
                                        "an empty option was read",
                                        "specs/bolt/htlc.lnp:397",
                                    ))?,
                                {
                                    let (lnp_tx, lnp_base, lnp_point) = (
                                        success.clone(),
                                        local.htlc.clone(),
                                        point.clone(),
                                    );
                                    lnp_ctx
                                        .sign_derived(&lnp_tx, 0u32, &lnp_base, &lnp_point)
                                        .map_err(|why| rt::Reject::new(
                                            rt::RejectKind::Error,
                                            why.to_string(),
                                            "specs/bolt/htlc.lnp:397",
                                        ))?
                                },
                                (rt::archive::get(
                                    &(preimages),
                                    "preimages",
                                    &p.lock.clone(),
                                    lnp_ctx,
                                    lnp_archive_key_preimages,
                                    lnp_archive_get_preimages,
                                    "specs/bolt/htlc.lnp:397",
                                )?)
                                    .ok_or_else(|| rt::Reject::new(
                                        rt::RejectKind::Error,
                                        "an empty option was read",
                                        "specs/bolt/htlc.lnp:397",
                                    ))?,
                                lnp_env,
                                lnp_ctx,
                            )?)
                                .tx,
                        ),
                    );
                pending_sweeps
                    .push(Claim {
                        htlc: p.clone(),
                        vout: rt::builtins::int::<u32>(vout.clone())
                            .or_reject("specs/bolt/htlc.lnp:398")?,
                    });
                lnp_fx
                    .push(rt::Effect::WatchConfirm {
                        name: "second_stage_matured",
                        txid: rt::builtins::txid(&success),
                        depth: rt::builtins::int::<u32>(peer.to_self_delay.clone())
                            .or_reject("specs/bolt/htlc.lnp:399")?,
                    });
            }
        }
    }

    if (((pending_timeouts).len() as u64) > 0u64) {
        lnp_fx
            .push(rt::Effect::WatchConfirm {
                name: "htlc_expired",
                txid: rt::builtins::txid(&tx),
                depth: f_htlc_expiry_depth(
                    pending_timeouts.clone(),
                    e.height.clone(),
                    lnp_env,
                    lnp_ctx,
                )?,
            });
    }

    lnp_fx
        .push(rt::Effect::StartTimer {
            name: "resolved_check",
            after_secs: 0u32,
        });
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

/// `on chain htlc_expired in ForceClosed` in `ForceClosed` (specs/bolt/htlc.lnp:409).
fn t15_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    e: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let k = f_channel_local_keys(
        local.clone(),
        remote.clone(),
        point.clone(),
        peer.to_self_delay.clone(),
        lnp_env.params.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let tx = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        k.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let vouts = f_channel_htlc_vouts(
        tx.clone(),
        local_commit.htlcs.clone(),
        k.clone(),
        local_commit.feerate.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    for c in rt::list::filter(
        &(pending_timeouts),
        |c: &Claim| -> Result<_, rt::Reject> {
            Ok((c.htlc.cltv_expiry.clone() <= lnp_ctx.chain_height()))
        },
    )? {
        let timeout = tpl_htlc_htlc_timeout(
            rt::builtins::txid(&tx),
            c.vout.clone(),
            c.htlc.clone(),
            k.clone(),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        let j = (rt::list::find(
            &(rt::builtins::range(((vouts).len() as u64))),
            |j: &u64| -> Result<_, rt::Reject> {
                Ok(
                    ((rt::list::at(&(vouts), j.clone()))
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/htlc.lnp:416",
                        ))?
                        == rt::builtins::int::<u64>(c.vout.clone())
                            .or_reject("specs/bolt/htlc.lnp:416")?),
                )
            },
        )?)
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/htlc.lnp:416",
            ))?;
        lnp_fx
            .push(
                rt::Effect::Broadcast(
                    (f_htlc_signed_htlc_timeout(
                        timeout.clone(),
                        c.htlc.clone(),
                        k.clone(),
                        (rt::list::at(&(local_htlc_sigs), j.clone()))
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "an empty option was read",
                                "specs/bolt/htlc.lnp:417",
                            ))?,
                        {
                            let (lnp_tx, lnp_base, lnp_point) = (
                                timeout.clone(),
                                local.htlc.clone(),
                                point.clone(),
                            );
                            lnp_ctx
                                .sign_derived(&lnp_tx, 0u32, &lnp_base, &lnp_point)
                                .map_err(|why| rt::Reject::new(
                                    rt::RejectKind::Error,
                                    why.to_string(),
                                    "specs/bolt/htlc.lnp:417",
                                ))?
                        },
                        lnp_env,
                        lnp_ctx,
                    )?)
                        .tx,
                ),
            );
        lnp_fx
            .push(rt::Effect::WatchConfirm {
                name: "second_stage_matured",
                txid: rt::builtins::txid(&timeout),
                depth: rt::builtins::int::<u32>(peer.to_self_delay.clone())
                    .or_reject("specs/bolt/htlc.lnp:418")?,
            });
    }

    pending_sweeps
        .extend(
            rt::list::filter(
                &(pending_timeouts),
                |c: &Claim| -> Result<_, rt::Reject> {
                    Ok((c.htlc.cltv_expiry.clone() <= lnp_ctx.chain_height()))
                },
            )?,
        );
    pending_timeouts = rt::list::filter(
        &(pending_timeouts),
        |c: &Claim| -> Result<_, rt::Reject> {
            Ok((c.htlc.cltv_expiry.clone() > lnp_ctx.chain_height()))
        },
    )?;
    if (((pending_timeouts).len() as u64) > 0u64) {
        lnp_fx
            .push(rt::Effect::WatchConfirm {
                name: "htlc_expired",
                txid: rt::builtins::txid(&tx),
                depth: f_htlc_expiry_depth(
                    pending_timeouts.clone(),
                    e.height.clone(),
                    lnp_env,
                    lnp_ctx,
                )?,
            });
    }

    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

/// `on chain htlc_output_spent in ForceClosed` in `ForceClosed` (specs/bolt/htlc.lnp:433).
fn t16_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let k = f_channel_local_keys(
        local.clone(),
        remote.clone(),
        point.clone(),
        peer.to_self_delay.clone(),
        lnp_env.params.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let tx = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        k.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let p = f_channel_htlc_at(
        tx.clone(),
        rt::builtins::int::<u64>(e.outpoint.vout.clone())
            .or_reject("specs/bolt/htlc.lnp:437")?,
        local_commit.htlcs.clone(),
        k.clone(),
        local_commit.feerate.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let ours = ((rt::builtins::output_count(&e.tx) > 0u64)
        && (rt::builtins::output_script(&e.tx, 0u64)
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "no such output",
                "specs/bolt/htlc.lnp:438",
            ))?
            == rt::builtins::p2wsh(
                &f_ln_penalty_to_local_script(k.clone(), lnp_env, lnp_ctx)?,
            )));
    if ((p).is_some() && !(ours.clone())) {
        let h = (p.clone())
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/htlc.lnp:440",
            ))?;
        if (h.offered.clone()
            && (rt::builtins::preimage_in(&e.tx.clone(), &h.lock.clone())).is_some())
        {
            lnp_fx
                .push(
                    rt::Effect::Emit(
                        Event::HtlcSettled(HtlcSettled {
                            id: h.id.clone(),
                            preimage: (rt::builtins::preimage_in(
                                &e.tx.clone(),
                                &h.lock.clone(),
                            ))
                                .ok_or_else(|| rt::Reject::new(
                                    rt::RejectKind::Error,
                                    "an empty option was read",
                                    "specs/bolt/htlc.lnp:442",
                                ))?,
                        }),
                    ),
                );
        }
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::HtlcResolved(HtlcResolved {
                        id: h.id.clone(),
                        offered: h.offered.clone(),
                        txid: rt::builtins::txid(&e.tx),
                    }),
                ),
            );
        pending_timeouts = rt::list::filter(
            &(pending_timeouts),
            |c: &Claim| -> Result<_, rt::Reject> {
                Ok((c.vout.clone() != e.outpoint.vout.clone()))
            },
        )?;
        pending_sweeps = rt::list::filter(
            &(pending_sweeps),
            |c: &Claim| -> Result<_, rt::Reject> {
                Ok((c.vout.clone() != e.outpoint.vout.clone()))
            },
        )?;
        lnp_fx
            .push(rt::Effect::StartTimer {
                name: "resolved_check",
                after_secs: 0u32,
            });
    }

    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

/// `on chain second_stage_matured in ForceClosed` in `ForceClosed` (specs/bolt/htlc.lnp:452).
fn t17_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    e: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let k = f_channel_local_keys(
        local.clone(),
        remote.clone(),
        point.clone(),
        peer.to_self_delay.clone(),
        lnp_env.params.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let commitment_tx = rt::builtins::txid(
        &f_channel_local_tx(
            local_commit.clone(),
            funding.clone(),
            capacity.clone(),
            (lnp_env.role == Role::Funder),
            local.clone(),
            remote.clone(),
            k.clone(),
            lnp_env,
            lnp_ctx,
        )?,
    );
    let c = rt::list::find(
        &(pending_sweeps),
        |c: &Claim| -> Result<_, rt::Reject> {
            Ok(
                (rt::builtins::txid(
                    &if c.htlc.offered.clone() {
                        tpl_htlc_htlc_timeout(
                            commitment_tx.clone(),
                            c.vout.clone(),
                            c.htlc.clone(),
                            k.clone(),
                            local_commit.feerate.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?
                    } else {
                        tpl_htlc_htlc_success(
                            commitment_tx.clone(),
                            c.vout.clone(),
                            c.htlc.clone(),
                            k.clone(),
                            local_commit.feerate.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?
                    },
                ) == e.txid.clone()),
            )
        },
    )?;
    if !((c).is_some()) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "a second-stage transaction we did not publish",
                "specs/bolt/htlc.lnp:457",
            ),
        );
    }

    let second = if (((c.clone())
        .ok_or_else(|| rt::Reject::new(
            rt::RejectKind::Error,
            "an empty option was read",
            "specs/bolt/htlc.lnp:458",
        ))?)
        .htlc
        .clone())
        .offered
        .clone()
    {
        tpl_htlc_htlc_timeout(
            commitment_tx.clone(),
            ((c.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:458",
                ))?)
                .vout
                .clone(),
            ((c.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:458",
                ))?)
                .htlc
                .clone(),
            k.clone(),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?
    } else {
        tpl_htlc_htlc_success(
            commitment_tx.clone(),
            ((c.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:458",
                ))?)
                .vout
                .clone(),
            ((c.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "an empty option was read",
                    "specs/bolt/htlc.lnp:458",
                ))?)
                .htlc
                .clone(),
            k.clone(),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?
    };
    let script = f_ln_penalty_to_local_script(k.clone(), lnp_env, lnp_ctx)?;
    let sweep_tx = tpl_channel_sweep(
        e.txid.clone(),
        0u32,
        rt::builtins::output_amount(&second, 0u64)
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "no such output",
                "specs/bolt/htlc.lnp:460",
            ))?,
        script.clone(),
        rt::builtins::int::<u32>(peer.to_self_delay.clone())
            .or_reject("specs/bolt/htlc.lnp:460")?,
        0u32,
        rt::builtins::p2wpkh(&local.payment),
        local_commit.feerate.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Broadcast(
                (f_ln_penalty_delayed_spend(
                    sweep_tx.clone(),
                    {
                        let (lnp_tx, lnp_base, lnp_point) = (
                            sweep_tx.clone(),
                            local.delayed_payment.clone(),
                            point.clone(),
                        );
                        lnp_ctx
                            .sign_derived(&lnp_tx, 0u32, &lnp_base, &lnp_point)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/htlc.lnp:461",
                            ))?
                    },
                    script.clone(),
                    lnp_env,
                    lnp_ctx,
                )?)
                    .tx,
            ),
        );
    pending_sweeps = rt::list::filter(
        &(pending_sweeps),
        |d: &Claim| -> Result<_, rt::Reject> {
            Ok(
                (d.clone()
                    != (c.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/htlc.lnp:462",
                        ))?),
            )
        },
    )?;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::HtlcResolved(HtlcResolved {
                    id: (((c.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/htlc.lnp:463",
                        ))?)
                        .htlc
                        .clone())
                        .id
                        .clone(),
                    offered: (((c.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/htlc.lnp:463",
                        ))?)
                        .htlc
                        .clone())
                        .offered
                        .clone(),
                    txid: rt::builtins::txid(&sweep_tx),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::StartTimer {
            name: "resolved_check",
            after_secs: 0u32,
        });
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

/// `on chain remote_commitment_confirmed in RemoteClosed` in `RemoteClosed` (specs/bolt/htlc.lnp:469).
fn t18_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    e: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    let k = f_channel_remote_keys(
        local.clone(),
        remote.clone(),
        their_point.clone(),
        peer.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let hs = f_channel_flipped(their_commit.htlcs.clone(), lnp_env, lnp_ctx)?;
    let tx = f_channel_remote_tx(
        their_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        k.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    if !((rt::builtins::txid(&tx) == commitment_txid.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the peer's commitment does not rebuild",
                "specs/bolt/htlc.lnp:473",
            ),
        );
    }

    let vouts = f_channel_htlc_vouts(
        tx.clone(),
        hs.clone(),
        k.clone(),
        their_commit.feerate.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    for j in rt::builtins::range(((vouts).len() as u64)) {
        let vout = (rt::list::at(&(vouts), j.clone()))
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/htlc.lnp:476",
            ))?;
        let p = (f_channel_htlc_at(
            tx.clone(),
            vout.clone(),
            hs.clone(),
            k.clone(),
            their_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?)
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/htlc.lnp:477",
            ))?;
        lnp_fx
            .push(rt::Effect::WatchSpend {
                name: "remote_htlc_output_spent",
                outpoint: rt::builtins::outpoint(
                    rt::builtins::txid(&tx),
                    rt::builtins::int::<u32>(vout.clone())
                        .or_reject("specs/bolt/htlc.lnp:478")?,
                ),
            });
        if p.offered.clone() {
            if (rt::archive::get(
                &(preimages),
                "preimages",
                &p.lock.clone(),
                lnp_ctx,
                lnp_archive_key_preimages,
                lnp_archive_get_preimages,
                "specs/bolt/htlc.lnp:480",
            )?)
                .is_some()
            {
                let script = f_htlc_offered_script(
                    p.clone(),
                    k.clone(),
                    lnp_env,
                    lnp_ctx,
                )?;
                let claim = tpl_channel_sweep(
                    rt::builtins::txid(&tx),
                    rt::builtins::int::<u32>(vout.clone())
                        .or_reject("specs/bolt/htlc.lnp:482")?,
                    (p.amount.clone()).to_sat(),
                    script.clone(),
                    f_htlc_claim_sequence(lnp_env, lnp_ctx)?,
                    0u32,
                    rt::builtins::p2wpkh(&local.payment),
                    their_commit.feerate.clone(),
                    lnp_env,
                    lnp_ctx,
                )?;
                lnp_fx
                    .push(
                        rt::Effect::Broadcast(
                            (rt::builtins::with_witness(
                                    claim.clone(),
                                    0u32,
                                    vec![
                                        rt::WitnessItem::Signature({ let (lnp_tx, lnp_base,
                                        lnp_point) = (claim.clone(), local.htlc.clone(), their_point
                                        .clone()); lnp_ctx.sign_derived(& lnp_tx, 0u32, & lnp_base,
                                        & lnp_point).map_err(| why |
                                        rt::Reject::new(rt::RejectKind::Error, why.to_string(),
                                        "specs/bolt/htlc.lnp:483")) ? }),
                                        rt::WitnessItem::Bytes(((rt::archive::get(& (preimages),
                                        "preimages", & p.lock.clone(), lnp_ctx,
                                        lnp_archive_key_preimages, lnp_archive_get_preimages,
                                        "specs/bolt/htlc.lnp:483") ?).ok_or_else(||
                                        rt::Reject::new(rt::RejectKind::Error,
                                        "an empty option was read", "specs/bolt/htlc.lnp:483")) ?)
                                        .to_vec()), rt::WitnessItem::Bytes(((script.clone())
                                        .to_bytes()).to_vec())
                                    ],
                                )
                                .or_reject("specs/bolt/htlc.lnp:483")?)
                                .tx,
                        ),
                    );
                lnp_fx
                    .push(
                        rt::Effect::Emit(
                            Event::HtlcResolved(HtlcResolved {
                                id: p.id.clone(),
                                offered: false,
                                txid: rt::builtins::txid(&claim),
                            }),
                        ),
                    );
            }
        } else {
            pending_timeouts
                .push(Claim {
                    htlc: p.clone(),
                    vout: rt::builtins::int::<u32>(vout.clone())
                        .or_reject("specs/bolt/htlc.lnp:487")?,
                });
        }
    }

    if (((pending_timeouts).len() as u64) > 0u64) {
        lnp_fx
            .push(rt::Effect::WatchConfirm {
                name: "remote_htlc_expired",
                txid: rt::builtins::txid(&tx),
                depth: f_htlc_expiry_depth(
                    pending_timeouts.clone(),
                    e.height.clone(),
                    lnp_env,
                    lnp_ctx,
                )?,
            });
    }

    lnp_fx
        .push(rt::Effect::StartTimer {
            name: "resolved_check",
            after_secs: 0u32,
        });
    Ok((
        State::RemoteClosed(state::RemoteClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            their_commit,
            their_point,
            commitment_txid,
            preimages,
            pending_timeouts,
        }),
        lnp_fx,
    ))
}

/// `on chain remote_htlc_output_spent in RemoteClosed` in `RemoteClosed` (specs/bolt/htlc.lnp:499).
fn t19_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    let k = f_channel_remote_keys(
        local.clone(),
        remote.clone(),
        their_point.clone(),
        peer.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let tx = f_channel_remote_tx(
        their_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        k.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let p = f_channel_htlc_at(
        tx.clone(),
        rt::builtins::int::<u64>(e.outpoint.vout.clone())
            .or_reject("specs/bolt/htlc.lnp:502")?,
        f_channel_flipped(their_commit.htlcs.clone(), lnp_env, lnp_ctx)?,
        k.clone(),
        their_commit.feerate.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let ours = ((rt::builtins::output_count(&e.tx) > 0u64)
        && (rt::builtins::output_script(&e.tx, 0u64)
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "no such output",
                "specs/bolt/htlc.lnp:503",
            ))? == rt::builtins::p2wpkh(&local.payment)));
    if ((p).is_some() && !(ours.clone())) {
        let h = (p.clone())
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/htlc.lnp:505",
            ))?;
        if (!(h.offered.clone())
            && (rt::builtins::preimage_in(&e.tx.clone(), &h.lock.clone())).is_some())
        {
            lnp_fx
                .push(
                    rt::Effect::Emit(
                        Event::HtlcSettled(HtlcSettled {
                            id: h.id.clone(),
                            preimage: (rt::builtins::preimage_in(
                                &e.tx.clone(),
                                &h.lock.clone(),
                            ))
                                .ok_or_else(|| rt::Reject::new(
                                    rt::RejectKind::Error,
                                    "an empty option was read",
                                    "specs/bolt/htlc.lnp:507",
                                ))?,
                        }),
                    ),
                );
        }
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::HtlcResolved(HtlcResolved {
                        id: h.id.clone(),
                        offered: !(h.offered.clone()),
                        txid: rt::builtins::txid(&e.tx),
                    }),
                ),
            );
        pending_timeouts = rt::list::filter(
            &(pending_timeouts),
            |c: &Claim| -> Result<_, rt::Reject> {
                Ok((c.vout.clone() != e.outpoint.vout.clone()))
            },
        )?;
        lnp_fx
            .push(rt::Effect::StartTimer {
                name: "resolved_check",
                after_secs: 0u32,
            });
    }

    Ok((
        State::RemoteClosed(state::RemoteClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            their_commit,
            their_point,
            commitment_txid,
            preimages,
            pending_timeouts,
        }),
        lnp_fx,
    ))
}

/// `on chain remote_htlc_expired in RemoteClosed` in `RemoteClosed` (specs/bolt/htlc.lnp:515).
fn t20_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    e: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    let k = f_channel_remote_keys(
        local.clone(),
        remote.clone(),
        their_point.clone(),
        peer.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    for c in rt::list::filter(
        &(pending_timeouts),
        |c: &Claim| -> Result<_, rt::Reject> {
            Ok((c.htlc.cltv_expiry.clone() <= lnp_ctx.chain_height()))
        },
    )? {
        let script = f_htlc_received_script(
            c.htlc.clone(),
            k.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        let claim = tpl_channel_sweep(
            commitment_txid.clone(),
            c.vout.clone(),
            (c.htlc.amount.clone()).to_sat(),
            script.clone(),
            f_htlc_claim_sequence(lnp_env, lnp_ctx)?,
            c.htlc.cltv_expiry.clone(),
            rt::builtins::p2wpkh(&local.payment),
            their_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Broadcast(
                    (rt::builtins::with_witness(
                            claim.clone(),
                            0u32,
                            vec![
                                rt::WitnessItem::Signature({ let (lnp_tx, lnp_base,
                                lnp_point) = (claim.clone(), local.htlc.clone(), their_point
                                .clone()); lnp_ctx.sign_derived(& lnp_tx, 0u32, & lnp_base,
                                & lnp_point).map_err(| why |
                                rt::Reject::new(rt::RejectKind::Error, why.to_string(),
                                "specs/bolt/htlc.lnp:520")) ? }),
                                rt::WitnessItem::Bytes(([]).to_vec()),
                                rt::WitnessItem::Bytes(((script.clone()).to_bytes())
                                .to_vec())
                            ],
                        )
                        .or_reject("specs/bolt/htlc.lnp:520")?)
                        .tx,
                ),
            );
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::HtlcResolved(HtlcResolved {
                        id: c.htlc.id.clone(),
                        offered: true,
                        txid: rt::builtins::txid(&claim),
                    }),
                ),
            );
    }

    pending_timeouts = rt::list::filter(
        &(pending_timeouts),
        |c: &Claim| -> Result<_, rt::Reject> {
            Ok((c.htlc.cltv_expiry.clone() > lnp_ctx.chain_height()))
        },
    )?;
    if (((pending_timeouts).len() as u64) > 0u64) {
        lnp_fx
            .push(rt::Effect::WatchConfirm {
                name: "remote_htlc_expired",
                txid: commitment_txid.clone(),
                depth: f_htlc_expiry_depth(
                    pending_timeouts.clone(),
                    e.height.clone(),
                    lnp_env,
                    lnp_ctx,
                )?,
            });
    }

    lnp_fx
        .push(rt::Effect::StartTimer {
            name: "resolved_check",
            after_secs: 0u32,
        });
    Ok((
        State::RemoteClosed(state::RemoteClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            their_commit,
            their_point,
            commitment_txid,
            preimages,
            pending_timeouts,
        }),
        lnp_fx,
    ))
}

/// `on chain funding_spent in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> Punishing` in `Normal` (specs/bolt/ln_penalty.lnp:60).
fn t21_normal<C: rt::Context>(
    lnp_state: state::Normal,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    let mut revoked: u64;
    let mut revoked_secret: rt::Secret;
    let mut revoked_keys: CommitKeys;
    let mut feerate: u32;
    let mut contested: Vec<rt::OutPoint>;
    let n = f_ln_penalty_commitment_number_of(
        e.tx.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let secret = (rt::builtins::secret_at(&remote_secrets, n.clone()))
        .ok_or_else(|| rt::Reject::new(
            rt::RejectKind::Error,
            "an empty option was read",
            "specs/bolt/ln_penalty.lnp:62",
        ))?;
    contested = Vec::new();
    let script = f_ln_penalty_to_local_script(
        f_channel_remote_keys(
            local.clone(),
            remote.clone(),
            rt::builtins::point_of(&secret).or_reject("specs/bolt/ln_penalty.lnp:64")?,
            peer.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    let vout = f_channel_output_paying(
        e.tx.clone(),
        rt::builtins::p2wsh(&script),
        lnp_env,
        lnp_ctx,
    )?;
    if (vout).is_some() {
        let justice = tpl_channel_sweep(
            rt::builtins::txid(&e.tx),
            rt::builtins::int::<
                u32,
            >(
                    (vout.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/ln_penalty.lnp:67",
                        ))?,
                )
                .or_reject("specs/bolt/ln_penalty.lnp:67")?,
            rt::builtins::output_amount(
                    &e.tx,
                    (vout.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/ln_penalty.lnp:67",
                        ))?,
                )
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "no such output",
                    "specs/bolt/ln_penalty.lnp:67",
                ))?,
            script.clone(),
            4294967295u32,
            0u32,
            rt::builtins::p2wpkh(&local.payment),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Broadcast(
                    (rt::builtins::with_witness(
                            justice.clone(),
                            0u32,
                            vec![
                                rt::WitnessItem::Signature({ let (lnp_tx, lnp_base,
                                lnp_secret) = (justice.clone(), local.revocation.clone(),
                                secret.clone()); lnp_ctx.sign_revocation(& lnp_tx, 0u32, &
                                lnp_base, & lnp_secret).map_err(| why |
                                rt::Reject::new(rt::RejectKind::Error, why.to_string(),
                                "specs/bolt/ln_penalty.lnp:68")) ? }),
                                rt::WitnessItem::Bytes(if true { vec![1u8] } else {
                                Vec::new() }), rt::WitnessItem::Bytes(((script.clone())
                                .to_bytes()).to_vec())
                            ],
                        )
                        .or_reject("specs/bolt/ln_penalty.lnp:68")?)
                        .tx,
                ),
            );
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::Penalized(Penalized {
                        revoked: n.clone(),
                        txid: rt::builtins::txid(&justice),
                        amount: rt::builtins::output_amount(&justice, 0u64)
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "no such output",
                                "specs/bolt/ln_penalty.lnp:69",
                            ))?,
                    }),
                ),
            );
    }

    let k = f_channel_remote_keys(
        local.clone(),
        remote.clone(),
        rt::builtins::point_of(&secret).or_reject("specs/bolt/ln_penalty.lnp:73")?,
        peer.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let htlcs = (rt::archive::get(
        &(revoked_htlcs),
        "revoked_htlcs",
        &n.clone(),
        lnp_ctx,
        lnp_archive_key_revoked_htlcs,
        lnp_archive_get_revoked_htlcs,
        "specs/bolt/ln_penalty.lnp:74",
    )?)
        .unwrap_or(Vec::new());
    for i in rt::list::filter(
        &(rt::builtins::range(rt::builtins::output_count(&e.tx))),
        |i: &u64| -> Result<_, rt::Reject> {
            Ok(
                rt::list::any(
                    &(htlcs),
                    |h: &Pending| -> Result<_, rt::Reject> {
                        Ok(
                            (rt::builtins::output_script(&e.tx, i.clone())
                                .ok_or_else(|| rt::Reject::new(
                                    rt::RejectKind::Error,
                                    "no such output",
                                    "specs/bolt/ln_penalty.lnp:75",
                                ))?
                                == rt::builtins::p2wsh(
                                    &f_ln_penalty_revoked_script(
                                        h.clone(),
                                        k.clone(),
                                        lnp_env,
                                        lnp_ctx,
                                    )?,
                                )),
                        )
                    },
                )?,
            )
        },
    )? {
        let h = (rt::list::find(
            &(htlcs),
            |h: &Pending| -> Result<_, rt::Reject> {
                Ok(
                    (rt::builtins::output_script(&e.tx, i.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "no such output",
                            "specs/bolt/ln_penalty.lnp:76",
                        ))?
                        == rt::builtins::p2wsh(
                            &f_ln_penalty_revoked_script(
                                h.clone(),
                                k.clone(),
                                lnp_env,
                                lnp_ctx,
                            )?,
                        )),
                )
            },
        )?)
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/ln_penalty.lnp:76",
            ))?;
        let htlc_justice = tpl_channel_sweep(
            rt::builtins::txid(&e.tx),
            rt::builtins::int::<u32>(i.clone())
                .or_reject("specs/bolt/ln_penalty.lnp:77")?,
            rt::builtins::output_amount(&e.tx, i.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "no such output",
                    "specs/bolt/ln_penalty.lnp:77",
                ))?,
            f_ln_penalty_revoked_script(h.clone(), k.clone(), lnp_env, lnp_ctx)?,
            4294967295u32,
            0u32,
            rt::builtins::p2wpkh(&local.payment),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Broadcast(
                    (rt::builtins::with_witness(
                            htlc_justice.clone(),
                            0u32,
                            vec![
                                rt::WitnessItem::Signature({ let (lnp_tx, lnp_base,
                                lnp_secret) = (htlc_justice.clone(), local.revocation
                                .clone(), secret.clone()); lnp_ctx.sign_revocation(& lnp_tx,
                                0u32, & lnp_base, & lnp_secret).map_err(| why |
                                rt::Reject::new(rt::RejectKind::Error, why.to_string(),
                                "specs/bolt/ln_penalty.lnp:78")) ? }),
                                rt::WitnessItem::Bytes(((k.revocation.clone()).serialize())
                                .to_vec()),
                                rt::WitnessItem::Bytes(((f_ln_penalty_revoked_script(h
                                .clone(), k.clone(), lnp_env, lnp_ctx) ?).to_bytes())
                                .to_vec())
                            ],
                        )
                        .or_reject("specs/bolt/ln_penalty.lnp:78")?)
                        .tx,
                ),
            );
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::Penalized(Penalized {
                        revoked: n.clone(),
                        txid: rt::builtins::txid(&htlc_justice),
                        amount: rt::builtins::output_amount(&htlc_justice, 0u64)
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "no such output",
                                "specs/bolt/ln_penalty.lnp:82",
                            ))?,
                    }),
                ),
            );
        contested
            .push(
                rt::builtins::outpoint(
                    rt::builtins::txid(&e.tx),
                    rt::builtins::int::<u32>(i.clone())
                        .or_reject("specs/bolt/ln_penalty.lnp:84")?,
                ),
            );
        lnp_fx
            .push(rt::Effect::WatchSpend {
                name: "revoked_htlc_spent",
                outpoint: rt::builtins::outpoint(
                    rt::builtins::txid(&e.tx),
                    rt::builtins::int::<u32>(i.clone())
                        .or_reject("specs/bolt/ln_penalty.lnp:85")?,
                ),
            });
    }

    revoked = n.clone();
    revoked_secret = secret.clone();
    revoked_keys = k.clone();
    feerate = local_commit.feerate.clone();
    if (((contested).len() as u64) == 0u64) {
        lnp_fx
            .push(rt::Effect::StartTimer {
                name: "resolved_check",
                after_secs: 0u32,
            });
    }

    Ok((
        State::Punishing(state::Punishing {
            channel_id,
            local,
            revoked,
            revoked_secret,
            revoked_keys,
            feerate,
            contested,
        }),
        lnp_fx,
    ))
}

fn t21_normal_when<C: rt::Context>(
    lnp_state: &state::Normal,
    e: &rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Normal {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
    } = lnp_state;
    Ok(
        (((rt::builtins::input_count(&e.tx) == 1u64)
            && (rt::builtins::txid(&e.tx)
                != rt::builtins::txid(
                    &f_channel_local_tx(
                        local_commit.clone(),
                        funding.clone(),
                        capacity.clone(),
                        (lnp_env.role == Role::Funder),
                        local.clone(),
                        remote.clone(),
                        f_channel_local_keys(
                            local.clone(),
                            remote.clone(),
                            lnp_ctx.per_commitment_point(local_commit.number.clone()),
                            peer.to_self_delay.clone(),
                            lnp_env.params.dust_limit.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?,
                        lnp_env,
                        lnp_ctx,
                    )?,
                )))
            && (f_ln_penalty_commitment_number_of(
                e.tx.clone(),
                (lnp_env.role == Role::Funder),
                local.clone(),
                remote.clone(),
                lnp_env,
                lnp_ctx,
            )? < rt::builtins::secrets_len(&remote_secrets))),
    )
}

/// `on chain funding_spent in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> Punishing` in `ShuttingDown` (specs/bolt/ln_penalty.lnp:60).
fn t21_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let mut revoked: u64;
    let mut revoked_secret: rt::Secret;
    let mut revoked_keys: CommitKeys;
    let mut feerate: u32;
    let mut contested: Vec<rt::OutPoint>;
    let n = f_ln_penalty_commitment_number_of(
        e.tx.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let secret = (rt::builtins::secret_at(&remote_secrets, n.clone()))
        .ok_or_else(|| rt::Reject::new(
            rt::RejectKind::Error,
            "an empty option was read",
            "specs/bolt/ln_penalty.lnp:62",
        ))?;
    contested = Vec::new();
    let script = f_ln_penalty_to_local_script(
        f_channel_remote_keys(
            local.clone(),
            remote.clone(),
            rt::builtins::point_of(&secret).or_reject("specs/bolt/ln_penalty.lnp:64")?,
            peer.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    let vout = f_channel_output_paying(
        e.tx.clone(),
        rt::builtins::p2wsh(&script),
        lnp_env,
        lnp_ctx,
    )?;
    if (vout).is_some() {
        let justice = tpl_channel_sweep(
            rt::builtins::txid(&e.tx),
            rt::builtins::int::<
                u32,
            >(
                    (vout.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/ln_penalty.lnp:67",
                        ))?,
                )
                .or_reject("specs/bolt/ln_penalty.lnp:67")?,
            rt::builtins::output_amount(
                    &e.tx,
                    (vout.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/ln_penalty.lnp:67",
                        ))?,
                )
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "no such output",
                    "specs/bolt/ln_penalty.lnp:67",
                ))?,
            script.clone(),
            4294967295u32,
            0u32,
            rt::builtins::p2wpkh(&local.payment),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Broadcast(
                    (rt::builtins::with_witness(
                            justice.clone(),
                            0u32,
                            vec![
                                rt::WitnessItem::Signature({ let (lnp_tx, lnp_base,
                                lnp_secret) = (justice.clone(), local.revocation.clone(),
                                secret.clone()); lnp_ctx.sign_revocation(& lnp_tx, 0u32, &
                                lnp_base, & lnp_secret).map_err(| why |
                                rt::Reject::new(rt::RejectKind::Error, why.to_string(),
                                "specs/bolt/ln_penalty.lnp:68")) ? }),
                                rt::WitnessItem::Bytes(if true { vec![1u8] } else {
                                Vec::new() }), rt::WitnessItem::Bytes(((script.clone())
                                .to_bytes()).to_vec())
                            ],
                        )
                        .or_reject("specs/bolt/ln_penalty.lnp:68")?)
                        .tx,
                ),
            );
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::Penalized(Penalized {
                        revoked: n.clone(),
                        txid: rt::builtins::txid(&justice),
                        amount: rt::builtins::output_amount(&justice, 0u64)
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "no such output",
                                "specs/bolt/ln_penalty.lnp:69",
                            ))?,
                    }),
                ),
            );
    }

    let k = f_channel_remote_keys(
        local.clone(),
        remote.clone(),
        rt::builtins::point_of(&secret).or_reject("specs/bolt/ln_penalty.lnp:73")?,
        peer.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let htlcs = (rt::archive::get(
        &(revoked_htlcs),
        "revoked_htlcs",
        &n.clone(),
        lnp_ctx,
        lnp_archive_key_revoked_htlcs,
        lnp_archive_get_revoked_htlcs,
        "specs/bolt/ln_penalty.lnp:74",
    )?)
        .unwrap_or(Vec::new());
    for i in rt::list::filter(
        &(rt::builtins::range(rt::builtins::output_count(&e.tx))),
        |i: &u64| -> Result<_, rt::Reject> {
            Ok(
                rt::list::any(
                    &(htlcs),
                    |h: &Pending| -> Result<_, rt::Reject> {
                        Ok(
                            (rt::builtins::output_script(&e.tx, i.clone())
                                .ok_or_else(|| rt::Reject::new(
                                    rt::RejectKind::Error,
                                    "no such output",
                                    "specs/bolt/ln_penalty.lnp:75",
                                ))?
                                == rt::builtins::p2wsh(
                                    &f_ln_penalty_revoked_script(
                                        h.clone(),
                                        k.clone(),
                                        lnp_env,
                                        lnp_ctx,
                                    )?,
                                )),
                        )
                    },
                )?,
            )
        },
    )? {
        let h = (rt::list::find(
            &(htlcs),
            |h: &Pending| -> Result<_, rt::Reject> {
                Ok(
                    (rt::builtins::output_script(&e.tx, i.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "no such output",
                            "specs/bolt/ln_penalty.lnp:76",
                        ))?
                        == rt::builtins::p2wsh(
                            &f_ln_penalty_revoked_script(
                                h.clone(),
                                k.clone(),
                                lnp_env,
                                lnp_ctx,
                            )?,
                        )),
                )
            },
        )?)
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/ln_penalty.lnp:76",
            ))?;
        let htlc_justice = tpl_channel_sweep(
            rt::builtins::txid(&e.tx),
            rt::builtins::int::<u32>(i.clone())
                .or_reject("specs/bolt/ln_penalty.lnp:77")?,
            rt::builtins::output_amount(&e.tx, i.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "no such output",
                    "specs/bolt/ln_penalty.lnp:77",
                ))?,
            f_ln_penalty_revoked_script(h.clone(), k.clone(), lnp_env, lnp_ctx)?,
            4294967295u32,
            0u32,
            rt::builtins::p2wpkh(&local.payment),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Broadcast(
                    (rt::builtins::with_witness(
                            htlc_justice.clone(),
                            0u32,
                            vec![
                                rt::WitnessItem::Signature({ let (lnp_tx, lnp_base,
                                lnp_secret) = (htlc_justice.clone(), local.revocation
                                .clone(), secret.clone()); lnp_ctx.sign_revocation(& lnp_tx,
                                0u32, & lnp_base, & lnp_secret).map_err(| why |
                                rt::Reject::new(rt::RejectKind::Error, why.to_string(),
                                "specs/bolt/ln_penalty.lnp:78")) ? }),
                                rt::WitnessItem::Bytes(((k.revocation.clone()).serialize())
                                .to_vec()),
                                rt::WitnessItem::Bytes(((f_ln_penalty_revoked_script(h
                                .clone(), k.clone(), lnp_env, lnp_ctx) ?).to_bytes())
                                .to_vec())
                            ],
                        )
                        .or_reject("specs/bolt/ln_penalty.lnp:78")?)
                        .tx,
                ),
            );
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::Penalized(Penalized {
                        revoked: n.clone(),
                        txid: rt::builtins::txid(&htlc_justice),
                        amount: rt::builtins::output_amount(&htlc_justice, 0u64)
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "no such output",
                                "specs/bolt/ln_penalty.lnp:82",
                            ))?,
                    }),
                ),
            );
        contested
            .push(
                rt::builtins::outpoint(
                    rt::builtins::txid(&e.tx),
                    rt::builtins::int::<u32>(i.clone())
                        .or_reject("specs/bolt/ln_penalty.lnp:84")?,
                ),
            );
        lnp_fx
            .push(rt::Effect::WatchSpend {
                name: "revoked_htlc_spent",
                outpoint: rt::builtins::outpoint(
                    rt::builtins::txid(&e.tx),
                    rt::builtins::int::<u32>(i.clone())
                        .or_reject("specs/bolt/ln_penalty.lnp:85")?,
                ),
            });
    }

    revoked = n.clone();
    revoked_secret = secret.clone();
    revoked_keys = k.clone();
    feerate = local_commit.feerate.clone();
    if (((contested).len() as u64) == 0u64) {
        lnp_fx
            .push(rt::Effect::StartTimer {
                name: "resolved_check",
                after_secs: 0u32,
            });
    }

    Ok((
        State::Punishing(state::Punishing {
            channel_id,
            local,
            revoked,
            revoked_secret,
            revoked_keys,
            feerate,
            contested,
        }),
        lnp_fx,
    ))
}

fn t21_shuttingdown_when<C: rt::Context>(
    lnp_state: &state::ShuttingDown,
    e: &rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::ShuttingDown {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        (((rt::builtins::input_count(&e.tx) == 1u64)
            && (rt::builtins::txid(&e.tx)
                != rt::builtins::txid(
                    &f_channel_local_tx(
                        local_commit.clone(),
                        funding.clone(),
                        capacity.clone(),
                        (lnp_env.role == Role::Funder),
                        local.clone(),
                        remote.clone(),
                        f_channel_local_keys(
                            local.clone(),
                            remote.clone(),
                            lnp_ctx.per_commitment_point(local_commit.number.clone()),
                            peer.to_self_delay.clone(),
                            lnp_env.params.dust_limit.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?,
                        lnp_env,
                        lnp_ctx,
                    )?,
                )))
            && (f_ln_penalty_commitment_number_of(
                e.tx.clone(),
                (lnp_env.role == Role::Funder),
                local.clone(),
                remote.clone(),
                lnp_env,
                lnp_ctx,
            )? < rt::builtins::secrets_len(&remote_secrets))),
    )
}

/// `on chain funding_spent in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> Punishing` in `Negotiating` (specs/bolt/ln_penalty.lnp:60).
fn t21_negotiating<C: rt::Context>(
    lnp_state: state::Negotiating,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Negotiating {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
        mut proposed_fee,
    } = lnp_state;
    let mut revoked: u64;
    let mut revoked_secret: rt::Secret;
    let mut revoked_keys: CommitKeys;
    let mut feerate: u32;
    let mut contested: Vec<rt::OutPoint>;
    let n = f_ln_penalty_commitment_number_of(
        e.tx.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let secret = (rt::builtins::secret_at(&remote_secrets, n.clone()))
        .ok_or_else(|| rt::Reject::new(
            rt::RejectKind::Error,
            "an empty option was read",
            "specs/bolt/ln_penalty.lnp:62",
        ))?;
    contested = Vec::new();
    let script = f_ln_penalty_to_local_script(
        f_channel_remote_keys(
            local.clone(),
            remote.clone(),
            rt::builtins::point_of(&secret).or_reject("specs/bolt/ln_penalty.lnp:64")?,
            peer.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    let vout = f_channel_output_paying(
        e.tx.clone(),
        rt::builtins::p2wsh(&script),
        lnp_env,
        lnp_ctx,
    )?;
    if (vout).is_some() {
        let justice = tpl_channel_sweep(
            rt::builtins::txid(&e.tx),
            rt::builtins::int::<
                u32,
            >(
                    (vout.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/ln_penalty.lnp:67",
                        ))?,
                )
                .or_reject("specs/bolt/ln_penalty.lnp:67")?,
            rt::builtins::output_amount(
                    &e.tx,
                    (vout.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/ln_penalty.lnp:67",
                        ))?,
                )
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "no such output",
                    "specs/bolt/ln_penalty.lnp:67",
                ))?,
            script.clone(),
            4294967295u32,
            0u32,
            rt::builtins::p2wpkh(&local.payment),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Broadcast(
                    (rt::builtins::with_witness(
                            justice.clone(),
                            0u32,
                            vec![
                                rt::WitnessItem::Signature({ let (lnp_tx, lnp_base,
                                lnp_secret) = (justice.clone(), local.revocation.clone(),
                                secret.clone()); lnp_ctx.sign_revocation(& lnp_tx, 0u32, &
                                lnp_base, & lnp_secret).map_err(| why |
                                rt::Reject::new(rt::RejectKind::Error, why.to_string(),
                                "specs/bolt/ln_penalty.lnp:68")) ? }),
                                rt::WitnessItem::Bytes(if true { vec![1u8] } else {
                                Vec::new() }), rt::WitnessItem::Bytes(((script.clone())
                                .to_bytes()).to_vec())
                            ],
                        )
                        .or_reject("specs/bolt/ln_penalty.lnp:68")?)
                        .tx,
                ),
            );
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::Penalized(Penalized {
                        revoked: n.clone(),
                        txid: rt::builtins::txid(&justice),
                        amount: rt::builtins::output_amount(&justice, 0u64)
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "no such output",
                                "specs/bolt/ln_penalty.lnp:69",
                            ))?,
                    }),
                ),
            );
    }

    let k = f_channel_remote_keys(
        local.clone(),
        remote.clone(),
        rt::builtins::point_of(&secret).or_reject("specs/bolt/ln_penalty.lnp:73")?,
        peer.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let htlcs = (rt::archive::get(
        &(revoked_htlcs),
        "revoked_htlcs",
        &n.clone(),
        lnp_ctx,
        lnp_archive_key_revoked_htlcs,
        lnp_archive_get_revoked_htlcs,
        "specs/bolt/ln_penalty.lnp:74",
    )?)
        .unwrap_or(Vec::new());
    for i in rt::list::filter(
        &(rt::builtins::range(rt::builtins::output_count(&e.tx))),
        |i: &u64| -> Result<_, rt::Reject> {
            Ok(
                rt::list::any(
                    &(htlcs),
                    |h: &Pending| -> Result<_, rt::Reject> {
                        Ok(
                            (rt::builtins::output_script(&e.tx, i.clone())
                                .ok_or_else(|| rt::Reject::new(
                                    rt::RejectKind::Error,
                                    "no such output",
                                    "specs/bolt/ln_penalty.lnp:75",
                                ))?
                                == rt::builtins::p2wsh(
                                    &f_ln_penalty_revoked_script(
                                        h.clone(),
                                        k.clone(),
                                        lnp_env,
                                        lnp_ctx,
                                    )?,
                                )),
                        )
                    },
                )?,
            )
        },
    )? {
        let h = (rt::list::find(
            &(htlcs),
            |h: &Pending| -> Result<_, rt::Reject> {
                Ok(
                    (rt::builtins::output_script(&e.tx, i.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "no such output",
                            "specs/bolt/ln_penalty.lnp:76",
                        ))?
                        == rt::builtins::p2wsh(
                            &f_ln_penalty_revoked_script(
                                h.clone(),
                                k.clone(),
                                lnp_env,
                                lnp_ctx,
                            )?,
                        )),
                )
            },
        )?)
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/ln_penalty.lnp:76",
            ))?;
        let htlc_justice = tpl_channel_sweep(
            rt::builtins::txid(&e.tx),
            rt::builtins::int::<u32>(i.clone())
                .or_reject("specs/bolt/ln_penalty.lnp:77")?,
            rt::builtins::output_amount(&e.tx, i.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "no such output",
                    "specs/bolt/ln_penalty.lnp:77",
                ))?,
            f_ln_penalty_revoked_script(h.clone(), k.clone(), lnp_env, lnp_ctx)?,
            4294967295u32,
            0u32,
            rt::builtins::p2wpkh(&local.payment),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Broadcast(
                    (rt::builtins::with_witness(
                            htlc_justice.clone(),
                            0u32,
                            vec![
                                rt::WitnessItem::Signature({ let (lnp_tx, lnp_base,
                                lnp_secret) = (htlc_justice.clone(), local.revocation
                                .clone(), secret.clone()); lnp_ctx.sign_revocation(& lnp_tx,
                                0u32, & lnp_base, & lnp_secret).map_err(| why |
                                rt::Reject::new(rt::RejectKind::Error, why.to_string(),
                                "specs/bolt/ln_penalty.lnp:78")) ? }),
                                rt::WitnessItem::Bytes(((k.revocation.clone()).serialize())
                                .to_vec()),
                                rt::WitnessItem::Bytes(((f_ln_penalty_revoked_script(h
                                .clone(), k.clone(), lnp_env, lnp_ctx) ?).to_bytes())
                                .to_vec())
                            ],
                        )
                        .or_reject("specs/bolt/ln_penalty.lnp:78")?)
                        .tx,
                ),
            );
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::Penalized(Penalized {
                        revoked: n.clone(),
                        txid: rt::builtins::txid(&htlc_justice),
                        amount: rt::builtins::output_amount(&htlc_justice, 0u64)
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "no such output",
                                "specs/bolt/ln_penalty.lnp:82",
                            ))?,
                    }),
                ),
            );
        contested
            .push(
                rt::builtins::outpoint(
                    rt::builtins::txid(&e.tx),
                    rt::builtins::int::<u32>(i.clone())
                        .or_reject("specs/bolt/ln_penalty.lnp:84")?,
                ),
            );
        lnp_fx
            .push(rt::Effect::WatchSpend {
                name: "revoked_htlc_spent",
                outpoint: rt::builtins::outpoint(
                    rt::builtins::txid(&e.tx),
                    rt::builtins::int::<u32>(i.clone())
                        .or_reject("specs/bolt/ln_penalty.lnp:85")?,
                ),
            });
    }

    revoked = n.clone();
    revoked_secret = secret.clone();
    revoked_keys = k.clone();
    feerate = local_commit.feerate.clone();
    if (((contested).len() as u64) == 0u64) {
        lnp_fx
            .push(rt::Effect::StartTimer {
                name: "resolved_check",
                after_secs: 0u32,
            });
    }

    Ok((
        State::Punishing(state::Punishing {
            channel_id,
            local,
            revoked,
            revoked_secret,
            revoked_keys,
            feerate,
            contested,
        }),
        lnp_fx,
    ))
}

fn t21_negotiating_when<C: rt::Context>(
    lnp_state: &state::Negotiating,
    e: &rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Negotiating {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
        proposed_fee,
    } = lnp_state;
    Ok(
        (((rt::builtins::input_count(&e.tx) == 1u64)
            && (rt::builtins::txid(&e.tx)
                != rt::builtins::txid(
                    &f_channel_local_tx(
                        local_commit.clone(),
                        funding.clone(),
                        capacity.clone(),
                        (lnp_env.role == Role::Funder),
                        local.clone(),
                        remote.clone(),
                        f_channel_local_keys(
                            local.clone(),
                            remote.clone(),
                            lnp_ctx.per_commitment_point(local_commit.number.clone()),
                            peer.to_self_delay.clone(),
                            lnp_env.params.dust_limit.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?,
                        lnp_env,
                        lnp_ctx,
                    )?,
                )))
            && (f_ln_penalty_commitment_number_of(
                e.tx.clone(),
                (lnp_env.role == Role::Funder),
                local.clone(),
                remote.clone(),
                lnp_env,
                lnp_ctx,
            )? < rt::builtins::secrets_len(&remote_secrets))),
    )
}

/// `on chain funding_spent in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> Punishing` in `Disconnected` (specs/bolt/ln_penalty.lnp:60).
fn t21_disconnected<C: rt::Context>(
    lnp_state: state::Disconnected,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Disconnected {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let mut revoked: u64;
    let mut revoked_secret: rt::Secret;
    let mut revoked_keys: CommitKeys;
    let mut feerate: u32;
    let mut contested: Vec<rt::OutPoint>;
    let n = f_ln_penalty_commitment_number_of(
        e.tx.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let secret = (rt::builtins::secret_at(&remote_secrets, n.clone()))
        .ok_or_else(|| rt::Reject::new(
            rt::RejectKind::Error,
            "an empty option was read",
            "specs/bolt/ln_penalty.lnp:62",
        ))?;
    contested = Vec::new();
    let script = f_ln_penalty_to_local_script(
        f_channel_remote_keys(
            local.clone(),
            remote.clone(),
            rt::builtins::point_of(&secret).or_reject("specs/bolt/ln_penalty.lnp:64")?,
            peer.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    let vout = f_channel_output_paying(
        e.tx.clone(),
        rt::builtins::p2wsh(&script),
        lnp_env,
        lnp_ctx,
    )?;
    if (vout).is_some() {
        let justice = tpl_channel_sweep(
            rt::builtins::txid(&e.tx),
            rt::builtins::int::<
                u32,
            >(
                    (vout.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/ln_penalty.lnp:67",
                        ))?,
                )
                .or_reject("specs/bolt/ln_penalty.lnp:67")?,
            rt::builtins::output_amount(
                    &e.tx,
                    (vout.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/ln_penalty.lnp:67",
                        ))?,
                )
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "no such output",
                    "specs/bolt/ln_penalty.lnp:67",
                ))?,
            script.clone(),
            4294967295u32,
            0u32,
            rt::builtins::p2wpkh(&local.payment),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Broadcast(
                    (rt::builtins::with_witness(
                            justice.clone(),
                            0u32,
                            vec![
                                rt::WitnessItem::Signature({ let (lnp_tx, lnp_base,
                                lnp_secret) = (justice.clone(), local.revocation.clone(),
                                secret.clone()); lnp_ctx.sign_revocation(& lnp_tx, 0u32, &
                                lnp_base, & lnp_secret).map_err(| why |
                                rt::Reject::new(rt::RejectKind::Error, why.to_string(),
                                "specs/bolt/ln_penalty.lnp:68")) ? }),
                                rt::WitnessItem::Bytes(if true { vec![1u8] } else {
                                Vec::new() }), rt::WitnessItem::Bytes(((script.clone())
                                .to_bytes()).to_vec())
                            ],
                        )
                        .or_reject("specs/bolt/ln_penalty.lnp:68")?)
                        .tx,
                ),
            );
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::Penalized(Penalized {
                        revoked: n.clone(),
                        txid: rt::builtins::txid(&justice),
                        amount: rt::builtins::output_amount(&justice, 0u64)
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "no such output",
                                "specs/bolt/ln_penalty.lnp:69",
                            ))?,
                    }),
                ),
            );
    }

    let k = f_channel_remote_keys(
        local.clone(),
        remote.clone(),
        rt::builtins::point_of(&secret).or_reject("specs/bolt/ln_penalty.lnp:73")?,
        peer.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let htlcs = (rt::archive::get(
        &(revoked_htlcs),
        "revoked_htlcs",
        &n.clone(),
        lnp_ctx,
        lnp_archive_key_revoked_htlcs,
        lnp_archive_get_revoked_htlcs,
        "specs/bolt/ln_penalty.lnp:74",
    )?)
        .unwrap_or(Vec::new());
    for i in rt::list::filter(
        &(rt::builtins::range(rt::builtins::output_count(&e.tx))),
        |i: &u64| -> Result<_, rt::Reject> {
            Ok(
                rt::list::any(
                    &(htlcs),
                    |h: &Pending| -> Result<_, rt::Reject> {
                        Ok(
                            (rt::builtins::output_script(&e.tx, i.clone())
                                .ok_or_else(|| rt::Reject::new(
                                    rt::RejectKind::Error,
                                    "no such output",
                                    "specs/bolt/ln_penalty.lnp:75",
                                ))?
                                == rt::builtins::p2wsh(
                                    &f_ln_penalty_revoked_script(
                                        h.clone(),
                                        k.clone(),
                                        lnp_env,
                                        lnp_ctx,
                                    )?,
                                )),
                        )
                    },
                )?,
            )
        },
    )? {
        let h = (rt::list::find(
            &(htlcs),
            |h: &Pending| -> Result<_, rt::Reject> {
                Ok(
                    (rt::builtins::output_script(&e.tx, i.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "no such output",
                            "specs/bolt/ln_penalty.lnp:76",
                        ))?
                        == rt::builtins::p2wsh(
                            &f_ln_penalty_revoked_script(
                                h.clone(),
                                k.clone(),
                                lnp_env,
                                lnp_ctx,
                            )?,
                        )),
                )
            },
        )?)
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/ln_penalty.lnp:76",
            ))?;
        let htlc_justice = tpl_channel_sweep(
            rt::builtins::txid(&e.tx),
            rt::builtins::int::<u32>(i.clone())
                .or_reject("specs/bolt/ln_penalty.lnp:77")?,
            rt::builtins::output_amount(&e.tx, i.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "no such output",
                    "specs/bolt/ln_penalty.lnp:77",
                ))?,
            f_ln_penalty_revoked_script(h.clone(), k.clone(), lnp_env, lnp_ctx)?,
            4294967295u32,
            0u32,
            rt::builtins::p2wpkh(&local.payment),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Broadcast(
                    (rt::builtins::with_witness(
                            htlc_justice.clone(),
                            0u32,
                            vec![
                                rt::WitnessItem::Signature({ let (lnp_tx, lnp_base,
                                lnp_secret) = (htlc_justice.clone(), local.revocation
                                .clone(), secret.clone()); lnp_ctx.sign_revocation(& lnp_tx,
                                0u32, & lnp_base, & lnp_secret).map_err(| why |
                                rt::Reject::new(rt::RejectKind::Error, why.to_string(),
                                "specs/bolt/ln_penalty.lnp:78")) ? }),
                                rt::WitnessItem::Bytes(((k.revocation.clone()).serialize())
                                .to_vec()),
                                rt::WitnessItem::Bytes(((f_ln_penalty_revoked_script(h
                                .clone(), k.clone(), lnp_env, lnp_ctx) ?).to_bytes())
                                .to_vec())
                            ],
                        )
                        .or_reject("specs/bolt/ln_penalty.lnp:78")?)
                        .tx,
                ),
            );
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::Penalized(Penalized {
                        revoked: n.clone(),
                        txid: rt::builtins::txid(&htlc_justice),
                        amount: rt::builtins::output_amount(&htlc_justice, 0u64)
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "no such output",
                                "specs/bolt/ln_penalty.lnp:82",
                            ))?,
                    }),
                ),
            );
        contested
            .push(
                rt::builtins::outpoint(
                    rt::builtins::txid(&e.tx),
                    rt::builtins::int::<u32>(i.clone())
                        .or_reject("specs/bolt/ln_penalty.lnp:84")?,
                ),
            );
        lnp_fx
            .push(rt::Effect::WatchSpend {
                name: "revoked_htlc_spent",
                outpoint: rt::builtins::outpoint(
                    rt::builtins::txid(&e.tx),
                    rt::builtins::int::<u32>(i.clone())
                        .or_reject("specs/bolt/ln_penalty.lnp:85")?,
                ),
            });
    }

    revoked = n.clone();
    revoked_secret = secret.clone();
    revoked_keys = k.clone();
    feerate = local_commit.feerate.clone();
    if (((contested).len() as u64) == 0u64) {
        lnp_fx
            .push(rt::Effect::StartTimer {
                name: "resolved_check",
                after_secs: 0u32,
            });
    }

    Ok((
        State::Punishing(state::Punishing {
            channel_id,
            local,
            revoked,
            revoked_secret,
            revoked_keys,
            feerate,
            contested,
        }),
        lnp_fx,
    ))
}

fn t21_disconnected_when<C: rt::Context>(
    lnp_state: &state::Disconnected,
    e: &rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Disconnected {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        (((rt::builtins::input_count(&e.tx) == 1u64)
            && (rt::builtins::txid(&e.tx)
                != rt::builtins::txid(
                    &f_channel_local_tx(
                        local_commit.clone(),
                        funding.clone(),
                        capacity.clone(),
                        (lnp_env.role == Role::Funder),
                        local.clone(),
                        remote.clone(),
                        f_channel_local_keys(
                            local.clone(),
                            remote.clone(),
                            lnp_ctx.per_commitment_point(local_commit.number.clone()),
                            peer.to_self_delay.clone(),
                            lnp_env.params.dust_limit.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?,
                        lnp_env,
                        lnp_ctx,
                    )?,
                )))
            && (f_ln_penalty_commitment_number_of(
                e.tx.clone(),
                (lnp_env.role == Role::Funder),
                local.clone(),
                remote.clone(),
                lnp_env,
                lnp_ctx,
            )? < rt::builtins::secrets_len(&remote_secrets))),
    )
}

/// `on chain funding_spent in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> Punishing` in `Reestablishing` (specs/bolt/ln_penalty.lnp:60).
fn t21_reestablishing<C: rt::Context>(
    lnp_state: state::Reestablishing,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Reestablishing {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let mut revoked: u64;
    let mut revoked_secret: rt::Secret;
    let mut revoked_keys: CommitKeys;
    let mut feerate: u32;
    let mut contested: Vec<rt::OutPoint>;
    let n = f_ln_penalty_commitment_number_of(
        e.tx.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let secret = (rt::builtins::secret_at(&remote_secrets, n.clone()))
        .ok_or_else(|| rt::Reject::new(
            rt::RejectKind::Error,
            "an empty option was read",
            "specs/bolt/ln_penalty.lnp:62",
        ))?;
    contested = Vec::new();
    let script = f_ln_penalty_to_local_script(
        f_channel_remote_keys(
            local.clone(),
            remote.clone(),
            rt::builtins::point_of(&secret).or_reject("specs/bolt/ln_penalty.lnp:64")?,
            peer.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    let vout = f_channel_output_paying(
        e.tx.clone(),
        rt::builtins::p2wsh(&script),
        lnp_env,
        lnp_ctx,
    )?;
    if (vout).is_some() {
        let justice = tpl_channel_sweep(
            rt::builtins::txid(&e.tx),
            rt::builtins::int::<
                u32,
            >(
                    (vout.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/ln_penalty.lnp:67",
                        ))?,
                )
                .or_reject("specs/bolt/ln_penalty.lnp:67")?,
            rt::builtins::output_amount(
                    &e.tx,
                    (vout.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/ln_penalty.lnp:67",
                        ))?,
                )
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "no such output",
                    "specs/bolt/ln_penalty.lnp:67",
                ))?,
            script.clone(),
            4294967295u32,
            0u32,
            rt::builtins::p2wpkh(&local.payment),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Broadcast(
                    (rt::builtins::with_witness(
                            justice.clone(),
                            0u32,
                            vec![
                                rt::WitnessItem::Signature({ let (lnp_tx, lnp_base,
                                lnp_secret) = (justice.clone(), local.revocation.clone(),
                                secret.clone()); lnp_ctx.sign_revocation(& lnp_tx, 0u32, &
                                lnp_base, & lnp_secret).map_err(| why |
                                rt::Reject::new(rt::RejectKind::Error, why.to_string(),
                                "specs/bolt/ln_penalty.lnp:68")) ? }),
                                rt::WitnessItem::Bytes(if true { vec![1u8] } else {
                                Vec::new() }), rt::WitnessItem::Bytes(((script.clone())
                                .to_bytes()).to_vec())
                            ],
                        )
                        .or_reject("specs/bolt/ln_penalty.lnp:68")?)
                        .tx,
                ),
            );
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::Penalized(Penalized {
                        revoked: n.clone(),
                        txid: rt::builtins::txid(&justice),
                        amount: rt::builtins::output_amount(&justice, 0u64)
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "no such output",
                                "specs/bolt/ln_penalty.lnp:69",
                            ))?,
                    }),
                ),
            );
    }

    let k = f_channel_remote_keys(
        local.clone(),
        remote.clone(),
        rt::builtins::point_of(&secret).or_reject("specs/bolt/ln_penalty.lnp:73")?,
        peer.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let htlcs = (rt::archive::get(
        &(revoked_htlcs),
        "revoked_htlcs",
        &n.clone(),
        lnp_ctx,
        lnp_archive_key_revoked_htlcs,
        lnp_archive_get_revoked_htlcs,
        "specs/bolt/ln_penalty.lnp:74",
    )?)
        .unwrap_or(Vec::new());
    for i in rt::list::filter(
        &(rt::builtins::range(rt::builtins::output_count(&e.tx))),
        |i: &u64| -> Result<_, rt::Reject> {
            Ok(
                rt::list::any(
                    &(htlcs),
                    |h: &Pending| -> Result<_, rt::Reject> {
                        Ok(
                            (rt::builtins::output_script(&e.tx, i.clone())
                                .ok_or_else(|| rt::Reject::new(
                                    rt::RejectKind::Error,
                                    "no such output",
                                    "specs/bolt/ln_penalty.lnp:75",
                                ))?
                                == rt::builtins::p2wsh(
                                    &f_ln_penalty_revoked_script(
                                        h.clone(),
                                        k.clone(),
                                        lnp_env,
                                        lnp_ctx,
                                    )?,
                                )),
                        )
                    },
                )?,
            )
        },
    )? {
        let h = (rt::list::find(
            &(htlcs),
            |h: &Pending| -> Result<_, rt::Reject> {
                Ok(
                    (rt::builtins::output_script(&e.tx, i.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "no such output",
                            "specs/bolt/ln_penalty.lnp:76",
                        ))?
                        == rt::builtins::p2wsh(
                            &f_ln_penalty_revoked_script(
                                h.clone(),
                                k.clone(),
                                lnp_env,
                                lnp_ctx,
                            )?,
                        )),
                )
            },
        )?)
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/ln_penalty.lnp:76",
            ))?;
        let htlc_justice = tpl_channel_sweep(
            rt::builtins::txid(&e.tx),
            rt::builtins::int::<u32>(i.clone())
                .or_reject("specs/bolt/ln_penalty.lnp:77")?,
            rt::builtins::output_amount(&e.tx, i.clone())
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "no such output",
                    "specs/bolt/ln_penalty.lnp:77",
                ))?,
            f_ln_penalty_revoked_script(h.clone(), k.clone(), lnp_env, lnp_ctx)?,
            4294967295u32,
            0u32,
            rt::builtins::p2wpkh(&local.payment),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Broadcast(
                    (rt::builtins::with_witness(
                            htlc_justice.clone(),
                            0u32,
                            vec![
                                rt::WitnessItem::Signature({ let (lnp_tx, lnp_base,
                                lnp_secret) = (htlc_justice.clone(), local.revocation
                                .clone(), secret.clone()); lnp_ctx.sign_revocation(& lnp_tx,
                                0u32, & lnp_base, & lnp_secret).map_err(| why |
                                rt::Reject::new(rt::RejectKind::Error, why.to_string(),
                                "specs/bolt/ln_penalty.lnp:78")) ? }),
                                rt::WitnessItem::Bytes(((k.revocation.clone()).serialize())
                                .to_vec()),
                                rt::WitnessItem::Bytes(((f_ln_penalty_revoked_script(h
                                .clone(), k.clone(), lnp_env, lnp_ctx) ?).to_bytes())
                                .to_vec())
                            ],
                        )
                        .or_reject("specs/bolt/ln_penalty.lnp:78")?)
                        .tx,
                ),
            );
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::Penalized(Penalized {
                        revoked: n.clone(),
                        txid: rt::builtins::txid(&htlc_justice),
                        amount: rt::builtins::output_amount(&htlc_justice, 0u64)
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "no such output",
                                "specs/bolt/ln_penalty.lnp:82",
                            ))?,
                    }),
                ),
            );
        contested
            .push(
                rt::builtins::outpoint(
                    rt::builtins::txid(&e.tx),
                    rt::builtins::int::<u32>(i.clone())
                        .or_reject("specs/bolt/ln_penalty.lnp:84")?,
                ),
            );
        lnp_fx
            .push(rt::Effect::WatchSpend {
                name: "revoked_htlc_spent",
                outpoint: rt::builtins::outpoint(
                    rt::builtins::txid(&e.tx),
                    rt::builtins::int::<u32>(i.clone())
                        .or_reject("specs/bolt/ln_penalty.lnp:85")?,
                ),
            });
    }

    revoked = n.clone();
    revoked_secret = secret.clone();
    revoked_keys = k.clone();
    feerate = local_commit.feerate.clone();
    if (((contested).len() as u64) == 0u64) {
        lnp_fx
            .push(rt::Effect::StartTimer {
                name: "resolved_check",
                after_secs: 0u32,
            });
    }

    Ok((
        State::Punishing(state::Punishing {
            channel_id,
            local,
            revoked,
            revoked_secret,
            revoked_keys,
            feerate,
            contested,
        }),
        lnp_fx,
    ))
}

fn t21_reestablishing_when<C: rt::Context>(
    lnp_state: &state::Reestablishing,
    e: &rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Reestablishing {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        (((rt::builtins::input_count(&e.tx) == 1u64)
            && (rt::builtins::txid(&e.tx)
                != rt::builtins::txid(
                    &f_channel_local_tx(
                        local_commit.clone(),
                        funding.clone(),
                        capacity.clone(),
                        (lnp_env.role == Role::Funder),
                        local.clone(),
                        remote.clone(),
                        f_channel_local_keys(
                            local.clone(),
                            remote.clone(),
                            lnp_ctx.per_commitment_point(local_commit.number.clone()),
                            peer.to_self_delay.clone(),
                            lnp_env.params.dust_limit.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?,
                        lnp_env,
                        lnp_ctx,
                    )?,
                )))
            && (f_ln_penalty_commitment_number_of(
                e.tx.clone(),
                (lnp_env.role == Role::Funder),
                local.clone(),
                remote.clone(),
                lnp_env,
                lnp_ctx,
            )? < rt::builtins::secrets_len(&remote_secrets))),
    )
}

/// `on chain revoked_htlc_spent in Punishing` in `Punishing` (specs/bolt/ln_penalty.lnp:100).
fn t22_punishing<C: rt::Context>(
    lnp_state: state::Punishing,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Punishing {
        mut channel_id,
        mut local,
        mut revoked,
        mut revoked_secret,
        mut revoked_keys,
        mut feerate,
        mut contested,
    } = lnp_state;
    let script = f_ln_penalty_to_local_script(revoked_keys.clone(), lnp_env, lnp_ctx)?;
    if ((rt::builtins::output_count(&e.tx) > 0u64)
        && (rt::builtins::output_script(&e.tx, 0u64)
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "no such output",
                "specs/bolt/ln_penalty.lnp:102",
            ))? == rt::builtins::p2wsh(&script)))
    {
        let justice = tpl_channel_sweep(
            rt::builtins::txid(&e.tx),
            0u32,
            rt::builtins::output_amount(&e.tx, 0u64)
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "no such output",
                    "specs/bolt/ln_penalty.lnp:103",
                ))?,
            script.clone(),
            4294967295u32,
            0u32,
            rt::builtins::p2wpkh(&local.payment),
            feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Broadcast(
                    (rt::builtins::with_witness(
                            justice.clone(),
                            0u32,
                            vec![
                                rt::WitnessItem::Signature({ let (lnp_tx, lnp_base,
                                lnp_secret) = (justice.clone(), local.revocation.clone(),
                                revoked_secret.clone()); lnp_ctx.sign_revocation(& lnp_tx,
                                0u32, & lnp_base, & lnp_secret).map_err(| why |
                                rt::Reject::new(rt::RejectKind::Error, why.to_string(),
                                "specs/bolt/ln_penalty.lnp:104")) ? }),
                                rt::WitnessItem::Bytes(if true { vec![1u8] } else {
                                Vec::new() }), rt::WitnessItem::Bytes(((script.clone())
                                .to_bytes()).to_vec())
                            ],
                        )
                        .or_reject("specs/bolt/ln_penalty.lnp:104")?)
                        .tx,
                ),
            );
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::Penalized(Penalized {
                        revoked: revoked.clone(),
                        txid: rt::builtins::txid(&justice),
                        amount: rt::builtins::output_amount(&justice, 0u64)
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "no such output",
                                "specs/bolt/ln_penalty.lnp:105",
                            ))?,
                    }),
                ),
            );
    }

    contested = rt::list::filter(
        &(contested),
        |o: &rt::OutPoint| -> Result<_, rt::Reject> {
            Ok((o.clone() != e.outpoint.clone()))
        },
    )?;
    if (((contested).len() as u64) == 0u64) {
        lnp_fx
            .push(rt::Effect::StartTimer {
                name: "resolved_check",
                after_secs: 0u32,
            });
    }

    Ok((
        State::Punishing(state::Punishing {
            channel_id,
            local,
            revoked,
            revoked_secret,
            revoked_keys,
            feerate,
            contested,
        }),
        lnp_fx,
    ))
}

/// `on timer resolved_check in Punishing -> Closed` in `Punishing` (specs/bolt/ln_penalty.lnp:113).
fn t23_punishing<C: rt::Context>(
    lnp_state: state::Punishing,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Punishing {
        mut channel_id,
        mut local,
        mut revoked,
        mut revoked_secret,
        mut revoked_keys,
        mut feerate,
        mut contested,
    } = lnp_state;
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

fn t23_punishing_when<C: rt::Context>(
    lnp_state: &state::Punishing,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Punishing {
        channel_id,
        local,
        revoked,
        revoked_secret,
        revoked_keys,
        feerate,
        contested,
    } = lnp_state;
    Ok((((contested).len() as u64) == 0u64))
}

/// `on timer resolved_check in Punishing` in `Punishing` (specs/bolt/ln_penalty.lnp:115).
fn t24_punishing<C: rt::Context>(
    lnp_state: state::Punishing,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Punishing {
        mut channel_id,
        mut local,
        mut revoked,
        mut revoked_secret,
        mut revoked_keys,
        mut feerate,
        mut contested,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/ln_penalty.lnp:116"),
    );
}

/// `on command open in Init -> AwaitAccept` in `Init` (specs/bolt/channel.lnp:837).
fn t25_init<C: rt::Context>(
    lnp_state: state::Init,
    c: Open,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Init {} = lnp_state;
    let mut capacity: rt::Sat;
    let mut push: rt::Msat;
    let mut temporary_channel_id: rt::ChannelId;
    let mut local: Basepoints;
    let mut local_upfront: Vec<u8>;
    let mut feerate: u32;
    if !((c.funding.clone()
        >= (lnp_env.params.channel_reserve.clone())
            .checked_mul(2u64)
            .or_reject("specs/bolt/channel.lnp:838")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "funding below twice the reserve",
                "specs/bolt/channel.lnp:838",
            ),
        );
    }

    if !((c.push.clone()
        <= (c.funding.clone()).to_msat().or_reject("specs/bolt/channel.lnp:839")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "push exceeds funding",
                "specs/bolt/channel.lnp:839",
            ),
        );
    }

    if !((lnp_env.params.large_channels.clone()
        || (c.funding.clone() <= (rt::Sat(16777215)))))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "a channel of 2^24 sat or more needs option_support_large_channel",
                "specs/bolt/channel.lnp:840",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::OpenChannel(OpenChannel {
                    chain_hash: lnp_env.params.chain.clone(),
                    temporary_channel_id: c.temporary_channel_id.clone(),
                    funding_satoshis: c.funding.clone(),
                    push_msat: c.push.clone(),
                    dust_limit_satoshis: lnp_env.params.dust_limit.clone(),
                    max_htlc_value_in_flight_msat: lnp_env.params.max_in_flight.clone(),
                    channel_reserve_satoshis: lnp_env.params.channel_reserve.clone(),
                    htlc_minimum_msat: lnp_env.params.htlc_minimum.clone(),
                    feerate_per_kw: lnp_env.params.feerate_per_kw.clone(),
                    to_self_delay: lnp_env.params.to_self_delay.clone(),
                    max_accepted_htlcs: lnp_env.params.max_accepted_htlcs.clone(),
                    funding_pubkey: c.local.funding.clone(),
                    revocation_basepoint: c.local.revocation.clone(),
                    payment_basepoint: c.local.payment.clone(),
                    delayed_payment_basepoint: c.local.delayed_payment.clone(),
                    htlc_basepoint: c.local.htlc.clone(),
                    first_per_commitment_point: lnp_ctx.per_commitment_point(0u64),
                    channel_flags: 0u8,
                    upfront_shutdown_script: Some(c.shutdown_script.clone()),
                    channel_type: Some(f_channel_channel_type(lnp_env, lnp_ctx)?),
                }),
            ),
        );
    capacity = c.funding.clone();
    push = c.push.clone();
    temporary_channel_id = c.temporary_channel_id.clone();
    local = c.local.clone();
    local_upfront = c.shutdown_script.clone();
    feerate = lnp_env.params.feerate_per_kw.clone();
    Ok((
        State::AwaitAccept(state::AwaitAccept {
            capacity,
            push,
            temporary_channel_id,
            local,
            local_upfront,
            feerate,
        }),
        lnp_fx,
    ))
}

fn t25_init_when<C: rt::Context>(
    lnp_state: &state::Init,
    c: &Open,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Init {} = lnp_state;
    Ok((lnp_env.role == Role::Funder))
}

/// `on command listen in Init -> AwaitOpen` in `Init` (specs/bolt/channel.lnp:871).
fn t26_init<C: rt::Context>(
    lnp_state: state::Init,
    c: Listen,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Init {} = lnp_state;
    let mut local: Basepoints;
    let mut local_upfront: Vec<u8>;
    local = c.local.clone();
    local_upfront = c.shutdown_script.clone();
    Ok((
        State::AwaitOpen(state::AwaitOpen {
            local,
            local_upfront,
        }),
        lnp_fx,
    ))
}

fn t26_init_when<C: rt::Context>(
    lnp_state: &state::Init,
    c: &Listen,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Init {} = lnp_state;
    Ok((lnp_env.role == Role::Fundee))
}

/// `on recv open_channel in AwaitOpen -> AwaitFundingCreated` in `AwaitOpen` (specs/bolt/channel.lnp:876).
fn t27_awaitopen<C: rt::Context>(
    lnp_state: state::AwaitOpen,
    m: OpenChannel,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitOpen { mut local, mut local_upfront } = lnp_state;
    let mut capacity: rt::Sat;
    let mut push: rt::Msat;
    let mut temporary_channel_id: rt::ChannelId;
    let mut remote: Basepoints;
    let mut peer: PeerLimits;
    let mut remote_current_point: rt::Point;
    let mut feerate: u32;
    if !((m.chain_hash.clone() == lnp_env.params.chain.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown chain",
                "specs/bolt/channel.lnp:877",
            ),
        );
    }

    if !((m.max_accepted_htlcs.clone() <= (483u16))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "max_accepted_htlcs above 483",
                "specs/bolt/channel.lnp:878",
            ),
        );
    }

    if !((m.dust_limit_satoshis.clone() <= m.channel_reserve_satoshis.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "dust limit above channel reserve",
                "specs/bolt/channel.lnp:879",
            ),
        );
    }

    if !((m.push_msat.clone()
        <= (m.funding_satoshis.clone())
            .to_msat()
            .or_reject("specs/bolt/channel.lnp:880")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "push_msat exceeds funding",
                "specs/bolt/channel.lnp:880",
            ),
        );
    }

    if !((m.feerate_per_kw.clone() >= 253u32)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "feerate below the floor",
                "specs/bolt/channel.lnp:881",
            ),
        );
    }

    if !((m.feerate_per_kw.clone() <= (100000u32))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "feerate unreasonably high",
                "specs/bolt/channel.lnp:882",
            ),
        );
    }

    if !((m.funding_satoshis.clone()
        >= (lnp_env.params.channel_reserve.clone())
            .checked_mul(2u64)
            .or_reject("specs/bolt/channel.lnp:883")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "funding below twice our reserve",
                "specs/bolt/channel.lnp:883",
            ),
        );
    }

    if !((lnp_env.params.large_channels.clone()
        || (m.funding_satoshis.clone() <= (rt::Sat(16777215)))))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "funding_satoshis of 2^24 or more without option_support_large_channel",
                "specs/bolt/channel.lnp:884",
            ),
        );
    }

    if !((((((m.funding_satoshis.clone())
        .to_msat()
        .or_reject("specs/bolt/channel.lnp:887")?)
        .checked_sub(m.push_msat.clone())
        .or_reject("specs/bolt/channel.lnp:887")?)
        .to_sat()
        > (m.channel_reserve_satoshis.clone())
            .checked_add(
                f_channel_commit_fee(m.feerate_per_kw.clone(), 0u64, lnp_env, lnp_ctx)?,
            )
            .or_reject("specs/bolt/channel.lnp:887")?)
        || ((m.push_msat.clone()).to_sat() > m.channel_reserve_satoshis.clone())))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "both sides' first balances at or below the channel reserve",
                "specs/bolt/channel.lnp:887",
            ),
        );
    }

    if !((m.dust_limit_satoshis.clone() >= (rt::Sat(354)))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "dust_limit_satoshis below 354",
                "specs/bolt/channel.lnp:888",
            ),
        );
    }

    if !((m.channel_reserve_satoshis.clone() >= lnp_env.params.dust_limit.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "channel_reserve_satoshis below our dust limit",
                "specs/bolt/channel.lnp:889",
            ),
        );
    }

    if !((m.to_self_delay.clone() <= (2016u16))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "to_self_delay unreasonably large",
                "specs/bolt/channel.lnp:890",
            ),
        );
    }

    if !((m.htlc_minimum_msat.clone()
        < (m.funding_satoshis.clone())
            .to_msat()
            .or_reject("specs/bolt/channel.lnp:891")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "htlc_minimum_msat not below the funding",
                "specs/bolt/channel.lnp:891",
            ),
        );
    }

    if !((((m.funding_satoshis.clone())
        .to_msat()
        .or_reject("specs/bolt/channel.lnp:892")?)
        .checked_sub(m.push_msat.clone())
        .or_reject("specs/bolt/channel.lnp:892")?
        >= (f_channel_commit_fee(m.feerate_per_kw.clone(), 0u64, lnp_env, lnp_ctx)?)
            .to_msat()
            .or_reject("specs/bolt/channel.lnp:892")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the funder cannot pay the first commitment's fee",
                "specs/bolt/channel.lnp:892",
            ),
        );
    }

    if !(((m.channel_type).is_none()
        || ((m.channel_type.clone())
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/channel.lnp:893",
            ))? == f_channel_channel_type(lnp_env, lnp_ctx)?)))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unsupported channel_type",
                "specs/bolt/channel.lnp:893",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::AcceptChannel(AcceptChannel {
                    temporary_channel_id: m.temporary_channel_id.clone(),
                    dust_limit_satoshis: lnp_env.params.dust_limit.clone(),
                    max_htlc_value_in_flight_msat: lnp_env.params.max_in_flight.clone(),
                    channel_reserve_satoshis: lnp_env.params.channel_reserve.clone(),
                    htlc_minimum_msat: lnp_env.params.htlc_minimum.clone(),
                    minimum_depth: lnp_env.params.minimum_depth.clone(),
                    to_self_delay: lnp_env.params.to_self_delay.clone(),
                    max_accepted_htlcs: lnp_env.params.max_accepted_htlcs.clone(),
                    funding_pubkey: local.funding.clone(),
                    revocation_basepoint: local.revocation.clone(),
                    payment_basepoint: local.payment.clone(),
                    delayed_payment_basepoint: local.delayed_payment.clone(),
                    htlc_basepoint: local.htlc.clone(),
                    first_per_commitment_point: lnp_ctx.per_commitment_point(0u64),
                    upfront_shutdown_script: Some(local_upfront.clone()),
                    channel_type: Some(f_channel_channel_type(lnp_env, lnp_ctx)?),
                }),
            ),
        );
    capacity = m.funding_satoshis.clone();
    push = m.push_msat.clone();
    temporary_channel_id = m.temporary_channel_id.clone();
    remote = Basepoints {
        funding: m.funding_pubkey.clone(),
        revocation: m.revocation_basepoint.clone(),
        payment: m.payment_basepoint.clone(),
        delayed_payment: m.delayed_payment_basepoint.clone(),
        htlc: m.htlc_basepoint.clone(),
    };
    remote_current_point = m.first_per_commitment_point.clone();
    peer = PeerLimits {
        dust_limit: m.dust_limit_satoshis.clone(),
        to_self_delay: m.to_self_delay.clone(),
        channel_reserve: m.channel_reserve_satoshis.clone(),
        htlc_minimum: m.htlc_minimum_msat.clone(),
        max_in_flight: m.max_htlc_value_in_flight_msat.clone(),
        max_accepted_htlcs: m.max_accepted_htlcs.clone(),
        upfront_shutdown: (m.upfront_shutdown_script.clone()).unwrap_or(([]).to_vec()),
        minimum_depth: 0u32,
    };
    feerate = m.feerate_per_kw.clone();
    Ok((
        State::AwaitFundingCreated(state::AwaitFundingCreated {
            capacity,
            push,
            temporary_channel_id,
            local,
            local_upfront,
            remote,
            peer,
            remote_current_point,
            feerate,
        }),
        lnp_fx,
    ))
}

/// `on recv accept_channel in AwaitAccept -> AwaitFundingBuilt` in `AwaitAccept` (specs/bolt/channel.lnp:936).
fn t28_awaitaccept<C: rt::Context>(
    lnp_state: state::AwaitAccept,
    m: AcceptChannel,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitAccept {
        mut capacity,
        mut push,
        mut temporary_channel_id,
        mut local,
        mut local_upfront,
        mut feerate,
    } = lnp_state;
    let mut remote: Basepoints;
    let mut peer: PeerLimits;
    let mut remote_current_point: rt::Point;
    if !((m.temporary_channel_id.clone() == temporary_channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown temporary channel id",
                "specs/bolt/channel.lnp:937",
            ),
        );
    }

    if !((m.max_accepted_htlcs.clone() <= (483u16))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "max_accepted_htlcs above 483",
                "specs/bolt/channel.lnp:938",
            ),
        );
    }

    if !((m.minimum_depth.clone() <= 144u32)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "minimum_depth unreasonably large",
                "specs/bolt/channel.lnp:939",
            ),
        );
    }

    if !((m.dust_limit_satoshis.clone() <= m.channel_reserve_satoshis.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "dust limit above channel reserve",
                "specs/bolt/channel.lnp:940",
            ),
        );
    }

    if !((m.dust_limit_satoshis.clone() <= lnp_env.params.channel_reserve.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "dust_limit_satoshis above our channel reserve",
                "specs/bolt/channel.lnp:941",
            ),
        );
    }

    if !((m.channel_reserve_satoshis.clone() >= lnp_env.params.dust_limit.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "channel_reserve_satoshis below our dust limit",
                "specs/bolt/channel.lnp:942",
            ),
        );
    }

    if !((m.dust_limit_satoshis.clone() >= (rt::Sat(354)))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "dust_limit_satoshis below 354",
                "specs/bolt/channel.lnp:943",
            ),
        );
    }

    if !((m.to_self_delay.clone() <= (2016u16))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "to_self_delay unreasonably large",
                "specs/bolt/channel.lnp:944",
            ),
        );
    }

    if !(((m.channel_type).is_none()
        || ((m.channel_type.clone())
            .ok_or_else(|| rt::Reject::new(
                rt::RejectKind::Error,
                "an empty option was read",
                "specs/bolt/channel.lnp:945",
            ))? == f_channel_channel_type(lnp_env, lnp_ctx)?)))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the peer answered another channel_type",
                "specs/bolt/channel.lnp:945",
            ),
        );
    }

    remote = Basepoints {
        funding: m.funding_pubkey.clone(),
        revocation: m.revocation_basepoint.clone(),
        payment: m.payment_basepoint.clone(),
        delayed_payment: m.delayed_payment_basepoint.clone(),
        htlc: m.htlc_basepoint.clone(),
    };
    remote_current_point = m.first_per_commitment_point.clone();
    peer = PeerLimits {
        dust_limit: m.dust_limit_satoshis.clone(),
        to_self_delay: m.to_self_delay.clone(),
        channel_reserve: m.channel_reserve_satoshis.clone(),
        htlc_minimum: m.htlc_minimum_msat.clone(),
        max_in_flight: m.max_htlc_value_in_flight_msat.clone(),
        max_accepted_htlcs: m.max_accepted_htlcs.clone(),
        upfront_shutdown: (m.upfront_shutdown_script.clone()).unwrap_or(([]).to_vec()),
        minimum_depth: m.minimum_depth.clone(),
    };
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::FundingNeeded(FundingNeeded {
                    script: rt::builtins::p2wsh(
                        &f_funding_2of2_script(
                            local.funding.clone(),
                            m.funding_pubkey.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?,
                    ),
                    amount: capacity.clone(),
                }),
            ),
        );
    Ok((
        State::AwaitFundingBuilt(state::AwaitFundingBuilt {
            capacity,
            push,
            temporary_channel_id,
            local,
            local_upfront,
            remote,
            peer,
            remote_current_point,
            feerate,
        }),
        lnp_fx,
    ))
}

/// `on command funding_built in AwaitFundingBuilt -> AwaitFundingSigned` in `AwaitFundingBuilt` (specs/bolt/channel.lnp:971).
fn t29_awaitfundingbuilt<C: rt::Context>(
    lnp_state: state::AwaitFundingBuilt,
    c: FundingBuilt,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitFundingBuilt {
        mut capacity,
        mut push,
        mut temporary_channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut remote_current_point,
        mut feerate,
    } = lnp_state;
    let mut funding: rt::OutPoint;
    let mut channel_id: rt::ChannelId;
    let mut local_commit: CommitView;
    let first = CommitView {
        number: 0u64,
        to_local: ((capacity.clone()).to_msat().or_reject("specs/bolt/channel.lnp:974")?)
            .checked_sub(push.clone())
            .or_reject("specs/bolt/channel.lnp:974")?,
        to_remote: push.clone(),
        htlcs: Vec::new(),
        feerate: feerate.clone(),
    };
    let theirs = f_channel_remote_tx(
        first.clone(),
        c.outpoint.clone(),
        capacity.clone(),
        true,
        local.clone(),
        remote.clone(),
        f_channel_remote_keys(
            local.clone(),
            remote.clone(),
            remote_current_point.clone(),
            peer.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::FundingCreated(FundingCreated {
                    temporary_channel_id: temporary_channel_id.clone(),
                    funding_txid: c.outpoint.txid.clone(),
                    funding_output_index: rt::builtins::int::<
                        u16,
                    >(c.outpoint.vout.clone())
                        .or_reject("specs/bolt/channel.lnp:983")?,
                    signature: {
                        let (lnp_tx, lnp_key) = (theirs.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/channel.lnp:984",
                            ))?
                    },
                }),
            ),
        );
    funding = c.outpoint.clone();
    channel_id = rt::builtins::channel_id(
        c.outpoint.txid.clone(),
        rt::builtins::int::<u16>(c.outpoint.vout.clone())
            .or_reject("specs/bolt/channel.lnp:987")?,
    );
    local_commit = first.clone();
    Ok((
        State::AwaitFundingSigned(state::AwaitFundingSigned {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            remote_current_point,
        }),
        lnp_fx,
    ))
}

/// `on recv funding_created in AwaitFundingCreated -> AwaitLocked` in `AwaitFundingCreated` (specs/bolt/channel.lnp:993).
fn t30_awaitfundingcreated<C: rt::Context>(
    lnp_state: state::AwaitFundingCreated,
    m: FundingCreated,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitFundingCreated {
        mut capacity,
        mut push,
        mut temporary_channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut remote_current_point,
        mut feerate,
    } = lnp_state;
    let mut funding: rt::OutPoint;
    let mut channel_id: rt::ChannelId;
    let mut local_commit: CommitView;
    let mut local_sig: rt::Signature;
    let mut remote_point: rt::Point;
    let mut remote_ready: bool;
    let mut funding_wait_from: u32;
    let mut funding_seen: bool;
    let outpoint = rt::builtins::outpoint(
        m.funding_txid.clone(),
        <u32>::from(m.funding_output_index.clone()),
    );
    let first = CommitView {
        number: 0u64,
        to_local: push.clone(),
        to_remote: ((capacity.clone())
            .to_msat()
            .or_reject("specs/bolt/channel.lnp:998")?)
            .checked_sub(push.clone())
            .or_reject("specs/bolt/channel.lnp:998")?,
        htlcs: Vec::new(),
        feerate: feerate.clone(),
    };
    let mine = f_channel_local_tx(
        first.clone(),
        outpoint.clone(),
        capacity.clone(),
        false,
        local.clone(),
        remote.clone(),
        f_channel_local_keys(
            local.clone(),
            remote.clone(),
            lnp_ctx.per_commitment_point(0u64),
            peer.to_self_delay.clone(),
            lnp_env.params.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    if !(rt::builtins::verify(&m.signature, &mine, 0u32, &remote.funding)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "invalid funding_created signature",
                "specs/bolt/channel.lnp:1003",
            ),
        );
    }

    let theirs = f_channel_remote_tx(
        first.clone(),
        outpoint.clone(),
        capacity.clone(),
        false,
        local.clone(),
        remote.clone(),
        f_channel_remote_keys(
            local.clone(),
            remote.clone(),
            remote_current_point.clone(),
            peer.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    channel_id = rt::builtins::channel_id(
        m.funding_txid.clone(),
        m.funding_output_index.clone(),
    );
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::FundingSigned(FundingSigned {
                    channel_id: channel_id.clone(),
                    signature: {
                        let (lnp_tx, lnp_key) = (theirs.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/channel.lnp:1006",
                            ))?
                    },
                }),
            ),
        );
    funding = outpoint.clone();
    local_commit = first.clone();
    local_sig = m.signature.clone();
    remote_point = remote_current_point.clone();
    remote_ready = false;
    funding_wait_from = lnp_ctx.chain_height();
    funding_seen = false;
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "funding_deep",
            txid: m.funding_txid.clone(),
            depth: lnp_env.params.minimum_depth.clone(),
        });
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "funding_confirmed",
            txid: m.funding_txid.clone(),
            depth: 1u32,
        });
    Ok((
        State::AwaitLocked(state::AwaitLocked {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            remote_current_point,
            remote_point,
            remote_ready,
            funding_wait_from,
            funding_seen,
        }),
        lnp_fx,
    ))
}

/// `on recv funding_signed in AwaitFundingSigned -> AwaitLocked` in `AwaitFundingSigned` (specs/bolt/channel.lnp:1018).
fn t31_awaitfundingsigned<C: rt::Context>(
    lnp_state: state::AwaitFundingSigned,
    m: FundingSigned,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitFundingSigned {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut remote_current_point,
    } = lnp_state;
    let mut local_sig: rt::Signature;
    let mut remote_point: rt::Point;
    let mut remote_ready: bool;
    let mut funding_wait_from: u32;
    let mut funding_seen: bool;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1019",
            ),
        );
    }

    let mine = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        true,
        local.clone(),
        remote.clone(),
        f_channel_local_keys(
            local.clone(),
            remote.clone(),
            lnp_ctx.per_commitment_point(0u64),
            peer.to_self_delay.clone(),
            lnp_env.params.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    if !(rt::builtins::verify(&m.signature, &mine, 0u32, &remote.funding)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "invalid funding_signed signature",
                "specs/bolt/channel.lnp:1021",
            ),
        );
    }

    local_sig = m.signature.clone();
    remote_point = remote_current_point.clone();
    remote_ready = false;
    funding_wait_from = lnp_ctx.chain_height();
    funding_seen = false;
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "funding_deep",
            txid: funding.txid.clone(),
            depth: if (peer.minimum_depth.clone() > lnp_env.params.minimum_depth.clone())
            {
                peer.minimum_depth.clone()
            } else {
                lnp_env.params.minimum_depth.clone()
            },
        });
    Ok((
        State::AwaitLocked(state::AwaitLocked {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            remote_current_point,
            remote_point,
            remote_ready,
            funding_wait_from,
            funding_seen,
        }),
        lnp_fx,
    ))
}

/// `on command check_deadlines in AwaitLocked -> Closed` in `AwaitLocked` (specs/bolt/channel.lnp:1037).
fn t32_awaitlocked<C: rt::Context>(
    lnp_state: state::AwaitLocked,
    _lnp_trig: CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitLocked {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut funding_wait_from,
        mut funding_seen,
    } = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelForgotten(ChannelForgotten {
                    channel_id: channel_id.clone(),
                }),
            ),
        );
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

fn t32_awaitlocked_when<C: rt::Context>(
    lnp_state: &state::AwaitLocked,
    _lnp_trig: &CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::AwaitLocked {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        remote_current_point,
        remote_point,
        remote_ready,
        funding_wait_from,
        funding_seen,
    } = lnp_state;
    Ok(
        (((lnp_env.role == Role::Fundee) && !(funding_seen.clone()))
            && (lnp_ctx.chain_height()
                >= (funding_wait_from.clone())
                    .checked_add((2016u32))
                    .or_reject("specs/bolt/channel.lnp:1037")?)),
    )
}

/// `on chain funding_confirmed in AwaitLocked` in `AwaitLocked` (specs/bolt/channel.lnp:1042).
fn t33_awaitlocked<C: rt::Context>(
    lnp_state: state::AwaitLocked,
    _lnp_trig: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitLocked {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut funding_wait_from,
        mut funding_seen,
    } = lnp_state;
    funding_seen = true;
    Ok((
        State::AwaitLocked(state::AwaitLocked {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            remote_current_point,
            remote_point,
            remote_ready,
            funding_wait_from,
            funding_seen,
        }),
        lnp_fx,
    ))
}

/// `on chain funding_confirmed in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing, ForceClosed, RemoteClosed` in `Normal` (specs/bolt/channel.lnp:1047).
fn t34_normal<C: rt::Context>(
    lnp_state: state::Normal,
    _lnp_trig: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

/// `on chain funding_confirmed in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing, ForceClosed, RemoteClosed` in `ShuttingDown` (specs/bolt/channel.lnp:1047).
fn t34_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    _lnp_trig: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on chain funding_confirmed in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing, ForceClosed, RemoteClosed` in `Negotiating` (specs/bolt/channel.lnp:1047).
fn t34_negotiating<C: rt::Context>(
    lnp_state: state::Negotiating,
    _lnp_trig: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Negotiating {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
        mut proposed_fee,
    } = lnp_state;
    Ok((
        State::Negotiating(state::Negotiating {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
            proposed_fee,
        }),
        lnp_fx,
    ))
}

/// `on chain funding_confirmed in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing, ForceClosed, RemoteClosed` in `Disconnected` (specs/bolt/channel.lnp:1047).
fn t34_disconnected<C: rt::Context>(
    lnp_state: state::Disconnected,
    _lnp_trig: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Disconnected {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    Ok((
        State::Disconnected(state::Disconnected {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on chain funding_confirmed in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing, ForceClosed, RemoteClosed` in `Reestablishing` (specs/bolt/channel.lnp:1047).
fn t34_reestablishing<C: rt::Context>(
    lnp_state: state::Reestablishing,
    _lnp_trig: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Reestablishing {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    Ok((
        State::Reestablishing(state::Reestablishing {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on chain funding_confirmed in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing, ForceClosed, RemoteClosed` in `ForceClosed` (specs/bolt/channel.lnp:1047).
fn t34_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    _lnp_trig: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

/// `on chain funding_confirmed in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing, ForceClosed, RemoteClosed` in `RemoteClosed` (specs/bolt/channel.lnp:1047).
fn t34_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    _lnp_trig: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    Ok((
        State::RemoteClosed(state::RemoteClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            their_commit,
            their_point,
            commitment_txid,
            preimages,
            pending_timeouts,
        }),
        lnp_fx,
    ))
}

/// `on command check_deadlines in AwaitLocked` in `AwaitLocked` (specs/bolt/channel.lnp:1051).
fn t35_awaitlocked<C: rt::Context>(
    lnp_state: state::AwaitLocked,
    _lnp_trig: CheckDeadlines,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitLocked {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut funding_wait_from,
        mut funding_seen,
    } = lnp_state;
    Ok((
        State::AwaitLocked(state::AwaitLocked {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            remote_current_point,
            remote_point,
            remote_ready,
            funding_wait_from,
            funding_seen,
        }),
        lnp_fx,
    ))
}

/// `on recv channel_ready in AwaitLocked` in `AwaitLocked` (specs/bolt/channel.lnp:1053).
fn t36_awaitlocked<C: rt::Context>(
    lnp_state: state::AwaitLocked,
    m: ChannelReady,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitLocked {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut funding_wait_from,
        mut funding_seen,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1054",
            ),
        );
    }

    remote_point = m.second_per_commitment_point.clone();
    remote_ready = true;
    Ok((
        State::AwaitLocked(state::AwaitLocked {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            remote_current_point,
            remote_point,
            remote_ready,
            funding_wait_from,
            funding_seen,
        }),
        lnp_fx,
    ))
}

/// `on chain funding_deep in AwaitLocked -> Normal` in `AwaitLocked` (specs/bolt/channel.lnp:1059).
fn t37_awaitlocked<C: rt::Context>(
    lnp_state: state::AwaitLocked,
    _lnp_trig: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitLocked {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut funding_wait_from,
        mut funding_seen,
    } = lnp_state;
    let mut local_htlc_sigs: Vec<rt::Signature>;
    let mut remote_commit: CommitView;
    let mut to_sign: Vec<Update>;
    let mut to_expect: Vec<Update>;
    let mut unacked: Vec<Update>;
    let mut awaiting_revoke: bool;
    let mut next_htlc_id: u64;
    let mut next_remote_htlc_id: u64;
    let mut remote_prev_point: rt::Point;
    let mut remote_secrets: Vec<u8>;
    let mut remote_prev_commit: CommitView;
    let mut last_signed: Vec<Update>;
    let mut preimages: rt::Archive<Vec<u8>, [u8; 32usize]> = rt::Archive::new();
    let mut revoked_htlcs: rt::Archive<u64, Vec<Pending>> = rt::Archive::new();
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::ChannelReady(ChannelReady {
                    channel_id: channel_id.clone(),
                    second_per_commitment_point: lnp_ctx.per_commitment_point(1u64),
                    short_channel_id: None,
                }),
            ),
        );
    local_htlc_sigs = Vec::new();
    remote_commit = local_commit.clone();
    to_sign = Vec::new();
    to_expect = Vec::new();
    unacked = Vec::new();
    awaiting_revoke = false;
    next_htlc_id = 0u64;
    next_remote_htlc_id = 0u64;
    remote_prev_point = remote_current_point.clone();
    remote_secrets = ([]).to_vec();
    remote_prev_commit = local_commit.clone();
    last_signed = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelOpened(ChannelOpened {
                    channel_id: channel_id.clone(),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchSpend {
            name: "funding_spent",
            outpoint: funding.clone(),
        });
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

/// `on recv channel_ready in Normal, ShuttingDown` in `Normal` (specs/bolt/channel.lnp:1077).
fn t38_normal<C: rt::Context>(
    lnp_state: state::Normal,
    m: ChannelReady,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1078",
            ),
        );
    }

    remote_point = m.second_per_commitment_point.clone();
    remote_ready = true;
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

fn t38_normal_when<C: rt::Context>(
    lnp_state: &state::Normal,
    m: &ChannelReady,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Normal {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
    } = lnp_state;
    Ok(!(remote_ready.clone()))
}

/// `on recv channel_ready in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/channel.lnp:1077).
fn t38_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    m: ChannelReady,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1078",
            ),
        );
    }

    remote_point = m.second_per_commitment_point.clone();
    remote_ready = true;
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

fn t38_shuttingdown_when<C: rt::Context>(
    lnp_state: &state::ShuttingDown,
    m: &ChannelReady,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::ShuttingDown {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(!(remote_ready.clone()))
}

/// `on recv channel_ready in Normal, ShuttingDown` in `Normal` (specs/bolt/channel.lnp:1084).
fn t39_normal<C: rt::Context>(
    lnp_state: state::Normal,
    _lnp_trig: ChannelReady,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1085"),
    );
}

/// `on recv channel_ready in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/channel.lnp:1084).
fn t39_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    _lnp_trig: ChannelReady,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1085"),
    );
}

/// `on command commit in Normal, ShuttingDown` in `Normal` (specs/bolt/channel.lnp:1090).
fn t40_normal<C: rt::Context>(
    lnp_state: state::Normal,
    _lnp_trig: Commit,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    let next = f_channel_apply(
        remote_commit.clone(),
        to_sign.clone(),
        (remote_commit.number.clone())
            .checked_add(1u64)
            .or_reject("specs/bolt/channel.lnp:1091")?,
        lnp_env,
        lnp_ctx,
    )?;
    let k = f_channel_remote_keys_of(
        next.clone(),
        local.clone(),
        remote.clone(),
        remote_point.clone(),
        peer.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let tx = f_channel_remote_tx(
        next.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        k.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::CommitmentSigned(CommitmentSigned {
                    channel_id: channel_id.clone(),
                    signature: {
                        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/channel.lnp:1096",
                            ))?
                    },
                    htlc_signatures: f_channel_htlc_signatures(
                        tx.clone(),
                        f_channel_flipped(next.htlcs.clone(), lnp_env, lnp_ctx)?,
                        k.clone(),
                        next.feerate.clone(),
                        local.htlc.clone(),
                        remote_point.clone(),
                        lnp_env,
                        lnp_ctx,
                    )?,
                }),
            ),
        );
    unacked = rt::list::filter(
        &(to_sign),
        |u: &Update| -> Result<_, rt::Reject> {
            Ok(
                f_channel_ours(
                    u.clone(),
                    (lnp_env.role == Role::Funder),
                    lnp_env,
                    lnp_ctx,
                )?,
            )
        },
    )?;
    last_signed = to_sign.clone();
    to_sign = Vec::new();
    remote_prev_commit = remote_commit.clone();
    remote_commit = next.clone();
    remote_prev_point = remote_current_point.clone();
    remote_current_point = remote_point.clone();
    awaiting_revoke = true;
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

fn t40_normal_when<C: rt::Context>(
    lnp_state: &state::Normal,
    _lnp_trig: &Commit,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Normal {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
    } = lnp_state;
    Ok(
        ((!(awaiting_revoke.clone()) && (((to_sign).len() as u64) > 0u64))
            && remote_ready.clone()),
    )
}

/// `on command commit in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/channel.lnp:1090).
fn t40_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    _lnp_trig: Commit,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let next = f_channel_apply(
        remote_commit.clone(),
        to_sign.clone(),
        (remote_commit.number.clone())
            .checked_add(1u64)
            .or_reject("specs/bolt/channel.lnp:1091")?,
        lnp_env,
        lnp_ctx,
    )?;
    let k = f_channel_remote_keys_of(
        next.clone(),
        local.clone(),
        remote.clone(),
        remote_point.clone(),
        peer.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let tx = f_channel_remote_tx(
        next.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        k.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::CommitmentSigned(CommitmentSigned {
                    channel_id: channel_id.clone(),
                    signature: {
                        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/channel.lnp:1096",
                            ))?
                    },
                    htlc_signatures: f_channel_htlc_signatures(
                        tx.clone(),
                        f_channel_flipped(next.htlcs.clone(), lnp_env, lnp_ctx)?,
                        k.clone(),
                        next.feerate.clone(),
                        local.htlc.clone(),
                        remote_point.clone(),
                        lnp_env,
                        lnp_ctx,
                    )?,
                }),
            ),
        );
    unacked = rt::list::filter(
        &(to_sign),
        |u: &Update| -> Result<_, rt::Reject> {
            Ok(
                f_channel_ours(
                    u.clone(),
                    (lnp_env.role == Role::Funder),
                    lnp_env,
                    lnp_ctx,
                )?,
            )
        },
    )?;
    last_signed = to_sign.clone();
    to_sign = Vec::new();
    remote_prev_commit = remote_commit.clone();
    remote_commit = next.clone();
    remote_prev_point = remote_current_point.clone();
    remote_current_point = remote_point.clone();
    awaiting_revoke = true;
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

fn t40_shuttingdown_when<C: rt::Context>(
    lnp_state: &state::ShuttingDown,
    _lnp_trig: &Commit,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::ShuttingDown {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        ((!(awaiting_revoke.clone()) && (((to_sign).len() as u64) > 0u64))
            && remote_ready.clone()),
    )
}

/// `on command commit in Normal, ShuttingDown` in `Normal` (specs/bolt/channel.lnp:1111).
fn t41_normal<C: rt::Context>(
    lnp_state: state::Normal,
    _lnp_trig: Commit,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1112"),
    );
}

/// `on command commit in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/channel.lnp:1111).
fn t41_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    _lnp_trig: Commit,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1112"),
    );
}

/// `on recv commitment_signed in Normal, ShuttingDown` in `Normal` (specs/bolt/channel.lnp:1115).
fn t42_normal<C: rt::Context>(
    lnp_state: state::Normal,
    m: CommitmentSigned,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1116",
            ),
        );
    }

    if !((((to_expect).len() as u64) > 0u64)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "commitment_signed without updates",
                "specs/bolt/channel.lnp:1117",
            ),
        );
    }

    let next = f_channel_apply(
        local_commit.clone(),
        to_expect.clone(),
        (local_commit.number.clone())
            .checked_add(1u64)
            .or_reject("specs/bolt/channel.lnp:1118")?,
        lnp_env,
        lnp_ctx,
    )?;
    let point = lnp_ctx.per_commitment_point(next.number.clone());
    let k = f_channel_local_keys_of(
        next.clone(),
        local.clone(),
        remote.clone(),
        point.clone(),
        peer.to_self_delay.clone(),
        lnp_env.params.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let tx = f_channel_local_tx(
        next.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        k.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    if !(rt::builtins::verify(&m.signature, &tx, 0u32, &remote.funding)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "invalid commitment signature",
                "specs/bolt/channel.lnp:1122",
            ),
        );
    }

    if !(f_channel_htlc_signatures_valid(
        tx.clone(),
        next.htlcs.clone(),
        k.clone(),
        next.feerate.clone(),
        m.htlc_signatures.clone(),
        lnp_env,
        lnp_ctx,
    )?) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "invalid or missing HTLC signatures",
                "specs/bolt/channel.lnp:1123",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::RevokeAndAck(RevokeAndAck {
                    channel_id: channel_id.clone(),
                    per_commitment_secret: lnp_ctx
                        .per_commitment_secret(local_commit.number.clone()),
                    next_per_commitment_point: lnp_ctx
                        .per_commitment_point(
                            (next.number.clone())
                                .checked_add(1u64)
                                .or_reject("specs/bolt/channel.lnp:1127")?,
                        ),
                }),
            ),
        );
    local_commit = next.clone();
    local_sig = m.signature.clone();
    local_htlc_sigs = m.htlc_signatures.clone();
    to_sign
        .extend(
            rt::list::filter(
                &(to_expect),
                |u: &Update| -> Result<_, rt::Reject> {
                    Ok(
                        !(f_channel_ours(
                            u.clone(),
                            (lnp_env.role == Role::Funder),
                            lnp_env,
                            lnp_ctx,
                        )?),
                    )
                },
            )?,
        );
    to_expect = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::Committed(Committed {
                    number: next.number.clone(),
                    to_local: next.to_local.clone(),
                    to_remote: next.to_remote.clone(),
                    htlcs: ((next.htlcs).len() as u64),
                }),
            ),
        );
    if (!(awaiting_revoke.clone()) && (((to_sign).len() as u64) > 0u64)) {
        let theirs = f_channel_apply(
            remote_commit.clone(),
            to_sign.clone(),
            (remote_commit.number.clone())
                .checked_add(1u64)
                .or_reject("specs/bolt/channel.lnp:1142")?,
            lnp_env,
            lnp_ctx,
        )?;
        let tk = f_channel_remote_keys_of(
            theirs.clone(),
            local.clone(),
            remote.clone(),
            remote_point.clone(),
            peer.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        let ttx = f_channel_remote_tx(
            theirs.clone(),
            funding.clone(),
            capacity.clone(),
            (lnp_env.role == Role::Funder),
            local.clone(),
            remote.clone(),
            tk.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Send(
                    Message::CommitmentSigned(CommitmentSigned {
                        channel_id: channel_id.clone(),
                        signature: {
                            let (lnp_tx, lnp_key) = (ttx.clone(), local.funding.clone());
                            lnp_ctx
                                .sign(&lnp_tx, 0u32, &lnp_key)
                                .map_err(|why| rt::Reject::new(
                                    rt::RejectKind::Error,
                                    why.to_string(),
                                    "specs/bolt/channel.lnp:1147",
                                ))?
                        },
                        htlc_signatures: f_channel_htlc_signatures(
                            ttx.clone(),
                            f_channel_flipped(theirs.htlcs.clone(), lnp_env, lnp_ctx)?,
                            tk.clone(),
                            theirs.feerate.clone(),
                            local.htlc.clone(),
                            remote_point.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?,
                    }),
                ),
            );
        unacked = rt::list::filter(
            &(to_sign),
            |u: &Update| -> Result<_, rt::Reject> {
                Ok(
                    f_channel_ours(
                        u.clone(),
                        (lnp_env.role == Role::Funder),
                        lnp_env,
                        lnp_ctx,
                    )?,
                )
            },
        )?;
        last_signed = to_sign.clone();
        to_sign = Vec::new();
        remote_prev_commit = remote_commit.clone();
        remote_commit = theirs.clone();
        remote_prev_point = remote_current_point.clone();
        remote_current_point = remote_point.clone();
        awaiting_revoke = true;
    }

    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

/// `on recv commitment_signed in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/channel.lnp:1115).
fn t42_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    m: CommitmentSigned,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1116",
            ),
        );
    }

    if !((((to_expect).len() as u64) > 0u64)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "commitment_signed without updates",
                "specs/bolt/channel.lnp:1117",
            ),
        );
    }

    let next = f_channel_apply(
        local_commit.clone(),
        to_expect.clone(),
        (local_commit.number.clone())
            .checked_add(1u64)
            .or_reject("specs/bolt/channel.lnp:1118")?,
        lnp_env,
        lnp_ctx,
    )?;
    let point = lnp_ctx.per_commitment_point(next.number.clone());
    let k = f_channel_local_keys_of(
        next.clone(),
        local.clone(),
        remote.clone(),
        point.clone(),
        peer.to_self_delay.clone(),
        lnp_env.params.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let tx = f_channel_local_tx(
        next.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        k.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    if !(rt::builtins::verify(&m.signature, &tx, 0u32, &remote.funding)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "invalid commitment signature",
                "specs/bolt/channel.lnp:1122",
            ),
        );
    }

    if !(f_channel_htlc_signatures_valid(
        tx.clone(),
        next.htlcs.clone(),
        k.clone(),
        next.feerate.clone(),
        m.htlc_signatures.clone(),
        lnp_env,
        lnp_ctx,
    )?) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "invalid or missing HTLC signatures",
                "specs/bolt/channel.lnp:1123",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::RevokeAndAck(RevokeAndAck {
                    channel_id: channel_id.clone(),
                    per_commitment_secret: lnp_ctx
                        .per_commitment_secret(local_commit.number.clone()),
                    next_per_commitment_point: lnp_ctx
                        .per_commitment_point(
                            (next.number.clone())
                                .checked_add(1u64)
                                .or_reject("specs/bolt/channel.lnp:1127")?,
                        ),
                }),
            ),
        );
    local_commit = next.clone();
    local_sig = m.signature.clone();
    local_htlc_sigs = m.htlc_signatures.clone();
    to_sign
        .extend(
            rt::list::filter(
                &(to_expect),
                |u: &Update| -> Result<_, rt::Reject> {
                    Ok(
                        !(f_channel_ours(
                            u.clone(),
                            (lnp_env.role == Role::Funder),
                            lnp_env,
                            lnp_ctx,
                        )?),
                    )
                },
            )?,
        );
    to_expect = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::Committed(Committed {
                    number: next.number.clone(),
                    to_local: next.to_local.clone(),
                    to_remote: next.to_remote.clone(),
                    htlcs: ((next.htlcs).len() as u64),
                }),
            ),
        );
    if (!(awaiting_revoke.clone()) && (((to_sign).len() as u64) > 0u64)) {
        let theirs = f_channel_apply(
            remote_commit.clone(),
            to_sign.clone(),
            (remote_commit.number.clone())
                .checked_add(1u64)
                .or_reject("specs/bolt/channel.lnp:1142")?,
            lnp_env,
            lnp_ctx,
        )?;
        let tk = f_channel_remote_keys_of(
            theirs.clone(),
            local.clone(),
            remote.clone(),
            remote_point.clone(),
            peer.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        let ttx = f_channel_remote_tx(
            theirs.clone(),
            funding.clone(),
            capacity.clone(),
            (lnp_env.role == Role::Funder),
            local.clone(),
            remote.clone(),
            tk.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Send(
                    Message::CommitmentSigned(CommitmentSigned {
                        channel_id: channel_id.clone(),
                        signature: {
                            let (lnp_tx, lnp_key) = (ttx.clone(), local.funding.clone());
                            lnp_ctx
                                .sign(&lnp_tx, 0u32, &lnp_key)
                                .map_err(|why| rt::Reject::new(
                                    rt::RejectKind::Error,
                                    why.to_string(),
                                    "specs/bolt/channel.lnp:1147",
                                ))?
                        },
                        htlc_signatures: f_channel_htlc_signatures(
                            ttx.clone(),
                            f_channel_flipped(theirs.htlcs.clone(), lnp_env, lnp_ctx)?,
                            tk.clone(),
                            theirs.feerate.clone(),
                            local.htlc.clone(),
                            remote_point.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?,
                    }),
                ),
            );
        unacked = rt::list::filter(
            &(to_sign),
            |u: &Update| -> Result<_, rt::Reject> {
                Ok(
                    f_channel_ours(
                        u.clone(),
                        (lnp_env.role == Role::Funder),
                        lnp_env,
                        lnp_ctx,
                    )?,
                )
            },
        )?;
        last_signed = to_sign.clone();
        to_sign = Vec::new();
        remote_prev_commit = remote_commit.clone();
        remote_commit = theirs.clone();
        remote_prev_point = remote_current_point.clone();
        remote_current_point = remote_point.clone();
        awaiting_revoke = true;
    }

    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on recv revoke_and_ack in Normal, ShuttingDown` in `Normal` (specs/bolt/channel.lnp:1161).
fn t43_normal<C: rt::Context>(
    lnp_state: state::Normal,
    m: RevokeAndAck,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1162",
            ),
        );
    }

    if !((rt::builtins::point_of(&m.per_commitment_secret)
        .or_reject("specs/bolt/channel.lnp:1163")? == remote_prev_point.clone()))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "revocation secret does not match",
                "specs/bolt/channel.lnp:1163",
            ),
        );
    }

    let secrets = rt::builtins::secrets_add(&remote_secrets, &m.per_commitment_secret);
    if !((secrets).is_some()) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "revocation secret does not derive the earlier ones",
                "specs/bolt/channel.lnp:1165",
            ),
        );
    }

    remote_secrets = (secrets.clone())
        .ok_or_else(|| rt::Reject::new(
            rt::RejectKind::Error,
            "an empty option was read",
            "specs/bolt/channel.lnp:1166",
        ))?;
    if (((remote_prev_commit.htlcs).len() as u64) > 0u64) {
        revoked_htlcs
            .put(
                remote_prev_commit.number.clone(),
                f_channel_flipped(remote_prev_commit.htlcs.clone(), lnp_env, lnp_ctx)?,
            );
    }

    remote_point = m.next_per_commitment_point.clone();
    awaiting_revoke = false;
    to_expect.extend(unacked.clone());
    unacked = Vec::new();
    for p in rt::list::filter(
        &(remote_commit.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> {
            Ok(
                (!(p.offered.clone())
                    && !(rt::list::any(
                        &(remote_prev_commit.htlcs),
                        |q: &Pending| -> Result<_, rt::Reject> {
                            Ok((!(q.offered.clone()) && (q.id.clone() == p.id.clone())))
                        },
                    )?)),
            )
        },
    )? {
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::PaymentLockedIn(PaymentLockedIn {
                        id: p.id.clone(),
                        amount: p.amount.clone(),
                        lock: p.lock.clone(),
                    }),
                ),
            );
    }

    if (((to_sign).len() as u64) > 0u64) {
        let theirs = f_channel_apply(
            remote_commit.clone(),
            to_sign.clone(),
            (remote_commit.number.clone())
                .checked_add(1u64)
                .or_reject("specs/bolt/channel.lnp:1179")?,
            lnp_env,
            lnp_ctx,
        )?;
        let tk = f_channel_remote_keys_of(
            theirs.clone(),
            local.clone(),
            remote.clone(),
            remote_point.clone(),
            peer.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        let ttx = f_channel_remote_tx(
            theirs.clone(),
            funding.clone(),
            capacity.clone(),
            (lnp_env.role == Role::Funder),
            local.clone(),
            remote.clone(),
            tk.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Send(
                    Message::CommitmentSigned(CommitmentSigned {
                        channel_id: channel_id.clone(),
                        signature: {
                            let (lnp_tx, lnp_key) = (ttx.clone(), local.funding.clone());
                            lnp_ctx
                                .sign(&lnp_tx, 0u32, &lnp_key)
                                .map_err(|why| rt::Reject::new(
                                    rt::RejectKind::Error,
                                    why.to_string(),
                                    "specs/bolt/channel.lnp:1184",
                                ))?
                        },
                        htlc_signatures: f_channel_htlc_signatures(
                            ttx.clone(),
                            f_channel_flipped(theirs.htlcs.clone(), lnp_env, lnp_ctx)?,
                            tk.clone(),
                            theirs.feerate.clone(),
                            local.htlc.clone(),
                            remote_point.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?,
                    }),
                ),
            );
        unacked = rt::list::filter(
            &(to_sign),
            |u: &Update| -> Result<_, rt::Reject> {
                Ok(
                    f_channel_ours(
                        u.clone(),
                        (lnp_env.role == Role::Funder),
                        lnp_env,
                        lnp_ctx,
                    )?,
                )
            },
        )?;
        last_signed = to_sign.clone();
        to_sign = Vec::new();
        remote_prev_commit = remote_commit.clone();
        remote_commit = theirs.clone();
        remote_prev_point = remote_current_point.clone();
        remote_current_point = remote_point.clone();
        awaiting_revoke = true;
    }

    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

fn t43_normal_when<C: rt::Context>(
    lnp_state: &state::Normal,
    m: &RevokeAndAck,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Normal {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
    } = lnp_state;
    Ok(awaiting_revoke.clone())
}

/// `on recv revoke_and_ack in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/channel.lnp:1161).
fn t43_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    m: RevokeAndAck,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1162",
            ),
        );
    }

    if !((rt::builtins::point_of(&m.per_commitment_secret)
        .or_reject("specs/bolt/channel.lnp:1163")? == remote_prev_point.clone()))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "revocation secret does not match",
                "specs/bolt/channel.lnp:1163",
            ),
        );
    }

    let secrets = rt::builtins::secrets_add(&remote_secrets, &m.per_commitment_secret);
    if !((secrets).is_some()) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "revocation secret does not derive the earlier ones",
                "specs/bolt/channel.lnp:1165",
            ),
        );
    }

    remote_secrets = (secrets.clone())
        .ok_or_else(|| rt::Reject::new(
            rt::RejectKind::Error,
            "an empty option was read",
            "specs/bolt/channel.lnp:1166",
        ))?;
    if (((remote_prev_commit.htlcs).len() as u64) > 0u64) {
        revoked_htlcs
            .put(
                remote_prev_commit.number.clone(),
                f_channel_flipped(remote_prev_commit.htlcs.clone(), lnp_env, lnp_ctx)?,
            );
    }

    remote_point = m.next_per_commitment_point.clone();
    awaiting_revoke = false;
    to_expect.extend(unacked.clone());
    unacked = Vec::new();
    for p in rt::list::filter(
        &(remote_commit.htlcs),
        |p: &Pending| -> Result<_, rt::Reject> {
            Ok(
                (!(p.offered.clone())
                    && !(rt::list::any(
                        &(remote_prev_commit.htlcs),
                        |q: &Pending| -> Result<_, rt::Reject> {
                            Ok((!(q.offered.clone()) && (q.id.clone() == p.id.clone())))
                        },
                    )?)),
            )
        },
    )? {
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::PaymentLockedIn(PaymentLockedIn {
                        id: p.id.clone(),
                        amount: p.amount.clone(),
                        lock: p.lock.clone(),
                    }),
                ),
            );
    }

    if (((to_sign).len() as u64) > 0u64) {
        let theirs = f_channel_apply(
            remote_commit.clone(),
            to_sign.clone(),
            (remote_commit.number.clone())
                .checked_add(1u64)
                .or_reject("specs/bolt/channel.lnp:1179")?,
            lnp_env,
            lnp_ctx,
        )?;
        let tk = f_channel_remote_keys_of(
            theirs.clone(),
            local.clone(),
            remote.clone(),
            remote_point.clone(),
            peer.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        let ttx = f_channel_remote_tx(
            theirs.clone(),
            funding.clone(),
            capacity.clone(),
            (lnp_env.role == Role::Funder),
            local.clone(),
            remote.clone(),
            tk.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Send(
                    Message::CommitmentSigned(CommitmentSigned {
                        channel_id: channel_id.clone(),
                        signature: {
                            let (lnp_tx, lnp_key) = (ttx.clone(), local.funding.clone());
                            lnp_ctx
                                .sign(&lnp_tx, 0u32, &lnp_key)
                                .map_err(|why| rt::Reject::new(
                                    rt::RejectKind::Error,
                                    why.to_string(),
                                    "specs/bolt/channel.lnp:1184",
                                ))?
                        },
                        htlc_signatures: f_channel_htlc_signatures(
                            ttx.clone(),
                            f_channel_flipped(theirs.htlcs.clone(), lnp_env, lnp_ctx)?,
                            tk.clone(),
                            theirs.feerate.clone(),
                            local.htlc.clone(),
                            remote_point.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?,
                    }),
                ),
            );
        unacked = rt::list::filter(
            &(to_sign),
            |u: &Update| -> Result<_, rt::Reject> {
                Ok(
                    f_channel_ours(
                        u.clone(),
                        (lnp_env.role == Role::Funder),
                        lnp_env,
                        lnp_ctx,
                    )?,
                )
            },
        )?;
        last_signed = to_sign.clone();
        to_sign = Vec::new();
        remote_prev_commit = remote_commit.clone();
        remote_commit = theirs.clone();
        remote_prev_point = remote_current_point.clone();
        remote_current_point = remote_point.clone();
        awaiting_revoke = true;
    }

    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

fn t43_shuttingdown_when<C: rt::Context>(
    lnp_state: &state::ShuttingDown,
    m: &RevokeAndAck,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::ShuttingDown {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(awaiting_revoke.clone())
}

/// `on recv revoke_and_ack in Normal, ShuttingDown` in `Normal` (specs/bolt/channel.lnp:1198).
fn t44_normal<C: rt::Context>(
    lnp_state: state::Normal,
    _lnp_trig: RevokeAndAck,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    return Err(
        rt::Reject::new(
            rt::RejectKind::Error,
            "revoke_and_ack without a commitment to revoke",
            "specs/bolt/channel.lnp:1199",
        ),
    );
}

/// `on recv revoke_and_ack in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/channel.lnp:1198).
fn t44_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    _lnp_trig: RevokeAndAck,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    return Err(
        rt::Reject::new(
            rt::RejectKind::Error,
            "revoke_and_ack without a commitment to revoke",
            "specs/bolt/channel.lnp:1199",
        ),
    );
}

/// `on command peer_disconnected in AwaitAccept, AwaitFundingBuilt, AwaitFundingCreated -> Closed` in `AwaitAccept` (specs/bolt/channel.lnp:1207).
fn t45_awaitaccept<C: rt::Context>(
    lnp_state: state::AwaitAccept,
    _lnp_trig: PeerDisconnected,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitAccept {
        mut capacity,
        mut push,
        mut temporary_channel_id,
        mut local,
        mut local_upfront,
        mut feerate,
    } = lnp_state;
    let mut channel_id: rt::ChannelId;
    channel_id = temporary_channel_id.clone();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelForgotten(ChannelForgotten {
                    channel_id: temporary_channel_id.clone(),
                }),
            ),
        );
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

/// `on command peer_disconnected in AwaitAccept, AwaitFundingBuilt, AwaitFundingCreated -> Closed` in `AwaitFundingBuilt` (specs/bolt/channel.lnp:1207).
fn t45_awaitfundingbuilt<C: rt::Context>(
    lnp_state: state::AwaitFundingBuilt,
    _lnp_trig: PeerDisconnected,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitFundingBuilt {
        mut capacity,
        mut push,
        mut temporary_channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut remote_current_point,
        mut feerate,
    } = lnp_state;
    let mut channel_id: rt::ChannelId;
    channel_id = temporary_channel_id.clone();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelForgotten(ChannelForgotten {
                    channel_id: temporary_channel_id.clone(),
                }),
            ),
        );
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

/// `on command peer_disconnected in AwaitAccept, AwaitFundingBuilt, AwaitFundingCreated -> Closed` in `AwaitFundingCreated` (specs/bolt/channel.lnp:1207).
fn t45_awaitfundingcreated<C: rt::Context>(
    lnp_state: state::AwaitFundingCreated,
    _lnp_trig: PeerDisconnected,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitFundingCreated {
        mut capacity,
        mut push,
        mut temporary_channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut remote_current_point,
        mut feerate,
    } = lnp_state;
    let mut channel_id: rt::ChannelId;
    channel_id = temporary_channel_id.clone();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelForgotten(ChannelForgotten {
                    channel_id: temporary_channel_id.clone(),
                }),
            ),
        );
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

/// `on command peer_disconnected in AwaitOpen -> Closed` in `AwaitOpen` (specs/bolt/channel.lnp:1213).
fn t46_awaitopen<C: rt::Context>(
    lnp_state: state::AwaitOpen,
    _lnp_trig: PeerDisconnected,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitOpen { mut local, mut local_upfront } = lnp_state;
    let mut channel_id: rt::ChannelId;
    channel_id = (rt::ChannelId([
        0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8,
        0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8,
    ]));
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

/// `on command peer_disconnected in AwaitFundingSigned -> Closed` in `AwaitFundingSigned` (specs/bolt/channel.lnp:1217).
fn t47_awaitfundingsigned<C: rt::Context>(
    lnp_state: state::AwaitFundingSigned,
    _lnp_trig: PeerDisconnected,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitFundingSigned {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut remote_current_point,
    } = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelForgotten(ChannelForgotten {
                    channel_id: channel_id.clone(),
                }),
            ),
        );
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

/// `on command peer_disconnected in AwaitLocked` in `AwaitLocked` (specs/bolt/channel.lnp:1222).
fn t48_awaitlocked<C: rt::Context>(
    lnp_state: state::AwaitLocked,
    _lnp_trig: PeerDisconnected,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitLocked {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut funding_wait_from,
        mut funding_seen,
    } = lnp_state;
    Ok((
        State::AwaitLocked(state::AwaitLocked {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            remote_current_point,
            remote_point,
            remote_ready,
            funding_wait_from,
            funding_seen,
        }),
        lnp_fx,
    ))
}

/// `on command peer_connected in AwaitLocked` in `AwaitLocked` (specs/bolt/channel.lnp:1224).
fn t49_awaitlocked<C: rt::Context>(
    lnp_state: state::AwaitLocked,
    _lnp_trig: PeerConnected,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitLocked {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut funding_wait_from,
        mut funding_seen,
    } = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::ChannelReestablish(ChannelReestablish {
                    channel_id: channel_id.clone(),
                    next_commitment_number: 1u64,
                    next_revocation_number: 0u64,
                    your_last_per_commitment_secret: (rt::Secret([
                        0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8,
                        0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8,
                        0u8, 0u8, 0u8, 0u8, 0u8, 0u8,
                    ])),
                    my_current_per_commitment_point: lnp_ctx.per_commitment_point(0u64),
                }),
            ),
        );
    Ok((
        State::AwaitLocked(state::AwaitLocked {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            remote_current_point,
            remote_point,
            remote_ready,
            funding_wait_from,
            funding_seen,
        }),
        lnp_fx,
    ))
}

/// `on recv channel_reestablish in AwaitLocked` in `AwaitLocked` (specs/bolt/channel.lnp:1234).
fn t50_awaitlocked<C: rt::Context>(
    lnp_state: state::AwaitLocked,
    m: ChannelReestablish,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::AwaitLocked {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut funding_wait_from,
        mut funding_seen,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1235",
            ),
        );
    }

    Ok((
        State::AwaitLocked(state::AwaitLocked {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            remote_current_point,
            remote_point,
            remote_ready,
            funding_wait_from,
            funding_seen,
        }),
        lnp_fx,
    ))
}

/// `on command peer_disconnected in Normal -> Disconnected` in `Normal` (specs/bolt/channel.lnp:1240).
fn t51_normal<C: rt::Context>(
    lnp_state: state::Normal,
    _lnp_trig: PeerDisconnected,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    let mut local_script: Vec<u8>;
    let mut remote_script: Vec<u8>;
    for u in rt::list::filter(
        &(to_sign),
        |u: &Update| -> Result<_, rt::Reject> {
            Ok(
                (f_channel_ours(
                    u.clone(),
                    (lnp_env.role == Role::Funder),
                    lnp_env,
                    lnp_ctx,
                )? && (u.kind.clone() == UpdateKind::AddHtlc)),
            )
        },
    )? {
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::HtlcDropped(HtlcDropped {
                        id: u.htlc.id.clone(),
                    }),
                ),
            );
    }

    next_htlc_id = next_htlc_id
        .checked_sub(
            rt::list::count(
                &(to_sign),
                |u: &Update| -> Result<_, rt::Reject> {
                    Ok(
                        (f_channel_ours(
                            u.clone(),
                            (lnp_env.role == Role::Funder),
                            lnp_env,
                            lnp_ctx,
                        )? && (u.kind.clone() == UpdateKind::AddHtlc)),
                    )
                },
            )?,
        )
        .or_reject("specs/bolt/channel.lnp:1244")?;
    next_remote_htlc_id = next_remote_htlc_id
        .checked_sub(
            rt::list::count(
                &(to_expect),
                |u: &Update| -> Result<_, rt::Reject> {
                    Ok(
                        (!(f_channel_ours(
                            u.clone(),
                            (lnp_env.role == Role::Funder),
                            lnp_env,
                            lnp_ctx,
                        )?) && (u.kind.clone() == UpdateKind::AddHtlc)),
                    )
                },
            )?,
        )
        .or_reject("specs/bolt/channel.lnp:1245")?;
    to_sign = rt::list::filter(
        &(to_sign),
        |u: &Update| -> Result<_, rt::Reject> {
            Ok(
                !(f_channel_ours(
                    u.clone(),
                    (lnp_env.role == Role::Funder),
                    lnp_env,
                    lnp_ctx,
                )?),
            )
        },
    )?;
    to_expect = rt::list::filter(
        &(to_expect),
        |u: &Update| -> Result<_, rt::Reject> {
            Ok(
                f_channel_ours(
                    u.clone(),
                    (lnp_env.role == Role::Funder),
                    lnp_env,
                    lnp_ctx,
                )?,
            )
        },
    )?;
    local_script = ([]).to_vec();
    remote_script = ([]).to_vec();
    Ok((
        State::Disconnected(state::Disconnected {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on command peer_disconnected in ShuttingDown -> Disconnected` in `ShuttingDown` (specs/bolt/channel.lnp:1254).
fn t52_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    _lnp_trig: PeerDisconnected,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    for u in rt::list::filter(
        &(to_sign),
        |u: &Update| -> Result<_, rt::Reject> {
            Ok(
                (f_channel_ours(
                    u.clone(),
                    (lnp_env.role == Role::Funder),
                    lnp_env,
                    lnp_ctx,
                )? && (u.kind.clone() == UpdateKind::AddHtlc)),
            )
        },
    )? {
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::HtlcDropped(HtlcDropped {
                        id: u.htlc.id.clone(),
                    }),
                ),
            );
    }

    next_htlc_id = next_htlc_id
        .checked_sub(
            rt::list::count(
                &(to_sign),
                |u: &Update| -> Result<_, rt::Reject> {
                    Ok(
                        (f_channel_ours(
                            u.clone(),
                            (lnp_env.role == Role::Funder),
                            lnp_env,
                            lnp_ctx,
                        )? && (u.kind.clone() == UpdateKind::AddHtlc)),
                    )
                },
            )?,
        )
        .or_reject("specs/bolt/channel.lnp:1258")?;
    next_remote_htlc_id = next_remote_htlc_id
        .checked_sub(
            rt::list::count(
                &(to_expect),
                |u: &Update| -> Result<_, rt::Reject> {
                    Ok(
                        (!(f_channel_ours(
                            u.clone(),
                            (lnp_env.role == Role::Funder),
                            lnp_env,
                            lnp_ctx,
                        )?) && (u.kind.clone() == UpdateKind::AddHtlc)),
                    )
                },
            )?,
        )
        .or_reject("specs/bolt/channel.lnp:1259")?;
    to_sign = rt::list::filter(
        &(to_sign),
        |u: &Update| -> Result<_, rt::Reject> {
            Ok(
                !(f_channel_ours(
                    u.clone(),
                    (lnp_env.role == Role::Funder),
                    lnp_env,
                    lnp_ctx,
                )?),
            )
        },
    )?;
    to_expect = rt::list::filter(
        &(to_expect),
        |u: &Update| -> Result<_, rt::Reject> {
            Ok(
                f_channel_ours(
                    u.clone(),
                    (lnp_env.role == Role::Funder),
                    lnp_env,
                    lnp_ctx,
                )?,
            )
        },
    )?;
    Ok((
        State::Disconnected(state::Disconnected {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on command peer_disconnected in Negotiating -> Disconnected` in `Negotiating` (specs/bolt/channel.lnp:1266).
fn t53_negotiating<C: rt::Context>(
    lnp_state: state::Negotiating,
    _lnp_trig: PeerDisconnected,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Negotiating {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
        mut proposed_fee,
    } = lnp_state;
    Ok((
        State::Disconnected(state::Disconnected {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on command peer_connected in Disconnected -> Reestablishing` in `Disconnected` (specs/bolt/channel.lnp:1268).
fn t54_disconnected<C: rt::Context>(
    lnp_state: state::Disconnected,
    _lnp_trig: PeerConnected,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Disconnected {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::ChannelReestablish(ChannelReestablish {
                    channel_id: channel_id.clone(),
                    next_commitment_number: (rt::builtins::int::<
                        u64,
                    >(local_commit.number.clone())
                        .or_reject("specs/bolt/channel.lnp:1271")?)
                        .checked_add(1u64)
                        .or_reject("specs/bolt/channel.lnp:1271")?,
                    next_revocation_number: rt::builtins::secrets_len(&remote_secrets),
                    your_last_per_commitment_secret: if (rt::builtins::secrets_len(
                        &remote_secrets,
                    ) == 0u64)
                    {
                        (rt::Secret([
                            0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8,
                            0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8,
                            0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8, 0u8,
                        ]))
                    } else {
                        (rt::builtins::secret_at(
                            &remote_secrets,
                            rt::u48(
                                    u64::try_from(
                                            (rt::builtins::secrets_len(&remote_secrets))
                                                .checked_sub(1u64)
                                                .or_reject("specs/bolt/channel.lnp:1273")?,
                                        )
                                        .map_err(|_| rt::Overflow)
                                        .or_reject("specs/bolt/channel.lnp:1273")?,
                                )
                                .or_reject("specs/bolt/channel.lnp:1273")?,
                        ))
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "an empty option was read",
                                "specs/bolt/channel.lnp:1273",
                            ))?
                    },
                    my_current_per_commitment_point: lnp_ctx
                        .per_commitment_point(local_commit.number.clone()),
                }),
            ),
        );
    Ok((
        State::Reestablishing(state::Reestablishing {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on recv channel_reestablish in Reestablishing -> Normal` in `Reestablishing` (specs/bolt/channel.lnp:1278).
fn t55_reestablishing<C: rt::Context>(
    lnp_state: state::Reestablishing,
    m: ChannelReestablish,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Reestablishing {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1279",
            ),
        );
    }

    if !((m.next_revocation_number.clone()
        <= rt::builtins::int::<u64>(local_commit.number.clone())
            .or_reject("specs/bolt/channel.lnp:1281")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the peer has revocations we never sent: we lost data",
                "specs/bolt/channel.lnp:1281",
            ),
        );
    }

    if !(((m.next_revocation_number.clone() == 0u64)
        || (m.your_last_per_commitment_secret.clone()
            == lnp_ctx
                .per_commitment_secret(
                    rt::u48(
                            u64::try_from(
                                    (m.next_revocation_number.clone())
                                        .checked_sub(1u64)
                                        .or_reject("specs/bolt/channel.lnp:1282")?,
                                )
                                .map_err(|_| rt::Overflow)
                                .or_reject("specs/bolt/channel.lnp:1282")?,
                        )
                        .or_reject("specs/bolt/channel.lnp:1282")?,
                ))))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the peer's last per-commitment secret of ours is wrong",
                "specs/bolt/channel.lnp:1282",
            ),
        );
    }

    if !(((m.next_revocation_number.clone())
        .checked_add(1u64)
        .or_reject("specs/bolt/channel.lnp:1283")?
        >= rt::builtins::int::<u64>(local_commit.number.clone())
            .or_reject("specs/bolt/channel.lnp:1283")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the peer is missing more than one revocation",
                "specs/bolt/channel.lnp:1283",
            ),
        );
    }

    if !(((m.next_commitment_number.clone()
        == (rt::builtins::int::<u64>(remote_commit.number.clone())
            .or_reject("specs/bolt/channel.lnp:1284")?)
            .checked_add(1u64)
            .or_reject("specs/bolt/channel.lnp:1284")?)
        || ((awaiting_revoke.clone()
            && (m.next_commitment_number.clone()
                == rt::builtins::int::<u64>(remote_commit.number.clone())
                    .or_reject("specs/bolt/channel.lnp:1284")?)))))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the peer expects a commitment number we cannot give",
                "specs/bolt/channel.lnp:1284",
            ),
        );
    }

    if ((m.next_commitment_number.clone() == 1u64)
        && (local_commit.number.clone() == 0u64))
    {
        lnp_fx
            .push(
                rt::Effect::Send(
                    Message::ChannelReady(ChannelReady {
                        channel_id: channel_id.clone(),
                        second_per_commitment_point: lnp_ctx.per_commitment_point(1u64),
                        short_channel_id: None,
                    }),
                ),
            );
    }

    if ((m.next_revocation_number.clone())
        .checked_add(1u64)
        .or_reject("specs/bolt/channel.lnp:1291")?
        == rt::builtins::int::<u64>(local_commit.number.clone())
            .or_reject("specs/bolt/channel.lnp:1291")?)
    {
        lnp_fx
            .push(
                rt::Effect::Send(
                    Message::RevokeAndAck(RevokeAndAck {
                        channel_id: channel_id.clone(),
                        per_commitment_secret: lnp_ctx
                            .per_commitment_secret(
                                (local_commit.number.clone())
                                    .checked_sub(1u64)
                                    .or_reject("specs/bolt/channel.lnp:1294")?,
                            ),
                        next_per_commitment_point: lnp_ctx
                            .per_commitment_point(
                                (local_commit.number.clone())
                                    .checked_add(1u64)
                                    .or_reject("specs/bolt/channel.lnp:1295")?,
                            ),
                    }),
                ),
            );
    }

    if (awaiting_revoke.clone()
        && (m.next_commitment_number.clone()
            == rt::builtins::int::<u64>(remote_commit.number.clone())
                .or_reject("specs/bolt/channel.lnp:1300")?))
    {
        for u in rt::list::filter(
            &(last_signed),
            |u: &Update| -> Result<_, rt::Reject> {
                Ok(
                    (f_channel_ours(
                        u.clone(),
                        (lnp_env.role == Role::Funder),
                        lnp_env,
                        lnp_ctx,
                    )? && (u.kind.clone() == UpdateKind::AddHtlc)),
                )
            },
        )? {
            lnp_fx
                .push(
                    rt::Effect::Emit(
                        Event::HtlcDropped(HtlcDropped {
                            id: u.htlc.id.clone(),
                        }),
                    ),
                );
        }
        next_htlc_id = next_htlc_id
            .checked_sub(
                rt::list::count(
                    &(last_signed),
                    |u: &Update| -> Result<_, rt::Reject> {
                        Ok(
                            (f_channel_ours(
                                u.clone(),
                                (lnp_env.role == Role::Funder),
                                lnp_env,
                                lnp_ctx,
                            )? && (u.kind.clone() == UpdateKind::AddHtlc)),
                        )
                    },
                )?,
            )
            .or_reject("specs/bolt/channel.lnp:1304")?;
        to_sign = [
            &(rt::list::filter(
                &(last_signed),
                |u: &Update| -> Result<_, rt::Reject> {
                    Ok(
                        !(f_channel_ours(
                            u.clone(),
                            (lnp_env.role == Role::Funder),
                            lnp_env,
                            lnp_ctx,
                        )?),
                    )
                },
            )?)[..],
            &(to_sign)[..],
        ]
            .concat();
        unacked = Vec::new();
        remote_commit = remote_prev_commit.clone();
        remote_current_point = remote_prev_point.clone();
        awaiting_revoke = false;
    }

    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

fn t55_reestablishing_when<C: rt::Context>(
    lnp_state: &state::Reestablishing,
    m: &ChannelReestablish,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Reestablishing {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok((((local_script).len() as u64) == 0u64))
}

/// `on recv channel_reestablish in Reestablishing -> ShuttingDown` in `Reestablishing` (specs/bolt/channel.lnp:1315).
fn t56_reestablishing<C: rt::Context>(
    lnp_state: state::Reestablishing,
    m: ChannelReestablish,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Reestablishing {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1316",
            ),
        );
    }

    if !((m.next_revocation_number.clone()
        <= rt::builtins::int::<u64>(local_commit.number.clone())
            .or_reject("specs/bolt/channel.lnp:1318")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the peer has revocations we never sent: we lost data",
                "specs/bolt/channel.lnp:1318",
            ),
        );
    }

    if !(((m.next_revocation_number.clone() == 0u64)
        || (m.your_last_per_commitment_secret.clone()
            == lnp_ctx
                .per_commitment_secret(
                    rt::u48(
                            u64::try_from(
                                    (m.next_revocation_number.clone())
                                        .checked_sub(1u64)
                                        .or_reject("specs/bolt/channel.lnp:1319")?,
                                )
                                .map_err(|_| rt::Overflow)
                                .or_reject("specs/bolt/channel.lnp:1319")?,
                        )
                        .or_reject("specs/bolt/channel.lnp:1319")?,
                ))))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the peer's last per-commitment secret of ours is wrong",
                "specs/bolt/channel.lnp:1319",
            ),
        );
    }

    if !(((m.next_revocation_number.clone())
        .checked_add(1u64)
        .or_reject("specs/bolt/channel.lnp:1320")?
        >= rt::builtins::int::<u64>(local_commit.number.clone())
            .or_reject("specs/bolt/channel.lnp:1320")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the peer is missing more than one revocation",
                "specs/bolt/channel.lnp:1320",
            ),
        );
    }

    if !(((m.next_commitment_number.clone()
        == (rt::builtins::int::<u64>(remote_commit.number.clone())
            .or_reject("specs/bolt/channel.lnp:1321")?)
            .checked_add(1u64)
            .or_reject("specs/bolt/channel.lnp:1321")?)
        || ((awaiting_revoke.clone()
            && (m.next_commitment_number.clone()
                == rt::builtins::int::<u64>(remote_commit.number.clone())
                    .or_reject("specs/bolt/channel.lnp:1321")?)))))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the peer expects a commitment number we cannot give",
                "specs/bolt/channel.lnp:1321",
            ),
        );
    }

    if ((m.next_commitment_number.clone() == 1u64)
        && (local_commit.number.clone() == 0u64))
    {
        lnp_fx
            .push(
                rt::Effect::Send(
                    Message::ChannelReady(ChannelReady {
                        channel_id: channel_id.clone(),
                        second_per_commitment_point: lnp_ctx.per_commitment_point(1u64),
                        short_channel_id: None,
                    }),
                ),
            );
    }

    if ((m.next_revocation_number.clone())
        .checked_add(1u64)
        .or_reject("specs/bolt/channel.lnp:1328")?
        == rt::builtins::int::<u64>(local_commit.number.clone())
            .or_reject("specs/bolt/channel.lnp:1328")?)
    {
        lnp_fx
            .push(
                rt::Effect::Send(
                    Message::RevokeAndAck(RevokeAndAck {
                        channel_id: channel_id.clone(),
                        per_commitment_secret: lnp_ctx
                            .per_commitment_secret(
                                (local_commit.number.clone())
                                    .checked_sub(1u64)
                                    .or_reject("specs/bolt/channel.lnp:1331")?,
                            ),
                        next_per_commitment_point: lnp_ctx
                            .per_commitment_point(
                                (local_commit.number.clone())
                                    .checked_add(1u64)
                                    .or_reject("specs/bolt/channel.lnp:1332")?,
                            ),
                    }),
                ),
            );
    }

    if (awaiting_revoke.clone()
        && (m.next_commitment_number.clone()
            == rt::builtins::int::<u64>(remote_commit.number.clone())
                .or_reject("specs/bolt/channel.lnp:1337")?))
    {
        for u in rt::list::filter(
            &(last_signed),
            |u: &Update| -> Result<_, rt::Reject> {
                Ok(
                    (f_channel_ours(
                        u.clone(),
                        (lnp_env.role == Role::Funder),
                        lnp_env,
                        lnp_ctx,
                    )? && (u.kind.clone() == UpdateKind::AddHtlc)),
                )
            },
        )? {
            lnp_fx
                .push(
                    rt::Effect::Emit(
                        Event::HtlcDropped(HtlcDropped {
                            id: u.htlc.id.clone(),
                        }),
                    ),
                );
        }
        next_htlc_id = next_htlc_id
            .checked_sub(
                rt::list::count(
                    &(last_signed),
                    |u: &Update| -> Result<_, rt::Reject> {
                        Ok(
                            (f_channel_ours(
                                u.clone(),
                                (lnp_env.role == Role::Funder),
                                lnp_env,
                                lnp_ctx,
                            )? && (u.kind.clone() == UpdateKind::AddHtlc)),
                        )
                    },
                )?,
            )
            .or_reject("specs/bolt/channel.lnp:1341")?;
        to_sign = [
            &(rt::list::filter(
                &(last_signed),
                |u: &Update| -> Result<_, rt::Reject> {
                    Ok(
                        !(f_channel_ours(
                            u.clone(),
                            (lnp_env.role == Role::Funder),
                            lnp_env,
                            lnp_ctx,
                        )?),
                    )
                },
            )?)[..],
            &(to_sign)[..],
        ]
            .concat();
        unacked = Vec::new();
        remote_commit = remote_prev_commit.clone();
        remote_current_point = remote_prev_point.clone();
        awaiting_revoke = false;
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::Shutdown(Shutdown {
                    channel_id: channel_id.clone(),
                    scriptpubkey: local_script.clone(),
                }),
            ),
        );
    if ((lnp_env.role == Role::Funder) && (((remote_script).len() as u64) > 0u64)) {
        lnp_fx
            .push(rt::Effect::StartTimer {
                name: "negotiate",
                after_secs: 0u32,
            });
    }

    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

fn t56_reestablishing_when<C: rt::Context>(
    lnp_state: &state::Reestablishing,
    m: &ChannelReestablish,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Reestablishing {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok((((local_script).len() as u64) > 0u64))
}

/// `on command set_feerate in Normal` in `Normal` (specs/bolt/channel.lnp:1356).
fn t57_normal<C: rt::Context>(
    lnp_state: state::Normal,
    c: SetFeerate,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    if !((c.feerate_per_kw.clone() >= 253u32)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "feerate below the floor",
                "specs/bolt/channel.lnp:1357",
            ),
        );
    }

    if !((c.feerate_per_kw.clone() <= (100000u32))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "feerate unreasonably high",
                "specs/bolt/channel.lnp:1358",
            ),
        );
    }

    if !((((remote_commit.to_local.clone()).to_sat()
        >= (f_channel_funder_cost(
            f_channel_flipped(remote_commit.htlcs.clone(), lnp_env, lnp_ctx)?,
            peer.dust_limit.clone(),
            c.feerate_per_kw.clone(),
            lnp_env,
            lnp_ctx,
        )?)
            .checked_add(peer.channel_reserve.clone())
            .or_reject("specs/bolt/channel.lnp:1361")?)
        && ((local_commit.to_local.clone()).to_sat()
            >= (f_channel_funder_cost(
                local_commit.htlcs.clone(),
                lnp_env.params.dust_limit.clone(),
                c.feerate_per_kw.clone(),
                lnp_env,
                lnp_ctx,
            )?)
                .checked_add(peer.channel_reserve.clone())
                .or_reject("specs/bolt/channel.lnp:1361")?)))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "we cannot pay the fee at that feerate and keep our reserve",
                "specs/bolt/channel.lnp:1361",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::UpdateFee(UpdateFee {
                    channel_id: channel_id.clone(),
                    feerate_per_kw: c.feerate_per_kw.clone(),
                }),
            ),
        );
    to_sign = rt::list::filter(
        &(to_sign),
        |u: &Update| -> Result<_, rt::Reject> {
            Ok((u.kind.clone() != UpdateKind::FeeUpdate))
        },
    )?;
    to_sign
        .push(Update {
            kind: UpdateKind::FeeUpdate,
            htlc: f_channel_no_htlc(lnp_env, lnp_ctx)?,
            feerate: c.feerate_per_kw.clone(),
        });
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

fn t57_normal_when<C: rt::Context>(
    lnp_state: &state::Normal,
    c: &SetFeerate,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Normal {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
    } = lnp_state;
    Ok((lnp_env.role == Role::Funder))
}

/// `on recv update_fee in Normal, ShuttingDown` in `Normal` (specs/bolt/channel.lnp:1367).
fn t58_normal<C: rt::Context>(
    lnp_state: state::Normal,
    m: UpdateFee,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1368",
            ),
        );
    }

    if !((m.feerate_per_kw.clone() >= 253u32)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "feerate below the floor",
                "specs/bolt/channel.lnp:1369",
            ),
        );
    }

    if !((m.feerate_per_kw.clone() <= (100000u32))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "feerate unreasonably high",
                "specs/bolt/channel.lnp:1370",
            ),
        );
    }

    if !(((local_commit.to_remote.clone()).to_sat()
        >= f_channel_funder_cost(
            local_commit.htlcs.clone(),
            lnp_env.params.dust_limit.clone(),
            m.feerate_per_kw.clone(),
            lnp_env,
            lnp_ctx,
        )?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the funder cannot pay the fee at that feerate",
                "specs/bolt/channel.lnp:1372",
            ),
        );
    }

    to_expect = rt::list::filter(
        &(to_expect),
        |u: &Update| -> Result<_, rt::Reject> {
            Ok((u.kind.clone() != UpdateKind::FeeUpdate))
        },
    )?;
    to_expect
        .push(Update {
            kind: UpdateKind::FeeUpdate,
            htlc: f_channel_no_htlc(lnp_env, lnp_ctx)?,
            feerate: m.feerate_per_kw.clone(),
        });
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
        }),
        lnp_fx,
    ))
}

fn t58_normal_when<C: rt::Context>(
    lnp_state: &state::Normal,
    m: &UpdateFee,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Normal {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
    } = lnp_state;
    Ok((lnp_env.role == Role::Fundee))
}

/// `on recv update_fee in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/channel.lnp:1367).
fn t58_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    m: UpdateFee,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1368",
            ),
        );
    }

    if !((m.feerate_per_kw.clone() >= 253u32)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "feerate below the floor",
                "specs/bolt/channel.lnp:1369",
            ),
        );
    }

    if !((m.feerate_per_kw.clone() <= (100000u32))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "feerate unreasonably high",
                "specs/bolt/channel.lnp:1370",
            ),
        );
    }

    if !(((local_commit.to_remote.clone()).to_sat()
        >= f_channel_funder_cost(
            local_commit.htlcs.clone(),
            lnp_env.params.dust_limit.clone(),
            m.feerate_per_kw.clone(),
            lnp_env,
            lnp_ctx,
        )?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the funder cannot pay the fee at that feerate",
                "specs/bolt/channel.lnp:1372",
            ),
        );
    }

    to_expect = rt::list::filter(
        &(to_expect),
        |u: &Update| -> Result<_, rt::Reject> {
            Ok((u.kind.clone() != UpdateKind::FeeUpdate))
        },
    )?;
    to_expect
        .push(Update {
            kind: UpdateKind::FeeUpdate,
            htlc: f_channel_no_htlc(lnp_env, lnp_ctx)?,
            feerate: m.feerate_per_kw.clone(),
        });
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

fn t58_shuttingdown_when<C: rt::Context>(
    lnp_state: &state::ShuttingDown,
    m: &UpdateFee,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::ShuttingDown {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok((lnp_env.role == Role::Fundee))
}

/// `on recv update_fee in Normal, ShuttingDown` in `Normal` (specs/bolt/channel.lnp:1377).
fn t59_normal<C: rt::Context>(
    lnp_state: state::Normal,
    _lnp_trig: UpdateFee,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    return Err(
        rt::Reject::new(
            rt::RejectKind::Error,
            "update_fee from the fundee",
            "specs/bolt/channel.lnp:1378",
        ),
    );
}

/// `on recv update_fee in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/channel.lnp:1377).
fn t59_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    _lnp_trig: UpdateFee,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    return Err(
        rt::Reject::new(
            rt::RejectKind::Error,
            "update_fee from the fundee",
            "specs/bolt/channel.lnp:1378",
        ),
    );
}

/// `on command close in Normal -> ShuttingDown` in `Normal` (specs/bolt/channel.lnp:1388).
fn t60_normal<C: rt::Context>(
    lnp_state: state::Normal,
    c: Close,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    let mut local_script: Vec<u8>;
    let mut remote_script: Vec<u8>;
    if !(remote_ready.clone()) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "the peer's channel_ready has not arrived",
                "specs/bolt/channel.lnp:1389",
            ),
        );
    }

    if !(!(rt::list::any(
        &(to_sign),
        |u: &Update| -> Result<_, rt::Reject> {
            Ok(
                f_channel_ours(
                    u.clone(),
                    (lnp_env.role == Role::Funder),
                    lnp_env,
                    lnp_ctx,
                )?,
            )
        },
    )?)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "sign the pending updates before closing",
                "specs/bolt/channel.lnp:1391",
            ),
        );
    }

    if !((((((local_upfront).len() as u64) == 0u64)
        || (((c.scriptpubkey).len() as u64) == 0u64))
        || (c.scriptpubkey.clone() == local_upfront.clone())))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "the channel is committed to another shutdown script",
                "specs/bolt/channel.lnp:1393",
            ),
        );
    }

    let script = f_channel_shutdown_script(
        c.scriptpubkey.clone(),
        local_upfront.clone(),
        local.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::Shutdown(Shutdown {
                    channel_id: channel_id.clone(),
                    scriptpubkey: script.clone(),
                }),
            ),
        );
    local_script = script.clone();
    remote_script = ([]).to_vec();
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on recv shutdown in Normal -> ShuttingDown` in `Normal` (specs/bolt/channel.lnp:1400).
fn t61_normal<C: rt::Context>(
    lnp_state: state::Normal,
    m: Shutdown,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    let mut local_script: Vec<u8>;
    let mut remote_script: Vec<u8>;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1401",
            ),
        );
    }

    if !((((m.scriptpubkey).len() as u64) > 0u64)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "empty shutdown scriptpubkey",
                "specs/bolt/channel.lnp:1402",
            ),
        );
    }

    if !(((((peer.upfront_shutdown).len() as u64) == 0u64)
        || (m.scriptpubkey.clone() == peer.upfront_shutdown.clone())))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "shutdown scriptpubkey is not the upfront_shutdown_script",
                "specs/bolt/channel.lnp:1403",
            ),
        );
    }

    let script = f_channel_shutdown_script(
        ([]).to_vec(),
        local_upfront.clone(),
        local.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::Shutdown(Shutdown {
                    channel_id: channel_id.clone(),
                    scriptpubkey: script.clone(),
                }),
            ),
        );
    remote_script = m.scriptpubkey.clone();
    local_script = script.clone();
    if (lnp_env.role == Role::Funder) {
        lnp_fx
            .push(rt::Effect::StartTimer {
                name: "negotiate",
                after_secs: 0u32,
            });
    }

    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on recv shutdown in ShuttingDown` in `ShuttingDown` (specs/bolt/channel.lnp:1413).
fn t62_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    m: Shutdown,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1414",
            ),
        );
    }

    if !((((m.scriptpubkey).len() as u64) > 0u64)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "empty shutdown scriptpubkey",
                "specs/bolt/channel.lnp:1415",
            ),
        );
    }

    if !(((((peer.upfront_shutdown).len() as u64) == 0u64)
        || (m.scriptpubkey.clone() == peer.upfront_shutdown.clone())))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "shutdown scriptpubkey is not the upfront_shutdown_script",
                "specs/bolt/channel.lnp:1416",
            ),
        );
    }

    remote_script = m.scriptpubkey.clone();
    if (lnp_env.role == Role::Funder) {
        lnp_fx
            .push(rt::Effect::StartTimer {
                name: "negotiate",
                after_secs: 0u32,
            });
    }

    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on timer negotiate in ShuttingDown -> Negotiating` in `ShuttingDown` (specs/bolt/channel.lnp:1424).
fn t63_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let mut proposed_fee: rt::Sat;
    let fee = f_channel_closing_fee(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        true,
        local.clone(),
        remote.clone(),
        local_script.clone(),
        remote_script.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    let tx = f_channel_closing_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        true,
        local.clone(),
        remote.clone(),
        local_script.clone(),
        remote_script.clone(),
        fee.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::ClosingSigned(ClosingSigned {
                    channel_id: channel_id.clone(),
                    fee_satoshis: fee.clone(),
                    signature: {
                        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/channel.lnp:1430",
                            ))?
                    },
                    fee_range: Some(FeeRange {
                        min_fee_satoshis: f_channel_fee_floor(
                            fee.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?,
                        max_fee_satoshis: f_channel_fee_ceiling(
                            fee.clone(),
                            local_commit.clone(),
                            lnp_env,
                            lnp_ctx,
                        )?,
                    }),
                }),
            ),
        );
    proposed_fee = fee.clone();
    Ok((
        State::Negotiating(state::Negotiating {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
            proposed_fee,
        }),
        lnp_fx,
    ))
}

fn t63_shuttingdown_when<C: rt::Context>(
    lnp_state: &state::ShuttingDown,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::ShuttingDown {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        ((((remote_script).len() as u64) > 0u64)
            && f_channel_quiescent(
                local_commit.clone(),
                remote_commit.clone(),
                to_sign.clone(),
                to_expect.clone(),
                unacked.clone(),
                awaiting_revoke.clone(),
                lnp_env,
                lnp_ctx,
            )?),
    )
}

/// `on timer negotiate in ShuttingDown` in `ShuttingDown` (specs/bolt/channel.lnp:1436).
fn t64_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    lnp_fx
        .push(rt::Effect::StartTimer {
            name: "negotiate",
            after_secs: 1u32,
        });
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            local_upfront,
            remote,
            peer,
            local_commit,
            local_sig,
            local_htlc_sigs,
            remote_commit,
            to_sign,
            to_expect,
            unacked,
            awaiting_revoke,
            next_htlc_id,
            next_remote_htlc_id,
            remote_prev_point,
            remote_current_point,
            remote_point,
            remote_ready,
            remote_secrets,
            remote_prev_commit,
            last_signed,
            preimages,
            revoked_htlcs,
            local_script,
            remote_script,
        }),
        lnp_fx,
    ))
}

/// `on recv closing_signed in ShuttingDown -> Closed` in `ShuttingDown` (specs/bolt/channel.lnp:1442).
fn t65_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    m: ClosingSigned,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1443",
            ),
        );
    }

    if !((((remote_script).len() as u64) > 0u64)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "closing_signed before shutdown",
                "specs/bolt/channel.lnp:1444",
            ),
        );
    }

    if !(f_channel_quiescent(
        local_commit.clone(),
        remote_commit.clone(),
        to_sign.clone(),
        to_expect.clone(),
        unacked.clone(),
        awaiting_revoke.clone(),
        lnp_env,
        lnp_ctx,
    )?) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "closing_signed with updates in flight",
                "specs/bolt/channel.lnp:1445",
            ),
        );
    }

    if !((m.fee_satoshis.clone() <= (local_commit.to_remote.clone()).to_sat())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "fee above the funder's balance",
                "specs/bolt/channel.lnp:1446",
            ),
        );
    }

    let tx = f_channel_closing_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        false,
        local.clone(),
        remote.clone(),
        local_script.clone(),
        remote_script.clone(),
        m.fee_satoshis.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    if !(rt::builtins::verify(&m.signature, &tx, 0u32, &remote.funding)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "invalid closing_signed signature",
                "specs/bolt/channel.lnp:1448",
            ),
        );
    }

    let sig = {
        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
        lnp_ctx
            .sign(&lnp_tx, 0u32, &lnp_key)
            .map_err(|why| rt::Reject::new(
                rt::RejectKind::Error,
                why.to_string(),
                "specs/bolt/channel.lnp:1449",
            ))?
    };
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::ClosingSigned(ClosingSigned {
                    channel_id: channel_id.clone(),
                    fee_satoshis: m.fee_satoshis.clone(),
                    signature: sig.clone(),
                    fee_range: Some(FeeRange {
                        min_fee_satoshis: m.fee_satoshis.clone(),
                        max_fee_satoshis: m.fee_satoshis.clone(),
                    }),
                }),
            ),
        );
    lnp_fx
        .push(
            rt::Effect::Broadcast(
                (f_funding_2of2_signed(
                    tx.clone(),
                    local.funding.clone(),
                    remote.funding.clone(),
                    sig.clone(),
                    m.signature.clone(),
                    lnp_env,
                    lnp_ctx,
                )?)
                    .tx,
            ),
        );
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelClosed(ChannelClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&tx),
                    to_local: (local_commit.to_local.clone()).to_sat(),
                    to_remote: ((local_commit.to_remote.clone()).to_sat())
                        .checked_sub(m.fee_satoshis.clone())
                        .or_reject("specs/bolt/channel.lnp:1461")?,
                }),
            ),
        );
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

fn t65_shuttingdown_when<C: rt::Context>(
    lnp_state: &state::ShuttingDown,
    m: &ClosingSigned,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::ShuttingDown {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok((lnp_env.role == Role::Fundee))
}

/// `on recv closing_signed in Negotiating -> Closed` in `Negotiating` (specs/bolt/channel.lnp:1467).
fn t66_negotiating<C: rt::Context>(
    lnp_state: state::Negotiating,
    m: ClosingSigned,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Negotiating {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
        mut proposed_fee,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:1468",
            ),
        );
    }

    if !(((m.fee_satoshis.clone()
        >= f_channel_fee_floor(proposed_fee.clone(), lnp_env, lnp_ctx)?)
        && (m.fee_satoshis.clone()
            <= f_channel_fee_ceiling(
                proposed_fee.clone(),
                local_commit.clone(),
                lnp_env,
                lnp_ctx,
            )?)))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "the closing fee is outside the range we offered",
                "specs/bolt/channel.lnp:1469",
            ),
        );
    }

    let tx = f_channel_closing_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        true,
        local.clone(),
        remote.clone(),
        local_script.clone(),
        remote_script.clone(),
        m.fee_satoshis.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    if !(rt::builtins::verify(&m.signature, &tx, 0u32, &remote.funding)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "invalid closing_signed signature",
                "specs/bolt/channel.lnp:1471",
            ),
        );
    }

    let sig = {
        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
        lnp_ctx
            .sign(&lnp_tx, 0u32, &lnp_key)
            .map_err(|why| rt::Reject::new(
                rt::RejectKind::Error,
                why.to_string(),
                "specs/bolt/channel.lnp:1472",
            ))?
    };
    if (m.fee_satoshis.clone() != proposed_fee.clone()) {
        lnp_fx
            .push(
                rt::Effect::Send(
                    Message::ClosingSigned(ClosingSigned {
                        channel_id: channel_id.clone(),
                        fee_satoshis: m.fee_satoshis.clone(),
                        signature: sig.clone(),
                        fee_range: None,
                    }),
                ),
            );
    }

    lnp_fx
        .push(
            rt::Effect::Broadcast(
                (f_funding_2of2_signed(
                    tx.clone(),
                    local.funding.clone(),
                    remote.funding.clone(),
                    sig.clone(),
                    m.signature.clone(),
                    lnp_env,
                    lnp_ctx,
                )?)
                    .tx,
            ),
        );
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelClosed(ChannelClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&tx),
                    to_local: ((local_commit.to_local.clone()).to_sat())
                        .checked_sub(m.fee_satoshis.clone())
                        .or_reject("specs/bolt/channel.lnp:1480")?,
                    to_remote: (local_commit.to_remote.clone()).to_sat(),
                }),
            ),
        );
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

/// `on command force_close in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> ForceClosed` in `Normal` (specs/bolt/channel.lnp:1487).
fn t67_normal<C: rt::Context>(
    lnp_state: state::Normal,
    _lnp_trig: ForceClose,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    let mut commitment_txid: rt::Txid;
    let mut to_local_done: bool;
    let mut pending_timeouts: Vec<Claim>;
    let mut pending_sweeps: Vec<Claim>;
    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let tx = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        f_channel_local_keys(
            local.clone(),
            remote.clone(),
            point.clone(),
            peer.to_self_delay.clone(),
            lnp_env.params.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Broadcast(
                (f_funding_2of2_signed(
                    tx.clone(),
                    local.funding.clone(),
                    remote.funding.clone(),
                    {
                        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/channel.lnp:1490",
                            ))?
                    },
                    local_sig.clone(),
                    lnp_env,
                    lnp_ctx,
                )?)
                    .tx,
            ),
        );
    commitment_txid = rt::builtins::txid(&tx);
    to_local_done = false;
    pending_timeouts = Vec::new();
    pending_sweeps = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ForceClosed(ForceClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&tx),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "commitment_confirmed",
            txid: rt::builtins::txid(&tx),
            depth: 1u32,
        });
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "to_local_matured",
            txid: rt::builtins::txid(&tx),
            depth: rt::builtins::int::<u32>(peer.to_self_delay.clone())
                .or_reject("specs/bolt/channel.lnp:1497")?,
        });
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

/// `on command force_close in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> ForceClosed` in `ShuttingDown` (specs/bolt/channel.lnp:1487).
fn t67_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    _lnp_trig: ForceClose,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let mut commitment_txid: rt::Txid;
    let mut to_local_done: bool;
    let mut pending_timeouts: Vec<Claim>;
    let mut pending_sweeps: Vec<Claim>;
    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let tx = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        f_channel_local_keys(
            local.clone(),
            remote.clone(),
            point.clone(),
            peer.to_self_delay.clone(),
            lnp_env.params.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Broadcast(
                (f_funding_2of2_signed(
                    tx.clone(),
                    local.funding.clone(),
                    remote.funding.clone(),
                    {
                        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/channel.lnp:1490",
                            ))?
                    },
                    local_sig.clone(),
                    lnp_env,
                    lnp_ctx,
                )?)
                    .tx,
            ),
        );
    commitment_txid = rt::builtins::txid(&tx);
    to_local_done = false;
    pending_timeouts = Vec::new();
    pending_sweeps = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ForceClosed(ForceClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&tx),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "commitment_confirmed",
            txid: rt::builtins::txid(&tx),
            depth: 1u32,
        });
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "to_local_matured",
            txid: rt::builtins::txid(&tx),
            depth: rt::builtins::int::<u32>(peer.to_self_delay.clone())
                .or_reject("specs/bolt/channel.lnp:1497")?,
        });
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

/// `on command force_close in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> ForceClosed` in `Negotiating` (specs/bolt/channel.lnp:1487).
fn t67_negotiating<C: rt::Context>(
    lnp_state: state::Negotiating,
    _lnp_trig: ForceClose,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Negotiating {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
        mut proposed_fee,
    } = lnp_state;
    let mut commitment_txid: rt::Txid;
    let mut to_local_done: bool;
    let mut pending_timeouts: Vec<Claim>;
    let mut pending_sweeps: Vec<Claim>;
    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let tx = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        f_channel_local_keys(
            local.clone(),
            remote.clone(),
            point.clone(),
            peer.to_self_delay.clone(),
            lnp_env.params.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Broadcast(
                (f_funding_2of2_signed(
                    tx.clone(),
                    local.funding.clone(),
                    remote.funding.clone(),
                    {
                        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/channel.lnp:1490",
                            ))?
                    },
                    local_sig.clone(),
                    lnp_env,
                    lnp_ctx,
                )?)
                    .tx,
            ),
        );
    commitment_txid = rt::builtins::txid(&tx);
    to_local_done = false;
    pending_timeouts = Vec::new();
    pending_sweeps = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ForceClosed(ForceClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&tx),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "commitment_confirmed",
            txid: rt::builtins::txid(&tx),
            depth: 1u32,
        });
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "to_local_matured",
            txid: rt::builtins::txid(&tx),
            depth: rt::builtins::int::<u32>(peer.to_self_delay.clone())
                .or_reject("specs/bolt/channel.lnp:1497")?,
        });
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

/// `on command force_close in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> ForceClosed` in `Disconnected` (specs/bolt/channel.lnp:1487).
fn t67_disconnected<C: rt::Context>(
    lnp_state: state::Disconnected,
    _lnp_trig: ForceClose,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Disconnected {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let mut commitment_txid: rt::Txid;
    let mut to_local_done: bool;
    let mut pending_timeouts: Vec<Claim>;
    let mut pending_sweeps: Vec<Claim>;
    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let tx = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        f_channel_local_keys(
            local.clone(),
            remote.clone(),
            point.clone(),
            peer.to_self_delay.clone(),
            lnp_env.params.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Broadcast(
                (f_funding_2of2_signed(
                    tx.clone(),
                    local.funding.clone(),
                    remote.funding.clone(),
                    {
                        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/channel.lnp:1490",
                            ))?
                    },
                    local_sig.clone(),
                    lnp_env,
                    lnp_ctx,
                )?)
                    .tx,
            ),
        );
    commitment_txid = rt::builtins::txid(&tx);
    to_local_done = false;
    pending_timeouts = Vec::new();
    pending_sweeps = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ForceClosed(ForceClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&tx),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "commitment_confirmed",
            txid: rt::builtins::txid(&tx),
            depth: 1u32,
        });
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "to_local_matured",
            txid: rt::builtins::txid(&tx),
            depth: rt::builtins::int::<u32>(peer.to_self_delay.clone())
                .or_reject("specs/bolt/channel.lnp:1497")?,
        });
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

/// `on command force_close in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> ForceClosed` in `Reestablishing` (specs/bolt/channel.lnp:1487).
fn t67_reestablishing<C: rt::Context>(
    lnp_state: state::Reestablishing,
    _lnp_trig: ForceClose,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Reestablishing {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let mut commitment_txid: rt::Txid;
    let mut to_local_done: bool;
    let mut pending_timeouts: Vec<Claim>;
    let mut pending_sweeps: Vec<Claim>;
    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let tx = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        f_channel_local_keys(
            local.clone(),
            remote.clone(),
            point.clone(),
            peer.to_self_delay.clone(),
            lnp_env.params.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    lnp_fx
        .push(
            rt::Effect::Broadcast(
                (f_funding_2of2_signed(
                    tx.clone(),
                    local.funding.clone(),
                    remote.funding.clone(),
                    {
                        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/channel.lnp:1490",
                            ))?
                    },
                    local_sig.clone(),
                    lnp_env,
                    lnp_ctx,
                )?)
                    .tx,
            ),
        );
    commitment_txid = rt::builtins::txid(&tx);
    to_local_done = false;
    pending_timeouts = Vec::new();
    pending_sweeps = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ForceClosed(ForceClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&tx),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "commitment_confirmed",
            txid: rt::builtins::txid(&tx),
            depth: 1u32,
        });
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "to_local_matured",
            txid: rt::builtins::txid(&tx),
            depth: rt::builtins::int::<u32>(peer.to_self_delay.clone())
                .or_reject("specs/bolt/channel.lnp:1497")?,
        });
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

/// `on chain to_local_matured in ForceClosed` in `ForceClosed` (specs/bolt/channel.lnp:1501).
fn t68_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    _lnp_trig: rt::Confirmed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    let point = lnp_ctx.per_commitment_point(local_commit.number.clone());
    let script = f_ln_penalty_to_local_script(
        f_channel_local_keys(
            local.clone(),
            remote.clone(),
            point.clone(),
            peer.to_self_delay.clone(),
            lnp_env.params.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    let tx = f_channel_local_tx(
        local_commit.clone(),
        funding.clone(),
        capacity.clone(),
        (lnp_env.role == Role::Funder),
        local.clone(),
        remote.clone(),
        f_channel_local_keys(
            local.clone(),
            remote.clone(),
            point.clone(),
            peer.to_self_delay.clone(),
            lnp_env.params.dust_limit.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        lnp_env,
        lnp_ctx,
    )?;
    let vout = f_channel_output_paying(
        tx.clone(),
        rt::builtins::p2wsh(&script),
        lnp_env,
        lnp_ctx,
    )?;
    if (vout).is_some() {
        let sweep_tx = tpl_channel_sweep(
            rt::builtins::txid(&tx),
            rt::builtins::int::<
                u32,
            >(
                    (vout.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/channel.lnp:1507",
                        ))?,
                )
                .or_reject("specs/bolt/channel.lnp:1507")?,
            rt::builtins::output_amount(
                    &tx,
                    (vout.clone())
                        .ok_or_else(|| rt::Reject::new(
                            rt::RejectKind::Error,
                            "an empty option was read",
                            "specs/bolt/channel.lnp:1507",
                        ))?,
                )
                .ok_or_else(|| rt::Reject::new(
                    rt::RejectKind::Error,
                    "no such output",
                    "specs/bolt/channel.lnp:1507",
                ))?,
            script.clone(),
            rt::builtins::int::<u32>(peer.to_self_delay.clone())
                .or_reject("specs/bolt/channel.lnp:1507")?,
            0u32,
            rt::builtins::p2wpkh(&local.payment),
            local_commit.feerate.clone(),
            lnp_env,
            lnp_ctx,
        )?;
        lnp_fx
            .push(
                rt::Effect::Broadcast(
                    (f_ln_penalty_delayed_spend(
                        sweep_tx.clone(),
                        {
                            let (lnp_tx, lnp_base, lnp_point) = (
                                sweep_tx.clone(),
                                local.delayed_payment.clone(),
                                point.clone(),
                            );
                            lnp_ctx
                                .sign_derived(&lnp_tx, 0u32, &lnp_base, &lnp_point)
                                .map_err(|why| rt::Reject::new(
                                    rt::RejectKind::Error,
                                    why.to_string(),
                                    "specs/bolt/channel.lnp:1508",
                                ))?
                        },
                        script.clone(),
                        lnp_env,
                        lnp_ctx,
                    )?)
                        .tx,
                ),
            );
        lnp_fx
            .push(
                rt::Effect::Emit(
                    Event::Swept(Swept {
                        txid: rt::builtins::txid(&sweep_tx),
                        amount: rt::builtins::output_amount(&sweep_tx, 0u64)
                            .ok_or_else(|| rt::Reject::new(
                                rt::RejectKind::Error,
                                "no such output",
                                "specs/bolt/channel.lnp:1509",
                            ))?,
                    }),
                ),
            );
    }

    to_local_done = true;
    lnp_fx
        .push(rt::Effect::StartTimer {
            name: "resolved_check",
            after_secs: 0u32,
        });
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

/// `on timer resolved_check in ForceClosed -> Closed` in `ForceClosed` (specs/bolt/channel.lnp:1515).
fn t69_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

fn t69_forceclosed_when<C: rt::Context>(
    lnp_state: &state::ForceClosed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::ForceClosed {
        capacity,
        funding,
        channel_id,
        local,
        remote,
        peer,
        local_commit,
        local_htlc_sigs,
        preimages,
        commitment_txid,
        to_local_done,
        pending_timeouts,
        pending_sweeps,
    } = lnp_state;
    Ok(
        ((to_local_done.clone() && (((pending_timeouts).len() as u64) == 0u64))
            && (((pending_sweeps).len() as u64) == 0u64)),
    )
}

/// `on timer resolved_check in RemoteClosed -> Closed` in `RemoteClosed` (specs/bolt/channel.lnp:1517).
fn t70_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

fn t70_remoteclosed_when<C: rt::Context>(
    lnp_state: &state::RemoteClosed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::RemoteClosed {
        capacity,
        funding,
        channel_id,
        local,
        remote,
        peer,
        their_commit,
        their_point,
        commitment_txid,
        preimages,
        pending_timeouts,
    } = lnp_state;
    Ok((((pending_timeouts).len() as u64) == 0u64))
}

/// `on timer resolved_check in ForceClosed, RemoteClosed` in `ForceClosed` (specs/bolt/channel.lnp:1519).
fn t71_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1520"),
    );
}

/// `on timer resolved_check in ForceClosed, RemoteClosed` in `RemoteClosed` (specs/bolt/channel.lnp:1519).
fn t71_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1520"),
    );
}

/// `on recv commitment_signed in ForceClosed, RemoteClosed` in `ForceClosed` (specs/bolt/channel.lnp:1525).
fn t72_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    _lnp_trig: CommitmentSigned,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1526"),
    );
}

/// `on recv commitment_signed in ForceClosed, RemoteClosed` in `RemoteClosed` (specs/bolt/channel.lnp:1525).
fn t72_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    _lnp_trig: CommitmentSigned,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1526"),
    );
}

/// `on recv revoke_and_ack in ForceClosed, RemoteClosed` in `ForceClosed` (specs/bolt/channel.lnp:1529).
fn t73_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    _lnp_trig: RevokeAndAck,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1530"),
    );
}

/// `on recv revoke_and_ack in ForceClosed, RemoteClosed` in `RemoteClosed` (specs/bolt/channel.lnp:1529).
fn t73_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    _lnp_trig: RevokeAndAck,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1530"),
    );
}

/// `on recv update_fee in ForceClosed, RemoteClosed` in `ForceClosed` (specs/bolt/channel.lnp:1533).
fn t74_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    _lnp_trig: UpdateFee,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1534"),
    );
}

/// `on recv update_fee in ForceClosed, RemoteClosed` in `RemoteClosed` (specs/bolt/channel.lnp:1533).
fn t74_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    _lnp_trig: UpdateFee,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1534"),
    );
}

/// `on recv shutdown in ForceClosed, RemoteClosed` in `ForceClosed` (specs/bolt/channel.lnp:1537).
fn t75_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    _lnp_trig: Shutdown,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1538"),
    );
}

/// `on recv shutdown in ForceClosed, RemoteClosed` in `RemoteClosed` (specs/bolt/channel.lnp:1537).
fn t75_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    _lnp_trig: Shutdown,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1538"),
    );
}

/// `on recv closing_signed in ForceClosed, RemoteClosed` in `ForceClosed` (specs/bolt/channel.lnp:1541).
fn t76_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    _lnp_trig: ClosingSigned,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1542"),
    );
}

/// `on recv closing_signed in ForceClosed, RemoteClosed` in `RemoteClosed` (specs/bolt/channel.lnp:1541).
fn t76_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    _lnp_trig: ClosingSigned,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1542"),
    );
}

/// `on recv channel_ready in ForceClosed, RemoteClosed` in `ForceClosed` (specs/bolt/channel.lnp:1545).
fn t77_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    _lnp_trig: ChannelReady,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1546"),
    );
}

/// `on recv channel_ready in ForceClosed, RemoteClosed` in `RemoteClosed` (specs/bolt/channel.lnp:1545).
fn t77_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    _lnp_trig: ChannelReady,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1546"),
    );
}

/// `on recv channel_reestablish in ForceClosed, RemoteClosed` in `ForceClosed` (specs/bolt/channel.lnp:1549).
fn t78_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    _lnp_trig: ChannelReestablish,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1550"),
    );
}

/// `on recv channel_reestablish in ForceClosed, RemoteClosed` in `RemoteClosed` (specs/bolt/channel.lnp:1549).
fn t78_remoteclosed<C: rt::Context>(
    lnp_state: state::RemoteClosed,
    _lnp_trig: ChannelReestablish,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::RemoteClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut their_commit,
        mut their_point,
        mut commitment_txid,
        mut preimages,
        mut pending_timeouts,
    } = lnp_state;
    return Err(
        rt::Reject::new(rt::RejectKind::Ignore, "", "specs/bolt/channel.lnp:1550"),
    );
}

/// `on chain funding_spent in ForceClosed` in `ForceClosed` (specs/bolt/channel.lnp:1554).
fn t79_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    Ok((
        State::ForceClosed(state::ForceClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            local_commit,
            local_htlc_sigs,
            preimages,
            commitment_txid,
            to_local_done,
            pending_timeouts,
            pending_sweeps,
        }),
        lnp_fx,
    ))
}

fn t79_forceclosed_when<C: rt::Context>(
    lnp_state: &state::ForceClosed,
    e: &rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::ForceClosed {
        capacity,
        funding,
        channel_id,
        local,
        remote,
        peer,
        local_commit,
        local_htlc_sigs,
        preimages,
        commitment_txid,
        to_local_done,
        pending_timeouts,
        pending_sweeps,
    } = lnp_state;
    Ok((rt::builtins::txid(&e.tx) == commitment_txid.clone()))
}

/// `on chain funding_spent in ForceClosed -> Closed` in `ForceClosed` (specs/bolt/channel.lnp:1558).
fn t80_forceclosed<C: rt::Context>(
    lnp_state: state::ForceClosed,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ForceClosed {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_htlc_sigs,
        mut preimages,
        mut commitment_txid,
        mut to_local_done,
        mut pending_timeouts,
        mut pending_sweeps,
    } = lnp_state;
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

/// `on chain funding_spent in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> RemoteClosed` in `Normal` (specs/bolt/channel.lnp:1563).
fn t81_normal<C: rt::Context>(
    lnp_state: state::Normal,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    let mut their_commit: CommitView;
    let mut their_point: rt::Point;
    let mut commitment_txid: rt::Txid;
    let mut pending_timeouts: Vec<Claim>;
    let latest = (rt::builtins::txid(&e.tx)
        == rt::builtins::txid(
            &f_channel_remote_tx(
                remote_commit.clone(),
                funding.clone(),
                capacity.clone(),
                (lnp_env.role == Role::Funder),
                local.clone(),
                remote.clone(),
                f_channel_remote_keys(
                    local.clone(),
                    remote.clone(),
                    remote_current_point.clone(),
                    peer.dust_limit.clone(),
                    lnp_env,
                    lnp_ctx,
                )?,
                lnp_env,
                lnp_ctx,
            )?,
        ));
    their_commit = if latest.clone() {
        remote_commit.clone()
    } else {
        remote_prev_commit.clone()
    };
    their_point = if latest.clone() {
        remote_current_point.clone()
    } else {
        remote_prev_point.clone()
    };
    commitment_txid = rt::builtins::txid(&e.tx);
    pending_timeouts = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelClosed(ChannelClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&e.tx),
                    to_local: (their_commit.to_local.clone()).to_sat(),
                    to_remote: (their_commit.to_remote.clone()).to_sat(),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "remote_commitment_confirmed",
            txid: rt::builtins::txid(&e.tx),
            depth: 1u32,
        });
    Ok((
        State::RemoteClosed(state::RemoteClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            their_commit,
            their_point,
            commitment_txid,
            preimages,
            pending_timeouts,
        }),
        lnp_fx,
    ))
}

fn t81_normal_when<C: rt::Context>(
    lnp_state: &state::Normal,
    e: &rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Normal {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
    } = lnp_state;
    Ok(
        ((rt::builtins::txid(&e.tx)
            == rt::builtins::txid(
                &f_channel_remote_tx(
                    remote_commit.clone(),
                    funding.clone(),
                    capacity.clone(),
                    (lnp_env.role == Role::Funder),
                    local.clone(),
                    remote.clone(),
                    f_channel_remote_keys(
                        local.clone(),
                        remote.clone(),
                        remote_current_point.clone(),
                        peer.dust_limit.clone(),
                        lnp_env,
                        lnp_ctx,
                    )?,
                    lnp_env,
                    lnp_ctx,
                )?,
            ))
            || ((awaiting_revoke.clone()
                && (rt::builtins::txid(&e.tx)
                    == rt::builtins::txid(
                        &f_channel_remote_tx(
                            remote_prev_commit.clone(),
                            funding.clone(),
                            capacity.clone(),
                            (lnp_env.role == Role::Funder),
                            local.clone(),
                            remote.clone(),
                            f_channel_remote_keys(
                                local.clone(),
                                remote.clone(),
                                remote_prev_point.clone(),
                                peer.dust_limit.clone(),
                                lnp_env,
                                lnp_ctx,
                            )?,
                            lnp_env,
                            lnp_ctx,
                        )?,
                    ))))),
    )
}

/// `on chain funding_spent in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> RemoteClosed` in `ShuttingDown` (specs/bolt/channel.lnp:1563).
fn t81_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let mut their_commit: CommitView;
    let mut their_point: rt::Point;
    let mut commitment_txid: rt::Txid;
    let mut pending_timeouts: Vec<Claim>;
    let latest = (rt::builtins::txid(&e.tx)
        == rt::builtins::txid(
            &f_channel_remote_tx(
                remote_commit.clone(),
                funding.clone(),
                capacity.clone(),
                (lnp_env.role == Role::Funder),
                local.clone(),
                remote.clone(),
                f_channel_remote_keys(
                    local.clone(),
                    remote.clone(),
                    remote_current_point.clone(),
                    peer.dust_limit.clone(),
                    lnp_env,
                    lnp_ctx,
                )?,
                lnp_env,
                lnp_ctx,
            )?,
        ));
    their_commit = if latest.clone() {
        remote_commit.clone()
    } else {
        remote_prev_commit.clone()
    };
    their_point = if latest.clone() {
        remote_current_point.clone()
    } else {
        remote_prev_point.clone()
    };
    commitment_txid = rt::builtins::txid(&e.tx);
    pending_timeouts = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelClosed(ChannelClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&e.tx),
                    to_local: (their_commit.to_local.clone()).to_sat(),
                    to_remote: (their_commit.to_remote.clone()).to_sat(),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "remote_commitment_confirmed",
            txid: rt::builtins::txid(&e.tx),
            depth: 1u32,
        });
    Ok((
        State::RemoteClosed(state::RemoteClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            their_commit,
            their_point,
            commitment_txid,
            preimages,
            pending_timeouts,
        }),
        lnp_fx,
    ))
}

fn t81_shuttingdown_when<C: rt::Context>(
    lnp_state: &state::ShuttingDown,
    e: &rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::ShuttingDown {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        ((rt::builtins::txid(&e.tx)
            == rt::builtins::txid(
                &f_channel_remote_tx(
                    remote_commit.clone(),
                    funding.clone(),
                    capacity.clone(),
                    (lnp_env.role == Role::Funder),
                    local.clone(),
                    remote.clone(),
                    f_channel_remote_keys(
                        local.clone(),
                        remote.clone(),
                        remote_current_point.clone(),
                        peer.dust_limit.clone(),
                        lnp_env,
                        lnp_ctx,
                    )?,
                    lnp_env,
                    lnp_ctx,
                )?,
            ))
            || ((awaiting_revoke.clone()
                && (rt::builtins::txid(&e.tx)
                    == rt::builtins::txid(
                        &f_channel_remote_tx(
                            remote_prev_commit.clone(),
                            funding.clone(),
                            capacity.clone(),
                            (lnp_env.role == Role::Funder),
                            local.clone(),
                            remote.clone(),
                            f_channel_remote_keys(
                                local.clone(),
                                remote.clone(),
                                remote_prev_point.clone(),
                                peer.dust_limit.clone(),
                                lnp_env,
                                lnp_ctx,
                            )?,
                            lnp_env,
                            lnp_ctx,
                        )?,
                    ))))),
    )
}

/// `on chain funding_spent in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> RemoteClosed` in `Negotiating` (specs/bolt/channel.lnp:1563).
fn t81_negotiating<C: rt::Context>(
    lnp_state: state::Negotiating,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Negotiating {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
        mut proposed_fee,
    } = lnp_state;
    let mut their_commit: CommitView;
    let mut their_point: rt::Point;
    let mut commitment_txid: rt::Txid;
    let mut pending_timeouts: Vec<Claim>;
    let latest = (rt::builtins::txid(&e.tx)
        == rt::builtins::txid(
            &f_channel_remote_tx(
                remote_commit.clone(),
                funding.clone(),
                capacity.clone(),
                (lnp_env.role == Role::Funder),
                local.clone(),
                remote.clone(),
                f_channel_remote_keys(
                    local.clone(),
                    remote.clone(),
                    remote_current_point.clone(),
                    peer.dust_limit.clone(),
                    lnp_env,
                    lnp_ctx,
                )?,
                lnp_env,
                lnp_ctx,
            )?,
        ));
    their_commit = if latest.clone() {
        remote_commit.clone()
    } else {
        remote_prev_commit.clone()
    };
    their_point = if latest.clone() {
        remote_current_point.clone()
    } else {
        remote_prev_point.clone()
    };
    commitment_txid = rt::builtins::txid(&e.tx);
    pending_timeouts = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelClosed(ChannelClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&e.tx),
                    to_local: (their_commit.to_local.clone()).to_sat(),
                    to_remote: (their_commit.to_remote.clone()).to_sat(),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "remote_commitment_confirmed",
            txid: rt::builtins::txid(&e.tx),
            depth: 1u32,
        });
    Ok((
        State::RemoteClosed(state::RemoteClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            their_commit,
            their_point,
            commitment_txid,
            preimages,
            pending_timeouts,
        }),
        lnp_fx,
    ))
}

fn t81_negotiating_when<C: rt::Context>(
    lnp_state: &state::Negotiating,
    e: &rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Negotiating {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
        proposed_fee,
    } = lnp_state;
    Ok(
        ((rt::builtins::txid(&e.tx)
            == rt::builtins::txid(
                &f_channel_remote_tx(
                    remote_commit.clone(),
                    funding.clone(),
                    capacity.clone(),
                    (lnp_env.role == Role::Funder),
                    local.clone(),
                    remote.clone(),
                    f_channel_remote_keys(
                        local.clone(),
                        remote.clone(),
                        remote_current_point.clone(),
                        peer.dust_limit.clone(),
                        lnp_env,
                        lnp_ctx,
                    )?,
                    lnp_env,
                    lnp_ctx,
                )?,
            ))
            || ((awaiting_revoke.clone()
                && (rt::builtins::txid(&e.tx)
                    == rt::builtins::txid(
                        &f_channel_remote_tx(
                            remote_prev_commit.clone(),
                            funding.clone(),
                            capacity.clone(),
                            (lnp_env.role == Role::Funder),
                            local.clone(),
                            remote.clone(),
                            f_channel_remote_keys(
                                local.clone(),
                                remote.clone(),
                                remote_prev_point.clone(),
                                peer.dust_limit.clone(),
                                lnp_env,
                                lnp_ctx,
                            )?,
                            lnp_env,
                            lnp_ctx,
                        )?,
                    ))))),
    )
}

/// `on chain funding_spent in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> RemoteClosed` in `Disconnected` (specs/bolt/channel.lnp:1563).
fn t81_disconnected<C: rt::Context>(
    lnp_state: state::Disconnected,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Disconnected {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let mut their_commit: CommitView;
    let mut their_point: rt::Point;
    let mut commitment_txid: rt::Txid;
    let mut pending_timeouts: Vec<Claim>;
    let latest = (rt::builtins::txid(&e.tx)
        == rt::builtins::txid(
            &f_channel_remote_tx(
                remote_commit.clone(),
                funding.clone(),
                capacity.clone(),
                (lnp_env.role == Role::Funder),
                local.clone(),
                remote.clone(),
                f_channel_remote_keys(
                    local.clone(),
                    remote.clone(),
                    remote_current_point.clone(),
                    peer.dust_limit.clone(),
                    lnp_env,
                    lnp_ctx,
                )?,
                lnp_env,
                lnp_ctx,
            )?,
        ));
    their_commit = if latest.clone() {
        remote_commit.clone()
    } else {
        remote_prev_commit.clone()
    };
    their_point = if latest.clone() {
        remote_current_point.clone()
    } else {
        remote_prev_point.clone()
    };
    commitment_txid = rt::builtins::txid(&e.tx);
    pending_timeouts = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelClosed(ChannelClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&e.tx),
                    to_local: (their_commit.to_local.clone()).to_sat(),
                    to_remote: (their_commit.to_remote.clone()).to_sat(),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "remote_commitment_confirmed",
            txid: rt::builtins::txid(&e.tx),
            depth: 1u32,
        });
    Ok((
        State::RemoteClosed(state::RemoteClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            their_commit,
            their_point,
            commitment_txid,
            preimages,
            pending_timeouts,
        }),
        lnp_fx,
    ))
}

fn t81_disconnected_when<C: rt::Context>(
    lnp_state: &state::Disconnected,
    e: &rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Disconnected {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        ((rt::builtins::txid(&e.tx)
            == rt::builtins::txid(
                &f_channel_remote_tx(
                    remote_commit.clone(),
                    funding.clone(),
                    capacity.clone(),
                    (lnp_env.role == Role::Funder),
                    local.clone(),
                    remote.clone(),
                    f_channel_remote_keys(
                        local.clone(),
                        remote.clone(),
                        remote_current_point.clone(),
                        peer.dust_limit.clone(),
                        lnp_env,
                        lnp_ctx,
                    )?,
                    lnp_env,
                    lnp_ctx,
                )?,
            ))
            || ((awaiting_revoke.clone()
                && (rt::builtins::txid(&e.tx)
                    == rt::builtins::txid(
                        &f_channel_remote_tx(
                            remote_prev_commit.clone(),
                            funding.clone(),
                            capacity.clone(),
                            (lnp_env.role == Role::Funder),
                            local.clone(),
                            remote.clone(),
                            f_channel_remote_keys(
                                local.clone(),
                                remote.clone(),
                                remote_prev_point.clone(),
                                peer.dust_limit.clone(),
                                lnp_env,
                                lnp_ctx,
                            )?,
                            lnp_env,
                            lnp_ctx,
                        )?,
                    ))))),
    )
}

/// `on chain funding_spent in Normal, ShuttingDown, Negotiating, Disconnected, Reestablishing -> RemoteClosed` in `Reestablishing` (specs/bolt/channel.lnp:1563).
fn t81_reestablishing<C: rt::Context>(
    lnp_state: state::Reestablishing,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Reestablishing {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    let mut their_commit: CommitView;
    let mut their_point: rt::Point;
    let mut commitment_txid: rt::Txid;
    let mut pending_timeouts: Vec<Claim>;
    let latest = (rt::builtins::txid(&e.tx)
        == rt::builtins::txid(
            &f_channel_remote_tx(
                remote_commit.clone(),
                funding.clone(),
                capacity.clone(),
                (lnp_env.role == Role::Funder),
                local.clone(),
                remote.clone(),
                f_channel_remote_keys(
                    local.clone(),
                    remote.clone(),
                    remote_current_point.clone(),
                    peer.dust_limit.clone(),
                    lnp_env,
                    lnp_ctx,
                )?,
                lnp_env,
                lnp_ctx,
            )?,
        ));
    their_commit = if latest.clone() {
        remote_commit.clone()
    } else {
        remote_prev_commit.clone()
    };
    their_point = if latest.clone() {
        remote_current_point.clone()
    } else {
        remote_prev_point.clone()
    };
    commitment_txid = rt::builtins::txid(&e.tx);
    pending_timeouts = Vec::new();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelClosed(ChannelClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&e.tx),
                    to_local: (their_commit.to_local.clone()).to_sat(),
                    to_remote: (their_commit.to_remote.clone()).to_sat(),
                }),
            ),
        );
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "remote_commitment_confirmed",
            txid: rt::builtins::txid(&e.tx),
            depth: 1u32,
        });
    Ok((
        State::RemoteClosed(state::RemoteClosed {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            peer,
            their_commit,
            their_point,
            commitment_txid,
            preimages,
            pending_timeouts,
        }),
        lnp_fx,
    ))
}

fn t81_reestablishing_when<C: rt::Context>(
    lnp_state: &state::Reestablishing,
    e: &rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Reestablishing {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        ((rt::builtins::txid(&e.tx)
            == rt::builtins::txid(
                &f_channel_remote_tx(
                    remote_commit.clone(),
                    funding.clone(),
                    capacity.clone(),
                    (lnp_env.role == Role::Funder),
                    local.clone(),
                    remote.clone(),
                    f_channel_remote_keys(
                        local.clone(),
                        remote.clone(),
                        remote_current_point.clone(),
                        peer.dust_limit.clone(),
                        lnp_env,
                        lnp_ctx,
                    )?,
                    lnp_env,
                    lnp_ctx,
                )?,
            ))
            || ((awaiting_revoke.clone()
                && (rt::builtins::txid(&e.tx)
                    == rt::builtins::txid(
                        &f_channel_remote_tx(
                            remote_prev_commit.clone(),
                            funding.clone(),
                            capacity.clone(),
                            (lnp_env.role == Role::Funder),
                            local.clone(),
                            remote.clone(),
                            f_channel_remote_keys(
                                local.clone(),
                                remote.clone(),
                                remote_prev_point.clone(),
                                peer.dust_limit.clone(),
                                lnp_env,
                                lnp_ctx,
                            )?,
                            lnp_env,
                            lnp_ctx,
                        )?,
                    ))))),
    )
}

/// `on chain funding_spent in Normal, ShuttingDown, Disconnected, Reestablishing, Negotiating -> Closed` in `Normal` (specs/bolt/channel.lnp:1579).
fn t82_normal<C: rt::Context>(
    lnp_state: state::Normal,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
    } = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelClosed(ChannelClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&e.tx),
                    to_local: (local_commit.to_local.clone()).to_sat(),
                    to_remote: (local_commit.to_remote.clone()).to_sat(),
                }),
            ),
        );
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

/// `on chain funding_spent in Normal, ShuttingDown, Disconnected, Reestablishing, Negotiating -> Closed` in `ShuttingDown` (specs/bolt/channel.lnp:1579).
fn t82_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelClosed(ChannelClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&e.tx),
                    to_local: (local_commit.to_local.clone()).to_sat(),
                    to_remote: (local_commit.to_remote.clone()).to_sat(),
                }),
            ),
        );
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

/// `on chain funding_spent in Normal, ShuttingDown, Disconnected, Reestablishing, Negotiating -> Closed` in `Disconnected` (specs/bolt/channel.lnp:1579).
fn t82_disconnected<C: rt::Context>(
    lnp_state: state::Disconnected,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Disconnected {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelClosed(ChannelClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&e.tx),
                    to_local: (local_commit.to_local.clone()).to_sat(),
                    to_remote: (local_commit.to_remote.clone()).to_sat(),
                }),
            ),
        );
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

/// `on chain funding_spent in Normal, ShuttingDown, Disconnected, Reestablishing, Negotiating -> Closed` in `Reestablishing` (specs/bolt/channel.lnp:1579).
fn t82_reestablishing<C: rt::Context>(
    lnp_state: state::Reestablishing,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Reestablishing {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
    } = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelClosed(ChannelClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&e.tx),
                    to_local: (local_commit.to_local.clone()).to_sat(),
                    to_remote: (local_commit.to_remote.clone()).to_sat(),
                }),
            ),
        );
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

/// `on chain funding_spent in Normal, ShuttingDown, Disconnected, Reestablishing, Negotiating -> Closed` in `Negotiating` (specs/bolt/channel.lnp:1579).
fn t82_negotiating<C: rt::Context>(
    lnp_state: state::Negotiating,
    e: rt::Spent,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Negotiating {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut local_upfront,
        mut remote,
        mut peer,
        mut local_commit,
        mut local_sig,
        mut local_htlc_sigs,
        mut remote_commit,
        mut to_sign,
        mut to_expect,
        mut unacked,
        mut awaiting_revoke,
        mut next_htlc_id,
        mut next_remote_htlc_id,
        mut remote_prev_point,
        mut remote_current_point,
        mut remote_point,
        mut remote_ready,
        mut remote_secrets,
        mut remote_prev_commit,
        mut last_signed,
        mut preimages,
        mut revoked_htlcs,
        mut local_script,
        mut remote_script,
        mut proposed_fee,
    } = lnp_state;
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelClosed(ChannelClosed {
                    channel_id: channel_id.clone(),
                    txid: rt::builtins::txid(&e.tx),
                    to_local: (local_commit.to_local.clone()).to_sat(),
                    to_remote: (local_commit.to_remote.clone()).to_sat(),
                }),
            ),
        );
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

/// `conserved` in `Normal` (specs/bolt/channel.lnp:1590).
fn p0_normal<C: rt::Context>(
    lnp_state: state::Normal,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Normal {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
    } = lnp_state;
    Ok(
        (((capacity.clone()).to_msat().or_reject("specs/bolt/channel.lnp:1590")?
            == ((local_commit.to_local.clone())
                .checked_add(local_commit.to_remote.clone())
                .or_reject("specs/bolt/channel.lnp:1590")?)
                .checked_add(
                    rt::Msat::sum(
                            (rt::list::map(
                                &(local_commit.htlcs),
                                |p: &Pending| -> Result<_, rt::Reject> {
                                    Ok(p.amount.clone())
                                },
                            )?)
                                .iter()
                                .copied(),
                        )
                        .or_reject("specs/bolt/channel.lnp:1590")?,
                )
                .or_reject("specs/bolt/channel.lnp:1590")?)
            && ((capacity.clone()).to_msat().or_reject("specs/bolt/channel.lnp:1590")?
                == ((remote_commit.to_local.clone())
                    .checked_add(remote_commit.to_remote.clone())
                    .or_reject("specs/bolt/channel.lnp:1590")?)
                    .checked_add(
                        rt::Msat::sum(
                                (rt::list::map(
                                    &(remote_commit.htlcs),
                                    |p: &Pending| -> Result<_, rt::Reject> {
                                        Ok(p.amount.clone())
                                    },
                                )?)
                                    .iter()
                                    .copied(),
                            )
                            .or_reject("specs/bolt/channel.lnp:1590")?,
                    )
                    .or_reject("specs/bolt/channel.lnp:1590")?)),
    )
}

/// `conserved` in `ShuttingDown` (specs/bolt/channel.lnp:1590).
fn p0_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::ShuttingDown {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        (((capacity.clone()).to_msat().or_reject("specs/bolt/channel.lnp:1590")?
            == ((local_commit.to_local.clone())
                .checked_add(local_commit.to_remote.clone())
                .or_reject("specs/bolt/channel.lnp:1590")?)
                .checked_add(
                    rt::Msat::sum(
                            (rt::list::map(
                                &(local_commit.htlcs),
                                |p: &Pending| -> Result<_, rt::Reject> {
                                    Ok(p.amount.clone())
                                },
                            )?)
                                .iter()
                                .copied(),
                        )
                        .or_reject("specs/bolt/channel.lnp:1590")?,
                )
                .or_reject("specs/bolt/channel.lnp:1590")?)
            && ((capacity.clone()).to_msat().or_reject("specs/bolt/channel.lnp:1590")?
                == ((remote_commit.to_local.clone())
                    .checked_add(remote_commit.to_remote.clone())
                    .or_reject("specs/bolt/channel.lnp:1590")?)
                    .checked_add(
                        rt::Msat::sum(
                                (rt::list::map(
                                    &(remote_commit.htlcs),
                                    |p: &Pending| -> Result<_, rt::Reject> {
                                        Ok(p.amount.clone())
                                    },
                                )?)
                                    .iter()
                                    .copied(),
                            )
                            .or_reject("specs/bolt/channel.lnp:1590")?,
                    )
                    .or_reject("specs/bolt/channel.lnp:1590")?)),
    )
}

/// `conserved` in `Disconnected` (specs/bolt/channel.lnp:1590).
fn p0_disconnected<C: rt::Context>(
    lnp_state: state::Disconnected,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Disconnected {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        (((capacity.clone()).to_msat().or_reject("specs/bolt/channel.lnp:1590")?
            == ((local_commit.to_local.clone())
                .checked_add(local_commit.to_remote.clone())
                .or_reject("specs/bolt/channel.lnp:1590")?)
                .checked_add(
                    rt::Msat::sum(
                            (rt::list::map(
                                &(local_commit.htlcs),
                                |p: &Pending| -> Result<_, rt::Reject> {
                                    Ok(p.amount.clone())
                                },
                            )?)
                                .iter()
                                .copied(),
                        )
                        .or_reject("specs/bolt/channel.lnp:1590")?,
                )
                .or_reject("specs/bolt/channel.lnp:1590")?)
            && ((capacity.clone()).to_msat().or_reject("specs/bolt/channel.lnp:1590")?
                == ((remote_commit.to_local.clone())
                    .checked_add(remote_commit.to_remote.clone())
                    .or_reject("specs/bolt/channel.lnp:1590")?)
                    .checked_add(
                        rt::Msat::sum(
                                (rt::list::map(
                                    &(remote_commit.htlcs),
                                    |p: &Pending| -> Result<_, rt::Reject> {
                                        Ok(p.amount.clone())
                                    },
                                )?)
                                    .iter()
                                    .copied(),
                            )
                            .or_reject("specs/bolt/channel.lnp:1590")?,
                    )
                    .or_reject("specs/bolt/channel.lnp:1590")?)),
    )
}

/// `conserved` in `Reestablishing` (specs/bolt/channel.lnp:1590).
fn p0_reestablishing<C: rt::Context>(
    lnp_state: state::Reestablishing,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Reestablishing {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        (((capacity.clone()).to_msat().or_reject("specs/bolt/channel.lnp:1590")?
            == ((local_commit.to_local.clone())
                .checked_add(local_commit.to_remote.clone())
                .or_reject("specs/bolt/channel.lnp:1590")?)
                .checked_add(
                    rt::Msat::sum(
                            (rt::list::map(
                                &(local_commit.htlcs),
                                |p: &Pending| -> Result<_, rt::Reject> {
                                    Ok(p.amount.clone())
                                },
                            )?)
                                .iter()
                                .copied(),
                        )
                        .or_reject("specs/bolt/channel.lnp:1590")?,
                )
                .or_reject("specs/bolt/channel.lnp:1590")?)
            && ((capacity.clone()).to_msat().or_reject("specs/bolt/channel.lnp:1590")?
                == ((remote_commit.to_local.clone())
                    .checked_add(remote_commit.to_remote.clone())
                    .or_reject("specs/bolt/channel.lnp:1590")?)
                    .checked_add(
                        rt::Msat::sum(
                                (rt::list::map(
                                    &(remote_commit.htlcs),
                                    |p: &Pending| -> Result<_, rt::Reject> {
                                        Ok(p.amount.clone())
                                    },
                                )?)
                                    .iter()
                                    .copied(),
                            )
                            .or_reject("specs/bolt/channel.lnp:1590")?,
                    )
                    .or_reject("specs/bolt/channel.lnp:1590")?)),
    )
}

/// `htlc_limit` in `Normal` (specs/bolt/channel.lnp:1591).
fn p1_normal<C: rt::Context>(
    lnp_state: state::Normal,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Normal {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
    } = lnp_state;
    Ok(
        (((local_commit.htlcs).len() as u64)
            <= (rt::builtins::int::<u64>(lnp_env.params.max_accepted_htlcs.clone())
                .or_reject("specs/bolt/channel.lnp:1591")?)
                .checked_mul(2u64)
                .or_reject("specs/bolt/channel.lnp:1591")?),
    )
}

/// `punishable` in `Normal` (specs/bolt/ln_penalty.lnp:122).
fn p4_normal<C: rt::Context>(
    lnp_state: state::Normal,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Normal {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
    } = lnp_state;
    Ok(
        (rt::builtins::int::<u64>(remote_commit.number.clone())
            .or_reject("specs/bolt/ln_penalty.lnp:122")?
            == (rt::builtins::secrets_len(&remote_secrets))
                .checked_add((if awaiting_revoke.clone() { 1u64 } else { 0u64 }))
                .or_reject("specs/bolt/ln_penalty.lnp:122")?),
    )
}

/// `punishable` in `ShuttingDown` (specs/bolt/ln_penalty.lnp:122).
fn p4_shuttingdown<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::ShuttingDown {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        (rt::builtins::int::<u64>(remote_commit.number.clone())
            .or_reject("specs/bolt/ln_penalty.lnp:122")?
            == (rt::builtins::secrets_len(&remote_secrets))
                .checked_add((if awaiting_revoke.clone() { 1u64 } else { 0u64 }))
                .or_reject("specs/bolt/ln_penalty.lnp:122")?),
    )
}

/// `punishable` in `Disconnected` (specs/bolt/ln_penalty.lnp:122).
fn p4_disconnected<C: rt::Context>(
    lnp_state: state::Disconnected,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Disconnected {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        (rt::builtins::int::<u64>(remote_commit.number.clone())
            .or_reject("specs/bolt/ln_penalty.lnp:122")?
            == (rt::builtins::secrets_len(&remote_secrets))
                .checked_add((if awaiting_revoke.clone() { 1u64 } else { 0u64 }))
                .or_reject("specs/bolt/ln_penalty.lnp:122")?),
    )
}

/// `punishable` in `Reestablishing` (specs/bolt/ln_penalty.lnp:122).
fn p4_reestablishing<C: rt::Context>(
    lnp_state: state::Reestablishing,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Reestablishing {
        capacity,
        funding,
        channel_id,
        local,
        local_upfront,
        remote,
        peer,
        local_commit,
        local_sig,
        local_htlc_sigs,
        remote_commit,
        to_sign,
        to_expect,
        unacked,
        awaiting_revoke,
        next_htlc_id,
        next_remote_htlc_id,
        remote_prev_point,
        remote_current_point,
        remote_point,
        remote_ready,
        remote_secrets,
        remote_prev_commit,
        last_signed,
        preimages,
        revoked_htlcs,
        local_script,
        remote_script,
    } = lnp_state;
    Ok(
        (rt::builtins::int::<u64>(remote_commit.number.clone())
            .or_reject("specs/bolt/ln_penalty.lnp:122")?
            == (rt::builtins::secrets_len(&remote_secrets))
                .checked_add((if awaiting_revoke.clone() { 1u64 } else { 0u64 }))
                .or_reject("specs/bolt/ln_penalty.lnp:122")?),
    )
}

/// The name as declared, with the `'static` lifetime effects carry.
fn static_name(s: &str) -> Result<&'static str, wire::WireError> {
    match s {
        "commitment_confirmed" => Ok("commitment_confirmed"),
        "funding_confirmed" => Ok("funding_confirmed"),
        "funding_deep" => Ok("funding_deep"),
        "funding_spent" => Ok("funding_spent"),
        "htlc_expired" => Ok("htlc_expired"),
        "htlc_output_spent" => Ok("htlc_output_spent"),
        "negotiate" => Ok("negotiate"),
        "remote_commitment_confirmed" => Ok("remote_commitment_confirmed"),
        "remote_htlc_expired" => Ok("remote_htlc_expired"),
        "remote_htlc_output_spent" => Ok("remote_htlc_output_spent"),
        "resolved_check" => Ok("resolved_check"),
        "revoked_htlc_spent" => Ok("revoked_htlc_spent"),
        "second_stage_matured" => Ok("second_stage_matured"),
        "to_local_matured" => Ok("to_local_matured"),
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
            State::Init(v) => {
                w.u16(0u16);
            }
            State::AwaitOpen(v) => {
                w.u16(1u16);
                {
                    let r = v.local.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.var_bytes(&v.local_upfront.clone())?;
            }
            State::AwaitAccept(v) => {
                w.u16(2u16);
                w.u64((v.capacity.clone()).0);
                w.u64((v.push.clone()).0);
                w.bytes(&(v.temporary_channel_id.clone()).0);
                {
                    let r = v.local.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.var_bytes(&v.local_upfront.clone())?;
                w.u32(v.feerate.clone());
            }
            State::AwaitFundingBuilt(v) => {
                w.u16(3u16);
                w.u64((v.capacity.clone()).0);
                w.u64((v.push.clone()).0);
                w.bytes(&(v.temporary_channel_id.clone()).0);
                {
                    let r = v.local.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.var_bytes(&v.local_upfront.clone())?;
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                {
                    let r = v.peer.clone();
                    w.u64((r.dust_limit.clone()).0);
                    w.u16(r.to_self_delay.clone());
                    w.u64((r.channel_reserve.clone()).0);
                    w.u64((r.htlc_minimum.clone()).0);
                    w.u64((r.max_in_flight.clone()).0);
                    w.u16(r.max_accepted_htlcs.clone());
                    w.var_bytes(&r.upfront_shutdown.clone())?;
                    w.u32(r.minimum_depth.clone());
                }
                w.point(&v.remote_current_point.clone());
                w.u32(v.feerate.clone());
            }
            State::AwaitFundingCreated(v) => {
                w.u16(4u16);
                w.u64((v.capacity.clone()).0);
                w.u64((v.push.clone()).0);
                w.bytes(&(v.temporary_channel_id.clone()).0);
                {
                    let r = v.local.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.var_bytes(&v.local_upfront.clone())?;
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                {
                    let r = v.peer.clone();
                    w.u64((r.dust_limit.clone()).0);
                    w.u16(r.to_self_delay.clone());
                    w.u64((r.channel_reserve.clone()).0);
                    w.u64((r.htlc_minimum.clone()).0);
                    w.u64((r.max_in_flight.clone()).0);
                    w.u16(r.max_accepted_htlcs.clone());
                    w.var_bytes(&r.upfront_shutdown.clone())?;
                    w.u32(r.minimum_depth.clone());
                }
                w.point(&v.remote_current_point.clone());
                w.u32(v.feerate.clone());
            }
            State::AwaitFundingSigned(v) => {
                w.u16(5u16);
                w.u64((v.capacity.clone()).0);
                let op = v.funding.clone();
                w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid));
                w.u32(op.vout);
                w.bytes(&(v.channel_id.clone()).0);
                {
                    let r = v.local.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.var_bytes(&v.local_upfront.clone())?;
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                {
                    let r = v.peer.clone();
                    w.u64((r.dust_limit.clone()).0);
                    w.u16(r.to_self_delay.clone());
                    w.u64((r.channel_reserve.clone()).0);
                    w.u64((r.htlc_minimum.clone()).0);
                    w.u64((r.max_in_flight.clone()).0);
                    w.u16(r.max_accepted_htlcs.clone());
                    w.var_bytes(&r.upfront_shutdown.clone())?;
                    w.u32(r.minimum_depth.clone());
                }
                {
                    let r = v.local_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                w.point(&v.remote_current_point.clone());
            }
            State::AwaitLocked(v) => {
                w.u16(6u16);
                w.u64((v.capacity.clone()).0);
                let op = v.funding.clone();
                w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid));
                w.u32(op.vout);
                w.bytes(&(v.channel_id.clone()).0);
                {
                    let r = v.local.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.var_bytes(&v.local_upfront.clone())?;
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                {
                    let r = v.peer.clone();
                    w.u64((r.dust_limit.clone()).0);
                    w.u16(r.to_self_delay.clone());
                    w.u64((r.channel_reserve.clone()).0);
                    w.u64((r.htlc_minimum.clone()).0);
                    w.u64((r.max_in_flight.clone()).0);
                    w.u16(r.max_accepted_htlcs.clone());
                    w.var_bytes(&r.upfront_shutdown.clone())?;
                    w.u32(r.minimum_depth.clone());
                }
                {
                    let r = v.local_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                w.signature(&v.local_sig.clone());
                w.point(&v.remote_current_point.clone());
                w.point(&v.remote_point.clone());
                w.u8(u8::from(v.remote_ready.clone()));
                w.u32(v.funding_wait_from.clone());
                w.u8(u8::from(v.funding_seen.clone()));
            }
            State::Normal(v) => {
                w.u16(7u16);
                w.u64((v.capacity.clone()).0);
                let op = v.funding.clone();
                w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid));
                w.u32(op.vout);
                w.bytes(&(v.channel_id.clone()).0);
                {
                    let r = v.local.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.var_bytes(&v.local_upfront.clone())?;
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                {
                    let r = v.peer.clone();
                    w.u64((r.dust_limit.clone()).0);
                    w.u16(r.to_self_delay.clone());
                    w.u64((r.channel_reserve.clone()).0);
                    w.u64((r.htlc_minimum.clone()).0);
                    w.u64((r.max_in_flight.clone()).0);
                    w.u16(r.max_accepted_htlcs.clone());
                    w.var_bytes(&r.upfront_shutdown.clone())?;
                    w.u32(r.minimum_depth.clone());
                }
                {
                    let r = v.local_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                w.signature(&v.local_sig.clone());
                let items = v.local_htlc_sigs.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    w.signature(&x);
                }
                {
                    let r = v.remote_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                let items = v.to_sign.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let items = v.to_expect.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let items = v.unacked.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                w.u8(u8::from(v.awaiting_revoke.clone()));
                w.u64(v.next_htlc_id.clone());
                w.u64(v.next_remote_htlc_id.clone());
                w.point(&v.remote_prev_point.clone());
                w.point(&v.remote_current_point.clone());
                w.point(&v.remote_point.clone());
                w.u8(u8::from(v.remote_ready.clone()));
                w.var_bytes(&v.remote_secrets.clone())?;
                {
                    let r = v.remote_prev_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                let items = v.last_signed.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let a = v.preimages.clone();
                let n = u32::try_from(a.pending().len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: a.pending().len(),
                        max: u32::MAX as usize,
                    })?;
                w.u32(n);
                for (k, x) in a.pending().iter().cloned() {
                    w.var_bytes(&k)?;
                    w.bytes(&x);
                }
                let a = v.revoked_htlcs.clone();
                let n = u32::try_from(a.pending().len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: a.pending().len(),
                        max: u32::MAX as usize,
                    })?;
                w.u32(n);
                for (k, x) in a.pending().iter().cloned() {
                    w.bytes(&(k).to_be_bytes()[2..]);
                    let items = x;
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                }
            }
            State::Disconnected(v) => {
                w.u16(8u16);
                w.u64((v.capacity.clone()).0);
                let op = v.funding.clone();
                w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid));
                w.u32(op.vout);
                w.bytes(&(v.channel_id.clone()).0);
                {
                    let r = v.local.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.var_bytes(&v.local_upfront.clone())?;
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                {
                    let r = v.peer.clone();
                    w.u64((r.dust_limit.clone()).0);
                    w.u16(r.to_self_delay.clone());
                    w.u64((r.channel_reserve.clone()).0);
                    w.u64((r.htlc_minimum.clone()).0);
                    w.u64((r.max_in_flight.clone()).0);
                    w.u16(r.max_accepted_htlcs.clone());
                    w.var_bytes(&r.upfront_shutdown.clone())?;
                    w.u32(r.minimum_depth.clone());
                }
                {
                    let r = v.local_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                w.signature(&v.local_sig.clone());
                let items = v.local_htlc_sigs.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    w.signature(&x);
                }
                {
                    let r = v.remote_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                let items = v.to_sign.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let items = v.to_expect.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let items = v.unacked.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                w.u8(u8::from(v.awaiting_revoke.clone()));
                w.u64(v.next_htlc_id.clone());
                w.u64(v.next_remote_htlc_id.clone());
                w.point(&v.remote_prev_point.clone());
                w.point(&v.remote_current_point.clone());
                w.point(&v.remote_point.clone());
                w.u8(u8::from(v.remote_ready.clone()));
                w.var_bytes(&v.remote_secrets.clone())?;
                {
                    let r = v.remote_prev_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                let items = v.last_signed.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let a = v.preimages.clone();
                let n = u32::try_from(a.pending().len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: a.pending().len(),
                        max: u32::MAX as usize,
                    })?;
                w.u32(n);
                for (k, x) in a.pending().iter().cloned() {
                    w.var_bytes(&k)?;
                    w.bytes(&x);
                }
                let a = v.revoked_htlcs.clone();
                let n = u32::try_from(a.pending().len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: a.pending().len(),
                        max: u32::MAX as usize,
                    })?;
                w.u32(n);
                for (k, x) in a.pending().iter().cloned() {
                    w.bytes(&(k).to_be_bytes()[2..]);
                    let items = x;
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                }
                w.var_bytes(&v.local_script.clone())?;
                w.var_bytes(&v.remote_script.clone())?;
            }
            State::Reestablishing(v) => {
                w.u16(9u16);
                w.u64((v.capacity.clone()).0);
                let op = v.funding.clone();
                w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid));
                w.u32(op.vout);
                w.bytes(&(v.channel_id.clone()).0);
                {
                    let r = v.local.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.var_bytes(&v.local_upfront.clone())?;
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                {
                    let r = v.peer.clone();
                    w.u64((r.dust_limit.clone()).0);
                    w.u16(r.to_self_delay.clone());
                    w.u64((r.channel_reserve.clone()).0);
                    w.u64((r.htlc_minimum.clone()).0);
                    w.u64((r.max_in_flight.clone()).0);
                    w.u16(r.max_accepted_htlcs.clone());
                    w.var_bytes(&r.upfront_shutdown.clone())?;
                    w.u32(r.minimum_depth.clone());
                }
                {
                    let r = v.local_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                w.signature(&v.local_sig.clone());
                let items = v.local_htlc_sigs.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    w.signature(&x);
                }
                {
                    let r = v.remote_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                let items = v.to_sign.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let items = v.to_expect.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let items = v.unacked.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                w.u8(u8::from(v.awaiting_revoke.clone()));
                w.u64(v.next_htlc_id.clone());
                w.u64(v.next_remote_htlc_id.clone());
                w.point(&v.remote_prev_point.clone());
                w.point(&v.remote_current_point.clone());
                w.point(&v.remote_point.clone());
                w.u8(u8::from(v.remote_ready.clone()));
                w.var_bytes(&v.remote_secrets.clone())?;
                {
                    let r = v.remote_prev_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                let items = v.last_signed.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let a = v.preimages.clone();
                let n = u32::try_from(a.pending().len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: a.pending().len(),
                        max: u32::MAX as usize,
                    })?;
                w.u32(n);
                for (k, x) in a.pending().iter().cloned() {
                    w.var_bytes(&k)?;
                    w.bytes(&x);
                }
                let a = v.revoked_htlcs.clone();
                let n = u32::try_from(a.pending().len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: a.pending().len(),
                        max: u32::MAX as usize,
                    })?;
                w.u32(n);
                for (k, x) in a.pending().iter().cloned() {
                    w.bytes(&(k).to_be_bytes()[2..]);
                    let items = x;
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                }
                w.var_bytes(&v.local_script.clone())?;
                w.var_bytes(&v.remote_script.clone())?;
            }
            State::ShuttingDown(v) => {
                w.u16(10u16);
                w.u64((v.capacity.clone()).0);
                let op = v.funding.clone();
                w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid));
                w.u32(op.vout);
                w.bytes(&(v.channel_id.clone()).0);
                {
                    let r = v.local.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.var_bytes(&v.local_upfront.clone())?;
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                {
                    let r = v.peer.clone();
                    w.u64((r.dust_limit.clone()).0);
                    w.u16(r.to_self_delay.clone());
                    w.u64((r.channel_reserve.clone()).0);
                    w.u64((r.htlc_minimum.clone()).0);
                    w.u64((r.max_in_flight.clone()).0);
                    w.u16(r.max_accepted_htlcs.clone());
                    w.var_bytes(&r.upfront_shutdown.clone())?;
                    w.u32(r.minimum_depth.clone());
                }
                {
                    let r = v.local_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                w.signature(&v.local_sig.clone());
                let items = v.local_htlc_sigs.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    w.signature(&x);
                }
                {
                    let r = v.remote_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                let items = v.to_sign.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let items = v.to_expect.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let items = v.unacked.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                w.u8(u8::from(v.awaiting_revoke.clone()));
                w.u64(v.next_htlc_id.clone());
                w.u64(v.next_remote_htlc_id.clone());
                w.point(&v.remote_prev_point.clone());
                w.point(&v.remote_current_point.clone());
                w.point(&v.remote_point.clone());
                w.u8(u8::from(v.remote_ready.clone()));
                w.var_bytes(&v.remote_secrets.clone())?;
                {
                    let r = v.remote_prev_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                let items = v.last_signed.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let a = v.preimages.clone();
                let n = u32::try_from(a.pending().len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: a.pending().len(),
                        max: u32::MAX as usize,
                    })?;
                w.u32(n);
                for (k, x) in a.pending().iter().cloned() {
                    w.var_bytes(&k)?;
                    w.bytes(&x);
                }
                let a = v.revoked_htlcs.clone();
                let n = u32::try_from(a.pending().len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: a.pending().len(),
                        max: u32::MAX as usize,
                    })?;
                w.u32(n);
                for (k, x) in a.pending().iter().cloned() {
                    w.bytes(&(k).to_be_bytes()[2..]);
                    let items = x;
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                }
                w.var_bytes(&v.local_script.clone())?;
                w.var_bytes(&v.remote_script.clone())?;
            }
            State::Negotiating(v) => {
                w.u16(11u16);
                w.u64((v.capacity.clone()).0);
                let op = v.funding.clone();
                w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid));
                w.u32(op.vout);
                w.bytes(&(v.channel_id.clone()).0);
                {
                    let r = v.local.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.var_bytes(&v.local_upfront.clone())?;
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                {
                    let r = v.peer.clone();
                    w.u64((r.dust_limit.clone()).0);
                    w.u16(r.to_self_delay.clone());
                    w.u64((r.channel_reserve.clone()).0);
                    w.u64((r.htlc_minimum.clone()).0);
                    w.u64((r.max_in_flight.clone()).0);
                    w.u16(r.max_accepted_htlcs.clone());
                    w.var_bytes(&r.upfront_shutdown.clone())?;
                    w.u32(r.minimum_depth.clone());
                }
                {
                    let r = v.local_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                w.signature(&v.local_sig.clone());
                let items = v.local_htlc_sigs.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    w.signature(&x);
                }
                {
                    let r = v.remote_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                let items = v.to_sign.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let items = v.to_expect.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let items = v.unacked.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                w.u8(u8::from(v.awaiting_revoke.clone()));
                w.u64(v.next_htlc_id.clone());
                w.u64(v.next_remote_htlc_id.clone());
                w.point(&v.remote_prev_point.clone());
                w.point(&v.remote_current_point.clone());
                w.point(&v.remote_point.clone());
                w.u8(u8::from(v.remote_ready.clone()));
                w.var_bytes(&v.remote_secrets.clone())?;
                {
                    let r = v.remote_prev_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                let items = v.last_signed.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        w.u8(
                            match r.kind.clone() {
                                UpdateKind::AddHtlc => 0u8,
                                UpdateKind::FulfillHtlc => 1u8,
                                UpdateKind::FailHtlc => 2u8,
                                UpdateKind::FeeUpdate => 3u8,
                            },
                        );
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.feerate.clone());
                    }
                }
                let a = v.preimages.clone();
                let n = u32::try_from(a.pending().len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: a.pending().len(),
                        max: u32::MAX as usize,
                    })?;
                w.u32(n);
                for (k, x) in a.pending().iter().cloned() {
                    w.var_bytes(&k)?;
                    w.bytes(&x);
                }
                let a = v.revoked_htlcs.clone();
                let n = u32::try_from(a.pending().len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: a.pending().len(),
                        max: u32::MAX as usize,
                    })?;
                w.u32(n);
                for (k, x) in a.pending().iter().cloned() {
                    w.bytes(&(k).to_be_bytes()[2..]);
                    let items = x;
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                }
                w.var_bytes(&v.local_script.clone())?;
                w.var_bytes(&v.remote_script.clone())?;
                w.u64((v.proposed_fee.clone()).0);
            }
            State::ForceClosed(v) => {
                w.u16(12u16);
                w.u64((v.capacity.clone()).0);
                let op = v.funding.clone();
                w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid));
                w.u32(op.vout);
                w.bytes(&(v.channel_id.clone()).0);
                {
                    let r = v.local.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                {
                    let r = v.peer.clone();
                    w.u64((r.dust_limit.clone()).0);
                    w.u16(r.to_self_delay.clone());
                    w.u64((r.channel_reserve.clone()).0);
                    w.u64((r.htlc_minimum.clone()).0);
                    w.u64((r.max_in_flight.clone()).0);
                    w.u16(r.max_accepted_htlcs.clone());
                    w.var_bytes(&r.upfront_shutdown.clone())?;
                    w.u32(r.minimum_depth.clone());
                }
                {
                    let r = v.local_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                let items = v.local_htlc_sigs.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    w.signature(&x);
                }
                let a = v.preimages.clone();
                let n = u32::try_from(a.pending().len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: a.pending().len(),
                        max: u32::MAX as usize,
                    })?;
                w.u32(n);
                for (k, x) in a.pending().iter().cloned() {
                    w.var_bytes(&k)?;
                    w.bytes(&x);
                }
                w.bytes(
                    &<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(
                        v.commitment_txid.clone(),
                    ),
                );
                w.u8(u8::from(v.to_local_done.clone()));
                let items = v.pending_timeouts.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.vout.clone());
                    }
                }
                let items = v.pending_sweeps.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.vout.clone());
                    }
                }
            }
            State::RemoteClosed(v) => {
                w.u16(13u16);
                w.u64((v.capacity.clone()).0);
                let op = v.funding.clone();
                w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid));
                w.u32(op.vout);
                w.bytes(&(v.channel_id.clone()).0);
                {
                    let r = v.local.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                {
                    let r = v.peer.clone();
                    w.u64((r.dust_limit.clone()).0);
                    w.u16(r.to_self_delay.clone());
                    w.u64((r.channel_reserve.clone()).0);
                    w.u64((r.htlc_minimum.clone()).0);
                    w.u64((r.max_in_flight.clone()).0);
                    w.u16(r.max_accepted_htlcs.clone());
                    w.var_bytes(&r.upfront_shutdown.clone())?;
                    w.u32(r.minimum_depth.clone());
                }
                {
                    let r = v.their_commit.clone();
                    w.bytes(&(r.number.clone()).to_be_bytes()[2..]);
                    w.u64((r.to_local.clone()).0);
                    w.u64((r.to_remote.clone()).0);
                    let items = r.htlcs.clone();
                    let n = u16::try_from(items.len())
                        .map_err(|_| wire::WireError::TruncatedTooLong {
                            len: items.len(),
                            max: 65535,
                        })?;
                    w.u16(n);
                    for x in items {
                        {
                            let r = x;
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                    }
                    w.u32(r.feerate.clone());
                }
                w.point(&v.their_point.clone());
                w.bytes(
                    &<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(
                        v.commitment_txid.clone(),
                    ),
                );
                let a = v.preimages.clone();
                let n = u32::try_from(a.pending().len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: a.pending().len(),
                        max: u32::MAX as usize,
                    })?;
                w.u32(n);
                for (k, x) in a.pending().iter().cloned() {
                    w.var_bytes(&k)?;
                    w.bytes(&x);
                }
                let items = v.pending_timeouts.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    {
                        let r = x;
                        {
                            let r = r.htlc.clone();
                            w.u64(r.id.clone());
                            w.u64((r.amount.clone()).0);
                            w.u32(r.cltv_expiry.clone());
                            w.u8(u8::from(r.offered.clone()));
                            w.var_bytes(&r.lock.clone())?;
                        }
                        w.u32(r.vout.clone());
                    }
                }
            }
            State::Closed(v) => {
                w.u16(14u16);
                w.bytes(&(v.channel_id.clone()).0);
            }
            State::Punishing(v) => {
                w.u16(15u16);
                w.bytes(&(v.channel_id.clone()).0);
                {
                    let r = v.local.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.bytes(&(v.revoked.clone()).to_be_bytes()[2..]);
                w.bytes(&(v.revoked_secret.clone()).0);
                {
                    let r = v.revoked_keys.clone();
                    w.point(&r.revocation.clone());
                    w.point(&r.local_delayed.clone());
                    w.point(&r.remote_payment.clone());
                    w.point(&r.local_htlc.clone());
                    w.point(&r.remote_htlc.clone());
                    w.u16(r.to_self_delay.clone());
                    w.u64((r.dust_limit.clone()).0);
                }
                w.u32(v.feerate.clone());
                let items = v.contested.clone();
                let n = u16::try_from(items.len())
                    .map_err(|_| wire::WireError::TruncatedTooLong {
                        len: items.len(),
                        max: 65535,
                    })?;
                w.u16(n);
                for x in items {
                    let op = x;
                    w.bytes(
                        &<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid),
                    );
                    w.u32(op.vout);
                }
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
            0u16 => State::Init({ state::Init {} }),
            1u16 => {
                State::AwaitOpen({
                    let local = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let local_upfront = r.var_bytes()?.to_vec();
                    state::AwaitOpen {
                        local,
                        local_upfront,
                    }
                })
            }
            2u16 => {
                State::AwaitAccept({
                    let capacity = rt::Sat(r.u64()?);
                    let push = rt::Msat(r.u64()?);
                    let temporary_channel_id = rt::ChannelId(r.array()?);
                    let local = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let local_upfront = r.var_bytes()?.to_vec();
                    let feerate = r.u32()?;
                    state::AwaitAccept {
                        capacity,
                        push,
                        temporary_channel_id,
                        local,
                        local_upfront,
                        feerate,
                    }
                })
            }
            3u16 => {
                State::AwaitFundingBuilt({
                    let capacity = rt::Sat(r.u64()?);
                    let push = rt::Msat(r.u64()?);
                    let temporary_channel_id = rt::ChannelId(r.array()?);
                    let local = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let local_upfront = r.var_bytes()?.to_vec();
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let peer = PeerLimits {
                        dust_limit: rt::Sat(r.u64()?),
                        to_self_delay: r.u16()?,
                        channel_reserve: rt::Sat(r.u64()?),
                        htlc_minimum: rt::Msat(r.u64()?),
                        max_in_flight: rt::Msat(r.u64()?),
                        max_accepted_htlcs: r.u16()?,
                        upfront_shutdown: r.var_bytes()?.to_vec(),
                        minimum_depth: r.u32()?,
                    };
                    let remote_current_point = r.point()?;
                    let feerate = r.u32()?;
                    state::AwaitFundingBuilt {
                        capacity,
                        push,
                        temporary_channel_id,
                        local,
                        local_upfront,
                        remote,
                        peer,
                        remote_current_point,
                        feerate,
                    }
                })
            }
            4u16 => {
                State::AwaitFundingCreated({
                    let capacity = rt::Sat(r.u64()?);
                    let push = rt::Msat(r.u64()?);
                    let temporary_channel_id = rt::ChannelId(r.array()?);
                    let local = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let local_upfront = r.var_bytes()?.to_vec();
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let peer = PeerLimits {
                        dust_limit: rt::Sat(r.u64()?),
                        to_self_delay: r.u16()?,
                        channel_reserve: rt::Sat(r.u64()?),
                        htlc_minimum: rt::Msat(r.u64()?),
                        max_in_flight: rt::Msat(r.u64()?),
                        max_accepted_htlcs: r.u16()?,
                        upfront_shutdown: r.var_bytes()?.to_vec(),
                        minimum_depth: r.u32()?,
                    };
                    let remote_current_point = r.point()?;
                    let feerate = r.u32()?;
                    state::AwaitFundingCreated {
                        capacity,
                        push,
                        temporary_channel_id,
                        local,
                        local_upfront,
                        remote,
                        peer,
                        remote_current_point,
                        feerate,
                    }
                })
            }
            5u16 => {
                State::AwaitFundingSigned({
                    let capacity = rt::Sat(r.u64()?);
                    let funding = rt::OutPoint {
                        txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        ),
                        vout: r.u32()?,
                    };
                    let channel_id = rt::ChannelId(r.array()?);
                    let local = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let local_upfront = r.var_bytes()?.to_vec();
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let peer = PeerLimits {
                        dust_limit: rt::Sat(r.u64()?),
                        to_self_delay: r.u16()?,
                        channel_reserve: rt::Sat(r.u64()?),
                        htlc_minimum: rt::Msat(r.u64()?),
                        max_in_flight: rt::Msat(r.u64()?),
                        max_accepted_htlcs: r.u16()?,
                        upfront_shutdown: r.var_bytes()?.to_vec(),
                        minimum_depth: r.u32()?,
                    };
                    let local_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let remote_current_point = r.point()?;
                    state::AwaitFundingSigned {
                        capacity,
                        funding,
                        channel_id,
                        local,
                        local_upfront,
                        remote,
                        peer,
                        local_commit,
                        remote_current_point,
                    }
                })
            }
            6u16 => {
                State::AwaitLocked({
                    let capacity = rt::Sat(r.u64()?);
                    let funding = rt::OutPoint {
                        txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        ),
                        vout: r.u32()?,
                    };
                    let channel_id = rt::ChannelId(r.array()?);
                    let local = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let local_upfront = r.var_bytes()?.to_vec();
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let peer = PeerLimits {
                        dust_limit: rt::Sat(r.u64()?),
                        to_self_delay: r.u16()?,
                        channel_reserve: rt::Sat(r.u64()?),
                        htlc_minimum: rt::Msat(r.u64()?),
                        max_in_flight: rt::Msat(r.u64()?),
                        max_accepted_htlcs: r.u16()?,
                        upfront_shutdown: r.var_bytes()?.to_vec(),
                        minimum_depth: r.u32()?,
                    };
                    let local_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let local_sig = r.signature()?;
                    let remote_current_point = r.point()?;
                    let remote_point = r.point()?;
                    let remote_ready = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    let funding_wait_from = r.u32()?;
                    let funding_seen = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    state::AwaitLocked {
                        capacity,
                        funding,
                        channel_id,
                        local,
                        local_upfront,
                        remote,
                        peer,
                        local_commit,
                        local_sig,
                        remote_current_point,
                        remote_point,
                        remote_ready,
                        funding_wait_from,
                        funding_seen,
                    }
                })
            }
            7u16 => {
                State::Normal({
                    let capacity = rt::Sat(r.u64()?);
                    let funding = rt::OutPoint {
                        txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        ),
                        vout: r.u32()?,
                    };
                    let channel_id = rt::ChannelId(r.array()?);
                    let local = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let local_upfront = r.var_bytes()?.to_vec();
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let peer = PeerLimits {
                        dust_limit: rt::Sat(r.u64()?),
                        to_self_delay: r.u16()?,
                        channel_reserve: rt::Sat(r.u64()?),
                        htlc_minimum: rt::Msat(r.u64()?),
                        max_in_flight: rt::Msat(r.u64()?),
                        max_accepted_htlcs: r.u16()?,
                        upfront_shutdown: r.var_bytes()?.to_vec(),
                        minimum_depth: r.u32()?,
                    };
                    let local_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let local_sig = r.signature()?;
                    let local_htlc_sigs = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items.push(r.signature()?);
                        }
                        items
                    };
                    let remote_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let to_sign = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let to_expect = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let unacked = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let awaiting_revoke = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    let next_htlc_id = r.u64()?;
                    let next_remote_htlc_id = r.u64()?;
                    let remote_prev_point = r.point()?;
                    let remote_current_point = r.point()?;
                    let remote_point = r.point()?;
                    let remote_ready = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    let remote_secrets = r.var_bytes()?.to_vec();
                    let remote_prev_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let last_signed = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let preimages = {
                        let n = r.u32()?;
                        let mut items = Vec::with_capacity(
                            (n as usize).min(r.remaining()),
                        );
                        for _ in 0..n {
                            let k = r.var_bytes()?.to_vec();
                            let x = r.array()?;
                            items.push((k, x));
                        }
                        rt::Archive::from_pending(items)
                    };
                    let revoked_htlcs = {
                        let n = r.u32()?;
                        let mut items = Vec::with_capacity(
                            (n as usize).min(r.remaining()),
                        );
                        for _ in 0..n {
                            let k = {
                                let b = r.bytes(6)?;
                                b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                            };
                            let x = {
                                let n = r.u16()?;
                                let mut items = Vec::with_capacity(
                                    usize::from(n).min(r.remaining()),
                                );
                                for _ in 0..n {
                                    items
                                        .push(Pending {
                                            id: r.u64()?,
                                            amount: rt::Msat(r.u64()?),
                                            cltv_expiry: r.u32()?,
                                            offered: match r.u8()? {
                                                0 => false,
                                                1 => true,
                                                _ => return Err(wire::WireError::NonMinimalTruncated),
                                            },
                                            lock: r.var_bytes()?.to_vec(),
                                        });
                                }
                                items
                            };
                            items.push((k, x));
                        }
                        rt::Archive::from_pending(items)
                    };
                    state::Normal {
                        capacity,
                        funding,
                        channel_id,
                        local,
                        local_upfront,
                        remote,
                        peer,
                        local_commit,
                        local_sig,
                        local_htlc_sigs,
                        remote_commit,
                        to_sign,
                        to_expect,
                        unacked,
                        awaiting_revoke,
                        next_htlc_id,
                        next_remote_htlc_id,
                        remote_prev_point,
                        remote_current_point,
                        remote_point,
                        remote_ready,
                        remote_secrets,
                        remote_prev_commit,
                        last_signed,
                        preimages,
                        revoked_htlcs,
                    }
                })
            }
            8u16 => {
                State::Disconnected({
                    let capacity = rt::Sat(r.u64()?);
                    let funding = rt::OutPoint {
                        txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        ),
                        vout: r.u32()?,
                    };
                    let channel_id = rt::ChannelId(r.array()?);
                    let local = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let local_upfront = r.var_bytes()?.to_vec();
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let peer = PeerLimits {
                        dust_limit: rt::Sat(r.u64()?),
                        to_self_delay: r.u16()?,
                        channel_reserve: rt::Sat(r.u64()?),
                        htlc_minimum: rt::Msat(r.u64()?),
                        max_in_flight: rt::Msat(r.u64()?),
                        max_accepted_htlcs: r.u16()?,
                        upfront_shutdown: r.var_bytes()?.to_vec(),
                        minimum_depth: r.u32()?,
                    };
                    let local_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let local_sig = r.signature()?;
                    let local_htlc_sigs = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items.push(r.signature()?);
                        }
                        items
                    };
                    let remote_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let to_sign = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let to_expect = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let unacked = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let awaiting_revoke = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    let next_htlc_id = r.u64()?;
                    let next_remote_htlc_id = r.u64()?;
                    let remote_prev_point = r.point()?;
                    let remote_current_point = r.point()?;
                    let remote_point = r.point()?;
                    let remote_ready = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    let remote_secrets = r.var_bytes()?.to_vec();
                    let remote_prev_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let last_signed = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let preimages = {
                        let n = r.u32()?;
                        let mut items = Vec::with_capacity(
                            (n as usize).min(r.remaining()),
                        );
                        for _ in 0..n {
                            let k = r.var_bytes()?.to_vec();
                            let x = r.array()?;
                            items.push((k, x));
                        }
                        rt::Archive::from_pending(items)
                    };
                    let revoked_htlcs = {
                        let n = r.u32()?;
                        let mut items = Vec::with_capacity(
                            (n as usize).min(r.remaining()),
                        );
                        for _ in 0..n {
                            let k = {
                                let b = r.bytes(6)?;
                                b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                            };
                            let x = {
                                let n = r.u16()?;
                                let mut items = Vec::with_capacity(
                                    usize::from(n).min(r.remaining()),
                                );
                                for _ in 0..n {
                                    items
                                        .push(Pending {
                                            id: r.u64()?,
                                            amount: rt::Msat(r.u64()?),
                                            cltv_expiry: r.u32()?,
                                            offered: match r.u8()? {
                                                0 => false,
                                                1 => true,
                                                _ => return Err(wire::WireError::NonMinimalTruncated),
                                            },
                                            lock: r.var_bytes()?.to_vec(),
                                        });
                                }
                                items
                            };
                            items.push((k, x));
                        }
                        rt::Archive::from_pending(items)
                    };
                    let local_script = r.var_bytes()?.to_vec();
                    let remote_script = r.var_bytes()?.to_vec();
                    state::Disconnected {
                        capacity,
                        funding,
                        channel_id,
                        local,
                        local_upfront,
                        remote,
                        peer,
                        local_commit,
                        local_sig,
                        local_htlc_sigs,
                        remote_commit,
                        to_sign,
                        to_expect,
                        unacked,
                        awaiting_revoke,
                        next_htlc_id,
                        next_remote_htlc_id,
                        remote_prev_point,
                        remote_current_point,
                        remote_point,
                        remote_ready,
                        remote_secrets,
                        remote_prev_commit,
                        last_signed,
                        preimages,
                        revoked_htlcs,
                        local_script,
                        remote_script,
                    }
                })
            }
            9u16 => {
                State::Reestablishing({
                    let capacity = rt::Sat(r.u64()?);
                    let funding = rt::OutPoint {
                        txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        ),
                        vout: r.u32()?,
                    };
                    let channel_id = rt::ChannelId(r.array()?);
                    let local = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let local_upfront = r.var_bytes()?.to_vec();
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let peer = PeerLimits {
                        dust_limit: rt::Sat(r.u64()?),
                        to_self_delay: r.u16()?,
                        channel_reserve: rt::Sat(r.u64()?),
                        htlc_minimum: rt::Msat(r.u64()?),
                        max_in_flight: rt::Msat(r.u64()?),
                        max_accepted_htlcs: r.u16()?,
                        upfront_shutdown: r.var_bytes()?.to_vec(),
                        minimum_depth: r.u32()?,
                    };
                    let local_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let local_sig = r.signature()?;
                    let local_htlc_sigs = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items.push(r.signature()?);
                        }
                        items
                    };
                    let remote_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let to_sign = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let to_expect = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let unacked = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let awaiting_revoke = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    let next_htlc_id = r.u64()?;
                    let next_remote_htlc_id = r.u64()?;
                    let remote_prev_point = r.point()?;
                    let remote_current_point = r.point()?;
                    let remote_point = r.point()?;
                    let remote_ready = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    let remote_secrets = r.var_bytes()?.to_vec();
                    let remote_prev_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let last_signed = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let preimages = {
                        let n = r.u32()?;
                        let mut items = Vec::with_capacity(
                            (n as usize).min(r.remaining()),
                        );
                        for _ in 0..n {
                            let k = r.var_bytes()?.to_vec();
                            let x = r.array()?;
                            items.push((k, x));
                        }
                        rt::Archive::from_pending(items)
                    };
                    let revoked_htlcs = {
                        let n = r.u32()?;
                        let mut items = Vec::with_capacity(
                            (n as usize).min(r.remaining()),
                        );
                        for _ in 0..n {
                            let k = {
                                let b = r.bytes(6)?;
                                b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                            };
                            let x = {
                                let n = r.u16()?;
                                let mut items = Vec::with_capacity(
                                    usize::from(n).min(r.remaining()),
                                );
                                for _ in 0..n {
                                    items
                                        .push(Pending {
                                            id: r.u64()?,
                                            amount: rt::Msat(r.u64()?),
                                            cltv_expiry: r.u32()?,
                                            offered: match r.u8()? {
                                                0 => false,
                                                1 => true,
                                                _ => return Err(wire::WireError::NonMinimalTruncated),
                                            },
                                            lock: r.var_bytes()?.to_vec(),
                                        });
                                }
                                items
                            };
                            items.push((k, x));
                        }
                        rt::Archive::from_pending(items)
                    };
                    let local_script = r.var_bytes()?.to_vec();
                    let remote_script = r.var_bytes()?.to_vec();
                    state::Reestablishing {
                        capacity,
                        funding,
                        channel_id,
                        local,
                        local_upfront,
                        remote,
                        peer,
                        local_commit,
                        local_sig,
                        local_htlc_sigs,
                        remote_commit,
                        to_sign,
                        to_expect,
                        unacked,
                        awaiting_revoke,
                        next_htlc_id,
                        next_remote_htlc_id,
                        remote_prev_point,
                        remote_current_point,
                        remote_point,
                        remote_ready,
                        remote_secrets,
                        remote_prev_commit,
                        last_signed,
                        preimages,
                        revoked_htlcs,
                        local_script,
                        remote_script,
                    }
                })
            }
            10u16 => {
                State::ShuttingDown({
                    let capacity = rt::Sat(r.u64()?);
                    let funding = rt::OutPoint {
                        txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        ),
                        vout: r.u32()?,
                    };
                    let channel_id = rt::ChannelId(r.array()?);
                    let local = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let local_upfront = r.var_bytes()?.to_vec();
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let peer = PeerLimits {
                        dust_limit: rt::Sat(r.u64()?),
                        to_self_delay: r.u16()?,
                        channel_reserve: rt::Sat(r.u64()?),
                        htlc_minimum: rt::Msat(r.u64()?),
                        max_in_flight: rt::Msat(r.u64()?),
                        max_accepted_htlcs: r.u16()?,
                        upfront_shutdown: r.var_bytes()?.to_vec(),
                        minimum_depth: r.u32()?,
                    };
                    let local_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let local_sig = r.signature()?;
                    let local_htlc_sigs = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items.push(r.signature()?);
                        }
                        items
                    };
                    let remote_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let to_sign = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let to_expect = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let unacked = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let awaiting_revoke = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    let next_htlc_id = r.u64()?;
                    let next_remote_htlc_id = r.u64()?;
                    let remote_prev_point = r.point()?;
                    let remote_current_point = r.point()?;
                    let remote_point = r.point()?;
                    let remote_ready = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    let remote_secrets = r.var_bytes()?.to_vec();
                    let remote_prev_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let last_signed = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let preimages = {
                        let n = r.u32()?;
                        let mut items = Vec::with_capacity(
                            (n as usize).min(r.remaining()),
                        );
                        for _ in 0..n {
                            let k = r.var_bytes()?.to_vec();
                            let x = r.array()?;
                            items.push((k, x));
                        }
                        rt::Archive::from_pending(items)
                    };
                    let revoked_htlcs = {
                        let n = r.u32()?;
                        let mut items = Vec::with_capacity(
                            (n as usize).min(r.remaining()),
                        );
                        for _ in 0..n {
                            let k = {
                                let b = r.bytes(6)?;
                                b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                            };
                            let x = {
                                let n = r.u16()?;
                                let mut items = Vec::with_capacity(
                                    usize::from(n).min(r.remaining()),
                                );
                                for _ in 0..n {
                                    items
                                        .push(Pending {
                                            id: r.u64()?,
                                            amount: rt::Msat(r.u64()?),
                                            cltv_expiry: r.u32()?,
                                            offered: match r.u8()? {
                                                0 => false,
                                                1 => true,
                                                _ => return Err(wire::WireError::NonMinimalTruncated),
                                            },
                                            lock: r.var_bytes()?.to_vec(),
                                        });
                                }
                                items
                            };
                            items.push((k, x));
                        }
                        rt::Archive::from_pending(items)
                    };
                    let local_script = r.var_bytes()?.to_vec();
                    let remote_script = r.var_bytes()?.to_vec();
                    state::ShuttingDown {
                        capacity,
                        funding,
                        channel_id,
                        local,
                        local_upfront,
                        remote,
                        peer,
                        local_commit,
                        local_sig,
                        local_htlc_sigs,
                        remote_commit,
                        to_sign,
                        to_expect,
                        unacked,
                        awaiting_revoke,
                        next_htlc_id,
                        next_remote_htlc_id,
                        remote_prev_point,
                        remote_current_point,
                        remote_point,
                        remote_ready,
                        remote_secrets,
                        remote_prev_commit,
                        last_signed,
                        preimages,
                        revoked_htlcs,
                        local_script,
                        remote_script,
                    }
                })
            }
            11u16 => {
                State::Negotiating({
                    let capacity = rt::Sat(r.u64()?);
                    let funding = rt::OutPoint {
                        txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        ),
                        vout: r.u32()?,
                    };
                    let channel_id = rt::ChannelId(r.array()?);
                    let local = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let local_upfront = r.var_bytes()?.to_vec();
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let peer = PeerLimits {
                        dust_limit: rt::Sat(r.u64()?),
                        to_self_delay: r.u16()?,
                        channel_reserve: rt::Sat(r.u64()?),
                        htlc_minimum: rt::Msat(r.u64()?),
                        max_in_flight: rt::Msat(r.u64()?),
                        max_accepted_htlcs: r.u16()?,
                        upfront_shutdown: r.var_bytes()?.to_vec(),
                        minimum_depth: r.u32()?,
                    };
                    let local_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let local_sig = r.signature()?;
                    let local_htlc_sigs = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items.push(r.signature()?);
                        }
                        items
                    };
                    let remote_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let to_sign = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let to_expect = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let unacked = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let awaiting_revoke = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    let next_htlc_id = r.u64()?;
                    let next_remote_htlc_id = r.u64()?;
                    let remote_prev_point = r.point()?;
                    let remote_current_point = r.point()?;
                    let remote_point = r.point()?;
                    let remote_ready = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    let remote_secrets = r.var_bytes()?.to_vec();
                    let remote_prev_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let last_signed = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Update {
                                    kind: match r.u8()? {
                                        0u8 => UpdateKind::AddHtlc,
                                        1u8 => UpdateKind::FulfillHtlc,
                                        2u8 => UpdateKind::FailHtlc,
                                        3u8 => UpdateKind::FeeUpdate,
                                        _ => return Err(wire::WireError::NonMinimalTruncated),
                                    },
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    feerate: r.u32()?,
                                });
                        }
                        items
                    };
                    let preimages = {
                        let n = r.u32()?;
                        let mut items = Vec::with_capacity(
                            (n as usize).min(r.remaining()),
                        );
                        for _ in 0..n {
                            let k = r.var_bytes()?.to_vec();
                            let x = r.array()?;
                            items.push((k, x));
                        }
                        rt::Archive::from_pending(items)
                    };
                    let revoked_htlcs = {
                        let n = r.u32()?;
                        let mut items = Vec::with_capacity(
                            (n as usize).min(r.remaining()),
                        );
                        for _ in 0..n {
                            let k = {
                                let b = r.bytes(6)?;
                                b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                            };
                            let x = {
                                let n = r.u16()?;
                                let mut items = Vec::with_capacity(
                                    usize::from(n).min(r.remaining()),
                                );
                                for _ in 0..n {
                                    items
                                        .push(Pending {
                                            id: r.u64()?,
                                            amount: rt::Msat(r.u64()?),
                                            cltv_expiry: r.u32()?,
                                            offered: match r.u8()? {
                                                0 => false,
                                                1 => true,
                                                _ => return Err(wire::WireError::NonMinimalTruncated),
                                            },
                                            lock: r.var_bytes()?.to_vec(),
                                        });
                                }
                                items
                            };
                            items.push((k, x));
                        }
                        rt::Archive::from_pending(items)
                    };
                    let local_script = r.var_bytes()?.to_vec();
                    let remote_script = r.var_bytes()?.to_vec();
                    let proposed_fee = rt::Sat(r.u64()?);
                    state::Negotiating {
                        capacity,
                        funding,
                        channel_id,
                        local,
                        local_upfront,
                        remote,
                        peer,
                        local_commit,
                        local_sig,
                        local_htlc_sigs,
                        remote_commit,
                        to_sign,
                        to_expect,
                        unacked,
                        awaiting_revoke,
                        next_htlc_id,
                        next_remote_htlc_id,
                        remote_prev_point,
                        remote_current_point,
                        remote_point,
                        remote_ready,
                        remote_secrets,
                        remote_prev_commit,
                        last_signed,
                        preimages,
                        revoked_htlcs,
                        local_script,
                        remote_script,
                        proposed_fee,
                    }
                })
            }
            12u16 => {
                State::ForceClosed({
                    let capacity = rt::Sat(r.u64()?);
                    let funding = rt::OutPoint {
                        txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        ),
                        vout: r.u32()?,
                    };
                    let channel_id = rt::ChannelId(r.array()?);
                    let local = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let peer = PeerLimits {
                        dust_limit: rt::Sat(r.u64()?),
                        to_self_delay: r.u16()?,
                        channel_reserve: rt::Sat(r.u64()?),
                        htlc_minimum: rt::Msat(r.u64()?),
                        max_in_flight: rt::Msat(r.u64()?),
                        max_accepted_htlcs: r.u16()?,
                        upfront_shutdown: r.var_bytes()?.to_vec(),
                        minimum_depth: r.u32()?,
                    };
                    let local_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let local_htlc_sigs = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items.push(r.signature()?);
                        }
                        items
                    };
                    let preimages = {
                        let n = r.u32()?;
                        let mut items = Vec::with_capacity(
                            (n as usize).min(r.remaining()),
                        );
                        for _ in 0..n {
                            let k = r.var_bytes()?.to_vec();
                            let x = r.array()?;
                            items.push((k, x));
                        }
                        rt::Archive::from_pending(items)
                    };
                    let commitment_txid = <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                        r.array()?,
                    );
                    let to_local_done = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    let pending_timeouts = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Claim {
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    vout: r.u32()?,
                                });
                        }
                        items
                    };
                    let pending_sweeps = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Claim {
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    vout: r.u32()?,
                                });
                        }
                        items
                    };
                    state::ForceClosed {
                        capacity,
                        funding,
                        channel_id,
                        local,
                        remote,
                        peer,
                        local_commit,
                        local_htlc_sigs,
                        preimages,
                        commitment_txid,
                        to_local_done,
                        pending_timeouts,
                        pending_sweeps,
                    }
                })
            }
            13u16 => {
                State::RemoteClosed({
                    let capacity = rt::Sat(r.u64()?);
                    let funding = rt::OutPoint {
                        txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        ),
                        vout: r.u32()?,
                    };
                    let channel_id = rt::ChannelId(r.array()?);
                    let local = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let peer = PeerLimits {
                        dust_limit: rt::Sat(r.u64()?),
                        to_self_delay: r.u16()?,
                        channel_reserve: rt::Sat(r.u64()?),
                        htlc_minimum: rt::Msat(r.u64()?),
                        max_in_flight: rt::Msat(r.u64()?),
                        max_accepted_htlcs: r.u16()?,
                        upfront_shutdown: r.var_bytes()?.to_vec(),
                        minimum_depth: r.u32()?,
                    };
                    let their_commit = CommitView {
                        number: {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        },
                        to_local: rt::Msat(r.u64()?),
                        to_remote: rt::Msat(r.u64()?),
                        htlcs: {
                            let n = r.u16()?;
                            let mut items = Vec::with_capacity(
                                usize::from(n).min(r.remaining()),
                            );
                            for _ in 0..n {
                                items
                                    .push(Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    });
                            }
                            items
                        },
                        feerate: r.u32()?,
                    };
                    let their_point = r.point()?;
                    let commitment_txid = <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                        r.array()?,
                    );
                    let preimages = {
                        let n = r.u32()?;
                        let mut items = Vec::with_capacity(
                            (n as usize).min(r.remaining()),
                        );
                        for _ in 0..n {
                            let k = r.var_bytes()?.to_vec();
                            let x = r.array()?;
                            items.push((k, x));
                        }
                        rt::Archive::from_pending(items)
                    };
                    let pending_timeouts = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(Claim {
                                    htlc: Pending {
                                        id: r.u64()?,
                                        amount: rt::Msat(r.u64()?),
                                        cltv_expiry: r.u32()?,
                                        offered: match r.u8()? {
                                            0 => false,
                                            1 => true,
                                            _ => return Err(wire::WireError::NonMinimalTruncated),
                                        },
                                        lock: r.var_bytes()?.to_vec(),
                                    },
                                    vout: r.u32()?,
                                });
                        }
                        items
                    };
                    state::RemoteClosed {
                        capacity,
                        funding,
                        channel_id,
                        local,
                        remote,
                        peer,
                        their_commit,
                        their_point,
                        commitment_txid,
                        preimages,
                        pending_timeouts,
                    }
                })
            }
            14u16 => {
                State::Closed({
                    let channel_id = rt::ChannelId(r.array()?);
                    state::Closed { channel_id }
                })
            }
            15u16 => {
                State::Punishing({
                    let channel_id = rt::ChannelId(r.array()?);
                    let local = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let revoked = {
                        let b = r.bytes(6)?;
                        b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                    };
                    let revoked_secret = rt::Secret(r.array()?);
                    let revoked_keys = CommitKeys {
                        revocation: r.point()?,
                        local_delayed: r.point()?,
                        remote_payment: r.point()?,
                        local_htlc: r.point()?,
                        remote_htlc: r.point()?,
                        to_self_delay: r.u16()?,
                        dust_limit: rt::Sat(r.u64()?),
                    };
                    let feerate = r.u32()?;
                    let contested = {
                        let n = r.u16()?;
                        let mut items = Vec::with_capacity(
                            usize::from(n).min(r.remaining()),
                        );
                        for _ in 0..n {
                            items
                                .push(rt::OutPoint {
                                    txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                                        r.array()?,
                                    ),
                                    vout: r.u32()?,
                                });
                        }
                        items
                    };
                    state::Punishing {
                        channel_id,
                        local,
                        revoked,
                        revoked_secret,
                        revoked_keys,
                        feerate,
                        contested,
                    }
                })
            }
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
            Event::ChannelOpened(v) => {
                w.u16(1u16);
                w.bytes(&(v.channel_id.clone()).0);
            }
            Event::Committed(v) => {
                w.u16(2u16);
                w.bytes(&(v.number.clone()).to_be_bytes()[2..]);
                w.u64((v.to_local.clone()).0);
                w.u64((v.to_remote.clone()).0);
                w.u64(v.htlcs.clone());
            }
            Event::PaymentLockedIn(v) => {
                w.u16(3u16);
                w.u64(v.id.clone());
                w.u64((v.amount.clone()).0);
                w.var_bytes(&v.lock.clone())?;
            }
            Event::ChannelClosed(v) => {
                w.u16(4u16);
                w.bytes(&(v.channel_id.clone()).0);
                w.bytes(
                    &<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(v.txid.clone()),
                );
                w.u64((v.to_local.clone()).0);
                w.u64((v.to_remote.clone()).0);
            }
            Event::HtlcDropped(v) => {
                w.u16(5u16);
                w.u64(v.id.clone());
            }
            Event::ChannelForgotten(v) => {
                w.u16(6u16);
                w.bytes(&(v.channel_id.clone()).0);
            }
            Event::ForceClosed(v) => {
                w.u16(7u16);
                w.bytes(&(v.channel_id.clone()).0);
                w.bytes(
                    &<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(v.txid.clone()),
                );
            }
            Event::Swept(v) => {
                w.u16(8u16);
                w.bytes(
                    &<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(v.txid.clone()),
                );
                w.u64((v.amount.clone()).0);
            }
            Event::HtlcReceived(v) => {
                w.u16(9u16);
                w.u64(v.id.clone());
                w.u64((v.amount.clone()).0);
                w.bytes(&(v.payment_hash.clone()).0);
                w.u32(v.cltv_expiry.clone());
                w.bytes(&v.onion.clone());
            }
            Event::HtlcSettled(v) => {
                w.u16(10u16);
                w.u64(v.id.clone());
                w.bytes(&v.preimage.clone());
            }
            Event::HtlcFailed(v) => {
                w.u16(11u16);
                w.u64(v.id.clone());
                w.var_bytes(&v.reason.clone())?;
                w.u16(v.failure_code.clone());
            }
            Event::HtlcResolved(v) => {
                w.u16(12u16);
                w.u64(v.id.clone());
                w.u8(u8::from(v.offered.clone()));
                w.bytes(
                    &<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(v.txid.clone()),
                );
            }
            Event::DeadlinePassed(v) => {
                w.u16(13u16);
                w.u64(v.id.clone());
                w.u8(u8::from(v.offered.clone()));
                w.u32(v.cltv_expiry.clone());
                w.u32(v.height.clone());
            }
            Event::Penalized(v) => {
                w.u16(14u16);
                w.bytes(&(v.revoked.clone()).to_be_bytes()[2..]);
                w.bytes(
                    &<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(v.txid.clone()),
                );
                w.u64((v.amount.clone()).0);
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
                    Event::ChannelOpened({
                        let channel_id = rt::ChannelId(r.array()?);
                        ChannelOpened { channel_id }
                    })
                }
                2u16 => {
                    Event::Committed({
                        let number = {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        };
                        let to_local = rt::Msat(r.u64()?);
                        let to_remote = rt::Msat(r.u64()?);
                        let htlcs = r.u64()?;
                        Committed {
                            number,
                            to_local,
                            to_remote,
                            htlcs,
                        }
                    })
                }
                3u16 => {
                    Event::PaymentLockedIn({
                        let id = r.u64()?;
                        let amount = rt::Msat(r.u64()?);
                        let lock = r.var_bytes()?.to_vec();
                        PaymentLockedIn {
                            id,
                            amount,
                            lock,
                        }
                    })
                }
                4u16 => {
                    Event::ChannelClosed({
                        let channel_id = rt::ChannelId(r.array()?);
                        let txid = <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        );
                        let to_local = rt::Sat(r.u64()?);
                        let to_remote = rt::Sat(r.u64()?);
                        ChannelClosed {
                            channel_id,
                            txid,
                            to_local,
                            to_remote,
                        }
                    })
                }
                5u16 => {
                    Event::HtlcDropped({
                        let id = r.u64()?;
                        HtlcDropped { id }
                    })
                }
                6u16 => {
                    Event::ChannelForgotten({
                        let channel_id = rt::ChannelId(r.array()?);
                        ChannelForgotten { channel_id }
                    })
                }
                7u16 => {
                    Event::ForceClosed({
                        let channel_id = rt::ChannelId(r.array()?);
                        let txid = <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        );
                        ForceClosed { channel_id, txid }
                    })
                }
                8u16 => {
                    Event::Swept({
                        let txid = <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        );
                        let amount = rt::Sat(r.u64()?);
                        Swept { txid, amount }
                    })
                }
                9u16 => {
                    Event::HtlcReceived({
                        let id = r.u64()?;
                        let amount = rt::Msat(r.u64()?);
                        let payment_hash = rt::Hash256(r.array()?);
                        let cltv_expiry = r.u32()?;
                        let onion = r.array()?;
                        HtlcReceived {
                            id,
                            amount,
                            payment_hash,
                            cltv_expiry,
                            onion,
                        }
                    })
                }
                10u16 => {
                    Event::HtlcSettled({
                        let id = r.u64()?;
                        let preimage = r.array()?;
                        HtlcSettled { id, preimage }
                    })
                }
                11u16 => {
                    Event::HtlcFailed({
                        let id = r.u64()?;
                        let reason = r.var_bytes()?.to_vec();
                        let failure_code = r.u16()?;
                        HtlcFailed {
                            id,
                            reason,
                            failure_code,
                        }
                    })
                }
                12u16 => {
                    Event::HtlcResolved({
                        let id = r.u64()?;
                        let offered = match r.u8()? {
                            0 => false,
                            1 => true,
                            _ => return Err(wire::WireError::NonMinimalTruncated),
                        };
                        let txid = <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        );
                        HtlcResolved { id, offered, txid }
                    })
                }
                13u16 => {
                    Event::DeadlinePassed({
                        let id = r.u64()?;
                        let offered = match r.u8()? {
                            0 => false,
                            1 => true,
                            _ => return Err(wire::WireError::NonMinimalTruncated),
                        };
                        let cltv_expiry = r.u32()?;
                        let height = r.u32()?;
                        DeadlinePassed {
                            id,
                            offered,
                            cltv_expiry,
                            height,
                        }
                    })
                }
                14u16 => {
                    Event::Penalized({
                        let revoked = {
                            let b = r.bytes(6)?;
                            b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                        };
                        let txid = <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(
                            r.array()?,
                        );
                        let amount = rt::Sat(r.u64()?);
                        Penalized { revoked, txid, amount }
                    })
                }
                other => return Err(wire::WireError::UnknownTag(other)),
            },
        )
    }
}

fn lnp_archive_key_preimages(k: &Vec<u8>) -> Result<Vec<u8>, wire::WireError> {
    let mut w = wire::Writer::new();
    w.var_bytes(&k.clone())?;
    Ok(w.into_bytes())
}

fn lnp_archive_put_preimages(v: &[u8; 32usize]) -> Result<Vec<u8>, wire::WireError> {
    let mut w = wire::Writer::new();
    w.bytes(&v.clone());
    Ok(w.into_bytes())
}

fn lnp_archive_get_preimages(bytes: &[u8]) -> Result<[u8; 32usize], wire::WireError> {
    let mut r = wire::Reader::new(bytes);
    let v = r.array()?;
    r.finish()?;
    Ok(v)
}

fn lnp_archive_key_revoked_htlcs(k: &u64) -> Result<Vec<u8>, wire::WireError> {
    let mut w = wire::Writer::new();
    w.bytes(&(k.clone()).to_be_bytes()[2..]);
    Ok(w.into_bytes())
}

fn lnp_archive_put_revoked_htlcs(v: &Vec<Pending>) -> Result<Vec<u8>, wire::WireError> {
    let mut w = wire::Writer::new();
    let items = v.clone();
    let n = u16::try_from(items.len())
        .map_err(|_| wire::WireError::TruncatedTooLong {
            len: items.len(),
            max: 65535,
        })?;
    w.u16(n);
    for x in items {
        {
            let r = x;
            w.u64(r.id.clone());
            w.u64((r.amount.clone()).0);
            w.u32(r.cltv_expiry.clone());
            w.u8(u8::from(r.offered.clone()));
            w.var_bytes(&r.lock.clone())?;
        }
    }

    Ok(w.into_bytes())
}

fn lnp_archive_get_revoked_htlcs(bytes: &[u8]) -> Result<Vec<Pending>, wire::WireError> {
    let mut r = wire::Reader::new(bytes);
    let v = {
        let n = r.u16()?;
        let mut items = Vec::with_capacity(usize::from(n).min(r.remaining()));
        for _ in 0..n {
            items
                .push(Pending {
                    id: r.u64()?,
                    amount: rt::Msat(r.u64()?),
                    cltv_expiry: r.u32()?,
                    offered: match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    },
                    lock: r.var_bytes()?.to_vec(),
                });
        }
        items
    };
    r.finish()?;
    Ok(v)
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
pub struct BoltChannel;
impl lnp_engine::machine::Machine for BoltChannel {
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

    fn take_archived(
        state: &mut State,
    ) -> Result<Vec<lnp_engine::machine::Archived>, wire::WireError> {
        let mut out = Vec::new();
        #[allow(unreachable_patterns)]
        match state {
            State::Normal(s) => {
                for (k, v) in s.preimages.take_pending() {
                    out.push(lnp_engine::machine::Archived {
                        archive: "preimages",
                        key: lnp_archive_key_preimages(&k)?,
                        value: lnp_archive_put_preimages(&v)?,
                    });
                }
                for (k, v) in s.revoked_htlcs.take_pending() {
                    out.push(lnp_engine::machine::Archived {
                        archive: "revoked_htlcs",
                        key: lnp_archive_key_revoked_htlcs(&k)?,
                        value: lnp_archive_put_revoked_htlcs(&v)?,
                    });
                }
            }
            State::Disconnected(s) => {
                for (k, v) in s.preimages.take_pending() {
                    out.push(lnp_engine::machine::Archived {
                        archive: "preimages",
                        key: lnp_archive_key_preimages(&k)?,
                        value: lnp_archive_put_preimages(&v)?,
                    });
                }
                for (k, v) in s.revoked_htlcs.take_pending() {
                    out.push(lnp_engine::machine::Archived {
                        archive: "revoked_htlcs",
                        key: lnp_archive_key_revoked_htlcs(&k)?,
                        value: lnp_archive_put_revoked_htlcs(&v)?,
                    });
                }
            }
            State::Reestablishing(s) => {
                for (k, v) in s.preimages.take_pending() {
                    out.push(lnp_engine::machine::Archived {
                        archive: "preimages",
                        key: lnp_archive_key_preimages(&k)?,
                        value: lnp_archive_put_preimages(&v)?,
                    });
                }
                for (k, v) in s.revoked_htlcs.take_pending() {
                    out.push(lnp_engine::machine::Archived {
                        archive: "revoked_htlcs",
                        key: lnp_archive_key_revoked_htlcs(&k)?,
                        value: lnp_archive_put_revoked_htlcs(&v)?,
                    });
                }
            }
            State::ShuttingDown(s) => {
                for (k, v) in s.preimages.take_pending() {
                    out.push(lnp_engine::machine::Archived {
                        archive: "preimages",
                        key: lnp_archive_key_preimages(&k)?,
                        value: lnp_archive_put_preimages(&v)?,
                    });
                }
                for (k, v) in s.revoked_htlcs.take_pending() {
                    out.push(lnp_engine::machine::Archived {
                        archive: "revoked_htlcs",
                        key: lnp_archive_key_revoked_htlcs(&k)?,
                        value: lnp_archive_put_revoked_htlcs(&v)?,
                    });
                }
            }
            State::Negotiating(s) => {
                for (k, v) in s.preimages.take_pending() {
                    out.push(lnp_engine::machine::Archived {
                        archive: "preimages",
                        key: lnp_archive_key_preimages(&k)?,
                        value: lnp_archive_put_preimages(&v)?,
                    });
                }
                for (k, v) in s.revoked_htlcs.take_pending() {
                    out.push(lnp_engine::machine::Archived {
                        archive: "revoked_htlcs",
                        key: lnp_archive_key_revoked_htlcs(&k)?,
                        value: lnp_archive_put_revoked_htlcs(&v)?,
                    });
                }
            }
            State::ForceClosed(s) => {
                for (k, v) in s.preimages.take_pending() {
                    out.push(lnp_engine::machine::Archived {
                        archive: "preimages",
                        key: lnp_archive_key_preimages(&k)?,
                        value: lnp_archive_put_preimages(&v)?,
                    });
                }
            }
            State::RemoteClosed(s) => {
                for (k, v) in s.preimages.take_pending() {
                    out.push(lnp_engine::machine::Archived {
                        archive: "preimages",
                        key: lnp_archive_key_preimages(&k)?,
                        value: lnp_archive_put_preimages(&v)?,
                    });
                }
            }
            _ => {}
        }
        Ok(out)
    }
}

impl lnp_engine::explore::Explorable for BoltChannel {
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
