//! `b2a_hex` / `hexlify` (with `sep` and `bytes_per_sep`) and `a2b_hex` /
//! `unhexlify`.

use std::borrow::Cow;
use std::mem::MaybeUninit;

use crate::lines::ByteSet;
use crate::simd::{self, Level, Writer};
use crate::{check_capacity, collect, default_backend, Backend, Error};

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Byte -> its two lowercase hex digits.
static PAIRS: [[u8; 2]; 256] = {
    let mut t = [[0u8; 2]; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = [DIGITS[i >> 4], DIGITS[i & 15]];
        i += 1;
    }
    t
};

/// Hex digit -> value, 0xFF for anything else.
static VALUE: [u8; 256] = {
    let mut t = [0xFFu8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

/// Resolves a `bytes` `sep` argument to its byte, as CPython does: it must
/// have length 1 (any byte value is allowed for the bytes-returning
/// `binascii` functions).
pub fn sep_from_bytes(sep: &[u8]) -> Result<u8, Error> {
    match *sep {
        [b] => Ok(b),
        _ => Err(Error::ValueError(Cow::Borrowed("sep must be length 1."))),
    }
}

/// Resolves a `str` `sep` argument to its byte, as CPython does: exactly one
/// code point, stored in a one-byte-per-character string (so at most
/// U+00FF; `binascii` returns bytes, so non-ASCII Latin-1 is accepted).
pub fn sep_from_str(sep: &str) -> Result<u8, Error> {
    let mut chars = sep.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => u8::try_from(u32::from(c))
            .map_err(|_| Error::ValueError(Cow::Borrowed("sep must be ASCII."))),
        _ => Err(Error::ValueError(Cow::Borrowed("sep must be length 1."))),
    }
}

/// The separator CPython takes from a `str` whose `len()` already answered 1 (a subclass may
/// answer so for any string): its first character (0 for an empty string, whose terminator C
/// reads), provided every character fits in one byte, as C checks the string's storage width;
/// "sep must be ASCII." otherwise.
pub fn sep_first_of_str(sep: &str) -> Result<u8, Error> {
    if sep.chars().any(|c| u32::from(c) > 0xff) {
        return Err(Error::ValueError(Cow::Borrowed("sep must be ASCII.")));
    }
    Ok(sep.chars().next().map_or(0, |c| u32::from(c) as u8))
}

/// The separator CPython takes from a `bytes` whose `len()` already answered 1: its first byte
/// (0 for an empty one, whose terminator C reads).
pub fn sep_first_of_bytes(sep: &[u8]) -> u8 {
    sep.first().copied().unwrap_or(0)
}

/// Grouping actually applied: 0 for none, else the signed group size.
fn effective_group(len: usize, sep: Option<u8>, bytes_per_sep: isize) -> isize {
    match sep {
        Some(_) if bytes_per_sep.unsigned_abs() < len => bytes_per_sep,
        _ => 0,
    }
}

/// Exact output size of [`b2a_hex_into`] (`MemoryError` where CPython
/// raises it for sizes that would overflow).
///
/// `bytes_per_sep` is a C `int` before 3.15 (the binding converts it so) and a `Py_ssize_t`
/// from 3.15 on; every value of either is handled.
pub fn b2a_hex_len(data_len: usize, sep: Option<u8>, bytes_per_sep: isize) -> Result<usize, Error> {
    let seps = match sep {
        Some(_) if bytes_per_sep != 0 && data_len > 0 => {
            (data_len - 1) as u64 / bytes_per_sep.unsigned_abs() as u64
        }
        _ => 0,
    };
    // CPython: `arglen >= PY_SSIZE_T_MAX / 2 - seps` is a MemoryError.
    let limit = (isize::MAX as u64 / 2).saturating_sub(seps);
    if data_len as u64 >= limit {
        return Err(Error::MemoryError);
    }
    Ok(data_len * 2 + seps as usize)
}

/// Hex-encodes `data` (lowercase) into `out`, inserting `sep` every
/// `|bytes_per_sep|` bytes, counted from the right when positive and from the
/// left when negative (CPython's `_Py_strhex_impl`).
pub fn b2a_hex_into<'o>(
    data: &[u8],
    sep: Option<u8>,
    bytes_per_sep: isize,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    b2a_hex_into_with(default_backend(), data, sep, bytes_per_sep, out)
}

