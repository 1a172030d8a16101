//! `int` ↔ every Rust integer width. Values that do not fit raise `OverflowError`; objects that
//! are not integers go through `__index__` (`TypeError` if they have none), as in C.

use crate::convert::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exc::OverflowError;
use crate::ffi;
use crate::object::{Borrowed, Owned};
use crate::python::Python;
use std::ffi::{c_int, c_long, c_ulong};

/// `operator.index(obj)`: the object itself (new reference) if it is an int.
#[inline]
pub fn index<'py>(obj: Borrowed<'_, 'py>) -> PyResult<Owned<'py>> {
    if obj.is_int() {
        return Ok(obj.to_owned());
    }
    // SAFETY: attached thread, valid object; new reference or null with an exception.
    unsafe { Owned::from_owned_ptr(obj.py(), ffi::PyNumber_Index(obj.as_ptr())) }
}

/// The int as `i64`, or `None` on overflow (no exception set). `obj` must be an int.
#[inline(always)]
fn as_i64_checked(obj: Borrowed<'_, '_>) -> PyResult<Option<i64>> {
    let mut overflow: c_int = 0;
    // SAFETY: attached thread; `obj` is an int, so no conversion hook runs.
    let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(obj.as_ptr(), &mut overflow) };
    if overflow != 0 {
        return Ok(None);
    }
    // SAFETY: attached thread.
    if v == -1 && unsafe { !ffi::PyErr_Occurred().is_null() } {
        return Err(PyErr::fetch(obj.py()));
    }
    Ok(Some(v as i64))
}

/// The value of an int whose magnitude fits one digit, read in place (no call); `None` for
/// other ints and for objects that are not ints.
#[inline(always)]
pub(crate) fn compact_value(obj: Borrowed<'_, '_>) -> Option<isize> {
    if !obj.is_int() {
        return None;
    }
    // SAFETY: `obj` is a valid int.
    unsafe { ffi::long_compact_value(obj.as_ptr()) }
}

/// The value of an `int` (or subclass instance, whose own methods are not called) if it fits
/// `i64`; `None` for larger ints and for objects that are not ints. Never raises: one-digit
/// ints are read in place, others through `PyLong_AsLongLongAndOverflow`.
#[inline(always)]
pub fn to_i64(obj: Borrowed<'_, '_>) -> Option<i64> {
    if let Some(v) = compact_value(obj) {
        return Some(v as i64);
    }
    if !obj.is_int() {
        return None;
    }
    to_i64_slow(obj)
}

#[inline(never)]
fn to_i64_slow(obj: Borrowed<'_, '_>) -> Option<i64> {
    let mut overflow: c_int = 0;
    // SAFETY: attached thread; `obj` is an int (checked by the caller), for which the call
    // neither runs Python code nor fails other than by overflow, reported in `overflow`.
    let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(obj.as_ptr(), &mut overflow) };
    (overflow == 0).then_some(v as i64)
}

/// Extracts a signed value through `i64`; `c_name` names the target in the OverflowError.
/// One-digit ints (every value below 2**30 in magnitude) are read in place; the rest goes
/// through `PyLong_AsLongLongAndOverflow`, out of line.
#[inline(always)]
fn extract_signed<T: TryFrom<i64>>(obj: Borrowed<'_, '_>, c_name: &str) -> PyResult<T> {
    if let Some(v) = compact_value(obj) {
        if let Ok(v) = T::try_from(v as i64) {
            return Ok(v);
        }
    }
    extract_signed_slow(obj, c_name)
}

#[inline(never)]
fn extract_signed_slow<T: TryFrom<i64>>(obj: Borrowed<'_, '_>, c_name: &str) -> PyResult<T> {
    let py = obj.py();
    let v = if obj.is_int() {
        as_i64_checked(obj)?
    } else {
        let i = index(obj)?;
        as_i64_checked(i.as_borrowed())?
    };
    match v.and_then(|v| T::try_from(v).ok()) {
        Some(v) => Ok(v),
        None => Err(overflow(py, c_name)),
    }
}

/// Extracts an unsigned value through `u64`; non-negative one-digit ints are read in place.
#[inline(always)]
fn extract_unsigned<T: TryFrom<u64>>(obj: Borrowed<'_, '_>, c_name: &str) -> PyResult<T> {
    if let Some(v) = compact_value(obj) {
        if v >= 0 {
            if let Ok(v) = T::try_from(v as u64) {
                return Ok(v);
            }
        }
    }
    extract_unsigned_slow(obj, c_name)
}

