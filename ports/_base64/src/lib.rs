//! `ferrocpy.ports._base64`: the one function of the upstream "Rust for CPython" prototype,
//! `standard_b64encode(s)`, with the semantics of `base64.standard_b64encode` (that is,
//! `binascii.b2a_base64(s, newline=False)`, errors included), on binascii-core's encoder.

use binascii_core as core;
use ferrocpy::argconv::ArgBuffer;
use ferrocpy::exc::ValueError;
use ferrocpy::{Module, Owned, PyErr, PyResult};

mod clinic {
    include!("clinic/lib.rs");
}

ferrocpy::module! {
    name: "_base64",
    doc: "Base64 encoding in Rust (parity with the Rust-for-CPython prototype's _base64).",
    state: (),
    methods: [clinic::_BASE64_STANDARD_B64ENCODE_METHODDEF],
    // Pure functions of their arguments: safe without the GIL.
    gil_not_used: true,
}

/// Inputs at least this long are encoded with the GIL released (as in the binascii port).
const DETACH_MIN: usize = 64 * 1024;

/// binascii.Error does not exist here; the only core error of the encoder is the size limit,
/// unreachable with a real buffer, raised as its base class.
#[cold]
fn raise(module: Module<'_, '_, ()>, err: core::Error) -> PyErr {
    match err {
        core::Error::MemoryError => ferrocpy::raise::no_memory(module.py()),
        other => ValueError::new_err(module.py(), other.message()),
    }
}

/*[clinic input]
module _base64
_base64.standard_b64encode

    s: Py_buffer(handle=True)

Encode bytes-like object s using the standard Base64 alphabet and return a bytes object.
[clinic start generated code]*/
fn standard_b64encode_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    s: &ArgBuffer<'a, 'py>,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=ed29fc72d87ce68c input=1506fad2d8db782c]*/
{
    let py = module.py();
    // Detached only for large inputs that cannot change meanwhile (`bytes`): a bytearray could
    // be written in place by another thread once the GIL is released.
    let detach = s.len() >= DETACH_MIN && s.is_immutable();
    let bytes: &[u8] = s;
    let cap = core::b2a_base64_len(bytes.len(), false).map_err(|e| raise(module, e))?;
    let r = ferrocpy::types::bytes::new_with(py, cap, |out| {
        if detach {
            py.detach(|| core::b2a_base64_into(bytes, false, out))
        } else {
            core::b2a_base64_into(bytes, false, out)
        }
    })?;
    r.map_err(|e| raise(module, e))
}
