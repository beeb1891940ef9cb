//! Channels between two real `lnpd` processes, driven with the real
//! `lnp-cli`: connect, openchannel, pay an invoice, a crash (SIGKILL) and
//! restart of the payee mid-way — the payer dials it again and the channel
//! is reestablished — pay again, close cooperatively, and the payee's
//! wallet holds what it was paid. And crashes under load: many payments in
//! flight at once while the payer, then the payee, is killed — a node
//! keeps a batch's steps in memory until it syncs them, and sends nothing
//! before, so a crash loses a batch whole and with it nothing the peer saw;
//! after the restart no payment is lost or half-done on either side (a
//! settlement the peer forgot at the disconnection is made again). A
//! SIGKILL keeps what was written to the OS, so this shows what a crashed
//! process keeps, not what a power cut would: that the flush to disk comes
//! before the sending is the store's and the host's construction
//! (`lnp_engine::store`'s tests).
//!
//! Two processes cannot share an in-process embedded chain, so both run
//! `--chain bitcoind` against the mock bitcoind (`tests/mock_bitcoind`),
//! which serves one embedded chain — with Bitcoin Core's consensus checks
//! on every transaction — in Core's JSON-RPC reply shapes. The test mines
//! on that chain as a miner would. Everything else is the real daemon:
//! sled stores, BOLT 8 over loopback, the wallet's signatures.

#[allow(dead_code)]
mod mock_bitcoind;
#[allow(dead_code)]
mod lnpd_process;

use std::path::Path;
use std::time::{Duration, Instant};

use bitcoin::{Address, ScriptBuf};
use lnp_chain::EmbeddedChain;
use lnpd_process::Lnpd;
use serde_json::{json, Value};

/// Starts `lnpd` on `datadir` on the mock bitcoind, listening for peers on `listen`.
fn start(datadir: &Path, name: &str, bitcoind_url: &str, listen: &str) -> Lnpd {
    Lnpd::spawn(
        datadir,
        name,
        &[
            "--network", "regtest", "--listen", listen, "--rpc-listen", "127.0.0.1:0", "--chain", "bitcoind",
            "--bitcoind-url", bitcoind_url, "--bitcoind-user", mock_bitcoind::USER, "--bitcoind-pass", mock_bitcoind::PASSWORD,
        ],
    )
}

/// The node's first channel, as `listchannels` shows it.
fn channel(node: &Lnpd) -> Option<Value> {
    node.json(&["listchannels"])["channels"].as_array().and_then(|c| c.first().cloned())
}

fn eventually(what: &str, node: &Lnpd, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}\nlog:\n{}", node.log());
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn mine(mock: &mock_bitcoind::Mock, n: u32, script: &ScriptBuf) {
    mock.chain.lock().expect("chain").mine(n, script).expect("mine");
}

fn normal_and_connected(node: &Lnpd) -> bool {
    channel(node).is_some_and(|c| c["state"] == "Normal" && c["connected"] == true && c["peer_ready"] == true)
}

fn quiet(node: &Lnpd) -> bool {
    channel(node).is_some_and(|c| c["pending_htlcs"].as_array().is_some_and(Vec::is_empty))
}

