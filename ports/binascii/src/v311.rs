//! Declarations of 3.11 to 3.14: `a2b_base64` has `strict_mode` (3.15's, with more parameters,
//! is in `v315_existing.rs`).

use crate::State;
use ferrocpy::argconv::ArgBuffer;
use ferrocpy::{Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/v311.rs");
}

/*[clinic input]
module binascii state=State python=>=3.11,<3.15
binascii.a2b_base64

    data: ascii_buffer(handle=True)
    /
    *
    strict_mode: bool(accept={int}, until="3.12") = False
        When set to True, bytes that are not part of the base64 standard are not allowed.
        The same applies to excess data after padding (= / ==).

Decode a line of base64 data.
[clinic start generated code]*/
fn a2b_base64_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &ArgBuffer<'a, 'py>,
    strict_mode: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=1fe297ec84488878 input=1c92dbb24e4ff8b1]*/
{
    crate::a2b_base64_common(module, data, strict_mode)
}
