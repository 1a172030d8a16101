//! 3.15's declarations of the functions that existed before 3.15 and whose signatures it
//! changed (the codecs new in 3.15 are in `v315.rs`; the earlier declarations in `pre315.rs`
//! and `v311.rs`):
//!
//! * `a2b_base64` gained `padded`, `alphabet`, `ignorechars` and `canonical`, and
//!   `strict_mode` now defaults to "true when `ignorechars` is given";
//! * `b2a_base64` gained `padded`, `wrapcol` and `alphabet`;
//! * `a2b_hex`/`unhexlify` gained `ignorechars` (and reword the odd-length error);
//! * `b2a_hex`/`hexlify` take `bytes_per_sep` as a `Py_ssize_t`.
//!
//! As in C, a decoder's `alphabet` must be `bytes` (the glue checks the type) and an
//! encoder's any bytes-like object; either must have 64 bytes (`ValueError: alphabet must have
//! length 64`, checked before anything else in the function's body). A call with default
//! arguments takes the same path as on 3.14, with no per-call setup: the option structures,
//! the alphabet's tables and the set of ignored bytes are built only for the arguments given.

use crate::{
    a2b_base64_common, a2b_hex_common, b2a_hex_common, detachable, produce, produce_shrinking,
    raise, State, BASE64_RULES,
};
use binascii_core as core;
use ferrocpy::argconv::ArgBuffer;
use ferrocpy::{Borrowed, Module, Owned, PyResult};
use std::borrow::Cow;

pub(crate) mod clinic {
    include!("clinic/v315_existing.rs");
}

/// The alphabet given as `alphabet` (its 64 bytes checked): a static table for the standard
/// and URL-safe ones, else built into `slot`. Without `alphabet`, the standard one, with nothing
/// moved or built.
#[inline(always)]
fn base64_alphabet<'s>(
    module: Module<'_, '_, State>,
    alphabet: Option<&[u8]>,
    slot: &'s mut Option<Cow<'static, core::Base64Alphabet>>,
) -> PyResult<&'s core::Base64Alphabet> {
    match alphabet {
        None => Ok(core::Base64Alphabet::standard()),
        Some(a) => {
            let table = core::Base64Alphabet::lookup(a).map_err(|e| raise(module, e))?;
            Ok(slot.insert(table))
        }
    }
}

#[inline(always)]
/*[clinic input]
module binascii state=State python=>=3.15
binascii.a2b_base64

    data: ascii_buffer(handle=True)
    /
    *
    strict_mode: bool = NULL
        When set to true, bytes that are not part of the base64 standard are
        not allowed.  The same applies to excess data after padding (= / ==).
        Set to True by default if ignorechars is specified, False otherwise.
    padded: bool = True
        When set to false, padding in input is not required.
    alphabet: object(subclass_of='&PyBytes_Type', py_default="BASE64_ALPHABET") = NULL
    ignorechars: Py_buffer = NULL
        A byte string containing characters to ignore from the input when
        strict_mode is true.
    canonical: bool = False
        When set to true, reject non-zero padding bits per RFC 4648 section 3.5.

Decode a line of base64 data.
[clinic start generated code]*/
fn a2b_base64_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    strict_mode: Option<bool>,
    padded: bool,
    alphabet: Option<Borrowed<'a, 'py>>,
    ignorechars: Option<&[u8]>,
    canonical: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=38f0d3b0c95f6761 input=bdc7a7cda90a94b0]*/
{
    let strict = strict_mode.unwrap_or(ignorechars.is_some());
    if padded && !canonical && alphabet.is_none() && ignorechars.is_none() {
        // 3.14's call: no setup beyond it.
        return a2b_base64_common(module, data, strict);
    }
    let mut slot = None;
    let alphabet = base64_alphabet(
        module,
        alphabet.map(|a| ferrocpy::types::bytes::as_slice(a).unwrap_or_default()),
        &mut slot,
    )?;
    // C consults `ignorechars` in strict mode only, and only when it is not empty.
    let ignore = ignorechars
        .filter(|i| strict && !i.is_empty())
        .map(core::ByteSet::new);
    let opts = core::A2bBase64Options {
        rules: BASE64_RULES,
        strict,
        padded,
        canonical,
        alphabet,
        ignore: ignore.as_ref(),
    };
    let bytes: &[u8] = data;
    produce_shrinking(
        module,
        detachable(data),
        Ok(core::a2b_base64_len(bytes.len())),
        |out| core::a2b_base64_opts_into(bytes, &opts, out),
    )
}

