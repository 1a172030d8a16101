"""What a clinic block declares: modules, classes, functions and their parameters."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .converters import Converter, ReturnConverter


class Kind(enum.Enum):
    POSITIONAL_ONLY = "positional-only"
    POSITIONAL_OR_KEYWORD = "positional-or-keyword"
    KEYWORD_ONLY = "keyword-only"


class Convention(enum.Enum):
    """C calling conventions, with the `ferrocpy::function!` kind that emits each."""

    NOARGS = "noargs"
    O = "o"
    FASTCALL = "fastcall"
    FASTCALL_KEYWORDS = "fastcall_keywords"
    DEFINING_CLASS = "defining_class"  # METH_METHOD|METH_FASTCALL|METH_KEYWORDS


class DefaultKind(enum.Enum):
    NONE = "None"  # no default: required
    UNSPECIFIED = "NULL"  # `= NULL`: optional, shown as <unrepresentable>, impl gets Option<T>
    VALUE = "value"  # a literal or named constant


@dataclass
class Default:
    kind: DefaultKind
    value: Any = None  # Python value for literals (bool, int, float, str, bytes, None)
    is_constant: bool = False  # a named constant (`Z_DEFAULT_COMPRESSION`, `sys.maxsize`)
    text: str = ""  # the default as written in the block (used in the text signature)


@dataclass
class Module:
    name: str
    state: str = "()"  # Rust type of the module state, as named in the source file
    line: int = 0
    # Interpreter versions the file's declarations apply to: the file is compiled only for them
    # (e.g. a `#[cfg]`-selected module), and stubs say so. None: every version.
    python: VersionRange | None = None


@dataclass(frozen=True)
class VersionRange:
    """CPython 3.x versions from 3.`lo` (inclusive) to 3.`hi` (exclusive); None leaves that end
    open. `python=>=3.11` is (11, None), `python=<3.11` is (None, 11), `python=>=3.11,<3.15` is
    (11, 15)."""

    lo: int | None
    hi: int | None

    def sort_key(self) -> tuple[int, int, int]:
        # Ranges open below first (by their end), then the others by their start.
        if self.lo is None:
            return (0, self.hi or 0, 0)
        return (1, self.lo, self.hi if self.hi is not None else 1 << 30)

    def __str__(self) -> str:
        parts = []
        if self.lo is not None:
            parts.append(f">=3.{self.lo}")
        if self.hi is not None:
            parts.append(f"<3.{self.hi}")
        return ",".join(parts)


@dataclass
class Class:
    name: str  # dotted: module.Class
    module: Module | None = None
    rust_type: str = ""  # the Rust type implementing `ferrocpy::PyClass`, as named in the source
    line: int = 0
    subclassable: bool = False  # `subclassable` option: the stub omits `@final`

    @property
    def short_name(self) -> str:
        return self.name.rsplit(".", 1)[-1]


@dataclass
class Parameter:
    name: str
    kind: Kind
    converter: "Converter"
    default: Default
    docstring: str = ""
    line: int = 0
    index: int = 0

    @property
    def required(self) -> bool:
        return self.default.kind is DefaultKind.NONE

    @property
    def py_default(self) -> str | None:
        """The default as the text signature shows it (None when required)."""
        if self.required:
            return None
        if self.converter.py_default is not None:
            return self.converter.py_default
        if self.default.kind is DefaultKind.UNSPECIFIED:
            return "<unrepresentable>"
        return self.default.text

    def display_name(self, convention: Convention) -> str:
        """How C's messages name this argument (`argument`, `argument 2`, `argument 'x'`)."""
        if convention is Convention.O:
            return "argument"
        if self.kind is Kind.POSITIONAL_ONLY:
            return f"argument {self.index + 1}"
        return f"argument '{self.name}'"


