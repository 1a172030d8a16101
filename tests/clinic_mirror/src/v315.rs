//! The declarations 3.15 changed, as 3.15 declares them: binascii's `b2a_base64` (`padded`,
//! `wrapcol`, `alphabet`), `b2a_hex` (`bytes_per_sep` a `Py_ssize_t`), `a2b_hex` (keyword-only
//! `ignorechars`), and `_bisect.bisect_left` (`lo` refused when negative while converting).

use crate::{bytes, opt, tuple, State};
use ferrocpy::{Borrowed, IntoPyObject, Module, Owned, PyResult};

use crate::classes::ZlibDecompressor;
use ferrocpy::class::TypeRef;

pub(crate) mod clinic {
    include!("clinic/v315.rs");
}

/*[clinic input]
module _clinic_mirror state=State python=>=3.15
_clinic_mirror.b2a_base64

    data: Py_buffer
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
    data: &[u8],
    padded: bool,
    wrapcol: usize,
    newline: bool,
    alphabet: Option<&[u8]>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=2c4a9019875bd700 input=4572955b19b335a9]*/
{
    let py = module.py();
    let alphabet = match alphabet {
        Some(a) => bytes(py, a)?,
        None => py.none().to_owned(),
    };
    tuple(
        py,
        vec![
            bytes(py, data)?,
            newline.into_py(py)?,
            padded.into_py(py)?,
            wrapcol.into_py(py)?,
            alphabet,
        ],
    )
}

/*[clinic input]
_clinic_mirror.b2a_hex

    data: Py_buffer
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
    data: &[u8],
    sep: Option<Borrowed<'a, 'py>>,
    bytes_per_sep: isize,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=a0dcc37f6718a539 input=8a2477e3472a7c3c]*/
{
    let py = module.py();
    tuple(
        py,
        vec![bytes(py, data)?, opt(py, sep), bytes_per_sep.into_py(py)?],
    )
}

/*[clinic input]
_clinic_mirror.a2b_hex

    hexstr: ascii_buffer
    /
    *
    ignorechars: Py_buffer = b''
        A byte string containing characters to ignore from the input.

Binary data of hexadecimal representation.

hexstr must contain an even number of hex digits (upper or lower case).
This function is also available as "unhexlify()".
[clinic start generated code]*/
fn a2b_hex_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    hexstr: &[u8],
    ignorechars: &[u8],
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=b41f0612bc9944e6 input=4045d854e140a413]*/
{
    let py = module.py();
    tuple(py, vec![bytes(py, hexstr)?, bytes(py, ignorechars)?])
}

/*[clinic input]
_clinic_mirror.bisect_left -> Py_ssize_t

    a: object
    x: object
    lo: Py_ssize_t(allow_negative=False) = 0
    hi: Py_ssize_t(c_default='-1', accept={int, NoneType}) = None
    *
    key: object = None

Return the index where to insert item x in list a, assuming a is sorted.

The return value i is such that all e in a[:i] have e < x, and all e in
a[i:] have e >= x.  So if x already appears in the list, a.insert(i, x)
will insert just before the leftmost x already there.

Optional args lo (default 0) and hi (default len(a)) bound the
slice of a to be searched.

A custom key function can be supplied to customize the sort order.
[clinic start generated code]*/
fn bisect_left_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    a: Borrowed<'a, 'py>,
    x: Borrowed<'a, 'py>,
    lo: isize,
    hi: isize,
    key: Borrowed<'a, 'py>,
) -> PyResult<isize>
/*[clinic end generated code: output=b53aeffbb56f9dd7 input=aa76eba91d7b6d33]*/
{
    Ok(lo + hi)
}

/*[clinic input]
class _clinic_mirror._ZlibDecompressor "ZlibDecompressor"
@classmethod
_clinic_mirror._ZlibDecompressor.__new__

    wbits: int(c_default="crate::MAX_WBITS") = MAX_WBITS
    zdict: object(c_default="NULL") = b''
        The predefined compression dictionary. This is a sequence of bytes
        (such as a bytes object) containing subsequences that are expected
        to occur frequently in the data that is to be compressed. Those
        subsequences that are expected to be most common should come at the
        end of the dictionary. This must be the same dictionary as used by the
        compressor that produced the input data.

Create a decompressor object for decompressing data incrementally.
[clinic start generated code]*/
fn _zlib_decompressor_new_impl<'a, 'py>(
    cls: TypeRef<'a, 'py, ZlibDecompressor>,
    wbits: i32,
    zdict: Option<Borrowed<'a, 'py>>,
) -> PyResult<ZlibDecompressor>
/*[clinic end generated code: output=0d46cd7d4401b35e input=f9ec1cbb49c5f529]*/
{
    crate::classes::zlib_decompressor_new(wbits, zdict)
}
