//! The binascii functions whose declarations 3.15 changed, as 3.10 to 3.14 declare them:
//! `b2a_base64` (`newline` only), `b2a_hex` (`bytes_per_sep` a C `int`), `a2b_hex` (one
//! positional argument, `METH_O`).

use crate::{bytes, opt, tuple, State};
use ferrocpy::{Borrowed, IntoPyObject, Module, Owned, PyResult};

use crate::classes::ZlibDecompressor;
use ferrocpy::class::TypeRef;

pub(crate) mod clinic {
    include!("clinic/pre315.rs");
}

/*[clinic input]
module _clinic_mirror state=State python=<3.15
_clinic_mirror.b2a_base64

    data: Py_buffer
    /
    *
    newline: bool(accept={int}, until="3.12") = True

Base64-code line of data.
[clinic start generated code]*/
fn b2a_base64_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &[u8],
    newline: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=378e045ce8077a1f input=9778bd1c79926b66]*/
{
    let py = module.py();
    tuple(py, vec![bytes(py, data)?, newline.into_py(py)?])
}

/*[clinic input]
_clinic_mirror.b2a_hex

    data: Py_buffer
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
    data: &[u8],
    sep: Option<Borrowed<'a, 'py>>,
    bytes_per_sep: i32,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=7d17241f7e32164b input=d31cde205a3e9687]*/
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

Binary data of hexadecimal representation.

hexstr must contain an even number of hex digits (upper or lower case).
This function is also available as "unhexlify()".
[clinic start generated code]*/
fn a2b_hex_impl<'a, 'py>(module: Module<'a, 'py, State>, hexstr: &[u8]) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=eb80d6f9d7b051f7 input=e6c865e09e3a411b]*/
{
    bytes(module.py(), hexstr)
}

/*[clinic input]
class _clinic_mirror._ZlibDecompressor "ZlibDecompressor"
@classmethod
_clinic_mirror._ZlibDecompressor.__new__

    wbits: int(c_default="crate::MAX_WBITS") = 15
    zdict: object(c_default="NULL") = b''

Create a decompressor object for decompressing data incrementally.

  wbits = 15
  zdict
     The predefined compression dictionary. This is a sequence of bytes
     (such as a bytes object) containing subsequences that are expected
     to occur frequently in the data that is to be compressed. Those
     subsequences that are expected to be most common should come at the
     end of the dictionary. This must be the same dictionary as used by the
     compressor that produced the input data.
[clinic start generated code]*/
fn _zlib_decompressor_new_impl<'a, 'py>(
    cls: TypeRef<'a, 'py, ZlibDecompressor>,
    wbits: i32,
    zdict: Option<Borrowed<'a, 'py>>,
) -> PyResult<ZlibDecompressor>
/*[clinic end generated code: output=0d46cd7d4401b35e input=7d5ae5b1ec945d7e]*/
{
    crate::classes::zlib_decompressor_new(wbits, zdict)
}
