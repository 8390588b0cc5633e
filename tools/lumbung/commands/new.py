"""lumbung new

`lumbung new`: ask a few questions (or take flags) and write a valid practice skeleton.

Presentation code of the CLI: the template text comes from the core (generate.py), the checks from
the validator, so what `new` writes is valid by construction and verified before it is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from lumbung.authoring.artefacts import render_body, render_front_matter
from lumbung.authoring.issuebody.answers import choices_of, lookup, unknown_choice
from lumbung.diagnostics import Diagnostic, Hint, format_one
from lumbung.messages import word
from lumbung.places import choose, read_province, read_regency
from lumbung.rules.schema import is_valid_id, suggest_id
from lumbung.source.loader import load_file
from lumbung.vocabulary import NATIONAL, province_hint, province_slug, regions, vocabulary

Q = {
    "id": {
        "title": "Judul praktik (10-120 karakter)",
        "province": "Provinsi (misalnya Jawa Barat atau jabar, atau Nasional)",
        "regency": "Kabupaten/kota (kosongkan bila tingkat provinsi)",
        "themes": "Tema (1-3 nomor atau nama, pisahkan dengan koma)",
        "office": "Instansi pelaksana",
        "author": "Nama penulis",
        "invalid": "galat: {what} '{value}' tidak dikenal",
        "theme_count": "galat: pilih 1-3 tema",
        "title_length": "galat: judul {length} karakter; harus 10-120",
        "which": "'{value}' ada dua: {choices}? Ketik namanya, atau 1/2",
        "or": " atau ",
        "regency_invalid": "galat: kabupaten/kota '{value}' tidak ada di {province}",
        "office_empty": "galat: instansi wajib diisi",
        "other_id": "Id lain untuk berkas ini",
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
        "themes": "Themes (1-3 numbers or names, comma separated)",
        "office": "Issuing office",
        "author": "Author name",
        "invalid": "error: {what} '{value}' is not known",
        "theme_count": "error: choose 1-3 themes",
        "title_length": "error: the title has {length} characters; it must have 10-120",
        "which": "'{value}' is two places: {choices}? Type the name, or 1/2",
        "or": " or ",
        "regency_invalid": "error: regency/city '{value}' is not in {province}",
        "office_empty": "error: the issuing office is required",
        "other_id": "Another id for this file",
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
    '      --author "Siti Rahmawati" --yes\n'
    '  lumbung new --replication palembang-job-canvassing --province Jambi --regency "Kota Jambi" \\\n'
    '      --office "Dinas Tenaga Kerja Kota Jambi" --author "Rina Marlina" --yes'
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
    p.add_argument(
        "--replication",
        metavar="ID-PRAKTIK",
        help="buat laporan replikasi: kantor Anda menerapkan praktik ID-PRAKTIK (yang sudah terbit)",
    )


def _ask(prompt: str, default: str | None = None) -> str:
    suffix = f" [{default}]" if default else ""
    sys.stderr.write(f"{prompt}{suffix}: ")
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.strip() or (default or "")


def _complain(message: str, hints: list[Hint], lang: str) -> None:
    """An error line and its hint, shaped like `lumbung validate`'s."""
    hint = Diagnostic("", "", hints=tuple(hints)).hint(lang)
    sys.stderr.write(message + (f"\n  {word('hint', lang)}: {hint}" if hint else "") + "\n")


class Rejected(Exception):
    """An answer that cannot be used; carries the message and hints to show."""

    def __init__(self, message: str, hints: list[Hint] | None = None, default: str | None = None):
        super().__init__(message)
        self.message, self.hints, self.default = message, hints or [], default


def _title(value: str, t: dict[str, str]) -> str:
    length = len(value.strip())
    if not 10 <= length <= 120:
        raise Rejected(t["title_length"].format(length=length))
    return value.strip()


def _province(value: str, t: dict[str, str]) -> str:
    reading = read_province(value)
    if reading.value:
        return reading.value
    found = province_hint(value)
    hints = [Hint(*found)] if found else []
    if not hints and reading.suggestion:
        hints = [Hint("did_you_mean", {"value": reading.suggestion})]
    hints.append(Hint("see_command", {"command": "lumbung vocab provinces"}))
    raise Rejected(t["invalid"].format(what=t["province_word"], value=value), hints)


def _regency(value: str, province: str, t: dict[str, str]) -> str | None:
    if not value.strip() or province == NATIONAL:
        return None
    prov = regions().province(province)
    if prov is None:  # not reached: the province answer is an official name, read before the regency
        raise Rejected(t["invalid"].format(what=t["province_word"], value=province))
    reading = read_regency(value, prov)
    if reading.value:
        return reading.value
    if reading.choices:
        raise Rejected(t["which"].format(value=value.strip(), choices=t["or"].join(reading.choices)))
    hints = [Hint("did_you_mean", {"value": reading.suggestion})] if reading.suggestion else []
    hints.append(Hint("see_command", {"command": f'lumbung vocab regencies "{prov.name}"'}))
    raise Rejected(t["regency_invalid"].format(value=value.strip(), province=prov.name), hints)


