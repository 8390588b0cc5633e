"""Hostile header values in Chromium: a summary written to send readers away leaves them where they are.

tests/fixtures/hostile/escape/ is a valid practice whose summary holds `" http-equiv="refresh"
content="0;url=https://penyerang.example/`: written unescaped into Material's <meta name="description">,
it redirected every reader (issue 11). Built with the encoders, the page stays put, asks nothing of
another origin and shows every value as written. The control writes the same meta tag the way
Material's template would without the encoder, and Chromium leaves for the attacker's site.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from browser import block_other_origins
from markupsafe import escape

from lumbung.formats.frontmatter import parse
from support import REPO
from support.build import build, write_config

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIXTURE = REPO / "tests" / "fixtures" / "hostile" / "escape"
SOURCE = FIXTURE / "practices" / "jawa-tengah" / "nilai-header-berbahaya.md"
PAGE = "jawa-tengah/nilai-header-berbahaya/"
ATTACKER = "https://penyerang.example/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("escape") / "situs"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("expected"))
    built = build(write_config(root), strict=False)
    assert built.returncode == 0, built.log
    return root / "site"


@pytest.fixture(scope="module")
def meta() -> dict[str, Any]:
    data = parse(SOURCE.read_text(encoding="utf-8"), "x.md").data
    assert data is not None
    return data


def _stay(page: Any, url: str) -> dict[str, Any]:
    """Open `url` and give a meta refresh time to fire; report where the page is and what left the site."""
    outside = block_other_origins(page.context, url)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    response = page.goto(url)
    assert response is not None and response.ok
    page.wait_for_timeout(1_500)  # refresh after 0 s: a redirect has happened (or been attempted) by now
    return {"url": page.url, "outside": outside, "dialogs": dialogs}


def test_the_practice_page_stays_and_shows_the_values_as_written(page, site, serve_dir, meta) -> None:
    base = serve_dir(site)
    seen = _stay(page, base + PAGE)
    assert seen == {"url": base + PAGE, "outside": [], "dialogs": []}
    summary = " ".join(meta["summary"].split())
    assert page.locator('meta[name="description"]').get_attribute("content") == summary
    assert page.locator("meta[http-equiv]").count() == 0
    assert page.title() == f"{meta['title']} - Lumbung Praktik"
    assert page.locator("article h1").first.inner_text().rstrip("¶") == meta["title"]
    assert page.locator(".md-header__topic[data-md-component=header-topic]").inner_text() == meta["title"]
    assert meta["office"] in page.locator("section.lp-meta").inner_text()


def test_control_the_unescaped_description_sends_the_reader_away(
    page, site, serve_dir, meta, tmp_path
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    target = copy / PAGE / "index.html"
    text = target.read_text(encoding="utf-8")
    summary = " ".join(meta["summary"].split())
    escaped = f'<meta name="description" content="{escape(summary)}">'
    assert escaped in text
    # what Material's base.html writes when page.meta.description reaches it unescaped
    target.write_text(text.replace(escaped, f'<meta name="description" content="{summary}">'), "utf-8")
    base = serve_dir(copy)
    seen = _stay(page, base + PAGE)
    assert [u for u in seen["outside"] if u.startswith(ATTACKER)], seen


def test_search_results_show_the_hostile_title_as_text(page, site, serve_dir, meta) -> None:
    base = serve_dir(site)
    outside = block_other_origins(page.context, base)
    page.goto(base + "?q=pelatihan")
    first = page.locator(".lp-search__list li a").first
    first.wait_for(timeout=10_000)
    assert re.sub(r"\s+", " ", first.inner_text()).strip() == meta["title"]
    assert page.locator(".lp-search__list script, .lp-search__list [onerror]").count() == 0
    assert outside == []
