"""Hostile files that tests/core does not already cover (binary, UTF-16, non-UTF-8, empty, huge, a link
out of the repository and unsafe names are golden cases there): links that loop or that point into the
repository but outside practices/, and a file whose header would make MkDocs render an empty page."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from lumbung.source.loader import Loader
from support.practice import practice

TODAY = dt.date(2026, 1, 15)


def _load(root: Path):
    (root / "mkdocs.yml").write_text("", encoding="utf-8")
    library = Loader(root, workers=1).load(today=TODAY)
    return {
        p.relpath: sorted({d.code for d in library.diagnostics if d.path == p.relpath})
        for p in library.practices
    }


def _symlink(link: Path, target: str) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError) as exc:
        pytest.skip(f"cannot create a symbolic link here: {exc}")


def test_dangling_link_is_refused_as_a_link(tmp_path: Path) -> None:
    _symlink(tmp_path / "practices" / "aceh" / "hilang.md", "tidak-ada.md")
    assert _load(tmp_path) == {"practices/aceh/hilang.md": ["E106"]}


def test_link_loop_is_a_clear_diagnostic_not_an_internal_error(tmp_path: Path) -> None:
    _symlink(tmp_path / "practices" / "aceh" / "putar.md", "putar.md")
    codes = _load(tmp_path)["practices/aceh/putar.md"]
    assert "E900" not in codes and codes


def test_link_into_the_repository_outside_practices_is_refused(tmp_path: Path) -> None:
    # e.g. a link to .git/config, which holds the CI token after actions/checkout
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text(practice(), encoding="utf-8")
    _symlink(tmp_path / "practices" / "sumatera-selatan" / "konfigurasi.md", "../../.git/config")
    assert _load(tmp_path) == {"practices/sumatera-selatan/konfigurasi.md": ["E106"]}


def test_link_to_another_practice_inside_practices_is_refused_too(tmp_path: Path) -> None:
    # MkDocs would publish the same text twice, the copy under another id and fate
    target = tmp_path / "practices" / "sumatera-selatan" / "bursa-kerja-desa.md"
    target.parent.mkdir(parents=True)
    target.write_text(practice(), encoding="utf-8")
    _symlink(tmp_path / "practices" / "sumatera-selatan" / "bursa-kerja-lahat.md", "bursa-kerja-desa.md")
    assert _load(tmp_path) == {
        "practices/sumatera-selatan/bursa-kerja-desa.md": [],
        "practices/sumatera-selatan/bursa-kerja-lahat.md": ["E106"],
    }


def test_a_folder_named_like_a_practice_is_not_a_file(tmp_path: Path) -> None:
    (tmp_path / "practices" / "aceh" / "folder.md").mkdir(parents=True)
    assert _load(tmp_path) == {}
