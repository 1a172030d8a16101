//! `zlib.Decompress.decompress` as 3.10 to 3.13 declare it.

use crate::Decompress;
use ferrocpy::argconv::ArgBuffer;
use ferrocpy::exc::ValueError;
use ferrocpy::{Borrowed, Owned, PyResult, Ref};

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
