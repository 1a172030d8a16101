//! Classes: Rust values exposed as instances of a Python heap type.
//!
//! A class is a Rust type `T: PyClass` declared with [`crate::class!`], which emits its static
//! type specification and method table from the clinic's output (`entries:`). Each module object
//! creates its own type object from that specification ([`ClassType::create`], usually in
//! [`ModuleState::init`]) and keeps it in its state, so every interpreter and every re-import gets
//! a separate type, like the module's other state. Instances are made from Python when the class
//! declares `__new__` (or `__init__`) in a clinic block, and from Rust ([`ClassType::instantiate`]);
//! a class with neither refuses instantiation from Python (`Py_TPFLAGS_DISALLOW_INSTANTIATION`),
//! like the C types of `zlib` that module functions create. A class is subclassable only when its
//! clinic directive says so.
//!
//! Methods, special methods (slots) and attributes are clinic-declared (`module.Class.method`,
//! `__len__`, `@getter`...) and receive a [`Ref`] to the instance: a shared `&T`. Several threads
//! may call methods of one instance (each attached, or without a GIL at all on free-threaded
//! builds), hence `T: Send + Sync`; mutable state goes behind a [`field::Lock`] or atomics, as
//! C's objects keep a lock.
//!
//! Instances are tracked by the garbage collector and report their type, as instances of heap
//! types must, and the Python objects they hold in [`field::PyField`]s named in the macro's `gc:`
//! list (`tp_traverse`/`tp_clear`), so cycles through instances are collected.

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::method::MethodDef;
use crate::module::{MethodTable, Module, ModuleState, TraverseError, Visit};
use crate::object::{Borrowed, Owned};
use crate::panic::contain_unraisable;
use crate::python::Python;
use crate::stored::Stored;
use std::cell::UnsafeCell;
use std::ffi::{c_int, c_void};
use std::marker::PhantomData;
use std::ops::Deref;

/// A Rust type whose values are Python objects of a per-module heap type.
///
/// Implemented by [`crate::class!`], which supplies [`PyClass::def`].
///
/// # Safety
/// `def()` returns the specification [`crate::class!`] builds for `Self` (whose slots treat
/// objects as `Instance<Self>`), and `traverse`/`clear` only visit or release Python objects
/// the value holds. Implement it through the macro only.
pub unsafe trait PyClass: Send + Sync + Sized + 'static {
    /// The state type of the module whose types these are.
    type State: ModuleState;

    /// The static definition emitted by [`crate::class!`].
    #[doc(hidden)]
    fn def() -> &'static ClassDef<Self>;

    /// Reports the Python objects the value holds (the fields named in the macro's `gc:`).
    #[doc(hidden)]
    fn traverse_fields(&self, _visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        Ok(())
    }

    /// Releases the Python objects the value holds (`tp_clear`, breaking cycles).
    #[doc(hidden)]
    fn clear_fields(&self, _py: Python<'_>) {}
}

/// The memory layout of an instance: the object header followed by the Rust value.
///
/// # Invariants
/// For an object whose type was created by [`ClassType::<T>::create`], `value` is initialised
/// from the moment [`ClassType::instantiate`] returns it until its deallocation.
#[repr(C)]
pub struct Instance<T> {
    ob_base: ffi::PyObject,
    value: T,
}

/// One entry of a class's slot table (`PyType_Slot`), typed by the class.
///
/// # Invariants
/// `raw.pfunc` is what CPython expects for slot number `raw.slot` on a type whose instances are
/// `Instance<T>` (a function of that slot's C signature that treats its object arguments as
/// such instances, or static data), and it stays valid for the program's life.
pub struct SlotDef<T> {
    raw: ffi::PyType_Slot,
    _value: PhantomData<fn(T)>,
}

impl<T> Clone for SlotDef<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for SlotDef<T> {}

// SAFETY: an immutable slot number and a pointer to static code or data.
unsafe impl<T> Sync for SlotDef<T> {}
// SAFETY: likewise.
unsafe impl<T> Send for SlotDef<T> {}

impl<T> SlotDef<T> {
    /// Wraps a raw slot entry.
    ///
    /// # Safety
    /// The invariants above hold for `(slot, pfunc)`.
    #[doc(hidden)]
    pub const unsafe fn from_raw(slot: u32, pfunc: *mut c_void) -> Self {
        SlotDef {
            raw: ffi::PyType_Slot {
                slot: slot as c_int,
                pfunc,
            },
            _value: PhantomData,
        }
    }

    /// The slot number.
    pub const fn slot(&self) -> u32 {
        self.raw.slot as u32
    }
}

