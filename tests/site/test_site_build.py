"""A real `mkdocs build --strict` of tests/fixtures/site-basic, asserted on the generated site."""

from __future__ import annotations

import csv
import io
import json
import logging
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from htmlq import parse

from support import BASIC, INVALID, REPO
from support.build import build

pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"
PALEMBANG = "sumatera-selatan/palembang-kanvasing-uji"
LAHAT = "sumatera-selatan/lahat-bursa-desa-uji"
BANYUWANGI = "jawa-timur/banyuwangi-job-fair-uji"
DRAFT = "aceh/banda-aceh-draf-uji"
REVIEW = "bali/gianyar-tinjauan-uji"


def card(built, url):
    return parse(built.html(url)).find("section", "lp-meta")


# -- fates, report and log ------------------------------------------------------------------------


def test_build_report_accounts_for_every_file_on_disk(basic_site):
    report = json.loads((basic_site.site / "laporan-build.json").read_text(encoding="utf-8"))
    on_disk = sorted(p.relative_to(BASIC).as_posix() for p in (BASIC / "practices").rglob("*.md"))
    assert sorted(row["path"] for row in report["practices"]) == on_disk
    assert report["files"] == len(on_disk) == 5
    assert (report["published"], report["draft"], report["review"], report["rejected"]) == (3, 1, 1, 0)
    assert report["published"] + report["draft"] + report["review"] + report["rejected"] == report["files"]
    fates = {row["id"]: (row["fate"], row["reasons"]) for row in report["practices"]}
    assert fates["banda-aceh-draf-uji"] == (
        "draft",
        ["status: draft; tidak diterbitkan sampai statusnya published"],
    )
    assert fates["gianyar-tinjauan-uji"][0] == "review"
    assert fates["lahat-bursa-desa-uji"] == ("published", [])


def test_build_log_names_every_unpublished_file_and_the_counts(basic_site):
    log = basic_site.messages()
    draft = "status: draft; tidak diterbitkan sampai statusnya published"
    assert f"lumbung: practices/aceh/banda-aceh-draf-uji.md: draf ({draft})" in log
    assert any(m.startswith("lumbung: practices/bali/gianyar-tinjauan-uji.md: dalam tinjauan") for m in log)
    counts = "5 berkas praktik: 3 terbit, 1 draf, 1 dalam tinjauan, 0 ditolak"
    assert f"lumbung: {counts}; laporan: laporan-build.json" in log
    assert not basic_site.messages(logging.WARNING)


def test_drafts_and_reviews_are_not_built_or_listed(basic_site):
    for url in (DRAFT, REVIEW):
        assert not (basic_site.site / url).exists()
    for page in ("", "katalog", "provinsi/aceh", "tema/career-guidance", "kontributor"):
        html = basic_site.html(page)
        assert "banda-aceh-draf-uji" not in html and "gianyar-tinjauan-uji" not in html
    assert "draf-uji" not in (basic_site.site / "practices.json").read_text(encoding="utf-8")
    assert "draf-uji" not in (basic_site.site / "sitemap.xml").read_text(encoding="utf-8")


def test_nothing_is_written_into_the_practices_folder(basic_site):
    files = sorted(p.relative_to(BASIC / "practices").as_posix() for p in (BASIC / "practices").rglob("*"))
    assert [f for f in files if f.endswith(".md")] == [
        "aceh/banda-aceh-draf-uji.md",
        "bali/gianyar-tinjauan-uji.md",
        "jawa-timur/banyuwangi-job-fair-uji.md",
        "sumatera-selatan/lahat-bursa-desa-uji.md",
        "sumatera-selatan/palembang-kanvasing-uji.md",
    ]


# -- the practice page ------------------------------------------------------------------------------


