"""Personal data in practices: NIK/KK numbers, personal phone numbers and e-mail addresses (UU 27/2022).

The scanner looks at the body (code blocks and comments too: they are published as well) and every
text field of the header except the authors' names and e-mail addresses, which are public by design.
Rules, chosen so that ordinary numbers never trigger (outcome figures, years, money such as
"Rp 1.500.000", dates, percentages, Kemendagri region codes):

- NIK/KK: 16 digits whose first four form a real regency/city code (data/regions.json) and whose
  district digits are not 00 nor serial 0000. Written without separators that is enough (a KK number
  carries an issue date that is not always plausible). Written in groups (`3171 0123 0190 0001`,
  `31.71.01.230190.0001`) the date part (digits 7-12, DDMMYY, DD+40 for women) must be plausible too.
  Thousands grouping (`1.234.567.890.123.456`) is money, never an NIK.
- Phones: mobile numbers 08[1-9] with 10-13 digits in all, written 08xx, +62 8xx, (+62) 8xx, 62 8xx or
  0062 8xx, with spaces, dots or dashes between groups of at least three digits. Landlines too (a
  home line is as personal as a mobile, and an office line is one declaration away), but only in an
  unambiguous shape: area code in parentheses, `(0711) 123456`, or separated from a 5-8 digit
  subscriber number, `0711-123456`, `+62 21 5551234`; a bare run of digits starting with 0 is not a
  landline (too many account and registration numbers look like one). Service numbers (112,
  1500-xxx, 0800-...) are not personal and never trigger.
- E-mail: any address except the authors' own `email` values, the declared `public_contacts` and the
  reserved example domains (example.com/.net/.org, *.example, *.test, *.invalid).

Office hotlines and addresses that should appear are declared in the header's `public_contacts`
list; a declared phone matches whatever way it is written (`0711-123456` allows `(0711) 123456`).
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from .diagnostics import Diagnostic, Hint
from .frontmatter import Header
from .schema import fmt_path
from .vocabulary import regions

NIK, PHONE, EMAIL = "E501", "E502", "E503"
BAD_CONTACT = "E504"

# Fields whose values are public by design and never scanned.
_SKIP_FIELDS = {("authors", "name"), ("authors", "email"), ("public_contacts",)}

_SEP = r"[ .\-\u00a0]"
_RUN_RE = re.compile(r"(?<![0-9A-Za-z])(?<![0-9][.,\-])\d+(?:[ .\-\u00a0]\d+)*")
_PHONE_RE = re.compile(
    r"(?<![0-9A-Za-z+])(?<![0-9][.,\-])"
    r"(?=[(+0]|62)"
    r"(?P<cc>\(\+62\)|\+[ \u00a0]?62|\(62\))?"
    rf"{_SEP}?"
    r"(?P<area>\(0?[2-9]\d{1,2}\))?"
    rf"{_SEP}?"
    rf"(?P<rest>\d+(?:{_SEP}\d+)*)"
)
_EMAIL_RE = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
_MOBILE_RE = re.compile(r"^08[1-9]\d{7,10}$")
# Cheap tests first: every finding has three digits in a row or an '@'; an NIK has 16 digits, single
# separators allowed between them.
_MAYBE_RE = re.compile(r"\d{3}|@")
_NIK_MAYBE_RE = re.compile(r"\d(?:[ .\-\u00a0]?\d){15}")
# Top-level "domains" that are really file names (foto@2x.png) or reserved for examples.
_FILE_TLDS = {
    "png",
    "jpg",
    "jpeg",
    "gif",
    "webp",
    "svg",
    "pdf",
    "md",
    "html",
    "htm",
    "txt",
    "csv",
    "zip",
    "docx",
    "xlsx",
    "pptx",
    "doc",
    "xls",
    "ppt",
    "odt",
    "ods",
    "odp",
    "js",
    "css",
    "py",
    "yaml",
    "yml",
}
_EXAMPLE_DOMAINS = {"example.com", "example.net", "example.org"}
_EXAMPLE_TLDS = {"example", "test", "invalid", "localhost"}


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data in a text: what it is, where (offsets), and how to show it masked."""

    code: str
    start: int
    end: int
    masked: str
    key: str  # normalised value (digits of the national number, lower-case e-mail) for allow-lists


@cache
def _regency_codes() -> frozenset[str]:
    return frozenset(code.replace(".", "") for p in regions().provinces for code in p.regencies.values())


def _plausible_date(ddmmyy: str) -> bool:
    day, month = int(ddmmyy[:2]), int(ddmmyy[2:4])
    if day > 40:  # women: day of birth + 40
        day -= 40
    if not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(2000, month)[1]  # a leap year: 29 February is plausible


