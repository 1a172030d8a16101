//! The algorithm of CPython's `_heapq`, with no Python types.
//!
//! The port's binding supplies the heap (a Python list) through the [`Heap`] trait (compare and
//! swap items in place, enough for the sifts and [`heapify`]) and [`HeapStore`] (put items in and
//! take them out, for [`push`], [`pop`], [`replace`] and [`pushpop`]). Every operation takes the
//! heap's [`Order`]: one implementation serves the min-heap functions and their max-heap
//! variants, which compare the same pairs with the operands swapped. Every
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

/// A [`Heap`] whose items can be added and taken out, for [`push`], [`pop`], [`replace`] and
/// [`pushpop`].
pub trait HeapStore: Heap {
    /// An item handed in by the caller (the binding: a borrowed reference).
    type Item: Copy;
    /// An item held outside the heap (the binding: a new reference).
    type Held;
    /// `item` as a value held outside the heap.
    fn hold(item: Self::Item) -> Self::Held;
    /// Appends `item`.
    fn push(&mut self, item: Self::Item) -> Result<(), Self::Error>;
    /// Removes the last item and returns it; `Ok(None)` if the heap is empty.
    fn pop_last(&mut self) -> Result<Option<Self::Held>, Self::Error>;
    /// Stores `item` at position 0 and returns the item it replaces; `None` (and `item`
    /// dropped) if the heap is empty now.
    fn replace_top(&mut self, item: Self::Held) -> Option<Self::Held>;
    /// `self[0] < item` (`top_first`) or `item < self[0]`; `None` if the heap is empty now. May
    /// change the heap.
    fn compare_top(
        &mut self,
        item: Self::Item,
        top_first: bool,
    ) -> Option<Result<bool, Self::Error>>;
}

/// Min-heap (`heappush`, `heappop`, ...) or max-heap (`heappush_max`, `heappop_max`, ...; the
/// private `_heappop_max`, `_heapreplace_max` and `_heapify_max` before 3.14).
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
    /// Adding or taking out an item failed (C: the error of `PyList_Append` or of deleting the
    /// last item).
    Store(E),
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
    if pos == startpos {
        // No leaf below (a heap of one item, or `pos` a leaf): nothing ran since the length
        // check above, so siftdown would find nothing to do either.
        return Ok(());
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

/// Appends `item` and sifts it up to its place (`heappush`, `heappush_max`).
#[inline(always)]
pub fn push<H: HeapStore>(
    heap: &mut H,
    order: Order,
    item: H::Item,
) -> Result<(), HeapError<H::Error>> {
    heap.push(item).map_err(HeapError::Store)?;
    // Not empty after the append, unless the binding's push lied: then C's index error.
    let last = heap.len().wrapping_sub(1);
    if last == 0 {
        // The only item is the top: no parent to compare with (siftdown would do nothing).
        return Ok(());
    }
    siftdown(heap, order, 0, last)
}

/// Takes out the top item: the last item goes to the top and is sifted down (`heappop`,
/// `heappop_max`). [`HeapError::IndexOutOfRange`] for an empty heap.
#[inline(always)]
pub fn pop<H: HeapStore>(heap: &mut H, order: Order) -> Result<H::Held, HeapError<H::Error>> {
    let last = heap
        .pop_last()
        .map_err(HeapError::Store)?
        .ok_or(HeapError::IndexOutOfRange)?;
    if heap.is_empty() {
        return Ok(last);
    }
    let top = heap.replace_top(last).ok_or(HeapError::IndexOutOfRange)?;
    sift_top(heap, order)?;
    Ok(top)
}

/// `siftup` from the top, which on a heap of one item would compare nothing and move nothing:
/// the call is made only when there are children.
#[inline(always)]
fn sift_top<H: Heap>(heap: &mut H, order: Order) -> Result<(), HeapError<H::Error>> {
    if heap.len() == 1 {
        return Ok(());
    }
    siftup(heap, order, 0)
}

/// Replaces the top item with `item`, sifted down, and returns the old top (`heapreplace`,
/// `heapreplace_max`). [`HeapError::IndexOutOfRange`] for an empty heap.
#[inline(always)]
pub fn replace<H: HeapStore>(
    heap: &mut H,
    order: Order,
    item: H::Item,
) -> Result<H::Held, HeapError<H::Error>> {
    let top = heap
        .replace_top(H::hold(item))
        .ok_or(HeapError::IndexOutOfRange)?;
    sift_top(heap, order)?;
    Ok(top)
}

/// `push` then `pop` in one step (`heappushpop`, `heappushpop_max`): `item` itself when the
/// heap is empty or its top does not come before `item` (one comparison: `top < item` for a
/// min-heap, `item < top` for a max-heap); otherwise [`replace`]. A comparison that empties
/// the heap gives [`HeapError::IndexOutOfRange`], as in C.
#[inline(always)]
pub fn pushpop<H: HeapStore>(
    heap: &mut H,
    order: Order,
    item: H::Item,
) -> Result<H::Held, HeapError<H::Error>> {
    let top_first = order == Order::Min;
    match heap.compare_top(item, top_first) {
        None => return Ok(H::hold(item)),
        Some(Err(e)) => return Err(HeapError::Compare(e)),
        Some(Ok(false)) => return Ok(H::hold(item)),
        Some(Ok(true)) => {}
    }
    if heap.is_empty() {
        return Err(HeapError::IndexOutOfRange);
    }
    replace(heap, order, item)
}

#[cfg(test)]
mod tests;
