//! The C API's macros and static inline functions, for the exact build we target.
//!
//! Hot operations (reference counting on release builds, `Py_TYPE`, tuple and list item access,
//! type checks, the value of a one-digit int) are Rust replicas written against the bindgen layouts; the self-test module
//! (`ferrocpy._selftest.check_inline`) compares every replica with the C compiler's own expansion
//! in `shim/inline.c` on the real interpreter, for each build variant CI covers.
//!
//! Reference counting follows the variant:
//! - release builds up to 3.11: a plain increment and decrement;
//! - release builds 3.12 and 3.13: immortal objects are skipped (low 32 bits of the count);
//! - release builds 3.14 and later: the count is the 32-bit `ob_refcnt` at offset 0 (beside
//!   `ob_overflow` and `ob_flags`); an increment skips counts at or above the immortal initial
//!   value, a decrement skips counts whose sign bit is set;
//! - debug (`Py_DEBUG`, which keeps a total count) and free-threaded (biased counting) builds:
//!   the exported `Py_IncRef`/`Py_DecRef`, correct everywhere at the price of a call.
//!
//! # Safety
//!
//! Every function here has the preconditions of the C macro it mirrors: the thread is attached
//! to the interpreter and each object pointer is valid (non-null, alive) and of the type the
//! macro expects.

use crate::*;
use std::ffi::c_char;
use std::ptr::addr_of_mut;

/// Flag bit set in `nargsf` by vectorcall callers that allow `args[-1]` to be overwritten.
pub const PY_VECTORCALL_ARGUMENTS_OFFSET: usize = 1usize << (usize::BITS - 1);

/// True where reference counts are updated by Rust replicas rather than by exported calls.
pub const REFCOUNT_REPLICATED: bool = cfg!(all(
    not(Py_DEBUG),
    not(Py_GIL_DISABLED),
    target_pointer_width = "64",
    target_endian = "little"
));

/// `_Py_IMMORTAL_INITIAL_REFCNT` of 3.14+ (64-bit): increments stop here.
const IMMORTAL_INITIAL_REFCNT_3_14: u32 = 3 << 30;

/// Pointer to the reference-count word of `op` (valid on non-debug, non-free-threaded builds,
/// where the count is the first field of `PyObject`).
///
/// # Safety
/// `op` must point to a live object.
#[inline(always)]
unsafe fn refcnt_word(op: *mut PyObject) -> *mut Py_ssize_t {
    // `ob_refcnt` (or the union that holds it on 3.12+) is the first field of `PyObject` in
    // release builds: offset 0. The cast keeps `op`'s provenance.
    op.cast::<Py_ssize_t>()
}

/// `Py_INCREF`.
///
/// # Safety
/// The thread is attached and `op` is a valid object pointer.
#[inline(always)]
pub unsafe fn Py_INCREF(op: *mut PyObject) {
    if REFCOUNT_REPLICATED {
        if cfg!(Py_3_14) {
            // SAFETY: release 3.14+ on 64-bit little-endian: `ob_refcnt` is the u32 at offset 0;
            // counts at or above 3 << 30 (`_Py_IMMORTAL_INITIAL_REFCNT`) mark an immortal.
            unsafe {
                let low = refcnt_word(op).cast::<u32>();
                let cur = *low;
                if cur < IMMORTAL_INITIAL_REFCNT_3_14 {
                    *low = cur + 1;
                }
            }
        } else if cfg!(Py_3_12) {
            // SAFETY: release 3.12/3.13 on 64-bit little-endian: the low 32 bits of the count
            // word are `ob_refcnt_split[0]`; a value that would wrap to 0 marks an immortal.
            unsafe {
                let low = refcnt_word(op).cast::<u32>();
                let new = (*low).wrapping_add(1);
                if new != 0 {
                    *low = new;
                }
            }
        } else {
            // SAFETY: release builds before 3.12 keep a plain count at offset 0.
            unsafe { *refcnt_word(op) += 1 };
        }
    } else {
        // SAFETY: exported function with the same precondition as the macro.
        unsafe { Py_IncRef(op) }
    }
}

