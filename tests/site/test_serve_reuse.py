"""Under `mkdocs serve`, a rebuild after an edit of a practice's body takes over the last build's
listing pages and catalogue data (they show only what headers say); they are exactly what a fresh
build makes, and an edit of a header makes them again."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from lumbung.build import Settings, SiteBuild, check
from lumbung.source.loader import Loader
from support import REPO

TODAY = dt.date(2027, 1, 15)  # after every date of the sample library
SERVE = Settings(serving=True, drafts_page=True, open_data=False, search=False, share_images=False)
PRACTICE = "practices/sumatera-selatan/lahat-bursa-kerja-desa.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "practices", tmp_path / "practices")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    st = path.stat()  # a later mtime even on a coarse clock
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))


def _build(loader: Loader, previous: SiteBuild | None = None) -> SiteBuild:
    library = loader.load(today=TODAY)
    return SiteBuild(library, check(library), SERVE, previous)


def _output(build: SiteBuild) -> tuple:
    pages = {src: (page.markdown, page.blocks) for src, page in build.pages.items()}
    return pages, build.data, {src: build.card(src) for src in build.shown}


def test_a_body_edit_takes_over_the_listings_which_equal_a_fresh_build(project: Path):
    loader = Loader(project, workers=1)
    first = _build(loader)
    _edit(project / PRACTICE, "## Pembelajaran\n", "## Pembelajaran\n\nCatatan tambahan dari peninjau.\n")
    second = _build(loader, first)
    assert second.layout is first.layout  # taken over, not made again
    assert all(second.pages[src] is first.pages[src] for src in first.pages if src != "draf.md")
    assert _output(second) == _output(_build(Loader(project, workers=1)))


def test_a_header_edit_makes_the_listings_again(project: Path):
    loader = Loader(project, workers=1)
    first = _build(loader)
    _edit(project / PRACTICE, "title: Bursa Kerja Desa", "title: Bursa Kerja Desa Terpadu")
    second = _build(loader, first)
    assert second.layout is not first.layout
    fresh = _build(Loader(project, workers=1))
    assert _output(second) == _output(fresh)
    assert any(
        "Bursa Kerja Desa Terpadu" in page.markdown + repr(page.blocks) for page in second.pages.values()
    )
