//! Module definitions: multi-phase initialisation with per-module state.
//!
//! A port declares its module with [`crate::module!`]: the macro emits the static
//! `PyModuleDef`, its method table and slots, and `PyInit_<name>` returning
//! `PyModuleDef_Init(&def)`. Built for 3.15 or later, it also emits PEP 793's
//! `PyModExport_<name>`, returning the same description as a `PySlot` array ([`ExportSlots`]),
//! which those interpreters prefer to `PyInit_<name>`; both paths create the same module with the
//! same state, exec, GC and capability slots. No Python object lives in a static: everything a module needs
//! beyond its functions (exception classes, caches) lives in its [`ModuleState`], created in the
//! exec slot for each module object, so every interpreter (and every re-import) gets its own.

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::method::MethodDef;
use crate::object::{Borrowed, Owned};
use crate::panic::contain;
use crate::python::Python;
use crate::stored::Stored;
use std::cell::UnsafeCell;
use std::ffi::{c_int, c_void};
use std::marker::PhantomData;
use std::mem::MaybeUninit;

/// Per-module state: one value per module object.
pub trait ModuleState: Sized + 'static {
    /// Builds the state of a new module object (runs in the exec slot). The module's
    /// [`Module::state`] is not available yet; the handle serves to create the module's classes
    /// ([`crate::class::ClassType::create`]).
    fn init(py: Python<'_>, module: Module<'_, '_, Self>) -> PyResult<Self>;

    /// Adds the module's attributes; runs right after [`ModuleState::init`].
    fn exec(_module: Module<'_, '_, Self>) -> PyResult<()> {
        Ok(())
    }

    /// Reports every Python object the state holds to the garbage collector.
    fn traverse(&self, _visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        Ok(())
    }
}

/// A module with nothing to keep.
impl ModuleState for () {
    fn init(_py: Python<'_>, _module: Module<'_, '_, Self>) -> PyResult<Self> {
        Ok(())
    }
}

/// A GC traversal in progress (see [`ModuleState::traverse`]).
pub struct Visit<'a> {
    // SAFETY: the collector's visit function, valid for the traversal that created `Visit`.
    visit: unsafe extern "C" fn(*mut ffi::PyObject, *mut c_void) -> c_int,
    arg: *mut c_void,
    _marker: PhantomData<&'a ()>,
}

/// A non-zero result from the collector's visit function, to be returned as is.
#[derive(Debug)]
pub struct TraverseError(c_int);

impl TraverseError {
    /// The visit function's result, for the traverse slot to return.
    pub(crate) fn code(&self) -> c_int {
        self.0
    }
}

impl Visit<'_> {
    /// A traversal with the collector's visit function and argument.
    ///
    /// # Safety
    /// `visit` and `arg` are those the collector passed to the traverse slot now running; the
    /// `Visit` is used only during that call.
    pub(crate) unsafe fn from_raw(
        // SAFETY (of the type): the collector's visit function, only called during the traversal.
        visit: unsafe extern "C" fn(*mut ffi::PyObject, *mut c_void) -> c_int,
        arg: *mut c_void,
    ) -> Self {
        Visit {
            visit,
            arg,
            _marker: PhantomData,
        }
    }

    /// Visits one object by pointer.
    ///
    /// # Safety
    /// `obj` is a valid object kept alive by the object being traversed.
    pub(crate) unsafe fn ptr(&mut self, obj: *mut ffi::PyObject) -> Result<(), TraverseError> {
        // SAFETY: `visit`/`arg` come from the collector for this traversal; `obj` per caller.
        let r = unsafe { (self.visit)(obj, self.arg) };
        if r == 0 {
            Ok(())
        } else {
            Err(TraverseError(r))
        }
    }

    /// Visits one stored object.
    pub fn call(&mut self, obj: &Stored) -> Result<(), TraverseError> {
        // SAFETY: `visit`/`arg` come from the collector for this traversal; `obj` is a valid
        // object kept alive by the state being traversed.
        let r = unsafe { (self.visit)(obj.as_ptr(), self.arg) };
        if r == 0 {
            Ok(())
        } else {
            Err(TraverseError(r))
        }
    }
}

