//! Critical sections: per-object locking for free-threaded builds.
//!
//! CPython's C modules guard code that reads and writes a mutable object (a list being
//! heapified, a dict being walked) with `Py_BEGIN_CRITICAL_SECTION(obj)` ... `_END`. On a
//! free-threaded build (`Py_GIL_DISABLED`) that locks the object's own mutex, released whenever
//! the thread blocks or detaches, so it cannot deadlock; with the GIL it is nothing at all, since
//! the GIL already serialises the code. [`Python::with_critical_section`] does the same: on GIL
//! builds it compiles to a plain call of the closure.
//!
//! The clinic emits it for functions declared `@critical_section` (as CPython's clinic does).

#[cfg(Py_GIL_DISABLED)]
use crate::ffi;
use crate::object::Borrowed;
use crate::python::Python;

impl<'py> Python<'py> {
    /// Runs `f` inside a critical section on `obj` (`Py_BEGIN_CRITICAL_SECTION(obj)`): on
    /// free-threaded builds no other thread runs a critical section on `obj` meanwhile (unless
    /// `f` blocks or detaches, which suspends it, as in C); on GIL builds, just `f()`.
    #[inline(always)]
    pub fn with_critical_section<R>(self, obj: Borrowed<'_, 'py>, f: impl FnOnce() -> R) -> R {
        #[cfg(Py_GIL_DISABLED)]
        {
            struct End(ffi::PyCriticalSection);
            impl Drop for End {
                fn drop(&mut self) {
                    // SAFETY: ends the section begun below, on the same attached thread, also
                    // while unwinding; the section has not moved since it began (it is pinned
                    // in this frame's local below, dropped where it lies).
                    unsafe { ffi::PyCriticalSection_End(&mut self.0) }
                }
            }
            // SAFETY: an all-zero section is the initial state `Py_BEGIN_CRITICAL_SECTION` declares.
            let mut guard = End(unsafe { std::mem::zeroed() });
            // SAFETY: attached thread (token); `obj` is a live object; `guard` stays in place until
            // its drop ends the section.
            unsafe { ffi::PyCriticalSection_Begin(&mut guard.0, obj.as_ptr()) };
            // `guard` is dropped in place when this block ends (never moved: the interpreter
            // links the section into the thread's chain by its address).
            f()
        }
        #[cfg(not(Py_GIL_DISABLED))]
        {
            let _ = obj;
            f()
        }
    }

    /// Runs `f` inside a critical section on both `a` and `b`
    /// (`Py_BEGIN_CRITICAL_SECTION2(a, b)`), which locks them in a fixed order so that two
    /// threads locking the same pair cannot deadlock.
    #[inline(always)]
    pub fn with_critical_section2<R>(
        self,
        a: Borrowed<'_, 'py>,
        b: Borrowed<'_, 'py>,
        f: impl FnOnce() -> R,
    ) -> R {
        #[cfg(Py_GIL_DISABLED)]
        {
            struct End(ffi::PyCriticalSection2);
            impl Drop for End {
                fn drop(&mut self) {
                    // SAFETY: ends the section begun below, on the same thread, unmoved.
                    unsafe { ffi::PyCriticalSection2_End(&mut self.0) }
                }
            }
            // SAFETY: the all-zero initial state, as the C macro declares it.
            let mut guard = End(unsafe { std::mem::zeroed() });
            // SAFETY: attached thread; live objects; `guard` stays in place until dropped.
            unsafe { ffi::PyCriticalSection2_Begin(&mut guard.0, a.as_ptr(), b.as_ptr()) };
            // `guard` is dropped in place when this block ends (never moved: the interpreter
            // links the section into the thread's chain by its address).
            f()
        }
        #[cfg(not(Py_GIL_DISABLED))]
        {
            let _ = (a, b);
            f()
        }
    }
}
