"""Does a change alter the built site? Build the sample library at a git revision and in the work tree,
then compare the two sites file by file.

    python tools/scripts/same_site.py            # HEAD against the work tree
    python tools/scripts/same_site.py main~3     # any revision
    make same-site REV=main

Both builds use this Python and the same SOURCE_DATE_EPOCH, so dates in the sitemap and feeds agree,
and both start from an empty cache.
Exit status 0 when every file is byte-identical, 1 with the list of files that differ or exist on one
side only, 2 when a build fails. A refactoring should leave the site identical; a change meant to
alter the output shows exactly which files it touched.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = ".lumbung-cache"  # lumbung.model.CACHE_DIR; this script runs without the package


def build(source: Path, out: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(source / "tools"), SOURCE_DATE_EPOCH="1700000000")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(out)],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(2)


@contextlib.contextmanager
def fresh_cache(root: Path, aside: Path) -> Iterator[None]:
    """Build the work tree from an empty cache, as the fresh checkout is: share cards cached by an
    earlier renderer hold the same pixels in other bytes. The work tree's cache is put back after."""
    cache = root / CACHE_DIR
    moved = cache.exists()
    if moved:
        shutil.move(str(cache), str(aside))
    try:
        yield
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if moved:
            shutil.move(str(aside), str(cache))


def differences(a: Path, b: Path) -> list[str]:
    found: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        found.extend(f"only in {a.name}: {prefix}{n}" for n in cmp.left_only)
        found.extend(f"only in {b.name}: {prefix}{n}" for n in cmp.right_only)
        found.extend(f"differs: {prefix}{n}" for n in cmp.diff_files + cmp.funny_files)
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b, ignore=[]), "")
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", nargs="?", default="HEAD", help="git revision to compare with (default HEAD)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="same-site-") as tmp:
        tmpdir = Path(tmp)
        tree = tmpdir / "tree"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--quiet", str(tree), args.rev], cwd=ROOT, check=True
        )
        try:
            build(tree, tmpdir / "before")
            with fresh_cache(ROOT, tmpdir / "cache"):
                build(ROOT, tmpdir / "after")
            found = differences(tmpdir / "before", tmpdir / "after")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
        for line in found:
            print(line)
        print(f"{len(found)} difference(s) between {args.rev} and the work tree")
        return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