/// State storage inside the module object (`m_size` bytes, zeroed by CPython).
///
/// # Invariants
/// `value` is initialised exactly when `ready` is true. All-zero is the valid "not ready" state.
#[repr(C)]
struct StateSlot<S> {
    ready: bool,
    value: MaybeUninit<S>,
}

/// A module object whose state is `S`, borrowed for one call.
///
/// # Invariants
/// `obj` is a module object created from a `ModuleDef` whose state type is `S`.
pub struct Module<'a, 'py, S> {
    obj: Borrowed<'a, 'py>,
    _state: PhantomData<&'a S>,
}

impl<S> Clone for Module<'_, '_, S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S> Copy for Module<'_, '_, S> {}

impl<'a, 'py, S: ModuleState> Module<'a, 'py, S> {
    /// Wraps the `self` argument of a module function.
    ///
    /// # Safety
    /// `ptr` is a valid module object whose definition declares state type `S`, alive for `'a`;
    /// the thread is attached.
    #[inline(always)]
    pub unsafe fn from_ptr(py: Python<'py>, ptr: *mut ffi::PyObject) -> Self {
        // SAFETY: forwarded.
        let obj = unsafe { Borrowed::from_ptr(py, ptr) };
        Module {
            obj,
            _state: PhantomData,
        }
    }

    /// The module object.
    #[inline(always)]
    pub fn as_borrowed(self) -> Borrowed<'a, 'py> {
        self.obj
    }

    /// The token.
    #[inline(always)]
    pub fn py(self) -> Python<'py> {
        self.obj.py()
    }

    /// The module's state. Raises `SystemError` if the module was never initialised (its exec
    /// slot failed or has not run).
    #[inline(always)]
    pub fn state(self) -> PyResult<&'a S> {
        // SAFETY: the module's definition has `m_size = size_of::<StateSlot<S>>()` (invariant),
        // so `PyModule_GetState` returns that many zero-initialised, suitably aligned bytes that
        // live as long as the module.
        let slot = unsafe { &*ffi::PyModule_GetState(self.obj.as_ptr()).cast::<StateSlot<S>>() };
        if !slot.ready {
            return Err(crate::exc::SystemError::new_err(
                self.py(),
                "module state is not initialized",
            ));
        }
        // SAFETY: `ready` means `value` is initialised (invariant). The state is only dropped by
        // the module's clear/free slots, which cannot run while one of its functions is running
        // (the call keeps the module reachable).
        Ok(unsafe { slot.value.assume_init_ref() })
    }

    /// `module.name = value`.
    pub fn add(self, name: &str, value: Borrowed<'_, 'py>) -> PyResult<()> {
        let key = crate::types::str::new(self.py(), name)?;
        // SAFETY: attached thread, valid objects; `PyObject_SetAttr` does not steal.
        let rc = unsafe { ffi::PyObject_SetAttr(self.obj.as_ptr(), key.as_ptr(), value.as_ptr()) };
        if rc < 0 {
            Err(PyErr::fetch(self.py()))
        } else {
            Ok(())
        }
    }

    /// `module.name = value`, converting `value` first.
    pub fn add_value<T: crate::IntoPyObject<'py>>(self, name: &str, value: T) -> PyResult<()> {
        let v: Owned<'py> = value.into_py(self.py())?;
        self.add(name, v.as_borrowed())
    }
}

/// Pointer to the state slot of a module of state type `S`.
///
/// # Safety
/// As [`Module::from_ptr`]; the module's state memory exists.
unsafe fn slot_ptr<S>(module: *mut ffi::PyObject) -> *mut StateSlot<S> {
    // SAFETY: forwarded.
    unsafe { ffi::PyModule_GetState(module).cast::<StateSlot<S>>() }
}

