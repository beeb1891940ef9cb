//! Text → [`ast::Unit`]: the pest parser and the lowering of its pairs.
//!
//! This is the only module that knows pest. It turns a syntax error into a
//! [`Diagnostic`] that says what was expected at the farthest point the
//! parser reached, and lowers a successful parse into the pest-free AST.
//! It does not resolve names or check types.

use crate::ast::*;
use crate::diag::Diagnostic;
use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser as _;
use std::collections::BTreeSet;
use std::sync::OnceLock;

#[derive(pest_derive::Parser)]
#[grammar = "lnp.pest"]
struct LnpParser;

/// Words that can never be names.
pub const KEYWORDS: &[&str] = &[
    "protocol", "module", "import", "roles", "param", "const", "record", "enum", "message", "command", "event",
    "timer", "interface", "slot", "fill", "with", "initial", "terminal", "state", "on", "in", "when", "template", "fn",
    "invariant", "sometimes", "eventually", "let", "require", "else", "if", "then", "for", "true", "false", "raw",
    "miniscript", "policy", "as", "tlv",
];

/// Whether `word` is a keyword (a `match` the compiler turns into length and
/// byte comparisons: this runs for every name parsed).
pub fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "protocol" | "module" | "import" | "roles" | "param" | "const" | "record" | "enum" | "message" | "command"
            | "event" | "timer" | "interface" | "slot" | "fill" | "with" | "initial" | "terminal" | "state" | "on"
            | "in" | "when" | "template" | "fn" | "invariant" | "sometimes" | "eventually" | "let" | "require"
            | "else" | "if" | "then" | "for" | "true" | "false" | "raw" | "miniscript" | "policy" | "as" | "tlv"
    )
}

/// Bracket nesting the parser accepts; deeper input is refused before parsing
/// (the parser and every later pass recurse on nesting).
pub const MAX_NESTING: usize = 128;
/// Expression depth accepted (a chain `a + b + …` counts one level per operator).
pub const MAX_EXPR_DEPTH: usize = 256;

/// Parses one file. `file` is the file's index in the [`crate::SourceMap`].
pub fn parse_unit(file: u32, text: &str) -> Result<Unit, Diagnostic> {
    check_nesting(file, text)?;
    let unit = parse_unchecked(file, text)?;
    let mut too_deep = None;
    for_each_root_expr(&unit, &mut |e| {
        // Each node's span strictly contains its children's, so an expression
        // is at most as deep as it is long: only long ones need measuring.
        let len = e.span.end.saturating_sub(e.span.start) as usize;
        if too_deep.is_none() && len > MAX_EXPR_DEPTH && expr_depth(e) > MAX_EXPR_DEPTH {
            too_deep = Some(e.span);
        }
    });
    match too_deep {
        Some(span) => Err(Diagnostic::error("E0004", span, "expression too deep")
            .with_label(format!("nests more than {MAX_EXPR_DEPTH} levels"))
            .with_note("split it with `let` bindings or a `fn`")),
        None => Ok(unit),
    }
}

/// [`check_nesting`]'s byte classes: a byte that ends a prefix-operator run
/// and nothing else, whitespace, or a byte that needs a closer look.
const PLAIN: u8 = 0;
const SPACE: u8 = 1;
const SPECIAL: u8 = 2;
const BYTE_CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_whitespace() {
            t[c] = SPACE;
        } else if matches!(b, b'"' | b'/' | b'(' | b'[' | b'{' | b')' | b']' | b'}' | b'-' | b'!') {
            t[c] = SPECIAL;
        }
        c += 1;
    }
    t
};

/// Refuses input nested deeper than [`MAX_NESTING`] brackets or prefix operators.
fn check_nesting(file: u32, text: &str) -> Result<(), Diagnostic> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut prefix_run = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // Most bytes are names and spaces: they change neither count.
        match BYTE_CLASS[c as usize] {
            PLAIN => {
                prefix_run = 0;
                i += 1;
                continue;
            }
            SPACE => {
                i += 1;
                continue;
            }
            _ => {}
        }
        match c {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(b.len(), |n| i + n);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 1);
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if matches!(c, b'-' | b'!') {
            prefix_run += 1;
        } else if !c.is_ascii_whitespace() {
            prefix_run = 0;
        }
        if depth > MAX_NESTING || prefix_run > MAX_NESTING {
            return Err(Diagnostic::error("E0004", Span::new(file, i, i + 1), "nesting too deep")
                .with_label(format!("more than {MAX_NESTING} levels")));
        }
        i += 1;
    }
    Ok(())
}

fn parse_unchecked(file: u32, text: &str) -> Result<Unit, Diagnostic> {
    // The hand-written parser takes valid input fast; anything it does not
    // accept goes through pest, which accepts it after all or explains why not.
    if let Some(unit) = crate::fastparse::parse(file, text) {
        return Ok(unit);
    }
    parse_with_pest(file, text)
}

/// The grammar of record, run by pest (the slow path; also what the fast
/// parser is tested against).
#[doc(hidden)]
pub fn parse_with_pest(file: u32, text: &str) -> Result<Unit, Diagnostic> {
    check_nesting(file, text)?;
    match LnpParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            let lower = Lower { file };
            let file_pair = pairs.next().ok_or_else(|| lower.internal(0, "empty parse"))?;
            let unit = file_pair
                .into_inner()
                .find(|p| p.as_rule() == Rule::unit)
                .ok_or_else(|| lower.internal(0, "no unit in parse"))?;
            lower.unit(unit)
        }
        Err(_) => Err(syntax_error(file, text)),
    }
}

