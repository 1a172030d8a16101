"""Finding clinic blocks in Rust source and parsing the clinic language inside them."""

from __future__ import annotations

import ast
import re
import shlex
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .converters import make_converter, make_return_converter
from .errors import ClinicError
from .model import (
    SLOT_KINDS, UNSUPPORTED_SPECIAL, Block, Class, Default, DefaultKind, Function, Kind, Module, Parameter,
    VersionRange,
)

INPUT_MARKER = "/*[clinic input]"
START_MARKER = "[clinic start generated code]*/"
END_RE = re.compile(
    r"^/\*\[clinic end generated code: output=(?P<output>[0-9a-f]{16}) "
    r"input=(?P<input>[0-9a-f]{16})\]\*/$"
)
END_PREFIX = "/*[clinic end generated code:"

RUST_KEYWORDS = {
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use",
    "where", "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv",
    "typeof", "unsized", "virtual", "yield", "try", "gen",
}
UNRAWABLE = {"self", "Self", "super", "crate", "_"}
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def snake_case(name: str) -> str:
    """`BytesIO` -> `bytes_io`, `Decompress` -> `decompress` (for Rust function names)."""
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    return s.lower()


def rust_ident(name: str) -> str:
    """`name` as a Rust identifier (raw identifier for keywords)."""
    if name in UNRAWABLE:
        return name + "_"
    if name in RUST_KEYWORDS:
        return "r#" + name
    return name


