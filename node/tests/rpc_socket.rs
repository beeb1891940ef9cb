//! `lnpd --rpc-socket`: the same JSON-RPC, behind the same cookie, on a
//! unix socket — a real `lnpd` process driven with the real `lnp-cli`. The
//! socket alone (no TCP port), found through the data directory or named
//! with `--rpc-socket`; mode 0600; a wrong or missing cookie refused; the
//! socket and its file removed at a clean stop; a stale socket left by a
//! crash replaced; a live one, or a file that is not a socket, refused;
//! both TCP and the socket when both are asked for.

#[allow(dead_code)]
mod lnpd_process;

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use lnp_node::rpc::cookie::Cookie;
use lnp_node::rpc::unix;
use lnpd_process::{Lnpd, LNPD, LNP_CLI};
use serde_json::{json, Value};

fn socket_only(datadir: &Path, name: &str, socket: &str) -> Lnpd {
    Lnpd::spawn(datadir, name, &["--network", "regtest", "--chain", "embedded", "--listen", "127.0.0.1:0", "--rpc-socket", socket])
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

/// A raw POST over the socket: the HTTP status and the JSON body.
fn raw_post(socket: &Path, authorization: &str, body: &str) -> (u16, Value) {
    let reply = unix::post(socket, authorization, body, Duration::from_secs(10)).expect("a reply over the socket");
    (reply.status, serde_json::from_slice(&reply.body).unwrap_or(Value::Null))
}

#[test]
fn lnpd_serves_json_rpc_on_a_unix_socket_behind_the_cookie() {
    let dir = tempfile::tempdir().expect("tempdir");
    let datadir = dir.path().join("node");
    let socket = datadir.join("lnpd.sock");
    // A relative path is in the data directory.
    let mut node = socket_only(&datadir, "node", "lnpd.sock");

    // The socket alone: no TCP address; the data directory says where it is.
    assert!(!datadir.join("rpc-address").exists(), "no TCP listener when only the socket is asked for");
    assert_eq!(std::fs::read_to_string(datadir.join("rpc-socket")).expect("rpc-socket").trim(), socket.to_string_lossy());
    let meta = std::fs::symlink_metadata(&socket).expect("the socket exists");
    assert!(meta.file_type().is_socket());
    assert_eq!(mode(&socket), 0o600, "only the daemon's user may connect");

    // lnp-cli finds it through the data directory, or is told.
    let info = node.json(&["getinfo"]);
    assert_eq!(info["network"], "regtest");
    assert_eq!((&info["rpc"], info["rpc_socket"].as_str()), (&Value::Null, Some(&*socket.to_string_lossy())));
    let named = node.json(&["--rpc-socket", &socket.to_string_lossy(), "getinfo"]);
    assert_eq!(named["node_id"], info["node_id"]);
    let text = node.text(&["getinfo"]);
    assert!(text.contains(&format!("rpc       {}", socket.display())), "{text}");
    let mined = node.json(&["mine", "2"]);
    assert_eq!(mined["height"], 2, "calls that change things work too");

    // The cookie guards the socket as it guards TCP.
    let fake = dir.path().join("fake");
    std::fs::create_dir(&fake).expect("mkdir");
    Cookie::generate().expect("cookie").write(&fake).expect("a wrong cookie");
    let out = Command::new(LNP_CLI)
        .args(["--datadir", &fake.to_string_lossy(), "--rpc-socket", &socket.to_string_lossy(), "getinfo"])
        .output()
        .expect("lnp-cli runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("refused the credentials"), "{stderr}");
    let call = r#"{"jsonrpc":"2.0","id":7,"method":"getinfo"}"#;
    let (status, body) = raw_post(&socket, "Basic bm9ib2R5Om5vdGhpbmc=", call);
    assert_eq!((status, &body["error"]["code"]), (401, &json!(-32001)));
    let right = Cookie::read(&datadir.join(".cookie")).expect("the cookie").authorization();
    let (status, body) = raw_post(&socket, &right, call);
    assert_eq!((status, &body["id"], &body["result"]["node_id"]), (200, &json!(7), &info["node_id"]));
    let out = Command::new(LNP_CLI)
        .args(["--datadir", &datadir.to_string_lossy(), "--rpc", "127.0.0.1:1", "--rpc-socket", &socket.to_string_lossy(), "getinfo"])
        .output()
        .expect("lnp-cli runs");
    assert_eq!(out.status.code(), Some(2), "--rpc and --rpc-socket together are a usage error");

    // A clean stop removes the socket and the file naming it.
    assert!(node.text(&["stop"]).contains("lnpd stopping"));
    assert!(node.wait_exit().success(), "a clean stop:\n{}", node.log());
    assert!(!socket.exists() && !datadir.join("rpc-socket").exists() && !datadir.join(".cookie").exists(), "removed at shutdown");
    drop(node);

    // A crash leaves a stale socket; the next start replaces it.
    let mut node = socket_only(&datadir, "node-2", "lnpd.sock");
    node.child.kill().expect("kill");
    node.child.wait().expect("exits");
    assert!(std::fs::symlink_metadata(&socket).is_ok_and(|m| m.file_type().is_socket()), "a killed daemon leaves its socket");
    drop(node);
    let node = socket_only(&datadir, "node-3", "lnpd.sock");
    assert_eq!(node.json(&["getinfo"])["block_height"], 2, "the restarted node answers on the replaced socket");
    assert!(node.log().contains("replacing the stale RPC socket"), "{}", node.log());
    assert_eq!(mode(&socket), 0o600);

    // Another daemon may not take a socket a live one answers on.
    let out = Command::new(LNPD)
        .args(["--datadir", &dir.path().join("other").to_string_lossy(), "--listen", "127.0.0.1:0", "--rpc-socket", &socket.to_string_lossy()])
        .env_remove("LNPD_CONFIG")
        .output()
        .expect("lnpd runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("in use"), "{stderr}");
    assert_eq!(node.json(&["getinfo"])["block_height"], 2, "the first daemon still answers");

    // Nor a path that is not a socket: refused, and left alone.
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "keep me").expect("write");
    let out = Command::new(LNPD)
        .args(["--datadir", &dir.path().join("third").to_string_lossy(), "--listen", "127.0.0.1:0", "--rpc-socket", &notes.to_string_lossy()])
        .env_remove("LNPD_CONFIG")
        .output()
        .expect("lnpd runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a socket"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&notes).expect("read"), "keep me");
}

#[test]
fn lnpd_serves_tcp_and_the_socket_when_both_are_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let datadir = dir.path().join("node");
    let socket = dir.path().join("both.sock");
    let node = Lnpd::spawn(
        &datadir,
        "node",
        &["--listen", "127.0.0.1:0", "--rpc-listen", "127.0.0.1:0", "--rpc-socket", &socket.to_string_lossy()],
    );
    let info = node.json(&["getinfo"]);
    let tcp = info["rpc"].as_str().expect("a TCP address").to_string();
    assert_eq!(info["rpc_socket"].as_str(), Some(&*socket.to_string_lossy()));
    assert_eq!(mode(&socket), 0o600);
    let over_tcp = node.json(&["--rpc", &tcp, "getinfo"]);
    let over_socket = node.json(&["--rpc-socket", &socket.to_string_lossy(), "getinfo"]);
    assert_eq!(over_tcp["node_id"], over_socket["node_id"]);
}