def test_practice_card_shows_the_key_facts_with_links(basic_site):
    doc = parse(basic_site.html(PALEMBANG))
    assert doc.find("h1").text == "Kanvasing Terjadwal ke Kawasan Industri (uji)"
    meta = doc.find("section", "lp-meta")
    chips = {a.text: a.attrs["href"] for a in meta.find("ul", "lp-chips").find_all("a")}
    assert chips == {
        "Kunjungan Perusahaan & Job Canvassing": "../../tema/employer-outreach/",
        "Penguatan & Integrasi Data Pasar Kerja": "../../tema/labour-market-data/",
    }
    facts = {
        div.find("dt").text: div.find("dd")
        for div in meta.find("dl").children
        if getattr(div, "tag", "") == "div"
    }
    assert facts["Wilayah"].links() == {
        "Sumatera Selatan": "../../provinsi/sumatera-selatan/",
        "Kota Palembang": "../../provinsi/sumatera-selatan/#kota-palembang",
    }
    assert facts["Instansi"].text == "Dinas Tenaga Kerja Kota Palembang"
    assert facts["Periode"].text == "Januari 2024 – sekarang (berjalan)"
    assert facts["Moda layanan"].text == "Tatap muka"
    assert facts["Kelompok sasaran"].links() == {
        "Umum": "../../sasaran/general/",
        "Pemuda & Lulusan Baru": "../../sasaran/youth/",
    }
    assert facts["Mitra"].text == "Himpunan Kawasan Industri Kertapati (Asosiasi)"
    assert facts["Penulis"].text == "Siti Rahmawati (Pengantar Kerja Ahli Muda)"
    assert facts["Penulis"].links()["Siti Rahmawati"].startswith("../../kontributor/#k-siti-rahmawati")
    assert facts["Tingkat bukti"].text == "Data pemantauan"
    assert facts["Terakhir ditinjau"].text == "15 Januari 2026"
    row = meta.find("div", "lp-outcomes").find("tbody").find("tr")
    assert [c.text for c in row.children if getattr(c, "tag", "") in ("th", "td")] == [
        "Pencari kerja ditempatkan",
        "140 orang",
        "1.020 orang",
        "2025",
    ]
    replication = meta.find("div", "lp-meta__replication")
    assert "Upaya Sedang" in replication.text and "Daftar perusahaan aktif" in replication.text
    assert replication.links() == {"Bursa Kerja Desa dari Hasil Kanvasing (uji)": "../lahat-bursa-desa-uji/"}
    assert "Direplikasi oleh" in replication.text


def test_practice_page_links_replication_related_tags_and_source(basic_site):
    doc = parse(basic_site.html(LAHAT))
    replication = doc.find("div", "lp-meta__replication")
    assert "Direplikasi dari" in replication.text
    assert replication.links() == {
        "Kanvasing Terjadwal ke Kawasan Industri (uji)": "../palembang-kanvasing-uji/"
    }
    footer = doc.find("footer", "lp-practice-footer")
    related = footer.find("nav", "lp-related")
    assert related.links() == {  # the one it declares, then the computed one
        "Job Fair Hibrida dengan Pra-Seleksi Daring (uji)": "../../jawa-timur/banyuwangi-job-fair-uji/",
        "Kanvasing Terjadwal ke Kawasan Industri (uji)": "../palembang-kanvasing-uji/",
    }
    assert [s.text for s in footer.find_all("span", "lp-chip")] == ["contoh"]
    edit = footer.find("p", "lp-edit").find("a")
    assert edit.text == "Sunting praktik ini"
    assert (
        edit.attrs["href"]
        == "https://github.com/contoh/lumbung-uji/edit/main/practices/sumatera-selatan/lahat-bursa-desa-uji.md"
    )
    assert (
        doc.find("meta", name="description")
        .attrs["content"]
        .startswith("Dinas Tenaga Kerja Kabupaten Lahat meniru")
    )
    assert doc.find("script", src="../../assets/practice.js")


def test_practice_pages_do_not_embed_the_library_in_the_nav(basic_site):
    doc = parse(basic_site.html(BANYUWANGI))
    nav = doc.find("nav", "md-nav--primary")
    hrefs = [a.attrs["href"] for a in nav.find_all("a", "md-nav__link")]
    assert not any("-uji" in h for h in hrefs)
    labels = [a.text for a in nav.find_all("a", "md-nav__link")]
    for section in (
        "Beranda",
        "Katalog",
        "Tema",
        "Provinsi",
        "Kelompok sasaran",
        "Kontributor",
        "Statistik",
        "Panduan kolom",
    ):
        assert section in labels
    assert len((basic_site.site / BANYUWANGI / "index.html").read_bytes()) < 40_000


# -- generated pages --------------------------------------------------------------------------------


