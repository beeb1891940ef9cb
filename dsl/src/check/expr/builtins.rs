//! The typing of builtin calls (`len(x)`, `sha256(b)`, `msat(x)`, `sign(…)`,
//! …) and the reference list of builtins: one arm per builtin, with its
//! arity and argument types. Methods of lists and options stay in the
//! parent module.

use super::*;

/// The builtin functions, as the language reference lists them.
pub const BUILTINS: &[(&str, &str)] = &[
    ("len", "len(list<T> | bytes-like) -> u64"),
    ("sum", "sum(list<sat | msat | integer>) -> same"),
    ("min", "min(a: T, b: T) -> T"),
    ("max", "max(a: T, b: T) -> T"),
    ("msat", "msat(sat | integer) -> msat"),
    ("sat", "sat(msat | integer) -> sat   (msat rounds down)"),
    ("u8", "u8(integer | amount) -> u8   (and u16, u32, u48, u64, i64; out of range rejects)"),
    ("some", "some(x: T) -> option<T>"),
    ("sha256", "sha256(bytes-like) -> Hash256"),
    ("ripemd160", "ripemd160(bytes-like) -> bytes[20]"),
    ("hash160", "hash160(bytes-like) -> bytes[20]"),
    ("bytes", "bytes(bytes-like) -> bytes"),
    ("concat", "concat(bytes-like, …) -> bytes"),
    ("txid", "txid(Tx) -> Txid"),
    ("outpoint", "outpoint(Txid, integer) -> OutPoint"),
    ("weight", "weight(Tx) -> u64"),
    ("fee", "fee(feerate_per_kw: u32, weight: u64) -> sat"),
    ("sign", "sign(tx: Tx, input: integer, key: Point) -> Signature"),
    ("sign_derived", "sign_derived(tx: Tx, input: integer, basepoint: Point, per_commitment_point: Point) -> Signature   (BOLT 3 derived key)"),
    ("sign_revocation", "sign_revocation(tx: Tx, input: integer, revocation_basepoint: Point, per_commitment_secret: Secret) -> Signature   (BOLT 3 revocation key)"),
    ("verify", "verify(sig: Signature, tx: Tx, input: integer, key: Point) -> bool"),
    ("locktime", "locktime(Tx) -> u32"),
    ("preimage_in", "preimage_in(tx: Tx, payment_hash: bytes) -> option<bytes[32]>   (a 32-byte witness element of any input whose SHA256 is the hash)"),
    ("input_count", "input_count(Tx) -> u64"),
    ("input_sequence", "input_sequence(tx: Tx, input: u32) -> u32   (past the last input rejects)"),
    ("output_count", "output_count(Tx) -> u64"),
    ("output_script", "output_script(tx: Tx, index: u64) -> Script   (the scriptPubKey; past the last output rejects)"),
    ("output_amount", "output_amount(tx: Tx, index: u64) -> sat   (past the last output rejects)"),
    ("range", "range(n: u64) -> list<u64>   ([0, 1, …, n - 1])"),
    ("with_witness", "with_witness(tx: Tx, input: integer, element, …) -> Tx"),
    ("with_sighash", "with_sighash(tx: Tx, input: integer, flag: u8) -> Tx"),
    ("p2wsh", "p2wsh(Script) -> Script"),
    ("as_script", "as_script(bytes) -> Script   (the bytes as a script, e.g. a shutdown scriptpubkey)"),
    ("p2wpkh", "p2wpkh(Point) -> Script"),
    ("p2pkh", "p2pkh(Point) -> Script"),
    ("p2tr", "p2tr(Point) -> Script"),
    ("per_commitment_point", "per_commitment_point(index: u48) -> Point"),
    ("per_commitment_secret", "per_commitment_secret(index: u48) -> Secret"),
    ("point_of", "point_of(Secret) -> Point"),
    ("secrets_len", "secrets_len(store: bytes) -> u64   (BOLT 3 compact storage of revealed per-commitment secrets: how many it holds, those of commitments 0 … n − 1)"),
    ("secrets_add", "secrets_add(store: bytes, secret: Secret) -> option<bytes>   (the store with the secret of the next commitment; none if it does not derive the earlier ones)"),
    ("secret_at", "secret_at(store: bytes, n: u48) -> option<Secret>   (the secret of commitment n, if the store holds it)"),
    ("derive_pubkey", "derive_pubkey(basepoint: Point, per_commitment_point: Point) -> Point"),
    ("derive_revocation_pubkey", "derive_revocation_pubkey(basepoint: Point, per_commitment_point: Point) -> Point"),
    ("obscuring_factor", "obscuring_factor(opener_payment_basepoint: Point, accepter_payment_basepoint: Point) -> u48"),
    ("channel_id", "channel_id(funding_txid: Txid, output_index: u16) -> ChannelId"),
    ("chain_height", "chain_height() -> u32"),
    ("random32", "random32() -> bytes[32]"),
    ("zeros", "zeros(n: u16) -> bytes   (n zero bytes)"),
    (
        "requires_unknown_feature",
        "requires_unknown_feature(theirs: bytes, known: bytes) -> bool   (BOLT 9: an even bit set in theirs whose pair is unset in known)",
    ),
];

