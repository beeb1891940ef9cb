//! The composition rules: what must hold of a protocol and everything it imports.
//!
//! For each unit, its *composition* is the unit plus everything it imports,
//! transitively. In every composition: no two messages share a wire type.
//! In a `protocol`'s composition, in addition: every slot is filled once by
//! a module that defines the interface's functions; there is exactly one
//! initial state; every state is reachable; every non-terminal state has a
//! way out; no terminal state has transitions; every message can be received
//! somewhere; no two transitions compete for the same input.
//!
//! It also fixes the order a composition's transitions are tried in
//! ([`dispatch_order`]), which codegen follows.

use super::symbols::*;
use super::types::Type;
use crate::ast::*;
use crate::diag::Diagnostic;
use crate::load::Program;
use std::collections::{BTreeSet, HashMap};

/// The unit and everything it imports, transitively.
pub fn composition(syms: &Symbols, root: usize) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![root];
    while let Some(u) = stack.pop() {
        if seen.insert(u) {
            stack.extend(syms.units[u].imports.iter().copied());
        }
    }
    seen
}

/// The order in which the transitions of `root`'s composition are tried:
/// every unit before the units it imports, and otherwise the imports in the
/// order they are written (within a unit, transitions are tried in the order
/// written). A module refines what it imports: its guarded transitions come
/// before the imported unit's catch-alls for the same input, whatever the
/// file names. Import cycles (refused by the checker) are cut where they
/// close.
pub fn dispatch_order(syms: &Symbols, root: usize) -> Vec<usize> {
    // Depth-first, imports visited last-written first; the reversed
    // post-order puts every unit before what it imports.
    let mut seen = vec![false; syms.units.len()];
    let mut post = Vec::new();
    let mut stack = vec![(root, 0usize)];
    seen[root] = true;
    while let Some((u, next)) = stack.pop() {
        let imports = &syms.units[u].imports;
        match imports.len().checked_sub(next + 1).map(|i| imports[i]) {
            Some(child) => {
                stack.push((u, next + 1));
                if !seen[child] {
                    seen[child] = true;
                    stack.push((child, 0));
                }
            }
            None => post.push(u),
        }
    }
    post.reverse();
    post
}

/// One edge of the state graph: `from --trigger--> to`.
#[derive(Debug, Clone)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: String,
    /// `true` when the transition was written `in *`.
    pub wildcard: bool,
    pub span: Span,
}

pub fn trigger_label(t: &Trigger) -> String {
    match t {
        Trigger::Recv { message, .. } => format!("recv {message}"),
        Trigger::Command { command, .. } => format!("command {command}"),
        Trigger::Chain { event, .. } => format!("chain {}", event.name),
        Trigger::Timer { timer } => format!("timer {timer}"),
    }
}

/// The state graph of a composition (diagnostics of resolution are dropped:
/// the body pass reports them). The flag is `true` when some transition
/// names a state that does not exist, so the graph is incomplete.
pub fn edges(program: &Program, syms: &Symbols, comp: &BTreeSet<usize>) -> (Vec<Edge>, bool) {
    let mut out = Vec::new();
    let mut sink = Vec::new();
    let mut incomplete = false;
    for &u in comp {
        for item in &program.units[u].unit.items {
            let Item::Transition(t) = item else { continue };
            let from = match &t.from {
                // `*` ranges over the whole composition's non-terminal states.
                StateSet::Any(_) => (0..syms.states.len())
                    .filter(|s| comp.contains(&syms.states[*s].st.unit) && syms.states[*s].kind != StateKind::Terminal)
                    .collect(),
                set => super::body::resolve_states(syms, u, set, &mut sink),
            };
            let to = t.to.as_ref().and_then(|p| match syms.resolve(u, Ns::State, p) {
                Ok(Sym::State(i)) => Some(i),
                _ => None,
            });
            if t.to.is_some() && to.is_none() {
                incomplete = true;
                continue;
            }
            for f in from {
                out.push(Edge {
                    from: f,
                    to: to.unwrap_or(f),
                    label: trigger_label(&t.trigger),
                    wildcard: matches!(t.from, StateSet::Any(_)),
                    span: t.span,
                });
            }
        }
    }
    (out, incomplete || !sink.is_empty())
}

