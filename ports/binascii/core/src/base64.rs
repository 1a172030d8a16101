//! `a2b_base64` / `b2a_base64`.
//!
//! Two entry points per direction: the plain functions (`a2b_base64_into`, `b2a_base64_into`:
//! the standard alphabet, the flags every version has) and the `_opts` functions that take the
//! parameters CPython 3.15 added (`padded`, `canonical`, `alphabet`, `ignorechars`,
//! `wrapcol`). The plain functions are the `_opts` ones with default options; both decode whole
//! runs of alphabet characters with the SIMD kernels when the alphabet is the standard one, and
//! run the scalar state machine (C's) over everything else.

use std::borrow::Cow;
use std::mem::MaybeUninit;

use crate::lines::ByteSet;
use crate::simd::{self, Level, Writer};
use crate::{check_capacity, collect, default_backend, Backend, Error};

/// `binascii.BASE64_ALPHABET` (3.15): the standard alphabet of RFC 4648.
pub const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `binascii.URLSAFE_BASE64_ALPHABET` (3.15): the URL- and filename-safe alphabet.
pub const URLSAFE_BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Marks a byte outside the alphabet in a decoding table.
const INVALID: u8 = 0xFF;

/// The decoding table of `alphabet`: byte -> 6-bit value, or [`INVALID`]. A byte listed twice
/// decodes to its last position (as C fills its table); `=` never decodes, since the decoder
/// treats it as padding before it looks at the table.
const fn decode_table(alphabet: &[u8; 64]) -> [u8; 256] {
    let mut t = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t[b'=' as usize] = INVALID;
    t
}

/// A base64 alphabet (`alphabet=` of CPython 3.15's `a2b_base64` / `b2a_base64`): its 64
/// characters and their decoding table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base64Alphabet {
    encode: [u8; 64],
    decode: [u8; 256],
    /// The standard alphabet, which the SIMD kernels implement.
    standard: bool,
}

static STANDARD: Base64Alphabet = Base64Alphabet {
    encode: *BASE64_ALPHABET,
    decode: decode_table(BASE64_ALPHABET),
    standard: true,
};

static URLSAFE: Base64Alphabet = Base64Alphabet {
    encode: *URLSAFE_BASE64_ALPHABET,
    decode: decode_table(URLSAFE_BASE64_ALPHABET),
    standard: false,
};

impl Base64Alphabet {
    /// The standard alphabet ([`BASE64_ALPHABET`]).
    pub fn standard() -> &'static Base64Alphabet {
        &STANDARD
    }

    /// The URL-safe alphabet ([`URLSAFE_BASE64_ALPHABET`]).
    pub fn urlsafe() -> &'static Base64Alphabet {
        &URLSAFE
    }

    /// The alphabet made of `chars`, which must be 64 bytes long (`ValueError: alphabet must
    /// have length 64` otherwise, as C checks). Any bytes are accepted, repeats included. The
    /// standard and URL-safe alphabets are answered with their static tables.
    pub fn lookup(chars: &[u8]) -> Result<Cow<'static, Base64Alphabet>, Error> {
        let Ok(chars) = <&[u8; 64]>::try_from(chars) else {
            return Err(Error::ValueError(Cow::Borrowed(
                "alphabet must have length 64",
            )));
        };
        if chars == BASE64_ALPHABET {
            return Ok(Cow::Borrowed(&STANDARD));
        }
        if chars == URLSAFE_BASE64_ALPHABET {
            return Ok(Cow::Borrowed(&URLSAFE));
        }
        Ok(Cow::Owned(Base64Alphabet {
            encode: *chars,
            decode: decode_table(chars),
            standard: false,
        }))
    }

    /// The 64 characters.
    pub fn chars(&self) -> &[u8; 64] {
        &self.encode
    }

    /// The SIMD level to use with this alphabet: the kernels know the standard one only.
    #[inline(always)]
    fn level(&self, backend: Backend) -> Level {
        if self.standard {
            Level::for_backend(backend)
        } else {
            Level::for_backend(Backend::Scalar)
        }
    }
}

/// Largest input CPython accepts before "Too much data for base64 line" (before 3.15).
const MAXBIN: usize = (isize::MAX as usize - 3) / 2;

// ---------------------------------------------------------------- encode

/// Exact output size of [`b2a_base64_into`]: four characters per started
/// group of three bytes, plus the newline.
///
/// Errors like CPython (3.10 to 3.14) for inputs it refuses to encode.
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
    encode_run(&mut w, data, &STANDARD, true, Level::for_backend(backend));
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