/// `Py_mod_exec`: builds the state, then runs [`ModuleState::exec`].
///
/// # Safety
/// Called by CPython, attached, with a module object created from a definition of state `S`.
unsafe extern "C" fn exec_slot<S: ModuleState>(module: *mut ffi::PyObject) -> c_int {
    // SAFETY: CPython runs exec slots attached, with the module object created from our def.
    let py = unsafe { Python::assume_attached() };
    crate::python::note_interpreter(py);
    contain(py, -1, || {
        // SAFETY: see above; the module is alive for this call.
        let m: Module<'_, '_, S> = unsafe { Module::from_ptr(py, module) };
        // SAFETY: our def sets `m_size`, so the state memory exists and is zeroed.
        let slot = unsafe { &mut *slot_ptr::<S>(module) };
        if !slot.ready {
            let state = match S::init(py, m) {
                Ok(s) => s,
                Err(_) => return -1,
            };
            slot.value.write(state);
            slot.ready = true;
        }
        match S::exec(m) {
            Ok(()) => 0,
            Err(_) => -1,
        }
    })
}

/// `m_traverse`.
///
/// # Safety
/// Called by the collector, attached, with a module of state `S` and its visit function.
unsafe extern "C" fn traverse_slot<S: ModuleState>(
    module: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    let Some(visit) = visit else { return 0 };
    // SAFETY: the collector runs traversals attached; a panic here is contained like anywhere.
    let py = unsafe { Python::assume_attached() };
    contain(py, 0, || {
        // SAFETY: module created from our def; state memory may be absent only when `m_size`
        // is 0, which our defs never use, and CPython skips traversal without state memory.
        let slot = unsafe { &*slot_ptr::<S>(module) };
        if !slot.ready {
            return 0;
        }
        let mut v = Visit {
            visit,
            arg,
            _marker: PhantomData,
        };
        // SAFETY: `ready` means initialised.
        match unsafe { slot.value.assume_init_ref() }.traverse(&mut v) {
            Ok(()) => 0,
            Err(TraverseError(r)) => r,
        }
    })
}

/// Drops the state if it exists (used by both `m_clear` and `m_free`).
///
/// # Safety
/// Attached thread; `module` created from a def with state type `S`.
unsafe fn drop_state<S>(module: *mut ffi::PyObject) {
    // SAFETY: forwarded; `PyModule_GetState` may return null for a module without state memory.
    let slot = unsafe { slot_ptr::<S>(module) };
    if slot.is_null() {
        return;
    }
    // SAFETY: non-null state memory of our layout.
    let slot = unsafe { &mut *slot };
    if slot.ready {
        slot.ready = false;
        // SAFETY: was initialised (`ready`), and is marked not ready before dropping so a
        // re-entrant clear cannot drop it twice.
        unsafe { slot.value.assume_init_drop() };
    }
}

/// `m_clear`.
///
/// # Safety
/// Called by the collector, attached, with a module of state `S`.
unsafe extern "C" fn clear_slot<S: ModuleState>(module: *mut ffi::PyObject) -> c_int {
    // SAFETY: the collector clears attached.
    let py = unsafe { Python::assume_attached() };
    // SAFETY: module created from our def.
    contain(py, 0, || unsafe {
        drop_state::<S>(module);
        0
    })
}

/// `m_free`.
///
/// # Safety
/// Called by CPython, attached, with a module of state `S` being deallocated.
unsafe extern "C" fn free_slot<S: ModuleState>(module: *mut c_void) {
    // SAFETY: module deallocation runs attached.
    let py = unsafe { Python::assume_attached() };
    // SAFETY: `module` is our module object being deallocated.
    contain(py, (), || unsafe { drop_state::<S>(module.cast()) })
}

/// Whether the module declares support for per-interpreter GILs (3.12+) and for running
/// without the GIL (3.13+ free-threaded builds).
#[derive(Clone, Copy)]
pub struct Capabilities {
    /// The module keeps no state outside its module object and may be imported in any
    /// interpreter, including ones with their own GIL.
    pub per_interpreter_gil: bool,
    /// The module is safe to run without the GIL (`Py_mod_gil = Py_MOD_GIL_NOT_USED`).
    pub gil_not_used: bool,
}