def scan_blocks(text: str, path: Path) -> list[Block]:
    """All clinic blocks of a file, with their current output and checksums."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln))
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n:
        if lines[i].strip() != INPUT_MARKER:
            if lines[i].lstrip().startswith(INPUT_MARKER):
                raise ClinicError(f"{INPUT_MARKER!r} must be alone on its line", path, i + 1)
            if lines[i].strip() == START_MARKER or lines[i].strip().startswith(END_PREFIX):
                raise ClinicError("clinic marker outside a clinic block", path, i + 1)
            i += 1
            continue
        start = i
        j = i + 1
        while j < n and lines[j].strip() != START_MARKER:
            if lines[j].strip() == INPUT_MARKER:
                raise ClinicError(f"clinic block has no {START_MARKER!r} line", path, start + 1)
            j += 1
        if j >= n:
            raise ClinicError(f"clinic block has no {START_MARKER!r} line", path, start + 1)
        input_text = "".join(lines[start + 1 : j])
        # Look for this block's end marker before the next block.
        k = j + 1
        end = None
        while k < n and lines[k].strip() != INPUT_MARKER:
            if lines[k].strip().startswith(END_PREFIX):
                end = k
                break
            k += 1
        block = Block(input=input_text, output="", start=start + 1, input_line=start + 2, end_line=0)
        if end is None:
            block.span_output = (offsets[j + 1], offsets[j + 1])
            block.span_end = (offsets[j + 1], offsets[j + 1])
            i = j + 1
        else:
            m = END_RE.match(lines[end].strip())
            if m is None:
                raise ClinicError("malformed clinic end marker", path, end + 1)
            block.output = "".join(lines[j + 1 : end])
            block.output_checksum = m["output"]
            block.input_checksum = m["input"]
            block.end_line = end + 1
            block.span_output = (offsets[j + 1], offsets[end])
            block.span_end = (offsets[end], offsets[end + 1])
            i = end + 1
        _refuse_handwritten_signature(lines, i, path)
        blocks.append(block)
    return blocks


_FN_RE = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(unsafe\s+)?(extern\s+\"[^\"]*\"\s+)?fn\s+(?P<name>\w+)")


def _refuse_handwritten_signature(lines: list[str], after: int, path: Path) -> None:
    """The clinic writes each block's impl signature itself (between the start and end markers):
    a `fn` written by hand right after the block would become a second signature."""
    k = after
    while k < len(lines) and not lines[k].strip():
        k += 1
    if k < len(lines):
        m = _FN_RE.match(lines[k])
        if m:
            raise ClinicError(
                f"hand-written signature `fn {m['name']}` after the clinic block: the clinic writes "
                "the impl signature itself; delete this line and keep only the body `{ ... }`",
                path, k + 1,
            )


@dataclass
class FileState:
    """Declarations seen so far in one file (directives persist across blocks)."""

    modules: dict[str, Module] = field(default_factory=dict)
    classes: dict[str, Class] = field(default_factory=dict)
    functions: dict[str, Function] = field(default_factory=dict)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def parse_block(block: Block, state: FileState, path: Path) -> None:
    """Parses one block's input, adding its directives to `state` and its function to `block`."""
    raw = block.input.splitlines()
    lines = [(block.input_line + k, ln.rstrip()) for k, ln in enumerate(raw)]
    for lineno, ln in lines:
        if "\t" in ln:
            raise ClinicError("tab characters are not allowed in clinic input", path, lineno)
    idx = 0
    decorators: list[str] = []
    critical: tuple[str, ...] | None = None
    error_name: str | None = None
    parse_tuple = False
    # Directives, decorators and the function line.
    while idx < len(lines):
        lineno, ln = lines[idx]
        if not ln.strip() or ln.lstrip().startswith("#"):
            idx += 1
            continue
        if _indent(ln):
            raise ClinicError("unexpected indented line (expected a directive or a function)", path, lineno)
        words = ln.split()
        try:
            if words[0] == "module":
                _module_directive(words, state, lineno)
                idx += 1
                continue
            if words[0] == "class":
                _class_directive(ln, state, lineno)
                idx += 1
                continue
            if words[0] in {"output", "dump", "preserve", "destination", "set", "printout"}:
                raise ClinicError(f"the {words[0]!r} directive is not supported")
            if words[0] == "@critical_section":
                # CPython's clinic: lock `self` (methods) or the first parameter, or the one or
                # two objects named, for the call (free-threaded builds).
                if critical is not None:
                    raise ClinicError("@critical_section given twice")
                if len(words) > 3:
                    raise ClinicError("@critical_section locks at most two objects")
                critical = tuple(words[1:])
                idx += 1
                continue
            if words[0] == "@error_name":
                # ferrocpy's extension: the name argument errors use, where C's hand-written
                # parsing names the call differently (`_json`'s scanner: "scan_once() missing
                # required argument ...").
                if error_name is not None:
                    raise ClinicError("@error_name given twice")
                if len(words) != 2 or not words[1].replace("_", "a").replace(".", "a").isalnum():
                    raise ClinicError("@error_name takes one name, e.g. `@error_name scan_once`")
                error_name = words[1]
                idx += 1
                continue
            if words[0] == "@parse_tuple":
                # ferrocpy's extension: the C function parses its arguments with
                # PyArg_ParseTuple (METH_VARARGS), or is METH_O with a hand-written docstring, as
                # `_json`'s functions before 3.15: its docstring has no signature, and wrong
                # argument counts are reported as PyArg_ParseTuple words them.
                if parse_tuple:
                    raise ClinicError("@parse_tuple given twice")
                if len(words) != 1:
                    raise ClinicError("@parse_tuple takes no arguments")
                parse_tuple = True
                idx += 1
                continue
            if words[0].startswith("@"):
                if words[0] not in ("@classmethod", "@getter", "@setter") or len(words) > 1:
                    raise ClinicError(
                        f"decorator {ln.strip()!r} is not supported (only @classmethod, for __new__, "
                        "and @getter/@setter)"
                    )
                if decorators:
                    raise ClinicError("only one decorator per function is supported")
                decorators.append(words[0][1:])
                idx += 1
                continue
        except ClinicError as e:
            raise e.located(path, lineno) from None
        fn = _parse_function(lines[idx:], state, path, block, tuple(decorators))
        if error_name is not None:
            if fn.getset is not None:
                raise ClinicError(f"{fn.full_name}: @error_name does not apply to @getter/@setter", path, fn.line)
            fn.error_name = error_name
        if parse_tuple:
            if fn.cls is not None or fn.decorators:
                raise ClinicError(f"{fn.full_name}: @parse_tuple applies to module functions only", path, fn.line)
            if any(p.kind is not Kind.POSITIONAL_ONLY for p in fn.parameters):
                raise ClinicError(
                    f"{fn.full_name}: @parse_tuple needs positional-only parameters (PyArg_ParseTuple "
                    "takes no keywords)",
                    path,
                    fn.line,
                )
            fn.parse_tuple = True
        if critical is not None:
            try:
                fn.critical_section = _critical_targets(fn, critical)
            except ClinicError as e:
                raise e.located(path, fn.line) from None
        block.functions.append(fn)
        return


