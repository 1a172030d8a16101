//! Python objects held by class instances, visible to the garbage collector, and a lock for
//! mutable per-instance state.
//!
//! [`PyField`] holds one optional strong reference. Every access takes the [`Python`] token, so
//! the object is only touched while attached, and a short internal lock orders accesses from
//! several threads: with the GIL they never contend, and without it (free-threaded builds) the
//! lock is what C's critical sections are for a single slot. No Python code runs while the lock
//! is held (a replaced value is released after it is let go, since releasing can run `__del__`).
//! Listing the field in the `gc:` list of [`crate::class!`] makes the class's `tp_traverse`
//! report it and its `tp_clear` empty it, so cycles through instances are collected.
//!
//! [`Lock`] guards mutable Rust state. Waiting for it detaches the thread (as CPython's
//! `PyMutex` does), so a thread holding it may call Python code, which may release the GIL,
//! without deadlocking another thread that waits for it.

use crate::ffi;
use crate::module::{TraverseError, Visit};
use crate::object::Owned;
use crate::python::Python;
use std::ptr::NonNull;
use std::sync::{Mutex, MutexGuard};

/// A strong reference, used only while attached to the interpreter that owns the object.
struct Ptr {
    obj: NonNull<ffi::PyObject>,
    /// The interpreter current when the reference was stored: a `PyField` is `Sync` and could
    /// be shared (e.g. through a static) by threads of interpreters with their own GIL, which
    /// must not touch each other's objects.
    interp: *mut ffi::PyInterpreterState,
}

/// The current interpreter.
fn current_interp(_py: Python<'_>) -> *mut ffi::PyInterpreterState {
    // SAFETY: attached (token), so there is a current interpreter.
    unsafe { ffi::PyInterpreterState_Get() }
}

/// Refuses an object of another interpreter (a field shared across interpreters).
#[track_caller]
fn check_interp(p: &Ptr, py: Python<'_>) {
    assert!(
        p.interp == current_interp(py),
        "PyField used from an interpreter other than the one owning its object"
    );
}

// SAFETY: `Ptr` is only dereferenced or reference-counted by `PyField`'s methods, each of which
// takes a `Python` token (or runs inside a GC slot, attached) and checks that the current
// interpreter is the object's (else it panics, or leaks in `Drop`), so moving it between
// threads moves only the addresses.
unsafe impl Send for Ptr {}

/// An optional Python object held by an instance (see the module docs).
///
/// # Invariants
/// The cell owns one reference to the object it holds, if any.
pub struct PyField {
    cell: Mutex<Option<Ptr>>,
}

impl Default for PyField {
    fn default() -> Self {
        PyField::empty()
    }
}

impl PyField {
    /// An empty field.
    pub const fn empty() -> PyField {
        PyField {
            cell: Mutex::new(None),
        }
    }

    /// A field holding `value`.
    pub fn new(value: Owned<'_>) -> PyField {
        PyField {
            cell: Mutex::new(Some(Self::own(value))),
        }
    }

    fn own(value: Owned<'_>) -> Ptr {
        let interp = current_interp(value.py());
        // SAFETY: `into_ptr` hands over a non-null owned reference.
        let obj = unsafe { NonNull::new_unchecked(value.into_ptr()) };
        Ptr { obj, interp }
    }

    fn locked(&self) -> MutexGuard<'_, Option<Ptr>> {
        // A panic cannot happen while the lock is held (only pointer moves and increments), so
        // a poisoned lock still holds a consistent value.
        self.cell.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new reference to the object, if the field holds one.
    pub fn get<'py>(&self, py: Python<'py>) -> Option<Owned<'py>> {
        let g = self.locked();
        g.as_ref().map(|p| {
            check_interp(p, py);
            // SAFETY: attached to the object's interpreter (token, checked); the field owns a
            // reference, so the object is alive; the increment happens under the lock, before
            // any other thread can release it.
            unsafe {
                ffi::Py_INCREF(p.obj.as_ptr());
                Owned::from_owned_ptr_unchecked(py, p.obj.as_ptr())
            }
        })
    }

    /// Whether the field holds an object.
    pub fn is_some(&self, _py: Python<'_>) -> bool {
        self.locked().is_some()
    }

    /// Replaces the object, returning the previous one.
    pub fn replace<'py>(&self, py: Python<'py>, value: Option<Owned<'py>>) -> Option<Owned<'py>> {
        let new = value.map(Self::own);
        let mut g = self.locked();
        if let Some(p) = g.as_ref() {
            check_interp(p, py);
        }
        let old = std::mem::replace(&mut *g, new);
        drop(g);
        // SAFETY: attached to the object's interpreter (checked); the field owned this
        // reference, now handed to the result.
        old.map(|p| unsafe { Owned::from_owned_ptr_unchecked(py, p.obj.as_ptr()) })
    }

    /// Sets the object (the previous one is released after the lock is let go).
    pub fn set<'py>(&self, py: Python<'py>, value: Option<Owned<'py>>) {
        drop(self.replace(py, value));
    }

    /// Takes the object out, leaving the field empty.
    pub fn take<'py>(&self, py: Python<'py>) -> Option<Owned<'py>> {
        self.replace(py, None)
    }
}

