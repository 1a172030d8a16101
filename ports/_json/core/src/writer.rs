//! [`Writer`]: decoded text accumulated in the narrowest width holding every code point
//! written so far (C's `_PyUnicodeWriter`). It keeps the storage of every width when cleared,
//! so one writer serves all the strings of a document without allocating again.

use crate::{escape_into, extend_units, Unit};

/// The storage width in use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Width {
    #[default]
    One,
    Two,
    Four,
}

/// Text in the narrowest width that holds it.
///
/// # Invariants
/// The text is the vector of the current `width`; the others hold nothing meaningful (their
/// storage is kept for later texts).
#[derive(Debug, Clone, Default)]
pub struct Writer {
    width: Width,
    b1: Vec<u8>,
    b2: Vec<u16>,
    b4: Vec<u32>,
}

/// A writer's text, borrowed in its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Units<'a> {
    Latin1(&'a [u8]),
    Ucs2(&'a [u16]),
    Ucs4(&'a [u32]),
}

impl PartialEq for Writer {
    fn eq(&self, other: &Writer) -> bool {
        self.units() == other.units()
    }
}

impl Eq for Writer {}

impl From<Units<'_>> for Writer {
    fn from(u: Units<'_>) -> Writer {
        let mut w = Writer::new();
        match u {
            Units::Latin1(v) => w.b1.extend_from_slice(v),
            Units::Ucs2(v) => {
                w.width = Width::Two;
                w.b2.extend_from_slice(v);
            }
            Units::Ucs4(v) => {
                w.width = Width::Four;
                w.b4.extend_from_slice(v);
            }
        }
        w
    }
}

impl Writer {
    /// An empty writer (no storage yet).
    pub fn new() -> Writer {
        Writer::default()
    }

    /// Empties the writer, back to one byte per code point, keeping its storage.
    #[inline]
    pub fn clear(&mut self) {
        self.width = Width::One;
        self.b1.clear();
    }

    /// Reserves room for `n` more code units in the current width.
    #[inline]
    pub fn reserve(&mut self, n: usize) {
        match self.width {
            Width::One => self.b1.reserve(n),
            Width::Two => self.b2.reserve(n),
            Width::Four => self.b4.reserve(n),
        }
    }

    /// The text, in its width.
    #[inline]
    pub fn units(&self) -> Units<'_> {
        match self.width {
            Width::One => Units::Latin1(&self.b1),
            Width::Two => Units::Ucs2(&self.b2),
            Width::Four => Units::Ucs4(&self.b4),
        }
    }

    /// Bytes per code unit of the current storage.
    #[inline]
    fn bytes_per_unit(&self) -> usize {
        match self.width {
            Width::One => 1,
            Width::Two => 2,
            Width::Four => 4,
        }
    }

    /// Moves the text to a width where code point `max` fits.
    fn widen(&mut self, max: u32) {
        match self.width {
            Width::One if max > 0xffff => {
                self.b4.clear();
                self.b4.extend(self.b1.iter().map(|&b| u32::from(b)));
                self.width = Width::Four;
            }
            Width::One if max > 0xff => {
                self.b2.clear();
                self.b2.extend(self.b1.iter().map(|&b| u16::from(b)));
                self.width = Width::Two;
            }
            Width::Two if max > 0xffff => {
                self.b4.clear();
                self.b4.extend(self.b2.iter().map(|&b| u32::from(b)));
                self.width = Width::Four;
            }
            _ => {}
        }
    }

    /// Appends ASCII text.
    #[inline]
    pub fn push_ascii(&mut self, text: &[u8]) {
        self.push(text);
    }

    /// Appends code units of any width.
    #[inline(always)]
    pub fn push<T: Unit>(&mut self, text: &[T]) {
        if std::mem::size_of::<T>() > self.bytes_per_unit() {
            // Whether any is too wide, tested all at once; the widest only then.
            let limit = if self.width == Width::One {
                0xff
            } else {
                0xffff
            };
            if text.iter().fold(false, |a, u| a | (u.cp() > limit)) {
                let max = text.iter().map(|u| u.cp()).max().unwrap_or(0);
                self.widen(max);
            }
        }
        match self.width {
            Width::One => extend_units(&mut self.b1, text),
            Width::Two => extend_units(&mut self.b2, text),
            Width::Four => extend_units(&mut self.b4, text),
        }
    }

    /// Appends one code point.
    #[inline]
    pub fn push_char(&mut self, c: u32) {
        match self.width {
            Width::One if c < 0x100 => self.b1.push(c as u8),
            Width::Two if c < 0x10000 => self.b2.push(c as u16),
            Width::Four => self.b4.push(c),
            _ => {
                self.widen(c);
                self.push_char(c);
            }
        }
    }

    /// Every code point written, in order.
    pub fn code_points(&self) -> Vec<u32> {
        match self.units() {
            Units::Latin1(v) => v.iter().map(|&c| u32::from(c)).collect(),
            Units::Ucs2(v) => v.iter().map(|&c| u32::from(c)).collect(),
            Units::Ucs4(v) => v.to_vec(),
        }
    }

    /// Appends `s` escaped as [`crate::escape`] does.
    #[inline]
    pub fn push_escaped<T: Unit>(&mut self, s: &[T]) {
        if std::mem::size_of::<T>() > self.bytes_per_unit() {
            let max = s.iter().map(|u| u.cp()).max().unwrap_or(0);
            self.widen(max);
        }
        match self.width {
            Width::One => escape_into(s, &mut self.b1, false),
            Width::Two => escape_into(s, &mut self.b2, false),
            Width::Four => escape_into(s, &mut self.b4, false),
        }
    }

    /// Appends `s` escaped as [`crate::escape_ascii`] does.
    #[inline]
    pub fn push_escaped_ascii<T: Unit>(&mut self, s: &[T]) {
        match self.width {
            Width::One => escape_into(s, &mut self.b1, true),
            Width::Two => escape_into(s, &mut self.b2, true),
            Width::Four => escape_into(s, &mut self.b4, true),
        }
    }

    /// Appends what `other` holds.
    #[inline]
    pub fn append(&mut self, other: &Writer) {
        match other.units() {
            Units::Latin1(v) => self.push(v),
            Units::Ucs2(v) => self.push(v),
            Units::Ucs4(v) => self.push(v),
        }
    }

    /// The number of code points written.
    pub fn len(&self) -> usize {
        match self.units() {
            Units::Latin1(v) => v.len(),
            Units::Ucs2(v) => v.len(),
            Units::Ucs4(v) => v.len(),
        }
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
