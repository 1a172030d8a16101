//! The attached-thread token.

use crate::ffi;
use crate::object::Borrowed;
use std::marker::PhantomData;

/// Proof that the current thread is attached to the interpreter (holds the GIL, or on a
/// free-threaded build has an active thread state) for the lifetime `'py`.
///
/// # Invariants
/// A value of this type exists only while the current thread is attached. It is neither `Send`
/// nor `Sync`, so it cannot reach a thread that is not.
#[derive(Clone, Copy)]
pub struct Python<'py> {
    _marker: PhantomData<(&'py (), *mut ())>,
}

impl<'py> Python<'py> {
    /// Creates the token.
    ///
    /// # Safety
    /// The current thread must be attached to the interpreter for all of `'py`.
    #[inline(always)]
    pub unsafe fn assume_attached() -> Self {
        Python {
            _marker: PhantomData,
        }
    }

    /// `None`.
    #[inline(always)]
    pub fn none(self) -> Borrowed<'py, 'py> {
        // SAFETY: `None` is a static object that lives as long as the interpreter.
        unsafe { Borrowed::from_ptr(self, ffi::Py_None()) }
    }

    /// `True` or `False`.
    #[inline(always)]
    pub fn bool(self, value: bool) -> Borrowed<'py, 'py> {
        let ptr = if value {
            ffi::Py_True()
        } else {
            ffi::Py_False()
        };
        // SAFETY: the bool singletons are static objects.
        unsafe { Borrowed::from_ptr(self, ptr) }
    }

    /// `NotImplemented`.
    #[inline(always)]
    pub fn not_implemented(self) -> Borrowed<'py, 'py> {
        // SAFETY: `NotImplemented` is a static object.
        unsafe { Borrowed::from_ptr(self, ffi::Py_NotImplemented()) }
    }

    /// Minor version of the interpreter this extension was built for (3.`N`).
    #[inline(always)]
    pub const fn version_minor(self) -> u32 {
        ffi::target::PY_MINOR
    }

    /// Runs `f` with the thread detached from the interpreter (the GIL released), so other
    /// threads can run Python code meanwhile. `f` cannot touch Python objects: it must be
    /// `Send`, which neither this token nor any handle is. The thread is re-attached when `f`
    /// returns or unwinds.
    pub fn detach<T, F>(self, f: F) -> T
    where
        F: FnOnce() -> T + Send,
        T: Send,
    {
        struct Reattach(*mut ffi::PyThreadState);
        impl Drop for Reattach {
            fn drop(&mut self) {
                // SAFETY: `self.0` is the state saved by `PyEval_SaveThread` on this thread,
                // restored exactly once, including while unwinding.
                unsafe { ffi::PyEval_RestoreThread(self.0) }
            }
        }
        // SAFETY: the thread is attached (token invariant); the matching restore is in `Reattach`.
        let _guard = Reattach(unsafe { ffi::PyEval_SaveThread() });
        f()
    }
}

/// The interpreter's recursion guard, held for the depth of one nested call
/// ([`Python::enter_recursive_call`]); dropping it leaves the level.
///
/// # Invariants
/// Created only after `Py_EnterRecursiveCall` succeeded on this (attached) thread; it is
/// neither `Send` nor `Sync` and cannot outlive `'py`.
#[must_use = "the recursion level is left when the guard is dropped"]
pub struct RecursionGuard<'py> {
    _py: Python<'py>,
}

impl Drop for RecursionGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: pairs with the successful `Py_EnterRecursiveCall` that created the guard, on
        // the same attached thread (invariant).
        unsafe { ffi::Py_LeaveRecursiveCall() }
    }
}

impl<'py> Python<'py> {
    /// Enters one level of the interpreter's recursion limit (`Py_EnterRecursiveCall`), as C
    /// code does before recursing on nested data: past the limit it raises `RecursionError`
    /// whose message ends with `where_` (e.g. `c" while encoding a JSON object"`). Keep the
    /// guard alive for the recursive work.
    #[inline]
    pub fn enter_recursive_call(
        self,
        where_: &std::ffi::CStr,
    ) -> crate::PyResult<RecursionGuard<'py>> {
        // SAFETY: attached thread (token); `where_` is NUL-terminated and only read.
        if unsafe { ffi::Py_EnterRecursiveCall(where_.as_ptr()) } != 0 {
            return Err(crate::PyErr::fetch(self));
        }
        Ok(RecursionGuard { _py: self })
    }
}

/// Whether the current thread is attached to an interpreter (used where no token can be had,
/// such as `Drop` of values stored outside a call).
#[inline]
pub(crate) fn thread_is_attached() -> bool {
    // SAFETY: both functions only read the current thread state pointer and may be called in
    // any state.
    #[cfg(Py_3_13)]
    let state = unsafe { ffi::PyThreadState_GetUnchecked() };
    #[cfg(not(Py_3_13))]
    // SAFETY: as above.
    let state = unsafe { ffi::_PyThreadState_UncheckedGet() };
    !state.is_null()
}
