//! `zlib.compress` as 3.11 and later declare it (`wbits` added).

use crate::State;
use ferrocpy::argconv::ArgBuffer;
use ferrocpy::{Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/v311.rs");
}

/*[clinic input]
module zlib state=State python=>=3.11
zlib.compress

    data: Py_buffer(handle=True)
        Binary data to be compressed.
    /
    level: int(c_default="crate::Z_DEFAULT_COMPRESSION") = Z_DEFAULT_COMPRESSION
        Compression level, in 0-9 or -1.
    wbits: int(c_default="crate::MAX_WBITS") = MAX_WBITS
        The window buffer size and container format.

Returns a bytes object containing compressed data.
[clinic start generated code]*/
fn compress_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    level: i32,
    wbits: i32,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=f5be2a0276a750ee input=df92d492c7772599]*/
{
    crate::compress_data(module, data, level, wbits)
}
