//! Composition across files: imports, slots and fills, ambiguity, cycles.
//!
//! Each test loads a small program from memory and asserts the exact codes
//! (and where they point), so a regression in module handling shows up here.

use lnp_dsl::{check, render_all, Program};
use std::path::{Path, PathBuf};

fn run(files: &[(&str, &str)]) -> (Vec<(&'static str, String)>, String) {
    let sources: Vec<(PathBuf, String)> =
        files.iter().map(|(n, t)| (PathBuf::from(format!("specs/{n}")), t.to_string())).collect();
    let mut reader = |p: &Path| files.iter().find(|(n, _)| p.ends_with(n)).map(|(_, t)| t.to_string());
    let program = Program::from_sources(sources, &mut reader);
    let checked = check(&program);
    let found = checked
        .diagnostics
        .iter()
        .map(|d| {
            let (path, line, col) = program.sources.location(d.span);
            (d.code, format!("{path}:{line}:{col}"))
        })
        .collect();
    (found, render_all(&checked.diagnostics, &program.sources))
}

const CORE: &str = "module core {
  record Pay { amount: msat }
  interface Lock { fn script(p: Pay) -> Script; }
  slot lock: Lock;
  command go { amount: msat }
  initial state Idle {}
  state Open { paid: list<Pay> }
  terminal state Done {}
  on command go in Idle -> Open { paid = []; }
  on command go as c in Open -> Done when c.amount == 0 msat {}
  template out(p: Pay) {
    input prev = outpoint(txid(out(p)), 0);
    output x amount sat(p.amount) script p2wsh(lock.script(p));
  }
}
";

const HASHLOCK: &str = "module hashlock {
  import core;
  fn script(p: Pay) -> Script = raw { OP_SHA256 <u64(p.amount)> OP_EQUAL };
  on command go as c in Open when c.amount > 0 msat {
    paid += Pay { amount: c.amount };
  }
}
";

#[test]
fn a_protocol_composing_core_and_filler_checks_clean() {
    let root = "protocol app {\n  import core;\n  import hashlock;\n  fill core.lock with hashlock;\n}\n";
    let (found, text) = run(&[("app.lnp", root), ("core.lnp", CORE), ("hashlock.lnp", HASHLOCK)]);
    assert!(found.is_empty(), "{text}");
}

#[test]
fn imports_are_loaded_from_beside_the_importing_file() {
    // Only the root is given; core and hashlock come through `import`.
    let root = "protocol app {\n  import core;\n  import hashlock;\n  fill core.lock with hashlock;\n}\n";
    let sources = vec![(PathBuf::from("specs/app.lnp"), root.to_string())];
    let mut reader = |p: &Path| match p.to_str() {
        Some("specs/core.lnp") => Some(CORE.to_string()),
        Some("specs/hashlock.lnp") => Some(HASHLOCK.to_string()),
        _ => None,
    };
    let program = Program::from_sources(sources, &mut reader);
    assert_eq!(program.units.len(), 3);
    assert!(!check(&program).has_errors());
}

#[test]
fn a_protocol_without_the_fill_reports_the_unfilled_slot() {
    let root = "protocol app {\n  import core;\n  import hashlock;\n}\n";
    let (found, text) = run(&[("app.lnp", root), ("core.lnp", CORE), ("hashlock.lnp", HASHLOCK)]);
    assert_eq!(found, vec![("E0303", "specs/app.lnp:1:10".to_string())], "{text}");
    assert!(text.contains("the slot `core.lock` is never filled in protocol `app`"), "{text}");
}

#[test]
fn a_filler_missing_a_function_or_with_the_wrong_signature_is_rejected() {
    let wrong = "module hashlock {\n  import core;\n  fn script(p: Pay) -> bytes = hex\"00\";\n}\n";
    let root = "protocol app {\n  import core;\n  import hashlock;\n  fill core.lock with hashlock;\n}\n";
    let (found, text) = run(&[("app.lnp", root), ("core.lnp", CORE), ("hashlock.lnp", wrong)]);
    assert!(found.contains(&("E0304", "specs/hashlock.lnp:3:6".to_string())), "{text}");
    let empty = "module hashlock {\n  import core;\n}\n";
    let (found, text) = run(&[("app.lnp", root), ("core.lnp", CORE), ("hashlock.lnp", empty)]);
    assert!(found.contains(&("E0304", "specs/app.lnp:4:23".to_string())), "{text}");
    assert!(text.contains("does not define `script` required by `Lock`"), "{text}");
}

#[test]
fn filling_with_a_module_the_protocol_does_not_import_is_rejected() {
    let root = "protocol app {\n  import core;\n  fill core.lock with hashlock;\n}\n";
    let (found, text) = run(&[("app.lnp", root), ("core.lnp", CORE), ("hashlock.lnp", HASHLOCK)]);
    assert!(found.contains(&("E0304", "specs/app.lnp:3:23".to_string())), "{text}");
}

#[test]
fn a_slot_filled_twice_is_rejected() {
    let root = "protocol app {\n  import core;\n  import hashlock;\n  fill core.lock with hashlock;\n  fill core.lock with hashlock;\n}\n";
    let (found, text) = run(&[("app.lnp", root), ("core.lnp", CORE), ("hashlock.lnp", HASHLOCK)]);
    assert_eq!(found, vec![("E0306", "specs/app.lnp:5:3".to_string())], "{text}");
}

