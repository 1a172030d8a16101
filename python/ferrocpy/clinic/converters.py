"""Parameter and return converters: from a Python argument to the impl's Rust value.

Each converter knows the Rust type its impl parameter has, the Rust expression that converts a
borrowed argument (a call into ``ferrocpy::argconv``), the Rust value of its default, and the
type its ``.pyi`` stub shows. Converter arguments follow CPython's clinic where they exist
(``accept``, ``bitwise``, ``subclass_of``, ``c_default``, ``py_default``); ``c_default`` holds a
Rust expression here, evaluated in the generated ``clinic`` module (so ``super::NAME`` reaches
the source file's items).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from .errors import ClinicError
from .model import DefaultKind

if TYPE_CHECKING:
    from .model import Parameter

ARGCONV = "::ferrocpy::argconv"

# Named constants whose Rust value the clinic knows without a c_default.
KNOWN_CONSTANTS = {"sys.maxsize": ("isize::MAX", 2**63 - 1)}

# object(subclass_of=...) classes the runtime can check, and their stub types.
SUBCLASS_OF = {
    "&PyTuple_Type": ("Tuple", "tuple[Any, ...]"),
    "&PyList_Type": ("List", "list[Any]"),
    "&PyDict_Type": ("Dict", "dict[Any, Any]"),
    "&PyUnicode_Type": ("Str", "str"),
    "&PyBytes_Type": ("Bytes", "bytes"),
    "&PyByteArray_Type": ("ByteArray", "bytearray"),
    "&PyLong_Type": ("Int", "int"),
    "&PyFloat_Type": ("Float", "float"),
    "&PyType_Type": ("Type", "type"),
}


def rust_str(s: str) -> str:
    """A Rust string literal."""
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\0":
            raise ClinicError("NUL characters cannot appear in strings")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def rust_bytes(b: bytes) -> str:
    """A Rust byte string literal."""
    out = []
    for c in b:
        if c == 0x5C:
            out.append("\\\\")
        elif c == 0x22:
            out.append('\\"')
        elif 0x20 <= c < 0x7F:
            out.append(chr(c))
        else:
            out.append(f"\\x{c:02x}")
    return 'b"' + "".join(out) + '"'


@dataclass
class Ctx:
    """Where a conversion happens: messages need the function and argument names."""

    fname: str
    argname: str


@dataclass
class Converter:
    """Base converter. Subclasses set the class attributes and override what differs."""

    name: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    c_default: str | None = None
    py_default: str | None = None

    rust_base = "::ferrocpy::Borrowed<'a, 'py>"  # impl type when the argument is given
    impl_base = "Borrowed<'a, 'py>"  # the same, as written in the impl signature
    stub_type = "object"
    holder = False  # conversion yields an ArgBuffer that the value borrows from
    accepts_none = False  # None is a valid argument value that the conversion handles

    def init(self, **kwargs: Any) -> None:
        if kwargs:
            raise ClinicError(f"{self.name}: unknown argument(s) {', '.join(sorted(kwargs))}")

    # -- the conversion -----------------------------------------------------------------------
    def convert(self, obj: str, ctx: Ctx) -> str:
        """Rust expression of type `rust_base` (or an ArgBuffer if `holder`), with `?`."""
        raise NotImplementedError

    def convert_param(self, obj: str, ctx: Ctx, p: "Parameter") -> str:
        """As `convert`, for converters whose conversion also depends on the parameter."""
        return self.convert(obj, ctx)

    def view(self, holder: str) -> str:
        return f"{holder}.as_bytes()"

    # -- defaults -----------------------------------------------------------------------------
    def optional_impl(self, p: "Parameter") -> bool:
        """Whether the impl receives `Option<T>` (None when the argument was not given)."""
        return p.default.kind is DefaultKind.UNSPECIFIED

    def rust_default(self, p: "Parameter") -> str:
        """Rust expression of type `rust_base` for an absent argument."""
        if self.c_default is not None:
            return self.c_default
        d = p.default
        if d.is_constant:
            known = KNOWN_CONSTANTS.get(d.text)
            if known is None:
                raise ClinicError(
                    f"default {d.text!r} of parameter {p.name!r} is a named constant: give its "
                    f'Rust value with c_default="..."'
                )
            self.check_value(p, known[1])
            return known[0]
        return self.literal(p, d.value)

    def literal(self, p: "Parameter", value: Any) -> str:
        raise ClinicError(f"{self.name} parameter {p.name!r} cannot have the default {value!r}")

    def check_value(self, p: "Parameter", value: Any) -> None:
        pass

    def impl_type(self, p: "Parameter") -> str:
        return f"Option<{self.impl_base}>" if self.optional_impl(p) else self.impl_base

    def glue_type(self, p: "Parameter") -> str:
        return f"Option<{self.rust_base}>" if self.optional_impl(p) else self.rust_base

    def stub(self, p: "Parameter") -> str:
        return self.stub_type


class ObjectConverter(Converter):
    stub_type = "object"
    accepts_none = True

    def init(self, subclass_of: str | None = None, type: str | None = None, **kw: Any) -> None:  # noqa: A002
        super().init(**kw)
        self.subclass_of = None
        if subclass_of is not None:
            if subclass_of not in SUBCLASS_OF:
                raise ClinicError(
                    f"object(subclass_of={subclass_of!r}) is not supported; use one of "
                    + ", ".join(sorted(SUBCLASS_OF))
                )
            self.subclass_of = SUBCLASS_OF[subclass_of]

    def convert(self, obj: str, ctx: Ctx) -> str:
        if self.subclass_of is None:
            return obj
        variant = self.subclass_of[0]
        return (
            f"{ARGCONV}::subclass_of({obj}, {ARGCONV}::Builtin::{variant}, "
            f"{rust_str(ctx.fname)}, {rust_str(ctx.argname)})?"
        )

    def optional_impl(self, p: "Parameter") -> bool:
        d = p.default
        if d.kind is DefaultKind.UNSPECIFIED:
            return True
        if d.kind is DefaultKind.VALUE:
            return not (not d.is_constant and (d.value is None or isinstance(d.value, bool)))
        return False

    def rust_default(self, p: "Parameter") -> str:
        v = p.default.value
        if v is None:
            return "__py.none()"
        return f"__py.bool({'true' if v else 'false'})"

    def stub(self, p: "Parameter") -> str:
        return self.subclass_of[1] if self.subclass_of else "object"


class BufferConverter(Converter):
    """`Py_buffer`: read-only, C-contiguous bytes-like object → `&[u8]`."""

    rust_base = "&[u8]"
    impl_base = "&[u8]"
    stub_type = "ReadableBuffer"
    holder = True

    def init(self, handle: bool = False, **kw: Any) -> None:
        """`handle=True`: the impl receives the buffer itself (`&ArgBuffer`, which derefs to the
        bytes and tells with `is_immutable()` whether they may be read with the GIL released)
        instead of `&[u8]`. Such a parameter must be required."""
        super().init(**kw)
        self.handle = bool(handle)
        if self.handle:
            self.rust_base = "&::ferrocpy::argconv::ArgBuffer<'a, 'py>"
            self.impl_base = "&ArgBuffer<'a, 'py>"

    def view(self, holder: str) -> str:
        return f"&{holder}" if self.handle else f"{holder}.as_bytes()"

    def optional_impl(self, p: "Parameter") -> bool:
        if self.handle and not p.required:
            raise ClinicError(f"{self.name}(handle=True) parameter {p.name!r} must be required")
        return super().optional_impl(p)

    def convert(self, obj: str, ctx: Ctx) -> str:
        return f"{ARGCONV}::buffer({obj}, {rust_str(ctx.fname)}, {rust_str(ctx.argname)})?"

    def literal(self, p: "Parameter", value: Any) -> str:
        if isinstance(value, bytes):
            return rust_bytes(value)
        return super().literal(p, value)


class AsciiBufferConverter(BufferConverter):
    """binascii's `ascii_buffer`: ASCII str or bytes-like object → `&[u8]`."""

    stub_type = "ReadableBuffer | str"

    def convert(self, obj: str, ctx: Ctx) -> str:
        return f"{ARGCONV}::ascii_buffer({obj})?"

    def literal(self, p: "Parameter", value: Any) -> str:
        if isinstance(value, str) and value.isascii():
            return rust_bytes(value.encode())
        return super().literal(p, value)


