"""`lumbung new --replication PRACTICE-ID`: the skeleton of a replication report.

Asks (or takes as options) the office's province, kabupaten/kota, office and reporter, and writes
practices/<province>/replikasi/<id>.md with kind, replicates and the optional fields as commented-out
examples. The file is checked with the whole library before it is kept: the practice must exist
and be published.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from lumbung.authoring.artefacts import render_front_matter
from lumbung.diagnostics import format_one
from lumbung.rules.schema import REPLICATION, is_valid_id, report_folder, suggest_id
from lumbung.source.loader import Loader
from lumbung.vocabulary import NATIONAL, province_slug

BODY = (
    "<!-- Opsional: beberapa kalimat (paling banyak 1.500 karakter) tentang penerapannya. "
    "Cerita lengkap lebih baik ditulis sebagai praktik baru dengan replicated_from. -->\n"
)
MSG = {
    "id": {
        "bad_id": "galat: '{value}' bukan id praktik yang sah",
        "written": "Laporan replikasi dibuat: {path}\n"
        "Langkah berikut: isi adaptations (apa yang Anda ubah), lalu jalankan: lumbung validate {path}",
    },
    "en": {
        "bad_id": "error: '{value}' is not a valid practice id",
        "written": "Replication report written: {path}\n"
        "Next: fill in adaptations (what you changed), then run: lumbung validate {path}",
    },
}


def run(args: argparse.Namespace, lang: str, root: Path) -> int:
    from lumbung.commands.new import Q, _answer, _office, _province, _regency

    t, m = Q[lang], MSG[lang]
    ref = args.replication
    if not is_valid_id(ref):
        sys.stderr.write(m["bad_id"].format(value=ref) + "\n")
        return 2
    interactive = not args.yes and sys.stdin.isatty()
    try:
        province = _answer(t["province"], lambda v: _province(v, t), interactive, args.province, lang)
        if not province:
            sys.stderr.write(t["missing"].format(flag="--province") + "\n")
            return 2
        regency = None
        if province != NATIONAL and (args.regency is not None or interactive):
            regency = _answer(
                t["regency"], lambda v: _regency(v, province, t), interactive, args.regency, lang
            )
        office = _answer(t["office"], lambda v: _office(v, t), interactive, args.office, lang)
        if not office:
            sys.stderr.write(t["missing"].format(flag="--office") + "\n")
            return 2
        author = args.author or (input_line(t["author"]) if interactive else None) or "Nama Pelapor"
    except EOFError:
        return 2
    except SystemExit as exc:
        return int(exc.code or 2)
    values = {
        "kind": REPLICATION,
        "replicates": ref,
        "region": {"province": province, "regency": regency},
        "office": office,
        "date": dt.date.today(),
        "status": "draft",
        "authors": [{"name": author, "level": args.level}],
    }
    text = render_front_matter(values, optional_examples=True, kind=REPLICATION) + "\n" + BODY
    if args.stdout:
        sys.stdout.write(text)
        return 0
    pid = args.practice_id or suggest_id(f"{regency or office} {ref}")
    folder = root / "practices" / (province_slug(province) or "nasional") / report_folder()
    path = folder / f"{pid}.md"
    rel = path.relative_to(root).as_posix()
    if path.exists():
        sys.stderr.write(t["exists"].format(path=rel) + "\n")
        return 1
    created = [d for d in (folder, *folder.parents) if not d.exists()]  # deepest first
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    # Checked with the library: the practice must exist and be published (E403, E430).
    library = Loader(root).load([path])
    problems = [d for d in library.diagnostics if d.path == rel and d.severity == "error"]
    if problems:
        path.unlink()
        for made in created:
            made.rmdir()
        sys.stderr.write(t["bad"] + "\n")
        for d in problems:
            sys.stderr.write(format_one(d, lang) + "\n")
        return 1
    sys.stdout.write(m["written"].format(path=rel) + "\n")
    return 0


def input_line(prompt: str) -> str:
    from lumbung.commands.new import _ask

    return _ask(prompt)
