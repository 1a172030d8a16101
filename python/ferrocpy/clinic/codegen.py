"""Rendering: the impl signature (in the source), the glue (in the destination file) and the
docstring with its text signature."""

from __future__ import annotations

import re

from .converters import Ctx, rust_str
from .errors import ClinicError
from .model import Convention, Function, Kind, Parameter
from .parser import rust_ident

MAX_WIDTH = 100  # rustfmt's default; signatures are laid out the way rustfmt lays them out
FC = "::ferrocpy"


def validate_function(fn: Function) -> None:
    """Computes everything that can fail, so bad input is reported before anything is written."""
    for p in fn.parameters:
        try:
            _value_code(fn, p, "x")
        except ClinicError as e:
            if e.line is None:
                e.line = p.line
            raise
    docstring(fn)


# ---- text signature and docstring ---------------------------------------------------------------


SIGNATURE_WIDTH = 72  # CPython's clinic breaks a signature line before it reaches this width


def text_signature(fn: Function) -> str:
    """`($module, a, b=1, /, c, *, d=None)`, as CPython's clinic writes it: a line that would
    reach SIGNATURE_WIDTH columns (counting the function's name before the parenthesis) goes
    on a new line, indented to just after the parenthesis, breaking only between items."""
    ps = fn.parameters

    def fmt(p: Parameter) -> str:
        d = p.py_default
        return p.name if d is None else f"{p.name}={d}"

    if fn.new_or_init:
        # The class's signature: no `self`/`type`, and `/` only after positional-only
        # parameters, as CPython's clinic writes `pairwise(iterable, /)` and `count(start=0, step=1)`.
        parts = [fmt(p) for p in ps if p.kind is Kind.POSITIONAL_ONLY]
        if parts:
            parts.append("/")
    else:
        parts = [fn.self_name]
        parts.extend(fmt(p) for p in ps if p.kind is Kind.POSITIONAL_ONLY)
        parts.append("/")
    parts.extend(fmt(p) for p in ps if p.kind is Kind.POSITIONAL_OR_KEYWORD)
    kwonly = [fmt(p) for p in ps if p.kind is Kind.KEYWORD_ONLY]
    if kwonly:
        parts.append("*")
        parts.extend(kwonly)
    if not parts:
        return "()"
    items = [p + "," for p in parts[:-1]] + parts[-1:]
    indent = len(doc_name(fn)) + 1
    out = ["(", items[0]]
    column = indent + len(items[0])
    for item in items[1:]:
        if column + 1 + len(item) >= SIGNATURE_WIDTH:
            out.append("\n" + " " * indent + item)
            column = indent + len(item)
        else:
            out.append(" " + item)
            column += 1 + len(item)
    return "".join(out) + ")"


def doc_name(fn: Function) -> str:
    """The name on the docstring's signature line: the class's for `__new__`/`__init__`."""
    if fn.new_or_init:
        assert fn.cls is not None
        return fn.cls.short_name
    return fn.name


def docstring(fn: Function) -> str:
    """The full `__doc__` C stores: signature line, `--`, blank line, then the documentation with
    the parameters section after the summary line."""
    lines = [ln.rstrip() for ln in fn.docstring.split("\n")] if fn.docstring else [""]
    if len(lines) == 1:
        lines.append("")
    if "{parameters}" not in fn.docstring:
        lines.insert(2, "{parameters}")
    section = []
    for p in fn.parameters:
        if not p.docstring.strip():
            continue
        section.append("  " + p.name)
        section.extend(("    " + ln) if ln.strip() else "" for ln in p.docstring.rstrip().split("\n"))
    body = []
    for ln in lines:
        if ln.strip() == "{parameters}":
            if section:
                body.extend(section)
                body.append("")
            continue
        body.append(ln)
    text = "\n".join(body).rstrip()
    if fn.parse_tuple:
        # A hand-written docstring, as C's: no signature line, so no `__text_signature__`.
        return text
    header = f"{doc_name(fn)}{text_signature(fn)}\n--\n\n"
    return header + text


# ---- impl signature ---------------------------------------------------------------------------


def state_in_source(fn: Function) -> str:
    return fn.module.state


def _in_glue(ty: str) -> str:
    """A type named in the source, as the glue (a child module of it) names it."""
    if ty == "()" or ty.startswith("crate::") or ty.startswith("::"):
        return ty
    return "super::" + ty


def state_in_glue(fn: Function) -> str:
    return _in_glue(fn.module.state)


