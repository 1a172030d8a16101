//! The type slots a class gets from its clinic declarations: `__new__` (`tp_new`), `__init__`
//! (`tp_init`), `__call__` (`tp_call`) and the special methods with fixed C signatures
//! (`__len__`, `__iter__`, `__next__`, `__repr__`, `__str__`, `__hash__`, `__getitem__`, rich
//! comparison). [`crate::slot!`] emits the `extern "C"` entry of one slot from a glue function;
//! the bodies below turn raw pointers into handles, contain panics and translate the result
//! into the slot's C error convention.

use super::{alloc_instance, PyClass, Ref, TypeRef};
use crate::args::FastcallArgs;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, CompareOp, Owned};
use crate::panic::contain;
use crate::python::Python;
use std::ffi::c_int;
use std::ptr::null_mut;

/// Binds the `(args, kwargs)` of a `tp_new`/`tp_init`/`tp_call` call as fastcall arguments
/// (positional values, then one value per keyword, with a tuple of the keyword names).
///
/// # Safety
/// Attached; `args` is a tuple; `kwargs` is null or a dict.
#[inline(always)]
unsafe fn with_args<'py, R>(
    py: Python<'py>,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
    f: impl for<'a> FnOnce(FastcallArgs<'a, 'py>) -> PyResult<R>,
) -> PyResult<R> {
    // SAFETY: `args` is a tuple (caller).
    let nargs = unsafe { ffi::PyTuple_GET_SIZE(args) } as usize;
    // SAFETY: `args` is a tuple (caller).
    let items = unsafe { ffi::PyTuple_ITEMS(args) };
    // SAFETY: `kwargs` is null or a dict (caller).
    if kwargs.is_null() || unsafe { ffi::PyDict_Size(kwargs) } == 0 {
        // SAFETY: the tuple's own item array holds exactly the call's `nargs` positional
        // values, kept alive by the tuple for the call (they need no copy); no keywords.
        let a = unsafe { FastcallArgs::new(items, nargs, None) };
        return f(a);
    }
    // SAFETY: forwarded from the caller.
    unsafe { with_keywords(py, items, nargs, kwargs, f) }
}

/// [`with_args`] when there are keyword arguments.
///
/// # Safety
/// Attached; `items` points to the `nargs` items of a tuple; `kwargs` is a dict.
#[inline(never)]
unsafe fn with_keywords<'py, R>(
    py: Python<'py>,
    items: *mut *mut ffi::PyObject,
    nargs: usize,
    kwargs: *mut ffi::PyObject,
    f: impl for<'a> FnOnce(FastcallArgs<'a, 'py>) -> PyResult<R>,
) -> PyResult<R> {
    // SAFETY: a dict (caller).
    let nkw = unsafe { ffi::PyDict_Size(kwargs) as usize };
    let mut stack: Vec<*mut ffi::PyObject> = Vec::with_capacity(nargs + nkw);
    for i in 0..nargs {
        // SAFETY: in bounds of the tuple's item array; the tuple keeps its items alive for
        // the call.
        stack.push(unsafe { *items.add(i) });
    }
    // Keyword values are held strongly (a converter could run code that changes the dict);
    // the names go into a new tuple, as vectorcall passes them.
    // SAFETY: attached.
    let names = unsafe { Owned::from_owned_ptr(py, ffi::PyTuple_New(nkw as ffi::Py_ssize_t)) }?;
    let mut values: Vec<Owned<'py>> = Vec::with_capacity(nkw);
    let mut pos: ffi::Py_ssize_t = 0;
    let mut key = null_mut();
    let mut value = null_mut();
    let mut k = 0;
    // SAFETY: iterating a dict with borrowed results, taking our own references before any
    // other code runs; the dict's size was read above and nothing runs in between.
    unsafe {
        while k < nkw && ffi::PyDict_Next(kwargs, &mut pos, &mut key, &mut value) != 0 {
            if !ffi::PyUnicode_Check(key) {
                return Err(crate::exc::TypeError::new_err(
                    py,
                    "keywords must be strings",
                ));
            }
            ffi::Py_INCREF(key);
            ffi::PyTuple_SET_ITEM(names.as_ptr(), k as ffi::Py_ssize_t, key);
            values.push(Borrowed::from_ptr(py, value).to_owned());
            k += 1;
        }
    }
    if k != nkw {
        return Err(crate::exc::RuntimeError::new_err(
            py,
            "dictionary changed size during iteration",
        ));
    }
    stack.extend(values.iter().map(|v| v.as_ptr()));
    // SAFETY: `stack` holds `nargs` positional values (kept alive by the tuple) and `nkw`
    // keyword values (kept alive by `values`), `names` a tuple of `nkw` str.
    let a = unsafe { FastcallArgs::new(stack.as_ptr(), nargs, Some(names.as_borrowed())) };
    f(a)
}

