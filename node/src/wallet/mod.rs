//! The on-chain wallet's receive addresses: P2WPKH from the BIP 84 keys of
//! [`crate::keys`], handed out at increasing indices; the next index is kept
//! in the node's sled store, so an address is never handed out twice, even
//! across restarts.
//!
//! What this is not (yet): balances, coin selection or spending — nothing
//! here scans the chain or signs a transaction.
use bitcoin::Address;
use thiserror::Error;

use crate::keys::{KeyError, NodeKeys};

/// The sled tree of the wallet's counters.
pub const WALLET_TREE: &str = "wallet";
const NEXT_RECEIVE_INDEX: &[u8] = b"next-receive-index";

/// Why no address could be handed out.
#[derive(Debug, Error)]
pub enum WalletError {
    #[error("the store failed while {during}: {source}")]
    Store {
        during: &'static str,
        #[source]
        source: sled::Error,
    },
    #[error("the stored receive index is corrupt ({len} bytes, expected 4)")]
    CorruptIndex { len: usize },
    #[error(transparent)]
    Key(#[from] KeyError),
}

/// Receive addresses over the node's keys and store.
pub struct Wallet {
    keys: NodeKeys,
    tree: sled::Tree,
}

impl Wallet {
    pub fn open(keys: NodeKeys, db: &sled::Db) -> Result<Wallet, WalletError> {
        let tree = db.open_tree(WALLET_TREE).map_err(|source| WalletError::Store { during: "opening", source })?;
        Ok(Wallet { keys, tree })
    }

    /// The next unused receive address and its index (persisted before it
    /// is returned).
    pub fn new_address(&self) -> Result<(Address, u32), WalletError> {
        let mut corrupt = None;
        let updated = self
            .tree
            .update_and_fetch(NEXT_RECEIVE_INDEX, |old| {
                let next = match old {
                    None => 1u32,
                    Some(bytes) => match <[u8; 4]>::try_from(bytes) {
                        Ok(b) => u32::from_be_bytes(b).saturating_add(1),
                        Err(_) => {
                            corrupt = Some(bytes.len());
                            return Some(bytes.to_vec());
                        }
                    },
                };
                Some(next.to_be_bytes().to_vec())
            })
            .map_err(|source| WalletError::Store { during: "advancing the receive index", source })?;
        if let Some(len) = corrupt {
            return Err(WalletError::CorruptIndex { len });
        }
        let next = updated
            .as_deref()
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(u32::from_be_bytes)
            .ok_or(WalletError::CorruptIndex { len: updated.as_ref().map_or(0, |b| b.len()) })?;
        self.tree.flush().map_err(|source| WalletError::Store { during: "flushing", source })?;
        let index = next - 1;
        Ok((self.keys.receive_address(index)?, index))
    }

    /// The address at `index` (whether handed out or not).
    pub fn address_at(&self, index: u32) -> Result<Address, WalletError> {
        Ok(self.keys.receive_address(index)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::Seed;
    use bitcoin::Network;

    #[test]
    fn addresses_advance_and_the_index_survives_a_reopen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = NodeKeys::derive(&Seed::from_bytes([5; 32]), Network::Regtest).expect("keys");
        {
            let db = sled::open(dir.path()).expect("sled");
            let wallet = Wallet::open(keys.clone(), &db).expect("wallet");
            let (a0, i0) = wallet.new_address().expect("address");
            let (a1, i1) = wallet.new_address().expect("address");
            assert_eq!((i0, i1), (0, 1));
            assert_ne!(a0, a1);
            assert_eq!(a0, keys.receive_address(0).expect("address"));
        }
        let db = sled::open(dir.path()).expect("sled");
        let wallet = Wallet::open(keys.clone(), &db).expect("wallet");
        let (a2, i2) = wallet.new_address().expect("address");
        assert_eq!(i2, 2);
        assert_eq!(a2, wallet.address_at(2).expect("address"));
        assert!(a2.to_string().starts_with("bcrt1q"));
    }

    #[test]
    fn a_corrupt_index_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = NodeKeys::derive(&Seed::from_bytes([5; 32]), Network::Regtest).expect("keys");
        let db = sled::open(dir.path()).expect("sled");
        db.open_tree(WALLET_TREE).expect("tree").insert(NEXT_RECEIVE_INDEX, vec![1, 2]).expect("insert");
        let wallet = Wallet::open(keys, &db).expect("wallet");
        assert!(matches!(wallet.new_address(), Err(WalletError::CorruptIndex { len: 2 })));
    }
}
