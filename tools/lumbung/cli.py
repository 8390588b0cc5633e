"""`lumbung`: the command line over the core. Presentation only: every decision lives in the core."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from typing import NoReturn

from lumbung import __version__
from lumbung.commands import UsageError
from lumbung.messages import default_lang

# One module per command in lumbung/commands/, in the order `lumbung --help` lists them.
COMMANDS = ["validate", "new", "schema", "vocab", "from_issue", "index", "search", "related"]

INTERNAL = {
    "id": "galat internal: {error}\n  petunjuk: jalankan ulang dengan --debug dan laporkan ke pengelola",
    "en": "internal error: {error}\n  hint: run again with --debug and report it to the maintainers",
}


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() returns 2 with our own message."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"lumbung: {message}")


def build_parser() -> Parser:
    parser = Parser(
        prog="lumbung",
        description="Lumbung Praktik: perkakas pustaka praktik baik Pengantar Kerja.",
        epilog="Contoh:\n  lumbung validate\n  lumbung new\n  lumbung vocab themes",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"lumbung {__version__}")
    common = Parser(add_help=False)
    common.add_argument("--lang", choices=["id", "en"], help="bahasa pesan (bawaan: id, atau LUMBUNG_LANG)")
    common.add_argument(
        "--debug", action="store_true", help="tampilkan traceback bila terjadi galat internal"
    )
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=Parser)
    for name in COMMANDS:
        module = importlib.import_module(f".commands.{name}", __package__)
        p = sub.add_parser(
            module.NAME,
            help=module.HELP,
            description=module.DESCRIPTION,
            epilog=module.EXAMPLE,
            parents=[common],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    return parser


def _lang_from(argv: list[str]) -> str:
    if "--lang" in argv:
        i = argv.index("--lang")
        if i + 1 < len(argv) and argv[i + 1] in ("id", "en"):
            return argv[i + 1]
    return default_lang()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 problems found, 2 usage error, 3 internal error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from(argv)
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "run", None):
            parser.print_help(sys.stderr)
            return 2
        code: int = args.run(args, args.lang or lang)
        return code
    except UsageError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    except SystemExit as exc:  # --help and --version end argparse with SystemExit(0)
        return exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        sys.stderr.write("dibatalkan\n" if lang == "id" else "interrupted\n")
        return 130
    except Exception as exc:  # never a traceback for users; --debug shows it for us
        if "--debug" in argv:
            traceback.print_exc()
        sys.stderr.write(INTERNAL[lang].format(error=f"{type(exc).__name__}: {exc}") + "\n")
        return 3


def main_entry() -> None:
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    main_entry()
