//! Probes of the safe layer's object types and calls (`types::dict`, `types::str` code points,
//! `types::float::repr`, `types::iter`, keyword calls, the recursion guard, `StopIteration`
//! values and chained exceptions), called by tests/test_safe_layer_types.py.

use crate::{State, M};
use ferrocpy::types::{dict, float, iter, list, str as pystr, tuple};
use ferrocpy::{Borrowed, IntoPyObject, Owned, PyErr, PyResult};

fn arity<'a, 'py>(
    m: M<'a, 'py>,
    name: &str,
    args: &'a [Borrowed<'a, 'py>],
    n: usize,
) -> PyResult<()> {
    ferrocpy::args::check_positional(m.py(), name, args.len(), n, n)
}

// ---- dict ---------------------------------------------------------------------------------

pub const DICT_BUILD: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o, State, "dict_build",
    "dict_build($module, pairs, /)\n--\n\nBuild a dict from (key, value) pairs with types::dict::set; return (dict, items in order, len).",
    dict_build
);

fn dict_build<'a, 'py>(m: M<'a, 'py>, pairs: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    let py = m.py();
    let d = dict::new(py)?;
    for pair in iter::iter(pairs)? {
        let pair = pair?;
        let (Some(k), Some(v)) = (
            tuple::get(pair.as_borrowed(), 0),
            tuple::get(pair.as_borrowed(), 1),
        ) else {
            return Err(ferrocpy::exc::TypeError::new_err(
                py,
                "pairs must be 2-tuples",
            ));
        };
        dict::set(d.as_borrowed(), k, v)?;
    }
    let mut items = Vec::new();
    for kv in dict::items(d.as_borrowed())? {
        let (k, v) = kv?;
        items.push(tuple::new(py, vec![k, v])?);
    }
    let items = list::from_vec(py, items)?;
    let n = dict::len(d.as_borrowed())?.into_py(py)?;
    tuple::new(py, vec![d, items, n])
}

pub const DICT_GET: ferrocpy::MethodDef<State> =
    ferrocpy::function!(
    fastcall, State, "dict_get",
    "dict_get($module, d, key, /)\n--\n\nReturn (key in d, d[key] or None) through types::dict.",
    dict_get
);

fn dict_get<'a, 'py>(m: M<'a, 'py>, args: &'a [Borrowed<'a, 'py>]) -> PyResult<Owned<'py>> {
    arity(m, "dict_get", args, 2)?;
    let py = m.py();
    let found = dict::contains(args[0], args[1])?;
    let value = match dict::get(args[0], args[1])? {
        Some(v) => v,
        None => py.none().to_owned(),
    };
    tuple::new(py, vec![py.bool(found).to_owned(), value])
}

pub const DICT_WALK: ferrocpy::MethodDef<State> = ferrocpy::function!(
    fastcall, State, "dict_walk",
    "dict_walk($module, d, callback, /)\n--\n\nCall callback(key, value) for each item of d in order; return the keys seen.",
    dict_walk
);

fn dict_walk<'a, 'py>(m: M<'a, 'py>, args: &'a [Borrowed<'a, 'py>]) -> PyResult<Owned<'py>> {
    arity(m, "dict_walk", args, 2)?;
    let py = m.py();
    let seen = list::new(py)?;
    for kv in dict::items(args[0])? {
        let (k, v) = kv?;
        args[1].call(&[k.as_borrowed(), v.as_borrowed()])?;
        list::append(seen.as_borrowed(), k.as_borrowed())?;
    }
    Ok(seen)
}

// ---- str ----------------------------------------------------------------------------------

pub const STR_CHARS: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "str_chars",
    "str_chars($module, s, /)\n--\n\nReturn (kind, code points) of s read in place.",
    str_chars
);

fn str_chars<'a, 'py>(m: M<'a, 'py>, s: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    let py = m.py();
    let chars = pystr::chars(s)?;
    let kind: u32 = match chars {
        pystr::Chars::Latin1(_) => 1,
        pystr::Chars::Ucs2(_) => 2,
        pystr::Chars::Ucs4(_) => 4,
    };
    let points = chars
        .iter()
        .map(|c| c.into_py(py))
        .collect::<PyResult<Vec<_>>>()?;
    tuple::new(py, vec![kind.into_py(py)?, list::from_vec(py, points)?])
}

pub const STR_FROM_POINTS: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "str_from_points",
    "str_from_points($module, points, /)\n--\n\nBuild a str from a list of code points.",
    str_from_points
);

fn str_from_points<'a, 'py>(m: M<'a, 'py>, points: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    let mut v = Vec::new();
    for p in iter::iter(points)? {
        v.push(p?.as_borrowed().extract::<u32>()?);
    }
    pystr::from_code_points(m.py(), &v)
}

pub const STR_SUBSTRING: ferrocpy::MethodDef<State> = ferrocpy::function!(
    fastcall,
    State,
    "str_substring",
    "str_substring($module, s, start, end, /)\n--\n\nReturn s[start:end] made by types::str::substring.",
    str_substring
);

