"""One benchmark of the whole pipeline on N generated practices; prints one table (never asserts).

Usage: python tools/bench/bench.py [N]        (or N=10000 make bench; default 5000)

Every figure comes from one run on one corpus, so the ratios hold on a noisy machine:
validation against the C-loader parse floor, whoosh indexing (from empty and after one edit),
`mkdocs build` with the plugin against a plain Material build of the same Markdown, the
`mkdocs serve --dirty` rebuild after one edit (as `make serve` runs it), practice page weight at
100 and at N practices, and site search in headless Chromium (bytes before the first result,
query time). Environment: BENCH_KEEP=1 keeps the temporary folder; BENCH_SKIP_BROWSER=1 skips
the Chromium rows.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(REPO / "tools"), str(HERE), str(REPO / "tests" / "e2e")]

import bench_phone  # noqa: E402  (the throttled phone and Lighthouse rows)
import bench_search  # noqa: E402  (the site-search measurement, shared with tools/bench/bench_search.py)
import generate  # noqa: E402  (tools/bench/generate.py: the corpus generator shared by all benchmarks)

BIN = Path(sys.executable).parent
ENV = bench_search.ENV
# The query mix of the tables in BENCHMARKS.md (bench_search.py's own mix adds misspelt and no-result
# queries); kept apart so the figures stay comparable between runs.
QUERIES = [
    "penempatan disabilitas",
    "pelatihan",
    "kunjungan perusahaan",
    "kartu kuning",
    "pekerja migran",
    "job fair",
    "bursa kerja",
    "profiling",
    "data pasar kerja",
    "korban phk",
    "lowongan",
    "magang",
    "konseling karier",
    "desa",
    "perempuan",
    "siapkerja",
    "pendampingan",
    "wawancara",
    "sekolah",
    "industri",
]

MEASURE = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
done = subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                      text=True, encoding="utf-8")
wall = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
err = done.stderr[-2000:]
print(json.dumps({"rc": done.returncode, "wall": wall, "cpu": cpu, "peak_mb": peak, "err": err}))
"""


def measure(cwd: Path, *cmd: str) -> dict:
    """Run `cmd` in a fresh child: wall seconds, CPU seconds (user+sys of the whole process tree, the
    figure that does not swing with the machine's load), peak RSS, and the 1-minute load average."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(cwd), *cmd],
        env=ENV,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{result['err']}")
    result["load"] = os.getloadavg()[0]
    return result


def parse_floor(paths: list[Path]) -> float:
    """Read every file and YAML-parse its header with PyYAML's C loader: the floor any validator pays."""
    import yaml

    fence = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
    t = time.perf_counter()
    for path in paths:
        text = path.read_text(encoding="utf-8-sig")
        m = fence.match(text)
        yaml.load(m.group(1), Loader=yaml.CSafeLoader)
    return time.perf_counter() - t


def validate_seconds(root: Path) -> float:
    from lumbung.source.loader import Loader

    t = time.perf_counter()
    library = Loader(root).load()
    took = time.perf_counter() - t
    errors = [d for d in library.diagnostics if d.severity == "error"]
    if errors:
        raise SystemExit(f"generated corpus has {len(errors)} errors, e.g. {errors[0].message()}")
    return took


def plain_config(root: Path, search: bool = False) -> Path:
    """A plain Material build of the same Markdown: no nav beyond one page, no plugin, no search
    (with `search`, Material's own search plugin, for the phone's search row).

    It keeps the site's markdown_extensions, since rendering the same Markdown needs them.
    """
    import yaml

    ours = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    plain = {
        "site_name": "plain",
        "docs_dir": "practices",
        "site_dir": "site-plain-search" if search else "site-plain",
        "theme": {"name": "material", "language": "id"},
        "plugins": ["search"] if search else [],
        "nav": [{"Praktik": first_page(root)}],
        "validation": {"nav": {"omitted_files": "ignore"}},
        "markdown_extensions": ours.get("markdown_extensions", []),
    }
    path = root / ("mkdocs-plain-search.yml" if search else "mkdocs-plain.yml")
    path.write_text(yaml.safe_dump(plain, allow_unicode=True), encoding="utf-8")
    return path


