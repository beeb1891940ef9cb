//! Validation of `miniscript { … }` and `policy { … }` with the miniscript crate.
//!
//! The checker replaces each `<placeholder>` by a stand-in of its type (a
//! distinct valid key, the number 1, a zero hash) and asks the miniscript
//! library whether the result is a sane segwit v0 miniscript, or a policy that
//! compiles to one. It does not produce scripts: codegen does, with real values.

use crate::ast::Span;
use crate::diag::Diagnostic;
use miniscript::bitcoin::secp256k1::{PublicKey, Secp256k1, SecretKey};
use miniscript::policy::Concrete;
use miniscript::{Miniscript, Segwitv0};
use std::str::FromStr;

/// A distinct, valid compressed public key for placeholder number `n`.
pub fn stand_in_key(n: u8) -> String {
    let secp = Secp256k1::signing_only();
    let mut bytes = [0u8; 32];
    bytes[31] = n.max(1);
    bytes[0] = 0x11;
    // Any 32 bytes below the curve order with a non-zero byte are a valid key.
    match SecretKey::from_slice(&bytes) {
        Ok(sk) => PublicKey::from_secret_key(&secp, &sk).to_string(),
        Err(_) => String::from("02") + &"11".repeat(32),
    }
}

pub fn validate_miniscript(text: &str) -> Result<(), String> {
    Miniscript::<miniscript::bitcoin::PublicKey, Segwitv0>::from_str(text).map(|_| ()).map_err(|e| e.to_string())
}

pub fn validate_policy(text: &str) -> Result<(), String> {
    let policy = Concrete::<miniscript::bitcoin::PublicKey>::from_str(text).map_err(|e| e.to_string())?;
    policy.compile::<Segwitv0>().map(|_| ()).map_err(|e| e.to_string())
}

/// The diagnostic for a rejected script, with the stand-in keys written back
/// as the placeholders they replaced so the message reads like the source.
pub fn invalid(span: Span, what: &str, why: &str, text: &str, stand_ins: &[(String, String)]) -> Diagnostic {
    let restore = |s: &str| stand_ins.iter().fold(s.to_string(), |acc, (key, src)| acc.replace(key, src));
    Diagnostic::error("E0221", span, format!("invalid {what}: {}", restore(why)))
        .with_label(format!("the miniscript library rejects this {what}"))
        .with_note(format!("checked as `{}` (integers as 1, hashes as zeros)", restore(text)))
}
