//! `zlib.Decompress.decompress` as 3.10 to 3.13 declare it.

use crate::classes::{SimpleQueue, ZlibDecompressor};
use crate::{bytes, tuple, Decompress};
use ferrocpy::{Borrowed, IntoPyObject, Owned, PyResult, Ref};

pub(crate) mod clinic {
    include!("clinic/pre314.rs");
}

/*[clinic input]
module _clinic_mirror state=State python=<3.14
class _clinic_mirror.Decompress "Decompress"
_clinic_mirror.Decompress.decompress

    cls: defining_class
    data: Py_buffer
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
    data: &[u8],
    max_length: isize,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=9d57cdedd5d4e8c0 input=d0843d01afaaae19]*/
{
    let py = slf.py();
    slf.count();
    let defining_is_own_type = cls.is(slf.as_borrowed().get_type());
    tuple(
        py,
        vec![
            bytes(py, data)?,
            max_length.into_py(py)?,
            slf.wbits.into_py(py)?,
            defining_is_own_type.into_py(py)?,
        ],
    )
}

/*[clinic input]
class _clinic_mirror.SimpleQueue "SimpleQueue"
_clinic_mirror.SimpleQueue.put

    item: object
    block: bool = True
    timeout: object = None

Put the item on the queue.

The optional 'block' and 'timeout' arguments are ignored, as this method
never blocks.  They are provided for compatibility with the Queue class.
[clinic start generated code]*/
fn simple_queue_put_impl<'a, 'py>(
    slf: Ref<'a, 'py, SimpleQueue>,
    item: Borrowed<'a, 'py>,
    block: bool,
    timeout: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=903fc03df6397a66 input=8e7b06ba731ebdab]*/
{
    crate::classes::queue_put(slf, item)
}

/*[clinic input]
class _clinic_mirror._ZlibDecompressor "ZlibDecompressor"
_clinic_mirror._ZlibDecompressor.decompress

    data: Py_buffer
    max_length: Py_ssize_t = -1

Decompress *data*, returning uncompressed data as bytes.

If *max_length* is nonnegative, returns at most *max_length* bytes of
decompressed data. If this limit is reached and further output can be
produced, *self.needs_input* will be set to ``False``. In this case, the next
call to *decompress()* may provide *data* as b'' to obtain more of the output.

If all of the input data was decompressed and returned (either because this
was less than *max_length* bytes, or because *max_length* was negative),
*self.needs_input* will be set to True.

Attempting to decompress data after the end of stream is reached raises an
EOFError.  Any data found after the end of the stream is ignored and saved in
the unused_data attribute.
[clinic start generated code]*/
fn _zlib_decompressor_decompress_impl<'a, 'py>(
    slf: Ref<'a, 'py, ZlibDecompressor>,
    data: &[u8],
    max_length: isize,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=06edf0910740593a input=480e007e301dee13]*/
{
    crate::classes::zlib_decompressor_decompress(slf, data, max_length)
}
