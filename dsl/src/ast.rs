//! The typed syntax tree of one `.lnp` file, free of pest.
//!
//! Every node carries the [`Span`] of the text it came from so that the
//! checker can point at it. The tree says what was written, not what it
//! means: names are unresolved strings and no types are inferred here
//! (that is [`crate::check`]'s job).

pub use crate::name::Name;
use serde::Serialize;

/// A byte range in one source file, with the file's index in the [`crate::SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Span {
    pub file: u32,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: u32, start: usize, end: usize) -> Self {
        Span { file, start: start as u32, end: end as u32 }
    }
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// A name as written, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ident {
    pub name: Name,
    pub span: Span,
}

/// A possibly qualified name: `Normal` or `channel.Normal`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Path {
    pub segments: Vec<Ident>,
    pub span: Span,
}

impl Path {
    /// The last segment: the name itself, without its module.
    pub fn last(&self) -> &Ident {
        // A path always has at least one segment: the grammar requires it.
        &self.segments[self.segments.len() - 1]
    }
    /// `Some(module)` when qualified as `module.name`.
    pub fn qualifier(&self) -> Option<&Ident> {
        if self.segments.len() > 1 { self.segments.first() } else { None }
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, s) in self.segments.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            f.write_str(&s.name)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum UnitKind {
    /// A composition root: becomes a runnable machine; every slot must be filled.
    Protocol,
    /// A reusable part that protocols import.
    Module,
}

/// One file: one protocol or module.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    pub kind: UnitKind,
    pub name: Ident,
    pub items: Vec<Item>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Item {
    Import(Ident),
    Roles(Roles),
    Param(Param),
    Const(Const),
    Record(Record),
    Enum(EnumDecl),
    Message(Message),
    Command(Command),
    Event(EventDecl),
    Timer(Ident),
    Interface(Interface),
    Slot(Slot),
    Fill(Fill),
    State(State),
    Transition(Transition),
    Function(Function),
    Template(Template),
    Property(Property),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Roles {
    pub roles: Vec<Ident>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Param {
    pub name: Ident,
    pub ty: TypeExpr,
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Const {
    pub name: Ident,
    pub ty: TypeExpr,
    pub value: Expr,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    pub name: Ident,
    pub ty: TypeExpr,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub name: Ident,
    pub fields: Vec<Field>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumDecl {
    pub name: Ident,
    pub variants: Vec<Ident>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message {
    pub name: Ident,
    /// The BOLT 1 message type number.
    pub wire_type: IntLit,
    pub fields: Vec<Field>,
    /// The TLV stream's records; empty when the message has no `tlv` block.
    pub tlvs: Vec<TlvRecord>,
    pub has_tlv_block: bool,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TlvRecord {
    pub name: Ident,
    pub ty: TypeExpr,
    pub tlv_type: IntLit,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Command {
    pub name: Ident,
    pub fields: Vec<Field>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventDecl {
    pub name: Ident,
    pub fields: Vec<Field>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FnSig {
    pub name: Ident,
    pub params: Vec<Field>,
    pub ret: TypeExpr,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interface {
    pub name: Ident,
    pub fns: Vec<FnSig>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slot {
    pub name: Ident,
    pub interface: Path,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fill {
    /// `module.slot`
    pub slot: Path,
    pub with: Ident,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Function {
    pub sig: FnSig,
    pub body: Expr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StateKind {
    Initial,
    Normal,
    Terminal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct State {
    pub kind: StateKind,
    pub name: Ident,
    pub fields: Vec<Field>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Trigger {
    /// A peer message arrives: `recv open_channel as m`.
    Recv { message: Path, binding: Option<Ident> },
    /// The user asks: `command open as c`.
    Command { command: Path, binding: Option<Ident> },
    /// A watched chain condition happened: `chain funding_locked as e`.
    Chain { event: Ident, binding: Option<Ident> },
    /// A started timer fired: `timer ping_timeout`.
    Timer { timer: Path },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum StateSet {
    /// `*`: every state that is not terminal.
    Any(Span),
    States(Vec<Path>),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transition {
    pub trigger: Trigger,
    pub trigger_span: Span,
    pub from: StateSet,
    /// `None`: stay in the same state.
    pub to: Option<Path>,
    /// Selects this transition among several for the same trigger and state.
    pub when: Option<Expr>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FailureKind {
    /// Send a BOLT 1 `error` and fail the channel.
    Error,
    /// Send a BOLT 1 `warning` and drop the input.
    Warning,
    /// Drop the input silently.
    Ignore,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub kind: FailureKind,
    pub message: Option<StrLit>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StrLit {
    pub value: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AssignOp {
    Set,
    Add,
    Sub,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WatchKind {
    /// A transaction reaching a depth: `confirm(txid, depth)`.
    Confirm,
    /// An outpoint being spent: `spend(outpoint)`.
    Spend,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldInit {
    pub name: Ident,
    /// `None` for the shorthand `{ amount }`, meaning `{ amount: amount }`.
    pub value: Option<Expr>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Stmt {
    Let { name: Ident, ty: Option<TypeExpr>, value: Expr, span: Span },
    Require { cond: Expr, failure: Failure, span: Span },
    Fail { failure: Failure, span: Span },
    /// `then_block` is the span of the `{ … }` of the first branch.
    If { cond: Expr, then: Vec<Stmt>, then_block: Span, otherwise: Option<Vec<Stmt>>, span: Span },
    For { var: Ident, iter: Expr, body: Vec<Stmt>, span: Span },
    Send { message: Path, fields: Vec<FieldInit>, span: Span },
    Broadcast { tx: Expr, span: Span },
    Watch { kind: WatchKind, args: Vec<Expr>, name: Ident, span: Span },
    Emit { event: Path, fields: Vec<FieldInit>, span: Span },
    StartTimer { timer: Path, after: Expr, span: Span },
    StopTimer { timer: Path, span: Span },
    Assign { target: Ident, op: AssignOp, value: Expr, span: Span },
    /// `archive[key] = value;`: an entry put into an `archive<K, V>` field.
    Put { archive: Ident, key: Expr, value: Expr, span: Span },
}

impl Stmt {
    pub fn span(&self) -> Span {
        match self {
            Stmt::Let { span, .. }
            | Stmt::Require { span, .. }
            | Stmt::Fail { span, .. }
            | Stmt::If { span, .. }
            | Stmt::For { span, .. }
            | Stmt::Send { span, .. }
            | Stmt::Broadcast { span, .. }
            | Stmt::Watch { span, .. }
            | Stmt::Emit { span, .. }
            | Stmt::StartTimer { span, .. }
            | Stmt::StopTimer { span, .. }
            | Stmt::Assign { span, .. }
            | Stmt::Put { span, .. } => *span,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Sighash {
    Default,
    All,
    None,
    Single,
    AllAnyoneCanPay,
    NoneAnyoneCanPay,
    SingleAnyoneCanPay,
}

impl Sighash {
    pub fn keyword(self) -> &'static str {
        match self {
            Sighash::Default => "default",
            Sighash::All => "all",
            Sighash::None => "none",
            Sighash::Single => "single",
            Sighash::AllAnyoneCanPay => "all_anyonecanpay",
            Sighash::NoneAnyoneCanPay => "none_anyonecanpay",
            Sighash::SingleAnyoneCanPay => "single_anyonecanpay",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TxInput {
    pub name: Ident,
    /// The outpoint spent.
    pub outpoint: Expr,
    /// The value of the spent output (needed for segwit sighashes).
    pub amount: Option<Expr>,
    /// The witness script of the spent output (the script code signed).
    pub script: Option<Expr>,
    pub sequence: Option<Expr>,
    pub sighash: Option<Sighash>,
    pub witness: Option<Vec<Expr>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TxOutput {
    pub name: Ident,
    pub amount: Expr,
    pub script: Expr,
    /// The output exists only when this holds (dust trimming).
    pub when: Option<Expr>,
    /// The secondary sort key for `order bip69 then tiebreak`.
    pub tiebreak: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum OrderBase {
    /// BIP 69: inputs by outpoint, outputs by amount then script.
    Bip69,
    /// As declared.
    Declared,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TxItem {
    Version(Expr),
    Locktime(Expr),
    /// Boxed: an input is far larger than the other items.
    Input(Box<TxInput>),
    /// Boxed too: an output with its conditions is the next largest.
    Output(Box<TxOutput>),
    For { var: Ident, iter: Expr, items: Vec<TxItem>, span: Span },
    Order { base: OrderBase, then_tiebreak: bool, span: Span },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Template {
    pub name: Ident,
    pub params: Vec<Field>,
    pub items: Vec<TxItem>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PropertyKind {
    /// Must hold in every reachable state (of the listed states).
    Invariant,
    /// Must hold in at least one reachable state: proves the model is not vacuous.
    Sometimes,
    /// Must hold on every path before the bound ends.
    Eventually,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Property {
    pub kind: PropertyKind,
    pub name: Ident,
    pub states: Option<StateSet>,
    pub cond: Option<Expr>,
    pub span: Span,
}

// ---------------------------------------------------------------- types

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TypeExpr {
    /// A named type: builtin (`u32`, `msat`, `Point`) or declared (`Htlc`, `channel.Htlc`).
    Named(Path),
    List(Box<TypeExpr>, Span),
    Option(Box<TypeExpr>, Span),
    FixedBytes(IntLit, Span),
    /// `archive<K, V>`: a state field's map kept out of the state.
    Archive(Box<TypeExpr>, Box<TypeExpr>, Span),
}

impl TypeExpr {
    pub fn span(&self) -> Span {
        match self {
            TypeExpr::Named(p) => p.span,
            TypeExpr::List(_, s) | TypeExpr::Option(_, s) | TypeExpr::FixedBytes(_, s) | TypeExpr::Archive(_, _, s) => *s,
        }
    }
}

// ---------------------------------------------------------------- expressions

/// An integer as written: the value (or `None` when it does not fit 128 bits) and the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IntLit {
    pub value: Option<u128>,
    pub text: Name,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AmountUnit {
    Sat,
    Msat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    BitOr,
    BitXor,
    BitAnd,
    Shl,
    Shr,
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "||",
            BinOp::And => "&&",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Rem => "%",
        }
    }
    /// Binding strength; higher binds tighter.
    pub fn precedence(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 3,
            BinOp::BitOr => 4,
            BinOp::BitXor => 5,
            BinOp::BitAnd => 6,
            BinOp::Shl | BinOp::Shr => 7,
            BinOp::Add | BinOp::Sub => 8,
            BinOp::Mul | BinOp::Div | BinOp::Rem => 9,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum UnOp {
    Not,
    Neg,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ScriptElem {
    Opcode(Ident),
    Push(Expr),
    Bytes(BytesLit),
    Int(IntLit),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BytesLit {
    pub bytes: Vec<u8>,
    pub span: Span,
}

/// A node of a miniscript fragment or policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum MsNode {
    Call { weight: Option<IntLit>, name: Ident, args: Vec<MsNode>, span: Span },
    Placeholder { weight: Option<IntLit>, value: Box<Expr>, span: Span },
    Int { weight: Option<IntLit>, value: IntLit },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lambda {
    pub param: Ident,
    pub body: Box<Expr>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Arg {
    Expr(Expr),
    Lambda(Lambda),
}

impl Arg {
    pub fn span(&self) -> Span {
        match self {
            Arg::Expr(e) => e.span,
            Arg::Lambda(l) => l.param.span.to(l.body.span),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ExprKind {
    Int(IntLit),
    Amount(IntLit, AmountUnit),
    Bool(bool),
    Bytes(BytesLit),
    Str(StrLit),
    Name(Ident),
    Member(Box<Expr>, Ident),
    Call(Box<Expr>, Vec<Arg>),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    List(Vec<Arg>),
    Record(Ident, Vec<FieldInit>),
    Paren(Box<Expr>),
    RawScript(Vec<ScriptElem>),
    /// Boxed (as is `Policy`): a fragment tree is far larger than the other kinds.
    Miniscript(Box<MsNode>),
    Policy(Box<MsNode>),
}

/// Calls `f` on every top-level expression of a unit (the roots: defaults,
/// bodies, conditions, statement operands, template fields, properties).
/// Sub-expressions are reached through the roots.
pub fn for_each_root_expr(unit: &Unit, f: &mut dyn FnMut(&Expr)) {
    fn stmts(list: &[Stmt], f: &mut dyn FnMut(&Expr)) {
        for s in list {
            match s {
                Stmt::Let { value, .. } => f(value),
                Stmt::Require { cond, .. } => f(cond),
                Stmt::Fail { .. } | Stmt::StopTimer { .. } => {}
                Stmt::If { cond, then, otherwise, .. } => {
                    f(cond);
                    stmts(then, f);
                    if let Some(o) = otherwise {
                        stmts(o, f);
                    }
                }
                Stmt::For { iter, body, .. } => {
                    f(iter);
                    stmts(body, f);
                }
                Stmt::Send { fields, .. } | Stmt::Emit { fields, .. } => {
                    fields.iter().filter_map(|i| i.value.as_ref()).for_each(&mut *f)
                }
                Stmt::Broadcast { tx, .. } => f(tx),
                Stmt::Watch { args, .. } => args.iter().for_each(&mut *f),
                Stmt::StartTimer { after, .. } => f(after),
                Stmt::Assign { value, .. } => f(value),
                Stmt::Put { key, value, .. } => {
                    f(key);
                    f(value);
                }
            }
        }
    }
    fn tx(items: &[TxItem], f: &mut dyn FnMut(&Expr)) {
        for item in items {
            match item {
                TxItem::Version(e) | TxItem::Locktime(e) => f(e),
                TxItem::Input(i) => {
                    f(&i.outpoint);
                    for e in [&i.amount, &i.script, &i.sequence].into_iter().flatten() {
                        f(e);
                    }
                    i.witness.iter().flatten().for_each(&mut *f);
                }
                TxItem::Output(o) => {
                    f(&o.amount);
                    f(&o.script);
                    for e in [&o.when, &o.tiebreak].into_iter().flatten() {
                        f(e);
                    }
                }
                TxItem::For { iter, items, .. } => {
                    f(iter);
                    tx(items, f);
                }
                TxItem::Order { .. } => {}
            }
        }
    }
    for item in &unit.items {
        match item {
            Item::Param(p) => p.default.iter().for_each(&mut *f),
            Item::Const(c) => f(&c.value),
            Item::Function(func) => f(&func.body),
            Item::Transition(t) => {
                t.when.iter().for_each(&mut *f);
                stmts(&t.body, f);
            }
            Item::Template(t) => tx(&t.items, f),
            Item::Property(p) => p.cond.iter().for_each(&mut *f),
            _ => {}
        }
    }
}

/// How deep an expression tree goes (a leaf is 1).
pub fn expr_depth(e: &Expr) -> usize {
    fn args(a: &[Arg]) -> usize {
        a.iter()
            .map(|a| match a {
                Arg::Expr(e) => expr_depth(e),
                Arg::Lambda(l) => expr_depth(&l.body),
            })
            .max()
            .unwrap_or(0)
    }
    1 + match &e.kind {
        ExprKind::Member(r, _) => expr_depth(r),
        ExprKind::Call(c, a) => expr_depth(c).max(args(a)),
        ExprKind::Unary(_, x) | ExprKind::Paren(x) => expr_depth(x),
        ExprKind::Binary(_, l, r) => expr_depth(l).max(expr_depth(r)),
        ExprKind::If(c, t, f) => expr_depth(c).max(expr_depth(t)).max(expr_depth(f)),
        ExprKind::List(a) => args(a),
        ExprKind::Record(_, fs) => fs.iter().filter_map(|f| f.value.as_ref()).map(expr_depth).max().unwrap_or(0),
        ExprKind::RawScript(els) => els
            .iter()
            .map(|e| if let ScriptElem::Push(x) = e { expr_depth(x) } else { 0 })
            .max()
            .unwrap_or(0),
        _ => 0,
    }
}