def self_kind_in_glue(fn: Function) -> str:
    """The `SelfKind` of `fn`'s method table: the module state, or the class's instance type."""
    if fn.cls is not None:
        return f"{FC}::class::Instance<{_in_glue(fn.cls.rust_type)}>"
    return state_in_glue(fn)


def self_param_in_glue(fn: Function) -> str:
    if fn.cls is not None:
        return f"__self: {FC}::Ref<'a, 'py, {_in_glue(fn.cls.rust_type)}>"
    return f"__module: {FC}::Module<'a, 'py, {state_in_glue(fn)}>"


def self_var(fn: Function) -> str:
    if fn.slot == "new":
        return "__cls"
    return "__self" if fn.cls is not None else "__module"


SLOT_RETURNS = {
    "new": None,  # the class's Rust type
    "init": "PyResult<()>",
    "len": "PyResult<usize>",
    "hash": "PyResult<isize>",
    "next": "PyResult<Option<Owned<'py>>>",
}


def impl_return(fn: Function) -> str:
    if fn.slot == "new":
        assert fn.cls is not None
        return f"PyResult<{fn.cls.rust_type}>"
    if fn.slot in SLOT_RETURNS:
        return SLOT_RETURNS[fn.slot]  # type: ignore[return-value]
    return fn.return_converter.impl_return


def impl_signature(fn: Function) -> str:
    if fn.getset is not None:
        assert fn.cls is not None
        head = f"fn {fn.impl_name}<'a, 'py>(slf: Ref<'a, 'py, {fn.cls.rust_type}>"
        if fn.getset == "get":
            one = head + ") -> PyResult<Owned<'py>>"
        else:
            one = head + ", value: Option<Borrowed<'a, 'py>>) -> PyResult<()>"
        if len(one) + 2 <= MAX_WIDTH:
            return one + "\n"
        rest = ["value: Option<Borrowed<'a, 'py>>"] if fn.getset == "set" else []
        ret = "PyResult<Owned<'py>>" if fn.getset == "get" else "PyResult<()>"
        lines = [f"fn {fn.impl_name}<'a, 'py>(", f"    slf: Ref<'a, 'py, {fn.cls.rust_type}>,"]
        lines += [f"    {r}," for r in rest]
        lines.append(f") -> {ret}")
        return "\n".join(lines) + "\n"
    if fn.slot == "new":
        assert fn.cls is not None
        params = [f"cls: TypeRef<'a, 'py, {fn.cls.rust_type}>"]
    elif fn.cls is not None:
        params = [f"slf: Ref<'a, 'py, {fn.cls.rust_type}>"]
        if fn.defining_class is not None:
            params.append(f"{rust_ident(fn.defining_class)}: Borrowed<'a, 'py>")
    else:
        params = [f"module: Module<'a, 'py, {state_in_source(fn)}>"]
    params += [f"{rust_ident(p.name)}: {p.converter.impl_type(p)}" for p in fn.parameters]
    ret = impl_return(fn)
    head = f"fn {fn.impl_name}<'a, 'py>("
    one = head + ", ".join(params) + f") -> {ret}"
    # rustfmt keeps a signature on one line when it fits together with ` {`.
    if len(one) + 2 <= MAX_WIDTH:
        return one + "\n"
    out = [head]
    out += [f"    {p}," for p in params]
    out.append(f") -> {ret}")
    return "\n".join(out) + "\n"


# ---- glue -------------------------------------------------------------------------------------


def _value_code(fn: Function, p: Parameter, src: str, required_src: bool = False) -> list[str]:
    """Statements binding `v{i}` (the impl's value) from `src`, an `Option<Borrowed>` expression
    (or a `Borrowed` when `required_src`)."""
    conv = p.converter
    i = p.index
    ctx = Ctx(fname=fn.fname, argname=p.display_name(fn.convention))
    if required_src or p.required:
        obj = src if required_src else f"{FC}::argconv::required({self_var(fn)}.py(), {src})?"
        expr = conv.convert_param(obj, ctx, p)
        if conv.holder:
            return [f"let h{i} = {expr};", f"let v{i} = {conv.view(f'h{i}')};"]
        return [f"let v{i} = {expr};"]
    if conv.optional_impl(p):
        expr = conv.convert_param("o", ctx, p)
        if conv.holder:
            return [
                f"let h{i};",
                f"let v{i}: Option<{conv.rust_base}> = match {src} {{",
                "    Some(o) => {",
                f"        h{i} = {expr};",
                f"        Some({conv.view(f'h{i}')})",
                "    }",
                "    None => None,",
                "};",
            ]
        if expr == "o":
            return [f"let v{i} = {src};"]
        return [f"let v{i} = match {src} {{", f"    Some(o) => Some({expr}),", "    None => None,", "};"]
    default = conv.rust_default(p)
    expr = conv.convert_param("o", ctx, p)
    if conv.holder:
        return [
            f"let h{i};",
            f"let v{i}: {conv.rust_base} = match {src} {{",
            "    Some(o) => {",
            f"        h{i} = {expr};",
            f"        {conv.view(f'h{i}')}",
            "    }",
            f"    None => {default},",
            "};",
        ]
    return [f"let v{i} = match {src} {{", f"    Some(o) => {expr},", f"    None => {default},", "};"]


