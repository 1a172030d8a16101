//! Rich comparisons of list items in place, for accelerators whose comparisons may run Python
//! code that mutates the very list being walked (heapq, bisect).
//!
//! Every access re-checks the list's current length. An item is compared through a borrowed
//! pointer only when both operands are *inert*: exact `int`, `bool`, `float`, `str` or
//! `bytes`, whose comparisons with each other run no Python code, so nothing can remove the
//! item from the list (and free it) mid-comparison. Two exact tuples whose compared items are
//! inert are compared the same way, as `tuple`'s own comparison does it (items are compared
//! for equality, identity counting as equal, and the first unequal pair decides), since a
//! tuple's items cannot change. Any other item is compared through a new reference, which keeps
//! it alive whatever the comparison does.

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
            (true, Some(slot)) => return slot_result(slot(a, b, raw_op(op))),
            _ => ffi::PyObject_RichCompareBool(a, b, raw_op(op)),
        };
        if r < 0 {
            Err(())
        } else {
            Ok(r == 1)
        }
    }
}

/// Reduces the result of a comparison slot to a truth value (`PyObject_RichCompareBool`'s last
/// step), releasing it.
///
/// # Safety
/// `res` is null with an exception set, or a new reference to a valid object; attached thread.
#[inline(always)]
unsafe fn slot_result(res: *mut ffi::PyObject) -> Result<bool, ()> {
    if res.is_null() {
        return Err(());
    }
    // SAFETY: `res` is a valid object we own (caller's guarantee). `True`/`False` are never
    // deallocated by this release (the interpreter holds its own references); any other result
    // may run Python code in `__bool__` or its destructor, which is the caller's concern, as it
    // is `PyObject_RichCompareBool`'s.
    unsafe {
        // From 3.12 on `True` and `False` are immortal: releasing them changes nothing, so
        // the common results skip the release entirely.
        #[cfg(Py_3_12)]
        {
            if res == ffi::Py_True() {
                return Ok(true);
            }
            if res == ffi::Py_False() {
                return Ok(false);
            }
        }
        let t = if res == ffi::Py_True() {
            1
        } else if res == ffi::Py_False() {
            0
        } else {
            ffi::PyObject_IsTrue(res)
        };
        ffi::Py_DECREF(res);
        if t < 0 {
            Err(())
        } else {
            Ok(t == 1)
        }
    }
}

/// `a op b` (`PyObject_RichCompareBool`) without running Python code, when that is possible:
/// an inert pair, or two exact tuples whose compared items are inert pairs. `None` otherwise.
///
/// # Safety
/// `a` and `b` are valid objects kept alive for the call; attached thread.
#[inline(always)]
unsafe fn compare_no_python(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    op: CompareOp,
) -> Option<Result<bool, ()>> {
    if let Some((tp, same)) = inert_pair(a, b) {
        return Some(compare_inert_raw(a, b, tp, same, op));
    }
    // SAFETY: forwarded from the caller.
    unsafe { compare_tuples_inert(a, b, op) }
}