impl<T: PyClass> SlotDef<T> {
    /// `Py_tp_doc`: the class's docstring.
    #[doc(hidden)]
    pub const fn doc(doc: &'static std::ffi::CStr) -> Self {
        // SAFETY: a static NUL-terminated string, which CPython copies.
        unsafe { SlotDef::from_raw(ffi::Py_tp_doc, doc.as_ptr() as *mut c_void) }
    }

    /// `Py_tp_methods`: the class's method table.
    ///
    /// # Safety
    /// `table` is null-terminated and each entry expects an instance of `T` as `self` (as
    /// [`crate::class!`] builds it, from `MethodDef<Instance<T>>` values only).
    #[doc(hidden)]
    pub const unsafe fn methods<const N: usize>(table: &'static MethodTable<N>) -> Self {
        // SAFETY: a static method table whose entries expect instances of `T` (caller).
        unsafe { SlotDef::from_raw(ffi::Py_tp_methods, table.as_ptr().cast()) }
    }

    /// `Py_tp_new` creating `T::default()`, for a class with `__init__` but no `__new__` (as
    /// C classes with only `__init__` use `PyType_GenericNew`, which zero-fills).
    pub const fn default_new() -> Self
    where
        T: Default,
    {
        // SAFETY (of the function pointer): stored only, for CPython to call as `tp_new`.
        let f: unsafe extern "C" fn(
            *mut ffi::PyTypeObject,
            *mut ffi::PyObject,
            *mut ffi::PyObject,
        ) -> *mut ffi::PyObject = slots::default_new::<T>;
        // SAFETY: `default_new` is a `newfunc` that initialises the value of `Instance<T>`.
        unsafe { SlotDef::from_raw(ffi::Py_tp_new, f as *mut c_void) }
    }
}

/// The slot table of a class (a static of its own, which the specification points to): the
/// slots every class has (dealloc, traverse, clear) followed by the class's own and a
/// terminating entry.
#[doc(hidden)]
pub struct ClassSlots<T, const N: usize> {
    slots: UnsafeCell<[ffi::PyType_Slot; N]>,
    _value: PhantomData<fn(T)>,
}

// SAFETY: built at compile time; CPython only reads slot tables.
unsafe impl<T, const N: usize> Sync for ClassSlots<T, N> {}

/// How many slots [`ClassSlots`] adds to the class's own.
#[doc(hidden)]
pub const BASE_SLOTS: usize = 4;

impl<T: PyClass, const N: usize> ClassSlots<T, N> {
    /// The slot table: the base slots, then `own` (`N - BASE_SLOTS` entries).
    #[doc(hidden)]
    pub const fn new<const M: usize>(own: [SlotDef<T>; M]) -> Self {
        assert!(N == M + BASE_SLOTS, "slot table size");
        // SAFETY (of the function pointers below): stored only; CPython calls each as the slot
        // its `slot` number names, with the arguments that slot receives.
        let dealloc: unsafe extern "C" fn(*mut ffi::PyObject) = dealloc_slot::<T>;
        // SAFETY: likewise stored only, for the traverse slot.
        let traverse: unsafe extern "C" fn(
            *mut ffi::PyObject,
            ffi::visitproc,
            *mut c_void,
        ) -> c_int = traverse_slot::<T>;
        // SAFETY: likewise stored only, for the clear slot.
        let clear: unsafe extern "C" fn(*mut ffi::PyObject) -> c_int = clear_slot::<T>;
        let null = ffi::PyType_Slot {
            slot: 0,
            pfunc: std::ptr::null_mut(),
        };
        let mut slots = [null; N];
        slots[0] = ffi::PyType_Slot {
            slot: ffi::Py_tp_dealloc as c_int,
            pfunc: dealloc as *mut c_void,
        };
        slots[1] = ffi::PyType_Slot {
            slot: ffi::Py_tp_traverse as c_int,
            pfunc: traverse as *mut c_void,
        };
        slots[2] = ffi::PyType_Slot {
            slot: ffi::Py_tp_clear as c_int,
            pfunc: clear as *mut c_void,
        };
        let mut i = 0;
        while i < M {
            let s = own[i].raw.slot;
            assert!(
                s != ffi::Py_tp_dealloc as c_int
                    && s != ffi::Py_tp_traverse as c_int
                    && s != ffi::Py_tp_clear as c_int
                    && s != 0,
                "a class cannot override dealloc, traverse or clear"
            );
            let mut j = 0;
            while j < i {
                assert!(own[j].raw.slot != s, "a slot is given twice");
                j += 1;
            }
            slots[BASE_SLOTS - 1 + i] = own[i].raw;
            i += 1;
        }
        // The last entry stays the terminator.
        let mut has_new = false;
        let mut has_init = false;
        let mut i = 0;
        while i < M {
            has_new |= own[i].raw.slot == ffi::Py_tp_new as c_int;
            has_init |= own[i].raw.slot == ffi::Py_tp_init as c_int;
            i += 1;
        }
        assert!(
            has_new || !has_init,
            "a class with __init__ needs __new__ (or SlotDef::default_new())"
        );
        ClassSlots {
            slots: UnsafeCell::new(slots),
            _value: PhantomData,
        }
    }
}