#[inline(never)]
fn extract_unsigned_slow<T: TryFrom<u64>>(obj: Borrowed<'_, '_>, c_name: &str) -> PyResult<T> {
    let py = obj.py();
    let owned;
    let int = if obj.is_int() {
        obj
    } else {
        owned = index(obj)?;
        owned.as_borrowed()
    };
    // SAFETY: attached thread, `int` is an int.
    let v = unsafe { ffi::PyLong_AsUnsignedLongLong(int.as_ptr()) };
    // SAFETY: attached thread.
    if v == u64::MAX as _ && unsafe { !ffi::PyErr_Occurred().is_null() } {
        // SAFETY: an exception is pending.
        if unsafe { ffi::PyErr_ExceptionMatches(ffi::PyExc_OverflowError) } != 0 {
            // Keep C's negative-value message; reword only "too large".
            let negative = int.compare_bool_zero_lt()?;
            if !negative {
                // SAFETY: attached thread.
                unsafe { ffi::PyErr_Clear() };
                return Err(overflow(py, c_name));
            }
        }
        return Err(PyErr::fetch(py));
    }
    T::try_from(v as u64).map_err(|_| overflow(py, c_name))
}

#[cold]
fn overflow(py: Python<'_>, c_name: &str) -> PyErr {
    OverflowError::new_err(py, format!("Python int too large to convert to {c_name}"))
}

impl<'a, 'py> Borrowed<'a, 'py> {
    /// `self < 0` for an int, without running Python code.
    fn compare_bool_zero_lt(self) -> PyResult<bool> {
        // SAFETY: attached thread; `self` is an int. `_PyLong_Sign` is exported in every
        // supported version; the public `PyLong_GetSign` appears only in 3.14.
        Ok(unsafe { ffi::_PyLong_Sign(self.as_ptr()) } < 0)
    }
}

/// The int of `v`, through the exported constructor that reaches the small-int cache in the
/// fewest instructions on the target: before 3.14, `PyLong_FromUnsignedLong` (no stack frame
/// on its small-int path) for `0..=256`, which every version caches; otherwise `PyLong_FromLong`
/// where a C `long` holds 64 bits (`PyLong_FromLongLong` has a heavier prologue on 3.14+).
#[inline(always)]
fn from_i64(py: Python<'_>, v: i64) -> PyResult<Owned<'_>> {
    #[cfg(not(Py_3_14))]
    if (v as u64) <= 256 {
        // SAFETY: attached thread; `v` fits an unsigned long; new reference (a cached int).
        return unsafe { Owned::from_owned_ptr(py, ffi::PyLong_FromUnsignedLong(v as c_ulong)) };
    }
    // SAFETY: attached thread; new reference or null with an exception.
    unsafe {
        if std::mem::size_of::<c_long>() == std::mem::size_of::<i64>() {
            Owned::from_owned_ptr(py, ffi::PyLong_FromLong(v as c_long))
        } else {
            Owned::from_owned_ptr(py, ffi::PyLong_FromLongLong(v as _))
        }
    }
}

/// As [`from_i64`], for unsigned values.
#[inline(always)]
fn from_u64(py: Python<'_>, v: u64) -> PyResult<Owned<'_>> {
    // SAFETY: attached thread; new reference or null with an exception.
    unsafe {
        if std::mem::size_of::<c_ulong>() == std::mem::size_of::<u64>() {
            Owned::from_owned_ptr(py, ffi::PyLong_FromUnsignedLong(v as c_ulong))
        } else {
            Owned::from_owned_ptr(py, ffi::PyLong_FromUnsignedLongLong(v as _))
        }
    }
}

macro_rules! signed {
    ($($t:ty => $c:literal),*) => {$(
        impl<'a, 'py> FromPyObject<'a, 'py> for $t {
            #[inline(always)]
            fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
                extract_signed::<$t>(obj, $c)
            }
        }
        impl<'py> IntoPyObject<'py> for $t {
            #[inline(always)]
            fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>> {
                from_i64(py, self as i64)
            }
        }
    )*};
}

macro_rules! unsigned {
    ($($t:ty => $c:literal),*) => {$(
        impl<'a, 'py> FromPyObject<'a, 'py> for $t {
            #[inline(always)]
            fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
                extract_unsigned::<$t>(obj, $c)
            }
        }
        impl<'py> IntoPyObject<'py> for $t {
            #[inline(always)]
            fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>> {
                from_u64(py, self as u64)
            }
        }
    )*};
}

