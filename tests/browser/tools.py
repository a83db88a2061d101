"""What the browser tests use besides their fixtures: the checkers from the npm registry, a tool
that may be missing here, and the app served in a thread."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

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