/// The parameters of CPython 3.15's `b2a_base64(data, *, padded=True, wrapcol=0,
/// newline=True, alphabet=BASE64_ALPHABET)`.
#[derive(Clone, Copy, Debug)]
pub struct B2aBase64Options<'a> {
    /// Pad the last group with `=` (false: omit the padding).
    pub padded: bool,
    /// Split the output into lines of at most this many characters (0: one line). C rounds it
    /// down to a multiple of 4, and up to 4, so that every line holds whole groups.
    pub wrapcol: usize,
    /// End the output with a newline.
    pub newline: bool,
    /// The alphabet.
    pub alphabet: &'a Base64Alphabet,
}

impl Default for B2aBase64Options<'_> {
    fn default() -> Self {
        B2aBase64Options {
            padded: true,
            wrapcol: 0,
            newline: true,
            alphabet: &STANDARD,
        }
    }
}

/// The width of a line for `wrapcol` (0: no wrapping), as C rounds it.
#[inline]
fn line_width(wrapcol: usize) -> usize {
    match wrapcol {
        0 => 0,
        1..=3 => 4,
        w => w / 4 * 4,
    }
}

/// Exact output size of [`b2a_base64_opts_into`]; "Too much data for base64" (3.15's message)
/// when it would exceed what a bytes object can hold.
pub fn b2a_base64_opts_len(data_len: usize, opts: &B2aBase64Options<'_>) -> Result<usize, Error> {
    let too_much = || Error::binascii("Too much data for base64");
    let mut n = data_len.div_ceil(3).checked_mul(4).ok_or_else(too_much)?;
    if !opts.padded {
        n -= (3 - data_len % 3) % 3;
    }
    let width = line_width(opts.wrapcol);
    if width != 0 && n != 0 {
        n += (n - 1) / width;
    }
    n = n
        .checked_add(usize::from(opts.newline))
        .ok_or_else(too_much)?;
    if n > isize::MAX as usize {
        return Err(too_much());
    }
    Ok(n)
}

/// Base64-encodes `data` with the 3.15 parameters into `out` (at least
/// [`b2a_base64_opts_len`] bytes).
pub fn b2a_base64_opts_into<'o>(
    data: &[u8],
    opts: &B2aBase64Options<'_>,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    b2a_base64_opts_into_with(default_backend(), data, opts, out)
}

/// [`b2a_base64_opts_into`] with an explicit backend.
#[inline]
pub fn b2a_base64_opts_into_with<'o>(
    backend: Backend,
    data: &[u8],
    opts: &B2aBase64Options<'_>,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    let need = b2a_base64_opts_len(data.len(), opts)?;
    check_capacity(out.len(), need);
    let mut w = Writer::new(out);
    let level = opts.alphabet.level(backend);
    let width = line_width(opts.wrapcol);
    if width == 0 {
        encode_run(&mut w, data, opts.alphabet, opts.padded, level);
    } else {
        // A line of `width` characters holds `width / 4 * 3` bytes exactly: every line but the
        // last is full, and only the last can have padding (or be shorter without it).
        let mut lines = data.chunks(width / 4 * 3);
        if let Some(first) = lines.next() {
            encode_run(&mut w, first, opts.alphabet, opts.padded, level);
        }
        for line in lines {
            w.push(b'\n');
            encode_run(&mut w, line, opts.alphabet, opts.padded, level);
        }
    }
    if opts.newline {
        w.push(b'\n');
    }
    Ok(w.finish())
}

/// Convenience wrapper of [`b2a_base64_opts_into`].
pub fn b2a_base64_opts(data: &[u8], opts: &B2aBase64Options<'_>) -> Result<Vec<u8>, Error> {
    b2a_base64_opts_with(default_backend(), data, opts)
}

/// [`b2a_base64_opts`] with an explicit backend.
pub fn b2a_base64_opts_with(
    backend: Backend,
    data: &[u8],
    opts: &B2aBase64Options<'_>,
) -> Result<Vec<u8>, Error> {
    let cap = b2a_base64_opts_len(data.len(), opts)?;
    collect(cap, |o| b2a_base64_opts_into_with(backend, data, opts, o))
}