/// Parses a lone expression (for tests and tools).
pub fn parse_expr(file: u32, text: &str) -> Result<Expr, Diagnostic> {
    check_nesting(file, text)?;
    let pairs = LnpParser::parse(Rule::expr, text).map_err(|_| syntax_error(file, text))?;
    let lower = Lower { file };
    let pair = pairs.into_iter().next().ok_or_else(|| lower.internal(0, "empty parse"))?;
    if pair.as_span().end() != text.len() {
        let end = pair.as_span().end();
        return Err(Diagnostic::error("E0001", Span::new(file, end, text.len()), "unexpected text after expression"));
    }
    lower.expr(pair)
}

/// Re-parses with pest's detailed tracking on, to say what was expected where.
fn syntax_error(file: u32, text: &str) -> Diagnostic {
    static DETAIL: OnceLock<()> = OnceLock::new();
    DETAIL.get_or_init(|| pest::set_error_detail(true));
    let err = match LnpParser::parse(Rule::file, text) {
        Err(e) => e,
        Ok(_) => return Diagnostic::error("E0001", Span::new(file, 0, 0), "syntax error"),
    };
    let pos = match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let mut expected: BTreeSet<String> = BTreeSet::new();
    let mut pos = pos;
    if let Some(attempts) = err.parse_attempts() {
        pos = pos.max(attempts.max_position);
        for t in attempts.expected_tokens() {
            // Only literal tokens; ranges print as `a..z` and built-in rules as `BUILTIN_RULE`.
            let token = t.to_string();
            // The grammar peeks one letter before trying the keyword-led
            // expressions (`true`, `hex"…"`, `if`, …): name the keyword.
            if let Some(keyword) = keyword_led_by(&token) {
                expected.insert(format!("`{keyword}`"));
                continue;
            }
            if !token.is_empty() && !token.contains("..") && token != "BUILTIN_RULE" && token.trim() == token
                && token != "//" && token != "/*"
            {
                expected.insert(format!("`{token}`"));
            }
        }
    }
    if let pest::error::ErrorVariant::ParsingError { positives, .. } = &err.variant {
        for r in positives {
            if let Some(name) = rule_name(*r) {
                expected.insert(name.to_string());
            }
        }
    }
    let pos = pos.min(text.len());
    let found_end = next_token_end(text, pos);
    let found = &text[pos..found_end];
    let mut list: Vec<String> = expected.into_iter().filter(|t| t != "`_`").collect();
    list.sort_by_key(|t| (token_rank(t), t.clone()));
    // A missing `;` or `}` at the end of a line is best shown where it belongs:
    // right after the previous token, not at the start of the next line.
    let before = text[..pos].trim_end();
    let gap_has_newline = text[before.len()..pos].contains('\n');
    for closer in ["`;`", "`}`", "`)`", "`]`"] {
        if gap_has_newline && list.first().map(String::as_str) == Some(closer) && !before.is_empty() {
            let at = before.len();
            let last_len = before.chars().last().map_or(0, char::len_utf8);
            let what = &closer[1..closer.len() - 1];
            let mut diag = Diagnostic::error("E0001", Span::new(file, at - last_len, at), format!("missing `{what}`"))
                .with_label(format!("expected `{what}` after this"));
            if !found.is_empty() {
                diag = diag.with_note(format!("the next line starts with `{found}`"));
            }
            if what == "}" {
                if let Some(open) = unclosed_brace(&text[..pos]) {
                    diag = diag.with_secondary(Span::new(file, open, open + 1), "this `{` is never closed");
                }
            }
            return diag;
        }
    }
    // `on … when COND -> TARGET`: the `-` was read as a minus.
    let line_start = text[..pos].rfind('\n').map_or(0, |n| n + 1);
    if found == ">" && text[..pos].ends_with('-') && text[line_start..pos].contains(" when ") {
        return Diagnostic::error("E0001", Span::new(file, pos - 1, found_end), "unexpected `->` after `when`")
            .with_label("the target must come before `when`")
            .with_note("write `on … in STATE -> TARGET when COND { … }`");
    }
    let (message, label) = if found.is_empty() {
        ("unexpected end of file".to_string(), "the file ends here".to_string())
    } else {
        (format!("unexpected `{found}`"), "not expected here".to_string())
    };
    let mut diag = Diagnostic::error("E0001", Span::new(file, pos, found_end), message).with_label(label);
    if !list.is_empty() {
        diag = diag.with_note(format!("expected {}", join_or(&list)));
    }
    diag
}

/// The offset of the innermost `{` left open in `text`, skipping comments and strings.
fn unclosed_brace(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut stack = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map_or(bytes.len(), |n| i + 2 + n + 2);
                continue;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' => stack.push(i),
            b'}' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack.pop()
}

