"""The front desk's day on the one schedule: a caller who is not a member, a member found by name,
a walk-in, blocked time, moving a visit, the week and the print list, each doctor's week on
/about. (The desk racing online patients is in test_concurrency.py.)"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
import sqlalchemy as sa

from clinic_site.accounts.management import hold
from clinic_site.accounts.models import Member
from clinic_site.clinic import services as clinic
from clinic_site.extensions import db
from clinic_site.records.models import AccessRecord
from clinic_site.reservations.blocks.models import Block
from clinic_site.reservations.models import Reservation, SlotHold
from tests.fixtures.booking import MONDAY_9AM, book
from tests.fixtures.members import ADULT
from tests.helpers import english, login_staff, said, submit

TUESDAY = "2026-03-10"
NEW = f"/admin/reservations/new?date={TUESDAY}"


@pytest.fixture
def desk(members_app, members_staff_factory):
    client = english(members_app.test_client())
    login_staff(client, *members_staff_factory("staff"))
    return client


def _caller(**changes) -> dict:
    return {"patient_name": "이영희", "patient_mobile": "010 5555 6666", "service": "1",
            "doctor": "any", "date": TUESDAY, "slot": f"{TUESDAY}T10:00", "note": "",
            **changes}  # fmt: skip


def _visits(app) -> list[Reservation]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Reservation).order_by(Reservation.id)))


def _offered(client, day: str = TUESDAY) -> str:
    return client.get(f"/reservations/new?date={day}&service=1&doctor=any").get_data(as_text=True)


def test_a_caller_who_is_not_a_member_is_booked_and_online_patients_no_longer_get_the_time(
    members_app, desk, member_client
):
    assert f'value="{TUESDAY}T10:00"' in _offered(member_client)
    assert submit(desk, NEW, _caller()).status_code == 303
    [visit] = _visits(members_app)
    assert (visit.patient_name, visit.patient_mobile) == ("이영희", "010-5555-6666")
    assert visit.status == "confirmed" and visit.member_id is None and visit.booked_by
    assert f'value="{TUESDAY}T10:00"' not in _offered(member_client)
    refused = book(member_client, f"{TUESDAY}T10:00")
    assert refused.status_code in (409, 422) and len(_visits(members_app)) == 1
    day = desk.get(f"/admin/reservations?date={TUESDAY}").get_data(as_text=True)
    assert "이영희" in day  # the desk reads who is coming without opening each visit
    detail = desk.get(f"/admin/reservations/{visit.id}").get_data(as_text=True)
    assert 'href="tel:01055556666"' in detail
    # The time the member took online is no longer offered to the desk either.
    assert book(member_client, f"{TUESDAY}T11:00").status_code == 303
    taken = submit(desk, NEW, _caller(slot=f"{TUESDAY}T11:00", patient_name="최수진"))
    assert taken.status_code == 409 and len(_visits(members_app)) == 2


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"patient_mobile": ""}, "name and mobile phone number"),
        ({"patient_name": ""}, "name and mobile phone number"),
        ({"patient_mobile": "02-123-4567"}, "mobile"),
        ({"patient_name": "x" * 200}, "characters"),
        ({"slot": "2026-03-06T10:00"}, "gone by"),
        ({"slot": "2026-03-15T10:00"}, "closed on"),  # Sunday
        ({"slot": f"{TUESDAY}T13:00"}, "13:00–14:00 is the lunch break"),
        ({"slot": f"{TUESDAY}T10:07"}, "does not take bookings at this time"),  # between slots
        ({"slot": "yesterday"}, "Choose one of the times shown"),
        ({"service": "999"}, "treatments in the list"),
        ({"doctor": "999"}, "doctors in the list"),
    ],
)
def test_a_desk_booking_that_cannot_be_made_says_why_and_stores_nothing(
    members_app, desk, changes, says
):
    response = submit(desk, NEW, _caller(**changes))
    assert response.status_code in (409, 422), (response.status_code, said(response))
    if says:
        assert says.lower() in said(response).lower()
    assert _visits(members_app) == []


def test_members_are_found_by_name_mobile_or_id_and_each_search_is_recorded(
    members_app, desk, member, make_member
):
    for query in (ADULT["name"], "2345-6789", ADULT["username"]):
        page = desk.get(f"{NEW}&q={query}").get_data(as_text=True)
        assert f'name="member" value="{member}"' in page, query
    with members_app.app_context():
        searches = db.session.scalars(
            sa.select(AccessRecord.detail).where(AccessRecord.subject_kind == "member")
        ).all()
    assert len(searches) == 3
    response = submit(desk, NEW, {"member": str(member), "service": "1", "doctor": "any",
                                  "date": TUESDAY, "slot": f"{TUESDAY}T10:00"})  # fmt: skip
    assert response.status_code == 303
    [visit] = _visits(members_app)
    assert visit.member_id == member and visit.patient_name is None
    # A held account cannot be booked by the desk any more than online.
    other, _username = make_member()
    with members_app.app_context():
        hold(db.session.get(Member, other), "member_request", None)
        db.session.commit()
    held = submit(desk, NEW, {"member": str(other), "service": "1", "doctor": "any",
                              "date": TUESDAY, "slot": f"{TUESDAY}T11:00"})  # fmt: skip
    assert held.status_code == 409 and "account is on hold" in said(held)
    assert len(_visits(members_app)) == 1


def test_a_child_waiting_for_the_representative_cannot_be_booked_by_the_desk_until_confirmed(
    members_app, desk, members_staff_factory
):
    from clinic_site.accounts import services as accounts
    from clinic_site.accounts.management import confirm_guardian
    from clinic_site.staff.models import StaffUser

    with members_app.app_context():
        child = accounts.register_child(
            name="이도윤", username="doyun_kid", password="green-frog-jumps",
            guardian_name="이수진", guardian_mobile="010-9876-5432",
        ).id  # fmt: skip
        db.session.commit()
    visit = {"member": str(child), "service": "1", "doctor": "any", "date": TUESDAY,
             "slot": f"{TUESDAY}T10:00"}  # fmt: skip
    refused = submit(desk, NEW, visit)
    assert refused.status_code == 409
    assert "cannot be booked until the legal representative's consent is confirmed" in said(refused)
    assert _visits(members_app) == []
    username, _password = members_staff_factory("staff")
    with members_app.app_context():
        staff = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == username))
        confirm_guardian(db.session.get(Member, child), staff)
        db.session.commit()
    assert submit(desk, NEW, visit).status_code == 303
    assert [v.member_id for v in _visits(members_app)] == [child]


def test_a_walk_in_takes_the_slot_under_way_which_online_patients_are_no_longer_offered(
    members_app, members_staff_factory, member_client, members_set_now
):
    members_set_now(datetime(2026, 3, 10, 1, 10, tzinfo=UTC))  # Tuesday 10:10 in Seoul
    desk = english(members_app.test_client())
    login_staff(desk, *members_staff_factory("staff"))
    assert f'value="{TUESDAY}T10:00"' not in _offered(member_client)
    page = desk.get(NEW).get_data(as_text=True)
    assert f'value="{TUESDAY}T10:00"' in page
    assert submit(desk, NEW, _caller()).status_code == 303
    assert len(_visits(members_app)) == 1


def test_blocked_time_leaves_online_booking_at_once_and_visits_inside_are_listed_to_move(
    members_app, desk, member_client
):
    assert book(member_client, f"{TUESDAY}T15:00").status_code == 303
    blocks = "/admin/reservations/blocks"
    form = {"doctor": "1", "start": f"{TUESDAY} 14:00", "end": f"{TUESDAY}T18:00",
            "reason": "Conference"}  # fmt: skip
    response = submit(desk, blocks, form)
    assert response.status_code == 303
    page = desk.get(blocks).get_data(as_text=True)
    assert "Conference" in page and ADULT["name"] in page and "need to be moved" in page
    offered = _offered(member_client)
    assert f'value="{TUESDAY}T10:00"' in offered
    assert f'value="{TUESDAY}T14:00"' not in offered and f'value="{TUESDAY}T17:30"' not in offered
    [visit] = _visits(members_app)
    assert visit.status == "confirmed"  # never cancelled behind anyone's back
    assert submit(desk, NEW, _caller(slot=f"{TUESDAY}T16:00")).status_code in (409, 422)
    with members_app.app_context():
        block_id = db.session.scalar(sa.select(Block.id))
    assert submit(desk, blocks, {}, action=f"{blocks}/{block_id}/delete").status_code == 303
    assert f'value="{TUESDAY}T14:00"' in _offered(member_client)


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"end": f"{TUESDAY}T09:00"}, "after the start"),
        ({"start": "2026-03-01T09:00", "end": "2026-03-01T18:00"}, "gone by"),
        ({"start": "next week"}, "for example"),
        ({"reason": ""}, "Say why"),
        ({"doctor": "999"}, "doctors in the list"),
    ],
)
def test_a_block_that_makes_no_sense_is_refused(members_app, desk, changes, says):
    form = {"doctor": "all", "start": f"{TUESDAY}T14:00", "end": f"{TUESDAY}T18:00",
            "reason": "Inspection", **changes}  # fmt: skip
    response = submit(desk, "/admin/reservations/blocks", form)
    assert response.status_code == 422 and says in response.get_data(as_text=True)
    with members_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Block)) == 0


def test_moving_a_visit_frees_the_old_seat_only_when_the_new_one_is_taken(
    members_app, desk, member_client, make_member
):
    assert book(member_client, f"{TUESDAY}T10:00").status_code == 303
    assert submit(desk, NEW, _caller(slot=f"{TUESDAY}T11:00")).status_code == 303
    member_visit, caller_visit = _visits(members_app)
    url = f"/admin/reservations/{member_visit.id}"
    page = desk.get(url).get_data(as_text=True)
    assert f'value="{TUESDAY}T10:30"' in page and f'value="{TUESDAY}T11:00"' not in page
    taken = submit(desk, url, {"slot": f"{TUESDAY}T11:00", "doctor": "any", "date": TUESDAY},
                   action=f"{url}/move")  # fmt: skip
    assert taken.status_code == 409
    with members_app.app_context():
        holds = db.session.scalars(
            sa.select(SlotHold.reservation_id).order_by(SlotHold.starts_at)
        ).all()
    assert holds == [member_visit.id, caller_visit.id]  # nothing changed
    moved = submit(desk, url, {"slot": f"{TUESDAY}T15:30", "doctor": "any", "date": TUESDAY},
                   action=f"{url}/move")  # fmt: skip
    assert moved.status_code == 303
    assert f'value="{TUESDAY}T10:00"' in _offered(member_client)  # the old seat is free
    visits = member_client.get("/reservations").get_data(as_text=True)
    assert "15:30" in visits and "10:00" not in visits


def test_the_week_and_the_printed_day_show_who_is_coming_and_are_recorded(
    members_app, desk, member_client
):
    assert book(member_client, f"{TUESDAY}T10:00").status_code == 303
    assert submit(desk, NEW, _caller(slot=f"{TUESDAY}T11:00")).status_code == 303
    week = desk.get(f"/admin/reservations/week?date={TUESDAY}&doctor=1").get_data(as_text=True)
    assert ADULT["name"] in week and "이영희" in week
    printed = desk.get(f"/admin/reservations?date={TUESDAY}&print=1").get_data(as_text=True)
    assert ADULT["name"] in printed and "010-5555-6666" in printed
    with members_app.app_context():
        details = db.session.scalars(
            sa.select(AccessRecord.detail).where(AccessRecord.subject_kind == "schedule")
        ).all()
    assert details == ["week:2026-03-09", f"day:{TUESDAY}"]


def test_a_callers_name_and_mobile_go_with_the_visit_a_year_after_it(
    members_app, desk, members_runner
):
    assert submit(desk, NEW, _caller()).status_code == 303
    members_app.config["CLOCK_FROZEN_AT"] = MONDAY_9AM + timedelta(days=365)
    assert "reservation: 0" in members_runner.invoke(args=["purge"]).output
    members_app.config["CLOCK_FROZEN_AT"] = MONDAY_9AM + timedelta(days=367)
    assert "reservation: 1" in members_runner.invoke(args=["purge"]).output
    assert _visits(members_app) == []


def test_about_shows_each_doctors_week_and_the_days_they_are_away(members_app, desk):
    with members_app.app_context():
        lee = clinic.save_doctor(
            None, name_ko="이서준", name_en="Dr Lee", active=True,
            hours={1: (time(10), time(15)), 2: (time(10), time(15)), 3: (time(9), time(13))},
        )  # fmt: skip
        db.session.commit()
        lee_id = lee.id
    page = english(members_app.test_client()).get("/about").get_data(as_text=True)
    lee_part = page[page.index("Dr Lee") :]
    assert "Tue–Wed" in lee_part and "10:00–15:00" in lee_part and "Thu" in lee_part
    assert "Mon" not in lee_part[: lee_part.index("</section>")]  # the director's Monday
    form = {"doctor": str(lee_id), "start": "2026-03-11T00:00", "end": "2026-03-11T23:59",
            "reason": "Conference"}  # fmt: skip
    assert submit(desk, "/admin/reservations/blocks", form).status_code == 303
    page = english(members_app.test_client()).get("/about").get_data(as_text=True)
    lee_part = page[page.index("Dr Lee") :]
    assert '<time datetime="2026-03-11">' in lee_part and "Conference" not in page
    korean = members_app.test_client().get("/about").get_data(as_text=True)
    assert "화–수" in korean and "진료 시간" in korean