pub fn check_protocols(program: &Program, syms: &Symbols, diags: &mut Vec<Diagnostic>) {
    let mut reported_wire: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (ux, lu) in program.units.iter().enumerate() {
        let comp = composition(syms, ux);
        check_wire_types(syms, &comp, &mut reported_wire, diags);
        if lu.unit.kind == UnitKind::Protocol {
            check_generated_names(program, syms, ux, &comp, diags);
            check_slots(program, syms, ux, &comp, diags);
            check_state_graph(program, syms, ux, &comp, diags);
        }
    }
}

fn check_wire_types(
    syms: &Symbols,
    comp: &BTreeSet<usize>,
    reported: &mut BTreeSet<(usize, usize)>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut by_type: HashMap<u128, usize> = HashMap::new();
    for (i, m) in syms.messages.iter().enumerate() {
        if !comp.contains(&m.st.unit) {
            continue;
        }
        let Some(t) = m.wire_type else { continue };
        match by_type.get(&t) {
            Some(&prev) => {
                if reported.insert((prev, i)) {
                    diags.push(
                        Diagnostic::error(
                            "E0112",
                            m.wire_span,
                            format!("the messages `{}` and `{}` share the wire type {t}", syms.messages[prev].st.name, m.st.name),
                        )
                        .with_label("duplicate wire type")
                        .with_secondary(syms.messages[prev].wire_span, "first used here")
                        .with_note("a receiver could not tell them apart; give each message its own type number"),
                    );
                }
            }
            None => {
                by_type.insert(t, i);
            }
        }
    }
}

/// The names codegen gives a protocol's own items in the generated module.
const GENERATED_NAMES: &[&str] = &["Message", "Command", "Event", "State", "Input", "Timer", "Env", "Params", "Effect"];