@dataclass
class Function:
    module: Module
    cls: Class | None
    name: str  # Python name
    full_name: str  # module[.Class].name
    c_basename: str  # glue function name
    impl_name: str  # user's implementation function
    parameters: list[Parameter]
    return_converter: "ReturnConverter"
    docstring: str
    line: int  # line of the declaration
    block_line: int  # line of `/*[clinic input]`
    defining_class: str | None = None  # name of a `defining_class` parameter (methods only)
    decorators: tuple[str, ...] = ()
    # `@critical_section`: what the call locks ("self" or parameter names), None if nothing.
    critical_section: tuple[str, ...] | None = None
    has_setter: bool = False  # a getter whose attribute also has a `@setter` block (same file)
    has_getter: bool = False  # a setter whose attribute also has a `@getter` block (same file)
    class_doc: bool = True  # `__new__`/`__init__`: emits the class docstring (`__new__`'s wins)
    error_name: str | None = None  # `@error_name`: the name argument errors use instead
    # `@parse_tuple`: C parses with PyArg_ParseTuple (METH_VARARGS) or is a METH_O function with
    # a hand-written docstring: no `__text_signature__`, and PyArg_ParseTuple's count messages.
    parse_tuple: bool = False

    @property
    def getset(self) -> str | None:
        """`get` for a `@getter`, `set` for a `@setter` block, None otherwise."""
        if "getter" in self.decorators:
            return "get"
        if "setter" in self.decorators:
            return "set"
        return None

    @property
    def slot(self) -> str | None:
        """The `ferrocpy::slot!` kind of a special method that is a type slot (`new`, `init`,
        `call`, `len`, ...), None for functions and ordinary methods."""
        if self.cls is None or self.decorators and self.decorators != ("classmethod",):
            return None
        return SLOT_KINDS.get(self.name)

    @property
    def new_or_init(self) -> bool:
        return self.slot in ("new", "init")

    @property
    def fname(self) -> str:
        """The name C's argument errors use: the one `@error_name` gives, else the class's for
        `__new__`/`__init__`/`__call__`, else the function's."""
        if self.error_name is not None:
            return self.error_name
        if self.slot in ("new", "init", "call"):
            assert self.cls is not None
            return self.cls.short_name
        return self.name

    @property
    def methoddef(self) -> str:
        return f"{self.c_basename.upper()}_METHODDEF"

    @property
    def convention(self) -> Convention:
        ps = self.parameters
        if self.defining_class is not None:
            return Convention.DEFINING_CLASS
        if not ps:
            return Convention.NOARGS
        if len(ps) == 1 and ps[0].kind is Kind.POSITIONAL_ONLY and ps[0].required:
            return Convention.O
        if all(p.kind is Kind.POSITIONAL_ONLY for p in ps) and not self.parse_tuple:
            return Convention.FASTCALL
        # `@parse_tuple` with several parameters: keywords are refused by the glue, with C's
        # METH_VARARGS wording ("f() takes no keyword arguments"), which for a METH_FASTCALL
        # function CPython itself words differently ("module.f() takes ...").
        return Convention.FASTCALL_KEYWORDS

    @property
    def self_name(self) -> str:
        return "$self" if self.cls else "$module"


# Special methods that become type slots (`ferrocpy::slot!` kinds). `__new__`, `__init__` and
# `__call__` take clinic parameters; the others have the slot's fixed C signature.
SLOT_KINDS = {
    "__new__": "new",
    "__init__": "init",
    "__call__": "call",
    "__iter__": "iter",
    "__next__": "next",
    "__repr__": "repr",
    "__str__": "str",
    "__len__": "len",
    "__hash__": "hash",
    "__getitem__": "getitem",
}

# Special methods that are slots ferrocpy's clinic does not generate (as CPython's clinic
# refuses them): write the slot with `ferrocpy::slot!` (rich comparison) or not at all.
UNSUPPORTED_SPECIAL = {
    "__abs__", "__add__", "__and__", "__bool__", "__contains__", "__del__", "__delattr__",
    "__delitem__", "__divmod__", "__eq__", "__float__", "__floordiv__", "__ge__", "__get__",
    "__getattr__", "__getattribute__", "__gt__", "__iadd__", "__iand__", "__ifloordiv__",
    "__ilshift__", "__imatmul__", "__imod__", "__imul__", "__index__", "__int__", "__invert__",
    "__ior__", "__ipow__", "__irshift__", "__isub__", "__itruediv__", "__ixor__", "__le__",
    "__lshift__", "__lt__", "__matmul__", "__mod__", "__mul__", "__ne__", "__neg__", "__or__",
    "__pos__", "__pow__", "__radd__", "__rand__", "__rdivmod__", "__rfloordiv__", "__rlshift__",
    "__rmatmul__", "__rmod__", "__rmul__", "__ror__", "__rpow__", "__rrshift__", "__rshift__",
    "__rsub__", "__rtruediv__", "__rxor__", "__set__", "__setattr__", "__setitem__", "__sub__",
    "__truediv__", "__xor__", "__await__", "__aiter__", "__anext__", "__buffer__",
    "__release_buffer__",
}


@dataclass
class Block:
    """One `/*[clinic input] ... [clinic end generated code: ...]*/` block of a source file."""

    input: str  # text between the input marker line and the start marker line
    output: str  # text between the start marker and the end marker (generated code)
    start: int  # line of `/*[clinic input]` (1-based)
    input_line: int  # line of the first input line
    end_line: int  # line of the end marker, or 0 if the block was never generated
    output_checksum: str | None = None
    input_checksum: str | None = None
    # offsets into the file text
    span_output: tuple[int, int] = (0, 0)
    span_end: tuple[int, int] = (0, 0)
    functions: list[Function] = field(default_factory=list)
