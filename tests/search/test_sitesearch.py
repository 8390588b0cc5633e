"""The site-search index: files a browser fetches, decoded here as search.js decodes them."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from lumbung.search import static as sitesearch
from lumbung.text import analysis


def read_varint(data: bytes, i: int) -> tuple[int, int]:
    n = shift = 0
    while True:
        b = data[i]
        i += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return n, i


def decode_shard(data: bytes) -> dict[str, tuple[list[int], bytes]]:
    """term -> (practice numbers, impact bytes), the format search.js parses."""
    out, i = {}, 0
    while i < len(data):
        size, i = read_varint(data, i)
        term = data[i : i + size].decode("utf-8")
        i += size
        df, i = read_varint(data, i)
        ids, last = [], 0
        for _ in range(df):
            delta, i = read_varint(data, i)
            last += delta
            ids.append(last)
        out[term] = (ids, data[i : i + df])
        i += df
    return out


@pytest.fixture(scope="module")
def index(sample_library, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("situs")
    report = sitesearch.build_site_search(sample_library, out)
    assert report.records == len(sample_library.published()) == 14
    return out / "search"


def config(index: Path) -> dict:
    return json.loads((index / "config.json").read_text(encoding="utf-8"))


def postings(index: Path, term: str) -> tuple[list[int], bytes] | None:
    shard = sitesearch.fnv1a(term) % config(index)["shards"]
    path = index / "t" / f"{shard}.bin"
    return decode_shard(path.read_bytes()).get(term) if path.exists() else None


def doc(index: Path, n: int) -> dict:
    return json.loads((index / "d" / f"{n}.json").read_text(encoding="utf-8"))


def number_of(index: Path, url: str) -> int:
    for n in range(config(index)["docs"]):
        if doc(index, n)["u"] == url:
            return n
    raise AssertionError(url)


def lexicon(index: Path, word: str) -> list[str] | None:
    path = index / "lex" / f"{sitesearch.prefix(word)}.json"
    return json.loads(path.read_text(encoding="utf-8")).get(word) if path.exists() else None


def test_fnv1a_matches_the_reference_vectors():
    # The browser computes the same hash (search.js fnv1a); reference values of FNV-1a 32.
    assert sitesearch.fnv1a("") == 0x811C9DC5
    assert sitesearch.fnv1a("a") == 0xE40C292C
    assert sitesearch.fnv1a("foobar") == 0xBF9CF968


def test_lexicon_gives_the_cli_stems(index: Path):
    # The browser has no Sastrawi: the lexicon carries the stems the CLI computes, exceptions included.
    assert lexicon(index, "menempatkan")[0] == "tempat" == analysis.stem_id("menempatkan")
    assert lexicon(index, "mengunjungi")[0] == "kunjung"  # Sastrawi alone says "unjung"
    assert lexicon(index, "pemetaan")[0] == "peta"  # Sastrawi alone says "meta"
    assert lexicon(index, "difabel") == ["difabel"]  # a synonym no practice spells out
    assert lexicon(index, "pelatihan") == [analysis.stem_id("pelatihan"), analysis.stem_en("pelatihan")]


def test_postings_rank_like_the_cli(index: Path):
    surabaya = number_of(index, "jawa-timur/surabaya-inklusi-kerja-penyandang-disabilitas/")
    ids, impacts = postings(index, "disabilitas")
    assert surabaya in ids and ids == sorted(ids) and all(1 <= b <= 255 for b in impacts)
    # The practice about disabilities weighs the word most (title, keywords, body).
    assert impacts[ids.index(surabaya)] == max(impacts)
    # Synonym groups are terms of their own, as in the CLI index.
    bekasi = number_of(index, "jawa-barat/bekasi-respons-cepat-korban-phk/")
    assert bekasi in postings(index, "syn_phk")[0]
    assert postings(index, "yang") is None  # a stop word is never indexed


def test_practice_files_carry_snippet_text_and_stems(index: Path):
    n = number_of(index, "nusa-tenggara-timur/kupang-bimbingan-karier-bkk-smk/")
    d = doc(index, n)
    assert d["t"].startswith("Bimbingan Karier dan Migrasi Aman")
    assert d["p"] == "Nusa Tenggara Timur, Kota Kupang"
    assert "Bimbingan Jabatan & Konseling Karier" in d["th"]
    assert "Pengantar kerja bekerja sama dengan bursa kerja khusus" in d["x"]
    assert d["s"]["bekerja"] == "kerja" and "bursa" not in d["s"]  # only words whose stem differs


def test_config_facets_and_synonyms(index: Path):
    c = config(index)
    assert c["format"] == sitesearch.FORMAT and c["docs"] == 14
    assert "yang" in c["stopwords"] and "tempat" not in c["stopwords"]
    assert c["synonyms"]["phk"]["m"] == ["syn_phk"]
    assert ["putus", "hubung", "kerja"] in c["synonyms"]["phk"]["h"]
    docs = json.loads((index / "docs.json").read_text(encoding="utf-8"))
    n = number_of(index, "nusa-tenggara-timur/kupang-bimbingan-karier-bkk-smk/")
    assert c["facets"]["provinsi"][docs["prov"][n]] == "Nusa Tenggara Timur"
    assert "Bimbingan Jabatan & Konseling Karier" in [c["facets"]["tema"][t] for t in docs["tema"][n]]


def test_only_published_practices_reach_the_site(index: Path):
    # "gampong" is only in the Aceh draft: neither its words nor its postings are published.
    assert lexicon(index, "gampong") is None and postings(index, "gampong") is None
    g = dict(json.loads((index / "words" / "g.json").read_text(encoding="utf-8")))
    assert "gampong" not in g
    words = dict(json.loads((index / "words" / "d.json").read_text(encoding="utf-8")))
    assert words["disabilitas"] >= 1 and all(w.startswith("d") for w in words)


def test_shards_stay_small_and_impacts_follow_bm25(index: Path):
    sizes = [p.stat().st_size for p in (index / "t").glob("*.bin")]
    assert sizes and max(sizes) < 4 * sitesearch.SHARD_BYTES
    assert math.isclose(sitesearch._impact(1.0, 10, 10.0), 1.0)  # tf 1 at average length
    assert sitesearch._impact(2.0, 10, 10.0) > sitesearch._impact(1.0, 10, 10.0)
    assert sitesearch._impact(1.0, 40, 10.0) < sitesearch._impact(1.0, 10, 10.0)


def test_impact_bytes_keep_every_impact_within_two_percent():
    values = [0.05 * 1.01**k for k in range(700) if 0.05 * 1.01**k <= sitesearch.IMPACT_MAX]
    bytes_ = [sitesearch.impact_byte(v) for v in values]
    assert bytes_ == sorted(bytes_) and bytes_[0] >= 1 and bytes_[-1] == 255
    for v, b in zip(values, bytes_, strict=True):
        assert abs(sitesearch.impact_value(b) / v - 1) < 0.02, v
    assert sitesearch.impact_byte(0) == 1 and sitesearch.impact_byte(10 * sitesearch.IMPACT_MAX) == 255
    # A word found once in a body has an impact near 1: two practices 7 % apart stay apart.
    assert sitesearch.impact_byte(1.0) < sitesearch.impact_byte(1.07)
