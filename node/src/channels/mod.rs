//! Channels in the node: the channel manager runs one generated BOLT
//! channel machine (`lnp_protocols::generated::bolt_channel`) per channel,
//! each a `Driver` over the engine's sled store, and is the host that
//! performs their effects after each step is stored — in batches, one
//! flush of the store for all the steps of a batch ([`host`]).
//!
//! [`ChannelManager`] is the handle the RPC and the demo use; the work is
//! done by one task ([`host`]) that owns every machine, so steps never race.
//! It hears peers (channel messages routed by `channel_id` or
//! `temporary_channel_id`, connections ready or gone), the chain (a tick
//! checks the tip: new blocks are scanned for the wallet and every armed
//! watch is polled), its timers and the user's calls. [`records`] keeps
//! what the host knows beside the machines: peers, roles, funding
//! transactions, payments.
//!
//! [`onions`] builds the onions of our payments and answers the HTLCs
//! offered to us (BOLT 4, as a final node). [`hot`] keeps whole, with its
//! signer, the machines of the channels that stepped last (an idle one's
//! state is read back from the store and its signer derived again from
//! the seed when it steps); [`view`] is what the host keeps of every
//! machine's state between steps.
//!
//! What this is not: routing or forwarding (payments go to a direct peer
//! only), gossip, or channel policy beyond the defaults
//! of the spec's parameters. Protocol decisions are the spec's.
use std::net::SocketAddr;
use std::time::Duration;

use bitcoin::secp256k1::PublicKey;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use tokio::sync::{mpsc, oneshot};

use crate::chain::backend::BackendError;
use crate::invoice::DecodedInvoice;
use crate::keys::KeyError;
use crate::peers::PeerSignal;
use crate::wallet::WalletError;

pub mod host;
pub mod hot;
pub mod onions;
pub mod rebroadcast;
pub mod records;
pub mod view;

pub use records::{ChannelRecord, Direction, PaymentRecord, PaymentStatus};

/// How long `openchannel` waits for the funding transaction to be broadcast.
pub const OPEN_TIMEOUT: Duration = Duration::from_secs(30);
/// How long `pay` waits for the payment's outcome.
pub const PAY_TIMEOUT: Duration = Duration::from_secs(30);
/// How long `close` waits for the closing transaction.
pub const CLOSE_TIMEOUT: Duration = Duration::from_secs(30);
/// How often the host looks at the chain's tip and redials peers.
pub const TICK: Duration = Duration::from_millis(100);
/// The funding transaction's feerate, in sat/vB, when the chain gives no
/// estimate ([`crate::fees`]).
pub const FUNDING_FEERATE_SAT_VB: u64 = 2;

