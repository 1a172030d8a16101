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

use bisect_core::{BoundsError, Side};
use ferrocpy::exc::{IndexError, ValueError};
use ferrocpy::listcmp::{ItemCompare, LessThan, ListProbe};
use ferrocpy::sequence::{self, RecursionGuard};
use ferrocpy::types::list;
use ferrocpy::{Borrowed, CompareOp, IntoPyObject, Module, Owned, PyErr, PyResult, Python};
use std::ffi::CStr;

mod clinic {
    include!("clinic/lib.rs");
}

ferrocpy::module! {
    name: "_bisect",
    doc: "Bisection algorithms: the C accelerator of bisect, in Rust.",
    state: (),
    methods: [
        clinic::_BISECT_BISECT_RIGHT_METHODDEF,
        clinic::_BISECT_INSORT_RIGHT_METHODDEF,
        clinic::_BISECT_BISECT_LEFT_METHODDEF,
        clinic::_BISECT_INSORT_LEFT_METHODDEF,
    ],
}

/// Whether this interpreter's C module has the 3.12 behaviour (indexing checked up front,
/// recursion guard, same-type comparison shortcut).
#[inline(always)]
fn modern(py: Python<'_>) -> bool {
    py.version_minor() >= 12
}

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
fn internal_bisect(
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
    search(side, a, x, lo, hi, key)
}

/// [`internal_bisect`] past its inline shortcut.
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
        BoundsError::NegativeLo => ValueError::new_err(py, "lo must be non-negative"),
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
    if key.is_none() {
        if let Some(probe) = probe {
            // The hot path: compare in place when no Python code needs to run.
            return bisect_core::search(side, lo, hi, |mid| {
                match probe.compare(mid, CompareOp::Lt, LEFT) {
                    None => Err(list_index_error(py)),
                    Some(ItemCompare::Done(r)) => r,
                    Some(ItemCompare::Item(item)) => lt.less(item.as_borrowed(), !LEFT),
                }
            });
        }
        return bisect_core::search(side, lo, hi, |mid| {
            let item = sequence::get_item(a, mid)?;
            lt.less(item.as_borrowed(), !LEFT)
        });
    }
    bisect_core::search(side, lo, hi, |mid| {
        let item = match &probe {
            Some(probe) => probe.get(mid).ok_or_else(|| list_index_error(py))?,
            None => sequence::get_item(a, mid)?,
        };
        let k = key.call1(item.as_borrowed())?;
        drop(item);
        lt.less(k.as_borrowed(), !LEFT)
    })
}

/// `insort_*`: the insertion point of `key(x)` (or `x`), then `x` inserted there.
fn insort<'py>(
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

/*[clinic input]
module _bisect state=()
_bisect.bisect_right -> Py_ssize_t

    a: object
    x: object
    lo: Py_ssize_t = 0
    hi: Py_ssize_t(c_default='-1', accept={int, NoneType}) = None
    *
    key: object = None

Return the index where to insert item x in list a, assuming a is sorted.

The return value i is such that all e in a[:i] have e <= x, and all e in
a[i:] have e > x.  So if x already appears in the list, a.insert(i, x) will
insert just after the rightmost x already there.

Optional args lo (default 0) and hi (default len(a)) bound the
slice of a to be searched.

A custom key function can be supplied to customize the sort order.
[clinic start generated code]*/
fn bisect_right_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    a: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    lo: isize,
    hi: isize,
    key: Borrowed<'a, 'py>,
) -> PyResult<isize>
/*[clinic end generated code: output=4fca0740544d77f5 input=34087a6ef6c9d574]*/
{
    let _ = module;
    internal_bisect(Side::Right, a, x, lo, hi, key).map(|i| i as isize)
}

/*[clinic input]
_bisect.insort_right

    a: object
    x: object
    lo: Py_ssize_t = 0
    hi: Py_ssize_t(c_default='-1', accept={int, NoneType}) = None
    *
    key: object = None

Insert item x in list a, and keep it sorted assuming a is sorted.

If x is already in a, insert it to the right of the rightmost x.

Optional args lo (default 0) and hi (default len(a)) bound the
slice of a to be searched.

A custom key function can be supplied to customize the sort order.
[clinic start generated code]*/
fn insort_right_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    a: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    lo: isize,
    hi: isize,
    key: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=73ea2cec959fc23b input=f60777d2b6ddb239]*/
{
    let _ = module;
    insort(Side::Right, a, x, lo, hi, key)
}

/*[clinic input]
_bisect.bisect_left -> Py_ssize_t

    a: object
    x: object
    lo: Py_ssize_t = 0
    hi: Py_ssize_t(c_default='-1', accept={int, NoneType}) = None
    *
    key: object = None

Return the index where to insert item x in list a, assuming a is sorted.

The return value i is such that all e in a[:i] have e < x, and all e in
a[i:] have e >= x.  So if x already appears in the list, a.insert(i, x) will
insert just before the leftmost x already there.

Optional args lo (default 0) and hi (default len(a)) bound the
slice of a to be searched.

A custom key function can be supplied to customize the sort order.
[clinic start generated code]*/
fn bisect_left_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    a: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    lo: isize,
    hi: isize,
    key: Borrowed<'a, 'py>,
) -> PyResult<isize>
/*[clinic end generated code: output=3f5a70dd420d8596 input=f29c4fe7f9b797c7]*/
{
    let _ = module;
    internal_bisect(Side::Left, a, x, lo, hi, key).map(|i| i as isize)
}

/*[clinic input]
_bisect.insort_left

    a: object
    x: object
    lo: Py_ssize_t = 0
    hi: Py_ssize_t(c_default='-1', accept={int, NoneType}) = None
    *
    key: object = None

Insert item x in list a, and keep it sorted assuming a is sorted.

If x is already in a, insert it to the left of the leftmost x.

Optional args lo (default 0) and hi (default len(a)) bound the
slice of a to be searched.

A custom key function can be supplied to customize the sort order.
[clinic start generated code]*/
fn insort_left_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    a: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    lo: isize,
    hi: isize,
    key: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=5cbc4972292384d7 input=0a700a82edbd472c]*/
{
    let _ = module;
    insort(Side::Left, a, x, lo, hi, key)
}
