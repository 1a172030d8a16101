//! Rich comparisons of list items in place, for accelerators whose comparisons may run Python
//! code that mutates the very list being walked (heapq, bisect).
//!
//! Every access re-checks the list's current length. An item is compared through a borrowed
//! pointer only when both operands are *inert*: exact `int`, `bool`, `float`, `str` or
//! `bytes`, whose comparisons with each other run no Python code, so nothing can remove the
//! item from the list (and free it) mid-comparison. Any other item is compared through a new
//! reference, which keeps it alive whatever the comparison does.

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, CompareOp, Owned};
use crate::types::list;
use std::ptr::addr_of_mut;

#[inline(always)]
fn raw_op(op: CompareOp) -> std::ffi::c_int {
    (match op {
        CompareOp::Lt => ffi::Py_LT,
        CompareOp::Le => ffi::Py_LE,
        CompareOp::Eq => ffi::Py_EQ,
        CompareOp::Ne => ffi::Py_NE,
        CompareOp::Gt => ffi::Py_GT,
        CompareOp::Ge => ffi::Py_GE,
    }) as std::ffi::c_int
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Inert {
    Number,
    Str,
    Bytes,
}

#[inline(always)]
fn inert_kind(tp: *mut ffi::PyTypeObject) -> Option<Inert> {
    // Only the addresses of the interpreter's static type objects; nothing is read.
    let (int, float, boolean, str, bytes) = (
        addr_of_mut!(ffi::PyLong_Type),
        addr_of_mut!(ffi::PyFloat_Type),
        addr_of_mut!(ffi::PyBool_Type),
        addr_of_mut!(ffi::PyUnicode_Type),
        addr_of_mut!(ffi::PyBytes_Type),
    );
    if tp == int || tp == float || tp == boolean {
        Some(Inert::Number)
    } else if tp == str {
        Some(Inert::Str)
    } else if tp == bytes {
        Some(Inert::Bytes)
    } else {
        None
    }
}

/// `PyObject_RichCompareBool(a, b, op)` for two valid objects that are both inert (checked by
/// the caller). Runs no Python code.
#[inline(always)]
fn compare_inert_raw(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    tp: *mut ffi::PyTypeObject,
    same_type: bool,
    op: CompareOp,
) -> Result<bool, ()> {
    if a == b && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(op == CompareOp::Eq);
    }
    // SAFETY: `a` and `b` are valid objects (callers hold them, borrowed or owned) and the
    // thread is attached. With both of the same exact built-in type, calling that type's own
    // comparison slot is what `PyObject_RichCompare` would end up doing (no subclass can take
    // priority); it returns a new reference or null with an exception set.
    unsafe {
        let r = match (same_type, (*tp).tp_richcompare) {
            (true, Some(slot)) => {
                let res = slot(a, b, raw_op(op));
                if res.is_null() {
                    return Err(());
                }
                let t = if res == ffi::Py_True() {
                    1
                } else if res == ffi::Py_False() {
                    0
                } else {
                    ffi::PyObject_IsTrue(res)
                };
                ffi::Py_DECREF(res);
                t
            }
            _ => ffi::PyObject_RichCompareBool(a, b, raw_op(op)),
        };
        if r < 0 {
            Err(())
        } else {
            Ok(r == 1)
        }
    }
}

/// Whether `a` and `b` form an inert pair; returns `a`'s type and whether both share it.
#[inline(always)]
fn inert_pair(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
) -> Option<(*mut ffi::PyTypeObject, bool)> {
    // SAFETY: valid objects (callers' guarantee); reading their types.
    let (ta, tb) = unsafe { (ffi::Py_TYPE(a), ffi::Py_TYPE(b)) };
    let ka = inert_kind(ta)?;
    if ta == tb {
        return Some((ta, true));
    }
    (inert_kind(tb)? == ka).then_some((ta, false))
}

/// `a op b` (`PyObject_RichCompareBool`) if both are inert, without running Python code;
/// `None` otherwise (compare with [`Borrowed::compare_bool`]).
#[inline(always)]
pub fn inert_compare(
    a: Borrowed<'_, '_>,
    b: Borrowed<'_, '_>,
    op: CompareOp,
) -> Option<PyResult<bool>> {
    let (tp, same) = inert_pair(a.as_ptr(), b.as_ptr())?;
    Some(compare_inert_raw(a.as_ptr(), b.as_ptr(), tp, same, op).map_err(|()| PyErr::fetch(a.py())))
}

