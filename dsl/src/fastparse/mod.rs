//! A hand-written parser for the common case: valid specs, parsed fast.
//!
//! `lnp.pest` is the grammar of record; this module implements the same
//! grammar by recursive descent, with pest's exact rules for implicit
//! whitespace (skipped before every element after the first of a sequence,
//! kept even when a following optional element fails) so that it produces the
//! *same tree with the same spans*. It gives up (`None`) at the first thing
//! it does not accept, and [`crate::parse::parse_unit`] then runs the pest
//! parser, which either accepts the input after all or explains the error.
//! A property test compares the two trees, spans included, over generated
//! specs.
//!
//! Why it exists: pest's per-rule bookkeeping (call-limit tracking, stack
//! probing, attempt recording) dominated the front end's time.

mod exprs;
mod stmts;

use crate::ast::*;
use crate::parse::is_keyword;

/// Parses `text`, or `None` when it is not a plain valid unit.
pub fn parse(file: u32, text: &str) -> Option<Unit> {
    let mut p = P { s: text.as_bytes(), src: text, pos: 0, file, vals: Vec::new(), ops: Vec::new() };
    p.skip();
    let unit = p.unit()?;
    p.skip();
    (p.pos == p.s.len()).then_some(unit)
}

struct P<'a> {
    s: &'a [u8],
    src: &'a str,
    pos: usize,
    file: u32,
    /// Operand and operator stacks of the binary expressions being parsed.
    vals: Vec<Expr>,
    ops: Vec<BinOp>,
}

/// Bytes that can continue a name: ASCII letters, digits and `_`.
const IDENT_CHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    t
};

fn is_ident_char(c: u8) -> bool {
    IDENT_CHAR[usize::from(c)]
}

type O<T> = Option<T>;

impl<'a> P<'a> {
    fn span(&self, start: usize) -> Span {
        Span::new(self.file, start, self.pos)
    }

    fn at(&self, i: usize) -> u8 {
        self.s.get(i).copied().unwrap_or(0)
    }

    /// pest's implicit WHITESPACE and COMMENT, repeated.
    #[inline]
    fn skip(&mut self) {
        // Called before nearly every element, usually with nothing to skip.
        if matches!(self.at(self.pos), b' ' | b'\t' | b'\r' | b'\n' | b'/') {
            self.skip_slow();
        }
    }

    fn skip_slow(&mut self) {
        loop {
            match self.at(self.pos) {
                b' ' | b'\t' | b'\r' | b'\n' => self.pos += 1,
                b'/' if self.at(self.pos + 1) == b'/' => {
                    while self.pos < self.s.len() && self.s[self.pos] != b'\n' {
                        self.pos += 1;
                    }
                }
                b'/' if self.at(self.pos + 1) == b'*' => match self.src[self.pos + 2..].find("*/") {
                    Some(n) => self.pos += 2 + n + 2,
                    None => return,
                },
                _ => return,
            }
        }
    }

    fn peek(&self, lit: &str) -> bool {
        self.s[self.pos..].starts_with(lit.as_bytes())
    }

    fn lit(&mut self, lit: &str) -> bool {
        if self.peek(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    /// `skip ~ "lit"` as in a sequence: the skip stays consumed, the literal is required.
    fn then(&mut self, lit: &str) -> O<()> {
        self.skip();
        self.lit(lit).then_some(())
    }

    /// Tries `f` at the current position; restores the position when it fails.
    fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> O<T>) -> O<T> {
        let save = self.pos;
        let r = f(self);
        if r.is_none() {
            self.pos = save;
        }
        r
    }

    /// `skip ~ x?`: the skip is kept, `x` is tried.
    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> O<T>) -> Option<T> {
        self.skip();
        self.attempt(f)
    }

