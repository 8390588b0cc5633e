"""Our front-matter reader agrees with MkDocs: no file that MkDocs renders without metadata passes.

MkDocs reads a page as utf-8-sig, splits it with mkdocs.utils.meta.YAML_RE and silently drops a
header it cannot load. Our reader must accept a header only when MkDocs gets the very same
non-empty metadata from it; it may be stricter (duplicate keys, tags, size bounds), never looser.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import meta as mkdocs_meta

from lumbung.formats import frontmatter
from lumbung.source.loader import read_text, relpath_of
from support import REPO

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "validate"

# Where we are deliberately stricter than MkDocs: it would render these headers, we refuse them.
STRICTER = {
    "E105": "file larger than 1 MB",
    "E106": "symbolic link out of the repository",
    "E117": "duplicate key (PyYAML silently keeps the last one)",
    "E118": "a tag, even a safe one such as !!set",
    "E119": "header too large or too many aliases",
}


def test_regex_is_mkdocs_own():
    assert frontmatter.MKDOCS_YAML_RE.pattern == mkdocs_meta.YAML_RE.pattern
    assert frontmatter.MKDOCS_YAML_RE.flags == mkdocs_meta.YAML_RE.flags


def mkdocs_view(path: Path, root: Path) -> tuple[str | None, dict]:
    """The page text and metadata exactly as MkDocs gets them (None when MkDocs cannot decode it)."""
    file = File(path.relative_to(root).as_posix(), str(root), str(root / "site"), use_directory_urls=True)
    try:
        text = file.content_string
    except (UnicodeDecodeError, OSError):
        return None, {}
    if not mkdocs_meta.YAML_RE.match(text):
        return text, {}  # MkDocs would fall back to MultiMarkdown meta; we never accept that
    return text, mkdocs_meta.get_data(text)[1]


def our_view(path: Path, root: Path) -> tuple[dict | None, set[str]]:
    """Our header data (None when refused) and the codes of the file- and header-level problems."""
    relpath = relpath_of(path, root)
    text, diags = read_text(path, root, relpath)
    if text is None:
        return None, {d.code for d in diags}
    header = frontmatter.parse(text, relpath)
    codes = {d.code for d in header.diagnostics}
    return (header.data if not codes else None), codes


def assert_agrees(path: Path, root: Path) -> bool:
    """Check one file; returns whether our reader accepted it."""
    ours, codes = our_view(path, root)
    text, theirs = mkdocs_view(path, root)
    if ours is not None:
        assert text is not None, f"{path}: we accept a file MkDocs cannot decode"
        assert theirs == ours, f"{path}: MkDocs reads different metadata"
        return True
    if theirs:
        assert codes and codes <= set(STRICTER), (
            f"{path}: MkDocs renders its metadata but we refuse it: {codes}"
        )
    return False


def _fixture_files() -> list[tuple[Path, Path]]:
    out = []
    for mk in sorted(FIXTURES.glob("*/mkdocs.yml")):
        root = mk.parent
        out += [(p, root) for p in sorted((root / "practices").rglob("*.md"))]
    return out


@pytest.mark.parametrize(
    ("path", "root"), _fixture_files(), ids=lambda v: v.name if isinstance(v, Path) else v
)
def test_fixture_agrees_with_mkdocs(path: Path, root: Path):
    assert_agrees(path, root)


def test_fixtures_cover_both_outcomes():
    results = [assert_agrees(p, r) for p, r in _fixture_files()]
    assert sum(results) >= 30 and results.count(False) >= 20


def test_sample_library_agrees_with_mkdocs():
    files = sorted((REPO / "practices").rglob("*.md"))
    assert files
    assert all(assert_agrees(p, REPO) for p in files)


def test_yaml_suite_agrees_with_mkdocs(yaml_suite):
    root, cases = yaml_suite
    accepted = [c.name for c in cases if assert_agrees(c.path, root)]
    # Plain mappings are accepted, the rest refused. (libyaml, and so MkDocs, accepts a few cases the
    # suite calls invalid, e.g. 9C9N: parity with MkDocs is the contract, not YAML 1.2 conformance.)
    assert 0 < len(accepted) < len(cases)


def test_dates_quoted_and_unquoted_are_the_same_value():
    from lumbung.model import as_date

    unquoted = frontmatter.load_yaml("date: 2024-03-15\n").data["date"]
    quoted = frontmatter.load_yaml('date: "2024-03-15"\n').data["date"]
    assert unquoted == dt.date(2024, 3, 15) and quoted == "2024-03-15"
    assert as_date(unquoted) == as_date(quoted) == dt.date(2024, 3, 15)


def test_line_of_points_at_fields_and_the_last_duplicate():
    header = frontmatter.parse("---\na: 1\nb:\n  - x\n  - c: 2\na: 3\n---\nbody\n", "x.md")
    assert header.data == {"a": 3, "b": ["x", {"c": 2}]}
    assert [d.code for d in header.diagnostics] == ["E117"]
    assert header.line_of(("b", 1, "c")) == 5
    assert header.line_of(("b", 1, "missing")) == 5
    assert header.line_of(("a",)) == 6  # PyYAML keeps the last `a`, so its line is the one that counts
    assert header.body_line == 8


def _mkdocs_handler():
    """A python-frontmatter handler with MkDocs' boundaries and our safe, bounded loader."""
    pyfrontmatter = pytest.importorskip("frontmatter")

    class MkDocsYAMLHandler(pyfrontmatter.YAMLHandler):
        FM_BOUNDARY = frontmatter.MKDOCS_YAML_RE

        def detect(self, text: str) -> bool:
            return frontmatter.MKDOCS_YAML_RE.match(text) is not None

        def split(self, text: str) -> tuple[str, str]:
            match = frontmatter.MKDOCS_YAML_RE.match(text)
            if match is None:
                raise ValueError("no MkDocs front matter")
            return match.group(1), text[match.end() :]

        def load(self, fm: str, **kwargs: object) -> object:
            return frontmatter.load_yaml(fm).data

    return MkDocsYAMLHandler()