impl Drop for PyField {
    fn drop(&mut self) {
        let cell = self.cell.get_mut().unwrap_or_else(|e| e.into_inner());
        if let Some(p) = cell.take() {
            let same_interp = crate::python::thread_is_attached() && {
                // SAFETY: attached (checked just before), so there is a current interpreter.
                let current = unsafe { ffi::PyInterpreterState_Get() };
                current == p.interp
            };
            if same_interp {
                // SAFETY: attached to the object's interpreter (checked) and the field owns the
                // reference (invariant).
                unsafe { ffi::Py_DECREF(p.obj.as_ptr()) }
            }
            // Otherwise the reference is leaked rather than released without the interpreter
            // or from another one (instances drop their values in `tp_dealloc`, attached to
            // their own interpreter).
        }
    }
}

/// A value the class's `tp_traverse`/`tp_clear` handle (the `gc:` fields of
/// [`crate::class!`]).
pub trait GcField {
    /// Reports the Python objects held.
    fn visit_field(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError>;
    /// Takes them out into `out` (released by the caller once every lock is let go, since
    /// releasing can run `__del__`, which may use the instance).
    fn take_into<'py>(&self, py: Python<'py>, out: &mut Vec<Owned<'py>>);
}

impl GcField for PyField {
    fn visit_field(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        // The lock is never held across a point where the collector could start (see the
        // module docs), so this does not block.
        let g = self.locked();
        match g.as_ref() {
            // SAFETY: the field owns a reference, so the object is alive during the traversal.
            Some(p) => unsafe { visit.ptr(p.obj.as_ptr()) },
            None => Ok(()),
        }
    }

    fn take_into<'py>(&self, py: Python<'py>, out: &mut Vec<Owned<'py>>) {
        out.extend(self.take(py));
    }
}

impl<F: GcField> GcField for [F] {
    fn visit_field(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        self.iter().try_for_each(|f| f.visit_field(visit))
    }
    fn take_into<'py>(&self, py: Python<'py>, out: &mut Vec<Owned<'py>>) {
        self.iter().for_each(|f| f.take_into(py, out))
    }
}

impl<F: GcField, const N: usize> GcField for [F; N] {
    fn visit_field(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        self[..].visit_field(visit)
    }
    fn take_into<'py>(&self, py: Python<'py>, out: &mut Vec<Owned<'py>>) {
        self[..].take_into(py, out)
    }
}

impl<F: GcField> GcField for Option<F> {
    fn visit_field(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        self.as_ref().map_or(Ok(()), |f| f.visit_field(visit))
    }
    fn take_into<'py>(&self, py: Python<'py>, out: &mut Vec<Owned<'py>>) {
        if let Some(f) = self {
            f.take_into(py, out)
        }
    }
}

impl<F: GcField> GcField for Vec<F> {
    fn visit_field(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        self[..].visit_field(visit)
    }
    fn take_into<'py>(&self, py: Python<'py>, out: &mut Vec<Owned<'py>>) {
        self[..].take_into(py, out)
    }
}

impl<F: GcField> GcField for std::collections::VecDeque<F> {
    fn visit_field(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        self.iter().try_for_each(|f| f.visit_field(visit))
    }
    fn take_into<'py>(&self, py: Python<'py>, out: &mut Vec<Owned<'py>>) {
        self.iter().for_each(|f| f.take_into(py, out))
    }
}

/// The fields inside a [`Lock`] are reported when the lock is free. A thread holding it may be
/// running Python code (the collector can start there), so the traversal never waits for it:
/// while it is held, its objects are not reported, which only makes the collector treat them
/// as reachable from outside (it never frees what is not reported); `tp_clear` likewise skips
/// a held lock.
impl<T: GcField> GcField for Lock<T> {
    fn visit_field(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        match self.inner.try_lock() {
            Ok(g) => g.visit_field(visit),
            Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner().visit_field(visit),
            Err(std::sync::TryLockError::WouldBlock) => Ok(()),
        }
    }
    fn take_into<'py>(&self, py: Python<'py>, out: &mut Vec<Owned<'py>>) {
        let taken = match self.inner.try_lock() {
            Ok(g) => Some(g),
            Err(std::sync::TryLockError::Poisoned(e)) => Some(e.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => None,
        };
        if let Some(g) = taken {
            g.take_into(py, out)
        }
    }
}

/// Mutable state of an instance, behind a lock that detaches the thread while it waits.
pub struct Lock<T> {
    inner: Mutex<T>,
}

impl<T: Default> Default for Lock<T> {
    fn default() -> Self {
        Lock::new(T::default())
    }
}

impl<T> Lock<T> {
    /// A lock guarding `value`.
    pub const fn new(value: T) -> Lock<T> {
        Lock {
            inner: Mutex::new(value),
        }
    }

    /// Locks, detaching from the interpreter while waiting for another thread (which may need
    /// the GIL to finish). Do not call Python code that can lock the same instance again while
    /// holding the guard (as with C's `PyMutex`, that deadlocks).
    pub fn lock(&self, py: Python<'_>) -> MutexGuard<'_, T>
    where
        T: Send,
    {
        loop {
            match self.inner.try_lock() {
                Ok(g) => return g,
                Err(std::sync::TryLockError::Poisoned(e)) => return e.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) => {
                    // Wait detached until the holder lets go, then try again attached.
                    py.detach(|| drop(self.inner.lock()));
                }
            }
        }
    }
}
