"""What both forms of `lumbung new` share: the questions, each answer checked as it is given, and
writing a skeleton that is kept only when it passes the checks.

Presentation code of the CLI: the template text comes from the core (authoring/artefacts.py), the
checks from the validator, so what `new` writes is valid by construction and verified before it is
kept.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lumbung.authoring.issuebody.answers import choices_of, lookup, unknown_choice
from lumbung.diagnostics import Diagnostic, Hint, format_one
from lumbung.messages import word
from lumbung.places import choose, read_province, read_regency
from lumbung.vocabulary import NATIONAL, province_hint, regions, vocabulary

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


def ask(prompt: str, default: str | None = None) -> str:
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


def check_title(value: str, t: dict[str, str]) -> str:
    length = len(value.strip())
    if not 10 <= length <= 120:
        raise Rejected(t["title_length"].format(length=length))
    return value.strip()


def check_province(value: str, t: dict[str, str]) -> str:
    reading = read_province(value)
    if reading.value:
        return reading.value
    found = province_hint(value)
    hints = [Hint(*found)] if found else []
    if not hints and reading.suggestion:
        hints = [Hint("did_you_mean", {"value": reading.suggestion})]
    hints.append(Hint("see_command", {"command": "lumbung vocab provinces"}))
    raise Rejected(t["invalid"].format(what=t["province_word"], value=value), hints)


def check_regency(value: str, province: str, t: dict[str, str]) -> str | None:
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


def check_themes(raw: list[str], t: dict[str, str]) -> list[str]:
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


def check_office(value: str, t: dict[str, str]) -> str:
    if not value.strip():
        raise Rejected(t["office_empty"])
    return " ".join(value.split())


def answer(
    prompt: str,
    check: Callable[[str], Any],
    interactive: bool,
    given: str | None,
    lang: str,
    default: str | None = None,
) -> Any:
    """The checked answer: from the option `given`, else asked until it passes. A rejected answer is
    never lost: its usable part becomes the default of the question asked again."""
    value = given
    while True:
        if value is None:
            if not interactive:
                return None
            value = ask(prompt, default)
        try:
            return check(value)
        except Rejected as exc:
            _complain(exc.message, exc.hints, lang)
            if not interactive:
                raise SystemExit(2) from None
            sys.stderr.write(Q[lang]["retry"] + "\n")
            default = exc.default if exc.default is not None else default
            value = None


class Missing(Exception):
    """A required answer neither given as an option nor asked (not in a terminal)."""

    def __init__(self, flag: str):
        super().__init__(flag)
        self.flag = flag


def stopped(exc: Missing | EOFError | SystemExit, t: dict[str, str]) -> int:
    """The exit status when the questions stop: a required answer missing (said, 2), the input
    ended (2), or a question that exited itself (its own status)."""
    if isinstance(exc, Missing):
        sys.stderr.write(t["missing"].format(flag=exc.flag) + "\n")
        return 2
    if isinstance(exc, SystemExit):
        return int(exc.code or 2)
    return 2


def ask_place(
    args: argparse.Namespace, t: dict[str, str], interactive: bool, lang: str
) -> tuple[str, str | None]:
    """The province and, below national level, the kabupaten/kota (asked, or from the options)."""
    province = answer(t["province"], lambda v: check_province(v, t), interactive, args.province, lang)
    if not province:
        raise Missing("--province")
    regency = None
    if province != NATIONAL and (args.regency is not None or interactive):
        pending: list[str] = []

        def regency_or_choice(v: str) -> str | None:
            if pending:  # the answer to "Kabupaten X atau Kota X?"
                picked = choose(v, tuple(pending))
                if picked:
                    return picked
            try:
                return check_regency(v, province, t)
            except Rejected as exc:
                reading = read_regency(v, regions().province(province))
                pending[:] = reading.choices
                raise exc from None

        regency = answer(t["regency"], regency_or_choice, interactive, args.regency, lang)
    return province, regency


def ask_office(args: argparse.Namespace, t: dict[str, str], interactive: bool, lang: str) -> str:
    """The issuing office (asked, or from the option)."""
    office: str | None = answer(t["office"], lambda v: check_office(v, t), interactive, args.office, lang)
    if not office:
        raise Missing("--office")
    return office


def write_checked(
    path: Path, text: str, problems_of: Callable[[Path], list[Diagnostic]], t: dict[str, str], lang: str
) -> bool:
    """Write `text` to `path` and keep it only when `problems_of(path)` finds nothing; otherwise
    remove the file and the folders made for it, and print the problems. True when kept."""
    folder = path.parent
    created = [d for d in (folder, *folder.parents) if not d.exists()]  # deepest first
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems = problems_of(path)
    if not problems:
        return True
    path.unlink()
    for made in created:
        made.rmdir()
    sys.stderr.write(t["bad"] + "\n")
    for d in problems:
        sys.stderr.write(format_one(d, lang) + "\n")
    return False
