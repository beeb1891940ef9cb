//! Following the chain: [`Wallet::sync`] brings the wallet to the chain's
//! tip through a [`BlockSource`] (the daemon's chain backend, or an
//! `EmbeddedChain` in tests), handling reorgs.
//!
//! First the fork point: walking down from the scanned height, the first
//! block whose recorded hash the chain still has at that height. (A height
//! without a record — scanned before records existed, or pruned — is taken
//! as agreed when the record above it names, as its parent, the block the
//! chain has there; otherwise the reorg is deeper than the wallet can undo:
//! [`WalletError::ReorgBeyondHistory`].) The blocks above the fork are
//! disconnected, newest first ([`super::coins::Coins::disconnect`]), then
//! the new blocks scanned. A block fetched whose parent is not the block
//! recorded below it (the chain moved during the sync) ends the sync; the
//! next one starts from the fork again. What this is not: a chain client
//! (which blocks are active is the source's answer) nor the channels'
//! watches (see `crate::chain::backend::ChainBackend::poll_blocking`).
use std::convert::Infallible;

use bitcoin::{Block, BlockHash};
use tracing::warn;

use super::{Wallet, WalletError};

/// The active chain, block by block: what the wallet needs to follow it.
pub trait BlockSource {
    type Error: std::error::Error + Send + Sync + 'static;

    /// The hash of the active chain's block at `height`; `None` above the tip.
    fn hash_at(&self, height: u32) -> Result<Option<BlockHash>, Self::Error>;

    /// The active chain's block at `height`; `None` above the tip.
    fn block_at(&self, height: u32) -> Result<Option<Block>, Self::Error>;
}

impl BlockSource for lnp_chain::EmbeddedChain {
    type Error = Infallible;

    fn hash_at(&self, height: u32) -> Result<Option<BlockHash>, Infallible> {
        Ok(self.block_hash(height))
    }

    fn block_at(&self, height: u32) -> Result<Option<Block>, Infallible> {
        Ok(lnp_chain::EmbeddedChain::block_at(self, height).cloned())
    }
}

/// What a [`Wallet::sync`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Synced {
    /// Blocks undone by a reorg.
    pub disconnected: u32,
    /// Blocks scanned.
    pub scanned: u32,
}

fn chain_err<E: std::error::Error + Send + Sync + 'static>(height: u32) -> impl FnOnce(E) -> WalletError {
    move |e| WalletError::Chain { height, source: Box::new(e) }
}

impl Wallet {
    /// Brings the wallet to the chain's `tip`: undoes the scanned blocks
    /// the chain no longer has, then scans the blocks up to `tip`. A wallet
    /// that never scanned starts at `fresh_from`.
    pub fn sync<S: BlockSource>(&self, source: &S, tip: u32, fresh_from: u32) -> Result<Synced, WalletError> {
        let mut synced = Synced::default();
        let from = match self.coins.scanned_height()? {
            None => fresh_from,
            Some(scanned) => {
                let fork = self.fork_point(source, scanned)?;
                for height in (fork + 1..=scanned).rev() {
                    let _guard = self.spending.lock().unwrap_or_else(|p| p.into_inner());
                    self.coins.disconnect(height)?;
                    synced.disconnected += 1;
                }
                if synced.disconnected > 0 {
                    warn!("wallet: reorg: {} block(s) above height {fork} undone", synced.disconnected);
                }
                fork + 1
            }
        };
        if from > tip {
            return Ok(synced);
        }
        let scripts = self.scripts()?;
        for height in from..=tip {
            let Some(block) = source.block_at(height).map_err(chain_err(height))? else { break };
            let below = match height.checked_sub(1) {
                Some(h) => self.coins.block(h)?,
                None => None,
            };
            if below.is_some_and(|b| b.hash != block.header.prev_blockhash) {
                break; // The chain moved since the fork was found: the next sync looks again.
            }
            self.scan_block_with(height, &block, &scripts)?;
            synced.scanned += 1;
        }
        Ok(synced)
    }

