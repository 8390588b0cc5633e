"""Replication in Chromium: "Saya sudah menerapkan praktik ini" on a practice page leads to the
"Laporan replikasi" form with the practice filled in, and the adoptions read well (axe-core)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from browser import blocking_violations, format_violations, run_axe

from support import REPO
from support.build import Built

pytestmark = [pytest.mark.browser, pytest.mark.slow]


PALEMBANG = "sumatera-selatan/palembang-job-canvassing/"
FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "laporan-replikasi.yml"


@pytest.fixture(scope="module")
def site(sample_site: Built) -> Path:
    if sample_site.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{sample_site.log}", pytrace=False)
    return sample_site.site


def test_adopt_button_opens_the_prefilled_report_form(page, site, serve_dir, errors):
    """GitHub is not reachable from the test: its address answers with a stand-in page, and the test
    reads what the browser asked for. Every query key must be a field of the committed form."""
    asked: list[str] = []

    def github(route):
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>GitHub</title><h1>Formulir</h1>")

    page.route("https://github.com/**", github)
    page.goto(serve_dir(site) + PALEMBANG)
    section = page.locator("#diterapkan")
    assert section.locator("h3").inner_text() == "Diterapkan di 3 daerah"
    offices = section.locator(".lp-adoption > p:first-child > strong").all_inner_texts()
    assert offices == [
        "Dinas Tenaga Kerja Kota Dumai",
        "Dinas Tenaga Kerja Kota Jambi",
        "Dinas Tenaga Kerja Kabupaten Lahat",
    ]
    # each office links to its province page
    section.get_by_role("link", name="Jambi", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("h2#praktik-yang-diterapkan-di-sini").is_visible()
    page.go_back()
    page.get_by_role("link", name="Saya sudah menerapkan praktik ini").click()
    page.wait_for_url("https://github.com/**")
    assert page.locator("h1").inner_text() == "Formulir"
    url = urlsplit(asked[-1])
    assert url.path == "/kemnaker-pengantar-kerja/lumbung-praktik/issues/new"
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert query == {
        "template": "laporan-replikasi.yml",
        "title": "[Replikasi]: Job Canvassing Terjadwal ke Kawasan Industri Kertapati",
        "praktik": "palembang-job-canvassing",
    }
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    fields = {el["id"] for el in form["body"] if "id" in el}
    assert set(query) - {"template", "title"} <= fields
    assert errors == []


def test_practice_page_with_adoptions_has_no_serious_accessibility_violations(page, site, serve_dir, axe):
    page.goto(serve_dir(site) + PALEMBANG)
    results = run_axe(page, source=axe)
    assert results["passes"], "axe ran no checks"
    violations = blocking_violations(results)
    assert violations == [], format_violations(violations)


def test_katalog_sorts_by_adoptions(page, site, serve_dir, errors):
    import json

    data = json.loads((site / "practices.json").read_text(encoding="utf-8"))["practices"]
    expected = [
        p["title"] for p in sorted(data, key=lambda p: -p["adoptions"])
    ]  # stable: newest first on ties
    page.goto(serve_dir(site) + "katalog/")
    page.select_option("#lp-f-urut", "diterapkan")
    page.wait_for_function("() => new URL(location.href).searchParams.get('urut') === 'diterapkan'")
    page.wait_for_function("() => !document.getElementById('lp-catalogue').hasAttribute('aria-busy')")
    page.wait_for_timeout(300)
    titles = page.locator("#lp-catalogue .lp-card__title a").all_inner_texts()
    assert titles == expected
    assert titles[0] == "Job Canvassing Terjadwal ke Kawasan Industri Kertapati"
    assert errors == []
