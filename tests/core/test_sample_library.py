"""The sample library under practices/ is clean and as varied as the issue asks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lumbung.source.loader import load_library
from lumbung.vocabulary import NATIONAL, vocabulary
from support import REPO


@pytest.fixture(scope="module")
def library():
    return load_library(REPO)


def words(body: str) -> int:
    """Words a reader reads: HTML comments and Markdown markup left out."""
    text = re.sub(r"<!--.*?-->", " ", body, flags=re.S)
    return len(re.findall(r"[^\W_](?:[\w'’/.,-]*[^\W_])?", text))


def test_validate_reports_nothing(cli):
    result = cli("validate", "--strict", cwd=REPO)
    assert result.rc == 0, result.out
    assert re.fullmatch(r"\d+ berkas diperiksa: 0 galat, 0 peringatan\n", result.out)


def test_loader_finds_no_problem(library):
    assert library.diagnostics == []
    assert all(p.meta is not None for p in library.practices)


def test_coverage(library):
    practices = library.practices
    assert len(practices) >= 12
    themes = {t for p in practices for t in p.get("themes", [])}
    assert themes == set(vocabulary("themes").values)
    provinces = {p.province for p in practices} - {NATIONAL}
    assert len(provinces) >= 8
    assert sum(p.province == NATIONAL for p in practices) >= 1
    assert any(p.language == "en" for p in practices)
    ids = {p.id for p in practices}
    replications = [(p.id, p.get("replicated_from")) for p in practices if p.get("replicated_from")]
    assert replications and all(source in ids for _, source in replications)
    assert any(p.get("outcomes") for p in practices) and any(p.get("partners") for p in practices)
    assert any(p.get("target_groups") for p in practices)


PRACTICE_FILES = sorted(p for p in (REPO / "practices").rglob("*.md") if p.parent.name != "replikasi")
REPORT_FILES = sorted((REPO / "practices").glob("*/replikasi/*.md"))


@pytest.mark.parametrize("path", PRACTICE_FILES, ids=lambda p: p.stem)
def test_each_practice_is_a_marked_example_of_300_to_700_words(library, path: Path):
    practice = next(p for p in library.practices if p.relpath == path.relative_to(REPO).as_posix())
    assert "contoh" in practice.get("tags", []), "illustrative practices carry the tag 'contoh'"
    assert 300 <= words(practice.body) <= 700, words(practice.body)


def test_word_count_helper():
    assert words("## Hasil\n\nSebanyak 312 orang (AK/I) ditempatkan.\n<!-- catatan -->\n") == 6


def test_replication_reports_are_marked_examples_across_provinces(library):
    """A handful of illustrative reports, published, spread over provinces, each for a published practice."""
    assert {r.relpath for r in library.reports} == {p.relative_to(REPO).as_posix() for p in REPORT_FILES}
    assert len(library.reports) >= 5
    assert len({r.province for r in library.reports}) >= 5
    published = {p.id for p in library.published()}
    for r in library.reports:
        assert "contoh" in r.get("tags", []), r.relpath
        assert library.fate(r) == "published" and r.get("replicates") in published, r.relpath
        assert r.province != next(p for p in library.practices if p.id == r.get("replicates")).province or (
            r.regency != next(p for p in library.practices if p.id == r.get("replicates")).regency
        )


def test_message_codes_are_unique():
    """Two entries with one code in messages.yaml: YAML keeps the last silently, so one rule would
    print the other's message (parallel work on the catalogue made exactly that happen)."""
    import collections

    text = (REPO / "tools" / "lumbung" / "data" / "messages.yaml").read_text(encoding="utf-8")
    codes = re.findall(r"^  ([EWF]\d{3}):", text, re.M)
    assert [c for c, n in collections.Counter(codes).items() if n > 1] == []
