//! The payment path of `specs/toy/paychan.lnp` written by hand, without the
//! engine: the baseline the `step_overhead` bench compares the generated
//! machine (`lnp_protocols::generated::paychan`) against.
//!
//! It is the `Open` state only, split by role the way one would write it in
//! plain Rust: [`Payer::send`] builds the payout, signs it (BIP 143 over the
//! channel script) and returns the `pay` message; [`Payee::on_pay`] checks and
//! records it and returns the `ack`; [`Payer::on_ack`] settles the pending
//! amount. Amounts are `u64` with their unit in the name, every sum is
//! checked, and every refusal is a variant of [`PayError`].
//!
//! It is not a second implementation of the protocol: there is no opening
//! handshake, settle, refund, chain watching, wire codec or persistence, and
//! nothing outside the bench uses it. It must stay byte-for-byte equivalent
//! to the generated machine on this path (same payout transaction, same
//! RFC 6979 signatures, same accept/refuse decisions); the bench setup
//! asserts that before it measures anything.

use bitcoin::hashes::Hash;
use bitcoin::opcodes::all::{OP_CHECKMULTISIG, OP_CHECKSIG, OP_CSV, OP_DROP, OP_ELSE, OP_ENDIF, OP_IF, OP_PUSHNUM_2};
use bitcoin::script::Builder;
use bitcoin::secp256k1::{ecdsa::Signature, Message, PublicKey, Secp256k1, SecretKey, Signing, Verification};
use bitcoin::sighash::SighashCache;
use bitcoin::{
    absolute, transaction, Amount, CompressedPublicKey, EcdsaSighashType, OutPoint, ScriptBuf, Sequence, Transaction,
    TxIn, TxOut, Witness,
};
use std::fmt;

/// What the two parties agreed when the channel opened; fixed for its life.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelTerms {
    pub funding: OutPoint,
    pub payer_key: PublicKey,
    pub payee_key: PublicKey,
    pub capacity_sat: u64,
    pub dust_limit_sat: u64,
    /// Left to miners by the payout: the payer's output pays it.
    pub close_fee_sat: u64,
    /// Blocks after which the payer alone may spend the channel output.
    pub refund_delay: u16,
}

/// The terms and everything derived from them, computed once at open: the
/// generated machine recomputes the scripts on every payout instead.
#[derive(Clone, Debug)]
struct Channel {
    terms: ChannelTerms,
    /// What payments may add up to: the capacity less the close fee.
    capacity_msat: u64,
    /// The witness script of the channel output (the BIP 143 script code).
    channel_script: ScriptBuf,
    to_payee_script: ScriptBuf,
    to_payer_script: ScriptBuf,
}

/// The `pay` message: the new running total and the payer's signature on
/// the payout paying it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pay {
    pub total_msat: u64,
    pub sig: Signature,
}

/// The `ack` message: the running total the payee now holds a signature for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ack {
    pub total_msat: u64,
}

/// Why a command or a message was refused; the channel is then unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayError {
    /// `send` of zero (a warning to the user in the spec).
    NothingToPay,
    /// `send` beyond the capacity (a warning to the user in the spec).
    NotEnoughFunds,
    /// `send` of a fraction of a satoshi (the payout pays whole satoshis).
    NotWholeSatoshis,
    /// A `pay` whose total is not whole satoshis.
    TotalNotWholeSatoshis,
    /// A `pay` whose total does not exceed the last one.
    PaymentsOnlyGrow,
    /// A `pay` whose total exceeds the capacity.
    OverCapacity,
    /// A `pay` whose signature does not sign the payout for its total.
    BadSignature,
    /// An `ack` for more than was sent.
    UnknownPayment,
    /// A sum or difference that does not fit a `u64`.
    Overflow,
}

impl fmt::Display for PayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PayError::NothingToPay => "nothing to pay",
            PayError::NotEnoughFunds => "not enough funds",
            PayError::NotWholeSatoshis => "pay whole satoshis",
            PayError::TotalNotWholeSatoshis => "a total in whole satoshis was expected",
            PayError::PaymentsOnlyGrow => "payments only grow",
            PayError::OverCapacity => "pays more than the channel holds",
            PayError::BadSignature => "bad signature",
            PayError::UnknownPayment => "acknowledges an unknown payment",
            PayError::Overflow => "arithmetic overflow",
        })
    }
}

