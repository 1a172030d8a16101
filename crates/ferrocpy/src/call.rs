//! Calling a Python callable with positional arguments, as the interpreter's own call sites do.
//!
//! A C module built into the interpreter calls `PyObject_CallOneArg` and `PyObject_Vectorcall`
//! inline: it reads the callee's vectorcall entry from its type, calls it, then checks the
//! result against the error indicator. An extension module gets the exported functions instead,
//! one more call per call (and on 3.10 a static inline function reached through a shim). On a
//! `key=` function that runs once per comparison that call is a measurable share of the work, so
//! the steps are done here, with the same checks and messages:
//!
//! - a callee that returns `NULL` without setting an exception raises `SystemError("<callee>
//!   returned NULL without setting an exception")`;
//! - a callee that returns a result while an exception is set has its result released and raises
//!   `SystemError("<callee> returned a result with an exception set")`, whose `__cause__` and
//!   `__context__` are the exception it left set.
//!
//! Objects whose type has no vectorcall entry go through `PyObject_Vectorcall`, which calls
//! `tp_call`. Debug builds (`Py_DEBUG`) always do: there the interpreter's check ends the
//! process on a misbehaving callee, and the exported function keeps that behaviour exactly.

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::object::Owned;
use crate::python::Python;

/// `callable(*args)` with `nargsf` as vectorcall takes it (the argument count, with
/// `PY_VECTORCALL_ARGUMENTS_OFFSET` when `args[-1]` may be overwritten), no keywords.
///
/// # Safety
/// Attached thread (`py`); `callable` is a valid object; `args` points to `nargsf`'s count of
/// valid object pointers, preceded by one writable slot when the offset flag is set.
#[inline(always)]
pub(crate) unsafe fn vectorcall<'py>(
    py: Python<'py>,
    callable: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: usize,
) -> PyResult<Owned<'py>> {
    // SAFETY: the caller's guarantees are those of the C function.
    let result = unsafe { call_raw(py, callable, args, nargsf) };
    // SAFETY: attached thread; `result` is a new reference or null.
    unsafe { Owned::from_owned_ptr(py, result) }
}

/// The raw call behind [`vectorcall`]: a new reference, or null with an exception set.
///
/// # Safety
/// As [`vectorcall`].
#[inline(always)]
unsafe fn call_raw(
    py: Python<'_>,
    callable: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: usize,
) -> *mut ffi::PyObject {
    if cfg!(Py_DEBUG) {
        // SAFETY: the caller's guarantees.
        return unsafe { ffi::PyObject_Vectorcall(callable, args, nargsf, std::ptr::null_mut()) };
    }
    // SAFETY: `callable` is a valid object, so its type is a valid type object. When the type
    // announces vectorcall, `tp_vectorcall_offset` is the offset, inside every instance, of the
    // instance's entry pointer (a field C's `PyVectorcall_Function` reads the same way); the
    // pointer is read at each call, since an object may change it.
    let func = unsafe {
        let tp = ffi::Py_TYPE(callable);
        if ffi::PyType_HasFeature(tp, ffi::Py_TPFLAGS_HAVE_VECTORCALL as u64) {
            let offset = (*tp).tp_vectorcall_offset;
            *callable
                .cast::<u8>()
                .offset(offset)
                .cast::<ffi::vectorcallfunc>()
        } else {
            None
        }
    };
    let Some(func) = func else {
        // SAFETY: the caller's guarantees; this path calls `tp_call`.
        return unsafe { ffi::PyObject_Vectorcall(callable, args, nargsf, std::ptr::null_mut()) };
    };
    // SAFETY: the entry of `callable` called with the vectorcall protocol's arguments, as
    // guaranteed by the caller; it returns a new reference or null.
    let result = unsafe { func(callable, args, nargsf, std::ptr::null_mut()) };
    // SAFETY: attached thread; reading the indicator runs no code.
    let error_set = unsafe { !ffi::PyErr_Occurred().is_null() };
    if result.is_null() != error_set {
        // SAFETY: attached thread; `callable` is valid and `result` is what it returned.
        return unsafe { misbehaved(py, callable, result) };
    }
    result
}

/// The interpreter's answer to a callee that broke the protocol: returned null without an
/// exception, or a result with one set. Always null, with `SystemError` set.
///
/// # Safety
/// `callable` is valid; `result` is null or a new reference (released here).
#[cold]
#[inline(never)]
unsafe fn misbehaved(
    py: Python<'_>,
    callable: *mut ffi::PyObject,
    result: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    if result.is_null() {
        // SAFETY: attached; the format takes one object (`%R`), `callable`, which is valid.
        unsafe {
            ffi::PyErr_Format(
                ffi::PyExc_SystemError,
                c"%R returned NULL without setting an exception".as_ptr(),
                callable,
            );
        }
        return std::ptr::null_mut();
    }
    // SAFETY: `result` is ours to release; its destructor may run code, which is fine before
    // the pending exception is taken aside (as the interpreter does, release first).
    unsafe { ffi::Py_DECREF(result) };
    // An exception is set (that is how we got here), so `fetch` wraps it unchanged.
    let _ = PyErr::fetch(py).raise_from(py, |py| {
        // SAFETY: attached; `%R` takes `callable`, which is valid.
        unsafe {
            ffi::PyErr_Format(
                ffi::PyExc_SystemError,
                c"%R returned a result with an exception set".as_ptr(),
                callable,
            );
        }
        PyErr::fetch(py)
    });
    std::ptr::null_mut()
}
