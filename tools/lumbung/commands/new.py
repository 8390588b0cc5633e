"""lumbung new

`lumbung new`: ask a few questions (or take flags) and write a valid practice skeleton.

Presentation code of the CLI: the template text comes from the core (generate.py), the checks from
the validator, so what `new` writes is valid by construction and verified before it is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ..diagnostics import Diagnostic, Hint, format_one
from ..generate import render_body, render_front_matter
from ..loader import load_file
from ..messages import word
from ..schema import is_valid_id, suggest_id
from ..vocabulary import NATIONAL, closest, province_hint, province_slug, regions, vocabulary

Q = {
    "id": {
        "title": "Judul praktik (10-120 karakter)",
        "province": "Provinsi (nama resmi, atau Nasional)",
        "regency": "Kabupaten/kota (kosongkan bila tingkat provinsi)",
        "themes": "Tema (1-3 nomor atau slug, pisahkan dengan koma)",
        "office": "Instansi pelaksana",
        "author": "Nama penulis",
        "invalid": "galat: {what} '{value}' tidak dikenal",
        "theme_count": "galat: pilih 1-3 tema",
        "retry": "  Coba lagi.",
        "province_word": "provinsi",
        "theme_word": "tema",
        "exists": "galat: {path} sudah ada; pilih judul atau --id lain",
        "missing": "galat: opsi {flag} wajib bila tidak interaktif (atau jalankan di terminal)",
        "written": (
            "Berkas dibuat: {path}\nLangkah berikut: lengkapi isinya, lalu jalankan: lumbung validate {path}"
        ),
        "bad": "galat: kerangka tidak lolos pemeriksaan:",
    },
    "en": {
        "title": "Practice title (10-120 characters)",
        "province": "Province (official name, or Nasional)",
        "regency": "Regency/city (leave empty for province level)",
        "themes": "Themes (1-3 numbers or slugs, comma separated)",
        "office": "Issuing office",
        "author": "Author name",
        "invalid": "error: {what} '{value}' is not known",
        "theme_count": "error: choose 1-3 themes",
        "retry": "  Try again.",
        "province_word": "province",
        "theme_word": "theme",
        "exists": "error: {path} already exists; choose another title or --id",
        "missing": "error: option {flag} is required when not interactive (or run in a terminal)",
        "written": "File written: {path}\nNext: complete the content, then run: lumbung validate {path}",
        "bad": "error: the skeleton does not pass the checks:",
    },
}


NAME = "new"
HELP = "Buat kerangka praktik baru"
DESCRIPTION = (
    "Menanyakan judul, provinsi, kabupaten/kota, tema dan instansi, lalu menulis kerangka berkas\n"
    "yang sah di folder yang benar. Semua pertanyaan juga tersedia sebagai opsi."
)
EXAMPLE = (
    "Contoh:\n  lumbung new\n"
    '  lumbung new --title "Kanvasing Lowongan ke Kawasan Industri" --province "Sumatera Selatan" \\\n'
    '      --regency "Kota Palembang" --theme employer-outreach --office "Disnaker Kota Palembang" \\\n'
    '      --author "Siti Rahmawati" --yes'
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--title", help="judul praktik")
    p.add_argument("--province", help="provinsi (nama resmi) atau Nasional")
    p.add_argument("--regency", help="kabupaten/kota (nama resmi)")
    p.add_argument("--theme", action="append", dest="themes", help="tema (boleh diulang, 1-3)")
    p.add_argument("--office", help="instansi pelaksana")
    p.add_argument("--author", help="nama penulis")
    p.add_argument("--level", help="jenjang penulis (lumbung vocab levels)")
    p.add_argument("--id", dest="practice_id", help="id praktik (bawaan: dari judul)")
    p.add_argument("--language", choices=["id", "en"], default="id", help="bahasa tulisan")
    p.add_argument("--yes", "-y", action="store_true", help="jangan bertanya; pakai opsi yang diberikan")
    p.add_argument("--stdout", action="store_true", help="cetak ke layar, jangan tulis berkas")


def _ask(prompt: str, default: str | None = None) -> str:
    suffix = f" [{default}]" if default else ""
    sys.stderr.write(f"{prompt}{suffix}: ")
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.strip() or (default or "")


def _resolve_province(value: str) -> str | None:
    if value == NATIONAL or regions().province(value):
        return value
    return None


def _resolve_themes(raw: list[str]) -> list[str] | None:
    slugs = list(vocabulary("themes").values)
    out = []
    for item in raw:
        for part in item.split(","):
            part = part.strip()
            if part.isdigit() and 1 <= int(part) <= len(slugs):
                out.append(slugs[int(part) - 1])
            elif part in slugs:
                out.append(part)
            elif part:
                return None
    return out if 1 <= len(out) <= 3 else None


def _complain(message: str, hints: list[Hint], lang: str) -> None:
    """An error line and its hint, shaped like `lumbung validate`'s."""
    hint = Diagnostic("", "", hints=tuple(hints)).hint(lang)
    sys.stderr.write(message + (f"\n  {word('hint', lang)}: {hint}" if hint else "") + "\n")


