//! Declarations of 3.14: `bisect_left`'s and `bisect_right`'s docstrings rewrapped.

use bisect_core::Side;
use ferrocpy::{Borrowed, Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/v314.rs");
}

/*[clinic input]
module _bisect state=() python=>=3.14,<3.15
@critical_section a
_bisect.bisect_right -> Py_ssize_t

    a: object
    x: object
    lo: Py_ssize_t = 0
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
/*[clinic end generated code: output=4fca0740544d77f5 input=0b2892dc4c55c2c0]*/
{
    let _ = module;
    crate::internal_bisect(Side::Right, a, x, lo, hi, key).map(|i| i as isize)
}

/*[clinic input]
@critical_section a
_bisect.insort_right

    a: object
    x: object
    lo: Py_ssize_t = 0
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
/*[clinic end generated code: output=73ea2cec959fc23b input=93bd855be0c1add7]*/
{
    let _ = module;
    crate::insort(Side::Right, a, x, lo, hi, key)
}

/*[clinic input]
@critical_section a
_bisect.bisect_left -> Py_ssize_t

    a: object
    x: object
    lo: Py_ssize_t = 0
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
/*[clinic end generated code: output=3f5a70dd420d8596 input=86efea2168f022b4]*/
{
    let _ = module;
    crate::internal_bisect(Side::Left, a, x, lo, hi, key).map(|i| i as isize)
}

/*[clinic input]
@critical_section a
_bisect.insort_left

    a: object
    x: object
    lo: Py_ssize_t = 0
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
/*[clinic end generated code: output=5cbc4972292384d7 input=93e06f5a323e09ef]*/
{
    let _ = module;
    crate::insort(Side::Left, a, x, lo, hi, key)
}
