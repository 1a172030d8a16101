//! [`Out`]: the encoder's output, text in the narrowest width that holds what was written
//! (C's `_PyUnicodeWriter`), built for many small writes.
//!
//! Its storage ([`Buf`]) is initialised up to its capacity, and only a prefix counts as
//! written: a write first makes sure of enough room (one comparison), then stores into the
//! room past the written text, possibly more than it keeps (a separator of up to eight
//! characters, a run of eight characters, a number's digits are stored whole and the length
//! advanced by what counts), which spares the capacity checks of `Vec::push` and the calls to
//! `memcpy` for short copies.

use crate::Unit;

/// Code units, the first `len` of them written; `data` is initialised to its full length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Buf<U> {
    data: Vec<U>,
    len: usize,
}

impl<U: Unit> Buf<U> {
    fn with_capacity(n: usize) -> Self {
        Buf {
            data: vec![U::ascii(0); n],
            len: 0,
        }
    }

    /// The room past the written text, at least `n` units long.
    #[inline(always)]
    fn room(&mut self, n: usize) -> &mut [U] {
        if self.data.len() - self.len < n {
            self.grow(n);
        }
        &mut self.data[self.len..]
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self, n: usize) {
        let want = (self.len + n).max(self.data.len() * 2).max(64);
        self.data.resize(want, U::ascii(0));
    }

    /// What was written.
    #[inline]
    pub fn as_slice(&self) -> &[U] {
        &self.data[..self.len]
    }

    /// The same text in a wider unit, with room for `extra` more.
    fn widened<V: Unit>(&self, extra: usize) -> Buf<V> {
        let mut data = Vec::with_capacity((self.len + extra).max(self.data.len()));
        data.extend(self.as_slice().iter().map(|u| V::from_cp(u.cp())));
        data.resize(data.capacity(), V::ascii(0));
        Buf {
            data,
            len: self.len,
        }
    }

    /// Appends units whose code points fit `U`.
    #[inline(always)]
    fn push<T: Unit>(&mut self, text: &[T]) {
        let room = self.room(text.len());
        for (o, u) in room[..text.len()].iter_mut().zip(text) {
            *o = U::from_cp(u.cp());
        }
        self.len += text.len();
    }
}

/// A separator or indent: short ASCII text (up to eight characters, the usual `", "`, `": "`,
/// `","`, `":"`) kept as eight bytes stored at once, anything else as its code points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Short([u8; 8], usize),
    Long(Vec<u32>),
}

impl Piece {
    /// The piece holding `text`'s code points.
    pub fn new<T: Unit>(text: &[T]) -> Piece {
        if text.len() <= 8 && text.iter().all(|u| u.cp() < 0x80) {
            let mut b = [0u8; 8];
            for (o, u) in b.iter_mut().zip(text) {
                *o = u.cp() as u8;
            }
            Piece::Short(b, text.len())
        } else {
            Piece::Long(text.iter().map(|u| u.cp()).collect())
        }
    }
}

/// The escape letter of each ASCII character for `encode_basestring` (0: kept as it is;
/// `u`: `\u00XX`), and the same with `ensure_ascii` (U+007F escaped too).
static ESC: [u8; 128] = esc_table(false);
static ESC_ASCII: [u8; 128] = esc_table(true);

