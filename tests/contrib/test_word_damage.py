"""Text pasted from Word, each damage named exactly (fixtures/word, golden expected/diagnostics.txt),
in a file and in the issue form."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from lumbung.authoring.issuebody import convert

WORD = Path(__file__).parent / "fixtures" / "word"
ISSUES = Path(__file__).parent / "fixtures" / "issues"


def test_word_damage_in_files_is_named_exactly(cli, update_goldens):
    result = cli("validate", "practices", cwd=WORD)
    golden = WORD / "expected" / "diagnostics.txt"
    if update_goldens:
        golden.write_text(result.out, encoding="utf-8")
    assert result.out == golden.read_text(encoding="utf-8")
    # the misleading diagnostics these used to give are gone
    for gone in ("[E110]", "[E116]", "berkas 'Foto' tidak ditemukan", "<o:p>", "kolom '\xa0 province'"):
        assert gone not in result.out


def test_a_word_table_is_one_diagnostic_but_a_script_in_it_is_not_hidden(cli, tmp_path):
    root = tmp_path / "proyek"
    shutil.copytree(WORD, root)
    path = root / "practices/jawa-barat/tempel-dari-word.md"
    text = path.read_text(encoding="utf-8").replace("<td>20</td>", "<td><script>alert(1)</script>20</td>")
    path.write_text(text, encoding="utf-8")
    out = cli("validate", "practices/jawa-barat/tempel-dari-word.md", cwd=root).out
    assert out.count("[E518]") == 1 and "HTML tidak diizinkan: <script> [E511]" in out


def test_word_damage_pasted_into_the_form_names_the_field_and_line(repo_root):
    body = (
        (ISSUES / "minimal.md")
        .read_text(encoding="utf-8")
        .replace(
            "Dua pengantar kerja bergiliran membuka meja konsultasi setiap Selasa dan Kamis.",
            "Langkah kami:\n1. Mendata peserta.\n2. Membuka meja.\n\n\u2022 Menyiapkan formulir\n"
            "o  Mencetak formulir\n\n![Foto Kegiatan 1.JPG](Foto Kegiatan 1.JPG)",
        )
    )
    result = convert(body, repo_root, dt.date(2025, 10, 9))
    got = [(p.where(), p.code) for p in result.problems]
    label = "Bagian Langkah Pelaksanaan"
    assert (label, "W310") in got and (label, "W311") in got and (label, "E519") in got
    assert not any(code == "E514" for _, code in got)


def test_the_body_checks_skip_only_plain_lines(repo_root):
    """The body checks look only at lines that can matter (fences, bullets, list items, tabs, images);
    on any mix of those shapes they report exactly what the check of every line reports."""
    import random

    from lumbung.rules import wordpaste

    rnd = random.Random(20260115)
    pieces = [
        *["- a", "* b", "+ c", "1. d", "2) e", "\u0663. f", "   - g", "    code", "# h", "> q", "|t|"],
        *["x\ty", "\t", "```", "~~~", "  ```", "o  x", "o\tx", "\u2022 x", "\uf0b7 y", "<!-- c -->"],
        *["![a b](c d.png)", "![x](y.jpg)", "teks biasa", "   ", wordpaste.PLACEHOLDERS[0]],
    ]
    bodies = [p.read_text(encoding="utf-8") for p in (repo_root / "practices").rglob("*.md")]
    for _ in range(3000):
        parts = (rnd.choice(pieces) + rnd.choice(["\n", "\n\n", " "]) for _ in range(rnd.randint(1, 25)))
        bodies.append("".join(parts))
    seen = set()
    for body in bodies:
        every = [(d.code, d.line, d.params) for d in wordpaste._body_lines("x.md", body, 5, None)]
        assert [(d.code, d.line, d.params) for d in wordpaste._body("x.md", body, 5)] == every, body
        seen.update(code for code, _, _ in every)
    assert {"W310", "W311", "W312", "E519", "E307"} <= seen  # the shapes do reach every check
