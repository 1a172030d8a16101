//! `make_encoder`'s constructor as C declares it from 3.13 on (its docstring changed).

#![allow(unused_variables)]
// C's constructor takes nine arguments.
#![allow(clippy::too_many_arguments)]

use ferrocpy::class::TypeRef;
use ferrocpy::{Borrowed, PyResult};

// The class docstring comes from `ferrocpy::class!` (lib.rs), so this file's class
// entries, which carry the clinic's, are not used.
#[allow(dead_code)]
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
    key_separator: object
    item_separator: object
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
/*[clinic end generated code: output=aceaf164ed2b81d9 input=20f5200a295ab2a1]*/
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
