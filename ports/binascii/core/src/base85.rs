//! Base85 (`a2b_base85` / `b2a_base85`, any 85-character alphabet: the
//! RFC 1924 one by default, Z85 through `alphabet`) and Ascii85
//! (`a2b_ascii85` / `b2a_ascii85`, with Adobe framing and the `z`/`y` short
//! forms), as in CPython 3.15.
//!
//! Four bytes are one 32-bit big-endian number written as five base-85
//! digits, most significant first. A last group of `n < 4` bytes is written
//! as its first `n + 1` digits (all five with `pad`); decoding pads such a
//! group with the largest digit (84) and keeps `n` bytes, so a group of one
//! digit is an error, and `canonical` accepts only the digits the encoder
//! writes for the bytes that come out.

use std::borrow::Cow;
use std::mem::MaybeUninit;

use crate::lines::{check_size, wrapped_len, ByteSet, LineWriter};
use crate::simd::Writer;
use crate::{check_capacity, collect, Error};

/// The RFC 1924 alphabet (`binascii.BASE85_ALPHABET`, the default of
/// `b2a_base85`/`a2b_base85`).
pub const BASE85_ALPHABET: &[u8; 85] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
/// The ZeroMQ Z85 alphabet (`binascii.Z85_ALPHABET`).
pub const Z85_ALPHABET: &[u8; 85] =
    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

const INVALID: u8 = 0xFF;
/// Ascii85's `z` (four zero bytes) and `y` (four spaces, with `foldspaces`).
const Z: u8 = 0xFD;
const Y: u8 = 0xFE;
const ZERO_GROUP: u32 = 0;
const SPACE_GROUP: u32 = 0x2020_2020;

/// `85^k`.
const POW85: [u64; 6] = [1, 85, 7225, 614_125, 52_200_625, 4_437_053_125];

/// An alphabet's encoding and decoding tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base85Alphabet {
    /// Digit -> byte; 128 entries so that a digit masked with 127 needs no bounds check.
    enc: [u8; 128],
    /// Byte -> digit, or [`INVALID`].
    dec: [u8; 256],
}

static STANDARD: Base85Alphabet = Base85Alphabet::build(BASE85_ALPHABET);
static Z85: Base85Alphabet = Base85Alphabet::build(Z85_ALPHABET);

impl Base85Alphabet {
    const fn build(alphabet: &[u8; 85]) -> Self {
        let mut enc = [0; 128];
        let mut dec = [INVALID; 256];
        let mut i = 0;
        while i < 85 {
            enc[i] = alphabet[i];
            // A byte listed twice decodes to its last position, as in C.
            dec[alphabet[i] as usize] = i as u8;
            i += 1;
        }
        Base85Alphabet { enc, dec }
    }

    /// The tables of `alphabet`: `ValueError("alphabet must have length 85")`
    /// unless it has 85 bytes (any bytes, repeats allowed).
    pub fn new(alphabet: &[u8]) -> Result<Self, Error> {
        Ok(Self::build(Self::check(alphabet)?))
    }

    /// As [`Base85Alphabet::new`], borrowing prebuilt tables for the RFC 1924
    /// and Z85 alphabets.
    pub fn lookup(alphabet: &[u8]) -> Result<Cow<'static, Base85Alphabet>, Error> {
        let a = Self::check(alphabet)?;
        Ok(if a == BASE85_ALPHABET {
            Cow::Borrowed(&STANDARD)
        } else if a == Z85_ALPHABET {
            Cow::Borrowed(&Z85)
        } else {
            Cow::Owned(Self::build(a))
        })
    }

    /// The default alphabet ([`BASE85_ALPHABET`]).
    pub fn standard() -> &'static Base85Alphabet {
        &STANDARD
    }

    /// The Z85 alphabet ([`Z85_ALPHABET`]).
    pub fn z85() -> &'static Base85Alphabet {
        &Z85
    }

    fn check(alphabet: &[u8]) -> Result<&[u8; 85], Error> {
        alphabet
            .try_into()
            .map_err(|_| Error::ValueError(Cow::Borrowed("alphabet must have length 85")))
    }
}

/// Ascii85 digits: `!`..=`u` are 0..=84, `z` and `y` are marked.
static A85_DEC: [u8; 256] = {
    let mut t = [INVALID; 256];
    let mut i = 0;
    while i < 85 {
        t[b'!' as usize + i] = i as u8;
        i += 1;
    }
    t[b'z' as usize] = Z;
    t[b'y' as usize] = Y;
    t
};

/// Ascii85 digits, in output order (128 entries, as [`Base85Alphabet`]'s).
static A85_ENC: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 85 {
        t[i] = b'!' + i as u8;
        i += 1;
    }
    t
};

// ---------------------------------------------------------------- encode

/// `ceil(2^64 / 85^4)`: `v * RECIP_85_4` holds `v / 85^4` in its high 64 bits and the fraction
/// in its low 64 bits, close enough to extract all five digits (see [`digits`]).
const RECIP_85_4: u64 = (u64::MAX / 52_200_625) + 1;