const fn esc_table(ascii: bool) -> [u8; 128] {
    let mut t = [0u8; 128];
    let mut c = 0;
    while c < 0x20 {
        t[c] = b'u';
        c += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[0x22] = b'"';
    t[0x5c] = b'\\';
    if ascii {
        t[0x7f] = b'u';
    }
    t
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Stores `\uXXXX` for `c` (at most U+FFFF) at `room[j..j + 6]`.
#[inline(always)]
fn put_u4<U: Unit>(room: &mut [U], j: usize, c: u32) {
    room[j..j + 6].copy_from_slice(&[
        U::ascii(b'\\'),
        U::ascii(b'u'),
        U::ascii(HEX[((c >> 12) & 0xf) as usize]),
        U::ascii(HEX[((c >> 8) & 0xf) as usize]),
        U::ascii(HEX[((c >> 4) & 0xf) as usize]),
        U::ascii(HEX[(c & 0xf) as usize]),
    ]);
}

/// Stores the escape of `c` (a character that needs one) at `room[j..]`, returning its length.
#[inline(always)]
fn put_escape<const ASCII: bool, U: Unit>(room: &mut [U], j: usize, c: u32) -> usize {
    if c < 0x80 {
        let e = if ASCII { ESC_ASCII } else { ESC }[c as usize];
        if e != b'u' {
            room[j] = U::ascii(b'\\');
            room[j + 1] = U::ascii(e);
            return 2;
        }
        put_u4(room, j, c);
        6
    } else if c < 0x10000 {
        put_u4(room, j, c);
        6
    } else {
        let v = c - 0x10000;
        put_u4(room, j, 0xD800 | ((v >> 10) & 0x3ff));
        put_u4(room, j + 6, 0xDC00 | (v & 0x3ff));
        12
    }
}

/// Whether character `c` is kept as it is.
#[inline(always)]
fn plain<const ASCII: bool>(c: u32) -> bool {
    if c < 0x80 {
        (if ASCII { ESC_ASCII } else { ESC })[c as usize] == 0
    } else {
        !ASCII
    }
}

/// A mask of the low `r` bytes of a word (`1 <= r <= 8`): the bytes of a final, partial word
/// that belong to the text.
#[inline(always)]
fn low_bytes(r: usize) -> u64 {
    if r == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * r)) - 1
    }
}

/// Bytes of `w` that need an escape, as the high bit of each such byte; the lowest bit set is
/// exactly the first such byte (borrows and carries only reach bytes above a true hit).
#[inline(always)]
fn swar_hits<const ASCII: bool>(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut hit = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    hit |= zero(w ^ (ONES * 0x22)) | zero(w ^ (ONES * 0x5c));
    if ASCII {
        hit |= (w | w.wrapping_add(ONES)) & HIGH;
    }
    hit
}

/// The first (up to) eight units of `s` (one byte each) as the low bytes of a word, zeros
/// above: two overlapping loads at most.
#[inline(always)]
fn load8<T: Unit>(s: &[T]) -> u64 {
    let b = |k: usize| u64::from(s[k].cp() as u8);
    let n = s.len();
    if n >= 8 {
        let mut w = 0;
        for k in 0..8 {
            w |= b(k) << (8 * k);
        }
        w
    } else if n >= 4 {
        let lo = b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24;
        let hi = b(n - 4) | b(n - 3) << 8 | b(n - 2) << 16 | b(n - 1) << 24;
        lo | hi << (8 * (n - 4))
    } else if n >= 2 {
        let lo = b(0) | b(1) << 8;
        let hi = b(n - 2) | b(n - 1) << 8;
        lo | hi << (8 * (n - 2))
    } else if n == 1 {
        b(0)
    } else {
        0
    }
}

/// The first (up to) eight bytes of `s` as the low bytes of a word, zeros above: one load,
/// or two that overlap.
#[inline(always)]
fn load_le(s: &[u8]) -> u64 {
    let n = s.len();
    if let Some(a) = s.first_chunk::<8>() {
        u64::from_le_bytes(*a)
    } else if let (Some(lo), Some(hi)) = (s.first_chunk::<4>(), s.last_chunk::<4>()) {
        u64::from(u32::from_le_bytes(*lo)) | u64::from(u32::from_le_bytes(*hi)) << (8 * (n - 4))
    } else if let (Some(lo), Some(hi)) = (s.first_chunk::<2>(), s.last_chunk::<2>()) {
        u64::from(u16::from_le_bytes(*lo)) | u64::from(u16::from_le_bytes(*hi)) << (8 * (n - 2))
    } else {
        s.first().map_or(0, |&b| u64::from(b))
    }
}

