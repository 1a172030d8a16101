//! The attached-thread token.

use crate::ffi;
use crate::object::Borrowed;
use std::marker::PhantomData;

/// Proof that the current thread is attached to the interpreter (holds the GIL, or on a
/// free-threaded build has an active thread state) for the lifetime `'py`.
///
/// # Invariants
/// A value of this type exists only while the current thread is attached. It is neither `Send`
/// nor `Sync`, so it cannot reach a thread that is not.
#[derive(Clone, Copy)]
pub struct Python<'py> {
    _marker: PhantomData<(&'py (), *mut ())>,
}

impl<'py> Python<'py> {
    /// Creates the token.
    ///
    /// # Safety
    /// The current thread must be attached to the interpreter for all of `'py`.
    #[inline(always)]
    pub unsafe fn assume_attached() -> Self {
        Python {
            _marker: PhantomData,
        }
    }

    /// `None`.
    #[inline(always)]
    pub fn none(self) -> Borrowed<'py, 'py> {
        // SAFETY: `None` is a static object that lives as long as the interpreter.
        unsafe { Borrowed::from_ptr(self, ffi::Py_None()) }
    }

    /// `True` or `False`.
    #[inline(always)]
    pub fn bool(self, value: bool) -> Borrowed<'py, 'py> {
        let ptr = if value {
            ffi::Py_True()
        } else {
            ffi::Py_False()
        };
        // SAFETY: the bool singletons are static objects.
        unsafe { Borrowed::from_ptr(self, ptr) }
    }

    /// `NotImplemented`.
    #[inline(always)]
    pub fn not_implemented(self) -> Borrowed<'py, 'py> {
        // SAFETY: `NotImplemented` is a static object.
        unsafe { Borrowed::from_ptr(self, ffi::Py_NotImplemented()) }
    }

    /// Minor version of the interpreter this extension was built for (3.`N`).
    #[inline(always)]
    pub const fn version_minor(self) -> u32 {
        ffi::target::PY_MINOR
    }

    /// Runs `f` with the thread detached from the interpreter (the GIL released), so other
    /// threads can run Python code meanwhile. `f` cannot touch Python objects: it must be
    /// `Send`, which neither this token nor any handle is. The thread is re-attached when `f`
    /// returns or unwinds.
    pub fn detach<T, F>(self, f: F) -> T
    where
        F: FnOnce() -> T + Send,
        T: Send,
    {
        struct Reattach(*mut ffi::PyThreadState);
        impl Drop for Reattach {
            fn drop(&mut self) {
                // SAFETY: `self.0` is the state saved by `PyEval_SaveThread` on this thread,
                // restored exactly once, including while unwinding.
                unsafe { ffi::PyEval_RestoreThread(self.0) }
            }
        }
        // SAFETY: the thread is attached (token invariant); the matching restore is in `Reattach`.
        let _guard = Reattach(unsafe { ffi::PyEval_SaveThread() });
        f()
    }
}

/// The interpreter's recursion guard, held for the depth of one nested call
/// ([`Python::enter_recursive_call`]); dropping it leaves the level.
///
/// # Invariants
/// Created only after `Py_EnterRecursiveCall` succeeded on this (attached) thread; it is
/// neither `Send` nor `Sync` and cannot outlive `'py`.
#[must_use = "the recursion level is left when the guard is dropped"]
pub struct RecursionGuard<'py> {
    _py: Python<'py>,
}

impl Drop for RecursionGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: pairs with the successful `Py_EnterRecursiveCall` that created the guard, on
        // the same attached thread (invariant).
        unsafe { ffi::Py_LeaveRecursiveCall() }
    }
}

impl<'py> Python<'py> {
    /// Enters one level of the interpreter's recursion limit (`Py_EnterRecursiveCall`), as C
    /// code does before recursing on nested data: past the limit it raises `RecursionError`
    /// whose message ends with `where_` (e.g. `c" while encoding a JSON object"`). Keep the
    /// guard alive for the recursive work.
    #[inline]
    pub fn enter_recursive_call(
        self,
        where_: &std::ffi::CStr,
    ) -> crate::PyResult<RecursionGuard<'py>> {
        // SAFETY: attached thread (token); `where_` is NUL-terminated and only read.
        if unsafe { ffi::Py_EnterRecursiveCall(where_.as_ptr()) } != 0 {
            return Err(crate::PyErr::fetch(self));
        }
        Ok(RecursionGuard { _py: self })
    }
}

