"""The free times of a day are worked out once per worker for every member who asks with the same
seats taken: a time taken or freed in another worker leaves or returns on the next page, the
month marks a day full as soon as its last time is taken, and a booking is checked against the
seats themselves, never against a kept day."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from clinic_site.extensions import db
from clinic_site.platform import clock
from clinic_site.reservations import seats, services
from clinic_site.reservations.models import Reservation
from clinic_site.reservations.setup.models import Service
from tests.fixtures.booking import MONDAY_9AM, book
from tests.helpers import said

TUESDAY = "2026-03-10"


def _times(client, day: str = TUESDAY) -> list[str]:
    page = client.get(f"/reservations/new?date={day}&service=1&doctor=any").get_data(as_text=True)
    return re.findall(r'name="slot" type="radio" value="([0-9T:-]+)"', page)


def _month_links(client) -> set[str]:
    page = client.get(f"/reservations/new?date={TUESDAY}&service=1&doctor=any")
    text = page.get_data(as_text=True)
    month = text[text.index('<table class="month">') : text.index("</table>")]
    return set(re.findall(r'date=(2026-03-\d\d)&amp;service=1&amp;doctor=any"', month))


def _caller_books(app, slot: str) -> int:
    """The front desk's phone booking for a caller, in ``app``: returns the reservation's id."""
    with app.test_request_context():
        start = datetime.fromisoformat(slot).replace(tzinfo=clock.zone())
        made = services.book(None, db.session.get(Service, 1), None, start, None,
                             caller=("Caller", "010-7777-0000"))  # fmt: skip
        db.session.commit()
        return made.id


@pytest.fixture
def other_worker(members_app, make_app):
    """A second worker of the same site, its clock at the same moment."""
    app = make_app("members")
    app.config["CLOCK_FROZEN_AT"] = MONDAY_9AM
    return app


def test_a_time_taken_in_another_worker_is_gone_from_the_next_page(
    members_app, member_client, other_worker
):
    before = _times(member_client)
    assert f"{TUESDAY}T10:00" in before
    assert _times(member_client) == before  # worked out once, the same again
    _caller_books(other_worker, f"{TUESDAY}T10:00")
    after = _times(member_client)
    assert f"{TUESDAY}T10:00" not in after
    assert after == [t for t in before if t != f"{TUESDAY}T10:00"]


def test_a_freed_time_comes_back_at_once(members_app, member_client, other_worker):
    taken = _caller_books(other_worker, f"{TUESDAY}T11:00")
    assert f"{TUESDAY}T11:00" not in _times(member_client)
    with other_worker.test_request_context():
        reservation = db.session.get(Reservation, taken)
        reservation.status = "cancelled"
        seats.free(reservation)  # as the desk's cancelling does
        db.session.commit()
    assert f"{TUESDAY}T11:00" in _times(member_client)


def test_the_month_marks_a_day_full_once_its_last_time_is_taken(
    members_app, member_client, other_worker
):
    wednesday = "2026-03-11"
    assert wednesday in _month_links(member_client)
    for slot in _times(member_client, wednesday):
        _caller_books(other_worker, slot)
    assert wednesday not in _month_links(member_client)
    assert _times(member_client, wednesday) == []


def test_a_time_shown_free_then_taken_is_refused_by_the_seat_itself(
    members_app, member_client, other_worker
):
    assert f"{TUESDAY}T14:00" in _times(member_client)  # worked out and kept in this worker
    _caller_books(other_worker, f"{TUESDAY}T14:00")
    refused = book(member_client, f"{TUESDAY}T14:00")
    assert refused.status_code == 409
    assert "Someone booked this time a moment ago" in said(refused)


def test_a_treatment_or_doctor_the_owner_changes_shows_in_every_worker_at_once(
    members_app, member_client, other_worker
):
    from clinic_site.clinic.models import Doctor

    assert "Check-up" not in member_client.get("/reservations/new").get_data(as_text=True)
    with other_worker.app_context():
        db.session.add(Service(name_ko="건강검진", name_en="Check-up", slots=2, position=2,
                               active=True))  # fmt: skip
        db.session.commit()
    page = member_client.get("/reservations/new").get_data(as_text=True)
    assert "Check-up" in page
    with other_worker.app_context():
        db.session.scalar(db.select(Service).where(Service.name_en == "Check-up")).active = False
        db.session.add(Doctor(name_ko="이서연", name_en="Lee Seoyeon", position=2, active=True))
        db.session.commit()
    page = member_client.get("/reservations/new").get_data(as_text=True)
    assert "Check-up" not in page
    assert "Lee Seoyeon" in page  # a second doctor: the page now lets the patient choose