def test_catalogue_lists_published_practices_with_filters_over_its_data(basic_site):
    doc = parse(basic_site.html("katalog"))
    cards = doc.find("div", id="lp-catalogue").find_all("article", "lp-card")
    assert [c.find("a").attrs["href"] for c in cards] == [  # newest first
        "../sumatera-selatan/lahat-bursa-desa-uji/",
        "../sumatera-selatan/palembang-kanvasing-uji/",
        "../jawa-timur/banyuwangi-job-fair-uji/",
    ]
    lahat = cards[0]
    assert "Sumatera Selatan · Kabupaten Lahat · 2026" in lahat.find("p", "lp-card__meta").text
    assert lahat.find("p", "lp-card__summary").text.startswith("Dinas Tenaga Kerja Kabupaten Lahat")
    form = doc.find("form", id="lp-filter")
    # Without JavaScript (html.no-js) the box is not shown: the page is the list and its pager.
    assert "lp-filter-box" in doc.find("div", id="lp-filter-box").classes
    toggle = doc.find("button", id="lp-filter-toggle")
    assert (toggle.attrs["aria-expanded"], toggle.attrs["aria-controls"]) == ("false", "lp-filter")
    assert (form.attrs["data-src"], form.attrs["data-root"], form.attrs["data-size"]) == (
        "data.json",
        "../",
        "50",
    )
    selects = {
        s.attrs["name"]: [o.attrs["value"] for o in s.find_all("option")] for s in form.find_all("select")
    }
    assert selects == {
        "tema": ["", "employer-outreach", "digital-service", "labour-market-data", "job-fair"],
        "provinsi": ["", "sumatera-selatan", "jawa-timur"],
        "sasaran": ["", "youth", "women", "rural-job-seekers", "general"],
        "tahun": ["", "2026", "2025"],
        "urut": ["", "judul", "provinsi", "diterapkan"],
    }
    for s in form.find_all("select"):
        assert form.find("label", **{"for": s.attrs["id"]}).text
    count = doc.find("p", id="lp-count")
    assert (count.attrs["aria-live"], count.text) == ("polite", "3 praktik")
    assert not doc.find_all("nav", "lp-pager") and not (basic_site.site / "katalog" / "2").exists()
    assert doc.find("script", src="../assets/catalogue.js")
    assert not doc.find_all("a", rel="edit")  # a generated page has no source file to edit


def test_catalogue_index_holds_filter_values_and_no_text(basic_site):
    data = json.loads((basic_site.site / "katalog" / "data.json").read_text(encoding="utf-8"))
    assert data["keys"] == ["tema", "provinsi", "sasaran", "tahun"]
    assert (data["count"], len(data["practices"]), data["size"]) == (3, 3, 50)
    values = data["values"]
    lahat = {
        key: [values[key][n] for n in found]
        for key, found in zip(data["keys"], data["practices"][0], strict=True)
    }
    assert lahat == {
        "tema": ["job-fair", "employer-outreach"],
        "provinsi": ["sumatera-selatan"],
        "sasaran": ["rural-job-seekers"],
        "tahun": ["2026"],
    }
    assert data["provinces"]["sumatera-selatan"] == "Sumatera Selatan"
    assert data["themes"]["job-fair"] == "Bursa Kerja & Job Fair"
    assert "Lahat" not in json.dumps(data)  # titles, places and summaries live in the chunks
    # Bursa Kerja Desa (0), Job Fair Hibrida (2), Kanvasing Terjadwal (1): title order, as positions.
    assert data["titleOrder"] == [0, 2, 1]


def test_catalogue_chunks_hold_each_value_s_cards_in_catalogue_order(basic_site):
    folder = basic_site.site / "katalog" / "data"
    chunk = json.loads((folder / "tema" / "job-fair" / "1.json").read_text(encoding="utf-8"))
    assert chunk == [
        [
            0,
            "sumatera-selatan/lahat-bursa-desa-uji/",
            "Bursa Kerja Desa dari Hasil Kanvasing (uji)",
            "Dinas Tenaga Kerja Kabupaten Lahat meniru kanvasing Palembang untuk menggelar bursa kerja "
            "di balai desa dekat lokasi tambang dan perkebunan.",
            "Kabupaten Lahat",
            "2026-02-10",
        ],
        [
            2,
            "jawa-timur/banyuwangi-job-fair-uji/",
            "Job Fair Hibrida dengan Pra-Seleksi Daring (uji)",
            chunk[1][3],
            "Kabupaten Banyuwangi",
            chunk[1][5],
        ],
    ]
    index = json.loads((basic_site.site / "katalog" / "data.json").read_text(encoding="utf-8"))
    # every value of every filter has its chunks, and each chunk lists exactly the practices with it
    for k, key in enumerate(index["keys"]):
        for n, value in enumerate(index["values"][key]):
            holders = [i for i, row in enumerate(index["practices"]) if n in row[k]]
            listed = json.loads((folder / key / value / "1.json").read_text(encoding="utf-8"))
            assert [c[0] for c in listed] == holders, (key, value)
    assert "email" not in "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.json"))


