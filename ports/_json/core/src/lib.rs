//! The pure core of ferrocpy's `_json` port: what CPython's `Modules/_json.c` does to text, over
//! the code points of a `str` in its own storage width (one, two or four bytes: [`Unit`]), with
//! no Python types.
//!
//! - [`scanstring`]: a JSON string's contents, its escapes decoded (surrogate pairs joined, lone
//!   surrogates kept), with C's errors and positions;
//! - [`match_number`], [`term`], [`skip_whitespace`]: the scanner's lexical decisions;
//! - [`escape_ascii`] / [`escape`]: `encode_basestring_ascii` / `encode_basestring`;
//! - [`float_repr`]: `float.__repr__` of a finite double;
//! - [`Writer`]: decoded text accumulated in the narrowest width that holds it (C's
//!   `_PyUnicodeWriter`), its storage kept from one string to the next.

#![forbid(unsafe_code)]

#[cfg(test)]
mod tests;

mod floatrepr;
pub use floatrepr::{float_repr, FLOAT_REPR_MAX};
mod memo;
pub use memo::KeyMemo;
mod out;
pub use out::{Buf, Out, Piece};
mod writer;
pub use writer::{Units, Writer};

/// One code unit of a `str`'s storage: `u8` (Latin-1), `u16` (UCS-2) or `u32` (UCS-4).
pub trait Unit: Copy + Eq + 'static {
    /// The code point.
    fn cp(self) -> u32;
    /// The unit holding ASCII character `b`.
    fn ascii(b: u8) -> Self;
    /// The unit holding code point `c` (which the caller knows fits this width).
    fn from_cp(c: u32) -> Self;

    /// The units as bytes, for one-byte units.
    #[inline(always)]
    fn bytes(_s: &[Self]) -> Option<&[u8]> {
        None
    }

    /// The first index from `from` on whose character JSON escapes (`"`, `\\`, below U+0020,
    /// and with `ascii` everything from U+007F on), or `s.len()`.
    #[inline(always)]
    fn find_escape(s: &[Self], from: usize, ascii: bool) -> usize {
        let esc = |c: u32| (c < 0x20) | (c == 0x22) | (c == 0x5c) | (ascii & (c >= 0x7f));
        let mut i = from;
        // Escapes often follow each other: the first character decides at once.
        match s.get(i) {
            None => return i,
            Some(u) if esc(u.cp()) => return i,
            _ => {}
        }
        // Sixteen characters tested at once (bitwise, into a mask: the compiler's vector
        // code), the first hit found from the mask.
        while let Some(chunk) = s.get(i..).and_then(|r| r.first_chunk::<16>()) {
            let mut mask = 0u32;
            for (k, u) in chunk.iter().enumerate() {
                mask |= u32::from(esc(u.cp())) << k;
            }
            if mask != 0 {
                return i + mask.trailing_zeros() as usize;
            }
            i += 16;
        }
        while i < s.len() {
            if esc(s[i].cp()) {
                break;
            }
            i += 1;
        }
        i
    }
}

impl Unit for u8 {
    #[inline(always)]
    fn cp(self) -> u32 {
        u32::from(self)
    }
    #[inline(always)]
    fn ascii(b: u8) -> Self {
        b
    }
    #[inline(always)]
    fn from_cp(c: u32) -> Self {
        c as u8
    }
    #[inline(always)]
    fn bytes(s: &[u8]) -> Option<&[u8]> {
        Some(s)
    }

