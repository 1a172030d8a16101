//! `ferrocpy.ports.binascii`: a drop-in Rust port of CPython's `binascii` module.
//!
//! The algorithms live in `binascii-core` (no Python types, C's exact errors); this crate is
//! the binding. Every function is declared with ferrocpy's clinic in the shape of CPython's own
//! declarations, so text signatures, docstrings and argument errors are C's. A function
//! converts its arguments (generated glue), sizes its output with the core's `*_len`, builds the
//! result bytes object in place with the core's `*_into`, and maps a core error one to one to
//! the exception C raises. For base64, hex and crc32 (whose output size depends on the input's
//! length only), inputs of at least [`DETACH_MIN`] bytes are processed with the thread detached
//! (GIL released) while the argument's buffer is held, so a bytearray cannot be resized under
//! the reader; functions that size their output from the content keep the GIL.
//!
//! Version differences, all selected at compile time from the `Py_3_N` cfgs:
//!
//! | difference | versions | where |
//! |---|---|---|
//! | hqx functions (deprecated), `a2b_base64` without `strict_mode` | 3.10 | `v310.rs` |
//! | `a2b_base64(data, /, *, strict_mode=False)` | 3.11–3.14 | `v311.rs` |
//! | flags (`newline`, `backtick`, `header`, ...) converted as C `int`, then truthiness | ≤ 3.11, 3.12+ | `bool(accept={int}, until="3.12")` |
//! | strict mode refuses padding at a group's start ("Excess padding not allowed") | 3.13 | [`BASE64_RULES`] |
//! | base64 padding no longer ends the input; strict mode names each misplaced `=` | 3.14+ | [`BASE64_RULES`] |
//! | an empty `a2b_uu` line is "Missing length byte" | 3.14+ | [`UU_RULES`] |
//! | `a2b_base64` with `padded`, `alphabet`, `ignorechars`, `canonical` (`strict_mode` defaulting to "`ignorechars` given"); `b2a_base64` with `padded`, `wrapcol`, `alphabet`; `a2b_hex`/`unhexlify` with `ignorechars` ("Odd number of hexadecimal digits"); `bytes_per_sep` a `Py_ssize_t` | 3.15+ | `v315_existing.rs` (earlier declarations: `pre315.rs`) |
//! | `crc32`/`crc_hqx`: DeprecationWarning for a `crc` outside 32 bits | 3.15+ | `ferrocpy::argconv::unsigned_int_bitwise` |
//! | the codecs base32, base85/Z85, Ascii85 | 3.15+ | `v315.rs` |
//! | the alphabet constants (`BASE64_ALPHABET`, ...) | 3.15+ | `ALPHABETS`, added by `exec` |

use binascii_core as core;
use ferrocpy::argconv::ArgBuffer;
use ferrocpy::exc::{self, OverflowError, TypeError, ValueError};
use ferrocpy::{Borrowed, Module, ModuleState, Owned, PyErr, PyResult, Python, Stored, Visit};
use std::mem::MaybeUninit;

mod clinic {
    include!("clinic/lib.rs");
}

#[cfg(not(Py_3_15))]
mod pre315;
#[cfg(not(Py_3_11))]
mod v310;
#[cfg(all(Py_3_11, not(Py_3_15)))]
mod v311;
#[cfg(Py_3_15)]
mod v315;
#[cfg(Py_3_15)]
mod v315_existing;

/// `a2b_base64`'s rules for the interpreter this is compiled for.
#[cfg(not(Py_3_13))]
pub(crate) const BASE64_RULES: core::Base64Rules = core::Base64Rules::Py310;
#[cfg(all(Py_3_13, not(Py_3_14)))]
pub(crate) const BASE64_RULES: core::Base64Rules = core::Base64Rules::Py313;
#[cfg(Py_3_14)]
pub(crate) const BASE64_RULES: core::Base64Rules = core::Base64Rules::Py314;

