//! Argument converters for the clinic's generated glue.
//!
//! One function per clinic converter. Each takes a borrowed argument (no reference count
//! changes), converts it the way Clinic-generated C does for the running interpreter, and on
//! failure raises the same exception type with the same message. Messages that name the
//! argument receive `fname` (the function name, without `()`) and `argname`, which the clinic
//! computes the way CPython's does: `"argument"` for a `METH_O` function, `"argument 2"` for a
//! positional-only parameter and `"argument 'sep'"` otherwise.

use crate::err::{PyErr, PyResult};
use crate::exc::{SystemError, TypeError, ValueError};
use crate::ffi;
use crate::object::Borrowed;
use crate::python::Python;
use std::marker::PhantomData;
use std::mem::MaybeUninit;

/// `"{fname}() {argname} must be {expected}, not {type}"` (C's `_PyArg_BadArgument`).
#[cold]
#[inline(never)]
pub fn bad_argument(obj: Borrowed<'_, '_>, fname: &str, argname: &str, expected: &str) -> PyErr {
    let found = if obj.is_none() {
        "None".to_owned()
    } else {
        obj.type_name()
    };
    TypeError::new_err(
        obj.py(),
        format!("{fname}() {argname} must be {expected}, not {found}"),
    )
}

/// The value of a required slot filled by [`crate::args::Params::bind`] (which guarantees it;
/// an empty one raises `SystemError`, as a clinic bug would deserve).
#[inline(always)]
pub fn required<'a, 'py>(
    py: Python<'py>,
    slot: Option<Borrowed<'a, 'py>>,
) -> PyResult<Borrowed<'a, 'py>> {
    match slot {
        Some(v) => Ok(v),
        None => Err(missing_slot(py)),
    }
}

#[cold]
#[inline(never)]
fn missing_slot(py: Python<'_>) -> PyErr {
    SystemError::new_err(py, "clinic glue: required argument slot is empty")
}

// ---- buffers -----------------------------------------------------------------------------------

/// The bytes of a `Py_buffer` or `ascii_buffer` argument, held for one call.
///
/// # Invariants
/// Either `Str` over the ASCII storage of a str object alive for `'a`, `Bytes` over the
/// contents of an exact `bytes` object alive for `'a`, or `View` over a view obtained by a
/// successful `PyObject_GetBuffer(.., PyBUF_SIMPLE)` and not yet released (`shape`/`strides`
/// are null for a simple request, so the struct may move).
pub enum ArgBuffer<'a, 'py> {
    /// ASCII text borrowed from a str object.
    Str(&'a [u8], PhantomData<Borrowed<'a, 'py>>),
    /// The contents of an exact `bytes` object: what its buffer export would show, read
    /// directly (exporting a `bytes` view has no effect that anyone could observe).
    Bytes(&'a [u8], PhantomData<Borrowed<'a, 'py>>),
    /// A buffer view, released on drop.
    View(ffi::Py_buffer, PhantomData<Borrowed<'a, 'py>>),
}

impl ArgBuffer<'_, '_> {
    /// Whether the contents cannot change while this value is held, even by other threads:
    /// ASCII text of a str, or a view exported by a `bytes` object. Only then may the bytes be
    /// read with the thread detached (`Python::detach`): a `bytearray` (or a memoryview of one,
    /// read-only or not) can be written in place by another thread once the GIL is released,
    /// which would be a data race on the `&[u8]`.
    #[inline(always)]
    pub fn is_immutable(&self) -> bool {
        match self {
            ArgBuffer::Str(..) | ArgBuffer::Bytes(..) => true,
            ArgBuffer::View(view, _) => {
                // SAFETY: a live view (invariant) whose `obj`, when set, is the exporter, kept
                // alive by the view; reading its type is a plain load.
                !view.obj.is_null() && unsafe { ffi::PyBytes_Check(view.obj) }
            }
        }
    }

    /// The bytes.
    #[inline(always)]
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            ArgBuffer::Str(s, _) | ArgBuffer::Bytes(s, _) => s,
            ArgBuffer::View(view, _) => {
                let len = view.len as usize;
                if len == 0 {
                    return &[];
                }
                // SAFETY: a live simple view is `len` readable bytes at `buf`, kept in place
                // until released (invariant); the slice borrows `self`.
                unsafe { std::slice::from_raw_parts(view.buf.cast::<u8>(), len) }
            }
        }
    }
}