/// Encodes `data` (whole groups by the SIMD kernels of `level`, the rest scalar), with or
/// without the padding of the last group.
#[inline(always)]
fn encode_run(
    w: &mut Writer<'_>,
    data: &[u8],
    alphabet: &Base64Alphabet,
    padded: bool,
    level: Level,
) {
    let done = simd::b64_encode_blocks(level, w, data);
    encode_scalar(w, &data[done..], &alphabet.encode, padded);
}

#[inline(always)]
fn encode_scalar(w: &mut Writer<'_>, data: &[u8], table: &[u8; 64], padded: bool) {
    let whole = data.len() / 3 * 3;
    // One bounds check for all the whole groups, not one per group.
    w.push_groups::<3, 4>(&data[..whole], |&[a, b, c]| {
        let v = (u32::from(a) << 16) | (u32::from(b) << 8) | u32::from(c);
        [
            table[(v >> 18) as usize & 63],
            table[(v >> 12) as usize & 63],
            table[(v >> 6) as usize & 63],
            table[v as usize & 63],
        ]
    });
    match data[whole..] {
        [a] => {
            w.push_slice(&[table[usize::from(a >> 2)], table[usize::from((a & 3) << 4)]]);
            if padded {
                w.push_slice(b"==");
            }
        }
        [a, b] => {
            w.push_slice(&[
                table[usize::from(a >> 2)],
                table[usize::from(((a & 3) << 4) | (b >> 4))],
                table[usize::from((b & 15) << 2)],
            ]);
            if padded {
                w.push(b'=');
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------- decode

/// Which CPython's decoding rules `a2b_base64` follows (they changed twice).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base64Rules {
    /// 3.10 to 3.12: padding that completes a group ends the input (what follows is ignored;
    /// in strict mode, 3.11+, anything following is "Excess data after padding").
    Py310,
    /// 3.13: as [`Base64Rules::Py310`], and strict mode refuses padding at the start of a
    /// group ("Excess padding not allowed").
    Py313,
    /// 3.14 and later: padding no longer ends the input; without strict mode `=` is skipped
    /// (a data character after it continues decoding), and strict mode names each misplaced
    /// `=` ("Leading padding", "Excess padding", "Excess data after padding",
    /// "Discontinuous padding"). The rules of 3.15's `padded`, `canonical` and `ignorechars`.
    Py314,
}

impl Base64Rules {
    /// The rules of CPython 3.`minor`.
    pub fn for_minor(minor: u32) -> Base64Rules {
        match minor {
            ..=12 => Base64Rules::Py310,
            13 => Base64Rules::Py313,
            _ => Base64Rules::Py314,
        }
    }
}

/// The parameters of CPython 3.15's `a2b_base64(data, *, strict_mode, padded=True,
/// alphabet=BASE64_ALPHABET, ignorechars, canonical=False)`, and the rules of the version.
#[derive(Clone, Copy, Debug)]
pub struct A2bBase64Options<'a> {
    /// The version's rules.
    pub rules: Base64Rules,
    /// `strict_mode` (its 3.15 default, "true when `ignorechars` is given", is the binding's
    /// to resolve).
    pub strict: bool,
    /// Padding is required (false: missing padding is accepted, and in strict mode any `=` is
    /// "Padding not allowed" unless ignored). [`Base64Rules::Py314`] only.
    pub padded: bool,
    /// Refuse non-zero bits in the unused low bits of the last character ("Non-zero padding
    /// bits"). [`Base64Rules::Py314`] only.
    pub canonical: bool,
    /// The alphabet. [`Base64Rules::Py314`] only for anything but the standard one.
    pub alphabet: &'a Base64Alphabet,
    /// Bytes strict mode skips instead of refusing (`ignorechars`; not consulted without strict
    /// mode). [`Base64Rules::Py314`] only.
    pub ignore: Option<&'a ByteSet>,
}

impl A2bBase64Options<'static> {
    /// The options of a call with only `strict_mode` (or nothing) given.
    pub fn new(rules: Base64Rules, strict: bool) -> Self {
        A2bBase64Options {
            rules,
            strict,
            padded: true,
            canonical: false,
            alphabet: &STANDARD,
            ignore: None,
        }
    }
}

/// Upper bound of [`a2b_base64_into`]'s output, as CPython allocates it.
pub fn a2b_base64_len(data_len: usize) -> usize {
    data_len.div_ceil(4) * 3
}

/// Decodes base64 like CPython's `binascii.a2b_base64(data, strict_mode=...)` under `rules`.
///
/// Strict mode does not exist before 3.11: the binding rejects the keyword there, the core
/// just honours the flag.
///
/// Runs of alphabet characters (the bulk of any real input) are decoded by the SIMD kernels in
/// whole blocks; everything else goes through a scalar state machine that reproduces C's
/// handling of invalid characters, padding and errors exactly.
pub fn a2b_base64_into<'o>(
    data: &[u8],
    strict_mode: bool,
    rules: Base64Rules,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    a2b_base64_opts_into_with(
        default_backend(),
        data,
        &A2bBase64Options::new(rules, strict_mode),
        out,
    )
}