fn str_substring<'a, 'py>(m: M<'a, 'py>, args: &'a [Borrowed<'a, 'py>]) -> PyResult<Owned<'py>> {
    arity(m, "str_substring", args, 3)?;
    pystr::substring(
        args[0],
        args[1].extract::<usize>()?,
        args[2].extract::<usize>()?,
    )
}

pub const STR_FROM_ASCII: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "str_from_ascii",
    "str_from_ascii($module, data, /)\n--\n\nReturn the str of ASCII bytes made by types::str::from_ascii.",
    str_from_ascii
);

fn str_from_ascii<'a, 'py>(m: M<'a, 'py>, data: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    let mut v = Vec::new();
    for b in iter::iter(data)? {
        v.push(b?.as_borrowed().extract::<u8>()?);
    }
    pystr::from_ascii(m.py(), &v)
}

pub const LIST_FROM_SLICE: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "list_from_slice",
    "list_from_slice($module, items, /)\n--\n\nReturn a list of the iterable's items made by types::list::from_slice.",
    list_from_slice
);

fn list_from_slice<'a, 'py>(m: M<'a, 'py>, items: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    let mut v = Vec::new();
    for item in iter::iter(items)? {
        v.push(item?);
    }
    list::from_slice(m.py(), &v)
}

pub const LIST_INSERT: ferrocpy::MethodDef<State> = ferrocpy::function!(
    fastcall,
    State,
    "list_insert",
    "list_insert($module, lst, i, item, /)\n--\n\nInsert item at i with types::list::insert; return None.",
    list_insert
);

fn list_insert<'a, 'py>(m: M<'a, 'py>, args: &'a [Borrowed<'a, 'py>]) -> PyResult<Owned<'py>> {
    arity(m, "list_insert", args, 3)?;
    let i: isize = args[1].extract()?;
    list::insert(args[0], i, args[2])?;
    Ok(m.py().none().to_owned())
}

pub const LIST_APPEND: ferrocpy::MethodDef<State> = ferrocpy::function!(
    fastcall,
    State,
    "list_append",
    "list_append($module, lst, item, /)\n--\n\nAppend item with types::list::append; return None.",
    list_append
);

fn list_append<'a, 'py>(m: M<'a, 'py>, args: &'a [Borrowed<'a, 'py>]) -> PyResult<Owned<'py>> {
    arity(m, "list_append", args, 2)?;
    list::append(args[0], args[1])?;
    Ok(m.py().none().to_owned())
}

pub const LIST_POP_LAST: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "list_pop_last",
    "list_pop_last($module, lst, /)\n--\n\nRemove and return the last item with types::list::pop_last (None if empty).",
    list_pop_last
);

fn list_pop_last<'a, 'py>(m: M<'a, 'py>, lst: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    Ok(list::pop_last(lst)?.unwrap_or_else(|| m.py().none().to_owned()))
}

// ---- float --------------------------------------------------------------------------------

pub const FLOAT_REPR: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "float_repr",
    "float_repr($module, x, /)\n--\n\nReturn repr(float(x)) written by types::float::repr.",
    float_repr
);

fn float_repr<'a, 'py>(m: M<'a, 'py>, x: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    let value: f64 = x.extract()?;
    float::repr(m.py(), value)?.into_py(m.py())
}

// ---- iteration and calls ------------------------------------------------------------------

pub const ITERATE: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "iterate",
    "iterate($module, iterable, /)\n--\n\nReturn list(iterable), stepped through types::iter.",
    iterate
);

fn iterate<'a, 'py>(m: M<'a, 'py>, obj: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    let items = iter::iter(obj)?.collect::<PyResult<Vec<_>>>()?;
    list::from_vec(m.py(), items)
}

pub const CALL1: ferrocpy::MethodDef<State> = ferrocpy::function!(
    fastcall,
    State,
    "call1",
    "call1($module, f, arg, /)\n--\n\nReturn f(arg) through Borrowed::call1.",
    call1
);