class BoolConverter(Converter):
    rust_base = impl_base = "bool"
    stub_type = "bool"

    def init(self, accept: set[str] | None = None, until: str | None = None, **kw: Any) -> None:
        super().init(**kw)
        accept = accept or {"object"}
        if accept == {"int"}:
            self.form = "int"
        elif accept == {"object"}:
            self.form = "truth"
        else:
            raise ClinicError(f"bool: accept must be {{int}} or {{object}}, not {sorted(accept)}")
        self.until: int | None = None
        if until is not None:
            if self.form != "int":
                raise ClinicError("bool: until= only applies to bool(accept={int})")
            parts = str(until).split(".")
            if len(parts) != 2 or parts[0] != "3" or not parts[1].isdigit():
                raise ClinicError(f"bool: until must look like \"3.12\", not {until!r}")
            self.until = int(parts[1])

    def convert(self, obj: str, ctx: Ctx) -> str:
        if self.form == "truth":
            return f"{ARGCONV}::bool_truth({obj})?"
        if self.until is not None:
            return f"{ARGCONV}::bool_int_until({obj}, {self.until})?"
        return f"{ARGCONV}::bool_int({obj})?"

    def literal(self, p: "Parameter", value: Any) -> str:
        if isinstance(value, (bool, int)):
            return "true" if value else "false"
        return super().literal(p, value)


