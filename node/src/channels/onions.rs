//! The channel host's side of BOLT 4, for payments between direct peers:
//! the onion an HTLC we offer carries, the answer to an HTLC offered to us
//! (peeled with the node key and checked against our invoice as BOLT 4
//! asks of a final node), and what a failed HTLC of ours tells us.
//!
//! The cryptography and the formats are [`crate::onion`]'s; this module
//! makes the decisions. It is pure: the host stores what it returns.
//!
//! What this is not: forwarding (an onion asking us to forward is failed
//! with `unknown_next_peer`), multi-part payments (`total_msat` must be the
//! HTLC's own amount) or a replay log.
use std::time::{SystemTime, UNIX_EPOCH};

use bitcoin::hashes::{sha256, Hash};
use bitcoin::secp256k1::{PublicKey, SecretKey};
use lnp_engine::rt::Msat;
use serde::{Deserialize, Serialize};

use crate::onion::{
    self, FailureMessage, FinalPayload, PaymentData, PeelError, Peeled, SharedSecret, PACKET_LEN,
};

/// What the host knows of one of its invoices when an HTLC pays it.
#[derive(Debug, Clone)]
pub struct OurInvoice {
    pub preimage: [u8; 32],
    pub payment_secret: [u8; 32],
    pub amount_msat: Option<u64>,
    pub min_final_cltv_expiry_delta: u64,
    /// Seconds since the Unix epoch after which it is no longer paid.
    pub expires_at: u64,
}

/// An HTLC offered to us, as the channel machine reports it.
#[derive(Debug, Clone, Copy)]
pub struct Offered<'a> {
    pub amount_msat: u64,
    pub payment_hash: [u8; 32],
    pub cltv_expiry: u32,
    pub onion: &'a [u8; PACKET_LEN],
}

/// How an HTLC offered to us is answered once both commitments hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Fulfill {
        preimage: [u8; 32],
        /// The failure to send instead if the HTLC is only settleable
        /// past its fulfillment deadline (BOLT 2: then it MUST be failed,
        /// not fulfilled); empty in answers stored before it was kept.
        #[serde(default)]
        too_late: Vec<u8>,
    },
    /// `update_fail_htlc` with this encrypted failure packet.
    Fail {
        reason: Vec<u8>,
    },
    /// `update_fail_malformed_htlc`: the onion could not be read.
    Malformed {
        sha256_of_onion: [u8; 32],
        failure_code: u16,
    },
}

/// An answer and, for the log and the payment record, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub answer: Answer,
    pub why: String,
}

/// The onion of a payment to the direct peer `payee`: one hop, the final
/// payload with the invoice's payment secret. `session_key` must be fresh
/// randomness, kept to read a failure later ([`explain_failure`]).
pub fn payment_onion(
    session_key: &SecretKey,
    payee: &PublicKey,
    amount_msat: u64,
    cltv_expiry: u32,
    payment_hash: &[u8; 32],
    payment_secret: [u8; 32],
) -> Result<[u8; PACKET_LEN], onion::BuildError> {
    let payload = FinalPayload {
        amt_to_forward: Msat(amount_msat),
        outgoing_cltv_value: cltv_expiry,
        payment_data: Some(PaymentData {
            payment_secret,
            total_msat: Msat(amount_msat),
        }),
        unknown_odd: Vec::new(),
    };
    onion::build_onion(session_key, &[(*payee, payload.encode())], payment_hash)
}

