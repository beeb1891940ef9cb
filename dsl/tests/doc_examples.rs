//! The language reference keeps its promises: every ```lnp block in
//! `docs/language.md` checks clean (blocks with `file=NAME` are checked
//! together as one program), every ```lnp-error block is refused, and the
//! table of diagnostic codes lists every code the checker can emit.

use lnp_dsl::{check, render_all, Program};
use std::path::{Path, PathBuf};

struct Block {
    info: String,
    line: usize,
    text: String,
}

fn blocks(doc: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    for (i, line) in doc.lines().enumerate() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) if !info.is_empty() => {
                current = Some(Block { info: info.trim().to_string(), line: i + 1, text: String::new() })
            }
            (Some(_), Some("")) => out.extend(current.take()),
            (Some(b), _) => {
                b.text.push_str(line);
                b.text.push('\n');
            }
            _ => {}
        }
    }
    out
}

fn doc() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/language.md")).expect("docs/language.md")
}

fn check_files(files: Vec<(PathBuf, String)>) -> (bool, String) {
    let program = Program::from_sources(files, &mut |_| None);
    let checked = check(&program);
    (checked.has_errors(), render_all(&checked.diagnostics, &program.sources))
}

#[test]
fn every_lnp_example_checks_and_every_error_example_is_refused() {
    let doc = doc();
    let all = blocks(&doc);
    let mut together = Vec::new();
    let mut checked = 0;
    for b in &all {
        let mut words = b.info.split_whitespace();
        let lang = words.next().unwrap_or("");
        let file = words.find_map(|w| w.strip_prefix("file="));
        match (lang, file) {
            ("lnp", Some(name)) => together.push((PathBuf::from(name), b.text.clone())),
            ("lnp", None) => {
                let (bad, text) = check_files(vec![(PathBuf::from(format!("language.md:{}", b.line)), b.text.clone())]);
                assert!(!bad, "the example at docs/language.md:{} does not check:\n{text}", b.line);
                checked += 1;
            }
            ("lnp-error", _) => {
                let (bad, _) = check_files(vec![(PathBuf::from("error.lnp"), b.text.clone())]);
                assert!(bad, "the error example at docs/language.md:{} is accepted", b.line);
            }
            _ => {}
        }
    }
    assert!(!together.is_empty(), "the composition example is missing");
    let (bad, text) = check_files(together);
    assert!(!bad, "the multi-file example does not check:\n{text}");
    assert!(checked >= 12, "only {checked} examples");
}

#[test]
fn the_reference_lists_every_diagnostic_code() {
    let doc = doc();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src];
    let mut missing = Vec::new();
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).expect("src readable") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("readable");
                for (i, _) in text.match_indices("\"E0").chain(text.match_indices("\"W0")) {
                    let code = &text[i + 1..i + 6];
                    if !doc.contains(&format!("| {code} |")) && !missing.contains(&code.to_string()) {
                        missing.push(code.to_string());
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "codes missing from the table in docs/language.md: {missing:?}");
}
