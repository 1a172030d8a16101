//! `ferrocpy.ports.zlib`: a drop-in port of CPython's `zlib` module on zlib-rs.
//!
//! The streams and C's rules for them (loops, output growth, `eof`, `unused_data`,
//! `unconsumed_tail`, error codes and messages) live in `zlib-core`; this file binds them with
//! the clinic, in CPython's own blocks, so signatures, docstrings and argument errors are C's.
//!
//! Each object keeps its stream behind a [`Lock`] (C serialises each object with its own lock),
//! and (de)compression runs with the thread detached (the GIL released, as C does around each
//! `deflate`/`inflate`) when the input cannot change meanwhile: a `bytes` object, the object's
//! own buffers, or a copy of a large mutable buffer (a `bytearray` could be written by another
//! thread while detached, a data race on the slice read).
//!
//! Version differences, selected at compile time from the `Py_3_N` cfgs:
//!
//! | difference | versions | where |
//! |---|---|---|
//! | `compress(data, /, level)` without `wbits` | 3.10 | `v310.rs` (3.11+: `v311.rs`) |
//! | `_ZlibDecompressor` | 3.12+ | `v312_313.rs`, `v314.rs`, `v315.rs` |
//! | `compressobj`'s `zdict` shown as `None`, then `<unrepresentable>` | ≤ 3.13, 3.14+ | `pre314.rs`, `since314.rs` |
//! | `Decompress.decompress` / `_ZlibDecompressor.decompress` docstrings rewrapped | 3.14+ | `pre314.rs`, `v312_313.rs`, `v314.rs`, `v315.rs` |
//! | `ZLIB_VERSION`/`ZLIB_RUNTIME_VERSION` the zlib API version only (`1.3.0`; 3.12+: `1.3.0-zlib-rs-0.6.8`), since these versions' tests parse it as dotted integers | 3.10, 3.11 | `State::exec` |
//! | at the end of a stream `unconsumed_tail` is emptied; `Decompress.flush()` raises for a corrupt stream or a missing dictionary | 3.14+ | `DECOMPRESS_RULES` |
//! | negative `bufsize`/`max_length` refused by the converter ("cannot be negative"), `crc32_combine`, `adler32_combine`, `__version__` deprecated through `__getattr__` | 3.15+ | `v315.rs` (earlier: `pre315.rs`) |

// The clinic's impls take the defining class (C's `cls: defining_class`, which selects C's
// calling convention) and `memo`, unused here.
#![allow(unused_variables)]

use ferrocpy::argconv::ArgBuffer;
use ferrocpy::class::field::Lock;
#[cfg(Py_3_12)]
use ferrocpy::class::Flag;
use ferrocpy::class::PyField;
use ferrocpy::exc::{self, EOFError, MemoryError, OverflowError, SystemError, ValueError};
use ferrocpy::{
    Borrowed, ClassType, Module, ModuleState, Owned, PyErr, PyResult, Python, Ref, Stored, Visit,
};
use zlib_core as core;

mod clinic {
    include!("clinic/lib.rs");
}

#[cfg(not(Py_3_14))]
mod pre314;
#[cfg(not(Py_3_15))]
mod pre315;
#[cfg(Py_3_14)]
mod since314;
#[cfg(not(Py_3_11))]
mod v310;
#[cfg(Py_3_11)]
mod v311;
#[cfg(all(Py_3_12, not(Py_3_14)))]
mod v312_313;
#[cfg(all(Py_3_14, not(Py_3_15)))]
mod v314;
#[cfg(Py_3_15)]
mod v315;

// The constants the clinic's named defaults refer to.
const Z_DEFAULT_COMPRESSION: i32 = core::Z_DEFAULT_COMPRESSION;
const MAX_WBITS: i32 = core::MAX_WBITS;
const DEFLATED: i32 = core::DEFLATED;
const DEF_MEM_LEVEL: i32 = core::DEF_MEM_LEVEL;
const Z_DEFAULT_STRATEGY: i32 = core::Z_DEFAULT_STRATEGY;
const Z_FINISH: i32 = core::Z_FINISH;
const DEF_BUF_SIZE: isize = core::DEF_BUF_SIZE as isize;

