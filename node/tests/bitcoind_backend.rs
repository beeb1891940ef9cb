//! The bitcoind chain backend against a mock bitcoind (tests/mock_bitcoind)
//! serving a real embedded chain in Bitcoin Core's reply shapes: the tip,
//! confirmations, spends, the same watch events as the embedded chain
//! itself, reorgs, broadcast and its typed rejections, authentication, and
//! malformed replies (errors, never panics).

mod mock_bitcoind;

use bitcoin::consensus::encode::serialize_hex;
use bitcoin::hashes::Hash;
use bitcoin::{Amount, FeeRate, Network, OutPoint, Transaction, TxOut, Txid, Witness};
use lnp_chain::testkit::TestWallet;
use lnp_chain::{BlockSpec, EmbeddedChain};
use lnp_engine::chain_view::{ChainView, WatchKind, Watches};
use lnp_engine::rt::{ChainEvent, Confirmed, Spent, Tx};
use lnp_node::chain::{codes, Auth, BitcoindChain, BitcoindError, RpcClient};
use mock_bitcoind::{Mock, PASSWORD, USER};
use serde_json::json;

fn client(mock: &Mock) -> RpcClient {
    RpcClient::new(
        mock.url.clone(),
        Auth::UserPass {
            user: USER.into(),
            password: PASSWORD.into(),
        },
    )
    .with_timeout(10)
}

/// A chain where wallet 1 has three mature coinbases (103 blocks).
fn funded() -> (EmbeddedChain, TestWallet) {
    let mut chain = EmbeddedChain::new();
    let wallet = TestWallet::from_seed(1);
    wallet.fund(&mut chain, 3).unwrap();
    (chain, wallet)
}

fn mine(mock: &Mock, wallet: &TestWallet, n: u32) {
    mock.chain.lock().unwrap().mine(n, wallet.script_pubkey()).unwrap();
}

/// Wallet 1 pays 0.01 BTC to wallet 2 (output 0).
fn funding_tx(mock: &Mock, wallet: &TestWallet, to: &TestWallet) -> Transaction {
    let chain = mock.chain.lock().unwrap();
    wallet
        .pay_to(
            &chain,
            to.script_pubkey().to_owned(),
            Amount::from_sat(1_000_000),
            Amount::from_sat(1_000),
        )
        .unwrap()
}

/// Wallet 2 spends `funding`'s output 0 back to wallet 1.
fn spend_tx(funding: &Transaction, owner: &TestWallet, to: &TestWallet) -> Transaction {
    let outpoint = OutPoint {
        txid: funding.compute_txid(),
        vout: 0,
    };
    owner
        .spend(
            &[(outpoint, funding.output[0].clone())],
            vec![TxOut {
                value: Amount::from_sat(990_000),
                script_pubkey: to.script_pubkey().to_owned(),
            }],
        )
        .unwrap()
}

fn called(mock: &Mock, method: &str, params: serde_json::Value) -> bool {
    mock.calls().iter().any(|(m, p)| m == method && *p == params)
}

/// Every read the backend answers as the embedded chain does.
fn assert_same_view(mock: &Mock, backend: &BitcoindChain, txids: &[Txid], outpoints: &[OutPoint]) {
    let tip = backend.tip_height().unwrap();
    let answers: Vec<_> = txids.iter().map(|t| backend.confirmed_height(t).unwrap()).collect();
    let spends: Vec<_> = outpoints.iter().map(|o| backend.confirmed_spend(o).unwrap()).collect();
    let chain = mock.chain.lock().unwrap();
    assert_eq!(tip, chain.tip_height().unwrap());
    for (txid, answer) in txids.iter().zip(answers) {
        assert_eq!(
            answer,
            chain.confirmed_height(txid).unwrap(),
            "confirmed_height({txid})"
        );
    }
    for (outpoint, spend) in outpoints.iter().zip(spends) {
        assert_eq!(
            spend,
            chain.confirmed_spend(outpoint).unwrap(),
            "confirmed_spend({outpoint})"
        );
    }
}

#[test]
fn tip_height_and_network() {
    let (chain, _) = funded();
    let mock = Mock::start(chain);
    let backend = BitcoindChain::new(client(&mock), 100);
    assert_eq!(backend.tip_height().unwrap(), 103);
    assert!(called(&mock, "getblockchaininfo", json!([])));
    assert!(called(&mock, "getblockhash", json!([100])));
    let info = backend.check_network(Network::Regtest).unwrap();
    assert_eq!((info.chain.as_str(), info.blocks, info.headers), ("regtest", 103, 103));
    assert_eq!(info.best_block_hash, mock.chain.lock().unwrap().tip().hash);
    assert!(matches!(
        backend.check_network(Network::Bitcoin),
        Err(BitcoindError::WrongChain { ref expected, ref found }) if expected == "main" && found == "regtest"
    ));
    // Nothing new: one getblockchaininfo, no block fetched again.
    mock.clear_calls();
    assert_eq!(backend.tip_height().unwrap(), 103);
    assert_eq!(mock.calls().len(), 1);
}

