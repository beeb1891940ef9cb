//! Two real `lnpd` processes on loopback (port 0, the embedded chain, temp
//! data directories), driven with the real `lnp-cli`: getinfo, connect,
//! listpeers on both sides, an invoice made by one and decoded by the other,
//! mining, refused credentials, bad calls, garbage on the peer port (the
//! node drops it and keeps serving), and a restart that keeps the node id,
//! the chain and the wallet index. Also: `lnpd --chain bitcoind` against
//! the mock bitcoind (the height followed, mining refused), and the
//! refusals that stop `lnpd` from starting.

#[allow(dead_code)]
mod mock_bitcoind;
#[allow(dead_code)]
mod lnpd_process;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use bitcoin::secp256k1::{Secp256k1, SecretKey};
use lnp_node::rpc::client::ClientError;
use lnp_node::rpc::cookie::Cookie;
use lnp_node::transport::Initiator;
use lnpd_process::{Lnpd, LNPD, LNP_CLI};
use serde_json::{json, Value};

/// Starts `lnpd` on `datadir` with the embedded chain, on port 0.
fn start(datadir: &Path, name: &str) -> Lnpd {
    start_with(datadir, name, &["--network", "regtest", "--chain", "embedded"])
}

/// As [`start`], with `args` choosing the network and chain.
fn start_with(datadir: &Path, name: &str, args: &[&str]) -> Lnpd {
    Lnpd::spawn(datadir, name, &[args, &["--listen", "127.0.0.1:0", "--rpc-listen", "127.0.0.1:0"]].concat())
}

fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn peers(lnpd: &Lnpd) -> Vec<Value> {
    lnpd.json(&["listpeers"])["peers"].as_array().cloned().unwrap_or_default()
}