/// What the clinic generated for class `T` in one source file: its methods, slots (`__new__`,
/// `__init__` with the class docstring, special methods) and attributes, named in
/// [`crate::class!`]'s `entries:` so that a class is registered from its declarations (no
/// second, hand-written list to forget an entry in).
pub struct Entries<T: 'static> {
    pub methods: &'static [MethodDef<Instance<T>>],
    pub slots: &'static [SlotDef<T>],
    pub getset: &'static [getset::GetSetDef<T>],
}

impl<T> Entries<T> {
    /// Total counts over several files' entries (for the table sizes).
    #[doc(hidden)]
    pub const fn counts(list: &[Entries<T>]) -> (usize, usize, usize) {
        let (mut m, mut s, mut g) = (0, 0, 0);
        let mut i = 0;
        while i < list.len() {
            m += list[i].methods.len();
            s += list[i].slots.len();
            g += list[i].getset.len();
            i += 1;
        }
        (m, s, g)
    }

    /// Whether any entry is slot `slot`.
    #[doc(hidden)]
    pub const fn have_slot(list: &[Entries<T>], slot: u32) -> bool {
        let mut i = 0;
        while i < list.len() {
            let mut j = 0;
            while j < list[i].slots.len() {
                if list[i].slots[j].raw.slot == slot as c_int {
                    return true;
                }
                j += 1;
            }
            i += 1;
        }
        false
    }
}