impl std::ops::Deref for ArgBuffer<'_, '_> {
    type Target = [u8];

    #[inline(always)]
    fn deref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl Drop for ArgBuffer<'_, '_> {
    #[inline]
    fn drop(&mut self) {
        if let ArgBuffer::View(view, _) = self {
            // SAFETY: the view is live (invariant) and released exactly once, here, while the
            // thread is attached (the value cannot outlive `'py` and is not `Send`).
            unsafe { ffi::PyBuffer_Release(view) }
        }
    }
}

/// Why [`get_view`] gave no buffer.
enum ViewError {
    /// The export failed; the exporter's exception is set.
    Export,
    /// The view was not C-contiguous (and has been released).
    NotContiguous,
}

/// A C-contiguous simple view of `obj`, or an exact `bytes` object's contents borrowed in
/// place. Inlined into the glue: out of line, the call returned the 80-byte `Py_buffer`
/// through three copies and saved six registers (about 40 instructions a call).
#[inline(always)]
fn get_view<'a, 'py>(obj: Borrowed<'a, 'py>) -> Result<ArgBuffer<'a, 'py>, ViewError> {
    if obj.is_exact_bytes() {
        // SAFETY: an exact bytes object alive for `'a`, whose contents never change.
        let bytes = unsafe { crate::types::bytes::as_slice_unchecked(obj) };
        return Ok(ArgBuffer::Bytes(bytes, PhantomData));
    }
    let mut view = MaybeUninit::<ffi::Py_buffer>::uninit();
    let flags = ffi::PyBUF_SIMPLE as _;
    // SAFETY: attached thread (the handle's token); `view` is storage for one `Py_buffer`,
    // fully initialised by a successful call.
    let rc = unsafe { ffi::PyObject_GetBuffer(obj.as_ptr(), view.as_mut_ptr(), flags) };
    if rc != 0 {
        return Err(ViewError::Export);
    }
    // SAFETY: initialised by the successful call.
    let mut view = unsafe { view.assume_init() };
    // `PyBuffer_IsContiguous(view, 'C')` answers yes without looking further for a view with
    // no suboffsets that is empty or has no strides (the usual simple view).
    let contiguous = (view.suboffsets.is_null() && (view.len == 0 || view.strides.is_null()))
        // SAFETY: a live view; the call only reads it.
        || unsafe { ffi::PyBuffer_IsContiguous(&view, b'C' as _) != 0 };
    if !contiguous {
        // SAFETY: the live view, released once, here.
        unsafe { ffi::PyBuffer_Release(&mut view) };
        return Err(ViewError::NotContiguous);
    }
    Ok(ArgBuffer::View(view, PhantomData))
}

/// `Py_buffer`: a read-only, C-contiguous bytes-like object.
#[inline(always)]
pub fn buffer<'a, 'py>(
    obj: Borrowed<'a, 'py>,
    fname: &str,
    argname: &str,
) -> PyResult<ArgBuffer<'a, 'py>> {
    match get_view(obj) {
        Ok(buf) => Ok(buf),
        Err(ViewError::Export) => Err(PyErr::fetch(obj.py())),
        Err(ViewError::NotContiguous) => {
            Err(bad_argument(obj, fname, argname, "contiguous buffer"))
        }
    }
}

/// `ascii_buffer` (binascii's converter): an ASCII-only str, or a contiguous bytes-like object.
#[inline(always)]
pub fn ascii_buffer<'a, 'py>(obj: Borrowed<'a, 'py>) -> PyResult<ArgBuffer<'a, 'py>> {
    let py = obj.py();
    if obj.is_str() {
        return match ascii_str(obj)? {
            Some(bytes) => Ok(ArgBuffer::Str(bytes, PhantomData)),
            None => Err(ValueError::new_err(
                py,
                "string argument should contain only ASCII characters",
            )),
        };
    }
    match get_view(obj) {
        Ok(buf) => Ok(buf),
        Err(ViewError::Export) => Err(not_ascii_buffer(obj)),
        Err(ViewError::NotContiguous) => Err(TypeError::new_err(
            py,
            format!(
                "argument should be a contiguous buffer, not '{}'",
                obj.type_name()
            ),
        )),
    }
}

/// `ascii_buffer`'s error for an object that exports no buffer (replacing the exporter's).
#[cold]
#[inline(never)]
fn not_ascii_buffer(obj: Borrowed<'_, '_>) -> PyErr {
    // SAFETY: attached; replaces the exporter's error, as C does.
    unsafe { ffi::PyErr_Clear() };
    TypeError::new_err(
        obj.py(),
        format!(
            "argument should be bytes, buffer or ASCII string, not '{}'",
            obj.type_name()
        ),
    )
}

/// The storage of an ASCII str (`None` if it holds a non-ASCII character). A str is ASCII
/// exactly when its length in code points equals the length of its UTF-8 form; for ASCII
/// strings that form is the string's own storage, so nothing is allocated.
#[inline]
fn ascii_str<'a>(obj: Borrowed<'a, '_>) -> PyResult<Option<&'a [u8]>> {
    if let Some(ascii) = crate::types::str::compact_ascii(obj) {
        return Ok(Some(ascii));
    }
    // SAFETY: attached thread; `obj` is a str.
    let chars = unsafe { ffi::PyUnicode_GetLength(obj.as_ptr()) };
    let mut len: ffi::Py_ssize_t = 0;
    // SAFETY: attached thread; `obj` is a str alive for `'a`; the UTF-8 form lives as long as
    // the object.
    let p = unsafe { ffi::PyUnicode_AsUTF8AndSize(obj.as_ptr(), &mut len) };
    if p.is_null() {
        // Only lone surrogates fail to encode, and they are not ASCII.
        // SAFETY: attached thread.
        unsafe { ffi::PyErr_Clear() };
        return Ok(None);
    }
    if len != chars {
        return Ok(None);
    }
    // SAFETY: `len` bytes at `p`, alive as long as the object.
    Ok(Some(unsafe {
        std::slice::from_raw_parts(p.cast::<u8>(), len as usize)
    }))
}

// ---- integers ----------------------------------------------------------------------------------

/// `int`: a C `int` through `__index__` (`OverflowError` outside its range).
#[inline(always)]
pub fn int(obj: Borrowed<'_, '_>) -> PyResult<i32> {
    obj.extract::<i32>()
}

/// `Py_ssize_t`: through `__index__` (`OverflowError` outside its range).
#[inline(always)]
pub fn ssize_t(obj: Borrowed<'_, '_>) -> PyResult<isize> {
    obj.extract::<isize>()
}

/// `Py_ssize_t(allow_negative=False)`: as [`ssize_t`], then `ValueError: <message>` (the clinic
/// passes `"<name> cannot be negative"`) for a negative value, as CPython's generated code does.
#[inline(always)]
pub fn ssize_t_non_negative(obj: Borrowed<'_, '_>, message: &'static str) -> PyResult<isize> {
    let v = ssize_t(obj)?;
    if v < 0 {
        return Err(ValueError::new_err(obj.py(), message));
    }
    Ok(v)
}

/// `PyNumber_AsSsize_t(obj, exc)`; `clip` selects clipping (exc = NULL) over OverflowError.
#[inline(always)]
fn number_as_ssize_t(obj: Borrowed<'_, '_>, clip: bool) -> PyResult<isize> {
    // A one-digit int is its own value, in range whether clipping or not.
    if let Some(v) = crate::types::int::compact_value(obj) {
        return Ok(v);
    }
    let exc = if clip {
        std::ptr::null_mut()
    } else {
        // SAFETY: the built-in exception pointers are set before any extension loads.
        unsafe { ffi::PyExc_OverflowError }
    };
    // SAFETY: attached thread, valid object; `exc` is null or an exception class.
    let v = unsafe { ffi::PyNumber_AsSsize_t(obj.as_ptr(), exc) };
    // SAFETY: attached thread.
    if v == -1 && unsafe { !ffi::PyErr_Occurred().is_null() } {
        return Err(PyErr::fetch(obj.py()));
    }
    Ok(v)
}

#[inline(always)]
fn has_index(obj: Borrowed<'_, '_>) -> bool {
    // SAFETY: valid object; `PyIndex_Check` only reads its type.
    obj.is_int() || unsafe { ffi::PyIndex_Check(obj.as_ptr()) != 0 }
}

/// `Py_ssize_t(accept={int, NoneType})`: `None` keeps `default` (C's
/// `_Py_convert_optional_to_ssize_t`).
#[inline]
pub fn ssize_t_or_none(obj: Borrowed<'_, '_>, default: isize) -> PyResult<isize> {
    if obj.is_none() {
        return Ok(default);
    }
    if has_index(obj) {
        return number_as_ssize_t(obj, false);
    }
    Err(TypeError::new_err(
        obj.py(),
        format!(
            "argument should be integer or None, not '{}'",
            obj.type_name()
        ),
    ))
}

/// `slice_index(accept={int})`: an index, clipped to the `Py_ssize_t` range
/// (`_PyEval_SliceIndexNotNone`).
#[inline]
pub fn slice_index(obj: Borrowed<'_, '_>) -> PyResult<isize> {
    if has_index(obj) {
        return number_as_ssize_t(obj, true);
    }
    Err(TypeError::new_err(
        obj.py(),
        "slice indices must be integers or have an __index__ method",
    ))
}

/// `slice_index` (accepting `None`, which keeps `default`): `_PyEval_SliceIndex`, whose
/// message no longer mentions None from 3.15 on.
#[inline]
pub fn slice_index_or_none(obj: Borrowed<'_, '_>, default: isize) -> PyResult<isize> {
    if obj.is_none() {
        return Ok(default);
    }
    if has_index(obj) {
        return number_as_ssize_t(obj, true);
    }
    #[cfg(not(Py_3_15))]
    const MESSAGE: &str = "slice indices must be integers or None or have an __index__ method";
    #[cfg(Py_3_15)]
    const MESSAGE: &str = "slice indices must be integers or have an __index__ method";
    Err(TypeError::new_err(obj.py(), MESSAGE))
}

/// `unsigned_int(bitwise=True)`: the low 32 bits of the int, negative values wrapping
/// (`PyLong_AsUnsignedLongMask`).
#[cfg(not(Py_3_15))]
#[inline(always)]
pub fn unsigned_int_bitwise(obj: Borrowed<'_, '_>) -> PyResult<u32> {
    // A one-digit int: its low 32 bits, as the mask gives them.
    if let Some(v) = crate::types::int::compact_value(obj) {
        return Ok(v as u32);
    }
    // SAFETY: attached thread, valid object (non-ints go through `__index__`).
    let v = unsafe { ffi::PyLong_AsUnsignedLongMask(obj.as_ptr()) };
    // SAFETY: attached thread.
    if v == !0 && unsafe { !ffi::PyErr_Occurred().is_null() } {
        return Err(PyErr::fetch(obj.py()));
    }
    Ok(v as u32)
}

/// `unsigned_int(bitwise=True)` as 3.15's clinic generates it: the low 32 bits of the int
/// (`PyLong_AsNativeBytes` into an unsigned buffer, negative values wrapping), with
/// `DeprecationWarning: integer value out of range` (stack level 1) when the value fits 32 bits
/// neither signed nor unsigned (binascii's `crc32`/`crc_hqx` on 3.15).
#[cfg(Py_3_15)]
#[inline(always)]
pub fn unsigned_int_bitwise(obj: Borrowed<'_, '_>) -> PyResult<u32> {
    // A one-digit int fits 32 bits signed, so no warning: its low 32 bits.
    if let Some(v) = crate::types::int::compact_value(obj) {
        return Ok(v as u32);
    }
    let mut v: u32 = 0;
    let flags = ffi::Py_ASNATIVEBYTES_NATIVE_ENDIAN
        | ffi::Py_ASNATIVEBYTES_UNSIGNED_BUFFER
        | ffi::Py_ASNATIVEBYTES_ALLOW_INDEX;
    let size = std::mem::size_of::<u32>();
    // SAFETY: attached thread, valid object; the destination is `size` writable bytes.
    let n = unsafe {
        ffi::PyLong_AsNativeBytes(
            obj.as_ptr(),
            (&raw mut v).cast(),
            size as ffi::Py_ssize_t,
            flags as std::ffi::c_int,
        )
    };
    if n < 0 {
        return Err(PyErr::fetch(obj.py()));
    }
    if n as usize > size {
        crate::raise::warn(
            obj.py(),
            crate::raise::Warning::Deprecation,
            "integer value out of range",
            1,
        )?;
    }
    Ok(v)
}

/// `size_t` (C's `_PyLong_Size_t_Converter` as of 3.15): through `__index__`;
/// `ValueError: Cannot convert negative int`, `OverflowError: Python int too large for C
/// size_t`. Verified against 3.15 only (earlier versions word their errors differently).
#[cfg(Py_3_15)]
#[inline]
pub fn size_t(obj: Borrowed<'_, '_>) -> PyResult<usize> {
    if let Some(v) = crate::types::int::compact_value(obj) {
        if v >= 0 {
            return Ok(v as usize);
        }
    }
    let mut v: usize = 0;
    let flags = ffi::Py_ASNATIVEBYTES_NATIVE_ENDIAN
        | ffi::Py_ASNATIVEBYTES_UNSIGNED_BUFFER
        | ffi::Py_ASNATIVEBYTES_REJECT_NEGATIVE
        | ffi::Py_ASNATIVEBYTES_ALLOW_INDEX;
    let size = std::mem::size_of::<usize>();
    // SAFETY: attached thread, valid object; the destination is `size` writable bytes.
    let n = unsafe {
        ffi::PyLong_AsNativeBytes(
            obj.as_ptr(),
            (&raw mut v).cast(),
            size as ffi::Py_ssize_t,
            flags as std::ffi::c_int,
        )
    };
    if n < 0 {
        return Err(PyErr::fetch(obj.py()));
    }
    if n as usize > size {
        return Err(crate::exc::OverflowError::new_err(
            obj.py(),
            "Python int too large for C size_t",
        ));
    }
    Ok(v)
}

// ---- bool --------------------------------------------------------------------------------------

/// `bool`: truthiness (`PyObject_IsTrue`).
#[inline(always)]
pub fn bool_truth(obj: Borrowed<'_, '_>) -> PyResult<bool> {
    obj.is_truthy()
}

/// `bool(accept={int})`: a C `int` through `__index__`, then non-zero.
#[inline(always)]
pub fn bool_int(obj: Borrowed<'_, '_>) -> PyResult<bool> {
    Ok(int(obj)? != 0)
}

/// `bool(accept={int}, until="3.N")`: the int form on interpreters older than 3.`minor`, the
/// truthiness form from then on (how the stdlib's declarations changed between versions).
#[inline(always)]
pub fn bool_int_until(obj: Borrowed<'_, '_>, minor: u32) -> PyResult<bool> {
    if obj.py().version_minor() < minor {
        bool_int(obj)
    } else {
        bool_truth(obj)
    }
}

// ---- str ---------------------------------------------------------------------------------------

/// `str`: the UTF-8 form of a str without embedded NUL characters.
#[inline]
pub fn str<'a>(obj: Borrowed<'a, '_>, fname: &str, argname: &str) -> PyResult<&'a str> {
    if !obj.is_str() {
        return Err(bad_argument(obj, fname, argname, "str"));
    }
    let s = crate::types::str::as_utf8(obj)?;
    if s.as_bytes().contains(&0) {
        return Err(ValueError::new_err(obj.py(), "embedded null character"));
    }
    Ok(s)
}

/// `str(accept={str, NoneType})`: as [`str`], `None` giving `None`.
#[inline]
pub fn str_or_none<'a>(
    obj: Borrowed<'a, '_>,
    fname: &str,
    argname: &str,
) -> PyResult<Option<&'a str>> {
    if obj.is_none() {
        return Ok(None);
    }
    if !obj.is_str() {
        return Err(bad_argument(obj, fname, argname, "str or None"));
    }
    str(obj, fname, argname).map(Some)
}

