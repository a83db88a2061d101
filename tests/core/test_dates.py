"""Dates read as people write them in each language, on the clinic's clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

from clinic_site.core.dates import day, moment

AT = datetime(2026, 11, 22, 1, 29, tzinfo=UTC)  # 10:29 in Seoul


def test_korean_and_english_dates_and_times(app):
    with app.test_request_context(headers={"Accept-Language": "ko"}):
        assert moment(AT) == "2026년 11월 22일 (일) 오전 10:29"
        assert day(date(2026, 11, 23)) == "2026년 11월 23일 (월)"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert moment(AT) == "Sun 22 Nov 2026, 10:29"
        assert day(AT) == "Sun 22 Nov 2026"
