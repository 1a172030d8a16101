//! uuencode: `a2b_uu` and `b2a_uu`.

use std::mem::MaybeUninit;

use crate::simd::Writer;
use crate::{check_capacity, collect, Error};

/// Most bytes `b2a_uu` encodes in one line.
const MAX_LINE_BYTES: usize = 45;

/// The length byte of a uu line (C reads it as `(c - ' ') & 0o77`).
fn declared_len(data: &[u8]) -> usize {
    // An empty buffer: C reads the terminating NUL that bytes, bytearray and
    // str buffers carry, which declares 32 bytes.
    let first = data.first().copied().unwrap_or(0);
    usize::from(first.wrapping_sub(b' ') & 0o77)
}

/// Exact output size of [`a2b_uu_into`] (the length the line declares).
pub fn a2b_uu_len(data: &[u8]) -> usize {
    declared_len(data)
}

/// How `a2b_uu` treats an empty line (the only rule that changed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UuRules {
    /// 3.10 to 3.13: C reads the length byte past the end of an empty buffer, the NUL
    /// terminator of bytes, bytearray and str, which declares 32 zero bytes.
    Py310,
    /// 3.14 and later: an empty line is "Missing length byte".
    Py314,
}

/// Decodes one uuencoded line like `binascii.a2b_uu` under `rules`.
///
/// An empty `data` behaves as CPython does for an empty `bytes`: as if the
/// line were a single NUL byte (32 zero bytes come out) before 3.14, an error from 3.14.
pub fn a2b_uu_into<'o>(
    data: &[u8],
    rules: UuRules,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    if data.is_empty() && rules == UuRules::Py314 {
        return Err(Error::binascii("Missing length byte"));
    }
    let mut remaining = declared_len(data);
    check_capacity(out.len(), remaining);
    let body = data.get(1..).unwrap_or(&[]);
    let mut w = Writer::new(out);
    let mut i = 0;
    // Whole groups of four valid characters (no line end, nothing missing) decode to three
    // bytes at once; the loop below takes what is left from a group boundary.
    while remaining >= 3 {
        let Some(&[a, b, c, d]) = body.get(i..i + 4) else {
            break;
        };
        if [a, b, c, d].iter().any(|&ch| ch.wrapping_sub(b' ') > 64) {
            break;
        }
        let v = |ch: u8| u32::from((ch - b' ') & 0o77);
        let acc = (v(a) << 18) | (v(b) << 12) | (v(c) << 6) | v(d);
        w.push_array([(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
        remaining -= 3;
        i += 4;
    }
    let mut acc: u32 = 0;
    let mut bits = 0;
    while remaining > 0 {
        // Missing characters (and line ends) count as zero: some encoders
        // drop trailing spaces.
        let v = match body.get(i) {
            None | Some(b'\n' | b'\r') => 0,
            Some(&c) => {
                if !(b' '..=b' ' + 64).contains(&c) {
                    return Err(Error::binascii("Illegal char"));
                }
                u32::from((c - b' ') & 0o77)
            }
        };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            w.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
            remaining -= 1;
        }
        i += 1;
    }
    if let Some(rest) = body.get(i..) {
        if rest
            .iter()
            .any(|&c| !matches!(c, b' ' | b'`' | b'\n' | b'\r'))
        {
            return Err(Error::binascii("Trailing garbage"));
        }
    }
    Ok(w.finish())
}

/// Convenience wrapper of [`a2b_uu_into`].
pub fn a2b_uu(data: &[u8], rules: UuRules) -> Result<Vec<u8>, Error> {
    collect(a2b_uu_len(data), |o| a2b_uu_into(data, rules, o))
}

/// Exact output size of [`b2a_uu_into`]: length byte, four characters per
/// started group of three bytes, newline.
pub fn b2a_uu_len(data_len: usize) -> Result<usize, Error> {
    if data_len > MAX_LINE_BYTES {
        return Err(Error::binascii("At most 45 bytes at once"));
    }
    Ok(2 + data_len.div_ceil(3) * 4)
}

/// Uuencodes at most 45 bytes like `binascii.b2a_uu(data, backtick=...)`.
pub fn b2a_uu_into<'o>(
    data: &[u8],
    backtick: bool,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    let need = b2a_uu_len(data.len())?;
    check_capacity(out.len(), need);
    let mut w = Writer::new(out);
    let zero = if backtick { b'`' } else { b' ' };
    let sym = |v: u8| if v == 0 { zero } else { b' ' + v };
    let group = |g: [u8; 3]| {
        [
            sym(g[0] >> 2),
            sym(((g[0] & 3) << 4) | (g[1] >> 4)),
            sym(((g[1] & 15) << 2) | (g[2] >> 6)),
            sym(g[2] & 63),
        ]
    };
    w.push(sym(data.len() as u8));
    let mut chunks = data.chunks_exact(3);
    for g in &mut chunks {
        w.push_array(group([g[0], g[1], g[2]]));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut g = [0u8; 3];
        for (d, &s) in g.iter_mut().zip(rest) {
            *d = s;
        }
        w.push_array(group(g));
    }
    w.push(b'\n');
    Ok(w.finish())
}

/// Convenience wrapper of [`b2a_uu_into`].
pub fn b2a_uu(data: &[u8], backtick: bool) -> Result<Vec<u8>, Error> {
    collect(b2a_uu_len(data.len())?, |o| b2a_uu_into(data, backtick, o))
}
