"""Site search as the world uses it: a phone whose connection drops a file once, and a query pasted
from Word with invisible characters (a soft hyphen, a zero-width space) inside its words.

The index is the sample library's, written by the site-search builder beside a page holding the real
search partial and assets (no `mkdocs build`, so the test stays fast).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from support import REPO

sys.path[:0] = [str(REPO / "tools" / "bench")]

import bench_search  # noqa: E402

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lumbung.search.static import build_site_search
    from lumbung.source.loader import Loader

    out = tmp_path_factory.mktemp("tahan") / "site"
    build_site_search(Loader(REPO).load(), out)
    bench_search.harness(out)
    return out


def ask(page: Any, query: str) -> tuple[str, list[str]]:
    """Type `query`, press Enter; (the status line, the titles of the results on screen)."""
    box = page.locator("#lp-search-input")
    box.fill(query)
    box.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('#lp-search-results').getAttribute('aria-busy') === 'false'"
        " && new URLSearchParams(location.search).has('q')"
    )
    page.wait_for_function("() => !document.querySelector('.lp-search__result[hidden]')")
    titles = page.locator(".lp-search__result .lp-search__link").all_inner_texts()
    return page.locator(".lp-search__status").inner_text(), titles


def test_a_file_that_fails_once_is_fetched_again(site: Path, serve_dir, page, errors):
    """Every file of the index fails on its first request (a dropped connection): the results
    still come with their titles and snippets, not as empty rows."""
    base = serve_dir(site)
    failed: set[str] = set()

    def drop_once(route: Any) -> None:
        url = route.request.url
        if "/search/" in url and url not in failed:
            failed.add(url)
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/*", drop_once)
    page.goto(base + "index.html")
    status, titles = ask(page, "pelatihan")
    assert any("/search/d/" in u for u in failed), failed
    count = int(status.split()[0])
    assert count > 0 and len(titles) == min(count, 10), (status, titles)
    assert all(t.strip() for t in titles), titles
    snippets = page.locator(".lp-search__result .lp-search__snippet").all_inner_texts()
    assert all(s.strip() for s in snippets), snippets
    assert errors == []


def test_invisible_characters_of_a_paste_do_not_split_words(site: Path, serve_dir, page):
    base = serve_dir(site)
    page.goto(base + "index.html")
    _, plain = ask(page, "pelatihan")
    status, titles = ask(page, "\ufeffpela\u00adti\u200bhan")
    assert plain and titles == plain, status
