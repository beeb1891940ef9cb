//! What the node keeps about its channels and payments beside the machines
//! themselves, in the node's sled store: one [`ChannelRecord`] per channel
//! (its key index, peer, role, temporary id and — for the funder — the
//! signed funding transaction until it is broadcast), the peers' addresses
//! to dial after a restart, and one [`PaymentRecord`] per payment sent or
//! received.
//!
//! Writes are not flushed one by one: the host calls [`Records::sync`]
//! with the machines' store, before anything they decided leaves the node.
//! The pending payments are indexed by HTLC in memory, so settling one
//! does not read every payment ever made.
//!
//! What this is not: the channel state (that is the machine's, in the
//! engine's store) nor the invoices (see [`crate::daemon`]).
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use bitcoin::secp256k1::PublicKey;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use super::onions::Answer;
use super::ChannelError;

pub const RECORDS_TREE: &str = "channels/records";
pub const ADDRESSES_TREE: &str = "channels/peer-addresses";
pub const PAYMENTS_TREE: &str = "payments";
/// The onions of our payments (to offer them again after a reconnection)
/// and their session keys (to read a failure), and the answers decided for
/// HTLCs offered to us: kept out of [`PaymentRecord`], which `listpayments`
/// shows as it is.
pub const ONIONS_TREE: &str = "payments/onions";

/// One channel, as the host knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelRecord {
    /// The index of its keys (see [`crate::keys::NodeKeys::channel_secrets`])
    /// and of its machine in the engine's store.
    pub index: u32,
    /// The peer's node id (hex).
    pub peer: String,
    /// `funder` or `fundee`.
    pub role: String,
    pub temporary_channel_id: String,
    /// Funder: the signed funding transaction (hex), kept to broadcast it
    /// once the peer's signature on our first commitment is verified.
    pub funding_tx: Option<String>,
    /// The closing, commitment or sweep transactions seen for it (hex txids).
    pub close_txids: Vec<String>,
}

/// A payment's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Sent,
    Received,
}

/// A payment's outcome so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaymentStatus {
    Pending,
    Succeeded,
    Failed,
}

/// One payment (an HTLC on one of our channels).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRecord {
    pub payment_hash: String,
    pub direction: Direction,
    pub amount_msat: u64,
    pub status: PaymentStatus,
    /// The channel's index and the HTLC's id in it.
    pub channel: u32,
    pub htlc_id: u64,
    pub cltv_expiry: u32,
    pub preimage: Option<String>,
    /// The peer (hex node id).
    pub peer: String,
    /// Why it failed (or, received, why we are failing it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
}

impl PaymentRecord {
    pub fn key(&self) -> String {
        payment_key(self.direction, &self.payment_hash)
    }
}

pub fn payment_key(direction: Direction, payment_hash: &str) -> String {
    let d = match direction {
        Direction::Sent => "sent",
        Direction::Received => "received",
    };
    format!("{d}/{payment_hash}")
}

/// Which HTLC of which channel, in which direction.
type HtlcKey = (Direction, u32, u64);

/// The four trees, and what the host looks up often.
pub struct Records {
    pub channels: sled::Tree,
    pub addresses: sled::Tree,
    pub payments: sled::Tree,
    pub onions: sled::Tree,
    /// The pending payments' keys by HTLC.
    pending: RefCell<HashMap<HtlcKey, String>>,
    /// Written since the last [`Records::sync`].
    dirty: Cell<bool>,
}

/// The first byte of a [`SentOnion`] stored in binary (a JSON record
/// starts with `{`).
const SENT_ONION_BINARY: u8 = 0;

/// What we keep of an onion we sent: the packet and its session key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentOnion {
    pub packet: Vec<u8>,
    pub session_key: [u8; 32],
}

fn store(during: &'static str) -> impl FnOnce(sled::Error) -> ChannelError {
    move |source| ChannelError::Store { during, source }
}

fn put<T: Serialize>(tree: &sled::Tree, key: &[u8], value: &T, during: &'static str) -> Result<(), ChannelError> {
    let bytes = serde_json::to_vec(value).map_err(|e| ChannelError::Corrupt(format!("{during}: {e}")))?;
    tree.insert(key, bytes).map_err(store(during))?;
    Ok(())
}