/// The five base-85 digits of `v`, most significant first, as `enc` bytes.
///
/// Fixed point: `t = v * ceil(2^64 / 85^4)` is `v / 85^4 * 2^64` plus an error below `v < 2^32`;
/// the high half of `t` is the first digit, and each further digit is the high half of the low
/// half times 85. The error is multiplied by 85 at each step, to below `2^32 * 85^4 < 2^58`, while
/// the exact fraction at step `j` is a multiple of `85^-(4-j)` below 1, more than
/// `2^64 / 85^4 > 2^38` units away from the next integer: every digit is exact (checked in the
/// tests against division). The masks only tell the compiler the digits are below 128.
#[inline(always)]
fn digits(v: u32, enc: &[u8; 128]) -> [u8; 5] {
    let mut t = u128::from(v) * u128::from(RECIP_85_4);
    let mut d = [0u8; 5];
    for (k, slot) in d.iter_mut().enumerate() {
        if k > 0 {
            t = u128::from(t as u64) * 85;
        }
        *slot = enc[(t >> 64) as usize & 127];
    }
    d
}

/// The last group of `rest` (1 to 3 bytes), zero-extended (byte by byte: a copy of at most
/// 3 bytes is not worth a `memcpy` call).
#[inline]
fn tail_value(rest: &[u8]) -> u32 {
    rest.iter()
        .enumerate()
        .fold(0, |a, (k, &b)| a | u32::from(b) << (24 - 8 * k))
}

/// Unwrapped characters for `data_len` bytes without short forms.
fn encoded_len(data_len: usize, pad: bool) -> Option<usize> {
    let rem = data_len % 4;
    let tail = match (rem, pad) {
        (0, _) => 0,
        (_, true) => 5,
        (r, false) => r + 1,
    };
    (data_len / 4).checked_mul(5)?.checked_add(tail)
}

/// The line width `wrapcol` gives Base85: whole groups of 5, at least one.
#[inline]
fn b85_line_width(wrapcol: usize) -> usize {
    if wrapcol == 0 {
        0
    } else {
        (wrapcol / 5 * 5).max(5)
    }
}

/// Exact output size of [`b2a_base85_into`].
pub fn b2a_base85_len(data_len: usize, pad: bool, wrapcol: usize) -> Result<usize, Error> {
    const TOO_MUCH: &str = "Too much data for Base85";
    let len = check_size(encoded_len(data_len, pad), TOO_MUCH)?;
    check_size(Some(wrapped_len(len, b85_line_width(wrapcol))), TOO_MUCH)
}

/// Base85-encodes `data` like `binascii.b2a_base85` into `out` (at least
/// [`b2a_base85_len`] bytes).
pub fn b2a_base85_into<'o>(
    data: &[u8],
    pad: bool,
    wrapcol: usize,
    alphabet: &Base85Alphabet,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    let need = b2a_base85_len(data.len(), pad, wrapcol)?;
    check_capacity(out.len(), need);
    let mut w = Writer::new(out);
    let width = b85_line_width(wrapcol);
    if width == 0 || need <= width {
        b85_encode_run(&mut w, data, pad, &alphabet.enc);
    } else {
        // Lines hold whole groups: encode one line's worth of input at a time.
        for (i, line) in data.chunks(width / 5 * 4).enumerate() {
            if i > 0 {
                w.push(b'\n');
            }
            b85_encode_run(&mut w, line, pad, &alphabet.enc);
        }
    }
    Ok(w.finish())
}

/// Convenience wrapper of [`b2a_base85_into`].
pub fn b2a_base85(
    data: &[u8],
    pad: bool,
    wrapcol: usize,
    alphabet: &Base85Alphabet,
) -> Result<Vec<u8>, Error> {
    let cap = b2a_base85_len(data.len(), pad, wrapcol)?;
    collect(cap, |o| b2a_base85_into(data, pad, wrapcol, alphabet, o))
}

fn b85_encode_run(w: &mut Writer<'_>, data: &[u8], pad: bool, enc: &[u8; 128]) {
    let whole = data.len() / 4 * 4;
    w.push_groups(&data[..whole], |g: &[u8; 4]| {
        digits(u32::from_be_bytes(*g), enc)
    });
    let rest = &data[whole..];
    if !rest.is_empty() {
        let d = digits(tail_value(rest), enc);
        w.push_slice(if pad { &d } else { &d[..rest.len() + 1] });
    }
}

/// Output capacity [`b2a_ascii85_into`] needs (exact without short forms,
/// which only shorten the output).
pub fn b2a_ascii85_len(
    data_len: usize,
    wrapcol: usize,
    pad: bool,
    adobe: bool,
) -> Result<usize, Error> {
    const TOO_MUCH: &str = "Too much data for Ascii85";
    let len = encoded_len(data_len, pad).and_then(|n| n.checked_add(if adobe { 4 } else { 0 }));
    let len = check_size(len, TOO_MUCH)?;
    check_size(
        Some(wrapped_len(len, a85_line_width(wrapcol, adobe))),
        TOO_MUCH,
    )
}

/// The line width of Ascii85: any, but two at least around Adobe's `<~ ~>`.
#[inline]
fn a85_line_width(wrapcol: usize, adobe: bool) -> usize {
    if adobe && wrapcol == 1 {
        2
    } else {
        wrapcol
    }
}

/// Ascii85-encodes `data` like `binascii.b2a_ascii85` into `out` (at least
/// [`b2a_ascii85_len`] bytes).
pub fn b2a_ascii85_into<'o>(
    data: &[u8],
    foldspaces: bool,
    wrapcol: usize,
    pad: bool,
    adobe: bool,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    check_capacity(out.len(), b2a_ascii85_len(data.len(), wrapcol, pad, adobe)?);
    let w = Writer::new(out);
    let width = a85_line_width(wrapcol, adobe);
    if width == 0 {
        let mut w = w;
        if adobe {
            w.push_slice(b"<~");
        }
        if data.len() <= DIRECT_MAX {
            a85_encode_direct(&mut w, data, foldspaces, pad);
        } else {
            a85_encode_run(&mut w, data, foldspaces, pad);
        }
        if adobe {
            w.push_slice(b"~>");
        }
        return Ok(w.finish());
    }
    let mut lw = LineWriter::new(w, width);
    if adobe {
        lw.push_slice(b"<~");
    }
    a85_encode_run(&mut lw, data, foldspaces, pad);
    if adobe {
        // `~>` is never split: when only `~` would fit, both go to a new line.
        if lw.col() + 1 == lw.width() {
            lw.newline();
        }
        lw.push_slice(b"~>");
    }
    Ok(lw.finish())
}