/// The slots array: exec, and the capability declarations the running version knows.
#[doc(hidden)]
#[repr(transparent)]
pub struct Slots(UnsafeCell<[ffi::PyModuleDef_Slot; 4]>);

// SAFETY: the array is written only at compile time; CPython only reads it.
unsafe impl Sync for Slots {}

impl Slots {
    #[doc(hidden)]
    pub const fn new<S: ModuleState>(caps: Capabilities) -> Slots {
        let end = ffi::PyModuleDef_Slot {
            slot: 0,
            value: std::ptr::null_mut(),
        };
        let mut slots = [end; 4];
        // SAFETY: a function pointer is only stored here; CPython calls it as a Py_mod_exec slot.
        let exec: unsafe extern "C" fn(*mut ffi::PyObject) -> c_int = exec_slot::<S>;
        slots[0] = ffi::PyModuleDef_Slot {
            slot: ffi::Py_mod_exec as c_int,
            value: exec as *mut c_void,
        };
        #[allow(unused_mut)]
        let mut n = 1;
        #[cfg(Py_3_12)]
        {
            // Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED = 1, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED = 2.
            let value = if caps.per_interpreter_gil {
                2usize
            } else {
                1usize
            };
            slots[n] = ffi::PyModuleDef_Slot {
                slot: ffi::Py_mod_multiple_interpreters as c_int,
                value: value as *mut c_void,
            };
            n += 1;
        }
        #[cfg(Py_3_13)]
        {
            // Py_MOD_GIL_USED = 0, Py_MOD_GIL_NOT_USED = 1.
            let value = if caps.gil_not_used { 1usize } else { 0usize };
            slots[n] = ffi::PyModuleDef_Slot {
                slot: ffi::Py_mod_gil as c_int,
                value: value as *mut c_void,
            };
        }
        let _ = caps;
        let _ = n;
        Slots(UnsafeCell::new(slots))
    }
}

/// A null-terminated method table.
#[doc(hidden)]
#[repr(transparent)]
pub struct MethodTable<const N: usize>(UnsafeCell<[ffi::PyMethodDef; N]>);

// SAFETY: written only at compile time; CPython only reads method tables.
unsafe impl<const N: usize> Sync for MethodTable<N> {}

impl<const N: usize> MethodTable<N> {
    /// A table of `defs`, the last being [`METHOD_SENTINEL`] (checked).
    ///
    /// # Safety
    /// Every other entry is the raw form of a [`MethodDef`] whose self kind is the one of the
    /// table's owner (a module of the state its `MethodDef<S>` names, or class `T` for
    /// `MethodDef<Instance<T>>`): CPython calls each entry's function with the flags, names and
    /// `self` the entry announces, trusting them.
    #[doc(hidden)]
    pub const unsafe fn new(defs: [ffi::PyMethodDef; N]) -> Self {
        assert!(
            N > 0 && defs[N - 1].ml_name.is_null(),
            "method table must end with a sentinel"
        );
        MethodTable(UnsafeCell::new(defs))
    }

    #[doc(hidden)]
    pub const fn as_ptr(&'static self) -> *mut ffi::PyMethodDef {
        self.0.get().cast()
    }
}

/// The terminating entry of a method table.
#[doc(hidden)]
pub const METHOD_SENTINEL: ffi::PyMethodDef = ffi::PyMethodDef {
    ml_name: std::ptr::null(),
    ml_meth: None,
    ml_flags: 0,
    ml_doc: std::ptr::null(),
};

/// Checks at compile time that a method belongs to a module of state `S`.
#[doc(hidden)]
pub const fn method_for<S>(m: &MethodDef<S>) -> ffi::PyMethodDef {
    m.raw()
}

/// The static module definition.
#[doc(hidden)]
#[repr(transparent)]
pub struct ModuleDef(UnsafeCell<ffi::PyModuleDef>);

// SAFETY: CPython writes the definition's object header once, inside `PyModuleDef_Init`, which
// runs attached (serialised by the GIL or, on free-threaded builds, by the import lock);
// Rust never touches it after construction.
unsafe impl Sync for ModuleDef {}

