//! Statements and item bodies: transitions, templates, functions, constants
//! and properties.
//!
//! A transition's body reads the fields its source state(s) have in common
//! and writes the fields of its target state. Moving to another state must
//! give every target field that the source does not carry over (same name,
//! same type) an unconditional value. Expressions are typed by [`super::expr`].

use super::expr::{Env, Subject};
use super::symbols::*;
use super::types::*;
use crate::ast::*;
use crate::diag::Diagnostic;
use std::collections::HashMap;

/// `watch … as NAME` across every unit: name → (kind, where).
pub fn collect_watches(units: &[&Unit]) -> HashMap<String, (WatchKind, Span)> {
    fn walk(stmts: &[Stmt], out: &mut HashMap<String, (WatchKind, Span)>) {
        for s in stmts {
            match s {
                Stmt::Watch { kind, name, .. } => {
                    out.entry(name.name.to_string()).or_insert((*kind, name.span));
                }
                Stmt::If { then, otherwise, .. } => {
                    walk(then, out);
                    if let Some(o) = otherwise {
                        walk(o, out);
                    }
                }
                Stmt::For { body, .. } => walk(body, out),
                _ => {}
            }
        }
    }
    let mut out = HashMap::new();
    for u in units {
        for item in &u.items {
            if let Item::Transition(t) = item {
                walk(&t.body, &mut out);
            }
        }
    }
    out
}

pub fn check_unit_bodies(
    unit: &Unit,
    ux: usize,
    syms: &Symbols,
    watches: &HashMap<String, (WatchKind, Span)>,
    diags: &mut Vec<Diagnostic>,
    notes: &mut super::expr::Annotations,
) {
    let mut env = Env { syms, unit: ux, locals: Vec::new(), fields: Vec::new(), diags, notes };
    for item in &unit.items {
        env.locals.clear();
        env.fields.clear();
        match item {
            Item::Param(p) => {
                if let Some(d) = &p.default {
                    let t = resolve_quiet(syms, ux, &p.ty);
                    env.expect(d, &t);
                }
            }
            Item::Const(c) => {
                let t = resolve_quiet(syms, ux, &c.ty);
                env.expect(&c.value, &t);
            }
            Item::Function(f) => {
                let Ok(Some(Entry { sym: Sym::Function(i), .. })) = syms.find(ux, Ns::Value, &f.sig.name.name) else { continue };
                let info = &syms.functions[i];
                for (p, decl) in info.params.iter().zip(&f.sig.params) {
                    env.push_local(&decl.name, p.ty.clone());
                }
                env.expect(&f.body, &info.ret);
            }
            Item::Template(t) => check_template(&mut env, t),
            Item::Transition(t) => check_transition(&mut env, t, watches),
            Item::Property(p) => check_property(&mut env, p),
            Item::Fill(f) => check_fill_target(&mut env, f),
            _ => {}
        }
    }
}

/// Resolves a type already reported on in the declaration pass.
fn resolve_quiet(syms: &Symbols, ux: usize, t: &TypeExpr) -> Type {
    let mut sink = Vec::new();
    super::resolve_type(syms, ux, t, &mut sink)
}

fn check_fill_target(env: &mut Env, f: &Fill) {
    match env.syms.resolve(env.unit, Ns::Value, &f.slot) {
        Ok(Sym::Slot(_)) => {}
        Ok(_) => env.diags.push(
            Diagnostic::error("E0305", f.slot.span, format!("`{}` is not a slot", f.slot)).with_label("only slots can be filled"),
        ),
        Err(mut d) => {
            d.code = "E0131";
            d.message = format!("undefined slot `{}`", f.slot);
            env.diags.push(d);
        }
    }
}

/// Resolves a set of state paths; `*` is every non-terminal state in scope.
pub fn resolve_states(syms: &Symbols, ux: usize, set: &StateSet, diags: &mut Vec<Diagnostic>) -> Vec<usize> {
    match set {
        StateSet::Any(_) => {
            let units: Vec<usize> = std::iter::once(ux).chain(syms.units[ux].imports.iter().copied()).collect();
            (0..syms.states.len())
                .filter(|&i| units.contains(&syms.states[i].st.unit) && syms.states[i].kind != StateKind::Terminal)
                .collect()
        }
        StateSet::States(paths) => paths
            .iter()
            .filter_map(|p| match syms.resolve(ux, Ns::State, p) {
                Ok(Sym::State(i)) => Some(i),
                Ok(_) => None,
                Err(d) => {
                    diags.push(d);
                    None
                }
            })
            .collect(),
    }
}