    /// Eight characters at a time while none of them needs an escape.
    #[inline(always)]
    fn find_escape(s: &[u8], from: usize, ascii: bool) -> usize {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        // A high bit per byte that is zero.
        let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
        let mut i = from;
        // Escapes often follow each other: the first character decides at once.
        match s.get(i) {
            None => return i,
            Some(&c) if c < 0x20 || c == 0x22 || c == 0x5c || (ascii && c >= 0x7f) => return i,
            _ => {}
        }
        while let Some(chunk) = s.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            // Bytes below 0x20 (no byte of `w` above 0x7f can set a bit here: `& !w`).
            let mut hit = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
            hit |= zero(w ^ (ONES * 0x22)) | zero(w ^ (ONES * 0x5c));
            if ascii {
                // Bytes from 0x7f on: their high bit, or that of their successor (a carry
                // only from 0xff, itself caught).
                hit |= (w | w.wrapping_add(ONES)) & HIGH;
            }
            if hit != 0 {
                // Borrows and carries only run upwards, so the lowest flagged byte is exact.
                return i + hit.trailing_zeros() as usize / 8;
            }
            i += 8;
        }
        let table = if ascii { &ESCAPED_ASCII } else { &ESCAPED };
        while let Some(&c) = s.get(i) {
            if table[c as usize] {
                break;
            }
            i += 1;
        }
        i
    }
}

/// The Latin-1 characters JSON escapes: `"`, `\\` and those below U+0020.
static ESCAPED: [bool; 256] = escaped_table(false);
/// The same with `ensure_ascii`: and everything from U+007F on.
static ESCAPED_ASCII: [bool; 256] = escaped_table(true);

const fn escaped_table(ascii: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = c < 0x20 || c == 0x22 || c == 0x5c || (ascii && c >= 0x7f);
        c += 1;
    }
    t
}

impl Unit for u16 {
    #[inline(always)]
    fn cp(self) -> u32 {
        u32::from(self)
    }
    #[inline(always)]
    fn ascii(b: u8) -> Self {
        u16::from(b)
    }
    #[inline(always)]
    fn from_cp(c: u32) -> Self {
        c as u16
    }
}

impl Unit for u32 {
    #[inline(always)]
    fn cp(self) -> u32 {
        self
    }
    #[inline(always)]
    fn ascii(b: u8) -> Self {
        u32::from(b)
    }
    #[inline(always)]
    fn from_cp(c: u32) -> Self {
        c
    }
}

/// An error C raises while scanning: `ValueError` for a bad start index, else `JSONDecodeError`
/// with C's message and position (a character index; `-1` when a string starts at index 0 with
/// `end == 0`, as C computes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanError {
    /// `ValueError("end is out of bounds")`.
    EndOutOfBounds,
    /// `JSONDecodeError(msg, doc, pos)`.
    Decode { msg: &'static str, pos: isize },
}

/// The messages of the scanner's `JSONDecodeError`s, as C words them.
pub mod msg {
    pub const UNTERMINATED: &str = "Unterminated string starting at";
    pub const CONTROL: &str = "Invalid control character at";
    pub const ESCAPE: &str = "Invalid \\escape";
    pub const UXXXX: &str = "Invalid \\uXXXX escape";
    pub const PROPERTY_NAME: &str = "Expecting property name enclosed in double quotes";
    pub const COLON: &str = "Expecting ':' delimiter";
    pub const COMMA: &str = "Expecting ',' delimiter";
    pub const VALUE: &str = "Expecting value";
    pub const TRAILING_COMMA_OBJECT: &str = "Illegal trailing comma before end of object";
    pub const TRAILING_COMMA_ARRAY: &str = "Illegal trailing comma before end of array";
}

/// What [`scanstring`] read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scanned {
    /// No escape: the contents are `s[start..end]` (C returns a substring).
    Slice(usize, usize),
    /// The decoded code points, in the narrowest width that holds them.
    Decoded(Writer),
}

/// What [`scanstring_into`] read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// No escape: the contents are `s[start..end]`.
    Slice(usize, usize),
    /// The decoded code points are in the caller's writer.
    Decoded,
}

#[inline(always)]
fn decode_err(msg: &'static str, pos: usize) -> ScanError {
    ScanError::Decode {
        msg,
        pos: pos as isize,
    }
}

