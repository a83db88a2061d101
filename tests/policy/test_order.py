"""Versions take effect in the order they were announced: a newer version cannot be overtaken by an
older one, and "what changed" compares each version with the one it replaces."""

from __future__ import annotations

from datetime import date

import pytest

from clinic_site.extensions import db
from clinic_site.policy import queries, services
from tests.fixtures.policy import noon_seoul, publish
from tests.helpers import submit

# These tests follow a clinic's policy history from its first start.
pytestmark = pytest.mark.new_clinic

EN = {"Accept-Language": "en"}
TODAY = date(2026, 11, 1)


@pytest.fixture(autouse=True)
def _today(set_now):
    set_now(noon_seoul(TODAY))


def _announce(number_expected: int, effective: date) -> None:
    version = services.announce(f"Text {number_expected}.", None, "Why.", effective, None)
    db.session.commit()
    assert version.number == number_expected


def test_an_earlier_date_than_an_upcoming_version_is_refused(app, add_version):
    add_version(1, date(2026, 1, 1), date(2026, 1, 1))
    with app.app_context():
        _announce(2, date(2026, 12, 20))
        with pytest.raises(services.PolicyRefused) as refused:
            services.announce("Text 3.", None, "Why.", date(2026, 11, 29), None)
        assert refused.value.field == "effective_on"
        with app.test_request_context(headers=EN):
            message = str(refused.value.message)
        assert "Version 2" in message and "2026-12-20" in message and "withdraw" in message
        db.session.rollback()
        assert [v.number for v in queries.versions()] == [2, 1]
        _announce(3, date(2026, 12, 20))  # the same day or later is fine


def test_after_withdrawing_the_upcoming_version_an_earlier_date_is_accepted(app, add_version):
    add_version(1, date(2026, 1, 1), date(2026, 1, 1))
    with app.app_context():
        _announce(2, date(2026, 12, 20))
        services.withdraw(2, "Replaced.", None)
        db.session.commit()
        _announce(3, date(2026, 11, 29))


def test_a_version_already_in_effect_does_not_hold_back_a_new_one(app, add_version, set_now):
    add_version(1, date(2026, 1, 1), date(2026, 1, 1))
    add_version(2, date(2026, 10, 1), date(2026, 10, 20))
    with app.app_context():
        _announce(3, date(2026, 11, 8))


def test_the_editor_shows_the_refusal_beside_the_date(app, owner_client):
    publish(app)  # version 1, effective today
    form = {"body": "Text.", "translation": "", "summary": "Later.", "effective_on": "2026-12-20"}
    assert submit(owner_client, "/admin/policy/new", form).status_code == 303
    refused = submit(owner_client, "/admin/policy/new", {**form, "effective_on": "2026-11-29"},
                     headers=EN)  # fmt: skip
    assert refused.status_code == 422
    error = refused.get_data(as_text=True).split('id="effective_on-error"')[1][:400]
    assert "Version 2" in error and "2026-12-20" in error
    with app.app_context():
        assert [v.number for v in queries.versions()] == [2, 1]
    page = owner_client.get("/policy", headers=EN).get_data(as_text=True)
    assert "Version 1, in effect today" in page


def test_import_refuses_a_date_before_an_announced_version(app, add_version, runner, tmp_path):
    add_version(1, date(2026, 1, 1), date(2026, 1, 1))
    with app.app_context():
        _announce(2, date(2026, 12, 20))
    path = tmp_path / "old.md"
    path.write_text("Old.\n", encoding="utf-8")
    result = runner.invoke(args=["policy", "import", str(path), "--announced", "2026-11-01",
                                 "--effective", "2026-11-29", "--summary", "Old."])  # fmt: skip
    assert result.exit_code != 0 and "version 2" in result.output


@pytest.fixture
def overtaken(add_version, set_now):
    """Versions stored before the rule existed: version 3 was announced after version 2 but takes
    effect before it."""
    add_version(1, date(2026, 1, 1), date(2026, 1, 1), body_en="One.\n")
    add_version(2, date(2026, 11, 1), date(2026, 12, 20), body_en="Two.\n")
    add_version(3, date(2026, 11, 2), date(2026, 11, 29), body_en="Three.\n")


def test_changes_compare_with_the_version_in_effect_before(app, client, overtaken, set_now):
    set_now(noon_seoul(date(2026, 12, 25)))
    page = client.get("/policy", headers=EN).get_data(as_text=True)
    assert "Version 2, in effect today" in page
    two = client.get("/policy/2/changes", headers=EN).get_data(as_text=True)
    assert "Compared with version 3" in two  # version 3 was in effect until version 2 took over
    three = client.get("/policy/3/changes", headers=EN).get_data(as_text=True)
    assert "Compared with version 1" in three


def test_the_version_before_skips_withdrawn_ones(app, add_version):
    add_version(1, date(2026, 1, 1), date(2026, 1, 1))
    with app.app_context():
        _announce(2, date(2026, 12, 20))
        services.withdraw(2, "Wrong.", None)
        db.session.commit()
        _announce(3, date(2026, 12, 1))
        assert queries.previous(queries.get_version(3)).number == 1
        assert queries.previous(queries.get_version(1)) is None
