"""The site build of the core (lumbung.build), phase by phase, without MkDocs.

The real builds through the plugin are in test_site_build.py; these check what each phase returns.
"""

from __future__ import annotations

import json
import shutil

import pytest

from lumbung.build import Settings, SiteBuild, check, fatal
from lumbung.diagnostics import Diagnostic
from lumbung.site import pages
from lumbung.source.loader import Loader
from support import BASIC

LAHAT = "sumatera-selatan/lahat-bursa-desa-uji.md"  # related: [banyuwangi-job-fair-uji]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("sitebuild") / "proyek"
    shutil.copytree(BASIC / "practices", root / "practices")  # the similarity cache goes into root
    return Loader(root).load()


@pytest.fixture(scope="module")
def made(library):
    """One build with no child but the similar practices'."""
    build = SiteBuild(library, check(library), Settings(search=False, share_images=False))
    yield build
    build.cancel()


def test_context_gives_the_pages_and_data_files_and_the_published_files(made, library):
    assert {"index.md", "katalog.md", "tema/index.md", "statistik.md"} <= set(made.pages)
    assert pages.DRAFTS_PAGE not in made.pages
    assert {"practices.json", "practices.csv", "replications.csv", "feed.xml", "katalog/data.json"} <= set(
        made.data
    )
    assert json.loads(made.data["practices.json"])["count"] == len(made.site.entries)
    published = {e.src for e in made.site.entries}
    assert set(made.shown) == published and published <= set(made.files)
    assert all(fate == "published" for fate, _ in made.shown.values())
    assert "aceh/banda-aceh-draf-uji.md" not in made.files


def test_generated_pages_keep_their_html_blocks_apart_and_render_pages_inline(made, library):
    inline = pages.render_pages(made.site, pages.Options(), made.layout)
    assert set(inline) == set(made.pages)
    with_blocks = [src for src, page in made.pages.items() if page.blocks]
    assert "katalog.md" in with_blocks and "kontributor.md" in with_blocks
    for src, page in made.pages.items():
        text = page.markdown
        for key, html in page.blocks.items():
            assert text.count(key) == 1
            text = text.replace(f"\n\n{key}\n\n", html)
        assert text == inline[src], src
        assert "<!--lumbung:html-->" not in text


def test_links_complete_the_related_practices_and_the_cards_follow(library):
    build = SiteBuild(library, check(library), Settings(search=False, share_images=False, related_limit=3))
    try:
        lahat = build.site.by_id["lahat-bursa-desa-uji"].id
        assert build.site.related[lahat] == ["banyuwangi-job-fair-uji"]  # what it names, until links()
        before = build.site
        site = build.links()
        assert site is build.site and site is not before  # a new site, the first one left as it was
        assert before.related[lahat] == ["banyuwangi-job-fair-uji"]
        # what it names first, then the similar one: the other published practice of the library
        assert site.related[lahat] == ["banyuwangi-job-fair-uji", "palembang-kanvasing-uji"]
        card = build.card(LAHAT)
        assert card is not None and len(card["related"]) == 2
        assert build.card("katalog.md") is None and build.propose_url("katalog.md") is None
    finally:
        build.cancel()


def test_redirects_from_old_addresses_where_no_page_lives(made):
    pages_ = set(made.files) | set(made.pages)
    redirects = made.redirects(pages_)
    assert set(redirects) == {
        "sumatera-selatan/palembang-kanvasing-lama/index.html",
        "palembang-kanvasing-lama/index.html",  # at the site root too
    }
    assert (
        'href="../palembang-kanvasing-uji/"'
        in redirects["sumatera-selatan/palembang-kanvasing-lama/index.html"]
    )
    assert list(made.redirects(pages_ | {"palembang-kanvasing-lama.md"})) == [
        "sumatera-selatan/palembang-kanvasing-lama/index.html"
    ]


def test_output_returns_the_report(made, tmp_path):
    made.links()
    rep = made.output(tmp_path)
    assert {row["fate"] for row in rep["practices"]} >= {"published", "draft"}


def test_open_data_and_the_drafts_page_follow_the_settings(library):
    settings = Settings(search=False, share_images=False, serving=True, open_data=False, drafts_page=True)
    build = SiteBuild(library, check(library), settings)
    assert set(build.data) == {p for p in build.data if p.startswith("katalog/")}
    assert pages.DRAFTS_PAGE in build.pages
    assert (
        "aceh/banda-aceh-draf-uji.md" in build.shown and build.files["aceh/banda-aceh-draf-uji.md"] == "draft"
    )
    assert build.links() is build.site  # under serve the related practices came at once
    build.cancel()


def test_errors_stop_a_build_and_under_serve_only_a_link_out_of_the_folder():
    error, warning = Diagnostic("practices/x.md", "E201"), Diagnostic("practices/x.md", "W501")
    link = Diagnostic("practices/x.md", "E106")
    assert fatal([error], serving=False) and not fatal([error], serving=True)
    assert fatal([error, link], serving=True) and fatal([link], serving=True)
    assert not fatal([warning], serving=False) and not fatal([], serving=False)