/// The method table array: `explicit`, then the entries' methods, then the terminator.
#[doc(hidden)]
pub const fn method_array<T, const N: usize>(
    explicit: &[MethodDef<Instance<T>>],
    list: &[Entries<T>],
) -> [ffi::PyMethodDef; N] {
    let mut out = [crate::module::METHOD_SENTINEL; N];
    let mut k = 0;
    let mut i = 0;
    while i < explicit.len() {
        out[k] = explicit[i].raw();
        k += 1;
        i += 1;
    }
    let mut i = 0;
    while i < list.len() {
        let mut j = 0;
        while j < list[i].methods.len() {
            out[k] = list[i].methods[j].raw();
            k += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(k + 1 == N, "method table size");
    out
}

/// The class's own slots: `head`, then the entries' slots.
#[doc(hidden)]
pub const fn slot_array<T, const M: usize>(
    head: &[SlotDef<T>],
    list: &[Entries<T>],
) -> [SlotDef<T>; M] {
    let mut out = [head[0]; M];
    let mut k = 0;
    let mut i = 0;
    while i < head.len() {
        out[k] = head[i];
        k += 1;
        i += 1;
    }
    let mut i = 0;
    while i < list.len() {
        let mut j = 0;
        while j < list[i].slots.len() {
            out[k] = list[i].slots[j];
            k += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(k == M, "slot table size");
    out
}

/// The getset entries: `explicit`, then the entries' attributes.
#[doc(hidden)]
pub const fn getset_array<T, const M: usize>(
    explicit: &[getset::GetSetDef<T>],
    list: &[Entries<T>],
) -> [getset::GetSetDef<T>; M] {
    // SAFETY: the terminator entry (null name and functions) is valid for any class; it is
    // overwritten below, so none remains in the result.
    let mut out = [unsafe { getset::GetSetDef::from_raw(getset::GETSET_SENTINEL) }; M];
    let mut k = 0;
    let mut i = 0;
    while i < explicit.len() {
        out[k] = explicit[i];
        k += 1;
        i += 1;
    }
    let mut i = 0;
    while i < list.len() {
        let mut j = 0;
        while j < list[i].getset.len() {
            out[k] = list[i].getset[j];
            k += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(k == M, "getset table size");
    out
}

/// Whether `slots` contains slot number `slot` (for [`crate::class!`]).
#[doc(hidden)]
pub const fn has_slot(slots: &[u32], slot: u32) -> bool {
    let mut i = 0;
    while i < slots.len() {
        if slots[i] == slot {
            return true;
        }
        i += 1;
    }
    false
}

/// The instance size. It is always larger than a bare object's, so that CPython sees the class
/// as adding to the layout of `object` (its "solid base" is the class itself): otherwise
/// `__class__` assignment between instances of Python subclasses of two classes with
/// zero-sized values would pass CPython's layout check and reinterpret one value as the other.
const fn basicsize<T>() -> usize {
    let size = std::mem::size_of::<Instance<T>>();
    if size > std::mem::size_of::<ffi::PyObject>() {
        size
    } else {
        std::mem::size_of::<ffi::PyObject>() + std::mem::align_of::<Instance<T>>()
    }
}

/// The static specification of a class: name, size, flags and slots.
#[doc(hidden)]
pub struct ClassDef<T> {
    spec: UnsafeCell<ffi::PyType_Spec>,
    /// The class's static method table: its address identifies the type created for `T`
    /// (CPython stores it in `tp_methods`, which subclasses do not inherit).
    methods: *mut ffi::PyMethodDef,
    _value: PhantomData<fn(T)>,
}

// SAFETY: built at compile time from static data; CPython only reads the specification (it
// copies what it keeps, except the slot and method tables, which are static too).
unsafe impl<T> Sync for ClassDef<T> {}

impl<T: PyClass> ClassDef<T> {
    /// The specification of class `name` ("module.Name") with the given slots. Without a
    /// `Py_tp_new` slot the type refuses instantiation from Python; `subclassable` sets
    /// `Py_TPFLAGS_BASETYPE` (otherwise the class is final, as C types are by default).
    #[doc(hidden)]
    pub const fn new<const N: usize, const K: usize>(
        name: &'static std::ffi::CStr,
        slots: &'static ClassSlots<T, N>,
        methods: &'static MethodTable<K>,
        instantiable: bool,
        subclassable: bool,
    ) -> ClassDef<T> {
        assert!(
            std::mem::align_of::<Instance<T>>() <= 8,
            "class value over-aligned (objects are only 8-byte aligned)"
        );
        let mut flags =
            ffi::Py_TPFLAGS_DEFAULT | ffi::Py_TPFLAGS_HAVE_GC | ffi::Py_TPFLAGS_IMMUTABLETYPE;
        if !instantiable {
            flags |= ffi::Py_TPFLAGS_DISALLOW_INSTANTIATION;
        }
        if subclassable {
            flags |= ffi::Py_TPFLAGS_BASETYPE;
        }
        ClassDef {
            spec: UnsafeCell::new(ffi::PyType_Spec {
                name: name.as_ptr(),
                basicsize: basicsize::<T>() as c_int,
                itemsize: 0,
                flags: flags as _,
                slots: slots.slots.get().cast(),
            }),
            methods: methods.as_ptr(),
            _value: PhantomData,
        }
    }
}

/// The type object of class `T`, created for one module object.
///
/// # Invariants
/// `ty` is a type object created by `PyType_FromModuleAndSpec` from `T::def()`, whose module is
/// a module of state `T::State`.
pub struct ClassType<T> {
    ty: Stored,
    _value: PhantomData<fn(T) -> T>,
}

impl<T: PyClass> ClassType<T> {
    /// Creates the type for `module` (whose state is being built: call it from
    /// [`ModuleState::init`]).
    pub fn create(module: Module<'_, '_, T::State>) -> PyResult<ClassType<T>> {
        let py = module.py();
        // SAFETY: attached; the module is a valid module object; the specification is static
        // and describes `Instance<T>` with slots that honour its invariant.
        let ty = unsafe {
            ffi::PyType_FromModuleAndSpec(
                module.as_borrowed().as_ptr(),
                T::def().spec.get(),
                std::ptr::null_mut(),
            )
        };
        // SAFETY: a new reference or null with an exception set.
        let ty = unsafe { Owned::from_owned_ptr(py, ty) }?;
        Ok(ClassType {
            ty: Stored::new(ty),
            _value: PhantomData,
        })
    }

    /// The type object (e.g. to add it to the module).
    #[inline(always)]
    pub fn bind<'a, 'py>(&'a self, py: Python<'py>) -> Borrowed<'a, 'py> {
        self.ty.bind(py)
    }

    /// A new instance holding `value`.
    pub fn instantiate<'py>(&self, py: Python<'py>, value: T) -> PyResult<Owned<'py>> {
        // SAFETY: our type (invariant), alive while `self` is.
        unsafe { alloc_instance(py, self.ty.as_ptr().cast(), value) }
    }

    /// `obj` as an instance of this type, if it is one (exactly: not a subclass).
    #[inline]
    pub fn downcast<'a, 'py>(&self, obj: Borrowed<'a, 'py>) -> Option<Ref<'a, 'py, T>> {
        if obj.type_ptr().cast::<ffi::PyObject>() == self.ty.as_ptr() {
            // SAFETY: the object's type is our type, so it is an `Instance<T>` (invariant).
            Some(unsafe { Ref::from_ptr(obj.py(), obj.as_ptr()) })
        } else {
            None
        }
    }

    /// `obj` as an instance of this type or of a subclass of it.
    pub fn downcast_subclass<'a, 'py>(&self, obj: Borrowed<'a, 'py>) -> Option<Ref<'a, 'py, T>> {
        // SAFETY: attached; both are valid type objects.
        let sub = unsafe { ffi::PyType_IsSubtype(obj.type_ptr(), self.ty.as_ptr().cast()) };
        if sub != 0 {
            // SAFETY: instances of subclasses start with the layout of `Instance<T>`, whose
            // value our `tp_new` (inherited by every subclass) initialised.
            Some(unsafe { Ref::from_ptr(obj.py(), obj.as_ptr()) })
        } else {
            None
        }
    }

    /// Reports the type object to the collector (from the module state's traverse).
    pub fn visit(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        visit.call(&self.ty)
    }
}

/// Allocates an instance of `ty` (our type or a subclass of it) holding `value`.
///
/// # Safety
/// Attached; `ty` is a live type object created for `T` or a subclass of one.
pub(crate) unsafe fn alloc_instance<'py, T: PyClass>(
    py: Python<'py>,
    ty: *mut ffi::PyTypeObject,
    value: T,
) -> PyResult<Owned<'py>> {
    // SAFETY: attached; `tp_alloc` of our types and their subclasses is the generic allocator:
    // it returns a zeroed, GC-tracked object of `basicsize` bytes (at least ours) with its type
    // set (and the type's reference taken), or null with MemoryError set.
    let obj = unsafe {
        match (*ty).tp_alloc {
            Some(alloc) => alloc(ty, 0),
            None => ffi::PyType_GenericAlloc(ty, 0),
        }
    };
    if obj.is_null() {
        return Err(PyErr::fetch(py));
    }
    // SAFETY: `obj` has at least `size_of::<Instance<T>>()` bytes, suitably aligned (checked in
    // `ClassDef::new`); the value is written before any other code can see the object (no
    // allocation happens in between, so not even the collector, whose traversal of a zeroed
    // value is never reached: no collection can start here), so the invariant of `Instance`
    // holds from here on.
    unsafe {
        std::ptr::addr_of_mut!((*obj.cast::<Instance<T>>()).value).write(value);
        Ok(Owned::from_owned_ptr_unchecked(py, obj))
    }
}

/// The type created for `T` that `ty` is or derives from: the first type of `ty`'s MRO whose
/// method table is `T`'s static one (`tp_methods` is not inherited, and the table is a static
/// of `T`'s own `PyClass::def`, so only the types `ClassType::<T>::create` made have it); null
/// if there is none.
///
/// # Safety
/// Attached; `ty` is a live type object.
pub(crate) unsafe fn defining_type<T: PyClass>(
    ty: *mut ffi::PyTypeObject,
) -> *mut ffi::PyTypeObject {
    let ours = T::def().methods;
    // SAFETY: attached; `tp_mro` of a ready type is a tuple of types that the type keeps alive.
    unsafe {
        if (*ty).tp_methods == ours {
            return ty;
        }
        let mro = (*ty).tp_mro;
        if mro.is_null() {
            return std::ptr::null_mut();
        }
        let n = ffi::PyTuple_GET_SIZE(mro);
        for i in 0..n {
            let t = ffi::PyTuple_GET_ITEM(mro, i).cast::<ffi::PyTypeObject>();
            if (*t).tp_methods == ours {
                return t;
            }
        }
        std::ptr::null_mut()
    }
}

/// The module of the type created for `T` that `ty` is or derives from.
///
/// # Safety
/// Attached; `ty` is a live type object.
unsafe fn defining_module<'a, 'py, T: PyClass>(
    py: Python<'py>,
    ty: *mut ffi::PyTypeObject,
) -> PyResult<Module<'a, 'py, T::State>> {
    // SAFETY: forwarded.
    let found = unsafe { defining_type::<T>(ty) };
    if found.is_null() {
        return Err(crate::exc::TypeError::new_err(
            py,
            "object is not an instance of a ferrocpy class",
        ));
    }
    // SAFETY: attached; `found` is a live heap type.
    let m = unsafe { ffi::PyType_GetModule(found) };
    if m.is_null() {
        return Err(PyErr::fetch(py));
    }
    // SAFETY: `found` was created by `ClassType::<T>::create` for a module of state `T::State`
    // (it has `T`'s method table); the type keeps its module alive, and `ty` (kept alive by the
    // caller for `'a`) keeps `found` alive.
    Ok(unsafe { Module::from_ptr(py, m) })
}

/// An instance of class `T`, borrowed for one call: the `self` of a method.
///
/// # Invariants
/// `obj` is an object of a type created by `ClassType::<T>::create` (or a subclass of it)
/// whose value is initialised, alive for `'a`.
pub struct Ref<'a, 'py, T> {
    obj: Borrowed<'a, 'py>,
    _value: PhantomData<&'a T>,
}

impl<T> Clone for Ref<'_, '_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Ref<'_, '_, T> {}

impl<'a, 'py, T: PyClass> Ref<'a, 'py, T> {
    /// Wraps the `self` argument of a method.
    ///
    /// # Safety
    /// `ptr` is an object whose type was created by `ClassType::<T>::create` (or is a subclass
    /// of such a type) with its value initialised, alive for `'a`; the thread is attached.
    #[inline(always)]
    pub unsafe fn from_ptr(py: Python<'py>, ptr: *mut ffi::PyObject) -> Self {
        Ref {
            // SAFETY: forwarded.
            obj: unsafe { Borrowed::from_ptr(py, ptr) },
            _value: PhantomData,
        }
    }

    /// The Rust value.
    #[inline(always)]
    pub fn get(self) -> &'a T {
        // SAFETY: the object is an `Instance<T>` whose value is initialised (invariants), and
        // it stays alive, unmoved, for `'a`. Only shared references are ever handed out.
        unsafe { &(*self.obj.as_ptr().cast::<Instance<T>>()).value }
    }

    /// The instance as a Python object.
    #[inline(always)]
    pub fn as_borrowed(self) -> Borrowed<'a, 'py> {
        self.obj
    }

    /// The token.
    #[inline(always)]
    pub fn py(self) -> Python<'py> {
        self.obj.py()
    }

    /// The module whose type this instance has (for its state: exception classes, types);
    /// for an instance of a Python subclass, the module of the class it derives from.
    pub fn module(self) -> PyResult<Module<'a, 'py, T::State>> {
        // SAFETY: attached; the instance's type is, or derives from, a type created for `T`
        // (invariant), and the instance keeps it alive for `'a`.
        unsafe { defining_module::<T>(self.py(), self.obj.type_ptr()) }
    }
}