/// The module's integer constants, in C's order.
const INT_CONSTANTS: [(&str, i32); 19] = [
    ("MAX_WBITS", core::MAX_WBITS),
    ("DEFLATED", core::DEFLATED),
    ("DEF_MEM_LEVEL", core::DEF_MEM_LEVEL),
    ("DEF_BUF_SIZE", core::DEF_BUF_SIZE as i32),
    ("Z_NO_COMPRESSION", core::Z_NO_COMPRESSION),
    ("Z_BEST_SPEED", core::Z_BEST_SPEED),
    ("Z_BEST_COMPRESSION", core::Z_BEST_COMPRESSION),
    ("Z_DEFAULT_COMPRESSION", core::Z_DEFAULT_COMPRESSION),
    ("Z_FILTERED", core::Z_FILTERED),
    ("Z_HUFFMAN_ONLY", core::Z_HUFFMAN_ONLY),
    ("Z_RLE", core::Z_RLE),
    ("Z_FIXED", core::Z_FIXED),
    ("Z_DEFAULT_STRATEGY", core::Z_DEFAULT_STRATEGY),
    ("Z_NO_FLUSH", core::Z_NO_FLUSH),
    ("Z_PARTIAL_FLUSH", core::Z_PARTIAL_FLUSH),
    ("Z_SYNC_FLUSH", core::Z_SYNC_FLUSH),
    ("Z_FULL_FLUSH", core::Z_FULL_FLUSH),
    ("Z_FINISH", core::Z_FINISH),
    ("Z_BLOCK", core::Z_BLOCK),
];

/// `Decompress`'s end-of-stream and `flush()` rules (changed in 3.14).
#[cfg(not(Py_3_14))]
const DECOMPRESS_RULES: core::Rules = core::Rules::PY310;
#[cfg(Py_3_14)]
const DECOMPRESS_RULES: core::Rules = core::Rules::PY314;

/// Mutable inputs from this size on are copied so that they can be read detached.
const COPY_TO_DETACH_MIN: usize = 64 * 1024;

pub struct State {
    error: Stored,
    compress: ClassType<Compress>,
    decompress: ClassType<Decompress>,
    #[cfg(Py_3_12)]
    zlib_decompressor: ClassType<ZlibDecompressor>,
}

impl ModuleState for State {
    fn init(py: Python<'_>, module: Module<'_, '_, Self>) -> PyResult<Self> {
        let error = exc::new_exception_type(py, "zlib.error", None, None)?;
        Ok(State {
            error: Stored::new(error),
            compress: ClassType::create(module)?,
            decompress: ClassType::create(module)?,
            #[cfg(Py_3_12)]
            zlib_decompressor: ClassType::create(module)?,
        })
    }

    fn exec(module: Module<'_, '_, Self>) -> PyResult<()> {
        let py = module.py();
        let state = module.state()?;
        module.add("error", state.error.bind(py))?;
        #[cfg(Py_3_12)]
        module.add("_ZlibDecompressor", state.zlib_decompressor.bind(py))?;
        for (name, value) in INT_CONSTANTS {
            module.add_value(name, value)?;
        }
        module.add_value("Z_TREES", core::Z_TREES)?;
        // What is inside: zlib-rs, linked in (so both versions are the same). Its
        // `zlibVersion()` is `1.3.0-zlib-rs-0.6.8`: the zlib API it implements, then its own
        // release. 3.10 and 3.11 (and their tests) read these as dotted integers, so there
        // they are the API version alone; `ZLIBRS_VERSION` (as C's `ZLIBNG_VERSION` for a
        // zlib-ng build) gives the zlib-rs release on every version.
        #[cfg(Py_3_12)]
        let version = core::version();
        #[cfg(not(Py_3_12))]
        let version = core::version().split('-').next().unwrap_or("");
        module.add_value("ZLIB_VERSION", version)?;
        module.add_value("ZLIB_RUNTIME_VERSION", version)?;
        module.add_value("ZLIBRS_VERSION", core::zlib_rs_version())?;
        #[cfg(not(Py_3_15))]
        module.add_value("__version__", "1.0")?;
        Ok(())
    }

    fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), ferrocpy::module::TraverseError> {
        visit.call(&self.error)?;
        self.compress.visit(visit)?;
        self.decompress.visit(visit)?;
        #[cfg(Py_3_12)]
        self.zlib_decompressor.visit(visit)?;
        Ok(())
    }
}

macro_rules! zlib_module {
    ($doc:literal; $($method:expr),* $(,)?) => {
        ferrocpy::module! {
            name: "zlib",
            doc: $doc,
            state: State,
            methods: [$($method),*],
            // Every object's state is behind its own lock; the functions touch only their
            // arguments.
            gil_not_used: true,
        }
    };
}

#[cfg(not(Py_3_15))]
zlib_module![
    "The functions in this module allow compression and decompression using the
zlib library, which is based on GNU zip.

adler32(string[, start]) -- Compute an Adler-32 checksum.
compress(data[, level]) -- Compress data, with compression level 0-9 or -1.
compressobj([level[, ...]]) -- Return a compressor object.
crc32(string[, start]) -- Compute a CRC-32 checksum.
decompress(string,[wbits],[bufsize]) -- Decompresses a compressed string.
decompressobj([wbits[, zdict]]) -- Return a decompressor object.

'wbits' is window buffer size and container format.
Compressor objects support compress() and flush() methods; decompressor
objects support decompress() and flush().";
    clinic::ZLIB_ADLER32_METHODDEF,
    versioned::ZLIB_COMPRESS_METHODDEF,
    versioned::ZLIB_COMPRESSOBJ_METHODDEF,
    clinic::ZLIB_CRC32_METHODDEF,
    versioned::ZLIB_DECOMPRESS_METHODDEF,
    clinic::ZLIB_DECOMPRESSOBJ_METHODDEF,
];

#[cfg(Py_3_15)]
zlib_module![
    "The functions in this module allow compression and decompression using the
zlib library, which is based on GNU zip.

adler32(string[, start]) -- Compute an Adler-32 checksum.
adler32_combine(adler1, adler2, len2, /) -- Combine two Adler-32 checksums.
compress(data[, level]) -- Compress data, with compression level 0-9 or -1.
compressobj([level[, ...]]) -- Return a compressor object.
crc32(string[, start]) -- Compute a CRC-32 checksum.
crc32_combine(crc1, crc2, len2, /) -- Combine two CRC-32 checksums.
decompress(string,[wbits],[bufsize]) -- Decompresses a compressed string.
decompressobj([wbits[, zdict]]) -- Return a decompressor object.

'wbits' is window buffer size and container format.
Compressor objects support compress() and flush() methods; decompressor
objects support decompress() and flush().";
    clinic::ZLIB_ADLER32_METHODDEF,
    v315::clinic::ZLIB_ADLER32_COMBINE_METHODDEF,
    versioned::ZLIB_COMPRESS_METHODDEF,
    versioned::ZLIB_COMPRESSOBJ_METHODDEF,
    clinic::ZLIB_CRC32_METHODDEF,
    v315::clinic::ZLIB_CRC32_COMBINE_METHODDEF,
    versioned::ZLIB_DECOMPRESS_METHODDEF,
    clinic::ZLIB_DECOMPRESSOBJ_METHODDEF,
    v315::clinic::ZLIB_GETATTR_METHODDEF,
];

/// The declarations of the running version.
mod versioned {
    #[cfg(not(Py_3_11))]
    pub(crate) use crate::v310::clinic::ZLIB_COMPRESS_METHODDEF;
    #[cfg(Py_3_11)]
    pub(crate) use crate::v311::clinic::ZLIB_COMPRESS_METHODDEF;

    #[cfg(not(Py_3_14))]
    pub(crate) use crate::pre314::clinic::ZLIB_COMPRESSOBJ_METHODDEF;
    #[cfg(Py_3_14)]
    pub(crate) use crate::since314::clinic::ZLIB_COMPRESSOBJ_METHODDEF;

