"""Escape by construction: every header value reaches HTML, XML, CSV and JSON through its context's encoder.

Two layers, tested apart. Values no output can hold are refused by the validator; everything it lets
through is encoded where it is written. So the encoders are tested on values that pass validation but
are dangerous in one context (quotes in an attribute, `=` at the start of a CSV cell, `]]>` in XML),
and on values the validator would refuse (control characters, NaN, lone surrogates), as if it had a bug.

The generator `hostile` builds header values from pieces that each break one format, mixed with
random text. `test_every_hostile_header_value_is_refused_or_encoded` writes them into a practice and
checks the two layers together: each value is refused with a diagnostic, or every output stays
well-formed and keeps it as written.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import jinja2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lumbung.escape import (
    FORMULA_START,
    csv_cell,
    html,
    strict_json,
    theme_meta,
    unrepresentable,
    visible,
    xml_text,
)
from lumbung.formats.frontmatter import OTHER_PROBLEM, parse
from lumbung.messages import catalogue
from lumbung.model import Library, Practice
from lumbung.record import practice_record
from lumbung.site import feed, opendata
from lumbung.site.catalogue import build_site
from lumbung.source.loader import load_file
from support.practice import VALID

TODAY = dt.date(2026, 1, 15)
ATOM = "{http://www.w3.org/2005/Atom}"
MATERIAL = Path(jinja2.__file__).resolve().parent.parent / "material" / "templates"

# Pieces that each break one output format when written unencoded.
PIECES = [
    '"',
    "'",
    "<",
    ">",
    "&",
    "&amp;",
    "&#34;",
    '" http-equiv="refresh" content="0;url=https://penyerang.example/',
    "' onmouseover='alert(1)",
    "<script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<!--",
    "-->",
    "]]>",
    "<![CDATA[",
    '=HYPERLINK("https://penyerang.example","klik")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\uff1d1+1",  # fullwidth =
    "\t",
    "\r",
    "\n",
    "\x00",
    "\x07",
    "\x1b[2J",
    "\x7f",
    "\x85",
    "\ud800",
    "\udfff",
    "\ufffe",
    "\uffff",
    "\U0001fffe",
    "\u200b",
    "\u200b\u200b\u200b",
    "\u202e",
    "\u00ad",
    "\ufeff",
    "\u3164",
    "\u2028",
    "NaN",
    "Infinity",
    "{{ config }}",
    "{% raw %}",
    "\\",
    ",",
    ";",
    "Dinas Tenaga Kerja",
    "💥",
]
hostile = (
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=6)), min_size=1, max_size=6)
    .map("".join)
    .filter(bool)
)
hostile_numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([10**400, -(10**400), 2**53, 2**53 - 1]),
)


# -- HTML: what Material's templates write from page.meta ---------------------------------------------


def _material_block(template: str, name: str) -> str:
    """The text of `{% block name %}` in Material's own template, as the theme renders it."""
    text = (MATERIAL / template).read_text(encoding="utf-8")
    found = re.search(r"{%\s*block " + name + r"\s*%}(.*?){%\s*endblock\s*%}", text, re.S)
    assert found, f"{template} has no block {name}: Material changed, look at what it prints from page.meta"
    return found.group(1)


