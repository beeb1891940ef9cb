//! `.lnp` types → Rust types of `lnp_engine::rt`.
//!
//! Integer widths map to the nearest Rust integer (`u48` is a `u64` whose
//! range the engine checks); amounts to the checked `Sat`/`Msat`; byte-like
//! builtins to the engine's named 32-byte types or `bitcoin` types.

use crate::names::camel;
use lnp_dsl::check::symbols::Symbols;
use lnp_dsl::check::types::{StructRef, Type};
use proc_macro2::TokenStream;
use quote::quote;

pub fn rust_type(syms: &Symbols, t: &Type) -> TokenStream {
    match t {
        Type::Bool => quote!(bool),
        Type::Int(i) => match (i.signed, i.bits) {
            (false, 8) => quote!(u8),
            (false, 16) => quote!(u16),
            (false, 32) => quote!(u32),
            (false, _) => quote!(u64),
            (true, 8) => quote!(i8),
            (true, 16) => quote!(i16),
            (true, 32) => quote!(i32),
            (true, _) => quote!(i64),
        },
        Type::IntLit(_) => quote!(u64),
        Type::Sat => quote!(rt::Sat),
        Type::Msat => quote!(rt::Msat),
        Type::Bytes => quote!(Vec<u8>),
        Type::FixedBytes(n) => {
            let n = *n as usize;
            quote!([u8; #n])
        }
        Type::Hash256 => quote!(rt::Hash256),
        Type::ChainHash => quote!(rt::ChainHash),
        Type::ChannelId => quote!(rt::ChannelId),
        Type::Point => quote!(rt::Point),
        Type::Signature => quote!(rt::Signature),
        Type::Secret => quote!(rt::Secret),
        Type::ShortChannelId => quote!(rt::ShortChannelId),
        Type::Txid => quote!(rt::Txid),
        Type::OutPoint => quote!(rt::OutPoint),
        Type::Script => quote!(rt::Script),
        Type::Tx => quote!(rt::Tx),
        Type::Utf8 => quote!(rt::Utf8),
        Type::List(e) => {
            let e = rust_type(syms, e);
            quote!(Vec<#e>)
        }
        Type::Option(e) => {
            let e = rust_type(syms, e);
            quote!(Option<#e>)
        }
        Type::Archive(k, v) => {
            let (k, v) = (rust_type(syms, k), rust_type(syms, v));
            quote!(rt::Archive<#k, #v>)
        }
        Type::Struct(StructRef::Record(i)) => {
            let name = camel(&syms.records[*i].name);
            quote!(#name)
        }
        Type::Struct(s) => {
            // Messages, commands and events are not field types in a checked spec;
            // name them anyway so a future use compiles to something sensible.
            match s {
                StructRef::Confirmed => quote!(rt::Confirmed),
                StructRef::Spent => quote!(rt::Spent),
                _ => {
                    let name = syms.struct_info(*s).map_or_else(|| camel("unknown"), |i| camel(&i.name));
                    quote!(#name)
                }
            }
        }
        Type::Enum(i) => {
            let name = camel(&syms.enums[*i].name);
            quote!(#name)
        }
        Type::Error => quote!(()),
    }
}
