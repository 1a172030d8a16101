//! 3.10's `zlib.compress` (no `wbits` parameter).

use crate::{bytes, tuple, State};
use ferrocpy::{IntoPyObject, Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/pre311.rs");
}

/*[clinic input]
module _clinic_mirror state=State python=<3.11
_clinic_mirror.compress

    data: Py_buffer
        Binary data to be compressed.
    /
    level: int(c_default="crate::Z_DEFAULT_COMPRESSION") = Z_DEFAULT_COMPRESSION
        Compression level, in 0-9 or -1.

Returns a bytes object containing compressed data.
[clinic start generated code]*/
fn compress_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &[u8],
    level: i32,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=932d62d2529e469d input=4aaec4c23e6297c0]*/
{
    let py = module.py();
    tuple(py, vec![bytes(py, data)?, level.into_py(py)?])
}
