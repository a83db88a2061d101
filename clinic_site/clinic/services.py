"""The clinic's week and its closed days, as pages and bookings read them; all in clinic time.

A day is closed when its weekday has no hours, when it is a Korean public holiday (and the clinic
closes on them: the ``closed_on_public_holidays`` setting), or when the owner closed it. Public
holidays come from the maintained ``holidays`` library, substitute holidays and lunar dates
included, never from a hand-typed list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import lru_cache

import holidays
from flask import g

from ..cache.revision import copies, forget, kept
from ..extensions import db
from ..platform import clock
from ..platform.translated import in_language
from ..settings.queries import get_settings
from .models import ClosedDay, Doctor, DoctorHours, OpeningHours
from .refusals import CalendarRefused

LOOK_AHEAD_DAYS = 120  # how far pages look for the next closed day
KEPT_AS = "clinic_calendar"


@dataclass(frozen=True)
class DayHours:
    """When the clinic is open on one day: ``opens``-``closes`` with an optional lunch break."""

    opens: time
    closes: time
    lunch_from: time | None = None
    lunch_to: time | None = None

    def open_at(self, moment: time) -> bool:
        if not self.opens <= moment < self.closes:
            return False
        at_lunch = self.lunch_from and self.lunch_to and self.lunch_from <= moment < self.lunch_to
        return not at_lunch


@dataclass(frozen=True)
class Closure:
    day: date
    reason: str  # the holiday's name or the owner's reason, in the page's language; may be ""
    kind: str  # "holiday" | "clinic"


# The holidays package names 1 January after the two-day holiday it was until 1998 ("신정연휴");
# it is one day now, which patients call 신정.
_KOREAN_NAMES = {"신정연휴": "신정"}


@lru_cache(maxsize=16)
def _holidays(year: int, lang: str) -> dict[date, str]:
    names = holidays.country_holidays("KR", years=year, language="ko" if lang == "ko" else "en_US")
    return {day: _KOREAN_NAMES.get(name, name) for day, name in names.items()}


def public_holiday(day: date, lang: str = "ko") -> str | None:
    """The name of the Korean public holiday on ``day``, or None."""
    return _holidays(day.year, lang).get(day)


def public_holidays_from(start: date, lang: str, count: int) -> list[tuple[date, str]]:
    """The next ``count`` public holidays from ``start`` on."""
    found = [
        (day, name)
        for year in (start.year, start.year + 1)
        for day, name in sorted(_holidays(year, lang).items())
        if day >= start
    ]
    return found[:count]


@dataclass(frozen=True)
class Calendar:
    """The clinic's week, its own closed days and its doctors' hours, read together and kept:
    pages ask about many days at once, and the answer must not cost a query per day."""

    week: dict[int, DayHours | None]  # weekday (Monday 0) to its hours; None: closed that day
    closed: dict[date, tuple[str, str]]  # the owner's closed days: (reason in Korean, in English)
    doctor_hours: dict[int, dict[int, tuple[time, time]]]  # doctor to weekday to (from, until)


def _read_calendar() -> Calendar:
    week: dict[int, DayHours | None] = {n: None for n in range(7)}
    for row in db.session.scalars(db.select(OpeningHours)):
        if not row.closed:
            assert row.opens is not None and row.closes is not None
            week[row.weekday] = DayHours(row.opens, row.closes, row.lunch_from, row.lunch_to)
    closed = {
        row.day: (row.reason_ko, row.reason_en) for row in db.session.scalars(db.select(ClosedDay))
    }
    hours: dict[int, dict[int, tuple[time, time]]] = {}
    for row in db.session.scalars(db.select(DoctorHours)):
        hours.setdefault(row.doctor_id, {})[row.weekday] = (row.starts, row.ends)
    return Calendar(week, closed, hours)


def calendar() -> Calendar:
    """The calendar, kept per process while the site's revision holds."""
    return kept(KEPT_AS, _read_calendar)


def _changed() -> None:
    """The owner changed the calendar or the doctors: this transaction reads them afresh."""
    forget(KEPT_AS)
    forget(KEPT_DOCTORS)
    g.pop("clinic_doctors", None)


def week() -> dict[int, DayHours | None]:
    """The weekly hours by weekday (Monday 0); None for a weekday the clinic is closed."""
    return calendar().week


def closure(day: date, lang: str = "ko") -> Closure | None:
    """Why the clinic is closed on ``day`` beyond its weekly closed days, or None."""
    own = calendar().closed.get(day)
    if own is not None:
        reason_ko, reason_en = own
        return Closure(day, in_language(reason_ko, reason_en, lang), "clinic")
    if get_settings().closed_on_public_holidays:
        name = public_holiday(day, lang)
        if name:
            return Closure(day, name, "holiday")
    return None


def hours_on(day: date) -> DayHours | None:
    """The clinic's hours on ``day``, or None when it is closed that day."""
    hours = week().get(day.weekday())
    if hours is None or closure(day) is not None:
        return None
    return hours


def open_now() -> bool:
    now = clock.local_now()
    hours = hours_on(now.date())
    return hours is not None and hours.open_at(now.time())


def upcoming_closures(start: date, lang: str, limit: int = 3) -> list[Closure]:
    """The next days the clinic is closed although its week says it opens (holidays and its own
    closed days), from ``start`` on."""
    found: list[Closure] = []
    for offset in range(LOOK_AHEAD_DAYS):
        day = start + timedelta(days=offset)
        if week().get(day.weekday()) is None:
            continue
        reason = closure(day, lang)
        if reason is not None:
            found.append(reason)
            if len(found) == limit:
                break
    return found


