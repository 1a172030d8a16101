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
