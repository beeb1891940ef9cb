//! Generators of random but grammatical specs, shared by the property tests.
//! The specs parse; they need not type-check.

#![allow(dead_code)]

use proptest::prelude::*;

const NAMES: &[&str] = &["a", "b", "amount", "total", "htlcs", "k", "x1", "to_local", "fee"];

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(NAMES).prop_map(str::to_string)
}

fn ws() -> impl Strategy<Value = String> {
    prop_oneof![Just(" ".to_string()), Just("  ".to_string()), Just("\n    ".to_string()), Just(" /* c */ ".to_string())]
}

fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        name(),
        (0u64..100_000).prop_map(|n| n.to_string()),
        (0u32..0xffff).prop_map(|n| format!("0x{n:x}")),
        Just("1_000".to_string()),
        (0u64..5000).prop_map(|n| format!("{n} sat")),
        (0u64..5000).prop_map(|n| format!("{n} msat")),
        Just("true".to_string()),
        Just("false".to_string()),
        Just("hex\"00ff\"".to_string()),
        Just("\"a \\\"quoted\\\" text\"".to_string()),
        Just("raw { OP_DUP <k> OP_CHECKSIG 32 hex\"ab\" }".to_string()),
        Just("miniscript { and_v(v:pk(<k>),older(<a>)) }".to_string()),
        Just("policy { or(9@pk(<a.b>),1@pk(<k>)) }".to_string()),
    ]
}

pub fn expr() -> impl Strategy<Value = String> {
    leaf().prop_recursive(4, 48, 4, |inner| {
        let ops = prop::sample::select(vec![
            "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "&", "|", "^", "<<", ">>",
        ]);
        prop_oneof![
            (inner.clone(), ops, inner.clone(), ws()).prop_map(|(l, o, r, w)| format!("{l}{w}{o} {r}")),
            inner.clone().prop_map(|e| format!("({e})")),
            inner.clone().prop_map(|e| format!("!{e}")),
            inner.clone().prop_map(|e| format!("-{e}")),
            (name(), prop::collection::vec(inner.clone(), 0..3)).prop_map(|(f, a)| format!("{f}({})", a.join(", "))),
            (name(), name()).prop_map(|(a, b)| format!("{a}.{b}")),
            (name(), inner.clone()).prop_map(|(x, e)| format!("pending.filter({x} => {e})")),
            (inner.clone(), inner.clone(), inner.clone()).prop_map(|(c, t, f)| format!("if {c} then {t} else {f}")),
            prop::collection::vec(inner.clone(), 0..3).prop_map(|v| format!("[{}]", v.join(", "))),
            (inner.clone(), name()).prop_map(|(e, f)| format!("Rec {{ {f}: {e}, b }}")),
        ]
    })
}

fn stmt() -> impl Strategy<Value = String> {
    let simple = prop_oneof![
        (name(), expr()).prop_map(|(n, e)| format!("let {n} = {e};")),
        (name(), expr()).prop_map(|(n, e)| format!("let {n}: u64 = {e};")),
        (expr(), prop::sample::select(vec!["error \"no\"", "warning \"hm\"", "ignore"]))
            .prop_map(|(e, f)| format!("require {e} else {f};")),
        Just("fail error \"stop\";".to_string()),
        (name(), expr()).prop_map(|(n, e)| format!("send msg {{ {n}: {e}, b }};")),
        (name(), expr()).prop_map(|(n, e)| format!("emit ev {{ {n}: {e} }};")),
        expr().prop_map(|e| format!("broadcast {e};")),
        expr().prop_map(|e| format!("watch confirm({e}, 3) as deep;")),
        expr().prop_map(|e| format!("watch spend({e}) as gone;")),
        expr().prop_map(|e| format!("start ping after {e};")),
        Just("stop ping;".to_string()),
        (name(), prop::sample::select(vec!["=", "+=", "-="]), expr()).prop_map(|(n, o, e)| format!("{n} {o} {e};")),
        (name(), expr()).prop_map(|(n, e)| format!("{n} = Rec {{ {n}: {e}, b, c: {e} }};")),
    ];
    simple.prop_recursive(2, 12, 3, |inner| {
        prop_oneof![
            (expr(), prop::collection::vec(inner.clone(), 0..3), prop::collection::vec(inner.clone(), 0..2))
                .prop_map(|(c, t, f)| format!("if {c} {{ {} }} else {{ {} }}", t.join(" "), f.join("\n"))),
            (expr(), prop::collection::vec(inner.clone(), 0..3))
                .prop_map(|(c, t)| format!("if {c} {{ {} }}", t.join("\n"))),
            (name(), expr(), prop::collection::vec(inner.clone(), 0..3))
                .prop_map(|(v, e, b)| format!("for {v} in {e} {{ {} }}", b.join(" "))),
        ]
    })
}

