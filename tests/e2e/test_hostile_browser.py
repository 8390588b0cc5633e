"""Hostile content in the real browser: no script a contributor writes runs in a reader's browser.

The fixture tests/fixtures/hostile/browser/ holds a practice whose payloads try to write
`window.__pwned` or open an `alert` dialog, automatically (onerror, ontoggle, autofocus ...) or through
links. The validator rejects it, so `mkdocs build` publishes nothing. To prove the second line of
defence, the site is then built with the validator switched off: the plugin's nh3 sanitiser alone
must make the page harmless. A control page with the same HTML unsanitised shows the payloads are live.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from browser import LOCAL_SCHEMES, origin

from support import REPO
from support.build import REFUSED, build, write_config

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIXTURE = REPO / "tests" / "fixtures" / "hostile" / "browser"
PAGE = "jawa-tengah/serangan-skrip-di-halaman/"
SOURCE = FIXTURE / "practices" / "jawa-tengah" / "serangan-skrip-di-halaman.md"

# What a page that ran no injected code looks like from the inside.
PROBE = """() => {
  const root = document.querySelector('article') || document.body;
  const bad = [];
  for (const el of root.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.replace(/[\\s\\x00-\\x1f]/g, '').toLowerCase();
      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
      const active = /^(javascript|data|vbscript):/.test(v) || a.name === 'srcdoc';
      if (['href', 'src', 'data', 'action', 'srcdoc'].includes(a.name) && active)
        bad.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'BASE', 'META', 'LINK', 'FORM'].includes(el.tagName))
      bad.push(el.tagName);
  }
  return {pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned), bad};
}"""


def _visit(page: Any, url: str) -> dict[str, Any]:
    """Open `url`, give every payload its chance (focus, hover, toggle), and report what happened."""
    seen: dict[str, list[str]] = {"dialogs": [], "errors": [], "requests": []}

    def on_dialog(dialog: Any) -> None:
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and seen["errors"].append(msg.text))
    page.on("request", lambda req: seen["requests"].append(req.url))
    response = page.goto(url)
    assert response is not None and response.ok
    page.wait_for_load_state("load")
    for selector in ("a", "h2", "details", "img", "input"):
        for el in page.query_selector_all(f"article {selector}, body > {selector}")[:20]:
            # hidden or detached elements cannot be hovered: nothing to trigger there
            with contextlib.suppress(Exception):
                el.hover(timeout=300)
    page.wait_for_timeout(300)
    seen.update(page.evaluate(PROBE))
    return seen


def test_validator_rejects_the_hostile_page(tmp_path: Path) -> None:
    root = tmp_path / "situs"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("expected"))
    built = build(write_config(root), strict=False)
    assert built.returncode == REFUSED, built.log
    assert "serangan-skrip-di-halaman.md:19: HTML tidak diizinkan: <script> [E511]" in built.log
    assert not (root / "site" / PAGE / "index.html").exists()


def test_control_unsanitised_html_does_run(tmp_path: Path, serve_dir, page) -> None:
    # Without the sanitiser the payloads are live: this is what the two defences stop.
    import markdown

    body = SOURCE.read_text(encoding="utf-8").split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["attr_list", "tables", "admonition", "pymdownx.details"])
    (tmp_path / "index.html").write_text(
        f"<!doctype html><html><body><article>{html}</article></body></html>", "utf-8"
    )
    seen = _visit(page, serve_dir(tmp_path) + "index.html")
    assert seen["dialogs"] and seen["pwned"] is not None and seen["bad"]


def test_sanitised_practice_page_runs_no_script(tmp_path: Path, serve_dir, page) -> None:
    root = tmp_path / "situs"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("expected"))
    # the second line of defence alone: the content checks switched off, as if the validator had a bug
    result = build(write_config(root), strict=False, bypass_content_checks=True)
    assert result.returncode == 0, result.log
    built = (root / "site" / PAGE / "index.html").read_text(encoding="utf-8")
    assert "Tidak ada muatan yang boleh berjalan." in built
    base = serve_dir(root / "site")
    seen = _visit(page, base + PAGE)
    assert seen["dialogs"] == []
    assert seen["pwned"] is None
    assert seen["bad"] == []
    assert [e for e in seen["errors"] if "pwned" in e or "alert" in e] == []
    # nothing left the site: not the payloads' hosts, not the theme
    assert [
        u for u in seen["requests"] if not u.startswith(LOCAL_SCHEMES) and origin(u) != origin(base)
    ] == []
