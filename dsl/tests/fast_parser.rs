//! The hand-written parser and the pest grammar agree: same tree, same spans,
//! on generated specs, on every shipped spec, on the documentation's examples
//! and on the fuzz seeds; and where pest refuses, the result is pest's error.

mod gen;

use lnp_dsl::parse::{parse_unit, parse_with_pest};
use proptest::prelude::*;
use std::path::Path;

fn agree(text: &str) {
    let fast = parse_unit(0, text);
    let pest = parse_with_pest(0, text);
    match (&fast, &pest) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "trees differ for:\n{text}"),
        (Err(a), Err(b)) => assert_eq!(a.code, b.code, "errors differ for:\n{text}"),
        // The depth limit applies after parsing, to either tree.
        (Err(a), Ok(_)) if a.code == "E0004" => {}
        _ => panic!("parsers disagree on:\n{text}\nfast: {fast:?}\npest: {pest:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn generated_specs_parse_identically(src in gen::spec()) {
        agree(&src);
    }

    #[test]
    fn damaged_specs_are_refused_identically(src in gen::spec(), cut in 0usize..400, junk in "[;{}()a=<>,. \n]{0,3}") {
        let cut = cut.min(src.len());
        let cut = (0..=cut).rev().find(|i| src.is_char_boundary(*i)).unwrap_or(0);
        agree(&format!("{}{junk}{}", &src[..cut], &src[cut..]));
    }
}

#[test]
fn every_file_we_ship_parses_identically() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut n = 0;
    for dir in ["specs/toy", "specs/bolt", "fuzz/corpus/parse_check", "dsl/tests/diagnostics"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("folder") {
            let text = String::from_utf8_lossy(&std::fs::read(entry.expect("entry").path()).expect("file")).into_owned();
            agree(&text);
            n += 1;
        }
    }
    let doc = std::fs::read_to_string(root.join("docs/language.md")).expect("docs");
    for block in doc.split("```lnp").skip(1) {
        let body = block.split_once('\n').map_or("", |(_, b)| b);
        agree(body.split("```").next().unwrap_or(""));
        n += 1;
    }
    assert!(n > 60);
}

#[test]
fn a_name_starting_like_a_keyword_is_an_assignment() {
    let unit = parse_unit(0, "module m { on command go in A { letter = 5; format = 1; iffy = 2; } }").expect("parses");
    let lnp_dsl::ast::Item::Transition(t) = &unit.items[0] else { panic!("a transition") };
    assert!(t.body.iter().all(|s| matches!(s, lnp_dsl::ast::Stmt::Assign { .. })), "{:?}", t.body);
}

#[test]
fn the_keyword_list_and_the_keyword_test_agree() {
    for k in lnp_dsl::parse::KEYWORDS {
        assert!(lnp_dsl::parse::is_keyword(k), "{k}");
    }
    assert_eq!(lnp_dsl::parse::KEYWORDS.len(), 40);
    assert!(!lnp_dsl::parse::is_keyword("letter"));
}
