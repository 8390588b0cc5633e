"""A checked header as a typed, frozen record: what everything past the checks reads.

The loader builds one record per file whose checks found no error (`build`), from the header the
schema (data/schema.yaml, data/replication.yaml) has accepted, so the types below hold by
construction: downstream code reads `record.office`, never `meta.get("office")` behind an
isinstance guard. A file with errors has no record. Optional values the header leaves out (or
leaves empty, `key:`) are None or an empty tuple; lists are tuples, dates `datetime.date`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

# The vocabularies code branches on, as types (tests/core/test_record.py checks them against
# data/vocabularies/); the others (themes, levels, ...) are plain strings checked by the schema.
Status = Literal["draft", "review", "published"]
Language = Literal["id", "en"]
Kind = Literal["practice", "replication"]
STATUSES: dict[str, Status] = {"draft": "draft", "review": "review", "published": "published"}
LANGUAGES: dict[str, Language] = {"id": "id", "en": "en"}
KINDS: dict[str, Kind] = {"practice": "practice", "replication": "replication"}

Number = int | float  # the schema's `number`: YAML gives an int or a float, and the outputs keep which


def as_date(value: Any) -> dt.date | None:
    """A date from a YAML date, datetime or ISO string (quoted and unquoted dates are the same value)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


@dataclass(frozen=True, slots=True)
class Region:
    province: str  # official name, or Nasional
    regency: str | None = None  # official name of a kabupaten/kota of that province


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    level: str | None = None  # vocabulary levels
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Partner:
    name: str
    type: str  # vocabulary partner-types


@dataclass(frozen=True, slots=True)
class Outcome:
    """One measured result, in the order the open data lists its keys."""

    indicator: str
    kind: str | None  # vocabulary outcome-kinds
    value: Number
    unit: str | None = None
    baseline: Number | None = None
    year: int | None = None


ONGOING = "berjalan"  # a period's end while the practice goes on


@dataclass(frozen=True, slots=True)
class Period:
    start: str  # YYYY-MM
    end: str | None = None  # YYYY-MM, or ONGOING; reports give no end


@dataclass(frozen=True, slots=True)
class Replication:
    """What copying a practice takes (empty when the header says nothing)."""

    effort: str | None = None  # vocabulary efforts
    prerequisites: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """The fields both kinds of document share."""

    kind: Kind
    status: Status
    date: dt.date
    region: Region
    office: str
    authors: tuple[Author, ...]
    period: Period | None = None
    outcomes: tuple[Outcome, ...] = ()
    public_contacts: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    language: Language = "id"


@dataclass(frozen=True, slots=True, kw_only=True)
class PracticeRecord(Record):
    """The header of a practice write-up (data/schema.yaml)."""

    title: str
    summary: str
    themes: tuple[str, ...]
    target_groups: tuple[str, ...] = ()
    delivery_mode: str | None = None
    partners: tuple[Partner, ...] = ()
    evidence_level: str | None = None
    replication: Replication = field(default_factory=Replication)
    replicated_from: str | None = None
    related: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    cover_image: str | None = None  # relative to the practice file
    cover_alt: str | None = None
    redirect_from: tuple[str, ...] = ()
    last_reviewed: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportRecord(Record):
    """The header of a replication report (data/replication.yaml)."""

    replicates: str  # the id of the adopted practice
    adaptations: str | None = None


def build(kind: str, meta: Mapping[str, Any]) -> PracticeRecord | ReportRecord:
    """The record of a header the schema of `kind` accepted. Raises (KeyError, TypeError) on a header
    it did not: a caller that builds records from unchecked data has a bug."""
    return practice_record(meta) if kind == "practice" else report_record(meta)


def practice_record(meta: Mapping[str, Any]) -> PracticeRecord:
    replication = meta.get("replication") or {}
    return PracticeRecord(
        **_shared(meta, "practice"),
        title=meta["title"],
        summary=meta["summary"],
        themes=tuple(meta["themes"]),
        target_groups=_tuple(meta, "target_groups"),
        delivery_mode=meta.get("delivery_mode"),
        partners=tuple(Partner(p["name"], p["type"]) for p in meta.get("partners") or ()),
        evidence_level=meta.get("evidence_level"),
        replication=Replication(replication.get("effort"), _tuple(replication, "prerequisites")),
        replicated_from=meta.get("replicated_from"),
        related=_tuple(meta, "related"),
        keywords=_tuple(meta, "keywords"),
        cover_image=meta.get("cover_image"),
        cover_alt=meta.get("cover_alt"),
        redirect_from=_tuple(meta, "redirect_from"),
        last_reviewed=as_date(meta.get("last_reviewed")),
    )


def report_record(meta: Mapping[str, Any]) -> ReportRecord:
    return ReportRecord(
        **_shared(meta, "replication"),
        replicates=meta["replicates"],
        adaptations=meta.get("adaptations"),
    )


def _shared(meta: Mapping[str, Any], kind: str) -> dict[str, Any]:
    region, period = meta["region"], meta.get("period")
    date = as_date(meta["date"])
    if date is None:
        raise TypeError(f"date {meta['date']!r} was not checked")
    return {
        "kind": KINDS[kind],
        "status": STATUSES[meta["status"]],
        "date": date,
        "region": Region(region["province"], region.get("regency")),
        "office": meta["office"],
        "authors": tuple(Author(a["name"], a.get("level"), a.get("email")) for a in meta["authors"]),
        "period": Period(period["start"], period.get("end")) if period else None,
        "outcomes": tuple(
            Outcome(
                o["indicator"], o.get("kind"), o["value"], o.get("unit"), o.get("baseline"), o.get("year")
            )
            for o in meta.get("outcomes") or ()
        ),
        "public_contacts": _tuple(meta, "public_contacts"),
        "tags": _tuple(meta, "tags"),
        "language": LANGUAGES[meta.get("language") or "id"],
    }


def _tuple(meta: Mapping[str, Any], key: str) -> tuple:
    return tuple(meta.get(key) or ())