    /// `skip ~ x*`: the first skip is kept; later ones only with an element.
    fn many<T>(&mut self, mut f: impl FnMut(&mut Self) -> O<T>) -> Vec<T> {
        let mut out = Vec::new();
        self.skip();
        match self.attempt(&mut f) {
            Some(x) => out.push(x),
            None => return out,
        }
        loop {
            let save = self.pos;
            self.skip();
            match self.attempt(&mut f) {
                Some(x) => out.push(x),
                None => {
                    self.pos = save;
                    return out;
                }
            }
        }
    }

    /// `(x ~ ("," ~ x)* ~ ","?)?` after a skip.
    fn comma_list<T>(&mut self, mut f: impl FnMut(&mut Self) -> O<T>) -> Vec<T> {
        let mut out = Vec::new();
        self.skip();
        let start = self.pos;
        let Some(first) = self.attempt(&mut f) else {
            self.pos = start;
            return out;
        };
        out.push(first);
        loop {
            let save = self.pos;
            self.skip();
            if !self.lit(",") {
                self.pos = save;
                break;
            }
            self.skip();
            match self.attempt(&mut f) {
                Some(x) => out.push(x),
                None => {
                    self.pos = save;
                    break;
                }
            }
        }
        // The optional trailing comma.
        let save = self.pos;
        self.skip();
        if !self.lit(",") {
            self.pos = save;
        }
        out
    }

    fn ident_raw(&mut self) -> O<Ident> {
        let start = self.pos;
        let c = self.at(start);
        if !(c.is_ascii_alphabetic() || c == b'_') {
            return None;
        }
        let rest = self.s.get(start + 1..).unwrap_or_default();
        let end = start + 1 + rest.iter().position(|&c| !is_ident_char(c)).unwrap_or(rest.len());
        self.pos = end;
        Some(Ident { name: Name::new(&self.src[start..end]), span: Span::new(self.file, start, end) })
    }

    /// A name; keywords make the fast path give up (pest then reports E0005).
    fn ident(&mut self) -> O<Ident> {
        let id = self.ident_raw()?;
        if is_keyword(&id.name) {
            return None;
        }
        Some(id)
    }

    fn path(&mut self) -> O<Path> {
        let start = self.pos;
        let mut segments = vec![self.ident()?];
        while self.at(self.pos) == b'.' && {
            let c = self.at(self.pos + 1);
            c.is_ascii_alphabetic() || c == b'_'
        } {
            self.pos += 1;
            segments.push(self.ident()?);
        }
        Some(Path { segments, span: self.span(start) })
    }

    fn int(&mut self) -> O<IntLit> {
        let start = self.pos;
        if self.peek("0x") && self.at(start + 2).is_ascii_hexdigit() {
            let mut end = start + 3;
            while self.at(end).is_ascii_hexdigit() || self.at(end) == b'_' {
                end += 1;
            }
            self.pos = end;
        } else if self.at(start).is_ascii_digit() {
            let mut end = start + 1;
            while self.at(end).is_ascii_digit() || self.at(end) == b'_' {
                end += 1;
            }
            self.pos = end;
        } else {
            return None;
        }
        let text = &self.src[start..self.pos];
        let value = match text.strip_prefix("0x") {
            Some(h) => int_value(h, 16),
            None => int_value(text, 10),
        };
        Some(IntLit { value, text: text.into(), span: self.span(start) })
    }

    fn string(&mut self) -> O<StrLit> {
        let start = self.pos;
        if !self.lit("\"") {
            return None;
        }
        let mut value = String::new();
        let mut chars = self.src[self.pos..].char_indices();
        loop {
            let (i, c) = chars.next()?;
            match c {
                '"' => {
                    self.pos += i + 1;
                    break;
                }
                '\n' => return None,
                '\\' => {
                    let (_, e) = chars.next()?;
                    match e {
                        'n' => value.push('\n'),
                        't' => value.push('\t'),
                        other => value.push(other),
                    }
                }
                c => value.push(c),
            }
        }
        Some(StrLit { value, span: self.span(start) })
    }

