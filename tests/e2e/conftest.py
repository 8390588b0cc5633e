"""Fixtures for the browser (end-to-end) tests: see browser.py for the environment variables."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from browser import axe_source, find_chromium, launch_browser, require_or_skip, serve_directory


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium (Playwright Browser) shared by the whole test run."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_or_skip("playwright is not installed (run `make venv`)")
    path = find_chromium()
    if path is None:
        where = os.environ.get("LUMBUNG_CHROMIUM")
        detail = f"LUMBUNG_CHROMIUM={where} is not executable" if where else "install the chromium package"
        require_or_skip(f"Chromium not found ({detail})")
    with sync_playwright() as playwright:
        instance = launch_browser(playwright, executable_path=path)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page in its own context (CSP bypassed so axe-core can be injected)."""
    context = browser.new_context(bypass_csp=True, locale="id-ID")
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def axe() -> str:
    """The axe.min.js source; skips (or fails under LUMBUNG_REQUIRE_BROWSER=1) when missing."""
    source = axe_source()
    if source is None:
        require_or_skip("axe-core is not installed (run `make e2e-deps`)")
    return source


@pytest.fixture
def serve_dir() -> Iterator[Callable[[str | os.PathLike[str]], str]]:
    """Factory: ``serve_dir(path)`` serves ``path`` on a free localhost port and returns its base URL."""
    with ExitStack() as stack:

        def start(directory: str | os.PathLike[str]) -> str:
            return stack.enter_context(serve_directory(directory))

        yield start


@pytest.fixture
def errors(page: Any) -> list[str]:
    """JavaScript errors raised by the page under test."""
    found: list[str] = []
    page.on("pageerror", lambda exc: found.append(str(exc)))
    return found
