"""Times fibonacci(32) in pure Python and in seed_demo (best of 3 runs each)."""

import platform
import time

import seed_demo


def fibonacci_py(n: int) -> int:
    if n <= 1:
        return n
    return fibonacci_py(n - 1) + fibonacci_py(n - 2)


def best_of(fn, n, runs=3):
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn(n)
        best = min(best, time.perf_counter() - t0)
    return result, best


if __name__ == "__main__":
    py, t_py = best_of(fibonacci_py, 32)
    rs, t_rs = best_of(seed_demo.fibonacci, 32)
    assert py == rs == 2178309
    print(f"CPython {platform.python_version()} on {platform.machine()}")
    print(f"pure Python   fibonacci(32) = {py}: {t_py:.3f} s")
    print(f"seed_demo     fibonacci(32) = {rs}: {t_rs:.4f} s  ({t_py / t_rs:.0f}x faster)")
