//! Helpers shared by the base32 / base85 / Ascii85 codecs (3.15): the set of
//! `ignorechars`, the line layout of `wrapcol`, and the "too much data" check.

use crate::simd::Writer;
use crate::Error;

/// A set of bytes (`ignorechars`), one bit per byte value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByteSet([u64; 4]);

impl ByteSet {
    /// The set of the bytes of `bytes` (repeats do not matter).
    pub fn new(bytes: &[u8]) -> ByteSet {
        let mut s = [0u64; 4];
        for &b in bytes {
            s[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        ByteSet(s)
    }

    /// Whether `b` is in the set.
    #[inline(always)]
    pub fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }
}

/// The length of `len` output characters once split into lines of `width`
/// characters (`width == 0`: no splitting): one newline between lines, none
/// after the last. `len` is at most `isize::MAX`, so the sum cannot overflow.
#[inline]
pub(crate) fn wrapped_len(len: usize, width: usize) -> usize {
    if width == 0 || len == 0 {
        len
    } else {
        len + (len - 1) / width
    }
}

/// CPython refuses outputs longer than `PY_SSIZE_T_MAX` bytes.
#[inline]
pub(crate) fn check_size(len: Option<usize>, what: &'static str) -> Result<usize, Error> {
    match len {
        Some(n) if n <= isize::MAX as usize => Ok(n),
        _ => Err(Error::binascii(what)),
    }
}

/// A writer that splits what it writes into lines of `width` characters
/// (`width > 0`): a newline goes before a character that would start a new
/// line, so the output never ends with one.
pub(crate) struct LineWriter<'o> {
    pub(crate) w: Writer<'o>,
    col: usize,
    width: usize,
}

impl<'o> LineWriter<'o> {
    pub(crate) fn new(w: Writer<'o>, width: usize) -> Self {
        debug_assert!(width > 0);
        LineWriter { w, col: 0, width }
    }

    /// Appends `s`, breaking lines where they reach the width.
    #[inline]
    pub(crate) fn push_slice(&mut self, mut s: &[u8]) {
        while !s.is_empty() {
            if self.col == self.width {
                self.w.push(b'\n');
                self.col = 0;
            }
            let n = s.len().min(self.width - self.col);
            self.w.push_slice(&s[..n]);
            self.col += n;
            s = &s[n..];
        }
    }

    /// The column of the next character (0 only before anything was written).
    #[inline]
    pub(crate) fn col(&self) -> usize {
        self.col
    }

    /// The width of a line.
    #[inline]
    pub(crate) fn width(&self) -> usize {
        self.width
    }

    /// Starts a new line now.
    #[inline]
    pub(crate) fn newline(&mut self) {
        self.w.push(b'\n');
        self.col = 0;
    }

    pub(crate) fn finish(self) -> &'o [u8] {
        self.w.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_set() {
        let s = ByteSet::new(b"\x00 =\xff\xff");
        for b in 0..=255u8 {
            assert_eq!(s.contains(b), matches!(b, 0 | b' ' | b'=' | 0xff), "{b}");
        }
        assert!((0..=255).all(|b| !ByteSet::new(b"").contains(b)));
    }

    #[test]
    fn wrapped_lengths() {
        assert_eq!(wrapped_len(0, 3), 0);
        assert_eq!(wrapped_len(3, 3), 3);
        assert_eq!(wrapped_len(4, 3), 5);
        assert_eq!(wrapped_len(7, 0), 7);
        assert_eq!(wrapped_len(usize::MAX / 2, 1), usize::MAX - 2);
        assert_eq!(
            check_size(Some(isize::MAX as usize), "x"),
            Ok(isize::MAX as usize)
        );
        assert_eq!(
            check_size(Some(isize::MAX as usize + 1), "x"),
            Err(Error::binascii("x"))
        );
        assert_eq!(check_size(None, "x"), Err(Error::binascii("x")));
    }
}