def _call_impl(fn: Function) -> list[str]:
    first = [self_var(fn)] + (["__cls"] if fn.defining_class is not None else [])
    args = ", ".join(first + [f"v{p.index}" for p in fn.parameters])
    call = f"super::{fn.impl_name}({args})"
    if fn.critical_section:
        by_name = {p.name: f"v{p.index}" for p in fn.parameters}
        objs = [f"{self_var(fn)}.as_borrowed()" if n == "self" else by_name[n] for n in fn.critical_section]
        method = "with_critical_section" if len(objs) == 1 else "with_critical_section2"
        call = f"{self_var(fn)}.py().{method}({', '.join(objs)}, || {call})"
    if fn.return_converter.rust is None or (fn.slot is not None and fn.slot != "call"):
        return [call]
    return [f"let r = {call}?;", f"{FC}::IntoPyObject::into_py(r, __py)"]


def glue_name(fn: Function) -> str:
    """The Rust name of `fn`'s glue function: C's name (`c_basename`) with every inner run of
    underscores collapsed to one, so that it is snake case for rustc (`_heapq._heappop_max` is
    `_heapq__heappop_max` in C, `_heapq_heappop_max` here). Leading underscores are kept."""
    name = fn.c_basename
    stripped = name.lstrip("_")
    lead = name[: len(name) - len(stripped)]
    out = lead + re.sub(r"_{2,}", "_", stripped)
    # Methods: `zlib_Decompress_flush` -> `zlib_decompress_flush`.
    return out.lower() if fn.cls is not None else out


def params_static(fn: Function) -> str:
    ps = fn.parameters
    posonly = sum(p.kind is Kind.POSITIONAL_ONLY for p in ps)
    max_pos = sum(p.kind is not Kind.KEYWORD_ONLY for p in ps)
    min_pos = 0
    for p in ps:
        if p.kind is Kind.KEYWORD_ONLY or not p.required:
            break
        min_pos += 1
    min_kwonly = sum(p.kind is Kind.KEYWORD_ONLY and p.required for p in ps)
    names = ", ".join(rust_str(p.name) for p in ps)
    return (
        f"static {fn.c_basename.upper()}_PARAMS: {FC}::args::Params = {FC}::args::Params {{\n"
        f"    fname: {rust_str(fn.fname)},\n"
        f"    names: &[{names}],\n"
        f"    posonly: {posonly},\n"
        f"    max_pos: {max_pos},\n"
        f"    min_pos: {min_pos},\n"
        f"    min_kwonly: {min_kwonly},\n"
        "};\n"
    )


def _positional_values(fn: Function, ps: list[Parameter], src: str) -> list[str]:
    """The conversions of positional-only parameters read from the slice `src` (already
    checked to hold every required one)."""
    lines: list[str] = []
    for p in ps:
        if p.required:
            lines += _value_code(fn, p, f"{src}[{p.index}]", required_src=True)
        else:
            getter = "first()" if p.index == 0 else f"get({p.index})"
            lines += _value_code(fn, p, f"{src}.{getter}.copied()")
    return lines


def macro_kind(fn: Function) -> str:
    """The `ferrocpy::function!` form: the convention, with `noargs_method` for methods."""
    if fn.cls is not None and fn.convention is Convention.NOARGS:
        return "noargs_method"
    return fn.convention.value


