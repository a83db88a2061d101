"""Periods the policy states are kept to the day: calendar months and years, never a day less."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from clinic_site.privacy.periods import Adjustable, Period


@pytest.mark.parametrize(
    "period, instant, expected",
    [
        (
            Period(6, "month"),
            datetime(2026, 8, 31, 9, tzinfo=UTC),
            datetime(2026, 2, 28, 9, tzinfo=UTC),
        ),
        (Period(3, "month"), datetime(2026, 5, 31, tzinfo=UTC), datetime(2026, 2, 28, tzinfo=UTC)),
        (Period(3, "month"), datetime(2028, 5, 31, tzinfo=UTC), datetime(2028, 2, 29, tzinfo=UTC)),
        (Period(2, "year"), datetime(2028, 2, 29, tzinfo=UTC), datetime(2026, 2, 28, tzinfo=UTC)),
        (Period(3, "month"), datetime(2026, 1, 15, tzinfo=UTC), datetime(2025, 10, 15, tzinfo=UTC)),
        (Period(30, "day"), datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 1, 30, tzinfo=UTC)),
        (
            Period(8, "hour"),
            datetime(2026, 3, 1, 4, tzinfo=UTC),
            datetime(2026, 2, 28, 20, tzinfo=UTC),
        ),
    ],
)
def test_before_counts_calendar_months_and_years(period, instant, expected):
    assert period.before(instant) == expected


def test_days_from_is_the_calendar_length():
    assert Period(1, "year").days_from(date(2027, 3, 1)) == 366  # through 29 February 2028
    assert Period(1, "year").days_from(date(2026, 3, 1)) == 365
    assert Period(6, "month").days_from(date(2026, 3, 2)) == 184


def test_periods_read_in_the_page_language(app):
    with app.test_request_context(headers={"Accept-Language": "ko"}):
        assert [str(Period(3, "month")), str(Period(1, "year"))] == ["3개월", "1년"]
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert [str(Period(1, "month")), str(Period(2, "year"))] == ["1 month", "2 years"]


def test_a_period_the_clinic_sets_comes_from_its_setting(app):
    kept = Adjustable(365, setting="consultation_retention_days", words="Kept %(period)s.")

    class Settings:
        consultation_retention_days = 400

    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert kept.days() == 365 and kept.days(Settings()) == 400
        assert kept.describe(Settings()) == "Kept 400 days."


def test_nonsense_periods_are_refused():
    with pytest.raises(ValueError):
        Period(0, "month")
    with pytest.raises(ValueError):
        Period(3, "week")
