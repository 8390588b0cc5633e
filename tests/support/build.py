"""Real MkDocs builds for tests: `build()` runs `mkdocs build [--strict]`, or the first build of
`mkdocs serve`, and returns what a reader of the console would see, as data.

One mechanism: MkDocs' own `build()` after `load_config()`, in a thread of its own, so a browser
test's Playwright event loop in the main thread never meets a plugin that calls `asyncio.run()`.
`child=True` runs the very same code in a child process (`python -m support.build`): for a build
that might hang on a hostile tree (killed at the timeout), for CPU measured per build, and so that
nothing the build does stays in the test's process.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from support import REPO

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material 9.8 prints an end-of-life banner otherwise

OK, CRASHED, REFUSED = 0, 1, 3  # return codes, as a child `mkdocs build` would give them
SERVE_URL = "http://127.0.0.1:8000/"
TIMEOUT = 600  # seconds a child build may take


@dataclass
class Built:
    """A built site: its folder, the log records of the build and the exception that stopped it."""

    site: Path
    records: list[logging.LogRecord] = field(default_factory=list)
    error: BaseException | None = None
    error_text: str = ""  # the traceback of a crash, or the message of a refused build

    @property
    def returncode(self) -> int:
        """0 built, REFUSED when MkDocs aborted (our diagnostics, strict warnings), CRASHED otherwise."""
        if self.error is None:
            return OK
        return REFUSED if _is_refusal(self.error) else CRASHED

    def messages(self, level: int = logging.INFO) -> list[str]:
        """The messages logged at `level` or above."""
        return [r.getMessage() for r in self.records if r.levelno >= level]

    @property
    def log(self) -> str:
        """The console output of `mkdocs build`: INFO and above as `LEVEL   -  message`, then how it ended."""
        lines = [f"{r.levelname:<8}-  {r.getMessage()}" for r in self.records if r.levelno >= logging.INFO]
        return "\n".join([*lines, self.error_text]).strip() + "\n"

    @property
    def report(self) -> dict[str, Any] | None:
        """laporan-build.json of a build that succeeded, else None."""
        path = self.site / "laporan-build.json"
        return json.loads(path.read_text(encoding="utf-8")) if self.error is None and path.is_file() else None

    def html(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def require_plugin() -> None:
    """Skip when the `lumbung` MkDocs plugin is not installed (a checkout without `pip install -e .`)."""
    import pytest

    if not entry_points(group="mkdocs.plugins", name="lumbung"):
        pytest.skip("the lumbung MkDocs plugin is not installed (run `make venv` or `pip install -e .`)")


def build(
    config_file: Path,
    site_dir: Path | None = None,
    *,
    strict: bool | None = None,
    serve: bool = False,
    bypass_content_checks: bool = False,
    child: bool = False,
) -> Built:
    """Build the project of `config_file` into `site_dir` (default: `site/` beside the config).

    strict: as `mkdocs build --strict` (the default for a build; `mkdocs serve` is never strict).
    serve: as the first build of `mkdocs serve` (errors are tolerated and reported, not fatal).
    bypass_content_checks: the validator's content checks switched off, as if they had a bug.
    child: in a child process (see the module's docstring)."""
    require_plugin()
    site_dir = site_dir or config_file.parent / "site"
    strict = not serve if strict is None else strict
    if child:
        return _in_child(config_file, site_dir, strict, serve, bypass_content_checks)
    return _in_thread(config_file, site_dir, strict, serve, bypass_content_checks)


def write_config(root: Path, options: dict[str, str] | None = None) -> Path:
    """The repository's mkdocs.yml in `root`, pointed at the repository's theme overrides, with more
    `lumbung` plugin options if given (e.g. {"drafts_on_serve": "false"}). Returns its path."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    overrides = (REPO / "overrides").as_posix()
    text = re.sub(r"(?m)^(\s*custom_dir:\s*)overrides\s*$", lambda m: m.group(1) + overrides, text)
    extra = "".join(f"      {key}: {value}\n" for key, value in (options or {}).items())
    text = text.replace("\n  - lumbung:\n", "\n  - lumbung:\n" + extra, 1)
    path = root / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def build_material_alone(root: Path) -> None:
    """Control builds: the project in `root` built by Material alone, with the repository's settings
    but neither our plugin nor our theme overrides (they need the plugin), by the `mkdocs` command
    into root/site. Fails the test when MkDocs does."""
    config = write_config(root).read_text(encoding="utf-8")
    plain = re.sub(r"(?m)^\s*custom_dir:.*\n", "", config.split("\nplugins:", 1)[0]) + "\nplugins: []\n"
    (root / "mkdocs.yml").write_text(plain, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site")],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _is_refusal(error: BaseException) -> bool:
    from mkdocs.exceptions import Abort, BuildError

    return isinstance(error, Abort | BuildError)


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


@contextmanager
def _content_checks(on: bool) -> Iterator[None]:
    if on:
        yield
        return
    from lumbung.source import loader

    kept = loader.check_content
    loader.check_content = lambda *args, **kwargs: []
    try:
        yield
    finally:
        loader.check_content = kept


def _in_thread(config_file: Path, site_dir: Path, strict: bool, serve: bool, bypass: bool) -> Built:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    out = Built(site_dir)
    with _collecting() as handler, _content_checks(not bypass):
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)
        config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
        # In a thread of its own: a browser test's Playwright may hold an event loop in this one, and
        # post-build steps that call asyncio.run() must not see it.
        with ThreadPoolExecutor(1) as pool:
            future = pool.submit(mkdocs_build, config, serve_url=SERVE_URL if serve else None)
            try:
                future.result()
            except BaseException as exc:  # click's Abort is how MkDocs reports a failed build
                out.error = exc
                out.error_text = str(exc) if _is_refusal(exc) else "".join(traceback.format_exception(exc))
            finally:
                config.plugins.on_shutdown()
    out.records = handler.records
    return out


def _in_child(config_file: Path, site_dir: Path, strict: bool, serve: bool, bypass: bool) -> Built:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNDEFAULTENCODING": "1"}
    paths = [str(REPO / "tools"), str(REPO / "tests"), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "built.json"
        args = [str(config_file), str(site_dir), str(result), json.dumps([strict, serve, bypass])]
        done = subprocess.run(
            [sys.executable, "-m", "support.build", *args],
            cwd=config_file.parent,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT,
        )
        if not result.is_file():  # the child died before it could tell
            return Built(
                site_dir, error=ChildProcessError(done.returncode), error_text=done.stdout + done.stderr
            )
        data = json.loads(result.read_text(encoding="utf-8"))
    records = [logging.makeLogRecord({**r, "args": None}) for r in data["records"]]
    error: BaseException | None = None
    if data["error"] == "refused":
        from mkdocs.exceptions import Abort

        error = Abort(data["error_text"])
    elif data["error"] == "crashed":
        error = ChildProcessError(data["error_text"])
    return Built(site_dir, records, error, data["error_text"])


def _main(argv: list[str]) -> None:
    """The child's side of `build(child=True)`: build, then write the outcome as JSON."""
    config_file, site_dir, result = (Path(a) for a in argv[:3])
    strict, serve, bypass = json.loads(argv[3])
    built = _in_thread(config_file, site_dir, strict, serve, bypass)
    records = [
        {"name": r.name, "levelno": r.levelno, "levelname": r.levelname, "msg": r.getMessage()}
        for r in built.records
    ]
    error = None if built.error is None else "refused" if _is_refusal(built.error) else "crashed"
    data = {"records": records, "error": error, "error_text": built.error_text}
    result.write_text(json.dumps(data), encoding="utf-8")


if __name__ == "__main__":
    _main(sys.argv[1:])
