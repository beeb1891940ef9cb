//! Reading and writing BOLT 1 fundamental types.

use super::{bigsize, WireError};
use bitcoin::secp256k1::{ecdsa::Signature, PublicKey};

/// A cursor over bytes being decoded.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }
    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }
    /// The bytes not read yet.
    pub fn rest(&self) -> &'a [u8] {
        &self.buf[self.pos..]
    }

    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        if self.remaining() < n {
            return Err(WireError::UnexpectedEof { needed: n, remaining: self.remaining() });
        }
        let out = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], WireError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.bytes(N)?);
        Ok(out)
    }
    pub fn u8(&mut self) -> Result<u8, WireError> {
        Ok(self.array::<1>()?[0])
    }
    pub fn u16(&mut self) -> Result<u16, WireError> {
        Ok(u16::from_be_bytes(self.array()?))
    }
    pub fn u32(&mut self) -> Result<u32, WireError> {
        Ok(u32::from_be_bytes(self.array()?))
    }
    pub fn u64(&mut self) -> Result<u64, WireError> {
        Ok(u64::from_be_bytes(self.array()?))
    }
    /// A signed integer of `N` bytes (BOLT 1 `s8`…`s64`: two's complement, big-endian).
    pub fn signed<const N: usize>(&mut self) -> Result<i64, WireError> {
        let bytes = self.array::<N>()?;
        let mut v: i64 = if bytes[0] & 0x80 != 0 { -1 } else { 0 };
        for b in bytes {
            v = (v << 8) | i64::from(b);
        }
        Ok(v)
    }
    pub fn bigsize(&mut self) -> Result<u64, WireError> {
        let (v, used) = bigsize::read(self.rest())?;
        self.pos += used;
        Ok(v)
    }
    /// A truncated integer (`tu16`, `tu32`, `tu64`) taking all remaining bytes,
    /// at most `max` of them, with no leading zero byte.
    pub fn truncated(&mut self, max: usize) -> Result<u64, WireError> {
        let len = self.remaining();
        if len > max {
            return Err(WireError::TruncatedTooLong { len, max });
        }
        let bytes = self.bytes(len)?;
        if bytes.first() == Some(&0) {
            return Err(WireError::NonMinimalTruncated);
        }
        Ok(bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    }
    pub fn point(&mut self) -> Result<PublicKey, WireError> {
        PublicKey::from_slice(self.bytes(33)?).map_err(|_| WireError::InvalidPoint)
    }
    pub fn signature(&mut self) -> Result<Signature, WireError> {
        Signature::from_compact(self.bytes(64)?).map_err(|_| WireError::InvalidSignature)
    }
    /// `u16` length, then that many bytes.
    pub fn var_bytes(&mut self) -> Result<&'a [u8], WireError> {
        let n = self.u16()?;
        self.bytes(usize::from(n))
    }
    /// Fails unless everything was read.
    pub fn finish(&self) -> Result<(), WireError> {
        if self.is_empty() { Ok(()) } else { Err(WireError::TrailingBytes(self.remaining())) }
    }
}

/// A growing buffer being encoded.
#[derive(Debug, Clone, Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn u16(&mut self, v: u16) {
        self.bytes(&v.to_be_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.bytes(&v.to_be_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.bytes(&v.to_be_bytes());
    }
    /// A signed integer in `n` bytes (1, 2, 4 or 8).
    pub fn signed(&mut self, v: i64, n: usize) {
        let all = v.to_be_bytes();
        self.bytes(&all[8 - n.min(8)..]);
    }
    pub fn bigsize(&mut self, v: u64) {
        bigsize::write(&mut self.buf, v);
    }
    /// A truncated integer: the big-endian bytes without leading zeros.
    pub fn truncated(&mut self, v: u64) {
        let all = v.to_be_bytes();
        let skip = all.iter().take_while(|b| **b == 0).count();
        self.bytes(&all[skip..]);
    }
    pub fn point(&mut self, p: &PublicKey) {
        self.bytes(&p.serialize());
    }
    pub fn signature(&mut self, s: &Signature) {
        self.bytes(&s.serialize_compact());
    }
    /// `u16` length, then the bytes; longer than 65535 bytes cannot be written.
    pub fn var_bytes(&mut self, b: &[u8]) -> Result<(), WireError> {
        let n = u16::try_from(b.len()).map_err(|_| WireError::TruncatedTooLong { len: b.len(), max: 65535 })?;
        self.u16(n);
        self.bytes(b);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn bigsize_round_trips(v in any::<u64>()) {
            let mut w = Writer::new();
            w.bigsize(v);
            let mut r = Reader::new(&w.buf);
            prop_assert_eq!(r.bigsize(), Ok(v));
            prop_assert!(r.is_empty());
        }

        #[test]
        fn truncated_round_trips(v in any::<u64>()) {
            let mut w = Writer::new();
            w.truncated(v);
            prop_assert_eq!(Reader::new(&w.buf).truncated(8), Ok(v));
        }

        #[test]
        fn decoding_arbitrary_bytes_never_panics(data in proptest::collection::vec(any::<u8>(), 0..64)) {
            let mut r = Reader::new(&data);
            let _ = r.bigsize();
            let _ = r.point();
            let _ = r.var_bytes();
            let _ = crate::wire::TlvStream::decode(&data, |t| t % 3 == 0);
        }
    }
}
