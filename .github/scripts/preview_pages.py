"""Point the pull-request preview at the practices the pull request changed.

    python .github/scripts/preview_pages.py --site site-preview --changed changed.txt \
        --artifact-url URL --out preview.md

`changed.txt` lists the changed files, one per line (`git diff --name-only`). The script writes
`pratinjau.html` at the top of the preview site, with a direct link to each changed practice's
page (`<province>/<id>/index.html`, which opens from the unzipped folder without a server), and
the Markdown paragraph that the pull-request comment shows (Bahasa Indonesia).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from lumbung.site.urls import src_of
from lumbung.source.loader import load_file

PAGE = "pratinjau.html"


def changed_pages(root: Path, changed: list[str]) -> list[tuple[str, str, str]]:
    """(page path in the built site, title, status) of each changed practice that still exists."""
    out = []
    for name in changed:
        name = name.strip()
        path = root / name
        if not (name.startswith("practices/") and name.endswith(".md") and path.is_file()):
            continue
        practice = load_file(path, root, dt.date.today())
        meta = practice.meta or {}
        title = meta.get("title") if isinstance(meta.get("title"), str) else practice.id
        page = src_of(practice)[: -len(".md")] + "/index.html"
        out.append((page, title, practice.status or ""))
    return out


def preview_html(pages: list[tuple[str, str, str]]) -> str:
    items = "\n".join(
        f'<li><a href="{html.escape(page)}">{html.escape(title)}</a> '
        f"<small>({html.escape(status)})</small></li>"
        for page, title, status in pages
    )
    return (
        '<!doctype html>\n<html lang="id"><head><meta charset="utf-8">'
        '<meta name="robots" content="noindex"><title>Pratinjau pull request</title></head>\n'
        "<body><h1>Pratinjau pull request</h1>\n"
        "<p>Halaman praktik yang diubah pull request ini (termasuk yang belum terbit):</p>\n"
        f"<ul>\n{items or '<li>tidak ada praktik yang berubah</li>'}\n</ul>\n"
        '<p><a href="index.html">Beranda situs pratinjau</a></p></body></html>\n'
    )


def preview_markdown(pages: list[tuple[str, str, str]], artifact_url: str) -> str:
    if not pages:
        return ""
    where = f"[situs-pratinjau]({artifact_url})" if artifact_url else "**situs-pratinjau**"
    lines = [
        "#### Pratinjau halaman",
        "",
        f"Unduh {where} (berkas zip), buka isinya, lalu buka `{PAGE}`: "
        "berisi tautan langsung ke halaman ini:",
        "",
    ]
    for page, title, status in pages:
        safe = title.replace("`", "'").replace("[", "(").replace("]", ")").replace("<", "‹").replace(">", "›")
        lines.append(
            f"- {safe}: `{page}`"
            + (f" (status `{status}`, dengan tanda belum terbit)" if status != "published" else "")
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", required=True, help="the built preview site")
    parser.add_argument("--changed", required=True, help="file listing the changed paths, one per line")
    parser.add_argument("--artifact-url", default="", help="URL of the uploaded preview artifact")
    parser.add_argument("--out", required=True, help="Markdown file to write for the comment")
    parser.add_argument("--root", default=str(ROOT), help="project root (default: this repository)")
    args = parser.parse_args(argv)
    changed = (
        Path(args.changed).read_text(encoding="utf-8").splitlines() if Path(args.changed).is_file() else []
    )
    pages = changed_pages(Path(args.root), changed)
    Path(args.site, PAGE).write_text(preview_html(pages), encoding="utf-8")
    Path(args.out).write_text(preview_markdown(pages, args.artifact_url), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