/// [`a2b_base64_into`] with an explicit backend.
pub fn a2b_base64_into_with<'o>(
    backend: Backend,
    data: &[u8],
    strict_mode: bool,
    rules: Base64Rules,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    a2b_base64_opts_into_with(
        backend,
        data,
        &A2bBase64Options::new(rules, strict_mode),
        out,
    )
}

/// Convenience wrapper of [`a2b_base64_into`].
pub fn a2b_base64(data: &[u8], strict_mode: bool, rules: Base64Rules) -> Result<Vec<u8>, Error> {
    a2b_base64_with(default_backend(), data, strict_mode, rules)
}

/// [`a2b_base64`] with an explicit backend.
pub fn a2b_base64_with(
    backend: Backend,
    data: &[u8],
    strict_mode: bool,
    rules: Base64Rules,
) -> Result<Vec<u8>, Error> {
    a2b_base64_opts_with(backend, data, &A2bBase64Options::new(rules, strict_mode))
}

/// Decodes base64 like CPython 3.15's `binascii.a2b_base64` with all its parameters (see
/// [`A2bBase64Options`]), into `out` (at least [`a2b_base64_len`] bytes).
pub fn a2b_base64_opts_into<'o>(
    data: &[u8],
    opts: &A2bBase64Options<'_>,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    a2b_base64_opts_into_with(default_backend(), data, opts, out)
}

/// [`a2b_base64_opts_into`] with an explicit backend.
#[inline(always)]
pub fn a2b_base64_opts_into_with<'o>(
    backend: Backend,
    data: &[u8],
    opts: &A2bBase64Options<'_>,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    check_capacity(out.len(), a2b_base64_len(data.len()));
    let mut w = Writer::new(out);
    let dec = Decoder::new(opts, backend);
    dec.decode(&mut w, data)?;
    Ok(w.finish())
}

/// Convenience wrapper of [`a2b_base64_opts_into`].
pub fn a2b_base64_opts(data: &[u8], opts: &A2bBase64Options<'_>) -> Result<Vec<u8>, Error> {
    a2b_base64_opts_with(default_backend(), data, opts)
}

/// [`a2b_base64_opts`] with an explicit backend.
pub fn a2b_base64_opts_with(
    backend: Backend,
    data: &[u8],
    opts: &A2bBase64Options<'_>,
) -> Result<Vec<u8>, Error> {
    collect(a2b_base64_len(data.len()), |o| {
        a2b_base64_opts_into_with(backend, data, opts, o)
    })
}

/// How far into the input [`Decoder::decode`] looks for a line break before
/// choosing [`Decoder::decode_lines`] (MIME lines have 76 characters, PEM 64).
const LINE_PROBE: usize = 256;

/// Inputs shorter than this are never joined line by line ([`Decoder::decode_lines`]).
const LINES_MIN: usize = 256;

/// One call's decoding configuration.
struct Decoder<'a> {
    rules: Base64Rules,
    strict: bool,
    padded: bool,
    canonical: bool,
    table: &'a [u8; 256],
    /// The bytes strict mode skips (only set in strict mode).
    ignore: Option<&'a ByteSet>,
    /// In strict mode, whether `=` is one of them.
    ignore_pad: bool,
    /// The SIMD level (scalar for an alphabet the kernels do not know).
    level: Level,
}

/// How [`DecodeState::run`] stopped.
#[derive(PartialEq, Eq)]
enum Stop {
    /// It consumed all its input.
    Exhausted,
    /// Padding ended the input (rules before 3.14): the result is what was decoded.
    Padding,
    /// 3.14+ strict mode met `=` one character into a group: the end-of-input checks report it
    /// (C breaks out of its loop there).
    Break,
}

impl<'a> Decoder<'a> {
    #[inline(always)]
    fn new(opts: &A2bBase64Options<'a>, backend: Backend) -> Self {
        let ignore = if opts.strict { opts.ignore } else { None };
        Decoder {
            rules: opts.rules,
            strict: opts.strict,
            padded: opts.padded,
            canonical: opts.canonical,
            table: &opts.alphabet.decode,
            ignore,
            ignore_pad: ignore.is_some_and(|s| s.contains(b'=')),
            level: opts.alphabet.level(backend),
        }
    }

