//! The declarations of 3.15: negative sizes refused by the converter (`decompress`'s
//! `bufsize`, `Decompress.decompress`'s `max_length`: "... cannot be negative"),
//! `_ZlibDecompressor.__new__` declared with the clinic, `crc32_combine`, `adler32_combine`,
//! and the module `__getattr__` deprecating `__version__`.

use crate::{Decompress, State, ZlibDecompressor};
use ferrocpy::argconv::ArgBuffer;
use ferrocpy::class::TypeRef;
use ferrocpy::exc::{AttributeError, ValueError};
use ferrocpy::{Borrowed, Module, Owned, PyResult, Ref};

pub(crate) mod clinic {
    include!("clinic/v315.rs");
}

/*[clinic input]
module zlib state=State python=>=3.15
zlib.decompress

    data: Py_buffer(handle=True)
        Compressed data.
    /
    wbits: int(c_default="crate::MAX_WBITS") = MAX_WBITS
        The window buffer size and container format.
    bufsize: Py_ssize_t(c_default="crate::DEF_BUF_SIZE", allow_negative=False) = DEF_BUF_SIZE
        The initial output buffer size.

Returns a bytes object containing the uncompressed data.
[clinic start generated code]*/
fn decompress_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    wbits: i32,
    bufsize: isize,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=2b086ad836d67c70 input=8c4cda6ed7b0f561]*/
{
    crate::decompress_data(module, data, wbits, bufsize as usize)
}

/// A `len2` argument as C's `convert_to_z_off_t` reads it.
fn z_off_t(len2: Borrowed<'_, '_>) -> PyResult<u64> {
    let n: isize = ferrocpy::argconv::ssize_t(len2)?;
    if n < 0 {
        return Err(ValueError::new_err(len2.py(), "len2 must be non-negative"));
    }
    Ok(n as u64)
}

/*[clinic input]
zlib.adler32_combine -> unsigned_int

    adler1: unsigned_int(bitwise=True)
        Adler-32 checksum for sequence A

    adler2: unsigned_int(bitwise=True)
        Adler-32 checksum for sequence B

    len2: object(subclass_of='&PyLong_Type')
        Length of sequence B
    /

Combine two Adler-32 checksums into one.

Given the Adler-32 checksum 'adler1' of a sequence A and the
Adler-32 checksum 'adler2' of a sequence B of length 'len2',
return the Adler-32 checksum of A and B concatenated.
[clinic start generated code]*/
fn adler32_combine_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    adler1: u32,
    adler2: u32,
    len2: Borrowed<'a, 'py>,
) -> PyResult<u32>
/*[clinic end generated code: output=1ea7dbeb5fe11857 input=51bb045c95130c6f]*/
{
    Ok(zlib_core::adler32_combine(adler1, adler2, z_off_t(len2)?))
}

/*[clinic input]
zlib.crc32_combine -> unsigned_int

    crc1: unsigned_int(bitwise=True)
        CRC-32 checksum for sequence A

    crc2: unsigned_int(bitwise=True)
        CRC-32 checksum for sequence B

    len2: object(subclass_of='&PyLong_Type')
        Length of sequence B
    /

Combine two CRC-32 checksums into one.

Given the CRC-32 checksum 'crc1' of a sequence A and the
CRC-32 checksum 'crc2' of a sequence B of length 'len2',
return the CRC-32 checksum of A and B concatenated.
[clinic start generated code]*/
fn crc32_combine_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    crc1: u32,
    crc2: u32,
    len2: Borrowed<'a, 'py>,
) -> PyResult<u32>
/*[clinic end generated code: output=ad0c248a091640ee input=9c8a065d9040dc66]*/
{
    Ok(zlib_core::crc32_combine(crc1, crc2, z_off_t(len2)?))
}

/*[clinic input]
zlib.__getattr__ as zlib_getattr

    name: object
    /

Module __getattr__
[clinic start generated code]*/
fn zlib_getattr_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    name: Borrowed<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=47506c8d618027b9 input=c86bdd78bc9b3616]*/
{
    let py = module.py();
    if let Ok("__version__") = name.extract::<&str>() {
        ferrocpy::raise::warn(
            py,
            ferrocpy::raise::Warning::Deprecation,
            "'__version__' is deprecated and slated for removal in Python 3.20",
            1,
        )?;
        return ferrocpy::types::str::new(py, "1.0");
    }
    let text = match name.extract::<&str>() {
        Ok(n) => format!("module 'zlib' has no attribute '{n}'"),
        Err(_) => "module 'zlib' has no attribute".to_string(),
    };
    Err(AttributeError::new_err(py, &text))
}

#[allow(unused_variables)]
/*[clinic input]
class zlib.Decompress "Decompress"
zlib.Decompress.decompress

    cls: defining_class
    data: Py_buffer(handle=True)
        The binary data to decompress.
    /
    max_length: Py_ssize_t(allow_negative=False) = 0
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
/*[clinic end generated code: output=812926471c1ccf0b input=b8b8c74888d5a074]*/
{
    crate::decompress_decompress(slf, data, max_length as usize)
}

/*[clinic input]
class zlib._ZlibDecompressor "ZlibDecompressor"
@classmethod
zlib._ZlibDecompressor.__new__

    wbits: int(c_default="crate::MAX_WBITS") = MAX_WBITS
    zdict: object(c_default="NULL") = b''
        The predefined compression dictionary. This is a sequence of bytes
        (such as a bytes object) containing subsequences that are expected
        to occur frequently in the data that is to be compressed. Those
        subsequences that are expected to be most common should come at the
        end of the dictionary. This must be the same dictionary as used by the
        compressor that produced the input data.

Create a decompressor object for decompressing data incrementally.
[clinic start generated code]*/
fn _zlib_decompressor_new_impl<'a, 'py>(
    cls: TypeRef<'a, 'py, ZlibDecompressor>,
    wbits: i32,
    zdict: Option<Borrowed<'a, 'py>>,
) -> PyResult<ZlibDecompressor>
/*[clinic end generated code: output=0d46cd7d4401b35e input=55cbf48f30cc4c23]*/
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
