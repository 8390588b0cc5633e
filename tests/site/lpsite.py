"""Helpers of the site tests: the fixture sites and a real in-process `mkdocs build`.

This folder has no __init__.py: pytest puts it on sys.path, so tests import this module as `lpsite`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
FIXTURES = REPO / "tests" / "fixtures"
BASIC = FIXTURES / "site-basic"
INVALID = FIXTURES / "site-invalid"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material 9.8 prints an end-of-life banner otherwise


@dataclass
class Built:
    """A built site: its folder, the log records of the build and the exception that stopped it."""

    site: Path
    records: list[logging.LogRecord] = field(default_factory=list)
    error: BaseException | None = None

    def log(self, level: int = logging.INFO) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]

    def html(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _collecting() -> Iterator[_Collect]:
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    old = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)


def require_plugin() -> None:
    if not entry_points(group="mkdocs.plugins", name="lumbung"):
        pytest.skip("the lumbung MkDocs plugin is not installed (run `make venv` or `pip install -e .`)")


def build(config_file: Path, site_dir: Path, *, strict: bool = True, serve: bool = False) -> Built:
    """Run the real MkDocs build in-process, as `mkdocs build [--strict]` (or one `mkdocs serve` build)."""
    require_plugin()
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    out = Built(site_dir)
    with _collecting() as handler:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)
        config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
        # In a thread of its own: a browser test's Playwright may hold an event loop in this one, and
        # post-build steps that call asyncio.run() must not see it.
        with ThreadPoolExecutor(1) as pool:
            future = pool.submit(mkdocs_build, config, serve_url="http://127.0.0.1:8000/" if serve else None)
            try:
                future.result()
            except BaseException as exc:  # click's Abort is how MkDocs reports a failed build
                out.error = exc
            finally:
                config.plugins.on_shutdown()
    out.records = handler.records
    return out
