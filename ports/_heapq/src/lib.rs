//! `ferrocpy.ports._heapq`: a drop-in port of CPython's `_heapq` accelerator.
//!
//! The algorithm lives in `heapq-core` (no Python types); this file binds it to a Python list.
//! Arguments are declared with ferrocpy's clinic, in the same shape as CPython's own blocks, so
//! signatures and argument errors are C's. Comparisons go through
//! `ferrocpy::listcmp`, which re-checks the list's length at every access and holds a new
//! reference to any item whose comparison can run Python code, so a comparison that raises or
//! mutates the list gives C's exception (or C's result), never a crash.

use ferrocpy::exc::{IndexError, RuntimeError};
use ferrocpy::listcmp::{self, ItemCompare};
use ferrocpy::types::list;
use ferrocpy::{Borrowed, CompareOp, Module, Owned, PyErr, PyResult, Python};
use heapq_core::{Heap, HeapError, Order};

mod clinic {
    include!("clinic/lib.rs");
}

ferrocpy::module! {
    name: "_heapq",
    doc: "Heap queue algorithm (a.k.a. priority queue): the C accelerator of heapq, in Rust.",
    state: (),
    methods: [
        clinic::_HEAPQ_HEAPPUSH_METHODDEF,
        clinic::_HEAPQ_HEAPPUSHPOP_METHODDEF,
        clinic::_HEAPQ_HEAPPOP_METHODDEF,
        clinic::_HEAPQ_HEAPREPLACE_METHODDEF,
        clinic::_HEAPQ_HEAPIFY_METHODDEF,
        clinic::_HEAPQ__HEAPREPLACE_MAX_METHODDEF,
        clinic::_HEAPQ__HEAPIFY_MAX_METHODDEF,
        clinic::_HEAPQ__HEAPPOP_MAX_METHODDEF,
    ],
}

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

#[cold]
fn index_out_of_range(py: Python<'_>) -> PyErr {
    IndexError::new_err(py, "index out of range")
}

#[cold]
fn heap_error(py: Python<'_>, e: HeapError<PyErr>) -> PyErr {
    match e {
        HeapError::Compare(e) => e,
        HeapError::IndexOutOfRange => index_out_of_range(py),
        HeapError::SizeChanged => RuntimeError::new_err(py, "list changed size during iteration"),
    }
}

#[inline(always)]
fn siftdown(heap: Borrowed<'_, '_>, order: Order, pos: usize) -> PyResult<()> {
    heapq_core::siftdown(&mut ListHeap { list: heap }, order, 0, pos)
        .map_err(|e| heap_error(heap.py(), e))
}

#[inline(always)]
fn siftup(heap: Borrowed<'_, '_>, order: Order) -> PyResult<()> {
    heapq_core::siftup(&mut ListHeap { list: heap }, order, 0).map_err(|e| heap_error(heap.py(), e))
}

/// Removes the last item; puts it at the top and sifts it down, returning the old top.
#[inline(always)]
fn pop<'py>(heap: Borrowed<'_, 'py>, order: Order) -> PyResult<Owned<'py>> {
    let py = heap.py();
    let Some(last) = list::pop_last(heap)? else {
        return Err(index_out_of_range(py));
    };
    if list::len(heap) == Some(0) {
        return Ok(last);
    }
    // Nothing ran since the pop: the list still has at least one item.
    let top = listcmp::replace(heap, 0, last).ok_or_else(|| index_out_of_range(py))?;
    siftup(heap, order)?;
    Ok(top)
}

/// Replaces the top with `item` and sifts it down, returning the old top.
#[inline(always)]
fn replace<'py>(
    heap: Borrowed<'_, 'py>,
    item: Borrowed<'_, 'py>,
    order: Order,
) -> PyResult<Owned<'py>> {
    let py = heap.py();
    let top = listcmp::replace(heap, 0, item.to_owned()).ok_or_else(|| index_out_of_range(py))?;
    siftup(heap, order)?;
    Ok(top)
}

fn heapify(heap: Borrowed<'_, '_>, order: Order) -> PyResult<()> {
    heapq_core::heapify(&mut ListHeap { list: heap }, order).map_err(|e| heap_error(heap.py(), e))
}

/*[clinic input]
module _heapq state=()
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
/*[clinic end generated code: output=6df22935a2f18a56 input=c625f002d7a9ebd9]*/
{
    list::append(heap, item)?;
    let last = list::len(heap).unwrap_or(0).wrapping_sub(1);
    siftdown(heap, Order::Min, last)?;
    Ok(module.py().none().to_owned())
}

/*[clinic input]
_heapq.heappop

    heap: object(subclass_of='&PyList_Type')
    /

Pop the smallest item off the heap, maintaining the heap invariant.
[clinic start generated code]*/
fn heappop_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=75d8b0f7fa6aac57 input=91487987a583c856]*/
{
    let _ = module;
    pop(heap, Order::Min)
}

/*[clinic input]
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
/*[clinic end generated code: output=08af325d47e754c7 input=719202ac02ba10c8]*/
{
    let _ = module;
    replace(heap, item, Order::Min)
}

/*[clinic input]
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
/*[clinic end generated code: output=4c622461b2026be0 input=5dc701f1eb4a4aa7]*/
{
    let py = module.py();
    // An empty heap: the item goes in and straight out again.
    let top_lt_item = match listcmp::compare_item_or_get(heap, 0, item, CompareOp::Lt, true) {
        None => return Ok(item.to_owned()),
        Some(ItemCompare::Done(r)) => r?,
        Some(ItemCompare::Item(top)) => top.as_borrowed().compare_bool(item, CompareOp::Lt)?,
    };
    if !top_lt_item {
        return Ok(item.to_owned());
    }
    if list::len(heap) == Some(0) {
        return Err(index_out_of_range(py));
    }
    replace(heap, item, Order::Min)
}

/*[clinic input]
_heapq.heapify

    heap: object(subclass_of='&PyList_Type')
    /

Transform list into a heap, in-place, in O(len(heap)) time.
[clinic start generated code]*/
fn heapify_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=3cfd8c31f3283a75 input=53bb7a2166febb73]*/
{
    heapify(heap, Order::Min)?;
    Ok(module.py().none().to_owned())
}

/*[clinic input]
_heapq._heappop_max

    heap: object(subclass_of='&PyList_Type')
    /

Maxheap variant of heappop.
[clinic start generated code]*/
fn _heappop_max_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=18e661adf542a2ce input=362c06e1c7484793]*/
{
    let _ = module;
    pop(heap, Order::Max)
}

/*[clinic input]
_heapq._heapreplace_max

    heap: object(subclass_of='&PyList_Type')
    item: object
    /

Maxheap variant of heapreplace.
[clinic start generated code]*/
fn _heapreplace_max_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
    item: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=d3e9fc10a3a50773 input=f2dd27cbadb948d7]*/
{
    let _ = module;
    replace(heap, item, Order::Max)
}

/*[clinic input]
_heapq._heapify_max

    heap: object(subclass_of='&PyList_Type')
    /

Maxheap variant of heapify.
[clinic start generated code]*/
fn _heapify_max_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=272f5b166efc0f59 input=c1f765ee69f124b8]*/
{
    heapify(heap, Order::Max)?;
    Ok(module.py().none().to_owned())
}
