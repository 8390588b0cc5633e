"""lumbung schema"""

from __future__ import annotations

import argparse
import json
import sys

NAME = "schema"
HELP = "Cetak JSON Schema front matter"
DESCRIPTION = "Mencetak JSON Schema header praktik, untuk penyunting seperti VS Code (ekstensi YAML)."
EXAMPLE = "Contoh:\n  lumbung schema > practice.schema.json"


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace, lang: str) -> int:
    from ..generate import json_schema

    sys.stdout.write(json.dumps(json_schema(lang), ensure_ascii=False, indent=2) + "\n")
    return 0