/// The keyword a one-letter lookahead of the grammar's `primary` rule
/// stands for (`&("t" | "f" | "h" | "i" | "r" | "m" | "p")` in `lnp.pest`).
fn keyword_led_by(token: &str) -> Option<&'static str> {
    Some(match token {
        "t" => "true",
        "f" => "false",
        "h" => "hex\"…\"",
        "i" => "if",
        "r" => "raw",
        "m" => "miniscript",
        "p" => "policy",
        _ => return None,
    })
}

/// Orders expected tokens: closing punctuation, then words, then operators.
fn token_rank(t: &str) -> u8 {
    let inner = t.trim_matches('`');
    match inner {
        ";" | "}" | ")" | "]" | "," | "{" | "=" | ":" => 0,
        _ if inner.chars().next().is_some_and(|c| c.is_alphabetic()) => 1,
        _ if !t.starts_with('`') => 2,
        _ => 3,
    }
}

fn join_or(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n if n <= 12 => format!("{} or {}", items[..n - 1].join(", "), items[n - 1]),
        n => format!("{}, … ({} more)", items[..12].join(", "), n - 12),
    }
}

/// The extent of the token starting at `pos`: a word, or one character.
fn next_token_end(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    let mut chars = rest.char_indices();
    match chars.next() {
        None => pos,
        Some((_, c)) if c.is_alphanumeric() || c == '_' => {
            pos + rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len())
        }
        Some((_, c)) => pos + c.len_utf8(),
    }
}

/// What a grammar rule is called in an error message; `None` for rules
/// whose literal tokens already say it.
fn rule_name(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::ident | Rule::path => "a name",
        Rule::type_ident => "a record name",
        Rule::int_lit => "an integer",
        Rule::amount_unit => "`sat` or `msat`",
        Rule::string_lit => "a string",
        Rule::hex_lit => "a hex literal",
        Rule::bool_lit => "`true` or `false`",
        Rule::expr | Rule::postfix_expr => "an expression",
        Rule::type_expr => "a type",
        Rule::opcode => "an opcode",
        Rule::EOI => "end of file",
        _ => return None,
    })
}

fn pratt() -> &'static PrattParser<Rule> {
    static P: OnceLock<PrattParser<Rule>> = OnceLock::new();
    P.get_or_init(|| {
        PrattParser::new()
            .op(Op::infix(Rule::op_or, Assoc::Left))
            .op(Op::infix(Rule::op_and, Assoc::Left))
            .op(Op::infix(Rule::op_eq, Assoc::Left)
                | Op::infix(Rule::op_ne, Assoc::Left)
                | Op::infix(Rule::op_lt, Assoc::Left)
                | Op::infix(Rule::op_le, Assoc::Left)
                | Op::infix(Rule::op_gt, Assoc::Left)
                | Op::infix(Rule::op_ge, Assoc::Left))
            .op(Op::infix(Rule::op_bitor, Assoc::Left))
            .op(Op::infix(Rule::op_bitxor, Assoc::Left))
            .op(Op::infix(Rule::op_bitand, Assoc::Left))
            .op(Op::infix(Rule::op_shl, Assoc::Left) | Op::infix(Rule::op_shr, Assoc::Left))
            .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
            .op(Op::infix(Rule::op_mul, Assoc::Left)
                | Op::infix(Rule::op_div, Assoc::Left)
                | Op::infix(Rule::op_rem, Assoc::Left))
            .op(Op::prefix(Rule::op_not) | Op::prefix(Rule::op_neg))
    })
}

type R<T> = Result<T, Diagnostic>;

struct Lower {
    file: u32,
}

impl Lower {
    fn span(&self, p: &Pair<Rule>) -> Span {
        Span::new(self.file, p.as_span().start(), p.as_span().end())
    }

    fn internal(&self, at: usize, what: &str) -> Diagnostic {
        Diagnostic::error("E0000", Span::new(self.file, at, at), format!("internal error: {what}"))
            .with_note("this is a bug in lnp-dsl; please report it with the input")
    }