#[test]
fn two_daemons_open_pay_survive_a_crash_pay_again_and_close() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mock = mock_bitcoind::Mock::start(EmbeddedChain::new());
    let miner = ScriptBuf::new_op_return([]);
    let alice = start(&dir.path().join("alice"), "alice", &mock.url, "127.0.0.1:0");
    let mut bob = start(&dir.path().join("bob"), "bob", &mock.url, "127.0.0.1:0");
    let bob_id = bob.json(&["getinfo"])["node_id"].as_str().expect("node id").to_string();
    let bob_listen = bob.json(&["getinfo"])["listen"][0].as_str().expect("listen").to_string();

    // Fund Alice's wallet: one coinbase, matured.
    let address: Address<_> = alice.json(&["newaddress"])["address"].as_str().expect("address").parse().expect("an address");
    mine(&mock, 1, &address.assume_checked().script_pubkey());
    mine(&mock, 100, &miner);
    eventually("Alice's wallet sees its coinbase", &alice, || alice.json(&["balance"])["confirmed_sat"] == 5_000_000_000u64);

    // Bad calls are refused clearly.
    assert!(alice.error(&["openchannel", &bob_id, "500000"]).contains("not connected"), "open before connect");
    alice.json(&["connect", &format!("{bob_id}@{bob_listen}")]);
    assert!(alice.error(&["openchannel", &bob_id, "50000000000"]).contains("option_support_large_channel"), "500 BTC is above 2^24 sat");
    let alice_id = alice.json(&["getinfo"])["node_id"].as_str().expect("node id").to_string();
    eventually("Bob's host knows Alice", &bob, || !bob.error(&["openchannel", &alice_id, "500000"]).contains("not connected"));
    assert!(bob.error(&["openchannel", &alice_id, "500000"]).contains("insufficient funds"), "Bob has no coins");
    assert!(alice.error(&["close", "00"]).contains("no channel"));

    // Open, confirm.
    let opened = alice.json(&["openchannel", &bob_id, "500000", "--push-msat", "1000000"]);
    let channel_id = opened["channel_id"].as_str().expect("channel id").to_string();
    mine(&mock, 3, &miner);
    eventually("the channel is Normal on both sides", &alice, || normal_and_connected(&alice) && normal_and_connected(&bob));
    assert_eq!(alice.json(&["getinfo"])["channels"]["active"], 1);

    // Pay an invoice of Bob's.
    let invoice = bob.json(&["invoice", "30000000", "coffee"])["bolt11"].as_str().expect("bolt11").to_string();
    let paid = alice.json(&["pay", &invoice]);
    assert_eq!(paid["status"], "succeeded");
    assert!(alice.error(&["pay", &invoice]).contains("already"), "an invoice is paid once");
    eventually("the first payment is settled on both sides", &bob, || quiet(&alice) && quiet(&bob));

    // Bob crashes and comes back; Alice dials him again.
    bob.child.kill().expect("kill bob");
    bob.child.wait().expect("bob exits");
    eventually("Alice sees Bob gone", &alice, || channel(&alice).is_some_and(|c| c["connected"] == false));
    // Same address: Alice dials where she first found him.
    let bob = start(&bob.datadir.clone(), "bob", &mock.url, &bob_listen);
    eventually("the channel is reestablished", &bob, || normal_and_connected(&alice) && normal_and_connected(&bob));
    let bob_channel = channel(&bob).expect("Bob's channel after the restart");
    assert_eq!(bob_channel["our_msat"], 31_000_000u64, "Bob kept his balance: push + payment");

    // An invoice in Bob's name that Bob never issued (signed with his key,
    // from his seed file, but unknown to his store): Bob fails the HTLC,
    // and nothing moves.
    let forged = {
        let (seed, _) = lnp_node::seed::load_or_create(&bob.datadir).expect("Bob's seed");
        let keys = lnp_node::keys::NodeKeys::derive(&seed, bitcoin::Network::Regtest).expect("keys");
        let params = lnp_node::invoice::InvoiceParams {
            amount_msat: Some(5_000_000),
            description: "never issued".into(),
            expiry_secs: 600,
            min_final_cltv_expiry_delta: 40,
            preimage: [0x77; 32],
            payment_secret: [0x78; 32],
            timestamp: std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock"),
        };
        lnp_node::invoice::create(&params, bitcoin::Network::Regtest, keys.node_secret()).expect("an invoice").bolt11
    };
    // Bob's failure comes back in the onion, which Alice reads.
    let refused = alice.error(&["pay", &forged]);
    assert!(refused.contains("the payee failed it: incorrect_or_unknown_payment_details"), "{refused}");
    eventually("the failed HTLC is gone from both sides", &bob, || quiet(&alice) && quiet(&bob));
    assert_eq!(channel(&bob).expect("channel")["our_msat"], 31_000_000u64, "a failed payment moves nothing");
    let own = alice.json(&["invoice", "1000", "self"])["bolt11"].as_str().expect("bolt11").to_string();
    assert!(alice.error(&["pay", &own]).contains("own"), "paying one's own invoice");

    // Pay again, then close.
    let invoice = bob.json(&["invoice", "12000000", "cake"])["bolt11"].as_str().expect("bolt11").to_string();
    assert_eq!(alice.json(&["pay", &invoice])["status"], "succeeded");
    eventually("the second payment is settled on both sides", &bob, || quiet(&alice) && quiet(&bob));
    let received: Vec<Value> = bob.json(&["listpayments"])["payments"].as_array().cloned().unwrap_or_default();
    assert_eq!(received.iter().filter(|p| p["direction"] == "received" && p["status"] == "succeeded").count(), 2);

    let closing = alice.json(&["close", &channel_id]);
    assert!(closing["txid"].as_str().is_some_and(|t| t.len() == 64), "{closing}");
    mine(&mock, 1, &miner);
    eventually("the channel is Closed on both sides", &alice, || {
        channel(&alice).is_some_and(|c| c["state"] == "Closed") && channel(&bob).is_some_and(|c| c["state"] == "Closed")
    });
    // Bob's side of the closing transaction pays his channel key, which his wallet watches.
    eventually("Bob's wallet holds his channel balance", &bob, || bob.json(&["balance"])["confirmed_sat"] == 43_000u64);
    let text = String::from_utf8_lossy(&alice.cli(&["listchannels"]).stdout).into_owned();
    assert!(text.contains("Closed"), "{text}");
}

