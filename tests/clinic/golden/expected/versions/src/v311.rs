//! 3.11 to 3.14: `decode` takes `strict`.

use ferrocpy::{Borrowed, Module, Owned, PyResult};

/*[clinic input]
module versions python=>=3.11,<3.15
versions.decode

    data: object
    /
    *
    strict: bool = False

Decode data.
[clinic start generated code]*/
fn decode_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    data: Borrowed<'a, 'py>,
    strict: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=6d9c59d16bd85fa6 input=a4e89e69f54ff6d3]*/
{
    Ok(data.to_owned())
}