/// The value of hex digit `d`, if it is one.
#[inline(always)]
fn hex_value(d: u32) -> Option<u32> {
    match d {
        0x30..=0x39 => Some(d - 0x30),
        0x61..=0x66 => Some(d - 0x61 + 10),
        0x41..=0x46 => Some(d - 0x41 + 10),
        _ => None,
    }
}

/// Four hex digits at `s[at..at + 4]` (in bounds); `Err` at the first non-digit.
#[inline(always)]
fn hex4<T: Unit>(s: &[T], at: usize) -> Result<u32, ()> {
    let mut c = 0u32;
    for &d in &s[at..at + 4] {
        c = (c << 4) | hex_value(d.cp()).ok_or(())?;
    }
    Ok(c)
}

/// The rules that changed between CPython versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// A complete `\uXXXX` escape ending the input is read, the string then being
    /// unterminated (3.15, and 3.14's bugfix releases, 3.14.10 here); before, the escape
    /// itself is refused as invalid.
    pub escape_at_end_unterminated: bool,
}

impl Rules {
    /// CPython 3.10 to 3.13.
    pub const PY310: Rules = Rules {
        escape_at_end_unterminated: false,
    };
    /// CPython 3.14 (its bugfix releases) and 3.15.
    pub const PY314: Rules = Rules {
        escape_at_end_unterminated: true,
    };
}

/// Scans the JSON string whose opening quote is at `end - 1`: returns its contents and the
/// index after the closing quote. With `strict`, a control character (below U+0020) inside the
/// string is an error. C's `scanstring_unicode`, error for error.
pub fn scanstring<T: Unit>(
    s: &[T],
    end: isize,
    strict: bool,
    rules: Rules,
) -> Result<(Scanned, usize), ScanError> {
    let mut out = Writer::new();
    Ok(match scanstring_into(s, end, strict, rules, &mut out)? {
        (Found::Slice(a, b), next) => (Scanned::Slice(a, b), next),
        (Found::Decoded, next) => (Scanned::Decoded(out), next),
    })
}

/// [`scanstring`] decoding into `out` (cleared first when there is anything to decode), so
/// that one writer's storage serves many strings.
pub fn scanstring_into<T: Unit>(
    s: &[T],
    end: isize,
    strict: bool,
    rules: Rules,
    out: &mut Writer,
) -> Result<(Found, usize), ScanError> {
    let len = s.len();
    if end < 0 || end as usize > len {
        return Err(ScanError::EndOutOfBounds);
    }
    let begin = end - 1;
    let unterminated = ScanError::Decode {
        msg: msg::UNTERMINATED,
        pos: begin,
    };
    let mut end = end as usize;
    let mut decoding = false;
    loop {
        // Find the end of the string or the next escape (control characters stop the
        // search too: an error when strict, else kept).
        let mut next = end;
        let mut found = None;
        loop {
            next = T::find_escape(s, next, false);
            let Some(d) = s.get(next).map(|u| u.cp()) else {
                break;
            };
            if d == u32::from(b'"') || d == u32::from(b'\\') {
                found = Some(d);
                break;
            }
            if strict {
                return Err(decode_err(msg::CONTROL, next));
            }
            next += 1;
        }
        let Some(c) = found else {
            return Err(unterminated);
        };
        if c == u32::from(b'"') && !decoding {
            return Ok((Found::Slice(end, next), next + 1));
        }
        if !decoding {
            decoding = true;
            out.clear();
            out.reserve((next - end) * 2 + 64);
        }
        let buf = &mut *out;
        if next > end {
            buf.push(&s[end..next]);
        }
        next += 1;
        if c == u32::from(b'"') {
            end = next;
            break;
        }
        if next == len {
            return Err(unterminated);
        }
        let e = s[next].cp();
        let ch;
        if e != u32::from(b'u') {
            end = next + 1;
            ch = match e {
                0x22 | 0x5c | 0x2f => e,
                0x62 => 0x08,
                0x66 => 0x0c,
                0x6e => 0x0a,
                0x72 => 0x0d,
                0x74 => 0x09,
                _ => return Err(decode_err(msg::ESCAPE, end - 2)),
            };
        } else {
            next += 1;
            end = next + 4;
            if end > len || (end == len && !rules.escape_at_end_unterminated) {
                return Err(decode_err(msg::UXXXX, next - 1));
            }
            let mut c1 = hex4(s, next).map_err(|_| decode_err(msg::UXXXX, end - 5))?;
            // A high surrogate followed by an escaped low one is one character.
            if (0xD800..=0xDBFF).contains(&c1)
                && end + 6 < len
                && s[end].cp() == u32::from(b'\\')
                && s[end + 1].cp() == u32::from(b'u')
            {
                let c2 = hex4(s, end + 2).map_err(|_| decode_err(msg::UXXXX, end + 1))?;
                if (0xDC00..=0xDFFF).contains(&c2) {
                    c1 = 0x10000 + (((c1 - 0xD800) << 10) | (c2 - 0xDC00));
                    end += 6;
                }
            }
            ch = c1;
        }
        buf.push_char(ch);
    }
    Ok((Found::Decoded, end))
}