fn get<T: DeserializeOwned>(tree: &sled::Tree, key: &[u8], during: &'static str) -> Result<Option<T>, ChannelError> {
    match tree.get(key).map_err(store(during))? {
        None => Ok(None),
        Some(v) => serde_json::from_slice(&v).map(Some).map_err(|e| ChannelError::Corrupt(format!("{during}: {e}"))),
    }
}

fn all<T: DeserializeOwned>(tree: &sled::Tree, what: &'static str) -> Result<Vec<T>, ChannelError> {
    let mut out = Vec::new();
    for item in tree.iter() {
        let (_, v) = item.map_err(store(what))?;
        out.push(serde_json::from_slice(&v).map_err(|e| ChannelError::Corrupt(format!("{what}: {e}")))?);
    }
    Ok(out)
}

impl Records {
    pub fn open(db: &sled::Db) -> Result<Records, ChannelError> {
        let open = |name| db.open_tree(name).map_err(store("opening the channel records"));
        let records = Records {
            channels: open(RECORDS_TREE)?,
            addresses: open(ADDRESSES_TREE)?,
            payments: open(PAYMENTS_TREE)?,
            onions: open(ONIONS_TREE)?,
            pending: RefCell::new(HashMap::new()),
            dirty: Cell::new(false),
        };
        let pending = records
            .payments()?
            .into_iter()
            .filter(|p| p.status == PaymentStatus::Pending)
            .map(|p| ((p.direction, p.channel, p.htlc_id), p.key()))
            .collect();
        *records.pending.borrow_mut() = pending;
        Ok(records)
    }

    /// Makes every record written so far durable (one flush; none if
    /// nothing was written).
    pub fn sync(&self) -> Result<(), ChannelError> {
        if self.dirty.replace(false) {
            self.payments.flush().map_err(store("flushing the channel records"))?;
        }
        Ok(())
    }

    pub fn put_channel(&self, r: &ChannelRecord) -> Result<(), ChannelError> {
        self.dirty.set(true);
        put(&self.channels, &r.index.to_be_bytes(), r, "storing a channel record")
    }

    pub fn channels(&self) -> Result<Vec<ChannelRecord>, ChannelError> {
        all(&self.channels, "reading the channel records")
    }

    pub fn put_address(&self, node_id: &PublicKey, addr: &str) -> Result<(), ChannelError> {
        self.dirty.set(true);
        put(&self.addresses, node_id.to_string().as_bytes(), &addr, "storing a peer address")
    }

    pub fn address(&self, node_id: &PublicKey) -> Result<Option<String>, ChannelError> {
        match self.addresses.get(node_id.to_string().as_bytes()).map_err(store("reading a peer address"))? {
            None => Ok(None),
            Some(v) => serde_json::from_slice(&v).map(Some).map_err(|e| ChannelError::Corrupt(format!("a peer address: {e}"))),
        }
    }

    pub fn put_payment(&self, p: &PaymentRecord) -> Result<(), ChannelError> {
        self.dirty.set(true);
        put(&self.payments, p.key().as_bytes(), p, "storing a payment")?;
        let mut pending = self.pending.borrow_mut();
        let at = (p.direction, p.channel, p.htlc_id);
        if p.status == PaymentStatus::Pending {
            pending.insert(at, p.key());
        } else if pending.get(&at) == Some(&p.key()) {
            pending.remove(&at);
        }
        Ok(())
    }

    /// Removes payment `p` (an HTLC offered to us and withdrawn before it
    /// was committed: nothing was received).
    pub fn forget_payment(&self, p: &PaymentRecord) -> Result<(), ChannelError> {
        self.dirty.set(true);
        self.payments.remove(p.key().as_bytes()).map_err(store("forgetting a payment"))?;
        let mut pending = self.pending.borrow_mut();
        let at = (p.direction, p.channel, p.htlc_id);
        if pending.get(&at) == Some(&p.key()) {
            pending.remove(&at);
        }
        Ok(())
    }

    pub fn payment(&self, direction: Direction, payment_hash: &str) -> Result<Option<PaymentRecord>, ChannelError> {
        match self.payments.get(payment_key(direction, payment_hash)).map_err(store("reading a payment"))? {
            None => Ok(None),
            Some(v) => serde_json::from_slice(&v).map(Some).map_err(|e| ChannelError::Corrupt(format!("a payment: {e}"))),
        }
    }

    pub fn payments(&self) -> Result<Vec<PaymentRecord>, ChannelError> {
        all(&self.payments, "reading the payments")
    }

