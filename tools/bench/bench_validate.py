"""Benchmark of `lumbung validate` against the floor of reading and YAML-parsing the same files.

Usage: python tools/bench/bench_validate.py [N]        (or N=... in the environment; default 10000)

Generates N synthetic but realistic practices (full front matter, about 600 words of body, every
vocabulary and region in use, valid by construction) in a temporary folder, then prints in one run:
- the floor: read every file, split the header with a simple regex, yaml.load with CSafeLoader;
- `lumbung validate` in-process (Loader(root).load()), and as the CLI in a child process;
- their ratio to the floor (target: at most 1.5 at N = 10,000);
- the peak memory (max RSS) of the child process tree running the CLI (target: under 500 MB).
The same seed always gives the same library.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from itertools import accumulate
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO / "tools") not in sys.path:
    sys.path.insert(0, str(REPO / "tools"))

import yaml  # noqa: E402

from lumbung.loader import Loader  # noqa: E402
from lumbung.vocabulary import NATIONAL, regions, vocabulary  # noqa: E402

SEED = 20260115
TARGET_RATIO = 1.5
TARGET_MB = 500
BODY_WORDS = 600
LAST_DAY = dt.date(2025, 12, 31)

# Used when the sample library is not there to lend its words.
FALLBACK_WORDS = """pengantar kerja dinas tenaga pencari lowongan perusahaan pelatihan penempatan desa kota
kabupaten data layanan pendampingan kunjungan bursa magang lulusan sekolah kejuruan program kegiatan hasil
peserta petugas kantor jadwal daftar formulir laporan bulan tahun mitra asosiasi pengusaha kelompok warga
pemuda""".split()  # noqa: SIM905 (a word list reads better as text)
# Names shared with the site benchmark's generator (tools/bench/generate.py).
from generate import FIRST, LAST  # noqa: E402


def word_pool() -> tuple[list[str], list[int]]:
    """Real Indonesian words and how often they occur, borrowed from the sample library's bodies."""
    counts: Counter[str] = Counter()
    for path in sorted((REPO / "practices").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        counts.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", body))
    if len(counts) < 200:
        counts = Counter(dict.fromkeys(FALLBACK_WORDS, 1))
    words = sorted(counts, key=lambda w: (-counts[w], w))
    return words, list(accumulate(counts[w] for w in words))


def q(text: str) -> str:
    """A double-quoted YAML scalar."""
    return json.dumps(text, ensure_ascii=False)


def month(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


class Generator:
    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.words, self.cum_weights = word_pool()
        self.topic: list[str] = self.words
        self.provinces = regions().provinces
        self.themes = list(vocabulary("themes").values)
        self.vocab = {
            name: list(vocabulary(name).values)
            for name in (
                "target-groups",
                "levels",
                "partner-types",
                "delivery-modes",
                "evidence-levels",
                "efforts",
            )
        }
        self.published: list[str] = []

    def pick(self, n: int) -> list[str]:
        """n words as in real text: common words often, and a quarter from this practice's own topic."""
        common = self.rng.choices(self.words, cum_weights=self.cum_weights, k=n)
        return [self.rng.choice(self.topic) if self.rng.random() < 0.25 else w for w in common]

    def sentence(self, n: int | None = None) -> str:
        return " ".join(self.pick(n or self.rng.randint(8, 18))).capitalize() + "."

    def phrase(self, low: int, high: int) -> str:
        return " ".join(self.pick(self.rng.randint(low, high)))

    def body(self, english: bool) -> str:
        titles = (
            ["Background", "Implementation Steps", "Results", "Lessons Learned", "How to Replicate"]
            if english
            else ["Latar Belakang", "Langkah Pelaksanaan", "Hasil", "Pembelajaran", "Cara Mereplikasi"]
        )
        budget = BODY_WORDS
        parts = []
        for k, title in enumerate(titles):
            share = budget // (len(titles) - k)
            budget -= share
            parts.append(f"## {title}\n")
            written = 0
            if k == 1:  # numbered steps and a level-3 subsection
                parts.append("### Persiapan\n")
                step = 1
                while written < share:
                    s = self.sentence()
                    parts.append(f"{step}. {s}")
                    written += len(s.split())
                    step += 1
                parts.append("")
                continue
            paragraph: list[str] = []
            while written < share:
                s = self.sentence()
                paragraph.append(s)
                written += len(s.split())
                if len(paragraph) == 4:
                    parts.append(" ".join(paragraph) + "\n")
                    paragraph = []
            if paragraph:
                parts.append(" ".join(paragraph) + "\n")
        return "\n".join(parts)

    def practice(self, i: int) -> tuple[str, str]:
        """(relative path, text) of practice number i."""
        rng = self.rng
        self.topic = rng.sample(self.words, 40)
        national = rng.random() < 0.03
        prov = None if national else rng.choice(self.provinces)
        regency = None if prov is None or rng.random() < 0.2 else rng.choice(sorted(prov.regencies))
        place = regency or (prov.name if prov else "Indonesia")
        english = rng.random() < 0.05
        date = LAST_DAY - dt.timedelta(days=rng.randrange(2000))
        start = date - dt.timedelta(days=rng.randint(60, 900))
        pid = "-".join(self.phrase(2, 4).split())[:60] + f"-{i:05d}"
        lines = [
            "---",
            f"title: {q(self.phrase(3, 8).capitalize() + ' di ' + place)}",
            f"summary: {q(self.sentence(12) + ' ' + self.sentence(14))}",
            f"date: {date.isoformat()}",
            "status: published",
            f"themes: [{', '.join(rng.sample(self.themes, rng.randint(1, 3)))}]",
            "region:",
            f"  province: {q(prov.name if prov else NATIONAL)}",
        ]
        if regency:
            lines.append(f"  regency: {q(regency)}")
        lines.append(f"office: {q('Dinas Tenaga Kerja ' + place if prov else 'Kementerian Ketenagakerjaan')}")
        lines.append("authors:")
        for _ in range(rng.randint(1, 3)):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            lines += [f"  - name: {name}", f"    level: {rng.choice(self.vocab['levels'])}"]
            if rng.random() < 0.5:
                lines.append(f"    email: {name.split()[0].lower()}.{i}@example.go.id")
        end = "berjalan" if rng.random() < 0.3 else month(start + (date - start) * rng.random())
        lines += ["period:", f"  start: {month(start)}", f"  end: {end}"]
        groups = rng.sample(self.vocab["target-groups"], rng.randint(1, 3))
        lines.append(f"target_groups: [{', '.join(groups)}]")
        lines.append(f"delivery_mode: {rng.choice(self.vocab['delivery-modes'])}")
        lines.append("partners:")
        for k in range(rng.randint(1, 3)):
            lines += [f"  - name: {q(self.phrase(2, 4).title() + f' {k + 1}')}",
                      f"    type: {rng.choice(self.vocab['partner-types'])}"]  # fmt: skip
        lines.append("outcomes:")
        for _ in range(rng.randint(1, 3)):
            value = rng.randint(5, 3000)
            lines += [f"  - indicator: {q(self.phrase(2, 5).capitalize())}", f"    value: {value}",
                      "    unit: orang", f"    baseline: {rng.randint(0, value)}",
                      f"    year: {rng.randint(start.year, date.year)}"]  # fmt: skip
        lines.append(f"evidence_level: {rng.choice(self.vocab['evidence-levels'])}")
        prerequisites = ", ".join(
            q(self.phrase(2, 5).capitalize() + f" {k}") for k in range(rng.randint(1, 3))
        )
        lines += [
            "replication:",
            f"  effort: {rng.choice(self.vocab['efforts'])}",
            f"  prerequisites: [{prerequisites}]",
        ]
        if self.published and rng.random() < 0.1:
            lines.append(f"replicated_from: {rng.choice(self.published)}")
        if self.published:
            related = sorted(set(rng.sample(self.published, min(len(self.published), rng.randint(0, 3)))))
            if related:
                lines.append(f"related: [{', '.join(related)}]")
        lines.append(
            f"keywords: [{', '.join(q(f'{w} {k}') for k, w in enumerate(rng.sample(self.words, 3)))}]"
        )
        lines.append(f"tags: [contoh, {q(self.phrase(1, 2) + ' sintetis')}]")
        if rng.random() < 0.2:
            lines += ["cover_image: foto/kegiatan.jpg", f"cover_alt: {q(self.phrase(4, 8).capitalize())}"]
        if rng.random() < 0.02:
            lines.append(f"redirect_from: [{pid}-lama]")
        lines.append(
            f"last_reviewed: {min(date + dt.timedelta(days=rng.randint(0, 200)), LAST_DAY).isoformat()}"
        )
        lines.append(f"language: {'en' if english else 'id'}")
        lines.append("---")
        self.published.append(pid)
        folder = prov.slug if prov else regions().national_slug
        return f"practices/{folder}/{pid}.md", "\n".join(lines) + "\n\n" + self.body(english)


# A tiny but well-formed JPEG for cover_image: the safety checks look for the file and sniff its type.
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + bytes(64) + bytes.fromhex("ffd9")


def generate(root: Path, n: int, seed: int = SEED) -> list[Path]:
    (root / "mkdocs.yml").write_text("site_name: bench\ndocs_dir: practices\n", encoding="utf-8")
    gen = Generator(seed)
    paths = []
    for i in range(n):
        rel, text = gen.practice(i)
        path = root / rel
        if not path.parent.is_dir():
            (path.parent / "foto").mkdir(parents=True)
            (path.parent / "foto" / "kegiatan.jpg").write_bytes(JPEG)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


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
    "from pathlib import Path; from lumbung.loader import Loader; lib = Loader(Path('.')).load();"
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
    print(f"Lumbung Praktik: validation benchmark, N = {n:,} practices (~{BODY_WORDS} words), {cores} cores")
    with tempfile.TemporaryDirectory(prefix="lumbung-bench-") as tmp:
        root = Path(tmp)
        paths, gen_s, _ = timed(generate, root, n)
        size_mb = sum(p.stat().st_size for p in paths) / 1e6
        print(f"  generated {len(paths):,} files ({size_mb:.0f} MB) in {gen_s:.1f} s")
        parsed, floor_s, floor_cpu = timed(floor, paths)
        assert parsed == n, f"floor parsed {parsed} of {n} headers"
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
        ratio = load_s / floor_s
        ok = ratio <= TARGET_RATIO and load_mb < TARGET_MB and not errors
        print(
            f"  target (validator core): ratio <= {TARGET_RATIO} (is {ratio:.2f}), peak < {TARGET_MB} MB"
            f" (is {load_mb:.0f}), no errors (found {len(errors)}): {'met' if ok else 'NOT met'}"
        )
        if rc != "0" or cli_mb >= TARGET_MB or cli_s / floor_s > TARGET_RATIO:
            print("  the full CLI misses the target: see its time and peak above")
        for d in errors[:5]:
            print(f"    {d.path}:{d.line}: {d.code} {d.message('en')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
