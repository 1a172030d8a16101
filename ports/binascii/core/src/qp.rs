//! Quoted-printable: `a2b_qp` and `b2a_qp`.

use std::mem::MaybeUninit;

use crate::simd::Writer;
use crate::{check_capacity, collect, Error};

/// Longest encoded line CPython produces, soft line break included.
const MAXLINESIZE: usize = 76;

const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

// ---------------------------------------------------------------- decode

/// Upper bound of [`a2b_qp_into`]'s output: decoding never grows the data.
pub fn a2b_qp_len(data_len: usize) -> usize {
    data_len
}

/// Decodes quoted-printable like `binascii.a2b_qp(data, header)`.
///
/// Never fails; malformed escapes are passed through as CPython does.
pub fn a2b_qp_into<'o>(
    data: &[u8],
    header: bool,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    check_capacity(out.len(), a2b_qp_len(data.len()));
    let mut w = Writer::new(out);
    let n = data.len();
    let mut i = 0;
    while i < n {
        let c = data[i];
        if c == b'=' {
            i += 1;
            if i >= n {
                break;
            }
            let d = data[i];
            if d == b'\n' || d == b'\r' {
                // Soft line break: drop everything up to and including '\n'.
                if d != b'\n' {
                    while i < n && data[i] != b'\n' {
                        i += 1;
                    }
                }
                if i < n {
                    i += 1;
                }
            } else if d == b'=' {
                w.push(b'=');
                i += 1;
            } else if let (Some(hi), Some(lo)) =
                (hex_value(d), data.get(i + 1).copied().and_then(hex_value))
            {
                w.push((hi << 4) | lo);
                i += 2;
            } else {
                w.push(b'=');
            }
        } else if header && c == b'_' {
            w.push(b' ');
            i += 1;
        } else {
            w.push(c);
            i += 1;
        }
    }
    Ok(w.finish())
}

/// Convenience wrapper of [`a2b_qp_into`].
pub fn a2b_qp(data: &[u8], header: bool) -> Result<Vec<u8>, Error> {
    collect(a2b_qp_len(data.len()), |o| a2b_qp_into(data, header, o))
}

// ---------------------------------------------------------------- encode

/// The encoder's flags.
#[derive(Clone, Copy)]
struct Flags {
    quotetabs: bool,
    istext: bool,
    header: bool,
}

/// Whether `data[i]` is written as `=XX`, given the current line length.
#[inline]
fn must_quote(data: &[u8], i: usize, linelen: usize, f: Flags) -> bool {
    let c = data[i];
    let next = data.get(i + 1).copied();
    c > 126
        || c == b'='
        || (f.header && c == b'_')
        || (c == b'.' && linelen == 0 && matches!(next, None | Some(b'\n' | b'\r' | 0)))
        || (!f.istext && (c == b'\r' || c == b'\n'))
        || ((c == b'\t' || c == b' ') && next.is_none())
        || (c < 33 && c != b'\r' && c != b'\n' && (f.quotetabs || (c != b'\t' && c != b' ')))
}

/// Whether the encoder treats `data[i..]` as a line end (text mode only).
#[inline]
fn is_line_end(data: &[u8], i: usize, f: Flags) -> bool {
    f.istext && (data[i] == b'\n' || (data[i] == b'\r' && data.get(i + 1) == Some(&b'\n')))
}

/// Whether the input uses CRLF line ends: CPython looks at the first '\n'.
fn uses_crlf(data: &[u8]) -> bool {
    matches!(data.iter().position(|&c| c == b'\n'), Some(p) if p > 0 && data[p - 1] == b'\r')
}

/// Upper bound of [`b2a_qp_into`]'s output, computed as CPython sizes its
/// buffer (`MemoryError` if that would overflow `Py_ssize_t`).
pub fn b2a_qp_len(
    data: &[u8],
    quotetabs: bool,
    istext: bool,
    header: bool,
) -> Result<usize, Error> {
    let f = Flags {
        quotetabs,
        istext,
        header,
    };
    let eol = if uses_crlf(data) { 2 } else { 1 };
    let n = data.len();
    let mut total: usize = 0;
    let mut linelen = 0;
    let mut i = 0;
    while i < n {
        let mut delta = 0;
        if must_quote(data, i, linelen, f) {
            if linelen + 3 >= MAXLINESIZE {
                linelen = 0;
                delta += 1 + eol;
            }
            linelen += 3;
            delta += 3;
            i += 1;
        } else if is_line_end(data, i, f) {
            linelen = 0;
            if i > 0 && (data[i - 1] == b' ' || data[i - 1] == b'\t') {
                delta += 2;
            }
            delta += eol;
            i += if data[i] == b'\r' { 2 } else { 1 };
        } else {
            if i + 1 != n && data[i + 1] != b'\n' && linelen + 1 >= MAXLINESIZE {
                linelen = 0;
                delta += 1 + eol;
            }
            linelen += 1;
            delta += 1;
            i += 1;
        }
        total = total
            .checked_add(delta)
            .filter(|&t| t <= isize::MAX as usize)
            .ok_or(Error::MemoryError)?;
    }
    Ok(total)
}

/// Encodes quoted-printable like `binascii.b2a_qp(data, quotetabs, istext,
/// header)`, into a buffer of at least [`b2a_qp_len`] bytes.
pub fn b2a_qp_into<'o>(
    data: &[u8],
    quotetabs: bool,
    istext: bool,
    header: bool,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    let f = Flags {
        quotetabs,
        istext,
        header,
    };
    let crlf = uses_crlf(data);
    let n = data.len();
    let mut w = Writer::new(out);
    // The last byte written, which C reads back from its output buffer.
    let mut last: Option<u8> = None;
    let soft_break = |w: &mut Writer<'_>| {
        w.push(b'=');
        if crlf {
            w.push(b'\r');
        }
        w.push(b'\n');
    };
    let mut linelen = 0;
    let mut i = 0;
    while i < n {
        let c = data[i];
        if must_quote(data, i, linelen, f) {
            if linelen + 3 >= MAXLINESIZE {
                soft_break(&mut w);
                linelen = 0;
            }
            w.push_slice(&[
                b'=',
                UPPER_HEX[usize::from(c >> 4)],
                UPPER_HEX[usize::from(c & 15)],
            ]);
            last = Some(UPPER_HEX[usize::from(c & 15)]);
            linelen += 3;
            i += 1;
        } else if is_line_end(data, i, f) {
            linelen = 0;
            // Whitespace written literally just before a line end gets
            // quoted: C rewrites the last output byte as "=XX".
            if let Some(ws @ (b' ' | b'\t')) = last {
                w.replace_last(b'=');
                w.push_slice(&[
                    UPPER_HEX[usize::from(ws >> 4)],
                    UPPER_HEX[usize::from(ws & 15)],
                ]);
            }
            if crlf {
                w.push(b'\r');
            }
            w.push(b'\n');
            last = Some(b'\n');
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if i + 1 != n && data[i + 1] != b'\n' && linelen + 1 >= MAXLINESIZE {
                soft_break(&mut w);
                linelen = 0;
            }
            linelen += 1;
            let b = if header && c == b' ' { b'_' } else { c };
            w.push(b);
            last = Some(b);
            i += 1;
        }
    }
    Ok(w.finish())
}

/// Convenience wrapper of [`b2a_qp_into`].
pub fn b2a_qp(data: &[u8], quotetabs: bool, istext: bool, header: bool) -> Result<Vec<u8>, Error> {
    let cap = b2a_qp_len(data, quotetabs, istext, header)?;
    collect(cap, |o| b2a_qp_into(data, quotetabs, istext, header, o))
}