/// The address of a slot value (a subclass that does not override a slot holds the very
/// pointer its base holds, so comparing addresses read from type objects is meaningful).
fn addr<F>(f: Option<F>) -> usize
where
    F: Copy,
{
    assert!(std::mem::size_of::<F>() == std::mem::size_of::<usize>());
    match f {
        // SAFETY: `F` is a function pointer type (the slot types below), pointer-sized.
        Some(f) => unsafe { std::mem::transmute_copy::<F, usize>(&f) },
        None => 0,
    }
}

/// Whether `__new__`'s no-keyword/no-positional checks apply for `cls` (CPython's clinic
/// skips them for a subclass that overrides `__init__`, which then takes the arguments; before
/// 3.11, for every subclass).
#[doc(hidden)]
#[inline(always)]
pub fn new_checks_args<T: PyClass>(cls: TypeRef<'_, '_, T>) -> bool {
    let ty = cls.as_borrowed().as_ptr().cast::<ffi::PyTypeObject>();
    // SAFETY: both are live type objects (invariant of `TypeRef`; the base is in its MRO).
    unsafe {
        let base = super::defining_type::<T>(ty);
        // 3.10's clinic checked for the exact class only.
        base.is_null()
            || ty == base
            || (cfg!(Py_3_11) && addr((*ty).tp_init) == addr((*base).tp_init))
    }
}

/// Whether `__init__`'s no-keyword/no-positional checks apply for `slf` (skipped for an
/// instance of a subclass that overrides `__new__`; before 3.11, of any subclass).
#[doc(hidden)]
#[inline(always)]
pub fn init_checks_args<T: PyClass>(slf: Ref<'_, '_, T>) -> bool {
    let ty = slf.as_borrowed().type_ptr();
    // SAFETY: as in `new_checks_args`.
    unsafe {
        let base = super::defining_type::<T>(ty);
        base.is_null()
            || ty == base
            || (cfg!(Py_3_11) && addr((*ty).tp_new) == addr((*base).tp_new))
    }
}

/// `Name() takes no keyword arguments` unless `args` has none (or `check` is false).
#[doc(hidden)]
#[inline(always)]
pub fn check_no_keywords(
    py: Python<'_>,
    check: bool,
    args: FastcallArgs<'_, '_>,
    fname: &str,
) -> PyResult<()> {
    if !check || args.nkw() == 0 {
        return Ok(());
    }
    Err(takes_no(py, fname, "keyword"))
}

#[cold]
#[inline(never)]
fn takes_no(py: Python<'_>, fname: &str, what: &str) -> crate::PyErr {
    crate::exc::TypeError::new_err(py, format!("{fname}() takes no {what} arguments"))
}

/// `Name() takes no positional arguments` unless `args` has none (or `check` is false).
#[doc(hidden)]
#[inline(always)]
pub fn check_no_positional(
    py: Python<'_>,
    check: bool,
    args: FastcallArgs<'_, '_>,
    fname: &str,
) -> PyResult<()> {
    if !check || args.positional().is_empty() {
        return Ok(());
    }
    Err(takes_no(py, fname, "positional"))
}

