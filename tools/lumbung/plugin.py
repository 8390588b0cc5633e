"""The MkDocs plugin: a thin adapter that loads, validates and publishes the library through the core."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url
from mkdocs.utils.meta import YAML_RE
from mkdocs.utils.templates import TemplateContext

from lumbung import background, escape
from lumbung.authoring import prefill
from lumbung.diagnostics import ERROR, Diagnostic, format_one, summary_line
from lumbung.model import CACHE_DIR, DRAFT, PUBLISHED, REVIEW, Library
from lumbung.rules import duplicates
from lumbung.rules.safety import sanitize_html
from lumbung.search import related, static
from lumbung.site import card, catalogue, opendata, pages, paging, report, shareimage
from lumbung.site.buildlock import BuildLock
from lumbung.source.loader import Loader

log = get_plugin_logger(__name__)
T = TypeVar("T")


class LumbungConfig(Config):
    practices_dir = c.Type(str, default="practices")  # must be the docs_dir
    report_file = c.Type(str, default="laporan-build.json")  # written into site_dir
    feeds_on_serve = c.Type(bool, default=False)  # practices.json/.csv and feed.xml under `mkdocs serve`
    search_on_serve = c.Type(bool, default=False)
    share_images_on_serve = c.Type(
        bool, default=False
    )  # kartu/<id>.png, the pictures shown with a shared link
    drafts_on_serve = c.Type(bool, default=True)  # preview draft/review practices under `mkdocs serve`
    preview = c.Type(bool, default=False)  # build draft/review practices too, with their banner (PR preview)
    feed_limit = c.Type(int, default=20)
    related_limit = c.Type(int, default=5)
    cards_per_page = c.Type(int, default=paging.Sizes.cards)  # catalogue, theme, target-group, province pages
    contributor_lines_per_page = c.Type(int, default=paging.Sizes.people)  # a name or a practice is a line
    lang = c.Choice(("id", "en"), default="id")  # language of diagnostics in the log and report


class LumbungPlugin(BasePlugin[LumbungConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        # Set by on_config, on_pre_build and on_files; read through the properties below.
        self._loader: Loader | None = None
        self._library: Library | None = None
        self.diagnostics: list[Diagnostic] = []
        self._site: catalogue.Site | None = None
        self._layout: paging.Layout | None = None
        self.shown: dict[str, tuple[str, catalogue.Entry]] = {}  # page source -> (fate, entry)
        self.taken: set[str] = set()
        self.blocks: dict[str, dict[str, str]] = {}
        self.digests: dict[str, str] = {}  # under serve: source -> digest of its generated page or card
        self.cards: dict[str, dict[str, Any]] = {}  # under serve: the practice cards of this build
        self.search: static.PendingSiteSearch | None = None
        self.related: background.Pending | None = None  # related_ids under build, until on_env
        self.share_images: background.Pending | None = None  # shareimage.make_cards, until on_post_build
        self.navs: dict[tuple[str, ...], str] = {}  # the nav as rendered, by its links (see _nav_key)
        self.unpublished: frozenset[str] = frozenset()  # ids left out of "Usulkan perubahan" links
        self.lock: BuildLock | None = None

    # The state one event leaves for the next. MkDocs calls the events in a fixed order, so reading one
    # too early is a bug in this file, reported as a PluginError rather than an AttributeError on None.
    @property
    def loader(self) -> Loader:
        return _ready(self._loader, "loader")

    @property
    def library(self) -> Library:
        return _ready(self._library, "library")

    @property
    def site(self) -> catalogue.Site:
        return _ready(self._site, "site")

    @property
    def layout(self) -> paging.Layout:
        return _ready(self._layout, "layout")

    def on_build_error(self, *, error: Exception) -> None:
        for pending in (self.search, self.related, self.share_images):
            if pending is not None:
                pending.cancel()
        self.search = self.related = self.share_images = None
        self._unlock()

    def on_shutdown(self) -> None:
        self._unlock()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this object, and the loader's file cache, across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        if (root / self.config.practices_dir).resolve() != Path(config.docs_dir).resolve():
            folder = self.config.practices_dir
            raise PluginError(
                f"lumbung: docs_dir harus folder praktik '{folder}' (sekarang: {config.docs_dir})"
            )
        if self._loader is None or self._loader.root != root:
            self._loader = Loader(root)
        # MkDocs empties site_dir first thing, and builds share the caches: a second build waits.
        self._unlock()
        self.lock = BuildLock(root / CACHE_DIR)
        self.lock.acquire(lambda: log.info("menunggu build lain dari proyek ini selesai"))
        if config.nav is None:  # never the automatic nav: it would embed every practice in every page
            config.nav = pages.default_nav()
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # The gate runs before MkDocs walks docs_dir: MkDocs follows symbolic links as it walks, and a
        # linked folder (a loop, or /) would never finish. Same load, same checks as `lumbung validate`.
        self._library = self.loader.load()
        self.diagnostics = self.library.diagnostics + duplicates.duplicate_warnings(self.library)
        for d in sorted(self.diagnostics, key=Diagnostic.sort_key):
            (log.error if d.severity == ERROR else log.warning)(format_one(d, self.config.lang))
        links = any(d.code == "E106" for d in self.diagnostics)  # fatal even while serving, see above
        if any(d.severity == ERROR for d in self.diagnostics) and (links or not self.serving):
            self._write_report(config)
            raise PluginError(
                "lumbung: " + summary_line(self.diagnostics, len(self.library.documents), self.config.lang)
            )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        limit = self.config.related_limit
        if self.serving:  # the cards are compared right away, and the caches are warm
            self._site = catalogue.build_site(self.library, related.related_ids(self.library, limit), limit)
        else:  # computed on the other core while MkDocs converts the pages; see on_env
            self.related = background.Pending(related.related_ids, self.library, limit)
            self._site = catalogue.build_site(self.library, None, limit)
        sizes = paging.Sizes(self.config.cards_per_page, self.config.contributor_lines_per_page)
        self._layout = paging.plan(self.site, sizes)
        self._publish(files, config)
        self.unpublished = frozenset(
            p.id for p in self.library.practices if self.library.fate(p) != PUBLISHED
        )
        if self.serving:
            self._refresh_changed_cards(files)
        if self.search is not None:
            self.search.cancel()
        # Site search needs only the library: build it on the other core while MkDocs renders pages.
        self.search = None
        if not self.serving or self.config.search_on_serve:
            self.search = static.PendingSiteSearch(self.library, config.use_directory_urls)
        if self.share_images is not None:
            self.share_images.cancel()
        self.share_images = None
        if not self.serving or self.config.share_images_on_serve:
            cards = shareimage.site_cards(self.site, config.site_name, config.site_description or "")
            self.share_images = background.Pending(shareimage.make_cards, cards, self._share_cache())
        options = pages.Options(
            config.site_name, config.use_directory_urls, config.repo_url, self._open_data()
        )
        self.blocks = {}  # HTML blocks kept out of python-markdown, put back in on_page_content
        for src, content in pages.render_pages(self.site, options, self.layout, self.blocks).items():
            files.append(self._generated(config, src, content))
        if self.serving and self.config.drafts_on_serve:
            files.append(
                self._generated(config, pages.DRAFTS_PAGE, pages.drafts_page(self._unpublished(), options))
            )
        for path, data in opendata.catalogue_data(
            self.site, config.use_directory_urls, self.config.cards_per_page
        ).items():
            files.append(File.generated(config, path, content=data))
        self.taken = {f.src_uri for f in files.documentation_pages()}
        return files

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        # The loader parsed this practice's header already: MkDocs gets an empty one instead of parsing
        # it again, and the loader's values in on_page_markdown. Same body, same meta, one YAML parse.
        if page.file.src_uri not in self.shown:
            return None
        source = page.file.content_string
        header = YAML_RE.match(source)
        return "---\n{}\n---\n" + source[header.end() :] if header else None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        shown = self.shown.get(page.file.src_uri)
        if shown:
            page.meta = dict(shown[1].practice.meta or {})
            if not page.meta.get("description"):
                page.meta["description"] = shown[1].summary
        # The theme prints page.meta's title and description as they are (MkDocs' Jinja environment does
        # not autoescape): it gets them HTML-escaped, on every page.
        page.meta = escape.theme_meta(page.meta)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Second line of defence: even if the validator misses something, a practice page ships no script.
        if page.file.src_uri in self.shown:
            return sanitize_html(html)
        blocks = self.blocks.get(page.file.src_uri)
        return pages.fill_blocks(html, blocks) if blocks else html

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # Every page's Markdown is converted; the templates, and with them the practice cards, come next.
        if self.related is not None:
            try:
                self.site.add_related(self.related.result(), self.config.related_limit)
            except RuntimeError as exc:
                raise PluginError(f"lumbung: praktik terkait gagal dihitung ({exc})") from None
            finally:
                self.related = None
        # Material renders the whole nav for every page. overrides/partials/nav.html keeps one rendering
        # of Material's own partial, reached here as material/partials/nav.html, per _nav_key.
        material = jinja2.FileSystemLoader(str(package_files("material") / "templates"))
        theme = [env.loader] if env.loader is not None else []  # MkDocs always sets one
        env.loader = jinja2.ChoiceLoader([*theme, jinja2.PrefixLoader({"material": material})])
        env.globals["lumbung_cached"] = self._cached_nav
        env.filters["plain"] = escape.plain  # page.meta's escaped title and description as text again
        self.navs = {}
        return env

    def _cached_nav(self, key: tuple[str, ...], caller: Callable[[], str]) -> str:
        if key not in self.navs:
            self.navs[key] = caller()
        return self.navs[key]

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # TemplateContext lists MkDocs' own keys; our templates read these too.
        extra = cast(dict[str, Any], context)
        extra["lumbung_nav_key"] = _nav_key(page, nav)
        if self.serving and self.config.drafts_on_serve:
            extra["lumbung_drafts_page"] = catalogue.page_url(pages.DRAFTS_PAGE)
        src = page.file.src_uri
        shown = self.shown.get(src)
        if shown:
            cached = self.cards.get(src)  # computed once already under serve
            extra["practice"] = cached or card.practice_card(self.site, self.layout, shown[1], shown[0])
            extra["propose_url"] = prefill.prefill_url(
                shown[1].practice, config.repo_url, self.unpublished, prefill.PAGE_LIMIT
            )
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        if self.search is not None:
            try:
                self.search.finish(site_dir)
            except RuntimeError as exc:
                raise PluginError(f"lumbung: pencarian situs gagal dibuat ({exc})") from None
            finally:
                self.search = None
        if self.share_images is not None:
            try:
                shareimage.copy_cards(self.share_images.result(), self._share_cache(), site_dir)
            except RuntimeError as exc:
                raise PluginError(f"lumbung: gambar pratinjau tautan gagal dibuat ({exc})") from None
            finally:
                self.share_images = None
        if self._open_data():
            _write(site_dir / "practices.json", opendata.to_json(self.site, config.site_url))
            _write(site_dir / "practices.csv", opendata.to_csv(self.site, config.site_url))
            _write(
                site_dir / opendata.REPLICATION_CSV, opendata.to_replications_csv(self.site, config.site_url)
            )
            _write(site_dir / opendata.EXCEL_CSV, opendata.to_excel_csv(self.site, config.site_url))
            feed = opendata.atom_feed(
                self.site,
                config.site_name,
                config.site_url,
                config.site_description or "",
                self.config.feed_limit,
            )
            _write(site_dir / "feed.xml", feed)
        for old, new in report.redirects(self.site, self.taken):
            path = site_dir / catalogue.page_url(old, config.use_directory_urls)
            path = path / "index.html" if config.use_directory_urls else path
            if not path.exists():  # never over a real page
                title = self.site.by_id[Path(new).stem].title
                _write(
                    path, report.redirect_html(old, new, title, config.site_url, config.use_directory_urls)
                )
        self._write_report(config)
        self._unlock()

    # -- helpers ------------------------------------------------------------------------------------

    def _generated(self, config: MkDocsConfig, src: str, content: str) -> File:
        """A generated page. Under `mkdocs serve` it is backed by a file under .lumbung-cache/pages/
        that is rewritten only when the page changes: MkDocs' --dirty rebuild skips a page whose
        source is older than its output, but always rebuilds pages held in memory."""
        if not self.serving:
            return File.generated(config, src, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        digest = hashlib.sha1((content + repr(self.blocks.get(src))).encode("utf-8")).hexdigest()
        path = self.loader.root / CACHE_DIR / "pages" / src
        if self.digests.get(src) != digest or not path.exists():
            _write(path, content)
            self.digests[src] = digest
        return File.generated(config, src, abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV)

    def _refresh_changed_cards(self, files: Files) -> None:
        """Under `mkdocs serve --dirty`, a practice page is rebuilt when its card changed (related
        practices, replications, links to listing pages), not only when its own file did: its old
        output is dated back so MkDocs sees it as stale. Only the build output is touched."""
        self.cards = {}
        for src, (fate, entry) in self.shown.items():
            shown = self.cards[src] = card.practice_card(self.site, self.layout, entry, fate)
            digest = hashlib.sha1(repr(shown).encode("utf-8")).hexdigest()
            old = self.digests.get(src)
            self.digests[src] = digest
            file = files.get_file_from_path(src)
            if old is not None and old != digest and file is not None and os.path.exists(file.abs_dest_path):
                os.utime(file.abs_dest_path, (0, 0))

    def _publish(self, files: Files, config: MkDocsConfig) -> None:
        """The gate applied to MkDocs' files: from docs_dir, only published practices and the files
        they refer to stay (drafts and their files too when previewed under serve); everything else
        leaves, and a theme file a contributor's file tried to replace comes back."""
        self.shown = {}
        preview = (
            (DRAFT, REVIEW) if self.config.preview or (self.serving and self.config.drafts_on_serve) else ()
        )
        # MkDocs builds DRAFT pages only under serve; a preview build must build them as ordinary pages.
        unpublished = InclusionLevel.NOT_IN_NAV if self.config.preview else InclusionLevel.DRAFT
        keep: dict[str, InclusionLevel] = {}
        for practice in self.library.practices:
            fate, src = self.library.fate(practice), catalogue.src_of(practice)
            if fate == PUBLISHED or fate in preview:
                self.shown[src] = (fate, self.site.by_id.get(practice.id) or catalogue.entry_of(practice))
                keep[src] = InclusionLevel.NOT_IN_NAV if fate == PUBLISHED else unpublished
        for relpath, fate in self.library.files.items():
            if fate == PUBLISHED or fate in preview:
                keep[relpath.split("/", 1)[1]] = (
                    InclusionLevel.NOT_IN_NAV if fate == PUBLISHED else unpublished
                )
        docs = os.path.normpath(config.docs_dir)
        removed = False
        for file in list(files):
            if file.src_dir is None or os.path.normpath(file.src_dir) != docs:
                continue  # the theme's own files
            if file.src_uri in keep:
                file.inclusion = keep[file.src_uri]
            else:
                files.remove(file)
                removed = True
        if removed:  # MkDocs lets a docs file replace a theme file of the same name: put the theme's back
            files.add_files_from_theme(config.theme.get_env(), config)

    def _unlock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _unpublished(self) -> list[dict[str, Any]]:
        """Every file that is not published, for the serve-only drafts page."""
        rep = report.build_report(self.library, self.config.lang, self.diagnostics)
        shown = {entry.id: src for src, (_, entry) in self.shown.items()}
        by_path = {p.relpath: p for p in self.library.practices}
        return [
            {**row, "title": by_path[row["path"]].title, "src": shown.get(row["id"])}
            for row in rep["practices"]
            if row["fate"] != PUBLISHED
        ]

    def _write_report(self, config: MkDocsConfig) -> None:
        rep = report.build_report(self.library, self.config.lang, self.diagnostics)
        _write(
            Path(config.site_dir) / self.config.report_file,
            json.dumps(rep, ensure_ascii=False, indent=1) + "\n",
        )
        for row in rep["practices"] + rep["replications"]["reports"]:
            if row["fate"] != PUBLISHED:
                reasons = "; ".join(r.replace("\n", " ") for r in row["reasons"])
                log.info("%s: %s (%s)", row["path"], report.FATE_LABELS[row["fate"]], reasons)
        log.info("%s; laporan: %s", report.summary_line(rep), self.config.report_file)

    def _share_cache(self) -> Path:
        return self.loader.root / CACHE_DIR / shareimage.FOLDER

    def _open_data(self) -> bool:
        return not self.serving or self.config.feeds_on_serve


def _write(path: Path, text: str) -> None:
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


def _ready(value: T | None, name: str) -> T:
    if value is None:
        raise PluginError(f"lumbung: '{name}' dipakai sebelum disiapkan (urutan event MkDocs tak terduga)")
    return value


def _nav_key(page: Page, nav: Navigation | None) -> tuple[str, ...] | None:
    """What the nav of `page` depends on, when it is not in the nav itself (a practice, katalog/2/, ...):
    no item is then active, so the nav is the same for every page with the same links to its pages.
    None for a page in the nav, whose item and sections Material marks as active."""
    if nav is None or page in nav.pages:
        return None
    return tuple(normalize_url(p.url, page=page) for p in nav.pages)
