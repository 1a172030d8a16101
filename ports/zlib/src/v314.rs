//! The declarations of 3.14: `Decompress.decompress` and `_ZlibDecompressor.decompress` with
//! their docstrings rewrapped, `_ZlibDecompressor.__new__` as in 3.12.

use crate::{Decompress, ZlibDecompressor};
use ferrocpy::argconv::ArgBuffer;
use ferrocpy::class::TypeRef;
use ferrocpy::exc::ValueError;
use ferrocpy::{Borrowed, Owned, PyResult, Ref};

pub(crate) mod clinic {
    include!("clinic/v314.rs");
}

#[allow(unused_variables)]
/*[clinic input]
module zlib state=State python=>=3.14,<3.15
class zlib.Decompress "Decompress"
zlib.Decompress.decompress

    cls: defining_class
    data: Py_buffer(handle=True)
        The binary data to decompress.
    /
    max_length: Py_ssize_t = 0
        The maximum allowable length of the decompressed data.
        Unconsumed input data will be stored in
        the unconsumed_tail attribute.

Return a bytes object containing the decompressed version of the data.

After calling this function, some of the input data may still be
stored in internal buffers for later processing.
Call the flush() method to clear these buffers.
[clinic start generated code]*/
fn decompress_decompress_impl<'a, 'py>(
    slf: Ref<'a, 'py, Decompress>,
    cls: Borrowed<'a, 'py>,
    data: &ArgBuffer<'a, 'py>,
    max_length: isize,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=812926471c1ccf0b input=fcd8d8028a9b892c]*/
{
    if max_length < 0 {
        return Err(ValueError::new_err(
            slf.py(),
            "max_length must be non-negative",
        ));
    }
    crate::decompress_decompress(slf, data, max_length as usize)
}

/*[clinic input]
class zlib._ZlibDecompressor "ZlibDecompressor"
@classmethod
zlib._ZlibDecompressor.__new__

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
/*[clinic end generated code: output=0d46cd7d4401b35e input=11852d323ec39769]*/
{
    crate::zlib_decompressor_new(cls, wbits, zdict)
}

/*[clinic input]
zlib._ZlibDecompressor.decompress

    data: Py_buffer(handle=True)
    max_length: Py_ssize_t = -1

Decompress *data*, returning uncompressed data as bytes.

If *max_length* is nonnegative, returns at most *max_length* bytes
of decompressed data.  If this limit is reached and further output
can be produced, *self.needs_input* will be set to ``False``.  In
this case, the next call to *decompress()* may provide *data* as b''
to obtain more of the output.

If all of the input data was decompressed and returned (either
because this was less than *max_length* bytes, or because
*max_length* was negative), *self.needs_input* will be set to True.

Attempting to decompress data after the end of stream is reached
raises an EOFError.  Any data found after the end of the stream is
ignored and saved in the unused_data attribute.
[clinic start generated code]*/
fn _zlib_decompressor_decompress_impl<'a, 'py>(
    slf: Ref<'a, 'py, ZlibDecompressor>,
    data: &ArgBuffer<'a, 'py>,
    max_length: isize,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=e519f33d61ce3f5e input=fdc857df6362239e]*/
{
    crate::zlib_decompressor_decompress(slf, data, max_length)
}

/*[clinic input]
@getter
zlib._ZlibDecompressor.unused_data

Data found after the end of the compressed stream.
[clinic start generated code]*/
fn _zlib_decompressor_unused_data_get_impl<'a, 'py>(
    slf: Ref<'a, 'py, ZlibDecompressor>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=cca998a4e91995b2 input=be2c6d349b35f69e]*/
{
    crate::zlib_decompressor_unused_data(slf)
}
