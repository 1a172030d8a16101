//! Built-in exception classes, and module-defined exception classes.

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, Owned};
use crate::python::Python;

/// A built-in exception class of the interpreter.
///
/// # Safety
/// `type_ptr` returns a valid exception class that lives as long as the interpreter: the
/// raising functions hand it to the C API unchecked.
pub unsafe trait BuiltinException {
    /// The class object.
    fn type_ptr(py: Python<'_>) -> *mut ffi::PyObject;
}

macro_rules! builtin_exceptions {
    ($($name:ident => $sym:ident),* $(,)?) => {$(
        #[doc = concat!("The built-in `", stringify!($name), "`.")]
        pub struct $name;
        // SAFETY: the pointer is one of the interpreter's own built-in exception classes.
        unsafe impl BuiltinException for $name {
            #[inline(always)]
            fn type_ptr(_py: Python<'_>) -> *mut ffi::PyObject {
                // SAFETY: the built-in exception pointers are set before any extension loads
                // and never change afterwards; reading one is a plain load.
                unsafe { ffi::$sym }
            }
        }
        impl $name {
            /// Raises this exception with `msg` and returns the proof.
            #[cold]
            pub fn new_err(py: Python<'_>, msg: impl AsRef<str>) -> PyErr {
                PyErr::new::<$name>(py, msg.as_ref())
            }
            /// The class object.
            pub fn type_object(py: Python<'_>) -> Borrowed<'static, '_> {
                // SAFETY: built-in classes live as long as the interpreter.
                unsafe { Borrowed::from_ptr(py, <$name as BuiltinException>::type_ptr(py)) }
            }
        }
    )*};
}

builtin_exceptions! {
    BaseException => PyExc_BaseException,
    Exception => PyExc_Exception,
    ArithmeticError => PyExc_ArithmeticError,
    AttributeError => PyExc_AttributeError,
    BufferError => PyExc_BufferError,
    IndexError => PyExc_IndexError,
    KeyError => PyExc_KeyError,
    LookupError => PyExc_LookupError,
    MemoryError => PyExc_MemoryError,
    OverflowError => PyExc_OverflowError,
    RuntimeError => PyExc_RuntimeError,
    StopIteration => PyExc_StopIteration,
    SystemError => PyExc_SystemError,
    TypeError => PyExc_TypeError,
    ValueError => PyExc_ValueError,
    UnicodeDecodeError => PyExc_UnicodeDecodeError,
    ZeroDivisionError => PyExc_ZeroDivisionError,
    RecursionError => PyExc_RecursionError,
    NotImplementedError => PyExc_NotImplementedError,
    UnicodeEncodeError => PyExc_UnicodeEncodeError,
    EOFError => PyExc_EOFError,
    ImportError => PyExc_ImportError,
}

/// Creates a new exception class `qualified_name` (`"module.Name"`) deriving from `base`
/// (default `Exception`), with an optional docstring. Keep the class in module state and add
/// it to the module in `exec`; never in a static.
pub fn new_exception_type<'py>(
    py: Python<'py>,
    qualified_name: &str,
    doc: Option<&str>,
    base: Option<Borrowed<'_, 'py>>,
) -> PyResult<Owned<'py>> {
    let name = std::ffi::CString::new(qualified_name)
        .map_err(|_| ValueError::new_err(py, "exception name contains NUL"))?;
    let doc = match doc {
        Some(d) => Some(
            std::ffi::CString::new(d)
                .map_err(|_| ValueError::new_err(py, "exception doc contains NUL"))?,
        ),
        None => None,
    };
    // SAFETY: attached thread; the strings are NUL-terminated and copied by the callee; `base`
    // is a valid class or null (meaning `Exception`).
    unsafe {
        Owned::from_owned_ptr(
            py,
            ffi::PyErr_NewExceptionWithDoc(
                name.as_ptr(),
                doc.as_ref().map_or(std::ptr::null(), |d| d.as_ptr()),
                base.map_or(std::ptr::null_mut(), |b| b.as_ptr()),
                std::ptr::null_mut(),
            ),
        )
    }
}