/// Convenience wrapper of [`b2a_ascii85_into`].
pub fn b2a_ascii85(
    data: &[u8],
    foldspaces: bool,
    wrapcol: usize,
    pad: bool,
    adobe: bool,
) -> Result<Vec<u8>, Error> {
    let cap = b2a_ascii85_len(data.len(), wrapcol, pad, adobe)?;
    collect(cap, |o| {
        b2a_ascii85_into(data, foldspaces, wrapcol, pad, adobe, o)
    })
}

/// The last, partial Ascii85 group of `rest` (1 to 3 bytes): its digits and how many are kept.
#[inline]
fn a85_tail(rest: &[u8], pad: bool) -> ([u8; 5], usize) {
    let v = tail_value(rest);
    if pad && v == ZERO_GROUP {
        ([b'z'; 5], 1)
    } else {
        (digits(v, &A85_ENC), if pad { 5 } else { rest.len() + 1 })
    }
}

/// Where Ascii85 goes: straight into the output, or split into lines.
trait Sink {
    fn put(&mut self, s: &[u8]);
}

impl Sink for Writer<'_> {
    #[inline(always)]
    fn put(&mut self, s: &[u8]) {
        self.push_slice(s);
    }
}

impl Sink for LineWriter<'_> {
    #[inline(always)]
    fn put(&mut self, s: &[u8]) {
        self.push_slice(s);
    }
}

/// Whole groups encoded per batch in [`a85_encode_run`].
const BATCH: usize = 64;

/// The batch of inputs of at most this many whole groups: a buffer the compiler clears inline
/// (the 320 bytes of a full batch took a `memset` call, a tenth of a 16-byte call's work).
const SMALL_BATCH: usize = 16;

/// Ascii85 of `data`: groups are encoded into a stack batch (each written whole, a short form
/// then keeping its first byte only), which is then copied out at once; this keeps the output's
/// bookkeeping (and the line logic) out of the per-group path.
#[inline(always)]
fn a85_encode_run<S: Sink>(w: &mut S, data: &[u8], foldspaces: bool, pad: bool) {
    if data.len() <= SMALL_BATCH * 4 {
        a85_encode_batched::<S, SMALL_BATCH>(w, data, foldspaces, pad);
    } else {
        a85_encode_batched::<S, BATCH>(w, data, foldspaces, pad);
    }
}

/// Inputs up to this many bytes are encoded by [`a85_encode_direct`] when there are no lines.
/// Measured on 3.15 (instructions per call, port / C): 16 B 815 -> 796 (C 750); encoding all
/// sizes directly took 64 B from 1246 to 1384 (C 1193), the batch's loop being the cheaper
/// one per group (36 instructions against 45-49).
const DIRECT_MAX: usize = 16;

/// Ascii85 of `data` straight into the output, without lines: each group's five digits are
/// stored whole and the output advances by one for a short form (`out` is sized for five per
/// group, so the five always fit). No batch to clear and copy.
#[inline(always)]
fn a85_encode_direct(w: &mut Writer<'_>, data: &[u8], foldspaces: bool, pad: bool) {
    let whole = data.len() / 4 * 4;
    w.push_groups_short(&data[..whole], |g: &[u8; 4]| {
        let v = u32::from_be_bytes(*g);
        let mut d = digits(v, &A85_ENC);
        if v == ZERO_GROUP {
            d[0] = b'z';
            (d, 1)
        } else if foldspaces && v == SPACE_GROUP {
            d[0] = b'y';
            (d, 1)
        } else {
            (d, 5)
        }
    });
    let rest = &data[whole..];
    if !rest.is_empty() {
        let (d, n) = a85_tail(rest, pad);
        w.push_slice(&d[..n]);
    }
}

/// [`a85_encode_run`] with batches of `N` groups.
fn a85_encode_batched<S: Sink, const N: usize>(
    w: &mut S,
    data: &[u8],
    foldspaces: bool,
    pad: bool,
) {
    let whole = data.len() / 4 * 4;
    let mut groups = [[0u8; 5]; N];
    let buf = groups.as_flattened_mut();
    for block in data[..whole].chunks(N * 4) {
        let mut n = 0;
        for g in block.chunks_exact(4) {
            let v = u32::from_be_bytes([g[0], g[1], g[2], g[3]]);
            let dst: &mut [u8; 5] = (&mut buf[n..n + 5]).try_into().expect("5 bytes");
            *dst = digits(v, &A85_ENC);
            if v == ZERO_GROUP {
                dst[0] = b'z';
                n += 1;
            } else if foldspaces && v == SPACE_GROUP {
                dst[0] = b'y';
                n += 1;
            } else {
                n += 5;
            }
        }
        w.put(&buf[..n]);
    }
    let rest = &data[whole..];
    if !rest.is_empty() {
        let (d, n) = a85_tail(rest, pad);
        w.put(&d[..n]);
    }
}

// ---------------------------------------------------------------- decode

