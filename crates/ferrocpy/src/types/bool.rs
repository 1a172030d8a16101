//! `bool`.

use crate::convert::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::exc::TypeError;
use crate::object::{Borrowed, Owned};
use crate::python::Python;

impl<'py> IntoPyObject<'py> for bool {
    #[inline(always)]
    fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>> {
        Ok(py.bool(self).to_owned())
    }
}

/// Strict: only `True` and `False` (for truthiness use [`Borrowed::is_truthy`]).
impl<'a, 'py> FromPyObject<'a, 'py> for bool {
    #[inline(always)]
    fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
        let py = obj.py();
        if obj.is(py.bool(true)) {
            Ok(true)
        } else if obj.is(py.bool(false)) {
            Ok(false)
        } else {
            Err(TypeError::new_err(
                py,
                format!("a bool is required, not '{}'", obj.type_name()),
            ))
        }
    }
}
