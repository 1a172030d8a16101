//! Python objects held by class instances, visible to the garbage collector, and a lock for
//! mutable per-instance state.
//!
//! [`PyField`] holds one optional strong reference. Every access takes the [`Python`] token, so
//! the object is only touched while attached. A field belongs to one interpreter: the first one
//! that stores an object in it (or reads it) binds it, and any later use from another
//! interpreter is refused (a panic) before the object is touched. While this library's modules
//! have run in one interpreter only, finding the current interpreter costs one load, and a read
//! skips the check (see `python::note_interpreter`). With a GIL, the accesses from
//! the owning interpreter are therefore ordered by that interpreter's GIL and need no lock of
//! their own; on free-threaded builds a short internal lock orders them (the job C's critical
//! sections do for a single slot). No Python code runs during an access (a replaced value is
//! released afterwards, since releasing can run `__del__`).
//! Listing the field in the `gc:` list of [`crate::class!`] makes the class's `tp_traverse`
//! report it and its `tp_clear` empty it, so cycles through instances are collected.
//!
//! [`Lock`] guards mutable Rust state. Taking a free lock is one compare-and-swap and letting it
//! go one swap (as CPython's `PyMutex`); waiting for a held one detaches the thread, so a thread
//! holding it may call Python code, which may release the GIL, without deadlocking another
//! thread that waits for it.

use crate::ffi;
use crate::module::{TraverseError, Visit};
use crate::object::Owned;
use crate::python::Python;
use std::cell::UnsafeCell;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::ptr::{null_mut, NonNull};
use std::sync::atomic::{AtomicPtr, AtomicU8, Ordering};
use std::sync::{Condvar, Mutex};

// ---- the raw lock -------------------------------------------------------------------------------

/// A mutual-exclusion lock without data: an atomic state for the uncontended path, and a
/// mutex/condition variable pair where waiters sleep.
///
/// # Invariants
/// `state` is `FREE` when nobody holds the lock, `HELD` when someone does and nobody sleeps
/// for it, `CONTENDED` when someone does and waiters may sleep on `wake`; a waiter only sleeps
/// after setting `CONTENDED` while holding `park`, so an unlock that sees `CONTENDED` and then
/// takes `park` always finds it asleep (or not yet looking), never between the two.
struct RawLock {
    state: AtomicU8,
    park: Mutex<()>,
    wake: Condvar,
}

const FREE: u8 = 0;
const HELD: u8 = 1;
const CONTENDED: u8 = 2;

impl RawLock {
    const fn new() -> RawLock {
        RawLock {
            state: AtomicU8::new(FREE),
            park: Mutex::new(()),
            wake: Condvar::new(),
        }
    }

