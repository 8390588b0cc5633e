"""Helpers shared by the test folders: where things are, real site builds, and practice texts.

pytest puts tests/ on sys.path (`pythonpath` in pyproject.toml), so every test imports these as
`from support import REPO` or `from support.build import build`. A helper used by one folder only
stays in that folder (tests/site/htmlq.py, tests/e2e/browser.py).
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
BASIC = FIXTURES / "site-basic"  # the fixture site of the site tests
INVALID = FIXTURES / "site-invalid"  # a fixture site whose practices break the rules

__all__ = ["BASIC", "FIXTURES", "INVALID", "REPO"]
