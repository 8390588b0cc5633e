"""The generated pages of the site: Markdown with HTML blocks, rendered from Jinja2 templates.

Pages come from the templates in `templates/` and are returned as strings keyed by the source path
they pretend to have in the docs folder; the MkDocs plugin turns them into virtual files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .card import fmt_date, fmt_number
from .catalogue import TARGET_GROUPS, THEMES, Entry, Site, href, provinces, slugify
from .charts import bar_chart
from .generate import reference_markdown
from .vocabulary import regions, vocabulary

TEMPLATES = Path(__file__).parent / "templates"
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
    env.filters.update(
        date=fmt_date, number=fmt_number, yaml=lambda v: Markup(json.dumps(v, ensure_ascii=False))
    )
    env.globals.update(
        themes=vocabulary(THEMES),
        groups=vocabulary(TARGET_GROUPS),
        levels=vocabulary("levels"),
        chart=lambda rows, title, chart_id: Markup(bar_chart([(r[0], r[2]) for r in rows], title, chart_id)),
    )
    return env


def _render(template: str, src: str, site: Site, options: Options, **values: Any) -> str:
    def link(to: str) -> str:
        return href(src, to, options.directory_urls)

    return environment().get_template(template).render(site=site, opt=options, src=src, link=link, **values)


def render_pages(site: Site, options: Options | None = None) -> dict[str, str]:
    """Source path -> Markdown of every generated page: home, catalogue, facets, people, statistics, guide."""
    o = options or Options()
    themes, groups = vocabulary(THEMES), vocabulary(TARGET_GROUPS)
    names = dict(provinces())
    sample = any(SAMPLE_TAG in (e.get("tags") or []) for e in site.entries)
    pages = {
        "index.md": _render(
            "home.md.j2",
            "index.md",
            site,
            o,
            counts=site.counts(),
            newest=site.entries[:NEWEST_ON_HOME],
            sample=sample,
        ),
        "katalog.md": _render("catalogue.md.j2", "katalog.md", site, o, filters=catalogue_filters(site)),
        "tema/index.md": _render(
            "facet-index.md.j2", "tema/index.md", site, o, kind="tema", vocab=themes, groups_=site.themes
        ),
        "sasaran/index.md": _render(
            "facet-index.md.j2",
            "sasaran/index.md",
            site,
            o,
            kind="sasaran",
            vocab=groups,
            groups_=site.target_groups,
        ),
        "provinsi/index.md": _render(
            "provinces.md.j2", "provinsi/index.md", site, o, rows=province_rows(site)
        ),
        "kontributor.md": _render("contributors.md.j2", "kontributor.md", site, o),
        "statistik.md": _render("statistics.md.j2", "statistik.md", site, o, stats=site.statistics()),
        "berkontribusi/index.md": _render("contribute.md.j2", "berkontribusi/index.md", site, o),
        "berkontribusi/panduan-kolom.md": _render(
            "reference.md.j2", "berkontribusi/panduan-kolom.md", site, o, table=reference_markdown()
        ),
    }
    for slug, entries in site.themes.items():
        src = f"tema/{slug}.md"
        pages[src] = _render(
            "facet.md.j2", src, site, o, kind="tema", title=themes.label(slug), entries=entries
        )
    for slug, entries in site.target_groups.items():
        src = f"sasaran/{slug}.md"
        pages[src] = _render(
            "facet.md.j2", src, site, o, kind="sasaran", title=groups.label(slug), entries=entries
        )
    for slug, entries in site.provinces.items():
        src = f"provinsi/{slug}.md"
        pages[src] = _render(
            "province.md.j2",
            src,
            site,
            o,
            name=names.get(slug, slug),
            entries=entries,
            regencies=_by_regency(entries),
        )
    return pages


def _by_regency(entries: list[Entry]) -> list[tuple[str, str, list[Entry]]]:
    from .catalogue import by_regency

    return [
        (name or "Tingkat provinsi", slugify(name) if name else "tingkat-provinsi", es)
        for name, es in by_regency(entries).items()
    ]


def province_rows(site: Site) -> list[dict[str, Any]]:
    """Every province and Nasional with its practice count and covered kabupaten/kota."""
    rows = []
    by_slug = {p.slug: p for p in regions().provinces}
    for slug, name in provinces():
        entries = site.provinces.get(slug, [])
        prov = by_slug.get(slug)
        rows.append(
            {
                "slug": slug,
                "name": name,
                "count": len(entries),
                "regencies": len(prov.regencies) if prov else 0,
                "covered": len({e.regency for e in entries if e.regency}),
            }
        )
    return rows


def catalogue_filters(site: Site) -> list[dict[str, Any]]:
    """The catalogue's filter controls: (name, label, options) with only the values in use."""
    themes, groups = vocabulary(THEMES), vocabulary(TARGET_GROUPS)
    names = dict(provinces())
    return [
        {
            "name": "tema",
            "label": "Tema",
            "all": "Semua tema",
            "options": [(s, themes.label(s), len(es)) for s, es in site.themes.items() if es],
        },
        {
            "name": "provinsi",
            "label": "Provinsi",
            "all": "Semua provinsi",
            "options": [(s, names[s], len(es)) for s, es in site.provinces.items() if es],
        },
        {
            "name": "sasaran",
            "label": "Kelompok sasaran",
            "all": "Semua kelompok sasaran",
            "options": [(s, groups.label(s), len(es)) for s, es in site.target_groups.items() if es],
        },
        {
            "name": "tahun",
            "label": "Tahun",
            "all": "Semua tahun",
            "options": [(str(y), str(y), len(es)) for y, es in sorted(site.years.items(), reverse=True)],
        },
    ]
