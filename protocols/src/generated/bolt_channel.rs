// Generated from specs/bolt/bolt_channel.lnp, specs/bolt/channel.lnp, specs/bolt/htlc.lnp by lnp-codegen. Do not edit: change the spec and run
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
    /// Spec: `specs/bolt/channel.lnp:23`.
    pub anchors: bool,
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
        }
    }
}

/// Spec: `specs/bolt/channel.lnp:26`.
pub const BOLT_MAX_HTLCS: u16 = 483;
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Funder,
    Fundee,
}

/// Spec: `specs/bolt/channel.lnp:29`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Basepoints {
    /// Spec: `specs/bolt/channel.lnp:30`.
    pub funding: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:31`.
    pub revocation: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:32`.
    pub payment: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:33`.
    pub delayed_payment: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:34`.
    pub htlc: rt::Point,
}

/// Spec: `specs/bolt/channel.lnp:38`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CommitKeys {
    /// Spec: `specs/bolt/channel.lnp:39`.
    pub revocation: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:40`.
    pub local_delayed: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:41`.
    pub remote_payment: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:42`.
    pub local_htlc: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:43`.
    pub remote_htlc: rt::Point,
}

/// Spec: `specs/bolt/channel.lnp:47`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pending {
    /// Spec: `specs/bolt/channel.lnp:47`.
    pub id: u64,
    /// Spec: `specs/bolt/channel.lnp:47`.
    pub amount: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:47`.
    pub cltv_expiry: u32,
    /// Spec: `specs/bolt/channel.lnp:47`.
    pub offered: bool,
    /// Spec: `specs/bolt/channel.lnp:47`.
    pub lock: Vec<u8>,
}

/// Spec: `specs/bolt/channel.lnp:122`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FeeRange {
    /// Spec: `specs/bolt/channel.lnp:122`.
    pub min_fee_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:122`.
    pub max_fee_satoshis: rt::Sat,
}

