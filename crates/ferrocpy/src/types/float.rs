//! `float` ↔ `f64`/`f32`.

use crate::convert::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, Owned};
use crate::python::Python;

impl<'py> IntoPyObject<'py> for f64 {
    #[inline(always)]
    fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>> {
        // SAFETY: attached thread; returns a new reference or null with an exception.
        unsafe { Owned::from_owned_ptr(py, ffi::PyFloat_FromDouble(self)) }
    }
}

impl<'py> IntoPyObject<'py> for f32 {
    #[inline(always)]
    fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>> {
        f64::from(self).into_py(py)
    }
}

/// Accepts what `float()` accepts through `__float__` and `__index__` (`PyFloat_AsDouble`).
impl<'a, 'py> FromPyObject<'a, 'py> for f64 {
    #[inline(always)]
    fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
        if obj.type_ptr() == std::ptr::addr_of_mut!(ffi::PyFloat_Type) {
            // SAFETY: exact float checked above.
            return Ok(unsafe { ffi::PyFloat_AS_DOUBLE(obj.as_ptr()) });
        }
        // SAFETY: attached thread, valid object.
        let v = unsafe { ffi::PyFloat_AsDouble(obj.as_ptr()) };
        // SAFETY: attached thread.
        if v == -1.0 && unsafe { !ffi::PyErr_Occurred().is_null() } {
            return Err(PyErr::fetch(obj.py()));
        }
        Ok(v)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for f32 {
    #[inline(always)]
    fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
        f64::extract(obj).map(|v| v as f32)
    }
}