def _material_topic() -> str:
    """Material's header topic: the page title, printed from page.meta.title."""
    text = (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")
    found = re.search(
        r'(<div class="md-header__topic" data-md-component="header-topic">.*?</div>)', text, re.S
    )
    assert found, "Material's header.html changed: look at how it prints page.meta.title"
    return found.group(1)


@functools.cache
def _theme_template() -> jinja2.Template:
    """Material's head blocks and header topic in an environment like MkDocs' (autoescape off)."""
    env = jinja2.Environment(autoescape=False)
    env.filters["url"] = lambda value: value
    source = (
        "<head>"
        + _material_block("base.html", "site_meta")
        + _material_block("base.html", "htmltitle")
        + "</head><body>"
        + _material_topic()
        + "</body>"
    )
    return env.from_string(source)


@pytest.fixture(scope="module")
def theme_head() -> jinja2.Template:
    return _theme_template()


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self.text[self._open[-1]] = self.text.get(self._open[-1], "") + data


def _render_head(template: jinja2.Template, title: str, description: str) -> _Tags:
    page = {"meta": theme_meta({"title": title, "description": description}), "title": title}
    config = {"site_name": "Lumbung Uji", "theme": {"favicon": "x.png"}, "extra": {}, "plugins": {}}
    parser = _Tags()
    parser.feed(template.render(page=page, config=config, mkdocs_version="1.6.1"))
    parser.close()
    return parser


def _expected_tags(parser: _Tags) -> list[tuple[str, frozenset[str]]]:
    return [(tag, frozenset(attrs)) for tag, attrs in parser.tags]


def test_the_refresh_payload_stays_inside_the_description(theme_head) -> None:
    payload = 'Ringkasan" http-equiv="refresh" content="0;url=https://penyerang.example/'
    parser = _render_head(theme_head, 'Judul "kutip" & <sudut>', payload)
    metas = [attrs for tag, attrs in parser.tags if tag == "meta"]
    assert {"name": "description", "content": payload} in metas
    assert all("http-equiv" not in attrs for attrs in metas)
    assert parser.text["title"].strip() == 'Judul "kutip" & <sudut> - Lumbung Uji'


def test_control_unescaped_meta_lets_the_payload_out(theme_head) -> None:
    # Without theme_meta, Material's template closes the attribute: this is what the encoder stops.
    payload = 'x" http-equiv="refresh" content="0;url=https://penyerang.example/'
    parser = _Tags()
    config = {"theme": {}, "extra": {}, "plugins": {}}
    parser.feed(theme_head.render(page={"meta": {"description": payload}}, config=config))
    assert any(attrs.get("http-equiv") == "refresh" for tag, attrs in parser.tags if tag == "meta")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=hostile, description=hostile)
def test_hostile_meta_values_keep_the_head_well_formed(theme_head, title: str, description: str) -> None:
    plain = _render_head(theme_head, "Judul", "Ringkasan")
    parser = _render_head(theme_head, title, description)
    assert _expected_tags(parser) == _expected_tags(plain)  # same elements, same attribute names
    metas = [attrs for tag, attrs in parser.tags if tag == "meta" and attrs.get("name") == "description"]
    assert metas == [{"name": "description", "content": description}]
    # the parser ends the title at the first "</title>" only if one was written unescaped
    assert parser.text["title"].strip() == f"{title} - Lumbung Uji".strip()
    assert parser.text["span"].strip() == title.strip()  # the header bar


# -- the encoders, one context each -------------------------------------------------------------------


def test_html_escapes_every_character_that_ends_an_attribute_or_starts_a_tag() -> None:
    assert str(html("\"'<>&")) == "&#34;&#39;&lt;&gt;&amp;"
    assert str(html(html("a&b"))) == "a&amp;b"  # Markup is never escaped twice


def test_theme_meta_escapes_what_the_theme_prints_whatever_its_type() -> None:
    meta = theme_meta({"title": 'a"<b>', "description": ["<script>"], "status": "<x>", "hide": ["toc"]})
    assert meta == {
        "title": "a&#34;&lt;b&gt;",
        "description": "[&#39;&lt;script&gt;&#39;]",
        "status": "<x>",
        "hide": ["toc"],
    }
    assert theme_meta(meta) == meta  # escaped once, however often it is applied


def test_csv_cells_that_would_be_formulas_are_neutralised() -> None:
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\uff1d1"):
        assert csv_cell(value) == "'" + value
    assert csv_cell("Dinas = 1") == "Dinas = 1"
    assert csv_cell(-5) == -5  # a number is data, not a formula