/// `tp_new`: binds the arguments, runs the glue for the value, allocates the instance of
/// `subtype` (the class or a subclass) holding it.
///
/// # Safety
/// Called by CPython, attached, as the `tp_new` of a type created for `T` or inherited by a
/// subclass of one: `subtype` is such a type, `args` a tuple, `kwargs` null or a dict.
#[inline(always)]
pub unsafe fn new<T: PyClass, F>(
    subtype: *mut ffi::PyTypeObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
    f: F,
) -> *mut ffi::PyObject
where
    F: for<'a, 'py> FnOnce(TypeRef<'a, 'py, T>, FastcallArgs<'a, 'py>) -> PyResult<T>,
{
    // SAFETY: forwarded from the caller.
    let py = unsafe { Python::assume_attached() };
    contain(py, null_mut(), || {
        // SAFETY: forwarded from the caller.
        let cls = unsafe { TypeRef::<T>::from_ptr(py, subtype) };
        // SAFETY: forwarded from the caller.
        let value = unsafe { with_args(py, args, kwargs, |a| f(cls, a)) };
        match value {
            // SAFETY: `subtype` is our type or a subclass of it (caller).
            Ok(v) => match unsafe { alloc_instance(py, subtype, v) } {
                Ok(o) => o.into_ptr(),
                Err(_) => null_mut(),
            },
            Err(_) => null_mut(),
        }
    })
}

/// `tp_new` for `T::default()` (a class with `__init__` and no `__new__`).
///
/// # Safety
/// As [`new`].
pub(crate) unsafe extern "C" fn default_new<T: PyClass + Default>(
    subtype: *mut ffi::PyTypeObject,
    _args: *mut ffi::PyObject,
    _kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: forwarded from the caller.
    let py = unsafe { Python::assume_attached() };
    contain(py, null_mut(), || {
        // SAFETY: `subtype` is our type or a subclass of it (caller).
        match unsafe { alloc_instance(py, subtype, T::default()) } {
            Ok(o) => o.into_ptr(),
            Err(_) => null_mut(),
        }
    })
}

/// `tp_init`.
///
/// # Safety
/// Called by CPython, attached, as `tp_init` of a type created for `T` (or inherited):
/// `slf` is an instance of it or of a subclass, `args` a tuple, `kwargs` null or a dict.
#[inline(always)]
pub unsafe fn init<T: PyClass, F>(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
    f: F,
) -> c_int
where
    F: for<'a, 'py> FnOnce(Ref<'a, 'py, T>, FastcallArgs<'a, 'py>) -> PyResult<()>,
{
    // SAFETY: forwarded from the caller.
    let py = unsafe { Python::assume_attached() };
    contain(py, -1, || {
        // SAFETY: forwarded from the caller (`type.__call__` and the `__init__` wrapper check
        // the instance's type before calling).
        let r = unsafe { Ref::<T>::from_ptr(py, slf) };
        // SAFETY: forwarded from the caller.
        match unsafe { with_args(py, args, kwargs, |a| f(r, a)) } {
            Ok(()) => 0,
            Err(_) => -1,
        }
    })
}

/// `tp_call`.
///
/// # Safety
/// As [`init`], as `tp_call`.
#[inline(always)]
pub unsafe fn call<T: PyClass, F>(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
    f: F,
) -> *mut ffi::PyObject
where
    F: for<'a, 'py> FnOnce(Ref<'a, 'py, T>, FastcallArgs<'a, 'py>) -> PyResult<Owned<'py>>,
{
    // SAFETY: forwarded from the caller.
    let py = unsafe { Python::assume_attached() };
    contain(py, null_mut(), || {
        // SAFETY: forwarded from the caller.
        let r = unsafe { Ref::<T>::from_ptr(py, slf) };
        // SAFETY: forwarded from the caller.
        match unsafe { with_args(py, args, kwargs, |a| f(r, a)) } {
            Ok(o) => o.into_ptr(),
            Err(_) => null_mut(),
        }
    })
}

/// A unary slot returning an object (`tp_iter`, `tp_repr`, `tp_str`).
///
/// # Safety
/// Called by CPython, attached, with `slf` an instance of a type created for `T` (or a
/// subclass).
#[inline(always)]
pub unsafe fn unary<T: PyClass, F>(slf: *mut ffi::PyObject, f: F) -> *mut ffi::PyObject
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

