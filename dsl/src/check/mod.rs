//! The checker: names, types and the protocol-level rules of a [`Program`].
//!
//! It runs in passes and returns every finding, not the first:
//! 1. collect every declaration of every unit into [`symbols::Symbols`]
//!    (duplicates, imports, wire type numbers, TLV numbering);
//! 2. resolve declared types (fields, parameters, signatures);
//! 3. type-check every expression and statement ([`expr`], [`body`]);
//! 4. per protocol, the composition rules ([`protocol`]): slots filled,
//!    every message receivable, every state reachable and able to leave.
//!
//! It reports; it does not transform. Codegen reads the same AST.

pub mod body;
pub mod expr;
mod miniscript;
pub mod protocol;
pub mod symbols;
pub mod types;

use crate::ast::*;
use crate::diag::Diagnostic;
use crate::load::Program;
use std::collections::HashMap;
use expr::Subject;
use symbols::*;
use types::*;

/// The result of a check: the symbol tables (for tools) and every diagnostic.
#[derive(Debug)]
pub struct Checked {
    pub symbols: Symbols,
    pub diagnostics: Vec<Diagnostic>,
    /// Types and resolutions of expressions, for codegen.
    pub notes: expr::Annotations,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Checks a loaded program; loading diagnostics are included first.
pub fn check(program: &Program) -> Checked {
    let mut diags = program.diagnostics.clone();
    let mut syms = Symbols::default();
    collect_units(program, &mut syms, &mut diags);
    for (ix, lu) in program.units.iter().enumerate() {
        collect_items(&lu.unit, ix, &mut syms, &mut diags);
    }
    for (ix, lu) in program.units.iter().enumerate() {
        resolve_declarations(&lu.unit, ix, &mut syms, &mut diags);
    }
    check_archive_names(&syms, &mut diags);
    let units: Vec<&Unit> = program.units.iter().map(|u| &u.unit).collect();
    let watches = body::collect_watches(&units);
    let mut notes = expr::Annotations::default();
    // Sized from the source to spare rehashing: generated and hand-written
    // specs have about one typed expression per 15 to 26 bytes and one
    // resolved name per 32 to 44 (with a margin, so as not to fall short).
    let bytes: usize = program.units.iter().filter_map(|u| program.sources.text(u.file)).map(str::len).sum();
    notes.types.reserve(bytes / 12);
    notes.res.reserve(bytes / 24);
    for (ix, lu) in program.units.iter().enumerate() {
        body::check_unit_bodies(&lu.unit, ix, &syms, &watches, &mut diags, &mut notes);
    }
    protocol::check_protocols(program, &syms, &mut diags);
    diags.sort_by_key(|d| (d.span.file, d.span.start));
    diags.dedup();
    Checked { symbols: syms, diagnostics: diags, notes }
}

fn collect_units(program: &Program, syms: &mut Symbols, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for lu in &program.units {
        let name = &lu.unit.name;
        if let Some(prev) = seen.get(name.name.as_str()) {
            diags.push(
                Diagnostic::error("E0101", name.span, format!("two files declare the module `{}`", name.name))
                    .with_label("second declaration")
                    .with_secondary(*prev, "first declared here"),
            );
        } else {
            seen.insert(&name.name, name.span);
        }
        syms.units.push(UnitSyms { name: name.name.to_string(), ..UnitSyms::default() });
    }
    for (ix, lu) in program.units.iter().enumerate() {
        for item in &lu.unit.items {
            if let Item::Import(id) = item {
                if id.name == lu.unit.name.name {
                    diags.push(
                        Diagnostic::error("E0103", id.span, format!("the module `{}` imports itself", id.name))
                            .with_label("remove this import"),
                    );
                } else if let Some(target) = program.unit_named(&id.name) {
                    if syms.units[ix].imports.contains(&target) {
                        diags.push(
                            Diagnostic::error("E0104", id.span, format!("`{}` is imported twice", id.name))
                                .with_label("second import"),
                        );
                    } else {
                        syms.units[ix].imports.push(target);
                    }
                }
            }
        }
    }
    // Import cycles make a composition's meaning depend on order: refuse them.
    for (ix, lu) in program.units.iter().enumerate() {
        if let Some(cycle) = find_cycle(syms, ix) {
            let span = lu.unit.name.span;
            let names: Vec<&str> = cycle.iter().map(|&u| syms.units[u].name.as_str()).collect();
            diags.push(
                Diagnostic::error("E0102", span, format!("import cycle through `{}`", lu.unit.name.name))
                    .with_note(format!("the cycle: {}", names.join(" → "))),
            );
        }
    }
}

/// A path of imports from `start` back to itself, if there is one.
fn find_cycle(syms: &Symbols, start: usize) -> Option<Vec<usize>> {
    let mut stack = vec![(start, vec![start])];
    let mut seen = vec![false; syms.units.len()];
    while let Some((u, path)) = stack.pop() {
        for &next in &syms.units[u].imports {
            if next == start {
                let mut p = path.clone();
                p.push(start);
                return Some(p);
            }
            if !seen[next] {
                seen[next] = true;
                let mut p = path.clone();
                p.push(next);
                stack.push((next, p));
            }
        }
    }
    None
}

fn fields_placeholder(unit: usize, name: &Ident) -> StructInfo {
    StructInfo { unit, name: name.name.to_string(), span: name.span, fields: Vec::new() }
}

/// Pass 1: every name into its namespace.
fn collect_items(unit: &Unit, ux: usize, syms: &mut Symbols, diags: &mut Vec<Diagnostic>) {
    let mut roles_seen: Option<Span> = None;
    for item in &unit.items {
        match item {
            Item::Import(_) | Item::Fill(_) | Item::Transition(_) | Item::Property(_) => {}
            Item::Roles(r) => {
                if let Some(prev) = roles_seen {
                    diags.push(
                        Diagnostic::error("E0110", r.span, "roles are declared twice")
                            .with_secondary(prev, "first declared here"),
                    );
                    continue;
                }
                roles_seen = Some(r.span);
                let ix = syms.enums.len();
                syms.enums.push(EnumInfo {
                    unit: ux,
                    name: "Role".into(),
                    span: r.span,
                    variants: r.roles.iter().map(|v| v.name.to_string()).collect(),
                });
                let id = Ident { name: "Role".into(), span: r.span };
                syms.declare(ux, Ns::Type, &id, Sym::Enum(ix), diags);
                declare_variants(syms, ux, ix, &r.roles, diags);
                syms.units[ux].roles_enum = Some(ix);
            }
            Item::Record(r) => {
                let ix = syms.records.len();
                syms.records.push(fields_placeholder(ux, &r.name));
                syms.declare(ux, Ns::Type, &r.name, Sym::Record(ix), diags);
            }
            Item::Enum(e) => {
                let ix = syms.enums.len();
                syms.enums.push(EnumInfo {
                    unit: ux,
                    name: e.name.name.to_string(),
                    span: e.name.span,
                    variants: e.variants.iter().map(|v| v.name.to_string()).collect(),
                });
                syms.declare(ux, Ns::Type, &e.name, Sym::Enum(ix), diags);
                declare_variants(syms, ux, ix, &e.variants, diags);
            }
            Item::Interface(i) => {
                let ix = syms.interfaces.len();
                syms.interfaces.push(InterfaceInfo { unit: ux, name: i.name.name.to_string(), fns: Vec::new() });
                syms.declare(ux, Ns::Type, &i.name, Sym::Interface(ix), diags);
            }
            Item::Message(m) => {
                let ix = syms.messages.len();
                syms.messages.push(MessageInfo {
                    st: fields_placeholder(ux, &m.name),
                    wire_type: m.wire_type.value,
                    wire_span: m.wire_type.span,
                });
                syms.declare(ux, Ns::Message, &m.name, Sym::Message(ix), diags);
            }
            Item::Command(c) => {
                let ix = syms.commands.len();
                syms.commands.push(fields_placeholder(ux, &c.name));
                syms.declare(ux, Ns::Command, &c.name, Sym::Command(ix), diags);
            }
            Item::Event(e) => {
                let ix = syms.events.len();
                syms.events.push(fields_placeholder(ux, &e.name));
                syms.declare(ux, Ns::Event, &e.name, Sym::Event(ix), diags);
            }
            Item::Timer(t) => {
                let ix = syms.timers.len();
                syms.timers.push(ValueInfo { unit: ux, name: t.name.to_string(), ty: Type::Bool, span: t.span });
                syms.declare(ux, Ns::Timer, t, Sym::Timer(ix), diags);
            }
            Item::State(s) => {
                let ix = syms.states.len();
                syms.states.push(StateInfo { st: fields_placeholder(ux, &s.name), kind: s.kind });
                syms.declare(ux, Ns::State, &s.name, Sym::State(ix), diags);
            }
            Item::Param(p) => {
                let ix = syms.params.len();
                syms.params.push(ValueInfo { unit: ux, name: p.name.name.to_string(), ty: Type::Error, span: p.name.span });
                syms.declare(ux, Ns::Value, &p.name, Sym::Param(ix), diags);
            }
            Item::Const(c) => {
                let ix = syms.consts.len();
                syms.consts.push(ValueInfo { unit: ux, name: c.name.name.to_string(), ty: Type::Error, span: c.name.span });
                syms.declare(ux, Ns::Value, &c.name, Sym::Const(ix), diags);
            }
            Item::Function(f) => {
                let ix = syms.functions.len();
                syms.functions.push(FnInfo {
                    unit: ux,
                    name: f.sig.name.name.to_string(),
                    params: Vec::new(),
                    ret: Type::Error,
                    span: f.sig.name.span,
                });
                syms.declare(ux, Ns::Value, &f.sig.name, Sym::Function(ix), diags);
            }
            Item::Template(t) => {
                let ix = syms.templates.len();
                syms.templates.push(FnInfo {
                    unit: ux,
                    name: t.name.name.to_string(),
                    params: Vec::new(),
                    ret: Type::Tx,
                    span: t.name.span,
                });
                syms.declare(ux, Ns::Value, &t.name, Sym::Template(ix), diags);
            }
            Item::Slot(s) => {
                let ix = syms.slots.len();
                syms.slots.push(SlotInfo { unit: ux, name: s.name.name.to_string(), interface: None, span: s.name.span });
                syms.declare(ux, Ns::Value, &s.name, Sym::Slot(ix), diags);
            }
        }
    }
}

fn declare_variants(syms: &mut Symbols, ux: usize, enum_ix: usize, variants: &[Ident], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for (vi, v) in variants.iter().enumerate() {
        if let Some(prev) = seen.get(v.name.as_str()) {
            diags.push(
                Diagnostic::error("E0114", v.span, format!("the variant `{}` is listed twice", v.name))
                    .with_label("second time")
                    .with_secondary(*prev, "first listed here"),
            );
            continue;
        }
        seen.insert(&v.name, v.span);
        syms.units[ux].variants.entry(v.name.to_string()).or_default().push((enum_ix, vi));
    }
}

/// Resolves a written type; reports what is undefined.
pub fn resolve_type(syms: &Symbols, unit: usize, t: &TypeExpr, diags: &mut Vec<Diagnostic>) -> Type {
    match t {
        TypeExpr::List(inner, _) => Type::List(Box::new(resolve_type(syms, unit, inner, diags))),
        TypeExpr::Option(inner, _) => Type::Option(Box::new(resolve_type(syms, unit, inner, diags))),
        TypeExpr::Archive(_, _, span) => {
            diags.push(
                Diagnostic::error("E0222", *span, "an `archive` can only be the type of a state field")
                    .with_label("not a state field's type")
                    .with_note("an archive's entries live in the store, outside any value: a state field names it"),
            );
            Type::Error
        }
        TypeExpr::FixedBytes(n, span) => match n.value {
            Some(v) if (1..=65535).contains(&v) => Type::FixedBytes(v as u32),
            _ => {
                diags.push(
                    Diagnostic::error("E0213", *span, format!("invalid byte array length `{}`", n.text))
                        .with_label("length must be between 1 and 65535"),
                );
                Type::Error
            }
        },
        TypeExpr::Named(path) => {
            if path.qualifier().is_none() {
                if let Some(b) = builtin_type(&path.last().name) {
                    return b;
                }
            }
            match syms.resolve(unit, Ns::Type, path) {
                Ok(Sym::Record(i)) => Type::Struct(StructRef::Record(i)),
                Ok(Sym::Enum(i)) => Type::Enum(i),
                Ok(_) => {
                    diags.push(
                        Diagnostic::error("E0120", path.span, format!("`{path}` is an interface, not a type"))
                            .with_label("not a value type"),
                    );
                    Type::Error
                }
                Err(d) => {
                    diags.push(d);
                    Type::Error
                }
            }
        }
    }
}

/// Fields of the same name name the same archive in the store: every
/// state that declares it must give it the same type.
fn check_archive_names(syms: &Symbols, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(usize, &str), (&Type, Span)> = HashMap::new();
    for st in &syms.states {
        for f in &st.st.fields {
            let is_archive = matches!(f.ty, Type::Archive(..));
            match seen.get(&(st.st.unit, f.name.as_str())) {
                Some((ty, first)) if (is_archive || matches!(ty, Type::Archive(..))) && *ty != &f.ty => diags.push(
                    Diagnostic::error("E0223", f.span, format!("the archive `{}` has another type in another state", f.name))
                        .with_label("declared differently here")
                        .with_secondary(*first, "first declared here")
                        .with_note("fields of the same name name one archive of the machine: give them one type"),
                ),
                Some(_) => {}
                None => {
                    seen.insert((st.st.unit, f.name.as_str()), (&f.ty, f.span));
                }
            }
        }
    }
}

/// A state field's type: any type, or an `archive<K, V>` of two others.
fn resolve_state_field_type(syms: &Symbols, unit: usize, t: &TypeExpr, diags: &mut Vec<Diagnostic>) -> Type {
    match t {
        TypeExpr::Archive(k, v, _) => {
            Type::Archive(Box::new(resolve_type(syms, unit, k, diags)), Box::new(resolve_type(syms, unit, v, diags)))
        }
        _ => resolve_type(syms, unit, t, diags),
    }
}

fn resolve_fields(syms: &Symbols, unit: usize, fields: &[Field], what: Subject, diags: &mut Vec<Diagnostic>) -> Vec<FieldInfo> {
    let mut out: Vec<FieldInfo> = Vec::with_capacity(fields.len());
    resolve_fields_into(syms, unit, fields.iter().map(|f| (&f.name, &f.ty)), what, &mut out, diags, resolve_type);
    out
}

/// Resolves `(name, type)` pairs onto `out` with `resolve` (state fields
/// may be archives, nothing else may), reporting names given twice.
fn resolve_fields_into<'f>(
    syms: &Symbols,
    unit: usize,
    fields: impl Iterator<Item = (&'f Ident, &'f TypeExpr)>,
    what: Subject,
    out: &mut Vec<FieldInfo>,
    diags: &mut Vec<Diagnostic>,
    resolve: fn(&Symbols, usize, &TypeExpr, &mut Vec<Diagnostic>) -> Type,
) {
    for (name, ty) in fields {
        if let Some(prev) = out.iter().find(|p| p.name == name.name) {
            diags.push(
                Diagnostic::error("E0111", name.span, format!("the field `{}` appears twice in {what}", name.name))
                    .with_label("second time")
                    .with_secondary(prev.span, "first here"),
            );
            continue;
        }
        let ty = resolve(syms, unit, ty, diags);
        out.push(FieldInfo { name: name.name.to_string(), ty, span: name.span, tlv: false });
    }
}

