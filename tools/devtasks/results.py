"""Counting test results across runners, for one closing line."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Tally:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, passed: int, failed: int, skipped: int, label: str) -> None:
        self.passed += passed
        self.failed += failed
        self.skipped += skipped
        if failed:
            self.failures.append(f"{label}: {failed} failed")

    def fail(self, label: str) -> None:
        """A step that could not even report counts (crashed, did not build...)."""
        self.failed += 1
        self.failures.append(f"{label}: did not complete")

    def line(self) -> str:
        return f"{self.passed} passed, {self.failed} failed, {self.skipped} skipped"


def merge(into: Tally, other: Tally) -> None:
    """Adds `other`'s counts and failures to `into`."""
    into.passed += other.passed
    into.failed += other.failed
    into.skipped += other.skipped
    into.failures.extend(other.failures)


def junit_counts(path: Path) -> tuple[int, int, int] | None:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return None
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    total = failed = skipped = 0
    for s in suites:
        total += int(s.get("tests", 0))
        failed += int(s.get("failures", 0)) + int(s.get("errors", 0))
        skipped += int(s.get("skipped", 0))
    return total - failed - skipped, failed, skipped


_CARGO = re.compile(r"test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored")
_PLAIN = re.compile(r"^(?:\w+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$", re.M)


def cargo_counts(output: str) -> tuple[int, int, int]:
    p = f = s = 0
    for m in _CARGO.finditer(output):
        p, f, s = p + int(m[1]), f + int(m[2]), s + int(m[3])
    return p, f, s


def plain_counts(output: str) -> tuple[int, int, int] | None:
    found = _PLAIN.findall(output)
    if not found:
        return None
    p, f, s = found[-1]
    return int(p), int(f), int(s or 0)