pub(super) const INT_CONVERSIONS: &[(&str, IntTy)] = &[
    ("u8", IntTy::U8),
    ("u16", IntTy::U16),
    ("u32", IntTy::U32),
    ("u48", IntTy::U48),
    ("u64", IntTy::U64),
    ("i64", IntTy { bits: 64, signed: true }),
];

impl Env<'_> {
    pub(super) fn builtin(&mut self, id: &Ident, args: &[Arg], span: Span, want: Option<&Type>) -> Type {
        let name = id.name.as_str();
        self.note(span, Res::Builtin(id.name.to_string()));
        let int = Type::Int(IntTy::U64);
        if let Some((_, ty)) = INT_CONVERSIONS.iter().find(|(n, _)| *n == name) {
            if self.arity(id, args, 1, span) {
                let t = self.arg_value(&args[0]);
                if !(t.is_int() || t.is_amount() || t.is_error()) {
                    self.conv_error(&args[0], &t, "an integer or an amount");
                }
            }
            return Type::Int(*ty);
        }
        match name {
            "len" => {
                if self.arity(id, args, 1, span) {
                    let t = self.arg_value(&args[0]);
                    if !(matches!(t, Type::List(_) | Type::Error) || t.is_bytes_like()) {
                        self.conv_error(&args[0], &t, "a list or bytes");
                    }
                }
                int
            }
            "sum" => {
                if !self.arity(id, args, 1, span) {
                    return Type::Error;
                }
                let t = self.arg_value(&args[0]);
                self.sum_of(&t, &args[0])
            }
            "min" | "max" => {
                if !self.arity(id, args, 2, span) {
                    return Type::Error;
                }
                let a = self.arg_value(&args[0]);
                let b = self.expect_arg(&args[1], &a);
                self.unify(&a, &b).unwrap_or(Type::Error)
            }
            "msat" | "sat" => {
                if self.arity(id, args, 1, span) {
                    let t = self.arg_value(&args[0]);
                    if !(t.is_int() || t.is_amount() || t.is_error()) {
                        self.conv_error(&args[0], &t, "an integer or an amount");
                    }
                }
                if name == "sat" { Type::Sat } else { Type::Msat }
            }
            "some" => {
                if !self.arity(id, args, 1, span) {
                    return Type::Error;
                }
                let inner = match want {
                    Some(Type::Option(t)) => self.expect_arg(&args[0], t),
                    _ => self.arg_value(&args[0]),
                };
                Type::Option(Box::new(inner))
            }
            "sha256" | "ripemd160" | "hash160" | "bytes" => {
                if self.arity(id, args, 1, span) {
                    self.expect_arg(&args[0], &Type::Bytes);
                }
                match name {
                    "sha256" => Type::Hash256,
                    "bytes" => Type::Bytes,
                    _ => Type::FixedBytes(20),
                }
            }
            "concat" => {
                for a in args {
                    self.expect_arg(a, &Type::Bytes);
                }
                Type::Bytes
            }
            "zeros" => {
                if self.arity(id, args, 1, span) {
                    self.expect_arg(&args[0], &Type::Int(IntTy::U16));
                }
                Type::Bytes
            }
            "requires_unknown_feature" => {
                if self.arity(id, args, 2, span) {
                    self.expect_arg(&args[0], &Type::Bytes);
                    self.expect_arg(&args[1], &Type::Bytes);
                }
                Type::Bool
            }
            "txid" | "weight" => {
                if self.arity(id, args, 1, span) {
                    self.expect_arg(&args[0], &Type::Tx);
                }
                if name == "txid" { Type::Txid } else { int }
            }
            "outpoint" => {
                if self.arity(id, args, 2, span) {
                    self.expect_arg(&args[0], &Type::Txid);
                    self.expect_arg(&args[1], &Type::Int(IntTy::U32));
                }
                Type::OutPoint
            }
            "fee" => {
                if self.arity(id, args, 2, span) {
                    self.expect_arg(&args[0], &Type::Int(IntTy::U32));
                    self.expect_arg(&args[1], &int);
                }
                Type::Sat
            }
            "sign" => {
                if self.arity(id, args, 3, span) {
                    self.expect_arg(&args[0], &Type::Tx);
                    self.expect_arg(&args[1], &Type::Int(IntTy::U32));
                    self.expect_arg(&args[2], &Type::Point);
                }
                Type::Signature
            }
            "sign_derived" => {
                if self.arity(id, args, 4, span) {
                    self.expect_arg(&args[0], &Type::Tx);
                    self.expect_arg(&args[1], &Type::Int(IntTy::U32));
                    self.expect_arg(&args[2], &Type::Point);
                    self.expect_arg(&args[3], &Type::Point);
                }
                Type::Signature
            }
            "sign_revocation" => {
                if self.arity(id, args, 4, span) {
                    self.expect_arg(&args[0], &Type::Tx);
                    self.expect_arg(&args[1], &Type::Int(IntTy::U32));
                    self.expect_arg(&args[2], &Type::Point);
                    self.expect_arg(&args[3], &Type::Secret);
                }
                Type::Signature
            }
            "input_count" => {
                if self.arity(id, args, 1, span) {
                    self.expect_arg(&args[0], &Type::Tx);
                }
                Type::Int(IntTy::U64)
            }
            "locktime" => {
                if self.arity(id, args, 1, span) {
                    self.expect_arg(&args[0], &Type::Tx);
                }
                Type::Int(IntTy::U32)
            }
            "preimage_in" => {
                if self.arity(id, args, 2, span) {
                    self.expect_arg(&args[0], &Type::Tx);
                    self.expect_arg(&args[1], &Type::Bytes);
                }
                Type::Option(Box::new(Type::FixedBytes(32)))
            }
            "input_sequence" => {
                if self.arity(id, args, 2, span) {
                    self.expect_arg(&args[0], &Type::Tx);
                    self.expect_arg(&args[1], &Type::Int(IntTy::U32));
                }
                Type::Int(IntTy::U32)
            }
            "output_count" => {
                if self.arity(id, args, 1, span) {
                    self.expect_arg(&args[0], &Type::Tx);
                }
                Type::Int(IntTy::U64)
            }
            "output_script" | "output_amount" => {
                if self.arity(id, args, 2, span) {
                    self.expect_arg(&args[0], &Type::Tx);
                    self.expect_arg(&args[1], &Type::Int(IntTy::U64));
                }
                if name == "output_script" { Type::Script } else { Type::Sat }
            }
            "range" => {
                if self.arity(id, args, 1, span) {
                    self.expect_arg(&args[0], &Type::Int(IntTy::U64));
                }
                Type::List(Box::new(Type::Int(IntTy::U64)))
            }
            "verify" => {
                if self.arity(id, args, 4, span) {
                    self.expect_arg(&args[0], &Type::Signature);
                    self.expect_arg(&args[1], &Type::Tx);
                    self.expect_arg(&args[2], &Type::Int(IntTy::U32));
                    self.expect_arg(&args[3], &Type::Point);
                }
                Type::Bool
            }
            "with_sighash" => {
                if self.arity(id, args, 3, span) {
                    self.expect_arg(&args[0], &Type::Tx);
                    self.expect_arg(&args[1], &Type::Int(IntTy::U32));
                    self.expect_arg(&args[2], &Type::Int(IntTy::U8));
                }
                Type::Tx
            }
            "with_witness" => {
                if args.len() < 2 {
                    for a in args {
                        self.arg_value(a);
                    }
                    self.diags.push(
                        Diagnostic::error("E0205", span, format!("`with_witness` takes a transaction, an input and witness elements but {} given", args.len()))
                            .with_label("too few arguments"),
                    );
                    return Type::Tx;
                }
                self.expect_arg(&args[0], &Type::Tx);
                self.expect_arg(&args[1], &Type::Int(IntTy::U32));
                for a in &args[2..] {
                    let t = self.arg_value(a);
                    if !(t.is_error() || t.is_bytes_like() || t == Type::Bool) {
                        let d = Diagnostic::error("E0220", a.span(), format!("a {} cannot be a witness element", self.show(&t)))
                            .with_label("expected bytes, a signature, a key, a script or a bool");
                        self.diags.push(d);
                    }
                }
                Type::Tx
            }
            "p2wsh" => {
                if self.arity(id, args, 1, span) {
                    self.expect_arg(&args[0], &Type::Script);
                }
                Type::Script
            }
            "as_script" => {
                if self.arity(id, args, 1, span) {
                    self.expect_arg(&args[0], &Type::Bytes);
                }
                Type::Script
            }
            "p2wpkh" | "p2pkh" | "p2tr" => {
                if self.arity(id, args, 1, span) {
                    self.expect_arg(&args[0], &Type::Point);
                }
                Type::Script
            }
            "per_commitment_point" | "per_commitment_secret" => {
                if self.arity(id, args, 1, span) {
                    self.expect_arg(&args[0], &Type::Int(IntTy::U48));
                }
                if name == "per_commitment_point" { Type::Point } else { Type::Secret }
            }
            "point_of" => {
                if self.arity(id, args, 1, span) {
                    self.expect_arg(&args[0], &Type::Secret);
                }
                Type::Point
            }
            "secrets_len" => {
                if self.arity(id, args, 1, span) {
                    self.expect_arg(&args[0], &Type::Bytes);
                }
                Type::Int(IntTy::U64)
            }
            "secrets_add" => {
                if self.arity(id, args, 2, span) {
                    self.expect_arg(&args[0], &Type::Bytes);
                    self.expect_arg(&args[1], &Type::Secret);
                }
                Type::Option(Box::new(Type::Bytes))
            }
            "secret_at" => {
                if self.arity(id, args, 2, span) {
                    self.expect_arg(&args[0], &Type::Bytes);
                    self.expect_arg(&args[1], &Type::Int(IntTy::U48));
                }
                Type::Option(Box::new(Type::Secret))
            }
            "derive_pubkey" | "derive_revocation_pubkey" | "obscuring_factor" => {
                if self.arity(id, args, 2, span) {
                    self.expect_arg(&args[0], &Type::Point);
                    self.expect_arg(&args[1], &Type::Point);
                }
                if name == "obscuring_factor" { Type::Int(IntTy::U48) } else { Type::Point }
            }
            "channel_id" => {
                if self.arity(id, args, 2, span) {
                    self.expect_arg(&args[0], &Type::Txid);
                    self.expect_arg(&args[1], &Type::Int(IntTy::U16));
                }
                Type::ChannelId
            }
            "chain_height" => {
                self.arity(id, args, 0, span);
                Type::Int(IntTy::U32)
            }
            "random32" => {
                self.arity(id, args, 0, span);
                Type::FixedBytes(32)
            }
            _ => {
                for a in args {
                    self.arg_value(a);
                }
                let mut known: Vec<String> = BUILTINS.iter().map(|(n, _)| n.to_string()).collect();
                known.extend(INT_CONVERSIONS.iter().map(|(n, _)| n.to_string()));
                known.extend(self.syms.names_in(self.unit, Ns::Value));
                let mut d = Diagnostic::error("E0128", id.span, format!("undefined function `{}`", id.name))
                    .with_label("not a builtin, a `fn` or a template");
                if let Some(s) = closest(&id.name, &known) {
                    d = d.with_note(format!("help: did you mean `{s}`?"));
                }
                self.err(d)
            }
        }
    }

    fn conv_error(&mut self, a: &Arg, got: &Type, want: &str) {
        let d = Diagnostic::error("E0200", a.span(), format!("mismatched types: expected {want}, found {}", self.show(got)))
            .with_label(format!("expected {want}"));
        self.diags.push(d);
    }

    pub(super) fn sum_of(&mut self, t: &Type, at: &Arg) -> Type {
        match t {
            Type::List(e) if e.is_int() || e.is_amount() => match &**e {
                Type::IntLit(_) => Type::Int(IntTy::U64),
                other => other.clone(),
            },
            Type::Error | Type::List(_) if matches!(t, Type::List(e) if e.is_error()) || t.is_error() => Type::Error,
            _ => {
                self.conv_error(at, t, "a list of amounts or integers");
                Type::Error
            }
        }
    }
}
