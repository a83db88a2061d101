"""A real browser (Debian's Chromium, driven by Playwright) against the site served on 127.0.0.1."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.browser.journeys import SHOTS
from tests.browser.tools import CHROMIUM, needed, served_in_thread


@pytest.fixture
def live_server(app):
    with served_in_thread(app) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    needed("Chromium", os.path.exists(CHROMIUM), "Debian package chromium")
    shutil.rmtree(SHOTS, ignore_errors=True)  # this run's screenshots only
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-US")
    yield context.new_page()
    context.close()


def pytest_terminal_summary(terminalreporter):
    """Say where the journeys' screenshots are, for a person to look at."""
    if SHOTS.exists():
        count = sum(1 for _ in SHOTS.rglob("*.png"))
        terminalreporter.write_line(f"screenshots of the journeys ({count}): {SHOTS}")