impl ModuleDef {
    #[doc(hidden)]
    pub const fn new<S: ModuleState>(
        name: &'static std::ffi::CStr,
        doc: Option<&'static std::ffi::CStr>,
        methods: *mut ffi::PyMethodDef,
        slots: &'static Slots,
    ) -> ModuleDef {
        assert!(
            std::mem::align_of::<StateSlot<S>>() <= 16,
            "module state over-aligned"
        );
        ModuleDef(UnsafeCell::new(ffi::PyModuleDef {
            m_base: ffi::PyModuleDef_HEAD_INIT(),
            m_name: name.as_ptr(),
            m_doc: match doc {
                Some(d) => d.as_ptr(),
                None => std::ptr::null(),
            },
            m_size: std::mem::size_of::<StateSlot<S>>() as ffi::Py_ssize_t,
            m_methods: methods,
            m_slots: slots.0.get().cast(),
            m_traverse: Some(traverse_slot::<S>),
            m_clear: Some(clear_slot::<S>),
            m_free: Some(free_slot::<S>),
        }))
    }

    /// The body of `PyInit_<name>`: multi-phase initialisation.
    ///
    /// # Safety
    /// Called by the import machinery, attached.
    #[doc(hidden)]
    pub unsafe fn init(&'static self) -> *mut ffi::PyObject {
        // SAFETY: attached (import); the definition is static and valid.
        unsafe { ffi::PyModuleDef_Init(self.0.get()) }
    }
}

/// The PEP 793 description of a module (3.15+): name, doc, state size and GC hooks, methods,
/// exec, capabilities, ABI information and token, as `PySlot`s ending with a zeroed entry.
///
/// # Invariants
/// Every pointer in the array is `'static` (names, docs, the method table, the ABI record and
/// the token); the array is never written after construction.
#[cfg(Py_3_15)]
#[doc(hidden)]
#[repr(transparent)]
pub struct ExportSlots(UnsafeCell<[ffi::PySlot; EXPORT_SLOTS]>);

#[cfg(Py_3_15)]
const EXPORT_SLOTS: usize = 13;

// SAFETY: the array is written only at compile time; CPython only reads it.
#[cfg(Py_3_15)]
unsafe impl Sync for ExportSlots {}

/// `PyABIInfo` for a module built by this crate (version 1.0 of the record): the exact build it
/// was compiled against, GIL or free-threaded.
#[cfg(Py_3_15)]
#[doc(hidden)]
#[repr(transparent)]
pub struct AbiInfo(UnsafeCell<ffi::PyABIInfo>);

// SAFETY: written only at compile time; CPython only reads it.
#[cfg(Py_3_15)]
unsafe impl Sync for AbiInfo {}

#[cfg(Py_3_15)]
impl AbiInfo {
    #[doc(hidden)]
    pub const fn new() -> AbiInfo {
        AbiInfo(UnsafeCell::new(ffi::PyABIInfo {
            abiinfo_major_version: 1,
            abiinfo_minor_version: 0,
            flags: if cfg!(Py_GIL_DISABLED) {
                ffi::PyABIInfo_FREETHREADED as u16
            } else {
                ffi::PyABIInfo_GIL as u16
            },
            build_version: ffi::PY_VERSION_HEX,
            abi_version: ffi::PY_VERSION_HEX,
        }))
    }
}

/// A slot holding a function pointer.
#[cfg(Py_3_15)]
const fn slot_ptr_value(id: u32, ptr: *mut c_void) -> ffi::PySlot {
    ffi::PySlot {
        sl_id: id as u16,
        sl_flags: 0,
        __bindgen_anon_1: ffi::PySlot__bindgen_ty_1 { sl_reserved: 0 },
        __bindgen_anon_2: ffi::PySlot__bindgen_ty_2 { sl_ptr: ptr },
    }
}

/// A slot pointing at `'static` data, which CPython may keep instead of copying
/// (`PySlot_STATIC`; required for the method table).
#[cfg(Py_3_15)]
const fn slot_static_value(id: u32, ptr: *mut c_void) -> ffi::PySlot {
    ffi::PySlot {
        sl_id: id as u16,
        sl_flags: ffi::PySlot_STATIC as u16,
        __bindgen_anon_1: ffi::PySlot__bindgen_ty_1 { sl_reserved: 0 },
        __bindgen_anon_2: ffi::PySlot__bindgen_ty_2 { sl_ptr: ptr },
    }
}

