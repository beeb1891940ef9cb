//! Runs the `chain_tx` fuzz target's body over its seeds (a valid spend, the
//! same spend tampered with, committed in `fuzz/corpus/chain_tx/`) and over
//! random bytes: nothing panics the chain, and a refusal changes nothing.
//! `LNP_WRITE_SEEDS=1 cargo test -p lnp-chain --test fuzz_seeds` rewrites the
//! corpus from `seeds()`.

include!("../../fuzz/bodies/chain_tx.rs");

use bitcoin::{Amount, ScriptBuf};
use proptest::prelude::*;

/// Transactions the fuzz body's chain would accept, and near misses.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut chain = lnp_chain::EmbeddedChain::new();
    let wallet = lnp_chain::testkit::TestWallet::from_seed(1);
    wallet.fund(&mut chain, 2).expect("fund");
    let to = ScriptBuf::new_p2wsh(&ScriptBuf::from_bytes(vec![0x51]).wscript_hash());
    let tx = wallet.pay_to(&chain, to, Amount::from_sat(10_000), Amount::from_sat(500)).expect("pay");
    let mut tampered = tx.clone();
    tampered.output[0].value = Amount::from_sat(20_000);
    let mut out = vec![
        ("valid_spend.bin".to_string(), bitcoin::consensus::serialize(&tx)),
        ("tampered_amount.bin".to_string(), bitcoin::consensus::serialize(&tampered)),
    ];
    let mut no_witness = tx;
    no_witness.input[0].witness = bitcoin::Witness::new();
    out.push(("no_witness.bin".to_string(), bitcoin::consensus::serialize(&no_witness)));
    out
}

#[test]
fn every_seed_passes_through_without_panicking() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/chain_tx");
    if std::env::var_os("LNP_WRITE_SEEDS").is_some() {
        std::fs::create_dir_all(&dir).expect("corpus folder");
        for (name, bytes) in seeds() {
            std::fs::write(dir.join(name), bytes).expect("write seed");
        }
    }
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("seed corpus folder") {
        chain_tx(&std::fs::read(entry.expect("entry").path()).expect("readable seed"));
        n += 1;
    }
    assert!(n >= 3, "only {n} seeds");
    // The seeds as built now, not only as committed.
    for (_, bytes) in seeds() {
        chain_tx(&bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..300)) {
        chain_tx(&data);
    }

    /// A valid transaction with one byte changed: mostly refused, never a panic.
    #[test]
    fn one_flipped_byte_never_panics(at in any::<prop::sample::Index>(), bit in 0u8..8) {
        let (_, mut bytes) = seeds().swap_remove(0);
        let i = at.index(bytes.len());
        bytes[i] ^= 1 << bit;
        chain_tx(&bytes);
    }
}
