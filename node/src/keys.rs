//! The node's keys, derived from its [`Seed`] with BIP32 at fixed paths
//! (`coin` is 0 on bitcoin, 1 on every test network):
//!
//! - the node key (BOLT 8 static key, invoice signatures, the node id):
//!   `m/1017'/coin'/6'/0/0` — lnd's layout (purpose 1017, key family 6);
//! - the on-chain wallet's receive keys: BIP 84, `m/84'/coin'/0'/0/i`,
//!   spent as P2WPKH;
//! - channel `n`'s keys: `m/1017'/coin'/100'/n'/k'`, `k` = 0 funding,
//!   1 revocation, 2 payment, 3 delayed_payment and 4 htlc basepoint
//!   secrets, 5 the BOLT 3 per-commitment seed, 6 the seed of the channel
//!   signer's random stream (see [`ChannelSecrets`]).
//!
//! The wallet's account key is also published as an xpub with its origin
//! (the master key's fingerprint and the account path), which the wallet's
//! descriptors are built from, and [`NodeKeys::key_at`] answers a PSBT
//! signer's BIP 32 request for the few paths the wallet spends from.
//!
//! What this is not: a wallet (no UTXOs, no signing of transactions) nor
//! storage (which index comes next is the daemon's, in its store). Secret
//! keys never appear in `Debug` output.
use std::fmt;
use std::str::FromStr;

use bitcoin::bip32::{ChildNumber, DerivationPath, Fingerprint, Xpriv, Xpub};
use bitcoin::secp256k1::{All, PublicKey, Secp256k1, SecretKey};
use bitcoin::{Address, CompressedPublicKey, Network, NetworkKind};
use thiserror::Error;

use crate::seed::Seed;

/// Why a key could not be derived.
#[derive(Debug, Error)]
pub enum KeyError {
    #[error("BIP32 derivation of {path} failed: {source}")]
    Derivation {
        path: String,
        #[source]
        source: bitcoin::bip32::Error,
    },
    #[error("wallet index {0} is past the last non-hardened index (2^31 - 1)")]
    IndexTooLarge(u32),
}

/// The node key's path on `network`.
pub fn node_key_path(network: Network) -> String {
    format!("m/1017'/{}'/6'/0/0", coin(network))
}

/// The wallet account's path on `network` (receive keys are `/0/i` below).
pub fn wallet_account_path(network: Network) -> String {
    format!("m/84'/{}'/0'", coin(network))
}

fn coin(network: Network) -> u32 {
    match network {
        Network::Bitcoin => 0,
        _ => 1,
    }
}

/// The channel account's path on `network` (channel `n`'s keys are `/n'/k'` below).
pub fn channel_account_path(network: Network) -> String {
    format!("m/1017'/{}'/100'", coin(network))
}

/// The node key, the wallet account key and the channel account key.
#[derive(Clone)]
pub struct NodeKeys {
    network: Network,
    node_secret: SecretKey,
    /// The master key's fingerprint: the origin of the wallet's descriptors.
    master_fingerprint: Fingerprint,
    wallet_account: Xpriv,
    wallet_path: DerivationPath,
    channel_account: Xpriv,
    channel_path: DerivationPath,
    secp: Secp256k1<All>,
    /// The node key's public key, computed once (a point multiplication).
    node_id: PublicKey,
}

/// The secrets of one channel (its index `n` in the node): the five
/// basepoint secrets, the per-commitment seed and the random seed.
pub struct ChannelSecrets {
    pub funding: SecretKey,
    pub revocation: SecretKey,
    pub payment: SecretKey,
    pub delayed_payment: SecretKey,
    pub htlc: SecretKey,
    pub commitment_seed: [u8; 32],
    pub random_seed: [u8; 32],
}

impl fmt::Debug for ChannelSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ChannelSecrets(..)")
    }
}

impl fmt::Debug for NodeKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NodeKeys").field("node_id", &format_args!("{}", self.node_id())).field("network", &self.network).finish()
    }
}

impl NodeKeys {
    /// Derives the keys from the seed.
    pub fn derive(seed: &Seed, network: Network) -> Result<NodeKeys, KeyError> {
        NodeKeys::from_seed_bytes(seed.as_bytes(), network)
    }

    /// As [`NodeKeys::derive`], from seed bytes of any BIP32 length (16 to
    /// 64 bytes; tests use BIP 39 seeds to check the paths).
    pub fn from_seed_bytes(seed: &[u8], network: Network) -> Result<NodeKeys, KeyError> {
        let secp = Secp256k1::new();
        let master = Xpriv::new_master(NetworkKind::from(network), seed)
            .map_err(|source| KeyError::Derivation { path: "m".into(), source })?;
        let parse = |path: String| DerivationPath::from_str(&path).map_err(|source| KeyError::Derivation { path, source });
        let derive = |path: &DerivationPath| -> Result<Xpriv, KeyError> {
            master.derive_priv(&secp, path).map_err(|source| KeyError::Derivation { path: format!("m/{path}"), source })
        };
        let node_secret = derive(&parse(node_key_path(network))?)?.private_key;
        let wallet_path = parse(wallet_account_path(network))?;
        let wallet_account = derive(&wallet_path)?;
        let channel_path = parse(channel_account_path(network))?;
        let channel_account = derive(&channel_path)?;
        let master_fingerprint = master.fingerprint(&secp);
        let node_id = node_secret.public_key(&secp);
        Ok(NodeKeys { network, node_secret, master_fingerprint, wallet_account, wallet_path, channel_account, channel_path, secp, node_id })
    }