/// The fields every one of `states` has, with the same type.
fn common_fields<'s>(syms: &'s Symbols, states: &[usize]) -> Vec<&'s FieldInfo> {
    let Some((&first, rest)) = states.split_first() else { return Vec::new() };
    syms.states[first]
        .st
        .fields
        .iter()
        .filter(|f| rest.iter().all(|&s| syms.states[s].st.field(&f.name).is_some_and(|g| g.ty == f.ty)))
        .collect()
}

fn check_transition(env: &mut Env, t: &Transition, watches: &HashMap<String, (WatchKind, Span)>) {
    let syms = env.syms;
    let ux = env.unit;
    let from = resolve_states(syms, ux, &t.from, env.diags);
    let to = match &t.to {
        Some(p) => match syms.resolve(ux, Ns::State, p) {
            Ok(Sym::State(i)) => Some(i),
            Ok(_) => None,
            Err(d) => {
                env.diags.push(d);
                None
            }
        },
        None => None,
    };
    env.fields = common_fields(syms, &from);
    // The trigger and its binding.
    match &t.trigger {
        Trigger::Recv { message, binding } => match syms.resolve(ux, Ns::Message, message) {
            Ok(Sym::Message(i)) => {
                if let Some(b) = binding {
                    env.push_local(b, Type::Struct(StructRef::Message(i)));
                }
            }
            Ok(_) => {}
            Err(d) => env.diags.push(d),
        },
        Trigger::Command { command, binding } => match syms.resolve(ux, Ns::Command, command) {
            Ok(Sym::Command(i)) => {
                if let Some(b) = binding {
                    env.push_local(b, Type::Struct(StructRef::Command(i)));
                }
            }
            Ok(_) => {}
            Err(d) => env.diags.push(d),
        },
        Trigger::Chain { event, binding } => match watches.get(event.name.as_str()) {
            Some((kind, _)) => {
                if let Some(b) = binding {
                    let st = if *kind == WatchKind::Confirm { StructRef::Confirmed } else { StructRef::Spent };
                    env.push_local(b, Type::Struct(st));
                }
            }
            None => {
                let known: Vec<String> = watches.keys().cloned().collect();
                let mut d = Diagnostic::error("E0126", event.span, format!("undefined chain event `{}`", event.name))
                    .with_label("no `watch … as` gives this name")
                    .with_note(format!("start it with `watch confirm(txid, depth) as {}` or `watch spend(outpoint) as {}`", event.name, event.name));
                if let Some(s) = closest(&event.name, &known) {
                    d = d.with_note(format!("help: a watched event with a similar name exists: `{s}`"));
                }
                env.diags.push(d);
            }
        },
        Trigger::Timer { timer } => {
            if let Err(d) = syms.resolve(ux, Ns::Timer, timer) {
                env.diags.push(d);
            }
        }
    }
    if let Some(w) = &t.when {
        env.expect(w, &Type::Bool);
    }
    // What the body may write: the target's fields (or the source's when staying).
    let writable: Vec<&FieldInfo> = match to {
        Some(i) => syms.states[i].st.fields.iter().collect(),
        None => env.fields.clone(),
    };
    // Readable fields of the same name and type carry over (names are unique
    // within each list, so naming them from either side is the same).
    let carried: Vec<&str> = writable
        .iter()
        .filter(|w| env.fields.iter().any(|f| w.name == f.name && w.ty == f.ty))
        .map(|w| w.name.as_str())
        .collect();
    let mut body = BodyCx { writable: &writable, assigned: Vec::new() };
    check_block(env, &mut body, &t.body, true);
    if let (Some(i), Some(p)) = (to, &t.to) {
        let missing: Vec<&FieldInfo> = writable
            .iter()
            .copied()
            .filter(|f| !carried.contains(&f.name.as_str()) && !body.assigned.contains(&f.name.as_str()))
            // An archive is the machine's, not the state's: a state that
            // declares it sees what was put before, or nothing.
            .filter(|f| !matches!(f.ty, Type::Archive(..)))
            .collect();
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|f| format!("`{}`", f.name)).collect();
            env.diags.push(
                Diagnostic::error(
                    "E0210",
                    p.span,
                    format!("moving to `{}` leaves {} unset", syms.states[i].st.name, names.join(", ")),
                )
                .with_label("target state")
                .with_secondary(missing[0].span, "declared here")
                .with_note("assign each one at the top level of the body (`field = value;`); fields of the same name and type in the source state carry over"),
            );
        }
    }
}

