//! `lnpc fmt` is safe to run on any spec: over randomly generated specs the
//! formatted text parses to the same tree (spans aside), formatting it again
//! changes nothing, and no comment is lost. Also: the shipped specs are
//! already in canonical layout.

use lnp_dsl::parse::parse_unit;
use lnp_dsl::printer::format_source;
use proptest::prelude::*;
use serde_json::Value;

/// The tree without spans (and without the source spelling of hex literals).
fn shape(text: &str) -> Value {
    let unit = parse_unit(0, text).unwrap_or_else(|d| panic!("does not parse: {d:?}\n{text}"));
    let mut v = serde_json::to_value(&unit).expect("AST serializes");
    strip(&mut v);
    v
}

fn strip(v: &mut Value) {
    match v {
        // A span inside a tuple variant is an unnamed {file, start, end}.
        Value::Object(map) if map.len() == 3 && ["file", "start", "end"].iter().all(|k| map.contains_key(*k)) => {
            *v = Value::Null;
        }
        Value::Object(map) => {
            map.remove("span");
            map.values_mut().for_each(strip);
        }
        Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

/// Comments outside strings, counted the way a reader would.
fn comments(text: &str) -> usize {
    let mut n = 0;
    let mut in_str = false;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => in_str = !in_str,
            b'\\' if in_str => i += 1,
            b'/' if !in_str && matches!(b.get(i + 1), Some(b'/') | Some(b'*')) => {
                n += 1;
                let end = if b[i + 1] == b'/' { text[i..].find('\n') } else { text[i + 2..].find("*/").map(|e| e + 4) };
                i += end.unwrap_or(b.len() - i);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    n
}

mod gen;
use gen::spec;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn formatting_keeps_meaning_comments_and_is_idempotent(src in spec()) {
        let once = format_source(0, &src).unwrap_or_else(|d| panic!("{d:?}\n{src}"));
        prop_assert_eq!(shape(&once), shape(&src), "tree changed:\n{}\n----\n{}", src, once);
        let twice = format_source(0, &once).unwrap_or_else(|d| panic!("{d:?}\n{once}"));
        prop_assert_eq!(&twice, &once, "not idempotent");
        prop_assert_eq!(comments(&once), comments(&src), "comments lost:\n{}\n----\n{}", src, once);
    }
}

#[test]
fn the_shipped_specs_are_formatted() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut stack = vec![root];
    let mut checked = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable specs folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "lnp") {
                let text = std::fs::read_to_string(&path).expect("readable spec");
                let formatted = format_source(0, &text).expect("parses");
                assert!(formatted == text, "{} is not formatted: run `cargo run -p lnpc -- fmt specs/`", path.display());
                checked += 1;
            }
        }
    }
    assert!(checked >= 4);
}
