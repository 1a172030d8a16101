//! `ferrocpy.ports._bisect`: a drop-in port of CPython's `_bisect` accelerator.
//!
//! The search lives in `bisect-core` (no Python types); this file fetches items, applies `key`
//! and compares, the way the running interpreter's C module does:
//!
//! - `a` is any sequence; `len(a)` is asked only when `hi` is the default, and every probe
//!   reads `a[mid]` afresh (an exact list through `ferrocpy::listcmp`, which re-checks the
//!   length and keeps items alive across comparisons that run Python code).
//! - From 3.12 on, C checks up front that `a` supports indexing, counts the search as one level
//!   of recursion, and compares two objects of the same type by calling the type's comparison
//!   slot directly (falling back to a full rich comparison after `NotImplemented`); so does the
//!   port, which makes side-effecting comparisons observe the same calls as under C.
//! - `insort_*` inserts with `list.insert` semantics into an exact list and calls
//!   `a.insert(i, x)` on anything else (list subclasses included).
//!
//! The functions are declared once per version range whose C declarations differ: `v310.rs`
//! (3.10, 3.11: no paragraph on `key`), `v312.rs` (3.12, 3.13), `v314.rs` (3.14: `bisect_*`
//! rewrapped) and `v315.rs` (3.15 on: `lo` refused when negative while the arguments are
//! converted, with a reworded message). Signatures are the same in every file.

use bisect_core::{BoundsError, Side};
use ferrocpy::exc::{IndexError, ValueError};
use ferrocpy::listcmp::{ItemCompare, LessThan, ListProbe};
use ferrocpy::sequence::{self, RecursionGuard};
use ferrocpy::types::list;
use ferrocpy::{Borrowed, CompareOp, IntoPyObject, Owned, PyErr, PyResult, Python};
use std::ffi::CStr;

// The declarations of each version's C module (they differ in their docstrings only).
#[cfg(not(Py_3_12))]
mod v310;
#[cfg(all(Py_3_12, not(Py_3_14)))]
mod v312;
#[cfg(all(Py_3_14, not(Py_3_15)))]
mod v314;
#[cfg(Py_3_15)]
mod v315;
#[cfg(not(Py_3_12))]
use v310 as declared;
#[cfg(all(Py_3_12, not(Py_3_14)))]
use v312 as declared;
#[cfg(all(Py_3_14, not(Py_3_15)))]
use v314 as declared;
#[cfg(Py_3_15)]
use v315 as declared;

ferrocpy::module! {
    name: "_bisect",
    doc: "Bisection algorithms.

This module provides support for maintaining a list in sorted order without
having to sort the list after each insertion. For long lists of items with
expensive comparison operations, this can be an improvement over the more
common approach.
",
    state: (),
    methods: [
        declared::clinic::_BISECT_BISECT_RIGHT_METHODDEF,
        declared::clinic::_BISECT_INSORT_RIGHT_METHODDEF,
        declared::clinic::_BISECT_BISECT_LEFT_METHODDEF,
        declared::clinic::_BISECT_INSORT_LEFT_METHODDEF,
    ],
    // A list's items are read only inside the clinic's @critical_section on it.
    gil_not_used: true,
}

/// Whether this interpreter's C module has the 3.12 behaviour (indexing checked up front,
/// recursion guard, same-type comparison shortcut). A constant of the build.
#[inline(always)]
fn modern(_py: Python<'_>) -> bool {
    cfg!(Py_3_12)
}

/// C's message for a negative `lo` (before 3.15; from 3.15 the argument conversion refuses it with
/// `lo cannot be negative` before the search runs).
const NEGATIVE_LO: &str = if cfg!(Py_3_15) {
    "lo cannot be negative"
} else {
    "lo must be non-negative"
};

#[cold]
fn list_index_error(py: Python<'_>) -> PyErr {
    IndexError::new_err(py, "list index out of range")
}

