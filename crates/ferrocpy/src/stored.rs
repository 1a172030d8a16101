//! [`Stored`]: a strong reference kept beyond one call, for module state.

use crate::ffi;
use crate::object::{Borrowed, Owned};
use crate::python::Python;
use std::ptr::NonNull;

/// A strong reference not tied to one attached period, for values that live in module state
/// (exception classes, cached objects). Use it through [`Stored::bind`] with a token.
///
/// # Invariants
/// `ptr` is a valid object and this value owns one reference to it. `Stored` is neither `Send`
/// nor `Sync`. It is released in `Drop` only if the thread is attached; otherwise the reference
/// is leaked rather than touched without the interpreter (module state is always dropped by the
/// module's clear/free slots, which run attached).
pub struct Stored {
    ptr: NonNull<ffi::PyObject>,
}

impl Stored {
    /// Keeps `obj` beyond the current call.
    pub fn new(obj: Owned<'_>) -> Stored {
        // SAFETY: `into_ptr` hands over a non-null owned reference.
        let ptr = unsafe { NonNull::new_unchecked(obj.into_ptr()) };
        Stored { ptr }
    }

    /// A borrowed handle for the current attached period.
    #[inline(always)]
    pub fn bind<'a, 'py>(&'a self, py: Python<'py>) -> Borrowed<'a, 'py> {
        // SAFETY: `self` keeps the object alive for `'a`; the token proves attachment.
        unsafe { Borrowed::from_ptr(py, self.ptr.as_ptr()) }
    }

    /// The raw pointer (borrowed), e.g. for a GC visit.
    #[inline(always)]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.ptr.as_ptr()
    }
}

impl Drop for Stored {
    fn drop(&mut self) {
        if crate::python::thread_is_attached() {
            // SAFETY: attached (checked), and we own one reference (invariant).
            unsafe { ffi::Py_DECREF(self.ptr.as_ptr()) }
        }
    }
}
