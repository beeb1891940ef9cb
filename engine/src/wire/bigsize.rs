//! BigSize (BOLT 1): a `u64` in 1, 3, 5 or 9 bytes, canonically encoded.

use super::WireError;

/// Appends the BigSize encoding of `v`.
pub fn write(out: &mut Vec<u8>, v: u64) {
    match v {
        0..=0xfc => out.push(v as u8),
        0xfd..=0xffff => {
            out.push(0xfd);
            out.extend_from_slice(&(v as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(0xfe);
            out.extend_from_slice(&(v as u32).to_be_bytes());
        }
        _ => {
            out.push(0xff);
            out.extend_from_slice(&v.to_be_bytes());
        }
    }
}

/// The encoded length of `v`.
pub fn len(v: u64) -> usize {
    match v {
        0..=0xfc => 1,
        0xfd..=0xffff => 3,
        0x1_0000..=0xffff_ffff => 5,
        _ => 9,
    }
}

/// Reads a BigSize from the front of `buf`; returns the value and the bytes used.
pub fn read(buf: &[u8]) -> Result<(u64, usize), WireError> {
    let Some(&first) = buf.first() else { return Err(WireError::Eof) };
    let body = |n: usize| -> Result<u64, WireError> {
        let bytes = buf.get(1..1 + n).ok_or(WireError::UnexpectedEof { needed: n, remaining: buf.len() - 1 })?;
        Ok(bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    };
    match first {
        0xfd => {
            let v = body(2)?;
            if v < 0xfd {
                return Err(WireError::NonCanonicalBigSize);
            }
            Ok((v, 3))
        }
        0xfe => {
            let v = body(4)?;
            if v < 0x1_0000 {
                return Err(WireError::NonCanonicalBigSize);
            }
            Ok((v, 5))
        }
        0xff => {
            let v = body(8)?;
            if v < 0x1_0000_0000 {
                return Err(WireError::NonCanonicalBigSize);
            }
            Ok((v, 9))
        }
        small => Ok((u64::from(small), 1)),
    }
}
