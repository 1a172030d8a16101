//! `ferrocpy.ports._heapq`: a drop-in port of CPython's `_heapq` accelerator.
//!
//! The algorithm lives in `heapq-core` (no Python types); this file binds it to a Python list.
//! Arguments are declared with ferrocpy's clinic, in the same shape as CPython's own blocks, so
//! signatures and argument errors are C's. Comparisons go through
//! `ferrocpy::listcmp`, which re-checks the list's length at every access and holds a new
//! reference to any item whose comparison can run Python code, so a comparison that raises or
//! mutates the list gives C's exception (or C's result), never a crash.
//!
//! Version differences: the max-heap variants. Before 3.14 C has the private `_heappop_max`,
//! `_heapreplace_max` and `_heapify_max` (`v310.rs`); 3.14 made them public as `heappop_max`,
//! `heapreplace_max` and `heapify_max` and added `heappush_max` and `heappushpop_max`
//! (`v314.rs`). Both call the same operations as the min-heap functions, with [`Order::Max`].

use ferrocpy::exc::{IndexError, RuntimeError};
use ferrocpy::listcmp::{self, ItemCompare};
use ferrocpy::types::list;
use ferrocpy::{Borrowed, CompareOp, Module, Owned, PyErr, PyResult, Python};
use heapq_core::{Heap, HeapError, HeapStore, Order};

mod clinic {
    include!("clinic/lib.rs");
}

#[cfg(not(Py_3_14))]
mod v310;
#[cfg(Py_3_14)]
mod v314;

/// The module, with the method table of the running version. Its docstring is C's (the same on
/// 3.10-3.15).
macro_rules! heapq_module {
    ($($method:expr),* $(,)?) => {
        ferrocpy::module! {
            name: "_heapq",
            doc: "Heap queue algorithm (a.k.a. priority queue).

Heaps are arrays for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for
all k, counting elements from 0.  For the sake of comparison,
non-existing elements are considered to be infinite.  The interesting
property of a heap is that a[0] is always its smallest element.

Usage:

heap = []            # creates an empty heap
heappush(heap, item) # pushes a new item on the heap
item = heappop(heap) # pops the smallest item from the heap
item = heap[0]       # smallest item on the heap without popping it
heapify(x)           # transforms list into a heap, in-place, in linear time
item = heapreplace(heap, item) # pops and returns smallest item, and adds
                               # new item; the heap size is unchanged

Our API differs from textbook heap algorithms as follows:

- We use 0-based indexing.  This makes the relationship between the
  index for a node and the indexes for its children slightly less
  obvious, but is more suitable since Python uses 0-based indexing.

- Our heappop() method returns the smallest item, not the largest.

These two make it possible to view the heap as a regular Python list
without surprises: heap[0] is the smallest item, and heap.sort()
maintains the heap invariant!
",
            state: (),
            methods: [$($method),*],
            // The heap is read and changed only inside the clinic's @critical_section on it.
            gil_not_used: true,
        }
    };
}

#[cfg(Py_3_14)]
heapq_module![
    clinic::_HEAPQ_HEAPPUSH_METHODDEF,
    clinic::_HEAPQ_HEAPPUSHPOP_METHODDEF,
    clinic::_HEAPQ_HEAPPOP_METHODDEF,
    clinic::_HEAPQ_HEAPREPLACE_METHODDEF,
    clinic::_HEAPQ_HEAPIFY_METHODDEF,
    v314::clinic::_HEAPQ_HEAPPUSH_MAX_METHODDEF,
    v314::clinic::_HEAPQ_HEAPPUSHPOP_MAX_METHODDEF,
    v314::clinic::_HEAPQ_HEAPPOP_MAX_METHODDEF,
    v314::clinic::_HEAPQ_HEAPREPLACE_MAX_METHODDEF,
    v314::clinic::_HEAPQ_HEAPIFY_MAX_METHODDEF,
];