/// The index of the closing quote of a JSON string whose contents start at `start`
/// (`start <= s.len()`) when they hold no escape and no control character: the contents are
/// then `s[start..end]`, as [`scanstring`] would find; `None` otherwise (scan it fully).
#[inline(always)]
pub fn plain_string_end<T: Unit>(s: &[T], start: usize) -> Option<usize> {
    let i = T::find_escape(s, start, false);
    match s.get(i) {
        Some(u) if u.cp() == u32::from(b'"') => Some(i),
        _ => None,
    }
}

/// JSON's whitespace.
#[inline(always)]
pub fn is_whitespace(c: u32) -> bool {
    c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d
}

/// The first index from `idx` on that is not whitespace (or `s.len()`).
#[inline(always)]
pub fn skip_whitespace<T: Unit>(s: &[T], mut idx: usize) -> usize {
    // Space, tab, newline and carriage return as bits of a mask.
    const WS: u64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0a | 1 << 0x0d;
    while let Some(u) = s.get(idx) {
        let c = u.cp();
        if c > 0x20 || WS >> c & 1 == 0 {
            break;
        }
        idx += 1;
    }
    idx
}

/// The value of the float `s[start..end]` found by [`match_number`] when the decimal-to-double
/// conversion is one exact operation (Clinger's fast path): at most fifteen significant digits
/// (an integer below 2**53) times or over a power of ten up to 10**22 (exact as a double), so
/// the one rounding of the product or quotient is the correctly rounded value, `float(text)`'s;
/// `None` otherwise.
#[inline]
pub fn simple_float<T: Unit>(s: &[T], start: usize, end: usize) -> Option<f64> {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let text = s.get(start..end)?;
    // Fifteen digits, a sign and a point at most (exponents only add): longer texts, most
    // doubles' full seventeen digits, go to the general parse at once.
    if text.len() > 17 {
        return None;
    }
    let mut i = 0;
    let negative = text.first()?.cp() == u32::from(b'-');
    if negative {
        i = 1;
    }
    let digit = |k: usize| {
        text.get(k)
            .map(|u| u.cp().wrapping_sub(u32::from(b'0')))
            .filter(|&d| d < 10)
    };
    let mut m: u64 = 0;
    let mut digits = 0;
    while let Some(d) = digit(i) {
        m = m * 10 + u64::from(d);
        digits += 1;
        i += 1;
        if digits > 15 {
            return None;
        }
    }
    let mut scale: i32 = 0;
    if text.get(i).map(|u| u.cp()) == Some(u32::from(b'.')) {
        i += 1;
        while let Some(d) = digit(i) {
            m = m * 10 + u64::from(d);
            digits += 1;
            scale -= 1;
            i += 1;
            if digits > 15 {
                return None;
            }
        }
    }
    if let Some(e) = text.get(i).map(|u| u.cp()) {
        if e != u32::from(b'e') && e != u32::from(b'E') {
            return None;
        }
        i += 1;
        let mut exp_negative = false;
        match text.get(i).map(|u| u.cp()) {
            Some(c) if c == u32::from(b'-') => {
                exp_negative = true;
                i += 1;
            }
            Some(c) if c == u32::from(b'+') => i += 1,
            _ => {}
        }
        let mut exp: i32 = 0;
        let mut n = 0;
        while let Some(d) = digit(i) {
            exp = exp * 10 + d as i32;
            n += 1;
            i += 1;
            if n > 4 {
                return None;
            }
        }
        if n == 0 {
            return None;
        }
        scale += if exp_negative { -exp } else { exp };
    }
    if i != text.len() || digits == 0 {
        return None;
    }
    let mv = m as f64;
    let v = if (0..=22).contains(&scale) {
        mv * POW10[scale as usize]
    } else if (-22..0).contains(&scale) {
        mv / POW10[(-scale) as usize]
    } else {
        return None;
    };
    Some(if negative { -v } else { v })
}