    /// Takes the lock if it is free.
    #[inline(always)]
    fn try_lock(&self) -> bool {
        self.state
            .compare_exchange(FREE, HELD, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }

    /// Takes the lock, sleeping until it is free.
    #[cold]
    fn lock_slow(&self) {
        let mut g = self.park.lock().unwrap_or_else(|e| e.into_inner());
        // Marking the lock contended makes its holder wake the sleepers when it lets go; a
        // swap that finds it free has taken it (marked contended: the next unlock wakes the
        // others, who mark it again).
        while self.state.swap(CONTENDED, Ordering::Acquire) != FREE {
            g = self.wake.wait(g).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Lets the lock go (the caller holds it).
    #[inline(always)]
    fn unlock(&self) {
        if self.state.swap(FREE, Ordering::Release) == CONTENDED {
            self.wake_sleepers();
        }
    }

    #[cold]
    fn wake_sleepers(&self) {
        // Taking `park` waits until a sleeper that set CONTENDED is inside `wait` (see the
        // invariant), so the notification cannot be missed.
        drop(self.park.lock().unwrap_or_else(|e| e.into_inner()));
        self.wake.notify_all();
    }
}

// ---- PyField ------------------------------------------------------------------------------------

/// The current interpreter.
#[inline(always)]
fn current_interp(py: Python<'_>) -> *mut ffi::PyInterpreterState {
    crate::python::current_interp(py)
}

/// An optional Python object held by an instance (see the module docs).
///
/// # Invariants
/// - `obj` is null or an owned strong reference: the field owns one reference to the object it
///   holds.
/// - `interp` is null while no interpreter has used the field; once set it never changes, and
///   `obj` is only read or written by threads attached to that interpreter (and, with a GIL,
///   holding its GIL; on free-threaded builds, holding `lock`).
pub struct PyField {
    obj: AtomicPtr<ffi::PyObject>,
    interp: AtomicPtr<ffi::PyInterpreterState>,
    #[cfg(Py_GIL_DISABLED)]
    lock: RawLock,
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
            obj: AtomicPtr::new(null_mut()),
            interp: AtomicPtr::new(null_mut()),
            #[cfg(Py_GIL_DISABLED)]
            lock: RawLock::new(),
        }
    }

    /// A field holding `value` (bound to the current interpreter).
    pub fn new(value: Owned<'_>) -> PyField {
        let interp = current_interp(value.py());
        PyField {
            obj: AtomicPtr::new(value.into_ptr()),
            interp: AtomicPtr::new(interp),
            #[cfg(Py_GIL_DISABLED)]
            lock: RawLock::new(),
        }
    }

    /// Checks that the current interpreter owns the field (binding it on first use); panics
    /// otherwise, before anything is touched.
    #[inline(always)]
    #[track_caller]
    fn check_interp(&self, py: Python<'_>) {
        let current = current_interp(py);
        let bound = self.interp.load(Ordering::Acquire);
        if bound != current {
            self.bind(current, bound);
        }
    }

    #[cold]
    #[track_caller]
    fn bind(&self, current: *mut ffi::PyInterpreterState, bound: *mut ffi::PyInterpreterState) {
        let won = bound.is_null()
            && match self.interp.compare_exchange(
                null_mut(),
                current,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => true,
                Err(other) => other == current,
            };
        assert!(
            won,
            "PyField used from an interpreter other than the one owning its object"
        );
    }

    /// Runs `f` with the accesses to `obj` ordered (see the invariants).
    #[inline(always)]
    fn exclusive<R>(&self, f: impl FnOnce(&AtomicPtr<ffi::PyObject>) -> R) -> R {
        #[cfg(Py_GIL_DISABLED)]
        {
            if !self.lock.try_lock() {
                self.lock.lock_slow();
            }
            let r = f(&self.obj);
            self.lock.unlock();
            r
        }
        #[cfg(not(Py_GIL_DISABLED))]
        {
            f(&self.obj)
        }
    }

    /// A new reference to the object, if the field holds one.
    #[inline]
    pub fn get<'py>(&self, py: Python<'py>) -> Option<Owned<'py>> {
        #[cfg(Py_GIL_DISABLED)]
        self.check_interp(py);
        self.exclusive(|obj| {
            // Acquire: a pointer stored by a thread of another interpreter comes with the news
            // that several interpreters run this library (recorded before that thread could
            // run any of its code), so the check below is not skipped for it.
            let p = NonNull::new(obj.load(Ordering::Acquire))?;
            #[cfg(not(Py_GIL_DISABLED))]
            if crate::python::several_interpreters() {
                self.check_interp(py);
            }
            // SAFETY: attached to the field's interpreter (checked; or this library runs in one
            // interpreter only, to which a field holding an object is bound) with accesses
            // ordered (GIL or lock); the field owns a reference, so the object is alive, and
            // the increment happens before any other access can release it.
            Some(unsafe {
                ffi::Py_INCREF(p.as_ptr());
                Owned::from_owned_ptr_unchecked(py, p.as_ptr())
            })
        })
    }

    /// Whether the field holds an object.
    #[inline]
    pub fn is_some(&self, py: Python<'_>) -> bool {
        self.check_interp(py);
        self.exclusive(|obj| !obj.load(Ordering::Relaxed).is_null())
    }

    /// Replaces the object, returning the previous one.
    #[inline]
    pub fn replace<'py>(&self, py: Python<'py>, value: Option<Owned<'py>>) -> Option<Owned<'py>> {
        self.check_interp(py);
        let new = value.map_or(null_mut(), Owned::into_ptr);
        // Accesses are already ordered (GIL or lock), so a load and a store do what a swap would
        // (without its bus lock); Release publishes the object with its binding.
        let old = self.exclusive(|obj| {
            let old = obj.load(Ordering::Relaxed);
            obj.store(new, Ordering::Release);
            old
        });
        // SAFETY: attached to the field's interpreter (checked); the field owned this
        // reference, now handed to the result.
        NonNull::new(old).map(|p| unsafe { Owned::from_owned_ptr_unchecked(py, p.as_ptr()) })
    }

    /// Sets the object (the previous one is released after the field is updated).
    #[inline]
    pub fn set<'py>(&self, py: Python<'py>, value: Option<Owned<'py>>) {
        drop(self.replace(py, value));
    }

    /// Takes the object out, leaving the field empty.
    #[inline]
    pub fn take<'py>(&self, py: Python<'py>) -> Option<Owned<'py>> {
        self.replace(py, None)
    }
}

