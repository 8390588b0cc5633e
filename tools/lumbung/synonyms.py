"""Synonyms and acronyms (data/synonyms.yaml), matched on analysed words.

Search applies them to the query (CLI) and to each practice's text (site search, whose query side
runs in the browser): either way a reader who types "PHK" finds "pemutusan hubungan kerja".
Phrases are compared after analysis, so inflected forms match, and the longest phrase wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from .analysis import DATA, LANGS, tokens


@dataclass(frozen=True, slots=True)
class Match:
    """A phrase found at terms[start:end] and the phrases it stands for (surface text)."""

    start: int
    end: int
    phrase: str
    expansions: tuple[str, ...]


@dataclass(frozen=True)
class Synonyms:
    # analysed phrase (per language) -> (surface phrase, expansions)
    table: dict[tuple[str, ...], tuple[str, tuple[str, ...]]]
    longest: int

    def find(self, terms: list[str]) -> list[Match]:
        """Non-overlapping phrases of `terms`, scanning left to right, longest phrase first."""
        out: list[Match] = []
        i = 0
        while i < len(terms):
            for n in range(min(self.longest, len(terms) - i), 0, -1):
                hit = self.table.get(tuple(terms[i : i + n]))
                if hit:
                    out.append(Match(i, i + n, hit[0], hit[1]))
                    i += n
                    break
            else:
                i += 1
        return out

    def expansions(self, terms: list[str]) -> list[str]:
        """Every phrase that the phrases found in `terms` stand for (for enriching a document)."""
        seen: dict[str, None] = {}
        for m in self.find(terms):
            for e in m.expansions:
                seen.setdefault(e, None)
        return list(seen)


def _load_raw() -> dict:
    with open(DATA / "synonyms.yaml", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def _table(entries: dict[str, dict[str, None]]) -> Synonyms:
    table: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
    for phrase, bucket in entries.items():
        for lang in LANGS:
            key = tuple(tokens(phrase, lang))
            if not key:
                continue
            # Forms that analyse alike ("desa", "perdesaan") share one entry and pool their targets.
            surface, known = table.get(key, (phrase, ()))
            merged = dict.fromkeys(known + tuple(bucket))
            table[key] = (surface, tuple(e for e in merged if tuple(tokens(e, lang)) != key))
    return Synonyms(table, max((len(k) for k in table), default=1))


def _entries(document_side: bool) -> dict[str, dict[str, None]]:
    raw = _load_raw()
    entries: dict[str, dict[str, None]] = {}
    for group in raw.get("groups", []):
        members = [str(m) for m in group]
        for m in members:
            bucket = entries.setdefault(m, {})
            for other in members:
                if other != m:
                    bucket.setdefault(other, None)
    for phrase, targets in (raw.get("one_way") or {}).items():
        for t in targets:
            # "BLK" finds "pelatihan": the query BLK adds pelatihan; a text about pelatihan adds BLK.
            source, target = (str(t), str(phrase)) if document_side else (str(phrase), str(t))
            entries.setdefault(source, {}).setdefault(target, None)
    return entries


@cache
def synonyms() -> Synonyms:
    """The synonym table for queries, analysed in every language so queries of both match."""
    return _table(_entries(document_side=False))


@cache
def document_synonyms() -> Synonyms:
    """The same table turned for texts: what a text should also be found by (one-way entries reversed)."""
    return _table(_entries(document_side=True))