/// The element type of what a `for` iterates over (a list), or an error.
fn element_type(env: &mut Env, iter: &Expr) -> Type {
    match env.infer(iter, None) {
        Type::List(e) => *e,
        Type::Error => Type::Error,
        other => {
            let d = Diagnostic::error("E0200", iter.span, format!("cannot iterate over {}", env.show(&other)))
                .with_label("expected a list");
            env.diags.push(d);
            Type::Error
        }
    }
}

struct BodyCx<'w, 'a> {
    writable: &'w [&'a FieldInfo],
    /// Target fields assigned unconditionally so far.
    assigned: Vec<&'a str>,
}

fn check_block<'a>(env: &mut Env<'a>, cx: &mut BodyCx<'_, 'a>, stmts: &[Stmt], top: bool) {
    let depth = env.locals.len();
    for s in stmts {
        check_stmt(env, cx, s, top);
    }
    env.locals.truncate(depth);
}

fn check_stmt<'a>(env: &mut Env<'a>, cx: &mut BodyCx<'_, 'a>, s: &Stmt, top: bool) {
    let syms = env.syms;
    let ux = env.unit;
    match s {
        Stmt::Let { name, ty, value, .. } => {
            let t = match ty {
                Some(te) => {
                    let want = super::resolve_type(syms, ux, te, env.diags);
                    env.expect(value, &want);
                    want
                }
                None => match env.infer(value, None) {
                    Type::IntLit(_) => Type::Int(IntTy::U64),
                    t => t,
                },
            };
            env.push_local(name, t);
        }
        Stmt::Require { cond, .. } => {
            env.expect(cond, &Type::Bool);
        }
        Stmt::Fail { .. } => {}
        Stmt::If { cond, then, otherwise, .. } => {
            env.expect(cond, &Type::Bool);
            check_block(env, cx, then, false);
            if let Some(o) = otherwise {
                check_block(env, cx, o, false);
            }
        }
        Stmt::For { var, iter, body, .. } => {
            let elem = element_type(env, iter);
            let depth = env.locals.len();
            env.push_local(var, elem);
            check_block(env, cx, body, false);
            env.locals.truncate(depth);
        }
        Stmt::Send { message, fields, span } => match syms.resolve(ux, Ns::Message, message) {
            Ok(Sym::Message(i)) => {
                let info = &syms.messages[i].st;
                env.field_inits(&info.fields, fields, *span, Subject { kind: "message", name: &info.name }, true);
            }
            Ok(_) => {}
            Err(d) => env.diags.push(d),
        },
        Stmt::Emit { event, fields, span } => match syms.resolve(ux, Ns::Event, event) {
            Ok(Sym::Event(i)) => {
                let info = &syms.events[i];
                env.field_inits(&info.fields, fields, *span, Subject { kind: "event", name: &info.name }, false);
            }
            Ok(_) => {}
            Err(d) => env.diags.push(d),
        },
        Stmt::Broadcast { tx, .. } => {
            env.expect(tx, &Type::Tx);
        }
        Stmt::Watch { kind, args, span, .. } => {
            let want: &[Type] = match kind {
                WatchKind::Confirm => &[Type::Txid, Type::Int(IntTy::U32)],
                WatchKind::Spend => &[Type::OutPoint],
            };
            if args.len() != want.len() {
                let form = if *kind == WatchKind::Confirm { "confirm(txid, depth)" } else { "spend(outpoint)" };
                env.diags.push(
                    Diagnostic::error("E0205", *span, format!("`{form}` takes {} argument(s), {} given", want.len(), args.len()))
                        .with_label("wrong number of arguments"),
                );
            }
            for (a, w) in args.iter().zip(want) {
                env.expect(a, w);
            }
        }
        Stmt::StartTimer { timer, after, .. } => {
            if let Err(d) = syms.resolve(ux, Ns::Timer, timer) {
                env.diags.push(d);
            }
            env.expect(after, &Type::Int(IntTy::U32));
        }
        Stmt::StopTimer { timer, .. } => {
            if let Err(d) = syms.resolve(ux, Ns::Timer, timer) {
                env.diags.push(d);
            }
        }
        Stmt::Put { archive, key, value, span } => {
            let field = cx.writable.iter().copied().find(|f| f.name == archive.name);
            match field.map(|f| &f.ty) {
                Some(Type::Archive(k, v)) => {
                    env.expect(key, k);
                    env.expect(value, v);
                }
                other => {
                    let what = match other {
                        Some(t) => format!("`{}` is {}", archive.name, env.show(t)),
                        None => "not a field of the target state".to_string(),
                    };
                    env.diags.push(
                        Diagnostic::error("E0224", *span, format!("`{}[…] = …` needs an archive field", archive.name))
                            .with_label(what)
                            .with_note("entries are put into a state field of type `archive<K, V>`"),
                    );
                    env.infer(key, None);
                    env.infer(value, None);
                }
            }
        }
        Stmt::Assign { target, op, value, span } => {
            let writable = cx.writable;
            let Some(field) = writable.iter().copied().find(|f| f.name == target.name) else {
                let what = if env.locals.iter().any(|(n, _, _)| *n == target.name) {
                    "a `let` binding cannot be reassigned"
                } else {
                    "only fields of the state the transition ends in can be assigned"
                };
                env.diags.push(
                    Diagnostic::error("E0209", target.span, format!("cannot assign to `{}`", target.name))
                        .with_label("not a field of the target state")
                        .with_note(what),
                );
                env.infer(value, None);
                return;
            };
            if let Type::Archive(..) = field.ty {
                let d = Diagnostic::error("E0224", *span, format!("cannot assign to the archive `{}`", target.name))
                    .with_label("an archive is only added to")
                    .with_note(format!("put an entry with `{}[key] = value;`; a state that declares the field sees every entry put before", target.name));
                env.diags.push(d);
                env.infer(value, None);
                return;
            }
            match op {
                AssignOp::Set => {
                    env.expect(value, &field.ty);
                    if top && !cx.assigned.contains(&field.name.as_str()) {
                        cx.assigned.push(&field.name);
                        // A target-only field becomes readable once set.
                        if !env.fields.iter().any(|f| f.name == field.name) {
                            env.fields.push(field);
                        }
                    }
                }
                AssignOp::Add | AssignOp::Sub => match &field.ty {
                    t if t.is_int() || t.is_amount() => {
                        env.expect(value, t);
                    }
                    Type::List(elem) if *op == AssignOp::Add => {
                        // `list += element` appends; `list += list` extends.
                        let got = env.infer(value, Some(elem));
                        if !env.assignable(&got, elem, value) && !env.assignable(&got, &field.ty, value) {
                            let d = env.mismatch(value.span, elem, &got);
                            env.diags.push(d);
                        }
                    }
                    other => {
                        let sym = if *op == AssignOp::Add { "+=" } else { "-=" };
                        let d = Diagnostic::error("E0216", *span, format!("`{sym}` cannot update a field of type {}", env.show(other)))
                            .with_label(format!("`{}` is {}", target.name, env.show(other)))
                            .with_note("`+=`/`-=` work on integers and amounts; `+=` also appends to a list");
                        env.diags.push(d);
                        env.infer(value, None);
                    }
                },
            }
        }
    }
}

