"""The generated pages of the site (Markdown with HTML blocks) and the data of a practice's metadata card.

Pages are rendered from Jinja2 templates in `templates/` and returned as strings keyed by the source
path they pretend to have in the docs folder; the MkDocs plugin turns them into virtual files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .catalogue import THEMES, TARGET_GROUPS, Entry, Site, href, page_url, provinces, slugify
from .charts import bar_chart
from .generate import reference_markdown
from .model import PUBLISHED
from .schema import ONGOING, as_date
from .vocabulary import regions, vocabulary

TEMPLATES = Path(__file__).parent / "templates"
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
NEWEST_ON_HOME = 6
SAMPLE_TAG = "contoh"

# Section pages: (nav label, source). Practice pages are never in the nav, so pages do not grow
# with the library (every page embeds the whole nav).
NAV = [
    ("Beranda", "index.md"),
    ("Katalog", "katalog.md"),
    ("Tema", "tema/index.md"),
    ("Provinsi", "provinsi/index.md"),
    ("Kelompok sasaran", "sasaran/index.md"),
    ("Kontributor", "kontributor.md"),
    ("Statistik", "statistik.md"),
    ("Berkontribusi", "berkontribusi/index.md"),
    ("Panduan kolom", "berkontribusi/panduan-kolom.md"),
]


def default_nav() -> list[dict[str, Any]]:
    """The section-only navigation, in MkDocs `nav` form."""
    items: list[dict[str, Any]] = [{label: src} for label, src in NAV[:-2]]
    items.append({"Berkontribusi": [NAV[-2][1], {NAV[-1][0]: NAV[-1][1]}]})
    return items


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


def practice_card(site: Site, entry: Entry, fate: str = PUBLISHED) -> dict[str, Any]:
    """Everything the practice template shows above the body; URLs are site-relative (use `| url`)."""
    themes, groups = vocabulary(THEMES), vocabulary(TARGET_GROUPS)
    levels, partner_types = vocabulary("levels"), vocabulary("partner-types")
    office = entry.get("office") if isinstance(entry.get("office"), str) else ""
    replication = entry.get("replication") if isinstance(entry.get("replication"), dict) else {}
    province_url = page_url(f"provinsi/{entry.province_slug}.md")
    cover = entry.get("cover_image")
    return {
        "id": entry.id,
        "fate": fate,
        "fate_label": vocabulary("statuses").label(fate) if fate != PUBLISHED else "",
        "themes": [{"label": themes.label(s), "url": page_url(f"tema/{s}.md")} for s in entry.themes],
        "province": {"name": entry.province, "url": province_url},
        "regency": {"name": entry.regency, "url": province_url + "#" + slugify(entry.regency)} if entry.regency else None,
        "office": office,
        "date": fmt_date(entry.date),
        "period": fmt_period(entry.get("period")),
        "delivery_mode": vocabulary("delivery-modes").values.get(entry.get("delivery_mode"), ""),
        "target_groups": [{"label": groups.label(s), "url": page_url(f"sasaran/{s}.md")} for s in entry.target_groups],
        "partners": [{"name": p.get("name"), "type": partner_types.values.get(p.get("type"), "")} for p in _dicts(entry.get("partners"))],
        "authors": [
            {
                "name": a.get("name"),
                "level": levels.values.get(a.get("level"), ""),
                "url": page_url("kontributor.md") + "#" + anchor if (anchor := site.author_anchor.get((" ".join(str(a.get("name")).split()), office))) else "",
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
        "effort": vocabulary("efforts").values.get(replication.get("effort"), ""),
        "prerequisites": [p for p in replication.get("prerequisites") or [] if isinstance(p, str)],
        "replicated_from": _link(site, entry.get("replicated_from")) if isinstance(entry.get("replicated_from"), str) else None,
        "replicated_by": [x for pid in site.replicated_by.get(entry.id, []) if (x := _link(site, pid))],
        "related": [x for pid in site.related.get(entry.id, []) if (x := _link(site, pid))],
        "tags": [t for t in entry.get("tags") or [] if isinstance(t, str)],
        "cover": {"url": cover, "alt": entry.get("cover_alt") or ""} if isinstance(cover, str) else None,
    }


# -- generated pages ------------------------------------------------------------------------------


@dataclass
class Options:
    """What the pages need to know about the site around them."""

    site_name: str = "Lumbung Praktik"
    directory_urls: bool = True
    repo_url: str | None = None
    open_data: bool = True  # practices.json, practices.csv and feed.xml are written


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    # Front matter is YAML, not HTML: a JSON string is valid YAML and must not be HTML-escaped.
    env.filters.update(date=fmt_date, number=fmt_number, yaml=lambda v: Markup(json.dumps(v, ensure_ascii=False)))
    env.globals.update(
        themes=vocabulary(THEMES), groups=vocabulary(TARGET_GROUPS), levels=vocabulary("levels"),
        chart=lambda rows, title, chart_id: Markup(bar_chart([(r[0], r[2]) for r in rows], title, chart_id)),
    )
    return env


def _render(template: str, src: str, site: Site, options: Options, **values: Any) -> str:
    def link(to: str) -> str:
        return href(src, to, options.directory_urls)

    return environment().get_template(template).render(site=site, opt=options, src=src, link=link, **values)


def render_pages(site: Site, options: Options | None = None) -> dict[str, str]:
    """Source path -> Markdown of every generated page (home, catalogue, facets, people, statistics, guide)."""
    o = options or Options()
    themes, groups = vocabulary(THEMES), vocabulary(TARGET_GROUPS)
    names = dict(provinces())
    sample = any(SAMPLE_TAG in (e.get("tags") or []) for e in site.entries)
    pages = {
        "index.md": _render("home.md.j2", "index.md", site, o, counts=site.counts(), newest=site.entries[:NEWEST_ON_HOME], sample=sample),
        "katalog.md": _render("catalogue.md.j2", "katalog.md", site, o, filters=catalogue_filters(site)),
        "tema/index.md": _render("facet-index.md.j2", "tema/index.md", site, o, kind="tema", vocab=themes, groups_=site.themes),
        "sasaran/index.md": _render("facet-index.md.j2", "sasaran/index.md", site, o, kind="sasaran", vocab=groups, groups_=site.target_groups),
        "provinsi/index.md": _render("provinces.md.j2", "provinsi/index.md", site, o, rows=province_rows(site)),
        "kontributor.md": _render("contributors.md.j2", "kontributor.md", site, o),
        "statistik.md": _render("statistics.md.j2", "statistik.md", site, o, stats=site.statistics()),
        "berkontribusi/index.md": _render("contribute.md.j2", "berkontribusi/index.md", site, o),
        "berkontribusi/panduan-kolom.md": _render("reference.md.j2", "berkontribusi/panduan-kolom.md", site, o, table=reference_markdown()),
    }
    for slug, entries in site.themes.items():
        src = f"tema/{slug}.md"
        pages[src] = _render("facet.md.j2", src, site, o, kind="tema", title=themes.label(slug), entries=entries)
    for slug, entries in site.target_groups.items():
        src = f"sasaran/{slug}.md"
        pages[src] = _render("facet.md.j2", src, site, o, kind="sasaran", title=groups.label(slug), entries=entries)
    for slug, entries in site.provinces.items():
        src = f"provinsi/{slug}.md"
        pages[src] = _render("province.md.j2", src, site, o, name=names.get(slug, slug), entries=entries,
                             regencies=_by_regency(entries))
    return pages


def _by_regency(entries: list[Entry]) -> list[tuple[str, str, list[Entry]]]:
    from .catalogue import by_regency

    return [(name or "Tingkat provinsi", slugify(name) if name else "tingkat-provinsi", es) for name, es in by_regency(entries).items()]


def province_rows(site: Site) -> list[dict[str, Any]]:
    """Every province and Nasional with its practice count and covered kabupaten/kota."""
    rows = []
    by_slug = {p.slug: p for p in regions().provinces}
    for slug, name in provinces():
        entries = site.provinces.get(slug, [])
        prov = by_slug.get(slug)
        rows.append({
            "slug": slug, "name": name, "count": len(entries),
            "regencies": len(prov.regencies) if prov else 0,
            "covered": len({e.regency for e in entries if e.regency}),
        })
    return rows


def catalogue_filters(site: Site) -> list[dict[str, Any]]:
    """The catalogue's filter controls: (name, label, options) with only the values in use."""
    themes, groups = vocabulary(THEMES), vocabulary(TARGET_GROUPS)
    names = dict(provinces())
    return [
        {"name": "tema", "label": "Tema", "all": "Semua tema",
         "options": [(s, themes.label(s), len(es)) for s, es in site.themes.items() if es]},
        {"name": "provinsi", "label": "Provinsi", "all": "Semua provinsi",
         "options": [(s, names[s], len(es)) for s, es in site.provinces.items() if es]},
        {"name": "sasaran", "label": "Kelompok sasaran", "all": "Semua kelompok sasaran",
         "options": [(s, groups.label(s), len(es)) for s, es in site.target_groups.items() if es]},
        {"name": "tahun", "label": "Tahun", "all": "Semua tahun",
         "options": [(str(y), str(y), len(es)) for y, es in sorted(site.years.items(), reverse=True)]},
    ]
