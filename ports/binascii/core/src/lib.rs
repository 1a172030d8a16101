//! Pure algorithm core of ferrocpy's `binascii` port.
//!
//! No Python types: every function works on byte slices and returns either a
//! value or an [`Error`] that names the Python exception and carries CPython's
//! exact message, so a binding can map it one to one. Semantics follow
//! `Modules/binascii.c` (and `Python/pystrhex.c` for `hexlify`) of CPython
//! 3.10 to 3.15; where they differ between versions, the binding selects the
//! behaviour at compile time: a rules value ([`Base64Rules`], [`UuRules`]), or
//! the functions of the parameters 3.15 added (`a2b_base64_opts_*` and
//! `b2a_base64_opts_*` with [`A2bBase64Options`] / [`B2aBase64Options`] and a
//! [`Base64Alphabet`]; [`a2b_hex_ignore_into`] with 3.15's messages).
//! The codecs new in 3.15 take their alphabet as a [`Base32Alphabet`] or
//! [`Base85Alphabet`] (tables built once per alphabet; the standard ones and
//! Z85 prebuilt) and `ignorechars` as a [`ByteSet`].
//!
//! Producers come in three shapes:
//! * `xxx_len(..)`: the output capacity (exact or an upper bound, as documented);
//! * `xxx_into(.., out: &mut [MaybeUninit<u8>])`: writes into a caller buffer of
//!   at least that capacity and returns the initialised prefix (its pointer is
//!   the buffer's start);
//! * `xxx(..) -> Vec<u8>`: a convenience for tests and Rust callers.
//!
//! SIMD is chosen at run time: base64 uses the crate's own AVX2 and AVX-512
//! VBMI kernels (module `simd`, the only place with `unsafe` code), hex uses
//! hex-simd and crc32 uses crc32fast. [`Backend::Scalar`] forces the crate's
//! own portable code, and [`Backend::Avx2`] / [`Backend::Avx512Vbmi`] ask for
//! one kernel family, either per call (`*_with` functions) or process-wide
//! ([`set_default_backend`]).
//!
//! What the binding resolves before calling the core:
//! * argument types and `str` inputs (ASCII check: "string argument should
//!   contain only ASCII characters"), buffer acquisition, the GIL;
//! * `sep`: [`sep_from_bytes`] / [`sep_from_str`] give CPython's ValueErrors,
//!   other types are a TypeError ("sep must be str or bytes.") after
//!   `len()` succeeded;
//! * `strict_mode` does not exist on 3.10 (the keyword is a TypeError there);
//!   on 3.15 its default (true when `ignorechars` is given) and the
//!   `alphabet` argument (a `bytes` object of 64 bytes:
//!   [`Base64Alphabet::lookup`] gives the ValueError) are the binding's;
//! * `crc`/`bytes_per_sep` conversions (`unsigned_int(bitwise=True)`, C `int`
//!   with its OverflowError before 3.15, `Py_ssize_t` from 3.15);
//! * `a2b_uu` of an empty buffer: before 3.14 C reads one byte past the end;
//!   the core assumes the NUL terminator that bytes, bytearray and str
//!   provide ([`UuRules::Py310`]);
//! * the hqx functions (`a2b_hqx`, `b2a_hqx`, `rlecode_hqx`,
//!   `rledecode_hqx`) exist on 3.10 only, where each call first emits a
//!   DeprecationWarning ("binascii.a2b_hqx() is deprecated", ...);
//!   `a2b_hqx` takes an ASCII buffer or ASCII `str` and returns a
//!   `(bytes, int)` tuple.
//!
#![deny(unsafe_code)]

use std::borrow::Cow;
use std::fmt;
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicU8, Ordering};

mod base32;
mod base64;
mod base85;
mod crc;
mod hex;
mod hqx;
mod lines;
mod qp;
#[allow(unsafe_code)]
mod simd;
mod uu;

pub use crate::base32::{
    a2b_base32, a2b_base32_into, a2b_base32_into_with, a2b_base32_len, b2a_base32, b2a_base32_into,
    b2a_base32_into_with, b2a_base32_len, Base32Alphabet, BASE32HEX_ALPHABET, BASE32_ALPHABET,
};
pub use crate::base64::{
    a2b_base64, a2b_base64_into, a2b_base64_into_with, a2b_base64_len, a2b_base64_opts,
    a2b_base64_opts_into, a2b_base64_opts_into_with, a2b_base64_opts_with, a2b_base64_with,
    b2a_base64, b2a_base64_into, b2a_base64_into_with, b2a_base64_len, b2a_base64_opts,
    b2a_base64_opts_into, b2a_base64_opts_into_with, b2a_base64_opts_len, b2a_base64_opts_with,
    b2a_base64_with, A2bBase64Options, B2aBase64Options, Base64Alphabet, Base64Rules,
    BASE64_ALPHABET, URLSAFE_BASE64_ALPHABET,
};
pub use crate::base85::{
    a2b_ascii85, a2b_ascii85_into, a2b_ascii85_len, a2b_base85, a2b_base85_into, a2b_base85_len,
    b2a_ascii85, b2a_ascii85_into, b2a_ascii85_len, b2a_base85, b2a_base85_into, b2a_base85_len,
    Base85Alphabet, BASE85_ALPHABET, Z85_ALPHABET,
};
pub use crate::crc::{crc32, crc32_with, crc_hqx};
pub use crate::hex::{
    a2b_hex, a2b_hex_ignore, a2b_hex_ignore_into, a2b_hex_ignore_into_with, a2b_hex_ignore_with,
    a2b_hex_into, a2b_hex_into_with, a2b_hex_len, a2b_hex_with, b2a_hex, b2a_hex_into,
    b2a_hex_into_with, b2a_hex_len, b2a_hex_plain_into, b2a_hex_with, sep_first_of_bytes,
    sep_first_of_str, sep_from_bytes, sep_from_str,
};
pub use crate::hqx::{
    a2b_hqx, a2b_hqx_into, a2b_hqx_len, b2a_hqx, b2a_hqx_into, b2a_hqx_len, rlecode_hqx,
    rlecode_hqx_into, rlecode_hqx_len, rledecode_hqx, rledecode_hqx_into, rledecode_hqx_len,
};
pub use crate::lines::ByteSet;
pub use crate::qp::{a2b_qp, a2b_qp_into, a2b_qp_len, b2a_qp, b2a_qp_into, b2a_qp_len};
pub use crate::simd::CAP_VARIABLE;
pub use crate::uu::{a2b_uu, a2b_uu_into, a2b_uu_len, b2a_uu, b2a_uu_into, b2a_uu_len, UuRules};

