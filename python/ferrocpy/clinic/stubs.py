"""`.pyi` stubs: one per extension module, covering every clinic function of the module."""

from __future__ import annotations

from .model import Function, Kind, VersionRange


def _param(p) -> str:  # type: ignore[no-untyped-def]
    ann = p.converter.stub(p)
    if p.required:
        return f"{p.name}: {ann}"
    return f"{p.name}: {ann} = ..."


SLOT_STUB_RETURNS = {
    "new": "Self",
    "init": "None",
    "iter": "Self",
    "next": "Any",
    "repr": "str",
    "str": "str",
    "len": "int",
    "hash": "int",
    "getitem": "Any",
}


def stub_signature(fn: Function) -> str:
    if fn.getset == "get":
        return f"@property\ndef {fn.name}(self) -> Any: ..."
    if fn.getset == "set":
        return f"@{fn.name}.setter\ndef {fn.name}(self, value: Any) -> None: ..."
    ps = fn.parameters
    parts = [_param(p) for p in ps if p.kind is Kind.POSITIONAL_ONLY]
    if parts:
        parts.append("/")
    if fn.cls is not None:
        parts.insert(0, "cls" if fn.slot == "new" else "self")
    parts += [_param(p) for p in ps if p.kind is Kind.POSITIONAL_OR_KEYWORD]
    kw = [_param(p) for p in ps if p.kind is Kind.KEYWORD_ONLY]
    if kw:
        parts.append("*")
        parts += kw
    ret = SLOT_STUB_RETURNS.get(fn.slot or "", fn.return_converter.stub_type)
    return f"def {fn.name}({', '.join(parts)}) -> {ret}: ..."


def _version_test(cond: VersionRange) -> str:
    tests = []
    if cond.lo is not None:
        tests.append(f"sys.version_info >= (3, {cond.lo})")
    if cond.hi is not None:
        tests.append(f"sys.version_info < (3, {cond.hi})")
    return " and ".join(tests)


def _chain(start: VersionRange, conds: list[VersionRange], done: set[VersionRange]) -> list[VersionRange] | None:
    """Ranges from `conds` (not yet `done`) that, starting with `start` (open below), follow each
    other without gap or overlap up to a range open above: the branches of one
    `if`/`elif`/`else`. Tries the shortest next range first; None if no such chain exists."""
    if start.hi is None:
        return [start]
    nexts = sorted((c for c in conds if c not in done and c != start and c.lo == start.hi), key=VersionRange.sort_key)
    for nxt in nexts:
        rest = _chain(nxt, conds, done | {start})
        if rest is not None:
            return [start, *rest]
    return None


def _body(functions: list[Function]) -> list[str]:
    """Module functions, then one `@final` class per declared class holding its methods."""
    body = _declarations([fn for fn in functions if fn.cls is None])
    classes = sorted({fn.cls.name: fn.cls for fn in functions if fn.cls is not None}.values(), key=lambda c: c.name)
    # A class is subclassable if any file's directive says so (files of other version ranges
    # repeat the directive for their methods).
    subclassable = {fn.cls.name for fn in functions if fn.cls is not None and fn.cls.subclassable}
    for cls in classes:
        methods = _declarations([fn for fn in functions if fn.cls is not None and fn.cls.name == cls.name])
        if body:
            body.append("")
        body += [*([] if cls.name in subclassable else ["@final"]), f"class {cls.short_name}:", *(f"    {ln}" for ln in methods)]
    return body


def _declarations(functions: list[Function]) -> list[str]:
    """Unconditional declarations first, then the version-conditional ones, as typeshed writes
    them: ranges that together cover every version (`<3.11`, `>=3.11,<3.15`, `>=3.15`) as one
    `if`/`elif`/`else` chain tested from the oldest up, any other range as its own `if` block."""
    ordered = sorted(functions, key=lambda f: (f.name, f.getset or ""))
    body = [ln for fn in ordered if fn.module.python is None for ln in stub_signature(fn).split("\n")]
    conds = sorted({fn.module.python for fn in ordered if fn.module.python is not None}, key=VersionRange.sort_key)

    def decls(cond: VersionRange) -> list[str]:
        return [f"    {ln}" for fn in ordered if fn.module.python == cond for ln in stub_signature(fn).split("\n")]

    done: set[VersionRange] = set()
    for cond in conds:
        if cond in done:
            continue
        chain = _chain(cond, conds, done) if cond.lo is None else None
        if chain is None or len(chain) < 2:
            done.add(cond)
            body += [f"if {_version_test(cond)}:", *decls(cond)]
            continue
        done.update(chain)
        for i, branch in enumerate(chain):
            if i == 0:
                body.append(f"if {_version_test(VersionRange(None, branch.hi))}:")
            elif branch.hi is not None:
                body.append(f"elif {_version_test(VersionRange(None, branch.hi))}:")
            else:
                body.append("else:")
            body += decls(branch)
    return body


def render_stub(module: str, functions: list[Function], sources: list[str]) -> str:
    """The stub text, without its checksum line."""
    body = _body(functions)
    text = "\n".join(body)
    typing_names = sorted(
        [n for n in ("Any", "SupportsIndex") if n in text]
        + (["final"] if "@final" in text else [])
    )
    head = [
        f"# Stub for the extension module {module}, generated by ferrocpy.clinic from",
        *(f"#   {s}" for s in sources),
        "# Do not edit: regenerate with `python -m ferrocpy.clinic`.",
        "",
    ]
    if "sys.version_info" in text:
        head.append("import sys")
    if typing_names:
        head.append(f"from typing import {', '.join(typing_names)}")
    if "ReadableBuffer" in text:
        head.append("from _typeshed import ReadableBuffer")
    if "-> Self" in text:
        head.append("from typing_extensions import Self")
    if typing_names or "ReadableBuffer" in text or "sys.version_info" in text or "-> Self" in text:
        head.append("")
    return "\n".join(head + body) + "\n"
