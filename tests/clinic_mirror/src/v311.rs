//! `zlib.compress` as 3.11 and later declare it (`wbits` added).

use crate::{bytes, tuple, State};
use ferrocpy::{IntoPyObject, Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/v311.rs");
}

/*[clinic input]
module _clinic_mirror state=State python=>=3.11
_clinic_mirror.compress

    data: Py_buffer
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
    data: &[u8],
    level: i32,
    wbits: i32,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=e098981e23c7a0e6 input=c7f9f7f02f53d8c2]*/
{
    let py = module.py();
    tuple(
        py,
        vec![bytes(py, data)?, level.into_py(py)?, wbits.into_py(py)?],
    )
}
