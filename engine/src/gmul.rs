//! `t·G` for *public* scalars `t` from a table of multiples of the
//! generator, and `B + t·G` (BOLT 3 `derive_pubkey`) with it.
//!
//! libsecp256k1 offers two ways to multiply the generator: `ecmult_gen`
//! (`PublicKey::from_secret_key`), constant-time and blinded because its
//! scalar is usually a secret, and the generic `ecmult` behind
//! `PublicKey::add_exp_tweak`, which still walks ~128 point doublings. A
//! BOLT 3 tweak `SHA256(per_commitment_point || basepoint)` is public (both
//! peers compute it), so neither protection is needed: with the 43 × 63
//! points `j · 64^k · G` computed once per process (170 KiB, a few
//! milliseconds at first use), `t·G` is the sum of one table point per
//! non-zero 6-bit digit of `t`, added by `PublicKey::combine_keys` (Jacobian
//! additions, one field inversion at the end): no doubling at all. (Digits
//! of 4 bits take 60 KiB and 64 additions, of 8 bits 512 KiB and 32: a
//! node's memory is counted per channel.)
//!
//! Variable-time in the scalar: never use this for a secret.

use bitcoin::secp256k1::{PublicKey, Scalar, SecretKey};
use std::sync::OnceLock;

/// Why [`add_exp_public`] failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GmulError {
    /// The sum is the point at infinity (the tweak is minus the base's
    /// discrete logarithm): no public key.
    #[error("the sum is the point at infinity")]
    Infinity,
}

/// Bits per digit: 2^W - 1 points per row, ceil(256 / W) rows.
const W: usize = 6;
const ROWS: usize = 256usize.div_ceil(W);
const COLUMNS: usize = (1 << W) - 1;

/// Row `k` holds `j · 2^(W·k) · G` at column `j - 1`: digit `k` of a scalar
/// (bits `W·k` to `W·k + W - 1`, from the least significant) selects from
/// row `k`.
struct Table {
    rows: Vec<[PublicKey; COLUMNS]>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let secp = crate::keys::signer();
        let rows = (0..ROWS)
            .map(|k| {
                // 2^(W·k) as a big-endian scalar: one bit set.
                let bit = W * k;
                let mut one = [0u8; 32];
                one[31 - bit / 8] = 1 << (bit % 8);
                let unit = PublicKey::from_secret_key(secp, &SecretKey::from_slice(&one).expect("2^252 at most: a valid secret"));
                let mut row = [unit; COLUMNS];
                for j in 1..COLUMNS {
                    row[j] = row[j - 1].combine(&unit).expect("j·2^(W·k)·G is never infinity for j < 2^W");
                }
                row
            })
            .collect();
        Table { rows }
    })
}

/// Digit `k` (`W` bits from bit `W·k`) of the big-endian scalar `bytes`.
fn digit(bytes: &[u8; 32], k: usize) -> usize {
    let mut d = 0;
    for b in 0..W {
        let bit = W * k + b;
        if bit < 256 && bytes[31 - bit / 8] >> (bit % 8) & 1 == 1 {
            d |= 1 << b;
        }
    }
    d
}

/// `base + t·G`, as `PublicKey::add_exp_tweak` computes it, for a public `t`.
pub fn add_exp_public(base: &PublicKey, t: &Scalar) -> Result<PublicKey, GmulError> {
    let table = table();
    let bytes = t.to_be_bytes();
    let mut terms: Vec<&PublicKey> = Vec::with_capacity(ROWS + 1);
    terms.push(base);
    for (k, row) in table.rows.iter().enumerate() {
        let d = digit(&bytes, k);
        if d != 0 {
            terms.push(&row[d - 1]);
        }
    }
    PublicKey::combine_keys(&terms).map_err(|_| GmulError::Infinity)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bitcoin::hashes::{sha256, Hash};
    use bitcoin::secp256k1::Secp256k1;

    #[test]
    fn agrees_with_libsecp256k1_on_every_kind_of_scalar() {
        let secp = Secp256k1::new();
        let base = PublicKey::from_secret_key(&secp, &SecretKey::from_slice(&[0x42; 32]).expect("valid"));
        let mut scalars = vec![[0u8; 32], [0xff; 32], [0x01; 32]];
        // The largest scalar (n - 1), a single low byte, a single high byte.
        scalars.push(Scalar::MAX.to_be_bytes());
        let mut low = [0u8; 32];
        low[31] = 7;
        scalars.push(low);
        let mut high = [0u8; 32];
        high[0] = 0x80;
        scalars.push(high);
        for k in 0..200u32 {
            scalars.push(sha256::Hash::hash(&k.to_be_bytes()).to_byte_array());
        }
        for bytes in scalars {
            let Ok(t) = Scalar::from_be_bytes(bytes) else { continue };
            assert_eq!(add_exp_public(&base, &t).ok(), base.add_exp_tweak(&secp, &t).ok(), "tweak {bytes:02x?}");
        }
    }

    #[test]
    fn minus_the_base_gives_infinity_as_libsecp256k1_does() {
        let secp = Secp256k1::new();
        let secret = SecretKey::from_slice(&[0x42; 32]).expect("valid");
        let base = PublicKey::from_secret_key(&secp, &secret);
        let minus = Scalar::from(secret.negate());
        assert_eq!(add_exp_public(&base, &minus), Err(GmulError::Infinity));
        assert!(base.add_exp_tweak(&secp, &minus).is_err());
    }
}
