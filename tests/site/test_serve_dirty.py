"""`mkdocs serve --dirty` rebuilds: what changed is rebuilt, what did not is left alone.

Drives MkDocs' own build the way `mkdocs serve` does (one plugin object across rebuilds, the
second build dirty) on a copy of the sample library.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from support import REPO
from support.build import write_config

LAHAT = "sumatera-selatan/lahat-bursa-kerja-desa"  # replicated_from: palembang-job-canvassing
PALEMBANG = "sumatera-selatan/palembang-job-canvassing"


@pytest.fixture()
def serve(tmp_path: Path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path / "proyek"
    shutil.copytree(REPO / "practices", root / "practices")
    config_file = write_config(root)
    site = tmp_path / "situs"
    monkeypatch.chdir(root)

    def rebuild(dirty: bool):
        config = load_config(str(config_file), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=dirty)
        return config

    return root, site, rebuild


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_dirty_rebuild_refreshes_what_an_edit_changes_and_nothing_else(serve):
    root, site, rebuild = serve
    first = rebuild(dirty=False)
    assert first.plugins["lumbung"].serving
    assert "Bursa Kerja Desa" in html(site, LAHAT)
    untouched = site / "statistik" / "index.html"
    future = time.time() + 10**6  # newer than any source, so only a rewrite changes it
    os.utime(untouched, (future, future))

    source = root / "practices" / f"{LAHAT}.md"
    text = source.read_text(encoding="utf-8")
    old_title = next(line for line in text.splitlines() if line.startswith("title:"))
    source.write_text(text.replace(old_title, "title: Bursa Kerja Desa Berganti Nama", 1), encoding="utf-8")
    rebuild(dirty=True)

    # the edited page, the listings that show it, and the page that lists it as a replication
    assert "Bursa Kerja Desa Berganti Nama" in html(site, LAHAT)
    assert "Bursa Kerja Desa Berganti Nama" in html(site, "katalog")
    assert "Bursa Kerja Desa Berganti Nama" in html(site, "provinsi/sumatera-selatan")
    assert "Bursa Kerja Desa Berganti Nama" in html(site, PALEMBANG)
    # a generated page whose content did not change is not rebuilt
    assert untouched.stat().st_mtime == future