    fn hex(&mut self) -> O<BytesLit> {
        let start = self.pos;
        if !self.lit("hex\"") {
            return None;
        }
        let body_start = self.pos;
        while self.at(self.pos).is_ascii_hexdigit() || self.at(self.pos) == b' ' {
            self.pos += 1;
        }
        let body: String = self.src[body_start..self.pos].chars().filter(|c| *c != ' ').collect();
        if !self.lit("\"") || !body.len().is_multiple_of(2) {
            return None;
        }
        let bytes = (0..body.len()).step_by(2).map(|i| u8::from_str_radix(&body[i..i + 2], 16).ok()).collect::<O<Vec<u8>>>()?;
        Some(BytesLit { bytes, span: self.span(start) })
    }

    /// An atomic keyword-like token: `word` not followed by a name character.
    fn word(&mut self, w: &str) -> bool {
        if self.peek(w) && !is_ident_char(self.at(self.pos + w.len())) {
            self.pos += w.len();
            true
        } else {
            false
        }
    }

    // ------------------------------------------------------------ unit and items

    fn unit(&mut self) -> O<Unit> {
        let start = self.pos;
        let kind = if self.lit("protocol") {
            UnitKind::Protocol
        } else if self.lit("module") {
            UnitKind::Module
        } else {
            return None;
        };
        self.skip();
        let name = self.ident()?;
        self.then("{")?;
        let items = self.many(|p| p.item());
        self.then("}")?;
        Some(Unit { kind, name, items, span: self.span(start) })
    }

    fn item(&mut self) -> O<Item> {
        let c = self.at(self.pos);
        macro_rules! try_item {
            ($f:ident) => {
                if let Some(i) = self.attempt(|p| p.$f()) {
                    return Some(i);
                }
            };
        }
        // The grammar's order; the first letter only skips what cannot match.
        if c == b'i' {
            try_item!(import);
        }
        if c == b'r' {
            try_item!(roles);
        }
        if c == b'p' {
            try_item!(param);
        }
        if c == b'c' {
            try_item!(const_decl);
        }
        if c == b'r' {
            try_item!(record);
        }
        if c == b'e' {
            try_item!(enum_decl);
        }
        if c == b'm' {
            try_item!(message);
        }
        if c == b'c' {
            try_item!(command);
        }
        if c == b'e' {
            try_item!(event);
        }
        if c == b't' {
            try_item!(timer);
        }
        if c == b'i' {
            try_item!(interface);
        }
        if c == b's' {
            try_item!(slot);
        }
        if c == b'f' {
            try_item!(fill);
        }
        if matches!(c, b'i' | b't' | b's') {
            try_item!(state);
        }
        if c == b'o' {
            try_item!(transition);
        }
        if c == b'f' {
            try_item!(function);
        }
        if c == b't' {
            try_item!(template);
        }
        if matches!(c, b'i' | b's' | b'e') {
            try_item!(property);
        }
        None
    }

    fn import(&mut self) -> O<Item> {
        self.lit("import").then_some(())?;
        self.skip();
        let id = self.ident()?;
        self.then(";")?;
        Some(Item::Import(id))
    }

    fn roles(&mut self) -> O<Item> {
        let start = self.pos;
        self.lit("roles").then_some(())?;
        self.skip();
        let mut roles = vec![self.ident()?];
        roles.extend(self.many(|p| {
            p.lit(",").then_some(())?;
            p.skip();
            p.ident()
        }));
        self.then(";")?;
        Some(Item::Roles(Roles { roles, span: self.span(start) }))
    }

    fn param(&mut self) -> O<Item> {
        let start = self.pos;
        self.lit("param").then_some(())?;
        self.skip();
        let name = self.ident()?;
        self.then(":")?;
        self.skip();
        let ty = self.type_expr()?;
        let default = self.opt(|p| {
            p.lit("=").then_some(())?;
            p.skip();
            p.expr()
        });
        self.then(";")?;
        Some(Item::Param(Param { name, ty, default, span: self.span(start) }))
    }

