"""The month at a glance on the booking page: the weeks of a month, each day marked free (a
link), full or closed, within the days booking is open."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from flask import url_for

from ...clinic.models import Doctor
from .. import slots
from ..setup.models import Service


@dataclass(frozen=True)
class Month:
    first: date  # the first of the month
    weeks: list[list[date | None]]  # Monday first; None outside the month
    free: set[date]  # days with a free time for the choice
    open_from: date  # the first and last day booking is open
    open_until: date
    previous: date | None  # the first bookable day of the month before or after, if any
    following: date | None

    def bookable(self, day: date) -> bool:
        return self.open_from <= day <= self.open_until


def month_of(
    day: date, service: Service, doctor: Doctor | None, held: slots.Held, first: date, last: date
) -> Month:
    """The month holding ``day``, with its free days for ``service`` and ``doctor`` between
    ``first`` and ``last`` (the booking window)."""
    start = day.replace(day=1)
    days_in = calendar.monthrange(start.year, start.month)[1]
    end = start.replace(day=days_in)
    weeks = [
        [d if d.month == start.month else None for d in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(start.year, start.month)
    ]
    free = slots.free_days(max(start, first), min(end, last), service, doctor, held)
    before = start - timedelta(days=1)
    after = end + timedelta(days=1)
    return Month(
        first=start,
        weeks=weeks,
        free=free,
        open_from=first,
        open_until=last,
        previous=max(before.replace(day=1), first) if before >= first else None,
        following=after if after <= last else None,
    )


def day_links(page: str, service_id: int, doctor: int | str, args: dict) -> Callable[[date], str]:
    """The address of a day's times for one choice, as ``url_for(page, date=..., service=...,
    doctor=..., **args)`` gives it, made with one url_for for the month's thirty links."""
    marker = "0000-00-00"  # never a day, and nothing else in the address looks like one
    head, tail = url_for(page, date=marker, service=service_id, doctor=doctor, **args).split(marker)
    return lambda day: f"{head}{day.isoformat()}{tail}"
