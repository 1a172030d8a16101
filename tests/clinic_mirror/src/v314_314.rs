//! `_bisect.bisect_left` as 3.14 declares it (its docstring rewrapped).

use crate::State;
use ferrocpy::{Borrowed, Module, PyResult};

pub(crate) mod clinic {
    include!("clinic/v314_314.rs");
}

/*[clinic input]
module _clinic_mirror state=State python=>=3.14,<3.15
_clinic_mirror.bisect_left -> Py_ssize_t

    a: object
    x: object
    lo: Py_ssize_t(accept={int}) = 0
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
    module: Module<'a, 'py, State>,
    a: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    lo: isize,
    hi: isize,
    key: Borrowed<'a, 'py>,
) -> PyResult<isize>
/*[clinic end generated code: output=b53aeffbb56f9dd7 input=1d9c10b0053cecf3]*/
{
    Ok(lo + hi)
}