signed!(i8 => "i8", i16 => "i16", i32 => "C int", i64 => "C long", isize => "C ssize_t");
unsigned!(u8 => "u8", u16 => "u16", u32 => "C unsigned int", u64 => "C unsigned long",
          usize => "C size_t");

/// Copies an int into 16 little-endian bytes, two's complement when `signed`.
fn to_16_bytes(obj: Borrowed<'_, '_>, signed: bool, name: &str) -> PyResult<[u8; 16]> {
    let py = obj.py();
    let int = index(obj)?;
    if !signed && int.as_borrowed().compare_bool_zero_lt()? {
        return Err(OverflowError::new_err(
            py,
            "can't convert negative int to unsigned",
        ));
    }
    let mut out = [0u8; 16];
    // SAFETY: attached thread; `int` is an int; `out` has room for the 16 requested bytes.
    let rc = unsafe {
        #[cfg(Py_3_13)]
        {
            ffi::_PyLong_AsByteArray(
                int.as_ptr().cast(),
                out.as_mut_ptr(),
                16,
                1,
                signed as c_int,
                1,
            )
        }
        #[cfg(not(Py_3_13))]
        {
            ffi::_PyLong_AsByteArray(
                int.as_ptr().cast(),
                out.as_mut_ptr(),
                16,
                1,
                signed as c_int,
            )
        }
    };
    if rc < 0 {
        // SAFETY: attached thread; an OverflowError is pending; replace its wording.
        unsafe { ffi::PyErr_Clear() };
        return Err(overflow(py, name));
    }
    Ok(out)
}

fn from_16_bytes(py: Python<'_>, bytes: [u8; 16], signed: bool) -> PyResult<Owned<'_>> {
    // SAFETY: attached thread; reads exactly 16 bytes from a live array.
    unsafe {
        Owned::from_owned_ptr(
            py,
            ffi::_PyLong_FromByteArray(bytes.as_ptr(), 16, 1, signed as c_int),
        )
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for i128 {
    fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
        to_16_bytes(obj, true, "i128").map(i128::from_le_bytes)
    }
}
impl<'a, 'py> FromPyObject<'a, 'py> for u128 {
    fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
        to_16_bytes(obj, false, "u128").map(u128::from_le_bytes)
    }
}
impl<'py> IntoPyObject<'py> for i128 {
    fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>> {
        from_16_bytes(py, self.to_le_bytes(), true)
    }
}
impl<'py> IntoPyObject<'py> for u128 {
    fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>> {
        from_16_bytes(py, self.to_le_bytes(), false)
    }
}

/// An `int` of any size from its decimal digits (an optional sign, digits, `_` separators as in
/// `int("1_000")`): `PyLong_FromString`, so the interpreter's int-from-string digit limit
/// applies (`ValueError: Exceeds the limit (4300 digits) for integer string conversion...`)
/// and malformed text raises `ValueError` as `int(text)` does.
pub fn from_decimal<'py>(py: Python<'py>, digits: &str) -> PyResult<Owned<'py>> {
    let text = std::ffi::CString::new(digits).map_err(|_| {
        crate::exc::ValueError::new_err(py, "invalid literal for int() with base 10: NUL in digits")
    })?;
    // SAFETY: attached thread; a NUL-terminated string the callee only reads (with no end
    // pointer it rejects trailing text itself). New reference or null with an exception.
    unsafe {
        Owned::from_owned_ptr(
            py,
            ffi::PyLong_FromString(text.as_ptr(), std::ptr::null_mut(), 10),
        )
    }
}

/// `int.__repr__(obj)` for an `int` of any size, or an instance of a subclass (whose own
/// `__repr__`/`__str__` are not called, as `_json` requires): its decimal digits, subject to
/// the interpreter's int-to-string digit limit (`ValueError`). `TypeError` for a non-int.
pub fn to_decimal<'py>(obj: Borrowed<'_, 'py>) -> PyResult<Owned<'py>> {
    let py = obj.py();
    if !obj.is_int() {
        return Err(crate::exc::TypeError::new_err(
            py,
            format!("expected int, {} found", obj.type_name()),
        ));
    }
    // SAFETY: `int`'s own repr slot, called on an int (checked above; subclasses share the
    // layout); attached thread; new reference or null with an exception.
    unsafe {
        let repr = (*std::ptr::addr_of_mut!(ffi::PyLong_Type))
            .tp_repr
            .expect("int has a repr slot");
        Owned::from_owned_ptr(py, repr(obj.as_ptr()))
    }
}
