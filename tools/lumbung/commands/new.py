"""lumbung new

`lumbung new`: ask a few questions (or take flags) and write a valid practice skeleton.

Presentation code of the CLI: the template text comes from the core (generate.py), the checks from
the validator, so what `new` writes is valid by construction and verified before it is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..generate import render_body, render_front_matter
from ..loader import load_file
from ..schema import is_valid_id, suggest_id
from ..vocabulary import NATIONAL, closest, province_slug, regions, vocabulary

Q = {
    "id": {
        "title": "Judul praktik (10-120 karakter)",
        "province": "Provinsi (nama resmi, atau Nasional)",
        "regency": "Kabupaten/kota (kosongkan bila tingkat provinsi)",
        "themes": "Tema (1-3 nomor atau slug, pisahkan dengan koma)",
        "office": "Instansi pelaksana",
        "author": "Nama penulis",
        "invalid": "  '{value}' tidak dikenal{hint}. Coba lagi.",
        "exists": "galat: {path} sudah ada; pilih judul atau --id lain",
        "missing": "galat: opsi {flag} wajib bila tidak interaktif (atau jalankan di terminal)",
        "written": "Berkas dibuat: {path}\nLangkah berikut: lengkapi isinya, lalu jalankan: lumbung validate {path}",
        "bad": "galat: kerangka tidak lolos pemeriksaan:",
    },
    "en": {
        "title": "Practice title (10-120 characters)",
        "province": "Province (official name, or Nasional)",
        "regency": "Regency/city (leave empty for province level)",
        "themes": "Themes (1-3 numbers or slugs, comma separated)",
        "office": "Issuing office",
        "author": "Author name",
        "invalid": "  '{value}' is not known{hint}. Try again.",
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
    'Contoh:\n  lumbung new\n  lumbung new --title "Kanvasing Lowongan ke Kawasan Industri" --province "Sumatera Selatan" \\\n'
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
            near = closest(province, [NATIONAL] + [p.name for p in regions().provinces])
            hint = f"; maksud Anda '{near}'?" if near and lang == "id" else (f"; did you mean '{near}'?" if near else "")
            sys.stderr.write(t["invalid"].format(value=province, hint=hint) + "\n")
            if not interactive:
                return 2
            province = None
        regency = args.regency
        if regency is None and interactive and province != NATIONAL:
            regency = _ask(t["regency"]) or None
        themes = _resolve_themes(args.themes) if args.themes else None
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
        "Tulis ringkasan 50-400 karakter: apa yang dilakukan, untuk siapa, dan hasil utamanya dalam satu-dua kalimat."
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
    text = render_front_matter(values) + "\n" + render_body(args.language)
    if args.stdout:
        sys.stdout.write(text)
        return 0
    folder = root / "practices" / (province_slug(province) or "nasional")
    path = folder / f"{pid}.md"
    rel = path.relative_to(root).as_posix()
    if path.exists():
        sys.stderr.write(t["exists"].format(path=rel) + "\n")
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    # Sections only hold guidance comments, so they count as empty: that is the contributor's job.
    practice = load_file(path, root, dt.date.today())
    problems = [d for d in practice.diagnostics if d.severity == "error" and d.code not in ("E303",)]
    if problems:
        path.unlink()
        sys.stderr.write(t["bad"] + "\n")
        for d in problems:
            sys.stderr.write(f"  {d.path}:{d.line or ''} {d.field or ''} {d.message(lang)} [{d.code}]\n")
        return 1
    sys.stdout.write(t["written"].format(path=rel) + "\n")
    return 0