/// Whether `s[idx]` is the ASCII character `b`.
#[inline(always)]
pub fn at<T: Unit>(s: &[T], idx: usize, b: u8) -> bool {
    idx < s.len() && s[idx].cp() == u32::from(b)
}

/// What starts at an index, as C's `scan_once_unicode` decides (`idx < s.len()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// `"`: a string.
    String,
    /// `{`: an object.
    Object,
    /// `[`: an array.
    Array,
    /// `null`, `true`, `false`.
    Null,
    True,
    False,
    /// `NaN`, `Infinity`, `-Infinity`: given to `parse_constant`.
    Constant(&'static str),
    /// Anything else: a number, or nothing ([`match_number`] decides).
    Number,
}

#[inline(always)]
fn matches<T: Unit>(s: &[T], idx: usize, word: &[u8]) -> bool {
    // C requires the whole word to fit: `idx + len(word) - 1 < length`.
    idx + word.len() <= s.len()
        && s[idx..idx + word.len()]
            .iter()
            .zip(word)
            .all(|(u, &b)| u.cp() == u32::from(b))
}

/// The term starting at `s[idx]` (`idx < s.len()`).
#[inline(always)]
pub fn term<T: Unit>(s: &[T], idx: usize) -> Term {
    match s[idx].cp() {
        0x22 => Term::String,
        0x7b => Term::Object,
        0x5b => Term::Array,
        0x6e if matches(s, idx, b"null") => Term::Null,
        0x74 if matches(s, idx, b"true") => Term::True,
        0x66 if matches(s, idx, b"false") => Term::False,
        0x4e if matches(s, idx, b"NaN") => Term::Constant("NaN"),
        0x49 if matches(s, idx, b"Infinity") => Term::Constant("Infinity"),
        0x2d if matches(s, idx, b"-Infinity") => Term::Constant("-Infinity"),
        _ => Term::Number,
    }
}

/// A number found by [`match_number`]: `s[start..end]`, a float if it has a fraction or an
/// exponent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    pub end: usize,
    pub is_float: bool,
}

#[inline(always)]
fn is_digit(c: u32) -> bool {
    (0x30..=0x39).contains(&c)
}

