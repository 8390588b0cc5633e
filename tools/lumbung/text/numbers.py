"""Numbers as Indonesians write them: `1.250` (ribuan), `1,5` (desimal), `45%`, `Rp 2 juta`.

`read_number()` reads such a text into a value and, where the text names one, a unit. The issue
form uses it to understand an answer; the schema check uses it to tell a contributor exactly what
to write in YAML, where `1.250` silently means one and a quarter. `fmt_number()` writes a number
for the site the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from lumbung.record import Number

PERCENT = "persen"
RUPIAH = "rupiah"

# Words that multiply the figure before them ("2 juta", "1,5 miliar").
SCALE = {
    "ribu": 10**3,
    "rb": 10**3,
    "juta": 10**6,
    "jt": 10**6,
    "miliar": 10**9,
    "milyar": 10**9,
    "triliun": 10**12,
}

_FIGURE = re.compile(r"[+-]?\d[\d.,]*")
# A dot followed by exactly three digits, one or more times: the Indonesian thousands separator.
THOUSANDS_DOTS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")


@dataclass(frozen=True)
class Written:
    """A number read from text, with the unit the text named (percent, rupiah) if any."""

    value: int | float
    unit: str | None = None

    @property
    def yaml(self) -> str:
        """The value as YAML must spell it: no thousands separators, a dot for decimals."""
        return _plain(self.value)


def _plain(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return str(value) if isinstance(value, int) else repr(value)


def _figure(t: str) -> int | float | None:
    """A bare figure with separators: 312, 1.250, 1.250.000, 12,5, 1.250,75, 1,250.75, 0.5."""
    if not _FIGURE.fullmatch(t):
        return None
    if "," in t and "." in t:
        decimal = "," if t.rfind(",") > t.rfind(".") else "."
        t = t.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in t:
        t = t.replace(",", ".") if t.count(",") == 1 else t.replace(",", "")
    elif t.count(".") > 1 or THOUSANDS_DOTS.fullmatch(t):
        t = t.replace(".", "")  # Indonesian thousands separators
    try:
        value = float(t)
    except ValueError:
        return None
    return int(value) if value.is_integer() and "." not in t else value


def read_number(text: str) -> Written | None:
    """A written number, or None: `312`, `1.250`, `1.250.000`, `12,5`, `45%`, `Rp 2 juta`, `Rp150.000`."""
    t = " ".join(str(text).split()).lower()
    unit = None
    if t.endswith("%"):
        t, unit = t[:-1].strip(), PERCENT
    elif t.endswith(" persen"):
        t, unit = t[: -len(" persen")].strip(), PERCENT
    if t.startswith("rp"):
        t, unit = t[2:].lstrip(". ").strip(), RUPIAH
    scale = 1
    parts = t.rsplit(" ", 1)
    if len(parts) == 2 and parts[1] in SCALE:
        t, scale = parts[0], SCALE[parts[1]]
    value = _figure(t.replace(" ", ""))
    if value is None:
        return None
    if scale != 1:
        value = value * scale
        value = int(value) if float(value).is_integer() else value
    return Written(value, unit)


def thousands_in_yaml(raw: str) -> Written | None:
    """For a plain YAML scalar such as `1.250` (read by YAML as 1.25): the number that was meant."""
    if not THOUSANDS_DOTS.fullmatch(raw.strip()):
        return None
    return Written(int(raw.strip().replace(".", "")))


def number_text(text: str) -> str | None:
    """The digits of a cell or value that holds one whole number, as a spreadsheet may write it (1234,
    3.171012301900001E+15: an ID number stored as a number), else None. For the personal-data scan."""
    text = text.strip().lstrip("'")
    if (
        not text
        or len(text) > 40
        or not re.fullmatch(r"[+-]?[0-9][0-9_]*(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?", text)
    ):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if value != value.to_integral_value() or value < 0 or value >= 10**17:
        return None
    return str(int(value))


def fmt_number(value: Number | None) -> str:
    """1020 -> '1.020', 12.5 -> '12,5' (Indonesian separators)."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        whole, _, frac = f"{value:,.2f}".rstrip("0").partition(".")
        return whole.replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")
