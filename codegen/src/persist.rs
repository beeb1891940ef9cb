//! Encodings for the node's store: states, events and effects.
//!
//! Each starts with a format version byte (so a later build can read or
//! migrate old data) and a variant tag; fields use the wire codec, with
//! options allowed. What is persisted must round-trip exactly: the store
//! commits a step's new state and its effects together, and recovery after a
//! crash decodes them.

use crate::names::{camel, snake};
use crate::wire::struct_codec;
use crate::CodegenError;
use lnp_dsl::ast::{Field, Item, TypeExpr};
use lnp_dsl::check::symbols::Symbols;
use lnp_dsl::check::types::Type;
use lnp_dsl::Program;
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::collections::BTreeSet;

type R<T> = Result<T, CodegenError>;

/// The format version written first in every stored value.
const VERSION: u8 = 1;

fn ast_fields(program: &Program, unit: usize, pick: impl Fn(&Item) -> Option<&Vec<Field>>) -> Vec<(String, TypeExpr)> {
    program.units[unit]
        .unit
        .items
        .iter()
        .find_map(pick)
        .map(|fs| fs.iter().map(|f| (f.name.name.to_string(), f.ty.clone())).collect())
        .unwrap_or_default()
}

fn at(program: &Program, span: lnp_dsl::ast::Span) -> String {
    let (path, line, _) = program.sources.location(span);
    format!("{}:{line}", crate::spec_path(path))
}

