//! The canonical layout of a spec: what `lnpc fmt` writes.
//!
//! The printer walks the AST, so layout is decided here and nowhere else:
//! two-space indentation, one item or statement per line, short field lists
//! on one line (at most [`WIDTH`] columns) and long ones one field per line
//! with trailing commas, operators spaced, parentheses exactly as written.
//! What the AST does not hold is taken from the source: comments (every one
//! is kept, in order) and the blank lines a writer left between items or
//! statements (at most one). Raw scripts keep their line breaks and are
//! indented by their `OP_IF` nesting.
//!
//! It does not check anything: a file that parses is printed, whatever its
//! meaning. Printing is idempotent, and the printed text parses to the same
//! tree (tested by a property test over generated specs).

use crate::ast::*;
use crate::diag::Diagnostic;
use crate::parse::parse_unit;

/// The line width a one-line form must fit in.
pub const WIDTH: usize = 100;

/// Parses `text` and prints it in canonical layout.
pub fn format_source(file: u32, text: &str) -> Result<String, Diagnostic> {
    let unit = parse_unit(file, text)?;
    let mut p = Printer { src: text, comments: scan_comments(text), next: 0, out: String::new(), indent: 0 };
    p.unit(&unit);
    Ok(p.out)
}

#[derive(Debug, Clone)]
struct Comment {
    start: usize,
    end: usize,
    /// Nothing but whitespace before it on its line.
    own_line: bool,
}

/// Every `//` and `/* */` comment outside string and hex literals.
fn scan_comments(text: &str) -> Vec<Comment> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') || b.get(i + 1) == Some(&b'*') => {
                let start = i;
                let end = if b[i + 1] == b'/' {
                    text[i..].find('\n').map_or(b.len(), |n| i + n)
                } else {
                    text[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2)
                };
                let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
                let own_line = text[line_start..start].trim().is_empty();
                out.push(Comment { start, end, own_line });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

struct Printer<'a> {
    src: &'a str,
    comments: Vec<Comment>,
    next: usize,
    out: String,
    indent: usize,
}

