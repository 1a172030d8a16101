//! `bytes` ↔ `&[u8]`/`Vec<u8>`, and building a bytes object in place.

use crate::convert::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::exc::{SystemError, TypeError};
use crate::ffi;
use crate::object::{Borrowed, Owned};
use crate::python::Python;
use std::mem::MaybeUninit;

/// A new `bytes` object copied from `data`.
#[inline]
pub fn new<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Owned<'py>> {
    // SAFETY: attached thread; the callee copies `len` bytes from a valid slice.
    unsafe {
        Owned::from_owned_ptr(
            py,
            ffi::PyBytes_FromStringAndSize(data.as_ptr().cast(), data.len() as ffi::Py_ssize_t),
        )
    }
}

/// A new `bytes` object of at most `capacity` bytes, written in place by `fill` without a
/// copy. `fill` receives uninitialised storage and returns the initialised prefix it wrote,
/// which must start at the storage's start; the object is shrunk to that length.
///
/// Inlined into each caller: the capacity check, the allocation and the length comparison are a
/// few instructions each, which a call and its register saves would double on small outputs.
#[inline(always)]
pub fn new_with<'py, E>(
    py: Python<'py>,
    capacity: usize,
    fill: impl FnOnce(&mut [MaybeUninit<u8>]) -> Result<&[u8], E>,
) -> PyResult<Result<Owned<'py>, E>> {
    if capacity > isize::MAX as usize {
        return Err(too_large(py));
    }
    // SAFETY: attached thread; a null source asks for `capacity` uninitialised bytes.
    let obj = unsafe {
        Owned::from_owned_ptr(
            py,
            ffi::PyBytes_FromStringAndSize(std::ptr::null(), capacity as ffi::Py_ssize_t),
        )?
    };
    // SAFETY: the new object is exclusively ours (refcount 1, not yet shared) and has
    // `capacity` writable bytes at `PyBytes_AS_STRING`.
    let storage = unsafe {
        std::slice::from_raw_parts_mut(
            ffi::PyBytes_AS_STRING(obj.as_ptr()).cast::<MaybeUninit<u8>>(),
            capacity,
        )
    };
    let start = storage.as_ptr() as usize;
    let written = match fill(storage) {
        Ok(w) => w,
        Err(e) => return Ok(Err(e)),
    };
    // A `&[u8]` can only exist over initialised memory, so a returned slice inside our
    // storage proves that prefix was written.
    if written.as_ptr() as usize != start || written.len() > capacity {
        return Err(foreign_slice(py));
    }
    let len = written.len();
    if len == capacity {
        return Ok(Ok(obj));
    }
    shrink(py, obj, len).map(Ok)
}

#[cold]
#[inline(never)]
fn too_large(py: Python<'_>) -> crate::err::PyErr {
    // SAFETY: attached thread.
    unsafe { ffi::PyErr_NoMemory() };
    crate::err::PyErr::fetch(py)
}

#[cold]
#[inline(never)]
fn foreign_slice(py: Python<'_>) -> crate::err::PyErr {
    SystemError::new_err(py, "bytes writer returned a foreign slice")
}

/// `obj`, a new bytes object of ours, shrunk to `len` bytes.
#[inline(never)]
fn shrink<'py>(py: Python<'py>, obj: Owned<'py>, len: usize) -> PyResult<Owned<'py>> {
    let mut raw = obj.into_ptr();
    // SAFETY: `raw` is a bytes object we own with refcount 1; `_PyBytes_Resize` either shrinks
    // it in place (possibly moving it) or releases it and sets `raw` to null with an exception.
    let rc = unsafe { ffi::_PyBytes_Resize(&mut raw, len as ffi::Py_ssize_t) };
    if rc != 0 {
        return Err(crate::err::PyErr::fetch(py));
    }
    // SAFETY: on success `raw` is an owned reference to the resized object.
    Ok(unsafe { Owned::from_owned_ptr_unchecked(py, raw) })
}