/// Sends `bytes` to `addr` and returns whether the node closed the
/// connection within five seconds.
fn is_dropped_after(addr: &str, bytes: &[u8]) -> bool {
    let mut stream = TcpStream::connect(addr).expect("connect to the peer port");
    stream.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
    stream.write_all(bytes).expect("send");
    let mut buf = [0u8; 256];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            // Act two (the node answering a valid act one) would be data.
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

/// A raw HTTP POST, for what `lnp-cli` never sends.
fn raw_post(addr: &str, authorization: Option<&str>, body: &str) -> (u16, Value) {
    let mut stream = TcpStream::connect(addr).expect("connect to the RPC");
    stream.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
    let auth = authorization.map(|a| format!("Authorization: {a}\r\n")).unwrap_or_default();
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("read the reply");
    let status = reply.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("an HTTP status");
    let body = reply.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

#[test]
fn two_daemons_connect_invoice_mine_refuse_bad_callers_and_survive_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a_dir = dir.path().join("a");
    let b_dir = dir.path().join("b");
    let mut a = start(&a_dir, "a");
    let b = start(&b_dir, "b");

    // getinfo, as JSON and as text.
    let a_info = a.json(&["getinfo"]);
    let b_info = b.json(&["getinfo"]);
    for info in [&a_info, &b_info] {
        assert_eq!(info["network"], "regtest");
        assert_eq!(info["chain"], "embedded");
        assert_eq!(info["block_height"], 0);
        assert_eq!(info["peers"], 0);
        assert_eq!(info["channels"], json!({"pending": 0, "active": 0, "inactive": 0}));
    }
    let a_id = a_info["node_id"].as_str().expect("node id").to_string();
    let b_id = b_info["node_id"].as_str().expect("node id").to_string();
    assert_ne!(a_id, b_id);
    let a_listen = a_info["listen"][0].as_str().expect("listen address").to_string();
    let b_listen = b_info["listen"][0].as_str().expect("listen address").to_string();
    assert!(a.text(&["getinfo"]).contains(&format!("node_id   {a_id}")));

    // A connects to B; both list the other, ready.
    let connected = a.text(&["connect", &format!("{b_id}@{b_listen}")]);
    assert!(connected.contains(&format!("connected to {b_id}")), "{connected}");
    let a_peers = peers(&a);
    assert_eq!(a_peers.len(), 1);
    assert_eq!(a_peers[0]["node_id"], b_id.as_str());
    assert_eq!(a_peers[0]["direction"], "outbound");
    assert_eq!(a_peers[0]["ready"], true);
    eventually("B lists A as ready", || {
        let p = peers(&b);
        p.len() == 1 && p[0]["node_id"] == a_id.as_str() && p[0]["ready"] == true && p[0]["direction"] == "inbound"
    });
    assert_eq!(a.json(&["getinfo"])["peers"], 1);

    // B makes an invoice; A decodes the same thing.
    let invoice = b.json(&["invoice", "150000", "two coffees", "--expiry", "600"]);
    let bolt11 = invoice["bolt11"].as_str().expect("bolt11");
    assert!(bolt11.starts_with("lnbcrt1500n1"), "{bolt11}");
    assert_eq!(invoice["payee"], b_id.as_str());
    let decoded = a.json(&["decodeinvoice", bolt11]);
    assert_eq!(decoded, invoice);
    assert_eq!(decoded["amount_msat"], 150000);
    assert_eq!(decoded["description"], "two coffees");
    assert_eq!(decoded["expiry_secs"], 600);
    let any = b.json(&["invoice", "any", "tip jar"]);
    assert_eq!(any["amount_msat"], Value::Null);
    assert_eq!(any["expiry_secs"], 3600);
    assert!(a.text(&["decodeinvoice", bolt11]).contains("amount         150000 msat"));

    // Mining on A: to a new wallet address, then to one of B's.
    let mined = a.json(&["mine", "3"]);
    assert_eq!(mined["height"], 3);
    assert_eq!(mined["block_hashes"].as_array().map(Vec::len), Some(3));
    let b_address = b.json(&["newaddress"])["address"].as_str().expect("address").to_string();
    assert!(b_address.starts_with("bcrt1q"), "{b_address}");
    let mined = a.json(&["mine", "1", "--address", &b_address]);
    assert_eq!(mined["address"], b_address.as_str());
    assert_eq!(a.json(&["getinfo"])["block_height"], 4);
    let a_address = a.json(&["newaddress"]);

    // Bad calls: errors with standard codes, on stderr, non-zero exit.
    let out = a.cli(&["decodeinvoice", "lnbc1notaninvoice"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a valid BOLT 11 invoice") && stderr.contains("-32602"), "{stderr}");
    let out = a.cli(&["mine", "0"]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("blocks must be 1 to 1000"));
    match a.client().call("sendmoney", json!({})) {
        Err(ClientError::Rpc(e)) => assert_eq!(e.code, -32601, "{e}"),
        other => panic!("an unknown method answered {other:?}"),
    }
    match a.client().call("invoice", json!({"amount_msat": "lots", "description": "x"})) {
        Err(ClientError::Rpc(e)) => assert!(e.code == -32602 && e.message.contains("invalid type"), "{e}"),
        other => panic!("bad parameters answered {other:?}"),
    }
    match a.client().call("connect", json!(["not-a-node-id@127.0.0.1:1"])) {
        Err(ClientError::Rpc(e)) => assert_eq!(e.code, -32602, "{e}"),
        other => panic!("a bad node id answered {other:?}"),
    }

    // Wrong or missing credentials: HTTP 401 and a JSON-RPC error.
    let a_rpc = a_info["rpc"].as_str().expect("rpc address").to_string();
    let fake_dir = dir.path().join("fake");
    std::fs::create_dir(&fake_dir).expect("mkdir");
    Cookie::generate().expect("cookie").write(&fake_dir).expect("write a wrong cookie");
    let out = Command::new(LNP_CLI)
        .args(["--datadir", &fake_dir.to_string_lossy(), "--rpc", &a_rpc, "getinfo"])
        .output()
        .expect("lnp-cli runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("refused the credentials"), "{stderr}");
    let call = r#"{"jsonrpc":"2.0","id":1,"method":"getinfo"}"#;
    let (status, body) = raw_post(&a_rpc, None, call);
    assert_eq!(status, 401);
    assert_eq!(body["error"]["code"], -32001);
    let (status, body) = raw_post(&a_rpc, Some(&Cookie::generate().expect("cookie").authorization()), call);
    assert_eq!((status, &body["error"]["code"]), (401, &json!(-32001)));
    let right = Cookie::read(&a_dir.join(".cookie")).expect("A's cookie").authorization();
    let (status, body) = raw_post(&a_rpc, Some(&right), "{not json");
    assert_eq!((status, &body["error"]["code"]), (200, &json!(-32700)));
    let (status, body) = raw_post(&a_rpc, Some(&right), &format!("[{call}, {call}]"));
    assert_eq!(status, 200);
    assert_eq!(body.as_array().map(Vec::len), Some(2), "a batch gets one answer per call");

    // Garbage and a handshake for another key on A's peer port: dropped.
    assert!(is_dropped_after(&a_listen, &[0xff; 64]), "garbage dropped:\n{}", a.log());
    let secp = Secp256k1::new();
    let stranger = SecretKey::from_slice(&[0x5a; 32]).expect("key");
    let not_a = SecretKey::from_slice(&[0x6b; 32]).expect("key").public_key(&secp);
    let act_one = Initiator::new(stranger, not_a, SecretKey::from_slice(&[0x7c; 32]).expect("key")).act_one();
    assert!(is_dropped_after(&a_listen, &act_one), "a bad act one dropped:\n{}", a.log());
    // A keeps serving, its real peer still listed.
    assert_eq!(a.json(&["getinfo"])["node_id"], a_id.as_str());
    let a_peers = peers(&a);
    assert!(a_peers.len() == 1 && a_peers[0]["node_id"] == b_id.as_str(), "{a_peers:?}");
    let log = a.log();
    assert!(log.contains("dropped"), "the drops are logged:\n{log}");
    let seed_hex: String = std::fs::read(a_dir.join("seed")).expect("seed").iter().map(|b| format!("{b:02x}")).collect();
    assert!(!log.contains(&seed_hex), "the seed is never logged");

    // B sees A go when A stops; A restarts with the same id, chain and wallet.
    assert!(a.text(&["stop"]).contains("lnpd stopping"));
    assert!(a.wait_exit().success(), "a clean stop:\n{}", a.log());
    assert!(!a_dir.join(".cookie").exists() && !a_dir.join("rpc-address").exists(), "removed at shutdown");
    eventually("B sees A leave", || peers(&b).is_empty());
    drop(a);
    let a = start(&a_dir, "a-restarted");
    let again = a.json(&["getinfo"]);
    assert_eq!(again["node_id"], a_id.as_str(), "the seed is reused");
    assert_eq!(again["block_height"], 4, "the embedded chain is kept");
    let next = a.json(&["newaddress"]);
    assert_eq!(next["index"], a_address["index"].as_u64().expect("index") + 1);
    let disconnected = b.text(&["getinfo"]);
    assert!(disconnected.contains("peers     0"), "{disconnected}");
}

#[test]
fn lnpd_refuses_a_seed_that_others_can_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let datadir = dir.path().join("node");
    std::fs::create_dir(&datadir).expect("mkdir");
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o644)
        .open(datadir.join("seed"))
        .and_then(|mut f| f.write_all(&[7; 32]))
        .expect("write a seed");
    let out = Command::new(LNPD)
        .args(["--datadir", &datadir.to_string_lossy(), "--listen", "127.0.0.1:0", "--rpc-listen", "127.0.0.1:0"])
        .output()
        .expect("lnpd runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("mode 0644") && stderr.contains("group and others"), "{stderr}");
    assert!(!datadir.join("rpc-address").exists());
}

#[test]
fn lnpd_refuses_a_bad_configuration_with_exit_code_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("lnpd.toml"), "network = \"moonnet\"\n").expect("config");
    let out = Command::new(LNPD)
        .args(["--datadir", &dir.path().to_string_lossy()])
        .env_remove("LNPD_NETWORK")
        .output()
        .expect("lnpd runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("lnpd.toml: network: \"moonnet\""), "{stderr}");
}

