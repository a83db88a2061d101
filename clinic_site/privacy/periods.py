"""Lengths of time as the privacy policy states them ("3 months", "2 years", "365 days") and how
long something is kept when no fixed length applies ("until the member withdraws"). Each has
``describe(settings)``: the words, in the page's language, with a clinic setting filled in.

The inventory names one of these for every item, cookie and record; purges, cookie lifetimes and
every page that states a period read it from there, so what the site says and what it does cannot
drift apart. Words come out in the language of the page being drawn.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import ngettext

UNITS = ("hour", "day", "month", "year")


def _shift_months(day, months: int):
    """The same day ``months`` calendar months later (earlier when negative), or that month's last
    day if it has fewer (31 May less 3 months is 28 or 29 February). Keeps a datetime's time."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last))


@dataclass(frozen=True)
class Period:
    """A fixed length: ``Period(3, "month")``. Months and years are calendar months and years, so
    "6 months" keeps a record at least until the same date six months on, never a day less."""

    count: int
    unit: str

    def __post_init__(self) -> None:
        if self.unit not in UNITS or self.count < 1:
            raise ValueError(f"not a period: {self.count} {self.unit}")

    def before(self, instant: datetime) -> datetime:
        """The instant this period before ``instant``: what is older has outlived the period."""
        if self.unit == "hour":
            return instant - timedelta(hours=self.count)
        if self.unit == "day":
            return instant - timedelta(days=self.count)
        return _shift_months(instant, -self._months())

    def _months(self) -> int:
        return self.count * (12 if self.unit == "year" else 1)

    def days_from(self, day: date) -> int:
        """How many days the period lasts when it starts on ``day`` (a cookie's max-age)."""
        if self.unit == "hour":
            return max(1, self.count // 24)
        if self.unit == "day":
            return self.count
        return (_shift_months(day, self._months()) - day).days

    def timedelta(self) -> timedelta:
        """The period as a fixed length; only hours and days have one."""
        if self.unit == "hour":
            return timedelta(hours=self.count)
        if self.unit == "day":
            return timedelta(days=self.count)
        raise ValueError(f"{self.english()} has no fixed length")

    def english(self) -> str:
        """Plain English for records stored in the database (the destruction log's rule)."""
        return f"{self.count} {self.unit}{'' if self.count == 1 else 's'}"

    def describe(self, settings=None) -> str:
        return str(self)

    def __str__(self) -> str:
        return words(self.count, self.unit)


def words(count: int, unit: str) -> str:
    """``count`` ``unit``s in the page's language: "3 months", "3개월"."""
    if unit == "hour":
        return ngettext("%(num)d hour", "%(num)d hours", count)
    if unit == "day":
        return ngettext("%(num)d day", "%(num)d days", count)
    if unit == "month":
        return ngettext("%(num)d month", "%(num)d months", count)
    return ngettext("%(num)d year", "%(num)d years", count)


@dataclass(frozen=True)
class Until:
    """Kept until something happens rather than for a fixed length. The words may name a fixed
    ``period`` as ``%(period)s`` ("30 days for a member who stays signed in")."""

    event: object  # lazily translated words: "Until the member withdraws"
    period: Period | None = None

    def describe(self, settings=None) -> str:
        return str(self)

    def __str__(self) -> str:
        words = str(self.event)
        return words % {"period": self.period} if self.period else words


@dataclass(frozen=True)
class Adjustable:
    """A number of days the clinic may change: a clinic setting the owner edits (``setting``) or a
    configuration key (``config``). ``words`` may place the period in a sentence with
    ``%(period)s``; ``default`` is what a new site starts with."""

    default: int
    setting: str | None = None
    config: str | None = None
    words: object = None

    def days(self, settings=None) -> int:
        """The number in force: from ``settings`` (the clinic's settings snapshot) or the app's
        configuration; the default when neither holds it."""
        if self.setting is not None and settings is not None:
            return int(getattr(settings, self.setting))
        if self.config is not None:
            return int(current_app.config.get(self.config, self.default))
        return self.default

    def period(self, settings=None) -> Period:
        return Period(self.days(settings), "day")

    def describe(self, settings=None) -> str:
        period = str(self.period(settings))
        return str(self.words) % {"period": period} if self.words else period
