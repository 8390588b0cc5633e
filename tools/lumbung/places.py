"""A province or kabupaten/kota as an officer types it: "jabar", "jawa barat", "Kab. Bandung", "bandung".

The validator accepts only official names (and a few aliases) in a file; these readers, used where
a person answers a question (`lumbung new`, the issue form), turn a typed answer into the official
name when that is unambiguous, name the choices when it is not ("Kabupaten Bandung atau Kota
Bandung?"), and otherwise suggest the nearest name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lumbung.vocabulary import NATIONAL, Province, closest, match_key, regions

_PREFIX = re.compile(r"^(kabupaten|kab|kota|kot|kodya|kotamadya)\s+")


@dataclass(frozen=True)
class Reading:
    """What a typed answer names: one official name, several candidates, or a suggestion."""

    value: str | None = None
    choices: tuple[str, ...] = ()
    suggestion: str | None = None


def read_province(text: str) -> Reading:
    """The official province name (or Nasional) for a typed answer, case- and spelling-tolerant."""
    key = match_key(text)
    if not key:
        return Reading()
    if key == match_key(NATIONAL):
        return Reading(NATIONAL)
    reg = regions()
    for p in reg.provinces:
        names = (p.name, *p.aliases, p.slug.replace("-", " "))
        if key in (match_key(n) for n in names) or key in p.abbreviations:
            return Reading(p.name)
    near = closest(text, [p.name for p in reg.provinces] + [NATIONAL], cutoff=0.75)
    return Reading(suggestion=near)


def read_regency(text: str, province: Province | None) -> Reading:
    """The official kabupaten/kota name in `province` for a typed answer ("Kab. Bandung", "bandung")."""
    key = match_key(text)
    if not key or province is None:
        return Reading()
    by_key = {match_key(name): name for name in province.regencies}
    if key in by_key:
        return Reading(by_key[key])
    prefix = _PREFIX.match(key)
    bare = key[prefix.end() :] if prefix else key
    short = {
        match_key(s): name
        for name, code in province.regencies.items()
        for s in province.regency_abbreviations.get(code, ())
    }
    if key in short:
        return Reading(short[key])
    candidates = [name for f, name in by_key.items() if _PREFIX.sub("", f) == bare]
    if prefix:
        kind = "kota" if prefix.group(1).startswith("kot") else "kabupaten"
        candidates = [name for name in candidates if match_key(name).startswith(kind)]
    if len(candidates) == 1:
        return Reading(candidates[0])
    if len(candidates) > 1:
        return Reading(choices=tuple(sorted(candidates)))
    return Reading(suggestion=closest(text, list(province.regencies), cutoff=0.75))


def choose(text: str, choices: tuple[str, ...]) -> str | None:
    """One of `choices` picked by number, by its first word ("kota") or by name."""
    key = match_key(text)
    if key.isdigit() and 1 <= int(key) <= len(choices):
        return choices[int(key) - 1]
    hits = [c for c in choices if match_key(c) == key or match_key(c).split()[0] == key]
    return hits[0] if len(hits) == 1 else None