def _complain_themes(raw: list[str], t: dict[str, str], lang: str) -> None:
    slugs = list(vocabulary("themes").values)
    parts = [part.strip() for item in raw for part in item.split(",") if part.strip()]
    numbers = {str(i) for i in range(1, len(slugs) + 1)}
    unknown = next((p for p in parts if p not in slugs and p not in numbers), None)
    if unknown is None:
        _complain(t["theme_count"], [Hint("see_command", {"command": "lumbung vocab themes"})], lang)
        return
    near = closest(unknown, slugs)
    hints = [Hint("did_you_mean", {"value": near})] if near else []
    hints.append(Hint("see_command", {"command": "lumbung vocab themes"}))
    _complain(t["invalid"].format(what=t["theme_word"], value=unknown), hints, lang)


def run(args: argparse.Namespace, lang: str) -> int:
    from . import project_root

    root = project_root(lang)
    t = Q[lang]
    interactive = not args.yes and sys.stdin.isatty()
    values: dict[str, object] = {}
    try:
        title = args.title or (_ask(t["title"]) if interactive else None)
        if not title:
            sys.stderr.write(t["missing"].format(flag="--title") + "\n")
            return 2
        province = args.province
        while True:
            if province is None and interactive:
                province = _ask(t["province"])
            if province is None:
                sys.stderr.write(t["missing"].format(flag="--province") + "\n")
                return 2
            if _resolve_province(province):
                break
            found = province_hint(province)
            hints = [Hint(*found)] if found else []
            hints.append(Hint("see_command", {"command": "lumbung vocab provinces"}))
            _complain(t["invalid"].format(what=t["province_word"], value=province), hints, lang)
            if not interactive:
                return 2
            sys.stderr.write(t["retry"] + "\n")
            province = None
        regency = args.regency
        if regency is None and interactive and province != NATIONAL:
            regency = _ask(t["regency"]) or None
        themes = _resolve_themes(args.themes) if args.themes else None
        if themes is None and args.themes:
            _complain_themes(args.themes, t, lang)
            if not interactive:
                return 2
        while themes is None:
            if not interactive:
                sys.stderr.write(t["missing"].format(flag="--theme") + "\n")
                return 2
            for i, (slug, label) in enumerate(vocabulary("themes").values.items(), start=1):
                sys.stderr.write(f"  {i:2}. {slug}  {label}\n")
            themes = _resolve_themes([_ask(t["themes"])])
        office = args.office or (_ask(t["office"]) if interactive else None)
        if not office:
            sys.stderr.write(t["missing"].format(flag="--office") + "\n")
            return 2
        author = args.author or (_ask(t["author"]) if interactive else None) or "Nama Penulis"
    except EOFError:
        return 2
    values["title"] = title
    values["summary"] = (
        "Tulis ringkasan 50-400 karakter: apa yang dilakukan, untuk siapa, "
        "dan hasil utamanya dalam satu-dua kalimat."
    )
    values["date"] = dt.date.today()
    values["status"] = "draft"
    values["themes"] = themes
    values["region"] = {"province": province, "regency": regency}
    values["office"] = office
    values["authors"] = [{"name": author, "level": args.level}]
    values["language"] = args.language
    pid = args.practice_id or suggest_id(title)
    if not is_valid_id(pid):
        pid = suggest_id(pid)
    text = render_front_matter(values, optional_examples=True) + "\n" + render_body(args.language)
    if args.stdout:
        sys.stdout.write(text)
        return 0
    folder = root / "practices" / (province_slug(province) or "nasional")
    path = folder / f"{pid}.md"
    rel = path.relative_to(root).as_posix()
    if path.exists():
        sys.stderr.write(t["exists"].format(path=rel) + "\n")
        return 1
    created = [d for d in (folder, *folder.parents) if not d.exists()]  # deepest first
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    # Sections only hold guidance comments, so they count as empty: that is the contributor's job.
    practice = load_file(path, root, dt.date.today())
    problems = [d for d in practice.diagnostics if d.severity == "error" and d.code not in ("E303",)]
    if problems:
        path.unlink()
        for d in created:
            d.rmdir()
        sys.stderr.write(t["bad"] + "\n")
        for d in problems:
            sys.stderr.write(format_one(d, lang) + "\n")
        return 1
    sys.stdout.write(t["written"].format(path=rel) + "\n")
    return 0
