//! Declarations of 3.11 and later: `a2b_base64` has `strict_mode`.

use crate::State;
use ferrocpy::{Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/v311.rs");
}

/*[clinic input]
module binascii state=State
binascii.a2b_base64

    data: ascii_buffer
    /
    *
    strict_mode: bool(accept={int}, until="3.12") = False
        When set to True, bytes that are not part of the base64 standard are not allowed.
        The same applies to excess data after padding (= / ==).

Decode a line of base64 data.
[clinic start generated code]*/
fn a2b_base64_impl<'a, 'py>(
    module: Module<'a, 'py, State>,
    data: &[u8],
    strict_mode: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=58ded24712aeb7b5 input=17836270135ad661]*/
{
    crate::a2b_base64_common(module, data, strict_mode)
}