#[cfg(not(Py_3_14))]
heapq_module![
    clinic::_HEAPQ_HEAPPUSH_METHODDEF,
    clinic::_HEAPQ_HEAPPUSHPOP_METHODDEF,
    clinic::_HEAPQ_HEAPPOP_METHODDEF,
    clinic::_HEAPQ_HEAPREPLACE_METHODDEF,
    clinic::_HEAPQ_HEAPIFY_METHODDEF,
    v310::clinic::_HEAPQ__HEAPREPLACE_MAX_METHODDEF,
    v310::clinic::_HEAPQ__HEAPIFY_MAX_METHODDEF,
    v310::clinic::_HEAPQ__HEAPPOP_MAX_METHODDEF,
];

/// A Python list (or subclass) seen as a heap.
struct ListHeap<'a, 'py> {
    list: Borrowed<'a, 'py>,
}

impl Heap for ListHeap<'_, '_> {
    type Error = PyErr;

    #[inline(always)]
    fn len(&self) -> usize {
        list::len(self.list).unwrap_or(0)
    }

    #[inline(always)]
    fn less(&mut self, i: usize, j: usize) -> Result<bool, PyErr> {
        match listcmp::compare_items(self.list, i, j, CompareOp::Lt) {
            Some(r) => r,
            None => Err(index_out_of_range(self.list.py())),
        }
    }

    #[inline(always)]
    fn swap(&mut self, i: usize, j: usize) -> bool {
        list::swap(self.list, i, j).is_some()
    }
}

impl<'a, 'py> HeapStore for ListHeap<'a, 'py> {
    type Item = Borrowed<'a, 'py>;
    type Held = Owned<'py>;

    #[inline(always)]
    fn hold(item: Borrowed<'a, 'py>) -> Owned<'py> {
        item.to_owned()
    }

    #[inline(always)]
    fn push(&mut self, item: Borrowed<'a, 'py>) -> Result<(), PyErr> {
        list::append(self.list, item)
    }

    #[inline(always)]
    fn pop_last(&mut self) -> Result<Option<Owned<'py>>, PyErr> {
        list::pop_last(self.list)
    }

    #[inline(always)]
    fn replace_top(&mut self, item: Owned<'py>) -> Option<Owned<'py>> {
        listcmp::replace(self.list, 0, item)
    }

    #[inline(always)]
    fn compare_top(
        &mut self,
        item: Borrowed<'a, 'py>,
        top_first: bool,
    ) -> Option<Result<bool, PyErr>> {
        Some(
            match listcmp::compare_item_or_get(self.list, 0, item, CompareOp::Lt, top_first)? {
                ItemCompare::Done(r) => r,
                // A new reference: the top stays alive while its comparison runs Python code.
                ItemCompare::Item(top) if top_first => {
                    top.as_borrowed().compare_bool(item, CompareOp::Lt)
                }
                ItemCompare::Item(top) => item.compare_bool(top.as_borrowed(), CompareOp::Lt),
            },
        )
    }
}

#[cold]
fn index_out_of_range(py: Python<'_>) -> PyErr {
    IndexError::new_err(py, "index out of range")
}

#[cold]
fn heap_error(py: Python<'_>, e: HeapError<PyErr>) -> PyErr {
    match e {
        HeapError::Compare(e) | HeapError::Store(e) => e,
        HeapError::IndexOutOfRange => index_out_of_range(py),
        HeapError::SizeChanged => RuntimeError::new_err(py, "list changed size during iteration"),
    }
}

/// `heappush` / `heappush_max`.
#[inline(always)]
fn push<'py>(
    heap: Borrowed<'_, 'py>,
    item: Borrowed<'_, 'py>,
    order: Order,
) -> PyResult<Owned<'py>> {
    heapq_core::push(&mut ListHeap { list: heap }, order, item)
        .map_err(|e| heap_error(heap.py(), e))?;
    Ok(heap.py().none().to_owned())
}

/// `heappop` / `heappop_max`: removes the last item, puts it at the top and sifts it down,
/// returning the old top.
#[inline(always)]
fn pop<'py>(heap: Borrowed<'_, 'py>, order: Order) -> PyResult<Owned<'py>> {
    heapq_core::pop(&mut ListHeap { list: heap }, order).map_err(|e| heap_error(heap.py(), e))
}