def slot_glue(fn: Function) -> str:
    """The glue of a special method that is a type slot, and its `SlotDef` (plus, for
    `__new__`/`__init__`, the class docstring as a `Py_tp_doc` slot)."""
    assert fn.cls is not None and fn.slot is not None
    ty = _in_glue(fn.cls.rust_type)
    sv = self_var(fn)
    ps = fn.parameters
    body: list[str] = []
    pre = ""
    ret = f"{FC}::PyResult<{FC}::Owned<'py>>"
    if fn.slot == "new":
        sig_params = [f"__cls: {FC}::class::TypeRef<'a, 'py, {ty}>"]
        ret = f"{FC}::PyResult<{ty}>"
    else:
        sig_params = [f"__self: {FC}::Ref<'a, 'py, {ty}>"]
    if fn.slot == "init":
        ret = f"{FC}::PyResult<()>"
    if fn.slot in ("new", "init", "call"):
        sig_params.append(f"__args: {FC}::args::FastcallArgs<'a, 'py>")
        check = {
            "new": f"{FC}::class::slots::new_checks_args({sv})",
            "init": f"{FC}::class::slots::init_checks_args({sv})",
            "call": "true",
        }[fn.slot]
        name = rust_str(fn.fname)
        if not ps:
            if fn.slot == "call":
                body.append(f"{FC}::args::check_no_arguments(__args, {name})?;")
            else:
                body.append(f"let __check = {check};")
                body.append(f"{FC}::class::slots::check_no_positional({sv}.py(), __check, __args, {name})?;")
                body.append(f"{FC}::class::slots::check_no_keywords({sv}.py(), __check, __args, {name})?;")
        elif all(p.kind is Kind.POSITIONAL_ONLY for p in ps):
            nmin = sum(p.required for p in ps)
            body.append(f"{FC}::class::slots::check_no_keywords({sv}.py(), {check}, __args, {name})?;")
            body.append("let __pos = __args.positional();")
            body.append(f"{FC}::args::check_positional({sv}.py(), {name}, __pos.len(), {nmin}, {len(ps)})?;")
            for p in ps:
                if p.required:
                    body += _value_code(fn, p, f"__pos[{p.index}]", required_src=True)
                else:
                    getter = "first()" if p.index == 0 else f"get({p.index})"
                    body += _value_code(fn, p, f"__pos.{getter}.copied()")
        else:
            pre = params_static(fn) + "\n"
            slots = ", ".join(f"s{p.index}" for p in ps)
            body.append(f"let [{slots}] = {fn.c_basename.upper()}_PARAMS.bind::<{len(ps)}>(__args)?;")
            for p in ps:
                body += _value_code(fn, p, f"s{p.index}")
    elif fn.slot == "getitem":
        sig_params.append(f"{rust_ident(ps[0].name)}: {FC}::Borrowed<'a, 'py>")
        body.append(f"let v0 = {rust_ident(ps[0].name)};")
    if fn.slot == "len":
        ret = f"{FC}::PyResult<usize>"
    elif fn.slot == "hash":
        ret = f"{FC}::PyResult<isize>"
    elif fn.slot == "next":
        ret = f"{FC}::PyResult<Option<{FC}::Owned<'py>>>"
    body += _call_impl(fn)
    if any("__py" in ln for ln in body):
        body.insert(0, f"let __py = {sv}.py();")
    head = f"fn {glue_name(fn)}<'a, 'py>("
    one = head + ", ".join(sig_params) + f") -> {ret} {{"
    if len(one) <= MAX_WIDTH:
        sig = one
    else:
        sig = head + "\n" + "".join(f"    {s},\n" for s in sig_params) + f") -> {ret} {{"
    const = fn.c_basename.upper()
    out = (
        f"pub(crate) const {const}_SLOTDEF: {FC}::class::SlotDef<{ty}> =\n"
        f"    {FC}::slot!({fn.slot}, {ty}, {glue_name(fn)});\n"
    )
    if fn.new_or_init and fn.class_doc:
        out += (
            f"\npub(crate) const {const}_DOC: {FC}::class::SlotDef<{ty}> = {FC}::class::SlotDef::doc(\n"
            f"    match ::std::ffi::CStr::from_bytes_with_nul(concat!({rust_str(docstring(fn))}, \"\\0\").as_bytes()) {{\n"
            "        Ok(s) => s,\n"
            "        Err(_) => panic!(\"docstring contains NUL\"),\n"
            "    },\n"
            ");\n"
        )
    glue_fn = sig + "\n" + "".join(f"    {ln}\n" for ln in body) + "}\n"
    return f"// ---- {fn.full_name} " + "-" * max(4, 90 - len(fn.full_name)) + "\n\n" + out + "\n" + pre + glue_fn