class IntegerConverter(Converter):
    lo = -(2**31)
    hi = 2**31 - 1
    stub_type = "int"

    def literal(self, p: "Parameter", value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            self.check_value(p, value)
            return str(value)
        return super().literal(p, value)

    def check_value(self, p: "Parameter", value: Any) -> None:
        if not self.lo <= value <= self.hi:
            raise ClinicError(f"default {value} of parameter {p.name!r} is out of range for {self.name}")


class IntConverter(IntegerConverter):
    rust_base = impl_base = "i32"

    def init(self, accept: set[str] | None = None, **kw: Any) -> None:
        super().init(**kw)
        if accept not in (None, {"int"}):
            raise ClinicError(f"int: only accept={{int}} is supported, not {sorted(accept)}")

    def convert(self, obj: str, ctx: Ctx) -> str:
        return f"{ARGCONV}::int({obj})?"


class SsizeConverter(IntegerConverter):
    rust_base = impl_base = "isize"
    lo = -(2**63)
    hi = 2**63 - 1
    default_accept = frozenset({"int"})

    allow_negative = True

    def init(self, accept: set[str] | None = None, **kw: Any) -> None:
        if self.name == "Py_ssize_t":
            # CPython 3.15's clinic: `Py_ssize_t(allow_negative=False)` refuses negative values
            # while converting ("<name> cannot be negative"), as `_bisect`'s `lo` from 3.15.
            allow_negative = kw.pop("allow_negative", True)
            if not isinstance(allow_negative, bool):
                raise ClinicError(f"{self.name}: allow_negative must be True or False")
            self.allow_negative = allow_negative
        super().init(**kw)
        accept = set(accept) if accept is not None else set(self.default_accept)
        if accept == {"int"}:
            self.accepts_none = False
        elif accept == {"int", "NoneType"}:
            self.accepts_none = True
        else:
            raise ClinicError(f"{self.name}: accept must be {{int}} or {{int, NoneType}}")
        if not self.allow_negative and self.accepts_none:
            raise ClinicError(f"{self.name}: allow_negative=False with accept={{int, NoneType}} is not supported")

    def check_value(self, p: "Parameter", value: Any) -> None:
        super().check_value(p, value)
        if not self.allow_negative and value < 0:
            raise ClinicError(f"default {value} of parameter {p.name!r} is negative, but allow_negative=False")

    def none_value(self, p: "Parameter") -> str:
        if self.c_default is not None:
            return self.c_default
        if p.default.kind is DefaultKind.VALUE and p.default.value is not None:
            return self.rust_default(p)
        raise ClinicError(
            f'parameter {p.name!r} accepts None: give the Rust value None stands for with c_default="..."'
        )

    def literal(self, p: "Parameter", value: Any) -> str:
        if value is None and self.accepts_none:
            return self.none_value(p)
        return super().literal(p, value)

    def convert_param(self, obj: str, ctx: Ctx, p: "Parameter") -> str:
        if self.accepts_none:
            return f"{ARGCONV}::ssize_t_or_none({obj}, {self.none_value(p)})?"
        if not self.allow_negative:
            return f"{ARGCONV}::ssize_t_non_negative({obj}, {rust_str(p.name + ' cannot be negative')})?"
        return f"{ARGCONV}::ssize_t({obj})?"

    def stub(self, p: "Parameter") -> str:
        return "int | None" if self.accepts_none else "int"


class SizeTConverter(IntegerConverter):
    """`size_t` (`usize`): through `__index__`, negative values refused (3.15 and later only:
    the glue calls `argconv::size_t`, which exists from 3.15)."""

    rust_base = impl_base = "usize"
    lo = 0
    hi = 2**64 - 1

    def convert(self, obj: str, ctx: Ctx) -> str:
        return f"{ARGCONV}::size_t({obj})?"


class SliceIndexConverter(SsizeConverter):
    default_accept = frozenset({"int", "NoneType"})
    stub_type = "SupportsIndex"

    def convert_param(self, obj: str, ctx: Ctx, p: "Parameter") -> str:
        if self.accepts_none:
            return f"{ARGCONV}::slice_index_or_none({obj}, {self.none_value(p)})?"
        return f"{ARGCONV}::slice_index({obj})?"

    def stub(self, p: "Parameter") -> str:
        return "SupportsIndex | None" if self.accepts_none else "SupportsIndex"


class UnsignedIntConverter(IntegerConverter):
    rust_base = impl_base = "u32"
    lo = -(2**63)
    hi = 2**64 - 1

    def init(self, bitwise: bool = False, **kw: Any) -> None:
        super().init(**kw)
        if bitwise is not True:
            raise ClinicError("unsigned_int: only unsigned_int(bitwise=True) is supported")

    def convert(self, obj: str, ctx: Ctx) -> str:
        return f"{ARGCONV}::unsigned_int_bitwise({obj})?"

    def literal(self, p: "Parameter", value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            self.check_value(p, value)
            return str(value & 0xFFFFFFFF)
        return super().literal(p, value)


class StrConverter(Converter):
    rust_base = impl_base = "&str"
    stub_type = "str"

    def init(self, accept: set[str] | None = None, **kw: Any) -> None:
        super().init(**kw)
        accept = accept or {"str"}
        if accept == {"str"}:
            self.accepts_none = False
        elif accept == {"str", "NoneType"}:
            self.accepts_none = True
            self.rust_base = self.impl_base = "Option<&str>"
        else:
            raise ClinicError("str: accept must be {str} or {str, NoneType}")

    def convert(self, obj: str, ctx: Ctx) -> str:
        fn = "str_or_none" if self.accepts_none else "str"
        return f"{ARGCONV}::{fn}({obj}, {rust_str(ctx.fname)}, {rust_str(ctx.argname)})?"

    def literal(self, p: "Parameter", value: Any) -> str:
        if isinstance(value, str):
            if "\0" in value:
                raise ClinicError(f"default of parameter {p.name!r} contains a NUL character")
            s = rust_str(value)
            return f"Some({s})" if self.accepts_none else s
        if value is None and self.accepts_none:
            return "None"
        return super().literal(p, value)

    def stub(self, p: "Parameter") -> str:
        return "str | None" if self.accepts_none else "str"


class UnicodeConverter(Converter):
    stub_type = "str"

    def convert(self, obj: str, ctx: Ctx) -> str:
        return f"{ARGCONV}::unicode({obj}, {rust_str(ctx.fname)}, {rust_str(ctx.argname)})?"


CONVERTERS: dict[str, Callable[..., Converter]] = {
    "object": ObjectConverter,
    "Py_buffer": BufferConverter,
    "ascii_buffer": AsciiBufferConverter,
    "bool": BoolConverter,
    "int": IntConverter,
    "Py_ssize_t": SsizeConverter,
    "size_t": SizeTConverter,
    "slice_index": SliceIndexConverter,
    "unsigned_int": UnsignedIntConverter,
    "str": StrConverter,
    "unicode": UnicodeConverter,
}


def make_converter(name: str, kwargs: dict[str, Any]) -> Converter:
    factory = CONVERTERS.get(name)
    if factory is None:
        raise ClinicError(
            f"unknown converter {name!r} (known: {', '.join(sorted(CONVERTERS))})"
        )
    kwargs = dict(kwargs)
    c_default = kwargs.pop("c_default", None)
    py_default = kwargs.pop("py_default", None)
    for key, val in (("c_default", c_default), ("py_default", py_default)):
        if val is not None and not isinstance(val, str):
            raise ClinicError(f"{name}: {key} must be a string")
    conv = factory(name=name, c_default=c_default, py_default=py_default)
    conv.init(**kwargs)
    return conv


# ---- return converters -------------------------------------------------------------------------


@dataclass
class ReturnConverter:
    name: str
    rust: str | None  # impl returns PyResult<rust>; None: PyResult<Owned<'py>>
    stub_type: str

    @property
    def impl_return(self) -> str:
        return f"PyResult<{self.rust}>" if self.rust else "PyResult<Owned<'py>>"


RETURN_CONVERTERS = {
    "object": (None, "Any"),
    "Py_ssize_t": ("isize", "int"),
    "size_t": ("usize", "int"),
    "int": ("i32", "int"),
    "long": ("i64", "int"),
    "unsigned_long": ("u64", "int"),
    "bool": ("bool", "bool"),
    "unsigned_int": ("u32", "int"),
    "double": ("f64", "float"),
    "float": ("f32", "float"),
}


def make_return_converter(name: str | None, kwargs: dict[str, Any]) -> ReturnConverter:
    if name is None:
        return ReturnConverter("object", None, "Any")
    if name == "object":
        # ferrocpy's extension: `-> object(annotation="dict[str, int]")` keeps the impl returning
        # `PyResult<Owned>` and gives the stub that return type instead of `Any`.
        if set(kwargs) - {"annotation"}:
            raise ClinicError(f"object: unknown argument(s) {', '.join(sorted(set(kwargs) - {'annotation'}))}")
        ann = kwargs.get("annotation", "Any")
        if not isinstance(ann, str) or not ann.strip():
            raise ClinicError("object: annotation must be a non-empty string (a Python type expression)")
        return ReturnConverter("object", None, ann)
    if name == "unsigned_int":
        if set(kwargs) - {"bitwise"}:
            raise ClinicError(f"unsigned_int: unknown argument(s) {', '.join(sorted(set(kwargs) - {'bitwise'}))}")
    elif kwargs:
        raise ClinicError(f"return converter {name}: unknown argument(s) {', '.join(sorted(kwargs))}")
    if name not in RETURN_CONVERTERS:
        raise ClinicError(
            f"unknown return converter {name!r} (known: {', '.join(sorted(RETURN_CONVERTERS))})"
        )
    rust, stub = RETURN_CONVERTERS[name]
    return ReturnConverter(name, rust, stub)