impl Drop for PyField {
    fn drop(&mut self) {
        let p = std::mem::replace(self.obj.get_mut(), null_mut());
        if p.is_null() {
            return;
        }
        // Null when detached: never the field's interpreter, which is set whenever it holds an
        // object.
        let current = crate::python::current_interp_or_null();
        if !current.is_null() && current == *self.interp.get_mut() {
            // SAFETY: attached to the object's interpreter (checked) and the field owns the
            // reference (invariant); `&mut self` excludes every other access.
            unsafe { ffi::Py_DECREF(p) }
        }
        // Otherwise the reference is leaked rather than released without the interpreter or
        // from another one (instances drop their values in `tp_dealloc`, attached to their own
        // interpreter).
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
        // The collector runs attached to the instance's interpreter (holding its GIL, or with
        // the other threads stopped on free-threaded builds), which orders this read after
        // every write.
        match NonNull::new(self.obj.load(Ordering::Acquire)) {
            // SAFETY: the field owns a reference, so the object is alive during the traversal.
            Some(p) => unsafe { visit.ptr(p.as_ptr()) },
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
        match self.try_lock() {
            Some(g) => g.visit_field(visit),
            None => Ok(()),
        }
    }
    fn take_into<'py>(&self, py: Python<'py>, out: &mut Vec<Owned<'py>>) {
        if let Some(g) = self.try_lock() {
            g.take_into(py, out)
        }
    }
}

/// Mutable state of an instance, behind a lock that detaches the thread while it waits.
///
/// # Invariants
/// `value` is only accessed through a [`LockGuard`], and at most one guard exists at a time
/// (one is only made after taking `raw`, which it lets go when dropped).
pub struct Lock<T> {
    raw: RawLock,
    value: UnsafeCell<T>,
}

// SAFETY: the lock hands out access to `value` to one thread at a time (invariant), so sharing
// a `Lock` only moves `T` between threads: it needs `T: Send`, as `std::sync::Mutex` does.
unsafe impl<T: Send> Sync for Lock<T> {}
// SAFETY: owning the lock owns the value; moving it moves the value.
unsafe impl<T: Send> Send for Lock<T> {}

impl<T: Default> Default for Lock<T> {
    fn default() -> Self {
        Lock::new(T::default())
    }
}

impl<T> Lock<T> {
    /// A lock guarding `value`.
    pub const fn new(value: T) -> Lock<T> {
        Lock {
            raw: RawLock::new(),
            value: UnsafeCell::new(value),
        }
    }

    /// Locks, detaching from the interpreter while waiting for another thread (which may need
    /// the GIL to finish). Do not call Python code that can lock the same instance again while
    /// holding the guard (as with C's `PyMutex`, that deadlocks).
    #[inline]
    pub fn lock(&self, py: Python<'_>) -> LockGuard<'_, T>
    where
        T: Send,
    {
        if !self.raw.try_lock() {
            py.detach(|| self.raw.lock_slow());
        }
        LockGuard {
            lock: self,
            _not_send: PhantomData,
        }
    }

    /// Locks if the lock is free.
    fn try_lock(&self) -> Option<LockGuard<'_, T>> {
        self.raw.try_lock().then_some(LockGuard {
            lock: self,
            _not_send: PhantomData,
        })
    }

    /// The value, through exclusive access to the lock.
    pub fn get_mut(&mut self) -> &mut T {
        self.value.get_mut()
    }
}

/// Access to the value of a held [`Lock`]; dropping it lets the lock go.
///
/// # Invariants
/// The guard's thread holds `lock.raw`.
pub struct LockGuard<'a, T> {
    lock: &'a Lock<T>,
    /// A guard stays on the thread that took the lock (as `MutexGuard`).
    _not_send: PhantomData<*const ()>,
}

impl<T> Deref for LockGuard<'_, T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: the guard holds the lock (invariant), so no other access to the value exists.
        unsafe { &*self.lock.value.get() }
    }
}

impl<T> DerefMut for LockGuard<'_, T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard holds the lock (invariant) and is borrowed mutably, so this is the
        // only access to the value.
        unsafe { &mut *self.lock.value.get() }
    }
}

impl<T> Drop for LockGuard<'_, T> {
    #[inline(always)]
    fn drop(&mut self) {
        self.lock.raw.unlock();
    }
}
