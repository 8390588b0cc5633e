"""Escape by construction, in a real build: header values that pass validation but are dangerous in one
output context stay inert in every file the site publishes, and values no output can hold stop the build.

tests/fixtures/hostile/escape/ holds one valid practice whose header carries a meta-refresh payload in
its summary, quotes and `<` in its title, formulas at the start of CSV cells and `]]>` for XML. The
browser half (tests/e2e/test_escape_browser.py) loads the same page in Chromium.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import pytest

from lumbung.escape import FORMULA_START
from lumbung.formats.frontmatter import parse
from support import REPO
from support.build import REFUSED, build, write_config

pytestmark = pytest.mark.slow

FIXTURE = REPO / "tests" / "fixtures" / "hostile" / "escape"
SOURCE = FIXTURE / "practices" / "jawa-tengah" / "nilai-header-berbahaya.md"
PAGE = "jawa-tengah/nilai-header-berbahaya/index.html"
UNREPRESENTABLE = REPO / "tests" / "fixtures" / "validate" / "field-unrepresentable"
ATOM = "{http://www.w3.org/2005/Atom}"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each element of interest."""

    TEXT = {"title", "h1", "span"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {t: [] for t in self.TEXT}
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.TEXT:
            self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            name, parts = self._open.pop()
            self.texts[name].append(" ".join("".join(parts).split()))

    def handle_data(self, data: str) -> None:
        for _, parts in self._open:
            parts.append(data)


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("escape") / "situs"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("expected"))
    built = build(write_config(root), strict=False)
    assert built.returncode == 0, built.log
    return root / "site"


@pytest.fixture(scope="module")
def meta() -> dict:
    data = parse(SOURCE.read_text(encoding="utf-8"), "x.md").data
    assert data is not None
    return data


def test_the_practice_page_keeps_every_header_value_inside_its_element(site: Path, meta: dict) -> None:
    page = elements((site / PAGE).read_text(encoding="utf-8"))
    summary = " ".join(meta["summary"].split())
    descriptions = [a for t, a in page.tags if t == "meta" and a.get("name") == "description"]
    assert descriptions == [{"name": "description", "content": summary}]
    assert [a for t, a in page.tags if "http-equiv" in a] == []
    assert page.texts["title"] == [f"{meta['title']} - Lumbung Praktik"]
    assert page.texts["h1"] == [meta["title"]]
    assert meta["title"] in page.texts["span"]  # Material's header bar
    authors = [a for t, a in page.tags if t == "a" and a.get("href", "").startswith("https://penyerang")]
    assert authors == []  # the =HYPERLINK(...) in the title is text, not a link
    # the share tags and link build new values from the escaped ones: the text, escaped once
    shared = {a.get("property") or a.get("name"): a.get("content") for t, a in page.tags if t == "meta"}
    assert shared["og:title"] == f"{meta['title']} · Lumbung Praktik"
    assert shared["og:description"] == summary
    (whatsapp,) = [a["href"] for t, a in page.tags if t == "a" and "wa.me" in (a.get("href") or "")]
    assert unquote(whatsapp.split("?text=", 1)[1]).startswith(meta["title"] + " https://")


def test_no_page_of_the_site_gets_an_attribute_from_a_header_value(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        for tag, attrs in elements(path.read_text(encoding="utf-8")).tags:
            assert "http-equiv" not in attrs, f"{path.relative_to(site)}: <{tag} {attrs}>"
            assert all(name.replace("-", "").replace(":", "").isalnum() for name in attrs), (path, tag, attrs)


def _no_constant(name: str) -> None:
    raise ValueError(f"not strict JSON: {name}")


def test_practices_json_is_strict_and_holds_the_values_as_written(site: Path, meta: dict) -> None:
    doc = json.loads((site / "practices.json").read_text(encoding="utf-8"), parse_constant=_no_constant)
    (record,) = doc["practices"]
    assert record["title"] == meta["title"]
    assert record["office"] == meta["office"]
    assert record["tags"] == meta["tags"]
    for data in (site / "katalog").rglob("*.json"):
        json.loads(data.read_text(encoding="utf-8"), parse_constant=_no_constant)


def test_practices_csv_starts_no_cell_with_a_formula(site: Path, meta: dict) -> None:
    raw = (site / "practices.csv").read_text(encoding="utf-8")
    header, row = list(csv.reader(io.StringIO(raw, newline="")))
    cells = dict(zip(header, row, strict=True))
    assert [c for c in row if c[:1] in FORMULA_START] == []
    assert cells["title"] == meta["title"]  # starts with a letter: left as it is
    assert cells["office"] == "'" + meta["office"]
    assert cells["authors"] == "'" + meta["authors"][0]["name"]
    assert cells["outcomes"] == "'=SUM(A1:A9) pencari kerja ditempatkan: 286 orang ]]> selesai"
    assert cells["tags"] == "'-2+3; ]]> akhir CDATA; 'kutip' & \"ganda\""


def test_feed_xml_is_well_formed_and_holds_the_values_as_written(site: Path, meta: dict) -> None:
    feed = ET.fromstring((site / "feed.xml").read_bytes())
    entry = feed.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == meta["title"]
    assert entry.findtext(f"{ATOM}summary") == " ".join(meta["summary"].split())
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == meta["authors"][0]["name"]


def test_values_no_output_can_hold_stop_the_build(tmp_path: Path) -> None:
    root = tmp_path / "situs"
    shutil.copytree(UNREPRESENTABLE, root, ignore=shutil.ignore_patterns("expected"))
    built = build(write_config(root), strict=False)
    assert built.returncode == REFUSED, built.log
    expected = (UNREPRESENTABLE / "expected" / "diagnostics.txt").read_text(encoding="utf-8")
    errors = [line for line in expected.splitlines() if line.startswith("practices/") and "[E22" in line]
    assert len(errors) == 13
    for line in errors:  # the build says what `lumbung validate` says
        assert line in built.log
    assert not (root / "site" / "sumatera-selatan").exists()
