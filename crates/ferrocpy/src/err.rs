//! Errors: a [`PyErr`] is proof that the interpreter's error indicator is set.

use crate::ffi;
use crate::object::{Borrowed, Owned};
use crate::python::Python;

/// Proof that a Python exception is pending on this thread.
///
/// Functions that fail return `Err(PyErr)` after the exception was set (by the C API or by
/// [`PyErr::new`]); returning it up to a C entry point makes that entry return `NULL`, which
/// is exactly how C extensions report errors. It carries no data, so the error path costs
/// nothing beyond what C pays.
///
/// # Invariants
/// Created only right after an exception was set on the current, attached thread. Code holding a
/// `PyErr` should return it promptly: calling back into Python first may replace or clear the
/// pending exception (use [`PyErr::take`] to keep it aside).
#[must_use = "a PyErr means an exception is pending; return it or clear it"]
#[derive(Debug)]
pub struct PyErr {
    _private: (),
}

/// The result of a fallible operation that may raise.
pub type PyResult<T> = Result<T, PyErr>;

impl PyErr {
    /// Wraps the exception the C API just set. If, against its contract, none is set, raises
    /// `SystemError` so that `NULL` is never returned without an exception.
    #[cold]
    #[inline(never)]
    pub fn fetch(_py: Python<'_>) -> PyErr {
        // SAFETY: attached thread (token).
        unsafe {
            if ffi::PyErr_Occurred().is_null() {
                set_message(ffi::PyExc_SystemError, "error return without exception set");
            }
        }
        PyErr { _private: () }
    }

    /// Raises `exc_type(msg)`, where `exc_type` is an exception class.
    #[cold]
    pub fn new_from_type(_py: Python<'_>, exc_type: Borrowed<'_, '_>, msg: &str) -> PyErr {
        // SAFETY: attached thread; `exc_type` is a valid object.
        unsafe { set_message(exc_type.as_ptr(), msg) };
        PyErr { _private: () }
    }

    /// Raises the built-in exception `E` with `msg`.
    #[cold]
    pub fn new<E: crate::exc::BuiltinException>(py: Python<'_>, msg: &str) -> PyErr {
        // SAFETY: attached thread; `E::type_ptr` is a built-in exception class.
        unsafe { set_message(E::type_ptr(py), msg) };
        PyErr { _private: () }
    }

    /// Raises `exc_type` with an arbitrary exception value (`PyErr_SetObject`).
    #[cold]
    pub fn new_with_value(
        _py: Python<'_>,
        exc_type: Borrowed<'_, '_>,
        value: Borrowed<'_, '_>,
    ) -> PyErr {
        // SAFETY: attached thread; valid objects.
        unsafe { ffi::PyErr_SetObject(exc_type.as_ptr(), value.as_ptr()) };
        PyErr { _private: () }
    }

    /// Raises `StopIteration(value)`, the value an iterator or generator returns; unlike
    /// [`PyErr::new_with_value`], a tuple `value` is kept whole rather than taken as the
    /// constructor's arguments.
    #[cold]
    pub fn stop_iteration(py: Python<'_>, value: Borrowed<'_, '_>) -> PyErr {
        // SAFETY: attached thread; `StopIteration` is a built-in class; the instance is a new
        // reference (or null with an exception already set, which is then the one raised).
        unsafe {
            let cls = ffi::PyExc_StopIteration;
            let exc = ffi::PyObject_CallOneArg(cls, value.as_ptr());
            if !exc.is_null() {
                ffi::PyErr_SetObject(cls, exc);
                ffi::Py_DECREF(exc);
            }
        }
        PyErr::fetch(py)
    }

    /// Replaces the pending exception with the one `raise_new` raises, chained to it as
    /// Python's `raise new from pending` does: the new exception's `__cause__` and
    /// `__context__` are the pending one.
    #[cold]
    pub fn raise_from(self, py: Python<'_>, raise_new: impl FnOnce(Python<'_>) -> PyErr) -> PyErr {
        let cause = self.take(py);
        let new = raise_new(py).take(py);
        // SAFETY: attached thread; `new` is an exception instance (normalised by `take`) and
        // `cause` one too; each setter steals the reference it is given.
        unsafe {
            if ffi::PyExceptionInstance_Check(new.as_ptr()) {
                ffi::Py_INCREF(cause.as_ptr());
                ffi::PyException_SetContext(new.as_ptr(), cause.as_ptr());
                ffi::PyException_SetCause(new.as_ptr(), cause.into_ptr());
            }
        }
        PyErr::restore(py, new)
    }

    /// Whether the pending exception is an instance of `exc_type`.
    pub fn matches(&self, _py: Python<'_>, exc_type: Borrowed<'_, '_>) -> bool {
        // SAFETY: attached thread, an exception is pending (invariant).
        unsafe { ffi::PyErr_ExceptionMatches(exc_type.as_ptr()) != 0 }
    }

    /// Whether the pending exception is an instance of the built-in `E`.
    pub fn is<E: crate::exc::BuiltinException>(&self, py: Python<'_>) -> bool {
        // SAFETY: attached thread, an exception is pending (invariant).
        unsafe { ffi::PyErr_ExceptionMatches(E::type_ptr(py)) != 0 }
    }

    /// Clears the pending exception.
    pub fn clear(self, _py: Python<'_>) {
        // SAFETY: attached thread.
        unsafe { ffi::PyErr_Clear() }
    }

    /// Removes the pending exception from the indicator and returns it as an object, so that
    /// other Python code can run before it is raised again with [`PyErr::restore`].
    pub fn take<'py>(self, py: Python<'py>) -> Owned<'py> {
        // SAFETY: attached thread, an exception is pending; `PyErr_Fetch` hands out owned
        // references (type, value, traceback), normalised into one exception instance.
        unsafe {
            let (mut t, mut v, mut tb) = (
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            );
            ffi::PyErr_Fetch(&mut t, &mut v, &mut tb);
            ffi::PyErr_NormalizeException(&mut t, &mut v, &mut tb);
            if !tb.is_null() && !v.is_null() {
                ffi::PyException_SetTraceback(v, tb);
            }
            ffi::Py_XDECREF(t);
            ffi::Py_XDECREF(tb);
            if v.is_null() {
                // Cannot happen for a pending exception; keep the contract anyway.
                ffi::Py_INCREF(ffi::Py_None());
                v = ffi::Py_None();
            }
            Owned::from_owned_ptr_unchecked(py, v)
        }
    }

    /// Raises an exception instance previously obtained by [`PyErr::take`].
    pub fn restore(py: Python<'_>, exc: Owned<'_>) -> PyErr {
        // SAFETY: attached thread; `exc` is an exception instance (or None, raised as given).
        unsafe {
            let v = exc.as_borrowed();
            ffi::PyErr_SetObject(ffi::Py_TYPE(v.as_ptr()).cast(), v.as_ptr());
        }
        drop(exc);
        let _ = py;
        PyErr { _private: () }
    }
}

/// Sets `exc_type(msg)` as the pending exception.
///
/// # Safety
/// Attached thread; `exc_type` is a valid exception class.
#[cold]
pub(crate) unsafe fn set_message(exc_type: *mut ffi::PyObject, msg: &str) {
    // SAFETY: the caller's guarantees; the string is created from a valid UTF-8 slice.
    unsafe {
        let s = ffi::PyUnicode_FromStringAndSize(msg.as_ptr().cast(), msg.len() as ffi::Py_ssize_t);
        if s.is_null() {
            return; // MemoryError is now pending, which is the better report.
        }
        ffi::PyErr_SetObject(exc_type, s);
        ffi::Py_DECREF(s);
    }
}
