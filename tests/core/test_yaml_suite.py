"""Every yaml-test-suite case, wrapped as a practice header, ends in a result or a diagnostic.

No traceback, no internal error (E900), no hang: each case must finish well within a second.
"""

from __future__ import annotations

import datetime as dt
import json
import signal
import time
from contextlib import contextmanager

from lumbung.diagnostics import format_github, format_json, format_text
from lumbung.source.loader import load_file

PER_CASE_SECONDS = 1.0
TODAY = dt.date(2026, 1, 15)


class Hang(Exception):
    pass


@contextmanager
def deadline(seconds: float):
    """Turn a hang into an exception (POSIX main thread); elsewhere the measured time still decides."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_every_case_ends_in_a_result_or_a_diagnostic(yaml_suite):
    root, cases = yaml_suite
    slow, broken = [], []
    results = {"clean": 0, "diagnostics": 0}
    for case in cases:
        started = time.perf_counter()
        with deadline(5 * PER_CASE_SECONDS):
            practice = load_file(case.path, root, TODAY)
            rendered = format_text(practice.diagnostics, 1) + format_json(practice.diagnostics, "en")
            rendered += format_github(practice.diagnostics)
        elapsed = time.perf_counter() - started
        if elapsed > PER_CASE_SECONDS:
            slow.append(f"{case.name} ({elapsed:.2f} s)")
        codes = [d.code for d in practice.diagnostics]
        if "E900" in codes or "Traceback" in rendered:
            broken.append(f"{case.name} {case.title!r}: {rendered.splitlines()[0]}")
        json.loads(format_json(practice.diagnostics))
        for d in practice.diagnostics:
            assert d.path == practice.relpath and d.message() and d.message("en"), (case.name, d)
            assert d.line is None or d.line >= 1, (case.name, d)
        results["diagnostics" if codes else "clean"] += 1
        assert practice.meta is not None or codes, f"{case.name}: neither metadata nor a diagnostic"
    assert broken == []
    assert slow == []
    assert results["diagnostics"] > 300  # the suite is not shaped like practices: most cases are refused
    assert len(cases) >= 300


def test_yaml_syntax_errors_carry_a_line(yaml_suite):
    root, cases = yaml_suite
    invalid = [c for c in cases if c.invalid]
    assert len(invalid) > 50
    for case in invalid:
        practice = load_file(case.path, root, TODAY)
        header_problems = [d for d in practice.diagnostics if d.code.startswith("E11") or d.code == "E207"]
        # libyaml accepts a few cases the suite calls invalid; the others are refused with a line
        for d in header_problems:
            assert d.line is not None and d.line >= 1, (case.name, d)


def test_validate_command_over_the_whole_suite(yaml_suite, cli):
    root, cases = yaml_suite
    result = cli("validate", "--format", "json", cwd=root)
    assert result.rc == 1 and result.err == ""
    items = json.loads(result.out)
    assert {i["path"] for i in items} == {c.path.relative_to(root).as_posix() for c in cases}
    assert not [i for i in items if i["code"] == "E900"]
