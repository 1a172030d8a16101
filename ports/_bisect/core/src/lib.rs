//! The algorithm of CPython's `_bisect`, with no Python types.
//!
//! The port's binding supplies the sequence and the comparison as closures; every comparison
//! may fail (an exception) and may run code that changes the sequence, so the search never
//! caches an item or a length: it asks the probe for item `mid` afresh at every step, and the
//! probe reports a sequence that became too short as an error of its own. The probe order
//! (which `mid` is compared, in which direction) is CPython's, so a comparison with side
//! effects observes the same calls in the same order.

#![forbid(unsafe_code)]

/// Which end of a run of equal items the insertion point goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// `bisect_left`: before any items equal to `x`; the probe answers `a[mid] < x`.
    Left,
    /// `bisect_right`: after any items equal to `x`; the probe answers `x < a[mid]`.
    Right,
}

/// Why the bounds could not be resolved.
#[derive(Debug, PartialEq, Eq)]
pub enum BoundsError<E> {
    /// `lo < 0` (C: `ValueError("lo must be non-negative")`, from 3.15 `"lo cannot be
    /// negative"`).
    NegativeLo,
    /// Asking the sequence for its length failed.
    Len(E),
}

/// Resolves the caller's `lo` and `hi` as C does: `lo` must be non-negative; `hi == -1` (the
/// default) means the sequence's length, asked only then; a `hi` at or below `lo` (including
/// any other negative value) leaves nothing to search. Returns `(lo, hi)` with `lo <= hi`.
pub fn bounds<E>(
    lo: isize,
    hi: isize,
    len: impl FnOnce() -> Result<usize, E>,
) -> Result<(usize, usize), BoundsError<E>> {
    if lo < 0 {
        return Err(BoundsError::NegativeLo);
    }
    let lo = lo as usize;
    let hi = if hi == -1 {
        len().map_err(BoundsError::Len)?
    } else if hi < 0 {
        0
    } else {
        hi as usize
    };
    Ok((lo, hi.max(lo)))
}

/// Binary search of `[lo, hi)`. `less(mid)` fetches item `mid` and answers `a[mid] < x`
/// (`Side::Left`) or `x < a[mid]` (`Side::Right`); its error ends the search. Returns the
/// insertion point.
#[inline(always)]
pub fn search<E>(
    side: Side,
    mut lo: usize,
    mut hi: usize,
    mut less: impl FnMut(usize) -> Result<bool, E>,
) -> Result<usize, E> {
    while lo < hi {
        // Equal to C's `((size_t)lo + hi) / 2` without the intermediate sum.
        let mid = lo + (hi - lo) / 2;
        let lt = less(mid)?;
        match (side, lt) {
            (Side::Right, true) | (Side::Left, false) => hi = mid,
            (Side::Right, false) | (Side::Left, true) => lo = mid + 1,
        }
    }
    Ok(lo)
}

/// A sorted sequence whose items can be compared with a probe value, fallibly.
#[allow(clippy::len_without_is_empty)] // the length is asked once, as C does; emptiness never
pub trait Sorted {
    /// A failure: a comparison that raised, or an item that is no longer there.
    type Error;
    /// The current length.
    fn len(&mut self) -> Result<usize, Self::Error>;
    /// `a[i] < x` for `Side::Left`, `x < a[i]` for `Side::Right`; may change the sequence.
    fn less(&mut self, i: usize, side: Side) -> Result<bool, Self::Error>;
}

