"""Benchmark of `lumbung validate` against the floor of reading and YAML-parsing the same files.

Usage: python tools/bench/bench_validate.py [N]        (or N=... in the environment; default 10000)

Generates N synthetic practices with the `full` profile of tools/bench/generate.py (author e-mails,
cover images, some English practices, about 650 words of body, valid by construction) in a
temporary folder, then prints in one run:
- the floor: read every file the validator reads (practices and replication reports), split the
  header with a simple regex, yaml.load with CSafeLoader, in one process;
- `lumbung validate` in-process (Loader(root).load()), and as the CLI in a child process;
- their ratio to the floor (target: at most 1.5 at N = 10,000);
- the peak memory (max RSS) of the child process tree running the CLI (target: under 500 MB).
The same seed always gives the same library.
"""

from __future__ import annotations

import gc
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO / "tools") not in sys.path:
    sys.path.insert(0, str(REPO / "tools"))

import generate  # noqa: E402  (tools/bench/generate.py: the corpus generator shared by all benchmarks)
import yaml  # noqa: E402

from lumbung.source.loader import Loader  # noqa: E402

SEED = 20260115
TARGET_RATIO = 1.5
TARGET_MB = 500
PROFILE = "full"

HEADER_RE = re.compile(r"^---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


def floor(paths: list[Path]) -> int:
    """Read every file, split the header, load it with CSafeLoader: the least any validator must do."""
    loader = yaml.CSafeLoader
    parsed = 0
    for path in paths:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
        match = HEADER_RE.match(text)
        if match and isinstance(yaml.load(match.group(1), Loader=loader), dict):
            parsed += 1
    return parsed


# Runs a command and reports its exit code, wall time and the max RSS over its whole process tree
# (Linux ru_maxrss, in KB); a command still running after the timeout is killed and reported so.
CHILD = """
import resource, subprocess, sys, time
started = time.perf_counter()
try:
    done = subprocess.run(
        sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=float(sys.argv[1])
    )
    rc, out = done.returncode, done.stdout.decode("utf-8", "replace").strip()
except subprocess.TimeoutExpired:
    rc, out = "timeout", ""
elapsed = time.perf_counter() - started
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stdout.write(f"{rc} {elapsed} {peak_kb}\\n" + (out.splitlines()[-1] if out else ""))
"""
LOAD_ONLY = (
    "from pathlib import Path; from lumbung.source.loader import Loader; lib = Loader(Path('.')).load();"
    "print(len(lib.practices), 'files,', sum(d.severity == 'error' for d in lib.diagnostics), 'errors')"
)


def run_child(root: Path, args: list[str], timeout: float) -> tuple[str, float, float, str]:
    """(exit code or 'timeout', seconds, peak MB of the process tree, last output line)."""
    tools = os.pathsep.join(filter(None, [str(REPO / "tools"), os.environ.get("PYTHONPATH")]))
    cmd = [sys.executable, "-c", CHILD, str(timeout), sys.executable, *args]
    out = subprocess.run(
        cmd,
        cwd=root,
        env=dict(os.environ, PYTHONPATH=tools),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout
    first, _, last = out.partition("\n")
    rc, seconds, peak_kb = first.split()
    return rc, float(seconds), int(peak_kb) / 1024, last.strip()


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the loader's worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(fn, *args):
    """(result, wall seconds, CPU seconds): on a busy machine the CPU time is the steadier figure."""
    gc.collect()
    started, cpu = time.perf_counter(), cpu_seconds()
    result = fn(*args)
    return result, time.perf_counter() - started, cpu_seconds() - cpu


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else int(os.environ.get("N") or 10000)
    cli_timeout = float(os.environ.get("BENCH_CLI_TIMEOUT") or 900)
    cores = os.cpu_count() or 1
    print(f"Lumbung Praktik: validation benchmark, N = {n:,} practices ({PROFILE} profile), {cores} cores")
    print("  load average at the start: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory(prefix="lumbung-bench-") as tmp:
        root = Path(tmp)
        paths, gen_s, _ = timed(generate.generate, root, n, SEED, PROFILE)
        size_mb = sum(p.stat().st_size for p in paths) / 1e6
        print(f"  generated {len(paths):,} files ({size_mb:.0f} MB) in {gen_s:.1f} s")
        # The floor reads what the validator reads: the practices and the replication reports.
        every = sorted((root / "practices").rglob("*.md"))
        parsed, floor_s, floor_cpu = timed(floor, every)
        assert parsed == len(every), f"floor parsed {parsed} of {len(every)} headers"
        library, load_s, load_cpu = timed(Loader(root).load)
        errors = [d for d in library.diagnostics if d.severity == "error"]
        _, child_s, load_mb, load_line = run_child(root, ["-c", LOAD_ONLY], cli_timeout)
        rc, cli_s, cli_mb, summary = run_child(root, ["-m", "lumbung.cli", "validate"], cli_timeout)

        def row(label: str, seconds: float, ratio: bool = True, note: str = "") -> None:
            shown = f"{seconds:8.2f} s" + (f"   ratio {seconds / floor_s:5.2f}" if ratio else "")
            print(f"  {label:<60}{shown}{note}")

        row("floor: read + split + yaml.load (CSafeLoader), 1 process", floor_s, ratio=False)
        row("validate, in-process: Loader(root).load()", load_s)
        print(
            f"  CPU time (all processes): floor {floor_cpu:.2f} s, validate {load_cpu:.2f} s,"
            f" ratio {load_cpu / floor_cpu:.2f}; {cores} cores let the loader's wall time go below"
            " its CPU time"
        )
        row("validate, child process: start + Loader(root).load()", child_s, note=f"   peak {load_mb:.0f} MB")
        late = f" (stopped after {cli_timeout:.0f} s)" if rc == "timeout" else ""
        row("lumbung validate CLI, child process (all checks)", cli_s, note=f"   peak {cli_mb:.0f} MB{late}")
        print(f"  loader child: {load_line}; CLI: {summary or '-'} (exit {rc})")
        print("  load average at the end: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
        ratio = load_s / floor_s
        ok = ratio <= TARGET_RATIO and load_mb < TARGET_MB and not errors
        print(
            f"  target (validator core): ratio <= {TARGET_RATIO} (is {ratio:.2f}), peak < {TARGET_MB} MB"
            f" (is {load_mb:.0f}), no errors (found {len(errors)}): {'met' if ok else 'NOT met'}"
        )
        print(f"  whole command (CLI) / floor: {cli_s / floor_s:.2f} (target <= {TARGET_RATIO})")
        if rc != "0" or cli_mb >= TARGET_MB or cli_s / floor_s > TARGET_RATIO:
            print("  the full CLI misses the target: see its time and peak above")
        for d in errors[:5]:
            print(f"    {d.path}:{d.line}: {d.code} {d.message('en')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