def test_xml_text_keeps_only_xml_1_0_characters() -> None:
    assert xml_text("a\x00b\x07c\ud800d\ufffee\tf\ng") == "a\ufffdb\ufffdc\ufffdd\ufffde\tf\ng"
    feed = ET.Element("t")
    feed.text = xml_text("]]> <![CDATA[ & <x>")
    assert ET.fromstring(ET.tostring(feed)).text == "]]> <![CDATA[ & <x>"


def test_strict_json_refuses_nan_and_infinity() -> None:
    for value in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(ValueError):
            strict_json({"value": value})


def test_unrepresentable_and_visible() -> None:
    assert unrepresentable("Dinas\tTenaga\nKerja\r") is None
    assert [unrepresentable(c) for c in "\x00\x1f\x7f\x85\ud800\ufffe\U0010ffff"] == [
        "U+0000",
        "U+001F",
        "U+007F",
        "U+0085",
        "U+D800",
        "U+FFFE",
        "U+10FFFF",
    ]
    assert visible("\u200b\u200c\u200d\u2060\ufeff\u00ad\u202e \u3164") == ""
    assert visible(" Ba\u00adnyu\u200bwangi ") == "Banyuwangi"


def test_the_invisible_characters_include_every_format_character() -> None:
    import unicodedata

    hidden = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
    assert [c for c in hidden if visible("a" + c + "b") != "ab"] == []


# -- opendata with any header value, validation bypassed -----------------------------------------------


def _meta(text: str, number: object) -> dict:
    meta = parse(VALID, "practices/sumatera-selatan/uji.md").data
    assert meta is not None
    meta.update(
        title=text,
        summary=text,
        office=text,
        authors=[{"name": text}],
        tags=[text, "-" + text],
        partners=[{"name": text, "type": "company"}],
        outcomes=[{"indicator": text, "value": number, "unit": text, "baseline": number}],
    )
    return meta


def _outputs(meta: dict) -> tuple[str, str, str, list[str]]:
    # The record is built from the header as it is, without the checks that would refuse it.
    relpath = "practices/sumatera-selatan/uji-praktik.md"
    practice = Practice("uji-praktik", relpath, meta, "", 1, record=practice_record(meta))
    site = build_site(Library(Path("."), [practice], []))
    data = opendata.catalogue_data(site)
    atom = feed.atom_feed(site, 'Lumbung <Uji> & "kutip"', "https://contoh.example/", "]]>")
    return opendata.to_json(site), opendata.to_csv(site), atom, list(data.values())


def _no_constant(name: str) -> None:
    raise ValueError(f"not strict JSON: {name}")


def _check_outputs(text: str, meta: dict) -> None:
    as_json, as_csv, feed, chunks = _outputs(meta)
    record = json.loads(as_json, parse_constant=_no_constant)["practices"][0]
    assert record["title"] == text
    for chunk in chunks:
        json.loads(chunk, parse_constant=_no_constant)
    rows = list(csv.reader(io.StringIO(as_csv)))
    assert len(rows) == 2 and len(rows[1]) == len(rows[0]) == len(opendata.CSV_COLUMNS)
    for cell in rows[1]:
        assert cell[:1] not in FORMULA_START, cell
    title = rows[1][opendata.CSV_COLUMNS.index("title")]
    assert title in (text, "'" + text)
    root = ET.fromstring(feed.encode("utf-8"))
    entry_title = root.find(f"{ATOM}entry/{ATOM}title")
    assert entry_title is not None
    # XML parsers read a line break as \n, whichever was written
    assert entry_title.text == re.sub(r"\r\n?", "\n", xml_text(text))


@settings(max_examples=300, deadline=None)
@given(text=hostile, number=hostile_numbers)
def test_open_data_stays_well_formed_whatever_the_header_holds(text: str, number: object) -> None:
    _check_outputs(text, _meta(text, number))


