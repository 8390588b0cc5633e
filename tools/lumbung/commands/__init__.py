"""CLI commands, one module each: NAME, HELP, DESCRIPTION, EXAMPLE, add_arguments(parser), run(args, lang).

Commands are presentation: they parse arguments, call the core and print. cli.py lists them in
COMMANDS; a new command is a new module here plus one line there.
"""

from __future__ import annotations

from pathlib import Path


class UsageError(Exception):
    """Bad arguments or environment: exit code 2 with this message."""


NO_ROOT = {
    "id": "galat: proyek tidak ditemukan (tidak ada mkdocs.yml di folder ini atau di atasnya)\n"
    "  petunjuk: jalankan dari dalam repositori Lumbung Praktik, atau sebutkan berkasnya",
    "en": "error: project not found (no mkdocs.yml in this folder or above)\n"
    "  hint: run inside a Lumbung Praktik checkout, or name the files",
}


def decimal(value: float, places: int, lang: str) -> str:
    """A figure for the reader: a decimal comma in Indonesian (0,25 detik), a point in English."""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if lang == "id" else text


def project_root(lang: str, start: Path | None = None) -> Path:
    """The project root (folder with mkdocs.yml) or a UsageError in the reader's language."""
    from lumbung.source.loader import find_project_root

    root = find_project_root(start)
    if root is None:
        raise UsageError(NO_ROOT[lang])
    return root