/// `tp_iternext`: `Ok(None)` ends the iteration (null without an exception, as C does).
///
/// # Safety
/// As [`unary`].
#[inline(always)]
pub unsafe fn next<T: PyClass, F>(slf: *mut ffi::PyObject, f: F) -> *mut ffi::PyObject
where
    F: for<'a, 'py> FnOnce(Ref<'a, 'py, T>) -> PyResult<Option<Owned<'py>>>,
{
    // SAFETY: forwarded from the caller.
    let py = unsafe { Python::assume_attached() };
    // SAFETY: forwarded from the caller.
    let r = unsafe { Ref::<T>::from_ptr(py, slf) };
    contain(py, null_mut(), || match f(r) {
        Ok(Some(o)) => o.into_ptr(),
        Ok(None) | Err(_) => null_mut(),
    })
}

/// `sq_length`/`mp_length`: `-1` on error.
///
/// # Safety
/// As [`unary`].
#[inline(always)]
pub unsafe fn len<T: PyClass, F>(slf: *mut ffi::PyObject, f: F) -> ffi::Py_ssize_t
where
    F: for<'a, 'py> FnOnce(Ref<'a, 'py, T>) -> PyResult<usize>,
{
    // SAFETY: forwarded from the caller.
    let py = unsafe { Python::assume_attached() };
    // SAFETY: forwarded from the caller.
    let r = unsafe { Ref::<T>::from_ptr(py, slf) };
    contain(py, -1, || match f(r) {
        Ok(n) if n <= isize::MAX as usize => n as ffi::Py_ssize_t,
        Ok(_) => {
            let _: PyErr = crate::exc::OverflowError::new_err(
                py,
                "cannot fit 'int' into an index-sized integer",
            );
            -1
        }
        Err(_) => -1,
    })
}

/// `tp_hash`: `-1` on error; a hash of `-1` becomes `-2`, as CPython requires.
///
/// # Safety
/// As [`unary`].
#[inline(always)]
pub unsafe fn hash<T: PyClass, F>(slf: *mut ffi::PyObject, f: F) -> ffi::Py_hash_t
where
    F: for<'a, 'py> FnOnce(Ref<'a, 'py, T>) -> PyResult<isize>,
{
    // SAFETY: forwarded from the caller.
    let py = unsafe { Python::assume_attached() };
    // SAFETY: forwarded from the caller.
    let r = unsafe { Ref::<T>::from_ptr(py, slf) };
    contain(py, -1, || match f(r) {
        Ok(-1) => -2,
        Ok(h) => h as ffi::Py_hash_t,
        Err(_) => -1,
    })
}

/// A binary slot (`mp_subscript`).
///
/// # Safety
/// As [`unary`]; `arg` a valid object.
#[inline(always)]
pub unsafe fn binary<T: PyClass, F>(
    slf: *mut ffi::PyObject,
    arg: *mut ffi::PyObject,
    f: F,
) -> *mut ffi::PyObject
where
    F: for<'a, 'py> FnOnce(Ref<'a, 'py, T>, Borrowed<'a, 'py>) -> PyResult<Owned<'py>>,
{
    // SAFETY: forwarded from the caller.
    let py = unsafe { Python::assume_attached() };
    // SAFETY: forwarded from the caller.
    let (r, a) = unsafe { (Ref::<T>::from_ptr(py, slf), Borrowed::from_ptr(py, arg)) };
    contain(py, null_mut(), || match f(r, a) {
        Ok(o) => o.into_ptr(),
        Err(_) => null_mut(),
    })
}

/// `tp_richcompare`. Called for the reflected operation too, so `slf` may be the right operand
/// with the left one of another type: it is checked, and `NotImplemented` returned otherwise.
///
/// # Safety
/// Called by CPython, attached, with `slf` any object (CPython calls the slot of either
/// operand's type), `other` a valid object and `op` one of `Py_LT`..`Py_GE`.
#[inline(always)]
pub unsafe fn richcompare<T: PyClass, F>(
    slf: *mut ffi::PyObject,
    other: *mut ffi::PyObject,
    op: c_int,
    f: F,
) -> *mut ffi::PyObject
where
    F: for<'a, 'py> FnOnce(Ref<'a, 'py, T>, Borrowed<'a, 'py>, CompareOp) -> PyResult<Owned<'py>>,
{
    // SAFETY: forwarded from the caller.
    let py = unsafe { Python::assume_attached() };
    contain(py, null_mut(), || {
        // SAFETY: valid objects (caller).
        let (s, o) = unsafe { (Borrowed::from_ptr(py, slf), Borrowed::from_ptr(py, other)) };
        let ty = s.type_ptr();
        // SAFETY: a live type; CPython calls a type's richcompare slot with an instance of it
        // as first argument (`do_richcompare` swaps the operands for the reflected call), but
        // the check costs little and keeps `Ref`'s invariant independent of that.
        let ours = unsafe { !super::defining_type::<T>(ty).is_null() };
        let op = match CompareOp::from_raw(op) {
            Some(op) if ours => op,
            _ => return py.not_implemented().to_owned().into_ptr(),
        };
        // SAFETY: `s` is an instance of a type created for `T` or a subclass (checked).
        let r = unsafe { Ref::<T>::from_ptr(py, s.as_ptr()) };
        match f(r, o, op) {
            Ok(x) => x.into_ptr(),
            Err(_) => null_mut(),
        }
    })
}