def first_page(root: Path) -> str:
    return sorted((root / "practices").rglob("*.md"))[0].relative_to(root / "practices").as_posix()


def edit_one(root: Path) -> Path:
    path = sorted((root / "practices").rglob("*.md"))[len(list((root / "practices").rglob("*.md"))) // 2]
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("## Pembelajaran\n", "## Pembelajaran\n\nCatatan tambahan dari peninjau.\n", 1),
        encoding="utf-8",
    )
    return path


def serve_rebuild(root: Path) -> float:
    """Seconds MkDocs reports for the rebuild after editing one practice under `mkdocs serve --dirty`."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    built: list[float] = []
    done = threading.Event()

    def read() -> None:
        for line in proc.stderr:
            m = re.search(r"Documentation built in ([\d.]+) seconds", line)
            if m:
                built.append(float(m.group(1)))
                done.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        deadline = time.time() + 1800
        while not built and time.time() < deadline:
            done.wait(1)
        done.clear()
        time.sleep(1.5)  # let the watcher settle before the edit
        edit_one(root)
        while len(built) < 2 and time.time() < deadline:
            done.wait(1)
        return built[1] if len(built) > 1 else float("nan")
    finally:
        proc.terminate()
        proc.wait(30)


def practice_page_kb(site: Path, relsrc: str) -> float:
    page = site / relsrc[:-3] / "index.html"
    return page.stat().st_size / 1024


def largest_listing(site: Path) -> tuple[str, float]:
    """The heaviest generated page that lists practices or people, and its size in KB."""
    folders = ("katalog", "tema", "sasaran", "provinsi", "kontributor")
    pages = [site / "index.html", *(p for f in folders for p in (site / f).rglob("index.html"))]
    page = max(pages, key=lambda p: p.stat().st_size)
    return page.parent.relative_to(site).as_posix() + "/", page.stat().st_size / 1024


def catalogue_filter_kb(site: Path) -> tuple[float, float]:
    """Compressed KB of katalog/data.json and of the largest first chunk of cards a filter fetches."""
    chunks = (site / "katalog" / "data").glob("*/*/1.json")
    largest = max((bench_search.compressed(site, p.relative_to(site).as_posix()) for p in chunks), default=0)
    return bench_search.compressed(site, "katalog/data.json") / 1024, largest / 1024


def browser_figures(site: Path) -> dict[str, float]:
    """Site search through the real search box of the Katalog page (see bench_search.site_search)."""
    return bench_search.site_search(site, "katalog/", QUERIES)


def phone_rows(site: Path, plain: Path, src: str) -> list[tuple[str, str, str]]:
    """The throttled phone (Fast 3G, CPU 4x, 360x800): a practice page and two searches, ours and
    plain Material's, each from an empty cache."""
    page = src[:-3] + "/"
    rows = []
    with bench_phone.gzip_server(site) as ours, bench_phone.gzip_server(plain) as theirs:
        a, b = bench_phone.phone_page(ours, page), bench_phone.phone_page(theirs, page)
        rows.append(
            (
                "phone: practice page first paint / load",
                f"{a['first_paint']:.2f} s / {a['load']:.2f} s, {a['kb']:.1f} KB by load; plain Material "
                f"{b['first_paint']:.2f} s / {b['load']:.2f} s, {b['kb']:.1f} KB",
                "no slower than plain Material",
            )
        )
        for query, kind in (("pelatihan", "common"), ("banyuwangi", "rare")):
            s, m = (
                bench_phone.phone_search_ours(ours, page, query),
                bench_phone.phone_search_material(theirs, page, query),
            )
            rows.append(
                (
                    f"phone: search '{query}' ({kind}), typing -> first result",
                    f"{s['seconds']:.2f} s, {s['kb']:.1f} KB, {s['requests']} requests; plain Material "
                    f"{m['seconds']:.1f} s, {m['kb']:.0f} KB",
                    "<= 0.6 s, <= 30 KB" if kind == "common" else "",
                )
            )
    return rows