    #[cfg(not(Py_3_15))]
    pub(crate) use crate::pre315::clinic::ZLIB_DECOMPRESS_METHODDEF;
    #[cfg(Py_3_15)]
    pub(crate) use crate::v315::clinic::ZLIB_DECOMPRESS_METHODDEF;

    #[cfg(not(Py_3_14))]
    pub(crate) use crate::pre314::clinic::ZLIB_DECOMPRESS_ENTRIES;
    #[cfg(all(Py_3_14, not(Py_3_15)))]
    pub(crate) use crate::v314::clinic::ZLIB_DECOMPRESS_ENTRIES;
    #[cfg(Py_3_15)]
    pub(crate) use crate::v315::clinic::ZLIB_DECOMPRESS_ENTRIES;

    #[cfg(all(Py_3_12, not(Py_3_14)))]
    pub(crate) use crate::v312_313::clinic::ZLIB__ZLIBDECOMPRESSOR_ENTRIES;
    #[cfg(all(Py_3_14, not(Py_3_15)))]
    pub(crate) use crate::v314::clinic::ZLIB__ZLIBDECOMPRESSOR_ENTRIES;
    #[cfg(Py_3_15)]
    pub(crate) use crate::v315::clinic::ZLIB__ZLIBDECOMPRESSOR_ENTRIES;
}

/// The exception C raises for `e`.
#[cold]
fn raise(py: Python<'_>, state: &State, e: core::Error) -> PyErr {
    match e {
        core::Error::Zlib(z) => PyErr::new_from_type(py, state.error.bind(py), &z.text()),
        core::Error::ZlibMessage(m) => PyErr::new_from_type(py, state.error.bind(py), m),
        core::Error::ValueError(m) => ValueError::new_err(py, m),
        core::Error::MemoryError(m) => MemoryError::new_err(py, m),
        core::Error::OverflowError(m) => OverflowError::new_err(py, m),
        core::Error::EOFError(m) => EOFError::new_err(py, m),
        core::Error::NoExceptionSet => SystemError::new_err(
            py,
            "<method 'decompress' of 'zlib._ZlibDecompressor' objects> returned NULL without \
             setting an exception",
        ),
    }
}

/// A new bytes object holding `data`.
fn bytes<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Owned<'py>> {
    ferrocpy::types::bytes::new(py, data)
}

/// Runs `f` on the bytes of `data` with the thread detached, as C releases the GIL around every
/// `deflate()`/`inflate()` call (even a small input can inflate to a large output), when the
/// bytes cannot change meanwhile; a large mutable buffer is copied first, a small one is read
/// attached.
fn with_input<T: Send>(
    py: Python<'_>,
    data: &ArgBuffer<'_, '_>,
    f: impl FnOnce(&[u8]) -> T + Send,
) -> T {
    let b: &[u8] = data;
    if data.is_immutable() {
        py.detach(|| f(b))
    } else if b.len() >= COPY_TO_DETACH_MIN {
        let copy = b.to_vec();
        py.detach(|| f(&copy))
    } else {
        f(b)
    }
}

/// The result of a core call as a bytes object, or C's exception.
fn output<'py>(
    py: Python<'py>,
    state: &State,
    r: Result<Vec<u8>, core::Error>,
) -> PyResult<Owned<'py>> {
    match r {
        Ok(v) => bytes(py, &v),
        Err(e) => Err(raise(py, state, e)),
    }
}

// ---- functions --------------------------------------------------------------------------------

/// `compress` (either version).
fn compress_data<'py>(
    module: Module<'_, 'py, State>,
    data: &ArgBuffer<'_, 'py>,
    level: i32,
    wbits: i32,
) -> PyResult<Owned<'py>> {
    let py = module.py();
    let r = with_input(py, data, |d| core::compress(d, level, wbits));
    output(py, module.state()?, r)
}

/// `decompress` (either version), `bufsize` checked.
fn decompress_data<'py>(
    module: Module<'_, 'py, State>,
    data: &ArgBuffer<'_, 'py>,
    wbits: i32,
    bufsize: usize,
) -> PyResult<Owned<'py>> {
    let py = module.py();
    let r = with_input(py, data, |d| core::decompress(d, wbits, bufsize));
    output(py, module.state()?, r)
}

