//! The items of a generated protocol module: data types and vocabularies.
//!
//! Everything declared in the protocol's composition becomes one Rust item,
//! in a fixed order (parameters, constants, enums, records, messages,
//! commands, events, states) so the output is stable and diffs stay small.

use crate::names::{camel, snake};
use crate::types::rust_type;
use lnp_dsl::ast::{Expr, ExprKind, Item, Span, StateKind};
use lnp_dsl::check::protocol::composition;
use lnp_dsl::check::symbols::{FieldInfo, Symbols};
use lnp_dsl::{Checked, Program};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

struct Cx<'a> {
    program: &'a Program,
    syms: &'a Symbols,
    comp: BTreeSet<usize>,
}

impl Cx<'_> {
    /// `#[doc = " specs/x.lnp:12"]`: where an item comes from.
    fn origin(&self, span: Span) -> TokenStream {
        let (path, line, _) = self.program.sources.location(span);
        let text = format!(" Spec: `{}:{line}`.", crate::spec_path(path));
        quote!(#[doc = #text])
    }

    fn doc(&self, text: &str) -> TokenStream {
        let text = format!(" {text}");
        quote!(#[doc = #text])
    }

    fn fields(&self, fields: &[FieldInfo]) -> TokenStream {
        let fs = fields.iter().map(|f| {
            let name = snake(&f.name);
            let ty = rust_type(self.syms, &f.ty);
            let origin = self.origin(f.span);
            quote!(#origin pub #name: #ty,)
        });
        quote!(#(#fs)*)
    }

    fn in_comp(&self, unit: usize) -> bool {
        self.comp.contains(&unit)
    }
}

/// The source files of a protocol's composition, for the header.
pub fn composition_paths(program: &Program, checked: &Checked, unit: usize) -> Vec<String> {
    composition(&checked.symbols, unit)
        .into_iter()
        .map(|u| crate::spec_path(program.sources.path(program.units[u].file)))
        .collect()
}

/// A literal default value, when the expression is one.
fn literal(e: &Expr) -> Option<TokenStream> {
    Some(match &e.kind {
        ExprKind::Int(n) => {
            let v = n.value?;
            let lit = proc_macro2::Literal::u128_unsuffixed(v);
            quote!(#lit)
        }
        ExprKind::Amount(n, unit) => {
            let v = proc_macro2::Literal::u64_unsuffixed(u64::try_from(n.value?).ok()?);
            match unit {
                lnp_dsl::ast::AmountUnit::Sat => quote!(rt::Sat(#v)),
                lnp_dsl::ast::AmountUnit::Msat => quote!(rt::Msat(#v)),
            }
        }
        ExprKind::Bool(b) => quote!(#b),
        ExprKind::Str(s) => {
            let v = &s.value;
            quote!(#v.to_string())
        }
        ExprKind::Paren(inner) => literal(inner)?,
        _ => return None,
    })
}

pub fn protocol_module(program: &Program, checked: &Checked, unit: usize) -> Result<TokenStream, crate::CodegenError> {
    let syms = &checked.symbols;
    let cx = Cx { program, syms, comp: composition(syms, unit) };
    let gen = crate::expr::Gen { program, checked, fills: fills(&cx), fields: Default::default() };
    let has_roles = cx.syms.enums.iter().any(|e| cx.in_comp(e.unit) && e.name == "Role");
    let machine = crate::machine::machine(&gen, unit, &cx.comp, has_roles)?;
    let persistence = crate::persist::persistence(program, syms, &cx.comp, &program.units[unit].unit.name.name)?;
    let name = &program.units[unit].unit.name.name;
    let module_doc = format!(" The `{name}` protocol, generated from its spec and the modules it imports.");
    let params = params(&cx);
    let consts = consts(&cx);
    let enums = enums(&cx);
    let records = records(&cx);
    let messages = messages(&cx)?;
    let commands = vocabulary(&cx, "Command", "A user command this machine accepts.", &syms.commands);
    let events = vocabulary(&cx, "Event", "An event this machine reports to the user.", &syms.events);
    let states = states(&cx);
    Ok(quote! {
        #![doc = #module_doc]
        #![allow(clippy::all, unused_imports, unused_mut, unused_variables, unused_parens, unused_braces, unused_assignments, dead_code)]
        use lnp_engine::rt;
        use lnp_engine::rt::OrReject;
        use lnp_engine::wire;

        #params
        #consts
        #enums
        #records
        #messages
        #commands
        #events
        #states
        #machine
        #persistence
    })
}

/// Slot → the module that fills it, from the `fill` items of the composition.
fn fills(cx: &Cx) -> std::collections::HashMap<usize, usize> {
    let mut out = std::collections::HashMap::new();
    for &u in &cx.comp {
        for item in &cx.program.units[u].unit.items {
            if let Item::Fill(f) = item {
                if let Ok(lnp_dsl::check::symbols::Sym::Slot(s)) =
                    cx.syms.resolve(u, lnp_dsl::check::symbols::Ns::Value, &f.slot)
                {
                    if let Some(filler) = cx.program.unit_named(&f.with.name) {
                        out.insert(s, filler);
                    }
                }
            }
        }
    }
    out
}

fn params(cx: &Cx) -> TokenStream {
    let mut required = Vec::new();
    let mut fields = Vec::new();
    let mut inits = Vec::new();
    for &u in &cx.comp {
        for item in &cx.program.units[u].unit.items {
            let Item::Param(p) = item else { continue };
            let Some(info) = cx.syms.params.iter().find(|v| v.unit == u && v.name == p.name.name) else { continue };
            let name = snake(&p.name.name);
            let ty = rust_type(cx.syms, &info.ty);
            let origin = cx.origin(p.name.span);
            fields.push(quote!(#origin pub #name: #ty,));
            match p.default.as_ref().and_then(literal) {
                Some(v) => inits.push(quote!(#name: #v,)),
                None => {
                    required.push(quote!(#name: #ty));
                    inits.push(quote!(#name,));
                }
            }
        }
    }
    let doc = cx.doc("The parameters of one machine, fixed when it is created.");
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct Params { #(#fields)* }

        impl Params {
            /// Parameters with every default from the spec; the rest are arguments.
            pub fn new(#(#required),*) -> Self {
                Params { #(#inits)* }
            }
        }
    }
}

fn consts(cx: &Cx) -> TokenStream {
    let mut out = Vec::new();
    for &u in &cx.comp {
        for item in &cx.program.units[u].unit.items {
            let Item::Const(c) = item else { continue };
            let Some(info) = cx.syms.consts.iter().find(|v| v.unit == u && v.name == c.name.name) else { continue };
            let Some(value) = literal(&c.value) else { continue };
            let name = proc_macro2::Ident::new(&c.name.name.to_uppercase(), proc_macro2::Span::call_site());
            let ty = rust_type(cx.syms, &info.ty);
            let origin = cx.origin(c.name.span);
            out.push(quote!(#origin pub const #name: #ty = #value;));
        }
    }
    quote!(#(#out)*)
}

fn enums(cx: &Cx) -> TokenStream {
    let out = cx.syms.enums.iter().filter(|e| cx.in_comp(e.unit)).map(|e| {
        let name = camel(&e.name);
        let variants = e.variants.iter().map(|v| camel(v));
        quote! {
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub enum #name { #(#variants,)* }
        }
    });
    quote!(#(#out)*)
}

fn records(cx: &Cx) -> TokenStream {
    let out = cx.syms.records.iter().filter(|r| cx.in_comp(r.unit)).map(|r| {
        let name = camel(&r.name);
        let origin = cx.origin(r.span);
        let fields = cx.fields(&r.fields);
        quote! {
            #origin
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            pub struct #name { #fields }
        }
    });
    quote!(#(#out)*)
}

fn messages(cx: &Cx) -> Result<TokenStream, crate::CodegenError> {
    let msgs: Vec<_> = cx.syms.messages.iter().filter(|m| cx.in_comp(m.st.unit)).collect();
    let mut structs = Vec::new();
    for m in &msgs {
        let name = camel(&m.st.name);
        let origin = cx.origin(m.st.span);
        let fields = cx.fields(&m.st.fields);
        let wire_value = m.wire_type.and_then(|t| u16::try_from(t).ok()).unwrap_or(0);
        let wire = proc_macro2::Literal::u16_unsuffixed(wire_value);
        let doc = cx.doc(&format!("The `{}` message (wire type {wire_value}).", m.st.name));
        let ast = cx.program.units[m.st.unit].unit.items.iter().find_map(|it| match it {
            Item::Message(am) if am.name.name == m.st.name => Some(am),
            _ => None,
        });
        let codec = match ast {
            Some(am) => {
                let (path, line, _) = cx.program.sources.location(am.span);
                crate::wire::message_codec(cx.program, cx.syms, m.st.unit, am, format!("{}:{line}", crate::spec_path(path)))?
            }
            None => quote!(),
        };
        structs.push(quote! {
            #doc
            #origin
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            pub struct #name { #fields }

            impl #name {
                /// The BOLT 1 message type number.
                pub const WIRE_TYPE: u16 = #wire;
            }

            #codec
        });
    }
    let variants = msgs.iter().map(|m| {
        let name = camel(&m.st.name);
        quote!(#name(#name),)
    });
    let arms = msgs.iter().map(|m| {
        let name = camel(&m.st.name);
        quote!(Message::#name(_) => #name::WIRE_TYPE,)
    });
    let names = msgs.iter().map(|m| {
        let name = camel(&m.st.name);
        let text = &m.st.name;
        quote!(Message::#name(_) => #text,)
    });
    let body = if msgs.is_empty() {
        quote!(match *self {})
    } else {
        quote!(match self { #(#arms)* })
    };
    let name_body = if msgs.is_empty() {
        quote!(match *self {})
    } else {
        quote!(match self { #(#names)* })
    };
    let enc_arms = msgs.iter().map(|m| {
        let name = camel(&m.st.name);
        quote!(Message::#name(m) => m.encode_payload(&mut w)?,)
    });
    let dec_arms = msgs.iter().map(|m| {
        let name = camel(&m.st.name);
        quote!(#name::WIRE_TYPE => Message::#name(#name::decode_payload(&mut r)?),)
    });
    let enc_body = if msgs.is_empty() { quote!(match *self {}) } else { quote!(match self { #(#enc_arms)* }) };
    Ok(quote! {
        #(#structs)*

        /// Every message of this protocol.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum Message { #(#variants)* }

        impl Message {
            pub fn wire_type(&self) -> u16 { #body }
            /// The message's name in the spec.
            pub fn name(&self) -> &'static str { #name_body }

            /// The message as BOLT 1 bytes: the type, then the payload.
            pub fn encode(&self) -> Result<Vec<u8>, wire::WireError> {
                let mut w = wire::Writer::new();
                w.u16(self.wire_type());
                #enc_body
                Ok(w.into_bytes())
            }

            /// Reads a message; `Ok(None)` for a type this protocol does not
            /// know (the host answers by its parity, BOLT 1).
            pub fn decode(bytes: &[u8]) -> Result<Option<Message>, wire::WireError> {
                let mut r = wire::Reader::new(bytes);
                let t = r.u16()?;
                Ok(Some(match t {
                    #(#dec_arms)*
                    _ => return Ok(None),
                }))
            }
        }
    })
}

fn vocabulary(cx: &Cx, enum_name: &str, doc: &str, items: &[lnp_dsl::check::symbols::StructInfo]) -> TokenStream {
    let items: Vec<_> = items.iter().filter(|c| cx.in_comp(c.unit)).collect();
    let enum_ident = proc_macro2::Ident::new(enum_name, proc_macro2::Span::call_site());
    let structs = items.iter().map(|c| {
        let name = camel(&c.name);
        let origin = cx.origin(c.span);
        let fields = cx.fields(&c.fields);
        quote! {
            #origin
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            pub struct #name { #fields }
        }
    });
    let variants = items.iter().map(|c| {
        let name = camel(&c.name);
        quote!(#name(#name),)
    });
    let names = items.iter().map(|c| {
        let name = camel(&c.name);
        let text = &c.name;
        quote!(#enum_ident::#name(_) => #text,)
    });
    let name_body = if items.is_empty() { quote!(match *self {}) } else { quote!(match self { #(#names)* }) };
    let doc = cx.doc(doc);
    quote! {
        #(#structs)*

        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum #enum_ident { #(#variants)* }

        impl #enum_ident {
            /// The name in the spec.
            pub fn name(&self) -> &'static str { #name_body }
        }
    }
}

fn states(cx: &Cx) -> TokenStream {
    let states: Vec<_> = cx.syms.states.iter().filter(|s| cx.in_comp(s.st.unit)).collect();
    let structs = states.iter().map(|s| {
        let name = camel(&s.st.name);
        let origin = cx.origin(s.st.span);
        let fields = cx.fields(&s.st.fields);
        quote! {
            #origin
            #[derive(Clone, Debug, PartialEq, Eq, Hash)]
            pub struct #name { #fields }
        }
    });
    let variants = states.iter().map(|s| {
        let name = camel(&s.st.name);
        quote!(#name(state::#name),)
    });
    let names = states.iter().map(|s| {
        let name = camel(&s.st.name);
        let text = &s.st.name;
        quote!(State::#name(_) => #text,)
    });
    let terminal = states.iter().filter(|s| s.kind == StateKind::Terminal).map(|s| {
        let name = camel(&s.st.name);
        quote!(State::#name(_))
    });
    let initial = states.iter().find(|s| s.kind == StateKind::Initial).map(|s| {
        let name = camel(&s.st.name);
        if s.st.fields.is_empty() {
            quote! {
                /// The state a new machine starts in.
                pub fn initial() -> State { State::#name(state::#name {}) }
            }
        } else {
            quote! {
                /// The state a new machine starts in, with its data.
                pub fn initial(data: state::#name) -> State { State::#name(data) }
            }
        }
    });
    let is_terminal = {
        let t: Vec<_> = terminal.collect();
        if t.is_empty() { quote!(false) } else { quote!(matches!(self, #(#t)|*)) }
    };
    let name_body = if states.is_empty() { quote!(match *self {}) } else { quote!(match self { #(#names)* }) };
    quote! {
        /// The data of each state: one struct per state of the spec.
        pub mod state {
            use super::*;
            #(#structs)*
        }

        /// The state of a machine: exactly one of the spec's states, with its data.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum State { #(#variants)* }

        impl State {
            #initial

            /// The state's name in the spec.
            pub fn name(&self) -> &'static str { #name_body }

            /// Whether the spec declares this state `terminal`.
            pub fn is_terminal(&self) -> bool { #is_terminal }
        }
    }
}
