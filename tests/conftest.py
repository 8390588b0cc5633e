"""Shared test helpers: the repository root, an in-process `lumbung` runner and `--update-goldens`."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "tools") not in sys.path:  # a plain checkout without `pip install -e .`
    sys.path.insert(0, str(REPO / "tools"))

# The day the golden files were written for: dates in fixtures are relative to it.
FROZEN_TODAY = dt.date(2026, 1, 15)


def pytest_configure(config: pytest.Config) -> None:
    # The key that seals caches (lumbung/seal.py) lives in the user's cache folder: tests use one
    # of their own, so they neither read nor write the developer's.
    import tempfile

    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="lumbung-test-cache-")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite expected/ golden files from the current output (review the diff before committing)",
    )


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Make `date.today()` inside the loader return FROZEN_TODAY, so date rules give stable output."""
    from lumbung.source import loader

    class FrozenDate(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return FROZEN_TODAY

    public = {k: v for k, v in vars(dt).items() if not k.startswith("_")}
    monkeypatch.setattr(loader, "dt", SimpleNamespace(**{**public, "date": FrozenDate}))
    return FROZEN_TODAY


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> Callable[..., SimpleNamespace]:
    """Run `lumbung ARGS` in-process in folder `cwd`; returns rc, out and err (LUMBUNG_LANG unset)."""
    from lumbung.cli import main

    monkeypatch.delenv("LUMBUNG_LANG", raising=False)

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> SimpleNamespace:
        capsys.readouterr()
        with monkeypatch.context() as m:
            if cwd is not None:
                m.chdir(cwd)
            for key, value in (env or {}).items():
                m.setenv(key, value)
            rc = main(list(args))
        captured = capsys.readouterr()
        return SimpleNamespace(rc=rc, out=captured.out, err=captured.err)

    return run


@pytest.fixture(scope="session")
def child_env() -> dict[str, str]:
    """Environment for `python -m lumbung.cli` in a child process, also from a plain checkout."""
    env = {k: v for k, v in os.environ.items() if k != "LUMBUNG_LANG"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "tools"), env.get("PYTHONPATH")]))
    return env