def test_theme_and_target_group_pages_list_their_practices(basic_site):
    job_fair = parse(basic_site.html("tema/job-fair")).find("article", "md-content__inner")
    assert job_fair.find("h1").text == "Bursa Kerja & Job Fair"
    titles = [a.text for a in job_fair.find_all("h2", "lp-card__title")]
    assert titles == [
        "Bursa Kerja Desa dari Hasil Kanvasing (uji)",
        "Job Fair Hibrida dengan Pra-Seleksi Daring (uji)",
    ]
    empty = parse(basic_site.html("tema/migrant-workers")).find("p", "lp-empty")
    assert "Belum ada praktik" in empty.text
    tiles = parse(basic_site.html("tema")).find("ul", "lp-tiles").find_all("a")
    assert len(tiles) == 11
    youth = parse(basic_site.html("sasaran/youth")).find_all("h2", "lp-card__title")
    assert len(youth) == 2


def test_province_pages_group_by_regency_and_show_the_coverage_gap(basic_site):
    doc = parse(basic_site.html("provinsi/sumatera-selatan"))
    headings = [h.attrs.get("id") for h in doc.find("article", "md-content__inner").find_all("h2")]
    # the regencies, then what offices of the province adopted (here a write-up with replicated_from)
    assert headings == ["kabupaten-lahat", "kota-palembang", "praktik-yang-diterapkan-di-sini"]
    index = parse(basic_site.html("provinsi"))
    rows = index.find("div", "lp-provinces").find("tbody").find_all("tr")
    assert len(rows) == 39  # 38 provinces and Nasional
    by_name = {r.find("th").text: r.find("td").text for r in rows}
    assert (
        by_name["Sumatera Selatan"] == "2"
        and by_name["Aceh"] == "belum ada"
        and by_name["Papua Pegunungan"] == "belum ada"
    )
    assert "2 dari 38 provinsi" in index.find("p", "lp-lead").text


def test_contributors_are_grouped_by_name_and_office(basic_site):
    people = parse(basic_site.html("kontributor")).find_all("section", "lp-person")
    names = [(p.find("h2").text, p.find("p", "lp-person__meta").text) for p in people]
    assert (
        "Siti Rahmawati",
        "Pengantar Kerja Ahli Muda · Dinas Tenaga Kerja Kota Palembang · siti@example.go.id · 1 praktik",
    ) in names
    assert (
        "Siti Rahmawati",
        "Pengantar Kerja Ahli Muda · Dinas Tenaga Kerja Kabupaten Lahat · 1 praktik",
    ) in names
    assert len({p.attrs["id"] for p in people}) == len(people) == 4


def test_statistics_are_svg_charts_with_tables(basic_site):
    doc = parse(basic_site.html("statistik"))
    charts = doc.find_all("svg", "lp-chart")
    assert len(charts) == 4
    for chart in charts:
        assert chart.attrs["aria-label"] and chart.find("title").text
    # Province, theme and target-group bars link to their pages; years have no page.
    assert [c.attrs["role"] for c in charts] == ["group", "group", "group", "img"]
    assert {a.attrs["href"] for a in charts[0].find_all("a")} == {
        "../provinsi/sumatera-selatan/",
        "../provinsi/jawa-timur/",
    }
    assert {a.attrs["href"] for a in charts[1].find_all("a")} >= {
        "../tema/job-fair/",
        "../tema/employer-outreach/",
    }
    tables = [d.find("table") for d in doc.find_all("details", "lp-data")]
    assert len(tables) == 5  # the map's 38 provinces, then one per chart
    year_rows = [
        [c.text for c in r.children if getattr(c, "tag", "") in ("th", "td")]
        for r in tables[4].find("tbody").find_all("tr")
    ]
    assert year_rows == [["2025", "2"], ["2026", "1"]]
    assert len(charts[3].find_all("rect")) == 2


