//! TLV streams (BOLT 1): records in strictly increasing type order, each a
//! BigSize type, a BigSize length and the value. An unknown *even* type is an
//! error, an unknown *odd* one is skipped ("it's OK to be odd").

use super::{bigsize, WireError};

/// One record as read: its type and its value bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlvRecord<'a> {
    pub tlv_type: u64,
    pub value: &'a [u8],
}

/// A decoded stream: the records of known types, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TlvStream<'a> {
    pub records: Vec<TlvRecord<'a>>,
}

impl<'a> TlvStream<'a> {
    /// Decodes all of `buf` as a stream; `known` says which types the reader understands.
    pub fn decode(buf: &'a [u8], known: impl Fn(u64) -> bool) -> Result<Self, WireError> {
        let mut records = Vec::new();
        let mut pos = 0;
        let mut previous: Option<u64> = None;
        while pos < buf.len() {
            let (tlv_type, used) = bigsize::read(&buf[pos..])?;
            pos += used;
            let (length, used) = bigsize::read(&buf[pos..]).map_err(|e| match e {
                WireError::Eof => WireError::UnexpectedEof { needed: 1, remaining: 0 },
                other => other,
            })?;
            pos += used;
            if let Some(p) = previous {
                if tlv_type <= p {
                    return Err(WireError::TlvNotIncreasing { previous: p, current: tlv_type });
                }
            }
            previous = Some(tlv_type);
            let remaining = buf.len() - pos;
            if length > remaining as u64 {
                return Err(WireError::TlvLengthExceedsStream { tlv_type, length, remaining });
            }
            let value = &buf[pos..pos + length as usize];
            pos += length as usize;
            if known(tlv_type) {
                records.push(TlvRecord { tlv_type, value });
            } else if tlv_type % 2 == 0 {
                return Err(WireError::UnknownEvenType(tlv_type));
            }
        }
        Ok(TlvStream { records })
    }

    pub fn get(&self, tlv_type: u64) -> Option<&'a [u8]> {
        self.records.iter().find(|r| r.tlv_type == tlv_type).map(|r| r.value)
    }
}

/// Encodes records (sorted here, so callers may list them in any order).
pub fn encode(records: &mut [(u64, Vec<u8>)]) -> Vec<u8> {
    records.sort_by_key(|(t, _)| *t);
    let mut out = Vec::new();
    for (t, v) in records.iter() {
        bigsize::write(&mut out, *t);
        bigsize::write(&mut out, v.len() as u64);
        out.extend_from_slice(v);
    }
    out
}
