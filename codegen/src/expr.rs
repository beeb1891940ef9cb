//! Expressions → Rust expressions.
//!
//! Generated expressions live inside functions returning
//! `Result<_, rt::Reject>`: every checked operation ends in `.or_reject(AT)?`
//! where `AT` names the spec line, so an overflow rejects the input instead of
//! wrapping. Types come from the checker's annotations; values are cloned
//! where read (cheap for the small values specs hold), except where a
//! reference is all that is asked for — a builtin reading a transaction, a
//! list method's receiver, a side of a list concatenation — which borrows a
//! name or a field in place. A list method's function gets each element by
//! reference, so `hs.any(h => h.id == id)` clones an id, not every HTLC.

use crate::names::{camel, snake};
use crate::types::rust_type;
use crate::CodegenError;
use lnp_dsl::ast::*;
use lnp_dsl::check::expr::{opcode_byte, Res};
use lnp_dsl::check::symbols::Symbols;
use lnp_dsl::check::types::{IntTy, StructRef, Type};
use lnp_dsl::{Checked, Program};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::collections::HashMap;

type R<T> = Result<T, CodegenError>;

/// What expression generation needs to know about the whole protocol.
pub struct Gen<'a> {
    pub program: &'a Program,
    pub checked: &'a Checked,
    /// Slot → the unit that fills it.
    pub fills: HashMap<usize, usize>,
    /// The state fields in scope: a local binder of the same name is renamed
    /// (`name_`) so that `let x = …; x = x;` keeps field and binding apart.
    pub fields: std::cell::RefCell<std::collections::BTreeSet<String>>,
}

impl<'a> Gen<'a> {
    pub fn set_fields(&self, names: impl Iterator<Item = String>) {
        *self.fields.borrow_mut() = names.collect();
    }

    /// The Rust name of a local binder or a read of it.
    pub fn local_name(&self, name: &str) -> proc_macro2::Ident {
        if self.fields.borrow().contains(name) {
            snake(&format!("{name}_"))
        } else {
            snake(name)
        }
    }