def test_statistics_map_links_every_province_and_marks_the_empty_ones(basic_site):
    doc = parse(basic_site.html("statistik"))
    svg = doc.find("svg", "lp-map")
    tiles = svg.find_all("a")
    assert len(tiles) == 38
    labels = {a.find("title").text: a.attrs["href"] for a in tiles}
    assert labels["Sumatera Selatan: 2 praktik"] == "../provinsi/sumatera-selatan/"
    assert labels["Aceh: belum ada praktik"] == "../provinsi/aceh/"
    hatched = [r for r in svg.find_all("rect") if r.attrs.get("fill") == "url(#lp-map-none)"]
    assert len(hatched) == 36
    rows = doc.find_all("details", "lp-data")[0].find("tbody").find_all("tr")
    assert len(rows) == 38
    assert "36 dari 38 provinsi" in doc.find("figure", "lp-figure--map").find("figcaption").text


def test_statistics_sum_outcomes_by_kind_with_a_note(basic_site):
    doc = parse(basic_site.html("statistik"))
    assert "bukan data resmi" in doc.find("p", "lp-note").text
    totals = doc.find_all("table", "lp-totals")
    assert len(totals) == 3  # the library, per theme, per province
    first = [
        [c.text for c in r.children if getattr(c, "tag", "") in ("th", "td")]
        for r in totals[0].find_all("tr")
    ]
    assert first == [["Indikator", "Jumlah", "Dari praktik"], ["Penempatan tenaga kerja", "1.020", "1"]]
    province = totals[2].find("tbody").find_all("tr")
    assert [r.find("th").links() for r in province] == [{"Sumatera Selatan": "../provinsi/sumatera-selatan/"}]


def test_home_has_counts_newest_theme_tiles_and_open_data_links(basic_site):
    doc = parse(basic_site.html(""))
    assert [li.text for li in doc.find("ul", "lp-stats").find_all("li")] == [
        "3 praktik",
        "2 provinsi",
        "4 tema",
        "4 kontributor",
    ]
    assert "contoh" in doc.find("div", "admonition").text
    assert len(doc.find("div", "lp-cards").find_all("article")) == 3
    assert len(doc.find("ul", "lp-tiles").find_all("a")) == 11
    links = doc.find("article", "md-content__inner").links()
    assert links["practices.json"] == "practices.json" and links["practices.csv"] == "practices.csv"
    assert links["Cara berkontribusi"] == "berkontribusi/"
    alternate = doc.find("link", rel="alternate feed", type="application/atom+xml")
    assert alternate.attrs["href"] == "feed.xml"


def test_the_contribute_page_leads_with_the_form(basic_site):
    doc = parse(basic_site.html("berkontribusi"))
    content = doc.find("article", "md-content__inner")
    button = content.find("a", "md-button--primary")
    assert button.text == "Isi formulir Praktik baru"
    assert (
        button.attrs["href"] == "https://github.com/contoh/lumbung-uji/issues/new?template=praktik-baru.yml"
    )
    headings = [h.text.rstrip("¶") for h in content.find_all("h2")]
    assert headings[:4] == [
        "Sebelum mulai",
        "1. Lewat formulir (dianjurkan)",
        "2. Lewat editor web GitHub",
        "3. Di komputer sendiri (git)",
    ]


def test_every_practice_page_offers_a_prefilled_change_form(basic_site):
    doc = parse(basic_site.html("jawa-timur/banyuwangi-job-fair-uji"))
    link = next(a for a in doc.find_all("a") if a.text == "Usulkan perubahan")
    assert link.attrs["href"].startswith(
        "https://github.com/contoh/lumbung-uji/issues/new?template=praktik-baru.yml&"
    )
    assert "&praktik-diubah=banyuwangi-job-fair-uji" in link.attrs["href"]


def test_field_reference_page_is_generated_from_the_schema(basic_site):
    doc = parse(basic_site.html("berkontribusi/panduan-kolom"))
    first_cells = [r.find("td").text for r in doc.find("table").find("tbody").find_all("tr")]
    assert (
        "title" in first_cells and "region.province" in first_cells and "outcomes[].baseline" in first_cells
    )
    status = next(r for r in doc.find("table").find("tbody").find_all("tr") if r.find("td").text == "status")
    assert "draft | review | published" in status.text  # the escaped pipes stay in their cell


# -- redirects, feed and open data ------------------------------------------------------------------


