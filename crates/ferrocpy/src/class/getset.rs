//! Attributes computed by Rust code: `@getter`/`@setter` clinic declarations become entries of
//! the class's `tp_getset` table (`PyGetSetDef`), so reading, writing and deleting them, and
//! the errors for a read-only attribute, are CPython's descriptor behaviour.

use super::{PyClass, Ref};
use crate::err::PyResult;
use crate::ffi;
use crate::object::{Borrowed, Owned};
use crate::panic::contain;
use crate::python::Python;
use std::ffi::{c_int, c_void};
use std::marker::PhantomData;
use std::ptr::null_mut;

/// One attribute of class `T` (a `PyGetSetDef` entry).
///
/// # Invariants
/// `raw.get` and `raw.set` (if any) are functions of the getter/setter C signatures that treat
/// their object argument as an instance of a type created for `T` (or a subclass); `name` and
/// `doc` are static NUL-terminated strings (`doc` may be null).
#[repr(transparent)]
pub struct GetSetDef<T> {
    raw: ffi::PyGetSetDef,
    _value: PhantomData<fn(T)>,
}

impl<T> Clone for GetSetDef<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for GetSetDef<T> {}

// SAFETY: immutable static data (names, docs, function pointers).
unsafe impl<T> Sync for GetSetDef<T> {}

impl<T> GetSetDef<T> {
    /// Wraps a raw entry.
    ///
    /// # Safety
    /// The invariants above hold for `raw`.
    #[doc(hidden)]
    pub const unsafe fn from_raw(raw: ffi::PyGetSetDef) -> Self {
        GetSetDef {
            raw,
            _value: PhantomData,
        }
    }

    /// The same attribute with a setter added (the clinic merges an attribute's `@getter` and
    /// `@setter` blocks this way).
    #[doc(hidden)]
    pub const fn with_setter(self, setter: GetSetDef<T>) -> Self {
        let mut raw = self.raw;
        raw.set = setter.raw.set;
        GetSetDef {
            raw,
            _value: PhantomData,
        }
    }

    /// The raw entry.
    pub const fn raw(&self) -> ffi::PyGetSetDef {
        self.raw
    }
}

/// The terminating entry of a getset table.
#[doc(hidden)]
pub const GETSET_SENTINEL: ffi::PyGetSetDef = ffi::PyGetSetDef {
    name: std::ptr::null(),
    get: None,
    set: None,
    doc: std::ptr::null(),
    closure: std::ptr::null_mut(),
};

/// A null-terminated static getset table of class `T`.
#[doc(hidden)]
#[repr(transparent)]
pub struct GetSetTable<T, const N: usize> {
    defs: std::cell::UnsafeCell<[ffi::PyGetSetDef; N]>,
    _value: PhantomData<fn(T)>,
}

// SAFETY: written only at compile time; CPython only reads getset tables.
unsafe impl<T, const N: usize> Sync for GetSetTable<T, N> {}

impl<T: PyClass, const N: usize> GetSetTable<T, N> {
    /// The table of `defs` (each a `GetSetDef<T>`) and a terminator.
    #[doc(hidden)]
    pub const fn new<const M: usize>(defs: [GetSetDef<T>; M]) -> Self {
        assert!(N == M + 1, "getset table size");
        let mut out = [GETSET_SENTINEL; N];
        let mut i = 0;
        while i < M {
            out[i] = defs[i].raw;
            i += 1;
        }
        GetSetTable {
            defs: std::cell::UnsafeCell::new(out),
            _value: PhantomData,
        }
    }

    /// The `Py_tp_getset` slot of this table.
    #[doc(hidden)]
    pub const fn slot(&'static self) -> super::SlotDef<T> {
        // SAFETY: a static, null-terminated table of `T`'s attributes.
        unsafe { super::SlotDef::from_raw(ffi::Py_tp_getset, self.defs.get().cast()) }
    }
}