fn check_template(env: &mut Env, t: &Template) {
    let syms = env.syms;
    let Ok(Some(Entry { sym: Sym::Template(i), .. })) = syms.find(env.unit, Ns::Value, &t.name.name) else { return };
    let params = &syms.templates[i].params;
    for (p, decl) in params.iter().zip(&t.params) {
        env.push_local(&decl.name, p.ty.clone());
    }
    let mut cx = TxCx::default();
    check_tx_items(env, &t.items, &mut cx);
    if cx.inputs == 0 || cx.outputs == 0 {
        let what = if cx.inputs == 0 { "input" } else { "output" };
        env.diags.push(
            Diagnostic::error("E0230", t.name.span, format!("the template `{}` has no {what}", t.name.name))
                .with_label(format!("a transaction needs at least one {what}")),
        );
    }
    if cx.then_tiebreak && !cx.tiebreak_given {
        if let Some(span) = cx.order_span {
            env.diags.push(
                Diagnostic::warning("W0231", span, "`then tiebreak` but no output declares a `tiebreak`")
                    .with_label("has no effect"),
            );
        }
    }
}

#[derive(Default)]
struct TxCx {
    inputs: usize,
    outputs: usize,
    version: Option<Span>,
    locktime: Option<Span>,
    order_span: Option<Span>,
    then_tiebreak: bool,
    tiebreak_given: bool,
}