#[test]
fn a_name_defined_in_two_imports_must_be_qualified() {
    let a = "module a {\n  const limit: u16 = 1;\n}\n";
    let b = "module b {\n  const limit: u16 = 2;\n}\n";
    let user = "module user {\n  import a;\n  import b;\n  const x: u16 = limit;\n  const y: u16 = a.limit + b.limit;\n}\n";
    let (found, text) = run(&[("user.lnp", user), ("a.lnp", a), ("b.lnp", b)]);
    assert_eq!(found, vec![("E0132", "specs/user.lnp:4:18".to_string())], "{text}");
    assert!(text.contains("`a.limit`, `b.limit`"), "{text}");
}

#[test]
fn an_import_cycle_is_rejected() {
    let a = "module a {\n  import b;\n}\n";
    let b = "module b {\n  import a;\n}\n";
    let (found, text) = run(&[("a.lnp", a), ("b.lnp", b)]);
    assert!(found.iter().all(|(c, _)| *c == "E0102") && found.len() == 2, "{text}");
    assert!(text.contains("a → b → a"), "{text}");
}

#[test]
fn duplicate_wire_types_across_modules_of_one_protocol_are_rejected() {
    let a = "module a {\n  message hello = 7 { n: u16 }\n}\n";
    let b = "module b {\n  message howdy = 7 { n: u16 }\n}\n";
    let user = "module user {\n  import a;\n  import b;\n}\n";
    let (found, text) = run(&[("user.lnp", user), ("a.lnp", a), ("b.lnp", b)]);
    assert_eq!(found, vec![("E0112", "specs/b.lnp:2:19".to_string())], "{text}");
}

#[test]
fn a_module_named_differently_from_its_file_is_reported_at_the_import() {
    let user = "module user {\n  import core;\n}\n";
    let sources = vec![(PathBuf::from("specs/user.lnp"), user.to_string())];
    let mut reader = |p: &Path| (p.to_str() == Some("specs/core.lnp")).then(|| "module kernel {}\n".to_string());
    let program = Program::from_sources(sources, &mut reader);
    let checked = check(&program);
    let text = render_all(&checked.diagnostics, &program.sources);
    assert!(text.contains("specs/user.lnp:2:10: error[E0100]: cannot find module `core`"), "{text}");
    assert!(text.contains("declares `kernel`, not `core`"), "{text}");
}

/// The filler sorts after the core by file name and is imported after it:
/// neither decides which transition is tried first.
const ZLOCK: &str = "module zlock {
  import core;
  fn script(p: Pay) -> Script = raw { OP_SHA256 <u64(p.amount)> OP_EQUAL };
  on command go as c in Open -> Done when c.amount > 1000 msat {}
}
";

fn loaded(files: &[(&str, &str)]) -> Program {
    let sources: Vec<(PathBuf, String)> =
        files.iter().map(|(n, t)| (PathBuf::from(format!("specs/{n}")), t.to_string())).collect();
    let mut reader = |p: &Path| files.iter().find(|(n, _)| p.ends_with(n)).map(|(_, t)| t.to_string());
    Program::from_sources(sources, &mut reader)
}

#[test]
fn a_module_s_transitions_are_tried_before_those_of_the_units_it_imports() {
    let root = "protocol app {\n  import core;\n  import zlock;\n  fill core.lock with zlock;\n}\n";
    let program = loaded(&[("core.lnp", CORE), ("app.lnp", root), ("zlock.lnp", ZLOCK)]);
    let checked = check(&program);
    assert!(checked.diagnostics.is_empty(), "{}", render_all(&checked.diagnostics, &program.sources));
    let app = program.unit_named("app").expect("app is loaded");
    let order: Vec<&str> = check::protocol::dispatch_order(&checked.symbols, app)
        .into_iter()
        .map(|u| program.units[u].unit.name.name.as_str())
        .collect();
    assert_eq!(order, ["app", "zlock", "core"]);
}

#[test]
fn sibling_modules_are_tried_in_the_order_they_are_imported() {
    let other = "module other {\n  import core;\n}\n";
    let root = "protocol app {\n  import other;\n  import core;\n  import zlock;\n  fill core.lock with zlock;\n}\n";
    let program = loaded(&[("app.lnp", root), ("core.lnp", CORE), ("zlock.lnp", ZLOCK), ("other.lnp", other)]);
    let checked = check(&program);
    let app = program.unit_named("app").expect("app is loaded");
    let order: Vec<&str> = check::protocol::dispatch_order(&checked.symbols, app)
        .into_iter()
        .map(|u| program.units[u].unit.name.name.as_str())
        .collect();
    assert_eq!(order, ["app", "other", "zlock", "core"]);
}

#[test]
fn an_importer_s_catch_all_shadows_the_imported_one_and_the_checker_says_which() {
    let filler = "module zlock {
  import core;
  fn script(p: Pay) -> Script = raw { OP_SHA256 <u64(p.amount)> OP_EQUAL };
  on command go in Idle {}
}
";
    let root = "protocol app {\n  import core;\n  import zlock;\n  fill core.lock with zlock;\n}\n";
    let (found, text) = run(&[("app.lnp", root), ("core.lnp", CORE), ("zlock.lnp", filler)]);
    // The core's `on command go in Idle -> Open` is tried after the
    // filler's: it is the one that can never run.
    assert_eq!(found, vec![("E0142", "specs/core.lnp:9:6".to_string())], "{text}");
    assert!(text.contains("this one always wins"), "{text}");
}
