"""Redirects of renamed practices: each `redirect_from` id of a published practice gets a small page
at its old address that sends readers and search engines to the new one."""

from __future__ import annotations

import html
import posixpath

from lumbung.site.catalogue import Site
from lumbung.site.urls import href, page_url, src_of


def pairs(site: Site, taken: set[str] | frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(old page source, new page source) pairs for every `redirect_from` id of a published practice.

    Each old id redirects at the same place in the province folder and at the site root, unless a
    real page (a source in `taken`) already lives there.
    """
    out: list[tuple[str, str]] = []
    used = {page_url(t) for t in taken} | {page_url(e.src) for e in site.entries}
    for e in site.entries:
        folder = posixpath.dirname(src_of(e.practice))
        for old in e.record.redirect_from:
            for src in (posixpath.join(folder, f"{old}.md"), f"{old}.md"):
                if page_url(src) not in used:
                    used.add(page_url(src))
                    out.append((src, e.src))
    return out


def page_html(
    old_src: str, new_src: str, title: str, site_url: str | None = None, directory_urls: bool = True
) -> str:
    """A small page that sends the reader (and search engines, via canonical) to the new address."""
    target = href(old_src, new_src, directory_urls)
    canonical = (site_url.rstrip("/") + "/" + page_url(new_src, directory_urls)) if site_url else target
    t, c, e = html.escape(target, quote=True), html.escape(canonical, quote=True), html.escape(title)
    return (
        '<!doctype html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        f'<title>Dipindahkan: {e}</title>\n<link rel="canonical" href="{c}">\n'
        f'<meta name="robots" content="noindex">\n<meta http-equiv="refresh" content="0; url={t}">\n'
        "</head>\n<body>\n"
        f'<p>Praktik ini sudah pindah ke <a href="{t}">{e}</a>.</p>\n</body>\n</html>\n'
    )