/// Output capacity [`a2b_base85_into`] needs for `data_len` input bytes (an
/// upper bound: every byte a digit).
pub fn a2b_base85_len(data_len: usize) -> usize {
    data_len / 5 * 4 + (data_len % 5).saturating_sub(1)
}

/// Output capacity [`a2b_ascii85_into`] needs for `data` (an upper bound:
/// every `z` or `y` four bytes, the other bytes digits, without the Adobe
/// frame; exact for well-formed input).
pub fn a2b_ascii85_len(data: &[u8], adobe: bool) -> usize {
    let data = if adobe {
        adobe_body(data).unwrap_or(data)
    } else {
        data
    };
    let short = data.iter().filter(|&&c| c == b'z' || c == b'y').count();
    a2b_base85_len(data.len() - short) + short * 4
}

/// The data inside Adobe's `<~ ~>` (the opening one optional), or `None` without the `~>`.
fn adobe_body(data: &[u8]) -> Option<&[u8]> {
    let data = data.strip_suffix(b"~>")?;
    Some(data.strip_prefix(b"<~").unwrap_or(data))
}

/// The four bytes of five digits, if all are digits (`dec` maps the others to 0x80 and up)
/// and their value fits 32 bits, and unless `reject_zero` and the value is 0.
#[inline(always)]
fn decode_group(c: &[u8; 5], dec: &[u8; 256], reject_zero: bool) -> Option<[u8; 4]> {
    let d = |k: usize| dec[usize::from(c[k])];
    let d = [d(0), d(1), d(2), d(3), d(4)];
    if (d[0] | d[1] | d[2] | d[3] | d[4]) & 0x80 != 0 {
        return None;
    }
    let v = d.iter().fold(0u64, |a, &x| a * 85 + u64::from(x));
    let v = u32::try_from(v).ok()?;
    if reject_zero && v == ZERO_GROUP {
        return None;
    }
    Some(v.to_be_bytes())
}

/// The bytes of a last group of `n` digits (2 to 4) whose value so far is
/// `acc`: padded with the digit 84, then cut to `n - 1` bytes. `overflow(k)`
/// is the error when the `k`-th padding digit overflows 32 bits.
fn finish_group(
    acc: u32,
    n: usize,
    canonical: bool,
    incomplete: &'static str,
    overflow: impl FnOnce(usize) -> Error,
) -> Result<([u8; 4], usize), Error> {
    let mut v = u64::from(acc);
    for k in 0..5 - n {
        v = v * 85 + 84;
        if v > u64::from(u32::MAX) {
            // Only the fifth digit can overflow.
            return Err(overflow(k));
        }
    }
    if n == 1 {
        return Err(Error::binascii(incomplete));
    }
    let bytes = (v as u32).to_be_bytes();
    if canonical {
        // The encoder writes the leading digits of the bytes followed by zeros.
        let mut b = [0u8; 4];
        b[..n - 1].copy_from_slice(&bytes[..n - 1]);
        if u64::from(u32::from_be_bytes(b)) / POW85[5 - n] != u64::from(acc) {
            return Err(Error::binascii("Non-zero padding bits"));
        }
    }
    Ok((bytes, n - 1))
}

/// Decodes Base85 like `binascii.a2b_base85`; `out` needs
/// [`a2b_base85_len`] bytes.
pub fn a2b_base85_into<'o>(
    data: &[u8],
    alphabet: &Base85Alphabet,
    ignorechars: &ByteSet,
    canonical: bool,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    check_capacity(out.len(), a2b_base85_len(data.len()));
    let dec = &alphabet.dec;
    let ignore = ignorechars;
    let overflow = |at: usize| {
        Error::Error(Cow::Owned(format!(
            "Base85 overflow in hunk starting at byte {}",
            at / 5 * 5
        )))
    };
    let mut w = Writer::new(out);
    let mut acc = 0u32;
    let mut n = 0usize;
    let mut i = 0;
    while i < data.len() {
        if n == 0 {
            // Whole groups of digits, five at a time; the slow path reports errors.
            i += 5 * w.push_groups_while(&data[i..], |c: &[u8; 5]| decode_group(c, dec, false));
            if i == data.len() {
                break;
            }
        }
        let c = data[i];
        let d = dec[usize::from(c)];
        if d == INVALID {
            if !ignore.contains(c) {
                return Err(Error::Error(Cow::Owned(format!(
                    "bad Base85 character at position {i}"
                ))));
            }
        } else {
            let v = u64::from(acc) * 85 + u64::from(d);
            if v > u64::from(u32::MAX) {
                return Err(overflow(i));
            }
            acc = v as u32;
            n += 1;
            if n == 5 {
                w.push_array(acc.to_be_bytes());
                acc = 0;
                n = 0;
            }
        }
        i += 1;
    }
    if n != 0 {
        let len = data.len();
        let (bytes, k) = finish_group(acc, n, canonical, "Incomplete Base85 group", |k| {
            overflow(len + k)
        })?;
        w.push_slice(&bytes[..k]);
    }
    Ok(w.finish())
}

/// Convenience wrapper of [`a2b_base85_into`].
pub fn a2b_base85(
    data: &[u8],
    alphabet: &Base85Alphabet,
    ignorechars: &ByteSet,
    canonical: bool,
) -> Result<Vec<u8>, Error> {
    collect(a2b_base85_len(data.len()), |o| {
        a2b_base85_into(data, alphabet, ignorechars, canonical, o)
    })
}