/// `Py_DECREF`.
///
/// # Safety
/// The thread is attached, `op` is a valid object pointer, and the caller owns one reference to
/// it, which this call consumes.
#[inline(always)]
pub unsafe fn Py_DECREF(op: *mut PyObject) {
    if REFCOUNT_REPLICATED && cfg!(Py_3_14) {
        // SAFETY: release 3.14+: `ob_refcnt` is the u32 at offset 0 and the 16-bit
        // `ob_overflow`/`ob_flags` follow it, so only the low half is counted; a set sign bit
        // marks an immortal object, never decremented.
        unsafe {
            let low = refcnt_word(op).cast::<u32>();
            let cur = *low;
            if (cur as i32) < 0 {
                return;
            }
            *low = cur - 1;
            if cur == 1 {
                _Py_Dealloc(op);
            }
        }
    } else if REFCOUNT_REPLICATED {
        // SAFETY: the count word is at offset 0 (see `refcnt_word`); on 3.12/3.13 a negative
        // low half marks an immortal object, which is never decremented. `_Py_Dealloc` is the
        // exported function the macro calls when the count reaches zero.
        unsafe {
            let word = refcnt_word(op);
            if cfg!(Py_3_12) && (*word as i32) < 0 {
                return;
            }
            *word -= 1;
            if *word == 0 {
                _Py_Dealloc(op);
            }
        }
    } else {
        // SAFETY: exported function with the same precondition as the macro.
        unsafe { Py_DecRef(op) }
    }
}

/// `Py_XDECREF`.
///
/// # Safety
/// As [`Py_DECREF`] when `op` is not null.
#[inline(always)]
pub unsafe fn Py_XDECREF(op: *mut PyObject) {
    if !op.is_null() {
        // SAFETY: forwarded precondition.
        unsafe { Py_DECREF(op) }
    }
}

/// `Py_REFCNT` (through the C expansion: only tests and diagnostics read it).
///
/// # Safety
/// `op` is a valid object pointer.
#[inline]
pub unsafe fn Py_REFCNT(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: forwarded precondition.
    unsafe { shim::ferrocpy_shim_Py_REFCNT(op) }
}

/// `Py_TYPE`.
///
/// # Safety
/// `op` is a valid object pointer.
#[inline(always)]
pub unsafe fn Py_TYPE(op: *mut PyObject) -> *mut PyTypeObject {
    // SAFETY: `ob_type` is a field of every object header, in every build.
    unsafe { (*op).ob_type }
}

/// `Py_IS_TYPE`.
///
/// # Safety
/// `op` is a valid object pointer.
#[inline(always)]
pub unsafe fn Py_IS_TYPE(op: *mut PyObject, tp: *mut PyTypeObject) -> bool {
    // SAFETY: forwarded precondition.
    unsafe { Py_TYPE(op) == tp }
}

/// `Py_SIZE`.
///
/// # Safety
/// `op` is a valid pointer to a variable-size object.
#[inline(always)]
pub unsafe fn Py_SIZE(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: variable-size objects start with a `PyVarObject` header.
    unsafe { (*op.cast::<PyVarObject>()).ob_size }
}

/// `PyType_HasFeature` for the non-limited API (a direct read of `tp_flags`).
///
/// # Safety
/// `tp` is a valid type object pointer.
#[inline(always)]
pub unsafe fn PyType_HasFeature(tp: *mut PyTypeObject, feature: u64) -> bool {
    // SAFETY: `tp_flags` is a plain field of every type object.
    unsafe { ((*tp).tp_flags as u64) & feature != 0 }
}

/// `PyType_FastSubclass`.
///
/// # Safety
/// `tp` is a valid type object pointer.
#[inline(always)]
unsafe fn fast_subclass(op: *mut PyObject, flag: u32) -> bool {
    // SAFETY: forwarded precondition.
    unsafe { PyType_HasFeature(Py_TYPE(op), flag as u64) }
}

