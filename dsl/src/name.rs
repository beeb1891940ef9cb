//! [`Name`]: the text of an identifier, kept in place when short.
//!
//! A spec has a name every few bytes, almost all of them short. Giving each
//! its own `String` made allocating and freeing them one of the front end's
//! largest costs. A `Name` is a [`compact_str::CompactString`]: up to 24 bytes
//! live inside the value (no allocation, copied as a plain value), longer
//! names go to the heap. It reads as a `&str`, compares with strings, and
//! prints and serializes as its text, like the `String` it replaces.

pub use compact_str::CompactString as Name;

/// `update_add_htlc` → `UpdateAddHtlc`: the Rust type name codegen gives a
/// declaration (the checker uses it to refuse two that would clash).
pub fn rust_type_name(name: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_names_read_back_and_short_ones_stay_inline() {
        for text in ["", "a", "amount", "exactly_24_bytes_long___", "a_name_longer_than_twenty_four_bytes", "čaj_☕"] {
            let n = Name::new(text);
            assert_eq!(n.as_str(), text);
            assert_eq!(n, text);
            assert_eq!(format!("{n}"), text);
            assert_eq!(format!("{n:?}"), format!("{text:?}"));
            assert_eq!(n.is_heap_allocated(), text.len() > 24, "{text}");
        }
    }
}
