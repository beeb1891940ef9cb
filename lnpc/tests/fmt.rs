//! `lnpc fmt` as a user meets it: rewrite, `--check`, bad input left alone.

use std::process::Command;

fn lnpc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lnpc"))
}

#[test]
fn fmt_rewrites_then_check_passes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let f = dir.path().join("m.lnp");
    std::fs::write(&f, "module m{param a:u8=1; // keep me\nconst b:u8=2;}").expect("write");
    let out = lnpc().arg("fmt").arg("--check").arg(&f).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("would reformat"));
    assert_eq!(std::fs::read_to_string(&f).expect("read"), "module m{param a:u8=1; // keep me\nconst b:u8=2;}");
    let out = lnpc().arg("fmt").arg(&f).output().expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(&f).expect("read"),
        "module m {\n  param a: u8 = 1;  // keep me\n  const b: u8 = 2;\n}\n"
    );
    let out = lnpc().arg("fmt").arg("--check").arg(dir.path()).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_file_that_does_not_parse_is_reported_and_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let f = dir.path().join("bad.lnp");
    std::fs::write(&f, "module m {\n  param a: u8 = ;\n}\n").expect("write");
    let out = lnpc().arg("fmt").arg(&f).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.lnp:2:17: error[E0001]"), "{err}");
    assert_eq!(std::fs::read_to_string(&f).expect("read"), "module m {\n  param a: u8 = ;\n}\n");
}

#[test]
fn the_shipped_specs_pass_fmt_check() {
    let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let out = lnpc().arg("fmt").arg("--check").arg(specs).output().expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}
