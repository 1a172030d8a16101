//! Declarations of the out-of-line C copies of macros and static inline functions
//! (`shim/inline.c`, compiled against the target interpreter's headers).

use crate::{PyObject, PyTypeObject, Py_ssize_t};
use std::ffi::{c_char, c_int, c_void};

extern "C" {
    pub fn ferrocpy_shim_Py_INCREF(o: *mut PyObject);
    pub fn ferrocpy_shim_Py_DECREF(o: *mut PyObject);
    pub fn ferrocpy_shim_Py_REFCNT(o: *mut PyObject) -> Py_ssize_t;
    pub fn ferrocpy_shim_Py_TYPE(o: *mut PyObject) -> *mut PyTypeObject;
    pub fn ferrocpy_shim_Py_SIZE(o: *mut PyObject) -> Py_ssize_t;
    pub fn ferrocpy_shim_PyTuple_GET_ITEM(o: *mut PyObject, i: Py_ssize_t) -> *mut PyObject;
    pub fn ferrocpy_shim_PyTuple_GET_SIZE(o: *mut PyObject) -> Py_ssize_t;
    pub fn ferrocpy_shim_PyList_GET_ITEM(o: *mut PyObject, i: Py_ssize_t) -> *mut PyObject;
    pub fn ferrocpy_shim_PyList_GET_SIZE(o: *mut PyObject) -> Py_ssize_t;
    pub fn ferrocpy_shim_PyList_SET_ITEM(o: *mut PyObject, i: Py_ssize_t, v: *mut PyObject);
    pub fn ferrocpy_shim_PyBytes_AS_STRING(o: *mut PyObject) -> *mut c_char;
    pub fn ferrocpy_shim_PyBytes_GET_SIZE(o: *mut PyObject) -> Py_ssize_t;
    pub fn ferrocpy_shim_PyByteArray_AS_STRING(o: *mut PyObject) -> *mut c_char;
    pub fn ferrocpy_shim_PyByteArray_GET_SIZE(o: *mut PyObject) -> Py_ssize_t;
    pub fn ferrocpy_shim_PyFloat_AS_DOUBLE(o: *mut PyObject) -> f64;
    pub fn ferrocpy_shim_PyUnicode_GET_LENGTH(o: *mut PyObject) -> Py_ssize_t;
    pub fn ferrocpy_shim_PyUnicode_IS_ASCII(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyUnicode_DATA(o: *mut PyObject) -> *mut c_void;
    pub fn ferrocpy_shim_PyUnicode_KIND(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyVectorcall_NARGS(n: usize) -> Py_ssize_t;

    pub fn ferrocpy_shim_PyLong_Check(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyLong_CheckExact(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyBool_Check(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyFloat_Check(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyFloat_CheckExact(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyBytes_Check(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyByteArray_Check(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyUnicode_Check(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyTuple_Check(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyList_Check(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyList_CheckExact(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyDict_CheckExact(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyExceptionInstance_Check(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyDict_Check(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyType_Check(o: *mut PyObject) -> c_int;
    pub fn ferrocpy_shim_PyExceptionClass_Check(o: *mut PyObject) -> c_int;

    pub fn ferrocpy_shim_PyObject_Vectorcall(
        c: *mut PyObject,
        args: *const *mut PyObject,
        nargsf: usize,
        kwnames: *mut PyObject,
    ) -> *mut PyObject;
    pub fn ferrocpy_shim_PyObject_CallOneArg(c: *mut PyObject, arg: *mut PyObject)
        -> *mut PyObject;

    pub fn ferrocpy_shim_Py_None() -> *mut PyObject;
    pub fn ferrocpy_shim_Py_True() -> *mut PyObject;
    pub fn ferrocpy_shim_Py_False() -> *mut PyObject;
    pub fn ferrocpy_shim_Py_NotImplemented() -> *mut PyObject;
}

extern "C" {
    /// `PyUnstable_Long_IsCompact` then `PyUnstable_Long_CompactValue` (3.12+): 1 with `*value`
    /// set for a compact int, 0 for another int; -1 before 3.12, which has no such API.
    pub fn ferrocpy_shim_long_compact(o: *mut PyObject, value: *mut Py_ssize_t) -> c_int;
}

// shim/layout.c: the C compiler's sizes and offsets (no Python calls).
extern "C" {
    pub fn ferrocpy_layout_sizeof_PyObject() -> usize;
    pub fn ferrocpy_layout_sizeof_PyVarObject() -> usize;
    pub fn ferrocpy_layout_sizeof_PyListObject() -> usize;
    pub fn ferrocpy_layout_sizeof_PyFloatObject() -> usize;
    pub fn ferrocpy_layout_sizeof_PyByteArrayObject() -> usize;
    pub fn ferrocpy_layout_sizeof_PyHeapTypeObject() -> usize;
    pub fn ferrocpy_layout_tuple_items_offset() -> usize;
    pub fn ferrocpy_layout_offsetof_ob_type() -> usize;
    #[cfg(Py_GIL_DISABLED)]
    pub fn ferrocpy_layout_offsetof_ob_tid() -> usize;
    #[cfg(Py_GIL_DISABLED)]
    pub fn ferrocpy_layout_offsetof_ob_ref_local() -> usize;
    #[cfg(Py_GIL_DISABLED)]
    pub fn ferrocpy_layout_offsetof_ob_ref_shared() -> usize;
}
