//! Modules: importing one by name.

use crate::err::PyResult;
use crate::ffi;
use crate::object::Owned;
use crate::python::Python;

/// `import name` (`PyImport_ImportModule`): the module object, a dotted name giving the
/// innermost module (`c"json.decoder"`), as `importlib.import_module` does.
pub fn import<'py>(py: Python<'py>, name: &std::ffi::CStr) -> PyResult<Owned<'py>> {
    // SAFETY: attached thread (token); a NUL-terminated name the callee only reads; a new
    // reference or null with an exception set.
    unsafe { Owned::from_owned_ptr(py, ffi::PyImport_ImportModule(name.as_ptr())) }
}
