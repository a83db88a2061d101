"""states_retention_days: may the consultation retention setting be changed to a number of days
without a new policy? Only when the policy in effect states that number."""

from __future__ import annotations

from datetime import date

import pytest

from clinic_site.extensions import db
from clinic_site.policy import queries
from clinic_site.policy.generated import default_text
from clinic_site.settings.services import update_settings
from tests.fixtures.policy import noon_seoul, publish

# These tests follow a clinic's policy history from its first start.
pytestmark = pytest.mark.new_clinic

TODAY = date(2026, 5, 1)


@pytest.fixture(autouse=True)
def _today(set_now):
    set_now(noon_seoul(TODAY))


def test_before_anything_is_announced_any_number_is_fine(app):
    with app.app_context():
        assert queries.states_retention_days(30)
        assert queries.versions() == []  # asking does not announce the first version


def test_the_first_version_states_the_setting_it_was_written_with(app, client):
    publish(app)  # version 1, with the default 365 days
    with app.app_context():
        assert queries.states_retention_days(365)
        assert not queries.states_retention_days(180)
        assert not queries.states_retention_days(7)  # the notice period is not a retention
        assert not queries.states_retention_days(36)
        assert not queries.states_retention_days(65)


def test_a_later_setting_does_not_change_what_version_1_states(app, client):
    publish(app)
    with app.app_context():
        update_settings(consultation_retention_days=180)
        db.session.commit()
        assert not queries.states_retention_days(180)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_generated_text_states_only_the_set_number(app, lang):
    """The table and section 3 both state the set number; nothing in the text still says 365."""
    with app.test_request_context():
        update_settings(consultation_retention_days=180)
        db.session.commit()
        from clinic_site.settings.queries import get_settings

        text = default_text(lang, "anonymous", get_settings())
    assert "180" in text and "365" not in text


@pytest.mark.parametrize(
    ("body_ko", "body_en", "days", "expected"),
    [
        ("상담 글은 마지막 답변 후 180일까지 보관합니다.", None, 180, True),
        (None, "Inquiries are kept for 1,095 days after the last reply.", 1095, True),
        (None, "Consultations: a 90-day retention period.", 90, True),
        (None, "Consultations are kept for 1365 days.", 365, False),
        (None, "We announce changes 30 days ahead.\nInquiries are kept for a year.", 30, False),
    ],
)
def test_the_text_of_the_version_in_effect(app, add_version, body_ko, body_en, days, expected):
    add_version(1, date(2026, 1, 1), date(2026, 1, 1), body_ko=body_ko, body_en=body_en)
    with app.app_context():
        assert queries.states_retention_days(days) is expected


def test_an_upcoming_version_counts_only_once_in_effect(app, add_version, set_now):
    add_version(1, date(2026, 1, 1), date(2026, 1, 1), body_en="Inquiries: 365 days.")
    add_version(2, TODAY, date(2026, 5, 9), body_en="Inquiries: 180 days.")
    with app.app_context():
        assert queries.states_retention_days(365)
        assert not queries.states_retention_days(180)
        set_now(noon_seoul(date(2026, 5, 9)))
        assert queries.states_retention_days(180)
        assert not queries.states_retention_days(365)


def test_nothing_in_effect_yet_binds_nothing(app, add_version):
    # An imported history that starts in the future promises nothing today.
    add_version(1, TODAY, date(2026, 6, 1), body_en="Inquiries: 365 days.")
    with app.app_context():
        assert queries.states_retention_days(180)


@pytest.mark.parametrize(("text", "days"), [
    ("상담 글은 3년간 보관합니다.", 1095),
    ("Inquiries are kept for 1 year after the last reply.", 365),
    ("상담 글은 6개월 동안 보관합니다.", 180),
    ("상담 글은 6개월 동안 보관합니다.", 186),
])  # fmt: skip
def test_years_and_months_count_as_their_days(app, add_version, text, days):
    add_version(1, date(2026, 1, 1), date(2026, 1, 1), body_ko=text, body_en=None)
    with app.app_context():
        assert queries.states_retention_days(days)
        assert not queries.states_retention_days(days + 100)