#[test]
fn lnpd_on_bitcoind_follows_its_height_and_refuses_to_mine() {
    let mut chain = lnp_chain::EmbeddedChain::new();
    let script = bitcoin::ScriptBuf::new_op_return([1u8; 4]);
    chain.mine(5, &script).expect("mine");
    let mock = mock_bitcoind::Mock::start(chain);
    let dir = tempfile::tempdir().expect("tempdir");
    let datadir = dir.path().join("node");
    let args = [
        "--chain",
        "bitcoind",
        "--bitcoind-url",
        &mock.url,
        "--bitcoind-user",
        mock_bitcoind::USER,
        "--bitcoind-pass",
        mock_bitcoind::PASSWORD,
    ];
    let node = start_with(&datadir, "node", &args);
    let info = node.json(&["getinfo"]);
    assert_eq!((info["chain"].as_str(), info["block_height"].as_u64()), (Some("bitcoind"), Some(5)));
    let out = node.cli(&["mine", "1"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("only available with the embedded chain") && stderr.contains("-32012"), "{stderr}");
    mock.chain.lock().expect("the mock's chain").mine(2, &script).expect("mine");
    assert_eq!(node.json(&["getinfo"])["block_height"], 7);
    assert!(!node.log().contains(mock_bitcoind::PASSWORD), "the password is never logged");

    // Wrong credentials: lnpd does not start, and says why.
    let out = Command::new(LNPD)
        .args(["--datadir", &dir.path().join("other").to_string_lossy()])
        .args(["--listen", "127.0.0.1:0", "--rpc-listen", "127.0.0.1:0", "--chain", "bitcoind"])
        .args(["--bitcoind-url", &mock.url, "--bitcoind-user", "lnp", "--bitcoind-pass", "wrong"])
        .output()
        .expect("lnpd runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bitcoind") && !stderr.contains("wrong"), "{stderr}");
}