impl<T: PyClass> Deref for Ref<'_, '_, T> {
    type Target = T;

    #[inline(always)]
    fn deref(&self) -> &T {
        self.get()
    }
}

/// The class being instantiated, in `__new__`: the type created for `T` or a Python subclass
/// of it (CPython's `type` argument).
///
/// # Invariants
/// `ty` is a type object created by `ClassType::<T>::create` or a subclass of one, alive for
/// `'a`.
pub struct TypeRef<'a, 'py, T> {
    ty: Borrowed<'a, 'py>,
    _value: PhantomData<fn(T) -> T>,
}

impl<T> Clone for TypeRef<'_, '_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for TypeRef<'_, '_, T> {}

impl<'a, 'py, T: PyClass> TypeRef<'a, 'py, T> {
    /// # Safety
    /// `ty` is a type object created by `ClassType::<T>::create` or a subclass of one, alive
    /// for `'a`; attached.
    #[inline(always)]
    pub(crate) unsafe fn from_ptr(py: Python<'py>, ty: *mut ffi::PyTypeObject) -> Self {
        TypeRef {
            // SAFETY: forwarded.
            ty: unsafe { Borrowed::from_ptr(py, ty.cast()) },
            _value: PhantomData,
        }
    }

    /// The type object.
    #[inline(always)]
    pub fn as_borrowed(self) -> Borrowed<'a, 'py> {
        self.ty
    }