/// A slot holding an integer value.
#[cfg(Py_3_15)]
const fn slot_int_value(id: u32, value: usize) -> ffi::PySlot {
    ffi::PySlot {
        sl_id: id as u16,
        sl_flags: ffi::PySlot_INTPTR as u16,
        __bindgen_anon_1: ffi::PySlot__bindgen_ty_1 { sl_reserved: 0 },
        __bindgen_anon_2: ffi::PySlot__bindgen_ty_2 {
            sl_ptr: value as *mut c_void,
        },
    }
}

#[cfg(Py_3_15)]
impl ExportSlots {
    #[doc(hidden)]
    pub const fn new<S: ModuleState>(
        name: &'static std::ffi::CStr,
        doc: Option<&'static std::ffi::CStr>,
        methods: *mut ffi::PyMethodDef,
        def: &'static ModuleDef,
        caps: Capabilities,
        abi: &'static AbiInfo,
    ) -> ExportSlots {
        let doc = match doc {
            Some(d) => d.as_ptr(),
            None => std::ptr::null(),
        };
        // SAFETY (of the pointers below): only stored; CPython calls each with the signature
        // its slot documents, which is the signature they have.
        let exec: unsafe extern "C" fn(*mut ffi::PyObject) -> c_int = exec_slot::<S>;
        // SAFETY: likewise, the traverse slot.
        let traverse: unsafe extern "C" fn(
            *mut ffi::PyObject,
            ffi::visitproc,
            *mut c_void,
        ) -> c_int = traverse_slot::<S>;
        // SAFETY: likewise, the clear slot.
        let clear: unsafe extern "C" fn(*mut ffi::PyObject) -> c_int = clear_slot::<S>;
        // SAFETY: likewise, the free slot.
        let free: unsafe extern "C" fn(*mut c_void) = free_slot::<S>;
        let slots = [
            slot_static_value(ffi::Py_mod_abi, abi.0.get().cast()),
            slot_static_value(ffi::Py_mod_name, name.as_ptr() as *mut c_void),
            slot_static_value(ffi::Py_mod_doc, doc as *mut c_void),
            slot_int_value(ffi::Py_mod_state_size, std::mem::size_of::<StateSlot<S>>()),
            slot_static_value(ffi::Py_mod_methods, methods.cast()),
            slot_ptr_value(ffi::Py_mod_state_traverse, traverse as *mut c_void),
            slot_ptr_value(ffi::Py_mod_state_clear, clear as *mut c_void),
            slot_ptr_value(ffi::Py_mod_state_free, free as *mut c_void),
            slot_ptr_value(ffi::Py_mod_exec as u32, exec as *mut c_void),
            // Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED = 1, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED = 2.
            slot_int_value(
                ffi::Py_mod_multiple_interpreters as u32,
                if caps.per_interpreter_gil { 2 } else { 1 },
            ),
            // Py_MOD_GIL_USED = 0, Py_MOD_GIL_NOT_USED = 1.
            slot_int_value(ffi::Py_mod_gil as u32, caps.gil_not_used as usize),
            // The definition's address identifies modules of this kind (as a def would).
            slot_static_value(ffi::Py_mod_token, def.0.get().cast()),
            slot_int_value(0, 0),
        ];
        ExportSlots(UnsafeCell::new(slots))
    }

    /// The body of `PyModExport_<name>`.
    #[doc(hidden)]
    pub const fn as_ptr(&'static self) -> *mut ffi::PySlot {
        self.0.get().cast()
    }
}