def _module_directive(words: list[str], state: FileState, lineno: int) -> None:
    if len(words) < 2:
        raise ClinicError("module directive needs a name: module NAME [state=RustType]")
    name = words[1]
    if not all(IDENT.match(p) for p in name.split(".")):
        raise ClinicError(f"invalid module name {name!r}")
    st = "()"
    python = None
    for extra in words[2:]:
        key, sep, val = extra.partition("=")
        if key == "state" and sep and val:
            st = val
        elif key == "python" and sep and val:
            python = _python_condition(val)
        else:
            raise ClinicError(
                f"module directive: unexpected {extra!r} (expected state=RustType or "
                "python=>=3.N / python=<3.N / python=>=3.N,<3.M)"
            )
    if name in state.modules:
        old = state.modules[name]
        if old.state != st and len(words) > 2:
            raise ClinicError(f"module {name!r} already declared with state={old.state}")
        return
    state.modules[name] = Module(name=name, state=st, line=lineno, python=python)


def _python_condition(text: str) -> VersionRange:
    """`>=3.11` (from 3.11 on), `<3.11` (before 3.11) or `>=3.11,<3.15` (3.11 to 3.14)."""
    m = re.fullmatch(r"(?:>=3\.(\d+))?(,)?(?:<3\.(\d+))?", text)
    if not m or not (m.group(1) or m.group(3)) or bool(m.group(2)) != bool(m.group(1) and m.group(3)):
        raise ClinicError(
            f"module directive: python={text!r} must look like python=>=3.11, python=<3.11 "
            "or python=>=3.11,<3.15"
        )
    lo = int(m.group(1)) if m.group(1) else None
    hi = int(m.group(3)) if m.group(3) else None
    if lo is not None and hi is not None and lo >= hi:
        raise ClinicError(f"module directive: python={text!r} is an empty version range")
    return VersionRange(lo, hi)


RUST_PATH = re.compile(r"^(?:::)?[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*$")


def _class_directive(line: str, state: FileState, lineno: int) -> None:
    """`class module.Name ["RustType" ["type object"]]`: CPython's form, whose second argument
    (the C struct type) names the Rust type here and whose third (the C type object) is not
    needed (ferrocpy finds the type through the instance); the Rust type defaults to `Name`."""
    try:
        words = shlex.split(line)
    except ValueError as e:
        raise ClinicError(f"cannot parse class directive: {e}") from None
    if len(words) < 2:
        raise ClinicError("class directive needs a name: class module.Name [\"RustType\"]")
    subclassable = False
    if words[-1] == "subclassable" and len(words) > 2:
        # ferrocpy's option: the class accepts subclasses (`subclassable: true` in `class!`).
        subclassable = True
        words = words[:-1]
    if len(words) > 4:
        raise ClinicError(f"class directive: unexpected {words[4]!r}")
    name = words[1]
    parts = name.split(".")
    if len(parts) < 2 or not all(IDENT.match(p) for p in parts):
        raise ClinicError(f"invalid class name {name!r} (expected module.Name)")
    parent = ".".join(parts[:-1])
    if parent in state.classes:
        raise ClinicError(f"class {name!r}: nested classes are not supported")
    if parent not in state.modules:
        raise ClinicError(f"class {name!r}: module {parent!r} was not declared")
    rust_type = words[2].strip() if len(words) > 2 else parts[-1]
    if not RUST_PATH.match(rust_type):
        raise ClinicError(f"class {name!r}: {rust_type!r} is not a Rust type name (expected e.g. \"Decompress\")")
    if name in state.classes:
        old = state.classes[name]
        if len(words) > 2 and old.rust_type != rust_type:
            raise ClinicError(f"class {name!r} already declared with type {old.rust_type}")
        return
    state.classes[name] = Class(
        name=name, module=state.modules[parent], rust_type=rust_type, line=lineno, subclassable=subclassable
    )