def getset_glue(fn: Function) -> str:
    """A `@getter` gives the attribute's `GetSetDef` (with the setter of the same file's
    `@setter` block merged in, as CPython's clinic merges the two `#define`s); a `@setter`
    alone gives a write-only attribute."""
    assert fn.cls is not None
    ty = _in_glue(fn.cls.rust_type)
    const = f"{fn.c_basename.upper()}_GETSETDEF"
    setter = f"{FC}::getset!(set, {ty}, {rust_str(fn.name)}, super::{fn.impl_name.replace('_get_impl', '_set_impl')})"
    if fn.getset == "set":
        if fn.has_getter:
            return ""
        expr = f"{FC}::getset!(set, {ty}, {rust_str(fn.name)}, super::{fn.impl_name})"
    else:
        doc = rust_str(fn.docstring) if fn.docstring.strip() else "None"
        expr = f"{FC}::getset!(get, {ty}, {rust_str(fn.name)}, {doc}, super::{fn.impl_name})"
        if fn.has_setter:
            expr += f"\n    .with_setter({setter})"
    return (
        f"// ---- {fn.full_name} (@{fn.getset}ter) " + "-" * max(4, 80 - len(fn.full_name)) + "\n\n"
        f"pub(crate) const {const}: {FC}::class::GetSetDef<{ty}> =\n    {expr};\n"
    )


def glue(fn: Function) -> str:
    if fn.getset is not None:
        return getset_glue(fn)
    if fn.slot is not None:
        return slot_glue(fn)
    conv = fn.convention
    st = self_kind_in_glue(fn)
    sv = self_var(fn)
    sig_params = [self_param_in_glue(fn)]
    body: list[str] = []
    ps = fn.parameters
    pre = ""
    if conv is Convention.O:
        sig_params.append(f"arg: {FC}::Borrowed<'a, 'py>")
        body += _value_code(fn, ps[0], "arg", required_src=True)
    elif conv is Convention.FASTCALL:
        sig_params.append(f"__args: &'a [{FC}::Borrowed<'a, 'py>]")
        nmin = sum(p.required for p in ps)
        body.append(
            f"{FC}::args::check_positional({sv}.py(), {rust_str(fn.name)}, __args.len(), {nmin}, {len(ps)})?;"
        )
        body += _positional_values(fn, ps, "__args")
    elif conv is Convention.DEFINING_CLASS and not ps:
        sig_params += [f"__cls: {FC}::Borrowed<'a, 'py>", f"__args: {FC}::args::FastcallArgs<'a, 'py>"]
        body.append(f"{FC}::args::check_no_arguments(__args, {rust_str(fn.name)})?;")
    elif conv is Convention.FASTCALL_KEYWORDS and fn.parse_tuple:
        sig_params.append(f"__args: {FC}::args::FastcallArgs<'a, 'py>")
        nmin = sum(p.required for p in ps)
        body.append(
            f"let __pos = {FC}::args::check_parse_tuple_call({sv}.py(), {rust_str(fn.name)}, __args, {nmin}, {len(ps)})?;"
        )
        body += _positional_values(fn, ps, "__pos")
    elif conv in (Convention.FASTCALL_KEYWORDS, Convention.DEFINING_CLASS):
        if conv is Convention.DEFINING_CLASS:
            sig_params.append(f"__cls: {FC}::Borrowed<'a, 'py>")
        sig_params.append(f"__args: {FC}::args::FastcallArgs<'a, 'py>")
        pre = params_static(fn) + "\n"
        slots = ", ".join(f"s{p.index}" for p in ps)
        body.append(f"let [{slots}] = {fn.c_basename.upper()}_PARAMS.bind::<{len(ps)}>(__args)?;")
        for p in ps:
            body += _value_code(fn, p, f"s{p.index}")
    body += _call_impl(fn)
    if any("__py" in ln for ln in body):
        body.insert(0, f"let __py = {sv}.py();")
    ret = f"{FC}::PyResult<{FC}::Owned<'py>>"
    head = f"fn {glue_name(fn)}<'a, 'py>("
    one = head + ", ".join(sig_params) + f") -> {ret} {{"
    if len(one) <= MAX_WIDTH:
        sig = one
    else:
        sig = head + "\n" + "".join(f"    {s},\n" for s in sig_params) + f") -> {ret} {{"
    doc = rust_str(docstring(fn))
    methoddef = (
        f"pub(crate) const {fn.methoddef}: {FC}::MethodDef<{st}> = {FC}::function!(\n"
        f"    {macro_kind(fn)},\n"
        f"    {st},\n"
        f"    {rust_str(fn.name)},\n"
        f"    {doc},\n"
        f"    {glue_name(fn)}\n"
        ");\n"
    )
    glue_fn = sig + "\n" + "".join(f"    {ln}\n" for ln in body) + "}\n"
    return f"// ---- {fn.full_name} " + "-" * max(4, 90 - len(fn.full_name)) + "\n\n" + methoddef + "\n" + pre + glue_fn
