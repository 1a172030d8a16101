//! Quoted-printable: `a2b_qp` and `b2a_qp`.

use std::mem::MaybeUninit;

use crate::simd::Writer;
use crate::{check_capacity, collect, Error};

/// Longest encoded line CPython produces, soft line break included.
const MAXLINESIZE: usize = 76;

const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";

/// The value of each hexadecimal digit (either case); 0xFF for any other byte.
const HEX_VALUE: [u8; 256] = {
    let mut t = [0xFFu8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = match c as u8 {
            b'0'..=b'9' => c as u8 - b'0',
            b'a'..=b'f' => c as u8 - b'a' + 10,
            b'A'..=b'F' => c as u8 - b'A' + 10,
            _ => 0xFF,
        };
        c += 1;
    }
    t
};

#[inline(always)]
fn hex_value(c: u8) -> Option<u8> {
    let v = HEX_VALUE[usize::from(c)];
    (v != 0xFF).then_some(v)
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
            // The common escape first: '=' and two hex digits.
            if let Some(&[h, l]) = data.get(i + 1..i + 3) {
                let (h, l) = (HEX_VALUE[usize::from(h)], HEX_VALUE[usize::from(l)]);
                if (h | l) < 16 {
                    w.push((h << 4) | l);
                    i += 3;
                    continue;
                }
            }
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
            // A run of bytes copied as they are, up to the next '=' (or '_' in header mode).
            let run = data[i..]
                .iter()
                .position(|&b| b == b'=' || (header && b == b'_'))
                .map_or(n, |p| i + p);
            if run - i < 16 {
                for &b in &data[i..run] {
                    w.push(b);
                }
            } else {
                w.push_slice(&data[i..run]);
            }
            i = run;
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

// The encoder's classification of a byte: 0 for the bytes that are always written as they are
// (printable ASCII other than those below), else the class whose rule decides.
const ALWAYS: u8 = 1; // written as =XX whatever the flags: above 126, '=', controls but \t \n \r
const UNDERSCORE: u8 = 2; // '_': quoted in header mode
const DOT: u8 = 3; // '.': quoted at a line start when the line ends right after it
const EOL: u8 = 4; // '\r', '\n': line ends in text mode, quoted otherwise
const WS: u8 = 5; // '\t', ' ': quoted with quotetabs or at the end of the data

const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = match c as u8 {
            b'\r' | b'\n' => EOL,
            b'\t' | b' ' => WS,
            0..=32 | 127..=255 | b'=' => ALWAYS,
            b'_' => UNDERSCORE,
            b'.' => DOT,
            _ => 0,
        };
        c += 1;
    }
    t
};

/// Whether `data[i]`, of class `k` (not 0), is written as `=XX`, given the current line length.
#[inline(always)]
fn quote_special(k: u8, data: &[u8], i: usize, linelen: usize, f: Flags) -> bool {
    match k {
        ALWAYS => true,
        UNDERSCORE => f.header,
        DOT => linelen == 0 && matches!(data.get(i + 1), None | Some(b'\n' | b'\r' | 0)),
        EOL => !f.istext,
        _ => f.quotetabs || i + 1 == data.len(),
    }
}

/// Whether the encoder treats `data[i..]` as a line end (text mode only).
#[inline(always)]
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
    // Each input byte adds at most 6 output bytes (=XX after a soft line break "=\r\n"), so
    // the sum cannot overflow `isize` below this size, which no real buffer reaches.
    if n <= isize::MAX as usize / 8 {
        return Ok(b2a_qp_len_with::<false>(data, f, eol));
    }
    b2a_qp_len_checked(data, f, eol)
}

#[cold]
fn b2a_qp_len_checked(data: &[u8], f: Flags, eol: usize) -> Result<usize, Error> {
    let total = b2a_qp_len_with::<true>(data, f, eol);
    if total > isize::MAX as usize {
        Err(Error::MemoryError)
    } else {
        Ok(total)
    }
}

/// The size of the encoding; with `CHECKED` it saturates at `usize::MAX` instead of wrapping.
#[inline(always)]
fn b2a_qp_len_with<const CHECKED: bool>(data: &[u8], f: Flags, eol: usize) -> usize {
    let n = data.len();
    let mut total: usize = 0;
    let mut linelen = 0;
    let mut i = 0;
    while i < n {
        let c = data[i];
        let k = CLASS[usize::from(c)];
        let mut delta = 0;
        if k != 0 && quote_special(k, data, i, linelen, f) {
            if linelen + 3 >= MAXLINESIZE {
                linelen = 0;
                delta += 1 + eol;
            }
            linelen += 3;
            delta += 3;
            i += 1;
        } else if k == EOL && is_line_end(data, i, f) {
            linelen = 0;
            if i > 0 && (data[i - 1] == b' ' || data[i - 1] == b'\t') {
                delta += 2;
            }
            delta += eol;
            i += if data[i] == b'\r' { 2 } else { 1 };
        } else {
            if linelen + 1 >= MAXLINESIZE && i + 1 != n && data[i + 1] != b'\n' {
                linelen = 0;
                delta += 1 + eol;
            }
            linelen += 1;
            delta += 1;
            i += 1;
        }
        total = if CHECKED {
            total.saturating_add(delta)
        } else {
            total + delta
        };
    }
    total
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
        let k = CLASS[usize::from(c)];
        if k != 0 && quote_special(k, data, i, linelen, f) {
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
        } else if k == EOL && is_line_end(data, i, f) {
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
            if linelen + 1 >= MAXLINESIZE && i + 1 != n && data[i + 1] != b'\n' {
                soft_break(&mut w);
                linelen = 0;
            }
            linelen += 1;
            let b = if k == WS && header && c == b' ' {
                b'_'
            } else {
                c
            };
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
