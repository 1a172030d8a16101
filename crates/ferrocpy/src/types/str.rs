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

/// A new `str` of `len` ASCII characters that `fill` writes straight into its storage (no
/// intermediate buffer, no copy). The storage is zeroed before `fill` runs; if `fill` leaves a
/// byte outside ASCII, the string is discarded and SystemError raised, so a compact ASCII `str`
/// never holds anything else.
pub fn ascii_with<'py>(
    py: Python<'py>,
    len: usize,
    fill: impl FnOnce(&mut [u8]),
) -> PyResult<Owned<'py>> {
    let Ok(n) = ffi::Py_ssize_t::try_from(len) else {
        return Err(crate::exc::MemoryError::new_err(py, ""));
    };
    // SAFETY: attached thread; the result is a new reference (a compact ASCII str of `len`
    // characters, maxchar 127) or null with an exception set.
    let obj = unsafe { Owned::from_owned_ptr(py, ffi::PyUnicode_New(n, 127))? };
    if len == 0 {
        // The shared empty string: nothing to write, and it must not be written to.
        fill(&mut []);
        return Ok(obj);
    }
    // SAFETY: `obj` is a fresh compact ASCII str that only this function references (no one
    // else has seen it), whose data is `len` bytes followed by CPython's NUL; zeroing them first
    // makes every byte initialised before the slice exists, and the slice ends before the NUL.
    let buf = unsafe {
        let data = ffi::PyUnicode_DATA(obj.as_ptr()).cast::<u8>();
        std::ptr::write_bytes(data, 0, len);
        std::slice::from_raw_parts_mut(data, len)
    };
    fill(buf);
    if !buf.is_ascii() {
        return Err(crate::exc::SystemError::new_err(
            py,
            "non-ASCII data for an ASCII str",
        ));
    }
    Ok(obj)
}

/// A new `str` object from ASCII bytes (fails with SystemError if `bytes` is not ASCII), made
/// and filled directly.
#[inline]
pub fn from_ascii<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Owned<'py>> {
    if !bytes.is_ascii() {
        return Err(crate::exc::SystemError::new_err(
            py,
            "non-ASCII data for an ASCII str",
        ));
    }
    // SAFETY: checked just above.
    unsafe { fresh_ascii(py, bytes) }
}

/// A new compact ASCII `str` holding `bytes`; one-character strings are CPython's shared ones
/// and the empty string its shared empty string, as its own constructors give.
///
/// # Safety
/// Every byte of `bytes` is ASCII (a `str` of the ASCII kind must hold nothing else).
#[inline(always)]
unsafe fn fresh_ascii<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Owned<'py>> {
    if let [c] = bytes {
        // SAFETY: attached thread; a code point below 128; new reference (the interpreter's
        // shared one-character string) or null with an exception.
        return unsafe { Owned::from_owned_ptr(py, ffi::PyUnicode_FromOrdinal(c32(*c))) };
    }
    // `bytes` is a slice, so its length fits `isize`.
    let n = bytes.len() as ffi::Py_ssize_t;
    // SAFETY: attached thread; the result is a new reference (a compact ASCII str of `n`
    // characters, maxchar 127) or null with an exception set.
    let obj = unsafe { Owned::from_owned_ptr(py, ffi::PyUnicode_New(n, 127))? };
    if !bytes.is_empty() {
        // SAFETY: `obj` is a fresh compact ASCII str of `n` characters that no one else has
        // seen (not the shared empty string: `n > 0`); its data holds `n` bytes, written once
        // here from `bytes`, which the caller guarantees are ASCII, so the str is valid.
        unsafe { copy_short(bytes, ffi::PyUnicode_DATA(obj.as_ptr()).cast::<u8>()) };
    }
    Ok(obj)
}

/// Copies `src` to `dst`: short runs with a few loads and stores, longer ones with `memcpy`.
///
/// # Safety
/// `dst` is valid for writing `src.len()` bytes and does not overlap `src`.
#[inline(always)]
unsafe fn copy_short(src: &[u8], dst: *mut u8) {
    let n = src.len();
    let p = src.as_ptr();
    // SAFETY: the reads stay inside `src` (offsets below `n`, widths chosen by `n`) and the
    // writes inside `dst[..n]`, which the caller guarantees writable and apart from `src`;
    // both use unaligned accesses.
    unsafe {
        if (8..=16).contains(&n) {
            let head = p.cast::<u64>().read_unaligned();
            let tail = p.add(n - 8).cast::<u64>().read_unaligned();
            dst.cast::<u64>().write_unaligned(head);
            dst.add(n - 8).cast::<u64>().write_unaligned(tail);
        } else if (4..8).contains(&n) {
            let head = p.cast::<u32>().read_unaligned();
            let tail = p.add(n - 4).cast::<u32>().read_unaligned();
            dst.cast::<u32>().write_unaligned(head);
            dst.add(n - 4).cast::<u32>().write_unaligned(tail);
        } else {
            std::ptr::copy_nonoverlapping(p, dst, n);
        }
    }
}

