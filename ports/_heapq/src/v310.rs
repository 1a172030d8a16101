//! Declarations of 3.10 to 3.13: the private max-heap variants `_heappop_max`,
//! `_heapreplace_max` and `_heapify_max`.

use crate::Order;
use ferrocpy::{Borrowed, Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/v310.rs");
}

#[inline(always)]
/*[clinic input]
module _heapq state=() python=<3.14
@critical_section heap
_heapq._heappop_max

    heap: object(subclass_of='&PyList_Type')
    /

Maxheap variant of heappop.
[clinic start generated code]*/
fn _heappop_max_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=18e661adf542a2ce input=d2a17d221ef7b402]*/
{
    let _ = module;
    crate::pop(heap, Order::Max)
}

#[inline(always)]
/*[clinic input]
@critical_section heap
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
/*[clinic end generated code: output=d3e9fc10a3a50773 input=86d54c3c3355f5e0]*/
{
    let _ = module;
    crate::replace(heap, item, Order::Max)
}

#[inline(always)]
/*[clinic input]
@critical_section heap
_heapq._heapify_max

    heap: object(subclass_of='&PyList_Type')
    /

Maxheap variant of heapify.
[clinic start generated code]*/
fn _heapify_max_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    heap: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=272f5b166efc0f59 input=2b00aef2a24e5fe9]*/
{
    let _ = module;
    crate::heapify(heap, Order::Max)
}
