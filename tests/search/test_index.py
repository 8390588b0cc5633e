"""The whoosh index: built once, then updated file by file; only published practices by default."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lumbung.search import index as index_module
from lumbung.search.index import SearchIndex
from lumbung.search.query import ALL_VISIBLE, search

KUPANG = "practices/nusa-tenggara-timur/kupang-bimbingan-karier-bkk-smk.md"
SURABAYA = "practices/jawa-timur/surabaya-inklusi-kerja-penyandang-disabilitas.md"


def ids(ix: SearchIndex, query: str, **kwargs) -> list[str]:
    return [h.id for h in search(ix, query, **kwargs).results]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the index parses, in order."""
    seen: list[str] = []
    real = index_module.load_file

    def spy(path, root, today):
        seen.append(Path(path).relative_to(root).as_posix())
        return real(path, root, today)

    monkeypatch.setattr(index_module, "load_file", spy)
    return seen


def test_build_then_nothing_to_do(project: Path, reads: list[str]):
    ix = SearchIndex(project)
    assert ix.is_stale()
    first = ix.update()
    assert (first.rebuilt, first.total, first.added) == (True, 16, 16)
    assert not ix.is_stale()
    reads.clear()
    second = ix.update()
    assert (second.rebuilt, second.changed, second.total) == (False, 0, 16)
    assert reads == []
    assert (project / ".lumbung-cache" / "index" / "manifest.json").is_file()


def test_an_edit_rereads_only_that_file(project: Path, reads: list[str], edit):
    ix = SearchIndex(project)
    ix.update()
    assert ids(ix, "zebrakuda") == []
    edit(project / KUPANG, "## Hasil\n", "## Hasil\n\nSiswa juga belajar tentang zebrakuda.\n")
    assert ix.is_stale()
    reads.clear()
    report = ix.update()
    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    assert reads == [KUPANG]
    assert ids(ix, "zebrakuda") == ["kupang-bimbingan-karier-bkk-smk"]


def test_added_and_removed_files(project: Path):
    ix = SearchIndex(project)
    ix.update()
    copy = project / "practices" / "nusa-tenggara-timur" / "kupang-kelas-zebrakuda.md"
    text = (project / KUPANG).read_text(encoding="utf-8")
    copy.write_text(
        text.replace("title: Bimbingan Karier", "title: Kelas Zebrakuda dan Bimbingan Karier"),
        encoding="utf-8",
    )
    report = ix.update()
    assert (report.added, report.updated, report.removed, report.total) == (1, 0, 0, 17)
    assert ids(ix, "zebrakuda") == ["kupang-kelas-zebrakuda"]
    copy.unlink()
    report = ix.update()
    assert (report.added, report.updated, report.removed, report.total) == (0, 0, 1, 16)
    assert ids(ix, "zebrakuda") == []


def test_only_published_practices_unless_asked(project: Path, edit):
    ix = SearchIndex(project)
    ix.update()
    # bandung-pemetaan-kompetensi-pencari-kerja is in review, banda-aceh-... is a draft
    assert "bandung-pemetaan-kompetensi-pencari-kerja" not in ids(ix, "pemetaan kompetensi")
    assert "bandung-pemetaan-kompetensi-pencari-kerja" in ids(ix, "pemetaan kompetensi", statuses=ALL_VISIBLE)
    assert ids(ix, "gampong") == []
    edit(project / KUPANG, "status: published", "status: draft")
    ix.update()
    assert ids(ix, "Kupang") == []


def test_fate_follows_other_files(project: Path):
    # gianyar-... lists surabaya-... under `related`; without it, the link is broken (E403) and the
    # site rejects gianyar-..., so search must drop it too, although its own file did not change.
    ix = SearchIndex(project)
    ix.update()
    assert ids(ix, "Gianyar") == ["gianyar-layanan-ramah-difabel"]
    (project / SURABAYA).unlink()
    ix.update()
    assert ids(ix, "Gianyar") == []


def test_changed_analysis_rebuilds(project: Path, monkeypatch: pytest.MonkeyPatch):
    ix = SearchIndex(project)
    ix.update()
    monkeypatch.setattr(index_module.analysis, "fingerprint", lambda: "changed")
    assert ix.is_stale()
    assert ix.update().rebuilt


def test_broken_index_is_rebuilt(project: Path):
    ix = SearchIndex(project)
    ix.update()
    (ix.dir / "manifest.json").write_text("{", encoding="utf-8")
    assert ix.update().rebuilt
    shutil.rmtree(ix.dir)
    assert ix.update().rebuilt
    assert ids(ix, "Kupang") == ["kupang-bimbingan-karier-bkk-smk"]
