"""The front desk's grids: a day as rows of times with a column per doctor, a doctor's week as rows
of times with a column per day. Each cell holds the visits that take that time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ...clinic import services as clinic
from ...platform import clock
from ..setup.queries import booking_rules
from .queries import Visit


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=clock.zone())


def _times(day: date, step: timedelta) -> list[datetime]:
    hours = clinic.hours_on(day)
    if hours is None:
        return []
    found, at = [], _at(day, hours.opens)
    while at < _at(day, hours.closes):
        found.append(at)
        at += step
    return found


def _holding(visit: Visit) -> bool:
    return visit.reservation.holds_slot or visit.reservation.status in ("completed", "no_show")


def day(on: date, visits: list[Visit], doctors) -> list[tuple[datetime, dict[int, list[Visit]]]]:
    """Each slot start of the day (and any visit outside the hours), and per doctor the visits
    that hold it; a cancelled visit takes no time."""
    step = timedelta(minutes=booking_rules().slot_minutes)
    times = _times(on, step)
    for visit in visits:
        if visit.starts not in times:
            times.append(visit.starts)
    rows = []
    for at in sorted(times):
        cells: dict[int, list[Visit]] = {}
        for visit in visits:
            doctor_id = visit.reservation.doctor_id
            if doctor_id and _holding(visit) and visit.starts <= at < visit.ends:
                cells.setdefault(doctor_id, []).append(visit)
        rows.append((at, cells))
    return rows


def week(days: list[date], visits: list[Visit]) -> list[tuple[time, dict[date, list[Visit]]]]:
    """Each time of day the clinic opens on some day of the week, and per day the visits (of one
    doctor) that hold it."""
    step = timedelta(minutes=booking_rules().slot_minutes)
    clock_times = sorted({at.time() for day in days for at in _times(day, step)}
                         | {visit.starts.time() for visit in visits})  # fmt: skip
    rows = []
    for moment in clock_times:
        cells: dict[date, list[Visit]] = {}
        for visit in visits:
            at = _at(visit.starts.date(), moment)
            if _holding(visit) and visit.starts <= at < visit.ends:
                cells.setdefault(visit.starts.date(), []).append(visit)
        rows.append((moment, cells))
    return rows
