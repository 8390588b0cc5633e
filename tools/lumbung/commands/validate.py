"""lumbung validate"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lumbung.commands import UsageError, project_root
from lumbung.diagnostics import check_summary, counts, format_github, format_json, format_text

NAME = "validate"
HELP = "Periksa berkas praktik"
DESCRIPTION = (
    "Memeriksa berkas praktik (bawaan: seluruh folder practices/) dan melaporkan setiap masalah\n"
    "dengan baris, kolom, kode dan petunjuk perbaikan. Keluar 0 bila tidak ada galat, 1 bila ada\n"
    "galat (atau peringatan dengan --strict), 2 bila perintahnya salah."
)
EXAMPLE = (
    "Contoh:\n  lumbung validate\n  lumbung validate practices/sumatera-selatan/palembang-job-canvassing.md\n"
    "  lumbung validate --format json --lang en\n  lumbung validate --format github --strict"
)
NOT_FOUND = {"id": "galat: '{path}' tidak ditemukan", "en": "error: '{path}' not found"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="JALUR", help="berkas atau folder (bawaan: practices/)")
    p.add_argument("--format", choices=["text", "json", "github"], default="text", help="format keluaran")
    p.add_argument("--strict", action="store_true", help="peringatan juga dianggap galat")


def run(args: argparse.Namespace, lang: str) -> int:
    from lumbung.rules.duplicates import duplicate_warnings
    from lumbung.source.loader import Loader

    paths = [Path(p) for p in args.paths]
    for p in paths:
        if not p.exists() and not p.is_symlink():
            raise UsageError(NOT_FOUND[lang].format(path=p))
    root = project_root(lang, paths[0].resolve().parent if paths else None)
    loader = Loader(root)
    library = loader.load(paths or None)
    # Near-copies are looked for across the whole library, even when only some files are named.
    diags = library.diagnostics + duplicate_warnings(library, among=loader.load() if paths else None)
    files = len(library.documents)
    if args.format == "json":
        sys.stdout.write(format_json(diags, lang))
    elif args.format == "github":
        sys.stdout.write(format_github(diags, lang))
        sys.stderr.write(check_summary(diags, files, lang) + "\n")
    else:
        sys.stdout.write(format_text(diags, files, lang))
    if args.debug:  # our own bugs (E900) carry their traceback; show it to us, never to contributors
        for d in diags:
            if d.code == "E900" and d.params.get("traceback"):
                sys.stderr.write(f"{d.path}:\n{d.params['traceback']}")
    errors, warnings = counts(diags)
    return 1 if errors or (args.strict and warnings) else 0