FUNC_RE = re.compile(
    r"^(?P<name>[A-Za-z_][\w.]*)(?:\s+as\s+(?P<as>[A-Za-z_]\w*))?"
    r"(?:\s*->\s*(?P<ret>.+))?$"
)


def _literal_kwargs(call: ast.Call, what: str) -> dict[str, Any]:
    if call.args:
        raise ClinicError(f"{what}: arguments must be given by keyword")
    out: dict[str, Any] = {}
    for kw in call.keywords:
        if kw.arg is None:
            raise ClinicError(f"{what}: ** is not allowed")
        out[kw.arg] = _kwarg_value(kw.value, what)
    return out


def _kwarg_value(node: ast.expr, what: str) -> Any:
    if isinstance(node, ast.Set):
        vals = set()
        for elt in node.elts:
            if not isinstance(elt, ast.Name):
                raise ClinicError(f"{what}: accept= takes a set of type names")
            vals.add(elt.id)
        return vals
    if isinstance(node, ast.Name) and node.id in {"True", "False", "None"}:
        return {"True": True, "False": False, "None": None}[node.id]
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise ClinicError(f"{what}: unsupported argument value {ast.unparse(node)!r}") from None


def _parse_converter(node: ast.expr, what: str) -> tuple[str, dict[str, Any]]:
    if isinstance(node, ast.Name):
        return node.id, {}
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id, _literal_kwargs(node, what)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        raise ClinicError(f"{what}: legacy format-unit converters ({node.value!r}) are not supported")
    raise ClinicError(f"{what}: cannot parse converter {ast.unparse(node)!r}")


def _parse_default(node: ast.expr, text: str) -> Default:
    if isinstance(node, ast.Name):
        if node.id == "NULL":
            return Default(DefaultKind.UNSPECIFIED, text="NULL")
        if node.id in {"True", "False", "None"}:
            return Default(DefaultKind.VALUE, {"True": True, "False": False, "None": None}[node.id], text=text)
        return Default(DefaultKind.VALUE, None, is_constant=True, text=text)
    if isinstance(node, ast.Attribute):
        parts = []
        cur: ast.expr = node
        while isinstance(cur, ast.Attribute):
            parts.append(cur.attr)
            cur = cur.value
        if isinstance(cur, ast.Name):
            return Default(DefaultKind.VALUE, None, is_constant=True, text=text)
    try:
        value = ast.literal_eval(node)
    except ValueError:
        raise ClinicError(f"unsupported default {text!r} (use a literal or a named constant)") from None
    if not isinstance(value, (int, float, str, bytes, bool, type(None))):
        raise ClinicError(f"unsupported default {text!r}")
    return Default(DefaultKind.VALUE, value, text=text)


def _parse_param_line(text: str) -> tuple[str, str, dict[str, Any], Default]:
    src = f"def f({text}): pass"
    try:
        tree = ast.parse(src)
    except SyntaxError:
        raise ClinicError(f"cannot parse parameter line {text.strip()!r}") from None
    args = tree.body[0].args  # type: ignore[attr-defined]
    allargs = args.posonlyargs + args.args + args.kwonlyargs
    if len(allargs) != 1 or args.vararg or args.kwarg:
        raise ClinicError(f"expected one parameter per line, got {text.strip()!r}")
    a = allargs[0]
    if a.annotation is None:
        raise ClinicError(f"parameter {a.arg!r} needs a converter: '{a.arg}: object'")
    conv, kwargs = _parse_converter(a.annotation, f"parameter {a.arg!r}")
    defaults = args.defaults + [d for d in args.kw_defaults if d is not None]
    if defaults:
        node = defaults[0]
        dtext = ast.get_source_segment(src, node) or ast.unparse(node)
        default = _parse_default(node, dtext)
    else:
        default = Default(DefaultKind.NONE)
    return a.arg, conv, kwargs, default


