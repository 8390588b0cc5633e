"""Site data (lumbung.site.catalogue, charts, opendata, report) on the site-basic library."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from lumbung.site import catalogue, charts, feed, opendata, redirects, report
from lumbung.site.catalogue import build_site
from lumbung.site.urls import href, page_url


@pytest.fixture(scope="module")
def site(basic_library):
    return build_site(basic_library)


@pytest.mark.parametrize(
    ("src", "directory_urls", "url"),
    [
        ("index.md", True, ""),
        ("katalog.md", True, "katalog/"),
        ("tema/index.md", True, "tema/"),
        ("aceh/x.md", True, "aceh/x/"),
        ("aceh/x.md", False, "aceh/x.html"),
        ("index.md", False, "index.html"),
    ],
)
def test_page_url_follows_mkdocs(src, directory_urls, url):
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize(
    ("here", "to", "link"),
    [
        ("index.md", "katalog.md", "katalog/"),
        ("index.md", "index.md", "./"),
        ("katalog.md", "index.md", "../"),
        ("tema/job-fair.md", "sumatera-selatan/x.md", "../../sumatera-selatan/x/"),
        ("provinsi/aceh.md", "provinsi/index.md", "../"),
        ("tema/index.md", "tema/job-fair.md", "job-fair/"),
        ("katalog.md", "practices.json", "../practices.json"),
        ("provinsi/bali.md", "provinsi/bali.md#kota-denpasar", "./#kota-denpasar"),
    ],
)
def test_href_is_relative_between_pages(here, to, link):
    assert href(here, to) == link


def test_href_without_directory_urls():
    assert href("tema/job-fair.md", "sumatera-selatan/x.md", False) == "../sumatera-selatan/x.html"
    assert href("index.md", "katalog.md", False) == "katalog.html"


def test_only_published_practices_are_listed_newest_first(site):
    assert [e.id for e in site.entries] == [
        "lahat-bursa-desa-uji",
        "palembang-kanvasing-uji",
        "banyuwangi-job-fair-uji",
    ]
    lahat = site.by_id["lahat-bursa-desa-uji"]
    assert (lahat.src, lahat.province, lahat.province_slug, lahat.regency, lahat.year) == (
        "sumatera-selatan/lahat-bursa-desa-uji.md",
        "Sumatera Selatan",
        "sumatera-selatan",
        "Kabupaten Lahat",
        2026,
    )


def test_facets_cover_every_vocabulary_value_and_province(site):
    assert len(site.themes) == 11 and [e.id for e in site.themes["job-fair"]] == [
        "lahat-bursa-desa-uji",
        "banyuwangi-job-fair-uji",
    ]
    assert site.themes["migrant-workers"] == []
    assert len(site.target_groups) == 9
    assert len(site.provinces) == 39 and list(site.provinces)[-1] == "nasional"
    assert [e.id for e in site.provinces["sumatera-selatan"]] == [
        "lahat-bursa-desa-uji",
        "palembang-kanvasing-uji",
    ]
    assert list(site.years) == [2025, 2026]
    assert list(catalogue.by_regency(site.provinces["sumatera-selatan"])) == [
        "Kabupaten Lahat",
        "Kota Palembang",
    ]


def test_replicated_by_is_the_reverse_of_replicated_from(site):
    assert site.replicated_by == {"palembang-kanvasing-uji": ["lahat-bursa-desa-uji"]}


def test_related_puts_declared_first_then_computed_published_only(site):
    entries = site.entries
    related = catalogue.related(
        entries,
        {"lahat-bursa-desa-uji": ["palembang-kanvasing-uji", "banda-aceh-draf-uji", "lahat-bursa-desa-uji"]},
    )
    assert related["lahat-bursa-desa-uji"] == ["banyuwangi-job-fair-uji", "palembang-kanvasing-uji"]
    assert catalogue.related(entries, None, limit=0)["lahat-bursa-desa-uji"] == [
        "banyuwangi-job-fair-uji"
    ]  # declared always kept


def test_contributors_by_name_and_office_with_unique_anchors(site):
    people = [(c.name, c.office, c.anchor, [e.id for e in c.entries]) for c in site.contributors]
    assert people == [
        (
            "Ahmad Fauzi Rahman",
            "Dinas Tenaga Kerja Kabupaten Banyuwangi",
            "k-ahmad-fauzi-rahman",
            ["banyuwangi-job-fair-uji"],
        ),
        ("Rudi Hartono", "Dinas Tenaga Kerja Kabupaten Lahat", "k-rudi-hartono", ["lahat-bursa-desa-uji"]),
        (
            "Siti Rahmawati",
            "Dinas Tenaga Kerja Kabupaten Lahat",
            "k-siti-rahmawati",
            ["lahat-bursa-desa-uji"],
        ),
        (
            "Siti Rahmawati",
            "Dinas Tenaga Kerja Kota Palembang",
            "k-siti-rahmawati-2",
            ["palembang-kanvasing-uji"],
        ),
    ]


def test_counts_and_statistics(site):
    assert site.counts() == {"practices": 3, "provinces": 2, "themes": 4, "contributors": 4}
    stats = site.statistics()
    assert stats["province"] == [("Sumatera Selatan", "sumatera-selatan", 2), ("Jawa Timur", "jawa-timur", 1)]
    assert stats["theme"][:2] == [
        ("Bursa Kerja & Job Fair", "job-fair", 2),
        ("Kunjungan Perusahaan & Job Canvassing", "employer-outreach", 2),
    ]
    assert len(stats["theme"]) == 11 and stats["theme"][-1][2] == 0
    assert stats["year"] == [("2025", "2025", 2), ("2026", "2026", 1)]


def test_bar_chart_is_an_accessible_svg():
    svg = charts.bar_chart([("A & B", 4), ("C", 1), ("D", 0)], "Jumlah <praktik>", "c1")
    root = ET.fromstring(svg)
    assert root.attrib["role"] == "img" and "Jumlah <praktik>" in root.attrib["aria-label"]
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Jumlah <praktik>"
    widths = [r.attrib["width"] for r in root.iter(f"{ns}rect")]
    assert widths == ["85.0%", "21.2%", "0.0%"]
    assert [t.text for t in root.iter(f"{ns}text")] == ["A & B", "4", "C", "1", "D", "0"]


def test_open_data_records_and_formats(site):
    rows = opendata.records(site, "https://x.example/")
    assert rows[0]["url"] == "https://x.example/sumatera-selatan/lahat-bursa-desa-uji/"
    assert opendata.records(site)[0]["url"] == "sumatera-selatan/lahat-bursa-desa-uji/"
    assert "email" not in json.dumps(rows)
    doc = json.loads(opendata.to_json(site))
    assert doc["version"] == 1 and doc["count"] == 3
    text = opendata.to_csv(site)
    assert text.splitlines()[0] == ",".join(opendata.CSV_COLUMNS)
    assert len(text.splitlines()) == 4


def test_catalogue_data_splits_each_value_into_chunks_of_the_page_size(site):
    files = opendata.catalogue_data(site, directory_urls=False, size=1)
    index = json.loads(files[opendata.CATALOGUE_DATA])
    assert index["size"] == 1
    job_fair = [json.loads(files[f"katalog/data/tema/job-fair/{n}.json"]) for n in (1, 2)]
    assert [[c[0], c[1]] for chunk in job_fair for c in chunk] == [
        [0, "sumatera-selatan/lahat-bursa-desa-uji.html"],
        [2, "jawa-timur/banyuwangi-job-fair-uji.html"],
    ]
    assert "katalog/data/tema/job-fair/3.json" not in files
    # every practice is in one chunk of each of its values, and nothing else is
    listed = sorted(
        (path.split("/")[2], json.loads(text)[0][0])
        for path, text in files.items()
        if path != opendata.CATALOGUE_DATA
    )
    expected = sorted(
        (key, i)
        for i, row in enumerate(index["practices"])
        for key, found in zip(index["keys"], row, strict=True)
        for _ in found
    )
    assert listed == expected


def test_atom_feed_without_site_url_uses_urn_ids(site):
    root = ET.fromstring(feed.atom_feed(site, "Uji", None, limit=2))
    ns = "{http://www.w3.org/2005/Atom}"
    assert root.find(f"{ns}id").text == "urn:lumbung-praktik:feed"
    ids = [e.find(f"{ns}id").text for e in root.findall(f"{ns}entry")]
    assert ids == [
        "urn:lumbung-praktik:practice:lahat-bursa-desa-uji",
        "urn:lumbung-praktik:practice:palembang-kanvasing-uji",
    ]


def test_build_report_counts_and_reasons(basic_library):
    rep = report.build_report(basic_library)
    assert {k: rep[k] for k in ("files", "published", "draft", "review", "rejected")} == {
        "files": 5,
        "published": 3,
        "draft": 1,
        "review": 1,
        "rejected": 0,
    }
    assert report.fate_summary(rep) == "5 berkas praktik: 3 terbit, 1 draf, 1 dalam tinjauan, 0 ditolak"


def test_redirects_skip_taken_addresses(site):
    assert redirects.pairs(site) == [
        ("sumatera-selatan/palembang-kanvasing-lama.md", "sumatera-selatan/palembang-kanvasing-uji.md"),
        ("palembang-kanvasing-lama.md", "sumatera-selatan/palembang-kanvasing-uji.md"),
    ]
    taken = {"palembang-kanvasing-lama/index.md"}
    assert redirects.pairs(site, taken) == [
        ("sumatera-selatan/palembang-kanvasing-lama.md", "sumatera-selatan/palembang-kanvasing-uji.md"),
    ]


def test_redirect_page_escapes_and_points_at_the_new_address():
    page = redirects.page_html("a/lama.md", "a/baru.md", 'Judul "<b>"', "https://x.example/")
    assert '<meta http-equiv="refresh" content="0; url=../baru/">' in page
    assert '<link rel="canonical" href="https://x.example/a/baru/">' in page
    assert "Judul &quot;&lt;b&gt;&quot;" in page and "<b>" not in page


def test_cover_image_resolves_relative_to_the_practice_file(basic_library):
    from lumbung.site.card import practice_card
    from lumbung.site.paging import plan

    site = build_site(basic_library)
    import dataclasses

    entry = next(iter(site.by_id.values()))
    record = dataclasses.replace(entry.record, cover_image="foto/kegiatan.jpg", cover_alt="Petugas dan HRD")
    entry = dataclasses.replace(entry, record=record)
    folder = entry.src.rsplit("/", 1)[0]
    card = practice_card(site, plan(site), entry)
    assert card["cover"] == {"url": f"{folder}/foto/kegiatan.jpg", "alt": "Petugas dan HRD"}


def test_layout_puts_every_listing_in_bounded_pages_and_knows_where_each_person_is(site):
    from lumbung.site.card import practice_card
    from lumbung.site.paging import Sizes, plan

    layout = plan(site, Sizes(cards=2, people=3))
    assert [[e.id for e in page] for page in layout.catalogue] == [
        ["lahat-bursa-desa-uji", "palembang-kanvasing-uji"],
        ["banyuwangi-job-fair-uji"],
    ]
    assert [len(p) for p in layout.themes["job-fair"]] == [2] and layout.themes["migrant-workers"] == [[]]
    assert [[(p.key.anchor, len(p.items)) for p in page] for page in layout.people] == [
        [("k-ahmad-fauzi-rahman", 1)],
        [("k-rudi-hartono", 1)],
        [("k-siti-rahmawati", 1)],
        [("k-siti-rahmawati-2", 1)],
    ]
    assert layout.person_link("k-siti-rahmawati-2") == "kontributor/4.md#k-siti-rahmawati-2"
    assert layout.person_link("k-ahmad-fauzi-rahman") == "kontributor.md#k-ahmad-fauzi-rahman"
    assert layout.letters() == [
        ("A", "kontributor.md#k-ahmad-fauzi-rahman"),
        ("R", "kontributor/2.md#k-rudi-hartono"),
        ("S", "kontributor/3.md#k-siti-rahmawati"),
    ]
    one = plan(site, Sizes(cards=1))
    assert [[p.key for p in page] for page in one.provinces["sumatera-selatan"]] == [
        ["Kabupaten Lahat"],
        ["Kota Palembang"],
    ]
    assert one.regency_link("sumatera-selatan", "Kota Palembang") == (
        "provinsi/sumatera-selatan/2.md#kota-palembang"
    )
    card = practice_card(site, one, site.by_id["palembang-kanvasing-uji"])
    assert card["regency"]["url"] == "provinsi/sumatera-selatan/2/#kota-palembang"
    card = practice_card(site, layout, site.by_id["palembang-kanvasing-uji"])
    assert card["authors"][0]["url"] == "kontributor/4/#k-siti-rahmawati-2"
