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
use ferrocpy::listcmp::{self, ItemCompare, ListProbe};
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

/// `x < item` (right) or `item < x` (left), with the running version's comparison path.
/// `slot_shortcut` is C's cached `compare` pointer: cleared for the rest of the search after a
/// `NotImplemented`.
#[inline(always)]
fn less(
    side: Side,
    x: Borrowed<'_, '_>,
    item: Borrowed<'_, '_>,
    slot_shortcut: &mut bool,
) -> PyResult<bool> {
    let (a, b) = match side {
        Side::Right => (x, item),
        Side::Left => (item, x),
    };
    // Two inert objects: every path gives the same answer without running Python code.
    if let Some(r) = listcmp::inert_compare(a, b, CompareOp::Lt) {
        return r;
    }
    if *slot_shortcut {
        if let Some(res) = listcmp::richcompare_same_type(a, b, CompareOp::Lt) {
            let res = res?;
            let py = res.py();
            let res = res.as_borrowed();
            if res.is(py.bool(true)) {
                return Ok(true);
            }
            if res.is(py.bool(false)) {
                return Ok(false);
            }
            if !res.is(py.not_implemented()) {
                return res.is_truthy();
            }
            *slot_shortcut = false;
        }
    }
    a.compare_bool(b, CompareOp::Lt)
}

#[cold]
fn list_index_error(py: Python<'_>) -> PyErr {
    IndexError::new_err(py, "list index out of range")
}

/// `a[mid]`, the way C reads it.
#[inline(always)]
fn fetch<'py>(a: Borrowed<'_, 'py>, exact_list: bool, mid: usize) -> PyResult<Owned<'py>> {
    if exact_list {
        list::get(a, mid).ok_or_else(|| list_index_error(a.py()))
    } else {
        sequence::get_item(a, mid)
    }
}

/// The insertion point of `x` (already passed through `key` by insort) in `a[lo:hi]`.
fn internal_bisect(
    side: Side,
    a: Borrowed<'_, '_>,
    x: Borrowed<'_, '_>,
    lo: isize,
    hi: isize,
    key: Borrowed<'_, '_>,
) -> PyResult<usize> {
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
        let label: &'static CStr = match side {
            Side::Right => c" in _bisect.bisect_right",
            Side::Left => c" in _bisect.bisect_left",
        };
        Some(RecursionGuard::enter(py, label)?)
    } else {
        None
    };
    let mut slot_shortcut = modern(py);
    if key.is_none() {
        if let Some(probe) = ListProbe::new(a, x) {
            // The hot path: compare in place when no Python code needs to run.
            return bisect_core::search(side, lo, hi, |mid| {
                match probe.compare(mid, CompareOp::Lt, side == Side::Left) {
                    None => Err(list_index_error(py)),
                    Some(ItemCompare::Done(r)) => r,
                    Some(ItemCompare::Item(item)) => {
                        less(side, x, item.as_borrowed(), &mut slot_shortcut)
                    }
                }
            });
        }
        return bisect_core::search(side, lo, hi, |mid| {
            let item = sequence::get_item(a, mid)?;
            less(side, x, item.as_borrowed(), &mut slot_shortcut)
        });
    }
    bisect_core::search(side, lo, hi, |mid| {
        let item = fetch(a, exact_list, mid)?;
        let k = key.call1(item.as_borrowed())?;
        drop(item);
        less(side, x, k.as_borrowed(), &mut slot_shortcut)
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
