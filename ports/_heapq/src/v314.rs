//! Declarations of 3.14 and later: the public max-heap variants `heappush_max`,
//! `heappop_max`, `heapreplace_max`, `heappushpop_max` and `heapify_max`.

use crate::Order;
use ferrocpy::{Borrowed, Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/v314.rs");
}

#[inline(always)]
/*[clinic input]
module _heapq state=() python=>=3.14
@critical_section heap
_heapq.heappush_max

    heap: object(subclass_of='&PyList_Type')
    item: object
    /

Push item onto max heap, maintaining the heap invariant.
[clinic start generated code]*/
fn heappush_max_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
    item: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=0d38b000fdc3e28a input=246f4e8d4cef757c]*/
{
    let _ = module;
    crate::push(heap, item, Order::Max)
}

#[inline(always)]
/*[clinic input]
@critical_section heap
_heapq.heappop_max

    heap: object(subclass_of='&PyList_Type')
    /

Maxheap variant of heappop.
[clinic start generated code]*/
fn heappop_max_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=99942f1c35fe07a2 input=5d70c997798aec64]*/
{
    let _ = module;
    crate::pop(heap, Order::Max)
}

#[inline(always)]
/*[clinic input]
@critical_section heap
_heapq.heapreplace_max

    heap: object(subclass_of='&PyList_Type')
    item: object
    /

Maxheap variant of heapreplace.
[clinic start generated code]*/
fn heapreplace_max_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
    item: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=ddafa9ae673dd4a7 input=fe70175356e4a649]*/
{
    let _ = module;
    crate::replace(heap, item, Order::Max)
}

#[inline(always)]
/*[clinic input]
@critical_section heap
_heapq.heappushpop_max

    heap: object(subclass_of='&PyList_Type')
    item: object
    /

Maxheap variant of heappushpop.

The combined action runs more efficiently than heappush_max()
followed by a separate call to heappop_max().
[clinic start generated code]*/
fn heappushpop_max_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
    item: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=e53d5079cdcc1499 input=52030929667a4c08]*/
{
    let _ = module;
    crate::pushpop(heap, item, Order::Max)
}

#[inline(always)]
/*[clinic input]
@critical_section heap
_heapq.heapify_max

    heap: object(subclass_of='&PyList_Type')
    /

Maxheap variant of heapify.
[clinic start generated code]*/
fn heapify_max_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=4f33504dff5715d4 input=4eee63231e7d1573]*/
{
    let _ = module;
    crate::heapify(heap, Order::Max)
}