/// An error, tagged with the Python exception CPython raises for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// `binascii.Error` (a `ValueError` subclass).
    Error(Cow<'static, str>),
    /// `binascii.Incomplete`.
    Incomplete(Cow<'static, str>),
    /// `ValueError`.
    ValueError(Cow<'static, str>),
    /// `TypeError`.
    TypeError(Cow<'static, str>),
    /// `OverflowError`.
    OverflowError(Cow<'static, str>),
    /// `MemoryError` (CPython's `PyErr_NoMemory()`, no message).
    MemoryError,
}

impl Error {
    /// The Python exception's qualified name, e.g. `"binascii.Error"`.
    pub fn exception_name(&self) -> &'static str {
        match self {
            Error::Error(_) => "binascii.Error",
            Error::Incomplete(_) => "binascii.Incomplete",
            Error::ValueError(_) => "ValueError",
            Error::TypeError(_) => "TypeError",
            Error::OverflowError(_) => "OverflowError",
            Error::MemoryError => "MemoryError",
        }
    }

    /// The exception's message (empty for `MemoryError`).
    pub fn message(&self) -> &str {
        match self {
            Error::Error(m)
            | Error::Incomplete(m)
            | Error::ValueError(m)
            | Error::TypeError(m)
            | Error::OverflowError(m) => m,
            Error::MemoryError => "",
        }
    }

    pub(crate) const fn binascii(msg: &'static str) -> Self {
        Error::Error(Cow::Borrowed(msg))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.exception_name(), self.message())
    }
}

impl std::error::Error for Error {}

/// Which implementation to run.
///
/// Asking for a SIMD backend the CPU does not have is not an error: the call
/// runs the best lower level instead (AVX-512 VBMI, then AVX2, then scalar),
/// so no illegal instruction is ever executed. [`Backend::is_available`]
/// tells whether a backend runs as itself. Hex and crc32 have no kernels of
/// their own: every SIMD backend uses hex-simd and crc32fast (which pick
/// their instructions at run time), [`Backend::Scalar`] the portable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Backend {
    /// The fastest available: SIMD chosen at run time, scalar otherwise.
    #[default]
    Auto,
    /// The crate's own portable scalar code, whatever the CPU.
    Scalar,
    /// The AVX2 base64 kernels (x86-64 with AVX2), even on a CPU that has
    /// AVX-512.
    Avx2,
    /// The AVX-512 VBMI base64 kernels (x86-64 with AVX-512 F, BW and VBMI),
    /// with AVX2 for the tails.
    Avx512Vbmi,
}

impl Backend {
    /// Every backend, for tests that compare them.
    pub const ALL: [Backend; 4] = [
        Backend::Auto,
        Backend::Scalar,
        Backend::Avx2,
        Backend::Avx512Vbmi,
    ];

    /// Whether this backend runs as itself on this CPU (`Auto` and `Scalar`
    /// always do; the others need their CPU features).
    pub fn is_available(self) -> bool {
        simd::available(self)
    }

    /// The backend that actually runs when this one is asked for.
    pub fn resolved(self) -> Backend {
        simd::Level::for_backend(self).backend()
    }
}

static DEFAULT_BACKEND: AtomicU8 = AtomicU8::new(0);

/// Sets the backend used by the functions without a `backend` parameter
/// (process-wide; meant for tests that exercise one path end to end).
pub fn set_default_backend(backend: Backend) {
    let code = Backend::ALL.iter().position(|&b| b == backend).unwrap_or(0) as u8;
    DEFAULT_BACKEND.store(code, Ordering::Relaxed);
}

/// The backend used by the functions without a `backend` parameter.
pub fn default_backend() -> Backend {
    Backend::ALL[usize::from(DEFAULT_BACKEND.load(Ordering::Relaxed)) % Backend::ALL.len()]
}

/// Runs a `*_into` function over a fresh buffer of `cap` bytes and copies
/// the result into a `Vec`.
pub(crate) fn collect<F>(cap: usize, f: F) -> Result<Vec<u8>, Error>
where
    F: for<'o> FnOnce(&'o mut [MaybeUninit<u8>]) -> Result<&'o [u8], Error>,
{
    let mut buf = vec![MaybeUninit::<u8>::uninit(); cap];
    let out = f(&mut buf)?;
    Ok(out.to_vec())
}

/// Panics with a clear message when a caller passes a buffer smaller than the
/// matching `*_len` function asked for.
#[inline]
pub(crate) fn check_capacity(have: usize, need: usize) {
    assert!(
        have >= need,
        "output buffer too small: {have} bytes given, {need} needed"
    );
}
