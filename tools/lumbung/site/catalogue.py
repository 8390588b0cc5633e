"""Site data from a loaded library: catalogue entries, facets, links between practices, contributors.

Pure functions over a `Library`. The page renderer (`pages`), the open-data writers (`opendata`)
and the MkDocs plugin read these records; nothing here knows about MkDocs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from lumbung.model import PUBLISHED, Library, Practice
from lumbung.record import PracticeRecord
from lumbung.site import adoption
from lumbung.site.adoption import Adoption
from lumbung.site.urls import slugify, src_of
from lumbung.vocabulary import NATIONAL, match_key, regions, vocabulary

THEMES, TARGET_GROUPS = "themes", "target-groups"


@dataclass
class Entry:
    """One practice as the site lists it (published, or a draft previewed under `mkdocs serve`)."""

    practice: Practice
    record: PracticeRecord  # its checked header
    id: str
    src: str
    title: str
    summary: str  # on one line
    date: dt.date
    province: str  # official name, or Nasional
    province_slug: str
    regency: str | None
    themes: tuple[str, ...]
    target_groups: tuple[str, ...]

    @property
    def year(self) -> int:
        return self.date.year


def entry_of(practice: Practice) -> Entry:
    """The listing of a practice the site shows (its fate published, draft or review)."""
    record = practice.practice_record()
    prov = regions().province(record.region.province)
    return Entry(
        practice,
        record,
        practice.id,
        src_of(practice),
        record.title,
        " ".join(record.summary.split()),
        record.date,
        prov.name if prov else NATIONAL,
        prov.slug if prov else regions().national_slug,
        record.region.regency,
        record.themes,
        record.target_groups,
    )


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (-e.date.toordinal(), e.title.lower(), e.id))


def provinces() -> list[tuple[str, str]]:
    """(slug, name) of every province in official order, then Nasional."""
    reg = regions()
    return [(p.slug, p.name) for p in reg.provinces] + [(reg.national_slug, NATIONAL)]


def by_vocabulary(entries: Iterable[Entry], name: str) -> dict[str, list[Entry]]:
    """Entries per value of a vocabulary (themes or target-groups), every value present, in list order."""
    groups: dict[str, list[Entry]] = {slug: [] for slug in vocabulary(name).values}
    attr = "themes" if name == THEMES else "target_groups"
    for e in entries:
        for slug in getattr(e, attr):
            groups.setdefault(slug, []).append(e)
    return groups


def by_province(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Entries per province slug, every province (and Nasional) present, in official order."""
    groups: dict[str, list[Entry]] = {slug: [] for slug, _ in provinces()}
    for e in entries:
        groups.setdefault(e.province_slug, []).append(e)
    return groups


