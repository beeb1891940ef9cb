//! Message codecs: each message's fields encoded and decoded in BOLT 1 wire
//! format, by the type the spec *wrote* (so `tu64` and `bigsize` keep their
//! encodings while meaning `u64`).
//!
//! Fields are written in order; a `tlv { … }` block becomes a TLV stream at
//! the end (record values in their "rest of record" form: truncated
//! integers, amounts as `tu64`, bytes and text without a length). A message
//! without a TLV block ignores bytes after its fields, as BOLT 1 asks of
//! readers for forward compatibility.

use crate::names::{camel, snake};
use crate::CodegenError;
use lnp_dsl::ast::{Item, Message, TypeExpr};
use lnp_dsl::check::symbols::{Ns, Sym, Symbols};
use lnp_dsl::check::types::Type;
use lnp_dsl::Program;
use proc_macro2::TokenStream;
use quote::quote;

type R<T> = Result<T, CodegenError>;

struct Wx<'a> {
    program: &'a Program,
    syms: &'a Symbols,
    unit: usize,
    at: String,
    /// Encoding for the node's own store rather than the wire: options are
    /// allowed (a presence byte, then the value).
    persist: bool,
}

impl Wx<'_> {
    fn unsupported(&self, what: &str) -> CodegenError {
        CodegenError::Unsupported { at: self.at.clone(), what: what.to_string() }
    }

    /// A named type's word, or the record / enum it resolves to.
    fn named<'t>(&self, t: &'t TypeExpr) -> Option<&'t str> {
        match t {
            TypeExpr::Named(p) if p.qualifier().is_none() => Some(p.last().name.as_str()),
            _ => None,
        }
    }

    fn record_fields(&self, t: &TypeExpr) -> Option<(usize, Vec<(String, TypeExpr)>)> {
        let TypeExpr::Named(p) = t else { return None };
        match self.syms.resolve(self.unit, Ns::Type, p).ok()? {
            Sym::Record(i) => {
                let info = &self.syms.records[i];
                let unit = &self.program.units[info.unit].unit;
                unit.items.iter().find_map(|it| match it {
                    Item::Record(r) if r.name.name == info.name => {
                        Some((i, r.fields.iter().map(|f| (f.name.name.to_string(), f.ty.clone())).collect()))
                    }
                    _ => None,
                })
            }
            _ => None,
        }
    }

    fn enum_of(&self, t: &TypeExpr) -> Option<usize> {
        let TypeExpr::Named(p) = t else { return None };
        match self.syms.resolve(self.unit, Ns::Type, p).ok()? {
            Sym::Enum(i) => Some(i),
            _ => None,
        }
    }

    /// Statements writing `v` (an expression of the field's Rust type) to `w`.
    /// `rest`: the value fills the rest of a TLV record.
    fn enc(&self, v: TokenStream, t: &TypeExpr, rest: bool) -> R<TokenStream> {
        if let Some(word) = self.named(t) {
            let s = match word {
                "u8" | "byte" => quote!(w.u8(#v);),
                "u16" if !rest => quote!(w.u16(#v);),
                "u32" if !rest => quote!(w.u32(#v);),
                "u64" if !rest => quote!(w.u64(#v);),
                "u16" | "u32" | "u64" | "tu16" | "tu32" | "tu64" if rest => quote!(w.truncated(u64::from(#v));),
                "u48" => quote!(w.bytes(&(#v).to_be_bytes()[2..]);),
                "i8" => quote!(w.signed(i64::from(#v), 1);),
                "i16" => quote!(w.signed(i64::from(#v), 2);),
                "i32" => quote!(w.signed(i64::from(#v), 4);),
                "i64" => quote!(w.signed(#v, 8);),
                "bigsize" => quote!(w.bigsize(#v);),
                "sat" | "msat" if rest => quote!(w.truncated((#v).0);),
                "sat" | "msat" => quote!(w.u64((#v).0);),
                "bool" => quote!(w.u8(u8::from(#v));),
                "bytes" if rest => quote!(w.bytes(&#v);),
                "bytes" => quote!(w.var_bytes(&#v)?;),
                "Utf8" if rest => quote!(w.bytes((#v).as_bytes());),
                "Utf8" => quote!(w.var_bytes((#v).as_bytes())?;),
                "Script" if rest => quote!(w.bytes((#v).as_bytes());),
                "Script" => quote!(w.var_bytes((#v).as_bytes())?;),
                "Hash256" | "ChainHash" | "ChannelId" | "Secret" => quote!(w.bytes(&(#v).0);),
                "Txid" => quote!(w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(#v));),
                "OutPoint" => quote! {
                    let op = #v;
                    w.bytes(&<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(op.txid));
                    w.u32(op.vout);
                },
                "Point" => quote!(w.point(&#v);),
                "Signature" => quote!(w.signature(&#v);),
                "ShortChannelId" => quote!(w.u64((#v).0);),
                "tu16" | "tu32" | "tu64" => return Err(self.unsupported("a truncated integer outside a TLV record")),
                "Tx" => return Err(self.unsupported("a transaction in a message")),
                _ => return self.enc_declared(v, t, rest),
            };
            return Ok(s);
        }
        match t {
            TypeExpr::FixedBytes(..) => Ok(quote!(w.bytes(&#v);)),
            TypeExpr::List(inner, _) => {
                let item = self.enc(quote!(x), inner, false)?;
                Ok(quote! {
                    let items = #v;
                    let n = u16::try_from(items.len()).map_err(|_| wire::WireError::TruncatedTooLong { len: items.len(), max: 65535 })?;
                    w.u16(n);
                    for x in items { #item }
                })
            }
            TypeExpr::Option(inner, _) if self.persist => {
                let item = self.enc(quote!(x.clone()), inner, false)?;
                Ok(quote! {
                    match &#v {
                        Some(x) => { w.u8(1); #item }
                        None => w.u8(0),
                    }
                })
            }
            TypeExpr::Option(..) => Err(self.unsupported("an `option` field outside a TLV block")),
            // Only the entries not yet moved to the store (none, once a
            // driver has stepped the machine).
            TypeExpr::Archive(key, value, _) if self.persist => {
                let k = self.enc(quote!(k), key, false)?;
                let x = self.enc(quote!(x), value, false)?;
                Ok(quote! {
                    let a = #v;
                    let n = u32::try_from(a.pending().len()).map_err(|_| wire::WireError::TruncatedTooLong { len: a.pending().len(), max: u32::MAX as usize })?;
                    w.u32(n);
                    for (k, x) in a.pending().iter().cloned() { #k #x }
                })
            }
            TypeExpr::Archive(..) => Err(self.unsupported("an `archive` outside a stored state")),
            _ => self.enc_declared(v, t, rest),
        }
    }

    fn enc_declared(&self, v: TokenStream, t: &TypeExpr, _rest: bool) -> R<TokenStream> {
        if let Some((_, fields)) = self.record_fields(t) {
            let mut parts = Vec::new();
            for (name, ft) in fields {
                let f = snake(&name);
                parts.push(self.enc(quote!(r.#f.clone()), &ft, false)?);
            }
            return Ok(quote!({ let r = #v; #(#parts)* }));
        }
        if let Some(e) = self.enum_of(t) {
            let info = &self.syms.enums[e];
            let en = camel(&info.name);
            let arms = info.variants.iter().enumerate().map(|(i, var)| {
                let var = camel(var);
                let i = i as u8;
                quote!(#en::#var => #i,)
            });
            return Ok(quote!(w.u8(match #v { #(#arms)* });));
        }
        Err(self.unsupported("this field type on the wire"))
    }

    /// An expression reading a value of the field's type from `r`.
    fn dec(&self, t: &TypeExpr, rest: bool) -> R<TokenStream> {
        if let Some(word) = self.named(t) {
            let e = match word {
                "u8" | "byte" => quote!(r.u8()?),
                "u16" if !rest => quote!(r.u16()?),
                "u32" if !rest => quote!(r.u32()?),
                "u64" if !rest => quote!(r.u64()?),
                "u16" | "tu16" if rest => quote!(u16::try_from(r.truncated(2)?).map_err(|_| wire::WireError::NonMinimalTruncated)?),
                "u32" | "tu32" if rest => quote!(u32::try_from(r.truncated(4)?).map_err(|_| wire::WireError::NonMinimalTruncated)?),
                "u64" | "tu64" if rest => quote!(r.truncated(8)?),
                "u48" => quote!({ let b = r.bytes(6)?; b.iter().fold(0u64, |a, x| (a << 8) | u64::from(*x)) }),
                "i8" => quote!(r.signed::<1>()? as i8),
                "i16" => quote!(r.signed::<2>()? as i16),
                "i32" => quote!(r.signed::<4>()? as i32),
                "i64" => quote!(r.signed::<8>()?),
                "bigsize" => quote!(r.bigsize()?),
                "sat" if rest => quote!(rt::Sat(r.truncated(8)?)),
                "msat" if rest => quote!(rt::Msat(r.truncated(8)?)),
                "sat" => quote!(rt::Sat(r.u64()?)),
                "msat" => quote!(rt::Msat(r.u64()?)),
                "bool" => quote!(match r.u8()? { 0 => false, 1 => true, _ => return Err(wire::WireError::NonMinimalTruncated) }),
                "bytes" if rest => quote!(r.bytes(r.remaining())?.to_vec()),
                "bytes" => quote!(r.var_bytes()?.to_vec()),
                "Utf8" if rest => quote!(String::from_utf8_lossy(r.bytes(r.remaining())?).into_owned()),
                "Utf8" => quote!(String::from_utf8_lossy(r.var_bytes()?).into_owned()),
                "Script" if rest => quote!(rt::Script::from(r.bytes(r.remaining())?.to_vec())),
                "Script" => quote!(rt::Script::from(r.var_bytes()?.to_vec())),
                "Hash256" => quote!(rt::Hash256(r.array()?)),
                "ChainHash" => quote!(rt::ChainHash(r.array()?)),
                "ChannelId" => quote!(rt::ChannelId(r.array()?)),
                "Secret" => quote!(rt::Secret(r.array()?)),
                "Txid" => quote!(<rt::Txid as bitcoin::hashes::Hash>::from_byte_array(r.array()?)),
                "OutPoint" => quote!(rt::OutPoint { txid: <rt::Txid as bitcoin::hashes::Hash>::from_byte_array(r.array()?), vout: r.u32()? }),
                "Point" => quote!(r.point()?),
                "Signature" => quote!(r.signature()?),
                "ShortChannelId" => quote!(rt::ShortChannelId(r.u64()?)),
                "tu16" | "tu32" | "tu64" => return Err(self.unsupported("a truncated integer outside a TLV record")),
                "Tx" => return Err(self.unsupported("a transaction in a message")),
                _ => return self.dec_declared(t),
            };
            return Ok(e);
        }
        match t {
            TypeExpr::FixedBytes(..) => Ok(quote!(r.array()?)),
            TypeExpr::List(inner, _) => {
                let item = self.dec(inner, false)?;
                Ok(quote!({
                    let n = r.u16()?;
                    let mut items = Vec::with_capacity(usize::from(n).min(r.remaining()));
                    for _ in 0..n { items.push(#item); }
                    items
                }))
            }
            TypeExpr::Option(inner, _) if self.persist => {
                let item = self.dec(inner, false)?;
                Ok(quote!(match r.u8()? { 0 => None, 1 => Some(#item), _ => return Err(wire::WireError::NonMinimalTruncated) }))
            }
            TypeExpr::Option(..) => Err(self.unsupported("an `option` field outside a TLV block")),
            TypeExpr::Archive(key, value, _) if self.persist => {
                let k = self.dec(key, false)?;
                let x = self.dec(value, false)?;
                Ok(quote!({
                    let n = r.u32()?;
                    let mut items = Vec::with_capacity((n as usize).min(r.remaining()));
                    for _ in 0..n { let k = #k; let x = #x; items.push((k, x)); }
                    rt::Archive::from_pending(items)
                }))
            }
            TypeExpr::Archive(..) => Err(self.unsupported("an `archive` outside a stored state")),
            _ => self.dec_declared(t),
        }
    }

    fn dec_declared(&self, t: &TypeExpr) -> R<TokenStream> {
        if let Some((i, fields)) = self.record_fields(t) {
            let name = camel(&self.syms.records[i].name);
            let mut parts = Vec::new();
            for (fname, ft) in fields {
                let f = snake(&fname);
                let d = self.dec(&ft, false)?;
                parts.push(quote!(#f: #d,));
            }
            return Ok(quote!(#name { #(#parts)* }));
        }
        if let Some(e) = self.enum_of(t) {
            let info = &self.syms.enums[e];
            let en = camel(&info.name);
            let arms = info.variants.iter().enumerate().map(|(i, var)| {
                let var = camel(var);
                let i = i as u8;
                quote!(#i => #en::#var,)
            });
            return Ok(quote!(match r.u8()? { #(#arms)* _ => return Err(wire::WireError::NonMinimalTruncated) }));
        }
        Err(self.unsupported("this field type on the wire"))
    }
}

/// `encode_payload` / `decode_payload` for one message.
pub fn message_codec(program: &Program, syms: &Symbols, unit: usize, m: &Message, at: String) -> R<TokenStream> {
    let wx = Wx { program, syms, unit, at, persist: false };
    let name = camel(&m.name.name);
    let mut enc = Vec::new();
    let mut dec = Vec::new();
    let mut inits = Vec::new();
    for f in &m.fields {
        let fname = snake(&f.name.name);
        enc.push(wx.enc(quote!(self.#fname.clone()), &f.ty, false)?);
        let d = wx.dec(&f.ty, false)?;
        dec.push(quote!(let #fname = #d;));
        inits.push(quote!(#fname,));
    }
    if m.has_tlv_block {
        let mut rec_enc = Vec::new();
        let mut rec_dec = Vec::new();
        let mut known = Vec::new();
        for t in &m.tlvs {
            let fname = snake(&t.name.name);
            let n = t.tlv_type.value.and_then(|v| u64::try_from(v).ok()).unwrap_or(0);
            known.push(n);
            let e = wx.enc(quote!(v.clone()), &t.ty, true)?;
            rec_enc.push(quote! {
                if let Some(v) = &self.#fname {
                    let mut w = wire::Writer::new();
                    #e
                    records.push((#n, w.into_bytes()));
                }
            });
            let d = wx.dec(&t.ty, true)?;
            rec_dec.push(quote! {
                let #fname = match stream.get(#n) {
                    Some(bytes) => {
                        let mut r = wire::Reader::new(bytes);
                        let v = #d;
                        r.finish()?;
                        Some(v)
                    }
                    None => None,
                };
            });
            inits.push(quote!(#fname,));
        }
        enc.push(quote! {
            let mut records: Vec<(u64, Vec<u8>)> = Vec::new();
            #(#rec_enc)*
            w.bytes(&wire::tlv::encode(&mut records));
        });
        dec.push(quote! {
            let stream = wire::TlvStream::decode(r.rest(), |t| [#(#known),*].contains(&t))?;
            #(#rec_dec)*
        });
    }
    Ok(quote! {
        impl #name {
            /// Writes the fields (and the TLV stream), without the type.
            pub fn encode_payload(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
                #(#enc)*
                Ok(())
            }

            /// Reads the fields (and the TLV stream) after the type.
            pub fn decode_payload(r: &mut wire::Reader) -> Result<Self, wire::WireError> {
                #(#dec)*
                Ok(#name { #(#inits)* })
            }
        }
    })
}

/// `encode`/`decode` of a struct-like item (a state's data, an event, a
/// command) for the node's store: fields in order, options allowed.
pub fn struct_codec(
    program: &Program,
    syms: &Symbols,
    unit: usize,
    rust_name: TokenStream,
    fields: &[(String, TypeExpr)],
    at: String,
) -> R<(TokenStream, TokenStream)> {
    let wx = Wx { program, syms, unit, at, persist: true };
    let mut enc = Vec::new();
    let mut dec = Vec::new();
    let mut inits = Vec::new();
    for (name, ty) in fields {
        let f = snake(name);
        enc.push(wx.enc(quote!(v.#f.clone()), ty, false)?);
        let d = wx.dec(ty, false)?;
        dec.push(quote!(let #f = #d;));
        inits.push(quote!(#f,));
    }
    Ok((quote!(#(#enc)*), quote!({ #(#dec)* #rust_name { #(#inits)* } })))
}

/// For an `archive<K, V>` state field `name`: `lnp_archive_key_<name>`
/// (a key as the store keys it), `lnp_archive_put_<name>` and
/// `lnp_archive_get_<name>` (a value as stored), in the store's codec.
pub fn archive_codecs(program: &Program, syms: &Symbols, unit: usize, name: &str, key: (&TypeExpr, &Type), value: (&TypeExpr, &Type), at: String) -> R<TokenStream> {
    let wx = Wx { program, syms, unit, at, persist: true };
    let (kf, pf, gf) = archive_fns(name);
    let kt = crate::types::rust_type(syms, key.1);
    let vt = crate::types::rust_type(syms, value.1);
    let (key, value) = (key.0, value.0);
    let ke = wx.enc(quote!(k.clone()), key, false)?;
    let ve = wx.enc(quote!(v.clone()), value, false)?;
    let vd = wx.dec(value, false)?;
    Ok(quote! {
        fn #kf(k: &#kt) -> Result<Vec<u8>, wire::WireError> {
            let mut w = wire::Writer::new();
            #ke
            Ok(w.into_bytes())
        }
        fn #pf(v: &#vt) -> Result<Vec<u8>, wire::WireError> {
            let mut w = wire::Writer::new();
            #ve
            Ok(w.into_bytes())
        }
        fn #gf(bytes: &[u8]) -> Result<#vt, wire::WireError> {
            let mut r = wire::Reader::new(bytes);
            let v = #vd;
            r.finish()?;
            Ok(v)
        }
    })
}

/// The names of the codec functions of the archive field `name`.
pub fn archive_fns(name: &str) -> (proc_macro2::Ident, proc_macro2::Ident, proc_macro2::Ident) {
    (
        quote::format_ident!("lnp_archive_key_{}", name),
        quote::format_ident!("lnp_archive_put_{}", name),
        quote::format_ident!("lnp_archive_get_{}", name),
    )
}