impl Printer<'_> {
    fn pad(&self) -> String {
        "  ".repeat(self.indent)
    }

    /// Starts a new line at the current indentation.
    fn line(&mut self, text: &str) {
        let pad = self.pad();
        self.out.push_str(&pad);
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// Prints the comments that start before `pos`: trailing ones after the
    /// previous line's code, the others on their own lines.
    fn comments_before(&mut self, pos: usize) {
        while self.next < self.comments.len() && self.comments[self.next].start < pos {
            let c = self.comments[self.next].clone();
            self.next += 1;
            let text = self.src[c.start..c.end].trim_end();
            if !c.own_line && self.out.ends_with('\n') && !self.out.trim_end().ends_with('{') && !self.out.is_empty() {
                self.out.pop();
                self.out.push_str("  ");
                self.out.push_str(text);
                self.out.push('\n');
            } else if !c.own_line && self.out.ends_with("{\n") {
                self.out.pop();
                self.out.push(' ');
                self.out.push_str(text);
                self.out.push('\n');
            } else {
                for (i, l) in text.lines().enumerate() {
                    if i == 0 {
                        self.line(l.trim_start());
                    } else {
                        // Inner lines of a block comment are kept as written.
                        self.out.push_str(l);
                        self.out.push('\n');
                    }
                }
                // A blank line the writer left after the comment stays.
                let until = self.comments.get(self.next).map_or(pos, |n| n.start.min(pos)).min(self.src.len());
                let gap = &self.src[c.end.min(until)..until];
                if gap.matches('\n').count() >= 2 && gap.trim().is_empty() {
                    self.out.push('\n');
                }
            }
        }
    }

    /// Whether a comment lies inside `span`.
    fn has_comment_in(&self, span: Span) -> bool {
        self.comments[self.next..].iter().any(|c| c.start >= span.start as usize && c.start < span.end as usize)
    }

    /// A blank line where the source had one between the previous node and `pos`
    /// (comments in between do not count as content).
    fn blank_before(&mut self, prev_end: Option<usize>, pos: usize) {
        let Some(mut prev) = prev_end else { return };
        // Comments on the previous node's last line trail it.
        while let Some(c) = self.comments.get(self.next).cloned() {
            if c.start >= pos || c.own_line || self.src[prev.min(c.start)..c.start].contains('\n') {
                break;
            }
            self.next += 1;
            let text = self.src[c.start..c.end].trim_end();
            if self.out.ends_with('\n') {
                self.out.pop();
            }
            self.out.push_str("  ");
            self.out.push_str(text);
            self.out.push('\n');
            prev = c.end;
        }
        let gap = &self.src[prev.min(pos)..pos];
        let mut blank = false;
        let mut line_has_content = true;
        for ch in gap.chars() {
            if ch == '\n' {
                if !line_has_content {
                    blank = true;
                }
                line_has_content = false;
            } else if !ch.is_whitespace() {
                line_has_content = true;
            }
        }
        if blank && !self.out.ends_with("\n\n") && !self.out.ends_with("{\n") {
            self.out.push('\n');
        }
    }

    fn unit(&mut self, u: &Unit) {
        self.comments_before(u.span.start as usize);
        let kw = if u.kind == UnitKind::Protocol { "protocol" } else { "module" };
        self.line(&format!("{kw} {} {{", u.name.name));
        self.indent += 1;
        let mut prev: Option<usize> = None;
        for item in &u.items {
            let span = item_span(item);
            self.blank_before(prev, span.start as usize);
            self.comments_before(span.start as usize);
            self.item(item);
            prev = Some(span.end as usize);
        }
        let close = u.span.end as usize - 1;
        if let Some(p) = prev {
            self.blank_before(Some(p), close);
        }
        self.comments_before(close);
        self.indent -= 1;
        self.line("}");
        self.comments_before(usize::MAX);
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Import(id) => self.line(&format!("import {};", id.name)),
            Item::Roles(r) => {
                let names: Vec<&str> = r.roles.iter().map(|r| r.name.as_str()).collect();
                self.line(&format!("roles {};", names.join(", ")));
            }
            Item::Param(p) => {
                let default = p.default.as_ref().map(|d| format!(" = {}", expr(d))).unwrap_or_default();
                self.line(&format!("param {}: {}{default};", p.name.name, ty(&p.ty)));
            }
            Item::Const(c) => self.line(&format!("const {}: {} = {};", c.name.name, ty(&c.ty), expr(&c.value))),
            Item::Record(r) => self.fielded("record", &r.name.name, "", &r.fields, item_span(item), None),
            Item::Enum(e) => {
                let vs: Vec<&str> = e.variants.iter().map(|v| v.name.as_str()).collect();
                self.line(&format!("enum {} {{ {} }}", e.name.name, vs.join(", ")));
            }
            Item::Message(m) => {
                let head = format!(" = {}", m.wire_type.text);
                let tlv = if m.has_tlv_block { Some(&m.tlvs[..]) } else { None };
                self.fielded("message", &m.name.name, &head, &m.fields, item_span(item), tlv);
            }
            Item::Command(c) => self.fielded("command", &c.name.name, "", &c.fields, item_span(item), None),
            Item::Event(e) => self.fielded("event", &e.name.name, "", &e.fields, item_span(item), None),
            Item::Timer(t) => self.line(&format!("timer {};", t.name)),
            Item::Interface(i) => {
                if i.fns.is_empty() && !self.has_comment_in(item_span(item)) {
                    self.line(&format!("interface {} {{}}", i.name.name));
                    return;
                }
                self.line(&format!("interface {} {{", i.name.name));
                self.indent += 1;
                let mut prev = None;
                for f in &i.fns {
                    self.blank_before(prev, f.span.start as usize);
                    self.comments_before(f.span.start as usize);
                    self.line(&format!("{};", sig(f)));
                    prev = Some(f.span.end as usize);
                }
                self.comments_before(item_span(item).end as usize - 1);
                self.indent -= 1;
                self.line("}");
            }
            Item::Slot(s) => self.line(&format!("slot {}: {};", s.name.name, s.interface)),
            Item::Fill(f) => self.line(&format!("fill {} with {};", f.slot, f.with.name)),
            Item::Function(f) => {
                let head = sig(&f.sig);
                if let ExprKind::RawScript(elems) = &f.body.kind {
                    let one = format!("{head} = {};", expr(&f.body));
                    if !self.multiline_script(elems, f.body.span) && self.fits(&one) {
                        self.line(&one);
                    } else {
                        self.line(&format!("{head} ="));
                        self.indent += 1;
                        self.raw_script_block(elems, f.body.span, ";");
                        self.indent -= 1;
                    }
                    return;
                }
                let one = format!("{head} = {};", expr(&f.body));
                if self.fits(&one) {
                    self.line(&one);
                } else {
                    self.line(&format!("{head} ="));
                    self.indent += 1;
                    self.line(&format!("{};", expr(&f.body)));
                    self.indent -= 1;
                }
            }
            Item::State(s) => {
                let kw = match s.kind {
                    StateKind::Initial => "initial state",
                    StateKind::Normal => "state",
                    StateKind::Terminal => "terminal state",
                };
                self.fielded(kw, &s.name.name, "", &s.fields, item_span(item), None);
            }
            Item::Transition(t) => self.transition(t),
            Item::Template(t) => {
                self.line(&format!("template {}({}) {{", t.name.name, fields_inline(&t.params)));
                self.indent += 1;
                self.tx_items(&t.items);
                self.comments_before(t.span.end as usize - 1);
                self.indent -= 1;
                self.line("}");
            }
            Item::Property(p) => {
                let kw = match p.kind {
                    PropertyKind::Invariant => "invariant",
                    PropertyKind::Sometimes => "sometimes",
                    PropertyKind::Eventually => "eventually",
                };
                let states = p.states.as_ref().map(|s| format!(" in {}", state_set(s))).unwrap_or_default();
                let cond = p.cond.as_ref().map(|c| format!(": {}", expr(c))).unwrap_or_default();
                self.line(&format!("{kw} {}{states}{cond};", p.name.name));
            }
        }
    }

    fn fits(&self, line: &str) -> bool {
        self.indent * 2 + line.chars().count() <= WIDTH && !line.contains('\n')
    }

    /// `kw name head { fields }` on one line when short and comment-free, else one field per line.
    fn fielded(&mut self, kw: &str, name: &str, head: &str, fields: &[Field], span: Span, tlv: Option<&[TlvRecord]>) {
        let one = if fields.is_empty() {
            format!("{kw} {name}{head} {{}}")
        } else {
            format!("{kw} {name}{head} {{ {} }}", fields_inline(fields))
        };
        if tlv.is_none() && !self.has_comment_in(span) && self.fits(&one) {
            self.line(&one);
            return;
        }
        self.line(&format!("{kw} {name}{head} {{"));
        self.indent += 1;
        let mut prev = None;
        for f in fields {
            self.blank_before(prev, f.name.span.start as usize);
            self.comments_before(f.name.span.start as usize);
            self.line(&format!("{}: {},", f.name.name, ty(&f.ty)));
            prev = Some(f.ty.span().end as usize);
        }
        if let Some(records) = tlv {
            if records.is_empty() {
                self.line("tlv {}");
            } else {
                self.line("tlv {");
                self.indent += 1;
                for r in records {
                    self.comments_before(r.name.span.start as usize);
                    self.line(&format!("{}: {} = {},", r.name.name, ty(&r.ty), r.tlv_type.text));
                }
                self.indent -= 1;
                self.line("}");
            }
        }
        self.comments_before(span.end as usize - 1);
        self.indent -= 1;
        self.line("}");
    }

    fn transition(&mut self, t: &Transition) {
        let mut head = format!("on {} in {}", trigger(&t.trigger), state_set(&t.from));
        if let Some(to) = &t.to {
            head.push_str(&format!(" -> {to}"));
        }
        if let Some(w) = &t.when {
            head.push_str(&format!(" when {}", expr(w)));
        }
        if t.body.is_empty() && !self.has_comment_in(t.span) {
            self.line(&format!("{head} {{}}"));
            return;
        }
        self.line(&format!("{head} {{"));
        self.block(&t.body, t.span.end as usize - 1);
        self.line("}");
    }

    /// The statements of a block, then the comments before its closing brace.
    fn block(&mut self, stmts: &[Stmt], close: usize) {
        self.indent += 1;
        let mut prev = None;
        for s in stmts {
            let sp = s.span();
            self.blank_before(prev, sp.start as usize);
            self.comments_before(sp.start as usize);
            self.stmt(s);
            prev = Some(sp.end as usize);
        }
        self.comments_before(close);
        self.indent -= 1;
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Let { name, ty: t, value, .. } => {
                let t = t.as_ref().map(|t| format!(": {}", ty(t))).unwrap_or_default();
                self.assignment(&format!("let {}{t} =", name.name), value);
            }
            Stmt::Require { cond, failure: f, .. } => {
                self.line(&format!("require {} else {};", expr(cond), failure(f)))
            }
            Stmt::Fail { failure: f, .. } => self.line(&format!("fail {};", failure(f))),
            Stmt::If { .. } => self.if_stmt(s, ""),
            Stmt::For { var, iter, body, span } => {
                self.line(&format!("for {} in {} {{", var.name, expr(iter)));
                self.block(body, span.end as usize - 1);
                self.line("}");
            }
            Stmt::Send { message, fields, span } => self.inits_stmt(&format!("send {message}"), fields, *span),
            Stmt::Emit { event, fields, span } => self.inits_stmt(&format!("emit {event}"), fields, *span),
            Stmt::Broadcast { tx, .. } => self.line(&format!("broadcast {};", expr(tx))),
            Stmt::Watch { kind, args, name, .. } => {
                let k = if *kind == WatchKind::Confirm { "confirm" } else { "spend" };
                let a: Vec<String> = args.iter().map(expr).collect();
                self.line(&format!("watch {k}({}) as {};", a.join(", "), name.name));
            }
            Stmt::StartTimer { timer, after, .. } => self.line(&format!("start {timer} after {};", expr(after))),
            Stmt::StopTimer { timer, .. } => self.line(&format!("stop {timer};")),
            Stmt::Assign { target, op, value, .. } => {
                let op = match op {
                    AssignOp::Set => "=",
                    AssignOp::Add => "+=",
                    AssignOp::Sub => "-=",
                };
                self.assignment(&format!("{} {op}", target.name), value);
            }
            Stmt::Put { archive, key, value, .. } => self.assignment(&format!("{}[{}] =", archive.name, expr(key)), value),
        }
    }

    /// `if … { … } else if … { … } else { … }`; `lead` prefixes the first line (`} else `).
    fn if_stmt(&mut self, s: &Stmt, lead: &str) {
        let Stmt::If { cond, then, then_block, otherwise, span } = s else { return };
        self.line(&format!("{lead}if {} {{", expr(cond)));
        self.block(then, then_block.end as usize - 1);
        match otherwise {
            None => self.line("}"),
            Some(o) if o.len() == 1 && matches!(o[0], Stmt::If { .. }) && is_else_if(self.src, s) => {
                self.if_stmt_continued(&o[0]);
            }
            Some(o) => {
                self.line("} else {");
                self.block(o, span.end as usize - 1);
                self.line("}");
            }
        }
    }

    fn if_stmt_continued(&mut self, s: &Stmt) {
        // `} else if …`: the closing brace of the previous branch opens this line.
        let pad = self.pad();
        if self.out.ends_with(&format!("{pad}}}\n")) {
            let cut = self.out.len() - pad.len() - 2;
            self.out.truncate(cut);
        }
        self.if_stmt(s, "} else ");
    }

    /// `head value;`, with a record literal too long for one line broken one field per line.
    fn assignment(&mut self, head: &str, value: &Expr) {
        let one = format!("{head} {};", expr(value));
        match &value.kind {
            ExprKind::Record(name, fields) if !self.fits(&one) || self.has_comment_in(value.span) => {
                self.line(&format!("{head} {} {{", name.name));
                self.indent += 1;
                for f in fields {
                    self.comments_before(f.name.span.start as usize);
                    self.line(&format!("{},", init(f)));
                }
                self.comments_before(value.span.end as usize - 1);
                self.indent -= 1;
                self.line("};");
            }
            _ => self.line(&one),
        }
    }

    fn inits_stmt(&mut self, head: &str, fields: &[FieldInit], span: Span) {
        let one = format!("{head} {};", inits(fields));
        if !self.has_comment_in(span) && self.fits(&one) {
            self.line(&one);
            return;
        }
        self.line(&format!("{head} {{"));
        self.indent += 1;
        for f in fields {
            self.comments_before(f.name.span.start as usize);
            self.line(&format!("{},", init(f)));
        }
        self.comments_before(span.end as usize - 1);
        self.indent -= 1;
        self.line("};");
    }

    fn tx_items(&mut self, items: &[TxItem]) {
        let mut prev = None;
        for item in items {
            let sp = tx_span(item);
            self.blank_before(prev, sp.start as usize);
            self.comments_before(sp.start as usize);
            match item {
                TxItem::Version(e) => self.line(&format!("version {};", expr(e))),
                TxItem::Locktime(e) => self.line(&format!("locktime {};", expr(e))),
                TxItem::Input(i) => {
                    let mut l = format!("input {} = {}", i.name.name, expr(&i.outpoint));
                    if let Some(a) = &i.amount {
                        l.push_str(&format!(" amount {}", expr(a)));
                    }
                    if let Some(s) = &i.script {
                        l.push_str(&format!(" script {}", expr(s)));
                    }
                    if let Some(s) = &i.sequence {
                        l.push_str(&format!(" sequence {}", expr(s)));
                    }
                    if let Some(s) = i.sighash {
                        l.push_str(&format!(" sighash {}", s.keyword()));
                    }
                    if let Some(w) = &i.witness {
                        let ws: Vec<String> = w.iter().map(expr).collect();
                        l.push_str(&format!(" witness [{}]", ws.join(", ")));
                    }
                    self.line(&format!("{l};"));
                }
                TxItem::Output(o) => {
                    let mut l = format!("output {} amount {} script {}", o.name.name, expr(&o.amount), expr(&o.script));
                    if let Some(w) = &o.when {
                        l.push_str(&format!(" when {}", expr(w)));
                    }
                    if let Some(t) = &o.tiebreak {
                        l.push_str(&format!(" tiebreak {}", expr(t)));
                    }
                    self.line(&format!("{l};"));
                }
                TxItem::For { var, iter, items, span } => {
                    self.line(&format!("for {} in {} {{", var.name, expr(iter)));
                    self.indent += 1;
                    self.tx_items(items);
                    self.comments_before(span.end as usize - 1);
                    self.indent -= 1;
                    self.line("}");
                }
                TxItem::Order { base, then_tiebreak, .. } => {
                    let b = if *base == OrderBase::Bip69 { "bip69" } else { "declared" };
                    let t = if *then_tiebreak { " then tiebreak" } else { "" };
                    self.line(&format!("order {b}{t};"));
                }
            }
            prev = Some(sp.end as usize);
        }
    }

    /// Whether the writer broke a raw script over several lines.
    fn multiline_script(&self, _elems: &[ScriptElem], span: Span) -> bool {
        self.src.get(span.start as usize..span.end as usize).is_some_and(|s| s.contains('\n'))
    }

    /// A raw script over several lines: line breaks as written, indented by `OP_IF` depth.
    fn raw_script_block(&mut self, elems: &[ScriptElem], span: Span, after: &str) {
        self.line("raw {");
        self.indent += 1;
        let base = self.indent;
        let mut depth = 0usize;
        let mut current: Vec<String> = Vec::new();
        let mut prev_end: Option<usize> = None;
        let flush = |p: &mut Printer, current: &mut Vec<String>, depth_at_start: usize| {
            if !current.is_empty() {
                p.indent = base + depth_at_start;
                let l = current.join(" ");
                p.line(&l);
                current.clear();
            }
        };
        let mut line_depth = 0usize;
        for el in elems {
            let sp = script_elem_span(el);
            let newline = prev_end.is_some_and(|e| self.src[e..sp.start as usize].contains('\n'));
            let has_comment = self.comments[self.next..].iter().any(|c| c.start < sp.start as usize);
            let text = script_elem(el);
            let closes = matches!(text.as_str(), "OP_ELSE" | "OP_ENDIF");
            if newline || has_comment {
                flush(self, &mut current, line_depth);
                self.indent = base + depth.saturating_sub(usize::from(closes));
                self.comments_before(sp.start as usize);
                line_depth = depth.saturating_sub(usize::from(closes));
            } else if current.is_empty() {
                line_depth = depth.saturating_sub(usize::from(closes));
            }
            match text.as_str() {
                "OP_IF" | "OP_NOTIF" => depth += 1,
                "OP_ENDIF" => depth = depth.saturating_sub(1),
                _ => {}
            }
            current.push(text);
            prev_end = Some(sp.end as usize);
        }
        flush(self, &mut current, line_depth);
        self.indent = base;
        self.comments_before(span.end as usize - 1);
        self.indent -= 1;
        self.line(&format!("}}{after}"));
    }
}