/// The `open_channel` message (wire type 32).
/// Spec: `specs/bolt/channel.lnp:56`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OpenChannel {
    /// Spec: `specs/bolt/channel.lnp:57`.
    pub chain_hash: rt::ChainHash,
    /// Spec: `specs/bolt/channel.lnp:58`.
    pub temporary_channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:59`.
    pub funding_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:60`.
    pub push_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:61`.
    pub dust_limit_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:62`.
    pub max_htlc_value_in_flight_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:63`.
    pub channel_reserve_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:64`.
    pub htlc_minimum_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:65`.
    pub feerate_per_kw: u32,
    /// Spec: `specs/bolt/channel.lnp:66`.
    pub to_self_delay: u16,
    /// Spec: `specs/bolt/channel.lnp:67`.
    pub max_accepted_htlcs: u16,
    /// Spec: `specs/bolt/channel.lnp:68`.
    pub funding_pubkey: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:69`.
    pub revocation_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:70`.
    pub payment_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:71`.
    pub delayed_payment_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:72`.
    pub htlc_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:73`.
    pub first_per_commitment_point: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:74`.
    pub channel_flags: u8,
    /// Spec: `specs/bolt/channel.lnp:76`.
    pub upfront_shutdown_script: Option<Vec<u8>>,
    /// Spec: `specs/bolt/channel.lnp:77`.
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
/// Spec: `specs/bolt/channel.lnp:81`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AcceptChannel {
    /// Spec: `specs/bolt/channel.lnp:82`.
    pub temporary_channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:83`.
    pub dust_limit_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:84`.
    pub max_htlc_value_in_flight_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:85`.
    pub channel_reserve_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:86`.
    pub htlc_minimum_msat: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:87`.
    pub minimum_depth: u32,
    /// Spec: `specs/bolt/channel.lnp:88`.
    pub to_self_delay: u16,
    /// Spec: `specs/bolt/channel.lnp:89`.
    pub max_accepted_htlcs: u16,
    /// Spec: `specs/bolt/channel.lnp:90`.
    pub funding_pubkey: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:91`.
    pub revocation_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:92`.
    pub payment_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:93`.
    pub delayed_payment_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:94`.
    pub htlc_basepoint: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:95`.
    pub first_per_commitment_point: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:97`.
    pub upfront_shutdown_script: Option<Vec<u8>>,
    /// Spec: `specs/bolt/channel.lnp:98`.
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
/// Spec: `specs/bolt/channel.lnp:102`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FundingCreated {
    /// Spec: `specs/bolt/channel.lnp:103`.
    pub temporary_channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:104`.
    pub funding_txid: rt::Txid,
    /// Spec: `specs/bolt/channel.lnp:105`.
    pub funding_output_index: u16,
    /// Spec: `specs/bolt/channel.lnp:106`.
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
/// Spec: `specs/bolt/channel.lnp:109`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FundingSigned {
    /// Spec: `specs/bolt/channel.lnp:109`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:109`.
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
/// Spec: `specs/bolt/channel.lnp:111`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChannelReady {
    /// Spec: `specs/bolt/channel.lnp:112`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:113`.
    pub second_per_commitment_point: rt::Point,
    /// Spec: `specs/bolt/channel.lnp:115`.
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
/// Spec: `specs/bolt/channel.lnp:119`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Shutdown {
    /// Spec: `specs/bolt/channel.lnp:119`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:119`.
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
/// Spec: `specs/bolt/channel.lnp:124`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClosingSigned {
    /// Spec: `specs/bolt/channel.lnp:125`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:126`.
    pub fee_satoshis: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:127`.
    pub signature: rt::Signature,
    /// Spec: `specs/bolt/channel.lnp:129`.
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
/// Spec: `specs/bolt/channel.lnp:133`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CommitmentSigned {
    /// Spec: `specs/bolt/channel.lnp:134`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:135`.
    pub signature: rt::Signature,
    /// Spec: `specs/bolt/channel.lnp:136`.
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
/// Spec: `specs/bolt/channel.lnp:139`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RevokeAndAck {
    /// Spec: `specs/bolt/channel.lnp:140`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:141`.
    pub per_commitment_secret: rt::Secret,
    /// Spec: `specs/bolt/channel.lnp:142`.
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
/// Spec: `specs/bolt/channel.lnp:145`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UpdateFee {
    /// Spec: `specs/bolt/channel.lnp:145`.
    pub channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:145`.
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

/// Spec: `specs/bolt/channel.lnp:147`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Open {
    /// Spec: `specs/bolt/channel.lnp:147`.
    pub funding: rt::Sat,
    /// Spec: `specs/bolt/channel.lnp:147`.
    pub push: rt::Msat,
    /// Spec: `specs/bolt/channel.lnp:147`.
    pub temporary_channel_id: rt::ChannelId,
    /// Spec: `specs/bolt/channel.lnp:147`.
    pub local: Basepoints,
}

/// Spec: `specs/bolt/channel.lnp:148`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FundingBuilt {
    /// Spec: `specs/bolt/channel.lnp:148`.
    pub outpoint: rt::OutPoint,
}

/// Spec: `specs/bolt/channel.lnp:149`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Close {
    /// Spec: `specs/bolt/channel.lnp:149`.
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

impl Command {
    /// The name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Open(_) => "open",
            Command::FundingBuilt(_) => "funding_built",
            Command::Close(_) => "close",
            Command::Add(_) => "add",
        }
    }
}

/// Spec: `specs/bolt/channel.lnp:151`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FundingNeeded {
    /// Spec: `specs/bolt/channel.lnp:151`.
    pub script: rt::Script,
    /// Spec: `specs/bolt/channel.lnp:151`.
    pub amount: rt::Sat,
}

/// Spec: `specs/bolt/channel.lnp:152`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChannelOpened {
    /// Spec: `specs/bolt/channel.lnp:152`.
    pub channel_id: rt::ChannelId,
}

/// Spec: `specs/bolt/channel.lnp:153`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChannelClosed {
    /// Spec: `specs/bolt/channel.lnp:153`.
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

impl Event {
    /// The name in the spec.
    pub fn name(&self) -> &'static str {
        match self {
            Event::FundingNeeded(_) => "funding_needed",
            Event::ChannelOpened(_) => "channel_opened",
            Event::ChannelClosed(_) => "channel_closed",
            Event::HtlcSettled(_) => "htlc_settled",
            Event::HtlcFailed(_) => "htlc_failed",
        }
    }
}

/// The data of each state: one struct per state of the spec.
pub mod state {
    use super::*;
    /// Spec: `specs/bolt/channel.lnp:155`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Init {}
    /// Spec: `specs/bolt/channel.lnp:157`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitAccept {
        /// Spec: `specs/bolt/channel.lnp:158`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:159`.
        pub push: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:160`.
        pub temporary_channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:161`.
        pub local: Basepoints,
    }

    /// Spec: `specs/bolt/channel.lnp:164`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitFundingBuilt {
        /// Spec: `specs/bolt/channel.lnp:165`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:166`.
        pub push: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:167`.
        pub temporary_channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:168`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:169`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:170`.
        pub remote_point: rt::Point,
    }

    /// Spec: `specs/bolt/channel.lnp:173`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitFundingCreated {
        /// Spec: `specs/bolt/channel.lnp:174`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:175`.
        pub push: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:176`.
        pub temporary_channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:177`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:178`.
        pub remote_point: rt::Point,
    }

    /// Spec: `specs/bolt/channel.lnp:181`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitFundingSigned {
        /// Spec: `specs/bolt/channel.lnp:182`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:183`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:184`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:185`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:186`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:187`.
        pub to_local: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:188`.
        pub to_remote: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:189`.
        pub remote_point: rt::Point,
    }

    /// Spec: `specs/bolt/channel.lnp:192`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct AwaitLocked {
        /// Spec: `specs/bolt/channel.lnp:193`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:194`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:195`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:196`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:197`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:198`.
        pub to_local: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:199`.
        pub to_remote: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:200`.
        pub remote_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:201`.
        pub remote_ready: bool,
    }

    /// Spec: `specs/bolt/channel.lnp:204`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Normal {
        /// Spec: `specs/bolt/channel.lnp:205`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:206`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:207`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:208`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:209`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:210`.
        pub to_local: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:211`.
        pub to_remote: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:212`.
        pub remote_point: rt::Point,
        /// Spec: `specs/bolt/channel.lnp:213`.
        pub pending: Vec<Pending>,
        /// Spec: `specs/bolt/channel.lnp:214`.
        pub next_htlc_id: u64,
        /// Spec: `specs/bolt/channel.lnp:215`.
        pub commitment_number: u64,
        /// Spec: `specs/bolt/channel.lnp:216`.
        pub feerate: u32,
    }

    /// Spec: `specs/bolt/channel.lnp:219`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct ShuttingDown {
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
        pub pending: Vec<Pending>,
        /// Spec: `specs/bolt/channel.lnp:228`.
        pub remote_script: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:229`.
        pub local_script: Vec<u8>,
    }

    /// Spec: `specs/bolt/channel.lnp:232`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Negotiating {
        /// Spec: `specs/bolt/channel.lnp:233`.
        pub capacity: rt::Sat,
        /// Spec: `specs/bolt/channel.lnp:234`.
        pub funding: rt::OutPoint,
        /// Spec: `specs/bolt/channel.lnp:235`.
        pub channel_id: rt::ChannelId,
        /// Spec: `specs/bolt/channel.lnp:236`.
        pub local: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:237`.
        pub remote: Basepoints,
        /// Spec: `specs/bolt/channel.lnp:238`.
        pub to_local: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:239`.
        pub to_remote: rt::Msat,
        /// Spec: `specs/bolt/channel.lnp:240`.
        pub remote_script: Vec<u8>,
        /// Spec: `specs/bolt/channel.lnp:241`.
        pub local_script: Vec<u8>,
    }

    /// Spec: `specs/bolt/channel.lnp:244`.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub struct Closed {
        /// Spec: `specs/bolt/channel.lnp:244`.
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
            State::Init(lnp_s),
            Input::Command(Command::Open(lnp_trig)),
        ) if t0_init_when(lnp_s.clone(), lnp_trig.clone(), lnp_env, lnp_ctx)? => {
            t0_init(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Init(lnp_s),
            Input::Recv(Message::OpenChannel(lnp_trig)),
        ) if t1_init_when(lnp_s.clone(), lnp_trig.clone(), lnp_env, lnp_ctx)? => {
            t1_init(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::AwaitAccept(lnp_s), Input::Recv(Message::AcceptChannel(lnp_trig))) => {
            t2_awaitaccept(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::AwaitFundingBuilt(lnp_s),
            Input::Command(Command::FundingBuilt(lnp_trig)),
        ) => t3_awaitfundingbuilt(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::AwaitFundingCreated(lnp_s),
            Input::Recv(Message::FundingCreated(lnp_trig)),
        ) => t4_awaitfundingcreated(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::AwaitFundingSigned(lnp_s),
            Input::Recv(Message::FundingSigned(lnp_trig)),
        ) => t5_awaitfundingsigned(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (State::AwaitLocked(lnp_s), Input::Recv(Message::ChannelReady(lnp_trig))) => {
            t6_awaitlocked(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::AwaitLocked(lnp_s),
            Input::Chain(rt::ChainEvent::Confirmed("funding_deep", lnp_trig)),
        ) => t7_awaitlocked(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::Normal(lnp_s),
            Input::Recv(Message::UpdateFee(lnp_trig)),
        ) if t8_normal_when(lnp_s.clone(), lnp_trig.clone(), lnp_env, lnp_ctx)? => {
            t8_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Recv(Message::CommitmentSigned(lnp_trig))) => {
            t9_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Recv(Message::RevokeAndAck(lnp_trig))) => {
            t10_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Command(Command::Close(lnp_trig))) => {
            t11_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Recv(Message::Shutdown(lnp_trig))) => {
            t12_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ShuttingDown(lnp_s), Input::Recv(Message::Shutdown(lnp_trig))) => {
            t13_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Recv(Message::ClosingSigned(lnp_trig)),
        ) if t14_shuttingdown_when(
            lnp_s.clone(),
            lnp_trig.clone(),
            lnp_env,
            lnp_ctx,
        )? => t14_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (State::Negotiating(lnp_s), Input::Recv(Message::ClosingSigned(lnp_trig))) => {
            t15_negotiating(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Command(Command::Add(lnp_trig))) => {
            t16_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Recv(Message::UpdateAddHtlc(lnp_trig))) => {
            t17_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::Normal(lnp_s), Input::Recv(Message::UpdateFulfillHtlc(lnp_trig))) => {
            t18_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::ShuttingDown(lnp_s),
            Input::Recv(Message::UpdateFulfillHtlc(lnp_trig)),
        ) => t18_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (State::Normal(lnp_s), Input::Recv(Message::UpdateFailHtlc(lnp_trig))) => {
            t19_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (State::ShuttingDown(lnp_s), Input::Recv(Message::UpdateFailHtlc(lnp_trig))) => {
            t19_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx)
        }
        (
            State::Normal(lnp_s),
            Input::Recv(Message::UpdateFailMalformedHtlc(lnp_trig)),
        ) => t20_normal(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (
            State::ShuttingDown(lnp_s),
            Input::Recv(Message::UpdateFailMalformedHtlc(lnp_trig)),
        ) => t20_shuttingdown(lnp_s, lnp_trig, lnp_env, lnp_ctx),
        (state, input) => Err(rt::Reject::unexpected(&input.describe(), state.name())),
    }
}

/// The spec's properties, for the explorer and for debug-build checks.
pub const PROPERTIES: &[(&str, rt::PropertyKind)] = &[
    ("balance", rt::PropertyKind::Invariant),
    ("htlc_limit", rt::PropertyKind::Invariant),
    ("reaches_normal", rt::PropertyKind::Sometimes),
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
        "balance" => {
            match state {
                State::Normal(s) => {
                    p0_normal(s.clone(), lnp_env, lnp_ctx).unwrap_or(false)
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

/// `fn funding_script` (specs/bolt/channel.lnp:247).
pub fn f_channel_funding_script<C: rt::Context>(
    a: rt::Point,
    b: rt::Point,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok(
        if (((a.clone()).serialize()).to_vec() < ((b.clone()).serialize()).to_vec()) {
            f_channel_multisig(a.clone(), b.clone(), lnp_env, lnp_ctx)?
        } else {
            f_channel_multisig(b.clone(), a.clone(), lnp_env, lnp_ctx)?
        },
    )
}

/// `fn multisig` (specs/bolt/channel.lnp:250).
pub fn f_channel_multisig<C: rt::Context>(
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

/// `fn obscured_commitment_number` (specs/bolt/channel.lnp:257).
pub fn f_channel_obscured_commitment_number<C: rt::Context>(
    opener_payment: rt::Point,
    accepter_payment: rt::Point,
    n: u64,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<u64, rt::Reject> {
    Ok(
        (rt::builtins::obscuring_factor(
            &opener_payment.clone(),
            &accepter_payment.clone(),
        ) ^ n.clone()),
    )
}

/// `fn commit_fee` (specs/bolt/channel.lnp:262).
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
                            .or_reject("specs/bolt/channel.lnp:263")?,
                    )
                    .or_reject("specs/bolt/channel.lnp:263")?,
            )
            .or_reject("specs/bolt/channel.lnp:263")?,
    )
}

/// `fn htlc_timeout_fee` (specs/bolt/channel.lnp:266).
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
                .or_reject("specs/bolt/channel.lnp:266")?
        },
    )
}

/// `fn htlc_success_fee` (specs/bolt/channel.lnp:268).
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
                .or_reject("specs/bolt/channel.lnp:268")?
        },
    )
}

/// `fn trimmed` (specs/bolt/channel.lnp:272).
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
                .or_reject("specs/bolt/channel.lnp:273")?),
    )
}

/// `fn untrimmed` (specs/bolt/channel.lnp:275).
pub fn f_channel_untrimmed<C: rt::Context>(
    pending: Vec<Pending>,
    dust: rt::Sat,
    feerate: u32,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<u64, rt::Reject> {
    Ok(
        rt::list::count(
            &(pending.clone()),
            |p: &Pending| -> Result<_, rt::Reject> {
                let p = p.clone();
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

/// `fn funder_cost` (specs/bolt/channel.lnp:279).
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
            .or_reject("specs/bolt/channel.lnp:280")?,
    )
}

/// `fn side_amount` (specs/bolt/channel.lnp:284).
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
                    .or_reject("specs/bolt/channel.lnp:285")?
            } else {
                rt::Sat(0)
            }
        },
    )
}

/// `fn to_local_script` (specs/bolt/channel.lnp:288).
pub fn f_channel_to_local_script<C: rt::Context>(
    k: CommitKeys,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<rt::Script, rt::Reject> {
    Ok({
        let lnp_sb = bitcoin::script::Builder::new();
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(99u8));
        let lnp_sb = rt::script::Push::push(&(k.revocation.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(103u8));
        let lnp_sb = rt::script::Push::push(
            &(lnp_env.params.to_self_delay.clone()),
            lnp_sb,
        );
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(178u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(117u8));
        let lnp_sb = rt::script::Push::push(&(k.local_delayed.clone()), lnp_sb);
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(104u8));
        let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(172u8));
        lnp_sb.into_script()
    })
}

/// `fn to_remote_output` (specs/bolt/channel.lnp:297).
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
            rt::builtins::p2wpkh(&k.remote_payment.clone())
        },
    )
}

/// `fn anchor_script` (specs/bolt/channel.lnp:301).
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

/// `fn signed_commitment` (specs/bolt/channel.lnp:326).
pub fn f_channel_signed_commitment<C: rt::Context>(
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
            f_channel_multisig_witness(
                tx.clone(),
                local_sig.clone(),
                remote_sig.clone(),
                f_channel_funding_script(
                    local_funding.clone(),
                    remote_funding.clone(),
                    lnp_env,
                    lnp_ctx,
                )?,
                lnp_env,
                lnp_ctx,
            )?
        } else {
            f_channel_multisig_witness(
                tx.clone(),
                remote_sig.clone(),
                local_sig.clone(),
                f_channel_funding_script(
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

/// `fn multisig_witness` (specs/bolt/channel.lnp:329).
pub fn f_channel_multisig_witness<C: rt::Context>(
    tx: rt::Tx,
    first: rt::Signature,
    second: rt::Signature,
    script: rt::Script,
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
                    rt::WitnessItem::Bytes(((script.clone()).to_bytes()).to_vec())
                ],
            )
            .or_reject("specs/bolt/channel.lnp:330")?,
    )
}

/// `fn offered_script` (specs/bolt/htlc.lnp:38).
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

/// `fn received_script` (specs/bolt/htlc.lnp:41).
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

/// `fn plain_offered_script` (specs/bolt/htlc.lnp:44).
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

/// `fn anchored_offered_script` (specs/bolt/htlc.lnp:60).
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

/// `fn plain_received_script` (specs/bolt/htlc.lnp:77).
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

/// `fn anchored_received_script` (specs/bolt/htlc.lnp:94).
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

/// `fn remote_htlc_sighash` (specs/bolt/htlc.lnp:134).
pub fn f_htlc_remote_htlc_sighash<C: rt::Context>(
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<u8, rt::Reject> {
    Ok(if lnp_env.params.anchors.clone() { 131u8 } else { 1u8 })
}

/// `fn for_remote_signature` (specs/bolt/htlc.lnp:137).
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
            .or_reject("specs/bolt/htlc.lnp:137")?,
    )
}

/// `fn remote_sig_element` (specs/bolt/htlc.lnp:139).
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

/// `fn signed_htlc_timeout` (specs/bolt/htlc.lnp:144).
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
            .or_reject("specs/bolt/htlc.lnp:145")?,
    )
}

/// `fn signed_htlc_success` (specs/bolt/htlc.lnp:147).
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
            .or_reject("specs/bolt/htlc.lnp:148")?,
    )
}

/// `template commitment` (specs/bolt/channel.lnp:309).
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
                    .or_reject("specs/bolt/channel.lnp:311")?),
        );
    lnp_tx
        .input(
            funding.clone(),
            (2147483648u32
                | rt::builtins::int::<
                    u32,
                >(
                        rt::builtins::shr(obscured.clone(), 24u64)
                            .or_reject("specs/bolt/channel.lnp:312")?,
                    )
                    .or_reject("specs/bolt/channel.lnp:312")?),
            rt::SpendInfo {
                script: f_channel_funding_script(
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
                    &f_channel_to_local_script(k.clone(), lnp_env, lnp_ctx)?,
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

/// `template closing` (specs/bolt/channel.lnp:332).
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
                {
                    let lnp_sb = bitcoin::script::Builder::new();
                    let lnp_sb = rt::script::Push::push(&(local_script.clone()), lnp_sb);
                    lnp_sb.into_script()
                },
                0u64,
            );
    }

    if (to_remote.clone() >= lnp_env.params.dust_limit.clone()) {
        lnp_tx
            .output(
                to_remote.clone(),
                {
                    let lnp_sb = bitcoin::script::Builder::new();
                    let lnp_sb = rt::script::Push::push(
                        &(remote_script.clone()),
                        lnp_sb,
                    );
                    lnp_sb.into_script()
                },
                0u64,
            );
    }

    Ok(lnp_tx.build(rt::txbuild::Order::Bip69))
}

/// `template htlc_timeout` (specs/bolt/htlc.lnp:115).
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
                .or_reject("specs/bolt/htlc.lnp:119")?,
            rt::builtins::p2wsh(
                &f_channel_to_local_script(k.clone(), lnp_env, lnp_ctx)?,
            ),
            0u64,
        );
    Ok(lnp_tx.build(rt::txbuild::Order::Declared))
}

/// `template htlc_success` (specs/bolt/htlc.lnp:124).
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
                .or_reject("specs/bolt/htlc.lnp:128")?,
            rt::builtins::p2wsh(
                &f_channel_to_local_script(k.clone(), lnp_env, lnp_ctx)?,
            ),
            0u64,
        );
    Ok(lnp_tx.build(rt::txbuild::Order::Declared))
}

/// `on command open in Init -> AwaitAccept` in `Init` (specs/bolt/channel.lnp:343).
fn t0_init<C: rt::Context>(
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
    if !((c.funding.clone()
        >= (lnp_env.params.channel_reserve.clone())
            .checked_mul(2u64)
            .or_reject("specs/bolt/channel.lnp:344")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "funding below twice the reserve",
                "specs/bolt/channel.lnp:344",
            ),
        );
    }

    if !(((c.push.clone()).to_sat() <= c.funding.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "push exceeds funding",
                "specs/bolt/channel.lnp:345",
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
                    upfront_shutdown_script: None,
                    channel_type: None,
                }),
            ),
        );
    capacity = c.funding.clone();
    push = c.push.clone();
    temporary_channel_id = c.temporary_channel_id.clone();
    local = c.local.clone();
    Ok((
        State::AwaitAccept(state::AwaitAccept {
            capacity,
            push,
            temporary_channel_id,
            local,
        }),
        lnp_fx,
    ))
}

fn t0_init_when<C: rt::Context>(
    lnp_state: state::Init,
    c: Open,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Init {} = lnp_state;
    Ok((lnp_env.role == Role::Funder))
}

/// `on recv open_channel in Init -> AwaitFundingCreated` in `Init` (specs/bolt/channel.lnp:372).
fn t1_init<C: rt::Context>(
    lnp_state: state::Init,
    m: OpenChannel,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<(State, Vec<Effect>), rt::Reject> {
    let mut lnp_fx: Vec<Effect> = Vec::new();
    let state::Init {} = lnp_state;
    let mut capacity: rt::Sat;
    let mut push: rt::Msat;
    let mut temporary_channel_id: rt::ChannelId;
    let mut remote: Basepoints;
    let mut remote_point: rt::Point;
    if !((m.chain_hash.clone() == lnp_env.params.chain.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown chain",
                "specs/bolt/channel.lnp:373",
            ),
        );
    }

    if !((m.max_accepted_htlcs.clone() <= (483u16))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "max_accepted_htlcs above 483",
                "specs/bolt/channel.lnp:374",
            ),
        );
    }

    if !((m.dust_limit_satoshis.clone() <= m.channel_reserve_satoshis.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "dust limit above channel reserve",
                "specs/bolt/channel.lnp:375",
            ),
        );
    }

    if !(((m.push_msat.clone()).to_sat() <= m.funding_satoshis.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "push_msat exceeds funding",
                "specs/bolt/channel.lnp:376",
            ),
        );
    }

    if !((m.feerate_per_kw.clone() >= 253u32)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "feerate below the floor",
                "specs/bolt/channel.lnp:377",
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
                    funding_pubkey: lnp_ctx.per_commitment_point(1u64),
                    revocation_basepoint: lnp_ctx.per_commitment_point(2u64),
                    payment_basepoint: lnp_ctx.per_commitment_point(3u64),
                    delayed_payment_basepoint: lnp_ctx.per_commitment_point(4u64),
                    htlc_basepoint: lnp_ctx.per_commitment_point(5u64),
                    first_per_commitment_point: lnp_ctx.per_commitment_point(0u64),
                    upfront_shutdown_script: None,
                    channel_type: None,
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
    remote_point = m.first_per_commitment_point.clone();
    Ok((
        State::AwaitFundingCreated(state::AwaitFundingCreated {
            capacity,
            push,
            temporary_channel_id,
            remote,
            remote_point,
        }),
        lnp_fx,
    ))
}

fn t1_init_when<C: rt::Context>(
    lnp_state: state::Init,
    m: OpenChannel,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Init {} = lnp_state;
    Ok((lnp_env.role == Role::Fundee))
}

/// `on recv accept_channel in AwaitAccept -> AwaitFundingBuilt` in `AwaitAccept` (specs/bolt/channel.lnp:407).
fn t2_awaitaccept<C: rt::Context>(
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
    } = lnp_state;
    let mut remote: Basepoints;
    let mut remote_point: rt::Point;
    if !((m.temporary_channel_id.clone() == temporary_channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown temporary channel id",
                "specs/bolt/channel.lnp:408",
            ),
        );
    }

    if !((m.max_accepted_htlcs.clone() <= (483u16))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "max_accepted_htlcs above 483",
                "specs/bolt/channel.lnp:409",
            ),
        );
    }

    if !((m.minimum_depth.clone() <= 144u32)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "minimum_depth unreasonably large",
                "specs/bolt/channel.lnp:410",
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
    remote_point = m.first_per_commitment_point.clone();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::FundingNeeded(FundingNeeded {
                    script: rt::builtins::p2wsh(
                        &f_channel_funding_script(
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
            remote,
            remote_point,
        }),
        lnp_fx,
    ))
}

/// `on command funding_built in AwaitFundingBuilt -> AwaitFundingSigned` in `AwaitFundingBuilt` (specs/bolt/channel.lnp:425).
fn t3_awaitfundingbuilt<C: rt::Context>(
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
        mut remote,
        mut remote_point,
    } = lnp_state;
    let mut funding: rt::OutPoint;
    let mut channel_id: rt::ChannelId;
    let mut to_local: rt::Msat;
    let mut to_remote: rt::Msat;
    let keys = CommitKeys {
        revocation: rt::builtins::derive_revocation_pubkey(
                &local.revocation.clone(),
                &remote_point.clone(),
            )
            .or_reject("specs/bolt/channel.lnp:427")?,
        local_delayed: rt::builtins::derive_pubkey(
                &remote.delayed_payment.clone(),
                &remote_point.clone(),
            )
            .or_reject("specs/bolt/channel.lnp:428")?,
        remote_payment: local.payment.clone(),
        local_htlc: rt::builtins::derive_pubkey(
                &remote.htlc.clone(),
                &remote_point.clone(),
            )
            .or_reject("specs/bolt/channel.lnp:430")?,
        remote_htlc: rt::builtins::derive_pubkey(
                &local.htlc.clone(),
                &remote_point.clone(),
            )
            .or_reject("specs/bolt/channel.lnp:431")?,
    };
    let theirs = tpl_channel_commitment(
        c.outpoint.clone(),
        capacity.clone(),
        remote.funding.clone(),
        local.funding.clone(),
        f_channel_obscured_commitment_number(
            local.payment.clone(),
            remote.payment.clone(),
            0u64,
            lnp_env,
            lnp_ctx,
        )?,
        keys.clone(),
        push.clone(),
        ((capacity.clone()).to_msat().or_reject("specs/bolt/channel.lnp:433")?)
            .checked_sub(push.clone())
            .or_reject("specs/bolt/channel.lnp:433")?,
        false,
        Vec::new(),
        lnp_env.params.feerate_per_kw.clone(),
        lnp_env.params.dust_limit.clone(),
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
                        .or_reject("specs/bolt/channel.lnp:437")?,
                    signature: {
                        let (lnp_tx, lnp_key) = (theirs.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/channel.lnp:438",
                            ))?
                    },
                }),
            ),
        );
    funding = c.outpoint.clone();
    channel_id = rt::builtins::channel_id(
        c.outpoint.txid.clone(),
        rt::builtins::int::<u16>(c.outpoint.vout.clone())
            .or_reject("specs/bolt/channel.lnp:441")?,
    );
    to_local = ((capacity.clone()).to_msat().or_reject("specs/bolt/channel.lnp:442")?)
        .checked_sub(push.clone())
        .or_reject("specs/bolt/channel.lnp:442")?;
    to_remote = push.clone();
    Ok((
        State::AwaitFundingSigned(state::AwaitFundingSigned {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            remote_point,
        }),
        lnp_fx,
    ))
}

/// `on recv funding_created in AwaitFundingCreated -> AwaitLocked` in `AwaitFundingCreated` (specs/bolt/channel.lnp:446).
fn t4_awaitfundingcreated<C: rt::Context>(
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
        mut remote,
        mut remote_point,
    } = lnp_state;
    let mut funding: rt::OutPoint;
    let mut channel_id: rt::ChannelId;
    let mut local: Basepoints;
    let mut to_local: rt::Msat;
    let mut to_remote: rt::Msat;
    let mut remote_ready: bool;
    let outpoint = rt::builtins::outpoint(
        m.funding_txid.clone(),
        <u32>::from(m.funding_output_index.clone()),
    );
    let local_ = Basepoints {
        funding: lnp_ctx.per_commitment_point(1u64),
        revocation: lnp_ctx.per_commitment_point(2u64),
        payment: lnp_ctx.per_commitment_point(3u64),
        delayed_payment: lnp_ctx.per_commitment_point(4u64),
        htlc: lnp_ctx.per_commitment_point(5u64),
    };
    let mine = CommitKeys {
        revocation: rt::builtins::derive_revocation_pubkey(
                &remote.revocation.clone(),
                &lnp_ctx.per_commitment_point(0u64),
            )
            .or_reject("specs/bolt/channel.lnp:456")?,
        local_delayed: rt::builtins::derive_pubkey(
                &local_.delayed_payment.clone(),
                &lnp_ctx.per_commitment_point(0u64),
            )
            .or_reject("specs/bolt/channel.lnp:457")?,
        remote_payment: remote.payment.clone(),
        local_htlc: rt::builtins::derive_pubkey(
                &local_.htlc.clone(),
                &lnp_ctx.per_commitment_point(0u64),
            )
            .or_reject("specs/bolt/channel.lnp:459")?,
        remote_htlc: rt::builtins::derive_pubkey(
                &remote.htlc.clone(),
                &lnp_ctx.per_commitment_point(0u64),
            )
            .or_reject("specs/bolt/channel.lnp:460")?,
    };
    let tx = tpl_channel_commitment(
        outpoint.clone(),
        capacity.clone(),
        local_.funding.clone(),
        remote.funding.clone(),
        f_channel_obscured_commitment_number(
            remote.payment.clone(),
            local_.payment.clone(),
            0u64,
            lnp_env,
            lnp_ctx,
        )?,
        mine.clone(),
        push.clone(),
        ((capacity.clone()).to_msat().or_reject("specs/bolt/channel.lnp:462")?)
            .checked_sub(push.clone())
            .or_reject("specs/bolt/channel.lnp:462")?,
        false,
        Vec::new(),
        lnp_env.params.feerate_per_kw.clone(),
        lnp_env.params.dust_limit.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    if !(rt::builtins::verify(
        &m.signature.clone(),
        &tx.clone(),
        0u32,
        &remote.funding.clone(),
    )) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "invalid funding_created signature",
                "specs/bolt/channel.lnp:463",
            ),
        );
    }

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
                        let (lnp_tx, lnp_key) = (tx.clone(), local_.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/channel.lnp:465",
                            ))?
                    },
                }),
            ),
        );
    funding = outpoint.clone();
    local = local_.clone();
    to_local = push.clone();
    to_remote = ((capacity.clone()).to_msat().or_reject("specs/bolt/channel.lnp:469")?)
        .checked_sub(push.clone())
        .or_reject("specs/bolt/channel.lnp:469")?;
    remote_ready = false;
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "funding_deep",
            txid: m.funding_txid.clone(),
            depth: lnp_env.params.minimum_depth.clone(),
        });
    Ok((
        State::AwaitLocked(state::AwaitLocked {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            remote_point,
            remote_ready,
        }),
        lnp_fx,
    ))
}

/// `on recv funding_signed in AwaitFundingSigned -> AwaitLocked` in `AwaitFundingSigned` (specs/bolt/channel.lnp:474).
fn t5_awaitfundingsigned<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_point,
    } = lnp_state;
    let mut remote_ready: bool;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:475",
            ),
        );
    }

    remote_ready = false;
    lnp_fx
        .push(rt::Effect::WatchConfirm {
            name: "funding_deep",
            txid: funding.txid.clone(),
            depth: lnp_env.params.minimum_depth.clone(),
        });
    Ok((
        State::AwaitLocked(state::AwaitLocked {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            remote_point,
            remote_ready,
        }),
        lnp_fx,
    ))
}

/// `on recv channel_ready in AwaitLocked` in `AwaitLocked` (specs/bolt/channel.lnp:480).
fn t6_awaitlocked<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_point,
        mut remote_ready,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:481",
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
            remote,
            to_local,
            to_remote,
            remote_point,
            remote_ready,
        }),
        lnp_fx,
    ))
}

/// `on chain funding_deep in AwaitLocked -> Normal` in `AwaitLocked` (specs/bolt/channel.lnp:486).
fn t7_awaitlocked<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_point,
        mut remote_ready,
    } = lnp_state;
    let mut pending: Vec<Pending>;
    let mut next_htlc_id: u64;
    let mut commitment_number: u64;
    let mut feerate: u32;
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
    pending = Vec::new();
    next_htlc_id = 0u64;
    commitment_number = 0u64;
    feerate = lnp_env.params.feerate_per_kw.clone();
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelOpened(ChannelOpened {
                    channel_id: channel_id.clone(),
                }),
            ),
        );
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            remote_point,
            pending,
            next_htlc_id,
            commitment_number,
            feerate,
        }),
        lnp_fx,
    ))
}

/// `on recv update_fee in Normal` in `Normal` (specs/bolt/channel.lnp:497).
fn t8_normal<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_point,
        mut pending,
        mut next_htlc_id,
        mut commitment_number,
        mut feerate,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:498",
            ),
        );
    }

    if !((m.feerate_per_kw.clone() >= 253u32)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "feerate below the floor",
                "specs/bolt/channel.lnp:499",
            ),
        );
    }

    feerate = m.feerate_per_kw.clone();
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            remote_point,
            pending,
            next_htlc_id,
            commitment_number,
            feerate,
        }),
        lnp_fx,
    ))
}

fn t8_normal_when<C: rt::Context>(
    lnp_state: state::Normal,
    m: UpdateFee,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::Normal {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_point,
        mut pending,
        mut next_htlc_id,
        mut commitment_number,
        mut feerate,
    } = lnp_state;
    Ok((lnp_env.role == Role::Fundee))
}

/// `on recv commitment_signed in Normal` in `Normal` (specs/bolt/channel.lnp:503).
fn t9_normal<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_point,
        mut pending,
        mut next_htlc_id,
        mut commitment_number,
        mut feerate,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:504",
            ),
        );
    }

    if !((((m.htlc_signatures.clone()).len() as u64)
        == ((pending.clone()).len() as u64)))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "wrong number of HTLC signatures",
                "specs/bolt/channel.lnp:505",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::RevokeAndAck(RevokeAndAck {
                    channel_id: channel_id.clone(),
                    per_commitment_secret: lnp_ctx
                        .per_commitment_secret(commitment_number.clone()),
                    next_per_commitment_point: lnp_ctx
                        .per_commitment_point(
                            (commitment_number.clone())
                                .checked_add(2u64)
                                .or_reject("specs/bolt/channel.lnp:509")?,
                        ),
                }),
            ),
        );
    commitment_number = commitment_number
        .checked_add(1u64)
        .or_reject("specs/bolt/channel.lnp:511")?;
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            remote_point,
            pending,
            next_htlc_id,
            commitment_number,
            feerate,
        }),
        lnp_fx,
    ))
}

/// `on recv revoke_and_ack in Normal` in `Normal` (specs/bolt/channel.lnp:514).
fn t10_normal<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_point,
        mut pending,
        mut next_htlc_id,
        mut commitment_number,
        mut feerate,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:515",
            ),
        );
    }

    if !((rt::builtins::point_of(&m.per_commitment_secret.clone())
        .or_reject("specs/bolt/channel.lnp:516")? == remote_point.clone()))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "revocation secret does not match",
                "specs/bolt/channel.lnp:516",
            ),
        );
    }

    remote_point = m.next_per_commitment_point.clone();
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            remote_point,
            pending,
            next_htlc_id,
            commitment_number,
            feerate,
        }),
        lnp_fx,
    ))
}

/// `on command close in Normal -> ShuttingDown` in `Normal` (specs/bolt/channel.lnp:522).
fn t11_normal<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_point,
        mut pending,
        mut next_htlc_id,
        mut commitment_number,
        mut feerate,
    } = lnp_state;
    let mut remote_script: Vec<u8>;
    let mut local_script: Vec<u8>;
    lnp_fx
        .push(
            rt::Effect::Send(
                Message::Shutdown(Shutdown {
                    channel_id: channel_id.clone(),
                    scriptpubkey: c.scriptpubkey.clone(),
                }),
            ),
        );
    local_script = c.scriptpubkey.clone();
    remote_script = ([]).to_vec();
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            pending,
            remote_script,
            local_script,
        }),
        lnp_fx,
    ))
}

/// `on recv shutdown in Normal -> ShuttingDown` in `Normal` (specs/bolt/channel.lnp:528).
fn t12_normal<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_point,
        mut pending,
        mut next_htlc_id,
        mut commitment_number,
        mut feerate,
    } = lnp_state;
    let mut remote_script: Vec<u8>;
    let mut local_script: Vec<u8>;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:529",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::Shutdown(Shutdown {
                    channel_id: channel_id.clone(),
                    scriptpubkey: ((rt::builtins::p2wpkh(&local.payment.clone()))
                        .to_bytes())
                        .to_vec(),
                }),
            ),
        );
    remote_script = m.scriptpubkey.clone();
    local_script = ((rt::builtins::p2wpkh(&local.payment.clone())).to_bytes()).to_vec();
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            pending,
            remote_script,
            local_script,
        }),
        lnp_fx,
    ))
}

/// `on recv shutdown in ShuttingDown` in `ShuttingDown` (specs/bolt/channel.lnp:535).
fn t13_shuttingdown<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut pending,
        mut remote_script,
        mut local_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:536",
            ),
        );
    }

    remote_script = m.scriptpubkey.clone();
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            pending,
            remote_script,
            local_script,
        }),
        lnp_fx,
    ))
}

/// `on recv closing_signed in ShuttingDown -> Negotiating` in `ShuttingDown` (specs/bolt/channel.lnp:540).
fn t14_shuttingdown<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut pending,
        mut remote_script,
        mut local_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:541",
            ),
        );
    }

    if !((m.fee_satoshis.clone() <= capacity.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "fee above capacity",
                "specs/bolt/channel.lnp:542",
            ),
        );
    }

    Ok((
        State::Negotiating(state::Negotiating {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            remote_script,
            local_script,
        }),
        lnp_fx,
    ))
}

fn t14_shuttingdown_when<C: rt::Context>(
    lnp_state: state::ShuttingDown,
    m: ClosingSigned,
    lnp_env: &Env,
    lnp_ctx: &mut C,
) -> Result<bool, rt::Reject> {
    let state::ShuttingDown {
        mut capacity,
        mut funding,
        mut channel_id,
        mut local,
        mut remote,
        mut to_local,
        mut to_remote,
        mut pending,
        mut remote_script,
        mut local_script,
    } = lnp_state;
    Ok((((pending.clone()).len() as u64) == 0u64))
}

/// `on recv closing_signed in Negotiating -> Closed` in `Negotiating` (specs/bolt/channel.lnp:545).
fn t15_negotiating<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_script,
        mut local_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/channel.lnp:546",
            ),
        );
    }

    let to_local_sat = (to_local.clone()).to_sat();
    let to_remote_sat = ((to_remote.clone()).to_sat())
        .checked_sub(m.fee_satoshis.clone())
        .or_reject("specs/bolt/channel.lnp:548")?;
    let tx = tpl_channel_closing(
        funding.clone(),
        capacity.clone(),
        f_channel_funding_script(
            local.funding.clone(),
            remote.funding.clone(),
            lnp_env,
            lnp_ctx,
        )?,
        local_script.clone(),
        remote_script.clone(),
        to_local_sat.clone(),
        to_remote_sat.clone(),
        lnp_env,
        lnp_ctx,
    )?;
    if !(rt::builtins::verify(
        &m.signature.clone(),
        &tx.clone(),
        0u32,
        &remote.funding.clone(),
    )) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "invalid closing_signed signature",
                "specs/bolt/channel.lnp:550",
            ),
        );
    }

    lnp_fx
        .push(
            rt::Effect::Send(
                Message::ClosingSigned(ClosingSigned {
                    channel_id: channel_id.clone(),
                    fee_satoshis: m.fee_satoshis.clone(),
                    signature: {
                        let (lnp_tx, lnp_key) = (tx.clone(), local.funding.clone());
                        lnp_ctx
                            .sign(&lnp_tx, 0u32, &lnp_key)
                            .map_err(|why| rt::Reject::new(
                                rt::RejectKind::Error,
                                why.to_string(),
                                "specs/bolt/channel.lnp:554",
                            ))?
                    },
                    fee_range: None,
                }),
            ),
        );
    lnp_fx.push(rt::Effect::Broadcast((tx.clone()).tx));
    lnp_fx
        .push(
            rt::Effect::Emit(
                Event::ChannelClosed(ChannelClosed {
                    channel_id: channel_id.clone(),
                }),
            ),
        );
    Ok((State::Closed(state::Closed { channel_id }), lnp_fx))
}

/// `on command add in Normal` in `Normal` (specs/bolt/htlc.lnp:150).
fn t16_normal<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_point,
        mut pending,
        mut next_htlc_id,
        mut commitment_number,
        mut feerate,
    } = lnp_state;
    if !((c.amount.clone() >= lnp_env.params.htlc_minimum.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "amount below the peer's htlc_minimum_msat",
                "specs/bolt/htlc.lnp:151",
            ),
        );
    }

    if !((c.amount.clone() <= to_local.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "insufficient balance",
                "specs/bolt/htlc.lnp:152",
            ),
        );
    }

    if !((((pending.clone()).len() as u64)
        < rt::builtins::int::<u64>(lnp_env.params.max_accepted_htlcs.clone())
            .or_reject("specs/bolt/htlc.lnp:153")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Warning,
                "too many HTLCs in flight",
                "specs/bolt/htlc.lnp:153",
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
    pending
        .push(Pending {
            id: next_htlc_id.clone(),
            amount: c.amount.clone(),
            cltv_expiry: c.cltv_expiry.clone(),
            offered: true,
            lock: ((c.payment_hash.clone()).0).to_vec(),
        });
    to_local = to_local
        .checked_sub(c.amount.clone())
        .or_reject("specs/bolt/htlc.lnp:169")?;
    next_htlc_id = next_htlc_id.checked_add(1u64).or_reject("specs/bolt/htlc.lnp:170")?;
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            remote_point,
            pending,
            next_htlc_id,
            commitment_number,
            feerate,
        }),
        lnp_fx,
    ))
}

/// `on recv update_add_htlc in Normal` in `Normal` (specs/bolt/htlc.lnp:173).
fn t17_normal<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_point,
        mut pending,
        mut next_htlc_id,
        mut commitment_number,
        mut feerate,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/htlc.lnp:174",
            ),
        );
    }

    if !((m.amount_msat.clone() > rt::Msat(0))) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "zero-value HTLC",
                "specs/bolt/htlc.lnp:175",
            ),
        );
    }

    if !((m.amount_msat.clone() >= lnp_env.params.htlc_minimum.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "HTLC below htlc_minimum_msat",
                "specs/bolt/htlc.lnp:176",
            ),
        );
    }

    if !((m.amount_msat.clone() <= to_remote.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "HTLC exceeds the sender's balance",
                "specs/bolt/htlc.lnp:177",
            ),
        );
    }

    if !((rt::list::count(
        &(pending.clone()),
        |p: &Pending| -> Result<_, rt::Reject> {
            let p = p.clone();
            Ok(!(p.offered.clone()))
        },
    )?
        < rt::builtins::int::<u64>(lnp_env.params.max_accepted_htlcs.clone())
            .or_reject("specs/bolt/htlc.lnp:178")?))
    {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "too many HTLCs",
                "specs/bolt/htlc.lnp:178",
            ),
        );
    }

    if !(!(rt::list::any(
        &(pending.clone()),
        |p: &Pending| -> Result<_, rt::Reject> {
            let p = p.clone();
            Ok((!(p.offered.clone()) && (p.id.clone() == m.id.clone())))
        },
    )?)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "duplicate HTLC id",
                "specs/bolt/htlc.lnp:179",
            ),
        );
    }

    pending
        .push(Pending {
            id: m.id.clone(),
            amount: m.amount_msat.clone(),
            cltv_expiry: m.cltv_expiry.clone(),
            offered: false,
            lock: ((m.payment_hash.clone()).0).to_vec(),
        });
    to_remote = to_remote
        .checked_sub(m.amount_msat.clone())
        .or_reject("specs/bolt/htlc.lnp:187")?;
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            remote_point,
            pending,
            next_htlc_id,
            commitment_number,
            feerate,
        }),
        lnp_fx,
    ))
}

/// `on recv update_fulfill_htlc in Normal, ShuttingDown` in `Normal` (specs/bolt/htlc.lnp:190).
fn t18_normal<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_point,
        mut pending,
        mut next_htlc_id,
        mut commitment_number,
        mut feerate,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/htlc.lnp:191",
            ),
        );
    }

    if !(rt::list::any(
        &(pending.clone()),
        |p: &Pending| -> Result<_, rt::Reject> {
            let p = p.clone();
            Ok(
                ((p.offered.clone() && (p.id.clone() == m.id.clone()))
                    && (p.lock.clone()
                        == ((rt::builtins::sha256(&(m.payment_preimage.clone())[..])).0)
                            .to_vec())),
            )
        },
    )?) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "preimage does not match an offered HTLC",
                "specs/bolt/htlc.lnp:192",
            ),
        );
    }

    to_remote = to_remote
        .checked_add(
            rt::Msat::sum(
                    (rt::list::map(
                        &(rt::list::filter(
                            &(pending.clone()),
                            |p: &Pending| -> Result<_, rt::Reject> {
                                let p = p.clone();
                                Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
                            },
                        )?),
                        |p: &Pending| -> Result<_, rt::Reject> {
                            let p = p.clone();
                            Ok(p.amount.clone())
                        },
                    )?)
                        .iter()
                        .copied(),
                )
                .or_reject("specs/bolt/htlc.lnp:193")?,
        )
        .or_reject("specs/bolt/htlc.lnp:193")?;
    pending = rt::list::filter(
        &(pending.clone()),
        |p: &Pending| -> Result<_, rt::Reject> {
            let p = p.clone();
            Ok(!(((p.offered.clone() && (p.id.clone() == m.id.clone())))))
        },
    )?;
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
            remote,
            to_local,
            to_remote,
            remote_point,
            pending,
            next_htlc_id,
            commitment_number,
            feerate,
        }),
        lnp_fx,
    ))
}

/// `on recv update_fulfill_htlc in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/htlc.lnp:190).
fn t18_shuttingdown<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut pending,
        mut remote_script,
        mut local_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/htlc.lnp:191",
            ),
        );
    }

    if !(rt::list::any(
        &(pending.clone()),
        |p: &Pending| -> Result<_, rt::Reject> {
            let p = p.clone();
            Ok(
                ((p.offered.clone() && (p.id.clone() == m.id.clone()))
                    && (p.lock.clone()
                        == ((rt::builtins::sha256(&(m.payment_preimage.clone())[..])).0)
                            .to_vec())),
            )
        },
    )?) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "preimage does not match an offered HTLC",
                "specs/bolt/htlc.lnp:192",
            ),
        );
    }

    to_remote = to_remote
        .checked_add(
            rt::Msat::sum(
                    (rt::list::map(
                        &(rt::list::filter(
                            &(pending.clone()),
                            |p: &Pending| -> Result<_, rt::Reject> {
                                let p = p.clone();
                                Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
                            },
                        )?),
                        |p: &Pending| -> Result<_, rt::Reject> {
                            let p = p.clone();
                            Ok(p.amount.clone())
                        },
                    )?)
                        .iter()
                        .copied(),
                )
                .or_reject("specs/bolt/htlc.lnp:193")?,
        )
        .or_reject("specs/bolt/htlc.lnp:193")?;
    pending = rt::list::filter(
        &(pending.clone()),
        |p: &Pending| -> Result<_, rt::Reject> {
            let p = p.clone();
            Ok(!(((p.offered.clone() && (p.id.clone() == m.id.clone())))))
        },
    )?;
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
            remote,
            to_local,
            to_remote,
            pending,
            remote_script,
            local_script,
        }),
        lnp_fx,
    ))
}

