//! Codecs new in 3.15: base32 (`a2b_base32`/`b2a_base32`), Base85 (`a2b_base85`/`b2a_base85`,
//! Z85 through `alphabet`) and Ascii85 (`a2b_ascii85`/`b2a_ascii85`).
//!
//! Argument handling as in C: the decoders take an ASCII str or bytes-like `data`, an
//! `alphabet` that must be `bytes`, and `ignorechars` as any bytes-like object; the encoders
//! take a bytes-like `data` and `alphabet`. An alphabet of the wrong length is a `ValueError`
//! before anything else happens. The tables of an alphabet and the set of ignored bytes are
//! built while attached, so the work itself reads only `data`, which is immutable whenever the
//! thread is detached (see [`crate::detachable`]).

use crate::{detachable, produce, produce_shrinking, raise, State};
use binascii_core as core;
use ferrocpy::argconv::ArgBuffer;
use ferrocpy::{Borrowed, Module, Owned, PyResult};
use std::borrow::Cow;

pub(crate) mod clinic {
    include!("clinic/v315.rs");
}

/// A decoder's `alphabet` (exact or subclassed `bytes`, which the glue checked).
fn alphabet_bytes<'a>(alphabet: Borrowed<'a, '_>) -> &'a [u8] {
    ferrocpy::types::bytes::as_slice(alphabet).unwrap_or_default()
}

/// The tables of a base32 `alphabet` (`ValueError` for a wrong length): prebuilt ones for the
/// default and the RFC alphabets, others built into `slot` (the tables are a few hundred bytes:
/// they are referred to, not moved around).
fn base32_alphabet<'s>(
    module: Module<'_, '_, State>,
    alphabet: Option<&[u8]>,
    slot: &'s mut Option<core::Base32Alphabet>,
) -> PyResult<&'s core::Base32Alphabet> {
    let Some(a) = alphabet else {
        return Ok(core::Base32Alphabet::standard());
    };
    Ok(
        match core::Base32Alphabet::lookup(a).map_err(|e| raise(module, e))? {
            Cow::Borrowed(t) => t,
            Cow::Owned(t) => slot.insert(t),
        },
    )
}

/// As [`base32_alphabet`], for Base85 (the default and Z85 prebuilt).
fn base85_alphabet<'s>(
    module: Module<'_, '_, State>,
    alphabet: Option<&[u8]>,
    slot: &'s mut Option<core::Base85Alphabet>,
) -> PyResult<&'s core::Base85Alphabet> {
    let Some(a) = alphabet else {
        return Ok(core::Base85Alphabet::standard());
    };
    Ok(
        match core::Base85Alphabet::lookup(a).map_err(|e| raise(module, e))? {
            Cow::Borrowed(t) => t,
            Cow::Owned(t) => slot.insert(t),
        },
    )
}

/// The empty bytes object, for empty input that cannot fail: no buffer sizing, no tables.
#[inline(always)]
fn empty<'py>(module: Module<'_, 'py, State>) -> PyResult<Owned<'py>> {
    ferrocpy::types::bytes::new(module.py(), b"")
}

/*[clinic input]
module binascii state=State python=>=3.15
binascii.a2b_ascii85

    data: ascii_buffer(handle=True)
    /
    *
    foldspaces: bool = False
        Allow 'y' as a short form encoding four spaces.
    adobe: bool = False
        Expect data to be terminated with '~>' as in Adobe Ascii85, and
        optionally accept leading '<~'.
    ignorechars: Py_buffer(py_default="b''") = b''
        A byte string containing characters to ignore from the input.
    canonical: bool = False
        When set to true, reject non-canonical encodings.

Decode Ascii85 data.
[clinic start generated code]*/
fn a2b_ascii85_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    foldspaces: bool,
    adobe: bool,
    ignorechars: &[u8],
    canonical: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=a196326813dba1b7 input=2bf77fd515f23286]*/
{
    let bytes: &[u8] = data;
    if bytes.is_empty() && !adobe {
        return empty(module);
    }
    let ignore = core::ByteSet::new(ignorechars);
    produce_shrinking(
        module,
        detachable(data),
        Ok(core::a2b_ascii85_len(bytes, adobe)),
        |out| core::a2b_ascii85_into(bytes, foldspaces, adobe, &ignore, canonical, out),
    )
}

/*[clinic input]
binascii.b2a_ascii85

    data: Py_buffer(handle=True)
    /
    *
    foldspaces: bool = False
        Emit 'y' as a short form encoding four spaces.
    wrapcol: size_t = 0
        Split result into lines of provided width.
    pad: bool = False
        Retain zero-padding bytes at end of output.
    adobe: bool = False
        Wrap result in '<~' and '~>' as in Adobe Ascii85.

Ascii85-encode data.
[clinic start generated code]*/
fn b2a_ascii85_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    foldspaces: bool,
    wrapcol: usize,
    pad: bool,
    adobe: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=a7e73f871381a4d1 input=165a0b5e852d2c57]*/
{
    let bytes: &[u8] = data;
    if bytes.is_empty() && !adobe {
        return empty(module);
    }
    produce(
        module,
        detachable(data),
        core::b2a_ascii85_len(bytes.len(), wrapcol, pad, adobe),
        |out| core::b2a_ascii85_into(bytes, foldspaces, wrapcol, pad, adobe, out),
    )
}