/// What C 3.12+ appends to a `RecursionError` raised on entering a search.
#[inline(always)]
fn guard_label(side: Side) -> &'static CStr {
    match side {
        Side::Right => c" in _bisect.bisect_right",
        Side::Left => c" in _bisect.bisect_left",
    }
}

/// The insertion point of `x` (already passed through `key` by insort) in `a[lo:hi]`.
#[inline(always)]
pub(crate) fn internal_bisect(
    side: Side,
    a: Borrowed<'_, '_>,
    x: Borrowed<'_, '_>,
    lo: isize,
    hi: isize,
    key: Borrowed<'_, '_>,
) -> PyResult<usize> {
    // An empty range answers here, without the search's frame, after exactly C's checks: `lo`
    // and the length (of an exact list, read in place); from 3.12 also the indexing check
    // (nothing to check for an exact list) and the recursion guard, which C enters before its
    // loop whatever the range.
    let py = a.py();
    if lo >= 0 && (!modern(py) || a.is_exact_list()) {
        let hi = match hi {
            -1 if a.is_exact_list() => list::len(a).map_or(-1, |n| n as isize),
            hi => hi,
        };
        if hi != -1 && lo >= hi {
            if modern(py) {
                let _guard = RecursionGuard::enter(py, guard_label(side))?;
            }
            return Ok(lo as usize);
        }
    }
    if a.is_exact_list() {
        // The common call, a list: the general search's frame (registers saved for every
        // path: `key`, any sequence) cost more than the search itself at small n.
        if modern(py) {
            // From 3.12 the search is inlined into the entry point: every call enters the
            // recursion guard (a call) anyway, so the entry's frame is no heavier for it.
            return match side {
                Side::Left => bisect_on::<true>(a, x, lo, hi, key),
                Side::Right => bisect_on::<false>(a, x, lo, hi, key),
            };
        }
        if key.is_none() {
            // Before 3.12 the empty-range shortcut above makes no call, and would pay an
            // inlined search's frame: the search has a function of its own.
            return match side {
                Side::Left => search_list::<true>(a, x, lo, hi),
                Side::Right => search_list::<false>(a, x, lo, hi),
            };
        }
    }
    search(side, a, x, lo, hi, key)
}

/// [`internal_bisect`] of an exact list without `key`.
#[inline(never)]
fn search_list<const LEFT: bool>(
    a: Borrowed<'_, '_>,
    x: Borrowed<'_, '_>,
    lo: isize,
    hi: isize,
) -> PyResult<usize> {
    bisect_on::<LEFT>(a, x, lo, hi, a.py().none())
}

/// [`internal_bisect`] past its shortcuts: `key`, or a sequence other than an exact list.
#[inline(never)]
fn search(
    side: Side,
    a: Borrowed<'_, '_>,
    x: Borrowed<'_, '_>,
    lo: isize,
    hi: isize,
    key: Borrowed<'_, '_>,
) -> PyResult<usize> {
    // One copy of the search per side, so the probe loop carries no run-time side test.
    match side {
        Side::Left => bisect_on::<true>(a, x, lo, hi, key),
        Side::Right => bisect_on::<false>(a, x, lo, hi, key),
    }
}

