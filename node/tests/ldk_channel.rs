//! Channels between lnpd and an independent implementation: LDK 0.2's
//! production `ChannelManager` and `ChainMonitor` (see `ldk_node`) against a
//! real lnp daemon started in-process, over loopback TCP with BOLT 8, both
//! on one embedded chain whose consensus verifier checks every transaction
//! either side broadcasts.
//!
//! Shown, both ways round: a channel opened by each side; payments in both
//! directions, each settled on both sides; a cooperative close whose
//! transaction pays each side exactly the balance both agreed on; a force
//! close by each side, after which each gets its balance back on chain.

#[path = "ldk_node/mod.rs"]
mod ldk_node;

use std::sync::Arc;
use std::time::{Duration, Instant};

use bitcoin::hashes::Hash;
use bitcoin::{Amount, OutPoint, ScriptBuf, Transaction, Txid};
use ldk_node::LdkNode;
use lightning::events::{ClosureReason, Event, PaymentPurpose};
use lightning::ln::channelmanager::{Bolt11InvoiceParameters, PaymentId, RecipientOnionFields};
use lightning::ln::types::ChannelId;
use lightning::routing::router::{find_route, PaymentParameters, RouteParameters};
use lightning::routing::scoring::FixedPenaltyScorer;
use lightning::types::payment::PaymentHash;
use lightning_invoice::Bolt11Invoice;
use lnp_node::chain::backend::ChainBackend;
use lnp_node::channels::{ChannelSummary, Direction, Opened, PaymentStatus};
use lnp_node::config::Config;
use lnp_node::daemon::{Daemon, Node};

/// Channels are this big; the one LDK opens pushes nothing.
const CAPACITY_SAT: u64 = 500_000;

/// lnpd and an LDK node on one embedded chain, connected, each with coins.
struct World {
    chain: ChainBackend,
    daemon: Option<Daemon>,
    lnp: Arc<Node>,
    ldk: Arc<LdkNode>,
    /// LDK's coin: a mature coinbase output to its wallet.
    ldk_coin: (OutPoint, Amount),
    burn: ScriptBuf,
    _chain_db: sled::Db,
    _dir: tempfile::TempDir,
}

