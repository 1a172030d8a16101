//! `zlib.decompress` as 3.10 to 3.14 declare it: a negative `bufsize` is refused by the
//! function ("bufsize must be non-negative").

use crate::State;
use ferrocpy::argconv::ArgBuffer;
use ferrocpy::exc::ValueError;
use ferrocpy::{Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/pre315.rs");
}

/*[clinic input]
module zlib state=State python=<3.15
zlib.decompress

    data: Py_buffer(handle=True)
        Compressed data.
    /
    wbits: int(c_default="crate::MAX_WBITS") = MAX_WBITS
        The window buffer size and container format.
    bufsize: Py_ssize_t(c_default="crate::DEF_BUF_SIZE") = DEF_BUF_SIZE
        The initial output buffer size.

Returns a bytes object containing the uncompressed data.
[clinic start generated code]*/
fn decompress_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    wbits: i32,
    bufsize: isize,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=2b086ad836d67c70 input=bc16c9714666010c]*/
{
    if bufsize < 0 {
        return Err(ValueError::new_err(
            module.py(),
            "bufsize must be non-negative",
        ));
    }
    crate::decompress_data(module, data, wbits, bufsize as usize)
}
