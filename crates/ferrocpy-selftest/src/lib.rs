//! `ferrocpy._selftest`: functions that let the Python test-suite check the safe layer and the
//! raw bindings against the real interpreter (reference counting replicas, conversions, panic
//! containment, buffer release, module state, argument binding).
//!
//! The module is hand-written in the shape the clinic generates: a glue function per Python
//! function, then the implementation.

mod inline_check;
mod types_check;

use ferrocpy::args::{FastcallArgs, Params};
use ferrocpy::exc::{self, TypeError, ValueError};
use ferrocpy::{
    Borrowed, Buffer, Module, ModuleState, Owned, PyErr, PyResult, Python, Stored, Visit,
};

/// Module state: the module's own exception class.
pub struct State {
    error: Stored,
}

impl ModuleState for State {
    fn init(py: Python<'_>, _module: Module<'_, '_, Self>) -> PyResult<Self> {
        let error = exc::new_exception_type(
            py,
            "ferrocpy._selftest.SelftestError",
            Some("Raised by raise_own_error()."),
            None,
        )?;
        Ok(State {
            error: Stored::new(error),
        })
    }

    fn exec(module: Module<'_, '_, Self>) -> PyResult<()> {
        let state = module.state()?;
        module.add("SelftestError", state.error.bind(module.py()))
    }

    fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), ferrocpy::module::TraverseError> {
        visit.call(&self.error)
    }
}

pub(crate) type M<'a, 'py> = Module<'a, 'py, State>;

ferrocpy::module! {
    name: "_selftest",
    doc: "Self-test functions for ferrocpy (not a public API).",
    state: State,
    methods: [
        CHECK_INLINE, PANIC, CALLABLE, IDENTITY, NOARGS, POSITIONAL, BIND, INT_ROUNDTRIP,
        FLOAT_ROUNDTRIP, STR_ROUNDTRIP, BYTES_ROUNDTRIP, BUFFER_LEN, BUFFER_THEN_PANIC,
        BUFFER_THEN_RAISE, RAISE_OWN_ERROR, RAISE_BUILTIN, DETACHED_SUM, REFCNT, BYTES_WITH,
        types_check::DICT_BUILD, types_check::DICT_GET, types_check::DICT_WALK,
        types_check::STR_CHARS, types_check::STR_FROM_POINTS, types_check::STR_SUBSTRING,
        types_check::STR_FROM_ASCII, types_check::LIST_FROM_SLICE, types_check::FLOAT_REPR,
        types_check::ITERATE, types_check::CALL_KW, types_check::CALL_METHOD, types_check::NEST,
        types_check::STOP_WITH, types_check::RAISE_FROM, types_check::INT_FROM_DECIMAL,
        types_check::INT_TO_DECIMAL,
        types_check::INT_TO_I64, types_check::LIST_INSERT, types_check::LIST_APPEND, types_check::LIST_POP_LAST,
        types_check::CALL1, types_check::CALL, MISBEHAVE,
    ],
}

// ---- check_inline() --------------------------------------------------------------------------

const CHECK_INLINE: ferrocpy::MethodDef<State> = ferrocpy::function!(
    noargs, State, "check_inline",
    "check_inline($module, /)\n--\n\nCompare every Rust replica of a C macro with the C expansion; return the mismatches.",
    check_inline_glue
);

fn check_inline_glue<'a, 'py>(m: M<'a, 'py>) -> PyResult<Owned<'py>> {
    let py = m.py();
    let problems = inline_check::run(py)?;
    let list = ferrocpy::types::list::new(py)?;
    for p in problems {
        let s = ferrocpy::types::str::new(py, &p)?;
        ferrocpy::types::list::append(list.as_borrowed(), s.as_borrowed())?;
    }
    Ok(list)
}

// ---- panic(message) --------------------------------------------------------------------------

const PANIC: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o, State, "panic",
    "panic($module, message, /)\n--\n\nPanic in Rust with the given message (must raise SystemError).",
    panic_glue
);

fn panic_glue<'a, 'py>(_m: M<'a, 'py>, message: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    let text: &str = message.extract()?;
    panic!("{text}");
}

// ---- callable(obj) / identity(obj) / noargs(): call-overhead probes --------------------------

const CALLABLE: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o, State, "callable",
    "callable($module, obj, /)\n--\n\nReturn whether obj is callable (mirror of the builtin, METH_O).",
    callable_glue
);

