"""The rules of versions: when one takes effect, order, immutability, notice period, withdrawal."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from clinic_site.extensions import db
from clinic_site.policy import queries, services
from clinic_site.policy.refusals import PolicyImmutable
from tests.fixtures.policy import noon_seoul

# These tests follow a clinic's policy history from its first start.
pytestmark = pytest.mark.new_clinic

TODAY = date(2026, 5, 1)


@pytest.fixture
def announced(app, set_now, add_version):
    """Version 1 in effect since 2026-01-01; version 2 announced on TODAY, effective in 8 days."""
    add_version(1, date(2026, 1, 1), date(2026, 1, 1), body_en="One.")
    set_now(noon_seoul(TODAY))
    with app.app_context():
        version = services.announce("Two.", None, "Second.", TODAY + timedelta(days=8), None)
        db.session.commit()
        assert version.number == 2
    return app


def test_a_version_is_upcoming_until_its_effective_date(announced, set_now):
    with announced.app_context():
        assert services.current().number == 1
        assert [v.number for v in queries.upcoming(TODAY)] == [2]
        set_now(noon_seoul(TODAY + timedelta(days=7)))
        assert services.current().number == 1
        set_now(noon_seoul(TODAY + timedelta(days=8)))
        assert services.current().number == 2
        assert queries.upcoming(TODAY + timedelta(days=8)) == []


def test_it_takes_effect_at_midnight_in_the_clinic_time_zone(announced, set_now):
    # Effective 2026-05-09; midnight in Seoul is 15:00 UTC the day before.
    effective = TODAY + timedelta(days=8)
    with announced.app_context():
        set_now(datetime(2026, 5, 8, 14, 59, 59, tzinfo=UTC))
        assert services.current().number == 1
        set_now(datetime(2026, 5, 8, 15, 0, 0, tzinfo=UTC))
        assert services.current().number == 2
        assert services.current().effective_on == effective


def test_history_is_newest_first(announced):
    with announced.app_context():
        assert [v.number for v in queries.versions()] == [2, 1]


def test_an_announced_version_cannot_be_changed(announced):
    with announced.app_context():
        version = queries.get_version(2)
        version.body_en = "Rewritten."
        with pytest.raises(PolicyImmutable):
            db.session.flush()
        db.session.rollback()
        version = queries.get_version(1)
        version.effective_on = date(2027, 1, 1)
        with pytest.raises(PolicyImmutable):
            db.session.commit()
        db.session.rollback()
        assert queries.get_version(1).effective_on == date(2026, 1, 1)


def test_less_than_seven_days_notice_is_refused(app, set_now, add_version):
    add_version(1, date(2026, 1, 1), date(2026, 1, 1))
    set_now(noon_seoul(TODAY))
    with app.app_context():
        with pytest.raises(services.PolicyRefused) as refused:
            services.announce("Text.", None, "Why.", TODAY + timedelta(days=6), None)
        with app.test_request_context(headers={"Accept-Language": "en"}):
            assert "2026-05-08 or later" in str(refused.value.message)
        assert refused.value.field == "effective_on"
        version = services.announce("Text.", None, "Why.", TODAY + timedelta(days=7), None)
        assert version.announced_on == TODAY


def test_a_site_s_first_version_may_take_effect_the_day_it_is_announced(app, set_now):
    # With no policy in effect yet there is nothing to give notice of changing, and a site must
    # always show a policy in effect: no 7 days without one.
    set_now(noon_seoul(TODAY))
    with app.app_context():
        version = services.announce("First.", None, "Why.", TODAY, None)
        db.session.commit()
        assert version.effective_on == TODAY
        assert queries.in_effect_on(TODAY).number == version.number
        with pytest.raises(services.PolicyRefused):
            services.announce("Second.", None, "Why.", TODAY + timedelta(days=6), None)


def test_the_body_goes_to_the_clinic_language(make_app, set_now):
    app = make_app("anonymous", CLINIC_LANGUAGE="en", CLOCK_FROZEN_AT=noon_seoul(TODAY))
    with app.app_context():
        version = services.announce("English.", "한국어.", "Why.", TODAY + timedelta(days=9), None)
        assert (version.body_en, version.body_ko) == ("English.\n", "한국어.\n")
        assert version.text_for("ko") == ("한국어.\n", "ko")


def test_withdrawal_before_effect_keeps_it_in_the_history(announced, set_now):
    with announced.app_context():
        with pytest.raises(services.PolicyRefused):
            services.withdraw(2, "  ", None)
        services.withdraw(2, "Wrong date.", None)
        db.session.commit()
        version = queries.get_version(2)
        assert version.withdrawn and version.withdrawn_reason == "Wrong date."
        assert [v.number for v in queries.versions()] == [2, 1]
        set_now(noon_seoul(TODAY + timedelta(days=30)))
        assert services.current().number == 1  # a withdrawn version never takes effect


def test_a_version_in_effect_cannot_be_withdrawn(announced):
    with announced.app_context(), pytest.raises(services.PolicyRefused):
        services.withdraw(1, "Too late.", None)


def test_reading_never_publishes_and_the_owner_publishes_version_one_once(app, set_now):
    set_now(noon_seoul(TODAY))
    with app.app_context():
        assert services.current() is None and services.consent_version() is None
        assert queries.versions() == []  # reading the policy announced nothing
        first = services.publish_first()
        db.session.commit()
        assert first.number == 1 and first.origin == "default"
        assert first.announced_on == first.effective_on == TODAY
        assert services.current().number == 1
        with pytest.raises(services.PolicyRefused) as again:
            services.publish_first()
        assert again.value.code == "already_published"
        assert len(queries.versions()) == 1


def test_two_publications_at_once_make_one_version(make_app, monkeypatch):
    """Two workers both saw an empty table; the second insert loses on the unique number and is
    refused, and version 1 stays the one the first stored."""
    first, second = make_app("anonymous"), make_app("anonymous")
    with second.app_context():
        assert services.publish_first() is not None
        db.session.commit()
    with first.app_context():
        monkeypatch.setattr(services, "latest_number", lambda: None)  # what it saw a moment earlier
        with pytest.raises(services.PolicyRefused):
            services.publish_first()
        monkeypatch.undo()
        db.session.rollback()
        assert services.current().number == 1
        assert [v.number for v in queries.versions()] == [1]


def test_nothing_is_published_without_the_clinic_s_details_and_manager(app):
    from clinic_site.settings.services import update_settings

    with app.test_request_context():
        update_settings(privacy_manager_phone="", privacy_manager_email="")
        with pytest.raises(services.PolicyRefused) as refused:
            services.publish_first()
        assert refused.value.code == "details_missing"
        assert queries.versions() == []


def test_two_announcements_at_once_get_consecutive_numbers(app, set_now, add_version, monkeypatch):
    add_version(1, date(2026, 1, 1), date(2026, 1, 1))
    set_now(noon_seoul(TODAY))
    real, seen = queries.latest_number, []

    def stale():
        seen.append(1)
        return None if len(seen) == 1 else real()  # the first look missed version 1

    monkeypatch.setattr(services, "latest_number", stale)
    with app.app_context():
        version = services.announce("Two.", None, "Why.", TODAY + timedelta(days=9), None)
        db.session.commit()
        assert version.number == 2
        assert [v.number for v in queries.versions()] == [2, 1]
