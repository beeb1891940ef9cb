//! The committed generated code is exactly what the specs produce today.
//!
//! When this fails, run `cargo run -p lnpc -- compile specs/ --out protocols/src/generated`
//! and commit the result.

use lnp_codegen::{generate_all, write::render_folder};
use lnp_dsl::{check, render_all, Program};
use std::path::Path;

#[test]
fn generated_modules_match_the_specs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let program = Program::load(&[root.join("../specs")]).expect("specs/ is readable");
    let checked = check(&program);
    assert!(!checked.has_errors(), "{}", render_all(&checked.diagnostics, &program.sources));
    let modules = generate_all(&program, &checked).expect("codegen succeeds on checked specs");
    let dir = root.join("src/generated");
    let mut stale = Vec::new();
    for (name, text) in render_folder(&modules) {
        let on_disk = std::fs::read_to_string(dir.join(&name)).unwrap_or_default();
        if on_disk != text {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run `cargo run -p lnpc -- compile specs/ --out protocols/src/generated`"
    );
}
