"""One build at a time per project: a second `mkdocs build` waits until the first is done.

MkDocs empties site/ at the start of a build, so a second build started meanwhile deletes the files
the first one is writing (a FileNotFoundError deep inside MkDocs); builds into different folders
still share .lumbung-cache/ (cards, similarity vectors, pages under serve). An advisory lock on a
file in the cache folder, held from the start of a build to its end, makes them take turns. Under
`mkdocs serve` it is held only while a rebuild runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; concurrent builds there are not guarded
    fcntl = None  # type: ignore[assignment]


class BuildLock:
    """An exclusive lock on building the project whose caches are in `cache_dir`."""

    def __init__(self, cache_dir: Path):
        self.path = Path(cache_dir) / "build.lock"
        self._fh: IO[str] | None = None

    def acquire(self, on_wait: Callable[[], None] | None = None) -> None:
        """Take the lock; if another build holds it, call `on_wait` and wait until it is released."""
        if fcntl is None or self._fh is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 (held open until release)
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fh, fcntl.LOCK_EX)
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            try:
                fcntl.flock(self._fh, fcntl.LOCK_UN)
            finally:
                self._fh.close()
                self._fh = None
