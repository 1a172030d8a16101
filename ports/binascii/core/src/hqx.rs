//! BinHex 4.0 pieces of Python 3.10's `binascii` (removed in 3.11):
//! `a2b_hqx`, `b2a_hqx`, `rlecode_hqx` and `rledecode_hqx`.
//!
//! The binding exposes them on 3.10 only and emits their DeprecationWarning
//! ("binascii.b2a_hqx() is deprecated" and so on) before calling the core.

use std::borrow::Cow;
use std::mem::MaybeUninit;

use crate::simd::Writer;
use crate::{check_capacity, Error};

/// The 64 characters of the hqx encoding, by six-bit value.
const ALPHABET: &[u8; 64] = b"!\"#$%&'()*+,-012345689@ABCDEFGHIJKLMNPQRSTUVXYZ[`abcdefhijklmpqr";

/// The byte that introduces a repeat count in the run-length encoding.
const RUNCHAR: u8 = 0x90;

/// [`DECODE`] marks: ':' ends the data, '\n' and '\r' are skipped, anything
/// else outside the alphabet is an error.
const DONE: u8 = 0x7F;
const SKIP: u8 = 0x7E;
const FAIL: u8 = 0x7D;

static DECODE: [u8; 256] = {
    let mut t = [FAIL; 256];
    let mut i = 0;
    while i < 64 {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t[b':' as usize] = DONE;
    t[b'\n' as usize] = SKIP;
    t[b'\r' as usize] = SKIP;
    t
};

fn memory_error_if(over: bool) -> Result<(), Error> {
    if over {
        Err(Error::MemoryError)
    } else {
        Ok(())
    }
}

const SSIZE_MAX: usize = isize::MAX as usize;

// ---------------------------------------------------------------- a2b_hqx

/// Upper bound of [`a2b_hqx_into`]'s output (`MemoryError` where CPython
/// raises it).
pub fn a2b_hqx_len(data_len: usize) -> Result<usize, Error> {
    memory_error_if(data_len > SSIZE_MAX - 2)?;
    Ok(data_len / 4 * 3 + 3)
}

/// Decodes hqx characters like Python 3.10's `binascii.a2b_hqx(data)`:
/// returns the bytes and whether the terminating ':' was seen (C's
/// `(data, done)` tuple). '\n' and '\r' are skipped; bits left over at a ':'
/// are dropped; without one they raise `binascii.Incomplete`.
pub fn a2b_hqx_into<'o>(
    data: &[u8],
    out: &'o mut [MaybeUninit<u8>],
) -> Result<(&'o [u8], bool), Error> {
    check_capacity(out.len(), a2b_hqx_len(data.len())?);
    let mut w = Writer::new(out);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut done = false;
    for &c in data {
        let v = DECODE[usize::from(c)];
        match v {
            SKIP => continue,
            FAIL => return Err(Error::binascii("Illegal char")),
            DONE => {
                done = true;
                break;
            }
            _ => {}
        }
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            w.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits != 0 && !done {
        return Err(Error::Incomplete(Cow::Borrowed(
            "String has incomplete number of bytes",
        )));
    }
    Ok((w.finish(), done))
}

/// Convenience wrapper of [`a2b_hqx_into`].
pub fn a2b_hqx(data: &[u8]) -> Result<(Vec<u8>, bool), Error> {
    let mut buf = vec![MaybeUninit::<u8>::uninit(); a2b_hqx_len(data.len())?];
    let (out, done) = a2b_hqx_into(data, &mut buf)?;
    Ok((out.to_vec(), done))
}

// ---------------------------------------------------------------- b2a_hqx

/// Exact output size of [`b2a_hqx_into`]: one character per started six
/// bits (`MemoryError` where CPython raises it).
pub fn b2a_hqx_len(data_len: usize) -> Result<usize, Error> {
    memory_error_if(data_len > SSIZE_MAX / 2 - 2)?;
    Ok((data_len * 8).div_ceil(6))
}

/// Encodes like Python 3.10's `binascii.b2a_hqx(data)`: six bits per
/// character, no padding (the last character holds the leftover bits, shifted
/// to the top), no line breaks.
pub fn b2a_hqx_into<'o>(data: &[u8], out: &'o mut [MaybeUninit<u8>]) -> Result<&'o [u8], Error> {
    check_capacity(out.len(), b2a_hqx_len(data.len())?);
    let mut w = Writer::new(out);
    let mut chunks = data.chunks_exact(3);
    for g in &mut chunks {
        let v = (u32::from(g[0]) << 16) | (u32::from(g[1]) << 8) | u32::from(g[2]);
        w.push_array([
            ALPHABET[(v >> 18) as usize & 63],
            ALPHABET[(v >> 12) as usize & 63],
            ALPHABET[(v >> 6) as usize & 63],
            ALPHABET[v as usize & 63],
        ]);
    }
    match *chunks.remainder() {
        [a] => w.push_array([
            ALPHABET[usize::from(a >> 2)],
            ALPHABET[usize::from((a & 3) << 4)],
        ]),
        [a, b] => w.push_array([
            ALPHABET[usize::from(a >> 2)],
            ALPHABET[usize::from(((a & 3) << 4) | (b >> 4))],
            ALPHABET[usize::from((b & 15) << 2)],
        ]),
        _ => {}
    }
    Ok(w.finish())
}

