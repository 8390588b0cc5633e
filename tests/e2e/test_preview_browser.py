"""The pull-request preview in headless Chromium: a practice sent through the issue form, with its
photos, is built by the preview build (`make preview`) with the review banner, and pratinjau.html
links straight to it; the public build leaves it out.

The issue body is tests/contrib/fixtures/issues/foto.md; its photos are made here and served from a
local folder standing in for GitHub's attachment host.
"""

from __future__ import annotations

import importlib.util
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from support import REPO
from support.build import require_plugin, write_config

pytestmark = [pytest.mark.browser, pytest.mark.slow]


ISSUE = REPO / "tests" / "contrib" / "fixtures" / "issues" / "foto.md"
ASSETS = "github.com/user-attachments/assets"
PHOTOS = {
    "5b7c1e2a-8d3f-4c6b-9a1e-2f4d6b8c0a11": ("JPEG", (2400, 1800)),
    "9e0d2c4b-1a3f-4e5d-8c7b-6a5f4e3d2c10": ("PNG", (400, 300)),
    "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f": ("JPEG", (3000, 2000)),
}
PAGE = "sumatera-selatan/bursa-kerja-desa-keliling-di-kabupaten-lahat/index.html"


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run(
        args, cwd=cwd, env=environment, capture_output=True, text=True, encoding="utf-8", timeout=600
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The sample library plus the practice that `lumbung from-issue` makes of the issue."""
    require_plugin()
    root = tmp_path_factory.mktemp("pratinjau")
    shutil.copytree(REPO / "practices", root / "practices")
    write_config(root)
    mirror = root.parent / "lampiran"
    (mirror / ASSETS).mkdir(parents=True)
    for name, (kind, size) in PHOTOS.items():
        out = io.BytesIO()
        Image.new("RGB", size, (40, 120, 200)).save(out, kind)
        (mirror / ASSETS / name).write_bytes(out.getvalue())
    made = _run(
        [
            sys.executable,
            "-m",
            "lumbung.cli",
            "from-issue",
            str(ISSUE),
            "--date",
            "2025-10-09",
            "--images-from",
            str(mirror),
        ],
        root,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    return root


@pytest.fixture(scope="module")
def preview(project: Path) -> Path:
    site = project / "site-preview"
    built = _run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        project,
        LUMBUNG_PREVIEW="true",
    )
    assert built.returncode == 0, built.stdout + built.stderr
    spec = importlib.util.spec_from_file_location(
        "preview_pages", REPO / ".github" / "scripts" / "preview_pages.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    changed = project / "changed.txt"
    changed.write_text(
        "practices/sumatera-selatan/bursa-kerja-desa-keliling-di-kabupaten-lahat.md\n"
        "practices/sumatera-selatan/foto/bursa-kerja-desa-keliling-di-kabupaten-lahat-1.jpg\n",
        encoding="utf-8",
    )
    comment = project / "preview.md"
    rc = module.main(
        [
            "--site",
            str(site),
            "--changed",
            str(changed),
            "--out",
            str(comment),
            "--root",
            str(project),
            "--artifact-url",
            "https://github.com/o/r/actions/runs/1/artifacts/2",
        ]
    )
    assert rc == 0
    assert comment.read_text(encoding="utf-8") == (
        "#### Pratinjau halaman\n\n"
        "Unduh [situs-pratinjau](https://github.com/o/r/actions/runs/1/artifacts/2) (berkas zip), "
        "buka isinya, lalu buka `pratinjau.html`: berisi tautan langsung ke halaman ini:\n\n"
        f"- Bursa Kerja Desa Keliling di Kabupaten Lahat: `{PAGE}` "
        "(status `review`, dengan tanda belum terbit)\n"
    )
    return site


def test_the_preview_shows_the_review_practice_with_its_banner_and_photos(page, preview, serve_dir, errors):
    base = serve_dir(preview)
    response = page.goto(base + "pratinjau.html")
    assert response is not None and response.ok
    link = page.get_by_role("link", name="Bursa Kerja Desa Keliling di Kabupaten Lahat")
    link.click()
    page.wait_for_load_state()
    assert page.url == base + PAGE
    banner = page.locator("p.lp-banner--review")
    assert banner.is_visible()
    assert banner.locator("strong").inner_text() == "Dalam tinjauan"
    assert "belum terbit" in banner.inner_text()
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Bursa Kerja Desa Keliling di Kabupaten Lahat"
    images = page.locator(".lp-body img")
    assert images.count() == 3
    for i in range(images.count()):
        img = images.nth(i)
        img.scroll_into_view_if_needed()
        assert page.evaluate("(el) => el.complete && el.naturalWidth > 0", img.element_handle()), (
            img.get_attribute("src")
        )
    assert images.first.get_attribute("alt") == "Foto kegiatan"
    propose = page.get_by_role("link", name="Usulkan perubahan")
    href = propose.get_attribute("href")
    assert href.startswith("https://github.com/kemnaker-pengantar-kerja/lumbung-praktik/issues/new?")
    assert "&praktik-diubah=bursa-kerja-desa-keliling-di-kabupaten-lahat" in href
    assert errors == []


def test_the_public_build_leaves_the_review_practice_out(project, tmp_path):
    site = tmp_path / "site"
    built = _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], project)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (site / "index.html").is_file()
    assert not (site / PAGE).exists()