/// Bob's received and Alice's sent payments, by payment hash, with status.
fn payments(node: &Lnpd, direction: &str) -> std::collections::BTreeMap<String, String> {
    let all = node.json(&["listpayments"])["payments"].as_array().cloned().unwrap_or_default();
    all.iter()
        .filter(|p| p["direction"] == direction)
        .map(|p| (p["payment_hash"].as_str().unwrap_or_default().to_string(), p["status"].as_str().unwrap_or_default().to_string()))
        .collect()
}

/// Starts a `pay` call for each invoice, each in its own thread; the
/// receiver hears each call's outcome (payment hash, succeeded) as it ends.
fn pay_all(node: &Lnpd, invoices: &[(String, String)]) -> std::sync::mpsc::Receiver<(String, bool)> {
    let (tx, rx) = std::sync::mpsc::channel();
    for (hash, bolt11) in invoices {
        let (client, tx, hash, bolt11) = (node.client(), tx.clone(), hash.clone(), bolt11.clone());
        std::thread::spawn(move || {
            let paid = client.call("pay", json!({ "invoice": bolt11 })).is_ok_and(|r| r["status"] == "succeeded");
            let _ = tx.send((hash, paid));
        });
    }
    rx
}

// Each crash leaves the payee HTLCs it had recorded and decided that end
// without it seeing them settle: the payer's unsigned adds, withdrawn at the
// disconnection (their ids given out again, perhaps to other payments), and
// after its own crash HTLCs whose removal it had signed before dying. The
// first are forgotten, the second recorded as answered; none stays pending.
#[test]
fn payments_in_flight_survive_a_crash_of_the_payer_then_of_the_payee() {
    const BURST: usize = 40;
    let dir = tempfile::tempdir().expect("tempdir");
    let mock = mock_bitcoind::Mock::start(EmbeddedChain::new());
    let miner = ScriptBuf::new_op_return([]);
    let mut alice = start(&dir.path().join("alice"), "alice", &mock.url, "127.0.0.1:0");
    let mut bob = start(&dir.path().join("bob"), "bob", &mock.url, "127.0.0.1:0");
    let bob_id = bob.json(&["getinfo"])["node_id"].as_str().expect("node id").to_string();
    let bob_listen = bob.json(&["getinfo"])["listen"][0].as_str().expect("listen").to_string();
    let address: Address<_> = alice.json(&["newaddress"])["address"].as_str().expect("address").parse().expect("an address");
    mine(&mock, 1, &address.assume_checked().script_pubkey());
    mine(&mock, 100, &miner);
    eventually("Alice's wallet sees its coinbase", &alice, || alice.json(&["balance"])["confirmed_sat"] == 5_000_000_000u64);
    alice.json(&["connect", &format!("{bob_id}@{bob_listen}")]);
    alice.json(&["openchannel", &bob_id, "2000000"]);
    mine(&mock, 3, &miner);
    eventually("the channel is Normal on both sides", &alice, || normal_and_connected(&alice) && normal_and_connected(&bob));
    eventually("a first payment goes through", &alice, || {
        let invoice = bob.json(&["invoice", "1000000", "first"])["bolt11"].as_str().expect("bolt11").to_string();
        alice.cli(&["pay", &invoice]).status.success()
    });

    let mut answered_ok = Vec::new();
    for victim in ["alice", "bob"] {
        let invoices: Vec<(String, String)> = (0..BURST)
            .map(|k| {
                let made = bob.json(&["invoice", "1000000", &format!("{victim} {k}")]);
                (made["payment_hash"].as_str().expect("hash").to_string(), made["bolt11"].as_str().expect("bolt11").to_string())
            })
            .collect();
        let outcomes = pay_all(&alice, &invoices);
        // The first settled payment: the others are in flight, queued or
        // not yet asked for. Kill now.
        let (hash, paid) = outcomes.recv_timeout(Duration::from_secs(20)).expect("a first outcome");
        assert!(paid, "{hash} failed before any crash\n{}", alice.log());
        let killed = if victim == "alice" { &mut alice } else { &mut bob };
        killed.child.kill().expect("kill");
        killed.child.wait().expect("exits");
        let datadir = killed.datadir.clone();
        let listen = if victim == "alice" { "127.0.0.1:0" } else { bob_listen.as_str() };
        *killed = start(&datadir, victim, &mock.url, listen);
        eventually("the channel is reestablished", &alice, || normal_and_connected(&alice) && normal_and_connected(&bob));
        // The calls still connected (all of them when the payee was the
        // one killed) end; those that said "succeeded" must stay so.
        for (hash, paid) in std::iter::once((hash, paid)).chain(outcomes.iter()) {
            if paid {
                answered_ok.push(hash);
            } else {
                assert_eq!(victim, "alice", "a payment failed although only the payee crashed\n{}", alice.log());
            }
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        while !(quiet(&alice) && quiet(&bob)) {
            assert!(
                Instant::now() < deadline,
                "HTLCs are left in flight after {victim}'s crash:\nAlice {:?}\nBob {:?}\nAlice's log:\n{}\nBob's log:\n{}",
                channel(&alice),
                channel(&bob),
                alice.log(),
                bob.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    // Nothing lost, nothing half-done: every payment Alice recorded is
    // settled, Bob holds exactly those, and every "succeeded" answer is
    // among them; the channel agrees on both sides and was never closed.
    let (sent, received) = (payments(&alice, "sent"), payments(&bob, "received"));
    assert!(sent.values().all(|s| s == "succeeded"), "{sent:?}\nAlice's log:\n{}", alice.log());
    assert!(received.values().all(|s| s == "succeeded"), "{received:?}");
    assert_eq!(sent.keys().collect::<Vec<_>>(), received.keys().collect::<Vec<_>>());
    for hash in &answered_ok {
        assert!(received.contains_key(hash), "payment {hash} was answered as succeeded but Bob does not have it");
    }
    assert!(sent.len() > BURST, "the payee's crash loses no payment: {} settled", sent.len());
    let (a, b) = (channel(&alice).expect("Alice's channel"), channel(&bob).expect("Bob's channel"));
    assert_eq!((a["state"].as_str(), b["state"].as_str()), (Some("Normal"), Some("Normal")));
    assert_eq!(b["our_msat"], (received.len() as u64) * 1_000_000, "Bob holds what he received");
    assert_eq!(a["their_msat"], b["our_msat"]);
    assert_eq!(a["our_msat"], b["their_msat"]);
}
