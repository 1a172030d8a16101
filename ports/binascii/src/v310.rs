//! Declarations of 3.10: `a2b_base64` has no `strict_mode`.

use crate::State;
use binascii_core as core;
use ferrocpy::argconv::ArgBuffer;
use ferrocpy::{Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/v310.rs");
}

/*[clinic input]
module binascii state=State python=<3.11
binascii.a2b_base64

    data: ascii_buffer(handle=True)
    /

Decode a line of base64 data.
[clinic start generated code]*/
fn a2b_base64_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=41b96010aeb168bb input=909f9092e115e09c]*/
{
    crate::a2b_base64_common(module, data, false)
}

// ---- the hqx functions (deprecated in 3.9, removed in 3.11) -----------------------------------

/// C's `PyErr_WarnEx(PyExc_DeprecationWarning, "binascii.NAME() is deprecated", 1)`.
fn deprecated(module: Module<'_, '_, State>, msg: &str) -> PyResult<()> {
    ferrocpy::raise::warn(module.py(), ferrocpy::raise::Warning::Deprecation, msg, 1)
}

/*[clinic input]
binascii.a2b_hqx

    data: ascii_buffer
    /

Decode .hqx coding.
[clinic start generated code]*/
fn a2b_hqx_impl<'a, 'py>(module: Module<'a, 'py, State>, data: &[u8]) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=3ed3c9261dc61193 input=0d914c680e0eed55]*/
{
    deprecated(module, "binascii.a2b_hqx() is deprecated")?;
    let py = module.py();
    let cap = core::a2b_hqx_len(data.len()).map_err(|e| crate::raise(module, e))?;
    let mut done = false;
    let bytes = ferrocpy::types::bytes::new_with(py, cap, |out| {
        let (written, d) = core::a2b_hqx_into(data, out)?;
        done = d;
        Ok(written)
    })?
    .map_err(|e| crate::raise(module, e))?;
    let done = ferrocpy::IntoPyObject::into_py(i32::from(done), py)?;
    ferrocpy::types::tuple::new(py, vec![bytes, done])
}

/*[clinic input]
binascii.rlecode_hqx

    data: Py_buffer
    /

Binhex RLE-code binary data.
[clinic start generated code]*/
fn rlecode_hqx_impl<'a, 'py>(module: Module<'a, 'py, State>, data: &[u8]) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=5be806b7694970bb input=e1f1712447a82b09]*/
{
    deprecated(module, "binascii.rlecode_hqx() is deprecated")?;
    crate::produce_attached(module, core::rlecode_hqx_len(data.len()), |out| {
        core::rlecode_hqx_into(data, out)
    })
}

/*[clinic input]
binascii.b2a_hqx

    data: Py_buffer
    /

Encode .hqx data.
[clinic start generated code]*/
fn b2a_hqx_impl<'a, 'py>(module: Module<'a, 'py, State>, data: &[u8]) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=32b3372096222ec0 input=9596ebe019fe12ba]*/
{
    deprecated(module, "binascii.b2a_hqx() is deprecated")?;
    crate::produce_attached(module, core::b2a_hqx_len(data.len()), |out| {
        core::b2a_hqx_into(data, out)
    })
}

/*[clinic input]
binascii.rledecode_hqx

    data: Py_buffer
    /

Decode hexbin RLE-coded string.
[clinic start generated code]*/
fn rledecode_hqx_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &[u8],
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=9aa32f1e501ec688 input=54cdd49fc014402c]*/
{
    deprecated(module, "binascii.rledecode_hqx() is deprecated")?;
    crate::produce_attached(module, core::rledecode_hqx_len(data), |out| {
        core::rledecode_hqx_into(data, out)
    })
}
