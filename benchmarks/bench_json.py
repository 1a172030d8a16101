"""_json: ferrocpy's Rust port vs the C accelerator of the same interpreter, through ``json``.

Side by side in one pyperf run: two copies of the ``json`` package are imported, one bound to
the C ``_json`` and one to ``ferrocpy.ports._json`` (each copy's ``json.decoder``,
``json.scanner`` and ``json.encoder`` take their accelerator from ``sys.modules["_json"]`` when
they are imported), so ``dumps``/``loads`` run the same Python code around each accelerator.

Cases (issue 14):
- ``pyperformance-dumps`` / ``pyperformance-loads``: the documents of pyperformance's
  ``json_dumps`` and ``json_loads`` benchmarks (small flat and nested dicts, a list of a thousand
  nested dicts; a 32-key user profile, a list of ids, three profiles of strings), with
  pyperformance's repetitions (``json_dumps``'s divided by ten);
- ``loads mixed``: small dicts and tuples of ints, floats, strings and lists (what
  ``pyperformance-loads`` measured before session 10);
- three documents of the usual shapes, each dumped and loaded with ``ensure_ascii`` on and off:
  ``records`` (an API response: a list of user records), ``text`` (articles of multilingual
  prose with quotes, escapes and emoji), ``numbers`` (a table of floats and ints).

- ``small``: documents under 100 bytes (a flat and a nested dict, a list, a string, a number),
  each dumped (``small dumps``) or loaded (``small loads``) in turn: the fixed cost of a call.

orjson, when installed, runs beside them for orientation only: it is not a drop-in (``dumps``
returns bytes, always UTF-8, other options), so its rows are not comparable output for output.

Names are ``<case> [<impl>]`` with the C module first, which benchmarks/report.py takes as the
baseline of each row.

    python benchmarks/bench_json.py -o json.json && python benchmarks/report.py json.json
    ferrocpy bench json [--png json.png]
"""

from __future__ import annotations

# The setup in parts, so that benchmarks/callgrind_json.py builds the same documents without
# the checks: IMPORTS (the two json packages C and P), DOCUMENTS, CHECK, then the loops.
IMPORTS = r"""
import random, sys
import _json as _C_accel
import ferrocpy.ports._json as _P_accel

def _json_with(accel):
    names = lambda: [k for k in sys.modules if k in ("json", "_json") or k.startswith("json.")]
    saved = {k: sys.modules.pop(k) for k in names()}
    sys.modules["_json"] = accel
    try:
        import json, json.decoder, json.encoder, json.scanner
        mod = json
    finally:
        for k in names():
            del sys.modules[k]
        sys.modules.update(saved)
    return mod

C = _json_with(_C_accel)
P = _json_with(_P_accel)
assert C.encoder.c_make_encoder is _C_accel.make_encoder
assert P.encoder.c_make_encoder is _P_accel.make_encoder and P.scanner.c_make_scanner is _P_accel.make_scanner
"""

