"""Site search in headless Chromium, through the real search box of a real build of the sample library.

Measures hit@3 on the evaluation set (tests/search/eval_set.yaml) and how often the browser's top 3
agree with the CLI's; checks keyboard-only use, `?q=` links, facet filters and accessibility.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from browser import blocking_violations, format_violations, run_axe

from support import REPO
from support.build import build, write_config
from support.evaluation import figures, hit, queries  # the figures of the CLI's evaluation test

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Floors: the exact set measured 1.00 and the natural set (as officers type) 0.56 hit@3 before ranking
# replaced filtering; both 1.00 after, with top-3 agreement with the CLI 95 of 98. Never lower these.
EXACT_HIT_AT_3_FLOOR = 1.0
NATURAL_HIT_AT_3_FLOOR = 0.9
NATURAL_MRR_FLOOR = 0.8
AGREEMENT_FLOOR = 0.9  # browser top 3 == CLI top 3 (as sets)
HELDOUT_AGREEMENT_FLOOR = 0.8  # the same on the held-out corpus (see its test)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample library built into a site (with its search index) by a real `mkdocs build`."""
    root = tmp_path_factory.mktemp("situs")
    shutil.copytree(REPO / "practices", root / "practices")
    built = build(write_config(root), strict=False)  # the real `mkdocs build` (see tests/support/build.py)
    assert built.returncode == 0, built.log
    assert (root / "site" / "search" / "config.json").is_file(), "the plugin did not build site search"
    return root / "site"


