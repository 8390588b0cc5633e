"""Linear time, bounded everywhere: hostile Markdown and YAML never cost more than c * bytes + d.

Hypothesis builds hostile inputs from the shapes that made this code or Python-Markdown slow
(runs of `[`, `![`, `](`, backticks, `<tag`, `*`, `_`, nesting, long lines, table cells, headings
in one block, anchors and aliases, huge keys...), at sizes up to tens of kilobytes, and times:

- the validator on a practice with that body or header (`load_file`, and a `Loader` run);
- `lumbung from-issue` (`convert`) with that text in one of the form's answers;
- Python-Markdown, with the site's own extensions, on every body the validator accepted.

Each is timed in CPU seconds of this process (`time.process_time`, so a loaded machine slows it
less) and must stay under a per-byte bound (relative to this machine, see RATE) times bytes plus
BOUND_FIXED. The control test shows the check has teeth: raw Python-Markdown on a run of `[`
that the validator refuses exceeds the same bound.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lumbung.authoring.issuebody import convert
from lumbung.source.loader import Loader, load_file
from support import REPO

SAMPLE = "practices/bali/gianyar-layanan-ramah-difabel.md"
TODAY = dt.date(2026, 1, 15)

# The bound is relative to this machine: RATE is what validating and rendering the sample library
# costs per byte here (about 0.3 and 0.5 µs), measured once below. A hostile input may cost up to
# BOUND_FACTOR times that per byte (Python-Markdown spends about 70 times it on a file of empty
# fenced code blocks, its costliest linear shape we found) plus BOUND_FIXED: generous for a loaded
# machine, and still far below any quadratic cost at these sizes (see the control test).
BOUND_FACTOR = 200
BOUND_FIXED = 0.5
RATE = {"per_byte": 0.0}


# What the hostile inputs are made of: each made this code or Python-Markdown super-linear once.
UNITS = [
    "[",
    "]",
    "![",
    "](",
    "[a](",
    "([",
    "[(",
    "[x][",
    "[`]`",
    "(",
    ")",
    "\\",
    "\\[",
    "`",
    "``",
    "```",
    "`a",
    "*",
    "**",
    "_",
    "__",
    "*a",
    "**_",
    "<",
    "<a ",
    "<a\n",
    "<a b='",
    "<!--",
    "-->",
    "<![",
    "</a ",
    "<x>",
    "<a@",
    "<http:",
    ">",
    "> ",
    "- ",
    "* ",
    "1. ",
    "- > ",
    "    ",
    "\t",
    " ",
    "|",
    "|a",
    "#",
    "# a\n",
    "## a",
    "---\n",
    "a\n=\n",
    "{",
    "{: #x ",
    "}",
    "=",
    "&",
    "&#",
    "'",
    '"',
    "~~~\n",
    "```a\n",
    "!!! note\n",
    "??? x\n",
    "a",
    "a ",
    "\n",
    "\n\n",
    "http://x",
    ":",
    "![x](<",
    "<b>a</b>",
]
unit = st.sampled_from(UNITS)
run = st.tuples(unit, st.integers(1, 6000)).map(lambda t: t[0] * t[1])
mixed = st.lists(unit, min_size=1, max_size=12).flatmap(
    lambda units: st.integers(1, 3000).map(lambda n: "".join(units) * n)
)
layered = st.lists(st.one_of(run, mixed), min_size=1, max_size=4).map("".join)
hostile_body = st.one_of(run, mixed, layered).filter(lambda s: len(s) <= 60_000)

STATS = {"inputs": 0, "refused": 0, "worst": 0.0, "worst_what": ""}


@pytest.fixture(scope="module", autouse=True)
def report():
    yield
    print(
        f"\nlinear-time fuzz: {STATS['inputs']} timed runs ({STATS['refused']} bodies refused by a limit); "
        f"worst {STATS['worst'] * 1e6:.2f} µs/byte (bound {_per_byte() * 1e6:.0f} µs/byte "
        f"+ {BOUND_FIXED} s), worst on {STATS['worst_what']}"
    )


def bounded(what: str, size: int, seconds: float, record: bool = True) -> None:
    if record:
        STATS["inputs"] += 1
        ratio = seconds / max(size, 1)
        if ratio > STATS["worst"]:
            STATS["worst"], STATS["worst_what"] = ratio, what
    bound = _per_byte() * size + BOUND_FIXED
    assert seconds <= bound, f"{what}: {seconds:.2f} s for {size} bytes (bound {bound:.2f} s)"


def timed(fn, *args):
    start = time.process_time()
    result = fn(*args)
    return result, time.process_time() - start


def _per_byte() -> float:
    """BOUND_FACTOR times the per-byte cost of validating or rendering real practices here."""
    if not RATE["per_byte"]:
        from mkdocs.config import load_config

        from lumbung.formats.frontmatter import parse

        config = load_config(str(REPO / "mkdocs.yml"))
        paths = sorted((REPO / "practices").rglob("*.md"))
        size = sum(p.stat().st_size for p in paths)
        text = "\n\n".join(parse(p.read_text(encoding="utf-8"), p.name).body for p in paths)
        best = []
        for _ in range(3):
            start = time.process_time()
            for p in paths:
                load_file(p, REPO, TODAY)
            validate = (time.process_time() - start) / size
            start = time.process_time()
            markdown.Markdown(
                extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
            ).convert(text)
            render = (time.process_time() - start) / len(text.encode("utf-8"))
            best.append(max(validate, render))
        RATE["per_byte"] = BOUND_FACTOR * min(best)
    return RATE["per_byte"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("linear") / "proyek"
    shutil.copytree(REPO / "practices", root / "practices")
    (root / "mkdocs.yml").write_text("site_name: Uji\ndocs_dir: practices\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def render():
    """Python-Markdown as the site builds pages: the extensions and options of mkdocs.yml."""
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    extensions, configs = config["markdown_extensions"], config["mdx_configs"]

    def convert_markdown(text: str) -> str:
        return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)

    convert_markdown("warm up")
    return convert_markdown


SAMPLE_TEXT = (REPO / SAMPLE).read_text(encoding="utf-8")
FUZZ = settings(
    max_examples=int(os.environ.get("LUMBUNG_FUZZ_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@FUZZ
@given(body=hostile_body)
def test_validator_and_renderer_are_linear_on_hostile_bodies(project, render, body):
    path = project / SAMPLE
    text = SAMPLE_TEXT + "\n" + body + "\n"
    path.write_text(text, encoding="utf-8")
    size = len(text.encode("utf-8"))
    practice, seconds = timed(load_file, path, project, TODAY)
    bounded(f"validate {body[:40]!r}... ({size} B)", size, seconds)
    if any(d.code.startswith("E70") for d in practice.diagnostics):
        STATS["refused"] += 1
    else:
        _, seconds = timed(render, practice.body)
        bounded(f"render {body[:40]!r}... ({size} B)", size, seconds)


def _aliases(depth: int, width: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, depth):
        refs = ", ".join(f"*a{i - 1}" for _ in range(width))
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines)


hostile_yaml = st.one_of(
    st.builds(_aliases, st.integers(2, 30), st.integers(2, 40)),  # billion laughs
    st.integers(1, 60_000).map(lambda n: "k" * n + ": v"),  # a huge key
    st.integers(1, 60_000).map(lambda n: "? " + "k" * n + "\n: v"),  # a huge explicit key
    st.integers(1, 20_000).map(lambda n: "x: " + "[" * n + "]" * n),  # deep flow nesting
    st.integers(1, 20_000).map(lambda n: "x: " + "{a: " * n + "1" + "}" * n),
    st.integers(1, 3000).map(lambda n: "x:\n" + "".join(" " * i + "- \n" for i in range(n))),
    st.integers(1, 30_000).map(lambda n: f"k{n}: v\n" * 1 + "".join(f"k{i}: v\n" for i in range(n))),
    st.integers(1, 60_000).map(lambda n: "summary: " + "a " * n),
    st.integers(1, 20_000).map(lambda n: "x: &a " + "*a " * n),
    st.integers(1, 5000).map(lambda n: "x: " + "!!str " * n + "v"),
    st.integers(1, 20_000).map(lambda n: 'x: "' + "\\u" * n + '"'),
    st.integers(1, 20_000).map(lambda n: "x: 1" + "_0" * n),
    st.integers(1, 20_000).map(lambda n: "x: 1" + ":0" * n),
)


@FUZZ
@given(extra=hostile_yaml)
def test_validator_is_linear_on_hostile_headers(project, extra):
    path = project / SAMPLE
    head, _, body = SAMPLE_TEXT[4:].partition("\n---\n")
    text = "---\n" + extra + "\n" + head + "\n---\n" + body
    path.write_text(text, encoding="utf-8")
    size = len(text.encode("utf-8"))
    _, seconds = timed(load_file, path, project, TODAY)
    bounded(f"header {extra[:40]!r}... ({size} B)", size, seconds)


ISSUE = (REPO / "tests/contrib/fixtures/issues/lengkap.md").read_text(encoding="utf-8")
ANSWERS = [part.split("\n", 1)[0] for part in ISSUE.split("### ")[1:]]


@settings(
    max_examples=int(os.environ.get("LUMBUNG_FUZZ_EXAMPLES", "120")) // 2,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(label=st.sampled_from(ANSWERS), text=hostile_body.filter(lambda s: len(s) <= 66_000))
def test_from_issue_is_linear_on_hostile_answers(project, label, text):
    start = ISSUE.index(f"### {label}\n")
    end = ISSUE.find("\n### ", start + 4)
    body = ISSUE[: start + len(label) + 6] + text + (ISSUE[end:] if end >= 0 else "")
    size = len(body.encode("utf-8"))
    _, seconds = timed(convert, body, project, TODAY)
    bounded(f"from-issue {label}: {text[:40]!r}... ({size} B)", size, seconds)


def test_a_library_of_hostile_files_loads_in_linear_time(tmp_path):
    """The whole pipeline (cross-file checks included) over many hostile files at once."""
    root = tmp_path / "proyek"
    shutil.copytree(REPO / "practices", root / "practices")
    (root / "mkdocs.yml").write_text("site_name: Uji\ndocs_dir: practices\n", encoding="utf-8")
    size = 0
    for i, piece in enumerate(UNITS):
        text = SAMPLE_TEXT.replace("gianyar", f"x{i}") + "\n" + piece * (20_000 // len(piece)) + "\n"
        path = root / "practices" / "bali" / f"hostile-{i}.md"
        path.write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    library, seconds = timed(Loader(root, workers=1).load, None, TODAY)
    assert len(library.practices) > len(UNITS)
    bounded(f"Loader over {len(UNITS)} hostile files", size, seconds)


def test_control_the_bound_catches_quadratic_rendering(project, render):
    """Raw Python-Markdown on a run of `[` (what the validator refuses) exceeds the same bound,
    so a quadratic path that slipped past the validator would fail the tests above."""
    body = "[" * 9000
    path = project / SAMPLE
    path.write_text(SAMPLE_TEXT + "\n" + body + "\n", encoding="utf-8")
    assert "E704" in {d.code for d in load_file(path, project, TODAY).diagnostics}
    _, seconds = timed(render, body)
    with pytest.raises(AssertionError, match="bound"):
        bounded("control: raw Python-Markdown on '[' * 9000", len(body), seconds, record=False)


# -- the build itself: the heaviest shapes the validator accepts, rendered by a real mkdocs build ----


def _blocks(unit: str, per_line: int, lines: int, blocks: int = 3) -> str:
    """`blocks` blocks of `lines` lines of `unit` repeated: as large as the limits allow."""
    line = (unit * per_line).rstrip() + "\n"
    return (line * lines + "\n") * blocks


HEAVY = {
    "pagar-kosong": "~~~\n~~~\n\n" * 4000,
    "kode-sebaris": _blocks("`a` ", 100, 45),
    "penekanan": _blocks("*a* **b** _c_ ", 30, 45),
    "tautan": _blocks("[a](https://contoh.go.id/a) ", 14, 45),
    "kurung-lepas": "".join("[ " * 8 + ("kata " * 80 + "\n") * 45 + "\n" for _ in range(3)),
    "daftar-bersarang": ("".join("    " * i + "- butir\n" for i in range(15)) + "\n") * 300,
    "judul-rapat": ("\n".join(f"### Sub {i}" for i in range(16)) + "\n\n") * 250,
    "tabel": ("| a | b |\n|---|---|\n" + "| sel | sel |\n" * 1400 + "\n") * 3,
    "kutipan": ("> " * 15 + "kutipan\n\n") * 1500,
}


@pytest.mark.slow
def test_a_build_of_the_heaviest_accepted_shapes_is_linear(tmp_path):
    """A real `mkdocs build` of the sample library, then of the library plus one practice per heavy
    shape the validator accepts (about 50 KB each): the extra build time is within the bound."""
    import resource

    from support.build import build, write_config

    def cpu_of_build(root: Path) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = build(write_config(root), strict=False, child=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert done.returncode == 0, done.log[-3000:]
        return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)

    plain = tmp_path / "biasa"
    shutil.copytree(REPO / "practices", plain / "practices")
    baseline = cpu_of_build(plain)
    heavy = tmp_path / "berat"
    shutil.copytree(REPO / "practices", heavy / "practices")
    size = 0
    for name, extra in HEAVY.items():
        text = (
            SAMPLE_TEXT.replace("gianyar-layanan-ramah-difabel", name) + "\n## Lampiran\n\nUji.\n\n" + extra
        )
        path = heavy / "practices" / "bali" / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        errors = [d for d in load_file(path, heavy, TODAY).diagnostics if d.severity == "error"]
        assert errors == [], (name, [d.code for d in errors])
        size += len(text.encode("utf-8"))
    extra_seconds = cpu_of_build(heavy) - baseline
    bounded(f"mkdocs build of {len(HEAVY)} heavy accepted practices ({size} B)", size, extra_seconds)