fn is_else_if(src: &str, s: &Stmt) -> bool {
    // `else if` as written (not `else { if … }`): the else-branch's `if` follows `else` directly.
    let Stmt::If { otherwise: Some(o), .. } = s else { return false };
    let Some(inner) = o.first() else { return false };
    let start = inner.span().start as usize;
    src[..start].trim_end().ends_with("else")
}

fn item_span(item: &Item) -> Span {
    match item {
        Item::Import(id) | Item::Timer(id) => id.span,
        Item::Roles(r) => r.span,
        Item::Param(p) => p.span,
        Item::Const(c) => c.span,
        Item::Record(r) => r.span,
        Item::Enum(e) => e.span,
        Item::Message(m) => m.span,
        Item::Command(c) => c.span,
        Item::Event(e) => e.span,
        Item::Interface(i) => i.span,
        Item::Slot(s) => s.span,
        Item::Fill(f) => f.span,
        Item::State(s) => s.span,
        Item::Transition(t) => t.span,
        Item::Function(f) => f.sig.span.to(f.body.span),
        Item::Template(t) => t.span,
        Item::Property(p) => p.span,
    }
}

fn tx_span(item: &TxItem) -> Span {
    match item {
        TxItem::Version(e) | TxItem::Locktime(e) => e.span,
        TxItem::Input(i) => i.span,
        TxItem::Output(o) => o.span,
        TxItem::For { span, .. } | TxItem::Order { span, .. } => *span,
    }
}