/// [`b2a_hex_into`] with an explicit backend.
pub fn b2a_hex_into_with<'o>(
    backend: Backend,
    data: &[u8],
    sep: Option<u8>,
    bytes_per_sep: isize,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    let need = b2a_hex_len(data.len(), sep, bytes_per_sep)?;
    check_capacity(out.len(), need);
    let mut w = Writer::new(out);
    let group = effective_group(data.len(), sep, bytes_per_sep);
    let sep = sep.unwrap_or(0);
    if group == 0 {
        encode_run(backend, &mut w, data);
    } else {
        let g = group.unsigned_abs();
        let full = (data.len() - 1) / g;
        // Positive: the short group (if any) is the leftmost one.
        // Negative: it is the rightmost one.
        let head = if group > 0 { data.len() - full * g } else { g };
        let (first, rest) = data.split_at(head);
        if g < 16 {
            // Groups too short for a vector kernel: one table lookup per byte, no dispatch.
            encode_scalar(&mut w, first);
            for chunk in rest.chunks(g) {
                w.push(sep);
                encode_scalar(&mut w, chunk);
            }
        } else {
            encode_run(backend, &mut w, first);
            for chunk in rest.chunks(g) {
                w.push(sep);
                encode_run(backend, &mut w, chunk);
            }
        }
    }
    Ok(w.finish())
}

/// [`b2a_hex_into`] without a separator: `out` holds at least `2 * data.len()` bytes (the
/// caller sized it with [`b2a_hex_len`]); no grouping to work out.
pub fn b2a_hex_plain_into<'o>(data: &[u8], out: &'o mut [MaybeUninit<u8>]) -> &'o [u8] {
    check_capacity(out.len(), data.len() * 2);
    let mut w = Writer::new(out);
    encode_run(default_backend(), &mut w, data);
    w.finish()
}

#[inline(always)]
fn encode_run(backend: Backend, w: &mut Writer<'_>, data: &[u8]) {
    let data = if data.len() >= 32 {
        &data[simd::hex_encode_blocks(Level::for_backend(backend), w, data)..]
    } else {
        data
    };
    if backend != Backend::Scalar && data.len() >= 16 {
        let res: Result<usize, Error> =
            w.with_out(|o| Ok(hex_simd::encode(data, o, hex_simd::AsciiCase::Lower)));
        if res.is_ok() {
            return;
        }
    }
    encode_scalar(w, data);
}

#[inline(always)]
fn encode_scalar(w: &mut Writer<'_>, data: &[u8]) {
    w.push_mapped(data, |b| PAIRS[usize::from(b)]);
}

/// Convenience wrapper of [`b2a_hex_into`].
pub fn b2a_hex(data: &[u8], sep: Option<u8>, bytes_per_sep: isize) -> Result<Vec<u8>, Error> {
    b2a_hex_with(default_backend(), data, sep, bytes_per_sep)
}

/// [`b2a_hex`] with an explicit backend.
pub fn b2a_hex_with(
    backend: Backend,
    data: &[u8],
    sep: Option<u8>,
    bytes_per_sep: isize,
) -> Result<Vec<u8>, Error> {
    let cap = b2a_hex_len(data.len(), sep, bytes_per_sep)?;
    collect(cap, |o| {
        b2a_hex_into_with(backend, data, sep, bytes_per_sep, o)
    })
}

/// Exact output size of [`a2b_hex_into`] for a valid input.
pub fn a2b_hex_len(data_len: usize) -> usize {
    data_len / 2
}

/// Decodes hex digits (either case) like `binascii.a2b_hex`.
pub fn a2b_hex_into<'o>(data: &[u8], out: &'o mut [MaybeUninit<u8>]) -> Result<&'o [u8], Error> {
    a2b_hex_into_with(default_backend(), data, out)
}