def _parse_function(
    lines: list[tuple[int, str]], state: FileState, path: Path, block: Block, decorators: tuple[str, ...] = ()
) -> Function:
    lineno, decl = lines[0]
    m = FUNC_RE.match(decl.strip())
    if m is None:
        raise ClinicError(f"cannot parse function declaration {decl.strip()!r}", path, lineno)
    if "=" in decl.split("->")[0]:
        raise ClinicError("cloning functions ('a = b') is not supported", path, lineno)
    full_name = m["name"]
    parts = full_name.split(".")
    if len(parts) < 2 or not all(IDENT.match(p) for p in parts):
        raise ClinicError(f"function name {full_name!r} must be module.name or module.Class.name", path, lineno)
    owner = ".".join(parts[:-1])
    name = parts[-1]
    cls = state.classes.get(owner)
    dunder = name.startswith("__") and name.endswith("__") and len(name) > 4
    getset = next((d for d in decorators if d in ("getter", "setter")), None)
    if getset is not None:
        if cls is None:
            raise ClinicError(f"{full_name}: @{getset} is only for attributes of classes", path, lineno)
        if dunder:
            raise ClinicError(f"{full_name}: @{getset} cannot declare a special method", path, lineno)
    if cls is not None:
        if getset is None and name in UNSUPPORTED_SPECIAL:
            raise ClinicError(
                f"{full_name}: special method {name} is not supported by the clinic "
                "(write its slot with ferrocpy::slot!)", path, lineno
            )
        if getset is None and ("classmethod" in decorators) != (name == "__new__"):
            raise ClinicError(
                f"{full_name}: __new__ must be declared @classmethod, and only __new__ may be"
                if name == "__new__" else f"{full_name}: @classmethod is only supported for __new__",
                path, lineno,
            )
        assert cls.module is not None
        module = cls.module
    elif owner in state.modules:
        if decorators:
            raise ClinicError(f"{full_name}: @classmethod is only supported for __new__", path, lineno)
        module = state.modules[owner]
    elif len(parts) > 2 and ".".join(parts[:-2]) in state.modules:
        raise ClinicError(
            f"{full_name}: class {owner!r} was not declared (add 'class {owner}' first)", path, lineno
        )
    else:
        raise ClinicError(
            f"{full_name}: module {owner!r} was not declared (add 'module {owner}' first)", path, lineno
        )
    key = full_name + (f"@{getset}" if getset else "")
    if key in state.functions or (getset is None and any(
        k.startswith(full_name + "@") for k in state.functions
    )) or (getset is not None and full_name in state.functions):
        raise ClinicError(f"function {full_name!r} declared twice", path, lineno)
    ret_text = m["ret"]
    try:
        if ret_text:
            rnode = ast.parse(ret_text.strip(), mode="eval").body
            rname, rkw = _parse_converter(rnode, "return converter")
            ret = make_return_converter(rname, rkw)
        else:
            ret = make_return_converter(None, {})
    except SyntaxError:
        raise ClinicError(f"cannot parse return converter {ret_text!r}", path, lineno) from None
    except ClinicError as e:
        raise e.located(path, lineno) from None
    bare = name.strip("_") if (dunder and cls is not None) else name
    c_basename = m["as"] or ".".join(parts[:-1] + [bare]).replace(".", "_")
    if m["as"]:
        impl_name = m["as"] + "_impl"
    elif getset is not None:
        assert cls is not None
        impl_name = f"{snake_case(cls.short_name)}_{name}_{getset[:3]}_impl"
    elif cls is not None:
        impl_name = f"{snake_case(cls.short_name)}_{bare}_impl"
    else:
        impl_name = name + "_impl"
    first_arg = "module" if cls is None else ("cls" if name == "__new__" else "slf")

    # Parameters: indented lines after the declaration, up to the first unindented line.
    params: list[Parameter] = []
    rest = lines[1:]
    k = 0
    param_indent = None
    doc_lines: dict[int, list[str]] = {}
    kind = Kind.POSITIONAL_OR_KEYWORD
    seen_slash = seen_star = False
    star_line = 0
    defining_class: str | None = None
    while k < len(rest):
        ln_no, ln = rest[k]
        if not ln.strip():
            if param_indent is not None and params and k + 1 < len(rest) and _indent(rest[k + 1][1]) > param_indent:
                doc_lines.setdefault(len(params) - 1, []).append("")
            k += 1
            continue
        ind = _indent(ln)
        if ind == 0:
            break
        if param_indent is None:
            param_indent = ind
        if ind > param_indent:
            if not params:
                raise ClinicError("parameter documentation before any parameter", path, ln_no)
            doc_lines.setdefault(len(params) - 1, []).append(ln)
            k += 1
            continue
        if ind < param_indent:
            raise ClinicError("inconsistent indentation in the parameter section", path, ln_no)
        text = ln.strip()
        try:
            if text == "/":
                if seen_slash:
                    raise ClinicError("'/' given twice")
                if seen_star:
                    raise ClinicError("'/' must come before '*'")
                if not params and defining_class is None:
                    raise ClinicError("'/' needs at least one parameter before it")
                seen_slash = True
                for p in params:
                    p.kind = Kind.POSITIONAL_ONLY
            elif text == "*":
                if seen_star:
                    raise ClinicError("'*' given twice")
                seen_star = True
                star_line = ln_no
                kind = Kind.KEYWORD_ONLY
            elif text.startswith("[") or text.startswith("]"):
                raise ClinicError("optional groups ('[' ... ']') are not supported")
            else:
                pname, conv_name, kwargs, default = _parse_param_line(text)
                if conv_name == "defining_class":
                    if cls is None:
                        raise ClinicError("defining_class is only for methods of classes")
                    if params or defining_class is not None or seen_slash or seen_star:
                        raise ClinicError("defining_class must be the first parameter")
                    if kwargs or default.kind is not DefaultKind.NONE:
                        raise ClinicError("defining_class takes no arguments and no default")
                    if pname == first_arg:
                        raise ClinicError(f"a parameter cannot be named {first_arg!r} (the impl's first argument)")
                    defining_class = pname
                    k += 1
                    continue
                if pname == first_arg:
                    raise ClinicError(f"a parameter cannot be named {first_arg!r} (the impl's first argument)")
                if any(p.name == pname for p in params):
                    raise ClinicError(f"parameter {pname!r} declared twice")
                conv = make_converter(conv_name, kwargs)
                params.append(
                    Parameter(name=pname, kind=kind, converter=conv, default=default, line=ln_no, index=len(params))
                )
        except ClinicError as e:
            raise e.located(path, ln_no) from None
        k += 1
    if seen_star and (not params or params[-1].kind is not Kind.KEYWORD_ONLY):
        raise ClinicError("'*' must be followed by at least one parameter", path, star_line)
    for i, dl in doc_lines.items():
        params[i].docstring = textwrap.dedent("\n".join(dl)).strip("\n")

    # Ordering rules.
    seen_optional = None
    for p in params:
        if p.kind is Kind.KEYWORD_ONLY:
            continue
        if p.required and seen_optional is not None:
            raise ClinicError(
                f"parameter {p.name!r} without a default follows parameter {seen_optional!r} with a default",
                path, p.line,
            )
        if not p.required:
            seen_optional = p.name
    seen_optional = None
    for p in params:
        if p.kind is not Kind.KEYWORD_ONLY:
            continue
        if p.required and seen_optional is not None:
            raise ClinicError(
                f"required keyword-only parameter {p.name!r} follows optional {seen_optional!r}; "
                "put required keyword-only parameters first", path, p.line,
            )
        if not p.required:
            seen_optional = p.name

    # Docstring: the remaining lines, starting unindented.
    doc_raw = [ln for _, ln in rest[k:]]
    while doc_raw and not doc_raw[-1].strip():
        doc_raw.pop()
    docstring = "\n".join(doc_raw)
    doc_lines_list = docstring.split("\n") if docstring else []
    if len(doc_lines_list) >= 2 and doc_lines_list[1].strip():
        where = rest[k + 1][0] if k + 1 < len(rest) else lineno
        raise ClinicError(
            f"docstring of {full_name} has no summary line: the first line must be followed by a blank line",
            path, where,
        )
    if docstring.count("{parameters}") > 1:
        raise ClinicError("'{parameters}' may appear only once in a docstring", path, lineno)

    fn = Function(
        module=module, cls=cls, name=name, full_name=full_name, c_basename=c_basename,
        impl_name=impl_name, parameters=params, return_converter=ret, docstring=docstring,
        line=lineno, block_line=block.start, defining_class=defining_class, decorators=decorators,
    )
    if fn.slot is not None:
        _check_slot(fn, bool(ret_text), path)
    if getset is not None:
        if params or defining_class is not None:
            raise ClinicError(f"{full_name}: @{getset} takes no parameters", path, lineno)
        if ret_text:
            raise ClinicError(f"{full_name}: @{getset} takes no return converter", path, lineno)
        if getset == "setter" and docstring.strip():
            raise ClinicError(f"{full_name}: @setter takes no docstring (the @getter's is the attribute's)", path, lineno)
    # Validate every default now so errors point at the parameter.
    from .codegen import validate_function

    try:
        validate_function(fn)
    except ClinicError as e:
        raise e.located(path, lineno) from None
    state.functions[key] = fn
    return fn


