"""Every regular expression of the core, pumped: none may cost more than linear time on a long run.

The audit that found the cubic heading pattern, kept as a test so a new pattern cannot bring the
problem back. Each literal pattern passed to `re` in tools/lumbung (privacy.py and pii.py have their
own tests of pathological text) is run with `finditer` over a prefix, a long run of one or two
characters drawn from the pattern's own punctuation, and a character that matches nothing; a
pattern whose time grows clearly faster than the run (4 times the run costing more than 12 times
the time) fails, unless it is listed in BOUNDED with the reason it is linear where it is used.
"""

from __future__ import annotations

import ast
import itertools
import re
import time

import pytest

from support import REPO

CORE = REPO / "tools" / "lumbung"
FUNCTIONS = {"compile", "match", "search", "sub", "subn", "findall", "finditer", "split", "fullmatch"}
OWN_TESTS = {"privacy.py", "pii.py"}
# pattern -> why it is linear where it is used, although a pump through finditer rescans
BOUNDED = {
    r"\s?\[((?:[^\[\]\\]++|\\.)*+)\]": "matched only right after an image's `]`: windows never overlap",
    r"[\w ._-]{1,200}\.(jpe?g|png|gif|webp|heic)": "fullmatch of one alt text, at most 200 characters",
    r"(?:[a-z0-9-]+\.)*githubusercontent\.com|github\.com"
    r"|github-production-user-asset-[0-9a-f]{6}\.s3\.amazonaws\.com": "fullmatch of one host name",
}
PREFIXES = ["", "## a", "### a", "<a", "[", "!["]
BASE = set(" \t\na1#*_`[]()<>!:{}-.,/\\|~=\"'@;?%&")


def patterns() -> list[tuple[str, str, int]]:
    found = []
    for path in sorted(CORE.rglob("*.py")):
        if path.name in OWN_TESTS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in FUNCTIONS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                continue
            flags = 0
            position = {"compile": 1, "sub": 3, "subn": 3}.get(node.func.attr, 2)
            candidates = [kw.value for kw in node.keywords if kw.arg == "flags"]
            if len(node.args) > position:
                candidates.append(node.args[position])
            for expr in candidates:
                try:
                    flags = eval(compile(ast.Expression(expr), "<flags>", "eval"), {"re": re})  # noqa: S307
                except Exception:  # a flag held in a variable: the pattern is tried without it
                    flags = 0
            found.append((f"{path.relative_to(CORE)}:{node.lineno}", node.args[0].value, flags))
    return found


def _cost(rx: re.Pattern, text: str) -> float:
    start = time.process_time()  # CPU time: a loaded machine does not make a pattern look slow
    for _ in rx.finditer(text):
        pass
    return time.process_time() - start


def _worst(rx: re.Pattern, pattern: str) -> tuple[float, str, str]:
    chars = sorted((set(pattern) & BASE) | {"a", " ", "\n"})
    pumps = chars + ["".join(pair) for pair in itertools.permutations(chars, 2)]
    worst = (0.0, "", "")
    for prefix in PREFIXES:
        for pump in pumps:
            cost = _cost(rx, prefix + pump * (300 // len(pump)) + "\x00")
            if cost > worst[0]:
                worst = (cost, prefix, pump)
    return worst


def test_the_audit_sees_the_patterns():
    found = patterns()
    assert len(found) > 60
    assert any(p == r"(#{1,6})[ \t]+(.+)" for _, p, _ in found)


def test_the_audit_catches_the_old_heading_pattern():
    """Control: the pattern that took 43 s on a heading of 2,000 spaces fails this audit."""
    old = r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*(?:\{:?[^}]*\}[ \t]*)?$"
    assert _growth(re.compile(old), old) > 12


def _growth(rx: re.Pattern, pattern: str) -> float:
    _, prefix, pump = _worst(rx, pattern)
    n = 300 // len(pump)
    small = min(_cost(rx, prefix + pump * n + "\x00") for _ in range(3))
    large = min(_cost(rx, prefix + pump * (4 * n) + "\x00") for _ in range(3))
    return large / max(small, 2e-5)


@pytest.mark.slow
def test_no_pattern_of_the_core_is_super_linear():
    slow = []
    for where, pattern, flags in patterns():
        if pattern in BOUNDED:
            continue
        growth = _growth(re.compile(pattern, flags), pattern)
        if growth > 12:
            slow.append(f"{where}: {pattern!r} grows {growth:.0f}x for a 4x longer run")
    assert slow == []