    /// The highest scanned height whose block the chain still has.
    fn fork_point<S: BlockSource>(&self, source: &S, scanned: u32) -> Result<u32, WalletError> {
        let mut height = scanned;
        loop {
            let Some(record) = self.coins.block(height)? else { return Ok(height) };
            if source.hash_at(height).map_err(chain_err(height))? == Some(record.hash) {
                return Ok(height);
            }
            let below = height.checked_sub(1).ok_or(WalletError::OtherChain)?;
            if self.coins.block(below)?.is_none() {
                return match source.hash_at(below).map_err(chain_err(below))? {
                    Some(hash) if hash == record.prev => Ok(below),
                    _ => Err(WalletError::ReorgBeyondHistory { height: below }),
                };
            }
            height = below;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::NodeKeys;
    use crate::wallet::Balance;
    use crate::seed::Seed;
    use bitcoin::{Amount, Network, ScriptBuf};
    use lnp_chain::testkit::TestWallet;
    use lnp_chain::{BlockSpec, EmbeddedChain};

    fn open(dir: &tempfile::TempDir, seed: u8) -> Wallet {
        let keys = NodeKeys::derive(&Seed::from_bytes([seed; 32]), Network::Regtest).expect("keys");
        Wallet::open(keys, &sled::open(dir.path()).expect("sled")).expect("wallet")
    }

    fn miner() -> ScriptBuf {
        ScriptBuf::new_op_return([])
    }

    /// `n` empty blocks of another miner (so other hashes than `miner()`'s).
    fn branch(n: usize) -> Vec<BlockSpec> {
        (0..n).map(|_| BlockSpec::new(ScriptBuf::new_op_return([7])).without_mempool()).collect()
    }

    fn sync(wallet: &Wallet, chain: &EmbeddedChain) -> Synced {
        wallet.sync(chain, chain.height(), 0).expect("sync")
    }

    /// A chain where `payer` can pay.
    fn funded_chain(payer: &TestWallet) -> EmbeddedChain {
        let mut chain = EmbeddedChain::new();
        payer.fund(&mut chain, 3).expect("mine");
        chain
    }

    #[test]
    fn a_coin_of_a_reorged_out_block_disappears_and_comes_back_when_the_new_chain_confirms_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let wallet = open(&dir, 21);
        let payer = TestWallet::from_seed(21);
        let mut chain = funded_chain(&payer);
        let ours = wallet.new_address().expect("address").0.script_pubkey();
        let pay = payer.pay_to(&chain, ours.clone(), Amount::from_sat(1_000_000), Amount::from_sat(1_000)).expect("pays");
        chain.submit(pay.clone()).expect("submit");
        chain.mine(1, &ours).expect("mine"); // the payment, and a coinbase to us
        let first = sync(&wallet, &chain);
        assert_eq!(first, Synced { disconnected: 0, scanned: chain.height() + 1 });
        let b = wallet.balance(chain.height()).expect("balance");
        assert_eq!((b.confirmed_sat, b.immature_sat), (1_000_000, 5_000_001_000), "the coinbase takes the payment's fee");

        // The block is replaced by two blocks without the payment.
        chain.reorg(1, branch(2)).expect("reorg");
        assert_eq!(sync(&wallet, &chain), Synced { disconnected: 1, scanned: 2 });
        assert_eq!(wallet.balance(chain.height()).expect("balance"), Balance::default(), "both coins are gone");
        assert!(wallet.coins().expect("coins").is_empty());

        // The payment went back to the mempool; the next block confirms it again (the coinbase never comes back).
        chain.mine(1, &miner()).expect("mine");
        assert_eq!(sync(&wallet, &chain), Synced { disconnected: 0, scanned: 1 });
        let coins = wallet.coins().expect("coins");
        assert_eq!(coins.len(), 1);
        assert_eq!((coins[0].outpoint.txid, coins[0].height), (pay.compute_txid(), Some(chain.height())));
        assert_eq!(wallet.balance(chain.height()).expect("balance").confirmed_sat, 1_000_000);
        assert_eq!(sync(&wallet, &chain), Synced::default(), "nothing more to do");
    }

    #[test]
    fn a_coin_spent_in_a_reorged_out_block_is_spendable_again() {
        // Two copies of one seed: `a` spends, `b` (a restored copy) only watches.
        let (da, db) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
        let (a, b) = (open(&da, 22), open(&db, 22));
        let payer = TestWallet::from_seed(22);
        let mut chain = funded_chain(&payer);
        let ours = a.new_address().expect("address").0.script_pubkey();
        chain.submit(payer.pay_to(&chain, ours, Amount::from_sat(3_000_000), Amount::from_sat(1_000)).expect("pays")).expect("submit");
        chain.mine(1, &miner()).expect("mine");
        sync(&a, &chain);
        sync(&b, &chain);
        let coin = a.coins().expect("coins")[0].clone();
        assert_eq!(b.coins().expect("coins"), vec![coin.clone()], "the restored copy finds it too");

        let to = ScriptBuf::new_p2wsh(&bitcoin::WScriptHash::from_raw_hash(bitcoin::hashes::Hash::from_byte_array([4; 32])));
        let spend = a.fund(&to, 1_000_000, 2, chain.height()).expect("funds");
        chain.submit(spend.tx.clone()).expect("submit");
        chain.mine(1, &miner()).expect("mine");
        sync(&a, &chain);
        sync(&b, &chain);
        let change = 3_000_000 - 1_000_000 - spend.fee_sat;
        for w in [&a, &b] {
            let bal = w.balance(chain.height()).expect("balance");
            assert_eq!((bal.confirmed_sat, bal.locked_sat), (change, 0), "the coin is spent, the change confirmed");
        }

        // The spend's block is replaced by one without it.
        chain.reorg(1, branch(1)).expect("reorg");
        sync(&b, &chain);
        let tip = chain.height();
        assert_eq!(b.coins().expect("coins"), vec![coin.clone()], "the coin is back, the change gone");
        assert!(b.coins().expect("coins")[0].spendable(tip));
        assert_eq!(b.balance(tip).expect("balance").confirmed_sat, 3_000_000);
        // It really is spendable: b's own spend of it is valid on the new chain.
        let again = b.fund(&to, 2_000_000, 2, tip).expect("spendable again");
        assert_eq!(again.inputs[0].outpoint, coin.outpoint);

        // The wallet that made the spend sees its transaction unconfirmed again (it is back in
        // the mempool): the coin stays locked by it and the change is unconfirmed, until the
        // transaction confirms again or is released.
        sync(&a, &chain);
        let bal = a.balance(tip).expect("balance");
        assert_eq!((bal.confirmed_sat, bal.locked_sat, bal.unconfirmed_sat), (0, 3_000_000, change));
        a.release(spend.tx.compute_txid()).expect("release");
        assert!(a.coins().expect("coins").iter().all(|c| c.spendable(tip)));
        assert_eq!(a.balance(tip).expect("balance").confirmed_sat, 3_000_000);

        // b's spend confirms on the new chain (its block drops a's conflicting one from the mempool).
        chain.mine_block(BlockSpec::new(miner()).without_mempool().with_tx(again.tx.clone())).expect("the chain takes b's spend");
        sync(&a, &chain);
        assert_eq!(a.balance(chain.height()).expect("balance").confirmed_sat, 3_000_000 - 2_000_000 - again.fee_sat, "a sees b's change (same seed)");
    }

    #[test]
    fn a_lock_taken_on_a_coin_survives_the_reorg_of_the_block_that_created_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let wallet = open(&dir, 23);
        let payer = TestWallet::from_seed(23);
        let mut chain = funded_chain(&payer);
        let ours = wallet.new_address().expect("address").0.script_pubkey();
        let pay = payer.pay_to(&chain, ours, Amount::from_sat(3_000_000), Amount::from_sat(1_000)).expect("pays");
        chain.submit(pay.clone()).expect("submit");
        chain.mine(1, &miner()).expect("mine");
        sync(&wallet, &chain);
        let to = ScriptBuf::new_p2wsh(&bitcoin::WScriptHash::from_raw_hash(bitcoin::hashes::Hash::from_byte_array([5; 32])));
        let spend = wallet.fund(&to, 1_000_000, 2, chain.height()).expect("funds");
        // The payment's block goes away before the spend confirms.
        chain.reorg(1, branch(1)).expect("reorg");
        sync(&wallet, &chain);
        let coin = wallet.coins().expect("coins").into_iter().find(|c| c.outpoint.txid == pay.compute_txid()).expect("kept");
        assert_eq!((coin.height, coin.locked_by), (None, Some(spend.tx.compute_txid())), "unconfirmed again, still locked: never offered twice");
        assert_eq!(wallet.balance(chain.height()).expect("balance").locked_sat, 3_000_000);
        assert!(matches!(wallet.fund(&to, 1_000_000, 2, chain.height()), Err(WalletError::InsufficientFunds { .. })));
        // The payment confirms again: found again, still locked.
        chain.mine(1, &miner()).expect("mine");
        sync(&wallet, &chain);
        let coin = wallet.coins().expect("coins").into_iter().find(|c| c.outpoint.txid == pay.compute_txid()).expect("found");
        assert_eq!((coin.height, coin.locked_by), (Some(chain.height()), Some(spend.tx.compute_txid())));
        // Then the spend: the coin is spent and the change confirmed.
        chain.submit(spend.tx.clone()).expect("submit");
        chain.mine(1, &miner()).expect("mine");
        sync(&wallet, &chain);
        let b = wallet.balance(chain.height()).expect("balance");
        assert_eq!((b.confirmed_sat, b.locked_sat, b.unconfirmed_sat), (3_000_000 - 1_000_000 - spend.fee_sat, 0, 0));
    }

