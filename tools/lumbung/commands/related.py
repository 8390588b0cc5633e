"""lumbung related"""

from __future__ import annotations

import argparse
import json
import sys

from lumbung.commands import UsageError, decimal, project_root

NAME = "related"
HELP = "Praktik yang mirip"
DESCRIPTION = (
    "Menampilkan praktik terbit yang isinya paling mirip dengan praktik ID (judul, ringkasan, kata\n"
    "kunci dan isi dibandingkan setelah imbuhan dilepas), dengan nilai kemiripan 0-1. Perhitungan\n"
    'yang sama mengisi "Praktik terkait" di situs.'
)
EXAMPLE = (
    "Contoh:\n  lumbung related palembang-job-canvassing\n"
    "  lumbung related lahat-bursa-kerja-desa --limit 5 --format json"
)
TEXT = {
    "id": {
        "unknown": "galat: praktik '{id}' tidak ditemukan",
        "near": "  petunjuk: maksud Anda '{near}'?",
        "head": "Praktik yang mirip dengan {id}:",
        "none": "Tidak ada praktik terbit yang mirip dengan {id}.",
        "score": "kemiripan",
        "limit_bad": "galat: --limit harus bilangan 1-100",
    },
    "en": {
        "unknown": "error: practice '{id}' not found",
        "near": "  hint: did you mean '{near}'?",
        "head": "Practices similar to {id}:",
        "none": "No published practice is similar to {id}.",
        "score": "similarity",
        "limit_bad": "error: --limit must be a number from 1 to 100",
    },
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID", help="id praktik (nama berkas tanpa .md)")
    p.add_argument("--limit", type=int, default=5, metavar="N", help="jumlah praktik (bawaan: 5)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="format keluaran")


def run(args: argparse.Namespace, lang: str) -> int:
    from lumbung.search.related import neighbours
    from lumbung.source.loader import Loader
    from lumbung.vocabulary import closest

    text = TEXT[lang]
    if not 1 <= args.limit <= 100:
        raise UsageError(text["limit_bad"])
    library = Loader(project_root(lang)).load()
    by_id = library.by_id
    practice = by_id.get(args.id)
    if practice is None or practice.meta is None:
        near = closest(args.id, list(by_id), cutoff=0.6)
        message = text["unknown"].format(id=args.id) + ("\n" + text["near"].format(near=near) if near else "")
        raise UsageError(message)
    found = neighbours(practice, library.published(), args.limit, library.root)
    rows = [(n, by_id[n.id]) for n in found]
    if args.format == "json":
        data = {
            "id": practice.id,
            "related": [
                {"id": n.id, "title": p.title, "path": p.relpath, "score": round(n.score, 3)} for n, p in rows
            ],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not rows:
        sys.stdout.write(text["none"].format(id=practice.id) + "\n")
        return 0
    out = [text["head"].format(id=practice.id)]
    for rank, (n, p) in enumerate(rows, 1):
        out += ["", f"{rank}. {n.id}  ({text['score']} {decimal(n.score, 2, lang)})", f"   {p.title}"]
    sys.stdout.write("\n".join(out) + "\n")
    return 0
