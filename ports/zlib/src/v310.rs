//! `zlib.compress` as 3.10 declares it (no `wbits`).

use crate::State;
use ferrocpy::argconv::ArgBuffer;
use ferrocpy::{Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/v310.rs");
}

/*[clinic input]
module zlib state=State python=<3.11
zlib.compress

    data: Py_buffer(handle=True)
        Binary data to be compressed.
    /
    level: int(c_default="crate::Z_DEFAULT_COMPRESSION") = Z_DEFAULT_COMPRESSION
        Compression level, in 0-9 or -1.

Returns a bytes object containing compressed data.
[clinic start generated code]*/
fn compress_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    level: i32,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=d49fe749c0e8d06e input=a0b4937673510142]*/
{
    crate::compress_data(module, data, level, crate::MAX_WBITS)
}
