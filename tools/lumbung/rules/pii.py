"""Personal data in a text: NIK/KK numbers, personal phone numbers and e-mail addresses (UU 27/2022).

A text is scanned twice: as written (code, comments and tag attributes are published too) and as a
reader sees it (`readerview`: entities decoded, markup and invisible characters dropped, NFKC). A
finding in either is reported once, at its source offsets. Rules, chosen so that ordinary numbers never
trigger (outcome figures, years, money such as "Rp 1.500.000", dates, percentages, region codes):

- Digits are grouped by separators: runs of one to three of space, tab, line break (not a blank line),
  `.` `-` `/` `_` `*` `·` `•`, any dash or space of Unicode; or a single `,` (", " separates a list).
- NIK/KK: 16 digits whose first four form a real regency/city code (data/regions.json) and whose
  district digits are not 00 nor serial 0000. Written without separators that is enough (a KK number
  carries an issue date that is not always plausible). Written in groups (`3171 0123 0190 0001`,
  `31.71.01.230190.0001`) or glued to letters (`NIK3171…`) the date part (digits 7-12, DDMMYY, DD+40
  for women) must be plausible too. Thousands grouping (`1.234.567.890.123.456`) is money, and a group
  sequence holding a date (`12/01/2024 - 05/06/2025`) is dates, never an NIK.
- Phones: mobile numbers 08[1-9] with 10-13 digits in all, written 08xx, +62 8xx, (+62) 8xx, 62 8xx or
  0062 8xx, with separators between groups of at least three digits. Landlines too (a home line is
  as personal as a mobile, and an office line is one declaration away), but only in an unambiguous
  shape: area code in parentheses, `(0711) 123456`, or separated from a 5-8 digit subscriber number,
  `0711-123456`, `+62 21 5551234`; a bare run of digits starting with 0 is not a landline (too many
  account and registration numbers look like one). Service numbers (112, 1500-xxx, 0800-...) never
  trigger.
- E-mail: any address except the reserved example domains (example.com/.net/.org, *.example, *.test,
  *.invalid); `budi [at] gmail [dot] com` is an address too.

Every pattern is linear in the text: digit runs and separator runs are disjoint classes, the separator
run is bounded, and group windows are at most 16 groups wide.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from lumbung.text.readerview import reader_view
from lumbung.vocabulary import regions

NIK, PHONE, EMAIL = "E501", "E502", "E503"

_S = r" \t\n.\-/_*\u00b7\u2022\u00a0\u2000-\u200a\u202f\u205f\u3000\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
_SEP = rf"(?:[{_S}]{{1,3}}|,)"
_SEP_RE = re.compile(_SEP)
_SEP_CHARS = re.compile(rf"[{_S},]")
_DIGITS_RE = re.compile(r"[0-9]+")
_RUN_RE = re.compile(rf"(?<![0-9A-Za-z])(?<![0-9][.,\-/_])[0-9]+(?:{_SEP}[0-9]+)*")
_GLUED_RE = re.compile(r"(?<=[A-Za-z])[0-9]{16}(?![0-9])|(?<![0-9])[0-9]{16}(?=[A-Za-z])")
_PHONE_RE = re.compile(
    r"(?<![0-9A-Za-z+])(?<![0-9][.,\-/_])"
    r"(?=[(+0]|62)"
    r"(?P<cc>\(\+62\)|\+[ \u00a0]?62|\(62\))?"
    rf"{_SEP}?"
    r"(?P<area>\(0?[2-9][0-9]{1,2}\))?"
    rf"{_SEP}?"
    rf"(?P<rest>[0-9]+(?:{_SEP}[0-9]+){{0,15}})"  # a phone number has at most 15 digits
)
_EMAIL_RE = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
_MOBILE_RE = re.compile(r"^08[1-9][0-9]{7,10}$")
_LANDLINE_HEAD_RE = re.compile(r"^0[2-9][0-9]{1,2}$")
# Cheap tests first: every finding has three digits in a row, or digits spaced out, or an '@'.
_MAYBE_RE = re.compile(r"[0-9]{3}|@")
_SPACED_RE = re.compile(r"[0-9][^0-9@\n]{1,3}[0-9][^0-9@\n]{1,3}[0-9]")
_GLUED_HINT_RE = re.compile(r"[A-Za-z][0-9]{16}|[0-9]{16}[A-Za-z]")
# A date inside a group sequence: d/m/yyyy, dd-mm-yyyy, yyyy-mm-dd (same separator both times).
_DATE_RE = re.compile(
    r"(?<![0-9])(?:[0-3]?[0-9]([./-])[01]?[0-9]\1(?:19|20)[0-9]{2}|(?:19|20)[0-9]{2}([./-])[01]?[0-9]\2[0-3]?[0-9])(?![0-9])"
)
# Top-level "domains" that are really file names (foto@2x.png) or reserved for examples.
_FILE_TLDS = {
    "png", "jpg", "jpeg", "gif", "webp", "svg", "pdf", "md", "html", "htm", "txt", "csv", "zip", "docx",
    "xlsx", "pptx", "doc", "xls", "ppt", "odt", "ods", "odp", "js", "css", "py", "yaml", "yml",
}  # fmt: skip
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


def nik_shaped(digits: str, need_date: bool) -> bool:
    """Whether 16 digits can be an NIK/KK number (see the module docstring)."""
    if len(digits) != 16 or digits[:4] not in _regency_codes():
        return False
    if digits[4:6] == "00" or digits[12:] == "0000":
        return False
    return _plausible_date(digits[6:12]) or not need_date


def _is_money(chunk: str) -> bool:
    groups = re.split(r"[.,]", chunk)
    return len(groups) > 1 and 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _mask_nik(digits: str) -> str:
    return digits[:4] + "*" * 8 + digits[-4:]


def _grouped_nik(text: str, groups: list[tuple[int, int]]) -> bool:
    """Whether digit groups (offsets in `text`, 16 digits in all) read as one NIK written in groups."""
    digits = "".join(text[s:e] for s, e in groups)
    if not nik_shaped(digits, need_date=True):
        return False  # the cheap test first
    lengths = [e - s for s, e in groups]
    if min(lengths) < 2 and max(lengths) > 1:
        return False  # a stray single digit: a count beside a number, not a grouping
    seps = [text[groups[k][1] : groups[k + 1][0]] for k in range(len(groups) - 1)]
    if any(sep.count("\n") > 1 for sep in seps):
        return False  # a blank line: two paragraphs
    if all(sep in (".", ",") for sep in seps) and 1 <= lengths[0] <= 3 and all(n == 3 for n in lengths[1:]):
        return False  # thousands grouping: money
    return not _DATE_RE.search(text, groups[0][0], groups[-1][1])


def _find_niks(text: str) -> Iterator[Finding]:
    for run in _RUN_RE.finditer(text):
        if run.end() - run.start() < 16:
            continue
        base = run.start()
        groups = [(m.start() + base, m.end() + base) for m in _DIGITS_RE.finditer(run.group())]
        i = 0
        while i < len(groups):
            total, j = 0, i
            while j < len(groups) and total < 16:
                total += groups[j][1] - groups[j][0]
                j += 1
            found = None
            if total == 16:
                window = groups[i:j]
                digits = "".join(text[s:e] for s, e in window)
                if len(window) == 1:
                    found = nik_shaped(digits, need_date=False)
                else:
                    found = _grouped_nik(text, window)
            if found:
                yield Finding(NIK, groups[i][0], groups[j - 1][1], _mask_nik(digits), digits)
                i = j
            else:
                i += 1
    if _GLUED_HINT_RE.search(text):
        for m in _GLUED_RE.finditer(text):
            if nik_shaped(m.group(), need_date=True):
                yield Finding(NIK, m.start(), m.end(), _mask_nik(m.group()), m.group())


def _mask_phone(national: str) -> str:
    return national[:4] + "****" + national[-4:]


def _phone_in(match: re.Match) -> tuple[int, str] | None:
    """(end offset, national number) of the longest phone number at the start of a candidate."""
    cc, area, rest = match.group("cc"), match.group("area"), match.group("rest")
    seps = list(_SEP_RE.finditer(rest))
    groups = _SEP_RE.split(rest)
    ends = [s.start() for s in seps] + [len(rest)]
    if any(s.group().count("\n") > 1 for s in seps):
        # a blank line ends the number
        k = next(i for i, s in enumerate(seps) if s.group().count("\n") > 1)
        groups, ends = groups[: k + 1], ends[: k + 1]
    if len(groups) >= 10 and all(len(g) == 1 for g in groups):  # 0 8 1 2 3 4 5 6 7 8 9 0
        groups, ends = ["".join(groups)], [ends[-1]]
    prefix = ""
    plain_cc = False
    plain = _SEP_CHARS.sub(".", rest)
    if cc is None and area is None:
        if groups[0] == "0062" and len(groups) > 1:
            groups, ends, prefix = groups[1:], ends[1:], "0"
        elif groups[0].startswith("0062"):
            groups[0], prefix = groups[0][4:], "0"
        elif groups[0] == "62" and len(groups) > 1 and groups[1].startswith("8") and not _is_money(plain):
            groups, ends, prefix, plain_cc = groups[1:], ends[1:], "0", True
        elif groups[0].startswith("628") and len(groups[0]) > 3:
            if _is_money(plain) or (len(groups) > 1 and all(len(g) == 3 for g in groups[1:])):
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
            area_digits = re.sub(r"[^0-9]", "", area)
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
            _LANDLINE_HEAD_RE.match(head)
            and 5 <= len(subscriber) <= 8
            and subscriber[0] != "0"
            and all(len(p) >= 3 for p in parts[1:])
        ):
            return base + ends[k - 1], head + subscriber
    return None


def _find_phones(text: str) -> Iterator[Finding]:
    # Not finditer: a candidate may hold a phone number and then another one ("0711 412345 0812 ..."),
    # so the search goes on right after the number found, or after the start of a candidate without
    # one. Candidates start only after a non-digit and span at most 16 groups: linear.
    pos = 0
    while True:
        m = _PHONE_RE.search(text, pos)
        if m is None:
            return
        hit = _phone_in(m)
        if hit:
            end, national = hit
            yield Finding(PHONE, m.start(), end, _mask_phone(national), national)
            pos = max(end, m.start() + 1)
        else:
            pos = m.start() + 1


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


def _scan(text: str) -> list[Finding]:
    if not _MAYBE_RE.search(text) and not _SPACED_RE.search(text):
        return []
    found = [*_find_phones(text), *_find_emails(text)]
    if len(text) >= 16:
        found += _find_niks(text)
    return found


def find_pii(text: str, allowed: frozenset[str] = frozenset()) -> list[Finding]:
    """Personal data in `text` as written or as read, in order, minus the values in `allowed`
    (normalised keys); offsets are in `text`."""
    found = _scan(text)
    view = reader_view(text)
    if not view.identity:
        for f in _scan(view.text):
            start, end = view.source_span(f.start, f.end)
            found.append(Finding(f.code, start, end, f.masked, f.key))
        for offset, inner in view.hidden:
            inner_view = reader_view(inner)
            if inner_view.identity:
                continue  # read as written already
            for f in _scan(inner_view.text):
                start, end = inner_view.source_span(f.start, f.end)
                found.append(Finding(f.code, offset + start, offset + end, f.masked, f.key))
    found.sort(key=lambda f: (f.start, -f.end, f.code))
    out: list[Finding] = []
    reach = -1
    for f in found:
        if f.key in allowed:
            continue
        if f.start < reach:  # one finding per stretch of text (an NIK is not also a phone)
            continue
        out.append(f)
        reach = f.end
    return out


def contact_key(value: str) -> str | None:
    """The normalised form of a declared public contact (e-mail or phone number), or None."""
    value = value.strip()
    if _EMAIL_RE.fullmatch(value):
        return value.lower()
    if re.fullmatch(r"[0-9 +().\-\u00a0]+", value):
        digits = re.sub(r"[^0-9]", "", value)
        if value.lstrip("( ").startswith("+62") or (digits.startswith("62") and len(digits) > 9):
            digits = "0" + digits[2:]
        elif digits.startswith("0062"):
            digits = "0" + digits[4:]
        return digits if 3 <= len(digits) <= 15 else None
    return None
