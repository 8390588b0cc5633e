"""Helpers shared by the security tests: a valid practice to mutate, and real `mkdocs build`s.

This folder has no __init__.py: pytest puts it on sys.path, so tests import this module as `sitebuild`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
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
    """Skip when the `lumbung` MkDocs plugin is not installed (a checkout without `pip install -e .`)."""
    if not entry_points(group="mkdocs.plugins", name="lumbung"):
        pytest.skip("the lumbung MkDocs plugin is not installed (run `make venv`)")


def strict_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the project at `project` into `site_dir`, in a child process, exactly
    as `make build` runs it (so the plugin's entry point is exercised too)."""
    require_plugin()
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )


def write_config(root: Path, options: dict[str, str] | None = None) -> Path:
    """The project's own mkdocs.yml, pointed at the repository's theme overrides, with more `lumbung`
    plugin options if given (e.g. {"drafts_on_serve": "false"})."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    overrides = (REPO / "overrides").as_posix()
    text = re.sub(r"(?m)^(\s*custom_dir:\s*)overrides\s*$", lambda m: m.group(1) + overrides, text)
    extra = "".join(f"      {key}: {value}\n" for key, value in (options or {}).items())
    text = text.replace("\n  - lumbung:\n", "\n  - lumbung:\n" + extra, 1)
    path = root / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


# A build runs in a child process: MkDocs plugins may call asyncio.run(), which fails inside the
# event loop a Playwright session keeps running in this process, and a build must not leak state.
_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

config_file, site_dir, command, bypass = sys.argv[1:5]
if bypass == "1":  # the validator's content checks switched off, as if they had a bug
    from lumbung.source import loader
    loader.check_content = lambda *args, **kwargs: []
config = load_config(config_file=config_file, site_dir=site_dir)
config.plugins.on_startup(command=command, dirty=False)
try:
    build(config)
except (Abort, PluginError) as exc:
    print(f"build refused: {exc}", file=sys.stderr)
    sys.exit(REFUSED)
finally:
    config.plugins.on_shutdown()
"""
REFUSED = 3  # exit code of a build that stopped on diagnostics, as `mkdocs build` should


@dataclass
class Build:
    returncode: int
    log: str
    report: dict[str, Any] | None


def build(
    root: Path,
    command: str = "build",
    bypass_content_checks: bool = False,
    options: dict[str, str] | None = None,
) -> Build:
    """A real MkDocs build of the project at `root` into root/site, as `mkdocs build`, or as the first
    build of `mkdocs serve` (command='serve': errors are tolerated and reported, not fatal)."""
    require_plugin()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNDEFAULTENCODING": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "tools"), env.get("PYTHONPATH")]))
    script = _BUILD.replace("REFUSED", str(REFUSED))
    args = [
        str(write_config(root, options)),
        str(root / "site"),
        command,
        "1" if bypass_content_checks else "0",
    ]
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    report_file = root / "site" / "laporan-build.json"
    report = (
        json.loads(report_file.read_text(encoding="utf-8"))
        if report_file.is_file() and done.returncode == 0
        else None
    )
    return Build(done.returncode, done.stdout + done.stderr, report)
