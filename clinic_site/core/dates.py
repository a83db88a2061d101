"""Dates and times as people write them in each language, in the clinic's time zone:
"2026년 11월 23일 (월) 오전 11:00" and "Mon 23 Nov 2026, 11:00". Babel's short forms
("26. 11. 23. AM 11:00") and full forms (with seconds and the zone's name) read like machine output.

Formatting goes to Babel directly: Flask-Babel's wrappers look the locale and the time zone up
again for every date, which cost five times the formatting on a list page.
"""

from __future__ import annotations

from datetime import date, datetime

from babel import dates as babel_dates
from flask import Flask

from ..platform import clock
from .i18n import locale

DAY = {"ko": "y년 M월 d일 (E)", "en": "EEE d MMM y"}
MOMENT = {"ko": "y년 M월 d일 (E) aaaa h:mm", "en": "EEE d MMM y, HH:mm"}
CLOCK = {"ko": "aaaa h:mm", "en": "HH:mm"}  # "aaaa": 오전/오후, where "a" gives AM/PM
MONTH = {"ko": "y년 M월", "en": "MMMM y"}


def _format(value: datetime, patterns: dict[str, str]) -> str:
    current = locale()
    pattern = patterns["ko" if current.language == "ko" else "en"]
    return babel_dates.format_datetime(value, pattern, tzinfo=clock.zone(), locale=current)


def day(value: date | datetime) -> str:
    """The date, with its weekday; an instant is read on the clinic's calendar."""
    if isinstance(value, datetime):
        return _format(value, DAY)
    current = locale()
    return babel_dates.format_date(value, DAY["ko" if current.language == "ko" else "en"],
                                   locale=current)  # fmt: skip


def moment(value: datetime) -> str:
    """Date and time (no seconds) on the clinic's clock."""
    return _format(value, MOMENT)


def clock_time(value: datetime) -> str:
    return _format(value, CLOCK)


def month_name(value: date) -> str:
    """A month as a calendar's heading: "2026년 3월", "March 2026"."""
    current = locale()
    return babel_dates.format_date(value, MONTH["ko" if current.language == "ko" else "en"],
                                   locale=current)  # fmt: skip


def weekday_names() -> list[tuple[str, str]]:
    """(short, full) weekday names, Monday first, for a calendar's column headings."""
    current = locale()
    short = babel_dates.get_day_names("abbreviated", locale=current)
    full = babel_dates.get_day_names("wide", locale=current)
    return [(short[n], full[n]) for n in range(7)]


def local_date(value: datetime | date) -> str:
    """The clinic's date of an instant (or a date) as YYYY-MM-DD, for a ``<time datetime>``
    attribute."""
    if isinstance(value, datetime):
        value = clock.to_local(value).date()
    return value.isoformat()


def local_minute(value: datetime) -> str:
    """An instant as the clinic's wall clock to the minute, ``YYYY-MM-DDTHH:MM``, for a
    ``<time datetime>`` attribute of a visit's time."""
    return clock.to_local(value).strftime("%Y-%m-%dT%H:%M")


def instant(value: datetime) -> str:
    """An instant to the second with its offset, for a ``<time datetime>`` attribute (HTML allows
    at most three digits of a second's fraction)."""
    return value.isoformat(timespec="seconds")


def init_app(app: Flask) -> None:
    app.add_template_filter(instant, "instant")
    app.add_template_filter(day, "day")
    app.add_template_filter(moment, "moment")
    app.add_template_filter(clock_time, "clock_time")
    app.add_template_filter(local_date, "local_date")
    app.add_template_filter(local_minute, "local_minute")
    app.add_template_filter(month_name, "month_name")
    app.add_template_global(weekday_names, "weekday_names")
