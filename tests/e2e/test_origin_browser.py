"""Nothing loads from outside: no page of the built sample site makes a request to another origin.

Every page type (home, catalogue and its filters, listings, a practice, statistics, the contribution
pages, the 404 page, search with a query) is opened in Chromium with every request to another origin
aborted and recorded, so the test itself sends nothing out. The controls put back what the site
removed (Material's repository widget, which asks api.github.com for stars on every view) or add
what a page must never hold (an image from another site), and the same check catches them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser import block_other_origins

from support.build import Built

pytestmark = [pytest.mark.browser, pytest.mark.slow]


NOT_PAGES = {"assets", "search", "kartu"}  # theme files, the search index, share images


@pytest.fixture(scope="module")
def site(sample_site: Built) -> Path:
    """The repository's sample library built with `mkdocs build --strict`, as it is published."""
    if sample_site.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{sample_site.log}", pytrace=False)
    return sample_site.site


def page_types(site: Path) -> list[str]:
    """One address of each kind: every top-level page and the first page below each top-level folder
    (a practice under its province folder, a theme, a province, a target group, page 2 of a listing)."""
    urls = ["", "404.html"]
    for folder in sorted(p for p in site.iterdir() if p.is_dir() and p.name not in NOT_PAGES):
        if (folder / "index.html").is_file():
            urls.append(f"{folder.name}/")
        below = sorted(p for p in folder.iterdir() if (p / "index.html").is_file())
        if below:
            urls.append(f"{folder.name}/{below[0].name}/")
    return urls


def _outside_requests(page, base: str, urls: list[str]) -> dict[str, list[str]]:
    """Open each of `urls` (relative to `base`), let lazy parts load, and list what left the site."""
    outside = block_other_origins(page.context, base)
    found: dict[str, list[str]] = {}
    for url in urls:
        before = len(outside)
        response = page.goto(base + url)
        assert response is not None and (response.ok or url == "404.html"), url
        page.mouse.wheel(0, 20_000)  # lazy images and anything that waits for a scroll
        page.wait_for_load_state("networkidle")
        if outside[before:]:
            found[url] = outside[before:]
    return found


def test_no_page_of_the_site_requests_another_origin(page, site, serve_dir) -> None:
    base = serve_dir(site)
    urls = page_types(site)
    assert len(urls) >= 15 and "katalog/" in urls and "statistik/" in urls
    # the parts that fetch when used: search with a query, the catalogue with a filter
    theme = sorted(p.name for p in (site / "tema").iterdir() if p.is_dir())[0]
    urls += ["?q=penempatan+disabilitas", f"katalog/?tema={theme}"]
    assert _outside_requests(page, base, urls) == {}
    # the repository link is still there, as a plain link
    page.goto(base)
    source = page.locator("a.md-source").first
    assert source.get_attribute("href") == "https://github.com/kemnaker-pengantar-kerja/lumbung-praktik"
    assert source.get_attribute("data-md-component") is None


def test_a_practice_keeps_its_edit_link(page, site, serve_dir) -> None:
    base = serve_dir(site)
    practice = next(u for u in page_types(site) if u.startswith("sumatera-selatan/"))
    page.goto(base + practice)
    edit = page.locator("a[rel=edit]").first.get_attribute("href")
    assert edit is not None
    assert edit.startswith("https://github.com/kemnaker-pengantar-kerja/lumbung-praktik/edit/main/practices/")


def test_control_materials_repository_widget_calls_github(page, site, serve_dir, tmp_path) -> None:
    # Material's own partial marks the link data-md-component="source"; its script then fetches facts
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    home = copy / "index.html"
    html = home.read_text(encoding="utf-8")
    assert 'class="md-source"' in html
    home.write_text(
        html.replace('class="md-source"', 'class="md-source" data-md-component="source"'), "utf-8"
    )
    found = _outside_requests(page, serve_dir(copy), [""])
    assert [u for u in found.get("", []) if u.startswith("https://api.github.com/")], found


def test_control_an_image_from_another_site_is_caught(page, site, serve_dir, tmp_path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    home = copy / "index.html"
    html = home.read_text(encoding="utf-8")
    home.write_text(
        html.replace("</body>", '<img src="https://luar.example/piksel.png" alt=""></body>'), "utf-8"
    )
    assert _outside_requests(page, serve_dir(copy), [""]) == {"": ["https://luar.example/piksel.png"]}
