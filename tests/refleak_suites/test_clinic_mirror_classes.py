"""The clinic mirror's classes under regrtest's -R 3:3 (issue 12: the test-only module that
mirrors C classes must show 0 leaked references and 0 leaked memory blocks on the debug builds).

pytest runs it as an ordinary test everywhere; `python3 dev.py test` also runs it on each debug
build as `python -m test --testdir tests/refleak_suites -R 3:3 test_clinic_mirror_classes`, and
`ferrocpy.refleaks` reads regrtest's verdict. Every path a class offers is taken: construction
(also bad calls and subclasses), methods, slots, attributes, errors, GC-visible fields in cycles,
copies, the queue's items, and the decompressor's getter and members.
"""

import copy
import gc
import unittest

try:
    import ferrocpy._clinic_mirror as m
except ImportError:  # a production install (test modules are built by the test command only)
    m = None


def _fails(f, *args, **kwargs):
    try:
        f(*args, **kwargs)
    except Exception as e:  # every exception type: they are part of the paths under test
        return type(e).__name__
    return None


@unittest.skipIf(m is None, "ferrocpy._clinic_mirror is not installed")
class MirrorClassesTest(unittest.TestCase):
    def test_pairwise(self):
        self.assertEqual(list(m.pairwise("abcd")), [("a", "b"), ("b", "c"), ("c", "d")])
        self.assertEqual(list(m.pairwise([])), [])
        self.assertEqual(_fails(m.pairwise), "TypeError")
        self.assertEqual(_fails(m.pairwise, 1), "TypeError")
        self.assertEqual(_fails(m.pairwise, [], x=1), "TypeError")

        def boom():
            yield 1
            yield 2
            raise ValueError("x")

        p = m.pairwise(boom())
        self.assertEqual(next(p), (1, 2))
        self.assertEqual(_fails(next, p), "ValueError")
        self.assertEqual(_fails(next, p), "StopIteration")

        class Sub(m.pairwise):
            pass

        self.assertEqual(list(Sub(range(3))), [(0, 1), (1, 2)])

    def test_pairwise_cycle(self):
        class Holder:
            pass

        h = Holder()
        h.p = m.pairwise(iter([h, h, h]))
        next(h.p)
        del h
        gc.collect()

    def test_simple_queue(self):
        q = m.SimpleQueue()
        for item in (1, "two", object(), q):
            q.put(item)
        q.put_nowait(None)
        self.assertEqual(q.qsize(), 5)
        self.assertFalse(q.empty())
        while not q.empty():
            q.get_nowait()
        self.assertEqual(_fails(q.get_nowait), "IndexError")
        self.assertEqual(_fails(m.SimpleQueue, 1), "TypeError")
        self.assertEqual(_fails(q.put), "TypeError")
        q.put(q)  # a cycle through the queue's items, left for the collector
        del q
        gc.collect()

    def test_tally(self):
        t = m.Tally(3, step=2)
        t(2)
        self.assertEqual(len(t), 1)
        t.keep(t)
        self.assertIs(t.kept(), t)
        t.step = 5
        self.assertEqual(_fails(setattr, t, "step", "x"), "TypeError")
        self.assertEqual(_fails(setattr, t, "total", 1), "AttributeError")
        t[0], repr(t), hash(t), list(t), t == t, t < m.Tally(100)
        self.assertEqual(_fails(t.__getitem__, 10**6), "IndexError")
        with t:
            pass
        copy.copy(t), copy.deepcopy(t), t.__reduce__()
        self.assertEqual(_fails(m.Tally, x=1), "TypeError")
        self.assertEqual(_fails(m.Tally, step="a"), "TypeError")
        del t
        gc.collect()

    def test_zlib_decompressor(self):
        z = m._ZlibDecompressor(15, b"")
        z.decompress(b"abc", 1), z.eof, z.needs_input, z.unused_data
        z.decompress(b"", 0)
        self.assertTrue(z.eof)
        self.assertEqual(_fails(z.decompress, b"x"), "EOFError")
        self.assertEqual(_fails(z.decompress, "a"), "TypeError")
        self.assertEqual(_fails(m._ZlibDecompressor, x=1), "TypeError")
        self.assertEqual(_fails(setattr, z, "eof", False), "AttributeError")
        m._ZlibDecompressor().unused_data


if __name__ == "__main__":
    unittest.main()
