"""Outcome totals: the figures of the write-ups' `outcomes[]` with a standard `kind`, added up.

Only outcomes that name a `kind` (vocabulary outcome-kinds) are counted, with their `value`; every
measurement counts (a practice that reports 2024 and 2025 adds both years). Days to placement is
averaged over the write-ups instead of added. The totals are what the write-ups say, not official
statistics: the Statistik page says so next to them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lumbung.site.catalogue import Entry
from lumbung.vocabulary import vocabulary

KINDS = "outcome-kinds"
AVERAGED = frozenset({"days-to-placement"})


@dataclass(frozen=True)
class Total:
    """One kind's figure over a set of practices."""

    kind: str
    label: str
    value: float  # sum, or mean for AVERAGED kinds
    practices: int  # how many practices reported it
    averaged: bool


def _figures(entry: Entry) -> Iterable[tuple[str, float]]:
    for o in entry.record.outcomes:
        if o.kind is not None:
            yield o.kind, float(o.value)


def totals(entries: Iterable[Entry]) -> dict[str, Total]:
    """kind -> Total over `entries`, in vocabulary order; kinds nobody reported are left out."""
    sums: dict[str, list[float]] = {}
    reporters: dict[str, set[str]] = {}
    for e in entries:
        for kind, value in _figures(e):
            sums.setdefault(kind, []).append(value)
            reporters.setdefault(kind, set()).add(e.id)
    labels = vocabulary(KINDS).values
    out = {}
    for kind, label in labels.items():
        if kind in sums:
            values = sums[kind]
            averaged = kind in AVERAGED
            value = sum(values) / len(values) if averaged else sum(values)
            out[kind] = Total(kind, label, value, len(reporters[kind]), averaged)
    return out


def totals_by(groups: dict[str, list[Entry]], names: dict[str, str]) -> tuple[list[str], list[dict]]:
    """The kinds reported in any group, and one row per group that reported any:
    {"slug", "name", "totals": {kind: Total}}, in the order of `groups`."""
    rows = []
    kinds: set[str] = set()
    for slug, entries in groups.items():
        found = totals(entries)
        if found:
            kinds.update(found)
            rows.append({"slug": slug, "name": names.get(slug, slug), "totals": found})
    order = [k for k in vocabulary(KINDS).values if k in kinds]
    return order, rows