fn call1<'a, 'py>(m: M<'a, 'py>, args: &'a [Borrowed<'a, 'py>]) -> PyResult<Owned<'py>> {
    arity(m, "call1", args, 2)?;
    args[0].call1(args[1])
}

pub const CALL: ferrocpy::MethodDef<State> = ferrocpy::function!(
    fastcall,
    State,
    "call",
    "call($module, f, args, /)\n--\n\nReturn f(*args) through Borrowed::call.",
    call
);

fn call<'a, 'py>(m: M<'a, 'py>, args: &'a [Borrowed<'a, 'py>]) -> PyResult<Owned<'py>> {
    arity(m, "call", args, 2)?;
    let n = tuple::len(args[1]).unwrap_or(0);
    let positional: Vec<Borrowed<'_, 'py>> =
        (0..n).filter_map(|i| tuple::get(args[1], i)).collect();
    args[0].call(&positional)
}

pub const CALL_KW: ferrocpy::MethodDef<State> = ferrocpy::function!(
    fastcall, State, "call_kw",
    "call_kw($module, f, args, kwargs, /)\n--\n\nReturn f(*args, **kwargs) through one vectorcall with keyword names.",
    call_kw
);

fn call_kw<'a, 'py>(m: M<'a, 'py>, args: &'a [Borrowed<'a, 'py>]) -> PyResult<Owned<'py>> {
    arity(m, "call_kw", args, 3)?;
    let n = tuple::len(args[1]).unwrap_or(0);
    let positional: Vec<Borrowed<'_, 'py>> =
        (0..n).filter_map(|i| tuple::get(args[1], i)).collect();
    let mut names = Vec::new();
    let mut values = Vec::new();
    for kv in dict::items(args[2])? {
        let (k, v) = kv?;
        names.push(pystr::as_utf8(k.as_borrowed())?.to_owned());
        values.push(v);
    }
    let kwargs: Vec<(&str, Borrowed<'_, 'py>)> = names
        .iter()
        .map(String::as_str)
        .zip(values.iter().map(Owned::as_borrowed))
        .collect();
    args[0].call_kw(&positional, &kwargs)
}

pub const CALL_METHOD: ferrocpy::MethodDef<State> = ferrocpy::function!(
    fastcall,
    State,
    "call_method",
    "call_method($module, obj, name, args, /)\n--\n\nReturn getattr(obj, name)(*args).",
    call_method
);

fn call_method<'a, 'py>(m: M<'a, 'py>, args: &'a [Borrowed<'a, 'py>]) -> PyResult<Owned<'py>> {
    arity(m, "call_method", args, 3)?;
    let name: &str = args[1].extract()?;
    let n = tuple::len(args[2]).unwrap_or(0);
    let rest: Vec<Borrowed<'_, 'py>> = (0..n).filter_map(|i| tuple::get(args[2], i)).collect();
    args[0].call_method(name, &rest)
}

// ---- recursion guard, StopIteration, chaining ----------------------------------------------

pub const NEST: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o, State, "nest",
    "nest($module, depth, /)\n--\n\nRecurse depth levels in Rust, each behind the recursion guard; return the depth reached.",
    nest_glue
);

fn nest_glue<'a, 'py>(m: M<'a, 'py>, depth: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    let depth: usize = depth.extract()?;
    nest(m.py(), depth)?.into_py(m.py())
}

fn nest(py: ferrocpy::Python<'_>, depth: usize) -> PyResult<usize> {
    if depth == 0 {
        return Ok(0);
    }
    let _guard = py.enter_recursive_call(c" in ferrocpy selftest nest")?;
    Ok(nest(py, depth - 1)? + 1)
}

pub const STOP_WITH: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "stop_with",
    "stop_with($module, value, /)\n--\n\nRaise StopIteration(value).",
    stop_with
);

fn stop_with<'a, 'py>(m: M<'a, 'py>, value: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    Err(PyErr::stop_iteration(m.py(), value))
}

pub const RAISE_FROM: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o, State, "raise_from",
    "raise_from($module, message, /)\n--\n\nRaise ValueError('inner'), then TypeError(message) from it.",
    raise_from
);

fn raise_from<'a, 'py>(m: M<'a, 'py>, message: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    let py = m.py();
    let msg: String = message.extract()?;
    let inner = ferrocpy::exc::ValueError::new_err(py, "inner");
    Err(inner.raise_from(py, |py| ferrocpy::exc::TypeError::new_err(py, msg)))
}

// ---- int of any size ------------------------------------------------------------------------

pub const INT_FROM_DECIMAL: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "int_from_decimal",
    "int_from_decimal($module, digits, /)\n--\n\nint(digits) through types::int::from_decimal.",
    int_from_decimal
);

fn int_from_decimal<'a, 'py>(m: M<'a, 'py>, digits: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    let text: &str = digits.extract()?;
    ferrocpy::types::int::from_decimal(m.py(), text)
}

pub const INT_TO_DECIMAL: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "int_to_decimal",
    "int_to_decimal($module, x, /)\n--\n\nint.__repr__(x) through types::int::to_decimal.",
    int_to_decimal
);

fn int_to_decimal<'a, 'py>(_m: M<'a, 'py>, x: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    ferrocpy::types::int::to_decimal(x)
}

pub const INT_TO_I64: ferrocpy::MethodDef<State> = ferrocpy::function!(
    o,
    State,
    "int_to_i64",
    "int_to_i64($module, x, /)\n--\n\nThe int's value if it fits i64, else None (types::int::to_i64).",
    int_to_i64
);

fn int_to_i64<'a, 'py>(m: M<'a, 'py>, x: Borrowed<'a, 'py>) -> PyResult<Owned<'py>> {
    match ferrocpy::types::int::to_i64(x) {
        Some(v) => v.into_py(m.py()),
        None => Ok(m.py().none().to_owned()),
    }
}
