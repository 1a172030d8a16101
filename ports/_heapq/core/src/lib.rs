//! The algorithm of CPython's `_heapq`, with no Python types.
//!
//! The port's binding supplies the heap (a Python list) through the [`Heap`] trait. Every
//! comparison may fail and may run code that changes the list, so, exactly where C does, the
//! sift loops re-read the length after each comparison and stop with
//! [`HeapError::SizeChanged`]; items are always addressed by index, never cached. The
//! comparison order is C's (same pairs, same direction, same `heapify` traversal, including the
//! cache-friendly one above 2500 items), so comparisons with side effects observe the same
//! calls in the same order.

#![forbid(unsafe_code)]

/// A heap stored in an indexable, mutable sequence.
pub trait Heap {
    /// A failed comparison (a raised exception).
    type Error;
    /// The current length.
    fn len(&self) -> usize;
    /// Whether the heap is empty now.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// `self[i] < self[j]`. Called with `i, j < len()`; may change the sequence.
    fn less(&mut self, i: usize, j: usize) -> Result<bool, Self::Error>;
    /// Swaps items `i` and `j`; `false` if either is out of range now (never the case when
    /// called by this crate, which re-checks the length first).
    fn swap(&mut self, i: usize, j: usize) -> bool;
}

/// Min-heap (`heappush`, `heappop`, ...) or max-heap (`_heappop_max`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Min,
    Max,
}

/// Why a heap operation stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum HeapError<E> {
    /// A comparison failed.
    Compare(E),
    /// A position past the end (C: `IndexError("index out of range")`).
    IndexOutOfRange,
    /// A comparison changed the heap's length (C: `RuntimeError("list changed size during
    /// iteration")`).
    SizeChanged,
}

/// Whether item `a` must be above item `b` in a heap of `order`.
#[inline(always)]
fn before<H: Heap>(
    heap: &mut H,
    order: Order,
    a: usize,
    b: usize,
) -> Result<bool, HeapError<H::Error>> {
    match order {
        Order::Min => heap.less(a, b),
        Order::Max => heap.less(b, a),
    }
    .map_err(HeapError::Compare)
}

#[inline(always)]
fn swap<H: Heap>(heap: &mut H, a: usize, b: usize) -> Result<(), HeapError<H::Error>> {
    if heap.swap(a, b) {
        Ok(())
    } else {
        Err(HeapError::SizeChanged)
    }
}

/// Moves the item at `pos` up towards `startpos` until its parent is not after it.
pub fn siftdown<H: Heap>(
    heap: &mut H,
    order: Order,
    startpos: usize,
    mut pos: usize,
) -> Result<(), HeapError<H::Error>> {
    let size = heap.len();
    if pos >= size {
        return Err(HeapError::IndexOutOfRange);
    }
    while pos > startpos {
        let parentpos = (pos - 1) >> 1;
        let cmp = before(heap, order, pos, parentpos)?;
        if heap.len() != size {
            return Err(HeapError::SizeChanged);
        }
        if !cmp {
            break;
        }
        swap(heap, parentpos, pos)?;
        pos = parentpos;
    }
    Ok(())
}

/// Moves the item at `pos` down to a leaf along the path of preferred children, then back up
/// to its place (the "bottom-up" sift of CPython's `heapq`).
pub fn siftup<H: Heap>(
    heap: &mut H,
    order: Order,
    mut pos: usize,
) -> Result<(), HeapError<H::Error>> {
    let endpos = heap.len();
    let startpos = pos;
    if pos >= endpos {
        return Err(HeapError::IndexOutOfRange);
    }
    let limit = endpos >> 1;
    while pos < limit {
        let mut childpos = 2 * pos + 1;
        if childpos + 1 < endpos {
            let cmp = before(heap, order, childpos, childpos + 1)?;
            if !cmp {
                childpos += 1;
            }
            if heap.len() != endpos {
                return Err(HeapError::SizeChanged);
            }
        }
        swap(heap, childpos, pos)?;
        pos = childpos;
    }
    siftdown(heap, order, startpos, pos)
}

/// The highest power of two not above `n` (`n >= 1`); 0 for 0.
fn keep_top_bit(n: usize) -> usize {
    if n == 0 {
        0
    } else {
        1 << (usize::BITS - 1 - n.leading_zeros())
    }
}

/// Size above which `heapify` uses the cache-friendly traversal (C's threshold).
pub const CACHE_FRIENDLY_ABOVE: usize = 2500;

/// Turns the sequence into a heap in O(n): bottom-up `siftup` of every node with children.
pub fn heapify<H: Heap>(heap: &mut H, order: Order) -> Result<(), HeapError<H::Error>> {
    let n = heap.len();
    if n > CACHE_FRIENDLY_ABOVE {
        return cache_friendly_heapify(heap, order, n);
    }
    for i in (0..n >> 1).rev() {
        siftup(heap, order, i)?;
    }
    Ok(())
}

/// The same sifts as the plain traversal, reordered so that a parent is sifted right after its
/// second child, while the children are still in cache (C's order, so the same comparisons).
fn cache_friendly_heapify<H: Heap>(
    heap: &mut H,
    order: Order,
    n: usize,
) -> Result<(), HeapError<H::Error>> {
    let m = n >> 1; // first childless node
    let leftmost = keep_top_bit(m + 1) - 1; // leftmost node in the row of m
    let mhalf = m >> 1; // parent of the first childless node
    let sift_run = |heap: &mut H, i: usize| -> Result<(), HeapError<H::Error>> {
        let mut j = i;
        loop {
            siftup(heap, order, j)?;
            if j & 1 == 0 {
                return Ok(());
            }
            j >>= 1;
        }
    };
    for i in (mhalf..leftmost).rev() {
        sift_run(heap, i)?;
    }
    for i in (leftmost..m).rev() {
        sift_run(heap, i)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
