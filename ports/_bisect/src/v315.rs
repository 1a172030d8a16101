//! Declarations of 3.15 and later: 3.14's docstrings, and `lo` declared as C declares it,
//! `Py_ssize_t(allow_negative=False)`: a negative `lo` is refused while the arguments are
//! converted, before `hi` is converted and before insort's `key(x)` runs.

use bisect_core::Side;
use ferrocpy::{Borrowed, Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/v315.rs");
}

/*[clinic input]
module _bisect state=() python=>=3.15
@critical_section a
_bisect.bisect_right -> Py_ssize_t

    a: object
    x: object
    lo: Py_ssize_t(allow_negative=False) = 0
    hi: Py_ssize_t(c_default='-1', accept={int, NoneType}) = None
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
    lo: isize,
    hi: isize,
    key: Borrowed<'a, 'py>,
) -> PyResult<isize>
/*[clinic end generated code: output=4fca0740544d77f5 input=8c8140163de329e8]*/
{
    let _ = module;
    crate::internal_bisect(Side::Right, a, x, lo, hi, key).map(|i| i as isize)
}

/*[clinic input]
@critical_section a
_bisect.insort_right

    a: object
    x: object
    lo: Py_ssize_t(allow_negative=False) = 0
    hi: Py_ssize_t(c_default='-1', accept={int, NoneType}) = None
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
    lo: isize,
    hi: isize,
    key: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=73ea2cec959fc23b input=9df78500cc63ce06]*/
{
    let _ = module;
    crate::insort(Side::Right, a, x, lo, hi, key)
}

/*[clinic input]
@critical_section a
_bisect.bisect_left -> Py_ssize_t

    a: object
    x: object
    lo: Py_ssize_t(allow_negative=False) = 0
    hi: Py_ssize_t(c_default='-1', accept={int, NoneType}) = None
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
    lo: isize,
    hi: isize,
    key: Borrowed<'a, 'py>,
) -> PyResult<isize>
/*[clinic end generated code: output=3f5a70dd420d8596 input=f5ad29ed470f243a]*/
{
    let _ = module;
    crate::internal_bisect(Side::Left, a, x, lo, hi, key).map(|i| i as isize)
}

/*[clinic input]
@critical_section a
_bisect.insort_left

    a: object
    x: object
    lo: Py_ssize_t(allow_negative=False) = 0
    hi: Py_ssize_t(c_default='-1', accept={int, NoneType}) = None
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
    lo: isize,
    hi: isize,
    key: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=5cbc4972292384d7 input=89fa688d5bb5549b]*/
{
    let _ = module;
    crate::insort(Side::Left, a, x, lo, hi, key)
}