    #[inline(always)]
    fn ignored(&self, ch: u8) -> bool {
        self.ignore.is_some_and(|s| s.contains(ch))
    }

    #[inline(always)]
    fn decode(&self, w: &mut Writer<'_>, data: &[u8]) -> Result<(), Error> {
        if self.strict && self.rules != Base64Rules::Py314 && data.first() == Some(&b'=') {
            return Err(Error::binascii("Leading padding not allowed"));
        }
        // Joining lines pays off only on inputs long enough to hold several of them; a short
        // input (such as one `b2a_base64` line with its newline) decodes directly, with the
        // same result.
        if !self.strict
            && data.len() >= LINES_MIN
            && self.level != Level::for_backend(Backend::Scalar)
            && memchr::memchr(b'\n', &data[..data.len().min(LINE_PROBE)]).is_some()
        {
            return self.decode_lines(w, data);
        }
        // A few bytes with no data character and no '=' (such as the b"\n" that encoding
        // nothing gives) decode to nothing without an error when not strict, in every version:
        // C skips them all and ends at a group boundary.
        if !self.strict
            && data.len() <= 4
            && data
                .iter()
                .all(|&c| c != b'=' && self.table[usize::from(c)] & 0xC0 != 0)
        {
            return Ok(());
        }
        let mut st = DecodeState::default();
        let mut data = data;
        if !self.strict && !self.canonical {
            // What `b2a_base64` writes (whole groups, the last one perhaps padded, and a
            // newline) needs none of the state machine. Whole groups leave it in its initial
            // state, so on any other input it takes over where the groups end.
            let used = self.decode_quads(w, data);
            if self.padded_tail(w, &data[used..]) {
                return Ok(());
            }
            data = &data[used..];
        }
        if st.run(self, w, data)? == Stop::Padding {
            return Ok(());
        }
        st.finish(self, w)
    }

    /// Non-strict, not canonical: decodes `rest` if it is one padded group (`xx==` or `xxx=`)
    /// or nothing, followed by at most a newline, and says whether it was. Both C's rules agree
    /// there: before 3.14 the padding ends the input; from 3.14 the newline is skipped and the
    /// group is complete.
    #[inline(always)]
    fn padded_tail(&self, w: &mut Writer<'_>, rest: &[u8]) -> bool {
        let t = self.table;
        let rest = rest.strip_suffix(b"\n").unwrap_or(rest);
        match *rest {
            [] => true,
            [a, b, b'=', b'='] => {
                let (a, b) = (t[usize::from(a)], t[usize::from(b)]);
                if (a | b) & 0xC0 != 0 {
                    return false;
                }
                w.push((a << 2) | (b >> 4));
                true
            }
            [a, b, c, b'='] => {
                let (a, b, c) = (t[usize::from(a)], t[usize::from(b)], t[usize::from(c)]);
                if (a | b | c) & 0xC0 != 0 {
                    return false;
                }
                w.push_array([(a << 2) | (b >> 4), (b << 4) | (c >> 2)]);
                true
            }
            _ => false,
        }
    }

