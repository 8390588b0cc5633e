"""`lumbung search`, `lumbung index` and `lumbung related`: output, JSON shape, filters, did-you-mean."""

from __future__ import annotations

import json
import re
from pathlib import Path

from lumbung.search.index import SearchIndex
from lumbung.search.query import search

KUPANG = "practices/nusa-tenggara-timur/kupang-bimbingan-karier-bkk-smk.md"


def unscored(text: str) -> str:
    return re.sub(r"\(skor [\d,]+\)", "(skor N)", text)


def test_text_output(cli, sample_project: Path):
    r = cli("search", "Kupang", cwd=sample_project)
    assert r.rc == 0
    assert unscored(r.out) == (
        '1 praktik untuk "Kupang":\n'
        "\n"
        "1. kupang-bimbingan-karier-bkk-smk  (skor N)\n"
        "   Bimbingan Karier dan Migrasi Aman melalui Bursa Kerja Khusus SMK di Kota Kupang\n"
        "   Nusa Tenggara Timur, Kota Kupang\n"
        # The passage stays inside one section (no heading in it) and has context after the match.
        "   … tahun ribuan lulusan SMK di Kota «Kupang» memasuki pasar kerja, tetapi sebagian besar belum"
        " pernah mendapat informasi jabatan yang terstruktur. Guru bimbingan konseling lebih banyak menangani"
        " urusan akademik, sementara bursa kerja khusus (BKK …\n"
    )


def test_json_output(cli, sample_project: Path):
    r = cli("search", "penempatan", "disabilitas", "--format", "json", cwd=sample_project)
    assert r.rc == 0
    data = json.loads(r.out)
    assert set(data) == {
        "query",
        "total",
        "results",
        "facets",
        "suggestion",
        "corrected",
        "partial",
        "missing",
        "truncated",
    }
    assert (data["query"], data["suggestion"], data["corrected"]) == ("penempatan disabilitas", None, False)
    first = data["results"][0]
    assert set(first) == {"id", "title", "path", "score", "province", "regency", "themes", "snippet"}
    assert first["id"] == "surabaya-inklusi-kerja-penyandang-disabilitas"
    assert first["path"] == "practices/jawa-timur/surabaya-inklusi-kerja-penyandang-disabilitas.md"
    assert first["province"] == "Jawa Timur" and isinstance(first["score"], float)
    # The practice says "menempatkan", never "penempatan": matches are marked in the practice's own words,
    # and only words formed like the query's ("setempat", "tempat" share the stem, not the meaning).
    assert "<mark>disabilitas</mark>" in first["snippet"].lower()
    assert "<mark>menempatkan</mark>" in first["snippet"].lower()
    for hit in data["results"]:
        assert not re.search(r"<mark>(setempat|tempat)</mark>", hit["snippet"].lower()), hit["snippet"]
    assert set(data["facets"]) == {"themes", "province", "target_groups", "year"}
    # Both words: the two practices about disability, first; then those with one of the words.
    assert [h["id"] for h in data["results"][:2]] == [
        "surabaya-inklusi-kerja-penyandang-disabilitas",
        "gianyar-layanan-ramah-difabel",
    ]
    assert data["partial"] is False and data["missing"] == []
    assert data["total"] > 2
    assert data["facets"]["province"]["Jawa Timur"] == 2


def test_misspelt_word_is_corrected(cli, sample_project: Path):
    r = cli("search", "disabilitaas", "--format", "json", cwd=sample_project)
    data = json.loads(r.out)
    assert (data["suggestion"], data["corrected"]) == ("disabilitas", True)
    assert data["results"][0]["id"] == "surabaya-inklusi-kerja-penyandang-disabilitas"
    text = cli("search", "disabilitaas", cwd=sample_project).out
    assert (
        text.splitlines()[0] == 'Tidak ada hasil untuk "disabilitaas"; menampilkan hasil untuk "disabilitas".'
    )


def test_suggestion_only_for_unknown_words(sample_project: Path):
    ix = SearchIndex(sample_project)
    assert search(ix, "difabel").suggestion is None  # known word, few results: nothing to suggest
    assert search(ix, "konseling kariir").suggestion == "konseling karier"


def test_nothing_found(cli, sample_project: Path):
    r = cli("search", "budidaya", "ikan", "lele", cwd=sample_project)
    assert (r.rc, r.out, r.err) == (1, 'Tidak ada praktik yang cocok dengan "budidaya ikan lele".\n', "")


def test_filters(cli, sample_project: Path):
    def found(*args: str) -> list[str]:
        return [
            h["id"]
            for h in json.loads(cli("search", *args, "--format", "json", cwd=sample_project).out)["results"]
        ]

    assert found("pelatihan", "--province", "jawa tengah") == ["semarang-pelatihan-berbasis-pesanan"]
    assert found("pelatihan", "--theme", "Bursa Kerja & Job Fair") == []
    assert found("PHK", "--target-group", "laid-off-workers")[0] == "bekasi-respons-cepat-korban-phk"
    assert "bekasi-respons-cepat-korban-phk" not in found("PHK", "--year", "2023")
    assert "bekasi-respons-cepat-korban-phk" in found("PHK", "--year", "2024")