    fn const_decl(&mut self) -> O<Item> {
        let start = self.pos;
        self.lit("const").then_some(())?;
        self.skip();
        let name = self.ident()?;
        self.then(":")?;
        self.skip();
        let ty = self.type_expr()?;
        self.then("=")?;
        self.skip();
        let value = self.expr()?;
        self.then(";")?;
        Some(Item::Const(Const { name, ty, value, span: self.span(start) }))
    }

    fn field(&mut self) -> O<Field> {
        let name = self.ident()?;
        self.then(":")?;
        self.skip();
        Some(Field { name, ty: self.type_expr()? })
    }

    /// `"{" ~ fields ~ "}"` after a skip, where `fields` may be followed by `tail`.
    fn fields(&mut self) -> Vec<Field> {
        self.comma_list(|p| p.field())
    }

    fn record(&mut self) -> O<Item> {
        let start = self.pos;
        self.lit("record").then_some(())?;
        self.skip();
        let name = self.ident()?;
        self.then("{")?;
        let fields = self.fields();
        self.then("}")?;
        Some(Item::Record(Record { name, fields, span: self.span(start) }))
    }

    fn enum_decl(&mut self) -> O<Item> {
        let start = self.pos;
        self.lit("enum").then_some(())?;
        self.skip();
        let name = self.ident()?;
        self.then("{")?;
        self.skip();
        let mut variants = vec![self.ident()?];
        variants.extend(self.many(|p| {
            p.lit(",").then_some(())?;
            p.skip();
            p.ident()
        }));
        let _ = self.opt(|p| p.lit(",").then_some(()));
        self.then("}")?;
        Some(Item::Enum(EnumDecl { name, variants, span: self.span(start) }))
    }

    fn message(&mut self) -> O<Item> {
        let start = self.pos;
        self.lit("message").then_some(())?;
        self.skip();
        let name = self.ident()?;
        self.then("=")?;
        self.skip();
        let wire_type = self.int()?;
        self.then("{")?;
        let fields = self.fields();
        let tlv = self.opt(|p| {
            p.lit("tlv").then_some(())?;
            p.then("{")?;
            let recs = p.comma_list(|p| {
                let name = p.ident()?;
                p.then(":")?;
                p.skip();
                let ty = p.type_expr()?;
                p.then("=")?;
                p.skip();
                Some(TlvRecord { name, ty, tlv_type: p.int()? })
            });
            p.then("}")?;
            Some(recs)
        });
        self.then("}")?;
        let has_tlv_block = tlv.is_some();
        Some(Item::Message(Message {
            name,
            wire_type,
            fields,
            tlvs: tlv.unwrap_or_default(),
            has_tlv_block,
            span: self.span(start),
        }))
    }

    fn named_fields(&mut self, kw: &str) -> O<(Ident, Vec<Field>, Span)> {
        let start = self.pos;
        self.lit(kw).then_some(())?;
        self.skip();
        let name = self.ident()?;
        self.then("{")?;
        let fields = self.fields();
        self.then("}")?;
        Some((name, fields, self.span(start)))
    }

    fn command(&mut self) -> O<Item> {
        let (name, fields, span) = self.named_fields("command")?;
        Some(Item::Command(Command { name, fields, span }))
    }

    fn event(&mut self) -> O<Item> {
        let (name, fields, span) = self.named_fields("event")?;
        Some(Item::Event(EventDecl { name, fields, span }))
    }

    fn timer(&mut self) -> O<Item> {
        self.lit("timer").then_some(())?;
        self.skip();
        let id = self.ident()?;
        self.then(";")?;
        Some(Item::Timer(id))
    }

    fn fn_sig(&mut self) -> O<FnSig> {
        let start = self.pos;
        self.lit("fn").then_some(())?;
        self.skip();
        let name = self.ident()?;
        self.then("(")?;
        let params = self.comma_list(|p| p.field());
        self.then(")")?;
        self.then("->")?;
        self.skip();
        let ret = self.type_expr()?;
        Some(FnSig { name, params, ret, span: self.span(start) })
    }

