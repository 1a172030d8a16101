//! Iterators: `iter(obj)` and stepping through any iterable.

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, Owned};

/// `iter(obj)` as an [`Iter`].
pub fn iter<'py>(obj: Borrowed<'_, 'py>) -> PyResult<Iter<'py>> {
    // SAFETY: attached thread; new reference or null with an exception (`TypeError: 'X'
    // object is not iterable`).
    let it = unsafe { Owned::from_owned_ptr(obj.py(), ffi::PyObject_GetIter(obj.as_ptr()))? };
    Ok(Iter { it })
}

/// One step of the iterator `it`, as `next(it)`: `Ok(None)` at its end (`StopIteration`, which
/// is cleared), the exception it raised otherwise, and `TypeError` if `it` is not an iterator.
/// Calls the type's `__next__` slot directly, as C code that stored an iterator does.
#[inline]
pub fn next<'py>(it: Borrowed<'_, 'py>) -> PyResult<Option<Owned<'py>>> {
    let py = it.py();
    // SAFETY: attached thread; `it` is alive (borrowed) and its type object outlives it.
    let slot = unsafe { (*it.type_ptr()).tp_iternext };
    let Some(f) = slot else {
        return Err(not_an_iterator(it));
    };
    // SAFETY: the type's own `tp_iternext`, called with an instance of that type, attached; it
    // returns a new reference, or null at the end (with or without `StopIteration` set) or on
    // error.
    let p = unsafe { f(it.as_ptr()) };
    if !p.is_null() {
        // SAFETY: a new, non-null reference.
        return Ok(Some(unsafe { Owned::from_owned_ptr_unchecked(py, p) }));
    }
    // SAFETY: attached thread.
    if unsafe { ffi::PyErr_Occurred() }.is_null() {
        return Ok(None);
    }
    // SAFETY: attached thread, an exception is set; `PyExc_StopIteration` is a static type.
    if unsafe { ffi::PyErr_ExceptionMatches(ffi::PyExc_StopIteration) } != 0 {
        // SAFETY: attached thread.
        unsafe { ffi::PyErr_Clear() };
        return Ok(None);
    }
    Err(PyErr::fetch(py))
}

#[cold]
fn not_an_iterator(it: Borrowed<'_, '_>) -> PyErr {
    let name = it.type_name();
    crate::exc::TypeError::new_err(it.py(), format!("'{name}' object is not an iterator"))
}

/// A Python iterator, stepped with `next()`; each item is `Ok(object)` or the exception the
/// iterator raised (after which it yields nothing more). `StopIteration` ends the iteration
/// without an error, as in a `for` loop.
pub struct Iter<'py> {
    it: Owned<'py>,
}

impl<'py> Iter<'py> {
    /// The iterator object itself.
    pub fn as_borrowed(&self) -> Borrowed<'_, 'py> {
        self.it.as_borrowed()
    }

    /// The iterator object, owned.
    pub fn into_owned(self) -> Owned<'py> {
        self.it
    }
}

impl<'py> Iterator for Iter<'py> {
    type Item = PyResult<Owned<'py>>;

    fn next(&mut self) -> Option<Self::Item> {
        let py = self.it.py();
        // SAFETY: attached thread; `it` is an iterator (from `PyObject_GetIter`); the result
        // is a new reference, or null at the end (no exception) or on error.
        let p = unsafe { ffi::PyIter_Next(self.it.as_ptr()) };
        if p.is_null() {
            // SAFETY: attached thread.
            if unsafe { ffi::PyErr_Occurred() }.is_null() {
                return None;
            }
            return Some(Err(PyErr::fetch(py)));
        }
        // SAFETY: a new, non-null reference.
        Some(Ok(unsafe { Owned::from_owned_ptr_unchecked(py, p) }))
    }
}
