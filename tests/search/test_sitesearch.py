"""The site-search index: files a browser fetches, decoded here as search.js decodes them."""

from __future__ import annotations

import gzip
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


def lexicon_file(index: Path, word: str) -> dict:
    path = index / "lex" / f"{sitesearch.prefix(word)}.json"
    return (
        json.loads(path.read_text(encoding="utf-8"))
        if path.exists()
        else {"w": {}, "t": {}, "s": {}, "f": {}}
    )


def postings(index: Path, term: str) -> tuple[list[int], bytes] | None:
    """A term's postings, found as search.js finds them: through its lexicon file."""
    where = lexicon_file(index, term)["t"].get(term)
    if where is None:
        return None
    if isinstance(where[1], list):  # a rare term's, inline
        return where[1], bytes(where[2])
    path = index / "t" / f"{where[1]}.bin"
    data = path.read_bytes()
    assert gzip.decompress((index / "t" / f"{where[1]}.bin.gz").read_bytes()) == data
    found = decode_shard(data)[term]
    assert len(found[0]) == where[0]  # the lexicon's count of practices
    return found


def doc(index: Path, n: int) -> dict:
    return json.loads((index / "d" / f"{n}.json").read_text(encoding="utf-8"))


def number_of(index: Path, url: str) -> int:
    for n in range(config(index)["docs"]):
        if doc(index, n)["u"] == url:
            return n
    raise AssertionError(url)


def lexicon(index: Path, word: str) -> list[str] | None:
    return lexicon_file(index, word)["w"].get(word)


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


def test_practice_files_carry_an_excerpt_and_the_whole_text_when_cut(index: Path):
    n = number_of(index, "nusa-tenggara-timur/kupang-bimbingan-karier-bkk-smk/")
    d = doc(index, n)
    assert d["t"].startswith("Bimbingan Karier dan Migrasi Aman")
    assert d["p"] == "Nusa Tenggara Timur, Kota Kupang"
    assert "Bimbingan Jabatan & Konseling Karier" in [config(index)["facets"]["tema"][t] for t in d["th"]]
    assert "Pengantar kerja bekerja sama dengan bursa kerja khusus" in d["x"]
    assert "s" not in d  # no stem per word: snippets mark words through the terms' forms
    whole = json.loads((index / "x" / f"{n}.json").read_text(encoding="utf-8"))
    assert d["c"] == 1 and len(d["x"]) < 0.6 * len(whole)
    assert [x.split()[:5] for x in d["x"].split("\f")] == [x.split()[:5] for x in whole.split("\f")]
    # Practices whose excerpt is their whole text have no second file.
    short = [k for k in range(config(index)["docs"]) if "c" not in doc(index, k)]
    assert all(not (index / "x" / f"{k}.json").exists() for k in short)


def test_terms_list_the_words_they_are_the_stem_of(index: Path):
    kerja = lexicon_file(index, "kerja")["f"]["kerja"]
    assert "bekerja" in kerja[0] and "pekerjaan" in kerja[0] and "kerja" not in kerja[0]
    assert all(lexicon(index, w)[0] == "kerja" for w in kerja[0])
    # A word's file names where its stems' postings are; a stem no practice has is not there.
    entry = lexicon_file(index, "bekerja")
    assert entry["t"]["kerja"][0] == len(postings(index, "kerja")[0])
    assert all(df >= 1 for df, *_ in entry["t"].values())


def test_config_facets_and_synonyms(index: Path):
    c = config(index)
    assert c["format"] == sitesearch.FORMAT and c["docs"] == 14
    assert "yang" in c["stopwords"] and "tempat" not in c["stopwords"]
    n = number_of(index, "nusa-tenggara-timur/kupang-bimbingan-karier-bkk-smk/")
    assert c["facets"]["provinsi"][c["prov"][n]] == "Nusa Tenggara Timur"
    labels = [label for t, label in enumerate(c["facets"]["tema"]) if c["tema"][n] & (1 << t)]
    assert "Bimbingan Jabatan & Konseling Karier" in labels


def test_synonyms_are_in_the_lexicon_file_of_their_first_word(index: Path):
    phk = lexicon_file(index, "phk")["s"]["phk"]
    assert phk["m"] == ["syn_phk"] and ["putus", "hubung", "kerja"] in phk["h"]
    assert lexicon_file(index, "phk")["t"]["syn_phk"][0] >= 1  # with the marker's postings
    # "pemutusan hubungan kerja" starts with the stem "putus": the file of "pemutusan" has it.
    assert lexicon(index, "pemutusan")[0] == "putus"
    assert "putus hubung kerja" in lexicon_file(index, "pemutusan")["s"]


def test_only_published_practices_reach_the_site(index: Path):
    # "gampong" is only in the Aceh draft: neither its words nor its postings are published.
    assert lexicon(index, "gampong") is None and postings(index, "gampong") is None
    g = dict(json.loads((index / "words" / "g.json").read_text(encoding="utf-8")))
    assert "gampong" not in g
    words = dict(json.loads((index / "words" / "d.json").read_text(encoding="utf-8")))
    assert words["disabilitas"] >= 1 and all(w.startswith("d") for w in words)


def test_rare_terms_are_inline_and_others_in_small_files(sample_library, tmp_path: Path, monkeypatch):
    index = tmp_path / "search"
    monkeypatch.setattr(sitesearch, "INLINE_DOCS", 0)  # every term in a postings file
    monkeypatch.setattr(sitesearch, "PACK_BYTES", 64)
    sitesearch.build_site_search(sample_library, tmp_path)
    for path in (index / "t").glob("*.bin"):  # a long list alone, short ones packed up to PACK_BYTES
        assert len(decode_shard(path.read_bytes())) == 1 or path.stat().st_size <= 64, path.name
    in_a_file = postings(index, "disabilitas")
    monkeypatch.undo()
    sitesearch.build_site_search(sample_library, tmp_path)
    inline = lexicon_file(index, "disabilitas")["t"]["disabilitas"]
    assert len(in_a_file[0]) <= sitesearch.INLINE_DOCS and inline[1:] == [in_a_file[0], list(in_a_file[1])]


def test_impacts_follow_bm25():
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
