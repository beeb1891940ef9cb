//! `sat` and `msat`: amounts that never mix with each other or with plain
//! integers, and never wrap.
//!
//! Every operation is checked and returns [`Overflow`] instead of wrapping;
//! generated code turns that into a reject of the input being processed.
//! Conversions are explicit: [`Sat::to_msat`] (checked), [`Msat::to_sat`]
//! (rounds down, as BOLT 3 does when trimming to satoshis).

use std::fmt;

/// An arithmetic result did not fit: the input that caused it is rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("arithmetic overflow")]
pub struct Overflow;

macro_rules! amount {
    ($(#[$doc:meta])* $name:ident, $unit:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub u64);

        impl $name {
            pub const ZERO: $name = $name(0);

            pub fn checked_add(self, other: $name) -> Result<$name, Overflow> {
                self.0.checked_add(other.0).map($name).ok_or(Overflow)
            }
            pub fn checked_sub(self, other: $name) -> Result<$name, Overflow> {
                self.0.checked_sub(other.0).map($name).ok_or(Overflow)
            }
            /// Scales by a plain integer.
            pub fn checked_mul(self, by: u64) -> Result<$name, Overflow> {
                self.0.checked_mul(by).map($name).ok_or(Overflow)
            }
            /// Divides by a plain integer (division by zero is an overflow).
            pub fn checked_div(self, by: u64) -> Result<$name, Overflow> {
                self.0.checked_div(by).map($name).ok_or(Overflow)
            }
            pub fn checked_rem(self, by: u64) -> Result<$name, Overflow> {
                self.0.checked_rem(by).map($name).ok_or(Overflow)
            }
            /// The ratio of two amounts, rounded down.
            pub fn ratio(self, other: $name) -> Result<u64, Overflow> {
                self.0.checked_div(other.0).ok_or(Overflow)
            }
            /// The sum of many amounts.
            pub fn sum<I: IntoIterator<Item = $name>>(items: I) -> Result<$name, Overflow> {
                items.into_iter().try_fold($name::ZERO, $name::checked_add)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} {}", self.0, $unit)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} {}", self.0, $unit)
            }
        }
    };
}

amount!(
    /// An amount in satoshis.
    Sat,
    "sat"
);
amount!(
    /// An amount in millisatoshis.
    Msat,
    "msat"
);

impl Sat {
    /// Exact conversion; fails only above 2^64 msat.
    pub fn to_msat(self) -> Result<Msat, Overflow> {
        self.0.checked_mul(1000).map(Msat).ok_or(Overflow)
    }
}

impl Msat {
    /// Rounds down to whole satoshis.
    pub fn to_sat(self) -> Sat {
        Sat(self.0 / 1000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_is_checked_never_wrapping() {
        assert_eq!(Sat(u64::MAX).checked_add(Sat(1)), Err(Overflow));
        assert_eq!(Msat(1).checked_sub(Msat(2)), Err(Overflow));
        assert_eq!(Sat(5).checked_div(0), Err(Overflow));
        assert_eq!(Sat(3).checked_mul(4), Ok(Sat(12)));
    }

    #[test]
    fn conversions_follow_bolt_rounding() {
        assert_eq!(Msat(1999).to_sat(), Sat(1));
        assert_eq!(Sat(2).to_msat(), Ok(Msat(2000)));
        assert_eq!(Sat(u64::MAX).to_msat(), Err(Overflow));
        assert_eq!(Msat::sum([Msat(1), Msat(2)]), Ok(Msat(3)));
    }
}
