//! Expression typing: names, operators, calls, builtins, scripts.
//!
//! Amounts are their own types: `sat` and `msat` never mix with each other
//! or with plain integers without an explicit conversion (`msat(x)`,
//! `sat(x)`, `u64(x)`), so a unit slip is a spec error, not a lost satoshi.
//! Integer literals take the width their context asks for and must fit it.
//! Overflow at run time is a reject, decided by the engine, never a wrap.

use super::symbols::*;
use super::types::*;
use crate::ast::*;
use crate::diag::Diagnostic;

mod builtins;
pub use builtins::BUILTINS;
use builtins::INT_CONVERSIONS;

/// Where an expression is typed: the unit, local bindings and readable state fields.
pub struct Env<'a> {
    pub syms: &'a Symbols,
    pub unit: usize,
    pub locals: Vec<(Name, Type, Span)>,
    /// The state fields readable here (borrowed from the symbol tables).
    pub fields: Vec<&'a FieldInfo>,
    pub diags: &'a mut Vec<Diagnostic>,
    pub notes: &'a mut Annotations,
}

/// What a diagnostic calls a declared thing, e.g. ``record `Htlc` ``; only
/// formatted when a diagnostic is reported.
#[derive(Clone, Copy)]
pub struct Subject<'s> {
    pub kind: &'static str,
    pub name: &'s str,
}

impl std::fmt::Display for Subject<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} `{}`", self.kind, self.name)
    }
}

/// What a name or a call in the spec turned out to denote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Res {
    Local,
    Field,
    Param(usize),
    Const(usize),
    /// An enum variant: (enum, variant index).
    Variant(usize, usize),
    /// The machine's own role.
    Role,
    /// The empty option `none`.
    NoneValue,
    Builtin(String),
    Function(usize),
    Template(usize),
    /// A function of the interface that fills a slot: (slot, function name).
    SlotFn(usize, String),
    /// A list or option method: `filter`, `map`, `len`, `get_or`…
    Method(String),
}

/// What the checker learned about each expression, keyed by its span:
/// codegen reads these instead of resolving names a second time.
#[derive(Debug, Default, Clone)]
pub struct Annotations {
    /// The type of every expression (integer literals get their context's width).
    pub types: crate::fxhash::FxHashMap<Span, Type>,
    /// What each `Name`, qualified `Member` and `Call` refers to.
    pub res: crate::fxhash::FxHashMap<Span, Res>,
}

/// List and option methods: `xs.len()`, `xs.filter(x => …)`, `o.get_or(d)`.
pub const METHODS: &[&str] = &["len", "sum", "filter", "map", "any", "all", "count", "find", "at", "contains", "is_some", "is_none", "get", "get_or"];


impl<'a> Env<'a> {
    pub fn show(&self, t: &Type) -> String {
        let names = |t: &Type| self.syms.type_name(t);
        Show { ty: t, names: &names }.to_string()
    }

    fn err(&mut self, d: Diagnostic) -> Type {
        self.diags.push(d);
        Type::Error
    }

    pub fn push_local(&mut self, name: &Ident, ty: Type) {
        self.locals.push((name.name.clone(), ty, name.span));
    }

    fn local(&self, name: &str) -> Option<Type> {
        self.locals.iter().rev().find(|(n, _, _)| n == name).map(|(_, t, _)| t.clone())
    }

    fn field(&self, name: &str) -> Option<Type> {
        self.fields.iter().find(|f| f.name == name).map(|f| f.ty.clone())
    }

    /// Whether a name denotes a module rather than a value here.
    fn is_module(&self, name: &str) -> bool {
        self.local(name).is_none()
            && self.field(name).is_none()
            && (self.syms.units[self.unit].name == name
                || self.syms.units[self.unit].imports.iter().any(|&i| self.syms.units[i].name == name))
    }

    /// Types `e` where a value of type `want` is required, and reports a mismatch.
    pub fn expect(&mut self, e: &Expr, want: &Type) -> Type {
        let got = self.infer(e, Some(want));
        if !self.assignable(&got, want, e) {
            let d = self.mismatch(e.span, want, &got);
            self.diags.push(d);
        } else if matches!(got, Type::IntLit(_)) {
            // A literal takes the width its context asks for.
            self.notes.types.insert(e.span, want.clone());
        }
        got
    }

    fn note(&mut self, span: Span, res: Res) {
        self.notes.res.insert(span, res);
    }

    /// The diagnostic for `got` where `want` was required.
    pub fn mismatch(&self, span: Span, want: &Type, got: &Type) -> Diagnostic {
        let amount_int = (want.is_amount() && got.is_int()) || (want.is_int() && got.is_amount());
        let (w, g) = (self.show(want), self.show(got));
        if amount_int {
            let fix = match want {
                Type::Sat => "`sat(x)`, or write the literal as `N sat`",
                Type::Msat => "`msat(x)`, or write the literal as `N msat`",
                _ => "`u64(x)`",
            };
            Diagnostic::error("E0201", span, format!("expected {w}, found {g}"))
                .with_label(format!("this is {g}"))
                .with_note(format!("amounts and plain integers do not mix; convert with {fix}"))
        } else if want.is_amount() && got.is_amount() {
            let fix = if *want == Type::Msat { "msat(x)" } else { "sat(x)" };
            Diagnostic::error("E0202", span, format!("expected {w}, found {g}"))
                .with_label(format!("this is {g}"))
                .with_note(format!("sat and msat do not mix; convert with `{fix}`"))
        } else if let (Type::IntLit(Some(v)), Type::Int(t)) = (got, want) {
            Diagnostic::error("E0203", span, format!("the literal {v} does not fit in {w}"))
                .with_label(format!("out of range for {w}"))
                .with_note(format!("{w} holds 0 to {}", max_of(*t)))
        } else {
            Diagnostic::error("E0200", span, format!("mismatched types: expected {w}, found {g}"))
                .with_label(format!("expected {w}"))
        }
    }

