"""Where things live on the site: a practice's page source, a page's URL by MkDocs' rule, relative
links between pages, and slugs for addresses and anchors."""

from __future__ import annotations

import posixpath

from lumbung.model import Practice
from lumbung.vocabulary import match_key


def slugify(text: str) -> str:
    """An URL/anchor slug: lower-case ASCII words joined by '-'."""
    return "-".join(match_key(text).split()) or "x"


def src_of(practice: Practice) -> str:
    """Path of a practice inside the practices folder: practices/aceh/x.md -> aceh/x.md."""
    return practice.relpath.split("/", 1)[1] if "/" in practice.relpath else practice.relpath


def page_url(src: str, directory_urls: bool = True) -> str:
    """Site-relative URL of the page built from `src` (MkDocs' rule): a/b.md -> a/b/, a/index.md -> a/."""
    stem = src[:-3] if src.endswith(".md") else src
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def href(from_src: str, to: str, directory_urls: bool = True) -> str:
    """Relative link from the page built from `from_src` to `to` (a page source `x.md`, or a site path).

    Raw HTML in Markdown is not rewritten by MkDocs, so generated pages compute their own links.
    """
    path, _, anchor = to.partition("#")
    target = page_url(path, directory_urls) if path.endswith(".md") else path
    here = page_url(from_src, directory_urls)
    base = here.rsplit("/", 1)[0] if "/" in here else ""
    return _relative(target, base) + (f"#{anchor}" if anchor else "")


def _relative(target: str, base: str) -> str:
    # posixpath.relpath (abspath, normpath) was a tenth of the rendering time of a big library's
    # listings; clean site paths only need their common folders dropped.
    t, b = target.split("/"), base.split("/") if base else []
    if t[-1] == "":
        t.pop()
    if any(part in ("", ".", "..") for part in t + b):
        rel = posixpath.relpath(target or ".", base or ".")
    else:
        i = 0
        while i < len(t) and i < len(b) and t[i] == b[i]:
            i += 1
        rel = "/".join([".."] * (len(b) - i) + t[i:]) or "."
    if target == "" or target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel


def absolute(site_url: str | None, path: str) -> str:
    """`path` on the site: absolute under `site_url`, else site-relative."""
    return (site_url.rstrip("/") + "/" + path) if site_url else path