def test_open_data_of_values_that_pass_validation_but_break_formats() -> None:
    # Each is a valid title or summary: only the encoder of each format makes it harmless.
    for text in (
        '=HYPERLINK("https://penyerang.example","klik") Bursa Kerja Desa',
        "+62 Bursa Kerja Desa di Balai Desa",
        "-- Bursa Kerja Desa di Balai Desa --",
        "@Disnaker Bursa Kerja Desa di Balai Desa",
        'Bursa "Kerja" Desa ]]> & <5 tahun',
    ):
        _check_outputs(text, _meta(text, 286))


# -- both layers: refused with a diagnostic, or encoded -----------------------------------------------


def _yaml_quoted(text: str, raw: bool) -> str:
    """`text` as a YAML double-quoted scalar (JSON's escapes are YAML's, lone surrogates included);
    `raw`: characters beyond ASCII written as they are, not as escape codes."""
    return json.dumps(text, ensure_ascii=not raw)


COUNTS: dict[str, int] = {"tried": 0, "refused": 0, "encoded": 0}
# Long enough for any field's minimum length, so that a value is refused for what it holds
FILLER = "sebagai contoh praktik penempatan tenaga kerja di balai desa"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=hostile,
    field=st.sampled_from(["title", "summary", "office", "authors", "tags"]),
    raw=st.booleans(),
    pad=st.sampled_from(["", "before", "after"]),
)
def test_every_hostile_header_value_is_refused_or_encoded(
    tmp_path: Path, text: str, field: str, raw: bool, pad: str
) -> None:
    text = f"{FILLER} {text}" if pad == "before" else (f"{text} {FILLER}" if pad == "after" else text)
    quoted = _yaml_quoted(text, raw)
    source = VALID
    if field == "title":
        source = source.replace("title: Bursa Kerja Desa di Balai Desa Kabupaten Lahat", f"title: {quoted}")
    elif field == "summary":
        head, rest = source.split("summary: >-\n", 1)
        rest = rest.split("date:", 1)[1]
        source = f"{head}summary: {quoted}\ndate:{rest}"
    elif field == "office":
        source = source.replace("office: Dinas Tenaga Kerja Kabupaten Lahat", f"office: {quoted}")
    elif field == "authors":
        source = source.replace("  - name: Rudi Hartono", f"  - name: {quoted}")
    else:
        source = source.replace("tags: [desa, bursa kerja]", f"tags: [desa, {quoted}]")
    folder = tmp_path / "practices" / "sumatera-selatan"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "uji-praktik.md"
    path.write_bytes(source.encode("utf-8", "surrogatepass"))  # a lone surrogate: not UTF-8 (E102)
    practice = load_file(path, tmp_path, TODAY)
    COUNTS["tried"] += 1
    errors = [d for d in practice.diagnostics if d.severity == "error"]
    if errors:
        COUNTS["refused"] += 1
        for d in errors:  # refused with a line, and in Indonesian: no PyYAML text left untranslated
            assert d.line is not None, d
            if d.code == "E116":
                assert d.params["problem"] in catalogue()["words"]
                assert d.params["problem"] != OTHER_PROBLEM, d.message("en")
            COUNTS[d.code] = COUNTS.get(d.code, 0) + 1
        return
    COUNTS["encoded"] += 1
    meta = practice.meta
    assert meta is not None
    assert unrepresentable(json.dumps(meta, default=str, ensure_ascii=False)) is None
    _check_outputs(meta["title"], meta)
    summary = " ".join(meta["summary"].split())
    head = _render_head(_theme_template(), meta["title"], summary)
    descriptions = [a for t, a in head.tags if t == "meta" and a.get("name") == "description"]
    assert descriptions == [{"name": "description", "content": summary}]


def test_the_json_schema_bounds_numbers_as_the_validator_does() -> None:
    from lumbung.authoring.artefacts import json_schema

    value = json_schema()["properties"]["outcomes"]["items"]["properties"]["value"]
    assert (value["minimum"], value["maximum"]) == (-(2**53 - 1), 2**53 - 1)
