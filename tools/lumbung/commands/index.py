"""lumbung index"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from lumbung.commands import UsageError, decimal, project_root

NAME = "index"
HELP = "Bangun atau perbarui indeks pencarian"
DESCRIPTION = (
    "Membangun indeks pencarian di .lumbung-cache/index/ (tidak masuk git) atau memperbaruinya:\n"
    "hanya berkas praktik yang berubah, bertambah atau terhapus yang dibaca ulang. `lumbung search`\n"
    "memperbarui indeks sendiri bila perlu; perintah ini berguna untuk menyiapkannya lebih awal."
)
EXAMPLE = "Contoh:\n  lumbung index\n  lumbung index --rebuild"

TEXT = {
    "id": {
        "rebuilt": "indeks dibangun: {total} praktik ({seconds} dtk)",
        "updated": (
            "indeks diperbarui: {added} baru, {updated} berubah, {removed} terhapus;"
            " {total} praktik ({seconds} dtk)"
        ),
        "current": "indeks sudah mutakhir: {total} praktik",
        "busy": "galat: indeks sedang ditulis proses lain\n  petunjuk: tunggu sebentar lalu jalankan ulang",
        "bar": "mengindeks",
    },
    "en": {
        "rebuilt": "index built: {total} practices ({seconds} s)",
        "updated": (
            "index updated: {added} new, {updated} changed, {removed} removed;"
            " {total} practices ({seconds} s)"
        ),
        "current": "index is up to date: {total} practices",
        "busy": "error: another process is writing the index\n  hint: wait a moment and run again",
        "bar": "indexing",
    },
}


class ProgressBar:
    """A one-line progress bar on a terminal; silent when the stream is not a terminal (CI, pipes)."""

    WIDTH = 30

    def __init__(self, label: str, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.label = label
        self.enabled = self.stream.isatty()
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        filled = self.WIDTH * done // total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r" + " " * (len(self.label) + self.WIDTH + 24) + "\r")
            self.stream.flush()
            self.drawn = False


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rebuild", action="store_true", help="bangun ulang seluruh indeks dari awal")


def run(args: argparse.Namespace, lang: str) -> int:
    from lumbung.search.index import IndexBusy, SearchIndex

    text = TEXT[lang]
    index = SearchIndex(project_root(lang))
    bar = ProgressBar(text["bar"])
    try:
        report = index.update(progress=bar, rebuild=args.rebuild)
    except IndexBusy:
        raise UsageError(text["busy"]) from None
    finally:
        bar.close()
    values = {
        "total": report.total,
        "added": report.added,
        "updated": report.updated,
        "removed": report.removed,
        "seconds": decimal(report.seconds, 1, lang),
    }
    key = "rebuilt" if report.rebuilt else "updated" if report.changed else "current"
    sys.stdout.write(text[key].format(**values) + "\n")
    return 0