    /// Stored as [`SENT_ONION_BINARY`], the session key, then the packet
    /// (JSON wrote the packet's 1,366 bytes as numbers, about 4.5 KB of
    /// text, for every payment).
    pub fn put_sent_onion(&self, payment_key: &str, onion: &SentOnion) -> Result<(), ChannelError> {
        self.dirty.set(true);
        let mut value = Vec::with_capacity(1 + 32 + onion.packet.len());
        value.push(SENT_ONION_BINARY);
        value.extend_from_slice(&onion.session_key);
        value.extend_from_slice(&onion.packet);
        self.onions.insert(format!("sent/{payment_key}").as_bytes(), value).map_err(store("storing a payment's onion"))?;
        Ok(())
    }

    /// Reads what [`Records::put_sent_onion`] wrote, or the JSON record
    /// an earlier version wrote.
    pub fn sent_onion(&self, payment_key: &str) -> Result<Option<SentOnion>, ChannelError> {
        const DURING: &str = "reading a payment's onion";
        let Some(v) = self.onions.get(format!("sent/{payment_key}").as_bytes()).map_err(store(DURING))? else { return Ok(None) };
        match v.split_first() {
            Some((&SENT_ONION_BINARY, rest)) => {
                let (key, packet) = rest.split_at_checked(32).ok_or_else(|| ChannelError::Corrupt(format!("{DURING}: {} bytes", v.len())))?;
                let session_key = key.try_into().map_err(|_| ChannelError::Corrupt(format!("{DURING}: {} bytes", v.len())))?;
                Ok(Some(SentOnion { packet: packet.to_vec(), session_key }))
            }
            _ => serde_json::from_slice(&v).map(Some).map_err(|e| ChannelError::Corrupt(format!("{DURING}: {e}"))),
        }
    }

    /// The answer decided for HTLC `htlc_id` offered to us on channel `channel`.
    pub fn put_answer(&self, channel: u32, htlc_id: u64, answer: &Answer) -> Result<(), ChannelError> {
        self.dirty.set(true);
        put(&self.onions, format!("answer/{channel}/{htlc_id}").as_bytes(), answer, "storing an HTLC's answer")
    }

    pub fn answer(&self, channel: u32, htlc_id: u64) -> Result<Option<Answer>, ChannelError> {
        get(&self.onions, format!("answer/{channel}/{htlc_id}").as_bytes(), "reading an HTLC's answer")
    }

    /// The pending payment of HTLC `htlc_id` on channel `channel` in `direction`.
    pub fn payment_by_htlc(&self, channel: u32, htlc_id: u64, direction: Direction) -> Result<Option<PaymentRecord>, ChannelError> {
        let Some(key) = self.pending.borrow().get(&(direction, channel, htlc_id)).cloned() else { return Ok(None) };
        match self.payments.get(key.as_bytes()).map_err(store("reading a payment"))? {
            None => Ok(None),
            Some(v) => {
                let p: PaymentRecord = serde_json::from_slice(&v).map_err(|e| ChannelError::Corrupt(format!("a payment: {e}")))?;
                // An HTLC offered again under a new id leaves its old id behind.
                Ok(Some(p).filter(|p| p.status == PaymentStatus::Pending && p.htlc_id == htlc_id && p.channel == channel))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sent_onion_reads_back_and_so_does_one_stored_as_json() {
        let db = sled::Config::new().temporary(true).open().expect("a temporary store");
        let records = Records::open(&db).expect("records");
        let onion = SentOnion { packet: (0..1366u32).map(|i| i as u8).collect(), session_key: [0x7b; 32] };
        records.put_sent_onion("a", &onion).expect("stored");
        assert_eq!(records.sent_onion("a").expect("read"), Some(onion.clone()));
        // As an earlier version wrote it.
        let json = serde_json::to_vec(&onion).expect("json");
        records.onions.insert("sent/b", json).expect("stored");
        assert_eq!(records.sent_onion("b").expect("read"), Some(onion));
        assert_eq!(records.sent_onion("c").expect("read"), None);
        records.onions.insert("sent/d", vec![SENT_ONION_BINARY, 1, 2]).expect("stored");
        assert!(matches!(records.sent_onion("d"), Err(ChannelError::Corrupt(_))), "a truncated record is damaged, not a panic");
    }
}
