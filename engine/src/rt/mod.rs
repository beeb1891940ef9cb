//! The run-time vocabulary of generated machines: the Rust types that `.lnp`
//! types become, and the checked arithmetic the language promises.
//!
//! Generated code (`protocols/src/generated/`) names these types and nothing
//! else from the engine's internals. This module holds values and the
//! [`Context`] trait; it signs nothing and does no I/O itself.

pub mod amount;
pub mod archive;
pub mod builtins;
pub mod list;
pub mod machine;
pub mod script;
pub mod stored_effect;
pub mod txbuild;

pub use amount::{Msat, Overflow, Sat};
pub use archive::Archive;
pub use builtins::WitnessItem;
pub use machine::{
    ChainEvent, Confirmed, Context, Effect, Entropy, PropertyKind, Reject, RejectKind, SignError, Signer, SpendInfo, Spent, Tx,
};

/// `Point`: a secp256k1 public key (33 bytes compressed on the wire).
pub type Point = bitcoin::secp256k1::PublicKey;
/// `Signature`: an ECDSA signature (64 bytes compact on the wire).
pub type Signature = bitcoin::secp256k1::ecdsa::Signature;
/// `Txid` of a transaction.
pub type Txid = bitcoin::Txid;
/// `OutPoint`: a transaction output reference.
pub type OutPoint = bitcoin::OutPoint;
/// `Script`: a script (a witness script or a scriptPubKey).
pub type Script = bitcoin::ScriptBuf;
/// `Utf8`: text.
pub type Utf8 = String;

/// A 32-byte value with a meaning: `Hash256`, `ChainHash`, `ChannelId`, `Secret`.
macro_rules! bytes32 {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub [u8; 32]);

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), hex32(&self.0))
            }
        }

        impl AsRef<[u8]> for $name {
            fn as_ref(&self) -> &[u8] {
                &self.0
            }
        }
    };
}

bytes32!(
    /// `Hash256`: a SHA-256 digest (e.g. a payment hash).
    Hash256
);
bytes32!(
    /// `ChainHash`: the genesis block hash naming a chain.
    ChainHash
);
bytes32!(
    /// `ChannelId`: BOLT 2 channel id (or a temporary one).
    ChannelId
);
bytes32!(
    /// `Secret`: a 32-byte secret such as a per-commitment secret. Debug prints it, so
    /// never log a state holding one outside tests.
    Secret
);

/// `ShortChannelId`: block height, transaction index and output index packed in 8 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ShortChannelId(pub u64);

fn hex32(b: &[u8; 32]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Turns a checked-arithmetic failure into a reject of the input, naming the
/// spec line where it happened. Generated code writes `x.checked_add(y).or_reject(AT)?`.
pub trait OrReject<T> {
    fn or_reject(self, spec: &'static str) -> Result<T, Reject>;
}

impl<T> OrReject<T> for Option<T> {
    fn or_reject(self, spec: &'static str) -> Result<T, Reject> {
        self.ok_or_else(|| Reject::overflow(spec))
    }
}

impl<T> OrReject<T> for Result<T, Overflow> {
    fn or_reject(self, spec: &'static str) -> Result<T, Reject> {
        self.map_err(|_| Reject::overflow(spec))
    }
}

/// `u48(x)`: a `u64` that must fit 48 bits (commitment numbers).
pub fn u48(v: u64) -> Result<u64, Overflow> {
    if v < (1 << 48) { Ok(v) } else { Err(Overflow) }
}