/// `on recv update_fail_htlc in Normal, ShuttingDown` in `Normal` (specs/bolt/htlc.lnp:198).
fn t19_normal<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_point,
        mut pending,
        mut next_htlc_id,
        mut commitment_number,
        mut feerate,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/htlc.lnp:199",
            ),
        );
    }

    if !(rt::list::any(
        &(pending.clone()),
        |p: &Pending| -> Result<_, rt::Reject> {
            let p = p.clone();
            Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
        },
    )?) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "no such offered HTLC",
                "specs/bolt/htlc.lnp:200",
            ),
        );
    }

    to_local = to_local
        .checked_add(
            rt::Msat::sum(
                    (rt::list::map(
                        &(rt::list::filter(
                            &(pending.clone()),
                            |p: &Pending| -> Result<_, rt::Reject> {
                                let p = p.clone();
                                Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
                            },
                        )?),
                        |p: &Pending| -> Result<_, rt::Reject> {
                            let p = p.clone();
                            Ok(p.amount.clone())
                        },
                    )?)
                        .iter()
                        .copied(),
                )
                .or_reject("specs/bolt/htlc.lnp:201")?,
        )
        .or_reject("specs/bolt/htlc.lnp:201")?;
    pending = rt::list::filter(
        &(pending.clone()),
        |p: &Pending| -> Result<_, rt::Reject> {
            let p = p.clone();
            Ok(!(((p.offered.clone() && (p.id.clone() == m.id.clone())))))
        },
    )?;
    lnp_fx.push(rt::Effect::Emit(Event::HtlcFailed(HtlcFailed { id: m.id.clone() })));
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            remote_point,
            pending,
            next_htlc_id,
            commitment_number,
            feerate,
        }),
        lnp_fx,
    ))
}

