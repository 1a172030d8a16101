//! Declarations of 3.15 and later: 3.14's docstrings; C declares `lo` as
//! `Py_ssize_t(allow_negative=False)`, so a negative `lo` is refused while the arguments are
//! converted, before `hi` is converted and before insort's `key(x)` runs. ferrocpy's clinic has no
//! such converter yet: `lo` and `hi` are taken as objects (same text signature) and converted by
//! [`crate::bounds_315`] in C's order with the glue's own converters.

use bisect_core::Side;
use ferrocpy::{Borrowed, Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/v315.rs");
}

// Inlined into the glue, as the one-line impls of the other versions are.
#[inline(always)]
/*[clinic input]
module _bisect state=() python=>=3.15
_bisect.bisect_right -> Py_ssize_t

    a: object
    x: object
    lo: object = 0
    hi: object(py_default='None') = NULL
    *
    key: object = None

Return the index where to insert item x in list a, assuming a is sorted.

The return value i is such that all e in a[:i] have e <= x, and all e in
a[i:] have e > x.  So if x already appears in the list, a.insert(i, x)
will insert just after the rightmost x already there.

Optional args lo (default 0) and hi (default len(a)) bound the
slice of a to be searched.

A custom key function can be supplied to customize the sort order.
[clinic start generated code]*/
fn bisect_right_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    a: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    lo: Option<Borrowed<'a, 'py>>,
    hi: Option<Borrowed<'a, 'py>>,
    key: Borrowed<'a, 'py>,
) -> PyResult<isize>
/*[clinic end generated code: output=045d8df2e80dec1c input=cce45380568f57ea]*/
{
    let _ = module;
    let (lo, hi) = crate::bounds_315(lo, hi)?;
    crate::internal_bisect(Side::Right, a, x, lo, hi, key).map(|i| i as isize)
}

// Inlined into the glue, as the one-line impls of the other versions are.
#[inline(always)]
/*[clinic input]
_bisect.insort_right

    a: object
    x: object
    lo: object = 0
    hi: object(py_default='None') = NULL
    *
    key: object = None

Insert item x in list a, and keep it sorted assuming a is sorted.

If x is already in a, insert it to the right of the rightmost x.

Optional args lo (default 0) and hi (default len(a)) bound the
slice of a to be searched.

A custom key function can be supplied to customize the sort order.
[clinic start generated code]*/
fn insort_right_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    a: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    lo: Option<Borrowed<'a, 'py>>,
    hi: Option<Borrowed<'a, 'py>>,
    key: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=c59d976f3130aa1f input=5e42d444a21033de]*/
{
    let _ = module;
    let (lo, hi) = crate::bounds_315(lo, hi)?;
    crate::insort(Side::Right, a, x, lo, hi, key)
}

// Inlined into the glue, as the one-line impls of the other versions are.
#[inline(always)]
/*[clinic input]
_bisect.bisect_left -> Py_ssize_t

    a: object
    x: object
    lo: object = 0
    hi: object(py_default='None') = NULL
    *
    key: object = None

Return the index where to insert item x in list a, assuming a is sorted.

The return value i is such that all e in a[:i] have e < x, and all e in
a[i:] have e >= x.  So if x already appears in the list, a.insert(i, x)
will insert just before the leftmost x already there.

Optional args lo (default 0) and hi (default len(a)) bound the
slice of a to be searched.

A custom key function can be supplied to customize the sort order.
[clinic start generated code]*/
fn bisect_left_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    a: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    lo: Option<Borrowed<'a, 'py>>,
    hi: Option<Borrowed<'a, 'py>>,
    key: Borrowed<'a, 'py>,
) -> PyResult<isize>
/*[clinic end generated code: output=bbef46fdfe5cf8bf input=a149f20b92fa6c95]*/
{
    let _ = module;
    let (lo, hi) = crate::bounds_315(lo, hi)?;
    crate::internal_bisect(Side::Left, a, x, lo, hi, key).map(|i| i as isize)
}

// Inlined into the glue, as the one-line impls of the other versions are.
#[inline(always)]
/*[clinic input]
_bisect.insort_left

    a: object
    x: object
    lo: object = 0
    hi: object(py_default='None') = NULL
    *
    key: object = None

Insert item x in list a, and keep it sorted assuming a is sorted.

If x is already in a, insert it to the left of the leftmost x.

Optional args lo (default 0) and hi (default len(a)) bound the
slice of a to be searched.

A custom key function can be supplied to customize the sort order.
[clinic start generated code]*/
fn insort_left_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    a: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    lo: Option<Borrowed<'a, 'py>>,
    hi: Option<Borrowed<'a, 'py>>,
    key: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=70d5c26e10cec696 input=054db1359fff087d]*/
{
    let _ = module;
    let (lo, hi) = crate::bounds_315(lo, hi)?;
    crate::insort(Side::Left, a, x, lo, hi, key)
}