/// The current thread's state, null when it is not attached.
#[inline(always)]
fn current_tstate() -> *mut ffi::PyThreadState {
    // SAFETY: both functions only read the current thread state pointer and may be called in
    // any state.
    #[cfg(Py_3_13)]
    let state = unsafe { ffi::PyThreadState_GetUnchecked() };
    #[cfg(not(Py_3_13))]
    // SAFETY: as above.
    let state = unsafe { ffi::_PyThreadState_UncheckedGet() };
    state
}

/// Whether the current thread is attached to an interpreter (used where no token can be had,
/// such as `Drop` of values stored outside a call).
#[inline]
pub(crate) fn thread_is_attached() -> bool {
    !current_tstate().is_null()
}

/// The interpreter the current thread is attached to, null when it is not attached (one call
/// and a field read, cheaper than `PyInterpreterState_Get`).
#[inline]
pub(crate) fn current_interp_or_null() -> *mut ffi::PyInterpreterState {
    let ts = current_tstate();
    if ts.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: a non-null current thread state is alive while its thread runs, and `interp` is
    // set for its whole life (every CPython version's `PyThreadState` has the field; the
    // layout comes from the interpreter's own headers).
    unsafe { (*ts).interp }
}

/// The first interpreter in which a module of this library was executed.
static FIRST_INTERP: std::sync::atomic::AtomicPtr<ffi::PyInterpreterState> =
    std::sync::atomic::AtomicPtr::new(std::ptr::null_mut());
/// Whether a module of this library was executed in another interpreter too.
static OTHER_INTERP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Records that a module of this library is being executed in the current interpreter (every
/// module's exec slot calls this, before any of its code can run there).
///
/// Code of this library only runs attached to an interpreter through a call CPython makes into
/// one of its modules, classes or slots, and those exist in an interpreter only after a module
/// of the library was executed there (the library offers no way to attach a thread to an
/// interpreter of its choosing; one added later must call this too). So while
/// no second interpreter was recorded, everything this library touches belongs to one
/// interpreter.
pub(crate) fn note_interpreter(_py: Python<'_>) {
    use std::sync::atomic::Ordering;
    let current = current_interp_or_null();
    match FIRST_INTERP.compare_exchange(
        std::ptr::null_mut(),
        current,
        Ordering::AcqRel,
        Ordering::Acquire,
    ) {
        Ok(_) => {}
        Err(first) if first == current => {}
        Err(_) => OTHER_INTERP.store(true, Ordering::SeqCst),
    }
}

/// The interpreter the current thread is attached to. While this library's modules were
/// executed in one interpreter only, that one (see [`note_interpreter`]: the thread can only be
/// running this library's code there), read from a static; otherwise asked of CPython.
#[inline(always)]
pub(crate) fn current_interp(_py: Python<'_>) -> *mut ffi::PyInterpreterState {
    use std::sync::atomic::Ordering;
    // A thread that runs this library's code in a second interpreter has seen the store of
    // `note_interpreter` there (its own, or one ordered before it through that interpreter's
    // import of the module), so a stale `false` is never read by such a thread.
    if !OTHER_INTERP.load(Ordering::Acquire) {
        let first = FIRST_INTERP.load(Ordering::Acquire);
        if !first.is_null() {
            return first;
        }
    }
    current_interp_or_null()
}

/// Whether modules of this library were executed in more than one interpreter (see
/// [`note_interpreter`]); once true, it stays true. (Free-threaded builds check every access.)
#[cfg(not(Py_GIL_DISABLED))]
#[inline(always)]
pub(crate) fn several_interpreters() -> bool {
    OTHER_INTERP.load(std::sync::atomic::Ordering::Acquire)
}
