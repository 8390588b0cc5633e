"""Fixtures of the core tests: the yaml-test-suite corpus, each case wrapped as a practice file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import REPO

BODY = (
    "\n## Latar Belakang\n\nA.\n\n## Langkah Pelaksanaan\n\nB.\n\n## Hasil\n\nC.\n\n## Pembelajaran\n\nD.\n"
)


def yaml_suite_dir() -> Path:
    """$LUMBUNG_YAML_SUITE, or ../shared/corpora/yaml-test-suite beside the repository (as in CI)."""
    env = os.environ.get("LUMBUNG_YAML_SUITE")
    return Path(env) if env else REPO.parent / "shared" / "corpora" / "yaml-test-suite"


@dataclass(frozen=True)
class SuiteCase:
    name: str  # the suite's case id, e.g. 2G84-00
    title: str
    invalid: bool  # the suite says the YAML is not valid
    path: Path  # the practice file that wraps it


@pytest.fixture(scope="session")
def yaml_suite(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[SuiteCase]]:
    """A project whose practices/nasional/ holds one file per suite case: `---\\n<in.yaml>---\\n` + body."""
    suite = yaml_suite_dir()
    if not suite.is_dir():
        pytest.skip(
            f"yaml-test-suite corpus not found at {suite} "
            "(CI has it in ../shared/corpora; set LUMBUNG_YAML_SUITE to run this test elsewhere)"
        )
    root = tmp_path_factory.mktemp("yaml-suite")
    (root / "mkdocs.yml").write_text("", encoding="utf-8")
    folder = root / "practices" / "nasional"
    folder.mkdir(parents=True)
    cases = []
    for case in sorted(p for p in suite.iterdir() if (p / "in.yaml").is_file()):
        raw = (case / "in.yaml").read_bytes()
        if not raw.endswith(b"\n"):
            raw += b"\n"
        path = folder / f"yts-{case.name.lower()}.md"
        path.write_bytes(b"---\n" + raw + b"---\n" + BODY.encode("utf-8"))
        title = (
            (case / "name.txt").read_text(encoding="utf-8").strip() if (case / "name.txt").is_file() else ""
        )
        cases.append(SuiteCase(case.name, title, (case / "error").exists(), path))
    if not cases:
        pytest.skip(f"{suite} holds no <case>/in.yaml")
    return root, cases