impl std::error::Error for PayError {}

fn p2wpkh(key: &PublicKey) -> ScriptBuf {
    ScriptBuf::new_p2wpkh(&CompressedPublicKey(*key).wpubkey_hash())
}

impl Channel {
    fn new(terms: ChannelTerms) -> Result<Channel, PayError> {
        let capacity_msat = terms
            .capacity_sat
            .checked_sub(terms.close_fee_sat)
            .and_then(|sat| sat.checked_mul(1000))
            .ok_or(PayError::Overflow)?;
        // Both keys together, or the payer alone `refund_delay` blocks after confirmation.
        let channel_script = Builder::new()
            .push_opcode(OP_IF)
            .push_opcode(OP_PUSHNUM_2)
            .push_slice(terms.payer_key.serialize())
            .push_slice(terms.payee_key.serialize())
            .push_opcode(OP_PUSHNUM_2)
            .push_opcode(OP_CHECKMULTISIG)
            .push_opcode(OP_ELSE)
            .push_int(i64::from(terms.refund_delay))
            .push_opcode(OP_CSV)
            .push_opcode(OP_DROP)
            .push_slice(terms.payer_key.serialize())
            .push_opcode(OP_CHECKSIG)
            .push_opcode(OP_ENDIF)
            .into_script();
        Ok(Channel {
            capacity_msat,
            channel_script,
            to_payee_script: p2wpkh(&terms.payee_key),
            to_payer_script: p2wpkh(&terms.payer_key),
            terms,
        })
    }

    /// The unsigned payout giving `total_msat` (rounded down to satoshis) to
    /// the payee and the rest, less the close fee, back to the payer, each
    /// output only above dust, in BIP 69 order.
    fn payout_tx(&self, total_msat: u64) -> Result<Transaction, PayError> {
        let to_payee_sat = total_msat / 1000;
        let to_payer_sat = self
            .terms
            .capacity_sat
            .checked_sub(self.terms.close_fee_sat)
            .and_then(|sat| sat.checked_sub(to_payee_sat))
            .ok_or(PayError::Overflow)?;
        let mut output = Vec::with_capacity(2);
        if to_payee_sat >= self.terms.dust_limit_sat {
            output.push(TxOut { value: Amount::from_sat(to_payee_sat), script_pubkey: self.to_payee_script.clone() });
        }
        if to_payer_sat >= self.terms.dust_limit_sat {
            output.push(TxOut { value: Amount::from_sat(to_payer_sat), script_pubkey: self.to_payer_script.clone() });
        }
        // BIP 69: by amount, then scriptPubKey. One input: nothing to sort there.
        output.sort_by(|a, b| (a.value, a.script_pubkey.as_bytes()).cmp(&(b.value, b.script_pubkey.as_bytes())));
        Ok(Transaction {
            version: transaction::Version::TWO,
            lock_time: absolute::LockTime::ZERO,
            input: vec![TxIn {
                previous_output: self.terms.funding,
                script_sig: ScriptBuf::new(),
                sequence: Sequence::MAX,
                witness: Witness::new(),
            }],
            output,
        })
    }

    /// The BIP 143 message signed for the channel input of `tx`.
    fn sighash(&self, tx: &Transaction) -> Result<Message, PayError> {
        let hash = SighashCache::new(tx)
            .p2wsh_signature_hash(
                0,
                &self.channel_script,
                Amount::from_sat(self.terms.capacity_sat),
                EcdsaSighashType::All,
            )
            // Only for an input index the transaction lacks; payouts have input 0.
            .map_err(|_| PayError::Overflow)?;
        Ok(Message::from_digest(hash.to_byte_array()))
    }
}

/// The payer's side of an open channel.
#[derive(Clone, Debug)]
pub struct Payer {
    channel: Channel,
    secret: SecretKey,
    /// Acknowledged by the payee.
    total_msat: u64,
    /// Sent, not yet acknowledged.
    pending_msat: u64,
}

