//! Conversion traits between Rust values and Python objects. Implementations live in `types/`,
//! one file per Python type.

use crate::err::PyResult;
use crate::object::{Borrowed, Owned};
use crate::python::Python;

/// Extraction of a Rust value from a borrowed Python object.
pub trait FromPyObject<'a, 'py>: Sized {
    /// Converts, or raises the `TypeError`/`OverflowError`/`ValueError` C would raise.
    fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self>;
}

/// Conversion of a Rust value into a new Python object.
pub trait IntoPyObject<'py> {
    /// Converts; fails only when the interpreter cannot allocate or the value has no Python form.
    fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>>;
}

impl<'a, 'py> FromPyObject<'a, 'py> for Borrowed<'a, 'py> {
    #[inline(always)]
    fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
        Ok(obj)
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Owned<'py> {
    #[inline(always)]
    fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
        Ok(obj.to_owned())
    }
}

impl<'py> IntoPyObject<'py> for Owned<'py> {
    #[inline(always)]
    fn into_py(self, _py: Python<'py>) -> PyResult<Owned<'py>> {
        Ok(self)
    }
}

impl<'py> IntoPyObject<'py> for Borrowed<'_, 'py> {
    #[inline(always)]
    fn into_py(self, _py: Python<'py>) -> PyResult<Owned<'py>> {
        Ok(self.to_owned())
    }
}

impl<'py, T: IntoPyObject<'py>> IntoPyObject<'py> for PyResult<T> {
    #[inline(always)]
    fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>> {
        self?.into_py(py)
    }
}

impl<'py, T: IntoPyObject<'py>> IntoPyObject<'py> for Option<T> {
    #[inline(always)]
    fn into_py(self, py: Python<'py>) -> PyResult<Owned<'py>> {
        match self {
            Some(v) => v.into_py(py),
            None => Ok(py.none().to_owned()),
        }
    }
}

impl<'a, 'py, T: FromPyObject<'a, 'py>> FromPyObject<'a, 'py> for Option<T> {
    /// `None` maps to `None`; anything else must convert to `T`.
    #[inline(always)]
    fn extract(obj: Borrowed<'a, 'py>) -> PyResult<Self> {
        if obj.is_none() {
            Ok(None)
        } else {
            T::extract(obj).map(Some)
        }
    }
}