#[test]
fn watches_fire_as_against_the_embedded_chain() {
    let (chain, w1) = funded();
    let start = chain.height() + 1;
    let mock = Mock::start(chain);
    let mut backend = BitcoindChain::new(client(&mock), start);
    let w2 = TestWallet::from_seed(2);
    let funding = funding_tx(&mock, &w1, &w2);
    let txid = backend.broadcast(&funding).unwrap();
    assert_eq!(txid, funding.compute_txid());
    assert!(called(&mock, "sendrawtransaction", json!([serialize_hex(&funding)])));
    let outpoint = OutPoint { txid, vout: 0 };

    let mut on_embedded = Watches::new();
    let mut on_bitcoind = Watches::new();
    for watches in [&mut on_embedded, &mut on_bitcoind] {
        watches.add(1, "funded", WatchKind::Confirm { txid, depth: 1 });
        watches.add(2, "deep", WatchKind::Confirm { txid, depth: 3 });
        watches.add(3, "spent", WatchKind::Spend { outpoint });
        watches.add(
            4,
            "never",
            WatchKind::Confirm {
                txid: Txid::from_byte_array([7; 32]),
                depth: 1,
            },
        );
    }
    let mut poll = |backend: &BitcoindChain| {
        let embedded = on_embedded.poll(&*mock.chain.lock().unwrap()).unwrap();
        let bitcoind = on_bitcoind.poll(backend).unwrap();
        assert_eq!(bitcoind, embedded);
        bitcoind
    };

    assert_eq!(poll(&backend), vec![]);
    mine(&mock, &w1, 1);
    assert_eq!(
        poll(&backend),
        vec![(1, ChainEvent::Confirmed("funded", Confirmed { txid, height: start }))]
    );
    mine(&mock, &w1, 1);
    assert_eq!(poll(&backend), vec![]);
    mine(&mock, &w1, 1);
    assert_eq!(
        poll(&backend),
        vec![(2, ChainEvent::Confirmed("deep", Confirmed { txid, height: start }))]
    );

    let spend = spend_tx(&funding, &w2, &w1);
    backend.broadcast(&spend).unwrap();
    assert_eq!(poll(&backend), vec![], "a mempool spend is not a confirmed spend");
    mine(&mock, &w1, 1);
    let spent = ChainEvent::Spent(
        "spent",
        Spent {
            tx: Tx {
                tx: spend.clone(),
                spends: Vec::new(),
            },
            height: start + 3,
            outpoint: OutPoint { txid, vout: 0 },
        },
    );
    assert_eq!(poll(&backend), vec![(3, spent)]);
    assert_eq!(on_bitcoind.len(), 1, "the unknown txid's watch stays open");
    assert_same_view(
        &mock,
        &backend,
        &[txid, spend.compute_txid()],
        &[outpoint, spend.input[0].previous_output],
    );
}

