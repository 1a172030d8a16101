//! [`KeyMemo`]: the decoder's memo of object keys (C keeps a dict, `memo`, so that equal keys
//! of one document share one `str`), looked up by the key's code points before any `str` is
//! made: a key seen before costs a hash of its characters and a comparison, with no
//! allocation.
//!
//! Entries sit in one vector in insertion order, the first ones inside the memo (no
//! allocation for most documents). An open-addressing index of them is kept in a
//! small inline array for the first [`SMALL`] keys (most documents have no more distinct keys,
//! and a lookup there touches one byte), then in a growing table.

use crate::Unit;
use smallvec::SmallVec;

/// Entries kept in the memo itself before they spill to the heap.
const INLINE_ENTRIES: usize = 16;
/// Slots of the inline index: a power of two, at least twice [`SMALL`].
const SMALL_SLOTS: usize = 64;
/// Keys indexed inline (the inline index stays at most half full).
const SMALL: usize = SMALL_SLOTS / 2;

/// Object keys by their code points, each with the value made for it (the binding's `str`).
/// The memo does not keep the characters: the caller's `same` compares a key with a value.
///
/// # Invariants
/// - Every entry is indexed once: in `small` (as index + 1, 0 for an empty slot) while there
///   are at most [`SMALL`] entries and `table` is empty, in `table` (likewise, as `u32`)
///   after that.
/// - `table` is empty or a power of two long and at most half full.
#[derive(Debug)]
pub struct KeyMemo<V> {
    entries: SmallVec<[(u64, V); INLINE_ENTRIES]>,
    small: [u8; SMALL_SLOTS],
    table: Vec<u32>,
}

impl<V> Default for KeyMemo<V> {
    fn default() -> Self {
        KeyMemo {
            entries: SmallVec::new(),
            small: [0; SMALL_SLOTS],
            table: Vec::new(),
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

    /// The value memoized for `key`, if any (`same(value, key)` tells whether a memoized
    /// value is `key`'s), and `key`'s hash (for [`KeyMemo::insert`]).
    #[inline]
    pub fn get<T: Unit>(&self, key: &[T], same: impl Fn(&V, &[T]) -> bool) -> (u64, Option<&V>) {
        let h = hash(key);
        if !self.table.is_empty() {
            return (h, self.get_in_table(h, key, same));
        }
        let mut i = h as usize % SMALL_SLOTS;
        loop {
            let n = usize::from(self.small[i]);
            if n == 0 {
                return (h, None);
            }
            let (eh, v) = &self.entries[n - 1];
            if *eh == h && same(v, key) {
                return (h, Some(v));
            }
            i = (i + 1) % SMALL_SLOTS;
        }
    }

    /// [`KeyMemo::get`] once the keys are indexed by `table`.
    #[inline(never)]
    fn get_in_table<T: Unit>(
        &self,
        h: u64,
        key: &[T],
        same: impl Fn(&V, &[T]) -> bool,
    ) -> Option<&V> {
        let mask = self.table.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let n = self.table[i] as usize;
            if n == 0 {
                return None;
            }
            let (eh, v) = &self.entries[n - 1];
            if *eh == h && same(v, key) {
                return Some(v);
            }
            i = (i + 1) & mask;
        }
    }

    /// Memoizes `value` for a key not memoized yet whose hash [`KeyMemo::get`] gave.
    #[inline]
    pub fn insert(&mut self, h: u64, value: V) {
        let n = self.entries.len() + 1;
        if n > SMALL {
            return self.insert_in_table(h, value);
        }
        self.entries.push((h, value));
        let mut i = h as usize % SMALL_SLOTS;
        while self.small[i] != 0 {
            i = (i + 1) % SMALL_SLOTS;
        }
        // `n <= SMALL < 256`.
        self.small[i] = n as u8;
    }

    /// [`KeyMemo::insert`] past the first [`SMALL`] keys: indexed by `table`, made (or
    /// doubled) when it would be more than half full.
    #[inline(never)]
    fn insert_in_table(&mut self, h: u64, value: V) {
        self.entries.push((h, value));
        let n = self.entries.len();
        if n * 2 > self.table.len() {
            let cap = (self.table.len() * 2).max(2 * SMALL_SLOTS);
            self.table = vec![0; cap];
            for k in 0..n {
                self.place(self.entries[k].0, k);
            }
        } else {
            self.place(h, n - 1);
        }
    }

    /// Indexes entry `index` (hash `h`) in `table`.
    fn place(&mut self, h: u64, index: usize) {
        let mask = self.table.len() - 1;
        let mut i = h as usize & mask;
        while self.table[i] != 0 {
            i = (i + 1) & mask;
        }
        self.table[i] = index as u32 + 1;
    }

    /// The number of keys memoized.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no key is memoized.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
