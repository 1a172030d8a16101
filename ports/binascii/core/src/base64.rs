//! `a2b_base64` / `b2a_base64`.

use std::borrow::Cow;
use std::mem::MaybeUninit;

use crate::simd::{self, Level, Writer};
use crate::{check_capacity, collect, default_backend, Backend, Error};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Marks a byte outside the alphabet in [`DECODE`].
const INVALID: u8 = 0xFF;

/// Byte -> 6-bit value, or [`INVALID`] (including for `=`).
static DECODE: [u8; 256] = {
    let mut t = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Largest input CPython accepts before "Too much data for base64 line".
const MAXBIN: usize = (isize::MAX as usize - 3) / 2;

// ---------------------------------------------------------------- encode

/// Exact output size of [`b2a_base64_into`]: four characters per started
/// group of three bytes, plus the newline.
///
/// Errors like CPython for inputs it refuses to encode.
pub fn b2a_base64_len(data_len: usize, newline: bool) -> Result<usize, Error> {
    if data_len > MAXBIN {
        return Err(Error::binascii("Too much data for base64 line"));
    }
    Ok(data_len.div_ceil(3) * 4 + usize::from(newline))
}

/// Base64-encodes `data` into `out` (at least [`b2a_base64_len`] bytes).
pub fn b2a_base64_into<'o>(
    data: &[u8],
    newline: bool,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    b2a_base64_into_with(default_backend(), data, newline, out)
}

/// [`b2a_base64_into`] with an explicit backend.
pub fn b2a_base64_into_with<'o>(
    backend: Backend,
    data: &[u8],
    newline: bool,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    let need = b2a_base64_len(data.len(), newline)?;
    check_capacity(out.len(), need);
    let mut w = Writer::new(out);
    let done = simd::b64_encode_blocks(Level::for_backend(backend), &mut w, data);
    encode_scalar(&mut w, &data[done..]);
    if newline {
        w.push(b'\n');
    }
    Ok(w.finish())
}

/// Convenience wrapper of [`b2a_base64_into`].
pub fn b2a_base64(data: &[u8], newline: bool) -> Result<Vec<u8>, Error> {
    b2a_base64_with(default_backend(), data, newline)
}

/// [`b2a_base64`] with an explicit backend.
pub fn b2a_base64_with(backend: Backend, data: &[u8], newline: bool) -> Result<Vec<u8>, Error> {
    let cap = b2a_base64_len(data.len(), newline)?;
    collect(cap, |o| b2a_base64_into_with(backend, data, newline, o))
}

fn encode_scalar(w: &mut Writer<'_>, data: &[u8]) {
    let mut chunks = data.chunks_exact(3);
    for c in &mut chunks {
        let v = (u32::from(c[0]) << 16) | (u32::from(c[1]) << 8) | u32::from(c[2]);
        w.push_slice(&[
            ALPHABET[(v >> 18) as usize & 63],
            ALPHABET[(v >> 12) as usize & 63],
            ALPHABET[(v >> 6) as usize & 63],
            ALPHABET[v as usize & 63],
        ]);
    }
    match *chunks.remainder() {
        [a] => w.push_slice(&[
            ALPHABET[usize::from(a >> 2)],
            ALPHABET[usize::from((a & 3) << 4)],
            b'=',
            b'=',
        ]),
        [a, b] => w.push_slice(&[
            ALPHABET[usize::from(a >> 2)],
            ALPHABET[usize::from(((a & 3) << 4) | (b >> 4))],
            ALPHABET[usize::from((b & 15) << 2)],
            b'=',
        ]),
        _ => {}
    }
}

// ---------------------------------------------------------------- decode

/// Upper bound of [`a2b_base64_into`]'s output, as CPython allocates it.
pub fn a2b_base64_len(data_len: usize) -> usize {
    data_len.div_ceil(4) * 3
}

