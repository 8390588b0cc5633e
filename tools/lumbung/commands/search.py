"""lumbung search"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from lumbung.commands import UsageError, decimal, project_root

if TYPE_CHECKING:
    from lumbung.search.query import SearchResult

NAME = "search"
HELP = "Cari praktik"
DESCRIPTION = (
    'Mencari praktik terbit. Pencarian memahami imbuhan bahasa Indonesia ("penempatan" menemukan\n'
    '"menempatkan"), singkatan dan sinonim (PHK, AK/I, BKK, job fair), singkatan provinsi (NTT,\n'
    "Jatim) dan menyarankan ejaan bila ada kata yang salah ketik. Praktik yang memuat semua kata\n"
    "tampil lebih dulu, lalu yang memuat sebagian. Indeks diperbarui otomatis bila ada berkas\n"
    "praktik yang berubah.\n"
    "Keluar 0 bila ada hasil, 1 bila tidak ada, 2 bila perintahnya salah."
)
EXAMPLE = (
    "Contoh:\n"
    '  lumbung search "penempatan disabilitas"\n'
    '  lumbung search PHK --province "Jawa Barat"\n'
    "  lumbung search pelatihan --theme training-placement --limit 5\n"
    '  lumbung search "job fair" --format json'
)

TEXT = {
    "id": {
        "count": '{total} praktik untuk "{query}"',
        "shown": " (menampilkan {shown})",
        "none": 'Tidak ada praktik yang cocok dengan "{query}".',
        "corrected": 'Tidak ada hasil untuk "{query}"; menampilkan hasil untuk "{suggestion}".',
        "corrected_word": 'Ejaan disesuaikan: menampilkan hasil untuk "{suggestion}", bukan "{query}".',
        "truncated": "Kueri terlalu panjang: hanya {words} kata pertama yang dicari.",
        "suggest": 'Maksud Anda: "{suggestion}"?',
        "partial": "Hasil teratas tidak memuat semua kata yang dicari (tidak ada: {missing}).",
        "score": "skor",
        "facets": "Saring hasil:",
        "themes": "Tema",
        "province": "Provinsi",
        "target_groups": "Kelompok sasaran",
        "year": "Tahun",
        "unknown": "galat: {what} '{value}' tidak dikenal",
        "hint_near": "  petunjuk: maksud Anda '{near}'?",
        "hint_list": "  petunjuk: daftar nilai: {command}",
        "year_bad": "galat: tahun '{value}' tidak sah\n  petunjuk: tulis empat angka, misalnya 2025",
        "limit_bad": "galat: --limit harus bilangan 1-100",
        "busy": "peringatan: indeks sedang ditulis proses lain; hasil mungkin belum memuat perubahan terbaru",
        "refresh": "memperbarui indeks",
    },
    "en": {
        "count": '{total} practices for "{query}"',
        "shown": " (showing {shown})",
        "none": 'No practice matches "{query}".',
        "corrected": 'No results for "{query}"; showing results for "{suggestion}".',
        "corrected_word": 'Spelling adjusted: showing results for "{suggestion}", not "{query}".',
        "truncated": "Query too long: only its first {words} words were searched.",
        "suggest": 'Did you mean: "{suggestion}"?',
        "partial": "The top results do not contain every word searched for (missing: {missing}).",
        "score": "score",
        "facets": "Narrow down:",
        "themes": "Theme",
        "province": "Province",
        "target_groups": "Target group",
        "year": "Year",
        "unknown": "error: {what} '{value}' is not known",
        "hint_near": "  hint: did you mean '{near}'?",
        "hint_list": "  hint: list of values: {command}",
        "year_bad": "error: year '{value}' is not valid\n  hint: write four digits, e.g. 2025",
        "limit_bad": "error: --limit must be a number from 1 to 100",
        "busy": "warning: another process is writing the index; results may miss the latest changes",
        "refresh": "updating the index",
    },
}
LIST_COMMANDS = {
    "themes": "lumbung vocab themes",
    "target_groups": "lumbung vocab target-groups",
    "province": "lumbung vocab provinces",
}
BOLD, RESET = "\x1b[1m", "\x1b[0m"
FACETS_SHOWN = 6


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="+", metavar="KATA", help="kata yang dicari")
    p.add_argument("--theme", metavar="TEMA", help="hanya tema ini (slug atau label; lumbung vocab themes)")
    p.add_argument("--province", metavar="PROVINSI", help='hanya provinsi ini, misalnya "Jawa Barat"')
    p.add_argument(
        "--target-group", metavar="KELOMPOK", help="hanya kelompok sasaran ini (lumbung vocab target-groups)"
    )
    p.add_argument("--year", metavar="TAHUN", help="hanya praktik yang berjalan pada tahun ini")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="jumlah hasil (bawaan: 10)")
    p.add_argument("--all", action="store_true", help="sertakan draf dan praktik yang sedang ditinjau")
    p.add_argument("--format", choices=["text", "json"], default="text", help="format keluaran")


def _filters(args: argparse.Namespace, lang: str) -> dict[str, str]:
    from lumbung.search.query import FilterError, resolve_filters

    text = TEXT[lang]
    try:
        return resolve_filters(args.theme, args.province, args.target_group, args.year)
    except FilterError as exc:
        if exc.name == "year":
            raise UsageError(text["year_bad"].format(value=exc.value)) from None
        lines = [text["unknown"].format(what=text[exc.name].lower(), value=exc.value)]
        if exc.suggestion:
            lines.append(text["hint_near"].format(near=exc.suggestion))
        else:
            lines.append(text["hint_list"].format(command=LIST_COMMANDS[exc.name]))
        raise UsageError("\n".join(lines)) from None


def run(args: argparse.Namespace, lang: str) -> int:
    from lumbung.commands.index import ProgressBar
    from lumbung.search.index import IndexBusy, SearchIndex
    from lumbung.search.query import ALL_VISIBLE, PUBLISHED_ONLY, search

    text = TEXT[lang]
    if not 1 <= args.limit <= 100:
        raise UsageError(text["limit_bad"])
    filters = _filters(args, lang)
    index = SearchIndex(project_root(lang))
    if index.is_stale():
        bar = ProgressBar(text["refresh"])
        try:
            index.update(progress=bar)
        except IndexBusy:
            sys.stderr.write(text["busy"] + "\n")
        finally:
            bar.close()
    query = " ".join(args.query)
    statuses = ALL_VISIBLE if args.all else PUBLISHED_ONLY
    result = search(index, query, filters, args.limit, statuses)
    if args.format == "json":
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_text(result, lang, sys.stdout.isatty()))
    return 0 if result.results else 1


def _label(name: str, value: str) -> str:
    from lumbung.vocabulary import vocabulary

    if name == "themes":
        return vocabulary("themes").label(value)
    if name == "target_groups":
        return vocabulary("target-groups").label(value)
    return value


def format_text(result: SearchResult, lang: str, tty: bool = False) -> str:
    """Ranked results, facets and a did-you-mean line, as plain text (bold matches on a terminal)."""
    from lumbung.search.query import snippet_text
    from lumbung.search.ranking import MAX_QUERY_WORDS

    text = TEXT[lang]
    out: list[str] = []
    if result.truncated:
        out.append(text["truncated"].format(words=MAX_QUERY_WORDS))
    if result.corrected:
        key = "corrected_word" if result.had_results else "corrected"
        out.append(text[key].format(query=result.query, suggestion=result.suggestion))
    if not result.results:
        out.append(text["none"].format(query=result.query))
        if result.suggestion:
            out.append(text["suggest"].format(suggestion=result.suggestion))
        return "\n".join(out) + "\n"
    shown = len(result.results)
    query = result.suggestion if result.corrected else result.query
    head = text["count"].format(total=result.total, query=query)
    out.append(head + (text["shown"].format(shown=shown) if shown < result.total else "") + ":")
    if result.partial:
        out.append(text["partial"].format(missing=", ".join(result.missing)))
    before, after = (BOLD, RESET) if tty else ("«", "»")
    for rank, hit in enumerate(result.results, 1):
        out.append("")
        out.append(f"{rank}. {hit.id}  ({text['score']} {decimal(hit.score, 2, lang)})")
        out.append(f"   {hit.title}")
        place = ", ".join(x for x in (hit.province, hit.regency) if x)
        if place:
            out.append(f"   {place}")
        snippet = snippet_text(hit.snippet, before, after)
        if snippet:
            out.append(f"   {snippet}")
    facets = [(name, values) for name, values in result.facets.items() if values]
    if facets and result.total > 1:
        out.append("")
        out.append(text["facets"])
        for name, values in facets:
            items = list(values.items())[:FACETS_SHOWN]
            listed = ", ".join(f"{_label(name, v)} ({n})" for v, n in items)
            more = ", …" if len(values) > FACETS_SHOWN else ""
            out.append(f"  {text[name]}: {listed}{more}")
    if result.suggestion and not result.corrected:
        out.append("")
        out.append(text["suggest"].format(suggestion=result.suggestion))
    return "\n".join(out) + "\n"