#[inline(always)]
fn c32(c: u8) -> std::ffi::c_int {
    std::ffi::c_int::from(c)
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

/// The code points of a `str`, in CPython's own storage: one, two or four bytes each (the
/// "kind" CPython picked from the widest code point). Lone surrogates are ordinary values of
/// the two- and four-byte kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chars<'a> {
    /// Every code point below U+0100 (ASCII and Latin-1 strings).
    Latin1(&'a [u8]),
    /// Every code point below U+10000, at least one above U+00FF.
    Ucs2(&'a [u16]),
    /// At least one code point above U+FFFF.
    Ucs4(&'a [u32]),
}

impl Chars<'_> {
    /// The number of code points.
    #[inline]
    pub fn len(&self) -> usize {
        match self {
            Chars::Latin1(s) => s.len(),
            Chars::Ucs2(s) => s.len(),
            Chars::Ucs4(s) => s.len(),
        }
    }

    /// Whether the string is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Code point `i` (panics when out of bounds, like slice indexing).
    #[inline(always)]
    pub fn get(&self, i: usize) -> u32 {
        match self {
            Chars::Latin1(s) => u32::from(s[i]),
            Chars::Ucs2(s) => u32::from(s[i]),
            Chars::Ucs4(s) => s[i],
        }
    }

    /// Every code point, in order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }
}

#[cold]
#[inline(never)]
fn not_a_str(obj: Borrowed<'_, '_>) -> PyErr {
    TypeError::new_err(obj.py(), format!("expected str, {} found", obj.type_name()))
}

/// The code points of `obj` read in place (a `str` or subclass; `TypeError` otherwise), with no
/// copy and no conversion, so lone surrogates come through unchanged.
#[inline]
pub fn chars<'a>(obj: Borrowed<'a, '_>) -> PyResult<Chars<'a>> {
    if !obj.is_str() {
        return Err(not_a_str(obj));
    }
    let p = obj.as_ptr();
    #[cfg(not(Py_3_12))]
    {
        // SAFETY: attached thread; `p` is a str. Before 3.12 a legacy string may still need
        // its canonical representation computed (`PyUnicode_READY`).
        let ready = unsafe { (*p.cast::<ffi::PyASCIIObject>()).state.ready() != 0 };
        // SAFETY: as above; the call fills in the canonical data or raises.
        if !ready && unsafe { ffi::_PyUnicode_Ready(p) } < 0 {
            return Err(PyErr::fetch(obj.py()));
        }
    }
    // SAFETY: a ready str: its data holds `length` code points of the width its kind gives,
    // suitably aligned, and lives (unchanged: shared strings are immutable) as long as the
    // object, which the handle keeps for `'a`.
    unsafe {
        let len = ffi::PyUnicode_GET_LENGTH(p) as usize;
        let data = ffi::PyUnicode_DATA(p);
        Ok(match ffi::PyUnicode_KIND(p) {
            1 => Chars::Latin1(std::slice::from_raw_parts(data.cast::<u8>(), len)),
            2 => Chars::Ucs2(std::slice::from_raw_parts(data.cast::<u16>(), len)),
            _ => Chars::Ucs4(std::slice::from_raw_parts(data.cast::<u32>(), len)),
        })
    }
}

/// A new `str` from code points, stored with the narrowest kind that holds them (CPython's
/// canonical form). Lone surrogates are kept; a value above U+10FFFF raises `ValueError` (as
/// `PyUnicode_FromOrdinal` words it).
pub fn from_code_points<'py>(py: Python<'py>, points: &[u32]) -> PyResult<Owned<'py>> {
    // Tested all at once (bitwise, the compiler's vector code), the culprit found after.
    if points.iter().fold(false, |a, &c| a | (c > 0x10FFFF)) {
        let bad = points.iter().copied().find(|&c| c > 0x10FFFF).unwrap_or(0);
        return Err(crate::exc::ValueError::new_err(
            py,
            format!("character U+{bad:x} is not in range [U+0000; U+10ffff]"),
        ));
    }
    // SAFETY: attached thread; the callee reads `len` four-byte code points (all in range,
    // checked above), finds the widest and copies them into a new string of the matching kind.
    unsafe {
        Owned::from_owned_ptr(
            py,
            ffi::PyUnicode_FromKindAndData(
                ffi::PyUnicode_4BYTE_KIND as _,
                points.as_ptr().cast(),
                points.len() as ffi::Py_ssize_t,
            ),
        )
    }
}