macro_rules! exact_or_subtype {
    ($(#[$doc:meta])* $name:ident, $ty:ident) => {
        $(#[$doc])*
        ///
        /// # Safety
        /// `op` is a valid object pointer and the thread is attached.
        #[inline(always)]
        pub unsafe fn $name(op: *mut PyObject) -> bool {
            // SAFETY: the static type object lives as long as the interpreter; `op` is valid.
            unsafe {
                let tp = addr_of_mut!($ty);
                Py_TYPE(op) == tp || PyType_IsSubtype(Py_TYPE(op), tp) != 0
            }
        }
    };
}

macro_rules! exact {
    ($(#[$doc:meta])* $name:ident, $ty:ident) => {
        $(#[$doc])*
        ///
        /// # Safety
        /// `op` is a valid object pointer.
        #[inline(always)]
        pub unsafe fn $name(op: *mut PyObject) -> bool {
            // SAFETY: forwarded precondition; taking a static's address reads nothing.
            unsafe { Py_IS_TYPE(op, addr_of_mut!($ty)) }
        }
    };
}

macro_rules! by_flag {
    ($(#[$doc:meta])* $name:ident, $flag:ident) => {
        $(#[$doc])*
        ///
        /// # Safety
        /// `op` is a valid object pointer.
        #[inline(always)]
        pub unsafe fn $name(op: *mut PyObject) -> bool {
            // SAFETY: forwarded precondition.
            unsafe { fast_subclass(op, $flag) }
        }
    };
}

by_flag!(/// `PyLong_Check`.
    PyLong_Check, Py_TPFLAGS_LONG_SUBCLASS);
by_flag!(/// `PyBytes_Check`.
    PyBytes_Check, Py_TPFLAGS_BYTES_SUBCLASS);
by_flag!(/// `PyUnicode_Check`.
    PyUnicode_Check, Py_TPFLAGS_UNICODE_SUBCLASS);
by_flag!(/// `PyTuple_Check`.
    PyTuple_Check, Py_TPFLAGS_TUPLE_SUBCLASS);
by_flag!(/// `PyList_Check`.
    PyList_Check, Py_TPFLAGS_LIST_SUBCLASS);
by_flag!(/// `PyDict_Check`.
    PyDict_Check, Py_TPFLAGS_DICT_SUBCLASS);
by_flag!(/// `PyType_Check`.
    PyType_Check, Py_TPFLAGS_TYPE_SUBCLASS);
by_flag!(/// `PyExceptionInstance_Check`.
    PyExceptionInstance_Check, Py_TPFLAGS_BASE_EXC_SUBCLASS);
exact!(/// `PyLong_CheckExact`.
    PyLong_CheckExact, PyLong_Type);
exact!(/// `PyBool_Check` (bool cannot be subclassed).
    PyBool_Check, PyBool_Type);
exact!(/// `PyFloat_CheckExact`.
    PyFloat_CheckExact, PyFloat_Type);
exact!(/// `PyList_CheckExact`.
    PyList_CheckExact, PyList_Type);
exact!(/// `PyTuple_CheckExact`.
    PyTuple_CheckExact, PyTuple_Type);
exact!(/// `PyBytes_CheckExact`.
    PyBytes_CheckExact, PyBytes_Type);
exact!(/// `PyUnicode_CheckExact`.
    PyUnicode_CheckExact, PyUnicode_Type);
exact!(/// `PyDict_CheckExact`.
    PyDict_CheckExact, PyDict_Type);
exact_or_subtype!(/// `PyFloat_Check`.
    PyFloat_Check, PyFloat_Type);
exact_or_subtype!(/// `PyByteArray_Check`.
    PyByteArray_Check, PyByteArray_Type);

/// `PyExceptionClass_Check`.
///
/// # Safety
/// `op` is a valid object pointer.
#[inline]
pub unsafe fn PyExceptionClass_Check(op: *mut PyObject) -> bool {
    // SAFETY: `op` is valid, so its type and, for a type, its flags can be read.
    unsafe {
        PyType_Check(op)
            && PyType_HasFeature(
                op.cast::<PyTypeObject>(),
                Py_TPFLAGS_BASE_EXC_SUBCLASS as u64,
            )
    }
}

/// `PyTuple_GET_SIZE`.
///
/// # Safety
/// `op` is a valid tuple.
#[inline(always)]
pub unsafe fn PyTuple_GET_SIZE(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: a tuple is a variable-size object.
    unsafe { Py_SIZE(op) }
}

/// `PyTuple_GET_ITEM`: a borrowed reference.
///
/// # Safety
/// `op` is a valid tuple and `0 <= i < len`.
#[inline(always)]
pub unsafe fn PyTuple_GET_ITEM(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: tuple items are stored inline after the header; `i` is in bounds.
    unsafe {
        let items = addr_of_mut!((*op.cast::<PyTupleObject>()).ob_item).cast::<*mut PyObject>();
        *items.offset(i)
    }
}

/// `_PyTuple_ITEMS`: the address of a tuple's inline item array.
///
/// # Safety
/// `op` is a valid tuple.
#[inline(always)]
pub unsafe fn PyTuple_ITEMS(op: *mut PyObject) -> *mut *mut PyObject {
    // SAFETY: tuple items are stored inline after the header (`op` is a tuple, caller).
    unsafe { addr_of_mut!((*op.cast::<PyTupleObject>()).ob_item).cast::<*mut PyObject>() }
}

/// `PyTuple_SET_ITEM`: steals `v`, does not release the old item.
///
/// # Safety
/// `op` is a valid tuple, `0 <= i < len`, and `v` is an owned reference.
#[inline(always)]
pub unsafe fn PyTuple_SET_ITEM(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) {
    // SAFETY: as `PyTuple_GET_ITEM`.
    unsafe {
        let items = addr_of_mut!((*op.cast::<PyTupleObject>()).ob_item).cast::<*mut PyObject>();
        *items.offset(i) = v;
    }
}

/// `PyList_GET_SIZE`.
///
/// # Safety
/// `op` is a valid list.
#[inline(always)]
pub unsafe fn PyList_GET_SIZE(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: a list is a variable-size object.
    unsafe { Py_SIZE(op) }
}

/// `PyList_GET_ITEM`: a borrowed reference.
///
/// # Safety
/// `op` is a valid list and `0 <= i < len`.
#[inline(always)]
pub unsafe fn PyList_GET_ITEM(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: `ob_item` points to at least `len` slots.
    unsafe { *(*op.cast::<PyListObject>()).ob_item.offset(i) }
}

/// `PyList_SET_ITEM`: steals `v`, does not release the old item.
///
/// # Safety
/// `op` is a valid list, `0 <= i < len`, and `v` is an owned reference.
#[inline(always)]
pub unsafe fn PyList_SET_ITEM(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) {
    // SAFETY: `ob_item` points to at least `len` slots.
    unsafe { *(*op.cast::<PyListObject>()).ob_item.offset(i) = v }
}

/// `PyBytes_AS_STRING`.
///
/// # Safety
/// `op` is a valid bytes object.
#[inline(always)]
pub unsafe fn PyBytes_AS_STRING(op: *mut PyObject) -> *mut c_char {
    // SAFETY: the bytes are stored inline in `ob_sval`, NUL-terminated after `len` bytes.
    unsafe { addr_of_mut!((*op.cast::<PyBytesObject>()).ob_sval).cast::<c_char>() }
}

/// `PyBytes_GET_SIZE`.
///
/// # Safety
/// `op` is a valid bytes object.
#[inline(always)]
pub unsafe fn PyBytes_GET_SIZE(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: bytes are variable-size objects.
    unsafe { Py_SIZE(op) }
}

/// `PyFloat_AS_DOUBLE`.
///
/// # Safety
/// `op` is a valid float.
#[inline(always)]
pub unsafe fn PyFloat_AS_DOUBLE(op: *mut PyObject) -> f64 {
    // SAFETY: `ob_fval` is the float object's payload.
    unsafe { (*op.cast::<PyFloatObject>()).ob_fval }
}

/// `PyUnicode_GET_LENGTH`: the length in code points.
///
/// # Safety
/// `op` is a valid, ready str (every str is ready from 3.12 on).
#[inline(always)]
pub unsafe fn PyUnicode_GET_LENGTH(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: every str starts with a `PyASCIIObject`, whose `length` is set once ready.
    unsafe { (*op.cast::<PyASCIIObject>()).length }
}

/// `PyUnicode_KIND`: the width of one code point in bytes (1, 2 or 4).
///
/// # Safety
/// `op` is a valid, ready str.
#[inline(always)]
pub unsafe fn PyUnicode_KIND(op: *mut PyObject) -> u32 {
    // SAFETY: the `state` bit-field of the `PyASCIIObject` header, as this build's headers lay
    // it out (bindgen's accessors).
    unsafe { (*op.cast::<PyASCIIObject>()).state.kind() }
}

/// `PyUnicode_DATA`: the code points, stored after the header for compact strings (after the
/// ASCII header for ASCII ones) and behind `data.any` for the others (instances of str
/// subclasses, and legacy strings before 3.12).
///
/// # Safety
/// `op` is a valid, ready str.
#[inline(always)]
pub unsafe fn PyUnicode_DATA(op: *mut PyObject) -> *mut std::ffi::c_void {
    // SAFETY: the header fields are those of this build's `PyASCIIObject`; a compact string's
    // data directly follows its header, whose type the `ascii` bit selects; a non-compact one
    // is a `PyUnicodeObject` with its data behind a pointer.
    unsafe {
        let a = op.cast::<PyASCIIObject>();
        let state = &(*a).state;
        if state.compact() != 0 {
            if state.ascii() != 0 {
                a.add(1).cast()
            } else {
                op.cast::<PyCompactUnicodeObject>().add(1).cast()
            }
        } else {
            (*op.cast::<PyUnicodeObject>()).data.any
        }
    }
}

/// `PyLong_MASK`: every digit of an int is at most this (`2**PyLong_SHIFT - 1`).
const DIGIT_MASK: digit = ((1 as digit) << PyLong_SHIFT) - 1;

/// `PyUnstable_Long_IsCompact` (3.12+): whether the int's magnitude fits one digit.
///
/// # Safety
/// `op` is a valid int (`PyLong_Check`).
#[cfg(Py_3_12)]
#[inline(always)]
pub unsafe fn PyUnstable_Long_IsCompact(op: *const PyLongObject) -> bool {
    // SAFETY: every int (subclasses included) has the `_PyLongValue` layout after its header.
    unsafe { (*op).long_value.lv_tag < (2 << _PyLong_NON_SIZE_BITS) }
}

/// `PyUnstable_Long_CompactValue` (3.12+): the value of a compact int.
///
/// The C function reads `ob_digit[0]` even for zero, whose digit the headers of 3.14+ call
/// undefined; here zero (sign bits `1`) answers without reading it, which gives the same value.
/// The digit is masked with `PyLong_MASK`, which changes nothing (a digit never exceeds it, an
/// invariant the headers state) but tells the compiler that the value is below
/// `2**PyLong_SHIFT` in magnitude, so a conversion to a narrower integer needs no range check.
///
/// # Safety
/// `op` is a valid compact int ([`PyUnstable_Long_IsCompact`]).
#[cfg(Py_3_12)]
#[inline(always)]
pub unsafe fn PyUnstable_Long_CompactValue(op: *const PyLongObject) -> Py_ssize_t {
    // SAFETY: a compact int stores its magnitude in `ob_digit[0]` unless it is zero; every int
    // has room for one digit.
    unsafe {
        let tag = (*op).long_value.lv_tag;
        let sign = 1 - (tag & _PyLong_SIGN_MASK as usize) as Py_ssize_t;
        if sign == 0 {
            return 0;
        }
        sign * ((*op).long_value.ob_digit[0] & DIGIT_MASK) as Py_ssize_t
    }
}

/// The value of an int whose magnitude fits one digit (below `2**PyLong_SHIFT`), `None` for
/// any other int: on 3.12+ [`PyUnstable_Long_IsCompact`] and [`PyUnstable_Long_CompactValue`];
/// before 3.12, the one-digit case of `PyLong_AsLong` (`Py_SIZE` is the signed digit count,
/// `-1`, `0` or `1` for such values), the digit masked as in [`PyUnstable_Long_CompactValue`].
/// No call, no exception.
///
/// # Safety
/// `op` is a valid int (`PyLong_Check`).
#[inline(always)]
pub unsafe fn long_compact_value(op: *mut PyObject) -> Option<Py_ssize_t> {
    #[cfg(Py_3_12)]
    {
        let op = op.cast::<PyLongObject>();
        // SAFETY: forwarded precondition; the value is read only for a compact int.
        unsafe { PyUnstable_Long_IsCompact(op).then(|| PyUnstable_Long_CompactValue(op)) }
    }
    #[cfg(not(Py_3_12))]
    {
        // SAFETY: an int is a variable-size object whose `ob_size` is its signed digit count;
        // `ob_digit[0]` is read only when there is one digit.
        unsafe {
            match Py_SIZE(op) {
                0 => Some(0),
                1 => Some(((*op.cast::<PyLongObject>()).ob_digit[0] & DIGIT_MASK) as Py_ssize_t),
                -1 => {
                    Some(-(((*op.cast::<PyLongObject>()).ob_digit[0] & DIGIT_MASK) as Py_ssize_t))
                }
                _ => None,
            }
        }
    }
}

/// `PyVectorcall_NARGS`.
#[inline(always)]
pub const fn PyVectorcall_NARGS(n: usize) -> Py_ssize_t {
    (n & !PY_VECTORCALL_ARGUMENTS_OFFSET) as Py_ssize_t
}

/// `Py_None` (borrowed).
#[inline(always)]
pub fn Py_None() -> *mut PyObject {
    addr_of_mut!(_Py_NoneStruct)
}

/// `Py_True` (borrowed).
#[inline(always)]
pub fn Py_True() -> *mut PyObject {
    addr_of_mut!(_Py_TrueStruct).cast()
}

/// `Py_False` (borrowed).
#[inline(always)]
pub fn Py_False() -> *mut PyObject {
    addr_of_mut!(_Py_FalseStruct).cast()
}

/// `Py_NotImplemented` (borrowed).
#[inline(always)]
pub fn Py_NotImplemented() -> *mut PyObject {
    addr_of_mut!(_Py_NotImplementedStruct)
}

/// `PyObject_HEAD_INIT(NULL)` for a statically allocated object: a count of 1 on builds with a
/// plain count (the object is never freed: it is static), immortal on free-threaded builds.
pub const fn PyObject_HEAD_INIT() -> PyObject {
    // SAFETY: `PyObject` is plain data; all-zero is a valid value (null pointers, zero counts).
    let mut o: PyObject = unsafe { std::mem::zeroed() };
    #[cfg(all(not(Py_3_12), not(Py_GIL_DISABLED)))]
    {
        o.ob_refcnt = 1;
    }
    #[cfg(all(Py_3_12, not(Py_3_14), not(Py_GIL_DISABLED)))]
    {
        o.__bindgen_anon_1.ob_refcnt = 1;
    }
    // 3.14+: `ob_refcnt` is the 32-bit half of the union's anonymous struct.
    #[cfg(all(Py_3_14, not(Py_GIL_DISABLED)))]
    {
        o.__bindgen_anon_1.__bindgen_anon_1.ob_refcnt = 1;
    }
    #[cfg(Py_GIL_DISABLED)]
    {
        o.ob_ref_local = u32::MAX;
    }
    o
}

/// `PyModuleDef_HEAD_INIT`.
pub const fn PyModuleDef_HEAD_INIT() -> PyModuleDef_Base {
    PyModuleDef_Base {
        ob_base: PyObject_HEAD_INIT(),
        m_init: None,
        m_index: 0,
        m_copy: std::ptr::null_mut(),
    }
}

/// `PyObject_Vectorcall` (a static inline function before 3.11).
///
/// # Safety
/// As the C function: attached thread, valid callable and argument array.
#[cfg(not(Py_3_11))]
#[inline]
pub unsafe fn PyObject_Vectorcall(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded precondition; the shim is the C expansion of the inline function.
    unsafe { shim::ferrocpy_shim_PyObject_Vectorcall(callable, args, nargsf, kwnames) }
}

/// `PyObject_CallOneArg` (a static inline function before 3.11).
///
/// # Safety
/// As the C function: attached thread, valid callable and argument.
#[cfg(not(Py_3_11))]
#[inline]
pub unsafe fn PyObject_CallOneArg(callable: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded precondition.
    unsafe { shim::ferrocpy_shim_PyObject_CallOneArg(callable, arg) }
}