/// `list[i] op list[j]` with `PyObject_RichCompareBool`'s semantics; `None` if `obj` is not a
/// list or `i` or `j` is out of bounds now.
#[inline(always)]
pub fn compare_items(
    obj: Borrowed<'_, '_>,
    i: usize,
    j: usize,
    op: CompareOp,
) -> Option<PyResult<bool>> {
    let n = list::len(obj)?;
    if i >= n || j >= n {
        return None;
    }
    // SAFETY: a list with `i, j < len`, checked just above with no Python code in between;
    // the items are valid objects owned by the list.
    let (a, b) = unsafe {
        (
            ffi::PyList_GET_ITEM(obj.as_ptr(), i as _),
            ffi::PyList_GET_ITEM(obj.as_ptr(), j as _),
        )
    };
    if let Some((tp, same)) = inert_pair(a, b) {
        // The comparison runs no Python code, so the list keeps both items alive throughout.
        return Some(compare_inert_raw(a, b, tp, same, op).map_err(|()| PyErr::fetch(obj.py())));
    }
    compare_items_slow(obj, i, j, op)
}

#[inline(never)]
fn compare_items_slow(
    obj: Borrowed<'_, '_>,
    i: usize,
    j: usize,
    op: CompareOp,
) -> Option<PyResult<bool>> {
    let a = list::get(obj, i)?;
    let b = list::get(obj, j)?;
    Some(a.as_borrowed().compare_bool(b.as_borrowed(), op))
}

/// The outcome of [`compare_item_or_get`].
pub enum ItemCompare<'py> {
    /// Both operands were inert: the comparison's result.
    Done(PyResult<bool>),
    /// A new reference to the item, for the caller to compare as it needs.
    Item(Owned<'py>),
}

/// `list[i] op other` (or `other op list[i]` when `item_first` is false) if both operands are
/// inert; otherwise a new reference to `list[i]`. `None` if `obj` is not a list or `i` is out
/// of bounds now.
#[inline(always)]
pub fn compare_item_or_get<'py>(
    obj: Borrowed<'_, 'py>,
    i: usize,
    other: Borrowed<'_, 'py>,
    op: CompareOp,
    item_first: bool,
) -> Option<ItemCompare<'py>> {
    let n = list::len(obj)?;
    if i >= n {
        return None;
    }
    // SAFETY: a list with `i < len`, checked just above with no Python code in between.
    let item = unsafe { ffi::PyList_GET_ITEM(obj.as_ptr(), i as _) };
    let (a, b) = if item_first {
        (item, other.as_ptr())
    } else {
        (other.as_ptr(), item)
    };
    if let Some((tp, same)) = inert_pair(a, b) {
        return Some(ItemCompare::Done(
            compare_inert_raw(a, b, tp, same, op).map_err(|()| PyErr::fetch(obj.py())),
        ));
    }
    list::get(obj, i).map(ItemCompare::Item)
}

/// Stores `value` at `list[i]` and returns the item it replaces; `None` (and `value` released)
/// if `obj` is not a list or `i` is out of bounds now.
#[inline(always)]
pub fn replace<'py>(obj: Borrowed<'_, 'py>, i: usize, value: Owned<'py>) -> Option<Owned<'py>> {
    let n = list::len(obj)?;
    if i >= n {
        return None;
    }
    // SAFETY: a list with `i < len` just checked; the slot takes `value`'s reference and hands
    // the old item's reference to the caller, so every reference stays owned exactly once and
    // no Python code runs.
    unsafe {
        let slot = (*obj.as_ptr().cast::<ffi::PyListObject>()).ob_item.add(i);
        let old = std::ptr::replace(slot, value.into_ptr());
        Some(Owned::from_owned_ptr_unchecked(obj.py(), old))
    }
}

/// `type(a).tp_richcompare(a, b, op)` called directly (no reflected operation, no recursion
/// accounting) when `b` is of exactly `a`'s type and that type has a comparison slot; `None`
/// otherwise. The result may be `NotImplemented` or any object. This is the shortcut CPython's
/// own `_bisect` takes from 3.12 on; it may run arbitrary Python code.
#[inline(always)]
pub fn richcompare_same_type<'py>(
    a: Borrowed<'_, 'py>,
    b: Borrowed<'_, 'py>,
    op: CompareOp,
) -> Option<PyResult<Owned<'py>>> {
    let tp = a.type_ptr();
    if b.type_ptr() != tp {
        return None;
    }
    // SAFETY: a live object's type is valid; reading its slot.
    let slot = unsafe { (*tp).tp_richcompare }?;
    // SAFETY: both operands are valid objects of the slot's type, kept alive by the caller's
    // handles for the whole call; attached thread; new reference or null with an exception.
    Some(unsafe { Owned::from_owned_ptr(a.py(), slot(a.as_ptr(), b.as_ptr(), raw_op(op))) })
}
