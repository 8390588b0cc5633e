"""`lumbung`: the command line over the core. Presentation only: every decision lives in the core."""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from . import __version__
from .diagnostics import ERROR, WARNING, counts, format_github, format_json, format_text
from .messages import default_lang

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2

T = {
    "id": {
        "no_root": "galat: proyek tidak ditemukan (tidak ada mkdocs.yml di folder ini atau di atasnya)",
        "no_root_hint": "  petunjuk: jalankan dari dalam repositori Lumbung Praktik, atau sebutkan berkasnya",
        "not_found": "galat: '{path}' tidak ditemukan",
        "internal": "galat internal: {error}\n  petunjuk: jalankan ulang dengan --debug dan laporkan ke pengelola",
        "interrupted": "dibatalkan",
    },
    "en": {
        "no_root": "error: project not found (no mkdocs.yml in this folder or above)",
        "no_root_hint": "  hint: run inside a Lumbung Praktik checkout, or name the files",
        "not_found": "error: '{path}' not found",
        "internal": "internal error: {error}\n  hint: run again with --debug and report it to the maintainers",
        "interrupted": "interrupted",
    },
}


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() returns 2 with our own message."""

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(message)


def _root_or_fail(lang: str, start: Path | None = None) -> Path:
    from .loader import find_project_root

    root = find_project_root(start)
    if root is None:
        raise UsageError(T[lang]["no_root"] + "\n" + T[lang]["no_root_hint"])
    return root


def cmd_validate(args: argparse.Namespace, lang: str) -> int:
    from .loader import Loader

    paths = [Path(p) for p in args.paths]
    for p in paths:
        if not p.exists() and not p.is_symlink():
            raise UsageError(T[lang]["not_found"].format(path=p))
    start = paths[0].resolve().parent if paths else None
    root = _root_or_fail(lang, start)
    library = Loader(root).load(paths or None)
    diags = library.diagnostics
    if args.format == "json":
        sys.stdout.write(format_json(diags, lang))
    elif args.format == "github":
        sys.stdout.write(format_github(diags, lang))
        from .diagnostics import summary_line

        sys.stderr.write(summary_line(diags, len(library.practices), lang) + "\n")
    else:
        sys.stdout.write(format_text(diags, len(library.practices), lang))
    errors, warnings = counts(diags)
    return EXIT_ERRORS if errors or (args.strict and warnings) else EXIT_OK


def cmd_schema(args: argparse.Namespace, lang: str) -> int:
    from .generate import json_schema

    sys.stdout.write(json.dumps(json_schema(lang), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def cmd_vocab(args: argparse.Namespace, lang: str) -> int:
    from .generate import vocab_rows

    try:
        rows = vocab_rows(args.name, args.province)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    width = max((len(k) for k, _ in rows), default=0)
    for key, label in rows:
        sys.stdout.write(f"{key.ljust(width)}  {label}\n" if label else f"{key}\n")
    return EXIT_OK


def cmd_new(args: argparse.Namespace, lang: str) -> int:
    from .new import run_new

    root = _root_or_fail(lang)
    return run_new(args, root, lang)


COMMANDS = {
    "validate": (
        cmd_validate,
        "Periksa berkas praktik",
        "Memeriksa berkas praktik (bawaan: seluruh folder practices/) dan melaporkan setiap masalah\n"
        "dengan baris, kolom, kode dan petunjuk perbaikan.",
        "Contoh:\n  lumbung validate\n  lumbung validate practices/sumatera-selatan/palembang-job-canvassing.md\n"
        "  lumbung validate --format json --lang en",
    ),
    "new": (
        cmd_new,
        "Buat kerangka praktik baru",
        "Menanyakan judul, provinsi, kabupaten/kota, tema dan instansi, lalu menulis kerangka berkas\n"
        "yang sah di folder yang benar. Semua pertanyaan juga tersedia sebagai opsi.",
        'Contoh:\n  lumbung new\n  lumbung new --title "Kanvasing Lowongan ke Kawasan Industri" --province "Sumatera Selatan" \\\n'
        '      --regency "Kota Palembang" --theme employer-outreach --office "Disnaker Kota Palembang" \\\n'
        '      --author "Siti Rahmawati" --yes',
    ),
    "schema": (
        cmd_schema,
        "Cetak JSON Schema front matter",
        "Mencetak JSON Schema header praktik, untuk penyunting seperti VS Code (ekstensi YAML).",
        "Contoh:\n  lumbung schema > practice.schema.json",
    ),
    "vocab": (
        cmd_vocab,
        "Daftar nilai yang diizinkan",
        "Mencetak nilai yang diizinkan beserta labelnya.",
        'Contoh:\n  lumbung vocab themes\n  lumbung vocab provinces\n  lumbung vocab regencies "Sumatera Selatan"',
    ),
}


def build_parser() -> Parser:
    parser = Parser(
        prog="lumbung",
        description="Lumbung Praktik: perkakas pustaka praktik baik Pengantar Kerja.",
        epilog="Contoh:\n  lumbung validate\n  lumbung new\n  lumbung vocab themes",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"lumbung {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=["id", "en"], help="bahasa pesan (bawaan: id, atau LUMBUNG_LANG)")
    common.add_argument("--debug", action="store_true", help="tampilkan traceback bila terjadi galat internal")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=Parser)
    for name, (func, short, desc, example) in COMMANDS.items():
        p = sub.add_parser(
            name, help=short, description=desc, epilog=example, parents=[common],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(func=func)
        if name == "validate":
            p.add_argument("paths", nargs="*", metavar="JALUR", help="berkas atau folder (bawaan: practices/)")
            p.add_argument("--format", choices=["text", "json", "github"], default="text", help="format keluaran")
            p.add_argument("--strict", action="store_true", help="peringatan juga dianggap galat")
        elif name == "vocab":
            p.add_argument(
                "name", choices=["themes", "target-groups", "levels", "partner-types", "provinces", "regencies"],
                help="daftar yang dicetak",
            )
            p.add_argument("province", nargs="?", help="provinsi (untuk regencies)")
        elif name == "new":
            from .new import add_arguments

            add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 problems found, 2 usage error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = default_lang()
    if "--lang" in argv:
        i = argv.index("--lang")
        if i + 1 < len(argv) and argv[i + 1] in ("id", "en"):
            lang = argv[i + 1]
    debug = "--debug" in argv
    try:
        args = build_parser().parse_args(argv)
        if not getattr(args, "func", None):
            build_parser().print_help()
            return EXIT_USAGE
        lang = args.lang or lang
        return args.func(args, lang)
    except UsageError as exc:
        msg = str(exc)
        sys.stderr.write((msg if msg.startswith(("galat", "error")) else f"lumbung: {msg}") + "\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write(T[lang]["interrupted"] + "\n")
        return 130
    except Exception as exc:  # never a traceback for users; --debug shows it for us
        if debug:
            traceback.print_exc()
        sys.stderr.write(T[lang]["internal"].format(error=f"{type(exc).__name__}: {exc}") + "\n")
        return EXIT_USAGE + 1


def main_entry() -> None:
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    sys.exit(main())


__all__ = ["main", "ERROR", "WARNING"]
