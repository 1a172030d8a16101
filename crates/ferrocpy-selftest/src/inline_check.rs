//! Compares every Rust replica in `cpython_sys::inline` with the C compiler's expansion of the
//! same macro (`cpython_sys::shim`), on objects of many kinds, immortal ones included.

use ferrocpy::ffi::{self, shim};
use ferrocpy::{Owned, PyResult, Python};

/// Objects to probe: singletons (immortal on 3.12+), small ints, fresh heap objects of each
/// checked type, subclass instances.
fn samples(py: Python<'_>) -> PyResult<Vec<Owned<'_>>> {
    use ferrocpy::IntoPyObject;
    let code = "[None, True, False, 0, 1, -5, 2**100, 1.5, b'', b'abc', bytearray(b'xy'), \
                'a', 'h\\u00e9', '\\U0001f600', '\\u20ac\\ud800', '\\udfff', \
                type('StrSub', (str,), {})('\\u0100x'), type('StrSub', (str,), {})('\\U00010000'), \
                (), (1, 2), [], [1, 2, 3], {}, {'a': 1}, type('DictSub', (dict,), {})(), \
                int, type, ValueError, Exception('x'), object(), \
                type('IntSub', (int,), {})(7), type('ListSub', (list,), {})([1]), \
                type('StrSub', (str,), {})('s'), type('FloatSub', (float,), {})(2.0), \
                NotImplemented, ..., 2**30 - 1, -(2**30 - 1), 2**30, -2**30, 2**31, -2**31, \
                2**62, -2**63, 2**64, 1000, -1000, -1, 256, 257, -6, int('0'), 10**9 - 10**9, \
                type('IntSub', (int,), {})(0), type('IntSub', (int,), {})(-3), \
                type('IntSub', (int,), {})(2**40)]";
    let code_obj = code.into_py(py)?;
    let builtins = {
        // SAFETY: attached; returns a borrowed reference to the builtins dict (or null).
        let b = unsafe { ffi::PyEval_GetBuiltins() };
        // SAFETY: the builtins dict lives as long as the interpreter frame state.
        unsafe { ferrocpy::Borrowed::from_ptr(py, b) }
    };
    let eval = builtins_get(builtins, "eval")?;
    let list = eval.as_borrowed().call1(code_obj.as_borrowed())?;
    let n = ferrocpy::types::list::len(list.as_borrowed()).unwrap_or(0);
    Ok((0..n)
        .filter_map(|i| ferrocpy::types::list::get(list.as_borrowed(), i))
        .collect())
}

fn builtins_get<'py>(d: ferrocpy::Borrowed<'_, 'py>, name: &str) -> PyResult<Owned<'py>> {
    let key = ferrocpy::types::str::new(d.py(), name)?;
    // SAFETY: attached; `d` is a dict; returns a borrowed reference or null.
    let v = unsafe { ffi::PyDict_GetItemWithError(d.as_ptr(), key.as_ptr()) };
    if v.is_null() {
        return Err(ferrocpy::PyErr::fetch(d.py()));
    }
    // SAFETY: non-null borrowed value of a live dict.
    Ok(unsafe { ferrocpy::Borrowed::from_ptr(d.py(), v) }.to_owned())
}

/// The in-place read of one-digit ints (`ffi::long_compact_value`) against the C expansions of
/// `PyUnstable_Long_IsCompact`/`PyUnstable_Long_CompactValue` (3.12+) and, on every version,
/// against `PyLong_AsLongLongAndOverflow`: it answers exactly for magnitudes below
/// `2**PyLong_SHIFT`, with the value C computes.
///
/// # Safety
/// Attached thread; `p` is a valid int.
unsafe fn check_compact_int(p: *mut ffi::PyObject, name: &str, problems: &mut Vec<String>) {
    // SAFETY: forwarded precondition; the C value is read only for a compact int.
    let rust = unsafe { ffi::long_compact_value(p) };
    let mut value: ffi::Py_ssize_t = 0;
    // SAFETY: as above; `value` is written only for a compact int.
    let c = unsafe { shim::ferrocpy_shim_long_compact(p, &mut value) };
    if c >= 0 {
        let c = (c == 1).then_some(value);
        if rust != c {
            problems.push(format!(
                "PyUnstable_Long_IsCompact/CompactValue on {name}: rust={rust:?} c={c:?}"
            ));
        }
    }
    let mut overflow = 0;
    // SAFETY: attached thread, `p` an int (no conversion hook runs).
    let v = unsafe { ffi::PyLong_AsLongLongAndOverflow(p, &mut overflow) };
    let limit = 1i64 << ffi::PyLong_SHIFT;
    let expected = (overflow == 0 && v > -limit && v < limit).then_some(v as ffi::Py_ssize_t);
    if rust != expected {
        problems.push(format!(
            "long_compact_value on {name}: rust={rust:?} expected={expected:?} (overflow={overflow}, value={v})"
        ));
    }
}

pub fn run(py: Python<'_>) -> PyResult<Vec<String>> {
    let mut problems = Vec::new();
    let objs = samples(py)?;
    for obj in &objs {
        let p = obj.as_ptr();
        let name = obj.as_borrowed().type_name();
        macro_rules! same {
            ($what:literal, $rust:expr, $c:expr) => {{
                let (r, c) = ($rust, $c);
                if r != c {
                    problems.push(format!("{} on {}: rust={:?} c={:?}", $what, name, r, c));
                }
            }};
        }
        // SAFETY: for every call below: attached thread, `p` a valid object kept alive by
        // `objs`; type-specific accessors are only called after the matching check.
        unsafe {
            same!("Py_TYPE", ffi::Py_TYPE(p), shim::ferrocpy_shim_Py_TYPE(p));
            same!(
                "PyLong_Check",
                ffi::PyLong_Check(p),
                shim::ferrocpy_shim_PyLong_Check(p) != 0
            );
            same!(
                "PyLong_CheckExact",
                ffi::PyLong_CheckExact(p),
                shim::ferrocpy_shim_PyLong_CheckExact(p) != 0
            );
            same!(
                "PyBool_Check",
                ffi::PyBool_Check(p),
                shim::ferrocpy_shim_PyBool_Check(p) != 0
            );
            same!(
                "PyFloat_Check",
                ffi::PyFloat_Check(p),
                shim::ferrocpy_shim_PyFloat_Check(p) != 0
            );
            same!(
                "PyFloat_CheckExact",
                ffi::PyFloat_CheckExact(p),
                shim::ferrocpy_shim_PyFloat_CheckExact(p) != 0
            );
            same!(
                "PyBytes_Check",
                ffi::PyBytes_Check(p),
                shim::ferrocpy_shim_PyBytes_Check(p) != 0
            );
            same!(
                "PyByteArray_Check",
                ffi::PyByteArray_Check(p),
                shim::ferrocpy_shim_PyByteArray_Check(p) != 0
            );
            same!(
                "PyUnicode_Check",
                ffi::PyUnicode_Check(p),
                shim::ferrocpy_shim_PyUnicode_Check(p) != 0
            );
            same!(
                "PyTuple_Check",
                ffi::PyTuple_Check(p),
                shim::ferrocpy_shim_PyTuple_Check(p) != 0
            );
            same!(
                "PyList_Check",
                ffi::PyList_Check(p),
                shim::ferrocpy_shim_PyList_Check(p) != 0
            );
            same!(
                "PyList_CheckExact",
                ffi::PyList_CheckExact(p),
                shim::ferrocpy_shim_PyList_CheckExact(p) != 0
            );
            same!(
                "PyDict_Check",
                ffi::PyDict_Check(p),
                shim::ferrocpy_shim_PyDict_Check(p) != 0
            );
            same!(
                "PyDict_CheckExact",
                ffi::PyDict_CheckExact(p),
                shim::ferrocpy_shim_PyDict_CheckExact(p) != 0
            );
            same!(
                "PyExceptionInstance_Check",
                ffi::PyExceptionInstance_Check(p),
                shim::ferrocpy_shim_PyExceptionInstance_Check(p) != 0
            );
            same!(
                "PyType_Check",
                ffi::PyType_Check(p),
                shim::ferrocpy_shim_PyType_Check(p) != 0
            );
            same!(
                "PyExceptionClass_Check",
                ffi::PyExceptionClass_Check(p),
                shim::ferrocpy_shim_PyExceptionClass_Check(p) != 0
            );
            if ffi::PyTuple_Check(p) {
                same!(
                    "PyTuple_GET_SIZE",
                    ffi::PyTuple_GET_SIZE(p),
                    shim::ferrocpy_shim_PyTuple_GET_SIZE(p)
                );
                for i in 0..ffi::PyTuple_GET_SIZE(p) {
                    same!(
                        "PyTuple_GET_ITEM",
                        ffi::PyTuple_GET_ITEM(p, i),
                        shim::ferrocpy_shim_PyTuple_GET_ITEM(p, i)
                    );
                }
            }
            if ffi::PyList_Check(p) {
                same!(
                    "PyList_GET_SIZE",
                    ffi::PyList_GET_SIZE(p),
                    shim::ferrocpy_shim_PyList_GET_SIZE(p)
                );
                for i in 0..ffi::PyList_GET_SIZE(p) {
                    same!(
                        "PyList_GET_ITEM",
                        ffi::PyList_GET_ITEM(p, i),
                        shim::ferrocpy_shim_PyList_GET_ITEM(p, i)
                    );
                }
            }
            if ffi::PyBytes_Check(p) {
                same!(
                    "PyBytes_GET_SIZE",
                    ffi::PyBytes_GET_SIZE(p),
                    shim::ferrocpy_shim_PyBytes_GET_SIZE(p)
                );
                same!(
                    "PyBytes_AS_STRING",
                    ffi::PyBytes_AS_STRING(p),
                    shim::ferrocpy_shim_PyBytes_AS_STRING(p)
                );
            }
            if ffi::PyUnicode_Check(p) {
                same!(
                    "PyUnicode_GET_LENGTH",
                    ffi::PyUnicode_GET_LENGTH(p),
                    shim::ferrocpy_shim_PyUnicode_GET_LENGTH(p)
                );
                same!(
                    "PyUnicode_KIND",
                    ffi::PyUnicode_KIND(p) as std::ffi::c_int,
                    shim::ferrocpy_shim_PyUnicode_KIND(p)
                );
                same!(
                    "PyUnicode_DATA",
                    ffi::PyUnicode_DATA(p),
                    shim::ferrocpy_shim_PyUnicode_DATA(p)
                );
            }
            if ffi::PyLong_Check(p) {
                check_compact_int(p, &name, &mut problems);
            }
            if ffi::PyFloat_Check(p) {
                same!(
                    "PyFloat_AS_DOUBLE",
                    ffi::PyFloat_AS_DOUBLE(p).to_bits(),
                    shim::ferrocpy_shim_PyFloat_AS_DOUBLE(p).to_bits()
                );
            }
            // Reference counting: the replica's INCREF/DECREF must move the count exactly as
            // the C macros do (not at all for immortal objects).
            let before = shim::ferrocpy_shim_Py_REFCNT(p);
            ffi::Py_INCREF(p);
            let after_rust_inc = shim::ferrocpy_shim_Py_REFCNT(p);
            ffi::Py_DECREF(p);
            let after_rust_dec = shim::ferrocpy_shim_Py_REFCNT(p);
            shim::ferrocpy_shim_Py_INCREF(p);
            let after_c_inc = shim::ferrocpy_shim_Py_REFCNT(p);
            shim::ferrocpy_shim_Py_DECREF(p);
            let after_c_dec = shim::ferrocpy_shim_Py_REFCNT(p);
            same!(
                "Py_INCREF delta",
                after_rust_inc - before,
                after_c_inc - before
            );
            same!(
                "Py_DECREF delta",
                after_rust_dec - after_rust_inc,
                after_c_dec - after_c_inc
            );
        }
    }
    // The singletons.
    // SAFETY: the shim returns the addresses of the static singletons.
    unsafe {
        let name = "singletons".to_string();
        macro_rules! same_ptr {
            ($what:literal, $rust:expr, $c:expr) => {
                if $rust != $c {
                    problems.push(format!("{} on {}", $what, name));
                }
            };
        }
        same_ptr!("Py_None", ffi::Py_None(), shim::ferrocpy_shim_Py_None());
        same_ptr!("Py_True", ffi::Py_True(), shim::ferrocpy_shim_Py_True());
        same_ptr!("Py_False", ffi::Py_False(), shim::ferrocpy_shim_Py_False());
        same_ptr!(
            "Py_NotImplemented",
            ffi::Py_NotImplemented(),
            shim::ferrocpy_shim_Py_NotImplemented()
        );
        for n in [0usize, 1, 5, ffi::PY_VECTORCALL_ARGUMENTS_OFFSET | 3] {
            if ffi::PyVectorcall_NARGS(n) != shim::ferrocpy_shim_PyVectorcall_NARGS(n) {
                problems.push(format!("PyVectorcall_NARGS({n})"));
            }
        }
    }
    // A fresh object freed through the Rust DECREF replica: allocate, drop, and make sure the
    // interpreter still works (a wrong dealloc path would crash a debug build's checks).
    for _ in 0..1000 {
        let s = ferrocpy::types::str::new(py, "transient")?;
        drop(s);
    }
    Ok(problems)
}