/// `a2b_uu`'s rules (an empty line) for the interpreter this is compiled for.
#[cfg(not(Py_3_14))]
const UU_RULES: core::UuRules = core::UuRules::Py310;
#[cfg(Py_3_14)]
const UU_RULES: core::UuRules = core::UuRules::Py314;

/// The alphabet constants 3.15 added to the module, with C's values.
#[cfg(Py_3_15)]
const ALPHABETS: [(&str, &[u8]); 10] = [
    (
        "ASCII85_ALPHABET",
        b"!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstu",
    ),
    ("BASE32HEX_ALPHABET", b"0123456789ABCDEFGHIJKLMNOPQRSTUV"),
    ("BASE32_ALPHABET", b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
    ("BASE64_ALPHABET", core::BASE64_ALPHABET),
    (
        "BASE85_ALPHABET",
        b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~",
    ),
    (
        "BINHEX_ALPHABET",
        b"!\"#$%&'()*+,-012345689@ABCDEFGHIJKLMNPQRSTUVXYZ[`abcdefhijklmpqr",
    ),
    (
        "CRYPT_ALPHABET",
        b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    ),
    ("URLSAFE_BASE64_ALPHABET", core::URLSAFE_BASE64_ALPHABET),
    (
        "UU_ALPHABET",
        b" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_",
    ),
    (
        "Z85_ALPHABET",
        b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#",
    ),
];

/// Inputs at least this long are processed with the GIL released. Below it, detaching and
/// re-attaching costs more than other threads gain (measured: see docs/BENCHMARKS.md).
pub(crate) const DETACH_MIN: usize = 64 * 1024;

/// Per-module state: the module's exception classes.
pub struct State {
    error: Stored,
    incomplete: Stored,
}

impl ModuleState for State {
    fn init(py: Python<'_>, _module: Module<'_, '_, Self>) -> PyResult<Self> {
        let error = exc::new_exception_type(
            py,
            "binascii.Error",
            None,
            Some(ValueError::type_object(py)),
        )?;
        let incomplete = exc::new_exception_type(py, "binascii.Incomplete", None, None)?;
        Ok(State {
            error: Stored::new(error),
            incomplete: Stored::new(incomplete),
        })
    }

    fn exec(module: Module<'_, '_, Self>) -> PyResult<()> {
        let py = module.py();
        let state = module.state()?;
        module.add("Error", state.error.bind(py))?;
        module.add("Incomplete", state.incomplete.bind(py))?;
        #[cfg(Py_3_15)]
        for (name, value) in ALPHABETS {
            let value = ferrocpy::types::bytes::new(py, value)?;
            module.add(name, value.as_borrowed())?;
        }
        Ok(())
    }

    fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), ferrocpy::module::TraverseError> {
        visit.call(&self.error)?;
        visit.call(&self.incomplete)
    }
}

#[cfg(all(Py_3_11, not(Py_3_15)))]
ferrocpy::module! {
    name: "binascii",
    doc: "Conversion between binary data and ASCII",
    state: State,
    methods: [
        clinic::BINASCII_A2B_UU_METHODDEF,
        clinic::BINASCII_B2A_UU_METHODDEF,
        v311::clinic::BINASCII_A2B_BASE64_METHODDEF,
        pre315::clinic::BINASCII_B2A_BASE64_METHODDEF,
        clinic::BINASCII_CRC_HQX_METHODDEF,
        clinic::BINASCII_CRC32_METHODDEF,
        pre315::clinic::BINASCII_B2A_HEX_METHODDEF,
        pre315::clinic::BINASCII_HEXLIFY_METHODDEF,
        pre315::clinic::BINASCII_A2B_HEX_METHODDEF,
        pre315::clinic::BINASCII_UNHEXLIFY_METHODDEF,
        clinic::BINASCII_A2B_QP_METHODDEF,
        clinic::BINASCII_B2A_QP_METHODDEF,
    ],
    // Pure functions of their arguments (buffers held for the call): safe without the GIL.
    gil_not_used: true,
}

