//! List methods of the language (`filter`, `map`, `any`, `all`, `count`, `sum`)
//! for generated code, with predicates that may reject (checked arithmetic
//! inside a lambda rejects the whole input, as everywhere else).

use super::Overflow;

pub fn filter<T: Clone, E>(xs: &[T], mut f: impl FnMut(&T) -> Result<bool, E>) -> Result<Vec<T>, E> {
    let mut out = Vec::new();
    for x in xs {
        if f(x)? {
            out.push(x.clone());
        }
    }
    Ok(out)
}

pub fn map<T, U, E>(xs: &[T], f: impl FnMut(&T) -> Result<U, E>) -> Result<Vec<U>, E> {
    xs.iter().map(f).collect()
}

pub fn any<T, E>(xs: &[T], mut f: impl FnMut(&T) -> Result<bool, E>) -> Result<bool, E> {
    for x in xs {
        if f(x)? {
            return Ok(true);
        }
    }
    Ok(false)
}

pub fn all<T, E>(xs: &[T], mut f: impl FnMut(&T) -> Result<bool, E>) -> Result<bool, E> {
    for x in xs {
        if !f(x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

pub fn count<T, E>(xs: &[T], mut f: impl FnMut(&T) -> Result<bool, E>) -> Result<u64, E> {
    let mut n = 0u64;
    for x in xs {
        if f(x)? {
            n += 1;
        }
    }
    Ok(n)
}

/// The checked sum of unsigned integers, in the elements' own width.
pub fn sum_int<T: Copy + Into<u128> + TryFrom<u128>>(xs: &[T]) -> Result<T, Overflow> {
    let mut total: u128 = 0;
    for x in xs {
        total = total.checked_add((*x).into()).ok_or(Overflow)?;
    }
    T::try_from(total).map_err(|_| Overflow)
}

/// `xs.find(x => …)`: the first element the predicate holds for.
pub fn find<T: Clone, E>(xs: &[T], mut f: impl FnMut(&T) -> Result<bool, E>) -> Result<Option<T>, E> {
    for x in xs {
        if f(x)? {
            return Ok(Some(x.clone()));
        }
    }
    Ok(None)
}

/// `xs.at(i)`: element `i`, if there is one.
pub fn at<T: Clone>(xs: &[T], i: u64) -> Option<T> {
    usize::try_from(i).ok().and_then(|i| xs.get(i)).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_checked_in_the_element_width() {
        assert_eq!(sum_int(&[200u8, 50]), Ok(250));
        assert_eq!(sum_int(&[200u8, 56]), Err(Overflow));
    }

    #[test]
    fn a_rejecting_predicate_stops_the_walk() {
        let r: Result<Vec<u8>, &str> = filter(&[1u8, 2, 3], |x| if *x == 2 { Err("no") } else { Ok(true) });
        assert_eq!(r, Err("no"));
        assert_eq!(count(&[1u8, 2, 3], |x| Ok::<_, ()>(*x > 1)), Ok(2));
    }
}