    /// The token.
    #[inline(always)]
    pub fn py(self) -> Python<'py> {
        self.ty.py()
    }

    /// Whether this is the class itself, not a subclass.
    pub fn is_exact(self) -> bool {
        // SAFETY: a live type object (invariant).
        unsafe { (*self.ty.as_ptr().cast::<ffi::PyTypeObject>()).tp_methods == T::def().methods }
    }

    /// The module of the class (for a subclass, of the class it derives from).
    pub fn module(self) -> PyResult<Module<'a, 'py, T::State>> {
        // SAFETY: attached; the type is or derives from a type created for `T` (invariant).
        unsafe { defining_module::<T>(self.py(), self.ty.as_ptr().cast()) }
    }
}

/// `tp_dealloc`: drops the value and frees the object.
///
/// # Safety
/// Called by CPython, attached, when the last reference to an `Instance<T>` goes away (also
/// from `subtype_dealloc` for instances of Python subclasses).
unsafe extern "C" fn dealloc_slot<T: PyClass>(obj: *mut ffi::PyObject) {
    // SAFETY: deallocation runs attached.
    let py = unsafe { Python::assume_attached() };
    // SAFETY: `obj` is a GC-tracked instance of our heap type or a subclass (invariant); it is
    // untracked (a no-op if `subtype_dealloc` already did) before its value is dropped so the
    // collector cannot traverse a dropped value. The value was initialised by `tp_new` or
    // `instantiate` (no other path creates instances) and is dropped once.
    unsafe {
        ffi::PyObject_GC_UnTrack(obj.cast());
        let ty = ffi::Py_TYPE(obj);
        // A panicking `Drop` is reported as unraisable (a deallocation cannot raise), in the
        // context of the type (the object itself is being freed).
        contain_unraisable(py, ty.cast(), || {
            std::ptr::drop_in_place(std::ptr::addr_of_mut!((*obj.cast::<Instance<T>>()).value))
        });
        match (*ty).tp_free {
            Some(free) => free(obj.cast()),
            None => ffi::PyObject_GC_Del(obj.cast()),
        }
        // Instances of heap types own a reference to their type (`subtype_dealloc` leaves
        // releasing it to a heap base type's deallocator).
        ffi::Py_DECREF(ty.cast());
    }
}

