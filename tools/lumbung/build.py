"""The making of the site: a loaded library in, everything the site needs out, phase by phase.

Pelican's `run()` is the model: context, then links, then output. The MkDocs plugin calls one phase
per event, in this order, and hands MkDocs what it returns:

1. check (`check`, on_pre_build): the load's diagnostics and the near-copy warnings; `fatal` ones
   stop the build.
2. context (`SiteBuild(...)`, on_files): the site data and its paging, which files of the practices
   folder are published, and, as data, the generated pages and data files (catalogue data, open
   data, feed) and the redirects from old addresses. The slow parts start now as child processes
   (background.Pending): the similar practices, the site-search index and the share images.
3. links (`links`, on_env, once MkDocs has converted the pages): the similar practices arrive and
   complete the site; the practice cards are made from it (`card`).
4. output (`output`, on_post_build): the search index and share images move into the site; the
   build report.

It sits above `search` in the layers because it runs the search side's work (similar practices,
site search) beside the site's; nothing here knows MkDocs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lumbung import background
from lumbung.authoring import prefill
from lumbung.diagnostics import ERROR, Diagnostic
from lumbung.model import CACHE_DIR, DRAFT, PUBLISHED, REVIEW, Library
from lumbung.rules import duplicates
from lumbung.search import related, static
from lumbung.site import card, catalogue, feed, opendata, pages, paging, redirects, report, shareimage, urls
from lumbung.site.catalogue import Entry, Site

LINK_ERROR = "E106"  # a link out of the practices folder: fatal even while serving (see check)


@dataclass(frozen=True)
class Settings:
    """What one build makes, from the site's configuration."""

    site_name: str = "Lumbung Praktik"
    site_url: str | None = None
    description: str = ""
    repo_url: str | None = None
    directory_urls: bool = True
    lang: str = "id"  # of the diagnostics in the report
    serving: bool = False  # `mkdocs serve`: errors are shown, not fatal; related practices right away
    preview: bool = False  # draft and review practices are built too (pull-request preview)
    drafts_page: bool = False  # draft and review practices previewed, with the serve-only drafts page
    open_data: bool = True  # practices.json/.csv, replications.csv, the Excel CSV and feed.xml
    search: bool = True
    share_images: bool = True
    feed_limit: int = 20
    related_limit: int = 5
    sizes: paging.Sizes = field(default_factory=paging.Sizes)


def check(library: Library) -> list[Diagnostic]:
    """Phase 1: every diagnostic of the build, the same as `lumbung validate` reports."""
    return library.diagnostics + duplicates.duplicate_warnings(library)


def fatal(diagnostics: list[Diagnostic], serving: bool) -> bool:
    """Whether the diagnostics stop the build. Under `mkdocs serve` an error shows, and the rest of the
    site is still served, unless it is a link out of the folder, which MkDocs would follow."""
    errors = [d for d in diagnostics if d.severity == ERROR]
    return bool(errors) and (not serving or any(d.code == LINK_ERROR for d in errors))


def build_report(library: Library, diagnostics: list[Diagnostic], lang: str) -> dict[str, Any]:
    """The build report (laporan-build.json): every file, its fate and why."""
    return report.build_report(library, lang, diagnostics)


def report_json(rep: dict[str, Any]) -> str:
    return json.dumps(rep, ensure_ascii=False, indent=1) + "\n"


def listing_key(library: Library, settings: Settings) -> tuple | None:
    """What the listing pages and the catalogue's data depend on: the settings, the day (a serve that
    runs past midnight makes them again), and each file's fate and header (what the site lists of a
    practice comes from its header; its body is on its own page). None when a practice's header is
    unknown (not read by the loader)."""
    rows = []
    for p in library.documents:
        if p.meta is not None and not p.header_digest:
            return None
        rows.append((p.relpath, library.fate(p), p.header_digest))
    return (settings, dt.date.today(), tuple(rows), tuple(sorted(library.files.items())))


