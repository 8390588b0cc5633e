"""The MkDocs plugin: a thin adapter that hands MkDocs what the core's site build (lumbung.build) makes."""

from __future__ import annotations

import hashlib
import os
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

from lumbung import escape
from lumbung.build import BuildError, Settings, SiteBuild, build_report, check, fatal, report_json, write_text
from lumbung.diagnostics import ERROR, Diagnostic, check_summary, format_one
from lumbung.model import CACHE_DIR, PUBLISHED, Library
from lumbung.rules.safety import sanitize_html
from lumbung.site import pages, paging, report, urls
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
    """MkDocs' events, each calling one phase of the core's site build (lumbung.build): on_pre_build
    the check, on_files the context (SiteBuild), on_env the links, on_page_context the cards,
    on_post_build the output. The rest is what only MkDocs has: its files, pages and templates."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        # Set by on_config, on_pre_build and on_files; read through the properties below.
        self._loader: Loader | None = None
        self._library: Library | None = None
        self.diagnostics: list[Diagnostic] = []
        self._build: SiteBuild | None = None  # this build's site, made by the core phase by phase
        self.digests: dict[str, str] = {}  # under serve: source -> digest of its generated page or card
        self.last_pages: dict[str, pages.Generated] = {}  # under serve: the generated pages last written
        self.last_cards: dict[str, Any] = {}  # under serve: the practice cards last compared
        self.last_data: dict[str, str] = {}  # under serve: the generated data files last written
        self.last_report: dict[str, Any] | None = None  # under serve: the build report last written
        self.navs: dict[tuple[str, ...], str] = {}  # the nav as rendered, by its links (see _nav_key)
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
    def build(self) -> SiteBuild:
        return _ready(self._build, "build")

    def on_build_error(self, *, error: Exception) -> None:
        if self._build is not None:
            self._build.cancel()
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
        self.diagnostics = check(self.library)
        for d in sorted(self.diagnostics, key=Diagnostic.sort_key):
            (log.error if d.severity == ERROR else log.warning)(format_one(d, self.config.lang))
        if fatal(self.diagnostics, self.serving):
            self._write_report(config, build_report(self.library, self.diagnostics, self.config.lang))
            raise PluginError(
                "lumbung: " + check_summary(self.diagnostics, len(self.library.documents), self.config.lang)
            )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        previous = self._build
        if previous is not None:  # a serve rebuild while the last one's children still run
            previous.cancel()
        self._build = SiteBuild(self.library, self.diagnostics, self._settings(config), previous)
        self._publish(files, config)
        if self.serving:
            self._refresh_changed_cards(files)
        for src, page in self.build.pages.items():
            files.append(self._generated(config, src, page))
        if self.serving:  # what serve keeps stays the size of the site: pages and cards of now
            now = self.build.pages.keys() | self.build.shown.keys()
            self.last_pages = {src: p for src, p in self.last_pages.items() if src in now}
            self.last_cards = {src: c for src, c in self.last_cards.items() if src in now}
            self.digests = {src: d for src, d in self.digests.items() if src in now}
        for path, data in self.build.data.items():
            files.append(self._generated_data(config, path, data))
        self.last_data = dict(self.build.data)
        taken = {f.src_uri for f in files.documentation_pages()}
        for path, html in self.build.redirects(taken).items():
            if files.get_file_from_path(path) is None:  # never over a real file
                files.append(File.generated(config, path, content=html))
        return files

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        # The loader parsed this practice's header already: MkDocs gets an empty one instead of parsing
        # it again, and the loader's values in on_page_markdown. Same body, same meta, one YAML parse.
        if page.file.src_uri not in self.build.shown:
            return None
        source = page.file.content_string
        header = YAML_RE.match(source)
        return "---\n{}\n---\n" + source[header.end() :] if header else None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        shown = self.build.shown.get(page.file.src_uri)
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
        if page.file.src_uri in self.build.shown:
            return sanitize_html(html)
        generated = self.build.pages.get(page.file.src_uri)
        return pages.fill_blocks(html, generated.blocks) if generated and generated.blocks else html

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # Every page's Markdown is converted; the templates, and with them the practice cards, come next.
        try:
            self.build.links()
        except BuildError as exc:
            raise PluginError(f"lumbung: {exc}") from None
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
        if self.build.settings.drafts_page:
            extra["lumbung_drafts_page"] = urls.page_url(pages.DRAFTS_PAGE)
        src = page.file.src_uri
        if src in self.build.shown:
            extra["practice"] = self.build.card(src)
            extra["propose_url"] = self.build.propose_url(src)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            rep = self.build.output(Path(config.site_dir))
        except BuildError as exc:
            raise PluginError(f"lumbung: {exc}") from None
        self._write_report(config, rep)
        self._unlock()

    # -- helpers ------------------------------------------------------------------------------------

    def _settings(self, config: MkDocsConfig) -> Settings:
        """What this build makes, from MkDocs' configuration and ours (`*_on_serve`: made under serve)."""
        serving, opt = self.serving, self.config
        return Settings(
            site_name=config.site_name,
            site_url=config.site_url,
            description=config.site_description or "",
            repo_url=config.repo_url,
            directory_urls=config.use_directory_urls,
            lang=opt.lang,
            serving=serving,
            preview=opt.preview,
            drafts_page=serving and opt.drafts_on_serve,
            open_data=not serving or opt.feeds_on_serve,
            search=not serving or opt.search_on_serve,
            share_images=not serving or opt.share_images_on_serve,
            feed_limit=opt.feed_limit,
            related_limit=opt.related_limit,
            sizes=paging.Sizes(opt.cards_per_page, opt.contributor_lines_per_page),
        )

    def _generated(self, config: MkDocsConfig, src: str, page: pages.Generated) -> File:
        """A generated page. Under `mkdocs serve` it is backed by a file under .lumbung-cache/pages/
        that is rewritten only when the page changes: MkDocs' --dirty rebuild skips a page whose
        source is older than its output, but always rebuilds pages held in memory."""
        if not self.serving:
            return File.generated(config, src, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
        path = self.loader.root / CACHE_DIR / "pages" / src
        if self.last_pages.get(src) is page and path.exists():  # taken over from the last build as is
            return File.generated(config, src, abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV)
        self.last_pages[src] = page
        digest = hashlib.sha1((page.markdown + repr(page.blocks)).encode("utf-8")).hexdigest()
        if self.digests.get(src) != digest or not path.exists():
            write_text(path, page.markdown)
            self.digests[src] = digest
        return File.generated(config, src, abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV)

    def _generated_data(self, config: MkDocsConfig, path: str, data: str) -> File:
        """A generated data file (the catalogue's JSON). Under `mkdocs serve` it is backed, like a
        generated page, by a file under .lumbung-cache/data/ rewritten only when it changes, so the
        --dirty rebuild copies only what changed instead of writing hundreds of files each time."""
        if not self.serving:
            return File.generated(config, path, content=data)
        cached = self.loader.root / CACHE_DIR / "data" / path
        if self.last_data.get(path) != data or not cached.exists():
            write_text(cached, data)
        return File.generated(config, path, abs_src_path=str(cached))

    def _refresh_changed_cards(self, files: Files) -> None:
        """Under `mkdocs serve --dirty`, a practice page is rebuilt when its card changed (related
        practices, replications, links to listing pages), not only when its own file did: its old
        output is dated back so MkDocs sees it as stale. Only the build output is touched."""
        for src in self.build.shown:
            shown = self.build.card(src)
            if shown is not None and self.last_cards.get(src) is shown:
                continue  # the last build's card, taken over: unchanged
            self.last_cards[src] = shown
            digest = hashlib.sha1(repr(shown).encode("utf-8")).hexdigest()
            old = self.digests.get(src)
            self.digests[src] = digest
            file = files.get_file_from_path(src)
            if old is not None and old != digest and file is not None and os.path.exists(file.abs_dest_path):
                os.utime(file.abs_dest_path, (0, 0))

    def _publish(self, files: Files, config: MkDocsConfig) -> None:
        """The gate applied to MkDocs' files: from docs_dir, only the files the build keeps stay
        (published ones, and drafts when previewed); everything else leaves, and a theme file a
        contributor's file tried to replace comes back."""
        # MkDocs builds DRAFT pages only under serve; a preview build must build them as ordinary pages.
        unpublished = InclusionLevel.NOT_IN_NAV if self.config.preview else InclusionLevel.DRAFT
        keep = {
            src: InclusionLevel.NOT_IN_NAV if fate == PUBLISHED else unpublished
            for src, fate in self.build.files.items()
        }
        docs = os.path.normpath(config.docs_dir)
        removed: list[str] = []
        for file in list(files):
            if file.src_dir is None or os.path.normpath(file.src_dir) != docs:
                continue  # the theme's own files
            if file.src_uri in keep:
                file.inclusion = keep[file.src_uri]
            else:
                files.remove(file)
                removed.append(file.src_uri)
        if removed:
            # MkDocs lets a docs file replace a theme file of the same name: put the theme's back. Its
            # own method, asked about the removed names only: listing every file of the theme (its
            # thousands of icons) took a second of every serve rebuild.
            names = jinja2.Environment(loader=jinja2.DictLoader(dict.fromkeys(removed, "")))
            files.add_files_from_theme(names, config)

    def _unlock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _write_report(self, config: MkDocsConfig, rep: dict[str, Any]) -> None:
        path = Path(config.site_dir) / self.config.report_file
        if not (self.serving and rep == self.last_report and path.exists()):  # serve: only when it changed
            write_text(path, report_json(rep))
        self.last_report = rep if self.serving else None
        for row in rep["practices"] + rep["replications"]["reports"]:
            if row["fate"] != PUBLISHED:
                reasons = "; ".join(r.replace("\n", " ") for r in row["reasons"])
                log.info("%s: %s (%s)", row["path"], report.FATE_LABELS[row["fate"]], reasons)
        log.info("%s; laporan: %s", report.fate_summary(rep), self.config.report_file)


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