/// `tp_traverse`: the type, then the Python objects the value holds.
///
/// # Safety
/// Called by the collector, attached, with an instance of a class and its visit function.
unsafe extern "C" fn traverse_slot<T: PyClass>(
    obj: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    let Some(visit) = visit else { return 0 };
    // SAFETY: the collector traverses attached; `obj` is a live instance, so its type pointer
    // is valid, and instances of heap types must report their type (3.9+). The value is
    // initialised (invariant of `Instance`; tracked objects always have theirs).
    unsafe {
        let mut v = Visit::from_raw(visit, arg);
        if let Err(e) = v.ptr(ffi::Py_TYPE(obj).cast()) {
            return e.code();
        }
        let value = &(*obj.cast::<Instance<T>>()).value;
        match value.traverse_fields(&mut v) {
            Ok(()) => 0,
            Err(e) => e.code(),
        }
    }
}

/// `tp_clear`: releases the Python objects the value holds (the collector breaking a cycle).
///
/// # Safety
/// Called by the collector, attached, with a live instance of a class.
unsafe extern "C" fn clear_slot<T: PyClass>(obj: *mut ffi::PyObject) -> c_int {
    // SAFETY: the collector clears attached.
    let py = unsafe { Python::assume_attached() };
    // SAFETY: `obj` is a live instance whose value is initialised; it stays valid during the
    // clear (the collector holds it), so it can be the context of an unraisable panic, which is
    // reported without disturbing a pending exception (the slot cannot fail).
    unsafe {
        let value = &(*obj.cast::<Instance<T>>()).value;
        contain_unraisable(py, obj, || value.clear_fields(py));
    }
    0
}

pub mod field;
pub mod getset;
pub mod member;
#[doc(hidden)]
pub mod slots;

pub use field::{Lock, LockGuard, PyField};
pub use getset::GetSetDef;
pub use member::{Count, Flag};

/// The offset of the value in an instance (for member tables).
#[doc(hidden)]
pub const fn value_offset<T>() -> usize {
    std::mem::offset_of!(Instance<T>, value)
}