def test_old_ids_redirect_to_the_renamed_practice(basic_site):
    for url, target in (
        ("sumatera-selatan/palembang-kanvasing-lama", "../palembang-kanvasing-uji/"),
        ("palembang-kanvasing-lama", "../sumatera-selatan/palembang-kanvasing-uji/"),
    ):
        doc = parse(basic_site.html(url))
        assert doc.find("meta", http_equiv="refresh").attrs["content"] == f"0; url={target}"
        assert (
            doc.find("link", rel="canonical").attrs["href"]
            == "https://contoh.example/lumbung/sumatera-selatan/palembang-kanvasing-uji/"
        )
        assert doc.find("a").attrs["href"] == target


def test_feed_is_atom_with_the_newest_practices(basic_site):
    root = ET.parse(basic_site.site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text == "Lumbung Uji"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}id").text for e in entries] == [
        "https://contoh.example/lumbung/sumatera-selatan/lahat-bursa-desa-uji/",
        "https://contoh.example/lumbung/sumatera-selatan/palembang-kanvasing-uji/",
        "https://contoh.example/lumbung/jawa-timur/banyuwangi-job-fair-uji/",
    ]
    first = entries[0]
    assert first.find(f"{ATOM}updated").text == "2026-02-10T00:00:00Z"
    assert [a.find(f"{ATOM}name").text for a in first.findall(f"{ATOM}author")] == [
        "Rudi Hartono",
        "Siti Rahmawati",
    ]
    assert root.find(f"{ATOM}updated").text == "2026-02-10T00:00:00Z"


