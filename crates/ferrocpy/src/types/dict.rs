//! `dict`: creation, item access and iteration in insertion order.
//!
//! Lookups return new references ([`Owned`]), never borrowed ones: comparing keys runs Python
//! code (`__eq__`), which may remove the very item from the dict, so a borrowed result could
//! dangle before the caller uses it. Taking the reference costs one increment.
//!
//! Every function accepts `dict` subclasses too and works on the dict's own storage, as the C
//! API does (an overridden `__getitem__` or `__iter__` is not called); other objects raise
//! `TypeError`.

use crate::err::{PyErr, PyResult};
use crate::exc::TypeError;
use crate::ffi;
use crate::object::{Borrowed, Owned};
use crate::python::Python;

/// The built-in `frozendict` type (3.15+), a static object: no import or attribute lookup.
#[cfg(Py_3_15)]
#[inline]
pub fn frozendict_type(py: Python<'_>) -> Borrowed<'_, '_> {
    // SAFETY: `PyFrozenDict_Type` is a static type object that lives as long as the
    // interpreter; reading its address does not touch it.
    unsafe { Borrowed::from_ptr(py, std::ptr::addr_of_mut!(ffi::PyFrozenDict_Type).cast()) }
}

/// A new empty dict.
pub fn new(py: Python<'_>) -> PyResult<Owned<'_>> {
    // SAFETY: attached thread; new reference or null with an exception.
    unsafe { Owned::from_owned_ptr(py, ffi::PyDict_New()) }
}

#[cold]
fn not_a_dict(obj: Borrowed<'_, '_>) -> PyErr {
    TypeError::new_err(
        obj.py(),
        format!("expected dict, {} found", obj.type_name()),
    )
}

#[inline(always)]
fn check(obj: Borrowed<'_, '_>) -> PyResult<()> {
    if obj.is_dict() {
        Ok(())
    } else {
        Err(not_a_dict(obj))
    }
}

/// `len(dict)`.
pub fn len(dict: Borrowed<'_, '_>) -> PyResult<usize> {
    check(dict)?;
    // SAFETY: attached thread; a dict (checked).
    Ok(unsafe { ffi::PyDict_Size(dict.as_ptr()) } as usize)
}

/// `dict[key]` without `__missing__`: `Ok(None)` if the key is absent; an error if hashing or
/// comparing the key raised.
pub fn get<'py>(dict: Borrowed<'_, 'py>, key: Borrowed<'_, 'py>) -> PyResult<Option<Owned<'py>>> {
    check(dict)?;
    let py = dict.py();
    #[cfg(Py_3_13)]
    {
        let mut out = std::ptr::null_mut();
        // SAFETY: attached thread; a dict (checked); `out` receives a new reference when the
        // result is 1, and is left null otherwise.
        let rc = unsafe { ffi::PyDict_GetItemRef(dict.as_ptr(), key.as_ptr(), &mut out) };
        match rc {
            0 => Ok(None),
            // SAFETY: a new reference (see above).
            1 => Ok(Some(unsafe { Owned::from_owned_ptr_unchecked(py, out) })),
            _ => Err(PyErr::fetch(py)),
        }
    }
    #[cfg(not(Py_3_13))]
    {
        // SAFETY: attached thread; a dict (checked); the result is borrowed from the dict (or
        // null), and a reference is taken before any Python code can run.
        unsafe {
            let v = ffi::PyDict_GetItemWithError(dict.as_ptr(), key.as_ptr());
            if v.is_null() {
                if ffi::PyErr_Occurred().is_null() {
                    return Ok(None);
                }
                return Err(PyErr::fetch(py));
            }
            ffi::Py_INCREF(v);
            Ok(Some(Owned::from_owned_ptr_unchecked(py, v)))
        }
    }
}

/// `dict[key]` for a string key (see [`get`]).
pub fn get_str<'py>(dict: Borrowed<'_, 'py>, key: &str) -> PyResult<Option<Owned<'py>>> {
    let key = crate::types::str::new(dict.py(), key)?;
    get(dict, key.as_borrowed())
}

/// `key in dict`.
pub fn contains(dict: Borrowed<'_, '_>, key: Borrowed<'_, '_>) -> PyResult<bool> {
    check(dict)?;
    // SAFETY: attached thread; a dict (checked).
    match unsafe { ffi::PyDict_Contains(dict.as_ptr(), key.as_ptr()) } {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(PyErr::fetch(dict.py())),
    }
}

/// `dict[key] = value` (a later value for an equal key replaces the earlier one and keeps its
/// position, as in Python).
#[inline]
pub fn set(dict: Borrowed<'_, '_>, key: Borrowed<'_, '_>, value: Borrowed<'_, '_>) -> PyResult<()> {
    check(dict)?;
    // SAFETY: attached thread; a dict (checked); the dict takes its own references.
    if unsafe { ffi::PyDict_SetItem(dict.as_ptr(), key.as_ptr(), value.as_ptr()) } < 0 {
        return Err(PyErr::fetch(dict.py()));
    }
    Ok(())
}

/// `dict[key] = value` for a string key.
pub fn set_str(dict: Borrowed<'_, '_>, key: &str, value: Borrowed<'_, '_>) -> PyResult<()> {
    let key = crate::types::str::new(dict.py(), key)?;
    set(dict, key.as_borrowed(), value)
}

/// `del dict[key]`; `KeyError` if absent.
pub fn del(dict: Borrowed<'_, '_>, key: Borrowed<'_, '_>) -> PyResult<()> {
    check(dict)?;
    // SAFETY: attached thread; a dict (checked).
    if unsafe { ffi::PyDict_DelItem(dict.as_ptr(), key.as_ptr()) } < 0 {
        return Err(PyErr::fetch(dict.py()));
    }
    Ok(())
}

/// The `(key, value)` pairs of a dict in insertion order (see [`Items`]).
pub fn items<'a, 'py>(dict: Borrowed<'a, 'py>) -> PyResult<Items<'a, 'py>> {
    check(dict)?;
    Ok(Items {
        dict,
        pos: 0,
        // SAFETY: a dict (checked).
        size: unsafe { ffi::PyDict_Size(dict.as_ptr()) },
    })
}

/// An iterator over a dict's items in insertion order, each as new references.
///
/// Like Python's own dict iteration it stops with `RuntimeError("dictionary changed size
/// during iteration")` if the dict's size changes between steps (code run by the caller may
/// mutate it); whatever happens to the dict, each step only reads entries that exist at that
/// moment, and the pairs already handed out stay alive.
pub struct Items<'a, 'py> {
    dict: Borrowed<'a, 'py>,
    pos: ffi::Py_ssize_t,
    size: ffi::Py_ssize_t,
}

impl<'py> Iterator for Items<'_, 'py> {
    type Item = PyResult<(Owned<'py>, Owned<'py>)>;

    fn next(&mut self) -> Option<Self::Item> {
        let py = self.dict.py();
        let d = self.dict.as_ptr();
        // SAFETY: a dict (checked when the iterator was made; its type cannot change).
        if unsafe { ffi::PyDict_Size(d) } != self.size {
            self.size = -1; // keep failing, as Python's iterator does
            return Some(Err(crate::exc::RuntimeError::new_err(
                py,
                "dictionary changed size during iteration",
            )));
        }
        let (mut k, mut v) = (std::ptr::null_mut(), std::ptr::null_mut());
        #[cfg(Py_GIL_DISABLED)]
        // SAFETY: attached thread; the dict is locked for the step, as free-threaded
        // builds require around `PyDict_Next`; ended below on every path.
        let mut cs = unsafe {
            let mut cs = std::mem::zeroed::<ffi::PyCriticalSection>();
            ffi::PyCriticalSection_Begin(&mut cs, d);
            cs
        };
        // SAFETY: attached thread; `pos` is the cursor `PyDict_Next` maintains (it bounds-checks
        // it against the dict's current entries); the returned key and value are borrowed from
        // the dict and turned into our own references before any Python code can run.
        let found = unsafe {
            let found = ffi::PyDict_Next(d, &mut self.pos, &mut k, &mut v) != 0;
            if found {
                ffi::Py_INCREF(k);
                ffi::Py_INCREF(v);
            }
            found
        };
        #[cfg(Py_GIL_DISABLED)]
        // SAFETY: ends the section begun above.
        unsafe {
            ffi::PyCriticalSection_End(&mut cs)
        };
        if !found {
            return None;
        }
        // SAFETY: new references taken just above.
        Some(Ok(unsafe {
            (
                Owned::from_owned_ptr_unchecked(py, k),
                Owned::from_owned_ptr_unchecked(py, v),
            )
        }))
    }
}

