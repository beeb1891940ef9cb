//! Building scripts from `raw { … }`, `miniscript { … }` and `policy { … }`.
//!
//! Generated code pushes values with [`Push`] (numbers as minimal script
//! numbers, keys and hashes as their bytes) and opcodes by byte. Miniscript
//! and policies are parsed and encoded at run time with the `miniscript`
//! crate, from their text with every placeholder replaced by its value.

use super::{ChannelId, Hash256, Point, Script, Secret, Signature};
use bitcoin::script::{Builder, PushBytesBuf};
use miniscript::{policy::Concrete, Miniscript, Segwitv0};
use std::str::FromStr;

/// A value that can be pushed onto a script.
pub trait Push {
    fn push(&self, b: Builder) -> Builder;
    /// How the value appears in miniscript/policy text.
    fn miniscript_text(&self) -> String;
}

fn push_bytes(b: Builder, bytes: &[u8]) -> Builder {
    match PushBytesBuf::try_from(bytes.to_vec()) {
        Ok(p) => b.push_slice(p),
        // Longer than 4 GiB: cannot happen for values the language builds.
        Err(_) => b.push_opcode(bitcoin::opcodes::all::OP_RETURN),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

macro_rules! push_int {
    ($($t:ty),*) => {$(
        impl Push for $t {
            fn push(&self, b: Builder) -> Builder {
                b.push_int(*self as i64)
            }
            fn miniscript_text(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
push_int!(u8, u16, u32, u64, i8, i16, i32, i64);

impl Push for bool {
    fn push(&self, b: Builder) -> Builder {
        b.push_int(i64::from(*self))
    }
    fn miniscript_text(&self) -> String {
        u8::from(*self).to_string()
    }
}

macro_rules! push_bytes_like {
    ($($t:ty),*) => {$(
        impl Push for $t {
            fn push(&self, b: Builder) -> Builder {
                push_bytes(b, self.as_ref())
            }
            fn miniscript_text(&self) -> String {
                hex(self.as_ref())
            }
        }
    )*};
}
push_bytes_like!(Vec<u8>, [u8; 20], [u8; 32], Hash256, ChannelId, Secret);

impl Push for Point {
    fn push(&self, b: Builder) -> Builder {
        push_bytes(b, &self.serialize())
    }
    fn miniscript_text(&self) -> String {
        self.to_string()
    }
}

impl Push for Signature {
    fn push(&self, b: Builder) -> Builder {
        push_bytes(b, &self.serialize_der())
    }
    fn miniscript_text(&self) -> String {
        hex(&self.serialize_der())
    }
}

impl Push for Script {
    fn push(&self, b: Builder) -> Builder {
        push_bytes(b, self.as_bytes())
    }
    fn miniscript_text(&self) -> String {
        hex(self.as_bytes())
    }
}

impl Push for bitcoin::Txid {
    fn push(&self, b: Builder) -> Builder {
        use bitcoin::hashes::Hash;
        push_bytes(b, &self.to_byte_array())
    }
    fn miniscript_text(&self) -> String {
        self.to_string()
    }
}

/// A miniscript fragment (segwit v0) from its text with values in place.
pub fn miniscript(text: &str) -> Result<Script, String> {
    Miniscript::<bitcoin::PublicKey, Segwitv0>::from_str(text).map(|ms| ms.encode()).map_err(|e| e.to_string())
}

/// A policy compiled to a segwit v0 miniscript.
pub fn policy(text: &str) -> Result<Script, String> {
    let p = Concrete::<bitcoin::PublicKey>::from_str(text).map_err(|e| e.to_string())?;
    p.compile::<Segwitv0>().map(|ms| ms.encode()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_push_as_minimal_script_numbers() {
        let s = 32u32.push(Builder::new()).into_script();
        assert_eq!(s.as_bytes(), &[0x01, 0x20]);
        let s = 0u8.push(Builder::new()).into_script();
        assert_eq!(s.as_bytes(), &[0x00]);
    }

    #[test]
    fn miniscript_encodes() {
        let key = "02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5";
        let s = miniscript(&format!("and_v(v:pk({key}),older(144))")).expect("valid miniscript");
        assert!(s.as_bytes().ends_with(&[0x02, 0x90, 0x00, 0xb2]), "{s:?}");
        assert!(miniscript("and_v(pk(00),older(1))").is_err());
    }
}