#[test]
fn reorgs_are_followed() {
    let (chain, w1) = funded();
    let start = chain.height() + 1;
    let mock = Mock::start(chain);
    let mut backend = BitcoindChain::new(client(&mock), start);
    let w2 = TestWallet::from_seed(2);
    let funding = funding_tx(&mock, &w1, &w2);
    let txid = backend.broadcast(&funding).unwrap();
    let outpoint = OutPoint { txid, vout: 0 };
    mine(&mock, &w1, 3);
    assert_eq!(backend.confirmed_height(&txid).unwrap(), Some(start));

    // Replace every followed block (the fork is below the start height):
    // the funding now confirms two blocks later.
    let empty = || BlockSpec::new(w1.script_pubkey().to_owned()).without_mempool();
    mock.chain
        .lock()
        .unwrap()
        .reorg(3, vec![empty(), empty(), empty().with_tx(funding.clone()), empty()])
        .unwrap();
    assert_eq!(backend.confirmed_height(&txid).unwrap(), Some(start + 2));
    assert_same_view(&mock, &backend, &[txid], &[outpoint]);

    let spend = spend_tx(&funding, &w2, &w1);
    backend.broadcast(&spend).unwrap();
    mine(&mock, &w1, 1);
    assert_eq!(
        backend.confirmed_spend(&outpoint).unwrap(),
        Some((spend.clone(), start + 4))
    );

    // A one-block reorg drops the spend back to the mempool.
    let stale = mock.chain.lock().unwrap().tip().hash;
    mock.chain.lock().unwrap().reorg(1, vec![empty()]).unwrap();
    mock.clear_calls();
    assert_eq!(backend.confirmed_spend(&outpoint).unwrap(), None);
    assert!(
        called(&mock, "getblockhash", json!([start + 4])),
        "checks the remembered tip's height"
    );
    let fresh = mock.chain.lock().unwrap().tip().hash;
    assert_ne!(fresh, stale);
    assert!(called(&mock, "getblock", json!([fresh.to_string(), 0])));
    assert_same_view(&mock, &backend, &[txid, spend.compute_txid()], &[outpoint]);

    // Mined again, one block later.
    mine(&mock, &w1, 1);
    assert_eq!(
        backend.confirmed_spend(&outpoint).unwrap(),
        Some((spend.clone(), start + 5))
    );
    assert_same_view(&mock, &backend, &[txid, spend.compute_txid()], &[outpoint]);

    // The chain gets shorter (invalidateblock): the backend follows it down.
    mock.chain.lock().unwrap().invalidate(start + 5).unwrap();
    assert_eq!(backend.tip_height().unwrap(), start + 4);
    assert_same_view(&mock, &backend, &[txid, spend.compute_txid()], &[outpoint]);
}

#[test]
fn below_the_start_height_confirmations_need_txindex() {
    let (mut chain, w1) = funded();
    let w2 = TestWallet::from_seed(2);
    let funding = w1
        .pay_to(
            &chain,
            w2.script_pubkey().to_owned(),
            Amount::from_sat(1_000_000),
            Amount::from_sat(1_000),
        )
        .unwrap();
    let txid = chain.submit(funding.clone()).unwrap();
    chain.mine(1, w1.script_pubkey()).unwrap();
    let height = chain.height();
    let block_hash = chain.tip().hash;
    chain.mine(3, w1.script_pubkey()).unwrap();
    let mock = Mock::start(chain);
    let backend = BitcoindChain::new(client(&mock), height + 2);

    assert_eq!(
        backend.confirmed_height(&txid).unwrap(),
        None,
        "without -txindex bitcoind answers -5"
    );
    assert!(called(&mock, "getrawtransaction", json!([txid.to_string(), true])));
    mock.state.lock().unwrap().txindex = true;
    assert_eq!(backend.confirmed_height(&txid).unwrap(), Some(height));
    assert!(called(&mock, "getblockheader", json!([block_hash.to_string(), true])));

    // An unspent outpoint: gettxout says so, no rescan.
    mock.clear_calls();
    let outpoint = OutPoint { txid, vout: 0 };
    assert_eq!(backend.confirmed_spend(&outpoint).unwrap(), None);
    assert!(called(&mock, "gettxout", json!([txid.to_string(), 0, false])));
    assert!(!mock.calls().iter().any(|(m, _)| m == "getblock"));
    assert!(backend.is_unspent(&outpoint, true).unwrap());
    assert!(!backend.is_unspent(&OutPoint { txid, vout: 9 }, true).unwrap());
}

#[test]
fn rejected_broadcasts_keep_bitcoinds_code_and_message() {
    let (chain, w1) = funded();
    let mock = Mock::start(chain);
    let mut backend = BitcoindChain::new(client(&mock), 103);
    let w2 = TestWallet::from_seed(2);
    let coin = w1.spendable(&mock.chain.lock().unwrap())[0].clone();
    let pay = |sat| {
        w1.spend(
            std::slice::from_ref(&coin),
            vec![TxOut {
                value: Amount::from_sat(sat),
                script_pubkey: w2.script_pubkey().to_owned(),
            }],
        )
        .unwrap()
    };

    // A bad signature.
    let mut bad = pay(1_000_000);
    let mut witness = bad.input[0].witness.to_vec();
    witness[0][10] ^= 1;
    bad.input[0].witness = Witness::from_slice(&witness);
    let err = backend.broadcast(&bad).unwrap_err();
    match &err {
        BitcoindError::Rpc { method, code, message } => {
            assert_eq!((method.as_str(), *code), ("sendrawtransaction", codes::VERIFY_REJECTED));
            assert!(message.starts_with("mandatory-script-verify-flag-failed"), "{message}");
        }
        other => panic!("expected an RPC error, got {other:?}"),
    }
    assert!(err.is_tx_rejection());
    assert!(
        err.to_string()
            .contains("bitcoind error -26: mandatory-script-verify-flag-failed"),
        "{err}"
    );

    // A mempool conflict, then an already-confirmed transaction.
    let first = pay(1_000_000);
    backend.broadcast(&first).unwrap();
    let err = backend.broadcast(&pay(900_000)).unwrap_err();
    assert_eq!(err.rpc_code(), Some(-26));
    assert!(err.to_string().contains("txn-mempool-conflict"), "{err}");
    mine(&mock, &w1, 1);
    let err = backend.broadcast(&first).unwrap_err();
    assert_eq!(err.rpc_code(), Some(codes::VERIFY_ALREADY_IN_CHAIN));
}

