//! Object handles: [`Owned`] (a strong reference) and [`Borrowed`] (a borrowed one).

use crate::convert::FromPyObject;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::python::Python;
use std::ffi::c_int;
use std::marker::PhantomData;
use std::ptr::NonNull;

/// A strong reference to a Python object, released when dropped.
///
/// # Invariants
/// `ptr` is a valid object and this value owns exactly one reference to it. It cannot outlive
/// `'py`, the attached period, so it is always released while the thread is attached.
#[repr(transparent)]
pub struct Owned<'py> {
    ptr: NonNull<ffi::PyObject>,
    _py: PhantomData<Python<'py>>,
}

/// A borrowed reference, valid for `'a` (at most `'py`).
///
/// # Invariants
/// `ptr` is a valid object kept alive by someone else for `'a`; the thread is attached for
/// `'py`. Layout is one non-null pointer, so a C array of arguments can be viewed as a slice of
/// `Borrowed`.
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct Borrowed<'a, 'py> {
    ptr: NonNull<ffi::PyObject>,
    _marker: PhantomData<(&'a ffi::PyObject, Python<'py>)>,
}

/// Rich comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CompareOp {
    /// The operation of a `tp_richcompare` code (`Py_LT`..`Py_GE`).
    pub fn from_raw(op: c_int) -> Option<CompareOp> {
        Some(match op as u32 {
            ffi::Py_LT => CompareOp::Lt,
            ffi::Py_LE => CompareOp::Le,
            ffi::Py_EQ => CompareOp::Eq,
            ffi::Py_NE => CompareOp::Ne,
            ffi::Py_GT => CompareOp::Gt,
            ffi::Py_GE => CompareOp::Ge,
            _ => return None,
        })
    }

    fn raw(self) -> c_int {
        (match self {
            CompareOp::Lt => ffi::Py_LT,
            CompareOp::Le => ffi::Py_LE,
            CompareOp::Eq => ffi::Py_EQ,
            CompareOp::Ne => ffi::Py_NE,
            CompareOp::Gt => ffi::Py_GT,
            CompareOp::Ge => ffi::Py_GE,
        }) as c_int
    }
}

impl<'py> Owned<'py> {
    /// Takes ownership of a new reference returned by a C API call; null means the call raised.
    ///
    /// # Safety
    /// `ptr` is null with an exception set, or a new (owned) reference to a valid object.
    #[inline(always)]
    pub unsafe fn from_owned_ptr(py: Python<'py>, ptr: *mut ffi::PyObject) -> PyResult<Self> {
        match NonNull::new(ptr) {
            Some(ptr) => Ok(Owned {
                ptr,
                _py: PhantomData,
            }),
            None => Err(PyErr::fetch(py)),
        }
    }

    /// Takes ownership of a new, non-null reference.
    ///
    /// # Safety
    /// `ptr` is a new (owned) reference to a valid object.
    #[inline(always)]
    pub unsafe fn from_owned_ptr_unchecked(_py: Python<'py>, ptr: *mut ffi::PyObject) -> Self {
        // SAFETY: caller guarantees non-null.
        let ptr = unsafe { NonNull::new_unchecked(ptr) };
        Owned {
            ptr,
            _py: PhantomData,
        }
    }

    /// The raw pointer, still owned by `self`.
    #[inline(always)]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.ptr.as_ptr()
    }

    /// Gives up ownership: the caller now owns the reference (typically returned to C).
    #[inline(always)]
    pub fn into_ptr(self) -> *mut ffi::PyObject {
        let ptr = self.ptr.as_ptr();
        std::mem::forget(self);
        ptr
    }

    /// A borrowed view for as long as `self` lives.
    #[inline(always)]
    pub fn as_borrowed<'a>(&'a self) -> Borrowed<'a, 'py> {
        Borrowed {
            ptr: self.ptr,
            _marker: PhantomData,
        }
    }

    /// The token this handle is bound to.
    #[inline(always)]
    pub fn py(&self) -> Python<'py> {
        // SAFETY: an `Owned<'py>` exists only while attached for `'py` (invariant).
        unsafe { Python::assume_attached() }
    }
}

impl Drop for Owned<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: we own one reference (invariant) and are attached for `'py`.
        unsafe { ffi::Py_DECREF(self.ptr.as_ptr()) }
    }
}

impl Clone for Owned<'_> {
    #[inline(always)]
    fn clone(&self) -> Self {
        // SAFETY: `ptr` is valid and the thread attached; the new reference is owned by the clone.
        unsafe { ffi::Py_INCREF(self.ptr.as_ptr()) };
        Owned {
            ptr: self.ptr,
            _py: PhantomData,
        }
    }
}