DOCUMENTS = r"""
rng = random.Random(1234)
WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
         "sigma tau upsilon phi chi psi omega").split()
PROSE = ["Grüße aus Köln", "naïve café", "Ελληνικά κείμενα", "русский текст", "中文文本示例",
         "日本語のテキスト", "한국어 텍스트", "emoji 🐍🚀✨", 'a "quoted" word', "tab\there", "line\nbreak",
         "back\\slash", "plain ascii words for the rest of the sentence"]

# pyperformance json_dumps shapes: (object, repetitions)
_simple = {"key1": 0, "key2": True, "key3": "value", "key4": "foo", "key5": "string"}
_nested = {"key1": 0, "key2": _simple, "key3": "value", "key4": _simple, "key5": _simple,
           "key": "\u0105\u0107\u017c"}
PP_DUMPS = [({}, 200), (_simple, 100), (_nested, 100), ([_nested] * 1000, 1)]

# pyperformance json_loads (bm_json_loads, pyperformance 1.14): one user profile, one pair of a
# list of ids and a count, and three copies of the profile whose values were all replaced by
# str(random.Random(5).random() * sys.maxsize), in key order; each dumped once, loaded 20 times.
_profile = {
    "ads_flags": 0, "age": 18, "bulletin_count": 0, "comment_count": 0, "country": "BR",
    "encrypted_id": "G9urXXAJwjE", "favorite_count": 9, "first_name": "", "flags": 412317970704,
    "friend_count": 0, "gender": "m", "gender_for_display": "Male", "id": 302935349,
    "is_custom_profile_icon": 0, "last_name": "", "locale_preference": "pt_BR", "member": 0,
    "tags": ["a", "b", "c", "d", "e", "f", "g"], "profile_foo_id": 827119638,
    "secure_encrypted_id": "Z_xxx2dYx3t4YAdnmfgyKw", "session_number": 2,
    "signup_id": "201-19225-223", "status": "A", "theme": 1, "time_created": 1225237014,
    "time_updated": 1233134493, "unread_message_count": 0, "user_group": "0",
    "username": "collinwinter", "play_count": 9, "view_count": 7, "zip": ""}
_ids = ([265867233, 265868503, 265252341, 265243910, 265879514, 266219766, 266021701, 265843726,
         265592821, 265246784, 265853180, 45526486, 265463699, 265848143, 265863062, 265392591,
         265877490, 265823665, 265828884, 265753032], 60)
_pp_rng = random.Random(5)
_profiles = [{k: str(_pp_rng.random() * sys.maxsize) for k in _profile} for _ in range(3)]
PP_LOADS = [C.dumps(_profile), C.dumps(_ids), C.dumps(_profiles)]

# Small dicts and tuples of mixed values (ints, a float, short strings, a list, two levels of
# nesting), dumped once: the stand-in for pyperformance's json_loads before session 10.
def _mixed(i):
    return {"int": i, "float": i * 1.5 + 0.25, "str": "item %d" % i, "bool": i % 2 == 0, "none": None,
            "list": [i, i + 1, "x" * (i % 7)], "nested": {"a": [1, 2, 3], "b": {"c": "d" * (i % 5)}}}
MIXED_LOADS = [C.dumps(_mixed(i)) for i in range(3)] + [C.dumps(tuple(_mixed(i).values())) for i in range(3)]

def _record(i):
    return {"id": 100000 + i, "name": " ".join(rng.choice(WORDS).title() for _ in range(2)),
            "email": "user%d@example.com" % i, "score": round(rng.random() * 100, 3),
            "active": rng.random() < 0.7, "tags": rng.sample(WORDS, 3), "manager": None,
            "address": {"street": "%d %s Street" % (rng.randrange(1, 999), rng.choice(WORDS).title()),
                        "city": rng.choice(WORDS).title(), "zip": "%05d" % rng.randrange(100000)}}

def _article(i):
    return {"title": rng.choice(PROSE), "id": i, "lang": rng.choice(["de", "el", "ru", "zh", "ja", "ko", "en"]),
            "body": " ".join(rng.choice(PROSE) for _ in range(40)),
            "comments": [{"author": rng.choice(WORDS), "text": " ".join(rng.choice(PROSE) for _ in range(5))}
                         for _ in range(3)]}

DOCS = {
    "records": [_record(i) for i in range(1000)],
    "text": [_article(i) for i in range(100)],
    "numbers": [[rng.uniform(-1e6, 1e6) if j % 3 else rng.randrange(-10**9, 10**9) for j in range(50)]
                for _ in range(200)],
}
ENCODED = {(name, a): C.dumps(doc, ensure_ascii=a) for name, doc in DOCS.items() for a in (True, False)}

SMALL = [{"id": 7, "name": "Ada", "ok": True}, {"a": [1, 2.5, None], "b": {"c": "d"}}, [1, 2, 3],
         "caf\u00e9 \"quoted\"", 12345.678]
SMALL_ENCODED = [C.dumps(d) for d in SMALL]
assert all(len(s) < 100 for s in SMALL_ENCODED)
"""

CHECK = r"""
for (name, a), s in ENCODED.items():
    assert P.dumps(DOCS[name], ensure_ascii=a) == s and P.loads(s) == C.loads(s)
for d, s in zip(SMALL, SMALL_ENCODED):
    assert P.dumps(d) == s and P.loads(s) == C.loads(s)

"""

LOOPS = r"""
def pp_dumps(m):
    for obj, n in PP_DUMPS:
        for _ in range(n):
            m.dumps(obj)

def pp_loads(m):
    for s in PP_LOADS:
        for _ in range(20):
            m.loads(s)

def mixed_loads(m):
    for s in MIXED_LOADS:
        for _ in range(20):
            m.loads(s)

def small_dumps(m):
    for d in SMALL:
        m.dumps(d)

def small_loads(m):
    for s in SMALL_ENCODED:
        m.loads(s)
"""

SETUP = IMPORTS + DOCUMENTS + CHECK + LOOPS

IMPLS = [("C", "m = C"), ("ferrocpy", "m = P")]


def _orjson_impl() -> list[tuple[str, str]]:
    """orjson, for orientation, when installed: `dumps` with its own defaults (bytes, UTF-8);
    the `ensure_ascii` flag of a case is ignored."""
    try:
        import orjson  # noqa: F401
    except ImportError:
        return []
    shim = ("import orjson\n"
            "class m:\n"
            "    loads = staticmethod(orjson.loads)\n"
            "    @staticmethod\n"
            "    def dumps(obj, ensure_ascii=True):\n"
            "        return orjson.dumps(obj)\n")
    return [("orjson", shim)]


CASES = {
    "pyperformance-dumps": "pp_dumps(m)",
    "pyperformance-loads": "pp_loads(m)",
    "loads mixed": "mixed_loads(m)",
    "small dumps": "small_dumps(m)",
    "small loads": "small_loads(m)",
}
for _doc in ("records", "text", "numbers"):
    for _flag, _label in ((True, "ascii"), (False, "utf8")):
        CASES[f"dumps {_doc} {_label}"] = f"m.dumps(DOCS[{_doc!r}], ensure_ascii={_flag})"
        CASES[f"loads {_doc} {_label}"] = f"m.loads(ENCODED[({_doc!r}, {_flag})])"


def main() -> None:
    import pyperf

    runner = pyperf.Runner()
    runner.metadata["description"] = __doc__.splitlines()[0]
    for case, stmt in CASES.items():
        for impl, imp in IMPLS + _orjson_impl():
            runner.timeit(f"{case} [{impl}]", stmt=stmt, setup=SETUP + "\n" + imp)


if __name__ == "__main__":
    main()
