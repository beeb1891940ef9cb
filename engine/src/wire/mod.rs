//! The BOLT 1 wire format: fundamental types, BigSize and TLV streams.
//!
//! [`Reader`] and [`Writer`] read and write the fundamental types of BOLT 1
//! (big-endian integers, truncated integers, signed integers, points,
//! signatures, fixed byte arrays) with precise errors; [`bigsize`] and
//! [`tlv`] hold the canonical-encoding rules. Generated message codecs are
//! built on these. Nothing here does I/O: bytes in, values out.

pub mod bigsize;
pub mod codec;
pub mod tlv;

pub use codec::{Reader, Writer};
pub use tlv::{TlvRecord, TlvStream};

/// Why bytes could not be read as what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    /// Nothing at all where a value was expected (BigSize "EOF").
    #[error("end of input")]
    Eof,
    /// A value started but its bytes ran out (BigSize "unexpected EOF").
    #[error("unexpected end of input: needed {needed} bytes, {remaining} left")]
    UnexpectedEof { needed: usize, remaining: usize },
    #[error("BigSize value is not canonically encoded")]
    NonCanonicalBigSize,
    #[error("truncated integer is not minimally encoded")]
    NonMinimalTruncated,
    #[error("truncated integer is {len} bytes, more than the {max} its type allows")]
    TruncatedTooLong { len: usize, max: usize },
    #[error("not a valid secp256k1 point")]
    InvalidPoint,
    #[error("not a valid signature")]
    InvalidSignature,
    #[error("TLV types must increase: {current} after {previous}")]
    TlvNotIncreasing { previous: u64, current: u64 },
    #[error("unknown even TLV type {0}")]
    UnknownEvenType(u64),
    #[error("TLV record of type {tlv_type} is {length} bytes but only {remaining} remain")]
    TlvLengthExceedsStream { tlv_type: u64, length: u64, remaining: usize },
    #[error("TLV record of type {tlv_type} has {left} bytes left after its value")]
    TlvValueTooLong { tlv_type: u64, left: usize },
    #[error("{0} bytes left after the message")]
    TrailingBytes(usize),
    #[error("stored data has format version {0}, which this build does not read")]
    UnknownVersion(u8),
    #[error("unknown variant tag {0}")]
    UnknownTag(u16),
    #[error("a name this protocol does not declare: {0}")]
    UnknownName(String),
    #[error("an invalid transaction")]
    InvalidTransaction,
}