def hours_checked() -> bool:
    """Whether the owner has saved the week at least once (the first start fills one in)."""
    return get_settings().hours_checked


def doctors_named() -> bool:
    """Whether every doctor patients see has been saved by the owner (none is a placeholder)."""
    return not any(d.placeholder for d in doctors())


def public_doctors() -> list[Doctor]:
    """The doctors the public pages introduce: not the placeholder a first start makes."""
    return [d for d in doctors() if not d.placeholder]


KEPT_DOCTORS = "clinic_active_doctors"


def _read_active_doctors() -> tuple[Doctor, ...]:
    # Copies no session knows, read by the requests that come; a change goes through the row.
    table = Doctor.__table__
    select = db.select(table).where(table.c.active).order_by(table.c.position, table.c.id)
    return copies(Doctor, select)


def doctors(active_only: bool = True) -> list[Doctor]:
    """The doctors in the owner's order: those patients see kept while the site's revision
    holds (every booking page asks for them), all of them read once per request."""
    if active_only:
        return list(kept(KEPT_DOCTORS, _read_active_doctors))
    memo = g.setdefault("clinic_doctors", {})
    if active_only not in memo:
        select = db.select(Doctor).order_by(Doctor.position, Doctor.id)
        memo[active_only] = list(db.session.scalars(select))
    return memo[active_only]


def doctor_hours(doctor_id: int) -> dict[int, tuple[time, time]]:
    """The doctor's own (from, until) by weekday; empty: whenever the clinic is open."""
    return calendar().doctor_hours.get(doctor_id, {})


def _weekly(doctor_id: int, weekday: int) -> tuple[time, time] | None:
    """(starts, ends) of the doctor on ``weekday`` of an ordinary week, within the clinic's
    hours. A doctor without hours of their own works whenever the clinic is open."""
    clinic = week().get(weekday)
    if clinic is None:
        return None
    own = doctor_hours(doctor_id)
    if not own:
        return clinic.opens, clinic.closes
    if weekday not in own:
        return None
    starts, ends = own[weekday]
    starts, ends = max(starts, clinic.opens), min(ends, clinic.closes)
    return (starts, ends) if starts < ends else None


def timetable(doctor_id: int) -> list[tuple[int, tuple[time, time] | None]]:
    """The doctor's ordinary week, Monday first: (weekday, (starts, ends) or None)."""
    return [(weekday, _weekly(doctor_id, weekday)) for weekday in range(7)]


def working_hours(doctor_id: int, day: date) -> tuple[time, time] | None:
    """(starts, ends) of the doctor on ``day``, or None: the clinic is closed that day or the
    doctor does not work on that weekday."""
    if hours_on(day) is None:
        return None
    return _weekly(doctor_id, day.weekday())


def save_week(days: dict[int, dict]) -> None:
    """Replace the weekly hours: ``days[weekday]`` has open, opens, closes, lunch_from, lunch_to;
    a weekday not given is closed."""
    closed = {"open": False, "opens": None, "closes": None, "lunch_from": None, "lunch_to": None}
    for weekday in range(7):
        values = days.get(weekday, closed)
        row = db.session.get(OpeningHours, weekday) or OpeningHours(weekday=weekday)
        db.session.add(row)
        is_open = bool(values["open"])
        row.opens = values["opens"] if is_open else None
        row.closes = values["closes"] if is_open else None
        lunch = is_open and values["lunch_from"] and values["lunch_to"]
        row.lunch_from = values["lunch_from"] if lunch else None
        row.lunch_to = values["lunch_to"] if lunch else None
    db.session.flush()
    _changed()


def close_day(day: date, reason_ko: str, reason_en: str) -> ClosedDay:
    """Close the clinic on ``day``; refuses a day in the past or one already closed."""
    if day < clock.today():
        raise CalendarRefused("past", "day")
    if db.session.get(ClosedDay, day) is not None:
        raise CalendarRefused("already_closed", "day")
    row = ClosedDay(day=day, reason_ko=reason_ko, reason_en=reason_en, created_at=clock.now())
    db.session.add(row)
    db.session.flush()
    _changed()
    return row


def reopen_day(day: date) -> None:
    db.session.execute(db.delete(ClosedDay).where(ClosedDay.day == day))
    _changed()


def save_doctor(
    doctor: Doctor | None,
    *,
    name_ko: str,
    name_en: str,
    active: bool,
    hours: dict[int, tuple[time, time]] | None,
    **profile: str,
) -> Doctor:
    """Add a doctor (``doctor`` None) or change one. ``hours`` maps weekday to (starts, ends);
    None means the doctor works whenever the clinic is open. ``profile`` holds what the About
    page shows (title, specialties, career, each ``_ko`` and ``_en``)."""
    if doctor is None:
        last = db.session.scalar(db.select(db.func.max(Doctor.position))) or 0
        doctor = Doctor(position=last + 1)
        db.session.add(doctor)
    doctor.name_ko, doctor.name_en, doctor.active = name_ko, name_en, active
    doctor.placeholder = False
    for name, value in profile.items():
        setattr(doctor, name, value)
    db.session.flush()
    db.session.execute(db.delete(DoctorHours).where(DoctorHours.doctor_id == doctor.id))
    for weekday, (starts, ends) in (hours or {}).items():
        db.session.add(DoctorHours(doctor_id=doctor.id, weekday=weekday, starts=starts, ends=ends))
    db.session.flush()
    _changed()
    return doctor


def doctor(doctor_id: int) -> Doctor | None:
    return db.session.get(Doctor, doctor_id)
