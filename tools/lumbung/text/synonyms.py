"""Synonyms and acronyms (data/synonyms.yaml), matched on analysed words.

A reader who types "PHK" must find "pemutusan hubungan kerja". Phrases are compared after
analysis, so inflected forms match, and the longest phrase wins ("bursa kerja khusus" is BKK, not
"bursa kerja"). Two views of the table:

- markers: a word for each group ("syn_phk"). The index stores the markers of the phrases a
  practice contains (matched word by word here, so "pemutusan ... hubungan ... kerja" scattered
  over a text is not "PHK"), and a query phrase looks for its markers: synonyms without phrase
  positions in the index.
- expansions: the phrases themselves, for site search, where the browser can only match words,
  so each practice's record gets the other phrases of its groups written out.

One-way entries ("BLK" finds "pelatihan", not the reverse) mark texts that contain the target
with the source's marker, and expand those texts with the source phrase.

Regions (data/regions.json) are query-side entries only: a province's name, aliases and
abbreviations ("NTT", "Jatim") and the standard short names of a few cities ("Jaksel") stand for a
region marker ("reg_53", "reg_31_74") that a practice carries in its place field only, so a
practice *in* NTT is found, not one whose text says "Timur".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from lumbung.datafiles import read_yaml
from lumbung.text.analysis import LANGS, tokens
from lumbung.vocabulary import regions

Key = tuple[str, ...]
REGION_PREFIX = "reg_"


def region_marker(code: str) -> str:
    """The marker of a province ("53") or kabupaten/kota ("53.71") code."""
    return REGION_PREFIX + code.replace(".", "_")


def region_markers(province: str | None, regency: str | None) -> list[str]:
    """The region markers of a practice's place (its province, and its kabupaten/kota if known)."""
    prov = regions().province(province) if province else None
    if prov is None:
        return []
    out = [region_marker(prov.code)]
    if regency and regency in prov.regencies:
        out.append(region_marker(prov.regencies[regency]))
    return out


@dataclass(frozen=True, slots=True)
class Match:
    """A phrase found at terms[start:end], its markers and the phrases it stands for (surface text)."""

    start: int
    end: int
    phrase: str
    markers: frozenset[str]
    expansions: tuple[str, ...]


@dataclass(frozen=True)
class Synonyms:
    table: dict[Key, tuple[str, frozenset[str], tuple[str, ...]]]  # key -> (surface, markers, expansions)
    longest: int
    starts: frozenset[str] = field(init=False)  # first terms of the keys

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", frozenset(key[0] for key in self.table))

    def find(self, terms: list[str]) -> list[Match]:
        """Non-overlapping phrases of `terms`, scanning left to right, longest phrase first."""
        out: list[Match] = []
        starts, table, longest, size = self.starts, self.table, self.longest, len(terms)
        end = 0  # where the last phrase found ends: phrases never overlap
        # Most words begin no phrase: find the few that may in one pass, then look only there.
        for i in [i for i, t in enumerate(terms) if t in starts]:
            if i < end:
                continue
            for n in range(min(longest, size - i), 0, -1):
                hit = table.get(tuple(terms[i : i + n]))
                if hit:
                    out.append(Match(i, i + n, *hit))
                    end = i + n
                    break
        return out

    def markers(self, terms: list[str]) -> list[str]:
        """The markers of every phrase found in `terms`, once per occurrence (for the index)."""
        return [marker for m in self.find(terms) for marker in sorted(m.markers)]

    def expansions(self, terms: list[str]) -> list[str]:
        """Every phrase that the phrases found in `terms` stand for, once (for enriching a text)."""
        seen: dict[str, None] = {}
        for m in self.find(terms):
            for e in m.expansions:
                seen.setdefault(e, None)
        return list(seen)


def _load_raw() -> dict:
    return read_yaml("synonyms.yaml") or {}


def _marker(prefix: str, phrase: str) -> str:
    return prefix + "_".join(tokens(phrase, "id"))


def _entries(document_side: bool) -> dict[str, tuple[set[str], dict[str, None]]]:
    """phrase -> (markers, expansions) in one direction of the table."""
    raw = _load_raw()
    entries: dict[str, tuple[set[str], dict[str, None]]] = {}

    def entry(phrase: str) -> tuple[set[str], dict[str, None]]:
        return entries.setdefault(phrase, (set(), {}))

    for group in raw.get("groups", []):
        members = [str(m) for m in group]
        marker = _marker("syn_", members[0])
        for m in members:
            marks, bucket = entry(m)
            marks.add(marker)
            bucket.update((other, None) for other in members if other != m)
    for source, targets in (raw.get("one_way") or {}).items():
        marker = _marker("syn_to_", str(source))
        if not document_side:
            marks, bucket = entry(str(source))
            marks.add(marker)
            bucket.update((str(t), None) for t in targets)
        else:  # a text about "pelatihan" is also found by "BLK"
            for t in targets:
                marks, bucket = entry(str(t))
                marks.add(marker)
                bucket[str(source)] = None
    return entries


def _region_entries() -> dict[str, tuple[set[str], dict[str, None]]]:
    """Names, aliases and abbreviations of every province (and short names of cities) -> marker."""
    entries: dict[str, tuple[set[str], dict[str, None]]] = {}
    for p in regions().provinces:
        names = [p.name, *p.aliases, *p.abbreviations]
        for name in names:
            marks, bucket = entries.setdefault(name, (set(), {}))
            marks.add(region_marker(p.code))
            bucket.update((other, None) for other in (p.name, *p.aliases) if other != name)
        for code, shorts in p.regency_abbreviations.items():
            official = next(n for n, c in p.regencies.items() if c == code)
            for short in shorts:
                marks, bucket = entries.setdefault(short, (set(), {}))
                marks.add(region_marker(code))
                bucket[official.removeprefix("Kota ").removeprefix("Administrasi ")] = None
    return entries


def _table(entries: dict[str, tuple[set[str], dict[str, None]]]) -> Synonyms:
    table: dict[Key, tuple[str, frozenset[str], tuple[str, ...]]] = {}
    for phrase, (marks, bucket) in entries.items():
        for lang in LANGS:
            key = tuple(tokens(phrase, lang))
            if not key:
                continue
            # Forms that analyse alike ("desa", "perdesaan") share one entry and pool the rest.
            surface, known_marks, known = table.get(key, (phrase, frozenset(), ()))
            merged = dict.fromkeys(known + tuple(bucket))
            expansions = tuple(e for e in merged if tuple(tokens(e, lang)) != key)
            table[key] = (surface, known_marks | frozenset(marks), expansions)
    return Synonyms(table, max((len(k) for k in table), default=1))


@cache
def synonyms() -> Synonyms:
    """The table for queries: what a query phrase also looks for (regions included)."""
    entries = _entries(document_side=False)
    for phrase, (marks, bucket) in _region_entries().items():
        known_marks, known = entries.setdefault(phrase, (set(), {}))
        known_marks |= marks
        known.update(bucket)
    return _table(entries)


@cache
def document_synonyms() -> Synonyms:
    """The table for texts: what a text should also be found by (one-way entries reversed)."""
    return _table(_entries(document_side=True))
