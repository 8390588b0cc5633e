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
from lumbung.commands.skeleton import Missing, Q, ask, ask_office, ask_place, stopped, write_checked
from lumbung.diagnostics import Diagnostic
from lumbung.model import REPLICATION
from lumbung.rules.schema import is_valid_id, report_folder, suggest_id
from lumbung.source.loader import Loader
from lumbung.vocabulary import province_slug

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
    t, m = Q[lang], MSG[lang]
    ref = args.replication
    if not is_valid_id(ref):
        sys.stderr.write(m["bad_id"].format(value=ref) + "\n")
        return 2
    interactive = not args.yes and sys.stdin.isatty()
    try:
        province, regency = ask_place(args, t, interactive, lang)
        office = ask_office(args, t, interactive, lang)
        author = args.author or (ask(t["author"]) if interactive else None) or "Nama Pelapor"
    except (Missing, EOFError, SystemExit) as exc:
        return stopped(exc, t)
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

    def problems_of(written: Path) -> list[Diagnostic]:
        # Checked with the library: the practice must exist and be published (E403, E430).
        library = Loader(root).load([written])
        return [d for d in library.diagnostics if d.path == rel and d.severity == "error"]

    if not write_checked(path, text, problems_of, t, lang):
        return 1
    sys.stdout.write(m["written"].format(path=rel) + "\n")
    return 0
