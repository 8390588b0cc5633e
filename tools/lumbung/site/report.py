"""What a build did with every practice file: the build report and its one-line summary."""

from __future__ import annotations

from typing import Any

from lumbung.diagnostics import ERROR, WARNING, Diagnostic, format_one
from lumbung.model import DRAFT, PUBLISHED, REJECTED, REVIEW, Library

FATES = (PUBLISHED, DRAFT, REVIEW, REJECTED)
FATE_LABELS = {PUBLISHED: "terbit", DRAFT: "draf", REVIEW: "dalam tinjauan", REJECTED: "ditolak"}
STATUS_REASONS = {
    DRAFT: "status: draft; tidak diterbitkan sampai statusnya published",
    REVIEW: "status: review; menunggu tinjauan, tidak diterbitkan sampai statusnya published",
}
NO_STATUS = "status bukan draft, review atau published"


def build_report(
    library: Library, lang: str = "id", diagnostics: list[Diagnostic] | None = None
) -> dict[str, Any]:
    """Counts per fate and every file with its fate and reasons; the counts add up to the files on disk.

    Practices are counted at the top level and listed under "practices"; replication reports the same
    way under "replications". `diagnostics` defaults to the library's own; pass more (e.g. duplicate
    warnings) to list them too.
    """
    by_path: dict[str, list] = {}
    for d in library.diagnostics if diagnostics is None else diagnostics:
        by_path.setdefault(d.path, []).append(d)
    practices = _rows(library, library.practices, by_path, lang)
    reports = _rows(library, library.reports, by_path, lang)
    return {
        **_counts(practices),
        "practices": practices,
        "replications": {**_counts(reports), "reports": reports},
    }


def _counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    counts = dict.fromkeys(FATES, 0)
    for row in rows:
        counts[row["fate"]] += 1
    return {"files": len(rows), **counts}


def _rows(library: Library, docs: list, by_path: dict[str, list], lang: str) -> list[dict[str, Any]]:
    rows = []
    for p in docs:
        fate = library.fate(p)
        diags = sorted(by_path.get(p.relpath, []), key=lambda d: d.sort_key())
        errors = [format_one(d, lang) for d in diags if d.severity == ERROR]
        reasons = errors if fate == REJECTED else []
        if fate == REJECTED and not errors:
            reasons = [NO_STATUS]
        if fate in STATUS_REASONS:
            reasons = [STATUS_REASONS[fate]]
        rows.append(
            {
                "path": p.relpath,
                "id": p.id,
                "fate": fate,
                "reasons": reasons,
                "warnings": [format_one(d, lang) for d in diags if d.severity == WARNING],
            }
        )
    return rows


def fate_summary(report: dict[str, Any]) -> str:
    """One line of counts, e.g. '16 berkas praktik: 14 terbit, 1 draf, 1 dalam tinjauan, 0 ditolak',
    followed by the replication reports' counts when there are any."""
    parts = ", ".join(f"{report[f]} {FATE_LABELS[f]}" for f in FATES)
    line = f"{report['files']} berkas praktik: {parts}"
    reports = report.get("replications") or {}
    if reports.get("files"):
        parts = ", ".join(f"{reports[f]} {FATE_LABELS[f]}" for f in FATES)
        line += f"; {reports['files']} laporan replikasi: {parts}"
    return line
