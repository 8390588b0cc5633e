"""A generator of personal data written to slip past a scanner: every obfuscation x every place.

Values: NIKs (a man's, a woman's, a KK-style one), mobile numbers, e-mail addresses. Obfuscations:
groupings and separators (space, dot, dash, slash, underscore, comma, en/em dash, thin, narrow and
no-break spaces, a line break), invisible characters between groups (soft hyphen, zero-width space,
joiners, word joiner, BOM, bidi marks), markup between or around groups (emphasis, <sup></sup>,
<span>, a comment, backslash escapes, a code span), character encodings (decimal and hex entities,
fullwidth, mathematical and Arabic-Indic digits), and for e-mail the same plus `[at]`/`(at)`/`[dot]`,
`&#64;`, `&commat;` and a fullwidth at sign. Places: the body (paragraph, list, table, heading, quote,
comment, code block, link text), every kind of header text field, numbers in the header, file names,
and attachments (TXT, CSV, XLSX, DOCX, ODT, photo metadata).

Run as a script to print how many variants were tried and stopped: `python tests/security/piigen.py`.
This folder has no __init__.py: pytest puts it on sys.path, so tests import this module as `piigen`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

INVISIBLE = {
    "soft hyphen": "\u00ad",
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "BOM": "\ufeff",
    "left-to-right mark": "\u200e",
    "bidi embedding": "\u202a",
    "&shy;": "&shy;",
    "&#8203;": "&#8203;",
}
SEPARATORS = {
    "space": " ",
    "dot": ".",
    "dash": "-",
    "slash": "/",
    "underscore": "_",
    "comma": ",",
    "en dash": "\u2013",
    "em dash": "\u2014",
    "minus sign": "\u2212",
    "thin space": "\u2009",
    "narrow no-break space": "\u202f",
    "no-break space": "\u00a0",
    "&nbsp;": "&nbsp;",
    "spaced dash": " - ",
    "middle dot": "\u00b7",
}
MARKUP = {
    "empty sup": "<sup></sup>",
    "empty span": "<span></span>",
    "comment": "<!-- -->",
    "emphasis": "****",
    "code marks": "``",
}


@dataclass(frozen=True)
class Value:
    kind: str  # nik, phone, email
    text: str  # as written plainly
    code: str
    masked: str
    groups: tuple[int, ...] = ()  # the natural grouping of the digits


VALUES = [
    Value("nik", "3171012301900001", "E501", "3171********0001", (4, 4, 4, 4)),
    Value("nik", "3171016301900002", "E501", "3171********0002", (2, 2, 2, 6, 4)),
    Value("nik", "1671034506950003", "E501", "1671********0003", (6, 6, 4)),
    Value("phone", "081234567890", "E502", "0812****7890", (4, 4, 4)),
    Value("phone", "085712345678", "E502", "0857****5678", (4, 4, 4)),
    Value("email", "rina.susanti@gmail.com", "E503", "r***@gmail.com"),
    Value("email", "budi_s@yahoo.co.id", "E503", "b***@yahoo.co.id"),
]


def _split(digits: str, sizes: tuple[int, ...]) -> list[str]:
    out, pos = [], 0
    for n in sizes:
        out.append(digits[pos : pos + n])
        pos += n
    return out


def _enc(digits: str, fn: Callable[[str], str]) -> str:
    return "".join(fn(c) if c.isdigit() else c for c in digits)


ENCODINGS: dict[str, Callable[[str], str]] = {
    "decimal entity, first digit": lambda s: f"&#{ord(s[0])};" + s[1:],
    "decimal entities": lambda s: _enc(s, lambda c: f"&#{ord(c)};"),
    "hex entities": lambda s: _enc(s, lambda c: f"&#x{ord(c):x};"),
    "fullwidth digits": lambda s: _enc(s, lambda c: chr(0xFF10 + int(c))),
    "mathematical digits": lambda s: _enc(s, lambda c: chr(0x1D7CE + int(c))),
    "Arabic-Indic digits": lambda s: _enc(s, lambda c: chr(0x0660 + int(c))),
}


def digit_variants(value: Value, body: bool) -> Iterator[tuple[str, str]]:
    """(obfuscation name, text) for a number; line breaks only where a text can hold one."""
    digits = value.text
    groups = _split(digits, value.groups)
    yield "plain", digits
    for name, sep in SEPARATORS.items():
        yield f"grouped with {name}", sep.join(groups)
    if body:
        yield "line break inside", " ".join(groups[:2]) + "\n" + " ".join(groups[2:])
        yield "line break after a dash", "-".join(groups[:2]) + "-\n" + "-".join(groups[2:])
    for name, ch in INVISIBLE.items():
        yield f"{name} between groups", ch.join(groups)
        yield f"{name} after every digit", ch.join(digits)
    for name, mark in MARKUP.items():
        half = len(mark) // 2 if mark in ("****", "``") else None
        if half:
            yield (
                f"{name} around the first group",
                mark[:half] + groups[0] + mark[half:] + "".join(groups[1:]),
            )
        else:
            yield f"{name} between groups", mark.join(groups)
    yield "span around the first group", f"<span>{groups[0]}</span>" + "".join(groups[1:])
    yield "backslash-escaped dashes", "\\-".join(groups)
    yield "spaced digits", " ".join(digits)
    for name, fn in ENCODINGS.items():
        yield name, fn(digits)
    yield "fullwidth, grouped with dashes", ENCODINGS["fullwidth digits"]("-".join(groups))


def email_variants(value: Value) -> Iterator[tuple[str, str]]:
    local, domain = value.text.split("@")
    host, _, tld = domain.rpartition(".")
    yield "plain", value.text
    yield "&#64;", f"{local}&#64;{domain}"
    yield "&#x40;", f"{local}&#x40;{domain}"
    yield "&commat;", f"{local}&commat;{domain}"
    yield "&commat; and &period;", f"{local}&commat;{host}&period;{tld}"
    yield "&#46; dots", f"{local}@{domain.replace('.', '&#46;')}"
    yield "[at] [dot]", f"{local} [at] {host} [dot] {tld}"
    yield "(at)", f"{local}(at){domain}"
    yield "{at}", f"{local} {{at}} {domain}"
    yield "fullwidth at", f"{local}\uff20{domain}"
    yield "small at", f"{local}\ufe6b{domain}"
    yield "fullwidth letters", "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in value.text)
    for name, ch in INVISIBLE.items():
        yield f"{name} around @", f"{local}{ch}@{ch}{domain}"
        yield f"{name} inside the domain", f"{local}@{host[:2]}{ch}{host[2:]}.{tld}"
    yield "emphasis on the name", f"**{local}**@{domain}"
    yield "emphasis in the domain", f"{local}@{host[:2]}**{host[2:]}**.{tld}"
    yield "span around @", f"{local}<span>@</span>{domain}"
    yield "comment inside", f"{local}<!-- -->@{domain}"
    yield "code span", f"`{value.text}`"
    yield "autolink", f"<{value.text}>"
    yield "mailto link", f"[surel](mailto:{value.text})"
    yield "mailto link with %40", f"[surel](mailto:{local}%40{domain})"


def variants(value: Value, body: bool) -> list[tuple[str, str]]:
    if value.kind == "email":
        return list(email_variants(value))
    return list(digit_variants(value, body))


# -- places in a practice -----------------------------------------------------------------------------

HEAD = """---
title: Bursa Kerja Desa di Balai Desa Kabupaten Lahat
summary: Dinas mengadakan bursa kerja di balai desa agar pencari kerja desa tidak perlu jauh-jauh.
date: 2025-10-09
status: published
themes: [job-fair]
region:
  province: Sumatera Selatan
  regency: Kabupaten Lahat