impl<'a, 'py> Borrowed<'a, 'py> {
    /// Wraps a borrowed pointer.
    ///
    /// # Safety
    /// `ptr` is non-null, valid, and kept alive by someone else for `'a`; the thread is attached.
    #[inline(always)]
    pub unsafe fn from_ptr(_py: Python<'py>, ptr: *mut ffi::PyObject) -> Self {
        // SAFETY: caller guarantees non-null.
        let ptr = unsafe { NonNull::new_unchecked(ptr) };
        Borrowed {
            ptr,
            _marker: PhantomData,
        }
    }

    /// Views a C array of argument pointers as a slice of handles.
    ///
    /// # Safety
    /// `args` points to `len` valid, non-null object pointers that live for `'a`
    /// (or `len == 0`).
    #[inline(always)]
    pub unsafe fn slice_from_raw(
        _py: Python<'py>,
        args: *const *mut ffi::PyObject,
        len: usize,
    ) -> &'a [Borrowed<'a, 'py>] {
        if len == 0 {
            return &[];
        }
        // SAFETY: `Borrowed` is a transparent non-null pointer; the caller guarantees the rest.
        unsafe { std::slice::from_raw_parts(args.cast::<Borrowed<'a, 'py>>(), len) }
    }

    /// The raw pointer (borrowed).
    #[inline(always)]
    pub fn as_ptr(self) -> *mut ffi::PyObject {
        self.ptr.as_ptr()
    }

    /// The token this handle is bound to.
    #[inline(always)]
    pub fn py(self) -> Python<'py> {
        // SAFETY: a `Borrowed<'_, 'py>` exists only while attached for `'py` (invariant).
        unsafe { Python::assume_attached() }
    }

    /// A new strong reference.
    #[inline(always)]
    pub fn to_owned(self) -> Owned<'py> {
        // SAFETY: valid object, attached thread; the new reference is owned by the result.
        unsafe {
            ffi::Py_INCREF(self.as_ptr());
            Owned::from_owned_ptr_unchecked(self.py(), self.as_ptr())
        }
    }

    /// Converts to a Rust value.
    #[inline(always)]
    pub fn extract<T: FromPyObject<'a, 'py>>(self) -> PyResult<T> {
        T::extract(self)
    }

    /// `self is other`.
    #[inline(always)]
    pub fn is(self, other: Borrowed<'_, 'py>) -> bool {
        self.ptr == other.ptr
    }

    /// `self is None`.
    #[inline(always)]
    pub fn is_none(self) -> bool {
        self.as_ptr() == ffi::Py_None()
    }

    /// The object's type.
    #[inline(always)]
    pub fn get_type(self) -> Borrowed<'a, 'py> {
        // SAFETY: an object keeps its type alive.
        unsafe { Borrowed::from_ptr(self.py(), ffi::Py_TYPE(self.as_ptr()).cast()) }
    }

    /// The raw type pointer.
    #[inline(always)]
    pub fn type_ptr(self) -> *mut ffi::PyTypeObject {
        // SAFETY: valid object.
        unsafe { ffi::Py_TYPE(self.as_ptr()) }
    }

    /// The type's `__name__` as C reports it in error messages (`tp_name`, e.g. `'str'`).
    pub fn type_name(self) -> String {
        // SAFETY: `tp_name` of a live type is a NUL-terminated string that lives with the type.
        unsafe {
            let name = (*self.type_ptr()).tp_name;
            std::ffi::CStr::from_ptr(name)
                .to_string_lossy()
                .into_owned()
        }
    }

    /// `isinstance(self, cls)`.
    pub fn is_instance(self, cls: Borrowed<'_, 'py>) -> PyResult<bool> {
        // SAFETY: valid objects, attached thread.
        let r = unsafe { ffi::PyObject_IsInstance(self.as_ptr(), cls.as_ptr()) };
        if r < 0 {
            Err(PyErr::fetch(self.py()))
        } else {
            Ok(r == 1)
        }
    }

    /// `bool(self)`.
    #[inline]
    pub fn is_truthy(self) -> PyResult<bool> {
        // `PyObject_IsTrue` answers these three first, without a lookup; so do we, in place.
        let p = self.as_ptr();
        if p == ffi::Py_True() {
            return Ok(true);
        }
        if p == ffi::Py_False() || p == ffi::Py_None() {
            return Ok(false);
        }
        // SAFETY: valid object, attached thread.
        let r = unsafe { ffi::PyObject_IsTrue(self.as_ptr()) };
        if r < 0 {
            Err(PyErr::fetch(self.py()))
        } else {
            Ok(r == 1)
        }
    }

    /// `len(self)`.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(self) -> PyResult<usize> {
        // SAFETY: valid object, attached thread.
        let n = unsafe { ffi::PyObject_Size(self.as_ptr()) };
        if n < 0 {
            Err(PyErr::fetch(self.py()))
        } else {
            Ok(n as usize)
        }
    }

    /// Rich comparison reduced to a truth value (`PyObject_RichCompareBool`: identity implies
    /// equality for `Eq`/`Ne`). May run arbitrary Python code.
    #[inline]
    pub fn compare_bool(self, other: Borrowed<'_, 'py>, op: CompareOp) -> PyResult<bool> {
        // SAFETY: valid objects, attached thread.
        let r = unsafe { ffi::PyObject_RichCompareBool(self.as_ptr(), other.as_ptr(), op.raw()) };
        if r < 0 {
            Err(PyErr::fetch(self.py()))
        } else {
            Ok(r == 1)
        }
    }

    /// `self(arg)`: the callee's vectorcall entry called inline, with the interpreter's result
    /// checks (see `call.rs`).
    #[inline]
    pub fn call1(self, arg: Borrowed<'_, 'py>) -> PyResult<Owned<'py>> {
        // The slot before the argument is scratch space the callee may use (the offset flag).
        let mut args = [std::ptr::null_mut(), arg.as_ptr()];
        let nargsf = 1 | ffi::PY_VECTORCALL_ARGUMENTS_OFFSET;
        // SAFETY: attached thread (token); `self` is valid; `args[1]` is a valid object and
        // `args[0]` the writable slot before it that the flag announces.
        unsafe {
            let argv = args.as_mut_ptr().add(1);
            crate::call::vectorcall(self.py(), self.as_ptr(), argv, nargsf)
        }
    }

    /// `self(*args)`, as [`Borrowed::call1`].
    pub fn call(self, args: &[Borrowed<'_, 'py>]) -> PyResult<Owned<'py>> {
        // SAFETY: `args` is a contiguous array of valid object pointers (`Borrowed` is a
        // transparent pointer) that the callee only reads (no offset flag).
        unsafe {
            crate::call::vectorcall(self.py(), self.as_ptr(), args.as_ptr().cast(), args.len())
        }
    }

    /// `self(*args, **kwargs)` through vectorcall: the positional arguments, then the keyword
    /// arguments as `(name, value)` pairs in call order (no dict is built).
    pub fn call_kw(
        self,
        args: &[Borrowed<'_, 'py>],
        kwargs: &[(&str, Borrowed<'_, 'py>)],
    ) -> PyResult<Owned<'py>> {
        if kwargs.is_empty() {
            return self.call(args);
        }
        let py = self.py();
        let mut names = Vec::with_capacity(kwargs.len());
        for (name, _) in kwargs {
            names.push(crate::types::str::new(py, name)?);
        }
        let kwnames = crate::types::tuple::new(py, names)?;
        let mut all: Vec<*mut ffi::PyObject> = Vec::with_capacity(args.len() + kwargs.len());
        all.extend(args.iter().map(|a| a.as_ptr()));
        all.extend(kwargs.iter().map(|(_, v)| v.as_ptr()));
        // SAFETY: `all` holds the positional then the keyword values, valid objects kept alive
        // by the caller's handles; `kwnames` is a tuple of str of the keyword count; vectorcall
        // only reads them. The result is a new reference or null with an exception.
        unsafe {
            Owned::from_owned_ptr(
                py,
                ffi::PyObject_Vectorcall(self.as_ptr(), all.as_ptr(), args.len(), kwnames.as_ptr()),
            )
        }
    }

    /// `self.name(*args)`: looks the method up and calls it without making a bound method
    /// (`PyObject_VectorcallMethod`).
    pub fn call_method(self, name: &str, args: &[Borrowed<'_, 'py>]) -> PyResult<Owned<'py>> {
        let py = self.py();
        let name = crate::types::str::interned(py, name)?;
        let mut all: Vec<*mut ffi::PyObject> = Vec::with_capacity(args.len() + 1);
        all.push(self.as_ptr());
        all.extend(args.iter().map(|a| a.as_ptr()));
        // SAFETY: `all` is the receiver then the arguments, all valid objects alive for the
        // call; `name` is a str; the result is a new reference or null with an exception. The
        // offset flag lets the callee overwrite `all[0]` for the duration of the call (it
        // restores it), which is why the pointer is a mutable one into our own vector.
        unsafe {
            Owned::from_owned_ptr(
                py,
                ffi::PyObject_VectorcallMethod(
                    name.as_ptr(),
                    all.as_mut_ptr(),
                    all.len() | ffi::PY_VECTORCALL_ARGUMENTS_OFFSET,
                    std::ptr::null_mut(),
                ),
            )
        }
    }

    /// `getattr(self, name)`.
    pub fn getattr(self, name: &str) -> PyResult<Owned<'py>> {
        // Interned, as CPython's own lookups by C string are (see `str::interned`).
        let name = crate::types::str::interned(self.py(), name)?;
        // SAFETY: valid objects, attached thread.
        unsafe {
            Owned::from_owned_ptr(
                self.py(),
                ffi::PyObject_GetAttr(self.as_ptr(), name.as_ptr()),
            )
        }
    }

    /// `repr(self)`.
    pub fn repr(self) -> PyResult<Owned<'py>> {
        // SAFETY: valid object, attached thread.
        unsafe { Owned::from_owned_ptr(self.py(), ffi::PyObject_Repr(self.as_ptr())) }
    }

    /// `str(self)`.
    pub fn str(self) -> PyResult<Owned<'py>> {
        // SAFETY: valid object, attached thread.
        unsafe { Owned::from_owned_ptr(self.py(), ffi::PyObject_Str(self.as_ptr())) }
    }

    /// Reference count (diagnostics and tests only).
    pub fn refcnt(self) -> isize {
        // SAFETY: valid object.
        unsafe { ffi::Py_REFCNT(self.as_ptr()) }
    }

    /// `isinstance(self, int)`.
    #[inline(always)]
    pub fn is_int(self) -> bool {
        // SAFETY: valid object.
        unsafe { ffi::PyLong_Check(self.as_ptr()) }
    }
    /// `type(self) is int`.
    #[inline(always)]
    pub fn is_exact_int(self) -> bool {
        // SAFETY: valid object.
        unsafe { ffi::PyLong_CheckExact(self.as_ptr()) }
    }
    /// `isinstance(self, bool)`.
    #[inline(always)]
    pub fn is_bool(self) -> bool {
        // SAFETY: valid object.
        unsafe { ffi::PyBool_Check(self.as_ptr()) }
    }
    /// `isinstance(self, float)`.
    #[inline(always)]
    pub fn is_float(self) -> bool {
        // SAFETY: valid object, attached thread.
        unsafe { ffi::PyFloat_Check(self.as_ptr()) }
    }
    /// `isinstance(self, bytes)`.
    #[inline(always)]
    pub fn is_bytes(self) -> bool {
        // SAFETY: valid object.
        unsafe { ffi::PyBytes_Check(self.as_ptr()) }
    }
    /// `isinstance(self, bytearray)`.
    #[inline(always)]
    pub fn is_bytearray(self) -> bool {
        // SAFETY: valid object, attached thread.
        unsafe { ffi::PyByteArray_Check(self.as_ptr()) }
    }
    /// `isinstance(self, str)`.
    #[inline(always)]
    pub fn is_str(self) -> bool {
        // SAFETY: valid object.
        unsafe { ffi::PyUnicode_Check(self.as_ptr()) }
    }
    /// `isinstance(self, tuple)`.
    #[inline(always)]
    pub fn is_tuple(self) -> bool {
        // SAFETY: valid object.
        unsafe { ffi::PyTuple_Check(self.as_ptr()) }
    }
    /// `isinstance(self, list)`.
    #[inline(always)]
    pub fn is_list(self) -> bool {
        // SAFETY: valid object.
        unsafe { ffi::PyList_Check(self.as_ptr()) }
    }
    /// `type(self) is list`.
    #[inline(always)]
    pub fn is_exact_list(self) -> bool {
        // SAFETY: valid object.
        unsafe { ffi::PyList_CheckExact(self.as_ptr()) }
    }
    /// `type(self) is bytes`.
    #[inline(always)]
    pub fn is_exact_bytes(self) -> bool {
        // SAFETY: valid object.
        unsafe { ffi::PyBytes_CheckExact(self.as_ptr()) }
    }
    /// `type(self) is str`.
    #[inline(always)]
    pub fn is_exact_str(self) -> bool {
        // SAFETY: valid object.
        unsafe { ffi::PyUnicode_CheckExact(self.as_ptr()) }
    }
    /// `isinstance(self, dict)`.
    #[inline(always)]
    pub fn is_dict(self) -> bool {
        // SAFETY: valid object.
        unsafe { ffi::PyDict_Check(self.as_ptr()) }
    }
    /// `type(self) is dict`.
    #[inline(always)]
    pub fn is_exact_dict(self) -> bool {
        // SAFETY: valid object.
        unsafe { ffi::PyDict_CheckExact(self.as_ptr()) }
    }
    /// Whether the object exports the buffer protocol.
    #[inline(always)]
    pub fn supports_buffer(self) -> bool {
        // SAFETY: valid object.
        unsafe { ffi::PyObject_CheckBuffer(self.as_ptr()) != 0 }
    }
}
