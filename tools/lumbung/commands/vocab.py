"""lumbung vocab"""

from __future__ import annotations

import argparse
import sys

from lumbung.commands import UsageError

NAME = "vocab"
HELP = "Daftar nilai yang diizinkan"
DESCRIPTION = "Mencetak nilai yang diizinkan beserta labelnya (tema, kelompok sasaran, jenjang, wilayah)."
EXAMPLE = (
    'Contoh:\n  lumbung vocab themes\n  lumbung vocab provinces\n  lumbung vocab regencies "Sumatera Selatan"'
)
LISTS = ["themes", "target-groups", "levels", "partner-types", "outcome-kinds", "provinces", "regencies"]


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", choices=LISTS, help="daftar yang dicetak")
    p.add_argument("province", nargs="?", help="provinsi (untuk regencies)")


def run(args: argparse.Namespace, lang: str) -> int:
    from lumbung.authoring.artefacts import vocab_rows

    try:
        rows = vocab_rows(args.name, args.province)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    width = max((len(k) for k, _ in rows), default=0)
    for key, label in rows:
        sys.stdout.write(f"{key.ljust(width)}  {label}".rstrip() + "\n")
    return 0