/// Capacity up to which [`new_with_small_copy`] writes on the stack.
pub const SMALL_COPY_MAX: usize = 256;

/// As [`new_with`], for writers whose output is often shorter than `capacity` (decoders,
/// content-dependent encodings): a capacity of at most [`SMALL_COPY_MAX`] bytes is written into
/// a stack buffer and copied into a bytes object of the exact length, as C's `_PyBytesWriter`
/// does, rather than allocating `capacity` bytes and resizing (an empty result is then the
/// shared empty bytes object, with no allocation at all). Larger capacities take [`new_with`].
#[inline(always)]
pub fn new_with_small_copy<'py, E>(
    py: Python<'py>,
    capacity: usize,
    fill: impl FnOnce(&mut [MaybeUninit<u8>]) -> Result<&[u8], E>,
) -> PyResult<Result<Owned<'py>, E>> {
    if capacity <= SMALL_COPY_MAX {
        let mut stack = [MaybeUninit::<u8>::uninit(); SMALL_COPY_MAX];
        return match fill(&mut stack[..capacity]) {
            Ok(written) => new(py, written).map(Ok),
            Err(e) => Ok(Err(e)),
        };
    }
    new_with(py, capacity, fill)
}

/// Copies `src` to the start of `buf` and returns the now initialised prefix (for
/// [`new_with`] writers). Panics if `src` is longer than `buf`.
pub fn init_prefix<'b>(buf: &'b mut [MaybeUninit<u8>], src: &[u8]) -> &'b [u8] {
    let dst = &mut buf[..src.len()];
    // SAFETY: `MaybeUninit<u8>` has the layout of `u8`; `dst` and `src` have equal lengths and
    // cannot overlap (`dst` is exclusively borrowed).
    unsafe {
        std::ptr::copy_nonoverlapping(src.as_ptr(), dst.as_mut_ptr().cast::<u8>(), src.len());
        // All `src.len()` bytes were just written.
        std::slice::from_raw_parts(dst.as_ptr().cast::<u8>(), src.len())
    }
}

/// The contents of a `bytes` object, borrowed from it.
#[inline(always)]
pub fn as_slice<'a>(obj: Borrowed<'a, '_>) -> Option<&'a [u8]> {
    if !obj.is_bytes() {
        return None;
    }
    // SAFETY: `obj` is a bytes object.
    Some(unsafe { as_slice_unchecked(obj) })
}

/// The contents of an object known to be `bytes` (no type check).
///
/// # Safety
/// `obj` is a `bytes` object (or an instance of a subclass).
#[inline(always)]
pub unsafe fn as_slice_unchecked<'a>(obj: Borrowed<'a, '_>) -> &'a [u8] {
    // SAFETY: `obj` is a bytes object alive for `'a` (caller); its contents are immutable.
    unsafe {
        let len = ffi::PyBytes_GET_SIZE(obj.as_ptr()) as usize;
        std::slice::from_raw_parts(ffi::PyBytes_AS_STRING(obj.as_ptr()).cast::<u8>(), len)
    }
}

impl<'py> IntoPyObject<'py> for &[u8] {
    #[inline(always)]
    fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>> {
        new(py, self)
    }
}

impl<'py> IntoPyObject<'py> for Vec<u8> {
    #[inline(always)]
    fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>> {
        new(py, &self)
    }
}

/// Only `bytes` (and subclasses); use [`crate::Buffer`] to accept any bytes-like object.
impl<'a, 'py> FromPyObject<'a, 'py> for &'a [u8] {
    #[inline(always)]
    fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
        as_slice(obj).ok_or_else(|| {
            TypeError::new_err(
                obj.py(),
                format!("expected bytes, {} found", obj.type_name()),
            )
        })
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Vec<u8> {
    #[inline(always)]
    fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
        <&[u8]>::extract(obj).map(<[u8]>::to_vec)
    }
}