/// `on recv update_fail_htlc in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/htlc.lnp:198).
fn t19_shuttingdown<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut pending,
        mut remote_script,
        mut local_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/htlc.lnp:199",
            ),
        );
    }

    if !(rt::list::any(
        &(pending.clone()),
        |p: &Pending| -> Result<_, rt::Reject> {
            let p = p.clone();
            Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
        },
    )?) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "no such offered HTLC",
                "specs/bolt/htlc.lnp:200",
            ),
        );
    }

    to_local = to_local
        .checked_add(
            rt::Msat::sum(
                    (rt::list::map(
                        &(rt::list::filter(
                            &(pending.clone()),
                            |p: &Pending| -> Result<_, rt::Reject> {
                                let p = p.clone();
                                Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
                            },
                        )?),
                        |p: &Pending| -> Result<_, rt::Reject> {
                            let p = p.clone();
                            Ok(p.amount.clone())
                        },
                    )?)
                        .iter()
                        .copied(),
                )
                .or_reject("specs/bolt/htlc.lnp:201")?,
        )
        .or_reject("specs/bolt/htlc.lnp:201")?;
    pending = rt::list::filter(
        &(pending.clone()),
        |p: &Pending| -> Result<_, rt::Reject> {
            let p = p.clone();
            Ok(!(((p.offered.clone() && (p.id.clone() == m.id.clone())))))
        },
    )?;
    lnp_fx.push(rt::Effect::Emit(Event::HtlcFailed(HtlcFailed { id: m.id.clone() })));
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            pending,
            remote_script,
            local_script,
        }),
        lnp_fx,
    ))
}