#[cfg(Py_3_15)]
ferrocpy::module! {
    name: "binascii",
    doc: "Conversion between binary data and ASCII",
    state: State,
    methods: [
        clinic::BINASCII_A2B_UU_METHODDEF,
        clinic::BINASCII_B2A_UU_METHODDEF,
        v315_existing::clinic::BINASCII_A2B_BASE64_METHODDEF,
        v315_existing::clinic::BINASCII_B2A_BASE64_METHODDEF,
        clinic::BINASCII_CRC_HQX_METHODDEF,
        clinic::BINASCII_CRC32_METHODDEF,
        v315_existing::clinic::BINASCII_B2A_HEX_METHODDEF,
        v315_existing::clinic::BINASCII_HEXLIFY_METHODDEF,
        v315_existing::clinic::BINASCII_A2B_HEX_METHODDEF,
        v315_existing::clinic::BINASCII_UNHEXLIFY_METHODDEF,
        clinic::BINASCII_A2B_QP_METHODDEF,
        clinic::BINASCII_B2A_QP_METHODDEF,
        v315::clinic::BINASCII_A2B_ASCII85_METHODDEF,
        v315::clinic::BINASCII_B2A_ASCII85_METHODDEF,
        v315::clinic::BINASCII_A2B_BASE85_METHODDEF,
        v315::clinic::BINASCII_B2A_BASE85_METHODDEF,
        v315::clinic::BINASCII_A2B_BASE32_METHODDEF,
        v315::clinic::BINASCII_B2A_BASE32_METHODDEF,
    ],
    gil_not_used: true,
}

#[cfg(not(Py_3_11))]
ferrocpy::module! {
    name: "binascii",
    doc: "Conversion between binary data and ASCII",
    state: State,
    methods: [
        clinic::BINASCII_A2B_UU_METHODDEF,
        clinic::BINASCII_B2A_UU_METHODDEF,
        v310::clinic::BINASCII_A2B_BASE64_METHODDEF,
        pre315::clinic::BINASCII_B2A_BASE64_METHODDEF,
        clinic::BINASCII_CRC_HQX_METHODDEF,
        clinic::BINASCII_CRC32_METHODDEF,
        pre315::clinic::BINASCII_B2A_HEX_METHODDEF,
        pre315::clinic::BINASCII_HEXLIFY_METHODDEF,
        pre315::clinic::BINASCII_A2B_HEX_METHODDEF,
        pre315::clinic::BINASCII_UNHEXLIFY_METHODDEF,
        clinic::BINASCII_A2B_QP_METHODDEF,
        clinic::BINASCII_B2A_QP_METHODDEF,
        v310::clinic::BINASCII_A2B_HQX_METHODDEF,
        v310::clinic::BINASCII_RLECODE_HQX_METHODDEF,
        v310::clinic::BINASCII_B2A_HQX_METHODDEF,
        v310::clinic::BINASCII_RLEDECODE_HQX_METHODDEF,
    ],
    gil_not_used: true,
}

// ---- helpers -----------------------------------------------------------------------------------

/// Raises the exception a core error stands for.
#[cold]
#[inline(never)]
pub(crate) fn raise(module: Module<'_, '_, State>, err: core::Error) -> PyErr {
    let py = module.py();
    match err {
        core::Error::Error(msg) => match module.state() {
            Ok(s) => PyErr::new_from_type(py, s.error.bind(py), &msg),
            Err(e) => e,
        },
        core::Error::Incomplete(msg) => match module.state() {
            Ok(s) => PyErr::new_from_type(py, s.incomplete.bind(py), &msg),
            Err(e) => e,
        },
        core::Error::ValueError(msg) => ValueError::new_err(py, msg),
        core::Error::TypeError(msg) => TypeError::new_err(py, msg),
        core::Error::OverflowError(msg) => OverflowError::new_err(py, msg),
        core::Error::MemoryError => ferrocpy::raise::no_memory(py),
    }
}

