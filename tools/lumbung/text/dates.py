"""Dates, months and periods as an Indonesian reader writes them: '15 Januari 2026', 'Maret 2024 –
sekarang (berjalan)'."""

from __future__ import annotations

import datetime as dt

from lumbung.record import ONGOING, Period

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def fmt_date(value: dt.date | None) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else ""


def fmt_month(value: str) -> str:
    """'2024-03' -> 'Maret 2024'; 'berjalan' -> 'sekarang (berjalan)'."""
    if value == ONGOING:
        return "sekarang (berjalan)"
    return f"{MONTHS[int(value[5:]) - 1]} {value[:4]}"


def fmt_period(period: Period | None) -> str:
    if period is None:
        return ""
    return fmt_month(period.start) + (f" – {fmt_month(period.end)}" if period.end else "")