    pub fn syms(&self) -> &'a Symbols {
        &self.checked.symbols
    }

    pub fn ty(&self, e: &Expr) -> Type {
        self.checked.notes.types.get(&e.span).cloned().unwrap_or(Type::Error)
    }

    fn res(&self, span: Span) -> Option<&'a Res> {
        self.checked.notes.res.get(&span)
    }

    /// `"specs/x.lnp:12"`: the location rejects name.
    pub fn at(&self, span: Span) -> String {
        let (path, line, _) = self.program.sources.location(span);
        format!("{}:{line}", crate::spec_path(path))
    }

    pub fn unsupported(&self, span: Span, what: &str) -> CodegenError {
        CodegenError::Unsupported { at: self.at(span), what: what.to_string() }
    }

    pub fn rust_type(&self, t: &Type) -> TokenStream {
        rust_type(self.syms(), t)
    }

    /// The generated name of a `fn` (qualified by its module: names may repeat across modules).
    pub fn fn_name(&self, i: usize) -> proc_macro2::Ident {
        let f = &self.syms().functions[i];
        snake(&format!("f_{}_{}", self.syms().units[f.unit].name, f.name))
    }

    pub fn template_name(&self, i: usize) -> proc_macro2::Ident {
        let t = &self.syms().templates[i];
        snake(&format!("tpl_{}_{}", self.syms().units[t.unit].name, t.name))
    }

    /// An expression's value, converted to `want` when given.
    pub fn expr(&self, e: &Expr, want: Option<&Type>) -> R<TokenStream> {
        let own = self.ty(e);
        if let Type::IntLit(v) = own {
            return match v {
                // A literal (or a constant the checker folded).
                Some(v) => Ok(int_literal(v, &want.cloned().unwrap_or(Type::Int(IntTy::U64)))),
                // Literal-typed but not constant (`if c then 1124 else 724`):
                // generated at the width its context asks for.
                None => {
                    let target = want.cloned().filter(|t| matches!(t, Type::Int(_))).unwrap_or(Type::Int(IntTy::U64));
                    self.expr_inner(e, Some(&target))
                }
            };
        }
        let ts = self.expr_inner(e, want)?;
        Ok(match want {
            Some(w) => self.coerce(ts, &own, w),
            None => ts,
        })
    }

    /// Converts a value of type `from` to `to`, as the checker's `assignable` allows.
    pub fn coerce(&self, ts: TokenStream, from: &Type, to: &Type) -> TokenStream {
        if from == to || to.is_error() || from.is_error() {
            return ts;
        }
        match (from, to) {
            (Type::Int(a), Type::Int(b)) => {
                if rust_int(*a) == rust_int(*b) {
                    ts
                } else {
                    let t = self.rust_type(to);
                    quote!(<#t>::from(#ts))
                }
            }
            (Type::FixedBytes(32), Type::Hash256 | Type::ChainHash | Type::ChannelId | Type::Secret) => {
                let t = self.rust_type(to);
                quote!(#t(#ts))
            }
            (Type::FixedBytes(32), Type::Txid) => quote!(<rt::Txid as bitcoin::hashes::Hash>::from_byte_array(#ts)),
            (f, Type::Bytes) => {
                let b = bytes_of(ts, f);
                quote!((#b).to_vec())
            }
            (Type::Option(a), Type::Option(b)) if a.is_error() || a == b => ts,
            (Type::Option(a), Type::Option(b)) => {
                let inner = self.coerce(quote!(x), a, b);
                quote!((#ts).map(|x| #inner))
            }
            (f, Type::Option(b)) => {
                let inner = self.coerce(ts, f, b);
                quote!(Some(#inner))
            }
            (Type::List(a), Type::List(b)) if a.is_error() || a == b => ts,
            (Type::List(a), Type::List(b)) => {
                let inner = self.coerce(quote!(x), a, b);
                quote!((#ts).into_iter().map(|x| #inner).collect::<Vec<_>>())
            }
            _ => ts,
        }
    }

    /// A place expression (no clone) for names and field paths, when it is one.
    fn place(&self, e: &Expr) -> Option<TokenStream> {
        match &e.kind {
            ExprKind::Name(id) => match self.res(id.span)? {
                Res::Local => {
                    let n = self.local_name(&id.name);
                    Some(quote!(#n))
                }
                Res::Field => {
                    let n = snake(&id.name);
                    Some(quote!(#n))
                }
                Res::Param(i) => {
                    let n = snake(&self.syms().params[*i].name);
                    Some(quote!(lnp_env.params.#n))
                }
                _ => None,
            },
            ExprKind::Member(recv, name) => {
                if self.res(e.span).is_some() {
                    return None; // a qualified name, not a field
                }
                let base = self.place(recv)?;
                let f = snake(&name.name);
                Some(quote!(#base.#f))
            }
            ExprKind::Paren(inner) => self.place(inner),
            _ => None,
        }
    }

    /// An expression read where a reference suffices (a builtin taking `&T`,
    /// a list method's receiver): a place is borrowed instead of cloned, so
    /// asking a transaction for its output `i` does not copy the transaction.
    fn borrowed(&self, e: &Expr) -> R<TokenStream> {
        match (self.place(e), self.ty(e)) {
            (Some(p), t) if !matches!(t, Type::IntLit(_)) => Ok(p),
            _ => self.expr(e, None),
        }
    }

    fn expr_inner(&self, e: &Expr, want: Option<&Type>) -> R<TokenStream> {
        let at = self.at(e.span);
        if let Some(p) = self.place(e) {
            return Ok(quote!(#p.clone()));
        }
        Ok(match &e.kind {
            ExprKind::Int(n) => int_literal(n.value.unwrap_or(0), &self.ty(e)),
            ExprKind::Amount(n, unit) => {
                let v = Literal::u64_unsuffixed(n.value.and_then(|v| u64::try_from(v).ok()).unwrap_or(0));
                match unit {
                    AmountUnit::Sat => quote!(rt::Sat(#v)),
                    AmountUnit::Msat => quote!(rt::Msat(#v)),
                }
            }
            ExprKind::Bool(b) => quote!(#b),
            ExprKind::Bytes(b) => {
                let bytes = b.bytes.iter().map(|x| Literal::u8_suffixed(*x));
                quote!([#(#bytes),*])
            }
            ExprKind::Str(s) => {
                let v = &s.value;
                quote!(String::from(#v))
            }
            ExprKind::Paren(inner) => {
                let x = self.expr(inner, want)?;
                quote!((#x))
            }
            ExprKind::Name(id) => self.name(id)?,
            ExprKind::Member(recv, name) => match self.res(e.span) {
                Some(Res::Param(i)) => {
                    let n = snake(&self.syms().params[*i].name);
                    quote!(lnp_env.params.#n.clone())
                }
                Some(Res::Const(i)) => self.const_value(*i)?,
                Some(Res::Variant(en, v)) => self.variant(*en, *v),
                _ => {
                    let r = self.expr(recv, None)?;
                    let f = snake(&name.name);
                    quote!((#r).#f.clone())
                }
            },
            ExprKind::Unary(UnOp::Not, x) => {
                let x = self.expr(x, Some(&Type::Bool))?;
                quote!(!(#x))
            }
            ExprKind::Unary(UnOp::Neg, x) => {
                let t = self.ty(e);
                let x = self.expr(x, Some(&t))?;
                quote!((#x).checked_neg().or_reject(#at)?)
            }
            ExprKind::Binary(op, l, r) => self.binary(e, *op, l, r, want)?,
            ExprKind::If(c, t, f) => {
                let ty = match self.ty(e) {
                    // Literal branches take the width the context asks for.
                    Type::IntLit(_) => want.cloned().filter(|t| matches!(t, Type::Int(_))).unwrap_or(Type::Int(IntTy::U64)),
                    t => t,
                };
                let c = self.expr(c, Some(&Type::Bool))?;
                let t = self.expr(t, Some(&ty))?;
                let f = self.expr(f, Some(&ty))?;
                quote!(if #c { #t } else { #f })
            }
            ExprKind::List(items) => {
                let elem = match self.ty(e) {
                    Type::List(t) => *t,
                    _ => Type::Error,
                };
                let mut xs = Vec::new();
                for a in items {
                    if let Arg::Expr(x) = a {
                        xs.push(self.expr(x, Some(&elem))?);
                    }
                }
                if xs.is_empty() {
                    quote!(Vec::new())
                } else {
                    quote!(vec![#(#xs),*])
                }
            }
            ExprKind::Record(name, inits) => self.record(e, name, inits)?,
            ExprKind::Call(callee, args) => self.call(e, callee, args)?,
            ExprKind::RawScript(elems) => self.raw_script(elems)?,
            ExprKind::Miniscript(node) | ExprKind::Policy(node) => {
                let mut fmt = String::new();
                let mut values = Vec::new();
                self.ms_text(node, &mut fmt, &mut values)?;
                let func = if matches!(e.kind, ExprKind::Policy(_)) { quote!(policy) } else { quote!(miniscript) };
                quote!(rt::script::#func(&format!(#fmt #(, rt::script::Push::miniscript_text(&#values))*))
                    .map_err(|why| rt::Reject::new(rt::RejectKind::Error, why, #at))?)
            }
        })
    }

    fn name(&self, id: &Ident) -> R<TokenStream> {
        Ok(match self.res(id.span) {
            Some(Res::Const(i)) => self.const_value(*i)?,
            Some(Res::Variant(e, v)) => self.variant(*e, *v),
            Some(Res::Role) => quote!(lnp_env.role),
            Some(Res::NoneValue) => quote!(None),
            _ => return Err(self.unsupported(id.span, &format!("the name `{}`", id.name))),
        })
    }

    fn variant(&self, e: usize, v: usize) -> TokenStream {
        let info = &self.syms().enums[e];
        let en = camel(&info.name);
        let var = camel(&info.variants[v]);
        quote!(#en::#var)
    }

    /// A constant, inlined: its value expression generated where it is used.
    fn const_value(&self, i: usize) -> R<TokenStream> {
        let info = &self.syms().consts[i];
        let unit = &self.program.units[info.unit].unit;
        for item in &unit.items {
            if let Item::Const(c) = item {
                if c.name.name == info.name {
                    let v = self.expr(&c.value, Some(&info.ty))?;
                    return Ok(quote!((#v)));
                }
            }
        }
        Err(self.unsupported(info.span, "a constant without a value"))
    }

    fn record(&self, e: &Expr, name: &Ident, inits: &[FieldInit]) -> R<TokenStream> {
        let Type::Struct(StructRef::Record(i)) = self.ty(e) else {
            return Err(self.unsupported(name.span, "this record literal"));
        };
        let info = &self.syms().records[i];
        let rname = camel(&info.name);
        let fields = self.field_inits(&info.fields, inits)?;
        Ok(quote!(#rname { #fields }))
    }

    /// `a: x, b: y` for a struct literal; TLV fields left out become `None`.
    pub fn field_inits(
        &self,
        fields: &[lnp_dsl::check::symbols::FieldInfo],
        inits: &[FieldInit],
    ) -> R<TokenStream> {
        let mut out = Vec::new();
        for f in fields {
            let n = snake(&f.name);
            match inits.iter().find(|i| i.name.name == f.name) {
                Some(init) => {
                    let v = match &init.value {
                        Some(v) => self.expr(v, Some(&f.ty))?,
                        None => {
                            let probe = Expr { kind: ExprKind::Name(init.name.clone()), span: init.name.span };
                            self.expr(&probe, Some(&f.ty))?
                        }
                    };
                    out.push(quote!(#n: #v,));
                }
                None => out.push(quote!(#n: None,)),
            }
        }
        Ok(quote!(#(#out)*))
    }

    fn binary(&self, e: &Expr, op: BinOp, l: &Expr, r: &Expr, want: Option<&Type>) -> R<TokenStream> {
        use BinOp::*;
        let at = self.at(e.span);
        let (lt, rt) = (self.ty(l), self.ty(r));
        if matches!(op, And | Or) {
            let (a, b) = (self.expr(l, Some(&Type::Bool))?, self.expr(r, Some(&Type::Bool))?);
            return Ok(if op == And { quote!((#a && #b)) } else { quote!((#a || #b)) });
        }
        if matches!(op, Eq | Ne | Lt | Le | Gt | Ge) {
            let common = unify(&lt, &rt);
            let (a, b) = (self.expr(l, Some(&common))?, self.expr(r, Some(&common))?);
            return Ok(match op {
                Eq => quote!((#a == #b)),
                Ne => quote!((#a != #b)),
                Lt => quote!((#a < #b)),
                Le => quote!((#a <= #b)),
                Gt => quote!((#a > #b)),
                _ => quote!((#a >= #b)),
            });
        }
        let mut result = self.ty(e);
        if let Type::IntLit(_) = result {
            result = want.cloned().filter(Type::is_int).unwrap_or(Type::Int(IntTy::U64));
        }
        // Amount arithmetic: amounts combine with amounts, scale by integers.
        if lt.is_amount() || rt.is_amount() {
            let u64t = Type::Int(IntTy::U64);
            return Ok(match (op, lt.is_amount(), rt.is_amount()) {
                (Add, true, true) | (Sub, true, true) => {
                    let (a, b) = (self.expr(l, Some(&lt))?, self.expr(r, Some(&rt))?);
                    let m = if op == Add { quote!(checked_add) } else { quote!(checked_sub) };
                    quote!((#a).#m(#b).or_reject(#at)?)
                }
                (Div, true, true) => {
                    let (a, b) = (self.expr(l, Some(&lt))?, self.expr(r, Some(&rt))?);
                    quote!((#a).ratio(#b).or_reject(#at)?)
                }
                (Mul, false, true) => {
                    let (a, b) = (self.expr(l, Some(&u64t))?, self.expr(r, Some(&rt))?);
                    quote!((#b).checked_mul(#a).or_reject(#at)?)
                }
                (Mul | Div | Rem, true, false) => {
                    let (a, b) = (self.expr(l, Some(&lt))?, self.expr(r, Some(&u64t))?);
                    let m = match op {
                        Mul => quote!(checked_mul),
                        Div => quote!(checked_div),
                        _ => quote!(checked_rem),
                    };
                    quote!((#a).#m(#b).or_reject(#at)?)
                }
                _ => return Err(self.unsupported(e.span, "this amount operation")),
            });
        }
        if let (Add, Type::List(_)) = (op, &lt) {
            // Each side is only read (then copied into the new list).
            let side = |x: &Expr| if self.ty(x) == result { self.borrowed(x) } else { self.expr(x, Some(&result)) };
            let (a, b) = (side(l)?, side(r)?);
            return Ok(quote!([&(#a)[..], &(#b)[..]].concat()));
        }
        if op == Add && lt.is_bytes_like() && rt.is_bytes_like() {
            let (a, b) = (self.expr(l, None)?, self.expr(r, None)?);
            let (a, b) = (bytes_of(a, &lt), bytes_of(b, &rt));
            return Ok(quote!([&(#a)[..], &(#b)[..]].concat()));
        }
        let (a, b) = match op {
            Shl | Shr => (self.expr(l, Some(&result))?, self.expr(r, Some(&Type::Int(IntTy::U64)))?),
            _ => (self.expr(l, Some(&result))?, self.expr(r, Some(&result))?),
        };
        Ok(match op {
            Add => quote!((#a).checked_add(#b).or_reject(#at)?),
            Sub => quote!((#a).checked_sub(#b).or_reject(#at)?),
            Mul => quote!((#a).checked_mul(#b).or_reject(#at)?),
            Div => quote!((#a).checked_div(#b).or_reject(#at)?),
            Rem => quote!((#a).checked_rem(#b).or_reject(#at)?),
            BitOr => quote!((#a | #b)),
            BitAnd => quote!((#a & #b)),
            BitXor => quote!((#a ^ #b)),
            Shl => quote!(rt::builtins::shl(#a, #b).or_reject(#at)?),
            Shr => quote!(rt::builtins::shr(#a, #b).or_reject(#at)?),
            _ => return Err(self.unsupported(e.span, "this operator")),
        })
    }

    fn args(&self, args: &[Arg], types: &[Type]) -> R<Vec<TokenStream>> {
        let mut out = Vec::new();
        for (i, a) in args.iter().enumerate() {
            match a {
                Arg::Expr(x) => out.push(self.expr(x, types.get(i))?),
                Arg::Lambda(l) => return Err(self.unsupported(l.param.span, "a function here")),
            }
        }
        Ok(out)
    }

    fn call(&self, e: &Expr, callee: &Expr, args: &[Arg]) -> R<TokenStream> {
        let at = self.at(e.span);
        match self.res(e.span) {
            Some(Res::Function(i)) => {
                let f = &self.syms().functions[*i];
                let types: Vec<Type> = f.params.iter().map(|p| p.ty.clone()).collect();
                let a = self.args(args, &types)?;
                let name = self.fn_name(*i);
                Ok(quote!(#name(#(#a,)* lnp_env, lnp_ctx)?))
            }
            Some(Res::Template(i)) => {
                let t = &self.syms().templates[*i];
                let types: Vec<Type> = t.params.iter().map(|p| p.ty.clone()).collect();
                let a = self.args(args, &types)?;
                let name = self.template_name(*i);
                Ok(quote!(#name(#(#a,)* lnp_env, lnp_ctx)?))
            }
            Some(Res::SlotFn(slot, fname)) => {
                let filler = self
                    .fills
                    .get(slot)
                    .and_then(|u| self.syms().functions.iter().position(|f| f.unit == *u && f.name == *fname))
                    .ok_or_else(|| self.unsupported(e.span, "a call to an unfilled slot"))?;
                let f = &self.syms().functions[filler];
                let types: Vec<Type> = f.params.iter().map(|p| p.ty.clone()).collect();
                let a = self.args(args, &types)?;
                let name = self.fn_name(filler);
                Ok(quote!(#name(#(#a,)* lnp_env, lnp_ctx)?))
            }
            Some(Res::Builtin(name)) => self.builtin(e, name, args, &at),
            Some(Res::Method(name)) => {
                let ExprKind::Member(recv, _) = &callee.kind else {
                    return Err(self.unsupported(e.span, "this method call"));
                };
                self.method(e, recv, name, args, &at)
            }
            _ => Err(self.unsupported(e.span, "this call")),
        }
    }

    fn arg_expr<'b>(&self, args: &'b [Arg], i: usize, span: Span) -> R<&'b Expr> {
        match args.get(i) {
            Some(Arg::Expr(x)) => Ok(x),
            _ => Err(self.unsupported(span, "this argument")),
        }
    }

    fn builtin(&self, e: &Expr, name: &str, args: &[Arg], at: &str) -> R<TokenStream> {
        let sp = e.span;
        let arg = |i: usize, want: Option<&Type>| -> R<TokenStream> { self.expr(self.arg_expr(args, i, sp)?, want) };
        let arg_ty = |i: usize| -> R<Type> { Ok(self.ty(self.arg_expr(args, i, sp)?)) };
        let arg_ref = |i: usize| -> R<TokenStream> { self.borrowed(self.arg_expr(args, i, sp)?) };
        let u32t = Type::Int(IntTy::U32);
        Ok(match name {
            "len" => match arg_ty(0)? {
                Type::FixedBytes(n) => {
                    let n = u64::from(n);
                    quote!(#n)
                }
                Type::List(_) | Type::Bytes | Type::Script | Type::Utf8 => {
                    let x = arg_ref(0)?;
                    quote!(((#x).len() as u64))
                }
                t => {
                    let x = arg(0, None)?;
                    let b = bytes_of(x, &t);
                    quote!(((#b).len() as u64))
                }
            },
            "sum" => {
                let x = arg(0, None)?;
                self.sum(x, &arg_ty(0)?, at)
            }
            "min" | "max" => {
                let t = self.ty(e);
                let (a, b) = (arg(0, Some(&t))?, arg(1, Some(&t))?);
                let f = snake(name);
                quote!(std::cmp::#f(#a, #b))
            }
            "msat" => match arg_ty(0)? {
                Type::Msat => arg(0, None)?,
                Type::Sat => {
                    let x = arg(0, None)?;
                    quote!((#x).to_msat().or_reject(#at)?)
                }
                _ => {
                    let x = arg(0, Some(&Type::Int(IntTy::U64)))?;
                    quote!(rt::Msat(#x))
                }
            },
            "sat" => match arg_ty(0)? {
                Type::Sat => arg(0, None)?,
                Type::Msat => {
                    let x = arg(0, None)?;
                    quote!((#x).to_sat())
                }
                _ => {
                    let x = arg(0, Some(&Type::Int(IntTy::U64)))?;
                    quote!(rt::Sat(#x))
                }
            },
            "u8" | "u16" | "u32" | "u64" | "u48" | "i64" => {
                let from = arg_ty(0)?;
                let x = arg(0, None)?;
                let x = if from.is_amount() { quote!((#x).0) } else { x };
                match name {
                    "u48" => quote!(rt::u48(u64::try_from(#x).map_err(|_| rt::Overflow).or_reject(#at)?).or_reject(#at)?),
                    "i64" => quote!(i64::try_from(#x).or_reject(#at)?),
                    _ => {
                        let t = snake(name);
                        quote!(rt::builtins::int::<#t>(#x).or_reject(#at)?)
                    }
                }
            }
            "some" => {
                let inner = match self.ty(e) {
                    Type::Option(t) => Some(*t),
                    _ => None,
                };
                let x = arg(0, inner.as_ref())?;
                quote!(Some(#x))
            }
            "sha256" | "ripemd160" | "hash160" => {
                let b = bytes_of(arg(0, None)?, &arg_ty(0)?);
                let f = snake(name);
                quote!(rt::builtins::#f(&(#b)[..]))
            }
            "bytes" => {
                let b = bytes_of(arg(0, None)?, &arg_ty(0)?);
                quote!((#b).to_vec())
            }
            "zeros" => {
                let n = arg(0, Some(&Type::Int(IntTy::U16)))?;
                quote!(vec![0u8; usize::from(#n)])
            }
            "requires_unknown_feature" => {
                let (a, b) = (bytes_of(arg(0, None)?, &arg_ty(0)?), bytes_of(arg(1, None)?, &arg_ty(1)?));
                quote!(rt::builtins::requires_unknown_feature(&(#a)[..], &(#b)[..]))
            }
            "concat" => {
                let mut parts = Vec::new();
                for i in 0..args.len() {
                    let b = bytes_of(arg(i, None)?, &arg_ty(i)?);
                    parts.push(quote!(&(#b)[..]));
                }
                quote!([#(#parts),*].concat())
            }
            "txid" | "weight" => {
                let x = arg_ref(0)?;
                let f = snake(name);
                quote!(rt::builtins::#f(&#x))
            }
            "outpoint" => {
                let (a, b) = (arg(0, None)?, arg(1, Some(&u32t))?);
                quote!(rt::builtins::outpoint(#a, #b))
            }
            "fee" => {
                let (a, b) = (arg(0, Some(&u32t))?, arg(1, Some(&Type::Int(IntTy::U64)))?);
                quote!(rt::builtins::fee(#a, #b).or_reject(#at)?)
            }
            "sign" => {
                let (tx, i, k) = (arg(0, None)?, arg(1, Some(&u32t))?, arg(2, None)?);
                // The arguments may themselves need the context (a template
                // instantiated in place), so they are evaluated first.
                quote!({
                    let (lnp_tx, lnp_key) = (#tx, #k);
                    lnp_ctx.sign(&lnp_tx, #i, &lnp_key).map_err(|why| rt::Reject::new(rt::RejectKind::Error, why.to_string(), #at))?
                })
            }
            "sign_derived" => {
                let (tx, i, b, p) = (arg(0, None)?, arg(1, Some(&u32t))?, arg(2, None)?, arg(3, None)?);
                quote!({
                    let (lnp_tx, lnp_base, lnp_point) = (#tx, #b, #p);
                    lnp_ctx.sign_derived(&lnp_tx, #i, &lnp_base, &lnp_point).map_err(|why| rt::Reject::new(rt::RejectKind::Error, why.to_string(), #at))?
                })
            }
            "sign_revocation" => {
                let (tx, i, b, sec) = (arg(0, None)?, arg(1, Some(&u32t))?, arg(2, None)?, arg(3, None)?);
                quote!({
                    let (lnp_tx, lnp_base, lnp_secret) = (#tx, #b, #sec);
                    lnp_ctx.sign_revocation(&lnp_tx, #i, &lnp_base, &lnp_secret).map_err(|why| rt::Reject::new(rt::RejectKind::Error, why.to_string(), #at))?
                })
            }
            "input_count" => {
                let x = arg_ref(0)?;
                quote!(rt::builtins::input_count(&#x))
            }
            "locktime" => {
                let x = arg_ref(0)?;
                quote!(rt::builtins::locktime(&#x))
            }
            "preimage_in" => {
                let (tx, h) = (arg(0, None)?, arg(1, Some(&Type::Bytes))?);
                quote!(rt::builtins::preimage_in(&#tx, &#h))
            }
            "input_sequence" => {
                let (tx, i) = (arg_ref(0)?, arg(1, Some(&u32t))?);
                quote!(rt::builtins::input_sequence(&#tx, #i).ok_or_else(|| rt::Reject::new(rt::RejectKind::Error, "no such input", #at))?)
            }
            "output_count" => {
                let x = arg_ref(0)?;
                quote!(rt::builtins::output_count(&#x))
            }
            "output_script" | "output_amount" => {
                let (tx, i) = (arg_ref(0)?, arg(1, Some(&Type::Int(IntTy::U64)))?);
                let f = snake(name);
                quote!(rt::builtins::#f(&#tx, #i).ok_or_else(|| rt::Reject::new(rt::RejectKind::Error, "no such output", #at))?)
            }
            "range" => {
                let n = arg(0, Some(&Type::Int(IntTy::U64)))?;
                quote!(rt::builtins::range(#n))
            }
            "verify" => {
                let (s, tx, i, k) = (arg_ref(0)?, arg_ref(1)?, arg(2, Some(&u32t))?, arg_ref(3)?);
                quote!(rt::builtins::verify(&#s, &#tx, #i, &#k))
            }
            "with_sighash" => {
                let (tx, i, f) = (arg(0, None)?, arg(1, Some(&u32t))?, arg(2, Some(&Type::Int(IntTy::U8)))?);
                quote!(rt::builtins::with_sighash(#tx, #i, #f).or_reject(#at)?)
            }
            "with_witness" => {
                let (tx, i) = (arg(0, None)?, arg(1, Some(&u32t))?);
                let mut items = Vec::new();
                for k in 2..args.len() {
                    let t = arg_ty(k)?;
                    let v = arg(k, None)?;
                    items.push(match t {
                        // The input's sighash flag is appended at run time.
                        Type::Signature => quote!(rt::WitnessItem::Signature(#v)),
                        Type::Bool => quote!(rt::WitnessItem::Bytes(if #v { vec![1u8] } else { Vec::new() })),
                        t => {
                            let b = bytes_of(v, &t);
                            quote!(rt::WitnessItem::Bytes((#b).to_vec()))
                        }
                    });
                }
                quote!(rt::builtins::with_witness(#tx, #i, vec![#(#items),*]).or_reject(#at)?)
            }
            "as_script" => {
                let b = bytes_of(arg(0, None)?, &arg_ty(0)?);
                quote!(rt::Script::from_bytes((#b).to_vec()))
            }
            "p2wsh" | "p2wpkh" | "p2pkh" | "p2tr" => {
                let x = arg_ref(0)?;
                let f = snake(name);
                quote!(rt::builtins::#f(&#x))
            }
            "per_commitment_point" | "per_commitment_secret" => {
                let x = arg(0, Some(&Type::Int(IntTy::U48)))?;
                let f = snake(name);
                quote!(lnp_ctx.#f(#x))
            }
            "point_of" => {
                let x = arg_ref(0)?;
                quote!(rt::builtins::point_of(&#x).or_reject(#at)?)
            }
            "secrets_len" => {
                let x = arg_ref(0)?;
                quote!(rt::builtins::secrets_len(&#x))
            }
            "secrets_add" => {
                let (x, y) = (arg_ref(0)?, arg_ref(1)?);
                quote!(rt::builtins::secrets_add(&#x, &#y))
            }
            "secret_at" => {
                let (x, n) = (arg_ref(0)?, arg(1, Some(&Type::Int(IntTy::U48)))?);
                quote!(rt::builtins::secret_at(&#x, #n))
            }
            "derive_pubkey" => {
                let (a, b) = (arg_ref(0)?, arg_ref(1)?);
                quote!(rt::builtins::derive_pubkey(&#a, &#b).or_reject(#at)?)
            }
            // Through the signer, which may hold one of the two secrets.
            "derive_revocation_pubkey" => {
                let (a, b) = (arg_ref(0)?, arg_ref(1)?);
                quote!(rt::builtins::derive_revocation_pubkey_in(lnp_ctx, &#a, &#b).or_reject(#at)?)
            }
            "obscuring_factor" => {
                let (a, b) = (arg_ref(0)?, arg_ref(1)?);
                quote!(rt::builtins::obscuring_factor(&#a, &#b))
            }
            "channel_id" => {
                let (a, b) = (arg(0, None)?, arg(1, Some(&Type::Int(IntTy::U16)))?);
                quote!(rt::builtins::channel_id(#a, #b))
            }
            "chain_height" => quote!(lnp_ctx.chain_height()),
            "random32" => quote!(lnp_ctx.random32()),
            other => return Err(self.unsupported(sp, &format!("the builtin `{other}`"))),
        })
    }

    fn sum(&self, list: TokenStream, list_ty: &Type, at: &str) -> TokenStream {
        match list_ty {
            Type::List(e) if **e == Type::Sat => quote!(rt::Sat::sum((#list).iter().copied()).or_reject(#at)?),
            Type::List(e) if **e == Type::Msat => quote!(rt::Msat::sum((#list).iter().copied()).or_reject(#at)?),
            _ => quote!(rt::list::sum_int(&(#list)).or_reject(#at)?),
        }
    }

    fn lambda(&self, args: &[Arg], elem: &Type, want: Option<&Type>, span: Span) -> R<TokenStream> {
        let Some(Arg::Lambda(l)) = args.first() else {
            return Err(self.unsupported(span, "a method without its function argument"));
        };
        let p = self.local_name(&l.param.name);
        let t = self.rust_type(elem);
        let body = self.expr(&l.body, want)?;
        Ok(quote!(|#p: &#t| -> Result<_, rt::Reject> { Ok(#body) }))
    }

    fn method(&self, e: &Expr, recv: &Expr, name: &str, args: &[Arg], at: &str) -> R<TokenStream> {
        let rt_ = self.ty(recv);
        if let (Type::Archive(kt, _), ExprKind::Name(field)) = (&rt_, &recv.kind) {
            // `archive.get(key)`: the entries not yet stored, then the store.
            let a = self.borrowed(recv)?;
            let k = self.expr(self.arg_expr(args, 0, e.span)?, Some(kt))?;
            let fname = field.name.as_str();
            let (kf, _, gf) = crate::wire::archive_fns(fname);
            return Ok(quote!(rt::archive::get(&(#a), #fname, &#k, lnp_ctx, #kf, #gf, #at)?));
        }
        // `get` and `get_or` take the option; every other method only reads.
        let r = if matches!(name, "get" | "get_or") { self.expr(recv, None)? } else { self.borrowed(recv)? };
        let elem = match &rt_ {
            Type::List(t) => (**t).clone(),
            _ => Type::Error,
        };
        Ok(match name {
            "len" => quote!(((#r).len() as u64)),
            "sum" => self.sum(r, &rt_, at),
            "filter" | "any" | "all" | "count" => {
                let f = self.lambda(args, &elem, Some(&Type::Bool), e.span)?;
                let m = snake(name);
                quote!(rt::list::#m(&(#r), #f)?)
            }
            "map" => {
                let out = match self.ty(e) {
                    Type::List(t) => Some(*t),
                    _ => None,
                };
                let f = self.lambda(args, &elem, out.as_ref(), e.span)?;
                quote!(rt::list::map(&(#r), #f)?)
            }
            "find" => {
                let f = self.lambda(args, &elem, Some(&Type::Bool), e.span)?;
                quote!(rt::list::find(&(#r), #f)?)
            }
            "at" => {
                let i = self.expr(self.arg_expr(args, 0, e.span)?, Some(&Type::Int(IntTy::U64)))?;
                quote!(rt::list::at(&(#r), #i))
            }
            "contains" => {
                let x = self.expr(self.arg_expr(args, 0, e.span)?, Some(&elem))?;
                quote!((#r).contains(&#x))
            }
            "is_some" => quote!((#r).is_some()),
            "is_none" => quote!((#r).is_none()),
            // An empty option read with `get` rejects the step; specs guard it
            // with `require o.is_some()` so the reject says why.
            "get" => quote!((#r).ok_or_else(|| rt::Reject::new(rt::RejectKind::Error, "an empty option was read", #at))?),
            "get_or" => {
                let inner = match &rt_ {
                    Type::Option(t) => (**t).clone(),
                    _ => Type::Error,
                };
                let d = self.expr(self.arg_expr(args, 0, e.span)?, Some(&inner))?;
                quote!((#r).unwrap_or(#d))
            }
            other => return Err(self.unsupported(e.span, &format!("the method `{other}`"))),
        })
    }

    fn raw_script(&self, elems: &[ScriptElem]) -> R<TokenStream> {
        let mut steps = Vec::new();
        for el in elems {
            steps.push(match el {
                ScriptElem::Opcode(op) => {
                    let byte = opcode_byte(&op.name).ok_or_else(|| self.unsupported(op.span, "this opcode"))?;
                    let byte = Literal::u8_suffixed(byte);
                    quote!(let lnp_sb = lnp_sb.push_opcode(bitcoin::opcodes::Opcode::from(#byte));)
                }
                ScriptElem::Push(x) => {
                    let v = self.expr(x, None)?;
                    quote!(let lnp_sb = rt::script::Push::push(&(#v), lnp_sb);)
                }
                ScriptElem::Bytes(bytes) => {
                    let bs = bytes.bytes.iter().map(|x| Literal::u8_suffixed(*x));
                    quote!(let lnp_sb = rt::script::Push::push(&vec![#(#bs),*], lnp_sb);)
                }
                ScriptElem::Int(n) => {
                    let v = Literal::i64_suffixed(n.value.and_then(|v| i64::try_from(v).ok()).unwrap_or(0));
                    quote!(let lnp_sb = rt::script::Push::push(&#v, lnp_sb);)
                }
            });
        }
        Ok(quote!({
            let lnp_sb = bitcoin::script::Builder::new();
            #(#steps)*
            lnp_sb.into_script()
        }))
    }

    /// Miniscript text with `{}` where each placeholder's value goes.
    fn ms_text(&self, node: &MsNode, out: &mut String, values: &mut Vec<TokenStream>) -> R<()> {
        let weight = |w: &Option<IntLit>, out: &mut String| {
            if let Some(w) = w {
                out.push_str(&w.text);
                out.push('@');
            }
        };
        match node {
            MsNode::Call { weight: w, name, args, .. } => {
                weight(w, out);
                out.push_str(&name.name);
                if !args.is_empty() {
                    out.push('(');
                    for (i, a) in args.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        self.ms_text(a, out, values)?;
                    }
                    out.push(')');
                }
            }
            MsNode::Placeholder { weight: w, value, .. } => {
                weight(w, out);
                out.push_str("{}");
                values.push(self.expr(value, None)?);
            }
            MsNode::Int { weight: w, value } => {
                weight(w, out);
                out.push_str(&value.text);
            }
        }
        Ok(())
    }
}

/// The Rust integer a width maps to (`u48` is a `u64`).
fn rust_int(t: IntTy) -> (bool, u8) {
    (t.signed, if t.bits == 48 { 64 } else { t.bits })
}

/// A literal of the given integer type.
pub fn int_literal(v: u128, t: &Type) -> TokenStream {
    let lit = match t {
        Type::Int(i) => match rust_int(*i) {
            (false, 8) => Literal::u8_suffixed(v as u8),
            (false, 16) => Literal::u16_suffixed(v as u16),
            (false, 32) => Literal::u32_suffixed(v as u32),
            (true, 8) => Literal::i8_suffixed(v as i8),
            (true, 16) => Literal::i16_suffixed(v as i16),
            (true, 32) => Literal::i32_suffixed(v as i32),
            (true, _) => Literal::i64_suffixed(v as i64),
            _ => Literal::u64_suffixed(v as u64),
        },
        _ => Literal::u64_suffixed(v as u64),
    };
    quote!(#lit)
}

/// The common type two compared operands convert to.
fn unify(a: &Type, b: &Type) -> Type {
    match (a, b) {
        (Type::IntLit(_), t) | (t, Type::IntLit(_)) if t.is_int() && !matches!(t, Type::IntLit(_)) => t.clone(),
        (Type::IntLit(_), Type::IntLit(_)) => Type::Int(IntTy::U64),
        (Type::Int(x), Type::Int(y)) => Type::Int(if x.bits >= y.bits { *x } else { *y }),
        (Type::Option(x), _) if x.is_error() => b.clone(),
        (_, Type::Option(y)) if y.is_error() => a.clone(),
        (x, y) if x != y && x.is_bytes_like() && y.is_bytes_like() => Type::Bytes,
        _ => a.clone(),
    }
}

/// An expression giving the bytes of a byte-like value (indexable with `[..]`).
pub fn bytes_of(ts: TokenStream, t: &Type) -> TokenStream {
    match t {
        Type::Point => quote!((#ts).serialize()),
        Type::Hash256 | Type::ChainHash | Type::ChannelId | Type::Secret => quote!((#ts).0),
        Type::Script => quote!((#ts).to_bytes()),
        Type::Signature => quote!((#ts).serialize_der().to_vec()),
        Type::Txid => quote!(<rt::Txid as bitcoin::hashes::Hash>::to_byte_array(#ts)),
        Type::Utf8 => quote!((#ts).into_bytes()),
        _ => ts,
    }
}