/// One step of a walk over a dict's items in insertion order from cursor `*pos` (start at 0),
/// as C code walks one with `PyDict_Next`: unlike [`Items`], a dict that changes size between
/// steps is not an error (items added meanwhile are reached, as C's `_json` encoder reaches
/// them); `None` at the end. Each item is returned as new references.
pub fn next_item<'py>(
    dict: Borrowed<'_, 'py>,
    pos: &mut isize,
) -> PyResult<Option<(Owned<'py>, Owned<'py>)>> {
    check(dict)?;
    let py = dict.py();
    let d = dict.as_ptr();
    let (mut k, mut v) = (std::ptr::null_mut(), std::ptr::null_mut());
    #[cfg(Py_GIL_DISABLED)]
    // SAFETY: attached thread; the dict is locked for the step, as free-threaded builds
    // require around `PyDict_Next`; ended below on every path.
    let mut cs = unsafe {
        let mut cs = std::mem::zeroed::<ffi::PyCriticalSection>();
        ffi::PyCriticalSection_Begin(&mut cs, d);
        cs
    };
    let mut p = *pos as ffi::Py_ssize_t;
    // SAFETY: attached thread; a dict (checked); `p` is a cursor `PyDict_Next` bounds-checks
    // against the dict's current entries (any value is safe); the key and value it lends are
    // turned into our own references before any Python code can run.
    let found = unsafe {
        let found = ffi::PyDict_Next(d, &mut p, &mut k, &mut v) != 0;
        if found {
            ffi::Py_INCREF(k);
            ffi::Py_INCREF(v);
        }
        found
    };
    #[cfg(Py_GIL_DISABLED)]
    // SAFETY: ends the section begun above.
    unsafe {
        ffi::PyCriticalSection_End(&mut cs)
    };
    *pos = p as isize;
    if !found {
        return Ok(None);
    }
    // SAFETY: new references taken just above.
    Ok(Some(unsafe {
        (
            Owned::from_owned_ptr_unchecked(py, k),
            Owned::from_owned_ptr_unchecked(py, v),
        )
    }))
}
