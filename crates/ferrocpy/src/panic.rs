//! Panic containment: no Rust panic crosses into C.
//!
//! Every entry point CPython calls (functions, module exec, traverse, clear, free) runs its body
//! through [`contain`]. A panic becomes a `SystemError` carrying the panic message, the call
//! returns its error value, and the interpreter keeps running.

use crate::err::set_message;
use crate::ffi;
use crate::python::Python;
use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `body`; if it panics, raises `SystemError` and returns `on_panic`.
///
/// `AssertUnwindSafe` is justified because nothing observes the closure's captured state after
/// a panic: the Python-visible effect is only the raised exception.
#[inline(always)]
pub(crate) fn contain<R>(py: Python<'_>, on_panic: R, body: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(r) => r,
        Err(payload) => {
            raise_panic(py, payload);
            on_panic
        }
    }
}

/// Runs `body` where no exception may be raised (a deallocation): a panic is reported as an
/// unraisable `SystemError` in the context of `context`, and an exception that was pending
/// before is kept as it was.
///
/// # Safety
/// `context` is a valid object (not the one being deallocated, which must not be touched).
#[inline(always)]
pub(crate) unsafe fn contain_unraisable(
    py: Python<'_>,
    context: *mut ffi::PyObject,
    body: impl FnOnce(),
) {
    if let Err(payload) = catch_unwind(AssertUnwindSafe(body)) {
        // SAFETY: forwarded from the caller.
        unsafe { report_unraisable(py, context, payload) }
    }
}

/// The panic path of [`contain_unraisable`], out of line.
///
/// # Safety
/// As [`contain_unraisable`].
#[cold]
#[inline(never)]
unsafe fn report_unraisable(
    py: Python<'_>,
    context: *mut ffi::PyObject,
    payload: Box<dyn Any + Send>,
) {
    let mut t = std::ptr::null_mut();
    let mut v = std::ptr::null_mut();
    let mut tb = std::ptr::null_mut();
    // SAFETY: attached (token); fetch/restore move the pending exception's three references
    // out and back unchanged; `context` is valid (caller).
    unsafe {
        ffi::PyErr_Fetch(&mut t, &mut v, &mut tb);
        raise_panic(py, payload);
        ffi::PyErr_WriteUnraisable(context);
        ffi::PyErr_Restore(t, v, tb);
    }
}

/// Raises `SystemError("panic in Rust code: <message>")`, replacing any pending exception.
#[cold]
#[inline(never)]
fn raise_panic(_py: Python<'_>, payload: Box<dyn Any + Send>) {
    let detail = if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "non-string panic payload".to_string()
    };
    let msg = format!("panic in Rust code: {detail}");
    // Dropping the payload could itself panic (a payload with a panicking Drop); forget it.
    std::mem::forget(payload);
    // SAFETY: attached thread (token); `PyExc_SystemError` is a built-in class.
    unsafe {
        ffi::PyErr_Clear();
        set_message(ffi::PyExc_SystemError, &msg);
    }
}