/// Convenience wrapper of [`b2a_hqx_into`].
pub fn b2a_hqx(data: &[u8]) -> Result<Vec<u8>, Error> {
    crate::collect(b2a_hqx_len(data.len())?, |o| b2a_hqx_into(data, o))
}

// ------------------------------------------------------------ rlecode_hqx

/// Upper bound of [`rlecode_hqx_into`]'s output (each RUNCHAR doubles;
/// `MemoryError` where CPython raises it).
pub fn rlecode_hqx_len(data_len: usize) -> Result<usize, Error> {
    memory_error_if(data_len > SSIZE_MAX / 2 - 2)?;
    Ok(data_len * 2)
}

/// Run-length encodes like Python 3.10's `binascii.rlecode_hqx(data)`: a run
/// of 4 to 255 equal bytes becomes `byte, 0x90, count`; a 0x90 byte becomes
/// `0x90, 0` (runs of 0x90 are not counted); everything else is copied.
pub fn rlecode_hqx_into<'o>(
    data: &[u8],
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    check_capacity(out.len(), rlecode_hqx_len(data.len())?);
    let mut w = Writer::new(out);
    let n = data.len();
    let mut i = 0;
    while i < n {
        let c = data[i];
        if c == RUNCHAR {
            w.push_array([RUNCHAR, 0]);
            i += 1;
            continue;
        }
        let limit = n.min(i + 255);
        let run = data[i..limit].iter().take_while(|&&b| b == c).count();
        if run > 3 {
            w.push_array([c, RUNCHAR, run as u8]);
            i += run;
        } else {
            w.push(c);
            i += 1;
        }
    }
    Ok(w.finish())
}

/// Convenience wrapper of [`rlecode_hqx_into`].
pub fn rlecode_hqx(data: &[u8]) -> Result<Vec<u8>, Error> {
    crate::collect(rlecode_hqx_len(data.len())?, |o| rlecode_hqx_into(data, o))
}

// ----------------------------------------------------------- rledecode_hqx

/// Exact output size of [`rledecode_hqx_into`], or the error CPython raises
/// for `data` (a scan of the input; the output can be up to 255 times
/// larger, so it is sized exactly rather than bounded).
pub fn rledecode_hqx_len(data: &[u8]) -> Result<usize, Error> {
    memory_error_if(data.len() > SSIZE_MAX / 2)?;
    let Some((&first, mut rest)) = data.split_first() else {
        return Ok(0);
    };
    if first == RUNCHAR {
        match rest.split_first() {
            None => return Err(incomplete()),
            Some((0, r)) => rest = r,
            Some(_) => return Err(Error::binascii("Orphaned RLE code at start")),
        }
    }
    let mut total: usize = 1;
    while let Some((&b, r)) = rest.split_first() {
        rest = r;
        if b != RUNCHAR {
            total += 1;
            continue;
        }
        let Some((&count, r)) = rest.split_first() else {
            return Err(incomplete());
        };
        rest = r;
        total += match count {
            0 => 1,
            k => usize::from(k) - 1,
        };
    }
    memory_error_if(total > SSIZE_MAX)?;
    Ok(total)
}

fn incomplete() -> Error {
    Error::Incomplete(Cow::Borrowed(""))
}

/// Expands the run-length encoding like Python 3.10's
/// `binascii.rledecode_hqx(data)`: `0x90, 0` is a literal 0x90, `0x90, k`
/// repeats the previous output byte until it has occurred `k` times in the
/// run (so `k == 1` adds nothing). A 0x90 with no count raises
/// `binascii.Incomplete` with an empty message; a count at the very start is
/// "Orphaned RLE code at start".
pub fn rledecode_hqx_into<'o>(
    data: &[u8],
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    let need = rledecode_hqx_len(data)?;
    check_capacity(out.len(), need);
    let mut w = Writer::new(out);
    // The scan above proved the input well-formed.
    let mut last = 0u8;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        i += 1;
        if b != RUNCHAR {
            w.push(b);
            last = b;
            continue;
        }
        let count = data[i];
        i += 1;
        if count == 0 {
            w.push(RUNCHAR);
            last = RUNCHAR;
        } else {
            for _ in 1..count {
                w.push(last);
            }
        }
    }
    Ok(w.finish())
}

/// Convenience wrapper of [`rledecode_hqx_into`].
pub fn rledecode_hqx(data: &[u8]) -> Result<Vec<u8>, Error> {
    crate::collect(rledecode_hqx_len(data)?, |o| rledecode_hqx_into(data, o))
}