/*[clinic input]
binascii.a2b_base85

    data: ascii_buffer(handle=True)
    /
    *
    alphabet: object(subclass_of='&PyBytes_Type', py_default="BASE85_ALPHABET") = NULL
    ignorechars: Py_buffer(py_default="b''") = b''
        A byte string containing characters to ignore from the input.
    canonical: bool = False
        When set to true, reject non-canonical encodings.

Decode a line of Base85 data.
[clinic start generated code]*/
fn a2b_base85_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    alphabet: Option<Borrowed<'a, 'py>>,
    ignorechars: &[u8],
    canonical: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=ad8fdb35ebe6f831 input=cab8d51eb63c4a57]*/
{
    let mut slot = None;
    let alphabet = base85_alphabet(module, alphabet.map(alphabet_bytes), &mut slot)?;
    let bytes: &[u8] = data;
    if bytes.is_empty() {
        return empty(module);
    }
    let ignore = core::ByteSet::new(ignorechars);
    produce_shrinking(
        module,
        detachable(data),
        Ok(core::a2b_base85_len(bytes.len())),
        |out| core::a2b_base85_into(bytes, alphabet, &ignore, canonical, out),
    )
}

/*[clinic input]
binascii.b2a_base85

    data: Py_buffer(handle=True)
    /
    *
    pad: bool = False
        Retain zero-padding bytes at end of output.
    wrapcol: size_t = 0
    alphabet: Py_buffer(py_default="BASE85_ALPHABET") = NULL

Base85-code line of data.
[clinic start generated code]*/
fn b2a_base85_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    pad: bool,
    wrapcol: usize,
    alphabet: Option<&[u8]>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=f5c5f29da91af106 input=5a1ba91462a9bc04]*/
{
    let mut slot = None;
    let alphabet = base85_alphabet(module, alphabet, &mut slot)?;
    let bytes: &[u8] = data;
    if bytes.is_empty() {
        return empty(module);
    }
    produce(
        module,
        detachable(data),
        core::b2a_base85_len(bytes.len(), pad, wrapcol),
        |out| core::b2a_base85_into(bytes, pad, wrapcol, alphabet, out),
    )
}

/*[clinic input]
binascii.a2b_base32

    data: ascii_buffer(handle=True)
    /
    *
    padded: bool = True
        When set to false, padding in input is not required.
    alphabet: object(subclass_of='&PyBytes_Type', py_default="BASE32_ALPHABET") = NULL
    ignorechars: Py_buffer(py_default="b''") = b''
        A byte string containing characters to ignore from the input.
    canonical: bool = False
        When set to true, reject non-zero padding bits per RFC 4648 section 3.5.

Decode a line of base32 data.
[clinic start generated code]*/
fn a2b_base32_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    padded: bool,
    alphabet: Option<Borrowed<'a, 'py>>,
    ignorechars: &[u8],
    canonical: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=329fcf33bba47ea3 input=36e18118748ad531]*/
{
    let mut slot = None;
    let alphabet = base32_alphabet(module, alphabet.map(alphabet_bytes), &mut slot)?;
    let bytes: &[u8] = data;
    if bytes.is_empty() {
        return empty(module);
    }
    let ignore = core::ByteSet::new(ignorechars);
    produce_shrinking(
        module,
        detachable(data),
        Ok(core::a2b_base32_len(bytes)),
        |out| core::a2b_base32_into(bytes, padded, alphabet, &ignore, canonical, out),
    )
}

/*[clinic input]
binascii.b2a_base32

    data: Py_buffer(handle=True)
    /
    *
    padded: bool = True
        When set to false, omit padding in the output.
    wrapcol: size_t = 0
    alphabet: Py_buffer(py_default="BASE32_ALPHABET") = NULL

Base32-code line of data.
[clinic start generated code]*/
fn b2a_base32_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    padded: bool,
    wrapcol: usize,
    alphabet: Option<&[u8]>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=c848bb291d78dd6a input=5e105dfefc3df141]*/
{
    let mut slot = None;
    let alphabet = base32_alphabet(module, alphabet, &mut slot)?;
    let bytes: &[u8] = data;
    if bytes.is_empty() {
        return empty(module);
    }
    produce(
        module,
        detachable(data),
        core::b2a_base32_len(bytes.len(), padded, wrapcol),
        |out| core::b2a_base32_into(bytes, padded, wrapcol, alphabet, out),
    )
}
