//! `list`, with every access re-checking the current length: comparisons and callbacks may
//! mutate a list while Rust code walks it.

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, Owned};
use crate::python::Python;

/// A new empty list.
pub fn new(py: Python<'_>) -> PyResult<Owned<'_>> {
    // SAFETY: attached thread.
    unsafe { Owned::from_owned_ptr(py, ffi::PyList_New(0)) }
}

/// Current length of a list (`obj` must be a list or subclass; checked).
#[inline(always)]
pub fn len(obj: Borrowed<'_, '_>) -> Option<usize> {
    if !obj.is_list() {
        return None;
    }
    // SAFETY: checked to be a list just above.
    Some(unsafe { ffi::PyList_GET_SIZE(obj.as_ptr()) } as usize)
}

/// A new reference to item `i`, or `None` if `i` is out of bounds *now*. Holding the new
/// reference keeps the item alive even if a callback removes it from the list.
#[inline(always)]
pub fn get<'py>(obj: Borrowed<'_, 'py>, i: usize) -> Option<Owned<'py>> {
    let n = len(obj)?;
    if i >= n {
        return None;
    }
    // SAFETY: a list and `i < len` checked just above with no Python code in between; the item
    // is a valid object; we take our own reference before anything else can run.
    unsafe {
        let item = ffi::PyList_GET_ITEM(obj.as_ptr(), i as _);
        ffi::Py_INCREF(item);
        Some(Owned::from_owned_ptr_unchecked(obj.py(), item))
    }
}

/// Replaces item `i` with `value`, releasing the old item; `None` if out of bounds now.
#[inline(always)]
pub fn set(obj: Borrowed<'_, '_>, i: usize, value: Owned<'_>) -> Option<()> {
    let n = len(obj)?;
    if i >= n {
        return None;
    }
    // SAFETY: a list, `i < len` just checked; the slot takes our reference and the old item is
    // released after the store (its destructor may run Python code, which is fine now that the
    // list is consistent).
    unsafe {
        let slot = (*obj.as_ptr().cast::<ffi::PyListObject>()).ob_item.add(i);
        let old = std::ptr::replace(slot, value.into_ptr());
        ffi::Py_XDECREF(old);
    }
    Some(())
}

/// Swaps items `i` and `j`; `None` if either is out of bounds now.
#[inline(always)]
pub fn swap(obj: Borrowed<'_, '_>, i: usize, j: usize) -> Option<()> {
    let n = len(obj)?;
    if i >= n || j >= n {
        return None;
    }
    // SAFETY: a list with both indices in bounds; swapping two slots keeps every reference
    // owned exactly once and runs no Python code.
    unsafe {
        let items = (*obj.as_ptr().cast::<ffi::PyListObject>()).ob_item;
        std::ptr::swap(items.add(i), items.add(j));
    }
    Some(())
}

/// `list.append(value)` for a list or subclass, as `PyList_Append` does (no method lookup).
///
/// When `PyList_Append` would keep the list's storage as it is, the item is stored in place, as
/// the interpreter's own inline append does; otherwise `PyList_Append` resizes it. From 3.12
/// that is whenever there is a free slot; before, also only while the list stays at least half as
/// long as its storage (3.10 and 3.11 go through the general resize, which may shrink).
#[inline]
pub fn append(obj: Borrowed<'_, '_>, value: Borrowed<'_, '_>) -> PyResult<()> {
    if let Some(n) = len(obj) {
        if let Some(room) = spare(obj, n) {
            if room > 0 && (cfg!(Py_3_12) || n + 1 >= (n + room) / 2) {
                // SAFETY: a list (checked by `len`) whose storage has more than `n` slots; slot
                // `n` is past the items, so filling it and then counting it keeps every item
                // owned exactly once; nothing runs in between.
                unsafe {
                    ffi::Py_INCREF(value.as_ptr());
                    let items = (*obj.as_ptr().cast::<ffi::PyListObject>()).ob_item;
                    *items.add(n) = value.as_ptr();
                    set_len(obj, n + 1);
                }
                return Ok(());
            }
        }
    }
    // SAFETY: attached thread; `PyList_Append` checks the type itself.
    if unsafe { ffi::PyList_Append(obj.as_ptr(), value.as_ptr()) } < 0 {
        return Err(PyErr::fetch(obj.py()));
    }
    Ok(())
}

/// `list.insert(i, value)` as `PyList_Insert` does: `i` counts from the end when negative and is
/// clamped to the list.
///
/// When `PyList_Insert` would keep the list's storage as it is (a free slot, and the list still
/// at least half as long as its storage), the items are moved up in place; otherwise it is
/// called to resize. Either way the storage afterwards is the same.
#[inline]
pub fn insert(obj: Borrowed<'_, '_>, i: isize, value: Borrowed<'_, '_>) -> PyResult<()> {
    if let Some(n) = len(obj) {
        if let Some(room) = spare(obj, n) {
            // C's resize leaves the storage alone when it has room for `n + 1` items and
            // `n + 1` is at least half of it; otherwise it reallocates (to grow or to shrink).
            if room > 0 && n + 1 >= (n + room) / 2 {
                let at = if i < 0 {
                    (i + n as isize).max(0) as usize
                } else {
                    (i as usize).min(n)
                };
                // SAFETY: a list (checked by `len`) whose storage has more than `n` slots; the
                // items `at..n` move up one slot (`ptr::copy` allows the overlap), then slot
                // `at` takes a new reference to `value` and the length counts it: every item is
                // owned exactly once and no Python code runs in between.
                unsafe {
                    let items = (*obj.as_ptr().cast::<ffi::PyListObject>()).ob_item;
                    std::ptr::copy(items.add(at), items.add(at + 1), n - at);
                    ffi::Py_INCREF(value.as_ptr());
                    *items.add(at) = value.as_ptr();
                    set_len(obj, n + 1);
                }
                return Ok(());
            }
        }
    }
    // SAFETY: attached thread; `PyList_Insert` checks the type and clamps the index.
    if unsafe { ffi::PyList_Insert(obj.as_ptr(), i as _, value.as_ptr()) } < 0 {
        return Err(PyErr::fetch(obj.py()));
    }
    Ok(())
}

/// The number of unused slots after the `n` items of list `obj` (its current length), where the
/// storage is the plain array of the builds with a GIL; `None` on free-threaded builds, whose
/// storage is shared with concurrent readers and only resized by the interpreter.
#[inline(always)]
fn spare(obj: Borrowed<'_, '_>, n: usize) -> Option<usize> {
    #[cfg(Py_GIL_DISABLED)]
    {
        let _ = (obj, n);
        None
    }
    #[cfg(not(Py_GIL_DISABLED))]
    {
        // SAFETY: `obj` is a list (the caller read its length with `len`); `allocated` is the
        // number of slots `ob_item` points to, never below the length.
        let allocated = unsafe { (*obj.as_ptr().cast::<ffi::PyListObject>()).allocated };
        Some((allocated as usize).saturating_sub(n))
    }
}

/// Sets the length of list `obj` to `n`.
///
/// # Safety
/// `obj` is a list with at least `n` slots allocated, the first `n` holding owned references.
#[inline(always)]
unsafe fn set_len(obj: Borrowed<'_, '_>, n: usize) {
    // SAFETY: a list is a variable-size object (caller).
    unsafe { (*obj.as_ptr().cast::<ffi::PyVarObject>()).ob_size = n as ffi::Py_ssize_t };
}

/// Removes and returns the last item; `None` if the list is empty. The storage ends as
/// `PyList_SetSlice(list, n - 1, n, NULL)` leaves it (the call C's `heapq` makes): kept when the
/// list stays at least half as long as its storage and not empty, which is done here in place;
/// freed or shrunk otherwise, by that call.
#[inline]
pub fn pop_last<'py>(obj: Borrowed<'_, 'py>) -> PyResult<Option<Owned<'py>>> {
    let Some(n) = len(obj) else {
        return Ok(None);
    };
    if n == 0 {
        return Ok(None);
    }
    if let Some(room) = spare(obj, n) {
        let kept = n - 1;
        if kept > 0 && kept >= (n + room) / 2 {
            // SAFETY: a list (checked by `len`) of `n > 1` items: uncounting the last item
            // hands the list's reference to it over to us, so it stays owned exactly once;
            // nothing runs in between.
            unsafe {
                let items = (*obj.as_ptr().cast::<ffi::PyListObject>()).ob_item;
                let last = *items.add(kept);
                set_len(obj, kept);
                return Ok(Some(Owned::from_owned_ptr_unchecked(obj.py(), last)));
            }
        }
    }
    let last = get(obj, n - 1).expect("in bounds");
    // SAFETY: attached thread; a list; deleting the slice [n-1, n) drops the list's reference
    // while we hold our own in `last`.
    let (start, end) = ((n - 1) as ffi::Py_ssize_t, n as ffi::Py_ssize_t);
    // SAFETY: as above.
    let rc = unsafe { ffi::PyList_SetSlice(obj.as_ptr(), start, end, std::ptr::null_mut()) };
    if rc < 0 {
        return Err(PyErr::fetch(obj.py()));
    }
    Ok(Some(last))
}

/// A new list holding `items` in order (the list takes the references), built at its final
/// size in one allocation.
pub fn from_vec<'py>(py: Python<'py>, items: Vec<Owned<'py>>) -> PyResult<Owned<'py>> {
    // SAFETY: attached thread; new reference or null with an exception.
    let l = unsafe { Owned::from_owned_ptr(py, ffi::PyList_New(items.len() as ffi::Py_ssize_t))? };
    for (i, item) in items.into_iter().enumerate() {
        // SAFETY: a fresh list of the right length whose slots are all still empty and that no
        // Python code has seen; each slot is filled once with an owned reference it steals.
        unsafe { ffi::PyList_SET_ITEM(l.as_ptr(), i as ffi::Py_ssize_t, item.into_ptr()) };
    }
    Ok(l)
}

/// A new list holding new references to `items`, in order, built at its final size in one
/// allocation (the caller keeps its own references).
#[inline]
pub fn from_slice<'py>(py: Python<'py>, items: &[Owned<'py>]) -> PyResult<Owned<'py>> {
    // SAFETY: attached thread; new reference or null with an exception.
    let l = unsafe { Owned::from_owned_ptr(py, ffi::PyList_New(items.len() as ffi::Py_ssize_t))? };
    for (i, item) in items.iter().enumerate() {
        // SAFETY: a fresh list of length `items.len()` whose slots are all still empty and that
        // no Python code has seen; slot `i` is filled once with a new reference, which it steals.
        unsafe { ffi::PyList_SET_ITEM(l.as_ptr(), i as ffi::Py_ssize_t, item.clone().into_ptr()) };
    }
    Ok(l)
}