    pub fn assignable(&self, got: &Type, want: &Type, e: &Expr) -> bool {
        if got == want || got.is_error() || want.is_error() {
            return true;
        }
        match (got, want) {
            (Type::IntLit(v), Type::Int(t)) => v.is_none_or(|v| t.fits(v)),
            (Type::Int(a), Type::Int(b)) => a.signed == b.signed && a.bits <= b.bits,
            (Type::FixedBytes(n), Type::FixedBytes(m)) => n == m,
            (g, Type::Bytes) => g.is_bytes_like(),
            (Type::FixedBytes(32), Type::Hash256 | Type::ChainHash | Type::ChannelId | Type::Secret | Type::Txid) => {
                matches!(e.kind, ExprKind::Bytes(_))
            }
            (Type::List(a), Type::List(b)) => self.assignable(a, b, e),
            (Type::Option(a), Type::Option(b)) => self.assignable(a, b, e),
            (g, Type::Option(b)) => self.assignable(g, b, e),
            _ => false,
        }
    }

    /// The common type of two operands, or `None`.
    fn unify(&self, a: &Type, b: &Type) -> Option<Type> {
        if a.is_error() {
            return Some(b.clone());
        }
        if b.is_error() || a == b {
            return Some(a.clone());
        }
        match (a, b) {
            (Type::IntLit(_), Type::IntLit(_)) => Some(Type::IntLit(None)),
            (Type::IntLit(v), Type::Int(t)) | (Type::Int(t), Type::IntLit(v)) => {
                v.is_none_or(|v| t.fits(v)).then_some(Type::Int(*t))
            }
            (Type::Int(x), Type::Int(y)) if x.signed == y.signed => Some(Type::Int(if x.bits >= y.bits { *x } else { *y })),
            (Type::List(x), Type::List(y)) => self.unify(x, y).map(|t| Type::List(Box::new(t))),
            (Type::Option(x), Type::Option(y)) => self.unify(x, y).map(|t| Type::Option(Box::new(t))),
            (x, y) if x.is_bytes_like() && y.is_bytes_like() && (*x == Type::Bytes || *y == Type::Bytes) => Some(Type::Bytes),
            _ => None,
        }
    }

    pub fn infer(&mut self, e: &Expr, want: Option<&Type>) -> Type {
        let t = self.infer_kind(e, want);
        self.notes.types.insert(e.span, t.clone());
        t
    }

