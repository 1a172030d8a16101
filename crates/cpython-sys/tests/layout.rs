//! The generated layouts agree with what the target interpreter reports about itself.
//! (bindgen's own layout assertions are compiled into the crate; these add the interpreter's
//! view, so a header/interpreter mismatch cannot pass.) In a header-only build
//! (`$FERROCPY_HEADERS`, e.g. the free-threaded check) the interpreter was built from other
//! headers, so the reference is the C compiler's own layout of those headers (`shim/layout.c`).

use cpython_sys as ffi;
use ffi::shim;
use std::mem::size_of;

/// The sizes the layouts must have: the interpreter's report, or in a header-only build the C
/// compiler's (object, tuple header, list, float, bytearray, heap type).
fn expected_sizes() -> [usize; 6] {
    if ffi::target::HEADERS_ONLY {
        // SAFETY: the layout functions only return compile-time constants.
        unsafe {
            [
                shim::ferrocpy_layout_sizeof_PyObject(),
                shim::ferrocpy_layout_tuple_items_offset(),
                shim::ferrocpy_layout_sizeof_PyListObject(),
                shim::ferrocpy_layout_sizeof_PyFloatObject(),
                shim::ferrocpy_layout_sizeof_PyByteArrayObject(),
                shim::ferrocpy_layout_sizeof_PyHeapTypeObject(),
            ]
        }
    } else {
        [
            ffi::target::BASICSIZE_OBJECT,
            ffi::target::BASICSIZE_TUPLE,
            ffi::target::BASICSIZE_LIST,
            ffi::target::BASICSIZE_FLOAT,
            ffi::target::BASICSIZE_BYTEARRAY,
            ffi::target::BASICSIZE_TYPE,
        ]
    }
}

#[test]
fn object_header_matches_interpreter() {
    assert_eq!(size_of::<ffi::PyObject>(), expected_sizes()[0]);
    // SAFETY: compile-time constants.
    unsafe {
        assert_eq!(
            size_of::<ffi::PyVarObject>(),
            shim::ferrocpy_layout_sizeof_PyVarObject()
        );
        assert_eq!(
            std::mem::offset_of!(ffi::PyObject, ob_type),
            shim::ferrocpy_layout_offsetof_ob_type()
        );
    }
}

#[test]
fn container_headers_match_interpreter() {
    let [_, tuple, list, float, bytearray, heaptype] = expected_sizes();
    // tuple's basicsize excludes the inline item array (bindgen declares one slot).
    assert_eq!(
        size_of::<ffi::PyTupleObject>() - size_of::<*mut ffi::PyObject>(),
        tuple
    );
    assert_eq!(size_of::<ffi::PyListObject>(), list);
    assert_eq!(size_of::<ffi::PyFloatObject>(), float);
    assert_eq!(size_of::<ffi::PyByteArrayObject>(), bytearray);
    assert_eq!(size_of::<ffi::PyHeapTypeObject>(), heaptype);
}

/// The free-threaded object header (`Py_GIL_DISABLED`): owning thread id, local and shared
/// counts before the type, where the C compiler puts them; reference counting goes through the
/// exported functions there, never the replicas.
#[cfg(Py_GIL_DISABLED)]
#[test]
fn free_threaded_object_header() {
    use std::mem::offset_of;
    // SAFETY: compile-time constants.
    unsafe {
        assert_eq!(
            offset_of!(ffi::PyObject, ob_tid),
            shim::ferrocpy_layout_offsetof_ob_tid()
        );
        assert_eq!(
            offset_of!(ffi::PyObject, ob_ref_local),
            shim::ferrocpy_layout_offsetof_ob_ref_local()
        );
        assert_eq!(
            offset_of!(ffi::PyObject, ob_ref_shared),
            shim::ferrocpy_layout_offsetof_ob_ref_shared()
        );
    }
    assert_eq!(offset_of!(ffi::PyObject, ob_tid), 0);
    assert!(offset_of!(ffi::PyObject, ob_type) > offset_of!(ffi::PyObject, ob_ref_shared));
    const { assert!(!ffi::REFCOUNT_REPLICATED) };
}

#[test]
fn variant_cfgs_match_interpreter() {
    assert_eq!(cfg!(Py_DEBUG), ffi::target::PY_DEBUG);
    assert_eq!(cfg!(Py_GIL_DISABLED), ffi::target::PY_GIL_DISABLED);
    if !ffi::target::HEADERS_ONLY {
        assert_eq!(ffi::target::ABIFLAGS.contains('d'), ffi::target::PY_DEBUG);
    }
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
    #[cfg(not(Py_GIL_DISABLED))]
    assert_eq!(
        std::mem::offset_of!(ffi::PyObject, ob_type),
        size_of::<usize>()
    );
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
