//! Classes: Rust values exposed as instances of a Python heap type.
//!
//! A class is a Rust type `T: PyClass` declared with [`crate::class!`], which emits its static
//! type specification and method table. Each module object creates its own type object from that
//! specification ([`ClassType::create`], usually in [`ModuleState::init`]) and keeps it in its
//! state, so every interpreter and every re-import gets a separate type, like the module's other
//! state. Instances are made from Rust ([`ClassType::instantiate`]): the type refuses
//! instantiation from Python (`Py_TPFLAGS_DISALLOW_INSTANTIATION`), is not subclassable and is
//! immutable, like the C types of `zlib` or `_hashlib` that module functions create.
//!
//! Methods are clinic-declared (`module.Class.method`) and receive a [`Ref`] to the instance:
//! a shared `&T`. Several threads may call methods of one instance (each attached, or without a
//! GIL at all on free-threaded builds), hence `T: Send + Sync`; mutable state goes behind a
//! `Mutex` or atomics, as C's objects keep a lock.
//!
//! Instances are tracked by the garbage collector and report their type, as instances of heap
//! types must. Values cannot hold Python objects yet ([`Stored`] is neither `Send` nor `Sync`),
//! so they report nothing else.

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::module::{Module, ModuleState, TraverseError, Visit};
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
pub trait PyClass: Send + Sync + Sized + 'static {
    /// The state type of the module whose types these are.
    type State: ModuleState;

    /// The static definition emitted by [`crate::class!`].
    #[doc(hidden)]
    fn def() -> &'static ClassDef<Self>;
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

/// The slot table of a class (a static of its own, which the specification points to).
#[doc(hidden)]
pub struct ClassSlots<T> {
    slots: UnsafeCell<[ffi::PyType_Slot; 5]>,
    _value: PhantomData<fn(T)>,
}

// SAFETY: built at compile time; CPython only reads slot tables.
unsafe impl<T> Sync for ClassSlots<T> {}

impl<T: PyClass> ClassSlots<T> {
    /// Slots for a class with `doc` and a null-terminated, static method table.
    #[doc(hidden)]
    pub const fn new(doc: &'static std::ffi::CStr, methods: *mut ffi::PyMethodDef) -> Self {
        // SAFETY (of the function pointers below): stored only; CPython calls each as the slot
        // its `slot` number names, with the arguments that slot receives.
        let dealloc: unsafe extern "C" fn(*mut ffi::PyObject) = dealloc_slot::<T>;
        // SAFETY: likewise stored only, for the traverse slot.
        let traverse: unsafe extern "C" fn(
            *mut ffi::PyObject,
            ffi::visitproc,
            *mut c_void,
        ) -> c_int = traverse_slot;
        ClassSlots {
            slots: UnsafeCell::new([
                ffi::PyType_Slot {
                    slot: ffi::Py_tp_dealloc as c_int,
                    pfunc: dealloc as *mut c_void,
                },
                ffi::PyType_Slot {
                    slot: ffi::Py_tp_traverse as c_int,
                    pfunc: traverse as *mut c_void,
                },
                ffi::PyType_Slot {
                    slot: ffi::Py_tp_methods as c_int,
                    pfunc: methods.cast(),
                },
                ffi::PyType_Slot {
                    slot: ffi::Py_tp_doc as c_int,
                    pfunc: doc.as_ptr() as *mut c_void,
                },
                ffi::PyType_Slot {
                    slot: 0,
                    pfunc: std::ptr::null_mut(),
                },
            ]),
            _value: PhantomData,
        }
    }
}

/// The static specification of a class: name, size, flags and slots.
#[doc(hidden)]
pub struct ClassDef<T> {
    spec: UnsafeCell<ffi::PyType_Spec>,
    _value: PhantomData<fn(T)>,
}

// SAFETY: built at compile time from static data; CPython only reads the specification (it
// copies what it keeps, except the slot and method tables, which are static too).
unsafe impl<T> Sync for ClassDef<T> {}