    fn infer_kind(&mut self, e: &Expr, want: Option<&Type>) -> Type {
        match &e.kind {
            ExprKind::Int(n) => match n.value {
                Some(v) => Type::IntLit(Some(v)),
                None => self.err(
                    Diagnostic::error("E0203", n.span, format!("the literal {} is too large", n.text))
                        .with_label("does not fit in any integer type"),
                ),
            },
            ExprKind::Amount(n, unit) => {
                if n.value.is_none_or(|v| v > u64::MAX as u128) {
                    return self.err(
                        Diagnostic::error("E0203", n.span, format!("the amount {} does not fit in 64 bits", n.text))
                            .with_label("too large"),
                    );
                }
                if *unit == AmountUnit::Sat { Type::Sat } else { Type::Msat }
            }
            ExprKind::Bool(_) => Type::Bool,
            ExprKind::Bytes(b) => Type::FixedBytes(b.bytes.len() as u32),
            ExprKind::Str(_) => Type::Utf8,
            ExprKind::Paren(inner) => self.infer(inner, want),
            ExprKind::Name(id) => match self.name(id) {
                Type::Archive(..) => self.err(
                    Diagnostic::error("E0225", id.span, format!("the archive `{}` is not a value", id.name))
                        .with_label("read an archive with `.get(key)`")
                        .with_note("an archive's entries live in the store: a step reads one entry at a time"),
                ),
                t => t,
            },
            ExprKind::Member(recv, name) => self.member(recv, name),
            ExprKind::Call(callee, args) => self.call(e, callee, args, want),
            ExprKind::Unary(op, inner) => self.unary(*op, inner, e.span),
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r, e.span, want),
            ExprKind::If(c, t, f) => {
                self.expect(c, &Type::Bool);
                let tt = self.infer(t, want);
                let ft = self.infer(f, want);
                match self.unify(&tt, &ft) {
                    Some(t) => t,
                    None => {
                        let d = Diagnostic::error(
                            "E0200",
                            f.span,
                            format!("the branches of `if` differ: {} and {}", self.show(&tt), self.show(&ft)),
                        )
                        .with_label(format!("this is {}", self.show(&ft)))
                        .with_secondary(t.span, format!("this is {}", self.show(&tt)));
                        self.err(d)
                    }
                }
            }
            ExprKind::List(items) => self.list(items, want),
            ExprKind::Record(name, inits) => self.record(name, inits),
            ExprKind::RawScript(elems) => {
                for el in elems {
                    match el {
                        ScriptElem::Opcode(op) => {
                            if !is_opcode(&op.name) {
                                let mut d = Diagnostic::error("E0218", op.span, format!("unknown opcode `{}`", op.name))
                                    .with_label("not a Bitcoin script opcode");
                                let known: Vec<String> = OPCODES.iter().map(|(s, _)| s.to_string()).collect();
                                if let Some(s) = closest(&op.name, &known) {
                                    d = d.with_note(format!("help: did you mean `{s}`?"));
                                }
                                self.diags.push(d);
                            }
                        }
                        ScriptElem::Push(x) => self.pushable(x),
                        ScriptElem::Bytes(_) => {}
                        ScriptElem::Int(n) => {
                            if n.value.is_none_or(|v| v > i64::MAX as u128) {
                                self.diags.push(
                                    Diagnostic::error("E0203", n.span, format!("script number {} is too large", n.text))
                                        .with_label("script numbers are at most 2^63-1 here"),
                                );
                            }
                        }
                    }
                }
                Type::Script
            }
            ExprKind::Miniscript(node) => {
                let mut stand_ins = Vec::new();
                if let Some(text) = self.ms_node(node, MINISCRIPT_FRAGMENTS, "miniscript fragment", &mut stand_ins) {
                    if let Err(why) = super::miniscript::validate_miniscript(&text) {
                        self.diags.push(super::miniscript::invalid(e.span, "miniscript", &why, &text, &stand_ins));
                    }
                }
                Type::Script
            }
            ExprKind::Policy(node) => {
                let mut stand_ins = Vec::new();
                if let Some(text) = self.ms_node(node, POLICY_FRAGMENTS, "policy fragment", &mut stand_ins) {
                    if let Err(why) = super::miniscript::validate_policy(&text) {
                        self.diags.push(super::miniscript::invalid(e.span, "policy", &why, &text, &stand_ins));
                    }
                }
                Type::Script
            }
        }
    }

    fn pushable(&mut self, x: &Expr) {
        let t = self.infer(x, None);
        let ok = t.is_error() || t.is_int() || t.is_bytes_like() || t == Type::Bool;
        if !ok {
            let d = Diagnostic::error("E0220", x.span, format!("a {} cannot be pushed onto a script", self.show(&t)))
                .with_label("not pushable")
                .with_note("expected an integer, bytes, a key, a hash or a signature");
            self.diags.push(d);
        }
    }

    /// Checks a miniscript/policy tree; returns its text with placeholders
    /// replaced by stand-ins of their type, or `None` when something is wrong.
    fn ms_node(&mut self, node: &MsNode, known: &[&str], what: &str, stand_ins: &mut Vec<(String, String)>) -> Option<String> {
        let weight = |w: &Option<IntLit>| w.as_ref().map(|w| format!("{}@", w.text)).unwrap_or_default();
        match node {
            MsNode::Call { name, args, weight: w, .. } => {
                let base = name.name.rsplit(':').next().unwrap_or(&name.name);
                let mut ok = true;
                if !known.contains(&base) {
                    let list: Vec<String> = known.iter().map(|s| s.to_string()).collect();
                    let mut d = Diagnostic::error("E0219", name.span, format!("unknown {what} `{base}`"))
                        .with_label(format!("not a {what}"));
                    if let Some(s) = closest(base, &list) {
                        d = d.with_note(format!("help: did you mean `{s}`?"));
                    }
                    self.diags.push(d);
                    ok = false;
                }
                let mut parts = Vec::new();
                for a in args {
                    match self.ms_node(a, known, what, stand_ins) {
                        Some(t) => parts.push(t),
                        None => ok = false,
                    }
                }
                let call = if args.is_empty() { name.name.to_string() } else { format!("{}({})", name.name, parts.join(",")) };
                ok.then(|| format!("{}{call}", weight(w)))
            }
            MsNode::Placeholder { value, weight: w, .. } => {
                let t = self.infer(value, None);
                let stand_in = match &t {
                    Type::Point => {
                        let key = super::miniscript::stand_in_key(stand_ins.len() as u8 + 1);
                        stand_ins.push((key.clone(), format!("<{}>", expr_text(value))));
                        key
                    }
                    t if t.is_int() => "1".to_string(),
                    Type::Hash256 | Type::FixedBytes(32) => "00".repeat(32),
                    Type::FixedBytes(20) => "00".repeat(20),
                    Type::Error => return None,
                    other => {
                        let d = Diagnostic::error("E0220", value.span, format!("a {} cannot stand in a {what}", self.show(other)))
                            .with_label("not usable here")
                            .with_note("expected a Point (key), an integer (timelock, threshold) or a hash (Hash256, bytes[20])");
                        self.diags.push(d);
                        return None;
                    }
                };
                Some(format!("{}{stand_in}", weight(w)))
            }
            MsNode::Int { value, weight: w } => Some(format!("{}{}", weight(w), value.text)),
        }
    }

    fn name(&mut self, id: &Ident) -> Type {
        if let Some(t) = self.local(&id.name) {
            self.note(id.span, Res::Local);
            return t;
        }
        if let Some(t) = self.field(&id.name) {
            self.note(id.span, Res::Field);
            return t;
        }
        if id.name == "role" {
            if let Some(e) = self.roles_enum() {
                self.note(id.span, Res::Role);
                return Type::Enum(e);
            }
        }
        if id.name == "none" {
            self.note(id.span, Res::NoneValue);
            return Type::Option(Box::new(Type::Error));
        }
        match self.syms.find(self.unit, Ns::Value, &id.name) {
            Ok(Some(entry)) => return self.value_sym(entry.sym, id, id.span),
            Ok(None) => {}
            Err(_) => {
                let path = Path { segments: vec![id.clone()], span: id.span };
                if let Err(d) = self.syms.resolve(self.unit, Ns::Value, &path) {
                    return self.err(d);
                }
            }
        }
        if let Some(t) = self.variant(id) {
            return t;
        }
        let mut known: Vec<String> = self.locals.iter().map(|(n, _, _)| n.to_string()).collect();
        known.extend(self.fields.iter().map(|f| f.name.clone()));
        known.extend(self.syms.names_in(self.unit, Ns::Value));
        for &i in &self.syms.units[self.unit].imports {
            known.extend(self.syms.names_in(i, Ns::Value));
        }
        let mut d = Diagnostic::error("E0127", id.span, format!("undefined name `{}`", id.name))
            .with_label("not a local, a state field, a parameter or a constant");
        if let Some(s) = closest(&id.name, &known) {
            d = d.with_note(format!("help: a name with a similar spelling exists: `{s}`"));
        }
        self.err(d)
    }

    fn roles_enum(&self) -> Option<usize> {
        let u = &self.syms.units[self.unit];
        u.roles_enum.or_else(|| u.imports.iter().find_map(|&i| self.syms.units[i].roles_enum))
    }

    /// A bare enum variant, when exactly one enum in scope has it.
    fn variant(&mut self, id: &Ident) -> Option<Type> {
        let mut hits: Vec<usize> = Vec::new();
        let units = std::iter::once(self.unit).chain(self.syms.units[self.unit].imports.iter().copied());
        for u in units {
            if let Some(v) = self.syms.units[u].variants.get(id.name.as_str()) {
                hits.extend(v.iter().map(|(e, _)| *e));
            }
        }
        hits.dedup();
        match hits.as_slice() {
            [] => None,
            [e] => {
                let v = self.syms.enums[*e].variants.iter().position(|v| *v == id.name).unwrap_or(0);
                self.note(id.span, Res::Variant(*e, v));
                Some(Type::Enum(*e))
            }
            _ => {
                let names: Vec<String> =
                    hits.iter().map(|e| format!("`{}.{}`", self.syms.enums[*e].name, id.name)).collect();
                Some(self.err(
                    Diagnostic::error("E0132", id.span, format!("the variant `{}` is ambiguous", id.name))
                        .with_label("several enums have it")
                        .with_note(format!("write one of {}", names.join(", "))),
                ))
            }
        }
    }

    fn value_sym(&mut self, sym: Sym, id: &Ident, at: Span) -> Type {
        match sym {
            Sym::Param(i) => {
                self.note(at, Res::Param(i));
                self.syms.params[i].ty.clone()
            }
            Sym::Const(i) => {
                self.note(at, Res::Const(i));
                self.syms.consts[i].ty.clone()
            }
            Sym::Function(_) | Sym::Template(_) => self.err(
                Diagnostic::error("E0206", id.span, format!("`{}` is a function; call it with `(…)`", id.name))
                    .with_label("not a value"),
            ),
            _ => self.err(
                Diagnostic::error("E0206", id.span, format!("`{}` is a slot, not a value", id.name))
                    .with_label("call one of its functions: `slot.function(…)`"),
            ),
        }
    }

    fn member(&mut self, recv: &Expr, name: &Ident) -> Type {
        let at = recv.span.to(name.span);
        if let ExprKind::Name(m) = &recv.kind {
            if self.is_module(&m.name) {
                let path = Path { segments: vec![m.clone(), name.clone()], span: m.span.to(name.span) };
                return match self.syms.resolve(self.unit, Ns::Value, &path) {
                    Ok(sym) => self.value_sym(sym, name, at),
                    Err(d) => self.err(d),
                };
            }
            if self.local(&m.name).is_none() && self.field(&m.name).is_none() {
                let path = Path { segments: vec![m.clone()], span: m.span };
                if let Ok(Sym::Enum(e)) = self.syms.resolve(self.unit, Ns::Type, &path) {
                    let info = &self.syms.enums[e];
                    if let Some(v) = info.variants.iter().position(|v| *v == name.name) {
                        self.note(at, Res::Variant(e, v));
                        return Type::Enum(e);
                    }
                    let d = Diagnostic::error("E0129", name.span, format!("`{}` has no variant `{}`", info.name, name.name))
                        .with_label("no such variant")
                        .with_note(format!("expected one of: {}", info.variants.join(", ")));
                    return self.err(d);
                }
            }
        }
        let t = self.infer(recv, None);
        self.field_of(&t, name)
    }

    fn field_of(&mut self, t: &Type, name: &Ident) -> Type {
        let builtin = match (t, name.name.as_str()) {
            (Type::Error, _) => Some(Type::Error),
            (Type::OutPoint, "txid") => Some(Type::Txid),
            (Type::OutPoint, "vout") => Some(Type::Int(IntTy::U32)),
            (Type::Struct(StructRef::Confirmed), "txid") => Some(Type::Txid),
            (Type::Struct(StructRef::Confirmed | StructRef::Spent), "height") => Some(Type::Int(IntTy::U32)),
            (Type::Struct(StructRef::Spent), "tx") => Some(Type::Tx),
            (Type::Struct(StructRef::Spent), "outpoint") => Some(Type::OutPoint),
            _ => None,
        };
        if let Some(b) = builtin {
            return b;
        }
        let (fields, what): (Vec<String>, String) = match t {
            Type::Struct(s) => match self.syms.struct_info(*s) {
                Some(info) => {
                    if let Some(f) = info.field(&name.name) {
                        return f.ty.clone();
                    }
                    (info.fields.iter().map(|f| f.name.clone()).collect(), self.show(t))
                }
                None => (builtin_fields(t), self.show(t)),
            },
            _ => (builtin_fields(t), self.show(t)),
        };
        let mut d = Diagnostic::error("E0129", name.span, format!("{what} has no field `{}`", name.name))
            .with_label("unknown field");
        if let Some(s) = closest(&name.name, &fields) {
            d = d.with_note(format!("help: did you mean `{s}`?"));
        } else if !fields.is_empty() {
            d = d.with_note(format!("its fields: {}", fields.join(", ")));
        }
        self.err(d)
    }

    fn unary(&mut self, op: UnOp, inner: &Expr, span: Span) -> Type {
        let t = self.infer(inner, None);
        match (op, &t) {
            (_, Type::Error) => Type::Error,
            (UnOp::Not, Type::Bool) => Type::Bool,
            (UnOp::Neg, Type::IntLit(_)) => Type::Int(IntTy { bits: 64, signed: true }),
            (UnOp::Neg, Type::Int(i)) if i.signed => t.clone(),
            _ => {
                let sym = if op == UnOp::Not { "!" } else { "-" };
                let d = Diagnostic::error("E0206", span, format!("`{sym}` cannot be applied to {}", self.show(&t)))
                    .with_label(format!("this is {}", self.show(&t)))
                    .with_note(if op == UnOp::Not { "expected bool" } else { "expected a signed integer" });
                self.err(d)
            }
        }
    }

    fn binary(&mut self, op: BinOp, l: &Expr, r: &Expr, span: Span, want: Option<&Type>) -> Type {
        use BinOp::*;
        if matches!(op, And | Or) {
            self.expect(l, &Type::Bool);
            self.expect(r, &Type::Bool);
            return Type::Bool;
        }
        let hint = want.filter(|w| w.is_int() || w.is_amount());
        let lt = self.infer(l, hint);
        let rt = self.infer(r, if lt.is_error() { hint } else { Some(&lt) });
        if lt.is_error() || rt.is_error() {
            return if matches!(op, Eq | Ne | Lt | Le | Gt | Ge) { Type::Bool } else { Type::Error };
        }
        match op {
            Eq | Ne => {
                if self.unify(&lt, &rt).is_none() {
                    return self.operand_error(op, &lt, &rt, l, r, span);
                }
                Type::Bool
            }
            Lt | Le | Gt | Ge => {
                // Byte strings compare lexicographically (BOLT 3 sorts keys so).
                let ordered = |t: &Type| t.is_int() || t.is_amount() || *t == Type::Bytes;
                if !ordered(&lt) || !ordered(&rt) || self.unify(&lt, &rt).is_none() {
                    return self.operand_error(op, &lt, &rt, l, r, span);
                }
                Type::Bool
            }
            Add | Sub => {
                if let Some(t) = self.unify(&lt, &rt).filter(|t| t.is_int() || t.is_amount()) {
                    return fold(op, &lt, &rt).unwrap_or(t);
                }
                if op == Add && lt.is_bytes_like() && rt.is_bytes_like() {
                    return Type::Bytes;
                }
                // Lists of one element type concatenate.
                if let (Add, Type::List(_), Some(t @ Type::List(_))) = (op, &lt, self.unify(&lt, &rt)) {
                    return t;
                }
                self.operand_error(op, &lt, &rt, l, r, span)
            }
            Mul => match (&lt, &rt) {
                (a, b) if a.is_amount() && b.is_int() => lt.clone(),
                (a, b) if a.is_int() && b.is_amount() => rt.clone(),
                (a, b) if a.is_int() && b.is_int() => match self.unify(a, b) {
                    Some(t) => fold(op, a, b).unwrap_or(t),
                    None => self.operand_error(op, &lt, &rt, l, r, span),
                },
                _ => self.operand_error(op, &lt, &rt, l, r, span),
            },
            Div | Rem => match (&lt, &rt) {
                (a, b) if a.is_amount() && b.is_int() => lt.clone(),
                (a, b) if a.is_amount() && a == b && op == Div => Type::Int(IntTy::U64),
                (a, b) if a.is_int() && b.is_int() => match self.unify(a, b) {
                    Some(t) => fold(op, a, b).unwrap_or(t),
                    None => self.operand_error(op, &lt, &rt, l, r, span),
                },
                _ => self.operand_error(op, &lt, &rt, l, r, span),
            },
            BitOr | BitXor | BitAnd => match self.unify(&lt, &rt).filter(Type::is_int) {
                Some(t) => fold(op, &lt, &rt).unwrap_or(t),
                None => self.operand_error(op, &lt, &rt, l, r, span),
            },
            Shl | Shr => {
                if !lt.is_int() || !rt.is_int() {
                    return self.operand_error(op, &lt, &rt, l, r, span);
                }
                fold(op, &lt, &rt).unwrap_or(match (&lt, hint) {
                    (Type::IntLit(_), Some(h)) if h.is_int() => h.clone(),
                    (Type::IntLit(_), _) => Type::IntLit(None),
                    _ => lt.clone(),
                })
            }
            And | Or => Type::Bool,
        }
    }

    fn operand_error(&mut self, op: BinOp, lt: &Type, rt: &Type, l: &Expr, r: &Expr, span: Span) -> Type {
        let (ls, rs) = (self.show(lt), self.show(rt));
        let d = if (lt.is_amount() && rt.is_int()) || (lt.is_int() && rt.is_amount()) {
            let (amount_side, int_side) = if lt.is_amount() { (l, r) } else { (r, l) };
            Diagnostic::error("E0201", int_side.span, format!("`{}` mixes an amount with a plain integer", op.symbol()))
                .with_label("a plain integer")
                .with_secondary(amount_side.span, "an amount")
                .with_note("convert explicitly: `msat(x)`, `sat(x)`, or write the literal as `N sat` / `N msat`")
        } else if lt.is_amount() && rt.is_amount() && lt != rt {
            Diagnostic::error("E0202", span, format!("`{}` mixes {ls} and {rs}", op.symbol()))
                .with_label(format!("{ls} {} {rs}", op.symbol()))
                .with_note("convert one side: `msat(x)` or `sat(x)`")
        } else if lt.is_int() && rt.is_int() {
            Diagnostic::error("E0211", span, format!("`{}` mixes signed and unsigned integers ({ls}, {rs})", op.symbol()))
                .with_label("convert one side explicitly")
        } else {
            Diagnostic::error("E0206", span, format!("`{}` cannot be applied to {ls} and {rs}", op.symbol()))
                .with_label(format!("{ls} {} {rs}", op.symbol()))
        };
        self.err(d)
    }

    fn list(&mut self, items: &[Arg], want: Option<&Type>) -> Type {
        let want_elem = match want {
            Some(Type::List(t)) => Some((**t).clone()),
            _ => None,
        };
        let mut elem: Option<Type> = None;
        for a in items {
            let Arg::Expr(x) = a else {
                self.diags.push(
                    Diagnostic::error("E0212", a.span(), "a function cannot be a list element")
                        .with_label("expected a value"),
                );
                continue;
            };
            let t = match &want_elem {
                Some(w) => self.expect(x, w),
                None => self.infer(x, elem.as_ref()),
            };
            elem = match elem {
                None => Some(t),
                Some(prev) => match self.unify(&prev, &t) {
                    Some(u) => Some(u),
                    None => {
                        let d = Diagnostic::error(
                            "E0215",
                            x.span,
                            format!("list elements differ: {} and {}", self.show(&prev), self.show(&t)),
                        )
                        .with_label(format!("this is {}", self.show(&t)));
                        self.diags.push(d);
                        Some(prev)
                    }
                },
            };
        }
        let elem = want_elem.or(elem).unwrap_or(Type::Error);
        Type::List(Box::new(match elem {
            Type::IntLit(_) => Type::Int(IntTy::U64),
            t => t,
        }))
    }

    fn record(&mut self, name: &Ident, inits: &[FieldInit]) -> Type {
        let path = Path { segments: vec![name.clone()], span: name.span };
        match self.syms.resolve(self.unit, Ns::Type, &path) {
            Ok(Sym::Record(i)) => {
                let syms = self.syms;
                let what = Subject { kind: "record", name: &name.name };
                self.field_inits(&syms.records[i].fields, inits, name.span, what, false);
                Type::Struct(StructRef::Record(i))
            }
            Ok(_) => self.err(
                Diagnostic::error("E0120", name.span, format!("`{}` is not a record", name.name))
                    .with_label("only records can be built with `{ … }`"),
            ),
            Err(d) => self.err(d),
        }
    }

    /// Checks `{ a: x, b }` against declared fields: each once, all given
    /// (TLV fields may be left out when `tlv_optional`), types matching.
    pub fn field_inits(&mut self, fields: &[FieldInfo], inits: &[FieldInit], at: Span, what: Subject, tlv_optional: bool) {
        let mut seen: Vec<(&str, Span)> = Vec::new();
        for init in inits {
            if let Some((_, prev)) = seen.iter().find(|(n, _)| *n == init.name.name) {
                let d = Diagnostic::error("E0217", init.name.span, format!("the field `{}` is given twice", init.name.name))
                    .with_label("second time")
                    .with_secondary(*prev, "first here");
                self.diags.push(d);
                continue;
            }
            seen.push((&init.name.name, init.name.span));
            let Some(f) = fields.iter().find(|f| f.name == init.name.name) else {
                let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
                let mut d = Diagnostic::error("E0208", init.name.span, format!("{what} has no field `{}`", init.name.name))
                    .with_label("unknown field");
                if let Some(s) = closest(&init.name.name, &names) {
                    d = d.with_note(format!("help: did you mean `{s}`?"));
                } else {
                    d = d.with_note(format!("its fields: {}", names.join(", ")));
                }
                self.diags.push(d);
                if let Some(v) = &init.value {
                    self.infer(v, None);
                }
                continue;
            };
            match &init.value {
                Some(v) => {
                    self.expect(v, &f.ty);
                }
                None => {
                    let t = self.name(&init.name);
                    let probe = Expr { kind: ExprKind::Name(init.name.clone()), span: init.name.span };
                    if !self.assignable(&t, &f.ty, &probe) {
                        let d = self.mismatch(init.name.span, &f.ty, &t);
                        self.diags.push(d);
                    }
                }
            }
        }
        let missing: Vec<&str> = fields
            .iter()
            .filter(|f| !(seen.iter().any(|(n, _)| *n == f.name) || (tlv_optional && f.tlv)))
            .map(|f| f.name.as_str())
            .collect();
        if !missing.is_empty() {
            let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
            self.diags.push(
                Diagnostic::error("E0207", at, format!("{what} is missing {list}"))
                    .with_label(format!("missing {}", plural(missing.len(), "field")))
                    .with_note("every field must be given a value"),
            );
        }
    }

    fn call(&mut self, whole: &Expr, callee: &Expr, args: &[Arg], want: Option<&Type>) -> Type {
        match &callee.kind {
            ExprKind::Name(id) => {
                // Calls look for functions first: a value can never be called,
                // so a field named like a builtin (`txid`) does not hide it.
                let found = self.syms.find(self.unit, Ns::Value, &id.name);
                let is_function = found.as_ref().is_ok_and(|e| e.is_some())
                    || BUILTINS.iter().any(|(n, _)| *n == id.name)
                    || INT_CONVERSIONS.iter().any(|(n, _)| *n == id.name);
                if !is_function && (self.local(&id.name).is_some() || self.field(&id.name).is_some()) {
                    return self.err(
                        Diagnostic::error("E0128", id.span, format!("`{}` is a value, not a function", id.name))
                            .with_label("cannot be called"),
                    );
                }
                match found {
                    Ok(Some(entry)) => self.call_sym(entry.sym, id, args, whole.span),
                    Err(_) => {
                        let path = Path { segments: vec![id.clone()], span: id.span };
                        match self.syms.resolve(self.unit, Ns::Value, &path) {
                            Ok(sym) => self.call_sym(sym, id, args, whole.span),
                            Err(d) => self.err(d),
                        }
                    }
                    Ok(None) => self.builtin(id, args, whole.span, want),
                }
            }
            ExprKind::Member(recv, name) => {
                if let ExprKind::Name(m) = &recv.kind {
                    if self.is_module(&m.name) {
                        let path = Path { segments: vec![m.clone(), name.clone()], span: m.span.to(name.span) };
                        return match self.syms.resolve(self.unit, Ns::Value, &path) {
                            Ok(sym) => self.call_sym(sym, name, args, whole.span),
                            Err(d) => self.err(d),
                        };
                    }
                    if self.local(&m.name).is_none() && self.field(&m.name).is_none() {
                        if let Ok(Some(Entry { sym: Sym::Slot(s), .. })) = self.syms.find(self.unit, Ns::Value, &m.name) {
                            return self.slot_call(s, name, args, whole.span);
                        }
                    }
                }
                if let ExprKind::Name(m) = &recv.kind {
                    if let (None, Some(t @ Type::Archive(..))) = (self.local(&m.name), self.field(&m.name)) {
                        // The one use of an archive: `archive.get(key)`.
                        self.note(m.span, Res::Field);
                        self.notes.types.insert(recv.span, t.clone());
                        return self.method(&t, recv, name, args, whole.span);
                    }
                }
                let rt = self.infer(recv, None);
                self.method(&rt, recv, name, args, whole.span)
            }
            _ => {
                self.infer(callee, None);
                self.err(
                    Diagnostic::error("E0128", callee.span, "this expression cannot be called")
                        .with_label("not a function"),
                )
            }
        }
    }

    fn call_sym(&mut self, sym: Sym, id: &Ident, args: &[Arg], span: Span) -> Type {
        let syms = self.syms;
        let info = match sym {
            Sym::Function(i) => {
                self.note(span, Res::Function(i));
                &syms.functions[i]
            }
            Sym::Template(i) => {
                self.note(span, Res::Template(i));
                &syms.templates[i]
            }
            _ => {
                for a in args {
                    self.arg_value(a);
                }
                return self.err(
                    Diagnostic::error("E0128", id.span, format!("`{}` is not a function", id.name))
                        .with_label("cannot be called"),
                );
            }
        };
        self.check_args(info, args, span);
        info.ret.clone()
    }

    fn slot_call(&mut self, slot: usize, name: &Ident, args: &[Arg], span: Span) -> Type {
        let Some(iface) = self.syms.slots[slot].interface else {
            for a in args {
                self.arg_value(a);
            }
            return Type::Error;
        };
        let syms = self.syms;
        let info = &syms.interfaces[iface];
        match info.fns.iter().find(|f| f.name == name.name) {
            Some(f) => {
                self.note(span, Res::SlotFn(slot, f.name.clone()));
                self.check_args(f, args, span);
                f.ret.clone()
            }
            None => {
                let names: Vec<String> = info.fns.iter().map(|f| f.name.clone()).collect();
                let d = Diagnostic::error(
                    "E0128",
                    name.span,
                    format!("the interface `{}` has no function `{}`", info.name, name.name),
                )
                .with_label("not in the interface")
                .with_note(format!("its functions: {}", names.join(", ")));
                self.err(d)
            }
        }
    }

    fn check_args(&mut self, f: &FnInfo, args: &[Arg], span: Span) {
        if args.len() != f.params.len() {
            self.diags.push(
                Diagnostic::error(
                    "E0205",
                    span,
                    format!("`{}` takes {} but {} given", f.name, plural(f.params.len(), "argument"), args.len()),
                )
                .with_label(format!("{} given", args.len()))
                .with_secondary(f.span, "declared here"),
            );
        }
        for (a, p) in args.iter().zip(&f.params) {
            match a {
                Arg::Expr(x) => {
                    self.expect(x, &p.ty);
                }
                Arg::Lambda(_) => self.diags.push(
                    Diagnostic::error("E0212", a.span(), "a function cannot be passed here").with_label("expected a value"),
                ),
            }
        }
    }

    /// Types an argument that must be a plain value.
    fn arg_value(&mut self, a: &Arg) -> Type {
        match a {
            Arg::Expr(x) => self.infer(x, None),
            Arg::Lambda(_) => self.err(
                Diagnostic::error("E0212", a.span(), "a function is not allowed here")
                    .with_note("functions `x => …` are arguments of filter, map, any, all and count only"),
            ),
        }
    }

    fn arity(&mut self, name: &Ident, args: &[Arg], n: usize, span: Span) -> bool {
        if args.len() == n {
            return true;
        }
        for a in args {
            self.arg_value(a);
        }
        self.diags.push(
            Diagnostic::error("E0205", span, format!("`{}` takes {} but {} given", name.name, plural(n, "argument"), args.len()))
                .with_label(format!("{} given", args.len())),
        );
        false
    }

    fn expect_arg(&mut self, a: &Arg, want: &Type) -> Type {
        match a {
            Arg::Expr(x) => self.expect(x, want),
            Arg::Lambda(_) => self.arg_value(a),
        }
    }

    fn lambda(&mut self, a: &Arg, param_ty: &Type, want: Option<&Type>) -> Type {
        match a {
            Arg::Lambda(l) => {
                self.push_local(&l.param, param_ty.clone());
                let t = match want {
                    Some(w) => self.expect(&l.body, w),
                    None => self.infer(&l.body, None),
                };
                self.locals.pop();
                t
            }
            Arg::Expr(x) => {
                self.infer(x, None);
                self.err(
                    Diagnostic::error("E0212", x.span, "expected a function `x => …`")
                        .with_label("a value, not a function"),
                )
            }
        }
    }

    fn method(&mut self, rt: &Type, recv: &Expr, name: &Ident, args: &[Arg], span: Span) -> Type {
        self.note(span, Res::Method(name.name.to_string()));
        if rt.is_error() {
            for a in args {
                if let Arg::Expr(x) = a {
                    self.infer(x, None);
                }
            }
            return Type::Error;
        }
        let elem = match rt {
            Type::List(e) => Some((**e).clone()),
            _ => None,
        };
        match (name.name.as_str(), &elem, rt) {
            ("len", _, t) if elem.is_some() || t.is_bytes_like() => {
                self.arity(name, args, 0, span);
                Type::Int(IntTy::U64)
            }
            ("sum", Some(_), _) => {
                self.arity(name, args, 0, span);
                self.sum_of(rt, &Arg::Expr(recv.clone()))
            }
            ("filter" | "any" | "all" | "count", Some(e), _) => {
                if self.arity(name, args, 1, span) {
                    self.lambda(&args[0], e, Some(&Type::Bool));
                }
                match name.name.as_str() {
                    "filter" => rt.clone(),
                    "count" => Type::Int(IntTy::U64),
                    _ => Type::Bool,
                }
            }
            ("map", Some(e), _) => {
                if !self.arity(name, args, 1, span) {
                    return Type::Error;
                }
                let out = self.lambda(&args[0], e, None);
                Type::List(Box::new(match out {
                    Type::IntLit(_) => Type::Int(IntTy::U64),
                    t => t,
                }))
            }
            ("contains", Some(e), _) => {
                if self.arity(name, args, 1, span) {
                    self.expect_arg(&args[0], e);
                }
                Type::Bool
            }
            ("find", Some(e), _) => {
                if self.arity(name, args, 1, span) {
                    self.lambda(&args[0], e, Some(&Type::Bool));
                }
                Type::Option(Box::new(e.clone()))
            }
            ("at", Some(e), _) => {
                if self.arity(name, args, 1, span) {
                    self.expect_arg(&args[0], &Type::Int(IntTy::U64));
                }
                Type::Option(Box::new(e.clone()))
            }
            ("is_some" | "is_none", _, Type::Option(_)) => {
                self.arity(name, args, 0, span);
                Type::Bool
            }
            ("get", _, Type::Archive(k, v)) => {
                if self.arity(name, args, 1, span) {
                    self.expect_arg(&args[0], k);
                }
                Type::Option(v.clone())
            }
            ("get", _, Type::Option(inner)) => {
                self.arity(name, args, 0, span);
                (**inner).clone()
            }
            ("get_or", _, Type::Option(inner)) => {
                if self.arity(name, args, 1, span) {
                    self.expect_arg(&args[0], inner);
                }
                (**inner).clone()
            }
            _ => {
                for a in args {
                    if let Arg::Expr(x) = a {
                        self.infer(x, None);
                    }
                }
                let d = Diagnostic::error("E0128", name.span, format!("{} has no method `{}`", self.show(rt), name.name))
                    .with_label("unknown method")
                    .with_note(format!("methods of lists and options: {}", METHODS.join(", ")));
                self.err(d)
            }
        }
    }
}