class SiteBuild:
    """One build of the site from a checked library; constructing it is phase 2, context.

    `previous` is the last build under `mkdocs serve`: when nothing listed changed since (an edit of a
    practice's body), its paging, listing pages and catalogue data are taken over as they are, not
    made again (most of a rebuild's time at 5,000 practices).
    """

    def __init__(
        self,
        library: Library,
        diagnostics: list[Diagnostic],
        settings: Settings,
        previous: SiteBuild | None = None,
    ) -> None:
        self.library, self.diagnostics, self.settings = library, diagnostics, settings
        s = settings
        self._similar: background.Pending | None = None
        self._search: static.PendingSiteSearch | None = None
        self._share: background.Pending | None = None
        self._report: dict[str, Any] | None = None
        self._cards: dict[str, dict[str, Any]] = {}
        if s.serving:  # the cards are compared right away (see the plugin), and the caches are warm
            self.site = catalogue.build_site(
                library, related.similar_ids(library, s.related_limit), s.related_limit
            )
        else:  # on the other core while MkDocs converts the pages; see links()
            self._similar = background.Pending(related.similar_ids, library, s.related_limit)
            self.site = catalogue.build_site(library, None, s.related_limit)
        # The site search needs only the library, the share images only the listed practices.
        if s.search:
            self._search = static.PendingSiteSearch(library, s.directory_urls)
        if s.share_images:
            made = shareimage.site_cards(self.site, s.site_name, s.description)
            self._share = background.Pending(shareimage.make_cards, made, self._share_cache())
        self.listing_key = listing_key(library, settings) if s.serving else None
        self._listings: tuple[dict[str, pages.Generated], dict[str, str]] | None = None
        # The last build's cards, and the related practices they show, while nothing listed changed.
        self._earlier: tuple[dict[str, dict[str, Any]], dict[str, list[str]]] = ({}, {})
        self.layout: paging.Layout
        if self.listing_key is not None and previous is not None and previous.listing_key == self.listing_key:
            self.layout, self._listings = previous.layout, previous._listings
            self._earlier = (previous._cards, previous.site.related)
        else:
            self.layout = paging.plan(self.site, s.sizes)
        self.shown, self.files = self._published()
        self.unpublished = frozenset(p.id for p in library.practices if library.fate(p) != PUBLISHED)
        self.pages = self._pages()
        self.data = self._data()

    # -- phase 2: context ---------------------------------------------------------------------------

    def _published(self) -> tuple[dict[str, tuple[str, Entry]], dict[str, str]]:
        """The practice pages shown (source -> fate and entry) and every file of the practices folder
        the site keeps (source -> fate): published ones, and drafts and reviews when previewed."""
        lib, s = self.library, self.settings
        previewed = (DRAFT, REVIEW) if s.preview or s.drafts_page else ()
        shown: dict[str, tuple[str, Entry]] = {}
        kept: dict[str, str] = {}
        for practice in lib.practices:
            fate, src = lib.fate(practice), urls.src_of(practice)
            if fate == PUBLISHED or fate in previewed:
                shown[src] = (fate, self.site.by_id.get(practice.id) or catalogue.entry_of(practice))
                kept[src] = fate
        for relpath, fate in lib.files.items():
            if fate == PUBLISHED or fate in previewed:
                kept[relpath.split("/", 1)[1]] = fate
        return shown, kept

    def _pages(self) -> dict[str, pages.Generated]:
        """The generated pages, their big HTML blocks kept out of the Markdown (pages.fill_blocks)."""
        s = self.settings
        options = pages.Options(s.site_name, s.directory_urls, s.repo_url, s.open_data)
        if self._listings is None:
            listed = pages.render_pages_apart(self.site, options, self.layout)
            self._listings = (listed, opendata.catalogue_data(self.site, s.directory_urls, s.sizes.cards))
        out = dict(self._listings[0])
        if s.drafts_page:
            out[pages.DRAFTS_PAGE] = pages.Generated(pages.drafts_page(self._drafts(), options), {})
        return out

    def _drafts(self) -> list[dict[str, Any]]:
        """Every file that is not published, for the serve-only drafts page."""
        shown = {entry.id: src for src, (_, entry) in self.shown.items()}
        by_path = {p.relpath: p for p in self.library.practices}
        return [
            {**row, "title": by_path[row["path"]].title, "src": shown.get(row["id"])}
            for row in self.report()["practices"]
            if row["fate"] != PUBLISHED
        ]

    def _data(self) -> dict[str, str]:
        """Site path -> content of the generated data files: the catalogue's, and the open data."""
        s, site = self.settings, self.site
        out = dict(self._listings[1]) if self._listings is not None else {}
        if s.open_data:
            out["practices.json"] = opendata.to_json(site, s.site_url)
            out["practices.csv"] = opendata.to_csv(site, s.site_url)
            out[opendata.REPLICATION_CSV] = opendata.to_replications_csv(site, s.site_url)
            out[opendata.EXCEL_CSV] = opendata.to_excel_csv(site, s.site_url)
            out["feed.xml"] = feed.atom_feed(site, s.site_name, s.site_url, s.description, s.feed_limit)
        return out

    # -- phase 3: links -----------------------------------------------------------------------------

    def links(self) -> Site:
        """Wait for the similar practices and complete the site with them; raises BuildError if the
        child failed."""
        if self._similar is not None:
            try:
                self.site = self.site.with_related(self._similar.result(), self.settings.related_limit)
            except RuntimeError as exc:
                raise BuildError("praktik terkait gagal dihitung", exc) from None
            finally:
                self._similar = None
            self._cards = {}
        return self.site

    def card(self, src: str) -> dict[str, Any] | None:
        """The card of the practice page built from `src` (None for any other page), made once."""
        if src not in self._cards:
            shown = self.shown.get(src)
            if shown is None:
                return None
            # A card shows the practice's header and fate, the listings' paging and the related
            # practices: with the first three unchanged (see listing_key), the last card holds if
            # the related practices do.
            cards, related = self._earlier
            pid = shown[1].id
            if src in cards and related.get(pid) == self.site.related.get(pid):
                self._cards[src] = cards[src]
            else:
                self._cards[src] = card.practice_card(self.site, self.layout, shown[1], shown[0])
        return self._cards[src]

    def propose_url(self, src: str) -> str | None:
        """The "Usulkan perubahan" link of a practice page: the issue form, prefilled."""
        shown = self.shown.get(src)
        if shown is None:
            return None
        return prefill.prefill_url(
            shown[1].practice, self.settings.repo_url, self.unpublished, prefill.PAGE_LIMIT
        )

    def redirects(self, taken: set[str]) -> dict[str, str]:
        """Site path -> a page that sends the reader on, for every old address (`redirect_from`) of a
        listed practice where no page of `taken` (page sources) lives."""
        s = self.settings
        out = {}
        for old, new in redirects.pairs(self.site, taken):
            path = urls.page_url(old, s.directory_urls) + ("index.html" if s.directory_urls else "")
            title = self.site.by_id[Path(new).stem].title
            out[path] = redirects.page_html(old, new, title, s.site_url, s.directory_urls)
        return out

    # -- phase 4: output ----------------------------------------------------------------------------

    def output(self, site_dir: Path) -> dict[str, Any]:
        """Finish the site in `site_dir`: the search index and share images from their children. Returns
        the build report; raises BuildError naming the part that failed."""
        if self._search is not None:
            try:
                self._search.finish(site_dir)
            except RuntimeError as exc:
                raise BuildError("pencarian situs gagal dibuat", exc) from None
            finally:
                self._search = None
        if self._share is not None:
            try:
                shareimage.copy_cards(self._share.result(), self._share_cache(), site_dir)
            except RuntimeError as exc:
                raise BuildError("gambar pratinjau tautan gagal dibuat", exc) from None
            finally:
                self._share = None
        return self.report()

    def report(self) -> dict[str, Any]:
        if self._report is None:
            self._report = build_report(self.library, self.diagnostics, self.settings.lang)
        return self._report

    def cancel(self) -> None:
        """Stop the children that still run (the build failed, or a new one starts)."""
        for pending in (self._similar, self._search, self._share):
            if pending is not None:
                pending.cancel()
        self._similar = self._search = self._share = None

    def _share_cache(self) -> Path:
        return self.library.root / CACHE_DIR / shareimage.FOLDER


class BuildError(RuntimeError):
    """A part of the site could not be made: `what` in the officers' words, and the child's error."""

    def __init__(self, what: str, cause: Exception) -> None:
        super().__init__(f"{what} ({cause})")


def write_text(path: Path, text: str) -> None:
    """Write through a temporary file and a rename: a reader (or a second build) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
