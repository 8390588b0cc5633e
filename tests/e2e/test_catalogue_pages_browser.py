"""The paginated catalogue in headless Chromium: a generated library of N practices, 10 per page.

Without JavaScript the reader pages through katalog/, katalog/2/, ...; with it, a filter loads the
index katalog/data.json and the chunks of cards its page shows, and pages through the matches, with
the page in the URL and Back working.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import card_titles, count_is

from support import REPO
from support.build import build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

N, CARDS = 120, 10


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A generated library of N practices, built with `mkdocs build --strict` and CARDS per page."""
    root = tmp_path_factory.mktemp("catalogue")
    generate = [sys.executable, str(REPO / "tools" / "bench" / "generate.py"), str(root), str(N)]
    subprocess.run(generate, check=True, capture_output=True, timeout=300)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - lumbung\n", f"  - lumbung:\n      cards_per_page: {CARDS}\n"), encoding="utf-8"
    )
    result = build(root / "mkdocs.yml")
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.log}", pytrace=False)
    return root / "site"


@pytest.fixture
def base(site, serve_dir) -> str:
    return serve_dir(site)


@pytest.fixture(scope="module")
def published(site) -> list[dict]:
    return json.loads((site / "practices.json").read_text(encoding="utf-8"))["practices"]


def status(page) -> str:
    return page.locator("#lp-pages .lp-pager__status").inner_text()


def test_without_javascript_the_catalogue_pages_through_everything(browser, base, published):
    pages = -(-len(published) // CARDS)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + "katalog/")
        assert not page.locator("#lp-filter").is_visible()
        seen = card_titles(page)
        assert status(page) == f"Halaman 1 dari {pages}"
        for number in range(2, pages + 1):
            page.locator("#lp-pages a[rel=next]").click()
            page.wait_for_load_state()
            assert urlsplit(page.url).path == f"/katalog/{number}/"
            assert status(page) == f"Halaman {number} dari {pages}"
            assert page.locator("#lp-pages [aria-current=page]").inner_text() == str(number)
            seen += card_titles(page)
        assert page.locator("#lp-pages a[rel=next]").count() == 0
        assert seen == [p["title"] for p in published]
        page.locator("#lp-pages a[rel=prev]").click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path == f"/katalog/{pages - 1}/"
    finally:
        context.close()


def test_a_filter_pages_through_its_matches_with_the_page_in_the_url(page, base, published, errors):
    theme = max(
        {t for p in published for t in p["themes"]}, key=lambda t: sum(t in p["themes"] for p in published)
    )
    matches = [p["title"] for p in published if theme in p["themes"]]
    total = len(published)
    pages = -(-len(matches) // CARDS)
    assert pages >= 3
    page.goto(base + "katalog/2/")  # any page of the catalogue can filter
    page.select_option("#lp-f-tema", theme)
    count_is(page, f"{len(matches)} dari {total} praktik (menampilkan 1–{CARDS})")
    assert parse_qs(urlsplit(page.url).query) == {"tema": [theme]}
    assert card_titles(page) == matches[:CARDS]
    assert status(page) == f"Halaman 1 dari {pages}"

    page.locator("#lp-pages a[rel=next]").click()
    count_is(page, f"{len(matches)} dari {total} praktik (menampilkan {CARDS + 1}–{2 * CARDS})")
    assert parse_qs(urlsplit(page.url).query) == {"tema": [theme], "halaman": ["2"]}
    assert card_titles(page) == matches[CARDS : 2 * CARDS]
    page.locator("#lp-pages").get_by_role("link", name=f"Halaman {pages}", exact=True).click()  # the last
    count_is(
        page, f"{len(matches)} dari {total} praktik (menampilkan {CARDS * (pages - 1) + 1}–{len(matches)})"
    )
    assert card_titles(page) == matches[CARDS * (pages - 1) :]

    page.go_back()  # Back returns to the previous page of results
    count_is(page, f"{len(matches)} dari {total} praktik (menampilkan {CARDS + 1}–{2 * CARDS})")
    assert card_titles(page) == matches[CARDS : 2 * CARDS]

    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    count_is(page, f"{len(matches)} dari {total} praktik (menampilkan {CARDS + 1}–{2 * CARDS})")

    option = page.locator("#lp-f-provinsi option:not([disabled])").nth(1)  # one that gives results
    name = option.inner_text().rsplit(" (", 1)[0]
    page.select_option("#lp-f-provinsi", option.get_attribute("value"))  # a new filter starts at page 1
    assert "halaman" not in parse_qs(urlsplit(page.url).query)
    both = [p["title"] for p in published if theme in p["themes"] and p["province"] == name]
    assert len(both) <= CARDS
    count_is(page, f"{len(both)} dari {total} praktik")
    assert card_titles(page) == both
    if not both:
        assert page.locator("#lp-none").is_visible()

    page.click("#lp-filter button[type=reset]")
    page.wait_for_function("() => !location.search")
    count_is(page, f"{total} praktik (menampilkan {CARDS + 1}–{2 * CARDS})")  # katalog/2/ as it was built
    assert card_titles(page) == [p["title"] for p in published[CARDS : 2 * CARDS]]
    assert status(page) == f"Halaman 2 dari {-(-total // CARDS)}"
    assert not errors


def test_a_filtered_page_fetches_the_index_and_only_the_chunks_it_shows(page, base, published, errors):
    asked: list[str] = []
    page.on("request", lambda r: asked.append(urlsplit(r.url).path))

    def data_requests() -> list[str]:
        found = [p for p in asked if p.startswith("/katalog/data")]
        asked.clear()
        return found

    theme = max(
        {t for p in published for t in p["themes"]}, key=lambda t: sum(t in p["themes"] for p in published)
    )
    matches = [p for p in published if theme in p["themes"]]
    page.goto(base + "katalog/")
    page.select_option("#lp-f-tema", theme)
    count_is(page, f"{len(matches)} dari {len(published)} praktik (menampilkan 1–{CARDS})")
    assert data_requests() == ["/katalog/data.json", f"/katalog/data/tema/{theme}/1.json"]
    page.locator("#lp-pages a[rel=next]").click()
    count_is(page, f"{len(matches)} dari {len(published)} praktik (menampilkan {CARDS + 1}–{2 * CARDS})")
    assert data_requests() == [f"/katalog/data/tema/{theme}/2.json"]
    page.go_back()
    count_is(page, f"{len(matches)} dari {len(published)} praktik (menampilkan 1–{CARDS})")
    assert data_requests() == []  # a chunk is fetched once

    # Two filters: the cards come from the chunks of the value fewer practices have.
    option = page.locator("#lp-f-provinsi option:not([disabled])").nth(1)  # one that gives results
    slug, name = option.get_attribute("value"), option.inner_text().rsplit(" (", 1)[0]
    in_province = [p for p in published if p["province"] == name]
    assert len(in_province) < len(matches)
    page.select_option("#lp-f-provinsi", slug)
    both = [p["title"] for p in matches if p["province"] == name]
    count_is(page, f"{len(both)} dari {len(published)} praktik")
    assert card_titles(page) == both
    fetched = data_requests()
    assert all(p.startswith(f"/katalog/data/provinsi/{slug}/") for p in fetched), fetched
    assert len(fetched) == (1 if both else 0) or len(in_province) > CARDS
    assert not errors
