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
    assert_eq!(cfg!(Py_3_14), minor >= 14);
    assert_eq!(cfg!(Py_3_15), minor >= 15);
    assert_eq!(cfg!(Py_3_16), minor >= 16);
    assert_eq!(ffi::PY_VERSION_HEX >> 16, 0x0300 | minor);
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

/// The reference count's place in the object header, which the refcount replicas rely on.
#[test]
fn refcount_word_layout() {
    use std::mem::offset_of;
    assert_eq!(offset_of!(ffi::PyObject, ob_type), size_of::<usize>());
    #[cfg(all(Py_3_14, not(Py_GIL_DISABLED)))]
    {
        // 3.14+: a 32-bit count at offset 0, then the 16-bit overflow and flags fields.
        let o = ffi::PyObject_HEAD_INIT();
        // SAFETY: reading the union's struct view of a value built with it.
        let (count, overflow, flags) = unsafe {
            let v = o.__bindgen_anon_1.__bindgen_anon_1;
            (v.ob_refcnt, v.ob_overflow, v.ob_flags)
        };
        assert_eq!((count, overflow, flags), (1, 0, 0));
        assert_eq!(
            size_of::<ffi::_object__bindgen_ty_1__bindgen_ty_1>(),
            size_of::<i64>()
        );
    }
    #[cfg(all(Py_3_12, not(Py_3_14), not(Py_GIL_DISABLED)))]
    {
        let o = ffi::PyObject_HEAD_INIT();
        // SAFETY: the union's full-width view of a value built through it.
        assert_eq!(unsafe { o.__bindgen_anon_1.ob_refcnt }, 1);
    }
}

/// 3.15's slot scheme: the slot ids bindgen cannot evaluate come from the enum in wrapper.h and
/// are the numbers the new scheme gives module slots, past the type-slot range (checked when
/// this file compiles).
const _: () = {
    assert!(ffi::Py_mod_exec > 0);
    assert!(ffi::Py_mod_exec != ffi::Py_mod_create);
    #[cfg(Py_3_15)]
    {
        assert!(ffi::Py_mod_exec as u32 > ffi::Py_tp_vectorcall);
        assert!((ffi::Py_mod_name as i32) > ffi::Py_mod_gil);
    }
    #[cfg(not(Py_3_15))]
    assert!(ffi::Py_mod_exec == 2);
};