/// `obj[start:end]` for a `str` `obj` (`PyUnicode_Substring`): an ASCII string's slice copied
/// with no scan, others narrowed to their own widest character; `end` is clamped to the length;
/// `obj` itself when the slice is all of an exact `str`.
#[inline]
pub fn substring<'py>(obj: Borrowed<'_, 'py>, start: usize, end: usize) -> PyResult<Owned<'py>> {
    // A compact ASCII str's slice is ASCII: made here, without the general call (empty or
    // one character: the shared strings CPython gives too). The whole string, reversed and
    // bad bounds go to CPython, which returns `obj` itself or raises as it does.
    if let Some(data) = compact_ascii(obj) {
        if start <= end && end <= data.len() && end - start < data.len() {
            // SAFETY: a slice of a compact ASCII str's characters, all ASCII.
            return unsafe { fresh_ascii(obj.py(), &data[start..end]) };
        }
    }
    if !obj.is_str() {
        return Err(not_a_str(obj));
    }
    let (Ok(a), Ok(b)) = (
        ffi::Py_ssize_t::try_from(start),
        ffi::Py_ssize_t::try_from(end),
    ) else {
        return Err(crate::exc::IndexError::new_err(
            obj.py(),
            "string index out of range",
        ));
    };
    // SAFETY: attached thread; `obj` is a str (checked); the callee checks the bounds (raising
    // for a start past the end, clamping the end) and returns a new reference or null with an
    // exception set.
    unsafe { Owned::from_owned_ptr(obj.py(), ffi::PyUnicode_Substring(obj.as_ptr(), a, b)) }
}

/// A new `str` from Latin-1 text (every byte is the code point of the same value).
pub fn from_latin1<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Owned<'py>> {
    // SAFETY: attached thread; the callee copies `len` one-byte code points.
    unsafe {
        Owned::from_owned_ptr(
            py,
            ffi::PyUnicode_FromKindAndData(
                ffi::PyUnicode_1BYTE_KIND as _,
                bytes.as_ptr().cast(),
                bytes.len() as ffi::Py_ssize_t,
            ),
        )
    }
}

/// A new `str` from UTF-16 code units taken as code points (no pairing: a surrogate stays a
/// surrogate, as in CPython's two-byte kind).
pub fn from_ucs2<'py>(py: Python<'py>, units: &[u16]) -> PyResult<Owned<'py>> {
    // SAFETY: attached thread; the callee copies `len` two-byte code points, narrowing to one
    // byte if they all fit.
    unsafe {
        Owned::from_owned_ptr(
            py,
            ffi::PyUnicode_FromKindAndData(
                ffi::PyUnicode_2BYTE_KIND as _,
                units.as_ptr().cast(),
                units.len() as ffi::Py_ssize_t,
            ),
        )
    }
}

/// Interns `s` (`PyUnicode_InternFromString`): the same object for equal strings, the form
/// CPython uses for attribute and keyword names.
pub fn intern<'py>(py: Python<'py>, s: &std::ffi::CStr) -> PyResult<Owned<'py>> {
    // SAFETY: attached thread; a NUL-terminated UTF-8 string, copied by the callee.
    unsafe { Owned::from_owned_ptr(py, ffi::PyUnicode_InternFromString(s.as_ptr())) }
}

/// The interned str equal to `s` (the interpreter's one copy of it, as attribute names are):
/// lookups by an interned name hit the type attribute cache, which keeps a reference to the
/// name, so a fresh string per lookup would churn it.
pub fn interned<'py>(py: Python<'py>, s: &str) -> PyResult<Owned<'py>> {
    let mut p = new(py, s)?.into_ptr();
    // SAFETY: attached thread; `p` is an owned reference to an exact str, which
    // `PyUnicode_InternInPlace` either interns or replaces by the interned equal string, moving
    // the reference it was given to the one it leaves in `p`.
    unsafe { ffi::PyUnicode_InternInPlace(&mut p) };
    // SAFETY: `p` is still a non-null owned reference (see above).
    Ok(unsafe { Owned::from_owned_ptr_unchecked(py, p) })
}
