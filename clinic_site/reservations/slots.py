"""Which times can be booked on a day: the clinic's hours and lunch, its closed days and public
holidays, each doctor's working hours, blocked time, the seats already taken, the past and the
minimum notice, and how far ahead booking is open, all in the clinic's time zone. A time is
offered only when the treatment's whole length fits. When a time is not bookable, ``refusal``
says the true reason.

Patients online book from the minimum notice to the booking horizon; the front desk (``desk``)
books from the slot under way (a walk-in) to a year ahead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..clinic import services as clinic
from ..clinic.models import Doctor
from ..core.dates import day as format_day
from ..extensions import db
from ..platform import clock
from . import kept_days
from .blocks.models import Block
from .models import SlotHold
from .refusals import BookingRefused
from .setup.models import Service
from .setup.queries import Rules, booking_rules

DESK_DAYS_AHEAD = 365  # how far ahead the front desk may book


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


Taken = dict[tuple[int, datetime], int]


@dataclass(frozen=True)
class Blocked:
    """Blocked time: for one doctor, or for every doctor (``doctor_id`` None)."""

    doctor_id: int | None
    start: datetime
    end: datetime
    reason: str


@dataclass(frozen=True)
class Held:
    """The seats taken and the blocked time over a stretch of days, read once for a page that
    asks about many days."""

    taken: Taken
    blocks: tuple[Blocked, ...]

    def blocking(self, doctor_id: int, start: datetime, end: datetime) -> Blocked | None:
        """The block that covers any of ``start``-``end`` for ``doctor_id``, if one does."""
        for block in self.blocks:
            if block.doctor_id in (None, doctor_id) and block.start < end and start < block.end:
                return block
        return None


@dataclass(frozen=True)
class Window:
    """Who books decides from when and until when: ``earliest`` instant, ``last`` day."""

    earliest: datetime
    first: date
    last: date


def horizon(rules: Rules) -> tuple[date, date]:
    """The first and last day patients can book online."""
    today = clock.today()
    return today, today + timedelta(days=rules.horizon_days)


def window(desk: bool = False) -> Window:
    """From when and until when a booking can be made: online, from the minimum notice to the
    booking horizon; at the desk, from the slot under way to a year ahead."""
    rules = booking_rules()
    now = clock.local_now()
    first, last = horizon(rules)
    if not desk:
        return Window(now + timedelta(minutes=rules.notice_minutes), first, last)
    step = rules.slot_minutes * 60
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    under_way = midnight + timedelta(seconds=(now - midnight).seconds // step * step)
    return Window(under_way, first, first + timedelta(days=DESK_DAYS_AHEAD))


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=clock.zone())


def held_between(first: date, last: date, doctor_ids: list[int]) -> Held:
    """The seats held per (doctor, slot start) and the blocks from ``first`` to ``last``, in two
    queries."""
    since, until = _at(first, time(0)), _at(last + timedelta(days=1), time(0))
    rows = db.session.execute(
        db.select(SlotHold.doctor_id, SlotHold.starts_at, db.func.count())
        .where(
            SlotHold.doctor_id.in_(doctor_ids),
            SlotHold.starts_at >= since,
            SlotHold.starts_at < until,
        )
        .group_by(SlotHold.doctor_id, SlotHold.starts_at)
    )
    taken = {(doctor, at.astimezone(clock.zone())): count for doctor, at, count in rows}
    blocks = tuple(
        Blocked(
            row.doctor_id, clock.to_local(row.starts_at), clock.to_local(row.ends_at), row.reason
        )  # fmt: skip
        for row in db.session.scalars(
            db.select(Block).where(Block.starts_at < until, Block.ends_at > since)
        )
    )
    return Held(taken, blocks)


def held_in_window(doctor: Doctor | None, desk: bool = False) -> Held:
    """Seats and blocks over the whole window for ``doctor`` (None: any doctor)."""
    span = window(desk)
    doctors = [doctor] if doctor is not None else clinic.doctors()
    return held_between(span.first, span.last, [each.id for each in doctors])


def _working(day: date, doctor: Doctor | None) -> dict[int, tuple[time, time]]:
    doctors = [doctor] if doctor is not None else clinic.doctors()
    found = {}
    for each in doctors:
        hours_of = clinic.working_hours(each.id, day)
        if hours_of is not None:
            found[each.id] = hours_of
    return found


def _free_doctors(
    start: datetime, parts: list[datetime], length: timedelta, working, held: Held, rules: Rules
) -> tuple[int, ...]:
    day = start.date()
    return tuple(
        doctor_id
        for doctor_id, (starts, ends) in working.items()
        if _at(day, starts) <= start
        and start + length <= _at(day, ends)
        and held.blocking(doctor_id, start, start + length) is None
        and all(held.taken.get((doctor_id, p), 0) < rules.per_slot for p in parts)
    )


def free_days(
    first: date, last: date, service: Service, doctor: Doctor | None, held: Held | None = None
) -> set[date]:
    """The days from ``first`` to ``last`` with at least one free time for ``service`` with
    ``doctor``: what a month view marks. Seats and blocks are read once for the window."""
    held = held_in_window(doctor) if held is None else held
    found = set()
    day = first
    while day <= last:
        if day_slots(day, service, doctor, held=held).slots:
            found.add(day)
        day += timedelta(days=1)
    return found


def day_slots(
    day: date,
    service: Service,
    doctor: Doctor | None,
    lang: str = "ko",
    held: Held | None = None,
    desk: bool = False,
) -> Day:
    """The free slots of ``day`` for ``service`` with ``doctor`` (None: any doctor): only start
    times where the whole treatment fits. ``held``: seats and blocks, when the caller has read
    them for many days at once."""
    span = window(desk)
    if not span.first <= day <= span.last:
        return Day(day, [], outside=True)
    if held is None:  # one day asked about on its own: worked out afresh
        return _work_out(day, service, doctor, lang, None, span)
    key = kept_days.key(day, service, doctor, lang, desk, held, span.earliest)
    found = kept_days.get(key)
    if found is not None:
        return found
    shown = _work_out(day, service, doctor, lang, held, span)
    kept_days.put(key, shown, held)
    return shown


def _work_out(
    day: date, service: Service, doctor: Doctor | None, lang: str, held: Held | None, span: Window
) -> Day:
    rules = booking_rules()
    hours = clinic.hours_on(day)
    if hours is None:
        reason = clinic.closure(day, lang)
        return Day(day, [], closed=reason.reason if reason and reason.reason else "")
    working = _working(day, doctor)
    if held is None:
        held = held_between(day, day, list(working))
    step = timedelta(minutes=rules.slot_minutes)
    length = step * service.slots
    found = []
    start = _at(day, hours.opens)
    while start + length <= _at(day, hours.closes):
        parts = [start + step * n for n in range(service.slots)]
        if start >= span.earliest and all(hours.open_at(p.time()) for p in parts):
            free = _free_doctors(start, parts, length, working, held, rules)
            if free:
                found.append(Slot(start, free))
        start += step
    return Day(day, found)


def refusal(
    start: datetime, service: Service, doctor: Doctor | None, desk: bool = False
) -> BookingRefused | None:
    """Why ``start`` cannot be booked for ``service`` with ``doctor``, the true reason, or None
    when it can: not one of the day's times, gone or too soon, past the horizon, a closed day,
    a treatment that runs into the lunch break or past closing, the doctor away or the time
    blocked, or every seat taken."""
    rules = booking_rules()
    span = window(desk)
    day = start.date()
    if start < span.earliest:
        return BookingRefused("gone" if desk or start < clock.local_now() else "past", "slot")
    if day > span.last:
        return BookingRefused("horizon", "slot", days=(span.last - span.first).days)
    hours = clinic.hours_on(day)
    if hours is None:
        return BookingRefused("closed_day", "slot", day=format_day(day))
    step = timedelta(minutes=rules.slot_minutes)
    opens = _at(day, hours.opens)
    if hours.lunch_from and hours.lunch_to and hours.lunch_from <= start.time() < hours.lunch_to:
        return BookingRefused(
            "lunch", "slot", start=f"{hours.lunch_from:%H:%M}", end=f"{hours.lunch_to:%H:%M}"
        )
    if start < opens or (start - opens) % step or not hours.open_at(start.time()):
        return BookingRefused("closed", "slot")
    length = step * service.slots
    parts = [start + step * n for n in range(service.slots)]
    if start + length > _at(day, hours.closes) or not all(hours.open_at(p.time()) for p in parts):
        return BookingRefused("doesnt_fit", "slot")
    working = _working(day, doctor)
    on_duty = {d: h for d, h in working.items() if _at(day, h[0]) <= start}
    on_duty = {d: h for d, h in on_duty.items() if start + length <= _at(day, h[1])}
    if not on_duty:
        return BookingRefused("doctor_away", "slot")
    held_now = held_between(day, day, list(on_duty))
    if all(held_now.blocking(d, start, start + length) for d in on_duty):
        return BookingRefused("blocked", "slot")
    if not _free_doctors(start, parts, length, on_duty, held_now, rules):
        return BookingRefused("full", "slot")
    return None


def free_slot(start: datetime, service: Service, doctor: Doctor | None, desk: bool) -> Slot:
    """The slot starting at ``start`` if it can be booked, else the refusal with its reason."""
    refused = refusal(start, service, doctor, desk)
    if refused is not None:
        raise refused
    working = _working(start.date(), doctor)
    rules = booking_rules()
    step = timedelta(minutes=rules.slot_minutes)
    parts = [start + step * n for n in range(service.slots)]
    held_now = held_between(start.date(), start.date(), list(working))
    return Slot(start, _free_doctors(start, parts, step * service.slots, working, held_now, rules))


def next_free_day(
    after: date, service: Service, doctor: Doctor | None, held: Held | None = None
) -> date | None:
    """The first day after ``after`` with a free slot, within the booking horizon."""
    _first, last = horizon(booking_rules())
    day = after + timedelta(days=1)
    if day > last:
        return None
    held = held_in_window(doctor) if held is None else held
    while day <= last:
        if day_slots(day, service, doctor, held=held).slots:
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
