"""Which times can be booked on a day: the clinic's hours and lunch, its closed days and public
holidays, each doctor's working hours, the seats already taken, the past and the minimum notice,
and how far ahead booking is open, all in the clinic's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..clinic import services as clinic
from ..clinic.models import Doctor
from ..extensions import db
from ..platform import clock
from .models import SlotHold
from .setup.models import Service
from .setup.queries import Rules, booking_rules


@dataclass(frozen=True)
class Slot:
    """A start time on the day and the doctors who can still take a patient for the whole
    service from then on."""

    start: datetime  # aware, in the clinic's time zone
    doctors: tuple[int, ...]

    @property
    def value(self) -> str:
        """How the booking form names it: ``YYYY-MM-DDTHH:MM`` in clinic time."""
        return self.start.strftime("%Y-%m-%dT%H:%M")


@dataclass(frozen=True)
class Day:
    """What the booking page shows for one day: its free slots, or why there are none."""

    day: date
    slots: list[Slot]
    closed: str | None = None  # why the clinic is closed, in the page's language
    outside: bool = False  # before today or beyond the booking horizon


def horizon(rules: Rules) -> tuple[date, date]:
    """The first and last day that can be booked."""
    today = clock.today()
    return today, today + timedelta(days=rules.horizon_days)


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=clock.zone())


Taken = dict[tuple[int, datetime], int]


def taken_between(first: date, last: date, doctor_ids: list[int]) -> Taken:
    """Seats already held per (doctor, slot start) from ``first`` to ``last``, in one query."""
    rows = db.session.execute(
        db.select(SlotHold.doctor_id, SlotHold.starts_at, db.func.count())
        .where(
            SlotHold.doctor_id.in_(doctor_ids),
            SlotHold.starts_at >= _at(first, time(0)),
            SlotHold.starts_at < _at(last + timedelta(days=1), time(0)),
        )
        .group_by(SlotHold.doctor_id, SlotHold.starts_at)
    )
    return {(doctor, at.astimezone(clock.zone())): count for doctor, at, count in rows}


def day_slots(
    day: date, service: Service, doctor: Doctor | None, lang: str = "ko", taken: Taken | None = None
) -> Day:
    """The free slots of ``day`` for ``service`` with ``doctor`` (None: any doctor). ``taken``:
    the seats held, when the caller has read them for many days at once."""
    rules = booking_rules()
    first, last = horizon(rules)
    if not first <= day <= last:
        return Day(day, [], outside=True)
    hours = clinic.hours_on(day)
    if hours is None:
        reason = clinic.closure(day, lang)
        return Day(day, [], closed=reason.reason if reason and reason.reason else "")
    doctors = [doctor] if doctor is not None else clinic.doctors()
    working: dict[int, tuple[time, time]] = {}
    for each in doctors:
        hours_of = clinic.working_hours(each.id, day)
        if hours_of is not None:
            working[each.id] = hours_of
    if taken is None:
        taken = taken_between(day, day, list(working))
    step = timedelta(minutes=rules.slot_minutes)
    length = step * service.slots
    earliest = clock.local_now() + timedelta(minutes=rules.notice_minutes)
    found = []
    start = _at(day, hours.opens)
    while start + length <= _at(day, hours.closes):
        parts = [start + step * n for n in range(service.slots)]
        if start >= earliest and all(hours.open_at(p.time()) for p in parts):
            free = tuple(
                doctor_id
                for doctor_id, (starts, ends) in working.items()
                if _at(day, starts) <= start
                and start + length <= _at(day, ends)
                and all(taken.get((doctor_id, p), 0) < rules.per_slot for p in parts)
            )
            if free:
                found.append(Slot(start, free))
        start += step
    return Day(day, found)


def held(service_doctor: Doctor | None) -> Taken:
    """The seats held over the whole booking horizon for ``service_doctor`` (None: any doctor),
    in one query: a page asking about several days reads them once."""
    first, last = horizon(booking_rules())
    doctors = [service_doctor] if service_doctor is not None else clinic.doctors()
    return taken_between(first, last, [each.id for each in doctors])


def next_free_day(
    after: date, service: Service, doctor: Doctor | None, taken: Taken | None = None
) -> date | None:
    """The first day after ``after`` with a free slot, within the booking horizon."""
    _first, last = horizon(booking_rules())
    day = after + timedelta(days=1)
    if day > last:
        return None
    taken = held(doctor) if taken is None else taken
    while day <= last:
        if day_slots(day, service, doctor, taken=taken).slots:
            return day
        day += timedelta(days=1)
    return None


def parse_slot(value: str | None) -> datetime | None:
    """A slot as the form sends it (``YYYY-MM-DDTHH:MM``, clinic time), or None when it is not
    one: anything else, seconds included, is not a slot."""
    if not value or len(value) != 16:
        return None
    try:
        parsed = datetime.strptime(value, "%Y-%m-%dT%H:%M")
    except ValueError:
        return None
    return parsed.replace(tzinfo=clock.zone())
