"""A practice page's metadata card as data, and the Indonesian formatting of dates and numbers.

The card's template (overrides/partials/practice-card.html) only lays out what `practice_card` returns.
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import urlencode

from lumbung.model import PUBLISHED, as_date
from lumbung.rules.schema import ONGOING
from lumbung.site import shareimage
from lumbung.site.adoption import WRITE_UP, Adoption
from lumbung.site.catalogue import TARGET_GROUPS, THEMES, Entry, Site, page_url
from lumbung.site.paging import Layout
from lumbung.vocabulary import vocabulary

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


# -- formatting in Bahasa Indonesia ---------------------------------------------------------------


def fmt_date(value: Any) -> str:
    d = as_date(value)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}" if d else ""


def fmt_month(value: Any) -> str:
    if value == ONGOING:
        return "sekarang (berjalan)"
    if isinstance(value, str) and len(value) == 7 and value[4] == "-" and value[5:].isdigit():
        month = int(value[5:])
        if 1 <= month <= 12:
            return f"{MONTHS[month - 1]} {value[:4]}"
    return str(value) if value is not None else ""


def fmt_period(period: Any) -> str:
    if not isinstance(period, dict) or not period.get("start"):
        return ""
    end = period.get("end")
    return fmt_month(period["start"]) + (f" – {fmt_month(end)}" if end else "")


def fmt_number(value: Any) -> str:
    """1020 -> '1.020', 12.5 -> '12,5' (Indonesian separators)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if isinstance(value, float) and not value.is_integer():
        whole, _, frac = f"{value:,.2f}".rstrip("0").partition(".")
        return whole.replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")


# -- the metadata card of a practice page ---------------------------------------------------------


def _dicts(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


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
        "outcomes": [
            {
                "indicator": o.get("indicator"),
                "value": fmt_number(o.get("value")),
                "baseline": fmt_number(o.get("baseline")),
                "unit": o.get("unit") or "",
                "year": o.get("year") or "",
            }
            for o in a.outcomes
        ],
        "write_up": _link(site, a.id) if a.via == WRITE_UP else None,
    }


def practice_card(site: Site, layout: Layout, entry: Entry, fate: str = PUBLISHED) -> dict[str, Any]:
    """Everything the practice template shows above the body; URLs are site-relative (use `| url`).

    `layout` says which contributor and province page holds this practice's authors and kabupaten/kota.
    """
    themes, groups = vocabulary(THEMES), vocabulary(TARGET_GROUPS)
    levels, partner_types = vocabulary("levels"), vocabulary("partner-types")
    office = entry.get("office") if isinstance(entry.get("office"), str) else ""
    replication = entry.get("replication") if isinstance(entry.get("replication"), dict) else {}
    province_url = page_url(f"provinsi/{entry.province_slug}.md")
    cover = entry.get("cover_image")
    if isinstance(cover, str):
        # Resolved like the validator does: relative to the practice file, inside practices/.
        cover = posixpath.normpath(posixpath.join(posixpath.dirname(entry.src), cover.strip()))
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
        "office": office,
        "date": fmt_date(entry.date),
        "period": fmt_period(entry.get("period")),
        "delivery_mode": vocabulary("delivery-modes").values.get(entry.get("delivery_mode"), ""),
        "target_groups": [
            {"label": groups.label(s), "url": page_url(f"sasaran/{s}.md")} for s in entry.target_groups
        ],
        "partners": [
            {"name": p.get("name"), "type": partner_types.values.get(p.get("type") or "", "")}
            for p in _dicts(entry.get("partners"))
        ],
        "authors": [
            {
                "name": a.get("name"),
                "level": levels.values.get(a.get("level") or "", ""),
                "url": _url(layout.person_link(anchor))
                if (anchor := site.author_anchor.get((" ".join(str(a.get("name")).split()), office)))
                else "",
            }
            for a in _dicts(entry.get("authors"))
        ],
        "evidence_level": vocabulary("evidence-levels").values.get(entry.get("evidence_level"), ""),
        "last_reviewed": fmt_date(entry.get("last_reviewed")),
        "outcomes": [
            {
                "indicator": o.get("indicator"),
                "baseline": fmt_number(o.get("baseline")),
                "value": fmt_number(o.get("value")),
                "unit": o.get("unit") or "",
                "year": o.get("year") or "",
            }
            for o in _dicts(entry.get("outcomes"))
        ],
        "effort": vocabulary("efforts").values.get(replication.get("effort") or "", ""),
        "prerequisites": [p for p in replication.get("prerequisites") or [] if isinstance(p, str)],
        "replicated_from": _link(site, entry.get("replicated_from"))
        if isinstance(entry.get("replicated_from"), str)
        else None,
        "replicated_by": [x for pid in site.replicated_by.get(entry.id, []) if (x := _link(site, pid))],
        "adoptions": {
            "places": site.adoption_count(entry.id),
            "entries": [_adoption(site, a) for a in site.adoptions.get(entry.id, [])],
            "form_query": report_form_query(entry) if fate == PUBLISHED else "",
        },
        "related": [x for pid in site.related.get(entry.id, []) if (x := _link(site, pid))],
        "tags": [t for t in entry.get("tags") or [] if isinstance(t, str)],
        "cover": {"url": cover, "alt": entry.get("cover_alt") or ""} if isinstance(cover, str) else None,
        "language": entry.practice.language,
        "share_image": {"path": cover, "alt": entry.get("cover_alt") or entry.title}
        if isinstance(cover, str)
        else {
            "path": shareimage.image_path(entry.id),
            "alt": f"Kartu praktik: {entry.title}",
            "width": shareimage.WIDTH,
            "height": shareimage.HEIGHT,
        },
    }
