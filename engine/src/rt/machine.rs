//! What a generated machine's `step` consumes and produces: inputs, effects,
//! rejects, and the context through which it reaches keys and the chain.
//!
//! A step is a pure function of (state, input, parameters, context answers).
//! The context is the only door to the outside: signing, per-commitment
//! secrets, the chain height and fresh randomness all come through
//! [`Context`], so the host, a test or the explorer decide what they are.

use super::{OutPoint, Point, Sat, Script, Secret, Signature, Txid};

/// How a rejected input is answered (BOLT 1): `error` fails the channel,
/// `warning` tells the peer and drops the input, `ignore` drops it silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RejectKind {
    Error,
    Warning,
    Ignore,
}

/// An input the machine refused; its state is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{kind:?} at {spec}: {message}")]
pub struct Reject {
    pub kind: RejectKind,
    pub message: String,
    /// The spec location (`file:line`) of the rule that refused.
    pub spec: &'static str,
}

impl Reject {
    pub fn new(kind: RejectKind, message: impl Into<String>, spec: &'static str) -> Self {
        Reject { kind, message: message.into(), spec }
    }
    /// Checked arithmetic failed while evaluating the rule at `spec`.
    pub fn overflow(spec: &'static str) -> Self {
        Reject::new(RejectKind::Error, "arithmetic overflow", spec)
    }
    /// No transition of the spec accepts this input in this state.
    pub fn unexpected(input: &str, state: &str) -> Self {
        Reject::new(RejectKind::Warning, format!("unexpected {input} in state {state}"), "<dispatch>")
    }
}

/// What a `confirm(txid, depth)` watch reports.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Confirmed {
    pub txid: Txid,
    pub height: u32,
}

/// What a `spend(outpoint)` watch reports: the spending transaction, and
/// which watched outpoint it spends (one transaction may answer several
/// watches of the same name).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spent {
    pub tx: Tx,
    pub height: u32,
    pub outpoint: bitcoin::OutPoint,
}

/// The kinds of property a spec declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PropertyKind {
    /// Holds in every reachable state.
    Invariant,
    /// Holds in at least one reachable state (the model is not vacuous).
    Sometimes,
    /// Holds, on every path, before the exploration bound ends.
    Eventually,
}

/// A chain event reported for a named watch.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ChainEvent {
    /// `watch confirm(txid, depth) as NAME` reached its depth.
    Confirmed(&'static str, Confirmed),
    /// `watch spend(outpoint) as NAME` saw the outpoint spent.
    Spent(&'static str, Spent),
}

impl ChainEvent {
    pub fn name(&self) -> &'static str {
        match self {
            ChainEvent::Confirmed(name, _) | ChainEvent::Spent(name, _) => name,
        }
    }
}

/// Something the host must do after the step's new state is stored.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Effect<M, E> {
    Send(M),
    Broadcast(bitcoin::Transaction),
    WatchConfirm { name: &'static str, txid: Txid, depth: u32 },
    WatchSpend { name: &'static str, outpoint: OutPoint },
    Emit(E),
    StartTimer { name: &'static str, after_secs: u32 },
    StopTimer { name: &'static str },
}

/// How one input of a template transaction is signed: the script code, the
/// value spent and the sighash flag, as BIP 143 needs them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SpendInfo {
    pub script: Script,
    pub amount: Sat,
    pub sighash: bitcoin::EcdsaSighashType,
}

/// A transaction built from a template, with what signing its inputs needs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tx {
    pub tx: bitcoin::Transaction,
    pub spends: Vec<SpendInfo>,
}

/// Why the context could not sign.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("no secret key for {0}")]
    UnknownKey(Point),
    #[error("input {0} does not exist or has no spend information")]
    NoSuchInput(u32),
}

/// Keys: signatures and BOLT 3 per-commitment secrets. The node's signer
/// (in memory, hardware, remote) holds the secrets; machines name public keys.
///
/// Wrappers forward every method, defaults included (the driver's
/// `StoreContext`, the benches' counting context): a method added here must
/// be forwarded there too, or a wrapped signer silently loses its override.
pub trait Signer {
    /// Signs input `input` of `tx` with the secret key of `key`.
    fn sign(&mut self, tx: &Tx, input: u32, key: &Point) -> Result<Signature, SignError>;
    /// Signs input `input` of `tx` with the BOLT 3 key derived from the
    /// secret of `basepoint` and `per_commitment_point`
    /// (`basepoint_secret + SHA256(per_commitment_point || basepoint)`).
    fn sign_derived(&mut self, tx: &Tx, input: u32, basepoint: &Point, per_commitment_point: &Point) -> Result<Signature, SignError>;
    /// Signs input `input` of `tx` with the BOLT 3 revocation key of a
    /// commitment whose per-commitment secret the peer revealed, from the
    /// secret of our `revocation_basepoint`.
    fn sign_revocation(&mut self, tx: &Tx, input: u32, revocation_basepoint: &Point, per_commitment_secret: &Secret) -> Result<Signature, SignError>;
    /// This party's per-commitment point at `index`.
    fn per_commitment_point(&mut self, index: u64) -> Point;
    /// The BOLT 3 revocation pubkey of `revocation_basepoint` and
    /// `per_commitment_point`: always [`crate::keys::derive_revocation_pubkey`]'s
    /// value, which this default computes from the two public points. A
    /// signer holding the secret of either point (its own revocation
    /// basepoint, its own per-commitment points) may get there faster with
    /// [`crate::keys::derive_revocation_pubkey_knowing`].
    fn revocation_pubkey(&mut self, revocation_basepoint: &Point, per_commitment_point: &Point) -> Result<Point, crate::keys::KeyError> {
        crate::keys::derive_revocation_pubkey(revocation_basepoint, per_commitment_point)
    }
    /// This party's per-commitment secret at `index`.
    fn per_commitment_secret(&mut self, index: u64) -> Secret;
}

/// Fresh randomness (temporary channel ids, nonces).
pub trait Entropy {
    /// 32 fresh random bytes.
    fn random32(&mut self) -> [u8; 32];
}

/// The machine's door to keys, the chain and randomness: a [`Signer`], an
/// [`Entropy`] source and the chain height the host last saw. (The chain's
/// events arrive as inputs; the host meets the chain through
/// [`crate::chain_view::ChainView`]. Time reaches machines only as timer
/// inputs, driven by the host's [`crate::timers::Clock`].)
pub trait Context: Signer + Entropy {
    /// The current chain height.
    fn chain_height(&self) -> u32;

    /// The value the machine's archive `archive` holds under `key` (the
    /// encoded key of an `archive<K, V>` field), as moved to the store by
    /// [`crate::driver::Driver`]. Only a driver moves entries out of a
    /// machine's state, and it steps machines with a context that answers
    /// from the store; everywhere else nothing was ever stored, which is
    /// this default's answer.
    fn archived(&mut self, archive: &'static str, key: &[u8]) -> Result<Option<Vec<u8>>, String> {
        let _ = (archive, key);
        Ok(None)
    }
}
