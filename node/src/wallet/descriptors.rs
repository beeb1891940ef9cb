//! The wallet's two output descriptors (miniscript), built from the node
//! seed's BIP 84 account key with its origin:
//!
//! - receive: `wpkh([fingerprint/84'/coin'/0']xpub/0/*)`;
//! - change: `wpkh([fingerprint/84'/coin'/0']xpub/1/*)`.
//!
//! Addresses, the scripts the wallet scans for and the key origins of PSBT
//! inputs and outputs all come from these (`at_derivation_index`). The
//! receive branch derives exactly the keys [`crate::keys`] always derived
//! (`m/84'/coin'/0'/0/i`), so a wallet made before descriptors keeps its
//! addresses and coins. The public descriptors, with checksums, can be
//! imported in bitcoind as watch-only (`importdescriptors`).
//!
//! What this is not: a signer (no secret is in a descriptor; signing is
//! [`super::psbt`]'s, with the node's keys) nor storage.
use std::fmt;

use bitcoin::bip32::{ChildNumber, DerivationPath};
use bitcoin::{Address, Network, ScriptBuf};
use miniscript::descriptor::{DefiniteDescriptorKey, DescriptorPublicKey, DescriptorXKey, Wildcard};
use miniscript::Descriptor;

use super::WalletError;
use crate::keys::NodeKeys;

/// Which branch of the account: receive addresses or change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Branch {
    /// `/0/*`: addresses handed out.
    Receive,
    /// `/1/*`: the change of the wallet's own transactions.
    Change,
}

impl Branch {
    fn number(self) -> u32 {
        match self {
            Branch::Receive => 0,
            Branch::Change => 1,
        }
    }
}

impl fmt::Display for Branch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Branch::Receive => "receive",
            Branch::Change => "change",
        })
    }
}

/// The receive and change descriptors of one node's wallet.
#[derive(Debug, Clone)]
pub struct Descriptors {
    receive: Descriptor<DescriptorPublicKey>,
    change: Descriptor<DescriptorPublicKey>,
    network: Network,
}

impl Descriptors {
    /// The descriptors of `keys`' wallet account.
    pub fn new(keys: &NodeKeys) -> Result<Descriptors, WalletError> {
        let branch = |b: Branch| {
            let key = DescriptorPublicKey::XPub(DescriptorXKey {
                origin: Some((keys.master_fingerprint(), keys.wallet_account_path().clone())),
                xkey: keys.wallet_account_xpub(),
                derivation_path: DerivationPath::from(vec![ChildNumber::Normal { index: b.number() }]),
                wildcard: Wildcard::Unhardened,
            });
            Descriptor::new_wpkh(key).map_err(|source| WalletError::Descriptor { branch: b, source })
        };
        Ok(Descriptors { receive: branch(Branch::Receive)?, change: branch(Branch::Change)?, network: keys.network() })
    }

    /// The descriptor of `branch`.
    pub fn of(&self, branch: Branch) -> &Descriptor<DescriptorPublicKey> {
        match branch {
            Branch::Receive => &self.receive,
            Branch::Change => &self.change,
        }
    }

    /// The public descriptors, receive then change, each with its checksum.
    pub fn strings(&self) -> [String; 2] {
        [self.receive.to_string(), self.change.to_string()]
    }

    /// `branch`'s descriptor at `index` (no wildcard left).
    pub fn at(&self, branch: Branch, index: u32) -> Result<Descriptor<DefiniteDescriptorKey>, WalletError> {
        self.of(branch).at_derivation_index(index).map_err(|source| WalletError::DescriptorIndex { branch, index, source })
    }

    /// The address of `branch` at `index`.
    pub fn address(&self, branch: Branch, index: u32) -> Result<Address, WalletError> {
        self.at(branch, index)?.address(self.network).map_err(|source| WalletError::Descriptor { branch, source })
    }

    /// The script of `branch` at `index`.
    pub fn script(&self, branch: Branch, index: u32) -> Result<ScriptBuf, WalletError> {
        Ok(self.at(branch, index)?.script_pubkey())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::Seed;
    use std::str::FromStr;

    #[test]
    fn receive_addresses_equal_the_bip84_derivation_and_descriptors_round_trip() {
        for network in [Network::Regtest, Network::Bitcoin] {
            let keys = NodeKeys::derive(&Seed::from_bytes([9; 32]), network).expect("keys");
            let d = Descriptors::new(&keys).expect("descriptors");
            for i in 0..25 {
                assert_eq!(d.address(Branch::Receive, i).expect("address"), keys.receive_address(i).expect("address"), "index {i} on {network}");
                assert_ne!(d.script(Branch::Change, i).expect("script"), d.script(Branch::Receive, i).expect("script"));
            }
            let [receive, change] = d.strings();
            let coin = if network == Network::Bitcoin { 0 } else { 1 };
            let origin = format!("wpkh([{}/84'/{coin}'/0']{}", keys.master_fingerprint(), keys.wallet_account_xpub());
            assert!(receive.starts_with(&format!("{origin}/0/*)#")), "{receive}");
            assert!(change.starts_with(&format!("{origin}/1/*)#")), "{change}");
            for (text, branch) in [(&receive, Branch::Receive), (&change, Branch::Change)] {
                let parsed = Descriptor::<DescriptorPublicKey>::from_str(text).expect("parses with its checksum");
                assert_eq!(&parsed, d.of(branch));
                assert_eq!(&parsed.to_string(), text);
                assert_eq!(parsed.at_derivation_index(3).expect("definite").address(network).expect("address"), d.address(branch, 3).expect("address"));
            }
            let mut bad = receive.clone();
            bad.pop();
            bad.push('x');
            assert!(Descriptor::<DescriptorPublicKey>::from_str(&bad).is_err(), "a wrong checksum is refused");
        }
    }

    #[test]
    fn bip84_vectors_through_the_descriptor() {
        // BIP 84's "abandon … about" mnemonic: account 0's first receive and change addresses.
        let seed = hex::decode("5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4").expect("hex");
        let keys = NodeKeys::from_seed_bytes(&seed, Network::Bitcoin).expect("keys");
        let d = Descriptors::new(&keys).expect("descriptors");
        assert_eq!(d.address(Branch::Receive, 0).expect("address").to_string(), "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu");
        assert_eq!(d.address(Branch::Change, 0).expect("address").to_string(), "bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el");
        assert!(d.strings()[0].starts_with("wpkh([73c5da0a/84'/0'/0']xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V/0/*)#"));
    }
}
