//! The generated layouts agree with what the target interpreter reports about itself.
//! (bindgen's own layout assertions are compiled into the crate; these add the interpreter's
//! view, so a header/interpreter mismatch cannot pass.)

use cpython_sys as ffi;
use std::mem::size_of;

#[test]
fn object_header_matches_interpreter() {
    assert_eq!(size_of::<ffi::PyObject>(), ffi::target::BASICSIZE_OBJECT);
}

#[test]
fn container_headers_match_interpreter() {
    // tuple's basicsize excludes the inline item array (bindgen declares one slot).
    assert_eq!(
        size_of::<ffi::PyTupleObject>() - size_of::<*mut ffi::PyObject>(),
        ffi::target::BASICSIZE_TUPLE
    );
    assert_eq!(size_of::<ffi::PyListObject>(), ffi::target::BASICSIZE_LIST);
    assert_eq!(
        size_of::<ffi::PyFloatObject>(),
        ffi::target::BASICSIZE_FLOAT
    );
    assert_eq!(
        size_of::<ffi::PyByteArrayObject>(),
        ffi::target::BASICSIZE_BYTEARRAY
    );
    assert_eq!(
        size_of::<ffi::PyHeapTypeObject>(),
        ffi::target::BASICSIZE_TYPE
    );
}

#[test]
fn variant_cfgs_match_interpreter() {
    assert_eq!(cfg!(Py_DEBUG), ffi::target::PY_DEBUG);
    assert_eq!(cfg!(Py_GIL_DISABLED), ffi::target::PY_GIL_DISABLED);
    assert_eq!(ffi::target::ABIFLAGS.contains('d'), ffi::target::PY_DEBUG);
    let minor = ffi::target::PY_MINOR;
    assert_eq!(cfg!(Py_3_11), minor >= 11);
    assert_eq!(cfg!(Py_3_12), minor >= 12);
    assert_eq!(cfg!(Py_3_13), minor >= 13);
    assert!(ffi::target::EXT_SUFFIX.ends_with(".so"));
}

#[test]
fn vectorcall_nargs_masks_offset_flag() {
    assert_eq!(
        ffi::PyVectorcall_NARGS(3 | ffi::PY_VECTORCALL_ARGUMENTS_OFFSET),
        3
    );
    assert_eq!(ffi::PyVectorcall_NARGS(0), 0);
}