/// `State::encode`/`decode`, `Event::encode`/`decode`, `encode_effect`/`decode_effect`
/// and the `lnp_engine::machine::Machine` implementation.
pub fn persistence(program: &Program, syms: &Symbols, comp: &BTreeSet<usize>, protocol: &str) -> R<TokenStream> {
    let version = Literal::u8_suffixed(VERSION);
    // States.
    let states: Vec<_> = syms.states.iter().filter(|s| comp.contains(&s.st.unit)).collect();
    let mut s_enc = Vec::new();
    let mut s_dec = Vec::new();
    // Archive fields: their codecs (once per name), and how each state
    // gives up its entries.
    let mut archive_fns = Vec::new();
    let mut archive_names: Vec<&str> = Vec::new();
    let mut take_arms = Vec::new();
    for (i, st) in states.iter().enumerate() {
        let name = camel(&st.st.name);
        let tag = Literal::u16_suffixed(i as u16);
        let fields = ast_fields(program, st.st.unit, |it| match it {
            Item::State(s) if s.name.name == st.st.name => Some(&s.fields),
            _ => None,
        });
        let (enc, dec) = struct_codec(program, syms, st.st.unit, quote!(state::#name), &fields, at(program, st.st.span))?;
        s_enc.push(quote!(State::#name(v) => { w.u16(#tag); #enc }));
        s_dec.push(quote!(#tag => State::#name(#dec),));
        let mut takes = Vec::new();
        for f in &st.st.fields {
            let Type::Archive(kt, vt) = &f.ty else { continue };
            let Some((_, TypeExpr::Archive(ke, ve, _))) = fields.iter().find(|(n, _)| *n == f.name) else { continue };
            let (kf, pf, _) = crate::wire::archive_fns(&f.name);
            if !archive_names.contains(&f.name.as_str()) {
                archive_names.push(&f.name);
                archive_fns.push(crate::wire::archive_codecs(program, syms, st.st.unit, &f.name, (ke, kt), (ve, vt), at(program, f.span))?);
            }
            let field = snake(&f.name);
            let fname = f.name.as_str();
            takes.push(quote! {
                for (k, v) in s.#field.take_pending() {
                    out.push(lnp_engine::machine::Archived { archive: #fname, key: #kf(&k)?, value: #pf(&v)? });
                }
            });
        }
        if !takes.is_empty() {
            take_arms.push(quote!(State::#name(s) => { #(#takes)* }));
        }
    }
    let take_archived = if take_arms.is_empty() {
        quote!()
    } else {
        quote! {
            fn take_archived(state: &mut State) -> Result<Vec<lnp_engine::machine::Archived>, wire::WireError> {
                let mut out = Vec::new();
                #[allow(unreachable_patterns)]
                match state {
                    #(#take_arms)*
                    _ => {}
                }
                Ok(out)
            }
        }
    };
    // Events.
    let events: Vec<_> = syms.events.iter().filter(|e| comp.contains(&e.unit)).collect();
    let mut e_enc = Vec::new();
    let mut e_dec = Vec::new();
    for (i, ev) in events.iter().enumerate() {
        let name = camel(&ev.name);
        let tag = Literal::u16_suffixed(i as u16);
        let fields = ast_fields(program, ev.unit, |it| match it {
            Item::Event(e) if e.name.name == ev.name => Some(&e.fields),
            _ => None,
        });
        let (enc, dec) = struct_codec(program, syms, ev.unit, quote!(#name), &fields, at(program, ev.span))?;
        e_enc.push(quote!(Event::#name(v) => { w.u16(#tag); #enc }));
        e_dec.push(quote!(#tag => Event::#name(#dec),));
    }
    // The static names effects carry: watches and timers.
    let mut names: Vec<String> = syms.timers.iter().filter(|t| comp.contains(&t.unit)).map(|t| t.name.clone()).collect();
    for &u in comp {
        for item in &program.units[u].unit.items {
            if let Item::Transition(t) = item {
                collect_watch_names(&t.body, &mut names);
            }
        }
    }
    names.sort();
    names.dedup();
    let name_arms = names.iter().map(|n| quote!(#n => Ok(#n),));
    let s_enc_body = if states.is_empty() { quote!(match *state {}) } else { quote!(match state { #(#s_enc)* }) };
    let e_enc_body = if events.is_empty() { quote!(match *event {}) } else { quote!(match event { #(#e_enc)* }) };
    let proto = camel(protocol);
    Ok(quote! {
        /// The name as declared, with the `'static` lifetime effects carry.
        fn static_name(s: &str) -> Result<&'static str, wire::WireError> {
            match s {
                #(#name_arms)*
                other => Err(wire::WireError::UnknownName(other.to_string())),
            }
        }

        impl State {
            /// The state as stored: a format version, the state's tag, its data.
            pub fn encode(&self) -> Result<Vec<u8>, wire::WireError> {
                let mut w = wire::Writer::new();
                w.u8(#version);
                let state = self;
                #s_enc_body
                Ok(w.into_bytes())
            }

            pub fn decode(bytes: &[u8]) -> Result<State, wire::WireError> {
                let mut r = wire::Reader::new(bytes);
                let version = r.u8()?;
                if version != #version {
                    return Err(wire::WireError::UnknownVersion(version));
                }
                let state = match r.u16()? {
                    #(#s_dec)*
                    other => return Err(wire::WireError::UnknownTag(other)),
                };
                r.finish()?;
                Ok(state)
            }
        }

        impl Event {
            pub fn encode_into(&self, w: &mut wire::Writer) -> Result<(), wire::WireError> {
                let event = self;
                #e_enc_body
                Ok(())
            }

            pub fn decode_from(r: &mut wire::Reader) -> Result<Event, wire::WireError> {
                Ok(match r.u16()? {
                    #(#e_dec)*
                    other => return Err(wire::WireError::UnknownTag(other)),
                })
            }
        }

        #(#archive_fns)*

        /// An effect as stored in the outbox (the engine's one codec for effects).
        pub fn encode_effect(effect: &Effect) -> Result<Vec<u8>, wire::WireError> {
            rt::stored_effect::encode(effect, Message::encode, Event::encode_into)
        }

        pub fn decode_effect(bytes: &[u8]) -> Result<Effect, wire::WireError> {
            rt::stored_effect::decode(bytes, Message::decode, Event::decode_from, static_name)
        }

        /// This protocol as the engine's driver and store see it.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct #proto;

        impl lnp_engine::machine::Machine for #proto {
            type State = State;
            type Input = Input;
            type Effect = Effect;
            type Env = Env;

            fn step<C: rt::Context>(state: State, input: Input, env: &Env, ctx: &mut C) -> Result<(State, Vec<Effect>), rt::Reject> {
                step(state, input, env, ctx)
            }
            fn encode_state(state: &State) -> Result<Vec<u8>, wire::WireError> {
                state.encode()
            }
            fn decode_state(bytes: &[u8]) -> Result<State, wire::WireError> {
                State::decode(bytes)
            }
            fn encode_effect(effect: &Effect) -> Result<Vec<u8>, wire::WireError> {
                encode_effect(effect)
            }
            fn decode_effect(bytes: &[u8]) -> Result<Effect, wire::WireError> {
                decode_effect(bytes)
            }
            #take_archived
        }

        impl lnp_engine::explore::Explorable for #proto {
            type Message = Message;

            fn explore_step<C: rt::Context>(state: State, input: Input, env: &Env, ctx: &mut C) -> Result<(State, Vec<Effect>), rt::Reject> {
                dispatch(state, input, env, ctx)
            }
            fn recv(m: Message) -> Input {
                Input::Recv(m)
            }
            fn chain(e: rt::ChainEvent) -> Input {
                Input::Chain(e)
            }
            fn sent(e: &Effect) -> Option<Message> {
                match e {
                    rt::Effect::Send(m) => Some(m.clone()),
                    _ => None,
                }
            }
            fn watched(e: &Effect) -> Option<rt::ChainEvent> {
                lnp_engine::explore::fired(e)
            }
            fn timer(name: &str) -> Option<Input> {
                Timer::from_name(name).map(Input::Timer)
            }
            fn timer_change(e: &Effect) -> Option<lnp_engine::explore::TimerChange> {
                lnp_engine::explore::timer_change(e)
            }
            fn properties() -> &'static [(&'static str, rt::PropertyKind)] {
                PROPERTIES
            }
            fn holds<C: rt::Context>(name: &str, state: &State, env: &Env, ctx: &mut C) -> bool {
                property_holds(name, state, env, ctx)
            }
            fn is_terminal(state: &State) -> bool {
                state.is_terminal()
            }
            fn state_name(state: &State) -> &'static str {
                state.name()
            }
            fn describe(input: &Input) -> String {
                input.describe()
            }
        }
    })
}

fn collect_watch_names(stmts: &[lnp_dsl::ast::Stmt], out: &mut Vec<String>) {
    use lnp_dsl::ast::Stmt;
    for s in stmts {
        match s {
            Stmt::Watch { name, .. } => out.push(name.name.to_string()),
            Stmt::If { then, otherwise, .. } => {
                collect_watch_names(then, out);
                if let Some(o) = otherwise {
                    collect_watch_names(o, out);
                }
            }
            Stmt::For { body, .. } => collect_watch_names(body, out),
            _ => {}
        }
    }
}
