"""Test vectors for the site's scripts, written by the Python code they must agree with.

`python tests/js/vectors.py DIR` writes one JSON file per topic into DIR; the node tests in this
folder (`make test-js`) read them, so a change on either side that breaks the agreement fails there.
Every expectation is computed here by lumbung itself, never written by hand.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import Any

from lumbung.site import opendata
from lumbung.site.catalogue import Site, build_site
from lumbung.site.paging import window
from lumbung.site.urls import page_url
from lumbung.source.loader import Loader
from lumbung.text.numbers import fmt_number
from lumbung.vocabulary import match_key

REPO = Path(__file__).resolve().parents[2]
CHUNK = 2  # cards per chunk file: small, so the sample library spreads over many chunks


def numbers() -> dict[str, Any]:
    """Whole numbers as the built pages write them (text.numbers.fmt_number)."""
    values = [0, 1, 9, 10, 99, 100, 999, 1000, 1020, 9999, 10000, 123456, 1000000, 1234567890]
    return {"cases": [[n, fmt_number(n)] for n in values]}


def paging() -> dict[str, Any]:
    """The page numbers a pager shows (paging.window) for every page of up to 15 pages."""
    cases = [[n, count, window(n, count)] for count in range(1, 16) for n in range(1, count + 1)]
    return {"cases": cases}


def _values(e) -> dict[str, list[str]]:
    """A practice's values of each catalogue filter, read from the entry itself (not from data.json)."""
    return {
        "tema": list(e.themes),
        "provinsi": [e.province_slug],
        "sasaran": list(e.target_groups),
        "tahun": [str(e.year)] if e.year else [],
    }


def catalogue(site: Site) -> dict[str, Any]:
    """The catalogue's files (opendata.catalogue_data) and, for chosen filter states, which practices
    match in each order, how many each option would give, and each practice's card."""
    keys = list(opendata.CATALOGUE_KEYS)
    values = [_values(e) for e in site.entries]
    options = {k: sorted({v for vs in values for v in vs[k]}) for k in keys}
    blank = {k: "" for k in keys}
    states = [dict(blank)]
    for k in keys:
        states += [{**blank, k: v} for v in options[k]]
    for a, b in itertools.combinations(keys, 2):
        states += [{**blank, a: x, b: y} for x in options[a] for y in options[b]]
    title_order = sorted(range(len(site.entries)), key=lambda i: (match_key(site.entries[i].title), i))
    adoptions = [site.adoption_count(e.id) for e in site.entries]

    def chosen(state: dict[str, str], i: int) -> bool:
        return all(not state[k] or state[k] in values[i][k] for k in keys)

    cases = []
    for state in states:
        ids = [i for i in range(len(values)) if chosen(state, i)]
        tallies = {}
        for k in keys:
            others = {**state, k: ""}
            counts: dict[str, int] = {}
            for i in range(len(values)):
                if chosen(others, i):
                    for v in values[i][k]:
                        counts[v] = counts.get(v, 0) + 1
            tallies[k] = counts
        cases.append(
            {
                "state": state,
                "ids": ids,
                "byTitle": [i for i in title_order if i in ids],
                "byAdoptions": sorted(ids, key=lambda i: (-adoptions[i], i)),
                "tally": tallies,
            }
        )
    cards = [
        {"i": i, "url": page_url(e.src, True), "title": e.title, "summary": e.summary, "regency": e.regency}
        for i, e in enumerate(site.entries)
    ]
    files = opendata.catalogue_data(site, directory_urls=True, size=CHUNK)
    return {"files": files, "cases": cases, "cards": cards}


def write(folder: Path) -> list[Path]:
    """Writes every vector file into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    site = build_site(Loader(REPO).load())
    docs = {"numbers": numbers(), "paging": paging(), "catalogue": catalogue(site)}
    out = []
    for name, doc in docs.items():
        path = folder / f"{name}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        out.append(path)
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("pemakaian: python tests/js/vectors.py FOLDER")
    for written in write(Path(sys.argv[1])):
        print(written)
