//! Transitions, functions and templates → the machine's `step` function.
//!
//! Each transition becomes one function per source state, taking the state's
//! data and the trigger's value by value and returning the next state and
//! the effects. `step` tries the transitions in spec order, the first whose
//! trigger, state and `when` match wins; no match is a `warning` reject
//! ("unexpected … in state …"), as the P language does.

use crate::expr::{bytes_of, Gen};
use crate::names::{camel, snake};
use crate::CodegenError;
use lnp_dsl::ast::*;
use lnp_dsl::check::symbols::{FieldInfo, Ns, Sym};
use lnp_dsl::check::types::{IntTy, Type};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;

type R<T> = Result<T, CodegenError>;

/// Everything the machine part of a module needs.
pub fn machine(g: &Gen, root: usize, comp: &BTreeSet<usize>, has_roles: bool) -> R<TokenStream> {
    let syms = g.syms();
    let mut fns = Vec::new();
    for (i, f) in syms.functions.iter().enumerate() {
        if comp.contains(&f.unit) {
            fns.push(function(g, i)?);
        }
    }
    for (i, t) in syms.templates.iter().enumerate() {
        if comp.contains(&t.unit) {
            fns.push(template(g, i)?);
        }
    }
    let mut dispatch = Vec::new();
    let mut k = 0usize;
    // Match arms in the language's order: a module's transitions before
    // those of the units it imports, each unit's in the order written.
    for u in lnp_dsl::check::protocol::dispatch_order(syms, root) {
        for item in &g.program.units[u].unit.items {
            if let Item::Transition(t) = item {
                let (f, d) = transition(g, u, t, k)?;
                fns.push(f);
                dispatch.push(d);
                k += 1;
            }
        }
    }
    let props = properties(g, comp, &mut fns)?;
    let timers: Vec<_> = syms.timers.iter().filter(|t| comp.contains(&t.unit)).collect();
    let timer_variants = timers.iter().map(|t| camel(&t.name));
    let timer_names = timers.iter().map(|t| {
        let v = camel(&t.name);
        let n = &t.name;
        quote!(Timer::#v => #n,)
    });
    let timer_name_body = if timers.is_empty() { quote!(match *self {}) } else { quote!(match self { #(#timer_names)* }) };
    let timer_by_name = timers.iter().map(|t| {
        let v = camel(&t.name);
        let n = &t.name;
        quote!(#n => Some(Timer::#v),)
    });
    let role_field = if has_roles { quote!(pub role: Role,) } else { quote!() };
    Ok(quote! {
        /// A timer of this protocol.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Timer { #(#timer_variants,)* }

        impl Timer {
            pub fn name(&self) -> &'static str { #timer_name_body }

            /// The timer a `StartTimer`/`StopTimer` effect names, for the
            /// host that fires it.
            pub fn from_name(name: &str) -> Option<Timer> {
                match name {
                    #(#timer_by_name)*
                    _ => None,
                }
            }
        }

        /// What a machine can be given.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum Input {
            Command(Command),
            Recv(Message),
            Chain(rt::ChainEvent),
            Timer(Timer),
        }

        impl Input {
            /// `recv open_channel`, `command open`, …: how rejects name the input.
            pub fn describe(&self) -> String {
                match self {
                    Input::Command(c) => format!("command {}", c.name()),
                    Input::Recv(m) => format!("recv {}", m.name()),
                    Input::Chain(e) => format!("chain {}", e.name()),
                    Input::Timer(t) => format!("timer {}", t.name()),
                }
            }
        }

        /// An effect of this protocol: a message, a transaction, a watch, an event, a timer.
        pub type Effect = rt::Effect<Message, Event>;

        /// What a machine is run with: its parameters and its role.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct Env {
            pub params: Params,
            #role_field
        }

        /// One step: the next state and the effects, or a reject (the state is then
        /// unchanged). Debug builds check every invariant of the spec on the new
        /// state and panic on a violation: that is a bug in the spec, not an input.
        pub fn step<C: rt::Context>(state: State, input: Input, lnp_env: &Env, lnp_ctx: &mut C) -> Result<(State, Vec<Effect>), rt::Reject> {
            let (next, effects) = dispatch(state, input, lnp_env, lnp_ctx)?;
            #[cfg(debug_assertions)]
            {
                let broken = violated_invariants(&next, lnp_env, lnp_ctx);
                assert!(broken.is_empty(), "invariant(s) {broken:?} violated in state {}", next.name());
            }
            Ok((next, effects))
        }

        fn dispatch<C: rt::Context>(state: State, input: Input, lnp_env: &Env, lnp_ctx: &mut C) -> Result<(State, Vec<Effect>), rt::Reject> {
            match (state, input) {
                #(#dispatch)*
                (state, input) => Err(rt::Reject::unexpected(&input.describe(), state.name())),
            }
        }

        #props

        #(#fns)*
    })
}

/// `invariant`, `sometimes` and `eventually`: a table of the spec's properties
/// and one function that evaluates any of them on a state.
fn properties(g: &Gen, comp: &BTreeSet<usize>, fns: &mut Vec<TokenStream>) -> R<TokenStream> {
    let syms = g.syms();
    let mut table = Vec::new();
    let mut arms = Vec::new();
    let mut n = 0usize;
    for &u in comp {
        for item in &g.program.units[u].unit.items {
            let Item::Property(p) = item else { continue };
            let name = p.name.name.as_str();
            let kind = match p.kind {
                PropertyKind::Invariant => quote!(rt::PropertyKind::Invariant),
                PropertyKind::Sometimes => quote!(rt::PropertyKind::Sometimes),
                PropertyKind::Eventually => quote!(rt::PropertyKind::Eventually),
            };
            table.push(quote!((#name, #kind),));
            let states: Vec<usize> = match &p.states {
                Some(StateSet::States(paths)) => paths
                    .iter()
                    .filter_map(|path| match syms.resolve(u, Ns::State, path) {
                        Ok(Sym::State(i)) => Some(i),
                        _ => None,
                    })
                    .collect(),
                Some(StateSet::Any(_)) | None => (0..syms.states.len())
                    .filter(|s| comp.contains(&syms.states[*s].st.unit))
                    .filter(|s| p.states.is_none() || syms.states[*s].kind != StateKind::Terminal)
                    .collect(),
            };
            // Outside its states an invariant holds vacuously; a goal does not.
            let outside = p.kind == PropertyKind::Invariant;
            let mut state_arms = Vec::new();
            for s in states {
                let sinfo = &syms.states[s].st;
                let sname = camel(&sinfo.name);
                let body = match &p.cond {
                    Some(c) => {
                        g.set_fields(sinfo.fields.iter().map(|f| f.name.clone()));
                        let fname = format_ident!("p{}_{}", n, snake(&sinfo.name.to_lowercase()));
                        let fields: Vec<_> = sinfo.fields.iter().map(|f| snake(&f.name)).collect();
                        let v = g.expr(c, Some(&Type::Bool))?;
                        let doc = format!(" `{}` in `{}` ({}).", name, sinfo.name, g.at(p.span));
                        fns.push(quote! {
                            #[doc = #doc]
                            fn #fname<C: rt::Context>(lnp_state: state::#sname, lnp_env: &Env, lnp_ctx: &mut C) -> Result<bool, rt::Reject> {
                                let state::#sname { #(#fields,)* } = lnp_state;
                                Ok(#v)
                            }
                        });
                        // An evaluation that rejects (overflow) does not hold.
                        quote!(#fname(s.clone(), lnp_env, lnp_ctx).unwrap_or(false))
                    }
                    None => quote!(true),
                };
                state_arms.push(quote!(State::#sname(s) => #body,));
            }
            arms.push(quote!(#name => match state { #(#state_arms)* _ => #outside },));
            n += 1;
        }
    }
    Ok(quote! {
        /// The spec's properties, for the explorer and for debug-build checks.
        pub const PROPERTIES: &[(&str, rt::PropertyKind)] = &[#(#table)*];

        /// Whether the property `name` holds in `state` (unknown names do not hold).
        pub fn property_holds<C: rt::Context>(name: &str, state: &State, lnp_env: &Env, lnp_ctx: &mut C) -> bool {
            match name {
                #(#arms)*
                _ => false,
            }
        }

        /// The invariants `state` violates; empty when all hold.
        pub fn violated_invariants<C: rt::Context>(state: &State, lnp_env: &Env, lnp_ctx: &mut C) -> Vec<&'static str> {
            PROPERTIES
                .iter()
                .filter(|(name, kind)| *kind == rt::PropertyKind::Invariant && !property_holds(name, state, lnp_env, lnp_ctx))
                .map(|(name, _)| *name)
                .collect()
        }
    })
}

fn params_of(g: &Gen, params: &[FieldInfo]) -> Vec<TokenStream> {
    params
        .iter()
        .map(|p| {
            let n = snake(&p.name);
            let t = g.rust_type(&p.ty);
            quote!(#n: #t)
        })
        .collect()
}

fn function(g: &Gen, i: usize) -> R<TokenStream> {
    let info = &g.syms().functions[i];
    let unit = &g.program.units[info.unit].unit;
    let body = unit
        .items
        .iter()
        .find_map(|it| match it {
            Item::Function(f) if f.sig.name.name == info.name => Some(&f.body),
            _ => None,
        })
        .ok_or_else(|| g.unsupported(info.span, "a function without a body"))?;
    let name = g.fn_name(i);
    let params = params_of(g, &info.params);
    let ret = g.rust_type(&info.ret);
    let v = g.expr(body, Some(&info.ret))?;
    let doc = format!(" `fn {}` ({}).", info.name, g.at(info.span));
    Ok(quote! {
        #[doc = #doc]
        pub fn #name<C: rt::Context>(#(#params,)* lnp_env: &Env, lnp_ctx: &mut C) -> Result<#ret, rt::Reject> {
            Ok(#v)
        }
    })
}

fn sighash(s: Option<Sighash>) -> TokenStream {
    match s.unwrap_or(Sighash::All) {
        Sighash::All | Sighash::Default => quote!(bitcoin::EcdsaSighashType::All),
        Sighash::None => quote!(bitcoin::EcdsaSighashType::None),
        Sighash::Single => quote!(bitcoin::EcdsaSighashType::Single),
        Sighash::AllAnyoneCanPay => quote!(bitcoin::EcdsaSighashType::AllPlusAnyoneCanPay),
        Sighash::NoneAnyoneCanPay => quote!(bitcoin::EcdsaSighashType::NonePlusAnyoneCanPay),
        Sighash::SingleAnyoneCanPay => quote!(bitcoin::EcdsaSighashType::SinglePlusAnyoneCanPay),
    }
}

fn template(g: &Gen, i: usize) -> R<TokenStream> {
    let info = &g.syms().templates[i];
    let unit = &g.program.units[info.unit].unit;
    let t = unit
        .items
        .iter()
        .find_map(|it| match it {
            Item::Template(t) if t.name.name == info.name => Some(t),
            _ => None,
        })
        .ok_or_else(|| g.unsupported(info.span, "a template without a body"))?;
    let name = g.template_name(i);
    let params = params_of(g, &info.params);
    let mut order = quote!(rt::txbuild::Order::Declared);
    let body = tx_items(g, &t.items, &mut order)?;
    let doc = format!(" `template {}` ({}).", info.name, g.at(info.span));
    Ok(quote! {
        #[doc = #doc]
        pub fn #name<C: rt::Context>(#(#params,)* lnp_env: &Env, lnp_ctx: &mut C) -> Result<rt::Tx, rt::Reject> {
            let mut lnp_tx = rt::txbuild::TxBuilder::new();
            #body
            Ok(lnp_tx.build(#order))
        }
    })
}

fn tx_items(g: &Gen, items: &[TxItem], order: &mut TokenStream) -> R<TokenStream> {
    let u32t = Type::Int(IntTy::U32);
    let mut out = Vec::new();
    for item in items {
        out.push(match item {
            TxItem::Version(e) => {
                let v = g.expr(e, Some(&u32t))?;
                quote!(lnp_tx.version(#v);)
            }
            TxItem::Locktime(e) => {
                let v = g.expr(e, Some(&u32t))?;
                quote!(lnp_tx.locktime(#v);)
            }
            TxItem::Input(i) => {
                let op = g.expr(&i.outpoint, Some(&Type::OutPoint))?;
                let amount = match &i.amount {
                    Some(a) => g.expr(a, Some(&Type::Sat))?,
                    None => quote!(rt::Sat::ZERO),
                };
                let script = match &i.script {
                    Some(s) => g.expr(s, Some(&Type::Script))?,
                    None => quote!(rt::Script::new()),
                };
                let seq = match &i.sequence {
                    Some(s) => g.expr(s, Some(&u32t))?,
                    None => quote!(0xffff_ffffu32),
                };
                let sh = sighash(i.sighash);
                let mut wit = Vec::new();
                for w in i.witness.iter().flatten() {
                    let t = g.ty(w);
                    let v = g.expr(w, None)?;
                    wit.push(match t {
                        // A witness signature carries its sighash flag byte.
                        Type::Signature => quote!({ let mut s = (#v).serialize_der().to_vec(); s.push(#sh.to_u32() as u8); s }),
                        Type::Bool => quote!(if #v { vec![1u8] } else { Vec::new() }),
                        t if t.is_int() => return Err(g.unsupported(w.span, "an integer witness element (use bytes)")),
                        t => {
                            let b = bytes_of(v, &t);
                            quote!((#b).to_vec())
                        }
                    });
                }
                quote!(lnp_tx.input(#op, #seq, rt::SpendInfo { script: #script, amount: #amount, sighash: #sh }, vec![#(#wit),*]);)
            }
            TxItem::Output(o) => {
                let amount = g.expr(&o.amount, Some(&Type::Sat))?;
                let script = g.expr(&o.script, Some(&Type::Script))?;
                let tiebreak = match &o.tiebreak {
                    Some(t) => g.expr(t, Some(&Type::Int(IntTy::U64)))?,
                    None => quote!(0u64),
                };
                match &o.when {
                    Some(w) => {
                        let w = g.expr(w, Some(&Type::Bool))?;
                        quote!(if #w { lnp_tx.output(#amount, #script, #tiebreak); })
                    }
                    None => quote!(lnp_tx.output(#amount, #script, #tiebreak);),
                }
            }
            TxItem::For { var, iter, items, .. } => {
                let v = snake(&var.name);
                let it = g.expr(iter, None)?;
                let body = tx_items(g, items, order)?;
                quote!(for #v in #it { #body })
            }
            TxItem::Order { base, .. } => {
                *order = match base {
                    OrderBase::Bip69 => quote!(rt::txbuild::Order::Bip69),
                    OrderBase::Declared => quote!(rt::txbuild::Order::Declared),
                };
                quote!()
            }
        });
    }
    Ok(quote!(#(#out)*))
}

/// The states a transition starts from, resolved.
fn from_states(g: &Gen, unit: usize, t: &Transition) -> Vec<usize> {
    let syms = g.syms();
    match &t.from {
        StateSet::Any(_) => {
            let comp = lnp_dsl::check::protocol::composition(syms, unit);
            (0..syms.states.len())
                .filter(|s| comp.contains(&syms.states[*s].st.unit) && syms.states[*s].kind != StateKind::Terminal)
                .collect()
        }
        StateSet::States(paths) => paths
            .iter()
            .filter_map(|p| match syms.resolve(unit, Ns::State, p) {
                Ok(Sym::State(i)) => Some(i),
                _ => None,
            })
            .collect(),
    }
}

/// One transition: its functions (one per source state) and its dispatch code.
fn transition(g: &Gen, unit: usize, t: &Transition, k: usize) -> R<(TokenStream, TokenStream)> {
    let syms = g.syms();
    let target = match &t.to {
        Some(p) => match syms.resolve(unit, Ns::State, p) {
            Ok(Sym::State(i)) => Some(i),
            _ => return Err(g.unsupported(p.span, "an unresolved target state")),
        },
        None => None,
    };
    // The trigger: its pattern in `Input`, the binding's name and type.
    let (pattern, binding, bind_ty): (TokenStream, Option<&Ident>, TokenStream) = match &t.trigger {
        Trigger::Recv { message, binding } => {
            let Ok(Sym::Message(m)) = syms.resolve(unit, Ns::Message, message) else {
                return Err(g.unsupported(message.span, "an unresolved message"));
            };
            let n = camel(&syms.messages[m].st.name);
            (quote!(Input::Recv(Message::#n(lnp_trig))), binding.as_ref(), quote!(#n))
        }
        Trigger::Command { command, binding } => {
            let Ok(Sym::Command(c)) = syms.resolve(unit, Ns::Command, command) else {
                return Err(g.unsupported(command.span, "an unresolved command"));
            };
            let n = camel(&syms.commands[c].name);
            (quote!(Input::Command(Command::#n(lnp_trig))), binding.as_ref(), quote!(#n))
        }
        Trigger::Chain { event, binding } => {
            let name = event.name.as_str();
            // The binding's type is what the watch of that name reports.
            let confirm = chain_kind(g, &event.name);
            if confirm {
                (quote!(Input::Chain(rt::ChainEvent::Confirmed(#name, lnp_trig))), binding.as_ref(), quote!(rt::Confirmed))
            } else {
                (quote!(Input::Chain(rt::ChainEvent::Spent(#name, lnp_trig))), binding.as_ref(), quote!(rt::Spent))
            }
        }
        Trigger::Timer { timer } => {
            let n = camel(&timer.last().name);
            (quote!(Input::Timer(Timer::#n)), None, quote!(()))
        }
    };
    let has_trig = !matches!(t.trigger, Trigger::Timer { .. });

    let label = describe(t);
    let at = g.at(t.span);
    let mut fns = Vec::new();
    let mut dispatch = Vec::new();
    for s in from_states(g, unit, t) {
        let sinfo = &syms.states[s].st;
        let sname = camel(&sinfo.name);
        let fname = format_ident!("t{}_{}", k, snake(&sinfo.name.to_lowercase()));
        let wname = format_ident!("t{}_{}_when", k, snake(&sinfo.name.to_lowercase()));
        let src_fields: Vec<_> = sinfo.fields.iter().map(|f| snake(&f.name)).collect();
        let destructure = quote!(let state::#sname { #(mut #src_fields,)* } = lnp_state;);
        let (tstate, tfields): (usize, Vec<FieldInfo>) = match target {
            Some(ti) => (ti, syms.states[ti].st.fields.clone()),
            None => (s, sinfo.fields.clone()),
        };
        let tname = camel(&syms.states[tstate].st.name);
        // Fields of the target the source does not carry: declared, set by the body.
        let predeclared: Vec<TokenStream> = tfields
            .iter()
            .filter(|f| !sinfo.fields.iter().any(|sf| sf.name == f.name && sf.ty == f.ty))
            .map(|f| {
                let n = snake(&f.name);
                let ty = g.rust_type(&f.ty);
                match f.ty {
                    // An archive the source does not declare: entries put
                    // before (in the store) are seen, none pending.
                    Type::Archive(..) => quote!(let mut #n: #ty = rt::Archive::new();),
                    _ => quote!(let mut #n: #ty;),
                }
            })
            .collect();
        g.set_fields(sinfo.fields.iter().chain(tfields.iter()).map(|f| f.name.clone()));
        let bind_name = binding.map(|b| g.local_name(&b.name)).unwrap_or_else(|| format_ident!("_lnp_trig"));
        let trig_param = if has_trig { quote!(#bind_name: #bind_ty,) } else { quote!() };
        let body = stmts(g, unit, &t.body, &tfields)?;
        let construct = tfields.iter().map(|f| snake(&f.name));
        // A body that ends in `fail` has already returned.
        let tail = if matches!(t.body.last(), Some(Stmt::Fail { .. })) {
            quote!()
        } else {
            quote!(Ok((State::#tname(state::#tname { #(#construct,)* }), lnp_fx)))
        };
        let doc = format!(" `on {label}` in `{}` ({at}).", sinfo.name);
        fns.push(quote! {
            #[doc = #doc]
            fn #fname<C: rt::Context>(lnp_state: state::#sname, #trig_param lnp_env: &Env, lnp_ctx: &mut C) -> Result<(State, Vec<Effect>), rt::Reject> {
                let mut lnp_fx: Vec<Effect> = Vec::new();
                #destructure
                #(#predeclared)*
                #body
                #tail
            }
        });
        let (when_call, call_trig) = if has_trig {
            (quote!(&lnp_trig,), quote!(lnp_trig,))
        } else {
            (quote!(), quote!())
        };
        // One match arm per transition, in spec order: a false `when` guard
        // falls through to the next arm, so the first transition whose
        // guard holds wins. The matching arm moves the state and the input
        // into the transition; a guard borrows them (when it is false, the
        // next arm needs them) — every field it reads is cloned where read,
        // so it reads through references what a body reads from values.
        let guard = match &t.when {
            Some(w) => {
                let wv = g.expr(w, Some(&Type::Bool))?;
                let trig_ref = if has_trig { quote!(#bind_name: &#bind_ty,) } else { quote!() };
                let destructure_ref = quote!(let state::#sname { #(#src_fields,)* } = lnp_state;);
                fns.push(quote! {
                    fn #wname<C: rt::Context>(lnp_state: &state::#sname, #trig_ref lnp_env: &Env, lnp_ctx: &mut C) -> Result<bool, rt::Reject> {
                        #destructure_ref
                        Ok(#wv)
                    }
                });
                quote!(if #wname(&lnp_s, #when_call lnp_env, lnp_ctx)?)
            }
            None => quote!(),
        };
        dispatch.push(quote! {
            (State::#sname(lnp_s), #pattern) #guard => #fname(lnp_s, #call_trig lnp_env, lnp_ctx),
        });
    }
    Ok((quote!(#(#fns)*), quote!(#(#dispatch)*)))
}

/// Whether the chain event `name` comes from a `confirm` watch (else `spend`).
fn chain_kind(g: &Gen, name: &str) -> bool {
    fn walk(stmts: &[Stmt], name: &str) -> Option<bool> {
        for s in stmts {
            match s {
                Stmt::Watch { kind, name: n, .. } if n.name == name => return Some(*kind == WatchKind::Confirm),
                Stmt::If { then, otherwise, .. } => {
                    if let Some(k) = walk(then, name).or_else(|| otherwise.as_deref().and_then(|o| walk(o, name))) {
                        return Some(k);
                    }
                }
                Stmt::For { body, .. } => {
                    if let Some(k) = walk(body, name) {
                        return Some(k);
                    }
                }
                _ => {}
            }
        }
        None
    }
    g.program
        .units
        .iter()
        .flat_map(|u| u.unit.items.iter())
        .find_map(|it| match it {
            Item::Transition(t) => walk(&t.body, name),
            _ => None,
        })
        .unwrap_or(true)
}

fn failure(g: &Gen, f: &Failure) -> TokenStream {
    let at = g.at(f.span);
    let kind = match f.kind {
        FailureKind::Error => quote!(rt::RejectKind::Error),
        FailureKind::Warning => quote!(rt::RejectKind::Warning),
        FailureKind::Ignore => quote!(rt::RejectKind::Ignore),
    };
    let msg = f.message.as_ref().map_or(String::new(), |m| m.value.clone());
    quote!(return Err(rt::Reject::new(#kind, #msg, #at));)
}

fn stmts(g: &Gen, unit: usize, list: &[Stmt], writable: &[FieldInfo]) -> R<TokenStream> {
    let mut out = Vec::new();
    for s in list {
        out.push(stmt(g, unit, s, writable)?);
    }
    Ok(quote!(#(#out)*))
}

fn stmt(g: &Gen, unit: usize, s: &Stmt, writable: &[FieldInfo]) -> R<TokenStream> {
    let syms = g.syms();
    Ok(match s {
        Stmt::Let { name, value, .. } => {
            let n = g.local_name(&name.name);
            let t = g.ty(value);
            let want = if matches!(t, Type::IntLit(_)) { Some(Type::Int(IntTy::U64)) } else { None };
            let v = g.expr(value, want.as_ref())?;
            quote!(let #n = #v;)
        }
        Stmt::Require { cond, failure: f, .. } => {
            let c = g.expr(cond, Some(&Type::Bool))?;
            let fail = failure(g, f);
            quote!(if !(#c) { #fail })
        }
        Stmt::Fail { failure: f, .. } => failure(g, f),
        Stmt::If { cond, then, otherwise, .. } => {
            let c = g.expr(cond, Some(&Type::Bool))?;
            let t = stmts(g, unit, then, writable)?;
            match otherwise {
                Some(o) => {
                    let o = stmts(g, unit, o, writable)?;
                    quote!(if #c { #t } else { #o })
                }
                None => quote!(if #c { #t }),
            }
        }
        Stmt::For { var, iter, body, .. } => {
            let v = g.local_name(&var.name);
            let it = g.expr(iter, None)?;
            let b = stmts(g, unit, body, writable)?;
            quote!(for #v in #it { #b })
        }
        Stmt::Send { message, fields, span } => {
            let Some(Sym::Message(m)) = resolve_in(g, unit, message, Ns::Message) else {
                return Err(g.unsupported(*span, "an unresolved message"));
            };
            let info = &syms.messages[m].st;
            let n = camel(&info.name);
            let inits = g.field_inits(&info.fields, fields)?;
            quote!(lnp_fx.push(rt::Effect::Send(Message::#n(#n { #inits })));)
        }
        Stmt::Emit { event, fields, span } => {
            let Some(Sym::Event(e)) = resolve_in(g, unit, event, Ns::Event) else {
                return Err(g.unsupported(*span, "an unresolved event"));
            };
            let info = &syms.events[e];
            let n = camel(&info.name);
            let inits = g.field_inits(&info.fields, fields)?;
            quote!(lnp_fx.push(rt::Effect::Emit(Event::#n(#n { #inits })));)
        }
        Stmt::Broadcast { tx, .. } => {
            let v = g.expr(tx, None)?;
            quote!(lnp_fx.push(rt::Effect::Broadcast((#v).tx));)
        }
        Stmt::Watch { kind, args, name, span } => {
            let n = name.name.as_str();
            match (kind, args.as_slice()) {
                (WatchKind::Confirm, [txid, depth]) => {
                    let (t, d) = (g.expr(txid, None)?, g.expr(depth, Some(&Type::Int(IntTy::U32)))?);
                    quote!(lnp_fx.push(rt::Effect::WatchConfirm { name: #n, txid: #t, depth: #d });)
                }
                (WatchKind::Spend, [op]) => {
                    let o = g.expr(op, None)?;
                    quote!(lnp_fx.push(rt::Effect::WatchSpend { name: #n, outpoint: #o });)
                }
                _ => return Err(g.unsupported(*span, "this watch")),
            }
        }
        Stmt::StartTimer { timer, after, .. } => {
            let n = timer.last().name.as_str();
            let a = g.expr(after, Some(&Type::Int(IntTy::U32)))?;
            quote!(lnp_fx.push(rt::Effect::StartTimer { name: #n, after_secs: #a });)
        }
        Stmt::StopTimer { timer, .. } => {
            let n = timer.last().name.as_str();
            quote!(lnp_fx.push(rt::Effect::StopTimer { name: #n });)
        }
        Stmt::Put { archive, key, value, span } => {
            let Some(f) = writable.iter().find(|f| f.name == archive.name) else {
                return Err(g.unsupported(*span, "an entry put into something not in the target state"));
            };
            let Type::Archive(kt, vt) = &f.ty else {
                return Err(g.unsupported(*span, "an entry put into a field that is no archive"));
            };
            let n = snake(&f.name);
            let k = g.expr(key, Some(kt))?;
            let v = g.expr(value, Some(vt))?;
            quote!(#n.put(#k, #v);)
        }
        Stmt::Assign { target, op, value, span } => {
            let Some(f) = writable.iter().find(|f| f.name == target.name) else {
                return Err(g.unsupported(*span, "an assignment to something not in the target state"));
            };
            let n = snake(&f.name);
            let at = g.at(*span);
            match (op, &f.ty) {
                (AssignOp::Set, t) => {
                    let v = g.expr(value, Some(t))?;
                    quote!(#n = #v;)
                }
                (AssignOp::Add, Type::List(elem)) => {
                    let vt = g.ty(value);
                    if matches!(vt, Type::List(_)) {
                        let v = g.expr(value, Some(&f.ty))?;
                        quote!(#n.extend(#v);)
                    } else {
                        let v = g.expr(value, Some(elem))?;
                        quote!(#n.push(#v);)
                    }
                }
                (AssignOp::Add | AssignOp::Sub, t) => {
                    let v = g.expr(value, Some(t))?;
                    let m = if *op == AssignOp::Add { quote!(checked_add) } else { quote!(checked_sub) };
                    quote!(#n = #n.#m(#v).or_reject(#at)?;)
                }
            }
        }
    })
}

fn resolve_in(g: &Gen, unit: usize, path: &Path, ns: Ns) -> Option<Sym> {
    g.syms().resolve(unit, ns, path).ok()
}


/// `recv pay as m in Open -> Closed`: a transition's head, for docs.
fn describe(t: &Transition) -> String {
    let trig = lnp_dsl::check::protocol::trigger_label(&t.trigger);
    let from = match &t.from {
        StateSet::Any(_) => "*".to_string(),
        StateSet::States(ps) => ps.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", "),
    };
    match &t.to {
        Some(to) => format!("{trig} in {from} -> {to}"),
        None => format!("{trig} in {from}"),
    }
}
