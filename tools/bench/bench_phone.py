"""What a reader on a phone waits for: throttled Chromium and Lighthouse; prints figures, never asserts.

Usage: python tools/bench/bench_phone.py SITE [PLAIN_SITE]

The phone profile is DevTools' "Fast 3G" with a slow CPU, set through Chromium's DevTools protocol:
1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, CPU slowed 4x, a 360x800 screen. Each measurement
starts from an empty cache. The site is served compressed (gzip for text), as a static host serves it.

- `phone_page`: first paint, first contentful paint and load of one page, and the bytes received by load.
- `phone_search_ours`: our search box on a page, typed into as soon as the page has loaded, from the
  first key to the first result on screen, with the bytes and requests in between.
- `phone_search_material`: the same with Material's own search plugin on a plain build.
- `lighthouse`: Lighthouse 12.2.3 (npm, run on Node 20 in tools/bench/lighthouse/) mobile performance and
  CLS of a list of pages.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(REPO / "tests" / "e2e")]

LIGHTHOUSE_DIR = HERE / "lighthouse"
FAST_3G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
CPU_SLOWDOWN = 4
PHONE = {"width": 360, "height": 800}
TEXT_TYPES = (".html", ".js", ".css", ".json", ".xml", ".svg", ".txt", ".csv", ".map")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types when the client accepts it (GitHub Pages does)."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in TEXT_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        pass  # a browser that closes a connection early is not news


@contextlib.contextmanager
def gzip_server(site: Path) -> Iterator[str]:
    """Serve `site` on a free loopback port in a thread; yields the base URL."""
    handler = lambda *a, **k: _Handler(*a, directory=str(site), **k)  # noqa: E731
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _Phone:
    """One fresh browser context under the phone profile. Bytes are the compressed bodies and headers of
    finished responses, counted by Playwright, which also sees what a page's web workers fetch."""

    def __init__(self, browser) -> None:  # type: ignore[no-untyped-def]
        self.context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.emulateNetworkConditions", FAST_3G)
        self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        self.bytes = 0
        self.requests = 0
        self.page.on("requestfinished", self._finished)

    def _finished(self, request) -> None:  # type: ignore[no-untyped-def]
        try:
            sizes = request.sizes()
        except Exception:  # the page closed while a response was still arriving: not part of a figure
            return
        self.bytes += max(0, sizes["responseBodySize"]) + max(0, sizes["responseHeadersSize"])
        self.requests += 1

    def close(self) -> None:
        self.context.close()


def _launch(pw):  # type: ignore[no-untyped-def]
    from browser import launch_browser

    return launch_browser(pw)