/// Declares a class: its type specification, method table and slots, and `impl PyClass`.
///
/// ```ignore
/// ferrocpy::class! {
///     type: Decompress,
///     name: "zlib._ZlibDecompressor",
///     state: State,
///     subclassable: false,                 // optional: Py_TPFLAGS_BASETYPE (default false)
///     gc: [unused_data],                   // optional: `PyField` fields the collector sees
///     methods: [clinic::ZLIB__ZLIBDECOMPRESSOR_DECOMPRESS_METHODDEF],
///     slots: [clinic::ZLIB__ZLIBDECOMPRESSOR_NEW_SLOTDEF, clinic::ZLIB__ZLIBDECOMPRESSOR_DOC],
/// }
/// ```
///
/// The methods are `MethodDef<Instance<T>>` values and the slots `SlotDef<T>` values, as
/// generated by the clinic for `module.Class.name` declarations (`__new__`, `__init__` and the
/// special methods give slots; the clinic's `..._DOC` slot is the docstring of a class with
/// `__new__` or `__init__`). `doc: "..."` gives the docstring of a class without them. A class
/// without a `Py_tp_new` slot refuses instantiation from Python.
#[macro_export]
macro_rules! class {
    (
        type: $ty:ty,
        name: $name:literal,
        $(doc: $doc:literal,)?
        state: $state:ty,
        $(subclassable: $sub:expr,)?
        $(gc: [$($field:ident),* $(,)?],)?
        $(entries: [$($entry:expr),* $(,)?],)?
        $(getset: [$($attr:expr),* $(,)?],)?
        $(members: [$($mfield:ident => $mdoc:literal),* $(,)?],)?
        $(methods: [$($method:expr),* $(,)?],)?
        $(slots: [$($slot:expr),* $(,)?],)?
    ) => {
        // SAFETY: `def` is the specification built here for `$ty`, whose slots are the class
        // machinery's and the clinic's `SlotDef<$ty>` values; the field hooks only visit and
        // clear `PyField`s of the value.
        unsafe impl $crate::class::PyClass for $ty {
            type State = $state;

            fn def() -> &'static $crate::class::ClassDef<Self> {
                const ENTRIES: &[$crate::class::Entries<$ty>] = &[$($($entry),*)?];
                const COUNTS: (usize, usize, usize) = $crate::class::Entries::counts(ENTRIES);
                const EXPLICIT_METHODS: &[$crate::MethodDef<$crate::class::Instance<$ty>>] =
                    &[$($($method),*)?];
                const EXPLICIT_GETSET: &[$crate::class::GetSetDef<$ty>] = &[$($($attr),*)?];
                const EXPLICIT_SLOTS: &[$crate::class::SlotDef<$ty>] = &[$($($slot),*)?];
                static METHODS: $crate::module::MethodTable<{ EXPLICIT_METHODS.len() + COUNTS.0 + 1 }> =
                    // SAFETY: `method_array` builds the table from `MethodDef<Instance<$ty>>`
                    // values only (explicit methods and the clinic's entries), for class `$ty`.
                    unsafe { $crate::module::MethodTable::new($crate::class::method_array(EXPLICIT_METHODS, ENTRIES)) };
                static GETSET: $crate::class::getset::GetSetTable<$ty, { EXPLICIT_GETSET.len() + COUNTS.2 + 1 }> =
                    $crate::class::getset::GetSetTable::new::<{ EXPLICIT_GETSET.len() + COUNTS.2 }>(
                        $crate::class::getset_array(EXPLICIT_GETSET, ENTRIES),
                    );
                $(
                static MEMBERS: $crate::class::member::MemberTable<
                    $ty,
                    { <[&str]>::len(&[$(stringify!($mfield)),*]) + 1 },
                // SAFETY: each offset is that of the named field in `$ty`, and its code is the
                // one its type (a `MemberField`) declares.
                > = unsafe {
                    $crate::class::member::MemberTable::new([$(
                        $crate::class::member::MemberSpec {
                            name: $crate::__cstr!(stringify!($mfield)),
                            code: $crate::class::member::code_of::<$ty, _>(|v| &v.$mfield),
                            field_offset: ::std::mem::offset_of!($ty, $mfield),
                            doc: $crate::__cstr!($mdoc),
                        }
                    ),*])
                };
                )?
                const OWN_SLOTS: &[u32] = &[$($($crate::class::SlotDef::slot(&$slot),)*)?];
                const HEAD_LEN: usize = 2
                    + EXPLICIT_SLOTS.len()
                    + <[&str]>::len(&[$(stringify!($doc),)? $({ let _ = stringify!($($mfield)*); "members" },)?]);
                static SLOTS: $crate::class::ClassSlots<$ty, { HEAD_LEN + COUNTS.1 + $crate::class::BASE_SLOTS }> =
                    $crate::class::ClassSlots::new($crate::class::slot_array::<$ty, { HEAD_LEN + COUNTS.1 }>(
                        &[
                            // SAFETY: `METHODS` is built from `MethodDef<Instance<$ty>>` values.
                            unsafe { $crate::class::SlotDef::methods(&METHODS) },
                            GETSET.slot(),
                            $($($slot,)*)?
                            $({ let _ = stringify!($($mfield)*); MEMBERS.slot() },)?
                            $($crate::class::SlotDef::doc(
                                match ::std::ffi::CStr::from_bytes_with_nul(concat!($doc, "\0").as_bytes()) {
                                    Ok(s) => s,
                                    Err(_) => panic!("class doc contains NUL"),
                                },
                            ),)?
                        ],
                        ENTRIES,
                    ));
                static DEF: $crate::class::ClassDef<$ty> = $crate::class::ClassDef::new(
                    match ::std::ffi::CStr::from_bytes_with_nul(concat!($name, "\0").as_bytes()) {
                        Ok(s) => s,
                        Err(_) => panic!("class name contains NUL"),
                    },
                    &SLOTS,
                    &METHODS,
                    $crate::class::has_slot(OWN_SLOTS, $crate::ffi::Py_tp_new as u32)
                        || $crate::class::Entries::have_slot(ENTRIES, $crate::ffi::Py_tp_new as u32),
                    $crate::__first!($($sub,)? false),
                );
                &DEF
            }

            $(
            fn traverse_fields(
                &self,
                visit: &mut $crate::Visit<'_>,
            ) -> ::std::result::Result<(), $crate::module::TraverseError> {
                $($crate::class::field::GcField::visit_field(&self.$field, visit)?;)*
                Ok(())
            }

            fn clear_fields(&self, py: $crate::Python<'_>) {
                let mut taken = ::std::vec::Vec::new();
                $($crate::class::field::GcField::take_into(&self.$field, py, &mut taken);)*
                drop(taken);
            }
            )?
        }
    };
}
