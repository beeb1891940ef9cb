//! `lnpc explore`: exit codes and the printed counterexample.

use std::process::Command;

fn lnpc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lnpc"))
}

#[test]
fn a_sound_protocol_exits_0_and_a_broken_one_exits_1_with_its_trace() {
    let out = lnpc().args(["explore", "paychan"]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.starts_with("explored "), "{text}");
    let out = lnpc().args(["explore", "paychan_broken", "--depth", "20"]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("VIOLATED: within_capacity"), "{text}");
    assert!(text.contains("  11. payee: recv pay"), "{text}");
}

#[test]
fn faults_are_flags_and_a_stranded_channel_exits_1() {
    let out = lnpc().args(["explore", "paychan", "--disconnects", "1"]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("VIOLATED: no deadlock"), "{text}");
    assert!(text.contains("the connection drops (1 message(s) lost)"), "{text}");
}

#[test]
fn unknown_protocols_are_usage_errors() {
    let out = lnpc().args(["explore", "nope"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("explorable: paychan"));
}