def test_practices_json_and_csv_hold_the_published_metadata(basic_site):
    data = json.loads((basic_site.site / "practices.json").read_text(encoding="utf-8"))
    assert data["count"] == 3 and [p["id"] for p in data["practices"]][0] == "lahat-bursa-desa-uji"
    palembang = next(p for p in data["practices"] if p["id"] == "palembang-kanvasing-uji")
    assert palembang["url"] == "https://contoh.example/lumbung/sumatera-selatan/palembang-kanvasing-uji/"
    assert palembang["outcomes"] == [
        {
            "indicator": "Pencari kerja ditempatkan",
            "kind": "placements",
            "value": 1020,
            "unit": "orang",
            "baseline": 140,
            "year": 2025,
        }
    ]
    assert palembang["authors"] == [
        {"name": "Siti Rahmawati", "level": "ahli-muda"}
    ]  # no e-mail in bulk data
    assert data["vocabularies"]["themes"]["job-fair"] == "Bursa Kerja & Job Fair"
    raw = (basic_site.site / "practices.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert [r["id"] for r in rows] == [p["id"] for p in data["practices"]]
    assert rows[1]["themes"] == "employer-outreach; labour-market-data"
    assert rows[1]["outcomes"] == "Pencari kerja ditempatkan: 140 -> 1020 orang (2025)"
    assert rows[1]["period_end"] == "berjalan"


# -- failures, warnings and serve -------------------------------------------------------------------


def test_an_invalid_practice_fails_the_build_with_the_validator_text(tmp_path, cli):
    built = build(INVALID / "mkdocs.yml", tmp_path / "site", strict=False)
    assert built.error is not None
    expected = cli("validate", str(INVALID / "practices"))
    assert expected.rc == 1
    lines = expected.out.strip().split("\n")
    diagnostic, summary = "\n".join(lines[:-1]), lines[-1]
    errors = built.messages(logging.ERROR)
    assert f"lumbung: {diagnostic}" in errors
    assert f"lumbung: {summary}" in errors
    assert "tema 'employer-outreaches' tidak dikenal [E203]" in diagnostic
    report = json.loads((tmp_path / "site" / "laporan-build.json").read_text(encoding="utf-8"))
    assert report["rejected"] == 1 and "E203" in report["practices"][0]["reasons"][0]


def _copy_site(src: Path, dest: Path) -> Path:
    import shutil

    shutil.copytree(src / "practices", dest / "practices")
    text = (src / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("../../../overrides", (REPO / "overrides").as_posix())
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    return dest / "mkdocs.yml"


def test_warnings_fail_a_strict_build(tmp_path):
    config = _copy_site(BASIC, tmp_path)
    practice = tmp_path / "practices" / "jawa-timur" / "banyuwangi-job-fair-uji.md"
    text = practice.read_text(encoding="utf-8").replace(
        "tags: [hibrida]", "related: [banda-aceh-draf-uji]\ntags: [hibrida]"
    )
    practice.write_text(text, encoding="utf-8")
    built = build(config, tmp_path / "site", strict=True)
    assert built.error is not None
    assert any("[W406]" in m for m in built.messages(logging.WARNING))
    relaxed = build(config, tmp_path / "site2", strict=False)
    assert relaxed.error is None
    html = relaxed.html(BANYUWANGI)
    assert "banda-aceh-draf-uji" not in html  # a link to an unpublished practice is left out


def test_serve_previews_drafts_with_a_banner_and_skips_feeds(tmp_path):
    built = build(BASIC / "mkdocs.yml", tmp_path / "site", strict=False, serve=True)
    assert built.error is None
    draft = parse(built.html(DRAFT))
    assert draft.find("p", "lp-banner").find("strong").text == "Draf"
    assert parse(built.html(REVIEW)).find("p", "lp-banner").find("strong").text == "Dalam tinjauan"
    assert "banda-aceh-draf-uji" not in built.html("katalog")
    assert (
        not (tmp_path / "site" / "feed.xml").exists() and not (tmp_path / "site" / "practices.json").exists()
    )
    assert (tmp_path / "site" / "laporan-build.json").exists()


def test_mkdocs_does_not_parse_a_practice_header_again_and_the_site_is_the_same(
    basic_site, basic_library, tmp_path, monkeypatch
):
    """The plugin hands MkDocs the loader's front matter instead of a second YAML parse of each practice.
    MkDocs' own parse must give the same meta and the same pages, byte for byte."""
    import mkdocs.utils.meta

    from lumbung.plugin import LumbungPlugin

    parsed: list[str] = []  # the sources whose header MkDocs parses
    get_data = mkdocs.utils.meta.get_data
    monkeypatch.setattr(mkdocs.utils.meta, "get_data", lambda doc: parsed.append(doc) or get_data(doc))
    again = build(BASIC / "mkdocs.yml", tmp_path / "again")
    assert again.error is None
    published = {p.relpath.removeprefix("practices/"): p for p in basic_library.published()}
    headers = [(BASIC / p.relpath).read_text(encoding="utf-8").split("---")[1] for p in published.values()]
    assert len(headers) == 3 and parsed
    assert not [h for h in headers if any(h.strip() in text for text in parsed)]

    # MkDocs parsing the headers itself: the meta it finds is the loader's, and the pages do not change.
    monkeypatch.setattr(LumbungPlugin, "on_page_read_source", lambda self, *, page, config: None)
    own_meta: dict[str, dict] = {}
    on_page_markdown = LumbungPlugin.on_page_markdown

    def record(self, markdown, *, page, config, files):
        own_meta[page.file.src_uri] = dict(page.meta)
        return on_page_markdown(self, markdown, page=page, config=config, files=files)

    monkeypatch.setattr(LumbungPlugin, "on_page_markdown", record)
    parsed.clear()
    own = build(BASIC / "mkdocs.yml", tmp_path / "own")
    assert own.error is None
    assert all(any(h.strip() in text for text in parsed) for h in headers)
    assert {src: own_meta[src] for src in published} == {src: p.meta for src, p in published.items()}
    assert_same_pages(basic_site.site, own.site)


def test_pages_outside_the_nav_share_one_rendering_of_it_and_are_the_same(basic_site, tmp_path, monkeypatch):
    """The nav is rendered once per set of links for the pages outside it (overrides/partials/nav.html);
    the pages must be byte for byte those that Material renders page by page."""
    from lumbung import plugin

    calls: list[tuple] = []
    cached = plugin.LumbungPlugin._cached_nav
    monkeypatch.setattr(
        plugin.LumbungPlugin,
        "_cached_nav",
        lambda self, key, caller: calls.append(key) or cached(self, key, caller),
    )
    again = build(BASIC / "mkdocs.yml", tmp_path / "again")
    assert again.error is None
    assert len(calls) > len(set(calls)) >= 2  # shared, and not one nav for every page

    monkeypatch.setattr(plugin, "_nav_key", lambda page, nav: None)  # every page renders its own
    own = build(BASIC / "mkdocs.yml", tmp_path / "own")
    assert own.error is None
    assert_same_pages(basic_site.site, own.site)


def assert_same_pages(one: Path, other: Path) -> None:
    """Two built sites have the same HTML pages, byte for byte."""
    pages = sorted(p.relative_to(other) for p in other.rglob("*.html"))
    assert pages == sorted(p.relative_to(one) for p in one.rglob("*.html"))
    for page in pages:
        assert (one / page).read_bytes() == (other / page).read_bytes(), page
