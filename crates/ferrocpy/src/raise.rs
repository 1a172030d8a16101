//! Raising what C code raises without a message: `MemoryError` as `PyErr_NoMemory()` sets it,
//! and warnings (`PyErr_WarnEx`).

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::python::Python;
use std::ffi::CString;

/// Raises `MemoryError` exactly as C's `PyErr_NoMemory()` does (no arguments, the
/// interpreter's preallocated instance where it has one) and returns the proof.
#[cold]
#[inline(never)]
pub fn no_memory(_py: Python<'_>) -> PyErr {
    // SAFETY: attached thread (token); the call only sets the error indicator.
    unsafe { ffi::PyErr_NoMemory() };
    PyErr::fetch(_py)
}

/// The warning categories C extensions commonly issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Warning {
    /// `DeprecationWarning`.
    Deprecation,
    /// `RuntimeWarning`.
    Runtime,
    /// `UserWarning`.
    User,
}

/// Issues a warning like C's `PyErr_WarnEx(category, msg, stacklevel)`. `Err` when the warning
/// filters turned it into an exception (which is then pending).
pub fn warn(py: Python<'_>, category: Warning, msg: &str, stacklevel: isize) -> PyResult<()> {
    let msg = CString::new(msg)
        .map_err(|_| crate::exc::ValueError::new_err(py, "warning message contains NUL"))?;
    // SAFETY: the built-in warning class pointers are set before any extension loads and never
    // change; reading one is a plain load.
    let cls = unsafe {
        match category {
            Warning::Deprecation => ffi::PyExc_DeprecationWarning,
            Warning::Runtime => ffi::PyExc_RuntimeWarning,
            Warning::User => ffi::PyExc_UserWarning,
        }
    };
    // SAFETY: attached thread (token); `cls` is a warning class and `msg` a NUL-terminated
    // string that outlives the call.
    let rc = unsafe { ffi::PyErr_WarnEx(cls, msg.as_ptr(), stacklevel as ffi::Py_ssize_t) };
    if rc < 0 {
        Err(PyErr::fetch(py))
    } else {
        Ok(())
    }
}
