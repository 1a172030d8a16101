//! Before 3.15: `encode` takes `newline` only.

use ferrocpy::{Borrowed, Module, Owned, PyResult};

/*[clinic input]
module versions python=<3.15
versions.encode

    data: object
    /
    *
    newline: bool = True

Encode data.
[clinic start generated code]*/
fn encode_impl<'a, 'py>(
    module: Module<'a, 'py, ()>,
    data: Borrowed<'a, 'py>,
    newline: bool,
) -> PyResult<Owned<'py>>
/*[clinic end generated code: output=590d1b40d4a44282 input=12bd8b7ecacb558b]*/
{
    Ok(data.to_owned())
}
