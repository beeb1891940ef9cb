//! Expressions, scripts and miniscript of the fast parser.

use super::{apply_prefixes, is_ident_char, O, P};
use crate::ast::*;

impl P<'_> {

    pub(super) fn prefix_op(&mut self) -> O<(UnOp, Span)> {
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

    pub(super) fn infix_op(&mut self) -> O<BinOp> {
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
    pub(super) fn operand(&mut self, first: bool) -> O<(Vec<(UnOp, Span)>, Expr)> {
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

    pub(super) fn expr(&mut self) -> O<Expr> {
        let (pre, first_operand) = self.operand(true)?;
        let first_operand = apply_prefixes(pre, first_operand);
        // Most expressions are one operand: no operator, no allocation.
        let after = self.pos;
        self.skip();
        if !is_infix_start(self.at(self.pos)) {
            return Some(first_operand);
        }
        self.pos = after;
        // Operator precedence on the parser's shared stacks: the operands and
        // operators above these marks belong to this expression (nested
        // expressions push and pop above them and leave them as they were).
        let vals_base = self.vals.len();
        let ops_base = self.ops.len();
        self.vals.push(first_operand);
        // `(…)*` after an element: the first skip stays consumed, as in pest.
        self.skip();
        let mut first = true;
        loop {
            let save = self.pos;
            if !first {
                self.skip();
            }
            first = false;
            if !is_infix_start(self.at(self.pos)) {
                self.pos = save;
                break;
            }
            let Some(op) = self.attempt(|p| p.infix_op()) else {
                self.pos = save;
                break;
            };
            let Some((pre, rhs)) = self.attempt(|p| {
                p.skip();
                p.operand(true)
            }) else {
                self.pos = save;
                break;
            };
            // Left-associative: first fold what binds at least as tightly.
            while self.ops.len() > ops_base && self.ops.last().is_some_and(|top| top.precedence() >= op.precedence()) {
                self.reduce_top();
            }
            self.ops.push(op);
            self.vals.push(apply_prefixes(pre, rhs));
        }
        while self.ops.len() > ops_base {
            self.reduce_top();
        }
        let e = self.vals.pop();
        debug_assert_eq!(self.vals.len(), vals_base);
        e
    }

    /// Replaces the top two operands with their combination by the top operator.
    fn reduce_top(&mut self) {
        let (Some(op), Some(r), Some(l)) = (self.ops.pop(), self.vals.pop(), self.vals.pop()) else { return };
        let span = l.span.to(r.span);
        self.vals.push(Expr { kind: ExprKind::Binary(op, Box::new(l), Box::new(r)), span });
    }

    pub(super) fn postfix_expr(&mut self) -> O<Expr> {
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
    pub(super) fn args(&mut self) -> O<Vec<Arg>> {
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

    pub(super) fn primary(&mut self) -> O<Expr> {
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
    pub(super) fn keyword_primary(&mut self) -> O<ExprKind> {
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
                Some(if policy { ExprKind::Policy(Box::new(n)) } else { ExprKind::Miniscript(Box::new(n)) })
            }) {
                return Some(k);
            }
        }
        None
    }

    pub(super) fn script_elem(&mut self) -> O<ScriptElem> {
        if self.peek("OP_") && is_ident_char(self.at(self.pos + 3)) {
            let start = self.pos;
            self.pos += 3;
            while is_ident_char(self.at(self.pos)) {
                self.pos += 1;
            }
            return Some(ScriptElem::Opcode(Ident { name: Name::new(&self.src[start..self.pos]), span: self.span(start) }));
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

    pub(super) fn ms_node(&mut self) -> O<MsNode> {
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
            let name = Ident { name: Name::new(&self.src[start..end]), span: Span::new(self.file, start, end) };
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

/// Whether `c` can begin an infix operator.
fn is_infix_start(c: u8) -> bool {
    matches!(c, b'|' | b'&' | b'=' | b'!' | b'<' | b'>' | b'^' | b'+' | b'-' | b'*' | b'/' | b'%')
}