    #[test]
    fn a_restart_after_a_reorg_sees_the_right_balance() {
        let dir = tempfile::tempdir().expect("tempdir");
        let payer = TestWallet::from_seed(24);
        let mut chain = funded_chain(&payer);
        {
            let wallet = open(&dir, 24);
            let ours = wallet.new_address().expect("address").0.script_pubkey();
            chain.submit(payer.pay_to(&chain, ours.clone(), Amount::from_sat(1_000_000), Amount::from_sat(1_000)).expect("pays")).expect("submit");
            chain.mine(1, &miner()).expect("mine");
            let lost = payer.pay_to(&chain, ours, Amount::from_sat(2_000_000), Amount::from_sat(1_000)).expect("pays");
            chain.submit(lost).expect("submit");
            chain.mine(2, &miner()).expect("mine");
            sync(&wallet, &chain);
            assert_eq!(wallet.balance(chain.height()).expect("balance").confirmed_sat, 3_000_000);
        }
        // While the node is down, the last two blocks (with the 2_000_000 payment) are replaced, without it.
        let gone = chain.height() - 1;
        chain.reorg(2, branch(3)).expect("reorg");
        {
            let wallet = open(&dir, 24);
            assert_eq!(sync(&wallet, &chain), Synced { disconnected: 2, scanned: 3 });
            assert_eq!(wallet.balance(chain.height()).expect("balance").confirmed_sat, 1_000_000);
            // Interrupted after undoing a block: a block disconnected, and no more.
            wallet.coins.disconnect(chain.height()).expect("disconnect");
            assert_eq!(wallet.scanned_height().expect("height"), Some(chain.height() - 1));
        }
        let wallet = open(&dir, 24);
        assert_eq!(sync(&wallet, &chain), Synced { disconnected: 0, scanned: 1 }, "the restart rescans the block");
        assert_eq!(wallet.balance(chain.height()).expect("balance").confirmed_sat, 1_000_000);
        assert!(wallet.coins().expect("coins").iter().all(|c| c.height.is_some_and(|h| h < gone)));
    }

