"""lumbung schema"""

from __future__ import annotations

import argparse
import json
import sys

NAME = "schema"
HELP = "Cetak JSON Schema front matter"
DESCRIPTION = (
    "Mencetak JSON Schema header praktik (atau laporan replikasi dengan --replication), untuk\n"
    "penyunting seperti VS Code (ekstensi YAML): petakan practices/*/*.md ke skema praktik dan\n"
    "practices/*/replikasi/*.md ke skema laporan replikasi."
)
EXAMPLE = (
    "Contoh:\n  lumbung schema > practice.schema.json\n"
    "  lumbung schema --replication > replication.schema.json"
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--replication", action="store_true", help="skema laporan replikasi (kind: replication)")


def run(args: argparse.Namespace, lang: str) -> int:
    from lumbung.authoring.artefacts import json_schema
    from lumbung.model import PRACTICE, REPLICATION

    kind = REPLICATION if args.replication else PRACTICE
    sys.stdout.write(json.dumps(json_schema(lang, kind), ensure_ascii=False, indent=2) + "\n")
    return 0