impl Buf<u8> {
    /// [`escape_into_room`] for Latin-1 text into Latin-1 storage, with whole-word loads and
    /// stores.
    #[inline(always)]
    fn escaped_bytes<const ASCII: bool>(&mut self, s: &[u8]) {
        let room = self.room(s.len() * 6 + 2 + SLACK);
        room[0] = b'"';
        let mut j = 1;
        let mut i = 0;
        while let Some(chunk) = s[i..].first_chunk::<CHUNK>() {
            let any = chunk
                .iter()
                .fold(false, |a, &c| a | needs_escape::<ASCII>(u32::from(c)));
            room[j..j + CHUNK].copy_from_slice(chunk);
            if !any {
                i += CHUNK;
                j += CHUNK;
                continue;
            }
            for &c in chunk {
                if plain::<ASCII>(u32::from(c)) {
                    room[j] = c;
                    j += 1;
                } else {
                    j += put_escape::<ASCII, u8>(room, j, u32::from(c));
                }
            }
            i += CHUNK;
        }
        while i < s.len() {
            let rest = &s[i..];
            let r = rest.len().min(8);
            let w = load_le(rest);
            let valid = low_bytes(r);
            let hit = swar_hits::<ASCII>(w) & valid;
            room[j..j + 8].copy_from_slice(&w.to_le_bytes());
            if hit == 0 {
                i += r;
                j += r;
                continue;
            }
            let k = (hit.trailing_zeros() / 8) as usize;
            j += k;
            j += put_escape::<ASCII, u8>(room, j, u32::from(rest[k]));
            i += k + 1;
        }
        room[j] = b'"';
        self.len += j + 1;
    }
}

/// Whether character `c` needs an escape.
#[inline(always)]
fn needs_escape<const ASCII: bool>(c: u32) -> bool {
    (c < 0x20) | (c == 0x22) | (c == 0x5c) | (ASCII & (c >= 0x7f))
}

/// Units checked and copied together.
const CHUNK: usize = 16;

/// Room past the worst case that the whole-chunk stores may touch.
const SLACK: usize = CHUNK;

/// Stores `s` quoted and escaped at the start of `room` (at least [`worst`] long), returning
/// the length written.
#[inline(always)]
fn escape_into_room<const ASCII: bool, T: Unit, U: Unit>(s: &[T], room: &mut [U]) -> usize {
    room[0] = U::ascii(b'"');
    let mut j = 1;
    let mut i = 0;
    // Sixteen characters at a time: checked together (the compiler's vector code), stored
    // whole, the length advanced past them when none needs an escape; otherwise the rest of
    // the sixteen one by one.
    while let Some(chunk) = s[i..].first_chunk::<CHUNK>() {
        // Bitwise, not short-circuit, so that the sixteen are tested at once.
        let any = chunk
            .iter()
            .fold(false, |a, u| a | needs_escape::<ASCII>(u.cp()));
        for (o, u) in room[j..j + CHUNK].iter_mut().zip(chunk) {
            *o = U::from_cp(u.cp());
        }
        if !any {
            i += CHUNK;
            j += CHUNK;
            continue;
        }
        for u in chunk {
            let c = u.cp();
            if plain::<ASCII>(c) {
                room[j] = U::from_cp(c);
                j += 1;
            } else {
                j += put_escape::<ASCII, U>(room, j, c);
            }
        }
        i += CHUNK;
    }
    if std::mem::size_of::<T>() == 1 {
        // The rest (under sixteen) eight at a time as one word, through loads that overlap
        // rather than byte by byte.
        while i < s.len() {
            let rest = &s[i..];
            let r = rest.len().min(8);
            let w = load8(rest);
            let valid = low_bytes(r);
            let hit = swar_hits::<ASCII>(w) & valid;
            for (k, o) in room[j..j + 8].iter_mut().enumerate() {
                *o = U::ascii((w >> (8 * k)) as u8);
            }
            if hit == 0 {
                i += r;
                j += r;
                continue;
            }
            let k = (hit.trailing_zeros() / 8) as usize;
            j += k;
            j += put_escape::<ASCII, U>(room, j, rest[k].cp());
            i += k + 1;
        }
    } else {
        for &u in &s[i..] {
            let c = u.cp();
            if plain::<ASCII>(c) {
                room[j] = U::from_cp(c);
                j += 1;
            } else {
                j += put_escape::<ASCII, U>(room, j, c);
            }
        }
    }
    room[j] = U::ascii(b'"');
    j + 1
}

/// The most units the escaped and quoted form of `s` can take, with the slack of the whole
/// chunk stores.
#[inline(always)]
fn worst<const ASCII: bool, T: Unit>(s: &[T]) -> usize {
    let per = if ASCII && std::mem::size_of::<T>() == 4 {
        12
    } else {
        6
    };
    s.len() * per + 2 + SLACK
}

