"""Fixtures of the search tests: copies of the sample library (tests never write into the checkout)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from support import REPO

CONFIG = "site_name: Lumbung Praktik (uji)\ndocs_dir: practices\n"


def copy_sample(dest: Path) -> Path:
    """The sample library (practices/) with a minimal mkdocs.yml, copied to `dest`."""
    shutil.copytree(REPO / "practices", dest / "practices")
    (dest / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh, writable copy of the sample library."""
    return copy_sample(tmp_path / "proyek")


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One read-only copy of the sample library with an up-to-date index, shared by the session."""
    from lumbung.search.index import SearchIndex

    root = copy_sample(tmp_path_factory.mktemp("sampel"))
    SearchIndex(root).update()
    return root


@pytest.fixture(scope="session")
def sample_library(sample_project: Path):
    from lumbung.source.loader import Loader

    return Loader(sample_project).load()


@pytest.fixture
def edit() -> Callable[[Path, str, str], None]:
    """Replace text in a file, making sure its stamp changes even on coarse-clock file systems."""

    def run(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path.name}"
        before = path.stat().st_mtime_ns
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        if path.stat().st_mtime_ns == before:
            import os

            os.utime(path, ns=(before + 1_000_000, before + 1_000_000))

    return run
