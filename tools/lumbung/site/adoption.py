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
from dataclasses import dataclass

from lumbung.model import Library, Practice
from lumbung.record import Outcome, Record
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
    date: dt.date
    start: str | None  # period.start, YYYY-MM
    adaptations: str
    text: str  # a report's body as plain text
    outcomes: tuple[Outcome, ...] = ()
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

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


def _adoption(
    doc: Practice,
    record: Record,
    practice_id: str,
    via: str,
    adaptations: str = "",
    text: str = "",
    outcomes: tuple[Outcome, ...] = (),
) -> Adoption:
    prov = regions().province(record.region.province)
    return Adoption(
        practice_id=practice_id,
        id=doc.id,
        via=via,
        relpath=doc.relpath,
        office=" ".join(record.office.split()),
        province=prov.name if prov else NATIONAL,
        province_slug=prov.slug if prov else regions().national_slug,
        regency=record.region.regency,
        date=record.date,
        start=record.period.start if record.period else None,
        authors=tuple(a.name for a in record.authors),
        adaptations=adaptations,
        text=text,
        outcomes=outcomes,
        tags=record.tags,
    )


def report_adoption(report: Practice) -> Adoption:
    """The adoption a replication report records."""
    record = report.report_record()
    return _adoption(
        report,
        record,
        record.replicates,
        REPORT,
        adaptations=" ".join((record.adaptations or "").split()),
        text=" ".join(plain(report.body).split()),
        outcomes=record.outcomes,
    )


def write_up_adoption(practice: Practice, source: str) -> Adoption:
    """The adoption a write-up records by naming the practice it copies (`replicated_from`)."""
    return _adoption(practice, practice.practice_record(), source, WRITE_UP)


def adoptions(library: Library, listed: Iterable[str] | None = None) -> dict[str, list[Adoption]]:
    """Practice id -> its adoptions, newest first: published reports and write-ups naming a published
    (or, with `listed`, a listed) practice; one per office and practice, the earliest."""
    published = {p.id for p in library.published()} if listed is None else set(listed)
    found: list[Adoption] = []
    for r in library.published_reports():
        ref = r.report_record().replicates
        if ref in published and ref != r.id:
            found.append(report_adoption(r))
    for p in library.published():
        source = p.practice_record().replicated_from
        if p.id in published and source is not None and source in published and source != p.id:
            found.append(write_up_adoption(p, source))
    found.sort(key=lambda a: (a.date, a.relpath))
    out: dict[str, list[Adoption]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for a in found:  # the second report of an office (warning W431) does not count twice
        key = (a.practice_id, match_key(a.office) or a.relpath)
        if key not in seen:
            seen.add(key)
            out[a.practice_id].append(a)
    return {pid: sorted(items, key=lambda a: (-a.date.toordinal(), a.relpath)) for pid, items in out.items()}


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
        slug: sorted(items, key=lambda a: (-a.date.toordinal(), a.relpath)) for slug, items in out.items()
    }


# What search keeps of one report: (replicates, office key, date, path, text, language).
SearchRow = tuple[str, str, str, str, str, str]


def search_row(report: Practice) -> SearchRow | None:
    """What search needs of one checked replication report (None when it names itself)."""
    a = report_adoption(report)
    if a.practice_id == report.id:
        return None
    office, language = match_key(a.office) or a.relpath, report.report_record().language
    return (a.practice_id, office, a.date.isoformat(), a.relpath, a.search_text(), language)


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