fn once(env: &mut Env, slot: &mut Option<Span>, span: Span, what: &str) {
    if let Some(prev) = *slot {
        env.diags.push(
            Diagnostic::error("E0232", span, format!("`{what}` is given twice"))
                .with_label("second time")
                .with_secondary(prev, "first here"),
        );
    } else {
        *slot = Some(span);
    }
}

fn check_tx_items(env: &mut Env, items: &[TxItem], cx: &mut TxCx) {
    let u32t = Type::Int(IntTy::U32);
    for item in items {
        match item {
            TxItem::Version(e) => {
                once(env, &mut cx.version, e.span, "version");
                env.expect(e, &u32t);
            }
            TxItem::Locktime(e) => {
                once(env, &mut cx.locktime, e.span, "locktime");
                env.expect(e, &u32t);
            }
            TxItem::Input(i) => {
                cx.inputs += 1;
                env.expect(&i.outpoint, &Type::OutPoint);
                if let Some(a) = &i.amount {
                    env.expect(a, &Type::Sat);
                }
                if let Some(s) = &i.script {
                    env.expect(s, &Type::Script);
                }
                if let Some(s) = &i.sequence {
                    env.expect(s, &u32t);
                }
                if let Some(w) = &i.witness {
                    for x in w {
                        let t = env.infer(x, None);
                        if !(t.is_error() || t.is_bytes_like() || t.is_int() || t == Type::Bool) {
                            let d = Diagnostic::error("E0220", x.span, format!("a {} cannot be a witness element", env.show(&t)))
                                .with_label("expected bytes, a signature, a key, a script or a number");
                            env.diags.push(d);
                        }
                    }
                }
            }
            TxItem::Output(o) => {
                cx.outputs += 1;
                env.expect(&o.amount, &Type::Sat);
                env.expect(&o.script, &Type::Script);
                if let Some(w) = &o.when {
                    env.expect(w, &Type::Bool);
                }
                if let Some(tb) = &o.tiebreak {
                    cx.tiebreak_given = true;
                    env.expect(tb, &Type::Int(IntTy::U64));
                }
            }
            TxItem::For { var, iter, items, .. } => {
                let elem = element_type(env, iter);
                let depth = env.locals.len();
                env.push_local(var, elem);
                check_tx_items(env, items, cx);
                env.locals.truncate(depth);
            }
            TxItem::Order { then_tiebreak, span, .. } => {
                once(env, &mut cx.order_span, *span, "order");
                cx.then_tiebreak |= *then_tiebreak;
            }
        }
    }
}

fn check_property(env: &mut Env, p: &Property) {
    if p.states.is_none() && p.cond.is_none() {
        env.diags.push(
            Diagnostic::error("E0240", p.name.span, format!("the property `{}` says nothing", p.name.name))
                .with_label("give states (`in S`), a condition (`: expr`), or both"),
        );
        return;
    }
    if let Some(set) = &p.states {
        let states = resolve_states(env.syms, env.unit, set, env.diags);
        env.fields = common_fields(env.syms, &states);
    }
    if let Some(c) = &p.cond {
        env.expect(c, &Type::Bool);
    }
}