/// `on recv update_fail_malformed_htlc in Normal, ShuttingDown` in `Normal` (specs/bolt/htlc.lnp:206).
fn t20_normal<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut remote_point,
        mut pending,
        mut next_htlc_id,
        mut commitment_number,
        mut feerate,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/htlc.lnp:207",
            ),
        );
    }

    if !(((m.failure_code.clone() & 32768u16) != 0u16)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "failure_code lacks the BADONION bit",
                "specs/bolt/htlc.lnp:208",
            ),
        );
    }

    if !(rt::list::any(
        &(pending.clone()),
        |p: &Pending| -> Result<_, rt::Reject> {
            let p = p.clone();
            Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
        },
    )?) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "no such offered HTLC",
                "specs/bolt/htlc.lnp:209",
            ),
        );
    }

    to_local = to_local
        .checked_add(
            rt::Msat::sum(
                    (rt::list::map(
                        &(rt::list::filter(
                            &(pending.clone()),
                            |p: &Pending| -> Result<_, rt::Reject> {
                                let p = p.clone();
                                Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
                            },
                        )?),
                        |p: &Pending| -> Result<_, rt::Reject> {
                            let p = p.clone();
                            Ok(p.amount.clone())
                        },
                    )?)
                        .iter()
                        .copied(),
                )
                .or_reject("specs/bolt/htlc.lnp:210")?,
        )
        .or_reject("specs/bolt/htlc.lnp:210")?;
    pending = rt::list::filter(
        &(pending.clone()),
        |p: &Pending| -> Result<_, rt::Reject> {
            let p = p.clone();
            Ok(!(((p.offered.clone() && (p.id.clone() == m.id.clone())))))
        },
    )?;
    lnp_fx.push(rt::Effect::Emit(Event::HtlcFailed(HtlcFailed { id: m.id.clone() })));
    Ok((
        State::Normal(state::Normal {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            remote_point,
            pending,
            next_htlc_id,
            commitment_number,
            feerate,
        }),
        lnp_fx,
    ))
}