def _nik_shaped(digits: str, need_date: bool) -> bool:
    if len(digits) != 16 or digits[:4] not in _regency_codes():
        return False
    if digits[4:6] == "00" or digits[12:] == "0000":
        return False
    return _plausible_date(digits[6:12]) or not need_date


def _is_money(chunk: str) -> bool:
    groups = re.split(r"[.,]", chunk)
    return len(groups) > 1 and 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _find_niks(text: str) -> Iterator[Finding]:
    for run in _RUN_RE.finditer(text):
        if run.end() - run.start() < 16:
            continue
        # chunks separated by spaces: one chunk (contiguous or dotted/dashed) or several plain ones
        chunks = [(m.start() + run.start(), m.group()) for m in re.finditer(r"[^ \u00a0]+", run.group())]
        i = 0
        while i < len(chunks):
            found = None
            start, chunk = chunks[i]
            digits = re.sub(r"\D", "", chunk)
            if (
                len(digits) == 16
                and not _is_money(chunk)
                and min(len(g) for g in re.split(r"[.\-]", chunk)) >= 2
            ):
                if _nik_shaped(digits, need_date=not chunk.isdigit()):
                    found = (i, start, start + len(chunk), digits)
            elif chunk.isdigit() and len(digits) < 16:
                total, j = digits, i
                while len(total) < 16 and j + 1 < len(chunks) and chunks[j + 1][1].isdigit():
                    j += 1
                    total += chunks[j][1]
                if len(total) == 16 and j > i and _nik_shaped(total, need_date=True):
                    found = (j, start, chunks[j][0] + len(chunks[j][1]), total)
            if found:
                last, s, e, digits = found
                yield Finding(NIK, s, e, digits[:4] + "*" * 8 + digits[-4:], digits)
                i = last + 1
            else:
                i += 1


def _mask_phone(national: str) -> str:
    return national[:4] + "****" + national[-4:]


def _phone_in(match: re.Match) -> tuple[int, str] | None:
    """(end offset, national number) of the longest phone number at the start of a candidate."""
    cc, area, rest = match.group("cc"), match.group("area"), match.group("rest")
    seps = list(re.finditer(_SEP, rest))
    groups = re.split(_SEP, rest)
    ends = [s.start() for s in seps] + [len(rest)]
    prefix = ""
    plain_cc = False
    if cc is None and area is None:
        if groups[0] == "0062" and len(groups) > 1:
            groups, ends, prefix = groups[1:], ends[1:], "0"
        elif groups[0].startswith("0062"):
            groups[0], prefix = groups[0][4:], "0"
        elif groups[0] == "62" and len(groups) > 1 and groups[1].startswith("8") and not _is_money(rest):
            groups, ends, prefix, plain_cc = groups[1:], ends[1:], "0", True
        elif groups[0].startswith("628") and len(groups[0]) > 3:
            if _is_money(rest.replace(" ", ".")) or (
                len(groups) > 1 and all(len(g) == 3 for g in groups[1:])
            ):
                return None
            groups[0], prefix, plain_cc = groups[0][2:], "0", True
        elif not groups[0].startswith("0"):
            return None
    elif cc is not None:
        prefix = "0"
    base = match.start("rest")
    for k in range(len(groups), 0, -1):
        parts = groups[:k]
        digits = "".join(parts)
        if area is not None:
            area_digits = re.sub(r"\D", "", area)
            area_digits = area_digits if area_digits.startswith("0") else "0" + area_digits
            if cc is not None and area.startswith("(0"):
                return None
            subscriber = digits
            if 5 <= len(subscriber) <= 8 and subscriber[0] != "0" and all(len(p) >= 3 for p in parts):
                return base + ends[k - 1], area_digits + subscriber
            continue
        national = prefix + digits
        if (
            _MOBILE_RE.match(national)
            and all(len(p) >= 3 for p in parts[1:])
            and len(parts[0]) >= 3 - (prefix == "0")
        ):
            return base + ends[k - 1], national
        if plain_cc or k < 2:
            continue
        head = prefix + parts[0]
        subscriber = "".join(parts[1:])
        if (
            re.match(r"^0[2-9]\d{1,2}$", head)
            and 5 <= len(subscriber) <= 8
            and subscriber[0] != "0"
            and all(len(p) >= 3 for p in parts[1:])
        ):
            return base + ends[k - 1], head + subscriber
    return None


def _find_phones(text: str) -> Iterator[Finding]:
    for m in _PHONE_RE.finditer(text):
        hit = _phone_in(m)
        if hit:
            end, national = hit
            yield Finding(PHONE, m.start(), end, _mask_phone(national), national)


def _mask_email(address: str) -> str:
    local, _, domain = address.partition("@")
    return f"{local[0]}***@{domain}"


def _is_example(domain: str) -> bool:
    return (
        domain in _EXAMPLE_DOMAINS
        or domain.rsplit(".", 1)[-1] in _EXAMPLE_TLDS
        or any(domain.endswith("." + d) for d in _EXAMPLE_DOMAINS)
    )