fn script_elem_span(e: &ScriptElem) -> Span {
    match e {
        ScriptElem::Opcode(id) => id.span,
        ScriptElem::Push(x) => x.span,
        ScriptElem::Bytes(b) => b.span,
        ScriptElem::Int(n) => n.span,
    }
}

fn sig(f: &FnSig) -> String {
    format!("fn {}({}) -> {}", f.name.name, fields_inline(&f.params), ty(&f.ret))
}

fn fields_inline(fields: &[Field]) -> String {
    fields.iter().map(|f| format!("{}: {}", f.name.name, ty(&f.ty))).collect::<Vec<_>>().join(", ")
}

pub fn ty(t: &TypeExpr) -> String {
    match t {
        TypeExpr::Named(p) => p.to_string(),
        TypeExpr::List(inner, _) => format!("list<{}>", ty(inner)),
        TypeExpr::Option(inner, _) => format!("option<{}>", ty(inner)),
        TypeExpr::FixedBytes(n, _) => format!("bytes[{}]", n.text),
        TypeExpr::Archive(k, v, _) => format!("archive<{}, {}>", ty(k), ty(v)),
    }
}

fn trigger(t: &Trigger) -> String {
    let bind = |b: &Option<Ident>| b.as_ref().map(|b| format!(" as {}", b.name)).unwrap_or_default();
    match t {
        Trigger::Recv { message, binding } => format!("recv {message}{}", bind(binding)),
        Trigger::Command { command, binding } => format!("command {command}{}", bind(binding)),
        Trigger::Chain { event, binding } => format!("chain {}{}", event.name, bind(binding)),
        Trigger::Timer { timer } => format!("timer {timer}"),
    }
}

