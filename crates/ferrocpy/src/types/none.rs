//! `None` ↔ `()`.

use crate::convert::IntoPyObject;
use crate::err::PyResult;
use crate::object::Owned;
use crate::python::Python;

impl<'py> IntoPyObject<'py> for () {
    #[inline(always)]
    fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>> {
        Ok(py.none().to_owned())
    }
}
