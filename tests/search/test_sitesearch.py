"""Site search records: readable text first, then the words that teach the browser our analysis."""

from __future__ import annotations

import json
from pathlib import Path

from lumbung import sitesearch


def practice(library, pid: str):
    return library.by_id()[pid]


def test_enrichment_adds_what_snowball_misses(sample_library):
    surabaya = sitesearch.enrichment(
        practice(sample_library, "surabaya-inklusi-kerja-penyandang-disabilitas")
    )
    assert "tempat" in surabaya  # "menempatkan": Snowball says "empat" (four), Sastrawi "tempat"
    assert "difabel" in surabaya  # synonym of "disabilitas"
    palembang = sitesearch.enrichment(practice(sample_library, "palembang-job-canvassing"))
    assert "kunjung" in palembang  # "mengunjungi": Snowball says "unjung"
    assert "kartu pencari kerja" in palembang  # the text says "kartu kuning (AK/I)"
    semarang = sitesearch.enrichment(practice(sample_library, "semarang-pelatihan-berbasis-pesanan"))
    assert "BLK" in semarang and "training" in semarang
    samarinda = sitesearch.enrichment(practice(sample_library, "samarinda-virtual-job-matching"))
    assert {"interview", "match", "employ"} <= set(samarinda)  # English stems for an English practice


def test_record_keeps_added_words_after_the_marker(sample_library):
    page = sitesearch.record_html(practice(sample_library, "kupang-bimbingan-karier-bkk-smk"))
    readable, extra = page.split(sitesearch.MARKER)
    assert "Pengantar kerja bekerja sama dengan bursa kerja khusus" in readable  # the summary
    assert "<h1>Bimbingan Karier dan Migrasi Aman" in extra  # the title is weighted but never a snippet
    assert 'data-pagefind-filter="provinsi[data-value]" data-value="Nusa Tenggara Timur"' in extra
    assert 'data-pagefind-meta="province[data-value]" data-value="Nusa Tenggara Timur, Kota Kupang"' in extra
    assert (
        'data-pagefind-filter="tema[data-value]" data-value="Bimbingan Jabatan &amp; Konseling Karier"'
        in extra
    )


def test_build_site_search(sample_library, tmp_path: Path):
    report = sitesearch.build_site_search(sample_library, tmp_path)
    assert report.records == len(sample_library.published()) == 14
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert (tmp_path / "pagefind" / "pagefind-entry.json").is_file()
    config = json.loads((tmp_path / "search" / "config.json").read_text(encoding="utf-8"))
    assert (
        config["marker"] == sitesearch.MARKER
        and "yang" in config["stopwords"]
        and "tempat" not in config["stopwords"]
    )
    words = dict(json.loads((tmp_path / "search" / "words" / "d.json").read_text(encoding="utf-8")))
    assert words["disabilitas"] >= 1 and all(w.startswith("d") for w in words)
    # words of draft and review practices never reach the site ("gampong" is only in the Aceh draft)
    g = dict(json.loads((tmp_path / "search" / "words" / "g.json").read_text(encoding="utf-8")))
    assert "gampong" not in g