def by_regency(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Entries of one province per kabupaten/kota (sorted), with province-wide ones under ''."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        groups[e.regency or ""].append(e)
    return {
        k: groups[k]
        for k in sorted(groups, key=lambda r: (r == "", r.removeprefix("Kabupaten ").removeprefix("Kota ")))
    }


def by_year(entries: Iterable[Entry]) -> dict[int, list[Entry]]:
    """Entries per year of their date, oldest year first."""
    groups: dict[int, list[Entry]] = defaultdict(list)
    for e in entries:
        groups[e.year].append(e)
    return dict(sorted(groups.items()))


def replicated_by(entries: Iterable[Entry]) -> dict[str, list[str]]:
    """The reverse of `replicated_from`: id -> ids of the listed practices that copied it."""
    entries = list(entries)
    ids = {e.id for e in entries}
    out: dict[str, list[str]] = defaultdict(list)
    for e in entries:
        source = e.record.replicated_from
        if source in ids and source != e.id:
            out[source].append(e.id)
    return dict(out)


def related(
    entries: Iterable[Entry], similar: Mapping[str, Iterable[str]] | None = None, limit: int = 6
) -> dict[str, list[str]]:
    """Related ids per practice, listed practices only: those it names in `related` first (all of them),
    then the most `similar` (search.related.similar_ids) up to `limit` in all. The one place of this rule."""
    entries = list(entries)
    ids = {e.id for e in entries}
    out: dict[str, list[str]] = {}
    for e in entries:
        declared = e.record.related
        seen: list[str] = []
        for rid in [*declared, *((similar or {}).get(e.id) or ())]:
            if rid in ids and rid != e.id and rid not in seen:
                seen.append(rid)
        out[e.id] = seen[: max(limit, len(declared))]
    return out


@dataclass
class Contributor:
    """An author, identified by name and office, with the practices they wrote."""

    name: str
    office: str
    anchor: str
    levels: list[str] = field(default_factory=list)
    email: str | None = None
    entries: list[Entry] = field(default_factory=list)


def contributors(entries: Iterable[Entry]) -> list[Contributor]:
    """Every author of the listed practices, grouped by (name, office), sorted by name."""
    found: dict[tuple[str, str], Contributor] = {}
    for e in entries:
        office = e.record.office
        for author in e.record.authors:
            key = (" ".join(author.name.split()), office)
            c = found.setdefault(key, Contributor(key[0], office, ""))
            if author.level is not None and author.level not in c.levels:
                c.levels.append(author.level)
            if author.email is not None and not c.email:
                c.email = author.email
            if e not in c.entries:
                c.entries.append(e)
    result = sorted(found.values(), key=lambda c: (match_key(c.name), match_key(c.office)))
    used: set[str] = set()
    for c in result:
        anchor = base = "k-" + slugify(c.name)
        n = 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        c.anchor = anchor
    return result


@dataclass
class Site:
    """Everything the generated pages need, computed once per build."""

    library: Library
    entries: list[Entry]  # listed (published) practices, newest first
    by_id: dict[str, Entry]
    themes: dict[str, list[Entry]]
    target_groups: dict[str, list[Entry]]
    provinces: dict[str, list[Entry]]
    years: dict[int, list[Entry]]
    replicated_by: dict[str, list[str]]
    related: dict[str, list[str]]
    contributors: list[Contributor]
    author_anchor: dict[tuple[str, str], str]
    adoptions: dict[str, list[Adoption]] = field(default_factory=dict)  # practice id -> adoptions
    adopted_in: dict[str, list[Adoption]] = field(default_factory=dict)  # province slug -> adoptions

    def adoption_count(self, pid: str) -> int:
        """In how many places (kabupaten/kota, or provinces) the practice was adopted."""
        return adoption.places(self.adoptions.get(pid, ()))

    def most_adopted(self, limit: int | None = None) -> list[tuple[Entry, int]]:
        """Listed practices adopted at least once, most places first, then newest."""
        order = {e.id: i for i, e in enumerate(self.entries)}
        rows = [(self.by_id[pid], self.adoption_count(pid)) for pid in self.adoptions if pid in self.by_id]
        rows.sort(key=lambda r: (-r[1], order[r[0].id]))
        return rows[:limit] if limit is not None else rows

    def with_related(self, similar: Mapping[str, Iterable[str]], limit: int = 6) -> Site:
        """This site with its related practices completed by the `similar` ones (see related()), which
        are computed while the listings are made from the site as it is."""
        return replace(self, related=related(self.entries, similar, limit))

    def counts(self) -> dict[str, int]:
        """Headline numbers: listed practices, provinces (without Nasional), themes in use."""
        national = regions().national_slug
        return {
            "practices": len(self.entries),
            "provinces": sum(1 for s, es in self.provinces.items() if es and s != national),
            "themes": sum(1 for es in self.themes.values() if es),
            "contributors": len(self.contributors),
        }

    def statistics(self) -> dict[str, list[tuple[str, str, int]]]:
        """(label, key, count) rows per facet for the charts: provinces with practices, every theme and
        target group, years."""
        names = dict(provinces())
        themes, groups = vocabulary(THEMES), vocabulary(TARGET_GROUPS)
        return {
            "province": sorted(
                ((names[s], s, len(es)) for s, es in self.provinces.items() if es),
                key=lambda r: (-r[2], r[0]),
            ),
            "theme": sorted(
                ((themes.label(s), s, len(es)) for s, es in self.themes.items()), key=lambda r: (-r[2], r[0])
            ),
            "target_group": sorted(
                ((groups.label(s), s, len(es)) for s, es in self.target_groups.items()),
                key=lambda r: (-r[2], r[0]),
            ),
            "year": [(str(y), str(y), len(es)) for y, es in self.years.items()],
        }


def build_site(
    library: Library, similar: Mapping[str, Iterable[str]] | None = None, related_limit: int = 6
) -> Site:
    """The site data of a library: published practices only are listed. Without `similar`, the related
    practices are those each names (see Site.with_related)."""
    entries = newest_first(entry_of(p) for p in library.practices if library.fate(p) == PUBLISHED)
    people = contributors(entries)
    adopted = adoption.adoptions(library, (e.id for e in entries))
    return Site(
        library=library,
        entries=entries,
        by_id={e.id: e for e in entries},
        themes=by_vocabulary(entries, THEMES),
        target_groups=by_vocabulary(entries, TARGET_GROUPS),
        provinces=by_province(entries),
        years=by_year(entries),
        replicated_by=replicated_by(entries),
        related=related(entries, similar, related_limit),
        contributors=people,
        author_anchor={(c.name, c.office): c.anchor for c in people},
        adoptions=adopted,
        adopted_in=adoption.by_province(adopted),
    )