fn state_set(s: &StateSet) -> String {
    match s {
        StateSet::Any(_) => "*".into(),
        StateSet::States(ps) => ps.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", "),
    }
}

fn failure(f: &Failure) -> String {
    let kind = match f.kind {
        FailureKind::Error => "error",
        FailureKind::Warning => "warning",
        FailureKind::Ignore => "ignore",
    };
    match &f.message {
        Some(m) => format!("{kind} {}", string(&m.value)),
        None => kind.to_string(),
    }
}

fn string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn init(f: &FieldInit) -> String {
    match &f.value {
        Some(v) => format!("{}: {}", f.name.name, expr(v)),
        None => f.name.name.to_string(),
    }
}

fn inits(fields: &[FieldInit]) -> String {
    if fields.is_empty() {
        "{}".into()
    } else {
        format!("{{ {} }}", fields.iter().map(init).collect::<Vec<_>>().join(", "))
    }
}

fn arg(a: &Arg) -> String {
    match a {
        Arg::Expr(e) => expr(e),
        Arg::Lambda(l) => format!("{} => {}", l.param.name, expr(&l.body)),
    }
}

fn args(a: &[Arg]) -> String {
    a.iter().map(arg).collect::<Vec<_>>().join(", ")
}

fn script_elem(e: &ScriptElem) -> String {
    match e {
        ScriptElem::Opcode(id) => id.name.to_string(),
        ScriptElem::Push(x) => format!("<{}>", expr(x)),
        ScriptElem::Bytes(b) => hex(&b.bytes),
        ScriptElem::Int(n) => n.text.to_string(),
    }
}

