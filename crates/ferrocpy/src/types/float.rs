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

/// Appends `repr(value)` to `out`, digit for digit as `float.__repr__` writes it (the shortest
/// string that reads back as the same double, `1.0` rather than `1`, `inf`, `nan`), through the
/// very routine the interpreter uses (`PyOS_double_to_string` with format `'r'`).
pub fn repr_into(py: Python<'_>, value: f64, out: &mut String) -> PyResult<()> {
    // SAFETY: attached thread; `'r'` takes no precision; the result is a NUL-terminated ASCII
    // string allocated with `PyMem_Malloc` (null with MemoryError set on failure), freed below.
    unsafe {
        let p = ffi::PyOS_double_to_string(
            value,
            b'r' as std::ffi::c_char,
            0,
            ffi::Py_DTSF_ADD_DOT_0 as std::ffi::c_int,
            std::ptr::null_mut(),
        );
        if p.is_null() {
            return Err(PyErr::fetch(py));
        }
        let text = std::ffi::CStr::from_ptr(p);
        out.push_str(&text.to_string_lossy());
        ffi::PyMem_Free(p.cast());
    }
    Ok(())
}

/// `repr(value)` for a double, as [`repr_into`] writes it.
pub fn repr(py: Python<'_>, value: f64) -> PyResult<String> {
    let mut s = String::new();
    repr_into(py, value, &mut s)?;
    Ok(s)
}
