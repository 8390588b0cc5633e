"""The one gate between practices/ and the site: every file MkDocs would publish, decided in one walk.

MkDocs publishes everything under its docs folder: it walks it following symbolic links, renders
every file with a Markdown extension it knows (.md, .markdown, .mdown, .mkdn, .mkd) and copies every
other file as is, over the theme's own file of the same name. So the site is only as safe as the
least checked file in practices/. `scan` walks the folder once, never following a link, and sorts
every entry:

- a practice (`*.md`): read and checked by the loader;
- an attachment: an allowed type by content, at most 2 MB, inside a province folder;
- everything else is refused with a diagnostic: symbolic links (never followed, so a link to
  /dev/zero or /proc/self/environ is never read), other Markdown extensions, unknown types and
  special files, files outside a province folder, and paths the site itself writes (theme assets,
  search, generated pages, open data, the build report).

`check_site` then works across the library: links between pages resolve to published practices or
generated pages, `redirect_from` claims no address of the site, and each attachment takes the fate
of the best practice that refers to it (a draft's photos stay unpublished until it is published;
an attachment no practice refers to is not published). The MkDocs plugin keeps exactly the pages and
files allowed here and removes everything else; `lumbung validate` reports the same diagnostics.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lumbung.diagnostics import ERROR, Diagnostic, Hint
from lumbung.formats import filetypes
from lumbung.messages import Word
from lumbung.model import DRAFT, PRACTICES_DIR, PUBLISHED, REJECTED, REVIEW, Library, Practice
from lumbung.rules.safety import check_asset
from lumbung.vocabulary import closest, regions, vocabulary

# Every extension MkDocs renders as a page (mkdocs.utils.markdown_extensions; a test keeps them equal).
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# The first segment (name without extension, lower case) of every path the site writes itself, and
# what it is. A test checks it against the files of a real build.
SITE_PATHS = {
    "assets": "site-theme",
    "javascripts": "site-theme",
    "stylesheets": "site-theme",
    "404": "site-theme",
    "sitemap": "site-theme",
    "search": "site-search",
    "index": "site-page",
    "katalog": "site-page",
    "tema": "site-page",
    "provinsi": "site-page",
    "sasaran": "site-page",
    "kontributor": "site-page",
    "statistik": "site-page",
    "draf": "site-page",  # "Draf dan tinjauan", under mkdocs serve only
    "berkontribusi": "site-page",
    "feed": "site-data",
    "practices": "site-data",
    "praktik-excel": "site-data",
    "replications": "site-data",
    "laporan-build": "site-report",
    "kartu": "site-image",
}
# The generated pages a practice may link to, besides the facet pages of what is published.
SITE_PAGES = frozenset(
    {
        "index.md",
        "katalog.md",
        "kontributor.md",
        "statistik.md",
        "tema/index.md",
        "provinsi/index.md",
        "sasaran/index.md",
        "berkontribusi/index.md",
        "berkontribusi/panduan-kolom.md",
    }
)
_RANK = {PUBLISHED: 3, REVIEW: 2, DRAFT: 1, REJECTED: 0}


@cache
def province_folders() -> frozenset[str]:
    reg = regions()
    return frozenset([p.slug for p in reg.provinces] + [reg.national_slug])


Stamp = tuple[int, ...]  # (mtime in ns, size) of the entry itself, never of what a link points at


@dataclass
class Scan:
    """One walk of practices/: the practice files, the attachments that passed their own checks,
    and a diagnostic for everything refused."""

    pages: list[Path] = field(default_factory=list)
    assets: dict[str, Path] = field(default_factory=dict)  # practices/... -> path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    stamps: dict[Path, Stamp] = field(default_factory=dict)  # page -> its stamp, as the walk saw it


def stamp_of(entry: os.DirEntry | str | Path) -> Stamp:
    """(mtime in ns, size) of a file, not following a link; () when it cannot be read."""
    try:
        st = entry.stat(follow_symlinks=False) if isinstance(entry, os.DirEntry) else os.lstat(entry)
    except OSError:
        return ()
    return (st.st_mtime_ns, st.st_size)


def _site_path(parts: list[str]) -> str | None:
    """What of the site the path practices/<parts> would overwrite, if anything."""
    return SITE_PATHS.get(parts[0].split(".", 1)[0].lower())


def walk(folder: Path) -> Iterator[tuple[os.DirEntry, list[str], bool]]:
    """Every entry under `folder`, never following a link: (entry, its parts below folder, hidden).

    The one walker of practices/ (the gate's scan, the named folders of `lumbung validate DIR`,
    the search index's stamps). Folders are entered, not yielded. MkDocs never publishes hidden
    paths but walks into them following links, so hidden folders are walked too, flagged hidden. A
    folder that cannot be listed (none yet, no permission) yields nothing.
    """
    stack: list[tuple[Path, list[str], bool]] = [(Path(os.path.abspath(folder)), [], False)]
    while stack:
        here, parts_above, hidden_above = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            parts = [*parts_above, entry.name]
            hidden = hidden_above or entry.name.startswith(".")
            if entry.is_dir(follow_symlinks=False):
                stack.append((Path(entry.path), parts, hidden))
            else:
                yield entry, parts, hidden


def scan(root: Path) -> Scan:
    """Walk root/practices once, without following any link, and classify every entry."""
    out = Scan()
    for entry, parts, hidden in walk(Path(root) / PRACTICES_DIR):
        rel = PRACTICES_DIR + "/" + "/".join(parts)
        if entry.is_symlink():
            if entry.name.endswith(".md") and not hidden:
                out.pages.append(Path(entry.path))  # the loader reports it (E106) and counts it
                out.stamps[out.pages[-1]] = stamp_of(entry)
            else:
                out.diagnostics.append(Diagnostic(rel, "E106", hints=(Hint("no_symlink"),)))
            continue
        if hidden:
            continue
        out.diagnostics += _classify(entry, parts, rel, out)
    out.pages.sort()
    return out


def _classify(entry: os.DirEntry, parts: list[str], rel: str, out: Scan) -> list[Diagnostic]:
    name = entry.name
    if not entry.is_file(follow_symlinks=False):  # a FIFO, socket or device: reading it could block
        params = {"value": name, "detected": Word("special-file")}
        values = filetypes.PUBLISHED_TYPE_NAMES
        return [Diagnostic(rel, "E515", params=params, hints=(Hint("file_types", {"values": values}),))]
    taken = _site_path(parts)
    shadow = (
        [
            Diagnostic(
                rel,
                "E601",
                params={"value": "/".join(parts), "what": Word(taken)},
                hints=(Hint("site_path"),),
            )
        ]
        if taken
        else []
    )
    if name.endswith(".md"):
        out.pages.append(Path(entry.path))
        out.stamps[out.pages[-1]] = stamp_of(entry)
        return shadow
    stem, ext = os.path.splitext(name)
    if ext.lower() in MARKDOWN_EXTENSIONS:
        hint = Hint("rename_md", {"name": stem + ".md"})
        return [*shadow, Diagnostic(rel, "E109", params={"ext": ext}, hints=(hint,))]
    if shadow:
        return shadow
    if len(parts) < 2 or parts[0] not in province_folders():
        return [Diagnostic(rel, "E602", hints=(Hint("site_path"),))]
    found = check_asset(Path(entry.path), rel)
    if not any(d.severity == ERROR for d in found):
        out.assets[rel] = Path(entry.path)
    return found


def _src(relpath: str) -> str:
    return relpath.split("/", 1)[1] if "/" in relpath else relpath


@cache
def site_pages() -> frozenset[str]:
    """The sources of the generated pages a practice may link to: the section pages, and a page for
    every theme, target group and province (each exists even while it lists nothing)."""
    facets = [f"tema/{v}.md" for v in vocabulary("themes").values]
    facets += [f"sasaran/{v}.md" for v in vocabulary("target-groups").values]
    facets += [f"provinsi/{slug}.md" for slug in province_folders()]
    return SITE_PAGES | frozenset(facets)


def check_site(practices: list[Practice], diagnostics: list[Diagnostic], found: Scan) -> Library:
    """Links, redirects and attachments across the library, after every per-file and cross-file check:
    the library with the gate's diagnostics added and `files` holding the fate of every attachment."""
    library = Library(Path("."), practices, list(diagnostics))
    by_src = {_src(p.relpath): p for p in practices}
    pages = site_pages()
    ids = sorted(p.id for p in practices)
    out: list[Diagnostic] = []
    claimed = SITE_PATHS.keys() | province_folders()
    for p in practices:
        if p.meta is None:
            continue
        src = _src(p.relpath)
        published = p.status == PUBLISHED
        for line, path in p.refs.links:
            out += _check_link(p, src, line, path, published, by_src, pages, library, ids)
        redirects = p.get("redirect_from")
        if isinstance(redirects, list):
            for i, old in enumerate(redirects):
                if isinstance(old, str) and old.lower() in claimed:
                    fieldname = f"redirect_from[{i}]"
                    line = p.field_lines.get(fieldname)
                    params = {"value": old}
                    out.append(
                        Diagnostic(
                            p.relpath,
                            "E603",
                            line=line,
                            field=fieldname,
                            params=params,
                            hints=(Hint("site_redirect"),),
                        )
                    )
    library = Library(library.root, practices, library.diagnostics + out)
    files: dict[str, str] = {}
    for p in practices:
        fate = library.fate(p)
        for rel in p.refs.files:
            if rel in found.assets and _RANK[fate] >= _RANK[files.get(rel, REJECTED)]:
                files[rel] = fate
    orphans = [
        Diagnostic(rel, "W607", hints=(Hint("refer_file"),)) for rel in found.assets if rel not in files
    ]
    library.diagnostics += orphans
    library.files = files
    return library


def _check_link(
    p: Practice,
    src: str,
    line: int | None,
    path: str,
    published: bool,
    by_src: dict[str, Practice],
    pages: frozenset[str],
    library: Library,
    ids: list[str],
) -> list[Diagnostic]:
    """One Markdown link to a page, resolved as MkDocs resolves it (relative to the file)."""
    if path.startswith(("/", "\\")):
        target = posixpath.normpath(path.strip("/\\") or "index.md")
        if not posixpath.splitext(target)[1]:
            target += ".md"
        suggestion = posixpath.relpath(target, posixpath.dirname(src) or ".")
        return [
            Diagnostic(
                p.relpath,
                "E606",
                line=line,
                params={"value": path},
                hints=(Hint("relative_link", {"value": suggestion}),),
            )
        ]
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
    if posixpath.normpath(path) == ".":
        return []  # the page itself
    if target in pages:
        return []
    other = by_src.get(target)
    if other is not None:
        fate = library.fate(other)
        if published and fate != PUBLISHED:
            params = {"value": path, "fate": Word("fate-" + fate)}
            return [Diagnostic(p.relpath, "E605", line=line, params=params, hints=(Hint("wait_publish"),))]
        return []
    stem = posixpath.basename(path.rstrip("/"))
    stem = stem[:-3] if stem.endswith(".md") else stem
    near = closest(stem, ids, cutoff=0.7) if stem else None
    if near is not None:
        there = posixpath.relpath(_src(library.by_id[near].relpath), posixpath.dirname(src) or ".")
        hint = Hint("did_you_mean", {"value": there})
    else:
        hint = Hint("page_link")
    return [Diagnostic(p.relpath, "E604", line=line, params={"value": path}, hints=(hint,))]