async fn until(what: &str, world: &World, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check().await {
        assert!(
            Instant::now() < deadline,
            "timed out waiting until {what}; LDK's log:\n{}",
            world.ldk.log.dump()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

impl World {
    async fn new(seed: u8) -> World {
        let dir = tempfile::tempdir().expect("a temp dir");
        let chain_db = sled::open(dir.path().join("chain")).expect("the chain's store");
        let chain = ChainBackend::embedded(&chain_db).expect("the embedded chain");
        let config = Config::local(dir.path().join("lnp"));
        let daemon = Daemon::start_with_chain(config, Some(chain.clone()))
            .await
            .expect("lnpd starts");
        let lnp = daemon.node().clone();
        let ldk = LdkNode::start(seed, chain.clone());
        lnp.mine(1, None).await.expect("a block for lnpd's wallet");
        chain
            .mine(1, ldk.wallet_script())
            .await
            .expect("a block for LDK's wallet");
        let coinbase = chain
            .block_at_blocking(2)
            .expect("the chain reads")
            .expect("block 2")
            .txdata[0]
            .clone();
        let ldk_coin = (
            OutPoint {
                txid: coinbase.compute_txid(),
                vout: 0,
            },
            coinbase.output[0].value,
        );
        let burn = ScriptBuf::new_op_return([]);
        chain
            .mine(100, burn.clone())
            .await
            .expect("blocks to mature the coinbases");
        let world = World {
            chain,
            daemon: Some(daemon),
            lnp,
            ldk,
            ldk_coin,
            burn,
            _chain_db: chain_db,
            _dir: dir,
        };
        until("lnpd's coins are spendable", &world, async || {
            world.lnp.balance().await.is_ok_and(|b| b.confirmed_sat > 0)
        })
        .await;
        world
            .ldk
            .dial(world.lnp.node_id(), world.lnp.listen_addr())
            .await;
        until("both list each other as peers", &world, async || {
            world.lnp.peers().is_ready(&world.ldk.id)
                && world
                    .ldk
                    .peers
                    .peer_by_node_id(&world.lnp.node_id())
                    .is_some()
        })
        .await;
        world
    }

    async fn mine(&self, n: u32) {
        self.chain.mine(n, self.burn.clone()).await.expect("mining");
        let tip = self.chain.height_blocking().expect("the tip");
        until("LDK has seen the new blocks", self, async || {
            self.ldk.synced_height() >= tip
        })
        .await;
    }

    /// Mines a block at a time (up to 20) until `check` holds: what is
    /// broadcast in reaction to a block gets mined by the next.
    async fn mine_until(&self, what: &str, mut check: impl AsyncFnMut() -> bool) {
        for _ in 0..20 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            if check().await {
                return;
            }
            self.mine(1).await;
        }
        panic!(
            "{what}: still not so after 20 blocks; LDK's log:\n{}",
            self.ldk.log.dump()
        );
    }

    fn tx(&self, txid: &Txid) -> Option<Transaction> {
        let ChainBackend::Embedded(chain) = &self.chain else {
            return None;
        };
        let guard = chain.lock().unwrap_or_else(|p| p.into_inner());
        guard.chain().get_tx(txid).cloned()
    }

    fn in_mempool(&self, txid: &Txid) -> bool {
        let ChainBackend::Embedded(chain) = &self.chain else {
            return false;
        };
        let guard = chain.lock().unwrap_or_else(|p| p.into_inner());
        guard
            .chain()
            .mempool()
            .iter()
            .any(|e| e.tx.compute_txid() == *txid)
    }

    /// lnpd's channel with LDK.
    async fn lnp_channel(&self) -> Option<ChannelSummary> {
        let ldk = self.ldk.id.to_string();
        self.lnp
            .list_channels()
            .await
            .ok()?
            .into_iter()
            .rev()
            .find(|c| c.peer == ldk)
    }

    /// lnpd opens a channel to LDK, pushing `push_msat`; once it is
    /// confirmed and usable on both sides.
    async fn lnpd_opens(&self, push_msat: u64) -> Opened {
        let opened = self
            .lnp
            .open_channel(self.ldk.id, CAPACITY_SAT, push_msat)
            .await
            .expect("lnpd opens to LDK");
        self.mine(3).await;
        self.both_usable().await;
        opened
    }

    async fn both_usable(&self) {
        until("the channel is usable on both sides", self, async || {
            self.lnp_channel()
                .await
                .is_some_and(|c| c.status() == "active")
                && self
                    .ldk
                    .channel_with(self.lnp.node_id())
                    .is_some_and(|c| c.is_usable)
        })
        .await;
    }

    /// LDK opens a channel to lnpd, funds it from its wallet, and both see it usable.
    async fn ldk_opens(&self, push_msat: u64) -> ChannelId {
        let lnp_id = self.lnp.node_id();
        self.ldk
            .manager
            .create_channel(lnp_id, CAPACITY_SAT, push_msat, 7, None, None)
            .expect("LDK opens");
        let (temporary, script) = self
            .ldk
            .event("FundingGenerationReady", |e| match e {
                Event::FundingGenerationReady {
                    temporary_channel_id,
                    output_script,
                    ..
                } => Some((*temporary_channel_id, output_script.clone())),
                _ => None,
            })
            .await;
        let tx =
            self.ldk
                .funding_transaction(self.ldk_coin.0, self.ldk_coin.1, script, CAPACITY_SAT);
        let txid = tx.compute_txid();
        self.ldk
            .manager
            .funding_transaction_generated(temporary, lnp_id, tx)
            .expect("LDK takes the funding transaction");
        until(
            "LDK broadcasts the funding transaction (after lnpd's funding_signed)",
            self,
            async || self.in_mempool(&txid),
        )
        .await;
        self.mine(3).await;
        let channel_id = self.ldk.event("ChannelReady", |e| match e {
            Event::ChannelReady { channel_id, .. } => Some(*channel_id),
            _ => None,
        });
        let channel_id = channel_id.await;
        self.both_usable().await;
        channel_id
    }

    /// LDK pays an lnpd invoice of `amount_msat` over the direct channel.
    async fn ldk_pays(&self, amount_msat: u64) {
        let invoice = self
            .lnp
            .create_invoice(Some(amount_msat), "from LDK".into(), Some(3600))
            .expect("lnpd's invoice");
        let parsed: Bolt11Invoice = invoice.bolt11.parse().expect("LDK reads lnpd's invoice");
        let hash = PaymentHash(parsed.payment_hash().to_byte_array());
        let params = PaymentParameters::from_node_id(
            self.lnp.node_id(),
            parsed.min_final_cltv_expiry_delta() as u32,
        );
        let route_params = RouteParameters::from_payment_params_and_value(params, amount_msat);
        let first_hops = self.ldk.manager.list_usable_channels();
        let first_hops: Vec<_> = first_hops.iter().collect();
        let scorer = FixedPenaltyScorer::with_penalty(0);
        let route = find_route(
            &self.ldk.id,
            &route_params,
            &self.ldk.graph,
            Some(&first_hops),
            self.ldk.log.clone(),
            &scorer,
            &(),
            &[7; 32],
        )
        .unwrap_or_else(|e| panic!("LDK finds no direct route ({e:?}) over {first_hops:#?}"));
        self.ldk
            .manager
            .send_payment_with_route(
                route,
                hash,
                RecipientOnionFields::secret_only(*parsed.payment_secret()),
                PaymentId(hash.0),
            )
            .expect("LDK sends");
        self.ldk
            .event("PaymentSent", |e| match e {
                Event::PaymentSent { payment_hash, .. } if *payment_hash == hash => Some(()),
                Event::PaymentFailed {
                    payment_hash,
                    reason,
                    ..
                } if *payment_hash == Some(hash) => panic!("LDK's payment failed: {reason:?}"),
                _ => None,
            })
            .await;
        let hash_hex = invoice.payment_hash.clone();
        until("lnpd records the payment as received", self, async || {
            self.lnp.list_payments().await.is_ok_and(|ps| {
                ps.iter().any(|p| {
                    p.payment_hash == hash_hex
                        && p.direction == Direction::Received
                        && p.status == PaymentStatus::Succeeded
                })
            })
        })
        .await;
    }

    /// lnpd pays an LDK invoice of `amount_msat`; LDK claims it.
    async fn lnp_pays(&self, amount_msat: u64) {
        let params = Bolt11InvoiceParameters {
            amount_msats: Some(amount_msat),
            ..Default::default()
        };
        let invoice = self
            .ldk
            .manager
            .create_bolt11_invoice(params)
            .expect("LDK's invoice");
        let hash = PaymentHash(invoice.payment_hash().to_byte_array());
        let lnp = self.lnp.clone();
        let bolt11 = invoice.to_string();
        let mut paying = tokio::spawn(async move { lnp.pay(&bolt11).await });
        let claimable = self.ldk.event("PaymentClaimable", |e| match e {
            Event::PaymentClaimable {
                payment_hash,
                amount_msat: got,
                purpose,
                ..
            } if *payment_hash == hash => {
                assert_eq!(*got, amount_msat, "LDK is offered what the invoice asks");
                match purpose {
                    PaymentPurpose::Bolt11InvoicePayment {
                        payment_preimage, ..
                    } => *payment_preimage,
                    other => panic!("an invoice payment, not {other:?}"),
                }
            }
            _ => None,
        });
        let preimage = tokio::select! {
            preimage = claimable => preimage,
            outcome = &mut paying => panic!("lnpd's payment ended before LDK could claim it: {outcome:?}"),
        };
        self.ldk.manager.claim_funds(preimage);
        self.ldk
            .event("PaymentClaimed", |e| match e {
                Event::PaymentClaimed { payment_hash, .. } if *payment_hash == hash => Some(()),
                _ => None,
            })
            .await;
        let record = paying.await.expect("the pay task").unwrap_or_else(|e| {
            panic!(
                "lnpd's payment failed: {e}; LDK's log:\n{}",
                self.ldk.log.dump()
            )
        });
        assert_eq!(record.status, PaymentStatus::Succeeded);
        assert_eq!(
            record.preimage.as_deref(),
            Some(hex(&preimage.0).as_str()),
            "lnpd learned the preimage"
        );
    }

    /// lnpd's (ours, theirs) in msat once no HTLC is pending on either
    /// side, after checking that LDK sees the same split.
    async fn settled_balances(&self) -> (u64, u64) {
        until("no HTLC is pending on either side", self, async || {
            let lnp_idle = self
                .lnp_channel()
                .await
                .is_some_and(|c| c.pending_htlcs.is_empty());
            let ldk_idle = self.ldk.channel_with(self.lnp.node_id()).is_some_and(|c| {
                c.pending_inbound_htlcs.is_empty() && c.pending_outbound_htlcs.is_empty()
            });
            lnp_idle && ldk_idle
        })
        .await;
        let c = self.lnp_channel().await.expect("lnpd's channel");
        let ldk = self
            .ldk
            .channel_with(self.lnp.node_id())
            .expect("LDK's channel");
        // LDK's inbound capacity is lnpd's balance less lnpd's reserve
        // (the reserve LDK asked lnpd to keep).
        let reserve_msat = ldk.counterparty.unspendable_punishment_reserve * 1000;
        assert_eq!(
            ldk.inbound_capacity_msat,
            c.our_msat.saturating_sub(reserve_msat),
            "LDK's view of lnpd's balance: {ldk:?}"
        );
        (c.our_msat, c.their_msat)
    }

    async fn shutdown(mut self) {
        self.ldk.stop();
        if let Some(d) = self.daemon.take() {
            d.shutdown().await.expect("lnpd stops");
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ldk_opens_to_lnpd_payments_flow_both_ways_and_ldk_closes_cooperatively() {
    let w = World::new(0x51).await;
    let channel_id = w.ldk_opens(0).await;
    let c = w.lnp_channel().await.expect("lnpd's channel");
    assert_eq!(
        (c.capacity_sat, c.role.as_str(), c.our_msat),
        (CAPACITY_SAT, "fundee", 0),
        "{c:?}"
    );

    // 500 sat is dust on both commitments; 600 sat only on lnpd's (its dust
    // limit is 546 sat against LDK's 354, and a received HTLC's threshold
    // adds the HTLC-success fee): each side must trim by its own rules and
    // the signatures still agree.
    for amount_msat in [600_000, 500_000, 1_000_000, 2_000_000, 5_000_000] {
        w.ldk_pays(amount_msat).await;
    }
    assert_eq!(
        w.settled_balances().await.0,
        9_100_000,
        "lnpd holds the five payments"
    );
    w.lnp_pays(2_500_000).await;
    let (ours, theirs) = w.settled_balances().await;
    assert_eq!(ours, 6_600_000);
    assert_eq!(ours + theirs, CAPACITY_SAT * 1000);

    w.ldk
        .manager
        .close_channel(&channel_id, &w.lnp.node_id())
        .expect("LDK starts the close");
    let reason = w
        .ldk
        .event("ChannelClosed", |e| match e {
            Event::ChannelClosed {
                channel_id: id,
                reason,
                ..
            } if *id == channel_id => Some(reason.clone()),
            _ => None,
        })
        .await;
    assert!(
        matches!(reason, ClosureReason::LocallyInitiatedCooperativeClosure),
        "{reason:?}"
    );
    until("lnpd has the closing transaction", &w, async || {
        w.lnp_channel()
            .await
            .is_some_and(|c| !c.close_txids.is_empty())
    })
    .await;
    let c = w.lnp_channel().await.expect("lnpd's channel");
    let txid: Txid = c.close_txids[0].parse().expect("a txid");
    w.mine(1).await;
    let tx = w.tx(&txid).expect("the closing transaction is on chain");
    // lnpd is the fundee: its output is its balance to the satoshi; LDK's is
    // the rest less the closing fee, which LDK, the funder, pays.
    let to_lnp: u64 = tx
        .output
        .iter()
        .map(|o| o.value.to_sat())
        .filter(|v| *v == ours / 1000)
        .sum();
    assert_eq!(
        to_lnp,
        ours / 1000,
        "the closing transaction pays lnpd its balance: {tx:?}"
    );
    let total: u64 = tx.output.iter().map(|o| o.value.to_sat()).sum();
    assert!(
        total < CAPACITY_SAT && CAPACITY_SAT - total < 2_000,
        "the closing fee is modest: {total}"
    );
    w.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lnpd_opens_to_ldk_payments_flow_both_ways_and_lnpd_closes_cooperatively() {
    let w = World::new(0x52).await;
    let opened = w.lnpd_opens(100_000_000).await;
    let ldk_channel = w.ldk.channel_with(w.lnp.node_id()).expect("LDK's channel");
    assert!(
        !ldk_channel.is_outbound && ldk_channel.channel_value_satoshis == CAPACITY_SAT,
        "{ldk_channel:?}"
    );
    assert_eq!(
        ldk_channel.funding_txo.map(|o| o.txid.to_string()),
        Some(opened.funding_txid.clone())
    );
    let (ours, theirs) = w.settled_balances().await;
    assert_eq!(theirs, 100_000_000, "LDK holds the push");

    w.lnp_pays(7_000_000).await;
    w.ldk_pays(3_000_000).await;
    let (ours_now, theirs_now) = w.settled_balances().await;
    assert_eq!(
        (ours_now, theirs_now),
        (ours - 4_000_000, theirs + 4_000_000)
    );

    let wallet_before = w.lnp.balance().await.expect("lnpd's wallet").confirmed_sat;
    let closing = w
        .lnp
        .close_channel(opened.channel_id.clone(), false)
        .await
        .expect("lnpd closes");
    let txid: Txid = closing.txid.parse().expect("a txid");
    let reason = w
        .ldk
        .event("ChannelClosed", |e| match e {
            Event::ChannelClosed { reason, .. } => Some(reason.clone()),
            _ => None,
        })
        .await;
    assert!(
        matches!(
            reason,
            ClosureReason::CounterpartyInitiatedCooperativeClosure
        ),
        "{reason:?}"
    );
    w.mine(1).await;
    let tx = w.tx(&txid).expect("the closing transaction is on chain");
    // LDK is the fundee: its output is its balance to the satoshi; lnpd, the
    // funder, pays the fee from its own, and its wallet gets the rest.
    let outputs: Vec<u64> = tx.output.iter().map(|o| o.value.to_sat()).collect();
    assert!(
        outputs.contains(&(theirs_now / 1000)),
        "LDK is paid its balance: {outputs:?}"
    );
    let to_lnp = outputs
        .iter()
        .copied()
        .find(|v| *v != theirs_now / 1000)
        .expect("lnpd's output");
    let fee = ours_now / 1000 - to_lnp;
    assert!(
        fee > 0 && fee < 2_000,
        "lnpd pays a modest closing fee: {fee}"
    );
    until("lnpd's wallet holds its closing output", &w, async || {
        w.lnp
            .balance()
            .await
            .is_ok_and(|b| b.confirmed_sat == wallet_before + to_lnp)
    })
    .await;
    w.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ldk_accepts_lnpds_update_fee_and_payments_go_on_at_the_new_feerate() {
    let w = World::new(0x58).await;
    let opened = w.lnpd_opens(100_000_000).await;
    w.lnp_pays(5_000_000).await;

    // lnpd, the funder, proposes 2,000 sat/kw: update_fee, then the
    // commitment dance at the new rate, which LDK checks and signs.
    w.lnp
        .set_feerate(opened.channel_id.clone(), 2_000)
        .await
        .expect("lnpd proposes a feerate");
    until("LDK's channel is at 2,000 sat/kw", &w, async || {
        w.ldk
            .channel_with(w.lnp.node_id())
            .is_some_and(|c| c.feerate_sat_per_1000_weight == Some(2_000))
    })
    .await;
    let lnp_rate = w
        .lnp
        .list_channels()
        .await
        .expect("lnpd's channels")
        .into_iter()
        .find(|c| c.channel_id == opened.channel_id)
        .map(|c| c.feerate_per_kw);
    assert_eq!(lnp_rate, Some(2_000));

    let (ours, theirs) = w.settled_balances().await;
    w.lnp_pays(7_000_000).await;
    w.ldk_pays(3_000_000).await;
    assert_eq!(
        w.settled_balances().await,
        (ours - 4_000_000, theirs + 4_000_000)
    );
    let unknown = w.lnp.set_feerate("no such channel".into(), 2_000).await;
    assert!(unknown.is_err(), "an unknown channel is refused");
    w.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ldk_force_closes_and_each_side_gets_its_balance_on_chain() {
    let w = World::new(0x53).await;
    let channel_id = w.ldk_opens(0).await;
    w.ldk_pays(40_000_000).await;
    let (ours, _) = w.settled_balances().await;
    assert_eq!(ours, 40_000_000);
    let wallet_before = w.lnp.balance().await.expect("lnpd's wallet").confirmed_sat;

    w.ldk
        .manager
        .force_close_broadcasting_latest_txn(&channel_id, &w.lnp.node_id(), "test".into())
        .expect("LDK force-closes");
    let commitment = w
        .ldk
        .broadcaster
        .sent
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .last()
        .cloned()
        .expect("LDK broadcast its commitment");
    w.mine(1).await;
    // static_remotekey: lnpd's output on LDK's commitment pays its wallet
    // at once, exactly its balance.
    until(
        "lnpd's wallet holds its balance from LDK's commitment",
        &w,
        async || {
            w.lnp
                .balance()
                .await
                .is_ok_and(|b| b.confirmed_sat == wallet_before + ours / 1000)
        },
    )
    .await;
    until("lnpd sees the channel closed by the peer", &w, async || {
        w.lnp_channel()
            .await
            .is_some_and(|c| matches!(c.state.as_str(), "RemoteClosed" | "Closed"))
    })
    .await;
    // LDK's own output waits the 144 blocks lnpd asked for, then LDK can spend it.
    let to_ldk: u64 = commitment
        .output
        .iter()
        .map(|o| o.value.to_sat())
        .filter(|v| *v != ours / 1000)
        .sum();
    w.mine(150).await;
    let spendable = w
        .ldk
        .event("SpendableOutputs", |e| match e {
            Event::SpendableOutputs { outputs, .. } => {
                Some(outputs.iter().map(spendable_value).sum::<u64>())
            }
            _ => None,
        })
        .await;
    assert_eq!(spendable, to_ldk, "LDK gets back its to_local output");
    w.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lnpd_force_closes_and_each_side_gets_its_balance_on_chain() {
    let w = World::new(0x54).await;
    let opened = w.lnpd_opens(100_000_000).await;
    w.ldk_pays(3_000_000).await;
    let (ours, theirs) = w.settled_balances().await;
    let wallet_before = w.lnp.balance().await.expect("lnpd's wallet").confirmed_sat;

    let closing = w
        .lnp
        .close_channel(opened.channel_id.clone(), true)
        .await
        .expect("lnpd force-closes");
    let txid: Txid = closing.txid.parse().expect("a txid");
    w.mine(1).await;
    let commitment = w.tx(&txid).expect("lnpd's commitment is on chain");
    let reason = w
        .ldk
        .event("ChannelClosed", |e| match e {
            Event::ChannelClosed { reason, .. } => Some(reason.clone()),
            _ => None,
        })
        .await;
    assert!(
        matches!(reason, ClosureReason::CommitmentTxConfirmed),
        "{reason:?}"
    );
    // LDK's output on lnpd's commitment is its balance, spendable once the
    // commitment is 6 blocks deep (LDK's reorg safety).
    w.mine(6).await;
    let spendable = w
        .ldk
        .event("SpendableOutputs", |e| match e {
            Event::SpendableOutputs { outputs, .. } => {
                Some(outputs.iter().map(spendable_value).sum::<u64>())
            }
            _ => None,
        })
        .await;
    assert_eq!(spendable, theirs / 1000, "LDK gets its balance");
    // lnpd's own output waits the delay LDK asked for, then is swept to its wallet.
    let to_local = commitment
        .output
        .iter()
        .map(|o| o.value.to_sat())
        .find(|v| *v != theirs / 1000)
        .expect("lnpd's output");
    assert!(
        to_local < ours / 1000 && ours / 1000 - to_local < 2_000,
        "lnpd's output is its balance less the commitment fee"
    );
    w.mine(144).await;
    w.mine_until("lnpd sweeps its delayed output to its wallet", async || {
        w.lnp.balance().await.is_ok_and(|b| {
            b.confirmed_sat > wallet_before && b.confirmed_sat + 1_000 > wallet_before + to_local
        })
    })
    .await;
    w.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_payments_reach_the_payer_with_the_reason_bolt4_names_both_ways() {
    let w = World::new(0x55).await;
    w.ldk_opens(100_000_000).await;

    // LDK pays lnpd with the right hash but a made-up payment secret: lnpd
    // fails it with an encrypted incorrect_or_unknown_payment_details,
    // which LDK decrypts as the recipient's rejection.
    let invoice = w
        .lnp
        .create_invoice(Some(2_000_000), "secret test".into(), Some(3600))
        .expect("lnpd's invoice");
    let parsed: Bolt11Invoice = invoice.bolt11.parse().expect("LDK reads lnpd's invoice");
    let hash = PaymentHash(parsed.payment_hash().to_byte_array());
    let params = PaymentParameters::from_node_id(
        w.lnp.node_id(),
        parsed.min_final_cltv_expiry_delta() as u32,
    );
    let route_params = RouteParameters::from_payment_params_and_value(params, 2_000_000);
    let first_hops = w.ldk.manager.list_usable_channels();
    let first_hops: Vec<_> = first_hops.iter().collect();
    let route = find_route(
        &w.ldk.id,
        &route_params,
        &w.ldk.graph,
        Some(&first_hops),
        w.ldk.log.clone(),
        &FixedPenaltyScorer::with_penalty(0),
        &(),
        &[7; 32],
    )
    .expect("a route");
    let wrong_secret = lightning::types::payment::PaymentSecret([0x66; 32]);
    w.ldk
        .manager
        .send_payment_with_route(
            route,
            hash,
            RecipientOnionFields::secret_only(wrong_secret),
            PaymentId(hash.0),
        )
        .expect("LDK sends");
    let reason = w
        .ldk
        .event("PaymentFailed", |e| match e {
            Event::PaymentFailed {
                payment_hash,
                reason,
                ..
            } if *payment_hash == Some(hash) => Some(*reason),
            Event::PaymentSent { .. } => panic!("a payment with the wrong secret was accepted"),
            _ => None,
        })
        .await;
    assert_eq!(
        reason,
        Some(lightning::events::PaymentFailureReason::RecipientRejected)
    );
    let payments = w.lnp.list_payments().await.expect("lnpd's payments");
    let refused = payments
        .iter()
        .find(|p| p.payment_hash == invoice.payment_hash && p.direction == Direction::Received)
        .expect("lnpd recorded the HTLC");
    assert_eq!(refused.status, PaymentStatus::Failed);
    assert_eq!(
        refused.failure.as_deref(),
        Some("the onion's payment secret is not the invoice's")
    );

    // lnpd pays an LDK invoice that LDK then refuses: lnpd decrypts LDK's
    // failure and says so.
    let params = Bolt11InvoiceParameters {
        amount_msats: Some(1_500_000),
        ..Default::default()
    };
    let ldk_invoice = w
        .ldk
        .manager
        .create_bolt11_invoice(params)
        .expect("LDK's invoice");
    let ldk_hash = PaymentHash(ldk_invoice.payment_hash().to_byte_array());
    let lnp = w.lnp.clone();
    let bolt11 = ldk_invoice.to_string();
    let paying = tokio::spawn(async move { lnp.pay(&bolt11).await });
    w.ldk
        .event("PaymentClaimable", |e| match e {
            Event::PaymentClaimable { payment_hash, .. } if *payment_hash == ldk_hash => Some(()),
            _ => None,
        })
        .await;
    w.ldk.manager.fail_htlc_backwards(&ldk_hash);
    let failed = paying
        .await
        .expect("the pay task")
        .expect_err("LDK refused the payment");
    let text = failed.to_string();
    assert!(
        text.contains("the payee failed it: incorrect_or_unknown_payment_details"),
        "{text}"
    );
    let (ours, theirs) = w.settled_balances().await;
    assert_eq!(
        (ours, theirs),
        (100_000_000, (CAPACITY_SAT * 1000) - 100_000_000),
        "no refused payment moved a balance"
    );
    w.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_reconnection_channel_reestablish_with_ldk_resumes_the_channel() {
    let w = World::new(0x56).await;
    w.ldk_opens(0).await;
    // Enough for lnpd to pay above the 5 000 sat reserve LDK asks of it.
    w.ldk_pays(20_000_000).await;
    for round in 1..=2u64 {
        w.ldk.peers.disconnect_by_node_id(w.lnp.node_id());
        until("both see the disconnection", &w, async || {
            !w.lnp.peers().is_ready(&w.ldk.id)
                && w.lnp_channel().await.is_some_and(|c| !c.connected)
        })
        .await;
        // The channel survives the disconnection; reconnecting runs
        // channel_reestablish on both sides.
        w.ldk.dial(w.lnp.node_id(), w.lnp.listen_addr()).await;
        w.both_usable().await;
        w.ldk_pays(1_000_000 * round).await;
        w.lnp_pays(500_000).await;
    }
    let (ours, _) = w.settled_balances().await;
    assert_eq!(ours, 20_000_000 + 1_000_000 + 2_000_000 - 2 * 500_000);
    w.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lnpd_learns_the_preimage_when_ldk_claims_an_htlc_on_chain_after_a_force_close() {
    let w = World::new(0x57).await;
    let opened = w.lnpd_opens(0).await;
    // lnpd pays LDK; LDK holds the HTLC instead of claiming it at once.
    let params = Bolt11InvoiceParameters { amount_msats: Some(20_000_000), ..Default::default() };
    let invoice = w.ldk.manager.create_bolt11_invoice(params).expect("LDK's invoice");
    let hash = PaymentHash(invoice.payment_hash().to_byte_array());
    let lnp = w.lnp.clone();
    let bolt11 = invoice.to_string();
    let paying = tokio::spawn(async move { lnp.pay(&bolt11).await });
    let preimage = w
        .ldk
        .event("PaymentClaimable", |e| match e {
            Event::PaymentClaimable { payment_hash, purpose: PaymentPurpose::Bolt11InvoicePayment { payment_preimage, .. }, .. } if *payment_hash == hash => *payment_preimage,
            _ => None,
        })
        .await;
    until("lnpd's commitment holds the HTLC", &w, async || w.lnp_channel().await.is_some_and(|c| c.pending_htlcs.len() == 1)).await;

    // lnpd force-closes with the HTLC in flight; then LDK claims it, on chain.
    let closing = w.lnp.close_channel(opened.channel_id.clone(), true).await.expect("lnpd force-closes");
    w.mine(1).await;
    w.ldk.event("ChannelClosed", |e| matches!(e, Event::ChannelClosed { .. }).then_some(())).await;
    w.ldk.manager.claim_funds(preimage);
    w.mine_until("lnpd's payment is settled by LDK's claim on chain", async || paying.is_finished()).await;
    let record = paying.await.expect("the pay task").unwrap_or_else(|e| panic!("lnpd's payment: {e}; LDK's log:\n{}", w.ldk.log.dump()));
    assert_eq!(record.status, PaymentStatus::Succeeded);
    assert_eq!(record.preimage.as_deref(), Some(hex(&preimage.0).as_str()), "the preimage, read from LDK's claim");
    let commitment: Txid = closing.txid.parse().expect("a txid");
    let claim = w.ldk.broadcaster.sent.lock().unwrap_or_else(|p| p.into_inner()).iter().find(|t| t.input.iter().any(|i| i.previous_output.txid == commitment)).cloned();
    let claim = claim.expect("LDK claimed from lnpd's commitment");
    assert!(w.tx(&claim.compute_txid()).is_some(), "LDK's claim confirmed");
    w.shutdown().await;
}

/// What a `SpendableOutputDescriptor` is worth, in sat.
fn spendable_value(d: &lightning::sign::SpendableOutputDescriptor) -> u64 {
    use lightning::sign::SpendableOutputDescriptor as D;
    match d {
        D::StaticOutput { output, .. } => output.value.to_sat(),
        D::DelayedPaymentOutput(o) => o.output.value.to_sat(),
        D::StaticPaymentOutput(o) => o.output.value.to_sat(),
    }
}
