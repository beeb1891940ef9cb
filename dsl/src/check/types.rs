//! The checker's types: what an expression can be, and the builtin names.
//!
//! Wire representations (`tu64`, `bigsize`) collapse to their meaning here
//! (`u64`); codegen reads the written type for the encoding.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IntTy {
    pub bits: u8,
    pub signed: bool,
}

impl IntTy {
    pub const U8: IntTy = IntTy { bits: 8, signed: false };
    pub const U16: IntTy = IntTy { bits: 16, signed: false };
    pub const U32: IntTy = IntTy { bits: 32, signed: false };
    pub const U48: IntTy = IntTy { bits: 48, signed: false };
    pub const U64: IntTy = IntTy { bits: 64, signed: false };

    /// Whether `v` (an unsigned literal value) fits.
    pub fn fits(self, v: u128) -> bool {
        let bits = if self.signed { self.bits - 1 } else { self.bits };
        v < (1u128 << bits)
    }
}

/// Something with named fields: a record, a message, a command, an event, a chain event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StructRef {
    Record(usize),
    Message(usize),
    Command(usize),
    Event(usize),
    /// `confirm(...)` watches report `{ txid: Txid, height: u32 }`.
    Confirmed,
    /// `spend(...)` watches report `{ tx: Tx, height: u32 }`.
    Spent,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Type {
    Bool,
    Int(IntTy),
    /// An integer literal whose width the context decides; carries its value.
    IntLit(Option<u128>),
    Sat,
    Msat,
    Bytes,
    FixedBytes(u32),
    Hash256,
    ChainHash,
    ChannelId,
    Point,
    Signature,
    Secret,
    ShortChannelId,
    Txid,
    OutPoint,
    Script,
    Tx,
    Utf8,
    List(Box<Type>),
    Option(Box<Type>),
    /// `archive<K, V>`: only ever a state field's type.
    Archive(Box<Type>, Box<Type>),
    Struct(StructRef),
    Enum(usize),
    /// Already reported; suppresses follow-on errors.
    Error,
}

impl Type {
    pub fn is_int(&self) -> bool {
        matches!(self, Type::Int(_) | Type::IntLit(_))
    }
    pub fn is_amount(&self) -> bool {
        matches!(self, Type::Sat | Type::Msat)
    }
    pub fn is_error(&self) -> bool {
        matches!(self, Type::Error)
    }
    /// Byte-like values that hash and compare as bytes.
    pub fn is_bytes_like(&self) -> bool {
        matches!(
            self,
            Type::Bytes
                | Type::FixedBytes(_)
                | Type::Hash256
                | Type::ChainHash
                | Type::ChannelId
                | Type::Point
                | Type::Signature
                | Type::Secret
                | Type::Txid
                | Type::Script
        )
    }
}

/// Types named by a single builtin word.
pub fn builtin_type(name: &str) -> Option<Type> {
    let int = |bits, signed| Some(Type::Int(IntTy { bits, signed }));
    match name {
        "bool" => Some(Type::Bool),
        "u8" | "byte" => int(8, false),
        "u16" | "tu16" => int(16, false),
        "u32" | "tu32" => int(32, false),
        "u48" => int(48, false),
        "u64" | "tu64" | "bigsize" => int(64, false),
        "i8" => int(8, true),
        "i16" => int(16, true),
        "i32" => int(32, true),
        "i64" => int(64, true),
        "sat" => Some(Type::Sat),
        "msat" => Some(Type::Msat),
        "bytes" => Some(Type::Bytes),
        "Hash256" => Some(Type::Hash256),
        "ChainHash" => Some(Type::ChainHash),
        "ChannelId" => Some(Type::ChannelId),
        "Point" => Some(Type::Point),
        "Signature" => Some(Type::Signature),
        "Secret" => Some(Type::Secret),
        "ShortChannelId" => Some(Type::ShortChannelId),
        "Txid" => Some(Type::Txid),
        "OutPoint" => Some(Type::OutPoint),
        "Script" => Some(Type::Script),
        "Tx" => Some(Type::Tx),
        "Utf8" => Some(Type::Utf8),
        _ => None,
    }
}

pub const BUILTIN_TYPE_NAMES: &[&str] = &[
    "bool", "u8", "u16", "u32", "u48", "u64", "i8", "i16", "i32", "i64", "tu16", "tu32", "tu64", "bigsize", "sat",
    "msat", "bytes", "Hash256", "ChainHash", "ChannelId", "Point", "Signature", "Secret", "ShortChannelId", "Txid",
    "OutPoint", "Script", "Tx", "Utf8",
];

/// How types print in messages; struct and enum names come from the checker.
pub struct Show<'a> {
    pub ty: &'a Type,
    pub names: &'a dyn Fn(&Type) -> Option<String>,
}

impl fmt::Display for Show<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = (self.names)(self.ty) {
            return f.write_str(&n);
        }
        match self.ty {
            Type::Bool => f.write_str("bool"),
            Type::Int(i) => write!(f, "{}{}", if i.signed { "i" } else { "u" }, i.bits),
            Type::IntLit(_) => f.write_str("integer"),
            Type::Sat => f.write_str("sat"),
            Type::Msat => f.write_str("msat"),
            Type::Bytes => f.write_str("bytes"),
            Type::FixedBytes(n) => write!(f, "bytes[{n}]"),
            Type::Hash256 => f.write_str("Hash256"),
            Type::ChainHash => f.write_str("ChainHash"),
            Type::ChannelId => f.write_str("ChannelId"),
            Type::Point => f.write_str("Point"),
            Type::Signature => f.write_str("Signature"),
            Type::Secret => f.write_str("Secret"),
            Type::ShortChannelId => f.write_str("ShortChannelId"),
            Type::Txid => f.write_str("Txid"),
            Type::OutPoint => f.write_str("OutPoint"),
            Type::Script => f.write_str("Script"),
            Type::Tx => f.write_str("Tx"),
            Type::Utf8 => f.write_str("Utf8"),
            Type::List(t) => write!(f, "list<{}>", Show { ty: t, names: self.names }),
            Type::Option(t) => write!(f, "option<{}>", Show { ty: t, names: self.names }),
            Type::Archive(k, v) => write!(f, "archive<{}, {}>", Show { ty: k, names: self.names }, Show { ty: v, names: self.names }),
            Type::Struct(_) | Type::Enum(_) => f.write_str("<declared type>"),
            Type::Error => f.write_str("<error>"),
        }
    }
}
