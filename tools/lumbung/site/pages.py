"""The generated pages of the site: Markdown with HTML blocks, rendered from Jinja2 templates.

Pages come from the templates in `templates/` and are returned as strings keyed by the source path
they pretend to have in the docs folder; the MkDocs plugin turns them into virtual files.

The big HTML blocks (cards, people) are finished HTML already; python-markdown would only parse
them again, which was the largest single cost of building a big library's listings. A template marks
such a block with `html_block`; `render_pages_apart` keeps each marked block out of the Markdown (a
placeholder comment stands in its place, and `fill_blocks` puts the HTML back into the converted
page), `render_pages` leaves it inline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from lumbung.authoring.artefacts import reference_markdown
from lumbung.datafiles import TEMPLATES
from lumbung.model import REPLICATION
from lumbung.site import opendata, outcomes, paging
from lumbung.site.cartogram import TILES, tile_map
from lumbung.site.catalogue import TARGET_GROUPS, THEMES, Site, by_regency, provinces
from lumbung.site.charts import bar_chart
from lumbung.site.paging import Layout
from lumbung.site.urls import href
from lumbung.text.dates import fmt_date
from lumbung.text.numbers import fmt_number
from lumbung.vocabulary import regions, vocabulary

BLOCK = "<!--lumbung:block:{}-->"  # stands in for an HTML block until fill_blocks
# Around a block in a rendered page, until render_pages keeps it inline or render_pages_apart takes it out.
# Practice text is HTML-escaped in the templates, so it can never contain these.
_OPEN, _CLOSE = "<!--lumbung:html-->", "<!--/lumbung:html-->"
NEWEST_ON_HOME = 6
MOST_ADOPTED_ON_HOME = 3
MOST_ADOPTED_ON_STATISTICS = 10
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
        date=fmt_date,
        number=fmt_number,
        yaml=lambda v: Markup(json.dumps(v, ensure_ascii=False)),
        facet_link=lambda slug, facet, link: link(f"{facet}/{slug}.md"),
    )
    env.globals.update(
        themes=vocabulary(THEMES),
        groups=vocabulary(TARGET_GROUPS),
        levels=vocabulary("levels"),
        chart=lambda rows, title, chart_id, hrefs=None: Markup(
            bar_chart([(r[0], r[2]) for r in rows], title, chart_id, hrefs)
        ),
        tile_map=lambda rows, link, title, **kw: Markup(
            tile_map(rows, lambda slug: link(f"provinsi/{slug}.md"), title, **kw)
        ),
        regency_heading=lambda regency: paging.regency_heading(regency)[0],
        html_block=_block,
    )
    return env


def _block(html: str) -> Markup:
    """A finished HTML block, marked (see the module docstring)."""
    return Markup(f"{_OPEN}{html}{_CLOSE}")


@dataclass(frozen=True)
class Generated:
    """A generated page with its HTML blocks kept apart: `markdown` has a placeholder where each block
    was, `blocks` maps the placeholders to the HTML."""

    markdown: str
    blocks: dict[str, str]


def _inline(text: str) -> str:
    return text.replace(_OPEN, "").replace(_CLOSE, "")


def _apart(text: str) -> Generated:
    parts: list[str] = []
    blocks: dict[str, str] = {}
    end = 0
    while (start := text.find(_OPEN, end)) >= 0:
        close = text.index(_CLOSE, start)
        key = BLOCK.format(len(blocks))
        blocks[key] = text[start + len(_OPEN) : close]
        parts += [text[end:start], f"\n\n{key}\n\n"]  # a paragraph of its own: python-markdown keeps it as is
        end = close + len(_CLOSE)
    return Generated("".join(parts) + text[end:], blocks)


def fill_blocks(html: str, blocks: dict[str, str]) -> str:
    """The converted page with its placeholders replaced by the HTML blocks kept aside."""
    for key, block in blocks.items():
        html = html.replace(key, block, 1)
    return html


@dataclass
class _Renderer:
    """Renders the generated pages of one site, their HTML blocks marked."""

    site: Site | None  # None for the drafts page, which shows no catalogue
    options: Options

    def render(self, template: str, src: str, **values: Any) -> str:
        def link(to: str) -> str:
            return href(src, to, self.options.directory_urls)

        return (
            environment()
            .get_template(template)
            .render(site=self.site, opt=self.options, src=src, link=link, **values)
        )

    def paged(self, template: str, first: str, listing: list[Any], **values: Any) -> dict[str, str]:
        """The pages of one listing. Each gets its `items` and `pager`, how many practices it shows
        (`shown`) and how many the pages before it showed (`start`)."""
        out, start = {}, 0
        for number, items in enumerate(listing, 1):
            pager = paging.Pager(first, number, len(listing))
            shown = sum(len(i.items) if isinstance(i, paging.Part) else 1 for i in items)
            src = pager.src(number)
            out[src] = self.render(
                template, src, items=items, pager=pager, start=start, shown=shown, **values
            )
            start += shown
        return out


def render_pages(site: Site, options: Options | None = None, layout: Layout | None = None) -> dict[str, str]:
    """Source path -> Markdown of every generated page: home, catalogue, facets, people, statistics, guide.

    Listings come in pages of `layout` (computed with the default sizes when not given)."""
    return {src: _inline(text) for src, text in _render(site, options, layout).items()}


def render_pages_apart(
    site: Site, options: Options | None = None, layout: Layout | None = None
) -> dict[str, Generated]:
    """The pages of render_pages, with their big HTML blocks kept out of the Markdown."""
    return {src: _apart(text) for src, text in _render(site, options, layout).items()}


def _render(site: Site, options: Options | None, layout: Layout | None) -> dict[str, str]:
    r = _Renderer(site, options or Options())
    lay = layout or paging.plan(site)
    themes, groups = vocabulary(THEMES), vocabulary(TARGET_GROUPS)
    names = dict(provinces())
    sample = any(SAMPLE_TAG in e.record.tags for e in site.entries)
    pages = {
        "index.md": r.render(
            "home.md.j2",
            "index.md",
            counts=site.counts(),
            newest=site.entries[:NEWEST_ON_HOME],
            sample=sample,
            most_adopted=site.most_adopted(MOST_ADOPTED_ON_HOME),
        ),
        "tema/index.md": r.render(
            "facet-index.md.j2", "tema/index.md", kind="tema", vocab=themes, groups_=site.themes
        ),
        "sasaran/index.md": r.render(
            "facet-index.md.j2", "sasaran/index.md", kind="sasaran", vocab=groups, groups_=site.target_groups
        ),
        "provinsi/index.md": r.render("provinces.md.j2", "provinsi/index.md", rows=province_rows(site)),
        "statistik.md": r.render(
            "statistics.md.j2",
            "statistik.md",
            stats=site.statistics(),
            map_rows=[row for row in province_rows(site) if row["slug"] in TILES],
            outcomes=outcome_tables(site),
            most_adopted=site.most_adopted(MOST_ADOPTED_ON_STATISTICS),
            adoption_rows=adoption_rows(site),
            adoption_map=[
                {**row, "count": len(site.adopted_in.get(row["slug"], []))}
                for row in province_rows(site)
                if row["slug"] in TILES
            ],
        ),
        "berkontribusi/index.md": r.render("contribute.md.j2", "berkontribusi/index.md"),
        "berkontribusi/panduan-kolom.md": r.render(
            "reference.md.j2",
            "berkontribusi/panduan-kolom.md",
            table=reference_markdown(),
            report_table=reference_markdown(REPLICATION),
        ),
    }
    catalogue = {"filters": catalogue_filters(site), "data": opendata.CATALOGUE_DATA, "size": lay.sizes.cards}
    pages.update(r.paged("catalogue.md.j2", paging.CATALOGUE, lay.catalogue, **catalogue))
    pages.update(r.paged("contributors.md.j2", paging.PEOPLE, lay.people, letters=lay.letters()))
    for kind, vocab, listings, counts in (
        ("tema", themes, lay.themes, site.themes),
        ("sasaran", groups, lay.target_groups, site.target_groups),
    ):
        for slug, listing in listings.items():
            facet = {"kind": kind, "slug": slug, "title": vocab.label(slug), "total": len(counts[slug])}
            pages.update(r.paged("facet.md.j2", f"{kind}/{slug}.md", listing, **facet))
    for slug, parts in lay.provinces.items():
        entries = site.provinces[slug]
        regencies = [
            (paging.regency_heading(regency)[0], len(es), lay.regency_link(slug, regency))
            for regency, es in by_regency(entries).items()
        ]
        province = {
            "slug": slug,
            "name": names.get(slug, slug),
            "total": len(entries),
            "regencies": regencies,
            "adopted": [(site.by_id[a.practice_id], a) for a in site.adopted_in.get(slug, [])],
        }
        pages.update(r.paged("province.md.j2", f"provinsi/{slug}.md", parts, **province))
    return pages


DRAFTS_PAGE = "draf.md"


def drafts_page(rows: list[dict[str, Any]], options: Options | None = None) -> str:
    """The serve-only "Draf dan tinjauan" page: rows are {fate, title, path, src (or None), reasons}."""
    return _inline(_Renderer(None, options or Options()).render("drafts.md.j2", DRAFTS_PAGE, rows=rows))


def outcome_tables(site: Site) -> dict[str, Any]:
    """The Statistik page's outcome totals: over the library, per theme and per province."""
    themes = vocabulary(THEMES)
    by_theme = outcomes.totals_by(site.themes, {s: themes.label(s) for s in site.themes})
    by_province = outcomes.totals_by(site.provinces, dict(provinces()))
    labels = vocabulary(outcomes.KINDS).values
    return {
        "all": outcomes.totals(site.entries),
        "theme": by_theme,
        "province": by_province,
        "labels": labels,
    }


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


def adoption_rows(site: Site) -> list[dict[str, Any]]:
    """Provinces where offices adopted practices: reports and write-ups, places, practices adopted."""
    names = dict(provinces())
    rows = [
        {
            "slug": slug,
            "name": names.get(slug, slug),
            "adoptions": len(items),
            "places": len({a.place_key for a in items}),
            "practices": len({a.practice_id for a in items}),
        }
        for slug, items in site.adopted_in.items()
        if items
    ]
    return sorted(rows, key=lambda r: (-r["adoptions"], r["name"]))


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