/// `heapreplace` / `heapreplace_max`: replaces the top with `item` and sifts it down,
/// returning the old top.
#[inline(always)]
fn replace<'py>(
    heap: Borrowed<'_, 'py>,
    item: Borrowed<'_, 'py>,
    order: Order,
) -> PyResult<Owned<'py>> {
    heapq_core::replace(&mut ListHeap { list: heap }, order, item)
        .map_err(|e| heap_error(heap.py(), e))
}

/// `heappushpop` / `heappushpop_max`.
#[inline(always)]
fn pushpop<'py>(
    heap: Borrowed<'_, 'py>,
    item: Borrowed<'_, 'py>,
    order: Order,
) -> PyResult<Owned<'py>> {
    heapq_core::pushpop(&mut ListHeap { list: heap }, order, item)
        .map_err(|e| heap_error(heap.py(), e))
}

/// `heapify` / `heapify_max`: a list of fewer than two items is a heap already (answered
/// inline, without the sift's frame).
#[inline(always)]
fn heapify<'py>(heap: Borrowed<'_, 'py>, order: Order) -> PyResult<Owned<'py>> {
    if list::len(heap).is_some_and(|n| n < 2) {
        return Ok(heap.py().none().to_owned());
    }
    heapify_sift(heap, order)
}

fn heapify_sift<'py>(heap: Borrowed<'_, 'py>, order: Order) -> PyResult<Owned<'py>> {
    heapq_core::heapify(&mut ListHeap { list: heap }, order)
        .map_err(|e| heap_error(heap.py(), e))?;
    Ok(heap.py().none().to_owned())
}

#[inline(always)]
/*[clinic input]
module _heapq state=()
@critical_section heap
_heapq.heappush

    heap: object(subclass_of='&PyList_Type')
    item: object
    /

Push item onto heap, maintaining the heap invariant.
[clinic start generated code]*/
fn heappush_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
    item: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=6df22935a2f18a56 input=0f099155e5b7f765]*/
{
    let _ = module;
    push(heap, item, Order::Min)
}

#[inline(always)]
/*[clinic input]
@critical_section heap
_heapq.heappop

    heap: object(subclass_of='&PyList_Type')
    /

Pop the smallest item off the heap, maintaining the heap invariant.
[clinic start generated code]*/
fn heappop_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=75d8b0f7fa6aac57 input=ed396461b153dd51]*/
{
    let _ = module;
    pop(heap, Order::Min)
}

#[inline(always)]
/*[clinic input]
@critical_section heap
_heapq.heapreplace

    heap: object(subclass_of='&PyList_Type')
    item: object
    /

Pop and return the current smallest value, and add the new item.

This is more efficient than heappop() followed by heappush(), and can be
more appropriate when using a fixed-size heap.  Note that the value
returned may be larger than item!  That constrains reasonable uses of
this routine unless written as part of a conditional replacement:

    if item > heap[0]:
        item = heapreplace(heap, item)
[clinic start generated code]*/
fn heapreplace_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
    item: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=08af325d47e754c7 input=9be1678b817ef1a9]*/
{
    let _ = module;
    replace(heap, item, Order::Min)
}

#[inline(always)]
/*[clinic input]
@critical_section heap
_heapq.heappushpop

    heap: object(subclass_of='&PyList_Type')
    item: object
    /

Push item on the heap, then pop and return the smallest item from the heap.

The combined action runs more efficiently than heappush() followed by
a separate call to heappop().
[clinic start generated code]*/
fn heappushpop_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
    item: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=4c622461b2026be0 input=db05c81b1dd92c44]*/
{
    let _ = module;
    pushpop(heap, item, Order::Min)
}

#[inline(always)]
/*[clinic input]
@critical_section heap
_heapq.heapify

    heap: object(subclass_of='&PyList_Type')
    /

Transform list into a heap, in-place, in O(len(heap)) time.
[clinic start generated code]*/
fn heapify_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=3cfd8c31f3283a75 input=aaaaa028b9b6af08]*/
{
    let _ = module;
    heapify(heap, Order::Min)
}
