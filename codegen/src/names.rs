//! Spec names → Rust identifiers.
//!
//! Types become `UpperCamelCase` (`open_channel` → `OpenChannel`), fields and
//! functions stay `snake_case`; a Rust keyword gets the raw form (`r#type`).

use proc_macro2::{Ident, Span};

const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn", "for",
    "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do",
    "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// A field, function or module name.
pub fn snake(name: &str) -> Ident {
    if matches!(name, "self" | "Self" | "super" | "crate") {
        return Ident::new(&format!("{name}_"), Span::call_site());
    }
    if RUST_KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// A type or variant name: `open_channel` → `OpenChannel`, `Normal` stays.
pub fn camel(name: &str) -> Ident {
    let mut out = lnp_dsl::name::rust_type_name(name);
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'X');
    }
    if matches!(out.as_str(), "Self") {
        out.push('_');
    }
    Ident::new(&out, Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_rust_conventions() {
        assert_eq!(camel("open_channel").to_string(), "OpenChannel");
        assert_eq!(camel("Normal").to_string(), "Normal");
        assert_eq!(camel("htlc").to_string(), "Htlc");
        assert_eq!(snake("type").to_string(), "r#type");
        assert_eq!(snake("self").to_string(), "self_");
        assert_eq!(snake("amount").to_string(), "amount");
    }
}