/// Pass 2: field, parameter and signature types; wire and TLV numbering.
fn resolve_declarations(unit: &Unit, ux: usize, syms: &mut Symbols, diags: &mut Vec<Diagnostic>) {
    let mut rec_ix = syms.records.iter().position(|r| r.unit == ux).unwrap_or(0);
    let mut msg_ix = syms.messages.iter().position(|r| r.st.unit == ux).unwrap_or(0);
    let mut cmd_ix = syms.commands.iter().position(|r| r.unit == ux).unwrap_or(0);
    let mut ev_ix = syms.events.iter().position(|r| r.unit == ux).unwrap_or(0);
    let mut st_ix = syms.states.iter().position(|r| r.st.unit == ux).unwrap_or(0);
    let mut par_ix = syms.params.iter().position(|r| r.unit == ux).unwrap_or(0);
    let mut con_ix = syms.consts.iter().position(|r| r.unit == ux).unwrap_or(0);
    let mut fn_ix = syms.functions.iter().position(|r| r.unit == ux).unwrap_or(0);
    let mut tp_ix = syms.templates.iter().position(|r| r.unit == ux).unwrap_or(0);
    let mut if_ix = syms.interfaces.iter().position(|r| r.unit == ux).unwrap_or(0);
    let mut sl_ix = syms.slots.iter().position(|r| r.unit == ux).unwrap_or(0);
    for item in &unit.items {
        match item {
            Item::Record(r) => {
                let what = Subject { kind: "record", name: &r.name.name };
                syms.records[rec_ix].fields = resolve_fields(syms, ux, &r.fields, what, diags);
                rec_ix += 1;
            }
            Item::Message(m) => {
                let what = Subject { kind: "message", name: &m.name.name };
                let all = m.fields.iter().map(|f| (&f.name, &f.ty)).chain(m.tlvs.iter().map(|t| (&t.name, &t.ty)));
                let mut fields = Vec::with_capacity(m.fields.len() + m.tlvs.len());
                resolve_fields_into(syms, ux, all, what, &mut fields, diags, resolve_type);
                for f in fields.iter_mut().skip(m.fields.len()) {
                    f.tlv = true;
                    f.ty = Type::Option(Box::new(std::mem::replace(&mut f.ty, Type::Error)));
                }
                check_wire_number(m, diags);
                check_tlv_numbers(m, diags);
                syms.messages[msg_ix].st.fields = fields;
                msg_ix += 1;
            }
            Item::Command(c) => {
                let what = Subject { kind: "command", name: &c.name.name };
                syms.commands[cmd_ix].fields = resolve_fields(syms, ux, &c.fields, what, diags);
                cmd_ix += 1;
            }
            Item::Event(e) => {
                let what = Subject { kind: "event", name: &e.name.name };
                syms.events[ev_ix].fields = resolve_fields(syms, ux, &e.fields, what, diags);
                ev_ix += 1;
            }
            Item::State(s) => {
                let what = Subject { kind: "state", name: &s.name.name };
                let mut fields = Vec::with_capacity(s.fields.len());
                let all = s.fields.iter().map(|f| (&f.name, &f.ty));
                resolve_fields_into(syms, ux, all, what, &mut fields, diags, resolve_state_field_type);
                syms.states[st_ix].st.fields = fields;
                st_ix += 1;
            }
            Item::Param(p) => {
                syms.params[par_ix].ty = resolve_type(syms, ux, &p.ty, diags);
                par_ix += 1;
            }
            Item::Const(c) => {
                syms.consts[con_ix].ty = resolve_type(syms, ux, &c.ty, diags);
                con_ix += 1;
            }
            Item::Function(f) => {
                let (params, ret) = resolve_sig(syms, ux, &f.sig, diags);
                syms.functions[fn_ix].params = params;
                syms.functions[fn_ix].ret = ret;
                fn_ix += 1;
            }
            Item::Template(t) => {
                let what = Subject { kind: "template", name: &t.name.name };
                syms.templates[tp_ix].params = resolve_fields(syms, ux, &t.params, what, diags);
                tp_ix += 1;
            }
            Item::Interface(i) => {
                let mut fns = Vec::new();
                for sig in &i.fns {
                    let (params, ret) = resolve_sig(syms, ux, sig, diags);
                    if fns.iter().any(|f: &FnInfo| f.name == sig.name.name) {
                        diags.push(
                            Diagnostic::error(
                                "E0110",
                                sig.name.span,
                                format!("the function `{}` is declared twice", sig.name.name),
                            )
                            .with_label("second declaration"),
                        );
                        continue;
                    }
                    fns.push(FnInfo { unit: ux, name: sig.name.name.to_string(), params, ret, span: sig.name.span });
                }
                syms.interfaces[if_ix].fns = fns;
                if_ix += 1;
            }
            Item::Slot(s) => {
                match syms.resolve(ux, Ns::Type, &s.interface) {
                    Ok(Sym::Interface(i)) => syms.slots[sl_ix].interface = Some(i),
                    Ok(_) => diags.push(
                        Diagnostic::error("E0130", s.interface.span, format!("`{}` is not an interface", s.interface))
                            .with_label("a slot's type must be an interface"),
                    ),
                    Err(mut d) => {
                        d.code = "E0130";
                        d.message = format!("undefined interface `{}`", s.interface);
                        diags.push(d)
                    }
                }
                sl_ix += 1;
            }
            _ => {}
        }
    }
}

