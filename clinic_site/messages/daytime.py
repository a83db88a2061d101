"""Quiet hours: no reminder reaches a patient between 21:00 and 08:00 at the clinic."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from ..platform import clock

DAY_STARTS = time(8, 0)
DAY_ENDS = time(21, 0)


def is_quiet(instant: datetime) -> bool:
    """Whether ``instant`` falls in the clinic's night (21:00 to 08:00, its own clock)."""
    local = clock.to_local(instant).time()
    return local >= DAY_ENDS or local < DAY_STARTS


def daytime(instant: datetime) -> datetime:
    """``instant`` itself in daytime; otherwise the next 08:00 at the clinic (the same morning
    before 08:00, the next morning from 21:00). Aware, in UTC."""
    if not is_quiet(instant):
        return instant
    local = clock.to_local(instant)
    day = local.date() if local.time() < DAY_STARTS else local.date() + timedelta(days=1)
    morning = datetime.combine(day, DAY_STARTS, tzinfo=clock.zone())
    return morning.astimezone(UTC)
