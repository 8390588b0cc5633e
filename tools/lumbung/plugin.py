"""The MkDocs plugin: a thin adapter that loads, validates and publishes the library through the core."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from . import catalogue, opendata, pages, report, sitesearch
from .diagnostics import ERROR, format_one, summary_line
from .loader import Loader
from .model import DRAFT, PUBLISHED, REVIEW
from .safety import sanitize_html

log = get_plugin_logger(__name__)


class LumbungConfig(Config):
    practices_dir = c.Type(str, default="practices")
    report_file = c.Type(str, default="laporan-build.json")
    feeds_on_serve = c.Type(bool, default=False)
    search_on_serve = c.Type(bool, default=False)
    drafts_on_serve = c.Type(bool, default=True)
    feed_limit = c.Type(int, default=20)
    related_limit = c.Type(int, default=5)
    lang = c.Choice(("id", "en"), default="id")


class LumbungPlugin(BasePlugin[LumbungConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.loader: Loader | None = None
        self.site: catalogue.Site | None = None
        self.fates: dict[str, tuple[str, catalogue.Entry]] = {}
        self.taken: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this object, and the loader's file cache, across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        practices = (root / self.config.practices_dir).resolve()
        if practices != Path(config.docs_dir).resolve():
            raise PluginError(f"lumbung: docs_dir harus folder praktik '{self.config.practices_dir}' (sekarang: {config.docs_dir})")
        if self.loader is None or self.loader.root != root:
            self.loader = Loader(root)
        if config.nav is None:  # never the automatic nav: it would embed every practice in every page
            config.nav = pages.default_nav()
        return config

    def on_files(self, files: Files, *, config) -> Files:
        library = self.loader.load([self.loader.root / self.config.practices_dir])
        self._log_diagnostics(library)
        errors = [d for d in library.diagnostics if d.severity == ERROR]
        if errors and not self.serving:
            raise PluginError(summary_line(library.diagnostics, len(library.practices), self.config.lang))
        self.site = catalogue.build_site(library, _computed_related(library, self.config.related_limit), self.config.related_limit)
        self.fates = {}
        for practice in library.practices:
            fate, src = library.fate(practice), catalogue.src_of(practice)
            file = files.get_file_from_path(src)
            if fate == PUBLISHED or (self.serving and self.config.drafts_on_serve and fate in (DRAFT, REVIEW)):
                self.fates[src] = (fate, self.site.by_id.get(practice.id) or catalogue.entry_of(practice))
                if file is not None:  # reached through catalogue, facets and search, never the nav
                    file.inclusion = InclusionLevel.NOT_IN_NAV if fate == PUBLISHED else InclusionLevel.DRAFT
            elif file is not None:
                files.remove(file)
        options = pages.Options(config.site_name, config.use_directory_urls, config.repo_url, self._open_data())
        for src, content in pages.render_pages(self.site, options).items():
            files.append(File.generated(config, src, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        self.taken = {f.src_uri for f in files.documentation_pages()}
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        known = self.fates.get(page.file.src_uri)
        if known and not page.meta.get("description"):
            page.meta["description"] = known[1].summary
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        # Second line of defence: even if the validator misses something, a practice page ships no script.
        return sanitize_html(html) if page.file.src_uri in self.fates else html

    def on_page_context(self, context: dict[str, Any], *, page, config, nav) -> dict[str, Any]:
        known = self.fates.get(page.file.src_uri)
        if known and self.site is not None:
            context["practice"] = pages.practice_card(self.site, known[1], known[0])
        return context

    def on_post_build(self, *, config) -> None:
        site_dir = Path(config.site_dir)
        if not self.serving or self.config.search_on_serve:
            sitesearch.build_site_search(self.site.library, site_dir, directory_urls=config.use_directory_urls)
        rep = report.build_report(self.site.library, self.config.lang)
        _write(site_dir / self.config.report_file, json.dumps(rep, ensure_ascii=False, indent=1) + "\n")
        if self._open_data():
            _write(site_dir / "practices.json", opendata.to_json(self.site, config.site_url))
            _write(site_dir / "practices.csv", opendata.to_csv(self.site, config.site_url))
            _write(site_dir / "feed.xml", opendata.atom_feed(self.site, config.site_name, config.site_url,
                                                             config.site_description or "", self.config.feed_limit))
        for old, new in report.redirects(self.site, self.taken):
            target = site_dir / catalogue.page_url(old, config.use_directory_urls)
            path = target / "index.html" if config.use_directory_urls else target
            if not path.exists():
                title = self.site.by_id[Path(new).stem].title if Path(new).stem in self.site.by_id else new
                _write(path, report.redirect_html(old, new, title, config.site_url, config.use_directory_urls))
        for row in rep["practices"]:
            if row["fate"] != PUBLISHED:
                log.info("%s: %s (%s)", row["path"], report.FATE_LABELS[row["fate"]], "; ".join(row["reasons"]).replace("\n", " "))
        log.info("%s; laporan: %s", report.summary_line(rep), self.config.report_file)

    def _open_data(self) -> bool:
        return not self.serving or self.config.feeds_on_serve

    def _log_diagnostics(self, library) -> None:
        for d in sorted(library.diagnostics, key=lambda d: d.sort_key()):
            (log.error if d.severity == ERROR else log.warning)(format_one(d, self.config.lang))


def _computed_related(library, limit: int):
    """Related practices computed by the search core, when that module is present."""
    try:
        from .similarity import related_ids
    except ImportError:
        return None
    return related_ids(library, limit)


def _write(path: Path, text: str) -> None:
    os.makedirs(path.parent, exist_ok=True)
    path.write_text(text, encoding="utf-8")