fn hex(bytes: &[u8]) -> String {
    format!("hex\"{}\"", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

fn ms(n: &MsNode) -> String {
    let w = |w: &Option<IntLit>| w.as_ref().map(|w| format!("{}@", w.text)).unwrap_or_default();
    match n {
        MsNode::Call { weight, name, args, .. } => {
            if args.is_empty() {
                format!("{}{}", w(weight), name.name)
            } else {
                format!("{}{}({})", w(weight), name.name, args.iter().map(ms).collect::<Vec<_>>().join(","))
            }
        }
        MsNode::Placeholder { weight, value, .. } => format!("{}<{}>", w(weight), expr(value)),
        MsNode::Int { weight, value } => format!("{}{}", w(weight), value.text),
    }
}

/// An expression on one line, parentheses as written.
pub fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Int(n) => n.text.to_string(),
        ExprKind::Amount(n, u) => format!("{} {}", n.text, if *u == AmountUnit::Sat { "sat" } else { "msat" }),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Bytes(b) => hex(&b.bytes),
        ExprKind::Str(s) => string(&s.value),
        ExprKind::Name(id) => id.name.to_string(),
        ExprKind::Member(r, n) => format!("{}.{}", expr(r), n.name),
        ExprKind::Call(c, a) => format!("{}({})", expr(c), args(a)),
        ExprKind::Unary(op, x) => format!("{}{}", if *op == UnOp::Not { "!" } else { "-" }, expr(x)),
        ExprKind::Binary(op, l, r) => format!("{} {} {}", expr(l), op.symbol(), expr(r)),
        ExprKind::If(c, t, f) => format!("if {} then {} else {}", expr(c), expr(t), expr(f)),
        ExprKind::List(items) => format!("[{}]", args(items)),
        ExprKind::Record(name, fields) => format!("{} {}", name.name, inits(fields)),
        ExprKind::Paren(x) => format!("({})", expr(x)),
        ExprKind::RawScript(elems) => {
            if elems.is_empty() {
                "raw {}".into()
            } else {
                format!("raw {{ {} }}", elems.iter().map(script_elem).collect::<Vec<_>>().join(" "))
            }
        }
        ExprKind::Miniscript(n) => format!("miniscript {{ {} }}", ms(n)),
        ExprKind::Policy(n) => format!("policy {{ {} }}", ms(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(s: &str) -> String {
        match format_source(0, s) {
            Ok(t) => t,
            Err(d) => panic!("{d:?}"),
        }
    }

    #[test]
    fn comments_are_kept_in_place() {
        let src = "// head\nmodule m { // after brace\n  // before a\n  param a: u8 = 1; // trailing a\n\n  /* block\n     two lines */\n  const b: u8 = 2;\n  // before close\n}\n// tail\n";
        let out = fmt(src);
        assert_eq!(
            out,
            "// head\nmodule m { // after brace\n  // before a\n  param a: u8 = 1;  // trailing a\n\n  /* block\n     two lines */\n  const b: u8 = 2;\n  // before close\n}\n// tail\n"
        );
        assert_eq!(fmt(&out), out);
    }

    #[test]
    fn layout_is_canonical() {
        let src = "module m{record R{a:u8,b:list<u16>}\nstate S{x:msat}\ncommand go{}\non command go in S{x+=1 msat;if x>2 msat{x=0 msat;}else{x-=1 msat;}}}";
        let out = fmt(src);
        assert_eq!(
            out,
            "module m {\n  record R { a: u8, b: list<u16> }\n  state S { x: msat }\n  command go {}\n  on command go in S {\n    x += 1 msat;\n    if x > 2 msat {\n      x = 0 msat;\n    } else {\n      x -= 1 msat;\n    }\n  }\n}\n"
        );
    }

    #[test]
    fn the_toy_spec_is_a_fixed_point() {
        let src = include_str!("../../specs/toy/paychan.lnp");
        let once = fmt(src);
        assert_eq!(fmt(&once), once);
    }

    #[test]
    fn raw_scripts_keep_their_lines_and_indent_by_nesting() {
        let src = "module m {\n  fn s(k: Point) -> Script =\n    raw {\n  OP_IF <k>\n OP_ELSE OP_0\n      OP_ENDIF OP_CHECKSIG\n  };\n}\n";
        let out = fmt(src);
        assert_eq!(
            out,
            "module m {\n  fn s(k: Point) -> Script =\n    raw {\n      OP_IF <k>\n      OP_ELSE OP_0\n      OP_ENDIF OP_CHECKSIG\n    };\n}\n"
        );
    }
}