/// Whether a call on `data` runs with the thread detached (the GIL released): only for large
/// inputs whose contents cannot change meanwhile. A `bytes` object (or str) is immutable; a
/// `bytearray` or a memoryview stays attached, since another thread could write into it in place
/// while the GIL is released, a data race on the slice being read (C keeps the GIL throughout).
#[inline(always)]
pub(crate) fn detachable(data: &ArgBuffer<'_, '_>) -> bool {
    data.len() >= DETACH_MIN && data.is_immutable()
}

/// Runs `f`, with the thread detached when `detach` (see [`detachable`]).
#[inline(always)]
pub(crate) fn maybe_detach<T: Send>(
    py: Python<'_>,
    detach: bool,
    f: impl FnOnce() -> T + Send,
) -> T {
    if detach {
        py.detach(f)
    } else {
        f()
    }
}

/// A new bytes object of at most `cap` bytes (`cap` an `Err` when the core refuses the size),
/// written in place by `fill` and shrunk to what it wrote. The thread is detached while `fill`
/// runs when `detach` ([`detachable`] input): only functions whose output size depends on the
/// input's length alone use this.
#[inline(always)]
pub(crate) fn produce<'py, F>(
    module: Module<'_, 'py, State>,
    detach: bool,
    cap: Result<usize, core::Error>,
    fill: F,
) -> PyResult<Owned<'py>>
where
    F: for<'o> FnOnce(&'o mut [MaybeUninit<u8>]) -> Result<&'o [u8], core::Error> + Send,
{
    let py = module.py();
    let cap = cap.map_err(|e| raise(module, e))?;
    let r =
        ferrocpy::types::bytes::new_with(py, cap, |out| maybe_detach(py, detach, || fill(out)))?;
    r.map_err(|e| raise(module, e))
}

/// As [`produce`], for decoders whose output is often shorter than `cap` (whitespace, newlines,
/// padding): a small output is written on the stack and copied into a bytes object of its exact
/// length, with no resize ([`ferrocpy::types::bytes::new_with_small_copy`]; never detached, as
/// such inputs are far below [`DETACH_MIN`]).
#[inline(always)]
pub(crate) fn produce_shrinking<'py, F>(
    module: Module<'_, 'py, State>,
    detach: bool,
    cap: Result<usize, core::Error>,
    fill: F,
) -> PyResult<Owned<'py>>
where
    F: for<'o> FnOnce(&'o mut [MaybeUninit<u8>]) -> Result<&'o [u8], core::Error> + Send,
{
    match cap {
        Ok(n) if n <= ferrocpy::types::bytes::SMALL_COPY_MAX => {
            let r = ferrocpy::types::bytes::new_with_small_copy(module.py(), n, fill)?;
            r.map_err(|e| raise(module, e))
        }
        cap => produce(module, detach, cap, fill),
    }
}

/// As [`produce`], always attached: for functions that size their output from the content
/// (`b2a_qp`, `a2b_uu`, `a2b_qp`, the hqx functions), written on the stack when small, which must not change between sizing and writing.
/// None of them is a throughput path.
#[inline(always)]
pub(crate) fn produce_attached<'py, F>(
    module: Module<'_, 'py, State>,
    cap: Result<usize, core::Error>,
    fill: F,
) -> PyResult<Owned<'py>>
where
    F: for<'o> FnOnce(&'o mut [MaybeUninit<u8>]) -> Result<&'o [u8], core::Error>,
{
    let cap = cap.map_err(|e| raise(module, e))?;
    let r = ferrocpy::types::bytes::new_with_small_copy(module.py(), cap, fill)?;
    r.map_err(|e| raise(module, e))
}