/// Ends of TCP connections on `port` (either side), by state
/// (`/proc/net/tcp`'s hex codes: 01 established, 06 time-wait).
fn connections_to(port: u16, state: &str) -> usize {
    let table = std::fs::read_to_string("/proc/net/tcp").expect("/proc/net/tcp");
    table
        .lines()
        .skip(1)
        .filter(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let on_port = |f: &str| f.ends_with(&format!(":{port:04X}"));
            fields.len() > 3 && (on_port(fields[1]) || on_port(fields[2])) && fields[3] == state
        })
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pooled_client_keeps_its_connections_open_and_reports_errors() {
    use lnp_node::rpc::client::PooledClient;
    let dir = tempfile::tempdir().expect("tempdir");
    let datadir = dir.path().join("a");
    let mut a = start(&datadir, "a");
    let client = PooledClient::from_datadir(&datadir, None).expect("a pooled client");
    let address = std::fs::read_to_string(datadir.join("rpc-address")).expect("rpc-address");
    let port: u16 = address.trim().rsplit(':').next().and_then(|p| p.parse().ok()).expect("a port");

    // Twenty calls one after the other: a few connections at most (the
    // pool may open another while one is on its way back), kept open; a
    // connection per call would leave twenty behind in TIME_WAIT.
    let closed_before = connections_to(port, "06");
    for _ in 0..20 {
        let info = client.call("getinfo", json!({})).await.expect("getinfo");
        assert_eq!(info["network"], "regtest");
    }
    let open = connections_to(port, "01");
    assert!((2..=8).contains(&open), "{open} connection ends open");
    // (A connection of the startup's own calls may still be closing.)
    let closed = connections_to(port, "06").saturating_sub(closed_before);
    assert!(closed <= 2, "{closed} connections were closed for 20 calls");

    // Clones share the pool; calls in flight at once each get a connection.
    let calls: Vec<_> = (0..8).map(|_| { let c = client.clone(); tokio::spawn(async move { c.call("getinfo", json!({})).await }) }).collect();
    for call in calls {
        call.await.expect("task").expect("getinfo");
    }

    // Errors: the daemon's, refused credentials, a daemon that is gone.
    match client.call("nosuchmethod", json!({})).await {
        Err(ClientError::Rpc(e)) => assert_eq!(e.code, -32601, "{e}"),
        other => panic!("an unknown method: {other:?}"),
    }
    let stranger = PooledClient::new(address.trim(), &Cookie::generate().expect("a cookie")).expect("a client");
    assert!(matches!(stranger.call("getinfo", json!({})).await, Err(ClientError::Unauthorized(_))));
    a.json(&["stop"]);
    a.wait_exit();
    match client.call("getinfo", json!({})).await {
        Err(e @ ClientError::Connection { .. }) => assert!(e.to_string().contains(address.trim()), "{e}"),
        other => panic!("a stopped daemon: {other:?}"),
    }
}
