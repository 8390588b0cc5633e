"""First-visit weight of every page type at 100 and at N practices; prints one table (never asserts).

Usage: python tools/bench/bench_pages.py [N]        (default 5000; bench.py adds the same rows)

Each page is opened in headless Chromium from an empty cache, served gzip-compressed like GitHub
Pages serves it, and left until the network is idle: the figure is every byte the page fetched
(compressed bodies and headers, as Playwright counts them), so a request the page makes on its own
(Material's sitemap.xml, an index, a chunk) is counted too. A page type is flat in N when its
weight at N is no more than 10 % above its weight at 100.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(REPO / "tools"), str(HERE), str(REPO / "tests" / "e2e")]

import bench_phone  # noqa: E402  (its gzip server)
import generate  # noqa: E402  (the corpus generator shared by all benchmarks)

BIN = Path(sys.executable).parent


def page_types(site: Path) -> dict[str, str]:
    """One page of each type: the first practice, theme and province pages in file order."""

    def first(pattern: str) -> str:
        found = sorted(p for p in site.glob(pattern) if (p / "index.html").exists())
        return found[0].relative_to(site).as_posix() + "/" if found else ""

    practice = next(
        (
            p.parent.relative_to(site).as_posix() + "/"
            for p in sorted(site.glob("*/*/index.html"))
            if p.parts[-3] not in ("tema", "provinsi", "sasaran", "katalog", "kontributor", "berkontribusi")
        ),
        "",
    )
    return {
        "beranda": "",
        "katalog": "katalog/",
        "praktik": practice,
        "tema": first("tema/*"),
        "provinsi": first("provinsi/*"),
        "sasaran": first("sasaran/*"),
        "kontributor": "kontributor/",
        "statistik": "statistik/",
        "panduan kolom": "berkontribusi/panduan-kolom/",
        "404": "404.html",
    }


def first_visits(site: Path, pages: dict[str, str]) -> dict[str, tuple[float, int]]:
    """name -> (KB fetched, requests) for each page opened from an empty cache."""
    from browser import launch_browser
    from playwright.sync_api import sync_playwright

    out = {}
    with bench_phone.gzip_server(site) as base, sync_playwright() as pw:
        browser = launch_browser(pw)
        try:
            for name, url in pages.items():
                context = browser.new_context(viewport={"width": 360, "height": 800})
                page = context.new_page()
                total = {"bytes": 0, "requests": 0}

                def finished(request, total=total) -> None:  # type: ignore[no-untyped-def]
                    sizes = request.sizes()
                    total["bytes"] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
                    total["requests"] += 1

                page.on("requestfinished", finished)
                page.goto(base + url, wait_until="networkidle")
                page.wait_for_timeout(500)
                context.close()
                out[name] = (total["bytes"] / 1024, total["requests"])
        finally:
            browser.close()
    return out


def build(root: Path) -> None:
    done = subprocess.run(
        [str(BIN / "mkdocs"), "build", "-q"], cwd=root, capture_output=True, text=True, encoding="utf-8"
    )
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {root}:\n{done.stderr[-2000:]}")


def rows(small: Path, big: Path, n: int) -> list[tuple[str, str, str]]:
    """Table rows: page type, KB (requests) at 100 and at n, and whether it stays flat."""
    pages = page_types(big)
    a, b = first_visits(small, page_types(small)), first_visits(big, pages)
    out = []
    for name in pages:
        (ka, ra), (kb, rb) = a[name], b[name]
        flat = "flat" if kb <= ka * 1.10 else f"grows ({kb / ka:.2f}x)"
        out.append((f"first visit: {name}", f"{ka:.1f} KB ({ra}) at 100; {kb:.1f} KB ({rb}) at {n}", flat))
    return out


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else int(os.environ.get("N") or 5000)
    with tempfile.TemporaryDirectory(prefix="lumbung-pages-") as tmp:
        small, big = Path(tmp) / "n100", Path(tmp) / f"n{n}"
        t = time.perf_counter()
        generate.generate(small, 100)
        generate.generate(big, n)
        build(small)
        build(big)
        print(f"built 100 and {n} practices in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        table = rows(small / "site", big / "site", n)
    print("| page type | compressed bytes fetched (requests) | in N |")
    print("|---|---|---|")
    for row in table:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
