"""The built sample site in headless Chromium: home, a practice, catalogue filters, phone width, axe-core."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import blocking_violations, card_titles, count_is, format_violations, run_axe

from support.build import Built

pytestmark = [pytest.mark.browser, pytest.mark.slow]


PRACTICE = "sumatera-selatan/lahat-bursa-kerja-desa/"
PAGES = {"home": "", "katalog": "katalog/", "praktik": PRACTICE, "statistik": "statistik/"}


@pytest.fixture(scope="module")
def site(sample_site: Built) -> Path:
    """The repository's sample library built with `mkdocs build --strict`."""
    if sample_site.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{sample_site.log}", pytrace=False)
    return sample_site.site


@pytest.fixture
def base(site, serve_dir) -> str:
    return serve_dir(site)


def practices(site: Path) -> list[dict]:
    return json.loads((site / "practices.json").read_text(encoding="utf-8"))["practices"]


def visible_cards(page) -> int:
    return page.locator("#lp-catalogue .lp-card:visible").count()


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_home_page_leads_to_a_practice(page, base, errors):
    response = page.goto(base)
    assert response is not None and response.ok
    assert page.locator("h1").inner_text().rstrip("¶") == "Lumbung Praktik"
    assert page.locator(".lp-stats li").first.inner_text().replace("\n", " ") == "14 praktik"
    first = page.locator(".lp-cards .lp-card__title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    assert page.locator("section.lp-meta").is_visible()
    assert not errors


def test_practice_page_shows_its_card_above_the_body(page, base, errors):
    page.goto(base + PRACTICE)
    card, body = page.locator("section.lp-meta"), page.locator(".lp-body h2").first
    assert card.is_visible() and card.bounding_box()["y"] < body.bounding_box()["y"]
    assert page.locator(".lp-chips a").all_inner_texts() == [
        "Bursa Kerja & Job Fair",
        "Kunjungan Perusahaan & Job Canvassing",
    ]
    page.locator(".lp-meta__replication a", has_text="Job Canvassing").click()
    page.wait_for_load_state()
    assert page.url.endswith("/sumatera-selatan/palembang-job-canvassing/")
    assert "Direplikasi oleh" in page.locator(".lp-meta__replication").inner_text()
    assert not errors


def test_catalogue_filters_keep_their_state_in_the_url(page, base, site, errors):
    all_practices = practices(site)
    page.goto(base + "katalog/")
    assert page.locator("#lp-filter").is_visible()
    assert visible_cards(page) == len(all_practices) == 14
    assert page.locator("#lp-count").inner_text() == "14 praktik"

    page.select_option("#lp-f-tema", "job-fair")
    expected = [p for p in all_practices if "job-fair" in p["themes"]]
    count_is(page, f"{len(expected)} dari 14 praktik")
    assert query(page) == {"tema": ["job-fair"]}
    assert visible_cards(page) == len(expected) >= 2
    assert card_titles(page) == [p["title"] for p in expected]  # newest first, as on the built page

    page.select_option("#lp-f-provinsi", "sumatera-selatan")
    both = [p for p in expected if p["province"] == "Sumatera Selatan"]
    count_is(page, f"{len(both)} dari 14 praktik")
    assert query(page) == {"tema": ["job-fair"], "provinsi": ["sumatera-selatan"]}
    assert visible_cards(page) == len(both) == 1

    shared = page.url
    page.goto("about:blank")
    page.goto(shared)  # a shared link restores the filters
    assert page.locator("#lp-f-tema").input_value() == "job-fair"
    assert page.locator("#lp-f-provinsi").input_value() == "sumatera-selatan"
    count_is(page, "1 dari 14 praktik")
    assert visible_cards(page) == 1

    page.locator("#lp-catalogue .lp-card__title a").click()  # a card drawn by the script leads to its page
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == both[0]["title"]
    page.go_back()
    count_is(page, "1 dari 14 praktik")

    page.click("#lp-filter button[type=reset]")
    page.wait_for_function("() => !location.search")
    count_is(page, "14 praktik")
    assert visible_cards(page) == 14
    assert not errors


def test_catalogue_restores_any_shared_query_and_ignores_unknown_values(page, base, site):
    youth_2025 = [p for p in practices(site) if "youth" in p["target_groups"] and p["year"] == 2025]
    page.goto(base + "katalog/?sasaran=youth&tahun=2025")
    count_is(page, f"{len(youth_2025)} dari 14 praktik")
    assert visible_cards(page) == len(youth_2025) > 0
    page.goto(base + "katalog/?tema=tidak-ada&tahun=1999")
    assert page.locator("#lp-f-tema").input_value() == "" and visible_cards(page) == 14
    assert page.locator("#lp-count").inner_text() == "14 praktik"


def test_catalogue_shows_an_empty_state_when_nothing_matches(page, base, site):
    years = {p["year"] for p in practices(site)}
    themes = {t for p in practices(site) for t in p["themes"]}
    theme, year = next(
        (t, y)
        for t in sorted(themes)
        for y in sorted(years)
        if not any(t in p["themes"] and p["year"] == y for p in practices(site))
    )
    page.goto(base + f"katalog/?tema={theme}&tahun={year}")
    page.locator("#lp-none").wait_for(state="visible")
    assert page.locator("#lp-count").inner_text() == "0 dari 14 praktik"
    assert visible_cards(page) == 0


def test_catalogue_without_javascript_is_the_built_list(browser, base):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + "katalog/?tema=job-fair")
        assert page.locator("#lp-catalogue .lp-card").count() == 14
        assert not page.locator("#lp-filter").is_visible()
        assert page.locator(".lp-lead a", has_text="tema").get_attribute("href") == "../tema/"
    finally:
        context.close()


def test_practice_prints_without_navigation_and_without_addresses_in_the_card(page, base):
    page.goto(base + PRACTICE)
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()
    assert page.locator("section.lp-meta").is_visible()
    after = page.evaluate(
        "() => getComputedStyle(document.querySelector('.lp-meta dd a'), '::after').content"
    )
    assert after in ("none", "normal", "")  # addresses are listed once under "Tautan" instead


@pytest.mark.parametrize("name", sorted(PAGES))
def test_phone_width_has_no_horizontal_scrolling(browser, base, name):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        page.goto(base + PAGES[name])
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 360, f"{name}: page is {width}px wide at a 360px viewport"
    finally:
        context.close()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_serious_accessibility_violations(page, base, axe, name):
    page.goto(base + PAGES[name])
    results = run_axe(page, source=axe)
    assert results["passes"], "axe ran no checks"
    blocking = blocking_violations(results)
    assert not blocking, format_violations(blocking)
