//! Statements, blocks and transaction template items of the fast parser.

use super::{O, P};
use crate::ast::*;
use crate::parse::is_keyword;

impl P<'_> {

    pub(super) fn block(&mut self) -> O<(Vec<Stmt>, Span)> {
        let start = self.pos;
        self.lit("{").then_some(())?;
        let stmts = self.many(|p| p.stmt());
        self.then("}")?;
        Some((stmts, self.span(start)))
    }

    pub(super) fn failure(&mut self) -> O<Failure> {
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

    pub(super) fn field_inits(&mut self) -> O<Vec<FieldInit>> {
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

    pub(super) fn stmt(&mut self) -> O<Stmt> {
        macro_rules! try_stmt {
            ($f:ident) => {
                if let Some(s) = self.attempt(|p| p.$f()) {
                    return Some(s);
                }
            };
        }
        try_stmt!(put_stmt);
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

    pub(super) fn assign_stmt(&mut self) -> O<Stmt> {
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

    pub(super) fn put_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        let archive = self.ident_raw()?;
        if is_keyword(&archive.name) {
            return None;
        }
        self.then("[")?;
        self.skip();
        let key = self.expr()?;
        self.then("]")?;
        self.then("=")?;
        self.skip();
        let value = self.expr()?;
        self.then(";")?;
        Some(Stmt::Put { archive, key, value, span: self.span(start) })
    }

    pub(super) fn let_stmt(&mut self) -> O<Stmt> {
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

    pub(super) fn require_stmt(&mut self) -> O<Stmt> {
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

    pub(super) fn fail_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("fail").then_some(())?;
        self.skip();
        let failure = self.failure()?;
        self.then(";")?;
        Some(Stmt::Fail { failure, span: self.span(start) })
    }

    pub(super) fn if_stmt(&mut self) -> O<Stmt> {
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

    pub(super) fn for_stmt(&mut self) -> O<Stmt> {
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

    pub(super) fn send_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("send").then_some(())?;
        self.skip();
        let message = self.path()?;
        self.skip();
        let fields = self.field_inits()?;
        self.then(";")?;
        Some(Stmt::Send { message, fields, span: self.span(start) })
    }

    pub(super) fn emit_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("emit").then_some(())?;
        self.skip();
        let event = self.path()?;
        self.skip();
        let fields = self.field_inits()?;
        self.then(";")?;
        Some(Stmt::Emit { event, fields, span: self.span(start) })
    }

    pub(super) fn broadcast_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("broadcast").then_some(())?;
        self.skip();
        let tx = self.expr()?;
        self.then(";")?;
        Some(Stmt::Broadcast { tx, span: self.span(start) })
    }

    pub(super) fn watch_stmt(&mut self) -> O<Stmt> {
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

    pub(super) fn start_stmt(&mut self) -> O<Stmt> {
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

    pub(super) fn stop_stmt(&mut self) -> O<Stmt> {
        let start = self.pos;
        self.lit("stop").then_some(())?;
        self.skip();
        let timer = self.path()?;
        self.then(";")?;
        Some(Stmt::StopTimer { timer, span: self.span(start) })
    }


    pub(super) fn tx_item(&mut self) -> O<TxItem> {
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
            return Some(TxItem::Input(Box::new(input)));
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
            return Some(TxItem::Output(Box::new(out)));
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
}