/// A short text for a placeholder expression, for messages.
fn expr_text(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Name(id) => id.name.to_string(),
        ExprKind::Member(r, f) => format!("{}.{}", expr_text(r), f.name),
        ExprKind::Call(c, _) => format!("{}(…)", expr_text(c)),
        _ => "…".into(),
    }
}

/// Constant-folds integer literal operations so ranges can be checked.
fn fold(op: BinOp, a: &Type, b: &Type) -> Option<Type> {
    let (Type::IntLit(Some(x)), Type::IntLit(Some(y))) = (a, b) else { return None };
    let (x, y) = (*x, *y);
    let v = match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::Div => x.checked_div(y),
        BinOp::Rem => x.checked_rem(y),
        BinOp::BitOr => Some(x | y),
        BinOp::BitAnd => Some(x & y),
        BinOp::BitXor => Some(x ^ y),
        BinOp::Shl => u32::try_from(y).ok().filter(|s| *s < 128).and_then(|s| x.checked_mul(1u128 << s)),
        BinOp::Shr => u32::try_from(y).ok().filter(|s| *s < 128).map(|s| x >> s),
        _ => None,
    };
    Some(Type::IntLit(v))
}

fn max_of(t: IntTy) -> u128 {
    let bits = if t.signed { t.bits - 1 } else { t.bits };
    (1u128 << bits) - 1
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

fn builtin_fields(t: &Type) -> Vec<String> {
    match t {
        Type::OutPoint => vec!["txid".into(), "vout".into()],
        Type::Struct(StructRef::Confirmed) => vec!["txid".into(), "height".into()],
        Type::Struct(StructRef::Spent) => vec!["tx".into(), "height".into(), "outpoint".into()],
        _ => Vec::new(),
    }
}

pub fn is_opcode(name: &str) -> bool {
    opcode_byte(name).is_some()
}

/// Bitcoin script opcodes accepted in `raw { … }` (aliases included), with their byte.
pub const OPCODES: &[(&str, u8)] = &[
    ("OP_0", 0x00), ("OP_FALSE", 0x00), ("OP_PUSHDATA1", 0x4c), ("OP_PUSHDATA2", 0x4d), ("OP_PUSHDATA4", 0x4e),
    ("OP_1NEGATE", 0x4f), ("OP_1", 0x51), ("OP_TRUE", 0x51), ("OP_2", 0x52), ("OP_3", 0x53), ("OP_4", 0x54),
    ("OP_5", 0x55), ("OP_6", 0x56), ("OP_7", 0x57), ("OP_8", 0x58), ("OP_9", 0x59), ("OP_10", 0x5a),
    ("OP_11", 0x5b), ("OP_12", 0x5c), ("OP_13", 0x5d), ("OP_14", 0x5e), ("OP_15", 0x5f), ("OP_16", 0x60),
    ("OP_NOP", 0x61), ("OP_IF", 0x63), ("OP_NOTIF", 0x64), ("OP_ELSE", 0x67), ("OP_ENDIF", 0x68),
    ("OP_VERIFY", 0x69), ("OP_RETURN", 0x6a), ("OP_TOALTSTACK", 0x6b), ("OP_FROMALTSTACK", 0x6c),
    ("OP_2DROP", 0x6d), ("OP_2DUP", 0x6e), ("OP_3DUP", 0x6f), ("OP_2OVER", 0x70), ("OP_2ROT", 0x71),
    ("OP_2SWAP", 0x72), ("OP_IFDUP", 0x73), ("OP_DEPTH", 0x74), ("OP_DROP", 0x75), ("OP_DUP", 0x76),
    ("OP_NIP", 0x77), ("OP_OVER", 0x78), ("OP_PICK", 0x79), ("OP_ROLL", 0x7a), ("OP_ROT", 0x7b),
    ("OP_SWAP", 0x7c), ("OP_TUCK", 0x7d), ("OP_SIZE", 0x82), ("OP_EQUAL", 0x87), ("OP_EQUALVERIFY", 0x88),
    ("OP_1ADD", 0x8b), ("OP_1SUB", 0x8c), ("OP_NEGATE", 0x8f), ("OP_ABS", 0x90), ("OP_NOT", 0x91),
    ("OP_0NOTEQUAL", 0x92), ("OP_ADD", 0x93), ("OP_SUB", 0x94), ("OP_BOOLAND", 0x9a), ("OP_BOOLOR", 0x9b),
    ("OP_NUMEQUAL", 0x9c), ("OP_NUMEQUALVERIFY", 0x9d), ("OP_NUMNOTEQUAL", 0x9e), ("OP_LESSTHAN", 0x9f),
    ("OP_GREATERTHAN", 0xa0), ("OP_LESSTHANOREQUAL", 0xa1), ("OP_GREATERTHANOREQUAL", 0xa2), ("OP_MIN", 0xa3),
    ("OP_MAX", 0xa4), ("OP_WITHIN", 0xa5), ("OP_RIPEMD160", 0xa6), ("OP_SHA1", 0xa7), ("OP_SHA256", 0xa8),
    ("OP_HASH160", 0xa9), ("OP_HASH256", 0xaa), ("OP_CODESEPARATOR", 0xab), ("OP_CHECKSIG", 0xac),
    ("OP_CHECKSIGVERIFY", 0xad), ("OP_CHECKMULTISIG", 0xae), ("OP_CHECKMULTISIGVERIFY", 0xaf), ("OP_NOP1", 0xb0),
    ("OP_CHECKLOCKTIMEVERIFY", 0xb1), ("OP_CLTV", 0xb1), ("OP_CHECKSEQUENCEVERIFY", 0xb2), ("OP_CSV", 0xb2),
    ("OP_NOP4", 0xb3), ("OP_NOP5", 0xb4), ("OP_NOP6", 0xb5), ("OP_NOP7", 0xb6), ("OP_NOP8", 0xb7),
    ("OP_NOP9", 0xb8), ("OP_NOP10", 0xb9), ("OP_CHECKSIGADD", 0xba),
];

/// The byte of an opcode name, if it is one.
pub fn opcode_byte(name: &str) -> Option<u8> {
    OPCODES.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}

/// Miniscript fragment names (after any `x:` wrappers).
pub const MINISCRIPT_FRAGMENTS: &[&str] = &[
    "pk", "pk_k", "pk_h", "pkh", "expr_raw_pkh", "older", "after", "sha256", "hash256", "ripemd160", "hash160",
    "and_v", "and_b", "and_n", "andor", "or_b", "or_c", "or_d", "or_i", "thresh", "multi", "multi_a", "sortedmulti",
    "0", "1",
];

/// Policy language fragment names.
pub const POLICY_FRAGMENTS: &[&str] =
    &["pk", "after", "older", "sha256", "hash256", "ripemd160", "hash160", "and", "or", "thresh", "UNSATISFIABLE", "TRIVIAL"];