/// The answer to an HTLC offered to us, as BOLT 4 asks of a final node:
/// the onion must be ours and readable, name us as the last hop, ask no
/// more than the HTLC carries, and pay one of our invoices (the right
/// secret, enough, not expired, not expiring too soon).
pub fn answer_htlc(
    node_secret: &SecretKey,
    htlc: Offered<'_>,
    height: u32,
    invoice: impl FnOnce(&[u8; 32]) -> Option<OurInvoice>,
) -> Decision {
    let (payload, secret) = match onion::peel_onion(node_secret, htlc.onion, &htlc.payment_hash) {
        Ok(Peeled::Final {
            payload,
            shared_secret,
        }) => (payload, shared_secret),
        Ok(Peeled::Forward { shared_secret, .. }) => {
            return fail(
                &shared_secret,
                FailureMessage::UnknownNextPeer,
                "the onion asks us to forward, which this node does not do".into(),
            )
        }
        Err(e @ PeelError::BadPayload { .. }) => {
            let PeelError::BadPayload { shared_secret, .. } = &e else {
                unreachable!("matched above")
            };
            return fail(
                shared_secret,
                e.failure_message(),
                format!("the onion's payload is refused: {e}"),
            );
        }
        Err(e) => {
            let sha256_of_onion = e.sha256_of_onion().unwrap_or_default();
            return Decision {
                answer: Answer::Malformed {
                    sha256_of_onion,
                    failure_code: e.failure_code(),
                },
                why: format!("the onion is malformed: {e}"),
            };
        }
    };
    let unknown = || FailureMessage::IncorrectOrUnknownPaymentDetails {
        htlc_msat: Msat(htlc.amount_msat),
        height,
    };
    if payload.amt_to_forward.0 > htlc.amount_msat {
        let why = format!(
            "the onion asks for {} msat, the HTLC carries {}",
            payload.amt_to_forward.0, htlc.amount_msat
        );
        return fail(
            &secret,
            FailureMessage::FinalIncorrectHtlcAmount {
                incoming_htlc_amt: Msat(htlc.amount_msat),
            },
            why,
        );
    }
    if payload.outgoing_cltv_value > htlc.cltv_expiry {
        let why = format!(
            "the onion asks for expiry {}, the HTLC expires at {}",
            payload.outgoing_cltv_value, htlc.cltv_expiry
        );
        return fail(
            &secret,
            FailureMessage::FinalIncorrectCltvExpiry {
                cltv_expiry: htlc.cltv_expiry,
            },
            why,
        );
    }
    let Some(ours) = invoice(&htlc.payment_hash) else {
        return fail(
            &secret,
            unknown(),
            "no invoice of ours has this payment hash".into(),
        );
    };
    if sha256::Hash::hash(&ours.preimage).to_byte_array() != htlc.payment_hash {
        return fail(
            &secret,
            FailureMessage::TemporaryNodeFailure,
            "our invoice's preimage does not hash to the payment hash".into(),
        );
    }
    let Some(data) = &payload.payment_data else {
        return fail(
            &secret,
            unknown(),
            "the onion carries no payment secret".into(),
        );
    };
    if data.payment_secret != ours.payment_secret {
        return fail(
            &secret,
            unknown(),
            "the onion's payment secret is not the invoice's".into(),
        );
    }
    // A total above this HTLC's amount announces more parts to come.
    if data.total_msat.0 > htlc.amount_msat {
        return fail(
            &secret,
            unknown(),
            format!(
                "a multi-part payment of {} msat in all (not supported)",
                data.total_msat.0
            ),
        );
    }
    if let Some(wanted) = ours.amount_msat {
        if htlc.amount_msat < wanted {
            return fail(
                &secret,
                unknown(),
                format!(
                    "{} msat pays less than the invoice's {wanted}",
                    htlc.amount_msat
                ),
            );
        }
        // BOLT 4: more than twice the amount could reveal the payment path.
        if htlc.amount_msat > wanted.saturating_mul(2) {
            return fail(
                &secret,
                unknown(),
                format!(
                    "{} msat is more than twice the invoice's {wanted}",
                    htlc.amount_msat
                ),
            );
        }
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    if now > ours.expires_at {
        return fail(&secret, unknown(), "the invoice has expired".into());
    }
    let earliest = u64::from(height) + ours.min_final_cltv_expiry_delta;
    if u64::from(htlc.cltv_expiry) < earliest {
        let why = format!("the HTLC expires at {}, before {earliest} (height {height} + the invoice's final delta)", htlc.cltv_expiry);
        return fail(&secret, unknown(), why);
    }
    let too_late = onion::create_failure_packet(&secret, &unknown()).unwrap_or_default();
    Decision {
        answer: Answer::Fulfill {
            preimage: ours.preimage,
            too_late,
        },
        why: "it pays our invoice".into(),
    }
}

fn fail(secret: &SharedSecret, message: FailureMessage, why: String) -> Decision {
    match onion::create_failure_packet(secret, &message) {
        Ok(reason) => Decision {
            answer: Answer::Fail { reason },
            why,
        },
        // Only a message over 65 535 bytes fails to encode; ours are small.
        Err(e) => Decision {
            answer: Answer::Fail { reason: Vec::new() },
            why: format!("{why} (and the failure did not encode: {e})"),
        },
    }
}

/// Why an HTLC we offered to `payee` failed: the peer's malformed-onion
/// code, or the failure it encrypted for us, decrypted with the payment's
/// session key.
pub fn explain_failure(
    session_key: Option<&SecretKey>,
    payee: &PublicKey,
    reason: &[u8],
    failure_code: u16,
) -> String {
    if failure_code != 0 {
        return format!(
            "the peer could not read our onion: {}",
            describe(&FailureMessage::from_malformed(failure_code, [0; 32]))
        );
    }
    let Some(session_key) = session_key else {
        return "the peer failed the HTLC (no session key kept to read why)".into();
    };
    let decrypted = onion::route_shared_secrets(session_key, std::slice::from_ref(payee))
        .map_err(|e| e.to_string())
        .and_then(|secrets| onion::decrypt_failure(&secrets, reason).map_err(|e| e.to_string()));
    match decrypted.and_then(|d| d.message().map_err(|e| e.to_string())) {
        Ok(message) => format!("the payee failed it: {}", describe(&message)),
        Err(e) => format!("the peer failed the HTLC with a failure we cannot read ({e})"),
    }
}

/// A failure message, named as BOLT 4 names it, with its data.
pub fn describe(message: &FailureMessage) -> String {
    match message {
        FailureMessage::TemporaryNodeFailure => "temporary_node_failure".into(),
        FailureMessage::PermanentNodeFailure => "permanent_node_failure".into(),
        FailureMessage::InvalidOnionVersion { .. } => "invalid_onion_version".into(),
        FailureMessage::InvalidOnionHmac { .. } => "invalid_onion_hmac".into(),
        FailureMessage::InvalidOnionKey { .. } => "invalid_onion_key".into(),
        FailureMessage::UnknownNextPeer => "unknown_next_peer".into(),
        FailureMessage::IncorrectOrUnknownPaymentDetails { htlc_msat, height } => {
            format!("incorrect_or_unknown_payment_details (it does not know the payment, or {} msat or the expiry do not suit it; its height {height})", htlc_msat.0)
        }
        FailureMessage::FinalIncorrectCltvExpiry { cltv_expiry } => {
            format!("final_incorrect_cltv_expiry ({cltv_expiry})")
        }
        FailureMessage::FinalIncorrectHtlcAmount { incoming_htlc_amt } => {
            format!("final_incorrect_htlc_amount ({} msat)", incoming_htlc_amt.0)
        }
        FailureMessage::InvalidOnionPayload { type_and_offset } => match type_and_offset {
            Some((t, o)) => format!("invalid_onion_payload (type {t} at offset {o})"),
            None => "invalid_onion_payload".into(),
        },
        FailureMessage::MppTimeout => "mpp_timeout".into(),
        FailureMessage::Other { code, .. } => format!("failure code {code:#06x}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bitcoin::secp256k1::Secp256k1;

    fn key(b: u8) -> SecretKey {
        SecretKey::from_slice(&[b; 32]).expect("a valid key")
    }

    const HEIGHT: u32 = 500;

    fn invoice() -> OurInvoice {
        OurInvoice {
            preimage: [7; 32],
            payment_secret: [9; 32],
            amount_msat: Some(10_000),
            min_final_cltv_expiry_delta: 40,
            expires_at: u64::MAX,
        }
    }

    fn hash() -> [u8; 32] {
        sha256::Hash::hash(&[7; 32]).to_byte_array()
    }

    /// The payee's answer to an onion built by the payer for `amount`,
    /// `secret` and `onion_cltv`, on an HTLC of `htlc_amount` expiring at
    /// `htlc_cltv`; and what the payer reads of a failure.
    fn pay(
        amount: u64,
        secret: [u8; 32],
        onion_cltv: u32,
        htlc_amount: u64,
        htlc_cltv: u32,
    ) -> (Answer, String) {
        let payee = key(2);
        let payee_id = payee.public_key(&Secp256k1::new());
        let session = key(3);
        let packet = payment_onion(&session, &payee_id, amount, onion_cltv, &hash(), secret)
            .expect("one hop fits");
        let d = answer_htlc(
            &payee,
            Offered {
                amount_msat: htlc_amount,
                payment_hash: hash(),
                cltv_expiry: htlc_cltv,
                onion: &packet,
            },
            HEIGHT,
            |h| (*h == hash()).then(invoice),
        );
        let read = match &d.answer {
            Answer::Fail { reason } => explain_failure(Some(&session), &payee_id, reason, 0),
            Answer::Malformed { failure_code, .. } => {
                explain_failure(Some(&session), &payee_id, &[], *failure_code)
            }
            Answer::Fulfill { .. } => String::new(),
        };
        (d.answer, read)
    }

    #[test]
    fn an_onion_paying_our_invoice_is_fulfilled() {
        let Answer::Fulfill { preimage, too_late } = pay(10_000, [9; 32], 560, 10_000, 560).0
        else {
            panic!("not fulfilled")
        };
        assert_eq!(preimage, [7; 32]);
        // Kept for a fulfillment deadline missed: the payer reads it.
        let session = key(3);
        let payee_id = key(2).public_key(&Secp256k1::new());
        assert!(
            explain_failure(Some(&session), &payee_id, &too_late, 0)
                .contains("incorrect_or_unknown_payment_details"),
            "{too_late:?}"
        );
    }

    #[test]
    fn each_refusal_reaches_the_payer_as_the_failure_bolt4_names() {
        let cases = [
            (
                pay(10_000, [8; 32], 560, 10_000, 560).1,
                "incorrect_or_unknown_payment_details",
            ),
            (
                pay(9_000, [9; 32], 560, 9_000, 560).1,
                "incorrect_or_unknown_payment_details",
            ),
            (
                pay(30_000, [9; 32], 560, 30_000, 560).1,
                "incorrect_or_unknown_payment_details",
            ),
            (
                pay(10_000, [9; 32], 530, 10_000, 530).1,
                "incorrect_or_unknown_payment_details",
            ),
            (
                pay(10_000, [9; 32], 560, 9_999, 560).1,
                "final_incorrect_htlc_amount (9999 msat)",
            ),
            (
                pay(10_000, [9; 32], 561, 10_000, 560).1,
                "final_incorrect_cltv_expiry (560)",
            ),
        ];
        for (read, expected) in cases {
            assert!(
                read.starts_with("the payee failed it: ") && read.contains(expected),
                "{read:?} should name {expected}"
            );
        }
    }

    #[test]
    fn an_onion_for_someone_else_is_malformed_and_the_payer_is_told() {
        let packet = payment_onion(
            &key(3),
            &key(4).public_key(&Secp256k1::new()),
            10_000,
            560,
            &hash(),
            [9; 32],
        )
        .expect("builds");
        let d = answer_htlc(
            &key(2),
            Offered {
                amount_msat: 10_000,
                payment_hash: hash(),
                cltv_expiry: 560,
                onion: &packet,
            },
            HEIGHT,
            |_| Some(invoice()),
        );
        let Answer::Malformed {
            failure_code,
            sha256_of_onion,
        } = d.answer
        else {
            panic!("{d:?}")
        };
        assert_eq!(failure_code, onion::failure::INVALID_ONION_HMAC);
        assert_eq!(sha256_of_onion, sha256::Hash::hash(&packet).to_byte_array());
        assert!(explain_failure(
            None,
            &key(4).public_key(&Secp256k1::new()),
            &[],
            failure_code
        )
        .contains("invalid_onion_hmac"));
    }

    #[test]
    fn an_unknown_payment_hash_is_refused() {
        let payee = key(2);
        let packet = payment_onion(
            &key(3),
            &payee.public_key(&Secp256k1::new()),
            10_000,
            560,
            &hash(),
            [9; 32],
        )
        .expect("builds");
        let d = answer_htlc(
            &payee,
            Offered {
                amount_msat: 10_000,
                payment_hash: hash(),
                cltv_expiry: 560,
                onion: &packet,
            },
            HEIGHT,
            |_| None,
        );
        assert!(
            matches!(d.answer, Answer::Fail { .. }) && d.why.contains("no invoice"),
            "{d:?}"
        );
    }
}