#[inline(always)]
/*[clinic input]
binascii.b2a_base64

    data: Py_buffer(handle=True)
    /
    *
    padded: bool = True
        When set to false, omit padding in the output.
    wrapcol: size_t = 0
    newline: bool = True
    alphabet: Py_buffer(py_default="BASE64_ALPHABET") = NULL

Base64-code line of data.
[clinic start generated code]*/
fn b2a_base64_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    padded: bool,
    wrapcol: usize,
    newline: bool,
    alphabet: Option<&[u8]>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=97a52795461ae03d input=ee54e4ec22e9056a]*/
{
    let mut slot = None;
    let alphabet = base64_alphabet(module, alphabet, &mut slot)?;
    let bytes: &[u8] = data;
    if bytes.is_empty() {
        // Nothing to encode: b'' or b'\n', without the writer and kernel dispatch.
        let out: &[u8] = if newline { b"\n" } else { b"" };
        return ferrocpy::types::bytes::new(module.py(), out);
    }
    let opts = core::B2aBase64Options {
        padded,
        wrapcol,
        newline,
        alphabet,
    };
    produce(
        module,
        detachable(data),
        core::b2a_base64_opts_len(bytes.len(), &opts),
        |out| core::b2a_base64_opts_into(bytes, &opts, out),
    )
}

/*[clinic input]
binascii.b2a_hex

    data: Py_buffer(handle=True)
    sep: object = NULL
        An optional single character or byte to separate hex bytes.
    bytes_per_sep: Py_ssize_t = 1
        How many bytes between separators.  Positive values count from the
        right, negative values count from the left.

Hexadecimal representation of binary data.

The return value is a bytes object.  This function is also
available as "hexlify()".

Example:
>>> binascii.b2a_hex(b'\xb9\x01\xef')
b'b901ef'
>>> binascii.hexlify(b'\xb9\x01\xef', ':')
b'b9:01:ef'
>>> binascii.b2a_hex(b'\xb9\x01\xef', b'_', 2)
b'b9_01ef'
[clinic start generated code]*/
fn b2a_hex_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    sep: Option<Borrowed<'a, 'py>>,
    bytes_per_sep: isize,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=0d8cfaacff0beddc input=3185a8b7a4078c90]*/
{
    b2a_hex_common(module, data, sep, bytes_per_sep)
}

/*[clinic input]
binascii.hexlify

    data: Py_buffer(handle=True)
    sep: object = NULL
        An optional single character or byte to separate hex bytes.
    bytes_per_sep: Py_ssize_t = 1
        How many bytes between separators.  Positive values count from the
        right, negative values count from the left.

Hexadecimal representation of binary data.

The return value is a bytes object.  This function is also
available as "b2a_hex()".
[clinic start generated code]*/
fn hexlify_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    sep: Option<Borrowed<'a, 'py>>,
    bytes_per_sep: isize,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=b97cf7c578b956c0 input=4038de80e8ce27b7]*/
{
    b2a_hex_common(module, data, sep, bytes_per_sep)
}

/// `a2b_hex`/`unhexlify` with 3.15's `ignorechars` (C's default `b''` ignores nothing).
fn a2b_hex_315<'py>(
    module: Module<'_, 'py, State>,
    hexstr: &ArgBuffer<'_, 'py>,
    ignorechars: &[u8],
) -> PyResult<Owned<'py>> {
    if ignorechars.is_empty() {
        return a2b_hex_common(module, hexstr, None);
    }
    a2b_hex_common(module, hexstr, Some(&core::ByteSet::new(ignorechars)))
}

/*[clinic input]
binascii.a2b_hex

    hexstr: ascii_buffer(handle=True)
    /
    *
    ignorechars: Py_buffer(py_default="b''") = b''
        A byte string containing characters to ignore from the input.

Binary data of hexadecimal representation.

hexstr must contain an even number of hex digits (upper or lower case).
This function is also available as "unhexlify()".
[clinic start generated code]*/
fn a2b_hex_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    hexstr: &ArgBuffer<'a, 'py>,
    ignorechars: &[u8],
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=7cc284b8fdfde369 input=38bc17ec2a961b5c]*/
{
    a2b_hex_315(module, hexstr, ignorechars)
}

/*[clinic input]
binascii.unhexlify

    hexstr: ascii_buffer(handle=True)
    /
    *
    ignorechars: Py_buffer(py_default="b''") = b''
        A byte string containing characters to ignore from the input.

Binary data of hexadecimal representation.

hexstr must contain an even number of hex digits (upper or lower case).
[clinic start generated code]*/
fn unhexlify_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    hexstr: &ArgBuffer<'a, 'py>,
    ignorechars: &[u8],
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=8b0d2bd51176d30e input=cb522d8861a9e17c]*/
{
    a2b_hex_315(module, hexstr, ignorechars)
}