/// Decodes base64 like CPython's `binascii.a2b_base64(data, strict_mode=...)`.
///
/// `version_minor` is the `3.x` interpreter being emulated (10 to 13); it
/// matters in strict mode only (3.13 added "Excess padding not allowed").
/// Strict mode does not exist before 3.11: the binding rejects the keyword
/// there, the core just honours the flag.
///
/// Runs of alphabet characters (the bulk of any real input) are decoded by
/// the SIMD kernels in whole blocks; everything else goes through a scalar
/// state machine that reproduces C's handling of invalid characters, padding
/// and errors exactly.
pub fn a2b_base64_into<'o>(
    data: &[u8],
    strict_mode: bool,
    version_minor: u32,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    a2b_base64_into_with(default_backend(), data, strict_mode, version_minor, out)
}

/// [`a2b_base64_into`] with an explicit backend.
pub fn a2b_base64_into_with<'o>(
    backend: Backend,
    data: &[u8],
    strict_mode: bool,
    version_minor: u32,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    check_capacity(out.len(), a2b_base64_len(data.len()));
    let mut w = Writer::new(out);
    decode_scalar(
        &mut w,
        data,
        strict_mode,
        version_minor,
        Level::for_backend(backend),
    )?;
    Ok(w.finish())
}

/// Convenience wrapper of [`a2b_base64_into`].
pub fn a2b_base64(data: &[u8], strict_mode: bool, version_minor: u32) -> Result<Vec<u8>, Error> {
    a2b_base64_with(default_backend(), data, strict_mode, version_minor)
}

/// [`a2b_base64`] with an explicit backend.
pub fn a2b_base64_with(
    backend: Backend,
    data: &[u8],
    strict_mode: bool,
    version_minor: u32,
) -> Result<Vec<u8>, Error> {
    collect(a2b_base64_len(data.len()), |o| {
        a2b_base64_into_with(backend, data, strict_mode, version_minor, o)
    })
}

/// Decodes the longest prefix of `data` made of whole quads of alphabet
/// characters; returns how many input bytes it consumed. The SIMD kernels
/// take whole blocks, scalar code the rest.
#[inline]
fn decode_quads(w: &mut Writer<'_>, data: &[u8], level: Level) -> usize {
    let mut i = simd::b64_decode_blocks(level, w, data);
    for q in data[i..].chunks_exact(4) {
        let a = DECODE[usize::from(q[0])];
        let b = DECODE[usize::from(q[1])];
        let c = DECODE[usize::from(q[2])];
        let d = DECODE[usize::from(q[3])];
        if (a | b | c | d) & 0xC0 != 0 {
            break;
        }
        w.push_array([(a << 2) | (b >> 4), (b << 4) | (c >> 2), (c << 6) | d]);
        i += 4;
    }
    i
}

/// How far into the input [`decode_scalar`] looks for a line break before
/// choosing [`decode_lines`] (MIME lines have 76 characters, PEM 64).
const LINE_PROBE: usize = 256;

/// Inputs shorter than this are never joined line by line ([`decode_lines`]).
const LINES_MIN: usize = 256;

/// C's decoding loop: a four-state machine over the data characters, with
/// '=' ending the input once a quad is complete.
fn decode_scalar(
    w: &mut Writer<'_>,
    data: &[u8],
    strict: bool,
    version_minor: u32,
    level: Level,
) -> Result<(), Error> {
    if strict && data.first() == Some(&b'=') {
        return Err(Error::binascii("Leading padding not allowed"));
    }
    // Joining lines pays off only on inputs long enough to hold several of them; a short input
    // (such as one `b2a_base64` line with its newline) decodes directly, with the same result.
    if !strict
        && data.len() >= LINES_MIN
        && level != Level::for_backend(Backend::Scalar)
        && memchr::memchr(b'\n', &data[..data.len().min(LINE_PROBE)]).is_some()
    {
        return decode_lines(w, data, version_minor, level);
    }
    let mut st = DecodeState::default();
    if st.run(w, data, strict, version_minor, level)? {
        return Ok(());
    }
    st.finish(w)
}