    fn interface(&mut self) -> O<Item> {
        let start = self.pos;
        self.lit("interface").then_some(())?;
        self.skip();
        let name = self.ident()?;
        self.then("{")?;
        let fns = self.many(|p| {
            let start = p.pos;
            let mut sig = p.fn_sig()?;
            p.then(";")?;
            sig.span = p.span(start);
            Some(sig)
        });
        self.then("}")?;
        Some(Item::Interface(Interface { name, fns, span: self.span(start) }))
    }

    fn slot(&mut self) -> O<Item> {
        let start = self.pos;
        self.lit("slot").then_some(())?;
        self.skip();
        let name = self.ident()?;
        self.then(":")?;
        self.skip();
        let interface = self.path()?;
        self.then(";")?;
        Some(Item::Slot(Slot { name, interface, span: self.span(start) }))
    }

    fn fill(&mut self) -> O<Item> {
        let start = self.pos;
        self.lit("fill").then_some(())?;
        self.skip();
        let slot = self.path()?;
        self.then("with")?;
        self.skip();
        let with = self.ident()?;
        self.then(";")?;
        Some(Item::Fill(Fill { slot, with, span: self.span(start) }))
    }

    fn function(&mut self) -> O<Item> {
        let start = self.pos;
        self.lit("fn").then_some(())?;
        self.skip();
        let name = self.ident()?;
        self.then("(")?;
        let params = self.comma_list(|p| p.field());
        self.then(")")?;
        self.then("->")?;
        self.skip();
        let ret = self.type_expr()?;
        // The signature's span is the whole `function` rule in the pest lowering.
        self.then("=")?;
        self.skip();
        let body = self.expr()?;
        self.then(";")?;
        let span = self.span(start);
        Some(Item::Function(Function { sig: FnSig { name, params, ret, span }, body }))
    }

    fn type_expr(&mut self) -> O<TypeExpr> {
        let start = self.pos;
        if let Some(t) = self.attempt(|p| {
            p.lit("list").then_some(())?;
            p.then("<")?;
            p.skip();
            let inner = p.type_expr()?;
            p.then(">")?;
            Some(TypeExpr::List(Box::new(inner), p.span(start)))
        }) {
            return Some(t);
        }
        if let Some(t) = self.attempt(|p| {
            p.lit("option").then_some(())?;
            p.then("<")?;
            p.skip();
            let inner = p.type_expr()?;
            p.then(">")?;
            Some(TypeExpr::Option(Box::new(inner), p.span(start)))
        }) {
            return Some(t);
        }
        if let Some(t) = self.attempt(|p| {
            p.lit("archive").then_some(())?;
            p.then("<")?;
            p.skip();
            let key = p.type_expr()?;
            p.then(",")?;
            p.skip();
            let value = p.type_expr()?;
            p.then(">")?;
            Some(TypeExpr::Archive(Box::new(key), Box::new(value), p.span(start)))
        }) {
            return Some(t);
        }
        if let Some(t) = self.attempt(|p| {
            p.lit("bytes").then_some(())?;
            p.then("[")?;
            p.skip();
            let n = p.int()?;
            p.then("]")?;
            Some(TypeExpr::FixedBytes(n, p.span(start)))
        }) {
            return Some(t);
        }
        Some(TypeExpr::Named(self.path()?))
    }

    fn state(&mut self) -> O<Item> {
        let start = self.pos;
        let kind = if self.lit("initial") {
            self.skip();
            StateKind::Initial
        } else if self.lit("terminal") {
            self.skip();
            StateKind::Terminal
        } else {
            StateKind::Normal
        };
        self.lit("state").then_some(())?;
        self.skip();
        let name = self.ident()?;
        self.then("{")?;
        let fields = self.fields();
        self.then("}")?;
        Some(Item::State(State { kind, name, fields, span: self.span(start) }))
    }

