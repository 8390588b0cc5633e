"""Shared fixtures: an in-process `lumbung` runner, the frozen day, the sample site built once, and
`--update-goldens`. Helpers that are not fixtures live in tests/support/."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from types import SimpleNamespace

import pytest

from support import REPO
from support.build import Built, build

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
    """Every `Loader.load` of the test that names no day loads as of FROZEN_TODAY (its `today`
    argument), so date rules give stable output; `lumbung validate` has no option to pass it."""
    from lumbung.model import Library
    from lumbung.source.loader import Loader

    load = Loader.load

    def load_as_of_frozen_today(
        self: Loader, paths: Iterable[Path] | None = None, today: dt.date | None = None
    ) -> Library:
        return load(self, paths, today or FROZEN_TODAY)

    monkeypatch.setattr(Loader, "load", load_as_of_frozen_today)
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


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The repository's own site (mkdocs.yml and the sample library in practices/) built once with
    `--strict`, as `make build` builds it, into a folder named as the published path. Read-only:
    a test that changes files works on a copy. Each user checks `returncode` and the log itself.
    In a child process: what earlier in-process builds of other libraries left in this process
    (module-level caches) must not reach the site every browser test reads."""
    return build(REPO / "mkdocs.yml", tmp_path_factory.mktemp("sample") / "lumbung-praktik", child=True)
