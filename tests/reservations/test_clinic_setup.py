"""The owner keeps the week, the closed days, the doctors, the booking rules and the treatments."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from clinic_site.clinic.models import ClosedDay, Doctor, DoctorHours, OpeningHours
from clinic_site.extensions import db
from clinic_site.reservations.setup.models import BookingSettings, Service
from tests.helpers import english, login_staff, said, submit


@pytest.fixture
def owner(members_app, members_staff_factory):
    client = english(members_app.test_client())
    login_staff(client, *members_staff_factory("owner"))
    return client


def _week(**changes) -> dict:
    data = {}
    for n in range(7):
        open_ = n < 6
        data.update({f"days-{n}-open": "y" if open_ else "", f"days-{n}-opens": "09:00",
                     f"days-{n}-closes": "18:00" if n < 5 else "13:00",
                     f"days-{n}-lunch_from": "13:00" if n < 5 else "",
                     f"days-{n}-lunch_to": "14:00" if n < 5 else ""})  # fmt: skip
    data["closed_on_public_holidays"] = "y"
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_the_owner_changes_the_week(members_app, owner):
    page = owner.get("/admin/clinic/hours").get_data(as_text=True)
    assert 'value="09:00"' in page and "Saturday" in page
    response = submit(owner, "/admin/clinic/hours", _week(**{"days-2-open": ""}))  # Wednesday
    assert response.status_code == 303
    with members_app.app_context():
        assert db.session.get(OpeningHours, 2).closed
        assert db.session.get(OpeningHours, 1).lunch_from.hour == 13


@pytest.mark.parametrize(
    "changes",
    [
        {"days-0-closes": "08:00"},  # closes before it opens
        {"days-0-lunch_to": ""},  # half a lunch break
        {"days-0-lunch_from": "19:00", "days-0-lunch_to": "20:00"},  # lunch after closing
        {"days-0-opens": "9 o'clock"},
    ],
)
def test_a_week_that_makes_no_sense_is_refused(members_app, owner, changes):
    response = submit(owner, "/admin/clinic/hours", _week(**changes))
    assert response.status_code == 422 and 'class="error"' in response.get_data(as_text=True)
    # The summary at the top names the day and the field, and links to it.
    field = next(iter(changes)).split("-")[-1] if len(changes) == 1 else "lunch_to"
    label = {"closes": "Closes", "lunch_to": "Lunch until", "opens": "Opens"}[field]
    assert f'<a href="#days-0-{field}">Monday · {label}</a>' in response.get_data(as_text=True)
    assert "{}" not in said(response)
    with members_app.app_context():
        assert db.session.get(OpeningHours, 0).closes.hour == 18


def test_closed_days_are_added_refused_in_the_past_and_reopened(members_app, owner):
    form = {"day": "2026-03-20", "reason_ko": "내부 연수", "reason_en": "Staff training"}
    assert submit(owner, "/admin/clinic/closed", form).status_code == 303
    assert submit(owner, "/admin/clinic/closed", form).status_code == 422  # already closed
    past = submit(owner, "/admin/clinic/closed", {**form, "day": "2026-03-01"})
    assert past.status_code == 422 and "today or a later day" in past.get_data(as_text=True)
    page = owner.get("/admin/clinic/closed").get_data(as_text=True)
    assert "Staff training" in page
    reopened = submit(
        owner, "/admin/clinic/closed", {}, action="/admin/clinic/closed/2026-03-20/reopen"
    )
    assert reopened.status_code == 303
    with members_app.app_context():
        assert db.session.get(ClosedDay, date(2026, 3, 20)) is None


def test_the_owner_adds_a_doctor_with_own_hours(members_app, owner):
    # As a browser sends it: every day's time boxes, filled or empty; only ticked boxes.
    form = {"name_ko": "이치과", "name_en": "Dr Lee", "active": "y"}
    for n in range(7):
        form.update({f"days-{n}-starts": "", f"days-{n}-ends": ""})
    form.update({"days-1-works": "y", "days-1-starts": "10:00", "days-1-ends": "15:00"})
    assert submit(owner, "/admin/clinic/doctors/new", form).status_code == 303
    with members_app.app_context():
        lee = db.session.scalar(sa.select(Doctor).where(Doctor.name_ko == "이치과"))
        hours = db.session.scalars(
            sa.select(DoctorHours).where(DoctorHours.doctor_id == lee.id)
        ).all()
    assert [(h.weekday, h.starts.hour, h.ends.hour) for h in hours] == [(1, 10, 15)]
    nothing = submit(owner, "/admin/clinic/doctors/new", {"name_ko": "박", "active": "y"})
    assert nothing.status_code == 422  # neither all hours nor any day


def test_the_owner_sets_booking_rules_and_treatments(members_app, owner):
    rules = {"slot_minutes": "20", "per_slot": "2", "horizon_days": "14", "notice_minutes": "60",
             "cancel_hours": "12", "confirm_at_once": "", "guest_requests": "y"}  # fmt: skip
    assert (
        submit(
            owner, "/admin/reservations/settings", {k: v for k, v in rules.items() if v}
        ).status_code
        == 303
    )
    with members_app.app_context():
        saved = db.session.get(BookingSettings, 1)
        assert (saved.slot_minutes, saved.per_slot, saved.confirm_at_once) == (20, 2, False)
    bad = submit(owner, "/admin/reservations/settings", {**rules, "per_slot": "0"})
    assert bad.status_code == 422
    treatment = {
        "name_ko": "임플란트 상담",
        "name_en": "Implant consultation",
        "slots": "2",
        "active": "y",
    }
    # The length is chosen in minutes of the rules' 20-minute slots.
    form = owner.get("/admin/reservations/services/new").get_data(as_text=True)
    assert '<option value="2">40 minutes</option>' in form
    assert (
        '<option value="3">1 h</option>' in form and '<option value="4">1 h 20 min</option>' in form
    )
    too_long = submit(owner, "/admin/reservations/services/new", {**treatment, "slots": "17"})
    assert too_long.status_code == 422
    assert submit(owner, "/admin/reservations/services/new", treatment).status_code == 303
    with members_app.app_context():
        assert (
            db.session.scalar(sa.select(Service.slots).where(Service.name_en.like("Implant%"))) == 2
        )


def test_a_treatment_the_website_describes_is_made_bookable_with_one_press(members_app, owner):
    described = {"title_ko": "임플란트", "title_en": "Implants", "body_ko": "치아를 대신합니다."}
    assert submit(owner, "/admin/treatments/new", described).status_code == 303
    page = owner.get("/admin/reservations/services").get_data(as_text=True)
    assert "On your website, not bookable yet" in page and "임플란트" in page
    assert "Consultation · 30 minutes" in page  # the length in minutes, not in slots
    assert '">Choose what patients can book online' in owner.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/treatments"' in page  # the two lists lead to each other
    assert 'href="/admin/reservations/services"' in owner.get("/admin/treatments").get_data(
        as_text=True
    )
    with members_app.app_context():
        from clinic_site.pages.models import Treatment

        treatment = db.session.scalar(
            sa.select(Treatment.id).where(Treatment.title_ko == "임플란트")
        )
    action = f"/admin/reservations/services/from-treatment/{treatment}"
    for _ in range(2):  # pressed twice (a double click, the back button): one treatment to book
        done = submit(owner, "/admin/reservations/services", {}, action=action)
        assert done.status_code == 303
    with members_app.app_context():
        rows = db.session.execute(
            sa.select(Service.name_en, Service.slots).where(Service.name_ko == "임플란트")
        ).all()
    assert rows == [("Implants", 1)]
    page = owner.get("/admin/reservations/services").get_data(as_text=True)
    assert "임플란트 is among the treatments to book already." in page  # the second press
    assert "On your website, not bookable yet" not in page
    # Adding one is saying what patients book: that step of the setup list is done.
    assert "✓ Choose what patients can book online" in owner.get("/admin/").get_data(as_text=True)
    # Patients choose it when booking.
    assert "Implants" in members_app.test_client().get(
        "/reservations/request", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)


def test_every_treatment_the_website_describes_is_made_bookable_at_once(members_app, owner):
    for title in ("내과 일반 진료", "만성질환 관리"):
        assert submit(owner, "/admin/treatments/new", {"title_ko": title}).status_code == 303
    action = "/admin/reservations/services/from-treatments"
    assert submit(owner, "/admin/reservations/services", {}, action=action).status_code == 303
    page = owner.get("/admin/reservations/services").get_data(as_text=True)
    assert "Patients can now book: 내과 일반 진료, 만성질환 관리." in page
    assert "On your website, not bookable yet" not in page
    with members_app.app_context():
        names = db.session.scalars(sa.select(Service.name_ko).order_by(Service.position)).all()
    assert names == ["진료", "내과 일반 진료", "만성질환 관리"]


def test_the_owner_keeps_the_treatments_to_book_as_they_are(members_app, owner):
    page = owner.get("/admin/reservations/services").get_data(as_text=True)
    assert "Take bookings for these treatments</button>" in page
    kept = submit(owner, "/admin/reservations/services", {})
    assert kept.status_code == 303
    page = owner.get("/admin/reservations/services").get_data(as_text=True)
    assert "The treatments to book are confirmed.</p>" in page  # said once, the button gone
    assert "Take bookings for these treatments</button>" not in page
    assert "✓ Choose what patients can book online" in owner.get("/admin/").get_data(as_text=True)


def test_staff_who_are_not_the_owner_cannot_change_the_clinic(members_app, members_staff_factory):
    staff = english(members_app.test_client())
    login_staff(staff, *members_staff_factory("staff"))
    for path in ("/admin/clinic/hours", "/admin/clinic/closed", "/admin/clinic/doctors",
                 "/admin/reservations/settings", "/admin/reservations/services"):  # fmt: skip
        assert staff.get(path).status_code == 403, path