def practice_id(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[-1]


def run_query(page, query: str) -> list[str]:
    """Type `query` into the search box, press Enter and return the result links in rank order."""
    box = page.get_by_role("searchbox", name="Cari praktik")
    box.fill(query)
    box.press("Enter")
    page.wait_for_function(
        "q => { const r = document.querySelector('#lp-search-results');"
        " return r && r.getAttribute('aria-busy') === 'false'"
        " && new URL(location.href).searchParams.get('q') === q; }",
        arg=query,
    )
    region = page.get_by_role("region", name="Hasil pencarian")
    return region.get_by_role("link").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def cli_top10(query: str, project: Path) -> list[str]:
    from lumbung.search.index import SearchIndex
    from lumbung.search.query import search

    return [h.id for h in search(SearchIndex(project), query, limit=10).results]


def test_eval_set_figures_and_agreement(site: Path, serve_dir, page, tmp_path: Path, record_property):
    from lumbung.search.index import SearchIndex

    project = tmp_path / "proyek"
    shutil.copytree(REPO / "practices", project / "practices")
    (project / "mkdocs.yml").write_text("site_name: uji\n", encoding="utf-8")
    SearchIndex(project).update()
    qs = [q for q in queries() if q.get("scope") != "all"]
    base = serve_dir(site)
    page.goto(base + "index.html")
    results, misses, differ, agree, times = [], [], [], 0, []
    for q in qs:
        hrefs = run_query(page, q["query"])
        assert all(h.startswith("/") and h.endswith("/") for h in hrefs), hrefs
        found = [practice_id(h) for h in hrefs]
        results.append((q, found))
        if not hit(q, found):
            misses.append(f"{q['query']!r}: expected {q['expect']}, found {found[:3]}")
        cli = cli_top10(q["query"], project)
        if set(found[:3]) == set(cli[:3]):
            agree += 1
        else:
            differ.append(f"{q['query']!r}: browser {found[:3]}, CLI {cli[:3]}")
        times.append(int(page.get_by_role("region", name="Hasil pencarian").get_attribute("data-ms")))
    figs = figures(results)
    times.sort()
    for name in ("exact", "natural"):
        record_property(f"browser_{name}_hit_at_3", round(figs[name].hit_at_3, 3))
        record_property(f"browser_{name}_mrr_at_10", round(figs[name].mrr, 3))
    record_property("cli_browser_top3_agreement", f"{agree}/{len(qs)}")
    record_property("browser_query_ms_median", times[len(times) // 2])
    print(
        f"\nbrowser exact hit@3 {figs['exact'].hit_at_3:.3f}, natural hit@3 {figs['natural'].hit_at_3:.3f}"
        f" MRR@10 {figs['natural'].mrr:.3f}, empty pages {figs['all'].empty}/{figs['all'].answerable};"
        f" top-3 agreement with CLI {agree}/{len(qs)};"
        f" query ms median {times[len(times) // 2]}, max {times[-1]}"
    )
    print("\n".join(differ))
    assert figs["exact"].hit_at_3 >= EXACT_HIT_AT_3_FLOOR, "\n".join(misses)
    assert figs["natural"].hit_at_3 >= NATURAL_HIT_AT_3_FLOOR, "\n".join(misses)
    assert figs["natural"].mrr >= NATURAL_MRR_FLOOR, "\n".join(misses)
    assert figs["all"].empty == 0, "\n".join(misses)
    assert agree / len(qs) >= AGREEMENT_FLOOR, "\n".join(differ)


def test_results_link_to_practice_pages(site: Path, serve_dir, page):
    base = serve_dir(site)
    page.goto(base + "index.html")
    hrefs = run_query(page, "penempatan disabilitas")
    assert hrefs[0] == "/jawa-timur/surabaya-inklusi-kerja-penyandang-disabilitas/"
    first = page.get_by_role("region", name="Hasil pencarian").locator(".lp-search__result").first
    assert "Jawa Timur, Kota Surabaya" in first.inner_text()
    assert "Layanan Inklusif bagi Kelompok Rentan" in first.inner_text()
    assert first.locator("mark").count() >= 1
    response = page.goto(base + hrefs[0].lstrip("/"))
    assert response is not None and response.ok


def test_query_in_the_url_opens_results(site: Path, serve_dir, page):
    base = serve_dir(site)
    page.goto(base + "bali/gianyar-layanan-ramah-difabel/?q=PHK")
    page.wait_for_selector("#lp-search-results[aria-busy=false]")
    region = page.get_by_role("region", name="Hasil pencarian")
    assert region.is_visible()
    assert page.get_by_role("searchbox", name="Cari praktik").input_value() == "PHK"
    links = region.get_by_role("link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert links[0] == "/jawa-barat/bekasi-respons-cepat-korban-phk/"


def test_keyboard_only(site: Path, serve_dir, page):
    base = serve_dir(site)
    page.goto(base + "index.html")
    box = page.get_by_role("searchbox", name="Cari praktik")
    for _ in range(40):  # Tab from the top of the page to the search box
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == "lp-search-input":
            break
    else:
        pytest.fail("the search box cannot be reached with Tab")
    page.keyboard.type("kartu kuning")
    page.keyboard.press("Enter")
    page.wait_for_selector("#lp-search-results[aria-busy=false]")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused == "/sumatera-selatan/palembang-job-canvassing/"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") != focused
    page.keyboard.press("Escape")
    assert not page.get_by_role("region", name="Hasil pencarian").is_visible()
    assert page.evaluate("() => document.activeElement.id") == "lp-search-input"
    box.press("Enter")
    page.wait_for_selector("#lp-search-results[aria-busy=false]")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/sumatera-selatan/palembang-job-canvassing/")


def test_facet_filters_narrow_results(site: Path, serve_dir, page):
    base = serve_dir(site)
    page.goto(base + "index.html")
    before = run_query(page, "pelatihan")
    assert len(before) > 3
    region = page.get_by_role("region", name="Hasil pencarian")
    region.get_by_role("group", name="Provinsi").get_by_label(re.compile(r"^Jawa Tengah \(1\)$")).check()
    page.wait_for_function(
        "() => document.querySelectorAll('#lp-search-results a.lp-search__link').length === 1"
    )
    page.wait_for_selector("#lp-search-results[aria-busy=false]")
    after = region.get_by_role("link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert after == ["/jawa-tengah/semarang-pelatihan-berbasis-pesanan/"]
    assert region.get_by_role("group", name="Tema").get_by_role("checkbox").count() >= 1


def test_did_you_mean_in_the_browser(site: Path, serve_dir, page):
    base = serve_dir(site)
    page.goto(base + "index.html")
    hrefs = run_query(page, "disabilitaas")
    assert practice_id(hrefs[0]) == "surabaya-inklusi-kerja-penyandang-disabilitas"
    note = page.locator(".lp-search__suggestion")
    assert (
        note.inner_text()
        == "Tidak ada hasil untuk \u201cdisabilitaas\u201d; ditampilkan hasil untuk \u201cdisabilitas\u201d."
    )
    assert run_query(page, "budidaya ikan lele") == []
    assert (
        page.locator(".lp-search__status").inner_text()
        == "Tidak ada praktik yang cocok dengan \u201cbudidaya ikan lele\u201d."
    )


def test_search_ui_has_no_serious_axe_violations(site: Path, serve_dir, page, axe):
    base = serve_dir(site)
    page.goto(base + "index.html")
    run_query(page, "pelatihan")
    run_axe(page, source=axe)  # injects axe-core
    results = page.evaluate("() => axe.run({include: [['.lp-search']]})")
    blocking = blocking_violations(results)
    assert not blocking, format_violations(blocking)


def test_forms_the_library_lacks_are_stemmed_in_the_browser(site: Path, serve_dir, page):
    """A word form no practice contains ("dipetakan", "melatihkan") finds what its stem finds."""
    from lumbung.search.static import prefix

    lexicon = site / "search" / "lex"
    for absent, present in (("dipetakan", "pemetaan"), ("melatihkan", "pelatihan")):
        path = lexicon / f"{prefix(absent)}.json"
        entries = json.loads(path.read_text(encoding="utf-8"))["w"] if path.exists() else {}
        assert absent not in entries, f"{absent!r} is in the library now: pick another absent form"
        base = serve_dir(site)
        page.goto(base + "index.html")
        found = run_query(page, absent)
        assert found and found[:3] == run_query(page, present)[:3], (absent, found)
        assert not page.locator(".lp-search__suggestion").is_visible()


def test_results_come_ten_at_a_time_in_rank_order(site: Path, serve_dir, page):
    base = serve_dir(site)
    page.goto(base + "index.html")
    first = run_query(page, "kerja")
    total = int(page.locator(".lp-search__status").inner_text().split()[0])
    assert total > 10 and len(first) == 10
    region = page.get_by_role("region", name="Hasil pencarian")
    ranks = region.locator(".lp-search__result").evaluate_all("items => items.map(li => li.value)")
    assert ranks == list(range(1, 11))
    assert int(region.get_attribute("data-ranked-ms")) <= int(region.get_attribute("data-first-ms"))
    region.get_by_role("button", name="Tampilkan lebih banyak").click()
    page.wait_for_function(
        f"() => document.querySelectorAll('#lp-search-results a.lp-search__link').length === {total}"
    )
    links = region.get_by_role("link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert links[:10] == first and len(set(links)) == total
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == links[10]


# The observations readers reported (their CLI twins are in tests/search/test_ranking.py).
OBSERVED = [
    ("disabilitas tunarungu", ["gianyar-layanan-ramah-difabel"]),
    (
        "cara meningkatkan penempatan penyandang disabilitas tunarungu",
        ["gianyar-layanan-ramah-difabel", "surabaya-inklusi-kerja-penyandang-disabilitas"],
    ),
    ("konseling karier perempuan", ["konseling-karier-daring-nasional"]),
    ("tuna rungu", ["gianyar-layanan-ramah-difabel"]),
    ("antri wawancara job fair", ["banyuwangi-job-fair-hibrida"]),
    ("konseling karir daring", ["konseling-karier-daring-nasional"]),
    ("bikin akun siapkerja", ["makassar-pendampingan-siapkerja-sisnaker"]),
    ("konseling offline", ["konseling-karier-daring-nasional"]),
    ("fresh graduate SMK", ["kupang-bimbingan-karier-bkk-smk"]),
    ("pendampingan mantan TKI", ["lombok-timur-reintegrasi-pmi-purna"]),
    ("pameran kerja", ["banyuwangi-job-fair-hibrida"]),
]
KUPANG = "kupang-bimbingan-karier-bkk-smk"
LOMBOK = "lombok-timur-reintegrasi-pmi-purna"


def test_observed_queries_find_the_relevant_practice_in_the_browser(site: Path, serve_dir, page):
    page.goto(serve_dir(site) + "index.html")
    wrong = []
    for query, expect in OBSERVED:
        found = [practice_id(h) for h in run_query(page, query)][:3]
        if not all(e in found for e in expect):
            wrong.append(f"{query!r}: expected {expect}, found {found}")
    assert not wrong, "\n".join(wrong)


def test_region_words_match_the_region_field_in_the_browser(site: Path, serve_dir, page):
    page.goto(serve_dir(site) + "index.html")
    firsts = {
        "NTT": KUPANG,
        "NTB": LOMBOK,
        "Kaltim": "samarinda-virtual-job-matching",
        "Sulsel": "makassar-pendampingan-siapkerja-sisnaker",
        "PMI NTB": LOMBOK,
    }
    for query, first in firsts.items():
        assert practice_id(run_query(page, query)[0]) == first, query
    assert [practice_id(h) for h in run_query(page, "NTT")] == [KUPANG]
    assert sorted(practice_id(h) for h in run_query(page, "Jatim")) == [
        "banyuwangi-job-fair-hibrida",
        "surabaya-inklusi-kerja-penyandang-disabilitas",
    ]
    assert [practice_id(h) for h in run_query(page, "Nusa Tenggara Timur")] == [KUPANG, LOMBOK]
    assert run_query(page, "Kepri") == []


def test_partial_results_say_which_words_are_missing_in_the_browser(site: Path, serve_dir, page):
    page.goto(serve_dir(site) + "index.html")
    hrefs = run_query(page, "program untuk orang yang lama menganggur setahun")
    assert practice_id(hrefs[0]) == "medan-pendampingan-penganggur-jangka-panjang"
    status = page.locator(".lp-search__status").inner_text()
    assert status.endswith(
        "\u201d. Hasil teratas tidak memuat semua kata yang dicari (tidak ada: program)."
    ), status
    for query in ("tiket konser musik", "resep rendang", "DIY", "Papua"):
        assert run_query(page, query) == [], query
    assert run_query(page, "<script>alert(1)</script> pelatihan")
    status = page.locator(".lp-search__status").inner_text()
    assert status.endswith("(tidak ada: script, alert)."), status  # each word once, as text


def test_typo_inside_a_multi_word_query_in_the_browser(site: Path, serve_dir, page):
    page.goto(serve_dir(site) + "index.html")
    hrefs = run_query(page, "konseling kariir daring")
    assert practice_id(hrefs[0]) == "konseling-karier-daring-nasional"
    assert page.locator(".lp-search__suggestion").inner_text() == (
        "Ejaan disesuaikan: menampilkan hasil untuk \u201ckonseling karier daring\u201d,"
        " bukan \u201ckonseling kariir daring\u201d."
    )


def test_a_thousand_words_query_is_cut_with_a_message_in_the_browser(site: Path, serve_dir, page):
    page.goto(serve_dir(site) + "index.html")
    query = " ".join(f"pelatihan{i} kerja" for i in range(600))
    assert run_query(page, query)
    status = page.locator(".lp-search__status").inner_text()
    assert status.startswith("Kueri terlalu panjang: hanya 32 kata pertama yang dicari. "), status


def test_snippets_in_the_browser(site: Path, serve_dir, page):
    page.goto(serve_dir(site) + "index.html")
    headings = ("Latar Belakang", "Langkah Pelaksanaan", "Pembelajaran", "Cara Mereplikasi")
    for query in ("penempatan", "kartu kuning", "bahasa isyarat", "pelatihan", "disabilitas"):
        run_query(page, query)
        snippets = page.locator(".lp-search__snippet").evaluate_all("ps => ps.map(p => p.innerHTML)")
        assert snippets, query
        for html in snippets:
            marked = re.findall(r"<mark>(.*?)</mark>", html.lower())
            if query != "pelatihan":  # "pelatihan" is also found in a partner's name, outside the text
                assert marked, (query, html)  # the result shows what matched
            assert not {"setempat", "tempat"} & set(marked), (query, html)
            assert not any(f". {x} " in html for x in headings), html
            assert not html.removesuffix(" \u2026").endswith("</mark>"), html


def test_heldout_figures_and_agreement_in_the_browser(serve_dir, page, tmp_path: Path, record_property):
    """The held-out corpus and queries (tests/search/heldout.yaml) through the real search partial."""
    from lumbung.search.index import SearchIndex
    from lumbung.search.query import search
    from lumbung.search.static import build_site_search
    from lumbung.source.loader import Loader
    from support.heldout import corpus, figures, heldout_queries, hit

    sys.path.insert(0, str(REPO / "tools" / "bench"))
    from bench_search import harness

    root = corpus(tmp_path / "proyek")
    library = Loader(root).load()
    site = tmp_path / "situs"
    build_site_search(library, site)
    harness(site)
    ix = SearchIndex(root)
    ix.update()
    qs = heldout_queries(library)
    page.goto(serve_dir(site) + "index.html")
    results, misses, differ, agree = [], [], [], 0
    for q in qs:
        found = [h.rstrip("/").rsplit("/", 1)[-1] for h in run_query(page, q["query"])]
        results.append((q, found))
        if not hit(q, found):
            misses.append(f"{q['query']!r} ({q['kind']}): found {found[:3]}")
        cli = [h.id for h in search(ix, q["query"], limit=3).results]
        if set(found[:3]) == set(cli):
            agree += 1
        else:
            differ.append(f"{q['query']!r}: browser {found[:3]}, CLI {cli}")
    figs = figures(results)
    for name, value in figs.items():
        record_property(f"heldout_browser_{name}", round(value, 3))
    record_property("heldout_cli_browser_top3_agreement", f"{agree}/{len(qs)}")
    print("\nheld-out, browser:", {k: round(v, 3) for k, v in figs.items()}, f"agreement {agree}/{len(qs)}")
    print("\n".join(misses + differ))
    assert figs["hit_at_3"] >= NATURAL_HIT_AT_3_FLOOR, "\n".join(misses)
    assert figs["mrr_at_10"] >= NATURAL_MRR_FLOOR, "\n".join(misses)
    assert figs["empty"] == 0, "\n".join(misses)
    # Measured 67 of 82: generated practices of one topic are near-ties (scores 1-3 % apart), which
    # the browser's one-byte impacts order differently from the CLI's exact scores. Never lower.
    assert agree / len(qs) >= HELDOUT_AGREEMENT_FLOOR, "\n".join(differ)


@pytest.fixture(scope="module")
def all_published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample library with its draft and the practice in review published, as site search only
    (the search partial on a page beside the index): the evaluation's `scope: all` queries target them."""
    from lumbung.search.static import build_site_search
    from lumbung.source.loader import Loader

    sys.path.insert(0, str(REPO / "tools" / "bench"))
    from bench_search import harness

    root = tmp_path_factory.mktemp("semua")
    shutil.copytree(REPO / "practices", root / "practices")
    for path in (root / "practices").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(
            re.sub(r"^status: (draft|review)$", "status: published", text, flags=re.M), encoding="utf-8"
        )
    site = root / "site"
    build_site_search(Loader(root).load(), site)
    harness(site)
    return site


def test_queries_about_drafts_once_published_in_the_browser(all_published_site: Path, serve_dir, page):
    """ "dashboard" (the practice says "dasbor"), "skill", and the draft about women's career counselling."""
    page.goto(serve_dir(all_published_site) + "index.html")
    wrong = []
    for q in (q for q in queries() if q.get("scope") == "all"):
        found = [practice_id(h) for h in run_query(page, q["query"])]
        if not hit(q, found):
            wrong.append(f"{q['query']!r}: expected {q['expect']}, found {found[:3]}")
    assert not wrong, "\n".join(wrong)