/// `a op b` for two exact tuples, as `tuple`'s comparison slot computes it, when every item
/// pair it has to look at is identical or inert; `None` if either operand is not an exact tuple
/// or an item pair is neither (the caller then compares through references). Runs no Python
/// code: a tuple's items never change, and inert comparisons call nothing back.
///
/// # Safety
/// `a` and `b` are valid objects kept alive for the call; attached thread.
#[inline(never)]
unsafe fn compare_tuples_inert(
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    op: CompareOp,
) -> Option<Result<bool, ()>> {
    let tuple = addr_of_mut!(ffi::PyTuple_Type);
    // SAFETY: valid objects (caller's guarantee); their types are read, and only once both are
    // known to be exact tuples are their sizes and items (borrowed, owned by the immutable
    // tuples, which the caller keeps alive) read, with indices below both sizes.
    unsafe {
        if ffi::Py_TYPE(a) != tuple || ffi::Py_TYPE(b) != tuple {
            return None;
        }
        if a == b && matches!(op, CompareOp::Eq | CompareOp::Ne) {
            return Some(Ok(op == CompareOp::Eq));
        }
        let (na, nb) = (ffi::PyTuple_GET_SIZE(a), ffi::PyTuple_GET_SIZE(b));
        for i in 0..na.min(nb) {
            let (x, y) = (ffi::PyTuple_GET_ITEM(a, i), ffi::PyTuple_GET_ITEM(b, i));
            if x == y {
                // `PyObject_RichCompareBool(x, y, Py_EQ)` is 1 for identical objects.
                continue;
            }
            let (tp, same) = inert_pair(x, y)?;
            match compare_inert_raw(x, y, tp, same, CompareOp::Eq) {
                Err(()) => return Some(Err(())),
                Ok(true) => continue,
                // The first unequal pair decides: `Eq`/`Ne` directly, the others with `op`.
                Ok(false) => {
                    return Some(match op {
                        CompareOp::Eq => Ok(false),
                        CompareOp::Ne => Ok(true),
                        _ => compare_inert_raw(x, y, tp, same, op),
                    })
                }
            }
        }
        Some(Ok(match op {
            CompareOp::Lt => na < nb,
            CompareOp::Le => na <= nb,
            CompareOp::Eq => na == nb,
            CompareOp::Ne => na != nb,
            CompareOp::Gt => na > nb,
            CompareOp::Ge => na >= nb,
        }))
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
    // SAFETY: the list keeps both items alive: the comparison runs no Python code.
    if let Some(r) = unsafe { compare_no_python(a, b, op) } {
        return Some(r.map_err(|()| PyErr::fetch(obj.py())));
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
    // SAFETY: the list keeps the item alive, the caller `other`: the comparison runs no Python
    // code.
    if let Some(r) = unsafe { compare_no_python(a, b, op) } {
        return Some(ItemCompare::Done(r.map_err(|()| PyErr::fetch(obj.py()))));
    }
    list::get(obj, i).map(ItemCompare::Item)
}

/// A value compared with the items of one exact list again and again (a binary search): its
/// type, and that type's comparison slot when the value is inert, are looked up once, as C's
/// `_bisect` caches them.
///
/// # Invariants
/// `list` is an exact `list` (a static type, whose `__class__` cannot be reassigned, so it
/// stays one); `slot` is `Some` only when `x` is inert, and is then its type's comparison slot.
#[derive(Clone, Copy)]
pub struct ListProbe<'a, 'py> {
    list: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    x_type: *mut ffi::PyTypeObject,
    slot: ffi::richcmpfunc,
    value: Value,
}

/// The value of an exact float or one-digit int probe, compared in place with items of the same
/// type as their comparison slots would compare them.
#[derive(Clone, Copy)]
enum Value {
    Float(f64),
    Int(isize),
    Other,
}

#[inline(always)]
fn compare_values<T: PartialOrd>(x: T, y: T, op: CompareOp) -> bool {
    match op {
        CompareOp::Lt => x < y,
        CompareOp::Le => x <= y,
        CompareOp::Eq => x == y,
        CompareOp::Ne => x != y,
        CompareOp::Gt => x > y,
        CompareOp::Ge => x >= y,
    }
}

impl<'a, 'py> ListProbe<'a, 'py> {
    /// The probe `x` for the exact list `list`; `None` if `list` is not an exact list.
    #[inline(always)]
    pub fn new(list: Borrowed<'a, 'py>, x: Borrowed<'a, 'py>) -> Option<Self> {
        if !list.is_exact_list() {
            return None;
        }
        let x_type = x.type_ptr();
        let slot = match inert_kind(x_type) {
            // SAFETY: a live object's type is valid; reading its slot.
            Some(_) => unsafe { (*x_type).tp_richcompare },
            None => None,
        };
        // SAFETY: `x` is a live object; its payload is read only for the exact type checked.
        let value = unsafe {
            if x_type == addr_of_mut!(ffi::PyFloat_Type) {
                Value::Float(ffi::PyFloat_AS_DOUBLE(x.as_ptr()))
            } else if x_type == addr_of_mut!(ffi::PyLong_Type) {
                ffi::long_compact_value(x.as_ptr()).map_or(Value::Other, Value::Int)
            } else {
                Value::Other
            }
        };
        Some(ListProbe {
            list,
            x,
            x_type,
            slot,
            value,
        })
    }

    /// `list[i] op x` (`item_first`) or `x op list[i]`, like [`compare_item_or_get`]: the result
    /// when no Python code needs to run, else a new reference to the item; `None` if `i` is out
    /// of bounds now.
    #[inline(always)]
    pub fn compare(&self, i: usize, op: CompareOp, item_first: bool) -> Option<ItemCompare<'py>> {
        let list = self.list.as_ptr();
        // SAFETY: an exact list (invariant), its length read now.
        let n = unsafe { ffi::PyList_GET_SIZE(list) } as usize;
        if i >= n {
            return None;
        }
        // SAFETY: `i < len`, checked just above with no Python code in between.
        let item = unsafe { ffi::PyList_GET_ITEM(list, i as _) };
        let (a, b) = if item_first {
            (item, self.x.as_ptr())
        } else {
            (self.x.as_ptr(), item)
        };
        if let Some(slot) = self.slot {
            // SAFETY: reading the type of a valid object.
            if unsafe { ffi::Py_TYPE(item) } == self.x_type {
                // An exact float (or one-digit int) against one of the same type: the values
                // compared here, with the result the type's slot computes (IEEE comparisons,
                // NaN included; the slot has no identity shortcut for these operators either).
                // SAFETY: `item` is of exactly the probe's type, checked just above.
                let known = unsafe {
                    match self.value {
                        Value::Float(x) => Some((ffi::PyFloat_AS_DOUBLE(item), x)),
                        _ => None,
                    }
                };
                if let Some((v, x)) = known {
                    let (l, r) = if item_first { (v, x) } else { (x, v) };
                    return Some(ItemCompare::Done(Ok(compare_values(l, r, op))));
                }
                if let Value::Int(x) = self.value {
                    // SAFETY: `item` is an exact int (same type as the probe).
                    if let Some(v) = unsafe { ffi::long_compact_value(item) } {
                        let (l, r) = if item_first { (v, x) } else { (x, v) };
                        return Some(ItemCompare::Done(Ok(compare_values(l, r, op))));
                    }
                }
                // SAFETY: two objects of the same exact inert type (invariant: `slot` is that
                // type's comparison slot), kept alive by the list and the caller; calling it is
                // what `PyObject_RichCompare` would do, and it runs no Python code.
                let r = unsafe { slot_result(slot(a, b, raw_op(op))) };
                return Some(ItemCompare::Done(r.map_err(|()| PyErr::fetch(self.x.py()))));
            }
        }
        // SAFETY: as in `compare_item_or_get`.
        if let Some(r) = unsafe { compare_no_python(a, b, op) } {
            return Some(ItemCompare::Done(r.map_err(|()| PyErr::fetch(self.x.py()))));
        }
        list::get(self.list, i).map(ItemCompare::Item)
    }
}

impl<'py> ListProbe<'_, 'py> {
    /// A new reference to `list[i]`, or `None` if `i` is out of bounds now.
    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<Owned<'py>> {
        let list = self.list.as_ptr();
        // SAFETY: an exact list (invariant), its length read now.
        let n = unsafe { ffi::PyList_GET_SIZE(list) } as usize;
        if i >= n {
            return None;
        }
        // SAFETY: `i < len` just checked with no Python code in between; the item is a valid
        // object, and our own reference is taken before anything else can run.
        unsafe {
            let item = ffi::PyList_GET_ITEM(list, i as _);
            ffi::Py_INCREF(item);
            Some(Owned::from_owned_ptr_unchecked(self.list.py(), item))
        }
    }
}

