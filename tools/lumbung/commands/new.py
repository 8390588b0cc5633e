"""`lumbung new`: ask a few questions (or take flags) and write a valid practice skeleton.

With `--replication PRACTICE-ID` the skeleton is a replication report (`new_replication.py`). The
questions and the checked write are shared in `skeleton.py`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from lumbung.authoring.artefacts import render_body, render_front_matter
from lumbung.commands import new_replication
from lumbung.commands.skeleton import (
    Missing,
    Q,
    answer,
    ask,
    ask_office,
    ask_place,
    check_themes,
    check_title,
    stopped,
    write_checked,
)
from lumbung.diagnostics import Diagnostic
from lumbung.rules.schema import is_valid_id, suggest_id
from lumbung.source.loader import load_file
from lumbung.vocabulary import province_slug, vocabulary

NAME = "new"
HELP = "Buat kerangka praktik baru"
DESCRIPTION = (
    "Menanyakan judul, provinsi, kabupaten/kota, tema dan instansi, lalu menulis kerangka berkas\n"
    "yang sah di folder yang benar. Semua pertanyaan juga tersedia sebagai opsi."
)
EXAMPLE = (
    "Contoh:\n  lumbung new\n"
    '  lumbung new --title "Kanvasing Lowongan ke Kawasan Industri" --province "Sumatera Selatan" \\\n'
    '      --regency "Kota Palembang" --theme employer-outreach --office "Disnaker Kota Palembang" \\\n'
    '      --author "Siti Rahmawati" --yes\n'
    '  lumbung new --replication palembang-job-canvassing --province Jambi --regency "Kota Jambi" \\\n'
    '      --office "Dinas Tenaga Kerja Kota Jambi" --author "Rina Marlina" --yes'
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--title", help="judul praktik")
    p.add_argument("--province", help="provinsi (nama resmi) atau Nasional")
    p.add_argument("--regency", help="kabupaten/kota (nama resmi)")
    p.add_argument("--theme", action="append", dest="themes", help="tema (boleh diulang, 1-3)")
    p.add_argument("--office", help="instansi pelaksana")
    p.add_argument("--author", help="nama penulis")
    p.add_argument("--level", help="jenjang penulis (lumbung vocab levels)")
    p.add_argument("--id", dest="practice_id", help="id praktik (bawaan: dari judul)")
    p.add_argument("--language", choices=["id", "en"], default="id", help="bahasa tulisan")
    p.add_argument("--yes", "-y", action="store_true", help="jangan bertanya; pakai opsi yang diberikan")
    p.add_argument("--stdout", action="store_true", help="cetak ke layar, jangan tulis berkas")
    p.add_argument(
        "--replication",
        metavar="ID-PRAKTIK",
        help="buat laporan replikasi: kantor Anda menerapkan praktik ID-PRAKTIK (yang sudah terbit)",
    )


def run(args: argparse.Namespace, lang: str) -> int:
    from lumbung.commands import project_root

    root = project_root(lang)
    if args.replication:
        return new_replication.run(args, lang, root)
    t = Q[lang]
    interactive = not args.yes and sys.stdin.isatty()
    values: dict[str, object] = {}
    try:
        title = answer(t["title"], lambda v: check_title(v, t), interactive, args.title, lang)
        if not title:
            raise Missing("--title")
        province, regency = ask_place(args, t, interactive, lang)
        if not interactive and args.themes is None:
            raise Missing("--theme")
        if interactive and args.themes is None:
            for i, (slug, label) in enumerate(vocabulary("themes").values.items(), start=1):
                sys.stderr.write(f"  {i:2}. {slug}  {label}\n")
        given_themes = ", ".join(args.themes) if args.themes else None
        themes = answer(t["themes"], lambda v: check_themes([v], t), interactive, given_themes, lang)
        office = ask_office(args, t, interactive, lang)
        author = args.author or (ask(t["author"]) if interactive else None) or "Nama Penulis"
    except (Missing, EOFError, SystemExit) as exc:
        return stopped(exc, t)
    values["title"] = title
    values["summary"] = (
        "Tulis ringkasan 50-400 karakter: apa yang dilakukan, untuk siapa, "
        "dan hasil utamanya dalam satu-dua kalimat."
    )
    values["date"] = dt.date.today()
    values["status"] = "draft"
    values["themes"] = themes
    values["region"] = {"province": province, "regency": regency}
    values["office"] = office
    values["authors"] = [{"name": author, "level": args.level}]
    values["language"] = args.language
    pid = args.practice_id or suggest_id(title)
    if not is_valid_id(pid):
        pid = suggest_id(pid)
    text = render_front_matter(values, optional_examples=True) + "\n" + render_body(args.language)
    if args.stdout:
        sys.stdout.write(text)
        return 0
    folder = root / "practices" / (province_slug(province) or "nasional")
    path = folder / f"{pid}.md"
    rel = path.relative_to(root).as_posix()
    while path.exists():  # interactively, ask for another id rather than lose the answers
        sys.stderr.write(t["exists"].format(path=rel) + "\n")
        if not interactive:
            return 1
        try:
            pid = suggest_id(ask(t["other_id"], f"{pid}-2"))
        except EOFError:
            return 1
        path = folder / f"{pid}.md"
        rel = path.relative_to(root).as_posix()

    def problems_of(written: Path) -> list[Diagnostic]:
        # Sections only hold guidance comments, so they count as empty: that is the contributor's job.
        practice = load_file(written, root, dt.date.today())
        return [d for d in practice.diagnostics if d.severity == "error" and d.code not in ("E303", "E307")]

    if not write_checked(path, text, problems_of, t, lang):
        return 1
    sys.stdout.write(t["written"].format(path=rel) + "\n")
    return 0
