"""Reservation requests from visitors without an account: sent with both consents, reopened with
the password, answered by staff, withdrawn; limited like a consultation; off when the owner says."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.records.models import AccessRecord
from clinic_site.reservations.models import Reservation
from clinic_site.reservations.requests.models import ReservationRequest
from clinic_site.reservations.setup.models import BookingSettings
from tests.fixtures.booking import REQUEST
from tests.helpers import english, login_staff, said, submit


def _send(client, **changes):
    data = {k: v for k, v in {**REQUEST, **changes}.items() if v is not None}
    return submit(client, "/reservations/request", data)


def _rows(app) -> list[ReservationRequest]:
    with app.app_context():
        return list(db.session.scalars(sa.select(ReservationRequest)))


def test_a_visitor_sends_a_request_and_reads_it_with_the_password(members_app, members_client):
    page = members_client.get("/reservations/request").get_data(as_text=True)
    for name in ("name", "password", "mobile", "email", "service", "preferred_date",
                 "preferred_time", "note", "agree_privacy", "agree_sensitive"):  # fmt: skip
        assert f'name="{name}"' in page, name
    response = _send(members_client)
    assert response.status_code == 303
    location = response.headers["Location"]
    request_id = int(location.rsplit("/", 1)[1])
    assert location == f"/reservations/request/{request_id}"
    assert "Toothache at night" in members_client.get(location).get_data(as_text=True)
    [row] = _rows(members_app)
    assert row.mobile == "010-4444-5555" and row.password_hash.startswith("$argon2id$")
    stranger = english(members_app.test_client())
    locked = stranger.get(location).get_data(as_text=True)
    assert "Toothache" not in locked and 'name="password"' in locked
    wrong = submit(stranger, location, {"password": "guess-guess"})
    assert wrong.status_code == 422
    right = submit(stranger, location, {"password": REQUEST["password"]})
    assert right.status_code == 303
    assert "Toothache at night" in stranger.get(location).get_data(as_text=True)


def test_both_consents_are_needed_and_nothing_is_stored_without_them(members_app, members_client):
    for missing in ("agree_privacy", "agree_sensitive"):
        response = _send(members_client, **{missing: None})
        assert response.status_code == 422
    assert _send(members_client, preferred_time="25:99").status_code == 422
    assert _send(members_client, service="999").status_code == 422
    assert _rows(members_app) == []


def test_wrong_passwords_are_limited_per_request_and_address(members_app, members_client):
    from clinic_site.config import DEFAULTS

    location = _send(members_client).headers["Location"]
    allowed = int(DEFAULTS["BOARD_UNLOCK_POST_LIMIT"].split()[0])
    guesser = english(members_app.test_client())
    for _ in range(allowed):
        assert submit(guesser, location, {"password": "wrong-guess"}).status_code == 422
    assert submit(guesser, location, {"password": REQUEST["password"]}).status_code == 429


def test_staff_book_the_request_and_the_visitor_reads_the_time(
    members_app, members_client, members_staff_factory
):
    location = _send(members_client).headers["Location"]
    request_id = int(location.rsplit("/", 1)[1])
    staff = english(members_app.test_client())
    login_staff(staff, *members_staff_factory("staff"))
    day = staff.get("/admin/reservations?date=2026-03-12").get_data(as_text=True)
    assert f"/admin/reservations/requests/{request_id}" in day and "박민수" in day
    detail = staff.get(f"/admin/reservations/requests/{request_id}").get_data(as_text=True)
    assert "010-4444-5555" in detail and 'value="2026-03-12T10:30"' in detail  # the day's times
    booking = {"service": "1", "doctor": "any", "slot": "2026-03-12T10:30",
               "answer": "See you on Thursday."}  # fmt: skip
    response = submit(staff, f"/admin/reservations/requests/{request_id}", booking,
                      action=f"/admin/reservations/requests/{request_id}/book")  # fmt: skip
    assert response.status_code == 303
    with members_app.app_context():
        booked = db.session.scalar(sa.select(Reservation))
        assert booked.request_id == request_id and booked.member_id is None
        actions = db.session.scalars(
            sa.select(AccessRecord.action).where(AccessRecord.subject_kind == "reservation_request")
        ).all()
    assert actions == ["view", "view", "reply"]  # the day's list, the request, the booking
    shown = members_client.get(location).get_data(as_text=True)
    assert '<time datetime="2026-03-12T10:30">' in shown and "See you on Thursday." in shown
    again = submit(staff, f"/admin/reservations/requests/{request_id}", booking,
                   action=f"/admin/reservations/requests/{request_id}/book")  # fmt: skip
    assert again.status_code == 303  # already booked: said, and nothing is booked twice
    with members_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Reservation)) == 1


def test_staff_decline_a_request_with_an_answer(members_app, members_client, members_staff_factory):
    location = _send(members_client).headers["Location"]
    request_id = int(location.rsplit("/", 1)[1])
    staff = english(members_app.test_client())
    login_staff(staff, *members_staff_factory("staff"))
    url = f"/admin/reservations/requests/{request_id}"
    empty = submit(staff, url, {"answer": ""}, action=f"{url}/answer")
    assert empty.status_code == 422
    answer = {"answer": "We are fully booked that week; please call us."}
    assert submit(staff, url, answer, action=f"{url}/answer").status_code == 303
    shown = members_client.get(location).get_data(as_text=True)
    assert "fully booked that week" in shown
    with members_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Reservation)) == 0


def test_the_visitor_withdraws_the_request(members_app, members_client):
    location = _send(members_client).headers["Location"]
    request_id = int(location.rsplit("/", 1)[1])
    response = submit(members_client, location, {}, action=f"{location}/withdraw")
    assert response.status_code == 303
    assert _rows(members_app) == []
    assert members_client.get(location).status_code == 404
    stranger = english(members_app.test_client())
    assert stranger.post(f"/reservations/request/{request_id}/withdraw").status_code in (400, 404)


def test_the_owner_can_turn_requests_off(members_app, members_client):
    with members_app.app_context():
        db.session.get(BookingSettings, 1).guest_requests = False
        db.session.commit()
    assert members_client.get("/reservations/request").status_code == 404


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"preferred_date": "2026-03-15"}, "closed on Sunday"),
        ({"preferred_date": "2026-03-20"}, "closed that day (Conference)"),
        ({"preferred_time": "13:30"}, "13:00–14:00 is the lunch break"),
        ({"preferred_time": "19:00"}, "open from 09:00 to 18:00"),
        ({"preferred_date": "2026-03-06"}, "today or a later day"),
        ({"preferred_date": "2027-03-06"}, "days ahead"),
    ],
)
def test_a_request_for_a_time_the_clinic_is_closed_says_why_and_is_not_kept(
    members_app, members_client, changes, says
):
    from clinic_site.clinic import services as clinic

    with members_app.app_context():
        clinic.close_day(date(2026, 3, 20), "학회", "Conference")
        db.session.commit()
    response = _send(members_client, **changes)
    assert response.status_code == 422 and says in said(response)
    assert _rows(members_app) == []
