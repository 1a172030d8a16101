//! The attached-thread token.

use crate::ffi;
use crate::object::Borrowed;
use std::ffi::CStr;
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
/// What entering and leaving cost follows the running version, decided at build time:
/// - 3.12 and 3.13 count C recursion down in the thread state's public `c_recursion_remaining`
///   and their own modules adjust it inline; so does the guard (one call to find the thread
///   state), going through `Py_EnterRecursiveCall` only when the count is exhausted, so that
///   the error, and whatever else the interpreter does then, is its own.
/// - 3.14 and 3.15 compare the machine stack pointer with a limit when entering and have
///   nothing to undo when leaving (their `Py_LeaveRecursiveCall` is an empty function in
///   release and debug builds), so the guard calls `Py_EnterRecursiveCall` and leaves with no
///   call.
/// - 3.10, 3.11 (and any later version until checked) call the exported pair.
///
/// # Invariants
/// Created only after one level was entered on this (attached) thread; it is neither `Send`
/// nor `Sync` and cannot outlive `'py`. With the inline accounting, `tstate` is that thread's
/// state, whose counter this guard lowered by one.
#[must_use = "the recursion level is left when the guard is dropped"]
pub struct RecursionGuard<'py> {
    _py: Python<'py>,
    #[cfg(all(Py_3_12, not(Py_3_14), not(windows)))]
    tstate: std::ptr::NonNull<ffi::PyThreadState>,
}

impl Drop for RecursionGuard<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        #[cfg(all(Py_3_12, not(Py_3_14), not(windows)))]
        // SAFETY: `tstate` is this attached thread's state (invariant), alive while the thread
        // runs, and its counter is only touched by the thread holding it; this gives back the
        // level the guard took, as the interpreter's inline leave does.
        unsafe {
            (*self.tstate.as_ptr()).c_recursion_remaining += 1;
        }
        #[cfg(any(not(Py_3_12), Py_3_16, all(Py_3_12, not(Py_3_14), windows)))]
        // SAFETY: pairs with the successful `Py_EnterRecursiveCall` that created the guard, on
        // the same attached thread (invariant).
        unsafe {
            ffi::Py_LeaveRecursiveCall()
        }
    }
}

/// The error `Py_EnterRecursiveCall` set (out of line: it is the rare path).
#[cold]
#[inline(never)]
fn recursion_error(py: Python<'_>) -> crate::PyErr {
    crate::PyErr::fetch(py)
}

impl<'py> RecursionGuard<'py> {
    /// Enters one level; past the limit it raises `RecursionError` whose message ends with
    /// `where_` (e.g. `c" in comparison"`). Same as [`Python::enter_recursive_call`].
    #[inline(always)]
    pub fn enter(py: Python<'py>, where_: &'static CStr) -> crate::PyResult<Self> {
        py.enter_recursive_call(where_)
    }
}

impl<'py> Python<'py> {
    /// Enters one level of the interpreter's recursion limit (`Py_EnterRecursiveCall`), as C
    /// code does before recursing on nested data: past the limit it raises `RecursionError`
    /// whose message ends with `where_` (e.g. `c" while encoding a JSON object"`). Keep the
    /// guard alive for the recursive work.
    #[inline(always)]
    pub fn enter_recursive_call(self, where_: &CStr) -> crate::PyResult<RecursionGuard<'py>> {
        #[cfg(all(Py_3_12, not(Py_3_14), not(windows)))]
        {
            let ts = current_tstate();
            // SAFETY: the token proves this thread attached, so its state is non-null, alive
            // and touched only by this thread. 3.12 refuses a level when the count before it
            // is <= 0, 3.13 when it is < 0 (their `_Py_MakeRecCheck`); otherwise the level is
            // taken by lowering the count, all that the interpreter's inline check does then.
            unsafe {
                let remaining = (*ts).c_recursion_remaining;
                let exhausted = if cfg!(Py_3_13) {
                    remaining < 0
                } else {
                    remaining <= 0
                };
                if !exhausted {
                    (*ts).c_recursion_remaining = remaining - 1;
                    return Ok(RecursionGuard {
                        _py: self,
                        tstate: std::ptr::NonNull::new_unchecked(ts),
                    });
                }
                // The rare path, by the interpreter itself: it lowers the count, then raises
                // (and restores it) or allows the level (its headroom while handling an error).
                if ffi::Py_EnterRecursiveCall(where_.as_ptr()) != 0 {
                    return Err(recursion_error(self));
                }
                Ok(RecursionGuard {
                    _py: self,
                    tstate: std::ptr::NonNull::new_unchecked(ts),
                })
            }
        }
        #[cfg(not(all(Py_3_12, not(Py_3_14), not(windows))))]
        {
            // SAFETY: attached thread (token); `where_` is NUL-terminated and only read.
            if unsafe { ffi::Py_EnterRecursiveCall(where_.as_ptr()) } != 0 {
                return Err(recursion_error(self));
            }
            Ok(RecursionGuard { _py: self })
        }
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
