"""The gate in the real browser: files a contributor puts beside the practices run nothing.

A tree holds three payloads that MkDocs alone publishes: a script at the path of Material's own
bundle (which every page loads), an .html page and a .markdown page with a script. Built with the
plugin (errors tolerated, as the first build of `mkdocs serve` does), the pages run no payload and
the payload URLs are not there; the control builds the same tree with Material alone, and the
payloads run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from support.build import build, build_material_alone, write_config
from support.hostilegen import SS, base

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE = "sumatera-selatan/lahat-bursa-kerja-desa/"


def _tree(root: Path) -> Path:
    import material

    base(root)
    bundle = next((Path(material.__file__).parent / "templates/assets/javascripts").glob("bundle.*.min.js"))
    shadow = root / "practices" / "assets" / "javascripts" / bundle.name
    shadow.parent.mkdir(parents=True)
    shadow.write_text("window.__pwned = 'bundle'; alert('bundle');\n", encoding="utf-8")
    script = "<script>window.__pwned = 'page'; alert('page');</script>\n"
    (root / SS / "halaman.html").write_text(script, encoding="utf-8")
    (root / SS / "catatan.markdown").write_text("# Catatan\n\n" + script, encoding="utf-8")
    return root


def _visit(page: Any, url: str) -> dict[str, Any]:
    """Open `url`; its status, the dialogs it opened and what the payloads wrote, if anything."""
    if not hasattr(page, "lumbung_dialogs"):
        page.lumbung_dialogs = []
        page.on("dialog", lambda d: (page.lumbung_dialogs.append(d.message), d.dismiss()))
    before = len(page.lumbung_dialogs)
    response = page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)
    pwned = page.evaluate("() => typeof window.__pwned === 'undefined' ? null : String(window.__pwned)")
    status = response.status if response else None
    return {"status": status, "dialogs": page.lumbung_dialogs[before:], "pwned": pwned}


def test_payloads_beside_the_practices_do_not_run(tmp_path: Path, serve_dir, page) -> None:
    root = _tree(tmp_path / "proyek")
    built = build(write_config(root, {"drafts_on_serve": "false"}), serve=True)
    assert built.returncode == 0, built.log
    assert "[E601]" in built.log and "[E109]" in built.log and "[E515]" in built.log
    url = serve_dir(root / "site")
    seen = _visit(page, url + PAGE)
    assert (seen["status"], seen["dialogs"], seen["pwned"]) == (200, [], None)
    for gone in ("sumatera-selatan/halaman.html", "sumatera-selatan/catatan/"):
        assert _visit(page, url + gone)["status"] == 404, gone


def test_control_material_alone_runs_them(tmp_path: Path, serve_dir, page) -> None:
    root = _tree(tmp_path / "proyek")
    build_material_alone(root)
    url = serve_dir(root / "site")
    seen = _visit(page, url + PAGE)  # every page loads the replaced bundle
    assert (seen["pwned"], seen["dialogs"]) == ("bundle", ["bundle"])
    assert _visit(page, url + "sumatera-selatan/halaman.html")["pwned"] == "page"
    assert _visit(page, url + "sumatera-selatan/catatan/")["pwned"] in ("page", "bundle")
