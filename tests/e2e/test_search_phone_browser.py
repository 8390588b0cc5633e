"""What a first search costs a phone: requests and bytes after the first key, on a generated library.

The throttled phone of `make bench` (tools/bench/bench_phone.py: Fast 3G, CPU 4x, 360x800) types into
the real search box beside a site-search index of a few hundred generated practices (the structure of
the 5,000 of the benchmark). Format 3 took, at 300 practices, 17 requests and 76 KB for "pelatihan"
(config and docs, the word list, a posting shard per analysed form, including forms that have no
postings, a did-you-mean list for a word half typed, and ten files of whole texts with a stem per
word); these bounds fail it. Format 4 took 16 requests and 17 KB.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from support import REPO

sys.path[:0] = [str(REPO / "tools" / "bench")]

import bench_phone  # noqa: E402
import bench_search  # noqa: E402
import generate  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PRACTICES = 300
COMMON = "pelatihan"
MAX_COMMON_KB = 25
# config, the word's lexicon file, its terms' postings (two: the stem and the synonym group), the
# lexicon files of the terms to mark (their forms), ten results
MAX_COMMON_REQUESTS = 16


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site and a rare word: the name of a regency that a single practice is about."""
    from lumbung.search.static import build_site_search
    from lumbung.source.loader import Loader

    root = tmp_path_factory.mktemp("hp")
    generate.generate(root, PRACTICES)
    library = Loader(root).load()
    build_site_search(library, root / "site")
    bench_search.harness(root / "site")  # a page with the real search partial and assets
    counts: dict[str, int] = {}
    for p in library.published():
        name = (p.regency or "").removeprefix("Kabupaten ").removeprefix("Kota ")
        if name.isalpha():
            counts[name] = counts.get(name, 0) + 1
    return root / "site", min(sorted(counts), key=counts.__getitem__)


def first_query(browser: Any, base: str, query: str) -> tuple[list[tuple[str, int]], str]:
    """(path, bytes) of every response from the first key to the network going idle, and the first
    result's text, on the throttled phone from an empty cache."""
    phone = bench_phone._Phone(browser)
    try:
        page = phone.page
        page.goto(base, wait_until="load")
        seen: list[tuple[str, int]] = []

        def finished(request: Any) -> None:
            path = request.url.removeprefix(base)
            if path.startswith("search/"):  # not the favicon Chromium asks for whenever it likes
                sizes = request.sizes()
                seen.append((path, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

        page.on("requestfinished", finished)
        page.locator("#lp-search-input").focus()
        page.keyboard.type(query)
        page.keyboard.press("Enter")
        page.wait_for_selector(".lp-search__result:not([hidden])", timeout=60_000)
        page.wait_for_load_state("networkidle", timeout=60_000)
        page.wait_for_selector("#lp-search-results[aria-busy=false]", timeout=60_000)
        text = page.locator(".lp-search__result").first.inner_html()
    finally:
        phone.close()
    return seen, text


def test_a_common_word_costs_few_requests_and_bytes(site: tuple[Path, str], browser: Any):
    with bench_phone.gzip_server(site[0]) as base:
        seen, first = first_query(browser, base, COMMON)
    listing = "\n".join(f"{size:6d} {path}" for path, size in seen)
    assert sum(size for _, size in seen) / 1024 <= MAX_COMMON_KB, listing
    assert len(seen) <= MAX_COMMON_REQUESTS, listing
    paths = [path for path, _ in seen]
    assert "<mark>" in first  # the snippet still shows what matched
    # The postings of the word's terms, each once; no file for a stem no practice has.
    postings = [p for p in paths if p.startswith("search/t/")]
    assert len(postings) == len(set(postings)) <= 2, listing
    assert not any(p.startswith(("search/docs", "search/words/")) for p in paths), listing


def test_a_rare_word_needs_no_postings_file(site: tuple[Path, str], browser: Any):
    # Its postings are in its lexicon file: the word's file, then its practice's.
    with bench_phone.gzip_server(site[0]) as base:
        seen, first = first_query(browser, base, site[1])
    listing = "\n".join(f"{size:6d} {path}" for path, size in seen)
    assert not any(path.startswith("search/t/") for path, _ in seen), listing
    assert site[1].lower() in first.lower()
    assert sum(size for _, size in seen) / 1024 <= 10, listing