impl<T: PyClass> ClassDef<T> {
    /// The specification of class `name` ("module.Name") with the given slots.
    #[doc(hidden)]
    pub const fn new(name: &'static std::ffi::CStr, slots: &'static ClassSlots<T>) -> ClassDef<T> {
        assert!(
            std::mem::align_of::<Instance<T>>() <= 8,
            "class value over-aligned (objects are only 8-byte aligned)"
        );
        ClassDef {
            spec: UnsafeCell::new(ffi::PyType_Spec {
                name: name.as_ptr(),
                basicsize: std::mem::size_of::<Instance<T>>() as c_int,
                itemsize: 0,
                flags: (ffi::Py_TPFLAGS_DEFAULT
                    | ffi::Py_TPFLAGS_HAVE_GC
                    | ffi::Py_TPFLAGS_IMMUTABLETYPE
                    | ffi::Py_TPFLAGS_DISALLOW_INSTANTIATION) as _,
                slots: slots.slots.get().cast(),
            }),
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
        let ty = self.ty.as_ptr().cast::<ffi::PyTypeObject>();
        // SAFETY: attached; `ty` is our heap type (invariant), whose `tp_alloc` is the generic
        // allocator: it returns a zeroed, GC-tracked object of `basicsize` bytes with its type
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
        // SAFETY: `obj` has `size_of::<Instance<T>>()` bytes, suitably aligned (checked in
        // `ClassDef::new`); the value is written before any other code can see the object (no
        // allocation happens in between, so not even the collector, whose traversal would only
        // read the type anyway), so the invariant of `Instance` holds from here on.
        unsafe {
            std::ptr::addr_of_mut!((*obj.cast::<Instance<T>>()).value).write(value);
            Ok(Owned::from_owned_ptr_unchecked(py, obj))
        }
    }

    /// `obj` as an instance of this type, if it is one.
    #[inline]
    pub fn downcast<'a, 'py>(&self, obj: Borrowed<'a, 'py>) -> Option<Ref<'a, 'py, T>> {
        if obj.type_ptr().cast::<ffi::PyObject>() == self.ty.as_ptr() {
            // SAFETY: the object's type is our type, so it is an `Instance<T>` (invariant).
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

/// An instance of class `T`, borrowed for one call: the `self` of a method.
///
/// # Invariants
/// `obj` is an object of a type created by `ClassType::<T>::create`, alive for `'a`.
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
    /// `ptr` is an object whose type was created by `ClassType::<T>::create`, alive for `'a`;
    /// the thread is attached.
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

    /// The module whose type this instance has (for its state: exception classes, types).
    pub fn module(self) -> PyResult<Module<'a, 'py, T::State>> {
        // SAFETY: attached; the type is a heap type created with a module.
        let m = unsafe { ffi::PyType_GetModule(self.obj.type_ptr()) };
        if m.is_null() {
            return Err(PyErr::fetch(self.py()));
        }
        // SAFETY: the type was created for a module of state `T::State` (invariant of
        // `ClassType`), and the type keeps its module alive; the instance keeps its type alive
        // for `'a`.
        Ok(unsafe { Module::from_ptr(self.py(), m) })
    }
}

impl<T: PyClass> Deref for Ref<'_, '_, T> {
    type Target = T;

    #[inline(always)]
    fn deref(&self) -> &T {
        self.get()
    }
}

/// `tp_dealloc`: drops the value and frees the object.
///
/// # Safety
/// Called by CPython, attached, when the last reference to an `Instance<T>` goes away.
unsafe extern "C" fn dealloc_slot<T: PyClass>(obj: *mut ffi::PyObject) {
    // SAFETY: deallocation runs attached.
    let py = unsafe { Python::assume_attached() };
    // SAFETY: `obj` is a GC-tracked instance of our heap type (invariant); it is untracked
    // before its value is dropped so the collector cannot traverse a dropped value. The value
    // was initialised by `instantiate` (no other path creates instances) and is dropped once.
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
        // Instances of heap types own a reference to their type.
        ffi::Py_DECREF(ty.cast());
    }
}

/// `tp_traverse`: the type (values hold no Python objects).
///
/// # Safety
/// Called by the collector, attached, with an instance of a class and its visit function.
unsafe extern "C" fn traverse_slot(
    obj: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    let Some(visit) = visit else { return 0 };
    // SAFETY: the collector traverses attached; `obj` is a live instance, so its type pointer
    // is valid, and instances of heap types must report their type (3.9+).
    unsafe { visit(ffi::Py_TYPE(obj).cast(), arg) }
}

/// Declares a class: its type specification and method table, and `impl PyClass`.
///
/// ```ignore
/// ferrocpy::class! {
///     type: Decompress,
///     name: "zlib.Decompress",
///     doc: "Decompression object.",
///     state: State,
///     methods: [clinic::ZLIB_DECOMPRESS_DECOMPRESS_METHODDEF],
/// }
/// ```
///
/// The methods are `MethodDef<Instance<Decompress>>` values, as generated by the clinic for
/// `module.Class.name` declarations.
#[macro_export]
macro_rules! class {
    (
        type: $ty:ty,
        name: $name:literal,
        doc: $doc:literal,
        state: $state:ty,
        methods: [$($method:expr),* $(,)?]
        $(,)?
    ) => {
        impl $crate::class::PyClass for $ty {
            type State = $state;

            fn def() -> &'static $crate::class::ClassDef<Self> {
                static METHODS: $crate::module::MethodTable<{ [$(stringify!($method)),*].len() + 1 }> =
                    $crate::module::MethodTable::new([
                        $($crate::module::method_for::<$crate::class::Instance<$ty>>(&$method),)*
                        $crate::module::METHOD_SENTINEL,
                    ]);
                static SLOTS: $crate::class::ClassSlots<$ty> = $crate::class::ClassSlots::new(
                    match ::std::ffi::CStr::from_bytes_with_nul(concat!($doc, "\0").as_bytes()) {
                        Ok(s) => s,
                        Err(_) => panic!("class doc contains NUL"),
                    },
                    METHODS.as_ptr(),
                );
                static DEF: $crate::class::ClassDef<$ty> = $crate::class::ClassDef::new(
                    match ::std::ffi::CStr::from_bytes_with_nul(concat!($name, "\0").as_bytes()) {
                        Ok(s) => s,
                        Err(_) => panic!("class name contains NUL"),
                    },
                    &SLOTS,
                );
                &DEF
            }

        }
    };
}