    fn next<'a>(&self, pairs: &mut Pairs<'a, Rule>, parent: Span) -> R<Pair<'a, Rule>> {
        pairs.next().ok_or_else(|| self.internal(parent.end as usize, "missing syntax node"))
    }

    fn ident_raw(&self, p: Pair<Rule>) -> Ident {
        Ident { name: Name::new(p.as_str()), span: self.span(&p) }
    }

    /// A name, refused when it is a keyword.
    fn name(&self, p: Pair<Rule>) -> R<Ident> {
        let id = self.ident_raw(p);
        if is_keyword(&id.name) {
            return Err(Diagnostic::error("E0005", id.span, format!("`{}` is a keyword and cannot be a name", id.name))
                .with_label("reserved word")
                .with_note("rename it, e.g. with a trailing `_`"));
        }
        Ok(id)
    }

    fn path(&self, p: Pair<Rule>) -> R<Path> {
        let span = self.span(&p);
        Ok(Path { segments: p.into_inner().map(|s| self.name(s)).collect::<R<Vec<_>>>()?, span })
    }

    fn int(&self, p: Pair<Rule>) -> IntLit {
        let text = p.as_str().to_string();
        let digits: String = text.chars().filter(|c| *c != '_').collect();
        let value = match digits.strip_prefix("0x") {
            Some(hex) => u128::from_str_radix(hex, 16).ok(),
            None => digits.parse::<u128>().ok(),
        };
        IntLit { value, text: text.into(), span: self.span(&p) }
    }

    fn unit(&self, p: Pair<Rule>) -> R<Unit> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let kind = match self.next(&mut inner, span)?.as_str() {
            "protocol" => UnitKind::Protocol,
            _ => UnitKind::Module,
        };
        let name = self.name(self.next(&mut inner, span)?)?;
        let items = inner.map(|i| self.item(i)).collect::<R<Vec<_>>>()?;
        Ok(Unit { kind, name, items, span })
    }

    fn fields(&self, p: Pair<Rule>) -> R<Vec<Field>> {
        p.into_inner().map(|f| self.field(f)).collect()
    }

    fn field(&self, p: Pair<Rule>) -> R<Field> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let name = self.name(self.next(&mut inner, span)?)?;
        let ty = self.type_expr(self.next(&mut inner, span)?)?;
        Ok(Field { name, ty })
    }

    fn fn_sig(&self, p: Pair<Rule>, inner: &mut Pairs<Rule>) -> R<FnSig> {
        let span = self.span(&p);
        let name = self.name(self.next(inner, span)?)?;
        let params = self.fields(self.next(inner, span)?)?;
        let ret = self.type_expr(self.next(inner, span)?)?;
        Ok(FnSig { name, params, ret, span })
    }

    fn item(&self, p: Pair<Rule>) -> R<Item> {
        let span = self.span(&p);
        let rule = p.as_rule();
        let mut inner = p.clone().into_inner();
        Ok(match rule {
            Rule::import => Item::Import(self.name(self.next(&mut inner, span)?)?),
            Rule::roles => Item::Roles(Roles { roles: inner.map(|r| self.name(r)).collect::<R<Vec<_>>>()?, span }),
            Rule::param => {
                let name = self.name(self.next(&mut inner, span)?)?;
                let ty = self.type_expr(self.next(&mut inner, span)?)?;
                let default = inner.next().map(|e| self.expr(e)).transpose()?;
                Item::Param(Param { name, ty, default, span })
            }
            Rule::const_decl => {
                let name = self.name(self.next(&mut inner, span)?)?;
                let ty = self.type_expr(self.next(&mut inner, span)?)?;
                let value = self.expr(self.next(&mut inner, span)?)?;
                Item::Const(Const { name, ty, value, span })
            }
            Rule::record => {
                let name = self.name(self.next(&mut inner, span)?)?;
                let fields = self.fields(self.next(&mut inner, span)?)?;
                Item::Record(Record { name, fields, span })
            }
            Rule::enum_decl => {
                let name = self.name(self.next(&mut inner, span)?)?;
                Item::Enum(EnumDecl { name, variants: inner.map(|v| self.name(v)).collect::<R<Vec<_>>>()?, span })
            }
            Rule::message => {
                let name = self.name(self.next(&mut inner, span)?)?;
                let wire_type = self.int(self.next(&mut inner, span)?);
                let fields = self.fields(self.next(&mut inner, span)?)?;
                let mut tlvs = Vec::new();
                let mut has_tlv_block = false;
                if let Some(block) = inner.next() {
                    has_tlv_block = true;
                    for rec in block.into_inner() {
                        let rspan = self.span(&rec);
                        let mut ri = rec.into_inner();
                        let name = self.name(self.next(&mut ri, rspan)?)?;
                        let ty = self.type_expr(self.next(&mut ri, rspan)?)?;
                        let tlv_type = self.int(self.next(&mut ri, rspan)?);
                        tlvs.push(TlvRecord { name, ty, tlv_type });
                    }
                }
                Item::Message(Message { name, wire_type, fields, tlvs, has_tlv_block, span })
            }
            Rule::command => {
                let name = self.name(self.next(&mut inner, span)?)?;
                Item::Command(Command { name, fields: self.fields(self.next(&mut inner, span)?)?, span })
            }
            Rule::event => {
                let name = self.name(self.next(&mut inner, span)?)?;
                Item::Event(EventDecl { name, fields: self.fields(self.next(&mut inner, span)?)?, span })
            }
            Rule::timer => Item::Timer(self.name(self.next(&mut inner, span)?)?),
            Rule::interface => {
                let name = self.name(self.next(&mut inner, span)?)?;
                let fns = inner
                    .map(|f| {
                        let mut fi = f.clone().into_inner();
                        self.fn_sig(f, &mut fi)
                    })
                    .collect::<R<Vec<_>>>()?;
                Item::Interface(Interface { name, fns, span })
            }
            Rule::slot => {
                let name = self.name(self.next(&mut inner, span)?)?;
                Item::Slot(Slot { name, interface: self.path(self.next(&mut inner, span)?)?, span })
            }
            Rule::fill => {
                let slot = self.path(self.next(&mut inner, span)?)?;
                Item::Fill(Fill { slot, with: self.name(self.next(&mut inner, span)?)?, span })
            }
            Rule::function => {
                let sig = self.fn_sig(p, &mut inner)?;
                let body = self.expr(self.next(&mut inner, span)?)?;
                Item::Function(Function { sig, body })
            }
            Rule::state => {
                let mut first = self.next(&mut inner, span)?;
                let kind = if first.as_rule() == Rule::state_modifier {
                    let k = if first.as_str() == "initial" { StateKind::Initial } else { StateKind::Terminal };
                    first = self.next(&mut inner, span)?;
                    k
                } else {
                    StateKind::Normal
                };
                let name = self.name(first)?;
                Item::State(State { kind, name, fields: self.fields(self.next(&mut inner, span)?)?, span })
            }
            Rule::transition => Item::Transition(self.transition(inner, span)?),
            Rule::template => {
                let name = self.name(self.next(&mut inner, span)?)?;
                let params = self.fields(self.next(&mut inner, span)?)?;
                let items = inner.map(|i| self.tx_item(i)).collect::<R<Vec<_>>>()?;
                Item::Template(Template { name, params, items, span })
            }
            Rule::property => {
                let kind = match self.next(&mut inner, span)?.as_str() {
                    "invariant" => PropertyKind::Invariant,
                    "sometimes" => PropertyKind::Sometimes,
                    _ => PropertyKind::Eventually,
                };
                let name = self.name(self.next(&mut inner, span)?)?;
                let mut states = None;
                let mut cond = None;
                for part in inner {
                    match part.as_rule() {
                        Rule::state_set => states = Some(self.state_set(part)?),
                        _ => cond = Some(self.expr(part)?),
                    }
                }
                Item::Property(Property { kind, name, states, cond, span })
            }
            _ => return Err(self.internal(span.start as usize, "unknown item")),
        })
    }

    fn state_set(&self, p: Pair<Rule>) -> R<StateSet> {
        let mut inner = p.into_inner().peekable();
        Ok(match inner.peek() {
            Some(first) if first.as_rule() == Rule::any_state => StateSet::Any(self.span(first)),
            _ => StateSet::States(inner.map(|s| self.path(s)).collect::<R<Vec<_>>>()?),
        })
    }

    fn transition(&self, mut inner: Pairs<Rule>, span: Span) -> R<Transition> {
        let trig = self.next(&mut inner, span)?;
        let trigger_span = self.span(&trig);
        let rule = trig.as_rule();
        let mut ti = trig.into_inner();
        let trigger = match rule {
            Rule::recv_trigger => Trigger::Recv {
                message: self.path(self.next(&mut ti, trigger_span)?)?,
                binding: ti.next().map(|b| self.name(b)).transpose()?,
            },
            Rule::command_trigger => Trigger::Command {
                command: self.path(self.next(&mut ti, trigger_span)?)?,
                binding: ti.next().map(|b| self.name(b)).transpose()?,
            },
            Rule::chain_trigger => Trigger::Chain {
                event: self.name(self.next(&mut ti, trigger_span)?)?,
                binding: ti.next().map(|b| self.name(b)).transpose()?,
            },
            _ => Trigger::Timer { timer: self.path(self.next(&mut ti, trigger_span)?)? },
        };
        let from = self.state_set(self.next(&mut inner, span)?)?;
        let mut to = None;
        let mut when = None;
        let mut body = Vec::new();
        for part in inner {
            match part.as_rule() {
                Rule::path => to = Some(self.path(part)?),
                Rule::expr => when = Some(self.expr(part)?),
                _ => body = self.block(part)?,
            }
        }
        Ok(Transition { trigger, trigger_span, from, to, when, body, span })
    }

    fn block(&self, p: Pair<Rule>) -> R<Vec<Stmt>> {
        p.into_inner().map(|s| self.stmt(s)).collect()
    }

    fn failure(&self, p: Pair<Rule>) -> R<Failure> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let kind = match self.next(&mut inner, span)?.as_str() {
            "error" => FailureKind::Error,
            "warning" => FailureKind::Warning,
            _ => FailureKind::Ignore,
        };
        let message = inner.next().map(|s| self.string(s));
        Ok(Failure { kind, message, span })
    }

    fn string(&self, p: Pair<Rule>) -> StrLit {
        let span = self.span(&p);
        let body = p.into_inner().next().map_or("", |b| b.as_str());
        let mut value = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    Some(other) => value.push(other),
                    None => {}
                }
            } else {
                value.push(c);
            }
        }
        StrLit { value, span }
    }

    fn field_inits(&self, p: Pair<Rule>) -> R<Vec<FieldInit>> {
        p.into_inner()
            .map(|fi| {
                let span = self.span(&fi);
                let mut inner = fi.into_inner();
                let name = self.name(self.next(&mut inner, span)?)?;
                let value = inner.next().map(|e| self.expr(e)).transpose()?;
                Ok(FieldInit { name, value })
            })
            .collect()
    }

    fn stmt(&self, p: Pair<Rule>) -> R<Stmt> {
        let span = self.span(&p);
        let rule = p.as_rule();
        let mut inner = p.into_inner();
        Ok(match rule {
            Rule::let_stmt => {
                let name = self.name(self.next(&mut inner, span)?)?;
                let mut next = self.next(&mut inner, span)?;
                let ty = if next.as_rule() == Rule::type_expr {
                    let t = self.type_expr(next)?;
                    next = self.next(&mut inner, span)?;
                    Some(t)
                } else {
                    None
                };
                Stmt::Let { name, ty, value: self.expr(next)?, span }
            }
            Rule::require_stmt => {
                let cond = self.expr(self.next(&mut inner, span)?)?;
                Stmt::Require { cond, failure: self.failure(self.next(&mut inner, span)?)?, span }
            }
            Rule::fail_stmt => Stmt::Fail { failure: self.failure(self.next(&mut inner, span)?)?, span },
            Rule::if_stmt => {
                let cond = self.expr(self.next(&mut inner, span)?)?;
                let then_pair = self.next(&mut inner, span)?;
                let then_block = self.span(&then_pair);
                let then = self.block(then_pair)?;
                let otherwise = match inner.next() {
                    None => None,
                    Some(e) if e.as_rule() == Rule::if_stmt => Some(vec![self.stmt(e)?]),
                    Some(b) => Some(self.block(b)?),
                };
                Stmt::If { cond, then, then_block, otherwise, span }
            }
            Rule::for_stmt => {
                let var = self.name(self.next(&mut inner, span)?)?;
                let iter = self.expr(self.next(&mut inner, span)?)?;
                Stmt::For { var, iter, body: self.block(self.next(&mut inner, span)?)?, span }
            }
            Rule::send_stmt => {
                let message = self.path(self.next(&mut inner, span)?)?;
                Stmt::Send { message, fields: self.field_inits(self.next(&mut inner, span)?)?, span }
            }
            Rule::broadcast_stmt => Stmt::Broadcast { tx: self.expr(self.next(&mut inner, span)?)?, span },
            Rule::watch_stmt => {
                let kind = match self.next(&mut inner, span)?.as_str() {
                    "confirm" => WatchKind::Confirm,
                    _ => WatchKind::Spend,
                };
                let args = self.args(self.next(&mut inner, span)?)?;
                let args = args
                    .into_iter()
                    .map(|a| match a {
                        Arg::Expr(e) => Ok(e),
                        Arg::Lambda(l) => Err(Diagnostic::error(
                            "E0002",
                            l.param.span.to(l.body.span),
                            "a function cannot be watched",
                        )),
                    })
                    .collect::<R<Vec<_>>>()?;
                Stmt::Watch { kind, args, name: self.name(self.next(&mut inner, span)?)?, span }
            }
            Rule::emit_stmt => {
                let event = self.path(self.next(&mut inner, span)?)?;
                Stmt::Emit { event, fields: self.field_inits(self.next(&mut inner, span)?)?, span }
            }
            Rule::start_stmt => {
                let timer = self.path(self.next(&mut inner, span)?)?;
                Stmt::StartTimer { timer, after: self.expr(self.next(&mut inner, span)?)?, span }
            }
            Rule::stop_stmt => Stmt::StopTimer { timer: self.path(self.next(&mut inner, span)?)?, span },
            Rule::assign_stmt => {
                let target = self.name(self.next(&mut inner, span)?)?;
                let op = match self.next(&mut inner, span)?.as_str() {
                    "+=" => AssignOp::Add,
                    "-=" => AssignOp::Sub,
                    _ => AssignOp::Set,
                };
                Stmt::Assign { target, op, value: self.expr(self.next(&mut inner, span)?)?, span }
            }
            Rule::put_stmt => {
                let archive = self.name(self.next(&mut inner, span)?)?;
                let key = self.expr(self.next(&mut inner, span)?)?;
                Stmt::Put { archive, key, value: self.expr(self.next(&mut inner, span)?)?, span }
            }
            _ => return Err(self.internal(span.start as usize, "unknown statement")),
        })
    }

    fn tx_item(&self, p: Pair<Rule>) -> R<TxItem> {
        let span = self.span(&p);
        let rule = p.as_rule();
        let mut inner = p.into_inner();
        Ok(match rule {
            Rule::tx_version => TxItem::Version(self.expr(self.next(&mut inner, span)?)?),
            Rule::tx_locktime => TxItem::Locktime(self.expr(self.next(&mut inner, span)?)?),
            Rule::tx_input => {
                let name = self.name(self.next(&mut inner, span)?)?;
                let outpoint = self.expr(self.next(&mut inner, span)?)?;
                let mut input = TxInput {
                    name,
                    outpoint,
                    amount: None,
                    script: None,
                    sequence: None,
                    sighash: None,
                    witness: None,
                    span,
                };
                for attr in inner {
                    let aspan = self.span(&attr);
                    let a = self.next(&mut attr.into_inner(), aspan)?;
                    let arule = a.as_rule();
                    let v = self.next(&mut a.into_inner(), aspan)?;
                    match arule {
                        Rule::in_amount => input.amount = Some(self.expr(v)?),
                        Rule::in_script => input.script = Some(self.expr(v)?),
                        Rule::in_sequence => input.sequence = Some(self.expr(v)?),
                        Rule::in_sighash => input.sighash = Some(sighash(v.as_str())),
                        _ => {
                            let args = self.args(v)?;
                            let mut exprs = Vec::new();
                            for arg in args {
                                match arg {
                                    Arg::Expr(e) => exprs.push(e),
                                    Arg::Lambda(l) => {
                                        return Err(Diagnostic::error(
                                            "E0002",
                                            l.param.span.to(l.body.span),
                                            "a function cannot be a witness element",
                                        ))
                                    }
                                }
                            }
                            input.witness = Some(exprs);
                        }
                    }
                }
                TxItem::Input(Box::new(input))
            }
            Rule::tx_output => {
                let name = self.name(self.next(&mut inner, span)?)?;
                let amount = self.expr(self.next(&mut inner, span)?)?;
                let script = self.expr(self.next(&mut inner, span)?)?;
                let mut out = TxOutput { name, amount, script, when: None, tiebreak: None, span };
                for attr in inner {
                    let aspan = self.span(&attr);
                    let a = self.next(&mut attr.into_inner(), aspan)?;
                    let arule = a.as_rule();
                    let v = self.expr(self.next(&mut a.into_inner(), aspan)?)?;
                    if arule == Rule::out_when {
                        out.when = Some(v);
                    } else {
                        out.tiebreak = Some(v);
                    }
                }
                TxItem::Output(Box::new(out))
            }
            Rule::tx_for => {
                let var = self.name(self.next(&mut inner, span)?)?;
                let iter = self.expr(self.next(&mut inner, span)?)?;
                let items = inner.map(|i| self.tx_item(i)).collect::<R<Vec<_>>>()?;
                TxItem::For { var, iter, items, span }
            }
            Rule::tx_order => {
                let base =
                    if self.next(&mut inner, span)?.as_str() == "bip69" { OrderBase::Bip69 } else { OrderBase::Declared };
                TxItem::Order { base, then_tiebreak: inner.next().is_some(), span }
            }
            _ => return Err(self.internal(span.start as usize, "unknown template item")),
        })
    }

    fn type_expr(&self, p: Pair<Rule>) -> R<TypeExpr> {
        let span = self.span(&p);
        let t = self.next(&mut p.into_inner(), span)?;
        let tspan = self.span(&t);
        Ok(match t.as_rule() {
            Rule::list_type => TypeExpr::List(Box::new(self.type_expr(self.next(&mut t.into_inner(), tspan)?)?), tspan),
            Rule::option_type => {
                TypeExpr::Option(Box::new(self.type_expr(self.next(&mut t.into_inner(), tspan)?)?), tspan)
            }
            Rule::archive_type => {
                let mut inner = t.into_inner();
                let key = self.type_expr(self.next(&mut inner, tspan)?)?;
                let value = self.type_expr(self.next(&mut inner, tspan)?)?;
                TypeExpr::Archive(Box::new(key), Box::new(value), tspan)
            }
            Rule::fixed_bytes => TypeExpr::FixedBytes(self.int(self.next(&mut t.into_inner(), tspan)?), tspan),
            _ => TypeExpr::Named(self.path(t)?),
        })
    }

    fn args(&self, p: Pair<Rule>) -> R<Vec<Arg>> {
        p.into_inner()
            .map(|a| {
                if a.as_rule() == Rule::lambda {
                    let span = self.span(&a);
                    let mut inner = a.into_inner();
                    let param = self.name(self.next(&mut inner, span)?)?;
                    let body = self.expr(self.next(&mut inner, span)?)?;
                    Ok(Arg::Lambda(Lambda { param, body: Box::new(body) }))
                } else {
                    Ok(Arg::Expr(self.expr(a)?))
                }
            })
            .collect()
    }

    fn expr(&self, p: Pair<Rule>) -> R<Expr> {
        pratt()
            .map_primary(|prim| self.postfix_expr(prim))
            .map_prefix(|op, rhs| {
                let rhs = rhs?;
                let span = self.span(&op).to(rhs.span);
                let op = if op.as_rule() == Rule::op_not { UnOp::Not } else { UnOp::Neg };
                Ok(Expr { kind: ExprKind::Unary(op, Box::new(rhs)), span })
            })
            .map_infix(|lhs, op, rhs| {
                let (lhs, rhs) = (lhs?, rhs?);
                let span = lhs.span.to(rhs.span);
                let op = match op.as_rule() {
                    Rule::op_or => BinOp::Or,
                    Rule::op_and => BinOp::And,
                    Rule::op_eq => BinOp::Eq,
                    Rule::op_ne => BinOp::Ne,
                    Rule::op_lt => BinOp::Lt,
                    Rule::op_le => BinOp::Le,
                    Rule::op_gt => BinOp::Gt,
                    Rule::op_ge => BinOp::Ge,
                    Rule::op_bitor => BinOp::BitOr,
                    Rule::op_bitxor => BinOp::BitXor,
                    Rule::op_bitand => BinOp::BitAnd,
                    Rule::op_shl => BinOp::Shl,
                    Rule::op_shr => BinOp::Shr,
                    Rule::op_add => BinOp::Add,
                    Rule::op_sub => BinOp::Sub,
                    Rule::op_mul => BinOp::Mul,
                    Rule::op_div => BinOp::Div,
                    _ => BinOp::Rem,
                };
                Ok(Expr { kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)), span })
            })
            .parse(p.into_inner())
    }

    fn postfix_expr(&self, p: Pair<Rule>) -> R<Expr> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let mut e = self.primary(self.next(&mut inner, span)?)?;
        for post in inner {
            let pspan = self.span(&post);
            let whole = e.span.to(pspan);
            e = match post.as_rule() {
                Rule::member => {
                    let name = self.name(self.next(&mut post.into_inner(), pspan)?)?;
                    Expr { kind: ExprKind::Member(Box::new(e), name), span: whole }
                }
                _ => {
                    let args = self.args(self.next(&mut post.into_inner(), pspan)?)?;
                    Expr { kind: ExprKind::Call(Box::new(e), args), span: whole }
                }
            };
        }
        Ok(e)
    }

    fn bytes(&self, p: Pair<Rule>) -> R<BytesLit> {
        let span = self.span(&p);
        let body: String = p.into_inner().next().map_or("", |b| b.as_str()).chars().filter(|c| *c != ' ').collect();
        if !body.len().is_multiple_of(2) {
            return Err(Diagnostic::error("E0003", span, "a hex literal needs an even number of digits")
                .with_label(format!("{} hex digits", body.len())));
        }
        let bytes = (0..body.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&body[i..i + 2], 16))
            .collect::<Result<Vec<u8>, _>>()
            .map_err(|_| Diagnostic::error("E0003", span, "invalid hex literal"))?;
        Ok(BytesLit { bytes, span })
    }

    fn primary(&self, p: Pair<Rule>) -> R<Expr> {
        let span = self.span(&p);
        let rule = p.as_rule();
        let kind = match rule {
            Rule::int_lit => ExprKind::Int(self.int(p)),
            Rule::amount_lit => {
                let mut inner = p.into_inner();
                let n = self.int(self.next(&mut inner, span)?);
                let unit = if self.next(&mut inner, span)?.as_str() == "sat" { AmountUnit::Sat } else { AmountUnit::Msat };
                ExprKind::Amount(n, unit)
            }
            Rule::bool_lit => ExprKind::Bool(p.as_str() == "true"),
            Rule::hex_lit => ExprKind::Bytes(self.bytes(p)?),
            Rule::string_lit => ExprKind::Str(self.string(p)),
            Rule::ident => ExprKind::Name(self.name(p)?),
            Rule::paren => ExprKind::Paren(Box::new(self.expr(self.next(&mut p.into_inner(), span)?)?)),
            Rule::if_expr => {
                let mut inner = p.into_inner();
                let c = self.expr(self.next(&mut inner, span)?)?;
                let t = self.expr(self.next(&mut inner, span)?)?;
                let e = self.expr(self.next(&mut inner, span)?)?;
                ExprKind::If(Box::new(c), Box::new(t), Box::new(e))
            }
            Rule::list_lit => ExprKind::List(self.args(self.next(&mut p.into_inner(), span)?)?),
            Rule::record_lit => {
                let mut inner = p.into_inner();
                let name = self.name(self.next(&mut inner, span)?)?;
                ExprKind::Record(name, self.field_inits(self.next(&mut inner, span)?)?)
            }
            Rule::raw_script => {
                let mut elems = Vec::new();
                for e in p.into_inner() {
                    let espan = self.span(&e);
                    elems.push(match e.as_rule() {
                        Rule::opcode => ScriptElem::Opcode(self.ident_raw(e)),
                        Rule::hex_lit => ScriptElem::Bytes(self.bytes(e)?),
                        Rule::int_lit => ScriptElem::Int(self.int(e)),
                        _ => ScriptElem::Push(self.postfix_expr(self.next(&mut e.into_inner(), espan)?)?),
                    });
                }
                ExprKind::RawScript(elems)
            }
            Rule::miniscript => ExprKind::Miniscript(Box::new(self.ms_node(self.next(&mut p.into_inner(), span)?)?)),
            Rule::policy => ExprKind::Policy(Box::new(self.ms_node(self.next(&mut p.into_inner(), span)?)?)),
            _ => return Err(self.internal(span.start as usize, "unknown expression")),
        };
        Ok(Expr { kind, span })
    }

    fn ms_node(&self, p: Pair<Rule>) -> R<MsNode> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let mut first = self.next(&mut inner, span)?;
        let weight = if first.as_rule() == Rule::ms_weight {
            let w = self.int(self.next(&mut first.into_inner(), span)?);
            first = self.next(&mut inner, span)?;
            Some(w)
        } else {
            None
        };
        let fspan = self.span(&first);
        Ok(match first.as_rule() {
            Rule::placeholder => {
                let e = self.postfix_expr(self.next(&mut first.into_inner(), fspan)?)?;
                MsNode::Placeholder { weight, value: Box::new(e), span: fspan }
            }
            Rule::int_lit => MsNode::Int { weight, value: self.int(first) },
            _ => {
                let mut ci = first.into_inner();
                let name = self.ident_raw(self.next(&mut ci, fspan)?);
                let args = ci.map(|n| self.ms_node(n)).collect::<R<Vec<_>>>()?;
                MsNode::Call { weight, name, args, span: fspan }
            }
        })
    }
}

fn sighash(s: &str) -> Sighash {
    match s {
        "all" => Sighash::All,
        "none" => Sighash::None,
        "single" => Sighash::Single,
        "all_anyonecanpay" => Sighash::AllAnyoneCanPay,
        "none_anyonecanpay" => Sighash::NoneAnyoneCanPay,
        "single_anyonecanpay" => Sighash::SingleAnyoneCanPay,
        _ => Sighash::Default,
    }
}

/// Runs the grammar alone, without lowering (for profiling the front end).
#[doc(hidden)]
pub fn grammar_only(text: &str) -> bool {
    LnpParser::parse(Rule::file, text).is_ok()
}
