"""Two patients never get the same one-patient slot: a real server with several workers, twenty
members booking the same time at the same moment, on SQLite and on PostgreSQL."""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

import pytest
import sqlalchemy as sa

from clinic_site import clock
from clinic_site.extensions import db
from clinic_site.reservations import slots
from clinic_site.reservations.models import Reservation, Service, SlotHold
from tests.conftest import free_port
from tests.reservations.conftest import ADULT

PATIENTS = 20
WORKERS = 4

WSGI = """
from clinic_site import create_app

app = create_app({config!r})
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A browser of one patient: its own cookies, no redirects followed."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )
        self.opener.addheaders = [("Accept-Language", "en")]

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(self, path: str) -> str:
        status, page = self.request(path)
        assert status == 200, (path, status)
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def _first_free_slot(app) -> str:
    with app.test_request_context():
        service = db.session.get(Service, 1)
        day = clock.today()
        for _ in range(40):
            found = slots.day_slots(day, service, None).slots
            if found:
                return found[0].value
            day += timedelta(days=1)
    raise AssertionError("no free slot in 40 days")


@pytest.fixture
def server(make_app, tmp_path):
    """The site under gunicorn with several workers, on the test's own database."""
    app = make_app("members")
    config = {
        key: app.config[key]
        for key in (
            "DATABASE_URL",
            "SECRET_KEY",
            "PASSWORD_HASH_TIME_COST",
            "PASSWORD_HASH_MEMORY_COST",
            "PASSWORD_HASH_PARALLELISM",
        )  # fmt: skip
    }
    config.update(
        CLINIC_MODE="members", INSTANCE_PATH=str(tmp_path / "server"), RATELIMIT_ENABLED=False,
        SCHEMA_AUTO_UPGRADE=False, DAILY_PURGE="off", CLINIC_FORM_MIN_SECONDS=0,
        VISIT_RECORDS_ENABLED=False, CLINIC_STAFF_2FA="optional",
    )  # fmt: skip
    (tmp_path / "clinic_wsgi.py").write_text(WSGI.format(config=config))
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own server, on loopback
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--chdir",
            str(tmp_path),
            "clinic_wsgi:app",
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).close()  # noqa: S310 - loopback
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        message = process.stderr.read().decode()[-2000:]
        process.stderr.close()
        raise AssertionError(message)
    yield app, base
    process.terminate()
    process.wait(timeout=15)
    process.stderr.close()


def test_twenty_bookings_at_once_for_a_one_patient_slot_give_exactly_one(server):
    from clinic_site.accounts import services

    app, base = server
    with app.app_context():
        for n in range(PATIENTS):
            services.register_adult(
                name=f"Patient {n}", username=f"rush_{n}", password=ADULT["password"],
                phone="02-123-4567", mobile=f"010-7000-{n:04d}", email=None, email_opt_in=False,
            )  # fmt: skip
        db.session.commit()
    slot = _first_free_slot(app)
    browsers, forms = [], []
    for n in range(PATIENTS):
        browser = Browser(base)
        login = {"username": f"rush_{n}", "password": ADULT["password"],
                 "csrf_token": browser.token("/account/login")}  # fmt: skip
        assert browser.request("/account/login", login)[0] == 303
        token = browser.token(f"/reservations/new?date={slot[:10]}")
        browsers.append(browser)
        forms.append({"csrf_token": token, "service": "1", "doctor": "any", "slot": slot,
                      "date": slot[:10], "note": ""})  # fmt: skip
    start = threading.Barrier(PATIENTS)
    results: list[tuple[int, str]] = [(0, "")] * PATIENTS

    def rush(n: int) -> None:
        start.wait()
        results[n] = browsers[n].request("/reservations/new", forms[n])

    threads = [threading.Thread(target=rush, args=(n,)) for n in range(PATIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    codes = sorted(code for code, _page in results)
    assert codes == [303] + [409] * (PATIENTS - 1), codes
    for code, page in results:
        if code == 409:
            assert "Someone booked this time a moment ago" in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Reservation)) == 1
        holds = [
            (h.seat, clock.to_local(h.starts_at).strftime("%Y-%m-%dT%H:%M"))
            for h in db.session.scalars(sa.select(SlotHold))
        ]
    assert holds == [(1, slot)]