/// [`internal_bisect`] for `Side::Left` (`LEFT`) or `Side::Right`.
#[inline(always)]
fn bisect_on<const LEFT: bool>(
    a: Borrowed<'_, '_>,
    x: Borrowed<'_, '_>,
    lo: isize,
    hi: isize,
    key: Borrowed<'_, '_>,
) -> PyResult<usize> {
    let side = if LEFT { Side::Left } else { Side::Right };
    let py = a.py();
    let exact_list = a.is_exact_list();
    // An exact list's length is what `len()` would answer, without the protocol call.
    let len = || match list::len(a) {
        Some(n) if exact_list => Ok(n),
        _ => sequence::size(a),
    };
    let (lo, hi) = bisect_core::bounds(lo, hi, len).map_err(|e| match e {
        BoundsError::NegativeLo => ValueError::new_err(py, NEGATIVE_LO),
        BoundsError::Len(e) => e,
    })?;
    let _guard = if modern(py) {
        if !exact_list {
            sequence::check_indexable(a)?;
        }
        Some(RecursionGuard::enter(py, guard_label(side))?)
    } else {
        None
    };
    if lo >= hi {
        // Nothing to probe: C's loop does not run either (its checks above have).
        return Ok(lo);
    }
    // `x < item` (right) or `item < x` (left), with the running version's comparison path.
    let mut lt = LessThan::new(x, modern(py));
    let probe = ListProbe::new(a, x);
    // Each probe closure below is inlined into the search loop: as a function of its own, it saved
    // and restored its registers at every step.
    if key.is_none() {
        if let Some(probe) = probe {
            // The hot path: compare in place when no Python code needs to run.
            return bisect_core::search(
                side,
                lo,
                hi,
                #[inline(always)]
                |mid| match probe.compare(mid, CompareOp::Lt, LEFT) {
                    None => Err(list_index_error(py)),
                    Some(ItemCompare::Done(r)) => r,
                    Some(ItemCompare::Item(item)) => lt.less(item.as_borrowed(), !LEFT),
                },
            );
        }
        return bisect_core::search(
            side,
            lo,
            hi,
            #[inline(always)]
            |mid| {
                let item = sequence::get_item(a, mid)?;
                lt.less(item.as_borrowed(), !LEFT)
            },
        );
    }
    bisect_core::search(
        side,
        lo,
        hi,
        #[inline(always)]
        |mid| {
            let item = match &probe {
                Some(probe) => probe.get(mid).ok_or_else(|| list_index_error(py))?,
                None => sequence::get_item(a, mid)?,
            };
            let k = key.call1(item.as_borrowed())?;
            drop(item);
            lt.less(k.as_borrowed(), !LEFT)
        },
    )
}

/// `insort_*`: the insertion point of `key(x)` (or `x`), then `x` inserted there.
///
/// The common call (an exact list, no `key`) has a function of its own: the general path keeps
/// `key`, its result and the attribute call alive across calls, and the registers it saves for
/// them cost more than the whole insertion into a short list.
#[inline(always)]
pub(crate) fn insort<'py>(
    side: Side,
    a: Borrowed<'_, 'py>,
    x: Borrowed<'_, 'py>,
    lo: isize,
    hi: isize,
    key: Borrowed<'_, 'py>,
) -> PyResult<Owned<'py>> {
    if key.is_none() && a.is_exact_list() {
        insort_list(side, a, x, lo, hi)
    } else {
        insort_any(side, a, x, lo, hi, key)
    }
}

/// [`insort`] into an exact list without `key`.
#[inline(never)]
fn insort_list<'py>(
    side: Side,
    a: Borrowed<'_, 'py>,
    x: Borrowed<'_, 'py>,
    lo: isize,
    hi: isize,
) -> PyResult<Owned<'py>> {
    let py = a.py();
    let index = internal_bisect(side, a, x, lo, hi, py.none())?;
    list::insert(a, index as isize, x)?;
    Ok(py.none().to_owned())
}

/// [`insort`] with `key`, or into anything but an exact list.
#[inline(never)]
fn insort_any<'py>(
    side: Side,
    a: Borrowed<'_, 'py>,
    x: Borrowed<'_, 'py>,
    lo: isize,
    hi: isize,
    key: Borrowed<'_, 'py>,
) -> PyResult<Owned<'py>> {
    let py = a.py();
    let index = if key.is_none() {
        internal_bisect(side, a, x, lo, hi, key)?
    } else {
        let key_x = key.call1(x)?;
        internal_bisect(side, a, key_x.as_borrowed(), lo, hi, key)?
    };
    if a.is_exact_list() {
        list::insert(a, index as isize, x)?;
    } else {
        let index = (index as isize).into_py(py)?;
        a.getattr("insert")?
            .as_borrowed()
            .call(&[index.as_borrowed(), x])?;
    }
    Ok(py.none().to_owned())
}