/// Defines one slot of class `T` from a glue function: `ferrocpy::slot!(KIND, T, glue)` with
/// `KIND` one of `new`, `init`, `call`, `iter`, `repr`, `str`, `next`, `len`, `hash`,
/// `getitem`, `richcompare` (the glue signatures are those of the bodies in
/// `ferrocpy::class::slots`). The clinic generates these from `__new__`, `__init__` and the
/// special-method declarations.
#[macro_export]
macro_rules! slot {
    (new, $ty:ty, $glue:path) => {{
        // SAFETY: only CPython calls this entry, as the type's `tp_new`.
        unsafe extern "C" fn __entry(
            subtype: *mut $crate::ffi::PyTypeObject,
            args: *mut $crate::ffi::PyObject,
            kwargs: *mut $crate::ffi::PyObject,
        ) -> *mut $crate::ffi::PyObject {
            // SAFETY: CPython calls `tp_new` attached with the type being instantiated (ours,
            // or a subclass inheriting this slot), an argument tuple and a dict or null.
            unsafe { $crate::class::slots::new::<$ty, _>(subtype, args, kwargs, $glue) }
        }
        // SAFETY: `__entry` is a `newfunc` for `Instance<$ty>`.
        unsafe { $crate::class::SlotDef::<$ty>::from_raw($crate::ffi::Py_tp_new as u32, __entry as *mut ::std::ffi::c_void) }
    }};
    (init, $ty:ty, $glue:path) => {{
        // SAFETY: only CPython calls this entry, as the type's `tp_init`.
        unsafe extern "C" fn __entry(
            slf: *mut $crate::ffi::PyObject,
            args: *mut $crate::ffi::PyObject,
            kwargs: *mut $crate::ffi::PyObject,
        ) -> ::std::ffi::c_int {
            // SAFETY: CPython calls `tp_init` attached with an instance of the type (or of a
            // subclass), an argument tuple and a dict or null.
            unsafe { $crate::class::slots::init::<$ty, _>(slf, args, kwargs, $glue) }
        }
        // SAFETY: `__entry` is an `initproc` for `Instance<$ty>`.
        unsafe { $crate::class::SlotDef::<$ty>::from_raw($crate::ffi::Py_tp_init as u32, __entry as *mut ::std::ffi::c_void) }
    }};
    (call, $ty:ty, $glue:path) => {{
        // SAFETY: only CPython calls this entry, as the type's `tp_call`.
        unsafe extern "C" fn __entry(
            slf: *mut $crate::ffi::PyObject,
            args: *mut $crate::ffi::PyObject,
            kwargs: *mut $crate::ffi::PyObject,
        ) -> *mut $crate::ffi::PyObject {
            // SAFETY: CPython calls `tp_call` attached with an instance of the type (or of a
            // subclass), an argument tuple and a dict or null.
            unsafe { $crate::class::slots::call::<$ty, _>(slf, args, kwargs, $glue) }
        }
        // SAFETY: `__entry` is a `ternaryfunc` for `Instance<$ty>`.
        unsafe { $crate::class::SlotDef::<$ty>::from_raw($crate::ffi::Py_tp_call as u32, __entry as *mut ::std::ffi::c_void) }
    }};
    (iter, $ty:ty, $glue:path) => { $crate::slot!(@unary unary, Py_tp_iter, $ty, $glue) };
    (repr, $ty:ty, $glue:path) => { $crate::slot!(@unary unary, Py_tp_repr, $ty, $glue) };
    (str, $ty:ty, $glue:path) => { $crate::slot!(@unary unary, Py_tp_str, $ty, $glue) };
    (next, $ty:ty, $glue:path) => { $crate::slot!(@unary next, Py_tp_iternext, $ty, $glue) };
    (@unary $body:ident, $slot:ident, $ty:ty, $glue:path) => {{
        // SAFETY: only CPython calls this entry, as the slot it is registered for.
        unsafe extern "C" fn __entry(slf: *mut $crate::ffi::PyObject) -> *mut $crate::ffi::PyObject {
            // SAFETY: CPython calls this unary slot attached with an instance of the type (or
            // of a subclass).
            unsafe { $crate::class::slots::$body::<$ty, _>(slf, $glue) }
        }
        // SAFETY: `__entry` has the slot's C signature for `Instance<$ty>`.
        unsafe { $crate::class::SlotDef::<$ty>::from_raw($crate::ffi::$slot as u32, __entry as *mut ::std::ffi::c_void) }
    }};
    (len, $ty:ty, $glue:path) => {{
        // SAFETY: only CPython calls this entry, as `mp_length`.
        unsafe extern "C" fn __entry(slf: *mut $crate::ffi::PyObject) -> $crate::ffi::Py_ssize_t {
            // SAFETY: CPython calls `mp_length` attached with an instance of the type (or of a
            // subclass).
            unsafe { $crate::class::slots::len::<$ty, _>(slf, $glue) }
        }
        // SAFETY: `__entry` is a `lenfunc` for `Instance<$ty>`.
        unsafe { $crate::class::SlotDef::<$ty>::from_raw($crate::ffi::Py_mp_length as u32, __entry as *mut ::std::ffi::c_void) }
    }};
    (hash, $ty:ty, $glue:path) => {{
        // SAFETY: only CPython calls this entry, as `tp_hash`.
        unsafe extern "C" fn __entry(slf: *mut $crate::ffi::PyObject) -> $crate::ffi::Py_hash_t {
            // SAFETY: CPython calls `tp_hash` attached with an instance of the type (or of a
            // subclass).
            unsafe { $crate::class::slots::hash::<$ty, _>(slf, $glue) }
        }
        // SAFETY: `__entry` is a `hashfunc` for `Instance<$ty>`.
        unsafe { $crate::class::SlotDef::<$ty>::from_raw($crate::ffi::Py_tp_hash as u32, __entry as *mut ::std::ffi::c_void) }
    }};
    (getitem, $ty:ty, $glue:path) => {{
        // SAFETY: only CPython calls this entry, as `mp_subscript`.
        unsafe extern "C" fn __entry(
            slf: *mut $crate::ffi::PyObject,
            key: *mut $crate::ffi::PyObject,
        ) -> *mut $crate::ffi::PyObject {
            // SAFETY: CPython calls `mp_subscript` attached with an instance of the type (or
            // of a subclass) and a valid key.
            unsafe { $crate::class::slots::binary::<$ty, _>(slf, key, $glue) }
        }
        // SAFETY: `__entry` is a `binaryfunc` for `Instance<$ty>`.
        unsafe { $crate::class::SlotDef::<$ty>::from_raw($crate::ffi::Py_mp_subscript as u32, __entry as *mut ::std::ffi::c_void) }
    }};
    (richcompare, $ty:ty, $glue:path) => {{
        // SAFETY: only CPython calls this entry, as `tp_richcompare`.
        unsafe extern "C" fn __entry(
            slf: *mut $crate::ffi::PyObject,
            other: *mut $crate::ffi::PyObject,
            op: ::std::ffi::c_int,
        ) -> *mut $crate::ffi::PyObject {
            // SAFETY: CPython calls `tp_richcompare` attached with valid operands and an
            // operation code; the body checks `slf`'s type.
            unsafe { $crate::class::slots::richcompare::<$ty, _>(slf, other, op, $glue) }
        }
        // SAFETY: `__entry` is a `richcmpfunc`.
        unsafe { $crate::class::SlotDef::<$ty>::from_raw($crate::ffi::Py_tp_richcompare as u32, __entry as *mut ::std::ffi::c_void) }
    }};
}