/// Decodes Ascii85 like `binascii.a2b_ascii85`; `out` needs
/// [`a2b_ascii85_len`] bytes.
pub fn a2b_ascii85_into<'o>(
    data: &[u8],
    foldspaces: bool,
    adobe: bool,
    ignorechars: &ByteSet,
    canonical: bool,
    out: &'o mut [MaybeUninit<u8>],
) -> Result<&'o [u8], Error> {
    check_capacity(out.len(), a2b_ascii85_len(data, adobe));
    let mut data = data;
    if adobe {
        data = match adobe_body(data) {
            Some(d) => d,
            None => {
                return Err(Error::binascii(
                    "Ascii85 encoded byte sequences must end with b'~>'",
                ))
            }
        };
    }
    const OVERFLOW: &str = "Ascii85 overflow";
    const NON_CANONICAL: &str = "Non-canonical encoding, use 'z' for all-zero groups";
    let ignore = ignorechars;
    let mut w = Writer::new(out);
    let mut acc = 0u32;
    let mut n = 0usize;
    let mut i = 0;
    while i < data.len() {
        if n == 0 {
            // Whole groups of digits, five at a time; the slow path handles `z`, `y`, ignored
            // bytes and errors.
            i += 5 * w.push_groups_while(&data[i..], |c: &[u8; 5]| {
                decode_group(c, &A85_DEC, canonical)
            });
            if i == data.len() {
                break;
            }
        }
        let c = data[i];
        i += 1;
        match A85_DEC[usize::from(c)] {
            d if d < 85 => {
                let v = u64::from(acc) * 85 + u64::from(d);
                if v > u64::from(u32::MAX) {
                    return Err(Error::binascii(OVERFLOW));
                }
                acc = v as u32;
                n += 1;
                if n == 5 {
                    if canonical && acc == ZERO_GROUP {
                        return Err(Error::binascii(NON_CANONICAL));
                    }
                    w.push_array(acc.to_be_bytes());
                    acc = 0;
                    n = 0;
                }
            }
            m if m == Z || (m == Y && foldspaces) => {
                if n != 0 {
                    return Err(Error::Error(Cow::Owned(format!(
                        "'{}' inside Ascii85 5-tuple",
                        char::from(c)
                    ))));
                }
                let group = if m == Z { ZERO_GROUP } else { SPACE_GROUP };
                w.push_array(group.to_be_bytes());
            }
            _ => {
                if !ignore.contains(c) {
                    return Err(Error::Error(Cow::Owned(format!(
                        "Non-Ascii85 digit found: {}",
                        char::from(c)
                    ))));
                }
            }
        }
    }
    if n != 0 {
        let (bytes, k) = finish_group(acc, n, canonical, "Incomplete Ascii85 group", |_| {
            Error::binascii(OVERFLOW)
        })?;
        w.push_slice(&bytes[..k]);
    }
    Ok(w.finish())
}

