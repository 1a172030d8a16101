//! Declarations of 3.10: `a2b_base64` has no `strict_mode`.

use crate::State;
use ferrocpy::{Module, Owned, PyResult};

pub(crate) mod clinic {
    include!("clinic/v310.rs");
}

/*[clinic input]
module binascii state=State
binascii.a2b_base64

    data: ascii_buffer
    /

Decode a line of base64 data.
[clinic start generated code]*/
fn a2b_base64_impl<'a, 'py>(module: Module<'a, 'py, State>, data: &[u8]) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=8fd65b53680dc748 input=bfed48c3dbd2acb0]*/
{
    crate::a2b_base64_common(module, data, false)
}
