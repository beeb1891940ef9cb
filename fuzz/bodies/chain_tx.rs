// The body of the `chain_tx` fuzz target, shared with the seed test in
// `chain/tests/fuzz_seeds.rs` (both `include!` this file).
//
// Arbitrary bytes, decoded as a transaction, submitted to an embedded chain
// that has spendable coins: no panic; a refusal leaves the chain as it was;
// an acceptance puts the transaction in the mempool and the next block.

/// Submits `data`, read as a consensus-encoded transaction, to a funded chain.
pub fn chain_tx(data: &[u8]) {
    use lnp_chain::testkit::TestWallet;
    use lnp_chain::EmbeddedChain;
    let Ok(tx) = bitcoin::consensus::deserialize::<bitcoin::Transaction>(data) else { return };
    let mut chain = EmbeddedChain::new();
    let wallet = TestWallet::from_seed(1);
    wallet.fund(&mut chain, 2).expect("mining on an empty chain works");
    let before = (chain.height(), chain.utxo_count(), chain.mempool_len());
    match chain.submit(tx) {
        Ok(_) => {
            assert_eq!(chain.mempool_len(), 1);
            chain.mine(1, wallet.script_pubkey()).expect("an accepted transaction can be mined");
            assert_eq!(chain.mempool_len(), 0);
        }
        Err(why) => {
            let _ = why.to_string();
            assert_eq!((chain.height(), chain.utxo_count(), chain.mempool_len()), before, "a refusal changes nothing");
        }
    }
}