/// Convenience wrapper of [`a2b_ascii85_into`].
pub fn a2b_ascii85(
    data: &[u8],
    foldspaces: bool,
    adobe: bool,
    ignorechars: &ByteSet,
    canonical: bool,
) -> Result<Vec<u8>, Error> {
    collect(a2b_ascii85_len(data, adobe), |o| {
        a2b_ascii85_into(data, foldspaces, adobe, ignorechars, canonical, o)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(msg: &str) -> Error {
        Error::Error(msg.to_owned().into())
    }

    /// A deterministic byte sequence (xorshift), with runs of zeros and spaces mixed in.
    fn bytes(n: usize, seed: u64) -> Vec<u8> {
        let mut x = seed | 1;
        let mut v: Vec<u8> = (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        for (i, chunk) in v.chunks_mut(12).enumerate() {
            match i % 3 {
                0 => chunk.iter_mut().take(4).for_each(|b| *b = 0),
                1 => chunk.iter_mut().take(4).for_each(|b| *b = b' '),
                _ => {}
            }
        }
        v
    }

    fn b85(d: &[u8], pad: bool, wrapcol: usize, a: &Base85Alphabet) -> Vec<u8> {
        b2a_base85(d, pad, wrapcol, a).unwrap()
    }

    fn d85(d: &[u8], a: &Base85Alphabet, ignore: &[u8], canonical: bool) -> Result<Vec<u8>, Error> {
        a2b_base85(d, a, &ByteSet::new(ignore), canonical)
    }

    fn a85(d: &[u8], fold: bool, wrapcol: usize, pad: bool, adobe: bool) -> Vec<u8> {
        b2a_ascii85(d, fold, wrapcol, pad, adobe).unwrap()
    }

    fn da85(
        d: &[u8],
        fold: bool,
        adobe: bool,
        ignore: &[u8],
        canonical: bool,
    ) -> Result<Vec<u8>, Error> {
        a2b_ascii85(d, fold, adobe, &ByteSet::new(ignore), canonical)
    }

    #[test]
    fn digit_arithmetic() {
        let naive = |mut v: u32| {
            let mut d = [0u8; 5];
            for slot in d.iter_mut().rev() {
                *slot = A85_ENC[(v % 85) as usize];
                v /= 85;
            }
            d
        };
        // Every value next to a multiple of 85^k (where a digit changes), and a sample.
        let mut edges = Vec::new();
        for p in [85u64, 7225, 614_125, 52_200_625] {
            for m in (0..=u64::from(u32::MAX) / p)
                .step_by(((u64::from(u32::MAX) / p) / 5000).max(1) as usize)
            {
                for dv in [-1i64, 0, 1] {
                    let v = (m * p) as i64 + dv;
                    if (0..=i64::from(u32::MAX)).contains(&v) {
                        edges.push(v as u32);
                    }
                }
            }
        }
        let mut x = 0x9E37_79B9u32;
        let sample = (0..200_000).map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        });
        for v in [0, 1, 84, 85, u32::MAX - 1, u32::MAX]
            .into_iter()
            .chain(edges)
            .chain(sample)
        {
            assert_eq!(digits(v, &A85_ENC), naive(v), "{v}");
        }
    }

    /// Every 32-bit value (about a minute in release mode: `cargo test --release -- --ignored`).
    #[test]
    #[ignore]
    fn digit_arithmetic_exhaustive() {
        for v in 0..=u32::MAX {
            let mut r = v;
            let mut d = [0u8; 5];
            for slot in d.iter_mut().rev() {
                *slot = A85_ENC[(r % 85) as usize];
                r /= 85;
            }
            assert_eq!(digits(v, &A85_ENC), d, "{v}");
        }
    }

    #[test]
    fn spec_vectors() {
        // ZeroMQ RFC 32 (Z85).
        let z85 = Base85Alphabet::z85();
        let hello = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B];
        assert_eq!(b85(&hello, false, 0, z85), b"HelloWorld");
        assert_eq!(d85(b"HelloWorld", z85, b"", true).unwrap(), hello);
        // Adobe PostScript Language Reference, Ascii85 (the Wikipedia example).
        assert_eq!(
            a85(b"Man is distinguished", false, 0, false, false),
            b"9jqo^BlbD-BleB1DJ+*+F(f,q"
        );
        assert_eq!(
            a85(b"Man is distinguished", false, 10, false, true),
            b"<~9jqo^Blb\nD-BleB1DJ+\n*+F(f,q~>"
        );
        assert_eq!(
            da85(b"<~9jqo^BlbD-BleB1DJ+*+F(f,q~>", false, true, b"", true).unwrap(),
            b"Man is distinguished"
        );
        assert_eq!(a85(b"\0\0\0\0", false, 0, false, false), b"z");
        assert_eq!(a85(b"    ", true, 0, false, false), b"y");
        // Python's base64.b85encode (RFC 1924 alphabet, 4-byte groups).
        let std = Base85Alphabet::standard();
        assert_eq!(b85(b"www.python.org", false, 0, std), b"cXxL#aCvlSZ*DGca%T");
        let table: [(&[u8], &[u8], &[u8]); 7] = [
            (b"", b"", b""),
            (b"f", b"W&", b"Ac"),
            (b"fo", b"W^V", b"Ao@"),
            (b"foo", b"W^Zo", b"AoDS"),
            (b"foob", b"W^Zp|", b"AoDTs"),
            (b"fooba", b"W^Zp|VE", b"AoDTs@/"),
            (b"foobar", b"W^Zp|VR8", b"AoDTs@<)"),
        ];
        for (raw, b, a) in table {
            assert_eq!(b85(raw, false, 0, std), b);
            assert_eq!(d85(b, std, b"", true).unwrap(), raw);
            assert_eq!(a85(raw, false, 0, false, false), a);
            assert_eq!(da85(a, false, false, b"", true).unwrap(), raw);
        }
    }

    #[test]
    fn round_trips_and_sizes() {
        let alphabets = [
            Base85Alphabet::standard().clone(),
            Base85Alphabet::z85().clone(),
            Base85Alphabet::new(&A85_ENC[..85]).unwrap(),
        ];
        for n in 0..70 {
            let data = bytes(n, n as u64 + 3);
            for pad in [false, true] {
                let padded_len = if pad { n.div_ceil(4) * 4 } else { n };
                let mut expect = data.clone();
                expect.resize(padded_len, 0);
                for wrapcol in [0, 1, 2, 5, 7, 9, 10, 64, usize::MAX] {
                    for a in &alphabets {
                        let e = b85(&data, pad, wrapcol, a);
                        assert_eq!(e.len(), b2a_base85_len(n, pad, wrapcol).unwrap());
                        let got = d85(&e, a, b"\n", true).unwrap();
                        assert_eq!(got, expect);
                        let cap = a2b_base85_len(e.len());
                        assert!(got.len() == cap || (wrapcol != 0 && got.len() < cap));
                    }
                    for fold in [false, true] {
                        for adobe in [false, true] {
                            let e = a85(&data, fold, wrapcol, pad, adobe);
                            assert!(e.len() <= b2a_ascii85_len(n, wrapcol, pad, adobe).unwrap());
                            let width = a85_line_width(wrapcol, adobe);
                            for line in e.split(|&c| c == b'\n') {
                                assert!(width == 0 || line.len() <= width);
                            }
                            let got = da85(&e, fold, adobe, b"\n", true).unwrap();
                            assert_eq!(
                                got, expect,
                                "n={n} pad={pad} wrapcol={wrapcol} fold={fold} adobe={adobe}"
                            );
                            // Exact unless newlines count as digits.
                            let cap = a2b_ascii85_len(&e, adobe);
                            assert!(got.len() == cap || (wrapcol != 0 && got.len() < cap));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn wrapping() {
        let std = Base85Alphabet::standard();
        assert_eq!(
            b85(b"www.python.org", false, 10, std),
            b"cXxL#aCvlS\nZ*DGca%T"
        );
        assert_eq!(
            b85(b"www.python.org", false, 14, std),
            b"cXxL#aCvlS\nZ*DGca%T"
        );
        assert_eq!(
            b85(b"www.python.org", false, 1, std),
            b"cXxL#\naCvlS\nZ*DGc\na%T"
        );
        // Ascii85 lines have any width; `~>` is never split (Adobe needs 2 columns at least).
        // (data, wrapcol, plain, adobe)
        type Case<'a> = (&'a [u8], usize, &'a [u8], &'a [u8]);
        let cases: [Case; 14] = [
            (b"", 0, b"", b"<~~>"),
            (b"", 1, b"", b"<~\n~>"),
            (b"a", 0, b"@/", b"<~@/~>"),
            (b"a", 1, b"@\n/", b"<~\n@/\n~>"),
            (b"a", 2, b"@/", b"<~\n@/\n~>"),
            (b"a", 3, b"@/", b"<~@\n/~>"),
            (b"a", 4, b"@/", b"<~@/\n~>"),
            (b"a", 5, b"@/", b"<~@/\n~>"),
            (b"a", 6, b"@/", b"<~@/~>"),
            (b"a", 123, b"@/", b"<~@/~>"),
            (
                b"this is a test",
                7,
                b"FD,B0+D\nGm>@3BZ\n'F*%",
                b"<~FD,B0\n+DGm>@3\nBZ'F*%\n~>",
            ),
            (
                b"a test!!!!!!!    ",
                11,
                b"@3BZ'F*&QK+\nX&!P+WqmM+9",
                b"<~@3BZ'F*&Q\nK+X&!P+WqmM\n+9~>",
            ),
            (&[0; 56], 7, b"zzzzzzz\nzzzzzzz", b"<~zzzzz\nzzzzzzz\nzz~>"),
            (b"abcd", 8, b"@:E_W", b"<~@:E_W\n~>"),
        ];
        for (raw, w, plain, adobe) in cases {
            assert_eq!(a85(raw, false, w, false, false), plain, "{raw:?} {w}");
            assert_eq!(a85(raw, false, w, false, true), adobe, "{raw:?} {w}");
        }
        assert_eq!(
            a85(b"\0\0\0\0abcd    \0\0", true, 9, true, true),
            b"<~z@:E_Wy\nz~>"
        );
    }

    /// The encoders without lines (direct up to `DIRECT_MAX` bytes, batched above) against
    /// the batched one with lines (a line wider than the output, so no newline), into buffers
    /// of exactly the size `b2a_ascii85_len` gives, over inputs full of zero and space groups
    /// at every length to 200.
    #[test]
    fn ascii85_direct_matches_batched() {
        let mut x = 0x2545_F491_u32;
        for len in 0..200usize {
            for _ in 0..8 {
                let data: Vec<u8> = (0..len)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 17;
                        x ^= x << 5;
                        [0u8, 0, b' ', b' ', x as u8][(x >> 8) as usize % 5]
                    })
                    .collect();
                for (fold, pad, adobe) in [
                    (false, false, false),
                    (true, false, false),
                    (true, true, false),
                    (false, true, true),
                ] {
                    let direct = a85(&data, fold, 0, pad, adobe);
                    let batched = a85(&data, fold, usize::MAX / 2, pad, adobe);
                    assert_eq!(direct, batched, "{data:?} {fold} {pad} {adobe}");
                }
            }
        }
    }

    #[test]
    fn short_forms_and_pad() {
        assert_eq!(a85(b"\0", false, 0, false, false), b"!!");
        assert_eq!(a85(b"\0", false, 0, true, false), b"z");
        assert_eq!(a85(b"\0\0\0", false, 0, true, false), b"z");
        assert_eq!(a85(&[0; 5], false, 0, true, false), b"zz");
        assert_eq!(a85(&[0; 6], false, 0, false, false), b"z!!!");
        assert_eq!(a85(b"       ", true, 0, true, false), b"y+<Vd,");
        assert_eq!(a85(b"    ", false, 0, false, false), b"+<VdL");
        let std = Base85Alphabet::standard();
        assert_eq!(b85(b"abcdefg", true, 7, std), b"VPa!s\nWoBmp");
        assert_eq!(d85(b"VPa!sWoBmp", std, b"", false).unwrap(), b"abcdefg\0");
        assert_eq!(da85(b"y", true, false, b"", false).unwrap(), b"    ");
        assert_eq!(da85(b"zz", false, false, b"", true).unwrap(), [0; 8]);
    }

    #[test]
    fn base85_errors() {
        let std = Base85Alphabet::standard();
        let d = |s: &[u8]| d85(s, std, b"", false);
        let di = |s: &[u8]| d85(s, std, b" ", false);
        assert_eq!(d(b"\xda"), Err(err("bad Base85 character at position 0")));
        assert_eq!(d(b"00\0\0"), Err(err("bad Base85 character at position 2")));
        assert_eq!(
            d(b"abcde  "),
            Err(err("bad Base85 character at position 5"))
        );
        assert_eq!(
            d(b"}"),
            Err(err("Base85 overflow in hunk starting at byte 0"))
        );
        assert_eq!(
            d(b"|NsC0|NsC0|NsD0"),
            Err(err("Base85 overflow in hunk starting at byte 10"))
        );
        // The hunk of an overflow in the padding of a last group counts the padding digits.
        assert_eq!(
            di(b"     }"),
            Err(err("Base85 overflow in hunk starting at byte 5"))
        );
        assert_eq!(
            di(b"  }  "),
            Err(err("Base85 overflow in hunk starting at byte 5"))
        );
        assert_eq!(
            di(b"abcde    |N   "),
            Err(err("Base85 overflow in hunk starting at byte 15"))
        );
        assert_eq!(
            di(b"abcde |NsD0"),
            Err(err("Base85 overflow in hunk starting at byte 10"))
        );
        assert_eq!(d(b"a"), Err(err("Incomplete Base85 group")));
        assert_eq!(d(b"abcdef"), Err(err("Incomplete Base85 group")));
        assert_eq!(di(b" a"), Err(err("Incomplete Base85 group")));
        // With Z85, `}` is a small digit: no overflow, but a group of one.
        assert_eq!(
            d85(b"}", Base85Alphabet::z85(), b"", false),
            Err(err("Incomplete Base85 group"))
        );
        assert_eq!(d(b"VF"), Ok(b"a".to_vec()));
        assert_eq!(
            d85(b"VF", std, b"", true),
            Err(err("Non-zero padding bits"))
        );
        assert_eq!(
            d85(b"V", std, b"", true),
            Err(err("Incomplete Base85 group"))
        );
        assert_eq!(
            Base85Alphabet::new(&BASE85_ALPHABET[1..]),
            Err(Error::ValueError("alphabet must have length 85".into()))
        );
        assert_eq!(
            d85(b"A~[B];C", std, b";[]~", false).unwrap(),
            b"\"1\xa3\x15"
        );
        assert_eq!(
            d85(b"A~[B];C", Base85Alphabet::z85(), b";[]~", false).unwrap(),
            b"r\xd8dv"
        );
    }

    #[test]
    fn ascii85_errors() {
        let d = |s: &[u8], fold: bool, adobe: bool| da85(s, fold, adobe, b"", false);
        let end = Err(err("Ascii85 encoded byte sequences must end with b'~>'"));
        for s in [&b""[..], b"a", b"<~", b"<~!~", b"<~abc>", b"<~x~>  !"] {
            assert_eq!(d(s, false, true), end);
        }
        assert_eq!(d(b"~>", false, true).unwrap(), b"");
        assert_eq!(d(b"abc~>", false, true).unwrap(), b"\xc9\x89");
        assert_eq!(d(b"<~>", false, true), Err(err("Incomplete Ascii85 group")));
        for s in [
            &b"t"[..],
            b"s9",
            b"s8X",
            b"s8W.",
            b"s8W-\"",
            b"s8W-!u",
            b"s8W-!s8W-!zs8X",
        ] {
            assert_eq!(d(s, false, false), Err(err("Ascii85 overflow")));
        }
        assert_eq!(
            d(b"ay", true, false),
            Err(err("'y' inside Ascii85 5-tuple"))
        );
        assert_eq!(
            d(b"abcz", false, false),
            Err(err("'z' inside Ascii85 5-tuple"))
        );
        assert_eq!(
            d(b"ay", false, false),
            Err(err("Non-Ascii85 digit found: y"))
        );
        assert_eq!(
            d(b"j\n", false, false),
            Err(err("Non-Ascii85 digit found: \n"))
        );
        assert_eq!(
            d(b"\x80", false, false),
            Err(err("Non-Ascii85 digit found: \u{80}"))
        );
        assert_eq!(
            d(b"<~~>", false, false),
            Err(err("Non-Ascii85 digit found: ~"))
        );
        assert_eq!(d(b"@", false, false), Err(err("Incomplete Ascii85 group")));
        assert_eq!(d(b"@0", false, false).unwrap(), b"a");
        assert_eq!(
            da85(b"@0", false, false, b"", true),
            Err(err("Non-zero padding bits"))
        );
        let zeros = Err(err("Non-canonical encoding, use 'z' for all-zero groups"));
        assert_eq!(da85(b"!!!!!", false, false, b"", true), zeros);
        assert_eq!(da85(b"z!!!!!", false, false, b"", true), zeros);
        assert_eq!(d(b"!!!!!", false, false).unwrap(), [0; 4]);
        // Ignored bytes: only those outside the digits and short forms.
        let ig = |s: &[u8], fold: bool, ignore: &[u8]| da85(s, fold, false, ignore, false);
        assert_eq!(ig(b"z|z", false, b"|||").unwrap(), [0; 8]);
        assert_eq!(ig(b"zz!!|", false, b"|!z").unwrap(), [0; 9]);
        assert_eq!(ig(b"zy}", false, b"zy}").unwrap(), [0; 4]);
        assert_eq!(ig(b"zy}", true, b"zy}").unwrap(), b"\0\0\0\0    ");
        assert_eq!(ig(b"ay", false, b"y"), Err(err("Incomplete Ascii85 group")));
        assert_eq!(
            ig(b"az", false, b"z"),
            Err(err("'z' inside Ascii85 5-tuple"))
        );
        assert_eq!(
            da85(b"<~B P~@~>", false, true, b" <~>", false).unwrap(),
            b"hi"
        );
    }

    #[test]
    fn canonical_partial_groups_have_one_encoding() {
        // For every 1-3 byte group, exactly one last digit decodes back to it under canonical.
        let std = Base85Alphabet::standard();
        for n in 1..4 {
            for seed in 0..40u64 {
                let data = bytes(n, seed * 31 + 1);
                let e85 = b85(&data, false, 0, std);
                let e_a = a85(&data, false, 0, false, false);
                let mut ok85 = 0;
                let mut ok_a = 0;
                for (digit, &symbol) in BASE85_ALPHABET.iter().enumerate() {
                    let mut c = e85.clone();
                    *c.last_mut().unwrap() = symbol;
                    if d85(&c, std, b"", true).as_deref() == Ok(&data[..]) {
                        ok85 += 1;
                        assert_eq!(c, e85);
                    }
                    let mut c = e_a.clone();
                    *c.last_mut().unwrap() = b'!' + digit as u8;
                    if da85(&c, false, false, b"", true).as_deref() == Ok(&data[..]) {
                        ok_a += 1;
                        assert_eq!(c, e_a);
                    }
                }
                assert_eq!((ok85, ok_a), (1, 1));
            }
        }
    }
}
