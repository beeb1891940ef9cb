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

use crate::ast::*;
use crate::parse::is_keyword;

/// Parses `text`, or `None` when it is not a plain valid unit.
pub fn parse(file: u32, text: &str) -> Option<Unit> {
    let mut p = P { s: text.as_bytes(), src: text, pos: 0, file };
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
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
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
    fn skip(&mut self) {
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
        let mut end = start + 1;
        while is_ident_char(self.at(end)) {
            end += 1;
        }
        self.pos = end;
        Some(Ident { name: self.src[start..end].to_string(), span: Span::new(self.file, start, end) })
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
        let text = self.src[start..self.pos].to_string();
        let digits: String = text.chars().filter(|c| *c != '_').collect();
        let value = match digits.strip_prefix("0x") {
            Some(h) => u128::from_str_radix(h, 16).ok(),
            None => digits.parse::<u128>().ok(),
        };
        Some(IntLit { value, text, span: self.span(start) })
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

    // ------------------------------------------------------------ statements

    fn block(&mut self) -> O<(Vec<Stmt>, Span)> {
        let start = self.pos;
        self.lit("{").then_some(())?;
        let stmts = self.many(|p| p.stmt());
        self.then("}")?;
        Some((stmts, self.span(start)))
    }

    fn failure(&mut self) -> O<Failure> {
        let start = self.pos;
        let kind = if self.lit("error") {
            FailureKind::Error
        } else if self.lit("warning") {
            FailureKind::Warning
        } else if self.lit("ignore") {
            FailureKind::Ignore
        } else {
            return None;
        };
        let message = self.opt(|p| p.string());
        Some(Failure { kind, message, span: self.span(start) })
    }

    fn field_inits(&mut self) -> O<Vec<FieldInit>> {
        self.lit("{").then_some(())?;
        let inits = self.comma_list(|p| {
            let name = p.ident()?;
            let value = p.opt(|p| {
                p.lit(":").then_some(())?;
                p.skip();
                p.expr()
            });
            Some(FieldInit { name, value })
        });
        self.then("}")?;
        Some(inits)
    }

    fn stmt(&mut self) -> O<Stmt> {
        macro_rules! try_stmt {
            ($f:ident) => {
                if let Some(s) = self.attempt(|p| p.$f()) {
                    return Some(s);
                }
            };
        }
        try_stmt!(assign_stmt);
        let c = self.at(self.pos);
        match c {
            b'l' => try_stmt!(let_stmt),
            b'r' => try_stmt!(require_stmt),
            b'f' => {
                try_stmt!(fail_stmt);
            }
            _ => {}
        }
        if c == b'i' {
            try_stmt!(if_stmt);
        }
        if c == b'f' {
            try_stmt!(for_stmt);
        }
        if c == b's' {
            try_stmt!(send_stmt);
        }
        if c == b'b' {
            try_stmt!(broadcast_stmt);
        }
        if c == b'w' {
            try_stmt!(watch_stmt);
        }
        if c == b'e' {
            try_stmt!(emit_stmt);
        }
        if c == b's' {
            try_stmt!(start_stmt);
            try_stmt!(stop_stmt);
        }
        None
    }

    fn assign_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        let target = self.ident_raw()?;
        self.skip();
        let op = if self.lit("+=") {
            AssignOp::Add
        } else if self.lit("-=") {
            AssignOp::Sub
        } else if self.lit("=") {
            AssignOp::Set
        } else {
            return None;
        };
        if is_keyword(&target.name) {
            return None;
        }
        self.skip();
        let value = self.expr()?;
        self.then(";")?;
        Some(Stmt::Assign { target, op, value, span: self.span(start) })
    }

    fn let_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("let").then_some(())?;
        self.skip();
        let name = self.ident()?;
        let ty = self.opt(|p| {
            p.lit(":").then_some(())?;
            p.skip();
            p.type_expr()
        });
        self.then("=")?;
        self.skip();
        let value = self.expr()?;
        self.then(";")?;
        Some(Stmt::Let { name, ty, value, span: self.span(start) })
    }

    fn require_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("require").then_some(())?;
        self.skip();
        let cond = self.expr()?;
        self.then("else")?;
        self.skip();
        let failure = self.failure()?;
        self.then(";")?;
        Some(Stmt::Require { cond, failure, span: self.span(start) })
    }

    fn fail_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("fail").then_some(())?;
        self.skip();
        let failure = self.failure()?;
        self.then(";")?;
        Some(Stmt::Fail { failure, span: self.span(start) })
    }

    fn if_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("if").then_some(())?;
        self.skip();
        let cond = self.expr()?;
        self.skip();
        let (then, then_block) = self.block()?;
        let otherwise = self.opt(|p| {
            p.lit("else").then_some(())?;
            p.skip();
            if let Some(s) = p.attempt(|p| p.if_stmt()) {
                return Some(vec![s]);
            }
            p.block().map(|(b, _)| b)
        });
        Some(Stmt::If { cond, then, then_block, otherwise, span: self.span(start) })
    }

    fn for_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("for").then_some(())?;
        self.skip();
        let var = self.ident()?;
        self.then("in")?;
        self.skip();
        let iter = self.expr()?;
        self.skip();
        let (body, _) = self.block()?;
        Some(Stmt::For { var, iter, body, span: self.span(start) })
    }

    fn send_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("send").then_some(())?;
        self.skip();
        let message = self.path()?;
        self.skip();
        let fields = self.field_inits()?;
        self.then(";")?;
        Some(Stmt::Send { message, fields, span: self.span(start) })
    }

    fn emit_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("emit").then_some(())?;
        self.skip();
        let event = self.path()?;
        self.skip();
        let fields = self.field_inits()?;
        self.then(";")?;
        Some(Stmt::Emit { event, fields, span: self.span(start) })
    }

    fn broadcast_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("broadcast").then_some(())?;
        self.skip();
        let tx = self.expr()?;
        self.then(";")?;
        Some(Stmt::Broadcast { tx, span: self.span(start) })
    }

    fn watch_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("watch").then_some(())?;
        self.skip();
        let kind = if self.lit("confirm") {
            WatchKind::Confirm
        } else if self.lit("spend") {
            WatchKind::Spend
        } else {
            return None;
        };
        self.then("(")?;
        let args = self.args()?;
        let args = args.into_iter().map(|a| if let Arg::Expr(e) = a { Some(e) } else { None }).collect::<O<Vec<_>>>()?;
        self.then(")")?;
        self.then("as")?;
        self.skip();
        let name = self.ident()?;
        self.then(";")?;
        Some(Stmt::Watch { kind, args, name, span: self.span(start) })
    }

    fn start_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("start").then_some(())?;
        self.skip();
        let timer = self.path()?;
        self.then("after")?;
        self.skip();
        let after = self.expr()?;
        self.then(";")?;
        Some(Stmt::StartTimer { timer, after, span: self.span(start) })
    }

    fn stop_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("stop").then_some(())?;
        self.skip();
        let timer = self.path()?;
        self.then(";")?;
        Some(Stmt::StopTimer { timer, span: self.span(start) })
    }

    // ------------------------------------------------------------ templates

    fn tx_item(&mut self) -> O<TxItem> {
        let start = self.pos;
        if self.attempt(|p| p.lit("version").then_some(())).is_some() {
            self.skip();
            let e = self.expr()?;
            self.then(";")?;
            return Some(TxItem::Version(e));
        }
        if self.lit("locktime") {
            self.skip();
            let e = self.expr()?;
            self.then(";")?;
            return Some(TxItem::Locktime(e));
        }
        if self.lit("input") {
            self.skip();
            let name = self.ident()?;
            self.then("=")?;
            self.skip();
            let outpoint = self.expr()?;
            let mut input =
                TxInput { name, outpoint, amount: None, script: None, sequence: None, sighash: None, witness: None, span: Span::default() };
            let attrs = self.many(|p| {
                if p.lit("amount") {
                    p.skip();
                    return Some((0, p.expr()?, None, None));
                }
                if p.lit("script") {
                    p.skip();
                    return Some((1, p.expr()?, None, None));
                }
                if p.lit("sequence") {
                    p.skip();
                    return Some((2, p.expr()?, None, None));
                }
                if p.lit("sighash") {
                    p.skip();
                    for (w, k) in [
                        ("all_anyonecanpay", Sighash::AllAnyoneCanPay),
                        ("single_anyonecanpay", Sighash::SingleAnyoneCanPay),
                        ("none_anyonecanpay", Sighash::NoneAnyoneCanPay),
                        ("all", Sighash::All),
                        ("none", Sighash::None),
                        ("single", Sighash::Single),
                        ("default", Sighash::Default),
                    ] {
                        if p.word(w) {
                            let dummy = Expr { kind: ExprKind::Bool(true), span: Span::default() };
                            return Some((3, dummy, Some(k), None));
                        }
                    }
                    return None;
                }
                if p.lit("witness") {
                    p.then("[")?;
                    let args = p.args()?;
                    p.then("]")?;
                    let exprs = args.into_iter().map(|a| if let Arg::Expr(e) = a { Some(e) } else { None }).collect::<O<Vec<_>>>()?;
                    let dummy = Expr { kind: ExprKind::Bool(true), span: Span::default() };
                    return Some((4, dummy, None, Some(exprs)));
                }
                None
            });
            for (k, e, sh, w) in attrs {
                match k {
                    0 => input.amount = Some(e),
                    1 => input.script = Some(e),
                    2 => input.sequence = Some(e),
                    3 => input.sighash = sh,
                    _ => input.witness = w,
                }
            }
            self.then(";")?;
            input.span = self.span(start);
            return Some(TxItem::Input(input));
        }
        if self.lit("output") {
            self.skip();
            let name = self.ident()?;
            self.then("amount")?;
            self.skip();
            let amount = self.expr()?;
            self.then("script")?;
            self.skip();
            let script = self.expr()?;
            let mut out = TxOutput { name, amount, script, when: None, tiebreak: None, span: Span::default() };
            let attrs = self.many(|p| {
                if p.lit("when") {
                    p.skip();
                    return Some((true, p.expr()?));
                }
                if p.lit("tiebreak") {
                    p.skip();
                    return Some((false, p.expr()?));
                }
                None
            });
            for (is_when, e) in attrs {
                if is_when {
                    out.when = Some(e);
                } else {
                    out.tiebreak = Some(e);
                }
            }
            self.then(";")?;
            out.span = self.span(start);
            return Some(TxItem::Output(out));
        }
        if self.lit("for") {
            self.skip();
            let var = self.ident()?;
            self.then("in")?;
            self.skip();
            let iter = self.expr()?;
            self.then("{")?;
            let items = self.many(|p| p.tx_item());
            self.then("}")?;
            return Some(TxItem::For { var, iter, items, span: self.span(start) });
        }
        if self.lit("order") {
            self.skip();
            let base = if self.lit("bip69") {
                OrderBase::Bip69
            } else if self.lit("declared") {
                OrderBase::Declared
            } else {
                return None;
            };
            let then = self.opt(|p| {
                p.lit("then").then_some(())?;
                p.then("tiebreak")
            });
            self.then(";")?;
            return Some(TxItem::Order { base, then_tiebreak: then.is_some(), span: self.span(start) });
        }
        None
    }

    // ------------------------------------------------------------ expressions

    fn prefix_op(&mut self) -> O<(UnOp, Span)> {
        let start = self.pos;
        if self.at(self.pos) == b'!' {
            self.pos += 1;
            let after = self.pos;
            self.skip();
            if self.at(self.pos) == b'=' {
                return None;
            }
            // op_not's span takes in the whitespace its lookahead skipped.
            let _ = after;
            return Some((UnOp::Not, self.span(start)));
        }
        if self.lit("-") {
            return Some((UnOp::Neg, self.span(start)));
        }
        None
    }

    fn infix_op(&mut self) -> O<BinOp> {
        let two = [
            ("||", BinOp::Or),
            ("&&", BinOp::And),
            ("==", BinOp::Eq),
            ("!=", BinOp::Ne),
            ("<=", BinOp::Le),
            (">=", BinOp::Ge),
            ("<<", BinOp::Shl),
            (">>", BinOp::Shr),
        ];
        for (s, op) in two {
            if self.lit(s) {
                return Some(op);
            }
        }
        let c = self.at(self.pos);
        let not_followed = |p: &mut Self, by: u8| {
            p.pos += 1;
            p.skip();
            p.at(p.pos) != by
        };
        match c {
            b'<' => {
                self.pos += 1;
                Some(BinOp::Lt)
            }
            b'>' => {
                self.pos += 1;
                Some(BinOp::Gt)
            }
            b'|' => not_followed(self, b'|').then_some(BinOp::BitOr),
            b'^' => {
                self.pos += 1;
                Some(BinOp::BitXor)
            }
            b'&' => not_followed(self, b'&').then_some(BinOp::BitAnd),
            b'+' => not_followed(self, b'=').then_some(BinOp::Add),
            b'-' => not_followed(self, b'=').then_some(BinOp::Sub),
            b'*' => {
                self.pos += 1;
                Some(BinOp::Mul)
            }
            b'/' => {
                self.pos += 1;
                Some(BinOp::Div)
            }
            b'%' => {
                self.pos += 1;
                Some(BinOp::Rem)
            }
            _ => None,
        }
    }

    /// `prefix* ~ postfix_expr`: one operand with its prefix operators.
    fn operand(&mut self, first: bool) -> O<(Vec<(UnOp, Span)>, Expr)> {
        let mut prefixes = Vec::new();
        if !first {
            self.skip();
        }
        if let Some(p) = self.attempt(|p| p.prefix_op()) {
            prefixes.push(p);
            loop {
                let save = self.pos;
                self.skip();
                match self.attempt(|p| p.prefix_op()) {
                    Some(p) => prefixes.push(p),
                    None => {
                        self.pos = save;
                        break;
                    }
                }
            }
        }
        self.skip();
        let e = self.postfix_expr()?;
        Some((prefixes, e))
    }

    fn expr(&mut self) -> O<Expr> {
        let (pre, first_operand) = self.operand(true)?;
        let first_operand = apply_prefixes(pre, first_operand);
        // Most expressions are one operand: no operator, no allocation.
        let after = self.pos;
        self.skip();
        if !matches!(self.at(self.pos), b'|' | b'&' | b'=' | b'!' | b'<' | b'>' | b'^' | b'+' | b'-' | b'*' | b'/' | b'%') {
            return Some(first_operand);
        }
        self.pos = after;
        let mut operands = vec![(Vec::new(), first_operand)];
        let mut ops = Vec::new();
        // `(…)*` after an element: the first skip stays consumed, as in pest.
        self.skip();
        let mut first = true;
        loop {
            let save = self.pos;
            if !first {
                self.skip();
            }
            first = false;
            if !matches!(self.at(self.pos), b'|' | b'&' | b'=' | b'!' | b'<' | b'>' | b'^' | b'+' | b'-' | b'*' | b'/' | b'%') {
                self.pos = save;
                break;
            }
            let Some(op) = self.attempt(|p| p.infix_op()) else {
                self.pos = save;
                break;
            };
            let Some(rhs) = self.attempt(|p| {
                p.skip();
                p.operand(true)
            }) else {
                self.pos = save;
                break;
            };
            ops.push(op);
            operands.push(rhs);
        }
        let mut operands: Vec<Expr> = operands.into_iter().map(|(pre, e)| apply_prefixes(pre, e)).collect::<Vec<_>>();
        Some(climb(&mut operands, &ops))
    }

    fn postfix_expr(&mut self) -> O<Expr> {
        let mut e = self.primary()?;
        self.skip();
        let mut first = true;
        loop {
            let save = self.pos;
            if !first {
                self.skip();
            }
            first = false;
            let pstart = self.pos;
            if self.lit(".") {
                self.skip();
                match self.ident() {
                    Some(name) => {
                        let span = e.span.to(self.span(pstart));
                        e = Expr { kind: ExprKind::Member(Box::new(e), name), span };
                        continue;
                    }
                    None => {
                        self.pos = save;
                        return Some(e);
                    }
                }
            }
            if self.lit("(") {
                match self.attempt(|p| {
                    let a = p.args()?;
                    p.then(")")?;
                    Some(a)
                }) {
                    Some(args) => {
                        let span = e.span.to(self.span(pstart));
                        e = Expr { kind: ExprKind::Call(Box::new(e), args), span };
                        continue;
                    }
                    None => {
                        self.pos = save;
                        return Some(e);
                    }
                }
            }
            self.pos = save;
            return Some(e);
        }
    }

    /// `(arg ~ ("," ~ arg)* ~ ","?)?` after a skip.
    fn args(&mut self) -> O<Vec<Arg>> {
        Some(self.comma_list(|p| {
            if let Some(l) = p.attempt(|p| {
                let param = p.ident()?;
                p.then("=>")?;
                p.skip();
                let body = p.expr()?;
                Some(Lambda { param, body: Box::new(body) })
            }) {
                return Some(Arg::Lambda(l));
            }
            p.expr().map(Arg::Expr)
        }))
    }

    fn primary(&mut self) -> O<Expr> {
        let start = self.pos;
        let c = self.at(self.pos);
        let kind = if c.is_ascii_digit() {
            let n = self.int()?;
            let save = self.pos;
            self.skip();
            if self.word("msat") {
                ExprKind::Amount(n, AmountUnit::Msat)
            } else if self.word("sat") {
                ExprKind::Amount(n, AmountUnit::Sat)
            } else {
                self.pos = save;
                ExprKind::Int(n)
            }
        } else if c.is_ascii_uppercase() {
            let save = self.pos;
            let name = self.ident_raw()?;
            self.skip();
            match self.attempt(|p| p.field_inits()) {
                Some(inits) => ExprKind::Record(name, inits),
                None => {
                    self.pos = save;
                    ExprKind::Name(self.ident()?)
                }
            }
        } else if c == b'(' {
            self.pos += 1;
            self.skip();
            let e = self.expr()?;
            self.then(")")?;
            ExprKind::Paren(Box::new(e))
        } else if c == b'[' {
            self.pos += 1;
            let args = self.args()?;
            self.then("]")?;
            ExprKind::List(args)
        } else if c == b'"' {
            ExprKind::Str(self.string()?)
        } else {
            let special = if matches!(c, b't' | b'f' | b'h' | b'i' | b'r' | b'm' | b'p') {
                self.attempt(|p| p.keyword_primary())
            } else {
                None
            };
            match special {
                Some(k) => k,
                None => ExprKind::Name(self.ident()?),
            }
        };
        Some(Expr { kind, span: self.span(start) })
    }

    /// `bool_lit | hex_lit | if_expr | raw_script | miniscript | policy`.
    fn keyword_primary(&mut self) -> O<ExprKind> {
        if self.word("true") {
            return Some(ExprKind::Bool(true));
        }
        if self.word("false") {
            return Some(ExprKind::Bool(false));
        }
        if let Some(b) = self.attempt(|p| p.hex()) {
            return Some(ExprKind::Bytes(b));
        }
        if let Some(k) = self.attempt(|p| {
            p.lit("if").then_some(())?;
            p.skip();
            let c = p.expr()?;
            p.then("then")?;
            p.skip();
            let t = p.expr()?;
            p.then("else")?;
            p.skip();
            let f = p.expr()?;
            Some(ExprKind::If(Box::new(c), Box::new(t), Box::new(f)))
        }) {
            return Some(k);
        }
        if let Some(k) = self.attempt(|p| {
            p.lit("raw").then_some(())?;
            p.then("{")?;
            let elems = p.many(|p| p.script_elem());
            p.then("}")?;
            Some(ExprKind::RawScript(elems))
        }) {
            return Some(k);
        }
        for (kw, policy) in [("miniscript", false), ("policy", true)] {
            if let Some(k) = self.attempt(|p| {
                p.lit(kw).then_some(())?;
                p.then("{")?;
                p.skip();
                let n = p.ms_node()?;
                p.then("}")?;
                Some(if policy { ExprKind::Policy(n) } else { ExprKind::Miniscript(n) })
            }) {
                return Some(k);
            }
        }
        None
    }

    fn script_elem(&mut self) -> O<ScriptElem> {
        if self.peek("OP_") && is_ident_char(self.at(self.pos + 3)) {
            let start = self.pos;
            self.pos += 3;
            while is_ident_char(self.at(self.pos)) {
                self.pos += 1;
            }
            return Some(ScriptElem::Opcode(Ident { name: self.src[start..self.pos].to_string(), span: self.span(start) }));
        }
        if self.at(self.pos) == b'<' {
            return self.attempt(|p| {
                p.pos += 1;
                p.skip();
                let e = p.postfix_expr()?;
                p.then(">")?;
                Some(ScriptElem::Push(e))
            });
        }
        if let Some(b) = self.attempt(|p| p.hex()) {
            return Some(ScriptElem::Bytes(b));
        }
        self.int().map(ScriptElem::Int)
    }

    fn ms_node(&mut self) -> O<MsNode> {
        let weight = self.attempt(|p| {
            let w = p.int()?;
            p.then("@")?;
            Some(w)
        });
        if weight.is_some() {
            self.skip();
        }
        let start = self.pos;
        if self.at(self.pos) == b'<' {
            if let Some(e) = self.attempt(|p| {
                p.pos += 1;
                p.skip();
                let e = p.postfix_expr()?;
                p.then(">")?;
                Some(e)
            }) {
                return Some(MsNode::Placeholder { weight, value: Box::new(e), span: self.span(start) });
            }
        }
        let c = self.at(self.pos);
        if c.is_ascii_alphabetic() || c == b'_' {
            let mut end = self.pos + 1;
            while is_ident_char(self.at(end)) || self.at(end) == b':' {
                end += 1;
            }
            let name = Ident { name: self.src[start..end].to_string(), span: Span::new(self.file, start, end) };
            self.pos = end;
            let args = self.opt(|p| {
                p.lit("(").then_some(())?;
                p.skip();
                let mut args = vec![p.ms_node()?];
                args.extend(p.many(|p| {
                    p.lit(",").then_some(())?;
                    p.skip();
                    p.ms_node()
                }));
                p.then(")")?;
                Some(args)
            });
            return Some(MsNode::Call { weight, name, args: args.unwrap_or_default(), span: self.span(start) });
        }
        let value = self.int()?;
        Some(MsNode::Int { weight, value })
    }
}

