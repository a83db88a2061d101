"""Two patients never get the same one-patient slot: a real server with several workers, twenty
bookings of the same time at the same moment (members online, and the front desk booking callers
against members online), on SQLite and on PostgreSQL."""

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
from clinic_site.staff.services import create_staff
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


def _online(base: str, n: int, slot: str) -> tuple[Browser, str, dict]:
    """Member rush_<n>, signed in, with the booking form ready to send."""
    browser = Browser(base)
    login = {"username": f"rush_{n}", "password": ADULT["password"],
             "csrf_token": browser.token("/account/login")}  # fmt: skip
    assert browser.request("/account/login", login)[0] == 303
    token = browser.token(f"/reservations/new?date={slot[:10]}")
    form = {"csrf_token": token, "service": "1", "doctor": "any", "slot": slot,
            "date": slot[:10], "note": ""}  # fmt: skip
    return browser, "/reservations/new", form


def _desk(base: str, staff: tuple[str, str], n: int, slot: str) -> tuple[Browser, str, dict]:
    """A receptionist's browser, signed in, about to book caller <n> by name and mobile."""
    browser = Browser(base)
    login = {"username": staff[0], "password": staff[1],
             "csrf_token": browser.token("/admin/login")}  # fmt: skip
    assert browser.request("/admin/login", login)[0] == 302
    assert browser.last_location.endswith("/admin/")
    token = browser.token(f"/admin/reservations/new?date={slot[:10]}")
    form = {"csrf_token": token, "patient_name": f"Caller {n}",
            "patient_mobile": f"010-8000-{n:04d}", "service": "1", "doctor": "any",
            "slot": slot, "date": slot[:10], "note": ""}  # fmt: skip
    return browser, "/admin/reservations/new", form


def _rush(ready: list[tuple[Browser, str, dict]]) -> list[tuple[int, str]]:
    """Send every prepared form at the same moment."""
    start = threading.Barrier(len(ready))
    results: list[tuple[int, str]] = [(0, "")] * len(ready)

    def send(n: int) -> None:
        browser, path, form = ready[n]
        start.wait()
        results[n] = browser.request(path, form)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(ready))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def _booked(app) -> list[tuple[int, str]]:
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Reservation)) == 1
        return [
            (h.seat, clock.to_local(h.starts_at).strftime("%Y-%m-%dT%H:%M"))
            for h in db.session.scalars(sa.select(SlotHold))
        ]


def test_twenty_bookings_at_once_for_a_one_patient_slot_give_exactly_one(server):
    app, base = server
    register_members(app, PATIENTS, "rush", "010-7000")
    slot = _first_free_slot(app)
    results = _rush([_online(base, n, slot) for n in range(PATIENTS)])
    codes = sorted(code for code, _page in results)
    assert codes == [303] + [409] * (PATIENTS - 1), codes
    for code, page in results:
        if code == 409:
            assert "Someone booked this time a moment ago" in page
    assert _booked(app) == [(1, slot)]


@pytest.mark.parametrize("desk_first", [True, False], ids=["desk-first", "online-first"])
def test_the_desk_and_online_patients_racing_for_one_slot_give_exactly_one(server, desk_first):
    """Ten phone bookings and ten online bookings at once, their forms sent in either order:
    one visit, whoever wins, and nineteen told the time was just taken."""
    app, base = server
    register_members(app, PATIENTS // 2, "rush", "010-7000")
    with app.app_context():
        create_staff("desk", "Desk Lee", "staff", "long-enough-pw")
        db.session.commit()
    slot = _first_free_slot(app)
    desk = [_desk(base, ("desk", "long-enough-pw"), n, slot) for n in range(PATIENTS // 2)]
    online = [_online(base, n, slot) for n in range(PATIENTS // 2)]
    ready = [*desk, *online] if desk_first else [*online, *desk]
    results = _rush(ready)
    codes = [code for code, _page in results]
    assert sorted(codes) == [303] + [409] * (PATIENTS - 1), codes
    assert _booked(app) == [(1, slot)]
    with app.app_context():
        [visit] = db.session.scalars(sa.select(Reservation))
    winner = codes.index(303)
    by_desk = (winner < PATIENTS // 2) == desk_first
    assert (visit.patient_name is not None) == by_desk  # the visit is the winner's


def test_a_move_racing_nineteen_bookings_for_the_new_seat_gives_one_winner_and_one_seat_each(
    server,
):
    """A member moves a visit to the time nineteen others book at the same moment: one of the
    twenty has it; the mover keeps exactly one seat, the old one if they lost."""
    app, base = server
    register_members(app, PATIENTS, "rush", "010-7000")
    first = _first_free_slot(app)
    mover, path, form = _online(base, 0, first)
    assert mover.request(path, form)[0] == 303
    with app.app_context():
        visit = db.session.scalar(sa.select(Reservation.id))
    target = _first_free_slot(app)
    assert target != first
    move_path = f"/reservations/{visit}/move"
    token = mover.token(f"{move_path}?date={target[:10]}")
    moving = (mover, move_path, {"csrf_token": token, "slot": target, "date": target[:10],
                                 "doctor": "any"})  # fmt: skip
    others = [_online(base, n, target) for n in range(1, PATIENTS)]
    results = _rush([moving, *others])
    codes = [code for code, _page in results]
    assert sorted(codes) == [303] + [409] * (PATIENTS - 1), codes
    with app.app_context():
        holds = [
            (h.reservation_id, clock.to_local(h.starts_at).strftime("%Y-%m-%dT%H:%M"))
            for h in db.session.scalars(sa.select(SlotHold))
        ]
    mover_holds = [at for reservation, at in holds if reservation == visit]
    assert mover_holds == ([target] if codes[0] == 303 else [first])
    assert [at for _r, at in holds].count(target) == 1