office: Dinas Tenaga Kerja Kabupaten Lahat
authors:
  - name: Rudi Hartono
    email: rudi.hartono@example.go.id
outcomes:
  - indicator: Pencari kerja ditempatkan
    value: 286
    unit: orang
tags: [desa, bursa kerja]
---
"""
BODY = """
## Latar Belakang

Pencari kerja di desa jauh dari kantor dinas.

## Langkah Pelaksanaan

1. Mendata perusahaan di sekitar desa.

## Hasil

Sebanyak 286 pencari kerja ditempatkan.

## Pembelajaran

Dukungan kepala desa menentukan.
"""

# header field -> (line of the line to replace, template of the new line, field path)
HEADER_PLACES = {
    "title": ("title: ", "title: {q}", "title"),
    "summary": ("summary: ", "summary: {q}", "summary"),
    "office": ("office: ", "office: {q}", "office"),
    "author name": ("  - name: Rudi Hartono", "  - name: {q}", "authors[0].name"),
    "outcome indicator": ("  - indicator: ", "  - indicator: {q}", "outcomes[0].indicator"),
    "outcome unit": ("    unit: orang", "    unit: {q}", "outcomes[0].unit"),
    "tag": ("tags: [desa, bursa kerja]", "tags: [desa, {q}]", "tags[1]"),
}
# body place -> template (one line; {v} is the value), and whether a line break may sit inside
BODY_PLACES = {
    "paragraph": "Ibu Rina dapat dihubungi lewat {v} bila perlu.",
    "list item": "2. Data peserta: {v}",
    "table cell": "| Peserta | {v} |",
    "heading": "### Catatan {v}",
    "quote": "> Nomor {v} dicatat petugas.",
    "HTML comment": "<!-- catatan: {v} -->",
    "link text": "[{v}](https://kemnaker.go.id)",
    "code block": "```\n{v}\n```",
}


def practice_with(place: str, text: str) -> tuple[str, int, str | None]:
    """A practice with `text` at `place`: (file text, expected line, expected field)."""
    lines = HEAD.splitlines()
    body = BODY.splitlines()
    if place in HEADER_PLACES:
        start, template, field = HEADER_PLACES[place]
        i = next(k for k, line in enumerate(lines) if line.startswith(start))
        lines[i] = template.format(q=json.dumps(text, ensure_ascii=False))
        return "\n".join(lines + body) + "\n", i + 1, field
    j = body.index("Sebanyak 286 pencari kerja ditempatkan.") + 1
    if place == "table cell":
        body[j:j] = ["", "| Kolom | Isi |", "| --- | --- |"]
        j += 3
    placed = BODY_PLACES[place].split("{v}")
    marker = "\x00"
    body[j:j] = (placed[0] + marker + text + placed[1]).split("\n")
    source = "\n".join(lines + body) + "\n"
    line = source.count("\n", 0, source.index(marker)) + 1
    return source.replace(marker, ""), line, None


if __name__ == "__main__":  # pragma: no cover - a report for people
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    from test_pii_obfuscation import run_all  # type: ignore[import-not-found]

    tried, missed = run_all()
    print(f"tried {tried}, stopped {tried - len(missed)}, missed {len(missed)}")
    for m in missed[:50]:
        print("  MISSED", m)