fn apply_prefixes(prefixes: Vec<(UnOp, Span)>, mut e: Expr) -> Expr {
    for (op, span) in prefixes.into_iter().rev() {
        let whole = span.to(e.span);
        e = Expr { kind: ExprKind::Unary(op, Box::new(e)), span: whole };
    }
    e
}

/// Precedence climbing over `operands[0] ops[0] operands[1] …`, left-associative.
fn climb(operands: &mut Vec<Expr>, ops: &[BinOp]) -> Expr {
    let mut values: Vec<Expr> = Vec::with_capacity(operands.len());
    let mut pending: Vec<BinOp> = Vec::new();
    let mut rest = std::mem::take(operands).into_iter();
    if let Some(first) = rest.next() {
        values.push(first);
    }
    let reduce = |values: &mut Vec<Expr>, op: BinOp| {
        let r = values.pop();
        let l = values.pop();
        if let (Some(l), Some(r)) = (l, r) {
            let span = l.span.to(r.span);
            values.push(Expr { kind: ExprKind::Binary(op, Box::new(l), Box::new(r)), span });
        }
    };
    for (op, rhs) in ops.iter().zip(rest) {
        while pending.last().is_some_and(|top| top.precedence() >= op.precedence()) {
            if let Some(top) = pending.pop() {
                reduce(&mut values, top);
            }
        }
        pending.push(*op);
        values.push(rhs);
    }
    while let Some(top) = pending.pop() {
        reduce(&mut values, top);
    }
    values.pop().unwrap_or(Expr { kind: ExprKind::Bool(false), span: Span::default() })
}