fn callable_glue<'a, 'py>(m: M<'a, 'py>, obj: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    // SAFETY: attached (token from the entry), valid object.
    let r = unsafe { ferrocpy::ffi::PyCallable_Check(obj.as_ptr()) } != 0;
    Ok(m.py().bool(r).to_owned())
}

const IDENTITY: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "identity",
    "identity($module, obj, /)\n--\n\nReturn obj.",
    identity_glue
);

fn identity_glue<'a, 'py>(_m: M<'a, 'py>, obj: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    Ok(obj.to_owned())
}

const NOARGS: ferrocpy::MethodDef<State> = ferrocpy::function!(
    noargs,
    State,
    "noargs",
    "noargs($module, /)\n--\n\nReturn None.",
    noargs_glue
);

fn noargs_glue<'a, 'py>(m: M<'a, 'py>) -> PyResult<Owned<'py>> {
    Ok(m.py().none().to_owned())
}

// ---- positional(a, b=None, /): METH_FASTCALL ------------------------------------------------

const POSITIONAL: ferrocpy::MethodDef<State> = ferrocpy::function!(
    fastcall,
    State,
    "positional",
    "positional($module, a, b=None, /)\n--\n\nReturn (a, b).",
    positional_glue
);

fn positional_glue<'a, 'py>(m: M<'a, 'py>, args: &'a [Borrowed<'a, 'py>]) -> PyResult<Owned<'py>> {
    let py = m.py();
    ferrocpy::args::check_positional(py, "positional", args.len(), 1, 2)?;
    let b = args.get(1).copied().unwrap_or(py.none());
    ferrocpy::types::tuple::new(py, vec![args[0].to_owned(), b.to_owned()])
}

// ---- bind(a, /, b, c=None, *, d, e=None): METH_FASTCALL|METH_KEYWORDS ------------------------

const BIND: ferrocpy::MethodDef<State> = ferrocpy::function!(
    fastcall_keywords, State, "bind",
    "bind($module, a, /, b, c=None, *, d, e=None)\n--\n\nReturn the bound arguments as a tuple (missing optional ones are None).",
    bind_glue
);

static BIND_PARAMS: Params = Params {
    fname: "bind",
    names: &["a", "b", "c", "d", "e"],
    posonly: 1,
    max_pos: 3,
    min_pos: 2,
    min_kwonly: 1,
};

fn bind_glue<'a, 'py>(m: M<'a, 'py>, args: FastcallArgs<'a, 'py>) -> PyResult<Owned<'py>> {
    let py = m.py();
    let bound: [Option<Borrowed<'a, 'py>>; 5] = BIND_PARAMS.bind(args)?;
    let items: Vec<_> = bound
        .iter()
        .map(|b| b.unwrap_or(py.none()).to_owned())
        .collect();
    ferrocpy::types::tuple::new(py, items)
}

// ---- conversions -----------------------------------------------------------------------------

const INT_ROUNDTRIP: ferrocpy::MethodDef<State> = ferrocpy::function!(
    fastcall, State, "int_roundtrip",
    "int_roundtrip($module, kind, value, /)\n--\n\nConvert value to the Rust integer type named kind and back.",
    int_roundtrip_glue
);

fn int_roundtrip_glue<'a, 'py>(
    m: M<'a, 'py>,
    args: &'a [Borrowed<'a, 'py>],
) -> PyResult<Owned<'py>> {
    let py = m.py();
    ferrocpy::args::check_positional(py, "int_roundtrip", args.len(), 2, 2)?;
    let kind: &str = args[0].extract()?;
    let v = args[1];
    fn rt<'a, 'py, T>(py: Python<'py>, v: Borrowed<'a, 'py>) -> PyResult<Owned<'py>>
    where
        T: ferrocpy::FromPyObject<'a, 'py> + ferrocpy::IntoPyObject<'py>,
    {
        v.extract::<T>()?.into_py(py)
    }
    use ferrocpy::IntoPyObject;
    match kind {
        "i8" => rt::<i8>(py, v),
        "i16" => rt::<i16>(py, v),
        "i32" => rt::<i32>(py, v),
        "i64" => rt::<i64>(py, v),
        "i128" => rt::<i128>(py, v),
        "isize" => rt::<isize>(py, v),
        "u8" => rt::<u8>(py, v),
        "u16" => rt::<u16>(py, v),
        "u32" => rt::<u32>(py, v),
        "u64" => rt::<u64>(py, v),
        "u128" => rt::<u128>(py, v),
        "usize" => rt::<usize>(py, v),
        "bool" => rt::<bool>(py, v),
        "none" => ().into_py(py),
        _ => Err(ValueError::new_err(py, format!("unknown kind {kind:?}"))),
    }
}