fn resolve_sig(syms: &Symbols, ux: usize, sig: &FnSig, diags: &mut Vec<Diagnostic>) -> (Vec<FieldInfo>, Type) {
    let what = Subject { kind: "function", name: &sig.name.name };
    (resolve_fields(syms, ux, &sig.params, what, diags), resolve_type(syms, ux, &sig.ret, diags))
}

fn check_wire_number(m: &Message, diags: &mut Vec<Diagnostic>) {
    match m.wire_type.value {
        Some(v) if v <= u16::MAX as u128 => {}
        _ => diags.push(
            Diagnostic::error("E0115", m.wire_type.span, format!("message type `{}` does not fit in 16 bits", m.wire_type.text))
                .with_label("BOLT 1 message types are u16")
                .with_note("expected a number from 0 to 65535"),
        ),
    }
}

fn check_tlv_numbers(m: &Message, diags: &mut Vec<Diagnostic>) {
    let mut prev: Option<(u128, Span)> = None;
    for t in &m.tlvs {
        let Some(v) = t.tlv_type.value.filter(|v| *v <= u64::MAX as u128) else {
            diags.push(
                Diagnostic::error("E0113", t.tlv_type.span, format!("TLV type `{}` does not fit in 64 bits", t.tlv_type.text))
                    .with_label("TLV types are BigSize (u64)"),
            );
            continue;
        };
        if let Some((p, pspan)) = prev {
            if v == p {
                diags.push(
                    Diagnostic::error("E0113", t.tlv_type.span, format!("TLV type {v} is used twice in `{}`", m.name.name))
                        .with_label("duplicate TLV type")
                        .with_secondary(pspan, "first used here"),
                );
            } else if v < p {
                diags.push(
                    Diagnostic::error("E0113", t.tlv_type.span, format!("TLV records of `{}` are out of order", m.name.name))
                        .with_label(format!("type {v} comes after type {p}"))
                        .with_note("list TLV records in strictly increasing type order, as they are encoded"),
                );
            }
        }
        prev = Some((v, t.tlv_type.span));
    }
}
