"""The practice as the rest of the system sees it: metadata, body, diagnostics and its fate."""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from lumbung.diagnostics import ERROR, Diagnostic
from lumbung.record import PracticeRecord, Record, ReportRecord, as_date

__all__ = ["as_date"]  # re-exported: the rules read dates of unchecked headers with it

PUBLISHED, DRAFT, REVIEW, REJECTED = "published", "draft", "review", "rejected"
# The kinds of document under practices/: a write-up, or a report that an office adopted one
# (rules.schema.kind_of decides which a file is, from `kind:` or its folder).
PRACTICE, REPLICATION = "practice", "replication"
PRACTICES_DIR = "practices"  # the docs folder: every file MkDocs publishes lies under it
# Header fields that name other practices or addresses of the site: resolved across the library.
REF_FIELDS = ("replicated_from", "related", "redirect_from")
# Beside practices/, ignored by git: the search index, similarity vectors, generated pages under serve.
CACHE_DIR = ".lumbung-cache"


@dataclass
class References:
    """What a practice points at inside the site: the gate resolves these across the library."""

    links: list[tuple[int | None, str]] = field(default_factory=list)  # (line, path) of Markdown page links
    files: list[str] = field(default_factory=list)  # images and attachments, e.g. practices/bali/foto/a.jpg


@dataclass
class Practice:
    """One practice file, parsed and checked on its own (cross-file checks live in the Library)."""

    id: str
    relpath: str  # posix path from the project root, e.g. practices/sumatera-selatan/x.md
    meta: dict[str, Any] | None
    body: str
    body_line: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    field_lines: dict[str, int | None] = field(default_factory=dict)
    stamp: tuple = ()
    refs: References = field(default_factory=References)
    kind: str = PRACTICE  # or REPLICATION for a replication report, set by the loader (schema.kind_of)
    # The near-copy search's fingerprint of the text (duplicates.fingerprint), taken when the file is
    # read so it is computed on every core and kept with the file in the loader's cache. Not an init
    # field: a copy made with dataclasses.replace (another body, say) has none, and gets its own.
    fragments: array | None = field(default=None, init=False, compare=False, repr=False)
    # A digest of the header as written, set by the loader: whatever the site lists of a practice
    # comes from its header, so a serve rebuild after an edit of the body alone lists nothing new
    # (build.SiteBuild reuses the listing pages). Empty when unknown.
    header_digest: str = field(default="", init=False, compare=False, repr=False)
    # The checked header (record.py), built by the loader when the file's own checks found no error;
    # None otherwise. The site and search read this; the properties below serve the checks.
    record: Record | None = None

    def practice_record(self) -> PracticeRecord:
        """The checked header of a write-up. Every practice the site lists or search shows has one (a
        file with errors is rejected); asking for it of any other file is a bug of the caller."""
        if not isinstance(self.record, PracticeRecord):
            raise ValueError(f"{self.relpath}: no checked practice header")
        return self.record

    def report_record(self) -> ReportRecord:
        """The checked header of a replication report (see practice_record)."""
        if not isinstance(self.record, ReportRecord):
            raise ValueError(f"{self.relpath}: no checked replication report header")
        return self.record

    # -- what the checks read of a header that may not be valid: the value, when it has the right type

    @property
    def has_errors(self) -> bool:
        return any(d.severity == ERROR for d in self.diagnostics)

    @property
    def status(self) -> str | None:
        value = (self.meta or {}).get("status")
        return value if isinstance(value, str) else None

    @property
    def language(self) -> str:
        value = (self.meta or {}).get("language") or "id"
        return value if value in ("id", "en") else "id"

    @property
    def title(self) -> str:
        value = (self.meta or {}).get("title")
        return value if isinstance(value, str) else self.id

    @property
    def summary(self) -> str:
        value = (self.meta or {}).get("summary")
        return value if isinstance(value, str) else ""

    def get(self, key: str, default: Any = None) -> Any:
        return (self.meta or {}).get(key, default)

    @property
    def date(self) -> dt.date | None:
        return as_date(self.get("date"))

    @property
    def keywords(self) -> list[str]:
        value = self.get("keywords")
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    @property
    def province(self) -> str | None:
        region = self.get("region")
        return region.get("province") if isinstance(region, dict) else None

    @property
    def regency(self) -> str | None:
        region = self.get("region")
        return region.get("regency") if isinstance(region, dict) else None


@dataclass
class Library:
    """Every file found, with per-file and cross-file diagnostics.

    Documents given as `practices` are sorted by kind: replication reports move to `reports`."""

    root: Path
    practices: list[Practice]
    diagnostics: list[Diagnostic]  # all of them, per-file and cross-file, for reporting
    # Every other file under practices/ that the site may publish (practices/... -> its fate: the fate
    # of the best practice that refers to it); anything not here or in `practices` is not published.
    files: dict[str, str] = field(default_factory=dict)
    reports: list[Practice] = field(default_factory=list)

    def __post_init__(self) -> None:
        docs = [*self.practices, *self.reports]
        self.practices = [d for d in docs if d.kind == PRACTICE]
        self.reports = [d for d in docs if d.kind != PRACTICE]

    @property
    def documents(self) -> list[Practice]:
        """Practices, then replication reports: every file the library holds."""
        return [*self.practices, *self.reports]

    @cached_property
    def error_paths(self) -> set[str]:
        return {d.path for d in self.diagnostics if d.severity == ERROR}

    def errors_of(self, relpath: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.path == relpath and d.severity == ERROR]

    def fate(self, practice: Practice) -> str:
        """published | draft | review | rejected: what the site does with this file."""
        if practice.relpath in self.error_paths:
            return REJECTED
        return practice.status if practice.status in (PUBLISHED, DRAFT, REVIEW) else REJECTED

    def published(self) -> list[Practice]:
        return [p for p in self.practices if self.fate(p) == PUBLISHED]

    def published_reports(self) -> list[Practice]:
        return [r for r in self.reports if self.fate(r) == PUBLISHED]

    @property
    def by_id(self) -> dict[str, Practice]:
        """Practices by id (a fresh mapping, like `Site.by_id` for entries)."""
        return {p.id: p for p in self.practices}