    pub fn network(&self) -> Network {
        self.network
    }

    /// The node key (keep it in this process).
    pub fn node_secret(&self) -> &SecretKey {
        &self.node_secret
    }

    /// The node id: the node key's public key.
    pub fn node_id(&self) -> PublicKey {
        self.node_id
    }

    /// The wallet's `index`th receive key (`…/0/index`).
    pub fn receive_key(&self, index: u32) -> Result<SecretKey, KeyError> {
        let child = ChildNumber::from_normal_idx(index).map_err(|_| KeyError::IndexTooLarge(index))?;
        let path = [ChildNumber::Normal { index: 0 }, child];
        self.wallet_account
            .derive_priv(&self.secp, &path)
            .map(|x| x.private_key)
            .map_err(|source| KeyError::Derivation { path: format!("{}/0/{index}", wallet_account_path(self.network)), source })
    }

    /// Channel `index`'s secrets (`…/100'/index'/k'`).
    pub fn channel_secrets(&self, index: u32) -> Result<ChannelSecrets, KeyError> {
        let channel = ChildNumber::from_hardened_idx(index).map_err(|_| KeyError::IndexTooLarge(index))?;
        let key = |k: u32| -> Result<SecretKey, KeyError> {
            let path = [channel, ChildNumber::Hardened { index: k }];
            self.channel_account.derive_priv(&self.secp, &path).map(|x| x.private_key).map_err(|source| {
                KeyError::Derivation { path: format!("{}/{index}'/{k}'", channel_account_path(self.network)), source }
            })
        };
        Ok(ChannelSecrets {
            funding: key(0)?,
            revocation: key(1)?,
            payment: key(2)?,
            delayed_payment: key(3)?,
            htlc: key(4)?,
            commitment_seed: key(5)?.secret_bytes(),
            random_seed: key(6)?.secret_bytes(),
        })
    }

    /// The master key's fingerprint (BIP 32 key origins start with it).
    pub fn master_fingerprint(&self) -> Fingerprint {
        self.master_fingerprint
    }

    /// The wallet account's path (`m/84'/coin'/0'`).
    pub fn wallet_account_path(&self) -> &DerivationPath {
        &self.wallet_path
    }

    /// The wallet account's public key, from which every receive and change
    /// key is derived (`/0/i`, `/1/i`) without the secret.
    pub fn wallet_account_xpub(&self) -> Xpub {
        Xpub::from_priv(&self.secp, &self.wallet_account)
    }

    /// The full path of channel `index`'s payment basepoint secret
    /// (`m/1017'/coin'/100'/index'/2'`), for a PSBT input's key origin.
    pub fn channel_payment_path(&self, index: u32) -> Result<DerivationPath, KeyError> {
        let channel = ChildNumber::from_hardened_idx(index).map_err(|_| KeyError::IndexTooLarge(index))?;
        Ok(self.channel_path.extend([channel, ChildNumber::Hardened { index: 2 }]))
    }

    /// The secret at `path` from the master key, for the paths the wallet
    /// spends from only: the wallet account's `/chain/index` (both
    /// unhardened) and channels' payment basepoints (`…/100'/n'/2'`).
    /// Any other path (the node key, channels' funding or revocation
    /// secrets, …) is `None`: a PSBT cannot ask for them.
    pub fn key_at(&self, path: &DerivationPath) -> Result<Option<SecretKey>, KeyError> {
        let path = path.as_ref();
        let under = |account: &DerivationPath| path.strip_prefix(account.as_ref());
        let (account, rest) = match (under(&self.wallet_path), under(&self.channel_path)) {
            (Some(rest @ [ChildNumber::Normal { .. }, ChildNumber::Normal { .. }]), _) => (&self.wallet_account, rest),
            (_, Some(rest @ [ChildNumber::Hardened { .. }, ChildNumber::Hardened { index: 2 }])) => (&self.channel_account, rest),
            _ => return Ok(None),
        };
        account
            .derive_priv(&self.secp, &rest)
            .map(|x| Some(x.private_key))
            .map_err(|source| KeyError::Derivation { path: format!("m/{}", DerivationPath::from(path.to_vec())), source })
    }

    /// The secp256k1 context.
    pub fn secp(&self) -> &Secp256k1<All> {
        &self.secp
    }