def test_filter_errors(cli, sample_project: Path):
    r = cli("search", "pelatihan", "--theme", "trainig-placement", cwd=sample_project)
    assert (r.rc, r.err) == (
        2,
        "galat: tema 'trainig-placement' tidak dikenal\n  petunjuk: maksud Anda 'training-placement'?\n",
    )
    r = cli("search", "pelatihan", "--province", "Jawa Tngah", cwd=sample_project)
    assert (r.rc, r.err) == (
        2,
        "galat: provinsi 'Jawa Tngah' tidak dikenal\n  petunjuk: maksud Anda 'Jawa Tengah'?\n",
    )
    r = cli("search", "pelatihan", "--year", "20x4", cwd=sample_project)
    assert (r.rc, r.err) == (
        2,
        "galat: tahun '20x4' tidak sah\n  petunjuk: tulis empat angka, misalnya 2025\n",
    )
    r = cli("search", "pelatihan", "--limit", "0", cwd=sample_project)
    assert (r.rc, r.err) == (2, "galat: --limit harus bilangan 1-100\n")


def test_english_messages(cli, sample_project: Path):
    r = cli("search", "budidaya", "--lang", "en", cwd=sample_project)
    assert r.out == 'No practice matches "budidaya".\n'


def test_search_refreshes_a_stale_index(cli, project: Path, edit):
    assert cli("index", cwd=project).rc == 0
    edit(project / KUPANG, "## Hasil\n", "## Hasil\n\nAda juga kelas zebrakuda.\n")
    r = cli("search", "zebrakuda", "--format", "json", cwd=project)
    assert [h["id"] for h in json.loads(r.out)["results"]] == ["kupang-bimbingan-karier-bkk-smk"]
    assert r.err == ""  # no progress bar when stderr is not a terminal


def test_index_command(cli, project: Path, edit):
    first = cli("index", cwd=project)
    assert first.rc == 0 and re.fullmatch(r"indeks dibangun: 16 praktik \(\d+,\d dtk\)\n", first.out)
    assert cli("index", cwd=project).out == "indeks sudah mutakhir: 16 praktik\n"
    edit(project / KUPANG, "## Hasil\n", "## Hasil\n\nTambahan.\n")
    out = cli("index", cwd=project).out
    assert re.fullmatch(r"indeks diperbarui: 0 baru, 1 berubah, 0 terhapus; 16 praktik \(\d+,\d dtk\)\n", out)
    assert first.err == ""


def test_commands_are_registered_with_examples(capsys):
    import pytest

    from lumbung.cli import COMMANDS, build_parser

    for command in ("index", "search", "related"):
        assert command in COMMANDS
        with pytest.raises(SystemExit):
            build_parser().parse_args([command, "--help"])
        assert "Contoh:\n  lumbung " + command in capsys.readouterr().out


def test_related_command(cli, sample_project: Path):
    r = cli("related", "lahat-bursa-kerja-desa", "--limit", "2", cwd=sample_project)
    assert r.rc == 0
    assert re.sub(r"kemiripan 0,\d\d", "kemiripan N", r.out) == (
        "Praktik yang mirip dengan lahat-bursa-kerja-desa:\n"
        "\n"
        "1. palembang-job-canvassing  (kemiripan N)\n"
        "   Job Canvassing Terjadwal ke Kawasan Industri Kertapati\n"
        "\n"
        "2. banyuwangi-job-fair-hibrida  (kemiripan N)\n"
        "   Job Fair Hibrida dengan Praseleksi Daring untuk Pencari Kerja Desa\n"
    )
    data = json.loads(cli("related", "lahat-bursa-kerja-desa", "--format", "json", cwd=sample_project).out)
    assert data["id"] == "lahat-bursa-kerja-desa"
    assert [set(x) for x in data["related"]] == [{"id", "title", "path", "score"}] * len(data["related"])
    assert "lahat-bursa-kerja-desa" not in [x["id"] for x in data["related"]]


def test_related_unknown_id(cli, sample_project: Path):
    r = cli("related", "palembang-job-canvasing", cwd=sample_project)
    assert (r.rc, r.err) == (
        2,
        "galat: praktik 'palembang-job-canvasing' tidak ditemukan\n"
        "  petunjuk: maksud Anda 'palembang-job-canvassing'?\n",
    )


def test_invisible_characters_of_a_word_paste_do_not_split_words(sample_project: Path):
    """A soft hyphen or a zero-width space that Word leaves inside a word is not a word break."""
    index = SearchIndex(sample_project)
    plain = [h.id for h in search(index, "pelatihan").results]
    assert plain
    for pasted in ("pela\u00adtihan", "pela\u200btihan", "pela\u2060tihan", "\ufeffpelatihan"):
        assert [h.id for h in search(index, pasted).results] == plain, repr(pasted)
