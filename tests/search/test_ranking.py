"""Ranking instead of filtering, regions, word variants and snippets: the observations readers reported.

Each observation has its browser twin in tests/e2e/test_search_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lumbung.search.index import SearchIndex
from lumbung.search.query import ALL_VISIBLE, MAX_QUERY_WORDS, search, snippet_html
from lumbung.search.ranking import idf, rank

GIANYAR = "gianyar-layanan-ramah-difabel"
SURABAYA = "surabaya-inklusi-kerja-penyandang-disabilitas"
KUPANG = "kupang-bimbingan-karier-bkk-smk"
LOMBOK = "lombok-timur-reintegrasi-pmi-purna"


def top(project: Path, query: str, n: int = 3, statuses=("published",)) -> list[str]:
    return [h.id for h in search(SearchIndex(project), query, limit=n, statuses=statuses).results]


def test_rank_puts_full_coverage_first_and_keeps_partial_matches():
    # concept 0 is common (in 3 of 4 practices), concept 1 rare (in 1)
    per_concept = [{0: 1.0, 1: 5.0, 2: 1.0}, {2: 1.0}]
    ranked = rank(per_concept, 4)
    assert [r.doc for r in ranked] == [2, 1, 0]  # both words beat a far higher score on one word
    assert ranked[0].coverage == 1.0 and ranked[0].missing == ()
    assert ranked[1].missing == (1,) and ranked[1].coverage == pytest.approx(
        idf(3, 4) / (idf(3, 4) + idf(1, 4))
    )
    assert rank(per_concept, 4, allowed={0})[0].doc == 0  # facet filters keep the weights


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("disabilitas tunarungu", [GIANYAR]),
        ("cara meningkatkan penempatan penyandang disabilitas tunarungu", [GIANYAR, SURABAYA]),
        ("konseling karier perempuan", ["konseling-karier-daring-nasional"]),
        ("tuna rungu", [GIANYAR]),
        ("antri wawancara job fair", ["banyuwangi-job-fair-hibrida"]),
        ("konseling karir daring", ["konseling-karier-daring-nasional"]),
        ("bikin akun siapkerja", ["makassar-pendampingan-siapkerja-sisnaker"]),
        ("konseling offline", ["konseling-karier-daring-nasional"]),
        ("fresh graduate SMK", [KUPANG]),
        ("pendampingan mantan TKI", [LOMBOK]),
        ("pameran kerja", ["banyuwangi-job-fair-hibrida"]),
    ],
)
def test_observed_queries_find_the_relevant_practice(sample_project: Path, query: str, expect: list[str]):
    found = top(sample_project, query)
    assert all(e in found for e in expect), found


def test_draft_practice_found_with_all(sample_project: Path):
    assert top(sample_project, "konseling karier perempuan", 1, ALL_VISIBLE) == [
        "banda-aceh-konseling-karier-perempuan"
    ]
    assert top(sample_project, "dashboard kompetensi", 1, ALL_VISIBLE) == [
        "bandung-pemetaan-kompetensi-pencari-kerja"
    ]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("NTT", KUPANG),
        ("NTB", LOMBOK),
        ("Kaltim", "samarinda-virtual-job-matching"),
        ("Sulsel", "makassar-pendampingan-siapkerja-sisnaker"),
        ("Nusa Tenggara Timur", KUPANG),
        ("nusa tenggara timur", KUPANG),
        ("PMI NTB", LOMBOK),
    ],
)
def test_region_words_match_the_region_field(sample_project: Path, query: str, first: str):
    assert top(sample_project, query)[0] == first


def test_region_abbreviation_finds_only_practices_in_the_region(sample_project: Path):
    assert top(sample_project, "NTT", 10) == [KUPANG]  # not the NTB practice in "Lombok Timur"
    assert sorted(top(sample_project, "Jatim", 10)) == ["banyuwangi-job-fair-hibrida", SURABAYA]
    # "Nusa Tenggara Timur": the NTB practice has all three words in its place, but is not in NTT
    assert top(sample_project, "Nusa Tenggara Timur", 10) == [KUPANG, LOMBOK]
    assert top(sample_project, "Kepri") == []  # no practice in Kepulauan Riau (Riau is another province)


def test_partial_results_say_which_words_are_missing(cli, sample_project: Path):
    r = cli(
        "search", "program", "untuk", "orang", "yang", "lama", "menganggur", "setahun", cwd=sample_project
    )
    assert r.rc == 0
    lines = r.out.splitlines()
    assert lines[1] == "Hasil teratas tidak memuat semua kata yang dicari (tidak ada: program)."
    assert lines[3].startswith("1. medan-pendampingan-penganggur-jangka-panjang")


def test_missing_words_are_named_once(sample_project: Path):
    result = search(SearchIndex(sample_project), "<script>alert(1)</script> pelatihan")
    assert result.missing == ["script", "alert"] and result.results


def test_query_without_library_words_finds_nothing(sample_project: Path):
    for query in ("tiket konser musik", "resep rendang", "DIY", "Papua"):
        assert top(sample_project, query) == [], query


def test_typo_inside_a_multi_word_query_is_corrected(cli, sample_project: Path):
    result = search(SearchIndex(sample_project), "konseling kariir daring")
    assert (result.corrected, result.suggestion) == (True, "konseling karier daring")
    assert result.results[0].id == "konseling-karier-daring-nasional"
    r = cli("search", "konseling", "kariir", "daring", cwd=sample_project)
    assert r.out.splitlines()[0] == (
        'Ejaan disesuaikan: menampilkan hasil untuk "konseling karier daring", '
        'bukan "konseling kariir daring".'
    )


def test_a_thousand_words_query_is_cut_with_a_message(cli, sample_project: Path):
    words = [f"pelatihan{i} kerja" for i in range(600)]  # 1,200 words
    r = cli("search", *words, cwd=sample_project)
    assert r.err == ""
    assert (
        r.out.splitlines()[0] == f"Kueri terlalu panjang: hanya {MAX_QUERY_WORDS} kata pertama yang dicari."
    )
    result = search(SearchIndex(sample_project), " ".join(words))
    assert result.truncated and result.results


def test_snippet_marks_only_words_formed_like_the_query(sample_project: Path):
    for h in search(SearchIndex(sample_project), "penempatan", limit=20).results:
        marked = re.findall(r"<mark>(.*?)</mark>", snippet_html(h.snippet).lower())
        assert marked, h.id  # every result shows what matched
        assert not {"setempat", "tempat"} & set(marked), (h.id, marked)


def test_snippet_has_context_on_both_sides_and_no_heading(sample_project: Path):
    headings = ("Latar Belakang", "Langkah Pelaksanaan", "Pembelajaran", "Cara Mereplikasi")
    for query in ("penempatan", "kartu kuning", "bahasa isyarat", "pelatihan", "disabilitas"):
        for h in search(SearchIndex(sample_project), query, limit=10).results:
            text = snippet_html(h.snippet)
            assert not any(f". {x} " in text for x in headings), text
            # the passage is centred on its matches: it never ends at a matched word
            assert not text.removesuffix(" …").endswith("</mark>"), text
