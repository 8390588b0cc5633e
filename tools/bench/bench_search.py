"""Search benchmark on generated libraries; prints figures, never asserts.

Usage: python tools/bench/bench_search.py [N ...]        (default: 1000 5000)

For each N (a corpus from tools/bench/generate.py): `lumbung index` from empty and after one edited
file, CLI query latency (in-process median and p95 over a query mix, and a whole `lumbung search`
process), and site search in headless Chromium through the real search partial: the index
build, the bytes a reader downloads before the first result and for each further query
(compressed, as a static host serves them) and the query time. BENCH_KEEP=1 keeps the corpora.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(REPO / "tools"), str(HERE), str(REPO / "tests" / "e2e")]

import generate  # noqa: E402  (the corpus generator shared by all benchmarks)

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "tools")}
QUERIES = [
    "penempatan disabilitas",
    "pelatihan",
    "kunjungan perusahaan",
    "kartu kuning",
    "pekerja migran",
    "job fair",
    "bursa kerja desa",
    "profiling",
    "data pasar kerja",
    "korban phk",
    "lowongan",
    "magang",
    "konseling karier",
    "perempuan",
    "siapkerja",
    "pendampingan",
    "wawancara daring",
    "sekolah",
    "disabilitaas",
    "budidaya ikan lele",
]


def cli(root: Path, *args: str) -> tuple[float, str, float]:
    """Wall seconds, output and CPU seconds (all processes) of `lumbung ARGS` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "lumbung.cli", *args],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"lumbung {' '.join(args)} failed:\n{done.stderr}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, done.stdout, cpu


def edit_one(root: Path) -> None:
    path = sorted((root / "practices").rglob("*.md"))[len(QUERIES)]
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("## Hasil\n", "## Hasil\n\nKalimat tambahan untuk uji indeks.\n", 1), encoding="utf-8"
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def query_latency(root: Path) -> tuple[float, float, float]:
    """(median ms, p95 ms) of search() in one process over three rounds, and one whole CLI process."""
    from lumbung.search.index import SearchIndex
    from lumbung.search.query import search

    index = SearchIndex(root)
    times = []
    for _ in range(3):
        for q in QUERIES:
            t = time.perf_counter()
            search(index, q)
            times.append((time.perf_counter() - t) * 1000)
    process = statistics.median(cli(root, "search", q)[0] for q in QUERIES[:5])
    return statistics.median(times), percentile(times, 0.95), process * 1000


def harness(site: Path) -> None:
    """A page holding the real search partial and assets, beside the search index."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(REPO / "overrides")), autoescape=True)
    env.filters["url"] = lambda path: path or "."
    partial = env.get_template("partials/lumbung-search.html").render()
    (site / "index.html").write_text(
        f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>bench</title></head>'
        f"<body>{partial}</body></html>",
        encoding="utf-8",
    )
    (site / "assets").mkdir(exist_ok=True)
    for name in ("search.js", "search.css"):
        shutil.copy(REPO / "overrides" / "assets" / name, site / "assets" / name)
    shutil.copytree(REPO / "overrides" / "assets" / "lib", site / "assets" / "lib", dirs_exist_ok=True)


def compressed(site: Path, rel: str) -> int:
    """Bytes of a site file as a static host sends it (gzip for text, as is when gzip does not help)."""
    path = site / rel.split("?")[0].split("#")[0]
    if path.is_dir():
        path = path / "index.html"
    data = path.read_bytes() if path.is_file() else b""
    return min(len(data), len(gzip.compress(data, 6)))


@contextlib.contextmanager
def static_server(site: Path):
    """`python -m http.server` in a process of its own: the benchmark's Playwright driver would
    otherwise share one interpreter (and its lock) with the server it measures. Yields the base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        server.terminate()
        server.wait()