/// `on recv update_fail_malformed_htlc in Normal, ShuttingDown` in `ShuttingDown` (specs/bolt/htlc.lnp:206).
fn t20_shuttingdown<C: rt::Context>(
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
        mut remote,
        mut to_local,
        mut to_remote,
        mut pending,
        mut remote_script,
        mut local_script,
    } = lnp_state;
    if !((m.channel_id.clone() == channel_id.clone())) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "unknown channel id",
                "specs/bolt/htlc.lnp:207",
            ),
        );
    }

    if !(((m.failure_code.clone() & 32768u16) != 0u16)) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "failure_code lacks the BADONION bit",
                "specs/bolt/htlc.lnp:208",
            ),
        );
    }

    if !(rt::list::any(
        &(pending.clone()),
        |p: &Pending| -> Result<_, rt::Reject> {
            let p = p.clone();
            Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
        },
    )?) {
        return Err(
            rt::Reject::new(
                rt::RejectKind::Error,
                "no such offered HTLC",
                "specs/bolt/htlc.lnp:209",
            ),
        );
    }

    to_local = to_local
        .checked_add(
            rt::Msat::sum(
                    (rt::list::map(
                        &(rt::list::filter(
                            &(pending.clone()),
                            |p: &Pending| -> Result<_, rt::Reject> {
                                let p = p.clone();
                                Ok((p.offered.clone() && (p.id.clone() == m.id.clone())))
                            },
                        )?),
                        |p: &Pending| -> Result<_, rt::Reject> {
                            let p = p.clone();
                            Ok(p.amount.clone())
                        },
                    )?)
                        .iter()
                        .copied(),
                )
                .or_reject("specs/bolt/htlc.lnp:210")?,
        )
        .or_reject("specs/bolt/htlc.lnp:210")?;
    pending = rt::list::filter(
        &(pending.clone()),
        |p: &Pending| -> Result<_, rt::Reject> {
            let p = p.clone();
            Ok(!(((p.offered.clone() && (p.id.clone() == m.id.clone())))))
        },
    )?;
    lnp_fx.push(rt::Effect::Emit(Event::HtlcFailed(HtlcFailed { id: m.id.clone() })));
    Ok((
        State::ShuttingDown(state::ShuttingDown {
            capacity,
            funding,
            channel_id,
            local,
            remote,
            to_local,
            to_remote,
            pending,
            remote_script,
            local_script,
        }),
        lnp_fx,
    ))
}

