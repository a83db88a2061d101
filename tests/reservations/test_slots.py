"""Free times at the edges: lunch, closed days, public holidays, the end of the day, the minimum
notice, the booking horizon, doctors' own hours, and a time zone other than the machine's."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from clinic_site.clinic import services as clinic
from clinic_site.clinic.models import Doctor
from clinic_site.extensions import db
from clinic_site.reservations import slots
from clinic_site.reservations.setup.models import BookingSettings, Service
from clinic_site.reservations.setup.queries import booking_rules
from tests.fixtures.booking import MONDAY_9AM


def _times(app, day: date, service_id: int = 1, doctor_id: int | None = None) -> list[str]:
    with app.test_request_context():
        service = db.session.get(Service, service_id)
        doctor = db.session.get(Doctor, doctor_id) if doctor_id else None
        return [s.start.strftime("%H:%M") for s in slots.day_slots(day, service, doctor).slots]


def _rules(app, **changes) -> None:
    with app.app_context():
        row = db.session.get(BookingSettings, 1)
        for name, value in changes.items():
            setattr(row, name, value)
        db.session.commit()


def test_a_first_run_week_and_the_minimum_notice(members_app):
    # Monday 09:00: nothing before 11:00 (two hours' notice), nothing at lunch, none at 18:00.
    assert _times(members_app, date(2026, 3, 9)) == [
        "11:00", "11:30", "12:00", "12:30", "14:00", "14:30", "15:00", "15:30", "16:00",
        "16:30", "17:00", "17:30",
    ]  # fmt: skip
    assert _times(members_app, date(2026, 3, 10))[:2] == ["09:00", "09:30"]
    assert _times(members_app, date(2026, 3, 14)) == [
        "09:00",
        "09:30",
        "10:00",
        "10:30",
        "11:00",
        "11:30",
        "12:00",
        "12:30",
    ]  # Saturday, fmt: skip
    assert _times(members_app, date(2026, 3, 15)) == []  # Sunday


def test_public_holidays_and_the_clinic_s_own_closed_days(members_app):
    _rules(members_app, horizon_days=365)
    assert _times(members_app, date(2026, 5, 5)) == []  # Children's Day
    assert _times(members_app, date(2026, 9, 25)) == []  # Chuseok, a lunar date
    assert _times(members_app, date(2026, 5, 25)) == []  # a substitute holiday
    assert _times(members_app, date(2026, 5, 26)) != []
    with members_app.test_request_context():
        clinic.close_day(date(2026, 3, 11), "연수", "Training")
        db.session.commit()
        day = slots.day_slots(date(2026, 3, 11), db.session.get(Service, 1), None, "en")
    assert day.slots == [] and day.closed == "Training"
    from clinic_site.settings.services import update_settings

    with members_app.app_context():
        update_settings(closed_on_public_holidays=False)
        db.session.commit()
    assert _times(members_app, date(2026, 5, 5)) != []


def test_the_booking_horizon(members_app):
    assert _times(members_app, date(2026, 4, 8)) != []  # 30 days ahead
    assert _times(members_app, date(2026, 4, 9)) == []  # 31
    assert _times(members_app, date(2026, 3, 6)) == []  # the past


def test_a_long_treatment_needs_every_slot_free_and_fits_around_lunch(members_app):
    with members_app.app_context():
        db.session.add(Service(id=2, name_ko="스케일링", slots=2, position=2))
        db.session.commit()
    tuesday = _times(members_app, date(2026, 3, 10), service_id=2)
    assert "12:30" not in tuesday  # would run into lunch
    assert "17:30" not in tuesday  # would run past closing
    assert "12:00" in tuesday and "17:00" in tuesday


def test_a_doctor_s_own_hours_and_any_doctor(members_app):
    with members_app.app_context():
        clinic.save_doctor(
            None, name_ko="김의사", name_en="Dr Kim", active=True, hours={1: (time(14), time(16))}
        )  # Tuesdays 14-16, fmt: skip
        db.session.commit()
        kim = db.session.scalar(db.select(Doctor).where(Doctor.name_ko == "김의사")).id
    assert _times(members_app, date(2026, 3, 10), doctor_id=kim) == [
        "14:00",
        "14:30",
        "15:00",
        "15:30",
    ]
    assert _times(members_app, date(2026, 3, 11), doctor_id=kim) == []
    assert len(_times(members_app, date(2026, 3, 10))) == 16  # any doctor: the director's whole day


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Seoul"])
def test_times_are_the_clinic_s_whatever_the_machine_s(make_app, zone):
    app = make_app("members", CLINIC_TIMEZONE=zone)
    # 23:30 UTC on Monday is Tuesday 08:30 in Seoul and Monday 19:30 in New York.
    app.config["CLOCK_FROZEN_AT"] = datetime(2026, 3, 9, 23, 30, tzinfo=UTC)
    with app.test_request_context():
        service = db.session.get(Service, 1)
        today = slots.horizon(booking_rules())[0]
        first = slots.day_slots(today, service, None).slots
    if zone == "Asia/Seoul":
        assert today == date(2026, 3, 10) and first[0].value == "2026-03-10T10:30"
    else:
        assert today == date(2026, 3, 9) and first == []  # the evening: closed already


def test_slot_values_are_parsed_strictly(members_app):
    with members_app.app_context():
        assert slots.parse_slot("2026-03-10T09:00").hour == 9
        for bad in ("2026-03-10 09:00", "2026-03-10T09:00:00", "10/03/2026", "", None, "x" * 16):
            assert slots.parse_slot(bad) is None


def test_the_clock_is_frozen_where_the_tests_say(members_app):
    with members_app.app_context():
        from clinic_site.platform import clock

        assert clock.now() == MONDAY_9AM
