//! The declarations 3.14 changed, as 3.10 to 3.13 declare them: `Decompress.decompress` (its
//! docstring), `compressobj` (`zdict=None` in the signature; None itself is refused).

use crate::{Decompress, State};
use ferrocpy::argconv::ArgBuffer;
use ferrocpy::exc::ValueError;
use ferrocpy::{Borrowed, Module, Owned, PyResult, Ref};

pub(crate) mod clinic {
    include!("clinic/pre314.rs");
}

#[allow(unused_variables)]
/*[clinic input]
module zlib state=State python=<3.14
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

After calling this function, some of the input data may still be stored in
internal buffers for later processing.
Call the flush() method to clear these buffers.
[clinic start generated code]*/
fn decompress_decompress_impl<'a, 'py>(
    slf: Ref<'a, 'py, Decompress>,
    cls: Borrowed<'a, 'py>,
    data: &ArgBuffer<'a, 'py>,
    max_length: isize,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=812926471c1ccf0b input=2a2a554ae26bc1ec]*/
{
    if max_length < 0 {
        return Err(ValueError::new_err(
            slf.py(),
            "max_length must be non-negative",
        ));
    }
    crate::decompress_decompress(slf, data, max_length as usize)
}

#[allow(non_snake_case)]
/*[clinic input]
zlib.compressobj

    level: int(c_default="crate::Z_DEFAULT_COMPRESSION") = Z_DEFAULT_COMPRESSION
        The compression level (an integer in the range 0-9 or -1; default is
        currently equivalent to 6).  Higher compression levels are slower,
        but produce smaller results.
    method: int(c_default="crate::DEFLATED") = DEFLATED
        The compression algorithm.  If given, this must be DEFLATED.
    wbits: int(c_default="crate::MAX_WBITS") = MAX_WBITS
        +9 to +15: The base-two logarithm of the window size.  Include a zlib
            container.
        -9 to -15: Generate a raw stream.
        +25 to +31: Include a gzip container.
    memLevel: int(c_default="crate::DEF_MEM_LEVEL") = DEF_MEM_LEVEL
        Controls the amount of memory used for internal compression state.
        Valid values range from 1 to 9.  Higher values result in higher memory
        usage, faster compression, and smaller output.
    strategy: int(c_default="crate::Z_DEFAULT_STRATEGY") = Z_DEFAULT_STRATEGY
        Used to tune the compression algorithm.  Possible values are
        Z_DEFAULT_STRATEGY, Z_FILTERED, and Z_HUFFMAN_ONLY.
    zdict: Py_buffer(py_default="None") = NULL
        The predefined compression dictionary - a sequence of bytes
        containing subsequences that are likely to occur in the input data.

Return a compressor object.
[clinic start generated code]*/
fn compressobj_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    level: i32,
    method: i32,
    wbits: i32,
    memLevel: i32,
    strategy: i32,
    zdict: Option<&[u8]>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=9b670c4209dbfd10 input=0139425ade9dc9c5]*/
{
    crate::new_compress(module, level, method, wbits, memLevel, strategy, zdict)
}
