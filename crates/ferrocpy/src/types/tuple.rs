//! `tuple`.

use crate::err::PyResult;
use crate::ffi;
use crate::object::{Borrowed, Owned};
use crate::python::Python;

/// A new tuple holding `items` (the tuple takes the references): a `Vec`, or an array such as
/// `[a, b]`, which needs no allocation besides the tuple's.
///
/// # Panics
/// If the iterator yields fewer items than its `len()` promised (the tuple made so far is
/// released; its empty slots are allowed there).
#[inline]
pub fn new<'py, I>(py: Python<'py>, items: I) -> PyResult<Owned<'py>>
where
    I: IntoIterator<Item = Owned<'py>>,
    I::IntoIter: ExactSizeIterator,
{
    let mut items = items.into_iter();
    let n = items.len();
    // SAFETY: attached thread; new reference or null with an exception.
    let t = unsafe { Owned::from_owned_ptr(py, ffi::PyTuple_New(n as ffi::Py_ssize_t))? };
    for i in 0..n {
        let item = items
            .next()
            .expect("tuple::new: the iterator was shorter than its len()");
        // SAFETY: `t` is a fresh tuple of length `n` that nobody else sees yet; slot `i < n` is
        // filled once with an owned reference, which the tuple steals.
        unsafe { ffi::PyTuple_SET_ITEM(t.as_ptr(), i as ffi::Py_ssize_t, item.into_ptr()) };
    }
    Ok(t)
}

/// Length of a tuple; `None` if `obj` is not a tuple.
#[inline(always)]
pub fn len(obj: Borrowed<'_, '_>) -> Option<usize> {
    if !obj.is_tuple() {
        return None;
    }
    // SAFETY: checked to be a tuple just above.
    Some(unsafe { ffi::PyTuple_GET_SIZE(obj.as_ptr()) } as usize)
}

/// Item `i` of a tuple (borrowed: tuples are immutable, so it lives as long as the tuple).
#[inline(always)]
pub fn get<'a, 'py>(obj: Borrowed<'a, 'py>, i: usize) -> Option<Borrowed<'a, 'py>> {
    let n = len(obj)?;
    if i >= n {
        return None;
    }
    // SAFETY: a tuple, index in bounds, item non-null in a fully built tuple.
    Some(unsafe { Borrowed::from_ptr(obj.py(), ffi::PyTuple_GET_ITEM(obj.as_ptr(), i as _)) })
}

/// A new tuple of the given objects (each gets a new reference).
pub fn from_borrowed<'py>(py: Python<'py>, items: &[Borrowed<'_, 'py>]) -> PyResult<Owned<'py>> {
    // SAFETY: attached thread; new reference or null with an exception.
    let t = unsafe { Owned::from_owned_ptr(py, ffi::PyTuple_New(items.len() as ffi::Py_ssize_t))? };
    for (i, item) in items.iter().enumerate() {
        // SAFETY: a fresh tuple of the right length, filled once per slot with a new reference
        // that the tuple steals.
        unsafe {
            ffi::Py_INCREF(item.as_ptr());
            ffi::PyTuple_SET_ITEM(t.as_ptr(), i as ffi::Py_ssize_t, item.as_ptr());
        }
    }
    Ok(t)
}