fn fields() -> impl Strategy<Value = String> {
    prop::collection::vec((name(), prop::sample::select(vec!["u8", "msat", "list<Htlc>", "option<bytes>", "bytes[32]", "m.Rec"])), 0..4)
        .prop_map(|fs| fs.iter().map(|(n, t)| format!("{n}: {t}")).collect::<Vec<_>>().join(", "))
}

fn item() -> impl Strategy<Value = String> {
    prop_oneof![
        name().prop_map(|n| format!("import {n};")),
        Just("roles funder, fundee;".to_string()),
        (name(), expr()).prop_map(|(n, e)| format!("param {n}: u32 = {e};")),
        name().prop_map(|n| format!("param {n}: sat;")),
        (name(), expr()).prop_map(|(n, e)| format!("const {n}: u64 = {e};")),
        fields().prop_map(|f| format!("record Rec {{ {f} }}")),
        Just("enum Side { local, remote, }".to_string()),
        (1u32..70000, fields()).prop_map(|(n, f)| format!("message msg = {n} {{ {f} }}")),
        (fields(), name()).prop_map(|(f, t)| format!("message big = 7 {{ {f} tlv {{ {t}: bytes = 1, z: u8 = 3 }} }}")),
        fields().prop_map(|f| format!("command go {{ {f} }}")),
        fields().prop_map(|f| format!("event ev {{ {f} }}")),
        Just("timer ping;".to_string()),
        Just("interface Lock { fn s(h: Htlc, k: Keys) -> Script; fn t() -> u8; }".to_string()),
        Just("slot lock: Lock;".to_string()),
        Just("fill core.lock with htlc;".to_string()),
        (prop::sample::select(vec!["", "initial ", "terminal "]), fields()).prop_map(|(k, f)| format!("{k}state S {{ {f} }}")),
        (name(), expr()).prop_map(|(n, e)| format!("fn {n}(a: u8, k: Point) -> u64 = {e};")),
        (
            prop::sample::select(vec!["recv msg as m", "command go", "chain deep as e", "timer ping"]),
            prop::sample::select(vec!["A", "A, B", "*", "m.A"]),
            prop::option::of(prop::sample::select(vec!["B", "core.C"])),
            prop::option::of(expr()),
            prop::collection::vec(stmt(), 0..5),
        )
            .prop_map(|(t, from, to, when, body)| {
                let to = to.map(|t| format!(" -> {t}")).unwrap_or_default();
                let when = when.map(|w| format!(" when {w}")).unwrap_or_default();
                format!("on {t} in {from}{to}{when} {{\n{}\n}}", body.join("\n// between\n"))
            }),
        (expr(), expr(), expr()).prop_map(|(a, b, c)| format!(
            "template tx(o: OutPoint) {{ version 2; locktime {a}; input f = o amount {b} script k sequence 0xffffffff sighash all witness [k, {c}]; output x amount {b} script p2wsh(k) when {c} tiebreak {a}; for h in hs {{ output y amount h.a script s; }} order bip69 then tiebreak; }}"
        )),
        (prop::sample::select(vec!["invariant", "sometimes", "eventually"]), expr())
            .prop_map(|(k, e)| format!("{k} prop in A, B: {e};")),
        Just("eventually done in Closed;".to_string()),
    ]
}

pub fn spec() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["protocol", "module"]),
        prop::collection::vec((item(), prop::sample::select(vec!["\n", "\n\n", " ", "\n// note\n", " // trailing\n"])), 0..10),
    )
        .prop_map(|(kind, items)| {
            let body: String = items.into_iter().map(|(i, sep)| format!("{i}{sep}")).collect();
            format!("// a generated spec\n{kind} gen {{\n{body}}}\n")
        })
}