def lighthouse_rows(folder: Path) -> list[tuple[str, str, str]]:
    """Lighthouse mobile performance and CLS on the sample library's site (as the README builds it)."""
    if not bench_phone.lighthouse_ready():
        return [("Lighthouse mobile", "skipped: npm/node or the Lighthouse install is missing", ">= 95")]
    site = folder / "site"
    done = subprocess.run(
        [str(BIN / "mkdocs"), "build", "-q", "-d", str(site)],
        cwd=REPO,
        env=ENV,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if done.returncode != 0:
        raise SystemExit(f"sample site build failed:\n{done.stderr[-2000:]}")
    pages = {"home": "", "Katalog": "katalog/", "practice": sample_practice(site), "Statistik": "statistik/"}
    with bench_phone.gzip_server(site) as base:
        scores = bench_phone.lighthouse(base, list(pages.values()))
    figure = "; ".join(
        f"{name} {scores[path]['score']:.0f} (CLS {scores[path]['cls']:.2f})" for name, path in pages.items()
    )
    return [("Lighthouse mobile performance, sample site", figure, ">= 95, CLS <= 0.05")]


def sample_practice(site: Path) -> str:
    """The URL path of the sample library's first published practice page."""
    data = json.loads((site / "practices.json").read_text(encoding="utf-8"))
    records = data["practices"] if isinstance(data, dict) else data
    url = records[0]["url"]
    return url.split("/lumbung-praktik/", 1)[-1] if "/lumbung-praktik/" in url else url.lstrip("/")


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else int(os.environ.get("N") or 5000)
    tmp = Path(tempfile.mkdtemp(prefix="lumbung-bench-"))
    rows: list[tuple[str, str, str]] = []
    try:
        big, small = tmp / f"n{n}", tmp / "n100"
        t = time.perf_counter()
        generate.generate(big, n)
        generate.generate(small, 100)
        print(f"corpus: {n} practices generated in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        paths = sorted((big / "practices").rglob("*.md"))

        floor = min(parse_floor(paths) for _ in range(2))
        core = min(validate_seconds(big) for _ in range(2))
        runs = [measure(big, str(BIN / "lumbung"), "validate") for _ in range(2)]
        if any(r["rc"] != 0 for r in runs):
            raise SystemExit(f"lumbung validate failed on the generated corpus:\n{runs[0]['err']}")
        val = min(r["wall"] for r in runs)
        rows.append(
            (
                "`lumbung validate`, all files",
                f"{val:.2f} s, peak {max(r['peak_mb'] for r in runs):.0f} MB (whole command; checks in "
                f"process {core:.2f} s); floor {floor:.2f} s; ratio {val / floor:.2f}",
                "ratio <= 1.5",
            )
        )

        idx = measure(big, str(BIN / "lumbung"), "index")
        rows.append(
            (
                "`lumbung index`, from empty",
                f"{idx['wall']:.1f} s, peak {idx['peak_mb']:.0f} MB",
                "< 30 s, < 1 GB",
            )
        )
        edit_one(big)
        inc = measure(big, str(BIN / "lumbung"), "index")
        rows.append(("`lumbung index` after editing one file", f"{inc['wall']:.2f} s", "< 1 s"))

        shutil.rmtree(big / ".lumbung-cache", ignore_errors=True)
        build = measure(big, str(BIN / "mkdocs"), "build", "-q")
        plain = measure(big, str(BIN / "mkdocs"), "build", "-q", "-f", str(plain_config(big)))
        rows.append(
            (
                "`mkdocs build` with the plugin, from clean (wall)",
                f"{build['wall']:.1f} s; plain Material {plain['wall']:.1f} s; "
                f"ratio {build['wall'] / plain['wall']:.2f} (load {build['load']:.1f} / {plain['load']:.1f})",
                "ratio <= 2.0",
            )
        )
        rows.append(
            (
                "`mkdocs build` CPU (user+sys, children included)",
                f"{build['cpu']:.1f} s; plain Material {plain['cpu']:.1f} s; "
                f"ratio {build['cpu'] / plain['cpu']:.2f}",
                "ratio <= 1.5",
            )
        )
        rebuild = serve_rebuild(big)
        rows.append(
            (
                "`mkdocs serve --dirty` rebuild after editing one practice",
                f"{rebuild:.2f} s; ratio {rebuild / build['wall']:.2f}",
                "<= 0.25",
            )
        )

        measure(small, str(BIN / "mkdocs"), "build", "-q")
        src = first_page(small)
        kb_small, kb_big = practice_page_kb(small / "site", src), practice_page_kb(big / "site", src)
        rows.append(
            (
                "practice page HTML",
                f"{kb_small:.1f} KB at 100; {kb_big:.1f} KB at {n}",
                "< 40 KB, not growing with N",
            )
        )
        where, kb = largest_listing(big / "site")
        rows.append(
            (
                "largest listing page HTML (katalog, tema, kontributor, ...)",
                f"{kb:.1f} KB ({where})",
                "< 150 KB, not growing with N",
            )
        )

        index_kb, chunk_kb = catalogue_filter_kb(big / "site")
        rows.append(
            (
                "catalogue filter, bytes for a filtered page (index + largest first chunk)",
                f"{index_kb + chunk_kb:.0f} KB compressed ({index_kb:.0f} + {chunk_kb:.1f})",
                "(new row) small, not growing with N beyond the index",
            )
        )

        if os.environ.get("BENCH_SKIP_BROWSER") != "1":
            s = browser_figures(big / "site")
            rows.append(
                (
                    "site search, bytes before the first result",
                    f"{s['first_kb']:.0f} KB compressed ({s['requests']} requests); further queries median "
                    f"{s['further_kb_median']:.0f} KB",
                    "<= 300 KB",
                )
            )
            rows.append(
                (
                    "site search, one query in headless Chromium",
                    f"{s['ms_median']:.0f} ms to results on screen (median of {len(QUERIES) - 1}; "
                    f"p95 {s['ms_p95']:.0f} ms; "
                    f"ranked after {s['ranked_ms_median']:.0f} ms, first result after "
                    f"{s['first_result_ms_median']:.0f} ms; "
                    f"first query {s['first_ms']:.0f} ms)",
                    "< 100 ms",
                )
            )
        if os.environ.get("BENCH_SKIP_BROWSER") != "1" and os.environ.get("BENCH_SKIP_PHONE") != "1":
            measure(big, str(BIN / "mkdocs"), "build", "-q", "-f", str(plain_config(big, search=True)))
            rows += optional("phone rows", lambda: phone_rows(big / "site", big / "site-plain-search", src))
        if os.environ.get("BENCH_SKIP_BROWSER") != "1" and os.environ.get("BENCH_SKIP_LIGHTHOUSE") != "1":
            rows += optional("Lighthouse rows", lambda: lighthouse_rows(tmp / "sample"))
        rows.append(("peak memory of the build", f"{build['peak_mb']:.0f} MB", "< 1.5 GB"))
    finally:
        # The rows measured so far are printed even when a later step fails: a run of many minutes
        # is never lost to its last row.
        print_table(n, rows)
        if os.environ.get("BENCH_KEEP") == "1":
            print(f"kept: {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


def optional(what: str, rows_of) -> list[tuple[str, str, str]]:
    """Rows of a browser step, or one row that says why the step failed (a timeout under load, say)."""
    try:
        return rows_of()
    except Exception as exc:  # noqa: BLE001  (a benchmark reports, it does not stop)
        first = (str(exc).strip().splitlines() or [""])[0][:160]
        return [(what, f"not measured: {type(exc).__name__}: {first}", "")]


def print_table(n: int, rows: list[tuple[str, str, str]]) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nN = {n} practices; {platform.python_implementation()} {platform.python_version()}; "
        f"{os.cpu_count()} cores; load average at the end {load}; {time.strftime('%Y-%m-%d %H:%M')}\n"
    )
    print("| step | figure | target at 5,000 |\n|---|---|---|")
    for step, figure, target in rows:
        print(f"| {step} | {figure} | {target} |", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
