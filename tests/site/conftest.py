"""Fixtures of the site tests: the fixture site built once, and its library."""

from __future__ import annotations

import logging

import pytest

from support import BASIC
from support.build import Built, build


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """tests/fixtures/site-basic built once with `--strict`."""
    built = build(BASIC / "mkdocs.yml", tmp_path_factory.mktemp("site-basic") / "site")
    assert built.error is None, "\n".join(built.messages(logging.WARNING)) or repr(built.error)
    return built


@pytest.fixture(scope="session")
def basic_library():
    from lumbung.source.loader import Loader

    return Loader(BASIC).load()