    /// Non-strict decoding of line-broken input (MIME, PEM) in the standard alphabet. C skips
    /// every byte outside the alphabet other than '=' without any change of state, so dropping
    /// each "\n" and the "\r" before it changes nothing: the lines are joined into a buffer,
    /// and the buffer, as one run, goes through the SIMD kernels instead of stopping them at
    /// every line end.
    #[inline(never)]
    fn decode_lines(&self, w: &mut Writer<'_>, data: &[u8]) -> Result<(), Error> {
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
                if st.run(self, w, &buf[..len])? == Stop::Padding {
                    return Ok(());
                }
                len = 0;
                if line.len() > buf.len() {
                    if st.run(self, w, line)? == Stop::Padding {
                        return Ok(());
                    }
                    continue;
                }
            }
            buf[len..len + line.len()].copy_from_slice(line);
            len += line.len();
        }
        if st.run(self, w, &buf[..len])? == Stop::Padding {
            return Ok(());
        }
        st.finish(self, w)
    }

    /// Decodes the longest prefix of `data` made of whole quads of alphabet characters;
    /// returns how many input bytes it consumed. The SIMD kernels take whole blocks, scalar
    /// code the rest.
    #[inline]
    fn decode_quads(&self, w: &mut Writer<'_>, data: &[u8]) -> usize {
        let i = simd::b64_decode_blocks(self.level, w, data);
        let t = self.table;
        // The output has room for every group (`a2b_base64_len`), so only an invalid character
        // stops this.
        let groups = w.push_groups_while::<4, 3>(&data[i..], |q| {
            let [a, b, c, d] = q.map(|x| t[usize::from(x)]);
            if (a | b | c | d) & 0xC0 != 0 {
                return None;
            }
            Some([(a << 2) | (b >> 4), (b << 4) | (c >> 2), (c << 6) | d])
        });
        i + groups * 4
    }
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
    /// Feeds `data` (the whole input in strict mode, or a run of it).
    fn run(&mut self, d: &Decoder<'_>, w: &mut Writer<'_>, data: &[u8]) -> Result<Stop, Error> {
        let new_rules = d.rules == Base64Rules::Py314;
        let n = data.len();
        let mut i = 0;
        while i < n {
            // Whole quads of data characters (the common case) in bulk. Before 3.14, at quad
            // position 0 `pads` is always 0, and in strict mode a data character after padding
            // is an error handled below. From 3.14 a data character ends a run of padding
            // (setting `pads` to 0), and the strict-mode errors for data after padding cannot
            // arise at position 0 (`=` there is an error itself, unless ignored, and then data
            // after it is allowed).
            if self.quad_pos == 0 && (new_rules || !(d.strict && self.padding_started)) {
                let used = d.decode_quads(w, &data[i..]);
                if used != 0 {
                    self.pads = 0;
                    i += used;
                }
                if i >= n {
                    break;
                }
            }
            let ch = data[i];
            i += 1;
            if ch == b'=' {
                if new_rules {
                    if d.strict {
                        if !d.padded {
                            if d.ignore_pad {
                                continue;
                            }
                            return Err(Error::binascii("Padding not allowed"));
                        }
                        self.pads += 1;
                        if self.quad_pos >= 2 && self.quad_pos + self.pads <= 4 {
                            continue;
                        }
                        if d.ignore_pad {
                            continue;
                        }
                        if self.quad_pos == 1 {
                            return Ok(Stop::Break);
                        }
                        return Err(Error::binascii(if self.quad_pos == 0 && w.pos() == 0 {
                            "Leading padding not allowed"
                        } else {
                            "Excess padding not allowed"
                        }));
                    }
                    self.pads += 1;
                    continue;
                }
                self.padding_started = true;
                if d.strict && self.quad_pos == 0 && d.rules == Base64Rules::Py313 {
                    return Err(Error::binascii("Excess padding not allowed"));
                }
                if self.quad_pos >= 2 {
                    self.pads += 1;
                    if self.quad_pos + self.pads >= 4 {
                        if d.strict && i < n {
                            return Err(Error::binascii("Excess data after padding"));
                        }
                        return Ok(Stop::Padding);
                    }
                }
                continue;
            }
            let v = d.table[usize::from(ch)];
            if v == INVALID {
                if d.strict && !d.ignored(ch) {
                    return Err(Error::binascii("Only base64 data is allowed"));
                }
                continue;
            }
            if new_rules {
                if self.pads != 0 && d.strict && !d.ignore_pad {
                    return Err(Error::binascii(if self.quad_pos + self.pads == 4 {
                        "Excess data after padding"
                    } else {
                        "Discontinuous padding not allowed"
                    }));
                }
            } else if d.strict && self.padding_started {
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
        Ok(Stop::Exhausted)
    }

    /// The end of the input without padding having ended it.
    fn finish(&self, d: &Decoder<'_>, w: &Writer<'_>) -> Result<(), Error> {
        if self.quad_pos == 1 {
            return Err(Error::Error(Cow::Owned(format!(
                "Invalid base64-encoded string: number of data characters ({}) cannot be 1 \
                 more than a multiple of 4",
                w.pos() / 3 * 4 + 1
            ))));
        }
        if self.quad_pos == 0 {
            return Ok(());
        }
        if d.rules != Base64Rules::Py314 {
            return Err(Error::binascii("Incorrect padding"));
        }
        if d.padded && self.quad_pos + self.pads < 4 {
            return Err(Error::binascii("Incorrect padding"));
        }
        if d.canonical && self.left != 0 {
            return Err(Error::binascii("Non-zero padding bits"));
        }
        Ok(())
    }
}
