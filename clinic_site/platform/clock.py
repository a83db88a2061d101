"""The one source of time. Stored instants are UTC; "today" and slot times are the clinic's.

Tests freeze time by setting ``app.config["CLOCK_FROZEN_AT"]`` to an aware datetime.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def now() -> datetime:
    """The current instant, aware, in UTC."""
    frozen = current_app.config.get("CLOCK_FROZEN_AT")
    if frozen is not None:
        return frozen.astimezone(UTC)
    return datetime.now(UTC)


def wall_now() -> datetime:
    """The real instant, never frozen: only for what another machine checks against its own
    clock (the date a provider's signed request carries). Everything the site decides by reads
    ``now()``."""
    return datetime.now(UTC)


def zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["CLINIC_TIMEZONE"])


def local_now() -> datetime:
    """The current instant on the clinic's wall clock."""
    return now().astimezone(zone())


def today() -> date:
    """The date at the clinic, which is what "announced today" and "effective on" mean."""
    return local_now().date()


def to_local(instant: datetime) -> datetime:
    return instant.astimezone(zone())


def stamp(instant: datetime | None) -> str | None:
    """An instant on the clinic's clock with its offset ("2026-12-07T10:00:00+09:00"): how every
    time in a download reads, so one file never mixes two zones."""
    return to_local(instant).isoformat(timespec="seconds") if instant is not None else None