/// `compressobj` (either version).
#[allow(clippy::too_many_arguments)]
fn new_compress<'py>(
    module: Module<'_, 'py, State>,
    level: i32,
    method: i32,
    wbits: i32,
    mem_level: i32,
    strategy: i32,
    zdict: Option<&[u8]>,
) -> PyResult<Owned<'py>> {
    let py = module.py();
    let state = module.state()?;
    let c = core::Compressor::new(level, method, wbits, mem_level, strategy, zdict)
        .map_err(|e| raise(py, state, e))?;
    state.compress.instantiate(
        py,
        Compress {
            inner: Lock::new(c),
        },
    )
}

/*[clinic input]
module zlib state=State
zlib.adler32 -> unsigned_int

    data: Py_buffer(handle=True)
    value: unsigned_int(bitwise=True) = 1
        Starting value of the checksum.
    /

Compute an Adler-32 checksum of data.

The returned checksum is an integer.
[clinic start generated code]*/
fn adler32_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    value: u32,
) -> PyResult<u32>
/*[clinic end generated code: output=610cfe0617e319af input=6141112f52d6df5e]*/
{
    let py = module.py();
    let b: &[u8] = data;
    // C releases the GIL above 5 KiB.
    if b.len() > 5 * 1024 && data.is_immutable() {
        Ok(py.detach(|| core::adler32(b, value)))
    } else {
        Ok(core::adler32(b, value))
    }
}

/*[clinic input]
zlib.crc32 -> unsigned_int

    data: Py_buffer(handle=True)
    value: unsigned_int(bitwise=True) = 0
        Starting value of the checksum.
    /

Compute a CRC-32 checksum of data.

The returned checksum is an integer.
[clinic start generated code]*/
fn crc32_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    value: u32,
) -> PyResult<u32>
/*[clinic end generated code: output=54378bf8db44257e input=6cf92ccfd91c3a74]*/
{
    let py = module.py();
    let b: &[u8] = data;
    if b.len() > 5 * 1024 && data.is_immutable() {
        Ok(py.detach(|| core::crc32(b, value)))
    } else {
        Ok(core::crc32(b, value))
    }
}

/*[clinic input]
zlib.decompressobj

    wbits: int(c_default="super::MAX_WBITS") = MAX_WBITS
        The window buffer size and container format.
    zdict: object(c_default="NULL") = b''
        The predefined compression dictionary.  This must be the same
        dictionary as used by the compressor that produced the input data.

Return a decompressor object.
[clinic start generated code]*/
fn decompressobj_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    wbits: i32,
    zdict: Option<Borrowed<'a, 'py>>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=151c77932ea7bc83 input=a4f798ec559d3b70]*/
{
    let py = module.py();
    let state = module.state()?;
    let buf = match zdict {
        Some(z) => match ferrocpy::Buffer::get(z) {
            Ok(b) => Some(b),
            Err(_) => {
                return Err(ferrocpy::exc::TypeError::new_err(
                    py,
                    "zdict argument must support the buffer protocol",
                ))
            }
        },
        None => None,
    };
    let d = core::Decompressor::new(wbits, buf.as_ref().map(|b| b.as_bytes()), DECOMPRESS_RULES)
        .map_err(|e| raise(py, state, e))?;
    drop(buf);
    state.decompress.instantiate(
        py,
        Decompress {
            inner: Lock::new(d),
            zdict: match zdict {
                Some(z) => PyField::new(z.to_owned()),
                None => PyField::empty(),
            },
        },
    )
}

// ---- Compress ---------------------------------------------------------------------------------

/// `zlib.Compress`: a deflate stream behind its lock.
pub struct Compress {
    inner: Lock<core::Compressor>,
}

ferrocpy::class! {
    type: Compress,
    name: "zlib.Compress",
    state: State,
    entries: [clinic::ZLIB_COMPRESS_ENTRIES],
}

