"""The Indonesian analyser: tokens, stop words, stems (with the exceptions table) and synonyms."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lumbung.text import analysis
from lumbung.text.synonyms import document_synonyms, synonyms


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("mengunjungi", "kunjung"),  # Sastrawi says "unjung": corrected by the exceptions table
        ("kunjungan", "kunjung"),
        ("dikunjungi", "kunjung"),
        ("pemetaan", "peta"),  # Sastrawi says "meta"
        ("dipetakan", "peta"),
        ("memetakan", "peta"),
        ("pelatihan", "latih"),
        ("dilatih", "latih"),
        ("melatih", "latih"),
        ("penempatan", "tempat"),  # Snowball would say "empat" (four)
        ("menempatkan", "tempat"),
        ("pemesanan", "pesan"),
        ("pesanan", "pesan"),
        ("perusahaan", "perusahaan"),  # not "usaha": company is not business
        ("disabilitas", "disabilitas"),
    ],
)
def test_indonesian_stems(word: str, stem: str):
    assert analysis.stem_id(word) == stem


def test_english_practices_get_english_stems():
    assert analysis.tokens("Employers interviewed the shortlisted job seekers", "en") == [
        "employ",
        "interview",
        "shortlist",
        "job",
        "seeker",
    ]


def test_stop_words_keep_words_of_our_domain():
    stop = analysis.stopwords("id")
    for word in ("tempat", "kerja", "baik", "bagi", "guna"):
        assert word not in stop
    assert analysis.tokens("tempat kerja yang baik bagi mereka") == ["tempat", "kerja", "baik", "bagi"]


def test_stop_word_list_is_short_and_curated():
    assert 40 < len(analysis.stopwords("id")) < 150
    assert {"yang", "dan", "di", "ke", "dari", "untuk"} <= analysis.stopwords("id")


def test_tokenising_is_unicode_aware():
    text = "Kartu kuning (AK/I), anak-anak, Jum'at, CAFÉ, dan/atau 2025"
    assert analysis.tokens(text) == ["kartu", "kuning", "aki", "anak", "jumat", "cafe", "2025"]


def test_analyse_keeps_offsets_of_surface_words():
    text = "Pengantar kerja mengunjungi perusahaan."
    toks = analysis.analyse(text)
    assert [(t.term, text[t.start : t.end]) for t in toks] == [
        ("antar", "Pengantar"),
        ("kerja", "kerja"),
        ("kunjung", "mengunjungi"),
        ("perusahaan", "perusahaan"),
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80))
def test_fast_and_offset_paths_agree(text: str):
    # tokens() (indexing) and analyse() (snippets) must produce the same terms for any text.
    assert analysis.tokens(text) == [t.term for t in analysis.analyse(text)]


def test_synonyms_longest_phrase_wins():
    found = synonyms().find(analysis.tokens("bursa kerja khusus Kupang"))
    assert [(m.phrase, m.start, m.end) for m in found] == [("bursa kerja khusus", 0, 3)]
    assert "BKK" in found[0].expansions and "job fair" not in found[0].expansions


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("PHK", "pemutusan hubungan kerja"),
        ("pemutusan hubungan kerja", "PHK"),
        ("AK/I", "kartu kuning"),
        ("kartu kuning", "AK/I"),
        ("difabel", "disabilitas"),
        ("job fair", "bursa kerja"),
        ("PMI", "pekerja migran indonesia"),
        ("Disnaker", "dinas tenaga kerja"),
        ("BLK", "pelatihan"),
    ],
)
def test_synonyms_and_acronyms(query: str, expected: str):
    (match,) = synonyms().find(analysis.tokens(query))
    assert expected in match.expansions


def test_one_way_synonyms_turn_around_for_texts():
    # A query "BLK" also finds practices about "pelatihan"; a query "pelatihan" does not pull in BLK.
    assert "BLK" not in synonyms().find(analysis.tokens("pelatihan"))[0].expansions
    assert "BLK" in document_synonyms().expansions(analysis.tokens("pelatihan kerja"))
