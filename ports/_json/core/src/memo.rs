//! [`KeyMemo`]: the decoder's memo of object keys (C keeps a dict, `memo`, so that equal keys
//! of one document share one `str`), looked up by the key's code points before any `str` is
//! made: a key seen before costs a hash of its characters and a comparison, with no
//! allocation. The first keys are kept inline (no allocation at all for small documents);
//! past them, an open-addressing table indexes every key.

use crate::Unit;

/// Keys kept inline and searched one by one.
const INLINE: usize = 16;

/// Object keys by their code points, each with the value made for it (the binding's `str`).
/// The memo does not keep the characters: the caller's `same` compares a key with a value.
#[derive(Debug)]
pub struct KeyMemo<V> {
    inline: [(u64, Option<V>); INLINE],
    more: Vec<(u64, V)>,
    /// Once past the inline keys: index + 1 of every key (inline first, then `more`), 0 for
    /// an empty slot; a power of two long.
    slots: Vec<u32>,
    len: usize,
}

impl<V> Default for KeyMemo<V> {
    fn default() -> Self {
        KeyMemo {
            inline: std::array::from_fn(|_| (0, None)),
            more: Vec::new(),
            slots: Vec::new(),
            len: 0,
        }
    }
}

/// The hash of a key's code points (the same for equal keys of any width).
#[inline]
fn hash<T: Unit>(key: &[T]) -> u64 {
    let mut h = key.len() as u64;
    for u in key {
        h = (h.rotate_left(5) ^ u64::from(u.cp())).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    h ^ (h >> 29)
}

impl<V> KeyMemo<V> {
    /// An empty memo.
    pub fn new() -> Self {
        Self::default()
    }

    #[inline]
    fn entry(&self, i: usize) -> (u64, Option<&V>) {
        match self.inline.get(i) {
            Some((h, v)) => (*h, v.as_ref()),
            None => {
                let (h, v) = &self.more[i - INLINE];
                (*h, Some(v))
            }
        }
    }

    /// The value memoized for `key`, if any (`same(value, key)` tells whether a memoized
    /// value is `key`'s), and `key`'s hash (for [`KeyMemo::insert`]).
    #[inline]
    pub fn get<T: Unit>(&self, key: &[T], same: impl Fn(&V, &[T]) -> bool) -> (u64, Option<&V>) {
        let h = hash(key);
        if self.slots.is_empty() {
            for (eh, v) in &self.inline[..self.len.min(INLINE)] {
                if let Some(v) = v {
                    if *eh == h && same(v, key) {
                        return (h, Some(v));
                    }
                }
            }
            return (h, None);
        }
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return (h, None);
            }
            if let (eh, Some(v)) = self.entry(slot as usize - 1) {
                if eh == h && same(v, key) {
                    return (h, Some(v));
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Memoizes `value` for a key not memoized yet whose hash [`KeyMemo::get`] gave.
    pub fn insert(&mut self, h: u64, value: V) {
        if self.len < INLINE {
            self.inline[self.len] = (h, Some(value));
        } else {
            self.more.push((h, value));
        }
        self.len += 1;
        if self.len > INLINE {
            if self.len * 2 > self.slots.len() {
                let cap = (self.slots.len() * 2).max(4 * INLINE);
                self.slots = vec![0; cap];
                for n in 0..self.len {
                    let eh = self.entry(n).0;
                    self.place(eh, n);
                }
            } else {
                self.place(h, self.len - 1);
            }
        }
    }

    fn place(&mut self, h: u64, index: usize) {
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = index as u32 + 1;
    }

    /// The number of keys memoized.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no key is memoized.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}