/*[clinic input]
class zlib.Compress "Compress"
zlib.Compress.compress

    cls: defining_class
    data: Py_buffer(handle=True)
        Binary data to be compressed.
    /

Returns a bytes object containing compressed data.

After calling this function, some of the input data may still
be stored in internal buffers for later processing.
Call the flush() method to clear these buffers.
[clinic start generated code]*/
fn compress_compress_impl<'a, 'py>(
    slf: Ref<'a, 'py, Compress>,
    cls: Borrowed<'a, 'py>,
    data: &ArgBuffer<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=421505a4077180c9 input=fb70491268591a45]*/
{
    let py = slf.py();
    let state = slf.module()?.state()?;
    let r = {
        let mut g = slf.inner.lock(py);
        let c: &mut core::Compressor = &mut g;
        with_input(py, data, |d| c.compress(d))
    };
    output(py, state, r)
}

/*[clinic input]
zlib.Compress.flush

    cls: defining_class
    mode: int(c_default="super::Z_FINISH") = zlib.Z_FINISH
        One of the constants Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH.
        If mode == Z_FINISH, the compressor object can no longer be
        used after calling the flush() method.  Otherwise, more data
        can still be compressed.
    /

Return a bytes object containing any remaining compressed data.
[clinic start generated code]*/
fn compress_flush_impl<'a, 'py>(
    slf: Ref<'a, 'py, Compress>,
    cls: Borrowed<'a, 'py>,
    mode: i32,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=21b64c87b02a0fb6 input=63df2e39bd882712]*/
{
    let py = slf.py();
    let state = slf.module()?.state()?;
    if mode == core::Z_NO_FLUSH {
        return bytes(py, b"");
    }
    let r = {
        let mut g = slf.inner.lock(py);
        let c: &mut core::Compressor = &mut g;
        py.detach(|| c.flush(mode))
    };
    output(py, state, r)
}

/// `Compress.copy()` and its aliases.
fn compress_clone<'py>(slf: Ref<'_, 'py, Compress>) -> PyResult<Owned<'py>> {
    let py = slf.py();
    let state = slf.module()?.state()?;
    let r = slf.inner.lock(py).try_clone();
    let c = r.map_err(|e| raise(py, state, e))?;
    state.compress.instantiate(
        py,
        Compress {
            inner: Lock::new(c),
        },
    )
}

/*[clinic input]
zlib.Compress.copy

    cls: defining_class

Return a copy of the compression object.
[clinic start generated code]*/
fn compress_copy_impl<'a, 'py>(
    slf: Ref<'a, 'py, Compress>,
    cls: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=e7c660affa3cbd93 input=235497e482d40986]*/
{
    compress_clone(slf)
}

/*[clinic input]
zlib.Compress.__copy__ as compress_dunder_copy

    cls: defining_class

[clinic start generated code]*/
fn compress_dunder_copy_impl<'a, 'py>(
    slf: Ref<'a, 'py, Compress>,
    cls: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=510e9580b971c383 input=f40047e40bcd4e7c]*/
{
    compress_clone(slf)
}

/*[clinic input]
zlib.Compress.__deepcopy__ as compress_dunder_deepcopy

    cls: defining_class
    memo: object
    /

[clinic start generated code]*/
fn compress_dunder_deepcopy_impl<'a, 'py>(
    slf: Ref<'a, 'py, Compress>,
    cls: Borrowed<'a, 'py>,
    memo: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=f1c30d08f653ef89 input=ab5c7348e3c1c49b]*/
{
    compress_clone(slf)
}

// ---- Decompress -------------------------------------------------------------------------------

/// `zlib.Decompress`: an inflate stream with C's `unused_data`/`unconsumed_tail`/`eof`, behind
/// its lock, and the dictionary object (read when the stream asks for it).
pub struct Decompress {
    inner: Lock<core::Decompressor>,
    zdict: PyField,
}

ferrocpy::class! {
    type: Decompress,
    name: "zlib.Decompress",
    state: State,
    gc: [zdict],
    entries: [
        clinic::ZLIB_DECOMPRESS_ENTRIES,
        versioned::ZLIB_DECOMPRESS_ENTRIES,
    ],
}

