//! `lnpd demo` as a library call: three real nodes (their own stores,
//! BOLT 8 over loopback TCP) on one embedded chain open, pay and close
//! channels; the summary must account for every satoshi.

use lnp_node::demo::{self, PAYMENTS};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_pays_every_invoice_and_every_node_balances_its_books() {
    let mut lines = Vec::new();
    let summary = demo::run(|l| lines.push(l.to_string())).await.expect("the demo runs");
    assert!(lines.iter().any(|l| l.contains("sweep")), "the progress tells of B's sweep: {lines:#?}");

    // Every payment of the script succeeded, in order.
    assert_eq!(summary.payments.len(), PAYMENTS.len());
    for (line, (from, to, amount)) in summary.payments.iter().zip(PAYMENTS) {
        assert_eq!((line.from.as_str(), line.to.as_str(), line.amount_msat), (["A", "B", "C"][from], ["A", "B", "C"][to], amount));
        assert_eq!(line.status, "succeeded");
    }

    // Each node: what the script says it paid and received.
    for (i, node) in summary.nodes.iter().enumerate() {
        let paid: u64 = PAYMENTS.iter().filter(|p| p.0 == i).map(|p| p.2).sum();
        let received: u64 = PAYMENTS.iter().filter(|p| p.1 == i).map(|p| p.2).sum();
        assert_eq!((node.paid_msat, node.received_msat), (paid, received), "node {}", node.name);
        assert_eq!(node.funded_sat, 5_000_000_000, "one regtest coinbase");
        assert_eq!(node.final_onchain_sat as i128, node.expected_sat(), "node {}: funded − paid + received − fees", node.name);
    }
    // Fees: A paid for its funding and the cooperative close; B for its
    // funding, its commitment and its sweep; C for nothing.
    let (a, b, c) = (&summary.nodes[0], &summary.nodes[1], &summary.nodes[2]);
    assert!(a.fees_sat > 200 && a.fees_sat < 2_000, "A's fees {}", a.fees_sat);
    assert!(b.fees_sat > a.fees_sat && b.fees_sat < 3_000, "B's fees {}", b.fees_sat);
    assert_eq!(c.fees_sat, 0);
    let total_fees = a.fees_sat + b.fees_sat;
    let total: u64 = summary.nodes.iter().map(|n| n.final_onchain_sat).sum();
    assert_eq!(total + total_fees, 3 * 5_000_000_000, "nothing created or lost but the fees");

    // The channels: balances before closing mirror the payments.
    let ab = &summary.channels[0];
    assert_eq!((ab.close.as_str(), ab.close_txids.len()), ("cooperative", 1));
    assert_eq!(ab.fundee_msat, 180_000_000 - 25_000_000);
    let bc = &summary.channels[1];
    assert_eq!((bc.close.as_str(), bc.close_txids.len()), ("force", 2), "B's commitment, then its sweep");
    assert_eq!(bc.fundee_msat, 115_000_000 - 15_000_000);
    assert!(summary.final_height > 103 + 3 + 144, "B waited out to_self_delay: height {}", summary.final_height);
    assert!(summary.seconds < 60.0);
}
