//! `zlib.compressobj` as 3.14 and later declare it: `zdict` has no representable default.

use crate::State;
use ferrocpy::{Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/since314.rs");
}

#[allow(non_snake_case)]
/*[clinic input]
module zlib state=State python=>=3.14
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
    zdict: Py_buffer = NULL
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
/*[clinic end generated code: output=9b670c4209dbfd10 input=fa2357a3fd50261d]*/
{
    crate::new_compress(module, level, method, wbits, memLevel, strategy, zdict)
}