/// `Decompress.decompress` (every version), `max_length` checked non-negative.
pub(crate) fn decompress_decompress<'py>(
    slf: Ref<'_, 'py, Decompress>,
    data: &ArgBuffer<'_, 'py>,
    max_length: usize,
) -> PyResult<Owned<'py>> {
    let py = slf.py();
    let state = slf.module()?.state()?;
    // The dictionary, when there is one, read as a buffer for the call (C reads it when the
    // stream asks for it).
    let zdict_obj = slf.zdict.get(py);
    let zdict = match &zdict_obj {
        Some(z) => Some(ferrocpy::Buffer::get(z.as_borrowed())?),
        None => None,
    };
    let zdict_bytes: Option<&[u8]> = zdict.as_ref().map(|b| b.as_bytes());
    let immutable_dict = zdict.as_ref().is_none_or(|b| b.is_immutable());
    let r = {
        let mut g = slf.inner.lock(py);
        let d: &mut core::Decompressor = &mut g;
        if immutable_dict {
            with_input(py, data, |b| d.decompress(b, max_length, zdict_bytes))
        } else {
            d.decompress(data, max_length, zdict_bytes)
        }
    };
    output(py, state, r)
}

/*[clinic input]
class zlib.Decompress "Decompress"
zlib.Decompress.flush

    cls: defining_class
    length: Py_ssize_t(c_default="super::DEF_BUF_SIZE") = zlib.DEF_BUF_SIZE
        the initial size of the output buffer.
    /

Return a bytes object containing any remaining decompressed data.
[clinic start generated code]*/
fn decompress_flush_impl<'a, 'py>(
    slf: Ref<'a, 'py, Decompress>,
    cls: Borrowed<'a, 'py>,
    length: isize,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=5d20a276f5c42a4d input=e2b0a20a2b470600]*/
{
    let py = slf.py();
    let state = slf.module()?.state()?;
    if length <= 0 {
        return Err(ValueError::new_err(py, "length must be greater than zero"));
    }
    let r = {
        let mut g = slf.inner.lock(py);
        let d: &mut core::Decompressor = &mut g;
        py.detach(|| d.flush(length as usize))
    };
    output(py, state, r)
}

/// `Decompress.copy()` and its aliases.
fn decompress_clone<'py>(slf: Ref<'_, 'py, Decompress>) -> PyResult<Owned<'py>> {
    let py = slf.py();
    let state = slf.module()?.state()?;
    let r = slf.inner.lock(py).try_clone();
    let d = r.map_err(|e| raise(py, state, e))?;
    state.decompress.instantiate(
        py,
        Decompress {
            inner: Lock::new(d),
            zdict: match slf.zdict.get(py) {
                Some(z) => PyField::new(z),
                None => PyField::empty(),
            },
        },
    )
}

/*[clinic input]
zlib.Decompress.copy

    cls: defining_class

Return a copy of the decompression object.
[clinic start generated code]*/
fn decompress_copy_impl<'a, 'py>(
    slf: Ref<'a, 'py, Decompress>,
    cls: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=a17faed3ae38efe3 input=20ef3aa208282ff2]*/
{
    decompress_clone(slf)
}

/*[clinic input]
zlib.Decompress.__copy__ as decompress_dunder_copy

    cls: defining_class

[clinic start generated code]*/
fn decompress_dunder_copy_impl<'a, 'py>(
    slf: Ref<'a, 'py, Decompress>,
    cls: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=125f53988add1f38 input=664eacb81d9beffb]*/
{
    decompress_clone(slf)
}

/*[clinic input]
zlib.Decompress.__deepcopy__ as decompress_dunder_deepcopy

    cls: defining_class
    memo: object
    /

[clinic start generated code]*/
fn decompress_dunder_deepcopy_impl<'a, 'py>(
    slf: Ref<'a, 'py, Decompress>,
    cls: Borrowed<'a, 'py>,
    memo: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=98e70ec5e2b8469e input=e9cf0dce3b42a590]*/
{
    decompress_clone(slf)
}

/*[clinic input]
@getter
zlib.Decompress.unused_data
[clinic start generated code]*/
fn decompress_unused_data_get_impl<'a, 'py>(slf: Ref<'a, 'py, Decompress>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=a6fdccb52fed0b88 input=ce877e86f14c3119]*/
{
    let py = slf.py();
    let g = slf.inner.lock(py);
    bytes(py, &g.unused_data)
}

