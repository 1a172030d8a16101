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
#[inline]
pub fn append(obj: Borrowed<'_, '_>, value: Borrowed<'_, '_>) -> PyResult<()> {
    // SAFETY: attached thread; `PyList_Append` checks the type itself.
    if unsafe { ffi::PyList_Append(obj.as_ptr(), value.as_ptr()) } < 0 {
        return Err(PyErr::fetch(obj.py()));
    }
    Ok(())
}

/// `list.insert(i, value)` as `PyList_Insert` does.
#[inline]
pub fn insert(obj: Borrowed<'_, '_>, i: isize, value: Borrowed<'_, '_>) -> PyResult<()> {
    // SAFETY: attached thread; `PyList_Insert` checks the type and clamps the index.
    if unsafe { ffi::PyList_Insert(obj.as_ptr(), i as _, value.as_ptr()) } < 0 {
        return Err(PyErr::fetch(obj.py()));
    }
    Ok(())
}

/// Removes and returns the last item; `None` if the list is empty.
#[inline]
pub fn pop_last<'py>(obj: Borrowed<'_, 'py>) -> PyResult<Option<Owned<'py>>> {
    let Some(n) = len(obj) else {
        return Ok(None);
    };
    if n == 0 {
        return Ok(None);
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
