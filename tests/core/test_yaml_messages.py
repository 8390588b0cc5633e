"""PyYAML's problems reach contributors in their language, never as PyYAML's English.

The header reader turns a YAML problem into E116 with the problem as an entry of the message
catalogue's `words`. These tests read the problem texts out of libyaml itself (the compiled loader
the reader uses), so a PyYAML upgrade with a new problem fails here instead of showing English.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from lumbung.formats.frontmatter import OTHER_PROBLEM, HeaderError, load_yaml, problem_word
from lumbung.messages import catalogue, render

# Problems libyaml can report that cannot happen here, and why.
UNREACHABLE = {
    "did not find expected <stream-start>": "PyYAML always starts the stream itself",
    "found an incorrect leading UTF-8 octet": "the reader hands libyaml text it decoded as UTF-8 already",
    "found an incorrect trailing UTF-8 octet": "the reader hands libyaml text it decoded as UTF-8 already",
    "found duplicate anchor; first occurrence": "a context; the problem shown is 'second occurrence'",
}


def _libyaml_problems() -> list[str]:
    compiled = list(Path(yaml.__file__).parent.glob("_yaml*.so")) + list(
        Path(yaml.__file__).parent.glob("_yaml*.pyd")
    )
    if not compiled:
        pytest.skip("PyYAML without libyaml: the reader falls back to the Python loader")
    data = compiled[0].read_bytes()
    starts = rb"found|did not find|could not find|mapping (?:keys|values)|block sequence"
    pattern = rb"(?<![ -~])((?:" + starts + rb")[ -~]{4,90})\x00"
    return sorted({m.decode() for m in re.findall(pattern, data)})


def test_every_libyaml_problem_has_an_indonesian_text() -> None:
    problems = _libyaml_problems()
    assert len(problems) > 30  # the extraction found libyaml's messages
    words = catalogue()["words"]
    missing = [p for p in problems if p not in words and p not in UNREACHABLE]
    assert missing == []
    for problem in problems:
        if problem in words:
            assert words[problem]["id"] != problem  # translated, not copied


def test_an_unknown_problem_reads_as_a_general_one_never_as_english() -> None:
    word = problem_word("found something PyYAML 7 may say one day")
    assert word == OTHER_PROBLEM
    assert render("codes", "E116", "id", {"problem": word}) == (
        "kesalahan sintaks YAML: penulisan YAML di sini tidak dapat dibaca"
    )


def test_problems_with_varying_text_are_found_by_their_start() -> None:
    assert problem_word("found unknown escape character 'q'") == "found unknown escape character"
    assert problem_word("expected a mapping or list of mappings for merging, but found scalar") == (
        "expected a mapping for merging"
    )


def test_every_error_of_the_yaml_test_suite_reads_in_indonesian() -> None:
    # where tests/core/conftest.py finds the corpus for test_yaml_suite.py
    repo = Path(__file__).resolve().parents[2]
    suite = Path(
        os.environ.get("LUMBUNG_YAML_SUITE") or repo.parent / "shared" / "corpora" / "yaml-test-suite"
    )
    if not suite.is_dir():
        pytest.skip(f"yaml-test-suite corpus not found at {suite} (set LUMBUNG_YAML_SUITE)")
    seen = 0
    for source in sorted(suite.rglob("in.yaml")):
        text = source.read_text(encoding="utf-8", errors="replace")
        try:
            load_yaml(text)
        except HeaderError as err:
            if err.code == "E116":
                seen += 1
                assert err.params["problem"] != OTHER_PROBLEM, source
                assert err.params["problem"] in catalogue()["words"], source
    assert seen > 100
