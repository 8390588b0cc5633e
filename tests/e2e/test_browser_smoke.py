"""Smoke test of the browser stack: system Chromium + Playwright + axe-core, fully offline."""

from __future__ import annotations

import pytest
from browser import blocking_violations, format_violations, run_axe

pytestmark = pytest.mark.browser

PAGE = """<!doctype html>
<html lang="id">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Uji asap Lumbung Praktik</title>
</head>
<body>
  <header><p>Lumbung Praktik</p></header>
  <main>
    <h1>Praktik baik pelayanan penempatan</h1>
    <p id="jumlah" data-total="3">Tiga praktik ditemukan.</p>
    <ul>
      <li><a href="#bursa">Bursa kerja daring</a></li>
      <li><a href="#konseling">Konseling karier</a></li>
      <li><a href="#disabilitas">Inklusi penyandang disabilitas</a></li>
    </ul>
    <label for="cari">Cari praktik</label>
    <input id="cari" type="search" name="q">
  </main>
  <script>document.getElementById("jumlah").dataset.siap = "ya";</script>
</body>
</html>
"""


def test_page_renders_and_has_no_serious_axe_violations(tmp_path, serve_dir, page, axe):
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    base_url = serve_dir(tmp_path)

    response = page.goto(base_url + "index.html")
    assert response is not None and response.ok

    assert page.title() == "Uji asap Lumbung Praktik"
    assert page.evaluate("() => document.querySelectorAll('main li').length") == 3
    assert page.evaluate("() => document.getElementById('jumlah').dataset.siap") == "ya"
    assert page.locator("h1").inner_text() == "Praktik baik pelayanan penempatan"

    results = run_axe(page, source=axe)
    assert results["testEngine"]["version"].startswith("4.")
    assert results["passes"], "axe ran no checks"
    blocking = blocking_violations(results)
    assert not blocking, format_violations(blocking)