/// The encoder's output (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Out {
    Latin1(Buf<u8>),
    Ucs2(Buf<u16>),
    Ucs4(Buf<u32>),
}

impl Default for Out {
    fn default() -> Self {
        Out::new()
    }
}

/// The decimal digits of 0..100, two by two.
static DIGITS2: [u8; 200] = {
    let mut t = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        t[2 * i] = b'0' + (i / 10) as u8;
        t[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    t
};

/// The decimal text of `v` at the end of `buf`, returning where it starts.
#[inline(always)]
fn int_digits(v: i64, buf: &mut [u8; 20]) -> usize {
    let mut n = v.unsigned_abs();
    let mut at = 20;
    while n >= 100 {
        let d = (n % 100) as usize * 2;
        n /= 100;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&DIGITS2[d..d + 2]);
    }
    if n >= 10 {
        let d = n as usize * 2;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&DIGITS2[d..d + 2]);
    } else {
        at -= 1;
        buf[at] = b'0' + n as u8;
    }
    if v < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    at
}

impl Out {
    /// An empty output (Latin-1) with room for a first few hundred characters.
    pub fn new() -> Out {
        Out::Latin1(Buf::with_capacity(256))
    }

    /// An empty output (Latin-1) in `storage`, whatever it holds (see [`Out::into_storage`]).
    pub fn with_storage(storage: Vec<u8>) -> Out {
        if storage.len() < 256 {
            return Out::new();
        }
        Out::Latin1(Buf {
            data: storage,
            len: 0,
        })
    }

    /// The storage of a Latin-1 output, initialised to its full length, for another output
    /// ([`Out::with_storage`]): the room a previous text needed is there at once, with no
    /// allocation, zeroing or copy as it grows.
    pub fn into_storage(self) -> Option<Vec<u8>> {
        match self {
            Out::Latin1(b) => Some(b.data),
            _ => None,
        }
    }

    /// Widens the storage to `width` bytes a unit (never narrows), keeping room for `extra`.
    #[cold]
    #[inline(never)]
    fn widen(&mut self, width: usize, extra: usize) {
        let new = match (&*self, width) {
            (Out::Latin1(b), 2) => Out::Ucs2(b.widened(extra)),
            (Out::Latin1(b), 4) => Out::Ucs4(b.widened(extra)),
            (Out::Ucs2(b), 4) => Out::Ucs4(b.widened(extra)),
            _ => return,
        };
        *self = new;
    }

    /// Bytes per unit of the storage.
    #[inline(always)]
    fn width(&self) -> usize {
        match self {
            Out::Latin1(_) => 1,
            Out::Ucs2(_) => 2,
            Out::Ucs4(_) => 4,
        }
    }

    /// Appends ASCII text.
    #[inline(always)]
    pub fn ascii(&mut self, text: &[u8]) {
        match self {
            Out::Latin1(b) => b.push(text),
            Out::Ucs2(b) => b.push(text),
            Out::Ucs4(b) => b.push(text),
        }
    }

    /// Appends one ASCII character.
    #[inline(always)]
    pub fn byte(&mut self, c: u8) {
        match self {
            Out::Latin1(b) => {
                b.room(1)[0] = c;
                b.len += 1;
            }
            Out::Ucs2(b) => b.push(&[c]),
            Out::Ucs4(b) => b.push(&[c]),
        }
    }

    /// Appends code units of any width (the storage widened to theirs if narrower: a `str`'s
    /// width is the narrowest for its characters, so they need it).
    #[inline]
    pub fn push<T: Unit>(&mut self, text: &[T]) {
        if std::mem::size_of::<T>() > self.width() {
            self.widen(std::mem::size_of::<T>(), text.len());
        }
        match self {
            Out::Latin1(b) => b.push(text),
            Out::Ucs2(b) => b.push(text),
            Out::Ucs4(b) => b.push(text),
        }
    }

    /// Appends a separator or indent.
    #[inline(always)]
    pub fn piece(&mut self, p: &Piece) {
        match (self, p) {
            (Out::Latin1(b), Piece::Short(bytes, n)) => {
                b.room(8)[..8].copy_from_slice(bytes);
                b.len += n;
            }
            (out, Piece::Short(bytes, n)) => out.ascii(&bytes[..*n]),
            (out, Piece::Long(v)) => out.push_long(v),
        }
    }