const FLOAT_ROUNDTRIP: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "float_roundtrip",
    "float_roundtrip($module, value, /)\n--\n\nfloat -> f64 -> float.",
    float_roundtrip_glue
);

fn float_roundtrip_glue<'a, 'py>(m: M<'a, 'py>, v: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    use ferrocpy::IntoPyObject;
    v.extract::<f64>()?.into_py(m.py())
}

const STR_ROUNDTRIP: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "str_roundtrip",
    "str_roundtrip($module, value, /)\n--\n\nstr -> String -> str.",
    str_roundtrip_glue
);

fn str_roundtrip_glue<'a, 'py>(m: M<'a, 'py>, v: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    use ferrocpy::IntoPyObject;
    v.extract::<String>()?.into_py(m.py())
}

const BYTES_ROUNDTRIP: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "bytes_roundtrip",
    "bytes_roundtrip($module, value, /)\n--\n\nbytes -> Vec<u8> -> bytes.",
    bytes_roundtrip_glue
);

fn bytes_roundtrip_glue<'a, 'py>(m: M<'a, 'py>, v: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    use ferrocpy::IntoPyObject;
    v.extract::<Vec<u8>>()?.into_py(m.py())
}

const BYTES_WITH: ferrocpy::MethodDef<State> = ferrocpy::function!(
    fastcall, State, "bytes_with",
    "bytes_with($module, capacity, length, /)\n--\n\nBuild bytes in place: capacity bytes reserved, the first length written as 0..255 repeating.",
    bytes_with_glue
);

fn bytes_with_glue<'a, 'py>(m: M<'a, 'py>, args: &'a [Borrowed<'a, 'py>]) -> PyResult<Owned<'py>> {
    let py = m.py();
    ferrocpy::args::check_positional(py, "bytes_with", args.len(), 2, 2)?;
    let cap: usize = args[0].extract()?;
    let len: usize = args[1].extract()?;
    let r = ferrocpy::types::bytes::new_with(py, cap, |buf| {
        if len > buf.len() {
            return Err(());
        }
        let pattern: Vec<u8> = (0..len).map(|i| i as u8).collect();
        Ok(ferrocpy::types::bytes::init_prefix(buf, &pattern))
    })?;
    r.map_err(|()| ValueError::new_err(py, "length > capacity"))
}

// ---- buffers ---------------------------------------------------------------------------------

const BUFFER_LEN: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "buffer_len",
    "buffer_len($module, data, /)\n--\n\nLength of a bytes-like object's buffer.",
    buffer_len_glue
);

fn buffer_len_glue<'a, 'py>(m: M<'a, 'py>, data: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    use ferrocpy::IntoPyObject;
    let buf = Buffer::get(data)?;
    buf.len().into_py(m.py())
}

const BUFFER_THEN_PANIC: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o, State, "buffer_then_panic",
    "buffer_then_panic($module, data, /)\n--\n\nAcquire a buffer of data, then panic while holding it.",
    buffer_then_panic_glue
);

fn buffer_then_panic_glue<'a, 'py>(
    _m: M<'a, 'py>,
    data: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>> {
    let buf = Buffer::get(data)?;
    panic!("holding a buffer of {} bytes", buf.len());
}

const BUFFER_THEN_RAISE: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o, State, "buffer_then_raise",
    "buffer_then_raise($module, data, /)\n--\n\nAcquire a buffer of data, then raise ValueError while holding it.",
    buffer_then_raise_glue
);

fn buffer_then_raise_glue<'a, 'py>(m: M<'a, 'py>, data: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    let buf = Buffer::get(data)?;
    Err(ValueError::new_err(
        m.py(),
        format!("held {} bytes", buf.len()),
    ))
}

const DETACHED_SUM: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "detached_sum",
    "detached_sum($module, data, /)\n--\n\nSum of the bytes, computed with the GIL released.",
    detached_sum_glue
);

