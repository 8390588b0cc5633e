"""Listing pages at scale: a generated library of N practices built with small pages.

Every catalogue, theme, target-group, province and contributor page stays under a fixed size, the
pages chain with rel=prev/next, and following them without JavaScript reaches every published
practice (nothing is lost to pagination).
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from urllib.parse import urljoin, urlsplit

import pytest
from htmlq import parse

from support import REPO
from support.build import Built, build

pytestmark = pytest.mark.slow

N = 400
CARDS, LINES = 20, 60  # cards per listing page, lines per contributor page
# A page of 20 cards weighs about 40 KB with the theme around it; the whole catalogue of 400 would be
# about 370 KB. Far enough from both that this fails only when a page starts to grow with N.
LIMIT = 60_000
BASE = "http://site.test/"


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("listing")
    subprocess.run(
        [sys.executable, str(REPO / "tools" / "bench" / "generate.py"), str(root), str(N)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    options = f"  - lumbung:\n      cards_per_page: {CARDS}\n      contributor_lines_per_page: {LINES}\n"
    config.write_text(text.replace("  - lumbung\n", options), encoding="utf-8")
    built = build(config, root / "site", strict=True)
    assert built.error is None, "\n".join(built.messages(logging.WARNING)) or repr(built.error)
    return built


@pytest.fixture(scope="module")
def published(big: Built) -> list[dict]:
    return json.loads((big.site / "practices.json").read_text(encoding="utf-8"))["practices"]


def path_of(record: dict) -> str:
    return urlsplit(record["url"]).path.removeprefix("/")


def walk(built: Built, first: str) -> list[tuple[str, object]]:
    """(url, parsed page) of a listing from its first page, following the pager's rel=next links."""
    pages, url = [], first
    while url is not None:
        doc = parse(built.html(url))
        pages.append((url, doc))
        pager = doc.find_all("nav", "lp-pager")
        nxt = pager[0].find_all("a", rel="next") if pager else []
        url = urlsplit(urljoin(BASE + url, nxt[0].attrs["href"])).path[1:] if nxt else None
        assert len(pages) <= N, "the pager goes round in circles"
    return pages


def card_links(url: str, doc) -> list[str]:
    """Site paths of the practices whose cards are on the page."""
    return [
        urlsplit(urljoin(BASE + url, title.find("a").attrs["href"])).path[1:]
        for title in doc.find_all(cls="lp-card__title")
    ]


def test_no_listing_page_grows_with_the_library(big: Built):
    listing = [
        p
        for folder in ("katalog", "kontributor", "tema", "sasaran", "provinsi")
        for p in (big.site / folder).rglob("index.html")
    ]
    assert len(listing) > 40
    sizes = {p.relative_to(big.site).as_posix(): p.stat().st_size for p in listing}
    too_big = {p: s for p, s in sizes.items() if s > LIMIT}
    assert not too_big, too_big
    assert (big.site / "katalog" / "2" / "index.html").exists()


def test_catalogue_pages_chain_and_reach_every_published_practice(big: Built, published: list[dict]):
    pages = walk(big, "katalog/")
    count = -(-len(published) // CARDS)
    assert [url for url, _ in pages] == ["katalog/"] + [f"katalog/{n}/" for n in range(2, count + 1)]
    seen: list[str] = []
    for number, (url, doc) in enumerate(pages, 1):
        links = card_links(url, doc)
        assert len(links) == (CARDS if number < count else len(published) - CARDS * (count - 1))
        seen += links
        pager = doc.find("nav", "lp-pager")
        assert pager.find("p", "lp-pager__status").text == f"Halaman {number} dari {count}"
        assert pager.find("span", "lp-pager__page").attrs["aria-current"] == "page"
        # Page 1 is in the nav, whose neighbours Material names in the head; the others name the pager's.
        head = {link.attrs["rel"]: link.attrs["href"] for link in doc.find("head").find_all("link")}
        prev, nxt = pager.find_all("a", rel="prev"), pager.find_all("a", rel="next")
        assert bool(prev) == (number > 1) and bool(nxt) == (number < count)
        if number > 1:
            assert prev[0].attrs["href"] == head["prev"] == ("../" if number == 2 else f"../{number - 1}/")
            assert nxt[0].attrs["href"] == head["next"] if nxt else "next" not in head
        shown = f"(menampilkan {CARDS * (number - 1) + 1}–{CARDS * (number - 1) + len(links)})"
        assert doc.find("p", id="lp-count").text == f"{len(published)} praktik {shown}"
        if number > 1:  # page 1 is titled by its nav label
            assert doc.find("h1").text.rstrip("¶") == f"Katalog praktik (halaman {number})"
    assert seen == [path_of(r) for r in published]  # newest first, each once, none missing


def test_theme_and_target_group_pages_reach_their_practices(big: Built, published: list[dict]):
    for folder, field, slug in (("tema", "themes", "job-fair"), ("sasaran", "target_groups", "youth")):
        seen = [link for url, doc in walk(big, f"{folder}/{slug}/") for link in card_links(url, doc)]
        assert seen == [path_of(r) for r in published if slug in r[field]]


def test_province_pages_reach_every_practice_and_regency_links_find_their_section(
    big: Built, published: list[dict]
):
    seen: set[str] = set()
    for index in parse(big.html("provinsi")).find("tbody").find_all("a"):
        for url, doc in walk(big, "provinsi/" + index.attrs["href"]):
            seen.update(card_links(url, doc))
    assert seen == {path_of(r) for r in published}
    checked = 0
    for record in published[:: max(1, len(published) // 40)]:
        facts = parse(big.html(path_of(record).rstrip("/"))).find("section", "lp-meta")
        for a in facts.find_all("a"):
            target = urljoin(BASE + path_of(record), a.attrs["href"])
            path, anchor = urlsplit(target).path[1:], urlsplit(target).fragment
            if path.startswith(("provinsi/", "kontributor/")) and anchor:
                assert f'id="{anchor}"' in big.html(path.rstrip("/")), (record["id"], target)
                checked += 1
    assert checked > 40


def test_contributor_pages_list_everyone_with_all_their_practices(big: Built, published: list[dict]):
    pages = walk(big, "kontributor/")
    assert len(pages) > 3
    practices: set[str] = set()
    anchors: list[str] = []
    for url, doc in pages:
        people = doc.find_all("section", "lp-person")
        anchors += [p.attrs["id"] for p in people if "id" in p.attrs]
        lines = sum(1 + len(p.find_all("li")) for p in people)
        assert 0 < lines <= LINES
        practices.update(
            urlsplit(urljoin(BASE + url, a.attrs["href"])).path[1:]
            for p in people
            for a in p.find("ul").find_all("a")
        )
        letters = doc.find("nav", "lp-jump").find_all("a")
        assert [a.text for a in letters] == sorted(a.text for a in letters)
    assert practices == {path_of(r) for r in published}
    assert len(anchors) == len(set(anchors))
    total = re.search(r"Inilah ([\d.]+) ", pages[0][1].find("p", "lp-lead").text).group(1)
    assert int(total.replace(".", "")) == len(anchors)
