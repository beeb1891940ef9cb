//! Snapshot tests of diagnostics: one spec per case in `tests/diagnostics/`,
//! each snapshot holding the source and the rendered errors.
//!
//! Every case must produce at least one error, and no case may produce an
//! internal error (`E0000`). Review changed snapshots with `cargo insta review`
//! or by reading the `.snap.new` files.

use lnp_dsl::{check, render_all, Program};
use std::path::PathBuf;

fn render_case(path: &std::path::Path) -> (String, Vec<&'static str>) {
    let text = std::fs::read_to_string(path).expect("case file is readable");
    let name = PathBuf::from(path.file_name().expect("case has a file name"));
    let program = Program::from_sources(vec![(name, text)], &mut |_| None);
    let checked = check(&program);
    let codes = checked.diagnostics.iter().map(|d| d.code).collect();
    (render_all(&checked.diagnostics, &program.sources), codes)
}

#[test]
fn every_case_renders_its_diagnostics() {
    insta::glob!("diagnostics/*.lnp", |path| {
        let (rendered, codes) = render_case(path);
        assert!(!codes.is_empty(), "{} produced no diagnostic", path.display());
        assert!(!codes.contains(&"E0000"), "{} hit an internal error:\n{rendered}", path.display());
        let source = std::fs::read_to_string(path).expect("readable");
        insta::assert_snapshot!(format!("{source}\n---- lnpc check ----\n{rendered}"));
    });
}

#[test]
fn there_are_at_least_25_distinct_diagnostics() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/diagnostics");
    let mut messages = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(dir).expect("diagnostics folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "lnp") {
            let (rendered, _) = render_case(&path);
            if let Some(first) = rendered.lines().next() {
                // The message after `error[CODE]: `, without the location.
                messages.insert(first.split_once(": ").map_or(first, |(_, m)| m).to_string());
            }
        }
    }
    assert!(messages.len() >= 25, "only {} distinct diagnostics: {messages:#?}", messages.len());
}
