"""A real browser (Debian's Chromium, driven by Playwright) against the site served on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.browser.journeys import SHOTS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The checkers, from the npm registry (package.json at the project's root: `npm ci`).
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def needed(what: str, present: bool, install: str) -> None:
    """Skip a check whose tool is missing here; in CI a missing tool fails instead."""
    if present:
        return
    if os.environ.get("CI"):
        raise RuntimeError(f"CI needs {what} ({install})")
    pytest.skip(f"{what} is not installed ({install})")


@contextlib.contextmanager
def served_in_thread(app):
    """The app served by a real HTTP server in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


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
