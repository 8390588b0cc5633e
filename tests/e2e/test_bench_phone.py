"""The phone rows of `make bench`: the profile is really applied and the figures are real measurements."""

from __future__ import annotations

import gzip
import os
import struct
import sys
import urllib.request
import zlib
from pathlib import Path

import pytest
from browser import find_chromium, require_or_skip

from support import REPO

sys.path.insert(0, str(REPO / "tools" / "bench"))

import bench_phone  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture
def chromium() -> None:
    """bench_phone drives its own Playwright (as `make bench` does), not the session's browser."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        require_or_skip("playwright is not installed (run `make venv`)")
    if find_chromium() is None:
        require_or_skip("Chromium not found (install the chromium package)")


def _noise_png(kb: int) -> bytes:
    """A valid, incompressible PNG of about `kb` KB (random RGB rows, stored without compression)."""
    width, height = 256, max(1, kb * 1024 // (256 * 3 + 1))
    rows = b"".join(b"\x00" + os.urandom(width * 3) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 0))
        + chunk(b"IEND", b"")
    )


def _site(tmp_path: Path, kb: int) -> Path:
    """A page with an incompressible image of `kb` KB and a search box that answers after a fetch."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "blob.png").write_bytes(_noise_png(kb))
    (site / "answer.json").write_text('{"title": "Praktik A"}', encoding="utf-8")
    (site / "index.html").write_text(
        "<!doctype html><html lang='id'><head><meta charset='utf-8'><title>t</title>"
        "<link rel='icon' href='data:,'></head><body>"
        "<h1>Judul</h1><img src='blob.png' alt=''>"
        "<input id='q'><ul id='r'></ul><script>"
        "document.getElementById('q').addEventListener('input', async (e) => {"
        "  const a = await (await fetch('answer.json')).json();"
        "  const li = document.createElement('li'); li.className = 'hit'; li.textContent = a.title;"
        "  document.getElementById('r').appendChild(li); }, {once: true});"
        "</script></body></html>",
        encoding="utf-8",
    )
    return site


def test_the_server_compresses_text_as_a_static_host_does(tmp_path: Path) -> None:
    site = _site(tmp_path, 1)
    with bench_phone.gzip_server(site) as base:
        request = urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert b"<h1>Judul</h1>" in gzip.decompress(response.read())
        with urllib.request.urlopen(base + "blob.png") as response:  # binary goes as it is
            assert response.headers.get("Content-Encoding") is None


def test_phone_profile_slows_a_page_to_fast_3g(tmp_path: Path, chromium: None) -> None:
    # 300 KB at 1.6 Mbit/s takes at least 1.5 s, whatever the machine: the throttle is applied.
    site = _site(tmp_path, 300)
    with bench_phone.gzip_server(site) as base:
        figures = bench_phone.phone_page(base, "")
    assert figures["load"] >= 1.5
    assert 300 <= figures["kb"] < 320
    assert 0 < figures["first_paint"] <= figures["load"]


def test_phone_search_counts_from_the_first_key_to_the_first_result(tmp_path: Path, chromium: None) -> None:
    site = _site(tmp_path, 1)
    with bench_phone.gzip_server(site) as base:
        figures = bench_phone._search(base, "", "#q", None, False, "li.hit", "pelatihan")
    # One request after the first key, over a 150 ms round trip (the page asks for no favicon, which
    # Chromium would otherwise fetch at a moment that depends on the machine's load).
    assert figures["requests"] == 1
    assert figures["seconds"] >= 0.15
    assert 0 < figures["kb"] < 1
