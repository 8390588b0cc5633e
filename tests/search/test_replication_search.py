"""Replication reports in search: never results of their own, but the adopting place and the changes
lead to the adopted practice, in the CLI index and the site index alike ("job canvassing Dumai")."""

from __future__ import annotations

import json
from pathlib import Path

from test_sitesearch import postings

from lumbung.search import static as sitesearch
from lumbung.search.index import SearchIndex
from lumbung.search.query import search

PALEMBANG = "palembang-job-canvassing"


def ids(project: Path, query: str) -> list[str]:
    return [h.id for h in search(SearchIndex(project), query, limit=20).results]


def test_the_adopting_place_finds_the_adopted_practice(sample_project: Path):
    assert ids(sample_project, "job canvassing Dumai")[0] == PALEMBANG
    assert ids(sample_project, "kanvasing Dumai")[0] == PALEMBANG
    # words of a report's changes: "posyandu" is in the Ogan Ilir report on the Lahat practice only
    assert ids(sample_project, "posyandu") == ["lahat-bursa-kerja-desa"]


def test_reports_are_never_results(sample_project: Path, sample_library):
    reports = {r.id for r in sample_library.reports}
    assert len(reports) == 6
    for query in ("Dumai", "Mataram juru bahasa isyarat", "Ogan Ilir", "Gowa"):
        found = ids(sample_project, query)
        assert found and not set(found) & reports, query


def test_editing_a_report_reindexes_the_adopted_practice(sample_project: Path, tmp_path: Path, edit):
    import shutil

    root = tmp_path / "proyek"
    shutil.copytree(sample_project / "practices", root / "practices")
    (root / "mkdocs.yml").write_text("", encoding="utf-8")
    ix = SearchIndex(root)
    ix.update()
    assert ids(root, "pelabuhan Dumai")[:1] == [PALEMBANG]
    assert ids(root, "tambak udang") == []
    edit(
        root / "practices/riau/replikasi/dumai-job-canvassing.md",
        "pelabuhan dan pengolahan sawit",
        "tambak udang",
    )
    update = ix.update()
    assert (update.added, update.updated, update.total) == (0, 0, 14 + 2)  # the report is no document
    assert ids(root, "tambak udang") == [PALEMBANG]


def test_site_index_holds_the_reports_words_on_the_practice(sample_library, tmp_path: Path):
    sitesearch.build_site_search(sample_library, tmp_path)
    index = tmp_path / "search"
    config = json.loads((index / "config.json").read_text(encoding="utf-8"))
    assert config["docs"] == len(sample_library.published())  # no report is a document
    urls = [
        json.loads((index / "d" / f"{n}.json").read_text(encoding="utf-8"))["u"]
        for n in range(config["docs"])
    ]
    palembang = urls.index("sumatera-selatan/palembang-job-canvassing/")
    docs, _ = postings(index, "dumai")
    assert docs == [palembang]
