"""Two patients never get the same one-patient slot: a real server with several workers, twenty
members booking the same time at the same moment, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.platform import clock
from clinic_site.reservations import slots
from clinic_site.reservations.models import Reservation, SlotHold
from clinic_site.reservations.setup.models import Service
from tests.fixtures.booking import register_members
from tests.fixtures.members import ADULT
from tests.served import Browser, served

PATIENTS = 20
WORKERS = 4


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
    with served(app, tmp_path, WORKERS, RATELIMIT_ENABLED=False) as server:
        yield app, server.base


def test_twenty_bookings_at_once_for_a_one_patient_slot_give_exactly_one(server):
    app, base = server
    register_members(app, PATIENTS, "rush", "010-7000")
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