def phone_page(base: str, path: str) -> dict[str, float]:
    """First paint, first contentful paint and load of `path` (seconds), and KB received by load."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = _launch(pw)
        phone = _Phone(browser)
        phone.page.goto(base + path, wait_until="load", timeout=300_000)
        timing = phone.page.evaluate(
            """() => {
              const paint = Object.fromEntries(performance.getEntriesByType('paint')
                .map(e => [e.name, e.startTime]));
              const nav = performance.getEntriesByType('navigation')[0];
              return {fp: paint['first-paint'], fcp: paint['first-contentful-paint'], load: nav.loadEventEnd};
            }"""
        )
        kb = phone.bytes / 1024
        phone.close()
        browser.close()
    return {
        "first_paint": (timing["fp"] or float("nan")) / 1000,
        "fcp": (timing["fcp"] or float("nan")) / 1000,
        "load": timing["load"] / 1000,
        "kb": kb,
    }


# Records, in the page, the time of the first key typed and of the first result on screen. Both
# searches answer as one types, so the query's first key is where the reader's wait begins.
_WATCH = """(sel) => {
  window.__lp = {typed: null, shown: null};
  document.addEventListener('keydown', () => {
    if (window.__lp.typed === null) window.__lp.typed = performance.now();
  }, true);
  const seen = () => {
    const el = document.querySelector(sel);
    if (el && window.__lp.typed !== null && window.__lp.shown === null && el.getClientRects().length)
      window.__lp.shown = performance.now();
  };
  new MutationObserver(seen).observe(document.documentElement, {subtree: true, childList: true,
                                                                 attributes: true});
}"""


def _search(
    base: str, path: str, box: str, opener: str | None, submit: bool, result: str, query: str
) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = _launch(pw)
        phone = _Phone(browser)
        page = phone.page
        # A reader types as soon as the page is there: whatever the search still fetches counts.
        page.goto(base + path, wait_until="load", timeout=300_000)
        page.evaluate(_WATCH, result)
        before_bytes, before_requests = phone.bytes, phone.requests
        if opener and page.locator(opener).is_visible():  # a phone shows a search button first
            page.click(opener)
        page.locator(box).focus()
        page.keyboard.type(query)
        if submit:
            page.keyboard.press("Enter")
        page.wait_for_function("() => window.__lp.shown !== null", timeout=600_000, polling=50)
        page.wait_for_load_state("networkidle", timeout=300_000)
        times = page.evaluate("() => window.__lp")
        figures = {
            "seconds": (times["shown"] - times["typed"]) / 1000,
            "kb": (phone.bytes - before_bytes) / 1024,
            "requests": phone.requests - before_requests,
        }
        phone.close()
        browser.close()
    return figures


def phone_search_ours(base: str, path: str, query: str) -> dict[str, float]:
    """Our search box on page `path`: from the first key to the first result on screen."""
    return _search(base, path, "#lp-search-input", None, True, ".lp-search__result", query)


def phone_search_material(base: str, path: str, query: str) -> dict[str, float]:
    """Material's search: the index is fetched and built by its worker, so the first query pays for it."""
    opener = 'label.md-header__button[for="__search"]'
    return _search(base, path, "input.md-search__input", opener, False, ".md-search-result__item", query)


def lighthouse_ready() -> bool:
    """Install Lighthouse from the npm registry (pinned by package-lock.json) once; False without npm/node."""
    if not shutil.which("npm") or not shutil.which("node"):
        return False
    cli = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        done = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=LIGHTHOUSE_DIR, capture_output=True
        )
        if done.returncode != 0:
            print(done.stderr.decode("utf-8", "replace")[-1000:], file=sys.stderr)
            return False
    return cli.exists()


def lighthouse(base: str, paths: list[str]) -> dict[str, dict[str, float]]:
    """Lighthouse mobile performance score (0-100) and CLS of each page (the default mobile profile)."""
    from browser import CHROMIUM_ARGS, find_chromium

    cli = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
    env = {**os.environ, "CHROME_PATH": find_chromium() or "/usr/bin/chromium"}
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    out: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            report = Path(tmp) / "report.json"
            done = subprocess.run(
                [
                    "node",
                    str(cli),
                    base + path,
                    "--quiet",
                    "--only-categories=performance",
                    "--output=json",
                    f"--output-path={report}",
                    f"--chrome-flags={flags}",
                ],
                env=env,
                capture_output=True,
                timeout=600,
            )
            if done.returncode != 0 or not report.exists():
                out[path] = {"score": float("nan"), "cls": float("nan")}
                continue
            data = json.loads(report.read_text(encoding="utf-8"))
            audits = data["audits"]
            out[path] = {
                "score": round((data["categories"]["performance"]["score"] or 0) * 100),
                "cls": audits["cumulative-layout-shift"]["numericValue"],
                "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
                "tbt": audits["total-blocking-time"]["numericValue"],
            }
    return out


def main(argv: list[str]) -> int:
    site = Path(argv[1])
    with gzip_server(site) as base:
        t = time.perf_counter()
        print(json.dumps({"home": phone_page(base, ""), "search": phone_search_ours(base, "", "pelatihan")}))
        print(f"{time.perf_counter() - t:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