/// C's `_match_number_unicode` (`start < s.len()`): the longest JSON number at `start`, an
/// exponent without digits left out; `None` when there is none (C raises `StopIteration(start)`).
pub fn match_number<T: Unit>(s: &[T], start: usize) -> Option<Number> {
    let len = s.len();
    let c = |i: usize| s[i].cp();
    let mut idx = start;
    if c(idx) == u32::from(b'-') {
        idx += 1;
        if idx >= len {
            return None;
        }
    }
    if (0x31..=0x39).contains(&c(idx)) {
        idx += 1;
        while idx < len && is_digit(c(idx)) {
            idx += 1;
        }
    } else if c(idx) == u32::from(b'0') {
        idx += 1;
    } else {
        return None;
    }
    let mut is_float = false;
    if idx + 1 < len && c(idx) == u32::from(b'.') && is_digit(c(idx + 1)) {
        is_float = true;
        idx += 2;
        while idx < len && is_digit(c(idx)) {
            idx += 1;
        }
    }
    if idx + 1 < len && (c(idx) == u32::from(b'e') || c(idx) == u32::from(b'E')) {
        let e_start = idx;
        idx += 1;
        if idx + 1 < len && (c(idx) == u32::from(b'-') || c(idx) == u32::from(b'+')) {
            idx += 1;
        }
        while idx < len && is_digit(c(idx)) {
            idx += 1;
        }
        if is_digit(c(idx - 1)) {
            is_float = true;
        } else {
            idx = e_start;
        }
    }
    Some(Number { end: idx, is_float })
}

/// The ASCII text of `s[start..end]`, a number found by [`match_number`].
pub fn number_text<T: Unit>(s: &[T], start: usize, end: usize) -> String {
    s[start..end].iter().map(|u| u.cp() as u8 as char).collect()
}

/// The common case of [`match_number`] and [`small_int`] in one pass: an integer of at most
/// eighteen digits (`-?0` or `-?[1-9][0-9]*`) that no fraction or exponent could follow (the
/// next unit, if any, is not `.`, `e` or `E`), with the index after it; `None` otherwise,
/// for the general path to decide.
#[inline(always)]
pub fn plain_int<T: Unit>(s: &[T], start: usize) -> Option<(i64, usize)> {
    let mut idx = start;
    let negative = s.get(idx)?.cp() == u32::from(b'-');
    if negative {
        idx += 1;
    }
    let first = s.get(idx)?.cp().wrapping_sub(u32::from(b'0'));
    if first > 9 {
        return None;
    }
    let mut v = i64::from(first);
    idx += 1;
    if first != 0 {
        let digits_start = idx - 1;
        while let Some(d) = s.get(idx).map(|u| u.cp().wrapping_sub(u32::from(b'0'))) {
            if d > 9 {
                break;
            }
            if idx - digits_start == 18 {
                // A nineteenth digit: past what an i64 always holds.
                return None;
            }
            v = v * 10 + i64::from(d);
            idx += 1;
        }
    }
    match s.get(idx).map(|u| u.cp()) {
        Some(0x2e | 0x65 | 0x45) => None,
        _ => Some((if negative { -v } else { v }, idx)),
    }
}