impl Payer {
    /// The payer of a channel that opened with `terms`, before any payment;
    /// `secret` is the secret key of `terms.payer_key`.
    pub fn new(terms: ChannelTerms, secret: SecretKey) -> Result<Payer, PayError> {
        Ok(Payer { channel: Channel::new(terms)?, secret, total_msat: 0, pending_msat: 0 })
    }

    pub fn total_msat(&self) -> u64 {
        self.total_msat
    }

    pub fn pending_msat(&self) -> u64 {
        self.pending_msat
    }

    /// The unsigned payout for `total_msat` (what `pay` signs).
    pub fn payout_tx(&self, total_msat: u64) -> Result<Transaction, PayError> {
        self.channel.payout_tx(total_msat)
    }

    /// The user's `send`: pays `amount_msat` more, on top of what is pending.
    pub fn send<C: Signing>(&mut self, amount_msat: u64, secp: &Secp256k1<C>) -> Result<Pay, PayError> {
        if amount_msat == 0 {
            return Err(PayError::NothingToPay);
        }
        if !amount_msat.is_multiple_of(1000) {
            return Err(PayError::NotWholeSatoshis);
        }
        let next_msat = self
            .total_msat
            .checked_add(self.pending_msat)
            .and_then(|sum| sum.checked_add(amount_msat))
            .ok_or(PayError::Overflow)?;
        if next_msat > self.channel.capacity_msat {
            return Err(PayError::NotEnoughFunds);
        }
        let tx = self.channel.payout_tx(next_msat)?;
        let sig = secp.sign_ecdsa(&self.channel.sighash(&tx)?, &self.secret);
        self.pending_msat = self.pending_msat.checked_add(amount_msat).ok_or(PayError::Overflow)?;
        Ok(Pay { total_msat: next_msat, sig })
    }

    /// The payee's `ack`: what it acknowledges is no longer pending.
    pub fn on_ack(&mut self, ack: &Ack) -> Result<(), PayError> {
        let sent_msat = self.total_msat.checked_add(self.pending_msat).ok_or(PayError::Overflow)?;
        if ack.total_msat > sent_msat {
            return Err(PayError::UnknownPayment);
        }
        self.pending_msat = sent_msat.checked_sub(ack.total_msat).ok_or(PayError::Overflow)?;
        self.total_msat = ack.total_msat;
        Ok(())
    }
}

/// The payee's side of an open channel.
#[derive(Clone, Debug)]
pub struct Payee {
    channel: Channel,
    total_msat: u64,
    /// The payer's signature on the payout for `total_msat`, once paid.
    latest_sig: Option<Signature>,
}

impl Payee {
    /// The payee of a channel that opened with `terms`, before any payment.
    pub fn new(terms: ChannelTerms) -> Result<Payee, PayError> {
        Ok(Payee { channel: Channel::new(terms)?, total_msat: 0, latest_sig: None })
    }

    pub fn total_msat(&self) -> u64 {
        self.total_msat
    }

    pub fn latest_sig(&self) -> Option<Signature> {
        self.latest_sig
    }

    /// The payer's `pay`: accepted only if it grows the total within the
    /// capacity and signs the payout for that total.
    pub fn on_pay<C: Verification>(&mut self, pay: &Pay, secp: &Secp256k1<C>) -> Result<Ack, PayError> {
        if pay.total_msat <= self.total_msat {
            return Err(PayError::PaymentsOnlyGrow);
        }
        if pay.total_msat > self.channel.capacity_msat {
            return Err(PayError::OverCapacity);
        }
        if !pay.total_msat.is_multiple_of(1000) {
            return Err(PayError::TotalNotWholeSatoshis);
        }
        let tx = self.channel.payout_tx(pay.total_msat)?;
        let msg = self.channel.sighash(&tx)?;
        secp.verify_ecdsa(&msg, &pay.sig, &self.channel.terms.payer_key).map_err(|_| PayError::BadSignature)?;
        self.total_msat = pay.total_msat;
        self.latest_sig = Some(pay.sig);
        Ok(Ack { total_msat: pay.total_msat })
    }
}
