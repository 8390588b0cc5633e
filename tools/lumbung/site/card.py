"""A practice page's metadata card as data.

The card's template (overrides/partials/practice-card.html) only lays out what `practice_card` returns.
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import urlencode

from lumbung.model import PUBLISHED
from lumbung.record import Outcome
from lumbung.site import shareimage
from lumbung.site.adoption import WRITE_UP, Adoption
from lumbung.site.catalogue import TARGET_GROUPS, THEMES, Entry, Site
from lumbung.site.paging import Layout
from lumbung.site.urls import page_url
from lumbung.text.dates import fmt_date, fmt_month, fmt_period
from lumbung.text.numbers import fmt_number
from lumbung.vocabulary import vocabulary

# -- the metadata card of a practice page ---------------------------------------------------------


def _outcome(o: Outcome) -> dict[str, Any]:
    return {
        "indicator": o.indicator,
        "baseline": fmt_number(o.baseline),
        "value": fmt_number(o.value),
        "unit": o.unit or "",
        "year": o.year or "",
    }


def _link(site: Site, pid: str) -> dict[str, str] | None:
    e = site.by_id.get(pid)
    return {"title": e.title, "url": page_url(e.src)} if e else None


def _url(src_and_anchor: str) -> str:
    src, _, anchor = src_and_anchor.partition("#")
    return page_url(src) + (f"#{anchor}" if anchor else "")


# The "Laporan replikasi" issue form (.github/ISSUE_TEMPLATE/laporan-replikasi.yml): a practice page
# opens it with the issue title and the practice-id field filled in (GitHub issue forms take
# `?title=...&<field id>=value`). The form's reader finds the practice's title by its id.
REPORT_FORM = "laporan-replikasi.yml"
REPORT_FORM_ID_FIELD = "praktik"
REPORT_TITLE = "[Replikasi]: "


def report_form_query(entry: Entry) -> str:
    """The query string of `<repo>/issues/new` that opens the report form prefilled for this practice."""
    return urlencode(
        {"template": REPORT_FORM, "title": REPORT_TITLE + entry.title, REPORT_FORM_ID_FIELD: entry.id}
    )


def _adoption(site: Site, a: Adoption) -> dict[str, Any]:
    return {
        "id": a.id,
        "office": a.office,
        "place": a.place,
        "province": {"name": a.province, "url": page_url(f"provinsi/{a.province_slug}.md")},
        "regency": a.regency or "",
        "date": fmt_date(a.date),
        "since": fmt_month(a.start) if a.start else "",
        "adaptations": a.adaptations,
        "text": a.text,
        "outcomes": [_outcome(o) for o in a.outcomes],
        "write_up": _link(site, a.id) if a.via == WRITE_UP else None,
    }


def practice_card(site: Site, layout: Layout, entry: Entry, fate: str = PUBLISHED) -> dict[str, Any]:
    """Everything the practice template shows above the body; URLs are site-relative (use `| url`).

    `layout` says which contributor and province page holds this practice's authors and kabupaten/kota.
    """
    themes, groups = vocabulary(THEMES), vocabulary(TARGET_GROUPS)
    levels, partner_types = vocabulary("levels"), vocabulary("partner-types")
    record = entry.record
    province_url = page_url(f"provinsi/{entry.province_slug}.md")
    # Resolved like the validator does: relative to the practice file, inside practices/.
    cover = (
        posixpath.normpath(posixpath.join(posixpath.dirname(entry.src), record.cover_image.strip()))
        if record.cover_image is not None
        else None
    )
    return {
        "id": entry.id,
        "fate": fate,
        "fate_label": vocabulary("statuses").label(fate) if fate != PUBLISHED else "",
        "themes": [{"label": themes.label(s), "url": page_url(f"tema/{s}.md")} for s in entry.themes],
        "province": {"name": entry.province, "url": province_url},
        "regency": {
            "name": entry.regency,
            "url": _url(layout.regency_link(entry.province_slug, entry.regency)),
        }
        if entry.regency
        else None,
        "office": record.office,
        "date": fmt_date(entry.date),
        "period": fmt_period(record.period),
        "delivery_mode": _label("delivery-modes", record.delivery_mode),
        "target_groups": [
            {"label": groups.label(s), "url": page_url(f"sasaran/{s}.md")} for s in entry.target_groups
        ],
        "partners": [{"name": p.name, "type": partner_types.values.get(p.type, "")} for p in record.partners],
        "authors": [
            {
                "name": a.name,
                "level": levels.values.get(a.level or "", ""),
                "url": _url(layout.person_link(anchor))
                if (anchor := site.author_anchor.get((" ".join(a.name.split()), record.office)))
                else "",
            }
            for a in record.authors
        ],
        "evidence_level": _label("evidence-levels", record.evidence_level),
        "last_reviewed": fmt_date(record.last_reviewed),
        "outcomes": [_outcome(o) for o in record.outcomes],
        "effort": _label("efforts", record.replication.effort),
        "prerequisites": list(record.replication.prerequisites),
        "replicated_from": _link(site, record.replicated_from)
        if record.replicated_from is not None
        else None,
        "replicated_by": [x for pid in site.replicated_by.get(entry.id, []) if (x := _link(site, pid))],
        "adoptions": {
            "places": site.adoption_count(entry.id),
            "entries": [_adoption(site, a) for a in site.adoptions.get(entry.id, [])],
            "form_query": report_form_query(entry) if fate == PUBLISHED else "",
        },
        "related": [x for pid in site.related.get(entry.id, []) if (x := _link(site, pid))],
        "tags": list(record.tags),
        "cover": {"url": cover, "alt": record.cover_alt or ""} if cover is not None else None,
        "language": record.language,
        "share_image": {"path": cover, "alt": record.cover_alt or entry.title}
        if cover is not None
        else {
            "path": shareimage.image_path(entry.id),
            "alt": f"Kartu praktik: {entry.title}",
            "width": shareimage.WIDTH,
            "height": shareimage.HEIGHT,
        },
    }


def _label(name: str, value: str | None) -> str:
    """The label of a vocabulary value, '' when none is given."""
    return vocabulary(name).values.get(value, "") if value is not None else ""
