//! Read-only buffer views (`Py_buffer` with `PyBUF_SIMPLE`).

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::object::Borrowed;
use std::marker::PhantomData;
use std::mem::MaybeUninit;

/// A read-only, C-contiguous view of an object's bytes, released exactly once when dropped (on
/// success, error and panic paths alike).
///
/// While the view is held, the exporter must keep the memory in place: a `bytearray` refuses
/// to resize (`BufferError`). That is what makes [`Buffer::as_bytes`] sound even while other
/// threads run, and why the bytes may be read with the thread detached.
///
/// # Invariants
/// `view` was filled by a successful `PyObject_GetBuffer(obj, view, PyBUF_SIMPLE)` and has not
/// been released. With `PyBUF_SIMPLE`, `shape`/`strides` are null, so the struct holds no
/// pointer into itself and may be moved. `'a` is no longer than the borrow of the exporter.
pub struct Buffer<'a, 'py> {
    view: ffi::Py_buffer,
    _obj: PhantomData<Borrowed<'a, 'py>>,
}

impl<'a, 'py> Buffer<'a, 'py> {
    /// Requests a simple read-only view. Raises the exporter's error (`TypeError: a bytes-like
    /// object is required, not 'str'` for non-exporters).
    #[inline]
    pub fn get(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
        let mut view = MaybeUninit::<ffi::Py_buffer>::uninit();
        // SAFETY: attached thread (the handle's token); `view` is writable storage for one
        // `Py_buffer`, fully initialised by a successful call.
        let rc = unsafe {
            ffi::PyObject_GetBuffer(obj.as_ptr(), view.as_mut_ptr(), ffi::PyBUF_SIMPLE as _)
        };
        if rc != 0 {
            return Err(PyErr::fetch(obj.py()));
        }
        // SAFETY: initialised by the successful call above.
        let view = unsafe { view.assume_init() };
        Ok(Buffer {
            view,
            _obj: PhantomData,
        })
    }

    /// The bytes.
    #[inline(always)]
    pub fn as_bytes(&self) -> &[u8] {
        let len = self.view.len as usize;
        if len == 0 {
            return &[];
        }
        // SAFETY: a simple buffer is `len` contiguous readable bytes at `buf`, kept in place
        // until release (invariant); the slice borrows `self`, so it ends before the release.
        unsafe { std::slice::from_raw_parts(self.view.buf.cast::<u8>(), len) }
    }

    /// Whether the contents cannot change while the view is held, even by other threads: the
    /// exporter is a `bytes` object. Only then may [`Buffer::as_bytes`] be read with the thread
    /// detached; a `bytearray` (or any memoryview of one) can be written in place by another
    /// thread once the GIL is released.
    #[inline(always)]
    pub fn is_immutable(&self) -> bool {
        // SAFETY: the view is live (invariant); its `obj`, when set, is the exporter, kept alive
        // by the view; reading its type is a plain load.
        !self.view.obj.is_null() && unsafe { ffi::PyBytes_Check(self.view.obj) }
    }

    /// Length in bytes.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.view.len as usize
    }

    /// Whether the buffer is empty.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.view.len == 0
    }
}

impl Drop for Buffer<'_, '_> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the view is live (invariant) and released exactly once, here; the thread is
        // attached because `Buffer` is `!Send` and cannot outlive `'py`.
        unsafe { ffi::PyBuffer_Release(&mut self.view) }
    }
}