#[test]
fn authentication() {
    let (chain, _) = funded();
    let mock = Mock::start(chain);
    let wrong = RpcClient::new(
        mock.url.clone(),
        Auth::UserPass {
            user: USER.into(),
            password: "nope".into(),
        },
    );
    let err = BitcoindChain::new(wrong, 103).tip_height().unwrap_err();
    assert!(
        matches!(err, BitcoindError::Unauthorized { ref method, .. } if method == "getblockchaininfo"),
        "{err:?}"
    );
    assert!(err.to_string().contains("HTTP 401"), "{err}");

    let dir = std::env::temp_dir().join(format!("lnp-bitcoind-cookie-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cookie = dir.join(".cookie");
    std::fs::write(&cookie, "__cookie__:8f6b1f0c3a5d4e7f\n").unwrap();
    {
        use base64::Engine as _;
        let header = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode("__cookie__:8f6b1f0c3a5d4e7f")
        );
        mock.state.lock().unwrap().extra_auth.push(header);
    }
    let by_cookie = BitcoindChain::new(RpcClient::new(mock.url.clone(), Auth::CookieFile(cookie.clone())), 103);
    assert_eq!(by_cookie.tip_height().unwrap(), 103);

    std::fs::write(&cookie, "garbage").unwrap();
    assert!(matches!(
        by_cookie.tip_height(),
        Err(BitcoindError::CookieFormat { .. })
    ));
    let missing = BitcoindChain::new(
        RpcClient::new(mock.url.clone(), Auth::CookieFile(dir.join("absent"))),
        103,
    );
    let err = missing.tip_height().unwrap_err();
    assert!(matches!(err, BitcoindError::Cookie { .. }), "{err:?}");
    assert!(err.to_string().contains("absent"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn malformed_replies_are_errors() {
    let (chain, _) = funded();
    let genesis = serialize_hex(chain.block_at(0).unwrap());
    let mock = Mock::start(chain);
    let backend = BitcoindChain::new(client(&mock), 103);
    let can = |method: &str, status: u16, body: &str| {
        mock.state
            .lock()
            .unwrap()
            .canned
            .insert(method.to_string(), (status, body.to_string()));
    };
    let expect_malformed = |what: &str| {
        let err = backend.tip_height().unwrap_err();
        assert!(matches!(err, BitcoindError::Malformed { .. }), "{what}: {err:?}");
        assert!(err.to_string().contains(what), "{what} not in {err}");
    };

    can("getblockchaininfo", 200, "<html>oops</html>");
    expect_malformed("not a JSON-RPC reply");
    can(
        "getblockchaininfo",
        200,
        r#"{"result":{"chain":"regtest"},"error":null,"id":{id}}"#,
    );
    expect_malformed("missing field `blocks`");
    can(
        "getblockchaininfo",
        200,
        r#"{"result":{"chain":"regtest","blocks":-1,"headers":1,"bestblockhash":"00"},"error":null,"id":{id}}"#,
    );
    expect_malformed("integer `-1`, expected u32");
    can(
        "getblockchaininfo",
        200,
        r#"{"result":{"chain":"regtest","blocks":1,"headers":1,"bestblockhash":"xyz"},"error":null,"id":{id}}"#,
    );
    expect_malformed("not a hash");
    can("getblockchaininfo", 200, r#"{"result":null,"error":null,"id":424242}"#);
    expect_malformed("reply id 424242");
    can("getblockchaininfo", 500, r#"{"result":null,"error":"boom","id":{id}}"#);
    expect_malformed("error object");
    can("getblockchaininfo", 503, "Work queue depth exceeded");
    assert!(matches!(
        backend.tip_height(),
        Err(BitcoindError::Http { status: 503, .. })
    ));
    can(
        "getblockchaininfo",
        500,
        r#"{"result":null,"error":{"code":-28,"message":"Loading block index…"},"id":{id}}"#,
    );
    assert_eq!(backend.tip_height().unwrap_err().rpc_code(), Some(codes::IN_WARMUP));
    mock.state.lock().unwrap().canned.clear();

    can(
        "getblock",
        200,
        &format!(r#"{{"result":"{genesis}","error":null,"id":{{id}}}}"#),
    );
    expect_malformed("asked for block");
    can("getblock", 200, r#"{"result":"zz","error":null,"id":{id}}"#);
    expect_malformed("does not decode");
    can("getblock", 200, r#"{"result":{"hash":"00"},"error":null,"id":{id}}"#);
    expect_malformed("getblock");
    mock.state.lock().unwrap().canned.clear();
    assert_eq!(backend.tip_height().unwrap(), 103, "recovers once the replies are sane");

    // Nobody listening.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let nobody = BitcoindChain::new(RpcClient::new(format!("http://127.0.0.1:{port}"), Auth::None), 0);
    assert!(matches!(nobody.tip_height(), Err(BitcoindError::Transport { .. })));
}

#[test]
fn fee_estimates() {
    let (chain, _) = funded();
    let mock = Mock::start(chain);
    let backend = BitcoindChain::new(client(&mock), 103);
    let none = backend.estimate_smart_fee(6).unwrap();
    assert_eq!(none.fee_rate, None);
    assert_eq!(none.errors, vec!["Insufficient data or no feerate found".to_string()]);
    assert!(called(&mock, "estimatesmartfee", json!([6])));
    mock.state.lock().unwrap().fee_reply = Some(json!({"feerate": 0.00012345, "blocks": 2}));
    let some = backend.estimate_smart_fee(6).unwrap();
    assert_eq!(
        some.fee_rate,
        Some(FeeRate::from_sat_per_kwu(3087)),
        "12345 sat/kvB, rounded up"
    );
    assert_eq!(some.blocks, 2);
}

#[test]
fn many_watches_are_polled_against_one_sync_and_a_mempool_txid_is_asked_about_once() {
    let (chain, w1) = funded();
    let start = chain.height() + 1;
    let mock = Mock::start(chain);
    let backend = BitcoindChain::new(client(&mock), start);
    let w2 = TestWallet::from_seed(2);
    let funding = funding_tx(&mock, &w1, &w2);
    let txid = backend.send_raw_transaction(&funding).unwrap();
    let outpoint = OutPoint { txid, vout: 0 };
    // Fifty channels' watches, as a host with fifty channels on one funding has.
    let mut sets: Vec<Watches<u32>> = (0..50)
        .map(|k| {
            let mut w = Watches::new();
            w.add(k, "funded", WatchKind::Confirm { txid, depth: 1 });
            w.add(100 + k, "spent", WatchKind::Spend { outpoint });
            w
        })
        .collect();
    let count = |method: &str| mock.calls().iter().filter(|(m, _)| m == method).count();
    mock.clear_calls();
    {
        let view = backend.synced().unwrap();
        for w in &mut sets {
            assert_eq!(w.poll(&view).unwrap(), vec![]);
        }
    }
    assert_eq!(count("getblockchaininfo"), 1, "one sync for every watch");
    assert_eq!(count("getrawtransaction"), 1, "the txid is in the mempool: asked once");
    assert_eq!(count("gettxout"), 1, "the outpoint is unspent: asked once");
    mock.clear_calls();
    {
        let view = backend.synced().unwrap();
        for w in &mut sets {
            assert_eq!(w.poll(&view).unwrap(), vec![]);
        }
    }
    assert_eq!(count("getblockchaininfo"), 1);
    assert_eq!(count("getrawtransaction") + count("gettxout"), 0, "nothing asked again");
    // A single read still syncs, and knows the txid is in the mempool.
    assert_eq!(backend.confirmed_height(&txid).unwrap(), None);
    assert_eq!(count("getrawtransaction"), 0);

    // Mined: found in the followed block, every set fires.
    mine(&mock, &w1, 1);
    mock.clear_calls();
    let view = backend.synced().unwrap();
    for (k, w) in sets.iter_mut().enumerate() {
        assert_eq!(w.poll(&view).unwrap(), vec![(k as u32, ChainEvent::Confirmed("funded", Confirmed { txid, height: start }))]);
    }
    drop(view);
    assert_eq!((count("getblockchaininfo"), count("getblock"), count("getrawtransaction")), (1, 1, 0));
    assert_same_view(&mock, &backend, &[txid], &[outpoint]);
}
