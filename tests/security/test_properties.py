"""Property-based tests: random and mutated practice files never crash the validator or the build, and
every file on disk is classified (published, draft, review, or rejected with a reason)."""

from __future__ import annotations

import datetime as dt
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lumbung.model import DRAFT, PUBLISHED, REJECTED, REVIEW
from lumbung.rules.privacy import find_pii
from lumbung.rules.sanitize import SANITIZE_TAGS, sanitize_html
from lumbung.source.loader import Loader
from support.build import REFUSED, build, require_plugin, write_config
from support.practice import VALID

TODAY = dt.date(2026, 1, 15)
LINES = VALID.split("\n")
FOLDERS = ["sumatera-selatan", "aceh", "nasional", "bukan-provinsi"]
NAMES = st.one_of(
    st.from_regex(r"[a-z][a-z0-9-]{2,20}", fullmatch=True),
    st.text(
        alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
        min_size=1,
        max_size=12,
    ),
)

yaml_scalars = st.one_of(
    st.sampled_from(
        [
            "no",
            "on",
            "~",
            "null",
            "10:00",
            "2025-02-30",
            "0x1F",
            ".inf",
            "&a [*a, *a]",
            "*nope",
            "!!python/object:os.system x",
            "{",
            "[",
            "'",
            "|",
            ">-",
            "- - -",
            "? x",
            "@x",
            "`x`",
        ]
    ),
    st.text(max_size=30),
    st.integers(),
    st.floats(allow_nan=True),
)
unicode_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@st.composite
def mutated(draw) -> bytes:
    """The valid practice after a few random edits, encoded (usually as UTF-8)."""
    lines = list(LINES)
    for _ in range(draw(st.integers(0, 5))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "unicode", "scalar", "html", "truncate"]))
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        j = draw(st.integers(0, max(0, len(lines) - 1)))
        if not lines:
            break
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "unicode":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(unicode_text) + lines[i][at:]
        elif op == "scalar":
            key = (
                lines[i].split(":", 1)[0]
                if ":" in lines[i]
                else draw(st.sampled_from(["title", "status", "x"]))
            )
            lines[i] = f"{key}: {draw(yaml_scalars)}"
        elif op == "html":
            lines.insert(
                i,
                draw(
                    st.sampled_from(
                        [
                            "<script>alert(1)</script>",
                            "<img src=x onerror=alert(1)>",
                            "[a](javascript:alert(1))",
                            "![a](https://evil.example/a.png)",
                            "NIK 3171012301900001",
                            "HP 0812-3456-7890",
                            "```",
                            "`",
                            "{: onclick=x }",
                            "--8<-- x",
                            "<!--",
                            "<![CDATA[x",
                            "<!x",
                            "<?x",
                            "[x]: <",
                            "](",
                            "![",
                            "<a href=",
                        ]
                    )
                ),
            )
        else:
            lines = lines[:i]
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()) and data:
        cut = draw(st.integers(0, len(data)))
        data = data[:cut]
    return data


files = st.one_of(
    mutated(), st.binary(max_size=300), st.text(max_size=200).map(lambda t: t.encode("utf-8", "replace"))
)


def write_project(root: Path, contents: list[tuple[str, str, bytes]]) -> list[Path]:
    (root / "mkdocs.yml").write_text("", encoding="utf-8")
    written = []
    for folder, name, data in contents:
        if name.startswith("."):
            continue  # hidden files are neither practices nor pages, for MkDocs and for us alike
        path = root / "practices" / folder / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.write_bytes(data)
        except OSError:  # a name the file system refuses is not a file on disk
            continue
        if path not in written:
            written.append(path)
    return written


def assert_classified(library, written: list[Path]) -> None:
    assert len(library.practices) == len(written)
    for p in library.practices:
        fate = library.fate(p)
        assert fate in (PUBLISHED, DRAFT, REVIEW, REJECTED)
        if fate == REJECTED:
            assert library.errors_of(p.relpath) or p.status not in (PUBLISHED, DRAFT, REVIEW)
    internal = [d for d in library.diagnostics if d.code == "E900"]
    assert internal == [], internal[0].params if internal else None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(FOLDERS), NAMES, files), min_size=1, max_size=4))
def test_loader_never_raises_and_classifies_every_file(contents) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        written = write_project(root, contents)
        library = Loader(root, workers=1).load(today=TODAY)
        assert_classified(library, written)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_pii_scanner_never_raises_and_masks(text: str) -> None:
    for f in find_pii(text):
        assert "*" in f.masked and 0 <= f.start < f.end <= len(text)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in SANITIZE_TAGS:
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name == "style" and tag not in ("td", "th"):
                self.bad.append(f"{tag} {name}")
            if (
                name in ("href", "src")
                and value
                and value.replace(" ", "").lower().startswith(("javascript:", "data:"))
            ):
                self.bad.append(f"{tag} {name}={value}")


html_soup = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<script>",
                "</script>",
                "<img src=x onerror=alert(1)>",
                "<a href='javascript:x'>",
                "<svg>",
                "<iframe>",
                "<style>",
                "<p style='x'>",
                "<div id=__config>",
                "<!--",
                "-->",
                "<math>",
                "<td>",
                "<table>",
                '<a href="data:text/html,x">',
                "<b>",
                "<input type=password>",
                '"',
                "'",
                ">",
                "<",
            ]
        ),
        st.text(max_size=10),
    ),
    max_size=20,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(html_soup)
def test_sanitized_html_has_no_active_content(soup: str) -> None:
    parser = _Tags()
    parser.feed(sanitize_html(soup))
    parser.close()
    assert parser.bad == []


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    contents=st.lists(
        st.tuples(st.sampled_from(FOLDERS[:3]), st.from_regex(r"[a-z]{3,12}", fullmatch=True), files),
        min_size=1,
        max_size=4,
    )
)
def test_real_build_never_raises_unexpectedly_and_reports_every_file(contents) -> None:
    require_plugin()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        written = write_project(root, contents)
        # as `mkdocs serve` builds: errors are tolerated and every file must be in the report
        served = build(write_config(root), serve=True)
        assert served.returncode == 0, served.log
        report = served.report
        assert report["files"] == len(written) == len(report["practices"])
        assert sum(report[f] for f in (PUBLISHED, DRAFT, REVIEW, REJECTED)) == len(written)
        assert all(row["reasons"] for row in report["practices"] if row["fate"] != PUBLISHED)
        # as `mkdocs build` builds: it succeeds with nothing rejected, or refuses with the diagnostics
        built = build(write_config(root), strict=False)
        assert "Traceback" not in built.log, built.log
        if report["rejected"]:
            assert built.returncode == REFUSED, built.log
        else:
            assert built.returncode == 0 and built.report["files"] == len(written), built.log
