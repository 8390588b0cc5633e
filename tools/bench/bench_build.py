"""Build CPU benchmark: `mkdocs build` with the plugin against plain Material on the same corpus.

Usage: python tools/bench/bench_build.py [N ...]        (default: 1000 5000)

For each N (a corpus from tools/bench/generate.py), builds from clean (no .lumbung-cache) with the
plugin and plain Material, alternated, `BENCH_ROUNDS` times each (default 1), and prints CPU
(user+sys, children included: the figure that does not swing with the machine's load), wall, and the
load average during each build. `BENCH_PROFILE=1` also writes a cProfile of the main process of
our build beside the corpus (`profile.out`) and prints its top entries. BENCH_KEEP=1 keeps the corpora.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]

import generate  # noqa: E402

import bench  # noqa: E402  (measure, plain_config: the same figures as make bench)


def clean(root: Path) -> None:
    """A cold build: no cache, no earlier output (emptying an old site_dir costs seconds of its own)."""
    for folder in (".lumbung-cache", "site", "site-plain"):
        shutil.rmtree(root / folder, ignore_errors=True)


def one(root: Path, ours: bool) -> dict:
    clean(root)
    before = os.getloadavg()[0]
    if ours:
        result = bench.measure(root, str(bench.BIN / "mkdocs"), "build", "-q")
    else:
        plain = bench.plain_config(root)
        result = bench.measure(root, str(bench.BIN / "mkdocs"), "build", "-q", "-f", str(plain))
    result["load_before"] = before
    return result


def profile(root: Path) -> None:
    """cProfile of the main process of our build (children are not in it: see the CPU rows)."""
    import pstats

    clean(root)
    out = root / "profile.out"
    script = root / "build_main.py"
    script.write_text(
        "import sys\nfrom mkdocs.__main__ import cli\nsys.argv = ['mkdocs', 'build', '-q']\ncli()\n",
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(out), str(script)],
        cwd=root,
        env=bench.ENV,
        check=False,
    )
    stats = pstats.Stats(str(out))
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv[1:]] or [1000, 5000]
    rounds = int(os.environ.get("BENCH_ROUNDS") or 1)
    tmp = Path(tempfile.mkdtemp(prefix="lumbung-bench-build-"))
    try:
        for n in sizes:
            root = tmp / f"n{n}"
            generate.generate(root, n)
            ours, plain = [], []
            for _ in range(rounds):
                ours.append(one(root, True))
                plain.append(one(root, False))
            cpu_o = statistics.median(r["cpu"] for r in ours)
            cpu_p = statistics.median(r["cpu"] for r in plain)
            wall_o = statistics.median(r["wall"] for r in ours)
            wall_p = statistics.median(r["wall"] for r in plain)
            loads = ", ".join(f"{r['load_before']:.1f}/{r['load']:.1f}" for r in ours + plain)
            print(
                f"N={n}: CPU ours {cpu_o:.1f} s, plain Material {cpu_p:.1f} s, ratio {cpu_o / cpu_p:.2f}; "
                f"wall {wall_o:.1f} s / {wall_p:.1f} s, ratio {wall_o / wall_p:.2f}; "
                f"peak {max(r['peak_mb'] for r in ours):.0f} MB; "
                f"load before/after each build (ours..., plain...) {loads}; {time.strftime('%H:%M')}",
                flush=True,
            )
            if os.environ.get("BENCH_PROFILE") == "1":
                profile(root)
    finally:
        if os.environ.get("BENCH_KEEP") == "1":
            print(f"kept: {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