/// The value of the integer `s[start..end]` found by [`match_number`] (an optional `-` and
/// digits), if it has at most 18 digits.
#[inline]
pub fn small_int<T: Unit>(s: &[T], start: usize, end: usize) -> Option<i64> {
    let text = &s[start..end];
    let (negative, digits) = match text.first() {
        Some(u) if u.cp() == u32::from(b'-') => (true, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let mut v = 0i64;
    for u in digits {
        v = v * 10 + i64::from(u.cp().wrapping_sub(u32::from(b'0')) as u8);
    }
    Some(if negative { -v } else { v })
}

/// Calls `f` with the ASCII text of `s[start..end]`, a number found by [`match_number`],
/// copied to the stack when short.
#[inline]
pub fn with_number_text<T: Unit, R>(
    s: &[T],
    start: usize,
    end: usize,
    f: impl FnOnce(&str) -> R,
) -> R {
    let digits = &s[start..end];
    let mut buf = [0u8; 64];
    if let Some(out) = buf.get_mut(..digits.len()) {
        for (b, u) in out.iter_mut().zip(digits) {
            *b = u.cp() as u8;
        }
        if let Ok(text) = std::str::from_utf8(out) {
            return f(text);
        }
    }
    f(&number_text(s, start, end))
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The two-character escape of `c`, if it has one.
#[inline(always)]
fn short_escape(c: u32) -> Option<u8> {
    Some(match c {
        0x5c => b'\\',
        0x22 => b'"',
        0x08 => b'b',
        0x0c => b'f',
        0x0a => b'n',
        0x0d => b'r',
        0x09 => b't',
        _ => return None,
    })
}

#[inline(always)]
fn push_u4<U: Unit>(out: &mut Vec<U>, c: u32) {
    out.extend_from_slice(&[
        U::ascii(b'\\'),
        U::ascii(b'u'),
        U::ascii(HEX[((c >> 12) & 0xf) as usize]),
        U::ascii(HEX[((c >> 8) & 0xf) as usize]),
        U::ascii(HEX[((c >> 4) & 0xf) as usize]),
        U::ascii(HEX[(c & 0xf) as usize]),
    ]);
}

/// The length of each ASCII character's JSON text with `ensure_ascii` (1: itself; 2: a
/// `\\n`-style escape; 6: `\\u00XX`).
const ASCII_LEN: [u8; 128] = {
    let mut t = [1u8; 128];
    let mut c = 0;
    while c < 0x20 {
        t[c] = 6;
        c += 1;
    }
    t[0x7f] = 6;
    t[0x22] = 2;
    t[0x5c] = 2;
    t[0x08] = 2;
    t[0x0c] = 2;
    t[0x0a] = 2;
    t[0x0d] = 2;
    t[0x09] = 2;
    t
};

/// The length of code point `c`'s JSON text with `ensure_ascii`.
#[inline(always)]
fn ascii_len(c: u32) -> usize {
    if c < 0x80 {
        ASCII_LEN[c as usize] as usize
    } else if c < 0x10000 {
        6
    } else {
        12
    }
}

/// Writes `\\uXXXX` for `c` (at most U+FFFF) into `out[..6]`.
#[inline(always)]
fn put_u4<U: Unit>(out: &mut [U], c: u32) {
    out[..6].copy_from_slice(&[
        U::ascii(b'\\'),
        U::ascii(b'u'),
        U::ascii(HEX[((c >> 12) & 0xf) as usize]),
        U::ascii(HEX[((c >> 8) & 0xf) as usize]),
        U::ascii(HEX[((c >> 4) & 0xf) as usize]),
        U::ascii(HEX[(c & 0xf) as usize]),
    ]);
}

/// The length of `encode_basestring_ascii(s)`, quotes included.
pub fn escaped_ascii_len<T: Unit>(s: &[T]) -> usize {
    s.iter().map(|u| ascii_len(u.cp())).sum::<usize>() + 2
}

/// Writes `encode_basestring_ascii(s)` into `out`, which is exactly
/// [`escaped_ascii_len`]`(s)` bytes long (panics otherwise).
pub fn write_escaped_ascii<T: Unit>(s: &[T], out: &mut [u8]) {
    let n = out.len();
    assert!(n >= 2, "output shorter than the quotes");
    out[0] = b'"';
    out[n - 1] = b'"';
    write_escaped_ascii_inner(s, &mut out[1..n - 1]);
}

/// `s` quoted and escaped as `encode_basestring_ascii` does, appended to `out`, for text with
/// few runs of plain ASCII (two-byte and four-byte strings): its length counted first, then
/// every character written in place.
#[inline]
fn escape_ascii_wide<T: Unit, U: Unit>(s: &[T], out: &mut Vec<U>) {
    let n = escaped_ascii_len(s);
    let start = out.len();
    out.resize(start + n, U::ascii(b'"'));
    write_escaped_ascii_inner(s, &mut out[start + 1..start + n - 1]);
}

/// The characters of `s`, escaped for `encode_basestring_ascii`, written over all of `buf`.
#[inline]
fn write_escaped_ascii_inner<T: Unit, U: Unit>(s: &[T], buf: &mut [U]) {
    let mut j = 0;
    for &u in s {
        let c = u.cp();
        if c < 0x80 {
            match ASCII_LEN[c as usize] {
                1 => {
                    buf[j] = U::ascii(c as u8);
                    j += 1;
                }
                2 => {
                    buf[j] = U::ascii(b'\\');
                    buf[j + 1] = U::ascii(short_escape(c).unwrap_or(b'u'));
                    j += 2;
                }
                _ => {
                    put_u4(&mut buf[j..], c);
                    j += 6;
                }
            }
        } else if c < 0x10000 {
            put_u4(&mut buf[j..], c);
            j += 6;
        } else {
            let v = c - 0x10000;
            put_u4(&mut buf[j..], 0xD800 | ((v >> 10) & 0x3ff));
            put_u4(&mut buf[j + 6..], 0xDC00 | (v & 0x3ff));
            j += 12;
        }
    }
}

/// Appends `s` quoted and escaped to `out`, whose width holds every code point of `s`: with
/// `ascii`, as `encode_basestring_ascii` (every character outside printable ASCII escaped,
/// `\n`-style where JSON has one, else `\uXXXX`, a surrogate pair above U+FFFF); without, as
/// `encode_basestring` (only `"`, `\\` and the control characters). Runs of characters kept
/// as they are go over in one copy.
#[inline]
pub(crate) fn escape_into<T: Unit, U: Unit>(s: &[T], out: &mut Vec<U>, ascii: bool) {
    if ascii && std::mem::size_of::<T>() > 1 {
        return escape_ascii_wide(s, out);
    }
    out.reserve(s.len() + 2);
    out.push(U::ascii(b'"'));
    let mut start = 0;
    loop {
        let i = T::find_escape(s, start, ascii);
        extend_units(out, &s[start..i]);
        let Some(&u) = s.get(i) else {
            break;
        };
        let c = u.cp();
        if let Some(e) = short_escape(c) {
            out.extend_from_slice(&[U::ascii(b'\\'), U::ascii(e)]);
        } else if c >= 0x10000 {
            let v = c - 0x10000;
            push_u4(out, 0xD800 | ((v >> 10) & 0x3ff));
            push_u4(out, 0xDC00 | (v & 0x3ff));
        } else {
            push_u4(out, c);
        }
        start = i + 1;
    }
    out.push(U::ascii(b'"'));
}

/// Appends `run` to `out` (whose width holds its code points): short runs one unit at a time
/// (cheaper than a call to `memcpy`), longer ones in one copy.
#[inline(always)]
pub(crate) fn extend_units<T: Unit, U: Unit>(out: &mut Vec<U>, run: &[T]) {
    if run.len() <= 4 {
        for u in run {
            out.push(U::from_cp(u.cp()));
        }
    } else {
        out.extend(run.iter().map(|u| U::from_cp(u.cp())));
    }
}

/// `encode_basestring_ascii`: `s` quoted, every character outside printable ASCII escaped
/// (`\n`-style where JSON has one, else `\uXXXX`, a surrogate pair above U+FFFF), appended to
/// `out`.
pub fn escape_ascii<T: Unit>(s: &[T], out: &mut Vec<u8>) {
    escape_into(s, out, true);
}

/// `encode_basestring`: `s` quoted, with `"`, `\\` and the control characters escaped, every
/// other character kept (so the output has the width of the input), appended to `out`.
pub fn escape<T: Unit>(s: &[T], out: &mut Vec<T>) {
    escape_into(s, out, false);
}

/// Writes the decimal digits of `v` (with a `-` if negative) at the end of `buf`, returning
/// where they start.
pub fn int_text(v: i64, buf: &mut [u8; 20]) -> usize {
    let mut n = v.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    at
}