/// The body of a getter entry.
///
/// # Safety
/// Called by CPython, attached, with `slf` an instance of a type created for `T` (or a
/// subclass; the getset descriptor checks the type before calling).
#[inline(always)]
pub unsafe fn get<T: PyClass, F>(slf: *mut ffi::PyObject, f: F) -> *mut ffi::PyObject
where
    F: for<'a, 'py> FnOnce(Ref<'a, 'py, T>) -> PyResult<Owned<'py>>,
{
    // SAFETY: forwarded from the caller.
    let py = unsafe { Python::assume_attached() };
    // SAFETY: forwarded from the caller.
    let r = unsafe { Ref::<T>::from_ptr(py, slf) };
    contain(py, null_mut(), || match f(r) {
        Ok(o) => o.into_ptr(),
        Err(_) => null_mut(),
    })
}

/// The body of a setter entry: `value` is `None` for `del obj.attr`.
///
/// # Safety
/// As [`get`]; `value` is null or a valid object.
#[inline(always)]
pub unsafe fn set<T: PyClass, F>(slf: *mut ffi::PyObject, value: *mut ffi::PyObject, f: F) -> c_int
where
    F: for<'a, 'py> FnOnce(Ref<'a, 'py, T>, Option<Borrowed<'a, 'py>>) -> PyResult<()>,
{
    // SAFETY: forwarded from the caller.
    let py = unsafe { Python::assume_attached() };
    // SAFETY: forwarded from the caller.
    let (r, v) = unsafe {
        (
            Ref::<T>::from_ptr(py, slf),
            if value.is_null() {
                None
            } else {
                Some(Borrowed::from_ptr(py, value))
            },
        )
    };
    contain(py, -1, || match f(r, v) {
        Ok(()) => 0,
        Err(_) => -1,
    })
}

/// Unused closure argument of getters and setters.
#[doc(hidden)]
pub type Closure = *mut c_void;

/// Defines an attribute of class `T`: `ferrocpy::getset!(get, T, "name", doc, glue)` (a
/// getter; `doc` a string literal or `None`) or `ferrocpy::getset!(set, T, "name", glue)` (a
/// setter, combined with the getter by [`GetSetDef::with_setter`]). The clinic generates these
/// from `@getter` and `@setter` blocks.
#[macro_export]
macro_rules! getset {
    (get, $ty:ty, $name:literal, $doc:tt, $glue:path) => {{
        // SAFETY: only CPython calls this entry, as the attribute's getter.
        unsafe extern "C" fn __get(
            slf: *mut $crate::ffi::PyObject,
            _closure: $crate::class::getset::Closure,
        ) -> *mut $crate::ffi::PyObject {
            // SAFETY: CPython calls a getter attached with an instance of the type that holds
            // the getset table (or a subclass), checked by the descriptor.
            unsafe { $crate::class::getset::get::<$ty, _>(slf, $glue) }
        }
        // SAFETY: `__get` is a getter for `Instance<$ty>`; name and doc are static C strings.
        unsafe {
            $crate::class::getset::GetSetDef::<$ty>::from_raw($crate::ffi::PyGetSetDef {
                name: $crate::__cstr!($name),
                get: Some(__get),
                set: None,
                doc: $crate::__getset_doc!($doc),
                closure: ::std::ptr::null_mut(),
            })
        }
    }};
    (set, $ty:ty, $name:literal, $glue:path) => {{
        // SAFETY: only CPython calls this entry, as the attribute's setter.
        unsafe extern "C" fn __set(
            slf: *mut $crate::ffi::PyObject,
            value: *mut $crate::ffi::PyObject,
            _closure: $crate::class::getset::Closure,
        ) -> ::std::ffi::c_int {
            // SAFETY: CPython calls a setter attached with an instance of the type (or a
            // subclass) and the new value, or null to delete.
            unsafe { $crate::class::getset::set::<$ty, _>(slf, value, $glue) }
        }
        // SAFETY: `__set` is a setter for `Instance<$ty>`; the name is a static C string.
        unsafe {
            $crate::class::getset::GetSetDef::<$ty>::from_raw($crate::ffi::PyGetSetDef {
                name: $crate::__cstr!($name),
                get: None,
                set: Some(__set),
                doc: ::std::ptr::null(),
                closure: ::std::ptr::null_mut(),
            })
        }
    }};
}

#[doc(hidden)]
#[macro_export]
macro_rules! __getset_doc {
    (None) => {
        ::std::ptr::null()
    };
    ($doc:literal) => {
        $crate::__cstr!($doc)
    };
}
