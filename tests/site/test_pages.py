"""Unit tests of the generated pages (lumbung.site.pages) and golden files of two of them.

Refresh the goldens with `pytest tests/site --update-goldens` and review the diff.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import yaml

from lumbung.record import Period
from lumbung.site import card, pages, paging
from lumbung.site.catalogue import build_site
from lumbung.text import dates, numbers

EXPECTED = Path(__file__).parent / "expected"
GOLDEN = {"katalog.md": "katalog.md", "provinsi/sumatera-selatan.md": "provinsi-sumatera-selatan.md"}


@pytest.fixture(scope="module")
def site(basic_library):
    return build_site(basic_library)


@pytest.fixture(scope="module")
def rendered(site):
    return pages.render_pages(
        site, pages.Options(site_name="Lumbung Uji", repo_url="https://github.com/contoh/lumbung-uji")
    )


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1020, "1.020"),
        (12.5, "12,5"),
        (3.0, "3"),
        (1234567.25, "1.234.567,25"),
        (0, "0"),
        (None, ""),
    ],
)
def test_numbers_use_indonesian_separators(value, text):
    assert numbers.fmt_number(value) == text


def test_dates_and_periods_in_indonesian():
    assert dates.fmt_date(dt.date(2026, 1, 15)) == "15 Januari 2026"
    assert dates.fmt_date(dt.date(2025, 8, 1)) == "1 Agustus 2025"
    assert dates.fmt_date(None) == ""
    assert dates.fmt_period(Period("2024-03", "2025-10")) == "Maret 2024 – Oktober 2025"
    assert dates.fmt_period(Period("2024-03", "berjalan")) == "Maret 2024 – sekarang (berjalan)"
    assert dates.fmt_period(Period("2024-03")) == "Maret 2024"
    assert dates.fmt_period(None) == ""


def test_every_facet_gets_a_page_and_the_sections_exist(rendered):
    assert {
        "index.md",
        "katalog.md",
        "tema/index.md",
        "provinsi/index.md",
        "sasaran/index.md",
        "kontributor.md",
        "statistik.md",
        "berkontribusi/index.md",
        "berkontribusi/panduan-kolom.md",
    } <= set(rendered)
    assert sum(1 for k in rendered if k.startswith("tema/")) == 12
    assert sum(1 for k in rendered if k.startswith("sasaran/")) == 10
    assert sum(1 for k in rendered if k.startswith("provinsi/")) == 40


def test_generated_pages_have_valid_front_matter(rendered):
    for src, text in rendered.items():
        meta = front_matter(text)
        assert meta["title"] and meta["description"], src
    assert front_matter(rendered["tema/job-fair.md"])["title"] == "Bursa Kerja & Job Fair"
    assert front_matter(rendered["katalog.md"])["lumbung_page"] == "katalog"


def test_the_default_nav_holds_sections_only(rendered):
    nav = pages.default_nav()
    sources = [v for item in nav for v in item.values() if isinstance(v, str)]
    sources += [
        x if isinstance(x, str) else next(iter(x.values()))
        for item in nav
        for v in item.values()
        if isinstance(v, list)
        for x in v
    ]
    assert sorted(sources) == sorted(src for _, src in pages.NAV)
    assert all(src in rendered for src in sources)


def test_practice_card_data(site):
    data = card.practice_card(site, paging.plan(site), site.by_id["palembang-kanvasing-uji"])
    assert data["themes"][0] == {
        "label": "Kunjungan Perusahaan & Job Canvassing",
        "url": "tema/employer-outreach/",
    }
    assert data["regency"] == {"name": "Kota Palembang", "url": "provinsi/sumatera-selatan/#kota-palembang"}
    assert data["authors"] == [
        {
            "name": "Siti Rahmawati",
            "level": "Pengantar Kerja Ahli Muda",
            "url": "kontributor/#k-siti-rahmawati-2",
        }
    ]
    assert data["outcomes"] == [
        {
            "indicator": "Pencari kerja ditempatkan",
            "baseline": "140",
            "value": "1.020",
            "unit": "orang",
            "year": 2025,
        }
    ]
    assert data["replicated_by"] == [
        {
            "title": "Bursa Kerja Desa dari Hasil Kanvasing (uji)",
            "url": "sumatera-selatan/lahat-bursa-desa-uji/",
        }
    ]
    assert data["replicated_from"] is None and data["fate_label"] == ""
    draft = site.library.by_id["banda-aceh-draf-uji"]
    from lumbung.site.catalogue import entry_of

    assert card.practice_card(site, paging.plan(site), entry_of(draft), "draft")["fate_label"] == "Draf"


def test_user_text_is_escaped_in_generated_html(basic_library):
    site = build_site(basic_library)  # entries are new objects: changing one leaves the library as it is
    site.entries[0].title = "Judul <script>alert(1)</script> & lain"
    text = pages.render_pages(site)["katalog.md"]
    assert "<script>" not in text and "Judul &lt;script&gt;alert(1)&lt;/script&gt; &amp; lain" in text


def test_home_notes_sample_practices_only_when_there_are_some(rendered):
    from lumbung.source.loader import Loader
    from support import BASIC

    assert "Praktik contoh" in rendered["index.md"]
    library = Loader(BASIC).load()  # a fresh copy: the shared library stays untouched
    for p in library.practices:
        if p.record is not None:
            p.record = dataclasses.replace(p.record, tags=())
    assert "Praktik contoh" not in pages.render_pages(build_site(library))["index.md"]


@pytest.mark.parametrize("src", sorted(GOLDEN))
def test_generated_page_matches_golden(rendered, src, update_goldens):
    path = EXPECTED / GOLDEN[src]
    if update_goldens:
        path.parent.mkdir(exist_ok=True)
        path.write_text(rendered[src], encoding="utf-8")
    assert rendered[src] == path.read_text(encoding="utf-8")


def test_listings_are_paginated_with_neighbours_and_nothing_lost(site):
    layout = paging.plan(site, paging.Sizes(cards=2, people=3))
    rendered = pages.render_pages(site, pages.Options(), layout)
    first, second = rendered["katalog.md"], rendered["katalog/2.md"]
    assert "katalog/3.md" not in rendered
    assert front_matter(first)["title"] == "Katalog praktik" and "lumbung_prev" not in front_matter(first)
    assert front_matter(first)["lumbung_next"] == "2/"
    assert front_matter(second)["title"] == "Katalog praktik (halaman 2)"
    assert front_matter(second)["lumbung_prev"] == "../" and "lumbung_next" not in front_matter(second)
    assert "3 praktik (menampilkan 1–2)" in first and "3 praktik (menampilkan 3)" in second
    assert '<p class="lp-pager__status">Halaman 2 dari 2</p>' in second
    assert '<a class="lp-pager__step" href="../" rel="prev">‹ Sebelumnya</a>' in second
    assert '<a class="lp-pager__step" href="2/" rel="next">Berikutnya ›</a>' in first
    assert 'data-src="../data.json" data-root="../../"' in second
    for e in site.entries:  # each practice on exactly one page
        assert sum(f'/{e.src[:-3]}/"' in t for t in (first, second)) == 1, e.id
    assert {f"kontributor/{n}.md" for n in (2, 3, 4)} <= set(rendered)
    assert '<nav class="lp-jump" aria-label="Nama menurut huruf awal">' in rendered["kontributor/4.md"]
    assert 'href="../3/#k-siti-rahmawati">S</a>' in rendered["kontributor/4.md"]
