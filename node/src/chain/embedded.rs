//! The embedded chain (`lnp-chain`) as the daemon runs it: in process, its
//! blocks kept in the node's sled store so a restarted `lnpd` finds the
//! chain it left.
//!
//! Every block mined is stored (height → consensus bytes) before `mine`
//! returns. Opening replays the stored blocks through the chain's own
//! validation (`EmbeddedChain` is deterministic: the same block specs give
//! the same hashes) and refuses a store whose replay gives other hashes.
//! What this is not: a mempool store (unconfirmed transactions are lost on
//! restart, as with a node restarted without `mempool.dat`) nor a reorg
//! history (the daemon only ever extends the chain).
use bitcoin::consensus::{deserialize, serialize};
use bitcoin::{Block, BlockHash, Script};
use lnp_chain::{BlockSpec, ChainError, EmbeddedChain};
use thiserror::Error;

/// The sled tree holding the blocks.
pub const BLOCKS_TREE: &str = "embedded-chain/blocks";

/// Why the embedded chain could not be opened or extended.
#[derive(Debug, Error)]
pub enum EmbeddedError {
    #[error("the store failed while {during}: {source}")]
    Store {
        during: &'static str,
        #[source]
        source: sled::Error,
    },
    #[error("stored block {height} cannot be decoded: {source}")]
    Decode {
        height: u32,
        #[source]
        source: bitcoin::consensus::encode::Error,
    },
    #[error("stored block {height} is not at the height its key says (expected {expected})")]
    Gap { height: u32, expected: u32 },
    #[error("stored block {height} has no coinbase output")]
    NoCoinbase { height: u32 },
    #[error("stored block {height} does not replay: {source}")]
    Replay {
        height: u32,
        #[source]
        source: Box<ChainError>,
    },
    #[error("stored block {height} replays to {got}, not the stored {stored}")]
    Diverged { height: u32, stored: BlockHash, got: BlockHash },
    #[error("reading the chain failed: {0}")]
    Read(#[source] Box<lnp_chain::RejectReason>),
    #[error("mining failed: {0}")]
    Mine(#[source] Box<ChainError>),
}

/// The embedded chain with its blocks persisted.
pub struct PersistentChain {
    chain: EmbeddedChain,
    blocks: sled::Tree,
}

impl PersistentChain {
    /// Opens the chain stored in `db` (a fresh regtest chain when empty).
    pub fn open(db: &sled::Db) -> Result<PersistentChain, EmbeddedError> {
        let blocks = db.open_tree(BLOCKS_TREE).map_err(|source| EmbeddedError::Store { during: "opening", source })?;
        let mut chain = EmbeddedChain::new();
        for entry in blocks.iter() {
            let (key, value) = entry.map_err(|source| EmbeddedError::Store { during: "reading blocks", source })?;
            let expected = chain.height() + 1;
            let height = <[u8; 4]>::try_from(key.as_ref()).map(u32::from_be_bytes).unwrap_or(u32::MAX);
            if height != expected {
                return Err(EmbeddedError::Gap { height, expected });
            }
            let block: Block = deserialize(&value).map_err(|source| EmbeddedError::Decode { height, source })?;
            let reward_script = block
                .txdata
                .first()
                .and_then(|cb| cb.output.first())
                .map(|out| out.script_pubkey.clone())
                .ok_or(EmbeddedError::NoCoinbase { height })?;
            let mut spec = BlockSpec::new(reward_script).without_mempool().at_time(block.header.time);
            for tx in block.txdata.iter().skip(1) {
                spec = spec.with_tx(tx.clone());
            }
            let got = chain.mine_block(spec).map_err(|source| EmbeddedError::Replay { height, source: Box::new(source) })?;
            if got != block.block_hash() {
                return Err(EmbeddedError::Diverged { height, stored: block.block_hash(), got });
            }
        }
        Ok(PersistentChain { chain, blocks })
    }

    /// The chain, to read.
    pub fn chain(&self) -> &EmbeddedChain {
        &self.chain
    }

    /// Forgets the mempool (see [`EmbeddedChain::clear_mempool`]): what a
    /// restart of this chain does anyway, since only blocks are stored.
    pub fn clear_mempool(&mut self) -> Vec<bitcoin::Txid> {
        self.chain.clear_mempool()
    }

    /// Hands `tx` to the mempool.
    pub fn submit(&mut self, tx: bitcoin::Transaction) -> Result<bitcoin::Txid, lnp_chain::RejectReason> {
        self.chain.submit(tx)
    }

    /// Mines `n` blocks paying `reward_script` (each takes the mempool),
    /// storing each before the next; returns their hashes.
    pub fn mine(&mut self, n: u32, reward_script: &Script) -> Result<Vec<BlockHash>, EmbeddedError> {
        let mut hashes = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let hash = self.chain.mine_block(BlockSpec::new(reward_script.to_owned())).map_err(|e| EmbeddedError::Mine(Box::new(e)))?;
            let height = self.chain.height();
            if let Some(block) = self.chain.block_at(height) {
                self.blocks
                    .insert(height.to_be_bytes(), serialize(block))
                    .map_err(|source| EmbeddedError::Store { during: "storing a block", source })?;
            }
            hashes.push(hash);
        }
        self.blocks.flush().map_err(|source| EmbeddedError::Store { during: "flushing blocks", source })?;
        Ok(hashes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bitcoin::ScriptBuf;

    fn script(byte: u8) -> ScriptBuf {
        ScriptBuf::new_p2wpkh(&bitcoin::WPubkeyHash::from_raw_hash(bitcoin::hashes::Hash::from_byte_array([byte; 20])))
    }

    #[test]
    fn mined_blocks_survive_a_reopen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let tip = {
            let db = sled::open(dir.path()).expect("sled");
            let mut chain = PersistentChain::open(&db).expect("fresh");
            assert_eq!(chain.chain().height(), 0);
            chain.mine(3, &script(1)).expect("mine");
            chain.mine(2, &script(2)).expect("mine");
            chain.chain().tip()
        };
        let db = sled::open(dir.path()).expect("sled");
        let chain = PersistentChain::open(&db).expect("replayed");
        assert_eq!(chain.chain().tip(), tip);
        assert_eq!(chain.chain().utxos_for_script(&script(2)).len(), 2);
    }

    #[test]
    fn a_tampered_store_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = sled::open(dir.path()).expect("sled");
        PersistentChain::open(&db).expect("fresh").mine(2, &script(1)).expect("mine");
        let tree = db.open_tree(BLOCKS_TREE).expect("tree");
        tree.remove(1u32.to_be_bytes()).expect("remove");
        assert!(matches!(PersistentChain::open(&db), Err(EmbeddedError::Gap { height: 2, expected: 1 })));
        tree.insert(1u32.to_be_bytes(), vec![1, 2, 3]).expect("insert");
        assert!(matches!(PersistentChain::open(&db), Err(EmbeddedError::Decode { height: 1, .. })));
    }
}