/// `balance` in `Normal` (specs/bolt/channel.lnp:560).
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
        remote,
        to_local,
        to_remote,
        remote_point,
        pending,
        next_htlc_id,
        commitment_number,
        feerate,
    } = lnp_state;
    Ok(
        ((capacity.clone()).to_msat().or_reject("specs/bolt/channel.lnp:560")?
            >= ((to_local.clone())
                .checked_add(to_remote.clone())
                .or_reject("specs/bolt/channel.lnp:560")?)
                .checked_add(
                    rt::Msat::sum(
                            (rt::list::map(
                                &(pending.clone()),
                                |p: &Pending| -> Result<_, rt::Reject> {
                                    let p = p.clone();
                                    Ok(p.amount.clone())
                                },
                            )?)
                                .iter()
                                .copied(),
                        )
                        .or_reject("specs/bolt/channel.lnp:560")?,
                )
                .or_reject("specs/bolt/channel.lnp:560")?),
    )
}

/// `htlc_limit` in `Normal` (specs/bolt/channel.lnp:561).
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
        remote,
        to_local,
        to_remote,
        remote_point,
        pending,
        next_htlc_id,
        commitment_number,
        feerate,
    } = lnp_state;
    Ok(
        (((pending.clone()).len() as u64)
            <= (rt::builtins::int::<u64>(lnp_env.params.max_accepted_htlcs.clone())
                .or_reject("specs/bolt/channel.lnp:561")?)
                .checked_mul(2u64)
                .or_reject("specs/bolt/channel.lnp:561")?),
    )
}