/// `PyModExport_<name>` for 3.15+ (nothing before).
#[cfg(Py_3_15)]
#[doc(hidden)]
#[macro_export]
macro_rules! __mod_export {
    ($name:literal, $state:ty, $def:ident, $caps:expr, $cname:expr, $cdoc:expr, $methods:expr) => {
        static EXPORT_ABI: $crate::module::AbiInfo = $crate::module::AbiInfo::new();
        static EXPORT: $crate::module::ExportSlots = $crate::module::ExportSlots::new::<$state>(
            $cname,
            $cdoc,
            $methods,
            &$def,
            $caps,
            &EXPORT_ABI,
        );

        #[export_name = concat!("PyModExport_", $name)]
        extern "C" fn __ferrocpy_modexport() -> *mut $crate::ffi::PySlot {
            EXPORT.as_ptr()
        }
    };
}

/// `PyModExport_<name>` for 3.15+ (nothing before).
#[cfg(not(Py_3_15))]
#[doc(hidden)]
#[macro_export]
macro_rules! __mod_export {
    ($($t:tt)*) => {};
}

/// Declares an extension module: its `PyModuleDef`, method table, slots and `PyInit_<name>`
/// (and `PyModExport_<name>` when built for 3.15+).
///
/// ```ignore
/// ferrocpy::module! {
///     name: "seed_demo",
///     doc: "Demo functions.",
///     state: (),
///     methods: [FIBONACCI, PARSE_HEADER],
/// }
/// ```
///
/// `per_interpreter_gil` (default `true`) declares that the module keeps no Python object in
/// statics, which ferrocpy's modules never do. `gil_not_used` (default `false`, the safe answer)
/// declares `Py_mod_gil = Py_MOD_GIL_NOT_USED`: say `true` only when every function is safe
/// without the GIL on a free-threaded build, e.g. reads shared mutable objects (a list's items)
/// only inside a critical section (the clinic's `@critical_section`), as CPython's own modules
/// do; otherwise a free-threaded interpreter re-enables the GIL while the module is imported.
#[macro_export]
macro_rules! module {
    (
        name: $name:literal,
        doc: $doc:literal,
        state: $state:ty,
        methods: [$($method:expr),* $(,)?]
        $(, per_interpreter_gil: $pig:expr)?
        $(, gil_not_used: $gnu:expr)?
        $(,)?
    ) => {
        const _: () = {
            static METHODS: $crate::module::MethodTable<{ [$(stringify!($method)),*].len() + 1 }> =
                // SAFETY: each entry is the raw form of a `MethodDef<$state>` (`method_for`
                // accepts nothing else), and this table belongs to a module of state `$state`.
                unsafe {
                    $crate::module::MethodTable::new([
                        $($crate::module::method_for::<$state>(&$method),)*
                        $crate::module::METHOD_SENTINEL,
                    ])
                };
            const CAPS: $crate::module::Capabilities = $crate::module::Capabilities {
                per_interpreter_gil: $crate::__first!($($pig,)? true),
                gil_not_used: $crate::__first!($($gnu,)? false),
            };
            static SLOTS: $crate::module::Slots = $crate::module::Slots::new::<$state>(CAPS);
            const NAME: &::std::ffi::CStr =
                match ::std::ffi::CStr::from_bytes_with_nul(concat!($name, "\0").as_bytes()) {
                    Ok(s) => s,
                    Err(_) => panic!("module name contains NUL"),
                };
            const DOC: Option<&::std::ffi::CStr> =
                match ::std::ffi::CStr::from_bytes_with_nul(concat!($doc, "\0").as_bytes()) {
                    Ok(s) => Some(s),
                    Err(_) => panic!("module doc contains NUL"),
                };
            static DEF: $crate::module::ModuleDef =
                $crate::module::ModuleDef::new::<$state>(NAME, DOC, METHODS.as_ptr(), &SLOTS);

            #[export_name = concat!("PyInit_", $name)]
            extern "C" fn __ferrocpy_pyinit() -> *mut $crate::ffi::PyObject {
                // SAFETY: the import machinery calls `PyInit_*` attached.
                unsafe { DEF.init() }
            }

            $crate::__mod_export!($name, $state, DEF, CAPS, NAME, DOC, METHODS.as_ptr());
        };
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __first {
    ($a:expr $(, $rest:expr)*) => {
        $a
    };
}
