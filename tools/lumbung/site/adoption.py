"""Where practices spread: adoptions from replication reports and from write-ups with `replicated_from`.

An adoption is one office that applied a published practice. It comes from a published replication
report (`kind: replication`, see data/replication.yaml) or from a published practice that declares
`replicated_from`. Both count alike on the practice page ("Diterapkan di N daerah"), the province
pages, the statistics and open data. Pure functions over a loaded `Library`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lumbung.model import Library, Practice
from lumbung.text.document import plain
from lumbung.vocabulary import NATIONAL, match_key, regions

REPORT, WRITE_UP = "report", "write-up"


@dataclass(frozen=True)
class Adoption:
    """One office that applied a practice."""

    practice_id: str  # the adopted practice
    id: str  # the report's id, or the write-up's
    via: str  # REPORT or WRITE_UP
    relpath: str
    office: str
    province: str  # official name, or Nasional
    province_slug: str
    regency: str | None
    date: dt.date | None
    start: str | None  # period.start, YYYY-MM
    adaptations: str
    text: str  # a report's body as plain text
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @property
    def place(self) -> str:
        return self.regency or self.province

    @property
    def place_key(self) -> tuple[str, str]:
        return (self.province_slug, self.regency or "")

    def search_text(self) -> str:
        """What makes the adopted practice findable from here: the place, the office, the changes.
        The place is the kabupaten/kota alone (the province when none is given): a province's words
        would mix with the practice's own place ("Nusa Tenggara" + "Kalimantan Timur")."""
        return ". ".join(x for x in (self.place, self.office, self.adaptations, self.text) if x)


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def adoption_of(doc: Practice, practice_id: str, via: str) -> Adoption:
    prov = regions().province(doc.province or "")
    period = doc.get("period") if isinstance(doc.get("period"), dict) else {}
    outcomes = doc.get("outcomes") if via == REPORT else None
    return Adoption(
        practice_id=practice_id,
        id=doc.id,
        via=via,
        relpath=doc.relpath,
        office=" ".join(_str(doc.get("office")).split()),
        province=prov.name if prov else NATIONAL,
        province_slug=prov.slug if prov else regions().national_slug,
        regency=doc.regency if isinstance(doc.regency, str) else None,
        date=doc.date,
        start=_str(period.get("start")) or None,
        adaptations=" ".join(_str(doc.get("adaptations")).split()) if via == REPORT else "",
        text=" ".join(plain(doc.body).split()) if via == REPORT else "",
        outcomes=[o for o in outcomes if isinstance(o, dict)] if isinstance(outcomes, list) else [],
        authors=[
            a["name"]
            for a in doc.get("authors") or []
            if isinstance(a, dict) and isinstance(a.get("name"), str)
        ],
        tags=[t for t in doc.get("tags") or [] if isinstance(t, str)],
    )


def adoptions(library: Library, listed: Iterable[str] | None = None) -> dict[str, list[Adoption]]:
    """Practice id -> its adoptions, newest first: published reports and write-ups naming a published
    (or, with `listed`, a listed) practice; one per office and practice, the earliest."""
    published = {p.id for p in library.published()} if listed is None else set(listed)
    found: list[Adoption] = []
    for r in library.published_reports():
        ref = r.get("replicates")
        if isinstance(ref, str) and ref in published and ref != r.id:
            found.append(adoption_of(r, ref, REPORT))
    for p in library.published():
        ref = p.get("replicated_from")
        if p.id in published and isinstance(ref, str) and ref in published and ref != p.id:
            found.append(adoption_of(p, ref, WRITE_UP))
    found.sort(key=lambda a: (a.date or dt.date.min, a.relpath))
    out: dict[str, list[Adoption]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for a in found:  # the second report of an office (warning W431) does not count twice
        key = (a.practice_id, match_key(a.office) or a.relpath)
        if key not in seen:
            seen.add(key)
            out[a.practice_id].append(a)
    return {
        pid: sorted(items, key=lambda a: (-(a.date or dt.date.min).toordinal(), a.relpath))
        for pid, items in out.items()
    }


def places(items: Iterable[Adoption]) -> int:
    """In how many places (kabupaten/kota, or province when none is given) a practice was adopted."""
    return len({a.place_key for a in items})


def by_province(by_practice: dict[str, list[Adoption]]) -> dict[str, list[Adoption]]:
    """Province slug -> adoptions by offices there, newest first."""
    out: dict[str, list[Adoption]] = defaultdict(list)
    for items in by_practice.values():
        for a in items:
            out[a.province_slug].append(a)
    return {
        slug: sorted(items, key=lambda a: (-(a.date or dt.date.min).toordinal(), a.relpath))
        for slug, items in out.items()
    }


# What search keeps of one report: (replicates, office key, date, path, text, language).
SearchRow = tuple[str, str, str, str, str, str]


def search_row(report: Practice) -> SearchRow | None:
    """What search needs of one replication report (None when it names no practice)."""
    ref = report.get("replicates")
    if not isinstance(ref, str) or ref == report.id:
        return None
    a = adoption_of(report, ref, REPORT)
    date = a.date.isoformat() if a.date else ""
    return (ref, match_key(a.office) or a.relpath, date, a.relpath, a.search_text(), report.language)


def combine_search_rows(rows: Iterable[SearchRow]) -> dict[str, list[tuple[str, str]]]:
    """Practice id -> (text, language) of the published reports about it, one per office (the
    earliest), in date order. The CLI index (from its manifest) and site search (from the library)
    both use this, so the two indexes hold the same words."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for ref, office, _date, _path, text, language in sorted(rows, key=lambda r: (r[2], r[3])):
        if (ref, office) not in seen:
            seen.add((ref, office))
            out[ref].append((text, language))
    return dict(out)


def search_texts(library: Library) -> dict[str, list[tuple[str, str]]]:
    """Practice id -> (text, language) of the reports about it, for search: reports are not results of
    their own, but their place and changes lead to the practice they adopted ("job canvassing Dumai")."""
    published = {p.id for p in library.published()}
    rows = [row for r in library.published_reports() if (row := search_row(r)) and row[0] in published]
    return combine_search_rows(rows)