/// Why a channel call failed.
#[derive(Debug, Error)]
pub enum ChannelError {
    #[error("the store failed while {during}: {source}")]
    Store {
        during: &'static str,
        #[source]
        source: sled::Error,
    },
    #[error("the machine store of channel {index}: {source}")]
    Engine {
        index: u32,
        #[source]
        source: lnp_engine::driver::DriverError,
    },
    #[error("the channels' store cannot be flushed to disk: {0}")]
    Flush(#[source] lnp_engine::store::StoreError),
    #[error("cannot open the channels' store {path}: {source}")]
    OpenStore {
        path: String,
        #[source]
        source: lnp_engine::store::StoreError,
    },
    #[error("damaged record: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Wallet(#[from] WalletError),
    #[error(transparent)]
    Chain(#[from] BackendError),
    #[error("channel keys: {0}")]
    Keys(#[from] KeyError),
    #[error("no channel {0}")]
    UnknownChannel(String),
    #[error("peer {0} is not connected (connect first)")]
    NotConnected(PublicKey),
    #[error("peer {peer} failed the channel: {reason}")]
    PeerFailed { peer: PublicKey, reason: String },
    #[error("no route: {0}")]
    NoRoute(String),
    #[error("channel {channel} refused `{command}`: {reason}")]
    Refused { channel: String, command: &'static str, reason: String },
    #[error("{0}")]
    InvalidArgument(String),
    #[error("{0} did not finish in time")]
    Timeout(&'static str),
    #[error("the payment failed: {0}")]
    PaymentFailed(String),
    #[error("the channel manager has stopped")]
    Stopped,
}

/// A pending HTLC, as `listchannels` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HtlcSummary {
    pub id: u64,
    pub amount_msat: u64,
    /// Offered by us (we pay it) or received.
    pub offered: bool,
    pub cltv_expiry: u32,
}

/// One channel, as `listchannels` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelSummary {
    /// The channel id once funded, else the temporary id (hex).
    pub channel_id: String,
    pub peer: String,
    pub role: String,
    /// The machine's state, as the spec names it.
    pub state: String,
    pub connected: bool,
    /// The peer's `channel_ready` arrived: payments may use the channel.
    #[serde(default)]
    pub peer_ready: bool,
    pub capacity_sat: u64,
    /// Balances in our latest commitment.
    pub our_msat: u64,
    pub their_msat: u64,
    pub pending_htlcs: Vec<HtlcSummary>,
    /// Our commitment's feerate, in sat per 1,000 weight units (0 before
    /// there is one).
    #[serde(default)]
    pub feerate_per_kw: u32,
    pub funding_outpoint: Option<String>,
    pub close_txids: Vec<String>,
}

impl ChannelSummary {
    /// Pending (being opened, or open on our side before the peer's
    /// `channel_ready`), active (usable), inactive (peer away) or closed.
    pub fn status(&self) -> &'static str {
        match self.state.as_str() {
            "Normal" if self.connected && self.peer_ready => "active",
            "Normal" if self.connected => "pending",
            "Normal" | "Disconnected" | "Reestablishing" => "inactive",
            "Closed" => "closed",
            "ShuttingDown" | "Negotiating" | "ForceClosed" | "RemoteClosed" | "Punishing" => "closing",
            _ => "pending",
        }
    }
}

/// `openchannel`'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opened {
    pub channel_id: String,
    pub funding_txid: String,
    pub funding_outpoint: String,
    pub capacity_sat: u64,
    pub push_msat: u64,
}

/// What the channel host has done since it started: how it batches and
/// flushes (for benchmarks, tests and operators).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostStats {
    /// Batches of requests handled (each ends with one sync, then sends).
    pub batches: u64,
    /// Flushes of the machines' store to disk.
    pub syncs: u64,
    /// `update_add_htlc`, `update_fulfill_htlc`, `update_fail_htlc`,
    /// `update_fail_malformed_htlc` and `update_fee` messages sent.
    pub updates_sent: u64,
    /// `commitment_signed` messages sent.
    pub commitments_sent: u64,
    /// The most updates of ours one `commitment_signed` of ours signed.
    pub most_updates_in_a_commitment: u64,
    /// HTLC signatures our `commitment_signed` messages carried (one per
    /// untrimmed HTLC of the peer's commitment, however long it has been
    /// in it): with `commitments_sent`, what the signing costs.
    #[serde(default)]
    pub htlc_signatures_sent: u64,
    /// Steps of a channel that was not hot: its machine read back from the
    /// store and its signer derived again (see [`hot`]).
    #[serde(default)]
    pub machines_read_back: u64,
}

/// `close`/`forceclose`'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closing {
    pub channel_id: String,
    pub txid: String,
    pub state: String,
}

/// What the host task is asked.
pub(crate) enum Request {
    Peer(PeerSignal),
    Tick,
    Timer { index: u32, name: &'static str, id: lnp_engine::store::EffectId },
    Dialed { node_id: PublicKey },
    Open { node_id: PublicKey, amount_sat: u64, push_msat: u64, reply: oneshot::Sender<Result<Opened, ChannelError>> },
    Pay { invoice: Box<DecodedInvoice>, reply: oneshot::Sender<Result<PaymentRecord, ChannelError>> },
    List { reply: oneshot::Sender<Result<Vec<ChannelSummary>, ChannelError>> },
    Stats { reply: oneshot::Sender<Result<HostStats, ChannelError>> },
    Payments { reply: oneshot::Sender<Result<Vec<PaymentRecord>, ChannelError>> },
    Close { channel_id: String, force: bool, reply: oneshot::Sender<Result<Closing, ChannelError>> },
    SetFeerate { channel_id: String, feerate_per_kw: u32, reply: oneshot::Sender<Result<(), ChannelError>> },
    Remember { node_id: PublicKey, addr: SocketAddr },
    Stop,
}

/// The handle to the channel host. Cheap to clone.
#[derive(Clone)]
pub struct ChannelManager {
    tx: mpsc::UnboundedSender<Request>,
}

impl ChannelManager {
    async fn ask<T>(
        &self,
        make: impl FnOnce(oneshot::Sender<Result<T, ChannelError>>) -> Request,
        timeout: Duration,
        what: &'static str,
    ) -> Result<T, ChannelError> {
        let (reply, answer) = oneshot::channel();
        self.tx.send(make(reply)).map_err(|_| ChannelError::Stopped)?;
        match tokio::time::timeout(timeout, answer).await {
            Err(_) => Err(ChannelError::Timeout(what)),
            Ok(Err(_)) => Err(ChannelError::Stopped),
            Ok(Ok(result)) => result,
        }
    }