def test_python_frontmatter_with_our_handler_reads_the_same(tmp_path: Path):
    pyfrontmatter = pytest.importorskip("frontmatter")
    handler = _mkdocs_handler()
    checked = 0
    for path, root in _fixture_files() + [(p, REPO) for p in sorted((REPO / "practices").rglob("*.md"))]:
        relpath = relpath_of(path, root)
        text, _ = read_text(path, root, relpath)
        if text is None:
            continue
        header = frontmatter.parse(text, relpath)
        assert handler.detect(text) == (frontmatter.MKDOCS_YAML_RE.match(text) is not None)
        # python-frontmatter strips the text first, which moves the fences (see the next test)
        if header.data is not None and not header.diagnostics and header.body.strip():
            post = pyfrontmatter.loads(text, handler=handler)
            assert (post.metadata, post.content) == (header.data, header.body.strip()), path
            checked += 1
    assert checked >= 40


def test_why_parse_does_not_call_python_frontmatter_loads():
    # loads() strips the text before it looks for the fences, so it disagrees with MkDocs both ways:
    # it sees a header after a blank line (MkDocs does not), and misses a header with no body after it.
    pyfrontmatter = pytest.importorskip("frontmatter")
    handler = _mkdocs_handler()
    blank_first = "\n---\ntitle: Judul yang cukup panjang\n---\nIsi.\n"
    assert pyfrontmatter.loads(blank_first, handler=handler).metadata
    assert mkdocs_meta.get_data(blank_first)[1] == {} and frontmatter.parse(blank_first, "x.md").data is None
    no_body = "---\ntitle: Judul yang cukup panjang\n---\n"
    assert pyfrontmatter.loads(no_body, handler=handler).metadata == {}
    expected = {"title": "Judul yang cukup panjang"}
    assert mkdocs_meta.get_data(no_body)[1] == expected == frontmatter.parse(no_body, "x.md").data
