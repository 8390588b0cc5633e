"""Helpers shared by the security tests: a valid practice to mutate, and a real in-process `mkdocs build`.

This folder has no __init__.py: pytest puts it on sys.path, so tests import this module as `sitebuild`.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent.parent

VALID = """---
title: Bursa Kerja Desa di Balai Desa Kabupaten Lahat
summary: >-
  Dinas mengadakan bursa kerja di balai desa dekat lokasi tambang dan perkebunan,
  agar pencari kerja desa tidak perlu menempuh perjalanan jauh ke ibu kota kabupaten.
date: 2025-10-09
status: published
themes: [job-fair]
region:
  province: Sumatera Selatan
  regency: Kabupaten Lahat
office: Dinas Tenaga Kerja Kabupaten Lahat
authors:
  - name: Rudi Hartono
    email: rudi.hartono@example.go.id
outcomes:
  - indicator: Pencari kerja ditempatkan
    value: 286
    year: 2025
tags: [desa, bursa kerja]
---

## Latar Belakang

Pencari kerja di desa jauh dari kantor dinas di ibu kota kabupaten.

## Langkah Pelaksanaan

1. Mendata perusahaan di sekitar desa.
2. Menggelar bursa kerja di balai desa.

## Hasil

Sebanyak 286 pencari kerja desa ditempatkan pada 2025, naik 45% dari 2024.

## Pembelajaran

Dukungan kepala desa menentukan jumlah pengunjung.
"""


def practice(status: str = "published", title: str | None = None, body_extra: str = "") -> str:
    """The valid practice with another status, title or extra body text (appended to the last section)."""
    text = VALID.replace("status: published", f"status: {status}")
    if title:
        text = text.replace("title: Bursa Kerja Desa di Balai Desa Kabupaten Lahat", f"title: {title}")
    return text + body_extra


def require_plugin() -> None:
    """Skip when the `lumbung` MkDocs plugin is not installed (a plain checkout without `pip install -e .`)."""
    if not entry_points(group="mkdocs.plugins", name="lumbung"):
        pytest.skip("the lumbung MkDocs plugin is not installed (run `make venv`)")


def write_config(root: Path) -> Path:
    """The project's own mkdocs.yml, pointed at the repository's theme overrides."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(
        r"(?m)^(\s*custom_dir:\s*)overrides\s*$",
        lambda m: f"{m.group(1)}{(REPO / 'overrides').as_posix()}",
        text,
    )
    path = root / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def build(root: Path, command: str = "build") -> dict[str, Any]:
    """A real MkDocs build of the project at `root` into root/site, as `mkdocs build` (or the first build
    of `mkdocs serve` when command='serve', which publishes drafts and tolerates errors); returns the
    build report. Raises what the build raises."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(config_file=str(write_config(root)), site_dir=str(root / "site"))
    config.plugins.on_startup(command=command, dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return json.loads((root / "site" / "laporan-build.json").read_text(encoding="utf-8"))