/// The name as declared, with the `'static` lifetime effects carry.
fn static_name(s: &str) -> Result<&'static str, wire::WireError> {
    match s {
        "funding_deep" => Ok("funding_deep"),
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
            State::AwaitAccept(v) => {
                w.u16(1u16);
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
            }
            State::AwaitFundingBuilt(v) => {
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
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.point(&v.remote_point.clone());
            }
            State::AwaitFundingCreated(v) => {
                w.u16(3u16);
                w.u64((v.capacity.clone()).0);
                w.u64((v.push.clone()).0);
                w.bytes(&(v.temporary_channel_id.clone()).0);
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.point(&v.remote_point.clone());
            }
            State::AwaitFundingSigned(v) => {
                w.u16(4u16);
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
                w.u64((v.to_local.clone()).0);
                w.u64((v.to_remote.clone()).0);
                w.point(&v.remote_point.clone());
            }
            State::AwaitLocked(v) => {
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
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.u64((v.to_local.clone()).0);
                w.u64((v.to_remote.clone()).0);
                w.point(&v.remote_point.clone());
                w.u8(u8::from(v.remote_ready.clone()));
            }
            State::Normal(v) => {
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
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.u64((v.to_local.clone()).0);
                w.u64((v.to_remote.clone()).0);
                w.point(&v.remote_point.clone());
                let items = v.pending.clone();
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
                w.u64(v.next_htlc_id.clone());
                w.bytes(&(v.commitment_number.clone()).to_be_bytes()[2..]);
                w.u32(v.feerate.clone());
            }
            State::ShuttingDown(v) => {
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
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.u64((v.to_local.clone()).0);
                w.u64((v.to_remote.clone()).0);
                let items = v.pending.clone();
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
                w.var_bytes(&v.remote_script.clone())?;
                w.var_bytes(&v.local_script.clone())?;
            }
            State::Negotiating(v) => {
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
                {
                    let r = v.remote.clone();
                    w.point(&r.funding.clone());
                    w.point(&r.revocation.clone());
                    w.point(&r.payment.clone());
                    w.point(&r.delayed_payment.clone());
                    w.point(&r.htlc.clone());
                }
                w.u64((v.to_local.clone()).0);
                w.u64((v.to_remote.clone()).0);
                w.var_bytes(&v.remote_script.clone())?;
                w.var_bytes(&v.local_script.clone())?;
            }
            State::Closed(v) => {
                w.u16(9u16);
                w.bytes(&(v.channel_id.clone()).0);
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
                    state::AwaitAccept {
                        capacity,
                        push,
                        temporary_channel_id,
                        local,
                    }
                })
            }
            2u16 => {
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
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let remote_point = r.point()?;
                    state::AwaitFundingBuilt {
                        capacity,
                        push,
                        temporary_channel_id,
                        local,
                        remote,
                        remote_point,
                    }
                })
            }
            3u16 => {
                State::AwaitFundingCreated({
                    let capacity = rt::Sat(r.u64()?);
                    let push = rt::Msat(r.u64()?);
                    let temporary_channel_id = rt::ChannelId(r.array()?);
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let remote_point = r.point()?;
                    state::AwaitFundingCreated {
                        capacity,
                        push,
                        temporary_channel_id,
                        remote,
                        remote_point,
                    }
                })
            }
            4u16 => {
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
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let to_local = rt::Msat(r.u64()?);
                    let to_remote = rt::Msat(r.u64()?);
                    let remote_point = r.point()?;
                    state::AwaitFundingSigned {
                        capacity,
                        funding,
                        channel_id,
                        local,
                        remote,
                        to_local,
                        to_remote,
                        remote_point,
                    }
                })
            }
            5u16 => {
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
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let to_local = rt::Msat(r.u64()?);
                    let to_remote = rt::Msat(r.u64()?);
                    let remote_point = r.point()?;
                    let remote_ready = match r.u8()? {
                        0 => false,
                        1 => true,
                        _ => return Err(wire::WireError::NonMinimalTruncated),
                    };
                    state::AwaitLocked {
                        capacity,
                        funding,
                        channel_id,
                        local,
                        remote,
                        to_local,
                        to_remote,
                        remote_point,
                        remote_ready,
                    }
                })
            }
            6u16 => {
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
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let to_local = rt::Msat(r.u64()?);
                    let to_remote = rt::Msat(r.u64()?);
                    let remote_point = r.point()?;
                    let pending = {
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
                    let next_htlc_id = r.u64()?;
                    let commitment_number = {
                        let b = r.bytes(6)?;
                        b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x))
                    };
                    let feerate = r.u32()?;
                    state::Normal {
                        capacity,
                        funding,
                        channel_id,
                        local,
                        remote,
                        to_local,
                        to_remote,
                        remote_point,
                        pending,
                        next_htlc_id,
                        commitment_number,
                        feerate,
                    }
                })
            }
            7u16 => {
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
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let to_local = rt::Msat(r.u64()?);
                    let to_remote = rt::Msat(r.u64()?);
                    let pending = {
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
                    let remote_script = r.var_bytes()?.to_vec();
                    let local_script = r.var_bytes()?.to_vec();
                    state::ShuttingDown {
                        capacity,
                        funding,
                        channel_id,
                        local,
                        remote,
                        to_local,
                        to_remote,
                        pending,
                        remote_script,
                        local_script,
                    }
                })
            }
            8u16 => {
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
                    let remote = Basepoints {
                        funding: r.point()?,
                        revocation: r.point()?,
                        payment: r.point()?,
                        delayed_payment: r.point()?,
                        htlc: r.point()?,
                    };
                    let to_local = rt::Msat(r.u64()?);
                    let to_remote = rt::Msat(r.u64()?);
                    let remote_script = r.var_bytes()?.to_vec();
                    let local_script = r.var_bytes()?.to_vec();
                    state::Negotiating {
                        capacity,
                        funding,
                        channel_id,
                        local,
                        remote,
                        to_local,
                        to_remote,
                        remote_script,
                        local_script,
                    }
                })
            }
            9u16 => {
                State::Closed({
                    let channel_id = rt::ChannelId(r.array()?);
                    state::Closed { channel_id }
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
            Event::ChannelClosed(v) => {
                w.u16(2u16);
                w.bytes(&(v.channel_id.clone()).0);
            }
            Event::HtlcSettled(v) => {
                w.u16(3u16);
                w.u64(v.id.clone());
                w.bytes(&v.preimage.clone());
            }
            Event::HtlcFailed(v) => {
                w.u16(4u16);
                w.u64(v.id.clone());
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
                    Event::ChannelClosed({
                        let channel_id = rt::ChannelId(r.array()?);
                        ChannelClosed { channel_id }
                    })
                }
                3u16 => {
                    Event::HtlcSettled({
                        let id = r.u64()?;
                        let preimage = r.array()?;
                        HtlcSettled { id, preimage }
                    })
                }
                4u16 => {
                    Event::HtlcFailed({
                        let id = r.u64()?;
                        HtlcFailed { id }
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