    /// A chain of another genesis block.
    struct OtherChain;

    impl BlockSource for OtherChain {
        type Error = Infallible;

        fn hash_at(&self, _: u32) -> Result<Option<BlockHash>, Infallible> {
            Ok(Some(bitcoin::hashes::Hash::all_zeros()))
        }

        fn block_at(&self, _: u32) -> Result<Option<Block>, Infallible> {
            Ok(None)
        }
    }

    #[test]
    fn a_reorg_below_the_recorded_blocks_is_refused_and_unrecorded_blocks_are_checked_through_their_child() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = sled::open(dir.path()).expect("sled");
        let keys = NodeKeys::derive(&Seed::from_bytes([25; 32]), Network::Regtest).expect("keys");
        let wallet = Wallet::open(keys, &db).expect("wallet");
        let mut chain = EmbeddedChain::new();
        chain.mine(10, &miner()).expect("mine");
        sync(&wallet, &chain);
        // As a wallet that scanned up to 6 before block records existed.
        let records = db.open_tree(super::super::coins::BLOCKS_TREE).expect("tree");
        for h in 0..=6u32 {
            records.remove(h.to_be_bytes()).expect("remove");
        }
        // Blocks 8..10 replaced: block 7's record still matches.
        chain.reorg(3, branch(3)).expect("reorg");
        assert_eq!(sync(&wallet, &chain), Synced { disconnected: 3, scanned: 3 });
        // Blocks 7..10 replaced: block 7's record names block 6 as its parent, which is still there.
        chain.reorg(4, branch(4)).expect("reorg");
        assert_eq!(sync(&wallet, &chain), Synced { disconnected: 4, scanned: 4 });
        // Blocks 6..10 replaced: the wallet cannot undo block 6.
        chain.reorg(5, branch(5)).expect("reorg");
        assert!(matches!(wallet.sync(&chain, chain.height(), 0), Err(WalletError::ReorgBeyondHistory { height: 6 })));
        assert_eq!(wallet.scanned_height().expect("height"), Some(10), "nothing was undone");
        // Another chain altogether, for a wallet with every record.
        let fresh = tempfile::tempdir().expect("tempdir");
        let w = open(&fresh, 26);
        sync(&w, &chain);
        assert!(matches!(w.sync(&OtherChain, 0, 0), Err(WalletError::OtherChain)));
        assert_eq!(w.scanned_height().expect("height"), Some(10));
    }
}