FIXED_SLOTS = {"iter", "next", "repr", "str", "len", "hash", "getitem"}


def _check_slot(fn: Function, has_return: bool, path: Path) -> None:
    """A special method that is a slot: `__new__`/`__init__`/`__call__` take clinic parameters
    (no `defining_class`: slots do not receive it); the others have a fixed C signature, no
    return converter and no docstring (CPython shows its own for slot wrappers)."""
    if fn.defining_class is not None:
        raise ClinicError(f"{fn.full_name}: a slot cannot take defining_class", path, fn.line)
    if fn.slot in ("new", "init") and has_return:
        raise ClinicError(f"{fn.full_name}: {fn.name} takes no return converter", path, fn.line)
    if fn.slot not in FIXED_SLOTS:
        return
    if has_return:
        raise ClinicError(f"{fn.full_name}: {fn.name} takes no return converter (its C signature is fixed)", path, fn.line)
    if fn.docstring.strip():
        raise ClinicError(
            f"{fn.full_name}: {fn.name} takes no docstring (its slot wrapper has CPython's)", path, fn.line
        )
    ps = fn.parameters
    if fn.slot == "getitem":
        if not (len(ps) == 1 and ps[0].kind is Kind.POSITIONAL_ONLY and ps[0].required
                and ps[0].converter.name == "object" and ps[0].converter.impl_type(ps[0]) == "Borrowed<'a, 'py>"):
            raise ClinicError(
                f"{fn.full_name}: __getitem__ takes exactly one parameter, 'key: object' then '/'", path, fn.line
            )
    elif ps:
        raise ClinicError(f"{fn.full_name}: {fn.name} takes no parameters", path, fn.line)


def _critical_targets(fn: Function, names: tuple[str, ...]) -> tuple[str, ...]:
    """The objects `@critical_section` locks, as `self` or parameter names: the ones named, else
    `self` for a method and the first parameter for a module function (CPython's default)."""
    if fn.slot is not None or fn.getset is not None:
        raise ClinicError(f"{fn.full_name}: @critical_section is supported on functions and methods only")
    if not names:
        if fn.cls is not None:
            return ("self",)
        if not fn.parameters:
            raise ClinicError(f"{fn.full_name}: @critical_section needs an object to lock")
        names = (fn.parameters[0].name,)
    by_name = {p.name: p for p in fn.parameters}
    for n in names:
        if n == "self" and fn.cls is not None:
            continue
        p = by_name.get(n)
        if p is None:
            raise ClinicError(f"{fn.full_name}: @critical_section names {n!r}, which is not a parameter")
        if p.converter.rust_base != "::ferrocpy::Borrowed<'a, 'py>" or not p.required:
            raise ClinicError(f"{fn.full_name}: @critical_section target {n!r} must be a required object parameter")
    return names