    /// The wallet's `index`th receive address (P2WPKH).
    pub fn receive_address(&self, index: u32) -> Result<Address, KeyError> {
        let key = self.receive_key(index)?;
        let public = CompressedPublicKey(key.public_key(&self.secp));
        Ok(Address::p2wpkh(&public, self.network))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// BIP 39's "abandon … about" with an empty passphrase.
    const BIP39_SEED: &str = "5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4";

    fn bip39_seed() -> Vec<u8> {
        (0..BIP39_SEED.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&BIP39_SEED[i..i + 2], 16).expect("hex"))
            .collect()
    }

    #[test]
    fn receive_addresses_follow_bip84() {
        // BIP 84's test vectors: the first two receive addresses.
        let keys = NodeKeys::from_seed_bytes(&bip39_seed(), Network::Bitcoin).expect("keys");
        assert_eq!(keys.receive_address(0).expect("address").to_string(), "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu");
        assert_eq!(keys.receive_address(1).expect("address").to_string(), "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g");
    }

    #[test]
    fn the_same_seed_gives_the_same_node_id_and_test_networks_share_keys() {
        let seed = Seed::from_bytes([3; 32]);
        let a = NodeKeys::derive(&seed, Network::Regtest).expect("keys");
        let b = NodeKeys::derive(&seed, Network::Regtest).expect("keys");
        assert_eq!(a.node_id(), b.node_id());
        let signet = NodeKeys::derive(&seed, Network::Signet).expect("keys");
        assert_eq!(a.node_id(), signet.node_id(), "coin type 1 on every test network");
        let mainnet = NodeKeys::derive(&seed, Network::Bitcoin).expect("keys");
        assert_ne!(a.node_id(), mainnet.node_id());
        let other = NodeKeys::derive(&Seed::from_bytes([4; 32]), Network::Regtest).expect("keys");
        assert_ne!(a.node_id(), other.node_id());
    }

    #[test]
    fn regtest_addresses_are_bcrt_and_indices_differ() {
        let keys = NodeKeys::derive(&Seed::from_bytes([3; 32]), Network::Regtest).expect("keys");
        let first = keys.receive_address(0).expect("address").to_string();
        assert!(first.starts_with("bcrt1q"), "{first}");
        assert_ne!(first, keys.receive_address(1).expect("address").to_string());
        assert_ne!(keys.receive_key(0).expect("key"), *keys.node_secret());
        assert!(matches!(keys.receive_key(1 << 31), Err(KeyError::IndexTooLarge(_))));
    }

    #[test]
    fn channels_get_distinct_keys_that_do_not_repeat_the_wallet_or_node_key() {
        let keys = NodeKeys::derive(&Seed::from_bytes([3; 32]), Network::Regtest).expect("keys");
        let (a, b) = (keys.channel_secrets(0).expect("keys"), keys.channel_secrets(1).expect("keys"));
        let all = [a.funding, a.revocation, a.payment, a.delayed_payment, a.htlc, b.funding, *keys.node_secret()];
        for (i, x) in all.iter().enumerate() {
            for y in &all[i + 1..] {
                assert_ne!(x, y);
            }
        }
        assert_ne!(a.commitment_seed, b.commitment_seed);
        assert_eq!(keys.channel_secrets(0).expect("keys").payment, a.payment, "deterministic");
        assert!(matches!(keys.channel_secrets(1 << 31), Err(KeyError::IndexTooLarge(_))));
    }

    #[test]
    fn key_at_answers_the_wallet_and_channel_payment_paths_only() {
        let keys = NodeKeys::derive(&Seed::from_bytes([3; 32]), Network::Regtest).expect("keys");
        let path = |p: &str| DerivationPath::from_str(p).expect("path");
        assert_eq!(keys.key_at(&path("m/84'/1'/0'/0/7")).expect("derives"), Some(keys.receive_key(7).expect("key")));
        assert_eq!(keys.key_at(&keys.channel_payment_path(4).expect("path")).expect("derives"), Some(keys.channel_secrets(4).expect("keys").payment));
        for refused in ["m/1017'/1'/6'/0/0", "m/1017'/1'/100'/4'/0'", "m/84'/1'/0'/0'/7", "m/84'/1'/0'/0", "m/84'/0'/0'/0/7", "m"] {
            assert_eq!(keys.key_at(&path(refused)).expect("no error"), None, "{refused}");
        }
    }

    #[test]
    fn debug_output_shows_no_secret() {
        let keys = NodeKeys::derive(&Seed::from_bytes([3; 32]), Network::Regtest).expect("keys");
        let shown = format!("{keys:?}");
        let secret: String = keys.node_secret().secret_bytes().iter().map(|b| format!("{b:02x}")).collect();
        assert!(!shown.contains(&secret), "{shown}");
        assert!(shown.contains(&keys.node_id().to_string()));
    }
}
