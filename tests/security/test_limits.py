"""Limits on the shape of a body (limits.py): exact diagnostics, and what real practices never reach.

Each case is a hostile shape that Python-Markdown (or the HTML parser) reads in more than linear
time, appended to a valid sample practice; the validator must refuse it with its own code, line
and Indonesian hint, and must not run the other body checks on it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from lumbung.diagnostics import format_one
from lumbung.rules import limits
from lumbung.source.loader import Loader, load_file
from support import REPO

SAMPLE = "practices/bali/gianyar-layanan-ramah-difabel.md"
TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def practice(tmp_path: Path):
    """Write the sample practice with `extra` appended to its body; returns the diagnostics."""
    root = tmp_path / "proyek"
    (root / "practices" / "bali").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: Uji\ndocs_dir: practices\n", encoding="utf-8")
    text = (REPO / SAMPLE).read_text(encoding="utf-8")

    def write(extra: str) -> tuple[int, list[str]]:
        path = root / SAMPLE
        path.write_text(text + "\n" + extra + "\n", encoding="utf-8")
        first = text.count("\n") + 2  # the line where `extra` starts
        diags = load_file(path, root, TODAY).diagnostics
        return first, [format_one(d) for d in diags]

    return write


P = SAMPLE


def test_line_too_long(practice):
    first, out = practice("Kata " * 2500)
    assert out == [
        f"{P}:{first}: baris terlalu panjang (12500 karakter; batas 10000) [E701]\n"
        "  petunjuk: pecah baris yang panjang menjadi beberapa baris atau paragraf"
    ]


def test_block_too_long(practice):
    first, out = practice("Kalimat yang cukup panjang untuk satu baris.\n" * 500)
    assert out == [
        f"{P}:{first}: blok teks tanpa baris kosong terlalu panjang (22499 karakter; batas 20000) [E702]\n"
        "  petunjuk: sisipkan baris kosong di antara paragraf, daftar dan tabel"
    ]


@pytest.mark.parametrize(
    ("extra", "depth"),
    [
        ("1. " * 40 + "a", 40),  # Python-Markdown ends in RecursionError here
        ("- > " * 10 + "a", 20),
        (" " * 68 + "- a", 18),
        ("\t" * 17 + "a", 17),
    ],
)
def test_nesting_too_deep(practice, extra, depth):
    first, out = practice(extra)
    assert out == [
        f"{P}:{first}: daftar atau kutipan bersarang terlalu dalam ({depth} tingkat; batas 16) [E703]\n"
        "  petunjuk: kurangi tingkat daftar bersarang dan indentasi"
    ]


@pytest.mark.parametrize(
    "extra", ["[" * 200, "![" * 100, "[a](" * 60, "([" * 100, "[`]`" * 100, "[" * 60 + "]" * 60]
)
def test_unpaired_or_nested_brackets(practice, extra):
    first, out = practice(extra)
    assert out == [
        f"{P}:{first}: terlalu banyak tanda '[' dan '(' yang tidak berpasangan atau bersarang di blok ini; "
        "situs akan sangat lambat membacanya [E704]\n"
        "  petunjuk: tutup setiap '[' dengan ']' dan setiap '(' tautan dengan ')'; "
        "tulis '\\[' bila maksudnya kurung siku biasa"
    ]


def test_unpaired_backtick_runs(practice):
    first, out = practice(" ".join("`" * k for k in range(1, 17)))
    assert out == [
        f"{P}:{first}: terlalu banyak tanda '`' yang tidak berpasangan atau bersarang di blok ini; "
        "situs akan sangat lambat membacanya [E704]\n"
        "  petunjuk: tutup setiap kode sebaris dengan jumlah '`' yang sama; "
        "tulis '\\`' bila maksudnya tanda '`' biasa"
    ]


def test_backtick_run_too_long(practice):
    first, out = practice("kode " + "`" * 17)
    assert out == [
        f"{P}:{first}: deretan 17 tanda '`' terlalu panjang (batas 16) [E705]\n"
        "  petunjuk: pakai lebih sedikit tanda '`' berturut-turut"
    ]


@pytest.mark.parametrize("line", ["# a", "---", "a\n==="])
def test_headings_and_rules_in_one_block(practice, line):
    first, out = practice("\n".join([line] * 17))
    assert out == [
        f"{P}:{first}: blok tanpa baris kosong memuat 17 judul atau garis pemisah (batas 16) [E706]\n"
        "  petunjuk: sisipkan baris kosong sebelum dan sesudah setiap judul bagian dan garis pemisah"
    ]


@pytest.mark.parametrize("unit", ["<a ", "<a\n", "<!--", "<a b='", "<![", "</a "])
def test_tags_never_closed(practice, unit):
    first, out = practice("Teks > biasa.\n\n" + unit * 21)
    assert out == [
        f"{P}:{first + 2}: 21 tag HTML dibuka dengan '<' tetapi tidak ditutup dengan '>' (batas 20) [E707]\n"
        "  petunjuk: tutup setiap tag dengan '>', atau tulis '&lt;' bila maksudnya tanda '<' biasa"
    ]


def test_one_diagnostic_per_limit_and_no_other_body_checks(practice):
    """A hostile body gets a short answer: each limit once, and not the section or HTML checks."""
    first, out = practice(("[" * 300 + "\n\n") * 5 + "<script>\n" + "<b " * 30)
    assert [o.split(" [")[-1].split("]")[0] for o in out] == ["E704", "E707"]


@pytest.mark.parametrize(
    "extra",
    [
        'Tautan [laporan](lampiran/laporan.pdf "judul") dan [situs](https://contoh.go.id/a_(b)).',
        "Kode `a` dan ``b ` c`` serta \\[bukan tautan\\] dan [a [b] c](https://contoh.go.id).",
        "1. satu\n    - dua\n        - tiga\n            > kutipan",
        "| a | b |\n|---|---|\n" + "| sel | sel |\n" * 300,
        "- [butir](https://contoh.go.id)\n" * 300,
        "* * *\n\n---\n\n## Bagian\nteks\n### Sub\nteks",
        "Harga < 5 dan a<b, panah -> dan <br> lalu <https://contoh.go.id>.",
        "[" * 5 + " kurung yang lupa ditutup",
    ],
)
def test_real_shapes_pass(practice, extra):
    _, out = practice(extra)
    assert [o for o in out if "[E70" in o] == []


def test_sample_library_and_limits_margin(tmp_path):
    """The sample library and the benchmark generator's practices are far inside every limit."""
    import subprocess
    import sys

    corpus = tmp_path / "korpus"
    subprocess.run(
        [sys.executable, str(REPO / "tools/bench/generate.py"), str(corpus), "200", "--profile", "full"],
        check=True,
        capture_output=True,
    )
    shutil.copytree(REPO / "practices", corpus / "practices" / "sampel")
    library = Loader(corpus).load(today=TODAY)
    assert [d for d in library.diagnostics if d.code.startswith("E70")] == []
    longest_line = max(len(line) for p in library.practices for line in (p.body or "").split("\n"))
    assert longest_line * 10 < limits.MAX_LINE


def test_from_issue_refuses_an_oversized_body_unread(cli, tmp_path):
    """GitHub's own limit: a larger body cannot come from an issue, and is not parsed at all."""
    root = tmp_path / "proyek"
    shutil.copytree(REPO / "practices", root / "practices")
    (root / "mkdocs.yml").write_text("site_name: Uji\ndocs_dir: practices\n", encoding="utf-8")
    body = tmp_path / "isu.md"
    body.write_text("### Judul\n\n" + "[" * 70_000 + "\n", encoding="utf-8")
    result = cli("from-issue", str(body), "--date", "2026-01-15", "--keep-invalid", cwd=root)
    assert result.rc == 1
    assert "isi isu terlalu besar (69 KB; batas 64 KB), jadi tidak dibaca" in result.out
    assert "GitHub sendiri membatasi isi isu 64 KB" in result.out
    assert not (root / "practices" / "nasional" / "praktik-baru.md").exists()