/// Non-strict decoding of line-broken input (MIME, PEM). C skips every byte
/// outside the alphabet other than '=' without any change of state, so
/// dropping each "\n" and the "\r" before it changes nothing: the lines are
/// joined into a buffer, and the buffer, as one run, goes through the SIMD
/// kernels instead of stopping them at every line end.
fn decode_lines(
    w: &mut Writer<'_>,
    data: &[u8],
    version_minor: u32,
    level: Level,
) -> Result<(), Error> {
    let mut st = DecodeState::default();
    let mut buf = [0u8; 4096];
    let mut len = 0;
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', data).chain([data.len()]) {
        let mut line = &data[start..end];
        start = end + 1;
        if let [head @ .., b'\r'] = line {
            line = head;
        }
        if len + line.len() > buf.len() {
            if st.run(w, &buf[..len], false, version_minor, level)? {
                return Ok(());
            }
            len = 0;
            if line.len() > buf.len() {
                if st.run(w, line, false, version_minor, level)? {
                    return Ok(());
                }
                continue;
            }
        }
        buf[len..len + line.len()].copy_from_slice(line);
        len += line.len();
    }
    if st.run(w, &buf[..len], false, version_minor, level)? {
        return Ok(());
    }
    st.finish(w)
}

/// The state of C's decoder between characters.
#[derive(Default)]
struct DecodeState {
    quad_pos: u32,
    left: u8,
    pads: u32,
    padding_started: bool,
}

impl DecodeState {
    /// Feeds `data`; returns true when padding ended the input (C stops
    /// there; in strict mode only if nothing follows in `data`, which the
    /// strict caller passes whole).
    fn run(
        &mut self,
        w: &mut Writer<'_>,
        data: &[u8],
        strict: bool,
        version_minor: u32,
        level: Level,
    ) -> Result<bool, Error> {
        let n = data.len();
        let mut i = 0;
        while i < n {
            // Whole quads of data characters (the common case) in bulk. At
            // quad position 0 `pads` is always 0, and in strict mode a data
            // character after padding is an error handled below.
            if self.quad_pos == 0 && !(strict && self.padding_started) {
                i += decode_quads(w, &data[i..], level);
                if i >= n {
                    break;
                }
            }
            let ch = data[i];
            i += 1;
            if ch == b'=' {
                self.padding_started = true;
                if strict && self.quad_pos == 0 && version_minor >= 13 {
                    return Err(Error::binascii("Excess padding not allowed"));
                }
                if self.quad_pos >= 2 {
                    self.pads += 1;
                    if self.quad_pos + self.pads >= 4 {
                        if strict && i < n {
                            return Err(Error::binascii("Excess data after padding"));
                        }
                        return Ok(true);
                    }
                }
                continue;
            }
            let v = DECODE[usize::from(ch)];
            if v == INVALID {
                if strict {
                    return Err(Error::binascii("Only base64 data is allowed"));
                }
                continue;
            }
            if strict && self.padding_started {
                return Err(Error::binascii("Discontinuous padding not allowed"));
            }
            self.pads = 0;
            let left = self.left;
            match self.quad_pos {
                0 => {
                    self.left = v;
                    self.quad_pos = 1;
                }
                1 => {
                    w.push((left << 2) | (v >> 4));
                    self.left = v & 0x0f;
                    self.quad_pos = 2;
                }
                2 => {
                    w.push((left << 4) | (v >> 2));
                    self.left = v & 0x03;
                    self.quad_pos = 3;
                }
                _ => {
                    w.push((left << 6) | v);
                    self.left = 0;
                    self.quad_pos = 0;
                }
            }
        }
        Ok(false)
    }

    /// The end of the input without padding having ended it.
    fn finish(&self, w: &Writer<'_>) -> Result<(), Error> {
        match self.quad_pos {
            0 => Ok(()),
            1 => Err(Error::Error(Cow::Owned(format!(
                "Invalid base64-encoded string: number of data characters ({}) cannot be 1 \
                 more than a multiple of 4",
                w.pos() / 3 * 4 + 1
            )))),
            _ => Err(Error::binascii("Incorrect padding")),
        }
    }
}
