//! `make_encoder`'s constructor as C declares it from 3.13 on (its docstring changed).

#![allow(unused_variables)]
// C's constructor takes nine arguments.
#![allow(clippy::too_many_arguments)]

use ferrocpy::class::TypeRef;
use ferrocpy::{Borrowed, PyResult};

pub(crate) mod clinic {
    include!("clinic/v313.rs");
}

/*[clinic input]
module _json state=crate::State python=>=3.13
class _json.make_encoder "crate::Encoder"
@classmethod
_json.make_encoder.__new__

    markers: object
    default: object
    encoder: object
    indent: object
    key_separator: unicode
    item_separator: unicode
    sort_keys: bool
    skipkeys: bool
    allow_nan: bool

Encoder(markers, default, encoder, indent, key_separator, item_separator, sort_keys, skipkeys, allow_nan)
[clinic start generated code]*/
fn make_encoder_new_impl<'a, 'py>(
    cls: TypeRef<'a, 'py, crate::Encoder>,
    markers: Borrowed<'a, 'py>,
    default: Borrowed<'a, 'py>,
    encoder: Borrowed<'a, 'py>,
    indent: Borrowed<'a, 'py>,
    key_separator: Borrowed<'a, 'py>,
    item_separator: Borrowed<'a, 'py>,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
) -> PyResult<crate::Encoder>
/*[clinic end generated code: output=aceaf164ed2b81d9 input=5744fbf29553b86d]*/
{
    crate::encoder_new(
        cls,
        markers,
        default,
        encoder,
        indent,
        key_separator,
        item_separator,
        sort_keys,
        skipkeys,
        allow_nan,
    )
}