/// `unicode`: a str object, passed on as is.
#[inline(always)]
pub fn unicode<'a, 'py>(
    obj: Borrowed<'a, 'py>,
    fname: &str,
    argname: &str,
) -> PyResult<Borrowed<'a, 'py>> {
    if obj.is_str() {
        Ok(obj)
    } else {
        Err(bad_argument(obj, fname, argname, "str"))
    }
}

// ---- object(subclass_of=...) -------------------------------------------------------------------

/// The built-in classes `object(subclass_of=...)` may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// `&PyTuple_Type`
    Tuple,
    /// `&PyList_Type`
    List,
    /// `&PyDict_Type`
    Dict,
    /// `&PyUnicode_Type`
    Str,
    /// `&PyBytes_Type`
    Bytes,
    /// `&PyByteArray_Type`
    ByteArray,
    /// `&PyLong_Type`
    Int,
    /// `&PyFloat_Type`
    Float,
    /// `&PyType_Type`
    Type,
}

impl Builtin {
    fn type_ptr(self) -> *mut ffi::PyTypeObject {
        use std::ptr::addr_of_mut;
        match self {
            Builtin::Tuple => addr_of_mut!(ffi::PyTuple_Type),
            Builtin::List => addr_of_mut!(ffi::PyList_Type),
            Builtin::Dict => addr_of_mut!(ffi::PyDict_Type),
            Builtin::Str => addr_of_mut!(ffi::PyUnicode_Type),
            Builtin::Bytes => addr_of_mut!(ffi::PyBytes_Type),
            Builtin::ByteArray => addr_of_mut!(ffi::PyByteArray_Type),
            Builtin::Int => addr_of_mut!(ffi::PyLong_Type),
            Builtin::Float => addr_of_mut!(ffi::PyFloat_Type),
            Builtin::Type => addr_of_mut!(ffi::PyType_Type),
        }
    }
}

/// `object(subclass_of=&Py<X>_Type)`: an instance of the class or a subclass; the message names
/// the class by its `tp_name`, as C's does.
#[inline]
pub fn subclass_of<'a, 'py>(
    obj: Borrowed<'a, 'py>,
    class: Builtin,
    fname: &str,
    argname: &str,
) -> PyResult<Borrowed<'a, 'py>> {
    let tp = class.type_ptr();
    // SAFETY: `tp` is a static built-in type and `obj`'s type is live; the call only reads them.
    let ok = unsafe { obj.type_ptr() == tp || ffi::PyType_IsSubtype(obj.type_ptr(), tp) != 0 };
    if ok {
        return Ok(obj);
    }
    // SAFETY: `tp_name` of a static type is a static NUL-terminated string.
    let name = unsafe { std::ffi::CStr::from_ptr((*tp).tp_name) };
    Err(bad_argument(obj, fname, argname, &name.to_string_lossy()))
}
