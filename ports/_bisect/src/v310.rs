//! Declarations of 3.10 and 3.11: C's docstrings do not mention `key` yet.

use bisect_core::Side;
use ferrocpy::{Borrowed, Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/v310.rs");
}

/*[clinic input]
module _bisect state=() python=<3.12
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
a[i:] have e > x.  So if x already appears in the list, a.insert(i, x) will
insert just after the rightmost x already there.

Optional args lo (default 0) and hi (default len(a)) bound the
slice of a to be searched.
[clinic start generated code]*/
fn bisect_right_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    a: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    lo: isize,
    hi: isize,
    key: Borrowed<'a, 'py>,
) -> PyResult<isize>
/*[clinic end generated code: output=4fca0740544d77f5 input=316aa29bd98fbc9c]*/
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
[clinic start generated code]*/
fn insort_right_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    a: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    lo: isize,
    hi: isize,
    key: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=73ea2cec959fc23b input=36ea0d4f00116147]*/
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
a[i:] have e >= x.  So if x already appears in the list, a.insert(i, x) will
insert just before the leftmost x already there.

Optional args lo (default 0) and hi (default len(a)) bound the
slice of a to be searched.
[clinic start generated code]*/
fn bisect_left_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    a: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    lo: isize,
    hi: isize,
    key: Borrowed<'a, 'py>,
) -> PyResult<isize>
/*[clinic end generated code: output=3f5a70dd420d8596 input=e0e6ebd89ecb5c2b]*/
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
[clinic start generated code]*/
fn insort_left_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    a: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    lo: isize,
    hi: isize,
    key: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=5cbc4972292384d7 input=cbcc4306090e3e1b]*/
{
    let _ = module;
    crate::insort(Side::Left, a, x, lo, hi, key)
}
