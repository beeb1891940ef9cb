//! The stored form of an [`Effect`]: what the store's outbox and armed
//! effects hold. One codec for every protocol; a generated module passes
//! its own message and event codecs and the table of its static names
//! (watch and timer names, which effects carry as `&'static str`).
//!
//! Layout: a format version byte, a tag (0 send, 1 broadcast, 2 watch
//! confirm, 3 watch spend, 4 emit, 5 start timer, 6 stop timer), then the
//! effect's data with the BOLT 1 codec. Not a wire format: peers never see it.

use super::machine::Effect;
use super::{OutPoint, Txid};
use crate::wire::{Reader, WireError, Writer};
use bitcoin::hashes::Hash;

/// The format version written first.
pub const VERSION: u8 = 1;

/// Encodes `effect`, its message with `message` (the whole message, type
/// included) and its event with `event`.
pub fn encode<M, E>(
    effect: &Effect<M, E>,
    message: impl Fn(&M) -> Result<Vec<u8>, WireError>,
    event: impl Fn(&E, &mut Writer) -> Result<(), WireError>,
) -> Result<Vec<u8>, WireError> {
    let mut w = Writer::new();
    w.u8(VERSION);
    match effect {
        Effect::Send(m) => {
            w.u8(0);
            w.bytes(&message(m)?);
        }
        Effect::Broadcast(tx) => {
            w.u8(1);
            w.bytes(&bitcoin::consensus::encode::serialize(tx));
        }
        Effect::WatchConfirm { name, txid, depth } => {
            w.u8(2);
            w.var_bytes(name.as_bytes())?;
            w.bytes(&txid.to_byte_array());
            w.u32(*depth);
        }
        Effect::WatchSpend { name, outpoint } => {
            w.u8(3);
            w.var_bytes(name.as_bytes())?;
            w.bytes(&outpoint.txid.to_byte_array());
            w.u32(outpoint.vout);
        }
        Effect::Emit(e) => {
            w.u8(4);
            event(e, &mut w)?;
        }
        Effect::StartTimer { name, after_secs } => {
            w.u8(5);
            w.var_bytes(name.as_bytes())?;
            w.u32(*after_secs);
        }
        Effect::StopTimer { name } => {
            w.u8(6);
            w.var_bytes(name.as_bytes())?;
        }
    }
    Ok(w.into_bytes())
}

/// Decodes what [`encode`] wrote; `static_name` maps a stored watch or
/// timer name back to the protocol's own (an unknown name is an error).
pub fn decode<M, E>(
    bytes: &[u8],
    message: impl Fn(&[u8]) -> Result<Option<M>, WireError>,
    event: impl Fn(&mut Reader) -> Result<E, WireError>,
    static_name: impl Fn(&str) -> Result<&'static str, WireError>,
) -> Result<Effect<M, E>, WireError> {
    let mut r = Reader::new(bytes);
    let version = r.u8()?;
    if version != VERSION {
        return Err(WireError::UnknownVersion(version));
    }
    let name = |r: &mut Reader| -> Result<&'static str, WireError> { static_name(&String::from_utf8_lossy(r.var_bytes()?)) };
    let effect = match r.u8()? {
        0 => {
            let m = message(r.rest())?.ok_or(WireError::UnknownTag(0))?;
            r.bytes(r.remaining())?;
            Effect::Send(m)
        }
        1 => {
            let tx = bitcoin::consensus::encode::deserialize(r.rest()).map_err(|_| WireError::InvalidTransaction)?;
            r.bytes(r.remaining())?;
            Effect::Broadcast(tx)
        }
        2 => {
            let name = name(&mut r)?;
            let txid = Txid::from_byte_array(r.array()?);
            Effect::WatchConfirm { name, txid, depth: r.u32()? }
        }
        3 => {
            let name = name(&mut r)?;
            let txid = Txid::from_byte_array(r.array()?);
            Effect::WatchSpend { name, outpoint: OutPoint { txid, vout: r.u32()? } }
        }
        4 => Effect::Emit(event(&mut r)?),
        5 => {
            let name = name(&mut r)?;
            Effect::StartTimer { name, after_secs: r.u32()? }
        }
        6 => Effect::StopTimer { name: name(&mut r)? },
        other => return Err(WireError::UnknownTag(u16::from(other))),
    };
    r.finish()?;
    Ok(effect)
}