    /// Opens a channel of `amount_sat` with the connected peer `node_id`,
    /// pushing `push_msat` to it; answers once the funding transaction is
    /// broadcast (the channel is usable after `minimum_depth` blocks).
    pub async fn open(&self, node_id: PublicKey, amount_sat: u64, push_msat: u64) -> Result<Opened, ChannelError> {
        self.ask(|reply| Request::Open { node_id, amount_sat, push_msat, reply }, OPEN_TIMEOUT, "opening the channel").await
    }

    /// Pays `invoice` over a channel with its payee; answers with the
    /// payment once it is settled (or an error once it failed).
    pub async fn pay(&self, invoice: DecodedInvoice) -> Result<PaymentRecord, ChannelError> {
        self.ask(|reply| Request::Pay { invoice: Box::new(invoice), reply }, PAY_TIMEOUT, "the payment").await
    }

    pub async fn list(&self) -> Result<Vec<ChannelSummary>, ChannelError> {
        self.ask(|reply| Request::List { reply }, PAY_TIMEOUT, "listing the channels").await
    }

    /// What the host has done since it started.
    pub async fn stats(&self) -> Result<HostStats, ChannelError> {
        self.ask(|reply| Request::Stats { reply }, PAY_TIMEOUT, "the host's counters").await
    }

    pub async fn payments(&self) -> Result<Vec<PaymentRecord>, ChannelError> {
        self.ask(|reply| Request::Payments { reply }, PAY_TIMEOUT, "listing the payments").await
    }

    /// Closes cooperatively (answers once the closing transaction is
    /// broadcast) or by force (once our commitment is broadcast).
    pub async fn close(&self, channel_id: String, force: bool) -> Result<Closing, ChannelError> {
        self.ask(|reply| Request::Close { channel_id, force, reply }, CLOSE_TIMEOUT, "closing the channel").await
    }

    /// Proposes `feerate_per_kw` for a channel we fund (`update_fee`, signed
    /// at once); the answer once it is sent, before the peer agrees.
    pub async fn set_feerate(&self, channel_id: String, feerate_per_kw: u32) -> Result<(), ChannelError> {
        self.ask(|reply| Request::SetFeerate { channel_id, feerate_per_kw, reply }, CLOSE_TIMEOUT, "proposing the feerate").await
    }

    /// Remembers where `node_id` listens, to dial it again after a restart
    /// or a lost connection.
    pub fn remember_address(&self, node_id: PublicKey, addr: SocketAddr) {
        let _ = self.tx.send(Request::Remember { node_id, addr });
    }

    /// Stops the host task.
    pub fn stop(&self) {
        let _ = self.tx.send(Request::Stop);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(state: &str, connected: bool, peer_ready: bool) -> ChannelSummary {
        ChannelSummary {
            channel_id: "00".into(),
            peer: "02".into(),
            role: "funder".into(),
            state: state.into(),
            connected,
            peer_ready,
            capacity_sat: 1,
            our_msat: 0,
            their_msat: 0,
            pending_htlcs: Vec::new(),
            feerate_per_kw: 253,
            funding_outpoint: None,
            close_txids: Vec::new(),
        }
    }

    #[test]
    fn a_channel_is_active_only_once_the_peer_is_ready_too() {
        assert_eq!(summary("Normal", true, true).status(), "active");
        assert_eq!(summary("Normal", true, false).status(), "pending", "our channel_ready is out, the peer's has not arrived: no payment can go yet");
        assert_eq!(summary("Normal", false, true).status(), "inactive");
        assert_eq!(summary("AwaitLocked", true, false).status(), "pending");
        assert_eq!(summary("Negotiating", true, true).status(), "closing");
    }
}