def site_search(site: Path, page_path: str = "index.html", queries: list[str] = QUERIES) -> dict[str, float]:
    """Bytes and times of the first and the further queries, typed into the search box of `page_path`.

    A query's time runs from pressing Enter to its results (titles, places, snippets) on screen, as
    the search script records it (data-ms on the results region); data-ranked-ms is when the ranked
    result set was known (its count on screen), data-first-ms when the first result was on screen.
    """
    from browser import launch_browser
    from playwright.sync_api import sync_playwright

    with static_server(site) as base, sync_playwright() as pw:
        browser = launch_browser(pw)
        page = browser.new_page()
        page.goto(base + page_path)
        page.wait_for_load_state("networkidle")
        fetched: list[str] = []
        page.on("requestfinished", lambda r: fetched.append(r.url))
        sizes, times, ranked, firsts, first_requests = [], [], [], [], 0
        for q in queries:
            start = len(fetched)
            box = page.locator("#lp-search-input")
            box.fill(q)
            box.press("Enter")
            page.wait_for_function(
                "q => document.querySelector('#lp-search-results').getAttribute('aria-busy') === 'false'"
                " && new URL(location.href).searchParams.get('q') === q",
                arg=q,
                timeout=120_000,
            )
            page.wait_for_load_state("networkidle")
            mine = [u for u in fetched[start:] if u.startswith(base)]
            if not sizes:
                first_requests = len(mine)
            sizes.append(sum(compressed(site, u[len(base) :]) for u in mine))
            results = page.locator("#lp-search-results")
            times.append(float(results.get_attribute("data-ms")))
            ranked.append(float(results.get_attribute("data-ranked-ms") or "nan"))
            firsts.append(float(results.get_attribute("data-first-ms") or "nan"))
        browser.close()
    further = sizes[1:]
    return {
        "first_kb": sizes[0] / 1024,
        "first_ms": times[0],
        "requests": first_requests,
        "further_kb_median": statistics.median(further) / 1024,
        "further_kb_max": max(further) / 1024,
        "ms_median": statistics.median(times[1:]),
        "ms_p95": percentile(times[1:], 0.95),
        "ranked_ms_median": statistics.median(ranked[1:]),
        "first_result_ms_median": statistics.median(firsts[1:]),
    }


def bench(n: int, tmp: Path) -> list[tuple[str, str]]:
    from lumbung.search.static import build_site_search
    from lumbung.source.loader import Loader

    root = tmp / f"n{n}"
    generate.generate(root, n)
    rows = []
    wall, out, cpu = cli(root, "index")
    rows.append(
        ("lumbung index, from empty", f"{wall:.1f} s wall, {cpu:.1f} s CPU on {os.cpu_count()} cores")
    )
    edit_one(root)
    wall, out, _ = cli(root, "index")
    inner = re.search(r"\(([\d,]+) dtk\)", out)
    rows.append(
        (
            "lumbung index, after one edited file",
            f"{wall:.2f} s process, {inner.group(1) if inner else '?'} s update",
        )
    )
    median, p95, process = query_latency(root)
    rows.append(("lumbung search, query (in process)", f"median {median:.0f} ms, p95 {p95:.0f} ms"))
    rows.append(("lumbung search, whole process", f"median {process:.0f} ms"))
    site = tmp / f"site{n}"
    library = Loader(root).load()
    t = time.perf_counter()
    report = build_site_search(library, site)
    rows.append(
        (
            "site search index",
            f"{time.perf_counter() - t:.1f} s, {report.records} records, {report.shards} shards",
        )
    )
    if os.environ.get("BENCH_SKIP_BROWSER") != "1":
        harness(site)
        s = site_search(site)
        rows.append(
            (
                "site search, first query",
                f"{s['first_kb']:.0f} KB compressed before the results show"
                f" ({s['requests']} requests, {s['first_ms']:.0f} ms)",
            )
        )
        rows.append(
            (
                "site search, each further query",
                f"median {s['further_kb_median']:.0f} KB, max {s['further_kb_max']:.0f} KB; "
                f"median {s['ms_median']:.0f} ms, p95 {s['ms_p95']:.0f} ms "
                f"(ranked after {s['ranked_ms_median']:.0f} ms, first result on screen after "
                f"{s['first_result_ms_median']:.0f} ms)",
            )
        )
    return rows


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv[1:]] or [1000, 5000]
    tmp = Path(tempfile.mkdtemp(prefix="lumbung-bench-search-"))
    try:
        for n in sizes:
            rows = bench(n, tmp)
            print(f"\n{n} practices (load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores)")
            width = max(len(label) for label, _ in rows)
            for label, value in rows:
                print(f"  {label.ljust(width)}  {value}")
    finally:
        if os.environ.get("BENCH_KEEP") == "1":
            print(f"\nkept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