def _find_emails(text: str) -> Iterator[Finding]:
    if "@" not in text:
        return
    for m in _EMAIL_RE.finditer(text):
        address = m.group().rstrip(".")
        domain = address.partition("@")[2].lower()
        tld = domain.rsplit(".", 1)[-1]
        if not tld.isalpha() or len(tld) < 2 or tld in _FILE_TLDS or _is_example(domain):
            continue
        yield Finding(EMAIL, m.start(), m.start() + len(address), _mask_email(address), address.lower())


def find_pii(text: str, allowed: frozenset[str] = frozenset()) -> list[Finding]:
    """Personal data in `text`, in order, minus the values in `allowed` (normalised keys)."""
    if not _MAYBE_RE.search(text):
        return []
    found = [*_find_phones(text), *_find_emails(text)]
    if _NIK_MAYBE_RE.search(text):
        found += _find_niks(text)
    found.sort(key=lambda f: (f.start, f.code))
    out: list[Finding] = []
    for f in found:
        if f.key in allowed:
            continue
        if out and f.start < out[-1].end:  # one finding per stretch of text (an NIK is not also a phone)
            continue
        out.append(f)
    return out


def contact_key(value: str) -> str | None:
    """The normalised form of a declared public contact (e-mail or phone number), or None."""
    value = value.strip()
    if _EMAIL_RE.fullmatch(value):
        return value.lower()
    if re.fullmatch(r"[0-9 +().\-\u00a0]+", value):
        digits = re.sub(r"\D", "", value)
        if value.lstrip("( ").startswith("+62") or (digits.startswith("62") and len(digits) > 9):
            digits = "0" + digits[2:]
        elif digits.startswith("0062"):
            digits = "0" + digits[4:]
        return digits if 3 <= len(digits) <= 15 else None
    return None


def _walk(meta: dict) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every string that could hold personal data (and every integer long enough to be
    an NIK written as a number) in the header, minus the fields that are public by design."""
    stack: list[tuple[tuple, Any]] = [((key,), value) for key, value in meta.items() if isinstance(key, str)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _MAYBE_RE.search(value):
                yield path, value
        elif isinstance(value, dict):
            stack.extend((path + (k,), v) for k, v in value.items() if isinstance(k, str))
        elif isinstance(value, list):
            stack.extend((path + (i,), v) for i, v in enumerate(value))
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 10**15:
            yield path, str(value)


def _skipped(path: tuple) -> bool:
    shape = tuple(p for p in path if isinstance(p, str))
    return shape in _SKIP_FIELDS or shape[:1] in _SKIP_FIELDS


def allowed_contacts(meta: dict) -> tuple[frozenset[str], list[tuple[int, str]]]:
    """Normalised allowed values (authors' e-mails, declared contacts) and the unrecognised declarations."""
    allowed: set[str] = set()
    bad: list[tuple[int, str]] = []
    authors = meta.get("authors")
    if isinstance(authors, list):
        for a in authors:
            if isinstance(a, dict) and isinstance(a.get("email"), str):
                allowed.add(a["email"].strip().lower())
    contacts = meta.get("public_contacts")
    if isinstance(contacts, list):
        for i, c in enumerate(contacts):
            key = contact_key(c) if isinstance(c, str) else None
            if key:
                allowed.add(key)
            elif isinstance(c, str):
                bad.append((i, c))
    return frozenset(allowed), bad


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def check_privacy(relpath: str, header: Header) -> list[Diagnostic]:
    """Personal data in the header's text fields and the body: one error per finding, masked."""
    meta = header.data or {}
    allowed, bad = allowed_contacts(meta)
    out: list[Diagnostic] = []
    for i, value in bad:
        path = ("public_contacts", i)
        out.append(
            Diagnostic(
                relpath,
                BAD_CONTACT,
                header.line_of(path),
                None,
                fmt_path(path),
                {"value": value[:80]},
                (Hint("public_contact_format"),),
            )
        )
    fields: list[Diagnostic] = []
    for path, text in _walk(meta):
        if _skipped(path):
            continue
        for f in find_pii(text, allowed):
            fields.append(
                Diagnostic(
                    relpath,
                    f.code,
                    header.line_of(path),
                    None,
                    fmt_path(path),
                    {"masked": f.masked},
                    (Hint("pii"),),
                )
            )
    out += sorted(fields, key=lambda d: (d.line or 0, d.field or ""))
    body = header.body
    starts = None
    for f in find_pii(body, allowed):
        starts = starts or _line_starts(body)
        line = header.body_line + bisect.bisect_right(starts, f.start) - 1
        column = f.start - starts[line - header.body_line] + 1
        out.append(Diagnostic(relpath, f.code, line, column, None, {"masked": f.masked}, (Hint("pii"),)))
    return out
