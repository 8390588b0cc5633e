"""What a reader meets around the practices: share tags and images, language marks, the 404 page,
the footer and the labels, checked on a real build of the fixture site plus two practices of its own."""

from __future__ import annotations

import re
import shutil
import struct
from pathlib import Path

import pytest
from htmlq import parse

from support import BASIC, REPO
from support.build import Built, build

pytestmark = pytest.mark.slow

HOSTILE_TITLE = 'Bursa "Kerja" & \'Pojok\' Daring: peserta <50 tahun, "> (uji)'
ENGLISH = "kalimantan-timur/samarinda-english-uji"
HOSTILE = "kalimantan-timur/samarinda-judul-aneh-uji"
PALEMBANG = "sumatera-selatan/palembang-kanvasing-uji"
SITE_URL = "https://contoh.example/lumbung/"

PRACTICE = """---
title: {title}
summary: {summary}
date: 2025-03-02
status: published
language: {language}
themes: [virtual-job-matching]
region:
  province: Kalimantan Timur
  regency: Kota Samarinda
office: Dinas Tenaga Kerja Kota Samarinda
authors:
  - name: Dewi Lestari
---

{body}
"""

BODY = {
    "en": "## Background\n\nText.\n\n## Implementation Steps\n\nText.\n\n## Results\n\nText.\n\n"
    "## Lessons Learned\n\nText.\n",
    "id": "## Latar Belakang\n\nTeks.\n\n## Langkah Pelaksanaan\n\nTeks.\n\n## Hasil\n\nTeks.\n\n"
    "## Pembelajaran\n\nTeks.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("reader")
    shutil.copytree(BASIC / "practices", root / "practices")
    config = (BASIC / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("../../../overrides", (REPO / "overrides").as_posix()), encoding="utf-8"
    )
    folder = root / "practices" / "kalimantan-timur"
    folder.mkdir()
    (folder / "samarinda-english-uji.md").write_text(
        PRACTICE.format(
            title="Virtual Job Matching for Remote Districts (test)",
            summary="Officers match job seekers with employers over video calls.",
            language="en",
            body=BODY["en"],
        ),
        encoding="utf-8",
    )
    (folder / "samarinda-judul-aneh-uji.md").write_text(
        PRACTICE.format(
            title="'" + HOSTILE_TITLE.replace("'", "''") + "'",
            summary="'Ringkasan dengan \"kutip\" & tanda < dan > yang harus tetap teks.'",
            language="id",
            body=BODY["id"],
        ),
        encoding="utf-8",
    )
    built = build(root / "mkdocs.yml", root / "site")
    assert built.error is None, "\n".join(built.messages()) or repr(built.error)
    return built


def metas(html: str) -> dict[str, str]:
    """property/name -> content of the page's <meta> tags."""
    out = {}
    for node in parse(html).find_all("meta"):
        key = node.attrs.get("property") or node.attrs.get("name")
        if key:
            out[key] = node.attrs.get("content", "")
    return out


def every_page(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not p.parent.name.endswith("-lama"))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_every_page_has_open_graph_and_twitter_tags(site):
    pages = every_page(site.site)
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:  # an old address that redirects
            continue
        tags = metas(html)
        for key in (
            "og:title",
            "og:description",
            "og:image",
            "og:image:alt",
            "twitter:card",
        ):
            assert tags.get(key), f"{path}: {key} missing"
        assert tags["og:image"].startswith(SITE_URL + "kartu/"), path
        image = site.site / tags["og:image"][len(SITE_URL) :]
        assert png_size(image) == (800, 420)
        assert image.stat().st_size < 30_000


def test_a_practice_shares_its_own_title_summary_address_and_card(site):
    tags = metas(site.html(PALEMBANG))
    assert tags["og:type"] == "article"
    assert tags["og:title"] == "Kanvasing Terjadwal ke Kawasan Industri (uji) · Lumbung Uji"
    assert tags["og:description"].startswith("Pengantar kerja mengunjungi perusahaan setiap triwulan")
    assert tags["og:url"] == SITE_URL + PALEMBANG + "/"
    assert tags["og:image"] == SITE_URL + "kartu/palembang-kanvasing-uji.png"
    assert tags["twitter:card"] == "summary_large_image"  # Twitter falls back to the og: tags
    home = metas(site.html(""))
    assert home["og:type"] == "website" and home["og:title"] == "Lumbung Uji"
    assert home["og:image"] == SITE_URL + "kartu/situs.png"


def test_share_tags_keep_quotes_and_markup_as_text(site):
    html = site.html(HOSTILE)
    tags = metas(html)
    assert tags["og:title"] == HOSTILE_TITLE + " · Lumbung Uji"
    assert tags["og:description"] == 'Ringkasan dengan "kutip" & tanda < dan > yang harus tetap teks.'
    head = "\n".join(
        line for line in html.split("</head>")[0].splitlines() if "og:" in line or "twitter:" in line
    )
    assert '"> (uji)' not in head and "&#34;&gt; (uji)" in head
    assert "peserta <50" not in head and "peserta &lt;50" in head
    from urllib.parse import parse_qs, urlsplit

    whatsapp = parse(html).find("a", "lp-share__whatsapp").attrs["href"]
    assert parse_qs(urlsplit(whatsapp).query)["text"] == [f"{HOSTILE_TITLE} {SITE_URL}{HOSTILE}/"]


def test_whatsapp_link_carries_the_title_and_address(site):
    from urllib.parse import parse_qs, urlsplit

    link = parse(site.html(PALEMBANG)).find("a", "lp-share__whatsapp").attrs["href"]
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/")
    assert parse_qs(parts.query)["text"] == [
        f"Kanvasing Terjadwal ke Kawasan Industri (uji) {SITE_URL}{PALEMBANG}/"
    ]


def test_english_practice_is_marked_as_english(site):
    doc = parse(site.html(ENGLISH))
    assert doc.find("h1").attrs.get("lang") == "en"
    assert doc.find("div", "lp-body").attrs.get("lang") == "en"
    assert "English" in doc.find("p", "lp-lang-badge").text
    assert metas(site.html(ENGLISH))["og:locale"] == "en_US"
    indonesian = parse(site.html(PALEMBANG))
    assert "lang" not in indonesian.find("h1").attrs and not indonesian.find_all("p", "lp-lang-badge")


def test_not_found_page_is_indonesian_with_ways_back(site):
    doc = parse((site.site / "404.html").read_text(encoding="utf-8"))
    assert doc.find("h1").text == "Halaman tidak ditemukan"
    links = doc.find("article").links() if doc.find_all("article") else doc.links()
    assert links["Katalog: semua praktik, dengan penyaring"] == "/lumbung/katalog/"
    assert links["Tema"] == "/lumbung/tema/"
    assert doc.find("input", id="lp-search-input")
    assert "Not found" not in doc.text


def test_footer_and_landmarks_are_indonesian(site):
    for url in ("", PALEMBANG, "katalog"):
        html = site.html(url)
        assert "Made with" not in html and "Material for MkDocs" not in html
        assert not re.search(r'aria-label="(Header|Footer)"', html)
        doc = parse(html)
        assert doc.find("nav", "md-header__inner").attrs["aria-label"] == "Kepala halaman"


def test_no_link_makes_material_fetch_the_sitemap(site):
    """Material fetches sitemap.xml beside every link[rel=alternate] of a page; the sitemap grows
    with the library. The feed is announced as "alternate feed", which that selector does not match."""
    for path in every_page(site.site):
        doc = parse(path.read_text(encoding="utf-8"))
        assert not [n for n in doc.find_all("link") if n.attrs.get("rel", "").strip().lower() == "alternate"]
    feed = [n for n in parse(site.html("")).find_all("link") if "feed" in n.attrs.get("rel", "")]
    assert feed and feed[0].attrs["href"] == "feed.xml"


def test_feed_marks_english_entries_with_xml_lang(site):
    import xml.etree.ElementTree as ET

    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    feed = ET.fromstring((site.site / "feed.xml").read_bytes())
    assert feed.get(lang) == "id"
    marks = {
        e.find("{http://www.w3.org/2005/Atom}title").text: e.get(lang)
        for e in feed.findall("{http://www.w3.org/2005/Atom}entry")
    }
    assert marks["Virtual Job Matching for Remote Districts (test)"] == "en"
    assert marks["Kanvasing Terjadwal ke Kawasan Industri (uji)"] is None


def test_excel_csv_opens_in_an_indonesian_spreadsheet_and_matches_practices_csv(site):
    import csv
    import io

    raw = (site.site / "praktik-excel.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    standard = list(
        csv.reader(io.StringIO((site.site / "practices.csv").read_text(encoding="utf-8"), newline=""))
    )
    assert rows[0][:4] == ["ID", "Alamat", "Judul", "Ringkasan"] and "Kelompok sasaran" in rows[0]
    assert len(rows) == len(standard) and len(rows[0]) == len(standard[0])
    by_id = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    palembang = by_id["palembang-kanvasing-uji"]
    assert (
        palembang["Tema"] == "Kunjungan Perusahaan & Job Canvassing; Penguatan & Integrasi Data Pasar Kerja"
    )
    assert palembang["Moda layanan"] == "Tatap muka" and palembang["Bahasa"] == "Bahasa Indonesia"
    assert by_id["samarinda-english-uji"]["Bahasa"] == "English"
    hostile = by_id["samarinda-judul-aneh-uji"]
    assert hostile["Judul"] == HOSTILE_TITLE  # quotes, ';' and '<' survive the round trip
    standard_ids = [r[0] for r in standard[1:]]
    assert list(by_id) == standard_ids
    # The same practices, the same order, the same texts where the standard file has no code.
    titles = {r[0]: r[2] for r in standard[1:]}
    assert {k: v["Judul"] for k, v in by_id.items()} == titles


def test_serve_lists_drafts_reviews_and_rejected_files_on_one_page(tmp_path):
    root = tmp_path / "serve"
    shutil.copytree(BASIC / "practices", root / "practices")
    config = (BASIC / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("../../../overrides", (REPO / "overrides").as_posix()), encoding="utf-8"
    )
    broken = root / "practices" / "bali" / "rusak-uji.md"
    broken.write_text("---\ntitle: Praktik yang rusak\nstatus: published\n---\n\nTeks.\n", encoding="utf-8")
    built = build(root / "mkdocs.yml", root / "site", strict=False, serve=True)
    assert built.error is None
    doc = parse(built.html("draf"))
    assert doc.find("h1").text.startswith("Draf dan tinjauan")
    lists = doc.find_all("ul", "lp-drafts")
    assert [list(ul.links().values()) for ul in lists[:2]] == [
        ["../aceh/banda-aceh-draf-uji/"],
        ["../bali/gianyar-tinjauan-uji/"],
    ]
    rejected = lists[2].text
    assert "practices/bali/rusak-uji.md" in rejected and "[E" in rejected
    banner = parse(built.html("aceh/banda-aceh-draf-uji")).find("p", "lp-banner")
    assert banner.links()["Semua draf dan tinjauan"] == "../../draf/"


def test_a_published_site_has_no_drafts_page(site):
    assert not (site.site / "draf").exists()


def test_the_themes_on_a_card_link_to_their_theme_pages(site):
    card = parse(site.html("katalog")).find("article", "lp-card")
    chips = card.find("p", "lp-card__themes").links()
    assert chips and all(href.startswith("../tema/") and href.endswith("/") for href in chips.values())
    for href in chips.values():
        assert (site.site / "katalog" / href / "index.html").resolve().exists()