/// Records, enums, messages, commands and events of one protocol become
/// Rust types of one generated module: two that would get the same name
/// (a command `commit` and a record `Commit`), or one that would take a name
/// the module already uses, are refused here rather than by rustc.
fn check_generated_names(program: &Program, syms: &Symbols, root: usize, comp: &BTreeSet<usize>, diags: &mut Vec<Diagnostic>) {
    let proto = crate::name::rust_type_name(&program.units[root].unit.name.name);
    let mut decls: Vec<(&str, &str, Span)> = Vec::new();
    decls.extend(syms.records.iter().filter(|r| comp.contains(&r.unit)).map(|r| ("record", r.name.as_str(), r.span)));
    decls.extend(syms.enums.iter().filter(|e| comp.contains(&e.unit)).map(|e| if e.name == "Role" { ("roles", "Role", e.span) } else { ("enum", e.name.as_str(), e.span) }));
    decls.extend(syms.messages.iter().filter(|m| comp.contains(&m.st.unit)).map(|m| ("message", m.st.name.as_str(), m.st.span)));
    decls.extend(syms.commands.iter().filter(|c| comp.contains(&c.unit)).map(|c| ("command", c.name.as_str(), c.span)));
    decls.extend(syms.events.iter().filter(|e| comp.contains(&e.unit)).map(|e| ("event", e.name.as_str(), e.span)));
    let mut seen: HashMap<String, (&str, &str, Span)> = HashMap::new();
    for (kind, name, span) in decls {
        let rust = crate::name::rust_type_name(name);
        if GENERATED_NAMES.contains(&rust.as_str()) || rust == proto {
            diags.push(
                Diagnostic::error("E0116", span, format!("the {kind} `{name}` would be generated as `{rust}`, a name the protocol's Rust module already uses"))
                    .with_label("reserved in the generated code")
                    .with_note(format!("rename it; the generated module defines {} and `{proto}`", GENERATED_NAMES.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "))),
            );
            continue;
        }
        match seen.get(&rust) {
            Some(&(pkind, pname, pspan)) => diags.push(
                Diagnostic::error("E0116", span, format!("the {kind} `{name}` and the {pkind} `{pname}` would both be generated as `{rust}`"))
                    .with_label("same Rust name")
                    .with_secondary(pspan, "the other one")
                    .with_note("records, enums, messages, commands and events of a protocol share one Rust namespace: rename one"),
            ),
            None => {
                seen.insert(rust, (kind, name, span));
            }
        }
    }
}

fn check_slots(program: &Program, syms: &Symbols, root: usize, comp: &BTreeSet<usize>, diags: &mut Vec<Diagnostic>) {
    let mut filled: HashMap<usize, Span> = HashMap::new();
    for &u in comp {
        for item in &program.units[u].unit.items {
            let Item::Fill(f) = item else { continue };
            let Ok(Sym::Slot(s)) = syms.resolve(u, Ns::Value, &f.slot) else { continue };
            if let Some(prev) = filled.get(&s) {
                diags.push(
                    Diagnostic::error("E0306", f.span, format!("the slot `{}` is filled twice", f.slot))
                        .with_label("second fill")
                        .with_secondary(*prev, "first filled here"),
                );
                continue;
            }
            filled.insert(s, f.span);
            let Some(filler) = program.unit_named(&f.with.name).filter(|m| comp.contains(m)) else {
                diags.push(
                    Diagnostic::error("E0304", f.with.span, format!("`{}` is not a module of this protocol", f.with.name))
                        .with_label("not imported")
                        .with_note(format!("add `import {};`", f.with.name)),
                );
                continue;
            };
            let Some(iface) = syms.slots[s].interface else { continue };
            for want in &syms.interfaces[iface].fns {
                let have = syms.functions.iter().find(|g| g.unit == filler && g.name == want.name);
                match have {
                    None => diags.push(
                        Diagnostic::error(
                            "E0304",
                            f.with.span,
                            format!("`{}` does not define `{}` required by `{}`", f.with.name, want.name, syms.interfaces[iface].name),
                        )
                        .with_label("incomplete implementation")
                        .with_secondary(want.span, "required here"),
                    ),
                    Some(g) => {
                        let same = g.params.len() == want.params.len()
                            && g.params.iter().zip(&want.params).all(|(a, b)| same_type(&a.ty, &b.ty))
                            && same_type(&g.ret, &want.ret);
                        if !same {
                            diags.push(
                                Diagnostic::error(
                                    "E0304",
                                    g.span,
                                    format!("`{}.{}` does not match the interface's signature", f.with.name, g.name),
                                )
                                .with_label("different parameter or return types")
                                .with_secondary(want.span, "the interface declares it here"),
                            );
                        }
                    }
                }
            }
        }
    }
    for (s, slot) in syms.slots.iter().enumerate() {
        if comp.contains(&slot.unit) && !filled.contains_key(&s) {
            diags.push(
                Diagnostic::error(
                    "E0303",
                    program.units[root].unit.name.span,
                    format!("the slot `{}.{}` is never filled in protocol `{}`", syms.units[slot.unit].name, slot.name, program.units[root].unit.name.name),
                )
                .with_label("this protocol")
                .with_secondary(slot.span, "the slot is declared here")
                .with_note(format!("add `fill {}.{} with <module>;`", syms.units[slot.unit].name, slot.name)),
            );
        }
    }
}

fn same_type(a: &Type, b: &Type) -> bool {
    a == b || a.is_error() || b.is_error()
}

fn check_state_graph(program: &Program, syms: &Symbols, root: usize, comp: &BTreeSet<usize>, diags: &mut Vec<Diagnostic>) {
    let states: Vec<usize> = (0..syms.states.len()).filter(|s| comp.contains(&syms.states[*s].st.unit)).collect();
    let proto = &program.units[root].unit.name;
    if states.is_empty() {
        diags.push(
            Diagnostic::error("E0140", proto.span, format!("the protocol `{}` has no states", proto.name))
                .with_label("declare an `initial state` and the states it moves through"),
        );
        return;
    }
    let initial: Vec<usize> = states.iter().copied().filter(|s| syms.states[*s].kind == StateKind::Initial).collect();
    match initial.as_slice() {
        [] => {
            diags.push(
                Diagnostic::error("E0140", proto.span, format!("the protocol `{}` has no initial state", proto.name))
                    .with_label("mark the state a machine starts in with `initial state`"),
            );
            return;
        }
        [_] => {}
        [first, rest @ ..] => {
            for r in rest {
                diags.push(
                    Diagnostic::error("E0140", syms.states[*r].st.span, "more than one initial state")
                        .with_label("second initial state")
                        .with_secondary(syms.states[*first].st.span, "first initial state"),
                );
            }
        }
    }
    let (edges, incomplete) = edges(program, syms, comp);
    // The edges leaving each state, in order.
    let mut leaving: Vec<Vec<&Edge>> = vec![Vec::new(); syms.states.len()];
    for e in &edges {
        if let Some(out) = leaving.get_mut(e.from) {
            out.push(e);
        }
    }
    let leaving_of = |s: usize| leaving.get(s).map_or(&[][..], Vec::as_slice);
    // Reachability from the initial state.
    let mut reached = BTreeSet::from([initial[0]]);
    let mut stack = vec![initial[0]];
    while let Some(s) = stack.pop() {
        for e in leaving_of(s) {
            if reached.insert(e.to) {
                stack.push(e.to);
            }
        }
    }
    for &s in &states {
        let info = &syms.states[s];
        // With a transition naming an unknown state the graph is partial:
        // reachability findings would only echo that error.
        if !reached.contains(&s) && !incomplete {
            diags.push(
                Diagnostic::error("E0301", info.st.span, format!("the state `{}` is unreachable", info.st.name))
                    .with_label(format!("no transition leads here from `{}`", syms.states[initial[0]].st.name)),
            );
        }
        let leaves = leaving_of(s).iter().any(|e| e.to != s);
        match info.kind {
            StateKind::Terminal => {
                if let Some(e) = leaving_of(s).iter().find(|e| !e.wildcard) {
                    diags.push(
                        Diagnostic::error("E0141", e.span, format!("the terminal state `{}` has a transition", info.st.name))
                            .with_label("a terminal state accepts no input")
                            .with_secondary(info.st.span, "declared terminal here"),
                    );
                }
            }
            _ if !leaves && !incomplete => diags.push(
                Diagnostic::error("E0302", info.st.span, format!("the state `{}` has no way out", info.st.name))
                    .with_label("no transition leaves this state")
                    .with_note("add a transition to another state, or declare it `terminal state`"),
            ),
            _ => {}
        }
    }
    // Every message must be receivable somewhere.
    let mut received: BTreeSet<usize> = BTreeSet::new();
    for &u in comp {
        for item in &program.units[u].unit.items {
            if let Item::Transition(Transition { trigger: Trigger::Recv { message, .. }, .. }) = item {
                if let Ok(Sym::Message(m)) = syms.resolve(u, Ns::Message, message) {
                    received.insert(m);
                }
            }
        }
    }
    for (m, info) in syms.messages.iter().enumerate() {
        if comp.contains(&info.st.unit) && !received.contains(&m) {
            diags.push(
                Diagnostic::error("E0300", info.st.span, format!("no state can receive the message `{}`", info.st.name))
                    .with_label("never received")
                    .with_note(format!("add `on recv {} in <State> {{ … }}`, or remove the message", info.st.name)),
            );
        }
    }
    check_competing(program, syms, root, diags);
}

/// Two transitions for the same trigger in the same state, neither with `when`:
/// the one tried second ([`dispatch_order`]) can never run.
fn check_competing(program: &Program, syms: &Symbols, root: usize, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(usize, String), Span> = HashMap::new();
    let mut sink = Vec::new();
    for u in dispatch_order(syms, root) {
        for item in &program.units[u].unit.items {
            let Item::Transition(t) = item else { continue };
            if t.when.is_some() || matches!(t.from, StateSet::Any(_)) {
                continue;
            }
            let key = trigger_label(&t.trigger);
            for s in super::body::resolve_states(syms, u, &t.from, &mut sink) {
                let k = (s, key.clone());
                if let Some(prev) = seen.get(&k) {
                    diags.push(
                        Diagnostic::error(
                            "E0142",
                            t.trigger_span,
                            format!("two transitions handle `{key}` in `{}`", syms.states[s].st.name),
                        )
                        .with_label("this one can never run")
                        .with_secondary(*prev, "this one always wins")
                        .with_note("tell them apart with `when <condition>`"),
                    );
                } else {
                    seen.insert(k, t.trigger_span);
                }
            }
        }
    }
}