/*[clinic input]
@getter
zlib.Decompress.unconsumed_tail
[clinic start generated code]*/
fn decompress_unconsumed_tail_get_impl<'a, 'py>(
    slf: Ref<'a, 'py, Decompress>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=3c2a83d3af9c04b9 input=0fd4a637f61e0765]*/
{
    let py = slf.py();
    let g = slf.inner.lock(py);
    bytes(py, &g.unconsumed_tail)
}

/*[clinic input]
@getter
zlib.Decompress.eof
[clinic start generated code]*/
fn decompress_eof_get_impl<'a, 'py>(slf: Ref<'a, 'py, Decompress>) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=69995bcc205ba485 input=7301da286f0d97bb]*/
{
    let py = slf.py();
    let eof = slf.inner.lock(py).eof;
    Ok(py.bool(eof).to_owned())
}

// ---- _ZlibDecompressor ------------------------------------------------------------------------

/// `zlib._ZlibDecompressor` (3.12+): the stream behind its lock; `eof` and `needs_input` are
/// C's read-only members, mirrored after each call.
#[cfg(Py_3_12)]
pub struct ZlibDecompressor {
    inner: Lock<core::ZlibDecompressor>,
    eof: Flag,
    needs_input: Flag,
    zdict: PyField,
}

#[cfg(Py_3_12)]
ferrocpy::class! {
    type: ZlibDecompressor,
    name: "zlib._ZlibDecompressor",
    state: State,
    gc: [zdict],
    entries: [versioned::ZLIB__ZLIBDECOMPRESSOR_ENTRIES],
    members: [
        eof => "True if the end-of-stream marker has been reached.",
        needs_input => "True if more input is needed before more decompressed data can be produced.",
    ],
}

/// `_ZlibDecompressor.__new__` (either version).
#[cfg(Py_3_12)]
pub(crate) fn zlib_decompressor_new(
    cls: ferrocpy::class::TypeRef<'_, '_, ZlibDecompressor>,
    wbits: i32,
    zdict: Option<Borrowed<'_, '_>>,
) -> PyResult<ZlibDecompressor> {
    let py = cls.py();
    // C reads the dictionary only for a raw stream, at creation (where a non-buffer fails).
    let inner = {
        let buf = match zdict {
            Some(z) if wbits < 0 => Some(ferrocpy::Buffer::get(z)?),
            _ => None,
        };
        core::ZlibDecompressor::new(wbits, buf.as_ref().map(|b| b.as_bytes()))
    };
    let inner = match inner {
        Ok(i) => i,
        Err(e) => return Err(raise(py, cls.module()?.state()?, e)),
    };
    Ok(ZlibDecompressor {
        inner: Lock::new(inner),
        eof: Flag::new(false),
        needs_input: Flag::new(true),
        zdict: match zdict {
            Some(z) => PyField::new(z.to_owned()),
            None => PyField::empty(),
        },
    })
}

/// `_ZlibDecompressor.decompress` (either version).
#[cfg(Py_3_12)]
pub(crate) fn zlib_decompressor_decompress<'py>(
    slf: Ref<'_, 'py, ZlibDecompressor>,
    data: &ArgBuffer<'_, 'py>,
    max_length: isize,
) -> PyResult<Owned<'py>> {
    let py = slf.py();
    let state = slf.module()?.state()?;
    let r = {
        let mut g = slf.inner.lock(py);
        let z: &mut core::ZlibDecompressor = &mut g;
        let r = with_input(py, data, |b| z.decompress(b, max_length));
        slf.eof.set(z.eof);
        slf.needs_input.set(z.needs_input);
        r
    };
    output(py, state, r)
}

/// `_ZlibDecompressor.unused_data` (declared with each version's class blocks).
#[cfg(Py_3_12)]
pub(crate) fn zlib_decompressor_unused_data<'py>(
    slf: Ref<'_, 'py, ZlibDecompressor>,
) -> PyResult<Owned<'py>> {
    let py = slf.py();
    let g = slf.inner.lock(py);
    bytes(py, &g.unused_data)
}