/// [`a2b_hex_into`] with an explicit backend.
pub fn a2b_hex_into_with<'o>(
    backend: Backend,
    data: &[u8],
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    if !data.len().is_multiple_of(2) {
        return Err(Error::binascii("Odd-length string"));
    }
    check_capacity(out.len(), a2b_hex_len(data.len()));
    let mut w = Writer::new(out);
    if backend != Backend::Scalar && data.len() >= 32 {
        return match w.with_out(|o| hex_simd::decode(data, o)) {
            Ok(_) => Ok(w.finish()),
            Err(_) => Err(non_hex()),
        };
    }
    for pair in data.chunks_exact(2) {
        let hi = VALUE[usize::from(pair[0])];
        let lo = VALUE[usize::from(pair[1])];
        if (hi | lo) >= 16 {
            return Err(non_hex());
        }
        w.push((hi << 4) | lo);
    }
    Ok(w.finish())
}

fn non_hex() -> Error {
    Error::binascii("Non-hexadecimal digit found")
}

/// Decodes hex digits like CPython 3.15's `binascii.a2b_hex(hexstr, ignorechars=...)` into
/// `out` (at least [`a2b_hex_len`] bytes): bytes of `ignore` that are not hex digits are
/// skipped; any other non-digit is "Non-hexadecimal digit found" where it stands, and an odd
/// number of digits, found at the end, "Odd number of hexadecimal digits" (3.15's wording).
pub fn a2b_hex_ignore_into<'o>(
    data: &[u8],
    ignore: Option<&ByteSet>,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    a2b_hex_ignore_into_with(default_backend(), data, ignore, out)
}

/// [`a2b_hex_ignore_into`] with an explicit backend.
pub fn a2b_hex_ignore_into_with<'o>(
    backend: Backend,
    data: &[u8],
    ignore: Option<&ByteSet>,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    check_capacity(out.len(), a2b_hex_len(data.len()));
    let Some(ignore) = ignore else {
        // Nothing to skip: the even-length path decodes pairs (a non-digit anywhere is the
        // error); an odd length is an error either way, which one depends on the contents.
        if !data.len().is_multiple_of(2) {
            return Err(if data.iter().all(|&b| VALUE[usize::from(b)] < 16) {
                odd_digits()
            } else {
                non_hex()
            });
        }
        return a2b_hex_into_with(backend, data, out);
    };
    let mut w = Writer::new(out);
    let mut top: Option<u8> = None;
    for &b in data {
        let v = VALUE[usize::from(b)];
        if v >= 16 {
            if ignore.contains(b) {
                continue;
            }
            return Err(non_hex());
        }
        match top.take() {
            None => top = Some(v),
            Some(hi) => w.push((hi << 4) | v),
        }
    }
    if top.is_some() {
        return Err(odd_digits());
    }
    Ok(w.finish())
}

fn odd_digits() -> Error {
    Error::binascii("Odd number of hexadecimal digits")
}

/// Convenience wrapper of [`a2b_hex_ignore_into`].
pub fn a2b_hex_ignore(data: &[u8], ignore: Option<&ByteSet>) -> Result<Vec<u8>, Error> {
    a2b_hex_ignore_with(default_backend(), data, ignore)
}

/// [`a2b_hex_ignore`] with an explicit backend.
pub fn a2b_hex_ignore_with(
    backend: Backend,
    data: &[u8],
    ignore: Option<&ByteSet>,
) -> Result<Vec<u8>, Error> {
    collect(a2b_hex_len(data.len()), |o| {
        a2b_hex_ignore_into_with(backend, data, ignore, o)
    })
}

/// Convenience wrapper of [`a2b_hex_into`].
pub fn a2b_hex(data: &[u8]) -> Result<Vec<u8>, Error> {
    a2b_hex_with(default_backend(), data)
}

/// [`a2b_hex`] with an explicit backend.
pub fn a2b_hex_with(backend: Backend, data: &[u8]) -> Result<Vec<u8>, Error> {
    collect(a2b_hex_len(data.len()), |o| {
        a2b_hex_into_with(backend, data, o)
    })
}
