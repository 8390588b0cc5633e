"""The loader's file cache: an edit re-reads that file only, the cache holds only the files of the last
load (so `mkdocs serve` does not grow it edit by edit), and loading on two cores gives the same library
as loading on one."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lumbung.source.loader import Loader
from support import BASIC, REPO

TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(BASIC, tmp_path / "site")
    return tmp_path / "site"


def _touch_edit(path: Path, extra: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\n{extra}\n", encoding="utf-8")
    st = path.stat()  # a later mtime even on a coarse clock
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))


def test_an_edit_re_reads_only_that_file(project: Path):
    loader = Loader(project, workers=1)
    first = loader.load(today=TODAY)
    assert len(loader.read) == len(first.documents) == 5
    loader.load(today=TODAY)
    assert loader.read == []  # nothing changed, nothing read
    edited = project / "practices/bali/gianyar-tinjauan-uji.md"
    _touch_edit(edited, "Catatan tambahan dari peninjau.")
    library = loader.load(today=TODAY)
    assert loader.read == [edited.resolve()]
    assert "Catatan tambahan dari peninjau." in next(p for p in library.documents if p.id == edited.stem).body


def test_the_cache_holds_only_the_files_of_the_last_load(project: Path):
    loader = Loader(project, workers=1)
    loader.load(today=TODAY)
    folder = project / "practices/bali"
    source = folder / "gianyar-tinjauan-uji.md"
    for n in range(30):  # renames and deletions under serve: each name is seen once
        target = folder / f"gianyar-tinjauan-uji-{n}.md"
        source.rename(target)
        source = target
        loader.load(today=TODAY)
        assert len(loader._cache) == 5
    source.unlink()
    library = loader.load(today=TODAY)
    assert len(loader._cache) == len(library.documents) == 4


def test_a_new_day_re_reads_everything(project: Path):
    loader = Loader(project, workers=1)
    loader.load(today=TODAY)
    loader.load(today=TODAY + dt.timedelta(days=1))
    assert len(loader.read) == 5


@pytest.mark.slow
def test_two_cores_load_the_same_library_as_one(tmp_path: Path):
    # 450 practices pass the parallel threshold: the files are read in a spawned child and here.
    subprocess.run(
        [
            sys.executable,
            str(REPO / "tools" / "bench" / "generate.py"),
            str(tmp_path),
            "450",
            "--profile",
            "full",
        ],
        check=True,
        capture_output=True,
    )
    (tmp_path / "practices/jawa-timur/rusak.md").write_text("---\ntitle: [\n---\nisi\n", encoding="utf-8")
    one, two = Loader(tmp_path, workers=1).load(today=TODAY), Loader(tmp_path, workers=2).load(today=TODAY)
    assert [p.relpath for p in two.documents] == [p.relpath for p in one.documents]
    assert [(p.meta, p.body, p.diagnostics, p.refs, p.stamp) for p in two.documents] == [
        (p.meta, p.body, p.diagnostics, p.refs, p.stamp) for p in one.documents
    ]
    assert two.diagnostics == one.diagnostics and any(d.path.endswith("rusak.md") for d in one.diagnostics)