/// `x < other` or `other < x` for one value `x` compared again and again, the way C's `_bisect`
/// (3.12+) does it: when `other` is of exactly `x`'s type, that type's comparison slot, looked
/// up once, is called directly; after it answers `NotImplemented` the shortcut is dropped for
/// the rest of the search; anything else goes through `PyObject_RichCompareBool`.
///
/// # Invariants
/// `slot` is `Some` only while it is `x_type`'s comparison slot, and only if the shortcut is
/// allowed for every type (`any_type`) or `x` is inert (for which the direct call is exactly
/// what `PyObject_RichCompareBool` would end up doing).
pub struct LessThan<'a, 'py> {
    x: Borrowed<'a, 'py>,
    x_type: *mut ffi::PyTypeObject,
    slot: ffi::richcmpfunc,
}

impl<'a, 'py> LessThan<'a, 'py> {
    /// The comparisons against `x`; `any_type` enables the direct slot call for every type
    /// (C's behaviour from 3.12 on), otherwise only for inert ones (unobservable).
    #[inline(always)]
    pub fn new(x: Borrowed<'a, 'py>, any_type: bool) -> Self {
        let x_type = x.type_ptr();
        let slot = if any_type || inert_kind(x_type).is_some() {
            // SAFETY: a live object's type is valid; reading its slot.
            unsafe { (*x_type).tp_richcompare }
        } else {
            None
        };
        LessThan { x, x_type, slot }
    }

    /// `x < other` (`x_first`) or `other < x`. `other` must stay alive for the call, which
    /// may run Python code.
    #[inline(always)]
    pub fn less(&mut self, other: Borrowed<'_, 'py>, x_first: bool) -> PyResult<bool> {
        let (a, b) = if x_first {
            (self.x.as_ptr(), other.as_ptr())
        } else {
            (other.as_ptr(), self.x.as_ptr())
        };
        if let Some(slot) = self.slot {
            if other.type_ptr() == self.x_type {
                // SAFETY: both operands are of exactly the slot's type (invariant) and kept
                // alive by the caller's handles for the whole call; attached thread. The
                // result is a new reference or null with an exception set.
                let res = unsafe { slot(a, b, ffi::Py_LT as std::ffi::c_int) };
                // SAFETY: as `slot_result` requires: null or a new reference.
                unsafe {
                    if res != ffi::Py_NotImplemented() {
                        return slot_result(res).map_err(|()| PyErr::fetch(self.x.py()));
                    }
                    ffi::Py_DECREF(res);
                }
                self.slot = None;
            }
        }
        // SAFETY: valid objects kept alive by the handles; attached thread.
        let r = unsafe { ffi::PyObject_RichCompareBool(a, b, ffi::Py_LT as std::ffi::c_int) };
        if r < 0 {
            Err(PyErr::fetch(self.x.py()))
        } else {
            Ok(r == 1)
        }
    }
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
