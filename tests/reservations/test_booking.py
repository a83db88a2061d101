"""A member books a free time, sees it, cancels it; refusals are clear and change nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.reservations.models import Reservation, SlotHold
from clinic_site.reservations.setup.models import BookingSettings
from tests.fixtures.booking import MONDAY_9AM, book
from tests.helpers import submit


def _count(app, model=Reservation) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_booking_page_offers_what_the_contract_names(members_app, member_client):
    page = member_client.get("/reservations/new?date=2026-03-10").get_data(as_text=True)
    assert 'action="/reservations/new"' in page and 'method="post"' in page
    assert re.search(r'<select[^>]*name="service"', page)
    assert 'name="note"' in page
    values = re.findall(r'type="radio"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*type="radio"', page)
    slots = [a or b for a, b in values]
    assert slots[0] == "2026-03-10T09:00" and "2026-03-10T13:00" not in slots
    # One doctor: no doctor list to choose from; "any" goes with the form.
    assert not re.search(r'<select[^>]*name="doctor"', page)


def test_a_member_books_in_three_clicks_and_sees_it(members_app, member_client):
    menu = member_client.get("/").get_data(as_text=True)
    assert 'href="/reservations/new"' in menu  # click 1
    page = member_client.get("/reservations/new").get_data(as_text=True)
    assert 'value="2026-03-09T11:00"' in page  # today, from the first free time on
    response = book(member_client, "2026-03-09T11:00", note="Sensitive tooth")  # clicks 2 and 3
    assert response.status_code == 303 and response.headers["Location"] == "/reservations"
    mine = member_client.get("/reservations").get_data(as_text=True)
    assert "Confirmed" in mine and "2026-03-09T02:00:00+00:00" in mine  # 11:00 in Seoul
    page = member_client.get("/reservations/new?date=2026-03-09").get_data(as_text=True)
    assert 'value="2026-03-09T11:00"' not in page  # taken


def test_a_full_slot_is_refused_with_409_and_a_clear_message(members_app, make_member, signed_in):
    _id, first = make_member()
    _id, second = make_member()
    assert book(signed_in(first), "2026-03-10T10:00").status_code == 303
    refused = book(signed_in(second), "2026-03-10T10:00")
    assert refused.status_code == 409
    assert "Someone booked this time a moment ago" in refused.get_data(as_text=True)
    assert _count(members_app) == 1


def test_capacity_above_one_fills_seat_by_seat(members_app, make_member, signed_in):
    with members_app.app_context():
        db.session.get(BookingSettings, 1).per_slot = 2
        db.session.commit()
    clients = [signed_in(make_member()[1]) for _ in range(3)]
    codes = [book(c, "2026-03-10T10:00").status_code for c in clients]
    assert codes == [303, 303, 409]
    with members_app.app_context():
        seats = sorted(db.session.scalars(sa.select(SlotHold.seat)))
    assert seats == [1, 2]


def test_bad_past_closed_and_tampered_times_are_refused(members_app, member_client):
    cases = {
        "2026-03-09T09:30": (422, "too soon"),  # within the two hours' notice
        "2026-03-06T10:00": (422, "This time has gone by"),  # last week
        "2026-03-15T10:00": (422, "The clinic is closed on Sun 15 Mar"),
        "2026-03-10T13:00": (422, "13:00–14:00 is the lunch break"),
        "2026-03-10T10:10": (422, "does not take bookings"),  # between slots
        "2026-03-10T18:00": (422, "does not take bookings"),  # closing time
        "2026-03-10T10:00:00": (422, "Choose one of the times shown"),
        "<script>x</script>": (422, 'aria-invalid="true"'),
    }
    for slot, (status, words) in cases.items():
        response = book(member_client, slot)
        assert response.status_code == status, slot
        assert words in response.get_data(as_text=True), slot
    refused = book(member_client, "2026-03-10T10:00", service="999")
    assert refused.status_code == 422
    assert _count(members_app) == 0


def test_a_member_cannot_hold_two_reservations_at_the_same_time(members_app, member_client):
    from clinic_site.clinic import services as clinic

    with members_app.app_context():
        clinic.save_doctor(None, name_ko="김의사", name_en="Dr Kim", active=True, hours=None)
        db.session.commit()
    assert book(member_client, "2026-03-10T10:00").status_code == 303
    again = book(member_client, "2026-03-10T10:00")  # another doctor is free then
    assert again.status_code == 409
    assert "already have a reservation at this time" in again.get_data(as_text=True)


def test_cancelling_frees_the_slot_until_the_deadline(
    members_app, member_client, make_member, signed_in
):
    book(member_client, "2026-03-10T10:00")
    with members_app.app_context():
        reservation_id = db.session.scalar(sa.select(Reservation.id))
    form = member_client.get("/reservations").get_data(as_text=True)
    assert f'action="/reservations/{reservation_id}/cancel"' in form
    response = submit(member_client, "/reservations", {},
                      action=f"/reservations/{reservation_id}/cancel")  # fmt: skip
    assert response.status_code == 303
    assert "Cancelled" in member_client.get("/reservations").get_data(as_text=True)
    assert _count(members_app, SlotHold) == 0
    other = signed_in(make_member()[1])
    assert book(other, "2026-03-10T10:00").status_code == 303


def test_after_the_deadline_the_page_says_to_call(members_app, member_client):
    from clinic_site.settings.services import update_settings

    with members_app.app_context():
        update_settings(phone="02-555-0100")
        db.session.commit()
    book(member_client, "2026-03-10T10:00")
    members_app.config["CLOCK_FROZEN_AT"] = MONDAY_9AM + timedelta(hours=12)  # 21:00, 13 h before
    with members_app.app_context():
        reservation_id = db.session.scalar(sa.select(Reservation.id))
    page = member_client.get("/reservations").get_data(as_text=True)
    assert "too late to cancel online" in page and "02-555-0100" in page
    response = submit(member_client, "/reservations", {},
                      action=f"/reservations/{reservation_id}/cancel")  # fmt: skip
    assert response.status_code == 303
    assert _count(members_app, SlotHold) == 1  # still booked


def test_another_member_s_reservation_cannot_be_cancelled(
    members_app, member_client, make_member, signed_in
):
    book(member_client, "2026-03-10T10:00")
    with members_app.app_context():
        reservation_id = db.session.scalar(sa.select(Reservation.id))
    stranger = signed_in(make_member()[1])
    response = submit(stranger, "/reservations", {},
                      action=f"/reservations/{reservation_id}/cancel")  # fmt: skip
    assert response.status_code == 404
    assert "2026-03-10" not in stranger.get("/reservations").get_data(as_text=True)
    assert _count(members_app, SlotHold) == 1


def test_when_staff_confirm_bookings_the_member_sees_the_request(members_app, member_client):
    with members_app.app_context():
        db.session.get(BookingSettings, 1).confirm_at_once = False
        db.session.commit()
    assert book(member_client, "2026-03-10T10:00").status_code == 303
    assert "Waiting for the clinic" in member_client.get("/reservations").get_data(as_text=True)
    assert _count(members_app, SlotHold) == 1  # the time is held meanwhile


def test_a_child_waiting_for_confirmation_and_a_held_account_cannot_book(
    members_app, member, members_client
):
    from clinic_site.accounts.models import Member
    from tests.fixtures.members import join_child

    join_child(members_client)
    page = members_client.get("/reservations/new")
    assert page.status_code == 200
    assert "once the clinic has confirmed your parent" in page.get_data(as_text=True)
    assert book(members_client, "2026-03-10T10:00").status_code == 409
    with members_app.app_context():
        held = db.session.get(Member, member)
        held.held_at, held.hold_reason = MONDAY_9AM, "correction_requested"
        db.session.commit()
    from tests.fixtures.members import sign_in
    from tests.helpers import english

    adult = english(members_app.test_client())
    sign_in(adult)
    assert "on hold" in adult.get("/reservations/new").get_data(as_text=True)
    assert book(adult, "2026-03-10T10:00").status_code == 409
    assert _count(members_app) == 0


def test_visitors_are_sent_to_sign_in(members_app, members_client):
    for path in ("/reservations", "/reservations/new"):
        response = members_client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/account/login")


def test_an_empty_day_names_the_next_free_day(members_app, member_client):
    page = member_client.get("/reservations/new?date=2026-03-15").get_data(as_text=True)
    assert "The clinic is closed on this day." in page
    assert 'href="/reservations/new?date=2026-03-16' in page
