"""Helpers for the end-to-end tests that drive the site in headless Chromium.

The tests use the system Chromium (Debian's ``chromium`` package) through Playwright for
Python; Playwright never downloads a browser of its own here. axe-core comes from npm
(``tests/e2e/package.json``, installed by ``make e2e-deps`` or ``.ci/run``).

Environment:
  LUMBUNG_CHROMIUM          path of the Chromium executable (overrides the search)
  LUMBUNG_AXE_JS            path of axe.min.js (overrides tests/e2e/node_modules)
  LUMBUNG_REQUIRE_BROWSER=1 a missing browser, Playwright or axe-core fails the test
                            instead of skipping it (set in CI)

This directory has no ``__init__.py``: pytest puts it on ``sys.path``, so tests and
``conftest.py`` import this module as ``browser``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"

CHROMIUM_CANDIDATES = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "chromium",
    "chromium-browser",
    "google-chrome-stable",
    "google-chrome",
)

# Flags for a quiet, offline, container-friendly headless Chromium.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# axe impact levels that fail a test.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})


def browser_required() -> bool:
    return os.environ.get("LUMBUNG_REQUIRE_BROWSER", "") == "1"


def require_or_skip(reason: str) -> None:
    """Skip the test, or fail it when LUMBUNG_REQUIRE_BROWSER=1 (CI)."""
    if browser_required():
        pytest.fail(f"{reason} (LUMBUNG_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


def _executable(path: str) -> str | None:
    found = shutil.which(path)
    return found


def find_chromium() -> str | None:
    """Path of a Chromium executable, or None. LUMBUNG_CHROMIUM overrides the search."""
    override = os.environ.get("LUMBUNG_CHROMIUM")
    if override:
        return _executable(override)
    for candidate in CHROMIUM_CANDIDATES:
        found = _executable(candidate)
        if found:
            return found
    return None


def launch_browser(playwright: Any, *, executable_path: str | None = None) -> Any:
    """Launch headless Chromium with the project's flags; returns a Playwright Browser."""
    path = executable_path or find_chromium()
    if path is None:
        raise RuntimeError(
            "Chromium not found; install it (apt-get install chromium) or set LUMBUNG_CHROMIUM"
        )
    return playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)


@functools.cache
def _read_axe(path: str) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return None


def axe_source() -> str | None:
    """Text of axe.min.js, or None when axe-core is not installed."""
    return _read_axe(os.environ.get("LUMBUNG_AXE_JS") or str(AXE_JS))


def run_axe(page: Any, options: dict[str, Any] | None = None, *, source: str | None = None) -> dict[str, Any]:
    """Inject axe-core into ``page`` (if needed) and return the result of ``axe.run()``."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        src = source or axe_source()
        if src is None:
            raise RuntimeError("axe-core not installed; run `make e2e-deps`")
        page.add_script_tag(content=src)
    return page.evaluate("(options) => axe.run(document, options || {})", options)


def blocking_violations(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The violations whose impact is serious or critical."""
    return [v for v in results.get("violations", []) if v.get("impact") in BLOCKING_IMPACTS]


def format_violations(violations: list[dict[str, Any]]) -> str:
    """One readable block per violation, for assertion messages."""
    lines = []
    for v in violations:
        lines.append(f"[{v.get('impact')}] {v.get('id')}: {v.get('help')} ({v.get('helpUrl')})")
        for node in v.get("nodes", [])[:5]:
            lines.append(f"    at {', '.join(map(str, node.get('target', [])))}")
    return "\n".join(lines)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_directory(directory: str | os.PathLike[str]) -> Iterator[str]:
    """Serve ``directory`` over HTTP on a free 127.0.0.1 port; yields the base URL (ending in /)."""
    root = Path(directory)
    if not root.is_dir():
        raise NotADirectoryError(str(root))
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, name=f"serve {root.name}", daemon=True
    )
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# -- the site's catalogue -----------------------------------------------------------------------------


def card_titles(page: Any) -> list[str]:
    """Titles of the practice cards the catalogue shows, in order."""
    return page.locator("#lp-catalogue .lp-card__title a").all_inner_texts()


def count_is(page: Any, text: str) -> None:
    """Wait until the catalogue's count reads `text` (filtering loads the catalogue data first)."""
    script = "t => document.getElementById('lp-count').textContent === t"
    with contextlib.suppress(Exception):  # a timeout: the assertion below shows what it reads instead
        page.wait_for_function(script, arg=text, timeout=5_000)
    assert page.locator("#lp-count").inner_text() == text


# -- requests that leave the site ---------------------------------------------------------------------

# Not network requests: an inline image or a script's own object, never a visit to another site.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def origin(url: str) -> str:
    """scheme://host:port of `url`."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def block_other_origins(context: Any, base: str) -> list[str]:
    """Abort every request of the browser context `context` to an origin other than `base`'s, and
    return the list in which those requests are recorded (nothing leaves the machine, even in a control)."""
    home = origin(base)
    outside: list[str] = []

    def handle(route: Any) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES) or origin(url) == home:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", handle)
    return outside