    #[cold]
    fn push_long(&mut self, v: &[u32]) {
        let max = v.iter().copied().max().unwrap_or(0);
        let width = if max > 0xffff {
            4
        } else if max > 0xff {
            2
        } else {
            1
        };
        if width > self.width() {
            self.widen(width, v.len());
        }
        match self {
            Out::Latin1(b) => b.push(v),
            Out::Ucs2(b) => b.push(v),
            Out::Ucs4(b) => b.push(v),
        }
    }

    /// Appends the decimal text of `v`.
    #[inline]
    pub fn int(&mut self, v: i64) {
        let mut buf = [0u8; 20];
        let at = int_digits(v, &mut buf);
        match self {
            Out::Latin1(b) => {
                // The twenty bytes stored whole from the first digit on (a window of a
                // forty-byte copy), the length advanced by the digits.
                let mut wide = [0u8; 40];
                wide[..20].copy_from_slice(&buf);
                b.room(20)[..20].copy_from_slice(&wide[at..at + 20]);
                b.len += 20 - at;
            }
            out => out.ascii(&buf[at..]),
        }
    }

    /// Appends `float.__repr__` of the finite double `v`.
    #[inline]
    pub fn float(&mut self, v: f64) {
        match self {
            Out::Latin1(b) => {
                let room = b.room(crate::FLOAT_REPR_MAX);
                let room: &mut [u8; crate::FLOAT_REPR_MAX] =
                    match (&mut room[..crate::FLOAT_REPR_MAX]).try_into() {
                        Ok(r) => r,
                        Err(_) => unreachable!("room holds FLOAT_REPR_MAX"),
                    };
                let n = crate::float_repr(v, room);
                b.len += n;
            }
            out => {
                let mut buf = [0u8; crate::FLOAT_REPR_MAX];
                let n = crate::float_repr(v, &mut buf);
                out.ascii(&buf[..n]);
            }
        }
    }

    /// Appends `s` quoted and escaped: with `ascii` as `encode_basestring_ascii` (the
    /// storage stays as it is), else as `encode_basestring` (widened to `s`'s width).
    #[inline]
    pub fn escaped<T: Unit>(&mut self, s: &[T], ascii: bool) {
        if let (Some(bytes), Out::Latin1(b)) = (T::bytes(s), &mut *self) {
            if ascii {
                b.escaped_bytes::<true>(bytes);
            } else {
                b.escaped_bytes::<false>(bytes);
            }
            return;
        }
        self.escaped_wide(s, ascii);
    }

    #[inline(never)]
    fn escaped_wide<T: Unit>(&mut self, s: &[T], ascii: bool) {
        if ascii {
            self.escaped_as::<true, T>(s);
        } else {
            if std::mem::size_of::<T>() > self.width() {
                self.widen(std::mem::size_of::<T>(), s.len());
            }
            self.escaped_as::<false, T>(s);
        }
    }

    #[inline(always)]
    fn escaped_as<const ASCII: bool, T: Unit>(&mut self, s: &[T]) {
        let n = worst::<ASCII, T>(s);
        match self {
            Out::Latin1(b) => b.len += escape_into_room::<ASCII, T, u8>(s, b.room(n)),
            Out::Ucs2(b) => b.len += escape_into_room::<ASCII, T, u16>(s, b.room(n)),
            Out::Ucs4(b) => b.len += escape_into_room::<ASCII, T, u32>(s, b.room(n)),
        }
    }

    /// The number of units written.
    pub fn len(&self) -> usize {
        match self {
            Out::Latin1(b) => b.len,
            Out::Ucs2(b) => b.len,
            Out::Ucs4(b) => b.len,
        }
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every code point written, in order.
    pub fn code_points(&self) -> Vec<u32> {
        match self {
            Out::Latin1(b) => b.as_slice().iter().map(|&c| u32::from(c)).collect(),
            Out::Ucs2(b) => b.as_slice().iter().map(|&c| u32::from(c)).collect(),
            Out::Ucs4(b) => b.as_slice().to_vec(),
        }
    }
}
