"""The site's own scripts as the built pages load them: ES modules served as written, each module a
page's scripts import named by a modulepreload (so a phone fetches them together), none missing."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from htmlq import parse

pytestmark = pytest.mark.slow

# `import ... from "./x.js"`, `export ... from "./x.js"` and `import "./x.js"`; our modules write
# their imports this way at the top (a dynamic import() would not be preloaded, and is not used).
IMPORT = re.compile(r'^(?:import|export)\b[^;]*?["\'](\.{1,2}/[^"\']+)["\'];?\s*$', re.M | re.S)


def _local(site: Path, page: Path, href: str) -> Path:
    """The file a page's script or link points at; the 404 page's addresses start at the site's root."""
    if href.startswith("/"):
        return site / "assets" / href.split("/assets/", 1)[1]
    return Path(os.path.normpath(page.parent / href))


def imports(module: Path) -> set[Path]:
    """The modules `module` imports, directly or through others."""
    found: set[Path] = set()
    todo = [module]
    while todo:
        current = todo.pop()
        for match in IMPORT.finditer(current.read_text(encoding="utf-8")):
            target = Path(os.path.normpath(current.parent / match.group(1)))
            assert target.is_file(), f"{current.name} imports a module the site lacks: {match.group(1)}"
            if target not in found:
                found.add(target)
                todo.append(target)
    return found


def test_the_import_pattern_reads_the_forms_our_modules_use(tmp_path):
    (tmp_path / "lib").mkdir()
    for name in ("a", "b", "c", "d"):
        (tmp_path / "lib" / f"{name}.js").write_text("export const x = 1;\n", encoding="utf-8")
    (tmp_path / "lib" / "a.js").write_text('import { x } from "./d.js";\n', encoding="utf-8")
    entry = tmp_path / "entry.js"
    entry.write_text(
        'import { a,\n  b } from "./lib/a.js";\nexport { x } from "./lib/b.js";\nimport "./lib/c.js";\n'
        "const s = \"import x from './lib/nothing.js'\";\n",
        encoding="utf-8",
    )
    assert imports(entry) == {tmp_path / "lib" / f"{n}.js" for n in ("a", "b", "c", "d")}


def test_every_page_loads_our_scripts_as_modules_and_preloads_what_they_import(basic_site):
    site = basic_site.site
    ours = site / "assets"
    checked = {"catalogue.js": 0, "practice.js": 0, "search.js": 0, "tables.js": 0}
    for page in sorted(site.rglob("*.html")):
        doc = parse(page.read_text(encoding="utf-8"))
        entries = set()
        for script in doc.find_all("script"):
            src = script.attrs.get("src")
            if not src or "assets/javascripts/" in src:  # Material's own bundle and inline scripts
                continue
            path = _local(site, page, src)
            assert path.parent in (ours, ours / "lib"), f"{page}: {src}"
            assert script.attrs.get("type") == "module", f"{page}: {src} is not a module"
            assert path.is_file(), f"{page}: {src} missing"
            entries.add(path)
            if path.name in checked:
                checked[path.name] += 1
        preloads = {
            _local(site, page, link.attrs["href"]) for link in doc.find_all("link", rel="modulepreload")
        }
        for path in preloads:
            assert path.is_file(), f"{page}: modulepreload of a missing {path}"
        wanted = set().union(*(imports(e) for e in entries)) - entries if entries else set()
        rel = page.relative_to(site)
        assert {p.name for p in preloads} == {p.name for p in wanted}, f"{rel}: preloads differ from imports"
    assert all(checked.values()), checked
