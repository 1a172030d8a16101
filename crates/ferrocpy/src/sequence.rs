//! The generic sequence protocol (`len(s)`, `s[i]`) and the interpreter's recursion guard, for
//! accelerators that accept any sequence and call back into Python (bisect).

use crate::err::{PyErr, PyResult};
use crate::exc::TypeError;
use crate::ffi;
use crate::object::{Borrowed, Owned};

/// `len(obj)` through the sequence protocol (`PySequence_Size`): a mapping such as `dict`
/// raises `TypeError("dict is not a sequence")`, an object without a length
/// `TypeError("object of type 'int' has no len()")`.
#[inline]
pub fn size(obj: Borrowed<'_, '_>) -> PyResult<usize> {
    // SAFETY: attached thread (handle token), valid object.
    let n = unsafe { ffi::PySequence_Size(obj.as_ptr()) };
    if n < 0 {
        return Err(PyErr::fetch(obj.py()));
    }
    Ok(n as usize)
}

/// `obj[i]` through the sequence protocol (`PySequence_GetItem`), for `i <= isize::MAX`.
#[inline]
pub fn get_item<'py>(obj: Borrowed<'_, 'py>, i: usize) -> PyResult<Owned<'py>> {
    let i = isize::try_from(i).unwrap_or(isize::MAX);
    // SAFETY: attached thread, valid object; a new reference or null with an exception.
    unsafe { Owned::from_owned_ptr(obj.py(), ffi::PySequence_GetItem(obj.as_ptr(), i)) }
}

/// Whether `obj`'s type has the sequence item slot that `obj[i]` would use.
#[inline]
pub fn is_indexable(obj: Borrowed<'_, '_>) -> bool {
    // SAFETY: a live object's type is a valid type object; its slot tables, when present, are
    // valid for the type's lifetime. Only reads.
    unsafe {
        let tp = obj.type_ptr();
        let sq = (*tp).tp_as_sequence;
        !sq.is_null() && (*sq).sq_item.is_some()
    }
}

/// Raises the `TypeError` that `obj[i]` would raise if `obj`'s type has no sequence item
/// slot: `"dict is not a sequence"` for a mapping, `"'T' object does not support indexing"`
/// otherwise (the checks `PySequence_GetItem` performs, done once up front).
#[inline]
pub fn check_indexable(obj: Borrowed<'_, '_>) -> PyResult<()> {
    if is_indexable(obj) {
        return Ok(());
    }
    Err(not_indexable(obj))
}

#[cold]
#[inline(never)]
fn not_indexable(obj: Borrowed<'_, '_>) -> PyErr {
    // SAFETY: as in `is_indexable`.
    let mapping = unsafe {
        let mp = (*obj.type_ptr()).tp_as_mapping;
        !mp.is_null() && (*mp).mp_subscript.is_some()
    };
    let name = obj.type_name();
    let msg = if mapping {
        format!("{name} is not a sequence")
    } else {
        format!("'{name}' object does not support indexing")
    };
    TypeError::new_err(obj.py(), msg)
}

pub use crate::python::RecursionGuard;