    fn state_set(&mut self) -> O<StateSet> {
        let start = self.pos;
        if self.lit("*") {
            return Some(StateSet::Any(self.span(start)));
        }
        let mut paths = vec![self.path()?];
        paths.extend(self.many(|p| {
            p.lit(",").then_some(())?;
            p.skip();
            p.path()
        }));
        Some(StateSet::States(paths))
    }

    fn binding(&mut self) -> Option<Ident> {
        self.opt(|p| {
            p.lit("as").then_some(())?;
            p.skip();
            p.ident()
        })
    }

    fn trigger(&mut self) -> O<(Trigger, Span)> {
        let start = self.pos;
        let t = if self.lit("recv") {
            self.skip();
            let message = self.path()?;
            Trigger::Recv { message, binding: self.binding() }
        } else if self.attempt(|p| p.lit("command").then_some(())).is_some() {
            self.skip();
            let command = self.path()?;
            Trigger::Command { command, binding: self.binding() }
        } else if self.lit("chain") {
            self.skip();
            let event = self.ident()?;
            Trigger::Chain { event, binding: self.binding() }
        } else if self.lit("timer") {
            self.skip();
            Trigger::Timer { timer: self.path()? }
        } else {
            return None;
        };
        Some((t, self.span(start)))
    }

    fn transition(&mut self) -> O<Item> {
        let start = self.pos;
        self.lit("on").then_some(())?;
        self.skip();
        let (trigger, trigger_span) = self.trigger()?;
        self.then("in")?;
        self.skip();
        let from = self.state_set()?;
        let to = self.opt(|p| {
            p.lit("->").then_some(())?;
            p.skip();
            p.path()
        });
        let when = self.opt(|p| {
            p.lit("when").then_some(())?;
            p.skip();
            p.expr()
        });
        self.skip();
        let (body, _) = self.block()?;
        Some(Item::Transition(Transition { trigger, trigger_span, from, to, when, body, span: self.span(start) }))
    }

    fn template(&mut self) -> O<Item> {
        let start = self.pos;
        self.lit("template").then_some(())?;
        self.skip();
        let name = self.ident()?;
        self.then("(")?;
        let params = self.comma_list(|p| p.field());
        self.then(")")?;
        self.then("{")?;
        let items = self.many(|p| p.tx_item());
        self.then("}")?;
        Some(Item::Template(Template { name, params, items, span: self.span(start) }))
    }

    fn property(&mut self) -> O<Item> {
        let start = self.pos;
        let kind = if self.lit("invariant") {
            PropertyKind::Invariant
        } else if self.lit("sometimes") {
            PropertyKind::Sometimes
        } else if self.lit("eventually") {
            PropertyKind::Eventually
        } else {
            return None;
        };
        self.skip();
        let name = self.ident()?;
        let states = self.opt(|p| {
            p.lit("in").then_some(())?;
            p.skip();
            p.state_set()
        });
        let cond = self.opt(|p| {
            p.lit(":").then_some(())?;
            p.skip();
            p.expr()
        });
        self.then(";")?;
        Some(Item::Property(Property { kind, name, states, cond, span: self.span(start) }))
    }
}

fn apply_prefixes(prefixes: Vec<(UnOp, Span)>, mut e: Expr) -> Expr {
    for (op, span) in prefixes.into_iter().rev() {
        let whole = span.to(e.span);
        e = Expr { kind: ExprKind::Unary(op, Box::new(e)), span: whole };
    }
    e
}

/// The value of digits in `radix` with `_` separators, or `None` past 128 bits.
fn int_value(digits: &str, radix: u32) -> Option<u128> {
    let mut v: u128 = 0;
    for c in digits.chars().filter(|c| *c != '_') {
        v = v.checked_mul(u128::from(radix))?.checked_add(u128::from(c.to_digit(radix)?))?;
    }
    Some(v)
}