/// `bisect_left`/`bisect_right` over a [`Sorted`] sequence, with C's bound handling.
pub fn bisect<S: Sorted>(
    seq: &mut S,
    side: Side,
    lo: isize,
    hi: isize,
) -> Result<usize, BoundsError<S::Error>> {
    let (lo, hi) = bounds(lo, hi, || seq.len())?;
    search(side, lo, hi, |mid| seq.less(mid, side)).map_err(BoundsError::Len)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Hook<'h> = Box<dyn FnMut(&mut Vec<i64>, usize) -> Result<(), &'static str> + 'h>;

    /// A vector of integers with an optional hostile comparison hook.
    struct Mock<'h> {
        items: Vec<i64>,
        x: i64,
        probes: Vec<usize>,
        hook: Option<Hook<'h>>,
    }

    impl<'h> Mock<'h> {
        fn new(items: Vec<i64>, x: i64) -> Self {
            Mock {
                items,
                x,
                probes: vec![],
                hook: None,
            }
        }
    }

    impl Sorted for Mock<'_> {
        type Error = &'static str;
        fn len(&mut self) -> Result<usize, Self::Error> {
            Ok(self.items.len())
        }
        fn less(&mut self, i: usize, side: Side) -> Result<bool, Self::Error> {
            self.probes.push(i);
            let item = *self.items.get(i).ok_or("list index out of range")?;
            if let Some(h) = self.hook.as_mut() {
                h(&mut self.items, i)?;
            }
            Ok(match side {
                Side::Left => item < self.x,
                Side::Right => self.x < item,
            })
        }
    }

    fn reference(items: &[i64], x: i64, side: Side) -> usize {
        match side {
            Side::Left => items.partition_point(|&v| v < x),
            Side::Right => items.partition_point(|&v| v <= x),
        }
    }

    #[test]
    fn agrees_with_partition_point() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..2000 {
            let n = (next() % 40) as usize;
            let mut items: Vec<i64> = (0..n).map(|_| (next() % 10) as i64).collect();
            items.sort();
            let x = (next() % 12) as i64 - 1;
            for side in [Side::Left, Side::Right] {
                let mut m = Mock::new(items.clone(), x);
                assert_eq!(bisect(&mut m, side, 0, -1), Ok(reference(&items, x, side)));
            }
        }
    }

    #[test]
    fn bounds_like_c() {
        let len = || Ok::<usize, ()>(10);
        assert_eq!(bounds(-1, -1, len), Err(BoundsError::NegativeLo));
        assert_eq!(bounds(0, -1, len), Ok((0, 10)));
        assert_eq!(bounds(3, -5, len), Ok((3, 3)));
        assert_eq!(bounds(5, 2, len), Ok((5, 5)));
        assert_eq!(bounds(0, 100, len), Ok((0, 100)));
        assert_eq!(
            bounds(0, -1, || Err::<usize, _>("no len")),
            Err(BoundsError::Len("no len"))
        );
        // The length is only asked for when hi is the default.
        assert_eq!(
            bounds(0, 4, || -> Result<usize, ()> { panic!("asked") }),
            Ok((0, 4))
        );
    }

    #[test]
    fn probe_order_is_cpythons() {
        let mut m = Mock::new((0..16).collect(), 5);
        assert_eq!(bisect(&mut m, Side::Right, 0, -1), Ok(6));
        assert_eq!(m.probes, vec![8, 4, 6, 5]);
        let mut m = Mock::new((0..16).collect(), 5);
        assert_eq!(bisect(&mut m, Side::Left, 0, -1), Ok(5));
        assert_eq!(m.probes, vec![8, 4, 6, 5]);
    }

    #[test]
    fn huge_bounds_do_not_overflow() {
        let mut probes = vec![];
        let r = search(Side::Left, usize::MAX - 3, usize::MAX, |mid| {
            probes.push(mid);
            Ok::<_, ()>(true)
        });
        assert_eq!(r, Ok(usize::MAX));
        assert_eq!(probes, vec![usize::MAX - 2, usize::MAX - 1]);
    }

    #[test]
    fn a_failing_comparison_stops_the_search() {
        let mut calls = 0;
        let mut m = Mock::new((0..100).collect(), 5);
        m.hook = Some(Box::new(|_, _| {
            calls += 1;
            if calls == 3 {
                Err("boom")
            } else {
                Ok(())
            }
        }));
        assert_eq!(
            bisect(&mut m, Side::Right, 0, -1),
            Err(BoundsError::Len("boom"))
        );
        drop(m);
        assert_eq!(calls, 3);
    }

    #[test]
    fn a_shrinking_sequence_is_an_error_not_a_panic() {
        let mut m = Mock::new((0..100).collect(), 70);
        m.hook = Some(Box::new(|items, _| {
            items.clear();
            Ok(())
        }));
        // The first probe (50) sees the item, then the list is emptied; the next probe fails.
        assert_eq!(
            bisect(&mut m, Side::Right, 0, -1),
            Err(BoundsError::Len("list index out of range"))
        );
        assert_eq!(m.probes, vec![50, 75]);
    }

    #[test]
    fn hi_beyond_the_end_reports_the_missing_item() {
        let mut m = Mock::new(vec![1, 2, 3], 2);
        assert_eq!(
            bisect(&mut m, Side::Right, 0, 10),
            Err(BoundsError::Len("list index out of range"))
        );
    }
}
