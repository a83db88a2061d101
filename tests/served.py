"""The site under a real gunicorn with several workers, on a test's own database, and a browser
that talks to it over HTTP."""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.fixtures.apps import free_port

WSGI = """
from clinic_site import create_app

app = create_app({config!r})
"""
# What the served app takes over from the test's app: the same database and secrets.
SHARED = ("DATABASE_URL", "SECRET_KEY", "CLINIC_MODE", "PASSWORD_HASH_TIME_COST",
          "PASSWORD_HASH_MEMORY_COST", "PASSWORD_HASH_PARALLELISM", "CLINIC_STAFF_2FA")  # fmt: skip


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One visitor's browser: its own cookies, no redirects followed."""

    def __init__(self, base: str, address: str | None = None):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )
        self.opener.addheaders = [("Accept-Language", "en")]
        self.last_location = ""  # where the last answer sent the browser on
        if address:
            self.opener.addheaders.append(("X-Forwarded-For", address))

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=30) as response:
                self.last_location = response.headers.get("Location", "")
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:  # every 3xx too: redirects are not followed
            self.last_location = error.headers.get("Location", "")
            return error.code, error.read().decode()

    def token(self, path: str) -> str:
        status, page = self.request(path)
        assert status == 200, (path, status)
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)

    def submit(self, path: str, data: dict) -> int:
        return self.request(path, {"csrf_token": self.token(path), **data})[0]


@dataclass
class Server:
    base: str  # http://127.0.0.1:PORT
    log: Path  # what gunicorn and the app wrote
    process: subprocess.Popen

    def crash(self) -> None:
        """Kill the master and every worker at once, as a power cut would: no clean shutdown."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=15)


@contextlib.contextmanager
def served(app, folder: Path, workers: int, env: dict | None = None, **overrides):
    """Run gunicorn with ``workers`` workers on ``app``'s database; yields a Server.
    ``overrides`` change the served app's configuration."""
    folder.mkdir(parents=True, exist_ok=True)
    config = {key: app.config[key] for key in SHARED}
    config.update(
        INSTANCE_PATH=str(folder / "server"), SCHEMA_AUTO_UPGRADE=False, DAILY_PURGE="off",
        CLINIC_FORM_MIN_SECONDS=0, VISIT_RECORDS_ENABLED=False, CLINIC_STAFF_2FA="optional",
    )  # fmt: skip
    config.update(overrides)
    (folder / "clinic_wsgi.py").write_text(WSGI.format(config=config))
    log = folder / "gunicorn.log"
    port = free_port()
    with log.open("w") as sink:
        process = subprocess.Popen(  # noqa: S603 - our own server, on loopback
            [sys.executable, "-m", "gunicorn", "--workers", str(workers),
             "--bind", f"127.0.0.1:{port}", "--chdir", str(folder), "clinic_wsgi:app"],
            stdout=subprocess.DEVNULL,
            stderr=sink,
            env={**os.environ, "PYTHONPATH": os.getcwd(), **(env or {})},
            start_new_session=True,  # its own process group, for crash()
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).close()  # noqa: S310
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError(log.read_text()[-2000:]) from None
                time.sleep(0.2)
        yield Server(base, log, process)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=15)