/// The separator byte of `b2a_hex`/`hexlify`, checked in C's order: `len(sep)` first (its
/// errors propagate), then the type.
fn resolve_sep(sep: Option<Borrowed<'_, '_>>) -> PyResult<Option<u8>> {
    let Some(sep) = sep else { return Ok(None) };
    let py = sep.py();
    // Exact bytes and ASCII str answer `len()` without running any code: read them in place.
    if sep.is_exact_bytes() {
        if let Some(&[b]) = ferrocpy::types::bytes::as_slice(sep) {
            return Ok(Some(b));
        }
    } else if sep.is_exact_str() {
        if let Some(&[b]) = ferrocpy::types::str::compact_ascii(sep) {
            return Ok(Some(b));
        }
    }
    if sep.len()? != 1 {
        return Err(ValueError::new_err(py, "sep must be length 1."));
    }
    // `len()` said 1, which a subclass may say of any contents: like C, take the first element.
    let r = if sep.is_str() {
        match ferrocpy::types::str::as_utf8(sep) {
            Ok(s) => core::sep_first_of_str(s),
            Err(e) => {
                // Only a lone surrogate fails to encode; it is not a one-byte character.
                e.clear(py);
                return Err(ValueError::new_err(py, "sep must be ASCII."));
            }
        }
    } else if let Some(b) = ferrocpy::types::bytes::as_slice(sep) {
        Ok(core::sep_first_of_bytes(b))
    } else {
        return Err(TypeError::new_err(py, "sep must be str or bytes."));
    };
    r.map(Some).map_err(|e| match e {
        core::Error::ValueError(m) => ValueError::new_err(py, m),
        other => TypeError::new_err(py, other.message()),
    })
}

/// `a2b_base64` with `strict_mode` only (3.10 passes `strict_mode = false`; 3.15 calls this
/// when no other parameter is given).
pub(crate) fn a2b_base64_common<'py>(
    module: Module<'_, 'py, State>,
    data: &ArgBuffer<'_, 'py>,
    strict_mode: bool,
) -> PyResult<Owned<'py>> {
    let bytes: &[u8] = data;
    if bytes.is_empty() {
        // Every version decodes nothing to b'', strict or not: the empty bytes object directly.
        return ferrocpy::types::bytes::new(module.py(), b"");
    }
    produce_shrinking(
        module,
        detachable(data),
        Ok(core::a2b_base64_len(bytes.len())),
        |out| core::a2b_base64_into(bytes, strict_mode, BASE64_RULES, out),
    )
}

/// `b2a_hex`/`hexlify`; `bytes_per_sep` is a C `int` before 3.15 and a `Py_ssize_t` from 3.15.
pub(crate) fn b2a_hex_common<'py>(
    module: Module<'_, 'py, State>,
    data: &ArgBuffer<'_, 'py>,
    sep: Option<Borrowed<'_, 'py>>,
    bytes_per_sep: isize,
) -> PyResult<Owned<'py>> {
    let sep = resolve_sep(sep)?;
    let bytes: &[u8] = data;
    if bytes.is_empty() {
        // Nothing to encode and, the separator checked, nothing that can fail: the empty bytes
        // object directly.
        return ferrocpy::types::bytes::new(module.py(), b"");
    }
    if sep.is_none() {
        return produce(
            module,
            detachable(data),
            core::b2a_hex_len(bytes.len(), None, 0),
            |out| Ok(core::b2a_hex_plain_into(bytes, out)),
        );
    }
    produce(
        module,
        detachable(data),
        core::b2a_hex_len(bytes.len(), sep, bytes_per_sep),
        |out| core::b2a_hex_into(bytes, sep, bytes_per_sep, out),
    )
}

/// `a2b_hex`/`unhexlify`: before 3.15 `ignore` is always None (and C's messages of those
/// versions apply); from 3.15 the bytes of a non-empty `ignorechars`, with 3.15's rules.
pub(crate) fn a2b_hex_common<'py>(
    module: Module<'_, 'py, State>,
    hexstr: &ArgBuffer<'_, 'py>,
    ignore: Option<&core::ByteSet>,
) -> PyResult<Owned<'py>> {
    let bytes: &[u8] = hexstr;
    if bytes.is_empty() {
        // Nothing to decode and nothing that can fail: the empty bytes object directly.
        return ferrocpy::types::bytes::new(module.py(), b"");
    }
    produce(
        module,
        detachable(hexstr),
        Ok(core::a2b_hex_len(bytes.len())),
        |out| {
            if cfg!(Py_3_15) {
                core::a2b_hex_ignore_into(bytes, ignore, out)
            } else {
                core::a2b_hex_into(bytes, out)
            }
        },
    )
}

