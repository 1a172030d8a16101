//! `str` ↔ `&str`/`String`.

use crate::convert::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exc::TypeError;
use crate::ffi;
use crate::object::{Borrowed, Owned};
use crate::python::Python;

/// A new `str` object from UTF-8.
#[inline]
pub fn new<'py>(py: Python<'py>, s: &str) -> PyResult<Owned<'py>> {
    // SAFETY: attached thread; the callee decodes `len` bytes of valid UTF-8.
    unsafe {
        Owned::from_owned_ptr(
            py,
            ffi::PyUnicode_FromStringAndSize(s.as_ptr().cast(), s.len() as ffi::Py_ssize_t),
        )
    }
}

/// A new `str` object from ASCII bytes (fails with SystemError if `bytes` is not ASCII).
#[inline]
pub fn from_ascii<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Owned<'py>> {
    match std::str::from_utf8(bytes) {
        Ok(s) if bytes.is_ascii() => new(py, s),
        _ => Err(crate::exc::SystemError::new_err(
            py,
            "non-ASCII data for an ASCII str",
        )),
    }
}

/// The characters of a compact ASCII `str` (how CPython stores identifiers, keyword names and
/// most literals), read in place without a call; `None` for any other object or storage form,
/// for which [`as_utf8`] is the general answer. For ASCII, the characters are the UTF-8 form.
#[inline(always)]
pub fn compact_ascii<'a>(obj: Borrowed<'a, '_>) -> Option<&'a [u8]> {
    let p = obj.as_ptr();
    // SAFETY: a live object; reading its type's flags.
    if !unsafe { ffi::PyUnicode_Check(p) } {
        return None;
    }
    // SAFETY: `p` is a str (checked above), so it starts with a `PyASCIIObject` whose layout
    // bindgen took from this interpreter's headers. A compact ASCII string keeps its `length`
    // one-byte characters right after that header, for as long as the object lives (`'a`,
    // the handle's lifetime); str objects are immutable once shared.
    unsafe {
        let a = p.cast::<ffi::PyASCIIObject>();
        let state = (*a).state;
        if state.compact() == 0 || state.ascii() == 0 {
            return None;
        }
        let data = a.add(1).cast::<u8>();
        Some(std::slice::from_raw_parts(data, (*a).length as usize))
    }
}

/// The UTF-8 form of a `str`, borrowed from the object (CPython caches it on the object; for
/// ASCII strings it is the string's own storage). Raises `UnicodeEncodeError` for lone
/// surrogates.
#[inline]
pub fn as_utf8<'a>(obj: Borrowed<'a, '_>) -> PyResult<&'a str> {
    let mut len: ffi::Py_ssize_t = 0;
    // SAFETY: attached thread; `obj` is a str (checked by callers) kept alive for `'a`, and the
    // returned buffer lives as long as the object.
    let p = unsafe { ffi::PyUnicode_AsUTF8AndSize(obj.as_ptr(), &mut len) };
    if p.is_null() {
        return Err(PyErr::fetch(obj.py()));
    }
    // SAFETY: CPython returns `len` bytes of valid UTF-8 that live as long as the object.
    Ok(unsafe {
        std::str::from_utf8_unchecked(std::slice::from_raw_parts(p.cast::<u8>(), len as usize))
    })
}

impl<'py> IntoPyObject<'py> for &str {
    #[inline(always)]
    fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>> {
        new(py, self)
    }
}

impl<'py> IntoPyObject<'py> for String {
    #[inline(always)]
    fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>> {
        new(py, &self)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for &'a str {
    #[inline(always)]
    fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
        if !obj.is_str() {
            return Err(TypeError::new_err(
                obj.py(),
                format!("expected str, {} found", obj.type_name()),
            ));
        }
        as_utf8(obj)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for String {
    #[inline(always)]
    fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
        <&str>::extract(obj).map(str::to_owned)
    }
}
