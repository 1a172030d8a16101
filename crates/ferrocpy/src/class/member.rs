//! Members: read-only attributes that CPython reads straight from the instance
//! (`PyMemberDef`, `member_descriptor`), as C classes expose simple fields such as
//! `_ZlibDecompressor.eof`. The field types are atomics, so Rust may update them through `&T`
//! while C reads them: CPython reads members attached (under the GIL, or on free-threaded
//! builds with relaxed atomic loads), and it never writes them (they are `Py_READONLY`).

use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

/// A `bool` read by a member (`Py_T_BOOL`, one byte, 0 or 1).
#[repr(transparent)]
#[derive(Default)]
pub struct Flag(AtomicBool);

impl Flag {
    /// A flag holding `value`.
    pub const fn new(value: bool) -> Flag {
        Flag(AtomicBool::new(value))
    }

    /// The value.
    pub fn get(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// Changes the value.
    pub fn set(&self, value: bool) {
        self.0.store(value, Ordering::Relaxed)
    }
}

/// A `Py_ssize_t` read by a member (`Py_T_PYSSIZET`).
#[repr(transparent)]
#[derive(Default)]
pub struct Count(AtomicIsize);

impl Count {
    /// A count holding `value`.
    pub const fn new(value: isize) -> Count {
        Count(AtomicIsize::new(value))
    }

    /// The value.
    pub fn get(&self) -> isize {
        self.0.load(Ordering::Relaxed)
    }

    /// Changes the value.
    pub fn set(&self, value: isize) {
        self.0.store(value, Ordering::Relaxed)
    }
}

/// The member type codes of `structmember.h` (stable ABI values, the same in every version).
#[doc(hidden)]
pub const T_BOOL: i32 = 14;
#[doc(hidden)]
pub const T_PYSSIZET: i32 = 19;
#[doc(hidden)]
pub const READONLY: i32 = 1;

/// A field type a member can read: its `structmember.h` type code.
///
/// # Safety
/// The type's memory is what CPython's reader of that code reads (size, alignment, valid bit
/// patterns), and it tolerates concurrent reads by CPython while Rust updates it through `&`.
pub unsafe trait MemberField {
    /// The type code.
    const CODE: i32;
}

// SAFETY: `Flag` is one byte holding 0 or 1 (`AtomicBool`), which `Py_T_BOOL` reads as a char.
unsafe impl MemberField for Flag {
    const CODE: i32 = T_BOOL;
}

// SAFETY: `Count` is an `isize` (`AtomicIsize`, same size and alignment as `Py_ssize_t`).
unsafe impl MemberField for Count {
    const CODE: i32 = T_PYSSIZET;
}

/// The type code of a field, inferred from an accessor (for [`crate::class!`]'s `members:`).
#[doc(hidden)]
pub const fn code_of<T, F: MemberField>(_field: fn(&T) -> &F) -> i32 {
    F::CODE
}

/// A null-terminated static member table of class `T`.
#[doc(hidden)]
#[repr(transparent)]
pub struct MemberTable<T, const N: usize> {
    defs: std::cell::UnsafeCell<[crate::ffi::PyMemberDef; N]>,
    _value: std::marker::PhantomData<fn(T)>,
}

// SAFETY: written only at compile time; CPython only reads member tables.
unsafe impl<T, const N: usize> Sync for MemberTable<T, N> {}

/// One member: `name` (static, NUL-terminated), the field's type code and its offset in the
/// value, `doc` (static or null).
#[doc(hidden)]
pub struct MemberSpec {
    pub name: *const std::ffi::c_char,
    pub code: i32,
    pub field_offset: usize,
    pub doc: *const std::ffi::c_char,
}

impl<T: super::PyClass, const N: usize> MemberTable<T, N> {
    /// The table of read-only members at the given field offsets of `T`'s value.
    ///
    /// # Safety
    /// Each `field_offset` is the offset in `T` of a field of a [`MemberField`] type whose code
    /// is `code`; `name` and `doc` are static C strings (`doc` may be null).
    #[doc(hidden)]
    pub const unsafe fn new<const M: usize>(specs: [MemberSpec; M]) -> Self {
        assert!(N == M + 1, "member table size");
        let null = crate::ffi::PyMemberDef {
            name: std::ptr::null(),
            type_: 0,
            offset: 0,
            flags: 0,
            doc: std::ptr::null(),
        };
        let mut out = [null; N];
        let mut i = 0;
        while i < M {
            out[i] = crate::ffi::PyMemberDef {
                name: specs[i].name,
                type_: specs[i].code,
                offset: (super::value_offset::<T>() + specs[i].field_offset)
                    as crate::ffi::Py_ssize_t,
                flags: READONLY,
                doc: specs[i].doc,
            };
            i += 1;
        }
        MemberTable {
            defs: std::cell::UnsafeCell::new(out),
            _value: std::marker::PhantomData,
        }
    }

    /// The `Py_tp_members` slot of this table.
    #[doc(hidden)]
    pub const fn slot(&'static self) -> super::SlotDef<T> {
        // SAFETY: a static, null-terminated table of read-only members at offsets of fields of
        // `Instance<T>` whose types match their codes (`new`'s contract).
        unsafe { super::SlotDef::from_raw(crate::ffi::Py_tp_members, self.defs.get().cast()) }
    }
}