// ---- functions common to every version ---------------------------------------------------------

/*[clinic input]
module binascii state=State
binascii.a2b_uu

    data: ascii_buffer
    /

Decode a line of uuencoded data.
[clinic start generated code]*/
fn a2b_uu_impl<'a, 'py>(module: Module<'a, 'py, State>, data: &[u8]) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=97c863776cd6fa06 input=3d3e3eee85a4b4f8]*/
{
    produce_attached(module, Ok(core::a2b_uu_len(data)), |out| {
        core::a2b_uu_into(data, UU_RULES, out)
    })
}

#[inline(always)]
/*[clinic input]
binascii.b2a_uu

    data: Py_buffer
    /
    *
    backtick: bool(accept={int}, until="3.12") = False

Uuencode line of data.
[clinic start generated code]*/
fn b2a_uu_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &[u8],
    backtick: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=56bec7955f07b349 input=57bc93d62bbcb8da]*/
{
    // The size depends on the length only: the exact object directly (never detached: a uu
    // line is at most 45 bytes).
    produce(module, false, core::b2a_uu_len(data.len()), |out| {
        core::b2a_uu_into(data, backtick, out)
    })
}

#[inline(always)]
/*[clinic input]
binascii.crc_hqx

    data: Py_buffer(handle=True)
    crc: unsigned_int(bitwise=True)
    /

Compute CRC-CCITT incrementally.
[clinic start generated code]*/
fn crc_hqx_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    crc: u32,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=929c630d62362383 input=3ac0c8d5d673d3dd]*/
{
    let bytes: &[u8] = data;
    let r = maybe_detach(module.py(), detachable(data), || core::crc_hqx(bytes, crc));
    ferrocpy::IntoPyObject::into_py(r, module.py())
}

#[inline(always)]
/*[clinic input]
binascii.crc32 -> unsigned_int

    data: Py_buffer(handle=True)
    crc: unsigned_int(bitwise=True) = 0
    /

Compute CRC-32 incrementally.
[clinic start generated code]*/
fn crc32_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    crc: u32,
) -> PyResult<u32>
/*[clinic end generated code: output=4d3a21594bbdae4b input=70ff6cee18ce75c4]*/
{
    let bytes: &[u8] = data;
    Ok(maybe_detach(module.py(), detachable(data), || {
        core::crc32(bytes, crc)
    }))
}

#[inline(always)]
/*[clinic input]
binascii.a2b_qp

    data: ascii_buffer
    header: bool(accept={int}, until="3.12") = False

Decode a string of qp-encoded data.
[clinic start generated code]*/
fn a2b_qp_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &[u8],
    header: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=31cf583aadc52444 input=e56483ce2f626a82]*/
{
    produce_attached(module, Ok(core::a2b_qp_len(data.len())), |out| {
        core::a2b_qp_into(data, header, out)
    })
}

#[inline(always)]
/*[clinic input]
binascii.b2a_qp

    data: Py_buffer
    quotetabs: bool(accept={int}, until="3.12") = False
    istext: bool(accept={int}, until="3.12") = True
    header: bool(accept={int}, until="3.12") = False

Encode a string using quoted-printable encoding.

On encoding, when istext is set, newlines are not encoded, and white
space at end of lines is.  When istext is not set, \r and \n (CR/LF)
are both encoded.  When quotetabs is set, space and tabs are encoded.
[clinic start generated code]*/
fn b2a_qp_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &[u8],
    quotetabs: bool,
    istext: bool,
    header: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=e32c18d29be2c3ef input=3e79cc112a93de16]*/
{
    produce_attached(
        module,
        core::b2a_qp_len(data, quotetabs, istext, header),
        |out| core::b2a_qp_into(data, quotetabs, istext, header, out),
    )
}
