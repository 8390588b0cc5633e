"""Replication reports through the core: adoptions, the practice card, the generated pages, open
data, the feed, search and the build report, on the sample library and on tiny made-up libraries."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from lumbung.authoring.artefacts import json_schema
from lumbung.model import REPLICATION
from lumbung.rules.schema import schema
from lumbung.site import card, feed, opendata, paging, report
from lumbung.site.catalogue import build_site
from lumbung.site.pages import render_pages
from lumbung.source.loader import load_library
from support import REPO

PALEMBANG = "palembang-job-canvassing"


@pytest.fixture(scope="module")
def site():
    return build_site(load_library(REPO))


def test_palembang_was_adopted_in_three_places_newest_first(site):
    items = site.adoptions[PALEMBANG]
    assert [(a.place, a.via) for a in items] == [
        ("Kota Dumai", "report"),
        ("Kota Jambi", "report"),
        ("Kabupaten Lahat", "write-up"),  # a whole practice with replicated_from counts too
    ]
    assert site.adoption_count(PALEMBANG) == 3
    assert site.most_adopted(2)[0] == (site.by_id[PALEMBANG], 3)


def test_the_card_lists_each_office_with_its_province_page(site):
    shown = card.practice_card(site, paging.plan(site), site.by_id[PALEMBANG])["adoptions"]
    assert shown["places"] == 3
    first = shown["entries"][0]
    assert (first["office"], first["regency"], first["province"]) == (
        "Dinas Tenaga Kerja Kota Dumai",
        "Kota Dumai",
        {"name": "Riau", "url": "provinsi/riau/"},
    )
    assert first["since"] == "Oktober 2025" and first["date"] == "3 Juni 2026"
    assert first["adaptations"].startswith("Kunjungan difokuskan ke perusahaan pelabuhan")
    assert shown["entries"][2]["write_up"] == {
        "title": site.by_id["lahat-bursa-kerja-desa"].title,
        "url": "sumatera-selatan/lahat-bursa-kerja-desa/",
    }
    assert "praktik=palembang-job-canvassing" in shown["form_query"]


def test_pages_show_where_practices_spread(site):
    pages = render_pages(site)
    jambi = pages["provinsi/jambi.md"]
    assert "## Praktik yang diterapkan di sini" in jambi
    assert (
        '<a href="../../sumatera-selatan/palembang-job-canvassing/#diterapkan-kota-jambi-job-canvassing">'
        in jambi
    )
    stats = pages["statistik.md"]
    assert "## Praktik yang paling banyak diterapkan" in stats
    assert (
        "Job Canvassing Terjadwal ke Kawasan Industri Kertapati</a></th><td>Kota Palembang</td><td>3</td>"
        in stats
    )
    assert '<th scope="row"><a href="../provinsi/jambi/">Jambi</a></th><td>1</td>' in stats
    home = pages["index.md"]
    assert "## Paling banyak diterapkan" in home and "diterapkan di 3 daerah" in home
    # a province without adoptions says nothing about them
    assert "Praktik yang diterapkan di sini" not in pages["provinsi/aceh.md"]


def test_open_data_counts_adoptions_and_lists_the_reports(site):
    data = json.loads(opendata.to_json(site, "https://contoh.example/"))
    by_id = {p["id"]: p for p in data["practices"]}
    assert (
        by_id[PALEMBANG]["adoptions"] == 3 and by_id["semarang-pelatihan-berbasis-pesanan"]["adoptions"] == 0
    )
    assert data["replication_count"] == len(data["replications"]) == 7
    dumai = next(r for r in data["replications"] if r["id"] == "dumai-job-canvassing")
    assert dumai["practice_url"] == "https://contoh.example/sumatera-selatan/palembang-job-canvassing/"
    assert "email" not in json.dumps(dumai)
    rows = list(csv.DictReader(io.StringIO(opendata.to_csv(site))))
    assert {r["id"]: r["adoptions"] for r in rows}[PALEMBANG] == "3"
    reports = list(csv.DictReader(io.StringIO(opendata.to_replications_csv(site))))
    assert len(reports) == 7 and {r["via"] for r in reports} == {"report", "write-up"}


def test_feed_announces_new_reports_on_the_practice_page(site):
    atom = feed.atom_feed(site, "Lumbung Praktik", "https://contoh.example/", limit=40)
    assert (
        "<title>Diterapkan di Kota Dumai: Job Canvassing Terjadwal ke Kawasan Industri Kertapati</title>"
        in atom
    )
    assert (
        'href="https://contoh.example/sumatera-selatan/palembang-job-canvassing/#diterapkan-dumai-job-canvassing"'
        in atom
    )
    assert atom.count('<category term="replikasi" label="Laporan replikasi" />') == 6
    newest = feed.atom_feed(site, "Lumbung Praktik", "https://contoh.example/", limit=1)
    assert "Diterapkan di Kabupaten Gowa" in newest  # the newest item of the library is a report


def test_build_report_counts_reports_like_practices():
    library = load_library(REPO)
    rep = report.build_report(library)
    reports = rep["replications"]
    assert reports["files"] == len(library.reports) == 6 and reports["published"] == 6
    assert rep["files"] == len(library.practices)
    assert report.fate_summary(rep).endswith(
        "; 6 laporan replikasi: 6 terbit, 0 draf, 0 dalam tinjauan, 0 ditolak"
    )


def test_a_rejected_or_draft_report_is_not_an_adoption(tmp_path):
    root = tmp_path / "proyek"
    shutil.copytree(REPO / "practices", root / "practices")
    (root / "mkdocs.yml").write_text("", encoding="utf-8")
    dumai = root / "practices" / "riau" / "replikasi" / "dumai-job-canvassing.md"
    dumai.write_text(dumai.read_text(encoding="utf-8").replace("status: published", "status: draft"), "utf-8")
    jambi = root / "practices" / "jambi" / "replikasi" / "kota-jambi-job-canvassing.md"
    jambi.write_text(
        jambi.read_text(encoding="utf-8").replace("Dua pengantar", "Hubungi 0812-3456-7890. Dua"), "utf-8"
    )
    library = load_library(root)
    assert library.fate(next(r for r in library.reports if r.id == "kota-jambi-job-canvassing")) == "rejected"
    rep = report.build_report(library)["replications"]
    assert (rep["published"], rep["draft"], rep["rejected"]) == (4, 1, 1)
    assert [a.place for a in build_site(library).adoptions[PALEMBANG]] == ["Kabupaten Lahat"]


def test_the_same_office_twice_counts_once(tmp_path):
    root = tmp_path / "proyek"
    shutil.copytree(REPO / "practices", root / "practices")
    (root / "mkdocs.yml").write_text("", encoding="utf-8")
    first = root / "practices" / "riau" / "replikasi" / "dumai-job-canvassing.md"
    (first.parent / "dumai-lagi.md").write_text(
        first.read_text(encoding="utf-8").replace("date: 2026-06-03", "date: 2026-07-01"), "utf-8"
    )
    library = load_library(root)
    assert [d.code for d in library.diagnostics] == ["W431"]
    assert build_site(library).adoption_count(PALEMBANG) == 3


def test_json_schema_of_the_report():
    data = json_schema("id", REPLICATION)
    assert data["properties"]["kind"]["const"] == "replication"
    assert data["required"] == [n for n, f in schema(REPLICATION).fields.items() if f.required]
    assert data["required"] == ["kind", "replicates", "region", "office", "date", "status", "authors"]
    assert data["properties"]["adaptations"]["maxLength"] == 600
    # the outcomes are the practice's own definition (same_as)
    assert data["properties"]["outcomes"] == json_schema("id")["properties"]["outcomes"]
    assert data["additionalProperties"] is False


def test_schema_command_prints_the_report_schema(cli):
    result = cli("schema", "--replication", cwd=REPO)
    assert result.rc == 0 and json.loads(result.out) == json_schema("id", REPLICATION)


def test_new_replication_writes_a_checked_skeleton(cli, tmp_path):
    root = tmp_path / "proyek"
    shutil.copytree(REPO / "practices", root / "practices")
    (root / "mkdocs.yml").write_text("", encoding="utf-8")
    args = ["--province", "Lampung", "--regency", "Kota Metro", "--office", "Dinas Tenaga Kerja Kota Metro"]
    made = cli("new", "--replication", PALEMBANG, *args, "--author", "Wahyu Setiawan", "--yes", cwd=root)
    rel = "practices/lampung/replikasi/kota-metro-palembang-job-canvassing.md"
    assert made.rc == 0 and made.out.startswith(f"Laporan replikasi dibuat: {rel}\n"), made.err
    assert cli("validate", rel, cwd=root).out == "1 berkas diperiksa: 0 galat, 0 peringatan\n"
    unknown = cli("new", "--replication", "palembang-kanvasing", *args, "--yes", cwd=root)
    assert unknown.rc == 1
    assert "praktik 'palembang-kanvasing' tidak ada di pustaka [E403]" in unknown.err
    assert not (root / "practices/lampung/replikasi/kota-metro-palembang-kanvasing.md").exists()


def test_statistik_has_a_second_map_of_where_practices_were_adopted(site):
    stats = render_pages(site)["statistik.md"]
    assert stats.count('<svg class="lp-map"') == 2
    assert (
        "<title>Jambi: 1 penerapan</title>" in stats and "<title>Aceh: belum ada penerapan</title>" in stats
    )
    # each map hatches with a pattern of its own id, so the page holds no duplicate id
    assert stats.count('id="lp-map-none"') == 1 and stats.count('id="lp-map-none-penerapan"') == 1