def _themes(raw: list[str], t: dict[str, str]) -> list[str]:
    """Theme numbers, slugs or Indonesian labels; an unknown one is named with a did-you-mean, and the
    ones understood become the default of the next question."""
    slugs = list(vocabulary("themes").values)
    table = lookup("themes")
    out, unknown = [], []
    for item in raw:
        for part in item.split(","):
            part = part.strip()
            if part.isdigit() and 1 <= int(part) <= len(slugs):
                out.append(slugs[int(part) - 1])
            elif part:
                found, bad = choices_of(part, table)
                out += found
                unknown += bad
    out = list(dict.fromkeys(out))
    if unknown:
        options = [f"{label} ({slug})" for slug, label in vocabulary("themes").values.items()]
        problem = unknown_choice("", unknown[0], table, options)
        hints = [h for h in problem.hints if h.key == "did_you_mean"]
        hints.append(Hint("see_command", {"command": "lumbung vocab themes"}))
        raise Rejected(t["invalid"].format(what=t["theme_word"], value=unknown[0]), hints, ", ".join(out))
    if not 1 <= len(out) <= 3:
        raise Rejected(
            t["theme_count"], [Hint("see_command", {"command": "lumbung vocab themes"})], ", ".join(out[:3])
        )
    return out


def _office(value: str, t: dict[str, str]) -> str:
    if not value.strip():
        raise Rejected(t["office_empty"])
    return " ".join(value.split())


def _answer(prompt: str, check, interactive: bool, given: str | None, lang: str, default: str | None = None):
    """The checked answer: from the option `given`, else asked until it passes. A rejected answer is
    never lost: its usable part becomes the default of the question asked again."""
    value = given
    while True:
        if value is None:
            if not interactive:
                return None
            value = _ask(prompt, default)
        try:
            return check(value)
        except Rejected as exc:
            _complain(exc.message, exc.hints, lang)
            if not interactive:
                raise SystemExit(2) from None
            sys.stderr.write(Q[lang]["retry"] + "\n")
            default = exc.default if exc.default is not None else default
            value = None


def run(args: argparse.Namespace, lang: str) -> int:
    from lumbung.commands import project_root

    root = project_root(lang)
    if args.replication:
        from lumbung.commands.new_replication import run as new_report

        return new_report(args, lang, root)
    t = Q[lang]
    interactive = not args.yes and sys.stdin.isatty()
    values: dict[str, object] = {}
    try:
        title = _answer(t["title"], lambda v: _title(v, t), interactive, args.title, lang)
        if not title:
            sys.stderr.write(t["missing"].format(flag="--title") + "\n")
            return 2
        province = _answer(t["province"], lambda v: _province(v, t), interactive, args.province, lang)
        if not province:
            sys.stderr.write(t["missing"].format(flag="--province") + "\n")
            return 2
        regency = None
        if province != NATIONAL and (args.regency is not None or interactive):
            pending: list[str] = []

            def check_regency(v: str) -> str | None:
                if pending:  # the answer to "Kabupaten X atau Kota X?"
                    picked = choose(v, tuple(pending))
                    if picked:
                        return picked
                try:
                    return _regency(v, province, t)
                except Rejected as exc:
                    reading = read_regency(v, regions().province(province))
                    pending[:] = reading.choices
                    raise exc from None

            regency = _answer(t["regency"], check_regency, interactive, args.regency, lang)
        if not interactive and args.themes is None:
            sys.stderr.write(t["missing"].format(flag="--theme") + "\n")
            return 2
        if interactive and args.themes is None:
            for i, (slug, label) in enumerate(vocabulary("themes").values.items(), start=1):
                sys.stderr.write(f"  {i:2}. {slug}  {label}\n")
        given_themes = ", ".join(args.themes) if args.themes else None
        themes = _answer(t["themes"], lambda v: _themes([v], t), interactive, given_themes, lang)
        office = _answer(t["office"], lambda v: _office(v, t), interactive, args.office, lang)
        if not office:
            sys.stderr.write(t["missing"].format(flag="--office") + "\n")
            return 2
        author = args.author or (_ask(t["author"]) if interactive else None) or "Nama Penulis"
    except EOFError:
        return 2
    except SystemExit as exc:
        return int(exc.code or 2)
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
    while path.exists():  # interactively, ask for another id rather than lose the answers
        sys.stderr.write(t["exists"].format(path=rel) + "\n")
        if not interactive:
            return 1
        try:
            pid = suggest_id(_ask(t["other_id"], f"{pid}-2"))
        except EOFError:
            return 1
        path = folder / f"{pid}.md"
        rel = path.relative_to(root).as_posix()
    created = [d for d in (folder, *folder.parents) if not d.exists()]  # deepest first
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    # Sections only hold guidance comments, so they count as empty: that is the contributor's job.
    practice = load_file(path, root, dt.date.today())
    problems = [d for d in practice.diagnostics if d.severity == "error" and d.code not in ("E303", "E307")]
    if problems:
        path.unlink()
        for made in created:
            made.rmdir()
        sys.stderr.write(t["bad"] + "\n")
        for d in problems:
            sys.stderr.write(format_one(d, lang) + "\n")
        return 1
    sys.stdout.write(t["written"].format(path=rel) + "\n")
    return 0
