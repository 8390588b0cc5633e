"""Encoders: a header value is escaped where it is written, for the context it is written into.

Validation refuses what no output can represent (control characters, NaN, lone surrogates ...; see
`unrepresentable`), but the outputs never rely on it: every writer encodes for its own context.

- HTML text and attributes: `html` (MarkupSafe; `"` and `'` too, so an attribute cannot be closed).
  The theme's templates print `page.meta` without escaping (MkDocs' Jinja environment has autoescape
  off), so the plugin hands them `theme_meta`, values that are escaped already. page.meta.title,
  page.meta.description and page.title are therefore Markup: a template prints them as they are or
  with `| e` (which does not escape Markup twice), and takes their text with `| plain` before it
  joins, cuts or URL-encodes them.
- XML 1.0 (feed.xml): `xml_text` drops what XML 1.0 cannot hold; ElementTree escapes `<`, `&`, `>`, `"`.
- CSV (practices.csv): `csv_cell` neutralises formulas as OWASP advises; the csv module quotes.
- JSON (practices.json, katalog/data): `strict_json`, never NaN or Infinity.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Characters that start a formula in Excel, LibreOffice or Google Sheets (OWASP "CSV Injection"),
# with their fullwidth forms, which some spreadsheets fold to the ASCII ones.
FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
# Keys of page.meta the theme (Material's base.html, header.html) prints.
THEME_META = ("title", "description")


def html(value: Any) -> Markup:
    """`value` as HTML text or attribute value: & < > " ' escaped (already-escaped Markup kept)."""
    return Markup.escape(value)


def theme_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """`meta` with the values the theme prints made safe for HTML: escaped Markup (which Jinja prints
    as it is, and does not escape twice). Other keys keep their value."""
    out = dict(meta)
    for key in THEME_META:
        value = out.get(key)
        if value is not None:  # a value of another type would be printed as its repr: escaped too
            out[key] = html(value if isinstance(value, str) else str(value))
    return out


def plain(value: Any) -> str:
    """The text of `value`: escaped Markup (such as `theme_meta`'s values) unescaped, anything else as
    a string. For templates that build a new value from page.meta (and escape it when they print it)."""
    return value.unescape() if isinstance(value, Markup) else ("" if value is None else str(value))


def xml_text(value: str) -> str:
    """`value` with every character XML 1.0 cannot hold (NUL and other controls, lone surrogates,
    U+FFFE, U+FFFF) replaced by U+FFFD; ElementTree escapes the markup characters."""
    return _NOT_XML.sub("\ufffd", value)


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a string that would start a formula gets a leading `'`
    (OWASP); other values are returned as they are."""
    if isinstance(value, str) and value[:1] in FORMULA_START:
        return "'" + value
    return value


def finite(value: Any) -> Any:
    """`value`, or None for a float that is not finite (JSON has no NaN or Infinity)."""
    return None if isinstance(value, float) and not math.isfinite(value) else value


def strict_json(doc: Any, **kwargs: Any) -> str:
    """JSON that every parser reads: NaN and Infinity raise instead of being written."""
    return json.dumps(doc, ensure_ascii=False, allow_nan=False, **kwargs)


# -- what no output can represent ---------------------------------------------------------------------


def _class(ranges: str) -> str:
    """A regular-expression character class from "AD 600-605 ..." (hexadecimal code points)."""
    parts = []
    for item in ranges.split():
        low, _, high = item.partition("-")
        parts.append(re.escape(chr(int(low, 16))) + ("-" + re.escape(chr(int(high, 16))) if high else ""))
    return "[" + "".join(parts) + "]"


# Control characters other than tab and line breaks, C1 controls, lone surrogates and noncharacters:
# none of them has a place in HTML, XML 1.0 or a spreadsheet cell. The expressions hold the Basic
# Multilingual Plane and one range for all the others: a class with many ranges beyond U+FFFF made
# every search ten times slower, so a character beyond it is looked at in Python (they are rare).
_SUSPECT = re.compile(_class("0-8 B-C E-1F 7F-9F D800-DFFF FDD0-FDEF FFFE-FFFF 10000-10FFFF"))
# Characters a reader does not see: the format characters (Unicode category Cf: zero-width spaces and
# joiners, soft hyphen, direction marks, tags; tests check the list against unicodedata), the Hangul
# fillers, the blank Braille pattern and the combining grapheme joiner.
_INVISIBLE = re.compile(
    _class(
        "AD 600-605 61C 6DD 70F 890-891 8E2 180E 200B-200F 202A-202E 2060-2064 2066-206F FEFF FFF9-FFFB"
        " 115F 1160 3164 FFA0 2800 34F"
    )
)
_INVISIBLE_BEYOND = re.compile(_class("110BD 110CD 13430-1343F 1BCA0-1BCA3 1D173-1D17A E0001 E0020-E007F"))
_BEYOND = re.compile(_class("10000-10FFFF"))


def _unrepresentable_code(code: int) -> bool:
    # what _SUSPECT matches below U+10000 is unrepresentable; beyond, only the noncharacters are
    return code < 0x10000 or (code & 0xFFFE) == 0xFFFE


def unrepresentable(text: str) -> str | None:
    """The first character of `text` that has no place in HTML, XML 1.0 or a spreadsheet cell (a control
    character, a lone surrogate, a noncharacter), written as U+XXXX; None if there is none."""
    for m in _SUSPECT.finditer(text):
        code = ord(m.group())
        if _unrepresentable_code(code):
            return f"U+{code:04X}"
    return None


def printable(text: str) -> str:
    """`text` with the characters of `unrepresentable` written as escapes (\\u0007), for diagnostics."""

    def escaped(m: re.Match[str]) -> str:
        code = ord(m.group())
        if not _unrepresentable_code(code):
            return m.group()
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    return _SUSPECT.sub(escaped, text)


def visible(text: str) -> str:
    """`text` as a reader sees it: invisible characters (zero-width spaces and joiners, soft hyphens,
    direction marks, fillers) removed, white space at both ends stripped."""
    if text.isascii():
        return text.strip()
    text = _INVISIBLE.sub("", text)
    if _BEYOND.search(text):
        text = _INVISIBLE_BEYOND.sub("", text)
    return text.strip()