fn detached_sum_glue<'a, 'py>(m: M<'a, 'py>, data: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    use ferrocpy::IntoPyObject;
    let buf = Buffer::get(data)?;
    let bytes = buf.as_bytes();
    let sum: u64 = m.py().detach(|| bytes.iter().map(|&b| u64::from(b)).sum());
    sum.into_py(m.py())
}

// ---- exceptions ------------------------------------------------------------------------------

const RAISE_OWN_ERROR: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "raise_own_error",
    "raise_own_error($module, message, /)\n--\n\nRaise the module's SelftestError.",
    raise_own_error_glue
);

fn raise_own_error_glue<'a, 'py>(
    m: M<'a, 'py>,
    message: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>> {
    let text: &str = message.extract()?;
    let state = m.state()?;
    Err(PyErr::new_from_type(m.py(), state.error.bind(m.py()), text))
}

const RAISE_BUILTIN: ferrocpy::MethodDef<State> = ferrocpy::function!(
    fastcall,
    State,
    "raise_builtin",
    "raise_builtin($module, name, message, /)\n--\n\nRaise the named built-in exception.",
    raise_builtin_glue
);

fn raise_builtin_glue<'a, 'py>(
    m: M<'a, 'py>,
    args: &'a [Borrowed<'a, 'py>],
) -> PyResult<Owned<'py>> {
    let py = m.py();
    ferrocpy::args::check_positional(py, "raise_builtin", args.len(), 2, 2)?;
    let name: &str = args[0].extract()?;
    let msg: &str = args[1].extract()?;
    Err(match name {
        "TypeError" => TypeError::new_err(py, msg),
        "ValueError" => ValueError::new_err(py, msg),
        "OverflowError" => exc::OverflowError::new_err(py, msg),
        "MemoryError" => exc::MemoryError::new_err(py, msg),
        "BufferError" => exc::BufferError::new_err(py, msg),
        _ => exc::SystemError::new_err(py, format!("unknown exception {name}")),
    })
}

const REFCNT: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "refcnt",
    "refcnt($module, obj, /)\n--\n\nThe object's reference count as C sees it.",
    refcnt_glue
);

fn refcnt_glue<'a, 'py>(m: M<'a, 'py>, obj: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    use ferrocpy::IntoPyObject;
    obj.refcnt().into_py(m.py())
}

// ---- misbehave(mode): a builtin that breaks the call protocol ------------------------------

const MISBEHAVE: ferrocpy::MethodDef<State> = {
    /// METH_O entry written by hand (the glue of `function!` never breaks the protocol): for
    /// `mode` 0 returns NULL without setting an exception; otherwise raises `ValueError(mode)`
    /// and returns `mode` anyway. The interpreter turns either into `SystemError` when Python
    /// code calls it (a release build; a debug build ends the process), and so must ferrocpy's
    /// own calls.
    ///
    /// # Safety
    /// Called by CPython through the method table, attached, with `arg` a valid object.
    unsafe extern "C" fn misbehave(
        _module: *mut ferrocpy::ffi::PyObject,
        arg: *mut ferrocpy::ffi::PyObject,
    ) -> *mut ferrocpy::ffi::PyObject {
        use ferrocpy::ffi;
        // SAFETY: attached thread, valid `arg` (entry contract); the returned `arg` is a new
        // reference taken here.
        unsafe {
            if ffi::PyLong_AsLong(arg) == 0 {
                ffi::PyErr_Clear();
                return std::ptr::null_mut();
            }
            ffi::PyErr_SetObject(ffi::PyExc_ValueError, arg);
            ffi::Py_INCREF(arg);
            arg
        }
    }
    // SAFETY: `misbehave` has the METH_O signature and ignores its `self` (the module), so the
    // state invariant holds for any state.
    unsafe {
        ferrocpy::MethodDef::<State>::from_raw(ferrocpy::ffi::PyMethodDef {
            ml_name: c"misbehave".as_ptr(),
            ml_meth: Some(misbehave),
            ml_flags: ferrocpy::ffi::METH_O as std::ffi::c_int,
            ml_doc: c"misbehave($module, mode, /)\n--\n\nBreak the call protocol: mode 0 returns NULL without an exception, any other mode returns it with ValueError(mode) set.".as_ptr(),
        })
    }
};
