//! `lnpc check` as a user meets it: exit codes and `file:line:col` locations.

use std::path::{Path, PathBuf};
use std::process::Command;

fn lnpc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lnpc"))
}

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

/// Runs `lnpc check` on one spec text; returns (exit code, stderr).
fn check_text(name: &str, text: &str) -> (i32, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write spec");
    let out = lnpc().arg("check").arg(&path).output().expect("run lnpc");
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&dir.path().display().to_string(), "DIR");
    (out.status.code().unwrap_or(-1), stderr)
}

#[test]
fn the_shipped_specs_check_clean() {
    let out = lnpc().arg("check").arg(specs()).output().expect("run lnpc");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("no errors"), "{stderr}");
}

#[test]
fn an_unclosed_brace_points_at_where_the_brace_is_missing() {
    let (code, err) = check_text("open.lnp", "module m {\n  state A { x: u32 }\n  on command go in A {\n    x = 1;\n");
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with("DIR/open.lnp:4:10: error[E0001]: missing `}`"), "{err}");
    assert!(err.contains("DIR/open.lnp:3:22: note: this `{` is never closed"), "{err}");
}

#[test]
fn an_undefined_state_is_reported_where_it_is_named() {
    let spec = "protocol p {\n  command go {}\n  initial state Idle {}\n  terminal state Done {}\n  on command go in Idle -> Dnoe {}\n}\n";
    let (code, err) = check_text("p.lnp", spec);
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with("DIR/p.lnp:5:28: error[E0121]: undefined state `Dnoe`"), "{err}");
    assert!(err.contains("`Done`"), "suggests the near name: {err}");
}

#[test]
fn a_duplicate_message_type_points_at_the_second_number() {
    let spec = "module m {\n  message ping = 18 { n: u16 }\n  message pong = 18 { n: u16 }\n}\n";
    let (code, err) = check_text("m.lnp", spec);
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with("DIR/m.lnp:3:18: error[E0112]"), "{err}");
    assert!(err.contains("DIR/m.lnp:2:18: note: first used here"), "{err}");
}

#[test]
fn a_type_error_points_at_the_offending_operand() {
    let spec = "module m {\n  param fee: sat = 1000 sat;\n  const total: sat = fee + 5;\n}\n";
    let (code, err) = check_text("t.lnp", spec);
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with("DIR/t.lnp:3:28: error[E0201]"), "{err}");
    assert!(err.contains("^ a plain integer"), "underlines the integer: {err}");
}

#[test]
fn every_error_is_reported_not_only_the_first() {
    let spec = "module m {\n  const a: u8 = 300;\n  const b: bool = 1;\n  const c: Nope = 1;\n}\n";
    let (code, err) = check_text("many.lnp", spec);
    assert_eq!(code, 1);
    assert!(err.contains(":2:17:") && err.contains(":3:19:") && err.contains(":4:12:"), "{err}");
    assert!(err.contains("3 errors"), "{err}");
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let out = lnpc().args(["check", "/nonexistent/spec.lnp"]).output().expect("run lnpc");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/spec.lnp"));
}

#[test]
fn bad_arguments_are_a_usage_error() {
    let out = lnpc().args(["check"]).output().expect("run lnpc");
    assert_eq!(out.status.code(), Some(2));
    let out = lnpc().args(["frobnicate"]).output().expect("run lnpc");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn imports_are_followed_from_the_importing_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("core.lnp"), "module core {\n  const limit: u16 = 483;\n}\n").expect("write");
    std::fs::write(
        dir.path().join("user.lnp"),
        "module user {\n  import core;\n  const twice: u16 = core.limit * 2;\n  const bad: u8 = limit;\n}\n",
    )
    .expect("write");
    let out = lnpc().arg("check").arg(dir.path().join("user.lnp")).output().expect("run lnpc");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // `limit` resolves through the import and is a u16: too wide for u8.
    assert!(err.contains("user.lnp:4:19: error[E0200]: mismatched types: expected u8, found u16"), "{err}");
}
