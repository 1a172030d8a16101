//! Declarations of 3.10 to 3.14 of the functions whose signatures 3.15 changed: `b2a_base64`
//! (`newline` only), `b2a_hex`/`hexlify` (`bytes_per_sep` a C `int`), `a2b_hex`/`unhexlify`
//! (no `ignorechars`). 3.15's are in `v315_existing.rs`.

use crate::{a2b_hex_common, b2a_hex_common, detachable, produce, State};
use binascii_core as core;
use ferrocpy::argconv::ArgBuffer;
use ferrocpy::{Borrowed, Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/pre315.rs");
}

/*[clinic input]
module binascii state=State python=<3.15
[clinic start generated code]*/
/*[clinic end generated code: output=da39a3ee5e6b4b0d input=e495c420da6c04e8]*/

/*[clinic input]
binascii.b2a_base64

    data: Py_buffer(handle=True)
    /
    *
    newline: bool(accept={int}, until="3.12") = True

Base64-code line of data.
[clinic start generated code]*/
fn b2a_base64_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    newline: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=67f1a0880a77ed1d input=84c82b1f43fffb0c]*/
{
    let bytes: &[u8] = data;
    if bytes.is_empty() {
        // Nothing to encode: b'' or b'\n', without the writer and kernel dispatch.
        let out: &[u8] = if newline { b"\n" } else { b"" };
        return ferrocpy::types::bytes::new(module.py(), out);
    }
    produce(
        module,
        detachable(data),
        core::b2a_base64_len(bytes.len(), newline),
        |out| core::b2a_base64_into(bytes, newline, out),
    )
}

/*[clinic input]
binascii.b2a_hex

    data: Py_buffer(handle=True)
    sep: object = NULL
        An optional single character or byte to separate hex bytes.
    bytes_per_sep: int = 1
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
    bytes_per_sep: i32,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=955d465b4a6c6a8a input=9edad8244db80e05]*/
{
    b2a_hex_common(module, data, sep, bytes_per_sep as isize)
}

/*[clinic input]
binascii.hexlify

    data: Py_buffer(handle=True)
    sep: object = NULL
        An optional single character or byte to separate hex bytes.
    bytes_per_sep: int = 1
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
    bytes_per_sep: i32,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=1775f9db42f5cdee input=d554f0e32dd1dce5]*/
{
    b2a_hex_common(module, data, sep, bytes_per_sep as isize)
}

/*[clinic input]
binascii.a2b_hex

    hexstr: ascii_buffer(handle=True)
    /

Binary data of hexadecimal representation.

hexstr must contain an even number of hex digits (upper or lower case).
This function is also available as "unhexlify()".
[clinic start generated code]*/
fn a2b_hex_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    hexstr: &ArgBuffer<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=f1926905cb715c4a input=9e76f223faccb4ff]*/
{
    a2b_hex_common(module, hexstr, None)
}

/*[clinic input]
binascii.unhexlify

    hexstr: ascii_buffer(handle=True)
    /

Binary data of hexadecimal representation.

hexstr must contain an even number of hex digits (upper or lower case).
[clinic start generated code]*/
fn unhexlify_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    hexstr: &ArgBuffer<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=4102cb8138574ad1 input=991daa7288be83b0]*/
{
    a2b_hex_common(module, hexstr, None)
}
