"""Booking the way patients expect it: only times where the whole treatment fits, refusals that
tell the true reason, a month at a glance, the rule for changes said before booking, moving a
visit, the calendar file, and the waiting list."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from clinic_site.extensions import db
from clinic_site.reservations.models import Reservation, SlotHold
from clinic_site.reservations.setup.models import Service
from clinic_site.reservations.waitlist.models import WaitlistEntry
from tests.fixtures.booking import MONDAY_9AM, book
from tests.fixtures.members import ADULT
from tests.helpers import english, login_staff, said, submit

TUESDAY = "2026-03-10"


@pytest.fixture
def checkup(members_app) -> int:
    """A 60-minute treatment (two 30-minute slots)."""
    with members_app.app_context():
        service = Service(name_ko="건강검진", name_en="Check-up", slots=2, position=2, active=True)
        db.session.add(service)
        db.session.commit()
        return service.id


def _page(client, day=TUESDAY, service="1", doctor="any") -> str:
    query = f"date={day}&service={service}&doctor={doctor}"
    return client.get(f"/reservations/new?{query}").get_data(as_text=True)


def _times(page: str) -> list[str]:
    return re.findall(r'name="slot" type="radio" value="[0-9-]+T([0-9:]+)"', page)


def _holding(app) -> list[tuple[int | None, str]]:
    with app.app_context():
        rows = db.session.scalars(sa.select(SlotHold).order_by(SlotHold.starts_at)).all()
        return [(h.reservation_id, h.starts_at.astimezone(UTC).strftime("%H:%M")) for h in rows]


def test_only_times_where_the_whole_treatment_fits_are_offered(members_app, member_client, checkup):
    times = _times(_page(member_client, service=str(checkup)))
    assert "12:00" in times and "12:30" not in times  # lunch from 13:00
    assert "17:00" in times and "17:30" not in times  # closing at 18:00
    assert "13:00" not in times and "13:30" not in times
    short = _times(_page(member_client))
    assert "12:30" in short and "17:30" in short
    refused = book(member_client, f"{TUESDAY}T12:30", service=str(checkup))
    assert refused.status_code == 422
    assert "takes longer than the time left before the break" in said(refused)
    assert "Someone booked" not in said(refused)  # never a false reason


@pytest.mark.parametrize(
    ("slot", "status", "says"),
    [
        ("2026-04-20T10:00", 422, "Bookings open 30 days ahead"),
        ("2026-03-06T10:00", 422, "This time has gone by"),
        ("2026-03-09T10:00", 422, "too soon to book online"),  # inside the two hours' notice
        (f"{TUESDAY}T13:00", 422, "13:00–14:00 is the lunch break"),
    ],
)
def test_each_refusal_names_its_true_reason(members_app, member_client, slot, status, says):
    response = book(member_client, slot)
    assert response.status_code == status and says in said(response)
    with members_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Reservation)) == 0


def test_taken_and_blocked_meanwhile_say_so(
    members_app, member_client, make_member, signed_in, members_staff_factory
):
    other = signed_in(make_member()[1])
    assert book(other, f"{TUESDAY}T10:00").status_code == 303
    taken = book(member_client, f"{TUESDAY}T10:00")
    assert taken.status_code == 409 and "Someone booked this time a moment ago" in said(taken)
    desk = english(members_app.test_client())
    login_staff(desk, *members_staff_factory("staff"))
    block = {"doctor": "all", "start": f"{TUESDAY}T15:00", "end": f"{TUESDAY}T16:00",
             "reason": "Inspection"}  # fmt: skip
    assert submit(desk, "/admin/reservations/blocks", block).status_code == 303
    blocked = book(member_client, f"{TUESDAY}T15:00")
    assert blocked.status_code == 409 and "closed this time meanwhile" in said(blocked)


def test_the_month_marks_the_days_with_free_times_and_links_them(
    members_app, member_client, members_staff_factory
):
    desk = english(members_app.test_client())
    login_staff(desk, *members_staff_factory("staff"))
    block = {"doctor": "all", "start": "2026-03-12T00:00", "end": "2026-03-13T00:00",
             "reason": "Conference"}  # fmt: skip
    assert submit(desk, "/admin/reservations/blocks", block).status_code == 303
    page = _page(member_client)
    month = page[page.index('<table class="month">') : page.index("</table>")]
    assert "March 2026" in page
    linked = set(re.findall(r'date=(2026-03-\d\d)&amp;service=1&amp;doctor=any"', month))
    assert {"2026-03-10", "2026-03-11", "2026-03-13", "2026-03-14"} <= linked
    assert "2026-03-12" not in linked  # blocked all day
    assert "2026-03-15" not in linked  # Sunday
    assert "2026-03-08" not in linked  # gone by
    assert 'aria-current="date"' in month
    assert "Next month" in page  # booking is open 30 days ahead, into April
    april = _page(member_client, day="2026-04-01")
    assert "April 2026" in april
    assert "date=2026-04-08&amp;" in april and "date=2026-04-09&amp;" not in april  # 30 days


def test_the_rule_for_changes_is_said_before_booking_with_a_short_grace_for_late_times(
    members_app, member_client, members_set_now
):
    page = _page(member_client, day=TUESDAY)
    assert "You can change or cancel a visit online until 24 hours before it." in page
    assert "Times marked *" not in page  # every Tuesday time is more than 24 hours away
    members_set_now(datetime(2026, 3, 9, 5, 0, tzinfo=UTC))  # Monday 14:00 in Seoul
    page = _page(member_client, day=TUESDAY)
    assert "Times marked *" in page
    late = re.search(r'class="slot slot-late"><input[^>]+value="2026-03-10T(\d\d:\d\d)"', page)
    assert late and late.group(1) == "09:00"  # until 14:00, Tuesday is inside the 24 hours
    assert book(member_client, f"{TUESDAY}T09:00").status_code == 303
    listed = member_client.get("/reservations").get_data(as_text=True)
    assert "until Mon 9 Mar 2026, 14:10" in listed  # ten minutes to undo a wrong tap
    members_set_now(datetime(2026, 3, 9, 5, 11, tzinfo=UTC))
    with members_app.app_context():
        visit_id = db.session.scalar(sa.select(Reservation.id))
    late_cancel = submit(
        member_client, "/reservations", {}, action=f"/reservations/{visit_id}/cancel"
    )
    assert late_cancel.status_code == 303
    with members_app.app_context():
        assert db.session.get(Reservation, visit_id).status == "confirmed"
    assert "too late to cancel online" in member_client.get("/reservations").get_data(as_text=True)


def test_a_member_moves_a_visit_and_the_old_time_is_freed_only_when_the_new_one_is_had(
    members_app, member_client, make_member, signed_in
):
    assert book(member_client, f"{TUESDAY}T10:00").status_code == 303
    other = signed_in(make_member()[1])
    assert book(other, f"{TUESDAY}T11:00").status_code == 303
    with members_app.app_context():
        mine, theirs = db.session.scalars(sa.select(Reservation.id).order_by(Reservation.id))
    url = f"/reservations/{mine}/move"
    page = member_client.get(f"{url}?date={TUESDAY}").get_data(as_text=True)
    assert 'value="2026-03-10T10:30"' in page and 'value="2026-03-10T11:00"' not in page
    taken = submit(member_client, url, {"slot": f"{TUESDAY}T11:00", "date": TUESDAY})
    assert taken.status_code == 409
    assert _holding(members_app) == [(mine, "01:00"), (theirs, "02:00")]  # nothing changed
    assert member_client.get(f"/reservations/{theirs}/move").status_code == 404
    assert submit(other, f"/reservations/{theirs}/move", {"slot": "x"},
                  action=f"/reservations/{mine}/move").status_code == 404  # fmt: skip
    moved = submit(member_client, url, {"slot": f"{TUESDAY}T15:30", "date": TUESDAY})
    assert moved.status_code == 303 and moved.headers["Location"] == "/reservations"
    assert _holding(members_app) == [(theirs, "02:00"), (mine, "06:30")]
    assert book(other, f"{TUESDAY}T10:00").status_code == 303  # the old time is free


def test_a_visit_cannot_be_moved_online_after_the_deadline(
    members_app, member_client, members_set_now
):
    assert book(member_client, f"{TUESDAY}T10:00").status_code == 303
    with members_app.app_context():
        visit_id = db.session.scalar(sa.select(Reservation.id))
    members_set_now(datetime(2026, 3, 9, 2, 0, tzinfo=UTC))  # Monday 11:00: 23 hours before
    member_client = english(members_app.test_client())
    from tests.fixtures.members import sign_in

    sign_in(member_client)
    url = f"/reservations/{visit_id}/move"
    assert "too late to change this visit online" in member_client.get(url).get_data(as_text=True)
    refused = submit(member_client, url, {"slot": f"{TUESDAY}T15:30", "date": TUESDAY})
    assert refused.status_code == 409
    assert _holding(members_app) == [(visit_id, "01:00")]


def test_the_visit_as_a_calendar_file_only_for_its_member(
    members_app, member_client, make_member, signed_in
):
    assert book(member_client, f"{TUESDAY}T10:00").status_code == 303
    with members_app.app_context():
        visit_id = db.session.scalar(sa.select(Reservation.id))
    listed = member_client.get("/reservations").get_data(as_text=True)
    assert f"/reservations/{visit_id}/calendar.ics" in listed
    response = member_client.get(f"/reservations/{visit_id}/calendar.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    event = Calendar.from_ical(response.data).walk("VEVENT")[0]
    assert event.decoded("dtstart").isoformat() == "2026-03-10T01:00:00+00:00"
    stranger = signed_in(make_member()[1])
    assert stranger.get(f"/reservations/{visit_id}/calendar.ics").status_code == 404


def _fill_the_day(app, day: str, but: str | None = None) -> None:
    """Every time of ``day`` blocked for the clinic except ``but`` (HH:MM)."""
    from clinic_site.reservations.blocks.models import Block

    zone = "+09:00"
    with app.app_context():
        start = datetime.fromisoformat(f"{day}T00:00{zone}")
        end = datetime.fromisoformat(f"{day}T23:59{zone}")
        if but is None:
            db.session.add(Block(starts_at=start, ends_at=end, reason="x", created_at=start))
        else:
            hole = datetime.fromisoformat(f"{day}T{but}{zone}")
            db.session.add(Block(starts_at=start, ends_at=hole, reason="x", created_at=start))
            db.session.add(Block(starts_at=hole + timedelta(minutes=30), ends_at=end, reason="x",
                                 created_at=start))  # fmt: skip
        db.session.commit()


def _join(client, day=TUESDAY, service="1", doctor="any"):
    return submit(client, "/reservations/waitlist",
                  {"date": day, "service": service, "doctor": doctor})  # fmt: skip


@pytest.mark.parametrize(
    ("day", "says"),
    [
        ("2026-03-06", "That day has gone by"),
        ("2026-03-15", "closed on Sun 15 Mar 2026"),
        ("2026-05-01", "Bookings open 30 days ahead"),
        (TUESDAY, "There are free times on Tue 10 Mar 2026 right now"),
        ("not-a-day", "Not a valid date value"),
    ],
)
def test_the_waiting_list_refuses_a_day_no_time_could_free_up_on(
    members_app, member_client, day, says
):
    response = _join(member_client, day=day)
    assert response.status_code in (409, 422) and says in said(response), said(response)
    with members_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WaitlistEntry)) == 0


def test_a_freed_seat_is_offered_to_everyone_waiting_and_the_first_to_book_has_it(
    members_app, member_client, make_member, signed_in, members_runner
):
    _fill_the_day(members_app, TUESDAY, but="10:00")
    first = signed_in(make_member()[1])
    assert book(first, f"{TUESDAY}T10:00").status_code == 303  # the day is now full
    page = _page(member_client)
    assert "This day is fully booked" in page and 'action="/reservations/waitlist"' in page
    second = signed_in(make_member()[1])
    assert _join(member_client).status_code == 303
    assert _join(second).status_code == 303
    assert _join(second).status_code == 409  # once per day
    waiting = member_client.get("/reservations/waitlist").get_data(as_text=True)
    assert "Tue 10 Mar 2026" in waiting and "A time is free" not in waiting
    with members_app.app_context():
        taken = db.session.scalar(sa.select(Reservation.id))
    assert (
        submit(first, "/reservations", {}, action=f"/reservations/{taken}/cancel").status_code
        == 303
    )
    for client in (member_client, second):
        offer = client.get("/reservations/waitlist").get_data(as_text=True)
        assert "A time is free on this day." in offer and "Book it now" in offer
    assert book(second, f"{TUESDAY}T10:00").status_code == 303
    late = book(member_client, f"{TUESDAY}T10:00")
    assert late.status_code == 409 and "Someone booked this time a moment ago" in said(late)
    with members_app.app_context():
        holders = db.session.scalars(sa.select(SlotHold.reservation_id)).all()
        left = db.session.scalars(sa.select(WaitlistEntry.member_id)).all()
    assert len(holders) == 1
    assert len(left) == 1  # the member who booked left the list; the other still waits
    assert "A time is free" not in member_client.get("/reservations/waitlist").get_data(
        as_text=True
    )  # the time offered is gone again
    members_app.config["CLOCK_FROZEN_AT"] = MONDAY_9AM + timedelta(days=2)
    assert "waitlist: 1" in members_runner.invoke(args=["purge"]).output


def test_a_member_leaves_the_list_and_withdrawal_takes_their_entries(
    members_app, member_client, make_member, signed_in
):
    _fill_the_day(members_app, TUESDAY)
    _fill_the_day(members_app, "2026-03-11")
    assert _join(member_client).status_code == 303
    assert _join(member_client, day="2026-03-11").status_code == 303
    with members_app.app_context():
        first = db.session.scalar(sa.select(sa.func.min(WaitlistEntry.id)))
    stranger = signed_in(make_member()[1])
    assert submit(stranger, "/reservations/waitlist", {},
                  action=f"/reservations/waitlist/{first}/leave").status_code == 404  # fmt: skip
    assert submit(member_client, "/reservations/waitlist", {},
                  action=f"/reservations/waitlist/{first}/leave").status_code == 303  # fmt: skip
    exported = member_client.get("/account/export").get_json()
    assert [e["day"] for e in exported["waitlist"]] == ["2026-03-11"]
    submit(member_client, "/account/withdraw", {"password": ADULT["password"], "confirm": "y"})
    with members_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WaitlistEntry)) == 0


def test_the_booking_page_works_in_korean(members_app, member):
    from tests.fixtures.members import sign_in

    client = members_app.test_client()
    sign_in(client)
    page = client.get(f"/reservations/new?date={TUESDAY}").get_data(as_text=True)
    assert "2026년 3월" in page and ">화<" in page
    assert "24시간 전까지" in page
